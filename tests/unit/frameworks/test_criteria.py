"""One test per criterion: a passing, a failing and an unknown case (built directly, no files).

Contexts (see ``builders.py``): ``open_release`` (everything released under Apache-2.0),
``declared_open`` (the same, declared), ``closed_release`` (a declaration: nothing released,
llama2, monetised, 400B x 15T), ``restricted_release`` (gated llama2 weights only), ``empty`` (no
evidence), ``derived`` (a fine-tune of an Apache-2.0 base). ``None`` marks a case the criterion
cannot produce by design (documented in its catalogue entry).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from opengauge.frameworks.catalogue import load_frameworks
from opengauge.frameworks.context import Context
from opengauge.frameworks.registry import registered_checks
from opengauge.model.report import CriterionStatus
from tests.unit.frameworks import builders as b

M, P, N, U, NA = (CriterionStatus.MET, CriterionStatus.PARTIAL, CriterionStatus.NOT_MET,
                  CriterionStatus.UNKNOWN, CriterionStatus.NOT_APPLICABLE)
Build = Callable[[], Context]
OP, D, C, R, E = b.open_release, b.declared_open, b.closed_release, b.restricted_release, b.empty

# criterion: (pass case, fail case, unknown case), each (builder, expected status) or None
CASES: dict[str, tuple[tuple[Build, CriterionStatus] | None, ...]] = {
    "OSAID-D1": ((OP, M), (C, N), (E, U)),
    "OSAID-D2": ((OP, M), (R, N), (E, U)),
    "OSAID-D3": ((D, M), (C, N), (E, U)),
    "OSAID-CODE": ((OP, M), (C, N), (E, U)),
    "OSAID-PARAMS": ((OP, M), (C, N), (E, U)),
    "OSAID-TERMS": ((OP, M), (R, N), (E, U)),
    "MOF-CLASS-III": ((OP, M), (R, N), (E, U)),
    "MOF-CLASS-II": ((OP, M), (C, N), (E, U)),
    "MOF-CLASS-I": ((OP, M), (C, N), (E, U)),
    "EOSAI-DATA-BASE": ((OP, M), (R, N), (b.derived, U)),
    "EOSAI-DATA-END": ((OP, M), (R, N), (E, U)),
    "EOSAI-WEIGHTS-BASE": ((b.derived, M), (C, N), (E, U)),
    "EOSAI-WEIGHTS-END": ((OP, M), (C, N), (E, U)),
    "EOSAI-TRAINCODE": ((OP, M), (C, N), (E, U)),
    "EOSAI-CODEDOC": ((OP, M), (R, N), (E, U)),
    "EOSAI-HWARCH": ((OP, M), (R, N), (E, U)),
    "EOSAI-PREPRINT": ((OP, M), (R, N), (E, U)),
    "EOSAI-PAPER": ((OP, M), (R, N), (E, U)),
    "EOSAI-MODELCARD": ((OP, M), (C, N), (E, U)),
    "EOSAI-DATASHEET": ((D, M), (C, N), (E, U)),
    "EOSAI-LICENSES": ((OP, M), (R, N), (E, U)),
    "SOL-ACCESS": ((OP, M), None, (E, U)),
    "SOL-DOWNLOAD": ((OP, M), (C, N), (E, U)),
    "SOL-UNRESTRICTED": ((OP, M), (R, N), (E, U)),
    "SOL-COMPONENTS": ((OP, M), (C, N), (E, U)),
    "BRIEF-OUT-T": ((OP, M), (C, N), (E, U)),
    "BRIEF-OUT-R": ((OP, M), (C, N), (E, U)),
    "BRIEF-OUT-C": ((OP, M), (C, N), (E, U)),
    "BRIEF-OUT-A": ((OP, M), (C, N), (E, U)),
    "BRIEF-FACET-INTERP": ((OP, M), (C, N), (E, U)),
    "BRIEF-FACET-EXPLAIN": ((OP, M), (C, N), (E, U)),
    "BRIEF-FACET-TRACE": ((OP, M), (C, N), (E, U)),
    "BRIEF-FACET-AUDIT": ((OP, M), (C, N), (E, U)),
    "BRIEF-FACET-SAFETY": ((OP, M), (C, N), (E, U)),
    "EUAI-LICENSE": ((OP, M), (R, N), (E, U)),
    "EUAI-WEIGHTS": ((OP, M), (C, N), (E, U)),
    "EUAI-ARCH": ((OP, M), (C, N), (E, U)),
    "EUAI-USAGE": ((OP, M), (C, N), (E, U)),
    "EUAI-MONETISATION": ((OP, M), (R, N), (E, U)),
    "EUAI-COMPUTE": ((OP, M), (R, N), (E, U)),
    "EUAI-COPYRIGHT": ((OP, P), None, (E, U)),
    "EUAI-SUMMARY": ((D, M), (C, N), (E, U)),
    "EUAI-SYSTEMS": ((OP, NA), None, None),
    "PFB-CODE": ((OP, M), (C, N), (E, U)),
    "PFB-WEIGHTS": ((OP, M), (C, N), (E, U)),
    "PFB-EVAL-DATA": ((OP, M), (C, N), (E, U)),
    "PFB-MODEL-CARD": ((OP, M), (C, N), (E, U)),
    "PFB-DATA-CARD": ((OP, M), (C, N), (E, U)),
    "PFB-DATA-PROTOCOLS": ((OP, M), (C, N), (E, U)),
    "PFB-EVAL-RESULTS": ((OP, M), (C, N), (E, U)),
}
_KIND = ("pass", "fail", "unknown")


def _params() -> list[object]:
    out: list[object] = []
    for cid, cases in CASES.items():
        for kind, case in zip(_KIND, cases, strict=True):
            if case is not None:
                out.append(pytest.param(cid, case[0], case[1], id=f"{cid}-{kind}"))
    return out


def test_every_active_criterion_has_cases() -> None:
    active = {c.id for fw in load_frameworks() for c in fw.active()}
    assert active == set(CASES)


@pytest.mark.parametrize(("cid", "build", "expected"), _params())
def test_criterion(cid: str, build: Build, expected: CriterionStatus) -> None:
    outcome = registered_checks()[cid].fn(build())  # type: ignore[index]
    assert outcome.status is expected, outcome.message
    assert outcome.message
    if expected in (M, P, N) and build is not b.closed_release:
        assert outcome.evidence or cid in {"MOF-CLASS-I"}, "a decided outcome cites evidence"
    if expected is U:
        assert outcome.confidence.value == "low"

"""Framework verdicts, the summary keys and the open-washing check."""

from __future__ import annotations

from dataclasses import dataclass

from opengauge.frameworks.evaluate import evaluate_context
from opengauge.frameworks.verdicts import eosai_score, eosai_score_range
from tests.unit.frameworks import builders as b


@dataclass(frozen=True)
class _Claim:
    kind: str
    quote: str
    file: str = "README.md"
    line: int = 3
    evidence: str = "Eclaim"


OS_CLAIM = _Claim(kind="open_source", quote="the best open-source model available")
OW_CLAIM = _Claim(kind="open_weights", quote="an open-weights model")


def _eval(build, claims=()):  # type: ignore[no-untyped-def]
    c = build()
    ctx = b.context(c.bundle.items, c.components.values(), source=c.source, claims=claims)
    return evaluate_context(ctx)


def test_summary_keys_for_an_open_release() -> None:
    s = _eval(b.open_release).summary
    assert s["osaid"] == "pass"
    assert s["mof_class"] == "I"
    assert s["mof_progress"] == {"III": "100.0", "II": "100.0", "I": "100.0"}
    assert set(s["eosai"]) >= {"licenses", "weights_endmodel"} and len(s["eosai"]) == 12
    assert s["eosai_coverage"] == "1.0000"
    assert s["solaiman_level"] == "fully_open"
    assert s["eu_ai_act_exemption"] == "yes" and s["eu_systemic_risk"] == "no"
    assert s["public_funding_baseline"] == "meets"
    assert s["open_washing"] is False


def test_restricted_release() -> None:
    s = _eval(b.restricted_release).summary
    assert s["osaid"] == "fail"
    assert s["mof_class"] == "none"
    assert s["solaiman_level"] == "downloadable"
    assert s["eu_ai_act_exemption"] == "no"
    assert s["eu_systemic_risk"] == "yes"  # 6 x 4e11 x 1.5e13 = 3.6e25


def test_empty_snapshot_is_unknown_not_fail() -> None:
    ev = _eval(b.empty)
    s = ev.summary
    assert s["osaid"] == "unknown"
    assert s["eu_ai_act_exemption"] == "unknown"
    assert s["solaiman_level"] == "unknown"
    assert s["eosai_score"] is None and s["eosai_coverage"] == "0.0000"
    assert all(c.status.value in ("unknown", "not_applicable") for v in ev.verdicts
               for c in v.criteria if v.framework != "mof")


def test_eosai_score_over_decided_parameters() -> None:
    assert eosai_score({"a": "open", "b": "open"}) == ("1.0000", "1.0000")
    assert eosai_score({"a": "open", "b": "partial", "c": "closed", "d": "unknown"}) == (
        "0.5000", "0.7500")
    assert eosai_score({"a": "unknown"}) == (None, "0.0000")


def test_eosai_score_range_counts_unknowns_as_closed_then_open() -> None:
    # a thin card with 1 of 4 decided: 1.0 over decided, but 0.25 by the index's own rule
    assert eosai_score_range({"a": "open", "b": "unknown", "c": "unknown", "d": "unknown"}) == (
        "0.2500", "1.0000")
    assert eosai_score_range({"a": "open", "b": "closed"}) == ("0.5000", "0.5000")
    assert eosai_score_range({"a": "unknown"}) is None
    s = _eval(b.empty).summary
    assert s["eosai_score_range"] is None
    assert _eval(b.open_release).summary["eosai_score_range"] == ["1.0000", "1.0000"]


def test_open_source_claim_with_restrictive_licence_is_open_washing() -> None:
    ev = _eval(b.restricted_release, claims=[OS_CLAIM])
    ids = {f.id for f in ev.findings}
    assert "OG-WASH-001" in ids and "OG-WASH-002" in ids
    high = next(f for f in ev.findings if f.id == "OG-WASH-001")
    assert high.severity.value == "high"
    assert "README.md:3" in high.message and "llama2" in high.message
    assert "Eclaim" in high.evidence
    assert ev.summary["open_washing"] is True
    assert ev.summary["claims"] == ["README.md:3: the best open-source model available"]


def test_open_weights_honestly_called_open_weights_is_not_open_washing() -> None:
    ev = _eval(b.restricted_release, claims=[OW_CLAIM])
    assert not [f for f in ev.findings if f.id.startswith("OG-WASH")]
    assert ev.summary["open_washing"] is False


def test_open_source_claim_backed_by_an_open_release_is_fine() -> None:
    ev = _eval(b.open_release, claims=[OS_CLAIM])
    assert ev.summary["open_washing"] is False
    assert not ev.findings


def test_unknown_evidence_gives_at_most_a_low_finding() -> None:
    ev = _eval(b.empty, claims=[OS_CLAIM])
    assert ev.summary["open_washing"] is False
    assert all(f.severity.value == "low" for f in ev.findings)


def _verdict(fw_id: str, statuses: dict[str, tuple[str, str]]):  # type: ignore[no-untyped-def]
    """A framework's verdict over hand-set outcomes: {criterion: (status, confidence)}; the
    criteria not named are met."""
    from opengauge.frameworks.catalogue import load_frameworks
    from opengauge.frameworks.context import Outcome
    from opengauge.frameworks.registry import registered_verdicts
    from opengauge.frameworks.verdicts import VerdictInput
    from opengauge.model.report import CriterionStatus
    from opengauge.types import Confidence

    fw = next(f for f in load_frameworks() if f.id == fw_id)
    outcomes = {}
    for c in fw.active():
        st, conf = statuses.get(c.id, ("met", "high"))
        outcomes[c.id] = Outcome(status=CriterionStatus(st), confidence=Confidence(conf),
                                 message=f"{c.id} {st}", evidence=("Etest",))
    return registered_verdicts()[fw_id](VerdictInput(framework=fw, outcomes=outcomes,
                                                     ctx=b.context()))


def test_osaid_terms_ruled_out_by_a_known_licence_fail_beside_unknowns() -> None:
    # a known non-OSI licence: nothing still unknown can make this a pass
    v = _verdict("osaid", {"OSAID-TERMS": ("not_met", "high"), "OSAID-D1": ("unknown", "low"),
                           "OSAID-CODE": ("unknown", "low")})
    assert v.verdict == "fail"
    assert "OSAID-TERMS" in v.summary and "OSAID-D1" in v.summary
    assert v.details["unconfirmed"] == ["OSAID-D1", "OSAID-CODE"]
    # a licence opengauge does not know (medium): the unknowns still hold the verdict
    v = _verdict("osaid", {"OSAID-TERMS": ("not_met", "medium"), "OSAID-D1": ("unknown", "low")})
    assert v.verdict == "unknown"
    # the components there and only the licence in the way
    v = _verdict("osaid", {"OSAID-TERMS": ("not_met", "high")})
    assert v.verdict == "would_pass_with_license_change"
    # nothing ruled out: unknown, never fail
    v = _verdict("osaid", {"OSAID-D1": ("unknown", "low")})
    assert v.verdict == "unknown"


def test_baseline_shortfall_found_is_not_held_at_unknown_by_other_unknowns() -> None:
    v = _verdict("public-funding-baseline", {"PFB-CODE": ("partially_met", "medium"),
                                             "PFB-DATA-CARD": ("unknown", "low")})
    assert v.verdict == "does_not_meet"
    assert v.summary == "only partly released: PFB-CODE; not confirmed: PFB-DATA-CARD"
    # a low-confidence partial (a linked repository of unclear role) is no shortfall found
    v = _verdict("public-funding-baseline", {"PFB-CODE": ("partially_met", "low"),
                                             "PFB-DATA-CARD": ("unknown", "low")})
    assert v.verdict == "unknown"
    assert v.summary == "not confirmed: PFB-CODE, PFB-DATA-CARD"
    # every item met but partials, nothing unknown: the partials decide
    v = _verdict("public-funding-baseline", {"PFB-CODE": ("partially_met", "low")})
    assert v.verdict == "does_not_meet"
    v = _verdict("public-funding-baseline", {"PFB-WEIGHTS": ("not_met", "high"),
                                             "PFB-DATA-CARD": ("unknown", "low")})
    assert v.verdict == "does_not_meet"
    assert v.details["failing"] == ["PFB-WEIGHTS"]
    assert _verdict("public-funding-baseline", {"PFB-DATA-CARD": ("unknown", "low")}).verdict \
        == "unknown"


def test_several_claims_give_one_finding_per_contradiction_citing_all() -> None:
    again = _Claim(kind="open_source", quote="fully open-source LLM", line=40, evidence="Eclaim2")
    ev = _eval(b.restricted_release, claims=[OS_CLAIM, again])
    wash = [f for f in ev.findings if f.id.startswith("OG-WASH")]
    assert sorted(f.id for f in wash) == sorted({f.id for f in wash})  # one of each
    high = next(f for f in wash if f.id == "OG-WASH-001")
    assert {"Eclaim", "Eclaim2"} <= set(high.evidence)
    assert "README.md:3" in high.message and "(and 1 more: README.md:40)" in high.message
    assert high.locator == "L3"

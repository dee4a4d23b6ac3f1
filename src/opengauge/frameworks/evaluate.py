"""Run every framework's criteria and verdict over one assessment's evidence. Pure.

:func:`evaluate_all` is the pipeline stage: it receives the outputs of the earlier stages and
returns the verdicts, open-washing findings and the report-summary keys (``osaid``,
``mof_class``, ``mof_progress``, ``eosai``, ``eosai_score``, ``eosai_coverage``,
``eosai_score_range``, ``solaiman_level``, ``brief_outcomes``, ``brief_facets``,
``eu_ai_act_exemption``, ``eu_systemic_risk``, ``public_funding_baseline``, ``open_washing``,
``claims``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from opengauge.frameworks.catalogue import Framework, load_frameworks
from opengauge.frameworks.context import Context, Outcome, build_context
from opengauge.frameworks.registry import registered_checks, registered_verdicts
from opengauge.frameworks.verdicts import VerdictInput
from opengauge.frameworks.washing import check_claims, is_open_washing
from opengauge.model.evidence import EvidenceBundle
from opengauge.model.report import (
    Component,
    ComponentLicense,
    CriterionResult,
    Finding,
    FrameworkVerdict,
    Lineage,
)
from opengauge.types import SourceKind


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    """Everything the framework stage adds to a report."""

    verdicts: tuple[FrameworkVerdict, ...]
    findings: tuple[Finding, ...]
    summary: Mapping[str, Any] = field(default_factory=dict)
    outcomes: Mapping[str, Outcome] = field(default_factory=dict)
    """Raw outcomes by criterion id (for tests and tools)."""


def run_framework(fw: Framework, ctx: Context) -> tuple[FrameworkVerdict, dict[str, Outcome],
                                                        Mapping[str, Any]]:
    """Evaluate one framework: its active criteria, then its verdict."""
    checks = registered_checks()
    outcomes: dict[str, Outcome] = {}
    results: list[CriterionResult] = []
    for c in fw.active():
        o = checks[c.id].fn(ctx)
        outcomes[c.id] = o
        results.append(CriterionResult(id=c.id, title=c.title, status=o.status,
                                       confidence=o.confidence, message=o.message,
                                       evidence=o.evidence, value=o.value,
                                       more_info=c.more_info))
    vo = registered_verdicts()[fw.id](VerdictInput(framework=fw, outcomes=outcomes, ctx=ctx))
    verdict = FrameworkVerdict(framework=fw.id, version=fw.version, title=fw.title,
                               verdict=vo.verdict, summary=vo.summary, criteria=tuple(results),
                               details=dict(vo.details))
    return verdict, outcomes, vo.summary_keys


def evaluate_context(ctx: Context) -> Evaluation:
    """Evaluate every built-in framework over a prepared context."""
    verdicts: list[FrameworkVerdict] = []
    outcomes: dict[str, Outcome] = {}
    summary: dict[str, Any] = {}
    for fw in load_frameworks():
        v, o, keys = run_framework(fw, ctx)
        verdicts.append(v)
        outcomes.update(o)
        summary.update(keys)
    by_fw = {v.framework: v for v in verdicts}
    findings = check_claims(ctx, by_fw, outcomes)
    open_source = [c for c in ctx.claims if getattr(c, "kind", "") == "open_source"]
    summary["open_washing"] = is_open_washing(findings)
    summary["claims"] = [f"{c.file}:{c.line}: {c.quote}" for c in open_source]
    summary["claims_open_source"] = bool(open_source)
    return Evaluation(verdicts=tuple(verdicts), findings=findings, summary=summary,
                      outcomes=outcomes)


def evaluate_all(*, snap: Any = None, bundle: EvidenceBundle, components: Iterable[Component],
                 licenses: Iterable[ComponentLicense] = (), lineage: Lineage | None = None,
                 claims: Iterable[Any] = ()) -> Evaluation:
    """The pipeline stage: verdicts under every framework, open-washing findings, summary keys."""
    source = getattr(snap, "source", None) or SourceKind.LOCAL
    ctx = build_context(bundle=bundle, components=components, licenses=licenses,
                        lineage=lineage, claims=claims, source=SourceKind(source))
    return evaluate_context(ctx)

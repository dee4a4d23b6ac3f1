"""The policy brief's component x outcome matrix (Table 1) and transparency facets (Table 2).

The matrix and facet lists are data in ``brief-2026.yaml`` (``extra``); these checks read them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from opengauge.frameworks.catalogue import framework
from opengauge.frameworks.context import Context, Outcome, met, not_met, partial, unknown
from opengauge.frameworks.registry import check
from opengauge.model.report import ComponentStatus
from opengauge.types import Confidence, EvidenceId

S = ComponentStatus


def _rows() -> Sequence[Mapping[str, Any]]:
    rows: Sequence[Mapping[str, Any]] = framework("brief").extra["matrix"]
    return rows


def row_status(ctx: Context, row: Mapping[str, Any]) -> ComponentStatus:
    """Status of one matrix row from its components (all must be released for ``released``)."""
    return ctx.derive(f"brief.row:{row['key']}", lambda: _row_status(ctx, row))


def _row_status(ctx: Context, row: Mapping[str, Any]) -> ComponentStatus:
    statuses = [ctx.status(slug) for slug in row["components"]]
    if all(s is S.NOT_APPLICABLE for s in statuses):
        return S.NOT_APPLICABLE
    statuses = [s for s in statuses if s is not S.NOT_APPLICABLE]
    if all(s is S.RELEASED for s in statuses):
        return S.RELEASED
    if any(s in (S.RELEASED, S.PARTIAL) for s in statuses):
        return S.PARTIAL
    if all(s is S.NOT_RELEASED for s in statuses):
        return S.NOT_RELEASED
    return S.UNKNOWN


def relevant(ctx: Context, row: Mapping[str, Any]) -> bool:
    """The generative / predictive relevance column."""
    applies = str(row.get("applies", "all"))
    if applies == "all":
        return True
    if ctx.generative is None:
        return False
    return (applies == "generative") is ctx.generative


def _combine(ctx: Context, rows: Sequence[Mapping[str, Any]], what: str) -> Outcome:
    rows = [r for r in rows if relevant(ctx, r)]
    evidence: set[EvidenceId] = set()
    done: list[str] = []
    some: list[str] = []
    closed: list[str] = []
    unknowns: list[str] = []
    for r in rows:
        st = row_status(ctx, r)
        for slug in r["components"]:
            evidence.update(ctx.comp(slug).evidence)
        if st is S.NOT_APPLICABLE:
            continue
        {S.RELEASED: done, S.PARTIAL: some, S.NOT_RELEASED: closed}.get(st, unknowns).append(
            r["row"])
    n = len(done) + len(some) + len(closed) + len(unknowns)
    value = f"{len(done)}/{n}"
    parts = [f"released: {', '.join(done) or 'none'}"]
    if some:
        parts.append(f"partly: {', '.join(some)}")
    if closed:
        parts.append(f"not released: {', '.join(closed)}")
    if unknowns:
        parts.append(f"not found: {', '.join(unknowns)}")
    msg = f"{what} — " + "; ".join(parts)
    if n and len(done) == n:
        return met(msg, evidence, confidence=Confidence.MEDIUM, value=value)
    if done or some:
        return partial(msg, evidence, value=value)
    if closed:
        return not_met(msg, evidence, confidence=Confidence.MEDIUM, value=value)
    return unknown(msg, evidence, value=value)


def outcome(ctx: Context, letter: str, name: str) -> Outcome:
    """How far the released components enable one outcome (T, R, C or A)."""
    rows = [r for r in _rows() if letter in r["outcomes"]]
    return _combine(ctx, rows, f"components that enable {name}")


def facet(ctx: Context, key: str, name: str) -> Outcome:
    """How far the released components support one transparency facet."""
    wanted = set(framework("brief").extra["facets"][key])
    rows = [r for r in _rows() if r["key"] in wanted]
    return _combine(ctx, rows, f"components that support {name}")


@check("BRIEF-OUT-T")
def outcome_transparency(ctx: Context) -> Outcome:
    """Released components enable transparency."""
    return outcome(ctx, "T", "transparency")


@check("BRIEF-OUT-R")
def outcome_reproducibility(ctx: Context) -> Outcome:
    """Released components enable reproducibility."""
    return outcome(ctx, "R", "reproducibility")


@check("BRIEF-OUT-C")
def outcome_customisability(ctx: Context) -> Outcome:
    """Released components enable innovation and customisability."""
    return outcome(ctx, "C", "innovation and customisability")


@check("BRIEF-OUT-A")
def outcome_affordability(ctx: Context) -> Outcome:
    """Released components enable affordability for downstream developers."""
    return outcome(ctx, "A", "affordability")


@check("BRIEF-FACET-INTERP")
def facet_interpretability(ctx: Context) -> Outcome:
    """Interpretability is supported."""
    return facet(ctx, "interpretability", "interpretability")


@check("BRIEF-FACET-EXPLAIN")
def facet_explainability(ctx: Context) -> Outcome:
    """Explainability is supported."""
    return facet(ctx, "explainability", "explainability")


@check("BRIEF-FACET-TRACE")
def facet_traceability(ctx: Context) -> Outcome:
    """Traceability is supported."""
    return facet(ctx, "traceability", "traceability")


@check("BRIEF-FACET-AUDIT")
def facet_auditability(ctx: Context) -> Outcome:
    """Auditability is supported."""
    return facet(ctx, "auditability", "auditability")


@check("BRIEF-FACET-SAFETY")
def facet_safety(ctx: Context) -> Outcome:
    """Safety and security inspection is supported."""
    return facet(ctx, "safety_security", "safety and security")

"""Model Openness Framework: one criterion per class, computed by :mod:`opengauge.frameworks.mof`.

The class and the progress figures are exactly the Model Openness Tool's (a component passes
only when listed and openly licensed). The criterion *status* adds what the tool cannot say:
when every failing component of a class was merely not found in an observed snapshot, the
status is ``unknown`` rather than ``not_met``.
"""

from __future__ import annotations

from opengauge.frameworks import mof
from opengauge.frameworks.context import (
    Context,
    Outcome,
    ids,
    met,
    not_met,
    partial,
    per_context,
    unknown,
)
from opengauge.frameworks.registry import check
from opengauge.model.report import ComponentStatus, CriterionStatus
from opengauge.types import Confidence, EvidenceId


def _class_items(mof_class: int) -> list[str]:
    return [c.id for c in mof.COMPONENTS if c.required and c.mof_class == mof_class]


def _evaluate(ctx: Context, mof_class: int) -> Outcome:
    """A class's outcome; the classes are cumulative, so a class whose lower class is not met
    is not met either, whatever its own components."""
    own, needs = _own_outcomes(ctx)[mof_class]
    if own.status is CriterionStatus.NOT_MET or mof_class >= 3:
        return own
    lower = _evaluate(ctx, mof_class + 1)
    if lower.status is not CriterionStatus.NOT_MET:
        return own
    label = mof.CLASS_LABELS[mof_class]
    return not_met(f"{label} is out of reach: Class {mof.CLASS_NUMERALS[mof_class + 1]} is not met"
                   + (f"; this class also needs: {needs}" if needs else f" ({own.message})"),
                   own.evidence, confidence=lower.confidence, value=own.value)


@per_context
def _own_outcomes(ctx: Context) -> dict[int, tuple[Outcome, str]]:
    """Each class's outcome on its own components and what they still need (``""`` when
    nothing), worked out once per context (the cumulative rule reads the lower classes'
    again)."""
    return {k: _evaluate_own(ctx, k) for k in (1, 2, 3)}


def _evaluate_own(ctx: Context, mof_class: int) -> tuple[Outcome, str]:
    result = ctx.mof
    if result is None:  # pragma: no cover - build_context always sets it
        return unknown("no component inventory"), ""
    prog = result.progress_for(mof_class)
    items = _class_items(mof_class)
    passes = {r.component.id: r.passes for r in result.components}
    # An open research paper stands in for a failing technical report below Class I.
    if mof_class == 3 and not passes["technical_report"] and passes["research_paper"]:
        passes["technical_report"] = True
    failing = [s for s in items if not passes[s]]
    evidence: list[EvidenceId] = []
    for s in items:
        evidence += ctx.comp(s).evidence
    value = prog.percent
    label = mof.CLASS_LABELS[mof_class]
    if not failing:
        if prog.complete:
            return met(f"{label}: all required components are released under open licences",
                       evidence, value=value), ""
        return partial(f"this class's own components pass, but a lower class is incomplete "
                       f"(progress {value}%)", evidence, value=value), ""
    reasons: list[str] = []
    not_found = True
    for s in failing:
        r = result.component(s)
        comp = ctx.comp(s)
        # Not established from an observed repo: not found, only partly found, or no licence
        # found. Only a declaration, a positive "not released" or a non-open licence is.
        observed_unknown = not ctx.declared and (
            comp.status in (ComponentStatus.UNKNOWN, ComponentStatus.PARTIAL)
            or (r.state is mof.ComponentState.UNLICENSED and not comp.license))
        not_found = not_found and observed_unknown
        why = {ComponentStatus.UNKNOWN: "not found",
               ComponentStatus.PARTIAL: "only partially released"}.get(
            comp.status, "licence not found") if observed_unknown else r.reason or "fails"
        if r.reason.startswith("not-open:") and not ctx.declared and not comp.license:
            why += ", the repository's licence: none of its own was found"
        reasons.append(f"{r.component.name} [{why}]")
    needs = f"{'; '.join(reasons)} (MOT progress {value}%)"
    msg = f"{label} needs: {needs}"
    if not_found:
        return unknown(msg, evidence, value=value), needs
    return not_met(msg, ids(evidence), confidence=Confidence.HIGH if ctx.declared
                   else Confidence.MEDIUM, value=value), needs


@check("MOF-CLASS-III")
def class_iii(ctx: Context) -> Outcome:
    """Class III (Open Model) components are released under open licences."""
    return _evaluate(ctx, 3)


@check("MOF-CLASS-II")
def class_ii(ctx: Context) -> Outcome:
    """Class II (Open Tooling) components are released under open licences."""
    return _evaluate(ctx, 2)


@check("MOF-CLASS-I")
def class_i(ctx: Context) -> Outcome:
    """Class I (Open Science) components are released under open licences."""
    return _evaluate(ctx, 1)

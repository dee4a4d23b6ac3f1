"""Framework verdicts: how each framework turns its criterion outcomes into one verdict. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from opengauge.frameworks import mof
from opengauge.frameworks.catalogue import Framework
from opengauge.frameworks.checks.eosai import PARAMS
from opengauge.frameworks.checks.eu import SYSTEMIC_FLOP, compute_estimate
from opengauge.frameworks.context import Context, Outcome
from opengauge.frameworks.registry import verdict
from opengauge.model.frozen import fast_init
from opengauge.model.report import ComponentStatus, CriterionStatus
from opengauge.types import Confidence

M = CriterionStatus
ROMAN = mof.CLASS_NUMERALS
SOLAIMAN_LEVELS = {
    "fully_closed": 1, "gradual_staged": 2, "hosted": 3, "cloud_api": 4, "downloadable": 5,
    "fully_open": 6,
}
LEGAL_NOTE = "An evidence check, not legal advice."


@dataclass(frozen=True, slots=True, kw_only=True)
class VerdictInput:
    """What a verdict function receives."""

    framework: Framework
    outcomes: Mapping[str, Outcome]
    ctx: Context

    def __init__(self, *, framework: Framework, outcomes: Mapping[str, Outcome], ctx: Context) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "framework", framework)
        object.__setattr__(self, "outcomes", outcomes)
        object.__setattr__(self, "ctx", ctx)


fast_init(VerdictInput)


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class VerdictOutput:
    """A framework's verdict, its one-line summary, details and report-summary keys."""

    verdict: str
    summary: str
    details: Mapping[str, Any] = field(default_factory=dict)
    summary_keys: Mapping[str, Any] = field(default_factory=dict)


def _names(vi: VerdictInput, status: CriterionStatus) -> list[str]:
    return [cid for cid, o in vi.outcomes.items() if o.status is status]


@verdict("osaid")
def osaid_verdict(vi: VerdictInput) -> VerdictOutput:
    """pass / fail / would_pass_with_license_change / unknown (OSAID 1.0 auditor test)."""
    o = vi.outcomes
    completeness = ["OSAID-D1", "OSAID-D2", "OSAID-D3", "OSAID-CODE", "OSAID-PARAMS"]
    failing = [c for c in completeness if o[c].status is M.NOT_MET]
    unknowns = [c for c in completeness if o[c].status in (M.UNKNOWN, M.PARTIAL)]
    terms = o["OSAID-TERMS"].status
    # terms a known licence rules out (not merely a licence opengauge does not know)
    terms_fail = terms is M.NOT_MET and o["OSAID-TERMS"].confidence is Confidence.HIGH
    core_met = all(o[c].status is M.MET for c in ("OSAID-D1", "OSAID-PARAMS"))
    if failing:
        v = "fail"
        why = "missing or insufficient: " + ", ".join(failing)
        if terms is M.NOT_MET:
            why += "; and the legal terms are not OSI-approved"
    elif not unknowns and terms is M.MET:
        v, why = "pass", "every required element is available under OSI-approved terms"
    elif terms is M.NOT_MET and core_met:
        v = "would_pass_with_license_change"
        why = "the components are available but the licence is not OSI-approved"
        if unknowns:
            why += f" (not confirmed: {', '.join(unknowns)})"
    elif terms_fail:
        # no evidence still to come can make these terms OSI-approved: the unknowns cannot
        # turn this into a pass, so they do not hold the verdict at unknown
        v = "fail"
        why = "the legal terms are not OSI-approved (OSAID-TERMS)"
        if unknowns:
            why += f"; not confirmed either: {', '.join(unknowns)}"
    else:
        v = "unknown"
        gaps = unknowns + (["OSAID-TERMS"] if terms is not M.MET else [])
        why = "not enough evidence for: " + ", ".join(gaps)
    return VerdictOutput(verdict=v, summary=why, details={"missing": failing,
                                                          "unconfirmed": unknowns},
                         summary_keys={"osaid": v})


_NOT_LISTED: Mapping[ComponentStatus, str] = {
    ComponentStatus.UNKNOWN: "no evidence that it is released",
    ComponentStatus.PARTIAL: "only partly released",
    ComponentStatus.NOT_RELEASED: "not released",
    ComponentStatus.NOT_APPLICABLE: "not applicable to this model",
}


def blocker_phrase(b: mof.Blocker, status: ComponentStatus, *, inherited: bool = False) -> str:
    """A blocker in words, for people: ``Name (why)``.

    The report's ``details.blockers`` keep the MOT's terse ``Name [reason]`` form for tools;
    the summary says what the reason means, and for a component not counted as released it
    says whether it was not found, partly released or not released (the inventory's status).

    >>> b = mof.Blocker(component="model_card", name="Model card", reason="not-open:llama3.1")
    >>> blocker_phrase(b, ComponentStatus.RELEASED)
    'Model card (released under llama3.1, which is not an open licence)'
    >>> b = mof.Blocker(component="datasets", name="Datasets", reason="missing")
    >>> blocker_phrase(b, ComponentStatus.UNKNOWN)
    'Datasets (no evidence that it is released)'
    >>> b = mof.Blocker(component="research_paper", name="Research paper", reason="not-open:llama2")
    >>> print(blocker_phrase(b, ComponentStatus.RELEASED, inherited=True)[:60])
    Research paper (no licence of its own was found, and the rep
    """
    if b.reason.startswith("not-open:"):
        lic = b.reason.removeprefix("not-open:")
        # (a declaration's free-text licence field, e.g. the MOT's "Component not included")
        under = f'with the licence "{lic}"' if " " in lic else f"under {lic}"
        why = f"released {under}, which is not an open licence"
        if inherited:
            why = (f"no licence of its own was found, and the repository's licence {lic}, which "
                   "the MOT applies to it, is not an open licence")
    elif b.reason == mof.ComponentState.UNLICENSED.value:
        why = "released, but no licence is known to cover it"
    else:
        why = _NOT_LISTED.get(status, "not released")
    if b.alternative == mof.RESEARCH_PAPER:
        why += f"; {mof.PAPER_WOULD_DO}"
    return f"{b.name} ({why})"


@verdict("mof")
def mof_verdict(vi: VerdictInput) -> VerdictOutput:
    """The MOT's class and progress per class."""
    r = vi.ctx.mof
    assert r is not None
    progress = {ROMAN[p.mof_class]: p.percent for p in r.progress}
    summary = f"{r.label}; progress III {progress['III']}%, II {progress['II']}%, I {progress['I']}%"
    if r.blockers and r.next_class is not None:
        needs = "; ".join(
            blocker_phrase(b, vi.ctx.status(b.component),
                           inherited=not vi.ctx.declared and not vi.ctx.comp(b.component).license)
            for b in r.blockers)
        summary += f"; Class {ROMAN[r.next_class]} needs: {needs}"
    return VerdictOutput(
        verdict=mof.CLASS_LABELS[r.mof_class],
        summary=summary,
        details={"class": ROMAN[r.mof_class], "progress": progress,
                 "total_progress": r.total_progress,
                 "blockers": [str(b) for b in r.blockers],
                 "type_warnings": [w.message for w in r.type_warnings]},
        summary_keys={"mof_class": ROMAN[r.mof_class], "mof_progress": progress},
    )


_EOSAI_POINTS = {"open": Decimal(1), "partial": Decimal("0.5"), "closed": Decimal(0)}
"""The index's points per rating; ``unknown`` has none."""


def _four_places(x: Decimal) -> str:
    return f"{x.quantize(Decimal('0.0001'), ROUND_HALF_EVEN):f}"


def eosai_score(values: Mapping[str, str]) -> tuple[str | None, str]:
    """Index score (open 1, partial 0.5, closed 0) over decided parameters, and coverage.

    >>> eosai_score({"a": "open", "b": "partial", "c": "closed", "d": "unknown"})
    ('0.5000', '0.7500')
    """
    decided = [_EOSAI_POINTS[v] for v in values.values() if v in _EOSAI_POINTS]
    coverage = _four_places(Decimal(len(decided)) / Decimal(len(values)))
    if not decided:
        return None, coverage
    return _four_places(sum(decided, Decimal(0)) / Decimal(len(decided))), coverage


def eosai_score_range(values: Mapping[str, str]) -> tuple[str, str] | None:
    """The index score over all parameters with each unknown taken as closed (the index's own
    rule, "closed or empty = 0") and as open: the least and the most the score can be once the
    unknowns are decided. None when no parameter is known (0 and 1 say nothing).

    >>> eosai_score_range({"a": "open", "b": "partial", "c": "closed", "d": "unknown"})
    ('0.3750', '0.6250')
    """
    decided = [_EOSAI_POINTS[v] for v in values.values() if v in _EOSAI_POINTS]
    if not decided:
        return None
    known, n = sum(decided, Decimal(0)), Decimal(len(values))
    return _four_places(known / n), _four_places((known + len(values) - len(decided)) / n)


@verdict("eosai")
def eosai_verdict(vi: VerdictInput) -> VerdictOutput:
    """Per-parameter classes, the index score over decided parameters and coverage."""
    values = {param: vi.outcomes[cid].value or "unknown" for param, cid in PARAMS}
    score, coverage = eosai_score(values)
    bounds = eosai_score_range(values)
    n = sum(v != "unknown" for v in values.values())
    text = (f"{n} of {len(values)} parameters decided; score {score or 'n/a'} "
            f"(open 1, partial 0.5, closed 0)")
    if bounds is not None and n < len(values):
        text += (f"; over all {len(values)}, between {bounds[0]} (the index's rule: unknown "
                 f"counts as closed) and {bounds[1]} (unknown as open)")
    return VerdictOutput(
        verdict=f"score {score}" if score is not None else "unknown",
        summary=text,
        details={"parameters": values, "score": score, "coverage": coverage,
                 "score_range": list(bounds) if bounds else None},
        summary_keys={"eosai": values, "eosai_score": score, "eosai_coverage": coverage,
                      "eosai_score_range": list(bounds) if bounds else None},
    )


@verdict("solaiman")
def solaiman_verdict(vi: VerdictInput) -> VerdictOutput:
    """The release level observable from the repository."""
    o = vi.outcomes
    dl, unr, full, access = (o["SOL-DOWNLOAD"].status, o["SOL-UNRESTRICTED"].status,
                             o["SOL-COMPONENTS"].status, o["SOL-ACCESS"].status)
    if dl is M.MET:
        level = "fully_open" if unr is M.MET and full is M.MET else "downloadable"
    elif access is M.MET:
        hosted = o["SOL-ACCESS"].message.lower()
        level = "cloud_api" if "api" in hosted else "hosted"
    else:
        level = "unknown"
    num = SOLAIMAN_LEVELS.get(level)
    text = {"fully_open": "weights, code and data (or documentation) are openly released",
            "downloadable": "the weights can be downloaded, but gated, restricted or without "
                            "the replication components",
            "cloud_api": "access only through an API", "hosted": "access only through a hosted "
                                                                  "interface",
            "unknown": "the release level cannot be told from this snapshot (staged release "
                       "needs history)"}[level]
    return VerdictOutput(verdict=f"{num} {level}" if num else level, summary=text,
                         details={"level": level, "number": num},
                         summary_keys={"solaiman_level": level})


@verdict("brief")
def brief_verdict(vi: VerdictInput) -> VerdictOutput:
    """Outcomes enabled and facets supported, as met / partial / not met / unknown."""
    out = {"transparency": "BRIEF-OUT-T", "reproducibility": "BRIEF-OUT-R",
           "customisability": "BRIEF-OUT-C", "affordability": "BRIEF-OUT-A"}
    fac = {"interpretability": "BRIEF-FACET-INTERP", "explainability": "BRIEF-FACET-EXPLAIN",
           "traceability": "BRIEF-FACET-TRACE", "auditability": "BRIEF-FACET-AUDIT",
           "safety_security": "BRIEF-FACET-SAFETY"}
    outcomes = {k: vi.outcomes[c].status.value for k, c in out.items()}
    facets = {k: vi.outcomes[c].status.value for k, c in fac.items()}
    enabled = [k for k, v in outcomes.items() if v == "met"]
    partly = [k for k, v in outcomes.items() if v == "partially_met"]
    gen = vi.ctx.generative
    column = "generative" if gen else "predictive" if gen is False else "unclear (rows for all)"
    summary = (f"fully enables: {', '.join(enabled) or 'none'}; partly: {', '.join(partly) or 'none'}"
               f"; relevance column: {column}")
    return VerdictOutput(verdict=f"{len(enabled)}/4 outcomes enabled", summary=summary,
                         details={"outcomes": outcomes, "facets": facets, "column": column},
                         summary_keys={"brief_outcomes": outcomes, "brief_facets": facets})


@verdict("eu-ai-act")
def eu_verdict(vi: VerdictInput) -> VerdictOutput:
    """Open-source exemption (yes/no/unknown), systemic-risk presumption, remaining duties."""
    o = vi.outcomes
    conditions = ["EUAI-LICENSE", "EUAI-WEIGHTS", "EUAI-ARCH", "EUAI-USAGE", "EUAI-MONETISATION"]
    compute = o["EUAI-COMPUTE"].status
    systemic = "yes" if compute is M.NOT_MET else "no" if compute is M.MET else "unknown"
    failing = [c for c in conditions if o[c].status is M.NOT_MET]
    if failing or systemic == "yes":
        exempt = "no"
    elif all(o[c].status is M.MET for c in conditions) and systemic == "no":
        exempt = "yes"
    else:
        exempt = "unknown"
    remaining = ["Art. 53(1)(c) copyright policy", "Art. 53(1)(d) public training-content summary"]
    if exempt != "yes":
        remaining = ["Art. 53(1)(a) technical documentation (Annex XI)",
                     "Art. 53(1)(b) information for downstream providers (Annex XII)",
                     "Art. 54 authorised representative (providers outside the EU)", *remaining]
    if systemic == "yes":
        remaining += ["Art. 52 notification to the Commission", "Art. 55 systemic-risk duties "
                      "(evaluation, risk mitigation, incident reporting, cybersecurity)"]
    flop = compute_estimate(vi.ctx)[0]
    why = ("conditions not met: " + ", ".join(failing)) if failing else (
        "all open-source conditions met" if exempt == "yes" else "not all conditions could be "
        "checked")
    if systemic == "yes":
        why += f"; systemic risk presumed (estimated {flop:.2e} FLOP > {SYSTEMIC_FLOP:.0e})"
    summary = f"open-source exemption (Art. 53(2)/54(6)): {exempt}; {why}. {LEGAL_NOTE}"
    return VerdictOutput(
        verdict=f"exemption {exempt}",
        summary=summary,
        details={"exemption": exempt, "systemic_risk_presumed": systemic,
                 "training_flop_estimate": f"{flop:.2e}" if flop else None,
                 "remaining_obligations": remaining, "note": LEGAL_NOTE},
        summary_keys={"eu_ai_act_exemption": exempt, "eu_systemic_risk": systemic,
                      "eu_training_flop": f"{flop:.2e}" if flop else None},
    )


@verdict("public-funding-baseline")
def baseline_verdict(vi: VerdictInput) -> VerdictOutput:
    """meets / does_not_meet / unknown the minimum thresholds for publicly funded AI."""
    failing = _names(vi, M.NOT_MET)
    partly = _names(vi, M.PARTIAL)
    unknowns = _names(vi, M.UNKNOWN)
    short = partly + unknowns
    # a partial seen at medium or high confidence is a shortfall found, which no evidence
    # still unknown elsewhere can make up for; a low-confidence partial is still a guess
    found_short = [c for c in partly if vi.outcomes[c].confidence is not Confidence.LOW]
    if failing:
        v, why = "does_not_meet", "not released: " + ", ".join(failing)
        if short:
            why += "; only partly released or not confirmed: " + ", ".join(short)
    elif not short:
        v, why = "meets", "every baseline item is released"
    elif found_short or not unknowns:
        v, why = "does_not_meet", "only partly released: " + ", ".join(partly)
        if unknowns:
            why += "; not confirmed: " + ", ".join(unknowns)
    else:
        v, why = "unknown", "not confirmed: " + ", ".join(short)
    return VerdictOutput(verdict=v, summary=why, details={"failing": failing, "short": short},
                         summary_keys={"public_funding_baseline": v})

"""Open-washing: every claim of openness compared with what the verdicts found. Pure.

A claim of *open source* (or fully open) is flagged when the evidence contradicts it:

* ``OG-WASH-001`` (high): the weights licence restricts use (not OSI-approved, or restriction
  types beyond attribution and same-terms conditions);
* ``OG-WASH-002`` (medium): OSAID 1.0 fails or would pass only with a licence change;
* ``OG-WASH-003`` (low, medium when positively established): MOF class below III.
* ``OG-WASH-004`` (low): an OSI-approved weights licence, but access to the weights is gated.

An honest "open weights" claim is not open-washing and is never flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from opengauge.frameworks.context import Context, Outcome
from opengauge.frameworks.licensing import RELEASE_LEVEL_RESTRICTIONS
from opengauge.model.report import CriterionStatus, Finding, FrameworkVerdict
from opengauge.types import EvidenceId, Severity

_RANK = {Severity.INFO: 0, Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


def _claim_text(claim: Any) -> str:
    return f"{claim.file}:{claim.line}: \"{claim.quote}\""


def check_claims(ctx: Context, verdicts: Mapping[str, FrameworkVerdict],
                 outcomes: Mapping[str, Outcome]) -> tuple[Finding, ...]:
    """One finding per way the evidence contradicts the card's open-source claims (each
    citing every claim, quoting the first)."""
    claims = [c for c in ctx.claims if getattr(c, "kind", "") == "open_source"]
    if not claims:
        return ()
    gaps: list[tuple[str, Severity, str, tuple[EvidenceId, ...]]] = []
    w = ctx.weights
    if w is not None and not w.open_terms:
        licence_restr = [r for r in w.use_restrictions if r not in RELEASE_LEVEL_RESTRICTIONS]
        if not w.facts.osi_approved or licence_restr:
            restr = ", ".join(licence_restr or w.use_restrictions) or w.facts.kind
            gaps.append(("OG-WASH-001", Severity.HIGH,
                         f"the weights licence {w.id} is not an open-source licence ({restr})",
                         w.evidence))
        elif set(w.use_restrictions) & RELEASE_LEVEL_RESTRICTIONS:
            gaps.append(("OG-WASH-004", Severity.LOW,
                         f"the weights are under {w.id}, an OSI-approved licence, but access is "
                         "gated behind registration or acceptance of terms", w.evidence))
    osaid = verdicts.get("osaid")
    if osaid is not None and osaid.verdict in ("fail", "would_pass_with_license_change"):
        failing = [c for c in osaid.criteria if c.status is CriterionStatus.NOT_MET]
        confident = any(c.confidence.value in ("high", "medium") for c in failing)
        sev = Severity.MEDIUM if confident else Severity.LOW
        detail = "; ".join(f"{c.id}: {c.message}" for c in failing[:3])
        ev = tuple(e for c in failing for e in c.evidence)
        gaps.append(("OG-WASH-002", sev, f"OSAID 1.0 verdict {osaid.verdict} ({detail})", ev))
    mof_v = verdicts.get("mof")
    iii = outcomes.get("MOF-CLASS-III")
    if mof_v is not None and ctx.mof is not None and ctx.mof.mof_class == 0 and iii is not None:
        established = iii.status is CriterionStatus.NOT_MET
        gaps.append(("OG-WASH-003", Severity.MEDIUM if established else Severity.LOW,
                     f"MOF class below III ({iii.message})", iii.evidence))
    # one finding per contradiction, quoting the first claim and citing every one (a card that
    # says "open source" four times has one problem per contradiction, not four)
    first = claims[0]
    more = ""
    if len(claims) > 1:
        places = ", ".join(f"{c.file}:{c.line}" if c.line else c.file for c in claims[1:6])
        more = f" (and {len(claims) - 1} more: {places}{', ...' if len(claims) > 6 else ''})"
    claim_ev = {c.evidence for c in claims}
    return tuple(
        Finding(
            id=fid,
            severity=sev,
            message=f"open-source claim {_claim_text(first)}{more} is contradicted: {why}",
            evidence=tuple(sorted({*claim_ev, *ev})),
            file=first.file,
            locator=f"L{first.line}" if first.line else None,
        )
        for fid, sev, why, ev in gaps
    )


def is_open_washing(findings: Iterable[Finding]) -> bool:
    """True when a claim is contradicted with at least medium severity."""
    return any(f.id.startswith("OG-WASH-") and _RANK[f.severity] >= _RANK[Severity.MEDIUM]
               for f in findings)

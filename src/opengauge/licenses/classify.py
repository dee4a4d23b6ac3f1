"""Is a licence "open" for a component, under OSI's OSAID, the MOT, and the EU AI Act?

Three independent readings of one licence id for one component type (``code``, ``weights``/
``parameters``, ``data``, ``documentation``):

* **OSAID 1.0** (``osaid_open``): code must be under an OSI-approved licence; parameters, data
  information and documentation under "OSI-approved terms", which we read as an OSI-approved
  licence or an open licence whose only conditions are attribution and share-alike (CC-BY,
  CC-BY-SA, CDLA-Permissive, OpenMDW...): no use restrictions, no non-commercial clause.
* **MOT** (``mot_open``): exactly as the Model Openness Tool decides (``shared/spec/MOT.md``): the
  id, matched exactly and case-sensitively, is OSI-approved or FSF-libre on the SPDX list (v2024-05-21
  flags plus the MOT's overrides), or on its open-data list, or ``OpenMDW-1.0``. The test is the
  same for every component. We mirror its quirks on purpose, so results match the tool: deprecated
  ids such as ``GPL-3.0`` count, ``PDDL-1.0`` does not (the list names ``ODC-PDDL-1.0``), spellings
  such as ``apache-2.0`` or ``Apache 2.0`` do not, and an SPDX expression is never open (the MOT
  compares strings). Deviation: none in the rule; our canonical ids are already SPDX spellings, so
  opengauge's own reports do not hit the spelling quirk.
* **EU AI Act, Art. 53(2) / 54(6), recitals 102-104** (``eu_foss``): a free and open-source licence
  lets users access, use, study, modify and distribute the model. Attribution and copyleft
  (share-alike) conditions are fine; non-commercial clauses, user or revenue caps, field-of-use or
  acceptable-use restrictions, distribution/hosting limits, output-use limits and unilateral
  revocation disqualify. Monetisation by the provider is outside a licence text and not judged here.
"""

from __future__ import annotations

from dataclasses import dataclass

from opengauge.licenses.kb import LicenseEntry, knowledge_base

_ALLOWED = frozenset({"attribution_notice", "derivative_license_flowdown", "jurisdiction"})
"""Restriction types compatible with free and open-source terms."""
_OPEN_KINDS = frozenset({"permissive", "copyleft", "open-data"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Classification:
    """The three readings for one licence and component."""

    license: str | None
    component: str
    osaid_open: bool | None
    mot_open: bool | None
    eu_foss: bool | None
    reasons: tuple[str, ...] = ()


def _entry(lid: str | None) -> LicenseEntry | None:
    if not lid:
        return None
    kb = knowledge_base()
    e = kb.get(lid)
    return kb.canonical(e) if e else None


def _blocking(e: LicenseEntry) -> set[str]:
    return set(e.restriction_types) - _ALLOWED


def osaid_open(lid: str | None, component: str) -> bool | None:
    """OSAID reading; None when the licence is unknown."""
    e = _entry(lid)
    if e is None:
        return None
    if e.osi_approved:
        return True
    if component == "code":
        return False
    return e.kind in _OPEN_KINDS and not _blocking(e)


def mot_open(lid: str | None, component: str = "any") -> bool | None:
    """The Model Openness Tool's rule, exact (case-sensitive id, same for every component)."""
    del component  # the MOT applies the same test to every component type
    if lid is None:
        return None
    e = knowledge_base().get(lid)  # exact, case-sensitive: no alias or canonicalisation
    return bool(e is not None and e.mot_open)


def eu_foss(lid: str | None, component: str = "weights") -> bool | None:
    """EU AI Act free-and-open-source reading; None when the licence is unknown."""
    del component  # the Act's test is about the licence terms, whatever the component
    e = _entry(lid)
    if e is None:
        return None
    if e.kind not in _OPEN_KINDS and not (e.osi_approved or e.fsf_libre):
        return False
    return not _blocking(e)


def classify(lid: str | None, component: str) -> Classification:
    """All three readings with short reasons."""
    e = _entry(lid)
    reasons: list[str] = []
    if e is None:
        reasons.append("licence unknown" if lid is None else f"{lid} is not in the knowledge base")
    else:
        reasons.append(
            f"{e.id}: kind {e.kind}; OSI-approved {'yes' if e.osi_approved else 'no'}; "
            f"FSF-libre {'yes' if e.fsf_libre else 'no'}; MOT open-data list "
            f"{'yes' if e.open_data else 'no'}"
        )
        block = sorted(_blocking(e))
        if block:
            reasons.append("restrictions beyond attribution/copyleft: " + ", ".join(block))
    return Classification(
        license=lid,
        component=component,
        osaid_open=osaid_open(lid, component),
        mot_open=mot_open(lid, component),
        eu_foss=eu_foss(lid, component),
        reasons=tuple(reasons),
    )

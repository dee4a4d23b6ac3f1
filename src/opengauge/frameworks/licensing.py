"""What the framework checks need to know about a licence, whatever the licence stage provides.

The licence knowledge base (:mod:`opengauge.licenses.kb`) classifies the ids it knows; for an
id it does not know, the Model Openness Tool's licence flags (OSI / FSF / open data) vendored
with :mod:`opengauge.frameworks.mof` are the fallback. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from opengauge.frameworks import mof
from opengauge.licenses.kb import BENIGN_RESTRICTIONS, knowledge_base

OPEN_KINDS = frozenset({"permissive", "copyleft", "open-data"})
"""Licence kinds whose terms allow use, study, modification and sharing for any purpose."""
RELEASE_LEVEL_RESTRICTIONS = frozenset({"gating_registration"})
"""Restrictions that can come from how a release is served (a gated repository), not from its
licence text: an OSI-approved licence with them is still an open-source licence."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseFacts:
    """Classification of one licence id."""

    id: str
    known: bool
    """False when neither the knowledge base nor the MOT table knows the id."""
    kind: str = "unknown"
    """permissive, copyleft, open-data, non-commercial, research-only, responsible-ai-use-
    restricted, custom-restrictive, proprietary or unknown."""
    osi_approved: bool = False
    open_data: bool = False
    mot_open: bool = False
    restriction_types: tuple[str, ...] = ()
    name: str = ""

    @property
    def open_terms(self) -> bool:
        """Use, study, modify and share for any purpose (attribution/copyleft allowed)."""
        if not self.known:
            return False
        if self.osi_approved:
            return True
        return self.kind in OPEN_KINDS and not self.use_restrictions

    @property
    def use_restrictions(self) -> tuple[str, ...]:
        """Restriction types beyond attribution and same-terms conditions."""
        return tuple(r for r in self.restriction_types if r not in BENIGN_RESTRICTIONS)

    @property
    def restrictive(self) -> bool:
        """Known, and its terms restrict use, users or purposes."""
        return self.known and not self.open_terms


@cache
def license_facts(license_id: str) -> LicenseFacts:
    """Classify ``license_id`` (canonical id, hub tag, LicenseRef-..., alias or name)."""
    lid = license_id.strip()
    kb = knowledge_base()
    entry = kb.get(lid) or kb.exact_id(lid) or kb.alias(lid)
    if entry is None and lid.lower().startswith("licenseref-"):
        entry = kb.alias(lid[len("licenseref-"):])
    if entry is not None:
        return LicenseFacts(
            id=str(entry.id),
            known=True,
            kind=str(entry.kind),
            osi_approved=bool(entry.osi_approved),
            open_data=bool(entry.open_data),
            mot_open=bool(entry.mot_open),
            restriction_types=tuple(entry.restriction_types),
            name=str(entry.name),
        )
    reason = mof.open_reason(lid)
    if reason:
        osi = "OSI" in reason.split("+")
        return LicenseFacts(
            id=lid,
            known=True,
            kind="permissive" if osi else "open-data",
            osi_approved=osi,
            open_data="open-data-list" in reason,
            mot_open=True,
            restriction_types=("attribution_notice",),
            name=mof.license_name(lid) or lid,
        )
    return LicenseFacts(id=lid, known=False)


def resolve_mention(text: str) -> str | None:
    """A canonical licence id for a tag, name or title, when the knowledge base knows it."""
    kb = knowledge_base()
    if not text.strip():
        return None
    entry = kb.exact_id(text) or kb.alias(text)
    return str(entry.id) if entry is not None else None

"""Licence intelligence: knowledge base, text identification, clause analysis, resolution.

Pure: the only I/O is reading the bundled data in ``opengauge/data/licenses`` (lazily).
"""

from __future__ import annotations

from opengauge.licenses.analyse import LicenseAnalysis, analyse, family_license
from opengauge.licenses.clauses import find_restrictions
from opengauge.licenses.identify import Candidate, Difference, TextMatch, identify_text
from opengauge.licenses.kb import (
    KINDS,
    RESTRICTION_TYPES,
    KnownRestriction,
    LicenseEntry,
    knowledge_base,
)
from opengauge.licenses.resolve import Resolution, resolve_declared

__all__ = [
    "KINDS",
    "RESTRICTION_TYPES",
    "Candidate",
    "Difference",
    "KnownRestriction",
    "LicenseAnalysis",
    "LicenseEntry",
    "Resolution",
    "TextMatch",
    "analyse",
    "family_license",
    "find_restrictions",
    "identify_text",
    "knowledge_base",
    "resolve_declared",
]

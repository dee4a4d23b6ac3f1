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


def preload() -> None:
    """Load and index all bundled licence data now (it is otherwise loaded on first use).

    Batch runs call this once before forking workers, so the workers share the tables. The
    SPDX expression parser is left to load on first use: only ``A OR B``-style declarations
    need it, and building it takes about 25 ms.
    """
    from opengauge.licenses.analyse import family_table
    from opengauge.licenses.clauses import clause_patterns
    from opengauge.licenses.identify import fingerprint_index

    knowledge_base()
    fingerprint_index()
    clause_patterns()
    family_table()

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
    "preload",
    "resolve_declared",
]

"""opengauge: how open is this AI model, really?

Evidence-backed openness, licence and lineage assessment for AI model releases.
The public API lives in :mod:`opengauge.api`; it is imported lazily so that
``opengauge --help`` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]

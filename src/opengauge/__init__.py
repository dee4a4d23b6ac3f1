"""opengauge: how open is this AI model, really?

Evidence-backed openness, licence and lineage assessment for AI model releases.
The public API lives in :mod:`opengauge.api`; it is imported lazily so that
``opengauge --help`` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "compiled"]


def compiled() -> bool:
    """True when the core runs as C extensions compiled by mypyc (a wheel install, see
    ``hatch_build.py``), False when it is interpreted (an editable or pure-Python install).
    The reports are the same; the compiled core spends about a quarter fewer instructions on
    each."""
    import importlib.util  # (here, not at import: only `opengauge version` and tests ask)

    spec = importlib.util.find_spec("opengauge.pipeline")
    return spec is not None and spec.origin is not None and not spec.origin.endswith(".py")

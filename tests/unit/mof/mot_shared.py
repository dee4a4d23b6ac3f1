"""Where the shared MOT data and the declaration fixtures live (imported by the MOF tests)."""

from __future__ import annotations

import os
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "declarations"


def shared_root() -> Path:
    """``$OPENGAUGE_SHARED`` or the ``shared`` folder next to the repository."""
    env = os.environ.get("OPENGAUGE_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[3].parent / "shared"


MOT_DIR = shared_root() / "data" / "mot"
HAVE_MOT = (MOT_DIR / "derived" / "models.csv").is_file()

"""Fixtures for the MOF / MOT tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from mot_shared import FIXTURES, HAVE_MOT, MOT_DIR


@pytest.fixture
def mot_dir() -> Path:
    """The shared MOT data folder; skips the test when it is absent."""
    if not HAVE_MOT:
        pytest.skip(f"shared MOT data not found at {MOT_DIR} (set OPENGAUGE_SHARED)")
    return MOT_DIR


@pytest.fixture
def fixtures() -> Path:
    """tests/fixtures/declarations."""
    return FIXTURES

"""The codebase stays ruff-clean and mypy --strict clean (both are test dependencies)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / name
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return found


def test_ruff_clean():
    res = subprocess.run([_tool("ruff"), "check", "src", "tests", "bench", "scripts", "hatch_build.py"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout[-3000:]


def test_mypy_strict_clean():
    res = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout[-3000:]


def test_help_is_fast_enough_to_import_lazily():
    # --help must not import the heavy stages (licences, frameworks, huggingface_hub)
    code = ("import sys; from opengauge.cli import main; "
            "heavy = [m for m in ('huggingface_hub', 'opengauge.licenses', 'opengauge.frameworks', "
            "'opengauge.pipeline') if m in sys.modules]; print(','.join(heavy))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == ""

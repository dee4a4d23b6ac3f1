"""The fuzzing script runs in every mode (a few rounds: it is a tool, not a test of luck)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("kind", ["snapshots", "declarations", "weights", "hub"])
def test_fuzz_script_runs_and_counts(kind: str, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "fuzz_inputs.py"), kind,
                           "--seed", "7", "--rounds", "4", "--keep", str(tmp_path / "kept")],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"4 rounds of {kind}, seed 7:" in proc.stdout
    assert proc.stdout.rstrip().endswith("0 crash(es)")
    assert not (tmp_path / "kept").exists()

"""The batch stress script runs and counts (a few rounds without hangs: it is a tool, not a test
of luck; the batch's own tests cover each fault)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_stress_script_runs_and_counts() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "stress_batch.py"), "--seed", "3",
                           "--rounds", "3", "--faults", "kill,exit,raise,missing"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.rstrip().endswith("3 rounds, seed 3, faults kill,exit,raise,missing: 0 failed")


def test_stress_script_refuses_an_unknown_fault() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "stress_batch.py"), "--faults", "melt"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 2
    assert "unknown fault(s) ['melt']" in proc.stderr

"""The console script's entry (opengauge.cli.entry): the collector paused for the start, then
resumed with what the start built frozen; the same output as the command-line module."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from opengauge.cli import entry
from tests.conftest import ROOT, cli_env, run_cli

EXAMPLE = str(ROOT / "examples" / "aurora-tiny-7m")

# A fresh process, as the console script starts: how many collections ran, and how many
# objects were frozen, by the time the process ends.
_COUNTED = """
import atexit, gc, sys
runs = []
gc.callbacks.append(lambda phase, info: runs.append(info["generation"]) if phase == "stop" else None)
atexit.register(lambda: print(len(runs), gc.get_freeze_count(), file=sys.stderr))
from {module} import run
run()
"""


def _counted(tmp_path: Path, module: str, *args: str) -> tuple[subprocess.CompletedProcess[str], int, int]:
    res = subprocess.run([sys.executable, "-c", _COUNTED.format(module=module), *args],
                         env=cli_env(tmp_path), capture_output=True, text=True, check=False)
    runs, frozen = (int(x) for x in res.stderr.strip().splitlines()[-1].split())
    return res, runs, frozen


@pytest.mark.parametrize("args", [("assess", EXAMPLE, "--format", "json"),
                                  ("assess", EXAMPLE, EXAMPLE, "--format", "json")],
                         ids=["single", "batch"])
def test_the_start_runs_without_collections_and_is_frozen(tmp_path, args):
    res, runs, frozen = _counted(tmp_path, "opengauge.cli.entry", *args)
    assert res.returncode == 0, res.stderr
    base, base_runs, _ = _counted(tmp_path, "opengauge.cli.main", *args)
    assert res.stdout == base.stdout  # the same reports
    # loading typer, the pipeline and its tables sets off dozens of collections that free
    # nothing; paused, only the few after the tables are loaded remain
    assert base_runs >= 30
    assert runs < base_runs / 3
    # --help loads typer and no tables: what it freezes at its end is the start without them
    _, _, help_frozen = _counted(tmp_path, "opengauge.cli.entry", "--help")
    assert frozen > help_frozen + 10_000  # the tables are frozen, never traversed again


def test_the_collector_runs_again_before_the_work(monkeypatch, capsys):
    """Paused for the start only: running when a single report is worked out, and when a
    batch forks its workers."""
    from opengauge import api
    from opengauge.cli import batch

    seen: list[tuple[str, bool]] = []
    real_assess, real_worker = api.assess, batch._Worker.__init__

    def assess(*a, **k):
        seen.append(("assess", gc.isenabled()))
        return real_assess(*a, **k)

    def worker(self, *a, **k):
        seen.append(("fork", gc.isenabled()))
        real_worker(self, *a, **k)

    monkeypatch.setattr(api, "assess", assess)
    monkeypatch.setattr(batch._Worker, "__init__", worker)
    try:
        for argv in (["assess", EXAMPLE, "--format", "json"],
                     ["assess", EXAMPLE, EXAMPLE, "--format", "json", "--jobs", "1"]):
            with pytest.raises(SystemExit) as exc:
                entry.run(argv)
            assert exc.value.code == 0
    finally:
        gc.unfreeze()
        gc.enable()
    assert seen == [("assess", True), ("fork", True)]
    assert len(capsys.readouterr().out.splitlines()) > 2


def test_a_command_that_loads_no_tables_ends_with_the_collector_running():
    was = gc.isenabled()
    try:
        with pytest.raises(SystemExit) as exc:
            entry.run(["assess", "--format", "xml", EXAMPLE])  # a usage error, before any loading
        assert exc.value.code == 2
        assert gc.isenabled()
        assert not entry._paused
    finally:
        gc.unfreeze()
        if not was:  # pragma: no cover
            gc.disable()


def test_python_dash_m_opengauge_is_the_console_script(tmp_path):
    env = cli_env(tmp_path)
    res = subprocess.run([sys.executable, "-m", "opengauge", "assess", EXAMPLE, "--format", "json"],
                         env=env, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == json.loads(run_cli(env, "assess", EXAMPLE, "--format", "json").stdout)
    helped = subprocess.run([sys.executable, "-m", "opengauge", "--help"], env=env, capture_output=True,
                            text=True, check=False)
    assert helped.returncode == 0 and "assess" in helped.stdout

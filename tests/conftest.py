"""Shared pytest configuration: shared-material location, golden-file switch, schema."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

# The suite (and the CLI runs it starts) keeps its caches in a folder of its own, never in the
# user's ~/.cache/opengauge: no test depends on what earlier runs left there, and none adds to it.
# (Set before any opengauge module is imported; tests that need another root set their own.)
_CACHE_ROOT = tempfile.mkdtemp(prefix="opengauge-tests-cache-")
os.environ["OPENGAUGE_CACHE"] = _CACHE_ROOT
atexit.register(shutil.rmtree, _CACHE_ROOT, ignore_errors=True)

pytest_plugins = ["tests.hubserver"]
"""The fake Hub's fixtures (``fake_hub``, ``hub_server``) are available to every test."""

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"


def shared_dir() -> Path:
    """Where ../shared lives (OPENGAUGE_SHARED overrides)."""
    env = os.environ.get("OPENGAUGE_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


SHARED = shared_dir()
CORPUS = SHARED / "corpus"


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A clean environment for a command-line run in a subprocess: its own caches, no colour,
    no telemetry, nothing else from the caller but PATH and PYTHONPATH (the compiled build's
    folder when the suite runs on it), plus ``extra``."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_COLOR": "1",
           "OPENGAUGE_CACHE": str(tmp_path / "cache"), "HF_HOME": str(tmp_path / "hf"),
           "HF_HUB_DISABLE_TELEMETRY": "1"}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    env.update(extra)
    return env


def run_cli(env: dict[str, str], *args: str, **kwargs: Any) -> subprocess.CompletedProcess[Any]:
    """``python -m opengauge.cli.main ARGS`` with ``env``; stdout and stderr captured unless
    ``kwargs`` says otherwise (``stdout=``, ``input=``, ``text=``, ``cwd=``...)."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "opengauge.cli.main", *args], env=env, check=False,
                          timeout=120, **kwargs)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden files from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def _schema(name: str) -> dict[str, Any]:
    text = resources.files("opengauge.exporters").joinpath(f"schemas/{name}").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _checker(schema: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A function that fails the test with the first schema error of a document."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)

    def check(doc: dict[str, Any]) -> None:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, f"{errors[0].message} at {list(errors[0].path)}"

    return check


@pytest.fixture(scope="session")
def report_schema() -> dict[str, Any]:
    return _schema("report-1.json")


@pytest.fixture(scope="session")
def validate_report(report_schema: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """Check a JSON report against its schema, and that each of its findings is in the
    finding catalogue (docs/findings.md) with a severity the catalogue gives it."""
    from opengauge.findings import catalogue

    schema_check = _checker(report_schema)
    rules = catalogue()

    def check(doc: dict[str, Any]) -> None:
        schema_check(doc)
        for f in doc.get("findings", []):
            rule = rules.get(f["id"])
            assert rule is not None, f"finding {f['id']} is not in data/findings/findings.yaml"
            assert f["severity"] in rule.severity, (
                f"finding {f['id']} has severity {f['severity']}, the catalogue says "
                f"{[s.value for s in rule.severity]}")

    return check


@pytest.fixture(scope="session")
def validate_batch_error() -> Callable[[dict[str, Any]], None]:
    """Check a batch error line against its JSON Schema (schemas/batch-error-1.json)."""
    return _checker(_schema("batch-error-1.json"))


def corpus_dirs() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(d for d in CORPUS.iterdir() if d.is_dir())


requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")

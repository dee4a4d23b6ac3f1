"""Shared pytest configuration: shared-material location, golden-file switch, schema."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden files from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def report_schema() -> dict[str, Any]:
    text = resources.files("opengauge.exporters").joinpath("schemas/report-1.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def validate_report(report_schema: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(report_schema)

    def check(doc: dict[str, Any]) -> None:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, f"{errors[0].message} at {list(errors[0].path)}"

    return check


def corpus_dirs() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(d for d in CORPUS.iterdir() if d.is_dir())


requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")

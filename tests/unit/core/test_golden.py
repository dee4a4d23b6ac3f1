"""Golden files for the JSON, Markdown and terminal-table output of the bundled examples."""

from __future__ import annotations

import json

import pytest

from opengauge import api
from tests.conftest import GOLDEN, ROOT

CASES = ["aurora-tiny-7m", "lumen-chat-3b", "granite-like-declaration.yml"]
FORMATS = {"json": "json", "markdown": "md", "table": "txt"}


def _render(case: str, fmt: str) -> str:
    report = api.assess(str(ROOT / "examples" / case))
    text = api.export(report, fmt, api.RenderContext(generated_at="2026-01-01T00:00:00Z"))
    # the location is where the checkout lives; make it stable
    return text.replace(str(ROOT) + "/", "")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", CASES)
def test_golden(case, fmt, update_goldens, validate_report, monkeypatch):
    # the table's width and colours follow the terminal: fix both
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    got = _render(case, fmt)
    path = GOLDEN / fmt / f"{case.removesuffix('.yml')}.{FORMATS[fmt]}"
    if fmt == "json":
        validate_report(json.loads(got))
    if update_goldens or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
        if not update_goldens:
            pytest.fail(f"golden file {path.name} was missing and has been written; rerun")
    assert got == path.read_text(encoding="utf-8"), f"{path} differs; run pytest --update-goldens if intended"

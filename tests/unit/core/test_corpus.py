"""Every snapshot of the shared corpus is assessed without error and validates (skips if absent)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from opengauge.cli.main import app
from tests.conftest import CORPUS, corpus_dirs, requires_corpus


def _evidence_lists(doc: object, where: str) -> list[tuple[str, list[str]]]:
    """Every list of evidence ids in a report (findings, components, licences, criteria...)."""
    out: list[tuple[str, list[str]]] = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k == "evidence" and isinstance(v, list) and all(isinstance(x, str) for x in v):
                out.append((where, v))
            else:
                out += _evidence_lists(v, f"{where}.{k}")
    elif isinstance(doc, list):
        for v in doc:
            out += _evidence_lists(v, f"{where}[]")
    return out


@requires_corpus
def test_whole_corpus_in_one_batch(validate_report):
    dirs = corpus_dirs()
    assert len(dirs) >= 80
    res = CliRunner().invoke(app, ["assess", *map(str, dirs), "--format", "json"])
    lines = res.stdout.splitlines()
    assert len(lines) == len(dirs)
    facts = cited = 0
    for d, line in zip(dirs, lines, strict=True):
        doc = json.loads(line)
        assert "error" not in doc, f"{d.name}: {doc.get('error')}"
        validate_report(doc)
        for e in doc["evidence"]:
            facts += 1
            cited += bool(e["file"] and e["locator"] and e["revision"])
        ids = {e["id"] for e in doc["evidence"]}
        for where, cites in _evidence_lists(doc, ""):
            assert len(set(cites)) == len(cites), f"{d.name}: {where} cites an item twice"
            assert set(cites) <= ids, f"{d.name}: {where} cites evidence the report lacks"
    assert res.exit_code == 0
    assert facts == cited


@requires_corpus
@pytest.mark.parametrize("name", ["meta-llama__Meta-Llama-3-8B", "LLM360__Amber"])
def test_corpus_reports_are_deterministic(name):
    runner = CliRunner()
    a = runner.invoke(app, ["assess", str(CORPUS / name), "-f", "json"])
    b = runner.invoke(app, ["assess", str(CORPUS / name), "-f", "json"])
    assert a.exit_code == 0
    assert a.stdout == b.stdout

"""`opengauge license`: files, folders, ids and standard input."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from opengauge.cli.main import app
from tests.conftest import ROOT

runner = CliRunner()
APACHE = ROOT / "examples" / "aurora-tiny-7m" / "LICENSE"


def test_licence_id_is_explained_with_restrictions():
    res = runner.invoke(app, ["license", "llama3.1"])
    assert res.exit_code == 0, res.output
    assert "llama3.1" in res.stdout
    assert "user_threshold" in res.stdout and "700,000,000" in res.stdout


def test_licence_file_gives_quotes_with_lines(tmp_path):
    text = ("MODEL LICENSE\n\n1. You may use the model for any purpose.\n"
            "2. You may not use the Model or its outputs for commercial purposes.\n")
    f = tmp_path / "LICENSE"
    f.write_text(text)
    res = runner.invoke(app, ["license", str(f), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    nc = [r for r in doc["restrictions"] if r["type"] == "commercial_ban"]
    assert nc and nc[0]["line"] == 4 and "commercial" in nc[0]["quote"]


def test_folder_explains_each_licence_file():
    res = runner.invoke(app, ["license", str(APACHE.parent), "-f", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["license"] == "Apache-2.0"


def test_stdin_text():
    res = runner.invoke(app, ["license", "-"], input=APACHE.read_text())
    assert res.exit_code == 0, res.output
    assert "Apache-2.0" in res.stdout


def test_folder_without_licence_files_is_a_clear_error(tmp_path):
    (tmp_path / "README.md").write_text("# x\n")
    res = runner.invoke(app, ["license", str(tmp_path)])
    assert res.exit_code == 3
    assert "no licence files" in res.stderr

"""The finding catalogue: every id the code can emit is documented, and nothing else is.

(That every report's findings carry catalogued ids at catalogued severities is checked by the
``validate_report`` fixture, on the examples' golden reports, the corpus and the hostile inputs.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from opengauge import findings
from opengauge.cli.main import app

ROOT = Path(__file__).resolve().parents[3]
SRC = ROOT / "src" / "opengauge"
_LITERAL_ID = re.compile(r"\"(OG-[A-Z]+-\d{3})\"")
# a source problem's code: SourceProblem(code="...") and the Hub source's _bad_header(f, "...")
_PROBLEM_CODE = re.compile(r"SourceProblem\(\s*code=\"([a-z-]+)\"|_bad_header\(\s*f,\s*\"([a-z-]+)\"")


def _emitted() -> dict[str, set[str]]:
    """Finding id -> the source files (repository paths) that can emit it, by reading the code."""
    out: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text("utf-8")
        rel = path.relative_to(ROOT).as_posix()
        for m in _LITERAL_ID.finditer(text):
            out.setdefault(m.group(1), set()).add(rel)
        for m in _PROBLEM_CODE.finditer(text):
            out.setdefault(f"OG-SRC-{m.group(1) or m.group(2)}", set()).add(rel)
    return out


def test_the_code_emits_findings_through_the_patterns_this_test_reads() -> None:
    # (if the emitting code changes shape, this scan must change with it, not go quiet)
    emitted = _emitted()
    assert {"OG-CARD-001", "OG-LIC-001", "OG-WASH-001", "OG-SRC-gated",
            "OG-SRC-header-too-large", "OG-SRC-unsafe-listing-path"} <= set(emitted)
    extract = (SRC / "evidence" / "extract.py").read_text("utf-8")
    assert 'f"OG-SRC-{p.code}"' in extract, "source problems are no longer OG-SRC-<code>"


def test_every_emitted_id_is_catalogued_and_every_catalogued_id_is_emitted() -> None:
    emitted = _emitted()
    rules = findings.catalogue()
    assert sorted(set(emitted) - set(rules)) == [], "add these ids to data/findings/findings.yaml"
    assert sorted(set(rules) - set(emitted)) == [], "the catalogue lists ids nothing emits"
    for fid, rule in rules.items():
        assert set(rule.emitted_by) == emitted[fid], f"{fid}: emitted_by should be {emitted[fid]}"
        assert rule.title and rule.means and rule.action and rule.severity


def test_the_page_is_generated_from_the_catalogue() -> None:
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_findings_docs.py"),
                          "--check"], capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout
    page = (ROOT / "docs" / "findings.md").read_text("utf-8")
    assert all(f"### {fid}\n" in page for fid in findings.catalogue())


def test_explain_prints_a_finding_and_refuses_an_unknown_id() -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["explain", "og-lic-003"])
    assert res.exit_code == 0
    assert res.stdout.startswith("OG-LIC-003: Non-commercial data under commercial weights terms")
    assert "Severity: high" in res.stdout and "What to do" in res.stdout
    res = runner.invoke(app, ["explain", "OG-SRC-Gated"])
    assert res.exit_code == 0 and res.stdout.startswith("OG-SRC-gated: ")
    res = runner.invoke(app, ["explain", "OG-LIC-999"])
    assert res.exit_code == 2
    assert "unknown finding id 'OG-LIC-999'" in res.stderr and "docs/findings.md" in res.stderr

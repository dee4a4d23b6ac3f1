"""Contract tests: catalogues <-> registry <-> docs are complete and consistent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from opengauge.errors import CatalogueError
from opengauge.frameworks.catalogue import (
    DOC_SECTIONS,
    explain,
    list_frameworks,
    load_catalogue_text,
    load_frameworks,
)
from opengauge.frameworks.registry import registered_checks, registered_verdicts

ROOT = Path(__file__).resolve().parents[3]
GOOD = """
framework: demo
version: "1.0"
title: Demo
url: https://example.org
summary: demo
criteria:
  - id: DEMO-A1
    title: A criterion
    status: stable
    since: "0.1.0"
    needs: [license]
    check: demo.a1
    docs: {what: w, why: y, passes: p, fails: f, limitations: l, references: [r]}
"""


def test_every_active_criterion_has_a_check_and_the_key_matches() -> None:
    checks = registered_checks()
    for fw in load_frameworks():
        for c in fw.active():
            assert c.id in checks, f"{c.id} has no registered check"
            assert checks[c.id].key == c.check, f"{c.id}: catalogue names {c.check}"


def test_every_check_has_a_criterion() -> None:
    ids = {c.id for fw in load_frameworks() for c in fw.active()}
    assert set(registered_checks()) == ids


def test_every_framework_has_a_verdict_function() -> None:
    assert {fw.id for fw in load_frameworks()} == set(registered_verdicts())


def test_every_criterion_has_every_doc_section() -> None:
    for fw in load_frameworks():
        for c in fw.criteria:
            for key, _ in DOC_SECTIONS:
                assert getattr(c.docs, key).strip(), f"{c.id} lacks {key}"
            assert c.docs.references


def test_ids_are_unique_across_catalogues() -> None:
    ids = [c.id for fw in load_frameworks() for c in fw.criteria]
    assert len(ids) == len(set(ids))


def test_list_frameworks() -> None:
    rows = list_frameworks()
    assert [r[0] for r in rows] == ["osaid", "mof", "eosai", "solaiman", "brief", "eu-ai-act",
                                    "public-funding-baseline"]
    assert {r[0]: r[3] for r in rows}["eosai"] == 12


def test_explain_prints_the_docs() -> None:
    text = explain("osaid-terms")
    assert text.startswith("OSAID-TERMS: ")
    for _, heading in DOC_SECTIONS:
        assert heading in text
    with pytest.raises(KeyError):
        explain("NOPE-1")


def test_a_good_catalogue_loads() -> None:
    fw = load_catalogue_text(GOOD)
    assert fw.criteria[0].more_info == "docs/criteria/DEMO-A1.md"


@pytest.mark.parametrize(("old", "new"), [
    ("id: DEMO-A1", "id: demo a1"),
    ("status: stable", "status: beta"),
    ('since: "0.1.0"', "since: soon"),
    ("needs: [license]", "needs: []"),
    ("limitations: l, ", ""),
    ("references: [r]", "references: []"),
    ('version: "1.0"', "version: 1.0"),
    ("criteria:", "criteria: []\nx:"),
    ("title: Demo", "title: [Demo"),
])
def test_a_bad_catalogue_is_a_catalogue_error(old: str, new: str) -> None:
    with pytest.raises(CatalogueError):
        load_catalogue_text(GOOD.replace(old, new, 1))


def test_duplicate_ids_are_rejected() -> None:
    text = GOOD + GOOD.split("criteria:\n")[1]
    with pytest.raises(CatalogueError, match="twice"):
        load_catalogue_text(text)


def test_generated_docs_are_up_to_date() -> None:
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_criteria_docs.py"), "--check"],
                       capture_output=True, text=True, check=False)
    assert p.returncode == 0, p.stdout + p.stderr

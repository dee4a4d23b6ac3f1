"""MOT conformance through the whole pipeline: every MOT record and Test_Data case, assessed as a
declaration, gets the class and progress the Model Openness Tool gives (skips without ../shared)."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

from opengauge.pipeline import assess_snapshot
from opengauge.sources.declaration import load_declaration


def _shared() -> Path:
    env = os.environ.get("OPENGAUGE_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[3].parent / "shared"


MOT = _shared() / "data" / "mot"
HAVE = (MOT / "derived" / "models.csv").is_file()
pytestmark = pytest.mark.skipif(not HAVE, reason="shared MOT data absent")
ROMAN = {"0": "none", "1": "I", "2": "II", "3": "III"}


def test_all_records_match_the_derived_classes() -> None:
    want = {r["file"]: r for r in csv.DictReader((MOT / "derived" / "models.csv").open())}
    files = sorted((MOT / "models").glob("*.yml"))
    assert len(files) == 273
    bad = []
    for f in files:
        s = assess_snapshot(load_declaration(f)).summary
        w = want[f.name]
        got = (s["mof_class"], s["mof_progress"]["III"], s["mof_progress"]["II"],
               s["mof_progress"]["I"])
        exp = (ROMAN[w["mot_class"]] if w["mot_class"] in ROMAN else w["mot_class"],
               w["progress_class3"], w["progress_class2"], w["progress_class1"])
        if got != exp:
            bad.append((f.name, got, exp))
    assert not bad, bad[:5]


def test_mot_test_data_cases() -> None:
    """The MOT's own Test_Data: class and progress as in its expected_results.json."""
    text = (MOT / "Test_Data" / "expected_results.json").read_text(encoding="utf-8")
    text = re.sub(r",(\s*[}\]])", r"\1", text)  # the MOT's file has trailing commas
    expected = {m["release"]["name"]: m["classification"] for m in json.loads(text)["models"]}
    files = sorted((MOT / "Test_Data").glob("*.yml"))
    assert len(files) == len(expected) == 27
    for f in files:
        report = assess_snapshot(load_declaration(f))
        want = expected[str(report.subject.id) if str(report.subject.id) in expected else f.stem]
        s = report.summary
        assert s["mof_class"] == ROMAN[str(want["class"])], f.name
        for k, roman in (("1", "I"), ("2", "II"), ("3", "III")):
            assert float(s["mof_progress"][roman]) == pytest.approx(
                float(want["progress"][k]), abs=0.005), (f.name, k)

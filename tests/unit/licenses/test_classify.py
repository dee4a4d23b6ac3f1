"""OSAID / MOT / EU AI Act readings, including the MOT's deliberate quirks."""

from __future__ import annotations

import pytest

from opengauge.licenses.classify import classify, eu_foss, mot_open, osaid_open


@pytest.mark.parametrize(
    ("lid", "expected"),
    [
        ("Apache-2.0", True),
        ("apache-2.0", False),  # MOT matches ids exactly and case-sensitively
        ("GPL-3.0", True),  # deprecated SPDX id still counts
        ("PDDL-1.0", False),  # the MOT list names ODC-PDDL-1.0
        ("CC-BY-4.0", True),
        ("CC-BY-NC-4.0", False),
        ("OpenMDW-1.0", True),
        ("llama2", False),
        ("Apache-2.0 OR MIT", False),
        (None, None),
    ],
)
def test_mot(lid: str | None, expected: bool | None) -> None:
    assert mot_open(lid, "weights") is expected


@pytest.mark.parametrize(
    ("lid", "component", "expected"),
    [
        ("MIT", "code", True),
        ("CC-BY-4.0", "code", False),
        ("CC-BY-4.0", "weights", True),
        ("OpenMDW-1.0", "weights", True),
        ("CC-BY-NC-4.0", "weights", False),
        ("gemma", "weights", False),
        ("LicenseRef-not-known", "weights", None),
    ],
)
def test_osaid(lid: str, component: str, expected: bool | None) -> None:
    assert osaid_open(lid, component) is expected


@pytest.mark.parametrize(
    ("lid", "expected"),
    [
        ("Apache-2.0", True),
        ("GPL-3.0-only", True),
        ("CC-BY-SA-4.0", True),
        ("CC-BY-NC-4.0", False),
        ("CC-BY-ND-4.0", False),
        ("llama3", False),
        ("bigscience-openrail-m", False),
        ("LicenseRef-tii-falcon-1.0", False),
    ],
)
def test_eu_foss(lid: str, expected: bool) -> None:
    assert eu_foss(lid) is expected


def test_classify_reasons() -> None:
    c = classify("llama3.1", "weights")
    assert (c.osaid_open, c.mot_open, c.eu_foss) == (False, False, False)
    assert any("user_threshold" in r for r in c.reasons)

"""``opengauge license``: the pure explain function and its plain-text rendering."""

from __future__ import annotations

from opengauge.licenses.explain import explain, render_explanation_text
from tests.unit.licenses.conftest import FIXTURES


def test_explain_id() -> None:
    e = explain("llama3.2", file="-")
    assert e.license == "llama3.2"
    assert e.osi_approved is False
    assert "naming_requirement" in e.restriction_types
    out = render_explanation_text(e)
    assert "Licence: llama3.2" in out
    assert "threshold 700,000,000" in out


def test_explain_unknown_text_lists_restrictions_and_nearest() -> None:
    text = (FIXTURES / "custom-terms.txt").read_text(encoding="utf-8")
    e = explain(text, file="TERMS")
    assert e.license is None
    assert "user_threshold" in e.restriction_types
    out = render_explanation_text(e)
    assert "Licence: unknown licence" in out
    assert "TERMS:" in out


def test_explain_known_text() -> None:
    e = explain((FIXTURES / "mit-with-header.md").read_text(encoding="utf-8"), file="LICENSE")
    assert (e.license, e.kind, e.mot_open, e.eu_foss) == ("MIT", "permissive", True, True)
    assert "Match: license" in render_explanation_text(e)


def test_explain_unknown_id() -> None:
    e = explain("definitely-not-a-licence", file="-")
    assert e.license == "LicenseRef-definitely-not-a-licence"
    assert e.match == "unknown"

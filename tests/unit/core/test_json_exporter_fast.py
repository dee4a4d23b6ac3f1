"""The fast JSON path (orjson) must write exactly what the standard library writes."""

from __future__ import annotations

import json

import pytest

from opengauge.exporters.json import dumps

DOCS = [
    {"b": [1, 2, {"z": None, "a": True}], "a": "plain", "c": {}, "d": []},
    {"ctl": "x\x00\x1b\x1f\x7f\n\t\r\"\\", "uni": "é — \u2028 \U0001f600", "n": -(2**63)},
    {"big": 2**70, "s": "too big for orjson: falls back"},
    {"lone": "\ud800 surrogate: falls back"},
]


@pytest.mark.parametrize("doc", DOCS)
def test_same_text_as_the_standard_library(doc: dict[str, object]) -> None:
    assert dumps(doc) == json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert dumps(doc, pretty=True) == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("doc", DOCS[:3])
def test_bytes_are_the_text_in_utf8(doc: dict[str, object]) -> None:
    from opengauge.exporters.json import dumps_bytes

    assert dumps_bytes(doc) == dumps(doc).encode("utf-8")


def test_report_line_bytes_are_the_line_in_utf8() -> None:
    from opengauge import api
    from tests.conftest import ROOT

    report = api.assess(str(ROOT / "examples" / "lumen-chat-3b"))
    assert api.export_line_bytes(report) == api.export_line(report).encode("utf-8")

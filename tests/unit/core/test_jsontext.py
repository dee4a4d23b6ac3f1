"""JSON from model artefacts: parsed as the standard library does, never with a lone surrogate."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from opengauge import api
from opengauge.jsontext import loads, writable

SAME = [
    '{"a": [1, 2.5, null, true], "b": {"c": "plain"}}',
    '{"emoji": "\\ud83d\\ude00", "raw": "é — 😀", "esc": "\\u00e9"}',
    "[]",
    '"x"',
]


@pytest.mark.parametrize("text", SAME)
def test_well_formed_json_parses_exactly_as_the_standard_library(text: str) -> None:
    assert loads(text) == json.loads(text)
    assert loads(text.encode()) == json.loads(text)


def test_lone_surrogates_become_replacement_characters_in_keys_values_and_lists() -> None:
    text = '{"k\\udcff": ["\\ud800x", {"n": "\\uDFFF"}, "\\ud83d\\ude00", 3]}'
    doc = loads(text)
    assert doc == {"k\ufffd": ["\ufffdx", {"n": "\ufffd"}, "\U0001f600", 3]}
    assert loads(text.encode()) == doc
    json.dumps(doc, ensure_ascii=False).encode("utf-8")  # strict: writable


def test_errors_are_the_standard_librarys() -> None:
    with pytest.raises(json.JSONDecodeError):
        loads("{not json")


def test_writable_keeps_good_text_and_replaces_only_lone_surrogates() -> None:
    assert writable("abc é") == "abc é"
    assert writable("a\ud800b\udcffc") == "a\ufffdb\ufffdc"


def test_safetensors_metadata_with_a_lone_surrogate_is_readable(tmp_path: Path) -> None:
    header = b'{"w": {"dtype": "F16\\ud800", "shape": [2], "data_offsets": [0, 4]}}'
    root = tmp_path / "org__m"
    root.mkdir()
    (root / "README.md").write_text("---\nlicense: mit\n---\n# M\n", encoding="utf-8")
    (root / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 4)
    r = api.assess(str(root))
    p = [e for e in r.evidence if e.key == "weights.parameters"]
    assert p and p[0].value == "2" and p[0].attr("dtype.F16\ufffd") == "2"
    for fmt in ("json", "markdown", "table"):
        api.export(r, fmt).encode("utf-8")


def test_json_declaration_with_a_lone_surrogate_is_readable(tmp_path: Path) -> None:
    decl = tmp_path / "model.json"
    decl.write_text('{"framework": {"name": "Model Openness Framework", "version": "1.0"}, '
                    '"release": {"name": "odd\\ud800", "version": "1", "producer": "Acme", '
                    '"components": [{"name": "Model parameters (Final)", "license": "MIT"}]}}',
                    encoding="utf-8")
    r = api.assess(str(decl))
    api.export(r, "json").encode("utf-8")
    assert r.subject.id.startswith("odd")

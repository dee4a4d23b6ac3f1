"""Loading declaration files: formats, snapshot fields and clear errors for bad input."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from opengauge.errors import DeclarationError, RepoNotFound, SourceError
from opengauge.frameworks.mof import COMPONENTS
from opengauge.sources.declaration import component_ids, load_declaration, parse_declaration
from opengauge.types import SourceKind


def _schema() -> dict[str, Any]:
    text = resources.files("opengauge").joinpath("data", "declaration-1.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


def test_schema_is_valid_and_lists_the_17_components() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())
    assert component_ids() == tuple(c.id for c in COMPONENTS)


def test_opengauge_declaration_snapshot(fixtures: Path) -> None:
    path = fixtures / "opengauge-full.yaml"
    snap = load_declaration(path)
    assert snap.source is SourceKind.DECLARATION
    assert snap.repo_id == "example-lab/tiny-open-7b"
    assert snap.revision == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    assert snap.revision_pinned is False
    assert snap.location == str(path)
    assert snap.declaration_format == "opengauge"
    assert snap.texts == {"opengauge-full.yaml": path.read_text(encoding="utf-8")}
    assert [f.path for f in snap.files] == ["opengauge-full.yaml"]
    assert snap.declaration is not None
    assert snap.declaration["licenses"]["weights"] == "Apache-2.0"
    assert snap.problems == ()


@pytest.mark.parametrize("name", ["opengauge-full.yaml", "opengauge-minimal.json"])
def test_valid_fixtures_validate_against_the_schema(fixtures: Path, name: str) -> None:
    data = yaml.safe_load((fixtures / name).read_text(encoding="utf-8"))
    jsonschema.validate(data, _schema())
    assert load_declaration(fixtures / name).declaration_format == "opengauge"


def test_json_declaration(fixtures: Path) -> None:
    snap = load_declaration(fixtures / "opengauge-minimal.json")
    assert snap.repo_id == "example-lab/minimal"


def test_mot_record_snapshot(fixtures: Path) -> None:
    snap = load_declaration(fixtures / "mot-minimal.yml")
    assert snap.declaration_format == "mot"
    assert snap.repo_id == "Fixture-Model"  # the MOT's key; the HF URL becomes evidence


def test_duplicate_keys_are_recorded(fixtures: Path) -> None:
    snap = load_declaration(fixtures / "duplicate-keys.yaml")
    assert [(p.code, p.message) for p in snap.problems] == [
        ("duplicate-key", "key `code` repeated at line 5")
    ]


def test_unquoted_dates_become_iso_strings() -> None:
    text = "framework: {date: 2024-12-15}\nrelease: {name: x, date: 2025-01-02, components: []}\n"
    data, fmt, _ = parse_declaration(text, "x.yml")
    assert fmt == "mot"
    assert data["release"]["date"] == "2025-01-02"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad-yaml.yml", "bad-yaml.yml: not valid YAML at line 6"),
        ("wrong-type.yml", "`release.components` must be a list of components"),
        ("unknown-format.yaml", "unknown declaration format (top-level keys: license, model_name)"),
        ("unknown-component.yaml", "unknown component `components.model_weights`"),
        ("bad-status.yaml", "`components.model_card.status` must be one of released, "),
        ("future-version.yaml", "unsupported `opengauge_declaration: 2`"),
        ("bad-json.json", "bad-json.json: not valid JSON at line 1"),
        ("not-utf8.yml", "not-utf8.yml: not UTF-8 text"),
    ],
)
def test_bad_declarations_raise_declaration_error(fixtures: Path, name: str, message: str) -> None:
    with pytest.raises(DeclarationError) as info:
        load_declaration(fixtures / name)
    assert message in str(info.value)
    assert info.value.hint  # every error says what to do
    assert isinstance(info.value, SourceError | ValueError)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- 1\n- 2\n", "the top level must be a mapping of keys, got a list"),
        ("", "the top level must be a mapping of keys, got nothing (null)"),
        ("just text", "the top level must be a mapping of keys, got a string"),
        ("x: !!python/object/apply:os.system ['true']\n", "unsupported YAML at line 1"),
        ("framework: {}\nrelease: [1]\n", "`release` must be a mapping, got a list"),
        ("framework: {}\nrelease: {name: '', components: []}\n", "`release.name` must be"),
        (
            "framework: {}\nrelease: {name: x, components: [{name: Datasets, license: [MIT]}]}\n",
            "`release.components[0].license` must be a licence id string",
        ),
        ("opengauge_declaration: 1\n", "`model` must be a mapping with at least `id`"),
        ("opengauge_declaration: 1\nmodel: {id: x}\nextra: 1\n", "unknown key `extra`"),
        ("opengauge_declaration: 1\nmodel: {id: x, size: 7}\n", "unknown key `model.size`"),
        ("opengauge_declaration: 1\nmodel: {id: x}\nlicenses: {model: MIT}\n", "`licenses.model`"),
        ("opengauge_declaration: 1\nmodel: {id: x}\nclaims: [{}]\n", "`claims[0]` must be"),
        ("opengauge_declaration: true\nmodel: {id: x}\n", "unsupported `opengauge_declaration"),
    ],
)
def test_parse_errors_are_clear(text: str, message: str) -> None:
    with pytest.raises(DeclarationError) as info:
        parse_declaration(text, "d.yml")
    assert message in str(info.value)


@pytest.mark.parametrize("depth", [600, 100_000])
@pytest.mark.parametrize("as_json", [False, True])
def test_nesting_too_deep_is_a_clear_error(depth: int, as_json: bool) -> None:
    nest = "[" * depth + "]" * depth
    text = (f'{{"opengauge_declaration": 1, "model": {{"id": "x"}}, "claims": {nest}}}' if as_json
            else f"opengauge_declaration: 1\nmodel: {{id: x}}\nclaims: {nest}\n")
    with pytest.raises(DeclarationError) as info:
        parse_declaration(text, "d.json" if as_json else "d.yml", as_json=as_json)
    assert "nest too deeply" in str(info.value)


@pytest.mark.parametrize("as_json", [False, True])
def test_integer_too_long_for_int_is_kept_as_text(as_json: bool) -> None:
    huge = "9" * 5000
    text = (f'{{"opengauge_declaration": 1, "model": {{"id": "x", "parameters": {huge}}}}}'
            if as_json else f"opengauge_declaration: 1\nmodel: {{id: x, parameters: {huge}}}\n")
    try:
        data, _, _ = parse_declaration(text, "d.json" if as_json else "d.yml", as_json=as_json)
    except DeclarationError as exc:  # a checked value of the wrong type: a clear message
        assert "model.parameters" in str(exc)
    else:
        assert data["model"]["parameters"] == huge


def test_invalid_opengauge_fixtures_also_fail_the_schema(fixtures: Path) -> None:
    for name in ("unknown-component.yaml", "bad-status.yaml", "future-version.yaml"):
        data = yaml.safe_load((fixtures / name).read_text(encoding="utf-8"))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, _schema())


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(RepoNotFound, match="declaration file not found"):
        load_declaration(tmp_path / "nope.yaml")
    with pytest.raises(DeclarationError, match="is not a file"):
        load_declaration(tmp_path)


def test_binary_and_oversized_files(tmp_path: Path) -> None:
    binary = tmp_path / "x.yml"
    binary.write_bytes(b"a: 1\n\x00\x01")
    with pytest.raises(DeclarationError, match="binary data"):
        load_declaration(binary)
    big = tmp_path / "big.yml"
    big.write_bytes(b"#" * (3 * 1024 * 1024))
    with pytest.raises(DeclarationError, match="too large"):
        load_declaration(big)


def test_bom_is_tolerated(tmp_path: Path) -> None:
    p = tmp_path / "bom.yaml"
    p.write_bytes(b"\xef\xbb\xbfopengauge_declaration: 1\nmodel: {id: a/b}\n")
    assert load_declaration(p).repo_id == "a/b"

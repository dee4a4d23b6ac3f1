"""JSON twins of the bundled YAML data: always fresh, and only ever used when fresh."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from opengauge import yamlio

DATA = Path(yamlio.__file__).resolve().parent / "data"
SOURCES = sorted(p for folder in ("licenses", "frameworks", "lineage", "findings")
                 for p in (DATA / folder).glob("*.yaml"))


def test_there_are_data_files_to_twin() -> None:
    assert {p.name for p in SOURCES} >= {"ai_licenses.yaml", "clauses.yaml", "known_models.yaml"}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_data_file_has_a_fresh_twin(path: Path) -> None:
    raw = path.read_bytes()
    twin = path.with_name(yamlio.twin_name(path.name))
    assert twin.is_file(), f"run scripts/build_data_twins.py ({twin.name} is missing)"
    assert twin.read_bytes() == yamlio.twin_document(path.name, raw, yamlio.load(raw.decode())), (
        f"run scripts/build_data_twins.py ({twin.name} is stale)")
    assert yamlio.load_data(path.parent, path.name) == yamlio.load(raw.decode())


def _folder(tmp_path: Path, yaml_text: str, twin: bytes | None) -> Path:
    (tmp_path / "x.yaml").write_text(yaml_text, encoding="utf-8")
    if twin is not None:
        (tmp_path / "x.twin.json").write_bytes(twin)
    return tmp_path


def test_a_fresh_twin_is_read_instead_of_the_yaml(tmp_path: Path) -> None:
    text = "a: 1\nb: [x, y]\n"
    twin = yamlio.twin_document("x.yaml", text.encode(), {"a": 1, "b": ["from", "twin"]})
    assert yamlio.load_data(_folder(tmp_path, text, twin), "x.yaml") == {"a": 1, "b": ["from", "twin"]}
    # bytes the caller has read stand for the file: the twin must match them
    assert yamlio.load_data(tmp_path, "x.yaml", raw=text.encode()) == {"a": 1, "b": ["from", "twin"]}
    assert yamlio.load_data(tmp_path, "x.yaml", raw=b"a: 2\n") == {"a": 2}


@pytest.mark.parametrize("twin", [
    None,
    b"{not json",
    b'{"sha256": 1}',
    b"[]",
    yamlio.twin_document("x.yaml", b"a: 0\n", {"a": 0}),  # made from other bytes: stale
])
def test_a_missing_broken_or_stale_twin_falls_back_to_the_yaml(tmp_path: Path,
                                                               twin: bytes | None) -> None:
    assert yamlio.load_data(_folder(tmp_path, "a: 1\n", twin), "x.yaml") == {"a": 1}


def test_the_yaml_is_still_required(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        yamlio.load_data(tmp_path, "absent.yaml")


def test_data_that_json_would_change_gets_no_twin() -> None:
    with pytest.raises(ValueError, match="round trip"):
        yamlio.twin_document("x.yaml", b"d: 2024-01-01\n", {"d": datetime.date(2024, 1, 1)})
    with pytest.raises(ValueError, match="cannot be written"):
        yamlio.twin_document("x.yaml", b"1: a\n", {1: "a"})


def test_the_framework_catalogues_provenance_records_their_current_checksums() -> None:
    import hashlib
    import tomllib

    source = tomllib.loads((DATA / "frameworks" / "SOURCE.toml").read_text(encoding="utf-8"))
    listed = {f["path"]: f["sha256"] for f in source["files"]}
    assert set(listed) == {p.name for p in (DATA / "frameworks").glob("*.yaml")}
    for name, digest in listed.items():
        actual = hashlib.sha256((DATA / "frameworks" / name).read_bytes()).hexdigest()
        assert actual == digest, f"run scripts/build_data_twins.py ({name} changed)"

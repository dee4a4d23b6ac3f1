"""The vendored MOT data carries its provenance, and matches it."""

from __future__ import annotations

import hashlib
import json
import tomllib
from importlib import resources
from pathlib import Path

from opengauge.data.mot import build

DATA = Path(str(resources.files("opengauge").joinpath("data", "mot")))


def test_every_vendored_file_has_provenance_and_matching_sha256() -> None:
    source = tomllib.loads((DATA / "SOURCE.toml").read_text(encoding="utf-8"))
    assert source["upstream"]["commit"].startswith("8b5d30e9")
    assert source["upstream"]["license"] == "MIT"
    listed = {f["path"]: f["sha256"] for f in source["files"]}
    present = {p.name for p in DATA.iterdir() if p.is_file()} - {
        "SOURCE.toml",
        "build.py",
    }
    present = {n for n in present if not n.endswith(".pyc")}
    assert set(listed) == present
    for name, digest in listed.items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, name
    assert "Permission is hereby granted" in (DATA / "LICENSE").read_text(encoding="utf-8")


def test_inputs_match_the_shared_upstream_copy(mot_dir: Path) -> None:
    source = tomllib.loads((DATA / "SOURCE.toml").read_text(encoding="utf-8"))
    for item in source["inputs"]:
        digest = hashlib.sha256((mot_dir / item["path"]).read_bytes()).hexdigest()
        assert digest == item["sha256"], item["path"]
    assert (mot_dir / "schema" / "mof_schema.json").read_bytes() == (
        DATA / "mof_schema.json"
    ).read_bytes()


def test_vendored_json_is_what_build_py_derives(mot_dir: Path) -> None:
    data = build.build_data(mot_dir)
    assert build.cross_check(data, mot_dir) == []
    vendored = json.loads((DATA / build.OUT_JSON).read_text(encoding="utf-8"))
    assert vendored == json.loads(json.dumps(data))

"""String path helpers agree with pathlib, which they replace on the per-file hot path."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from opengauge.model.snapshot import path_name, path_suffix
from opengauge.sources.local import _clean_listing_path

PATHS = ["a", "a.b", ".gitignore", "a/b.tar.gz", "a/.x", "name.", "a/b/", "x..y", "dir/.hidden.txt",
         "a.b/c", "model-00001-of-00002.safetensors", "sub/dir/README.MD"]


@pytest.mark.parametrize("path", PATHS)
def test_name_and_suffix_match_pathlib(path: str) -> None:
    assert path_name(path) == PurePosixPath(path).name
    assert path_suffix(path) == PurePosixPath(path).suffix


@pytest.mark.parametrize(("line", "expected"), [
    ("config.json", "config.json"),
    ("  sub\\\\dir\\\\x.py ", "sub/dir/x.py"),
    ("a//b", "a/b"),
    ("./a/./b/", "a/b"),
    ("../secret", None),
    ("a/../../b", None),
    ("/etc/passwd", None),
    ("# comment", None),
    ("", None),
])
def test_listing_paths_are_normalised_or_refused(line: str, expected: str | None) -> None:
    assert _clean_listing_path(line) == expected


@pytest.mark.parametrize("root", ["snap", "snap/", "./snap", "/abs/snap", "/", "."])
def test_walk_prefixes_match_pathlib(root: str) -> None:
    import os
    from pathlib import Path

    from opengauge.sources.local import _rel_prefix

    root_s = os.fspath(Path(root))  # read_folder walks the pathlib-normalised root
    for sub in ("", "a", "a/b.c", "a/b.c/d"):
        dirpath = os.path.join(root_s, *sub.split("/")) if sub else root_s
        expected = Path(dirpath).relative_to(Path(root)).as_posix()
        assert _rel_prefix(root_s, dirpath) == ("" if expected == "." else expected + "/")

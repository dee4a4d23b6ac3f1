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

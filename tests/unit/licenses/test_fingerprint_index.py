"""The prebuilt inverted fingerprint index: in sync with the fingerprints, and safe to fall back."""

from __future__ import annotations

import gzip
import hashlib
import json
from importlib import resources

import pytest

from opengauge.licenses.identify import (
    INDEX_FILE,
    FingerprintIndex,
    InvertedIndex,
    fingerprint_index,
)

DATA = resources.files("opengauge").joinpath("data", "licenses")


def _packed() -> bytes:
    return DATA.joinpath("fingerprints.json.gz").read_bytes()


def _refs() -> list[dict[str, object]]:
    refs: list[dict[str, object]] = json.loads(gzip.decompress(_packed()))["refs"]
    return refs


def test_shipped_index_equals_a_fresh_build() -> None:
    """A stale index (fingerprints rebuilt, index not) fails here: run the script with
    ``--index-only``."""
    sha = hashlib.sha256(_packed()).hexdigest()
    shipped = InvertedIndex.from_bytes(DATA.joinpath(INDEX_FILE).read_bytes(), sha)
    assert shipped is not None, f"{INDEX_FILE} was built from other fingerprints"
    built = FingerprintIndex(_refs()).index  # no index given: built afresh
    assert shipped == built
    assert len(built.keys) > 40_000 and len(built.postings) > len(built.keys)
    assert list(built.keys) == sorted(set(built.keys))
    assert built.offsets[-1] == len(built.postings)


def test_loaded_index_is_the_prebuilt_one() -> None:
    sha = hashlib.sha256(_packed()).hexdigest()
    shipped = InvertedIndex.from_bytes(DATA.joinpath(INDEX_FILE).read_bytes(), sha)
    assert fingerprint_index().index == shipped


def test_index_of_other_fingerprints_is_refused() -> None:
    data = DATA.joinpath(INDEX_FILE).read_bytes()
    assert InvertedIndex.from_bytes(data, "0" * 64) is None


def test_round_trip_and_truncation() -> None:
    idx = FingerprintIndex(_refs()[:40]).index
    data = idx.to_bytes("abc")
    assert InvertedIndex.from_bytes(data, "abc") == idx
    raw = gzip.decompress(data)
    assert InvertedIndex.from_bytes(gzip.compress(raw[:-2]), "abc") is None


@pytest.mark.parametrize(
    "text",
    [
        "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
        "software and associated documentation files (the Software), to deal in the Software "
        "without restriction, including without limitation the rights to use, copy, modify, "
        "merge, publish, distribute, sublicense, and/or sell copies of the Software.",
        "Licensed under the Apache License, Version 2.0 (the License); you may not use this "
        "file except in compliance with the License. You may obtain a copy of the License at "
        "http://www.apache.org/licenses/LICENSE-2.0",
    ],
)
def test_rebuilt_index_identifies_like_the_prebuilt_one(text: str) -> None:
    rebuilt = FingerprintIndex(_refs())
    assert rebuilt.identify(text) == fingerprint_index().identify(text)

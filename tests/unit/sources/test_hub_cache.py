"""The (repo, sha) cache of the Hub source: keys, atomic writes, failures are misses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from opengauge.sources.cache import HubCache, atomic_write, default_cache_dir

SHA = "3f2a9c1e5b7d4f6a8c0e2b4d6f8a1c3e5b7d9f0a"


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENGAUGE_CACHE", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("OPENGAUGE_CACHE")
    assert default_cache_dir() == Path.home() / ".cache" / "opengauge"


@pytest.mark.parametrize(("repo_id", "sha"), [("acme/x", "main"), ("acme/x", SHA[:12]), ("../x", SHA), ("x", SHA)])
def test_entries_need_a_full_sha_and_a_safe_id(tmp_path: Path, repo_id: str, sha: str) -> None:
    with pytest.raises(ValueError, match="sha|repo id"):
        HubCache(tmp_path).entry(repo_id, sha)


def test_texts_and_headers_round_trip_under_hashed_names(tmp_path: Path) -> None:
    entry = HubCache(tmp_path).entry("acme/x", SHA)
    assert entry.read_text("README.md") is None
    entry.write_text("README.md", b"hello", truncated=False)
    entry.write_text("../../escape.md", b"cut", truncated=True)
    entry.write_header("model.safetensors", b"\x02\0\0\0\0\0\0\0{}")

    assert entry.read_text("README.md") == (b"hello", False)
    assert entry.read_text("../../escape.md") == (b"cut", True)
    assert entry.read_header("model.safetensors") == b"\x02\0\0\0\0\0\0\0{}"
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.is_relative_to(tmp_path / "hub" / "acme--x" / SHA) for p in written)
    assert not any(p.name.startswith(".tmp-") for p in written)


def test_record_round_trip_and_corruption_is_a_miss(tmp_path: Path) -> None:
    entry = HubCache(tmp_path).entry("acme/x", SHA)
    assert entry.read_record() is None
    entry.write_record({"repo_id": "acme/x", "texts": []})
    assert entry.read_record() == {"repo_id": "acme/x", "texts": [], "version": 1}
    (entry.root / "snapshot.json").write_text("{not json")
    assert entry.read_record() is None
    (entry.root / "snapshot.json").write_text('{"version": 999}')
    assert entry.read_record() is None


def test_atomic_write_leaves_no_partial_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "d" / "f"
    atomic_write(target, b"old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["f"]


def test_unwritable_cache_is_silently_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache root should be")
    entry = HubCache(blocker).entry("acme/x", SHA)
    entry.write_text("README.md", b"x", truncated=False)
    entry.write_header("w.safetensors", b"x")
    entry.write_record({})
    assert entry.read_text("README.md") is None
    assert entry.read_record() is None


def test_a_killed_writes_leftover_is_swept_when_the_entry_is_completed(tmp_path: Path) -> None:
    # (SIGKILL mid-write runs no clean-up: the temporary file stays; the next complete fetch of
    # the same entry removes it once it is old enough not to be another process's write)
    entry = HubCache(tmp_path).entry("acme/x", SHA)
    entry.write_text("README.md", b"hello", truncated=False)
    texts = entry.root / "texts"
    stale = texts / ".tmp-abc.partial"
    fresh = texts / ".tmp-def.partial"
    other = texts / "keep.partial"
    for p in (stale, fresh, other):
        p.write_bytes(b"half")
    old = stale.stat().st_mtime - 2 * 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    entry.write_record({"repo_id": "acme/x", "texts": []})
    assert not stale.exists()
    assert fresh.exists() and other.exists()
    assert entry.read_text("README.md") == (b"hello", False)


def test_sweeping_a_missing_folder_is_a_no_op(tmp_path: Path) -> None:
    from opengauge.cacheroot import sweep_partials

    assert sweep_partials(tmp_path / "absent") == 0

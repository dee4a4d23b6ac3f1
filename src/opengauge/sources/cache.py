"""On-disk cache of what the Hub source fetched, keyed by (repo id, commit sha).

A commit sha names immutable content, so an entry never goes stale: the same
(repo, sha) always has the same files. Layout under the cache root::

    hub/<org>--<name>/<sha>/
        texts/<sha256 of path>.full     small text file, complete
        texts/<sha256 of path>.part     small text file, cut at the size cap
        headers/<sha256 of path>        bounded prefix of a weights file
        snapshot.json                   the whole snapshot (written last)

File names are digests of the repository path, so a hostile listing
(``../``, absolute paths, odd characters) can never escape the entry.
Every write goes to a temporary file in the same folder and is moved into
place with :func:`os.replace`, so a crash leaves either the old state or the
new one, never a partial file. Cache failures (read-only disk, corrupted
entries) are misses, never errors: the cache only saves network work.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from opengauge import jsontext, rx
from opengauge.cacheroot import CACHE_ENV, atomic_write, default_cache_dir, sweep_partials

__all__ = ["CACHE_ENV", "CacheEntry", "HubCache", "atomic_write", "default_cache_dir"]

RECORD_VERSION = 1
"""Bumped when the layout of ``snapshot.json`` changes; older records are ignored."""

_SHA_RE = rx.compile(r"^[0-9a-f]{40}$")
_SAFE_PART = rx.compile(r"^[A-Za-z0-9_.-]+$")


def _path_key(repo_path: str) -> str:
    return hashlib.sha256(repo_path.encode("utf-8", "surrogatepass")).hexdigest()


class CacheEntry:
    """The cached files of one repository at one commit."""

    def __init__(self, root: Path) -> None:
        """Wrap the entry folder ``root`` (created lazily on first write)."""
        self.root = root

    # -- small texts -------------------------------------------------------

    def read_text(self, repo_path: str) -> tuple[bytes, bool] | None:
        """Cached bytes of a text file and whether they were cut, or ``None``."""
        key = _path_key(repo_path)
        for suffix, cut in ((".full", False), (".part", True)):
            try:
                return (self.root / "texts" / f"{key}{suffix}").read_bytes(), cut
            except OSError:
                continue
        return None

    def write_text(self, repo_path: str, data: bytes, *, truncated: bool) -> None:
        """Store a text file's bytes (best effort)."""
        suffix = ".part" if truncated else ".full"
        with contextlib.suppress(OSError):
            atomic_write(self.root / "texts" / f"{_path_key(repo_path)}{suffix}", data)

    # -- weight headers ----------------------------------------------------

    def read_header(self, repo_path: str) -> bytes | None:
        """Cached header prefix of a weights file, or ``None``."""
        try:
            return (self.root / "headers" / _path_key(repo_path)).read_bytes()
        except OSError:
            return None

    def write_header(self, repo_path: str, data: bytes) -> None:
        """Store a weights file's header prefix (best effort)."""
        with contextlib.suppress(OSError):
            atomic_write(self.root / "headers" / _path_key(repo_path), data)

    # -- whole snapshot ----------------------------------------------------

    def read_record(self) -> dict[str, Any] | None:
        """The complete snapshot record, or ``None`` if absent, unreadable or outdated."""
        try:
            data = jsontext.loads((self.root / "snapshot.json").read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("version") != RECORD_VERSION:
            return None
        return data

    def write_record(self, record: dict[str, Any]) -> None:
        """Store the complete snapshot record (best effort); written after all its files."""
        body = json.dumps({**record, "version": RECORD_VERSION}, sort_keys=True, indent=1)
        with contextlib.suppress(OSError):
            atomic_write(self.root / "snapshot.json", body.encode("utf-8") + b"\n")
        for folder in (self.root, self.root / "texts", self.root / "headers"):
            sweep_partials(folder)  # what an earlier, killed fetch of this entry left behind


class HubCache:
    """Cache root holding one :class:`CacheEntry` per (repo id, commit sha)."""

    def __init__(self, root: Path) -> None:
        """Use ``root`` as the cache folder (created lazily)."""
        self.root = root

    def entry(self, repo_id: str, sha: str) -> CacheEntry:
        """The entry for ``repo_id`` at commit ``sha`` (a 40-hex string).

        Raises:
            ValueError: ``sha`` is not a full commit sha or ``repo_id`` is not ``org/name``.
        """
        if not _SHA_RE.match(sha):
            raise ValueError(f"cache entries are keyed by a 40-hex commit sha, not {sha!r}")
        parts = repo_id.split("/")
        if len(parts) != 2 or not all(_SAFE_PART.match(p) and p not in {".", ".."} for p in parts):
            raise ValueError(f"not a cacheable repo id: {repo_id!r}")
        return CacheEntry(self.root / "hub" / f"{parts[0]}--{parts[1]}" / sha)

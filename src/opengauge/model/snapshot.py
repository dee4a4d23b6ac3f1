"""A repository snapshot: everything the core reads, as plain data.

Sources (the only code that does I/O) build a :class:`RepoSnapshot`; every
later stage is a pure function of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opengauge.model.frozen import fast_init
from opengauge.types import SourceKind


def path_name(path: str) -> str:
    """Last component of a repository path (``a/b.json`` -> ``b.json``); no pathlib objects,
    as this runs for every file of every listing."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def path_suffix(path: str) -> str:
    """The suffix as :attr:`pathlib.PurePath.suffix` gives it (``''`` for ``.gitignore``)."""
    name = path_name(path)
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FileEntry:
    """One path of the repository's file listing."""

    path: str
    """Repository-relative POSIX path."""
    size: int | None = None
    """Size in bytes when known (from disk or the Hub listing)."""
    present: bool = False
    """True when the file's bytes were available to the source (not only listed)."""
    lfs_sha256: str | None = None
    """Content hash from the Hub's LFS metadata, when known."""

    def __init__(
        self,
        *,
        path: str,
        size: int | None = None,
        present: bool = False,
        lfs_sha256: str | None = None,
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "present", present)
        object.__setattr__(self, "lfs_sha256", lfs_sha256)


fast_init(FileEntry)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceProblem:
    """Something the source noticed while reading (unreadable file, hostile path...)."""

    code: str
    """Stable problem code, e.g. ``path-traversal`` or ``binary-text``."""
    path: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RepoSnapshot:
    """The repository at one revision, reduced to what opengauge reads."""

    repo_id: str
    """Hub id (``org/name``), folder-derived id, or declared model name."""
    source: SourceKind
    revision: str
    """Resolved commit sha, or a content digest (``sha256:...``) for local folders."""
    revision_pinned: bool
    """True when ``revision`` is a commit sha from the source, not a digest we computed."""
    location: str = ""
    """Where it was read from (folder path, Hub URL, file path)."""
    files: tuple[FileEntry, ...] = ()
    texts: Mapping[str, str] = field(default_factory=dict)
    """Decoded contents of the small text files that were read (card, licences, configs)."""
    truncated: frozenset[str] = frozenset()
    """Paths whose text was cut at the size limit."""
    headers: Mapping[str, bytes] = field(default_factory=dict)
    """Bounded prefix bytes of weight files (safetensors / GGUF headers)."""
    api: Mapping[str, Any] | None = None
    """Subset of the Hub's model info (gated, sha, cardData, safetensors, tags...)."""
    declaration: Mapping[str, Any] | None = None
    """Parsed declaration document (declaration sources only)."""
    declaration_format: str | None = None
    """``mot`` or ``opengauge`` for declaration sources."""
    problems: tuple[SourceProblem, ...] = ()

    def has_file(self, path: str) -> bool:
        """True when ``path`` is in the listing."""
        return any(f.path == path for f in self.files)

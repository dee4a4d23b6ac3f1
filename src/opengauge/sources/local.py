"""Local snapshot folders: a directory laid out like a downloaded Hugging Face model repo.

This module does I/O. It reads small text files fully (up to a size cap), reads
weight-file headers with bounded reads, never follows symlinks out of the
folder, and treats ``files.txt`` (one repository path per line) as the listing
of files that are not present.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path, PurePosixPath

from opengauge import rx
from opengauge.errors import RepoNotFound, UsageError
from opengauge.jsontext import utf8_encodable
from opengauge.model.snapshot import FileEntry, RepoSnapshot, SourceProblem, path_name
from opengauge.sources.textcodec import UTF16_BOMS, decode_text
from opengauge.types import SourceKind

TEXT_CAP = 1024 * 1024
"""Largest text file read in full; larger files are cut here and flagged."""
HEADER_CAP = 16 * 1024 * 1024
"""Most bytes read from the start of a weights file."""
MAX_FILES = 20000
"""Most files walked in one folder (hostile repositories)."""

_TEXT_NAME = rx.compile(
    r"""^(?:
        readme(?:\.[a-z]+)?|model_card\.md|modelcard\.md|
        (?:.*[-_.])?(?:licen[sc]e|copying|notice|use_policy|acceptable_use_policy|terms)(?:[-_.].*)?|
        config\.json|model_index\.json|generation_config\.json|tokenizer_config\.json|
        adapter_config\.json|quantize_config\.json|quant_config\.json|
        mergekit_config\.ya?ml|.*\.mergekit\.ya?ml|params\.json|
        [^/]+\.md|[^/]+\.txt|[^/]+\.cff
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_WEIGHT_HEADER_SUFFIXES = (".safetensors", ".gguf")
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", ".cache", "node_modules"}
_REVISION_RE = rx.compile(r"^[0-9a-f]{40}$")
_ORG_NAME = rx.compile(r"^([A-Za-z0-9][\w.-]*)__([\w.-]+)$")
_LISTING_NAME = "files.txt"


def _wanted_text(rel: str) -> bool:
    """``rel`` is a normalised relative path (from the folder walk)."""
    depth = rel.count("/") + 1
    name = path_name(rel)
    if name == _LISTING_NAME and depth == 1:
        return False
    return depth <= 2 and bool(_TEXT_NAME.match(name))


def _decode(data: bytes) -> tuple[str, bool]:
    """Decode bytes as text; report whether they looked binary (NULs are then removed)."""
    text, utf16 = decode_text(data)
    if utf16:
        return text, False
    # NULs near the start, or a UTF-16 byte-order mark that did not decode
    binary = b"\x00" in data[:8192] or data.startswith(UTF16_BOMS)
    if binary:
        text = text.replace("\x00", "")
    return text, binary


def _clean_listing_path(line: str) -> str | None:
    s = line.strip().replace("\\", "/")
    if not s or s.startswith("#"):
        return None
    if s.startswith("/"):
        return None
    parts = s.split("/")
    if ".." in parts:
        return None
    if "" in parts or "." in parts:  # a//b, ./a, a/ : let pathlib normalise
        s = str(PurePosixPath(s))
    return s


def _folder_id(root: Path) -> str:
    m = _ORG_NAME.match(root.name)
    if m:
        return f"{m.group(1)}/{m.group(2)}"
    # Hugging Face cache layout: models--org--name/snapshots/<sha>
    if root.parent.name == "snapshots" and root.parent.parent.name.startswith("models--"):
        return root.parent.parent.name[len("models--") :].replace("--", "/", 1)
    return root.name


def _pinned_revision(root: Path) -> str | None:
    """A commit sha the folder itself records (HF cache layout, HF local_dir metadata, git)."""
    if _REVISION_RE.match(root.name) and root.parent.name == "snapshots":
        return root.name
    # (joined as strings: these run for every folder, and a pathlib join is a Python call each)
    base = os.fspath(root)
    meta = _small_text(f"{base}/.cache/huggingface/download/README.md.metadata")
    first = meta.splitlines()[:1] if meta else []
    if first and _REVISION_RE.match(first[0].strip()):
        return first[0].strip()
    ref = (_small_text(f"{base}/.git/HEAD") or "").strip()
    if _REVISION_RE.match(ref):
        return ref
    if ref.startswith("ref: "):
        target = root / ".git" / ref[5:].strip()
        try:
            inside = target.resolve().is_relative_to((root / ".git").resolve())
        except (OSError, RuntimeError, ValueError):  # a loop, a NUL in the name
            inside = False
        sha = (_small_text(target) or "").strip() if inside else ""
        if _REVISION_RE.match(sha):
            return sha
    return None


def _small_text(path: str | Path) -> str | None:
    """The start (4 KiB) of a small bookkeeping file, if it is a regular file and not a
    symbolic link; None otherwise (a revision is then simply not known)."""
    if not _is_plain_file(path):
        return None
    try:
        data, _ = _read_bounded(path, 4096)
    except (OSError, ValueError):
        return None
    return data.decode("utf-8", "replace")


def _is_plain_file(path: str | Path) -> bool:
    """``path`` is a regular file itself, not a symbolic link to one."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def _printable(name: str) -> str:
    """``name`` with the bytes a file-system name could not decode shown as ``\\xNN``."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no undecodable byte stands for
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _rel_prefix(root: str, dirpath: str) -> str:
    """The repository path (``/``-separated, with a trailing ``/``) of ``dirpath``, a folder
    ``os.walk(root)`` yielded; ``""`` for the root itself."""
    rel = dirpath[len(root):].lstrip(os.sep)
    return rel.replace(os.sep, "/") + "/" if rel else ""


_SPECIAL = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a named pipe"...), or None for a regular
    file or a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((name for test, name in _SPECIAL if test(mode)), "not a regular file")


def _read_bounded(path: str | Path, cap: int) -> tuple[bytes, bool]:
    # O_NONBLOCK: should a named pipe take the file's place after it was checked, opening it
    # must not wait for a writer; then fstat refuses anything but a regular file.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        kind = _special_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise OSError(f"{kind}, not a regular file; not read")
        data = fh.read(cap + 1)
    return data[:cap], len(data) > cap


def read_folder(path: str | os.PathLike[str], *, revision: str | None = None) -> RepoSnapshot:
    """Read a local model folder into a :class:`RepoSnapshot`.

    Raises:
        RepoNotFound: the folder does not exist or is not a directory.
    """
    root = Path(path)
    if not root.exists():
        raise RepoNotFound(
            f"no such folder: {root}",
            hint="give a local model folder, a declaration file, or a Hub id like org/name",
        )
    if not root.is_dir():
        raise UsageError(f"not a folder: {root}", hint="pass the folder that holds README.md")
    # A folder that records its commit (Hub cache, download metadata, git) is at that commit: a
    # different commit given with --revision is a mistake, a branch or tag name adds nothing.
    recorded = _pinned_revision(root)
    if revision and recorded and _REVISION_RE.match(revision) and revision != recorded:
        raise UsageError(f"--revision {revision} does not match the commit this folder is at ({recorded})",
                         hint="a local folder is assessed as it is: drop --revision, or check out "
                         "that commit first")
    root_real = root.resolve()
    problems: list[SourceProblem] = []
    entries: dict[str, FileEntry] = {}
    texts: dict[str, str] = {}
    truncated: set[str] = set()
    headers: dict[str, bytes] = {}
    digest = hashlib.sha256()
    count = 0
    # (plain strings below, as os.walk yields them: a pathlib object per file was an eighth of
    # the work of reading a corpus snapshot)
    root_s = os.fspath(root)
    for dirpath, dirnames, filenames in os.walk(root_s, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        prefix = _rel_prefix(root_s, dirpath)
        for d in list(dirnames):
            if os.path.islink(os.path.join(dirpath, d)):
                problems.append(SourceProblem(code="symlink-dir", path=_printable(prefix + d),
                                              message="symbolic link to a folder was not followed"))
                dirnames.remove(d)
        for name in sorted(filenames):
            count += 1
            if count > MAX_FILES:
                problems.append(SourceProblem(code="too-many-files", path=".",
                                              message=f"stopped after {MAX_FILES} files"))
                break
            full = os.path.join(dirpath, name)
            rel = prefix + name
            if not utf8_encodable(rel):
                problems.append(SourceProblem(
                    code="undecodable-name", path=_printable(rel),
                    message="file name is not valid UTF-8, which no Hub repository can hold; not read"))
                continue
            try:
                st = os.lstat(full)
                if stat.S_ISLNK(st.st_mode):
                    try:
                        target = Path(full).resolve(strict=True)
                    except (OSError, RuntimeError):
                        problems.append(SourceProblem(code="broken-symlink", path=rel,
                                                      message="symbolic link is broken or loops"))
                        continue
                    if not target.is_relative_to(root_real):
                        problems.append(SourceProblem(code="symlink-outside", path=rel,
                                                      message="symbolic link points outside the folder; not read"))
                        continue
                    st = target.stat()
                kind = _special_kind(st.st_mode)
                if kind is not None:
                    problems.append(SourceProblem(code="special-file", path=rel,
                                                  message=f"{kind}, not a regular file; not read"))
                    continue
                if not stat.S_ISREG(st.st_mode):
                    continue
            except OSError as e:
                problems.append(SourceProblem(code="unreadable", path=rel, message=str(e)))
                continue
            size = st.st_size
            entries[rel] = FileEntry(path=rel, size=size, present=True)
            digest.update(f"{rel}\x00{size}\x00".encode())
            try:
                if _wanted_text(rel):
                    data, cut = _read_bounded(full, TEXT_CAP)
                    digest.update(hashlib.sha256(data).digest())
                    text, binary = _decode(data)
                    if binary:
                        problems.append(SourceProblem(code="binary-text", path=rel,
                                                      message="text file holds binary bytes; NULs removed"))
                    texts[rel] = text
                    if cut:
                        truncated.add(rel)
                        problems.append(SourceProblem(
                            code="truncated", path=rel,
                            message=f"file is larger than {TEXT_CAP} bytes; only the start was read"))
                elif rel.lower().endswith(_WEIGHT_HEADER_SUFFIXES):
                    data, _ = _read_bounded(full, HEADER_CAP)
                    headers[rel] = data
            except OSError as e:
                problems.append(SourceProblem(code="unreadable", path=rel, message=str(e)))
        if count > MAX_FILES:
            break
    listing = f"{root_s}/{_LISTING_NAME}"
    if _is_plain_file(listing):  # (a symbolic link in its place is not read)
        data, _ = _read_bounded(listing, TEXT_CAP)
        text, _binary = _decode(data)
        for i, line in enumerate(rx.text_lines(text), start=1):
            clean = _clean_listing_path(line)
            if clean is None:
                if line.strip() and not line.strip().startswith("#"):
                    problems.append(SourceProblem(
                        code="unsafe-listing-path", path=f"{_LISTING_NAME}:{i}",
                        message=f"ignored unsafe path in file listing: {line.strip()[:80]!r}"))
                continue
            if clean not in entries:
                entries[clean] = FileEntry(path=clean, size=None, present=False)
        entries.pop(_LISTING_NAME, None)
    if recorded:
        rev, is_pinned = recorded, True
    elif revision:  # the user's word for what the folder is (a commit sha counts as pinned)
        rev, is_pinned = revision, bool(_REVISION_RE.match(revision))
    else:
        rev, is_pinned = "sha256:" + digest.hexdigest()[:40], False
    return RepoSnapshot(
        repo_id=_printable(_folder_id(root_real)),
        source=SourceKind.LOCAL,
        revision=rev,
        revision_pinned=is_pinned,
        location=_printable(str(root)),
        files=tuple(sorted(entries.values(), key=lambda f: f.path)),
        texts=texts,
        truncated=frozenset(truncated),
        headers=headers,
        problems=tuple(problems),
    )

"""The public API: the CLI (and later the web service) call only this module and ``errors``.

Verbs: :func:`snapshot`, :func:`audit`, :func:`assess`, :func:`export`.
"""

from __future__ import annotations

import errno
import gc
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from opengauge import rx
from opengauge.errors import UsageError
from opengauge.exporters.base import Format, RenderContext
from opengauge.model.report import Report
from opengauge.model.snapshot import RepoSnapshot

__all__ = [
    "Format", "RenderContext", "Report", "RepoSnapshot", "assess", "audit", "explain", "explain_license",
    "export", "export_line", "export_line_bytes", "list_frameworks", "preload", "snapshot",
]

_HUB_ID = rx.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+(@[\w./-]+)?$")
_DECL_SUFFIXES = (".yml", ".yaml", ".json")

ProgressFn = Callable[[str], None]


def snapshot(target: str, *, revision: str | None = None, progress: ProgressFn | None = None,
             cache_dir: Path | None = None) -> RepoSnapshot:
    """Read a target into a snapshot: a local folder, a declaration file, or a Hub id.

    Raises:
        UsageError: the target is none of these.
        SourceError: (subclasses) the source could not be read.
    """
    path = Path(target)
    kind = _path_kind(target)
    if kind == "dir":
        from opengauge.sources.local import read_folder

        return read_folder(path, revision=revision)
    if kind == "file":
        if path.suffix.lower() in _DECL_SUFFIXES:
            from opengauge.sources.declaration import load_declaration

            return load_declaration(path)
        raise UsageError(
            f"{target} is a file but not a declaration (.yml, .yaml or .json)",
            hint="pass a model folder, a declaration file, or a Hub id like org/name",
        )
    if _HUB_ID.match(target) and not target.startswith((".", "/", "~")):
        org = target.split("/", 1)[0]
        if Path(org).is_dir():
            from opengauge.errors import RepoNotFound

            raise RepoNotFound(f"no such folder: {target}",
                               hint=f"{org}/ is a local folder; check the path")
        from opengauge.sources.huggingface import HubSource, parse_hub_ref

        repo_id, rev = parse_hub_ref(target)
        return HubSource(cache_dir=cache_dir, progress=progress).snapshot(repo_id, revision or rev)
    if kind == "missing" and ("/" in target or target.startswith(".")):
        from opengauge.errors import RepoNotFound

        raise RepoNotFound(f"no such folder or file: {target}")
    raise UsageError(
        f"{target!r} is not a folder, a declaration file or a Hugging Face id",
        hint="examples: opengauge assess ./my-model  |  opengauge assess org/name@main",
    )


def _path_kind(target: str) -> str:
    """``dir``, ``file``, ``other`` (a device, a socket) or ``missing``; a name the system
    refuses to look up (too long, a NUL byte) is a :class:`RepoNotFound` saying why."""
    import os
    import stat

    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as e:
        if e.errno == errno.ELOOP:  # a symlink loop: what is there cannot be read
            return "missing"
        from opengauge.errors import RepoNotFound

        shown = target if len(target) <= 120 else f"{target[:100]}... ({len(target)} characters)"
        raise RepoNotFound(f"cannot look up {shown}: {e.strerror or e}",
                           hint="give a model folder, a declaration file or a Hub id (org/name)") from e
    except ValueError as e:  # an embedded NUL byte
        raise UsageError(f"{target!r} cannot be a file name: {e}",
                         hint="give a model folder, a declaration file or a Hub id (org/name)") from e
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"


def audit(snap: RepoSnapshot, *, generated_at: str | None = None) -> Report:
    """Assess a snapshot (pure)."""
    from opengauge.pipeline import assess_snapshot

    return assess_snapshot(snap, generated_at=generated_at)


def assess(target: str, *, revision: str | None = None, progress: ProgressFn | None = None,
           generated_at: str | None = None, cache_dir: Path | None = None) -> Report:
    """Snapshot and audit a target in one call."""
    return audit(snapshot(target, revision=revision, progress=progress, cache_dir=cache_dir),
                 generated_at=generated_at)


def preload() -> None:
    """Import the pipeline (and the local folder reader) and load the bundled data tables now,
    instead of on first use (batch runs call this before forking workers, so that the workers
    share the tables, and so that what is compiled on the way is stored in the pattern cache,
    which a forked worker never writes).

    The cyclic garbage collector is paused meanwhile: loading builds long-lived objects and
    next to no garbage, so the fifty-odd collections it would set off find nothing to free. A
    caller that then freezes what was loaded (``gc.freeze()``, as the batch does before forking)
    saves their time, about 10 ms; one that does not has the collector look at the tables once,
    at its next collection, as often as it would have anyway.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        from opengauge.pipeline import preload as _preload
        from opengauge.sources import local  # noqa: F401 - its patterns, compiled before a fork

        _preload()
    finally:
        if was:
            gc.enable()


def export(report: Report, fmt: Format | str, ctx: RenderContext | None = None) -> str:
    """Render a report in one of the :class:`Format` formats."""
    ctx = ctx or RenderContext()
    f = Format(fmt)
    if f is Format.JSON:
        from opengauge.exporters import json as j

        return j.render(report, ctx)
    if f is Format.MARKDOWN:
        from opengauge.exporters import markdown

        return markdown.render(report, ctx)
    if f is Format.TABLE:
        from opengauge.exporters import table

        return table.render(report, ctx)
    raise UsageError(f"unknown format {fmt}")  # pragma: no cover - Format() already validated


def export_line(report: Report, ctx: RenderContext | None = None) -> str:
    """One-line JSON for batch output."""
    from opengauge.exporters import json as j

    return j.render_line(report, ctx or RenderContext())


def export_line_bytes(report: Report, ctx: RenderContext | None = None) -> bytes:
    """:func:`export_line` as UTF-8 bytes, without a round trip through ``str`` (batch runs)."""
    from opengauge.exporters import json as j

    return j.render_line_bytes(report, ctx or RenderContext())


LICENSE_TEXT_CAP = 1024 * 1024


def explain_license(target: str, *, stdin: object | None = None) -> list[Any]:
    """Explain a licence given as a file, a model folder, an id/name/URL, or ``-`` (stdin).

    Returns one :class:`opengauge.licenses.explain.LicenseExplanation` per licence text
    (a folder gives one per licence-like file).
    """
    from opengauge.errors import RepoNotFound
    from opengauge.evidence.extract import license_role
    from opengauge.licenses.explain import explain

    if target == "-":
        # bytes when the stream has them (sys.stdin.buffer), decoded as licence files are
        stream = getattr(stdin, "buffer", stdin)
        read = getattr(stream, "read", None)
        if read is None:
            raise UsageError("no standard input to read")
        data = read(LICENSE_TEXT_CAP)
        return [explain(_licence_text(data, "standard input"), file="-")]
    path = Path(target)
    try:
        kind = _path_kind(target)
    except (RepoNotFound, UsageError):
        kind = "missing"  # not a name the system can look up: an id or a licence text
    if kind == "dir":
        snap = snapshot(target)
        files = [p for p in sorted(snap.texts) if license_role(p)]
        if not files:
            raise RepoNotFound(f"no licence files (LICENSE*, NOTICE, USE_POLICY*...) in {target}",
                               hint="pass the licence file itself, or a licence id such as Apache-2.0")
        return [explain(snap.texts[p], file=p) for p in files]
    if kind == "file":
        try:
            with path.open("rb") as fh:
                data = fh.read(LICENSE_TEXT_CAP)
        except OSError as e:
            raise RepoNotFound(f"cannot read {target}: {e.strerror or e}") from e
        return [explain(_licence_text(data, target), file=path.name)]
    if "\n" in target or len(target) > 200:
        return [explain(target, file="(argument)")]
    if _looks_like_path(target):
        raise RepoNotFound(f"no such file: {target}",
                           hint="check the path, or give a licence id such as Apache-2.0")
    return [explain(target, file="(id)")]


def _licence_text(data: bytes | str, what: str) -> str:
    """Licence bytes as text (a UTF-8 or UTF-16 BOM is honoured, bad bytes become U+FFFD);
    binary data (NUL bytes without a UTF-16 BOM) is a :class:`UsageError`."""
    from opengauge.sources.textcodec import decode_text, looks_binary

    if isinstance(data, str):
        return data
    if looks_binary(data):
        raise UsageError(f"{what} holds binary data, not a licence text",
                         hint="pass a licence text file, a model folder, or a licence id such as Apache-2.0")
    return decode_text(data)[0]


_PATH_LIKE = rx.compile(r"^(?:\.{1,2}/|/|~/)"
                        r"|^[^:\s]*/[^/\s]*(?:\.(?:txt|md|rst)|licen[sc]e[^/\s]*|copying|notice)$"
                        r"|^(?:licen[sc]e|copying|notice)(?:[._-][\w.-]*)?$", re.IGNORECASE)


def _looks_like_path(target: str) -> bool:
    """A licence target written as a file path (``./LICENSE``, ``docs/terms.md``, a bare
    ``LICENSE.txt``), not a licence id, name or URL."""
    return "://" not in target and bool(_PATH_LIKE.search(target))


def list_frameworks() -> list[tuple[str, str, str, int]]:
    """``(id, version, title, active criteria)`` for each built-in framework catalogue."""
    from opengauge.frameworks.catalogue import list_frameworks as _list

    return _list()


def is_finding_id(text: str) -> bool:
    """Whether ``text`` is written as a finding id (``OG-...``), not a criterion id."""
    return text.strip().upper().startswith("OG-")


def explain(criterion_id: str) -> str:
    """A criterion's or a finding id's (``OG-...``) documentation as plain text. Raises
    KeyError for an unknown id."""
    if is_finding_id(criterion_id):
        from opengauge.findings import explain as _explain_finding

        return _explain_finding(criterion_id)
    from opengauge.frameworks.catalogue import explain as _explain

    return _explain(criterion_id)

"""Where opengauge keeps its caches, and how a cache file is written.

Shared by the Hub cache (:mod:`opengauge.sources.cache`, under ``hub/``) and the
compiled-pattern cache (:mod:`opengauge.patterncache`, under ``patterns/``). It imports nothing
from opengauge, so the pattern cache can use it while the first patterns are compiled.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

CACHE_ENV = "OPENGAUGE_CACHE"
"""Environment variable that overrides the cache root."""
PARTIAL_PREFIX, PARTIAL_SUFFIX = ".tmp-", ".partial"
"""Names of :func:`atomic_write`'s temporary files."""


def default_cache_dir() -> Path:
    """``$OPENGAUGE_CACHE`` when set, else ``~/.cache/opengauge``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "opengauge"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary sibling and :func:`os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=PARTIAL_PREFIX, suffix=PARTIAL_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def sweep_partials(folder: Path, older_than: float = 3600.0) -> int:
    """Remove the temporary files :func:`atomic_write` left in ``folder`` when a process was
    killed mid-write (``SIGKILL`` runs no clean-up), once they are ``older_than`` seconds old
    (a younger one may belong to a write still going on). Best effort; how many it removed."""
    removed = 0
    limit = time.time() - older_than
    with contextlib.suppress(OSError), os.scandir(folder) as it:
        for entry in it:
            if not (entry.name.startswith(PARTIAL_PREFIX) and entry.name.endswith(PARTIAL_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                    os.unlink(entry.path)
                    removed += 1
    return removed

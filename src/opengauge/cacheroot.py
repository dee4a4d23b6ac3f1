"""Where opengauge keeps its caches, and how a cache file is written.

Shared by the Hub cache (:mod:`opengauge.sources.cache`, under ``hub/``) and the
compiled-pattern cache (:mod:`opengauge.patterncache`, under ``patterns/``). It imports nothing
from opengauge, so the pattern cache can use it while the first patterns are compiled.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

CACHE_ENV = "OPENGAUGE_CACHE"
"""Environment variable that overrides the cache root."""


def default_cache_dir() -> Path:
    """``$OPENGAUGE_CACHE`` when set, else ``~/.cache/opengauge``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "opengauge"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary sibling and :func:`os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".partial")
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

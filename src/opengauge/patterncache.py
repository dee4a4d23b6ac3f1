"""Compiled regular expressions kept on disk between runs, the way Python keeps ``.pyc`` files.

opengauge compiles about 450 patterns as it starts (card statements, licence clauses, lineage
and framework prefilters and their lower-case twins), and Python's ``re`` parses and compiles them in pure Python: about
30% of the instructions a run spends before its first report. This cache keeps what
compiling produced (the engine's code and group names), and facts worked out from a pattern's
parse (the prefilter literals, the widest match), so that a later run on the same interpreter
builds the same pattern objects without parsing them: ``_sre.compile`` takes the stored code and
validates it.

- **Where:** ``<cache root>/patterns/<interpreter tag>.jsonl`` (two JSON lines); the root is
  ``$OPENGAUGE_CACHE``, else ``~/.cache/opengauge`` (the Hub cache's root).
  ``OPENGAUGE_PATTERN_CACHE=0`` turns the cache off.
- **Never wrong, only slower:** the file's first line names the exact interpreter version and
  the engine's magic number and holds a CRC-32 of the rest (the entries, as JSON). A file from
  another Python, a corrupt or truncated file, or an entry the engine rejects is a miss, and the
  pattern is compiled as usual. An entry is only stored after the object built from it compared
  equal to what ``re.compile`` returned (a pattern object's equality covers its flags, source and
  code). A derived fact is filed under a digest of the source of the module that works it out,
  so changing that code (a new opengauge, or an edit) makes its old facts misses.
- **Writes:** once, at exit, by the process that read the file and only when it compiled
  something new; through a temporary file and :func:`os.replace`, so readers see the old file or
  the new one (:func:`opengauge.cacheroot.atomic_write`, as the Hub cache does). New entries are
  worked out then, and only when the folder can be written, so a read-only cache costs nothing.
  A forked batch worker never writes. A failed write is ignored.

It uses the ``re`` package's private parser and code generator (``re._parser``,
``re._compiler``), as :func:`opengauge.rx.required_literals` does; if a Python lacks them, the
cache stays empty and every pattern is compiled by ``re.compile``.

**Generated functions.** :mod:`dataclasses` writes the source of each class's ``__init__``,
``__eq__``, ``__hash__``, ``__repr__``, ``__setattr__``... and compiles it as the class is
defined: about 400 small compiles, a quarter of opengauge's start-up. The same file keeps the
code objects (``marshal``, as a ``.pyc`` does) under a SHA-256 of their source, and
:func:`install_dataclass_cache` (run as this module is imported) has :mod:`dataclasses` take
them from there for classes defined in opengauge's own modules: it binds ``exec`` in that
module's namespace to :func:`_dataclass_exec`, which compiles every other caller's source just
as the built-in ``exec`` would have there. Compiling the same source with the same flags gives
the same code, so a class is the same with or without the cache (a test compares every
generated method, for modules with and without ``from __future__ import annotations``).

**Other modules' patterns.** PyYAML (its resolver, reader and constructor) and a few standard
modules compile patterns through ``re`` itself as the pipeline imports them: about 14 ms at every
start. :func:`remember_imported_patterns` (called once the pipeline's modules are imported) notes
those that entered ``re``'s own cache since this module was imported; the file keeps their
entries (checked as above), and :func:`_seed` (run as this module is imported, before the
pipeline imports PyYAML) puts them into ``re``'s own cache, where ``re.compile`` looks first.
Patterns compiled later, some of them built from a model's content, are never kept.

**Blobs.** :func:`store_blob` and :func:`load_blob` keep a named piece of data worked out from
bundled files (the unpacked licence fingerprints, the licence name lookups) next to the file,
under a key that names everything it depends on, with the same header and checksum and the same
rule that only the process that read the file writes.

Stored code (and a blob, read with :mod:`marshal`) is trusted as ``.pyc`` files are: whoever
can write the cache folder could change what runs, just as with a package's ``__pycache__``;
the checksum guards against damage only. (It is a CRC-32, as zip, gzip and PNG use against
damage: a SHA-256 of the 5 MB read at every start took about 5 ms, the CRC-32 takes 1.)
"""

from __future__ import annotations
import __future__

import _sre  # type: ignore[import-not-found]
import atexit
import base64
import binascii
import builtins
import dataclasses
import functools
import hashlib
import marshal
import os
import re
import sys
import types
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from opengauge.cacheroot import atomic_write, default_cache_dir, sweep_partials

ENV_SWITCH = "OPENGAUGE_PATTERN_CACHE"
"""Set to ``0`` (or ``off``, ``false``, ``no``) to compile every pattern afresh."""

FORMAT = 3
"""Bumped when the file layout changes; files of other formats are ignored."""

MAX_ENTRIES = 4000
"""Above this many stored patterns (or functions), a write keeps only those the writing process
used."""

_KEY = f"{FORMAT}|{sys.implementation.cache_tag}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"


class _Cache:
    """The loaded file: compiled entries and derived facts, keyed ``"<flags>:<pattern>"``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pid = os.getpid()
        self.code: dict[str, list[Any]] = {}
        self.derived: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.tables: dict[str, str] = {}
        """Derived-fact name -> the table name (with its code digest) this process uses."""
        self.pending: dict[str, tuple[str, int, re.Pattern[str]]] = {}
        """Patterns compiled in this process that the file lacks (their entries are worked
        out when the file is written, so a read-only cache costs nothing)."""
        self.functions: dict[str, str] = {}
        """``"<flags>:<filename>:<sha256 of source>"`` -> marshalled code object (base64)."""
        self.pending_functions: dict[str, types.CodeType] = {}
        self.seeds: list[str] = []
        """Keys (into ``code``) of the patterns other modules compile through ``re`` itself as
        they are imported; :func:`_seed` puts them into ``re``'s own cache."""
        self.pending_seeds: dict[str, tuple[str, int, re.Pattern[str]]] = {}
        self.compiled: set[str] = set()
        """Keys this process asked :func:`compile` for (never seeds: that would build them twice)."""
        self.baseline: frozenset[Any] = frozenset()
        """What ``re``'s own cache held once :func:`_seed` was done: what others compiled before."""
        self.dirty = False
        self._load()

    def _load(self) -> None:
        try:
            body = _unseal(self.path.read_bytes(), _KEY)
            if body is None:
                return
            entries = orjson.loads(body)
            code, derived, functions = entries["code"], entries["derived"], entries["functions"]
            seeds = entries.get("seeds", [])
            if isinstance(code, dict) and isinstance(derived, dict) and isinstance(functions, dict):
                self.code = code
                self.derived = {k: v for k, v in derived.items() if isinstance(v, dict)}
                self.functions = functions
                if isinstance(seeds, list):
                    self.seeds = [k for k in seeds if isinstance(k, str) and k in code]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return  # no cache yet, or one that cannot be read: every pattern is a miss

    def blob_path(self, name: str) -> Path:
        """The file of blob ``name``, beside this one."""
        return self.path.with_name(f"{sys.implementation.cache_tag}.{name}.bin")

    def save(self) -> None:
        """Write the cache if this process added to it (never from a forked child)."""
        if not (self.dirty or self.pending or self.pending_functions or self.pending_seeds) \
                or os.getpid() != self.pid:
            return
        self.dirty = False
        _write(self.path, self._document)  # (new entries are worked out only if it can be written)

    def _document(self) -> bytes:
        for key, (pattern, flags, compiled) in self.pending.items():
            entry = _entry(pattern, flags, compiled)
            if entry is not None:
                self.code[key] = entry
        self.pending.clear()
        for key, (pattern, flags, compiled) in self.pending_seeds.items():
            entry = _entry(pattern, flags, compiled)
            if entry is not None:
                self.code[key] = entry
                self.seeds.append(key)
        self.pending_seeds.clear()
        for key, obj in self.pending_functions.items():
            data = marshal.dumps(obj)
            if marshal.loads(data) == obj:
                self.functions[key] = base64.b64encode(data).decode("ascii")
        self.pending_functions.clear()
        code, functions = self.code, self.functions
        # a table worked out by older code of a fact this process uses is dropped
        derived = {n: d for n, d in self.derived.items()
                   if self.tables.get(n.partition("@")[0], n) == n}
        if len(code) > MAX_ENTRIES:
            code = {k: v for k, v in code.items() if k in self.used}
            derived = {n: {k: v for k, v in d.items() if k in self.used} for n, d in derived.items()}
        if len(functions) > MAX_ENTRIES:
            functions = {k: v for k, v in functions.items() if k in self.used}
        seeds = [k for k in self.seeds if k in code]
        return _seal(_KEY, orjson.dumps({"code": code, "derived": derived, "functions": functions,
                                         "seeds": seeds}))


def _seal(key: str, body: bytes) -> bytes:
    """``body`` behind a one-line JSON header that names ``key`` and holds the body's CRC-32."""
    return orjson.dumps({"key": key, "crc32": zlib.crc32(body)}) + b"\n" + body


def _unseal(data: bytes, key: str) -> memoryview | None:
    """The body :func:`_seal` put behind its header, or None for another key, damage or junk
    (a view: a body can be megabytes, and copying it costs)."""
    cut = data.find(b"\n")
    try:
        header = orjson.loads(data[:cut]) if cut >= 0 else None
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("key") != key:
        return None
    body = memoryview(data)[cut + 1:]
    return body if header.get("crc32") == zlib.crc32(body) else None


def _write(path: Path, produce: Callable[[], bytes]) -> None:
    """Write ``produce()`` to ``path`` atomically, working it out only when the folder can be
    written; a cache that cannot be written only means working things out again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if os.access(path.parent, os.W_OK):
            atomic_write(path, produce())
            sweep_partials(path.parent)  # what a write killed mid-way left behind
    except OSError:
        pass


_cache: _Cache | None = None
_checked = False


def cache_path() -> Path | None:
    """The file this process reads and writes, or None when the cache is switched off."""
    if os.environ.get(ENV_SWITCH, "").strip().lower() in {"0", "off", "false", "no"}:
        return None
    return default_cache_dir() / "patterns" / f"{sys.implementation.cache_tag}.jsonl"


def _get() -> _Cache | None:
    global _cache, _checked
    if not _checked:
        _checked = True
        try:
            path = cache_path()
        except RuntimeError:  # no home folder to find
            path = None
        if path is not None:
            _cache = _Cache(path)
            atexit.register(_cache.save)
    return _cache


def _entry(pattern: str, flags: int, reference: re.Pattern[str]) -> list[Any] | None:
    """What to store for a pattern: the engine's arguments, or None when rebuilding from them
    does not give back exactly ``reference`` (or this Python's ``re`` works differently)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern, flags)
        code = _compiler._code(tree, flags)
        groupindex = dict(tree.state.groupdict)
        indexgroup: list[str | None] = [None] * tree.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry = [flags | tree.state.flags, list(code), tree.state.groups - 1, groupindex, indexgroup]
        if _build(pattern, entry) == reference:
            return entry
    except Exception:  # noqa: BLE001 - a pattern we cannot cache is simply compiled each time
        pass
    return None


def _build(pattern: str, entry: list[Any]) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    built: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
    return built


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:  # noqa: A001
    """``re.compile(pattern, flags)``, built from the cache when it holds the pattern."""
    cache = _get()
    if cache is None:
        return re.compile(pattern, flags)
    flags = int(flags)
    key = f"{flags}:{pattern}"
    cache.used.add(key)
    cache.compiled.add(key)
    entry = cache.code.get(key)
    if entry is not None:
        try:
            return _build(pattern, entry)
        except Exception:  # noqa: BLE001 - a stale or damaged entry: compile it again
            del cache.code[key]
    compiled = re.compile(pattern, flags)
    cache.pending[key] = (pattern, flags, compiled)
    return compiled


def derived(name: str, pattern: re.Pattern[str], compute: Callable[[re.Pattern[str]], Any]) -> Any:
    """``compute(pattern)``, remembered in the cache under ``name``; ``compute`` must be a pure
    function of the pattern's source and flags returning JSON data (lists, not sets), defined
    in the module that holds all the code it depends on (its source's digest keys the table)."""
    cache = _get()
    table_name = cache.tables.get(name) if cache is not None else None
    if cache is not None and table_name is None:
        digest = module_digest(compute.__module__)
        if digest is not None:
            table_name = cache.tables[name] = f"{name}@{digest}"
    if cache is None or table_name is None:
        return compute(pattern)
    key = f"{pattern.flags}:{pattern.pattern}"
    cache.used.add(key)
    table = cache.derived.setdefault(table_name, {})
    if key in table:
        return table[key]
    value = compute(pattern)
    table[key] = value
    cache.dirty = True
    return value


@functools.cache
def module_digest(module: str) -> str | None:
    """SHA-256 (16 hex digits) of an imported module's source file, or None when it cannot be
    read: part of the key of anything worked out by that module's code."""
    try:
        source = sys.modules[module].__file__
        return hashlib.sha256(Path(source).read_bytes()).hexdigest()[:16] if source else None
    except (KeyError, OSError):
        return None


def blob_path(name: str) -> Path | None:
    """Where :func:`store_blob` keeps the blob ``name`` (beside the pattern file), or None when
    the cache is off."""
    cache = _get()
    return None if cache is None else cache.blob_path(name)


def load_blob(name: str, key: str) -> memoryview | None:
    """The bytes last stored as ``name`` under ``key``, or None (no file, another key, damage).

    A blob is data worked out from bundled files (``key`` must name everything it depends on,
    e.g. digests of those files) that is quicker to read back than to work out again."""
    path = blob_path(name)
    if path is None:
        return None
    try:
        return _unseal(path.read_bytes(), f"{_KEY}|{key}")
    except OSError:
        return None


def store_blob(name: str, key: str, data: bytes) -> None:
    """Keep ``data`` as ``name`` under ``key`` (atomically; like the pattern file, only by the
    process that read that file, never a forked child; a failed write is ignored)."""
    cache = _get()
    if cache is None or os.getpid() != cache.pid:
        return
    _write(cache.blob_path(name), lambda: _seal(f"{_KEY}|{key}", data))


def compile_source(source: str, filename: str, flags: int = 0) -> types.CodeType:
    """``compile(source, filename, "exec", flags, dont_inherit=True)``, from the cache when it
    holds that source (the code object is stored at exit otherwise)."""
    cache = _get()
    if cache is None:
        return _compile_exec(source, filename, flags)
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    key = f"{flags}:{filename}:{digest}"
    cache.used.add(key)
    stored = cache.functions.get(key)
    if stored is not None:
        try:
            code = marshal.loads(base64.b64decode(stored, validate=True))
            if isinstance(code, types.CodeType):
                return code
        except (ValueError, EOFError, TypeError, binascii.Error):
            pass
        del cache.functions[key]  # damaged: compile it again, and store the new code
    code = _compile_exec(source, filename, flags)
    cache.pending_functions[key] = code
    return code


def _compile_exec(source: str, filename: str, flags: int) -> types.CodeType:
    code: types.CodeType = builtins.compile(source, filename, "exec", flags, dont_inherit=True)
    return code


_FUTURE_FLAGS = functools.reduce(
    int.__or__, (getattr(__future__, f).compiler_flag for f in __future__.all_feature_names), 0
)
_DATACLASS_FLAGS = dataclasses.fields.__code__.co_flags & _FUTURE_FLAGS
"""The ``__future__`` flags a string passed to ``exec`` inside :mod:`dataclasses` is compiled
with (those of that module's own code)."""


def _dataclass_exec(source: Any, globals: Any = None, locals: Any = None, /,  # noqa: A002
                    **kwargs: Any) -> None:
    """``exec`` as :mod:`dataclasses` sees it: the generated source of a class defined in an
    opengauge module is compiled through :func:`compile_source`; anything else is compiled
    exactly as the built-in ``exec`` would have compiled it there."""
    if isinstance(source, str):
        name = globals.get("__name__") if isinstance(globals, dict) else None
        if isinstance(name, str) and name.startswith("opengauge."):
            source = compile_source(source, "<string>", _DATACLASS_FLAGS)
        else:
            source = _compile_exec(source, "<string>", _DATACLASS_FLAGS)
    builtins.exec(source, globals, locals, **kwargs)  # noqa: S102 - the source dataclasses generated


def install_dataclass_cache() -> bool:
    """Let :mod:`dataclasses` take generated code from the cache (see the module docstring).

    Does nothing (and returns False) when the cache is off or :mod:`dataclasses` does not
    compile through a global ``exec``."""
    try:
        if cache_path() is None or not _calls_exec():
            return False
    except RuntimeError:  # no home folder to find
        return False
    dataclasses.exec = _dataclass_exec  # type: ignore[attr-defined]
    return True


def _calls_exec() -> bool:
    """True when some function of :mod:`dataclasses` (or method of one of its classes) looks
    ``exec`` up as a global name."""
    found = list(vars(dataclasses).values())
    found += [m for obj in found if isinstance(obj, type) for m in vars(obj).values()]
    return any("exec" in getattr(getattr(obj, "__code__", None), "co_names", ()) for obj in found)


def _re_cache() -> dict[Any, Any] | None:
    """``re``'s own cache of compiled patterns (a private dict keyed ``(type, pattern, flags)`` in
    Python 3.11 to 3.13), or None where it is not that."""
    found = getattr(re, "_cache", None)
    return found if isinstance(found, dict) else None


def _seed() -> int:
    """Put the patterns that modules compile through ``re`` as they are imported (PyYAML's
    resolver and reader, ``fractions``...) into ``re``'s own cache, built from this file, so
    that those imports find them compiled. Returns how many it put there.

    ``re.compile`` looks in that cache first, and what it finds equals what compiling gives (an
    entry is only stored after that was checked), so the modules get the same patterns, sooner.
    Runs as this module is imported: before the pipeline imports PyYAML.
    """
    cache = _get()
    target = _re_cache()
    if cache is None or target is None:
        return 0
    room = int(getattr(re, "_MAXCACHE", 512)) // 2 - len(target)
    kept: list[str] = []
    for key in cache.seeds[:max(room, 0)]:
        flags, _, pattern = key.partition(":")
        try:
            slot = (str, pattern, int(flags))
            if slot not in target:  # (one compiled before this module was imported is no seed)
                target[slot] = _build(pattern, cache.code[key])
                kept.append(key)
                cache.used.add(key)
        except Exception:  # noqa: BLE001 - a damaged entry: that module compiles it as usual
            continue
    cache.seeds = kept  # (what the file keeps when this process next writes it)
    cache.baseline = frozenset(target)
    return len(kept)


def remember_imported_patterns() -> None:
    """Note the patterns that entered ``re``'s own cache since this module was imported (those
    the pipeline's modules compiled as they were imported, PyYAML's among them), so that the
    cache file keeps them for :func:`_seed` to put there in the next run.

    Called once the pipeline's modules are imported, before any model is read: patterns built
    from a model's content (a name looked up in its card) come later and are never kept, nor
    are those compiled before (the next run's imports would have compiled them before
    :func:`_seed` runs, too).
    """
    cache = _get()
    found = _re_cache()
    if cache is None or found is None:
        return
    try:
        for slot, compiled in list(found.items()):
            if slot in cache.baseline:
                continue
            kind, pattern, flags = slot
            if kind is str and type(flags) is int and not flags & re.DEBUG:
                key = f"{flags}:{pattern}"
                if key not in cache.compiled:
                    cache.pending_seeds[key] = (pattern, flags, compiled)
    except (TypeError, ValueError):  # a Python whose cache is keyed otherwise: keep nothing
        cache.pending_seeds.clear()


install_dataclass_cache()
_seed()

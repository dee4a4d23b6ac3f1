"""The compiled-pattern cache: rebuilt patterns equal re.compile's, bad files are misses, the
cache changes no report, and only the process that read the file writes it."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from opengauge import patterncache, rx
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "aurora-tiny-7m")


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty cache for this test (the module's own is put back afterwards)."""
    monkeypatch.setenv("OPENGAUGE_CACHE", str(tmp_path))
    monkeypatch.delenv(patterncache.ENV_SWITCH, raising=False)
    monkeypatch.setattr(patterncache, "_cache", None)
    monkeypatch.setattr(patterncache, "_checked", False)
    path = patterncache.cache_path()
    assert path == tmp_path / "patterns" / f"{sys.implementation.cache_tag}.jsonl"
    yield path


def _assess_json(env_extra: dict[str, str]) -> str:
    env = {**os.environ, **env_extra}
    res = subprocess.run([sys.executable, "-m", "opengauge.cli.main", "assess", EXAMPLE, "--format", "json"],
                         capture_output=True, text=True, check=False, env=env, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_every_project_pattern_rebuilds_equal_to_re_compile(tmp_path: Path) -> None:
    # a real run fills the cache with every pattern the pipeline compiles
    _assess_json({"OPENGAUGE_CACHE": str(tmp_path)})
    raw = (tmp_path / "patterns" / f"{sys.implementation.cache_tag}.jsonl").read_bytes()
    doc = json.loads(raw.partition(b"\n")[2])
    code = doc["code"]
    assert len(code) > 200  # card statements, clauses, lineage, prefilters...
    for key, entry in code.items():
        flags, pattern = key.split(":", 1)
        # equality of pattern objects covers source, flags and the engine's code
        assert patterncache._build(pattern, entry) == re.compile(pattern, int(flags)), pattern
    tables = [name for name in doc["derived"] if name.startswith("literals@")]
    assert len(tables) == 1
    literals = doc["derived"][tables[0]]
    assert literals
    for key, needles in literals.items():
        flags, pattern = key.split(":", 1)
        got = rx.required_literals(re.compile(pattern, int(flags)))
        assert needles == (None if got is None else sorted(got))


def test_cached_runs_give_the_same_report_and_do_not_rewrite(tmp_path: Path) -> None:
    off = _assess_json({patterncache.ENV_SWITCH: "0", "OPENGAUGE_CACHE": str(tmp_path / "off")})
    assert not (tmp_path / "off" / "patterns").exists()  # switched off: nothing written
    cold = _assess_json({"OPENGAUGE_CACHE": str(tmp_path)})
    path = tmp_path / "patterns" / f"{sys.implementation.cache_tag}.jsonl"
    stamp = path.stat().st_mtime_ns
    blob = patterncache.blob_path("fingerprints")
    blob = tmp_path / "patterns" / blob.name if blob is not None else None
    assert blob is not None and blob.is_file()  # the example's licence file needed the index
    blob_stamp = blob.stat().st_mtime_ns
    index = path.with_name(f"{sys.implementation.cache_tag}.licence-index.bin")
    index_stamp = index.stat().st_mtime_ns
    warm = _assess_json({"OPENGAUGE_CACHE": str(tmp_path)})
    assert off == cold == warm
    assert path.stat().st_mtime_ns == stamp  # nothing new to store
    assert blob.stat().st_mtime_ns == blob_stamp
    assert index.stat().st_mtime_ns == index_stamp


def test_compile_stores_then_builds_from_the_file(cache_file: Path) -> None:
    pat = patterncache.compile(r"(?P<word>lic\w+)\s+(v\d)", re.IGNORECASE)
    assert pat == re.compile(r"(?P<word>lic\w+)\s+(v\d)", re.IGNORECASE)
    cache = patterncache._get()
    assert cache is not None and list(cache.pending) == [f"{int(re.IGNORECASE)}:" + r"(?P<word>lic\w+)\s+(v\d)"]
    cache.save()
    assert cache_file.is_file() and not cache.pending
    # a new process (here: a new cache object) builds it from the stored code
    again = patterncache._Cache(cache_file)
    key = f"{int(re.IGNORECASE)}:" + r"(?P<word>lic\w+)\s+(v\d)"
    assert key in again.code
    built = patterncache._build(r"(?P<word>lic\w+)\s+(v\d)", again.code[key])
    m = built.search("Licensed v2 terms")
    assert m is not None and m.group("word") == "Licensed" and m.group(2) == "v2"
    assert built.groupindex == {"word": 1}


@pytest.mark.parametrize("content", [
    b"", b"not json", b'{"key": "x"}', b"[1, 2]",
    b'{"key": "1|other-python", "sha256": "0"}\n{"code": {}, "derived": {}}',
    b'{"key": "1|other-python"}', b"\n\n",
])
def test_unreadable_or_foreign_files_are_misses(cache_file: Path, content: bytes) -> None:
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(content)
    assert patterncache.compile(r"\bopen[- ]source\b") == re.compile(r"\bopen[- ]source\b")
    cache = patterncache._get()
    assert cache is not None and "0:" + r"\bopen[- ]source\b" in cache.pending  # to be stored afresh


def test_tampered_entries_fail_the_checksum(cache_file: Path) -> None:
    patterncache.compile(r"weights?")
    cache = patterncache._get()
    assert cache is not None
    cache.save()
    head, _, body = cache_file.read_bytes().partition(b"\n")
    doc = json.loads(body)
    doc["code"]["0:weights?"][1][-2] += 1  # change the engine code, keep the checksum
    cache_file.write_bytes(head + b"\n" + json.dumps(doc).encode())
    assert patterncache._Cache(cache_file).code == {}


def test_a_rejected_entry_is_compiled_again(cache_file: Path) -> None:
    cache = patterncache._get()
    assert cache is not None
    cache.code["0:abc"] = [0, [999999], 0, {}, []]  # code the engine's validator refuses
    assert patterncache.compile("abc") == re.compile("abc")
    assert "0:abc" not in cache.code and "0:abc" in cache.pending


def test_only_the_reading_process_writes(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterncache.compile(r"gated")
    cache = patterncache._get()
    assert cache is not None
    monkeypatch.setattr(cache, "pid", os.getpid() + 1)  # as in a forked batch worker
    cache.save()
    assert not cache_file.exists()


def test_an_unwritable_cache_is_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("OPENGAUGE_CACHE", str(blocker))  # a file where the folder should be
    monkeypatch.setattr(patterncache, "_cache", None)
    monkeypatch.setattr(patterncache, "_checked", False)
    patterncache.compile(r"apache")
    cache = patterncache._get()
    assert cache is not None and cache.pending

    def not_needed(*_: object) -> None:
        raise AssertionError("entries are only worked out for a file that can be written")

    monkeypatch.setattr(patterncache, "_entry", not_needed)
    cache.save()  # no exception, nothing written
    assert list(tmp_path.iterdir()) == [blocker]


def test_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(patterncache.ENV_SWITCH, "off")
    monkeypatch.setattr(patterncache, "_cache", None)
    monkeypatch.setattr(patterncache, "_checked", False)
    assert patterncache.cache_path() is None
    assert patterncache.compile("x+") == re.compile("x+")
    assert patterncache._get() is None
    assert patterncache.derived("n", re.compile("x"), lambda p: [p.pattern]) == ["x"]


def test_derived_facts_follow_the_code_that_works_them_out(cache_file: Path) -> None:
    calls: list[str] = []

    def compute(p: re.Pattern[str]) -> list[str]:
        calls.append(p.pattern)
        return [p.pattern.upper()]

    pat = re.compile("abc")
    assert patterncache.derived("shout", pat, compute) == ["ABC"]
    assert patterncache.derived("shout", pat, compute) == ["ABC"]
    assert calls == ["abc"]
    cache = patterncache._get()
    assert cache is not None
    name = cache.tables["shout"]  # filed under a digest of this module's source
    assert name == f"shout@{patterncache.module_digest(__name__)}"
    cache.derived["shout@0123456789abcdef"] = {"32:abc": ["stale"]}  # left by older code
    cache.save()
    doc = json.loads(cache_file.read_bytes().partition(b"\n")[2])
    assert doc["derived"] == {name: {f"{pat.flags}:abc": ["ABC"]}}


# ---------------------------------------------------------------- generated functions

_CLASS_SOURCE = '''
from dataclasses import dataclass, field

@dataclass(frozen=True, slots=True, kw_only=True)
class Point:
    x: int
    y: "tuple[str, ...]" = field(default_factory=tuple)
    label: str = "p"
'''
_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


def _define(module: str, *, future: bool = False) -> type:
    """Run ``_CLASS_SOURCE`` as a fresh module named ``module`` and return its class."""
    import types

    mod = types.ModuleType(module)
    sys.modules[module] = mod  # (dataclasses looks the class's module up)
    try:
        source = ("from __future__ import annotations\n" if future else "") + _CLASS_SOURCE
        exec(compile(source, f"<{module}>", "exec", dont_inherit=True), mod.__dict__)  # noqa: S102
    finally:
        del sys.modules[module]
    cls = mod.__dict__["Point"]
    assert isinstance(cls, type)
    return cls


def _codes(cls: type) -> list[object]:
    return [getattr(cls, name).__code__ for name in _METHODS]


@pytest.mark.parametrize("future", [False, True])
def test_dataclass_methods_are_the_same_with_and_without_the_cache(
    cache_file: Path, monkeypatch: pytest.MonkeyPatch, future: bool
) -> None:
    import dataclasses

    assert patterncache.install_dataclass_cache()
    cold = _define("opengauge.example", future=future)  # compiled, then stored
    cache = patterncache._get()
    assert cache is not None and len(cache.pending_functions) == len(_METHODS)
    cache.save()
    monkeypatch.setattr(patterncache, "_cache", None)
    monkeypatch.setattr(patterncache, "_checked", False)
    warm = _define("opengauge.example", future=future)  # built from the file
    cache = patterncache._get()
    assert cache is not None and not cache.pending_functions and len(cache.functions) == len(_METHODS)
    other = _define("somebody.else", future=future)  # another package's class: not cached
    assert not cache.pending_functions
    monkeypatch.delitem(dataclasses.__dict__, "exec")  # the built-in exec again
    plain = _define("opengauge.example", future=future)
    # code objects compare by bytecode, constants, names, argument layout and line table
    assert _codes(cold) == _codes(warm) == _codes(other) == _codes(plain)
    assert warm(x=1) == warm(x=1, y=(), label="p") != warm(x=2)  # type: ignore[call-arg]
    assert hash(warm(x=1, y=("a",))) == hash(plain(x=1, y=("a",)))  # type: ignore[call-arg]
    assert repr(warm(x=1, y=("a",))) == "Point(x=1, y=('a',), label='p')"  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        warm(x=1).x = 2  # type: ignore[attr-defined, call-arg]


def test_a_damaged_function_entry_is_compiled_again(cache_file: Path) -> None:
    cache = patterncache._get()
    assert cache is not None
    source = "def f():\n    return 42\n"
    key = f"0:<t>:{__import__('hashlib').sha256(source.encode()).hexdigest()}"
    cache.functions[key] = "bm90IG1hcnNoYWw="  # base64 of something that is not marshal data
    code = patterncache.compile_source(source, "<t>")
    ns: dict[str, object] = {}
    exec(code, ns)  # noqa: S102 - test source
    assert ns["f"]() == 42  # type: ignore[operator]
    assert key not in cache.functions and key in cache.pending_functions


def test_a_real_run_stores_the_generated_functions(tmp_path: Path) -> None:
    _assess_json({"OPENGAUGE_CACHE": str(tmp_path)})
    raw = (tmp_path / "patterns" / f"{sys.implementation.cache_tag}.jsonl").read_bytes()
    functions = json.loads(raw.partition(b"\n")[2])["functions"]
    # every dataclass method and fast __init__ of the pipeline (about 400)
    assert len(functions) > 300
    assert any(":<fast_init " in key for key in functions)


def test_blobs_are_read_back_only_under_their_key(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert patterncache.load_blob("t", "k1") is None  # nothing stored yet
    patterncache.store_blob("t", "k1", b"payload\nwith a newline")
    path = patterncache.blob_path("t")
    assert path == cache_file.with_name(f"{sys.implementation.cache_tag}.t.bin") and path.is_file()
    got = patterncache.load_blob("t", "k1")
    assert got is not None and bytes(got) == b"payload\nwith a newline"
    assert patterncache.load_blob("t", "k2") is None  # other data, other key
    assert patterncache.load_blob("u", "k1") is None
    raw = path.read_bytes()
    path.write_bytes(raw[:-1] + b"X")  # damaged body: the checksum fails
    assert patterncache.load_blob("t", "k1") is None
    for junk in (b"", b"no newline", b"[1]\nx", b"\xff\xfe\n"):
        path.write_bytes(junk)
        assert patterncache.load_blob("t", "k1") is None
    path.unlink()
    cache = patterncache._get()
    assert cache is not None
    monkeypatch.setattr(cache, "pid", os.getpid() + 1)  # as in a forked batch worker
    patterncache.store_blob("t", "k1", b"x")
    assert not path.exists()


def test_blobs_switched_off_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fresh() -> None:  # the cache is looked up again, under the environment set here
        monkeypatch.setattr(patterncache, "_cache", None)
        monkeypatch.setattr(patterncache, "_checked", False)

    monkeypatch.setenv("OPENGAUGE_CACHE", str(tmp_path / "c"))
    monkeypatch.setenv(patterncache.ENV_SWITCH, "0")
    fresh()
    assert patterncache.blob_path("t") is None
    patterncache.store_blob("t", "k", b"x")
    assert patterncache.load_blob("t", "k") is None and not (tmp_path / "c").exists()
    monkeypatch.delenv(patterncache.ENV_SWITCH)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("OPENGAUGE_CACHE", str(blocker))  # a file where the folder should be
    fresh()
    patterncache.store_blob("t", "k", b"x")  # no exception, nothing written
    assert patterncache.load_blob("t", "k") is None


def test_the_fingerprint_index_is_the_same_from_the_blob(cache_file: Path) -> None:
    from opengauge.licenses import identify

    cold = identify.fingerprint_index.__wrapped__()  # unpacks the bundled files, stores the blob
    path = patterncache.blob_path("fingerprints")
    assert path is not None and path.is_file()
    warm = identify.fingerprint_index.__wrapped__()
    assert path.stat().st_size > 1_000_000
    assert [r.key for r in warm.refs] == [r.key for r in cold.refs]
    assert all(a.hashes == b.hashes and (a.id, a.kind, a.version, a.mod, a.bounds, a.incipits)
               == (b.id, b.kind, b.version, b.mod, b.bounds, b.incipits)
               for a, b in zip(warm.refs, cold.refs, strict=True))
    assert warm.index == cold.index and warm._slot == cold._slot
    text = (ROOT / "examples" / "aurora-tiny-7m" / "LICENSE").read_text(encoding="utf-8")
    assert warm.identify(text) == cold.identify(text)
    # a damaged blob is a miss: the bundled files are unpacked again and the blob rewritten
    stored = path.read_bytes()
    path.write_bytes(stored[:-10])
    again = identify.fingerprint_index.__wrapped__()
    assert again.index == cold.index and path.read_bytes() == stored
    sha = "0" * 64
    raw = cold.index.to_raw(sha)
    for junk in (b"not marshal", marshal.dumps(([], [])), marshal.dumps(([{"key": 1}], raw)),
                 marshal.dumps(([], raw[:-1])), marshal.dumps(([], cold.index.to_raw("1" * 64)))):
        assert identify._from_blob(memoryview(junk), sha) is None
    assert identify._from_blob(memoryview(marshal.dumps(([], raw))), sha) is not None  # the control


def test_the_licence_lookups_are_the_same_from_the_blob(cache_file: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from opengauge.licenses import kb

    cold = kb.knowledge_base.__wrapped__()  # works the lookups out, stores the blob
    path = patterncache.blob_path("licence-index")
    assert path is not None and path.is_file()
    warm = kb.knowledge_base.__wrapped__()
    assert warm.index_raw() == cold.index_raw() and list(warm) == list(cold)
    for text in ("released under the Apache License 2.0", "the Llama 3.1 Community License"):
        assert warm.mentions(text) == cold.mentions(text) != []
    assert warm.alias("https://huggingface.co/meta-llama/LICENSE?x=1") == cold.alias(
        "https://huggingface.co/meta-llama/LICENSE?x=1")
    # a damaged blob is a miss: worked out again and rewritten the same
    stored = path.read_bytes()
    path.write_bytes(stored[:-10])
    assert kb.knowledge_base.__wrapped__().index_raw() == cold.index_raw()
    # (the same data: marshal's bytes can differ with how objects are shared, as when compiled)
    (old_header, old_body), (new_header, new_body) = (
        blob.split(b"\n", 1) for blob in (stored, path.read_bytes()))
    assert json.loads(new_header)["key"] == json.loads(old_header)["key"]
    assert marshal.loads(new_body) == marshal.loads(old_body)
    for junk in (b"not marshal", marshal.dumps((1, 2)), marshal.dumps(({}, {}, {}, {}, set())),
                 marshal.dumps([{}, {}, {}, {}, frozenset()])):
        assert kb._index_from_blob(memoryview(junk)) is None
    assert kb._index_from_blob(memoryview(marshal.dumps(({}, {}, {}, {}, frozenset())))) is not None
    # the key follows both data files and the code that works the lookups out
    key = kb._index_key(b"a", b"b")
    assert key is not None and key != kb._index_key(b"a", b"c") != kb._index_key(b"c", b"b")
    monkeypatch.setattr(patterncache, "module_digest", lambda module: None)  # source unreadable
    assert kb._index_key(b"a", b"b") is None


# ---------------------------------------------------------------- re's own cache, seeded

def test_patterns_compiled_through_re_on_import_are_kept_and_seeded(
        cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(re, "_cache", {})  # re's own cache, put back afterwards
    before = re.compile(r"seed-before-\d+")  # compiled before this module (typer's, say)
    assert patterncache._seed() == 0  # nothing stored yet; what re holds now is the baseline
    imported = re.compile(r"(?P<y>\d{4})-seed-probe", re.VERBOSE)  # as a module importing
    own = patterncache.compile(r"own-probe-\w+")  # opengauge's own: in the file already
    patterncache.remember_imported_patterns()
    later = re.compile(r"model-name-from-a-card")  # after the imports: built from content
    cache = patterncache._get()
    assert cache is not None
    key = f"{int(re.VERBOSE)}:" + imported.pattern
    assert list(cache.pending_seeds) == [key]
    cache.save()
    stored = patterncache._Cache(cache_file)
    assert stored.seeds == [key] and key in stored.code
    assert f"0:{own.pattern}" in stored.code and f"0:{own.pattern}" not in stored.seeds
    assert not {f"0:{before.pattern}", f"0:{later.pattern}"} & set(stored.code)
    # the next run: the pattern is in re's cache before the module asks for it
    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(patterncache, "_cache", None)
    monkeypatch.setattr(patterncache, "_checked", False)
    assert patterncache._seed() == 1
    seeded = re._cache[(str, imported.pattern, int(re.VERBOSE))]  # type: ignore[attr-defined]
    assert re.compile(imported.pattern, re.VERBOSE) is seeded
    assert seeded == imported and seeded.groupindex == {"y": 1}
    again = patterncache._get()
    assert again is not None
    patterncache.remember_imported_patterns()
    assert not again.pending_seeds  # nothing new: a warm run does not rewrite the file


def test_a_damaged_seed_is_left_to_be_compiled(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(re, "_cache", {})
    cache = patterncache._get()
    assert cache is not None
    cache.code["0:abc"] = [0, [999999], 0, {}, []]  # code the engine's validator refuses
    cache.code["x:abd"] = [0, [], 0, {}, []]  # flags that are not a number
    cache.seeds = ["0:abc", "x:abd"]
    assert patterncache._seed() == 0
    assert re._cache == {}  # type: ignore[attr-defined]
    assert re.compile("abc").search("xabc") is not None


def test_seeding_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(patterncache.ENV_SWITCH, "0")
    monkeypatch.setattr(patterncache, "_cache", None)
    monkeypatch.setattr(patterncache, "_checked", False)
    monkeypatch.setattr(re, "_cache", {})
    assert patterncache._seed() == 0
    patterncache.remember_imported_patterns()  # nothing to note it in, and no error
    assert re._cache == {}  # type: ignore[attr-defined]


def test_a_real_run_seeds_pyyaml_before_it_is_imported(tmp_path: Path) -> None:
    import yaml.reader

    source = yaml.reader.Reader.NON_PRINTABLE.pattern
    _assess_json({"OPENGAUGE_CACHE": str(tmp_path)})
    raw = (tmp_path / "patterns" / f"{sys.implementation.cache_tag}.jsonl").read_bytes()
    doc = json.loads(raw.partition(b"\n")[2])
    assert f"0:{source}" in doc["seeds"] and set(doc["seeds"]) <= set(doc["code"])
    probe = (
        "import re, sys\n"
        "from re import _compiler\n"
        "from opengauge import patterncache\n"
        "assert 'yaml' not in sys.modules\n"
        "seeded = re._cache.get((str, sys.argv[1], 0))\n"
        "import yaml.reader\n"
        "print(seeded is not None, yaml.reader.Reader.NON_PRINTABLE is seeded,\n"
        "      seeded == _compiler.compile(sys.argv[1], 0))\n"
    )
    res = subprocess.run([sys.executable, "-c", probe, source], capture_output=True, text=True,
                         check=False, env={**os.environ, "OPENGAUGE_CACHE": str(tmp_path)}, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["True", "True", "True"]


def test_a_seed_compiled_before_this_module_is_dropped(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = patterncache._get()
    assert cache is not None
    for source in ("early-\\d", "late-\\d"):
        entry = patterncache._entry(source, 0, re.compile(source))
        assert entry is not None
        cache.code[f"0:{source}"] = entry
    cache.seeds = ["0:early-\\d", "0:late-\\d"]
    early = re.compile("early-\\d")
    monkeypatch.setattr(re, "_cache", {(str, "early-\\d", 0): early})  # an earlier import's
    assert patterncache._seed() == 1
    assert re._cache[(str, "early-\\d", 0)] is early  # type: ignore[attr-defined]
    assert cache.seeds == ["0:late-\\d"]  # what the file keeps at its next write


_NOTHING_NEW = """
import sys
from opengauge import api, patterncache
api.preload()
for target in sys.argv[1:]:
    api.export_line_bytes(api.assess(target))
cache = patterncache._get()
print(len(cache.pending), len(cache.pending_functions), cache.dirty)
"""


def test_a_batch_run_stores_what_its_workers_use(tmp_path: Path) -> None:
    """A batch's workers never write the cache, so everything they compile or work out must
    be compiled or worked out in the parent before it forks (api.preload): after one batch
    run from an empty cache, assessing the same targets again finds nothing new to store.
    (Config key lines, the local folder reader's patterns and the statement patterns' widths
    were worked out in each worker at every run: about 125 M instructions each.)"""
    targets = [str(ROOT / "examples" / "aurora-tiny-7m"), str(ROOT / "examples" / "lumen-chat-3b")]
    env = {**os.environ, "OPENGAUGE_CACHE": str(tmp_path)}
    env.pop(patterncache.ENV_SWITCH, None)
    res = subprocess.run([sys.executable, "-m", "opengauge.cli.main", "assess", *targets, "--format", "json",
                          "--jobs", "2"], capture_output=True, text=True, check=False, env=env, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) == 2
    res = subprocess.run([sys.executable, "-c", _NOTHING_NEW, *targets], capture_output=True, text=True,
                         check=False, env=env, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["0", "0", "False"]

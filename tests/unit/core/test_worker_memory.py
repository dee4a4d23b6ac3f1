"""What a batch worker keeps between targets: no reference cycles left behind by a target, the
caches of its first targets frozen (and no more), and the licence references' hashes read back
from the start-up blob as they were bundled."""

from __future__ import annotations

import base64
import gc
import gzip
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from opengauge import api
from opengauge.cli import batch
from opengauge.licenses import identify
from tests.conftest import ROOT, cli_env, corpus_dirs, requires_corpus

EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


def _cycles_left(target: Path) -> list[str]:
    """Types of the objects assessing ``target`` left in reference cycles (garbage only the
    collector can free)."""
    api.assess(str(target))  # (first use: caches filled, tables built)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        api.export_line_bytes(api.assess(str(target)))
        gc.collect()
        return sorted({type(o).__name__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()


@pytest.mark.parametrize("target", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_an_example_leaves_no_reference_cycles(target):
    # (a nested function that calls itself, or a compiled closure's sort key, did: cycles
    # the collector had to find, and that a worker would otherwise freeze)
    assert _cycles_left(target) == []


@requires_corpus
def test_no_corpus_snapshot_leaves_reference_cycles():
    left = {d.name: got for d in corpus_dirs() if (got := _cycles_left(d))}
    assert left == {}


_WORKER = """
import gc, sys, threading
from multiprocessing import Pipe
from opengauge.cli import batch
frozen = []
real = gc.freeze
gc.freeze = lambda: (frozen.append(1), real())[1]
mine, theirs = Pipe(duplex=True)
n = int(sys.argv[1])
def feed():
    for i in range(n):
        mine.send_bytes(f"/nonexistent/target-{i}".encode())
    lines = [mine.recv_bytes() for _ in range(n)]
    mine.send_bytes(b"")
    print(len(lines), sum(1 for x in lines if b"error" in x))
t = threading.Thread(target=feed)
t.start()
batch._worker_main(theirs, [], None)
t.join()
print(len(frozen), batch.FREEZE_FIRST)
"""


def test_a_worker_freezes_after_each_of_its_first_targets_only(tmp_path):
    n = batch.FREEZE_FIRST + 5
    res = subprocess.run([sys.executable, "-c", _WORKER, str(n)], env=cli_env(tmp_path),
                         capture_output=True, text=True, check=False, cwd=ROOT, timeout=600)
    assert res.returncode == 0, res.stderr
    answered, freezes = res.stdout.split("\n")[:2]
    assert answered.split() == [str(n), str(n)]  # every target answered (an error line each)
    assert freezes.split() == [str(batch.FREEZE_FIRST)] * 2


def test_the_start_up_blob_keeps_the_hashes_as_bytes():
    packed = resources.files("opengauge").joinpath("data", "licenses", "fingerprints.json.gz")
    refs = json.loads(gzip.decompress(packed.read_bytes()))["refs"]
    sample = refs[:: max(1, len(refs) // 40)]
    decoded = identify._decoded(sample)
    assert {r.get("seq") is None or isinstance(r["seq"], bytes) for r in decoded} == {True}
    for raw, dec in zip(sample, decoded, strict=True):
        a, b = identify._Ref(raw), identify._Ref(dec)
        assert a.hashes == b.hashes and a.hashes
        assert (a.seq is None) == (b.seq is None)
        if a.seq is not None:
            assert a.seq == b.seq
    for raw in sample:  # the bundled records themselves are untouched
        assert isinstance(raw.get("seq") or raw.get("set"), str)
        base64.b64decode(raw.get("seq") or raw["set"], validate=True)

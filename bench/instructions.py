#!/usr/bin/env python3
"""Benchmark: CPU instructions per snapshot and for start-up, counted by valgrind (cachegrind).

Wall-clock figures on this VM swing by 2-3x within an hour, so small changes cannot be seen
in them. Instruction counts are exact and repeatable (hash seed fixed): run this before and
after a change to see its cost. Needs ``valgrind`` on PATH (skips cleanly otherwise); takes
about a minute and a half. Usage:

    python bench/instructions.py [--corpus ../shared/corpus] [--every 4] [--tree DIR]

``--tree DIR`` counts the modules of a build unpacked into DIR (``scripts/build_compiled.py
DIR``: the wheel ``pip install .`` builds, its core compiled by mypyc) instead of ``src/``.

It runs the in-process pipeline (preload, then assess + JSON line) over every ``--every``-th
corpus snapshot with zero, one and three passes. It reports the zero-pass count (imports and
bundled tables), the steady cost per snapshot (passes two and three), and what the first pass
spent once on top (tables and patterns worked out on first use, which batch workers each pay).

Under valgrind OpenSSL hashes without the CPU's SHA instructions, so hashing counts several
times what it costs natively: checking the 5 MB of cached licence fingerprints counts about
150 M instructions at start-up yet takes 5 ms, and that cache cut start-up by 15 ms while the
count stayed where it was. Compare hashing changes by wall clock.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_WORKLOAD = """
import sys
sys.path.insert(0, {src!r})
import gc
from opengauge import api
from opengauge.cli.batch import FREEZE_FIRST
api.preload()
gc.freeze()  # (as batch workers do: no collection walks the tables, the counts steady)
dirs = {dirs!r}
served = 0
for _ in range(int(sys.argv[1])):
    for d in dirs:
        api.export_line_bytes(api.assess(d))
        served += 1
        if served <= FREEZE_FIRST:  # (as a batch worker does after each of its first targets)
            gc.freeze()
"""


def _count(script: Path, passes: int) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    res = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, str(script), str(passes)],
        capture_output=True, text=True, check=False, env=env,
    )
    m = re.search(r"I\s+refs:\s+([\d,]+)", res.stderr)
    if res.returncode != 0 or m is None:
        raise SystemExit(f"valgrind failed: {res.stderr[-500:]}")
    return int(m.group(1).replace(",", ""))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--every", type=int, default=4, help="take every Nth snapshot (default 4)")
    ap.add_argument("--tree", type=Path, help="count a build unpacked into this folder, not src/")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind not found; nothing to measure")
        return 0
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; nothing to measure")
        return 0
    dirs = sorted(str(d) for d in args.corpus.iterdir() if d.is_dir())[:: args.every]
    # Bytecode first, as an install has it: where PYTHONDONTWRITEBYTECODE is set (this VM) a
    # folder without it is compiled from source at every start, which the start-up count would
    # take for the tool's own cost (a fresh build counted about 380 M more).
    package = (args.tree or ROOT / "src") / "opengauge"
    if not compileall.compile_dir(str(package), quiet=1):
        print(f"some modules of {package} did not compile to bytecode")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "workload.py"
        script.write_text(_WORKLOAD.format(src=str(args.tree or ROOT / "src"), dirs=dirs), encoding="utf-8")
        zero, one, three = _count(script, 0), _count(script, 1), _count(script, 3)
    per = (three - one) / (2 * len(dirs))
    first = one - zero - per * len(dirs)
    print(f"{len(dirs)} snapshots: start-up (imports + tables) {zero / 1e6:.0f} M instructions, "
          f"per snapshot {per / 1e6:.2f} M instructions (after a first pass, which also "
          f"spent {first / 1e6:.0f} M once, on what is worked out on first use)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

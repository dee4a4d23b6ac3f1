#!/usr/bin/env python3
"""Benchmark: assess the whole shared corpus offline, in-process and through the CLI batch path.

Prints snapshots per second, peak memory, the CLI's fixed start-up cost and ``--help`` time,
and for each CLI batch the overall rate (start-up included), the steady rate once the reports
flow and the CPU time per snapshot; then how much slower two in-process loops run at once than
one alone (the VM's own sharing of its cores, which caps any batch), next to a CPU calibration
(a fixed pure-Python loop): this VM's CPU speed varies up to 5x over a day, so a figure means
little without the loop time measured beside it. Usage:

    python bench/assess_corpus.py [--corpus ../shared/corpus] [--jobs 2] [--repeat 3] [--copies 5]
                                  [--batch-runs 2] [--compiled | --tree DIR]

By default it measures the modules as the test set-up installs them (editable: interpreted).
``--compiled`` first builds the wheel ``pip install .`` builds, with the core compiled by mypyc
(scripts/build_compiled.py, about a minute), and measures that; ``--tree DIR`` measures such a
build unpacked earlier into DIR.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def calibration() -> float:
    """Seconds for a fixed pure-Python loop (seen from 0.33 s to 1.7 s on this VM; lower is faster)."""
    t = time.perf_counter()
    s = 0
    for i in range(10_000_000):
        s += i
    return time.perf_counter() - t


_LOOP = """
import sys, time
sys.path.insert(0, {src!r})
from opengauge import api
dirs = {dirs!r}
api.preload()
for d in dirs[:8]:
    api.export_line_bytes(api.assess(d))
t = time.process_time()
for d in dirs:
    api.export_line_bytes(api.assess(d))
print((time.process_time() - t) / len(dirs))
"""


def contention(dirs: list[str], where: Path) -> tuple[float, float]:
    """CPU ms per snapshot of one in-process loop alone, then the mean of two run at once.

    Two independent processes (no fork, no pool) on the two cores: when they run slower than
    one alone, the VM is sharing its cores, and no batch design can reach twice the one-core
    rate. Seen here both ways: equal on some days, about 40% slower on others.
    """
    code = _LOOP.format(src=str(where), dirs=dirs)

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)

    alone = float(start().communicate()[0])
    pair = [start(), start()]
    both = [float(p.communicate()[0]) for p in pair]
    return alone * 1000, sum(both) / 2 * 1000


def _timed_batch(exe: list[str], listing: Path, jobs: int) -> tuple[int, float, float, float, float]:
    """Run one CLI batch; (reports, seconds to exit, seconds to the first report, steady rate,
    CPU seconds of the CLI and its workers).

    The steady rate counts the reports after the first tenth over the time they took to arrive:
    the batch path's throughput once start-up (imports, tables, forking) is behind it.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen([*exe, "assess", "--from-list", str(listing), "--format", "json",
                             "--jobs", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    stamps = [time.perf_counter() - t for _ in iter(proc.stdout.readline, b"")]
    proc.wait()
    dt = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if not stamps:
        return 0, dt, dt, 0.0, cpu
    k = len(stamps) // 10
    steady = (len(stamps) - 1 - k) / (stamps[-1] - stamps[k]) if stamps[-1] > stamps[k] else 0.0
    return len(stamps), dt, stamps[0], steady, cpu


def ensure_bytecode() -> str:
    """Compile opengauge's modules to ``__pycache__`` where the CLI imports them from.

    The README's main command (``pip install .``) compiles the package as it installs it; the
    test set-up's editable install does not, and where ``PYTHONDONTWRITEBYTECODE`` is set (as on
    this VM) Python then never writes the bytecode itself and every process compiles every
    module it imports from source again: about 0.15 s more at each start. The benchmark
    measures the tool as installed, so it compiles them once first (as ``pip install .`` would;
    a fresh file is left alone).
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("opengauge")
    where = Path(spec.origin).parent if spec and spec.origin else ROOT / "src" / "opengauge"
    ok = compileall.compile_dir(str(where), quiet=1)
    how = "ok" if ok else "some modules failed to compile"
    return f"bytecode of {where} compiled as an install would ({how})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--copies", type=int, default=5, help="corpus copies in the CLI batch")
    ap.add_argument("--batch-runs", type=int, default=2,
                    help="runs of each CLI batch (the best is shown; from 3, best, median and worst)")
    ap.add_argument("--compiled", action="store_true",
                    help="build the compiled wheel (as `pip install .` does) and measure it")
    ap.add_argument("--tree", type=Path, help="measure a compiled build unpacked into this folder")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; nothing to measure")
        return 0
    dirs = sorted(str(d) for d in args.corpus.iterdir() if d.is_dir())
    tree = args.tree
    with tempfile.TemporaryDirectory() as tmp:
        if args.compiled and tree is None:
            sys.path.insert(0, str(ROOT / "scripts"))
            from build_compiled import build

            tree = build(Path(tmp) / "compiled")
        if tree is not None:
            # the CLI runs from the same folder: `python -m` with it first on the path
            os.environ["PYTHONPATH"] = str(tree)
            return measure(args, dirs, tree, [sys.executable, "-m", "opengauge"])
        exe = shutil.which("opengauge", path=str(Path(sys.executable).parent)) or "opengauge"
        return measure(args, dirs, ROOT / "src", [exe])


def measure(args: argparse.Namespace, dirs: list[str], where: Path, exe: list[str]) -> int:
    """Print every figure for the opengauge package in the folder ``where`` and the CLI ``exe``."""
    sys.path.insert(0, str(where))
    print(ensure_bytecode())
    import opengauge
    from opengauge import api

    kind = "compiled with mypyc" if opengauge.compiled() else "interpreted"
    print(f"measuring {Path(opengauge.__file__).parent} (core {kind})")

    cal = [calibration()]
    api.export_line_bytes(api.assess(dirs[0]))  # warm imports and the bundled tables
    best = 0.0
    for _ in range(args.repeat):
        t = time.perf_counter()
        for d in dirs:
            api.export_line_bytes(api.assess(d))
        best = max(best, len(dirs) / (time.perf_counter() - t))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"in-process, one core: {len(dirs)} snapshots, best {best:.0f} snapshots/s "
          f"({1000 / best:.1f} ms each), peak RSS {peak_mb:.0f} MiB")

    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "targets.txt"
        for copies in sorted({1, args.copies}):
            listing.write_text("\n".join(dirs * copies) + "\n", encoding="utf-8")
            for jobs in sorted({1, args.jobs}):
                runs = [_timed_batch(exe, listing, jobs) for _ in range(args.batch_runs)]
                n, dt, first, steady, cpu = max(runs, key=lambda r: r[0] / r[1])
                print(f"CLI batch --jobs {jobs}: {n} snapshots in {dt:.2f} s = {n / dt:.0f} snapshots/s "
                      f"(process start, imports and data loading included); first report after "
                      f"{first:.2f} s, then {steady:.0f} snapshots/s; CPU {1000 * cpu / max(n, 1):.1f} ms "
                      "per snapshot, all processes")
                if len(runs) > 2:
                    rates = sorted(r[0] / r[1] for r in runs)
                    print(f"  over {len(runs)} runs: best {rates[-1]:.0f}, median "
                          f"{rates[len(rates) // 2]:.0f}, worst {rates[0]:.0f} snapshots/s overall")

    for argv, label in (([*exe, "--help"], "opengauge --help"),
                        ([*exe, "assess", str(ROOT / "examples" / "aurora-tiny-7m"), "--format", "json"],
                         "opengauge assess <one example> (start-up + one report)")):
        times = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=False)
            times.append(time.perf_counter() - t)
        print(f"{label}: best {min(times):.3f} s, median {sorted(times)[2]:.3f} s")
    cache = subprocess.run([sys.executable, "-c", "from opengauge import patterncache as p; "
                            "c = p.cache_path(); print(c if c and c.is_file() else 'none')"],
                           capture_output=True, text=True, check=False).stdout.strip()
    print(f"compiled-pattern cache: {cache} (the first CLI run above fills it)")
    alone, pair = contention(dirs, where)
    print(f"two in-process loops at once (no fork): {pair:.1f} ms CPU per snapshot each, against "
          f"{alone:.1f} ms alone ({pair / alone:.2f}x; above 1, the VM shares its two cores)")
    cal.append(calibration())
    print(f"CPU calibration loop: {cal[0]:.2f} s before, {cal[1]:.2f} s after "
          "(seen from 0.33 s to 1.7 s on this VM; lower is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

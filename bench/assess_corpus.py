#!/usr/bin/env python3
"""Benchmark: assess the whole shared corpus offline through the batch path.

Prints snapshots per second (in-process and through the CLI batch path with --jobs),
peak memory, and the time `opengauge --help` takes. Usage:

    python bench/assess_corpus.py [--corpus ../shared/corpus] [--jobs 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; nothing to measure")
        return 0
    dirs = sorted(str(d) for d in args.corpus.iterdir() if d.is_dir())
    sys.path.insert(0, str(ROOT / "src"))
    from opengauge import api

    api.export_line(api.assess(dirs[0]))  # warm imports
    best = 0.0
    for _ in range(args.repeat):
        t = time.perf_counter()
        for d in dirs:
            api.export_line(api.assess(d))
        best = max(best, len(dirs) / (time.perf_counter() - t))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"in-process: {len(dirs)} snapshots, best {best:.0f} snapshots/s, peak RSS {peak_mb:.0f} MiB")

    exe = shutil.which("opengauge", path=str(Path(sys.executable).parent)) or "opengauge"
    targets = dirs * 5
    for jobs in sorted({1, args.jobs}):
        t = time.perf_counter()
        res = subprocess.run([exe, "assess", *targets, "--format", "json", "--jobs", str(jobs)],
                             capture_output=True, text=True, check=False)
        dt = time.perf_counter() - t
        lines = res.stdout.count("\n")
        print(f"CLI batch --jobs {jobs}: {lines} snapshots in {dt:.2f} s = {lines / dt:.0f} snapshots/s "
              f"(process start and imports included)")
    times = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([exe, "--help"], capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    print(f"opengauge --help: best {min(times):.3f} s, median {sorted(times)[2]:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark: time each pipeline stage over the shared corpus (in-process, one core).

Prints milliseconds per snapshot for each stage, so a throughput change can be traced to the
stage that made it. Usage:

    python bench/stages.py [--corpus ../shared/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; nothing to measure")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from opengauge import api
    from opengauge.claims import find_claims
    from opengauge.evidence.extract import extract
    from opengauge.evidence.lineage import derive_lineage
    from opengauge.frameworks.evaluate import evaluate_all
    from opengauge.inventory import LicenseContext, build_inventory
    from opengauge.licenses import analyse
    from opengauge.pipeline import assess_snapshot

    dirs = sorted(str(d) for d in args.corpus.iterdir() if d.is_dir())
    api.export_line_bytes(api.assess(dirs[0]))  # warm imports and lazy data
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(args.repeat):
        tot: dict[str, float] = defaultdict(float)
        for d in dirs:
            t0 = time.perf_counter()
            snap = api.snapshot(d)
            t1 = time.perf_counter()
            ex = extract(snap)
            t2 = time.perf_counter()
            lin = derive_lineage(ex.bundle, snap.repo_id)
            t3 = time.perf_counter()
            la = analyse(snap, ex.bundle, lin)
            t4 = time.perf_counter()
            ctx = LicenseContext(**{c.component: c.license for c in la.licenses
                                    if c.component in {"weights", "code", "data", "documentation"}})
            comps = tuple(build_inventory(ex.bundle, la.lineage or lin, ctx))
            t5 = time.perf_counter()
            claims = find_claims(ex.bundle)
            evaluate_all(snap=snap, bundle=ex.bundle, components=comps, licenses=tuple(la.licenses),
                         lineage=la.lineage or lin, claims=claims)
            t6 = time.perf_counter()
            rep = assess_snapshot(snap)
            t7 = time.perf_counter()
            api.export_line_bytes(rep)
            t8 = time.perf_counter()
            for name, dt in (("read", t1 - t0), ("extract", t2 - t1), ("lineage", t3 - t2),
                             ("licences", t4 - t3), ("inventory", t5 - t4), ("frameworks", t6 - t5),
                             ("whole pipeline", t7 - t6), ("json line", t8 - t7)):
                tot[name] += dt
        for k, v in tot.items():
            best[k] = min(best[k], v)
    n = len(dirs)
    for k, v in best.items():
        print(f"{k:16s} {1000 * v / n:7.2f} ms/snapshot")
    whole = best["read"] + best["whole pipeline"] + best["json line"]
    print(f"{'read+assess+json':16s} {1000 * whole / n:7.2f} ms/snapshot = {n / whole:.0f} snapshots/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

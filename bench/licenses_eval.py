#!/usr/bin/env python3
"""Score the licence engine on the dev labels: weights licence, restriction types, conflicts.

Usage: python bench/licenses_eval.py [--shared ../shared] [-v]
Runs opengauge's own stages (local folder source -> evidence -> lineage -> licences) on each dev row of
``shared/eval/labels-dev.csv`` and prints weights-licence accuracy, precision/recall per
restriction type and conflict accuracy. Offline; a few seconds.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from opengauge.licenses import RESTRICTION_TYPES  # noqa: E402


def norm_id(x: object) -> str:
    """The scorer's id normalisation (case-insensitive, LicenseRef- dropped)."""
    s = str(x or "").strip().lower()
    return s.removeprefix("licenseref-")


def main() -> int:
    """Entry point."""
    ap = argparse.ArgumentParser()
    default = Path(os.environ.get("OPENGAUGE_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--shared", type=Path, default=default)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    from opengauge.evidence.extract import extract
    from opengauge.evidence.lineage import derive_lineage
    from opengauge.licenses import analyse
    from opengauge.sources.local import read_folder

    rows = list(csv.DictReader((args.shared / "eval" / "labels-dev.csv").open(encoding="utf-8")))
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    lic_ok = lic_n = conf_ok = conf_n = 0
    t0 = time.perf_counter()
    for r in rows:
        snap = read_folder(args.shared / "corpus" / r["folder"])
        bundle = extract(snap).bundle
        rep = analyse(snap, bundle, derive_lineage(bundle, snap.repo_id))
        s = rep.summary
        want = norm_id(r["weights_license"])
        got = norm_id(s.get("weights_license"))
        if want and want != "unknown":
            lic_n += 1
            lic_ok += want == got
        want_r = {t for t in r["restriction_types"].split(";") if t}
        got_r = set(s.get("restriction_types") or [])
        for t in RESTRICTION_TYPES:
            tp[t] += t in want_r and t in got_r
            fp[t] += t in got_r and t not in want_r
            fn[t] += t in want_r and t not in got_r
        conf_n += 1
        conf_ok += bool(s.get("license_conflict")) == (r["conflict"] == "yes")
        bad = (
            (want and want != "unknown" and want != got)
            or want_r != got_r
            or (bool(s.get("license_conflict")) != (r["conflict"] == "yes"))
        )
        if args.verbose and bad:
            print(
                f"- {r['folder']}: licence {got or '-'} (want {want or '-'}); conflict "
                f"{s.get('license_conflict')} (want {r['conflict']}); "
                f"+{sorted(got_r - want_r)} -{sorted(want_r - got_r)}"
            )
            if bool(s.get("license_conflict")) != (r["conflict"] == "yes"):
                for f in rep.findings:
                    if f.id.startswith("OG-LIC-00") and f.id in (
                        "OG-LIC-001",
                        "OG-LIC-002",
                        "OG-LIC-003",
                    ):
                        print(f"    {f.id}: {f.message[:300]}")
    dt = time.perf_counter() - t0
    print(f"dev rows: {len(rows)} in {dt:.1f} s")
    print(f"weights licence: {lic_ok}/{lic_n} ({100 * lic_ok / max(lic_n, 1):.1f}%)")
    print(f"conflicts: {conf_ok}/{conf_n} ({100 * conf_ok / max(conf_n, 1):.1f}%)")
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(
        f"restrictions overall: P={all_tp / max(all_tp + all_fp, 1):.2f} "
        f"R={all_tp / max(all_tp + all_fn, 1):.2f} (tp={all_tp} fp={all_fp} fn={all_fn})"
    )
    print(f"{'type':30s} {'P':>5s} {'R':>5s}  tp fp fn")
    for t in RESTRICTION_TYPES:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else float("nan")
        rc = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else float("nan")
        print(f"{t:30s} {p:5.2f} {rc:5.2f}  {tp[t]:2d} {fp[t]:2d} {fn[t]:2d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

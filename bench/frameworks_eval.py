#!/usr/bin/env python3
"""Compare opengauge's framework summary with the dev labels (../shared/eval/labels-dev.csv).

Usage: .venv/bin/python bench/frameworks_eval.py [--shared DIR] [--details] [--score]

Prints EOSAI agreement and coverage per parameter, OSAID, MOF class and open-washing
agreement, and with ``--details`` every disagreement (and with ``SHOW_UNKNOWN=1`` in the
environment, every labelled EOSAI parameter left unknown). The same code scores the held-out half;
nothing here (or in the tool) keys on a model name. ``--score`` also runs the shared scorer
(``score.py frameworks``) for the official figure.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ["datasources_basemodel", "datasources_endmodel", "weights_basemodel", "weights_endmodel",
          "trainingcode", "code", "hardware_architecture", "preprint", "paper", "modelcard",
          "datasheet", "licenses"]


def shared_dir(arg: str | None) -> Path:
    """The shared material: --shared, $OPENGAUGE_SHARED or ../shared."""
    if arg:
        return Path(arg)
    env = os.environ.get("OPENGAUGE_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def assess(folder: Path) -> dict[str, Any]:
    """Run the pipeline in-process on one corpus folder; returns the report summary."""
    from opengauge.pipeline import assess_snapshot
    from opengauge.sources.local import read_folder

    return dict(assess_snapshot(read_folder(folder)).summary)


def _assess_any(folder: Path) -> dict[str, Any]:
    try:
        return assess(folder)
    except Exception:  # noqa: BLE001 - fall back to the CLI if the source API differs
        import json

        p = subprocess.run([str(ROOT / ".venv" / "bin" / "opengauge"), "assess", str(folder),
                            "--format", "json"], capture_output=True, text=True, check=False)
        return dict(json.loads(p.stdout)["summary"]) if p.returncode == 0 else {}


def norm(x: object) -> str:
    """Normalise verdict spellings."""
    return str(x or "").lower().replace("-", "_").replace("licence", "license")


def norm_class(x: object) -> str:
    """Normalise MOF class spellings."""
    s = str(x or "").strip().lower().replace("class", "").strip()
    return {"1": "i", "2": "ii", "3": "iii", "0": "none", "": "none"}.get(s, s)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared")
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--score", action="store_true")
    args = ap.parse_args()
    shared = shared_dir(args.shared)
    labels = shared / "eval" / "labels-dev.csv"
    if not labels.is_file():
        print(f"no labels at {labels}; nothing to compare")
        return 0
    rows = list(csv.DictReader(labels.open()))
    per_param: dict[str, Counter[str]] = {p: Counter() for p in PARAMS}
    osaid = Counter[str]()
    mof = Counter[str]()
    wash = Counter[str]()
    claims = Counter[str]()
    notes: list[str] = []
    for r in rows:
        s = _assess_any(shared / "corpus" / r["folder"])
        got = s.get("eosai") or {}
        for p in PARAMS:
            want = (r.get(f"eosai_{p}") or "").strip()
            if not want or (r.get("eosai_match_role") == "base_model" and p.endswith("_endmodel")):
                continue
            g = str(got.get(p) or "unknown")
            per_param[p]["total"] += 1
            if g != "unknown":
                per_param[p]["decided"] += 1
                per_param[p]["agree"] += g == want
                if g != want:
                    notes.append(f"EOSAI {r['folder']} {p}: got {g}, label {want}")
            elif os.environ.get("SHOW_UNKNOWN"):
                notes.append(f"EOSAI {r['folder']} {p}: unknown, label {want}")
        if r.get("osai_verdict"):
            osaid["n"] += 1
            ok = norm(s.get("osaid")) == norm(r["osai_verdict"])
            osaid["ok"] += ok
            if not ok:
                notes.append(f"OSAID {r['folder']}: got {s.get('osaid')}, label {r['osai_verdict']}")
        if r.get("mot_class"):
            mof["n"] += 1
            ok = norm_class(s.get("mof_class")) == norm_class(r["mot_class"])
            mof["ok"] += ok
            if not ok:
                notes.append(f"MOF {r['folder']}: got {s.get('mof_class')}, label {r['mot_class']}")
        if r.get("claims_open_source") in ("yes", "no"):
            truth = r["claims_open_source"] == "yes" and (
                r.get("osi_approved_weights_license") == "no"
                or r.get("osai_verdict") in ("fail", "would-pass-with-licence-change"))
            wash["n"] += 1
            ok = bool(s.get("open_washing")) == truth
            wash["ok"] += ok
            if not ok:
                notes.append(f"WASH {r['folder']}: got {s.get('open_washing')}, label {truth}")
            claims["n"] += 1
            cok = bool(s.get("claims_open_source")) == (r["claims_open_source"] == "yes")
            claims["ok"] += cok
            if not cok:
                notes.append(f"CLAIM {r['folder']}: got {s.get('claims')}, label "
                             f"{r['claims_open_source']} {r.get('claim_quote')!r}")

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({100.0 * a / b:.1f}%)" if b else "0/0 (n/a)"

    print("EOSAI per parameter: agreement on decided, coverage")
    tot = Counter[str]()
    for p, c in per_param.items():
        tot.update(c)
        print(f"  {p:24} agree {pct(c['agree'], c['decided']):>16}   coverage "
              f"{pct(c['decided'], c['total'])}")
    print(f"  {'ALL':24} agree {pct(tot['agree'], tot['decided']):>16}   coverage "
          f"{pct(tot['decided'], tot['total'])}")
    print(f"OSAID {pct(osaid['ok'], osaid['n'])}; MOF class {pct(mof['ok'], mof['n'])}; "
          f"open-washing {pct(wash['ok'], wash['n'])}; open-source claims {pct(claims['ok'], claims['n'])}")
    if args.details:
        print("\n".join(notes))
    if args.score:
        scorer = shared / "eval" / "score.py"
        subprocess.run([sys.executable, str(scorer), "frameworks", "--venv", str(ROOT / ".venv")],
                       check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

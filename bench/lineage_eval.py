#!/usr/bin/env python3
"""Compare `summary.base_models` / `base_relation` with the dev labels (../shared/eval).

A parent list counts as right when it equals the labelled direct parents, or is a subset of the
direct plus upstream parents (the labels' own rule); ids are compared case-insensitively, with
the id aliases of eval/README.md.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ALIASES = {"wizardlm/wizardcoder-15b-v1.0": "wizardlmteam/wizardcoder-15b-v1.0",
           "roberta-base": "facebookai/roberta-base"}


def _norm(ids: str | list[str]) -> set[str]:
    items = ids.split(";") if isinstance(ids, str) else ids
    return {ALIASES.get(x.strip().lower(), x.strip().lower()) for x in items if x.strip()}


def main() -> int:
    labels = SHARED / "eval" / "labels-dev.csv"
    if not labels.is_file():
        print("dev labels not found; nothing to measure")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from opengauge import api

    rows = list(csv.DictReader(labels.open()))
    ok = rel_ok = 0
    for r in rows:
        rep = api.assess(str(SHARED / "corpus" / r["folder"]))
        got = _norm(list(rep.summary["base_models"]))
        want = _norm(r["base_models"])
        up = _norm(r["base_models_upstream"])
        good = got == want or bool(got and got <= want | up)
        ok += good
        rel_ok += rep.summary["base_relation"] == r["base_relation"]
        if not good or rep.summary["base_relation"] != r["base_relation"]:
            print(f"  {r['folder']:45s} want {sorted(want)} {r['base_relation']}; "
                  f"got {sorted(got)} {rep.summary['base_relation']}")
    print(f"base models {ok}/{len(rows)}; relation {rel_ok}/{len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

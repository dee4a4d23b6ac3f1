"""MOT conformance and speed: classify every MOT record and compare with the expected output.

Usage: ``.venv/bin/python bench/mot_conformance.py [SHARED_DIR]`` (default ``../shared`` or
``$OPENGAUGE_SHARED``). Prints agreement with ``derived/models.csv`` (class, the three progress
percentages, blockers) and with the MOT's ``Test_Data/expected_results.json``, for both paths:
classifying the record directly, and through opengauge's pipeline (declaration source ->
declared evidence -> component inventory -> MOF). Then records per second.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import time
from pathlib import Path

import yaml

from opengauge.evidence.declared import components_from_declaration, extract_declared
from opengauge.frameworks.mof import MofResult, evaluate_inventory, evaluate_mot_record
from opengauge.sources.declaration import load_declaration


def _key(r: MofResult) -> tuple[str, ...]:
    return (
        str(r.mof_class),
        r.progress_for(3).percent,
        r.progress_for(2).percent,
        r.progress_for(1).percent,
        r.blocked_by_text,
    )


def main() -> int:
    """Run the benchmark."""
    default = Path(
        os.environ.get("OPENGAUGE_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
    )
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    mot = shared / "data" / "mot"
    if not (mot / "derived" / "models.csv").is_file():
        print(f"no MOT data under {mot}", file=sys.stderr)
        return 2
    with (mot / "derived" / "models.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))

    direct_ok = pipeline_ok = class_ok = 0
    t0 = time.perf_counter()
    for row in rows:
        want = (
            row["mot_class"],
            row["progress_class3"],
            row["progress_class2"],
            row["progress_class1"],
            row["blocked_by"],
        )
        snap = load_declaration(mot / "models" / row["file"])
        assert snap.declaration is not None
        direct = evaluate_mot_record(snap.declaration)
        inventory = evaluate_inventory(components_from_declaration(snap, extract_declared(snap)))
        direct_ok += _key(direct) == want
        pipeline_ok += _key(inventory) == want
        class_ok += str(inventory.mof_class) == row["mot_class"]
    elapsed = time.perf_counter() - t0

    text = (mot / "Test_Data" / "expected_results.json").read_text(encoding="utf-8")
    cases = json.loads(re.sub(r",(\s*[}\]])", r"\1", text))["models"]
    by_name = {}
    for p in (mot / "Test_Data").glob("*.yml"):
        by_name[yaml.safe_load(p.read_text(encoding="utf-8"))["release"]["name"]] = p
    td_ok = 0
    for case in cases:
        res = evaluate_mot_record(yaml.safe_load(by_name[case["release"]["name"]].read_text()))
        want_c = case["classification"]
        td_ok += res.mof_class == want_c["class"] and all(
            abs(float(res.progress_for(k).fraction * 100) - float(want_c["progress"][str(k)]))
            < 1e-9
            for k in (1, 2, 3)
        )

    n = len(rows)
    print(f"MOT records: {n}")
    print(
        f"  direct   (class + 3 progress + blockers): {direct_ok}/{n} = {100 * direct_ok / n:.1f}%"
    )
    print(
        f"  pipeline (class + 3 progress + blockers): {pipeline_ok}/{n} = {100 * pipeline_ok / n:.1f}%"
    )
    print(f"  pipeline class only:                      {class_ok}/{n}")
    print(f"MOT Test_Data (class + 3 progress): {td_ok}/{len(cases)}")
    print(f"speed: {n / elapsed:.0f} records/s (load + extract + inventory + 2 classifications)")
    return 0 if direct_ok == pipeline_ok == n and td_ok == len(cases) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Rebuild the vendored Model Openness Tool data from an MOT checkout (a maintenance script).

Usage (from the repository root)::

    .venv/bin/python src/opengauge/data/mot/build.py [MOT_DATA_DIR] [--vendored-on YYYY-MM-DD]

``MOT_DATA_DIR`` defaults to ``../shared/data/mot`` (a copy of the upstream files at commit
``8b5d30e9``). The script is never imported by opengauge itself; it writes, next to itself:

* ``mot-openness.json``: the compact data the :mod:`opengauge.frameworks.mof` engine reads:
  - ``licenses``: every licence id the MOT knows, with its OSI-approved / FSF-libre /
    deprecated flags *as the tool bundles them*: the SPDX list the tool ships
    (``licenses.json``, v2024-05-21) with the tool's ``mof-licenses.json`` entries laid over it
    field by field (a field missing from the MOF entry keeps the SPDX value);
  - ``open_data_licenses``: the tool's hard-coded open-data list (open for any component);
  - ``extra_open_licenses``: ``OpenMDW-1.0``;
  - ``type_appropriate``: per content type, the ids the MOF list gives that type (for duplicated
    ids, the *last* MOF entry wins, as in the tool's importer: CC0-1.0 and CC-PDDC end up
    document-only);
  - ``components``: the 17 components (our slug, MOT id, exact MOT name, MOT description,
    content type, class, required).
* ``mof_schema.json``: the MOT's record schema, copied unchanged;
* ``LICENSE``: the MOT's MIT licence text;
* ``SOURCE.toml``: provenance with the sha256 of each vendored file and of each input.

If ``derived/licenses.csv`` and ``derived/components.csv`` are present (the independent
re-implementation's tables) the script cross-checks its result against them and fails loudly on
any difference.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

UPSTREAM_REPO = "https://github.com/lfai/model_openness_tool"
UPSTREAM_COMMIT = "8b5d30e90a7c62d7d6ece48b91e69ff495920a4d"
UPSTREAM_DATE = "2026-05-11"

# The tool's hard-coded list of open-data licences (open for every component type).
# Note ``ODC-PDDL-1.0`` is not an SPDX id (SPDX says ``PDDL-1.0``): kept as the tool has it.
OPEN_DATA_LICENSES: tuple[str, ...] = (
    "CC0-1.0",
    "CC-BY-1.0",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-2.5-AU",
    "CC-BY-3.0",
    "CC-BY-3.0-AT",
    "CC-BY-3.0-AU",
    "CC-BY-3.0-DE",
    "CC-BY-3.0-IGO",
    "CC-BY-3.0-NL",
    "CC-BY-3.0-US",
    "CC-BY-4.0",
    "CC-BY-SA-1.0",
    "CC-BY-SA-2.0",
    "CC-BY-SA-2.0-UK",
    "CC-BY-SA-2.1-JP",
    "CC-BY-SA-2.5",
    "CC-BY-SA-3.0",
    "CC-BY-SA-3.0-AT",
    "CC-BY-SA-4.0",
    "CDLA-Permissive-1.0",
    "CDLA-Permissive-2.0",
    "CDLA-Sharing-1.0",
    "ODC-PDDL-1.0",
    "ODC-By-1.0",
    "ODbL-1.0",
    "GFDL-1.3",
    "OGL-Canada-2.0",
    "OGL-UK-2.0",
    "OGL-UK-3.0",
)
EXTRA_OPEN_LICENSES: tuple[str, ...] = ("OpenMDW-1.0",)

# Our slug for each MOT component id (the MOT keys components by numeric id and exact name).
SLUGS: dict[int, str] = {
    9: "model_architecture",
    16: "data_preprocessing_code",
    7: "training_code",
    8: "inference_code",
    18: "evaluation_code",
    22: "supporting_libraries_and_tools",
    10: "model_parameters_final",
    24: "model_parameters_intermediate",
    15: "datasets",
    19: "evaluation_data",
    17: "model_metadata",
    20: "sample_model_outputs",
    13: "model_card",
    14: "data_card",
    11: "technical_report",
    21: "research_paper",
    12: "evaluation_results",
}

# The tool's component configuration (id, exact name, content type, class, required), in the
# tool's own order. Checked against derived/components.csv when present.
MOT_COMPONENTS: tuple[tuple[int, str, str, int, bool], ...] = (
    (9, "Model architecture", "code", 3, True),
    (16, "Data preprocessing code", "code", 1, True),
    (7, "Training code", "code", 2, True),
    (8, "Inference code", "code", 2, True),
    (18, "Evaluation code", "code", 2, True),
    (22, "Supporting libraries and tools", "code", 2, False),
    (10, "Model parameters (Final)", "data", 3, True),
    (24, "Model parameters (Intermediate)", "data", 1, True),
    (15, "Datasets", "data", 1, True),
    (19, "Evaluation data", "data", 2, True),
    (17, "Model metadata", "data", 1, False),
    (20, "Sample model outputs", "document", 3, False),
    (13, "Model card", "document", 3, True),
    (14, "Data card", "document", 3, True),
    (11, "Technical report", "document", 3, True),
    (21, "Research paper", "document", 1, True),
    (12, "Evaluation results", "document", 3, True),
)

OUT_JSON = "mot-openness.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def merge_licenses(spdx: dict[str, Any], mof: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Lay the MOF licence entries over the SPDX list, as the tool's importer does."""
    table: dict[str, dict[str, Any]] = {}
    for lic in spdx["licenses"]:
        table[lic["licenseId"]] = {
            "name": lic["name"],
            "osi": bool(lic.get("isOsiApproved", False)),
            "fsf": bool(lic.get("isFsfLibre", False)),
            "deprecated": bool(lic.get("isDeprecatedLicenseId", False)),
            "types": [],
        }
    for lic in mof["licenses"]:
        entry = table.setdefault(
            lic["licenseId"],
            {"name": lic["name"], "osi": False, "fsf": False, "deprecated": False, "types": []},
        )
        if "isOsiApproved" in lic:
            entry["osi"] = bool(lic["isOsiApproved"])
        if "isFsfLibre" in lic:
            entry["fsf"] = bool(lic["isFsfLibre"])
        if "isDeprecatedLicenseId" in lic:
            entry["deprecated"] = bool(lic["isDeprecatedLicenseId"])
        ctype = lic.get("ContentType")
        # Last entry wins: the importer overwrites the content type of a repeated id.
        entry["types"] = list(ctype) if isinstance(ctype, list) else [ctype] if ctype else []
    return table


def build_data(src: Path) -> dict[str, Any]:
    """Compute the compact data document from the upstream files in ``src``."""
    spdx = json.loads((src / "licenses.json").read_text(encoding="utf-8"))
    mof = json.loads((src / "mof-licenses.json").read_text(encoding="utf-8"))
    table = merge_licenses(spdx, mof)
    type_appropriate: dict[str, list[str]] = {"code": [], "data": [], "document": []}
    for lid, entry in table.items():
        for t in entry["types"]:
            type_appropriate[t].append(lid)
    descriptions = _descriptions(src)
    components = [
        {
            "id": SLUGS[mid],
            "mot_id": mid,
            "name": name,
            "description": descriptions.get(name, ""),
            "content_type": ctype,
            "mof_class": klass,
            "required": required,
        }
        for mid, name, ctype, klass, required in MOT_COMPONENTS
    ]
    return {
        "format": 1,
        "spdx_license_list_version": spdx["licenseListVersion"],
        "spdx_license_list_date": spdx["releaseDate"],
        "open_data_licenses": list(OPEN_DATA_LICENSES),
        "extra_open_licenses": list(EXTRA_OPEN_LICENSES),
        "type_appropriate": {k: sorted(v) for k, v in type_appropriate.items()},
        "components": components,
        "licenses": {
            lid: {k: e[k] for k in ("name", "osi", "fsf", "deprecated")}
            for lid, e in sorted(table.items())
        },
    }


def _descriptions(src: Path) -> dict[str, str]:
    """The fixed description the tool writes for each component (from the sample record)."""
    import yaml  # only needed by this maintenance script

    sample = yaml.safe_load((src / "schema" / "sample_model.yml").read_text(encoding="utf-8"))
    return {c["name"]: c["description"] for c in sample["release"]["components"]}


def counts_as_open(data: dict[str, Any], lid: str) -> bool:
    """The MOT's openness test (same rule as the engine; duplicated here for the cross-check)."""
    lic = data["licenses"].get(lid)
    return (
        (lic is not None and (lic["osi"] or lic["fsf"]))
        or lid in data["open_data_licenses"]
        or lid in data["extra_open_licenses"]
    )


def cross_check(data: dict[str, Any], src: Path) -> list[str]:
    """Compare with the independent re-implementation's tables; return the differences."""
    problems: list[str] = []
    lic_csv = src / "derived" / "licenses.csv"
    if lic_csv.exists():
        with lic_csv.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for row in rows:
            lid = row["license_id"]
            lic = data["licenses"].get(lid)
            if lic is None and lid not in data["open_data_licenses"]:
                problems.append(f"{lid}: in licenses.csv, not in our table")
                continue
            want_open = row["counts_as_open"] == "1"
            if counts_as_open(data, lid) != want_open:
                problems.append(f"{lid}: counts_as_open {want_open} expected")
            if lic is not None:
                if lic["osi"] != (row["osi_approved"] == "1"):
                    problems.append(f"{lid}: osi flag differs")
                if lic["fsf"] != (row["fsf_libre"] == "1"):
                    problems.append(f"{lid}: fsf flag differs")
            ours = sorted(t for t, ids in data["type_appropriate"].items() if lid in ids)
            theirs = sorted(t for t in row["type_appropriate_for"].split(";") if t)
            if ours != theirs:
                problems.append(f"{lid}: type-appropriate {ours} != {theirs}")
            if (row["on_open_data_list"] == "1") != (lid in data["open_data_licenses"]):
                problems.append(f"{lid}: open-data list membership differs")
        extra = set(data["licenses"]) - {r["license_id"] for r in rows}
        if extra:
            problems.append(f"ids not in licenses.csv: {sorted(extra)}")
    comp_csv = src / "derived" / "components.csv"
    if comp_csv.exists():
        with comp_csv.open(encoding="utf-8", newline="") as fh:
            theirs_c = [
                (
                    int(r["component_id"]),
                    r["component"],
                    r["content_type"],
                    int(r["mof_class"]),
                    r["required"] == "yes",
                )
                for r in csv.DictReader(fh)
            ]
        if theirs_c != list(MOT_COMPONENTS):
            problems.append("component table differs from derived/components.csv")
    return problems


def _dump(data: dict[str, Any]) -> str:
    """Readable, diff-friendly JSON: one licence per line."""
    lines = ["{"]
    keys = [k for k in data if k != "licenses"]
    for k in keys:
        if k == "components":
            lines.append('  "components": [')
            comps = [json.dumps(c, ensure_ascii=False) for c in data[k]]
            lines.extend(f"    {c}," for c in comps[:-1])
            lines.append(f"    {comps[-1]}")
            lines.append("  ],")
        else:
            lines.append(f"  {json.dumps(k)}: {json.dumps(data[k], ensure_ascii=False)},")
    lines.append('  "licenses": {')
    items = [
        f"    {json.dumps(lid, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
        for lid, v in data["licenses"].items()
    ]
    lines.append(",\n".join(items))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_source_toml(out: Path, src: Path, vendored_on: str) -> None:
    """Write the provenance file for everything in ``out``."""
    inputs = ["licenses.json", "mof-licenses.json", "schema/sample_model.yml"]
    outputs = {
        OUT_JSON: f"derived by build.py from {', '.join(inputs)}",
        "mof_schema.json": "copied unchanged from schema/mof_schema.json",
        "LICENSE": "copied unchanged from LICENSE",
    }
    lines = [
        "# Provenance of the vendored Model Openness Tool data. Regenerate with build.py.",
        "[upstream]",
        f'repository = "{UPSTREAM_REPO}"',
        f'commit = "{UPSTREAM_COMMIT}"',
        f'commit_date = "{UPSTREAM_DATE}"',
        'license = "MIT"',
        'copyright = "Copyright 2024 The Model Openness Tool Authors"',
        f'vendored_on = "{vendored_on}"',
        "",
    ]
    for name, how in outputs.items():
        lines += [
            "[[files]]",
            f'path = "{name}"',
            f'sha256 = "{_sha256(out / name)}"',
            f'how = "{how}"',
            "",
        ]
    for name in inputs:
        lines += [
            "[[inputs]]",
            f'path = "{name}"',
            f'sha256 = "{_sha256(src / name)}"',
            "",
        ]
    (out / "SOURCE.toml").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "src", nargs="?", type=Path, default=here.parents[3].parent / "shared" / "data" / "mot"
    )
    parser.add_argument("--vendored-on", default=dt.date.today().isoformat())
    args = parser.parse_args(argv)
    src: Path = args.src
    data = build_data(src)
    problems = cross_check(data, src)
    if problems:
        print("cross-check failed:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    (here / OUT_JSON).write_text(_dump(data), encoding="utf-8")
    shutil.copyfile(src / "schema" / "mof_schema.json", here / "mof_schema.json")
    shutil.copyfile(src / "LICENSE", here / "LICENSE")
    write_source_toml(here, src, args.vendored_on)
    n_open = sum(counts_as_open(data, lid) for lid in data["licenses"]) + sum(
        lid not in data["licenses"] for lid in data["open_data_licenses"]
    )
    print(
        f"wrote {OUT_JSON}: {len(data['licenses'])} licences, {n_open} open, "
        f"{len(data['components'])} components"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Benchmark licence-text identification: accuracy and texts per second, optionally vs ScanCode.

Usage::

    python bench/licenses_identify.py [--shared ../shared] [--spdx-dir DIR] [--scancode BIN] [-v]

Text sets:

* ``corpus``: every licence file in ``shared/corpus/*/`` (LICENSE*, *LICENSE*, USE_POLICY.md);
  expected ids from ``eval/labels-dev.csv`` (``license_file_id``) for dev folders and for the
  Llama use policies (kind ``aup``); the other files are identified and listed, not scored;
* ``licence-texts``: every file of ``shared/licence-texts`` (INDEX.csv gives the id), scored as
  is and leave-one-out (the file's own fingerprint removed from the references);
* ``spdx``: every SPDX licence text ScanCode ships (``--spdx-dir``, default: the
  ``licensedcode/data/licenses`` of a scancode-toolkit in /tmp/scvenv), re-wrapped to 60
  columns with curly quotes so that it is not byte-identical to the reference.

``--scancode /tmp/scvenv/bin/scancode`` also runs ScanCode (not a dependency; install it in a
separate venv: ``pip install scancode-toolkit 'pluggy<1.6'``) on the corpus and licence-texts
files and prints its accuracy and wall time next to ours.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from opengauge.licenses import identify_text, knowledge_base  # noqa: E402
from opengauge.licenses.identify import fingerprint_index  # noqa: E402

SCVENV_DATA = Path("/tmp/scvenv/lib/python3.11/site-packages/licensedcode/data/licenses")
YAML_TO_ID = {
    "falcon-llm-1.0": "LicenseRef-tii-falcon-1.0",
    "falcon-2-11b-tii-1.0": "LicenseRef-falcon2-11b-license",
    "dbrx-open-model-license": "LicenseRef-databricks-open-model-license",
    "gpl-3.0": "GPL-3.0-only",
}


def canonical(value: str) -> str:
    """Our canonical id for a yaml id / SPDX id / ScanCode key or expression."""
    kb = knowledge_base()
    if value in YAML_TO_ID:
        return YAML_TO_ID[value]
    e = kb.exact_id(value) or kb.alias(value)
    if e is None and value.startswith("LicenseRef-scancode-"):
        e = kb.alias(value.removeprefix("LicenseRef-scancode-"))
    return kb.canonical(e).id if e else value


# Held-out corpus folders have no labels here; these ids come from each file's own title lines
# (read by hand), so that every corpus licence file is scored.
TITLE_IDS = {
    ("LLM360__CrystalCoder", "LICENSE"): "Apache-2.0",
    ("deepseek-ai__DeepSeek-V3", "LICENSE-CODE"): "MIT",
    ("deepseek-ai__DeepSeek-V3", "LICENSE-MODEL"): "LicenseRef-deepseek",
    ("meta-llama__Llama-2-7b-hf", "LICENSE.txt"): "llama2",
    ("meta-llama__Llama-3.1-8B", "LICENSE"): "llama3.1",
    ("stabilityai__stable-diffusion-xl-base-1.0", "LICENSE.md"): "openrail++",
}

Item = tuple[str, str, str, str | None]  # (set, path, text, expected id or None)


def corpus_items(shared: Path) -> list[Item]:
    """Licence files of the corpus with their expected ids where labelled."""
    expected: dict[tuple[str, str], str] = {}
    labels = shared / "eval" / "labels-dev.csv"
    with labels.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for part in filter(None, row["license_file_id"].split(";")):
                name, lid = part.split("=", 1)
                expected[(row["folder"], name)] = lid
    pat = re.compile(r"licen[cs]e|use_policy", re.I)
    out: list[Item] = []
    for d in sorted((shared / "corpus").iterdir()):
        if not d.is_dir():
            continue
        for f in sorted(d.iterdir()):
            if f.is_file() and pat.search(f.name):
                exp = expected.get((d.name, f.name)) or TITLE_IDS.get((d.name, f.name))
                if f.name == "USE_POLICY.md":
                    m = re.search(r"Llama-?(2|3\.1|3\.2|3)-", d.name)
                    v = {"2": "llama2", "3": "llama3", "3.1": "llama3.1", "3.2": "llama3.2"}
                    exp = f"aup:{v[m.group(1)]}" if m else None
                out.append(("corpus", str(f), f.read_text(encoding="utf-8", errors="replace"), exp))
    return out


def licence_text_items(shared: Path) -> list[Item]:
    """Every licence-texts file with its expected id (``aup:`` prefix for use policies)."""
    base = shared / "licence-texts"
    out: list[Item] = []
    with (base / "INDEX.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            exp = canonical(row["spdx"] or row["id"])
            if row["variant"].startswith("aup-"):
                exp = f"aup:{exp}"
            text = (base / row["path"]).read_text(encoding="utf-8")
            out.append(("licence-texts", str(base / row["path"]), text, exp))
    return out


def _mutate(text: str) -> str:
    paras = re.split(r"\n\s*\n", text)
    wrapped = "\n\n".join(
        textwrap.fill(" ".join(p.split()), 60, break_long_words=False, break_on_hyphens=False)
        for p in paras
    )
    return re.sub(r'"([^"\n]{1,80})"', "\u201c\\1\u201d", wrapped)


def spdx_items(spdx_dir: Path) -> list[Item]:
    """SPDX texts from ScanCode's licence data, re-wrapped with curly quotes."""
    kb = knowledge_base()
    out: list[Item] = []
    for f in sorted(spdx_dir.glob("*.LICENSE")):
        raw = f.read_text(encoding="utf-8")
        if "\n---\n" not in raw:
            continue
        head, body = raw.split("\n---\n", 1)
        m = re.search(r"^spdx_license_key: (.+)$", head, re.M)
        if not m or m.group(1).startswith("LicenseRef") or "is_exception: yes" in head:
            continue
        e = kb.get(m.group(1).strip())
        if e is None or e.deprecated or len(body.split()) < 8:
            continue
        out.append(("spdx", str(f), _mutate(body), e.id))
    return out


def _got(text: str) -> str | None:
    m = identify_text(text)
    if m.license is None:
        return None
    return f"aup:{m.license}" if m.kind == "aup" else m.license


def _same_text_ids() -> dict[str, frozenset[str]]:
    """SPDX ids whose reference texts are identical to another id's (counted as equivalent)."""
    by_set: dict[frozenset[int], set[str]] = {}
    for r in fingerprint_index().refs:
        by_set.setdefault(r.hashes, set()).add(r.id)
    out: dict[str, frozenset[str]] = {}
    for ids in by_set.values():
        for i in ids:
            out[i] = frozenset(ids)
    return out


def run_ours(items: list[Item], workers: int) -> tuple[list[str | None], float]:
    """Identify every text; returns results and wall seconds."""
    texts = [t for _, _, t, _ in items]
    t0 = time.perf_counter()
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=fingerprint_index) as ex:
            got = list(ex.map(_got, texts, chunksize=16))
    else:
        got = [_got(t) for t in texts]
    return got, time.perf_counter() - t0


def run_scancode(binary: str, items: list[Item], workers: int) -> tuple[list[str | None], float]:
    """ScanCode's primary detection per file (mapped to our ids) and its wall time."""
    with tempfile.TemporaryDirectory() as tmp:
        tdir = Path(tmp)
        for i, (_, _, text, _) in enumerate(items):
            (tdir / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        out = tdir / "out.json"
        t0 = time.perf_counter()
        subprocess.run(
            [binary, "--license", "--json", str(out), "-n", str(workers), "--quiet", str(tdir)],
            check=True,
            capture_output=True,
        )
        dt = time.perf_counter() - t0
        data = json.loads(out.read_text(encoding="utf-8"))
    res: dict[int, str | None] = {}
    for f in data.get("files", []):
        name = Path(f["path"]).name
        if not re.fullmatch(r"\d{5}\.txt", name):
            continue
        expr = f.get("detected_license_expression_spdx") or f.get("detected_license_expression")
        if not expr:
            res[int(name[:5])] = None
            continue
        first = re.split(r"\s+(?:AND|OR|WITH)\s+|[()]", expr)
        first = [x for x in first if x.strip()]
        key = first[0].strip() if first else expr
        res[int(name[:5])] = canonical(key)
    return [res.get(i) for i in range(len(items))], dt


def score(
    items: list[Item], got: list[str | None], same: dict[str, frozenset[str]]
) -> tuple[int, int]:
    """(correct, scored) over items that have an expected id."""
    ok = n = 0
    for (_, _, _, exp), g in zip(items, got, strict=True):
        if exp is None:
            continue
        n += 1
        if g == exp or (g and exp in same.get(g, frozenset())):
            ok += 1
    return ok, n


def main() -> int:
    """Entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(os.environ.get("OPENGAUGE_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--shared", type=Path, default=default)
    ap.add_argument("--spdx-dir", type=Path, default=SCVENV_DATA)
    ap.add_argument("--scancode", default=None, help="path to a scancode executable")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    fingerprint_index()
    print(
        f"reference index loaded in {time.perf_counter() - t0:.2f} s "
        f"({len(fingerprint_index().refs)} fingerprints)"
    )
    sets = {"corpus": corpus_items(args.shared), "licence-texts": licence_text_items(args.shared)}
    if args.spdx_dir.is_dir():
        sets["spdx"] = spdx_items(args.spdx_dir)
    else:
        print(f"(no SPDX texts: {args.spdx_dir} not found)")
    same = _same_text_ids()
    total_items: list[Item] = [it for items in sets.values() for it in items]
    for name, items in sets.items():
        got, dt = run_ours(items, 1)
        ok, n = score(items, got, same)
        print(
            f"{name:14s} {len(items):4d} texts  accuracy {ok}/{n} ({100 * ok / max(n, 1):.1f}%)  "
            f"{len(items) / dt:7.1f} texts/s (1 process)"
        )
        for (_, path, _, exp), g in zip(items, got, strict=True):
            wrong = exp is not None and g != exp and not (g and exp in same.get(g, frozenset()))
            if wrong or (args.verbose and name == "corpus"):
                print(f"    {'WRONG' if wrong else 'ok   '} {path}: {g} (expected {exp})")
    lt = sets["licence-texts"]
    idx = fingerprint_index()
    loo_ok = loo_unknown = 0
    for _, path, text, exp in lt:
        rel = Path(path).relative_to(args.shared / "licence-texts")
        m = idx.identify(text, exclude=frozenset({str(rel.with_suffix(""))}))
        g = (f"aup:{m.license}" if m.kind == "aup" else m.license) if m.license else None
        loo_ok += g == exp
        loo_unknown += g is None
    print(
        f"licence-texts leave-one-out: {loo_ok}/{len(lt)} still right, {loo_unknown} unknown, "
        f"{len(lt) - loo_ok - loo_unknown} wrong (texts whose only copy was removed should be unknown)"
    )
    _, dt_all = run_ours(total_items, args.workers)
    print(
        f"all {len(total_items)} texts with {args.workers} processes: {dt_all:.2f} s, "
        f"{len(total_items) / dt_all:.1f} texts/s"
    )
    if args.scancode:
        sc_items = sets["corpus"] + sets["licence-texts"]
        ours, dt_ours = run_ours(sc_items, args.workers)
        sc, dt_sc = run_scancode(args.scancode, sc_items, args.workers)
        sc_plain = list(sc)
        ours_plain = [g.removeprefix("aup:") if g else g for g in ours]
        exp_plain: list[Item] = [
            (a, b, c, d.removeprefix("aup:") if d else d) for a, b, c, d in sc_items
        ]
        ok_o, n = score(exp_plain, ours_plain, same)
        ok_s, _ = score(exp_plain, sc_plain, same)
        print(
            f"ScanCode vs opengauge on the same {len(sc_items)} files "
            f"(ids only, AUPs count as their licence's id):"
        )
        print(
            f"  ScanCode : {ok_s}/{n} right, {dt_sc:.1f} s wall ({len(sc_items) / dt_sc:.2f} texts/s)"
        )
        print(
            f"  opengauge: {ok_o}/{n} right, {dt_ours:.2f} s wall ({len(sc_items) / dt_ours:.1f} texts/s)"
            f"  -> {dt_sc / dt_ours:.0f}x faster"
        )
        for (_, path, _, exp), g in zip(exp_plain, sc_plain, strict=True):
            if exp and g != exp and args.verbose:
                print(f"    ScanCode {path}: {g} (expected {exp})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Write docs/criteria/<ID>.md (and README.md) from the framework catalogues.

Usage: python scripts/gen_criteria_docs.py [--check]
With --check, exit 1 when a page is missing, stale or extra (the test suite runs this check).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opengauge.frameworks.catalogue import load_frameworks, render_index, render_markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "criteria"


def expected() -> dict[str, str]:
    """File name -> content of every generated page."""
    fws = load_frameworks()
    pages = {f"{c.id}.md": render_markdown(fw, c) for fw in fws for c in fw.criteria}
    pages["README.md"] = render_index(fws)
    return pages


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    pages = expected()
    present = {p.name for p in DOCS.glob("*.md")} if DOCS.is_dir() else set()
    stale = sorted(n for n, text in pages.items()
                   if not (DOCS / n).is_file() or (DOCS / n).read_text("utf-8") != text)
    extra = sorted(present - set(pages))
    if args.check:
        for n in stale:
            print(f"stale or missing: docs/criteria/{n}")
        for n in extra:
            print(f"not generated from a catalogue: docs/criteria/{n}")
        return 1 if stale or extra else 0
    DOCS.mkdir(parents=True, exist_ok=True)
    for n in stale:
        (DOCS / n).write_text(pages[n], encoding="utf-8")
    for n in extra:
        (DOCS / n).unlink()
    print(f"{len(stale)} page(s) written, {len(extra)} removed, {len(pages)} in total")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Write docs/findings.md from the finding catalogue (src/opengauge/data/findings/findings.yaml).

Usage: python scripts/gen_findings_docs.py [--check]
With --check, exit 1 when the page is missing or stale (the test suite runs the same check).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from opengauge.findings import render_markdown  # noqa: E402

PAGE = ROOT / "docs" / "findings.md"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = render_markdown()
    fresh = PAGE.is_file() and PAGE.read_text("utf-8") == text
    if args.check:
        if not fresh:
            print("stale or missing: docs/findings.md (run scripts/gen_findings_docs.py)")
        return 0 if fresh else 1
    if not fresh:
        PAGE.write_text(text, encoding="utf-8")
        print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

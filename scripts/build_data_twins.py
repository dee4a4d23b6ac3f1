#!/usr/bin/env python3
"""Write the JSON twin of every bundled YAML data file (``x.yaml`` -> ``x.twin.json``).

The YAML files stay the source of truth (they carry the comments and provenance); a twin holds
the same parsed data plus the SHA-256 of the YAML bytes it was made from, and
``opengauge.yamlio.load_data`` uses it only when that checksum still matches. Run after editing
any data file under ``src/opengauge/data/{licenses,frameworks,lineage,findings}/``::

    python scripts/build_data_twins.py          # rewrite the twins (and SOURCE.toml checksums)
    python scripts/build_data_twins.py --check  # exit 1 when a twin is missing or stale
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from opengauge import yamlio  # noqa: E402

DATA = ROOT / "src" / "opengauge" / "data"
FOLDERS = ("licenses", "frameworks", "lineage", "findings")
"""The data folders the runtime reads through ``yamlio.load_data``."""


def sources() -> list[Path]:
    """Every YAML data file that has (or should have) a twin."""
    return sorted(p for folder in FOLDERS for p in (DATA / folder).glob("*.yaml"))


def expected(path: Path) -> bytes:
    """The twin ``path`` should have."""
    raw = path.read_bytes()
    return yamlio.twin_document(path.name, raw, yamlio.load(raw.decode("utf-8")))


def record_checksum(file: Path) -> bool:
    """Set ``file``'s checksum in its folder's ``SOURCE.toml`` when that file keeps a
    ``[files]`` table of ``"name" = "sha256"`` lines as its last table (the licence data does):
    the line is replaced where it stands, or added at the end. True when the file changed."""
    source = file.parent / "SOURCE.toml"
    if not source.is_file():
        return False
    text = source.read_text(encoding="utf-8")
    if "\n[files]\n" not in text or "\n[" in text.split("\n[files]\n", 1)[1]:
        return False
    line = f'"{file.name}" = "{hashlib.sha256(file.read_bytes()).hexdigest()}"'
    lines = text.splitlines()
    if line in lines:
        return False
    at = [i for i, ln in enumerate(lines) if ln.startswith(f'"{file.name}" =')]
    if at:
        lines[at[0]] = line
        lines = [ln for i, ln in enumerate(lines) if i not in at[1:]]
    else:
        lines.append(line)
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return True


def record_yaml_checksum(path: Path) -> bool:
    """Set the YAML file's checksum where its folder's ``SOURCE.toml`` lists it: as a
    ``[[files]]`` entry (``path = "x.yaml"`` then ``sha256 = "..."``, as the framework
    catalogues do) or, through :func:`record_checksum`, as ``"x.yaml" = "..."`` in a ``[files]``
    table (the licence data). True when the file changed."""
    source = path.parent / "SOURCE.toml"
    if not source.is_file():
        return False
    lines = source.read_text(encoding="utf-8").splitlines()
    if any(ln.startswith(f'"{path.name}" = "') for ln in lines):
        return record_checksum(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    changed = False
    for i, ln in enumerate(lines[:-1]):
        if ln == f'path = "{path.name}"' and lines[i + 1].startswith("sha256 = "):
            want = f'sha256 = "{digest}"'
            if lines[i + 1] != want:
                lines[i + 1] = want
                changed = True
    if changed:
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="only report missing or stale twins")
    args = ap.parse_args()
    bad = 0
    for path in sources():
        twin = path.with_name(yamlio.twin_name(path.name))
        want = expected(path)
        if not (twin.is_file() and twin.read_bytes() == want):
            if args.check:
                print(f"stale or missing twin: {twin.relative_to(ROOT)}")
                bad += 1
                continue
            twin.write_bytes(want)
            print(f"wrote {twin.relative_to(ROOT)}")
        if not args.check and record_checksum(twin):
            print(f"recorded its checksum in {(twin.parent / 'SOURCE.toml').relative_to(ROOT)}")
        if not args.check and record_yaml_checksum(path):
            print(f"recorded {path.name}'s checksum in "
                  f"{(path.parent / 'SOURCE.toml').relative_to(ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Build opengauge's compiled wheel offline and unpack it into a folder to put on PYTHONPATH.

The wheel is the one ``pip install .`` builds (``hatch_build.py`` compiles the core with
mypyc), built without build isolation so that it needs no network: the running interpreter
must have hatchling, mypy and setuptools (the test extras install them). A failed compile is
an error here (``OPENGAUGE_REQUIRE_COMPILED=1``), never a silent pure-Python wheel. Used by the
test that compares compiled and interpreted reports and by ``bench/assess_corpus.py
--compiled``. Usage:

    python scripts/build_compiled.py DEST      # prints DEST once it holds the package
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_wheel(wheel_dir: Path, env: Mapping[str, str]) -> tuple[Path, str]:
    """Build the wheel into ``wheel_dir`` offline, with ``env`` added to the environment; (the
    wheel, pip's verbose output, which holds the build hook's messages). SystemExit on failure."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-build-isolation", "--no-deps",
         "--no-index", "--wheel-dir", str(wheel_dir), "-v"],
        env={**os.environ, **env}, capture_output=True, text=True, check=False)
    wheels = sorted(wheel_dir.glob("opengauge-*.whl"))
    if proc.returncode != 0 or len(wheels) != 1:
        raise SystemExit(f"building the wheel failed:\n{proc.stdout[-5000:]}{proc.stderr[-3000:]}")
    return wheels[0], proc.stdout + proc.stderr


def build(dest: Path) -> Path:
    """Build the compiled wheel and unpack it into ``dest``; raises SystemExit on failure."""
    with tempfile.TemporaryDirectory(prefix="opengauge-wheel-") as tmp:
        wheel, _ = build_wheel(Path(tmp), {"OPENGAUGE_REQUIRE_COMPILED": "1", "OPENGAUGE_PURE": ""})
        with zipfile.ZipFile(wheel) as whl:
            whl.extractall(dest)
    if not any(p.name.endswith((".so", ".pyd")) for p in dest.glob("opengauge/pipeline.*")):
        raise SystemExit(f"the wheel unpacked into {dest} holds no compiled pipeline module")
    return dest


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    dest = Path(sys.argv[1])
    dest.mkdir(parents=True, exist_ok=True)
    print(build(dest))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Wheel build hook: compile opengauge's pure core to C extensions with mypyc.

The core (evidence extraction, licences, frameworks, inventory, the JSON exporter) is typed
Python checked by ``mypy --strict``; mypyc turns those modules into C extensions that run the
same code with a sixth fewer CPU instructions per snapshot (``bench/instructions.py``: 48.8 M
interpreted, 41.1 M compiled). Timed at the same moment on this VM, a ``--jobs 2`` batch gives
10-25% more snapshots per second.

- A wheel (``pip install .``) is compiled; an editable install (``pip install -e .``) is not,
  so that an edit to a module takes effect at once. The ``.py`` files ship beside the
  extensions; Python imports the extension when both are there.
- The modules to compile are listed in ``pyproject.toml`` (``[tool.hatch.build.hooks.custom]``):
  the CLI, the Hub client and the YAML loaders stay interpreted (the loaders subclass PyYAML's
  classes, which a compiled class cannot do; the others are I/O-bound).
- The build never fails for want of a compiler: when mypyc or the C compiler fails, the hook
  says why and the wheel is pure Python (same reports, slower). ``OPENGAUGE_PURE=1`` asks for a
  pure wheel; ``OPENGAUGE_REQUIRE_COMPILED=1`` turns a failed compile into a failed build (the
  test that checks compiled and interpreted reports agree sets it).
- ``opengauge version`` says which kind is installed.

Compilation runs on a copy of ``src/`` in a temporary folder, so the source tree never holds
stale extensions; the copy is removed once the wheel is written.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="opengauge-core",
    package_dir={{"": "src"}},
    ext_modules=mypycify(
        ["--config-file", {config!r}, *{modules!r}],
        # level 1 ran as fast as level 2 (bench/stages.py, one pair of runs) and compiled in
        # 61 s against 97 s on two cores; the default, 3, was not tried
        opt_level="1",
        multi_file=True,
        group_name="opengauge",
    ),
)
"""


class CompileError(Exception):
    """mypyc or the C compiler failed; the message says where."""


def core_modules(src: Path, include: list[str], exclude: list[str]) -> list[str]:
    """Paths (relative to ``src``'s parent, sorted) of the modules to compile: the ``include``
    globs (relative to ``src``) less the ``exclude`` globs and package ``__init__`` files."""
    def expand(patterns: list[str]) -> set[str]:
        return {os.path.relpath(p, src) for pat in patterns
                for p in glob.glob(str(src / pat), recursive=True)}

    chosen = expand(include) - expand(exclude)
    return sorted(f"src/{p}" for p in chosen if p.endswith(".py") and not p.endswith("__init__.py"))


def compile_core(root: Path, work: Path, include: list[str], exclude: list[str]) -> dict[str, str]:
    """Compile the chosen modules of ``root/src`` in ``work``; {built file: path in the wheel}."""
    src = work / "src"
    shutil.copytree(root / "src", src,
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "*.pyc"))
    modules = core_modules(src, include, exclude)
    if not modules:
        raise CompileError("no modules matched the include patterns")
    (work / "setup.py").write_text(_SETUP.format(config=str(root / "pyproject.toml"),
                                                 modules=modules), encoding="utf-8")
    out = work / "out"
    env = {**os.environ, "MYPYPATH": str(src)}
    try:
        proc = subprocess.run(
            [sys.executable, "setup.py", "build_ext", "--build-lib", str(out),
             "--build-temp", str(work / "tmp")],
            cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    except OSError as exc:
        raise CompileError(f"could not run the compiler: {exc}") from exc
    if proc.returncode != 0:
        log = [line for line in proc.stdout.decode("utf-8", "replace").strip().splitlines()
               if "warning: Treating generator comprehension as list" not in line]
        raise CompileError("\n".join(log[-25:]))
    suffixes = (".so", ".pyd")
    built = {str(p): p.relative_to(out).as_posix() for p in sorted(out.rglob("*"))
             if p.name.endswith(suffixes)}
    expected = {m.removeprefix("src/").removesuffix(".py") for m in modules}
    missing = expected - {rel.split(".", 1)[0] for rel in built.values()}
    if missing:
        raise CompileError(f"no extension was built for {', '.join(sorted(missing))}")
    return built


class CompileCoreHook(BuildHookInterface[Any]):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._work: str | None = None
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("OPENGAUGE_PURE"):
            self.app.display_info("opengauge: OPENGAUGE_PURE is set; building a pure-Python wheel")
            return
        self._work = tempfile.mkdtemp(prefix="opengauge-mypyc-")
        self.app.display_info("opengauge: compiling the core with mypyc (about a minute)")
        try:
            built = compile_core(Path(self.root), Path(self._work),
                                 list(self.config.get("compile", [])),
                                 list(self.config.get("interpret", [])))
        except CompileError as exc:
            if os.environ.get("OPENGAUGE_REQUIRE_COMPILED"):
                raise
            self.app.display_warning(
                "opengauge: compiling the core failed, so this wheel is pure Python (the same "
                "reports, a little slower; compiling needs a C compiler and Python's headers). "
                f"The compiler's last words:\n{exc}")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"].update(built)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work: str | None = getattr(self, "_work", None)
        if work:
            shutil.rmtree(work, ignore_errors=True)

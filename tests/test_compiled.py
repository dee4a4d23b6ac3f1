"""The compiled wheel (``pip install .``: the core compiled by mypyc, see hatch_build.py) gives
the same reports as the interpreted modules, and the whole suite passes on it.

The wheel is built offline without build isolation (scripts/build_compiled.py, about a minute on
two cores) and unpacked into a folder put first on PYTHONPATH. Skips cleanly where there is no C
compiler or no mypyc, or inside the suite's own run on the compiled modules.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import CORPUS, ROOT

_INNER = "OPENGAUGE_TEST_COMPILED_TREE"


def _load_builder() -> ModuleType:
    """scripts/build_compiled.py (a script, not a package module): builds the wheel offline."""
    spec = importlib.util.spec_from_file_location("build_compiled",
                                                  ROOT / "scripts" / "build_compiled.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_BUILDER = _load_builder()

pytestmark = pytest.mark.skipif(bool(os.environ.get(_INNER)),
                                reason="this is the suite's run on the compiled modules")

_REPORTS = """
import sys
from pathlib import Path
import opengauge
from opengauge import api
from opengauge.errors import OpengaugeError
assert opengauge.compiled() == (sys.argv[1] == "compiled"), opengauge.compiled()
out = open(sys.argv[2], "wb")
counts = [0, 0]
for d in sys.argv[3:]:
    try:
        report = api.assess(d)
    except OpengaugeError as exc:  # the invalid declaration fixtures: the same message
        out.write(f"{type(exc).__name__}: {exc}\\n".encode("utf-8"))
        counts[1] += 1
        continue
    counts[0] += 1
    out.write(api.export_line_bytes(report) + b"\\n")
    out.write(api.export(report, "markdown").encode("utf-8"))
print(*counts)
"""


def _can_compile() -> str | None:
    """Why the wheel cannot be compiled here, or None."""
    try:
        import hatchling  # noqa: F401
        import mypyc  # noqa: F401
        import setuptools  # noqa: F401
    except ImportError as exc:
        return f"no build tools ({exc.name}); the test extras install them"
    compiler = (sysconfig.get_config_var("CC") or "cc").split()  # (e.g. "gcc -pthread")
    if not compiler or shutil.which(compiler[0]) is None:
        return "no C compiler"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "no Python headers"
    return None


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    why = _can_compile()
    if why:
        pytest.skip(why)
    yield _BUILDER.build(tmp_path_factory.mktemp("compiled"))


def _env(path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(path), _INNER: "1"}


def _targets() -> list[str]:
    dirs = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
    dirs += sorted(p for p in (ROOT / "tests" / "fixtures" / "declarations").rglob("*")
                   if p.suffix in {".yml", ".yaml", ".json"})
    if CORPUS.is_dir():
        dirs += sorted(p for p in CORPUS.iterdir() if p.is_dir())
    return [str(p) for p in dirs]


def test_the_compiled_wheel_gives_the_interpreted_reports(tree: Path, tmp_path: Path) -> None:
    targets = _targets()
    outs, counts = {}, {}
    for kind, path in (("compiled", tree), ("interpreted", ROOT / "src")):
        out = tmp_path / f"{kind}.txt"
        proc = subprocess.run([sys.executable, "-c", _REPORTS, kind, str(out), *targets],
                              env=_env(path), capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr[-3000:]
        outs[kind], counts[kind] = out.read_bytes(), proc.stdout.split()
    reports, errors = map(int, counts["compiled"])
    assert reports + errors == len(targets) and reports > errors
    assert outs["compiled"] == outs["interpreted"]


def test_the_whole_suite_passes_on_the_compiled_wheel(tree: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-x",
                           str(ROOT / "tests")], cwd=ROOT, env=_env(tree),
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout


@pytest.mark.parametrize("env", [{"CC": "false"}, {"OPENGAUGE_PURE": "1"}], ids=["no-compiler", "asked"])
def test_a_wheel_that_cannot_or_need_not_be_compiled_is_pure_python(env: dict[str, str],
                                                                     tmp_path: Path) -> None:
    why = _can_compile()  # (the build needs hatchling, as without a compiler)
    if why:
        pytest.skip(why)
    wheel, log = _BUILDER.build_wheel(tmp_path, env)
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as whl:
        names = whl.namelist()
    assert "opengauge/pipeline.py" in names and not [n for n in names if n.endswith((".so", ".pyd"))]
    if "CC" in env:  # the build says why, and how far the compiler got
        assert "compiling the core failed, so this wheel is pure Python" in log
        assert "error: command '" in log and "false' failed with exit code 1" in log
    else:
        assert "OPENGAUGE_PURE is set" in log

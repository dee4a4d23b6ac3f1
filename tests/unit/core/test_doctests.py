"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import opengauge

MODULES = sorted(m.name for m in pkgutil.walk_packages(opengauge.__path__, "opengauge."))


@pytest.mark.skipif(opengauge.compiled(), reason="compiled modules keep no doctests (the "
                    "interpreted run of the suite runs them)")
def test_some_modules_have_examples() -> None:
    finder = doctest.DocTestFinder()
    with_examples = [name for name in MODULES
                     if any(t.examples for t in finder.find(importlib.import_module(name)))]
    assert "opengauge.visible" in with_examples and len(with_examples) >= 5


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"

"""fast_init must give each frozen dataclass an __init__ with the generated one's signature and
effect, and keep the class frozen."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import types
from typing import Any

import pytest

import opengauge
from opengauge.model.evidence import EvidenceKind, Provenance, make_evidence
from opengauge.model.frozen import REPLACED, fast_init


def _all_replaced() -> dict[type[Any], Any]:
    for mod in pkgutil.walk_packages(opengauge.__path__, "opengauge."):
        if ".web" not in mod.name:
            importlib.import_module(mod.name)
    return dict(REPLACED)


def _sample_args(cls: type[Any]) -> dict[str, Any]:
    """A distinct marker object for every init field without a default, and for some with one."""
    out: dict[str, Any] = {}
    for i, f in enumerate(dataclasses.fields(cls)):
        if not f.init:
            continue
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        if not has_default or i % 2:
            out[f.name] = (f.name, object())
    return out


def _state(obj: object) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)  # type: ignore[arg-type]
            if hasattr(obj, f.name)}


_HOT = {"Evidence", "Provenance", "CriterionResult", "Outcome", "Component", "Segment",
        "Statement", "Link", "Section", "FileEntry", "ComponentResult"}


@pytest.mark.skipif(opengauge.compiled(), reason="compiled, the hot classes are native (next test)")
def test_every_hot_value_class_uses_it() -> None:
    names = {c.__name__ for c in _all_replaced()}
    assert names >= _HOT


@pytest.mark.skipif(not opengauge.compiled(), reason="interpreted, fast_init replaces their __init__")
def test_compiled_the_hot_value_classes_are_native_and_still_frozen() -> None:
    """A native class's own __init__ (direct stores) is kept; it is still a frozen dataclass."""
    from opengauge.evidence.cardbody import Link, Section, Statement
    from opengauge.frameworks.context import Outcome
    from opengauge.frameworks.mof import ComponentResult
    from opengauge.licenses._text import Segment
    from opengauge.model.evidence import Evidence
    from opengauge.model.report import Component, CriterionResult
    from opengauge.model.snapshot import FileEntry

    classes = {c.__name__: c for c in (Evidence, Provenance, CriterionResult, Outcome, Component,
                                       Segment, Statement, Link, Section, FileEntry, ComponentResult)}
    assert set(classes) == _HOT
    for cls in classes.values():
        assert not isinstance(cls.__dict__["__init__"], types.FunctionType), cls
        assert cls not in REPLACED and dataclasses.is_dataclass(cls)
    p = Provenance(repo="r", revision="v", file="f", locator="L1", extractor="x/1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.file = "g"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Provenance(repo="r")  # type: ignore[call-arg]


_CLASSES = sorted(_all_replaced(), key=lambda c: c.__qualname__)


@pytest.mark.parametrize("cls", _CLASSES, ids=[c.__qualname__ for c in _CLASSES])
def test_same_signature_and_same_values(cls: type[Any]) -> None:
    original = REPLACED[cls]
    assert str(inspect.signature(cls.__init__)) == str(inspect.signature(original))
    args = _sample_args(cls)
    fast, slow = object.__new__(cls), object.__new__(cls)
    cls.__init__(fast, **args)
    original(slow, **args)
    assert _state(fast) == _state(slow)
    for f in dataclasses.fields(cls):  # default factories give fresh objects each time
        if f.default_factory is not dataclasses.MISSING and f.name not in args:
            assert getattr(fast, f.name) is not getattr(slow, f.name) or getattr(fast, f.name) == ()


def test_still_frozen_and_equal() -> None:
    p = Provenance(repo="r", revision="v", file="f", locator="L1", extractor="x/1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.file = "g"  # type: ignore[misc]
    assert p == dataclasses.replace(p) and hash(p) == hash(dataclasses.replace(p))
    e = make_evidence(kind=EvidenceKind.FILE, key="k", value="v", repo="r", revision="v", file="f",
                      locator="L1", extractor="x/1", attrs=[("b", "2"), ("a", "1")])
    assert e.attrs == (("a", "1"), ("b", "2")) and e.provenance.line == 1
    with pytest.raises(TypeError):
        make_evidence(kind=EvidenceKind.FILE, key="k")  # type: ignore[call-arg]


def test_positional_defaults_factories_and_refusals() -> None:
    @fast_init
    @dataclasses.dataclass(frozen=True, slots=True)
    class Mixed:
        a: int
        b: int = 2
        c: list[int] = dataclasses.field(default_factory=list)
        d: int = dataclasses.field(default=4, kw_only=True)
        e: int = dataclasses.field(default=5, init=False)

    m = Mixed(1)
    assert (m.a, m.b, m.c, m.d, m.e) == (1, 2, [], 4, 5)
    assert Mixed(1).c is not m.c
    assert Mixed(1, 3, [9], d=7) == Mixed(a=1, b=3, c=[9], d=7)
    assert str(inspect.signature(Mixed.__init__)) == str(inspect.signature(REPLACED[Mixed]))
    with pytest.raises(TypeError):
        Mixed(1, 2, [], 4)  # type: ignore[call-arg]

    with pytest.raises(TypeError):
        @fast_init
        @dataclasses.dataclass(slots=True)
        class NotFrozen:
            a: int

    with pytest.raises(TypeError):
        @fast_init
        @dataclasses.dataclass(frozen=True, slots=True)
        class WithPost:
            a: int

            def __post_init__(self) -> None:
                pass

    with pytest.raises(TypeError):
        @fast_init
        @dataclasses.dataclass(frozen=True)
        class NoSlots:
            a: int

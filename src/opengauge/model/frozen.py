"""A faster ``__init__`` for frozen, slotted dataclasses: same signature, same effect.

A frozen dataclass's generated ``__init__`` stores each field with ``object.__setattr__``
(it must get past the ``__setattr__`` that refuses changes). In CPython 3.11 that call costs
about 2,000 machine instructions a field: the attribute lookup on ``object``, an argument tuple
and a slice of it. Storing through the field's slot descriptor directly costs half that. An
assessment builds about 500 frozen values (evidence, provenance, criterion results...), so this
is some 6 % of the per-snapshot work.

:func:`fast_init` leaves everything else as :func:`dataclasses.dataclass` made it: the class stays
frozen (setting an attribute afterwards still raises), and equality, hashing, ``repr`` and
``dataclasses.replace`` are untouched. ``tests/unit/core/test_frozen.py`` checks, for every
class that uses it, that the new ``__init__`` has the dataclass's signature and stores the same
values.

The hottest classes write their ``__init__`` out (keyword-only, one ``object.__setattr__`` per
field) and call ``fast_init(Cls)`` after the class instead of decorating it. Compiled with
mypyc (a wheel), such a class is a native class and those stores compile to direct ones: about
50 ns a value instead of about a microsecond, so :func:`fast_init` leaves it alone. Interpreted,
:func:`fast_init` replaces the written-out ``__init__``, and the test checks that one too
against the fields (same signature, same values).
"""

from __future__ import annotations
import __future__

import dataclasses
import types
from typing import Any, TypeVar

from opengauge import patterncache

T = TypeVar("T")

REPLACED: dict[type[Any], Any] = {}
"""Each class given a fast ``__init__`` -> the ``__init__`` it replaced, the one dataclass
generated or the one the class wrote out (for tests)."""


class _Factory:
    """Default of a parameter whose field has a ``default_factory`` (shown as dataclass shows it)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()
_FLAGS = __future__.annotations.compiler_flag
"""This module's ``__future__`` flags (what ``compile`` here inherited before the cache)."""


def fast_init(cls: type[T]) -> type[T]:
    """Give a ``@dataclass(frozen=True, slots=True)`` class a faster, equivalent ``__init__``.

    Use it above the ``@dataclass`` line, or call it after a class that writes its
    ``__init__`` out (a native class when compiled: returned as it is). Classes with
    ``InitVar`` fields or ``__post_init__`` are refused (TypeError), so a wrong use fails at
    import, not in a report.
    """
    own = cls.__dict__.get("__init__")
    if own is not None and not isinstance(own, types.FunctionType):
        # compiled by mypyc into a native class: its own __init__ stores the fields directly,
        # faster than any __init__ written in Python
        return cls
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or not params.init or "__slots__" not in cls.__dict__:
        raise TypeError(f"fast_init needs a frozen, slotted dataclass with an __init__: {cls!r}")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"fast_init does not run __post_init__: {cls!r}")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if len(fields) != len(cls.__dataclass_fields__):  # type: ignore[attr-defined]
        raise TypeError(f"fast_init does not handle InitVar or ClassVar fields: {cls!r}")
    if any(f.name.startswith(("_set_", "_factory_", "_default_", "_FACTORY")) for f in fields):
        raise TypeError(f"fast_init: a field name clashes with its helper names: {cls!r}")
    this = "__dataclass_self__" if any(f.name == "self" for f in fields) else "self"
    ns: dict[str, Any] = {"_FACTORY": _FACTORY}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for f in fields:
        name = f.name
        ns[f"_set_{name}"] = cls.__dict__[name].__set__  # the slot's member descriptor
        has_factory = f.default_factory is not dataclasses.MISSING
        if has_factory:
            ns[f"_factory_{name}"] = f.default_factory
        if f.default is not dataclasses.MISSING:
            ns[f"_default_{name}"] = f.default
        if f.init:
            param = name
            if has_factory:
                param += "=_FACTORY"
            elif f.default is not dataclasses.MISSING:
                param += f"=_default_{name}"
            (keyword if f.kw_only else positional).append(param)
            value = f"_factory_{name}() if {name} is _FACTORY else {name}" if has_factory else name
        elif has_factory:
            value = f"_factory_{name}()"
        elif f.default is not dataclasses.MISSING:
            value = f"_default_{name}"
        else:
            continue  # an init=False field without a default stays unset, as dataclass leaves it
        body.append(f"    _set_{name}({this}, {value})")
    args = [this, *positional, *(["*", *keyword] if keyword else [])]
    src = f"def __init__({', '.join(args)}):\n" + ("\n".join(body) or "    pass") + "\n"
    # (compiled as this module's own code would be, through the compiled-code cache)
    code = patterncache.compile_source(src, f"<fast_init {cls.__qualname__}>", _FLAGS)
    exec(code, ns)  # noqa: S102 - our own source
    init = ns["__init__"]
    original = cls.__dict__["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(original.__annotations__)
    REPLACED[cls] = original
    cls.__init__ = init  # type: ignore[method-assign]
    return cls

"""Explicit registries: criterion id -> pure check function, framework id -> verdict function.

Checks register themselves with the typed :func:`check` decorator in the modules that
:mod:`opengauge.frameworks.checks` imports explicitly (no ``globals()`` scanning, no entry
points). Each registered check also records its *key* (``<module>.<function>``, e.g.
``osaid.data_description``), which the catalogue names in its ``check`` field; the contract
tests compare the two.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opengauge.types import CriterionId

if TYPE_CHECKING:
    from opengauge.frameworks.context import Context, Outcome
    from opengauge.frameworks.verdicts import VerdictInput, VerdictOutput

CheckFn = Callable[["Context"], "Outcome"]
"""A pure function of the evaluation context that returns the criterion's outcome."""
VerdictFn = Callable[["VerdictInput"], "VerdictOutput"]


@dataclass(frozen=True, slots=True)
class RegisteredCheck:
    """One registered check and the key the catalogue must name."""

    criterion: CriterionId
    key: str
    fn: CheckFn


CHECKS: dict[CriterionId, RegisteredCheck] = {}
VERDICTS: dict[str, VerdictFn] = {}


def check(criterion_id: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check for ``criterion_id`` (one check per criterion)."""

    def register(fn: CheckFn) -> CheckFn:
        cid = CriterionId(criterion_id)
        if cid in CHECKS:
            raise ValueError(f"criterion {cid} already has a check ({CHECKS[cid].key})")
        module = fn.__module__.rsplit(".", 1)[-1]
        CHECKS[cid] = RegisteredCheck(criterion=cid, key=f"{module}.{fn.__name__}", fn=fn)
        return fn

    return register


def verdict(framework_id: str) -> Callable[[VerdictFn], VerdictFn]:
    """Register ``fn`` as the function that turns criterion outcomes into a framework verdict."""

    def register(fn: VerdictFn) -> VerdictFn:
        if framework_id in VERDICTS:
            raise ValueError(f"framework {framework_id} already has a verdict function")
        VERDICTS[framework_id] = fn
        return fn

    return register


def registered_checks() -> Mapping[CriterionId, RegisteredCheck]:
    """Every registered check (importing the check modules first)."""
    import opengauge.frameworks.checks  # noqa: F401 - registers the built-in checks

    return CHECKS


def registered_verdicts() -> Mapping[str, VerdictFn]:
    """Every registered verdict function (importing the check modules first)."""
    import opengauge.frameworks.checks  # noqa: F401 - registers the built-in verdicts

    return VERDICTS

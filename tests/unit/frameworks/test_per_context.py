"""Facts derived once per context; callers get copies they may extend."""

from __future__ import annotations

import dataclasses

from opengauge.frameworks.context import Context, build_context, per_context
from opengauge.model.evidence import EvidenceBundle

calls: list[int] = []


@per_context
def _fact(ctx: Context) -> list[str]:
    calls.append(1)
    return ["a"]


def test_computed_once_and_returned_as_a_copy() -> None:
    calls.clear()
    ctx = build_context(bundle=EvidenceBundle(()), components=())
    first = _fact(ctx)
    first.append("changed by the caller")
    assert _fact(ctx) == ["a"]
    assert len(calls) == 1


def test_a_new_or_replaced_context_starts_empty() -> None:
    calls.clear()
    ctx = build_context(bundle=EvidenceBundle(()), components=())
    _fact(ctx)
    _fact(dataclasses.replace(ctx, generative=True))
    _fact(build_context(bundle=EvidenceBundle(()), components=()))
    assert len(calls) == 3

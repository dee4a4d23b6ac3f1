"""Trigger words are a pre-filter: every match of a statement pattern must contain a trigger of
its kind, or the pre-filter silently drops real statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengauge.evidence import cardbody
from opengauge.evidence.frontmatter import parse_front_matter

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"


def _cards() -> list[Path]:
    cards = sorted(ROOT.glob("examples/*/README.md")) + sorted(ROOT.glob("tests/fixtures/**/README.md"))
    if CORPUS.is_dir():
        cards += sorted(CORPUS.glob("*/README.md"))
    return cards


def test_every_pattern_match_holds_one_of_its_triggers() -> None:
    cards = _cards()
    if len(cards) < 5:
        pytest.skip("no model cards to scan")
    misses: list[str] = []
    for card in cards:
        text = card.read_text("utf-8", errors="replace")
        lines = text.splitlines()
        start = parse_front_matter(text).body_start
        paragraphs = [" ".join(t for _, t in p).lower()
                      for p in cardbody._paragraphs(lines, start, cardbody.code_fence_mask(lines))]
        for kind, pat in cardbody.STATEMENT_PATTERNS:
            haystacks = [ln.lower() for ln in lines] if kind == "usage_snippet" else paragraphs
            for hay in haystacks:
                for m in pat.finditer(hay):
                    if not any(t in m.group(0).lower() for t in cardbody.STATEMENT_TRIGGERS[kind]):
                        misses.append(f"{card.parent.name}: {kind}: {m.group(0)!r}")
    assert not misses, misses[:20]

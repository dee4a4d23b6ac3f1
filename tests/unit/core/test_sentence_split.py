"""Sentence breaks: the fast patterns (end mark matched) give exactly the breaks of the plain
lookbehind patterns they replace."""

from __future__ import annotations

import re
from pathlib import Path

from opengauge.evidence import cardbody
from opengauge.licenses import _text

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"

LICENCE_LOOKBEHIND = re.compile(
    r"(?<=[.;!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(*_]*[A-Z0-9(])")
CARD_LOOKBEHIND = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[(\"'*])")

TRICKY = ["a.) B", "x?!  Y", 'end."  "Next', "...  A", "a. \u201cB", "e.g.  The", ".)", "!  (x",
          "one. two. Three", "Q? \n\n A", "done;  (1) next", "x.\u2019 \u2018Y", ". . . A", ""]


def _texts() -> list[str]:
    files = sorted(ROOT.glob("examples/*/*.md")) + sorted(ROOT.glob("tests/fixtures/licenses/*"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("*/README.md")) + sorted(CORPUS.glob("*/LICENSE*"))
    return TRICKY + [f.read_text(encoding="utf-8", errors="replace") for f in files if f.is_file()]


def test_licence_sentence_breaks_are_the_lookbehind_breaks() -> None:
    for text in _texts():
        want = [m.span() for m in LICENCE_LOOKBEHIND.finditer(text)]
        assert [(m.start(1), m.end()) for m in _text._SENT_SPLIT.finditer(text)] == want


def test_card_sentence_breaks_are_the_lookbehind_breaks() -> None:
    for text in _texts():
        want = [m.end() for m in CARD_LOOKBEHIND.finditer(text)]
        assert [m.end() for m in cardbody._SENT_SPLIT.finditer(text)] == want

"""The prefix-trie alternation must match exactly what the flat longest-first alternation does."""

from __future__ import annotations

import random
import re

from opengauge.evidence.cardbody import STATEMENT_TRIGGERS
from opengauge.rx import literal_alternation


def _flat(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def test_longest_word_wins_at_each_position() -> None:
    rx = re.compile(literal_alternation(["train", "training", "trai", "data ", "(", "a.b"]))
    assert [m.group(0) for m in rx.finditer("pretraining data (a.b) traix axb")] == [
        "training", "data ", "(", "a.b", "trai"]


def test_same_matches_as_flat_alternation_on_random_text() -> None:
    words = sorted({t for ts in STATEMENT_TRIGGERS.values() for t in ts})
    trie, flat = re.compile(literal_alternation(words)), _flat(words)
    rnd = random.Random(7)
    alphabet = "abcdeilnoprstuw (.,-"
    for _ in range(500):
        parts = [rnd.choice(words) if rnd.random() < 0.3 else
                 "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 6)))
                 for _ in range(rnd.randint(1, 25))]
        text = rnd.choice(("", " ")).join(parts)
        assert [(m.start(), m.group(0)) for m in trie.finditer(text)] == \
               [(m.start(), m.group(0)) for m in flat.finditer(text)], text


def test_empty_and_duplicate_words() -> None:
    assert re.compile(literal_alternation([])).search("anything") is None
    rx = re.compile(literal_alternation(["ab", "ab", "", "a"]))
    assert rx.findall("abaab") == ["ab", "a", "ab"]

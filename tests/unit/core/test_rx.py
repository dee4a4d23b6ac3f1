"""WordScan must find exactly what the flat longest-first regex alternation finds (``longest``)
and exactly the words a substring test finds (``present``)."""

from __future__ import annotations

import random
import re

from opengauge.evidence.cardbody import STATEMENT_TRIGGERS
from opengauge.licenses.clauses import clause_patterns
from opengauge.rx import WordScan


def _flat(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def test_longest_word_wins_at_each_position() -> None:
    scan = WordScan(["train", "training", "trai", "data ", "(", "a.b"])
    assert [w for _, w in scan.longest("pretraining data (a.b) traix axb")] == [
        "training", "data ", "(", "a.b", "trai"]
    assert scan.longest("x pretraining")[0] == (5, "training")


def _random_texts(words: list[str], seed: int) -> list[str]:
    rnd = random.Random(seed)
    alphabet = "abcdeilnoprstuw (.,-\u00e9\u0130\u212a"
    texts = []
    for _ in range(500):
        parts = [rnd.choice(words) if rnd.random() < 0.3 else
                 "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 6)))
                 for _ in range(rnd.randint(1, 25))]
        texts.append(rnd.choice(("", " ")).join(parts))
    return texts


def test_same_matches_as_flat_alternation_on_random_text() -> None:
    words = sorted({t for ts in STATEMENT_TRIGGERS.values() for t in ts})
    scan, flat = WordScan(words), _flat(words)
    for text in _random_texts(words, 7):
        assert scan.longest(text) == [(m.start(), m.group(0)) for m in flat.finditer(text)], text


def test_present_is_every_word_that_occurs() -> None:
    words = sorted({a for p in clause_patterns() for a in p.any})
    assert len(words) > 20
    scan = WordScan(words)
    for text in _random_texts(words, 11):
        assert scan.present(text) == {w for w in words if w in text}, text


def test_empty_and_duplicate_words() -> None:
    assert WordScan([]).longest("anything") == [] and WordScan([""]).present("x") == set()
    scan = WordScan(["ab", "ab", "", "a"])
    assert [w for _, w in scan.longest("abaab")] == ["ab", "a", "ab"]
    assert scan.present("xab") == {"a", "ab"}

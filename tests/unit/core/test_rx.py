"""WordScan must find every occurrence of every word (``every``) and exactly the words a
substring test finds (``present``)."""

from __future__ import annotations

import random
import re

from opengauge.evidence.cardbody import STATEMENT_TRIGGERS
from opengauge.licenses.clauses import clause_patterns
from opengauge.rx import WordScan, find_name


def _occurrences(words: list[str], text: str) -> list[tuple[int, str]]:
    return sorted((i, w) for w in words for i in range(len(text)) if text.startswith(w, i))


def test_every_occurrence_is_found_even_inside_or_across_others() -> None:
    scan = WordScan(["train", "training", "trai", "data ", "(", "a.b", "fully open", "open model"])
    assert sorted(scan.every("pretraining data (a.b) traix axb")) == [
        (3, "trai"), (3, "train"), (3, "training"), (12, "data "), (17, "("), (18, "a.b"), (23, "trai")]
    # overlapping words: neither hides the other
    assert sorted(w for _, w in scan.every("a fully open model")) == ["fully open", "open model"]


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


def test_every_matches_brute_force_on_random_text() -> None:
    words = sorted({t for ts in STATEMENT_TRIGGERS.values() for t in ts})
    scan = WordScan(words)
    for text in _random_texts(words, 7):
        assert sorted(scan.every(text)) == _occurrences(words, text), text


def test_present_is_every_word_that_occurs() -> None:
    words = sorted({a for p in clause_patterns() for a in p.any})
    assert len(words) > 20
    scan = WordScan(words)
    for text in _random_texts(words, 11):
        assert scan.present(text) == {w for w in words if w in text}, text


def test_empty_and_duplicate_words() -> None:
    assert WordScan([]).every("anything") == [] and WordScan([""]).present("x") == set()
    scan = WordScan(["ab", "ab", "", "a"])
    assert sorted(scan.every("abaab")) == [(0, "a"), (0, "ab"), (2, "a"), (3, "a"), (3, "ab")]
    assert scan.present("xab") == {"a", "ab"}


def _name_texts(seed: int) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    names = ["Llama-2-7b", "phi-2", "Qwen2.5", "T0pp", "gpt2", "v1.", "_x", "a", "\u212aelvin", "caf\u00e9"]
    bits = ["-", "_", " ", ".", "(", "\u00e9", "\u0661", "\u212a", "x", "2", "\n", "K"]
    out = []
    for _ in range(3000):
        name = rnd.choice(names)
        variant = rnd.choice([name, name.lower(), name.upper()])
        parts = [rnd.choice(bits) for _ in range(rnd.randint(0, 3))] + [variant] + \
            [rnd.choice(bits) for _ in range(rnd.randint(0, 3))]
        rnd.shuffle(parts) if rnd.random() < 0.2 else None
        out.append(("".join(parts), name))
    return out


def test_find_name_equals_the_lookaround_regex() -> None:
    for text, name in _name_texts(13) + [("", ""), ("x", ""), ("-", ""), ("a-b", "b")]:
        for flags in (0, re.IGNORECASE):
            m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags)
            assert find_name(text, name, ignore_case=bool(flags)) == (m.start() if m else -1), \
                (text, name, flags)


def test_opens_with_equals_the_anchored_regex() -> None:
    from opengauge.evidence.lineage import _opens_with

    extra = [("  Llama-distill", "Llama"), ("(llama2 x", "llama"), ("llama_2", "llama"),
             ("llamas", "llama"), ("llama-Distilled", "llama")]
    for text, name in _name_texts(17) + extra:
        short = re.split(r"[-_]", name)[0]
        if not short:
            continue
        want = re.match(rf"\W*{re.escape(short)}\b(?!-distill)", text, re.IGNORECASE) is not None
        assert _opens_with(text, short) == want, (text, short)

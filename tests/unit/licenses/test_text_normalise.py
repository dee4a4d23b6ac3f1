"""normalise: the translation-table fast path gives what the markup pattern gives."""

from __future__ import annotations

import random
import re

from opengauge.licenses import _text

_MARKUP = re.compile(r"[*_`#>|\\]+")


def _by_pattern(text: str) -> str:
    t = _MARKUP.sub(" ", _text.fold(text).lower())
    return " ".join(t.split())


def test_normalise_equals_the_pattern_on_random_text() -> None:
    rng = random.Random(7)
    alphabet = "aB1 *_`#>|\\\n\t\u00a0\u2019\u00e9\u00c5&<>]()x-"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _text.normalise(text) == _by_pattern(text), repr(text)


def test_normalise_examples() -> None:
    assert _text.normalise("**Use  Restrictions**:\n`you` | may_not >") == "use restrictions : you may not"
    assert _text.normalise("Ünïcode **Bold** \u2019quote\u2019") == "ünïcode bold 'quote'"  # (the pattern path)

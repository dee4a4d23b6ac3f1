"""Regular-expression helpers shared by the pure stages."""

from __future__ import annotations

import re
from collections.abc import Iterable


def literal_alternation(words: Iterable[str]) -> str:
    """A regex source matching any of ``words``, longest first, as a prefix trie.

    Equivalent to ``"|".join(map(re.escape, sorted(words, key=len, reverse=True)))`` (at each
    position the longest word that fits matches), but Python's engine tries a flat alternation
    one branch at a time at every position; the trie shares prefixes, so a scan over a long
    text does a few comparisons per character instead of one per word.
    """
    trie: dict[str, dict[str, object]] = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[""] = {}
    return _emit(trie) if trie else "(?!)"  # no words: a pattern that never matches


def _emit(node: dict[str, dict[str, object]]) -> str:
    end = "" in node
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]  # type: ignore[arg-type]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body

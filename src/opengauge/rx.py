"""Text-search helpers shared by the pure stages: many-word scans, whole-name and line scans,
and literal prefilters for regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from ahocorasick_rs import AhoCorasick, Implementation

from opengauge.patterncache import compile, derived

__all__ = [
    "LineScan", "Prefiltered", "WordScan", "compile", "find_name", "fold", "is_word_char", "lines_holding",
    "lowercase_twin_ok", "max_width", "required_literals",
]


class WordScan:
    """Find many literal words in a text in one pass (an Aho-Corasick automaton).

    Python's regex engine tries an alternation's branches one at a time at every position, so
    a scan for a hundred words is slow even as a prefix trie, and compiling that trie takes
    milliseconds; an automaton reads each character once and builds in microseconds.
    """

    __slots__ = ("_all", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words: tuple[str, ...] = tuple(sorted({w for w in words if w}))
        # (a DFA: about twice as fast to search as the default automaton; building it takes
        # a fraction of a millisecond more, once per process)
        self._all = AhoCorasick(self.words, implementation=Implementation.DFA) if self.words else None

    def every(self, text: str) -> list[tuple[int, str]]:
        """(start, word) of every occurrence of every word, overlapping ones included: no word
        can hide another (as a leftmost-longest scan lets ``fully open`` hide ``open model``)."""
        if self._all is None:
            return []
        words = self.words
        return [(start, words[i])
                for i, start, _end in self._all.find_matches_as_indexes(text, overlapping=True)]

    def present(self, text: str) -> set[str]:
        """Every word that occurs in ``text`` (overlapping occurrences included)."""
        if self._all is None:
            return set()
        words = self.words
        return {words[i] for i, _s, _e in self._all.find_matches_as_indexes(text, overlapping=True)}


# ---------------------------------------------------------------- whole names


def is_word_char(c: str) -> bool:
    """A character ``\\w`` matches in a ``str`` pattern: a letter or digit of any kind, or ``_``."""
    return c.isalnum() or c == "_"


def _wordish(c: str) -> bool:
    """A character ``[\\w-]`` matches."""
    return is_word_char(c) or c == "-"


def find_name(text: str, name: str, *, ignore_case: bool = False) -> int:
    """Where ``name`` first occurs in ``text`` with no word character or hyphen on either side,
    or -1: ``re.search(rf"(?<![\\w-]){re.escape(name)}(?![\\w-])", text)`` without compiling a
    pattern per name (a model's own name differs in every snapshot).

    Case-insensitive search of non-ASCII text or names goes through that regex, whose case
    rules (``\u212a`` matches ``k``) ``str.lower`` does not share.
    """
    if not name or (ignore_case and not (text.isascii() and name.isascii())):
        m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text,
                      re.IGNORECASE if ignore_case else 0)
        return m.start() if m else -1
    if ignore_case:
        hay, needle = text.lower(), name.lower()
    else:
        hay, needle = text, name
    n = len(needle)
    pos = hay.find(needle)
    while pos != -1:
        end = pos + n
        if (pos == 0 or not _wordish(hay[pos - 1])) and (end == len(hay) or not _wordish(hay[end])):
            return pos
        pos = hay.find(needle, pos + 1)
    return -1


# ---------------------------------------------------------------- line scans


_ASCII_FROM_LOWER = ("\u0130", "\u212a")
"""The only characters beyond ASCII whose ``str.lower`` holds ASCII (``i`` + a dot, ``k``)."""


def text_lines(text: str) -> list[str]:
    r"""The lines of ``text`` as an editor, GitHub and the Hub number them.

    Only ``\n``, ``\r\n`` and a lone ``\r`` end a line (CommonMark's line endings).
    ``str.splitlines`` also breaks at form feeds, vertical tabs, U+001C-U+001E, U+0085 and
    U+2028/U+2029, so one such character in a card shifted every later line number.
    Like ``splitlines``, a final line ending does not start an empty last line.

    >>> text_lines("a\u2028b\r\nc\rd\n")
    ['a\u2028b', 'c', 'd']
    >>> text_lines("") == [] and text_lines("\n\n") == ["", ""]
    True
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()
    return lines


class LineScan:
    """:func:`lines_holding` for one list of lines, prepared once for many searches: the lines
    from ``first_line`` on joined, and (on first use) their UTF-8 bytes and lower-cased copies.

    A card's body is searched for several word lists (links, usage snippets, size badges...);
    joining, encoding and lower-casing it for each search was most of their cost. The lines
    must not change while the scan is in use.
    """

    __slots__ = ("_bytes", "_bytes_lower", "_lower", "body", "first", "plain")

    def __init__(self, lines: list[str], first_line: int = 1) -> None:
        self.first = first_line - 1
        self.body = "\n".join(lines[self.first:])
        self.plain = not any(c in self.body for c in _ASCII_FROM_LOWER)
        """No character whose lower case is ASCII though it is not (byte searches are exact)."""
        self._bytes: bytes | None = None
        self._bytes_lower: bytes | None = None
        self._lower: str | None = None

    def holding(self, words: Iterable[str], case_sensitive: Iterable[str] = ()) -> list[int]:
        """Indices of the lines (ascending) whose lower-cased text holds one of ``words``, or
        whose text holds one of ``case_sensitive``; see :func:`lines_holding`."""
        words, case_sensitive = tuple(words), tuple(case_sensitive)
        for w in (*words, *case_sensitive):
            if "\n" in w or not w:
                raise ValueError(f"not a one-line word: {w!r}")
        if self.plain and all(w.isascii() for w in (*words, *case_sensitive)):
            if self._bytes is None:
                self._bytes = self.body.encode("utf-8", "surrogatepass")
            found = _line_hits(self._bytes, [w.encode() for w in case_sensitive], b"\n")
            if words:
                if self._bytes_lower is None:
                    self._bytes_lower = self._bytes.lower()
                found |= _line_hits(self._bytes_lower, [w.encode() for w in words], b"\n")
        else:
            if self._lower is None:
                self._lower = self.body.lower()
            found = _line_hits(self._lower, list(words), "\n") | _line_hits(
                self.body, list(case_sensitive), "\n")
        first = self.first
        return sorted(first + i for i in found)


def lines_holding(lines: list[str], first_line: int, words: Iterable[str],
                  case_sensitive: Iterable[str] = ()) -> list[int]:
    """Indices of the lines from the 1-based ``first_line`` on (ascending) whose lower-cased
    text holds one of ``words``, or whose text holds one of ``case_sensitive``.

    The same answer as testing each line, from one substring search per word over the joined
    text (no word may hold a line break, so every hit lies inside one line). For ASCII words
    the search runs over UTF-8 bytes with ASCII-only lower-casing: multi-byte characters can
    neither hold nor become an ASCII word, except the two in ``_ASCII_FROM_LOWER``, and byte
    searches stay fast on texts with a few non-ASCII characters, where ``str`` searches do not.
    Several searches of the same lines: :class:`LineScan`.
    """
    return LineScan(lines, first_line).holding(words, case_sensitive)


# str or bytes, both of one kind (``AnyStr``, which mypyc's type check rejects for ``find``)
_Text = TypeVar("_Text", str, bytes)


def _line_hits(hay: _Text, needles: list[_Text], newline: _Text) -> set[int]:
    """0-based numbers of the lines of ``hay`` holding one of ``needles``."""
    positions: list[int] = []
    for w in needles:
        pos = hay.find(w)
        while pos != -1:
            positions.append(pos)
            nl = hay.find(newline, pos)  # the rest of this line adds nothing
            pos = -1 if nl == -1 else hay.find(w, nl)
    out: set[int] = set()
    line = last = 0
    for pos in sorted(positions):
        line += hay.count(newline, last, pos)
        last = pos
        out.add(line)
    return out


# ---------------------------------------------------------------- literal prefilters

_MIN_NEEDLE = 3
"""Shortest literal worth a substring pre-check."""


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literals of which every match of ``pattern`` contains at least one, or None.

    Read from the parsed pattern: in each alternative the best of its runs of plain characters
    (zero-width ``\\b``/``^`` do not break a run) or of the groups/alternations whose every
    branch has such a run. None when some alternative has no run of at least three
    characters, or when a scoped flag (``(?i:...)``) changes case rules inside. With
    ``re.IGNORECASE`` the literals are lower-cased and must be ASCII.
    """
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    fold = bool(pattern.flags & re.IGNORECASE)

    def best(options: list[frozenset[str]]) -> frozenset[str] | None:
        good = [o for o in options if o and min(map(len, o)) >= _MIN_NEEDLE]
        return max(good, key=lambda o: (min(map(len, o)), -len(o)), default=None)

    def needs(seq: object) -> frozenset[str] | None:
        options: list[frozenset[str]] = []
        run: list[str] = []
        for op, av in seq:  # type: ignore[attr-defined]
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if op is c.AT:
                continue  # zero-width: the characters around it are contiguous
            if run:
                options.append(frozenset(("".join(run),)))
                run = []
            if op is c.BRANCH:
                alts = [needs(alt) for alt in av[1]]
                if all(a is not None for a in alts):
                    options.append(frozenset().union(*alts))  # type: ignore[arg-type]
            elif op is c.SUBPATTERN:
                _group, add_flags, del_flags, sub = av
                if not (add_flags | del_flags) & c.SRE_FLAG_IGNORECASE:
                    inner = needs(sub)
                    if inner is not None:
                        options.append(inner)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                inner = needs(av[2])
                if inner is not None:
                    options.append(inner)
        if run:
            options.append(frozenset(("".join(run),)))
        return best(options)

    try:
        got = needs(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unparseable pattern simply gets no prefilter
        return None
    if got is None:
        return None
    if fold:
        if not all(n.isascii() for n in got):
            return None
        got = frozenset(n.lower() for n in got)
    # a literal holding another is implied by it
    return frozenset(n for n in got if not any(m != n and m in n for m in got))


_FOLDS_TO_ASCII = frozenset((0x130, 0x131, 0x17F, 0x212A))
"""The characters beyond ASCII that ``re.IGNORECASE`` matches to an ASCII letter (İ ı ſ K)."""


def lowercase_twin_ok(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` (case-insensitive) finds exactly what its twin compiled without
    ``re.IGNORECASE`` finds in the lower-cased text, on every ASCII text.

    True when every character the pattern names is lower-case or not a letter, except in a
    character set that holds each upper-case letter's lower-case one as well (``[A-Za-z]``),
    and no scoped flag turns the case rule off inside. Then each step of the two matchers
    accepts the same characters at the same places, so both find the same matches.
    """
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    if not pattern.flags & re.IGNORECASE or pattern.flags & re.LOCALE:
        return False

    def char_ok(code: int) -> bool:
        return (code < 128 and not 65 <= code <= 90) or (code >= 128 and code not in _FOLDS_TO_ASCII)

    def set_ok(items: object) -> bool:
        chars: set[int] = set()
        for op, av in items:  # type: ignore[attr-defined]
            if op is c.LITERAL:
                chars.add(av)
            elif op is c.RANGE:
                lo, hi = av
                if any(lo <= x <= hi for x in _FOLDS_TO_ASCII):
                    return False
                chars.update(range(lo, min(hi, 127) + 1))
            elif op not in (c.NEGATE, c.CATEGORY):
                return False
        if chars & _FOLDS_TO_ASCII:
            return False
        return all(x + 32 in chars for x in chars if 65 <= x <= 90)

    def seq_ok(seq: object) -> bool:
        for op, av in seq:  # type: ignore[attr-defined]
            if op in (c.LITERAL, c.NOT_LITERAL):
                ok = char_ok(av)
            elif op is c.IN:
                ok = set_ok(av)
            elif op in (c.ANY, c.AT, c.CATEGORY, c.GROUPREF):
                ok = True
            elif op is c.BRANCH:
                ok = all(seq_ok(alt) for alt in av[1])
            elif op is c.SUBPATTERN:
                ok = not av[2] & c.SRE_FLAG_IGNORECASE and seq_ok(av[3])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                ok = seq_ok(av[2])
            elif op in (c.ASSERT, c.ASSERT_NOT):
                ok = seq_ok(av[1])
            elif op is c.ATOMIC_GROUP:
                ok = seq_ok(av)
            elif op is c.GROUPREF_EXISTS:
                ok = seq_ok(av[1]) and (av[2] is None or seq_ok(av[2]))
            else:
                ok = False
            if not ok:
                return False
        return True

    try:
        return bool(seq_ok(_parser.parse(pattern.pattern, pattern.flags & ~re.IGNORECASE)))
    except Exception:  # noqa: BLE001 - a pattern this cannot read simply gets no twin
        return False


def _literal_list(pattern: re.Pattern[str]) -> list[str] | None:
    got = required_literals(pattern)
    return None if got is None else sorted(got)


def max_width(pattern: re.Pattern[str]) -> int | None:
    """The most characters one match of ``pattern`` can span, or None when unbounded.

    Zero-width assertions count nothing, though ``\\b`` and lookarounds may look one or more
    characters past a match; callers that cut the text after a match must allow for that.
    """
    width: int | None = derived("max_width", pattern, _max_width)
    return width


def _max_width(pattern: re.Pattern[str]) -> int | None:
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    _lo, hi = _parser.parse(pattern.pattern, pattern.flags).getwidth()
    return None if hi >= c.MAXREPEAT else int(hi)


def fold(text: str) -> str | None:
    """What :class:`Prefiltered` checks case-insensitive patterns' literals in: the lower-cased
    text when it is ASCII, else None (no check)."""
    return text.lower() if text.isascii() else None


class Prefiltered:
    """A compiled pattern whose ``search`` skips texts lacking every literal a match needs.

    ``search(text)`` always returns exactly ``pattern.search(text)``: the substring tests only
    rule out texts that cannot match (:func:`required_literals`). Python's engine tries each
    alternative at each position, slowly under ``re.IGNORECASE``; a few ``in`` tests are much
    cheaper. Case-insensitive patterns pre-check lower-cased ASCII text only.
    """

    __slots__ = ("_fold", "_lower", "needles", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern: re.Pattern[str] = compile(pattern, flags)
        self.needles: tuple[str, ...] = tuple(derived("literals", self.pattern, _literal_list) or ())
        self._fold = bool(self.pattern.flags & re.IGNORECASE) and bool(self.needles)
        # Under IGNORECASE the engine folds every character it compares and cannot skip ahead
        # to a literal; the same pattern without the flag, run over the lower-cased text, finds
        # where the match starts several times faster (see lowercase_twin_ok).
        self._lower: re.Pattern[str] | None = (
            compile(pattern, flags & ~re.IGNORECASE)
            if derived("lowercase_twin", self.pattern, lowercase_twin_ok) else None)

    def possible(self, text: str) -> bool:
        """False only when ``text`` cannot hold a match (no required literal occurs in it)."""
        if self._fold:
            if not text.isascii():
                return True
            text = text.lower()
        return self._holds_needle(text)

    def _holds_needle(self, hay: str) -> bool:
        """Whether one of the required literals occurs in ``hay`` (the lower-cased text for a
        case-insensitive pattern); True when the pattern has none."""
        for n in self.needles:
            if n in hay:
                return True
        return not self.needles

    def candidate_lines(self, lines: list[str], first_line: int = 1) -> list[int]:
        """Indices of the lines from the 1-based ``first_line`` on for which :meth:`possible`
        is true, ascending; found with one substring scan over all of them."""
        if not self.needles:
            return list(range(max(first_line - 1, 0), len(lines)))
        if not self._fold:
            return lines_holding(lines, first_line, (), self.needles)
        found = lines_holding(lines, first_line, self.needles)
        if all(map(str.isascii, lines[first_line - 1:])):
            return found
        # non-ASCII lines are always possible under IGNORECASE (see possible)
        return sorted({*found, *(i for i in range(first_line - 1, len(lines)) if not lines[i].isascii())})

    def search_folded(self, text: str, folded: str | None) -> re.Match[str] | None:
        """``pattern.search(text)``, where ``folded`` is :func:`fold` of ``text``: for many
        patterns over one text, lower-cased once."""
        if self.needles:
            hay = folded if self._fold else text
            if hay is not None:  # (_holds_needle inlined: this runs hundreds of times a report)
                for n in self.needles:
                    if n in hay:
                        break
                else:
                    return None
        if self._lower is not None and folded is not None:
            m = self._lower.search(folded)
            if m is None:
                return None
            # (the match the pattern itself makes where its twin's starts: the same one)
            got = self.pattern.match(text, m.start())
            assert got is not None, "a lower-case twin matched where its pattern does not"
            return got
        return self.pattern.search(text)

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped when no required literal occurs in ``text``."""
        if self._lower is not None:
            return self.search_folded(text, fold(text))
        return self.pattern.search(text) if self.possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, empty when no required literal occurs in ``text``."""
        if self._lower is not None:
            folded = fold(text)
            if folded is not None:
                return self._twin_matches(self._lower, text, folded) if self._holds_needle(folded) \
                    else iter(())
        return self.pattern.finditer(text) if self.possible(text) else iter(())

    def _twin_matches(self, twin: re.Pattern[str], text: str, folded: str) -> Iterator[re.Match[str]]:
        for m in twin.finditer(folded):
            got = self.pattern.match(text, m.start())
            assert got is not None, "a lower-case twin matched where its pattern does not"
            yield got

    def match(self, text: str) -> re.Match[str] | None:
        """``pattern.match(text)``, skipped when no required literal occurs in ``text``."""
        return self.pattern.match(text) if self.possible(text) else None

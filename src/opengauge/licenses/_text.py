"""Text normalisation shared by the runtime and the data build script.

Everything here must stay byte-for-byte stable: the bundled fingerprints were computed
with these functions, so a change means rebuilding the data
(``scripts/build_license_data.py``) and bumping :data:`TEXT_ALGO_VERSION`.
"""

from __future__ import annotations

import bisect
import re
import zlib
from dataclasses import dataclass

from opengauge import rx
from opengauge.model.frozen import fast_init

TEXT_ALGO_VERSION = 2
"""Version of the normalisation + shingling algorithm the fingerprints were built with."""

SHINGLE = 4
"""Words per shingle (``shingles`` is written for exactly four)."""

SAMPLE_MOD = 4
"""Sampled references keep only shingles whose hash is divisible by this."""

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\ufeff": " ",
        "\u200b": " ",
        "\u00a9": " ",
    }
)

_FOLD_RE = rx.compile("[" + "".join(chr(c) for c in _FOLD) + "]")


def _fold_char(m: re.Match[str]) -> str:
    return str(_FOLD[ord(m.group())])


_MD_LINK = rx.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")
_HTML_TAG = rx.compile(r"<[^<>\n]{1,300}>")
_HTML_ENT = rx.compile(r"&(?:nbsp|amp|quot|lt|gt|#\d+);")
_TOKEN = rx.compile(r"[a-z0-9]{2,}(?:[.,][0-9]+)*|[0-9](?:[.,][0-9]+)*")
_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"})


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _blank_link(m: re.Match[str]) -> str:
    return "]" + " " * (len(m.group()) - 1)


def fold(text: str) -> str:
    """Fold quotes, dashes and odd spaces to ASCII; blank Markdown link targets and HTML tags.

    The result has the same length as the input, so offsets (and line numbers) still apply.
    """
    if not text.isascii():
        text = _FOLD_RE.sub(_fold_char, text)
    # (each pattern starts with its literal: a text without it is left as it is, unscanned)
    if "](" in text:
        text = _MD_LINK.sub(_blank_link, text)
    if "<" in text:
        text = _HTML_TAG.sub(_blank, text)
    return _HTML_ENT.sub(_blank, text) if "&" in text else text


_MARKUP = rx.compile(r"[*_`#>|\\]+")
_MARKUP_BLANK = str.maketrans(dict.fromkeys("*_`#>|\\", " "))
"""Each markup character to a space: the same as ``_MARKUP.sub(" ", ...)`` once whitespace is
collapsed, and for ASCII text (what folding leaves, nearly always) a table lookup per character
where the pattern's scan costs about ten times more."""


def normalise(text: str) -> str:
    """Lower-case, folded, whitespace-collapsed text, for phrase and pattern matching."""
    t = fold(text).lower()
    t = t.translate(_MARKUP_BLANK) if t.isascii() else _MARKUP.sub(" ", t)
    return " ".join(t.split())


def _tokens_folded(folded_lower: str) -> list[str]:
    return [t for t in _TOKEN.findall(folded_lower) if t not in _ROMAN]


def tokens(text: str) -> list[str]:
    """Word tokens after folding; list markers (single letters, small roman numerals) dropped."""
    return _tokens_folded(fold(text).lower())


def shingle_hash(words: list[str] | tuple[str, ...]) -> int:
    """Stable 32-bit hash of a word shingle."""
    return zlib.crc32(" ".join(words).encode("utf-8"))


def shingles(toks: list[str]) -> list[int]:
    """Ordered shingle hashes of a token list (one per start position; short texts: one)."""
    if len(toks) < SHINGLE:
        return [shingle_hash(toks)] if toks else []
    crc = zlib.crc32
    return [
        crc(f"{a} {b} {c} {d}".encode())
        for a, b, c, d in zip(toks, toks[1:], toks[2:], toks[3:], strict=False)
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A sentence-like unit of a raw text with its place in that text."""

    start: int
    """Character offset in the raw text."""
    end: int
    line: int
    """1-based line number of ``start``."""
    text: str
    """Raw text of the unit, whitespace collapsed."""

    def __init__(self, *, start: int, end: int, line: int, text: str) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "text", text)


fast_init(Segment)


# A unit boundary: a blank line, a line that opens with a heading or list marker, or the end
# of a sentence followed by an upper-case letter, digit, quote or parenthesis.
_BLOCK_SPLIT = rx.compile(
    r"\n[ \t]*\n+"
    r"|\n(?=[ \t]*(?:#{1,6}\s|[-*+]\s|\d{1,2}[.)]\s|\(?[a-zA-Z0-9]{1,4}\)\s|[a-z]\.\s|[IVX]{1,4}\.\s|```))"
)
# (group 1 is the break; the end mark is matched, not looked behind at, so that the engine only
# starts at end marks: about three times faster, same breaks)
_SENT_SPLIT = rx.compile(r"[.;!?]([\"'\u201d\u2019)]*\s+)(?=[\"'\u201c\u2018(*_]*[A-Z0-9(])")
_NEWLINE = rx.compile("\n")


def segments(text: str, *, max_len: int = 1200) -> list[Segment]:
    """Split a raw text into sentence-like units, keeping offsets and 1-based line numbers."""
    out: list[Segment] = []
    line_starts = [0]
    line_starts.extend(m.end() for m in _NEWLINE.finditer(text))

    def line_of(pos: int) -> int:
        return bisect.bisect_right(line_starts, pos)

    pos = 0
    blocks: list[tuple[int, int]] = []
    for m in _BLOCK_SPLIT.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    for b_start, b_end in blocks:
        block = text[b_start:b_end]
        s_pos = 0
        pieces: list[tuple[int, int]] = []
        for m in _SENT_SPLIT.finditer(block):
            pieces.append((s_pos, m.start(1)))
            s_pos = m.end()
        pieces.append((s_pos, len(block)))
        for p_start, p_end in pieces:
            raw = block[p_start:p_end]
            if not raw.strip():
                continue
            lead = len(raw) - len(raw.lstrip())
            start = b_start + p_start + lead
            end = b_start + p_start + len(raw.rstrip())
            # Very long units (one-paragraph licences without sentence breaks) are cut.
            while end - start > max_len:
                cut = max(
                    text.rfind(" ", start, start + max_len),
                    text.rfind("\n", start, start + max_len),
                )
                if cut <= start:
                    cut = start + max_len
                out.append(
                    Segment(
                        start=start,
                        end=cut,
                        line=line_of(start),
                        text=" ".join(text[start:cut].split()),
                    )
                )
                start = cut
                while start < end and text[start].isspace():
                    start += 1
            out.append(
                Segment(
                    start=start,
                    end=end,
                    line=line_of(start),
                    text=" ".join(text[start:end].split()),
                )
            )
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """A text cut into sentence units, tokenised and shingled in one pass."""

    segments: tuple[Segment, ...]
    tokens: tuple[str, ...]
    seq: tuple[int, ...]
    """Ordered shingle hashes of the whole token stream."""
    bounds: tuple[int, ...]
    """Token index where each kept segment starts (segments without tokens are dropped)."""
    kept: tuple[int, ...]
    """Index into ``segments`` of each kept segment."""

    def segment_shingles(self, i: int) -> tuple[int, ...]:
        """Shingles lying wholly inside kept segment ``i``."""
        lo = self.bounds[i]
        hi = self.bounds[i + 1] if i + 1 < len(self.bounds) else len(self.tokens)
        return self.seq[lo : max(lo, hi - SHINGLE + 1)]


def profile(text: str) -> Profile:
    """Segments, tokens and shingles of a raw text (shared by the runtime and the build)."""
    segs = segments(text)
    folded = fold(text).lower()
    toks: list[str] = []
    bounds: list[int] = []
    kept: list[int] = []
    for i, seg in enumerate(segs):
        st = _tokens_folded(folded[seg.start : seg.end])
        if not st:
            continue
        bounds.append(len(toks))
        kept.append(i)
        toks.extend(st)
    return Profile(
        segments=tuple(segs),
        tokens=tuple(toks),
        seq=tuple(shingles(toks)),
        bounds=tuple(bounds),
        kept=tuple(kept),
    )

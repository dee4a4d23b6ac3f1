"""Clause analysis: find, type and quote the restrictions of any licence text.

Patterns are data (``opengauge/data/licenses/clauses.yaml``, stable ids); this module only runs
them sentence by sentence, keeps 1-based line numbers, trims quotes and parses thresholds.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from opengauge import rx, yamlio
from opengauge.errors import CatalogueError
from opengauge.licenses import _text
from opengauge.licenses.kb import RESTRICTION_TYPES
from opengauge.model.report import Restriction
from opengauge.rx import Prefiltered, WordScan

_MAX_QUOTE = 300
_MAX_PER_TYPE = 8


@dataclass(frozen=True, slots=True, kw_only=True)
class ClausePattern:
    """One detection pattern from ``clauses.yaml``."""

    id: str
    type: str
    summary: str
    regex: re.Pattern[str]
    any: tuple[str, ...] = ()
    unless: re.Pattern[str] | None = None
    context: tuple[str, ...] = ()
    threshold: str | None = None


@cache
def clause_patterns() -> tuple[ClausePattern, ...]:
    """The bundled clause patterns (loaded and compiled once)."""
    try:
        raw = yamlio.load_data(resources.files("opengauge").joinpath("data", "licenses"),
                               "clauses.yaml")
        out = []
        for p in raw["patterns"]:
            if p["type"] not in RESTRICTION_TYPES:
                raise CatalogueError(f"clause pattern {p['id']}: unknown type {p['type']}")
            out.append(
                ClausePattern(
                    id=p["id"],
                    type=p["type"],
                    summary=p["summary"],
                    regex=rx.compile(p["regex"]),
                    any=tuple(p.get("any") or ()),
                    unless=rx.compile(p["unless"]) if p.get("unless") else None,
                    context=tuple(p.get("context") or ()),
                    threshold=p.get("threshold"),
                )
            )
    except (OSError, KeyError, re.error, yaml.YAMLError) as exc:  # pragma: no cover
        raise CatalogueError(f"clause patterns unreadable: {exc}") from exc
    ids = [p.id for p in out]
    if len(ids) != len(set(ids)):  # pragma: no cover - caught by the contract test
        raise CatalogueError("duplicate clause pattern id")
    return tuple(out)


@cache
def _candidates_index() -> tuple[WordScan, dict[str, frozenset[int]], frozenset[int]]:
    """Which patterns a segment can match, from one scan for every pattern's ``any`` words.

    Returns the scan for all ``any`` words; a map from each word to the patterns (by index)
    that list it; and the patterns that have no ``any`` words (always candidates).
    """
    patterns = clause_patterns()
    by_word: dict[str, set[int]] = {}
    for i, p in enumerate(patterns):
        for a in p.any:
            by_word.setdefault(a, set()).add(i)
    # (an empty word is in every text)
    always = frozenset(i for i, p in enumerate(patterns) if not p.any or "" in p.any)
    return WordScan(by_word), {w: frozenset(ix) for w, ix in by_word.items()}, always


def _candidates(norm: str) -> list[int]:
    """Indices of the patterns whose ``any`` words occur in ``norm``, in catalogue order."""
    scan, by_word, always = _candidates_index()
    found = set(always)
    for w in scan.present(norm):
        found |= by_word[w]
    return sorted(found)


_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "five": 5,
    "ten": 10,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
    "one hundred": 100,
    "seven hundred": 700,
}
_SCALE = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000, "billion": 10**9}


_NUMBER = rx.compile(r"([\d][\d,.]*)\s*(thousand|million|billion|m|k)?")
_THOUSANDS = rx.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_WORD_NUMBER = rx.compile(r"([a-z ]+?)\s+(thousand|million|billion)")


def parse_number(s: str) -> int | None:
    """Parse "700 million", "700,000,000", "$1m", "1.5 billion", "one million" to an int."""
    s = s.strip().lower().rstrip(".,")
    m = _NUMBER.fullmatch(s)
    if m:
        num = m.group(1)
        if _THOUSANDS.fullmatch(num):
            num = num.replace(",", "")
        elif "," in num:
            num = num.replace(",", ".")
        try:
            value = float(num) * _SCALE.get(m.group(2) or "", 1)
        except ValueError:
            return None
        return int(round(value)) if math.isfinite(value) else None  # (no int for 400 digits' float)
    m = _WORD_NUMBER.fullmatch(s)
    if m and m.group(1) in _WORDS:
        return _WORDS[m.group(1)] * _SCALE[m.group(2)]
    return None


def _quote(raw: str, norm: str, pos: int) -> str:
    """``raw``, or a window of it around the match at ``pos`` in ``norm`` that starts and ends
    at word boundaries (unless a single word runs longer than the window's slack)."""
    if len(raw) <= _MAX_QUOTE:
        return raw
    centre = int(pos / max(len(norm), 1) * len(raw))
    start = max(0, min(centre - _MAX_QUOTE // 3, len(raw) - _MAX_QUOTE + 6))
    end = start + _MAX_QUOTE - 6
    if start > 0 and not raw[start - 1].isspace():
        gap = raw.find(" ", start, start + 24)
        start = gap + 1 if gap >= 0 else start
    if end < len(raw) and not raw[end].isspace():
        gap = raw.rfind(" ", end - 24, end)
        end = gap if gap > start else end
    cut = raw[start:end].strip()
    return ("..." if start > 0 else "") + cut + ("..." if end < len(raw) else "")


_INCORPORATED = Prefiltered(
    r"incorporated (?:herein |into this \w+ )?by reference|hereby incorporated"
)
_CHANGEABLE = Prefiltered(
    r"(?:update|amend|modify|change|revise)[^.;]{0,80}(?:use policy|this policy|the policy)"
    r"|(?:use policy|the policy)[^.;]{0,120}(?:from time to time|may be updated|most recent)"
    r"|latest version from time to time|most recent copy|as updated from time to time"
)


def find_restrictions(
    text: str, *, file: str, line_offset: int = 0, license: str | None = None,
    segments: tuple[_text.Segment, ...] | None = None,
) -> tuple[Restriction, ...]:
    """Detect, type and quote the restrictions in ``text`` (known licence or not).

    Args:
        text: the licence (or card section) text.
        file: path recorded on each restriction.
        line_offset: added to the 1-based line numbers (for sections of a larger file).
        license: licence id to record on each restriction, when known.
        segments: ``_text.segments(text)``, when the caller has it already (identifying the
            text cut it the same way).

    Returns:
        One :class:`Restriction` per (type, sentence), in text order, at most eight per type.
    """
    patterns = clause_patterns()
    doc = _text.normalise(text)
    active = {i for i, p in enumerate(patterns) if not p.context or any(c in doc for c in p.context)}
    incorporated = bool(_INCORPORATED.search(doc))
    changeable = bool(_CHANGEABLE.search(doc))
    found: list[Restriction] = []
    per_type: dict[str, int] = {}
    for seg in segments if segments is not None else _text.segments(text):
        norm = _text.normalise(seg.text)
        if len(norm) < 12:
            continue
        seen: set[str] = set()
        for i in _candidates(norm):
            p = patterns[i]
            if p.type in seen or i not in active:
                continue
            m = p.regex.search(norm)
            if m is None or (p.unless is not None and p.unless.search(norm)):
                continue
            if per_type.get(p.type, 0) >= _MAX_PER_TYPE:
                continue
            threshold = None
            summary = p.summary
            if p.threshold:
                value = parse_number(m.group(p.threshold) or "")
                if value is None or value < 1000:
                    continue
                threshold = str(value)
                unit = "monthly active users" if p.type == "user_threshold" else "revenue"
                summary = f"{p.summary} Threshold: {value:,} ({unit})."
            if p.type == "acceptable_use_policy":
                flags = []
                flags.append("incorporated by reference" if incorporated else "referenced")
                if changeable:
                    flags.append("can be changed by the licensor")
                summary = f"{p.summary} ({'; '.join(flags)})."
            seen.add(p.type)
            per_type[p.type] = per_type.get(p.type, 0) + 1
            found.append(
                Restriction(
                    type=p.type,
                    summary=summary,
                    quote=_quote(seg.text, norm, m.start()),
                    file=file,
                    line=seg.line + line_offset,
                    threshold=threshold,
                    license=license,
                    source=f"text:{p.id}",
                )
            )
    return tuple(found)

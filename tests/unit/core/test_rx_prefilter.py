"""Literal prefilters: ``Prefiltered.search`` must always equal the plain ``pattern.search``."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from pathlib import Path

import pytest

import opengauge
from opengauge.rx import Prefiltered, fold, lines_holding, lowercase_twin_ok, required_literals

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"


def _needles(pattern: str, flags: int = 0) -> list[str] | None:
    got = required_literals(re.compile(pattern, flags))
    return None if got is None else sorted(got)


def test_each_alternative_gives_its_longest_literal_run() -> None:
    assert _needles(r"copyright polic|opt-?outs?\b|\btdm\b", re.I) == ["copyright polic", "opt", "tdm"]
    # zero-width assertions do not break a run; classes and optional parts do
    assert _needles(r"\bfoo\bbar[sc]xy") == ["foobar"]
    assert _needles(r"Weight[ _-]?Diff", re.I) == ["weight"]


def test_groups_whose_every_branch_has_a_literal_count() -> None:
    assert _needles(r"(\d+)\s*(parameters?|params?)", re.I) == ["param"]
    # (the parser factors the common prefix out: git(?:hub\.com|lab\.com))
    assert _needles(r"(?:github\.com|gitlab\.com)/(\w+)") == ["hub.com", "lab.com"]
    assert _needles(r"x(?:abcd)+y") == ["abcd"]  # repeated at least once


def test_no_prefilter_when_some_alternative_has_no_usable_literal() -> None:
    assert _needles(r"\d+|abc") is None
    assert _needles(r"ab|abc") is None  # "ab" is too short to be worth a test
    assert _needles(r"x(?:abcd)*y") is None  # optional group
    assert _needles(r"(?i:Foo)") is None  # scoped case rule
    assert _needles(r"K\u212aelvin", re.I) is None  # non-ASCII literal under IGNORECASE


def test_implied_literals_are_dropped() -> None:
    assert _needles(r"wdiff|diff\b|xdiffy") == ["diff"]


def test_search_equals_plain_search_on_tricky_texts() -> None:
    p = Prefiltered(r"copyright polic|robots\.txt|\btdm\b", re.IGNORECASE)
    for text in ("", "ROBOTS.TXT here", "no match", "TDM", "xtdm", "\u212a robots.txt",
                 "Copyright Polic\u0130y", "copyr\u0131ght policy"):
        got, want = p.search(text), p.pattern.search(text)
        assert (got and got.span()) == (want and want.span()), text
    assert p.match("tdm rules") is not None and p.match("rules tdm") is None


def _module_prefilters() -> list[tuple[str, Prefiltered]]:
    out: list[tuple[str, Prefiltered]] = []
    for info in pkgutil.walk_packages(opengauge.__path__, "opengauge."):
        if ".cli" in info.name or info.name.endswith("__main__"):
            continue
        mod = importlib.import_module(info.name)
        for k, v in vars(mod).items():
            if isinstance(v, Prefiltered):
                out.append((f"{info.name}.{k}", v))
            elif isinstance(v, tuple):  # tables of (name, pattern) pairs
                out += [(f"{info.name}.{k}[{item[0]}]", item[1]) for item in v
                        if isinstance(item, tuple) and len(item) == 2
                        and isinstance(item[1], Prefiltered)]
    return out


def _texts() -> list[str]:
    files = sorted(ROOT.glob("examples/*/*.md")) + sorted(ROOT.glob("tests/fixtures/**/*.md"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("*/README.md")) + sorted(CORPUS.glob("*/LICENSE*"))
    lines: list[str] = []
    for f in files:
        lines += f.read_text("utf-8", errors="replace").splitlines()
    return lines


def _prefilters_and_texts() -> tuple[list[tuple[str, Prefiltered]], list[str]]:
    """Every module-level prefilter, and the real lines to try them on (skips when too few)."""
    texts = _texts()
    if len(texts) < 200:
        pytest.skip("too few texts to compare")
    return _module_prefilters(), texts


def test_every_module_prefilter_agrees_with_its_pattern() -> None:
    assert len(_module_prefilters()) > 30
    prefilters, texts = _prefilters_and_texts()
    rnd = random.Random(3)
    for name, p in prefilters:
        if "[" not in name:
            assert p.needles, f"{name}: no required literal, the prefilter only costs time"
        # real lines, plus lines with a needle planted in upper case (IGNORECASE patterns)
        sample = rnd.sample(texts, min(len(texts), 3000))
        planted = [f"{t[:40]} {rnd.choice(p.needles).upper()} {t[-40:]}" for t in sample[:300]
                   if p.needles]
        for text in sample + planted:
            got, want = p.search(text), p.pattern.search(text)
            assert (got and got.span()) == (want and want.span()), (name, text)
            assert (got and got.groups()) == (want and want.groups()), (name, text)


def test_candidate_lines_are_the_lines_where_a_match_is_possible() -> None:
    prefilters, texts = _prefilters_and_texts()
    rnd = random.Random(5)
    tricky = ["", "LICENSE: MIT", "licen\u017fe", "\u0130 weights", "plain", "x" * 50]
    for name, p in prefilters:
        chunk = rnd.randrange(0, len(texts) - 400)
        lines = texts[chunk : chunk + 400] + tricky
        lines += [f"a {n.upper()} b" for n in p.needles]
        for first in (1, 7, len(lines), len(lines) + 2):
            want = [i for i in range(first - 1, len(lines)) if p.possible(lines[i])]
            assert p.candidate_lines(lines, first) == want, (name, first)
        ascii_lines = [ln for ln in lines if ln.isascii()]
        want = [i for i in range(len(ascii_lines)) if p.possible(ascii_lines[i])]
        assert p.candidate_lines(ascii_lines) == want, name


def test_lines_holding_refuses_words_that_could_span_lines() -> None:
    with pytest.raises(ValueError):
        lines_holding(["a", "b"], 1, ["a\nb"])
    with pytest.raises(ValueError):
        lines_holding(["a", "b"], 1, [""])


def test_search_folded_equals_plain_search() -> None:
    prefilters, texts = _prefilters_and_texts()
    rnd = random.Random(9)
    for name, p in prefilters:
        sample = rnd.sample(texts, min(len(texts), 1500))
        sample += [f"{t[:30]} {n.upper()} \u0130" for t in sample[:50] for n in p.needles[:1]]
        sample += [f"{t[:30]} {n.upper()}" for t in sample[:50] for n in p.needles[:1]]
        for text in sample:
            got, want = p.search_folded(text, fold(text)), p.pattern.search(text)
            assert (got and got.span()) == (want and want.span()), (name, text)


def test_lowercase_twin_only_where_the_case_rule_cannot_matter() -> None:
    def ok(pattern: str, flags: int = re.IGNORECASE) -> bool:
        return lowercase_twin_ok(re.compile(pattern, flags))

    assert ok(r"github\.com/([\w.-]+)") and ok(r"\bv(\d+)\b[^\s)]") and ok(r"(?:ab|cd)+(?!x)")
    assert ok(r"[A-Za-z]{2,}") and ok(r"[^A-Za-z0-9]")  # sets holding both cases
    assert not ok(r"github", 0)  # not case-insensitive: nothing to gain
    assert not ok(r"Pipeline$") and not ok(r"[A-Z]x") and not ok(r"[^A-Z]")  # upper case named
    assert not ok(r"a(?-i:b)c")  # the case rule turned off inside
    assert not ok("\u212a") and not ok("[\u0100-\u0200]") and not ok("[\u017f]")  # fold to ASCII
    assert ok("\u00e9t\u00e9")  # other letters beyond ASCII never meet an ASCII text


def test_twin_search_equals_plain_search_in_any_case() -> None:
    """Where a prefilter searches its lower-case twin, the match is the pattern's own, on
    real lines with their letters' case flipped at random."""
    prefilters, texts = _prefilters_and_texts()
    rnd = random.Random(11)
    twins = [(name, p) for name, p in prefilters if lowercase_twin_ok(p.pattern)]
    assert len(twins) > 30
    for name, p in twins:
        sample = [t for t in rnd.sample(texts, min(len(texts), 1500)) if t.isascii()]
        sample += [f"{t[:30]} {n} {t[-30:]}" for t in sample[:100] for n in p.needles[:1]]
        for text in sample:
            text = "".join(c.upper() if rnd.random() < 0.3 else c for c in text)
            got, want = p.search(text), p.pattern.search(text)
            assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), \
                (name, text)


def test_twin_finditer_equals_plain_finditer() -> None:
    prefilters, texts = _prefilters_and_texts()
    rnd = random.Random(13)
    for name, p in prefilters:
        sample = rnd.sample(texts, min(len(texts), 800))
        sample += [f"{t[:30]} {n.upper()} {n} {t[-30:]}" for t in sample[:60] for n in p.needles[:1]]
        for text in sample:
            got = [(m.span(), m.groups()) for m in p.finditer(text)]
            want = [(m.span(), m.groups()) for m in p.pattern.finditer(text)]
            assert got == want, (name, text)


def test_the_characters_that_fold_to_ascii_are_the_four_named() -> None:
    """``re.IGNORECASE`` matches exactly these characters beyond ASCII to an ASCII letter; the
    twin check relies on the list being whole."""
    import sys

    from opengauge.rx import _FOLDS_TO_ASCII

    letter = re.compile("[a-z]", re.IGNORECASE)
    assert {c for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))} == _FOLDS_TO_ASCII

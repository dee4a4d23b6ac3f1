"""The card-body scans take short cuts (substring tests before regexes, one ``str.find`` run
over the whole body, a shorter look past a sentence's end). Each must give exactly what the
plain per-line / per-sentence scan gives; these tests run both over every card we have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opengauge.evidence import cardbody
from opengauge.evidence.frontmatter import parse_front_matter
from opengauge.rx import lines_holding

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"

TRICKY = [
    "# Title\n\nLoad it with `from_pretrained(`.\nDOWNLOAD here\n",
    "İstanbul download\nKelvin \u212a ollama\n\u0130\u0130\u0130 serve\nsERVE\n",
    "ΣΑΣ serve\nabc\n\nllama.cpp",
    "http://x\nHTTP://y\narXiv 2401.00001\nEPRINT\n",
    "```\ncode ~~~\n```\n  ~~~python\nx\n  ~~~\n",
    "1. item\n\u0661) arabic-indic digit\n> quote\n| a | b |\n<div>\n- x\n===\n---\n",
    "",
    "\n\n\n",
]


def _cards() -> list[tuple[str, list[str], int]]:
    paths = sorted(ROOT.glob("examples/*/README.md")) + sorted(ROOT.glob("tests/fixtures/**/README.md"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.glob("*/README.md"))
    out = []
    for p in paths:
        text = p.read_text("utf-8", errors="replace")
        out.append((p.parent.name, text.splitlines(), parse_front_matter(text).body_start))
    out += [(f"tricky{i}", t.splitlines(), 1) for i, t in enumerate(TRICKY)]
    return out


CARDS = _cards()


def _need_cards() -> None:
    if len(CARDS) < len(TRICKY) + 5:
        pytest.skip("no model cards to scan")


def _holding_ref(lines: list[str], body_start: int, words: tuple[str, ...],
                 case_sensitive: tuple[str, ...] = ()) -> list[int]:
    return [i for i in range(body_start - 1, len(lines))
            if any(w in lines[i].lower() for w in words) or any(w in lines[i] for w in case_sensitive)]


def test_lines_holding_equals_a_per_line_test() -> None:
    _need_cards()
    usage = cardbody.STATEMENT_TRIGGERS["usage_snippet"]
    for name, lines, start in CARDS:
        for words, exact in ((usage, ()), (("arxiv", "eprint"), ("http",))):
            for first in (start, 1, max(1, len(lines)), len(lines) + 3):
                assert lines_holding(lines, first, words, exact) == \
                    _holding_ref(lines, first, words, exact), (name, words, first)


_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BLOCK = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||#|>|<)")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _paragraphs_ref(lines: list[str], body_start: int, mask: list[bool]) -> list[list[tuple[int, str]]]:
    paras: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    for i in range(body_start - 1, len(lines)):
        raw = lines[i]
        if mask[i] or not raw.strip() or _ATX.match(raw) or _SETEXT.match(raw):
            if cur:
                paras.append(cur)
                cur = []
            continue
        if _BLOCK.match(raw) and cur:
            paras.append(cur)
            cur = []
        text = cardbody.clean_inline(raw)
        if text:
            cur.append((i + 1, text))
        if raw.lstrip().startswith("|"):
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    return paras


def _mask_ref(lines: list[str]) -> list[bool]:
    mask = [False] * len(lines)
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
            mask[i] = True
        elif fence is not None:
            mask[i] = True
            if line.strip().startswith(fence):
                fence = None
    return mask


def test_paragraphs_and_fences_equal_the_regex_only_scan() -> None:
    _need_cards()
    extra = [(f"lead{i}", [f"{c}{rest}"], 1) for i, c in enumerate(" \t\u00a0\u2003\u3000")
             for rest in ("# h", "=== ", "- item", "\u0663. x", "| t |", "text")]
    for name, lines, start in CARDS + extra:
        mask = cardbody.code_fence_mask(lines)
        assert mask == _mask_ref(lines), name
        assert cardbody._paragraphs(lines, start, mask) == _paragraphs_ref(lines, start, mask), name


def test_a_shorter_look_past_the_sentence_finds_the_same_statement() -> None:
    _need_cards()
    for name, lines, start in CARDS:
        for para in cardbody._paragraphs(lines, start, cardbody.code_fence_mask(lines)):
            joined = " ".join(t for _, t in para)
            low = joined.lower()
            same_len = len(low) == len(joined)
            hay = low if same_len else joined
            bounds = [0] + [m.end() for m in cardbody._SENT_SPLIT.finditer(joined)]
            for kind, _pat in cardbody.STATEMENT_PATTERNS:
                rx = cardbody._LOWER_PATTERNS[kind] if same_len else cardbody._PATTERNS[kind]
                for si, s_start in enumerate(bounds):
                    s_end = bounds[si + 1] if si + 1 < len(bounds) else len(joined)
                    old = rx.search(hay, s_start, s_end + cardbody._LOOK_PAST)
                    new = rx.search(hay, s_start, s_end + cardbody._reach(kind))
                    old_span = old.span() if old and old.start() < s_end else None
                    new_span = new.span() if new and new.start() < s_end else None
                    assert old_span == new_span, (name, kind, joined[s_start:s_end])
    # a planted match of the widest kind that runs far past its sentence's end is found whole
    # ("merged" + 60 characters + "models" is the widest match of that alternative)
    text = "It is merged! Two " + "a" * 53 + " models, and more text after it."
    s_end = text.index("Two")
    m = cardbody._LOWER_PATTERNS["finetuned_from"].search(
        text.lower(), 0, s_end + cardbody._reach("finetuned_from"))
    assert m is not None and m.group(0) == text.lower()[text.index("merged"):text.index(",")]
    assert m.start() < s_end
    # ... and one that only looks like a match when the text is cut right after it is not
    # (the word goes on: "modelsx"), so the search must see one character more than the widest
    # match
    text = "It is merged! Two " + "a" * 53 + " modelsx, and more text after it."
    m = cardbody._LOWER_PATTERNS["finetuned_from"].search(
        text.lower(), 0, s_end + cardbody._reach("finetuned_from"))
    assert m is None or m.start() >= s_end


def test_lines_holding_with_characters_that_lower_case_to_ascii() -> None:
    from opengauge import rx

    lines = ["plain", "\u212aELVIN here", "D\u0130ff", "caf\u00e9 kelvin", "\u00e9"]
    for words in (("kelvin",), ("i\u0307f",), ("caf\u00e9",), ("kelvin", "diff")):
        assert lines_holding(lines, 1, words) == _holding_ref(lines, 1, words), words
    # the byte search is only exact while these are the only characters beyond ASCII whose
    # lower case holds ASCII (true of the Unicode tables Python ships)
    extra = [chr(c) for c in range(0x80, 0x110000)
             if not 0xD800 <= c < 0xE000 and any(ord(ch) < 0x80 for ch in chr(c).lower())]
    assert tuple(extra) == rx._ASCII_FROM_LOWER


def test_bare_url_pattern_equals_the_lookbehind_form() -> None:
    _need_cards()
    old = re.compile(r"(?<![(\[<\"'=])\bhttps?://[^\s)<>\]\"'`]+")
    lines = [ln for _, card, _ in CARDS for ln in card if "http" in ln]
    lines += ["http://a", "xhttp://a", "(http://a", "=https://a x https://b", "\u00e9http://a",
              "_http://a", "-http://a", "httphttp://a", "[http://a](http://b)", "\"http://a\""]
    for ln in lines:
        assert [m.span() for m in cardbody._BARE_URL.finditer(ln)] == \
               [m.span() for m in old.finditer(ln)], ln

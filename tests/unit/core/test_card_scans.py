"""The card-body scans take short cuts (substring tests before regexes, one ``str.find`` run
over the whole body, a shorter look past a sentence's end). Each must give exactly what the
plain per-line / per-sentence scan gives; these tests run both over every card we have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opengauge.evidence import cardbody
from opengauge.evidence.frontmatter import parse_front_matter
from opengauge.rx import LineScan, lines_holding

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"

TRICKY = [
    "# Title\n\nLoad it with `from_pretrained(`.\nDOWNLOAD here\n",
    "İstanbul download\nKelvin \u212a ollama\n\u0130\u0130\u0130 serve\nsERVE\n",
    "ΣΑΣ serve\nabc\n\nllama.cpp",
    "http://x\nHTTP://y\narXiv 2401.00001\nEPRINT\n",
    "```\ncode ~~~\n```\n  ~~~python\nx\n  ~~~\n",
    "```a``` is a code span\n# Heading\n````\n```python\n```\n````\n~~~~\n~~~ x\n~~~~~\n",
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


def test_one_line_scan_answers_many_searches_as_separate_calls_do() -> None:
    _need_cards()
    searches = ((cardbody.STATEMENT_TRIGGERS["usage_snippet"], ()), (("arxiv", "eprint"), ("http",)),
                (("--",), ()), ((), ("http",)), (("\u0130", "k"), ()), (("<summary", "written by"), ()))
    for name, lines, start in CARDS:
        scan = LineScan(lines, start)
        for words, exact in searches * 2:  # (and again, from what the scan kept)
            assert scan.holding(words, exact) == _holding_ref(lines, start, words, exact), (name, words)


_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BLOCK = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||#|>|<)")


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
    """CommonMark fences, written out plainly (no substring shortcuts)."""
    mask = [False] * len(lines)
    fence: str | None = None
    for i, line in enumerate(lines):
        body = line.lstrip()
        run = len(body) - len(body.lstrip(body[:1])) if body[:1] in ("`", "~") else 0
        if fence is None:
            if run >= 3 and not (body[0] == "`" and "`" in body[run:]):
                fence = body[:run]
                mask[i] = True
        else:
            mask[i] = True
            if run >= len(fence) and body[0] == fence[0] and not body[run:].strip():
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
                    new = rx.search(hay, s_start, s_end + cardbody._REACH[kind])
                    old_span = old.span() if old and old.start() < s_end else None
                    new_span = new.span() if new and new.start() < s_end else None
                    assert old_span == new_span, (name, kind, joined[s_start:s_end])
    # a planted match of the widest kind that runs far past its sentence's end is found whole
    # ("merged" + 60 characters + "models" is the widest match of that alternative)
    text = "It is merged! Two " + "a" * 53 + " models, and more text after it."
    s_end = text.index("Two")
    m = cardbody._LOWER_PATTERNS["finetuned_from"].search(
        text.lower(), 0, s_end + cardbody._REACH["finetuned_from"])
    assert m is not None and m.group(0) == text.lower()[text.index("merged"):text.index(",")]
    assert m.start() < s_end
    # ... and one that only looks like a match when the text is cut right after it is not
    # (the word goes on: "modelsx"), so the search must see one character more than the widest
    # match
    text = "It is merged! Two " + "a" * 53 + " modelsx, and more text after it."
    m = cardbody._LOWER_PATTERNS["finetuned_from"].search(
        text.lower(), 0, s_end + cardbody._REACH["finetuned_from"])
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


# The inline-markup and link patterns before they were made linear (each rescanned a line to its
# end from every "<", "[" or "![" that no closer followed: quadratic on a hostile card).
_QUADRATIC_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<[^>]+>|\*\*|__|`")
_QUADRATIC_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_QUADRATIC_MD_LINK = re.compile(r"\[([^\]]{0,200})\]\(\s*<?(https?://[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MARKUP_LINES = ["a <b>bold</b> c", "x <a <b> y", "[a](b [c](d)", "see [the docs](https://x.org/a_(b)) now",
                 "![img](http://i) [![badge](http://b)](http://c) `code` **b** __u__",
                 "[a](http://x [b](http://y", "<" * 50 + ">", "[" * 30 + "a](b)", "![a](!b)", "[a]([b)",
                 "[t](<https://a.b/c> \"title\") [u](https://d.e/f)", "[x](https://a.b/c)" + "[a](http://a" * 20]


def _clean_inline_ref(text: str) -> str:
    if "<" in text or "*" in text or "_" in text or "`" in text or "![" in text:
        text = _QUADRATIC_NOISE.sub("", text)
    if "](" in text:
        text = _QUADRATIC_LINK_TEXT.sub(r"\1", text)
    return " ".join(text.split())


def test_linear_markup_patterns_clean_every_card_line_as_before() -> None:
    """Every card line we have comes out as the quadratic patterns made it, but for stray angle
    brackets: a tag now starts at the last "<" before its ">" (``<<SYS>>`` leaves ``<>``, where
    it left ``>``)."""
    _need_cards()

    def angles_out(text: str) -> str:
        return " ".join(text.replace("<", " ").replace(">", " ").split())

    lines = [ln for _, card, _ in CARDS for ln in card if "<" in ln or "[" in ln or "*" in ln]
    assert len(lines) > 100 or len(CARDS) < 20
    for ln in lines:
        new, old = cardbody.clean_inline(ln), _clean_inline_ref(ln)
        assert new == old or ("<<" in ln and angles_out(new) == angles_out(old)), ln
    got = {ln: cardbody.clean_inline(ln) for ln in _MARKUP_LINES}
    assert got["a <b>bold</b> c"] == "a bold c"
    assert got["x <a <b> y"] == "x <a y"  # (before: "x y", the tag ran from the first "<")
    assert got["[a](b [c](d)"] == "a"
    assert got["[a](http://x [b](http://y"] == "[a](http://x [b](http://y"  # no ")": no link
    assert got["<" * 50 + ">"] == "<" * 50 + ">"  # "<>" holds no tag
    assert got["![img](http://i) [![badge](http://b)](http://c) `code` **b** __u__"] == "code b u"


def test_link_search_up_to_the_last_parenthesis_finds_every_link() -> None:
    _need_cards()
    lines = [ln for _, card, _ in CARDS for ln in card if "](" in ln] + _MARKUP_LINES
    for ln in lines:
        new = [(m.span(), m.groups()) for m in cardbody._MD_LINK.finditer(ln, 0, ln.rfind(")") + 1)]
        assert new == [(m.span(), m.groups()) for m in _QUADRATIC_MD_LINK.finditer(ln)], ln
    links = cardbody.parse_links(["[code](https://github.com/o/r) " + "[a](http://a" * 3000], 1)
    assert [(k.kind, k.value) for k in links] == [("code_repo", "https://github.com/o/r")]


def test_each_section_ends_before_the_next_heading_of_its_level_or_higher() -> None:
    """Section ends come from a stack of open sections; check them against a search ahead from
    each heading, over every card and over random heading sequences."""
    import random

    rng = random.Random(5)
    docs = [(lines, start) for _, lines, start in CARDS]
    for _ in range(200):
        lines = []
        for _ in range(rng.randint(0, 40)):
            lines += rng.choice([["# a"], ["## b"], ["#### c"], ["", "**bold**"], ["text"], ["t", "==="],
                                 ["<h3>x</h3>"]])
        docs.append((lines, 1))
    for lines, start in docs:
        secs = cardbody.parse_sections(lines, start, [False] * len(lines))
        for n, sec in enumerate(secs):
            ref = next((s.start - 1 for s in secs[n + 1:] if s.level <= sec.level), len(lines))
            assert sec.end == ref, (lines, n)


def test_front_matter_numbers_each_list_item_and_each_model_index_node() -> None:
    text = ("---\nlicense: mit\ndatasets:\n  - org/a\n\n  - org/b\ntags: [x, y]\nmodel-index:\n"
            "- name: m\n  results:\n  - dataset: {name: d}\n    metrics:\n    - type: acc\n"
            "      value: 1\n    - type: f1\n      value: 2\n---\n# Body\n")
    lines = parse_front_matter(text).key_lines
    assert (lines["license"], lines["datasets"], lines["datasets[0]"], lines["datasets[1]"]) == (2, 3, 4, 6)
    assert (lines["tags[0]"], lines["tags[1]"]) == (7, 7)
    assert lines["model-index[0].results[0].metrics[0]"] == 13
    assert lines["model-index[0].results[0].metrics[1]"] == 15


def test_broken_front_matter_still_numbers_the_salvaged_list_items() -> None:
    text = "---\nlicense: mit\nbase_model:\n- org/a\n- org/b\nbad: [unclosed\n---\n"
    fm = parse_front_matter(text)
    assert [p.code for p in fm.problems] == ["yaml-error"]
    assert (fm.key_lines["base_model[0]"], fm.key_lines["base_model[1]"]) == (4, 5)


def test_aliases_cannot_make_the_model_index_walk_explode() -> None:
    rows = ",".join(["x"] * 1000)
    text = (f"---\na: &a [{rows}]\nb: &b [{','.join(['*a'] * 1000)}]\n"
            f"model-index: [{','.join(['*b'] * 1000)}]\ntags:\n- one\n---\n")
    lines = parse_front_matter(text).key_lines
    assert lines["tags[0]"] == 6
    assert sum(k.startswith("model-index[") for k in lines) <= 2000


def test_line_numbers_count_only_line_feeds_and_carriage_returns(tmp_path: Path) -> None:
    """U+2028, form feed and the like are characters, not line ends (str.splitlines differs)."""
    from opengauge import api

    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\n---\n# Model\nA\u2028B\fC\x85D\r\n\r\n## Training data\rWe used x.\n",
        encoding="utf-8", newline="")
    r = api.assess(str(tmp_path))
    heads = {e.value: e.provenance.locator for e in r.evidence if e.key.startswith("section.")}
    assert heads["Training data"] == "L7-L8"

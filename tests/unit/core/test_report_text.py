"""Reports for people write card text as text: in Markdown no HTML, links, emphasis or broken
tables; on a terminal and in Markdown no control character (escape sequences, bidi overrides)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from opengauge import api
from opengauge.exporters.markdown import _cell, _code, _para
from opengauge.visible import visible

HOSTILE_CARD = """---
license: "mit | <b>bold</b> &amp; *star*"
base_model: "evil<script>alert(1)</script>"
---
# Model <img src=x onerror=alert(1)> `tick`

This model is open source and its weights are released under the | pipe <script>x</script> licence.

## Training data
We trained on [data](javascript:alert(1)) and ![pic](http://example.org/x.png) which is proprietary.
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    folder: Path = tmp_path_factory.mktemp("hostile")
    (folder / "README.md").write_text(HOSTILE_CARD, encoding="utf-8")
    text = api.export(api.assess(str(folder)), "markdown")
    return text, MarkdownIt("commonmark").enable("table").render(text)


def test_no_html_from_the_card_reaches_the_page(rendered: tuple[str, str]) -> None:
    _, html = rendered
    assert not re.search(r"<(script|img|b)\b", html)
    assert "&lt;script&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&amp;amp;" in html  # the card's "&amp;" shown as written, not as "&"


def test_no_link_or_image_from_the_card(rendered: tuple[str, str]) -> None:
    _, html = rendered
    assert "<a " not in html and "<img" not in html


def test_table_rows_keep_their_cells(rendered: tuple[str, str]) -> None:
    text, _ = rendered
    for line in text.splitlines():
        if line.startswith("| `E"):  # evidence rows: id, kind, key, value, file, locator
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            assert len(cells) == 6, line


def test_cell_escapes_only_what_would_start_markup() -> None:
    assert _cell("acceptable_use_policy [missing] a->b") == "acceptable_use_policy [missing] a->b"
    assert _cell("_x_ *y* `z` a|b <i> &c ~~d~~ [e](f)") == \
        "\\_x\\_ \\*y\\* \\`z\\` a\\|b \\<i> \\&c \\~\\~d\\~\\~ [e\\](f)"
    assert _cell("two\nlines") == "two lines"


def test_paragraph_cannot_open_a_heading_or_list() -> None:
    assert _para("# not a heading") == "\\# not a heading"
    assert _para("1. not a list") == "1\\. not a list"
    assert _para("- item") == "\\- item"


def test_code_span_fence_outgrows_the_backticks_inside() -> None:
    assert _code("abc") == "`abc`"
    assert _code("a`b") == "``a`b``"
    assert _code("`x") == "`` `x ``"
    html = MarkdownIt("commonmark").render(_code("a``b`c"))
    assert "<code>a``b`c</code>" in html


CONTROL_CARD = """---
license: "mit\x1b]0;pwned\x07\x1b[2J"
---
# Model \x1b[31mred\r\u202eevil

This model is open source\x9b and free.
"""


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_control_characters_are_spelled_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "README.md").write_text(CONTROL_CARD, encoding="utf-8")
    text = api.export(api.assess(str(tmp_path)), fmt)
    assert not any(ch in text for ch in "\x1b\x07\r\x9b\u202e")
    assert "mit\\x1b]0;pwned\\x07" in text.replace("\\\\", "\\")  # (Markdown doubles the backslash)


def test_visible_keeps_printable_text() -> None:
    assert visible("tab\tnew\nline caf\u00e9 \u4e2d") == "tab\tnew\nline caf\u00e9 \u4e2d"
    assert visible("a\x00b\x7fc\u2066d") == "a\\x00b\\x7fc\\u2066d"

"""Text for a terminal or a document, with its invisible controls spelled out. Pure.

A model card, a licence file or a Hub answer may hold control characters: an escape sequence
(``ESC [2J`` clears the screen, ``ESC ]0;...`` sets the window title), a carriage return that
overwrites the line, or a bidirectional override that shows text in another order than it is
stored in. Reports for people show each such character as its escape (``\\x1b``, ``\\u202e``),
so what was written can be seen and nothing is done to the reader's terminal. JSON output
needs none of this: its encoder escapes controls itself.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, and the bidirectional marks, embeddings,
overrides and isolates."""


def _spell(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ``...`` marking a cut.

    >>> clip("abcdef", 6), clip("abcdefg", 6)
    ('abcdef', 'abc...')
    """
    return text if len(text) <= limit else text[:limit - 3] + "..."


def visible(text: str) -> str:
    r"""``text`` with each control character written as its escape.

    >>> visible("mit\x1b[31m red\r\u202eabc\tok")
    'mit\\x1b[31m red\\x0d\\u202eabc\tok'
    """
    return text if text.isprintable() or _CONTROL.search(text) is None else _CONTROL.sub(_spell, text)

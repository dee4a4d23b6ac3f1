"""JSON read from model artefacts (configs, weights headers, Hub answers, declarations). Pure.

JSON may spell a lone UTF-16 surrogate (``"\\ud800"``), which Python reads into a string
that no UTF-8 output can hold: one such value in a ``config.json`` would make every report
unwritable. :func:`loads` reads JSON as :func:`json.loads` does and then puts U+FFFD (the
replacement character, as for undecodable bytes) where a lone surrogate stood.
"""

from __future__ import annotations

import json
import re
from typing import Any

_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")
"""Where a JSON text spells a surrogate (the parser joins pairs; a lone one stays lone)."""


def loads(text: str | bytes) -> Any:
    """Parse JSON like :func:`json.loads`; no lone surrogate in the result.

    Every failure is a :class:`json.JSONDecodeError`, nesting too deep for the parser
    included (as its subclass :class:`TooDeep`). An integer longer than ``int()`` reads
    (``sys.get_int_max_str_digits()``, 4300 digits by default) stays as its digits, a string,
    where :func:`json.loads` raises ``ValueError`` for the whole document.
    """
    try:
        doc = _parse(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer with too many digits
        doc = _parse(text, parse_int=_int_or_digits)
    if isinstance(text, bytes):
        clean = _ESCAPE_BYTES.search(text) is None
    else:
        clean = _ESCAPE.search(text) is None and (text.isascii() or utf8_encodable(text))
    return doc if clean else _repair(doc)


def _parse(text: str | bytes, **hooks: Any) -> Any:
    try:
        return json.loads(text, **hooks)
    except RecursionError:
        raise _too_deep(text) from None


def _int_or_digits(digits: str) -> int | str:
    try:
        return int(digits)
    except ValueError:
        return digits


class TooDeep(json.JSONDecodeError):
    """JSON whose arrays or objects nest deeper than the parser can follow."""

    def __init__(self, msg: str, doc: str, pos: int) -> None:
        super().__init__(msg, doc, pos)
        self.args = (msg,)  # (no "line 1 column 1": the depth has no one place)


def _too_deep(text: str | bytes) -> TooDeep:
    doc = text if isinstance(text, str) else text.decode("utf-8", "replace")
    return TooDeep("arrays or objects nest too deeply to read", doc, 0)


def utf8_encodable(s: str) -> bool:
    """True when ``s`` holds no lone surrogate (so any UTF-8 output can take it)."""
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def writable(s: str) -> str:
    """``s`` with each lone surrogate replaced by U+FFFD."""
    if utf8_encodable(s):
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _repair(doc: Any) -> Any:
    if isinstance(doc, str):
        return writable(doc)
    if isinstance(doc, list):
        return [_repair(v) for v in doc]
    if isinstance(doc, dict):
        return {writable(k): _repair(v) for k, v in doc.items()}
    return doc

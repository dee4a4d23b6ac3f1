"""Decoding the small text files every source reads (card, licences, configs). Pure."""

from __future__ import annotations

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start of a file that has no UTF-16 byte-order mark."""
    return b"\x00" in data[:8192] and not data.startswith(UTF16_BOMS)


def decode_text(data: bytes) -> tuple[str, bool]:
    """Decode as UTF-16 when a UTF-16 BOM is there and decodes, else as UTF-8 (a BOM is dropped,
    bad bytes become U+FFFD). Also says whether UTF-16 was used."""
    if data.startswith(UTF8_BOM):
        return data[len(UTF8_BOM):].decode("utf-8", errors="replace"), False
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), True
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", errors="replace"), False

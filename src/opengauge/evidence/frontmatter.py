"""Lenient parsing of a model card's YAML front matter.

Never raises on bad input: every problem (no front matter, unclosed block,
broken YAML, duplicate keys, wrong types) is returned as a :class:`CardProblem`
and whatever can still be read is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from opengauge import rx, yamlio

_FENCE = rx.compile(r"^---\s*$")
_END = rx.compile(r"^(?:---|\.\.\.)\s*$")
_TOP_KEY = rx.compile(r"^([A-Za-z_][\w.-]*)\s*:\s*(.*?)\s*$")
_LIST_ITEM = rx.compile(r"^\s+-\s+(.*?)\s*$|^-\s+(.*?)\s*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class CardProblem:
    """One problem with the card's metadata."""

    code: str
    """``no-front-matter``, ``unclosed-front-matter``, ``yaml-error``, ``duplicate-key``,
    ``wrong-type``, ``not-a-mapping``."""
    message: str
    line: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FrontMatter:
    """Parsed front matter with key line numbers, plus where the body starts."""

    data: Mapping[str, Any] = field(default_factory=dict)
    key_lines: Mapping[str, int] = field(default_factory=dict)
    """Key path -> 1-based line number in the file: every top-level key (``license``), the items
    of top-level lists (``datasets[2]``, the item's own line) and the nodes of the
    ``model-index`` (``model-index[0].results[1].metrics[0]``)."""
    body_start: int = 1
    """1-based line number of the first body line."""
    present: bool = False
    problems: tuple[CardProblem, ...] = ()


_BaseLoader: type[yaml.SafeLoader] = yamlio.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader (libyaml when available) that records duplicate keys instead of hiding them."""

    duplicates: list[tuple[str, int]]


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        try:
            key = loader.construct_object(key_node, deep=True)
        except yaml.YAMLError:
            continue
        try:
            hash(key)
        except TypeError:
            continue
        if key in seen:
            loader.duplicates.append((str(key), key_node.start_mark.line))
        seen.add(key)
    loader.flatten_mapping(node)
    return {
        (k if _hashable(k := loader.construct_object(kn, deep=deep)) else str(k)):
        loader.construct_object(vn, deep=deep)
        for kn, vn in node.value
    }


def _hashable(x: object) -> bool:
    try:
        hash(x)
    except TypeError:
        return False
    return True


_Loader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)
# Dates stay strings: a card's `date: 2024-01-01` is metadata text, not a datetime.
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),
)


_DEEP_KEYS = frozenset({"model-index"})
"""Top-level keys whose whole subtree gets line numbers (the others: the key and its items)."""


def _lenient_lines(lines: list[str], first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Salvage top-level ``key: scalar`` and ``key:`` + ``- item`` lists from broken YAML."""
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    current: str | None = None
    for offset, line in enumerate(lines):
        m = _TOP_KEY.match(line)
        if m and not line.startswith((" ", "\t")):
            key, val = m.group(1), m.group(2)
            current = key
            key_lines.setdefault(key, first_line + offset)
            if val:
                val = val.strip().strip("'\"")
                if val.startswith("[") and val.endswith("]"):
                    data[key] = [v.strip().strip("'\"") for v in val[1:-1].split(",") if v.strip()]
                else:
                    data[key] = val
            else:
                data[key] = []
            continue
        li = _LIST_ITEM.match(line)
        if li and current is not None and isinstance(data.get(current), list):
            item = (li.group(1) or li.group(2) or "").strip().strip("'\"")
            if item and ":" not in item:
                key_lines.setdefault(f"{current}[{len(data[current])}]", first_line + offset)
                data[current].append(item)
    return data, key_lines


def parse_front_matter(text: str) -> FrontMatter:
    """Split and parse the YAML front matter of a model card."""
    lines = rx.text_lines(text)
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not _FENCE.match(lines[start].lstrip("\ufeff")):
        return FrontMatter(
            body_start=1,
            problems=(CardProblem(code="no-front-matter",
                                  message="model card has no YAML front matter (no metadata block)"),),
        )
    end = None
    for i in range(start + 1, len(lines)):
        if _END.match(lines[i]):
            end = i
            break
    problems: list[CardProblem] = []
    if end is None:
        problems.append(CardProblem(code="unclosed-front-matter", line=start + 1,
                                    message="front matter starts with '---' but is never closed"))
        block = lines[start + 1 :]
        # Heuristic end: the first line that is clearly Markdown body.
        cut = next((j for j, ln in enumerate(block) if ln.startswith("#")), len(block))
        block = block[:cut]
        body_start = start + 2 + cut
    else:
        block = lines[start + 1 : end]
        body_start = end + 2
    first_line = start + 2
    loader = _Loader("\n".join(block))
    loader.duplicates = []
    data: Any
    key_lines: dict[str, int] = {}
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
        if node is not None:
            key_lines = yamlio.node_lines(node, first_line, _DEEP_KEYS)
        for key, dup_line in loader.duplicates:
            problems.append(CardProblem(code="duplicate-key", line=first_line + dup_line,
                                        message=f"key {key!r} appears more than once; the last value wins"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        err_line = first_line + int(mark.line) if mark is not None else None
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        problems.append(CardProblem(code="yaml-error", line=err_line,
                                    message=f"front matter is not valid YAML ({problem}); "
                                            "salvaged simple 'key: value' lines"))
        data, key_lines = _lenient_lines(block, first_line)
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(CardProblem(code="not-a-mapping", line=first_line,
                                    message="front matter is not a mapping of keys to values"))
        data = {}
    data = {str(k): v for k, v in data.items()}
    return FrontMatter(data=data, key_lines=key_lines, body_start=body_start, present=True,
                       problems=tuple(problems))

"""The one way opengauge reads YAML: the safe loader, in C (libyaml) when it is installed.

The pure-Python loader is about ten times slower; the bundled data files and model cards are
read on every cold start, so the choice is made once, here.

The bundled YAML data files (licences, clause patterns, framework catalogues...) also ship a
JSON twin, ``<name>.twin.json``, written by ``scripts/build_data_twins.py``: the same data, read
about twenty times faster than libyaml parses the YAML. :func:`load_data` takes the twin only
when it was made from the exact bytes of the YAML beside it, else it parses the YAML.
"""

from __future__ import annotations

import hashlib
from importlib.resources.abc import Traversable
from typing import Any

import orjson
import yaml

from opengauge.visible import clip

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_DEPTH = 512
"""Deepest nesting of lists and mappings read. libyaml's composer recurses in C once per
level, with no recursion limit: about 50,000 levels (100 KB of ``[``) overflow the C stack and
kill the process. Real YAML nests a few levels."""


class NestingTooDeep(yaml.YAMLError):
    """YAML whose lists or mappings nest deeper than :data:`MAX_DEPTH`."""


class SafeLoader(_Base):  # type: ignore[misc]
    """The safe loader (never the full loader: YAML from a model repo must not build objects).

    Every failure is a ``yaml.YAMLError``, with these changes to the base loader:

    - a document that nests deeper than :data:`MAX_DEPTH` raises :class:`NestingTooDeep`
      before it is composed, where libyaml would overflow the C stack;
    - a value its tag's constructor cannot build (``!!float abc``, ``!!bool maybe``, an empty
      ``!!int``, a timestamp with a month 13 or an offset of 99 hours...) raises a
      ``ConstructorError`` at that value's line, where the base loader lets ``ValueError``,
      ``KeyError``, ``IndexError``... escape;
    - an integer longer than ``int()`` reads (``sys.get_int_max_str_digits()``, 4300 digits by
      default) stays as the text written.
    """

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._stream = stream

    def get_single_node(self) -> Any:
        """Compose the one document, after the nesting check."""
        check_depth(self._stream)
        try:
            return super().get_single_node()
        except RecursionError:  # (the pure-Python composer recurses in Python)
            raise NestingTooDeep("lists or mappings nest too deeply to read") from None

    def construct_document(self, node: Any) -> Any:
        """Build the document's data; a constructor's own exception becomes a YAMLError."""
        try:
            return super().construct_document(node)
        except RecursionError:
            raise NestingTooDeep("lists or mappings nest too deeply to read") from None
        except _BUILD_ERRORS as exc:
            raise self._unbuildable(node, exc) from exc

    def _unbuildable(self, root: Any, exc: Exception) -> yaml.YAMLError:
        """The error for a document that failed to build, at the first scalar that fails alone."""
        self.constructed_objects: dict[Any, Any] = {}
        self.recursive_objects: dict[Any, Any] = {}
        self.state_generators: list[Any] = []
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                try:
                    self.construct_object(node)
                except _BUILD_ERRORS as e:
                    value = clip(node.value, 60)
                    tag = node.tag.rsplit(":", 1)[-1]
                    return yaml.constructor.ConstructorError(
                        None, None, f"cannot read {value!r} as {tag} ({e})", node.start_mark)
                except yaml.YAMLError:
                    pass
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))
            elif isinstance(node, yaml.MappingNode):
                stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        return yaml.constructor.ConstructorError(None, None, f"cannot read a value ({exc})",
                                                 root.start_mark)


_BUILD_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError)
"""What PyYAML's safe constructors raise, besides YAMLError, on values they cannot build."""


def check_depth(stream: Any) -> None:
    """Raise :class:`NestingTooDeep` when ``stream`` (text or bytes) nests too deep.

    Each level needs one of ``[ { - : ?``, so fewer of those than :data:`MAX_DEPTH` is proof
    enough (every model card in the shared corpus has at most about 300). Otherwise libyaml's
    event parser, which keeps its own stack and does not recurse, counts the levels, stopping as
    soon as there are too many. A syntax error is left for the real parse to report.
    """
    if not isinstance(stream, str | bytes):
        return
    text = stream.decode("latin-1") if isinstance(stream, bytes) else stream  # (ASCII marks)
    if sum(map(text.count, "[{-:?")) <= MAX_DEPTH:
        return
    parser = _Base(stream)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise NestingTooDeep(
                        f"lists or mappings nest too deeply (more than {MAX_DEPTH} levels)")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except NestingTooDeep:
        raise
    except yaml.YAMLError:
        return
    finally:
        parser.dispose()


def _construct_int(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:  # too many digits for int(); the resolver already saw an integer
        return loader.construct_scalar(node)


SafeLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)

TWIN_SUFFIX = ".twin.json"
"""A data file ``x.yaml``'s twin is ``x.twin.json`` beside it."""


def load(text: str) -> Any:
    """Parse one YAML document safely. Raises ``yaml.YAMLError`` on bad YAML."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


MAX_DEEP_PATHS = 2000
"""At most this many paths inside the deep keys' subtrees (:func:`node_lines`), so aliases
that share one node many times over cost no more than a long list."""


def node_lines(node: Any, first_line: int = 1, deep: frozenset[str] = frozenset(),
               depth: int = 6) -> dict[str, int]:
    r"""1-based line numbers of a composed mapping's key paths, for locators.

    Every top-level key (``license``) and the items of top-level lists (``datasets[2]``, on
    the item's own line) are numbered; so is the subtree of each key in ``deep``, down to
    ``depth`` levels (``model-index[0].results[1].metrics[0]``, ``slices[0].sources[1].model``),
    at most :data:`MAX_DEEP_PATHS` paths. Top-level items are each written in the text, so
    their number is bounded by its size. ``first_line`` is the file line of the YAML's line 1.

    >>> n = SafeLoader("a: 1\nb:\n- x\n- {model: m}\n").get_single_node()
    >>> node_lines(n, 10, frozenset({"b"}))
    {'a': 10, 'b': 11, 'b[0]': 12, 'b[1]': 13, 'b[1].model': 13}
    """
    out: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return out
    budget = [MAX_DEEP_PATHS]
    for kn, vn in node.value:
        if isinstance(kn, yaml.ScalarNode):
            key = str(kn.value)
            out.setdefault(key, first_line + kn.start_mark.line)
            if key in deep or isinstance(vn, yaml.SequenceNode):
                _walk(vn, key, depth if key in deep else 0, key in deep, out, first_line, budget)
    return out


def _walk(n: Any, path: str, depth: int, counted: bool, out: dict[str, int], first_line: int,
          budget: list[int]) -> None:
    """Number ``n``'s subtree into ``out`` for :func:`node_lines` (``counted``: spends
    ``budget``). A module function, not a nested one: a nested function that calls itself
    is a reference cycle, left for the garbage collector with what it holds."""
    if isinstance(n, yaml.SequenceNode):
        for i, item in enumerate(n.value):
            if counted:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            sub = f"{path}[{i}]"
            out.setdefault(sub, first_line + item.start_mark.line)
            if depth > 0:
                _walk(item, sub, depth - 1, True, out, first_line, budget)
    elif isinstance(n, yaml.MappingNode) and depth > 0:
        for kn, vn in n.value:
            if isinstance(kn, yaml.ScalarNode):
                if budget[0] <= 0:
                    return
                budget[0] -= 1
                sub = f"{path}.{kn.value}"
                out.setdefault(sub, first_line + kn.start_mark.line)
                _walk(vn, sub, depth - 1, True, out, first_line, budget)


def load_with_lines(text: str, first_line: int = 1,
                    deep: frozenset[str] = frozenset()) -> tuple[Any, dict[str, int]]:
    """:func:`load`, plus the :func:`node_lines` of the document. Raises ``yaml.YAMLError``."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        return loader.construct_document(node), node_lines(node, first_line, deep)
    finally:
        loader.dispose()


def twin_name(name: str) -> str:
    """The twin's file name for a YAML data file's name."""
    stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
    return stem + TWIN_SUFFIX


def twin_document(name: str, raw: bytes, data: Any) -> bytes:
    """The twin of YAML file ``name`` (bytes ``raw``, parsed ``data``); ValueError when the
    data does not survive JSON unchanged (dates, non-string keys...)."""
    doc = {"source": name, "sha256": hashlib.sha256(raw).hexdigest(),
           "generator": "scripts/build_data_twins.py", "data": data}
    try:
        out = orjson.dumps(doc, option=orjson.OPT_INDENT_2)  # keys in the YAML's order
    except TypeError as exc:  # non-string keys
        raise ValueError(f"{name}: its data cannot be written as JSON: {exc}") from exc
    if orjson.loads(out)["data"] != data:  # (orjson keeps key order, so only values can differ)
        raise ValueError(f"{name}: its data does not survive a JSON round trip")
    return out + b"\n"


def load_data(folder: Traversable, name: str, *, raw: bytes | None = None) -> Any:
    """Bundled YAML data file ``folder/name``: from its JSON twin when the twin was made from
    these very bytes, else parsed from the YAML. Raises ``OSError`` / ``yaml.YAMLError`` as
    reading and parsing the YAML would. ``raw``: the file's bytes, if the caller has read them."""
    if raw is None:
        raw = folder.joinpath(name).read_bytes()
    try:
        twin = orjson.loads(folder.joinpath(twin_name(name)).read_bytes())
        if twin["sha256"] == hashlib.sha256(raw).hexdigest():
            return twin["data"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no usable twin: the YAML is the source of truth
    return load(raw.decode("utf-8"))

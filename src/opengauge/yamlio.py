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

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader class (never the full loader: YAML from a model repo must not build objects)."""

TWIN_SUFFIX = ".twin.json"
"""A data file ``x.yaml``'s twin is ``x.twin.json`` beside it."""


def load(text: str) -> Any:
    """Parse one YAML document safely. Raises ``yaml.YAMLError`` on bad YAML."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


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

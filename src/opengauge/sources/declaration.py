"""Declaration files: a producer's own statement of what a release contains (this module does I/O).

Two formats are read, told apart by their top-level keys:

* **opengauge declaration** (``opengauge_declaration: 1``): our own format, described by
  ``opengauge/data/declaration-1.schema.json``::

      opengauge_declaration: 1
      model: {id: org/name, name: My Model, revision: v1.0, producer: Org}
      licenses: {weights: Apache-2.0, code: MIT, data: CC-BY-4.0, documentation: CC-BY-4.0}
      components:
        model_parameters_final: {status: released, location: https://...}
        datasets: {status: not_released, note: licensed from a vendor}
      base_models: [org/base-model]
      datasets: [org/dataset]
      claims: ["fully open source"]

* **Model Openness Tool record** (top-level ``framework`` and ``release`` with ``components``),
  as in the MOT's ``models/`` directory.

The whole file is kept as the snapshot's single text so that evidence can cite lines. Problems
in the file (bad YAML, wrong types, unknown format) raise :class:`~opengauge.errors.DeclarationError`
with the place and a hint; duplicate keys are tolerated and recorded as snapshot problems.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final, cast

import yaml

from opengauge import jsontext, yamlio
from opengauge.errors import DeclarationError, RepoNotFound
from opengauge.model.snapshot import FileEntry, RepoSnapshot, SourceProblem
from opengauge.types import SourceKind

MAX_BYTES: Final = 2 * 1024 * 1024
"""Largest declaration file read (declarations are a few kilobytes)."""

FORMAT_MOT: Final = "mot"
FORMAT_OPENGAUGE: Final = "opengauge"
OPENGAUGE_VERSION: Final = 1

TOP_KEYS: Final = (
    "opengauge_declaration",
    "model",
    "licenses",
    "components",
    "base_models",
    "datasets",
    "claims",
)
COMPONENT_KEYS: Final = ("status", "license", "location", "note")
COMPONENT_STATUSES: Final = ("released", "partially_released", "not_released")
LICENSE_KEYS: Final = ("weights", "code", "data", "documentation", "distribution")
MODEL_KEYS: Final = (
    "id",
    "name",
    "revision",
    "version",
    "date",
    "type",
    "architecture",
    "producer",
    "origin",
    "huggingface",
    "repository",
)

_FORMAT_HINT = (
    "an opengauge declaration starts with `opengauge_declaration: 1`; a Model Openness Tool "
    "record has top-level `framework:` and `release:` (with `release.components`)"
)


_BaseLoader: Any = yamlio.SafeLoader  # libyaml when available


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loader that records duplicate mapping keys instead of silently keeping the last."""

    duplicates: list[tuple[str, int]]


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            if key in seen:
                loader.duplicates.append((str(key), key_node.start_mark.line + 1))
            seen.add(key)
        except TypeError:  # unhashable key: let the base constructor report it
            break
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


BASE_RELATIONS: Final = ("finetune", "adapter", "merge", "quantized", "unknown")
"""What a declared base model's ``relation`` may be (declaration-1.schema.json)."""
MAX_NODES: Final = 500_000
"""Values a declaration may hold once YAML aliases are expanded. A 2 MiB file written out holds
far fewer; aliases of aliases ("billion laughs") can name 9^9 values in under 1 KB."""


class _TooManyNodes(Exception):
    pass


def _plain(value: Any, budget: list[int] | None = None) -> Any:
    """Normalise parsed YAML to JSON-like data (string keys, ISO dates); raises
    :class:`_TooManyNodes` past :data:`MAX_NODES` values (each alias counts every time it is
    used, as the copy made of it)."""
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooManyNodes
    if isinstance(value, Mapping):
        return {str(k): _plain(v, budget) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, budget) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _parse(text: str, name: str, *, as_json: bool) -> tuple[Any, list[tuple[str, int]]]:
    if as_json:
        try:
            return jsontext.loads(text), []
        except jsontext.TooDeep:
            raise  # (reported with YAML's by parse_declaration)
        except json.JSONDecodeError as exc:
            raise DeclarationError(
                f"{name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                hint="fix the JSON syntax (or write the declaration as YAML)",
            ) from exc
    loader = _Loader(text)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1}" if mark else ""
        raise DeclarationError(
            f"{name}: unsupported YAML{where}: {exc.problem}",
            hint="declarations are plain YAML: remove custom tags such as `!!python/...`",
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "syntax error"
        raise DeclarationError(
            f"{name}: not valid YAML{where}: {problem}",
            hint="check the indentation and quoting around that line",
        ) from exc
    except yaml.YAMLError as exc:
        raise DeclarationError(
            f"{name}: not valid YAML: {exc}", hint="check the file's syntax"
        ) from exc
    finally:
        loader.dispose()
    return data, loader.duplicates


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "a string" if isinstance(value, str) else type(value).__name__


def _want(cond: bool, name: str, where: str, expected: str, value: Any, hint: str = "") -> None:
    if not cond:
        raise DeclarationError(
            f"{name}: {where if where == 'the top level' else f'`{where}`'} must be {expected}, "
            f"got {_type_name(value)}",
            hint=hint or _FORMAT_HINT,
        )


def detect_format(data: Any, name: str = "declaration") -> str:
    """Return ``opengauge`` or ``mot`` for parsed declaration data, or raise DeclarationError."""
    _want(isinstance(data, Mapping), name, "the top level", "a mapping of keys", data)
    if "opengauge_declaration" in data:
        version = data["opengauge_declaration"]
        if version != OPENGAUGE_VERSION or isinstance(version, bool):
            raise DeclarationError(
                f"{name}: unsupported `opengauge_declaration: {version}`; "
                f"this opengauge reads version {OPENGAUGE_VERSION}",
                hint="write `opengauge_declaration: 1` or upgrade opengauge",
            )
        return FORMAT_OPENGAUGE
    if "release" in data and "framework" in data:
        return FORMAT_MOT
    keys = ", ".join(sorted(str(k) for k in data)[:8]) or "none"
    raise DeclarationError(
        f"{name}: unknown declaration format (top-level keys: {keys})", hint=_FORMAT_HINT
    )


def _check_mot(data: Mapping[str, Any], name: str) -> None:
    hint = "see the MOT's schema/mof_schema.json and sample_model.yml"
    release = data["release"]
    _want(isinstance(release, Mapping), name, "release", "a mapping", release, hint)
    framework = data["framework"]
    _want(isinstance(framework, Mapping), name, "framework", "a mapping", framework, hint)
    comps = release.get("components")
    _want(
        isinstance(comps, list),
        name,
        "release.components",
        "a list of components (use `components: []` for none)",
        comps,
        hint,
    )
    for i, comp in enumerate(comps):
        _want(isinstance(comp, Mapping), name, f"release.components[{i}]", "a mapping", comp, hint)
        cname = comp.get("name")
        _want(
            isinstance(cname, str), name, f"release.components[{i}].name", "a string", cname, hint
        )
        lic = comp.get("license")
        _want(
            lic is None or isinstance(lic, str),
            name,
            f"release.components[{i}].license",
            "a licence id string (or `unlicensed`)",
            lic,
            hint,
        )
    rname = release.get("name")
    _want(
        isinstance(rname, str | int | float) and not isinstance(rname, bool) and str(rname) != "",
        name,
        "release.name",
        "a non-empty string",
        rname,
        hint,
    )
    lic_block = release.get("license")
    _want(
        lic_block is None or isinstance(lic_block, Mapping),
        name,
        "release.license",
        "a mapping (distribution/code/data/document)",
        lic_block,
        hint,
    )


@functools.cache
def _schema() -> dict[str, Any]:
    ref = resources.files("opengauge").joinpath("data", "declaration-1.schema.json")
    schema: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return schema


def component_ids() -> tuple[str, ...]:
    """The component ids an opengauge declaration accepts (the 17 MOF slugs, from the schema)."""
    return tuple(_schema()["properties"]["components"]["propertyNames"]["enum"])


def _no_extra(
    data: Mapping[str, Any], allowed: tuple[str, ...], name: str, where: str, hint: str
) -> None:
    for key in data:
        if key not in allowed:
            prefix = f"{where}." if where else ""
            raise DeclarationError(
                f"{name}: unknown key `{prefix}{key}`", hint="use one of: " + ", ".join(allowed)
            )


def _check_opengauge(data: Mapping[str, Any], name: str) -> None:
    # Hand-written checks mirroring data/declaration-1.schema.json (jsonschema is not a runtime
    # dependency); the tests validate the fixtures against both.
    hint = "see opengauge/data/declaration-1.schema.json"
    _no_extra(data, TOP_KEYS, name, "", hint)
    raw_model = data.get("model")
    _want(isinstance(raw_model, Mapping), name, "model", "a mapping with at least `id`", raw_model)
    model = cast("Mapping[str, Any]", raw_model)
    _no_extra(model, MODEL_KEYS, name, "model", hint)
    mid = model.get("id")
    _want(isinstance(mid, str) and mid.strip() != "", name, "model.id", "a non-empty string", mid)
    for key, v in model.items():
        _want(isinstance(v, str), name, f"model.{key}", "a string", v, hint)
    comps = data.get("components", {})
    _want(isinstance(comps, Mapping), name, "components", "a mapping of component ids", comps)
    slugs = component_ids()
    for slug, entry in comps.items():
        if slug not in slugs:
            raise DeclarationError(
                f"{name}: unknown component `components.{slug}`",
                hint="use one of: " + ", ".join(slugs),
            )
        _want(isinstance(entry, Mapping), name, f"components.{slug}", "a mapping", entry, hint)
        _no_extra(entry, COMPONENT_KEYS, name, f"components.{slug}", hint)
        status = entry.get("status")
        if status not in COMPONENT_STATUSES:
            raise DeclarationError(
                f"{name}: `components.{slug}.status` must be one of "
                f"{', '.join(COMPONENT_STATUSES)}, got {status!r}",
                hint=hint,
            )
        for key in ("license", "location", "note"):
            v = entry.get(key)
            _want(v is None or isinstance(v, str), name, f"components.{slug}.{key}", "a string", v)
    lics = data.get("licenses", {})
    _want(isinstance(lics, Mapping), name, "licenses", "a mapping", lics, hint)
    _no_extra(lics, LICENSE_KEYS, name, "licenses", hint)
    for key, v in lics.items():
        _want(v is None or isinstance(v, str), name, f"licenses.{key}", "a licence id string", v)
    for key, field in (("base_models", "id"), ("datasets", "id"), ("claims", "text")):
        items = data.get(key, [])
        _want(isinstance(items, list), name, key, "a list", items, hint)
        for i, item in enumerate(items):
            ok = (isinstance(item, str) and item != "") or (
                isinstance(item, Mapping) and isinstance(item.get(field), str)
            )
            _want(ok, name, f"{key}[{i}]", f"a string or a mapping with `{field}`", item, hint)
            if key == "base_models" and isinstance(item, Mapping) and "relation" in item:
                rel = item.get("relation")
                if rel not in BASE_RELATIONS:
                    raise DeclarationError(
                        f"{name}: `base_models[{i}].relation` must be one of "
                        f"{', '.join(BASE_RELATIONS)}, got {str(rel)[:60]!r}", hint=hint)


def parse_declaration(
    text: str, name: str, *, as_json: bool = False
) -> tuple[dict[str, Any], str, tuple[SourceProblem, ...]]:
    """Parse and check declaration text (pure; used by :func:`load_declaration`).

    Returns the parsed mapping (JSON-like), its format and the problems noticed.
    """
    try:
        data, duplicates = _parse(text, name, as_json=as_json)
        fmt = detect_format(data, name)
        plain: dict[str, Any] = _plain(data)
    except (RecursionError, jsontext.TooDeep):
        raise DeclarationError(
            f"{name}: lists or mappings nest too deeply to read",
            hint="a declaration is a shallow mapping of components and licences",
        ) from None
    except _TooManyNodes:
        raise DeclarationError(
            f"{name}: more than {MAX_NODES:,} values once its YAML aliases (*name) are expanded",
            hint="aliases that repeat aliases multiply: write the values out, or use fewer aliases",
        ) from None
    if fmt == FORMAT_MOT:
        _check_mot(plain, name)
    else:
        _check_opengauge(plain, name)
    problems = tuple(
        SourceProblem(code="duplicate-key", path=name, message=f"key `{k}` repeated at line {ln}")
        for k, ln in duplicates
    )
    return plain, fmt, problems


def load_declaration(path: Path) -> RepoSnapshot:
    """Read a declaration file (YAML or JSON) into a snapshot.

    Raises:
        RepoNotFound: the file does not exist.
        DeclarationError: it is not a file, too large, not UTF-8 text, not valid YAML/JSON, of
            an unknown format, or has values of the wrong type.
    """
    name = path.name
    if not path.exists():
        raise RepoNotFound(f"declaration file not found: {path}", hint="check the path")
    if not path.is_file():
        raise DeclarationError(f"{path} is not a file", hint="pass the declaration file itself")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DeclarationError(
                f"{name}: {size} bytes is too large for a declaration (limit {MAX_BYTES})",
                hint="a declaration lists components and licences; it should be a few kilobytes",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise DeclarationError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeclarationError(
            f"{name}: not UTF-8 text (byte {exc.start})", hint="save the file as UTF-8"
        ) from exc
    if "\x00" in text:
        raise DeclarationError(f"{name}: binary data, not a text file")
    data, fmt, problems = parse_declaration(text, name, as_json=path.suffix.lower() == ".json")
    if fmt == FORMAT_MOT:
        repo_id = str(data["release"]["name"])
    else:
        repo_id = str(data["model"]["id"]).strip()
    return RepoSnapshot(
        repo_id=repo_id,
        source=SourceKind.DECLARATION,
        revision="sha256:" + hashlib.sha256(raw).hexdigest(),
        revision_pinned=False,
        location=str(path),
        files=(FileEntry(path=name, size=len(raw), present=True),),
        texts={name: text},
        declaration=data,
        declaration_format=fmt,
        problems=problems,
    )

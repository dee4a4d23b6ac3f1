"""Declared facts: what a declaration file says, as evidence of kind ``declared`` (pure).

Works on snapshots from :mod:`opengauge.sources.declaration` (MOT records and opengauge
declarations). Declared facts are never mixed up with observed ones: every fact here has
:attr:`~opengauge.model.evidence.EvidenceKind.DECLARED`.

Evidence keys:

* ``declared.component.<slug>``: one per listed MOF component. Value ``included`` (MOT) or the
  declared status (opengauge). Attrs: ``license`` (as written, ``''`` when absent),
  ``license_mode`` (``component``, ``inherit`` or ``unlicensed``), ``name``, ``location``,
  ``license_path``, ``note``, ``listed_as_not_included`` (MOT licence strings such as
  ``Component not included``), ``line``.
* ``declared.component_unrecognised``: a MOT component name that is not one of the 17 exact
  names (the MOT cannot use it). Attrs ``suggestion`` when only the case or spacing differs.
* ``declared.license.<distribution|code|data|document|weights>``: global licences.
* ``declared.release.<field>``: name, version, date, type, architecture, treatment, producer,
  origin, huggingface (attr ``repo`` = ``org/name``), repository, and for opengauge
  declarations also id and revision.
* ``declared.base_model``, ``declared.dataset``, ``declared.claim``.

Locators are YAML key paths (``yaml:release.components[3]``); the line is in attr ``line``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final
from urllib.parse import urlparse

import yaml

from opengauge import rx, yamlio
from opengauge.frameworks.mof import (
    COMPONENTS,
    COMPONENTS_BY_NAME,
    ComponentDeclaration,
    ContentType,
    LicenseMode,
)
from opengauge.model.evidence import Evidence, EvidenceKind, make_evidence
from opengauge.model.report import Component, ComponentStatus
from opengauge.model.snapshot import RepoSnapshot
from opengauge.sources.declaration import MODEL_KEYS
from opengauge.types import EvidenceId

EXTRACTOR_VERSION: Final = 1
MOT_EXTRACTOR: Final = f"declared.mot/{EXTRACTOR_VERSION}"
OPENGAUGE_EXTRACTOR: Final = f"declared.opengauge/{EXTRACTOR_VERSION}"
NOT_LISTED: Final = "not listed in the declaration"

_MOT_RELEASE_FIELDS: Final = (
    "name",
    "version",
    "date",
    "type",
    "architecture",
    "treatment",
    "producer",
    "origin",
    "huggingface",
    "repository",
)
_OG_MODEL_FIELDS: Final = MODEL_KEYS
_MOT_LICENSE_KEYS: Final = ("distribution", "code", "data", "document")
_OG_LICENSE_KEYS: Final = {
    "weights": "weights",
    "code": "code",
    "data": "data",
    "documentation": "document",
    "distribution": "distribution",
}
_NOT_INCLUDED = rx.compile(r"component\s+not\s+include", re.IGNORECASE)
_PARAMETERS: Final = frozenset({"model_parameters_final", "model_parameters_intermediate"})


# --------------------------------------------------------------------------- line numbers


def _walk(node: yaml.Node, path: str, out: dict[str, int]) -> None:
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                child = f"{path}.{key.value}" if path else str(key.value)
                out.setdefault(child, key.start_mark.line + 1)
                _walk(value, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{path}[{i}]", out)


def key_lines(text: str) -> dict[str, int]:
    """Map each YAML key path (``release.components[3].license``) to its 1-based line.

    Returns an empty mapping when the text cannot be composed (the source already parsed it,
    so this only happens for JSON that YAML 1.1 reads differently).
    """
    loader: Any = yamlio.SafeLoader
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return {}
    out: dict[str, int] = {}
    if node is not None:
        _walk(node, "", out)
    return out


# --------------------------------------------------------------------------- extraction


def _text(value: object) -> str:
    """A scalar as stripped text ('' for None, mappings and lists)."""
    if value is None or isinstance(value, Mapping | list | tuple):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _exact(value: object) -> str:
    """A scalar exactly as written ('' when blank)."""
    text = _text(value)
    return str(value) if text and isinstance(value, str) else text


class _Emitter:
    def __init__(self, snap: RepoSnapshot, extractor: str) -> None:
        self.snap = snap
        self.extractor = extractor
        self.file = snap.files[0].path if snap.files else next(iter(snap.texts), "")
        self.lines = key_lines(snap.texts.get(self.file, ""))
        self.items: list[Evidence] = []

    def add(
        self,
        key: str,
        value: str,
        path: str,
        *,
        raw: object = None,
        attrs: Iterable[tuple[str, str]] = (),
    ) -> Evidence:
        extra = list(attrs)
        line = self.lines.get(path)
        if line is not None:
            extra.append(("line", str(line)))
        raw_text = None if raw is None or str(raw) == value else str(raw)[:500]
        ev = make_evidence(
            kind=EvidenceKind.DECLARED,
            key=key,
            value=value,
            repo=self.snap.repo_id,
            revision=self.snap.revision,
            file=self.file,
            locator=f"yaml:{path}",
            extractor=self.extractor,
            raw=raw_text,
            attrs=extra,
        )
        self.items.append(ev)
        return ev


def _hf_repo(url: str) -> str:
    """``org/name`` from a Hugging Face model URL, or ''."""
    try:
        parsed = urlparse(url if "://" in url else f"https://{url}")
        host = (parsed.hostname or "").lower()
    except ValueError:  # a malformed address, such as brackets around what is no IP address
        return ""
    parts = [p for p in parsed.path.split("/") if p]
    if (
        host.endswith("huggingface.co")
        and len(parts) >= 2
        and parts[0] not in ("datasets", "spaces")
    ):
        return f"{parts[0]}/{parts[1]}"
    return ""


def _license_mode(entry: Mapping[str, Any]) -> ComponentDeclaration:
    value = entry.get("license")
    present = "license" in entry and value is not None
    return ComponentDeclaration.from_license_value(
        None if value is None else str(value), present=present
    )


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


_SPACES = rx.compile(r"\s+")


def _extract_mot(em: _Emitter, data: Mapping[str, Any]) -> None:
    rel = _mapping(data.get("release"))
    for key in _MOT_RELEASE_FIELDS:
        value = _text(rel.get(key))
        if not value:
            continue
        attrs = [("repo", _hf_repo(value))] if key == "huggingface" and _hf_repo(value) else []
        em.add(f"declared.release.{key}", value, f"release.{key}", raw=rel.get(key), attrs=attrs)
    name = _text(rel.get("name"))
    origin = _text(rel.get("origin"))
    if origin and origin != name:
        em.add(
            "declared.base_model",
            origin,
            "release.origin",
            raw=rel.get("origin"),
            attrs=[("relation", "unknown"), ("source", "release.origin")],
        )
    lic = _mapping(rel.get("license"))
    for key in _MOT_LICENSE_KEYS:
        entry = lic.get(key)
        # Licence ids are kept exactly as written: the MOT matches them case- and space-exactly.
        lname = _exact(entry.get("name")) if isinstance(entry, Mapping) else _exact(entry)
        if not lname:
            continue
        lpath = _text(entry.get("path")) if isinstance(entry, Mapping) else ""
        em.add(
            f"declared.license.{key}",
            lname,
            f"release.license.{key}",
            raw=entry.get("name") if isinstance(entry, Mapping) else entry,
            attrs=[("path", lpath)] if lpath else [],
        )
    comps = rel.get("components")
    seen: set[str] = set()
    for i, entry in enumerate(comps if isinstance(comps, list) else []):
        if not isinstance(entry, Mapping):
            continue
        cname = _text(entry.get("name"))
        raw_name = entry.get("name")
        comp = COMPONENTS_BY_NAME.get(raw_name) if isinstance(raw_name, str) else None
        path = f"release.components[{i}]"
        if comp is None:
            folded = {_SPACES.sub(" ", n).casefold(): n for n in COMPONENTS_BY_NAME}
            guess = folded.get(_SPACES.sub(" ", cname).casefold(), "")
            em.add(
                "declared.component_unrecognised",
                cname,
                path,
                raw=raw_name,
                attrs=[("suggestion", guess)] if guess else [],
            )
            continue
        decl = _license_mode(entry)
        written = _text(entry.get("license")) if "license" in entry else ""
        attrs = [
            ("name", comp.name),
            ("index", str(i)),
            (
                "license",
                decl.license or ("unlicensed" if decl.mode is LicenseMode.UNLICENSED else ""),
            ),
            ("license_mode", decl.mode.value),
        ]
        for src_key, attr in (("component_path", "location"), ("license_path", "license_path")):
            value = _text(entry.get(src_key))
            if value:
                attrs.append((attr, value))
        if written and _NOT_INCLUDED.search(written):
            attrs.append(("listed_as_not_included", "true"))
        if comp.id in seen:
            attrs.append(("duplicate", "true"))
        seen.add(comp.id)
        em.add(f"declared.component.{comp.id}", "included", path, attrs=attrs)


def _extract_opengauge(em: _Emitter, data: Mapping[str, Any]) -> None:
    model = _mapping(data.get("model"))
    for key in _OG_MODEL_FIELDS:
        value = _text(model.get(key))
        if not value:
            continue
        attrs = [("repo", _hf_repo(value))] if key == "huggingface" and _hf_repo(value) else []
        em.add(f"declared.release.{key}", value, f"model.{key}", raw=model.get(key), attrs=attrs)
    lic = _mapping(data.get("licenses"))
    for key, norm in _OG_LICENSE_KEYS.items():
        value = _exact(lic.get(key))
        if value:
            em.add(f"declared.license.{norm}", value, f"licenses.{key}", raw=lic.get(key))
    comps = _mapping(data.get("components"))
    order = {c.id: i for i, c in enumerate(COMPONENTS)}
    for slug in sorted(comps, key=lambda s: order.get(s, len(order))):
        entry = _mapping(comps[slug])
        if slug not in order:
            em.add("declared.component_unrecognised", slug, f"components.{slug}")
            continue
        decl = _license_mode(entry)
        attrs = [
            ("name", COMPONENTS[order[slug]].name),
            (
                "license",
                decl.license or ("unlicensed" if decl.mode is LicenseMode.UNLICENSED else ""),
            ),
            ("license_mode", decl.mode.value),
        ]
        for key in ("location", "note"):
            value = _text(entry.get(key))
            if value:
                attrs.append((key, value[:500]))
        status = _text(entry.get("status")) or "released"
        em.add(f"declared.component.{slug}", status, f"components.{slug}", attrs=attrs)
    for i, item in enumerate(_list(data.get("base_models"))):
        bid, extra = _item(item, "id", ("relation",))
        if bid:
            rel = dict(extra).get("relation", "unknown")
            em.add("declared.base_model", bid, f"base_models[{i}]", attrs=[("relation", rel)])
    for i, item in enumerate(_list(data.get("datasets"))):
        did, extra = _item(item, "id", ("license", "location"))
        if did:
            em.add("declared.dataset", did, f"datasets[{i}]", attrs=extra)
    for i, item in enumerate(_list(data.get("claims"))):
        text, extra = _item(item, "text", ("where",))
        if text:
            em.add("declared.claim", text[:500], f"claims[{i}]", raw=text, attrs=extra)


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _item(item: object, main: str, extras: tuple[str, ...]) -> tuple[str, list[tuple[str, str]]]:
    if isinstance(item, Mapping):
        attrs = [(k, _text(item.get(k))) for k in extras if _text(item.get(k))]
        return _text(item.get(main)), attrs
    return _text(item), []


def extract_declared(snap: RepoSnapshot) -> tuple[Evidence, ...]:
    """Every fact a declaration snapshot states, as ``declared`` evidence (empty otherwise)."""
    data = snap.declaration
    if data is None:
        return ()
    if snap.declaration_format == "mot":
        em = _Emitter(snap, MOT_EXTRACTOR)
        _extract_mot(em, data)
    elif snap.declaration_format == "opengauge":
        em = _Emitter(snap, OPENGAUGE_EXTRACTOR)
        _extract_opengauge(em, data)
    else:
        return ()
    return tuple(em.items)


# --------------------------------------------------------------------------- components


def _first(evidence: Iterable[Evidence], key: str) -> Evidence | None:
    for e in evidence:
        if e.key == key and e.kind is EvidenceKind.DECLARED and e.attr("duplicate") != "true":
            return e
    return None


def _global_chain(slug: str, content_type: ContentType, fmt: str) -> Iterator[tuple[str, str]]:
    """(evidence key, licence source label) to try, in order, for an inheriting component."""
    if fmt == "mot":
        yield f"declared.license.{content_type.value}", f"global:{content_type.value}"
        yield "declared.license.distribution", "global:distribution"
        return
    if slug in _PARAMETERS:
        yield "declared.license.weights", "weights"
    elif content_type is ContentType.DOCUMENT:
        yield "declared.license.document", "documentation"
    else:
        yield f"declared.license.{content_type.value}", content_type.value
    yield "declared.license.distribution", "distribution"


def components_from_declaration(
    snap: RepoSnapshot, evidence: Iterable[Evidence]
) -> tuple[Component, ...]:
    """The 17 MOF components as the declaration states them.

    A listed component is ``released`` (MOT records only list what is included) or has its
    declared status (opengauge declarations). Its licence is the one that applies by the MOT's
    order: the component's own, then the global licence for its content type (for opengauge
    declarations: ``weights`` for model parameters, ``code``, ``data`` or ``documentation``),
    then the distribution licence; ``unlicensed`` stops the search and leaves it None.
    A component the declaration does not list is ``unknown`` (the MOT counts it as missing).
    """
    items = tuple(evidence)
    fmt = snap.declaration_format or ""
    out: list[Component] = []
    for comp in COMPONENTS:
        ev = _first(items, f"declared.component.{comp.id}")
        if ev is None:
            out.append(
                Component(
                    id=comp.id,
                    name=comp.name,
                    framework="mof",
                    status=ComponentStatus.UNKNOWN,
                    reason=NOT_LISTED,
                )
            )
            continue
        status = ComponentStatus.RELEASED if fmt == "mot" else ComponentStatus(ev.value)
        ids: list[EvidenceId] = [ev.id]
        mode = LicenseMode(ev.attr("license_mode", LicenseMode.INHERIT.value))
        where = ev.provenance.locator.removeprefix("yaml:")
        license_id: str | None = None
        source: str | None = None
        if status is ComponentStatus.NOT_RELEASED:
            reason = f"declared not released ({where})"
        elif mode is LicenseMode.COMPONENT:
            license_id, source = ev.attr("license"), "component"
            reason = f"declared ({where}) with its own licence"
        elif mode is LicenseMode.UNLICENSED:
            source = "component:unlicensed" if fmt == "mot" else "unlicensed"
            reason = f"declared ({where}) as unlicensed: no licence applies"
        else:
            reason = f"declared ({where}) without a licence of its own and no global licence"
            for key, label in _global_chain(comp.id, comp.content_type, fmt):
                g = _first(items, key)
                if g is not None:
                    license_id, source = g.value, label
                    ids.append(g.id)
                    reason = (
                        f"declared ({where}); licence inherited from "
                        f"{g.provenance.locator.removeprefix('yaml:')}"
                    )
                    break
        if ev.attr("listed_as_not_included") == "true":
            reason += (
                "; its licence field says the component is not included (the MOT still "
                "counts it as included under a non-open licence)"
            )
        out.append(
            Component(
                id=comp.id,
                name=comp.name,
                framework="mof",
                status=status,
                license=license_id,
                license_source=source,
                evidence=tuple(ids),
                reason=reason,
            )
        )
    return tuple(out)

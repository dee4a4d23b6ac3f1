"""Framework catalogues: criteria as data, loaded and validated from package data.

Each framework version is one YAML file in ``opengauge/data/frameworks`` (provenance in its
``SOURCE.toml``). A criterion has a stable id that is never reused, a title, a lifecycle status,
the version it appeared in, the evidence it needs, the key of the check implementing it and its
documentation (what it checks, why it matters, an example that passes and one that fails, known
limitations, references). A bad catalogue raises :class:`~opengauge.errors.CatalogueError`.

>>> [f[0] for f in list_frameworks()][:2]
['osaid', 'mof']
>>> explain("OSAID-PARAMS").splitlines()[0]
'OSAID-PARAMS: Model parameters are released'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final

import yaml

from opengauge import rx, yamlio
from opengauge.errors import CatalogueError
from opengauge.types import CriterionId

CATALOGUE_FILES: Final[tuple[str, ...]] = (
    "osaid-1.0.yaml",
    "mof-1.0.yaml",
    "eosai-2026.yaml",
    "solaiman-2023.yaml",
    "brief-2026.yaml",
    "eu-ai-act-2024.yaml",
    "public-funding-baseline-1.0.yaml",
)
"""The built-in catalogues, in the order verdicts are reported."""
DOCS_BASE: Final = "docs/criteria"
DOC_SECTIONS: Final[tuple[tuple[str, str], ...]] = (
    ("what", "What it checks"),
    ("why", "Why it matters"),
    ("passes", "Example: passes"),
    ("fails", "Example: fails"),
    ("limitations", "Known limitations"),
)
_ID = rx.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
_VERSION = rx.compile(r"^\d+\.\d+\.\d+$")


class CriterionLifecycle(StrEnum):
    """Where a criterion is in its lifecycle (as ruff's rules)."""

    PREVIEW = "preview"
    STABLE = "stable"
    DEPRECATED = "deprecated"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionDocs:
    """The documentation sections of a criterion (ruff's rule template)."""

    what: str
    why: str
    passes: str
    fails: str
    limitations: str
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Criterion:
    """One criterion of a framework version."""

    id: CriterionId
    title: str
    status: CriterionLifecycle
    since: str
    """opengauge version the criterion appeared in."""
    needs: tuple[str, ...]
    """Evidence keys or key prefixes (``statement.*``) the check reads."""
    check: str
    """Key of the registered check (``<module>.<function>``)."""
    docs: CriterionDocs
    replaced_by: CriterionId | None = None
    """For deprecated/removed criteria: the id that replaces it (a redirect)."""

    @property
    def active(self) -> bool:
        """True for preview and stable criteria (the ones that are evaluated)."""
        return self.status in (CriterionLifecycle.PREVIEW, CriterionLifecycle.STABLE)

    @property
    def more_info(self) -> str:
        """Path of the generated documentation page."""
        return f"{DOCS_BASE}/{self.id}.md"


@dataclass(frozen=True, slots=True, kw_only=True)
class Framework:
    """One framework version and its criteria."""

    id: str
    version: str
    title: str
    summary: str
    url: str
    criteria: tuple[Criterion, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Framework-specific data (the brief's matrix and facets, thresholds...)."""
    file: str = ""

    def active(self) -> tuple[Criterion, ...]:
        """Criteria that are evaluated (preview and stable)."""
        return tuple(c for c in self.criteria if c.active)

    def criterion(self, cid: str) -> Criterion:
        """One criterion by id."""
        for c in self.criteria:
            if c.id == cid:
                return c
        raise KeyError(cid)


def _req_str(d: Mapping[str, Any], key: str, where: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _parse_criterion(raw: object, where: str) -> Criterion:
    if not isinstance(raw, Mapping):
        raise CatalogueError(f"{where}: a criterion must be a mapping")
    cid = _req_str(raw, "id", where)
    where = f"{where} {cid}"
    if not _ID.match(cid):
        raise CatalogueError(f"{where}: id must look like ABC-DEF (upper case, dashes)")
    try:
        status = CriterionLifecycle(_req_str(raw, "status", where))
    except ValueError as exc:
        raise CatalogueError(f"{where}: unknown status {raw.get('status')!r}") from exc
    since = _req_str(raw, "since", where)
    if not _VERSION.match(since):
        raise CatalogueError(f"{where}: 'since' must be a version such as 0.1.0")
    needs = raw.get("needs")
    if not isinstance(needs, list) or not needs or not all(isinstance(n, str) for n in needs):
        raise CatalogueError(f"{where}: 'needs' must be a non-empty list of evidence keys")
    docs = raw.get("docs")
    if not isinstance(docs, Mapping):
        raise CatalogueError(f"{where}: 'docs' is missing")
    sections = {key: _req_str(docs, key, f"{where} docs") for key, _ in DOC_SECTIONS}
    refs = docs.get("references")
    if not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs):
        raise CatalogueError(f"{where}: docs.references must be a non-empty list")
    replaced = raw.get("replaced_by")
    if replaced is not None and not isinstance(replaced, str):
        raise CatalogueError(f"{where}: 'replaced_by' must be a criterion id")
    return Criterion(
        id=CriterionId(cid),
        title=_req_str(raw, "title", where),
        status=status,
        since=since,
        needs=tuple(needs),
        check=_req_str(raw, "check", where),
        docs=CriterionDocs(references=tuple(refs), **sections),
        replaced_by=CriterionId(replaced) if replaced else None,
    )


def parse_catalogue(data: object, *, file: str = "<catalogue>") -> Framework:
    """Validate parsed YAML and build a :class:`Framework` (raises CatalogueError)."""
    if not isinstance(data, Mapping):
        raise CatalogueError(f"{file}: a catalogue must be a mapping")
    fid = _req_str(data, "framework", file)
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise CatalogueError(f"{file}: 'version' must be a quoted string")
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise CatalogueError(f"{file}: 'criteria' must be a non-empty list")
    criteria = tuple(_parse_criterion(c, file) for c in raw_criteria)
    seen: set[str] = set()
    for c in criteria:
        if c.id in seen:
            raise CatalogueError(f"{file}: criterion id {c.id} is used twice")
        seen.add(c.id)
    for c in criteria:
        if c.replaced_by and c.replaced_by not in seen:
            raise CatalogueError(f"{file}: {c.id} is replaced by unknown id {c.replaced_by}")
    extra = data.get("extra") or {}
    if not isinstance(extra, Mapping):
        raise CatalogueError(f"{file}: 'extra' must be a mapping")
    return Framework(
        id=fid,
        version=version,
        title=_req_str(data, "title", file),
        summary=_req_str(data, "summary", file),
        url=_req_str(data, "url", file),
        criteria=criteria,
        extra=MappingProxyType(dict(extra)),
        file=file,
    )


def load_catalogue_text(text: str, *, file: str = "<catalogue>") -> Framework:
    """Parse and validate one catalogue from YAML text."""
    try:
        data = yamlio.load(text)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{file}: not valid YAML: {exc}") from exc
    return parse_catalogue(data, file=file)


@cache
def load_frameworks() -> tuple[Framework, ...]:
    """Every built-in framework catalogue (loaded and validated once).

    Criterion ids must be unique across all catalogues, and so must (framework, version).
    """
    out: list[Framework] = []
    base = resources.files("opengauge").joinpath("data", "frameworks")
    for name in CATALOGUE_FILES:
        try:
            data = yamlio.load_data(base, name)
        except OSError as exc:
            raise CatalogueError(f"catalogue {name} is missing: {exc}") from exc
        except yaml.YAMLError as exc:
            raise CatalogueError(f"{name}: not valid YAML: {exc}") from exc
        out.append(parse_catalogue(data, file=name))
    ids: set[str] = set()
    keys: set[tuple[str, str]] = set()
    for fw in out:
        if (fw.id, fw.version) in keys:
            raise CatalogueError(f"framework {fw.id} {fw.version} is defined twice")
        keys.add((fw.id, fw.version))
        for c in fw.criteria:
            if c.id in ids:
                raise CatalogueError(f"criterion id {c.id} is used in two catalogues")
            ids.add(c.id)
    return tuple(out)


def framework(framework_id: str) -> Framework:
    """A built-in framework by id."""
    for fw in load_frameworks():
        if fw.id == framework_id:
            return fw
    raise KeyError(framework_id)


def find_criterion(criterion_id: str) -> tuple[Framework, Criterion]:
    """The framework and criterion for an id (case-insensitive); KeyError when unknown."""
    want = criterion_id.strip().upper()
    for fw in load_frameworks():
        for c in fw.criteria:
            if c.id == want:
                return fw, c
    raise KeyError(criterion_id)


def list_frameworks() -> list[tuple[str, str, str, int]]:
    """``(id, version, title, number of active criteria)`` for each built-in framework."""
    return [(fw.id, fw.version, fw.title, len(fw.active())) for fw in load_frameworks()]


def explain(criterion_id: str) -> str:
    """A criterion's documentation as plain text (like ``ruff rule``); KeyError when unknown."""
    fw, c = find_criterion(criterion_id)
    lines = [f"{c.id}: {c.title}", ""]
    lines.append(f"Framework: {fw.title} {fw.version} ({fw.id})")
    lines.append(f"Status: {c.status.value}, since {c.since}")
    if c.replaced_by:
        lines.append(f"Replaced by: {c.replaced_by}")
    lines.append(f"Needs evidence: {', '.join(c.needs)}")
    lines.append(f"Check: {c.check}")
    for key, heading in DOC_SECTIONS:
        lines += ["", heading, "-" * len(heading), _wrap(getattr(c.docs, key))]
    lines += ["", "References", "----------"]
    lines += [f"- {r}" for r in c.docs.references]
    return "\n".join(lines) + "\n"


def _wrap(text: str) -> str:
    return " ".join(text.split()) if "\n- " not in text else text.strip()


def render_markdown(fw: Framework, c: Criterion) -> str:
    """The generated documentation page ``docs/criteria/<ID>.md`` for one criterion."""
    out = [
        "<!-- Generated by scripts/gen_criteria_docs.py from "
        f"src/opengauge/data/frameworks/{fw.file}. Do not edit. -->",
        "",
        f"# {c.id}: {c.title}",
        "",
        f"- **Framework:** {fw.title} {fw.version} (`{fw.id}`)",
        f"- **Status:** {c.status.value} (since {c.since})",
        f"- **Evidence needed:** {', '.join(f'`{n}`' for n in c.needs)}",
        f"- **Check:** `{c.check}`",
    ]
    if c.replaced_by:
        out.append(f"- **Replaced by:** [{c.replaced_by}]({c.replaced_by}.md)")
    for key, heading in DOC_SECTIONS:
        out += ["", f"## {heading}", "", _wrap(getattr(c.docs, key))]
    out += ["", "## References", ""]
    out += [f"- {r}" for r in c.docs.references]
    out += [
        "",
        "opengauge checks evidence; its results are not legal advice or a certification.",
    ]
    return "\n".join(out) + "\n"


def render_index(frameworks: tuple[Framework, ...]) -> str:
    """The generated ``docs/criteria/README.md`` listing every criterion."""
    out = [
        "<!-- Generated by scripts/gen_criteria_docs.py. Do not edit. -->",
        "",
        "# Criteria",
        "",
    ]
    for fw in frameworks:
        out += [f"## {fw.title} {fw.version} (`{fw.id}`)", "", " ".join(fw.summary.split()), ""]
        out += ["| id | title | status |", "|---|---|---|"]
        out += [f"| [{c.id}]({c.id}.md) | {c.title} | {c.status.value} |" for c in fw.criteria]
        out.append("")
    return "\n".join(out)

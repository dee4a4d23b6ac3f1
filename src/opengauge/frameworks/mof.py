"""Model Openness Framework (MOF) classification, computed exactly as the Model Openness Tool does.

The rule, the licence lists and their quirks are described in ``shared/spec/MOT.md``; the data
(17 components, licence flags, open-data list, type-appropriate lists) is vendored from the MOT
at commit ``8b5d30e9`` in ``opengauge/data/mot/`` (see its ``SOURCE.toml``).

In short:

* a component **passes** when it is listed *and* the licence that applies to it counts as open;
* the licence that applies is the first that exists of: the component's own ``license``, the
  global licence for its content type, the global ``distribution`` licence.
  ``license: unlicensed`` (or ``''``) means "included, no licence" and does **not** fall back;
  an absent ``license`` key inherits;
* a licence counts as open when it is OSI-approved or FSF-libre (the SPDX flags the tool
  bundles, with its ``mof-licenses.json`` overrides), on the tool's open-data list, or
  ``OpenMDW-1.0``. Ids are matched exactly and case-sensitively (``Apache 2.0`` is not open);
* Class III needs architecture, final parameters, model card, data card, evaluation results and
  a technical report (an open research paper may stand in for the report); Class II adds
  training, inference and evaluation code and evaluation data; Class I adds datasets,
  preprocessing code, intermediate parameters and the research paper (so the report is no
  longer needed). Optional components never count;
* progress per class is the share of the cumulative items that pass, shown as 0 % while a
  lower class is incomplete; the class is the most open one at 100 %.

Everything here is pure: the bundled data file is read once at import.

>>> r = evaluate({"model_architecture": ComponentDeclaration()},
...              GlobalLicenses(distribution="Apache-2.0"))
>>> (r.mof_class, r.progress_for(3).percent, str(r.blockers[0]))
(0, '16.67', 'Model parameters (Final) [missing]')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from fractions import Fraction
from importlib import resources
from types import MappingProxyType
from typing import Any, Final

from opengauge.model.frozen import fast_init
from opengauge.model.report import Component, ComponentStatus

FRAMEWORK_ID: Final = "mof"
MOT_FRAMEWORK_NAME: Final = "Model Openness Framework"
MOT_FRAMEWORK_VERSION: Final = "1.0"
MOT_FRAMEWORK_DATE: Final = "2024-12-15"
UNLICENSED: Final = "unlicensed"
"""The MOT's spelling for "included, no licence" on a component."""
PAPER_WOULD_DO: Final = "an open research paper would also do"

CLASS_NUMERALS: Final[Mapping[int, str]] = MappingProxyType({0: "none", 1: "I", 2: "II", 3: "III"})
"""A class as the reports write it (``none`` for no class)."""
CLASS_LABELS: Final[Mapping[int, str]] = MappingProxyType(
    {
        0: "Unclassified",
        1: "Class I - Open Science Model",
        2: "Class II - Open Tooling Model",
        3: "Class III - Open Model",
    }
)


class ContentType(StrEnum):
    """The content type the MOT gives each component (selects the global licence that applies)."""

    CODE = "code"
    DATA = "data"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True, kw_only=True)
class MofComponent:
    """One of the 17 MOF components as the Model Openness Tool configures them."""

    id: str
    """Our stable slug, e.g. ``model_parameters_final`` (also the inventory's component id)."""
    mot_id: int
    """The MOT's numeric component id."""
    name: str
    """The exact name the MOT matches in records (case-sensitive)."""
    description: str
    """The fixed description the MOT writes for the component."""
    content_type: ContentType
    mof_class: int
    """The class (3, 2 or 1) that first needs it."""
    required: bool
    """False for the three optional components, which never affect the class."""


def _load_data() -> dict[str, Any]:
    ref = resources.files("opengauge").joinpath("data", "mot", "mot-openness.json")
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


_DATA: Final = _load_data()

COMPONENTS: Final[tuple[MofComponent, ...]] = tuple(
    MofComponent(
        id=c["id"],
        mot_id=int(c["mot_id"]),
        name=c["name"],
        description=c["description"],
        content_type=ContentType(c["content_type"]),
        mof_class=int(c["mof_class"]),
        required=bool(c["required"]),
    )
    for c in _DATA["components"]
)
"""The 17 components, in the MOT's own order (code, data, then document components)."""

COMPONENTS_BY_ID: Final[Mapping[str, MofComponent]] = MappingProxyType(
    {c.id: c for c in COMPONENTS}
)
COMPONENTS_BY_NAME: Final[Mapping[str, MofComponent]] = MappingProxyType(
    {c.name: c for c in COMPONENTS}
)
COMPONENTS_BY_MOT_ID: Final[Mapping[int, MofComponent]] = MappingProxyType(
    {c.mot_id: c for c in COMPONENTS}
)

TECHNICAL_REPORT: Final = "technical_report"
RESEARCH_PAPER: Final = "research_paper"

_LICENSES: Final[Mapping[str, Mapping[str, Any]]] = MappingProxyType(_DATA["licenses"])
OPEN_DATA_LICENSES: Final[frozenset[str]] = frozenset(_DATA["open_data_licenses"])
EXTRA_OPEN_LICENSES: Final[frozenset[str]] = frozenset(_DATA["extra_open_licenses"])
TYPE_APPROPRIATE: Final[Mapping[ContentType, frozenset[str]]] = MappingProxyType(
    {ContentType(k): frozenset(v) for k, v in _DATA["type_appropriate"].items()}
)
SPDX_LICENSE_LIST_VERSION: Final[str] = _DATA["spdx_license_list_date"]


def open_reason(license_id: str) -> str:
    """Why the MOT counts ``license_id`` as open (``OSI+FSF-libre``...), or ``''`` if it does not.

    Matching is exact and case-sensitive, as in the tool.

    >>> open_reason("Apache-2.0"), open_reason("apache-2.0"), open_reason("PDDL-1.0")
    ('OSI+FSF-libre', '', '')
    """
    lic = _LICENSES.get(license_id)
    parts: list[str] = []
    if lic is not None and lic["osi"]:
        parts.append("OSI")
    if lic is not None and lic["fsf"]:
        parts.append("FSF-libre")
    if license_id in OPEN_DATA_LICENSES:
        parts.append("open-data-list")
    if license_id in EXTRA_OPEN_LICENSES:
        parts.append("extra-open-list")
    return "+".join(parts)


def license_is_open(license_id: str) -> bool:
    """True when the MOT counts ``license_id`` as open (for any component type)."""
    return bool(open_reason(license_id))


def is_type_appropriate(license_id: str, content_type: ContentType) -> bool:
    """True when ``license_id`` is on the MOT's type-appropriate list for ``content_type``.

    This only drives a warning, never the class.
    """
    return license_id in TYPE_APPROPRIATE[content_type]


def license_name(license_id: str) -> str | None:
    """The licence's full name in the MOT's licence table, if known."""
    lic = _LICENSES.get(license_id)
    return None if lic is None else str(lic["name"])


# --------------------------------------------------------------------------- inputs


class LicenseMode(StrEnum):
    """How a listed component states its licence."""

    COMPONENT = "component"
    """It names its own licence."""
    INHERIT = "inherit"
    """No ``license`` key: the global licences apply."""
    UNLICENSED = "unlicensed"
    """``license: unlicensed`` or ``''``: included without a licence, no fallback."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentDeclaration:
    """What a record says about one component."""

    included: bool = True
    mode: LicenseMode = LicenseMode.INHERIT
    license: str | None = None
    """The component's own licence, as written (only with ``mode=COMPONENT``)."""

    def __init__(
        self,
        *,
        included: bool = True,
        mode: LicenseMode = LicenseMode.INHERIT,
        license: str | None = None,
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "included", included)
        object.__setattr__(self, "mode", mode)
        object.__setattr__(self, "license", license)

    @classmethod
    def from_license_value(cls, value: str | None, *, present: bool = True) -> ComponentDeclaration:
        """Interpret a record's ``license`` value (``present=False``/``None`` when the key is absent).

        >>> ComponentDeclaration.from_license_value("unlicensed").mode
        <LicenseMode.UNLICENSED: 'unlicensed'>
        >>> ComponentDeclaration.from_license_value(None).mode
        <LicenseMode.INHERIT: 'inherit'>
        """
        if not present or value is None:
            return cls(mode=LicenseMode.INHERIT)
        if value in ("", UNLICENSED):
            return cls(mode=LicenseMode.UNLICENSED)
        return cls(mode=LicenseMode.COMPONENT, license=value)


fast_init(ComponentDeclaration)


@dataclass(frozen=True, slots=True, kw_only=True)
class GlobalLicenses:
    """The record's global licences (``release.license.*.name``); None when absent or empty."""

    distribution: str | None = None
    code: str | None = None
    data: str | None = None
    document: str | None = None

    def for_type(self, content_type: ContentType) -> str | None:
        """The global licence for one content type."""
        if content_type is ContentType.CODE:
            return self.code
        if content_type is ContentType.DATA:
            return self.data
        return self.document


# --------------------------------------------------------------------------- results


class ComponentState(StrEnum):
    """Outcome for one component (``missing``, ``unlicensed`` and ``not-open`` all fail)."""

    OPEN = "open"
    NOT_OPEN = "not-open"
    UNLICENSED = "unlicensed"
    MISSING = "missing"


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentResult:
    """How one component fared."""

    component: MofComponent
    included: bool
    license: str | None
    """The licence that applies (None when missing or unlicensed)."""
    license_source: str
    """``component``, ``global:<type>``, ``global:distribution``, ``component:unlicensed``,
    ``none`` (listed, nothing applies) or ``''`` (not listed)."""
    state: ComponentState
    open_reason: str = ""
    type_appropriate: bool | None = None
    """None unless a licence applies."""

    def __init__(
        self,
        *,
        component: MofComponent,
        included: bool,
        license: str | None,
        license_source: str,
        state: ComponentState,
        open_reason: str = "",
        type_appropriate: bool | None = None,
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "component", component)
        object.__setattr__(self, "included", included)
        object.__setattr__(self, "license", license)
        object.__setattr__(self, "license_source", license_source)
        object.__setattr__(self, "state", state)
        object.__setattr__(self, "open_reason", open_reason)
        object.__setattr__(self, "type_appropriate", type_appropriate)

    @property
    def passes(self) -> bool:
        """True when listed and openly licensed."""
        return self.state is ComponentState.OPEN

    @property
    def reason(self) -> str:
        """``''`` when it passes, else ``missing``, ``unlicensed`` or ``not-open:<id>``."""
        if self.state is ComponentState.NOT_OPEN:
            return f"not-open:{self.license}"
        return "" if self.passes else self.state.value


fast_init(ComponentResult)


@dataclass(frozen=True, slots=True, kw_only=True)
class Blocker:
    """A required component that keeps the model from the next class."""

    component: str
    """The component's slug."""
    name: str
    reason: str
    """``missing``, ``unlicensed`` or ``not-open:<licence id>``."""
    alternative: str | None = None
    """Slug of a component that would also do (the research paper for the technical report)."""

    def __init__(self, *, component: str, name: str, reason: str, alternative: str | None = None) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "component", component)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "alternative", alternative)

    def __str__(self) -> str:
        """``Name [reason]``, as in the MOT's derived CSV."""
        suffix = f" ({PAPER_WOULD_DO})" if self.alternative == RESEARCH_PAPER else ""
        return f"{self.name} [{self.reason}{suffix}]"


fast_init(Blocker)


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeWarning:
    """An open licence that is not on the type-appropriate list for the component's type."""

    component: str
    name: str
    license: str
    content_type: ContentType

    @property
    def message(self) -> str:
        """The MOT's wording."""
        return (
            f"{self.name} should have a type-appropriate open license "
            f"({self.license} is not on the {self.content_type.value} list)"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ClassProgress:
    """Progress towards one class."""

    mof_class: int
    passed: int
    """Cumulative items that pass (the paper standing in for the report where it may)."""
    total: int
    """Cumulative items needed (13 for Class I when the paper stands in for the report)."""
    unlocked: bool
    """False while a lower class is incomplete: the MOT then shows 0 %."""
    percent: str
    """As in the MOT's derived CSV: rounded to 2 decimals, e.g. ``83.33``, ``90.0``, ``100.0``."""

    def __init__(self, *, mof_class: int, passed: int, total: int, unlocked: bool, percent: str) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "mof_class", mof_class)
        object.__setattr__(self, "passed", passed)
        object.__setattr__(self, "total", total)
        object.__setattr__(self, "unlocked", unlocked)
        object.__setattr__(self, "percent", percent)

    @property
    def fraction(self) -> Fraction:
        """The exact share shown (0 when locked)."""
        return Fraction(self.passed, self.total) if self.unlocked else Fraction(0)

    @property
    def complete(self) -> bool:
        """True at exactly 100 %."""
        return self.unlocked and self.passed == self.total


fast_init(ClassProgress)


@dataclass(frozen=True, slots=True, kw_only=True)
class MofResult:
    """The MOF verdict for one model."""

    mof_class: int
    """1, 2 or 3; 0 for Unclassified."""
    label: str
    progress: tuple[ClassProgress, ...]
    """Classes III, II and I, in that order."""
    total_progress: str
    """Mean of the three progress values (MOT's "total progress")."""
    next_class: int | None
    """The class the blockers keep it from (None at Class I)."""
    blockers: tuple[Blocker, ...]
    type_warnings: tuple[TypeWarning, ...]
    components: tuple[ComponentResult, ...]
    """All 17, in the MOT's order."""
    ignored: tuple[str, ...] = field(default=())
    """Component keys/names that are not one of the 17 (the MOT cannot use them)."""

    def progress_for(self, mof_class: int) -> ClassProgress:
        """Progress for class 1, 2 or 3."""
        for p in self.progress:
            if p.mof_class == mof_class:
                return p
        raise KeyError(mof_class)

    def component(self, slug: str) -> ComponentResult:
        """The result for one component slug."""
        for c in self.components:
            if c.component.id == slug:
                return c
        raise KeyError(slug)

    @property
    def blocked_by_text(self) -> str:
        """Blockers as one string, ``Name [reason]; ...`` (the derived CSV's format)."""
        return "; ".join(str(b) for b in self.blockers)

    @property
    def type_warnings_text(self) -> str:
        """Names of components with a type warning, ``; ``-joined (the CSV's format)."""
        return "; ".join(w.name for w in self.type_warnings)


# --------------------------------------------------------------------------- computation


def resolve_license(
    decl: ComponentDeclaration, content_type: ContentType, licenses: GlobalLicenses
) -> tuple[str | None, str]:
    """The licence that applies to a listed component and where it came from.

    >>> resolve_license(ComponentDeclaration(), ContentType.CODE,
    ...                 GlobalLicenses(distribution="Apache-2.0"))
    ('Apache-2.0', 'global:distribution')
    >>> resolve_license(ComponentDeclaration(mode=LicenseMode.UNLICENSED), ContentType.CODE,
    ...                 GlobalLicenses(distribution="Apache-2.0"))
    (None, 'component:unlicensed')
    """
    if decl.mode is LicenseMode.UNLICENSED:
        return None, "component:unlicensed"
    if decl.mode is LicenseMode.COMPONENT and decl.license is not None:
        return decl.license, "component"
    typed = licenses.for_type(content_type)
    if typed:
        return typed, f"global:{content_type.value}"
    if licenses.distribution:
        return licenses.distribution, "global:distribution"
    return None, "none"


def _component_result(
    comp: MofComponent, decl: ComponentDeclaration | None, licenses: GlobalLicenses
) -> ComponentResult:
    if decl is None or not decl.included:
        return ComponentResult(
            component=comp,
            included=False,
            license=None,
            license_source="",
            state=ComponentState.MISSING,
        )
    lic, source = resolve_license(decl, comp.content_type, licenses)
    if lic is None:
        return ComponentResult(
            component=comp,
            included=True,
            license=None,
            license_source=source,
            state=ComponentState.UNLICENSED,
        )
    reason = open_reason(lic)
    return ComponentResult(
        component=comp,
        included=True,
        license=lic,
        license_source=source,
        state=ComponentState.OPEN if reason else ComponentState.NOT_OPEN,
        open_reason=reason,
        type_appropriate=is_type_appropriate(lic, comp.content_type),
    )


def format_percent(value: Fraction) -> str:
    """Format a share (0..1) as a percentage the way the MOT's derived CSV does.

    Rounded half-even to 2 decimals, trailing zeros dropped but one decimal kept.

    >>> [format_percent(Fraction(n, d)) for n, d in ((5, 6), (9, 10), (1, 1), (0, 1))]
    ['83.33', '90.0', '100.0', '0.0']
    """
    exact = Decimal(value.numerator * 100) / Decimal(value.denominator)
    text = f"{exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_EVEN):f}"
    if text.endswith("0"):
        text = text[:-1]
    return text


def evaluate(
    components: Mapping[str, ComponentDeclaration],
    licenses: GlobalLicenses | None = None,
) -> MofResult:
    """Classify a model from what it declares, exactly as the Model Openness Tool does.

    Args:
        components: Declarations keyed by component slug (see :data:`COMPONENTS`). A component
            that is absent, or declared with ``included=False``, is missing. Keys that are not
            one of the 17 slugs are ignored and reported in :attr:`MofResult.ignored`.
        licenses: The record's global licences.

    Returns:
        The class, progress per class, blockers for the next class, type warnings and the
        per-component outcome.
    """
    glob = licenses if licenses is not None else GlobalLicenses()
    results = tuple(_component_result(c, components.get(c.id), glob) for c in COMPONENTS)
    by_id = {r.component.id: r for r in results}
    passes = {slug: r.passes for slug, r in by_id.items()}

    paper_stands_in = not passes[TECHNICAL_REPORT] and passes[RESEARCH_PAPER]

    def counts(slug: str, mof_class: int) -> bool:
        # For Classes III and II an open paper may stand in for a failing technical report.
        if slug == TECHNICAL_REPORT and mof_class >= 2:
            return passes[slug] or passes[RESEARCH_PAPER]
        return passes[slug]

    def items(mof_class: int) -> list[str]:
        """Cumulative required items for a class, in the MOT's order."""
        out = [c.id for c in COMPONENTS if c.required and c.mof_class >= mof_class]
        if mof_class == 1 and paper_stands_in:
            out.remove(TECHNICAL_REPORT)  # the paper is required here anyway: 13 items
        return out

    progress: list[ClassProgress] = []
    unlocked = True
    for mof_class in (3, 2, 1):
        needed = items(mof_class)
        passed = sum(counts(s, mof_class) for s in needed)
        share = Fraction(passed, len(needed)) if unlocked else Fraction(0)
        progress.append(
            ClassProgress(
                mof_class=mof_class,
                passed=passed,
                total=len(needed),
                unlocked=unlocked,
                percent=format_percent(share),
            )
        )
        unlocked = unlocked and passed == len(needed)

    mof_class = 0
    for p in progress:  # III, II, I: the last complete one is the most open
        if p.complete:
            mof_class = p.mof_class
    next_class = {0: 3, 3: 2, 2: 1, 1: None}[mof_class]

    blockers: list[Blocker] = []
    if next_class is not None:
        for slug in items(next_class):
            comp = COMPONENTS_BY_ID[slug]
            if comp.mof_class != next_class or counts(slug, next_class):
                continue
            r = by_id[slug]
            blockers.append(
                Blocker(
                    component=slug,
                    name=comp.name,
                    reason=r.reason,
                    alternative=RESEARCH_PAPER if slug == TECHNICAL_REPORT else None,
                )
            )

    warnings = tuple(
        TypeWarning(
            component=r.component.id,
            name=r.component.name,
            license=r.license,
            content_type=r.component.content_type,
        )
        for r in results
        if r.passes and r.license is not None and not r.type_appropriate
    )
    total = sum((p.fraction for p in progress), Fraction(0)) / 3
    return MofResult(
        mof_class=mof_class,
        label=CLASS_LABELS[mof_class],
        progress=tuple(progress),
        total_progress=format_percent(total),
        next_class=next_class,
        blockers=tuple(blockers),
        type_warnings=warnings,
        components=results,
        ignored=tuple(sorted(k for k in components if k not in COMPONENTS_BY_ID)),
    )


# --------------------------------------------------------------------------- MOT records


@dataclass(frozen=True, slots=True, kw_only=True)
class MotRecord:
    """The part of an MOT YAML record the classification reads (normalised once, here)."""

    name: str
    components: Mapping[str, ComponentDeclaration]
    """Keyed by slug. A name listed twice keeps its first entry (see ``duplicates``)."""
    licenses: GlobalLicenses
    positions: Mapping[str, int] = field(default_factory=dict)
    """Index of each slug's entry in ``release.components``."""
    unknown_names: tuple[str, ...] = ()
    """Component names that are not one of the 17 exact MOT names."""
    duplicates: tuple[str, ...] = ()
    """Slugs listed more than once."""


def _text(value: object) -> str | None:
    """A scalar as text; None for None, mappings and lists."""
    if value is None or isinstance(value, Mapping | list | tuple):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _global_name(entry: object) -> str | None:
    # Tolerate a bare string (``distribution: Apache-2.0``) as well as ``{name, path}``.
    name = _text(entry.get("name")) if isinstance(entry, Mapping) else _text(entry)
    return name or None


def parse_mot_record(record: Mapping[str, Any]) -> MotRecord:
    """Read the classification inputs from a parsed MOT record (lenient: never raises).

    Component names are matched exactly and case-sensitively, as in the tool. A component's
    ``license`` key that is absent or null inherits; ``unlicensed`` or ``''`` means no licence.
    """
    release = record.get("release")
    rel: Mapping[str, Any] = release if isinstance(release, Mapping) else {}
    lic = rel.get("license")
    lic_map: Mapping[str, Any] = lic if isinstance(lic, Mapping) else {}
    licenses = GlobalLicenses(
        distribution=_global_name(lic_map.get("distribution")),
        code=_global_name(lic_map.get("code")),
        data=_global_name(lic_map.get("data")),
        document=_global_name(lic_map.get("document")),
    )
    comps: dict[str, ComponentDeclaration] = {}
    positions: dict[str, int] = {}
    unknown: list[str] = []
    dups: list[str] = []
    raw_components = rel.get("components")
    for i, entry in enumerate(raw_components if isinstance(raw_components, list) else []):
        if not isinstance(entry, Mapping):
            continue
        cname = _text(entry.get("name")) or ""
        comp = COMPONENTS_BY_NAME.get(cname)
        if comp is None:
            unknown.append(cname)
            continue
        if comp.id in comps:
            dups.append(comp.id)
            continue
        present = "license" in entry and entry["license"] is not None
        comps[comp.id] = ComponentDeclaration.from_license_value(
            _text(entry.get("license")), present=present
        )
        positions[comp.id] = i
    return MotRecord(
        name=_text(rel.get("name")) or "",
        components=MappingProxyType(comps),
        licenses=licenses,
        positions=MappingProxyType(positions),
        unknown_names=tuple(unknown),
        duplicates=tuple(dups),
    )


def evaluate_mot_record(record: Mapping[str, Any]) -> MofResult:
    """Classify a parsed MOT YAML record."""
    parsed = parse_mot_record(record)
    result = evaluate(parsed.components, parsed.licenses)
    if parsed.unknown_names:
        return _with_ignored(result, parsed.unknown_names)
    return result


def _with_ignored(result: MofResult, names: Iterable[str]) -> MofResult:
    return replace(result, ignored=tuple(sorted({*result.ignored, *names})))


# --------------------------------------------------------------------------- inventory


INCLUDED_STATUSES: Final = frozenset({ComponentStatus.RELEASED})
"""Only a component positively released counts as listed: a partial release (a summary, code
named but not inspected) does not meet MOF's bar for that component."""


def declarations_from_inventory(
    components: Iterable[Component], *, inherit_missing: bool = False
) -> dict[str, ComponentDeclaration]:
    """Turn opengauge's component inventory into MOT inputs.

    A MOF component counts as included when its status is ``released`` (see
    :data:`INCLUDED_STATUSES`); the licence is the inventory's concluded ``Component.license``.
    A component with no concluded licence is ``unlicensed``, or, with ``inherit_missing``,
    inherits the global licences the way a MOT record's component without a ``license`` key does.
    Non-MOF rows are skipped.
    """
    out: dict[str, ComponentDeclaration] = {}
    for c in components:
        if c.id not in COMPONENTS_BY_ID or c.status not in INCLUDED_STATUSES:
            continue
        if c.license:
            out[c.id] = ComponentDeclaration(mode=LicenseMode.COMPONENT, license=c.license)
        elif inherit_missing:
            out[c.id] = ComponentDeclaration(mode=LicenseMode.INHERIT)
        else:
            out[c.id] = ComponentDeclaration(mode=LicenseMode.UNLICENSED)
    return out


def evaluate_inventory(components: Iterable[Component], *,
                       distribution: str | None = None) -> MofResult:
    """Classify opengauge's own component inventory (``Report.components``) the MOT's way.

    ``distribution`` plays the part of a MOT record's ``release.license.distribution``: the
    repository's own licence. As in the MOT, a listed component with no licence of its own
    inherits it. Without it, such components are unlicensed.
    """
    comps = list(components)
    if distribution:
        return evaluate(declarations_from_inventory(comps, inherit_missing=True),
                        GlobalLicenses(distribution=distribution))
    return evaluate(declarations_from_inventory(comps))

"""The assessment report: components, licences, lineage, findings, verdicts and a summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from opengauge.model.evidence import Evidence
from opengauge.model.frozen import fast_init
from opengauge.types import Confidence, EvidenceId, Severity, SourceKind

SCHEMA_VERSION = "1.0"


class ComponentStatus(StrEnum):
    """How far a component is released. ``unknown`` is never ``not_released``."""

    RELEASED = "released"
    PARTIAL = "partially_released"
    NOT_RELEASED = "not_released"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True, kw_only=True)
class Component:
    """One row of the component inventory (MOF component or brief matrix row)."""

    id: str
    """Stable id, e.g. ``model_parameters_final`` or ``brief.training_process``."""
    name: str
    framework: str
    """``mof`` (Model Openness Framework component) or ``brief`` (policy brief matrix row)."""
    status: ComponentStatus
    license: str | None = None
    """Canonical licence id that applies, if known."""
    license_source: str | None = None
    """Where the licence came from (``component``, ``weights``, ``code``, ``global``...)."""
    evidence: tuple[EvidenceId, ...] = ()
    reason: str = ""
    """Why this status: what was found, or why it is unknown."""

    def __init__(
        self,
        *,
        id: str,
        name: str,
        framework: str,
        status: ComponentStatus,
        license: str | None = None,
        license_source: str | None = None,
        evidence: tuple[EvidenceId, ...] = (),
        reason: str = "",
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "framework", framework)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "license", license)
        object.__setattr__(self, "license_source", license_source)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "reason", reason)


fast_init(Component)


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """Something a reader should know: a problem, a conflict, a risk or a note."""

    id: str
    """Stable rule id, e.g. ``OG-CARD-002``."""
    severity: Severity
    message: str
    evidence: tuple[EvidenceId, ...] = ()
    file: str | None = None
    locator: str | None = None

    def __init__(
        self,
        *,
        id: str,
        severity: Severity,
        message: str,
        evidence: tuple[EvidenceId, ...] = (),
        file: str | None = None,
        locator: str | None = None,
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "locator", locator)


fast_init(Finding)


class LicenseRung(StrEnum):
    """Which rung of the resolution ladder decided a licence."""

    SPDX_ID = "spdx-id"
    ALIAS = "alias"
    SPDX_EXPRESSION = "spdx-expression"
    LICENSE_NAME = "license-name"
    LICENSE_LINK = "license-link"
    LICENSE_FILE = "license-file"
    CARD_TEXT = "card-text"
    DECLARED = "declared"
    INHERITED = "inherited"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseSignal:
    """One licence signal read from one place (tag, file, card text, declaration)."""

    license: str | None
    """Canonical id, or None when the signal could not be identified."""
    source: str
    """``front-matter``, ``license-name``, ``license-link``, ``license-file``, ``card-text``,
    ``hub-api``, ``declared`` or ``lineage``."""
    rung: LicenseRung
    file: str
    evidence: tuple[EvidenceId, ...] = ()
    raw: str = ""
    """What was literally written (tag value, title line...)."""
    score: str | None = None
    """Text similarity to the reference, as a decimal string (text identification only)."""
    version: str | None = None
    nearest: tuple[str, ...] = ()
    """Nearest known licences when the text was not identified."""
    differences: tuple[str, ...] = ()
    """Clauses added to or removed from the reference text."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Restriction:
    """A typed restriction found in a licence text, with its quote."""

    type: str
    summary: str
    quote: str = ""
    file: str = ""
    line: int | None = None
    threshold: str | None = None
    license: str | None = None
    source: str = "text"
    """``text`` (quoted from a text we read) or ``knowledge-base`` (known for the licence id)."""
    evidence: tuple[EvidenceId, ...] = ()

    def __init__(
        self,
        *,
        type: str,
        summary: str,
        quote: str = "",
        file: str = "",
        line: int | None = None,
        threshold: str | None = None,
        license: str | None = None,
        source: str = "text",
        evidence: tuple[EvidenceId, ...] = (),
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "summary", summary)
        object.__setattr__(self, "quote", quote)
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "threshold", threshold)
        object.__setattr__(self, "license", license)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "evidence", evidence)


fast_init(Restriction)


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentLicense:
    """The licence(s) that apply to one component type (weights, code, data, documentation)."""

    component: str
    license: str | None
    """Concluded canonical id, or None when unknown."""
    rung: LicenseRung
    signals: tuple[LicenseSignal, ...] = ()
    restrictions: tuple[Restriction, ...] = ()
    evidence: tuple[EvidenceId, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class BaseModelRef:
    """One parent of the assessed model."""

    id: str
    relation: str
    """``finetune``, ``adapter``, ``merge``, ``quantized`` or ``unknown``."""
    evidence: tuple[EvidenceId, ...] = ()
    license: str | None = None
    """Known licence of the parent, when the knowledge base has it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Lineage:
    """How the model derives from others, and the datasets it names."""

    relation: str
    """``none``, ``finetune``, ``adapter``, ``merge``, ``quantized`` or ``unknown``."""
    bases: tuple[BaseModelRef, ...] = ()
    datasets: tuple[str, ...] = ()
    evidence: tuple[EvidenceId, ...] = ()


class CriterionStatus(StrEnum):
    """Result of one framework criterion."""

    MET = "met"
    PARTIAL = "partially_met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionResult:
    """One criterion's outcome with the evidence it used."""

    id: str
    title: str
    status: CriterionStatus
    confidence: Confidence
    message: str
    evidence: tuple[EvidenceId, ...] = ()
    value: str | None = None
    """Framework-specific value (e.g. EOSAI ``open``/``partial``/``closed``)."""
    more_info: str = ""

    def __init__(
        self,
        *,
        id: str,
        title: str,
        status: CriterionStatus,
        confidence: Confidence,
        message: str,
        evidence: tuple[EvidenceId, ...] = (),
        value: str | None = None,
        more_info: str = "",
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "more_info", more_info)


fast_init(CriterionResult)


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class FrameworkVerdict:
    """A framework's overall verdict for the model."""

    framework: str
    version: str
    title: str
    verdict: str
    """Framework-specific verdict string (``pass``, ``class III``, ``downloadable``...)."""
    summary: str
    criteria: tuple[CriterionResult, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Subject:
    """What was assessed."""

    id: str
    source: SourceKind
    revision: str
    revision_pinned: bool
    location: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """The whole assessment of one model snapshot."""

    subject: Subject
    tool_version: str
    evidence: tuple[Evidence, ...]
    components: tuple[Component, ...]
    findings: tuple[Finding, ...]
    licenses: tuple[ComponentLicense, ...] = ()
    lineage: Lineage = field(default_factory=lambda: Lineage(relation="none"))
    verdicts: tuple[FrameworkVerdict, ...] = ()
    summary: Mapping[str, Any] = field(default_factory=dict)
    generated_at: str | None = None
    """Injected by the caller for reproducibility; never read from the clock in the core."""
    schema_version: str = SCHEMA_VERSION

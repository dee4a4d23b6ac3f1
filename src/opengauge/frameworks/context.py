"""The evaluation context every check reads, and the outcome every check returns. Pure.

A :class:`Context` is built once per assessment from the pipeline's outputs (evidence bundle,
component inventory, concluded licences, lineage, claims). Checks are pure functions
``Context -> Outcome``; they never raise to signal a problem in the audited model and they
report missing evidence as ``unknown`` with the reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar, cast

from opengauge import rx
from opengauge.frameworks import mof
from opengauge.frameworks.licensing import LicenseFacts, license_facts, resolve_mention
from opengauge.inventory import is_generative
from opengauge.model.evidence import Evidence, EvidenceBundle
from opengauge.model.frozen import fast_init
from opengauge.model.report import (
    Component,
    ComponentLicense,
    ComponentStatus,
    CriterionStatus,
    Lineage,
)
from opengauge.types import Confidence, EvidenceId, SourceKind

S = ComponentStatus
AVAILABLE = frozenset({S.RELEASED, S.PARTIAL})


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """What a check concluded (the engine adds id, title and ``more_info``)."""

    status: CriterionStatus
    confidence: Confidence
    message: str
    evidence: tuple[EvidenceId, ...] = ()
    value: str | None = None
    """Framework-specific value (EOSAI ``open``/``partial``/``closed``, a percentage...)."""

    def __init__(
        self,
        *,
        status: CriterionStatus,
        confidence: Confidence,
        message: str,
        evidence: tuple[EvidenceId, ...] = (),
        value: str | None = None,
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "value", value)


fast_init(Outcome)


T = TypeVar("T")


def per_context(fn: Callable[[Context], T]) -> Callable[[Context], T]:
    """Derive a fact once per context: several criteria ask for the same one, and a context
    never changes. Lists come back as fresh copies, so a caller may extend what it gets."""
    key = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(ctx: Context) -> T:
        value = ctx.derive(key, lambda: fn(ctx))
        return cast(T, list(value)) if isinstance(value, list) else value

    return wrapper


def ids(*groups: Iterable[Evidence | EvidenceId | str]) -> tuple[EvidenceId, ...]:
    """Sorted unique evidence ids from evidence items and/or ids."""
    out: set[str] = set()
    for g in groups:
        for item in g:
            out.add(item.id if isinstance(item, Evidence) else str(item))
    return cast(tuple[EvidenceId, ...], tuple(sorted(out)))  # (EvidenceId is a str at run time)


def met(message: str, *ev: Iterable[Evidence | EvidenceId | str],
        confidence: Confidence = Confidence.HIGH, value: str | None = None) -> Outcome:
    """A met outcome."""
    return Outcome(status=CriterionStatus.MET, confidence=confidence, message=message,
                   evidence=ids(*ev), value=value)


def partial(message: str, *ev: Iterable[Evidence | EvidenceId | str],
            confidence: Confidence = Confidence.MEDIUM, value: str | None = None) -> Outcome:
    """A partially met outcome."""
    return Outcome(status=CriterionStatus.PARTIAL, confidence=confidence, message=message,
                   evidence=ids(*ev), value=value)


def not_met(message: str, *ev: Iterable[Evidence | EvidenceId | str],
            confidence: Confidence = Confidence.HIGH, value: str | None = None) -> Outcome:
    """A not-met outcome (needs positive evidence)."""
    return Outcome(status=CriterionStatus.NOT_MET, confidence=confidence, message=message,
                   evidence=ids(*ev), value=value)


def unknown(message: str, *ev: Iterable[Evidence | EvidenceId | str],
            value: str | None = "unknown") -> Outcome:
    """An unknown outcome: the message says what is missing."""
    return Outcome(status=CriterionStatus.UNKNOWN, confidence=Confidence.LOW, message=message,
                   evidence=ids(*ev), value=value)


def not_applicable(message: str, *ev: Iterable[Evidence | EvidenceId | str]) -> Outcome:
    """The criterion does not apply to this model."""
    return Outcome(status=CriterionStatus.NOT_APPLICABLE, confidence=Confidence.HIGH,
                   message=message, evidence=ids(*ev))


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseView:
    """A concluded licence for one component type, with where it came from."""

    facts: LicenseFacts
    source: str
    """``licence-stage``, ``component``, ``front-matter``, ``license-file``, ``declared``..."""
    evidence: tuple[EvidenceId, ...] = ()
    restrictions: tuple[str, ...] = ()
    """Restriction types found by the licence stage (text or knowledge base) for this licence."""

    @property
    def id(self) -> str:
        """The licence id."""
        return self.facts.id

    @property
    def restriction_types(self) -> tuple[str, ...]:
        """Restrictions from the licence stage, else the knowledge base's licence-level set."""
        return self.restrictions or self.facts.restriction_types

    @property
    def use_restrictions(self) -> tuple[str, ...]:
        """Restriction types beyond attribution and same-terms conditions."""
        from opengauge.licenses.kb import BENIGN_RESTRICTIONS

        return tuple(r for r in self.restriction_types if r not in BENIGN_RESTRICTIONS)

    @property
    def open_terms(self) -> bool:
        """Known, and allows use, study, modification and sharing for any purpose."""
        return self.facts.open_terms and not self.use_restrictions


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """Everything a check may read about one assessed model."""

    bundle: EvidenceBundle
    components: Mapping[str, Component]
    licenses: Mapping[str, ComponentLicense] = field(default_factory=dict)
    lineage: Lineage = field(default_factory=lambda: Lineage(relation="none"))
    claims: tuple[Any, ...] = ()
    source: SourceKind = SourceKind.LOCAL
    weights: LicenseView | None = None
    code: LicenseView | None = None
    data: LicenseView | None = None
    mof: mof.MofResult | None = None
    generative: bool | None = None
    memo: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)
    """Facts already derived from this (immutable) context; see :func:`per_context`."""

    # ----------------------------------------------------------------- helpers
    def derive(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per context under ``key`` (the context never changes)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return cast(T, self.memo[key])

    @property
    def declared(self) -> bool:
        """True for declaration files (facts declared by a producer, not observed)."""
        return self.source is SourceKind.DECLARATION

    def comp(self, slug: str) -> Component:
        """One inventory row (an ``unknown`` row when the inventory lacks it)."""
        c = self.components.get(slug)
        if c is None:
            return Component(id=slug, name=slug, framework="mof", status=S.UNKNOWN,
                             reason="not in the component inventory")
        return c

    def status(self, slug: str) -> ComponentStatus:
        """Status of one inventory row."""
        return self.comp(slug).status

    def available(self, slug: str) -> bool:
        """Released or partially released."""
        return self.status(slug) in AVAILABLE

    def ev(self, *keys: str) -> list[Evidence]:
        """Evidence with any of these keys (``prefix.*`` selects a prefix)."""
        out: list[Evidence] = []
        for k in keys:
            out += self.bundle.with_prefix(k[:-1]) if k.endswith("*") else self.bundle.by_key(k)
        return out

    def words(self, key: str) -> int:
        """Largest ``words`` attribute among evidence with this key (sections, card body)."""
        best = 0
        for e in self.bundle.by_key(key):
            try:
                best = max(best, int(e.attr("words", "0")))
            except ValueError:
                continue
        return best

    @property
    def card_words(self) -> int:
        """Length of the model card body (0 when there is none)."""
        return self.words("card.body")

    @property
    def substantive_card(self) -> bool:
        """The card is long enough that silence on a topic is itself informative."""
        return self.card_words >= 250 or self.declared

    @property
    def thin_card(self) -> str:
        """Why the card's silence says little, in words: ``no model card`` or ``only a short
        model card (N words)``."""
        n = self.card_words
        return f"only a short model card ({n} words)" if n else "no model card"


def _first_value(bundle: EvidenceBundle, key: str) -> Evidence | None:
    e = bundle.first(key)
    return e if e is not None and e.value.strip() else None


def _view(lid: str | None, source: str, evidence: Sequence[EvidenceId] = (),
          restrictions: Sequence[str] = ()) -> LicenseView | None:
    if not lid or lid.strip().lower() in {"unknown", "unlicensed", "other", "none"}:
        return None
    return LicenseView(facts=license_facts(lid), source=source, evidence=tuple(evidence),
                       restrictions=tuple(restrictions))


def _stage_view(lic: ComponentLicense | None) -> LicenseView | None:
    if lic is None or not lic.license:
        return None
    restr = tuple(sorted({r.type for r in lic.restrictions if r.type != "other"}))
    return _view(lic.license, "licence-stage", lic.evidence, restr)


def _card_license(bundle: EvidenceBundle) -> LicenseView | None:
    tag = _first_value(bundle, "license")
    if tag is not None and tag.value.lower() not in {"other", "unknown"}:
        rid = resolve_mention(tag.value) or tag.value
        return _view(rid, "front-matter", (tag.id,))
    name = _first_value(bundle, "license_name")
    if name is not None:
        rid = resolve_mention(name.value) or f"LicenseRef-{name.value}"
        return _view(rid, "front-matter", (name.id,))
    for f in bundle.by_key("license_file"):
        title = f.attr("title")
        found = resolve_mention(title) if title else None
        if found:
            return _view(found, "license-file", (f.id,))
    return None


def _declared_license(bundle: EvidenceBundle, *keys: str) -> LicenseView | None:
    for key in keys:
        e = _first_value(bundle, f"declared.license.{key}")
        if e is not None:
            return _view(e.value, "declared", (e.id,))
    return None


def build_context(*, bundle: EvidenceBundle, components: Iterable[Component],
                  licenses: Iterable[ComponentLicense] = (), lineage: Lineage | None = None,
                  claims: Iterable[Any] = (), source: SourceKind = SourceKind.LOCAL) -> Context:
    """Assemble the context from the pipeline's stage outputs."""
    comps = {c.id: c for c in components}
    lic = {c.component: c for c in licenses}
    declared = source is SourceKind.DECLARATION

    weights = _stage_view(lic.get("weights"))
    final = comps.get("model_parameters_final")
    if weights is None and final is not None and final.license:
        weights = _view(final.license, "component", final.evidence)
    if weights is None and declared:
        weights = _declared_license(bundle, "weights", "data", "distribution")
    if weights is None and not declared:
        weights = _card_license(bundle)

    code = _stage_view(lic.get("code"))
    if code is None:
        for slug in ("training_code", "inference_code", "model_architecture"):
            c = comps.get(slug)
            if c is not None and c.license and c.license_source in {"code", "component",
                                                                     "global:code"}:
                code = _view(c.license, "component", c.evidence)
                break
    if code is None and declared:
        code = _declared_license(bundle, "code", "distribution")

    data = _stage_view(lic.get("data"))
    if data is None:
        ds = comps.get("datasets")
        if ds is not None and ds.license and ds.license_source in {"data", "component",
                                                                    "global:data"}:
            data = _view(ds.license, "component", ds.evidence)
    if data is None and declared:
        data = _declared_license(bundle, "data")

    # As the MOT does with a record's distribution licence, the repository's own licence
    # (the concluded weights licence of an observed repo) covers listed components that have
    # no licence of their own. Declarations already carry MOT-resolved licences.
    repo_license = weights.id if weights is not None and not declared else None
    mof_result = mof.evaluate_inventory(comps.values(), distribution=repo_license)
    return Context(
        bundle=bundle,
        components=MappingProxyType(comps),
        licenses=MappingProxyType(lic),
        lineage=lineage or Lineage(relation="none"),
        claims=tuple(claims),
        source=source,
        weights=weights,
        code=code,
        data=data,
        mof=mof_result,
        generative=is_generative(bundle),
    )


_NUM = rx.compile(r"(\d+(?:[.,]\d+)*)\s*(k|thousand|m|million|b|bn|billion|t|tn|trillion)?\b",
                  re.IGNORECASE)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
          "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12}


_THOUSANDS_SEP = rx.compile(r",\d{3}\b")


def parse_quantity(text: str) -> float | None:
    """``1,000B`` -> 1e12, ``2 trillion`` -> 2e12, ``314B`` -> 3.14e11 (None if no number)."""
    m = _NUM.search(text)
    if m is None:
        return None
    raw = m.group(1)
    raw = raw.replace(",", "") if _THOUSANDS_SEP.search(raw) else raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return None
    unit = (m.group(2) or "").lower()
    return value * _SCALE.get(unit, 1.0)

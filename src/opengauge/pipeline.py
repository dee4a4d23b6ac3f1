"""The pure assessment pipeline: snapshot -> evidence -> licences -> inventory -> verdicts -> report."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from opengauge import __version__
from opengauge.claims import find_claims
from opengauge.evidence.extract import extract
from opengauge.evidence.lineage import derive_lineage
from opengauge.inventory import LicenseContext, build_inventory
from opengauge.model.evidence import EvidenceBundle
from opengauge.model.report import (
    Component,
    ComponentLicense,
    Finding,
    FrameworkVerdict,
    Lineage,
    Report,
    Subject,
)
from opengauge.model.snapshot import RepoSnapshot
from opengauge.types import SourceKind

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A stage provided by a module that may not be present in this build."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


def assess_snapshot(snap: RepoSnapshot, *, generated_at: str | None = None) -> Report:
    """Assess one snapshot. Pure: same snapshot, same report."""
    ex = extract(snap)
    bundle = ex.bundle
    lineage = derive_lineage(bundle, snap.repo_id)
    findings: list[Finding] = list(ex.findings)

    licenses: tuple[ComponentLicense, ...] = ()
    lic_summary: dict[str, Any] = {}
    analyse = _optional("opengauge.licenses", "analyse")
    if analyse is not None:
        la = analyse(snap, bundle, lineage)
        licenses = tuple(la.licenses)
        findings.extend(la.findings)
        lic_summary = dict(la.summary)
        lineage = getattr(la, "lineage", None) or lineage
    else:
        lic_summary = _fallback_license_summary(bundle)

    ctx = LicenseContext(**{c.component: c.license for c in licenses
                            if c.component in {"weights", "code", "data", "documentation"}})
    if snap.declaration is not None:
        from_decl = _optional("opengauge.evidence.declared", "components_from_declaration")
        components: tuple[Component, ...] = tuple(from_decl(snap, bundle)) if from_decl else ()
    else:
        components = build_inventory(bundle, lineage, ctx,
                                     hub_listing=snap.source == SourceKind.HUB)

    claims = find_claims(bundle)
    verdicts: tuple[FrameworkVerdict, ...] = ()
    verdict_summary: dict[str, Any] = {}
    evaluate = _optional("opengauge.frameworks.evaluate", "evaluate_all")
    if evaluate is not None:
        ev = evaluate(snap=snap, bundle=bundle, components=components, licenses=licenses,
                      lineage=lineage, claims=claims)
        verdicts = tuple(ev.verdicts)
        findings.extend(ev.findings)
        verdict_summary = dict(ev.summary)

    summary: dict[str, Any] = {
        "weights_license": None,
        "declared_license": None,
        "base_models": [b.id for b in lineage.bases],
        "base_relation": lineage.relation,
        "claims_open_source": any(c.kind == "open_source" for c in claims),
        "claims": [f"{c.file}:{c.line}: {c.quote}" for c in claims if c.kind == "open_source"],
        "license_conflict": False,
        "restriction_types": [],
    }
    summary.update(lic_summary)
    summary.update(verdict_summary)
    summary.update(_component_counts(components))
    findings.sort(key=lambda f: (_SEVERITY_ORDER.get(f.severity.value, 9), f.id, f.file or "", f.message))
    return Report(
        subject=Subject(id=snap.repo_id, source=snap.source, revision=snap.revision,
                        revision_pinned=snap.revision_pinned, location=snap.location),
        tool_version=__version__,
        evidence=bundle.items,
        components=components,
        findings=tuple(findings),
        licenses=licenses,
        lineage=lineage,
        verdicts=verdicts,
        summary=summary,
        generated_at=generated_at,
    )


def _component_counts(components: tuple[Component, ...]) -> Mapping[str, Any]:
    counts: dict[str, int] = {}
    for c in components:
        if c.framework == "mof":
            counts[c.status.value] = counts.get(c.status.value, 0) + 1
    return {"components_status": dict(sorted(counts.items()))}


def _fallback_license_summary(bundle: EvidenceBundle) -> dict[str, Any]:
    tag = bundle.first("license")
    return {"declared_license": tag.value if tag else None, "weights_license": None}


def lineage_of(report: Report) -> Lineage:
    """Convenience accessor used by exporters."""
    return report.lineage

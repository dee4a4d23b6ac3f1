"""The pure assessment pipeline: snapshot -> evidence -> licences -> inventory -> verdicts -> report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from opengauge import __version__, patterncache
from opengauge.claims import find_claims
from opengauge.evidence.declared import components_from_declaration
from opengauge.evidence.extract import extract
from opengauge.evidence.lineage import derive_lineage, lineage_findings
from opengauge.frameworks.evaluate import evaluate_all
from opengauge.inventory import LicenseContext, build_inventory
from opengauge.licenses.analyse import analyse
from opengauge.model.report import (
    Component,
    ComponentLicense,
    Finding,
    Report,
    Subject,
)
from opengauge.model.snapshot import RepoSnapshot
from opengauge.types import SourceKind

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}

# every module the pipeline runs is imported now: the patterns they compiled through ``re``
# are kept for the next run to find compiled (:func:`opengauge.patterncache._seed`)
patterncache.remember_imported_patterns()


def preload() -> None:
    """Load every bundled table the pipeline reads (licences, fingerprints, clause patterns,
    lineage families, framework catalogues) now instead of on first use.

    Pure in effect (the tables are cached per process); batch runs call it once before forking
    their workers so that each worker does not pay the cold start again.
    """
    from opengauge import licenses
    from opengauge.evidence.lineage import known_families
    from opengauge.frameworks.catalogue import load_frameworks
    from opengauge.frameworks.facts import osi_families

    licenses.preload()
    known_families()
    load_frameworks()
    osi_families()


def assess_snapshot(snap: RepoSnapshot, *, generated_at: str | None = None) -> Report:
    """Assess one snapshot. Pure: same snapshot, same report."""
    ex = extract(snap)
    bundle = ex.bundle
    lineage = derive_lineage(bundle, snap.repo_id)
    findings: list[Finding] = list(ex.findings)
    findings.extend(lineage_findings(bundle, lineage, snap.repo_id))

    la = analyse(snap, bundle, lineage)
    licenses: tuple[ComponentLicense, ...] = tuple(la.licenses)
    findings.extend(la.findings)
    lineage = la.lineage or lineage

    ctx = LicenseContext(**{c.component: c.license for c in licenses
                            if c.component in {"weights", "code", "data", "documentation"}})
    if snap.declaration is not None:
        components: tuple[Component, ...] = tuple(components_from_declaration(snap, bundle.items))
    else:
        components = build_inventory(bundle, lineage, ctx,
                                     hub_listing=snap.source == SourceKind.HUB)

    claims = find_claims(bundle)
    ev = evaluate_all(snap=snap, bundle=bundle, components=components, licenses=licenses,
                      lineage=lineage, claims=claims)
    findings.extend(ev.findings)

    summary: dict[str, Any] = {
        "weights_license": None,
        "declared_license": None,
        "base_models": [b.id for b in lineage.bases],
        "base_relation": lineage.relation,
        "license_conflict": False,
        "restriction_types": [],
    }
    summary.update(la.summary)
    summary.update(ev.summary)
    summary.update(_component_counts(components))
    findings.sort(key=lambda f: (_SEVERITY_ORDER.get(f.severity._value_, 9), f.id, f.file or "", f.message))
    return Report(
        subject=Subject(id=snap.repo_id, source=snap.source, revision=snap.revision,
                        revision_pinned=snap.revision_pinned, location=snap.location),
        tool_version=__version__,
        evidence=bundle.items,
        components=components,
        findings=tuple(findings),
        licenses=licenses,
        lineage=lineage,
        verdicts=tuple(ev.verdicts),
        summary=summary,
        generated_at=generated_at,
    )


def _component_counts(components: tuple[Component, ...]) -> Mapping[str, Any]:
    counts: dict[str, int] = {}
    for c in components:
        if c.framework == "mof":
            counts[c.status._value_] = counts.get(c.status._value_, 0) + 1
    return {"components_status": dict(sorted(counts.items()))}

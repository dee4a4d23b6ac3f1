"""Markdown report: the same content as JSON, for people."""

from __future__ import annotations

from collections.abc import Mapping

from opengauge.exporters.base import RenderContext
from opengauge.model.evidence import Evidence
from opengauge.model.report import Report


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ").strip()


def _cite(by_id: Mapping[str, Evidence], ids: tuple[str, ...] | list[str], limit: int = 3) -> str:
    parts = []
    for i in list(ids)[:limit]:
        e = by_id.get(i)
        parts.append(f"`{i}` {_where(e)}" if e else f"`{i}`")
    more = len(ids) - limit
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


def _where(e: Evidence) -> str:
    return f"{e.provenance.file} {e.provenance.locator}"


def render(report: Report, ctx: RenderContext) -> str:
    """Render a report as a Markdown document."""
    s = report.summary
    by_id: dict[str, Evidence] = {e.id: e for e in report.evidence}
    out: list[str] = []
    out.append(f"# opengauge report: {report.subject.id}")
    out.append("")
    pin = "" if report.subject.revision_pinned else " (content digest; no commit sha known)"
    out.append(f"- Source: {report.subject.source.value} `{report.subject.location}`")
    out.append(f"- Revision: `{report.subject.revision}`{pin}")
    out.append(f"- Tool: opengauge {report.tool_version}, report schema {report.schema_version}")
    if ctx.generated_at or report.generated_at:
        out.append(f"- Generated: {ctx.generated_at or report.generated_at}")
    out.append("")
    out.append("## Summary")
    out.append("")
    out.append("| key | value |")
    out.append("|---|---|")
    for key in sorted(s):
        val = s[key]
        if isinstance(val, list):
            val = ", ".join(str(v) for v in val) or "(none)"
        elif isinstance(val, dict):
            val = ", ".join(f"{k}: {v}" for k, v in sorted(val.items())) or "(none)"
        elif val is None:
            val = "unknown"
        out.append(f"| {_cell(key)} | {_cell(val)} |")
    out.append("")
    if report.verdicts:
        out.append("## Verdicts")
        out.append("")
        out.append("| framework | verdict | summary |")
        out.append("|---|---|---|")
        for v in report.verdicts:
            out.append(f"| {_cell(v.title)} {_cell(v.version)} | **{_cell(v.verdict)}** | {_cell(v.summary)} |")
        out.append("")
        if ctx.verbose:
            for v in report.verdicts:
                out.append(f"### {v.title} {v.version}")
                out.append("")
                out.append("| criterion | status | confidence | message | evidence |")
                out.append("|---|---|---|---|---|")
                for cr in v.criteria:
                    out.append(f"| {_cell(cr.id)} {_cell(cr.title)} | {cr.status.value} | {cr.confidence.value} | "
                               f"{_cell(cr.message)} | {_cell(_cite(by_id, cr.evidence))} |")
                out.append("")
    out.append("## Components")
    out.append("")
    out.append("| component | framework | status | licence | why | evidence |")
    out.append("|---|---|---|---|---|---|")
    for c in report.components:
        out.append(f"| {_cell(c.name)} | {c.framework} | {c.status.value} | {_cell(c.license or '')} | "
                   f"{_cell(c.reason)} | {_cell(_cite(by_id, c.evidence, 2))} |")
    out.append("")
    if report.licenses:
        out.append("## Licences")
        out.append("")
        for lic in report.licenses:
            out.append(f"### {lic.component}: {lic.license or 'unknown'} (decided by: {lic.rung.value})")
            out.append("")
            if lic.reason:
                out.append(lic.reason)
                out.append("")
            for sig in lic.signals:
                extra = f", score {sig.score}" if sig.score else ""
                out.append(f"- signal `{sig.source}` in {sig.file}: {sig.license or 'unidentified'}"
                           f" (rung {sig.rung.value}{extra}) {('— ' + _cell(sig.raw)) if sig.raw else ''}")
            for r in lic.restrictions:
                where = f"{r.file}:{r.line}" if r.line else (r.file or r.source)
                q = f" — \"{_cell(r.quote)}\"" if r.quote else ""
                out.append(f"- restriction **{r.type}** ({where}): {_cell(r.summary)}{q}")
            out.append("")
    out.append("## Lineage")
    out.append("")
    out.append(f"- Relation: {report.lineage.relation}")
    for b in report.lineage.bases:
        out.append(f"- Base: `{b.id}` ({b.relation}) {_cite(by_id, b.evidence, 2)}")
    if report.lineage.datasets:
        out.append(f"- Datasets named: {', '.join(report.lineage.datasets)}")
    out.append("")
    out.append("## Findings")
    out.append("")
    if not report.findings:
        out.append("No findings.")
    for f in report.findings:
        where = f" ({f.file}{' ' + f.locator if f.locator else ''})" if f.file else ""
        out.append(f"- **{f.severity.value}** `{f.id}`{where}: {_cell(f.message)}")
    out.append("")
    out.append("## Evidence")
    out.append("")
    out.append(f"{len(report.evidence)} facts, each pinned to revision `{report.subject.revision}`.")
    out.append("")
    out.append("| id | kind | key | value | file | locator |")
    out.append("|---|---|---|---|---|---|")
    for e in report.evidence:
        val = e.value if len(e.value) <= 120 else e.value[:117] + "..."
        out.append(f"| `{e.id}` | {e.kind.value} | {_cell(e.key)} | {_cell(val)} | {_cell(e.provenance.file)} | "
                   f"{_cell(e.provenance.locator)} |")
    out.append("")
    return "\n".join(out)

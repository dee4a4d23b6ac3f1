"""Markdown report: the same content as JSON, for people."""

from __future__ import annotations

import re
from collections.abc import Mapping

from opengauge.exporters.base import RenderContext
from opengauge.model.evidence import Evidence
from opengauge.model.report import Report
from opengauge.visible import clip, visible

# Every string here may quote a model card or a Hub listing, so it is written as text: the
# characters that would start markup (HTML tags and entities, emphasis, code spans, table cells,
# and the "](" of a link or image) are backslash-escaped, as CommonMark allows for any ASCII
# punctuation. An underscore inside a word starts no emphasis and stays as it is
# (``acceptable_use_policy``); so do brackets that are no link (``[missing]``): the document
# defines no link references.
_SPECIAL = re.compile(r"[\\`*<&|~]|\](?=[(\[])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_LINE_START = re.compile(r"^(\s*)([#=+>-]|\d+[.)])")


def _flat(text: object) -> str:
    """``text`` on one line (each run of white space one space), controls spelled out."""
    return visible(" ".join(str(text if text is not None else "").split()))


def _cell(text: object) -> str:
    """``text`` as inline Markdown text on one line (a table cell, a list item, a heading)."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), _flat(text))


def _para(text: object) -> str:
    """``text`` as a paragraph of its own: :func:`_cell`, and no heading or list at its start."""
    # (the backslash goes before the punctuation: "1\\." is text, "\\1." would show it)
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], _cell(text),
                           count=1)


def _code(text: object) -> str:
    """``text`` as a code span: fenced with one backtick more than its longest run of them."""
    flat = _flat(text)
    runs = [len(r) for r in re.findall(r"`+", flat)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _cite(by_id: Mapping[str, Evidence], ids: tuple[str, ...] | list[str], limit: int = 3) -> str:
    parts = []
    for i in list(ids)[:limit]:
        e = by_id.get(i)
        parts.append(f"{_code(i)} {_where(e)}" if e else _code(i))
    more = len(ids) - limit
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


def _where(e: Evidence) -> str:
    return f"{_cell(e.provenance.file)} {_cell(e.provenance.locator)}"


def render(report: Report, ctx: RenderContext) -> str:
    """Render a report as a Markdown document."""
    s = report.summary
    by_id: dict[str, Evidence] = {e.id: e for e in report.evidence}
    out: list[str] = []
    out.append(f"# opengauge report: {_cell(report.subject.id)}")
    out.append("")
    pin = "" if report.subject.revision_pinned else " (content digest; no commit sha known)"
    out.append(f"- Source: {report.subject.source.value} {_code(report.subject.location)}")
    out.append(f"- Revision: {_code(report.subject.revision)}{pin}")
    out.append(f"- Tool: opengauge {report.tool_version}, report schema {report.schema_version}")
    if ctx.generated_at or report.generated_at:
        out.append(f"- Generated: {_cell(ctx.generated_at or report.generated_at)}")
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
                               f"{_cell(cr.message)} | {_cite(by_id, cr.evidence)} |")
                out.append("")
    out.append("## Components")
    out.append("")
    out.append("| component | framework | status | licence | why | evidence |")
    out.append("|---|---|---|---|---|---|")
    for c in report.components:
        out.append(f"| {_cell(c.name)} | {c.framework} | {c.status.value} | {_cell(c.license or '')} | "
                   f"{_cell(c.reason)} | {_cite(by_id, c.evidence, 2)} |")
    out.append("")
    if report.licenses:
        out.append("## Licences")
        out.append("")
        for lic in report.licenses:
            out.append(f"### {_cell(lic.component)}: {_cell(lic.license or 'unknown')} (decided by: {lic.rung.value})")
            out.append("")
            if lic.reason:
                out.append(_para(lic.reason))
                out.append("")
            for sig in lic.signals:
                extra = f", score {sig.score}" if sig.score else ""
                out.append(f"- signal {_code(sig.source)} in {_cell(sig.file)}: {_cell(sig.license or 'unidentified')}"
                           f" (rung {sig.rung.value}{extra}) {('— ' + _cell(sig.raw)) if sig.raw else ''}")
            for r in lic.restrictions:
                where = _cell(f"{r.file}:{r.line}" if r.line else (r.file or r.source))
                q = f" — \"{_cell(r.quote)}\"" if r.quote else ""
                out.append(f"- restriction **{_cell(r.type)}** ({where}): {_cell(r.summary)}{q}")
            out.append("")
    out.append("## Lineage")
    out.append("")
    out.append(f"- Relation: {_cell(report.lineage.relation)}")
    for b in report.lineage.bases:
        out.append(f"- Base: {_code(b.id)} ({_cell(b.relation)}) {_cite(by_id, b.evidence, 2)}")
    if report.lineage.datasets:
        out.append(f"- Datasets named: {_cell(', '.join(report.lineage.datasets))}")
    out.append("")
    out.append("## Findings")
    out.append("")
    if not report.findings:
        out.append("No findings.")
    for f in report.findings:
        where = f" ({_cell(f.file)}{' ' + _cell(f.locator) if f.locator else ''})" if f.file else ""
        out.append(f"- **{f.severity.value}** {_code(f.id)}{where}: {_cell(f.message)}")
    out.append("")
    out.append("## Evidence")
    out.append("")
    out.append(f"{len(report.evidence)} facts, each pinned to revision {_code(report.subject.revision)}.")
    out.append("")
    out.append("| id | kind | key | value | file | locator |")
    out.append("|---|---|---|---|---|---|")
    for e in report.evidence:
        out.append(f"| {_code(e.id)} | {e.kind.value} | {_cell(e.key)} | {_cell(clip(e.value, 120))} | {_cell(e.provenance.file)} | "
                   f"{_cell(e.provenance.locator)} |")
    out.append("")
    return "\n".join(out)

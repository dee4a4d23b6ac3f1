"""Terminal report rendered with rich."""

from __future__ import annotations

import io
import os

from opengauge.exporters.base import RenderContext
from opengauge.model.evidence import Evidence
from opengauge.model.report import ComponentStatus, Report
from opengauge.visible import clip
from opengauge.visible import visible as v

_STATUS_STYLE = {
    ComponentStatus.RELEASED: "green",
    ComponentStatus.PARTIAL: "yellow",
    ComponentStatus.NOT_RELEASED: "red",
    ComponentStatus.UNKNOWN: "dim",
    ComponentStatus.NOT_APPLICABLE: "dim",
}
_SEV_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}


def _width(columns: str) -> int:
    """The text width: ``COLUMNS`` when it is a sensible number of columns, else 120."""
    try:
        width = int(columns.strip())
    except ValueError:
        return 120
    return width if 20 <= width <= 1000 else 120


def render(report: Report, ctx: RenderContext) -> str:
    """Render the report as text for a terminal (colour only when stdout is a terminal)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buf = io.StringIO()
    color = os.environ.get("NO_COLOR") is None and _isatty()
    width = _width(os.environ.get("COLUMNS", ""))
    con = Console(file=buf, force_terminal=color, color_system="auto" if color else None, width=width,
                  highlight=False, soft_wrap=False, markup=False, emoji=False)
    # markup and emoji codes off: every string here may quote a model card, and a card's
    # "[/x]" must print as written (rich would fail on it) and ":fire:" stay text
    by_id = {e.id: e for e in report.evidence}
    s = report.summary

    def at(e: Evidence) -> str:
        return v(f"{e.provenance.file} {e.provenance.locator}")

    def where(ids: tuple[str, ...], limit: int = 2) -> str:
        parts = []
        for i in list(ids)[:limit]:
            e = by_id.get(i)  # type: ignore[call-overload]
            if e is not None:
                parts.append(at(e))
        if len(ids) > limit:
            parts.append(f"+{len(ids) - limit}")
        return "; ".join(parts)

    pin = "" if report.subject.revision_pinned else "  (content digest, no commit sha)"
    con.print(Text(v(f"opengauge: {report.subject.id}"), style="bold"))
    con.print(v(f"source {report.subject.source.value}  revision {report.subject.revision}{pin}"))
    con.print()
    con.print(v(f"weights licence: {s.get('weights_license') or 'unknown'}   "
                f"declared: {s.get('declared_license') or '(none)'}   "
                f"conflict: {'yes' if s.get('license_conflict') else 'no'}"))
    if s.get("restriction_types"):
        con.print(v(f"restrictions: {', '.join(s['restriction_types'])}"))
    if s.get("base_models"):
        con.print(v(f"base models ({s.get('base_relation')}): {', '.join(s['base_models'])}"))
    con.print(f"claims open source: {'yes' if s.get('claims_open_source') else 'no'}")
    con.print()
    if report.verdicts:
        vt = Table(title="Verdicts", show_lines=False, expand=False)
        vt.add_column("framework")
        vt.add_column("verdict", style="bold")
        vt.add_column("why")
        for vd in report.verdicts:
            vt.add_row(v(f"{vd.title} {vd.version}"), v(vd.verdict), v(vd.summary))
        con.print(vt)
        if ctx.verbose:
            for vd in report.verdicts:
                ct = Table(title=v(f"{vd.title} criteria"))
                for col in ("id", "status", "conf.", "message", "evidence"):
                    ct.add_column(col)
                for cr in vd.criteria:
                    ct.add_row(v(cr.id), cr.status.value, cr.confidence.value, v(cr.message), where(cr.evidence))
                con.print(ct)
    t = Table(title="Components", expand=False)
    t.add_column("component")
    t.add_column("status")
    t.add_column("licence")
    t.add_column("why")
    t.add_column("from")
    for c in report.components:
        t.add_row(v(c.name), Text(c.status.value, style=_STATUS_STYLE[c.status]), v(c.license or ""),
                  v(c.reason), where(c.evidence))
    con.print(t)
    if report.findings:
        ft = Table(title="Findings", expand=False)
        ft.add_column("severity")
        ft.add_column("id")
        ft.add_column("message")
        shown = report.findings if ctx.verbose else tuple(f for f in report.findings if f.severity.value != "info")
        for f in shown:
            ft.add_row(Text(f.severity.value, style=_SEV_STYLE.get(f.severity.value, "")), v(f.id), v(f.message))
        con.print(ft)
    if ctx.verbose:
        et = Table(title="Facts", expand=False)
        for col in ("id", "kind", "key", "value", "from"):
            et.add_column(col)
        for e in report.evidence:
            et.add_row(e.id, e.kind.value, v(e.key), v(clip(e.value, 100)), at(e))
        con.print(et)
        con.print(f"{len(report.evidence)} facts, each pinned to revision {v(report.subject.revision)}.")
    else:
        con.print(f"{len(report.evidence)} facts with provenance; -v lists every one (as do --format json "
                  "and markdown).")
    return buf.getvalue()


def _isatty() -> bool:
    import sys

    return sys.stdout.isatty()

"""Canonical, deterministic JSON report (schema ``report-1``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson

from opengauge.exporters.base import RenderContext
from opengauge.model.evidence import Evidence
from opengauge.model.report import (
    Component,
    ComponentLicense,
    CriterionResult,
    Finding,
    FrameworkVerdict,
    LicenseSignal,
    Report,
    Restriction,
)


# (an enum member's ``_value_`` is its value, read without the ``value`` property's Python-level
# descriptor: about 300 reads a report)
def _evidence(e: Evidence) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": e.id,
        "kind": e.kind._value_,
        "key": e.key,
        "value": e.value,
        "file": e.provenance.file,
        "locator": e.provenance.locator,
        "revision": e.provenance.revision,
        "extractor": e.provenance.extractor,
    }
    if e.raw is not None:
        d["raw"] = e.raw
    if e.attrs:
        d["attrs"] = dict(e.attrs)
    return d


def _component(c: Component) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "framework": c.framework,
        "status": c.status._value_,
        "license": c.license,
        "license_source": c.license_source,
        "evidence": list(c.evidence),
        "reason": c.reason,
    }


def _finding(f: Finding) -> dict[str, Any]:
    d: dict[str, Any] = {"id": f.id, "severity": f.severity._value_, "message": f.message,
                         "evidence": list(f.evidence)}
    if f.file:
        d["file"] = f.file
    if f.locator:
        d["locator"] = f.locator
    return d


def _signal(s: LicenseSignal) -> dict[str, Any]:
    d: dict[str, Any] = {"license": s.license, "source": s.source, "rung": s.rung._value_,
                         "file": s.file, "evidence": list(s.evidence), "raw": s.raw}
    for k in ("score", "version"):
        v = getattr(s, k)
        if v is not None:
            d[k] = v
    if s.nearest:
        d["nearest"] = list(s.nearest)
    if s.differences:
        d["differences"] = list(s.differences)
    return d


def _restriction(r: Restriction) -> dict[str, Any]:
    return {"type": r.type, "summary": r.summary, "quote": r.quote, "file": r.file, "line": r.line,
            "threshold": r.threshold, "license": r.license, "source": r.source,
            "evidence": list(r.evidence)}


def _license(c: ComponentLicense) -> dict[str, Any]:
    return {"component": c.component, "license": c.license, "rung": c.rung._value_,
            "signals": [_signal(s) for s in c.signals],
            "restrictions": [_restriction(r) for r in c.restrictions],
            "evidence": list(c.evidence), "reason": c.reason}


def _criterion(r: CriterionResult) -> dict[str, Any]:
    d: dict[str, Any] = {"id": r.id, "title": r.title, "status": r.status._value_,
                         "confidence": r.confidence._value_, "message": r.message,
                         "evidence": list(r.evidence)}
    if r.value is not None:
        d["value"] = r.value
    if r.more_info:
        d["more_info"] = r.more_info
    return d


def _verdict(v: FrameworkVerdict) -> dict[str, Any]:
    return {"framework": v.framework, "version": v.version, "title": v.title, "verdict": v.verdict,
            "summary": v.summary, "criteria": [_criterion(c) for c in v.criteria],
            "details": _plain(v.details)}


def _plain(value: Any) -> Any:
    # (texts, numbers and None first: most values are, and they need no test against the
    # Mapping ABC, which costs a call into Python's abc module for every value that is not one)
    if isinstance(value, str | int) or value is None:
        return value
    if isinstance(value, dict | Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return f"{value:.4f}"
    return value


def report_to_dict(report: Report, ctx: RenderContext | None = None) -> dict[str, Any]:
    """The report as plain JSON-able data (schema report-1)."""
    ctx = ctx or RenderContext()
    d: dict[str, Any] = {
        "schema_version": report.schema_version,
        "tool": {"name": "opengauge", "version": report.tool_version},
        "subject": {
            "id": report.subject.id,
            "source": report.subject.source._value_,
            "revision": report.subject.revision,
            "revision_pinned": report.subject.revision_pinned,
            "location": report.subject.location,
        },
        "summary": _plain(dict(report.summary)),
        "components": [_component(c) for c in report.components],
        "licenses": [_license(c) for c in report.licenses],
        "lineage": {
            "relation": report.lineage.relation,
            "bases": [{"id": b.id, "relation": b.relation, "license": b.license,
                       "evidence": list(b.evidence)} for b in report.lineage.bases],
            "datasets": list(report.lineage.datasets),
            "evidence": list(report.lineage.evidence),
        },
        "verdicts": [_verdict(v) for v in report.verdicts],
        "findings": [_finding(f) for f in report.findings],
        "evidence": [_evidence(e) for e in report.evidence],
    }
    generated = ctx.generated_at or report.generated_at
    if generated:
        d["generated_at"] = generated
    return d


def dumps_bytes(doc: Any) -> bytes:
    """:func:`dumps` (compact) as UTF-8 bytes, without decoding orjson's bytes to text first."""
    try:
        return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError
        return dumps(doc).encode("utf-8")


def dumps(doc: Any, *, pretty: bool = False) -> str:
    """Deterministic JSON text: keys sorted, UTF-8 kept, compact or indented by two spaces.

    orjson writes it about seven times faster than the standard library and byte for byte the
    same for report data (floats are already strings there); what orjson refuses (lone
    surrogates, integers beyond 64 bits) goes through the standard library instead.
    """
    option = orjson.OPT_SORT_KEYS | (orjson.OPT_INDENT_2 if pretty else 0)
    try:
        return orjson.dumps(doc, option=option).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError
        if pretty:
            return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)
        return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def render(report: Report, ctx: RenderContext) -> str:
    """Pretty, deterministic JSON document with a trailing newline."""
    return dumps(report_to_dict(report, ctx), pretty=True) + "\n"


def render_line(report: Report, ctx: RenderContext) -> str:
    """One-line JSON (batch mode), deterministic."""
    return dumps(report_to_dict(report, ctx))


def render_line_bytes(report: Report, ctx: RenderContext) -> bytes:
    """:func:`render_line` as UTF-8 bytes (what a batch writes and passes between processes)."""
    return dumps_bytes(report_to_dict(report, ctx))

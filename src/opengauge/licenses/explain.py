"""``opengauge license PATH_OR_ID_OR_-``: explain one licence (pure; the CLI reads the file).

:func:`explain` takes either a licence id / name / URL (one short line) or a licence text, and
returns the id, kind, flags, every restriction with its quote and line, and the differences
from the reference text. :func:`render_explanation_text` prints it as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

from opengauge.licenses.classify import eu_foss, osaid_open
from opengauge.licenses.clauses import find_restrictions
from opengauge.licenses.identify import Candidate, identify_text
from opengauge.licenses.kb import RESTRICTION_TYPES, LicenseEntry, knowledge_base
from opengauge.licenses.resolve import resolve_declared
from opengauge.model.report import Restriction
from opengauge.types import Confidence, LicenseId


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseExplanation:
    """Everything ``opengauge license`` shows."""

    input_kind: str
    """``id`` (an id, name or URL was given) or ``text``."""
    file: str
    license: LicenseId | None
    name: str | None = None
    kind: str | None = None
    match: str = "unknown"
    """``id``, ``license``, ``aup``, ``reference`` or ``unknown``."""
    score: str | None = None
    version: str | None = None
    confidence: Confidence = Confidence.LOW
    osi_approved: bool | None = None
    fsf_libre: bool | None = None
    open_data: bool | None = None
    mot_open: bool | None = None
    osaid_open_weights: bool | None = None
    eu_foss: bool | None = None
    restriction_types: tuple[str, ...] = ()
    """Knowledge-base types for the id, plus the types found in the text."""
    restrictions: tuple[Restriction, ...] = ()
    differences: tuple[str, ...] = ()
    nearest: tuple[Candidate, ...] = ()
    notes: tuple[str, ...] = ()


def _looks_like_id(value: str) -> bool:
    v = value.strip()
    return bool(v) and "\n" not in v and len(v) <= 200 and len(v.split()) <= 8


def _flags(e: LicenseEntry | None) -> tuple[bool | None, bool | None, bool | None, bool | None]:
    """(osi_approved, fsf_libre, open_data, mot_open)."""
    if e is None:
        return None, None, None, None
    return e.osi_approved, e.fsf_libre, e.open_data, e.mot_open


def _kb_restrictions(e: LicenseEntry) -> list[Restriction]:
    return [
        Restriction(
            type=r.type,
            summary=r.summary,
            quote=r.phrase or "",
            threshold=r.threshold,
            license=e.id,
            source="knowledge-base",
        )
        for r in e.restrictions
        if r.type in RESTRICTION_TYPES
    ]


def explain(text_or_id: str, *, file: str) -> LicenseExplanation:
    """Explain a licence given by id/name/URL, or by its text.

    Args:
        text_or_id: a licence id (``llama3.1``, ``Apache-2.0``), a ``license_name``, a licence URL,
            or the full text of a licence file.
        file: where the text came from (``-`` for standard input), recorded on quotes.
    """
    kb = knowledge_base()
    if _looks_like_id(text_or_id):
        res = resolve_declared(text_or_id, None, None)
        if res.license is None:
            res = resolve_declared("other", text_or_id, text_or_id if "/" in text_or_id else None)
        e = kb.get(res.license) if res.license else None
        restrictions = _kb_restrictions(e) if e else []
        osi, fsf, odata, mot = _flags(e)
        return LicenseExplanation(
            input_kind="id",
            file=file,
            license=res.license,
            name=e.name if e else None,
            kind=e.kind if e else None,
            match="id" if e else "unknown",
            version=e.version if e else None,
            confidence=Confidence.HIGH if e else Confidence.LOW,
            osi_approved=osi,
            fsf_libre=fsf,
            open_data=odata,
            mot_open=mot,
            osaid_open_weights=osaid_open(res.license, "weights"),
            eu_foss=eu_foss(res.license),
            restriction_types=tuple(e.restriction_types) if e else (),
            restrictions=tuple(restrictions),
            notes=(res.detail, *(e.notes if e else ())),
        )
    m = identify_text(text_or_id)
    lid = m.license
    e = kb.get(lid) if lid else None
    found = find_restrictions(text_or_id, file=file, license=lid)
    types = set(e.restriction_types) if e and m.kind == "license" else set()
    types.update(r.type for r in found)
    notes = list(m.notes)
    changed = {d.line for d in m.added if d.line is not None}
    added_types = {r.type for r in found if r.line in changed}
    blocking = sorted(
        added_types - {"attribution_notice", "derivative_license_flowdown", "jurisdiction"}
    )
    if lid and blocking:
        notes.append(
            "the text adds clauses to the reference licence (" + ", ".join(blocking) + "); its "
            "flags describe the reference text, not this modified one"
        )
    if e is not None and e.evidence == "proxy":
        notes.extend(e.notes)
    osi, fsf, odata, mot = _flags(e if m.kind == "license" else None)
    return LicenseExplanation(
        input_kind="text",
        file=file,
        license=lid,
        name=e.name if e else None,
        kind=("aup" if m.kind == "aup" else (e.kind if e else None)),
        match=m.kind,
        score=m.score,
        version=m.version,
        confidence=m.confidence,
        osi_approved=osi,
        fsf_libre=fsf,
        open_data=odata,
        mot_open=mot,
        osaid_open_weights=(False if blocking else osaid_open(lid, "weights"))
        if m.kind == "license"
        else None,
        eu_foss=(False if blocking else eu_foss(lid)) if m.kind == "license" else None,
        restriction_types=tuple(t for t in RESTRICTION_TYPES if t in types),
        restrictions=found,
        differences=m.differences,
        nearest=m.nearest,
        notes=tuple(notes),
    )


def _yn(v: bool | None) -> str:
    return "unknown" if v is None else ("yes" if v else "no")


def render_explanation_text(expl: LicenseExplanation) -> str:
    """Plain-text rendering for the terminal."""
    out: list[str] = []
    title = expl.license or "unknown licence"
    if expl.name:
        title += f" ({expl.name})"
    out.append(f"Licence: {title}")
    if expl.match == "aup":
        out.append(f"This is the acceptable use policy of {expl.license}, not the licence itself.")
    elif expl.match == "reference":
        out.append("This text names the licence; it is not the licence text itself.")
    if expl.input_kind == "text":
        out.append(
            f"Match: {expl.match}, similarity {expl.score}, confidence {expl.confidence.value}"
            + (f", version {expl.version}" if expl.version else "")
        )
    elif expl.version:
        out.append(f"Version: {expl.version}")
    if expl.kind:
        out.append(f"Kind: {expl.kind}")
    out.append(
        f"OSI-approved: {_yn(expl.osi_approved)} | FSF-libre: {_yn(expl.fsf_libre)} | "
        f"open-data list: {_yn(expl.open_data)} | MOT open: {_yn(expl.mot_open)} | "
        f"OSAID (weights): {_yn(expl.osaid_open_weights)} | EU FOSS: {_yn(expl.eu_foss)}"
    )
    out.append(
        "Restriction types: "
        + (", ".join(expl.restriction_types) if expl.restriction_types else "none")
    )
    if expl.restrictions:
        out.append("")
        out.append("Restrictions:")
        for r in expl.restrictions:
            where = (
                f"{r.file}:{r.line}"
                if r.line
                else ("knowledge base" if r.source == "knowledge-base" else r.file)
            )
            th = (
                f" [threshold {int(r.threshold):,}]"
                if r.threshold and r.threshold.isdigit()
                else ""
            )
            out.append(f"  - {r.type}{th} ({where}): {r.summary}")
            if r.quote:
                out.append(f'      "{r.quote}"')
    if expl.differences:
        out.append("")
        out.append("Differences from the reference text:")
        out.extend(f"  - {d}" for d in expl.differences)
    if expl.license is None and expl.nearest:
        out.append("")
        out.append("Nearest known licences:")
        out.extend(
            f"  - {c.license} ({c.reference}): score {c.score}, covers {c.ref_coverage} of it"
            for c in expl.nearest
        )
    if expl.notes:
        out.append("")
        out.extend(f"Note: {n}" for n in expl.notes if n)
    return "\n".join(out) + "\n"

"""Licence assembly for one snapshot: signals per component, the governing licence, conflicts.

Pure: a function of the snapshot, its evidence bundle and its lineage. Every signal (front
matter, ``license_name``/``license_link``, licence files, card sections and sentences,
declarations, lineage) is kept; the weights licence is concluded from them by a fixed order of
precedence and any disagreement becomes a finding, never a silent merge.

Finding ids: ``OG-LIC-001`` signals disagree; ``OG-LIC-002`` derivative licence differs from its
base's; ``OG-LIC-003`` non-commercial data under a commercial weights licence; ``OG-LIC-004``
weights and code licences differ (info); ``OG-LIC-005`` no licence for the weights;
``OG-LIC-006`` declaration problems (``other`` without a name, unknown tag); ``OG-LIC-007``
licence text differs from its reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

from opengauge import rx, yamlio
from opengauge.licenses._text import Segment, profile
from opengauge.licenses.clauses import find_restrictions
from opengauge.licenses.identify import TextMatch, identify_text
from opengauge.licenses.kb import (
    BENIGN_RESTRICTIONS,
    RESTRICTION_TYPES,
    LicenseEntry,
    knowledge_base,
)
from opengauge.licenses.resolve import Resolution, resolve_declared
from opengauge.model.evidence import Evidence, EvidenceBundle, EvidenceKind
from opengauge.model.report import (
    BaseModelRef,
    ComponentLicense,
    Finding,
    LicenseRung,
    LicenseSignal,
    Lineage,
    Restriction,
)
from opengauge.model.snapshot import RepoSnapshot
from opengauge.rx import Prefiltered
from opengauge.types import Confidence, EvidenceId, LicenseId, Severity
from opengauge.visible import clip

CONFLICT_FINDINGS = frozenset({"OG-LIC-001", "OG-LIC-002", "OG-LIC-003"})
"""Finding ids that make ``summary.license_conflict`` true."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseAnalysis:
    """Licences per component, licence findings and the summary fragment."""

    licenses: tuple[ComponentLicense, ...]
    findings: tuple[Finding, ...]
    summary: Mapping[str, Any]
    """``weights_license``, ``declared_license``, ``license_conflict``, ``restriction_types``,
    ``osi_approved_weights_license``."""
    lineage: Lineage | None = None
    """The lineage with each base's known licence filled in."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Sig:
    signal: LicenseSignal
    scope: str
    """``weights``, ``code``, ``data``, ``documentation``, ``global``, ``aup`` or ``base``."""
    strength: Confidence = Confidence.MEDIUM
    explicit: bool = False
    """A card sentence that says what licence the *model/weights* are under."""
    modified_of: str | None = None
    """For "a modified version of X": X's id (the signal's own licence is then unknown)."""
    text: tuple[str, str, int] | None = None
    """Governing text: (file, text, line offset)."""
    segments: tuple[Segment, ...] | None = None
    """The governing text cut into sentences, as identifying it did (quoting its restrictions
    needs the same cut: it is made once)."""
    match: TextMatch | None = None


# ---------------------------------------------------------------- families


@dataclass(frozen=True, slots=True, kw_only=True)
class _Family:
    pattern: re.Pattern[str]
    license: str
    source: str


@cache
def family_table() -> tuple[_Family, ...]:
    raw = yamlio.load_data(resources.files("opengauge").joinpath("data", "licenses"),
                           "families.yaml")
    return tuple(
        _Family(
            pattern=rx.compile(f["pattern"], re.IGNORECASE),
            license=f["license"],
            source=f["source"],
        )
        for f in raw["families"]
    )


@lru_cache(maxsize=4096)
def family_license(model_id: str) -> tuple[LicenseId, str] | None:
    """Licence of a well-known upstream model family (``families.yaml``), with its source."""
    mid = model_id.strip()
    for f in family_table():
        if f.pattern.search(mid):
            return LicenseId(f.license), f.source
    return None


# ---------------------------------------------------------------- helpers

_SCOPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aup", rx.compile(r"use[_-]?policy|acceptable[_-]?use|prohibited[_-]?use", re.I)),
    ("weights", rx.compile(r"model|weight|checkpoint|param", re.I)),
    ("code", rx.compile(r"code|software|source", re.I)),
    ("data", rx.compile(r"data", re.I)),
    ("documentation", rx.compile(r"doc", re.I)),
)


def _file_scope(path: str) -> str:
    name = PurePosixPath(path).name
    for scope, pat in _SCOPE_PATTERNS:
        if pat.search(name):
            return scope
    return "global"


_MODIFIED = Prefiltered(
    r"\bmodified\b|\bderived from\b|\bbased on\b|\bvariant of\b|\badapted\b", re.I
)
_NOT_OURS = Prefiltered(
    r"\boriginally licen[sc]ed\b|\bderived from\b|\bbase model\b|\bwere trained\b|\bfine-?tuned from\b"
    r"|\bplease (?:also )?(?:refer|see|check)\b|\bthird[- ]party\b",
    re.I,
)
_MODEL_WORDS = Prefiltered(r"\b(model|models|weights|checkpoints?|parameters)\b", re.I)
_CODE_WORDS = Prefiltered(r"\b(code|repository|repo|software|scripts?)\b", re.I)
_DATA_WORDS = Prefiltered(r"\b(dataset|datasets|data)\b", re.I)
_FAMILY_REF = Prefiltered(
    r"\b(?:original |the )?(meta|llama|gemma|google|mistral|qwen|deepseek|falcon|tii|stability(?: ai)?)"
    r"(?: \d(?:\.\d)?)? (?:community )?licen[sc]e\b",
    re.I,
)
_TRUE = frozenset({"true", "yes", "1", "auto", "manual"})
_USE_BAN = Prefiltered(
    r"\b(?:can ?not|may not|must not|shall not|should not|are not (?:allowed|permitted) to|is not "
    r"(?:allowed|permitted) to) be used (?:for|in|outside (?:of )?)[^.;]{0,40}?(?:commercial|research)"
    r"|\brestricted (?:to|for)\b[^.;]{0,40}?\b(?:research|non-?commercial)\b"
    r"|\blicen[sc]ed (?:only )?for (?:academic |non-?commercial )?research\b",
    re.I,
)
"""A card sentence that forbids uses (research only, no commercial use), as opposed to one
saying what the model is *intended* for ("intended for research purposes only"), which is a
use recommendation and not a term."""


def _sentence_scope(sentence: str) -> tuple[str, bool]:
    """(scope, explicit) of a licence sentence in a card."""
    model = bool(_MODEL_WORDS.search(sentence))
    code = bool(_CODE_WORDS.search(sentence))
    data = bool(_DATA_WORDS.search(sentence))
    if model:
        return "weights", True
    if code and not data:
        return "code", False
    if data and not code:
        return "data", False
    return "weights", False


def _lines(text: str, start: int, end: int) -> str:
    return "\n".join(rx.text_lines(text)[max(start - 1, 0) : end])


def _ev(*evs: Evidence | None) -> tuple[EvidenceId, ...]:
    return tuple(dict.fromkeys(e.id for e in evs if e is not None))


def _entry(lid: str | None) -> LicenseEntry | None:
    return knowledge_base().get(lid) if lid else None


def _base_id(lid: str | None) -> str | None:
    """Map an addendum to the licence it amends; ids stay otherwise."""
    e = _entry(lid)
    if e is not None and e.addendum_of:
        return e.addendum_of
    return lid


_HAS_OPERATOR = rx.compile(r"\s(?:OR|AND)\s")
# (a match starts where a run of spaces starts: tried from every space of a long run, it was quadratic)
_OPERANDS = rx.compile(r"(?<!\s)\s+(?:OR|AND|WITH)\s+|[()]")


def _compatible(a: str, b: str) -> bool:
    """Two ids that do not contradict each other (same id, family tag, expression member)."""
    a, b = _base_id(a) or a, _base_id(b) or b
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        if x == "openrail" and "rail" in y.lower():
            return True
        if _HAS_OPERATOR.search(x) and y in _OPERANDS.split(x):
            return True
    return False


def _describe(s: _Sig) -> str:
    sig = s.signal
    what = sig.license or (
        f"a modified {s.modified_of}" if s.modified_of else "an unidentified licence"
    )
    raw = sig.raw.strip().replace("\n", " ")
    raw = clip(raw, 160)
    where = f"{sig.source} ({sig.file})" if sig.file else sig.source
    return f'{where} says "{raw}" -> {what}'


def _restrictiveness(lid: str | None) -> int:
    e = _entry(_base_id(lid))
    if e is None:
        return 1
    if e.osi_approved or e.kind in ("permissive", "open-data"):
        return 0
    if e.kind == "copyleft":
        return 1
    return 2 + len(e.restriction_types)


# ---------------------------------------------------------------- signal collection


def _front_matter(
    bundle: EvidenceBundle,
) -> tuple[list[_Sig], list[Finding], str | None, str | None]:
    tags = [e for e in bundle.by_key("license") if e.kind == EvidenceKind.CARD_FIELD]
    if not tags:
        tags = [e for e in bundle.by_key("hub.license") if e.value and e.value != "None"]
    name_ev = bundle.first("license_name")
    link_ev = bundle.first("license_link")
    name = name_ev.value if name_ev else None
    link = link_ev.value if link_ev else None
    declared = ", ".join(e.value for e in tags) if tags else None
    sigs: list[_Sig] = []
    findings: list[Finding] = []
    link_file: str | None = None
    resolutions: list[tuple[Resolution, Evidence | None]] = []
    tag_evs: list[Evidence | None] = list(tags) if tags else [None]
    for t in tag_evs:
        res = resolve_declared(t.value if t else None, name, link)
        resolutions.append((res, t))
    if link and tags and resolutions[0][0].rung in (LicenseRung.SPDX_ID, LicenseRung.ALIAS):
        # A known tag with a link as well: the link is its own signal (addenda, contradictions).
        lres = resolve_declared(None, None, link)
        if lres.license:
            sigs.append(
                _Sig(
                    signal=LicenseSignal(
                        license=lres.license,
                        source="license-link",
                        rung=LicenseRung.LICENSE_LINK,
                        file=link_ev.provenance.file if link_ev else "",
                        evidence=_ev(link_ev),
                        raw=link,
                    ),
                    scope="weights",
                    strength=Confidence.HIGH,
                )
            )
        link_file = lres.file
    for res, t in resolutions:
        if res.file:
            link_file = res.file
        if res.license is None:
            if t is not None or name or link:
                findings.append(
                    Finding(
                        id="OG-LIC-006",
                        severity=Severity.LOW,
                        message=f"Declared licence not resolved: {res.detail}",
                        evidence=_ev(t, name_ev, link_ev),
                        file=t.provenance.file if t else None,
                        locator=t.provenance.locator if t else None,
                    )
                )
            continue
        source = {
            LicenseRung.LICENSE_NAME: "license-name",
            LicenseRung.LICENSE_LINK: "license-link",
        }.get(res.rung, "front-matter")
        raw_ev: Evidence | None = {"license-name": name_ev, "license-link": link_ev}.get(source, t)
        src_ev = raw_ev or t
        sigs.append(
            _Sig(
                signal=LicenseSignal(
                    license=res.license,
                    source=source,
                    rung=res.rung,
                    file=src_ev.provenance.file if src_ev else "",
                    evidence=_ev(t, name_ev if source == "license-name" else None, raw_ev),
                    raw=(raw_ev.value if raw_ev else "") or "",
                ),
                scope="weights",
                strength=Confidence.HIGH if res.known else Confidence.MEDIUM,
            )
        )
    return sigs, findings, declared, link_file


def _file_signals(snap: RepoSnapshot, bundle: EvidenceBundle) -> list[_Sig]:
    sigs: list[_Sig] = []
    for ev in bundle.by_key("license_file"):
        path = ev.provenance.file or ev.value
        text = snap.texts.get(path)
        if not text:
            continue
        prof = profile(text)
        m = identify_text(text, prof=prof)
        scope = _file_scope(path)
        if m.kind == "aup" or ev.attr("role") == "use_policy":
            scope = "aup"
        if m.kind == "reference":
            strength = Confidence.LOW
        else:
            strength = m.confidence if m.license else Confidence.LOW
        title = ev.attr("title") or (text.strip().splitlines() or [""])[0]
        sigs.append(_text_sig(m, source="license-file", rung=LicenseRung.LICENSE_FILE, path=path,
                              eid=ev.id, raw=title, scope=scope, strength=strength,
                              text=(path, text, 0), segments=prof.segments))
    return sigs


def _text_sig(m: TextMatch, *, source: str, rung: LicenseRung, path: str, eid: EvidenceId,
              raw: str, scope: str, strength: Confidence, text: tuple[str, str, int],
              segments: tuple[Segment, ...]) -> _Sig:
    """A signal from an identified licence text (a licence file or a card section)."""
    return _Sig(
        signal=LicenseSignal(
            license=m.license,
            source=source,
            rung=rung,
            file=path,
            evidence=(eid,),
            raw=raw[:160],
            score=m.score,
            version=m.version,
            nearest=tuple(c.license for c in m.nearest),
            differences=m.differences[:20],
        ),
        scope=scope,
        strength=strength,
        text=text,
        segments=segments,
        match=m,
    )


def _section_signals(snap: RepoSnapshot, bundle: EvidenceBundle) -> list[_Sig]:
    sigs: list[_Sig] = []
    for ev in bundle.by_key("license_section"):
        path = ev.provenance.file
        text = snap.texts.get(path)
        if not text:
            continue
        try:
            start, end = int(ev.attr("start", "0")), int(ev.attr("end", "0"))
        except ValueError:
            continue
        body = _lines(text, start, end)
        prof = profile(body)
        m = identify_text(body, prof=prof)
        if m.license is None or m.kind != "license" or m.confidence == Confidence.LOW:
            continue
        sigs.append(_text_sig(m, source="card-text", rung=LicenseRung.CARD_TEXT, path=path,
                              eid=ev.id, raw=ev.value, scope="weights", strength=m.confidence,
                              text=(path, body, max(start - 1, 0)), segments=prof.segments))
    return sigs


def _statement_signals(bundle: EvidenceBundle, family_hint: str | None) -> list[_Sig]:
    kb = knowledge_base()
    links: dict[tuple[str, str], list[Evidence]] = {}
    for ln in bundle.with_prefix("link."):
        if ln.kind == EvidenceKind.CARD_LINK:
            links.setdefault((ln.provenance.file, ln.provenance.locator), []).append(ln)
    sigs: list[_Sig] = []
    for ev in bundle.by_key("statement.license"):
        sentence = ev.value
        if _NOT_OURS.search(sentence):
            continue
        scope, explicit = _sentence_scope(sentence)
        found: list[tuple[str | None, str, str | None]] = []  # (id, raw, modified_of)
        hits = kb.mentions(sentence)
        for lid, words, _pos in hits:
            entry = kb.get(lid)
            entry = kb.canonical(entry) if entry else None
            lid2 = entry.id if entry else lid
            modified = bool(_MODIFIED.search(sentence)) or words.startswith("modified")
            if modified:
                base = "MIT" if lid2 == "LicenseRef-modified-mit" else lid2
                found.append((None, sentence, base))
            else:
                found.append((lid2, sentence, None))
        for ln in links.get((ev.provenance.file, ev.provenance.locator), []):
            url = ln.raw or ln.value
            e = kb.alias(url) if url else None
            if e is not None and not any(f[0] == kb.canonical(e).id for f in found):
                found.append((kb.canonical(e).id, f"{sentence} [{url}]", None))
        if not found and family_hint and _FAMILY_REF.search(sentence):
            found.append((family_hint, sentence, None))
        seen: set[tuple[str | None, str | None]] = set()
        for fid, raw, mod in found:
            if (fid, mod) in seen:
                continue
            seen.add((fid, mod))
            sigs.append(
                _Sig(
                    signal=LicenseSignal(
                        license=LicenseId(fid) if fid else None,
                        source="card-text",
                        rung=LicenseRung.CARD_TEXT,
                        file=ev.provenance.file,
                        evidence=(ev.id,),
                        raw=raw[:300],
                    ),
                    scope=scope,
                    strength=Confidence.MEDIUM if explicit else Confidence.LOW,
                    explicit=explicit,
                    modified_of=mod,
                )
            )
    return sigs


_FIELD_LINE = Prefiltered(
    r"^ ?(?:[-*+]\s+)?(?:\*\*|__)?(?:model )?licen[sc]e(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<v>\S.*)$",
    re.IGNORECASE,
)
_MD_URL = rx.compile(
    r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>|(?<![(\w])(https?://[^\s)\]]+)"
)


def _field_line_signals(snap: RepoSnapshot) -> list[_Sig]:
    """``License: X`` lines of the card (model details lists): an explicit statement each."""
    kb = knowledge_base()
    sigs: list[_Sig] = []
    for path in ("README.md", "MODEL_CARD.md", "model_card.md", "README"):
        text = snap.texts.get(path)
        if not text:
            continue
        lines = rx.text_lines(text)
        skip = 0
        if lines and lines[0].strip() == "---":
            # front matter: its ``license:`` key is a tag, read elsewhere
            skip = next((i + 1 for i, ln in enumerate(lines[1:], 1) if ln.strip() == "---"), 0)
        for i in _FIELD_LINE.candidate_lines(lines, skip + 1):
            line = lines[i]
            m = _FIELD_LINE.pattern.match(line)
            if m is None or len(line) > 400:
                continue
            value = m.group("v")
            found: list[tuple[str | None, str | None]] = []
            for lid, words, _pos in kb.mentions(_MD_URL.sub(" ", value)):
                entry = kb.get(lid)
                lid2 = kb.canonical(entry).id if entry else lid
                if _MODIFIED.search(value) or words.startswith("modified"):
                    found.append((None, "MIT" if lid2 == "LicenseRef-modified-mit" else lid2))
                else:
                    found.append((lid2, None))
            if not found:
                for um in _MD_URL.finditer(value):
                    url = next(g for g in um.groups() if g)
                    e = kb.alias(url)
                    if e is not None:
                        found.append((kb.canonical(e).id, None))
            for fid, mod in found[:2]:
                sigs.append(
                    _Sig(
                        signal=LicenseSignal(
                            license=LicenseId(fid) if fid else None,
                            source="card-text",
                            rung=LicenseRung.CARD_TEXT,
                            file=path,
                            raw=line.strip()[:300],
                        ),
                        scope="weights",
                        strength=Confidence.MEDIUM,
                        explicit=True,
                        modified_of=mod,
                    )
                )
        break
    return sigs


_DECLARED_SCOPE = {"weights": "weights", "model": "weights", "parameters": "weights",
                   "document": "documentation", "distribution": "global"}
"""A declaration's licence keys -> the scope of the licence (the rest are scopes already)."""


def _declared_signals(bundle: EvidenceBundle) -> list[_Sig]:
    """A declaration's licences: the global ones (``declared.license.*``; the distribution
    licence covers the whole release) and the one a declared final-parameters component
    carries itself (MOT ``license`` on "Model parameters (Final)")."""
    params = bundle.by_key("declared.component.model_parameters_final")
    # parameters declared "Component not included" are not released: no licence covers them,
    # the release's distribution licence included
    withheld = any(ev.attr("listed_as_not_included") == "true" for ev in params)
    found: list[tuple[Evidence, str, str]] = [
        (ev, ev.value, "release" if withheld and scope == "global" else scope)
        for ev in bundle.with_prefix("declared.license.")
        for scope in (_DECLARED_SCOPE.get(ev.key.removeprefix("declared.license."),
                                          ev.key.removeprefix("declared.license.")),)
    ]
    for ev in params:
        if ev.attr("license_mode") == "component" and ev.attr("license").strip() and not withheld:
            found.append((ev, ev.attr("license").strip(), "weights"))
    sigs: list[_Sig] = []
    for ev, value, scope in found:
        res = resolve_declared(value, None, None)
        if res.license is None:
            res = resolve_declared("other", value, None)
        sigs.append(
            _Sig(
                signal=LicenseSignal(
                    license=res.license,
                    source="declared",
                    rung=LicenseRung.DECLARED,
                    file=ev.provenance.file,
                    evidence=(ev.id,),
                    raw=value,
                ),
                scope=scope,
                strength=Confidence.HIGH,
            )
        )
    return sigs


def _declared_for_weights(decl_sigs: list[_Sig]) -> str | None:
    """What a declaration file (it has no front matter) declares for the weights, as written:
    the final parameters' own licence, else the release's distribution licence."""
    for scope in ("weights", "global"):
        for s in decl_sigs:
            if s.scope == scope and s.signal.raw.strip():
                return s.signal.raw.strip()
    return None


def _readme_fallback(snap: RepoSnapshot) -> list[_Sig]:
    for path in ("README.md", "README", "README.txt", "MODEL_CARD.md"):
        text = snap.texts.get(path)
        if not text:
            continue
        prof = profile(text)
        m = identify_text(text, prof=prof)
        if m.license and m.kind == "license" and m.confidence != Confidence.LOW:
            return [
                _Sig(
                    signal=LicenseSignal(
                        license=m.license,
                        source="card-text",
                        rung=LicenseRung.CARD_TEXT,
                        file=path,
                        raw=(text.strip().splitlines() or [""])[0][:160],
                        score=m.score,
                        version=m.version,
                        nearest=tuple(c.license for c in m.nearest),
                        differences=m.differences[:20],
                    ),
                    scope="weights",
                    strength=m.confidence,
                    text=(path, text, 0),
                    segments=prof.segments,
                    match=m,
                )
            ]
    return []


# ---------------------------------------------------------------- analysis


def _base_licences(lineage: Lineage) -> list[tuple[BaseModelRef, str, str]]:
    out = []
    for b in lineage.bases:
        if b.license:
            out.append((b, b.license, "lineage"))
            continue
        fam = family_license(b.id)
        if fam:
            out.append((b, fam[0], fam[1]))
    return out


def _is_gated(bundle: EvidenceBundle) -> Evidence | None:
    ev = bundle.first("extra_gated_prompt")
    if ev is not None:
        return ev
    for key in ("gated", "hub.gated"):
        for e in bundle.by_key(key):
            if e.value.strip().lower() in _TRUE:
                return e
    return None


def _text_restrictions(s: _Sig, lid: str | None) -> tuple[tuple[Restriction, ...], set[str]]:
    """Restrictions quoted from a governing text, and the types its changes add."""
    if s.text is None:
        return (), set()
    file, text, offset = s.text
    found = find_restrictions(text, file=file, line_offset=offset, license=lid,
                              segments=s.segments)
    found = tuple(replace(r, evidence=s.signal.evidence) for r in found)
    m = s.match
    if lid is None or _entry(lid) is None:
        return found, {r.type for r in found}
    if m is None:
        return found, set()
    changed_lines = {d.line + offset for d in m.added if d.line is not None}
    return found, {r.type for r in found if r.line in changed_lines}


def analyse(snap: RepoSnapshot, bundle: EvidenceBundle, lineage: Lineage) -> LicenseAnalysis:
    """Licences per component, conflicts and the licence summary for one snapshot."""
    kb = knowledge_base()
    findings: list[Finding] = []
    fm_sigs, fm_findings, declared, link_file = _front_matter(bundle)
    findings.extend(fm_findings)
    file_sigs = _file_signals(snap, bundle)
    section_sigs = _section_signals(snap, bundle)
    bases = _base_licences(lineage)
    family_hint = bases[0][1] if bases else None
    if family_hint is None:
        fam = family_license(snap.repo_id)
        family_hint = fam[0] if fam else None
    stmt_sigs = _field_line_signals(snap) + _statement_signals(bundle, family_hint)
    stmt_sigs.sort(key=lambda s: not s.explicit)
    decl_sigs = _declared_signals(bundle)
    readme_sigs: list[_Sig] = []
    if not (fm_sigs or file_sigs or section_sigs or any(s.signal.license for s in stmt_sigs)):
        readme_sigs = _readme_fallback(snap)

    def usable(s: _Sig) -> bool:
        return s.signal.license is not None and s.strength != Confidence.LOW

    weights_files = [s for s in file_sigs if s.scope == "weights" and usable(s)]
    global_files = [s for s in file_sigs if s.scope == "global" and usable(s)]
    explicit = [s for s in stmt_sigs if s.scope == "weights" and s.explicit and s.signal.license]
    code_scope_global = False
    chosen: _Sig | None = None
    reason = ""
    decl_w = [s for s in decl_sigs if s.scope == "weights" and s.signal.license]
    decl_g = [s for s in decl_sigs if s.scope == "global" and s.signal.license]
    if decl_w:
        chosen, reason = decl_w[0], "declared for the weights"
    elif decl_g:
        chosen, reason = decl_g[0], "declared for the whole release (its distribution licence)"
    elif weights_files:
        chosen, reason = weights_files[0], "licence file for the weights"
    elif (
        explicit
        and global_files
        and not any(
            _compatible(str(explicit[0].signal.license), str(g.signal.license))
            for g in global_files
        )
    ):
        chosen, reason = explicit[0], "the card says what licence the model is under"
        code_scope_global = True
    elif global_files and (
        global_files[0].strength == Confidence.HIGH
        or not fm_sigs
        or link_file == global_files[0].signal.file
    ):
        chosen, reason = global_files[0], "licence file identified from its text"
    elif fm_sigs:
        chosen, reason = fm_sigs[0], "declared in the model card metadata"
    elif global_files:
        chosen, reason = global_files[0], "licence file identified from its text"
    elif section_sigs:
        chosen, reason = section_sigs[0], "licence text in the model card"
    elif readme_sigs:
        chosen, reason = readme_sigs[0], "the model card is a licence text"
    else:
        stmts = [s for s in stmt_sigs if s.scope == "weights" and s.signal.license]
        if stmts:
            chosen, reason = stmts[0], "the card names the licence"
    inherited: list[_Sig] = []
    for b, lic, src in bases:
        inherited.append(
            _Sig(
                signal=LicenseSignal(
                    license=LicenseId(lic),
                    source="lineage",
                    rung=LicenseRung.INHERITED,
                    file="",
                    evidence=b.evidence,
                    raw=f"base model {b.id} ({src})",
                ),
                scope="base",
                strength=Confidence.LOW,
            )
        )
    if chosen is None and inherited:
        chosen, reason = inherited[0], "inherited from the base model (nothing declared)"
    if chosen is None and family_hint:
        fam = family_license(snap.repo_id)
        if fam:
            chosen = _Sig(
                signal=LicenseSignal(
                    license=fam[0],
                    source="lineage",
                    rung=LicenseRung.INHERITED,
                    file="",
                    raw=f"model family named in the repository id {snap.repo_id} ({fam[1]})",
                ),
                scope="base",
                strength=Confidence.LOW,
            )
            reason = "inherited from the model family named in the repository id (nothing declared)"
            inherited.append(chosen)
    weights_id = chosen.signal.license if chosen else None
    rung = chosen.signal.rung if chosen else LicenseRung.UNKNOWN
    if weights_id is not None:
        e = kb.get(weights_id)
        if e is not None and e.addendum_of:
            weights_id = LicenseId(e.addendum_of)
    entry = kb.get(weights_id) if weights_id else None

    # ------------------------------------------------ conflicts between the snapshot's signals
    weights_side = [
        *fm_sigs,
        *weights_files,
        *([] if code_scope_global else global_files),
        *section_sigs,
        *readme_sigs,
        *[s for s in stmt_sigs if s.scope == "weights" and (s.signal.license or s.modified_of)],
        *decl_w,
    ]
    # Only the first signal of each licence (or each "modified X") can be in a reported pair:
    # a conflict is reported once per pair of licences, with the first two signals that show it.
    # Comparing the others too made a card listing 8,000 licences take 28 s.
    firsts: dict[tuple[str | None, str | None], _Sig] = {}
    for sig in weights_side:
        held = sig.signal.license
        firsts.setdefault((str(held), None) if held else (None, sig.modified_of), sig)
    weights_side = list(firsts.values())
    conflicts: list[tuple[_Sig, _Sig]] = []
    for i, sa in enumerate(weights_side):
        for sb in weights_side[i + 1 :]:
            la, lb = sa.signal.license, sb.signal.license
            if la and lb and not _compatible(la, lb):
                conflicts.append((sa, sb))
            elif (la is None) != (lb is None):
                known, mod = (sa, sb) if la else (sb, sa)
                if (
                    mod.modified_of
                    and known.signal.license
                    and _compatible(mod.modified_of, str(known.signal.license))
                ):
                    conflicts.append((known, mod))
    if code_scope_global and chosen is not None:
        # The card's statement governs the weights; the generic licence file is taken as the
        # code licence, but the snapshot still contradicts itself.
        conflicts.extend((chosen, g) for g in global_files)
    reported: set[frozenset[str | None]] = set()
    for sa, sb in conflicts:
        key = frozenset(
            {
                sa.signal.license or f"mod:{sa.modified_of}",
                sb.signal.license or f"mod:{sb.modified_of}",
            }
        )
        if key in reported:
            continue
        reported.add(key)
        findings.append(
            Finding(
                id="OG-LIC-001",
                severity=Severity.MEDIUM,
                message=f"Licence signals disagree: {_describe(sa)}; but {_describe(sb)}.",
                evidence=(*sa.signal.evidence, *sb.signal.evidence),
                file=sa.signal.file or None,
            )
        )

    # A sentence of the card that bans commercial use of the model (a research-only notice),
    # where the concluded licence allows it: the snapshot's own terms disagree.
    if (
        chosen is not None
        and chosen.signal.rung != LicenseRung.INHERITED
        and entry is not None
        and entry.kind not in ("non-commercial", "research-only")
        and "commercial_ban" not in entry.restriction_types
    ):
        ban = next(
            (
                ev
                for ev in bundle.by_key("statement.research_only")
                if _USE_BAN.search(ev.value)
                and _MODEL_WORDS.search(ev.value)
                and not _NOT_OURS.search(ev.value)
            ),
            None,
        )
        if ban is not None:
            findings.append(
                Finding(
                    id="OG-LIC-001",
                    severity=Severity.MEDIUM,
                    message=f"Licence signals disagree: {_describe(chosen)}, which allows "
                    f'commercial use; but the card ({ban.provenance.file} '
                    f'{ban.provenance.locator}) says "{clip(ban.value, 160)}".',
                    evidence=(*chosen.signal.evidence, ban.id),
                    file=ban.provenance.file,
                    locator=ban.provenance.locator,
                )
            )

    # ------------------------------------------------ derivative vs base
    if weights_id and chosen is not None and chosen.signal.rung != LicenseRung.INHERITED:
        for b, lic, src in bases:
            if _compatible(str(weights_id), lic):
                continue
            more = _restrictiveness(weights_id) - _restrictiveness(lic)
            if more < 0:
                sev, how = Severity.HIGH, "drops restrictions of the base licence"
            elif more > 0:
                sev, how = Severity.MEDIUM, "is more restrictive than the base licence"
            else:
                sev, how = Severity.MEDIUM, "differs from the base licence"
            findings.append(
                Finding(
                    id="OG-LIC-002",
                    severity=sev,
                    message=(
                        f"The weights are declared as {weights_id} ({_describe(chosen)}), but base "
                        f"model {b.id} is under {lic} ({src}); the declared licence {how}. Check "
                        f"that the base licence allows this."
                    ),
                    evidence=(*chosen.signal.evidence, *b.evidence),
                    file=chosen.signal.file or None,
                )
            )

    # ------------------------------------------------ other components
    comp_sigs: dict[str, list[_Sig]] = {"code": [], "data": [], "documentation": []}
    for s in (*file_sigs, *stmt_sigs, *decl_sigs):
        if s.scope in comp_sigs and (s.signal.license or s.signal.source == "license-file"):
            comp_sigs[s.scope].append(s)
    for g in global_files:
        has_code_file = any(s.signal.source == "license-file" for s in comp_sigs["code"])
        if code_scope_global or g is not chosen or not has_code_file:
            comp_sigs["code"].append(g)

    components: list[ComponentLicense] = []
    # weights
    restrictions: list[Restriction] = []
    types: set[str] = set()
    addenda = [
        s
        for s in (*fm_sigs, *stmt_sigs, *file_sigs)
        if s.signal.license
        and (e2 := kb.get(s.signal.license)) is not None
        and e2.addendum_of
        and e2.addendum_of == weights_id
    ]
    # (an addendum named by two signals, the card's text and a link, adds its terms once)
    ents = {e.id: e for e in filter(None, [entry, *[kb.get(s.signal.license) for s in addenda]])}
    for ent in ents.values():
        types.update(ent.restriction_types)
        for r in ent.restrictions:
            if r.type not in RESTRICTION_TYPES:
                continue
            restrictions.append(
                Restriction(
                    type=r.type,
                    summary=r.summary,
                    quote=r.phrase or "",
                    threshold=r.threshold,
                    license=ent.id,
                    source="knowledge-base",
                )
            )
    governing = chosen
    if (
        chosen is None
        or chosen.signal.rung == LicenseRung.INHERITED
        or (chosen.text is None and entry is None)
    ):
        # No identified licence, or one named (``license: other`` + ``license_name``...) that
        # the knowledge base does not know and no text came with: an unidentified licence
        # file still tells what it restricts.
        governing = next(
            (
                s
                for s in file_sigs
                if s.signal.license is None and s.scope in ("weights", "global") and s.text
            ),
            chosen,
        )
    if governing is not None and governing.text is not None:
        # (the named licence's own restrictions when the card links to this very file)
        owner = governing is chosen or (
            chosen is not None and link_file is not None and governing.signal.file == link_file
        )
        quoted, added_types = _text_restrictions(governing, weights_id if owner else None)
        restrictions.extend(quoted)
        types.update(added_types)
    if chosen is not None and weights_id is not None:
        # An unidentified licence file beside the concluded licence: the use restrictions its
        # text adds are terms of this repository too, and the two signals disagree.
        for other in file_sigs:
            if other is governing or other.signal.license is not None or other.scope not in (
                    "weights", "global") or other.text is None:
                continue
            found, _ = _text_restrictions(other, None)
            extra = [r for r in found if r.type not in types and r.type not in BENIGN_RESTRICTIONS]
            if not extra:
                continue
            restrictions.extend(extra)
            types.update(r.type for r in extra)
            terms = ", ".join(f"{r.type} (line {r.line})" for r in extra)
            findings.append(
                Finding(
                    id="OG-LIC-001",
                    severity=Severity.MEDIUM,
                    message=f"Licence signals disagree: {_describe(chosen)}; but "
                    f"{_describe(other)}, whose text adds {terms}, which {weights_id} does not "
                    "have.",
                    evidence=(*chosen.signal.evidence, *other.signal.evidence),
                    file=other.signal.file or None,
                )
            )
    gate = _is_gated(bundle)
    if gate is not None and "gating_registration" not in types:
        types.add("gating_registration")
        restrictions.append(
            Restriction(
                type="gating_registration",
                summary="Access is gated on the Hub: users must accept terms or register first.",
                quote=gate.value[:300],
                file=gate.provenance.file,
                source="text",
                evidence=(gate.id,),
            )
        )
    w_signals = [
        s.signal
        for s in (
            *fm_sigs,
            *[f for f in file_sigs if f.scope in ("weights", "global", "aup")],
            *section_sigs,
            *readme_sigs,
            *[s for s in stmt_sigs if s.scope == "weights"],
            *decl_w,
            *inherited,
        )
    ]
    if chosen is not None and chosen.signal not in w_signals:
        w_signals.append(chosen.signal)
    if weights_id is None:
        findings.append(
            Finding(
                id="OG-LIC-005",
                severity=Severity.MEDIUM,
                message="No licence could be determined for the weights"
                + (f" ({len(w_signals)} unidentified signal(s))" if w_signals else "")
                + ".",
            )
        )
    elif rung == LicenseRung.INHERITED:
        findings.append(
            Finding(
                id="OG-LIC-005",
                severity=Severity.LOW,
                message=f"No licence is declared for the weights; {weights_id} is assumed from "
                f"{chosen.signal.raw if chosen else 'lineage'}.",
                evidence=chosen.signal.evidence if chosen else (),
            )
        )
    for s in (*file_sigs, *section_sigs, *readme_sigs):
        m = s.match
        if m is not None and m.license and (m.modified or m.removed) and m.kind == "license":
            adds = [d.render() for d in m.added if d.change in ("added", "changed")][:3]
            if not adds and not m.removed:
                continue
            findings.append(
                Finding(
                    id="OG-LIC-007",
                    severity=Severity.MEDIUM if adds else Severity.LOW,
                    message=f"{s.signal.file} differs from the reference text of {m.license} "
                    f"(score {m.score}): "
                    + (
                        "; ".join(adds)
                        if adds
                        else f"{len(m.removed)} reference sentence(s) missing"
                    ),
                    evidence=s.signal.evidence,
                    file=s.signal.file,
                )
            )
    components.append(
        ComponentLicense(
            component="weights",
            license=weights_id,
            rung=rung,
            signals=tuple(w_signals),
            restrictions=tuple(sorted(restrictions, key=lambda r: (r.type, r.line or 0, r.source))),
            evidence=chosen.signal.evidence if chosen else (),
            reason=reason or "no licence signal for the weights",
        )
    )
    comp_ids: dict[str, str | None] = {"weights": weights_id}
    for comp, sigs in comp_sigs.items():
        if not sigs:
            continue
        best = next((s for s in sigs if s.signal.license and s.strength != Confidence.LOW), None)
        best = best or next((s for s in sigs if s.signal.license), None)
        lid = best.signal.license if best else None
        comp_ids[comp] = lid
        components.append(
            ComponentLicense(
                component=comp,
                license=lid,
                rung=best.signal.rung if best else LicenseRung.UNKNOWN,
                signals=tuple(s.signal for s in sigs),
                evidence=best.signal.evidence if best else (),
                reason=f"{best.signal.source} {best.signal.file}".strip()
                if best
                else "unidentified",
            )
        )
    data_e = _entry(comp_ids.get("data"))
    if (
        data_e is not None
        and entry is not None
        and data_e.kind == "non-commercial"
        and entry.kind not in ("non-commercial", "research-only")
    ):
        findings.append(
            Finding(
                id="OG-LIC-003",
                severity=Severity.HIGH,
                message=f"The data licence is {data_e.id} (non-commercial) while the weights are "
                f"under {entry.id}, which allows commercial use.",
            )
        )
    code_id = comp_ids.get("code")
    if code_id and weights_id and not _compatible(code_id, str(weights_id)):
        findings.append(
            Finding(
                id="OG-LIC-004",
                severity=Severity.INFO,
                message=f"Weights ({weights_id}) and code ({code_id}) are under different licences.",
            )
        )

    new_bases = tuple(
        replace(b, license=b.license or next((lic for bb, lic, _ in bases if bb is b), None))
        for b in lineage.bases
    )
    summary = {
        "weights_license": weights_id,
        "declared_license": declared if declared is not None else _declared_for_weights(decl_sigs),
        "license_conflict": any(f.id in CONFLICT_FINDINGS for f in findings),
        "restriction_types": sorted(t for t in types if t in RESTRICTION_TYPES),
        "osi_approved_weights_license": (entry.osi_approved if entry else None)
        if weights_id
        else None,
    }
    return LicenseAnalysis(
        licenses=tuple(components),
        findings=tuple(findings),
        summary=summary,
        lineage=replace(lineage, bases=new_bases),
    )


def signals_of(analysis: LicenseAnalysis, component: str) -> Iterable[LicenseSignal]:
    """The signals recorded for one component."""
    for c in analysis.licenses:
        if c.component == component:
            yield from c.signals

"""Find claims of openness about the model itself in its card. Pure.

A claim is a statement that *this* model (or the release or family containing it)
is open source / open-sourced / fully open, including comparatives that place it
among open-source models ("outperforms other open-source models"). Not claims:
"open weights", "open model", "open access"; statements about open-source code,
data, libraries or communities; comparisons that exclude the model; citation blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from opengauge import rx
from opengauge.model.evidence import Evidence, EvidenceBundle
from opengauge.rx import Prefiltered
from opengauge.types import EvidenceId

_OS = r"open[- ]?sourc(?:e|ed|ing)|fully[- ]open|completely open|100% open"
_CLAIM_PATTERNS: tuple[Prefiltered, ...] = tuple(
    Prefiltered(p, re.IGNORECASE)
    for p in (
        # "we open-source X", "have open-sourced", "made ... open source"
        r"\b(we|they|team|lab|company|\w+ ai)\b[^.]{0,40}\b(open[- ]?sourc(e|ed|ing)|are releasing .{0,40}open[- ]?source)\b",
        r"\b(have|has|had|was|were|been|being|is|are)\s+(now\s+)?(fully\s+)?open[- ]?sourced\b",
        # "the model is open source", "our weights are fully open-source" (the predicate alone;
        # "fully open" alone is left out: "fully open for academic research" is no such claim)
        r"\b(models?|llms?|checkpoints?|weights)\s+(is|are)\s+(now\s+)?(also\s+)?(fully\s+|completely\s+|100%\s+)?"
        r"open[- ]?source\b",
        r"\bmade\b[^.]{0,80}\bopen[- ]?source\b",
        # "X is (a|an|the) ... open-source (LLM|model)"
        r"\b(is|are|as)\s+(a|an|the|our)?\s*[^.]{0,60}?\b(" + _OS + r")\b[^.]{0,40}\b(models?|llms?|language models?|releases?|series|family|checkpoints?|weights|ai|alternative|reproduction|foundation models?)\b",
        # comparatives placing the model among open-source models
        r"\b(other|comparable|similar(ly)?[- ]sized|best|top|leading|strongest|most capable|state[- ]of[- ]the[- ]art|sota|among|of all|outperform\w*)\b[^.]{0,40}\b(" + _OS + r")\b[^.]{0,30}\b(models?|llms?|chat models?|alternatives?)\b",
        # titles / headlines: "Open-Source ... LLM", "a fully open LLM"
        r"\b(a|an|the|this|new|first|our)\s+(new\s+)?(standard\s+for\s+)?(" + _OS + r")\b",
        r"^\s*(" + _OS + r")\b",
        r"\binitiative for\b[^.]{0,40}\b(" + _OS + r")\b",
    )
)
_NOT_ABOUT_MODEL = Prefiltered(
    r"\b(" + _OS + r")\s+(\w+\s+)?(code|codebase|initiative|extension|recreation|alternative to|datasets?|data|librar(y|ies)|tools?|toolkit|framework|communit(y|ies)|"
    r"projects?|software|implementation|repositor(y|ies)|contributors|ecosystem|instruction datasets?|"
    r"ai community|nlp framework|extensions?|initiative|recreation|"
    r"licen[sc]es?|efforts?|movement|research|evaluation|inference|training (code|framework)|packages?)\b",
    re.IGNORECASE,
)
_SUBJECT_NOT_MODEL = Prefiltered(
    r"\b(tools?|code|codebase|scripts?|librar(y|ies)|datasets?|data|framework|toolkit|recipes?|"
    r"pipelines?|implementation)\b[^.]{0,40}\b(is|are|were|was|have been|has been|be)\s+"
    r"(fully\s+)?(" + _OS + r")",
    re.IGNORECASE,
)
_ABOUT_BASE = Prefiltered(
    r"\b(started from|based on|fine-?tuned (from|on)|built (on|upon)|derived from|distilled from)"
    r"\b[^.]{0,60}\b(" + _OS + r")",
    re.IGNORECASE,
)
_DATA_AFTER = Prefiltered(r"\b(" + _OS + r")\b[^.]{0,50}\b(dataset|corpus|corpora)\b", re.IGNORECASE)
_MODEL_AFTER = Prefiltered(r"\b(" + _OS + r")\b[^.]{0,50}\b(models?|llms?)\b", re.IGNORECASE)
_COMPARATIVE = Prefiltered(
    r"\b(outperform\w*|surpass\w*|higher than|better than|beats?|exceed\w*|ahead of|"
    r"comparable (performance )?(with|to)|on par with|compared (to|with)|versus|vs\.?|"
    r"advantage over|superior to|lead over)\b"
    r"(?P<between>[^.]{0,80}?)\b(" + _OS + r")",
    re.IGNORECASE,
)
_INCLUSIVE = Prefiltered(r"\b(other|comparable|similar(ly)?[- ]sized|fellow)\b", re.IGNORECASE)
_COMPARISON_EXCLUDING = Prefiltered(
    r"\b(outperform\w*|compar\w+ (to|with)|better than|surpass\w*|beats?)\s+(many|most|all|several|some|the|existing|available|popular|current|leading|other)?\s*(of\s+the\s+)?(available|existing|popular|current)\s+(" + _OS + r")",
    re.IGNORECASE,
)
_NEGATED = Prefiltered(r"\bnot\s+(an?\s+)?(" + _OS + r")|\bisn't\s+(" + _OS + r")|\bno longer\b", re.IGNORECASE)
_CLAIM_SECTIONS = ("citation",)


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One claim of openness, quoted."""

    kind: str
    """``open_source`` (a claim the tool checks) or ``open_weights`` (an honest, narrower claim)."""
    quote: str
    file: str
    line: int
    evidence: EvidenceId


_MODEL_CLAIM = Prefiltered(r"(" + _OS + r")[^.]{0,30}\b(models?|llms?|weights|release)\b", re.IGNORECASE)


def _is_claim(ev: Evidence) -> bool:
    text = ev.value
    section = ev.attr("section")
    if any(s in section for s in _CLAIM_SECTIONS):
        return False
    low = rx.fold(text)  # (lower-cased once: each pattern pre-checks its literals in it)
    if _NEGATED.search_folded(text, low):
        return False
    if _COMPARISON_EXCLUDING.search_folded(text, low):
        return False
    comp = _COMPARATIVE.search_folded(text, low)
    if comp and not _INCLUSIVE.search(comp.group("between")[-30:]):
        return False  # a comparison with open-source models that does not include this one
    if _SUBJECT_NOT_MODEL.search_folded(text, low) or _ABOUT_BASE.search_folded(text, low):
        return False
    if _DATA_AFTER.search_folded(text, low) and not _MODEL_AFTER.search_folded(text, low):
        return False
    if not any(p.search_folded(text, low) for p in _CLAIM_PATTERNS):
        return False
    if _NOT_ABOUT_MODEL.search_folded(text, low):
        # keep only if there is also an explicit claim about models
        return _MODEL_CLAIM.search_folded(text, low) is not None
    return True


def _quote(text: str, phrase: str, limit: int = 160) -> str:
    if len(text) <= limit:
        return text
    idx = text.lower().find(phrase.lower())
    start = max(0, idx - limit // 2)
    return ("..." if start else "") + text[start : start + limit].strip() + "..."


_OPEN_SOURCE = rx.compile(_OS, re.IGNORECASE)


def find_claims(bundle: EvidenceBundle) -> tuple[Claim, ...]:
    """Every openness claim in the card (title, body), each with its quote and line."""
    out: list[Claim] = []
    seen: set[tuple[str, int]] = set()
    candidates = list(bundle.by_key("statement.open_source")) + [
        e for e in bundle.by_key("card.title") if _OPEN_SOURCE.search(e.value)
    ]
    for ev in candidates:
        if ev.key == "card.title" or _is_claim(ev):
            line = ev.provenance.line
            key = (ev.provenance.file, line)
            if key in seen:
                continue
            seen.add(key)
            out.append(Claim(kind="open_source", quote=_quote(ev.value, ev.attr("phrase") or "open"),
                             file=ev.provenance.file, line=line, evidence=ev.id))
    for ev in bundle.by_key("statement.open_weights"):
        if ev.attr("section") and "citation" in ev.attr("section"):
            continue
        line = ev.provenance.line
        out.append(Claim(kind="open_weights", quote=_quote(ev.value, ev.attr("phrase") or "open"),
                         file=ev.provenance.file, line=line, evidence=ev.id))
    return tuple(sorted(out, key=lambda c: (c.file, c.line, c.kind)))

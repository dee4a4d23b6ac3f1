"""Which linked papers and reports are the model's own, not references it cites. Pure.

A card links many papers: its own preprint or technical report, and the benchmarks,
architectures and datasets it cites. Only its own counts as a released technical report or
research paper (MOF), a preprint or paper (EOSAI). Shared by the inventory and the framework
facts, so that both say the same.

An item counts as the model's own when it is in the card's citation section, or its link text
names the model's family (``DeepSeek-R1`` -> ``deepseek``) or says nothing but "paper", "report",
"arXiv", "link"... An ``arxiv:`` tag in the front matter counts too.
"""

from __future__ import annotations

import re

from opengauge import rx
from opengauge.evidence.cardbody import POINTER_WORDS, link_words
from opengauge.model.evidence import Evidence, EvidenceBundle
from opengauge.rx import Prefiltered

_LINE = rx.compile(r"^L(\d+)")
_NAME_TOKEN = rx.compile(r"[A-Za-z][A-Za-z0-9]*")
GENERIC_LINK_WORDS = frozenset({
    "", "a", "the", "our", "this", "see", "read", "full", "link", "here", "paper", "papers",
    "arxiv", "preprint", "technical", "tech", "report", "pdf", "abs", "abstract", "publication",
    "on", "at", "in", "for", "more", "details", "click", "available", "official", "research",
})
"""Words a link text may consist of and still be about the card's own paper ("Paper", "arXiv")."""
_DOC_WORD = Prefiltered(r"\b(?:paper|report|preprint|arxiv|publication|technical report)s?\b",
                       re.IGNORECASE)
"""What a pointing link's lead must name to point at the card's own paper."""
_ARXIV_LIKE = rx.compile(r"arxiv\.org|huggingface\.co/papers/|^\d{4}\.\d{4,5}(v\d+)?$",
                         re.IGNORECASE)
_REPORT_TEXT = Prefiltered(r"\b(technical report|tech(nical)? report|white ?paper|report|paper)\b",
                          re.IGNORECASE)
_BLOG = Prefiltered(r"\bblog\b|/blog/|\bnews\b|announcement", re.IGNORECASE)
VENUE = Prefiltered(r"aclanthology|aclweb|openreview|jmlr|neurips|nips\.cc|proceedings|"
                    r"ieeexplore|dl\.acm|springer|nature\.com|science\.org|doi\.org|pmlr|icml|"
                    r"iclr|aaai|mlsys|tacl|transactions", re.IGNORECASE)
"""Hosts and words of peer-reviewed venues."""


def line_of(e: Evidence) -> int | None:
    """First line of an evidence item's locator (``L12`` or ``L12-L30``), if it has one."""
    m = _LINE.match(e.provenance.locator or "")
    return int(m.group(1)) if m else None


def in_sections(bundle: EvidenceBundle, e: Evidence, *kinds: str) -> bool:
    """The item lies in a card section of one of these kinds: the innermost classified section
    around its line decides (a "Training" section under a level-1 "Uses" heading is training,
    not intended use; an unclassified heading inherits the kinds of the one around it). An item
    without a line is placed by its ``section`` attribute."""
    line = line_of(e)
    if line is None:
        section = e.attr("section")
        return any(k in section for k in kinds)
    return not _innermost_kinds(bundle, e.provenance.file, line).isdisjoint(kinds)


def _innermost_kinds(bundle: EvidenceBundle, file: str | None, line: int) -> set[str]:
    """Kinds of the innermost classified card section holding this line of this file."""
    found: set[str] = set()
    start_found = -1
    for s in bundle.derived("papers.sections_inner_first", lambda: _sections_inner_first(bundle)):
        start, end = int(s.attr("start", "0")), int(s.attr("end", "0"))
        if found and start != start_found:
            break
        if s.provenance.file == file and start <= line <= end:
            found.add(s.key.removeprefix("section."))
            start_found = start
    return found


def _sections_inner_first(bundle: EvidenceBundle) -> list[Evidence]:
    """Classified sections (not ``section.other``), the latest-starting first."""
    out = []
    for s in bundle.with_prefix("section."):
        if s.key == "section.other":
            continue
        try:
            out.append((-int(s.attr("start", "0")), int(s.attr("end", "0")), s))
        except ValueError:
            continue
    out.sort(key=lambda t: (t[0], t[1]))
    return [s for _, _, s in out]


def subject_id(bundle: EvidenceBundle) -> str:
    """The assessed repository id, as the evidence records it (``org/name``)."""
    for e in bundle.items:
        if e.provenance.repo:
            return str(e.provenance.repo)
    return ""


def name_stem(repo_id: str) -> str:
    """The model family word of a repository id.

    >>> name_stem("deepseek-ai/DeepSeek-R1"), name_stem("org/7b-x")
    ('deepseek', '')
    """
    name = repo_id.rsplit("/", 1)[-1]
    for m in _NAME_TOKEN.finditer(name):
        stem = m.group(0).rstrip("0123456789").lower()
        if len(stem) >= 3:
            return stem
    return ""


def name_acronym(repo_id: str) -> str:
    """The initials a repository name is known by: each word's first letter, short words
    (``xl``, ``lm``) whole, numbers left out.

    >>> name_acronym("stabilityai/stable-diffusion-xl-base-1.0")
    'sdxlb'
    """
    words = _NAME_TOKEN.findall(repo_id.rsplit("/", 1)[-1].lower())
    return "".join(w if len(w) <= 2 else w[0] for w in words if w.isalpha())


def own_link_text(stem: str, e: Evidence, acronym: str = "") -> bool:
    """The link's text names the model family ``stem`` (or the name's ``acronym``: "SDXL
    report" for stable-diffusion-xl) or is generic ("Paper", "arXiv")."""
    text = e.attr("text").strip().lower()
    if stem and stem in text.replace(" ", "").replace("-", ""):
        return True
    if not text or text == e.value.lower():
        return False
    words = link_words(text)
    if len(acronym) >= 3 and any(len(w) >= 3 and acronym.startswith(w) for w in words):
        return True
    if not words or not words <= GENERIC_LINK_WORDS:
        return False
    if words <= POINTER_WORDS:
        # "here", "link": what the words before it say it points to decides ("Paper: [Link]",
        # "Link to paper: [here]" are the card's own; "The methodology used ... can be found
        # [here]" cites someone else's)
        lead = e.attr("lead").lower()
        return bool(_DOC_WORD.search(lead)) or bool(stem and stem in lead.replace(" ", "").replace("-", ""))
    return True


def arxiv_like(e: Evidence) -> bool:
    """An arXiv link, or a Hub papers page (which mirrors arXiv)."""
    return e.key == "link.arxiv" or bool(_ARXIV_LIKE.search(e.value))


def _names(bundle: EvidenceBundle) -> tuple[str, str]:
    """The model's family stem and name acronym, from the assessed repository id."""
    repo = subject_id(bundle)
    return name_stem(repo), name_acronym(repo)


def _own(bundle: EvidenceBundle, e: Evidence, names: tuple[str, str]) -> bool:
    stem, acronym = names
    return in_sections(bundle, e, "citation") or own_link_text(stem, e, acronym)


def own_archived_preprint(bundle: EvidenceBundle) -> list[Evidence]:
    """The model's own arXiv preprint: an ``arxiv:`` tag, an arXiv link in the card's citation
    section, or an arXiv link whose text names the model or is generic ("paper", "Link")."""
    def compute() -> list[Evidence]:
        names = _names(bundle)
        out = [e for e in bundle.by_key("tags") if e.value.lower().startswith("arxiv:")]
        out += [e for e in bundle.by_key("link.arxiv") + bundle.by_key("link.paper")
                if arxiv_like(e) and _own(bundle, e, names)]
        return out
    return bundle.derived("papers.own_archived_preprint", compute)


def own_report(bundle: EvidenceBundle) -> list[Evidence]:
    """A technical report or paper of the model's own hosted outside an archive (a PDF or a
    vendor page whose link text says report/paper and names the model or nothing else)."""
    def compute() -> list[Evidence]:
        stem, acronym = _names(bundle)
        return [e for key in ("link.other", "link.paper", "link.code_repo", "link.doi")
                for e in bundle.by_key(key)
                if _REPORT_TEXT.search(e.attr("text")) and not arxiv_like(e)
                and not _BLOG.search(e.attr("text") + " " + e.value) and own_link_text(stem, e, acronym)]
    return bundle.derived("papers.own_report", compute)


def own_venue_paper(bundle: EvidenceBundle) -> list[Evidence]:
    """A venue-published paper (proceedings, journal) that is the model's own: in the citation
    section or linked with text naming the model or generic, or a BibTeX entry of the citation
    section whose ``booktitle`` or ``journal`` names a venue. Benchmark references are ignored."""
    def compute() -> list[Evidence]:
        names = _names(bundle)
        return [e for e in bundle.by_key("link.paper") + bundle.by_key("link.doi")
                if VENUE.search(e.value) and _own(bundle, e, names)] + [
                    e for e in bundle.by_key("citation.venue")
                    if in_sections(bundle, e, "citation")]
    return bundle.derived("papers.own_venue_paper", compute)

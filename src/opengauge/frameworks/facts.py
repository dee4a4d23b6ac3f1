"""Facts several frameworks share (is the data listed, is training code published...). Pure.

Each function returns what it found plus the evidence behind it, so checks can cite it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from opengauge.frameworks.context import Context
from opengauge.model.evidence import Evidence
from opengauge.model.report import ComponentStatus

S = ComponentStatus

_DATA_WORDS = re.compile(r"\b(data|dataset|datasets|corpus|corpora|tokens|text|documents|"
                         r"web|crawl|books|code|wikipedia|pile|c4|refinedweb|redpajama|mix)\b",
                         re.IGNORECASE)
_UNDISCLOSED = re.compile(
    r"\b(proprietary|in-house|internal|undisclosed|licen[sc]ed (data|from)|purchased|private "
    r"(data|datasets?)|not (publicly )?(released|available|disclosed|shared)|"
    r"will not (release|share|disclose)|synthetic data)\b",
    re.IGNORECASE,
)
_UNLISTED_EXTRA = re.compile(
    r"\b(enhanced with|augmented with|supplemented with|curated corpora|additional (data|corpora)|"
    r"high-quality (data|corpora)|and other (sources|data))\b", re.IGNORECASE)
_VAGUE = re.compile(
    r"\b(publicly available (sources|data|online data)|a (large|wide|diverse|new) (mix|variety|"
    r"amount|collection)|variety of sources|online data|web data|filtered (publicly available )?"
    r"(web|websites)|mixture of (publicly|public))",
    re.IGNORECASE,
)
_TRAIN_LINK = re.compile(r"train|pretrain|fine-?tun|recipe|reproduc|data[- ]?prep|pipeline",
                         re.IGNORECASE)
_REPO_LINK = re.compile(r"\b(github|gitlab|repo|repository|code|source|codebase|implementation)\b",
                        re.IGNORECASE)
_PREP_LINK = re.compile(r"data[- _]?(prep|process|pipeline|clean|filter)|preprocess|dedup",
                        re.IGNORECASE)
_VENUE = re.compile(r"aclanthology|aclweb|openreview|jmlr|neurips|nips\.cc|proceedings|"
                    r"ieeexplore|dl\.acm|springer|nature\.com|science\.org|doi\.org|pmlr|icml|"
                    r"iclr|aaai|mlsys|tacl|transactions", re.IGNORECASE)
_OWN_PAPER = re.compile(r"paper|report|preprint|arxiv|publication|technical|model card|cite",
                        re.IGNORECASE)
_HOSTED = re.compile(r"\b(api|endpoint|playground|chat interface|web (ui|interface|app)|"
                     r"hosted|inference provider)\b", re.IGNORECASE)


def _section(e: Evidence) -> str:
    return e.attr("section")


def dataset_listing(ctx: Context) -> list[Evidence]:
    """Training datasets named with a location (front matter, dataset links, declarations)."""
    out = ctx.ev("datasets", "declared.dataset")
    out += [e for e in ctx.ev("link.dataset") if "eval" not in _section(e)]
    return out


def data_description(ctx: Context) -> list[Evidence]:
    """Evidence that the training data is described (sections, statements, data cards)."""
    out = [e for e in ctx.ev("section.training_data") if _words(e) >= 40]
    out += [e for e in ctx.ev("statement.trained_on")
            if _DATA_WORDS.search(e.value) and "hardware" not in _section(e)
            and not _UNDISCLOSED.search(e.value)]
    out += ctx.ev("section.data_collection")
    if ctx.available("datasets"):
        out += [e for e in dataset_listing(ctx) if e.key != "declared.dataset"][:3]
    dc = ctx.comp("data_card")
    if dc.status in (S.RELEASED, S.PARTIAL) and ctx.declared:
        out += [e for e in ctx.bundle.items if e.id in dc.evidence]
    return out


def data_processing(ctx: Context) -> list[Evidence]:
    """Evidence that data processing and filtering is described or its code published."""
    out = ctx.ev("statement.data_processing", "section.data_collection", "file.code.data_processing")
    out += [e for e in ctx.ev("link.code_repo") if _PREP_LINK.search(e.value + " " + e.attr("text"))]
    if ctx.declared and ctx.available("data_preprocessing_code"):
        out += _comp_ev(ctx, "data_preprocessing_code")
    return out


def undisclosed_data(ctx: Context) -> list[Evidence]:
    """Statements that some training data is proprietary, licensed or not released."""
    out = [e for e in ctx.ev("statement.not_released")
           if re.search(r"\b(data|dataset|corpus|corpora)\b", e.value, re.IGNORECASE)]
    out += [e for e in ctx.ev("statement.trained_on", "statement.data_processing",
                              "statement.synthetic_data")
            if _UNDISCLOSED.search(e.value)]
    if ctx.declared and ctx.status("datasets") is S.NOT_RELEASED:
        out += _comp_ev(ctx, "datasets")
    return out


def unlisted_extra_data(ctx: Context) -> list[Evidence]:
    """Statements that some of the data is only summarised ("enhanced with curated corpora")."""
    return [e for e in ctx.ev("statement.trained_on", "statement.data_processing")
            if _UNLISTED_EXTRA.search(e.value)]


def vague_data(ctx: Context) -> list[Evidence]:
    """Statements that describe the data only in general terms ("publicly available sources")."""
    return [e for e in ctx.ev("statement.trained_on", "statement.tokens") if _VAGUE.search(e.value)]


def papers_linked(ctx: Context) -> list[Evidence]:
    """Links to a paper, report or preprint that may carry the data information."""
    out = ctx.ev("link.arxiv", "link.paper", "link.doi")
    if ctx.declared:
        for slug in ("technical_report", "research_paper"):
            if ctx.available(slug):
                out += _comp_ev(ctx, slug)
    return out


def own_preprint(ctx: Context) -> list[Evidence]:
    """arXiv links that are the model's own preprint (cited as its paper, not a reference)."""
    out: list[Evidence] = []
    for e in ctx.ev("link.arxiv"):
        text = e.attr("text")
        if "citation" in _section(e) or _OWN_PAPER.search(text) or text.strip() == e.value:
            out.append(e)
    out += [e for e in ctx.ev("tags") if e.value.lower().startswith("arxiv:")]
    if ctx.declared and ctx.available("technical_report"):
        out += _comp_ev(ctx, "technical_report")
    return out


def peer_reviewed(ctx: Context) -> list[Evidence]:
    """Links to a venue-published paper (proceedings, journal, DOI)."""
    out = [e for e in ctx.ev("link.paper", "link.doi") if _VENUE.search(e.value)]
    if ctx.declared and ctx.available("research_paper"):
        out += _comp_ev(ctx, "research_paper")
    return out


@dataclass(frozen=True, slots=True)
class CodeFinding:
    """How far training code is published."""

    level: str
    """``released`` (files or declared), ``linked`` (a training repo is linked), ``repo`` (a
    code repository of unclear role is linked), ``not_released`` (positively) or ``none``."""
    evidence: tuple[Evidence, ...]


def training_code(ctx: Context) -> CodeFinding:
    """Whether code to train the model is published."""
    tc = ctx.comp("training_code")
    files = ctx.ev("file.code.training")
    if files or (ctx.declared and tc.status is S.RELEASED):
        return CodeFinding("released", tuple(files) + tuple(_comp_ev(ctx, "training_code")))
    repos = ctx.ev("link.code_repo")
    train_links = [e for e in repos if _TRAIN_LINK.search(e.value + " " + e.attr("text"))]
    if train_links:
        return CodeFinding("linked", tuple(train_links))
    if ctx.declared and tc.status is S.PARTIAL:
        return CodeFinding("linked", tuple(_comp_ev(ctx, "training_code")))
    if tc.status is S.NOT_RELEASED:
        return CodeFinding("not_released", tuple(_comp_ev(ctx, "training_code")))
    named = [e for e in repos if _REPO_LINK.search(e.attr("text"))]
    if named:
        return CodeFinding("repo", tuple(named[:3]))
    return CodeFinding("none", ())


def inference_code(ctx: Context) -> list[Evidence]:
    """Evidence that code to run the model is available."""
    out = ctx.ev("file.code.inference", "file.code.architecture")
    for slug in ("inference_code", "model_architecture"):
        if ctx.available(slug):
            out += _comp_ev(ctx, slug)
    return out


def architecture_info(ctx: Context) -> list[Evidence]:
    """Architecture details (config fields, architecture class, model-details sections)."""
    out = ctx.ev("config.architecture", "config.model_type", "config.num_hidden_layers",
                 "config.hidden_size", "file.code.architecture")
    out += [e for e in ctx.ev("section.model_details") if _words(e) >= 30]
    if ctx.available("model_architecture"):
        out += _comp_ev(ctx, "model_architecture")
    return out


def usage_info(ctx: Context) -> list[Evidence]:
    """Information on how to use the model (snippets, intended-use sections)."""
    out = ctx.ev("statement.usage_snippet", "section.intended_use", "section.how_to_use",
                 "section.usage")
    if ctx.declared and ctx.available("model_card"):
        out += _comp_ev(ctx, "model_card")
    return out


def hardware_info(ctx: Context) -> list[Evidence]:
    """Statements on training hardware, compute, time or energy."""
    return ctx.ev("statement.hardware", "co2_eq_emissions", "section.hardware")


def gated(ctx: Context) -> list[Evidence]:
    """Signals that downloading the weights needs accepting terms or an application."""
    return [e for e in ctx.ev("gated", "hub.gated", "extra_gated_prompt", "statement.gated_access")
            if e.value.strip().lower() not in {"false", "", "none", "0"}]


def hosted_access(ctx: Context) -> list[Evidence]:
    """Statements that the model is offered through an API or hosted interface."""
    return [e for e in ctx.ev("statement.release", "statement.monetisation", "link.other")
            if _HOSTED.search(e.value + " " + e.attr("text"))]


def _words(e: Evidence) -> int:
    try:
        return int(e.attr("words", "0"))
    except ValueError:
        return 0


def _comp_ev(ctx: Context, slug: str) -> list[Evidence]:
    wanted = set(ctx.comp(slug).evidence)
    return [e for e in ctx.bundle.items if e.id in wanted]

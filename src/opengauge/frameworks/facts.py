"""Facts several frameworks share (is the data listed, is training code published...). Pure.

Each function returns what it found plus the evidence behind it, so checks can cite it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from opengauge import rx, yamlio
from opengauge.evidence import papers, repos
from opengauge.evidence.lineage import dataset_selection, training_datasets
from opengauge.frameworks.context import Context, per_context
from opengauge.model.evidence import Evidence
from opengauge.model.report import BaseModelRef, ComponentStatus
from opengauge.rx import Prefiltered

S = ComponentStatus

_DATA_WORDS = rx.compile(r"\b(data|dataset|datasets|corpus|corpora|tokens|text|documents|"
                         r"web|crawl|books|code|wikipedia|pile|c4|refinedweb|redpajama|mix)\b",
                         re.IGNORECASE)
_UNDISCLOSED = Prefiltered(
    r"\b(proprietary|in-house|internal|undisclosed|licen[sc]ed (data|from)|purchased|private "
    r"(data|datasets?)|not (publicly )?(released|available|disclosed|shared)|"
    r"will not (release|share|disclose)|synthetic data)\b",
    re.IGNORECASE,
)
_UNLISTED_EXTRA = Prefiltered(
    r"\b(enhanced with|augmented with|supplemented with|curated corpora|additional (data|corpora)|"
    r"high-quality (data|corpora)|and other (sources|data))\b", re.IGNORECASE)
_VAGUE = Prefiltered(
    r"\b(publicly available (sources|data|online data)|a (large|wide|diverse|new) (mix|variety|"
    r"amount|collection)|variety of sources|online data|web data|filtered (publicly available )?"
    r"(web|websites)|mixture of (publicly|public))",
    re.IGNORECASE,
)
_HOSTED = Prefiltered(r"\b(api|endpoint|playground|chat interface|web (ui|interface|app)|"
                     r"hosted|inference provider)\b", re.IGNORECASE)


def _section(e: Evidence) -> str:
    return e.attr("section")


@per_context
def dataset_listing(ctx: Context) -> list[Evidence]:
    """Training datasets named with a location (front matter, dataset links, declarations)."""
    return training_datasets(ctx.bundle)


@per_context
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
        out += comp_evidence(ctx, "data_card")
    return out


@per_context
def data_processing(ctx: Context) -> list[Evidence]:
    """Evidence that data processing and filtering is described or its code published."""
    out = ctx.ev("statement.data_processing", "section.data_collection", "file.code.data_processing")
    out += repos.data_prep_links(ctx.ev("link.code_repo"))
    if ctx.declared and ctx.available("data_preprocessing_code"):
        out += comp_evidence(ctx, "data_preprocessing_code")
    return out


_DATA_WORD = rx.compile(r"\b(data|dataset|corpus|corpora)\b", re.IGNORECASE)


@per_context
def undisclosed_data(ctx: Context) -> list[Evidence]:
    """Statements that some training data is proprietary, licensed or not released."""
    out = [e for e in ctx.ev("statement.not_released")
           if _DATA_WORD.search(e.value)]
    out += [e for e in ctx.ev("statement.trained_on", "statement.data_processing",
                              "statement.synthetic_data")
            if _UNDISCLOSED.search(e.value)]
    if ctx.declared and ctx.status("datasets") is S.NOT_RELEASED:
        out += comp_evidence(ctx, "datasets")
    return out


def unlisted_extra_data(ctx: Context) -> list[Evidence]:
    """Statements that some of the data is only summarised ("enhanced with curated corpora"),
    or that the datasets named are a selection ("some notable subsets included here")."""
    return [e for e in ctx.ev("statement.trained_on", "statement.data_processing")
            if _UNLISTED_EXTRA.search(e.value)] + data_selection(ctx)


def data_selection(ctx: Context) -> list[Evidence]:
    """Card sentences saying the training datasets named are a selection ("some notable
    subsets included here:"), not the whole list."""
    return dataset_selection(ctx.bundle)


def vague_data(ctx: Context) -> list[Evidence]:
    """Statements that describe the data only in general terms ("publicly available sources")."""
    return [e for e in ctx.ev("statement.trained_on", "statement.tokens") if _VAGUE.search(e.value)]


@per_context
def papers_linked(ctx: Context) -> list[Evidence]:
    """Links to a paper, report or preprint that may carry the data information."""
    out = ctx.ev("link.arxiv", "link.paper", "link.doi")
    if ctx.declared:
        for slug in ("technical_report", "research_paper"):
            if ctx.available(slug):
                out += comp_evidence(ctx, slug)
    return out


@dataclass(frozen=True, slots=True)
class CodeFinding:
    """How far training code is published."""

    level: str
    """``released`` (files or declared), ``linked`` (a training repo is linked), ``repo`` (a
    code repository of unclear role is linked), ``not_released`` (positively) or ``none``."""
    evidence: tuple[Evidence, ...]


@per_context
def training_code(ctx: Context) -> CodeFinding:
    """Whether code to train the model is published."""
    tc = ctx.comp("training_code")
    files = ctx.ev("file.code.training")
    if files or (ctx.declared and tc.status is S.RELEASED):
        return CodeFinding("released", tuple(files) + tuple(comp_evidence(ctx, "training_code")))
    links = ctx.ev("link.code_repo")
    train_links = repos.training_repos(links, ctx.ev("statement.training_code"))
    if train_links:
        return CodeFinding("linked", tuple(train_links))
    if ctx.declared and tc.status is S.PARTIAL:
        return CodeFinding("linked", tuple(comp_evidence(ctx, "training_code")))
    if tc.status is S.NOT_RELEASED:
        return CodeFinding("not_released", tuple(comp_evidence(ctx, "training_code")))
    named = repos.named_repos(links)
    if named:
        return CodeFinding("repo", tuple(named[:3]))
    return CodeFinding("none", ())


@per_context
def inference_code(ctx: Context) -> list[Evidence]:
    """Evidence that code to run the model is available."""
    out = ctx.ev("file.code.inference", "file.code.architecture")
    for slug in ("inference_code", "model_architecture"):
        if ctx.available(slug):
            out += comp_evidence(ctx, slug)
    return out


@per_context
def architecture_info(ctx: Context) -> list[Evidence]:
    """Architecture details (config fields, architecture class, model-details sections)."""
    out = ctx.ev("config.architecture", "config.model_type", "config.num_hidden_layers",
                 "config.hidden_size", "file.code.architecture")
    out += [e for e in ctx.ev("section.model_details") if _words(e) >= 30]
    if ctx.available("model_architecture"):
        out += comp_evidence(ctx, "model_architecture")
    return out


def usage_info(ctx: Context) -> list[Evidence]:
    """Information on how to use the model (snippets, intended-use sections)."""
    out = ctx.ev("statement.usage_snippet", "section.intended_use", "section.how_to_use",
                 "section.usage")
    if ctx.declared and ctx.available("model_card"):
        out += comp_evidence(ctx, "model_card")
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


def comp_evidence(ctx: Context, slug: str) -> list[Evidence]:
    """The evidence items an inventory row cites, in bundle order."""
    wanted = set(ctx.comp(slug).evidence)
    return [e for e in ctx.bundle.items if e.id in wanted]


# ------------------------------------------------------------------ helpers added for EOSAI
# (new functions only; the helpers above keep their behaviour for the other frameworks)

_TUNED_NAME = rx.compile(r"(^|[-_.])(instruct|chat|it|sft|dpo|rlhf|rlaif)([-_.]|$)",
                         re.IGNORECASE)
_HW_DEVICE = rx.compile(r"(?:\b|(?<=\dx))(a100|h100|h800|h200|v100|a800|a6000|l40s?|mi\d{3}x?|"
                        r"tpu ?v?\d*[a-z]?|gpus?|tpus?|nodes?|accelerators?|cs-[23]|wafer[- ]scale|"
                        r"gaudi ?\d?|trainium\d?|ipus?|rdus?|reconfigurable dataflow)s?\b", re.IGNORECASE)
_HW_SCALE = rx.compile(
    r"\b\d[\d,.]*\s*(x\s*)?(nvidia\s+|cerebras\s+|intel\s+|aws\s+)?(a100|h100|h800|h200|v100|a800|a6000|l40s?|"
    r"mi\d{3}x?|tpu|gpus?|tpus?|nodes?|accelerators?|chips?|cs-[23]s?|wafer[- ]scale|gaudi ?\d?s?|"
    r"trainium\d?s?|ipus?|rdus?)s?\b|"
    r"\b(gpu|tpu|accelerator|a100|h100|h800|v100)[- ]?(hours?|days?)\b|\bhours used\b|\bpetaflops?\b|\b\d[\d,.]*\s*(e\d+\s*)?flops?\b|"
    r"\b[\d,.]+\s*(k|m|g)?wh\b|\btco2e?q?\b|\bco2\b|\bcarbon emitted\b|"
    r"\b(gpus?|tpus?|nodes?)\s*[:=]\s*\d", re.IGNORECASE)
_INFERENCE_HW = Prefiltered(
    r"\binferenc|\brequires? (a |an )?(gpu|machine)|\bmemory\b|\bvram\b|\btested on\b|\brun(s|ning)? "
    r"(the model |it )?(on|with)\b|\bdeploy|\bserv(e|ing)\b|\bconsumer\b|\bquantiz",
    re.IGNORECASE)
_TRAIN_WORD = Prefiltered(r"\btrain(ed|ing)?\b|\bpre-?train|\bfine-?tun|\bcompute\b",
                         re.IGNORECASE)
_DELTA = Prefiltered(r"weight[ _-]?diff|\bwdiff\b|-wdiff\b|delta[ _-]?weights?|weight[ _-]?delta|"
                    r"\bxor[ _-]?(weights?|diff|encrypted)", re.IGNORECASE)
_DATASHEET_TEXT = Prefiltered(r"\bdata ?sheets?\b|\bdata(set)? cards?\b|\btraining[- ]data summary\b|"
                             r"\bpublic summary\b|\bsummary of (the )?training (data|content)\b",
                             re.IGNORECASE)


def in_sections(ctx: Context, e: Evidence, *kinds: str) -> bool:
    """The item lies in a card section of one of these kinds (by line range or its section attr)."""
    return papers.in_sections(ctx.bundle, e, *kinds)


@per_context
def subject_id(ctx: Context) -> str:
    """The assessed repository id, as the evidence records it (``org/name``)."""
    return papers.subject_id(ctx.bundle)


def name_stem(ctx: Context) -> str:
    """The model family word of the repository name (``DeepSeek-R1`` -> ``deepseek``)."""
    return papers.name_stem(subject_id(ctx))


def tuned_variant_name(ctx: Context) -> bool:
    """The repository name marks an instruction, chat or preference-tuned variant."""
    return bool(_TUNED_NAME.search(subject_id(ctx).rsplit("/", 1)[-1]))


@per_context
def own_archived_preprint(ctx: Context) -> list[Evidence]:
    """The model's own arXiv preprint (:func:`opengauge.evidence.papers.own_archived_preprint`),
    or a declared technical report."""
    out = papers.own_archived_preprint(ctx.bundle)
    if ctx.declared and ctx.available("technical_report"):
        out += comp_evidence(ctx, "technical_report")
    return out


def own_report(ctx: Context) -> list[Evidence]:
    """A technical report of the model's own hosted outside an archive
    (:func:`opengauge.evidence.papers.own_report`)."""
    return papers.own_report(ctx.bundle)


def own_venue_paper(ctx: Context) -> list[Evidence]:
    """A venue-published paper of the model's own
    (:func:`opengauge.evidence.papers.own_venue_paper`), or a declared research paper."""
    out = papers.own_venue_paper(ctx.bundle)
    if ctx.declared and ctx.available("research_paper"):
        out += comp_evidence(ctx, "research_paper")
    return out


@dataclass(frozen=True, slots=True)
class HardwareFinding:
    """Training hardware statements: ``scaled`` give device counts or compute, ``mentioned`` any."""

    scaled: tuple[Evidence, ...]
    mentioned: tuple[Evidence, ...]


@per_context
def training_hardware(ctx: Context) -> HardwareFinding:
    """Statements about the hardware used to *train* the model (not to run it)."""
    mentioned: list[Evidence] = []
    scaled: list[Evidence] = []
    for e in ctx.ev("statement.hardware"):
        text = e.value
        training = bool(_TRAIN_WORD.search(text)) or in_sections(
            ctx, e, "training_procedure", "hardware", "hyperparameters")
        if in_sections(ctx, e, "intended_use") and not _TRAIN_WORD.search(text):
            continue
        if not training or (_INFERENCE_HW.search(text) and not _TRAIN_WORD.search(text)):
            continue
        if not _HW_DEVICE.search(text) and not _HW_SCALE.search(text):
            continue
        mentioned.append(e)
        if _HW_SCALE.search(text):
            scaled.append(e)
    co2 = ctx.ev("co2_eq_emissions")
    return HardwareFinding(tuple(scaled + co2), tuple(mentioned + co2))


_DELTA_NAME = Prefiltered(r"(^|[-_.])(delta|wdiff|diff|xor)([-_.]|$)", re.IGNORECASE)


@per_context
def weight_delta(ctx: Context) -> list[Evidence]:
    """Signals that the weights are published only as a diff/delta against a base model (the
    repository is named as a delta, or the card, files or licences speak of a weight diff)."""
    keys = ("statement.*", "file.code.*", "license_file", "link.model", "link.license")
    out = [e for e in ctx.ev(*keys) if _DELTA.search(e.value)]
    if _DELTA_NAME.search(subject_id(ctx).rsplit("/", 1)[-1]):
        out += ctx.ev("card.title", "card.body")[:1]
    return out


def datasheet_links(ctx: Context) -> list[Evidence]:
    """Links to a datasheet, data card or public training-data summary."""
    return [e for e in ctx.ev("link.other", "link.dataset", "link.paper", "link.code_repo")
            if _DATASHEET_TEXT.search(e.attr("text"))]


def partial_training_code(ctx: Context) -> list[Evidence]:
    """Some training code short of a training repository: data-processing code, or a training
    framework named together with a link to its public repository (outside evaluation tables).
    An in-house code base named without a link does not count."""
    out = ctx.ev("file.code.data_processing")
    repo_lines = {(e.provenance.file, papers.line_of(e)) for e in ctx.ev("link.code_repo")}
    out += [e for e in ctx.ev("statement.training_code")
            if (line := papers.line_of(e)) is not None and (e.provenance.file, line) in repo_lines
            and not in_sections(ctx, e, "evaluation") and "|" not in e.value]
    out += repos.data_prep_links(ctx.ev("link.code_repo"))
    return out


_REPO_ROOT = rx.compile(r"^https?://(?:www\.)?(?:github|gitlab)\.com/([^/\s]+)/([^/\s#?]+)/?"
                        r"(?:[#?].*)?$", re.IGNORECASE)


def _own_named_repo(ctx: Context, e: Evidence) -> bool:
    """A repository root (not a file in it) owned by the model's publisher and named after the
    model (owner and Hub organisation overlap; the repository name contains the model's stem)."""
    m = _REPO_ROOT.match((e.raw or e.value).strip().rstrip(")}."))
    if m is None:
        return False
    owner, repo = m.group(1).lower(), m.group(2).lower().replace("-", "").replace("_", "")
    org = subject_id(ctx).split("/", 1)[0].lower()
    stem = name_stem(ctx)
    return bool(org and stem) and (owner in org or org in owner) and stem in repo


@per_context
def own_training_repo(ctx: Context) -> list[Evidence]:
    """The publisher's own repository for the model, linked from a training section of the card:
    the code the model was trained with. Framework repositories do not count."""
    return [e for e in ctx.ev("link.code_repo")
            if in_sections(ctx, e, "training_procedure", "hyperparameters")
            and _own_named_repo(ctx, e)]


_FINETUNE_ONLY = Prefiltered(r"recipe|fine-?tun", re.IGNORECASE)
_FULL_TRAIN = Prefiltered(r"(?<!fine-)(?<!fine)\btrain|pretrain|reproduc|data[- ]?prep",
                         re.IGNORECASE)


def finetune_only_links(ev: tuple[Evidence, ...]) -> bool:
    """Every training link is a fine-tuning/recipes repository (none says training or
    pre-training)."""
    links = [e for e in ev if e.key == "link.code_repo"]
    return bool(links) and len(links) == len(ev) and all(
        _FINETUNE_ONLY.search(t) and not _FULL_TRAIN.search(t)
        for t in ((e.raw or e.value) + " " + e.attr("text") for e in links))


@functools.cache
def osi_families() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """OSI's OSAID 1.0 validation result per model family: (name, base id pattern, result)
    (``data/lineage/osi_validation.yaml``)."""
    data = yamlio.load_data(resources.files("opengauge.data.lineage"), "osi_validation.yaml")
    return tuple((f["name"], rx.compile(f["pattern"], re.IGNORECASE), f["result"])
                 for f in data["families"])


@per_context
def base_osaid(ctx: Context) -> list[tuple[BaseModelRef, str, str | None]]:
    """Each base model of a derivative with its family's name and OSI validation result
    (``None`` when OSI validated no model of its family); empty for a model trained from
    scratch."""
    if ctx.lineage.relation == "none":
        return []
    out: list[tuple[BaseModelRef, str, str | None]] = []
    for b in ctx.lineage.bases:
        hit = next(((name, result) for name, pat, result in osi_families() if pat.search(b.id)),
                   None)
        out.append((b, hit[0], hit[1]) if hit else (b, "", None))
    return out

"""Component inventory: map evidence to MOF's 17 components and the brief's extra rows. Pure.

Rules: "no evidence found" is ``unknown`` (with the reason), never ``not_released``;
``not_released`` needs a positive statement (e.g. "the training data is proprietary").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from opengauge import rx
from opengauge.evidence import cardbody, papers
from opengauge.evidence import repos as repo_roles
from opengauge.evidence.extract import code_role, weights_format
from opengauge.evidence.lineage import dataset_selection, training_datasets
from opengauge.frameworks.mof import COMPONENTS_BY_ID
from opengauge.model.evidence import Evidence, EvidenceBundle
from opengauge.model.report import Component, ComponentStatus, Lineage
from opengauge.rx import Prefiltered
from opengauge.types import EvidenceId

S = ComponentStatus

MOF_ORDER: tuple[str, ...] = (
    "model_architecture", "model_parameters_final", "model_card", "data_card", "technical_report",
    "evaluation_results", "sample_model_outputs", "training_code", "inference_code",
    "evaluation_code", "evaluation_data", "supporting_libraries_and_tools", "datasets",
    "data_preprocessing_code", "model_parameters_intermediate", "research_paper", "model_metadata",
)
"""The 17 MOF components (defined in :data:`opengauge.frameworks.mof.COMPONENTS`), in report order."""
BRIEF_ROWS: tuple[tuple[str, str], ...] = (
    ("brief.model_input_variable_selection", "Model input or variable selection"),
    ("brief.training_process", "Model training process"),
    ("brief.fine_tuning_data", "Fine-tuning or task-specific data"),
    ("brief.data_collection_protocols", "Data collection and processing protocols"),
    ("brief.data_workers_disclosure", "Workers in data cleaning, translation, annotation"),
    ("brief.rlhf_workers_disclosure", "Workers involved in RLHF"),
)

_OTHER_SECTIONS = ("evaluation", "limitations", "intended_use", "citation")
"""Where a training method's name describes other models or uses ("ChatGPT was fine-tuned
using RLHF", "customise it with LoRA"), not how this model was trained."""
_STAGE_VERB = rx.compile(r"\b(?:us(?:es|ed|ing)|via|through|with|followed by|went through|underwent|"
                         r"trained|tuned|aligned|steps?|stages?|phases?|process|applied|includ\w*)\b",
                         re.IGNORECASE)
"""A training method named as one this model went through, not just mentioned."""
_GENERATIVE_TAGS = Prefiltered(
    r"text-generation|text2text|conversational|text-to-(image|video|speech|audio)|image-to-(text|image)|"
    r"image-text-to-text|summari[sz]ation|translation|automatic-speech|any-to-any|visual-question",
    re.IGNORECASE,
)
_PREDICTIVE_TAGS = Prefiltered(
    r"classification|fill-mask|feature-extraction|question-answering|token-classification|"
    r"sentence-similarity|object-detection|image-segmentation|depth-estimation|zero-shot",
    re.IGNORECASE,
)
_GENERATIVE_ARCH = Prefiltered(r"ForCausalLM|ForConditionalGeneration|LMHeadModel|Pipeline$|Diffusion|ForSeq2SeqLM", re.IGNORECASE)
_ABOUT_DATA = Prefiltered(r"\b(data|dataset|datasets|corpus|corpora|training set|pre-?training mix)\b", re.IGNORECASE)
_ABOUT_CODE = Prefiltered(r"\b(code|scripts?|codebase|implementation|pipeline)\b", re.IGNORECASE)
_RLHF = Prefiltered(r"rlhf|human feedback|preference|raters|reward model", re.IGNORECASE)
_DENIED = Prefiltered(r"\bnot\b|n't\b|\bnever\b|\bunlike\b|\bwithout\b", re.IGNORECASE)
"""A sentence that denies what it names ("hasn't been fine-tuned through RLHF", "unlike this
model, ChatGPT was trained with human feedback")."""
_WEIGHTS_WORD = Prefiltered(r"\bweights\b", re.IGNORECASE)
_LIBRARY_CLASS = rx.compile(
    r"\b(?!Auto)((?:TF|Flax)?[A-Z][A-Za-z0-9]*?(?:For[A-Z][A-Za-z0-9]*|Model|Pipeline))"
    r"\.from_pretrained\(")
"""A usage line that loads the weights into a named model class (``LlamaForCausalLM``,
``StableDiffusionPipeline``): the architecture is implemented in the library the card uses.
``Auto*`` classes name no architecture; a line with ``trust_remote_code`` loads code from the
repository instead (see :func:`_library_classes`)."""
_SOON = cardbody.FORTHCOMING_SOON
_LATER = cardbody.FORTHCOMING_LATER


def _announced_pattern(noun: str) -> Prefiltered:
    """A forthcoming-statement whose announcement is about ``noun`` itself: right after it
    ("Paper coming soon", "Code: Coming soon!", "Technical Report (coming soon)"), right before
    it ("our upcoming code and paper"), after it as a field ("Paper: Granite 3.1 (coming
    soon)"), or with it as the subject ("the dataset ... will be released next week"). A list's
    other item is not announced ("all code, checkpoints, logs (coming soon)")."""
    return Prefiltered(
        rf"\b{noun}\b[\W_]{{0,6}}(?:is |are )?{_SOON}"
        rf"|\b(?:upcoming|forthcoming)\s+(?:\w+\s+(?:and|&)\s+)?{noun}\b"
        rf"|^\W*{noun}\W*:[^:(]{{0,60}}\(\s*{_SOON}\s*\)"
        rf"|\b{noun}\b[^.;]{{0,80}}\b{_LATER}",
        re.IGNORECASE)


_ANNOUNCED_PAPER = _announced_pattern(r"(?:paper|(?:technical |tech )?report|preprint)")
_ANNOUNCED_CODE = _announced_pattern(r"(?:code|codebase|scripts?)")
_ANNOUNCED_DATA = _announced_pattern(r"(?:data|datasets?|corpus)")


def _announced(bundle: EvidenceBundle, about: Prefiltered) -> list[Evidence]:
    """Statements that ``about``'s thing is announced but not out yet."""
    return [e for e in bundle.by_key("statement.forthcoming") if about.search(e.value)]


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseContext:
    """Licences known for the component types, from the licence stage."""

    weights: str | None = None
    code: str | None = None
    data: str | None = None
    documentation: str | None = None


def _ids(evs: Iterable[Evidence]) -> tuple[EvidenceId, ...]:
    return tuple(sorted({e.id for e in evs}))


def _words(e: Evidence) -> int:
    try:
        return int(e.attr("words", "0"))
    except ValueError:
        return 0


def is_generative(bundle: EvidenceBundle) -> bool | None:
    """True for generative models, False for predictive ones, None when unclear."""
    tags = [e.value for e in bundle.by_key("pipeline_tag") + bundle.by_key("hub.pipeline_tag")]
    if any(_GENERATIVE_TAGS.search(t) for t in tags):
        return True
    if any(_PREDICTIVE_TAGS.search(t) for t in tags):
        return False
    archs = [e.value for e in bundle.by_key("config.architecture")]
    if any(_GENERATIVE_ARCH.search(a) for a in archs):
        return True
    if archs:
        return False
    # the card's tags and the tasks its model-index reports results for
    tags = [e.value for e in bundle.by_key("tags")] + [
        e.attr("task") for e in bundle.by_key("eval_result") if e.attr("task")]
    if any(_GENERATIVE_TAGS.search(t) or _CAUSAL_TAG.search(t) for t in tags):
        return True
    if any(_PREDICTIVE_TAGS.search(t) for t in tags):
        return False
    # usage snippets: the pipeline's task, else the model class or a generate() call
    for e in bundle.by_key("statement.usage_snippet"):
        task = _PIPELINE_TASK.search(e.value)
        if task and _PREDICTIVE_TAGS.search(task.group(1)):
            return False
        if (task and _GENERATIVE_TAGS.search(task.group(1))) or _GENERATIVE_ARCH.search(
                e.value) or ".generate(" in e.value:
            return True
    return None


def _library_classes(snippets: Iterable[Evidence]) -> list[tuple[Evidence, str]]:
    """(usage line, class name) for each snippet that loads a named library model class."""
    out = []
    for e in snippets:
        m = _LIBRARY_CLASS.search(e.value)
        if m and "trust_remote_code" not in e.value:
            out.append((e, m.group(1)))
    return out


def _negative(bundle: EvidenceBundle, about: Prefiltered) -> list[Evidence]:
    return [e for e in bundle.by_key("statement.not_released") if about.search(e.value)]


_DOWNLOAD = rx.compile(r"from_pretrained|hf_hub_download|snapshot_download|download|ollama|llama\.cpp|"
                       r"\bmodel\s*=\s*[\"'][\w.-]+/[\w.-]+[\"']")
_PIPELINE_TASK = rx.compile(r"pipeline\(\s*(?:task\s*=\s*)?[\"']([\w-]+)[\"']")
_CAUSAL_TAG = rx.compile(r"^causal[-_ ]?lm$|^llm$", re.IGNORECASE)
_FEATURES = rx.compile(r"feature|input|variable", re.IGNORECASE)
_FINE_TUNING = rx.compile(r"fine-?tun|instruct|sft|chat|preference", re.IGNORECASE)


_DOWNLOAD_TEXT = rx.compile(r"\bdownload|\bweights\b|\bcheckpoints?\b", re.IGNORECASE)
_FILE_IN_REPO = rx.compile(r"/(?:resolve|blob)/[^/]+/([^?#]+)")


def _own_repo_links(b: EvidenceBundle) -> list[tuple[Evidence, str]]:
    """Card links into this repository on the Hub, each with the file it names (``""`` for the
    repository itself): ``[Model Download](https://huggingface.co/org/name)``,
    ``…/org/name/resolve/main/sample_finetune.py``."""
    subject = papers.subject_id(b).lower()
    out: list[tuple[Evidence, str]] = []
    for e in b.by_key("link.model"):
        if subject and e.value.lower() == subject:
            m = _FILE_IN_REPO.search(e.raw or "")
            out.append((e, m.group(1) if m else ""))
    return out


def _weights_links(b: EvidenceBundle, own_links: list[tuple[Evidence, str]]) -> tuple[list[Evidence], str]:
    """Card links to where the weights can be downloaded, and how they were told apart:

    - a link into this repository that names a weights file, or whose text or section title
      says download / weights / checkpoints ("[Model Weights](hf/org/name)", a "Model
      Downloads" table of Hub links);
    - a link whose text says so, to a Hub repository of the same name under a renamed owner
      (one owner name holds the other: ``WizardLM/X`` from ``WizardLMTeam/X``).
    """
    download_titles = [(int(s.attr("start", "0")), int(s.attr("end", "0")))
                       for s in b.with_prefix("section.") if _DOWNLOAD_TEXT.search(s.value)]

    def in_download_section(e: Evidence) -> bool:
        line = papers.line_of(e)
        return line is not None and any(a <= line <= z for a, z in download_titles)

    own = [e for e, path in own_links
           if weights_format(path) or (not path and (_DOWNLOAD_TEXT.search(e.attr("text"))
                                                      or in_download_section(e)))]
    if own:
        return own, "the card links the weights for download from this repository (files not in this snapshot)"
    subject = papers.subject_id(b).lower()
    owner, _, name = subject.rpartition("/")

    def renamed_owner(other: str) -> bool:  # "wizardlm" and "wizardlmteam"
        return len(other) >= 3 and len(owner) >= 3 and (other in owner or owner in other)

    renamed = [e for e in b.by_key("link.model")
               if name and e.value.lower() != subject and _DOWNLOAD_TEXT.search(e.attr("text"))
               and e.value.lower().rpartition("/")[2] == name
               and renamed_owner(e.value.lower().rpartition("/")[0])]
    if renamed:
        return renamed, (f"the card links the weights on the Hub as {renamed[0].value}, the same name "
                         "under a renamed owner (files not in this snapshot)")
    return [], ""


def build_inventory(bundle: EvidenceBundle, lineage: Lineage, lic: LicenseContext,
                    *, hub_listing: bool = False) -> tuple[Component, ...]:
    """The 17 MOF components plus the brief's rows, each with status, licence and evidence."""
    b = bundle
    out: dict[str, tuple[ComponentStatus, tuple[EvidenceId, ...], str]] = {}

    elsewhere: set[str] = set()  # released, but outside the repository (their own terms)

    def put(slug: str, status: ComponentStatus, evs: Iterable[Evidence], reason: str) -> None:
        out[slug] = (status, _ids(evs), reason)

    weights_files = b.by_key("weights.file")
    config_arch = b.by_key("config.architecture")
    arch_code = b.by_key("file.code.architecture")
    card_body = b.first("card.body")
    sections = b.with_prefix("section.")
    gated = [e for e in b.by_key("gated") + b.by_key("hub.gated") + b.by_key("extra_gated_prompt")
             if e.value.lower() not in {"false", "", "none"}]
    snippets = [e for e in b.by_key("statement.usage_snippet")
                if _DOWNLOAD.search(e.value)]
    lib = b.by_key("library_name") + b.by_key("hub.library_name")
    own_links = _own_repo_links(b)

    # --- model architecture
    if arch_code:
        put("model_architecture", S.RELEASED, arch_code, "model code is in the repository")
    elif config_arch:
        put("model_architecture", S.RELEASED, config_arch + lib,
            f"config names the architecture class {config_arch[0].value}, implemented in a public library")
    elif classes := _library_classes(snippets):
        put("model_architecture", S.RELEASED, [e for e, _ in classes[:3]] + lib,
            f"the card's usage code loads the architecture class {classes[0][1]}, implemented in a "
            "public library")
    elif b.by_key("config.model_type"):
        put("model_architecture", S.PARTIAL, b.by_key("config.model_type"), "config gives only the model type")
    elif b.by_key("section.model_details"):
        put("model_architecture", S.PARTIAL, b.by_key("section.model_details"),
            "the card describes the architecture in prose only")
    else:
        put("model_architecture", S.UNKNOWN, (), "no config or model code found")

    # --- final weights
    neg_w = _negative(b, _WEIGHTS_WORD)
    if weights_files:
        note = "; gated: access needs accepting terms" if gated else ""
        per_format = Counter(e.attr("format", "unknown") for e in weights_files)
        counts = ", ".join(f"{n} {fmt}" for fmt, n in sorted(per_format.items()))
        put("model_parameters_final", S.RELEASED, list(weights_files[:5]) + gated,
            f"{len(weights_files)} weight file(s) in the repository ({counts}{note})")
    elif snippets:
        put("model_parameters_final", S.RELEASED, snippets[:3] + gated,
            "the card shows the weights being downloaded from the Hub (files not in this snapshot)")
    elif (weights_links := _weights_links(b, own_links))[0]:
        put("model_parameters_final", S.RELEASED, weights_links[0][:3] + gated, weights_links[1])
    elif neg_w:
        put("model_parameters_final", S.NOT_RELEASED, neg_w, "the card says the weights are not released")
    elif hub_listing:
        put("model_parameters_final", S.NOT_RELEASED, b.by_key("hub.sha"),
            "the Hub repository's complete file listing has no weight files")
    else:
        put("model_parameters_final", S.UNKNOWN, (), "no weight files listed and no download instructions found")

    # --- model card
    if card_body is not None:
        kinds = {e.key for e in sections}
        core = {"section.training_data", "section.training_procedure", "section.evaluation",
                "section.limitations", "section.intended_use", "section.model_details"}
        n = len(kinds & core)
        words = _words(card_body)
        if words >= 300 and n >= 3:
            put("model_card", S.RELEASED, [card_body], f"model card with {words} words and {n} of 6 core sections")
        else:
            put("model_card", S.PARTIAL, [card_body], f"thin model card ({words} words, {n} of 6 core sections)")
    elif hub_listing:
        put("model_card", S.NOT_RELEASED, (), "the Hub repository has no README.md")
    else:
        put("model_card", S.UNKNOWN, (), "no model card in this snapshot")

    # --- data card
    fm_datasets = b.by_key("datasets")
    ds_links = [e for e in training_datasets(b) if e.key == "link.dataset"]
    data_secs = [e for e in b.by_key("section.training_data") if _words(e) >= 40]
    if fm_datasets:
        put("data_card", S.RELEASED if data_secs else S.PARTIAL, fm_datasets + data_secs,
            "training datasets are named as Hub datasets (which carry dataset cards)")
    elif ds_links:  # (a link.dataset is a Hub dataset's)
        put("data_card", S.RELEASED if data_secs else S.PARTIAL, ds_links[:5] + data_secs,
            "training datasets are linked as Hub datasets (which carry dataset cards)")
    elif data_secs:
        put("data_card", S.PARTIAL, data_secs, "the card has a training-data section, but no dataset card")
    else:
        put("data_card", S.UNKNOWN, (), "no dataset card or training-data description found")
    if (fm_datasets or ds_links) and not data_secs:
        # the data cards are the datasets' own, published under the datasets' terms: the
        # repository's licence says nothing about them
        elsewhere.add("data_card")

    # --- papers: only the model's own count, not the benchmarks and methods it cites
    preprint = papers.own_archived_preprint(b)
    report = papers.own_report(b)
    venue = papers.own_venue_paper(b)
    cited = b.by_key("link.arxiv") + b.by_key("link.paper") + b.by_key("link.doi")
    why_not = (f"{len(cited)} paper link(s), none of them the model's own (not in the citation "
               "section, and their link text names another work)") if cited else ""
    announced = _announced(b, _ANNOUNCED_PAPER)
    not_yet = "the card says the paper or report is not out yet"
    if preprint or report:
        put("technical_report", S.RELEASED, preprint + report,
            "the model's own technical report or preprint is linked")
    elif announced:
        put("technical_report", S.NOT_RELEASED, announced[:3], not_yet)
    else:
        put("technical_report", S.UNKNOWN, (), why_not or "no technical report link found")
    if preprint or venue:
        put("research_paper", S.RELEASED, preprint + venue,
            "the model's own paper is linked (arXiv or venue)")
    elif announced:
        put("research_paper", S.NOT_RELEASED, announced[:3], not_yet)
    else:
        put("research_paper", S.UNKNOWN, (), why_not or "no paper link found")

    # --- evaluation
    evals = b.by_key("eval_result")
    eval_secs = [e for e in b.by_key("section.evaluation") if _words(e) >= 20]
    # results are scores (a decimal or a percentage), a table's numbers, or charts
    scored = [e for e in eval_secs if int(e.attr("numbers") or 0) >= 3
              or int(e.attr("scores") or 0) or int(e.attr("images") or 0)]
    if evals or scored:
        put("evaluation_results", S.RELEASED, evals[:10] + scored, "evaluation results are reported")
    elif eval_secs:
        put("evaluation_results", S.PARTIAL, eval_secs,
            "the card describes the evaluation but gives no scores (no numbers or charts)")
    elif b.by_key("section.evaluation"):
        put("evaluation_results", S.PARTIAL, b.by_key("section.evaluation"), "thin evaluation section")
    else:
        put("evaluation_results", S.UNKNOWN, (), "no evaluation results found")
    eval_data = [e for e in evals if e.attr("dataset")]
    if eval_data:
        put("evaluation_data", S.RELEASED, eval_data[:10], "evaluation datasets are named (public benchmarks)")
    elif eval_secs:
        put("evaluation_data", S.PARTIAL, eval_secs, "evaluation benchmarks are described in prose")
    else:
        put("evaluation_data", S.UNKNOWN, (), "no evaluation data named")
    eval_code = b.by_key("file.code.evaluation")
    eval_mention = b.by_key("statement.eval_code")
    eval_repos = repo_roles.eval_links(b.by_key("link.code_repo"))
    if eval_code:
        put("evaluation_code", S.RELEASED, eval_code, "evaluation scripts are in the repository")
    elif eval_repos:
        put("evaluation_code", S.PARTIAL, eval_repos[:3] + eval_mention[:2],
            "an evaluation code repository is linked (not inspected)")
    elif eval_mention:
        put("evaluation_code", S.PARTIAL, eval_mention, "the evaluation harness used is named")
    elif eval_internal := b.by_key("statement.eval_internal"):
        put("evaluation_code", S.NOT_RELEASED, eval_internal[:3],
            "the card says the evaluation ran on internal tooling")
    else:
        put("evaluation_code", S.UNKNOWN, (), "no evaluation code found")

    # --- samples
    sample_secs = [e for e in sections if cardbody.SAMPLE_TITLE.search(e.value)] + b.by_key("card.sample_output")
    widget_out = b.by_key("widget.output")
    if sample_secs:
        put("sample_model_outputs", S.PARTIAL, sample_secs + widget_out[:3], "the card shows example outputs")
    elif widget_out:
        put("sample_model_outputs", S.PARTIAL, widget_out[:5],
            f"the card's widget shows {len(widget_out)} example output(s)")
    else:
        put("sample_model_outputs", S.UNKNOWN, (), "no sample outputs found")

    # --- code
    train_code = b.by_key("file.code.training")
    train_mention = list(b.by_key("statement.training_code"))
    repos = b.by_key("link.code_repo")
    train_repos = repo_roles.training_repos(repos, train_mention)
    own_repos = repo_roles.named_repos(repos)
    neg_code = _negative(b, _ABOUT_CODE) + _announced(b, _ANNOUNCED_CODE)
    linked_train = [e for e, path in own_links if path and code_role(path) == "training"]
    if train_code:
        put("training_code", S.RELEASED, train_code, "training scripts are in the repository")
    elif linked_train:
        put("training_code", S.PARTIAL, linked_train[:3] + train_mention[:2],
            "the card links a training or fine-tuning script in this repository (not inspected; "
            "an example may not be the code that trained the model)")
    elif train_repos:
        put("training_code", S.PARTIAL, train_repos[:3] + train_mention[:2],
            "a training code repository is linked (not inspected)")
    elif train_mention and own_repos:
        put("training_code", S.PARTIAL, train_mention[:3] + own_repos[:3],
            "the card names the training code base and links the model's code repository (not inspected)")
    elif neg_code:
        put("training_code", S.NOT_RELEASED, neg_code, "the card says code is not released")
    elif train_internal := b.by_key("statement.train_internal"):
        put("training_code", S.NOT_RELEASED, train_internal[:3],
            "the card says the model was trained with internal code")
    else:
        put("training_code", S.UNKNOWN, (), "no training code found or linked")
    inf_code = b.by_key("file.code.inference") + arch_code
    if inf_code:
        put("inference_code", S.RELEASED, inf_code, "inference code is in the repository")
    elif snippets or (lib and config_arch):
        put("inference_code", S.RELEASED, snippets[:3] + lib + config_arch,
            "runs with a public library (usage shown in the card or library declared)")
    elif lib:
        put("inference_code", S.PARTIAL, lib, "a library is declared but no usage is shown")
    else:
        put("inference_code", S.UNKNOWN, (), "no inference code or usage found")
    tok = b.by_key("file.tokenizer")
    loaders = [e for e in snippets if "from_pretrained" in e.value]
    if tok or lib:
        put("supporting_libraries_and_tools", S.RELEASED, tok[:3] + lib, "tokenizer files or a library are provided")
    elif loaders:
        put("supporting_libraries_and_tools", S.RELEASED, loaders[:3],
            "the card's usage code loads the model with a public library")
    else:
        put("supporting_libraries_and_tools", S.UNKNOWN, (), "no tokenizer or library found")
    prep = b.by_key("file.code.data_processing")
    prep_mention = b.by_key("statement.data_processing")
    if prep:
        put("data_preprocessing_code", S.RELEASED, prep, "data processing scripts are in the repository")
    elif prep_links := repo_roles.data_prep_links(repos):
        put("data_preprocessing_code", S.PARTIAL, prep_links[:3] + prep_mention[:2],
            "a data preparation repository is linked (not inspected)")
    elif prep_mention and own_repos and train_mention:
        put("data_preprocessing_code", S.PARTIAL, prep_mention[:3] + own_repos[:2],
            "data processing is described and the model's code repository is linked (not inspected)")
    else:
        put("data_preprocessing_code", S.UNKNOWN, (), "no data processing code found")

    # --- datasets
    neg_data = _negative(b, _ABOUT_DATA) + _announced(b, _ANNOUNCED_DATA)
    trained_on = b.by_key("statement.trained_on")
    if fm_datasets:
        selection = dataset_selection(b)
        status = S.PARTIAL if neg_data or selection else S.RELEASED
        put("datasets", status, fm_datasets + neg_data + selection[:2],
            "training datasets are named as Hub datasets" + (" but some data is not released" if neg_data
                                                             else " but the card says they are a selection"
                                                             if selection else ""))
    elif neg_data:
        put("datasets", S.NOT_RELEASED, neg_data, "the card says the training data is not released")
    elif ds_links:
        put("datasets", S.PARTIAL, ds_links[:5] + trained_on[:2], "datasets are linked from the card")
    elif trained_on:
        put("datasets", S.UNKNOWN, trained_on[:3], "training data is described but not linked")
    else:
        put("datasets", S.UNKNOWN, (), "no training data named")

    inter = b.by_key("statement.intermediate_checkpoints")
    if inter:
        put("model_parameters_intermediate", S.RELEASED, inter[:3], "the card says intermediate checkpoints are available")
    else:
        put("model_parameters_intermediate", S.UNKNOWN, (), "no intermediate checkpoints mentioned")
    hyper = b.by_key("section.hyperparameters") + b.by_key("statement.hyperparameter")[:5]
    cfg = b.by_key("config.model_type") or config_arch
    train_cfg = b.by_key("file.training_config")
    if train_cfg:
        put("model_metadata", S.RELEASED, list(train_cfg[:5]) + list(cfg[:1]),
            "the training configuration is in the repository")
    elif hyper or cfg:
        put("model_metadata", S.PARTIAL, list(hyper) + list(cfg[:1]), "configuration and/or hyperparameters are given")
    else:
        put("model_metadata", S.UNKNOWN, (), "no training configuration found")

    # --- brief rows
    gen = is_generative(b)
    if gen is True:
        put("brief.model_input_variable_selection", S.NOT_APPLICABLE, (), "applies to predictive models only")
    else:
        feats = [e for e in sections if _FEATURES.search(e.value)]
        if feats:
            put("brief.model_input_variable_selection", S.PARTIAL, feats, "inputs are described")
        else:
            put("brief.model_input_variable_selection", S.UNKNOWN, (), "no description of input or variable selection")
    proc = b.by_key("section.training_procedure") + hyper
    methods = [e for e in b.by_key("statement.training_method")
               if not papers.in_sections(b, e, *_OTHER_SECTIONS)
               and _STAGE_VERB.search(e.value)]
    if proc:
        words = max(_words(e) for e in proc)
        put("brief.training_process", S.RELEASED if words >= 80 else S.PARTIAL, proc,
            "the card describes the training procedure" + ("" if words >= 80 else " briefly"))
    elif methods:
        put("brief.training_process", S.PARTIAL, methods[:3],
            "the card names the training stages or methods, without a training section")
    else:
        put("brief.training_process", S.UNKNOWN, (), "no training procedure described")
    if lineage.relation in {"finetune", "adapter"}:
        if fm_datasets:
            put("brief.fine_tuning_data", S.RELEASED, fm_datasets, "fine-tuning datasets are named")
        elif ds_links or trained_on:
            put("brief.fine_tuning_data", S.PARTIAL, ds_links[:3] + trained_on[:3], "fine-tuning data is described")
        else:
            put("brief.fine_tuning_data", S.UNKNOWN, (), "no fine-tuning data named")
    elif lineage.relation in {"merge", "quantized"}:
        put("brief.fine_tuning_data", S.NOT_APPLICABLE, (), f"a {lineage.relation} involves no fine-tuning data")
    else:
        ft = [e for e in trained_on + b.by_key("section.training_data") if _FINE_TUNING.search(e.value)]
        if ft:
            put("brief.fine_tuning_data", S.PARTIAL, ft[:3], "fine-tuning data is described")
        else:
            put("brief.fine_tuning_data", S.UNKNOWN, (), "no fine-tuning data described")
    coll = b.by_key("section.data_collection")
    if coll:
        words = max(_words(e) for e in coll)
        put("brief.data_collection_protocols", S.RELEASED if words >= 100 else S.PARTIAL, coll,
            "data collection/processing is documented")
    elif prep_mention:
        put("brief.data_collection_protocols", S.PARTIAL, prep_mention[:3], "data processing steps are mentioned")
    else:
        put("brief.data_collection_protocols", S.UNKNOWN, (), "no data collection protocol found")
    workers = b.by_key("statement.workers")
    data_workers = [e for e in workers if not _RLHF.search(e.value)]
    rlhf_all = [e for e in workers if _RLHF.search(e.value)]
    rlhf_workers = [e for e in rlhf_all if not _DENIED.search(e.value)]
    if data_workers:
        put("brief.data_workers_disclosure", S.PARTIAL, data_workers[:3], "data workers are mentioned")
    else:
        put("brief.data_workers_disclosure", S.UNKNOWN, (), "no disclosure about data workers")
    if gen is False:
        put("brief.rlhf_workers_disclosure", S.NOT_APPLICABLE, (), "applies to generative models only")
    elif rlhf_workers:
        put("brief.rlhf_workers_disclosure", S.PARTIAL, rlhf_workers[:3], "human feedback work is mentioned")
    elif rlhf_all:
        put("brief.rlhf_workers_disclosure", S.NOT_APPLICABLE, rlhf_all[:3],
            "the card says the model was not trained with human feedback")
    else:
        put("brief.rlhf_workers_disclosure", S.UNKNOWN, (), "no disclosure about RLHF workers")

    return _finish(out, lic, frozenset(elsewhere))


def _finish(out: Mapping[str, tuple[ComponentStatus, tuple[EvidenceId, ...], str]],
            lic: LicenseContext, elsewhere: frozenset[str] = frozenset()) -> tuple[Component, ...]:
    comps: list[Component] = []
    for slug in MOF_ORDER:
        spec = COMPONENTS_BY_ID[slug]
        status, ev, reason = out[slug]
        license_id, source = ((None, None) if slug in elsewhere
                              else _component_license(slug, spec.content_type.value, status, lic))
        comps.append(Component(id=slug, name=spec.name, framework="mof", status=status, license=license_id,
                               license_source=source, evidence=ev, reason=reason))
    for slug, name in BRIEF_ROWS:
        status, ev, reason = out[slug]
        comps.append(Component(id=slug, name=name, framework="brief", status=status, evidence=ev,
                               reason=reason))
    return tuple(comps)


def _component_license(slug: str, ctype: str, status: ComponentStatus,
                       lic: LicenseContext) -> tuple[str | None, str | None]:
    if status in {S.UNKNOWN, S.NOT_RELEASED, S.NOT_APPLICABLE}:
        return None, None
    if slug in {"datasets", "evaluation_data"}:
        return (lic.data, "data") if lic.data else (None, None)
    if slug in {"research_paper", "technical_report"}:
        return None, None  # papers carry their own licences (arXiv, venue)
    if slug in {"inference_code", "supporting_libraries_and_tools"} and lic.code:
        return lic.code, "code"
    if ctype == "code":
        if lic.code:
            return lic.code, "code"
        return (lic.weights, "repository") if lic.weights else (None, None)
    if ctype == "document":
        if lic.documentation:
            return lic.documentation, "documentation"
        return (lic.weights, "repository") if lic.weights else (None, None)
    return (lic.weights, "weights") if lic.weights else (None, None)

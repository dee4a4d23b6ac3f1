"""Derive lineage (base models and relation) and named datasets from evidence. Pure.

Order of trust: declared ``base_model`` front matter (and declarations) > adapter / merge
configs > Hub ``base_model:`` tags > prose ("fine-tuned from X", "quantized model files for X")
with a Hub link or id > a well-known family name in prose (data/lineage/known_models.yaml) >
``_name_or_path`` in config.json. Prose only counts when the sentence is about this model.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from opengauge import rx, yamlio
from opengauge.evidence import cardbody, papers
from opengauge.model.evidence import Evidence, EvidenceBundle
from opengauge.model.report import BaseModelRef, Finding, Lineage
from opengauge.rx import Prefiltered, find_name, is_word_char
from opengauge.types import EvidenceId, Severity

_HF_ID = rx.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_ID_IN_TEXT = rx.compile(r"(?<![\w./-])([A-Za-z][\w.-]{2,60}/[A-Za-z0-9][\w.-]{1,100})(?![\w/-])")
_RELATIONS = {"adapter", "merge", "quantized", "finetune"}
_QUANT_WORDS = Prefiltered(r"\b(gptq|awq|gguf|ggml|exl2|bnb|bitsandbytes|quantized|quantised|4-?bit|8-?bit|int4|int8)\b", re.IGNORECASE)
_NOT_MODEL_ID = rx.compile(r"^(https?:|www\.|github\.com|arxiv|datasets/|spaces/|collections/|production/|models/)|\.(png|jpg|md|py|json|html|pdf)$", re.IGNORECASE)
_VARIANT = Prefiltered(r"[-_.](gguf|ggml|gptq|awq|exl2|mlx|onnx|int4|int8|4bit|8bit)\b", re.IGNORECASE)
_SIZE = rx.compile(r"(\d+(?:\.\d+)?)\s?b\b", re.IGNORECASE)
_I = re.IGNORECASE
_PHRASES: tuple[tuple[Prefiltered, int, str], ...] = (
    (Prefiltered(r"\bbase model\b\W{0,4}[:|]", _I), 3, "finetune"),
    (Prefiltered(r"\bfine[- ]?tuned?\s+(?:version\s+)?(?:of|from|on top of)\b|\bis a fine-?tune of\b|\b(?:a|the) fine[- ]?tuned\s+(?:\[|[A-Z])|\bmodel,? fine[- ]?tuned\b", _I), 3, "finetune"),
    (Prefiltered(r"\b(?:instruct(?:ion)?|chat)[- ]?(?:fine[- ]?)?tuned (?:from|on)\b", _I), 3, "finetune"),
    (Prefiltered(r"\binitiali[sz]ed (?:with the weights of|from|with)\b", _I), 3, "finetune"),
    (Prefiltered(r"\b(?:gptq|awq|gguf|ggml|exl2|quantized|quantised)\b[^.]{0,50}?\b(?:model files |version |weights )?(?:of|for|from)\b", _I), 3, "quantized"),
    (Prefiltered(r"\bmerge of\b|\bmerged? (?:the following|these|two|three) models\b", _I), 3, "merge"),
    (Prefiltered(r"\bcontinu(?:ed|es|ing|al) pre-?train", _I), 2, "finetune"),
    (Prefiltered(r"\b(?:trained|built|developed) (?:based )?on top of\b|\btrained based on\b|\bstarted from\b|\bfinetuned from\b|\b(?:instruct|chat|tuned) (?:version|variant) of\b|\bits base model\b", _I), 2, "finetune"),
    (Prefiltered(r"\bderived from\b|\bbased on\b|\bbuilt (?:on|upon|from)\b|\bweight diff\b", _I), 1, "finetune"),
)
_ABOUT_SELF = rx.compile(r"\b(this|the|our) (model|checkpoint|release|version|chat model)\b|\bthis is\b|\bwe\b|\bit is\b|^\s*(model|base model|finetuned from|fine-tuned from)\b", _I)


@dataclass(frozen=True, slots=True)
class _Family:
    name: str
    pattern: Prefiltered
    id: str
    default_size: str


@functools.cache
def known_families() -> tuple[_Family, ...]:
    data = yamlio.load_data(resources.files("opengauge.data.lineage"), "known_models.yaml")
    return tuple(
        _Family(name=f["name"], pattern=Prefiltered(f["pattern"], _I), id=f["id"],
                default_size=str(f.get("default_size", "")))
        for f in data["families"]
    )


def _family_ids(text: str, subject: str) -> list[str]:
    out: list[str] = []
    folded = rx.fold(text)
    for fam in known_families():
        m = fam.pattern.search_folded(text, folded)
        if not m:
            continue
        size = next((g for g in m.groups() if g), None)
        if size is None:
            sm = _SIZE.search(subject.split("/")[-1])
            size = sm.group(1) if sm else fam.default_size
        out.append(fam.id.replace("{size}", size))
    return out


_HF_URL = rx.compile(r"^https?://(www\.)?huggingface\.co/")
_LETTER = rx.compile(r"[A-Za-z]")


def _clean_id(value: str) -> str | None:
    v = value.strip().strip("'\"`").rstrip("/.")
    v = _HF_URL.sub("", v)
    v = v.split("?")[0].split("#")[0]
    parts = v.split("/")
    if len(parts) > 2 and parts[2] in {"tree", "blob", "resolve"}:
        v = "/".join(parts[:2])
    if _HF_ID.match(v) and not _NOT_MODEL_ID.search(v) and _LETTER.search(v.split("/")[1]):
        return v
    return None


_NAME_PARTS = rx.compile(r"[-_.]")
_VERSION_WORD = rx.compile(r"v?\d+|v\d+(\.\d+)*")


def _is_variant_of_subject(mid: str, subject: str) -> bool:
    s_name = subject.split("/")[-1].lower()
    m_name = mid.split("/")[-1].lower()
    if mid.lower() == subject.lower():
        return True
    if mid.split("/")[0].lower() == subject.split("/")[0].lower():
        # same publisher, same name words in another order or with a version: the model itself
        def words(n: str) -> set[str]:
            return {w for w in _NAME_PARTS.split(n) if w and not _VERSION_WORD.fullmatch(w)}
        if words(m_name) and words(m_name) == words(s_name):
            return True
    return bool(s_name) and m_name.startswith(s_name) and bool(_VARIANT.search(m_name[len(s_name):]))


_NAME_STEM = rx.compile(r"[-_]")


def _about_self(text: str, subject: str) -> bool:
    name = subject.split("/")[-1]
    if _ABOUT_SELF.search(text):
        return True
    if name and find_name(text, name, ignore_case=True) >= 0:
        return True
    short = _NAME_STEM.split(name)[0]
    return len(short) >= 4 and _opens_with(text, short)


def _opens_with(text: str, short: str) -> bool:
    """``re.match(rf"\\W*{re.escape(short)}\\b(?!-distill)", text, re.I)``, without compiling a
    pattern per name where the text, the name and its ends are plain (ASCII word characters)."""
    if not (text.isascii() and short.isascii() and short[0].isalnum() and short[-1].isalnum()):
        return re.match(rf"\W*{re.escape(short)}\b(?!-distill)", text, _I) is not None
    i = 0
    while i < len(text) and not is_word_char(text[i]):
        i += 1
    end = i + len(short)
    return (text[i:end].lower() == short.lower()
            and (end == len(text) or not is_word_char(text[end]))
            and text[end:end + 8].lower() != "-distill")


_NAME_TOKEN = rx.compile(r"(?<![\w/.-])([A-Za-z][\w.]*(?:-[\w.]+)+)(?![\w/-])")
"""A model name written out, not linked: a word with at least one hyphen ("Nemotron-4-340B-Base")."""


def _sibling_ids(text: str, start: int, subject: str) -> list[str]:
    """Models of the subject's own family that the text names after ``start`` without a link
    or id ("a fine-tuned version of the Nemotron-4-340B-Base model"), as ids under the
    subject's organisation: a family's checkpoints are published together (a base named
    without an id gets its canonical id, and a sibling's is the publisher's)."""
    org, _, name = subject.rpartition("/")
    stem = _NAME_STEM.split(name)[0].lower()
    if not org or len(stem) < 3:
        return []
    own = {w for w in _NAME_PARTS.split(name.lower()) if w}
    out: list[str] = []
    for tm in _NAME_TOKEN.finditer(text, start):
        token = tm.group(1).rstrip(".")
        parts = [w for w in _NAME_PARTS.split(token.lower()) if w]
        # a sibling differs from the subject by a word ("-Base"); a name whose every word the
        # subject's name holds is the family the subject derives from ("Llama-2" for
        # "llama-2-ko-7b"), and a well-known family has its own canonical id
        if parts[0] == stem and not set(parts) <= own and not _family_ids(token, subject):
            mid = f"{org}/{token}"
            if not _is_variant_of_subject(mid, subject):
                out.append(mid)
    return out


def _prose_candidates(bundle: EvidenceBundle, subject: str) -> tuple[dict[str, list[EvidenceId]], str | None]:
    scored: dict[str, tuple[int, int, list[EvidenceId]]] = {}
    links_by_line: dict[tuple[str, int], list[Evidence]] = {}
    known_names: dict[str, str] = {}
    for ev in bundle.by_key("link.model"):
        links_by_line.setdefault((ev.provenance.file, ev.provenance.line), []).append(ev)
        mid = _clean_id(ev.value)
        if mid:
            known_names.setdefault(mid.split("/")[-1].lower(), mid)
    best_rel: tuple[int, str] | None = None
    order = 0
    for ev in bundle.by_key("statement.finetuned_from"):
        text = ev.value
        hit: tuple[re.Match[str], int, str] | None = None
        folded = rx.fold(text)  # (once for the phrases: each pre-checks its literals in it)
        for pat, w, r in _PHRASES:
            found = pat.search_folded(text, folded)
            if found is not None:
                hit = (found, w, r)
                break
        if hit is None:
            continue
        m, weight, rel = hit
        if weight < 3 and not _about_self(text, subject):
            continue
        if "citation" in ev.attr("section"):
            continue
        line = ev.provenance.line
        span = 6 if rel == "merge" else 1
        low = text.lower()
        cands: list[tuple[int, str]] = []
        for ln in range(line, line + span + 1):
            for link in links_by_line.get((ev.provenance.file, ln), []):
                mid = _clean_id(link.value)
                if not mid:
                    continue
                pos = low.find(mid.split("/")[-1].lower())
                label = link.attr("text").lower()
                if ln > line and rel != "merge" and (pos < 0 and (not label or label not in low)):
                    continue  # a link on a later line that is not part of this sentence
                if "base model" in label:
                    pos = m.end()
                elif pos < 0 and label and label in low:
                    pos = low.find(label)  # named by its link text ("[Openchat 3.5](…/openchat_3.5)")
                cands.append((pos if pos >= 0 else 10_000 + ln, mid))
        for tm in _ID_IN_TEXT.finditer(text):
            mid = _clean_id(tm.group(1))
            if mid:
                cands.append((tm.start(), mid))
        for name, mid in known_names.items():
            if len(name) < 6 or name not in low:
                continue
            at = find_name(low[m.start():], name)
            if at >= 0:
                cands.append((m.start() + at, mid))
        after = sorted((p, mid) for p, mid in cands if p >= m.start() - 40 and not _is_variant_of_subject(mid, subject))
        ids = list(dict.fromkeys(mid for _, mid in after))
        if not ids and rel != "merge":
            ids = _sibling_ids(text, m.end(), subject)[:1]
            weight -= 1 if ids and weight > 1 else 0
        if not ids:
            ids = [i for i in _family_ids(text[max(0, m.start() - 40):], subject) if i.lower() != subject.lower()]
            weight -= 1 if weight > 1 else 0
        if rel != "merge":
            ids = ids[:1]
        for mid in ids:
            order += 1
            prev = scored.get(mid)
            if prev is None or prev[0] < weight:
                scored[mid] = (weight, order if prev is None else prev[1], (prev[2] if prev else []) + [ev.id])
        if ids and (best_rel is None or weight > best_rel[0]):
            best_rel = (weight, rel)
    if not scored:
        return {}, None
    top = max(w for w, _, _ in scored.values())
    relation = best_rel[1] if best_rel else None
    chosen = sorted((o, mid, ids) for mid, (w, o, ids) in scored.items() if w == top)
    if relation != "merge":
        chosen = chosen[:1]
    return {mid: ids for _, mid, ids in chosen}, relation


def derive_lineage(bundle: EvidenceBundle, subject_id: str) -> Lineage:
    """Base models and relation, each parent with the evidence that names it."""
    bases: dict[str, list[EvidenceId]] = {}
    explicit_rel: str | None = None
    rel_evidence: list[EvidenceId] = []
    subject = subject_id

    def add(raw: str, eid: EvidenceId) -> None:
        mid = _clean_id(raw)
        if mid and not _is_variant_of_subject(mid, subject):
            bases.setdefault(mid, []).append(eid)

    for ev in bundle.by_key("base_model") + bundle.by_key("declared.base_model"):
        add(ev.value, ev.id)
    for ev in bundle.by_key("declared.base_model"):
        # a producer's declared relation ("adapter", "merge"...) is said, not inferred
        if ev.attr("relation") in _RELATIONS:
            explicit_rel = ev.attr("relation")
            rel_evidence.append(ev.id)
    if not bases:
        for ev in bundle.by_key("tag.base_model"):
            add(ev.value, ev.id)
            if ev.attr("relation") in _RELATIONS:
                explicit_rel = ev.attr("relation")
    for ev in bundle.by_key("base_model_relation"):
        if ev.value.strip().lower() in _RELATIONS:
            explicit_rel = ev.value.strip().lower()
            rel_evidence.append(ev.id)
    adapter = bundle.by_key("config.adapter_base")
    merge_models = bundle.by_key("config.merge_model")
    if not bases:
        for ev in adapter:
            add(ev.value, ev.id)
    if not bases or (merge_models and len(bases) < len({e.value for e in merge_models})):
        for ev in merge_models:
            add(ev.value, ev.id)
    prose_rel: str | None = None
    if not bases:
        prose, prose_rel = _prose_candidates(bundle, subject)
        for mid, ids in prose.items():
            bases.setdefault(mid, []).extend(ids)
    if not bases:
        # config's _name_or_path is weak (often a local path or the uploader's own name): only a
        # well-known family name in it counts.
        for ev in bundle.by_key("config.name_or_path"):
            fam = _family_ids(ev.value.rsplit("/", 1)[-1].replace("-", " "), subject)
            if fam and not fam[0].startswith("name:") and not _is_variant_of_subject(fam[0], subject):
                bases.setdefault(fam[0], []).append(ev.id)
    relation = "none"
    if bases:
        if explicit_rel:
            relation = explicit_rel
        elif adapter:
            relation = "adapter"
            rel_evidence.extend(e.id for e in adapter)
        elif merge_models or bundle.by_key("config.merge_method"):
            relation = "merge"
            rel_evidence.extend(e.id for e in merge_models)
        elif prose_rel == "quantized" or ((bundle.by_key("config.quantization") or any(
            _QUANT_WORDS.search(e.value) for e in bundle.by_key("tags")
        ) or any(e.attr("format") == "gguf" for e in bundle.by_key("weights.format")))
                and any(b.split("/")[0].lower() != subject.split("/")[0].lower() for b in bases)):
            relation = "quantized"
            rel_evidence.extend(e.id for e in bundle.by_key("config.quantization"))
        elif prose_rel:
            relation = prose_rel
        elif len(bases) > 1:
            relation = "merge"
        else:
            relation = "finetune"
    datasets = sorted({e.value for e in training_datasets(bundle)})
    refs = tuple(
        BaseModelRef(id=mid, relation=relation, evidence=tuple(sorted(set(ids))))
        for mid, ids in bases.items()
    )
    all_ev = sorted({i for r in refs for i in r.evidence} | set(rel_evidence))
    return Lineage(relation=relation, bases=refs, datasets=tuple(datasets), evidence=tuple(all_ev))


def lineage_findings(bundle: EvidenceBundle, lineage: Lineage, subject_id: str) -> list[Finding]:
    """OG-LIN-001: the card text names another parent than the front matter's ``base_model``
    ("base_model: …-Instruct-2503" above "finetuned from …-Base-2503"). The front matter
    stays the lineage; the reader is told which one the prose says."""
    declared = bundle.by_key("base_model")
    if not declared or not lineage.bases or not bundle.by_key("statement.finetuned_from"):
        return []
    named = {b.id.lower() for b in lineage.bases}
    prose, relation = _prose_candidates(bundle, subject_id)
    if relation == "merge":
        return []
    out: list[Finding] = []
    for mid, ids in prose.items():
        if mid.lower() in named:
            continue
        stated = bundle.get(ids[0])
        where = f" ({stated.provenance.file} {stated.provenance.locator})" if stated else ""
        out.append(Finding(
            id="OG-LIN-001", severity=Severity.LOW,
            message=f"the card text names {mid} as the parent{where}, but the front matter's "
            f"base_model says {', '.join(b.id for b in lineage.bases)}; the front matter is used, "
            "check which one the weights come from (the parent's terms apply)",
            evidence=(*ids, *(e.id for e in declared)),
            file=stated.provenance.file if stated else None,
            locator=stated.provenance.locator if stated else None))
    return out


_EVAL_RESULTS_DATASET = rx.compile(r"^open-llm-leaderboard/|(?:^|/)details_", re.IGNORECASE)
"""Hub datasets that hold a model's evaluation results (the leaderboard's ``details_*``)."""


def dataset_selection(bundle: EvidenceBundle) -> list[Evidence]:
    """Card sentences saying the training datasets named are a selection, not the whole list
    ("We detail some notable subsets included here:"): in a training-data section, or naming
    training; never in an evaluation section."""
    return [e for e in bundle.by_key("statement.data_selection")
            if not papers.in_sections(bundle, e, "evaluation")
            and (papers.in_sections(bundle, e, "training_data", "data_collection")
                 or cardbody.TRAIN_WORD.search(e.value))]


def training_datasets(bundle: EvidenceBundle) -> list[Evidence]:
    """The training datasets the release names, each once: front matter and declarations
    first, then Hub dataset links outside evaluation sections that are no evaluation-results
    datasets. One dataset named twice (``org/name`` and ``name``, or a link and the front
    matter) is kept once, where it is first named."""
    def compute() -> list[Evidence]:
        out: list[Evidence] = []
        seen: set[str] = set()
        named = bundle.by_key("datasets") + bundle.by_key("declared.dataset")
        links = [e for e in bundle.by_key("link.dataset")
                 if not _EVAL_RESULTS_DATASET.search(e.value)
                 and not papers.in_sections(bundle, e, "evaluation")]
        for e in named + links:
            key = e.value.rstrip("/").rsplit("/", 1)[-1].lower()
            if key and key not in seen:
                seen.add(key)
                out.append(e)
        return out
    return bundle.derived("lineage.training_datasets", compute)

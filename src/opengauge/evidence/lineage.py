"""Derive lineage (base models and relation) and named datasets from evidence. Pure."""

from __future__ import annotations

import re

from opengauge.model.evidence import EvidenceBundle
from opengauge.model.report import BaseModelRef, Lineage
from opengauge.types import EvidenceId

_HF_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_ID_IN_TEXT = re.compile(r"(?<![\w./-])([A-Za-z0-9][\w.-]{1,60}/[A-Za-z0-9][\w.-]{1,100})(?![\w/-])")
_RELATIONS = {"adapter", "merge", "quantized", "finetune"}
_QUANT_WORDS = re.compile(r"\b(gptq|awq|gguf|ggml|exl2|bnb|bitsandbytes|quantized|quantised|4-?bit|8-?bit|int4|int8)\b", re.IGNORECASE)
_NOT_MODEL_ID = re.compile(r"^(https?:|www\.|github\.com|arxiv|datasets/|spaces/)|\.(png|jpg|md|py|json|html|pdf)$", re.IGNORECASE)


def _clean_id(value: str) -> str | None:
    v = value.strip().strip("'\"").rstrip("/.")
    v = re.sub(r"^https?://(www\.)?huggingface\.co/", "", v)
    v = v.split("?")[0].split("#")[0]
    parts = v.split("/")
    if len(parts) > 2 and parts[2] in {"tree", "blob", "resolve"}:
        v = "/".join(parts[:2])
    if _HF_ID.match(v) and not _NOT_MODEL_ID.search(v):
        return v
    return None


def derive_lineage(bundle: EvidenceBundle, subject_id: str) -> Lineage:
    """Base models from front matter, configs and prose; relation from explicit keys or signals."""
    bases: dict[str, list[EvidenceId]] = {}
    explicit_rel: str | None = None
    rel_evidence: list[EvidenceId] = []
    subject = subject_id.lower()

    def add(raw: str, eid: EvidenceId) -> None:
        mid = _clean_id(raw)
        if mid and mid.lower() != subject:
            bases.setdefault(mid, []).append(eid)

    declared = bundle.by_key("base_model") + bundle.by_key("declared.base_model")
    for ev in declared:
        add(ev.value, ev.id)
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
    merge_models = list(bundle.by_key("config.merge_model"))
    if not bases:
        for ev in adapter:
            add(ev.value, ev.id)
        for ev in merge_models:
            add(ev.value, ev.id)
    if not bases:
        # Prose: "fine-tuned from X", "based on X", "quantized version of X" naming a Hub id or link.
        for ev in bundle.by_key("statement.finetuned_from"):
            for m in _ID_IN_TEXT.finditer(ev.value):
                add(m.group(1), ev.id)
        prose_lines = {e.provenance.locator for e in bundle.by_key("statement.finetuned_from")}
        for ev in bundle.by_key("link.model"):
            if ev.provenance.locator in prose_lines:
                add(ev.value, ev.id)
    relation = "none"
    if bases:
        if explicit_rel:
            relation = explicit_rel
        elif adapter:
            relation = "adapter"
            rel_evidence.extend(e.id for e in adapter)
        elif merge_models or bundle.by_key("config.merge_method") or len(bases) > 1:
            relation = "merge"
            rel_evidence.extend(e.id for e in merge_models)
        elif bundle.by_key("config.quantization") or any(
            _QUANT_WORDS.search(e.value) for e in bundle.by_key("tags")
        ) or any(e.attr("format") == "gguf" for e in bundle.by_key("weights.format")):
            relation = "quantized"
            rel_evidence.extend(e.id for e in bundle.by_key("config.quantization"))
        else:
            relation = "finetune"
    datasets = sorted({e.value for e in bundle.by_key("datasets") + bundle.by_key("declared.dataset")}
                      | {e.value for e in bundle.by_key("link.dataset")})
    refs = tuple(
        BaseModelRef(id=mid, relation=relation, evidence=tuple(sorted(set(ids))))
        for mid, ids in bases.items()
    )
    all_ev = sorted({i for r in refs for i in r.evidence} | set(rel_evidence))
    return Lineage(relation=relation, bases=refs, datasets=tuple(datasets), evidence=tuple(all_ev))

"""Turn a :class:`RepoSnapshot` into an :class:`EvidenceBundle` plus metadata findings. Pure."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from opengauge import jsontext, rx, yamlio
from opengauge.evidence import cardbody, weights
from opengauge.evidence.declared import extract_declared
from opengauge.evidence.frontmatter import FrontMatter, parse_front_matter
from opengauge.model.evidence import Evidence, EvidenceBundle, EvidenceKind, make_evidence
from opengauge.model.report import Finding
from opengauge.model.snapshot import RepoSnapshot, path_name, path_suffix
from opengauge.rx import Prefiltered
from opengauge.types import EvidenceId, Severity

EXTRACTOR_VERSION = "1"

CARD_NAMES = ("README.md", "MODEL_CARD.md", "model_card.md", "ModelCard.md", "README.markdown", "README")
_LICENSE_FILE = rx.compile(
    r"^(?:.*[-_.])?(licen[sc]e|copying|notice|use_policy|acceptable_use_policy|terms(?:_of_use)?)(?:[-_.].*)?$",
    re.IGNORECASE,
)
_WEIGHT_SUFFIXES: dict[str, str] = {
    ".safetensors": "safetensors", ".gguf": "gguf", ".bin": "pytorch-pickle", ".pt": "pytorch-pickle",
    ".pth": "pytorch-pickle", ".ckpt": "checkpoint-pickle", ".onnx": "onnx", ".h5": "keras-h5",
    ".msgpack": "flax-msgpack", ".tflite": "tflite", ".mlmodel": "coreml", ".npz": "numpy",
    ".pkl": "pickle", ".pickle": "pickle", ".joblib": "pickle", ".keras": "keras", ".nemo": "nemo",
    ".ggml": "ggml", ".engine": "tensorrt", ".pdparams": "paddle",
}
_NOT_WEIGHTS = Prefiltered(r"(^|/)(training_args|optimizer|scheduler|rng_state|scaler)[^/]*\.(bin|pt|pth)$|\.index\.json$", re.IGNORECASE)
_PICKLE_FORMATS = {"pytorch-pickle", "checkpoint-pickle", "pickle"}
_TOKENIZER = Prefiltered(r"(^|/)(tokenizer(\.json|\.model|_config\.json)|vocab\.(json|txt)|merges\.txt|spiece\.model|sentencepiece\.bpe\.model|special_tokens_map\.json|tokenizer\.[\w]+|tekken\.json|[\w.-]+\.tiktoken)$", re.IGNORECASE)
_TRAINING_CONFIG = Prefiltered(
    r"(?:^|/)(?:(?:[\w-]*_)?configs?|params|recipes?|hparams)/(?:[^/]+/)*[^/]+\.ya?ml$"
    r"|(?:^|/)[^/]*(?:train|finetun|fine_tun|sft|dpo|axolotl|hparam|hyperparam)[^/]*\.ya?ml$",
    re.IGNORECASE)
"""A training configuration file (an Axolotl recipe, a phase's ``params.yaml``, a finetuning
config), not in a hidden folder; a merge recipe or an inference or evaluation config is none
(:data:`_NOT_TRAINING_CONFIG`)."""
_NOT_TRAINING_CONFIG = rx.compile(r"merge|infer|eval|serv|deploy|(^|/)\.", re.IGNORECASE)
_CODE_ROLES: tuple[tuple[str, Prefiltered], ...] = tuple(
    (role, Prefiltered(pat, re.IGNORECASE))
    for role, pat in (
        ("architecture", r"(^|/)(modeling|modelling|configuration|model)_?[\w-]*\.py$|(^|/)model\.py$|(^|/)layers?\.py$"),
        ("training", r"(^|/)[\w-]*(train|finetun|fine_tun|pretrain|sft|dpo|rlhf|ppo)[\w-]*\.(py|sh|ipynb|ya?ml)$"),
        ("evaluation", r"(^|/)[\w-]*(eval|benchmark|score)[\w-]*\.(py|sh|ipynb)$"),
        ("data_processing", r"(^|/)[\w-]*(preprocess|prepare|dedup|filter|clean|tokeni[sz]e_data|data_?prep|build_dataset|make_data)[\w-]*\.(py|sh|ipynb)$"),
        ("inference", r"(^|/)[\w-]*(infer|generat|predict|serve|server|chat|demo|app|handler|pipeline|run)[\w-]*\.(py|sh|ipynb)$"),
        ("notebook", r"\.ipynb$"),
        ("code", r"\.(py|sh|cpp|cu|c|h|rs|go|js|ts)$"),
    )
)
_CONFIG_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("model_type", ("model_type",)),
    ("num_layers", ("num_hidden_layers", "n_layer", "num_layers", "n_layers", "num_decoder_layers")),
    ("hidden_size", ("hidden_size", "n_embd", "d_model", "dim")),
    ("num_heads", ("num_attention_heads", "n_head", "num_heads", "n_heads")),
    ("num_kv_heads", ("num_key_value_heads", "n_kv_heads", "multi_query_group_num")),
    ("vocab_size", ("vocab_size", "padded_vocab_size")),
    ("context_length", ("max_position_embeddings", "n_positions", "max_sequence_length", "seq_length", "n_ctx", "max_seq_len", "model_max_length")),
    ("torch_dtype", ("torch_dtype", "dtype")),
    ("num_experts", ("num_local_experts", "n_routed_experts", "num_experts", "moe_num_experts")),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Evidence plus the findings about metadata problems met while extracting."""

    bundle: EvidenceBundle
    findings: tuple[Finding, ...]
    card_file: str | None
    front_matter: FrontMatter | None


class _Collector:
    def __init__(self, snap: RepoSnapshot) -> None:
        self.snap = snap
        self.items: dict[str, Evidence] = {}
        self.findings: list[Finding] = []

    def add(
        self,
        kind: EvidenceKind,
        key: str,
        value: object,
        *,
        file: str,
        locator: str,
        extractor: str,
        raw: str | None = None,
        attrs: Iterable[tuple[str, object]] = (),
    ) -> Evidence:
        sval = _as_text(value)
        ev = make_evidence(
            kind=kind, key=key, value=sval, repo=self.snap.repo_id, revision=self.snap.revision,
            file=file, locator=locator, extractor=f"{extractor}/{EXTRACTOR_VERSION}",
            raw=raw if raw is not None and raw != sval else None,
            attrs=[(k, _as_text(v)) for k, v in attrs] if attrs else (),
        )
        self.items.setdefault(ev.id, ev)
        return ev

    def finding(self, fid: str, severity: Severity, message: str, *, evidence: Iterable[str] = (),
                file: str | None = None, locator: str | None = None) -> None:
        self.findings.append(Finding(id=fid, severity=severity, message=message,
                                     evidence=tuple(EvidenceId(e) for e in evidence),
                                     file=file, locator=locator))


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    try:
        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)[:1000]
    except (TypeError, ValueError):
        return str(value)[:1000]


def _listify(value: Any) -> tuple[list[str], bool]:
    """Normalise ``str | list[str]``; report whether the type was acceptable."""
    if value is None:
        return [], True
    if isinstance(value, str):
        return ([value.strip()] if value.strip() else []), True
    if isinstance(value, list | tuple):
        out = [str(v).strip() for v in value if isinstance(v, str | int | float) and str(v).strip()]
        return out, len(out) == len(value)
    return [str(value)], False


def find_card(snap: RepoSnapshot) -> str | None:
    """The path of the model card, if the snapshot has one."""
    for name in CARD_NAMES:
        if name in snap.texts:
            return name
    for path in sorted(snap.texts):
        if "/" not in path and path.lower() in {n.lower() for n in CARD_NAMES}:
            return path
    return None


def license_role(path: str) -> str | None:
    """``license``, ``notice`` or ``use_policy`` for licence-like file names, else None."""
    name = path_name(path)
    if "/" in path.strip("/") and path.count("/") > 1:
        return None
    m = _LICENSE_FILE.match(name)
    if not m:
        return None
    word = m.group(1).lower()
    if word in {"use_policy", "acceptable_use_policy"}:
        return "use_policy"
    if word == "notice":
        return "notice"
    if word.startswith("terms"):
        return "license"
    return "license"


# ---------------------------------------------------------------- card

_FM_SCALARS = ("license_name", "license_link", "pipeline_tag", "library_name", "base_model_relation",
               "model_name", "model_type", "new_version", "gated", "extra_gated_heading",
               "extra_gated_description", "extra_gated_button_content", "extra_gated_eu_disallowed",
               "inference", "thumbnail")
_FM_LISTS = ("license", "base_model", "datasets", "language", "tags", "metrics")


def _yaml_loc(lines: Mapping[str, int], key: str, extra: str = "") -> str:
    """``yaml:<key path>#L<line>``: the path's own line, else its top-level key's, else none
    (``lines`` as :func:`opengauge.yamlio.node_lines` gives them)."""
    line = lines.get(f"{key}{extra}") or lines.get(key)
    return f"yaml:{key}{extra}" + (f"#L{line}" if line else "")


def _extract_card(c: _Collector, path: str) -> FrontMatter:
    text = c.snap.texts[path]
    fm = parse_front_matter(text)
    x = "card.frontmatter"
    for p in fm.problems:
        sev = Severity.LOW if p.code == "no-front-matter" else Severity.MEDIUM
        fid = {"no-front-matter": "OG-CARD-001", "yaml-error": "OG-CARD-002",
               "unclosed-front-matter": "OG-CARD-002", "not-a-mapping": "OG-CARD-002",
               "duplicate-key": "OG-CARD-003"}.get(p.code, "OG-CARD-002")
        c.finding(fid, sev, f"{path}: {p.message}", file=path,
                  locator=f"L{p.line}" if p.line else None)
    data = fm.data

    def loc(key: str, extra: str = "") -> str:
        return _yaml_loc(fm.key_lines, key, extra)

    for key in _FM_LISTS:
        if key not in data:
            continue
        items, ok = _listify(data[key])
        if not ok:
            c.finding("OG-CARD-004", Severity.MEDIUM,
                      f"{path}: front-matter key '{key}' has an unexpected type "
                      f"({type(data[key]).__name__}); kept the readable part",
                      file=path, locator=loc(key))
        for i, item in enumerate(items):
            suffix = f"[{i}]" if isinstance(data[key], list) else ""
            c.add(EvidenceKind.CARD_FIELD, key, item, file=path, locator=loc(key, suffix), extractor=x)
            if key == "tags":
                tag = item.strip()
                if tag.lower().startswith("arxiv:"):
                    c.add(EvidenceKind.CARD_LINK, "link.arxiv", tag.split(":", 1)[1].strip(),
                          file=path, locator=loc(key, suffix), extractor=x, raw=tag)
                elif tag.lower().startswith("base_model:"):
                    parts = tag.split(":")
                    rel = parts[1] if len(parts) >= 3 else ""
                    c.add(EvidenceKind.CARD_FIELD, "tag.base_model", parts[-1].strip(), file=path,
                          locator=loc(key, suffix), extractor=x, raw=tag, attrs=[("relation", rel)])
                elif tag.lower().startswith("license:"):
                    c.add(EvidenceKind.CARD_FIELD, "tag.license", tag.split(":", 1)[1].strip(),
                          file=path, locator=loc(key, suffix), extractor=x, raw=tag)
                elif tag.lower().startswith("dataset:"):
                    c.add(EvidenceKind.CARD_FIELD, "datasets", tag.split(":", 1)[1].strip(),
                          file=path, locator=loc(key, suffix), extractor=x, raw=tag)
    for key in _FM_SCALARS:
        if key not in data:
            continue
        val = data[key]
        if isinstance(val, dict | list) and key not in {"inference", "gated"}:
            c.finding("OG-CARD-004", Severity.LOW,
                      f"{path}: front-matter key '{key}' should be a single value", file=path,
                      locator=loc(key))
        c.add(EvidenceKind.CARD_FIELD, key, val, file=path, locator=loc(key), extractor=x)
    if "extra_gated_prompt" in data:
        prompt = _as_text(data["extra_gated_prompt"])
        c.add(EvidenceKind.CARD_FIELD, "extra_gated_prompt", prompt[:300], file=path,
              locator=loc("extra_gated_prompt"), extractor=x,
              attrs=[("length", len(prompt))])
    if "extra_gated_fields" in data:
        fields = data["extra_gated_fields"]
        names = sorted(str(k) for k in fields) if isinstance(fields, dict) else []
        c.add(EvidenceKind.CARD_FIELD, "extra_gated_fields", ", ".join(names)[:500], file=path,
              locator=loc("extra_gated_fields"), extractor=x)
    widgets = data.get("widget")
    if isinstance(widgets, list):
        for i, w in enumerate(widgets[:50]):
            out = w.get("output") if isinstance(w, dict) else None
            shown = _as_text(out.get("text") or out.get("url") or "") if isinstance(out, dict) else (
                _as_text(out) if out else "")
            if shown.strip():
                c.add(EvidenceKind.CARD_FIELD, "widget.output", shown.strip()[:300], file=path,
                      locator=loc(f"widget[{i}]", ".output"),
                      extractor=x, attrs=[("title", _as_text(w.get("example_title") or ""))])
    if "co2_eq_emissions" in data:
        co2 = data["co2_eq_emissions"]
        c.add(EvidenceKind.CARD_FIELD, "co2_eq_emissions", co2, file=path,
              locator=loc("co2_eq_emissions"), extractor=x)
    if "model-index" in data:
        _extract_model_index(c, path, data["model-index"], loc)
    return fm


def _extract_model_index(c: _Collector, path: str, mi: Any,
                         loc: Callable[[str, str], str]) -> None:
    if not isinstance(mi, list):
        c.finding("OG-CARD-004", Severity.LOW, f"{path}: 'model-index' is not a list", file=path,
                  locator=loc("model-index", ""))
        return
    n = 0
    for e, entry in enumerate(mi):
        if not isinstance(entry, dict):
            continue
        results = entry.get("results")
        for r, res in enumerate(results if isinstance(results, list) else ()):
            if not isinstance(res, dict):
                continue
            ds_raw, task_raw = res.get("dataset"), res.get("task")
            ds: dict[str, Any] = ds_raw if isinstance(ds_raw, dict) else {}
            task: dict[str, Any] = task_raw if isinstance(task_raw, dict) else {}
            metrics = res.get("metrics")
            for m, met in enumerate(metrics if isinstance(metrics, list) else ()):
                if not isinstance(met, dict) or n >= 200:
                    continue
                n += 1
                dname = _as_text(ds.get("name") or ds.get("type"))
                value = f"{dname}: {_as_text(met.get('type') or met.get('name'))}={_as_text(met.get('value'))}"
                locator = loc("model-index", f"[{e}].results[{r}].metrics[{m}]")
                c.add(EvidenceKind.CARD_FIELD, "eval_result", value, file=path, locator=locator,
                      extractor="card.model-index",
                      attrs=[("dataset", _as_text(ds.get("type") or ds.get("name"))),
                             ("task", _as_text(task.get("type")))])


def _extract_body(c: _Collector, path: str, fm: FrontMatter) -> None:
    text = c.snap.texts[path]
    lines = rx.text_lines(text)
    mask = cardbody.code_fence_mask(lines)
    hidden: list[bool] | None = None
    if "<!--" in text:
        # what an HTML comment holds is not shown: no heading, statement or link
        prose = cardbody.comment_mask(lines, mask)
        hidden = [p and not m for p, m in zip(prose, mask, strict=True)]
        mask = prose
    words = cardbody.word_offsets(lines)
    sections = cardbody.parse_sections(lines, fm.body_start, mask, words)
    x = "card.body"
    body_words = words[-1] - words[min(fm.body_start - 1, len(lines))]
    c.add(EvidenceKind.CARD_SECTION, "card.body", f"{body_words} words", file=path,
          locator=f"L{fm.body_start}-L{max(len(lines), fm.body_start)}", extractor=x,
          attrs=[("words", body_words), ("sections", len(sections))])
    for s in sections:
        shown: list[tuple[str, int]] = []
        if "evaluation" in s.kinds:
            numbers, scores, images = cardbody.figures(lines, s.start, s.end)
            shown = [("numbers", numbers), ("scores", scores), ("images", images)]
        for kind in s.kinds or ("other",):
            c.add(EvidenceKind.CARD_SECTION, f"section.{kind}", s.title, file=path,
                  locator=f"L{s.start}-L{s.end}", extractor=x,
                  attrs=[("words", s.words), ("start", s.start), ("end", s.end), ("level", s.level),
                         *shown])
        if "license" in s.kinds:
            c.add(EvidenceKind.LICENSE_TEXT, "license_section", s.title, file=path,
                  locator=f"L{s.start}-L{s.end}", extractor=x,
                  attrs=[("start", s.start), ("end", s.end), ("words", s.words)])
    scan = rx.LineScan(lines, fm.body_start)  # (several searches of the same body)
    for link in cardbody.parse_links(lines, fm.body_start, hidden, scan=scan):
        c.add(EvidenceKind.CARD_LINK, f"link.{link.kind}", link.value, file=path,
              locator=f"L{link.line}", extractor=x, raw=link.url,
              attrs=[("text", link.text), *([("lead", link.lead)] if link.lead else ())]
              if link.text else ())
    for st in cardbody.parse_statements(lines, fm.body_start, mask, sections, scan=scan):
        c.add(EvidenceKind.CARD_STATEMENT, f"statement.{st.kind}", st.text, file=path,
              locator=f"L{st.line}", extractor=x, attrs=[("phrase", st.phrase), ("section", st.section)])
    for line_no, kind, said, section in cardbody.size_facts(lines, fm.body_start, mask, sections,
                                                            c.snap.repo_id, scan=scan):
        c.add(EvidenceKind.CARD_STATEMENT, f"statement.{kind}", said, file=path,
              locator=f"L{line_no}", extractor=x, raw=lines[line_no - 1].strip()[:400],
              attrs=[("phrase", said), ("section", section)])
    for line_no, said, how in cardbody.sample_outputs(lines, fm.body_start, mask, c.snap.repo_id,
                                                      scan=scan):
        c.add(EvidenceKind.CARD_SECTION if how == "summary" else EvidenceKind.CARD_STATEMENT,
              "card.sample_output", said, file=path, locator=f"L{line_no}", extractor=x,
              attrs=[("found", how)])
    if "merge_method" in text:
        # a mergekit recipe quoted in a code block (LazyMergekit cards carry no config file)
        for first, end in cardbody.code_blocks(lines, fm.body_start):
            if any(ln.startswith("merge_method:") for ln in lines[first:end]):
                _extract_mergekit(c, path, "\n".join(lines[first:end]), "card.mergekit",
                                  first_line=first + 1)
    if "@" in text and ("booktitle" in text or "journal" in text):
        for line_no, venue, kind, key in cardbody.bibtex_venues(lines, fm.body_start):
            c.add(EvidenceKind.CARD_STATEMENT, "citation.venue", venue, file=path,
                  locator=f"L{line_no}", extractor=x, attrs=[("entry", kind), ("key", key)])
    title = next((s.title for s in sections if s.level == 1), None)
    if title:
        c.add(EvidenceKind.CARD_SECTION, "card.title", title, file=path,
              locator=f"L{next(s.start for s in sections if s.level == 1)}", extractor=x)


# ---------------------------------------------------------------- files

def _extract_license_files(c: _Collector) -> None:
    for path in sorted(c.snap.texts):
        role = license_role(path)
        if role is None or path in CARD_NAMES:
            continue
        text = c.snap.texts[path]
        lines = rx.text_lines(text)
        title = next((cardbody.clean_inline(ln).strip("# ") for ln in lines if ln.strip()), "")
        c.add(EvidenceKind.LICENSE_TEXT, "license_file", path, file=path,
              locator=f"L1-L{max(len(lines), 1)}", extractor="files.license",
              attrs=[("role", role), ("title", title[:160]), ("bytes", len(text.encode()))])
    for f in c.snap.files:
        role = license_role(f.path)
        if role and f.path not in c.snap.texts:
            c.add(EvidenceKind.FILE, "file.license_listed", f.path, file=f.path, locator="listing",
                  extractor="files.listing", attrs=[("role", role)])


def _load_json(c: _Collector, path: str) -> Any:
    try:
        return jsontext.loads(c.snap.texts[path])
    except json.JSONDecodeError as e:
        c.finding("OG-FILE-001", Severity.LOW, f"{path} is not valid JSON ({e}); not used", file=path)
        return None


def _json_line(text: str, key: str) -> str:
    """``#L<n>``: the line of the first ``"key"`` followed by blanks and a colon in JSON
    text, or ``""``. (A scan, not a pattern per key: patterns compiled in a batch worker are
    compiled again at every run, as only the parent process stores them.)"""
    needle = f'"{key}"'
    at = text.find(needle)
    while at >= 0:
        j = at + len(needle)
        while j < len(text) and text[j].isspace():
            j += 1
        if j < len(text) and text[j] == ":":
            return f"#L{text.count(chr(10), 0, at) + 1}"
        at = text.find(needle, at + 1)
    return ""


_MERGEKIT = rx.compile(r"(mergekit_config|.*\.mergekit)\.ya?ml$", re.IGNORECASE)


def _extract_configs(c: _Collector) -> None:
    x = "files.config"
    for path in sorted(c.snap.texts):
        name = path_name(path)
        if path.count("/") > 1:
            continue
        text = c.snap.texts[path]
        if name == "config.json" and "/" not in path:
            cfg = _load_json(c, path)
            if not isinstance(cfg, dict):
                continue
            arch = cfg.get("architectures")
            archs = arch if isinstance(arch, list) else [arch] if arch else []
            where = "json:$.architectures" + _json_line(text, "architectures") if archs else ""
            for a in archs:
                c.add(EvidenceKind.CONFIG, "config.architecture", a, file=path, locator=where,
                      extractor=x)
            for field, keys in _CONFIG_FIELDS:
                for k in keys:
                    if k in cfg and isinstance(cfg[k], str | int | float) and not isinstance(cfg[k], bool):
                        c.add(EvidenceKind.CONFIG, f"config.{field}", cfg[k], file=path,
                              locator=f"json:$.{k}" + _json_line(text, k), extractor=x)
                        break
            nested = cfg.get("text_config") if isinstance(cfg.get("text_config"), dict) else None
            if nested:
                for field, keys in _CONFIG_FIELDS:
                    for k in keys:
                        if k in nested and isinstance(nested[k], str | int | float):
                            c.add(EvidenceKind.CONFIG, f"config.{field}", nested[k], file=path,
                                  locator=f"json:$.text_config.{k}", extractor=x)
                            break
            if isinstance(cfg.get("auto_map"), dict):
                c.add(EvidenceKind.CONFIG, "config.auto_map", ", ".join(sorted(
                    str(v) if not isinstance(v, list) else str(v[0]) for v in cfg["auto_map"].values()))[:300],
                    file=path, locator="json:$.auto_map" + _json_line(text, "auto_map"), extractor=x)
            nop = cfg.get("_name_or_path")
            if isinstance(nop, str) and nop.strip():
                c.add(EvidenceKind.CONFIG, "config.name_or_path", nop.strip(), file=path,
                      locator="json:$._name_or_path" + _json_line(text, "_name_or_path"), extractor=x)
            q = cfg.get("quantization_config")
            if isinstance(q, dict):
                c.add(EvidenceKind.CONFIG, "config.quantization",
                      _as_text(q.get("quant_method") or q.get("bits") or "yes"), file=path,
                      locator="json:$.quantization_config" + _json_line(text, "quantization_config"),
                      extractor=x)
        elif name == "model_index.json" and "/" not in path:
            cfg = _load_json(c, path)
            if isinstance(cfg, dict):
                cls = cfg.get("_class_name")
                if cls:
                    c.add(EvidenceKind.CONFIG, "config.architecture", cls, file=path,
                          locator="json:$._class_name" + _json_line(text, "_class_name"), extractor=x)
                comps = sorted(k for k in cfg if not k.startswith("_"))
                if comps:
                    c.add(EvidenceKind.CONFIG, "config.pipeline_components", ", ".join(comps), file=path,
                          locator="json:$", extractor=x)
        elif name == "adapter_config.json":
            cfg = _load_json(c, path)
            if isinstance(cfg, dict):
                base = cfg.get("base_model_name_or_path")
                if isinstance(base, str) and base:
                    c.add(EvidenceKind.CONFIG, "config.adapter_base", base, file=path,
                          locator="json:$.base_model_name_or_path" + _json_line(text, "base_model_name_or_path"),
                          extractor=x, attrs=[("peft_type", _as_text(cfg.get("peft_type")))])
        elif name in {"quantize_config.json", "quant_config.json"}:
            cfg = _load_json(c, path)
            if isinstance(cfg, dict):
                c.add(EvidenceKind.CONFIG, "config.quantization",
                      _as_text(cfg.get("quant_method") or f"{cfg.get('bits', '?')}-bit"), file=path,
                      locator="json:$", extractor=x)
        elif _MERGEKIT.match(name):
            _extract_mergekit(c, path, text, x)
    for f in c.snap.files:
        name = path_name(f.path)
        if _MERGEKIT.match(name) and f.path not in c.snap.texts:
            c.add(EvidenceKind.FILE, "file.mergekit_listed", f.path, file=f.path, locator="listing",
                  extractor="files.listing")


_MERGEKIT_DEEP = frozenset({"models", "slices"})


def _extract_mergekit(c: _Collector, path: str, text: str, x: str, first_line: int = 1) -> None:
    """A mergekit recipe's method and models, each located at its key path and line.

    ``first_line`` is the file line of the recipe's first line: a recipe quoted in a card's
    code block starts below its fence, and one that is not valid YAML is passed over there
    (a code block is an example, not a file of the repository).
    """
    try:
        cfg, lines = yamlio.load_with_lines(text, first_line, _MERGEKIT_DEEP)
    except yaml.YAMLError as e:
        if first_line == 1:
            c.finding("OG-FILE-001", Severity.LOW,
                      f"{path} is not valid YAML ({str(e).splitlines()[0]})", file=path)
        return
    if not isinstance(cfg, dict) or (first_line > 1 and "merge_method" not in cfg):
        return

    method = cfg.get("merge_method")
    c.add(EvidenceKind.CONFIG, "config.merge_method", method or "unknown", file=path,
          locator=_yaml_loc(lines, "merge_method"), extractor=x)
    models: dict[str, str] = {}  # model id -> key path of its first mention

    def sources(items: Any, path: str) -> None:
        """``models`` and each slice's ``sources``: a model id, or a mapping with a ``model``."""
        for i, src in enumerate(items if isinstance(items, list) else ()):
            if isinstance(src, dict) and isinstance(src.get("model"), str):
                models.setdefault(src["model"], f"{path}[{i}].model")
            elif isinstance(src, str):
                models.setdefault(src, f"{path}[{i}]")

    sources(cfg.get("models"), "models")
    slices = cfg.get("slices")
    for i, sl in enumerate(slices if isinstance(slices, list) else ()):
        sources(sl.get("sources") if isinstance(sl, dict) else None, f"slices[{i}].sources")
    base = cfg.get("base_model")
    if isinstance(base, str):
        models.setdefault(base, "base_model")
    for m, key in models.items():
        c.add(EvidenceKind.CONFIG, "config.merge_model", m, file=path,
              locator=_yaml_loc(lines, key), extractor=x,
              attrs=[("is_base", "true" if m == base else "false")])


_WEIGHTS_NAME = rx.compile(r"(model|pytorch|adapter|diffusion|weights|ckpt|consolidated)", re.IGNORECASE)


def weights_format(path: str) -> str | None:
    """The weights format a repository path holds (``safetensors``, ``gguf``...), or ``None``
    for no weights file (optimizer states, index files, a ``.bin`` not named as weights)."""
    suffix = path_suffix(path).lower()
    fmt = _WEIGHT_SUFFIXES.get(suffix)
    if not fmt or _NOT_WEIGHTS.search(path):
        return None
    if fmt == "pytorch-pickle" and suffix == ".bin" and not _WEIGHTS_NAME.search(path):
        return None
    return fmt


def code_role(path: str) -> str | None:
    """The role of a code file by its path (``training``, ``inference``, ``architecture``...),
    or ``None`` for no code file."""
    for role, pat in _CODE_ROLES:
        if pat.search(path):
            if role == "architecture" and not path.endswith(".py"):
                continue
            return role
    return None


def _extract_weights(c: _Collector) -> None:
    x = "files.weights"
    formats: dict[str, list[int | None]] = {}
    pickles: list[str] = []
    for f in c.snap.files:
        fmt = weights_format(f.path)
        if fmt is None:
            continue
        formats.setdefault(fmt, []).append(f.size)
        c.add(EvidenceKind.WEIGHTS, "weights.file", f.path, file=f.path,
              locator="listing" if not f.present else "file", extractor=x,
              attrs=[("format", fmt)] + ([("size", f.size)] if f.size is not None else []))
        if fmt in _PICKLE_FORMATS:
            pickles.append(f.path)
    if pickles:
        # one finding for all the shards (BLOOM ships 72 .bin files)
        safe = "safetensors" in formats
        which = (f"{pickles[0]} is a pickle-based weights file: opengauge never unpickles it"
                 if len(pickles) == 1 else f"{len(pickles)} weights files are pickle-based "
                 f"({pickles[0]}, ...): opengauge never unpickles them")
        c.finding("OG-WEIGHTS-002", Severity.INFO,
                  f"{which}; loading one runs code from the file "
                  + ("(the safetensors copies in the repository load without that risk)" if safe
                     else "(prefer safetensors)"), file=pickles[0])
    total = 0
    known = True
    for fmt, sizes in sorted(formats.items()):
        sz = sum(s for s in sizes if s)
        known = known and all(s is not None for s in sizes)
        total += sz
        c.add(EvidenceKind.WEIGHTS, "weights.format", fmt, file="(listing)", locator="listing",
              extractor=x, attrs=[("files", len(sizes))] + ([("bytes", sz)] if sz else []))
    if formats and total:
        c.add(EvidenceKind.WEIGHTS, "weights.total_bytes", total, file="(listing)", locator="listing",
              extractor=x, attrs=[("complete", "true" if known else "false")])
    params_total = 0
    dtype_totals: dict[str, int] = {}
    for path, data in sorted(c.snap.headers.items()):
        size = next((f.size for f in c.snap.files if f.path == path), None)
        info = weights.parse_gguf(data) if path.lower().endswith(".gguf") else weights.parse_safetensors(data, size)
        if not info.ok:
            c.finding("OG-WEIGHTS-001", Severity.MEDIUM, f"{path}: {info.problem}", file=path,
                      locator="header")
            continue
        params_total += info.parameters or 0
        for dt, n in info.dtypes:
            dtype_totals[dt] = dtype_totals.get(dt, 0) + n
        for k, v in info.metadata:
            if k in {"general.architecture", "general.name", "general.license", "general.file_type",
                     "general.base_model.0.repo_url", "general.quantization_version"}:
                c.add(EvidenceKind.WEIGHTS, f"weights.gguf.{k.split('.', 1)[1]}", v, file=path,
                      locator=f"header:{k}", extractor=x)
    if params_total:
        c.add(EvidenceKind.WEIGHTS, "weights.parameters", params_total, file="(headers)",
              locator="header", extractor=x,
              attrs=[("files_read", len(c.snap.headers))] + [(f"dtype.{k}", v) for k, v in dtype_totals.items()])
    api = c.snap.api or {}
    st = api.get("safetensors") if isinstance(api, dict) else None
    if isinstance(st, dict) and st.get("total"):
        c.add(EvidenceKind.HUB_API, "weights.parameters", st["total"], file="(hub api)",
              locator="api:safetensors.total", extractor="hub.api")


_CODE_SUFFIXES = (".py", ".sh", ".ipynb", ".yaml", ".yml", ".cpp", ".cu", ".c", ".h", ".rs", ".go",
                  ".js", ".ts")


def _extract_code(c: _Collector) -> None:
    for f in c.snap.files:
        name = f.path
        low = name.lower()
        if not low.endswith(_CODE_SUFFIXES) and "tokeni" not in low and not low.endswith(
            (".model", ".json", ".txt", ".tiktoken")
        ):
            continue
        if low.endswith((".yml", ".yaml")) and _TRAINING_CONFIG.search(name) \
                and not _NOT_TRAINING_CONFIG.search(name):
            c.add(EvidenceKind.FILE, "file.training_config", name, file=name, locator="listing",
                  extractor="files.code")
        if _TOKENIZER.search(name):
            c.add(EvidenceKind.FILE, "file.tokenizer", name, file=name, locator="listing",
                  extractor="files.code")
            continue
        role = code_role(name)
        if role is not None:
            c.add(EvidenceKind.FILE, f"file.code.{role}", name, file=name, locator="listing",
                  extractor="files.code")


def _extract_api(c: _Collector) -> None:
    api = c.snap.api
    if not isinstance(api, dict):
        return
    x = "hub.api"
    for key in ("gated", "private", "disabled", "sha", "lastModified", "createdAt", "author",
                "pipeline_tag", "library_name", "downloads", "likes"):
        if key in api and api[key] is not None:
            c.add(EvidenceKind.HUB_API, f"hub.{key}", api[key], file="(hub api)", locator=f"api:{key}",
                  extractor=x)
    card = api.get("cardData")
    if isinstance(card, dict) and card.get("license"):
        c.add(EvidenceKind.HUB_API, "hub.license", card.get("license"), file="(hub api)",
              locator="api:cardData.license", extractor=x)


def extract(snap: RepoSnapshot) -> Extraction:
    """Collect every fact opengauge reads from a snapshot, with provenance."""
    c = _Collector(snap)
    for p in snap.problems:
        sev = Severity.HIGH if p.code in {"gated"} else Severity.LOW
        c.finding(f"OG-SRC-{p.code}", sev, f"{p.path}: {p.message}", file=p.path)
    card = find_card(snap)
    fm: FrontMatter | None = None
    if card is not None:
        fm = _extract_card(c, card)
        _extract_body(c, card, fm)
        if card in snap.truncated:
            c.finding("OG-CARD-005", Severity.LOW,
                      f"{card} is very large; only its first part was analysed", file=card)
        for other in CARD_NAMES:
            if other != card and other in snap.texts:
                ofm = parse_front_matter(snap.texts[other])
                _extract_body(c, other, ofm)
    elif snap.declaration is None:
        c.finding("OG-CARD-000", Severity.MEDIUM,
                  "no model card (README.md) found: documentation, data and licence facts are unknown")
    _extract_license_files(c)
    _extract_configs(c)
    _extract_weights(c)
    _extract_code(c)
    _extract_api(c)
    if snap.declaration is not None:
        for ev in extract_declared(snap):
            c.items.setdefault(ev.id, ev)
    items = tuple(sorted(c.items.values(), key=lambda e: (e.provenance.file, e.provenance.line, e.provenance.locator, e.key, e.value)))
    return Extraction(bundle=EvidenceBundle(items), findings=tuple(c.findings), card_file=card,
                      front_matter=fm)

"""EOSAI checks: for every parameter a case rated open/partial (pass), closed (fail) and unknown,
built from evidence shaped like the pipeline's (sections with line ranges, links with locators)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from opengauge.frameworks import facts
from opengauge.frameworks.checks import eosai
from opengauge.frameworks.context import Context, Outcome, build_context
from opengauge.model.evidence import Evidence, EvidenceBundle, EvidenceKind, make_evidence
from opengauge.model.report import BaseModelRef, Component, ComponentStatus, Lineage
from opengauge.types import SourceKind
from tests.unit.frameworks.builders import comps

S = ComponentStatus


def ev(key: str, value: str = "x", *, line: int = 1, repo: str = "acme/widget-7b",
       end: int | None = None, raw: str | None = None, **attrs: str) -> Evidence:
    """Evidence at a line of README.md of ``repo`` (sections get start/end attributes)."""
    if key.startswith("section."):
        attrs = {"start": str(line), "end": str(end or line + 10), "words": "120", **attrs}
    loc = f"L{line}-L{end}" if end else f"L{line}"
    return make_evidence(kind=EvidenceKind.CARD_STATEMENT, key=key, value=value, repo=repo,
                         revision="0" * 40, file="README.md", locator=loc, extractor="test/1",
                         raw=raw, attrs=tuple(attrs.items()))


def card(words: int = 1200, repo: str = "acme/widget-7b") -> Evidence:
    return ev("card.body", f"{words} words", repo=repo, words=str(words))


def ctx(items: Iterable[Evidence], overrides: dict[str, ComponentStatus] | None = None,
        lineage: Lineage | None = None, license: str | None = None) -> Context:
    components: list[Component] = comps(S.UNKNOWN, license, overrides)
    return build_context(bundle=EvidenceBundle(tuple(items)), components=components,
                         lineage=lineage, source=SourceKind.LOCAL)


def derived(base_license: str = "Apache-2.0") -> Lineage:
    b = ev("base_model", "org/base")
    return Lineage(relation="finetune", bases=(BaseModelRef(id="org/base", relation="finetune",
                                                            license=base_license,
                                                            evidence=(b.id,)),))


def value(check: Callable[[Context], Outcome], c: Context) -> str:
    return str(check(c).value)


# ------------------------------------------------------------------ weights


def test_weights_base_from_base_licence_gate() -> None:
    assert value(eosai.weights_basemodel, ctx([card()], lineage=derived())) == "open"
    assert value(eosai.weights_basemodel, ctx([card()], lineage=derived("llama2"))) == "partial"


def test_weights_base_tuned_variant_without_base_is_unknown() -> None:
    items = [card(repo="acme/widget-7b-instruct"), ev("weights.file", "model.safetensors",
                                                       repo="acme/widget-7b-instruct")]
    c = ctx(items, {"model_parameters_final": S.RELEASED})
    assert value(eosai.weights_basemodel, c) == "unknown"
    assert value(eosai.weights_endmodel, c) == "open"


def test_weights_end_pass_fail_unknown() -> None:
    assert value(eosai.weights_endmodel, ctx([card()], {"model_parameters_final": S.RELEASED})) == "open"
    assert value(eosai.weights_endmodel, ctx([card()], {"model_parameters_final": S.NOT_RELEASED})) == "closed"
    assert value(eosai.weights_endmodel, ctx([card()])) == "unknown"


def test_weights_end_licence_registration_is_not_a_gate_but_a_hub_gate_is() -> None:
    released = {"model_parameters_final": S.RELEASED}
    assert value(eosai.weights_endmodel, ctx([card(), ev("license", "llama2")], released)) == "open"
    gated = [card(), ev("extra_gated_prompt", "Please accept the licence")]
    assert value(eosai.weights_endmodel, ctx(gated, released)) == "partial"


def test_weights_end_diff_release_is_partial() -> None:
    items = [card(), ev("license_file", "WEIGHT_DIFF_LICENSE")]
    assert value(eosai.weights_endmodel, ctx(items, {"model_parameters_final": S.RELEASED})) == "partial"


# ------------------------------------------------------------------ data


def test_data_pass_fail_unknown() -> None:
    listed = [card(), ev("datasets", "org/corpus")]
    assert value(eosai.datasources_endmodel, ctx(listed)) == "open"
    vague = [card(), ev("statement.trained_on", "Trained on publicly available sources.")]
    assert value(eosai.datasources_basemodel, ctx(vague)) == "closed"
    assert value(eosai.datasources_basemodel, ctx([card()], lineage=derived())) == "unknown"


# ------------------------------------------------------------------ code


def test_trainingcode_open_linked_repository() -> None:
    items = [card(), ev("link.code_repo", "https://github.com/acme/widget-train", text="Training Code")]
    assert value(eosai.trainingcode, ctx(items)) == "open"


def test_trainingcode_own_repo_in_training_section_is_open() -> None:
    items = [card(), ev("section.training_procedure", "Fine-tuning", line=100, end=120),
             ev("link.code_repo", "https://github.com/acme/Widget", line=110, text="readme")]
    assert value(eosai.trainingcode, ctx(items)) == "open"
    # a framework repository of the same owner is not the model's training code
    items[-1] = ev("link.code_repo", "https://github.com/acme/DeepFramework", line=110)
    assert value(eosai.trainingcode, ctx(items)) != "open"


def test_trainingcode_finetune_recipes_only_is_partial_for_a_pretrained_model() -> None:
    items = [card(), ev("link.code_repo", "https://github.com/acme/widget-recipes", text="recipes")]
    assert value(eosai.trainingcode, ctx(items)) == "partial"
    assert value(eosai.trainingcode, ctx(items, lineage=derived())) == "open"


def test_trainingcode_inference_only_is_closed_and_no_card_is_unknown() -> None:
    items = [card(), ev("file.code.architecture", "modeling_widget.py")]
    assert value(eosai.trainingcode, ctx(items, {"inference_code": S.RELEASED})) == "closed"
    assert value(eosai.trainingcode, ctx([])) == "unknown"


def test_trainingcode_named_framework_with_its_link_is_partial() -> None:
    items = [card(), ev("statement.training_code", "- Training Framework: nanotron", line=50),
             ev("link.code_repo", "https://github.com/other/nanotron", line=50, text="nanotron")]
    assert value(eosai.trainingcode, ctx(items)) == "partial"
    # an in-house code base named without a link does not count
    assert value(eosai.trainingcode, ctx(items[:2])) == "closed"


def test_code_documentation_pass_partial_fail_unknown() -> None:
    released = [card(), ev("file.code.training", "train.py"),
                ev("section.training_procedure", "Training procedure")]
    assert value(eosai.code_documented, ctx(released)) == "open"
    assert value(eosai.code_documented, ctx(released, lineage=derived())) == "partial"
    assert value(eosai.code_documented, ctx([card()])) == "closed"
    assert value(eosai.code_documented, ctx([])) == "unknown"


# ------------------------------------------------------------------ documentation


def test_hardware_architecture_scale_type_and_inference_hardware() -> None:
    arch = ev("config.architecture", "WidgetForCausalLM")
    scaled = ev("statement.hardware", "The model was trained on 384 A100 GPUs.")
    typed = ev("statement.hardware", "Widget was trained using TPUv5e hardware.")
    infer = ev("statement.hardware", "This requires a GPU with 16GB memory.")
    assert value(eosai.hardware_architecture, ctx([card(), arch, scaled])) == "open"
    assert value(eosai.hardware_architecture, ctx([card(), arch, typed])) == "partial"
    assert value(eosai.hardware_architecture, ctx([card(), arch, infer])) == "partial"
    assert value(eosai.hardware_architecture, ctx([card(), infer])) == "closed"
    assert value(eosai.hardware_architecture, ctx([])) == "unknown"


def test_hardware_in_training_section_counts_without_the_word_train() -> None:
    items = [card(), ev("config.architecture", "W"),
             ev("section.training_procedure", "Training", line=200, end=240),
             ev("statement.hardware", "* GPUs: 512 H100-80G", line=210)]
    assert value(eosai.hardware_architecture, ctx(items)) == "open"


def test_preprint_own_arxiv_report_blog_and_references() -> None:
    cite = [card(), ev("section.citation", "Citation", line=300, end=315),
            ev("link.arxiv", "2501.00001", line=310)]
    assert value(eosai.preprint, ctx(cite)) == "open"
    generic = [card(), ev("link.arxiv", "2402.00838", text="Link", lead="- Paper:")]
    assert value(eosai.preprint, ctx(generic)) == "open"
    # a link that only points ("here") after words about something else is a reference
    pointer = [card(), ev("link.arxiv", "2204.05149", text="here",
                          lead="The methodology used can be found")]
    assert value(eosai.preprint, ctx(pointer)) == "closed"
    report = [card(), ev("link.other", "https://aka.ms/widget-report", text="Widget Technical Report")]
    assert value(eosai.preprint, ctx(report)) == "partial"
    refs = [card(), ev("link.arxiv", "2005.14165", text="Brown et al., 2020"),
            ev("link.other", "https://acme.ai/blog/widget", text="blog post")]
    assert value(eosai.preprint, ctx(refs)) == "closed"
    assert value(eosai.preprint, ctx([])) == "unknown"


def test_paper_venue_preprint_only_and_none() -> None:
    venue = [card(), ev("link.paper", "https://aclanthology.org/2024.acl-long.1/", text="paper")]
    assert value(eosai.paper, ctx(venue)) == "open"
    benchmark = [card(), ev("link.paper", "https://aclanthology.org/2020.emnlp-main.154/",
                            text="CrowS-Pairs")]
    assert value(eosai.paper, ctx(benchmark)) == "closed"
    pre = [card(), ev("link.arxiv", "2402.00838", text="paper")]
    assert value(eosai.paper, ctx(pre)) == "unknown"
    assert value(eosai.paper, ctx([])) == "unknown"


def _sections(*kinds: str) -> list[Evidence]:
    return [ev(f"section.{k}", k, line=10 * (i + 1)) for i, k in enumerate(kinds)]


def test_modelcard_standard_thin_missing() -> None:
    full = [card(), *_sections("model_details", "training_data", "training_procedure",
                               "evaluation", "limitations")]
    assert value(eosai.modelcard, ctx(full)) == "open"
    no_data = [card(), *_sections("model_details", "training_procedure", "evaluation",
                                  "intended_use")]
    assert value(eosai.modelcard, ctx(no_data)) == "partial"
    assert value(eosai.modelcard, ctx([], {"model_card": S.NOT_RELEASED})) == "closed"
    assert value(eosai.modelcard, ctx([])) == "unknown"


def test_modelcard_data_heading_counts_as_training_data() -> None:
    items = [card(), *_sections("model_details", "evaluation", "limitations"),
             ev("section.other", "DataMix", line=90)]
    assert value(eosai.modelcard, ctx(items)) == "open"


def test_datasheet_link_hub_datasets_card_text_and_nothing() -> None:
    link = [card(), ev("link.other", "https://hf.co/spaces/x/cards", text="Data Cards")]
    assert value(eosai.datasheet, ctx(link)) == "open"
    hub = [card(), ev("datasets", "org/corpus")]
    assert value(eosai.datasheet, ctx(hub)) == "open"
    assert value(eosai.datasheet, ctx(hub, lineage=derived())) == "partial"
    described = [card(), ev("section.training_data", "Training data", words="200")]
    assert value(eosai.datasheet, ctx(described)) == "closed"
    assert value(eosai.datasheet, ctx([])) == "unknown"


# ------------------------------------------------------------------ licences


@pytest.mark.parametrize(("lic", "want"), [("apache-2.0", "open"), ("cc-by-nc-4.0", "partial"),
                                           ("gemma", "closed")])
def test_licenses(lic: str, want: str) -> None:
    assert value(eosai.licenses, ctx([card(), ev("license", lic)])) == want


def test_licenses_unknown() -> None:
    assert value(eosai.licenses, ctx([card()])) == "unknown"


# ------------------------------------------------------------------ helpers


def test_name_stem_and_in_sections() -> None:
    c = ctx([card(repo="deepseek-ai/DeepSeek-R1")])
    assert facts.name_stem(c) == "deepseek"
    sec = ev("section.citation", "Citation", line=5, end=9)
    inside, outside = ev("link.arxiv", "1", line=7), ev("link.arxiv", "2", line=12)
    c = ctx([sec, inside, outside])
    assert facts.in_sections(c, inside, "citation")
    assert not facts.in_sections(c, outside, "citation")


def test_the_innermost_classified_section_decides() -> None:
    uses = ev("section.intended_use", "Uses", line=10, end=60)
    training = ev("section.training_procedure", "Training", line=30, end=60)
    details = ev("section.other", "Details", line=40, end=60)
    hw = ev("statement.hardware", "Hardware: 32 x 8 x A100 GPUs", line=45)
    misuse = ev("statement.hardware", "Runs on one GPU", line=20)
    c = ctx([uses, training, details, hw, misuse])
    # an unclassified heading inherits the section around it; the level-1 "Uses" does not
    # claim the "Training" section nested in it
    assert facts.in_sections(c, hw, "training_procedure")
    assert not facts.in_sections(c, hw, "intended_use")
    assert facts.in_sections(c, misuse, "intended_use")
    assert facts.training_hardware(c).scaled == (hw,)


def test_wafer_scale_and_gpu_hour_statements_give_the_training_hardware_scale() -> None:
    cs2 = ev("statement.hardware", "It was trained on the Andromeda supercomputer of 16 CS-2 "
             "wafer scale systems.", line=5)
    hours = ev("statement.hardware", "Hardware Type: A100 PCIe 40GB. Hours used: 150000 for "
               "training.", line=9)
    assert facts.training_hardware(ctx([cs2, hours])).scaled == (cs2, hours)

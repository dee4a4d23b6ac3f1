"""Which card sentences become statements of which kind (cardbody.parse_statements)."""

from __future__ import annotations

import pytest

from opengauge import api
from opengauge.evidence.cardbody import code_fence_mask, parse_sections, parse_statements


def _kinds(text: str) -> set[str]:
    lines = text.split("\n")
    mask = code_fence_mask(lines)
    return {st.kind for st in parse_statements(lines, 1, mask, parse_sections(lines, 1, mask))}


@pytest.mark.parametrize("sentence", [
    "The model was trained on 512 A100 GPUs for three weeks.",
    "It was trained on 8 16GB V100 cards.",
    "Trained on 64k context windows throughout.",
    "We trained on TPU v4 pods.",
])
def test_trained_on_hardware_or_a_context_length_is_no_data_statement(sentence: str) -> None:
    assert "trained_on" not in _kinds(sentence)


@pytest.mark.parametrize("sentence", [
    "The model was trained on 1.4T tokens of web text.",
    "It was trained on The Pile using 256 A100 GPUs.",
])
def test_trained_on_data_is_still_a_data_statement(sentence: str) -> None:
    assert "trained_on" in _kinds(sentence)


def test_a_denied_fine_tune_is_no_lineage_statement() -> None:
    assert "finetuned_from" not in _kinds("This model has not been fine-tuned for chat use.")
    assert "finetuned_from" not in _kinds("GPT-J-6B is not fine-tuned for downstream tasks.")
    assert "finetuned_from" in _kinds("This model is fine-tuned from Mistral-7B on chat data.")


def test_release_and_non_release_wordings() -> None:
    assert "release" in _kinds("We have also released an SFT only version of the model.")
    assert "open_weights" in _kinds("Since Meta is openly releasing these models, others benefit.")
    assert "not_released" in _kinds("We filtered the data and will not be releasing the dataset.")
    assert "not_released" in _kinds("The company has not disclosed the data it used.")


def test_a_library_name_with_a_size_is_a_model_not_training_code() -> None:
    assert "training_code" not in _kinds("To cite the GPT-NeoX-20B paper, use the entry below.")
    assert "training_code" not in _kinds("| Megatron-8.3B | 66.5 | 60.2 |")
    assert "training_code" in _kinds("The model was trained with the GPT-NeoX library.")


def test_a_card_that_denies_human_feedback_training_makes_rlhf_workers_not_applicable(tmp_path) -> None:
    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\npipeline_tag: text-generation\n---\n# M\n\n"
        "Our model hasn't been fine-tuned through reinforcement learning from human feedback.\n")
    r = api.assess(str(tmp_path))
    row = next(c for c in r.components if c.id == "brief.rlhf_workers_disclosure")
    assert (row.status.value, len(row.evidence)) == ("not_applicable", 1)


@pytest.mark.parametrize(("heading", "kinds"), [
    ("Data", ("training_data",)),
    ("Model Card Contact", ()),
    ("Model Card Authors", ()),
    ("Where to send questions or comments about the model", ()),
    ("About the model", ("model_details",)),
    ("Model Type", ("model_details",)),
    ("Running the model on a single / multi GPU", ("intended_use",)),
    ("Hardware", ("hardware",)),
])
def test_headings_get_the_section_kinds_a_reader_would_give_them(heading: str, kinds: tuple[str, ...]) -> None:
    lines = ["# Card", "", f"## {heading}", "text"]
    sections = parse_sections(lines, 1, code_fence_mask(lines))
    assert sections[1].kinds == kinds


@pytest.mark.parametrize("sentence", [
    "The model was pretrained on 2 trillion tokens of public data.",
    "The corpus was converted into 350B unique tokens.",
    "Each model saw 299,892,736,000 tokens during training.",
    "Total seen tokens: **366B**",
])
def test_token_counts_written_in_several_ways_are_token_statements(sentence: str) -> None:
    assert "tokens" in _kinds(sentence)


@pytest.mark.parametrize("sentence", [
    "The context window is 4096 tokens.",
    "Batches hold 2,097,152 tokens.",
])
def test_a_context_length_or_batch_size_is_no_token_statement(sentence: str) -> None:
    assert "tokens" not in _kinds(sentence)


@pytest.mark.parametrize("sentence", [
    "BLOOMChat is a 176 billion parameter multilingual chat model.",
    "* 176,247,271,424 parameters:",
    "A 1.3B-parameter model trained on code.",
    "671B total parameters with 37B activated for each token.",
])
def test_parameter_counts_are_statements(sentence: str) -> None:
    assert "parameters" in _kinds(sentence)


def test_tuning_hyperparameters_is_no_parameter_statement() -> None:
    assert "parameters" not in _kinds("We tuned 5 hyperparameters on the validation set.")


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Results for the third pythia-70m-deduped checkpoint are shown here.", "data_processing"),
    ("We compare with DeepSeek-R1-Distill-Qwen-7B on every benchmark.", "synthetic_data"),
    ("Questions go to https://github.com/lm-sys/FastChat/issues please.", "training_code"),
    ("Pythia uses the same tokenizer as GPT-NeoX-\n20B does.", "training_code"),
])
def test_a_word_inside_a_model_name_path_or_url_is_no_statement(sentence: str, kind: str) -> None:
    assert kind not in _kinds(sentence)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The model generates images based on text prompts.", False),
    ("Based on that information, we estimate the CO2 emissions.", False),
    ("The architecture is based on the transformer architecture.", False),
    ("This model is based on Llama 2 and tuned for chat.", True),
    ("It is based on the original LLaMA weights.", True),
    ("Our model is based on [Mistral](https://huggingface.co/mistralai/Mistral-7B-v0.1).", True),
])
def test_based_on_is_lineage_only_when_a_model_is_named(sentence: str, expected: bool) -> None:
    assert ("finetuned_from" in _kinds(sentence)) is expected


def test_other_vendors_proprietary_models_say_nothing_about_this_release() -> None:
    assert "not_released" not in _kinds("Zephyr still lags behind proprietary models on coding.")
    assert "not_released" in _kinds("The training data is proprietary and not shared.")


def test_a_quantized_release_names_the_model_it_quantizes() -> None:
    assert "finetuned_from" in _kinds(
        "These files are GPTQ 4bit model files for [WizardCoder 15B](https://huggingface.co/a/b).")


def test_a_coupon_or_discount_is_a_monetisation_signal() -> None:
    assert "monetisation" in _kinds("Use this coupon code to get 25% off our API.")
    assert "monetisation" not in _kinds("Cut the learning rate by 25% after warm-up.")


def test_a_short_card_is_named_as_short_not_as_missing(tmp_path) -> None:
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n# Tiny\n\nA small model.\n",
                                        encoding="utf-8")
    r = api.assess(str(tmp_path))
    msgs = {c.id: c.message for v in r.verdicts for c in v.criteria}
    assert msgs["EUAI-MONETISATION"].startswith("only a short model card (")


@pytest.mark.parametrize(("sentence", "kind", "expected"), [
    # checkpoints of the final model in another format are no intermediate checkpoints
    ("Cerebras CS-2 compatible checkpoints are available in the Model Zoo.", "intermediate_checkpoints", False),
    ("GGUF checkpoints are available in the companion repository.", "intermediate_checkpoints", False),
    ("Training checkpoints are available as branches of this repository.", "intermediate_checkpoints", True),
    ("We also provide 154 intermediate checkpoints per model.", "intermediate_checkpoints", True),
    # announcements
    ("Paper coming soon.", "forthcoming", True),
    ("The dataset will be released next week.", "forthcoming", True),
    ("We released the dataset last week.", "forthcoming", False),
    # labelled training hyperparameters
    ("- **Optimizer:** AdamW", "hyperparameter", True),
    ("| Learning rate | 2e-5 |", "hyperparameter", True),
    ("We used a large learning rate and small batches.", "hyperparameter", False),
    # words in another sense: a mixture-of-experts layer, a routing rate, a framework used to
    # evaluate or named inside another model's name
    ("- **Architecture:** Mixture of 8 Experts (MoE)", "trained_on", False),
    ("The corpus is a mixture of web pages and books.", "trained_on", True),
    ("- **Experts Utilization:** 2 experts used per token", "monetisation", False),
    ("The hosted API costs $0.002 per token.", "monetisation", True),
    ("MT-bench is run using FastChat.", "training_code", False),
    ("We thank the authors of FastChat-T5-3b.", "training_code", False),
    ("The model was trained with FastChat on 8 GPUs.", "training_code", True),
    ("The scripts to run training are open-sourced at acme/chat.", "training_code", True),
    ("All of the code used to prepare the datasets is public.", "data_processing", True),
])
def test_statement_kinds_on_their_own_wordings(sentence: str, kind: str, expected: bool) -> None:
    assert (kind in _kinds(sentence)) is expected


def test_an_acknowledgements_section_credits_others_but_may_tell_compute_and_annotators() -> None:
    from opengauge.evidence import cardbody

    text = ("# M\n\n## Acknowledgements\n\nWe thank Acme for discussions on data processing and "
            "FastChat. Training ran on 64 A100 GPUs donated by Acme. Our annotators were paid "
            "contractors.\n")
    lines = text.split("\n")
    mask = cardbody.code_fence_mask(lines)
    secs = cardbody.parse_sections(lines, 1, mask)
    assert [s.kinds for s in secs][-1] == ("acknowledgements",)
    kinds = {st.kind for st in cardbody.parse_statements(lines, 1, mask, secs)}
    assert kinds == {"hardware", "workers"}


@pytest.mark.parametrize("sentence", [
    "It took 3 days to train 1.5 epochs on 4x A100s using qLoRA.",
    "- Hardware: 512 nodes of 6xV100 (IBM Power9)",
    "- Hardware: SambaNova Reconfigurable Dataflow Unit (RDU)",
])
def test_plural_glued_and_labelled_hardware_is_a_hardware_statement(sentence: str) -> None:
    assert "hardware" in _kinds(sentence)


def test_a_hardware_heading_about_running_the_model_is_no_training_hardware_section() -> None:
    text = "# M\n\n### Required Hardware\n\n- 16x H100 (2x H100 nodes)\n\n## Training Hardware\n\nx\n"
    lines = text.split("\n")
    mask = code_fence_mask(lines)
    kinds = {s.title: s.kinds for s in parse_sections(lines, 1, mask)}
    assert "hardware" not in kinds["Required Hardware"]
    assert "intended_use" in kinds["Required Hardware"]
    assert "hardware" in kinds["Training Hardware"]


def test_a_named_training_stage_is_a_training_method_but_not_in_a_results_table() -> None:
    assert "training_method" in _kinds(
        "After pretraining, this model uses supervised fine-tuning (SFT) and preference training.")
    assert "training_method" in _kinds("It took 3 days to train on 4x A100s using qLoRA.")
    assert "training_method" not in _kinds("| SFT + DPO | 7.34 | 90.60 |")
    assert "training_method" not in _kinds("Gemma comes in pre-trained and instruction-tuned variants.")
    assert "training_method" not in _kinds('payload = {"lora_model": "x", "lora_strength": 0.5}')


def test_both_commercial_and_non_commercial_use_is_no_research_only_statement() -> None:
    assert "research_only" not in _kinds(
        "Open license allowing usage and modification for both commercial and non-commercial purposes.")
    assert "research_only" in _kinds("The weights are released for non-commercial use only.")


@pytest.mark.parametrize(("heading", "has", "lacks"), [
    ("Terms of Use", "license", "intended_use"),
    ("Acceptable Use Policy", "other", "intended_use"),
    ("Model Specifications", "model_details", "other"),
    ("Intended Use", "intended_use", "license"),
])
def test_heading_kinds(heading: str, has: str, lacks: str) -> None:
    lines = f"# M\n\n## {heading}\n\ntext\n".split("\n")
    mask = code_fence_mask(lines)
    kinds = {s.title: s.kinds or ("other",) for s in parse_sections(lines, 1, mask)}[heading]
    assert has in kinds and lacks not in kinds


@pytest.mark.parametrize("sentence", [
    "We detail some notable subsets included here:",
    "The training data draws on public datasets including but not limited to C4 and the Pile.",
    "Among others, the mix used these data sources.",
    "Here is a non-exhaustive list of the datasets used in fine-tuning.",
])
def test_a_hedged_dataset_list_is_a_data_selection_statement(sentence: str) -> None:
    assert "data_selection" in _kinds(sentence)


@pytest.mark.parametrize("sentence", [
    "The list of derivative models below is not an exhaustive list, but to name a few:",
    "Prohibited uses include, but are not limited to, spam.",
    "We release the datasets under CC-BY-4.0.",
])
def test_other_hedges_or_plain_dataset_mentions_are_no_data_selection(sentence: str) -> None:
    assert "data_selection" not in _kinds(sentence)


def test_a_dataset_list_the_card_calls_a_selection_is_partly_released(tmp_path) -> None:
    folder = tmp_path / "acme__chat-7b"
    folder.mkdir()
    card = ("---\nlicense: apache-2.0\ndatasets:\n- acme/chat-data\n- acme/math-data\n---\n"
            "# Chat 7B\n\n## Dataset Details\n\n"
            "Chat 7B was fine-tuned on a collection of public instruction data. "
            "We detail some notable subsets included here:\n\n"
            "- [Chat data](https://huggingface.co/datasets/acme/chat-data)\n"
            "- [Math data](https://huggingface.co/datasets/acme/math-data)\n")
    (folder / "README.md").write_text(card)
    r = api.assess(str(folder))
    ds = next(c for c in r.components if c.id == "datasets")
    assert ds.status.value == "partially_released"
    assert "selection" in ds.reason
    hedge = next(e for e in r.evidence if e.key == "statement.data_selection")
    assert hedge.provenance.locator == "L11" and hedge.id in ds.evidence
    d2 = next(c for v in r.verdicts for c in v.criteria if c.id == "OSAID-D2")
    assert d2.status.value == "partially_met" and hedge.id in d2.evidence
    # the same card without the hedge: the list is taken as given
    (folder / "README.md").write_text(card.replace("We detail some notable subsets included here:",
                                                   "The datasets are:"))
    r = api.assess(str(folder))
    assert next(c for c in r.components if c.id == "datasets").status.value == "released"
    assert next(c for v in r.verdicts for c in v.criteria if c.id == "OSAID-D2").status.value == "met"


@pytest.mark.parametrize("sentence", [
    "The prompts and number of shots are part of a Microsoft internal tool to evaluate language models.",
    "All benchmarks were evaluated with our in-house evaluation harness.",
    "We evaluate every checkpoint using an internal pipeline.",
])
def test_evaluation_on_internal_tooling(sentence: str) -> None:
    assert "eval_internal" in _kinds(sentence)


@pytest.mark.parametrize("sentence", [
    "The model was trained on internal data and evaluated on MMLU.",
    "Our internal tool chain builds the tokenizer.",
    "We use an internal pipeline for data filtering. Evaluation uses lm-evaluation-harness.",
])
def test_internal_tooling_for_other_work_is_no_evaluation_statement(sentence: str) -> None:
    assert "eval_internal" not in _kinds(sentence)


def test_internal_evaluation_tooling_makes_evaluation_code_not_released(tmp_path) -> None:
    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\n---\n# W\n\n## Evaluation\n\nScores come from our in-house evaluation "
        "harness; we report MMLU 61.2.\n", encoding="utf-8")
    r = api.assess(str(tmp_path))
    comp = next(c for c in r.components if c.id == "evaluation_code")
    [ev] = [e for e in r.evidence if e.key == "statement.eval_internal"]
    assert (comp.status.value, comp.evidence, comp.reason) == (
        "not_released", (ev.id,), "the card says the evaluation ran on internal tooling")
    # a public harness named beside it keeps the code partly public
    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\n---\n# W\n\nWe evaluated with lm-evaluation-harness and an internal "
        "pipeline.\n", encoding="utf-8")
    comp = next(c for c in api.assess(str(tmp_path)).components if c.id == "evaluation_code")
    assert comp.status.value == "partially_released"


@pytest.mark.parametrize("sentence", [
    "For all the evaluations, we use our internal evaluations library.",
    "Scores were computed with an in-house evaluation library.",
])
def test_evaluation_on_an_internal_library(sentence: str) -> None:
    assert "eval_internal" in _kinds(sentence)


@pytest.mark.parametrize("sentence", [
    "The model was trained on an internal distributed training codebase, Gigatron.",
    "We trained it with our proprietary training framework.",
    "Training used an in-house training library built on JAX.",
])
def test_training_on_internal_code(sentence: str) -> None:
    assert "train_internal" in _kinds(sentence)


@pytest.mark.parametrize("sentence", [
    "We trained on internal infrastructure with 512 GPUs.",  # (may be hardware)
    "The model was trained on proprietary data.",
    "Our internal library handles tokenization.",
    "We used custom training libraries.",  # custom is not said to be unreleased
])
def test_no_internal_training_code_statement(sentence: str) -> None:
    assert "train_internal" not in _kinds(sentence)


def test_internal_training_code_makes_training_code_not_released(tmp_path) -> None:
    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\n---\n# W\n\n## Training\n\nW was trained on an internal distributed "
        "training codebase.\n", encoding="utf-8")
    r = api.assess(str(tmp_path))
    comp = next(c for c in r.components if c.id == "training_code")
    [ev] = [e for e in r.evidence if e.key == "statement.train_internal"]
    assert (comp.status.value, comp.evidence, comp.reason) == (
        "not_released", (ev.id,), "the card says the model was trained with internal code")
    # a training repository linked beside it keeps the code partly public
    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\n---\n# W\n\nW was trained with our internal training code; the "
        "fine-tuning scripts are at [github](https://github.com/example/w-train).\n",
        encoding="utf-8")
    comp = next(c for c in api.assess(str(tmp_path)).components if c.id == "training_code")
    assert comp.status.value == "partially_released"


@pytest.mark.parametrize(("sentence", "meant"), [
    ("Our model slightly outperforms some closed-source LLMs on GSM8K.", False),
    ("It is competitive with frontier closed-source models.", False),
    ("The training pipeline remains closed-source.", True),
])
def test_closed_source_other_models_are_not_this_release(sentence: str, meant: bool) -> None:
    assert ("not_released" in _kinds(sentence)) is meant


@pytest.mark.parametrize(("sentence", "meant"), [
    ("Developers should validate the model on datasets not publicly available.", False),
    ("It can be fine-tuned by developers using their own proprietary data.", False),
    ("Several proprietary datasets were licensed and used in training.", True),
    ("We used proprietary data. Developers should test the model.", True),
])
def test_advice_about_the_users_own_data_is_not_this_release(sentence: str, meant: bool) -> None:
    assert ("not_released" in _kinds(sentence)) is meant

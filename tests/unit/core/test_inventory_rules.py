"""Inventory rules read from real card wordings: own papers vs cited ones, generative or predictive, downloads."""

from __future__ import annotations

from pathlib import Path

from opengauge import api


def _components(tmp_path: Path, name: str, body: str) -> dict[str, tuple[str, str]]:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    (folder / "README.md").write_text(f"---\nlicense: mit\n---\n# Model\n\n{body}\n")
    r = api.assess(str(folder))
    return {c.id: (c.status.value, c.reason) for c in r.components}


def test_benchmark_papers_in_an_evaluation_table_are_no_technical_report(tmp_path: Path) -> None:
    body = ("## Evaluation\n\n| Benchmark | Score |\n|---|---|\n"
            "| [MMLU](https://arxiv.org/abs/2009.03300) | 42.3 |\n"
            "| [HellaSwag](https://arxiv.org/abs/1905.07830) | 71.4 |\n")
    got = _components(tmp_path, "acme__gemlike-2b", body)
    assert got["technical_report"] == ("unknown", "2 paper link(s), none of them the model's own "
                                       "(not in the citation section, and their link text names "
                                       "another work)")
    assert got["research_paper"][0] == "unknown"


def test_a_paper_named_after_the_model_or_its_acronym_or_in_the_citation_is_its_own(
        tmp_path: Path) -> None:
    got = _components(tmp_path, "acme__stable-diffusion-xl-base",
                      "See the [SDXL report on arXiv](https://arxiv.org/abs/2307.01952).")
    assert got["technical_report"][0] == got["research_paper"][0] == "released"
    r = api.assess(str(tmp_path / "acme__stable-diffusion-xl-base"))
    link = next(e for e in r.evidence if e.key == "link.arxiv")
    cited = {c.id: c.evidence for c in r.components}
    assert cited["technical_report"] == cited["research_paper"] == (link.id,)
    got = _components(tmp_path, "acme__gemlike-7b",
                      "Read the [Gemlike paper](https://arxiv.org/abs/2403.08295).")
    assert got["technical_report"][0] == "released"
    got = _components(tmp_path, "acme__other-7b",
                      "## Citation\n\nSee https://arxiv.org/abs/2403.08295 for details.")
    assert got["research_paper"][0] == "released"


def test_generative_or_predictive_from_tags_tasks_and_snippets(tmp_path: Path) -> None:
    def selection(name: str, front: str, body: str = "") -> str:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "README.md").write_text(f"---\nlicense: mit\n{front}---\n# M\n\n{body}\n")
        r = api.assess(str(folder))
        return next(c.status.value for c in r.components if c.id == "brief.model_input_variable_selection")

    # input/variable selection applies to predictive models only
    assert selection("a", "tags:\n- causal-lm\n") == "not_applicable"
    assert selection("b", "", "```python\nunmasker = pipeline('fill-mask', model='org/bert')\n```") == "unknown"
    assert selection("c", "", "```python\nm = AutoModelForCausalLM.from_pretrained('org/m')\n```") == "not_applicable"
    assert selection("d", "model-index:\n- name: m\n  results:\n  - task: {type: text-generation}\n"
                     "    dataset: {name: d}\n    metrics: [{type: acc, value: 1}]\n") == "not_applicable"


def test_a_pipeline_loading_a_hub_model_shows_the_weights_being_downloaded(tmp_path: Path) -> None:
    got = _components(tmp_path, "acme__tiny-chat",
                      '```python\npipe = pipeline("text-generation", model="acme/tiny-chat")\n```')
    assert got["model_parameters_final"][0] == "released"


def test_a_usage_line_loading_a_named_library_class_releases_the_architecture(
        tmp_path: Path) -> None:
    body = ("## Usage\n\n```python\nfrom transformers import GPTNeoXForCausalLM\n"
            "model = GPTNeoXForCausalLM.from_pretrained(\"acme/model\")\n```\n")
    got = _components(tmp_path, "named", body)
    assert got["model_architecture"] == (
        "released", "the card's usage code loads the architecture class GPTNeoXForCausalLM, "
        "implemented in a public library")
    assert got["supporting_libraries_and_tools"] == (
        "released", "the card's usage code loads the model with a public library")
    # an Auto class names no architecture; a class loaded with trust_remote_code comes from
    # the repository, whose code this snapshot does not have
    auto = _components(tmp_path, "auto", body.replace("GPTNeoXForCausalLM", "AutoModelForCausalLM"))
    assert auto["model_architecture"][0] == "unknown"
    assert auto["supporting_libraries_and_tools"][0] == "released"
    remote = _components(tmp_path, "remote", body.replace(
        '"acme/model")', '"acme/model", trust_remote_code=True)'))
    assert remote["model_architecture"][0] == "unknown"


def test_a_paper_under_the_repository_licence_says_where_that_licence_came_from(
        tmp_path: Path) -> None:
    folder = tmp_path / "acme__gemlike-7b"
    folder.mkdir()
    (folder / "README.md").write_text(
        "---\nlicense: cc-by-nc-4.0\n---\n# Gemlike\n\n"
        "Read the [Gemlike paper](https://arxiv.org/abs/2403.08295).\n")
    r = api.assess(str(folder))
    crit = {c.id: c for v in r.verdicts for c in v.criteria}
    assert ("Technical report [not-open:CC-BY-NC-4.0, the repository's licence: none of its own "
            "was found]") in crit["MOF-CLASS-III"].message
    mof = next(v for v in r.verdicts if v.framework == "mof")
    assert ("Technical report (no licence of its own was found, and the repository's licence "
            "CC-BY-NC-4.0, which the MOT applies to it, is not an open licence") in mof.summary


def test_training_datasets_linked_on_the_hub_carry_a_data_card(tmp_path: Path) -> None:
    body = ("## DataMix\n\nThe [fully processed pretraining data]"
            "(https://huggingface.co/datasets/acme/mix) is public.\n")
    got = _components(tmp_path, "hub", body)
    assert got["data_card"] == ("partially_released", "training datasets are linked as Hub "
                                "datasets (which carry dataset cards)")
    r = api.assess(str(tmp_path / "hub"))
    assert [e.value for e in r.evidence if e.key == "section.training_data"] == ["DataMix"]
    # a dataset linked from elsewhere than the Hub carries no dataset card we know of, and a
    # benchmark linked from the evaluation section is no training data
    other = _components(tmp_path, "other", body.replace("huggingface.co/datasets", "example.org"))
    assert other["data_card"][0] == "unknown"
    evals = _components(tmp_path, "evals", "## Evaluation\n\nScores on [MMLU]"
                        "(https://huggingface.co/datasets/cais/mmlu): 42.\n")
    assert evals["data_card"][0] == "unknown"


def test_a_bibtex_entry_naming_a_venue_in_the_citation_section_is_a_published_paper(
        tmp_path: Path) -> None:
    entry = ("## Citation\n\n```bibtex\n@InProceedings{acme_2022_cvpr,\n  title = {Acme},\n"
             "  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern "
             "Recognition (CVPR)},\n  year = {2022}\n}\n```\n")
    got = _components(tmp_path, "venue", entry)
    assert got["research_paper"][0] == "released"
    r = api.assess(str(tmp_path / "venue"))
    [venue] = [e for e in r.evidence if e.key == "citation.venue"]
    assert (venue.provenance.locator, venue.attr("entry")) == ("L11", "inproceedings")
    crit = {c.id: c for v in r.verdicts for c in v.criteria}
    assert crit["EOSAI-PAPER"].value == "open" and venue.id in crit["EOSAI-PAPER"].evidence
    # a preprint server or a blog is no venue
    for journal in ("arXiv preprint arXiv:2401.00001", "OpenAI blog"):
        name = journal.split()[0]
        _components(tmp_path, name, entry.replace(
            "booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern "
            "Recognition (CVPR)}", f"journal = {{{journal}}}"))
        assert not [e for e in api.assess(str(tmp_path / name)).evidence
                    if e.key == "citation.venue"]


def test_a_paper_or_code_announced_as_coming_is_not_released_yet(tmp_path: Path) -> None:
    got = _components(tmp_path, "soon", "- **Paper:** *coming soon*.\n- **Code:** Coming soon!\n")
    assert got["technical_report"] == got["research_paper"] == (
        "not_released", "the card says the paper or report is not out yet")
    assert got["training_code"][0] == "not_released"
    got = _components(tmp_path, "upcoming", "Stay tuned for our upcoming code and paper.\n\n"
                      "Both the dataset and a brief report will be released next week.\n")
    assert (got["research_paper"][0], got["training_code"][0], got["datasets"][0]) == (
        "not_released", "not_released", "not_released")
    # what is announced is the list's other item, or the paper is out already
    got = _components(tmp_path, "logs", "We release all code, checkpoints, logs (coming soon).\n")
    assert got["training_code"][0] != "not_released"
    got = _components(tmp_path, "out", "Paper coming soon.\n\n## Citation\n\n"
                      "See https://arxiv.org/abs/2403.08295 for details.\n")
    assert got["research_paper"][0] == "released"


def test_widget_outputs_in_the_front_matter_are_sample_outputs(tmp_path: Path) -> None:
    folder = tmp_path / "widget"
    folder.mkdir()
    (folder / "README.md").write_text(
        "---\nlicense: mit\nwidget:\n  - example_title: Hi\n    text: hi\n    output:\n"
        "      text: Hello! How can I help?\n  - example_title: No output\n    text: hey\n"
        "---\n# M\n")
    r = api.assess(str(folder))
    [out] = [e for e in r.evidence if e.key == "widget.output"]
    assert (out.value, out.provenance.locator, out.attr("title")) == (
        "Hello! How can I help?", "yaml:widget[0].output#L4", "Hi")
    comp = next(c for c in r.components if c.id == "sample_model_outputs")
    assert (comp.status.value, comp.evidence) == ("partially_released", (out.id,))


def test_labelled_hyperparameters_outside_a_hyperparameter_section_are_model_metadata(
        tmp_path: Path) -> None:
    got = _components(tmp_path, "list", "## Training\n\n- **Optimizer:** AdamW\n"
                      "- **Learning rate:** warmup to 0.0001 for 10,000 steps\n")
    assert got["model_metadata"] == ("partially_released",
                                     "configuration and/or hyperparameters are given")
    table = _components(tmp_path, "table", "| Setting | Value |\n|---|---|\n| Batch size | 512 |\n")
    assert table["model_metadata"][0] == "partially_released"
    # an inference benchmark's "batch=1" column and prose about batches are no hyperparameters
    bench = _components(tmp_path, "bench", "| Model | batch=1 | batch=4 |\n|---|---|---|\n"
                        "| m | 10 | 30 |\n\nLarger batches are faster.\n")
    assert bench["model_metadata"][0] == "unknown"


def test_evaluation_results_need_scores_or_charts_in_the_card(tmp_path: Path) -> None:
    prose = ("## Performance\n\nWe have evaluated the performance of the model on a wide range of "
             "benchmarks, from OCR to texture recognition and fine-grained classification. The "
             "paper describes model performance on these datasets.\n")
    got = _components(tmp_path, "prose", prose)
    assert got["evaluation_results"] == ("partially_released", "the card describes the "
                                         "evaluation but gives no scores (no numbers or charts)")
    assert got["evaluation_data"][0] == "partially_released"
    table = _components(tmp_path, "table", prose + "\n| Benchmark | Score |\n|---|---|\n"
                        "| MMLU | 42.3 |\n| ARC | 51.0 |\n| GSM8K | 12.5 |\n")
    assert table["evaluation_results"] == ("released", "evaluation results are reported")
    chart = _components(tmp_path, "chart", prose + "\n![results](results.png)\n")
    assert chart["evaluation_results"][0] == "released"
    r = api.assess(str(tmp_path / "table"))
    sec = next(e for e in r.evidence if e.key == "section.evaluation")
    assert (sec.attr("numbers"), sec.attr("scores"), sec.attr("images")) == ("3", "3", "0")
    # one score in prose is a result too
    won = _components(tmp_path, "won", prose + "\nJudges found a win rate around 50%.\n")
    assert won["evaluation_results"][0] == "released"


def test_mof_classes_are_cumulative(tmp_path: Path) -> None:
    folder = tmp_path / "llamalike"
    folder.mkdir()
    # weights under a licence that is not open fail Class III; Class II and I cannot be met
    # then, even though their own components were merely not found
    (folder / "README.md").write_text("---\nlicense: llama2\n---\n# Llamalike\n\nA model.\n")
    (folder / "config.json").write_text('{"architectures": ["LlamaForCausalLM"]}')
    (folder / "model.safetensors").write_bytes(b"")
    r = api.assess(str(folder))
    crit = {c.id: c for v in r.verdicts for c in v.criteria}
    assert crit["MOF-CLASS-III"].status.value == "not_met"
    for cid, lower in (("MOF-CLASS-II", "III"), ("MOF-CLASS-I", "II")):
        assert crit[cid].status.value == "not_met"
        assert f"out of reach: Class {lower} is not met" in crit[cid].message


def test_card_links_into_its_own_hub_repository_show_the_weights_and_a_training_script(
        tmp_path: Path) -> None:
    def rows(at: str, body: str) -> dict[str, tuple[str, str]]:
        return _components(tmp_path / at, "org__model", body)

    got = rows("a", '🤗 <a href="https://huggingface.co/org/model">[Model Download]</a>')
    assert got["model_parameters_final"][0] == "released"
    got = rows("b", "Weights: [model.safetensors](https://huggingface.co/org/model/blob/main/model.safetensors)")
    assert got["model_parameters_final"][0] == "released"
    got = rows("c", "A basic example of supervised fine-tuning is provided "
               "[here](https://huggingface.co/org/model/resolve/main/sample_finetune.py).")
    assert got["training_code"][0] == "partially_released"
    assert "not inspected" in got["training_code"][1]
    # another repository's download, or a link to this one without download words, shows nothing
    got = rows("d", "[Model Download](https://huggingface.co/other/model) and "
               "[card](https://huggingface.co/org/model)")
    assert got["model_parameters_final"][0] == "unknown"


def test_training_stages_named_outside_a_training_section_describe_the_process_partly(
        tmp_path: Path) -> None:
    got = _components(tmp_path, "stages", "The model went through supervised fine-tuning (SFT) "
                      "and direct preference optimization (DPO) stages.")
    assert got["brief.training_process"][0] == "partially_released"
    # another model's training, in a limitations section, is not this model's process
    got = _components(tmp_path, "other", "## Limitations\n\nChatGPT was fine-tuned using "
                      "reinforcement learning from human feedback (RLHF).")
    assert got["brief.training_process"][0] == "unknown"


def test_weights_linked_from_a_download_table_or_under_a_renamed_owner(tmp_path: Path) -> None:
    def rows(at: str, name: str, body: str) -> dict[str, tuple[str, str]]:
        return _components(tmp_path / at, name, body)

    # a "Model Downloads" section's table of Hub links (a GitHub README's usual layout)
    got = rows("a", "org__model", "## Model Downloads\n\n| Model | Download |\n|---|---|\n"
               "| model | [🤗 Hugging Face](https://huggingface.co/org/model) |\n\n## Usage\n\nRun it.")
    assert got["model_parameters_final"] == (
        "released", "the card links the weights for download from this repository (files not in "
        "this snapshot)")
    # the same link outside such a section says nothing about weights
    got = rows("b", "org__model", "## Links\n\n[🤗 Hugging Face](https://huggingface.co/org/model)")
    assert got["model_parameters_final"][0] == "unknown"
    # "[Model Weights]" under the owner's older name
    got = rows("c", "acmeteam__coder-15b", "Please check out the "
               "[Model Weights](https://huggingface.co/acme/coder-15b).")
    assert got["model_parameters_final"][0] == "released"
    assert "acme/coder-15b" in got["model_parameters_final"][1]
    # the same name under an unrelated owner is another repository
    got = rows("d", "acmeteam__coder-15b", "[Model Weights](https://huggingface.co/zeta/coder-15b)")
    assert got["model_parameters_final"][0] == "unknown"
    # each released row cites the link it rests on; the unknown one cites nothing
    for at, link in (("a", "org/model"), ("c", "acme/coder-15b"), ("d", None)):
        folder = next((tmp_path / at).iterdir())
        r = api.assess(str(folder))
        row = next(c for c in r.components if c.id == "model_parameters_final")
        cited = {e.value for e in r.evidence if e.id in row.evidence}
        assert cited == ({link} if link else set())


def test_a_data_card_elsewhere_is_not_under_the_repository_licence(tmp_path: Path) -> None:
    """Datasets named in the front matter have their own cards, under their own terms: the
    model's licence is no answer for them. A training-data section in the card is the
    repository's own document."""
    def data_card(name: str, card: str) -> tuple[str, str | None, str | None]:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "README.md").write_text(card)
        row = next(c for c in api.assess(str(folder)).components if c.id == "data_card")
        return row.status.value, row.license, row.license_source

    front = "---\nlicense: apache-2.0\ndatasets:\n- acme/web-text\n---\n# Model\n\nA model.\n"
    assert data_card("named", front) == ("partially_released", None, None)
    section = ("\n## Training data\n\n" + "We trained on a filtered crawl of public web pages in "
               "English and French, deduplicated at the document level, with code from permissively "
               "licensed repositories and a small share of synthetic instruction data written by "
               "annotators. " * 2)
    assert data_card("described", front + section) == ("released", "Apache-2.0", "repository")

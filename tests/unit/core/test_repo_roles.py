"""What a linked code repository is for (evidence.repos), and how the inventory uses it."""

from __future__ import annotations

from opengauge import api
from opengauge.evidence import repos
from opengauge.model.evidence import EvidenceKind, make_evidence


def _ev(key: str, value: str, **attrs: str):  # type: ignore[no-untyped-def]
    return make_evidence(kind=EvidenceKind.CARD_LINK, key=key, value=value, repo="t/m",
                         revision="0" * 40, file="README.md", locator="L1", extractor="test/1",
                         attrs=tuple(attrs.items()))


def test_a_named_training_framework_makes_its_repository_a_training_repository() -> None:
    axolotl = _ev("link.code_repo", "https://github.com/OpenAccess-AI-Collective/axolotl", text="")
    other = _ev("link.code_repo", "https://github.com/facebookresearch/llama", text="LLaMA")
    mention = _ev("statement.training_code", "Trained with axolotl.", phrase="axolotl")
    assert repos.framework_repos([axolotl, other], [mention]) == [axolotl]
    assert repos.training_links([axolotl, other]) == []
    assert repos.named_repos([axolotl, other]) == []


def _training_code(tmp_path, body: str):  # type: ignore[no-untyped-def]
    (tmp_path / "README.md").write_text("---\nlicense: apache-2.0\n---\n# M\n\n" + body, encoding="utf-8")
    comps = {c.id: c for c in api.assess(str(tmp_path)).components}
    return comps["training_code"]


def test_another_projects_repository_is_not_this_models_training_code(tmp_path) -> None:
    c = _training_code(tmp_path, "We use a custom training codebase. Unlike "
                       "[LLaMA](https://github.com/facebookresearch/llama), our model is small.\n")
    assert c.status.value == "unknown"


def test_a_training_repository_link_is_partial_training_code(tmp_path) -> None:
    c = _training_code(tmp_path, "- **Training code:** https://github.com/acme/trainer\n")
    assert c.status.value == "partially_released"
    assert "training code repository is linked" in c.reason


def test_training_datasets_are_named_once_and_exclude_evaluation_results(tmp_path) -> None:
    (tmp_path / "README.md").write_text(
        "---\ndatasets:\n- glaiveai/glaive-code-assistant\n---\n# M\n\n"
        "Trained on [glaive](https://huggingface.co/datasets/glaive-code-assistant) and "
        "[c4](https://huggingface.co/datasets/allenai/c4).\n\n"
        "## Evaluation\n\nScores on [MMLU](https://huggingface.co/datasets/cais/mmlu).\n\n"
        "## Leaderboard\n\nDetails: https://huggingface.co/datasets/open-llm-leaderboard/details_m__m\n",
        encoding="utf-8")
    r = api.assess(str(tmp_path))
    assert r.lineage.datasets == ("allenai/c4", "glaiveai/glaive-code-assistant")


def test_a_repository_named_in_a_training_code_sentence_is_a_training_repository(tmp_path) -> None:
    c = _training_code(tmp_path, "All of the code used to prepare the datasets and the scripts to "
                       "run training are open-sourced at [acme/chat](https://github.com/acme/chat).\n")
    assert c.status.value == "partially_released"
    assert "training code repository is linked" in c.reason


def test_evaluation_repositories_by_name_text_or_a_page_of_the_cards_own_repository() -> None:
    harness = _ev("link.code_repo", "https://github.com/EleutherAI/lm-evaluation-harness", text="x")
    analysis = _ev("link.code_repo", "https://github.com/acme/tools", text="[Analysis and Results]")
    home = _ev("link.code_repo", "https://github.com/acme/chat", text="GitHub Repo")
    own_page = make_evidence(kind=EvidenceKind.CARD_LINK, key="link.code_repo",
                             value="https://github.com/acme/chat", raw="https://github.com/acme/chat/#benchmarks",
                             repo="t/m", revision="0" * 40, file="README.md", locator="L9",
                             extractor="test/1", attrs=(("text", "our repository"),))
    engine = make_evidence(kind=EvidenceKind.CARD_LINK, key="link.code_repo",
                           value="https://github.com/org/engine",
                           raw="https://github.com/org/engine/tree/main/benchmark/serving",
                           repo="t/m", revision="0" * 40, file="README.md", locator="L12",
                           extractor="test/1", attrs=(("text", "multi-node serving"),))
    results = _ev("link.code_repo", "https://github.com/acme/evaluation-results", text="JSON files")
    retrieval = _ev("link.code_repo", "https://github.com/org/attention", text="Pass key Retrieval")
    got = repos.eval_links([harness, analysis, home, own_page, engine, results, retrieval])
    assert got == [harness, analysis, own_page]


def test_a_linked_evaluation_repository_releases_evaluation_code_in_part(tmp_path) -> None:
    (tmp_path / "README.md").write_text(
        "---\nlicense: apache-2.0\n---\n# M\n\n[GitHub Repo](https://github.com/acme/m)\n\n"
        "## Benchmarks\n\nTo reproduce our results, follow the instructions in "
        "[our repository](https://github.com/acme/m/#benchmarks).\n", encoding="utf-8")
    c = {c.id: c for c in api.assess(str(tmp_path)).components}["evaluation_code"]
    assert c.status.value == "partially_released"
    assert c.reason == "an evaluation code repository is linked (not inspected)"
    assert len(c.evidence) == 1

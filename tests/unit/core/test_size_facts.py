"""Parameter and token counts a card gives in size badges and tables (cardbody.size_facts), and
how the pipeline turns them into statements."""

from __future__ import annotations

from opengauge import api
from opengauge.evidence.cardbody import code_fence_mask, parse_sections, size_facts


def _facts(text: str, repo: str = "acme/widget-7b") -> list[tuple[int, str, str]]:
    lines = text.split("\n")
    mask = code_fence_mask(lines)
    return [f[:3] for f in size_facts(lines, 1, mask, parse_sections(lines, 1, mask), repo)]


def test_a_size_badge_states_the_parameter_count() -> None:
    text = "# W\n[![Model size](https://img.shields.io/badge/Params-340B-green)](#arch)\n"
    assert _facts(text) == [(2, "parameters", "340B parameters")]


def test_a_table_with_one_row_gives_its_params_and_tokens() -> None:
    text = ("# W\n\n||Training Data|Params|Context|Tokens|LR|\n|---|---|---|---|---|---|\n"
            "|Widget|*web text*|7B|4k|>40B*|1e-5|\n")
    assert _facts(text) == [(5, "parameters", "7B parameters"), (5, "tokens", "40B tokens")]


def test_a_comparison_table_gives_the_row_naming_this_repository_only() -> None:
    rows = ("| Model | Vocab | #Params |\n|:--|:--:|:--:|\n"
            "|[acme/widget-7b-base](https://huggingface.co/acme/widget-7b-base)| 32000 | 6.9B |\n"
            "|[acme/widget-7b](https://huggingface.co/acme/widget-7b)| 32000 | 7.02B |\n")
    assert _facts("# W\n\n" + rows) == [(6, "parameters", "7.02B parameters")]
    assert _facts("# W\n\n" + rows, repo="acme/other-13b") == []


def test_a_table_in_a_code_block_or_without_a_size_column_gives_nothing() -> None:
    assert _facts("# W\n\n```\n| Params |\n|---|\n| 7B |\n```\n") == []
    assert _facts("# W\n\n| Model | Score |\n|---|---|\n| W | 7B |\n") == []


def test_a_badge_count_reaches_the_compute_estimate(tmp_path) -> None:
    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\n---\n# Widget\n\n"
        "[![Model size](https://img.shields.io/badge/Params-340B-green)](#arch)\n\n"
        "The model was pre-trained on a corpus of 9 trillion tokens.\n", encoding="utf-8")
    r = api.assess(str(tmp_path))
    crit = next(c for v in r.verdicts for c in v.criteria if c.id == "EUAI-COMPUTE")
    assert crit.status.value == "not_met"
    assert "3.4e+11" in crit.message

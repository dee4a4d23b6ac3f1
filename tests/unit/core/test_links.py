"""How the card body's links are found and classified (cardbody.parse_links)."""

from __future__ import annotations

from opengauge.evidence.cardbody import parse_links


def _links(text: str) -> list[tuple[str, str, str, int]]:
    return [(k.kind, k.value, k.text, k.line) for k in parse_links(text.split("\n"), 1)]


def test_a_link_whose_text_wraps_is_found_on_its_first_line() -> None:
    got = _links("intro\nSee the [GPT-NeoX\nlibrary](https://github.com/EleutherAI/gpt-neox) here.")
    assert got == [("code_repo", "https://github.com/EleutherAI/gpt-neox", "GPT-NeoX library", 2)]


def test_images_are_not_links_but_a_linked_badge_is_a_link_to_its_target() -> None:
    assert _links("![chart](https://github.com/org/repo/raw/main/chart.png)") == []
    got = _links("[![arXiv](https://img.shields.io/badge/arXiv-2401-red.svg)](https://arxiv.org/abs/2401.12345)")
    assert got == [("arxiv", "2401.12345", "arXiv", 1)]


def test_html_anchors_are_links() -> None:
    got = _links('<a href="https://github.com/EleutherAI/lm-evaluation-harness"><b>harness</b></a>')
    assert got == [("code_repo", "https://github.com/EleutherAI/lm-evaluation-harness", "harness", 1)]


def test_an_anchor_whose_href_goes_on_to_the_next_line_is_a_link_on_its_first_line() -> None:
    got = _links('<p>Data • <a href="https://github.com/acme/analysis/blob/main/README.md#results\n'
                 '">[Analysis and Results]</a> • next</p>\nplain text')
    assert got == [("code_repo", "https://github.com/acme/analysis", "[Analysis and Results]", 1)]
    # two anchors on a line, both closed there: read from the line alone
    got = _links('<a href="https://github.com/a/b">b</a> <a href="https://github.com/c/d">d</a>')
    assert [v for _, v, _, _ in got] == ["https://github.com/a/b", "https://github.com/c/d"]


def test_hub_image_hosts_and_site_pages_are_not_models() -> None:
    got = _links("![a](https://cdn-uploads.huggingface.co/production/uploads/a.png) "
                 "https://cdn-uploads.huggingface.co/production/uploads/b.png "
                 "https://huggingface.co/collections/org/data-123 https://huggingface.co/tensorboard/org/run")
    assert [k for k, *_ in got] == ["other", "other", "other"]
    got = _links("[m](https://huggingface.co/org/model/blob/main/x) [d](https://hf.co/datasets/a/b)")
    assert [(k, v) for k, v, *_ in got] == [("model", "org/model"), ("dataset", "a/b")]


def test_github_site_pages_are_not_repositories() -> None:
    got = _links("https://github.com/orgs/aws-samples and https://github.com/aws-samples/tool")
    assert [(k, v) for k, v, *_ in got] == [("other", "https://github.com/orgs/aws-samples"),
                                            ("code_repo", "https://github.com/aws-samples/tool")]


def test_a_bibtex_url_field_ends_at_its_brace_and_trademark_pages_are_no_licence() -> None:
    got = _links("  url={https://github.com/org/repo},\n"
                 "[trademarks](https://www.microsoft.com/en-us/legal/intellectualproperty/trademarks)")
    assert [(k, v) for k, v, *_ in got] == [
        ("code_repo", "https://github.com/org/repo"),
        ("other", "https://www.microsoft.com/en-us/legal/intellectualproperty/trademarks")]
    assert parse_links(["eprint={x}, url={https://arxiv.org/abs/2204.06745}"], 1)[0].url == (
        "https://arxiv.org/abs/2204.06745")


def test_a_bare_url_takes_the_label_it_is_the_value_of_as_its_text() -> None:
    got = _links("- **Repository:** https://github.com/lm-sys/FastChat\n"
                 "Further fine-tuning code: https://github.com/allenai/open-instruct\n"
                 "See https://github.com/org/other for more.")
    assert [(v, t) for _, v, t, _ in got] == [
        ("https://github.com/lm-sys/FastChat", "Repository"),
        ("https://github.com/allenai/open-instruct", "Further fine-tuning code"),
        ("https://github.com/org/other", ""),
    ]


def test_a_link_that_only_points_keeps_the_words_before_it() -> None:
    got = parse_links(["- **Paper:** [Link](https://arxiv.org/abs/2402.00838)",
                       "Read the [paper](https://arxiv.org/abs/2402.00839)",
                       'Methodology can be found <a href="https://arxiv.org/abs/2204.05149">here</a>'], 1)
    assert [(k.value, k.lead) for k in got] == [
        ("2402.00838", "- Paper:"), ("2402.00839", ""),  # ("paper" names a document itself)
        ("2204.05149", "Methodology can be found")]


def test_a_pointing_link_is_the_models_own_paper_only_when_its_lead_says_paper(tmp_path) -> None:
    from opengauge import api

    def status(body: str) -> str:
        (tmp_path / "README.md").write_text(f"---\nlicense: mit\n---\n# W\n\n{body}\n", encoding="utf-8")
        r = api.assess(str(tmp_path))
        return next(c for c in r.components if c.id == "research_paper").status.value

    assert status("Link to paper: [here](https://arxiv.org/abs/2211.05100)") == "released"
    assert status("The methodology used to estimate emissions can be found "
                  "[here](https://arxiv.org/pdf/2204.05149).") == "unknown"

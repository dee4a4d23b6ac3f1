"""Open-source claims: which sentences of a card describe *this* model as open source.

The rule (../shared/eval/README.md, ``claims_open_source``): the card, its title or its own
paper describes this model, or the release or family holding it, as open source, open-sourced
or fully open, comparatives that place it among open-source models included. Not claims: "open
model", "open weights", "open access", "open license"; open-source code, data, base models or
communities; comparisons that leave the model out; citation blocks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opengauge import api

CLAIMS = [
    "This model is open source and free to use.",
    "The model is fully open-source, with weights and code.",
    "Our models are open-sourced under Apache 2.0.",
    "We open-source Nimbus-7B, a small language model for chat.",
    "Nimbus has been open-sourced to support research on small models.",
    "Nimbus is a fully open-source language model trained from scratch.",
    "It outperforms other open-source models of comparable size on every benchmark.",
    "We release it as open source so that anyone can build on it.",
    "The intention behind crafting this open-source model is to support safety research.",
]

NOT_CLAIMS = [
    "Nimbus is an open-weights model: the weights can be downloaded.",
    "Nimbus is an open model with open access for researchers.",
    "The model is released under an open licence for research.",
    "The training code is open source and lives on GitHub.",
    "We thank the open-source community for their support.",
    "Nimbus was fine-tuned from an open-source base model.",
    "Nimbus outperforms many existing open-source models on reasoning.",
    "This model is not open source; the weights are for research only.",
    "The dataset we trained on is an open-source corpus of web text.",
    "Please install this open-source library first.",
]


def _claims(tmp_path: Path, sentence: str) -> bool:
    (tmp_path / "README.md").write_text(f"---\nlicense: mit\n---\n# Nimbus\n\n{sentence}\n", encoding="utf-8")
    return bool(api.assess(str(tmp_path)).summary["claims_open_source"])


@pytest.mark.parametrize("sentence", CLAIMS)
def test_claims_about_the_model(tmp_path: Path, sentence: str) -> None:
    assert _claims(tmp_path, sentence)


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_not_claims(tmp_path: Path, sentence: str) -> None:
    assert not _claims(tmp_path, sentence)


def test_title_claim_and_citation_block(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\n---\n# Nimbus: an open-source chat model\n\nA small model.\n", encoding="utf-8")
    assert api.assess(str(tmp_path)).summary["claims_open_source"]
    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\n---\n# Nimbus\n\nA small model.\n\n## Citation\n\n"
        "Smith et al. Nimbus is a fully open-source language model. 2025.\n", encoding="utf-8")
    assert not api.assess(str(tmp_path)).summary["claims_open_source"]


def test_claim_is_quoted_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "---\nlicense: mit\n---\n# Nimbus\n\nIntro.\n\nWe open-source Nimbus-7B for everyone.\n", encoding="utf-8")
    summary = api.assess(str(tmp_path)).summary
    assert summary["claims"] == ["README.md:8: We open-source Nimbus-7B for everyone."]

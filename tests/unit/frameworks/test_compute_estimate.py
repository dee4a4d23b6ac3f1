"""The EU AI Act compute estimate (6 x parameters x tokens) reads counts stated for this model."""

from __future__ import annotations

import pytest

from opengauge.frameworks.checks.eu import compute_estimate, parameter_count

from .builders import context, ev


def _params(*sentences: str) -> float | None:
    return parameter_count(context([ev("statement.parameters", s) for s in sentences]))[0]


@pytest.mark.parametrize(("sentence", "count"), [
    ("BLOOMChat is a 176 billion parameter multilingual chat model.", 176e9),
    ("* 176,247,271,424 parameters:", 176_247_271_424),
    ("A 1.3B-parameter model trained on code.", 1.3e9),
    ("Model Size: 104 billion parameters", 104e9),
])
def test_a_stated_count_is_the_parameter_count(sentence: str, count: float) -> None:
    assert _params(sentence) == pytest.approx(count)


@pytest.mark.parametrize("sentence", [
    "We have three models with 2, 7 and 72 billion parameters.",
    "Llama 2 comes in a range of sizes from 7 billion to 70 billion parameters.",
    "| Benchmark | Metric | 2B Params | 7B Params |",
    "All models of size 2.8B parameters or smaller used a different schedule than the 6.9B and 12B models.",
    "Previously, the models of size 160M, 410M, and 1.4B parameters were trained with a larger batch.",
])
def test_a_family_of_sizes_gives_no_parameter_count(sentence: str) -> None:
    assert _params(sentence) is None


def test_part_of_the_model_is_not_its_size() -> None:
    assert _params("The model has 3,596,615,680 embedding parameters.") is None
    assert _params("The model has 3,596,615,680 embedding parameters.",
                   "In all, 176,247,271,424 parameters.") == pytest.approx(176_247_271_424)


@pytest.mark.parametrize("sentence", [
    "A Mixture-of-Experts model with 671B total parameters with 37B activated for each token.",
    "It has 671B total parameters, of which 37B are activated for each token.",
    "671B parameters in all and 37B activated parameters per token.",
])
def test_a_mixture_of_experts_is_estimated_with_its_active_parameters(sentence: str) -> None:
    ctx = context([ev("statement.parameters", sentence),
                   ev("statement.tokens", "pre-trained on 14.8T tokens", phrase="14.8T tokens")])
    flop, n, d, _, what = compute_estimate(ctx)
    assert (n, d, what) == (pytest.approx(37e9), pytest.approx(14.8e12), "active parameters")
    assert flop == pytest.approx(6 * 37e9 * 14.8e12)


def test_a_planned_token_count_is_not_the_training_tokens() -> None:
    ctx = context([ev("statement.parameters", "7B parameters"),
                   ev("statement.tokens", "40B tokens", phrase="40B tokens"),
                   ev("statement.tokens", "*Plan to train upto 200B tokens", phrase="200B tokens")])
    assert compute_estimate(ctx)[2] == pytest.approx(40e9)

"""The brief's minimum openness thresholds for publicly funded AI, as a built-in policy."""

from __future__ import annotations

from opengauge.frameworks import facts
from opengauge.frameworks.context import Context, Outcome, met, not_met, partial, unknown
from opengauge.frameworks.registry import check
from opengauge.model.report import ComponentStatus
from opengauge.types import Confidence

S = ComponentStatus
C = Confidence


def component(ctx: Context, slug: str, what: str) -> Outcome:
    """Released -> met, partially released -> partial, not released -> not met, else unknown."""
    c = ctx.comp(slug)
    if c.status is S.RELEASED:
        return met(f"{what}: {c.reason}", c.evidence,
                   confidence=C.HIGH if ctx.declared else C.MEDIUM)
    if c.status is S.PARTIAL:
        return partial(f"{what} only in part: {c.reason}", c.evidence)
    if c.status is S.NOT_RELEASED:
        return not_met(f"{what} not released: {c.reason}", c.evidence)
    if c.status is S.NOT_APPLICABLE:
        return met(f"{what} does not apply: {c.reason}", c.evidence, confidence=C.MEDIUM)
    return unknown(f"{what} not found: {c.reason}", c.evidence, value=None)


@check("PFB-CODE")
def source_code(ctx: Context) -> Outcome:
    """Source code (training and inference) is released."""
    train = facts.training_code(ctx)
    infer = facts.inference_code(ctx)
    if train.level in {"released", "linked"} and infer:
        return met("training and inference code are released", train.evidence[:3], infer[:3],
                   confidence=C.HIGH if train.level == "released" else C.MEDIUM)
    if train.level == "not_released":
        return not_met("the training code is not released", train.evidence)
    if train.level == "repo":
        # a linked repository of unclear role may hold the training code: not a shortfall found
        return partial("inference code or a linked repository of unclear role is available; "
                       "whether it holds the training code was not checked",
                       infer[:3], train.evidence[:3], confidence=C.LOW)
    if infer:
        return partial("only inference code is available; no training code was found",
                       infer[:3], train.evidence[:3])
    return unknown("no source code found", value=None)


@check("PFB-WEIGHTS")
def weights(ctx: Context) -> Outcome:
    """The final weights are released."""
    return component(ctx, "model_parameters_final", "final weights")


@check("PFB-EVAL-DATA")
def evaluation_data(ctx: Context) -> Outcome:
    """Evaluation datasets are released."""
    return component(ctx, "evaluation_data", "evaluation data")


@check("PFB-MODEL-CARD")
def model_card(ctx: Context) -> Outcome:
    """A model card is published."""
    return component(ctx, "model_card", "model card")


@check("PFB-DATA-CARD")
def data_card(ctx: Context) -> Outcome:
    """A data card is published."""
    return component(ctx, "data_card", "data card")


@check("PFB-DATA-PROTOCOLS")
def data_protocols(ctx: Context) -> Outcome:
    """Data collection and processing protocols are published."""
    c = ctx.comp("brief.data_collection_protocols")
    if c.status is S.UNKNOWN and ctx.available("data_preprocessing_code"):
        return partial("data processing code is released, but no collection protocol",
                       ctx.comp("data_preprocessing_code").evidence, confidence=C.LOW)
    return component(ctx, "brief.data_collection_protocols", "data collection protocols")


@check("PFB-EVAL-RESULTS")
def evaluation_results(ctx: Context) -> Outcome:
    """Evaluation results, including bias assessment, are published."""
    res = component(ctx, "evaluation_results", "evaluation results")
    bias = ctx.ev("section.limitations", "section.bias")
    if res.status.value == "met" and not bias and not ctx.declared:
        return partial("evaluation results are published, but no bias or limitations "
                       "assessment was found", res.evidence)
    return res

"""Solaiman's gradient of generative AI release (2023): the observable steps of the gradient."""

from __future__ import annotations

from opengauge.frameworks import facts
from opengauge.frameworks.context import Context, Outcome, met, not_met, partial, unknown
from opengauge.frameworks.registry import check
from opengauge.model.report import ComponentStatus
from opengauge.types import Confidence

S = ComponentStatus
C = Confidence


@check("SOL-ACCESS")
def outside_access(ctx: Context) -> Outcome:
    """Outsiders can use the model at all (weights, API or hosted interface)."""
    c = ctx.comp("model_parameters_final")
    hosted = facts.hosted_access(ctx)
    if c.status in (S.RELEASED, S.PARTIAL):
        return met("the weights are available for download", c.evidence)
    if hosted:
        return met("the model is offered through an API or hosted interface", hosted[:3],
                   confidence=C.MEDIUM)
    if c.status is S.NOT_RELEASED:
        return unknown("the weights are not released and no API or hosted access was found "
                       "(a release with no outside access at all cannot be confirmed from a "
                       "repository)", c.evidence, value=None)
    return unknown("no weights, API or hosted access found", value=None)


@check("SOL-DOWNLOAD")
def downloadable(ctx: Context) -> Outcome:
    """The weights can be downloaded (level 5 or 6)."""
    c = ctx.comp("model_parameters_final")
    if c.status in (S.RELEASED, S.PARTIAL):
        return met(f"the weights can be downloaded: {c.reason}", c.evidence)
    if c.status is S.NOT_RELEASED:
        return not_met(f"the weights are not released: {c.reason}", c.evidence)
    return unknown(f"weights not found: {c.reason}", c.evidence, value=None)


@check("SOL-UNRESTRICTED")
def unrestricted(ctx: Context) -> Outcome:
    """Downloading and using the weights needs no gate and carries no use restrictions."""
    gate = facts.gated(ctx)
    w = ctx.weights
    if gate:
        return not_met("downloading the weights needs accepting terms (gated)", gate[:3])
    if w is None:
        return unknown("the licence of the weights was not identified", value=None)
    if not w.open_terms:
        detail = ", ".join(w.use_restrictions) or w.facts.kind
        return not_met(f"the weights licence {w.id} restricts use ({detail})", w.evidence)
    return met(f"no gate found and the weights are under {w.id}", w.evidence,
               confidence=C.MEDIUM)


@check("SOL-COMPONENTS")
def replication_components(ctx: Context) -> Outcome:
    """Code and data (or data documentation) are released too, enabling replication."""
    train = facts.training_code(ctx)
    data = facts.dataset_listing(ctx)
    if ctx.available("data_card"):
        data += facts.comp_evidence(ctx, "data_card")
    code_ok = train.level in {"released", "linked"}
    if code_ok and data:
        return met("training code and the training data (or its documentation) are released",
                   train.evidence[:3], data[:3], confidence=C.MEDIUM)
    if train.level == "not_released" or ctx.status("datasets") is S.NOT_RELEASED:
        return not_met("training code or training data is stated not released",
                       train.evidence[:3], ctx.comp("datasets").evidence)
    if code_ok:
        return partial("the training code is released, but no training data (or its "
                       "documentation) was found", train.evidence[:3], confidence=C.LOW)
    if data:
        return partial("the training data (or its documentation) is released in part or whole, "
                       "but no training code was found", data[:3], confidence=C.LOW)
    return unknown("no training code or training data release found", value=None)

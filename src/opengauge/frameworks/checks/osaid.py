"""OSI Open Source AI Definition 1.0: data information 1-3, code, parameters, legal terms."""

from __future__ import annotations

from opengauge.frameworks import facts
from opengauge.frameworks.context import (
    Context,
    Outcome,
    met,
    not_met,
    partial,
    unknown,
)
from opengauge.frameworks.registry import check
from opengauge.model.report import ComponentStatus, CriterionStatus
from opengauge.types import Confidence

S = ComponentStatus
C = Confidence


def _with_base(ctx: Context, own: Outcome, what: str) -> Outcome:
    """A derivative's training includes its base model's: what this snapshot shows is only
    part of ``what``. A base of a family that failed OSI's validation fails the criterion; a
    base OSI did not validate leaves a criterion met here unknown."""
    if own.status is CriterionStatus.NOT_MET:
        return own
    bases = facts.base_osaid(ctx)
    failed = [(b, fam) for b, fam, result in bases if result == "fail"]
    if failed:
        b, fam = failed[0]
        return not_met(f"the base model {b.id} is of the {fam} family, which failed OSI's "
                       f"OSAID 1.0 validation; a derivative's {what} includes its base "
                       f"model's (this snapshot: {own.message})", own.evidence, b.evidence,
                       confidence=C.LOW)  # (OSI validated one model of the family)
    unchecked = [b for b, _, result in bases if result is None]
    if unchecked and own.status is CriterionStatus.MET:
        b = unchecked[0]
        return unknown(f"{own.message}, but a derivative's {what} includes its base model's, "
                       f"and the base model {b.id} is documented outside this snapshot (not "
                       "checked)", own.evidence, b.evidence)
    return own


@check("OSAID-D1")
def data_description(ctx: Context) -> Outcome:
    """Data information (1): a complete description of all training data and its processing."""
    return _with_base(ctx, _data_description(ctx), "training data information")


def _data_description(ctx: Context) -> Outcome:
    described = facts.data_description(ctx)
    processing = facts.data_processing(ctx)
    undisclosed = facts.undisclosed_data(ctx)
    if described and processing:
        conf = C.HIGH if ctx.declared else C.MEDIUM
        return met("the training data and how it was processed and filtered are described",
                   described[:4], processing[:4], confidence=conf)
    papers = facts.papers_linked(ctx)
    if described and papers and not undisclosed:
        return met("the training data is described and a paper or report is linked for the "
                   "processing details (not read)", described[:4], papers[:2],
                   confidence=C.LOW)
    if described:
        return partial("the training data is described, but not how it was selected, processed "
                       "or filtered", described[:4], undisclosed[:2])
    if undisclosed:
        return not_met("the documentation says training data is not disclosed and gives no "
                       "description of it", undisclosed[:3])
    if papers:
        return unknown("no description of the training data in the card; a linked paper or "
                       "report may have it (not read)", papers[:3])
    if ctx.substantive_card:
        return not_met(f"the model card ({ctx.card_words} words) describes no training data and "
                       "links no data card, report or paper", ctx.ev("card.body"),
                       confidence=C.MEDIUM)
    return unknown(f"{ctx.thin_card} and no data documentation in this snapshot")


@check("OSAID-D2")
def public_data_listed(ctx: Context) -> Outcome:
    """Data information (2): a list of all publicly available training data and where to get it."""
    return _with_base(ctx, _public_data_listed(ctx), "list of public training data")


def _public_data_listed(ctx: Context) -> Outcome:
    listing = facts.dataset_listing(ctx)
    selection = facts.data_selection(ctx)
    if listing and selection:
        return partial(f"{len(listing)} training dataset(s) are named with where to obtain them, "
                       "but the card says they are a selection, not the whole list",
                       listing[:6], selection[:2])
    if listing:
        return met(f"{len(listing)} training dataset(s) are named with where to obtain them",
                   listing[:6], confidence=C.HIGH if ctx.declared else C.MEDIUM)
    if ctx.status("datasets") is S.NOT_RELEASED:
        return not_met("the training data is declared not released and no public data is listed",
                       facts.undisclosed_data(ctx)[:3] or ctx.comp("datasets").evidence)
    vague = facts.vague_data(ctx)
    described = facts.data_description(ctx)
    if vague or described:
        return not_met("the training data is described without naming the datasets or where to "
                       "get them", (vague or described)[:3], confidence=C.MEDIUM)
    return unknown("no list of training datasets found")


@check("OSAID-D3")
def third_party_data_listed(ctx: Context) -> Outcome:
    """Data information (3): a list of training data obtainable from third parties."""
    return _with_base(ctx, _third_party_data_listed(ctx), "list of third-party training data")


def _third_party_data_listed(ctx: Context) -> Outcome:
    undisclosed = facts.undisclosed_data(ctx)
    listing = facts.dataset_listing(ctx)
    if undisclosed:
        return not_met("some training data is not public (proprietary, licensed, in-house or "
                       "unreleased) and no list says where to obtain it", undisclosed[:3],
                       confidence=C.MEDIUM)
    if listing:
        return met("the training data named is publicly listed and no third-party or "
                   "non-public data is mentioned", listing[:4],
                   confidence=C.HIGH if ctx.declared else C.LOW)
    return unknown("no list of training data, so third-party sources cannot be checked")


@check("OSAID-CODE")
def complete_code(ctx: Context) -> Outcome:
    """Code: the complete source code used to train and run the system."""
    return _with_base(ctx, _complete_code(ctx), "training code")


def _complete_code(ctx: Context) -> Outcome:
    train = facts.training_code(ctx)
    infer = facts.inference_code(ctx)
    prep = ctx.status("data_preprocessing_code")
    if train.level == "not_released":
        return not_met("the training code is declared or stated not released", train.evidence)
    if prep is S.NOT_RELEASED:
        return not_met("the data processing code is declared or stated not released",
                       ctx.comp("data_preprocessing_code").evidence)
    if train.level in {"released", "linked", "repo"} and infer:
        conf = {"released": C.HIGH, "linked": C.MEDIUM, "repo": C.LOW}[train.level]
        note = {"released": "training code is published",
                "linked": "a training code repository is linked (not inspected)",
                "repo": "a code repository is linked (its training scripts were not inspected)"}
        extra = "" if facts.data_processing(ctx) else "; data processing code was not found"
        return met(f"{note[train.level]} and the model can be run{extra}", train.evidence[:4],
                   infer[:3], confidence=conf if not extra else C.LOW)
    if infer:
        return unknown("code to run the model is available, but no training code was found",
                       infer[:3])
    return unknown("no training or inference code found")


@check("OSAID-PARAMS")
def parameters(ctx: Context) -> Outcome:
    """Parameters: the model weights are made available."""
    c = ctx.comp("model_parameters_final")
    if c.status in (S.RELEASED, S.PARTIAL):
        return met(f"the final weights are available: {c.reason}", c.evidence,
                   confidence=C.HIGH if c.status is S.RELEASED else C.MEDIUM)
    if c.status is S.NOT_RELEASED:
        return not_met(f"the weights are not released: {c.reason}", c.evidence)
    return unknown(f"weights not found: {c.reason}", c.evidence)


@check("OSAID-TERMS")
def legal_terms(ctx: Context) -> Outcome:
    """Legal terms: OSI-approved licence for code, OSI-approved terms for parameters."""
    w = ctx.weights
    if w is None:
        return unknown("the licence of the weights was not identified")
    ev = list(w.evidence)
    if not w.open_terms:
        why = (f"restrictions: {', '.join(w.use_restrictions)}" if w.use_restrictions
               else f"a {w.facts.kind} licence" if w.facts.known else "a licence opengauge "
               "does not know as open")
        return not_met(f"the weights are under {w.id}, not OSI-approved terms ({why})", ev,
                       confidence=C.HIGH if w.facts.known else C.MEDIUM)
    code = ctx.code
    if code is not None and not code.facts.osi_approved:
        return not_met(f"the code is under {code.id}, which is not OSI-approved", ev,
                       code.evidence)
    if code is None:
        return met(f"the weights are under {w.id} (open terms); no separate code licence was "
                   "found, so the same licence is taken to cover the code", ev,
                   confidence=C.MEDIUM)
    conf = C.HIGH if w.facts.osi_approved else C.MEDIUM
    return met(f"the weights are under {w.id} and the code under {code.id}", ev, code.evidence,
               confidence=conf)

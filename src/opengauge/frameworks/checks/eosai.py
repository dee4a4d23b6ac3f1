"""European Open Source AI Index: the 12 current parameters, each open / partial / closed.

The index's experts rate by hand; these checks rate from the evidence in the snapshot, following
the evidence column of ``EOSAI.md``. A parameter is ``unknown`` when the snapshot cannot say.
Documentation parameters are rated ``closed`` only when a substantive model card is present and
names nothing for them (the card is the documentation being rated).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from opengauge.frameworks import facts
from opengauge.frameworks.context import Context, Outcome, ids
from opengauge.frameworks.registry import check
from opengauge.model.evidence import Evidence
from opengauge.model.report import ComponentStatus, CriterionStatus
from opengauge.rx import Prefiltered
from opengauge.types import Confidence, EvidenceId

S = ComponentStatus
C = Confidence
_STATUS = {
    "open": CriterionStatus.MET,
    "partial": CriterionStatus.PARTIAL,
    "closed": CriterionStatus.NOT_MET,
    "unknown": CriterionStatus.UNKNOWN,
}
PARAMS: tuple[tuple[str, str], ...] = (
    ("datasources_basemodel", "EOSAI-DATA-BASE"),
    ("datasources_endmodel", "EOSAI-DATA-END"),
    ("weights_basemodel", "EOSAI-WEIGHTS-BASE"),
    ("weights_endmodel", "EOSAI-WEIGHTS-END"),
    ("trainingcode", "EOSAI-TRAINCODE"),
    ("code", "EOSAI-CODEDOC"),
    ("hardware_architecture", "EOSAI-HWARCH"),
    ("preprint", "EOSAI-PREPRINT"),
    ("paper", "EOSAI-PAPER"),
    ("modelcard", "EOSAI-MODELCARD"),
    ("datasheet", "EOSAI-DATASHEET"),
    ("licenses", "EOSAI-LICENSES"),
)
"""EOSAI parameter name -> criterion id, in the index's order."""


def rate(value: str, message: str, *ev: Iterable[Evidence | EvidenceId | str],
         confidence: Confidence = C.MEDIUM) -> Outcome:
    """An EOSAI rating as an outcome (``unknown`` always has low confidence)."""
    conf = C.LOW if value == "unknown" else confidence
    return Outcome(status=_STATUS[value], confidence=conf, message=message, evidence=ids(*ev),
                   value=value)


def _silent(ctx: Context, what: str) -> Outcome:
    if ctx.substantive_card:
        return rate("closed", f"the documentation ({ctx.card_words or 'declared'} words) names no "
                    f"{what}", ctx.ev("card.body"), confidence=C.LOW)
    return rate("unknown", f"no {what} found, and no substantive model card to rate")


def has_base(ctx: Context) -> bool:
    """The model derives from another model (fine-tune, adapter, merge, quantisation)."""
    return bool(ctx.lineage.bases) and ctx.lineage.relation != "none"


def own_data(ctx: Context) -> Outcome:
    """Rating of the training data documented in this snapshot."""
    listing = facts.dataset_listing(ctx)
    undisclosed = facts.undisclosed_data(ctx)
    vague = facts.vague_data(ctx)
    described = facts.data_description(ctx)
    extra = facts.unlisted_extra_data(ctx)
    if listing and extra and not undisclosed:
        return rate("partial", "the main training datasets are listed, other data is only "
                    "summarised", listing[:4], extra[:2])
    if listing and not undisclosed:
        return rate("open", "the training datasets are listed with where to obtain them",
                    listing[:6])
    if listing:
        return rate("partial", "some training datasets are listed, other data is not disclosed",
                    listing[:4], undisclosed[:2])
    if undisclosed or vague:
        return rate("closed", "the training data is described only in general terms or said to be "
                    "non-public", (undisclosed + vague)[:4])
    if described:
        return rate("partial", "the training data is described but no dataset is linked",
                    described[:4], confidence=C.LOW)
    return _silent(ctx, "training data")


def own_weights(ctx: Context) -> Outcome:
    """Rating of the weights in this snapshot: can they be downloaded, and without a gate?

    Only access is rated here (a Hub gate, an access request, a weight diff that needs another
    model). Licence terms, including a licence's commercial-use registration, are rated under
    ``licenses``.
    """
    c = ctx.comp("model_parameters_final")
    gate = facts.gated(ctx)
    if c.status in (S.RELEASED, S.PARTIAL):
        if gate or c.status is S.PARTIAL:
            return rate("partial", "the weights are downloadable after accepting terms (gated) or "
                        "only in part", c.evidence, gate[:2])
        delta = facts.weight_delta(ctx)
        if delta:
            return rate("partial", "the weights are published only as a diff against another "
                        "model, so they cannot be used without that model", c.evidence, delta[:3])
        return rate("open", "the weights are downloadable without a gate", c.evidence)
    if c.status is S.NOT_RELEASED:
        return rate("closed", f"the weights are not released: {c.reason}", c.evidence)
    return rate("unknown", f"weights not found: {c.reason}", c.evidence)


@check("EOSAI-DATA-BASE")
def datasources_basemodel(ctx: Context) -> Outcome:
    """Is the pre-training data of the base model listed and obtainable?"""
    if not has_base(ctx):
        return own_data(ctx)
    bases = ", ".join(b.id for b in ctx.lineage.bases)
    return rate("unknown", f"the base model ({bases}) is documented elsewhere; its card is not "
                "part of this snapshot", ctx.lineage.evidence)


@check("EOSAI-DATA-END")
def datasources_endmodel(ctx: Context) -> Outcome:
    """Is the fine-tuning data of the end model listed and obtainable?"""
    return own_data(ctx)


@check("EOSAI-WEIGHTS-BASE")
def weights_basemodel(ctx: Context) -> Outcome:
    """Are the base model's weights downloadable?"""
    if not has_base(ctx):
        if facts.tuned_variant_name(ctx):
            return rate("unknown", "this is a tuned (instruct/chat) variant, but its base model is "
                        "not identified, so whether the base weights are published is not known")
        return own_weights(ctx)
    known = [b for b in ctx.lineage.bases if b.license]
    if known:
        from opengauge.frameworks.licensing import license_facts

        f = license_facts(known[0].license or "")
        if "gating_registration" in f.restriction_types:
            return rate("partial", f"the base model {known[0].id} is under {f.id}, which requires "
                        "accepting terms or registering before download", known[0].evidence,
                        confidence=C.LOW)
        return rate("open", f"the base model {known[0].id} is published under {f.id}, without a "
                    "licence-level access gate", known[0].evidence, confidence=C.LOW)
    return rate("unknown", "the base model's repository is not part of this snapshot",
                ctx.lineage.evidence)


@check("EOSAI-WEIGHTS-END")
def weights_endmodel(ctx: Context) -> Outcome:
    """Are the weights of the model users interact with downloadable?"""
    return own_weights(ctx)


def _trainingcode(ctx: Context) -> tuple[str, Outcome]:
    t = facts.training_code(ctx)
    own = facts.own_training_repo(ctx)
    finetune_only = facts.finetune_only_links(t.evidence)
    if t.level == "linked" and not has_base(ctx) and finetune_only and not own:
        return "repo", rate("partial", "only fine-tuning recipes are linked; the code that "
                            "pre-trained the model is not published", t.evidence[:3])
    if t.level in {"released", "linked"} and not (own and finetune_only):
        return t.level, rate("open", "training code is published or a training repository is "
                             "linked", t.evidence[:4])
    if t.level == "not_released":
        return t.level, rate("closed", "the training code is stated not released", t.evidence)
    if own:
        return "linked", rate("open", "the publisher's own code repository is linked from the "
                              "card's training section", own[:3], confidence=C.LOW)
    some = facts.partial_training_code(ctx)
    if t.level == "repo" or some:
        return "partial", rate("partial", "some training code (data processing, fine-tuning "
                               "examples, a named training framework) or a code repository of "
                               "unclear role is available", list(t.evidence[:3]) + some[:3])
    infer = facts.inference_code(ctx)
    if infer and ctx.substantive_card:
        return t.level, rate("closed", "only code to run the model (modelling or inference code) "
                             "is available; no training code is published", infer[:3],
                             confidence=C.LOW)
    return t.level, _silent(ctx, "training code")


@check("EOSAI-TRAINCODE")
def trainingcode(ctx: Context) -> Outcome:
    """Is code for data processing, training and tuning published?"""
    return _trainingcode(ctx)[1]


@check("EOSAI-CODEDOC")
def code_documented(ctx: Context) -> Outcome:
    """Is the training code documented?"""
    level, tc = _trainingcode(ctx)
    if tc.value == "open":
        procedure = ctx.ev("section.training_procedure")
        if level == "released" and procedure and not has_base(ctx):
            return rate("open", "training code is published and the training procedure is "
                        "documented", tc.evidence, procedure[:2])
        if level == "released" and procedure:
            return rate("partial", "the published code and its documentation cover only the "
                        "tuning of a model derived from another; the base model's pre-training "
                        "steps are not covered", tc.evidence, procedure[:2], ctx.lineage.evidence)
        return rate("partial", "a training repository exists; how far each step is documented "
                    "was not inspected", tc.evidence, procedure[:2], confidence=C.LOW)
    if tc.value in {"partial", "closed"}:
        return rate("closed", "there is no published training code to document", tc.evidence,
                    confidence=C.LOW)
    return rate("unknown", "no training code found, so its documentation cannot be rated")


@check("EOSAI-HWARCH")
def hardware_architecture(ctx: Context) -> Outcome:
    """Are the model architecture and training setup documented?"""
    arch = facts.architecture_info(ctx)
    hw = facts.training_hardware(ctx)
    if arch and hw.scaled:
        return rate("open", "the architecture and the scale of the training hardware or compute "
                    "are documented", arch[:3], hw.scaled[:3])
    if arch or hw.mentioned:
        if arch and hw.mentioned:
            what = "architecture is documented, but the training hardware only by type"
        elif arch:
            what = "architecture is documented, not the training hardware"
        else:
            what = "training hardware is documented, not the architecture"
        return rate("partial", f"only the {what}", arch[:3], hw.mentioned[:3])
    return _silent(ctx, "architecture or training hardware details")


@check("EOSAI-PREPRINT")
def preprint(ctx: Context) -> Outcome:
    """Is there an archived preprint about the model?"""
    pre = facts.own_archived_preprint(ctx)
    if pre:
        return rate("open", "the model's own arXiv preprint or technical report is linked",
                    pre[:3])
    report = facts.own_report(ctx)
    if report:
        return rate("partial", "a technical report or paper is linked, but it is not archived as "
                    "a preprint (a vendor-hosted document)", report[:3], confidence=C.LOW)
    return _silent(ctx, "preprint or technical report of its own (blog posts and cited "
                   "references do not count)")


@check("EOSAI-PAPER")
def paper(ctx: Context) -> Outcome:
    """Is there a peer-reviewed paper about the model?"""
    venue = facts.own_venue_paper(ctx)
    if venue:
        return rate("open", "a paper published at a venue is linked or cited", venue[:3],
                    confidence=C.LOW)
    pre = facts.own_archived_preprint(ctx)
    if pre:
        return rate("unknown", "a preprint is linked, but whether it was later peer reviewed is "
                    "not visible in the snapshot", pre[:2])
    return _silent(ctx, "paper (peer-reviewed or preprint)")


_DATA_HEADING = Prefiltered(r"^\W*(\d+\.?\s*)?(pre-?training |training |fine-?tuning )?"
                           r"(data|dataset|datasets|data ?mix|corpus)\W*$", re.IGNORECASE)
_CORE = ("section.model_details", "section.training_data", "section.training_procedure",
         "section.evaluation", "section.limitations", "section.intended_use")


@check("EOSAI-MODELCARD")
def modelcard(ctx: Context) -> Outcome:
    """Is there a model card covering architecture, training, fine-tuning and evaluation?"""
    c = ctx.comp("model_card")
    body = ctx.ev("card.body")
    if ctx.declared or not body:
        if c.status is S.RELEASED:
            return rate("open", c.reason, c.evidence)
        if c.status is S.PARTIAL:
            return rate("partial", c.reason, c.evidence)
        if c.status is S.NOT_RELEASED:
            return rate("closed", c.reason, c.evidence)
        return rate("unknown", c.reason, c.evidence)
    present = [k for k in _CORE if ctx.ev(k)]
    if "section.training_data" not in present and any(
            _DATA_HEADING.match(e.value) for e in ctx.ev("section.*")):
        present.append("section.training_data")
    if "section.training_procedure" not in present and ctx.ev("section.hyperparameters"):
        present.append("section.training_procedure")
    # the standard topics: what the model is trained on, and what it should (not) be used for
    core = "section.training_data" in present and (
        "section.limitations" in present or "section.intended_use" in present)
    names = ", ".join(k.removeprefix("section.") for k in present) or "none"
    if ctx.card_words >= 300 and (len(present) >= 5 or (core and len(present) >= 4)):
        return rate("open", f"a standard model card ({ctx.card_words} words; sections: {names})",
                    body, *(ctx.ev(k)[:1] for k in present))
    return rate("partial", f"a model card without the standard coverage of training data, "
                f"training procedure and evaluation ({ctx.card_words} words; sections: {names})",
                body, *(ctx.ev(k)[:1] for k in present))


@check("EOSAI-DATASHEET")
def datasheet(ctx: Context) -> Outcome:
    """Is there a datasheet for the training data?"""
    dc = ctx.comp("data_card")
    if ctx.declared and dc.status is S.RELEASED:
        return rate("open", "a data card is declared released", dc.evidence)
    sheets = facts.datasheet_links(ctx)
    if sheets:
        return rate("open", "a datasheet, data card or training-data summary is linked",
                    sheets[:3], confidence=C.LOW)
    hub = facts.dataset_listing(ctx)
    if hub:
        if has_base(ctx):
            return rate("partial", "the tuning datasets are Hub datasets with their own cards; the "
                        "base model's pre-training data is documented elsewhere, if at all",
                        hub[:4], ctx.lineage.evidence, confidence=C.LOW)
        if facts.undisclosed_data(ctx) or facts.unlisted_extra_data(ctx):
            return rate("partial", "some training datasets are Hub datasets with their own cards; "
                        "the rest of the data has none", hub[:4], confidence=C.LOW)
        return rate("open", "the training data is listed as Hub datasets, which carry dataset "
                    "cards (their completeness was not inspected)", hub[:4], confidence=C.LOW)
    if dc.status is S.NOT_RELEASED:
        return rate("closed", dc.reason, dc.evidence)
    if ctx.substantive_card:
        return rate("closed", "no datasheet or dataset card: a description of the data inside "
                    "the model card is not a datasheet", ctx.ev("card.body"),
                    ctx.ev("section.training_data")[:2], confidence=C.LOW)
    return rate("unknown", "no datasheet or data card found, and no substantive model card")


_STANDARD_RESTRICTED = ("CC-BY-NC", "CC-BY-ND", "openrail", "rail")


@check("EOSAI-LICENSES")
def licenses(ctx: Context) -> Outcome:
    """Are weights, code and data all under open (OSI-approved) licences?"""
    w = ctx.weights
    if w is None:
        return rate("unknown", "the licence of the weights was not identified")
    parts = [w.evidence]
    code_ok = ctx.code is None or ctx.code.facts.osi_approved
    data_ok = ctx.data is None or ctx.data.open_terms
    if ctx.code is not None:
        parts.append(ctx.code.evidence)
    if w.facts.osi_approved and code_ok and data_ok:
        return rate("open", f"the weights are under {w.id} (OSI-approved)"
                    + ("" if ctx.code else "; no separate code licence found"), *parts)
    if w.open_terms:
        return rate("partial", f"the weights are under {w.id}, open but not OSI-approved, or the "
                    "code or data licence is not open", *parts)
    standard = any(s.lower() in w.id.lower() for s in _STANDARD_RESTRICTED)
    if standard and code_ok:
        return rate("partial", f"the weights are under {w.id}, a standard licence with use "
                    "restrictions", *parts)
    return rate("closed", f"the weights are under {w.id}, a bespoke or restrictive licence",
                *parts, confidence=C.HIGH if w.facts.known else C.LOW)

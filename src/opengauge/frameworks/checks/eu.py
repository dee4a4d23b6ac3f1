"""EU AI Act (Regulation (EU) 2024/1689): the free and open-source conditions of Art. 53(2) and
54(6), the Art. 51(2) compute presumption, the obligations that always remain, and Art. 2(12).

These are evidence checks, not legal advice: whether a model is a general-purpose AI model,
whether it is placed on the EU market and whether it is monetised are facts outside a repository.
"""

from __future__ import annotations

import re

from opengauge import rx
from opengauge.frameworks import facts
from opengauge.frameworks.context import (
    Context,
    Outcome,
    met,
    not_applicable,
    not_met,
    parse_quantity,
    partial,
    per_context,
    unknown,
)
from opengauge.frameworks.registry import check
from opengauge.model.evidence import Evidence
from opengauge.model.report import ComponentStatus
from opengauge.rx import Prefiltered
from opengauge.types import Confidence
from opengauge.visible import clip

S = ComponentStatus
C = Confidence
SYSTEMIC_FLOP = 1e25
"""Art. 51(2): high-impact capabilities are presumed above 10^25 training FLOP."""
TOKEN_CEILING = 1e14
"""Upper bound used when only the parameter count is stated (100 trillion tokens)."""
# a number, its scale if any, at most one word ("total", "activated", "embedding") and
# "parameters": ``176B parameters``, ``1.3B-parameter``, ``176,247,271,424 parameters``
_PARAM_TEXT = Prefiltered(r"(\d[\d,.]{0,40}+)\s*(?:(b|bn|billion|m|million|t|trillion)\b[\s-]*)?"
                         r"(?:([a-z][a-z-]{0,19})\s+)?(?:parameters?|params?)\b", re.IGNORECASE)
_SIZE_NAME = rx.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*([bm])(?![\w])", re.IGNORECASE)
_PERSONAL_DATA = Prefiltered(r"\bpersonal (?:data|information)\b|\bprivacy (?:policy|notice)\b|"
                             r"\binformation (?:you|i) provide\b|\bemail updates\b", re.IGNORECASE)
"""A gate that takes personal data: a privacy policy, "the information you provide will be
collected …", a marketing opt-in."""
_COPYRIGHT = Prefiltered(r"copyright polic|opt-?outs?\b|robots\.txt|text and data mining|"
                        r"\btdm\b|rights reservation", re.IGNORECASE)
_PARTIAL = frozenset({"active", "activated", "embedding", "non-embedding", "trainable", "additional",
                      "extra", "new", "adapter", "lora"})
"""Words that make a parameter count a part of the model's, not the whole."""
_ACTIVE = frozenset({"active", "activated"})
"""Words that give a mixture-of-experts model's parameters used per token."""
_MIN_PARAMETERS = 1e6
"""Smaller stated counts are not a model's size (hyperparameters, examples)."""
_LISTED = rx.compile(r"\d(?:\.\d+)?\s*(?:b|bn|billion|m|million|t|trillion)?(?:\s*(?:,|/|\band\b|\bor\b|\bto\b))+"
                     r"\s*$", re.IGNORECASE)
"""Before a count: another number and list words ("2, 7 and 72 billion", "7 billion to 70")."""
_SIZED_MODELS = rx.compile(r"\bmodels (?:of|in|at) (?:sizes?|scales?)\b|\b\d+(?:\.\d+)?\s*(?:b|bn|billion|m|million)\b"
                           r"[\s-]*(?:[a-z-]{1,20}\s+)?models\b", re.IGNORECASE)
"""Several models' sizes: "models of size …", "the 6.9B and 12B models"."""
_ACTIVE_TEXT = Prefiltered(r"\b(\d+(?:\.\d+)?)\s*(b|bn|billion|m|million)\s+(?:(?:parameters?|params?)\s+)?"
                           r"(?:(?:are|is|get|gets)\s+)?activ(?:e|ated)\b", re.IGNORECASE)
"""A mixture of experts' parameters used per token: "37B activated", "21B are activated"."""


def _count(m: re.Match[str]) -> float | None:
    """The number a :data:`_PARAM_TEXT` match states, scaled."""
    return parse_quantity(m.group(1) + " " + (m.group(2) or ""))


def _family_wide(text: str, m: re.Match[str]) -> bool:
    """A count in a list of sizes (a model family's), not one model's: numbers and list words
    before it, or another, different count in the same sentence or table row."""
    if _LISTED.search(text, max(0, m.start() - 24), m.start()) or _SIZED_MODELS.search(text):
        return True
    here = _count(m)
    return any(_count(o) != here for o in _PARAM_TEXT.finditer(text)
               if (o.group(3) or "").lower() not in _PARTIAL)


def _stated_parameters(ctx: Context, words: frozenset[str] | None) -> tuple[float | None, list[Evidence]]:
    """The first parameter count stated for this model alone; ``words``: the word before
    "parameters" must be one of these (``None``: none, or one that does not make it partial)."""
    # parameter statements first, then any other statement (each seen once), then the title
    others = [e for e in ctx.ev("statement.*") if e.key != "statement.parameters"]
    for e in ctx.ev("statement.parameters") + others + ctx.ev("card.title"):
        for pm in _PARAM_TEXT.finditer(e.value):
            word = (pm.group(3) or "").lower()
            if (word not in words) if words is not None else (word in _PARTIAL):
                continue
            q = _count(pm)
            if q and q >= _MIN_PARAMETERS and not _family_wide(e.value, pm):
                return q, [e]
    return None, []


def parameter_count(ctx: Context) -> tuple[float | None, list[Evidence]]:
    """The parameter count: weight headers / Hub API, else a statement about this model (not
    a list of a family's sizes), else the model's name."""
    for e in ctx.ev("weights.parameters"):
        try:
            return float(e.value), [e]
        except ValueError:
            continue
    stated = _stated_parameters(ctx, None)
    if stated[0] is not None:
        return stated
    for e in ctx.ev("declared.release.version", "declared.release.name", "card.title"):
        m = _SIZE_NAME.search(e.value)
        if m:
            q = parse_quantity(m.group(1) + " " + m.group(2))
            if q:
                return q, [e]
    return None, []


def active_parameters(ctx: Context) -> tuple[float | None, list[Evidence]]:
    """A mixture-of-experts model's parameters used per token, when the card states them: the
    compute of training counts these, not the total."""
    stated = _stated_parameters(ctx, _ACTIVE)
    if stated[0] is not None:
        return stated
    for e in ctx.ev("statement.parameters"):
        am = _ACTIVE_TEXT.search(e.value)
        q = parse_quantity(am.group(1) + " " + am.group(2)) if am else None
        if q and q >= _MIN_PARAMETERS:
            return q, [e]
    return None, []


_PLANNED = rx.compile(r"\bplan(?:s|ned)? to\b|\bwill (?:be )?train",
                      re.IGNORECASE)
"""A token count still to come ("Plan to train up to 200B tokens"), not one trained on."""


def training_tokens(ctx: Context) -> tuple[float | None, list[Evidence]]:
    """The largest number of training tokens stated outside hyperparameter tables (not a
    planned one)."""
    best: tuple[float | None, list[Evidence]] = (None, [])
    for e in ctx.ev("statement.tokens"):
        if "hyperparameters" in e.attr("section") or _PLANNED.search(e.value):
            continue
        q = parse_quantity(e.attr("phrase") or e.value)
        if q and (best[0] is None or q > best[0]):
            best = (q, [e])
    return best


@per_context
def compute_estimate(ctx: Context) -> tuple[float | None, float | None, float | None,
                                             list[Evidence], str]:
    """``(flop, parameters, tokens, evidence, what the parameters are)``; flop = 6 x parameters
    x tokens when both known (a mixture of experts' active parameters when stated)."""
    n, ev_n = active_parameters(ctx)
    what = "active parameters"
    if n is None:
        n, ev_n = parameter_count(ctx)
        what = "parameters"
    d, ev_d = training_tokens(ctx)
    flop = 6 * n * d if n and d else None
    return flop, n, d, ev_n + ev_d, what


@check("EUAI-LICENSE")
def foss_license(ctx: Context) -> Outcome:
    """The licence allows access, use, modification and distribution (Art. 53(2), Rec. 102)."""
    w = ctx.weights
    if w is None:
        return unknown("the licence of the weights was not identified", value=None)
    if w.open_terms:
        return met(f"{w.id} allows access, use, modification and distribution (attribution and "
                   "same-terms conditions are allowed)", w.evidence,
                   confidence=C.HIGH if w.facts.osi_approved else C.MEDIUM)
    detail = ", ".join(w.use_restrictions) or f"a {w.facts.kind} licence"
    return not_met(f"{w.id} restricts use ({detail}), so it is not a free and open-source "
                   "licence in the Act's sense", w.evidence,
                   confidence=C.HIGH if w.facts.known else C.LOW)


@check("EUAI-WEIGHTS")
def weights_public(ctx: Context) -> Outcome:
    """The parameters including the weights are publicly available."""
    c = ctx.comp("model_parameters_final")
    gate = facts.gated(ctx)
    if c.status in (S.RELEASED, S.PARTIAL):
        if gate:
            return met("the weights are public, behind a click-through gate", c.evidence, gate[:2],
                       confidence=C.MEDIUM)
        return met("the weights are public", c.evidence)
    if c.status is S.NOT_RELEASED:
        return not_met(f"the weights are not public: {c.reason}", c.evidence)
    return unknown(f"weights not found: {c.reason}", c.evidence, value=None)


@check("EUAI-ARCH")
def architecture_public(ctx: Context) -> Outcome:
    """Information on the model architecture is public."""
    arch = facts.architecture_info(ctx)
    if arch:
        return met("the architecture is described (configuration, code or model details)",
                   arch[:4])
    if ctx.status("model_architecture") is S.NOT_RELEASED:
        return not_met("the architecture is stated not public", ctx.comp("model_architecture")
                       .evidence)
    return unknown("no architecture information found", value=None)


@check("EUAI-USAGE")
def usage_public(ctx: Context) -> Outcome:
    """Information on model usage is public."""
    usage = facts.usage_info(ctx)
    if usage:
        return met("usage information is published (intended use or usage instructions)",
                   usage[:4])
    if ctx.status("model_card") is S.NOT_RELEASED:
        return not_met("there is no model card with usage information",
                       ctx.comp("model_card").evidence)
    return unknown("no usage information found", value=None)


@check("EUAI-MONETISATION")
def no_monetisation(ctx: Context) -> Outcome:
    """No monetisation signals (Recital 103: price, paid services, personal data)."""
    money = ctx.ev("statement.monetisation")
    if money:
        return not_met(f"monetisation signal: \"{money[0].value[:120]}\"", money[:3],
                       confidence=C.MEDIUM)
    personal = [e for e in ctx.ev("extra_gated_prompt", "extra_gated_description",
                                  "extra_gated_fields", "extra_gated_heading")
                if _PERSONAL_DATA.search(e.value)]
    if personal:
        return not_met("access is gated on personal data (\"" + clip(personal[0].value, 120)
                       + "\"); Recital 103 counts the use of personal data for other purposes "
                       "than the software's security, compatibility or interoperability as "
                       "monetisation", personal[:2], confidence=C.MEDIUM)
    if ctx.substantive_card:
        return met("no price, paid service or personal-data condition was found in the card "
                   "(other signals may exist outside the repository)", ctx.ev("card.body"),
                   confidence=C.LOW)
    return unknown(f"{ctx.thin_card}: too little to rule out monetisation signals", value=None)


@check("EUAI-COMPUTE")
def compute_below_threshold(ctx: Context) -> Outcome:
    """Estimated training compute is below the 10^25 FLOP systemic-risk presumption."""
    flop, n, d, ev, what = compute_estimate(ctx)
    if flop is not None:
        value = f"{flop:.2e}"
        msg = (f"6 x {n:.3g} {what} x {d:.3g} tokens = {value} FLOP "
               f"({'above' if flop > SYSTEMIC_FLOP else 'below'} 1e25)")
        if flop > SYSTEMIC_FLOP:
            return not_met(msg + ": systemic risk is presumed (Art. 51(2))", ev,
                           confidence=C.MEDIUM, value=value)
        return met(msg, ev, confidence=C.MEDIUM, value=value)
    if n is not None and 6 * n * TOKEN_CEILING < SYSTEMIC_FLOP:
        return met(f"training tokens are not stated; with {n:.3g} {what} even "
                   f"{TOKEN_CEILING:.0e} tokens stay below 1e25 FLOP", ev, confidence=C.LOW,
                   value=f"<{6 * n * TOKEN_CEILING:.2e}")
    missing = "parameters and training tokens" if n is None and d is None else (
        "parameter count" if n is None else "number of training tokens")
    return unknown(f"compute cannot be estimated: the {missing} not stated", ev, value=None)


@check("EUAI-COPYRIGHT")
def copyright_policy(ctx: Context) -> Outcome:
    """Art. 53(1)(c): a copyright policy honouring text-and-data-mining opt-outs (always due)."""
    hits = [e for e in ctx.ev("statement.*", "section.*") if _COPYRIGHT.search(e.value)]
    if hits:
        return partial("the documentation mentions copyright opt-outs or a copyright policy; "
                       "the policy itself was not assessed", hits[:3], confidence=C.LOW)
    return unknown("no copyright policy found in this release; Art. 53(1)(c) applies whatever "
                   "the licence", value=None)


@check("EUAI-SUMMARY")
def training_summary(ctx: Context) -> Outcome:
    """Art. 53(1)(d): a public summary of the training content (always due)."""
    listing = facts.dataset_listing(ctx)
    described = facts.data_description(ctx)
    if ctx.declared and ctx.status("data_card") is S.RELEASED:
        return met("a data card is declared released", ctx.comp("data_card").evidence,
                   confidence=C.MEDIUM)
    if listing and described:
        return partial("the training data is listed and described in the card; whether this "
                       "follows the AI Office template was not checked", listing[:3],
                       described[:3], confidence=C.LOW)
    if listing or described:
        return partial("the training data is only partly described", (listing or described)[:3],
                       confidence=C.LOW)
    undisclosed = facts.undisclosed_data(ctx)
    if undisclosed:
        return not_met("the documentation says the training data is not disclosed",
                       undisclosed[:3], confidence=C.LOW)
    return unknown("no training-content summary found", value=None)


@check("EUAI-SYSTEMS")
def systems_exemption(ctx: Context) -> Outcome:
    """Art. 2(12): the carve-out for AI systems under free and open-source licences."""
    return not_applicable("Art. 2(12) concerns AI systems placed on the market; this assessment "
                          "is of a model. A system built on it is exempt only if it is released "
                          "under a free and open-source licence and is not high-risk, prohibited "
                          "(Art. 5) or subject to Art. 50 transparency duties")

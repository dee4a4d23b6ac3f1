"""Clause analysis on small texts of our own, and on the open licences (no false positives)."""

from __future__ import annotations

import pytest

from opengauge.licenses import find_restrictions
from opengauge.licenses.clauses import clause_patterns, parse_number
from tests.unit.licenses.conftest import FIXTURES, TEXTS, requires_texts


@pytest.mark.parametrize(
    ("sentence", "rtype"),
    [
        (
            "If your products have more than 50 million monthly active users you need our consent.",
            "user_threshold",
        ),
        ("Use ends once your annual revenue exceeds USD $5,000,000.", "revenue_threshold"),
        ("The model may be used for non-commercial research purposes only.", "commercial_ban"),
        (
            "You agree not to use the Model for military applications or surveillance.",
            "field_of_use",
        ),
        (
            "Your use must comply with our Acceptable Use Policy, incorporated by reference.",
            "acceptable_use_policy",
        ),
        (
            'You must prominently display "Powered by Examplia" in your product.',
            "naming_requirement",
        ),
        (
            "You must retain all copyright notices in every copy you distribute.",
            "attribution_notice",
        ),
        (
            "You may not use any output of the model to train any other language model.",
            "output_use_restriction",
        ),
        (
            "These use restrictions must be included as an enforceable provision in any licence you grant.",
            "derivative_license_flowdown",
        ),
        ("You may not distribute the weights to any third party.", "distribution_limit"),
        (
            "You shall not offer the model as a hosted service or via an API without a separate license.",
            "hosting_limit",
        ),
        (
            "The Licensor may terminate this licence at any time upon notice.",
            "remote_update_or_revocation",
        ),
        ("This agreement is governed by the laws of the State of Delaware.", "jurisdiction"),
        ('By clicking "I Accept" you agree to these terms.', "gating_registration"),
    ],
)
def test_each_type_is_detected(sentence: str, rtype: str) -> None:
    found = find_restrictions(sentence, file="x")
    assert rtype in {r.type for r in found}


@pytest.mark.parametrize(
    "sentence",
    [
        "Licensor grants you a perpetual, worldwide, irrevocable license to use the Work.",
        "You may use the Software for any purpose, including commercial use.",
        "Permission is hereby granted, free of charge, to any person obtaining a copy.",
        "The model was evaluated on a held-out dataset of 1 million examples.",
    ],
)
def test_permissive_sentences_are_not_restrictions(sentence: str) -> None:
    assert find_restrictions(sentence, file="x") == ()


def test_fixture_quotes_lines_and_thresholds() -> None:
    text = (FIXTURES / "custom-terms.txt").read_text(encoding="utf-8")
    found = find_restrictions(text, file="TERMS", line_offset=10)
    types = {r.type for r in found}
    assert {
        "user_threshold",
        "hosting_limit",
        "output_use_restriction",
        "remote_update_or_revocation",
        "jurisdiction",
        "distribution_limit",
    } <= types
    mau = next(r for r in found if r.type == "user_threshold")
    assert mau.threshold == "5000000"
    expected = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("3. Users."))
    assert mau.line == expected + 10
    assert mau.file == "TERMS"
    assert all(len(r.quote) <= 300 for r in found)


def test_aup_reports_incorporation_and_change() -> None:
    text = (
        "Your use is subject to the Acceptable Use Policy, which is hereby incorporated by "
        "reference into this Agreement. We may update the Acceptable Use Policy from time to time."
    )
    aup = [r for r in find_restrictions(text, file="x") if r.type == "acceptable_use_policy"]
    assert aup
    assert "incorporated by reference" in aup[0].summary
    assert "can be changed" in aup[0].summary


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("700 million", 700_000_000),
        ("700,000,000", 700_000_000),
        ("1,000,000", 1_000_000),
        ("1m", 1_000_000),
        ("1.5 billion", 1_500_000_000),
        ("one million", 1_000_000),
        ("20 million", 20_000_000),
    ],
)
def test_parse_number(raw: str, value: int) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["9" * 400, "9" * 5000, "9" * 300 + " billion"])
def test_parse_number_beyond_any_float_is_none(raw: str) -> None:
    assert parse_number(raw) is None  # (its float is infinite: no int to give)


def test_threshold_beyond_any_float_does_not_stop_the_scan() -> None:
    text = ("If the monthly active users of the products made available by you exceed {n} monthly "
            "active users, you must request a license from us. You may not use the outputs of the "
            "model to train any other large language model.\n")
    normal = find_restrictions(text.format(n="700 million"), file="LICENSE")
    assert {r.type for r in normal} >= {"user_threshold"}
    huge = find_restrictions(text.format(n="9" * 400), file="LICENSE")
    assert "user_threshold" not in {r.type for r in huge}  # an unreadable threshold is no cap
    assert {r.type for r in huge} == {r.type for r in normal} - {"user_threshold"}


def test_pattern_ids_are_unique_and_stable() -> None:
    ids = [p.id for p in clause_patterns()]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("OGL-") for i in ids)


@requires_texts
@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("apache-2.0/scancode-licensedb.txt", {"attribution_notice"}),
        ("mit/scancode-licensedb.txt", {"attribution_notice"}),
        ("cc-by-4.0/scancode-licensedb.txt", {"attribution_notice"}),
        (
            "cc-by-sa-4.0/scancode-licensedb.txt",
            {"attribution_notice", "derivative_license_flowdown"},
        ),
        ("gpl-3.0/scancode-licensedb.txt", {"attribution_notice", "derivative_license_flowdown"}),
        ("openmdw-1.0/scancode-licensedb.txt", {"attribution_notice"}),
        ("cc-by-nc-4.0/scancode-licensedb.txt", {"attribution_notice", "commercial_ban"}),
    ],
)
def test_open_licences_yield_only_their_conditions(path: str, allowed: set[str]) -> None:
    found = {
        r.type for r in find_restrictions((TEXTS / path).read_text(encoding="utf-8"), file="L")
    }
    assert found <= allowed


@requires_texts
def test_llama2_licence_clauses() -> None:
    text = (TEXTS / "llama2/official-github.txt").read_text(encoding="utf-8")
    found = find_restrictions(text, file="LICENSE.txt")
    types = {r.type for r in found}
    assert {
        "user_threshold",
        "output_use_restriction",
        "acceptable_use_policy",
        "jurisdiction",
        "remote_update_or_revocation",
        "attribution_notice",
        "gating_registration",
    } <= types
    mau = next(r for r in found if r.type == "user_threshold")
    assert mau.threshold == "700000000"
    assert "700 million monthly active users" in mau.quote
    assert text.splitlines()[mau.line - 1].strip()  # line number points into the text


@pytest.mark.parametrize(
    ("sentence", "rule", "summary_has"),
    [
        # a ban (negation before the use, or "may not be used")
        ("You will not use the Materials or any output or results of the Materials to improve any "
         "other large language model.", "OGL-OUT-001", "may not be used"),
        ("Outputs may not be used to train or improve competing models.", "OGL-OUT-001",
         "may not be used"),
        ("You cannot use the Output to fine-tune another model.", "OGL-OUT-001", "may not be used"),
        # a duty on models trained with outputs, which the licence allows (Llama 3.1 wording)
        ("If you use the Materials or any outputs or results of the Materials to create, train, "
         "fine tune, or otherwise improve an AI model, which is distributed or made available, you "
         "shall also include \u201cExample\u201d at the beginning of any such AI model name.",
         "OGL-OUT-005", "may be shared"),
        # a definition that makes distilled models derivatives (no ban)
        ("Derivatives means any model created by transfer of patterns of the weights or output of "
         "the Model to the other model, including distillation methods based on the generation of "
         "synthetic data by the Model for training the other model.", "OGL-OUT-003",
         "reach models trained"),
        ("No use of the output can contravene any provision as stated in the License.",
         "OGL-OUT-006", "breaks the licence"),
        ("Licensor reserves the right to restrict (remotely or otherwise) usage of the Model in "
         "violation of this License.", "OGL-REV-010", "restrict use of the model remotely"),
        ("Licensor reserves the right to restrict (remotely or otherwise) usage of the Model in "
         "violation of this License, update the Model through electronic means, or modify the "
         "Output of the Model based on updates.", "OGL-REV-013", "push updates"),
    ],
)
def test_output_and_update_clauses_say_what_the_sentence_says(
    sentence: str, rule: str, summary_has: str
) -> None:
    found = find_restrictions(sentence, file="x")
    hits = [r for r in found if r.source == f"text:{rule}"]
    assert hits, [r.source for r in found]
    assert summary_has in hits[0].summary
    # the same sentence gets one summary per type: a duty is never also reported as a ban
    assert len([r for r in found if r.type == hits[0].type]) == 1


def test_long_quotes_start_and_end_at_word_boundaries() -> None:
    words = " ".join(f"word{i:03d}" for i in range(120))
    sentence = f"{words} you will not use any output of the model to train other models {words}."
    hit = next(r for r in find_restrictions(sentence, file="x") if r.type == "output_use_restriction")
    body = hit.quote.removeprefix("...").removesuffix("...")
    assert hit.quote.startswith("...") and hit.quote.endswith("...")
    assert body.split()[0].startswith("word") and len(body.split()[0]) == 7
    assert len(body.split()[-1]) == 7 or body.split()[-1] in sentence.split()

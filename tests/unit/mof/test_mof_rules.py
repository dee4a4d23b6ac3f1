"""The MOT's classification rule and its quirks, on hand-made inputs (no shared data needed)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from opengauge.frameworks.mof import (
    COMPONENTS,
    COMPONENTS_BY_ID,
    ComponentDeclaration,
    ComponentState,
    ContentType,
    GlobalLicenses,
    LicenseMode,
    evaluate,
    evaluate_inventory,
    evaluate_mot_record,
    format_percent,
    is_type_appropriate,
    license_is_open,
    open_reason,
)
from opengauge.model.report import Component, ComponentStatus

OWN = LicenseMode.COMPONENT


def lic(license_id: str) -> ComponentDeclaration:
    return ComponentDeclaration(mode=OWN, license=license_id)


def all_required(license_id: str = "Apache-2.0", *, but: tuple[str, ...] = ()) -> dict[str, Any]:
    return {c.id: lic(license_id) for c in COMPONENTS if c.required and c.id not in but}


CLASS3 = (
    "model_architecture",
    "model_parameters_final",
    "model_card",
    "data_card",
    "technical_report",
    "evaluation_results",
)


def test_seventeen_components_with_mot_ids() -> None:
    assert len(COMPONENTS) == 17
    assert len({c.id for c in COMPONENTS}) == len({c.mot_id for c in COMPONENTS}) == 17
    assert {c.id for c in COMPONENTS if not c.required} == {
        "sample_model_outputs",
        "supporting_libraries_and_tools",
        "model_metadata",
    }
    assert COMPONENTS_BY_ID["model_parameters_final"].mot_id == 10
    assert COMPONENTS_BY_ID["model_parameters_final"].content_type is ContentType.DATA
    assert [c.id for c in COMPONENTS if c.required and c.mof_class == 3] == list(
        ("model_architecture", "model_parameters_final", "model_card", "data_card")
        + ("technical_report", "evaluation_results")
    )


def test_everything_open_is_class_1() -> None:
    r = evaluate(all_required())
    assert (r.mof_class, r.label, r.next_class, r.blockers) == (
        1,
        "Class I - Open Science Model",
        None,
        (),
    )
    assert [p.percent for p in r.progress] == ["100.0", "100.0", "100.0"]
    assert r.total_progress == "100.0"


def test_nothing_listed_is_unclassified() -> None:
    r = evaluate({})
    assert r.mof_class == 0
    assert [p.percent for p in r.progress] == ["0.0", "0.0", "0.0"]
    assert [str(b) for b in r.blockers][4] == (
        "Technical report [missing (an open research paper would also do)]"
    )


# -- licence resolution ---------------------------------------------------------------------


def test_absent_license_inherits_type_global_then_distribution() -> None:
    glob = GlobalLicenses(distribution="Apache-2.0", code="MIT")
    r = evaluate(
        {"model_architecture": ComponentDeclaration(), "model_card": ComponentDeclaration()}, glob
    )
    arch, card = r.component("model_architecture"), r.component("model_card")
    assert (arch.license, arch.license_source) == ("MIT", "global:code")
    assert (card.license, card.license_source) == ("Apache-2.0", "global:distribution")


@pytest.mark.parametrize("value", ["unlicensed", ""])
def test_unlicensed_does_not_fall_back(value: str) -> None:
    decl = ComponentDeclaration.from_license_value(value)
    assert decl.mode is LicenseMode.UNLICENSED
    glob = GlobalLicenses(distribution="Apache-2.0", document="CC-BY-4.0")
    c = evaluate({"model_card": decl}, glob).component("model_card")
    assert (c.included, c.license, c.state) == (True, None, ComponentState.UNLICENSED)
    assert c.reason == "unlicensed"


def test_no_license_anywhere_is_unlicensed() -> None:
    c = evaluate({"model_card": ComponentDeclaration()}).component("model_card")
    assert (c.state, c.license_source) == (ComponentState.UNLICENSED, "none")


def test_record_license_key_absent_or_null_inherits() -> None:
    record = {
        "framework": {},
        "release": {
            "name": "x",
            "license": {"distribution": {"name": "MIT", "path": ""}, "code": {"name": ""}},
            "components": [
                {"name": "Model architecture"},
                {"name": "Inference code", "license": None},
                {"name": "Training code", "license": "unlicensed"},
                {"name": "Evaluation code", "license": ""},
            ],
        },
    }
    r = evaluate_mot_record(record)
    assert r.component("model_architecture").license == "MIT"
    assert r.component("inference_code").license == "MIT"  # empty code global is absent
    assert r.component("training_code").state is ComponentState.UNLICENSED
    assert r.component("evaluation_code").state is ComponentState.UNLICENSED


# -- licence ids ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "license_id",
    ["apache-2.0", "Apache 2.0", "MIT License", "BSD-3", "CC BY-SA 4.0", "mit", " MIT"],
)
def test_license_ids_are_case_and_spelling_sensitive(license_id: str) -> None:
    assert not license_is_open(license_id)
    c = evaluate({"model_architecture": lic(license_id)}).component("model_architecture")
    assert c.reason == f"not-open:{license_id}"


@pytest.mark.parametrize(
    ("license_id", "is_open"),
    [
        ("Apache-2.0", True),
        ("MIT", True),
        ("GPL-3.0", True),  # deprecated SPDX id, still FSF-libre/OSI in the bundled list
        ("CC0-1.0", True),
        ("CC-BY-4.0", True),
        ("ODC-PDDL-1.0", True),  # on the open-data list, though not an SPDX id
        ("OpenMDW-1.0", True),
        ("Apache-1.0", True),  # FSF-libre only
        ("PDDL-1.0", False),  # the SPDX id of ODC-PDDL is not on the list
        ("C-UDA-1.0", False),
        ("CC-PDDC", False),
        ("FreeBSD-DOC", False),
        ("MulanPSL-1.0", False),
        ("CC-BY-NC-4.0", False),
        ("llama3", False),
        ("Proprietary", False),
        ("Component not included", False),
    ],
)
def test_which_licenses_count_as_open(license_id: str, is_open: bool) -> None:
    assert license_is_open(license_id) is is_open


def test_open_reasons() -> None:
    assert open_reason("Apache-2.0") == "OSI+FSF-libre"
    assert open_reason("CC-BY-4.0") == "FSF-libre+open-data-list"
    assert open_reason("ODC-By-1.0") == "open-data-list"
    assert open_reason("OpenMDW-1.0") == "extra-open-list"


def test_pddl_is_type_appropriate_but_fails() -> None:
    assert is_type_appropriate("PDDL-1.0", ContentType.DATA)
    comps = all_required()
    comps["datasets"] = lic("PDDL-1.0")
    r = evaluate(comps)
    assert r.mof_class == 2
    assert [str(b) for b in r.blockers] == ["Datasets [not-open:PDDL-1.0]"]


def test_type_warning_only_warns() -> None:
    # CC0-1.0 ended up document-only in the tool, so CC0 data warns; Apache-2.0 weights warn.
    comps = all_required()
    comps["datasets"] = lic("CC0-1.0")
    r = evaluate(comps)
    assert r.mof_class == 1
    assert (
        r.type_warnings_text
        == "Model parameters (Final); Model parameters (Intermediate); Datasets; Evaluation data"
    )
    assert "type-appropriate" in r.type_warnings[0].message


def test_component_not_included_strings_count_as_included_not_open() -> None:
    record = {
        "framework": {},
        "release": {
            "name": "old-record",
            "license": {"distribution": {"name": "Apache-2.0"}},
            "components": [{"name": "Datasets", "license": "Component not included"}],
        },
    }
    c = evaluate_mot_record(record).component("datasets")
    assert c.included
    assert c.state is ComponentState.NOT_OPEN
    assert c.reason == "not-open:Component not included"


def test_component_names_are_exact() -> None:
    record = {
        "framework": {},
        "release": {
            "name": "x",
            "license": {"distribution": {"name": "Apache-2.0"}},
            "components": [{"name": "model card"}, {"name": "Model card "}],
        },
    }
    r = evaluate_mot_record(record)
    assert not r.component("model_card").included
    assert r.ignored == ("Model card ", "model card")


# -- the class rule -------------------------------------------------------------------------


def test_paper_substitutes_for_technical_report() -> None:
    comps = {s: lic("Apache-2.0") for s in CLASS3 if s != "technical_report"}
    r = evaluate(comps)
    assert (r.mof_class, r.progress_for(3).percent) == (0, "83.33")
    comps["research_paper"] = lic("CC-BY-4.0")
    r = evaluate(comps)
    assert r.mof_class == 3
    assert r.progress_for(3).percent == "100.0"
    assert r.progress_for(2).percent == "60.0"  # 6 of 10, paper standing in


def test_class_1_without_technical_report_counts_13_items() -> None:
    r = evaluate(all_required(but=("technical_report",)))
    assert r.mof_class == 1
    assert r.progress_for(1).total == 13
    comps = all_required(but=("technical_report", "datasets"))
    r = evaluate(comps)
    assert r.mof_class == 2
    assert (r.progress_for(1).passed, r.progress_for(1).total) == (12, 13)
    assert r.progress_for(1).percent == "92.31"
    # with a technical report there are 14 items
    r = evaluate(all_required(but=("datasets",)))
    assert (r.progress_for(1).total, r.progress_for(1).percent) == (14, "92.86")
    assert r.blocked_by_text == "Datasets [missing]"


def test_unlicensed_report_and_missing_paper_blocks_with_hint() -> None:
    comps: dict[str, Any] = {s: lic("MIT") for s in CLASS3}
    comps["technical_report"] = ComponentDeclaration(mode=LicenseMode.UNLICENSED)
    r = evaluate(comps)
    assert (
        r.blocked_by_text == "Technical report [unlicensed (an open research paper would also do)]"
    )


def test_optional_components_are_ignored() -> None:
    comps = all_required()
    for slug in ("sample_model_outputs", "supporting_libraries_and_tools", "model_metadata"):
        comps[slug] = lic("Proprietary")
    r = evaluate(comps)
    assert r.mof_class == 1
    only_optional = {
        s: lic("MIT")
        for s in ("sample_model_outputs", "supporting_libraries_and_tools", "model_metadata")
    }
    assert evaluate(only_optional).progress_for(3).percent == "0.0"


def test_higher_class_progress_is_zero_until_lower_complete() -> None:
    comps = all_required(but=("data_card",))
    r = evaluate(comps)
    assert [p.percent for p in r.progress] == ["83.33", "0.0", "0.0"]
    assert [p.passed for p in r.progress] == [5, 9, 13]
    assert not r.progress_for(2).unlocked
    assert r.total_progress == "27.78"
    assert r.next_class == 3


def test_class_2_blockers_and_class_3_blockers() -> None:
    r = evaluate({s: lic("MIT") for s in CLASS3})
    assert r.mof_class == 3
    assert r.blocked_by_text == (
        "Training code [missing]; Inference code [missing]; Evaluation code [missing]; "
        "Evaluation data [missing]"
    )


def test_unknown_slugs_are_reported_not_used() -> None:
    r = evaluate({"weights": lic("MIT")})
    assert r.ignored == ("weights",)
    assert r.mof_class == 0


@pytest.mark.parametrize(
    ("fraction", "text"),
    [
        (Fraction(5, 6), "83.33"),
        (Fraction(1, 6), "16.67"),
        (Fraction(9, 10), "90.0"),
        (Fraction(13, 14), "92.86"),
        (Fraction(1, 2), "50.0"),
        (Fraction(1), "100.0"),
        (Fraction(0), "0.0"),
        (Fraction(1, 18), "5.56"),
    ],
)
def test_percent_format_matches_derived_csv(fraction: Fraction, text: str) -> None:
    assert format_percent(fraction) == text


# -- from opengauge's own inventory -----------------------------------------------------------


def _comp(slug: str, status: ComponentStatus, license_id: str | None = "Apache-2.0") -> Component:
    return Component(
        id=slug,
        name=COMPONENTS_BY_ID[slug].name,
        framework="mof",
        status=status,
        license=license_id,
    )


def test_inventory_only_released_counts_as_included() -> None:
    inv = [_comp(s, ComponentStatus.RELEASED) for s in CLASS3]
    assert evaluate_inventory(inv).mof_class == 3
    inv[1] = _comp("model_parameters_final", ComponentStatus.PARTIAL)
    assert evaluate_inventory(inv).mof_class == 0


def test_inventory_distribution_licence_is_inherited_like_mot() -> None:
    inv = [_comp(s, ComponentStatus.RELEASED, None) for s in CLASS3]
    assert evaluate_inventory(inv).mof_class == 0
    assert evaluate_inventory(inv, distribution="Apache-2.0").mof_class == 3
    assert evaluate_inventory(inv, distribution="llama3").mof_class == 0


@pytest.mark.parametrize(
    "status",
    [ComponentStatus.UNKNOWN, ComponentStatus.NOT_RELEASED, ComponentStatus.NOT_APPLICABLE],
)
def test_inventory_other_statuses_are_missing(status: ComponentStatus) -> None:
    inv = [_comp(s, ComponentStatus.RELEASED) for s in CLASS3]
    inv[0] = _comp("model_architecture", status)
    r = evaluate_inventory(inv)
    assert r.mof_class == 0
    assert r.blocked_by_text == "Model architecture [missing]"


def test_inventory_without_licence_is_unlicensed_and_brief_rows_ignored() -> None:
    inv = [_comp(s, ComponentStatus.RELEASED) for s in CLASS3]
    inv[2] = _comp("model_card", ComponentStatus.RELEASED, None)
    inv.append(
        Component(
            id="brief.training_process",
            name="x",
            framework="brief",
            status=ComponentStatus.RELEASED,
        )
    )
    r = evaluate_inventory(inv)
    assert r.blocked_by_text == "Model card [unlicensed]"
    assert r.ignored == ()

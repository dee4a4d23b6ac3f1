"""Declared evidence and the component inventory taken from declarations."""

from __future__ import annotations

from pathlib import Path

from opengauge import api
from opengauge.evidence.declared import (
    NOT_LISTED,
    components_from_declaration,
    extract_declared,
    key_lines,
)
from opengauge.frameworks.mof import COMPONENTS, evaluate_inventory
from opengauge.model.evidence import Evidence, EvidenceKind
from opengauge.model.report import ComponentStatus
from opengauge.model.snapshot import RepoSnapshot
from opengauge.sources.declaration import load_declaration
from opengauge.types import SourceKind


def _by_key(items: tuple[Evidence, ...]) -> dict[str, Evidence]:
    out: dict[str, Evidence] = {}
    for e in items:
        out.setdefault(e.key, e)
    return out


def test_mot_record_evidence(fixtures: Path) -> None:
    snap = load_declaration(fixtures / "mot-minimal.yml")
    items = extract_declared(snap)
    assert items
    assert {e.kind for e in items} == {EvidenceKind.DECLARED}
    assert {e.provenance.revision for e in items} == {snap.revision}
    assert {e.provenance.file for e in items} == {"mot-minimal.yml"}
    ev = _by_key(items)
    assert ev["declared.release.name"].value == "Fixture-Model"
    hf = ev["declared.release.huggingface"]
    assert hf.attr("repo") == "fixture-lab/fixture-model"
    assert ev["declared.license.distribution"].value == "Apache-2.0"
    assert ev["declared.license.distribution"].attr("path") == "https://example.com/LICENSE"
    assert ev["declared.license.code"].value == "MIT"
    assert "declared.license.data" not in ev  # empty names are absent
    assert ev["declared.base_model"].value == "Base-Model-1B"

    arch = ev["declared.component.model_architecture"]
    assert arch.value == "included"
    assert arch.provenance.locator == "yaml:release.components[0]"
    assert arch.attr("line") == "21"
    assert (arch.attr("license"), arch.attr("license_mode")) == ("", "inherit")
    params = ev["declared.component.model_parameters_final"]
    assert params.attr("location") == "https://huggingface.co/fixture-lab/fixture-model"
    card = ev["declared.component.model_card"]
    assert (card.attr("license"), card.attr("license_mode")) == ("unlicensed", "unlicensed")
    data_card = ev["declared.component.data_card"]
    assert data_card.attr("listed_as_not_included") == "true"
    assert data_card.attr("license_mode") == "component"
    unknown = ev["declared.component_unrecognised"]
    assert (unknown.value, unknown.attr("suggestion")) == ("model card", "Model card")


def test_mot_record_components(fixtures: Path) -> None:
    snap = load_declaration(fixtures / "mot-minimal.yml")
    items = extract_declared(snap)
    comps = {c.id: c for c in components_from_declaration(snap, items)}
    assert list(comps) == [c.id for c in COMPONENTS]
    assert {c.framework for c in comps.values()} == {"mof"}
    arch = comps["model_architecture"]
    assert (arch.status, arch.license, arch.license_source) == (
        ComponentStatus.RELEASED,
        "MIT",
        "global:code",
    )
    ids = {e.id for e in items}
    assert set(arch.evidence) <= ids
    assert len(arch.evidence) == 2  # component + global licence
    params = comps["model_parameters_final"]
    assert (params.license, params.license_source) == ("Apache-2.0", "global:distribution")
    card = comps["model_card"]
    assert (card.status, card.license, card.license_source) == (
        ComponentStatus.RELEASED,
        None,
        "component:unlicensed",
    )
    assert comps["data_card"].license == "Component not included"
    assert "not included" in comps["data_card"].reason
    assert (comps["datasets"].status, comps["datasets"].reason) == (
        ComponentStatus.UNKNOWN,
        NOT_LISTED,
    )
    r = evaluate_inventory(comps.values())
    assert r.mof_class == 0
    assert r.blocked_by_text == (
        "Model card [unlicensed]; Data card [not-open:Component not included]; "
        "Evaluation results [missing]"
    )


def test_opengauge_declaration_evidence_and_components(fixtures: Path) -> None:
    snap = load_declaration(fixtures / "opengauge-full.yaml")
    items = extract_declared(snap)
    ev = _by_key(items)
    assert ev["declared.release.id"].value == "example-lab/tiny-open-7b"
    assert ev["declared.release.name"].value == "Tiny-Open-7B"
    assert ev["declared.release.huggingface"].attr("repo") == "example-lab/tiny-open-7b"
    assert ev["declared.license.weights"].value == "Apache-2.0"
    assert ev["declared.license.document"].provenance.locator == "yaml:licenses.documentation"
    assert ev["declared.base_model"].value == "example-lab/tiny-base-7b"
    assert ev["declared.base_model"].attr("relation") == "finetune"
    assert ev["declared.dataset"].value == "example-lab/open-mix"
    claim = ev["declared.claim"]
    assert (claim.value, claim.attr("where")) == (
        "fully open source",
        "https://example-lab.example/blog",
    )
    assert claim.attr("line") == "34"
    inter = ev["declared.component.model_parameters_intermediate"]
    assert inter.value == "partially_released"
    assert inter.attr("note") == "every 10k steps, not all"

    comps = {c.id: c for c in components_from_declaration(snap, items)}
    assert (
        comps["model_parameters_final"].license,
        comps["model_parameters_final"].license_source,
    ) == (
        "Apache-2.0",
        "weights",
    )
    assert comps["model_parameters_intermediate"].status is ComponentStatus.PARTIAL
    assert (comps["model_card"].license, comps["model_card"].license_source) == (
        "CC-BY-4.0",
        "documentation",
    )
    assert comps["training_code"].license == "MIT"
    assert comps["technical_report"].license == "CC-BY-SA-4.0"
    assert comps["data_card"].license is None
    assert comps["datasets"].status is ComponentStatus.NOT_RELEASED
    assert comps["datasets"].license is None
    assert comps["evaluation_code"].status is ComponentStatus.UNKNOWN
    r = evaluate_inventory(comps.values())
    assert r.mof_class == 0
    assert r.blocked_by_text == "Data card [unlicensed]"


def test_non_declaration_snapshot_gives_nothing() -> None:
    snap = RepoSnapshot(repo_id="a/b", source=SourceKind.LOCAL, revision="x", revision_pinned=False)
    assert extract_declared(snap) == ()
    comps = components_from_declaration(snap, ())
    assert {c.status for c in comps} == {ComponentStatus.UNKNOWN}


def test_extraction_is_deterministic(fixtures: Path) -> None:
    snap = load_declaration(fixtures / "opengauge-full.yaml")
    assert extract_declared(snap) == extract_declared(snap)
    ids = [e.id for e in extract_declared(snap)]
    assert len(ids) == len(set(ids))


def test_key_lines() -> None:
    text = "a:\n  b:\n    - x: 1\n    - y: 2\n"
    assert key_lines(text) == {
        "": 1,
        "a": 1,
        "a.b": 2,
        "a.b[0]": 3,
        "a.b[0].x": 3,
        "a.b[1]": 4,
        "a.b[1].y": 4,
    }
    assert key_lines("a: [") == {}


def test_malformed_hugging_face_address_is_kept_without_a_repo(fixtures: Path, tmp_path: Path) -> None:
    # urllib raises ValueError for brackets around what is no IP address (found by fuzzing)
    text = (fixtures / "mot-minimal.yml").read_text(encoding="utf-8").replace(
        "'https://huggingface.co/fixture-lab/fixture-model'\n  license:",
        "'https://[a: 1]/fixture-lab/fixture-model'\n  license:", 1)
    assert "[a: 1]" in text
    path = tmp_path / "mot.yml"
    path.write_text(text, encoding="utf-8")
    report = api.assess(str(path))
    [ev] = [e for e in report.evidence if e.key == "declared.release.huggingface"]
    assert ev.value == "https://[a: 1]/fixture-lab/fixture-model"
    assert ev.attr("repo") == ""

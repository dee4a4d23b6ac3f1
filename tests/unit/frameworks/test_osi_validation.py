"""OSI's published OSAID 1.0 validation results reproduce from our own declaration fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengauge.pipeline import assess_snapshot
from opengauge.sources.declaration import load_declaration

OSI = Path(__file__).resolve().parents[2] / "fixtures" / "frameworks" / "osi"
EXPECTED = {
    "pythia": "pass", "olmo": "pass", "amber": "pass", "crystalcoder": "pass", "t5": "pass",
    "llama2": "fail", "grok": "fail", "phi2": "fail", "mixtral": "fail",
    "bloom": "would_pass_with_license_change", "starcoder2": "would_pass_with_license_change",
    "falcon": "would_pass_with_license_change",
}


@pytest.mark.parametrize(("name", "verdict"), sorted(EXPECTED.items()))
def test_osi_result(name: str, verdict: str) -> None:
    report = assess_snapshot(load_declaration(OSI / f"{name}.yaml"))
    assert report.summary["osaid"] == verdict
    osaid = next(v for v in report.verdicts if v.framework == "osaid")
    assert osaid.verdict == verdict
    for c in osaid.criteria:
        assert c.more_info == f"docs/criteria/{c.id}.md"
        assert c.evidence or c.status.value == "unknown", c


def test_every_fixture_is_expected() -> None:
    assert {p.stem for p in OSI.glob("*.yaml")} == set(EXPECTED)


def test_the_validation_table_is_well_formed() -> None:
    from opengauge.frameworks.facts import osi_families

    fams = osi_families()
    assert {r for _, _, r in fams} == {"pass", "fail", "would_pass_with_license_change"}
    by_name = {n: r for n, _, r in fams}
    for name, verdict in (("Pythia", "pass"), ("Mixtral", "fail"), ("BLOOM",
                          "would_pass_with_license_change")):
        assert by_name[name] == verdict


@pytest.mark.parametrize(("base", "d1", "code"), [
    # a base of a family OSI failed: the derivative's data and code criteria fail (low
    # confidence: family level)
    ("mistralai/Mixtral-8x7B-v0.1", "not_met", "not_met"),
    # a base of a family OSI passed: what this snapshot shows decides
    ("EleutherAI/pythia-12b", "met", "met"),
    # a base OSI did not validate: met here is not enough
    ("acme/base-7b", "unknown", "unknown"),
])
def test_a_derivatives_data_and_code_criteria_take_its_base_into_account(
        tmp_path: Path, base: str, d1: str, code: str) -> None:
    from opengauge import api

    (tmp_path / "README.md").write_text(
        f"---\nlicense: apache-2.0\nbase_model: {base}\ndatasets:\n- acme/instructions\n---\n"
        "# Tuned\n\n## Training data\n\nWe fine-tuned on acme/instructions, deduplicated and "
        "filtered for quality.\n\n## Training code\n\nThe training code is at "
        "[acme/trainer](https://github.com/acme/trainer).\n\n```python\n"
        "model = AutoModelForCausalLM.from_pretrained(\"acme/tuned\")\n```\n")
    r = api.assess(str(tmp_path))
    crit = {c.id: c for v in r.verdicts for c in v.criteria}
    assert (crit["OSAID-D1"].status.value, crit["OSAID-CODE"].status.value) == (d1, code)
    if d1 == "not_met":
        assert "failed OSI's OSAID 1.0 validation" in crit["OSAID-D1"].message
        assert crit["OSAID-D1"].confidence.value == "low"

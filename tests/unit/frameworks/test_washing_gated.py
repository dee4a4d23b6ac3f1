"""An OSI-approved licence with gated access is reported as gating, not as a non-open licence."""

from __future__ import annotations

from pathlib import Path

from opengauge import api


def _repo(tmp_path: Path, card: str) -> str:
    root = tmp_path / "org__gated"
    root.mkdir()
    (root / "README.md").write_text(card)
    return str(root)


def test_gated_apache_claim_is_not_called_a_non_open_licence(tmp_path):
    card = ("---\nlicense: apache-2.0\nextra_gated_prompt: Share your contact details.\n---\n"
            "# Gated\n\nGated is a fully open-source model.\n")
    r = api.assess(_repo(tmp_path, card))
    ids = {f.id for f in r.findings}
    assert "OG-WASH-004" in ids
    assert "OG-WASH-001" not in ids
    f = next(f for f in r.findings if f.id == "OG-WASH-004")
    assert f.locator == "L7" and "gated" in f.message


def test_ungated_apache_claim_has_no_licence_washing(tmp_path):
    card = "---\nlicense: apache-2.0\n---\n# Open\n\nOpen is a fully open-source model.\n"
    r = api.assess(_repo(tmp_path, card))
    ids = {f.id for f in r.findings}
    assert not ids & {"OG-WASH-001", "OG-WASH-004"}


def test_a_gate_taking_personal_data_is_monetisation(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from opengauge import api

    (tmp_path / "README.md").write_text(
        "---\nlicense: apache-2.0\nextra_gated_description: If you want to learn more about how "
        "we process your personal data, please read our Privacy Policy.\n---\n# M\n")
    r = api.assess(str(tmp_path))
    crit = {c.id: c for v in r.verdicts for c in v.criteria}
    assert crit["EUAI-MONETISATION"].status.value == "not_met"
    assert "gated on personal data" in crit["EUAI-MONETISATION"].message
    gate = next(e for e in r.evidence if e.key == "extra_gated_description")
    assert crit["EUAI-MONETISATION"].evidence == (gate.id,)
    (tmp_path / "README.md").write_text(
        "---\nlicense: apache-2.0\nextra_gated_prompt: Please read the LICENSE to access this "
        "model.\n---\n# M\n")
    crit = {c.id: c for v in api.assess(str(tmp_path)).verdicts for c in v.criteria}
    assert "personal data" not in crit["EUAI-MONETISATION"].message

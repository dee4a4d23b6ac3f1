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

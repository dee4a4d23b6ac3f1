"""The bundled knowledge base: provenance, canonical ids, restriction sets as agreed in eval/."""

from __future__ import annotations

import hashlib
import tomllib
from importlib import resources

import pytest

from opengauge.licenses import RESTRICTION_TYPES, knowledge_base
from opengauge.licenses.analyse import family_table

DATA = resources.files("opengauge").joinpath("data", "licenses")

# eval/README.md "Restriction taxonomy as applied"
LLAMA2 = {
    "user_threshold",
    "field_of_use",
    "acceptable_use_policy",
    "attribution_notice",
    "output_use_restriction",
    "remote_update_or_revocation",
    "jurisdiction",
    "gating_registration",
}
GEMMA = {
    "field_of_use",
    "acceptable_use_policy",
    "attribution_notice",
    "output_use_restriction",
    "derivative_license_flowdown",
    "hosting_limit",
    "remote_update_or_revocation",
    "jurisdiction",
    "gating_registration",
}
RAIL = {
    "field_of_use",
    "attribution_notice",
    "output_use_restriction",
    "derivative_license_flowdown",
    "remote_update_or_revocation",
}
EXPECTED = {
    "Apache-2.0": {"attribution_notice"},
    "MIT": {"attribution_notice"},
    "CC-BY-4.0": {"attribution_notice"},
    "CC-BY-NC-4.0": {"commercial_ban", "attribution_notice"},
    "llama2": LLAMA2,
    "llama3": LLAMA2 | {"naming_requirement"},
    "llama3.1": LLAMA2 | {"naming_requirement"},
    "llama3.2": LLAMA2 | {"naming_requirement"},
    "gemma": GEMMA,
    "LicenseRef-health-ai-developer-foundations": GEMMA,
    "creativeml-openrail-m": RAIL,
    "openrail++": RAIL,
    "bigscience-bloom-rail-1.0": RAIL,
    "bigscience-openrail-m": RAIL,
    "bigcode-openrail-m": RAIL,
    "LicenseRef-deepseek": RAIL | {"jurisdiction"},
    "LicenseRef-yi-license": {
        "field_of_use",
        "attribution_notice",
        "derivative_license_flowdown",
        "remote_update_or_revocation",
        "jurisdiction",
        "gating_registration",
    },
    "LicenseRef-tii-falcon-1.0": {
        "revenue_threshold",
        "naming_requirement",
        "attribution_notice",
        "derivative_license_flowdown",
        "gating_registration",
    },
    "LicenseRef-falcon-mamba-7b-license": {
        "acceptable_use_policy",
        "naming_requirement",
        "output_use_restriction",
        "derivative_license_flowdown",
        "remote_update_or_revocation",
    },
    "LicenseRef-nvidia-open-model-license": {
        "acceptable_use_policy",
        "attribution_notice",
        "remote_update_or_revocation",
        "jurisdiction",
    },
    "LicenseRef-sai-nc-community": {
        "commercial_ban",
        "acceptable_use_policy",
        "attribution_notice",
        "hosting_limit",
        "remote_update_or_revocation",
        "jurisdiction",
    },
    "LicenseRef-bloomchat-176b-license-1.0": {
        "field_of_use",
        "attribution_notice",
        "derivative_license_flowdown",
    },
    "LicenseRef-microsoft-research-license": {
        "commercial_ban",
        "distribution_limit",
        "hosting_limit",
        "jurisdiction",
    },
}


@pytest.mark.parametrize(("lid", "types"), sorted(EXPECTED.items()))
def test_restriction_sets_match_the_agreed_table(lid: str, types: set[str]) -> None:
    e = knowledge_base().get(lid)
    assert e is not None
    assert set(e.restriction_types) == types


def test_every_data_file_has_provenance() -> None:
    source = tomllib.loads(DATA.joinpath("SOURCE.toml").read_text("utf-8"))
    files = source["files"]
    names = {p.name for p in DATA.iterdir() if p.name not in ("SOURCE.toml", "__init__.py")}
    assert names == set(files)
    for name, digest in files.items():
        assert hashlib.sha256(DATA.joinpath(name).read_bytes()).hexdigest() == digest, name


def test_types_are_in_the_taxonomy() -> None:
    for e in knowledge_base():
        assert set(e.restriction_types) <= set(RESTRICTION_TYPES), e.id


def test_spdx_and_ai_coverage() -> None:
    kb = knowledge_base()
    assert len([e for e in kb if e.spdx]) > 700
    for lid in (
        "llama2",
        "llama3",
        "llama3.1",
        "llama3.2",
        "llama3.3",
        "llama4",
        "gemma",
        "LicenseRef-mrl",
        "LicenseRef-mnpl",
        "LicenseRef-ai2-impact-license-low-risk",
        "apple-ascl",
        "OpenMDW-1.0",
        "LicenseRef-qwen",
        "LicenseRef-deepseek",
    ):
        assert kb.get(lid) is not None, lid


def test_proxies_say_so() -> None:
    for lid in (
        "LicenseRef-health-ai-developer-foundations",
        "LicenseRef-falcon-mamba-7b-license",
        "LicenseRef-bloomchat-176b-license-1.0",
    ):
        e = knowledge_base().get(lid)
        assert e is not None
        assert e.evidence == "proxy"
        assert any("proxy" in n or "assumed" in n for n in e.notes)


@pytest.mark.parametrize(
    ("alias", "lid"),
    [
        ("gemma-terms-of-use", "gemma"),
        ("tii-falcon-llm-license", "LicenseRef-tii-falcon-1.0"),
        ("https://ai.google.dev/gemma/terms", "gemma"),
        ("Stability AI Non-Commercial Research Community License", "LicenseRef-sai-nc-community"),
        ("TII Falcon-Mamba License", "LicenseRef-falcon-mamba-7b-license"),
        ("deepseek-license", "LicenseRef-deepseek"),
        ("LicenseRef-scancode-llama-2-license-2023", "llama2"),
    ],
)
def test_aliases(alias: str, lid: str) -> None:
    e = knowledge_base().alias(alias)
    assert e is not None
    assert e.id == lid


def test_flags() -> None:
    kb = knowledge_base()
    apache, cc = kb.get("Apache-2.0"), kb.get("CC-BY-4.0")
    assert apache is not None and cc is not None
    assert apache.osi_approved and apache.mot_open
    assert not cc.osi_approved and cc.open_data and cc.mot_open
    for e in kb:
        if not e.spdx and e.id != "OpenMDW-1.0":
            assert not e.osi_approved, e.id


def test_family_licences_are_known() -> None:
    kb = knowledge_base()
    for f in family_table():
        assert kb.get(f.license) is not None, f.license

"""The resolution ladder: SPDX id -> alias -> expression -> license_name/link -> unknown."""

from __future__ import annotations

import pytest

from opengauge.licenses import resolve_declared
from opengauge.model.report import LicenseRung


@pytest.mark.parametrize(
    ("tag", "name", "link", "lid", "rung"),
    [
        ("apache-2.0", None, None, "Apache-2.0", LicenseRung.SPDX_ID),
        ("MIT", None, None, "MIT", LicenseRung.SPDX_ID),
        ("cc-by-nc-4.0", None, None, "CC-BY-NC-4.0", LicenseRung.SPDX_ID),
        ("openmdw-1.0", None, None, "OpenMDW-1.0", LicenseRung.SPDX_ID),
        ("gpl-3.0", None, None, "GPL-3.0-only", LicenseRung.SPDX_ID),
        ("llama3.1", None, None, "llama3.1", LicenseRung.ALIAS),
        ("openrail++", None, None, "openrail++", LicenseRung.ALIAS),
        ("bigscience-bloom-rail-1.0", None, None, "bigscience-bloom-rail-1.0", LicenseRung.ALIAS),
        ("apache-2.0 OR mit", None, None, "Apache-2.0 OR MIT", LicenseRung.SPDX_EXPRESSION),
        ("other", "gemma-terms-of-use", None, "gemma", LicenseRung.LICENSE_NAME),
        (
            "other",
            "tii-falcon-llm-license",
            None,
            "LicenseRef-tii-falcon-1.0",
            LicenseRung.LICENSE_NAME,
        ),
        ("other", "deepseek", "LICENSE", "LicenseRef-deepseek", LicenseRung.LICENSE_NAME),
        ("other", "yi-license", None, "LicenseRef-yi-license", LicenseRung.LICENSE_NAME),
        ("other", None, "https://ai.google.dev/gemma/terms", "gemma", LicenseRung.LICENSE_LINK),
        (
            "other",
            "acme-model-terms",
            None,
            "LicenseRef-acme-model-terms",
            LicenseRung.LICENSE_NAME,
        ),
    ],
)
def test_ladder(tag: str, name: str | None, link: str | None, lid: str, rung: LicenseRung) -> None:
    res = resolve_declared(tag, name, link)
    assert (res.license, res.rung) == (lid, rung)


def test_other_without_name_is_unknown_with_note() -> None:
    res = resolve_declared("other", None, None)
    assert res.license is None
    assert res.rung == LicenseRung.UNKNOWN
    assert "without license_name" in res.detail


def test_relative_link_points_at_file() -> None:
    res = resolve_declared("other", None, "./LICENSE.md")
    assert res.license is None
    assert res.file == "LICENSE.md"


def test_unknown_tag_is_never_forced() -> None:
    res = resolve_declared("not-a-licence-xyz", None, None)
    assert res.license is None
    assert "not a known licence id" in res.detail


def test_nothing_declared() -> None:
    assert resolve_declared(None, None, None).detail == "no licence declared"

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


@pytest.mark.parametrize(
    ("link", "lid"),
    [
        # the addresses ScanCode's licence pages give, in the spellings cards use
        ("https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0"),
        ("http://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"),
        ("https://www.apache.org/licenses/LICENSE-2.0.html", "Apache-2.0"),
        ("https://opensource.org/licenses/MIT", "MIT"),
        ("https://opensource.org/licenses/mit-license.php", "MIT"),
        ("https://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0-only"),
        ("https://creativecommons.org/licenses/by-nc/4.0/", "CC-BY-NC-4.0"),
        ("https://creativecommons.org/licenses/by/4.0/legalcode", "CC-BY-4.0"),
        # a language version of a licence's page, the OSI's and SPDX's own pages
        ("https://creativecommons.org/licenses/by-sa/4.0/deed.en", "CC-BY-SA-4.0"),
        ("https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode.de", "CC-BY-NC-SA-4.0"),
        ("https://opensource.org/license/apache-2-0", "Apache-2.0"),
        ("https://opensource.org/license/mit/", "MIT"),
        ("https://spdx.org/licenses/BSD-3-Clause.html", "BSD-3-Clause"),
    ],
)
def test_a_licence_page_address_is_that_licence(link: str, lid: str) -> None:
    res = resolve_declared("other", None, link)
    assert (res.license, res.rung, res.known) == (lid, LicenseRung.LICENSE_LINK, True)
    # and as a license_name, as `opengauge license URL` passes it
    assert resolve_declared("other", link, link).license == lid


@pytest.mark.parametrize("link", [
    "https://www.gnu.org/licenses/",  # the publisher's index of many licences
    "https://www.apache.org/licenses/",
    "https://example.com/our-terms",
])
def test_an_address_of_no_one_licence_is_unknown_not_a_made_up_id(link: str) -> None:
    res = resolve_declared("other", link, link)
    assert res.license is None and res.rung is LicenseRung.UNKNOWN
    assert f"license_link {link} is not a known licence URL" in res.detail

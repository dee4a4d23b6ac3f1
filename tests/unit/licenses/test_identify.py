"""Licence text identification against real texts (../shared) and our own fixtures."""

from __future__ import annotations

import pytest

from opengauge.licenses import identify_text
from opengauge.licenses.identify import fingerprint_index
from tests.unit.licenses.conftest import (
    CORPUS,
    FIXTURES,
    TEXTS,
    canonical,
    corpus_licence_files,
    index_rows,
    requires_corpus,
    requires_texts,
)

ROWS = index_rows()


@requires_texts
@pytest.mark.parametrize("row", ROWS, ids=[r["path"] for r in ROWS])
def test_every_licence_text_is_identified(row: dict[str, str]) -> None:
    text = (TEXTS / row["path"]).read_text(encoding="utf-8")
    m = identify_text(text)
    assert m.license == canonical(row["id"]), (m.license, m.score, m.nearest[:2])
    if row["variant"].startswith("aup-"):
        assert m.kind == "aup"
    elif "pointer" in row["variant"] or row["variant"].startswith("notice-"):
        assert m.kind == "reference"
    else:
        assert m.kind == "license"


@requires_texts
@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("llama3/official-github.txt", "Meta Llama 3 Version Release Date: April 18, 2024"),
        ("llama3.1/official-github.txt", "Llama 3.1 Version Release Date: July 23, 2024"),
        ("llama3.2/official-github.txt", "Llama 3.2 Version Release Date: September 25, 2024"),
        ("llama3.3/official-github-md.txt", "Llama 3.3 Version Release Date: December 6, 2024"),
        ("llama4/official-github.txt", "Llama 4 Version Effective Date: April 5, 2025"),
        (
            "gemma/scancode-licensedb-2025-03-24.txt",
            "Gemma Terms of Use, Last modified: March 24, 2025",
        ),
        (
            "gemma/scancode-licensedb-2024-04-01.txt",
            "Gemma Terms of Use, Last modified: April 1, 2024",
        ),
        (
            "yi-license/official-github-v2.0.txt",
            "Yi Series Models License Agreement Version 2.0, November 4, 2023",
        ),
    ],
)
def test_versions_are_told_apart(path: str, version: str) -> None:
    m = identify_text((TEXTS / path).read_text(encoding="utf-8"))
    assert m.version == version


@requires_texts
@pytest.mark.parametrize(
    "path",
    [
        "falcon-llm-1.0/hf-license-file-falcon-40b.txt",
        "falcon-2-11b-tii-1.0/scancode-licensedb.txt",
    ],
)
def test_apache_lookalikes_never_become_apache(path: str) -> None:
    """Without its own reference, a Falcon text is unknown (nearest Apache), never Apache-2.0."""
    text = (TEXTS / path).read_text(encoding="utf-8")
    idx = fingerprint_index()
    falcon_refs = frozenset(r.key for r in idx.refs if r.key.startswith("falcon"))
    m = idx.identify(text, exclude=falcon_refs)
    assert m.license is None
    assert m.kind == "unknown"
    assert any(c.license == "Apache-2.0" for c in m.nearest)


@requires_texts
def test_leave_one_out_cross_version_is_not_forced() -> None:
    """Qwen 2024 without its own reference is not called Tongyi Qianwen 2023 (it adds a clause)."""
    text = (TEXTS / "qwen/scancode-licensedb.txt").read_text(encoding="utf-8")
    m = fingerprint_index().identify(text, exclude=frozenset({"qwen/scancode-licensedb"}))
    assert m.license is None


@requires_corpus
@pytest.mark.parametrize(
    ("folder", "name", "expected"),
    corpus_licence_files(),
    ids=[f"{f}/{n}" for f, n, _ in corpus_licence_files()],
)
def test_corpus_licence_files(folder: str, name: str, expected: str) -> None:
    m = identify_text((CORPUS / folder / name).read_text(encoding="utf-8"))
    assert m.license == expected
    assert m.kind == "license"


@requires_corpus
@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("meta-llama__Llama-2-7b-hf", "llama2"),
        ("meta-llama__Meta-Llama-3-8B", "llama3"),
        ("meta-llama__Llama-3.1-8B", "llama3.1"),
        ("meta-llama__Llama-3.2-1B", "llama3.2"),
    ],
)
def test_corpus_use_policies_are_aups(folder: str, expected: str) -> None:
    m = identify_text((CORPUS / folder / "USE_POLICY.md").read_text(encoding="utf-8"))
    assert (m.license, m.kind) == (expected, "aup")


def test_own_fixture_mit_variant() -> None:
    text = (FIXTURES / "mit-with-header.md").read_text(encoding="utf-8")
    m = identify_text(text)
    assert m.license == "MIT"
    assert m.kind == "license"


def test_unknown_text_stays_unknown() -> None:
    text = (FIXTURES / "custom-terms.txt").read_text(encoding="utf-8")
    m = identify_text(text)
    assert m.license is None
    assert m.kind == "unknown"
    assert m.method == "none"


def test_short_pointer_names_the_licence() -> None:
    m = identify_text("This model is released under the Apache License 2.0.")
    assert (m.license, m.kind, m.method) == ("Apache-2.0", "reference", "name")


def test_empty_text() -> None:
    m = identify_text("")
    assert m.license is None
    assert m.kind == "unknown"


@requires_texts
@pytest.mark.parametrize("fraction", [0.5, 0.7])
@pytest.mark.parametrize("path", ["apache-2.0/official-github-grok-1.txt", "apache-2.0/scancode-licensedb.txt"])
def test_a_partial_copy_goes_to_the_licence_not_to_one_built_on_its_opening(path: str, fraction: float) -> None:
    """The first half of Apache-2.0 is also the first half of Pixar's modified Apache, whose
    sampled reference overlaps a little more of it; Apache's title lines are in the text."""
    text = (TEXTS / path).read_text(encoding="utf-8")
    m = identify_text(text[: int(len(text) * fraction)])
    assert (m.license, m.truncated) == ("Apache-2.0", True)
    assert "text is a partial copy of the licence" in m.notes

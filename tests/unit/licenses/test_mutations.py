"""Mutation tests: change a licence text in one controlled way; results change exactly so."""

from __future__ import annotations

import re
import textwrap

import pytest

from opengauge.licenses import find_restrictions, identify_text
from tests.unit.licenses.conftest import TEXTS, requires_texts

pytestmark = requires_texts


def _read(path: str) -> str:
    return (TEXTS / path).read_text(encoding="utf-8")


def _rewrap(text: str, width: int) -> str:
    paras = re.split(r"\n\s*\n", text)
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), width, break_long_words=False, break_on_hyphens=False)
        for p in paras
    )


def _markdownify(text: str) -> str:
    out = []
    for line in text.splitlines():
        s = line.strip()
        if s and s.upper() == s and len(s) > 8:
            out.append(f"## **{s.title()}**")
        else:
            out.append(line.replace('"', "\u201c", 1).replace('"', "\u201d", 1))
    return "\n".join(out)


@pytest.mark.parametrize(
    ("path", "lid"),
    [
        ("apache-2.0/scancode-licensedb.txt", "Apache-2.0"),
        ("llama3.2/official-github.txt", "llama3.2"),
        ("openrail++/official-github-sdxl-1.0.txt", "openrail++"),
        ("cc-by-nc-4.0/scancode-licensedb.txt", "CC-BY-NC-4.0"),
    ],
)
@pytest.mark.parametrize("how", ["rewrap-40", "one-line", "markdown"])
def test_reformatting_keeps_id_and_score(path: str, lid: str, how: str) -> None:
    text = _read(path)
    mutated = {
        "rewrap-40": lambda t: _rewrap(t, 40),
        "one-line": lambda t: " ".join(t.split()),
        "markdown": _markdownify,
    }[how](text)
    m = identify_text(mutated)
    assert m.license == lid
    assert float(m.score) > 0.95
    assert not [d for d in m.added if d.change == "added"]


def test_strip_header_keeps_version() -> None:
    text = _read("llama3.1/official-github.txt")
    body = "\n".join(text.splitlines()[3:])
    assert "3.1 COMMUNITY LICENSE AGREEMENT" not in body.upper().split("\n")[0]
    m = identify_text(body)
    assert m.license == "llama3.1"


def test_insert_clause_into_apache() -> None:
    text = _read("apache-2.0/scancode-licensedb.txt")
    clause = "You may not use the Work or any Derivative Works for commercial purposes."
    mutated = text.replace("   4. Redistribution.", f"   {clause}\n\n   4. Redistribution.", 1)
    line = mutated.splitlines().index(f"   {clause}") + 1
    m = identify_text(mutated)
    assert m.license == "Apache-2.0"
    assert m.modified
    assert [(d.change, d.line) for d in m.added] == [("added", line)]
    bans = [r for r in find_restrictions(mutated, file="LICENSE") if r.type == "commercial_ban"]
    assert [(r.line, r.quote) for r in bans] == [(line, clause)]
    # the original has no such clause
    assert not [r for r in find_restrictions(text, file="LICENSE") if r.type == "commercial_ban"]


def test_delete_clause_is_reported_removed() -> None:
    text = _read("llama3/official-github.txt")
    start = text.index("You will not use the Llama Materials or any output")
    end = text.index("\n", start)
    mutated = text[:start] + text[end:]
    m = identify_text(mutated)
    assert m.license == "llama3"
    assert any(d.text.startswith("you will not use") for d in m.removed)
    before = {r.type for r in find_restrictions(text, file="L")}
    after = {r.type for r in find_restrictions(mutated, file="L")}
    assert before - after == {"output_use_restriction"}


def test_change_threshold() -> None:
    text = _read("llama3.2/official-github.txt")
    mutated = text.replace("700 million monthly active users", "100 million monthly active users")
    orig = [r.threshold for r in find_restrictions(text, file="L") if r.type == "user_threshold"]
    new = [r.threshold for r in find_restrictions(mutated, file="L") if r.type == "user_threshold"]
    assert orig == ["700000000"]
    assert new == ["100000000"]
    m = identify_text(mutated)
    assert m.license == "llama3.2"
    assert [d.change for d in m.added] == ["changed"]


def test_truncated_copy() -> None:
    text = _read("gemma/scancode-licensedb-2025-03-24.txt")
    m = identify_text(text[: len(text) // 2])
    assert m.license == "gemma"
    assert m.truncated
    assert m.removed


def test_embedded_in_card_section() -> None:
    lic = _read("bigcode-openrail-m/scancode-licensedb.txt")
    card = (
        "## License\n\nThe model is licensed under the BigCode OpenRAIL-M v1 license agreement. "
        "You can find the full agreement below, and we ask you to read it before use.\n\n" + lic
    )
    m = identify_text(card)
    assert m.license == "bigcode-openrail-m"


def test_licence_plus_policy_is_the_licence() -> None:
    text = _read("llama2/official-github.txt") + "\n\n" + _read("llama2/aup-official-github.txt")
    m = identify_text(text)
    assert (m.license, m.kind) == ("llama2", "license")

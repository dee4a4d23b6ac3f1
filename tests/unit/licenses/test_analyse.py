"""Licence assembly on small snapshots of our own: precedence, inheritance, conflicts."""

from __future__ import annotations

import pytest

import opengauge
from opengauge.evidence.extract import extract
from opengauge.licenses import analyse, family_license
from opengauge.model.report import BaseModelRef, LicenseRung, Lineage
from opengauge.model.snapshot import FileEntry, RepoSnapshot
from opengauge.types import SourceKind
from tests.unit.licenses.conftest import FIXTURES

MIT = (FIXTURES / "mit-with-header.md").read_text(encoding="utf-8")


def _snap(texts: dict[str, str], repo: str = "acme/model") -> RepoSnapshot:
    return RepoSnapshot(
        repo_id=repo,
        source=SourceKind.LOCAL,
        revision="sha256:0",
        revision_pinned=False,
        files=tuple(FileEntry(path=p, present=True) for p in texts),
        texts=texts,
    )


def _run(texts: dict[str, str], bases: tuple[str, ...] = (), repo: str = "acme/model"):  # type: ignore[no-untyped-def]
    snap = _snap(texts, repo)
    lineage = Lineage(
        relation="finetune" if bases else "none",
        bases=tuple(BaseModelRef(id=b, relation="finetune") for b in bases),
    )
    return analyse(snap, extract(snap).bundle, lineage)


def _card(front: str, body: str = "# Model\n\nA model.\n") -> str:
    return f"---\n{front}\n---\n{body}"


def _ids(la) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.id for f in la.findings}


def test_tag_only() -> None:
    la = _run({"README.md": _card("license: apache-2.0")})
    assert la.summary["weights_license"] == "Apache-2.0"
    assert la.summary["declared_license"] == "apache-2.0"
    assert la.summary["restriction_types"] == ["attribution_notice"]
    assert la.summary["osi_approved_weights_license"] is True
    assert la.summary["license_conflict"] is False
    w = la.licenses[0]
    assert (w.component, w.rung) == ("weights", LicenseRung.SPDX_ID)


def test_other_with_license_name() -> None:
    la = _run(
        {
            "README.md": _card(
                "license: other\nlicense_name: gemma-terms-of-use\nextra_gated_prompt: Accept"
            )
        }
    )
    assert la.summary["weights_license"] == "gemma"
    assert "gating_registration" in la.summary["restriction_types"]
    assert la.summary["osi_approved_weights_license"] is False


def test_other_without_name_is_unknown_and_noted() -> None:
    la = _run({"README.md": _card("license: other")})
    assert la.summary["weights_license"] is None
    assert la.summary["osi_approved_weights_license"] is None
    assert {"OG-LIC-005", "OG-LIC-006"} <= _ids(la)


def test_licence_file_beats_tag_and_conflict_is_quoted() -> None:
    la = _run({"README.md": _card("license: apache-2.0"), "LICENSE": MIT})
    assert la.summary["weights_license"] == "MIT"
    assert la.summary["license_conflict"] is True
    f = next(f for f in la.findings if f.id == "OG-LIC-001")
    assert '"apache-2.0"' in f.message
    assert "LICENSE" in f.message
    assert len(f.evidence) >= 2


def test_inherited_from_base_when_nothing_declared() -> None:
    la = _run({"README.md": "# A Korean Llama\n"}, bases=("meta-llama/Llama-2-7b-hf",))
    assert la.summary["weights_license"] == "llama2"
    assert la.licenses[0].rung == LicenseRung.INHERITED
    assert la.summary["license_conflict"] is False
    assert "user_threshold" in la.summary["restriction_types"]
    assert la.lineage is not None
    assert la.lineage.bases[0].license == "llama2"


def test_apache_on_llama_finetune_is_a_conflict() -> None:
    la = _run({"README.md": _card("license: apache-2.0")}, bases=("meta-llama/Llama-3.1-8B",))
    assert la.summary["weights_license"] == "Apache-2.0"
    assert la.summary["license_conflict"] is True
    f = next(f for f in la.findings if f.id == "OG-LIC-002")
    assert "llama3.1" in f.message
    assert "drops restrictions" in f.message


def test_same_licence_as_base_is_fine() -> None:
    la = _run({"README.md": _card("license: apache-2.0")}, bases=("mistralai/Mistral-7B-v0.1",))
    assert la.summary["license_conflict"] is False


def test_modified_licence_named_in_card_conflicts_with_tag() -> None:
    body = "# Model\n\n- **License:** [Modified MIT License](https://example.org/LICENSE)\n"
    la = _run({"README.md": _card("license: mit", body)})
    assert la.summary["weights_license"] == "MIT"
    assert la.summary["license_conflict"] is True


def test_separate_model_and_code_licences() -> None:
    custom = (FIXTURES / "custom-terms.txt").read_text(encoding="utf-8")
    la = _run({"README.md": "# Model\n", "LICENSE-MODEL": custom, "LICENSE-CODE": MIT})
    comps = {c.component: c for c in la.licenses}
    assert comps["code"].license == "MIT"
    assert comps["weights"].license is None  # unknown terms stay unknown
    # ... but their restrictions are still read from the text
    types = {r.type for r in comps["weights"].restrictions}
    assert {"user_threshold", "output_use_restriction"} <= types
    assert {"user_threshold", "output_use_restriction"} <= set(la.summary["restriction_types"])


def test_modified_known_licence_adds_text_types() -> None:
    apache = MIT.replace(
        "The above copyright notice",
        "You may not use the Software for commercial purposes.\n\nThe above copyright notice",
    )
    la = _run({"README.md": "# Model\n", "LICENSE": apache})
    assert la.summary["weights_license"] == "MIT"
    assert "commercial_ban" in la.summary["restriction_types"]
    assert "OG-LIC-007" in _ids(la)


def test_family_table() -> None:
    assert family_license("meta-llama/Meta-Llama-3-8B") is not None
    assert family_license("meta-llama/Meta-Llama-3-8B")[0] == "llama3"  # type: ignore[index]
    assert family_license("meta-llama/Llama-3.2-1B")[0] == "llama3.2"  # type: ignore[index]
    assert family_license("unsloth/some-random-model") is None


_CUSTOM = (
    "ACME MODEL LICENSE AGREEMENT\n\n"
    "1. Grant. Acme grants you a non-exclusive, worldwide, royalty-free licence to use, "
    "reproduce, distribute and modify the Model.\n\n"
    "2. Restrictions. You may not use the Model or its outputs to train, improve or fine-tune "
    "any other large language model.\n\n"
    "3. If the monthly active users of the products or services made available by you exceed "
    "100 million in the preceding calendar month, you must request a licence from Acme.\n"
)


def test_named_licence_unknown_to_the_knowledge_base_is_read_from_its_file() -> None:
    # `license: other` + a name the knowledge base does not know: the licence file the card
    # links to is unidentified, and its clauses are the only way to know the terms.
    la = _run({"README.md": _card("license: other\nlicense_name: acme-model-license\n"
                                  "license_link: LICENSE"), "LICENSE": _CUSTOM})
    assert la.summary["weights_license"] == "LicenseRef-acme-model-license"
    w = la.licenses[0]
    got = {(r.type, r.file, r.line, r.license, r.threshold) for r in w.restrictions}
    assert got == {
        ("output_use_restriction", "LICENSE", 5, "LicenseRef-acme-model-license", None),
        ("user_threshold", "LICENSE", 7, "LicenseRef-acme-model-license", "100000000"),
    }
    assert set(la.summary["restriction_types"]) == {"output_use_restriction", "user_threshold"}


def test_unlinked_licence_file_is_read_but_not_attributed_to_the_named_licence() -> None:
    la = _run({"README.md": _card("license: other\nlicense_name: acme-model-license"),
               "LICENSE": _CUSTOM})
    w = la.licenses[0]
    assert {r.type for r in w.restrictions} == {"output_use_restriction", "user_threshold"}
    assert {r.license for r in w.restrictions} == {None}


def test_unidentified_licence_file_adding_restrictions_to_a_known_tag_is_a_conflict() -> None:
    # The tag says Apache-2.0; the repository's licence file is another text that bans training
    # on outputs and caps users: those terms are reported, quoted, and the signals disagree.
    la = _run({"README.md": _card("license: apache-2.0"), "LICENSE": _CUSTOM})
    assert la.summary["weights_license"] == "Apache-2.0"
    assert la.summary["license_conflict"] is True
    assert set(la.summary["restriction_types"]) == {"attribution_notice", "output_use_restriction",
                                                    "user_threshold"}
    w = la.licenses[0]
    assert {(r.type, r.file, r.line, r.license) for r in w.restrictions if r.file} == {
        ("output_use_restriction", "LICENSE", 5, None), ("user_threshold", "LICENSE", 7, None)}
    [conflict] = [f for f in la.findings if f.id == "OG-LIC-001"]
    assert "an unidentified licence" in conflict.message
    assert "output_use_restriction (line 5), user_threshold (line 7)" in conflict.message
    assert conflict.file == "LICENSE" and conflict.evidence


def test_unidentified_file_without_restrictions_beside_a_known_tag_is_no_conflict() -> None:
    plain = "Acme Notice\n\nThis model was built by Acme. Thanks to everyone who helped.\n"
    la = _run({"README.md": _card("license: apache-2.0"), "LICENSE": plain})
    assert la.summary["license_conflict"] is False
    assert la.summary["restriction_types"] == ["attribution_notice"]


def test_a_long_licence_list_reports_each_pair_of_licences_once(tmp_path):
    """Conflicts are found between the first signal of each licence only (the pairwise search
    over every signal was quadratic: 8,000 listed licences took 28 s); every pair of different
    licences is still reported, once, with the first signals that show it."""
    from opengauge import api

    entries = ["mit", "apache-2.0", "mit", "apache-2.0", "bsd-3-clause"] * 400
    (tmp_path / "README.md").write_text("---\nlicense:\n" + "".join(f"- {x}\n" for x in entries)
                                        + "---\n# x\n")
    r = api.assess(str(tmp_path))
    pairs = sorted(f.message.split(" says ")[1].split(";")[0] + " / " + f.message.split(" says ")[2]
                   for f in r.findings if f.id == "OG-LIC-001")
    assert pairs == ['"apache-2.0" -> Apache-2.0 / "bsd-3-clause" -> BSD-3-Clause.',
                     '"mit" -> MIT / "apache-2.0" -> Apache-2.0.',
                     '"mit" -> MIT / "bsd-3-clause" -> BSD-3-Clause.']
    first = {e.value: e.id for e in reversed(r.evidence) if e.key == "license"}
    cited = {i for f in r.findings if f.id == "OG-LIC-001" for i in f.evidence}
    assert cited <= set(first.values())


def test_card_banning_commercial_use_under_a_commercial_licence_is_a_conflict() -> None:
    body = ("# Model\n\n## Disclaimer\n\nThe model weights of this project are restricted to "
            "academic research purposes only and cannot be used for commercial purposes.\n")
    la = _run({"README.md": _card("license: apache-2.0", body)})
    assert la.summary["license_conflict"] is True
    [f] = [f for f in la.findings if f.id == "OG-LIC-001"]
    assert "allows commercial use" in f.message and "README.md L8" in f.message
    assert len(f.evidence) == 2 and (f.file, f.locator) == ("README.md", "L8")
    # a ban is not a licence term of its own: the restriction types stay the licence's
    assert la.summary["restriction_types"] == ["attribution_notice"]


def test_research_only_intent_or_a_noncommercial_licence_is_no_conflict() -> None:
    intended = "# Model\n\n## Uses\n\nThe model is intended for research purposes only.\n"
    assert _run({"README.md": _card("license: apache-2.0", intended)}).summary[
        "license_conflict"] is False
    banned = "# Model\n\nThe model may not be used for commercial purposes.\n"
    assert _run({"README.md": _card("license: cc-by-nc-4.0", banned)}).summary[
        "license_conflict"] is False
    other = ("# Model\n\nThe base model was trained on data that cannot be used for commercial "
             "purposes.\n")
    assert _run({"README.md": _card("license: apache-2.0", other)}).summary[
        "license_conflict"] is False


def test_an_addendum_named_twice_adds_its_terms_once() -> None:
    aup = "[C4AI's Acceptable Use Policy](https://docs.cohere.com/docs/c4ai-acceptable-use-policy)"
    body = ("# M\n\n- License: [CC-BY-NC](https://cohere.com/c4ai-cc-by-nc-license), requires also "
            f"adhering to {aup}\n\nThis model is governed by a [CC-BY-NC](https://cohere.com/c4ai-cc-by-nc-"
            "license) License with an acceptable use "
            f"addendum, and also requires adhering to {aup}.\n")
    w = _run({"README.md": _card("license: cc-by-nc-4.0", body)}).licenses[0]
    addendum = [s for s in w.signals if s.license == "LicenseRef-cc-by-nc-4.0-cohere-aup"]
    assert w.license == "CC-BY-NC-4.0" and len(addendum) == 2
    kb = [(r.type, r.license) for r in w.restrictions if r.source == "knowledge-base"]
    assert ("acceptable_use_policy", "LicenseRef-cc-by-nc-4.0-cohere-aup") in kb
    assert len(kb) == len(set(kb))


@pytest.mark.skipif(opengauge.compiled(), reason="compiled modules call each other directly: "
                    "a patched function is seen only interpreted")
def test_a_governing_licence_text_is_cut_into_sentences_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Identifying a licence file and quoting its restrictions read the same sentences: the
    # text is cut once and the cut is used by both (the quotes and lines are the same).
    from opengauge.licenses import _text

    custom = (FIXTURES / "custom-terms.txt").read_text(encoding="utf-8")
    texts = {"README.md": "# Model\n", "LICENSE-MODEL": custom, "LICENSE-CODE": MIT}
    expected = _run(texts)
    cut: list[str] = []
    real = _text.segments

    def counted(text: str, **kw):  # type: ignore[no-untyped-def]
        cut.append(text)
        return real(text, **kw)

    monkeypatch.setattr(_text, "segments", counted)
    la = _run(texts)
    assert la == expected
    assert {r.type for c in la.licenses for r in c.restrictions} >= {"user_threshold"}
    assert cut.count(custom) == 1


def test_restrictions_quoted_from_a_given_cut_are_those_of_the_text() -> None:
    from opengauge.licenses import _text
    from opengauge.licenses.clauses import find_restrictions

    custom = (FIXTURES / "custom-terms.txt").read_text(encoding="utf-8")
    alone = find_restrictions(custom, file="LICENSE", line_offset=3)
    assert {r.type for r in alone} >= {"user_threshold", "output_use_restriction"}
    given = find_restrictions(custom, file="LICENSE", line_offset=3,
                              segments=_text.profile(custom).segments)
    assert given == alone

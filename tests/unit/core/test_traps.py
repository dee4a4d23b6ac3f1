"""One test per known trap in real-world model repositories: clear findings, never a crash."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest

from opengauge import api
from opengauge.exporters.json import report_to_dict


def _repo(tmp_path: Path, files: dict[str, str | bytes], name: str = "org__model") -> Path:
    root = tmp_path / name
    root.mkdir(parents=True)
    for name, content in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8", newline="")
    return root


def _finding_ids(report: api.Report) -> set[str]:
    return {f.id for f in report.findings}


def _summary(report: api.Report) -> dict[str, object]:
    return dict(report.summary)


def test_no_front_matter_is_a_finding_and_licence_unknown(tmp_path, validate_report):
    root = _repo(tmp_path, {"README.md": "# My model\n\nA model with no metadata.\n"})
    r = api.assess(str(root))
    assert "OG-CARD-001" in _finding_ids(r)
    assert r.summary["declared_license"] is None
    validate_report(report_to_dict(r))


def test_broken_yaml_is_salvaged_line_by_line(tmp_path, validate_report):
    card = "---\nlicense: mit\ntags: [a, b\nbase_model: org/base\n---\n# Title\n"
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    f = [x for x in r.findings if x.id == "OG-CARD-002"]
    assert f and "not valid YAML" in f[0].message
    assert r.summary["declared_license"] == "mit"
    assert r.summary["base_models"] == ["org/base"]
    validate_report(report_to_dict(r))


def test_duplicate_keys_are_reported(tmp_path):
    card = "---\nlicense: mit\nlicense: apache-2.0\n---\n# T\n"
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    dup = [x for x in r.findings if x.id == "OG-CARD-003"]
    assert dup and dup[0].locator == "L3"


def test_wrong_types_are_reported(tmp_path):
    card = "---\nlicense: {name: mit}\nbase_model: 42\n---\n# T\n"
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    assert "OG-CARD-004" in _finding_ids(r)


def test_license_other_with_name_and_link_is_evidence(tmp_path):
    card = ("---\nlicense: other\nlicense_name: acme-model-license\nlicense_link: LICENSE\n---\n"
            "# Acme\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card, "LICENSE": "ACME MODEL LICENSE\n\nTerms.\n"})))
    keys = {(e.key, e.value) for e in r.evidence}
    assert ("license", "other") in keys
    assert ("license_name", "acme-model-license") in keys
    assert ("license_link", "LICENSE") in keys
    assert any(e.key == "license_file" and e.provenance.file == "LICENSE" for e in r.evidence)
    assert r.summary["declared_license"] == "other"


def test_licence_only_in_card_body_is_found_as_a_section(tmp_path):
    card = ("---\npipeline_tag: text-generation\n---\n# Model\n\nText.\n\n## License\n\n"
            "This model is released under the MIT License.\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    sec = [e for e in r.evidence if e.key == "license_section"]
    assert sec and sec[0].provenance.locator == "L8-L10"
    stmt = [e for e in r.evidence if e.key == "statement.license"]
    assert stmt and stmt[0].provenance.locator == "L10"


def test_list_valued_base_model_gives_every_parent_and_merge(tmp_path):
    card = "---\nbase_model:\n- org/a\n- org/b\nlicense: apache-2.0\n---\n# Merge\n"
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    assert r.summary["base_models"] == ["org/a", "org/b"]
    assert r.summary["base_relation"] == "merge"
    locs = sorted(e.provenance.locator for e in r.evidence if e.key == "base_model")
    assert locs == ["yaml:base_model[0]#L3", "yaml:base_model[1]#L4"]  # each item's own line


def test_a_mergekit_recipe_quoted_in_the_card_gives_the_merge_and_its_lines(tmp_path):
    card = ("---\nlicense: apache-2.0\n---\n# Merge\n\n```yaml\nslices:\n  - sources:\n"
            "      - model: org/a\n      - model: org/b\nmerge_method: slerp\nbase_model: org/a\n```\n"
            "```yaml\nnot: [a recipe\n```\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    assert r.summary["base_models"] == ["org/a", "org/b"]
    assert r.summary["base_relation"] == "merge"
    got = {(e.key, e.value): e.provenance.locator for e in r.evidence if e.key.startswith("config.merge")}
    assert got == {("config.merge_model", "org/a"): "yaml:slices[0].sources[0].model#L9",
                   ("config.merge_model", "org/b"): "yaml:slices[0].sources[1].model#L10",
                   ("config.merge_method", "slerp"): "yaml:merge_method#L11"}
    assert not [f for f in r.findings if f.id == "OG-FILE-001"]


def test_gated_card_fields_are_evidence(tmp_path):
    card = ("---\nlicense: other\nextra_gated_prompt: You must accept the terms.\n"
            "extra_gated_fields:\n  Name: text\n  Country: country\n---\n# G\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    keys = {e.key: e.value for e in r.evidence}
    assert keys["extra_gated_prompt"] == "You must accept the terms."
    assert keys["extra_gated_fields"] == "Country, Name"


def test_windows_line_endings(tmp_path):
    card = "---\r\nlicense: mit\r\n---\r\n# Title\r\n\r\n## Training data\r\n\r\nWe trained on books.\r\n"
    r = api.assess(str(_repo(tmp_path, {"README.md": card.encode()})))
    assert r.summary["declared_license"] == "mit"
    sec = [e for e in r.evidence if e.key == "section.training_data"]
    assert sec and sec[0].provenance.locator == "L6-L8"


def test_huge_readme_is_cut_and_reported(tmp_path):
    card = "---\nlicense: mit\n---\n# Big\n\n" + ("lorem ipsum dolor sit amet\n" * 60000)
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    assert r.summary["declared_license"] == "mit"
    ids = _finding_ids(r)
    assert "OG-SRC-truncated" in ids and "OG-CARD-005" in ids


def test_binary_junk_in_a_text_file(tmp_path, validate_report):
    junk = b"---\nlicense: mit\n---\n# T\n\x00\x01\x02\xff\xfe binary \x00 junk"
    r = api.assess(str(_repo(tmp_path, {"README.md": junk, "LICENSE": b"\x00\xff\x00\x12"})))
    assert "OG-SRC-binary-text" in _finding_ids(r)
    assert r.summary["declared_license"] == "mit"
    validate_report(report_to_dict(r))


def test_safetensors_header_claiming_8gb_is_rejected(tmp_path):
    data = struct.pack("<Q", 8 * 1024**3) + b"{}"
    r = api.assess(str(_repo(tmp_path, {"README.md": "---\nlicense: mit\n---\n# W\n",
                                        "model.safetensors": data})))
    f = [x for x in r.findings if x.id == "OG-WEIGHTS-001"]
    assert f and "absurd" in f[0].message
    assert any(e.key == "weights.file" for e in r.evidence)


def test_real_safetensors_header_gives_parameter_count(tmp_path):
    header = {"a": {"dtype": "F16", "shape": [4, 8], "data_offsets": [0, 64]},
              "b": {"dtype": "F32", "shape": [10], "data_offsets": [64, 104]}}
    h = json.dumps(header).encode()
    data = struct.pack("<Q", len(h)) + h + b"\0" * 104
    r = api.assess(str(_repo(tmp_path, {"model.safetensors": data})))
    p = [e for e in r.evidence if e.key == "weights.parameters"]
    assert p and p[0].value == "42"
    assert p[0].attr("dtype.F16") == "32"


def test_tensor_shapes_beyond_any_file_are_rejected(tmp_path, validate_report):
    """Two 4,000-digit dimensions: each fits ``int()``, their product does not fit ``str()``."""
    big = "9" * 4000
    h = ('{"w": {"dtype": "F16", "shape": [' + big + ", " + big + '], "data_offsets": [0, 0]}}').encode()

    def s(x: str) -> bytes:
        b = x.encode()
        return struct.pack("<Q", len(b)) + b

    tensor = s("t") + struct.pack("<I", 8) + struct.pack("<8Q", *[2**64 - 1] * 8) + struct.pack("<IQ", 0, 0)
    gguf = b"GGUF" + struct.pack("<I", 3) + struct.pack("<QQ", 1, 0) + tensor
    r = api.assess(str(_repo(tmp_path, {"README.md": "---\nlicense: mit\n---\n# W\n",
                                        "model.safetensors": struct.pack("<Q", len(h)) + h,
                                        "m.gguf": gguf})))
    msgs = sorted(f.message for f in r.findings if f.id == "OG-WEIGHTS-001")
    assert len(msgs) == 2
    assert "more than 2^63 elements" in msgs[0] and msgs[0].startswith("m.gguf")
    assert "more than 2^63 elements" in msgs[1] and msgs[1].startswith("model.safetensors")
    assert not any(e.key == "weights.parameters" for e in r.evidence)
    validate_report(report_to_dict(r))
    assert api.export(r, "json")


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_symlink_loop_and_escape_do_not_hang_or_leak(tmp_path):
    root = _repo(tmp_path, {"README.md": "---\nlicense: mit\n---\n# S\n"})
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "a").symlink_to(root / "b")
    (root / "b").symlink_to(root / "a")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    (root / "LICENSE").symlink_to(secret)
    r = api.assess(str(root))
    ids = _finding_ids(r)
    assert "OG-SRC-symlink-dir" in ids
    assert "OG-SRC-broken-symlink" in ids
    assert "OG-SRC-symlink-outside" in ids
    assert not any(e.provenance.file == "LICENSE" for e in r.evidence)


def test_listing_with_parent_paths_is_ignored_and_reported(tmp_path):
    listing = "README.md\nmodel.safetensors\n../../etc/passwd\n/abs/path\nsub/../../x\n"
    r = api.assess(str(_repo(tmp_path, {"README.md": "# x\n", "files.txt": listing})))
    bad = [f for f in r.findings if f.id == "OG-SRC-unsafe-listing-path"]
    assert len(bad) == 3
    assert any(e.key == "weights.file" and e.value == "model.safetensors" for e in r.evidence)
    assert not any("passwd" in e.value for e in r.evidence)


def test_a_listing_that_is_a_symlink_is_not_read(tmp_path):
    """files.txt linked to a file elsewhere (another repository's listing, anything): its lines
    are not this folder's files."""
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("model.safetensors\nLICENSE\n")
    root = _repo(tmp_path / "repo", {"README.md": "# x\n"})
    (root / "files.txt").symlink_to(elsewhere)
    r = api.assess(str(root))
    assert not any(e.key == "weights.file" for e in r.evidence)
    assert "OG-SRC-symlink-outside" in {f.id for f in r.findings}
    # the same listing as a plain file is read
    (root / "files.txt").unlink()
    (root / "files.txt").write_text(elsewhere.read_text())
    assert any(e.key == "weights.file" and e.value == "model.safetensors"
               for e in api.assess(str(root)).evidence)


def test_gguf_header_is_parsed_with_bounds(tmp_path):
    def s(x: str) -> bytes:
        b = x.encode()
        return struct.pack("<Q", len(b)) + b

    kv = s("general.architecture") + struct.pack("<I", 8) + s("llama")
    tensor = s("tok.weight") + struct.pack("<I", 2) + struct.pack("<QQ", 16, 4) + struct.pack("<IQ", 0, 0)
    data = b"GGUF" + struct.pack("<I", 3) + struct.pack("<QQ", 1, 1) + kv + tensor
    r = api.assess(str(_repo(tmp_path, {"m.gguf": data})))
    vals = {e.key: e.value for e in r.evidence}
    assert vals["weights.gguf.architecture"] == "llama"
    assert vals["weights.parameters"] == "64"
    bad = b"GGUF" + struct.pack("<I", 3) + struct.pack("<QQ", 2**40, 2**40)
    r2 = api.assess(str(_repo(tmp_path / "x", {"m.gguf": bad})))
    assert "OG-WEIGHTS-001" in _finding_ids(r2)


def test_no_evidence_is_unknown_never_not_released(tmp_path):
    r = api.assess(str(_repo(tmp_path, {"README.md": "---\nlicense: mit\n---\n# Bare\n"})))
    statuses = {c.id: c.status.value for c in r.components}
    assert statuses["datasets"] == "unknown"
    assert statuses["training_code"] == "unknown"
    assert all(c.status.value != "not_released" for c in r.components)
    for c in r.components:
        if c.status.value == "unknown":
            assert c.reason


def test_not_released_needs_a_positive_statement(tmp_path):
    card = ("---\nlicense: mit\n---\n# M\n\n## Training data\n\n"
            "The model was trained on proprietary data that will not be released.\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    ds = next(c for c in r.components if c.id == "datasets")
    assert ds.status.value == "not_released"
    ev = {e.id: e for e in r.evidence}
    assert ds.evidence and ev[ds.evidence[0]].provenance.locator == "L8"


def test_bibtex_arxiv_eprint_is_a_paper_link():
    from opengauge.evidence.cardbody import parse_links

    links = parse_links(["```bibtex", "@misc{m,", "  eprint={2312.06550},", "  archivePrefix={arXiv},",
                         "}", "```"], 1)
    assert [(lk.kind, lk.value, lk.line) for lk in links] == [("arxiv", "2312.06550", 3)]
    assert parse_links(["@article{x,", "  eprint={1234.56789},", "}"], 1) == ()


def _bytes_name(folder: Path, name: bytes) -> Path:
    """Create ``folder/name`` for a name that is not valid UTF-8 (skip where the OS refuses)."""
    if os.name == "nt":
        pytest.skip("file names are Unicode on Windows")
    try:
        path = os.path.join(os.fsencode(folder), name)
        if name.endswith(b"/"):
            os.mkdir(path)
        else:
            with open(path, "wb") as fh:
                fh.write(b"")
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    return Path(os.fsdecode(path))


def test_file_name_not_utf8_is_a_finding_and_every_output_writes(tmp_path, validate_report):
    root = _repo(tmp_path, {"README.md": "---\nlicense: mit\n---\n# S\n", "config.json": "{}"})
    _bytes_name(root, b"weights\xff.safetensors")
    sub = _bytes_name(root, b"dir\xfe/")
    (sub / "model.safetensors").write_bytes(b"")
    r = api.assess(str(root))
    bad = sorted(f.file or "" for f in r.findings if f.id == "OG-SRC-undecodable-name")
    assert bad == ["dir\\xfe/model.safetensors", "weights\\xff.safetensors"]
    assert not any("\\x" in e.provenance.file or "\udcff" in e.value for e in r.evidence)
    for fmt in ("json", "markdown", "table"):
        api.export(r, fmt).encode("utf-8")  # strict: no lone surrogate reaches any output
    validate_report(json.loads(api.export(r, "json")))


def test_folder_name_not_utf8_is_shown_escaped(tmp_path):
    parent = _bytes_name(tmp_path, b"models\xfe/")
    root = parent / "m"
    root.mkdir()
    (root / "README.md").write_text("---\nlicense: mit\n---\n# S\n", encoding="utf-8")
    r = api.assess(str(root))
    assert r.subject.location.endswith("models\\xfe/m")
    api.export_line(r).encode("utf-8")


_HUGE = "9" * 5000  # more digits than int() reads (sys.get_int_max_str_digits(): 4300)


def test_integers_too_long_for_int_stay_as_their_digits(tmp_path, validate_report):
    root = _repo(tmp_path, {
        "README.md": f"---\nlicense: mit\nco2_eq_emissions: {_HUGE}\nextra: -{_HUGE}\n---\n# M\n",
        "config.json": f'{{"architectures": ["X"], "vocab_size": {_HUGE}, "num_hidden_layers": 2}}',
        "mergekit_config.yml": f"merge_method: slerp\nt: {_HUGE}\n",
    })
    r = api.assess(str(root))
    by_key = {e.key: e.value for e in r.evidence}
    assert by_key["config.vocab_size"] == _HUGE  # the rest of the config is still read
    assert by_key["config.num_layers"] == "2"
    assert by_key["config.merge_method"] == "slerp"
    assert dict(r.summary)["weights_license"] == "MIT"
    assert "OG-FILE-001" not in _finding_ids(r)
    for fmt in ("json", "markdown", "table"):
        api.export(r, fmt)
    validate_report(json.loads(api.export(r, "json")))


def test_json_nesting_too_deep_is_a_finding(tmp_path):
    root = _repo(tmp_path, {"README.md": "---\nlicense: mit\n---\n# M\n",
                            "config.json": "[" * 100_000 + "]" * 100_000})
    r = api.assess(str(root))
    msgs = [f.message for f in r.findings if f.id == "OG-FILE-001"]
    assert msgs and "nest too deeply" in msgs[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_named_pipes_are_reported_not_read(tmp_path, validate_report):
    """A README.md or LICENSE that is a named pipe would block a plain open() forever."""
    root = _repo(tmp_path, {"config.json": "{}"})
    os.mkfifo(root / "README.md")
    os.mkfifo(root / "LICENSE")
    r = api.assess(str(root))
    special = sorted(f.message for f in r.findings if f.id == "OG-SRC-special-file")
    assert special == ["LICENSE: a named pipe, not a regular file; not read",
                       "README.md: a named pipe, not a regular file; not read"]
    validate_report(report_to_dict(r))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_bounded_read_refuses_a_pipe_without_waiting(tmp_path):
    """Should a named pipe take a file's place between the listing and the read, the read
    fails at once instead of waiting for a writer."""
    from opengauge.sources.local import _read_bounded

    fifo = tmp_path / "README.md"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="named pipe"):
        _read_bounded(fifo, 100)


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_git_head_outside_the_folder_is_not_read(tmp_path):
    sha = "0123456789abcdef0123456789abcdef01234567"
    outside = tmp_path / "elsewhere"
    outside.write_text(sha + "\n")
    root = _repo(tmp_path, {"README.md": "# x\n"})
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").symlink_to(outside)
    assert api.snapshot(str(root)).revision != sha
    (root / ".git" / "HEAD").unlink()
    (root / ".git" / "HEAD").write_text(sha + "\n")
    assert api.snapshot(str(root)).revision == sha


def test_what_an_html_comment_holds_is_not_evidence(tmp_path):
    card = ("---\nlicense: mit\n---\n# Model\n<!-- Provide the basic links for the model. -->\n"
            "<!-- TO DO:\n## Training data\nWe release the training code at "
            "https://github.com/org/hidden\n-->\nWe release the weights at https://github.com/org/shown\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    links = {e.value for e in r.evidence if e.key == "link.code_repo"}
    assert links == {"https://github.com/org/shown"}
    assert not [e for e in r.evidence if e.key == "section.training_data"]
    stmts = {e.provenance.locator for e in r.evidence if e.key.startswith("statement.")}
    assert stmts and all(loc == "L10" for loc in stmts)


def test_pickle_shards_give_one_finding_that_names_the_safer_copies(tmp_path):
    files = "".join(f"pytorch_model-{i:05d}-of-00003.bin\nmodel-{i:05d}-of-00003.safetensors\n"
                    for i in range(1, 4))
    r = api.assess(str(_repo(tmp_path, {"README.md": "---\nlicense: mit\n---\n# M\n", "files.txt": files})))
    found = [f for f in r.findings if f.id == "OG-WEIGHTS-002"]
    assert len(found) == 1
    assert found[0].message.startswith("3 weights files are pickle-based (pytorch_model-00001-of-00003.bin, ...)")
    assert "safetensors copies" in found[0].message
    row = next(c for c in r.components if c.id == "model_parameters_final")
    assert row.reason == "6 weight file(s) in the repository (3 pytorch-pickle, 3 safetensors)"


def test_a_parent_named_by_its_link_text_comes_before_the_grandparent_named_by_id(tmp_path):
    card = ("---\nlicense: apache-2.0\n---\n# Model\n\n- **Finetuned from model:** "
            "[Chatty 3.5](https://huggingface.co/org/chatty_3.5) (based on "
            "[Base-7B-v0.1](https://huggingface.co/org/Base-7B-v0.1))\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    assert r.summary["base_models"] == ["org/chatty_3.5"]
    assert r.summary["base_relation"] == "finetune"


def test_a_sibling_base_named_without_a_link_is_the_parent_under_the_same_organisation(tmp_path):
    card = ("---\nlicense: other\n---\n# Widget-4-70B-Instruct\n\n"
            "It is a fine-tuned version of the Widget-4-70B-Base model, optimized for chat.\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card}, name="acme__Widget-4-70B-Instruct")))
    assert r.summary["base_models"] == ["acme/Widget-4-70B-Base"]
    assert r.summary["base_relation"] == "finetune"
    # the family a derivative is named after is not a sibling of the publisher's
    card = ("---\nlicense: other\n---\n# Llama-2-Ko\n\n"
            "This model is a fine-tuned version of Llama-2 with a Korean corpus.\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card}, name="someone__llama-2-ko-7b")))
    assert "someone/Llama-2" not in r.summary["base_models"]


def test_a_card_text_parent_other_than_the_front_matter_base_is_a_finding(tmp_path):
    card = ("---\nlicense: apache-2.0\nbase_model: acme/Widget-24B-Instruct\n---\n# Coder\n\n"
            "It is finetuned from [Widget](https://huggingface.co/acme/Widget-24B-Base).\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": card})))
    assert r.summary["base_models"] == ["acme/Widget-24B-Instruct"]
    found = [f for f in r.findings if f.id == "OG-LIN-001"]
    assert len(found) == 1 and "acme/Widget-24B-Base" in found[0].message
    assert found[0].locator == "L7"
    same = card.replace("Widget-24B-Base", "Widget-24B-Instruct")
    r = api.assess(str(_repo(tmp_path / "b", {"README.md": same})))
    assert "OG-LIN-001" not in _finding_ids(r)


def test_training_configs_in_the_listing_release_the_model_metadata(tmp_path):
    files = ("README.md\nconfigs/widget-8x7b.yml\npretrain/params/phase1/params.yaml\n"
             "mergekit_config.yml\nv1-inference.yaml\n.github/workflows/ci.yml\n"
             "beaker_configs/default_eval.yaml\ntekken.json\nmodel.tiktoken\n")
    r = api.assess(str(_repo(tmp_path, {"README.md": "---\nlicense: mit\n---\n# M\n", "files.txt": files})))
    configs = sorted(e.value for e in r.evidence if e.key == "file.training_config")
    assert configs == ["configs/widget-8x7b.yml", "pretrain/params/phase1/params.yaml"]
    row = next(c for c in r.components if c.id == "model_metadata")
    assert (row.status.value, row.reason) == ("released", "the training configuration is in the repository")
    tokenizers = sorted(e.value for e in r.evidence if e.key == "file.tokenizer")
    assert tokenizers == ["model.tiktoken", "tekken.json"]



def test_a_yaml_alias_bomb_in_a_declaration_is_a_clear_error(tmp_path):
    from opengauge.errors import DeclarationError

    lines = ["opengauge_declaration: 1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":  # 9^9 values once expanded, from under 1 KB
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    lines.append("model: {id: x, name: *i}")
    path = tmp_path / "laughs.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DeclarationError, match="YAML aliases"):
        api.assess(str(path))


def test_a_declared_base_relation_is_the_relation(tmp_path):
    from opengauge.errors import DeclarationError

    path = tmp_path / "d.yml"
    path.write_text("opengauge_declaration: 1\nmodel: {id: org/x}\n"
                    "base_models: [{id: org/y, relation: adapter}]\n", encoding="utf-8")
    r = api.assess(str(path))
    assert (r.lineage.relation, dict(r.summary)["base_relation"]) == ("adapter", "adapter")
    path.write_text("opengauge_declaration: 1\nmodel: {id: org/x}\n"
                    "base_models: [{id: org/y, relation: bogus}]\n", encoding="utf-8")
    with pytest.raises(DeclarationError, match="relation` must be one of"):
        api.assess(str(path))


def test_revision_for_a_local_folder(tmp_path):
    """--revision labels a folder that records no commit; a folder that records one is at that
    commit, and a different commit given for it is a usage error, not a silent relabel."""
    from opengauge.errors import UsageError

    sha, other = "0123456789abcdef0123456789abcdef01234567", "f" * 40
    plain = _repo(tmp_path / "plain", {"README.md": "# x\n"})
    snap = api.snapshot(str(plain), revision="v1.0")
    assert (snap.revision, snap.revision_pinned) == ("v1.0", False)
    snap = api.snapshot(str(plain), revision=other)
    assert (snap.revision, snap.revision_pinned) == (other, True)
    assert api.snapshot(str(plain)).revision.startswith("sha256:")
    at_sha = _repo(tmp_path / "git", {"README.md": "# x\n"})
    (at_sha / ".git").mkdir()
    (at_sha / ".git" / "HEAD").write_text(sha + "\n")
    for given in (None, sha, "main"):
        snap = api.snapshot(str(at_sha), revision=given)
        assert (snap.revision, snap.revision_pinned) == (sha, True), given
    with pytest.raises(UsageError, match=f"--revision {other} does not match the commit this folder is at \\({sha}\\)"):
        api.snapshot(str(at_sha), revision=other)


@pytest.mark.parametrize("text", [
    '{"a": 1,\n "hidden_size" : 2}',
    '{"hidden_size"x: 1,\n\n"hidden_size"\t\n: 2}',  # not followed by a colon, then on line 3
    '{"n": "\\"hidden_size\\"", "hidden_size":\u2003 3}',
    '{"hidden_size"',
    '{"hidden_size"   ',
    '{"hidden_sizes": 1}',
    "",
])
def test_a_config_key_line_is_where_the_key_stands_before_a_colon(text):
    import re

    from opengauge.evidence.extract import _json_line

    m = re.search(r'"hidden_size"\s*:', text)
    assert _json_line(text, "hidden_size") == (f"#L{text.count(chr(10), 0, m.start()) + 1}" if m else "")

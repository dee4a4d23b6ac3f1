"""`opengauge assess org/name` end to end through the CLI, against the fake Hub over HTTP."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.conftest import cli_env, run_cli
from tests.hubserver import FakeHub


@pytest.fixture
def hub(fake_hub: FakeHub, tmp_path) -> tuple[FakeHub, dict[str, str]]:
    return fake_hub, cli_env(tmp_path, HF_ENDPOINT=fake_hub.url)


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(env, *args, text=True)


def test_hub_model_assessed_and_pinned(hub, validate_report):
    fake, env = hub
    res = _run(env, "assess", "acme/tiny-llm", "-f", "json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    validate_report(doc)
    assert doc["subject"]["source"] == "huggingface"
    assert doc["subject"]["revision_pinned"] is True
    assert len(doc["subject"]["revision"]) == 40
    assert all(e["revision"] == doc["subject"]["revision"] for e in doc["evidence"])
    for r in fake.file_requests("GET"):
        if r.path.endswith((".safetensors", ".bin", ".gguf")):
            assert r.range is not None, f"weights fetched without a bounded range: {r.path}"
            assert not r.path.endswith(".bin"), "pickle weights are never read"


def test_missing_repo_is_exit_3_with_hint(hub):
    _, env = hub
    res = _run(env, "assess", "acme/does-not-exist")
    assert res.returncode == 3
    assert "not found" in res.stderr and "hint" in res.stderr
    assert "Traceback" not in res.stderr


def test_missing_revision_is_exit_3(hub):
    _, env = hub
    res = _run(env, "assess", "acme/two-revs@no-such-branch")
    assert res.returncode == 3
    assert "revision" in res.stderr


def test_gated_repo_without_token_still_reports_metadata(hub):
    _, env = hub
    res = _run(env, "assess", "acme/gated-llm", "-f", "json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert any(f["id"] == "OG-SRC-gated" for f in doc["findings"])


def test_server_error_is_source_unavailable(hub):
    fake, env = hub
    fake.fail(r"^/api/models/acme/tiny-llm", 500, method="GET")
    res = _run(env, "assess", "acme/tiny-llm")
    assert res.returncode == 3
    assert "unavailable" in res.stderr


def test_lone_surrogates_in_hub_json_do_not_make_the_report_unwritable(hub):
    """JSON may spell a lone surrogate ("\\ud800"); no UTF-8 output can hold one."""
    fake, env = hub
    card = b"---\nlicense: mit\n---\n# Odd\n"
    config = b'{"model_type": "\\ud800odd", "architectures": ["\\udcffLM"]}'
    fake.add_repo("acme/odd", {"README.md": card, "config.json": config},
                  info={"pipeline_tag": "text\ud800", "cardData": {"license": "\udcffmit"}})
    for fmt in ("json", "markdown", "table"):
        res = _run(env, "assess", "acme/odd", "-f", fmt)
        assert res.returncode == 0, res.stderr
    doc = json.loads(_run(env, "assess", "acme/odd", "-f", "json").stdout)
    values = {(e["key"], e["value"]) for e in doc["evidence"]}
    assert ("config.model_type", "\ufffdodd") in values
    assert ("config.architecture", "\ufffdLM") in values
    assert ("hub.pipeline_tag", "text\ufffd") in values
    assert ("hub.license", "\ufffdmit") in values

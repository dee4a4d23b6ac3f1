"""Odd environments and inputs get a message a person can act on, never an internal error:
full disks, file size limits, unusable names, a bad HF_ENDPOINT or HF_TOKEN, a bad COLUMNS,
binary data where a licence text belongs."""

from __future__ import annotations

import json
import os
import resource
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli_env, run_cli

EXAMPLE = str(ROOT / "examples" / "aurora-tiny-7m")
LUMEN = str(ROOT / "examples" / "lumen-chat-3b")
FULL = Path("/dev/full")


def _run(env: dict[str, str], *args: str, stdout: object = subprocess.PIPE, stdin: bytes | None = None,
         preexec: object = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_cli(env, *args, stdout=stdout, input=stdin, preexec_fn=preexec, cwd=cwd)


def _stderr(res: subprocess.CompletedProcess[bytes]) -> str:
    err = res.stderr.decode()
    assert "internal error" not in err and "Traceback" not in err and "Exception ignored" not in err, err
    return err


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ["assess", EXAMPLE],
    ["assess", EXAMPLE, "-f", "json"],
    ["assess", EXAMPLE, LUMEN, "-f", "json"],
    ["frameworks"],
    ["explain", "OSAID-CODE"],
    ["license", "Apache-2.0"],
    ["version"],
])
def test_a_full_disk_on_stdout_is_a_write_error(tmp_path, args):
    with FULL.open("wb") as full:
        res = _run(cli_env(tmp_path), *args, stdout=full)
    err = _stderr(res)
    assert res.returncode == 2
    assert "cannot write to standard output: No space left on device" in err
    assert "free some space" in err


@pytest.mark.parametrize("args", [["assess", EXAMPLE, "-f", "json"], ["assess", EXAMPLE, LUMEN, "-f", "json"],
                                  ["version"], ["license", "MIT"]])
def test_a_closed_stdout_is_a_write_error(tmp_path, args):
    """``opengauge ... >&-``: Python sets sys.stdout to None."""
    res = _run(cli_env(tmp_path), *args, preexec=lambda: os.close(1))
    err = _stderr(res)
    assert res.returncode == 2
    assert "cannot write to standard output: it is closed" in err and "standard output is closed" in err


@pytest.mark.parametrize("args", [
    ["assess", EXAMPLE, "/no/such/folder", "-f", "json"],  # a batch: one report, one error line
    ["assess", "/no/such/folder", "-f", "json"],
    ["assess", EXAMPLE, "-f", "json", "--output", "OUT"],
    ["license", "/no/such/LICENSE"],
])
def test_a_closed_stderr_loses_the_messages_not_the_output(tmp_path, args):
    """``opengauge ... 2>&-``: Python sets sys.stderr to None, and ``print(file=None)`` writes to
    standard output. The messages must go nowhere (the caller closed their stream), never into
    the report, nor into a file opened later that took descriptor 2; and no internal error."""
    out = tmp_path / "out.json"
    args = [str(out) if a == "OUT" else a for a in args]
    res = _run(cli_env(tmp_path), *args, preexec=lambda: os.close(2))
    assert res.returncode in (0, 3)
    lines = res.stdout.decode().splitlines() if "--output" not in args else [out.read_text()]
    text = "\n".join(lines)
    assert "opengauge:" not in text and "internal error" not in text and "hint:" not in text
    if "-f" in args and "--output" not in args and len(args) > 4:
        assert [sorted(json.loads(x))[0] for x in lines] == ["components", "error"]
    if "--output" in args:
        assert res.returncode == 0 and json.loads(out.read_text())["subject"]["source"] == "local"


def test_a_closed_stdin_is_a_usage_error(tmp_path):
    res = _run(cli_env(tmp_path), "license", "-", preexec=lambda: os.close(0))
    assert res.returncode == 2
    assert "no standard input to read" in _stderr(res)


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, resource.RLIM_INFINITY))


@pytest.mark.parametrize("args", [["assess", EXAMPLE, "-f", "json"],
                                  ["assess", EXAMPLE, EXAMPLE, EXAMPLE, "-f", "json"]])
def test_a_file_size_limit_on_stdout_is_a_write_error_not_a_silent_cut(tmp_path, args):
    """A write larger than the limit is cut short without an error from Python's buffered file;
    the report must not end there with exit code 0."""
    out = tmp_path / "out.json"
    with out.open("wb") as fh:
        res = _run(cli_env(tmp_path), *args, stdout=fh, preexec=_limit_file_size)
    err = _stderr(res)
    assert res.returncode == 2
    assert "cannot write to standard output: File too large" in err and "ulimit -f" in err
    assert out.stat().st_size <= 2048


def test_a_file_size_limit_on_output_leaves_no_file(tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "report.json"
    res = _run(cli_env(tmp_path), "assess", EXAMPLE, "-f", "json", "-o", str(out), preexec=_limit_file_size)
    err = _stderr(res)
    assert res.returncode == 2 and f"cannot write {out}: File too large" in err
    assert list(out.parent.iterdir()) == []  # neither the report nor its temp file


def test_the_output_still_arrives_whole(tmp_path):
    """The writes that check every byte went out still write every byte."""
    res = _run(cli_env(tmp_path), "assess", EXAMPLE, LUMEN, "-f", "json")
    lines = res.stdout.decode().splitlines()
    assert res.returncode == 0 and len(lines) == 2
    assert [json.loads(line)["subject"]["id"] for line in lines] == ["aurora-tiny-7m", "lumen-chat-3b"]


def test_a_name_too_long_for_the_system_is_not_found(tmp_path):
    res = _run(cli_env(tmp_path), "assess", "a" * 300)
    err = _stderr(res)
    assert res.returncode == 3
    assert "cannot look up " + "a" * 100 + "... (300 characters): File name too long" in err


@pytest.mark.parametrize(("endpoint", "why"), [
    ("http://localhost:99999", "Port out of range"),
    ("http://[::1", "Invalid IPv6 URL"),
    ("ftp://mirror.example", "is not an http:// or https:// URL"),
    ("huggingface.co", "is not an http:// or https:// URL"),
])
def test_a_bad_hf_endpoint_is_a_usage_error(tmp_path, endpoint, why):
    res = _run(cli_env(tmp_path, HF_ENDPOINT=endpoint), "assess", "org/name")
    err = _stderr(res)
    assert res.returncode == 2
    assert f"the Hub endpoint {endpoint!r} (HF_ENDPOINT)" in err and why in err
    assert "hint: set HF_ENDPOINT" in err


@pytest.mark.parametrize("token", ["t\u00f6ken", "hf_abc def", "hf_\x07bell"])
def test_a_token_that_cannot_be_sent_is_a_usage_error(tmp_path, token, fake_hub):
    res = _run(cli_env(tmp_path, HF_ENDPOINT=fake_hub.url, HF_TOKEN=token), "assess", "org/name")
    err = _stderr(res)
    assert res.returncode == 2 and "HF_TOKEN holds characters an access token cannot have" in err
    assert token not in err  # (a secret is never echoed)


def test_a_token_read_with_its_newline_still_works(tmp_path, fake_hub):
    """The token is sent without its surrounding whitespace: the private repository opens."""
    fake_hub.add_repo("acme/private", {"README.md": b"# secret\n"}, info={"private": True},
                      tokens=("hf_mine",))
    res = _run(cli_env(tmp_path, HF_ENDPOINT=fake_hub.url, HF_TOKEN=" hf_mine\n"), "assess", "acme/private",
               "-f", "json")
    _stderr(res)
    assert res.returncode == 0
    assert json.loads(res.stdout)["subject"]["id"] == "acme/private"


@pytest.mark.parametrize("columns", ["abc", "-5", "0", "7", "99999999", " 100 "])
def test_an_odd_columns_value_falls_back_to_a_sensible_width(tmp_path, columns):
    res = _run(cli_env(tmp_path, COLUMNS=columns), "assess", EXAMPLE)
    _stderr(res)
    assert res.returncode == 0
    width = max(len(line) for line in res.stdout.decode().splitlines())
    assert width == (100 if columns == " 100 " else 120)


def test_binary_data_is_not_a_licence_text(tmp_path):
    res = _run(cli_env(tmp_path), "license", "-", stdin=b"\x00\xff\xfe binary")
    err = _stderr(res)
    assert res.returncode == 2 and "standard input holds binary data, not a licence text" in err
    weights = str(Path(EXAMPLE) / "model.safetensors")
    res = _run(cli_env(tmp_path), "license", weights)
    assert res.returncode == 2 and f"{weights} holds binary data" in _stderr(res)


def test_licence_text_on_stdin_is_read_as_a_licence_file(tmp_path):
    text = (Path(EXAMPLE) / "LICENSE").read_bytes()
    for data in (text, b"\xef\xbb\xbf" + text, "\ufeff".encode("utf-16-le") + text.decode().encode("utf-16-le")):
        res = _run(cli_env(tmp_path), "license", "-", stdin=data)
        _stderr(res)
        assert res.returncode == 0 and res.stdout.decode().startswith("Licence: Apache-2.0"), data[:4]


@pytest.mark.parametrize("target", ["./no/such/LICENSE", "../LICENSE.txt", "/no/such/terms.md",
                                    "docs/MODEL_LICENSE", "some/dir/COPYING", "~/licences/llama.txt",
                                    "LICENSE", "LICENSE.txt", "license-model.md", "NOTICE"])
def test_a_missing_licence_file_is_not_found_not_a_new_licence(tmp_path, target):
    res = _run(cli_env(tmp_path), "license", target, cwd=tmp_path)  # (a folder without such files)
    err = _stderr(res)
    assert res.returncode == 3 and f"no such file: {target}" in err
    assert b"LicenseRef" not in res.stdout


@pytest.mark.parametrize(("target", "first"), [
    ("Apache-2.0", "Licence: Apache-2.0"),
    ("llama3.1", "Licence: llama3.1"),
    ("https://ai.google.dev/gemma/terms", "Licence: gemma"),
    ("My Custom Licence", "Licence: LicenseRef-My-Custom-Licence"),
    ("GPL/LGPL licence", "Licence: "),
])
def test_ids_names_and_urls_are_still_looked_up(tmp_path, target, first):
    res = _run(cli_env(tmp_path), "license", target)
    _stderr(res)
    assert res.returncode == 0 and res.stdout.decode().startswith(first)

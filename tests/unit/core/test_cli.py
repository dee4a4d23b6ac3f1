"""The command line: formats, batch order, error lines, exit codes, atomic output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from opengauge.cli.main import app
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "aurora-tiny-7m")
LUMEN = str(ROOT / "examples" / "lumen-chat-3b")
runner = CliRunner()


def test_table_output_names_components_and_sources():
    res = runner.invoke(app, ["assess", EXAMPLE])
    assert res.exit_code == 0, res.output
    assert "Model parameters (Final)" in res.stdout
    assert "README.md" in res.stdout


def test_verbose_table_lists_every_fact_with_its_source(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    doc = json.loads(runner.invoke(app, ["assess", EXAMPLE, "-f", "json"]).stdout)
    res = runner.invoke(app, ["assess", EXAMPLE, "-v"])
    assert res.exit_code == 0, res.output
    facts = res.stdout[res.stdout.index(" Facts "):]
    rows = {line.split("\u2502")[1].strip(): line for line in facts.splitlines()
            if line.startswith("\u2502 E")}
    assert set(rows) == {e["id"] for e in doc["evidence"]}
    for e in doc["evidence"]:
        assert f"{e['file']} {e['locator']}" in rows[e["id"]]
    assert f"{len(doc['evidence'])} facts, each pinned to revision {doc['subject']['revision']}" in res.stdout


def test_table_prints_card_text_as_written(tmp_path, monkeypatch):
    """Card text that looks like rich markup or emoji codes is text: "[/x]" made rich fail
    (an internal error for a hostile card), and "[bold]" or ":fire:" would be rendered."""
    monkeypatch.setenv("COLUMNS", "200")
    (tmp_path / "README.md").write_text(
        '---\nlicense: "[/x] [bold]odd :fire:"\nbase_model: "[/] evil"\n---\n# Model\n', encoding="utf-8")
    res = runner.invoke(app, ["assess", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "declared: [/x] [bold]odd :fire:" in res.stdout
    assert "\N{FIRE}" not in res.stdout


def test_error_messages_spell_out_control_characters(tmp_path):
    res = runner.invoke(app, ["assess", str(tmp_path / "no\x1b[2Jsuch")])
    assert res.exit_code == 3
    assert "\x1b" not in res.stderr and "no\\x1b[2Jsuch" in res.stderr


def test_json_output_is_deterministic(validate_report):
    a = runner.invoke(app, ["assess", EXAMPLE, "--format", "json"])
    b = runner.invoke(app, ["assess", EXAMPLE, "--format", "json"])
    assert a.exit_code == 0
    assert a.stdout == b.stdout
    doc = json.loads(a.stdout)
    validate_report(doc)
    assert doc["schema_version"] == "1.0"
    assert doc["subject"]["id"] == "aurora-tiny-7m"


def test_markdown_output():
    res = runner.invoke(app, ["assess", EXAMPLE, "-f", "markdown"])
    assert res.exit_code == 0
    assert res.stdout.startswith("# opengauge report: aurora-tiny-7m")
    assert "## Evidence" in res.stdout


def test_batch_keeps_order_and_reports_failures_inline(tmp_path, validate_batch_error):
    missing = str(tmp_path / "nope")
    res = runner.invoke(app, ["assess", LUMEN, missing, EXAMPLE, "--format", "json"])
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(lines) == 3
    validate_batch_error(lines[1])
    assert lines[0]["subject"]["id"] == "lumen-chat-3b"
    assert lines[1]["target"] == missing and lines[1]["error"]["exit_code"] == 3
    assert lines[2]["subject"]["id"] == "aurora-tiny-7m"
    assert res.exit_code == 3


def test_batch_from_list_with_jobs(tmp_path):
    lst = tmp_path / "targets.txt"
    lst.write_text(f"# comment\n{EXAMPLE}\n{LUMEN}\n{EXAMPLE}\n")
    res = runner.invoke(app, ["assess", "--from-list", str(lst), "--format", "json", "--jobs", "2"])
    assert res.exit_code == 0, res.output
    ids = [json.loads(x)["subject"]["id"] for x in res.stdout.splitlines()]
    assert ids == ["aurora-tiny-7m", "lumen-chat-3b", "aurora-tiny-7m"]


def test_batch_needs_json():
    res = runner.invoke(app, ["assess", EXAMPLE, LUMEN])
    assert res.exit_code == 2
    assert "--format json" in res.stderr


def test_missing_folder_exit_3_with_message_not_traceback(tmp_path):
    res = runner.invoke(app, ["assess", str(tmp_path / "missing")])
    assert res.exit_code == 3
    assert "not found" in res.stderr
    assert "Traceback" not in res.output


def test_unknown_format_is_usage_error():
    res = runner.invoke(app, ["assess", EXAMPLE, "-f", "yaml"])
    assert res.exit_code == 2


def test_non_declaration_file_is_usage_error(tmp_path):
    f = tmp_path / "weights.bin"
    f.write_bytes(b"\0")
    res = runner.invoke(app, ["assess", str(f)])
    assert res.exit_code == 2
    assert "declaration" in res.stderr


def test_output_file_is_written_atomically(tmp_path):
    out = tmp_path / "report.json"
    res = runner.invoke(app, ["assess", EXAMPLE, "-f", "json", "-o", str(out)])
    assert res.exit_code == 0
    assert json.loads(out.read_text())["subject"]["id"] == "aurora-tiny-7m"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_unwritable_output_is_a_clear_error_and_leaves_nothing(tmp_path):
    out = tmp_path / "no-such-dir" / "report.json"
    res = runner.invoke(app, ["assess", EXAMPLE, "-f", "json", "-o", str(out)])
    assert res.exit_code == 2  # the user's to fix: no "internal error", no "report this bug"
    assert "cannot write" in res.stderr and "bug" not in res.stderr
    assert not out.exists()


def test_console_script_help_runs():
    res = subprocess.run([sys.executable, "-m", "opengauge.cli.main", "--help"], capture_output=True,
                         text=True, check=False)
    assert res.returncode == 0
    assert "assess" in res.stdout


def _batch_stderr(stderr_is_tty: bool, argv: list[str] | None = None) -> tuple[str, list[str]]:
    """Run a batch (two targets by default) with stderr on a pseudo-terminal or a pipe;
    (stderr, stdout lines)."""
    import os
    import pty

    ex = str(ROOT / "examples" / "aurora-tiny-7m")
    argv = argv or [sys.executable, "-m", "opengauge.cli.main", "assess", ex, ex, "--format", "json"]
    if not stderr_is_tty:
        res = subprocess.run(argv, capture_output=True, text=True, check=False)
        return res.stderr, res.stdout.splitlines()
    leader, follower = pty.openpty()
    try:
        env = {**os.environ, "TERM": "xterm-256color"}  # CI may have no TERM (a "dumb" terminal)
        proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=follower, text=True, check=False,
                              env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace"), proc.stdout.splitlines()


def test_batch_progress_bar_only_on_a_terminal():
    err, lines = _batch_stderr(stderr_is_tty=True)
    assert "assessing" in err and "2/2" in err
    assert len(lines) == 2
    err, lines = _batch_stderr(stderr_is_tty=False)
    assert err == ""
    assert [json.loads(ln)["subject"]["id"] for ln in lines] == [json.loads(lines[0])["subject"]["id"]] * 2


def test_spinner_prints_the_target_as_written(tmp_path):
    """The spinner on a terminal names the target; "[/x]" in a path is text, not markup."""
    folder = tmp_path / "[" / "x]"
    folder.mkdir(parents=True)
    (folder / "README.md").write_text("---\nlicense: mit\n---\n# Model\n", encoding="utf-8")
    err, lines = _batch_stderr(True, [sys.executable, "-m", "opengauge.cli.main", "assess", str(folder)])
    assert f"reading {tmp_path}" in err and "/[/x]" in err
    assert "Error" not in err
    assert lines[0] == "opengauge: x]"


def test_reader_going_away_stops_quietly_with_141():
    """``opengauge assess ... | head -1``: no "internal error", no traceback, exit 128+SIGPIPE."""
    argv = [sys.executable, "-m", "opengauge.cli.main", "assess", *[EXAMPLE, LUMEN] * 6, "--format",
            "json", "--jobs", "1"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # 12 lines of ~50 KB cannot all sit in the pipe's buffer
    err = proc.stderr.read().decode()
    assert proc.wait() == 141
    assert json.loads(first)["subject"]["id"]
    assert err == ""


def test_batch_writes_to_a_text_only_stdout(monkeypatch):
    """A host that puts a plain text stream on sys.stdout (no .buffer) still gets every line."""
    import io

    from opengauge.cli.main import _batch

    sink = io.StringIO()
    monkeypatch.setattr(sys, "stdout", sink)
    assert _batch([EXAMPLE, LUMEN], None, 1, None) == 0
    from opengauge import api

    assert sink.getvalue() == "".join(api.export_line(api.assess(t)) + "\n" for t in (EXAMPLE, LUMEN))


_CRASHING = """
import os, signal, sys, threading
from opengauge import api
from opengauge.cli import main

real = api.assess


def assess(target, **kw):  # fault injection: these targets hang, or kill the process assessing them
    if target.endswith("hang-me"):
        sys.stderr.write("hanging\\n")
        sys.stderr.flush()
        threading.Event().wait()
    if target.endswith("kill-me"):
        os.kill(os.getpid(), signal.SIGKILL)
    if target.endswith("exit-me"):
        os._exit(70)
    return real(target, **kw)


api.assess = assess
main.run(sys.argv[1:])
"""


# an observer in front of the fault-injection script: how many threads run when a worker is forked
_COUNT_THREADS_AT_FORK = """
import os, threading
from opengauge.cli import batch

real_init = batch._Worker.__init__


def init(self, *args, **kw):
    with open(os.environ["THREAD_LOG"], "a") as fh:
        fh.write(f"{threading.active_count()}\\n")
    real_init(self, *args, **kw)


batch._Worker.__init__ = init
""" + _CRASHING


def test_workers_are_forked_while_no_other_thread_runs(tmp_path, monkeypatch):
    """The progress bar is drawn from the main thread: a fork must not copy a lock that a
    drawing thread holds (a worker forked after a crash comes mid-batch, bar on screen)."""
    log = tmp_path / "threads.txt"
    monkeypatch.setenv("THREAD_LOG", str(log))
    targets = [EXAMPLE] * 6 + [str(tmp_path / "kill-me")] + [EXAMPLE] * 6
    err, lines = _batch_stderr(True, [sys.executable, "-c", _COUNT_THREADS_AT_FORK, "assess",
                                      *targets, "--format", "json", "--jobs", "2"])
    assert "assessing" in err and "13/13" in err
    assert len(lines) == 13 and "error" in json.loads(lines[6])
    counts = log.read_text().split()
    assert len(counts) == 3  # two workers, and one more after the crash
    assert set(counts) == {"1"}


def _run_injected(tmp_path, targets, *options):
    lst = tmp_path / "targets.txt"
    lst.write_text("\n".join(targets) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-c", _CRASHING, "assess", "--from-list", str(lst),
                           "--format", "json", "--output", str(out), *options],
                          capture_output=True, text=True, timeout=600)
    lines = [json.loads(x) for x in out.read_text().splitlines()] if out.exists() else []
    return proc, lines


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_survives_a_worker_that_dies(tmp_path, jobs, validate_batch_error):
    """A worker killed mid-batch (a native crash, the out-of-memory killer) costs its own
    target only: that target gets an error line, every other target its report, in order."""
    targets = [EXAMPLE, LUMEN] * 12
    targets[5] = str(tmp_path / "kill-me")
    targets[17] = str(tmp_path / "exit-me")
    proc, lines = _run_injected(tmp_path, targets, "--jobs", jobs)
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "22 of 24 assessed; 2 failed" in proc.stderr
    assert len(lines) == len(targets)
    for i, (target, line) in enumerate(zip(targets, lines, strict=True)):
        if i in (5, 17):
            validate_batch_error(line)
            assert line["target"] == target
            assert line["error"]["exit_code"] == 4
            assert line["error"]["type"] == "internal error"
        else:
            assert line["subject"]["id"] == target.rsplit("/", 1)[-1], i
    assert "killed by SIGKILL" in lines[5]["error"]["message"]
    assert "exited with code 70" in lines[17]["error"]["message"]
    assert "other targets were assessed" in lines[5]["error"]["hint"]


def test_batch_stops_a_target_past_the_time_limit(tmp_path, validate_batch_error):
    """--timeout: a target that hangs is stopped and gets a "timed out" line; the targets
    queued behind it in the same worker are assessed by the next one."""
    targets = [EXAMPLE, str(tmp_path / "hang-me"), LUMEN, EXAMPLE]
    proc, lines = _run_injected(tmp_path, targets, "--jobs", "1", "--timeout", "3")
    assert proc.returncode == 3, proc.stderr
    assert "3 of 4 assessed; 1 failed" in proc.stderr
    assert [line.get("subject", {}).get("id") for line in lines] == [
        "aurora-tiny-7m", None, "lumen-chat-3b", "aurora-tiny-7m"]
    validate_batch_error(lines[1])
    err = lines[1]["error"]
    assert lines[1]["target"] == targets[1]
    assert (err["type"], err["exit_code"]) == ("timed out", 3)
    assert "time limit (3 s)" in err["message"] and "--timeout" in err["hint"]


def test_timeout_is_for_batches():
    res = runner.invoke(app, ["assess", EXAMPLE, "--timeout", "5"])
    assert res.exit_code == 2
    assert "--timeout applies to batches" in res.stderr


def test_interrupted_batch_stops_its_workers_quietly(tmp_path):
    """Ctrl-C reaches the whole process group: exit 130, no traceback from any worker, and
    the workers (one of them stuck) are gone."""
    import os
    import signal

    argv = [sys.executable, "-c", _CRASHING, "assess", EXAMPLE, str(tmp_path / "hang-me"),
            *[EXAMPLE] * 6, "--format", "json", "--jobs", "2"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    assert proc.stdout is not None
    assert json.loads(proc.stdout.readline())["subject"]["id"] == "aurora-tiny-7m"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 130
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    # the lines before the stuck target were written, and the message says how far it got
    assert b"opengauge: interrupted after 1 of 8 targets; the JSON lines above are complete" in err
    try:  # the batch joins its workers before it exits: nothing is left in its process group
        os.killpg(proc.pid, 0)
        left = True
    except ProcessLookupError:
        left = False
    assert not left


def _interrupt_when_stuck(argv: list[str]) -> tuple[int, bytes]:
    """Run the fault-injection script, send Ctrl-C to its process group once a target hangs."""
    import os
    import signal

    proc = subprocess.Popen([sys.executable, "-c", _CRASHING, *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    assert proc.stderr is not None
    assert proc.stderr.readline() == b"hanging\n"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=600)
    return proc.returncode, err


def test_interrupted_batch_to_a_file_leaves_no_file(tmp_path):
    """--output is all or nothing: Ctrl-C leaves no file (and no temporary one) and says so."""
    out = tmp_path / "out.jsonl"
    code, err = _interrupt_when_stuck(["assess", str(tmp_path / "hang-me"), EXAMPLE, "--format", "json",
                                       "--jobs", "1", "--output", str(out)])
    assert code == 130
    assert f"interrupted after 0 of 2 targets; nothing was written to {out}".encode() in err
    assert sorted(tmp_path.iterdir()) == []


def test_interrupted_single_assessment_says_so(tmp_path):
    code, err = _interrupt_when_stuck(["assess", str(tmp_path / "hang-me"), "--format", "json"])
    assert code == 130
    assert err.endswith(b"opengauge: interrupted\n")
    assert b"Traceback" not in err


def test_default_workers_follow_the_cores_this_process_may_use(monkeypatch):
    """One worker per usable core: an affinity mask or CPU set of one core means one."""
    import os

    from opengauge.cli.main import _usable_cores

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert _usable_cores() == 1
    monkeypatch.delattr(os, "sched_getaffinity")
    assert _usable_cores() == 64


def test_batch_error_schema_names_every_error_type_and_exit_code():
    """The schema's enums are exactly what the error table and the batch can produce."""
    from importlib import resources

    from opengauge.cli.errors import ERROR_TABLE, EXIT_INTERNAL

    text = resources.files("opengauge.exporters").joinpath("schemas/batch-error-1.json").read_text("utf-8")
    props = json.loads(text)["properties"]["error"]["properties"]
    assert set(props["type"]["enum"]) == {label for _, label, _ in ERROR_TABLE} | {
        "internal error", "timed out"}
    assert set(props["exit_code"]["enum"]) == {code for _, _, code in ERROR_TABLE} | {EXIT_INTERNAL}


def test_progress_clock_moves_while_a_target_runs(tmp_path):
    """On a terminal the bar is redrawn while the batch waits, not only when a report comes:
    during a target stopped after 2 s the elapsed time shows 0:00:01."""
    targets = [EXAMPLE, str(tmp_path / "hang-me"), EXAMPLE]
    err, lines = _batch_stderr(True, [sys.executable, "-c", _CRASHING, "assess", *targets,
                                      "--format", "json", "--jobs", "1", "--timeout", "2"])
    assert "0:00:01" in err
    assert "3/3" in err
    assert [json.loads(ln).get("error", {}).get("type") for ln in lines] == [None, "timed out", None]


def test_timeout_takes_a_number_and_inf_means_no_limit():
    res = runner.invoke(app, ["assess", EXAMPLE, EXAMPLE, "-f", "json", "--timeout", "nan"])
    assert res.exit_code == 2 and "--timeout takes a number of seconds" in res.stderr
    for value in ("inf", "1e300"):  # no OverflowError from the wait for the workers
        res = runner.invoke(app, ["assess", EXAMPLE, EXAMPLE, "-f", "json", "--timeout", value])
        assert res.exit_code == 0, res.stderr
        assert len(res.stdout.splitlines()) == 2


def test_batch_that_cannot_start_a_worker_says_so(monkeypatch):
    """A fork refused by the system (a process limit) is a message about --jobs, not a crash."""
    import errno
    import multiprocessing.process

    def refuse(self):
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    res = runner.invoke(app, ["assess", EXAMPLE, LUMEN, "--format", "json"])
    assert res.exit_code == 4
    assert "cannot start a worker process: Resource temporarily unavailable" in res.stderr
    assert "fewer --jobs" in res.stderr and "Traceback" not in res.stderr
    assert res.stdout == ""


def test_output_keeps_links_pipes_and_modes(tmp_path):
    import os
    import stat
    import threading

    # a symlink stays a link; the file it points to gets the report
    (tmp_path / "real").mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "real" / "r.json")
    assert runner.invoke(app, ["assess", EXAMPLE, "-f", "json", "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and json.loads((tmp_path / "real" / "r.json").read_text())["subject"]
    # a replaced file keeps its mode; a new one gets 0666 less the umask (not the temp file's 0600)
    old = tmp_path / "old.json"
    old.write_text("x")
    old.chmod(0o640)
    runner.invoke(app, ["assess", EXAMPLE, "-f", "json", "-o", str(old)])
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    umask = os.umask(0o022)
    try:
        runner.invoke(app, ["assess", EXAMPLE, "-f", "json", "-o", str(tmp_path / "new.json")])
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644
    # a FIFO is written into, not replaced by a file
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert runner.invoke(app, ["assess", EXAMPLE, "-f", "json", "-o", str(fifo)]).exit_code == 0
    reader.join(10)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and json.loads(got[0])["subject"]


def test_output_that_would_overwrite_an_input_is_refused(tmp_path):
    import shutil

    folder = tmp_path / "m"
    shutil.copytree(EXAMPLE, folder)
    card = (folder / "README.md").read_bytes()
    res = runner.invoke(app, ["assess", str(folder), "-f", "json", "-o", str(folder / "README.md")])
    assert res.exit_code == 2 and "would overwrite" in res.output
    assert (folder / "README.md").read_bytes() == card
    listing = tmp_path / "list.txt"
    listing.write_text(f"{folder}\n")
    res = runner.invoke(app, ["assess", "--from-list", str(listing), "-f", "json", "-o", str(listing)])
    assert res.exit_code == 2 and listing.read_text() == f"{folder}\n"
    # a new file in the assessed folder is fine
    res = runner.invoke(app, ["assess", str(folder), "-f", "json", "-o", str(folder / "report.json")])
    assert res.exit_code == 0 and (folder / "report.json").is_file()


def test_empty_target_and_bad_list_files_are_usage_errors(tmp_path):
    res = runner.invoke(app, ["assess", "", "-f", "json"])
    assert res.exit_code == 2 and "a target is empty" in res.output
    bad = tmp_path / "bad.txt"
    bad.write_bytes(EXAMPLE.encode() + b"\n\xff\xfe/x\n")
    res = runner.invoke(app, ["assess", "--from-list", str(bad), "-f", "json"])
    assert res.exit_code == 2 and "not UTF-8 text (line 2)" in res.output
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n\n")
    res = runner.invoke(app, ["assess", "--from-list", str(empty), "-f", "json"])
    assert res.exit_code == 2 and "lists no targets" in res.output

"""``opengauge`` command line. Heavy modules are imported inside commands to keep --help fast."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TextIO

import typer

from opengauge.cli.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, classify, describe

app = typer.Typer(
    name="opengauge",
    help="How open is this AI model, really? Evidence-backed openness, licence and lineage checks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FORMATS = ("table", "json", "markdown")


EXIT_BROKEN_PIPE = 141
"""What a shell reports for a process ended by SIGPIPE (128 + 13): the reader went away."""


def _fail(exc: BaseException) -> typer.Exit:
    if isinstance(exc, BrokenPipeError):
        # The reader closed the pipe (``| head``): stop quietly, as Unix tools do.
        _quiet_stdout()
        return typer.Exit(EXIT_BROKEN_PIPE)
    label, code = classify(exc)
    if os.environ.get("OPENGAUGE_DEBUG"):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    from opengauge.visible import visible

    print(f"opengauge: {visible(describe(exc))}", file=sys.stderr)
    return typer.Exit(code)


@contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A file that appears all-or-nothing: written to a temp file in the same folder, renamed
    over ``path`` when the block ends, removed if the block raises. Takes bytes.

    - A symlink stays a link: the file it points to is the one replaced.
    - A device, FIFO or socket (``/dev/null``, ``>(...)``) is written in place: renaming over
      it would destroy it (as root, ``-o /dev/null`` replaced the device with a file).
    - The new file gets the mode of the file it replaces, or ``0666`` less the umask, as a file
      created by the shell would (not the temp file's ``0600``).
    """
    import stat
    import tempfile

    from opengauge.errors import OutputUnwritable

    def unwritable(e: OSError) -> OutputUnwritable:
        return OutputUnwritable(f"cannot write {path}: {e.strerror or e}",
                                hint=_write_hint(e, "check that the folder exists and is writable"))

    path = Path(path)
    try:
        st: os.stat_result | None = os.stat(path)  # (follows a symlink)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise unwritable(e) from e
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputUnwritable(f"cannot write {path}: it is a folder", hint="give a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            with open(path, "wb") as fh:  # noqa: PTH123 - a device or pipe, written in place
                yield fh
        except OSError as e:
            raise unwritable(e) from e
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp: str | None = None
    try:
        directory = target.parent if str(target.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            with suppress(OSError):  # (a file system without modes)
                os.fchmod(fh.fileno(), mode)
            yield fh
        os.replace(tmp, target)
    except BaseException as e:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise unwritable(e) from e
        raise


def _write_hint(e: OSError, default: str) -> str:
    """What to do about a failed write."""
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "free some space (or raise the quota) where the output goes, then run it again"
    if e.errno == errno.EFBIG:
        return "the file size limit is smaller than the report: raise it (ulimit -f) or write elsewhere"
    return default


def write_all(fh: BinaryIO, data: bytes) -> None:
    """Write all of ``data`` or raise. A buffered file returns a short count, without an error,
    when the system writes only part of a large write (a file size limit reached): the rest is
    written again here, which raises the system's error (``File too large``)."""
    view = memoryview(data)
    while view:
        n = fh.write(view)
        if n is None or n <= 0:  # (a non-blocking file that cannot take more now)
            raise OSError(errno.EAGAIN, "the output cannot take more data now")
        view = view[n:]


def write_atomic(path: Path, text: str) -> None:
    """Write a file all-or-nothing (temp file in the same folder, then rename)."""
    with atomic_writer(path) as fh:
        write_all(fh, text.encode("utf-8"))


@app.command()
def assess(
    targets: Annotated[list[str] | None, typer.Argument(
        help="Local model folder(s), declaration file(s) (.yml/.json), or Hub id(s) org/name[@rev].")] = None,
    revision: Annotated[str | None, typer.Option("--revision", "-r", help="Revision (commit, branch or tag).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | markdown")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    from_list: Annotated[Path | None, typer.Option("--from-list", help="File with one target per line.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Parallel workers for batch mode (0: one per core for 16+ targets).")] = 0,
    timeout: Annotated[float, typer.Option("--timeout", min=0,
                                           help="Batch mode: stop a target after this many seconds "
                                                "and give it an error line (0: no limit).")] = 0,
    verbose: Annotated[bool, typer.Option("--verbose", "--criteria", "-v",
                                          help="Show every framework criterion with status, confidence and evidence, "
                                               "and every fact with where it came from.")] = False,
) -> None:
    """Assess one model, or many (batch: one JSON line per target, in order)."""
    if fmt not in FORMATS:
        print(f"opengauge: usage error: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}",
              file=sys.stderr)
        raise typer.Exit(EXIT_USAGE)
    all_targets = list(targets or [])
    if any(not t.strip() for t in all_targets):
        # (an unset shell variable, "$MODEL": never the current folder by accident)
        print("opengauge: usage error: a target is empty; give a folder, a declaration file or "
              "a Hub id (org/name)", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE)
    if from_list is not None:
        try:
            lines = from_list.read_text(encoding="utf-8").splitlines()
        except OSError as e:
            print(f"opengauge: usage error: cannot read {from_list}: {e.strerror or e}", file=sys.stderr)
            raise typer.Exit(EXIT_USAGE) from e
        except UnicodeDecodeError as e:
            line = from_list.read_bytes()[: e.start].count(b"\n") + 1
            print(f"opengauge: usage error: {from_list} is not UTF-8 text (line {line}); it "
                  "should hold one target per line", file=sys.stderr)
            raise typer.Exit(EXIT_USAGE) from e
        listed = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
        if not listed and not all_targets:
            print(f"opengauge: usage error: {from_list} lists no targets (blank lines and lines "
                  "starting with # are skipped)", file=sys.stderr)
            raise typer.Exit(EXIT_USAGE)
        all_targets += listed
    if not all_targets:
        print("opengauge: usage error: give at least one target (or --from-list FILE)", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE)
    if output is not None and (clash := _output_clash(output, all_targets, from_list)):
        print(f"opengauge: usage error: --output {output} would overwrite {clash}, an input of "
              "this run; write the report elsewhere", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE)
    if timeout != timeout:  # NaN
        print("opengauge: usage error: --timeout takes a number of seconds (0: no limit)", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE)
    if timeout == float("inf"):
        timeout = 0
    if len(all_targets) > 1 or from_list is not None:
        if fmt != "json":
            print("opengauge: usage error: several targets need --format json (one JSON line each)",
                  file=sys.stderr)
            raise typer.Exit(EXIT_USAGE)
        if jobs == 0:
            jobs = min(_usable_cores(), 8) if len(all_targets) >= 16 else 1
        raise typer.Exit(_batch(all_targets, revision, jobs, output, timeout or None))
    if timeout:
        print("opengauge: usage error: --timeout applies to batches (several targets, or --from-list)",
              file=sys.stderr)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(_single(all_targets[0], revision, fmt, output, verbose))


def _output_clash(output: Path, targets: list[str], from_list: Path | None) -> str | None:
    """The input that ``output`` would overwrite: the list file, a target file, or a file that
    exists inside a target folder (its model card...); None when it touches no input (a new
    file in the assessed folder, ``assess . -o report.json``, is fine)."""
    try:
        out = Path(os.path.realpath(output))
        inputs = [Path(os.path.realpath(from_list))] if from_list is not None else []
        for t in targets:
            if os.path.lexists(t):
                inputs.append(Path(os.path.realpath(t)))
    except (OSError, ValueError):
        return None
    for inp in inputs:
        if out == inp:
            return str(inp)
        if inp in out.parents and out.exists():
            return str(out)
    return None


def _usable_cores() -> int:
    """The cores this process may run on (a CPU set or affinity mask can allow fewer than the
    machine has)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        with suppress(OSError):
            return max(1, len(affinity(0)))
    return os.cpu_count() or 1


def _single(target: str, revision: str | None, fmt: str, output: Path | None, verbose: bool) -> int:
    from opengauge import api
    from opengauge.cli.entry import resume as resume_collector
    from opengauge.errors import OpengaugeError

    try:
        status = None
        if fmt == "table" and sys.stderr.isatty():
            from rich.console import Console
            from rich.text import Text

            from opengauge.visible import visible

            # as Text: the target and the progress messages are the user's and the Hub's words,
            # and a str would be read as markup ("[/x]" fails)
            status = Console(stderr=True).status(Text(visible(f"reading {target} ...")))
            status.start()

        def progress(msg: str) -> None:
            if status is not None:
                status.update(Text(visible(msg)))

        try:
            api.preload()
            resume_collector()  # (the console script pauses it for the start: see cli.entry)
            report = api.assess(target, revision=revision, progress=progress)
        finally:
            if status is not None:
                status.stop()
        text = api.export(report, fmt, api.RenderContext(verbose=verbose))
        if output is not None:
            write_atomic(output, text)
        else:
            _emit(text)
    except OpengaugeError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt:
        print("opengauge: interrupted" + ("" if output is None else f"; nothing was written to {output}"),
              file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def _devnull_on(fd: int) -> None:
    """Put /dev/null on descriptor ``fd`` (closing what was there); never raises."""
    with suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:  # (the lowest free number: ``fd`` itself when it was closed)
            os.dup2(null, fd)
            os.close(null)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's final flush of what could not be
    written does not fail a second time."""
    if sys.stdout is None:  # (closed: nothing is buffered)
        return
    with suppress(OSError, ValueError):
        _devnull_on(sys.stdout.fileno())


def _open_stdout() -> TextIO:
    """``sys.stdout``; an OSError when it is closed (``opengauge ... >&-``: Python sets it to None)."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, "it is closed")
    return sys.stdout


def _write_stdout(text: str) -> None:
    """Write ``text`` to standard output, all of it or an error (see :func:`write_all`)."""
    _open_stdout().flush()
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a text-only stdout (embedding)
        sys.stdout.write(text)
    else:
        write_all(out, text.encode("utf-8"))
        out.flush()


def _emit(text: str) -> None:
    """Write a command's output to standard output; a failure is an OutputUnwritable."""
    with _stdout_errors():
        _write_stdout(text)


@contextmanager
def _stdout_errors() -> Iterator[None]:
    """A failed write to standard output (disk full, file size limit) as OutputUnwritable; a
    closed pipe stays a BrokenPipeError (a quiet stop)."""
    from opengauge.errors import OutputUnwritable

    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as e:
        _quiet_stdout()
        if e.errno == errno.EBADF:
            hint = "standard output is closed: let it go to a file or a pipe, or use --output FILE"
        else:
            hint = "what was written is incomplete; " + _write_hint(
                e, "check where standard output goes, or use --output FILE")
        raise OutputUnwritable(f"cannot write to standard output: {e.strerror or e}", hint=hint) from e


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold SIGINT back for the block: Ctrl-C takes effect when it ends (POSIX main thread)."""
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _batch(targets: list[str], revision: str | None, jobs: int, output: Path | None,
           timeout: float | None = None) -> int:
    """Assess many targets; one JSON line each, in the order given, written as they arrive."""
    codes: list[int] = []
    try:
        with ExitStack() as stack:
            out: BinaryIO | None = None
            if output is not None:
                out = stack.enter_context(atomic_writer(output))
            else:
                stack.enter_context(_stdout_errors())
                _open_stdout().flush()
                out = getattr(sys.stdout, "buffer", None)  # None: a text-only stdout (embedding)
            for line, code in _batch_results(targets, revision, jobs, timeout, stack):
                with _ctrl_c_held():  # a line is written whole and counted, or not at all
                    if out is not None:
                        write_all(out, line + b"\n")
                    else:
                        sys.stdout.write(line.decode("utf-8") + "\n")
                    codes.append(code)
            (out or sys.stdout).flush()
    except KeyboardInterrupt:
        kept = (f"nothing was written to {output}" if output is not None
                else "the JSON lines above are complete")
        print(f"opengauge: interrupted after {len(codes)} of {len(targets)} targets; {kept}",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - mapped through the error table
        raise _fail(exc) from None
    failed = [code for code in codes if code != EXIT_OK]
    if failed:
        print(f"opengauge: {len(codes) - len(failed)} of {len(codes)} assessed; {len(failed)} failed "
              "(see their JSON lines)", file=sys.stderr)
    return max(failed) if failed else EXIT_OK


def _batch_results(targets: list[str], revision: str | None, jobs: int, timeout: float | None,
                   stack: ExitStack) -> Iterator[tuple[bytes, int]]:
    """(JSON line, exit code) per target, in order, with a progress bar on a terminal."""
    from opengauge.cli import batch

    # Always in worker processes, even one: a target that crashes or exhausts its process
    # then costs only its own line (the fork and the pipe cost about what one report does).
    workers: list[Any] = []
    # on an error (say, the output disk is full) or Ctrl-C, stop the workers at once
    stack.callback(batch.stop_all, workers)
    if not sys.stderr.isatty():  # no progress bar, and no need to import rich for one
        yield from batch.results(targets, revision, jobs, timeout, workers)
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # Drawn from this thread (no auto-refresh thread): the workers are forked, some of them
    # mid-batch, and a fork must not copy a lock that another thread holds.
    bar = stack.enter_context(Progress(TextColumn("assessing"), BarColumn(), MofNCompleteColumn(),
                                       TimeElapsedColumn(), console=Console(stderr=True),
                                       transient=True, auto_refresh=False))
    task = bar.add_task("assess", total=len(targets))
    drawn = 0.0

    def redraw(force: bool = False) -> None:
        nonlocal drawn
        if force or time.monotonic() - drawn >= 0.1:
            bar.refresh()
            drawn = time.monotonic()

    # redrawn as reports come in, and while a long target runs (the clock keeps moving)
    for done, res in enumerate(batch.results(targets, revision, jobs, timeout, workers, tick=redraw),
                               start=1):
        yield res
        bar.advance(task)
        redraw(force=done == len(targets))


@app.command("license")
def license_cmd(
    target: Annotated[str, typer.Argument(
        help="A licence file, a model folder (its licence files), a licence id/name/URL, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
) -> None:
    """Explain a licence: id, kind, flags, every restriction with its quote and line."""
    import json
    from dataclasses import asdict

    from opengauge import api
    from opengauge.errors import OpengaugeError

    if fmt not in ("text", "json"):
        print(f"opengauge: usage error: unknown format {fmt!r}; choose text or json", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE)
    try:
        explanations = api.explain_license(target, stdin=sys.stdin)
    except OpengaugeError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        docs = [asdict(e) for e in explanations]
        _emit(json.dumps(docs if len(docs) > 1 else docs[0], indent=2, sort_keys=True,
                         default=str) + "\n")
    else:
        from opengauge.licenses.explain import render_explanation_text
        from opengauge.visible import visible

        _emit(visible("\n".join(render_explanation_text(e) for e in explanations)))
    raise typer.Exit(EXIT_OK)


@app.command("frameworks")
def frameworks_cmd() -> None:
    """List the built-in frameworks, their versions and criteria counts."""
    from opengauge import api
    from opengauge.errors import OpengaugeError

    try:
        rows = api.list_frameworks()
    except OpengaugeError as exc:
        raise _fail(exc) from None
    width = max(len(r[0]) for r in rows)
    _emit("".join(f"{fid:<{width}}  {ver:<8}  {n:>3} criteria  {title}\n" for fid, ver, title, n in rows))


@app.command("explain")
def explain_cmd(
    criterion: Annotated[str, typer.Argument(
        help="A criterion id, e.g. OSAID-CODE (see `opengauge frameworks`), or a finding id, "
             "e.g. OG-LIC-001 (see docs/findings.md).")],
) -> None:
    """Print a criterion's documentation (what it checks, why, examples, limitations,
    references) or a finding's (what it means, what to do)."""
    from opengauge import api
    from opengauge.errors import OpengaugeError

    try:
        text = api.explain(criterion)
    except KeyError:
        if api.is_finding_id(criterion):
            print(f"opengauge: usage error: unknown finding id {criterion!r}; "
                  "see docs/findings.md", file=sys.stderr)
        else:
            print(f"opengauge: usage error: unknown criterion {criterion!r}; "
                  "run `opengauge frameworks` and see docs/criteria/", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from None
    except OpengaugeError as exc:
        raise _fail(exc) from None
    _emit(text if text.endswith("\n") else text + "\n")


@app.command()
def version() -> None:
    """Print the version, and whether the core is compiled (a wheel) or interpreted."""
    from opengauge import __version__, compiled

    kind = "compiled with mypyc" if compiled() else "interpreted"
    _emit(f"opengauge {__version__} (core {kind})\n")


def _hold_closed_std_fds() -> None:
    """Give a closed standard stream (``2>&-``, ``>&-``, ``<&-``) /dev/null to hold its number.

    Otherwise the first file opened later takes that number, and what was meant for the closed
    stream would land in it. A closed standard error then discards opengauge's messages (the
    caller's choice), where ``print(file=None)`` would have sent them to standard output, into the
    report; closed standard input and output stay ``None``, so that reading or writing them is
    still the clear error it was.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            _devnull_on(fd)
    if sys.stderr is None:
        with suppress(OSError):
            sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace",  # noqa: SIM115
                              closefd=False)


def run(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    _hold_closed_std_fds()
    try:
        try:
            return app(args=argv, standalone_mode=True)
        finally:
            # what is still buffered is written now, where a failure gets a message (at exit,
            # Python would only print "Exception ignored")
            if sys.stdout is not None:  # (closed: a command that wrote has said so)
                with _stdout_errors():
                    sys.stdout.flush()
    except KeyboardInterrupt:
        print("opengauge: interrupted", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - last line of defence: message, not traceback
        raise SystemExit(_fail(exc).exit_code) from None


if __name__ == "__main__":  # pragma: no cover
    run()

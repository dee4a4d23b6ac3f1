"""Batch assessment: one JSON line per target, in the order given, from worker processes.

Each worker is a forked process that takes one target at a time over a pipe and answers with
that target's JSON line. The parent hands out targets, keeps the answers in order, and knows at
every moment which target each worker is on. So:

- a worker that dies (a crash in a native library, the out-of-memory killer) costs the target it
  was on and nothing else: that target gets an error line saying how the process ended, the
  targets queued behind it go to a fresh worker;
- with a time limit, a worker still on one target when the limit passes is killed the same way,
  and that target gets a "timed out" error line.

Nothing here reads model content; the workers call :func:`opengauge.api.assess`.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Any

from opengauge.cli.errors import EXIT_INTERNAL, EXIT_OK, EXIT_SOURCE, classify
from opengauge.errors import OpengaugeError

DEPTH = 2
"""Targets a worker holds at once (the one it is on and the next), so that it never waits for
the parent between two targets."""
TICK = 0.25
"""Seconds between calls of a ``tick`` callback while the batch waits."""
WINDOW = 256
"""At most this many answers wait, out of order, behind an unfinished target (bounded memory)."""
FREEZE_FIRST = 32
"""A worker freezes what it keeps (``gc.freeze``) after each of its first this many targets."""


def error_line(target: str, label: str, code: int, message: str, hint: str = "") -> bytes:
    """A batch target's JSON line when it has no report (schemas/batch-error-1.json)."""
    err: dict[str, object] = {"message": message, "type": label, "exit_code": code}
    if hint:
        err["hint"] = hint
    return json.dumps({"target": target, "error": err}, sort_keys=True).encode("ascii")


def assess_one(target: str, revision: str | None) -> tuple[bytes, int]:
    """One target's JSON line, as UTF-8 bytes, and its exit code; never raises."""
    from opengauge import api

    try:
        report = api.assess(target, revision=revision)
        return api.export_line_bytes(report), EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a batch target's failure must not stop the others
        label, code = classify(exc)
        return error_line(target, label, code, str(exc) or exc.__class__.__name__,
                          getattr(exc, "hint", "")), code


def crash_line(target: str, exitcode: int | None) -> bytes:
    """The error line of a target whose process ended before it gave a result."""
    if exitcode is not None and exitcode < 0:
        import signal

        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"was killed by {name}"
        if name == "SIGKILL":
            how += " (often the system's out-of-memory killer)"
    else:
        how = f"exited with code {exitcode}"
    return error_line(
        target, "internal error", EXIT_INTERNAL,
        f"the process assessing this target {how} before it gave a result",
        "the other targets were assessed; run this target alone to reproduce it, "
        "and report it as a bug in opengauge")


def timeout_line(target: str, seconds: float) -> bytes:
    """The error line of a target stopped by the batch's time limit."""
    return error_line(
        target, "timed out", EXIT_SOURCE,
        f"the assessment took longer than the time limit ({seconds:g} s) and was stopped",
        "a slow network or a slow disk can cause this; run it again with a larger --timeout, "
        "or alone")


def _worker_main(conn: Any, others: list[Any], revision: str | None) -> None:
    """A worker's loop: a target in (UTF-8), its exit code byte and JSON line out; an empty
    message or a closed pipe ends it."""
    import multiprocessing
    import os
    import signal
    import threading
    from multiprocessing.connection import wait

    # Ctrl-C reaches the whole process group; the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for other in others:
        other.close()
    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        # should the parent be killed, end too, even in the middle of a target
        def orphaned(sentinel: int) -> None:
            wait([sentinel])
            os._exit(1)

        threading.Thread(target=orphaned, args=(parent.sentinel,), daemon=True).start()
    import gc

    served = 0
    while True:
        try:
            msg = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not msg:
            return
        line, code = assess_one(msg.decode("utf-8", "surrogatepass"), revision)
        conn.send_bytes(bytes((code,)) + line)
        served += 1
        if served <= FREEZE_FIRST:
            # A worker's first targets fill the caches it keeps (the licence references' hash
            # sets, worked out on first use: 270 sets, 136,000 numbers over the corpus).
            # Frozen, they are no longer walked by every collection: 39 M fewer instructions
            # over a first pass of the corpus, 0.5 M fewer per snapshot after it (valgrind).
            # A target leaves no reference cycles behind (a test checks this on the corpus);
            # were one to, the cap bounds what is frozen with them.
            gc.freeze()


class _Worker:
    __slots__ = ("conn", "proc", "queue", "since")

    def __init__(self, ctx: Any, revision: str | None, others: list[Any]) -> None:
        parent, child = ctx.Pipe(duplex=True)
        # the worker closes the parent's ends (its own and the other workers'), which fork
        # handed it, so that it sees the end of its pipe when the parent dies
        self.proc = ctx.Process(target=_worker_main, args=(child, [*others, parent], revision),
                                daemon=True)
        try:
            self.proc.start()
        except OSError as exc:  # a process limit, no memory left for the fork
            parent.close()
            child.close()
            raise OpengaugeError(
                f"cannot start a worker process: {exc.strerror or exc}",
                hint="the system limits processes or memory: run the batch with fewer --jobs "
                "(--jobs 1 needs a single worker)") from exc
        child.close()
        self.conn = parent
        self.queue: deque[int] = deque()  # indices sent and not answered, oldest first
        self.since = 0.0  # when the oldest of them started (its answer's predecessor came back)

    def stop(self, kill: bool) -> int | None:
        """End the process (politely unless ``kill``); its exit code."""
        if kill:
            self.proc.kill()
        else:
            with suppress(OSError):
                self.conn.send_bytes(b"")
        self.proc.join()
        self.conn.close()
        code: int | None = self.proc.exitcode
        return code


def results(targets: list[str], revision: str | None, jobs: int, timeout: float | None,
            workers: list[Any], tick: Callable[[], None] | None = None) -> Iterator[tuple[bytes, int]]:
    """(JSON line, exit code) per target, in order, from ``jobs`` worker processes.

    ``workers`` is filled with the live workers so that the caller can stop them if the
    iteration is abandoned (an error while writing, Ctrl-C): see :func:`stop_all`. ``tick``,
    if given, is called at least every quarter second while the batch waits (to redraw a
    progress bar's clock during a long target).
    """
    import gc
    import multiprocessing
    import time
    from multiprocessing.connection import wait

    from opengauge import api
    from opengauge.cli.entry import resume as resume_collector

    # Load the bundled tables once, then fork: the workers inherit them instead of each
    # paying the cold start. gc.freeze keeps the collector from touching (and so copying)
    # the inherited pages. Where fork is not available the workers load lazily.
    api.preload()
    gc.freeze()
    resume_collector()  # (the console script pauses it for the start: see cli.entry)
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)

    def spawn() -> _Worker:
        w = _Worker(ctx, revision, [x.conn for x in workers])
        workers.append(w)
        return w

    def retire(w: _Worker, kill: bool) -> int | None:
        workers.remove(w)
        for index in reversed(list(w.queue)[1:]):  # queued behind the lost target: first again
            todo.appendleft(index)
        return w.stop(kill)

    todo: deque[int] = deque(range(len(targets)))
    done: dict[int, tuple[bytes, int]] = {}
    emitted = 0
    for _ in range(min(jobs, len(targets))):
        spawn()
    while emitted < len(targets):
        for w in list(workers):
            while len(w.queue) < DEPTH and todo and todo[0] < emitted + WINDOW:
                index = todo.popleft()
                if not w.queue:
                    w.since = time.monotonic()
                w.queue.append(index)
                try:
                    w.conn.send_bytes(targets[index].encode("utf-8", "surrogatepass"))
                except OSError:
                    break  # the worker is gone: its pipe's end of file below says so
        busy = {w.conn: w for w in workers if w.queue}
        limit = None
        if timeout is not None:  # (at most an hour per wait: poll takes no longer)
            limit = min(3600.0, max(0.0, min(w.since for w in busy.values()) + timeout - time.monotonic()))
        if tick is not None:
            tick()
            limit = TICK if limit is None else min(limit, TICK)
        for ready in wait(list(busy), limit):
            w = busy[ready]
            try:
                msg = w.conn.recv_bytes()
            except (EOFError, OSError):
                index = w.queue[0]
                done[index] = crash_line(targets[index], retire(w, kill=False)), EXIT_INTERNAL
                spawn()
                continue
            done[w.queue.popleft()] = msg[1:], msg[0]
            w.since = time.monotonic()
        if timeout is not None:
            now = time.monotonic()
            for w in [w for w in busy.values() if w in workers and w.queue and now - w.since >= timeout]:
                index = w.queue[0]
                retire(w, kill=True)
                done[index] = timeout_line(targets[index], timeout), EXIT_SOURCE
                spawn()
        while emitted in done:
            yield done.pop(emitted)
            emitted += 1
    stop_all(workers, kill=False)


def stop_all(workers: list[Any], kill: bool = True) -> None:
    """Stop every worker still running: politely at the end, at once when the batch is
    abandoned (an error while writing, Ctrl-C)."""
    for w in list(workers):
        w.stop(kill)
    workers.clear()

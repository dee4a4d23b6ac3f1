#!/usr/bin/env python3
"""Stress the batch path: random batches in which some targets kill, hang or end their worker.

Each round builds a list of 1 to 40 targets, mostly the bundled examples, the rest fault
targets that the injected ``api.assess`` turns into a fault in the process assessing them:
``kill`` (SIGKILL, as the out-of-memory killer does), ``exit`` (``os._exit(70)``, as a native
crash might), ``raise`` (``SystemExit`` escaping the worker), ``hang`` (waits forever) and
``missing`` (a folder that does not exist: an ordinary error). The batch runs through the real
command line (``--from-list``, ``--output``) with a random ``--jobs`` and the ``--timeout``
given, and the round passes when there is exactly one line per target, in order: a report for
each example, an error line of the expected type for each fault target, no traceback on
stderr. Usage::

    python scripts/stress_batch.py --seed 1 --rounds 50
    python scripts/stress_batch.py --faults kill,exit,missing --rounds 200   # no hangs: fast
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [str(ROOT / "examples" / "aurora-tiny-7m"), str(ROOT / "examples" / "lumen-chat-3b")]
EXPECTED = {"kill": "internal error", "exit": "internal error", "raise": "internal error",
            "hang": "timed out", "missing": "not found"}

INJECT = """
import os, signal, sys, threading
sys.path.insert(0, {src!r})
from opengauge import api
from opengauge.cli import main

real = api.assess


def assess(target, **kw):
    fault = target.rsplit("/", 1)[-1]
    if fault == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if fault == "exit":
        os._exit(70)
    if fault == "raise":
        raise SystemExit(3)
    if fault == "hang":
        threading.Event().wait()
    return real(target, **kw)


api.assess = assess
main.run(sys.argv[1:])
"""


def one_round(rng: random.Random, faults: list[str], timeout: float, work: Path) -> list[str]:
    """Run one random batch; the problems found (empty when the round passes)."""
    n = rng.randint(1, 40)
    kinds = ["ok" if rng.random() < 0.75 else rng.choice(faults) for _ in range(n)]
    targets = [rng.choice(EXAMPLES) if k == "ok" else str(work / "faults" / str(i) / k)
               for i, k in enumerate(kinds)]
    jobs = rng.choice(["1", "2", "3"])
    listing = work / "targets.txt"
    listing.write_text("\n".join(targets) + "\n", encoding="utf-8")
    out = work / "out.jsonl"
    out.unlink(missing_ok=True)
    code = INJECT.format(src=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-c", code, "assess", "--from-list", str(listing),
                           "--format", "json", "--output", str(out), "--jobs", jobs,
                           "--timeout", f"{timeout:g}"],
                          capture_output=True, text=True, timeout=600)
    problems = []
    if "Traceback" in proc.stderr:
        problems.append(f"traceback on stderr: {proc.stderr[-400:]}")
    lines = [json.loads(x) for x in out.read_text().splitlines()] if out.exists() else []
    if len(lines) != n:
        problems.append(f"{len(lines)} lines for {n} targets (exit {proc.returncode})")
    for i, (kind, target, line) in enumerate(zip(kinds, targets, lines, strict=False)):
        if kind == "ok":
            if "subject" not in line:
                problems.append(f"line {i}: no report for {target}: {line}")
        elif line.get("target") != target or line.get("error", {}).get("type") != EXPECTED[kind]:
            problems.append(f"line {i}: expected a {EXPECTED[kind]!r} line for {target}: {line}")
    if problems:
        problems.insert(0, f"--jobs {jobs}, targets {kinds}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--faults", default=",".join(EXPECTED),
                    help=f"comma-separated, from {', '.join(EXPECTED)}")
    ap.add_argument("--timeout", type=float, default=3.0, help="the batch's --timeout (seconds)")
    args = ap.parse_args()
    faults = [f for f in args.faults.split(",") if f]
    unknown = sorted(set(faults) - set(EXPECTED))
    if unknown or not faults:
        ap.error(f"unknown fault(s) {unknown}; choose from {', '.join(EXPECTED)}")
    rng = random.Random(args.seed)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            problems = one_round(rng, faults, args.timeout, Path(tmp))
            if problems:
                failed += 1
                print(f"round {r} failed:\n  " + "\n  ".join(problems))
    print(f"{args.rounds} rounds, seed {args.seed}, faults {','.join(faults)}: {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

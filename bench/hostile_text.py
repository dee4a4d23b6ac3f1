#!/usr/bin/env python3
"""Benchmark: does any file's text or any long list make the assessment slower than linear?

A regular expression such as ``<[^>]+>`` rescans to the end of a line from every ``<`` when no
``>`` follows: a model card holding one line of 40,000 ``<`` took 1.7 s, and a 1 MB card would
take minutes. This script writes one file (README.md, LICENSE or USE_POLICY.md) made of one
short piece repeated (alone, or after words that make a pattern look at it) at two sizes,
assesses it in-process and prints every piece whose time grows more than ``--ratio`` times
when the size doubles (linear code grows about 2 times). Then it does the same with long lists (licences, datasets, base models, tags and evaluation
results in the front matter, architectures in config.json, a file listing, mergekit models).
Times are wall clock (a piece is flagged on the best of two runs at each size). Usage:

    python bench/hostile_text.py [--chars 20000] [--entries 4000] [--ratio 2.8] [--files README.md LICENSE]
"""

from __future__ import annotations

import argparse
import json
import string
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PIECES = [
    *(p for c in string.punctuation for p in (c, c + "a", "a" + c, c + " ", c + "1", c + c + "a")),
    "\t", "\n", " \n", "\r\n", "\u00a0", "\u2019", "\u201c", "\u00e9", "a\u200b",
    "[a](http://a", "![a](", "![", "[!", "](http://", "<a href=", "<img ", "<!--", "```\n", "~~~\n",
    "| a ", "|---", "> ", "* a\n", "1. a\n", "    a\n", "## a\n", "http://a.b/", "https://github.com/a",
    "huggingface.co/", "arxiv.org/abs/1", "doi.org/", "@misc{", "@article{a,", "title={", "author = ",
    "Copyright (c) ", "Licensed under ", "you may not ", "shall not ", "monthly active users ",
    "700 million", "1,000,000 ", "Section 1.", "1.1 ", "(a) ", "(i) ", "trained on the ",
    "fine-tuned on ", "we release ", "open-source ", "CC-BY-", "Apache-2.0 ", "GPL ", "license: ",
    "datasets: ", "base_model: ", "a" * 50 + " ", "A. ", "e.g. ", "1e10 ", "10^", "FLOPs ",
    "tokens ", "GPU hours ", "H100 ", "kg CO2 ",
]
# a piece repeated after words that make a pattern look at it (the statement patterns only run
# on sentences holding one of their trigger words)
PREFIXED = [
    ("We trained on tokens ", "1."), ("We trained on tokens ", "1 "), ("Trained on GPU ", ".1"),
    ("Trained on GPU ", "1,"), ("License: ", "-"), ("License: ", "a."), ("FLOPs ", "1."),
    ("fine-tuned from ", "a/"), ("trained on ", "huggingface.co/datasets/"), ("merged ", "a "),
    ("monthly active users of ", "1,"), ("not released ", "a "), ("Licensed under the ", "a "),
    ("## Example", "-"), ("## Example ", "a-"), ("<summary>Example", " -"), ("", "<summary>"),
    ("(Written by ", "a "), ("evaluated with internal ", "a "),
]



def _listed(key: str, item: str, n: int) -> str:
    """A card whose front matter lists ``n`` values under ``key`` (``{i}`` in ``item``: the index)."""
    return "---\n" + key + ":\n" + "".join(f"- {item.format(i=i)}\n" for i in range(n)) + "---\n# x\n"


LICENCES = ("mit", "apache-2.0", "bsd-3-clause")
# many entries where a card, config or listing holds one or a few (n entries, then 2n)
STRUCTURED = {
    "licence list": lambda n: {"README.md": "---\nlicense:\n" + "".join(
        f"- {LICENCES[i % 3]}\n" for i in range(n)) + "---\n# x\n"},
    "dataset list": lambda n: {"README.md": _listed("datasets", "org/d{i}", n)},
    "base model list": lambda n: {"README.md": _listed("base_model", "org/m{i}", n)},
    "tag list": lambda n: {"README.md": _listed("tags", "t{i}", n)},
    "model-index results": lambda n: {"README.md": "---\nmodel-index:\n- name: m\n  results:\n" + "".join(
        f"  - task: {{type: t}}\n    dataset: {{name: d{i}, type: d{i}}}\n    metrics:\n"
        f"    - {{type: acc, value: 1}}\n" for i in range(n)) + "---\n# x\n"},
    "config architectures": lambda n: {"README.md": "# x\n", "config.json": json.dumps(
        {"architectures": ["X"] * n, **{f"k{i}": i for i in range(n)}})},
    "file listing": lambda n: {"README.md": "# x\n", "files.txt": "".join(
        f"d{i % 50}/model-{i:05d}.safetensors\nsrc/train_{i}.py\nLICENSE_{i}\n" for i in range(n))},
    "mergekit models": lambda n: {"README.md": "# x\n", "mergekit_config.yml": "models:\n" + "".join(
        f"  - model: org/m{i}\n" for i in range(n))},
}
CARD = "---\nlicense: other\nlicense_name: custom\n---\n# x\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=20_000, help="size of the smaller text")
    ap.add_argument("--ratio", type=float, default=2.8, help="flag a piece whose time grows more")
    ap.add_argument("--entries", type=int, default=4000, help="entries of the shorter lists")
    ap.add_argument("--files", nargs="+", default=["README.md", "LICENSE", "USE_POLICY.md"])
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from opengauge import api

    api.assess(str(ROOT / "examples" / "aurora-tiny-7m"))  # imports and tables

    def seconds(name: str, body: str) -> float:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / name).write_text(body, encoding="utf-8")
            if name != "README.md":
                (d / "README.md").write_text(CARD, encoding="utf-8")
            t = time.perf_counter()
            api.export_line_bytes(api.assess(str(d)))
            return time.perf_counter() - t

    flagged = 0
    worst = (0.0, "", "")
    cases = [("", piece) for piece in PIECES] + PREFIXED
    for name in args.files:
        for prefix, piece in cases:
            n = args.chars // len(piece) + 1
            small = seconds(name, "# T\n\n" + prefix + piece * n)
            large = seconds(name, "# T\n\n" + prefix + piece * (2 * n))
            if large > args.ratio * small and large > 0.05:  # best of two before flagging
                small = min(small, seconds(name, "# T\n\n" + prefix + piece * n))
                large = min(large, seconds(name, "# T\n\n" + prefix + piece * (2 * n)))
            worst = max(worst, (large, name, prefix + piece))
            if large > args.ratio * small and large > 0.05:
                flagged += 1
                print(f"{name} {prefix!r} + {piece!r}...: {small:.3f} s -> {large:.3f} s "
                      f"({large / small:.1f}x)")
    for what, build in STRUCTURED.items():
        times = []
        for n in (args.entries, 2 * args.entries):
            with tempfile.TemporaryDirectory() as tmp:
                for fname, body in build(n).items():
                    (Path(tmp) / fname).write_text(body, encoding="utf-8")
                t = time.perf_counter()
                api.export_line_bytes(api.assess(tmp))
                times.append(time.perf_counter() - t)
        worst = max(worst, (times[1], what, f"{2 * args.entries} entries"))
        if times[1] > args.ratio * times[0] and times[1] > 0.05:
            flagged += 1
            print(f"{what}: {times[0]:.3f} s -> {times[1]:.3f} s ({times[1] / times[0]:.1f}x)")
    print(f"{len(STRUCTURED)} kinds of long list at {args.entries} and {2 * args.entries} entries; "
          f"{len(cases)} pieces x {len(args.files)} files at {args.chars} and {2 * args.chars} "
          f"characters: {flagged} grew more than {args.ratio}x; slowest {worst[0]:.3f} s "
          f"({worst[1]}, {worst[2]!r})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Fuzz opengauge with damaged copies of real inputs; report every crash that is not a clear error.

Each round copies one real input, damages it (hostile YAML tags and values, numbers longer than
``int()`` reads, nesting thousands deep, truncation, repeated or deleted runs, line-ending
changes, random code points) and assesses it in-process, then renders every output format. An
``OpengaugeError`` is a clear error and passes; any other exception is a crash: the damaged
input is kept under ``--keep`` with its traceback printed. Four kinds of input:

- ``snapshots``: the shared corpus folders (README.md, config.json, licence files...);
- ``declarations``: the Model Openness Tool's records and the test declarations;
- ``weights``: a corpus folder with a safetensors or GGUF file added, whose header is damaged
  (its JSON as text, or its bytes: lengths, counts, value types, dimensions);
- ``hub``: a corpus folder served by the tests' fake Hub (real HTTP on 127.0.0.1, through the
  real Hub source) with damaged files and a model-info answer whose fields hold hostile values
  (wrong types, huge numbers, unsafe paths, odd shas), sometimes behind an injected HTTP error.

A segmentation fault ends the run itself (run it again with the same ``--seed`` and a smaller
``--rounds`` to find the input). Usage::

    python scripts/fuzz_inputs.py snapshots --seed 1 --rounds 2000
    python scripts/fuzz_inputs.py declarations --seed 1 --rounds 2000
    python scripts/fuzz_inputs.py weights --seed 1 --rounds 2000
    python scripts/fuzz_inputs.py hub --seed 1 --rounds 500
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import struct
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("OPENGAUGE_SHARED") or ROOT.parent / "shared")

DAMAGE = [
    "!!float abc", "!!bool maybe", "!!int", "!!float", "!!timestamp 2001-13-45",
    "2001-12-14 21:59:43.10 +99:99", "!!map [a]", "!!seq {a: 1}", "!!binary @@", "&a [*a]", "*a",
    "<<: *a", "? [a, b]\n: c\n", "!!python/object:os.system ''", "9" * 5000, "-" + "9" * 5000,
    "1e999", "0x" + "f" * 40, "- " * 600, "[" * 600, "{a: " * 600, "[" * 60_000 + "]" * 60_000,
    "\x00", "\ufeff", "\u202e", "\u200b", "\ud800", "\r", "\r\n", "\x85", "\u2028", "---", "...",
    "```", "~~~", "# ", "## Training data\n", "<!--", "-->", "[x](", "](http://", "https://[a: 1]/",
    "|", "\\", "\"", "'", "- ", ": ", "license: [", "license: {a: b}", "base_model: {x: 1}",
    "https://github.com/", "https://arxiv.org/abs/", "trained on ", "open source",
    # read as markup by a terminal renderer or a Markdown reader, or acted on by a terminal
    "[/x]", "[bold]", "[link=x]", ":fire:", "\x1b[2J", "\x1b]0;title\x07", "\x9b", "<script>", "&amp;",
    "`", "**", "_x_",
    "monthly active users exceed " + "9" * 400, "Apache License", "\u0130", "\u017f", "\U0001F600",
]
TEXT_SUFFIXES = {".md", ".json", "", ".txt", ".yaml", ".yml"}
HOT_SPOTS = re.compile(r"(?m)^(license: |license_name: |base_model: |# )|open[- ]source ")


def damage(text: str, rng: random.Random) -> str:
    """``text`` with one to six random kinds of damage."""
    for _ in range(rng.randint(1, 6)):
        k = rng.random()
        pos = rng.randint(0, len(text))
        if k < 0.25:
            text = text[:pos] + rng.choice(DAMAGE) + text[pos:]
        elif k < 0.35:  # where the reports quote the card: licence and base model values, headings
            spots = [m.end() for m in HOT_SPOTS.finditer(text)]
            pos = rng.choice(spots) if spots else pos
            text = text[:pos] + rng.choice(DAMAGE) + text[pos:]
        elif k < 0.45:
            text = text[:pos]
        elif k < 0.6:
            text = text[:pos] + text[pos + rng.randint(1, 200):]
        elif k < 0.7:
            a = rng.randint(0, len(text))
            text = text[:pos] + text[a:a + rng.randint(1, 500)] * rng.randint(1, 20) + text[pos:]
        elif k < 0.8:
            text = "".join(rng.choice(DAMAGE) for _ in range(rng.randint(1, 20))) + text
        elif k < 0.9:
            text = text.replace("\n", rng.choice(["\r\n", "\r", "\n\n", "\u2028"]))
        else:
            noise = "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 30)))
            text = text[:pos] + noise + text[pos:]
    return text


U64 = [0, 1, 7, 2**31, 2**32, 2**63, 2**64 - 1, 10**6, 10**9]


def _gguf_string(text: str) -> bytes:
    b = text.encode("utf-8", "surrogatepass")
    return struct.pack("<Q", len(b)) + b


def weights_file(rng: random.Random) -> tuple[str, bytes]:
    """A damaged safetensors or GGUF file (header only; the tensors are never read)."""
    if rng.random() < 0.5:
        tensors = {f"layer.{i}.weight": {"dtype": rng.choice(["F16", "BF16", "F32", "I8", "?"]),
                                        "shape": [rng.choice([1, 64, 4096, 10**4000, *U64])
                                                  for _ in range(rng.randint(0, 4))],
                                        "data_offsets": [0, rng.choice(U64)]}
                   for i in range(rng.randint(1, 30))}
        text = json.dumps({"__metadata__": {"format": "pt"}, **tensors})
        if rng.random() < 0.7:
            text = damage(text, rng)
        header = text.encode("utf-8", "surrogatepass")
        size = len(header) if rng.random() < 0.8 else rng.choice(U64)
        return "model.safetensors", struct.pack("<Q", size) + header
    s = _gguf_string
    kv = [s("general.architecture") + struct.pack("<I", 8) + s("llama"),
          s("general.license") + struct.pack("<I", 8) + s(damage("apache-2.0", rng)),
          s("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 3) + s("a") + s("b") + s("c"),
          s("x.nested") + struct.pack("<IIQ", 9, 9, 1) + struct.pack("<IQ", 9, 1)
          + struct.pack("<IQ", 6, 1) + struct.pack("<f", 1.0),
          s("x.value") + struct.pack("<I", rng.randrange(16)) + struct.pack("<Q", rng.choice(U64))]
    tensors = [s(f"t{i}") + struct.pack("<I", n) + struct.pack(f"<{n}Q", *(rng.choice(U64) for _ in range(n)))
               + struct.pack("<IQ", rng.randrange(40), 0)
               for i in range(rng.randint(0, 5)) for n in [rng.randint(0, 9)]]
    counts = struct.pack("<QQ", rng.choice([len(tensors), *U64]), rng.choice([len(kv), *U64]))
    data = bytearray(b"GGUF" + struct.pack("<I", rng.choice([2, 3, 3, 1, 99])) + counts
                     + b"".join(kv) + b"".join(tensors))
    for _ in range(rng.randint(0, 6)):
        pos = rng.randint(0, len(data))
        k = rng.random()
        if k < 0.4 and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif k < 0.6:
            data[pos:pos] = struct.pack("<Q", rng.choice(U64))
        elif k < 0.8:
            del data[pos:]
        else:
            del data[pos:pos + rng.randint(1, 16)]
    return "model.gguf", bytes(data)


HOSTILE = [None, True, 0, -1, 1.5, 2**64, 10**4000, "", "x" * 70_000, "../../etc/passwd", "\ud800",
           [], [None], {}, {"a": {"b": []}}, "9" * 5000, "deadbeef", "main", "1e999"]
INFO_KEYS = ["sha", "id", "siblings", "cardData", "gated", "private", "disabled", "tags",
             "pipeline_tag", "library_name", "safetensors", "gguf", "lastModified", "createdAt",
             "author"]


def hostile_info(rng: random.Random, sha: str, paths: list[str]) -> dict[str, object]:
    """Model-info fields for the fake Hub to put over its own computed answer."""
    info: dict[str, object] = {}
    for key in rng.sample(INFO_KEYS, rng.randint(0, 5)):
        value = rng.choice(HOSTILE)
        if key == "sha" and rng.random() < 0.5:
            value = sha.upper() if rng.random() < 0.5 else sha[:7]
        elif key == "siblings" and rng.random() < 0.7:
            value = [{"rfilename": rng.choice([p, p, *HOSTILE]), "size": rng.choice([1, *HOSTILE]),
                      "lfs": rng.choice([{"size": rng.choice(HOSTILE), "sha256": rng.choice(HOSTILE)},
                                         *HOSTILE])}
                     for p in paths] + rng.sample(HOSTILE, 2)
        elif key == "safetensors" and rng.random() < 0.7:
            value = {"total": rng.choice(HOSTILE), "parameters": rng.choice(HOSTILE)}
        elif key == "cardData" and rng.random() < 0.7:
            value = {k: rng.choice(HOSTILE) for k in ("license", "base_model", "datasets", "license_name")}
        info[key] = value
    return info


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogateescape")


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["snapshots", "declarations", "weights", "hub"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "opengauge-fuzz")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from opengauge import api
    from opengauge.errors import OpengaugeError
    from opengauge.visible import visible

    if args.kind in ("snapshots", "weights", "hub"):
        sources = sorted(p for p in (SHARED / "corpus").glob("*") if p.is_dir())
    else:
        sources = sorted((SHARED / "data" / "mot" / "models").glob("*.yml"))
        sources += sorted((ROOT / "tests" / "fixtures" / "declarations").iterdir())
    if not sources:
        print(f"no inputs found under {SHARED}; nothing to fuzz")
        return 0
    hub = None
    if args.kind == "hub":
        sys.path.insert(0, str(ROOT))
        from tests.hubserver import FakeHub

        hub = FakeHub(fixtures=None).start()
        os.environ["HF_ENDPOINT"] = hub.url
        os.environ.pop("HF_TOKEN", None)
    rng = random.Random(args.seed)
    crashes = errors = 0
    for i in range(args.rounds):
        src = rng.choice(sources)
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / src.name
            if args.kind in ("weights", "hub"):
                shutil.copytree(src, target, symlinks=True)
                name, data = weights_file(rng)
                (target / name).write_bytes(data)
            elif src.is_dir():
                shutil.copytree(src, target, symlinks=True)
            if src.is_dir() and args.kind != "weights":
                files = [p for p in sorted(target.iterdir())
                         if p.is_file() and p.suffix in TEXT_SUFFIXES]
                for p in rng.sample(files, min(len(files), rng.randint(1, 3))):
                    _write(p, damage(_read(p), rng))
            elif not src.is_dir():
                _write(target, damage(_read(src), rng))
            where = str(target)
            if hub is not None:
                hub.repos.clear()
                hub.faults.clear()
                files = {p.name: p.read_bytes() for p in sorted(target.iterdir()) if p.is_file()}
                where = f"fuzz/round-{i}"
                sha = hub.add_repo(where, files)
                hub.repos[where].info.update(hostile_info(rng, sha, sorted(files)))
                if rng.random() < 0.2:
                    status = rng.choice([401, 403, 404, 429, 500, 503, 302, 200])
                    hub.fail(rng.choice(["/api/", "/resolve/", r"\.json$", "README"]), status,
                             code=rng.choice([None, "GatedRepo", "RepoNotFound", "EntryNotFound"]),
                             message=rng.choice(["x", "\u00e9" * 3, ""]),
                             headers={"Retry-After": rng.choice(["1", "-1", "x", "9" * 50])},
                             times=rng.choice([1, None]))
            try:
                report = api.assess(where, cache_dir=Path(tmp) / "cache")
                for fmt in ("json", "markdown", "table"):
                    text = api.export(report, fmt)
                    text.encode("utf-8")
                    # reports for people spell control characters out (opengauge.visible)
                    assert fmt == "json" or visible(text.replace("\n", "")) == text.replace("\n", ""), fmt
                api.export_line_bytes(report)
            except OpengaugeError:
                errors += 1
            except Exception:  # noqa: BLE001 - every other exception is what we look for
                crashes += 1
                kept = args.keep / f"{args.kind}-{args.seed}-{i}-{src.name}"
                kept.parent.mkdir(parents=True, exist_ok=True)
                if target.is_dir():
                    shutil.copytree(target, kept, symlinks=True, dirs_exist_ok=True)
                else:
                    shutil.copy(target, kept)
                if hub is not None:
                    (kept / "model_info.json").write_text(
                        json.dumps(hub.repos[where].info, default=str)[:100_000], "utf-8")
                print(f"CRASH round {i} ({src.name}), input kept at {kept}")
                traceback.print_exc(limit=-4)
    if hub is not None:
        hub.stop()
    print(f"{args.rounds} rounds of {args.kind}, seed {args.seed}: {args.rounds - errors - crashes} "
          f"report(s), {errors} clear error(s), {crashes} crash(es)")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())

"""Bounded, pure parsing of weight-file headers (safetensors, GGUF). Never loads tensors."""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field

from opengauge import jsontext

SAFETENSORS_HEADER_MAX = 100 * 1024 * 1024
"""The safetensors format itself caps the JSON header at 100 MB."""
GGUF_MAX_KV = 100_000
GGUF_MAX_TENSORS = 1_000_000
GGUF_MAX_STRING = 16 * 1024 * 1024
MAX_TENSOR_ELEMENTS = 2**63
"""No tensor has more elements: both formats address their data with 64-bit byte offsets."""

_DTYPE_BYTES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1,
                "U8": 1, "U16": 2, "U32": 4, "U64": 8, "BOOL": 1, "F8_E4M3": 1, "F8_E5M2": 1}


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderInfo:
    """What a weights header says."""

    format: str
    ok: bool
    problem: str = ""
    parameters: int | None = None
    dtypes: tuple[tuple[str, int], ...] = ()
    """(dtype, parameter count) pairs, sorted."""
    metadata: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def parse_safetensors(data: bytes, file_size: int | None = None) -> HeaderInfo:
    """Parse a safetensors header from the first bytes of the file."""
    if len(data) < 8:
        return HeaderInfo(format="safetensors", ok=False, problem="file too short for a header")
    (n,) = struct.unpack("<Q", data[:8])
    if n > SAFETENSORS_HEADER_MAX or (file_size is not None and n + 8 > file_size):
        return HeaderInfo(format="safetensors", ok=False,
                          problem=f"header claims {n} bytes, which is absurd; not read")
    if len(data) < 8 + n:
        return HeaderInfo(format="safetensors", ok=False,
                          problem=f"header of {n} bytes is longer than the bytes read")
    try:
        header = jsontext.loads(data[8 : 8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return HeaderInfo(format="safetensors", ok=False, problem=f"header is not JSON: {e}")
    if not isinstance(header, dict):
        return HeaderInfo(format="safetensors", ok=False, problem="header is not a JSON object")
    counts: dict[str, int] = {}
    meta: list[tuple[str, str]] = []
    for name, info in header.items():
        if name == "__metadata__":
            if isinstance(info, dict):
                meta = [(str(k), str(v)[:200]) for k, v in list(info.items())[:50]]
            continue
        if not isinstance(info, dict):
            continue
        shape = info.get("shape")
        dtype = str(info.get("dtype", "?"))
        if not isinstance(shape, list) or not all(isinstance(d, int) and d >= 0 for d in shape):
            continue
        count = 1
        for d in shape:
            count *= d
            if count > MAX_TENSOR_ELEMENTS:
                return HeaderInfo(format="safetensors", ok=False,
                                  problem=f"tensor {name[:80]!r} claims a shape of more than 2^63 "
                                  "elements, which is absurd; not read")
        counts[dtype] = counts.get(dtype, 0) + count
    return HeaderInfo(format="safetensors", ok=True, parameters=sum(counts.values()),
                      dtypes=tuple(sorted(counts.items())), metadata=tuple(sorted(meta)))


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise EOFError
        b = self.data[self.pos : self.pos + n]
        self.pos += n
        return b

    def u32(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def u64(self) -> int:
        return int(struct.unpack("<Q", self.take(8))[0])

    def string(self) -> str:
        n = self.u64()
        if n > GGUF_MAX_STRING:
            raise ValueError(f"string of {n} bytes")
        return self.take(n).decode("utf-8", errors="replace")


_GGUF_SCALAR = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
                10: "<Q", 11: "<q", 12: "<d"}


def _gguf_value(r: _Reader, vtype: int, depth: int = 0) -> object:
    if vtype in _GGUF_SCALAR:
        fmt = _GGUF_SCALAR[vtype]
        return struct.unpack(fmt, r.take(struct.calcsize(fmt)))[0]
    if vtype == 8:
        return r.string()
    if vtype == 9:
        if depth > 2:
            raise ValueError("nested arrays too deep")
        etype = r.u32()
        n = r.u64()
        if n > 10_000_000:
            raise ValueError(f"array of {n} items")
        if etype in _GGUF_SCALAR:
            size = struct.calcsize(_GGUF_SCALAR[etype])
            r.take(size * n)
            return f"[{n} items]"
        items = [_gguf_value(r, etype, depth + 1) for _ in range(n)]
        return f"[{len(items)} items]"
    raise ValueError(f"unknown GGUF value type {vtype}")


def parse_gguf(data: bytes) -> HeaderInfo:
    """Parse GGUF metadata and tensor infos from the first bytes of the file."""
    r = _Reader(data)
    try:
        if r.take(4) != b"GGUF":
            return HeaderInfo(format="gguf", ok=False, problem="missing GGUF magic")
        version = r.u32()
        if version not in (2, 3):
            return HeaderInfo(format="gguf", ok=False, problem=f"unsupported GGUF version {version}")
        n_tensors = r.u64()
        n_kv = r.u64()
        if n_kv > GGUF_MAX_KV or n_tensors > GGUF_MAX_TENSORS:
            return HeaderInfo(format="gguf", ok=False,
                              problem=f"header claims {n_kv} keys and {n_tensors} tensors; absurd")
        meta: list[tuple[str, str]] = []
        for _ in range(n_kv):
            key = r.string()
            vtype = r.u32()
            val = _gguf_value(r, vtype)
            if not key.startswith("tokenizer.ggml."):
                meta.append((key, str(val)[:200]))
        params = 0
        for _ in range(n_tensors):
            r.string()
            n_dims = r.u32()
            if n_dims > 8:
                raise ValueError("too many dimensions")
            count = 1
            for _ in range(n_dims):
                count *= r.u64()
                if count > MAX_TENSOR_ELEMENTS:
                    raise ValueError("a tensor claims more than 2^63 elements")
            r.u32()  # ggml type
            r.u64()  # offset
            params += count
        return HeaderInfo(format="gguf", ok=True, parameters=params, metadata=tuple(sorted(meta)))
    except EOFError:
        return HeaderInfo(format="gguf", ok=False, problem="header longer than the bytes read")
    except (ValueError, struct.error) as e:
        return HeaderInfo(format="gguf", ok=False, problem=f"malformed GGUF header: {e}")


def dtype_bytes(dtype: str) -> int | None:
    """Bytes per parameter for a safetensors dtype name."""
    return _DTYPE_BYTES.get(dtype.upper())

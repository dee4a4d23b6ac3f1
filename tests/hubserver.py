"""A fake Hugging Face Hub served over real HTTP on 127.0.0.1, for tests.

It answers the routes ``huggingface_hub`` 2.x calls, with the headers it reads
(see ``huggingface_hub/utils/_http.py::hf_raise_for_status`` and
``file_download.py::get_hf_file_metadata``):

* ``GET /api/models/{org}/{name}`` and ``.../revision/{rev}`` (model info;
  ``?blobs=true`` adds ``size``, ``blobId`` and ``lfs`` to each sibling);
* ``HEAD``/``GET /{org}/{name}/resolve/{rev}/{path}`` with ``X-Repo-Commit``,
  ``ETag`` (``X-Linked-Etag``/``X-Linked-Size`` for LFS files),
  ``Content-Length``, ``Accept-Ranges`` and single ``Range`` requests (206/416);
* errors the way the Hub sends them: ``X-Error-Code`` (``RepoNotFound``,
  ``RevisionNotFound``, ``EntryNotFound``, ``GatedRepo``), ``X-Error-Message``
  and a JSON ``{"error": ...}`` body; gated repos answer 401 without a token
  and 403 with a token that has not been granted access.

Repositories come from ``tests/fixtures/hub/<org>__<name>/``: ``model_info.json``
(an API answer without ``sha``/``siblings``, which are computed, plus
``_refs`` mapping branch/tag names to commit shas and ``_tokens`` granting
access to gated or private repos) and ``revisions/<sha>/`` holding the files.
Tests can add repositories in code (:meth:`FakeHub.add_repo`), inject failures
(:meth:`FakeHub.fail`) and inspect every request (:attr:`FakeHub.requests`).

Use the ``fake_hub`` fixture (a started :class:`FakeHub`) or ``hub_server``
(its base URL) by importing them into a test module or a conftest.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "hub"
LFS_SUFFIXES = (".safetensors", ".gguf", ".bin", ".pt", ".pth", ".onnx", ".h5", ".ckpt", ".msgpack")
_RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


def safetensors_bytes(tensors: Mapping[str, tuple[str, list[int]]], *, metadata: dict[str, str] | None = None) -> bytes:
    """A valid safetensors file whose tensors (``name -> (dtype, shape)``) hold zeros."""
    sizes = {"F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I8": 1, "U8": 1, "F64": 8}
    header: dict[str, Any] = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    offset = 0
    for name, (dtype, shape) in tensors.items():
        n = sizes[dtype]
        for dim in shape:
            n *= dim
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + n]}
        offset += n
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)  # the format pads the header to 8 bytes with spaces
    return struct.pack("<Q", len(raw)) + raw + b"\0" * offset


def gguf_bytes(metadata: Mapping[str, str], *, tail: int = 64) -> bytes:
    """A small GGUF v3 file with string metadata and no tensors, plus ``tail`` filler bytes."""
    out = b"GGUF" + struct.pack("<IQQ", 3, 0, len(metadata))
    for key, value in metadata.items():
        k, v = key.encode(), value.encode()
        out += struct.pack("<Q", len(k)) + k + struct.pack("<I", 8) + struct.pack("<Q", len(v)) + v
    return out + b"\0" * tail


def commit_sha(files: Mapping[str, bytes], salt: str = "") -> str:
    """A deterministic 40-hex 'commit sha' for a set of files."""
    h = hashlib.sha1(salt.encode())
    for path in sorted(files):
        h.update(path.encode() + b"\0" + hashlib.sha1(files[path]).digest())
    return h.hexdigest()


@dataclass
class Recorded:
    """One request the fake Hub received."""

    method: str
    path: str
    """URL path, percent-decoded, without the query string."""
    query: str
    range: str | None
    authorization: str | None
    status: int = 0
    body_bytes: int = 0
    """Bytes of response body sent (what a client could have read)."""


@dataclass
class Fault:
    """An injected failure for requests whose path matches ``pattern``."""

    pattern: re.Pattern[str]
    status: int
    code: str | None = None
    message: str = "injected failure"
    headers: dict[str, str] = field(default_factory=dict)
    times: int | None = None
    """How many requests it applies to (``None``: all)."""
    method: str | None = None


@dataclass
class FakeRepo:
    """A repository the fake Hub serves."""

    repo_id: str
    info: dict[str, Any]
    refs: dict[str, str]
    revisions: dict[str, dict[str, bytes]]
    tokens: set[str] = field(default_factory=set)

    @property
    def gated(self) -> bool:
        return bool(self.info.get("gated"))

    @property
    def private(self) -> bool:
        return bool(self.info.get("private"))

    def resolve(self, rev: str) -> str | None:
        if rev in self.refs:
            return self.refs[rev]
        return rev if rev in self.revisions else None


class FakeHub:
    """The fake Hub: repositories, injected faults, and a log of requests."""

    def __init__(self, fixtures: Path | None = FIXTURES) -> None:
        self.repos: dict[str, FakeRepo] = {}
        self.faults: list[Fault] = []
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        if fixtures is not None and fixtures.is_dir():
            for folder in sorted(fixtures.iterdir()):
                if (folder / "model_info.json").is_file():
                    self.load_folder(folder)

    # -- content --------------------------------------------------------------

    def load_folder(self, folder: Path) -> FakeRepo:
        """Load ``<org>__<name>/`` (``model_info.json`` + ``revisions/<sha>/``)."""
        raw = json.loads((folder / "model_info.json").read_text("utf-8"))
        repo_id = raw.get("id") or folder.name.replace("__", "/", 1)
        revisions: dict[str, dict[str, bytes]] = {}
        for rev_dir in sorted((folder / "revisions").iterdir()):
            revisions[rev_dir.name] = {
                p.relative_to(rev_dir).as_posix(): p.read_bytes()
                for p in sorted(rev_dir.rglob("*"))
                if p.is_file()
            }
        repo = FakeRepo(
            repo_id=repo_id,
            info={k: v for k, v in raw.items() if not k.startswith("_")},
            refs=dict(raw.get("_refs") or {"main": next(iter(revisions))}),
            revisions=revisions,
            tokens=set(raw.get("_tokens") or ()),
        )
        self.repos[repo_id] = repo
        return repo

    def add_repo(
        self,
        repo_id: str,
        files: Mapping[str, bytes],
        *,
        info: Mapping[str, Any] | None = None,
        tokens: tuple[str, ...] = (),
        branch: str = "main",
    ) -> str:
        """Serve ``files`` as a new commit on ``branch`` of ``repo_id``; return its sha."""
        sha = commit_sha(files, salt=repo_id + branch)
        repo = self.repos.get(repo_id)
        if repo is None:
            repo = FakeRepo(repo_id=repo_id, info={}, refs={}, revisions={})
            self.repos[repo_id] = repo
        repo.info.update(info or {})
        repo.revisions[sha] = dict(files)
        repo.refs[branch] = sha
        repo.tokens.update(tokens)
        return sha

    def fail(
        self,
        pattern: str,
        status: int,
        *,
        code: str | None = None,
        message: str = "injected failure",
        headers: Mapping[str, str] | None = None,
        times: int | None = None,
        method: str | None = None,
    ) -> None:
        """Answer requests whose decoded path matches the regex ``pattern`` with an error."""
        self.faults.append(
            Fault(re.compile(pattern), status, code, message, dict(headers or {}), times, method)
        )

    # -- observations ----------------------------------------------------------

    def file_requests(self, method: str = "GET") -> list[Recorded]:
        """Requests for repository files (``/resolve/``) with the given method."""
        return [r for r in self.requests if r.method == method and "/resolve/" in r.path]

    def fetched_paths(self) -> list[str]:
        """Repository paths of every file GET, in order."""
        out = []
        for r in self.file_requests("GET"):
            parts = r.path.lstrip("/").split("/", 4)
            out.append(parts[4] if len(parts) == 5 else r.path)
        return out

    # -- server ----------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321``."""
        assert self._server is not None, "FakeHub is not started"
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    def start(self) -> FakeHub:
        """Listen on a free port of 127.0.0.1 in a background thread."""
        hub = self

        class Handler(_Handler):
            fake = hub

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(self, rec: Recorded) -> None:
        with self._lock:
            self.requests.append(rec)

    def _fault_for(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for f in self.faults:
                if f.method not in (None, method) or not f.pattern.search(path):
                    continue
                if f.times is not None:
                    if f.times <= 0:
                        continue
                    f.times -= 1
                return f
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client that stops reading early (bounded reads) is expected
        super().handle_error(request, client_address)


def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _is_lfs(path: str) -> bool:
    return path.lower().endswith(LFS_SUFFIXES)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One buffered write per response and no Nagle: avoids 40 ms delayed-ACK stalls per request.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True
    fake: FakeHub

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    # -- plumbing ---------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._dispatch("GET")

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._dispatch("HEAD")

    def _dispatch(self, method: str) -> None:
        split = urlsplit(self.path)
        path = unquote(split.path)
        self._rec = Recorded(
            method=method,
            path=path,
            query=split.query,
            range=self.headers.get("Range"),
            authorization=self.headers.get("Authorization"),
        )
        self.fake._record(self._rec)
        self._method = method
        fault = self.fake._fault_for(method, path)
        if fault is not None:
            self._error(fault.status, fault.code, fault.message, fault.headers)
            return
        raw_parts = split.path.lstrip("/").split("/")
        if raw_parts[:2] == ["api", "models"] and len(raw_parts) >= 4:
            self._model_info(raw_parts[2:], split.query)
        elif len(raw_parts) >= 5 and raw_parts[2] == "resolve":
            self._resolve(raw_parts)
        else:
            self._error(404, None, "Not found")

    def _send(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        try:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", headers.get("Content-Length", str(len(body))))
            self.end_headers()
            if self._method != "HEAD":
                self.wfile.write(body)
                self._rec.body_bytes = len(body)
            self._rec.status = status
        except (BrokenPipeError, ConnectionResetError):
            self._rec.status = status
            self.close_connection = True

    def _error(
        self, status: int, code: str | None, message: str, extra: Mapping[str, str] | None = None
    ) -> None:
        headers = {"Content-Type": "application/json", "X-Error-Message": message, **(extra or {})}
        if code:
            headers["X-Error-Code"] = code
        self._send(status, headers, json.dumps({"error": message}).encode())

    def _token(self) -> str | None:
        auth = self.headers.get("Authorization") or ""
        return auth[7:] if auth.startswith("Bearer ") else None

    def _repo(self, org: str, name: str) -> FakeRepo | None:
        repo = self.fake.repos.get(f"{unquote(org)}/{unquote(name)}")
        if repo is None:
            status = 404 if self._token() else 401
            self._error(status, "RepoNotFound", "Repository not found")
            return None
        if repo.private and self._token() not in repo.tokens:
            status = 404 if self._token() else 401
            self._error(status, "RepoNotFound", "Repository not found")
            return None
        return repo

    # -- routes -------------------------------------------------------------------

    def _model_info(self, parts: list[str], query: str) -> None:
        repo = self._repo(parts[0], parts[1])
        if repo is None:
            return
        rev = "main"
        if len(parts) >= 4 and parts[2] == "revision":
            rev = unquote("/".join(parts[3:]))
        sha = repo.resolve(rev)
        if sha is None:
            self._error(404, "RevisionNotFound", f"Invalid rev id: {rev}")
            return
        blobs = parse_qs(query).get("blobs", ["false"])[0].lower() == "true"
        siblings = []
        for path, data in sorted(repo.revisions[sha].items()):
            sib: dict[str, Any] = {"rfilename": path}
            if blobs:
                sib["size"] = len(data)
                sib["blobId"] = _blob_id(data)
                if _is_lfs(path):
                    sib["lfs"] = {
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "size": len(data),
                        "pointerSize": 134,
                    }
            siblings.append(sib)
        body = {
            "_id": hashlib.md5(repo.repo_id.encode()).hexdigest()[:24],
            "id": repo.repo_id,
            "modelId": repo.repo_id,
            "author": repo.repo_id.split("/")[0],
            "private": False,
            "gated": False,
            "disabled": False,
            "tags": [],
            "sha": sha,
            "siblings": siblings,
            **repo.info,  # a test may override anything, even sha or siblings
        }
        self._send(200, {"Content-Type": "application/json"}, json.dumps(body).encode())

    def _resolve(self, raw_parts: list[str]) -> None:
        repo = self._repo(raw_parts[0], raw_parts[1])
        if repo is None:
            return
        rev = unquote(raw_parts[3])
        path = unquote("/".join(raw_parts[4:]))
        sha = repo.resolve(rev)
        if sha is None:
            self._error(404, "RevisionNotFound", f"Invalid rev id: {rev}")
            return
        if repo.gated and self._token() not in repo.tokens:
            msg = (
                f"Access to model {repo.repo_id} is restricted. You must have access to it "
                "and be authenticated to access it. Please log in."
            )
            self._error(403 if self._token() else 401, "GatedRepo", msg)
            return
        data = repo.revisions[sha].get(path)
        if data is None:
            self._error(404, "EntryNotFound", f"{path} does not exist on \"{rev}\"")
            return
        etag = hashlib.sha256(data).hexdigest() if _is_lfs(path) else _blob_id(data)
        headers = {
            "Content-Type": "application/octet-stream",
            "X-Repo-Commit": sha,
            "ETag": f'"{etag}"',
            "Accept-Ranges": "bytes",
        }
        if _is_lfs(path):
            headers["X-Linked-Etag"] = f'"{etag}"'
            headers["X-Linked-Size"] = str(len(data))
        status, body = 200, data
        wanted = self.headers.get("Range")
        if wanted:
            m = _RANGE_RE.match(wanted.strip())
            total = len(data)
            start = end = None
            if m and (m.group(1) or m.group(2)):
                if m.group(1):
                    start = int(m.group(1))
                    end = min(int(m.group(2)), total - 1) if m.group(2) else total - 1
                else:
                    start = max(total - int(m.group(2)), 0)
                    end = total - 1
            if start is None or end is None or start >= total or start > end:
                self._error(416, None, "Requested Range Not Satisfiable", {"Content-Range": f"bytes */{total}"})
                return
            status, body = 206, data[start : end + 1]
            headers["Content-Range"] = f"bytes {start}-{end}/{total}"
        self._send(status, headers, body)


@pytest.fixture
def fake_hub() -> Iterator[FakeHub]:
    """A started fake Hub serving ``tests/fixtures/hub``; stopped after the test."""
    with FakeHub() as hub:
        yield hub


@pytest.fixture
def hub_server(fake_hub: FakeHub) -> str:
    """Base URL of the fake Hub (use as ``endpoint=`` or ``HF_ENDPOINT``)."""
    return fake_hub.url

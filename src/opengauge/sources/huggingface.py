"""Hugging Face Hub source: the only code in opengauge that talks to the Hub.

It resolves ``org/name[@revision]`` to a commit sha with one model-info call
(file listing with sizes and LFS hashes, card data, gated flag...), then reads
everything else **at that sha**: the card, licence files and small configs,
and, optionally, the bounded header of each safetensors / GGUF weights file
through HTTP ``Range`` requests. Weights are never downloaded.

HTTP goes through ``huggingface_hub``'s shared client, its header builder
(token, user agent) and its ``hf_raise_for_status`` error refinement, but not
through ``hf_hub_download``: that helper cannot bound how many bytes it
reads, retries 5xx/429 answers for up to ~25 s with sleeps, and keeps its own
cache of whole files. Here every read is bounded, retries are few and
configurable, and small files are cached by (repo, sha) in
:mod:`opengauge.sources.cache`. ``huggingface_hub`` is imported lazily so
that importing this module (and ``opengauge --help``) stays fast.

Errors become :mod:`opengauge.errors` types with a hint saying what to do;
the ``huggingface_hub`` / ``httpx2`` exception is kept as ``__cause__``.
"""

from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn
from urllib.parse import quote, urlsplit

from opengauge import jsontext, rx
from opengauge.errors import (
    GatedRepo,
    RateLimited,
    RepoNotFound,
    RevisionNotFound,
    SourceError,
    SourceUnavailable,
    UsageError,
)
from opengauge.model.snapshot import FileEntry, RepoSnapshot, SourceProblem
from opengauge.sources.cache import CacheEntry, HubCache, default_cache_dir
from opengauge.sources.textcodec import decode_text, looks_binary
from opengauge.types import SourceKind

DEFAULT_ENDPOINT = "https://huggingface.co"
"""Used when neither ``endpoint=`` nor ``$HF_ENDPOINT`` is given."""

MIB = 1024 * 1024

_SHA_RE = rx.compile(r"^[0-9a-f]{40}$")
# Hub rules: letters, digits, '-', '_', '.'; starts and ends with a letter, digit or '_';
# at most 96 characters; no '--' or '..'.
_ID_PART_RE = rx.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?$")
# Git ref names (branches, tags, refs/pr/N) or a sha: no spaces, control or glob characters.
_REVISION_RE = rx.compile(r"^[^\s~^:?*\[\\\x00-\x1f\x7f]{1,255}$")

_CONFIG_NAMES = frozenset(
    {
        "config.json",
        "model_index.json",
        "generation_config.json",
        "tokenizer_config.json",
        "adapter_config.json",
        "mergekit_config.yml",
        "mergekit_config.yaml",
        "quantize_config.json",
        "quant_config.json",
        "params.json",
    }
)
_LICENCE_STEM_RE = rx.compile(
    r"(?:^|[-_.\s])(?:licen[sc]es?|copying|notice|use[-_]?policy|terms[-_]of[-_]use)(?:$|[-_.\s])"
    r"|^(?:licen[sc]es?|copying|notice|use_policy)",
    re.IGNORECASE,
)
_EXTRA_TEXT_SUFFIXES = (".md", ".txt", ".cff", ".rst")
_NOT_WORTH_READING = frozenset({"merges.txt", "vocab.txt", "dict.txt", "spm.txt", "requirements.txt"})
_WEIGHT_SUFFIXES = frozenset(
    {
        ".safetensors",
        ".gguf",
        ".bin",
        ".pt",
        ".pth",
        ".ckpt",
        ".onnx",
        ".onnx_data",
        ".h5",
        ".msgpack",
        ".pb",
        ".tflite",
        ".mlmodel",
        ".ot",
        ".npz",
        ".npy",
        ".pkl",
        ".pickle",
        ".joblib",
        ".nemo",
        ".keras",
        ".mar",
        ".llamafile",
    }
)
_NOT_LICENCE_SUFFIXES = _WEIGHT_SUFFIXES | {
    ".pdf",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".svg",
    ".zip",
    ".gz",
    ".tar",
    ".tgz",
    ".xz",
    ".zst",
    ".wav",
    ".mp3",
    ".mp4",
    ".parquet",
    ".arrow",
    ".model",
    ".py",
    ".ipynb",
    ".json",
}
_HEADER_SUFFIXES = (".safetensors", ".gguf")
_TRANSIENT_STATUS = frozenset({500, 502, 503, 504})


@dataclass(frozen=True, slots=True, kw_only=True)
class HubLimits:
    """Bounds on what one snapshot may fetch from the Hub."""

    text_bytes: int = 1 * MIB
    """Largest small text read; card, licence and config files are cut here, other texts skipped."""
    extra_texts: int = 20
    """Most optional top-level ``*.md`` / ``*.txt`` files read (beyond card, licences, configs)."""
    safetensors_header_bytes: int = 16 * MIB
    """Largest safetensors JSON header accepted; a larger declared size is rejected as absurd."""
    gguf_prefix_bytes: int = 8 * MIB
    """Bytes read from the start of each GGUF file (its metadata; tensors are never read)."""
    weight_header_files: int = 64
    """Most weights files whose header is read."""
    weight_header_total_bytes: int = 64 * MIB
    """Budget for all header reads of one snapshot."""
    model_info_bytes: int = 128 * MIB
    """Largest model-info JSON accepted."""


def validate_repo_id(repo_id: str) -> None:
    """Check that ``repo_id`` is a Hub model id ``org/name``.

    Raises:
        UsageError: it is not.
    """
    parts = repo_id.split("/")
    ok = (
        len(parts) == 2
        and all(_ID_PART_RE.match(p) for p in parts)
        and "--" not in repo_id
        and ".." not in repo_id
    )
    if not ok:
        raise UsageError(
            f"{repo_id!r} is not a Hugging Face model id",
            hint="write it as org/name (letters, digits, '-', '_', '.'), "
            "optionally followed by @revision, e.g. acme/tiny-llm@main",
        )


def _validate_revision(revision: str, target: str) -> None:
    if (
        not _REVISION_RE.match(revision)
        or ".." in revision
        or revision.startswith("/")
        or revision.endswith(("/", ".lock"))
        or "@{" in revision
    ):
        raise UsageError(
            f"{target!r}: {revision!r} is not a valid revision",
            hint="use a branch or tag name (e.g. main, v1.0, refs/pr/3) or a 40-hex commit sha",
        )


def parse_hub_ref(target: str) -> tuple[str, str | None]:
    """Split ``org/name[@revision]`` into the repo id and the revision (``None`` if absent).

    >>> parse_hub_ref("acme/tiny-llm@v1.0")
    ('acme/tiny-llm', 'v1.0')
    >>> parse_hub_ref("acme/tiny-llm")
    ('acme/tiny-llm', None)

    Raises:
        UsageError: the repo id or the revision is malformed.
    """
    repo_id, sep, revision = target.strip().partition("@")
    validate_repo_id(repo_id)
    if not sep:
        return repo_id, None
    if not revision:
        raise UsageError(
            f"{target!r}: nothing after '@'",
            hint="write org/name@revision with a branch, tag or commit sha, or drop the '@'",
        )
    _validate_revision(revision, target)
    return repo_id, revision


class _FileMissingError(SourceError):
    """A listed file could not be fetched because the Hub says it does not exist (404)."""


class _RangeRefusedError(SourceError):
    """The Hub refused a byte range (HTTP 416)."""


def _is_text_wanted(path: str) -> tuple[bool, bool]:
    """(wanted, essential) for a repository path."""
    p = PurePosixPath(path)
    name = p.name
    lower = name.lower()
    suffix = p.suffix.lower()
    if len(p.parts) == 1 and (lower == "readme.md" or lower in _CONFIG_NAMES):
        return True, True
    if len(p.parts) <= 2 and suffix not in _NOT_LICENCE_SUFFIXES and _LICENCE_STEM_RE.search(p.stem):
        return True, True
    if len(p.parts) == 1 and suffix in _EXTRA_TEXT_SUFFIXES and lower not in _NOT_WORTH_READING:
        return True, False
    return False, False


def _safe_repo_path(path: str) -> bool:
    p = PurePosixPath(path)
    return (
        bool(path)
        and not path.startswith("/")
        and "\\" not in path
        and ".." not in p.parts
        and "\x00" not in path
    )


def _decode(path: str, data: bytes) -> tuple[str | None, SourceProblem | None]:
    """Decode a small text file; binary junk becomes a problem, not text."""
    if looks_binary(data):
        return None, SourceProblem(
            code="binary-text", path=path, message="expected a text file but found binary data"
        )
    return decode_text(data)[0], None


def _int_or_none(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


_API_KEYS = (
    "id",
    "author",
    "sha",
    "private",
    "gated",
    "disabled",
    "lastModified",
    "createdAt",
    "tags",
    "pipeline_tag",
    "library_name",
    "cardData",
    "gguf",
)


def _api_subset(info: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-able part of the model info that later stages read."""
    api = {k: info[k] for k in _API_KEYS if k in info}
    st = info.get("safetensors")
    if isinstance(st, dict):
        api["safetensors"] = {k: st[k] for k in ("parameters", "total") if k in st}
    return api


def _validate_endpoint(endpoint: str) -> None:
    """An ``http(s)://host[:port]`` URL, or a :class:`UsageError` naming what is wrong."""
    hint = "set HF_ENDPOINT to the Hub's address, such as https://huggingface.co, or unset it"
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018 - reading it checks the port (a number from 0 to 65535)
    except ValueError as e:
        raise UsageError(f"the Hub endpoint {endpoint!r} (HF_ENDPOINT) is not a valid URL: {e}",
                         hint=hint) from e
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(f"the Hub endpoint {endpoint!r} (HF_ENDPOINT) is not an http:// or "
                         "https:// URL with a host name", hint=hint)


def _validate_token(token: str) -> None:
    """A token is printable ASCII without spaces; anything else cannot be sent in an HTTP header."""
    if not (token.isascii() and token.isprintable()) or any(c.isspace() for c in token):
        raise UsageError("HF_TOKEN holds characters an access token cannot have (a token is "
                         "ASCII letters, digits and punctuation, without spaces)",
                         hint="copy the token again from your Hugging Face settings "
                         "(Access Tokens), or unset HF_TOKEN")


class HubSource:
    """Reads model repositories from the Hugging Face Hub (or a compatible endpoint).

    Args:
        endpoint: Hub base URL; defaults to ``$HF_ENDPOINT``, then ``https://huggingface.co``.
            It is passed explicitly on every call, because ``huggingface_hub`` reads
            ``HF_ENDPOINT`` only once, at import time.
        token: access token; defaults to ``$HF_TOKEN``, then the token saved by ``hf auth login``.
        cache_dir: cache root; defaults to ``$OPENGAUGE_CACHE`` or ``~/.cache/opengauge``.
        progress: called with a short human-readable message before each network step.
        read_weight_headers: read safetensors / GGUF headers with bounded ``Range`` requests.
        timeout: seconds allowed for connecting and for each read.
        deadline: seconds allowed for a whole snapshot (model info, files, headers, retries):
            a server that drips its answer slowly enough to pass every read's ``timeout``
            is stopped here.
        clock: a monotonic clock in seconds (for tests).
        retries: extra attempts after a 5xx answer or a network failure (429 is never retried).
        retry_wait: seconds before the first retry, doubled after each one.
        limits: byte and file-count bounds.
        use_cache: read and write the on-disk cache.
    """

    def __init__(
        self,
        *,
        endpoint: str | None = None,
        token: str | None = None,
        cache_dir: Path | None = None,
        progress: Callable[[str], None] | None = None,
        read_weight_headers: bool = True,
        timeout: float = 10.0,
        deadline: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        retries: int = 2,
        retry_wait: float = 0.5,
        limits: HubLimits | None = None,
        use_cache: bool = True,
    ) -> None:
        """Configure the source; nothing is contacted until :meth:`snapshot`."""
        self.endpoint = (endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")
        # (surrounding whitespace is no part of a token: a pasted or file-read one keeps a newline)
        self._token = (token or os.environ.get("HF_TOKEN") or "").strip() or None
        self._progress = progress
        self.read_weight_headers = read_weight_headers
        self.timeout = timeout
        self.deadline = deadline
        self._clock = clock
        self._stop_at = math.inf
        self.retries = max(0, retries)
        self.retry_wait = max(0.0, retry_wait)
        self.limits = limits or HubLimits()
        self._cache = HubCache(cache_dir or default_cache_dir()) if use_cache else None
        self._hf_headers: dict[str, str] | None = None

    # -- public ----------------------------------------------------------------

    def snapshot(self, repo_id: str, revision: str | None = None) -> RepoSnapshot:
        """Read ``repo_id`` at ``revision`` (default branch if ``None``), pinned to its commit sha.

        A revision that is already a 40-hex sha with a complete cache entry is
        served from the cache without any network access.

        Raises:
            UsageError: malformed repo id or revision.
            RepoNotFound: no such repository, or private and not readable with this token.
            GatedRepo: the Hub refused even the model info because the repo is gated.
            RevisionNotFound: the repository has no such branch, tag or commit.
            RateLimited: the Hub answered 429.
            SourceUnavailable: network failure, timeout, 5xx, offline mode, bad endpoint.
        """
        validate_repo_id(repo_id)
        if revision is not None:
            _validate_revision(revision, f"{repo_id}@{revision}")
        _validate_endpoint(self.endpoint)
        if self._token is not None:
            _validate_token(self._token)
        if revision is not None and _SHA_RE.match(revision) and self._cache is not None:
            cached = self._from_record(self._cache.entry(repo_id, revision))
            if cached is not None:
                self._say(f"{repo_id}@{revision[:12]}: using cached snapshot")
                return cached

        self._say(f"{repo_id}: resolving {revision or 'default branch'}")
        self._stop_at = self._clock() + self.deadline
        info = self._model_info(repo_id, revision)
        sha = info.get("sha")
        if not isinstance(sha, str) or not _SHA_RE.match(sha):
            raise SourceUnavailable(
                f"{self.endpoint} answered for {repo_id} without a commit sha; cannot pin the revision",
                hint="check that HF_ENDPOINT points at a Hugging Face Hub (or a faithful mirror)",
            )
        return _Reader(self, repo_id, sha, info).read()

    # -- helpers shared with _Reader --------------------------------------------

    def _say(self, message: str) -> None:
        if self._progress is not None:
            self._progress(message)

    def _headers(self) -> dict[str, str]:
        if self._hf_headers is None:
            # Public (documented) helper; the lazy-loading package hides the re-export from mypy.
            from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

            self._hf_headers = build_hf_headers(token=self._token, library_name="opengauge")
        return dict(self._hf_headers)

    def _file_url(self, repo_id: str, sha: str, path: str) -> str:
        return f"{self.endpoint}/{repo_id}/resolve/{sha}/{quote(path)}"

    def _model_info(self, repo_id: str, revision: str | None) -> dict[str, Any]:
        url = f"{self.endpoint}/api/models/{repo_id}"
        if revision is not None:
            url += f"/revision/{quote(revision, safe='')}"
        data, cut = self._get(
            url,
            limit=self.limits.model_info_bytes,
            params={"blobs": "true"},
            repo_id=repo_id,
            revision=revision,
        )
        if cut:
            raise SourceUnavailable(
                f"model info for {repo_id} exceeds {self.limits.model_info_bytes} bytes",
                hint="raise HubLimits.model_info_bytes if this repository really lists that many files",
            )
        try:
            info = jsontext.loads(data)
        except ValueError as e:
            raise SourceUnavailable(
                f"{self.endpoint} returned invalid JSON for the model info of {repo_id}",
                hint="check that HF_ENDPOINT points at a Hugging Face Hub (or a faithful mirror)",
            ) from e
        if not isinstance(info, dict):
            raise SourceUnavailable(
                f"{self.endpoint} returned unexpected model info for {repo_id}",
                hint="check that HF_ENDPOINT points at a Hugging Face Hub (or a faithful mirror)",
            )
        return info

    def _get(
        self,
        url: str,
        *,
        limit: int,
        repo_id: str,
        revision: str | None,
        path: str | None = None,
        byte_range: tuple[int, int] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> tuple[bytes, bool]:
        """GET at most ``limit`` bytes; return them and whether more were available.

        Retries 5xx answers and network failures ``retries`` times; maps every
        failure to an :mod:`opengauge.errors` type.
        """
        import httpx2
        from huggingface_hub import get_session, hf_raise_for_status
        from huggingface_hub.errors import HfHubHTTPError

        headers = self._headers()
        if byte_range is not None:
            headers["Range"] = f"bytes={byte_range[0]}-{byte_range[1]}"
        wait = self.retry_wait
        attempt = 0
        while True:
            attempt += 1
            self._check_deadline(repo_id, url)
            try:
                with get_session().stream(
                    "GET",
                    url,
                    headers=headers,
                    params=dict(params) if params else None,
                    timeout=self.timeout,
                    follow_redirects=True,
                ) as response:
                    hf_raise_for_status(response)
                    buf = bytearray()
                    for chunk in response.iter_bytes():
                        buf += chunk
                        if len(buf) > limit:
                            break
                        self._check_deadline(repo_id, url)
                return bytes(buf[:limit]), len(buf) > limit
            except (httpx2.HTTPError, httpx2.InvalidURL, OSError) as e:
                transient = isinstance(e, httpx2.TransportError) or (
                    isinstance(e, HfHubHTTPError)
                    and e.response is not None
                    and e.response.status_code in _TRANSIENT_STATUS
                )
                if transient and attempt <= self.retries:
                    if wait:
                        time.sleep(wait)
                    wait *= 2
                    continue
                self._raise_mapped(e, repo_id=repo_id, revision=revision, path=path)

    def _check_deadline(self, repo_id: str, url: str) -> None:
        if self._clock() > self._stop_at:
            raise SourceUnavailable(
                f"reading {repo_id} from {self.endpoint} took longer than {self.deadline:g} s; "
                f"stopped at {url}",
                hint="the server is stalled or very slow: retry later, or assess a local "
                "snapshot folder instead",
            )

    def _raise_mapped(
        self, e: Exception, *, repo_id: str, revision: str | None, path: str | None
    ) -> NoReturn:
        """Re-raise a ``huggingface_hub`` / ``httpx2`` failure as an opengauge error."""
        import httpx2
        from huggingface_hub import errors as hfe

        page = f"{self.endpoint}/{repo_id}"
        ref = f"{repo_id}@{revision}" if revision else repo_id
        what = f"{path} in {ref}" if path else ref
        server = _server_message(e)
        status = None
        if isinstance(e, hfe.HfHubHTTPError) and e.response is not None:
            status = e.response.status_code
        token_hint = (
            "the token in use was refused or cannot read it: check HF_TOKEN"
            if self._token
            else "if it is private, set HF_TOKEN to a token that can read it"
        )
        gated = GatedRepo(
            f"{ref} is gated: the Hub refused access to {path or 'the repository'}{server}",
            hint=f"accept the licence on {page} while logged in, then set HF_TOKEN "
            "to an access token of that account",
        )

        if isinstance(e, hfe.GatedRepoError):
            raise gated from e
        if isinstance(e, hfe.RevisionNotFoundError):
            raise RevisionNotFound(
                f"{repo_id} has no revision {revision!r}{server}",
                hint=f"use a branch, tag or commit sha that exists (see {page}/tree/main)",
            ) from e
        if isinstance(e, hfe.RemoteEntryNotFoundError) and path is not None:
            raise _FileMissingError(f"{what} is listed but the Hub has no such file{server}") from e
        if isinstance(e, hfe.DisabledRepoError):
            raise RepoNotFound(
                f"{repo_id} exists but access to it is disabled on {self.endpoint}{server}",
                hint="disabled repositories cannot be assessed from the Hub",
            ) from e
        if isinstance(e, hfe.RepositoryNotFoundError) and path is None:
            raise RepoNotFound(
                f"repository {repo_id} was not found on {self.endpoint}{server}",
                hint=f"check the id (org/name, as in {page}); {token_hint}",
            ) from e
        if status == 429:
            retry_after = _retry_after(e)
            wait_hint = f"wait {retry_after} s" if retry_after is not None else "wait a few minutes"
            raise RateLimited(
                f"the Hub rate-limited requests for {what} (HTTP 429){server}",
                hint=f"{wait_hint} and retry; authenticated requests (HF_TOKEN) get higher limits",
            ) from e
        if status is not None and status >= 500:
            raise SourceUnavailable(
                f"{self.endpoint} failed with HTTP {status} while reading {what}{server}",
                hint="the Hub may be having trouble: retry later, or assess a local snapshot folder",
            ) from e
        if status == 416:
            raise _RangeRefusedError(f"the Hub refused a byte range of {what}{server}") from e
        if path is not None and (
            status in (401, 403) or isinstance(e, hfe.RepositoryNotFoundError)
        ):
            raise gated from e
        if status in (401, 403):
            raise RepoNotFound(
                f"access to {repo_id} on {self.endpoint} was refused (HTTP {status}){server}",
                hint=f"check the id (org/name); {token_hint}",
            ) from e
        if status == 404:
            if path is not None:
                raise _FileMissingError(f"{what} is listed but the Hub has no such file{server}") from e
            raise RepoNotFound(
                f"repository {repo_id} was not found on {self.endpoint}{server}",
                hint=f"check the id (org/name); {token_hint}",
            ) from e
        if status is not None:
            raise SourceUnavailable(
                f"{self.endpoint} answered HTTP {status} while reading {what}{server}",
                hint="check HF_ENDPOINT and the repo id; retry later",
            ) from e
        if isinstance(e, hfe.OfflineModeIsEnabled):
            raise SourceUnavailable(
                f"cannot read {ref} from the Hub: HF_HUB_OFFLINE is set",
                hint="unset HF_HUB_OFFLINE, pass a 40-hex @revision that is cached, "
                "or assess a local snapshot folder",
            ) from e
        if isinstance(e, httpx2.TimeoutException):
            raise SourceUnavailable(
                f"{self.endpoint} did not answer within {self.timeout:g} s while reading {what}",
                hint="check the network connection and HF_ENDPOINT; offline, assess a local "
                "snapshot folder instead",
            ) from e
        if isinstance(e, (httpx2.HTTPError, httpx2.InvalidURL, OSError)):
            raise SourceUnavailable(
                f"cannot reach {self.endpoint} while reading {what}: {e}",
                hint="check the network connection and HF_ENDPOINT; offline, assess a local "
                "snapshot folder instead",
            ) from e
        raise e

    def _from_record(self, entry: CacheEntry) -> RepoSnapshot | None:
        """Rebuild a snapshot from a complete cache record, or ``None``."""
        record = entry.read_record()
        if record is None:
            return None
        if self.read_weight_headers and not record.get("weight_headers"):
            return None
        try:
            texts: dict[str, str] = {}
            truncated: set[str] = set()
            for path in record["texts"]:
                blob = entry.read_text(path)
                if blob is None:
                    return None
                text, _ = _decode(path, blob[0])
                if text is None:
                    return None
                texts[path] = text
                if blob[1]:
                    truncated.add(path)
            headers: dict[str, bytes] = {}
            if self.read_weight_headers:
                for path in record["headers"]:
                    data = entry.read_header(path)
                    if data is None:
                        return None
                    headers[path] = data
            files = tuple(
                FileEntry(
                    path=f["path"],
                    size=f.get("size"),
                    lfs_sha256=f.get("lfs_sha256"),
                    present=f["path"] in texts,
                )
                for f in record["files"]
            )
            problems = tuple(
                SourceProblem(code=p["code"], path=p["path"], message=p["message"])
                for p in record["problems"]
            )
            return RepoSnapshot(
                repo_id=record["repo_id"],
                source=SourceKind.HUB,
                revision=record["sha"],
                revision_pinned=True,
                location=record["location"],
                files=files,
                texts=texts,
                truncated=frozenset(truncated),
                headers=headers,
                api=record["api"],
                problems=problems,
            )
        except (KeyError, TypeError):
            return None


def _server_message(e: Exception) -> str:
    msg = getattr(e, "server_message", None)
    if not isinstance(msg, str) or not msg.strip():
        return ""
    msg = " ".join(msg.split())
    return f" (Hub: {msg[:200]})"


def _retry_after(e: Exception) -> int | None:
    response = getattr(e, "response", None)
    value = response.headers.get("Retry-After") if response is not None else None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        # (ASCII only: int() refuses "²", which isdigit accepts; a day is plenty of wait)
        return min(int(value.strip()[:9]), 86_400)
    return None


class _Reader:
    """One snapshot read of (repo, sha): fetches, caches, and assembles the snapshot."""

    def __init__(self, src: HubSource, repo_id: str, sha: str, info: dict[str, Any]) -> None:
        self.src = src
        self.repo_id = repo_id
        self.sha = sha
        self.api = _api_subset(info)
        self.entry = src._cache.entry(repo_id, sha) if src._cache is not None else None
        self.problems: list[SourceProblem] = []
        self.texts: dict[str, str] = {}
        self.truncated: set[str] = set()
        self.headers: dict[str, bytes] = {}
        self.refused = False
        self.files = self._listing(info.get("siblings"))

    def _listing(self, siblings: object) -> tuple[FileEntry, ...]:
        files: dict[str, FileEntry] = {}
        for s in siblings if isinstance(siblings, list) else ():
            if not isinstance(s, dict):
                continue
            path = s.get("rfilename")
            if not isinstance(path, str):
                continue
            if not _safe_repo_path(path):
                self.problems.append(
                    SourceProblem(
                        code="unsafe-listing-path",
                        path=path[:300],
                        message="the Hub listing holds a path that could escape the repository; ignored",
                    )
                )
                continue
            raw_lfs = s.get("lfs")
            lfs: dict[str, Any] = raw_lfs if isinstance(raw_lfs, dict) else {}
            sha256 = lfs.get("sha256")
            size = _int_or_none(s.get("size"))
            if size is None:
                size = _int_or_none(lfs.get("size"))
            files[path] = FileEntry(
                path=path,
                size=size,
                lfs_sha256=sha256 if isinstance(sha256, str) else None,
            )
        return tuple(files[p] for p in sorted(files))

    # -- orchestration -------------------------------------------------------------

    def read(self) -> RepoSnapshot:
        src = self.src
        self._read_texts()
        header_paths: list[str] = []
        if src.read_weight_headers:
            header_paths = self._read_headers()
        if self.refused and not self.api.get("gated"):
            self.api["gated"] = True
        files = tuple(
            FileEntry(path=f.path, size=f.size, lfs_sha256=f.lfs_sha256, present=f.path in self.texts)
            for f in self.files
        )
        location = f"{src.endpoint}/{self.repo_id}/tree/{self.sha}"
        snap = RepoSnapshot(
            repo_id=self.repo_id,
            source=SourceKind.HUB,
            revision=self.sha,
            revision_pinned=True,
            location=location,
            files=files,
            texts=dict(self.texts),
            truncated=frozenset(self.truncated),
            headers=dict(self.headers),
            api=self.api,
            problems=tuple(self.problems),
        )
        if self.entry is not None and not self.refused:
            self.entry.write_record(
                {
                    "repo_id": self.repo_id,
                    "sha": self.sha,
                    "location": location,
                    "api": self.api,
                    "files": [
                        {"path": f.path, "size": f.size, "lfs_sha256": f.lfs_sha256}
                        for f in self.files
                    ],
                    "texts": sorted(self.texts),
                    "headers": sorted(set(header_paths) & set(self.headers)),
                    "weight_headers": src.read_weight_headers,
                    "problems": [
                        {"code": p.code, "path": p.path, "message": p.message} for p in self.problems
                    ],
                }
            )
        return snap

    def _refuse(self, path: str, err: SourceError | None = None) -> None:
        self.refused = True
        detail = str(err) if err is not None else "not fetched: the Hub refused earlier files of this gated repo"
        self.problems.append(SourceProblem(code="gated", path=path, message=detail))

    # -- texts ---------------------------------------------------------------------

    def _read_texts(self) -> None:
        cap = self.src.limits.text_bytes
        essential: list[FileEntry] = []
        extra: list[FileEntry] = []
        for f in self.files:
            wanted, must = _is_text_wanted(f.path)
            if wanted:
                (essential if must else extra).append(f)
        chosen = list(essential)
        for f in extra:
            if f.size is not None and f.size > cap:
                self.problems.append(
                    SourceProblem(
                        code="too-large",
                        path=f.path,
                        message=f"{f.size} bytes, over the {cap}-byte limit for optional texts; not read",
                    )
                )
            elif len(chosen) - len(essential) >= self.src.limits.extra_texts:
                self.problems.append(
                    SourceProblem(
                        code="too-many-files",
                        path=f.path,
                        message=f"more than {self.src.limits.extra_texts} optional texts; not read",
                    )
                )
            else:
                chosen.append(f)
        for f in chosen:
            self._read_text(f.path, cap)

    def _read_text(self, path: str, cap: int) -> None:
        cached = self.entry.read_text(path) if self.entry is not None else None
        if cached is not None:
            data, cut = cached
        elif self.refused:
            self._refuse(path)
            return
        else:
            self.src._say(f"{self.repo_id}: fetching {path}")
            try:
                data, cut = self.src._get(
                    self.src._file_url(self.repo_id, self.sha, path),
                    limit=cap,
                    repo_id=self.repo_id,
                    revision=self.sha,
                    path=path,
                )
            except GatedRepo as e:
                self._refuse(path, e)
                return
            except _FileMissingError as e:
                self.problems.append(SourceProblem(code="missing-file", path=path, message=str(e)))
                return
            if self.entry is not None:
                self.entry.write_text(path, data, truncated=cut)
        text, problem = _decode(path, data)
        if problem is not None:
            self.problems.append(problem)
            return
        assert text is not None
        self.texts[path] = text
        if cut:
            self.truncated.add(path)
            self.problems.append(
                SourceProblem(code="truncated", path=path, message=f"cut at {cap} bytes")
            )

    # -- weight headers -------------------------------------------------------------

    def _read_headers(self) -> list[str]:
        limits = self.src.limits
        candidates = [f for f in self.files if f.path.lower().endswith(_HEADER_SUFFIXES)]
        budget = limits.weight_header_total_bytes
        done: list[str] = []
        skipped: list[str] = []
        for f in candidates:
            if len(done) >= limits.weight_header_files or budget <= 0:
                skipped.append(f.path)
                continue
            done.append(f.path)
            budget -= self._read_header(f)
        if skipped:
            self.problems.append(
                SourceProblem(
                    code="headers-skipped",
                    path=skipped[0],
                    message=f"headers of {len(skipped)} more weights files not read "
                    f"(limit {limits.weight_header_files} files / "
                    f"{limits.weight_header_total_bytes} bytes)",
                )
            )
        return done

    def _read_header(self, f: FileEntry) -> int:
        """Read one weights header into ``self.headers``; return the bytes it cost."""
        cached = self.entry.read_header(f.path) if self.entry is not None else None
        if cached is not None:
            self.headers[f.path] = cached
            return 0
        if self.refused:
            self._refuse(f.path)
            return 0
        self.src._say(f"{self.repo_id}: reading header of {f.path}")
        try:
            if f.path.lower().endswith(".safetensors"):
                data = self._safetensors_header(f)
            else:
                data = self._gguf_prefix(f)
        except GatedRepo as e:
            self._refuse(f.path, e)
            return 0
        except (_FileMissingError, _RangeRefusedError) as e:
            self.problems.append(SourceProblem(code="header-unreadable", path=f.path, message=str(e)))
            return 0
        if data is None:
            return 8
        self.headers[f.path] = data
        if self.entry is not None:
            self.entry.write_header(f.path, data)
        return len(data)

    def _fetch_prefix(self, f: FileEntry, length: int) -> bytes:
        data, _ = self.src._get(
            self.src._file_url(self.repo_id, self.sha, f.path),
            limit=length,
            repo_id=self.repo_id,
            revision=self.sha,
            path=f.path,
            byte_range=(0, length - 1),
        )
        return data

    def _bad_header(self, f: FileEntry, code: str, message: str) -> None:
        self.problems.append(SourceProblem(code=code, path=f.path, message=message))

    def _safetensors_header(self, f: FileEntry) -> bytes | None:
        cap = self.src.limits.safetensors_header_bytes
        head = self._fetch_prefix(f, 8)
        if len(head) < 8:
            self._bad_header(f, "header-invalid", f"only {len(head)} bytes; not a safetensors file")
            return None
        n = int.from_bytes(head, "little")
        if n > cap:
            self._bad_header(
                f,
                "header-too-large",
                f"declares a {n}-byte header, over the {cap}-byte limit; not read",
            )
            return None
        if f.size is not None and n + 8 > f.size:
            self._bad_header(
                f, "header-invalid", f"declares a {n}-byte header in a {f.size}-byte file"
            )
            return None
        data = self._fetch_prefix(f, 8 + n)
        if len(data) < 8 + n:
            self._bad_header(f, "header-invalid", "the file ends inside its header")
            return None
        if data[8:9] != b"{":
            self._bad_header(f, "header-invalid", "the header is not a JSON object")
            return None
        return data

    def _gguf_prefix(self, f: FileEntry) -> bytes | None:
        length = self.src.limits.gguf_prefix_bytes
        if f.size is not None:
            length = min(length, f.size)
        if length < 4:
            self._bad_header(f, "header-invalid", "too small to be a GGUF file")
            return None
        data = self._fetch_prefix(f, length)
        if not data.startswith(b"GGUF"):
            self._bad_header(f, "header-invalid", "missing the GGUF magic bytes")
            return None
        return data


def snapshot(
    target: str,
    *,
    revision: str | None = None,
    source: HubSource | None = None,
) -> RepoSnapshot:
    """Convenience: parse ``org/name[@rev]`` and read it with ``source`` (a default one if ``None``).

    An explicit ``revision`` wins over an ``@rev`` in ``target``.
    """
    repo_id, ref_revision = parse_hub_ref(target)
    return (source or HubSource()).snapshot(repo_id, revision or ref_revision)

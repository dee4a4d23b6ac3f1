"""The Hub source end to end against a fake Hub over real HTTP (tests/hubserver.py)."""

from __future__ import annotations

import hashlib
import json
import socket
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from opengauge.errors import (
    GatedRepo,
    RateLimited,
    RepoNotFound,
    RevisionNotFound,
    SourceUnavailable,
    UsageError,
)
from opengauge.sources.huggingface import HubLimits, HubSource, parse_hub_ref
from opengauge.types import SourceKind
from tests import hubserver
from tests.hubserver import FIXTURES, FakeHub, gguf_bytes, safetensors_bytes

TINY = "acme/tiny-llm"
TINY_SHA = "3f2a9c1e5b7d4f6a8c0e2b4d6f8a1c3e5b7d9f0a"
GATED = "acme/gated-llm"
V1_SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
V2_SHA = "0fedcba98765432100fedcba9876543210abcdef"
TINY_TEXTS = {
    "README.md",
    "LICENSE",
    "config.json",
    "generation_config.json",
    "tokenizer_config.json",
    "NOTES.txt",
}


@pytest.fixture(autouse=True)
def _hermetic_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    monkeypatch.setenv("OPENGAUGE_CACHE", str(tmp_path / "env-cache"))


def test_shared_fixtures_exist() -> None:
    assert callable(hubserver.fake_hub) and callable(hubserver.hub_server)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def make_source(hub: FakeHub, cache_dir: Path, **kw: object) -> HubSource:
    kw.setdefault("retry_wait", 0.0)
    return HubSource(endpoint=hub.url, cache_dir=cache_dir, **kw)  # type: ignore[arg-type]


@pytest.fixture
def dead_endpoint() -> Iterator[str]:
    """A local port that refuses connections."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    yield f"http://127.0.0.1:{port}"


# -- parse_hub_ref ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("acme/tiny-llm", ("acme/tiny-llm", None)),
        ("  acme/tiny-llm  ", ("acme/tiny-llm", None)),
        ("acme/tiny-llm@main", ("acme/tiny-llm", "main")),
        ("acme/tiny-llm@v1.0", ("acme/tiny-llm", "v1.0")),
        ("acme/tiny-llm@refs/pr/3", ("acme/tiny-llm", "refs/pr/3")),
        (f"Org_1/Name.v2@{TINY_SHA}", ("Org_1/Name.v2", TINY_SHA)),
    ],
)
def test_parse_hub_ref_accepts(target: str, expected: tuple[str, str | None]) -> None:
    assert parse_hub_ref(target) == expected


@pytest.mark.parametrize(
    "target",
    [
        "",
        "tiny-llm",
        "acme/tiny/llm",
        "/tiny-llm",
        "acme/",
        "acme/tiny llm",
        "acme/tiny--llm",
        "acme/..",
        "acme/-tiny",
        "acme/tiny-llm@",
        "acme/tiny-llm@a..b",
        "acme/tiny-llm@has space",
        "acme/tiny-llm@branch/",
        "https://huggingface.co/acme/tiny-llm",
    ],
)
def test_parse_hub_ref_rejects_with_usage_error(target: str) -> None:
    with pytest.raises(UsageError) as exc:
        parse_hub_ref(target)
    assert exc.value.hint  # says what a valid reference looks like


def test_snapshot_validates_arguments_before_any_request(fake_hub: FakeHub, cache_dir: Path) -> None:
    src = make_source(fake_hub, cache_dir)
    with pytest.raises(UsageError):
        src.snapshot("not-an-id", None)
    with pytest.raises(UsageError):
        src.snapshot(TINY, "bad rev")
    assert fake_hub.requests == []


# -- resolve, pin, select -------------------------------------------------------------


def test_snapshot_pins_every_read_to_the_resolved_sha(fake_hub: FakeHub, cache_dir: Path) -> None:
    snap = make_source(fake_hub, cache_dir).snapshot(TINY, None)

    assert snap.repo_id == TINY
    assert snap.source is SourceKind.HUB
    assert snap.revision == TINY_SHA
    assert snap.revision_pinned is True
    assert snap.location == f"{fake_hub.url}/{TINY}/tree/{TINY_SHA}"
    info_calls = [r for r in fake_hub.requests if r.path.startswith("/api/")]
    assert [r.path for r in info_calls] == [f"/api/models/{TINY}"]
    assert "blobs=true" in info_calls[0].query
    file_gets = fake_hub.file_requests()
    assert file_gets
    assert all(r.path.startswith(f"/{TINY}/resolve/{TINY_SHA}/") for r in file_gets)


def test_snapshot_fetches_small_texts_and_never_weights(fake_hub: FakeHub, cache_dir: Path) -> None:
    snap = make_source(fake_hub, cache_dir).snapshot(TINY, None)

    assert set(snap.texts) == TINY_TEXTS
    assert snap.texts["README.md"].startswith("---\nlicense: apache-2.0\n")
    assert json.loads(snap.texts["config.json"])["model_type"] == "tiny"
    assert snap.problems == ()
    assert snap.truncated == frozenset()

    fetched = fake_hub.fetched_paths()
    assert set(fetched) == TINY_TEXTS | {"model.safetensors"}
    assert "pytorch_model.bin" not in fetched and "train.py" not in fetched
    assert not fake_hub.file_requests("HEAD")
    weights = [r for r in fake_hub.file_requests() if r.path.endswith(".safetensors")]
    assert all(r.range is not None and r.range.startswith("bytes=0-") for r in weights)
    weights_bytes = (FIXTURES / "acme__tiny-llm" / "revisions" / TINY_SHA / "model.safetensors").read_bytes()
    header_len = 8 + struct.unpack("<Q", weights_bytes[:8])[0]
    assert [r.body_bytes for r in weights] == [8, header_len]  # the header, not the tensors
    assert header_len < len(weights_bytes)


def test_snapshot_lists_every_file_with_hub_metadata(fake_hub: FakeHub, cache_dir: Path) -> None:
    snap = make_source(fake_hub, cache_dir).snapshot(TINY, None)
    folder = FIXTURES / "acme__tiny-llm" / "revisions" / TINY_SHA
    on_disk = {p.name: p.read_bytes() for p in folder.iterdir()}

    assert [f.path for f in snap.files] == sorted(on_disk)
    by_path = {f.path: f for f in snap.files}
    for name, data in on_disk.items():
        assert by_path[name].size == len(data)
        assert by_path[name].present is (name in TINY_TEXTS)
    weights = by_path["model.safetensors"]
    assert weights.lfs_sha256 == hashlib.sha256(on_disk["model.safetensors"]).hexdigest()
    assert by_path["README.md"].lfs_sha256 is None
    assert snap.has_file("pytorch_model.bin")


def test_safetensors_header_is_real_and_bounded(fake_hub: FakeHub, cache_dir: Path) -> None:
    snap = make_source(fake_hub, cache_dir).snapshot(TINY, None)
    data = snap.headers["model.safetensors"]
    (n,) = struct.unpack("<Q", data[:8])
    assert len(data) == 8 + n
    header = json.loads(data[8:])
    assert header["embed.weight"] == {"dtype": "F32", "shape": [3, 2], "data_offsets": [0, 24]}
    assert header["__metadata__"] == {"format": "pt"}


def test_api_subset_is_json_and_carries_hub_metadata(fake_hub: FakeHub, cache_dir: Path) -> None:
    snap = make_source(fake_hub, cache_dir).snapshot(TINY, None)
    api = snap.api
    assert api is not None
    json.dumps(api)  # JSON-able
    assert api["sha"] == TINY_SHA
    assert api["gated"] is False
    assert api["private"] is False
    assert api["cardData"]["license"] == "apache-2.0"
    assert api["safetensors"] == {"parameters": {"F32": 12}, "total": 12}
    assert api["pipeline_tag"] == "text-generation"
    assert api["library_name"] == "transformers"
    assert api["lastModified"] == "2024-05-01T12:00:00.000Z"
    assert "siblings" not in api


def test_weight_headers_can_be_switched_off(fake_hub: FakeHub, cache_dir: Path) -> None:
    snap = make_source(fake_hub, cache_dir, read_weight_headers=False).snapshot(TINY, None)
    assert snap.headers == {}
    assert "model.safetensors" not in fake_hub.fetched_paths()


# -- revisions ------------------------------------------------------------------------


def test_revision_tag_resolves_to_its_commit(fake_hub: FakeHub, cache_dir: Path) -> None:
    src = make_source(fake_hub, cache_dir)
    old = src.snapshot("acme/two-revs", "v1.0")
    new = src.snapshot("acme/two-revs", None)

    assert old.revision == V1_SHA
    assert new.revision == V2_SHA
    assert "license: mit" in old.texts["README.md"]
    assert "license: apache-2.0" in new.texts["README.md"]
    assert not old.has_file("LICENSE") and new.has_file("LICENSE")
    assert "/api/models/acme/two-revs/revision/v1.0" in [r.path for r in fake_hub.requests]
    assert all(
        f"/resolve/{V1_SHA}/" in r.path or f"/resolve/{V2_SHA}/" in r.path
        for r in fake_hub.file_requests()
    )


def test_unknown_revision_raises_revision_not_found(fake_hub: FakeHub, cache_dir: Path) -> None:
    with pytest.raises(RevisionNotFound) as exc:
        make_source(fake_hub, cache_dir).snapshot("acme/two-revs", "v9")
    assert "'v9'" in str(exc.value) and "acme/two-revs" in str(exc.value)
    assert "branch, tag or commit" in exc.value.hint
    from huggingface_hub.errors import RevisionNotFoundError

    assert isinstance(exc.value.__cause__, RevisionNotFoundError)


# -- cache ----------------------------------------------------------------------------


def test_second_snapshot_reads_files_from_cache(fake_hub: FakeHub, cache_dir: Path) -> None:
    first = make_source(fake_hub, cache_dir).snapshot(TINY, None)
    fake_hub.requests.clear()

    second = make_source(fake_hub, cache_dir).snapshot(TINY, "main")

    assert [r.path for r in fake_hub.requests] == [f"/api/models/{TINY}/revision/main"]
    assert second == first
    assert not list(cache_dir.rglob(".tmp-*")), "no temporary files left behind"


def test_cached_sha_is_served_fully_offline(
    fake_hub: FakeHub, cache_dir: Path, dead_endpoint: str
) -> None:
    first = make_source(fake_hub, cache_dir).snapshot(TINY, None)

    offline = HubSource(endpoint=dead_endpoint, cache_dir=cache_dir, retries=0)
    again = offline.snapshot(TINY, TINY_SHA)

    assert again.texts == first.texts
    assert again.headers == first.headers
    assert again.files == first.files
    assert again.api == first.api


def test_sha_not_in_cache_still_asks_the_hub(fake_hub: FakeHub, cache_dir: Path) -> None:
    snap = make_source(fake_hub, cache_dir).snapshot("acme/two-revs", V1_SHA)
    assert snap.revision == V1_SHA
    assert fake_hub.requests[0].path == f"/api/models/acme/two-revs/revision/{V1_SHA}"


def test_no_cache_means_no_cache_files(fake_hub: FakeHub, tmp_path: Path) -> None:
    HubSource(endpoint=fake_hub.url, use_cache=False).snapshot(TINY, None)
    assert not (tmp_path / "env-cache").exists()


def test_default_cache_dir_comes_from_opengauge_cache(fake_hub: FakeHub, tmp_path: Path) -> None:
    HubSource(endpoint=fake_hub.url).snapshot(TINY, None)
    assert (tmp_path / "env-cache" / "hub" / "acme--tiny-llm" / TINY_SHA / "snapshot.json").is_file()


# -- gated repositories ---------------------------------------------------------------


def test_gated_repo_without_access_still_yields_metadata(fake_hub: FakeHub, cache_dir: Path) -> None:
    snap = make_source(fake_hub, cache_dir).snapshot(GATED, None)

    assert snap.revision_pinned and len(snap.revision) == 40
    assert snap.api is not None and snap.api["gated"] == "manual"
    assert snap.api["cardData"]["license_name"] == "acme-community-licence"
    assert snap.texts == {} and snap.headers == {}
    assert {f.path for f in snap.files} == {"README.md", "LICENSE", "config.json", "model.safetensors"}
    gated = {p.path for p in snap.problems if p.code == "gated"}
    assert gated == {"README.md", "LICENSE", "config.json", "model.safetensors"}
    assert len(fake_hub.file_requests()) == 1, "stops asking after the first refusal"


def test_gated_repo_with_granted_token_reads_files(
    fake_hub: FakeHub, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_source(fake_hub, cache_dir).snapshot(GATED, None)  # refused run must not poison the cache
    monkeypatch.setenv("HF_TOKEN", "hf_granted_token")
    snap = make_source(fake_hub, cache_dir).snapshot(GATED, None)

    assert "acme-community-licence" in snap.texts["README.md"]
    assert "model.safetensors" in snap.headers
    assert not [p for p in snap.problems if p.code == "gated"]
    assert fake_hub.requests[-1].authorization == "Bearer hf_granted_token"


def test_gated_repo_with_ungranted_token_is_refused_per_file(
    fake_hub: FakeHub, cache_dir: Path
) -> None:
    snap = make_source(fake_hub, cache_dir, token="hf_someone_else").snapshot(GATED, None)
    assert {p.code for p in snap.problems} == {"gated"}
    assert fake_hub.file_requests()[0].status == 403


def test_model_info_refused_for_gated_repo_raises_gated(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.fail(r"^/api/models/acme/gated-llm", 403, code="GatedRepo", message="Gated repo")
    with pytest.raises(GatedRepo) as exc:
        make_source(fake_hub, cache_dir).snapshot(GATED, None)
    assert "acme/gated-llm" in str(exc.value)
    assert "accept the licence" in exc.value.hint and "HF_TOKEN" in exc.value.hint
    from huggingface_hub.errors import GatedRepoError

    assert isinstance(exc.value.__cause__, GatedRepoError)


# -- error mapping --------------------------------------------------------------------


def test_missing_repo_raises_repo_not_found(fake_hub: FakeHub, cache_dir: Path) -> None:
    with pytest.raises(RepoNotFound) as exc:
        make_source(fake_hub, cache_dir).snapshot("acme/does-not-exist", None)
    assert not isinstance(exc.value, GatedRepo)
    assert "acme/does-not-exist" in str(exc.value)
    assert "HF_TOKEN" in exc.value.hint and "org/name" in exc.value.hint
    from huggingface_hub.errors import RepositoryNotFoundError

    assert isinstance(exc.value.__cause__, RepositoryNotFoundError)


def test_private_repo_needs_a_token(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.add_repo("acme/private", {"README.md": b"# secret\n"}, info={"private": True}, tokens=("hf_mine",))
    with pytest.raises(RepoNotFound):
        make_source(fake_hub, cache_dir).snapshot("acme/private", None)
    snap = make_source(fake_hub, cache_dir, token="hf_mine").snapshot("acme/private", None)
    assert snap.texts["README.md"] == "# secret\n"
    assert snap.api is not None and snap.api["private"] is True


def test_bare_401_on_model_info_is_repo_not_found(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.fail(r"^/api/models/", 401, message="Invalid credentials in Authorization header")
    with pytest.raises(RepoNotFound) as exc:
        make_source(fake_hub, cache_dir, token="hf_bad").snapshot(TINY, None)
    assert "refused" in str(exc.value) and "HF_TOKEN" in exc.value.hint


def test_rate_limit_raises_rate_limited_without_retrying(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.fail(r"^/api/models/", 429, message="Too many requests", headers={"Retry-After": "7"})
    with pytest.raises(RateLimited) as exc:
        make_source(fake_hub, cache_dir).snapshot(TINY, None)
    assert "429" in str(exc.value)
    assert "wait 7 s" in exc.value.hint and "HF_TOKEN" in exc.value.hint
    assert len(fake_hub.requests) == 1


@pytest.mark.parametrize(("header", "hint"), [
    ("9" * 5000, "wait 86400 s"),  # (int() refuses over 4300 digits; a day is the cap)
    ("\u00b2", "wait a few minutes"),  # (isdigit, but int() refuses it)
    ("soon", "wait a few minutes"),
])
def test_rate_limit_with_an_odd_retry_after(fake_hub: FakeHub, cache_dir: Path, header: str,
                                            hint: str) -> None:
    fake_hub.fail(r"^/api/models/", 429, headers={"Retry-After": header})
    with pytest.raises(RateLimited) as exc:
        make_source(fake_hub, cache_dir).snapshot(TINY, None)
    assert exc.value.hint.startswith(hint)


def test_rate_limit_on_a_file_aborts_the_snapshot(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.fail(r"/resolve/.*/README\.md$", 429)
    with pytest.raises(RateLimited):
        make_source(fake_hub, cache_dir).snapshot(TINY, None)


def test_entry_not_found_on_model_info_is_repo_not_found(fake_hub: FakeHub, cache_dir: Path) -> None:
    """An EntryNotFound code on the model-info route names no file: the repository is missing
    (before, the message said the repository id was "listed but the Hub has no such file")."""
    fake_hub.fail(r"^/api/models/", 404, code="EntryNotFound", message="no entry")
    with pytest.raises(RepoNotFound) as exc:
        make_source(fake_hub, cache_dir).snapshot(TINY, None)
    assert "was not found" in str(exc.value) and "listed" not in str(exc.value)


def test_server_error_is_retried_then_source_unavailable(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.fail(r"^/api/models/", 500, message="boom")
    with pytest.raises(SourceUnavailable) as exc:
        make_source(fake_hub, cache_dir, retries=2).snapshot(TINY, None)
    assert "HTTP 500" in str(exc.value) and "local snapshot folder" in exc.value.hint
    assert len(fake_hub.requests) == 3
    from huggingface_hub.errors import HfHubHTTPError

    assert isinstance(exc.value.__cause__, HfHubHTTPError)


def test_transient_server_error_recovers(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.fail(r"/resolve/.*/config\.json$", 503, times=1)
    snap = make_source(fake_hub, cache_dir, retries=1).snapshot(TINY, None)
    assert "config.json" in snap.texts


def test_server_error_on_a_file_leaves_no_complete_cache_record(
    fake_hub: FakeHub, cache_dir: Path
) -> None:
    fake_hub.fail(r"/resolve/.*/model\.safetensors$", 502)
    with pytest.raises(SourceUnavailable):
        make_source(fake_hub, cache_dir, retries=0).snapshot(TINY, None)
    assert not list(cache_dir.rglob("snapshot.json"))
    assert not list(cache_dir.rglob(".tmp-*"))


def test_connection_refused_is_source_unavailable(dead_endpoint: str, cache_dir: Path) -> None:
    src = HubSource(endpoint=dead_endpoint, cache_dir=cache_dir, retries=0)
    with pytest.raises(SourceUnavailable) as exc:
        src.snapshot(TINY, None)
    assert dead_endpoint in str(exc.value)
    assert "HF_ENDPOINT" in exc.value.hint and "local snapshot folder" in exc.value.hint
    assert exc.value.__cause__ is not None


def test_silent_server_times_out_as_source_unavailable(cache_dir: Path) -> None:
    with socket.socket() as s:  # accepts connections (backlog) but never answers
        s.bind(("127.0.0.1", 0))
        s.listen(4)
        endpoint = f"http://127.0.0.1:{s.getsockname()[1]}"
        src = HubSource(endpoint=endpoint, cache_dir=cache_dir, timeout=0.2, retries=0)
        with pytest.raises(SourceUnavailable) as exc:
            src.snapshot(TINY, None)
    assert "did not answer within 0.2 s" in str(exc.value)


def test_a_snapshot_that_outlasts_its_deadline_stops(fake_hub: FakeHub, cache_dir: Path) -> None:
    """A server that drips each answer slowly enough to pass every read's timeout is stopped
    by the snapshot's deadline. The clock is a counter (one second per look), not real time."""
    ticks = iter(range(1_000_000))
    src = make_source(fake_hub, cache_dir, deadline=4.0, clock=lambda: float(next(ticks)))
    with pytest.raises(SourceUnavailable) as exc:
        src.snapshot(TINY, None)
    assert f"reading {TINY} from {fake_hub.url} took longer than 4 s; stopped at" in str(exc.value)
    assert "retry later" in exc.value.hint
    assert not list(cache_dir.rglob("snapshot.json"))  # no record of a partial read
    # the same source, given time, reads the repository
    src.deadline = 1_000_000.0
    assert src.snapshot(TINY, None).revision == TINY_SHA


def test_listed_file_missing_on_the_hub_becomes_a_problem(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.fail(r"/resolve/.*/NOTES\.txt$", 404, code="EntryNotFound", message="not here")
    snap = make_source(fake_hub, cache_dir).snapshot(TINY, None)
    assert "NOTES.txt" not in snap.texts
    assert [(p.code, p.path) for p in snap.problems] == [("missing-file", "NOTES.txt")]


def test_non_hub_answer_without_sha_is_source_unavailable(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.add_repo("acme/nosha", {"README.md": b"x"}, info={"sha": None})
    with pytest.raises(SourceUnavailable, match="without a commit sha"):
        make_source(fake_hub, cache_dir).snapshot("acme/nosha", None)


# -- environment ----------------------------------------------------------------------


def test_endpoint_and_token_come_from_the_environment(
    fake_hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_ENDPOINT", fake_hub.url + "/")
    monkeypatch.setenv("HF_TOKEN", "hf_from_env")
    src = HubSource()  # huggingface_hub read HF_ENDPOINT at import time; we read it now
    assert src.endpoint == fake_hub.url
    snap = src.snapshot(TINY, None)
    assert snap.revision == TINY_SHA
    assert {r.authorization for r in fake_hub.requests} == {"Bearer hf_from_env"}


def test_hub_server_fixture_is_the_base_url(hub_server: str) -> None:
    assert hub_server.startswith("http://127.0.0.1:")
    assert HubSource(endpoint=hub_server, use_cache=False).snapshot(TINY, None).revision == TINY_SHA


def test_progress_reports_network_steps(fake_hub: FakeHub, cache_dir: Path) -> None:
    seen: list[str] = []
    make_source(fake_hub, cache_dir, progress=seen.append).snapshot(TINY, None)
    assert seen[0] == f"{TINY}: resolving default branch"
    assert f"{TINY}: fetching README.md" in seen


# -- hostile or unusual repositories ---------------------------------------------------


def test_absurd_safetensors_header_is_rejected_after_8_bytes(
    fake_hub: FakeHub, cache_dir: Path
) -> None:
    claim = struct.pack("<Q", 8 * 1024**3) + b'{"a":' + b" " * 100
    fake_hub.add_repo("acme/liar", {"model.safetensors": claim, "README.md": b"# liar\n"})
    snap = make_source(fake_hub, cache_dir).snapshot("acme/liar", None)

    assert "model.safetensors" not in snap.headers
    assert [p.code for p in snap.problems] == ["header-too-large"]
    weights = [r for r in fake_hub.file_requests() if r.path.endswith(".safetensors")]
    assert [r.body_bytes for r in weights] == [8]


def test_truncated_and_skipped_texts(fake_hub: FakeHub, cache_dir: Path) -> None:
    fake_hub.add_repo(
        "acme/big",
        {
            "README.md": b"---\nlicense: mit\n---\n" + b"word " * 400,
            "CHANGELOG.md": b"x" * 500,
            "junk.txt": b"\x00\x01\x02binary",
            "notes.txt": b"short",
        },
    )
    limits = HubLimits(text_bytes=256)
    snap = make_source(fake_hub, cache_dir, limits=limits).snapshot("acme/big", None)

    assert snap.truncated == frozenset({"README.md"})
    assert len(snap.texts["README.md"]) == 256
    assert "CHANGELOG.md" not in snap.texts and "junk.txt" not in snap.texts
    assert snap.texts["notes.txt"] == "short"
    codes = {(p.code, p.path) for p in snap.problems}
    assert codes == {
        ("truncated", "README.md"),
        ("too-large", "CHANGELOG.md"),
        ("binary-text", "junk.txt"),
    }
    assert "CHANGELOG.md" not in fake_hub.fetched_paths()
    readme = next(r for r in fake_hub.file_requests() if r.path.endswith("README.md"))
    assert readme.status == 200


def test_gguf_prefix_is_read_with_a_bounded_range(fake_hub: FakeHub, cache_dir: Path) -> None:
    blob = gguf_bytes({"general.architecture": "tiny", "general.license": "mit"}, tail=4096)
    fake_hub.add_repo("acme/gguf", {"tiny.Q4_K_M.gguf": blob, "fake.gguf": b"NOPE" + b"\0" * 64})
    limits = HubLimits(gguf_prefix_bytes=128)
    snap = make_source(fake_hub, cache_dir, limits=limits).snapshot("acme/gguf", None)

    assert snap.headers["tiny.Q4_K_M.gguf"] == blob[:128]
    assert "fake.gguf" not in snap.headers
    assert [(p.code, p.path) for p in snap.problems] == [("header-invalid", "fake.gguf")]
    assert all(r.body_bytes <= 128 for r in fake_hub.file_requests())


def test_header_budget_limits_the_number_of_weight_files(fake_hub: FakeHub, cache_dir: Path) -> None:
    st = safetensors_bytes({"w": ("F16", [2])})
    files = {f"model-{i:05d}-of-00005.safetensors": st for i in range(1, 6)}
    fake_hub.add_repo("acme/shards", files)
    limits = HubLimits(weight_header_files=2)
    snap = make_source(fake_hub, cache_dir, limits=limits).snapshot("acme/shards", None)

    assert sorted(snap.headers) == ["model-00001-of-00005.safetensors", "model-00002-of-00005.safetensors"]
    assert [(p.code, p.path) for p in snap.problems] == [
        ("headers-skipped", "model-00003-of-00005.safetensors")
    ]


def test_unsafe_listing_paths_are_reported_and_never_requested(
    fake_hub: FakeHub, cache_dir: Path
) -> None:
    fake_hub.add_repo("acme/evil", {"../LICENSE": b"gotcha", "README.md": b"# ok\n"})
    snap = make_source(fake_hub, cache_dir).snapshot("acme/evil", None)

    assert [f.path for f in snap.files] == ["README.md"]
    assert [(p.code, p.path) for p in snap.problems] == [("unsafe-listing-path", "../LICENSE")]
    assert fake_hub.fetched_paths() == ["README.md"]


def test_licence_files_in_a_subfolder_and_use_policy_are_read(
    fake_hub: FakeHub, cache_dir: Path
) -> None:
    fake_hub.add_repo(
        "acme/licences",
        {
            "LICENSE.md": b"MIT License\n",
            "USE_POLICY.md": b"Do not misuse.\n",
            "NOTICE": b"Copyright Acme\n",
            "licenses/LICENSE-APACHE": b"Apache License\n",
            "deep/er/LICENSE": b"too deep\n",
            "scripts/license_check.py": b"print(1)\n",
        },
    )
    snap = make_source(fake_hub, cache_dir).snapshot("acme/licences", None)
    assert set(snap.texts) == {"LICENSE.md", "USE_POLICY.md", "NOTICE", "licenses/LICENSE-APACHE"}

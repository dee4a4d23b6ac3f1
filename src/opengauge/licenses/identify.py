"""Identify a licence text from fingerprints (hashed word shingles), without shipping the texts.

The references are the real licence texts of ``shared/licence-texts`` and every SPDX licence
text ScanCode has, reduced at build time to sets of 32-bit shingle hashes (plus sentence
boundaries and five-word sentence openings for the diff). A query is tokenised the same way;
candidates come from an inverted index of sampled shingles, and the best is the reference with
the largest overlap relative to the larger of the two texts. Version-specific words (``3.2``,
dates, URLs) make near-identical versions (Llama 3.1 / 3.2 / 3.3 / 4) fall apart by overlap;
header phrases of the knowledge base break the remaining ties.
"""

from __future__ import annotations

import array
import base64
import gzip
import hashlib
import heapq
import json
import marshal
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import orjson

from opengauge import patterncache
from opengauge.errors import CatalogueError
from opengauge.licenses import _text
from opengauge.licenses.kb import knowledge_base
from opengauge.types import Confidence, LicenseId

_MAX_POSTING = 48
"""Sampled shingles found in more references than this are left out of the inverted index."""
_MIN_TOKENS = 20
"""Below this many words a fingerprint match must be near-exact, else names decide."""
_MIN_SHORT = 6
"""Below this many words a text is matched only by the licence names it mentions."""
_ACCEPT_BOTH = (0.80, 0.45)
"""(reference coverage, text coverage) above which a text is that licence."""
_ACCEPT_EMBEDDED = 0.85
"""Reference coverage above which the licence is taken to be inside a larger text."""
_ACCEPT_TRUNCATED = (0.88, 0.35)
"""(text coverage, reference coverage) above which a text is a cut copy of the licence."""
INDEX_FILE = "fingerprints.index.gz"
"""The prebuilt inverted index next to ``fingerprints.json.gz``."""
_INDEX_FORMAT = "opengauge-fingerprint-index-1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A reference text and how close the query is to it."""

    license: LicenseId
    reference: str
    """Reference key, ``<id>/<variant>`` (licence-texts) or ``spdx/<id>``."""
    kind: str
    """``license`` or ``aup``."""
    version: str | None
    score: str
    """Overlap / size of the larger text (0..1, three decimals)."""
    ref_coverage: str
    """Share of the reference found in the text."""
    text_coverage: str
    """Share of the text found in the reference."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Difference:
    """A sentence of the text with no counterpart in the reference, or the reverse."""

    change: str
    """``added`` (in the text, not the reference), ``changed`` (partly matching) or ``removed``."""
    text: str
    """The text's sentence (added/changed) or the reference sentence's opening words (removed)."""
    line: int | None = None
    """1-based line in the text (added/changed)."""
    ref_sentence: int | None = None
    """1-based sentence number in the reference (removed)."""

    def render(self) -> str:
        """One line for reports."""
        if self.change == "removed":
            return f'removed: reference sentence {self.ref_sentence} ("{self.text} ...")'
        return f"{self.change} (line {self.line}): {self.text}"


@dataclass(frozen=True, slots=True, kw_only=True)
class TextMatch:
    """Result of identifying one text."""

    license: LicenseId | None
    """Canonical id of the licence (for an AUP: the licence it belongs to), or None if unknown."""
    kind: str
    """``license``, ``aup`` (an acceptable/prohibited use policy), ``reference`` (a short text that
    names a licence), or ``unknown``."""
    score: str
    ref_coverage: str = "0.000"
    text_coverage: str = "0.000"
    version: str | None = None
    reference: str | None = None
    method: str = "fingerprint"
    """``fingerprint``, ``name`` or ``none``."""
    confidence: Confidence = Confidence.LOW
    modified: bool = False
    """True when the text has clauses the reference does not (or lacks some)."""
    embedded: bool = False
    """True when the licence is part of a larger text (card section, licence + policy...)."""
    truncated: bool = False
    nearest: tuple[Candidate, ...] = ()
    added: tuple[Difference, ...] = ()
    removed: tuple[Difference, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def differences(self) -> tuple[str, ...]:
        """Rendered differences, added/changed first."""
        return tuple(d.render() for d in (*self.added, *self.removed))


class _Ref:
    """One reference fingerprint; its hash set is decoded on first use (most are never needed)."""

    __slots__ = (
        "_hashes",
        "_raw",
        "_seq",
        "bounds",
        "id",
        "incipits",
        "key",
        "kind",
        "mod",
        "version",
    )

    def __init__(self, raw: dict[str, Any]) -> None:
        self.key: str = raw["key"]
        self.id: str = raw["id"]
        self.kind: str = raw["kind"]
        self.version: str | None = raw.get("version") or None
        self.mod: int = int(raw["mod"])
        self._raw: str | bytes = raw["seq"] if self.mod == 1 else raw["set"]
        self._seq: array.array[int] | None = None
        self._hashes: frozenset[int] | None = None
        self.bounds: list[int] = list(raw["bounds"]) if self.mod == 1 else []
        self.incipits: list[str] = list(raw["incipits"]) if self.mod == 1 else []

    @property
    def seq(self) -> array.array[int] | None:
        """Ordered shingle hashes (full references only)."""
        if self.mod != 1:
            return None
        if self._seq is None:
            self._seq = _unpack(self._raw)
        return self._seq

    @property
    def hashes(self) -> frozenset[int]:
        """The set of shingle hashes (sampled ones only when ``mod`` > 1)."""
        if self._hashes is None:
            seq = self.seq
            self._hashes = frozenset(seq if seq is not None else _unpack(self._raw))
        return self._hashes

    @property
    def sampled(self) -> list[int]:
        """The hashes the inverted index is built over."""
        mod = _text.SAMPLE_MOD
        return [h for h in self.hashes if not h % mod]


def _unpack(packed: str | bytes) -> array.array[int]:
    """The hashes a record holds: base64 text (the bundled JSON) or its bytes (the start-up blob)."""
    arr = array.array("I")
    arr.frombytes(base64.b64decode(packed) if isinstance(packed, str) else packed)
    if sys.byteorder != "little":  # pragma: no cover - data is little-endian
        arr.byteswap()
    return arr


@dataclass(frozen=True, slots=True)
class InvertedIndex:
    """Sampled shingle -> references holding it, as flat arrays (cheap to load and to fork).

    The postings of ``keys[j]`` are ``postings[offsets[j]:offsets[j + 1]]`` (reference numbers,
    ascending). ``n_indexed[i]`` counts reference ``i``'s indexed shingles; ``short_refs`` are the
    full references with fewer than 120 shingles.
    """

    keys: array.array[int]
    offsets: array.array[int]
    postings: array.array[int]
    n_indexed: array.array[int]
    short_refs: array.array[int]

    @classmethod
    def build(cls, refs: list[_Ref]) -> InvertedIndex:
        """Index ``refs`` (the reference algorithm; the bundled prebuilt file must equal it)."""
        inv: defaultdict[int, list[int]] = defaultdict(list)
        n_indexed = array.array("I")
        for i, ref in enumerate(refs):
            sampled = ref.sampled
            n_indexed.append(len(sampled))
            for h in sampled:
                inv[h].append(i)
        # Boilerplate shingles shared by many references only slow the candidate search down;
        # the exact overlap is computed on full sets afterwards anyway.
        keys, offsets, postings = array.array("I"), array.array("I", [0]), array.array("H")
        for h in sorted(inv):
            posting = inv[h]
            if len(posting) > _MAX_POSTING:
                for i in posting:
                    n_indexed[i] -= 1
                continue
            keys.append(h)
            postings.extend(posting)
            offsets.append(len(postings))
        short = array.array(
            "H", (i for i, r in enumerate(refs) if r.mod == 1 and len(r.hashes) < 120)
        )
        return cls(keys, offsets, postings, n_indexed, short)

    def to_bytes(self, source_sha256: str) -> bytes:
        """Serialise (little-endian arrays behind a one-line JSON header), gzip-compressed."""
        return gzip.compress(self.to_raw(source_sha256), compresslevel=9, mtime=0)

    @classmethod
    def from_bytes(cls, data: bytes, source_sha256: str) -> InvertedIndex | None:
        """Load a serialised index; None if it was built from other fingerprints or settings."""
        return cls.from_raw(gzip.decompress(data), source_sha256)

    def to_raw(self, source_sha256: str) -> bytes:
        """:meth:`to_bytes` before compression (what the start-up cache keeps)."""
        parts = (self.keys, self.offsets, self.postings, self.n_indexed, self.short_refs)
        header = {
            "format": _INDEX_FORMAT,
            "source_sha256": source_sha256,
            "max_posting": _MAX_POSTING,
            "sample_mod": _text.SAMPLE_MOD,
            "arrays": [[a.typecode, len(a)] for a in parts],
        }
        body = b"".join(_le(a).tobytes() for a in parts)
        return json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + body

    @classmethod
    def from_raw(cls, raw: bytes, source_sha256: str) -> InvertedIndex | None:
        """Load what :meth:`to_raw` wrote; None if it was built from other fingerprints or
        settings, or is cut short."""
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
        if (
            header.get("format"),
            header.get("source_sha256"),
            header.get("max_posting"),
            header.get("sample_mod"),
        ) != (_INDEX_FORMAT, source_sha256, _MAX_POSTING, _text.SAMPLE_MOD):
            return None
        arrays: list[array.array[int]] = []
        pos = 0
        for typecode, n in header["arrays"]:
            arr = array.array(typecode)
            size = arr.itemsize * n
            if pos + size > len(body):
                return None
            arr.frombytes(body[pos : pos + size])
            pos += size
            arrays.append(_le(arr))
        if pos != len(body) or len(arrays) != 5:
            return None
        return cls(*arrays)


def _le(arr: array.array[int]) -> array.array[int]:
    """``arr`` in little-endian byte order (the bundled data's order) on any machine."""
    if sys.byteorder == "little":
        return arr
    out = array.array(arr.typecode, arr)  # pragma: no cover - big-endian hosts
    out.byteswap()  # pragma: no cover
    return out  # pragma: no cover


class FingerprintIndex:
    """Reference fingerprints with an inverted index over sampled shingles."""

    def __init__(self, refs: list[dict[str, Any]], index: InvertedIndex | None = None) -> None:
        """Take the raw fingerprint records and their inverted index (built here if not given)."""
        self.refs = [_Ref(r) for r in refs]
        self.index = index if index is not None else InvertedIndex.build(self.refs)
        self._slot = dict(zip(self.index.keys, range(len(self.index.keys)), strict=True))
        self._headers: dict[str, tuple[str, ...]] = {}

    def headers(self, lid: str) -> tuple[str, ...]:
        """Normalised header phrases (title lines) of licence ``lid`` from the knowledge base."""
        got = self._headers.get(lid)
        if got is None:
            e = knowledge_base().get(lid)
            phrases = e.header_phrases if e else ()
            got = self._headers[lid] = tuple(_text.normalise(p) for p in phrases if len(p) > 12)
        return got

    def identify(self, text: str, *, exclude: frozenset[str] = frozenset(),
                 prof: _text.Profile | None = None) -> TextMatch:
        """Identify ``text``; ``exclude`` drops reference keys (leave-one-out benchmarks);
        ``prof``: ``_text.profile(text)``, when the caller has it already."""
        if prof is None:
            prof = _text.profile(text)
        toks = prof.tokens
        if len(toks) < _MIN_SHORT:
            return _by_name(text, len(toks))
        short = len(toks) < _MIN_TOKENS
        qset = frozenset(prof.seq)
        qs = frozenset(h for h in qset if h % _text.SAMPLE_MOD == 0)
        slot, offsets, postings = self._slot, self.index.offsets, self.index.postings
        hits = array.array(postings.typecode)
        for j in map(slot.get, qs):
            if j is not None:
                hits.extend(postings[offsets[j] : offsets[j + 1]])
        counts = Counter(hits)
        n_idx = self.index.n_indexed
        ranked = heapq.nlargest(
            16,
            (
                (c / max(n_idx[i], 1), i)
                for i, c in counts.items()
                if not exclude or self.refs[i].key not in exclude
            ),
        )
        if len(qset) < 40:
            # Short texts have few sampled shingles: compare with the short references directly.
            extra = [
                i
                for i in self.index.short_refs
                if not qset.isdisjoint(self.refs[i].hashes) and self.refs[i].key not in exclude
            ]
            ranked = [*ranked, *((0.0, i) for i in extra if i not in {j for _, j in ranked})]
        cands: list[tuple[float, float, float, _Ref]] = []
        for score, i in ranked:
            ref = self.refs[i]
            n_r = len(ref.hashes)
            if not n_r:
                continue
            query = qset if ref.mod == 1 else qs  # (a sampled reference meets the sampled query)
            n_q = len(query)
            small, large = (query, ref.hashes) if n_q <= n_r else (ref.hashes, query)
            # the same count either way; a difference inserts the few shingles not shared where
            # an intersection would insert the many shared ones (score: sampled overlap)
            inter = len(small) - len(small - large) if score > 0.5 else len(small & large)
            cands.append((inter / max(n_r, n_q), inter / n_r, inter / max(n_q, 1), ref))
        if not cands:
            return _by_name(text, len(toks))
        # A reference found (almost) whole in the text ranks first; then overlap relative to the
        # larger text, so a licence + policy text goes to the licence, Apache-like texts with
        # extra sections go to the reference that has those sections.
        cands.sort(key=lambda c: (c[1] >= 0.9, c[0], c[1], c[3].kind == "license"), reverse=True)
        top_tier, top = cands[0][1] >= 0.9, cands[0][0]
        # Close to the top: nearly the same overlap, or (no reference found whole: a partial
        # copy) explaining at least as much of the text. A partial copy of a licence is also a
        # partial copy of every licence built on its opening (the first half of Apache-2.0 is the
        # first half of Pixar's modified Apache); the title lines decide between them.
        first_cov_q = cands[0][2]
        close = [c for c in cands if (c[1] >= 0.9) == top_tier
                 and (c[0] >= top - 0.03 or (not top_tier and c[2] >= first_cov_q))]
        if len({c[3].id for c in close}) > 1:
            norm = _text.normalise(text)
            # (keys worked out in a loop: a nested function calling a sort key's lambda is a
            # reference cycle in compiled code, left for the garbage collector)
            keyed = [(sum(1 for p in self.headers(c[3].id) if p in norm), c[0], c[1], n)
                     for n, c in enumerate(close)]
            keyed.sort(key=_first_three, reverse=True)
            best = close[keyed[0][3]]
        else:
            best = cands[0]
        score, cov_r, cov_q, ref = best
        nearest = _nearest(cands, best[3])
        embedded = truncated = derived = False
        conf = Confidence.LOW
        if short and min(cov_r, cov_q) < 0.9:
            return _by_name(text, len(toks))
        if cov_r >= _ACCEPT_BOTH[0] and cov_q >= _ACCEPT_BOTH[1]:
            conf = Confidence.HIGH if min(cov_r, cov_q) >= 0.9 else Confidence.MEDIUM
            embedded = cov_q < 0.8
        elif cov_r >= _ACCEPT_EMBEDDED:
            conf, embedded = Confidence.MEDIUM, True
        elif cov_q >= _ACCEPT_TRUNCATED[0] and cov_r >= _ACCEPT_TRUNCATED[1]:
            conf, truncated = Confidence.MEDIUM, True
        else:
            derived = True
        if not derived:
            added, removed = _diff(prof, qset, ref, truncated=truncated)
            n_new = _adds_terms(added, ref.id)
            headers = self.headers(ref.id)
            if n_new and headers:
                norm = _text.normalise(text)
                if not any(p in norm for p in headers):
                    n_new += 3  # new clauses and none of the reference's title lines
            if (cov_q < 0.75 and n_new) or n_new >= 3:
                # The reference's wording plus new restrictive clauses: a different licence
                # built on this one (Falcon on Apache, Qwen 2024 on Tongyi Qianwen...), never
                # the reference itself.
                derived = embedded = True
        if derived:
            named = _by_name(text, len(toks)) if len(toks) < 200 else None
            if named is not None and named.license is not None:
                return named
            why = "derived from" if embedded else "nearest is"
            return TextMatch(
                license=None,
                kind="unknown",
                score=_fmt(score),
                ref_coverage=_fmt(cov_r),
                text_coverage=_fmt(cov_q),
                method="none",
                nearest=nearest,
                notes=(f"{why} {ref.id} ({ref.key}) at {_fmt(score)}",),
            )
        modified = any(d.change in ("added", "changed") for d in added) and not embedded
        kb = knowledge_base()
        entry = kb.get(ref.id)
        lid = LicenseId(ref.id)
        notes: list[str] = []
        if entry is not None and entry.addendum_of:
            notes.append(f"{ref.id} is an addendum to {entry.addendum_of}")
        if ref.kind == "aup":
            notes.append(f"acceptable use policy of {ref.id}, not the licence itself")
        if embedded:
            notes.append("licence text found inside a larger text")
        if truncated:
            notes.append("text is a partial copy of the licence")
        return TextMatch(
            license=lid,
            kind=ref.kind,
            score=_fmt(score),
            ref_coverage=_fmt(cov_r),
            text_coverage=_fmt(cov_q),
            version=ref.version,
            reference=ref.key,
            confidence=conf,
            modified=modified,
            embedded=embedded,
            truncated=truncated,
            nearest=nearest,
            added=added,
            removed=removed,
            notes=tuple(notes),
        )


def _adds_terms(added: tuple[Difference, ...], lid: str) -> int:
    """How many added sentences carry restriction types the reference licence lacks."""
    from opengauge.licenses.clauses import find_restrictions

    entry = knowledge_base().get(lid)
    known = set(entry.restriction_types) if entry else set()
    body = "\n\n".join(d.text for d in added if d.change == "added")
    if not body:
        return 0
    ignore = known | {"attribution_notice", "jurisdiction"}
    lines = {r.line for r in find_restrictions(body, file="") if r.type not in ignore}
    return len(lines)


def _fmt(x: float) -> str:
    return f"{min(max(x, 0.0), 1.0):.3f}"


def _nearest(cands: list[tuple[float, float, float, _Ref]], best: _Ref) -> tuple[Candidate, ...]:
    out: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for score, cov_r, cov_q, ref in cands:
        k = (ref.id, ref.kind)
        if k in seen:
            continue
        seen.add(k)
        out.append(
            Candidate(
                license=LicenseId(ref.id),
                reference=ref.key,
                kind=ref.kind,
                version=ref.version,
                score=_fmt(score),
                ref_coverage=_fmt(cov_r),
                text_coverage=_fmt(cov_q),
            )
        )
        if len(out) == 4:
            break
    return tuple(out)


def _by_name(text: str, n_tokens: int) -> TextMatch:
    """Short texts: the licence a pointer or NOTICE line names."""
    kb = knowledge_base()
    hits = kb.mentions(text)
    if not hits:
        return TextMatch(
            license=None,
            kind="unknown",
            score="0.000",
            method="none",
            notes=(f"text too short to fingerprint ({n_tokens} words) and names no known licence",),
        )
    lid = hits[0][0]
    entry = kb.get(lid)
    if entry is not None:
        entry = kb.canonical(entry)
    return TextMatch(
        license=LicenseId(entry.id if entry else lid),
        kind="reference",
        score="0.000",
        method="name",
        confidence=Confidence.LOW,
        notes=(f'names the licence ("{hits[0][1]}"); not the licence text itself',),
    )


def _diff(
    prof: _text.Profile, qset: frozenset[int], ref: _Ref, *, truncated: bool
) -> tuple[tuple[Difference, ...], tuple[Difference, ...]]:
    """Sentences added to / changed in the text, and reference sentences missing from it."""
    added: list[Difference] = []
    has = ref.hashes.__contains__
    n_tok = len(prof.tokens)
    for i, seg_idx in enumerate(prof.kept):
        hi = prof.bounds[i + 1] if i + 1 < len(prof.bounds) else n_tok
        if hi - prof.bounds[i] < 6:
            continue
        sh = prof.segment_shingles(i)
        if not sh:
            continue
        hits = sum(map(has, sh))
        frac = hits / len(sh)
        seg = prof.segments[seg_idx]
        if frac < 0.5:
            added.append(Difference(change="added", text=_clip(seg.text), line=seg.line))
        elif frac < 0.95 and len(sh) - hits >= 2 and ref.mod == 1:
            added.append(Difference(change="changed", text=_clip(seg.text), line=seg.line))
    removed: list[Difference] = []
    if ref.seq is not None:
        seq = ref.seq
        bounds = [*ref.bounds, len(seq) + _text.SHINGLE - 1]
        for i in range(len(ref.bounds)):
            lo, hi = bounds[i], bounds[i + 1] - _text.SHINGLE + 1
            if hi - lo < 3:
                continue
            part = seq[lo:hi]
            frac = sum(map(qset.__contains__, part)) / len(part)
            if frac < 0.5:
                removed.append(
                    Difference(change="removed", text=ref.incipits[i], ref_sentence=i + 1)
                )
    if ref.mod != 1:
        # Sampled reference: sentence-level presence is only an estimate; keep clear additions.
        added = [d for d in added if d.change == "added"]
    if len(removed) > 25:
        first, last = removed[0], removed[-1]
        removed = [
            *removed[:20],
            Difference(
                change="removed",
                text=f"... {len(removed) - 20} more, up to sentence {last.ref_sentence}"
                + (" (text truncated)" if truncated else ""),
                ref_sentence=first.ref_sentence,
            ),
        ]
    return tuple(added[:40]), tuple(removed)


def _first_three(k: tuple[int, float, float, int]) -> tuple[int, float, float]:
    return k[0], k[1], k[2]


def _clip(s: str, n: int = 300) -> str:
    return s if len(s) <= n else s[: n - 3].rstrip() + "..."


@cache
def fingerprint_index() -> FingerprintIndex:
    """The bundled fingerprint index (loaded once).

    The inverted index ships prebuilt (``fingerprints.index.gz``, written by
    ``scripts/build_license_data.py --index-only`` from ``fingerprints.json.gz``; a test checks
    the two agree). If it is missing or was built from other fingerprints it is rebuilt here.
    What the two files decode to is kept in the compiled-pattern cache's folder
    (:func:`opengauge.patterncache.store_blob`), filed under digests of both files: reading
    it back takes a fifth of the time that unpacking them does.
    """
    folder = resources.files("opengauge").joinpath("data", "licenses")
    try:
        packed = folder.joinpath("fingerprints.json.gz").read_bytes()
    except OSError as exc:  # pragma: no cover - packaging error
        raise CatalogueError(f"licence fingerprints unreadable: {exc}") from exc
    try:
        prebuilt: bytes | None = folder.joinpath(INDEX_FILE).read_bytes()
    except OSError:  # pragma: no cover - rebuilt below
        prebuilt = None
    source_sha256 = hashlib.sha256(packed).hexdigest()
    key = "|".join((_BLOB_FORMAT, source_sha256, hashlib.sha256(prebuilt or b"").hexdigest(),
                    str(_text.TEXT_ALGO_VERSION)))
    kept = _from_blob(patterncache.load_blob("fingerprints", key), source_sha256)
    if kept is not None:
        return kept
    try:
        data = orjson.loads(gzip.decompress(packed))  # (3 MB of JSON: orjson parses it ~2x faster)
    except (OSError, ValueError) as exc:  # pragma: no cover - packaging error
        raise CatalogueError(f"licence fingerprints unreadable: {exc}") from exc
    if data.get("algo") != _text.TEXT_ALGO_VERSION:  # pragma: no cover - stale data
        raise CatalogueError(
            "licence fingerprints were built with another text algorithm",
            hint="run scripts/build_license_data.py",
        )
    index = None
    if prebuilt is not None:
        try:
            index = InvertedIndex.from_bytes(prebuilt, source_sha256)
        except (OSError, ValueError, KeyError, TypeError):  # pragma: no cover - rebuilt below
            index = None
    built = FingerprintIndex(data["refs"], index)
    patterncache.store_blob("fingerprints", key,
                            marshal.dumps((_decoded(data["refs"]), built.index.to_raw(source_sha256))))
    return built


_BLOB_FORMAT = "fingerprints-blob-3"


def _decoded(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``refs`` with their hashes as bytes instead of base64 text, as the start-up blob keeps
    them: a worker decodes the references it meets on first use, and 2.3 MB of base64 took it
    about 15 M instructions (3 ms) on a pass over the corpus; bytes need none."""
    out: list[dict[str, Any]] = []
    for r in refs:
        r = dict(r)
        for field_name in ("seq", "set"):
            if isinstance(r.get(field_name), str):
                r[field_name] = base64.b64decode(r[field_name])
        out.append(r)
    return out


def _from_blob(blob: memoryview | None, source_sha256: str) -> FingerprintIndex | None:
    """The index :func:`fingerprint_index` stored, or None if ``blob`` is not one."""
    if blob is None:
        return None
    try:
        refs, raw = marshal.loads(blob)
        index = InvertedIndex.from_raw(raw, source_sha256)
        if index is None or not isinstance(refs, list):
            return None
        return FingerprintIndex(refs, index)
    except (ValueError, TypeError, EOFError, KeyError, AttributeError):
        return None


def identify_text(text: str, *, prof: _text.Profile | None = None) -> TextMatch:
    """Identify a licence (or acceptable use policy) text.

    Works on reformatted, re-wrapped, truncated, embedded or lightly modified copies. Unknown
    texts come back with ``license=None`` and their nearest references. ``prof``:
    ``_text.profile(text)``, when the caller has it already (to use its sentences again).
    """
    return fingerprint_index().identify(text, prof=prof)

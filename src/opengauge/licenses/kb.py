"""The licence knowledge base: every SPDX licence plus the AI-specific licences, as data.

Loaded lazily from the package data in ``opengauge/data/licenses`` (see its ``SOURCE.toml``).
Canonical ids: the SPDX id where one exists, else the Hugging Face Hub tag, else
``LicenseRef-<hub license_name>``.
"""

from __future__ import annotations

import hashlib
import marshal
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import orjson
import yaml

from opengauge import patterncache, rx, yamlio
from opengauge.errors import CatalogueError
from opengauge.licenses import _text
from opengauge.model.frozen import fast_init
from opengauge.types import LicenseId

RESTRICTION_TYPES: tuple[str, ...] = (
    "user_threshold",
    "revenue_threshold",
    "commercial_ban",
    "field_of_use",
    "acceptable_use_policy",
    "naming_requirement",
    "attribution_notice",
    "output_use_restriction",
    "derivative_license_flowdown",
    "distribution_limit",
    "hosting_limit",
    "remote_update_or_revocation",
    "jurisdiction",
    "gating_registration",
)
"""The restriction taxonomy, in the brief's order."""
BENIGN_RESTRICTIONS = frozenset({"attribution_notice", "derivative_license_flowdown"})
"""Conditions open-source definitions accept (attribution, same-terms/copyleft)."""

KINDS: tuple[str, ...] = (
    "permissive",
    "copyleft",
    "open-data",
    "responsible-ai-use-restricted",
    "custom-restrictive",
    "non-commercial",
    "research-only",
    "proprietary",
)
"""Licence kinds."""


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownRestriction:
    """A restriction the knowledge base records for a licence."""

    type: str
    summary: str
    threshold: str | None = None
    unit: str | None = None
    phrase: str | None = None
    """Short phrase of the licence text that carries the clause (for detection/quoting)."""

    def __init__(
        self,
        *,
        type: str,
        summary: str,
        threshold: str | None = None,
        unit: str | None = None,
        phrase: str | None = None,
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "summary", summary)
        object.__setattr__(self, "threshold", threshold)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "phrase", phrase)


fast_init(KnownRestriction)


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseEntry:
    """One licence of the knowledge base."""

    id: LicenseId
    name: str
    kind: str
    osi_approved: bool = False
    fsf_libre: bool = False
    open_data: bool = False
    """On the Model Openness Tool's open-data list."""
    mot_open: bool = False
    """Counts as open under the MOT rule (OSI or FSF or open-data list or OpenMDW-1.0)."""
    spdx: bool = False
    """True when ``id`` is an SPDX License List id."""
    deprecated: bool = False
    hf_tag: str | None = None
    version: str | None = None
    date: str | None = None
    aliases: tuple[str, ...] = ()
    header_phrases: tuple[str, ...] = ()
    aup_name: str | None = None
    aup_url: str | None = None
    restriction_types: tuple[str, ...] = ()
    """Licence-level restriction types (the eval taxonomy; ``other`` dropped)."""
    restrictions: tuple[KnownRestriction, ...] = ()
    notes: tuple[str, ...] = ()
    addendum_of: str | None = None
    """For addenda (e.g. Cohere's AUP addendum): the generic licence they add terms to."""
    proxy_of: str | None = None
    """For entries whose text was not read: the licence whose restriction set stands in."""
    evidence: str | None = None
    """How well the entry is known: primary-text, partial-text, secondary, proxy, spdx."""
    source: str = "spdx"

    def __init__(
        self,
        *,
        id: LicenseId,
        name: str,
        kind: str,
        osi_approved: bool = False,
        fsf_libre: bool = False,
        open_data: bool = False,
        mot_open: bool = False,
        spdx: bool = False,
        deprecated: bool = False,
        hf_tag: str | None = None,
        version: str | None = None,
        date: str | None = None,
        aliases: tuple[str, ...] = (),
        header_phrases: tuple[str, ...] = (),
        aup_name: str | None = None,
        aup_url: str | None = None,
        restriction_types: tuple[str, ...] = (),
        restrictions: tuple[KnownRestriction, ...] = (),
        notes: tuple[str, ...] = (),
        addendum_of: str | None = None,
        proxy_of: str | None = None,
        evidence: str | None = None,
        source: str = "spdx",
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "osi_approved", osi_approved)
        object.__setattr__(self, "fsf_libre", fsf_libre)
        object.__setattr__(self, "open_data", open_data)
        object.__setattr__(self, "mot_open", mot_open)
        object.__setattr__(self, "spdx", spdx)
        object.__setattr__(self, "deprecated", deprecated)
        object.__setattr__(self, "hf_tag", hf_tag)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "aliases", aliases)
        object.__setattr__(self, "header_phrases", header_phrases)
        object.__setattr__(self, "aup_name", aup_name)
        object.__setattr__(self, "aup_url", aup_url)
        object.__setattr__(self, "restriction_types", restriction_types)
        object.__setattr__(self, "restrictions", restrictions)
        object.__setattr__(self, "notes", notes)
        object.__setattr__(self, "addendum_of", addendum_of)
        object.__setattr__(self, "proxy_of", proxy_of)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "source", source)


fast_init(LicenseEntry)


_SPACE_PUNCT = rx.compile(r"[\s\-_/,;:()\[\]\"'`*#<>|]+")
_URL_SCHEME = rx.compile(r"https?://(www\.)?")
_DOT_NOT_DECIMAL = rx.compile(r"\.(?!\d)")


def mention_key(text: str) -> str:
    """Normalise a licence name, id or URL for lookup ("Apache License 2.0" -> "apache license 2.0")."""
    t = _text.fold(text).lower()
    if "http" in t:
        t = _URL_SCHEME.sub("", t)
    t = t.replace("licence", "license").replace("&", " and ")
    t = _SPACE_PUNCT.sub(" ", t)
    if "." in t:
        t = _DOT_NOT_DECIMAL.sub(" ", t)
    return " ".join(t.split())


# Names that are too generic to identify a licence when they are mentioned in prose.
_GENERIC = frozenset(
    {
        "license",
        "other",
        "unknown",
        "open",
        "fair",
        "glide",
        "ruby",
        "vim",
        "intel",
        "nokia",
        "zed",
        "unicode",
        "python",
        "crossword",
        "cube",
        "multics",
        "caldera",
        "sendmail",
        "naumen",
        "mit",
        "isc",
        "bsd",
        "x11",
        "w3c",
        "llama",
        "gemma",
        "qwen",
        "deepseek",
        "openrail",
        "llama license",
        "meta license",
        "gemma license",
        "qwen license",
    }
)


_DIGIT_OR_DOT = rx.compile(r"[\d.]")
_QUERY = rx.compile(r"[?#].*$")
_PAGE_EXTENSION = rx.compile(r"\.(?:html?|php|txt|md)$", re.IGNORECASE)


def without_page_extension(url: str) -> str:
    """``url`` less a web page's file extension: ``gnu.org/licenses/gpl-3.0.html`` is also
    ``gnu.org/licenses/gpl-3.0`` (the lookup tries both; the data build stores both)."""
    return _PAGE_EXTENSION.sub("", url)


_PAGE_LANGUAGE = rx.compile(r"/(?:deed|legalcode)(?:\.[a-z]{2,3}(?:[-_][a-z]{2,4})?)?$", re.IGNORECASE)
"""The summary or legal text of a licence in a language, after the licence's own address
(``creativecommons.org/licenses/by/4.0/deed.en``, ``.../legalcode.de``)."""


class KnowledgeBase:
    """Lookups over the licence entries (by id, alias, name mention)."""

    def __init__(self, entries: list[LicenseEntry], hub_spellings: dict[str, str | None], *,
                 index: tuple[Any, ...] | None = None) -> None:
        """Index ``entries``; ``hub_spellings`` maps hub tags to SPDX ids (None: a family).

        ``index``: what :meth:`index_raw` returned for the same entries and spellings, to take
        instead of working the lookups out again (see :func:`knowledge_base`).
        """
        self._by_id: dict[str, LicenseEntry] = {e.id: e for e in entries}
        self._by_lower: dict[str, str]
        self._alias: dict[str, str]
        self._mention: dict[tuple[str, ...], str]
        self._mention_lengths: dict[str, tuple[int, ...]]
        self.hub_families: frozenset[str]
        if index is not None:
            (self._by_lower, self._alias, self._mention, self._mention_lengths,
             self.hub_families) = index
            return
        self._by_lower = {}
        self._alias = {}
        self._mention = {}
        for e in entries:
            self._by_lower.setdefault(e.id.lower(), e.id)
        for e in entries:
            for a in (e.id, *e.aliases, e.name):
                key = mention_key(a)
                if key:
                    self._alias.setdefault(key, e.id)
        for tag, spdx in hub_spellings.items():
            if spdx and spdx in self._by_id:
                self._alias[mention_key(tag)] = spdx
        # Deprecated SPDX ids resolve to their current spelling.
        for e in entries:
            if e.deprecated:
                for cand in (e.id + "-only", e.id.removesuffix("+") + "-or-later"):
                    if cand in self._by_id:
                        self._alias[mention_key(e.id)] = cand
                        break
        self.hub_families = frozenset(t for t, s in hub_spellings.items() if s is None)
        for key, lid in self._alias.items():
            words = tuple(key.split())
            if not words or key in _GENERIC:
                continue
            if len(words) == 1 and not _DIGIT_OR_DOT.search(key) and lid.lower() != key:
                continue
            if len(words) == 1 and len(key) < 4:
                continue
            self._mention.setdefault(words, lid)
        # first word -> the lengths (longest first) of the names starting with it
        lengths: dict[str, set[int]] = {}
        for words in self._mention:
            lengths.setdefault(words[0], set()).add(len(words))
        self._mention_lengths = {w: tuple(sorted(ns, reverse=True)) for w, ns in lengths.items()}

    def index_raw(self) -> tuple[Any, ...]:
        """The lookups worked out from the entries, as plain data (:mod:`marshal` can keep it)."""
        return (self._by_lower, self._alias, self._mention, self._mention_lengths, self.hub_families)

    def __iter__(self) -> Iterator[LicenseEntry]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, lid: str | None) -> LicenseEntry | None:
        """Entry for an exact canonical id."""
        if not lid:
            return None
        return self._by_id.get(lid)

    def exact_id(self, value: str) -> LicenseEntry | None:
        """Entry whose canonical id equals ``value`` ignoring case (``apache-2.0`` -> Apache-2.0)."""
        lid = self._by_lower.get(value.strip().lower())
        return self._by_id[lid] if lid else None

    def alias(self, value: str) -> LicenseEntry | None:
        """Entry for an alias (hub tag, license_name, name, spelling, URL)."""
        key = mention_key(value)
        lid = self._alias.get(key)
        if lid is None and "/" in value:
            # URLs: also try without a query string or trailing slash, then without the page's
            # extension (gnu.org/licenses/gpl-3.0.html is gnu.org/licenses/gpl-3.0)
            bare = _QUERY.sub("", value.strip()).rstrip("/")
            lid = self._alias.get(mention_key(bare))
            if lid is None and (page := without_page_extension(bare)) != bare:
                lid = self._alias.get(mention_key(page))
            if lid is None and _PAGE_LANGUAGE.search(bare):  # (a licence's page in a language)
                lid = self._alias.get(mention_key(_PAGE_LANGUAGE.sub("", bare)))
        return self._by_id.get(lid) if lid else None

    def canonical(self, entry: LicenseEntry) -> LicenseEntry:
        """Follow deprecation and addendum links to the id a report should carry."""
        if entry.deprecated:
            target = self._alias.get(mention_key(entry.id))
            if target and target != entry.id:
                return self._by_id[target]
        return entry

    def mentions(self, text: str) -> list[tuple[str, str, int]]:
        """Licences named in ``text``: (id, matched words, word offset), longest match first."""
        words = mention_key(text).split()
        out: list[tuple[str, str, int]] = []
        i = 0
        while i < len(words):
            hit = None
            for n in self._mention_lengths.get(words[i], ()):
                if n > len(words) - i:
                    continue
                lid = self._mention.get(tuple(words[i : i + n]))
                if lid:
                    hit = (lid, " ".join(words[i : i + n]), i)
                    i += n
                    break
            if hit:
                out.append(hit)
            else:
                i += 1
        return out


def _data_dir() -> Traversable:
    return resources.files("opengauge").joinpath("data", "licenses")


def _restr(r: dict[str, Any]) -> KnownRestriction:
    return KnownRestriction(
        type=str(r["type"]),
        summary=str(r.get("summary") or ""),
        threshold=r.get("threshold"),
        unit=r.get("unit"),
        phrase=r.get("phrase"),
    )


_INDEX_BLOB = "licence-index"
_INDEX_FORMAT = "1"


def _index_key(ai_raw: bytes, spdx_raw: bytes) -> str | None:
    """What the knowledge base's lookups depend on: both data files' bytes and the code that
    works the lookups out (this module and the text folding it uses); None if unreadable."""
    code = [patterncache.module_digest(m) for m in (__name__, _text.__name__)]
    if None in code:
        return None
    return "|".join((_INDEX_FORMAT, hashlib.sha256(ai_raw).hexdigest(),
                     hashlib.sha256(spdx_raw).hexdigest(), *map(str, code)))


def _index_from_blob(blob: memoryview | None) -> tuple[Any, ...] | None:
    """The lookups :func:`knowledge_base` stored, or None if ``blob`` does not hold them."""
    if blob is None:
        return None
    try:
        index = marshal.loads(blob)
    except (ValueError, TypeError, EOFError):
        return None
    shapes = (dict, dict, dict, dict, frozenset)
    if not (isinstance(index, tuple) and len(index) == len(shapes)
            and all(isinstance(v, t) for v, t in zip(index, shapes, strict=True))):
        return None
    return index


@cache
def knowledge_base() -> KnowledgeBase:
    """The bundled knowledge base (loaded once).

    Its name and alias lookups are kept in the compiled-pattern cache's folder
    (:func:`opengauge.patterncache.store_blob`), filed under digests of the data files and of
    the code that works them out: reading them back takes a tenth of the time.
    """
    try:
        ai_raw = _data_dir().joinpath("ai_licenses.yaml").read_bytes()
        spdx_raw = _data_dir().joinpath("spdx.json").read_bytes()
        ai = yamlio.load_data(_data_dir(), "ai_licenses.yaml", raw=ai_raw)
        spdx = orjson.loads(spdx_raw)
    except (OSError, ValueError, yaml.YAMLError) as exc:  # pragma: no cover - packaging error
        raise CatalogueError(f"licence knowledge base unreadable: {exc}") from exc
    entries: list[LicenseEntry] = []
    ai_ids = set()
    # the addresses of an SPDX licence's pages (from ScanCode) are aliases of its entry
    urls = {s["id"]: tuple(s.get("urls") or ()) for s in spdx["licenses"]}
    for e in ai["licenses"]:
        aup = e.get("aup") or {}
        entries.append(
            LicenseEntry(
                id=LicenseId(e["id"]),
                name=e["name"],
                kind=e["kind"],
                osi_approved=e["osi_approved"],
                fsf_libre=e["fsf_libre"],
                open_data=e["open_data"],
                mot_open=e["mot_open"],
                spdx=e["spdx"],
                hf_tag=e.get("hf_tag"),
                version=e.get("version"),
                date=e.get("date"),
                aliases=(*(e.get("aliases") or ()), *urls.get(e["id"], ())),
                header_phrases=tuple(e.get("header_phrases") or ()),
                aup_name=aup.get("name"),
                aup_url=aup.get("url"),
                restriction_types=tuple(e["restriction_types"]),
                restrictions=tuple(_restr(r) for r in e.get("restrictions") or ()),
                notes=tuple(e.get("notes") or ()),
                addendum_of=e.get("addendum_of"),
                proxy_of=e.get("proxy_of"),
                evidence=e.get("evidence"),
                source=e.get("source") or "licenses.yaml",
            )
        )
        ai_ids.add(e["id"])
    for s in spdx["licenses"]:
        if s["id"] in ai_ids:
            continue
        entries.append(
            LicenseEntry(
                id=LicenseId(s["id"]),
                name=s["name"],
                kind=s["kind"],
                osi_approved=s["osi_approved"],
                fsf_libre=s["fsf_libre"],
                open_data=s["open_data"],
                mot_open=s["mot_open"],
                spdx=True,
                deprecated=s["deprecated"],
                aliases=urls[s["id"]],
                restriction_types=tuple(s["restriction_types"]),
                evidence="spdx",
                source="spdx",
            )
        )
    hub = spdx["hub_tags"]
    for tag, info in sorted(hub["hub_only"].items()):
        entries.append(
            LicenseEntry(
                id=LicenseId(tag),
                name=info["name"],
                kind=info["kind"],
                hf_tag=tag,
                evidence="hub-list",
                source="hub",
                restriction_types=(),
            )
        )
    key = _index_key(ai_raw, spdx_raw)
    index = _index_from_blob(patterncache.load_blob(_INDEX_BLOB, key)) if key else None
    kb = KnowledgeBase(entries, dict(hub["spdx_spellings"]), index=index)
    if index is None and key:
        patterncache.store_blob(_INDEX_BLOB, key, marshal.dumps(kb.index_raw()))
    return kb

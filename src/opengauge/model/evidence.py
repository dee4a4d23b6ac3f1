"""Evidence: one fact taken from an artefact, with where it came from."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from opengauge import rx
from opengauge.model.frozen import fast_init
from opengauge.types import EvidenceId

_LOCATOR_LINE = rx.compile(r"L(\d+)")


class EvidenceKind(StrEnum):
    """What sort of artefact a fact was read from."""

    CARD_FIELD = "card_field"
    """A key of the model card's YAML front matter."""
    CARD_SECTION = "card_section"
    """A heading (and its text) in the model card body."""
    CARD_LINK = "card_link"
    """A link in the card body (arXiv, GitHub, dataset, licence...)."""
    CARD_STATEMENT = "card_statement"
    """A sentence in the card body ("trained on", "open source", ...)."""
    LICENSE_TEXT = "license_text"
    """A licence file, or a licence section of the card."""
    CONFIG = "config"
    """A value in config.json / model_index.json / adapter or merge configs."""
    WEIGHTS = "weights"
    """Weight files: formats, sizes, header facts."""
    FILE = "file"
    """Presence of a file in the listing (code, tokenizer, notebooks...)."""
    HUB_API = "hub_api"
    """Metadata from the Hugging Face Hub API (gated flag, sha...)."""
    DECLARED = "declared"
    """A fact a producer declared in a declaration file (not observed)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where a fact came from, pinned to a revision."""

    repo: str
    revision: str
    file: str
    locator: str
    """YAML key path (``yaml:license``), line range (``L12-L18``), JSON path, ``listing``..."""
    extractor: str
    """Extractor id and version, e.g. ``card.frontmatter/1``."""

    def __init__(self, *, repo: str, revision: str, file: str, locator: str, extractor: str) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "repo", repo)
        object.__setattr__(self, "revision", revision)
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "locator", locator)
        object.__setattr__(self, "extractor", extractor)

    @property
    def line(self) -> int:
        """First line number the locator names (``L12``, ``L12-L30``, ``yaml:key#L3``), else 0."""
        m = _LOCATOR_LINE.search(self.locator)
        return int(m.group(1)) if m else 0


fast_init(Provenance)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One normalised fact with its provenance."""

    id: EvidenceId
    kind: EvidenceKind
    key: str
    """What the fact is about, e.g. ``license``, ``base_model``, ``section.training_data``."""
    value: str
    """Normalised value (always a string; lists become one evidence per item)."""
    provenance: Provenance
    raw: str | None = field(default=None, compare=False)
    """What was literally written, when it differs from ``value`` (kept short)."""
    attrs: tuple[tuple[str, str], ...] = ()
    """Extra structured detail (sorted key/value pairs)."""

    def __init__(
        self,
        *,
        id: EvidenceId,
        kind: EvidenceKind,
        key: str,
        value: str,
        provenance: Provenance,
        raw: str | None = None,
        attrs: tuple[tuple[str, str], ...] = (),
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "provenance", provenance)
        object.__setattr__(self, "raw", raw)
        object.__setattr__(self, "attrs", attrs)

    def attr(self, name: str, default: str = "") -> str:
        """Return one ``attrs`` value."""
        for k, v in self.attrs:
            if k == name:
                return v
        return default


fast_init(Evidence)


def make_evidence(
    *,
    kind: EvidenceKind,
    key: str,
    value: str,
    repo: str,
    revision: str,
    file: str,
    locator: str,
    extractor: str,
    raw: str | None = None,
    attrs: Iterable[tuple[str, str]] = (),
) -> Evidence:
    """Build an :class:`Evidence` with a stable, content-derived id."""
    digest = hashlib.sha1(
        "\x1f".join((kind, key, value, file, locator)).encode("utf-8", "surrogatepass")
    ).digest()[:5].hex()
    return Evidence(
        id=EvidenceId(f"E{digest}"),
        kind=kind,
        key=key,
        value=value,
        provenance=Provenance(
            repo=repo, revision=revision, file=file, locator=locator, extractor=extractor
        ),
        raw=raw,
        attrs=tuple(sorted(attrs)) if attrs else (),
    )


@dataclass(frozen=True, slots=True)
class EvidenceBundle:
    """All evidence taken from one snapshot, in a stable order, indexed by key and id."""

    items: tuple[Evidence, ...] = ()
    _by_key: dict[str, tuple[Evidence, ...]] = field(default_factory=dict, init=False, repr=False,
                                                     compare=False)
    _by_id: dict[str, Evidence] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_prefix: dict[str, tuple[Evidence, ...]] = field(default_factory=dict, init=False, repr=False,
                                                        compare=False)
    _derived: dict[str, tuple[Evidence, ...]] = field(default_factory=dict, init=False, repr=False,
                                                      compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[Evidence]] = {}
        for e in self.items:
            index.setdefault(e.key, []).append(e)
            self._by_id.setdefault(e.id, e)
        self._by_key.update({k: tuple(v) for k, v in index.items()})

    def __iter__(self) -> Iterator[Evidence]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def by_key(self, key: str) -> list[Evidence]:
        """All facts with exactly this key (a new list)."""
        return list(self._by_key.get(key, ()))

    def first(self, key: str) -> Evidence | None:
        """The first fact with this key, or None."""
        found = self._by_key.get(key)
        return found[0] if found else None

    def with_prefix(self, prefix: str) -> list[Evidence]:
        """All facts whose key starts with ``prefix`` (a new list, in bundle order)."""
        found = self._by_prefix.get(prefix)
        if found is None:  # the bundle is immutable, so each prefix is scanned once
            found = self._by_prefix[prefix] = tuple(e for e in self.items if e.key.startswith(prefix))
        return list(found)

    def derived(self, name: str, compute: Callable[[], Iterable[Evidence]]) -> list[Evidence]:
        """``compute()`` once per bundle under ``name`` (the bundle is immutable): a selection
        of its facts that several stages ask for (a new list each time)."""
        found = self._derived.get(name)
        if found is None:
            found = self._derived[name] = tuple(compute())
        return list(found)

    def of_kind(self, kind: EvidenceKind) -> list[Evidence]:
        """All facts of one kind (a new list)."""
        return [e for e in self.items if e.kind == kind]

    def get(self, eid: str) -> Evidence | None:
        """Look a fact up by id."""
        return self._by_id.get(eid)

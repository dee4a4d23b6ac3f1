"""The resolution ladder for a declared licence (front-matter tag, ``license_name``, ``license_link``).

Rungs, in order: exact SPDX id (case-insensitive) -> alias table (hub tags, vendor names, URLs)
-> SPDX expression (license-expression) -> ``license_name`` / ``license_link`` -> unknown.
The rung reached is recorded; nothing unknown is ever forced onto a known id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from opengauge import rx
from opengauge.licenses.kb import LicenseEntry, knowledge_base
from opengauge.model.report import LicenseRung
from opengauge.types import LicenseId

_PLACEHOLDERS = frozenset(
    {"", "other", "unknown", "none", "null", "n/a", "na", "custom", "proprietary",
     # words that say a licence is not given (seen in Model Openness Tool records)
     "undisclosed", "not disclosed", "unspecified", "not specified", "other license", "tbd", "pending"}
)
_LICENSEREF_OK = rx.compile(r"[^A-Za-z0-9.\-]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """Where the ladder ended for one declaration."""

    license: LicenseId | None
    """Canonical id (or a normalised SPDX expression), None when unknown."""
    rung: LicenseRung
    detail: str
    """What was matched, or why nothing was."""
    file: str | None = None
    """Repository path a relative ``license_link`` points at (the file text then decides)."""
    known: bool = False
    """True when the id is in the knowledge base (LicenseRef- ids made from a name are not)."""


def _entry(value: str) -> tuple[LicenseEntry | None, LicenseRung | None]:
    kb = knowledge_base()
    e = kb.exact_id(value)
    if e is not None:
        e2 = kb.canonical(e)
        return e2, LicenseRung.SPDX_ID if e.spdx else LicenseRung.ALIAS
    e = kb.alias(value)
    if e is not None:
        return kb.canonical(e), LicenseRung.ALIAS
    return None, None


@cache
def spdx_licensing() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


_EXPRESSION = rx.compile(r"\s(?:or|and|with)\s|[()]", re.IGNORECASE)
_ID_TOKEN = rx.compile(r"[A-Za-z0-9.+\-]+")


def _expression(value: str) -> str | None:
    """Normalise an SPDX expression whose every symbol is known, else None."""
    if not _EXPRESSION.search(value):
        return None
    try:
        info = spdx_licensing().validate(value)
    except Exception:  # noqa: BLE001 - third-party parser errors mean "not an expression"
        return None
    if info.errors or not info.normalized_expression:
        return None
    kb = knowledge_base()
    norm = str(info.normalized_expression)

    def canon(m: re.Match[str]) -> str:
        sym = m.group(0)
        if sym.upper() in ("AND", "OR", "WITH"):
            return sym.upper()
        e = kb.exact_id(sym) or kb.alias(sym)
        return kb.canonical(e).id if e else sym

    return _ID_TOKEN.sub(canon, norm)


def licenseref(name: str) -> LicenseId:
    """``LicenseRef-<name>`` with characters SPDX does not allow replaced by ``-``."""
    slug = _LICENSEREF_OK.sub("-", name.strip()).strip("-") or "unnamed"
    return LicenseId(f"LicenseRef-{slug}")


_HOST = rx.compile(
    r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ai|co|io|dev|edu|gov|eu|cn|uk|ae|fr|de)",
    re.IGNORECASE,
)


_URL_SCHEME = rx.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _is_path(link: str) -> bool:
    """True for a repository path (``LICENSE``, ``./LICENSE.md``), False for a URL."""
    if _URL_SCHEME.match(link):
        return False
    return not _HOST.fullmatch(link.split("/")[0])


_REPO_FILE = rx.compile(r"/blob/[^/]+/(.+)$|/resolve/[^/]+/(.+)$")


def resolve_declared(
    tag: str | None, license_name: str | None, license_link: str | None
) -> Resolution:
    """Resolve a declared licence along the ladder.

    Args:
        tag: the front-matter ``license:`` value (hub tags are lower-case, e.g. ``apache-2.0``).
        license_name: ``license_name`` (used with ``license: other``).
        license_link: ``license_link`` (URL, or a repository path such as ``LICENSE``).
    """
    notes: list[str] = []
    t = (tag or "").strip()
    if t and t.lower() not in _PLACEHOLDERS:
        e, rung = _entry(t)
        if e is not None and rung is not None:
            return Resolution(license=e.id, rung=rung, detail=f"tag {t!r} -> {e.id}", known=True)
        expr = _expression(t)
        if expr is not None:
            return Resolution(
                license=LicenseId(expr),
                rung=LicenseRung.SPDX_EXPRESSION,
                detail=f"tag {t!r} is the SPDX expression {expr}",
                known=True,
            )
        if t.lower() in knowledge_base().hub_families:
            notes.append(f"tag {t!r} names a licence family, not one licence")
        else:
            notes.append(f"tag {t!r} is not a known licence id")
    elif t.lower() == "other":
        notes.append("tag 'other'")
    name = (license_name or "").strip()
    if name and name.lower() not in _PLACEHOLDERS:
        e, _ = _entry(name)
        if e is not None:
            return Resolution(
                license=e.id,
                rung=LicenseRung.LICENSE_NAME,
                detail="; ".join([*notes, f"license_name {name!r} -> {e.id}"]),
                known=True,
            )
    link = (license_link or "").strip()
    file: str | None = None
    if link:
        if _is_path(link):
            file = link.removeprefix("./")
            notes.append(f"license_link points at the repository file {file}")
        else:
            e, _ = _entry(link)
            if e is not None:
                return Resolution(
                    license=e.id,
                    rung=LicenseRung.LICENSE_LINK,
                    detail="; ".join([*notes, f"license_link {link} -> {e.id}"]),
                    known=True,
                )
            m = _REPO_FILE.search(link)
            if m:
                file = m.group(1) or m.group(2)
            notes.append(f"license_link {link} is not a known licence URL")
    if name and name.lower() not in _PLACEHOLDERS and not _URL_SCHEME.match(name):
        # (a URL where the name belongs names nothing: an unknown address stays unknown)
        lid = licenseref(name)
        return Resolution(
            license=lid,
            rung=LicenseRung.LICENSE_NAME,
            detail="; ".join(
                [*notes, f"license_name {name!r} is not in the knowledge base -> {lid}"]
            ),
            file=file,
        )
    if not t and not name and not link:
        notes.append("no licence declared")
    elif t.lower() == "other" and not name and not link:
        notes.append("'other' without license_name or license_link")
    return Resolution(license=None, rung=LicenseRung.UNKNOWN, detail="; ".join(notes), file=file)

"""One exception root for opengauge, one subclass family per subsystem.

The CLI maps these to messages and exit codes in one ordered table
(:mod:`opengauge.cli.errors`). Problems *in the audited model* are never
raised: they become findings.
"""

from __future__ import annotations


class OpengaugeError(Exception):
    """Root of every error opengauge raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class UsageError(OpengaugeError, ValueError):
    """The command line or a configuration value is wrong."""


class SourceError(OpengaugeError):
    """A model could not be read from its source."""


class RepoNotFound(SourceError, LookupError):
    """The repository (or local folder / file) does not exist."""


class GatedRepo(RepoNotFound):
    """The repository exists but its files need an accepted licence and a token."""


class RevisionNotFound(SourceError, LookupError):
    """The repository exists but the requested revision does not."""


class RateLimited(SourceError):
    """The source refused because of too many requests."""


class SourceUnavailable(SourceError):
    """Network failure, server error or other transient unavailability."""


class DeclarationError(SourceError, ValueError):
    """A declaration file could not be parsed or does not follow a known schema."""


class CatalogueError(OpengaugeError):
    """A bundled data file (framework catalogue, licence base) is invalid."""


class ExportError(OpengaugeError):
    """A report could not be rendered or written."""


class OutputUnwritable(ExportError):
    """The ``--output`` file cannot be written (no such folder, no permission, a folder there,
    disk full): the user's to fix, not a bug."""

"""The one ordered table mapping exceptions to messages and exit codes."""

from __future__ import annotations

from opengauge import errors

EXIT_OK = 0
EXIT_POLICY = 1
"""The assessment ran but a policy gate was not met (reserved for ``opengauge check``)."""
EXIT_USAGE = 2
EXIT_SOURCE = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130
"""Ctrl-C (128 + SIGINT), as shells report it."""

# Ordered: the first matching class wins.
ERROR_TABLE: tuple[tuple[type[BaseException], str, int], ...] = (
    (errors.GatedRepo, "gated repository", EXIT_SOURCE),
    (errors.RepoNotFound, "not found", EXIT_SOURCE),
    (errors.RevisionNotFound, "revision not found", EXIT_SOURCE),
    (errors.RateLimited, "rate limited", EXIT_SOURCE),
    (errors.DeclarationError, "invalid declaration", EXIT_USAGE),
    (errors.SourceUnavailable, "source unavailable", EXIT_SOURCE),
    (errors.SourceError, "source error", EXIT_SOURCE),
    (errors.UsageError, "usage error", EXIT_USAGE),
    (errors.OutputUnwritable, "could not write the report", EXIT_USAGE),
    (errors.ExportError, "could not export the report", EXIT_INTERNAL),
    (errors.CatalogueError, "bundled data is invalid", EXIT_INTERNAL),
    (errors.OpengaugeError, "error", EXIT_INTERNAL),
)


def classify(exc: BaseException) -> tuple[str, int]:
    """(label, exit code) for an exception; unknown exceptions are internal errors."""
    for cls, label, code in ERROR_TABLE:
        if isinstance(exc, cls):
            return label, code
    return "internal error", EXIT_INTERNAL


def describe(exc: BaseException) -> str:
    """A one-paragraph message a person can act on."""
    label, code = classify(exc)
    msg = str(exc) or exc.__class__.__name__
    hint = getattr(exc, "hint", "")
    text = f"{label}: {msg}"
    if hint:
        text += f"\n  hint: {hint}"
    if code == EXIT_INTERNAL and not isinstance(exc, errors.OpengaugeError):
        text = (f"internal error ({exc.__class__.__name__}): {msg}\n"
                "  this is a bug in opengauge; set OPENGAUGE_DEBUG=1 for a traceback and report it")
    return text

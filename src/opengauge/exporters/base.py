"""Exporter protocol, the format enum and the render context."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from opengauge.model.report import Report


class Format(StrEnum):
    """Output formats offered by ``--format``."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderContext:
    """Everything an exporter may need beyond the report; time and ids are injected here."""

    generated_at: str | None = None
    verbose: bool = False
    """Show every criterion and every fact, not only the key ones."""


class Exporter(Protocol):
    """Render a report to text."""

    def __call__(self, report: Report, ctx: RenderContext) -> str: ...

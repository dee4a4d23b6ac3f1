"""Identifier types and small enums shared by every layer."""

from __future__ import annotations

from enum import StrEnum
from typing import NewType

RepoId = NewType("RepoId", str)
Revision = NewType("Revision", str)
EvidenceId = NewType("EvidenceId", str)
CriterionId = NewType("CriterionId", str)
LicenseId = NewType("LicenseId", str)


class SourceKind(StrEnum):
    """Where a snapshot came from."""

    LOCAL = "local"
    HUB = "huggingface"
    DECLARATION = "declaration"


class Severity(StrEnum):
    """How much a finding matters to someone relying on the model's openness."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Confidence(StrEnum):
    """How sure a conclusion is, given the evidence behind it."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

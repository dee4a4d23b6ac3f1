"""Shared helpers for the licence tests: where ../shared is, and labelled expectations."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import SHARED

TEXTS = SHARED / "licence-texts"
CORPUS = SHARED / "corpus"
LABELS = SHARED / "eval" / "labels-dev.csv"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "licenses"

requires_texts = pytest.mark.skipif(not TEXTS.is_dir(), reason="../shared/licence-texts is absent")
requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")

# licenses.yaml id -> our canonical id (the eval README's id rule).
YAML_TO_CANONICAL = {
    "apache-2.0": "Apache-2.0",
    "mit": "MIT",
    "cc-by-4.0": "CC-BY-4.0",
    "cc-by-nc-4.0": "CC-BY-NC-4.0",
    "cc-by-nc-sa-4.0": "CC-BY-NC-SA-4.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "gpl-3.0": "GPL-3.0-only",
    "openmdw-1.0": "OpenMDW-1.0",
    "falcon-llm-1.0": "LicenseRef-tii-falcon-1.0",
    "falcon-2-11b-tii-1.0": "LicenseRef-falcon2-11b-license",
    "llama-license": "LicenseRef-llama-license",
    "stabilityai-ai-community": "LicenseRef-stabilityai-ai-community",
    "sai-nc-community": "LicenseRef-sai-nc-community",
    "tongyi-qianwen": "LicenseRef-tongyi-qianwen",
    "tongyi-qianwen-research": "LicenseRef-tongyi-qianwen-research",
    "qwen": "LicenseRef-qwen",
    "qwen-research": "LicenseRef-qwen-research",
    "deepseek": "LicenseRef-deepseek",
    "nvidia-open-model-license": "LicenseRef-nvidia-open-model-license",
    "yi-license": "LicenseRef-yi-license",
    "microsoft-research-license": "LicenseRef-microsoft-research-license",
    "modified-mit": "LicenseRef-modified-mit",
    "flux-1-dev-non-commercial-license": "LicenseRef-flux-1-dev-non-commercial-license",
    "dbrx-open-model-license": "LicenseRef-databricks-open-model-license",
    "exaone": "LicenseRef-exaone",
    "tencent-hunyuan-community": "LicenseRef-tencent-hunyuan-community",
}


def canonical(yaml_id: str) -> str:
    """Canonical id of a licenses.yaml / licence-texts folder id."""
    return YAML_TO_CANONICAL.get(yaml_id, yaml_id)


def index_rows() -> list[dict[str, str]]:
    """Rows of licence-texts/INDEX.csv (empty when ../shared is absent)."""
    if not TEXTS.is_dir():
        return []
    with (TEXTS / "INDEX.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def corpus_licence_files() -> list[tuple[str, str, str]]:
    """(folder, file, expected id) for every licence file of a labelled dev folder."""
    if not LABELS.is_file():
        return []
    out = []
    with LABELS.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for part in filter(None, row["license_file_id"].split(";")):
                name, lid = part.split("=", 1)
                out.append((row["folder"], name, lid))
    return out

"""What a linked code repository is for, from its URL and link text (or the label a bare URL
is the value of, such as ``Repository:``). Shared by the component inventory and the
framework facts, so that both read a card's repositories the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable

from opengauge import rx
from opengauge.model.evidence import Evidence
from opengauge.rx import Prefiltered

_TRAIN_LINK = Prefiltered(r"train|pretrain|fine-?tun|recipe|reproduc|data[- ]?prep|pipeline",
                          re.IGNORECASE)
_REPO_LINK = Prefiltered(r"\b(github|gitlab|repo|repository|code|source|codebase|implementation)\b",
                         re.IGNORECASE)
_PREP_LINK = Prefiltered(r"data[- _]?(prep|process|pipeline|clean|filter)|preprocess|dedup",
                         re.IGNORECASE)
_EVAL_LINK = Prefiltered(r"\beval(?!\w*[-_ ]results)|benchmark|analysis|leaderboard", re.IGNORECASE)
_NON_ALNUM = rx.compile(r"[^a-z0-9]+")
_GENERIC_MENTION = Prefiltered(r"train|tun|code|script", re.IGNORECASE)


def training_links(repos: Iterable[Evidence]) -> list[Evidence]:
    """Repositories whose URL or link text speaks of training, fine-tuning or recipes."""
    return [e for e in repos if _TRAIN_LINK.search(e.value + " " + e.attr("text"))]


def named_repos(repos: Iterable[Evidence]) -> list[Evidence]:
    """Repositories the card presents as code ("GitHub Repo", "Repository:", "code")."""
    return [e for e in repos if _REPO_LINK.search(e.attr("text"))]


def data_prep_links(repos: Iterable[Evidence]) -> list[Evidence]:
    """Repositories whose URL or link text speaks of data preparation."""
    return [e for e in repos if _PREP_LINK.search(e.value + " " + e.attr("text"))]


def eval_links(repos: Iterable[Evidence]) -> list[Evidence]:
    """Repositories of evaluation code: whose name or link text speaks of evaluation,
    benchmarks or analysis (``lm-evaluation-harness``, "[Analysis and Results]"), or a page of
    the card's own code repository (one it presents as code elsewhere: "GitHub Repo") about
    them (``.../openchat/#benchmarks``); not a repository of evaluation results. (A page of
    another project, such as an inference engine's serving benchmarks, is not; nor is a
    repository merely linked from an evaluation section, as often a benchmark's data.)"""
    repos = list(repos)
    own = {e.value for e in named_repos(repos)}
    return [e for e in repos if _EVAL_LINK.search(f"{e.value} {e.attr('text')}")
            or (e.value in own and e.raw and _EVAL_LINK.search(e.raw))]


def framework_repos(repos: Iterable[Evidence], mentions: Iterable[Evidence]) -> list[Evidence]:
    """Repositories of a training framework the card names ("trained with axolotl" and a link
    to .../axolotl)."""
    names = {_NON_ALNUM.sub("", e.attr("phrase").lower()) for e in mentions}
    names = {n for n in names if len(n) >= 3}
    return [e for e in repos
            if any(n in _NON_ALNUM.sub("", e.value.lower().rsplit("/", 1)[-1]) for n in names)]


def _named_in(repo: Evidence, sentence: str) -> bool:
    """The sentence (lower case) names the repository: its link text or its name."""
    text = repo.attr("text").lower()
    name = repo.value.rstrip("/").rsplit("/", 1)[-1].lower()
    return bool(text and text in sentence) or (len(name) >= 3 and name in sentence)


def training_repos(repos: Iterable[Evidence], mentions: Iterable[Evidence]) -> list[Evidence]:
    """Training repositories, each once: those whose URL or text speaks of training, then the
    repositories of the training frameworks the card names (``mentions``: training-code
    statements), then those linked from the line of a training-code statement ("the scripts to
    run training are available at [org/repo](…)")."""
    repos = list(repos)
    mentions = list(mentions)
    # (a framework named by its name finds its repository above; a generic statement, "the
    # training code is at …", names the repository it links)
    said: dict[tuple[str, int | None], str] = {}
    for m in mentions:
        if _GENERIC_MENTION.search(m.attr("phrase")):
            key = (m.provenance.file, m.provenance.line)
            said[key] = said.get(key, "") + " " + m.value.lower()
    beside = [e for e in repos if (sentence := said.get((e.provenance.file, e.provenance.line)))
              and _named_in(e, sentence)]
    found = training_links(repos) + framework_repos(repos, mentions) + beside
    return list({e.id: e for e in found}.values())

"""Pure parsing of a model card's Markdown body: sections, links and statements."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from opengauge import rx
from opengauge.model.frozen import fast_init
from opengauge.rx import LineScan, Prefiltered, WordScan, fold, max_width

# ---------------------------------------------------------------- sections

SECTION_PATTERNS: tuple[tuple[str, Prefiltered], ...] = tuple(
    (name, Prefiltered(pat, re.IGNORECASE))
    for name, pat in (
        ("license", r"\blicen[sc]e|\bterms of use\b|\blicensing\b"),
        ("acknowledgements", r"\backnowledge?ments?\b|\bthanks\b|\bcredits\b"),
        ("citation", r"\bcit(ation|e|ing)\b|\bbibtex\b|\breference\b"),
        ("training_data", r"\b(training|pre-?training|fine-?tuning|instruction|sft|rlhf|preference)[\s-]+(data|dataset|corpus|corpora|mixture)|\bdatasets?\b|\bdata sources?\b|\btraining corpus\b|\bdata\b.*\b(used|collection|preparation)|^\s*data\s*$|\bdata[\s-]?mix(ture)?\b|\bmodel data\b"),
        ("data_collection", r"\bdata (collection|curation|processing|preparation|filtering|cleaning)|\bpreprocessing\b|\bannotation\b|\bdata pipeline\b"),
        ("hyperparameters", r"\bhyper-?param|\btraining (hyper|setup|config|details|settings)|\btraining arguments\b"),
        ("training_procedure", r"\btraining (procedure|process|details|recipe|method|regime|setup)|\bhow (it|we) (was|were)? ?trained|\bpre-?training\b|\bfine-?tuning\b|\btraining\b"),
        ("hardware", r"\bhardware\b|\bcompute\b|\binfrastructure\b|\bgpus?\b|\btpus?\b|\benvironmental impact\b|\bcarbon\b|\bemissions?\b|\benergy\b|\bsoftware\b"),
        ("evaluation", r"\bevaluat|\bbenchmark|\bresults?\b|\bperformance\b|\bmetrics?\b|\bleaderboard\b"),
        ("limitations", r"\blimitation|\bbias|\brisks?\b|\bethic|\bsafety\b|\bharm|\bcaveat|\bfairness\b|\bresponsib"),
        ("intended_use", r"\bintended use|\buses?\b|\bout[- ]of[- ]scope\b|\bmisuse\b|\bdirect use\b|\bdownstream\b|\buse cases?\b|\bhow to use\b|\busage\b|\bquick ?start\b|\bgetting started\b|\binference\b"),
        ("model_details", r"\bmodel (details|description|summary|overview|architecture|information|type|specifications?|specs)\b|\bmodel card\b(?! (contact|authors?|creators?)\b)|\barchitecture\b|\boverview\b|^\s*about\b|\bintroduction\b"),
    )
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A heading and the lines it covers (1-based, inclusive)."""

    title: str
    level: int
    start: int
    end: int
    words: int
    kinds: tuple[str, ...]

    def __init__(
        self,
        *,
        title: str,
        level: int,
        start: int,
        end: int,
        words: int,
        kinds: tuple[str, ...],
    ) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "kinds", kinds)


fast_init(Section)


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A classified link."""

    kind: str
    """``arxiv``, ``code_repo``, ``dataset``, ``model``, ``paper``, ``license``, ``doi``, ``other``."""
    value: str
    url: str
    text: str
    line: int
    lead: str = ""
    """For a link whose text only points ("here", "link"): the words before it on its line
    ("Link to paper:", "The methodology ... can be found"), which say what it points to."""

    def __init__(self, *, kind: str, value: str, url: str, text: str, line: int, lead: str = "") -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "lead", lead)


fast_init(Link)


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """A sentence that says something about openness, data, code or lineage."""

    kind: str
    text: str
    line: int
    phrase: str
    section: str

    def __init__(self, *, kind: str, text: str, line: int, phrase: str, section: str) -> None:
        # (see opengauge.model.frozen: direct stores when compiled, fast_init's when not)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "phrase", phrase)
        object.__setattr__(self, "section", section)


fast_init(Statement)


_ATX = rx.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = rx.compile(r"^\s{0,3}(=+|-+)\s*$")
_BOLD_HEAD = rx.compile(r"^\s*(?:\*\*|__)([^*_]{3,80})(?:\*\*|__)\s*:?\s*$")
# CommonMark fences, indented by any amount (fences inside list items are indented more than
# the three spaces a top-level fence may have): an opening fence's info string holds no
# backtick when the fence is backticks (```a``` on one line is a code span, not a block);
# a closing fence is the same character, at least as long, and nothing else.
_FENCE = rx.compile(r"^\s*(`{3,}(?=[^`]*$)|~{3,})")
_FENCE_CLOSE = rx.compile(r"^\s*(`{3,}|~{3,})\s*$")
_HTML_HEAD = rx.compile(r"^\s*<h([1-6])[^>]*>(.*?)</h\1>\s*$", re.IGNORECASE)
_TAGS = rx.compile(r"<[^<>]+>")


_HEADING_MARKUP = rx.compile(r"[*_`#\[\]()]")
_USAGE_HEAD = rx.compile(r"^\s*(?:running|run|using|loading|load|serving|serve|deploying|deploy|inference)\b",
                         re.IGNORECASE)
_RUNTIME_HW_HEAD = rx.compile(r"\b(?:required|requirements?|minimum|recommended|supported|compatib\w*|"
                              r"inference|deploy\w*|serving|runtime)\b", re.IGNORECASE)
"""In a hardware heading: what the model needs to run ("Required Hardware", "Hardware
Requirements", "Supported Hardware"), not what trained it."""
_TERMS_HEAD = rx.compile(r"\bterms of use\b|\buse policy\b|\bacceptable use\b", re.IGNORECASE)
TRAIN_WORD = rx.compile(r"\b(?:train\w*|pre-?train\w*|fine-?tun\w*)\b", re.IGNORECASE)
"""A word of training: "trained", "pre-training", "fine-tuning"."""
_PROCEDURE_WORDS = Prefiltered(r"procedure|process|details|recipe|setup|method", re.IGNORECASE)


def _classify_heading(title: str) -> tuple[str, ...]:
    clean = _HEADING_MARKUP.sub(" ", title)
    folded = fold(clean)
    kinds: list[str] = []
    for name, pat in SECTION_PATTERNS:
        if pat.search_folded(clean, folded):
            kinds.append(name)
    # "Running the model on a single GPU" and "Required Hardware" are usage, not the training
    # hardware.
    if "hardware" in kinds and (_USAGE_HEAD.search(clean) or (
            _RUNTIME_HW_HEAD.search(clean) and not TRAIN_WORD.search(clean))):
        kinds.remove("hardware")
        if "intended_use" not in kinds:
            kinds.append("intended_use")
    # "Terms of Use" and "Acceptable Use Policy" are licence terms, not the intended use.
    if "intended_use" in kinds and _TERMS_HEAD.search(clean):
        kinds.remove("intended_use")
    # "training" alone is procedure, not data; "training data" is data (and not procedure).
    if "training_data" in kinds and "training_procedure" in kinds and not _PROCEDURE_WORDS.search_folded(
        clean, folded
    ):
        kinds.remove("training_procedure")
    return tuple(kinds)


def code_fence_mask(lines: list[str]) -> list[bool]:
    """True for lines inside fenced code blocks (fence lines included)."""
    mask = [False] * len(lines)
    for first, end in code_blocks(lines):
        # the opening fence, the content and the closing fence (an unclosed block has none)
        mask[first - 1 : end + 1] = [True] * (min(end + 1, len(lines)) - first + 1)
    return mask


def comment_mask(lines: list[str], mask: list[bool]) -> list[bool]:
    """``mask`` plus the lines that are wholly inside an HTML comment (``<!-- ... -->``), which
    a rendered card does not show: a template's "<!-- Provide the basic links -->" is no
    statement and a link in a commented-out line is not offered to the reader. A comment
    inside a line of text is left alone (the inline clean-up drops it as a tag).

    >>> comment_mask(["<!-- hidden -->", "shown <!-- x -->", "<!-- a", "b", "--> c", "d"], [False] * 6)
    [True, False, True, True, False, False]
    """
    out = list(mask)
    inside = False
    for i, line in enumerate(lines):
        if mask[i]:
            continue
        if inside:
            end = line.find("-->")
            if end == -1:
                out[i] = True
            else:
                inside = False
                out[i] = not line[end + 3 :].strip()
        elif line.lstrip().startswith("<!--"):
            end = line.find("-->", line.find("<!--") + 4)
            if end == -1:
                inside = out[i] = True
            else:
                out[i] = not line[end + 3 :].strip()
    return out


_BIB_ENTRY = rx.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]*)", re.ASCII)
_BIB_VENUE = rx.compile(r"^\s*(booktitle|journal)\s*=\s*[{\"]+\s*(.*?)\s*[}\"]*\s*,?\s*$",
                        re.IGNORECASE)
_NOT_A_VENUE = Prefiltered(r"arxiv|\bcorr\b|preprint|\bblog\b|technical report|tech\.? rep|"
                           r"white ?paper|github|hugging ?face|model card|\bonline\b", re.IGNORECASE)


def bibtex_venues(lines: list[str], body_start: int = 1) -> list[tuple[int, str, str, str]]:
    r"""``(line, venue, entry type, entry key)`` for each BibTeX ``booktitle`` or ``journal``
    field that names a publication venue (proceedings, a journal), not an archive, a preprint
    server, a blog or a technical report. Lines are 1-based.

    >>> bibtex_venues(["@InProceedings{Rombach_2022_CVPR,", "  booktitle = {Proceedings of "
    ...                "CVPR},", "}", "@article{x,", "  journal={arXiv preprint arXiv:1},"])
    [(2, 'Proceedings of CVPR', 'inproceedings', 'Rombach_2022_CVPR')]
    """
    out: list[tuple[int, str, str, str]] = []
    kind = key = ""
    for i in range(max(body_start - 1, 0), len(lines)):
        line = lines[i]
        if "@" in line and (m := _BIB_ENTRY.match(line)):
            kind, key = m.group(1).lower(), m.group(2)
        elif kind and ("title" in line or "journal" in line) and (v := _BIB_VENUE.match(line)):
            venue = v.group(2).strip("{} ")
            if venue and len(venue) <= 300 and not _NOT_A_VENUE.search(venue):
                out.append((i + 1, venue, kind, key))
    return out


def code_blocks(lines: list[str], body_start: int = 1) -> list[tuple[int, int]]:
    r"""The fenced code blocks from ``body_start`` on, as 0-based ``(first, end)`` ranges of
    their content lines (fences left out; an unclosed block runs to the end). The same fences
    as :func:`code_fence_mask`.

    >>> code_blocks("a\n```yaml\nk: v\n```\n~~~\nopen".split("\n"))
    [(2, 3), (5, 6)]
    """
    out: list[tuple[int, int]] = []
    fence: str | None = None
    first = 0
    for i in range(max(body_start - 1, 0), len(lines)):
        line = lines[i]
        if fence is None:
            m = _FENCE.match(line) if "```" in line or "~~~" in line else None
            if m:
                fence, first = m.group(1), i + 1
        elif fence[:3] in line:
            m = _FENCE_CLOSE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                out.append((first, i))
                fence = None
    if fence is not None:
        out.append((first, len(lines)))
    return out


# A number with no word character, dot or hyphen before it: the look-behind stands after the
# first digit, so that the engine scans for digits (a pattern that opens with a look-behind is
# tried at every position: 2.5x slower over the corpus's cards, the same matches).
_FIGURE = rx.compile(r"\d(?<![\w.-]\d)\d*(?:[.,]\d+)?%?(?!\w|\.\w)")
_IMAGE = rx.compile(r"!\[[^\]]*\]\(|<img\b", re.IGNORECASE)


def figures(lines: list[str], start: int, end: int) -> tuple[int, int, int]:
    """``(numbers, scores, images)`` on lines ``start..end`` (1-based, inclusive): the numbers
    standing on their own (not in names or versions), those of them that look like scores (a
    decimal or a percentage), and the images; each counted up to 999. What an evaluation section
    shows of its results.

    >>> figures(["## Eval", "| MMLU | 42.3 | 71% |", "![chart](c.png)", "llama-2 v1.5 on 16 GPUs"], 1, 4)
    (3, 2, 1)
    """
    text = "\n".join(lines[max(start - 1, 0):end])
    found = _FIGURE.findall(text) if any(d in text for d in "0123456789") else []
    numbers = len(found)
    scores = sum(1 for f in found
                 if "." in f or "%" in f or ("," in f and len(f) - f.index(",") != 4))
    images = len(_IMAGE.findall(text)) if "![" in text or "<img" in text.lower() else 0
    return min(numbers, 999), min(scores, 999), min(images, 999)


def word_offsets(lines: list[str]) -> list[int]:
    """Cumulative word counts: the words on lines ``a..b`` (0-based) are ``w[b + 1] - w[a]``."""
    out = [0]
    out.extend(itertools.accumulate(map(len, map(str.split, lines))))
    return out


_HEAD_CHARS = frozenset("#<=-*_")
"""The first non-blank character of every kind of heading line (ATX, HTML, setext, bold)."""


def parse_sections(lines: list[str], body_start: int, mask: list[bool],
                   words: list[int] | None = None) -> tuple[Section, ...]:
    """Find headings (ATX, setext, HTML and bold-only lines) and the lines under each.

    ``words`` is :func:`word_offsets` of ``lines`` when the caller already has it.
    """
    heads: list[tuple[int, int, str]] = []  # (line index, level, title)
    for i in range(body_start - 1, len(lines)):
        if mask[i]:
            continue
        line = lines[i]
        first = line.lstrip()[:1]
        if first not in _HEAD_CHARS or not first:
            continue
        m = _ATX.match(line)
        if m:
            heads.append((i, len(m.group(1)), m.group(2)))
            continue
        h = _HTML_HEAD.match(line)
        if h:
            heads.append((i, int(h.group(1)), _TAGS.sub("", h.group(2))))
            continue
        s = _SETEXT.match(line)
        if s and i > body_start - 1 and lines[i - 1].strip() and not mask[i - 1] and not _ATX.match(lines[i - 1]):
            prev = lines[i - 1].strip()
            if len(prev) <= 100 and not prev.startswith(("|", "-", "*")):
                level = 1 if s.group(1).startswith("=") else 2
                if heads and heads[-1][0] == i - 1:
                    continue
                heads.append((i - 1, level, prev))
                continue
        b = _BOLD_HEAD.match(line)
        if b and (i == 0 or not lines[i - 1].strip()):
            heads.append((i, 7, b.group(1)))
    if words is None:
        words = word_offsets(lines)
    # a section ends before the next heading of its level or a higher one (a bold-only line,
    # level 7, before any heading); the open sections form a stack of rising levels, so each
    # heading closes the top ones at once (a search ahead per heading was quadratic: a card of
    # 16,000 headings took 0.6 s)
    ends = [len(lines) - 1] * len(heads)
    open_: list[int] = []
    for n, (idx, level, _) in enumerate(heads):
        while open_ and heads[open_[-1]][1] >= level:
            ends[open_.pop()] = idx - 1
        open_.append(n)
    sections: list[Section] = []
    for (idx, level, title), end in zip(heads, ends, strict=True):
        title_clean = _TAGS.sub("", title).strip().strip("*_`: ")
        sections.append(Section(title=title_clean[:120], level=min(level, 7), start=idx + 1,
                                end=end + 1, words=words[end + 1] - words[idx + 1],
                                kinds=_classify_heading(title_clean)))
    return tuple(sections)


# ---------------------------------------------------------------- links

# (a link ends at a ")": only the line up to its last ")" is searched, so that a line of "[a](http://a"
# without one is not rescanned to its end from every "[": 40,000 characters took 7 s)
_MD_LINK = rx.compile(r"\[([^\]]{0,200})\]\(\s*<?(https?://[^)\s>]++)>?(?:\s+\"[^\"]*\")?\s*\)")
# a linked badge, [![alt](image)](target), and an HTML anchor with its text (tags inside dropped)
_BADGE_LINK = rx.compile(r"\[!\[([^\]]{0,200})\]\([^)\s]*\)\]\(\s*<?(https?://[^)\s>]++)>?\s*\)")
_HTML_LINK = rx.compile(r"<a\s[^<>]*?\bhref\s*=\s*[\"']?(https?://[^\"'\s<>]+)[^<>]*>"
                        r"([^<]{0,200}(?:<(?!/a>)[^<>]*>[^<]{0,200}){0,4})", re.IGNORECASE)
# "http" not just after a word character or one of ( [ < " ' = (the literal comes first, so
# that the engine only tries the pattern where "http" occurs: about five times faster than
# the same test as a lookbehind in front)
_BARE_URL = rx.compile(r"http(?<![\w(\[<\"'=]http)s?://[^\s)<>\]\"'`]+")
_ARXIV = Prefiltered(r"arxiv\.org/(?:abs|pdf|html)/([0-9]{4}\.[0-9]{4,5}|[a-z-]+/[0-9]{7})", re.IGNORECASE)
_ARXIV_TEXT = Prefiltered(r"\barxiv[:\s]+([0-9]{4}\.[0-9]{4,5})|\barxiv\.([0-9]{4}\.[0-9]{4,5})\b|"
                          r"\beprint\s*=\s*[{\"']?([0-9]{4}\.[0-9]{4,5})", re.IGNORECASE)
# The Hub's own host only (not cdn-uploads.huggingface.co, whose image paths are no model ids),
# and not its site pages: a first path segment the Hub keeps for itself is no owner.
_HF_HOST = r"//(?:www\.)?(?:huggingface\.co|hf\.co)/"
_HF_DATASET = Prefiltered(_HF_HOST + r"datasets/([\w.-]+(?:/[\w.-]+)?)", re.IGNORECASE)
_HF_MODEL = Prefiltered(
    _HF_HOST + r"(?!(?:datasets|spaces|docs|blog|papers|collections|organizations|models|"
    r"tensorboard|posts|tasks|learn|chat|pricing|enterprise|settings|api|join|login|new|"
    r"inference-endpoints|autotrain|course)\b)([\w.-]+/[\w.-]+)", re.IGNORECASE)
# (a first path segment GitHub keeps for its own pages is no owner: github.com/orgs/x is a team)
_CODE_REPO = Prefiltered(
    r"(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/(?!(?:orgs|sponsors|features|"
    r"topics|marketplace|settings|apps|collections|explore|about|pricing|enterprise|security|"
    r"login|join|site|notifications|search)/)([\w.-]+/[\w.-]+)", re.IGNORECASE)
_PAPER = Prefiltered(r"aclanthology\.org|openreview\.net|proceedings\.|papers\.nips\.cc|neurips\.cc|jmlr\.org|dl\.acm\.org|ieeexplore|nature\.com|science\.org|semanticscholar\.org|papers\.withcode|huggingface\.co/papers/", re.IGNORECASE)
_DOI = Prefiltered(r"doi\.org/(10\.[^\s)]+)", re.IGNORECASE)
_LICENSE_URL = Prefiltered(r"licen[sc]e|/terms|use[-_]policy|creativecommons\.org|opensource\.org|spdx\.org|/legal(?!.*trademark)", re.IGNORECASE)
_REPO_TAIL = rx.compile(r"\.git$|[.,;:]+$")


_LICENSE_WORDS = Prefiltered(r"licen[sc]e|terms of use|use policy", re.IGNORECASE)


def _classify_url(url: str, text: str) -> tuple[str, str]:
    low = fold(url)  # (lower-cased once for all the patterns' literal checks)
    m = _ARXIV.search_folded(url, low)
    if m:
        return "arxiv", m.group(1)
    if _LICENSE_URL.search_folded(url, low) or _LICENSE_WORDS.search(text):
        return "license", url
    m = _HF_DATASET.search_folded(url, low)
    if m:
        return "dataset", m.group(1).rstrip(".")
    m = _CODE_REPO.search_folded(url, low)
    if m:
        repo = _REPO_TAIL.sub("", m.group(1))
        host = url.split("//", 1)[-1].split("/", 1)[0].lower()
        return "code_repo", f"https://{host}/{repo}"
    m = _DOI.search_folded(url, low)
    if m:
        return "doi", m.group(1).rstrip(".")
    if _PAPER.search_folded(url, low):
        return "paper", url
    m = _HF_MODEL.search_folded(url, low)
    if m:
        return "model", m.group(1).rstrip(".")
    return "other", url


def _bare_url(url: str) -> str:
    """A bare URL without the punctuation that ends its sentence or BibTeX field."""
    url = url.rstrip(".,;:")
    return url.rstrip("}").rstrip(".,;:") if "{" not in url else url


_LABEL = rx.compile(r"^[\s>*+-]*(?:\d+[.)]\s*)?([A-Za-z][\w ()/&'-]{0,40}?)\s*:\s*$")


def _label_before(line: str, at: int) -> str:
    """The label a bare URL is the value of ("- **Repository:** https://…" -> ``Repository``),
    its stand-in for link text; ``""`` when the URL follows prose."""
    head = line[:at]
    if ":" not in head:
        return ""
    m = _LABEL.match(clean_inline(head))
    return m.group(1) if m else ""


POINTER_WORDS = frozenset({"here", "link", "this", "see", "click", "more", "details", "read",
                           "full", "on", "at", "in", "for", "the", "a", "available", "official"})
"""Words of a link text that only points ("click here", "link") and names nothing."""
_LINK_WORDS = rx.compile(r"[a-z]+")


def link_words(text: str) -> set[str]:
    """The words of a link text, lower-cased (letters only: "[🤗 Paper]" -> {"paper"})."""
    return set(_LINK_WORDS.findall(text.lower()))


def _lead(line: str, text: str, at: int) -> str:
    """The (cleaned) words before a link at ``at`` on its line, when its ``text`` only points."""
    words = link_words(text)
    if not words or not words <= POINTER_WORDS:
        return ""
    return clean_inline(line[max(0, at - 160):at])[-80:].strip()


def parse_links(lines: list[str], body_start: int,
                hidden: list[bool] | None = None, *, scan: LineScan | None = None) -> tuple[Link, ...]:
    """Classify every Markdown link, linked badge, HTML anchor and bare URL in the body (code
    blocks included; lines ``hidden`` in HTML comments left out). ``scan``, if given, is a
    :class:`LineScan` of ``lines`` from ``body_start`` (shared by the body's scans)."""
    out: list[Link] = []
    seen: set[tuple[str, str, int]] = set()
    scan = scan or LineScan(lines, body_start)
    for i in scan.holding(("arxiv", "eprint"), case_sensitive=("http",)):
        if hidden is not None and hidden[i]:
            continue
        line = lines[i]
        spans: list[tuple[str, str, bool]] = []
        leads: dict[int, str] = {}  # (span index -> words before a pointing link)
        # Markdown links end at a ")" after a "](": only the line up to its last ")" is searched
        end = line.rfind(")") + 1
        close = line.find("](", 0, end)
        if close != -1:
            for m in _MD_LINK.finditer(line, 0, end):
                # an image, or a badge's image seen from the badge's "[" ("![alt" is no link
                # text), is no link; a linked badge ([![alt](src)](url)) is one to url
                text = m.group(1)
                if text[:1] != "!" and (m.start() == 0 or line[m.start() - 1] != "!"):
                    if lead := _lead(line, text, m.start()):
                        leads[len(spans)] = lead
                    spans.append((m.group(2), text, False))
            if "[![" in line:
                spans.extend((m.group(2), m.group(1), False)
                             for m in _BADGE_LINK.finditer(line, 0, end))
            # a link whose text wraps ("[GPT-NeoX" then "library](url)") is found from its
            # second line and placed on its first
            if i and line.rfind("[", 0, close) == -1:
                prev = lines[i - 1]
                start = prev.rfind("[")
                if start != -1 and prev.find("]", start) == -1:
                    wrapped = _MD_LINK.match(f"{prev[start:]} {line[:end]}")
                    if wrapped:
                        spans.append((wrapped.group(2), wrapped.group(1), True))
        if "href" in line:
            anchors = list(_HTML_LINK.finditer(line))
            if len(anchors) < line.count("href") and i + 1 < len(lines):
                # an anchor whose tag goes on to the next line (a newline before the closing
                # quote of its href): read with that line, placed on this one
                joined = f"{line}\n{lines[i + 1]}"
                anchors = [m for m in _HTML_LINK.finditer(joined) if m.start() < len(line)]
            for m in anchors:
                text = _TAGS.sub("", m.group(2))
                if lead := _lead(line, text, m.start()):
                    leads[len(spans)] = lead
                spans.append((m.group(1), text, False))
        for m in _BARE_URL.finditer(line):
            spans.append((_bare_url(m.group(0)), _label_before(line, m.start()), False))
        for m in _ARXIV_TEXT.finditer(line):
            arxiv_id = m.group(1) or m.group(2) or m.group(3)
            if m.group(3) and "arxiv" not in "\n".join(lines[max(0, i - 8) : i + 8]).lower():
                continue  # an eprint number in a BibTeX entry that is not an arXiv one
            spans.append((f"https://arxiv.org/abs/{arxiv_id}", m.group(0), False))
        for n, (url, text, above) in enumerate(spans):
            kind, value = _classify_url(url, text)
            line_no = i if above else i + 1
            key = (kind, value, line_no)
            if key in seen:
                continue
            seen.add(key)
            out.append(Link(kind=kind, value=value, url=url[:300],
                            text=" ".join(text.split())[:120], line=line_no, lead=leads.get(n, "")))
    return tuple(out)


# ---------------------------------------------------------------- statements

# "(has) not (been) fine-tuned" is the opposite of a fine-tune: looked behind from the end of
# the words, so that the engine only looks where they are
_NOT_TUNED = "".join(f"(?<!{neg} {tuned})" for neg in ("not", "not been", "n't been", "never been")
                     for tuned in ("fine-tuned", "fine tuned", "finetuned"))
FORTHCOMING_SOON = r"(?:coming soon|forthcoming|upcoming|is coming)"
FORTHCOMING_LATER = r"will be (?:released|published|made (?:publicly )?available|open[- ]sourced)"
"""What announces a thing not out yet ("Paper coming soon", "will be released next week")."""
_TOOLING = (r"(?:tool(?:ing|s)?|pipelines?|harness(?:es)?|frameworks?|codebases?|infrastructure|"
            r"scripts?|suites?|librar(?:y|ies))\b")
"""What runs an evaluation: a tool, a pipeline, a harness, a library..."""
_TRAIN_CODE = r"(?:codebases?|code ?base|code|frameworks?|librar(?:y|ies)|software|stack)\b"
"""What trained a model, as code (not "infrastructure" or a "cluster": those may be hardware)."""
STATEMENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, rx.compile(pat, re.IGNORECASE))
    for name, pat in (
        ("open_source", r"\bopen[- ]?sourc(e|ed|ing)\b|\bfully[- ]open\b|\bcompletely open\b|\b100% open\b"),
        ("open_weights", r"\bopen[- ]weights?\b|\bopen model\b|\bopen access\b|\bopenly (available|releas(ed|ing))\b"),
        ("trained_on", r"\b(pre-?)?trained (on|with|using)\b(?!\s+(?:\d[\d,.]*\s*(?:x\s*)?)?(?:\d+\s*gb\s*)?(?:nvidia\s+|amd\s+|google\s+)?(?:a100|h100|h800|v100|a800|mi\d{3}\w*|tpus?|gpus?|nodes?|\d+k\s+context)\b)|\btraining (data|corpus|set|mixture) (consists|includes|comprises|is|was)\b|\bcorpus of\b|\bmixture of\b"),
        ("finetuned_from", r"\bbase model\b|\b(instruct(ion)?|chat)[- ]?(fine-?)?tuned\b|\bfine[- ]?tuned\b" + _NOT_TUNED + r"|\b(instruct|chat|tuned) (version|variant) of\b|\bfine-?tuned? (version )?(from|of|on top of)\b|\bbased on\b|\bbuilt (on|upon|from)\b|\bderived from\b|\binitiali[sz]ed (from|with)\b|\bcontinued? pre-?train|\bmerge of\b|\bmerged?\b[^.]{0,60}\bmodels?\b|\bquantized (version )?(of|from)\b|\b(?:gptq|awq|gguf|ggml|exl2)\b[^.]{0,50}?\b(?:model files|version|weights) (?:of|for|from)\b|\bdistilled (from|version)\b"),
        ("release", r"\bwe (are |have )?(also )?(release|releasing|released|make available|open[- ]?source|publish)\b|\b(is|are|have been|has been) released\b|\bavailable (on|at|from|via) (github|hugging ?face|our)\b"),
        ("not_released", r"\bproprietary\b|\bnot (be )?(publicly )?(released|releasing|available|disclosed|shared|open[- ]sourced)\b|\bwill not (release|share|disclose)\b|\b(do|does|did|has|have|had) not (yet )?(release|disclose|share)d?\b|\binternal (data|dataset|use)\b|\bundisclosed\b|\bclosed[- ]source\b|\bconfidential\b"),
        ("license", r"\blicen[sc]ed? (under|as)\b|\breleased under\b|\bgoverned by\b|\bsubject to the [\w .+-]{0,60}licen[sc]e\b|\bunder (the|a|an) [\w .+-]{0,60}licen[sc]e\b|\blicen[sc]e agreement\b|\bterms of use\b"),
        ("intermediate_checkpoints", r"\bintermediate (checkpoints?|models?|weights)\b|\b(training )?checkpoints (are|is) (available|released|provided)\b|\brevision=[\"']?step|\bstep\d{3,}\b|\b\d+ checkpoints\b"),
        ("training_code", r"\btraining (code|scripts?|recipes?|framework|codebase|repo(sitory)?)\b|\b(code|scripts?) (used )?(for|to) (run )?(the )?(train|pre-?train|fine-?tune)|\bscripts? (used )?(for|to) run (the )?training\b|\bgpt-neox\b(?![- ]{0,2}\d)|\bmegatron\b(?![- ]{0,2}\d)|\bnanotron\b|\baxolotl\b|\bllama-factory\b|\btrl\b|\balignment-handbook\b|\bfastchat\b"),
        ("data_processing", r"\bdedup(licat|e)|\bfilter(ed|ing)\b|\bdata (cleaning|processing|pipeline|preprocessing)\b|\btokeni[sz]ed\b|\bcode (used )?(to|for) (prepare|process|clean|filter) (the )?(training )?data"),
        ("eval_code", r"\blm-evaluation-harness\b|\bevaluation (code|harness|scripts?)\b|\blighteval\b|\bopencompass\b|\bhelm\b"),
        # the evaluation ran on tooling kept in house: "part of a Microsoft internal tool to
        # evaluate language models", "evaluated with our in-house harness"
        ("eval_internal", r"\b(?:internal|in-house)\s+(?:evaluations?\s+" + _TOOLING + "|" + _TOOLING
                          + r"(?=[^.]{0,60}?\bevaluat))|\bevaluat\w*\b[^.]{0,60}?\b(?:internal|in-house)\s+"
                          r"(?:evaluations?\s+)?" + _TOOLING),
        # the model was trained with code kept in house: "trained on an internal distributed
        # training codebase", "our proprietary training framework"
        ("train_internal", r"\b(?:internal|in-house|proprietary)\s+(?:distributed\s+|custom\s+)?training\s+"
                           + _TRAIN_CODE + r"|\btrain\w*\b[^.]{0,60}?\b(?:internal|in-house|proprietary)\s+"
                           r"(?:distributed\s+|custom\s+)?" + _TRAIN_CODE),
        # (a device count glued to its name, "6xV100", and plurals, "4x A100s"; a labelled
        # "- Hardware: ..." line names the hardware whatever it is)
        ("hardware", r"(?:\b|(?<=\dx))(?:a100|h100|h800|v100|a800|tpu\s?v\d|gpus?|tpus?|gpu[- ]hours?|flops?|petaflops?|kwh|tco2e?|co2|cs-[23]|wafer[- ]scale|gaudi ?\d?|trainium\d?|rdus?)s?\b"
                     r"|(?:^|[|*+-]\s?)\s*(?:training )?hardware(?: used)?\s*[:|]\s*\w"),
        # (a number's run of digits, commas and dots is taken whole and at most 40 long: tried
        # from every digit of a long run and given back a character at a time, it made a card
        # line of 24,000 "1." with "tokens" take 9 s)
        # "2 trillion tokens", "350B unique tokens", "299,892,736,000 tokens" (a count written
        # out: ten digits or more) and "Total seen tokens: 366B"
        ("tokens", r"\b\d[\d,.]{0,40}+\s*(?:trillion|billion|[tb])\s*(?:[a-z][a-z-]{0,19}\s+)?tokens\b"
                   r"|\b\d{1,3}(?:,\d{3}){3,5}+\s*(?:[a-z][a-z-]{0,19}\s+)?tokens\b|\b\d{10,15}+\s*tokens\b"
                   r"|\btokens\W{1,6}\d[\d,.]{0,40}+\s*(?:trillion|billion|[tb])\b"),
        # "176B parameters", "1.3B-parameter", "176,247,271,424 parameters", "37B activated parameters"
        ("parameters", r"\b\d[\d,.]{0,40}+\s*(?:(?:trillion|billion|million|bn|[tbm])\b[\s-]*)?"
                       r"(?:[a-z][a-z-]{0,19}\s+)?param(?:eter)?s?\b"),
        ("workers", r"\bannotators?\b|\bcrowd ?workers?\b|\bhuman (labell?ers|raters|annotators|feedback)\b|\bcontractors?\b|\bdata workers?\b|\bmechanical turk\b|\bvendors?\b[^.]{0,60}\b(annotat|label)"),
        ("synthetic_data", r"\bsynthetic(ally generated)? data\b|\bgenerated (by|with|using) (gpt|claude|llama|an? (llm|model))\b|\bdistill"),
        ("usage_snippet", r"\bfrom_pretrained\(|\bpipeline\(|\bhf_hub_download\(|\bsnapshot_download\(|\bllama\.cpp\b|\bollama (run|pull)\b|\bhuggingface-cli download\b|\bhf download\b|\bvllm serve\b"),
        ("monetisation", r"\bpaid (tier|plan|api|subscription)\b|\bpricing\b|\bper (token|request)\b|\bcommercial licen[sc]e (is )?(available|required)\b|\bcontact (us|sales) (for|to) (a )?commercial\b|\benterprise licen[sc]e\b|\bcoupon\b|\bdiscount code\b|\b\d{1,3}% off\b"),
        ("gated_access", r"\brequest access\b|\baccess (request|form)\b|\bapply for access\b|\baccept (the )?(licen[sc]e|terms)\b|\bgated\b|\bshare your contact information\b"),
        ("research_only", r"\bresearch (use|purposes) only\b|\bnon-?commercial\b|\bnot for commercial\b|\bfor academic research\b"),
        # a labelled training hyperparameter: "- **Optimizer:** AdamW", "| Learning rate | 2e-5 |"
        ("hyperparameter", r"(?:^|[|*+-]\s?)\s*(?:learning[ _]rate|lr[ _]schedul(?:e|er)|optimi[sz]er|(?:global |micro[- ]?|train(?:ing)? )?batch(?:[ _]size)?|warm-?up(?:[ _]steps|[ _]ratio)?|weight[ _]decay|(?:num(?:ber of)?[ _])?(?:training )?epochs|gradient[ _]accumulations?(?:[ _]steps)?|adam[ _](?:betas?[12]?|eps(?:ilon)?))\s*[:|]\s*[\w.]"),
        # a training stage or method named: "uses supervised fine-tuning (SFT) and preference
        # training", "Direct Preference Optimization (DPO)", "further pretraining"
        ("training_method", r"\bsupervised fine-?tun(?:e|ed|ing)\b|\b(?:sft|dpo|rlhf|rlaif|ppo|orpo|kto|grpo)\b(?![-.]\w)"
                            r"|\bdirect preference optimi[sz]ation\b|\breinforcement learning (?:from|with) (?:human|ai) feedback\b"
                            r"|\bpreference (?:training|optimi[sz]ation|tuning|fine-?tuning)\b|\binstruction[- ]tuning\b"
                            r"|\b(?:continued|further|continual) pre-?training\b|\bqlora\b(?![-.]\w)"
                            r"|\b(?:using|with|via) lora\b|\blora (?:fine-?tun\w*|training)\b"),
        # the datasets named are a selection, not the whole list: "We detail some notable
        # subsets included here:", "datasets including but not limited to", "among others"
        ("data_selection", r"\b(?:some|a few|several|selected)(?: notable| of the| key| main| major)?"
                           r" (?:subsets|datasets|data sets|data sources|corpora)\b"
                           r"|\b(?:datasets|data sets|data sources|corpora|training data)\b[^.]{0,60}?"
                           r"\b(?:including but not limited to|among others|non-exhaustive|not (?:an )?exhaustive)\b"
                           r"|\b(?:including but not limited to|among others|a non-exhaustive list of)\b[^.]{0,60}?"
                           r"\b(?:datasets|data sets|data sources|corpora)\b"),
        # announced, not out yet: "Paper coming soon", "our upcoming code", "will be released next week"
        ("forthcoming", rf"\b{FORTHCOMING_SOON}\b|\b{FORTHCOMING_LATER}\b"),
    )
)


STATEMENT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "open_source": ('open sourc', 'open-sourc', 'opensourc', 'fully open', 'fully-open', 'completely open',
                    '100% open'),
    "open_weights": ('open weight', 'open-weight', 'open model', 'open access', 'openly available',
                     'openly releas'),
    "trained_on": ('trained on', 'trained with', 'trained using', 'training data ', 'training corpus ',
                   'training set ', 'training mixture ', 'corpus of', 'mixture of'),
    "finetuned_from": ('tun', 'base model', 'version of', 'variant of', 'based on', 'built', 'derived', 'initiali', 'continu', 'merge', 'quantiz', 'distill', 'gptq', 'awq', 'gguf', 'ggml', 'exl2'),
    "release": ('we releas', 'we are releas', 'we make available', 'we are make available', 'we open',
                'we are open', 'we publish', 'we are publish', 'we also ', 'we are also ', 'we have also ',
                'released', 'available '),
    "not_released": ('proprietary', 'not be ', 'not publicly', 'not releas', 'not availab', 'not disclos',
                     'not shar', 'not open', 'internal', 'undisclosed', 'closed', 'confidential'),
    "license": ('licen', 'released under', 'governed', 'terms of use'),
    "intermediate_checkpoints": ('checkpoint', 'intermediate', 'revision=', *(f"step{d}" for d in range(10))),
    "training_code": ('training ', 'code ', 'script', 'neox', 'megatron', 'nanotron', 'axolotl', 'factory', 'trl', 'handbook', 'fastchat'),
    "data_processing": ('dedup', 'filter', 'data ', 'tokeni', 'code '),
    "eval_code": ('harness', 'evaluation', 'lighteval', 'opencompass', 'helm'),
    "eval_internal": ('internal', 'in-house'),
    "train_internal": ('internal', 'in-house', 'proprietary'),
    "hardware": ('a100', 'h100', 'h800', 'v100', 'a800', 'tpu', 'gpu', 'flop', 'kwh', 'co2', 'cs-2', 'cs-3',
                 'wafer', 'gaudi', 'trainium', 'rdu', 'hardware'),
    "tokens": ('tokens',),
    "parameters": ('param',),
    "workers": ('annotat', 'crowd', 'human', 'contractor', 'worker', 'turk', 'vendor', 'label'),
    "synthetic_data": ('synthetic', 'generated', 'distill'),
    "usage_snippet": ('pretrained(', 'pipeline(', 'download', 'llama.cpp', 'ollama', 'serve'),
    "monetisation": ('paid', 'pricing', 'per token', 'per request', 'commercial licen', 'contact', 'enterprise',
                     'coupon', 'discount code', '% off'),
    "gated_access": ('access', 'accept', 'gated', 'contact information'),
    "research_only": ('research', 'commercial', 'academic'),
    "hyperparameter": ('learning rate', 'learning_rate', 'lr schedul', 'lr_schedul', 'optimizer',
                       'optimiser', 'batch', 'warmup', 'warm-up', 'weight decay', 'weight_decay',
                       'epochs', 'gradient accum', 'gradient_accum', 'adam ', 'adam_'),
    "training_method": ('supervised fine', 'sft', 'dpo', 'rlhf', 'rlaif', 'ppo', 'orpo', 'kto', 'grpo',
                        'direct preference', 'reinforcement learning', 'preference', 'instruction tuning',
                        'instruction-tuning', 'continued pre', 'further pre', 'continual pre', 'lora'),
    "forthcoming": ('coming', 'be releas', 'be publish', 'be made', 'be open'),
    "data_selection": ('subsets', 'datasets', 'data sets', 'data sources', 'corpora', 'training data'),
}
"""Cheap substring pre-checks (on lower-cased text) before each statement pattern runs: every
match of a kind's pattern holds one of its triggers (a test checks this on every card we have),
and each is as long as the pattern allows, so that the pattern runs on few sentences that
cannot match. A kind's pattern runs on each sentence holding one of its triggers."""
_TRIGGER_KINDS: dict[str, tuple[str, ...]] = {}
for _kind, _trigs in STATEMENT_TRIGGERS.items():
    for _t in _trigs:
        _TRIGGER_KINDS[_t] = (*_TRIGGER_KINDS.get(_t, ()), _kind)
_TRIGGERS = WordScan(_TRIGGER_KINDS)
_PATTERNS: dict[str, re.Pattern[str]] = dict(STATEMENT_PATTERNS)
_KIND_ORDER: dict[str, int] = {name: i for i, (name, _) in enumerate(STATEMENT_PATTERNS)}
_LOWER_PATTERNS: dict[str, re.Pattern[str]] = {
    name: rx.compile(pat.pattern) for name, pat in STATEMENT_PATTERNS
}
_LOOK_PAST = 200
"""How far past a sentence's end a statement match may run."""


def _reach_of(kind: str) -> int:
    width = max_width(_PATTERNS[kind])
    return _LOOK_PAST if width is None else min(_LOOK_PAST, width + 1)


_REACH: dict[str, int] = {kind: _reach_of(kind) for kind in _PATTERNS}
"""Per kind, how far past a sentence's end the search for its pattern must see: a match that
starts in the sentence ends within the pattern's widest match, and ``\\b`` after it looks one
character further; seeing less text than ``_LOOK_PAST`` gives the same answer, sooner.

Worked out as the module is imported, so in a batch's parent before it forks: the widths are
kept in the pattern cache, which only that process writes. Worked out on first use instead,
each worker parsed every pattern again at every run (most of the 125 M instructions a
worker spent on such work at each run, with the patterns it compiled)."""


# a sentence break ends at m.end(); the end mark is matched, not looked behind at, so that the
# engine only starts at end marks (about three times faster than a lookbehind, same breaks)
_SENT_SPLIT = rx.compile(r"[.!?]\s+(?=[A-Z\[(\"'*])")
# Linear in the text: no character class runs past the next place a match could start (one
# that could, ``<[^>]+>`` on a line of 40,000 "<", rescans to the end from every start: 1.7 s).
# A link target runs to the next ")" wherever one is: only the text before the last ")" is given
# to the link pattern, after it no link can end.
_MD_NOISE = rx.compile(r"!\[[^\]!]*\]\([^)!]*\)|" + _TAGS.pattern + r"|\*\*|__|`")
_MD_LINK_TEXT = rx.compile(r"\[([^\[\]]*)\]\([^)]*\)")


def _link_text(m: re.Match[str]) -> str:
    # (a function, not the template r"\1": re expands a template in Python for every match)
    return m.group(1)


def clean_inline(text: str) -> str:
    """Strip Markdown emphasis, images, HTML tags and link targets from a line."""
    if "<" in text or "*" in text or "_" in text or "`" in text or "![" in text:
        text = _MD_NOISE.sub("", text)
    if "](" in text:
        end = text.rfind(")") + 1
        text = _MD_LINK_TEXT.sub(_link_text, text[:end]) + text[end:]
    return " ".join(text.split())


_BLOCK_START = rx.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||#|>|<)")
_BLOCK_CHARS = frozenset("-*+|#><")
"""First non-blank characters a block start can have, besides a digit."""


def _paragraphs(lines: list[str], body_start: int, mask: list[bool]) -> list[list[tuple[int, str]]]:
    """Group body lines into paragraphs of (line number, cleaned text)."""
    paras: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    for i in range(body_start - 1, len(lines)):
        raw = lines[i]
        # str.strip and the patterns' \s agree on what is blank, so each pattern can only
        # match where the first non-blank character is one it starts with
        lead = raw.lstrip()[:1]
        if mask[i] or not lead or (lead == "#" and _ATX.match(raw)) or (
                lead in "=-" and _SETEXT.match(raw)):
            if cur:
                paras.append(cur)
                cur = []
            continue
        if cur and (lead in _BLOCK_CHARS or lead.isdecimal()) and _BLOCK_START.match(raw):
            paras.append(cur)
            cur = []
        text = clean_inline(raw)
        if text:
            cur.append((i + 1, text))
        if lead == "|":
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    return paras


class _SectionLookup:
    """The kinds of the innermost (last-opened) section covering a line, or ``""``."""

    def __init__(self, sections: tuple[Section, ...]) -> None:
        self.sections = sections
        self.starts = [sec.start for sec in sections]

    def __call__(self, line: int) -> str:
        for k in range(bisect.bisect_right(self.starts, line) - 1, -1, -1):
            sec = self.sections[k]
            if sec.start <= line <= sec.end:
                return ",".join(sec.kinds) if sec.kinds else "other"
        return ""


_NAME_GLUE = frozenset("-/.")
"""Characters that join a word into a name, path or URL ("pythia-70m-deduped",
"DeepSeek-R1-Distill-Qwen", "github.com/lm-sys/FastChat")."""
_BASED_ON_OBJECT = rx.compile(r"\s*(?:the |a |an )?(?:original |pre-?trained |base )?"
                              r"(?:[A-Z0-9\[`@]|https?://)")
"""What "based on" must be followed by to name a model: a name, a number, a link or code
(not "based on text prompts", "based on that information", "based on the transformer
architecture")."""
_GRATITUDE_KINDS = frozenset({"hardware", "workers"})
"""What an acknowledgements section may tell about this release (whose compute, who annotated);
its other sentences credit other people's work ("FastChat-T5", "discussions on data processing")."""
_PRICE = rx.compile(r"[$€£¥]|\b(?:usd|eur|price[sd]?|pricing|costs?|cents?|billed|charged?|fees?)\b",
                    re.IGNORECASE)
"""Near "per token": a price, not a rate ("2 experts used per token")."""
_EVAL_USE = rx.compile(r"\b(?:evaluat\w*|benchmark\w*|mt-bench|judged?)\b", re.IGNORECASE)
"""Before a training framework's name: the framework was used to evaluate, not to train."""
_EXPERTS = rx.compile(r"\s*(?:\d+\s+)?experts?\b", re.IGNORECASE)
"""After "mixture of": a mixture-of-experts architecture, not a data mixture."""
_OTHERS_PROPRIETARY = rx.compile(r"\s+(?:models?|llms?|systems?|chatbots?|counterparts|alternatives|"
                                 r"competitors|apis?|offerings)\b", re.IGNORECASE)
"""After "proprietary" or "closed-source": other, closed models, not this release's parts."""
_USERS_OWN = rx.compile(r"\b(?:their|your) own\s+$|\b(?:developers|users|you|researchers|practitioners)"
                        r"\s+(?:should|must|are encouraged to|may want to|need to)\b", re.IGNORECASE)
"""Before a "not released" phrase: the sentence gives users advice about their own data."""
_BOTH_USES = rx.compile(r"\bcommercial (?:and|or|&) non-?commercial\b|\bnon-?commercial (?:and|or|&) commercial\b",
                        re.IGNORECASE)
"""Around "non-commercial": both kinds of use, which is no restriction."""
_PRIVATE_TOOL = ("internal", "in-house", "proprietary", "private")
"""Before "evaluation harness": tooling kept in house, not a public harness."""
_CONVERTED = rx.compile(r"(?:compatible|format(?:ted)?|converted|quanti[sz]ed|gguf|onnx|mlx|"
                        r"fp8|int[48]|[48]-?bit)\s+(?:model\s+)?$", re.IGNORECASE)
"""Before "checkpoints are available": the final model in another format ("CS-2 compatible
checkpoints are available"), not checkpoints from along the training run."""


def _meant(kind: str, text: str, m: re.Match[str]) -> bool:
    """A pattern match means what its kind says: not a piece of a name, path or URL, not
    "based on" followed by no model name, not other vendors' "proprietary models" or
    "closed-source LLMs", not "per token" without a price, not a "mixture of experts", not a
    training framework named inside another name or used to evaluate, not the final model's
    "compatible checkpoints are available" in another format, not a training method named in a
    results table, not an "in-house evaluation harness"."""
    at = m.start()
    if at >= 2 and text[at - 1] in _NAME_GLUE and text[at - 2].isalnum():
        return False
    found = text[at:m.end()].lower()
    if kind == "finetuned_from" and found == "based on":
        return _BASED_ON_OBJECT.match(text, m.end()) is not None
    if kind == "not_released":
        if (found == "proprietary" or found.startswith("closed")) and _OTHERS_PROPRIETARY.match(
                text, m.end()):
            return False  # "proprietary models", "leading closed-source LLMs": other vendors'
        before = text[max(0, at - 120):at]
        cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
        if _USERS_OWN.search(before, cut + 1):
            return False  # advice about the user's data ("validate on datasets not publicly
            # available", "fine-tune using their own proprietary data")
    if kind == "monetisation" and found.startswith("per "):
        return _PRICE.search(text, max(0, at - 80), m.end() + 40) is not None
    if kind == "trained_on" and found == "mixture of":
        return _EXPERTS.match(text, m.end()) is None
    if kind == "training_code" and m.end() + 1 < len(text) and text[m.end()] in _NAME_GLUE \
            and text[m.end() + 1].isalnum():
        return False  # a framework's name inside another name ("FastChat-T5-3b")
    if kind == "training_code" and _EVAL_USE.search(text, max(0, at - 60), at):
        return False  # a framework used to evaluate ("MT-bench is run using FastChat")
    if kind == "research_only" and found.startswith("non") and _BOTH_USES.search(
            text, max(0, at - 30), m.end() + 30):
        return False  # "for both commercial and non-commercial purposes" allows both
    if kind == "training_method" and text.lstrip().startswith("|"):
        return False  # a method's name in a results table ("| SFT + DPO | 7.34 |")
    if kind == "eval_code" and text[max(0, at - 14):at].lower().rstrip().endswith(_PRIVATE_TOOL):
        return False  # "our in-house evaluation harness" names no public harness
    if kind == "intermediate_checkpoints" and found.startswith("checkpoints"):
        return _CONVERTED.search(text, max(0, at - 40), at) is None
    return True


def parse_statements(
    lines: list[str], body_start: int, mask: list[bool], sections: tuple[Section, ...], *,
    scan: LineScan | None = None,
) -> tuple[Statement, ...]:
    """Find openness-relevant sentences (across wrapped lines) with their first line number
    (``scan``: as for :func:`parse_links`)."""
    section_at = _SectionLookup(sections)
    out: list[Statement] = []
    for para in _paragraphs(lines, body_start, mask):
        joined = para[0][1] if len(para) == 1 else " ".join(text for _, text in para)
        low = joined.lower()
        triggers = _TRIGGERS.every(low)
        if not triggers:
            continue
        offsets: list[int] = []
        off = 0
        for _, text in para:
            offsets.append(off)
            off += len(text) + 1
        same_len = len(low) == len(joined)
        hay = low if same_len else joined
        # sentence boundaries (start offsets) within the paragraph
        bounds = [0] + [m.end() for m in _SENT_SPLIT.finditer(joined)]
        # A kind's pattern only runs on the sentences that hold one of its trigger words.
        todo: dict[str, set[int]] = {}
        for pos, trig in triggers:
            si = bisect.bisect_right(bounds, pos) - 1
            for kind in _TRIGGER_KINDS[trig]:
                todo.setdefault(kind, set()).add(si)
        todo.pop("usage_snippet", None)
        for kind in sorted(todo, key=_KIND_ORDER.__getitem__):
            sis = todo[kind]
            rx = _LOWER_PATTERNS[kind] if same_len else _PATTERNS[kind]
            reach = _REACH[kind]
            for si in sorted(sis):
                s_start = bounds[si]
                s_end = bounds[si + 1] if si + 1 < len(bounds) else len(joined)
                # (a match may run past its sentence's end, so look a little further)
                m = rx.search(hay, s_start, s_end + reach)
                while m is not None and m.start() < s_end and not _meant(kind, joined, m):
                    m = rx.search(hay, max(m.end(), m.start() + 1), s_end + reach)
                if m is None or m.start() >= s_end:
                    continue
                sent = joined[s_start:s_end].strip()
                if len(sent) < 8:
                    continue
                line_no = para[bisect.bisect_right(offsets, s_start) - 1][0]
                section = section_at(line_no)
                if "acknowledgements" in section and kind not in _GRATITUDE_KINDS:
                    continue
                out.append(Statement(kind=kind, text=sent[:400], line=line_no,
                                     phrase=joined[m.start():m.end()], section=section))
    # usage snippets live in code blocks: scan raw lines
    pat = _PATTERNS["usage_snippet"]
    for i in (scan or LineScan(lines, body_start)).holding(STATEMENT_TRIGGERS["usage_snippet"]):
        um = pat.search(lines[i])
        if um:
            out.append(Statement(kind="usage_snippet", text=lines[i].strip()[:400], line=i + 1,
                                 phrase=um.group(0), section=section_at(i + 1)))
    return tuple(out)


_SIZE_CELL = rx.compile(r"^[>~≈<]?\s*(\d+(?:\.\d+)?)\s*([mbt])\*?$", re.IGNORECASE)
"""A size in a table cell: "7B", "13.02B", ">40B*" (not "4k", a context length)."""
_PARAM_HEAD = rx.compile(r"^(?:#\s*|no\.? of |number of )?(?:params?|parameters|model size|size)$",
                         re.IGNORECASE)
_TOKEN_HEAD = rx.compile(r"^(?:#\s*|training |train |pre-?training )?tokens(?: seen| trained)?$",
                         re.IGNORECASE)
_TABLE_RULE = rx.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SIZE_BADGE = rx.compile(r"img\.shields\.io/badge/(params?|parameters|model(?:%20|_| )size|size)-"
                         r"(\d+(?:\.\d+)?[kmbt])-", re.IGNORECASE)


def _cells(line: str) -> list[str]:
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return [clean_inline(c).strip() for c in row.split("|")]


def size_facts(lines: list[str], body_start: int, mask: list[bool], sections: tuple[Section, ...],
               repo_id: str, *, scan: LineScan | None = None) -> list[tuple[int, str, str, str]]:
    """Parameter and token counts a card gives outside sentences: (line, kind, text, section
    kinds), with kind ``parameters`` or ``tokens`` and the text written as a statement would
    say it.

    - a size badge: ``img.shields.io/badge/Params-340B-green``;
    - a table with a Params / #Params / Model size or a Tokens column: its only data row, or
      the row that names this repository (a comparison of several models gives no size for
      this one otherwise).

    ``scan``: as for :func:`parse_links`.
    """
    section_at = _SectionLookup(sections)
    out: list[tuple[int, str, str, str]] = []
    scan = scan or LineScan(lines, body_start)
    for i in scan.holding(("shields.io/badge/",)):
        for m in _SIZE_BADGE.finditer(lines[i]):
            out.append((i + 1, "parameters", f"{m.group(2).upper()} parameters", section_at(i + 1)))
    name = repo_id.rsplit("/", 1)[-1].lower()
    for i in scan.holding(("--",)):
        if i < 1 or mask[i] or mask[i - 1] or "|" not in lines[i] or not _TABLE_RULE.match(lines[i]):
            continue
        head = _cells(lines[i - 1])
        cols = [(j, "parameters") for j, h in enumerate(head) if _PARAM_HEAD.match(h)]
        cols += [(j, "tokens") for j, h in enumerate(head) if _TOKEN_HEAD.match(h)]
        if not cols:
            continue
        rows: list[tuple[int, list[str], str]] = []
        k = i + 1
        while k < len(lines) and "|" in lines[k] and not mask[k]:
            rows.append((k, _cells(lines[k]), lines[k].lower()))
            k += 1
        if len(rows) > 1:
            rows = [r for r in rows if name and any(
                cell.lower() == name or cell.lower().endswith("/" + name) for cell in r[1])
                or (repo_id and f"/{repo_id.lower()})" in r[2])]
        if len(rows) != 1:
            continue
        row_at, cells, _low = rows[0]
        for j, kind in cols:
            cell = _SIZE_CELL.match(cells[j]) if j < len(cells) else None
            if cell:
                out.append((row_at + 1, kind, f"{cell.group(1)}{cell.group(2).upper()} {kind}",
                            section_at(row_at + 1)))
    return out


# (words are \w runs and only the gaps hold hyphens: with a hyphen allowed in both, a title of
# "Example" and 40 hyphens could be cut in so many ways that one search took 35 s)
SAMPLE_TITLE = rx.compile(
    r"\b(?:examples?|samples?)\b(?:[\s-]+\w+){0,6}?[\s-]+(?:outputs?|generations?|completions?|"
    r"responses?|images?|results?)\b(?![\s-]+(?:prompts?|templates?|formats?|requests?|inputs?)\b)|"
    r"\bexample (?:conversations?|chats?)\b",
    re.IGNORECASE)
"""A title that names example outputs: "Example Outputs", "Some example completions for
English", "Example Rendered Grounded Generation Completion" (up to six words between; not
"... Generation Prompt", the input)."""
# (bounded: from each "<summary" an unbounded lazy search ran to the line's end, quadratic
# on a line of "<summary>" repeated)
_SUMMARY = rx.compile(r"<summary\b[^<>]{0,200}>(.{0,300}?)</summary\s*>", re.IGNORECASE)
_OUTPUT_ONLY = rx.compile(r"^(?:model |example |sample )?(?:outputs?|generations?|completions?)$",
                          re.IGNORECASE)
_ATTRIBUTION = rx.compile(r"[(*_]\s*(?:written|generated|produced|composed) by ([^,.;:()*_\n]{2,40})",
                          re.IGNORECASE)
"""A text signed by the model that wrote it: "(Written by OpenChat 3.5, with a touch of humor
and wit.)", "*Generated by Tiny-7M*"."""


def _alnum(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def sample_outputs(lines: list[str], body_start: int, mask: list[bool],
                   repo_id: str, *, scan: LineScan | None = None) -> list[tuple[int, str, str]]:
    """Example outputs a card shows outside its headings: (line, text, how found).

    - ``summary``: a collapsible block (``<details>``) whose ``<summary>`` names example
      outputs ("Example Rendered Grounded Generation Completion") or is only "Output";
    - ``attribution``: a text signed, in parentheses or emphasis, as written by this model
      ("(Written by OpenChat 3.5, ...)"; the name must be this repository's, or "this model").

    Not a "**Output**:" label (an input/output specification), nor text generated by another
    model (synthetic training data "generated by GPT-4"). ``scan``: as for :func:`parse_links`.
    """
    out: list[tuple[int, str, str]] = []
    name = _alnum(repo_id.rsplit("/", 1)[-1])
    words = ("<summary", "written by", "generated by", "produced by", "composed by")
    for i in (scan or LineScan(lines, body_start)).holding(words):
        if mask[i]:
            continue
        line = lines[i]
        for m in _SUMMARY.finditer(line):
            title = " ".join(_TAGS.sub(" ", m.group(1)).split())
            bare = title.replace("[click to expand]", "").replace("[CLICK TO EXPAND]", "")
            bare = bare.strip(" .:()\u2b07\ufe0f")  # (and the "⬇️" of a collapsed block)
            if SAMPLE_TITLE.search(title) or _OUTPUT_ONLY.match(bare):
                out.append((i + 1, title[:200], "summary"))
        for m in _ATTRIBUTION.finditer(line):
            who = m.group(1).strip()
            key = _alnum(who)
            if key in {"thismodel", "themodel", "ourmodel"} or (
                    len(key) >= 4 and name and (key in name or name in key)):
                out.append((i + 1, clean_inline(line).strip()[:200], "attribution"))
                break
    return out

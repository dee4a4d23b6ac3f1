"""The weights licence of a declaration: what the final parameters declare, else the release's
distribution licence; never "unknown" when the producer declared one."""

from __future__ import annotations

from pathlib import Path

from opengauge import api

_RECORD = """framework:
  name: 'Model Openness Framework'
  version: '1.0'
  date: '2024-12-15'
release:
  name: Tiny
  version: 1B
  date: '2025-01-01'
  type: language
  architecture: transformer
  origin: Tiny
  producer: Acme
  contact: ''
  license:
    distribution:
      name: {distribution}
      path: ''
  components:
    -
      name: 'Model architecture'
      description: 'Code'
    -
      name: 'Model parameters (Final)'
      description: 'Weights'{weights}
"""


def _assess(tmp_path: Path, distribution: str, weights: str = "") -> api.Report:
    path = tmp_path / "tiny.yml"
    line = f"\n      license: '{weights}'" if weights else ""
    path.write_text(_RECORD.format(distribution=distribution, weights=line), encoding="utf-8")
    return api.assess(str(path))


def test_the_distribution_licence_covers_the_weights(tmp_path: Path) -> None:
    r = _assess(tmp_path, "Apache-2.0")
    weights = next(c for c in r.licenses if c.component == "weights")
    assert (r.summary["weights_license"], r.summary["declared_license"]) == ("Apache-2.0", "Apache-2.0")
    assert weights.reason == "declared for the whole release (its distribution licence)"
    cited = next(e for e in r.evidence if e.id == weights.evidence[0])
    assert (cited.key, cited.provenance.locator) == ("declared.license.distribution",
                                                     "yaml:release.license.distribution")
    assert not [f for f in r.findings if f.id == "OG-LIC-005"]


def test_the_parameters_own_licence_comes_first(tmp_path: Path) -> None:
    r = _assess(tmp_path, "Apache-2.0", "Acme Model License")
    weights = next(c for c in r.licenses if c.component == "weights")
    assert r.summary["weights_license"] == "LicenseRef-Acme-Model-License"
    assert r.summary["declared_license"] == "Acme Model License"
    assert weights.reason == "declared for the weights"
    cited = next(e for e in r.evidence if e.id == weights.evidence[0])
    assert cited.key == "declared.component.model_parameters_final"


def test_no_declared_licence_stays_unknown(tmp_path: Path) -> None:
    r = _assess(tmp_path, "''")
    assert r.summary["weights_license"] is None and r.summary["declared_license"] is None
    assert [f.id for f in r.findings if f.id == "OG-LIC-005"] == ["OG-LIC-005"]


def test_words_that_say_no_licence_are_no_licence(tmp_path: Path) -> None:
    """"Undisclosed" is what the producer declared, and no licence; "Component not included"
    says the parameters are not released, and names no licence either."""
    r = _assess(tmp_path, "''", "Undisclosed")
    assert (r.summary["weights_license"], r.summary["declared_license"]) == (None, "Undisclosed")
    r = _assess(tmp_path, "Apache-2.0", "Component not included")
    assert (r.summary["weights_license"], r.summary["declared_license"]) == (None, None)


def test_a_spelling_from_the_mot_records_names_the_licence(tmp_path: Path) -> None:
    r = _assess(tmp_path, "Llama 3 Community License Agreement")
    assert r.summary["weights_license"] == "llama3"

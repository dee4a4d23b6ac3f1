"""The one way opengauge reads YAML: the safe loader, in C (libyaml) when it is installed.

The pure-Python loader is about ten times slower; the bundled data files and model cards are
read on every cold start, so the choice is made once, here.
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader class (never the full loader: YAML from a model repo must not build objects)."""


def load(text: str) -> Any:
    """Parse one YAML document safely. Raises ``yaml.YAMLError`` on bad YAML."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader

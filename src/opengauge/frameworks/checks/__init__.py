"""The built-in checks, one module per framework. Importing this package registers them all.

The list is explicit (practice 5): a new module must be added here, and the contract tests
fail if a catalogue criterion has no registered check or a check has no criterion.
"""

from __future__ import annotations

from opengauge.frameworks import verdicts  # noqa: F401 - registers the verdict functions
from opengauge.frameworks.checks import (  # noqa: F401 - imported for registration
    baseline,
    brief,
    eosai,
    eu,
    mofclass,
    osaid,
    solaiman,
)

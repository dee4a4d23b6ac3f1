"""The ``opengauge`` console script (and ``python -m opengauge``): :func:`run`.

It pauses Python's cyclic garbage collector before anything is imported, and
:func:`resume` restarts it once the pipeline's tables are loaded, first freezing every
object built so far (``gc.freeze``: the collector never looks at them again). A start
builds several hundred thousand long-lived objects (typer, the pipeline's modules, the
licence and framework tables) and next to no garbage, so the eighty-odd collections it
would otherwise set off, about 15 ms of a 0.2 s start, free nothing. Frozen objects are also
left alone by the full collection at exit: a single assessment used to end 50 to 80 ms after
writing its report, and now ends about 12 ms after.

Only the console script does this. ``opengauge.cli.main.run``, which tests and
``python -m opengauge.cli.main`` call, leaves the collector as it finds it.
"""

from __future__ import annotations

import gc
from typing import Any

_paused = False


def run(argv: list[str] | None = None) -> Any:
    """Console-script entry point: :func:`opengauge.cli.main.run` with the collector paused
    until :func:`resume`."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
    try:
        from opengauge.cli.main import run as main_run

        return main_run(argv)
    finally:
        resume()


def resume() -> None:
    """If :func:`run` paused the collector: freeze what exists now and restart it (the
    commands call this once the tables are loaded; a command that loads none runs paused,
    briefly, to its end)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()

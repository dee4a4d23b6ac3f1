"""``python -m opengauge``: the same as the ``opengauge`` console script."""

from opengauge.cli.entry import run

if __name__ == "__main__":  # pragma: no cover
    run()

"""One module per output format, behind a small protocol (see :mod:`opengauge.exporters.base`)."""

"""Thin command-line shell over :mod:`opengauge.api`."""

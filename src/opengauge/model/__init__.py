"""Pure, frozen domain objects. This package imports nothing else from opengauge but types."""

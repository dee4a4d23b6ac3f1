"""Example training script (a fixture: opengauge never runs code from a model repository)."""

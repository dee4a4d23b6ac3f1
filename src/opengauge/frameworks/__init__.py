"""Openness frameworks: each module computes one framework's verdict from evidence (pure)."""

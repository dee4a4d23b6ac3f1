"""Example evaluation script (a fixture)."""

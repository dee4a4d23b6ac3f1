"""Example data preprocessing script (a fixture)."""

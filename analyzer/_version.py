"""The release of geoclaims, as pyproject.toml gives it (the core layer: every layer may read it)."""
__version__ = "0.1.0"

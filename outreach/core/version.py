"""The package version, in one place below every stage (the manifest and the cache record it)."""

__version__ = "0.1.0"

"""The package version, read by hatchling at build time and stamped into every provenance."""

__version__ = "0.1.0"

"""Warden: privacy-preserving investigation and enforcement toolkit.

The ``warden`` package is the shell: configuration, the DuckDB store, errors and
the command line. The domain lives in ``redaction``, ``investigate`` and
``enforcement``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("warden")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]

"""Investigation: features, clustering, scoring, sweeps and the notebook API.

``from investigate import Workspace`` is the notebook entry point (imported lazily, so
that the store's schema can import :mod:`investigate.features` without a cycle).
"""

from typing import Any

__all__ = ["AccountProfile", "Workspace"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from investigate import workspace

        return getattr(workspace, name)
    raise AttributeError(name)

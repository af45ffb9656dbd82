"""Investigation: features, clustering, scoring, sweeps and the notebook API."""

from investigate.workspace import AccountProfile, Workspace

__all__ = ["AccountProfile", "Workspace"]

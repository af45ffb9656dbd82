"""Investigation: features, clustering, scoring, sweeps and the notebook API."""

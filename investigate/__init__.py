"""Investigation: per-account features, clusters, coordinated groups and risk scores
(``warden accounts``, the sweep's detection step). The notebook API is
:mod:`app.notebook`."""

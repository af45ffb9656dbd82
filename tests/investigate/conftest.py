from tests.app.conftest import as_user, swept_home  # noqa: F401  (shared fixtures)

from tests.enforcement.conftest import PW, decided_cases, desk  # noqa: F401  (shared fixtures)

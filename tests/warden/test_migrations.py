"""Migrations are frozen SQL files, and a store made by an earlier release upgrades
and keeps working."""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.demo import generate
from investigate.features import FEATURES
from warden.schema import LATEST, MIGRATIONS
from warden.store import Store

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "warden" / "migrations"
RELEASE_HOME = (
    Path(__file__).resolve().parents[1] / "data" / "stores" / "release-6db21f5-home.tar.gz"
)

# sha256 of every migration that has shipped. Never change a line here: a schema
# change is a new migration file (the next number), added below once it ships.
SHIPPED = {
    "0001_core.sql": "1f3ec9d2bc1367a716c51a467b5a16c4498b07907ea6c4ac772ab130b9187c1f",
    "0002_audit.sql": "892677ae8caf81255bb21f0983edf7c5c586e8a29312bdd5a426d007baa8ce8a",
    "0003_enforcement.sql": "01f144be84c01d96fb6213df5913499de2166707f9e9962c66e156867ecfb3ad",
    "0004_detection.sql": "5fbf83d914ce3622ab4a9d8dda4d8e440cbce83192d3ef60a123d50881dd2fe3",
    "0005_sweeps.sql": "2c46422c9cda4a78220990d67fc1b4745a8b0d31af8a4ab4ca5cf7470e53f1a9",
    "0006_reid_scope.sql": "f259e1804e18a176b06c1833484a5096f07c8a6dbf24c7347843426c2aded8ec",
    "0007_rationale_templates.sql": "554b232bfb6f25b0da013c70bc662b0f68e93881f9c975fb803a7a5256950082",
    "0008_subject_notes.sql": "fba561a0a44f2527b6f9a216abe9d855f71ea0867342519c2b48cc83478f0b49",
    "0009_models.sql": "410399e0b63fa1773709c91aafe3ad0b9348421295419ba1fbb671950dc74ae4",
    "0010_patterns_policies.sql": "f0a8b4527bbe599165c9d047c3f678409169ef649caf52945dca796c970b3432",
}


def test_shipped_migrations_are_unchanged() -> None:
    for name, digest in SHIPPED.items():
        data = (MIGRATIONS_DIR / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, (
            f"{name} has shipped and was edited; restore it and add the change as the "
            "next migration"
        )
    files = sorted(p.name for p in MIGRATIONS_DIR.glob("*.sql"))
    assert files[: len(SHIPPED)] == sorted(SHIPPED), "a shipped migration was renamed"
    assert len(MIGRATIONS) == len(files) and len(files) == LATEST


def test_every_feature_has_a_column(tmp_path: Path) -> None:
    """A new feature needs a new migration that adds its column; no migration is built
    from code."""
    store = Store(tmp_path / "w.duckdb")
    store.migrate()
    with store.read() as con:
        cols = {r[0] for r in con.execute("DESCRIBE account_features").fetchall()}
    assert set(FEATURES) <= cols, sorted(set(FEATURES) - cols)


def test_a_partly_migrated_store_upgrades(tmp_path: Path) -> None:
    store = Store(tmp_path / "w.duckdb")
    assert store.migrate(target=3) == [1, 2, 3]
    assert store.schema_version() == 3
    assert store.migrate() == list(range(4, LATEST + 1))
    store.require_current()


@pytest.fixture
def release_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    with tarfile.open(RELEASE_HOME) as tar:
        tar.extractall(tmp_path, filter="data")
    monkeypatch.setenv("WARDEN_PASSPHRASE", "release-0.1.0")
    return tmp_path / "home"


def _warden(home: Path, user: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--home", str(home), *args], env={"WARDEN_USER": user})
    assert result.exit_code == 0, result.output
    return result.output


def test_a_store_made_by_the_previous_release_upgrades_and_works(
    release_home: Path, tmp_path: Path
) -> None:
    home = release_home
    assert Store(home / "warden.duckdb").schema_version() == 5
    out = _warden(home, "alice", "init")
    assert "keyring" in out and "(kept)" in out
    Store(home / "warden.duckdb").require_current()
    assert "OK" in _warden(home, "alice", "audit", "verify")

    # What the old release recorded is read back, and work goes on where it stopped.
    listed = _warden(home, "bob", "cases", "list", "--state", "pending_approval")
    assert "C000004" in listed
    _warden(home, "bob", "cases", "approve", "D000002")
    assert "C000004" in _warden(home, "bob", "cases", "list", "--state", "decided")
    assert "D000001" in _warden(home, "alice", "cases", "show", "C000003")

    # New data: ingested, scored and cased with the new code in the old store.
    inbox = tmp_path / "inbox"
    generate(inbox, accounts=10, seed=99, days=1)
    (inbox / "truth").rename(tmp_path / "truth")
    out = _warden(home, "alice", "sweep", "--inbox", str(inbox))
    assert "accounts scored" in out
    assert "ac_v1_" in _warden(home, "alice", "accounts", "--limit", "3")
    assert "OK" in _warden(home, "alice", "audit", "verify")

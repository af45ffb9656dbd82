from __future__ import annotations

import os
from pathlib import Path

import pytest

from warden.errors import VaultError
from warden.keys.vault import Vault
from warden.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "w.duckdb")
    s.migrate()
    return s


def test_store_reveal_roundtrip_no_plaintext(store: Store) -> None:
    v = Vault(os.urandom(32))
    with store.write() as con:
        n = v.store(
            con,
            [
                ("ac_1", "ac_1", "account", "acct_abc"),
                ("ac_1", "em_1", "email", "ana@mail.es"),
                ("ac_1", "em_1", "email", "ana@mail.es"),
            ],
        )
    assert n == 2
    with store.read() as con:
        revealed = v.reveal(con, "ac_1")
        got = {(o.kind, o.value) for o in revealed}
        blobs = b"".join(
            bytes(r[0]) for r in con.execute("SELECT ciphertext FROM vault_values").fetchall()
        )
    assert got == {("account", "acct_abc"), ("email", "ana@mail.es")}
    assert b"ana@mail.es" not in blobs
    assert "ana@mail.es" not in repr(revealed)  # originals stay out of logs


def test_tampered_ciphertext_rejected(store: Store) -> None:
    v = Vault(os.urandom(32))
    with store.write() as con:
        v.store(con, [("ac_1", "em_1", "email", "ana@mail.es")])
        blob = bytearray(con.execute("SELECT ciphertext FROM vault_values").fetchone()[0])
        blob[-1] ^= 1
        con.execute("UPDATE vault_values SET ciphertext = ?", [bytes(blob)])
    with store.read() as con, pytest.raises(VaultError, match="fails authentication"):
        v.reveal(con, "ac_1")


def test_moved_ciphertext_rejected(store: Store) -> None:
    v = Vault(os.urandom(32))
    with store.write() as con:
        v.store(con, [("ac_1", "em_1", "email", "a@x.y"), ("ac_1", "em_2", "email", "b@x.y")])
        con.execute("UPDATE vault_values SET pseudonym = 'em_3' WHERE pseudonym = 'em_1'")
    with store.read() as con, pytest.raises(VaultError):
        v.reveal(con, "ac_1")


def test_wrong_master_key(store: Store) -> None:
    with store.write() as con:
        Vault(os.urandom(32)).store(con, [("ac_1", "em_1", "email", "a@x.y")])
    with store.read() as con, pytest.raises(VaultError, match="does not decrypt"):
        Vault(os.urandom(32)).reveal(con, "ac_1")


def test_erase_is_irreversible(store: Store) -> None:
    master = os.urandom(32)
    v = Vault(master)
    with store.write() as con:
        v.store(con, [("ac_1", "em_1", "email", "a@x.y"), ("ac_2", "em_2", "email", "b@x.y")])
        assert v.erase(con, "ac_1") == 1
    with store.read() as con:
        with pytest.raises(VaultError, match=r"was erased on .*cannot be recovered"):
            Vault(master).reveal(con, "ac_1")
        assert [o.value for o in Vault(master).reveal(con, "ac_2")] == ["b@x.y"]
        row = con.execute("SELECT wrapped_key FROM vault_subjects WHERE subject='ac_1'").fetchone()
        assert row == (None,)
    with store.write() as con:
        # new originals of an erased subject are not kept
        assert Vault(master).store(con, [("ac_1", "em_9", "email", "c@x.y")]) == 0
        with pytest.raises(VaultError, match="already erased"):
            v.erase(con, "ac_1")

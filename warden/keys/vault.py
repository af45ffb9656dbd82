"""The vault: original identifiers, encrypted, per subject, erasable.

Each subject (an account pseudonym) has a random 256-bit data key. The data key is
stored wrapped (AES-256-GCM under the keyring's master key, bound to the subject by
associated data); each original value is stored as ``nonce || AES-256-GCM(data key,
value)`` with the subject, pseudonym and kind as associated data, so a ciphertext
moved to another row does not decrypt. Only wrapped keys and ciphertext reach DuckDB.

Erasure (crypto-shredding) deletes the wrapped data key and the ciphertexts: without
the data key nothing of the subject's originals can be recovered, even by someone
holding the keyring and its passphrase.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from warden.errors import VaultError


@dataclass(frozen=True)
class Original:
    """One revealed original value."""

    kind: str
    pseudonym: str
    value: str

    def __repr__(self) -> str:  # keep originals out of logs and tracebacks
        return f"Original(kind={self.kind!r}, pseudonym={self.pseudonym!r}, value=***)"


_VALUE_SCHEMA = pa.schema(
    [
        ("subject", pa.string()),
        ("pseudonym", pa.string()),
        ("kind", pa.string()),
        ("ciphertext", pa.binary()),
    ]
)


def _subject_aad(subject: str) -> bytes:
    return b"warden/vault/subject:" + subject.encode()


def _value_aad(subject: str, pseudonym: str, kind: str) -> bytes:
    return f"warden/vault/value:{subject}|{pseudonym}|{kind}".encode()


class Vault:
    """Encrypts and decrypts originals with data keys wrapped by ``master_key``."""

    def __init__(self, master_key: bytes) -> None:
        self._kek = AESGCM(master_key)
        self._deks: dict[str, bytes | None] = {}
        self._stored: set[tuple[str, str]] = set()

    def __repr__(self) -> str:
        return "Vault(***)"

    def _wrap(self, subject: str, dek: bytes) -> bytes:
        nonce = secrets.token_bytes(12)
        return nonce + self._kek.encrypt(nonce, dek, _subject_aad(subject))

    def _unwrap(self, subject: str, wrapped: bytes) -> bytes:
        try:
            return self._kek.decrypt(wrapped[:12], wrapped[12:], _subject_aad(subject))
        except InvalidTag:
            raise VaultError(
                f"the data key of subject {subject} does not decrypt: the vault was altered "
                "or the keyring's master key is not the one it was written with"
            ) from None

    def _load_keys(self, con: duckdb.DuckDBPyConnection, subjects: set[str], now: datetime) -> None:
        missing = [s for s in subjects if s not in self._deks]
        if not missing:
            return
        rows = con.execute(
            "SELECT subject, wrapped_key FROM vault_subjects WHERE subject IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [missing],
        ).fetchall()
        found = {s: (self._unwrap(s, bytes(w)) if w is not None else None) for s, w in rows}
        new = []
        for s in missing:
            if s in found:
                self._deks[s] = found[s]
            else:
                dek = secrets.token_bytes(32)
                self._deks[s] = dek
                new.append((s, self._wrap(s, dek), now))
        if new:
            con.executemany(
                "INSERT INTO vault_subjects (subject, wrapped_key, created_at) VALUES (?, ?, ?)",
                new,
            )

    def store(
        self,
        con: duckdb.DuckDBPyConnection,
        items: Iterable[tuple[str, str, str, str]],
        now: datetime | None = None,
    ) -> int:
        """Encrypt ``(subject, pseudonym, kind, value)`` items not stored yet.

        Values of erased subjects are not kept. Returns the number written.
        """
        now = now or datetime.now(UTC)
        batch = [b for b in dict.fromkeys(items) if (b[0], b[1]) not in self._stored]
        if not batch:
            return 0
        pairs = pa.table({"subject": [b[0] for b in batch], "pseudonym": [b[1] for b in batch]})
        con.register("_vault_pairs", pairs)
        have = set(
            con.execute(
                "SELECT v.subject, v.pseudonym FROM vault_values v "
                "JOIN _vault_pairs p USING (subject, pseudonym)"
            ).fetchall()
        )
        con.unregister("_vault_pairs")
        self._stored |= have
        batch = [b for b in batch if (b[0], b[1]) not in have]
        if not batch:
            return 0
        self._load_keys(con, {b[0] for b in batch}, now)
        rows: dict[str, list[object]] = {
            "subject": [],
            "pseudonym": [],
            "kind": [],
            "ciphertext": [],
        }
        for subject, pseudonym, kind, value in batch:
            dek = self._deks.get(subject)
            if dek is None:
                continue
            nonce = secrets.token_bytes(12)
            ct = AESGCM(dek).encrypt(
                nonce, value.encode("utf-8", "surrogatepass"), _value_aad(subject, pseudonym, kind)
            )
            rows["subject"].append(subject)
            rows["pseudonym"].append(pseudonym)
            rows["kind"].append(kind)
            rows["ciphertext"].append(nonce + ct)
            self._stored.add((subject, pseudonym))
        if rows["subject"]:
            con.register("_vault_rows", pa.table(rows, schema=_VALUE_SCHEMA))
            con.execute(
                "INSERT OR IGNORE INTO vault_values SELECT subject, pseudonym, kind, "
                "ciphertext FROM _vault_rows"
            )
            con.unregister("_vault_rows")
        return len(rows["subject"])

    def reveal(self, con: duckdb.DuckDBPyConnection, subject: str) -> list[Original]:
        """Decrypt every original of ``subject``. Raises if it was erased or is unknown."""
        row = con.execute(
            "SELECT wrapped_key, erased_at FROM vault_subjects WHERE subject = ?", [subject]
        ).fetchone()
        if row is None:
            raise VaultError(f"no originals are held for {subject}")
        if row[0] is None:
            raise VaultError(
                f"subject {subject} was erased on {row[1]:%Y-%m-%d}; "
                "its originals cannot be recovered"
            )
        dek = self._unwrap(subject, bytes(row[0]))
        out = []
        for pseudonym, kind, blob in con.execute(
            "SELECT pseudonym, kind, ciphertext FROM vault_values WHERE subject = ? "
            "ORDER BY kind, pseudonym",
            [subject],
        ).fetchall():
            if blob is None:
                continue
            blob = bytes(blob)
            try:
                value = AESGCM(dek).decrypt(
                    blob[:12], blob[12:], _value_aad(subject, pseudonym, kind)
                )
            except InvalidTag:
                raise VaultError(
                    f"a vault value of {subject} ({kind} {pseudonym}) fails authentication: "
                    "it was altered or moved; restore the store from backup"
                ) from None
            out.append(Original(kind, pseudonym, value.decode("utf-8", "surrogatepass")))
        return out

    def erase(
        self, con: duckdb.DuckDBPyConnection, subject: str, now: datetime | None = None
    ) -> int:
        """Destroy the data key and ciphertexts of ``subject``; returns values destroyed."""
        now = now or datetime.now(UTC)
        row = con.execute(
            "SELECT wrapped_key FROM vault_subjects WHERE subject = ?", [subject]
        ).fetchone()
        if row is None:
            raise VaultError(f"no subject {subject} in the vault; check the pseudonym")
        if row[0] is None:
            raise VaultError(f"subject {subject} is already erased")
        count = con.execute(
            "SELECT count(*) FROM vault_values WHERE subject = ? AND ciphertext IS NOT NULL",
            [subject],
        ).fetchone()
        con.execute(
            "UPDATE vault_subjects SET wrapped_key = NULL, erased_at = ? WHERE subject = ?",
            [now, subject],
        )
        con.execute("UPDATE vault_values SET ciphertext = NULL WHERE subject = ?", [subject])
        self._deks[subject] = None
        self._stored = {x for x in self._stored if x[0] != subject}
        return int(count[0]) if count else 0

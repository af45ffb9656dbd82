"""Pseudonym key rotation, by re-keying the store through the vault.

Why this scheme: a rotation exists to retire a key (suspected leaked, or on a
schedule). Keeping old pseudonyms beside new ones would keep the old key useful to
whoever holds it, and would split each account in two. So rotation re-keys: every
original held in the vault is decrypted, its pseudonym under the new key computed,
and every pseudonym column, every pseudonym inside redacted text, and the vault
itself rewritten in one transaction, with ``pseudonym_links`` recording old -> new
(so a pseudonym quoted in an old ticket can still be followed). An account seen
before and after rotation is one account.

What cannot be re-keyed keeps its old pseudonym: subjects erased before the rotation
(their originals are gone, by design) and values seen only inside free text (they
are not vaulted). Both stay consistent among themselves.

Crash safety: the keyring gets version N+1 first; the store's ``meta`` row
``rekeyed_version`` becomes N+1 only when the re-keying transaction commits. Until
then ingest refuses to run and ``warden keys rotate`` resumes the re-keying.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from redaction.pseudonym import PSEUDONYM_RE, Pseudonymizer, network_of
from warden.audit import AuditEvent, AuditKeys, audited, record
from warden.errors import StateError
from warden.keys.keyring import Keyring
from warden.keys.vault import Vault
from warden.schema import PSEUDONYM_COLUMNS, TEXT_COLUMNS
from warden.store import Store


@dataclass(frozen=True)
class RotationResult:
    old_version: int
    new_version: int
    subjects: int
    pseudonyms: int
    text_rows: int


def rekeyed_version(con: duckdb.DuckDBPyConnection) -> int:
    """The key version the store's pseudonyms are under (1 for a new store)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'rekeyed_version'").fetchone()
    return int(row[0]) if row else 1


def store_key_version(store: Store) -> int:
    """:func:`rekeyed_version` of a store, read through a short-lived connection."""
    with store.read() as con:
        return rekeyed_version(con)


def check_key_version(store: Store, keyring: Keyring) -> None:
    """Raise unless the store is keyed with the keyring's current version."""
    with store.read() as con:
        v = rekeyed_version(con)
    if v != keyring.current_version:
        raise StateError(
            f"the store is keyed with pseudonym key v{v} but the keyring's current key is "
            f"v{keyring.current_version}: a key rotation did not finish. "
            "Run `warden keys rotate` to finish it."
        )


def rotate(store: Store, keyring: Keyring, actor: str) -> RotationResult:
    """Add a key version (or finish an unfinished rotation) and re-key the store."""

    with store.read() as con:
        done = rekeyed_version(con)
    if done == keyring.current_version:
        keyring.rotate()
        keyring.save()
    old_v, new_v = done, keyring.current_version
    old = Pseudonymizer(keyring.pseudonym_keys, old_v)
    new = Pseudonymizer(keyring.pseudonym_keys, new_v)
    vault = Vault(keyring.master_key)
    now = datetime.now(UTC)
    with audited(store, store.path.parent, AuditKeys(keyring.audit_signing_key)) as con:
        subjects = [
            r[0]
            for r in con.execute(
                "SELECT subject FROM vault_subjects WHERE wrapped_key IS NOT NULL "
                "AND contains(subject, ?)",
                [f"_v{old_v}_"],
            ).fetchall()
        ]
        mapping: dict[str, str] = {}
        moved: list[tuple[str, str, str, str]] = []
        for subject in subjects:
            originals = vault.reveal(con, subject)
            new_subject = subject
            for o in originals:
                if o.kind == "account" and o.pseudonym == subject:
                    new_subject = new.pseudonym("account", o.value)
            for o in originals:
                np = new.pseudonym(o.kind, o.value)
                mapping[o.pseudonym] = np
                moved.append((new_subject, np, o.kind, o.value))
                if o.kind == "ip":
                    net_old, net_new = old.network(o.value), new.network(o.value)
                    if net_old and net_new and network_of(o.value):
                        mapping[net_old] = net_new
            mapping[subject] = new_subject
            con.execute("DELETE FROM vault_values WHERE subject = ?", [subject])
            con.execute("DELETE FROM vault_subjects WHERE subject = ?", [subject])
        vault = Vault(keyring.master_key)
        vault.store(con, moved, now)
        if mapping:
            table = pa.table({"old": list(mapping), "new": list(mapping.values())})
            con.register("_rekey_map", table)
            for tbl, col in PSEUDONYM_COLUMNS:
                con.execute(
                    f"UPDATE {tbl} SET {col} = m.new FROM _rekey_map m WHERE {tbl}.{col} = m.old"
                )
            con.execute(
                "UPDATE pseudonym_links SET new_pseudonym = m.new FROM _rekey_map m "
                "WHERE pseudonym_links.new_pseudonym = m.old"
            )
            con.execute(
                "INSERT OR REPLACE INTO pseudonym_links SELECT old, new, ? FROM _rekey_map",
                [now],
            )
            con.unregister("_rekey_map")
        text_rows = _rekey_text(con, mapping, old_v)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('rekeyed_version', ?)", [str(new_v)])
        record(
            con,
            AuditEvent(
                actor,
                "keys.rotated",
                None,
                {
                    "from_version": old_v,
                    "to_version": new_v,
                    "subjects": len(subjects),
                    "pseudonyms": len(mapping),
                    "text_rows": text_rows,
                },
            ),
        )
    return RotationResult(old_v, new_v, len(subjects), len(mapping), text_rows)


def _rekey_text(con: duckdb.DuckDBPyConnection, mapping: dict[str, str], old_v: int) -> int:
    if not mapping:
        return 0
    tag = f"_v{old_v}_"
    total = 0
    by_table: dict[tuple[str, str], list[str]] = {}
    for tbl, key, col in TEXT_COLUMNS:
        by_table.setdefault((tbl, key), []).append(col)

    def sub(text: str | None) -> str | None:
        if text is None:
            return None
        return PSEUDONYM_RE.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)

    for (tbl, key), cols in by_table.items():
        where = " OR ".join(f"contains(CAST({c} AS VARCHAR), ?)" for c in cols)
        rows = con.execute(
            f"SELECT {key}, {', '.join(f'CAST({c} AS VARCHAR)' for c in cols)} "
            f"FROM {tbl} WHERE {where}",
            [tag] * len(cols),
        ).fetchall()
        if not rows:
            continue
        data = {"_key": [r[0] for r in rows]}
        for i, c in enumerate(cols):
            data[c] = [sub(r[i + 1]) for r in rows]
        con.register("_rekey_text", pa.table(data))
        sets = ", ".join(f"{c} = t.{c}" for c in cols)
        con.execute(f"UPDATE {tbl} SET {sets} FROM _rekey_text t WHERE {tbl}.{key} = t._key")
        con.unregister("_rekey_text")
        total += len(rows)
    return total

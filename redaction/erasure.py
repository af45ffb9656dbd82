"""Erasure of a subject (crypto-shredding).

What goes: the subject's wrapped data key and every ciphertext of its originals, and
the private part of its audit entries. What stays, and why that is acceptable: the
pseudonyms and redacted events. Pseudonyms are keyed HMACs; with the originals gone
nothing maps them back to a person, and keeping them keeps past cases, decisions and
the audit chain intact (GDPR Art. 17 is met for the originals; what remains is no
longer data relating to an identifiable person for anyone who lacks another source).
"""

from __future__ import annotations

from warden.audit import AuditEvent, AuditKeys, audited, forget_private, record
from warden.keys.keyring import Keyring
from warden.keys.vault import Vault
from warden.store import Store


def erase_subject(store: Store, keyring: Keyring, subject: str, actor: str) -> int:
    """Crypto-shred ``subject``; returns how many original values were destroyed."""

    vault = Vault(keyring.master_key)
    home = store.path.parent
    with audited(store, home, AuditKeys(keyring.audit_signing_key)) as con:
        n = vault.erase(con, subject)
        forget_private(con, subject)
        record(con, AuditEvent(actor, "subject.erased", subject, {"values_destroyed": n}))
    # Write the change into the database file now, so the WAL keeps no old key.
    with store.write() as con:
        con.execute("CHECKPOINT")
    return n

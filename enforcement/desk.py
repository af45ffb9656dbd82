"""The enforcement desk: what every enforcement call needs (store, settings, roles,
audit signing key), and the one way they write: an audited transaction.

Roles: ``analyst`` < ``lead`` < ``admin``, each from ``[enforcement.roles]`` of the
home config. A user who is not listed can do nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from warden.audit import AuditEvent, AuditKeys, audited, record
from warden.config import Config, Policy
from warden.errors import PermissionDenied, StateError
from warden.keys.keyring import Keyring
from warden.store import Store

RANK = {"analyst": 1, "lead": 2, "admin": 3}
# The dashboard's development login records its actors as "NAME (dev-user)", so the audit
# log shows which decisions were made without real authentication.
DEV_SUFFIX = " (dev-user)"
ACTIONS = ("no_action", "warn", "rate_limit", "suspend", "ban")
SEVERE = ("suspend", "ban")
SEVERITY_WEIGHT = {"low": 1.0, "medium": 1.5, "high": 2.0, "critical": 3.0}


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Desk:
    """Enforcement context. Build with :meth:`open`; pass ``now`` in tests."""

    store: Store
    config: Config
    audit_keys: AuditKeys | None = None
    master_key: bytes | None = None

    @classmethod
    def open(cls, config: Config, keyring: Keyring | None) -> Desk:
        return cls(
            store=Store(config.db_path),
            config=config,
            audit_keys=AuditKeys(keyring.audit_signing_key) if keyring else None,
            master_key=keyring.master_key if keyring else None,
        )

    def __repr__(self) -> str:
        return f"Desk(store={self.store.path})"

    # -- roles ---------------------------------------------------------------
    def role(self, user: str) -> str | None:
        return self.config.enforcement.roles.get(user.removesuffix(DEV_SUFFIX))

    def require(self, user: str, minimum: str) -> str:
        role = self.role(user)
        if role is None:
            raise PermissionDenied(
                f"user {user!r} has no role; an admin must add them to [enforcement.roles] "
                "in warden.toml"
            )
        if RANK[role] < RANK[minimum]:
            raise PermissionDenied(f"{user!r} is {role}; this needs the {minimum} role")
        return role

    def require_second_lead(self, approver: str, author: str, what: str) -> None:
        """Four eyes: ``approver`` must be a lead and not the person who made ``what``
        (the same person through the dashboard's development login counts as the same)."""
        self.require(approver, "lead")
        if same_person(approver, author):
            raise PermissionDenied(
                f"four eyes: the person who made {what} cannot approve it; another lead must"
            )

    def can(self, user: str, minimum: str) -> bool:
        role = self.role(user)
        return role is not None and RANK[role] >= RANK[minimum]

    # -- policies ------------------------------------------------------------
    def policy(self, policy_id: str) -> Policy:
        for p in self.config.enforcement.policies:
            if p.id == policy_id:
                return p
        known = ", ".join(p.id for p in self.config.enforcement.policies)
        raise StateError(f"unknown policy {policy_id!r}; use one of: {known}")

    # -- writing -------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """An audited write transaction (checkpoint signed after commit)."""
        with audited(self.store, self.config.home, self.audit_keys) as con:
            yield con

    def audit(
        self,
        con: duckdb.DuckDBPyConnection,
        actor: str,
        action: str,
        subject: str | None,
        details: dict[str, Any] | None = None,
        private: dict[str, Any] | None = None,
        now: datetime | None = None,
    ) -> int:
        return record(con, AuditEvent(actor, action, subject, details or {}, private), now)


def same_person(a: str, b: str) -> bool:
    """Whether two acting users are one person (the dashboard's development login adds a
    suffix to the name the command line uses)."""
    return a.removesuffix(DEV_SUFFIX) == b.removesuffix(DEV_SUFFIX)


def one(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], missing: str
) -> tuple[Any, ...]:
    """The row ``sql`` selects; a :class:`StateError` saying ``missing`` when there is none."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise StateError(missing)
    return tuple(row)


def next_id(con: duckdb.DuckDBPyConnection, table: str, column: str, prefix: str) -> str:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    n = int(row[0]) if row else 0
    while True:
        candidate = f"{prefix}{n + 1:06d}"
        if not con.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", [candidate]).fetchone():
            return candidate
        n += 1

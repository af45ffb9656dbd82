"""The store's schema: numbered migrations, frozen as literal SQL files in
``warden/migrations/`` (``NNNN_name.sql``; the first line, a comment, names it).

A migration that has shipped is never edited: a change of schema is the next number.
``tests/warden/test_migrations.py`` holds the checksum of every shipped file and
upgrades a store made by an earlier release. Each migration runs in its own
transaction (:meth:`warden.store.Store.migrate`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The migrations in order; refuses a gap or a duplicate number."""
    found: list[Migration] = []
    for entry in resources.files("warden").joinpath("migrations").iterdir():
        m = _FILE.match(entry.name)
        if not m:
            continue
        sql = entry.read_text(encoding="utf-8")
        first = sql.splitlines()[0] if sql else ""
        name = first.removeprefix("--").strip() if first.startswith("--") else m.group(2)
        found.append(Migration(int(m.group(1)), name, sql))
    found.sort(key=lambda mig: mig.number)
    numbers = [mig.number for mig in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {numbers}")
    return found


MIGRATIONS: list[Migration] = load_migrations()
LATEST: int = MIGRATIONS[-1].number

# The prompt of an event, as SQL over ``events``: the last message of a chat request, else
# its input. Every part that reads prompts (evidence, patterns, policies, the training-set
# export, decision snapshots) reads them this way.
PROMPT_SQL = "coalesce(json_extract_string(messages, '$[-1].content'), input_text)"

# Columns that hold pseudonyms of identifiers: key rotation rewrites them.
PSEUDONYM_COLUMNS: list[tuple[str, str]] = [
    ("events", "account"),
    ("events", "org"),
    ("events", "api_key"),
    ("events", "email"),
    ("events", "ip"),
    ("events", "ip_net"),
    ("events", "user_agent"),
    ("cases", "subject"),
    ("subject_notes", "subject"),
    ("account_features", "account"),
    ("account_scores", "account"),
    ("policy_hits", "account"),
]

# Text and JSON columns that may hold pseudonyms inside them, with each table's key:
# key rotation rewrites the pseudonyms found in them.
TEXT_COLUMNS: list[tuple[str, str, str]] = [
    ("events", "request_id", "messages"),
    ("events", "request_id", "input_text"),
    ("events", "request_id", "completion"),
    ("cases", "case_id", "members"),
    ("account_groups", "group_id", "members"),
    ("patterns", "entry", "body"),
]

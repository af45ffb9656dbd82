"""Policies as code (docs/policies.md): a named, versioned definition in a file under the
home (``policies/NAME.toml``), recorded in the store version by version, in one of the
states ``draft``, ``shadow``, ``pending`` (a lead asked for live; a second lead must
approve), ``live`` and ``retired``.

A policy matches accounts one of two ways:

- ``terms``: a prompt matches when it holds at least ``min_terms`` of the terms as whole
  words (case and punctuation folded); an account is flagged when at least ``min_hits`` of its prompts in the window
  match;
- ``where``: a predicate over the detection features (``docs/detection.md`` lists them),
  such as ``jailbreak_rate >= 0.3 AND n_events >= 20``: only feature names, numbers,
  comparisons, ``AND``/``OR``/``NOT``/``BETWEEN``/``IS NULL`` and parentheses are
  accepted, so a file can never run other SQL.

``shadow`` and ``live`` policies run in every sweep and their hits are recorded; only a
``live`` one opens cases. The built-in signals (``[[detection.signals]]``) are listed
with them as the first policies, live unless disabled.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from investigate.features import FEATURES
from warden.config import Config
from warden.errors import ConfigError, StateError
from warden.schema import PROMPT_SQL
from warden.store import Store

FILE_STATES = ("draft", "shadow", "live", "retired")
STATES = ("draft", "shadow", "pending", "live", "retired")
ACTIONS = ("no_action", "warn", "rate_limit", "suspend", "ban")
SEVERITIES = ("low", "medium", "high", "critical")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{1,47}")
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<op><=|>=|<>|!=|=|<|>)"
    r"|(?P<paren>[()]))"
)
_KEYWORDS = {"and", "or", "not", "between", "is", "null"}


@dataclass(frozen=True)
class PolicyDef:
    """A policy as its file defines it."""

    name: str
    version: int
    owner: str
    severity: str
    action: str
    policy: str  # the enforcement policy a decision under it cites
    state: str
    rationale: str
    terms: tuple[str, ...] = ()
    min_terms: int = 2
    min_hits: int = 3
    where: str = ""

    def digest(self) -> str:
        body = {k: v for k, v in asdict(self).items() if k != "state"}
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]

    def describe(self) -> str:
        if self.where:
            return f"features: {self.where}"
        return f"{self.min_hits}+ prompts holding {self.min_terms} of: " + ", ".join(
            repr(t) for t in self.terms
        )

    def to_toml(self) -> str:
        lines = []
        for k, v in asdict(self).items():
            if isinstance(v, tuple):
                v = list(v)
            if k == "where" and not v:
                continue
            if k == "terms" and not v:
                continue
            lines.append(f"{k} = {json.dumps(v, ensure_ascii=False)}")
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class PolicyVersion:
    """A recorded version and where it stands."""

    definition: PolicyDef
    version: int
    state: str
    recorded_by: str
    recorded_at: datetime
    requested_by: str | None
    approved_by: str | None

    @property
    def name(self) -> str:
        return self.definition.name


def check_where(where: str, source: str) -> str:
    """The predicate, if it uses only what a feature predicate may; else a ConfigError."""
    pos, depth = 0, 0
    text = where.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ConfigError(
                f"{source}: `where` may hold feature names, numbers, comparisons, AND, OR, "
                f"NOT, BETWEEN, IS NULL and parentheses; not {text[pos : pos + 20]!r}"
            )
        word = m.group("word")
        if word and word.lower() not in _KEYWORDS and word not in FEATURES:
            raise ConfigError(
                f"{source}: `where` names {word!r}, which is no feature; docs/detection.md "
                "lists them"
            )
        depth += {"(": 1, ")": -1}.get(m.group("paren") or "", 0)
        if depth < 0:
            raise ConfigError(f"{source}: `where` closes a parenthesis it never opened")
        pos = m.end()
    if depth:
        raise ConfigError(f"{source}: `where` leaves a parenthesis open")
    return text


def parse(data: dict[str, Any], source: str, config: Config) -> PolicyDef:
    """A definition from a file's TOML table, checked; errors name the file and field."""
    known = {f for f in PolicyDef.__dataclass_fields__}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"{source}: unknown field {unknown[0]!r}; known: {', '.join(sorted(known))}"
        )
    for req in ("name", "version", "owner", "severity", "action", "policy", "state", "rationale"):
        if req not in data:
            raise ConfigError(f"{source}: the field {req!r} is missing")
    name = str(data["name"])
    if not _NAME.fullmatch(name):
        raise ConfigError(f"{source}: name it with lower-case letters, digits and '-' (2-48)")
    if not isinstance(data["version"], int) or data["version"] < 1:
        raise ConfigError(f"{source}: version must be a whole number from 1")
    checks = (("severity", SEVERITIES), ("action", ACTIONS), ("state", FILE_STATES))
    for fld, allowed in checks:
        if data[fld] not in allowed:
            raise ConfigError(f"{source}: {fld} must be one of {', '.join(allowed)}")
    ids = {p.id for p in config.enforcement.policies}
    if data["policy"] not in ids:
        raise ConfigError(
            f"{source}: policy {data['policy']!r} is none of {', '.join(sorted(ids))}"
        )
    if len(str(data["rationale"]).split()) < 4:
        raise ConfigError(f"{source}: say in the rationale why the policy exists")
    terms = tuple(str(t).strip().lower() for t in data.get("terms", ()) if str(t).strip())
    where = str(data.get("where", "")).strip()
    if bool(terms) == bool(where):
        raise ConfigError(f"{source}: give either `terms` or `where`, not both or neither")
    if where:
        where = check_where(where, source)
    min_terms = int(data.get("min_terms", min(2, len(terms)) if terms else 1))
    if terms and not 1 <= min_terms <= len(terms):
        raise ConfigError(f"{source}: min_terms must lie between 1 and the number of terms")
    min_hits = int(data.get("min_hits", 3))
    if min_hits < 1:
        raise ConfigError(f"{source}: min_hits must be at least 1")
    return PolicyDef(
        name=name,
        version=int(data["version"]),
        owner=str(data["owner"]),
        severity=str(data["severity"]),
        action=str(data["action"]),
        policy=str(data["policy"]),
        state=str(data["state"]),
        rationale=" ".join(str(data["rationale"]).split()),
        terms=terms,
        min_terms=min_terms,
        min_hits=min_hits,
        where=where,
    )


def folder(config: Config) -> Path:
    return config.home / "policies"


def load_files(config: Config) -> list[PolicyDef]:
    """Every ``policies/*.toml`` of the home, checked; a bad file is an error naming it."""
    out = []
    names: dict[str, Path] = {}
    for path in sorted(folder(config).glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path.name} is not valid TOML ({exc}); fix it") from None
        d = parse(data, path.name, config)
        if d.name in names:
            raise ConfigError(f"{path.name} and {names[d.name].name} both define {d.name!r}")
        if path.stem != d.name:
            raise ConfigError(f"{path.name} defines {d.name!r}; name the file {d.name}.toml")
        names[d.name] = path
        out.append(d)
    return out


# -- the record in the store ----------------------------------------------------------

_COLS = "definition, version, state, recorded_by, recorded_at, requested_by, approved_by"


def _version(row: tuple[Any, ...]) -> PolicyVersion:
    d = json.loads(row[0])
    d["terms"] = tuple(d.get("terms", ()))
    return PolicyVersion(PolicyDef(**d), *row[1:])


def current(store: Store) -> list[PolicyVersion]:
    """The latest recorded version of every policy, by name."""
    with store.read() as con:
        return current_in(con)


def current_in(con: duckdb.DuckDBPyConnection) -> list[PolicyVersion]:
    rows = con.execute(
        f"SELECT {_COLS} FROM policy_versions "
        "QUALIFY row_number() OVER (PARTITION BY name ORDER BY version DESC) = 1 ORDER BY name"
    ).fetchall()
    return [_version(r) for r in rows]


def get_in(con: duckdb.DuckDBPyConnection, name: str) -> PolicyVersion:
    row = con.execute(
        f"SELECT {_COLS} FROM policy_versions WHERE name = ? ORDER BY version DESC LIMIT 1",
        [name],
    ).fetchone()
    if row is None:
        raise StateError(f"no policy {name!r} is recorded; `warden policies sync` reads the files")
    return _version(row)


def record(
    con: duckdb.DuckDBPyConnection, d: PolicyDef, actor: str, now: datetime
) -> tuple[str, PolicyVersion | None]:
    """Record a file's definition: ``("new" | "changed" | "state" | "same", before)``.
    A changed definition must carry a higher version. A file asking for ``live`` is
    recorded ``pending``: a lead's request that a second lead approves."""
    known = con.execute("SELECT 1 FROM policy_versions WHERE name = ?", [d.name]).fetchone()
    before = get_in(con, d.name) if known else None
    wanted = "pending" if d.state == "live" else d.state
    if before is not None and before.definition.digest() == d.digest():
        same_state = before.state == wanted or (d.state == "live" and before.state == "live")
        if same_state:
            return "same", before
        con.execute(
            "UPDATE policy_versions SET state = ?, requested_by = ? WHERE name = ? AND version = ?",
            [wanted, actor if wanted == "pending" else None, d.name, before.version],
        )
        return "state", before
    if before is not None and d.version <= before.version:
        raise StateError(
            f"policy {d.name!r} changed but its version is still {d.version}; recorded is "
            f"{before.version}: raise `version` in the file"
        )
    body = json.dumps({**asdict(d), "terms": list(d.terms)})
    con.execute(
        "INSERT INTO policy_versions (name, version, definition, digest, state, recorded_by, "
        "recorded_at, requested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            d.name,
            d.version,
            body,
            d.digest(),
            wanted,
            actor,
            now,
            actor if wanted == "pending" else None,
        ],
    )
    return ("new" if before is None else "changed"), before


def settle(
    con: duckdb.DuckDBPyConnection, name: str, approver: str, approved: bool, now: datetime
) -> PolicyVersion:
    """Approve (live) or refuse (back to shadow) a pending policy; the caller checked
    four eyes."""
    v = get_in(con, name)
    if v.state != "pending":
        raise StateError(f"policy {name!r} is {v.state}; nothing waits for approval")
    con.execute(
        "UPDATE policy_versions SET state = ?, approved_by = ?, approved_at = ? "
        "WHERE name = ? AND version = ?",
        [
            "live" if approved else "shadow",
            approver if approved else None,
            now if approved else None,
            name,
            v.version,
        ],
    )
    return v


# -- evaluation -----------------------------------------------------------------------

# a prompt as terms are matched in it: lower case, every run of non-word characters one
# space, a space at each end, so that a term matches whole words only ("call" not "recall")
_WORDS = f"' ' || regexp_replace(lower({PROMPT_SQL}), '[^\\pL\\pN_]+', ' ', 'g') || ' '"


def _padded(terms: tuple[str, ...]) -> list[str]:
    return [" " + " ".join(re.sub(r"[^\w]+", " ", t.lower()).split()) + " " for t in terms]


def matches(
    con: duckdb.DuckDBPyConnection,
    d: PolicyDef,
    start: datetime,
    end: datetime,
    run_id: str | None = None,
) -> dict[str, int]:
    """Accounts the policy flags in [start, end) with their matching prompts (terms) or
    1 (a feature predicate, over the features of ``run_id``)."""
    if d.where:
        if run_id is None:
            return {}
        rows = con.execute(
            f"SELECT account, 1 FROM account_features WHERE run_id = ? AND ({d.where})",
            [run_id],
        ).fetchall()
        return {a: int(n) for a, n in rows}
    hits = " + ".join("CAST(contains(t, ?) AS INTEGER)" for _ in d.terms)
    rows = con.execute(
        f"SELECT account, count(*) FROM (SELECT account, {_WORDS} AS t FROM events "
        "WHERE ts >= ? AND ts < ?) WHERE t IS NOT NULL "
        f"AND ({hits}) >= ? GROUP BY account HAVING count(*) >= ?",
        [start, end, *_padded(d.terms), d.min_terms, d.min_hits],
    ).fetchall()
    return {a: int(n) for a, n in rows}


@dataclass
class Backtest:
    name: str
    version: int
    start: datetime
    end: datetime
    flagged: list[str]
    daily: list[tuple[date, int, int]]  # (day, matching prompts or runs, accounts flagged)
    in_cases: int
    actioned: int
    cleared: int
    undecided: int
    precision: float | None  # actioned / decided among the flagged
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["daily"] = [(day.isoformat(), a, b) for day, a, b in self.daily]
        d["start"], d["end"] = self.start.isoformat(), self.end.isoformat()
        return d


def backtest(
    store: Store,
    d: PolicyDef,
    version: int,
    days: int,
    *,
    decided: dict[str, bool],
    cased: set[str],
    until: datetime | None = None,
) -> Backtest:
    """What ``d`` would have flagged over the last ``days`` of history; ``decided`` maps
    decided accounts to whether they were actioned, ``cased`` is every account with a case."""
    with store.read() as con:
        if until is None:
            row = con.execute("SELECT max(ts) FROM events").fetchone()
            until = (row[0] if row and row[0] else datetime.now().astimezone()) + timedelta(
                microseconds=1
            )
        start = until - timedelta(days=days)
        per_day: dict[date, set[str]] = defaultdict(set)
        volume: dict[date, int] = defaultdict(int)
        if d.where:
            runs = con.execute(
                "SELECT run_id, window_end FROM detection_runs WHERE window_end > ? "
                "AND window_end <= ? ORDER BY window_end",
                [start, until],
            ).fetchall()
            for run_id, w_end in runs:
                found = matches(con, d, start, until, run_id)
                per_day[w_end.date()] |= set(found)
                volume[w_end.date()] += 1
        else:
            hits = " + ".join("CAST(contains(t, ?) AS INTEGER)" for _ in d.terms)
            rows = con.execute(
                f"SELECT account, ts::DATE, count(*) FROM (SELECT account, ts, {_WORDS} "
                "AS t FROM events WHERE ts >= ? AND ts < ?) WHERE t IS NOT NULL "
                f"AND ({hits}) >= ? GROUP BY ALL ORDER BY 2",
                [start, until, *_padded(d.terms), d.min_terms],
            ).fetchall()
            running: dict[str, int] = defaultdict(int)
            for account, day, n in rows:
                volume[day] += int(n)
                before = running[account]
                running[account] += int(n)
                if before < d.min_hits <= running[account]:
                    per_day[day].add(account)  # the day it reached min_hits
    flagged = sorted({a for s in per_day.values() for a in s})
    days_sorted = sorted(set(volume) | set(per_day))
    actioned = sum(1 for a in flagged if decided.get(a) is True)
    cleared = sum(1 for a in flagged if decided.get(a) is False)
    return Backtest(
        d.name,
        version,
        start,
        until,
        flagged,
        [(day, volume.get(day, 0), len(per_day.get(day, ()))) for day in days_sorted],
        in_cases=sum(1 for a in flagged if a in cased),
        actioned=actioned,
        cleared=cleared,
        undecided=len(flagged) - actioned - cleared,
        precision=round(actioned / (actioned + cleared), 4) if actioned + cleared else None,
    )


def from_pattern(
    name: str, terms: list[str], policy: str, owner: str, pattern: str, label: str
) -> PolicyDef:
    """A draft policy over a pattern's distinctive words (edit it before it goes live)."""
    chosen = tuple(terms[:6])
    if len(chosen) < 2:
        raise StateError(f"pattern {pattern} has too few distinctive words for a term policy")
    return PolicyDef(
        name=name,
        version=1,
        owner=owner,
        severity="medium",
        action="warn",
        policy=policy,
        state="draft",
        rationale=f"Drafted from pattern {pattern}, marked {label}: prompts that share its "
        "distinctive words. Backtest it and edit the terms before it goes to shadow.",
        terms=chosen,
        min_terms=min(3, len(chosen)),
        min_hits=3,
    )

"""The notebook API: ``Workspace(home)`` gives an investigator DataFrames over the store and
the same audited enforcement calls the dashboard makes.

Every method opens a short-lived connection and closes it (a notebook must not block a
sweep). Nothing returns raw identifiers: the store holds pseudonyms and redacted text;
originals come only through :meth:`reveal`, behind the re-identification gate.

    ws = Workspace("/var/lib/warden")        # user: $WARDEN_USER or the login name
    ws.accounts().head(10)                    # the ranking
    ws.events(accounts=[...], flagged=True)   # polars DataFrame
    ws.timeline(account)                      # Altair chart
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import altair as alt
import polars as pl

from enforcement import cases as case_api
from enforcement import decisions as decision_api
from enforcement import reid as reid_api
from enforcement.desk import Desk
from investigate.detect import latest_run
from investigate.features import FEATURES
from redaction.keyring import Keyring, Unlock
from redaction.vault import Original
from warden.config import load_config
from warden.errors import StateError


@dataclass
class AccountProfile:
    """Everything known about one pseudonymous account in the latest run."""

    account: str
    score: float | None
    cluster: int | None
    group: str | None
    reasons: list[str]
    signals: dict[str, float]
    features: dict[str, float]
    cases: list[str] = field(default_factory=list)


class Workspace:
    """See the module doc. ``passphrase`` (else ``$WARDEN_PASSPHRASE`` /
    ``$WARDEN_KEY_FILE``) is needed only for audited actions."""

    def __init__(
        self, home: str | Path, user: str | None = None, passphrase: str | None = None
    ) -> None:
        self.home = Path(home)
        self.config = load_config(self.home)
        self.user = user or os.environ.get("WARDEN_USER") or getpass.getuser()
        self._passphrase = passphrase
        self._desk: Desk | None = None
        Desk.open(self.config, None).store.require_current()

    def __repr__(self) -> str:
        return f"Workspace(home={str(self.home)!r}, user={self.user!r})"

    # -- plumbing --------------------------------------------------------------
    @property
    def desk(self) -> Desk:
        """The enforcement desk, with the keyring when one can be unlocked."""
        if self._desk is None:
            ring = None
            phrase = self._passphrase or os.environ.get("WARDEN_PASSPHRASE")
            key_file = os.environ.get("WARDEN_KEY_FILE")
            if key_file:
                ring = Keyring.open(self.home, Unlock(key_file_bytes=Path(key_file).read_bytes()))
            elif phrase:
                ring = Keyring.open(self.home, Unlock(passphrase=phrase))
            self._desk = Desk.open(self.config, ring)
        return self._desk

    def sql(self, query: str, params: list[Any] | None = None) -> pl.DataFrame:
        """Run a read-only query (the connection is opened read-only)."""
        with Desk.open(self.config, None).store.read() as con:
            rel = con.execute(query, params or [])
            if rel.description is None:
                return pl.DataFrame()
            cols = [d[0] for d in rel.description]
            rows = rel.fetchall()
            return pl.DataFrame(rows, schema=cols, orient="row", infer_schema_length=None)

    def _run(self) -> str:
        run = latest_run(Desk.open(self.config, None).store)
        if run is None:
            raise StateError("no detection run yet: run `warden sweep`")
        return run

    # -- reading ----------------------------------------------------------------
    def accounts(self, limit: int | None = None) -> pl.DataFrame:
        """The ranking of the latest run: account, score, cluster, group, reasons."""
        q = (
            'SELECT account, score, cluster, group_id AS "group", reasons, signals '
            "FROM account_scores WHERE run_id = ? ORDER BY score DESC, account"
        )
        df = self.sql(q + (f" LIMIT {int(limit)}" if limit else ""), [self._run()])
        return df.with_columns(pl.col("reasons").str.json_decode(pl.List(pl.String)))

    def account(self, pseudonym: str) -> AccountProfile:
        """Profile, features, reasons, cluster and group of one account."""
        run = self._run()
        s = self.sql(
            "SELECT score, cluster, group_id, reasons, signals FROM account_scores "
            "WHERE run_id = ? AND account = ?",
            [run, pseudonym],
        )
        f = self.sql(
            f"SELECT {', '.join(FEATURES)} FROM account_features WHERE run_id = ? AND account = ?",
            [run, pseudonym],
        )
        c = self.sql(
            "SELECT case_id FROM cases WHERE list_contains(members::VARCHAR[], ?) "
            "ORDER BY opened_at",
            [pseudonym],
        )
        if s.is_empty():
            raise StateError(
                f"{pseudonym} was not scored in the latest run (no events in the window?)"
            )
        row = s.row(0, named=True)
        return AccountProfile(
            account=pseudonym,
            score=row["score"],
            cluster=row["cluster"],
            group=row["group_id"],
            reasons=json.loads(row["reasons"]),
            signals=json.loads(row["signals"]),
            features=f.row(0, named=True) if not f.is_empty() else {},
            cases=c["case_id"].to_list(),
        )

    def events(
        self,
        *,
        accounts: list[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        endpoint: str | None = None,
        flagged: bool | None = None,
        limit: int | None = 100_000,
        lazy: bool = False,
    ) -> pl.DataFrame | pl.LazyFrame:
        """Redacted events, newest first, filtered."""
        where, args = ["true"], []
        for cond, val in (
            ("account IN (SELECT unnest(?::VARCHAR[]))", accounts),
            ("ts >= ?", since),
            ("ts < ?", until),
            ("endpoint = ?", endpoint),
            ("flagged = ?", flagged),
        ):
            if val is not None:
                where.append(cond)
                args.append(val)
        q = (
            "SELECT request_id, ts, account, org, api_key, ip_net, client, country, endpoint, "
            "model, status_code, prompt_tokens, completion_tokens, flagged, refusal, "
            "jailbreak_hits, template_hash, "
            "coalesce(json_extract_string(messages, '$[-1].content'), input_text) AS prompt, "
            "completion FROM events WHERE " + " AND ".join(where) + " ORDER BY ts DESC"
        )
        if limit:
            q += f" LIMIT {int(limit)}"
        df = self.sql(q, args)
        return df.lazy() if lazy else df

    def groups(self) -> pl.DataFrame:
        """Coordinated groups of the latest run, riskiest first."""
        df = self.sql(
            "SELECT group_id, size, risk, members, evidence FROM account_groups "
            "WHERE run_id = ? ORDER BY risk DESC, size DESC",
            [self._run()],
        )
        return df.with_columns(pl.col("members").str.json_decode(pl.List(pl.String)))

    def cases(self, states: tuple[str, ...] = case_api.UNFINISHED) -> pl.DataFrame:
        """Cases by priority."""
        rows = case_api.list_cases(Desk.open(self.config, None), states=states, include_held=True)
        return pl.DataFrame(rows) if rows else pl.DataFrame()

    # -- acting (audited, as the notebook user) ---------------------------------
    def claim(self, case_id: str) -> datetime:
        return case_api.claim(self.desk, self.user, case_id)

    def decide(self, case_id: str, action: str, policy: str, rationale: str) -> str:
        return decision_api.decide(self.desk, self.user, case_id, action, policy, rationale)

    def request_reidentification(self, case_id: str, justification: str) -> str:
        return reid_api.request(self.desk, self.user, case_id, justification)

    def reveal(self, request_id: str) -> dict[str, list[Original]]:
        """Originals of an approved request's case, while the grant lasts (audited)."""
        return reid_api.reveal(self.desk, self.user, request_id)

    # -- plots ------------------------------------------------------------------
    def timeline(self, accounts: str | list[str]) -> Any:
        """Requests per hour and flagged requests."""
        accs = [accounts] if isinstance(accounts, str) else accounts
        df = self.sql(
            "SELECT date_trunc('hour', ts) AS hour, count(*) AS requests, "
            "count(*) FILTER (WHERE flagged) AS flagged FROM events WHERE account IN "
            "(SELECT unnest(?::VARCHAR[])) GROUP BY 1 ORDER BY 1",
            [accs],
        )
        base = alt.Chart(df.to_pandas()).encode(x=alt.X("hour:T", title=None))
        return base.mark_bar(opacity=0.6).encode(y="requests:Q") + base.mark_line(
            color="#d62728"
        ).encode(y="flagged:Q")

    def feature_deviation(self, account: str) -> Any:
        """How far the account's features are from the population median (ratio)."""
        run = self._run()
        cols = ", ".join(f"median({f}) AS {f}" for f in FEATURES)
        med = self.sql(f"SELECT {cols} FROM account_features WHERE run_id = ?", [run]).row(
            0, named=True
        )
        mine = self.account(account).features
        data = pl.DataFrame(
            {
                "feature": list(FEATURES),
                "ratio": [
                    (float(mine.get(f) or 0) + 1e-3) / (float(med[f] or 0) + 1e-3) for f in FEATURES
                ],
            }
        )
        return (
            alt.Chart(data.to_pandas())
            .mark_bar()
            .encode(
                x=alt.X(
                    "ratio:Q", scale=alt.Scale(type="symlog"), title="times the population median"
                ),
                y=alt.Y("feature:N", sort="-x"),
            )
        )

    def cluster_map(self) -> Any:
        """The 2-D map of the latest run, coloured by cluster, sized by risk."""
        df = self.sql(
            "SELECT account, x, y, coalesce(cluster, -1) AS cluster, score "
            "FROM account_scores WHERE run_id = ?",
            [self._run()],
        )
        return (
            alt.Chart(df.to_pandas())
            .mark_circle(opacity=0.7)
            .encode(
                x="x:Q", y="y:Q", color="cluster:N", size="score:Q", tooltip=["account", "score"]
            )
        )

    def group_graph(self, group_id: str) -> Any:
        """Accounts of a group (circle) linked to the networks and templates they share."""
        import math

        g = self.groups().filter(pl.col("group_id") == group_id)
        if g.is_empty():
            raise StateError(f"no group {group_id} in the latest run")
        members = g["members"][0].to_list()
        links = self.sql(
            "SELECT DISTINCT account, ip_net AS node, 'network' AS kind FROM events "
            "WHERE account IN (SELECT unnest(?::VARCHAR[])) AND ip_net IS NOT NULL "
            "UNION SELECT DISTINCT account, template_hash, 'template' FROM events "
            "WHERE account IN (SELECT unnest(?::VARCHAR[])) AND template_hash IS NOT NULL",
            [members, members],
        )
        shared = links.group_by("node").agg(pl.len().alias("n")).filter(pl.col("n") > 1)["node"]
        links = links.filter(pl.col("node").is_in(shared.to_list()))
        pos = {
            m: (math.cos(2 * math.pi * i / len(members)), math.sin(2 * math.pi * i / len(members)))
            for i, m in enumerate(members)
        }
        hubs = sorted(set(links["node"].to_list()))
        pos |= {
            h: (
                0.4 * math.cos(2 * math.pi * i / max(1, len(hubs))),
                0.4 * math.sin(2 * math.pi * i / max(1, len(hubs))),
            )
            for i, h in enumerate(hubs)
        }
        nodes = pl.DataFrame(
            [
                {
                    "id": k[:14],
                    "x": v[0],
                    "y": v[1],
                    "kind": "account" if k in members else "shared",
                }
                for k, v in pos.items()
            ]
        )
        edges = pl.DataFrame(
            [
                {"x": pos[a][0], "y": pos[a][1], "x2": pos[n][0], "y2": pos[n][1]}
                for a, n in links.select("account", "node").iter_rows()
            ]
        )
        e = (
            alt.Chart(edges.to_pandas())
            .mark_rule(opacity=0.4)
            .encode(x="x:Q", y="y:Q", x2="x2", y2="y2")
        )
        n = (
            alt.Chart(nodes.to_pandas())
            .mark_circle(size=200)
            .encode(
                x=alt.X("x:Q", axis=None),
                y=alt.Y("y:Q", axis=None),
                color="kind:N",
                tooltip=["id", "kind"],
            )
        )
        return e + n

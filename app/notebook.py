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

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import altair as alt
import polars as pl

from app import flywheel, rules
from enforcement import cases as case_api
from enforcement import decisions as decision_api
from enforcement import reid as reid_api
from enforcement.desk import Desk
from investigate import evidence, learn
from warden import audit
from warden.errors import StateError
from warden.keys.keyring import Unlock
from warden.keys.vault import Original
from warden.session import Session
from warden.store import Store


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
        self.session = Session.open(
            home, actor=user, unlock=Unlock(passphrase=passphrase) if passphrase else None
        )
        self.home = self.session.home
        self.config = self.session.config
        self.user = self.session.actor
        self._desk: Desk | None = None
        Desk.open(self.config, None).store.require_current()

    def __repr__(self) -> str:
        return f"Workspace(home={str(self.home)!r}, user={self.user!r})"

    # -- plumbing --------------------------------------------------------------
    @property
    def desk(self) -> Desk:
        """The enforcement desk, with the keyring when one can be unlocked."""
        if self._desk is None:
            self._desk = Desk.open(self.config, self.session.keyring_if_available())
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

    @property
    def store(self) -> Store:
        return self.session.store

    # -- reading ----------------------------------------------------------------
    def accounts(self, limit: int | None = None) -> pl.DataFrame:
        """The ranking of the latest run: account, score, cluster, group, reasons, signals."""
        rows = evidence.scores(self.store, evidence.require_run(self.store), limit)
        return pl.DataFrame(
            [
                {
                    "account": r.account,
                    "score": r.score,
                    "cluster": r.cluster,
                    "group": r.group,
                    "reasons": r.reasons,
                    "signals": json.dumps(r.signals),
                }
                for r in rows
            ],
            schema_overrides={"reasons": pl.List(pl.String)},
        )

    def account(self, pseudonym: str) -> AccountProfile:
        """Profile, features, reasons, cluster and group of one account."""
        run = evidence.require_run(self.store)
        score = evidence.account_score(self.store, pseudonym, run)
        if score is None:
            raise StateError(
                f"{pseudonym} was not scored in the latest run (no events in the window?)"
            )
        return AccountProfile(
            account=pseudonym,
            score=score.score,
            cluster=score.cluster,
            group=score.group,
            reasons=score.reasons,
            signals=score.signals,
            features=evidence.account_features(self.store, pseudonym, run),
            cases=list(reversed(case_api.cases_of(Desk.open(self.config, None), pseudonym))),
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
        table = evidence.events_table(
            self.store,
            accounts=accounts,
            since=since,
            until=until,
            endpoint=endpoint,
            flagged=flagged,
            limit=limit,
        )
        df = pl.from_arrow(table)
        assert isinstance(df, pl.DataFrame)
        return df.lazy() if lazy else df

    def groups(self) -> pl.DataFrame:
        """Coordinated groups of the latest run, riskiest first."""
        rows = evidence.groups(self.store, evidence.require_run(self.store))
        return pl.DataFrame(
            [
                {
                    "group_id": g.group_id,
                    "size": g.size,
                    "risk": g.risk,
                    "members": g.members,
                    "evidence": json.dumps(g.evidence),
                }
                for g in rows
            ],
            schema_overrides={"members": pl.List(pl.String)},
        )

    def cases(self, states: tuple[str, ...] = case_api.UNFINISHED) -> pl.DataFrame:
        """Cases by priority."""
        rows = case_api.list_cases(Desk.open(self.config, None), states=states, include_held=True)
        return pl.DataFrame([r.to_dict() for r in rows]) if rows else pl.DataFrame()

    def audit_log(
        self, actions: list[str] | None = None, actors: list[str] | None = None, limit: int = 1000
    ) -> pl.DataFrame:
        """The latest audit entries, newest first."""
        rows = audit.entries(self.store, actions=actions, actors=actors, limit=limit)
        return pl.DataFrame([asdict(e) for e in rows])

    def reid_requests(self, case_id: str) -> pl.DataFrame:
        """The re-identification requests of a case."""
        rows = reid_api.requests_for_case(Desk.open(self.config, None), case_id)
        return pl.DataFrame([asdict(r) for r in rows])

    # -- acting (audited, as the notebook user) ---------------------------------
    def claim(self, case_id: str) -> datetime:
        return case_api.claim(self.desk, self.user, case_id)

    def decide(self, case_id: str, action: str, policy: str, rationale: str) -> str:
        return decision_api.decide(self.desk, self.user, case_id, action, policy, rationale)

    def request_reidentification(
        self, case_id: str, justification: str, kinds: tuple[str, ...]
    ) -> str:
        """Ask to see the originals of a case's subjects: only ``kinds`` (account, email,
        org, api_key, ip, ip_net, user_agent)."""
        return reid_api.request(self.desk, self.user, case_id, justification, kinds)

    def reveal(self, request_id: str) -> dict[str, list[Original]]:
        """Originals of an approved request's case, while the grant lasts (audited)."""
        return reid_api.reveal(self.desk, self.user, request_id)

    # -- learning from decisions (docs/learning.md) -------------------------------
    def models(self) -> pl.DataFrame:
        """The model registry, newest first: version, state, metrics on newer decisions."""
        return pl.DataFrame(
            [
                {
                    "version": m.version,
                    "state": m.state,
                    "trained_by": m.trained_by,
                    "n_train": m.n_train,
                    "n_test": m.n_test,
                    "model_ap": m.metrics.get("model_ap"),
                    "unsupervised_ap": m.metrics.get("unsupervised_ap"),
                    "reason": m.reason,
                }
                for m in flywheel.status(Desk.open(self.config, None)).versions
            ]
        )

    def train_model(self) -> learn.ModelVersion:
        """Train and register a model from the final decisions (leads; audited)."""
        return flywheel.train_model(self.desk, self.user)

    def request_promotion(self, version: int) -> None:
        flywheel.request_promotion(self.desk, self.user, version)

    def approve_promotion(self, version: int, note: str = "") -> None:
        flywheel.decide_promotion(self.desk, self.user, version, True, note)

    def rollback_model(self, reason: str) -> tuple[int, int | None]:
        return flywheel.rollback(self.desk, self.user, reason)

    def export_training_set(self, out: str | Path, reason: str) -> dict[str, Any]:
        """Write the redacted training set (leads; audited): see `warden export`."""
        return flywheel.export_training_set(self.desk, self.user, Path(out), reason).to_dict()

    # -- patterns and policies (docs/policies.md) ---------------------------------
    def patterns(self, window_days: int = 7) -> pl.DataFrame:
        """Find the window's content patterns (kept, audited), the most urgent first."""
        _, run = rules.find_patterns(self.desk, self.user, window_days)
        return pl.DataFrame(
            [{**p.to_dict(), "members": len(p.members)} for p in run.patterns],
            schema_overrides={"terms": pl.List(pl.String), "examples": pl.List(pl.String)},
        )

    def mark_pattern(self, pattern: str, name: str, label: str) -> None:
        rules.mark_pattern(self.desk, self.user, pattern, name, label)

    def draft_policy(self, pattern: str, name: str, policy: str) -> str:
        """Write policies/NAME.toml from a pattern (a draft); returns its rule."""
        return rules.draft_from_pattern(self.desk, self.user, pattern, name, policy).describe()

    def sync_policies(self) -> list[dict[str, Any]]:
        return [asdict(c) for c in rules.sync(self.desk, self.user)]

    def policies(self) -> pl.DataFrame:
        """The built-in signals and the recorded policies, with versions and states."""
        return pl.DataFrame([r.to_dict() for r in rules.listing(self.desk, self.config)])

    def backtest(self, name: str, days: int = 90) -> dict[str, Any]:
        return rules.backtest(self.desk, name, days).to_dict()

    def approve_policy(self, name: str, note: str = "") -> None:
        rules.settle(self.desk, self.user, name, True, note)

    # -- plots ------------------------------------------------------------------
    def timeline(self, accounts: str | list[str]) -> Any:
        """Requests per hour and flagged requests."""
        accs = [accounts] if isinstance(accounts, str) else accounts
        df = pl.DataFrame([asdict(p) for p in evidence.activity(self.store, accs)])
        base = alt.Chart(df.to_pandas()).encode(x=alt.X("hour:T", title=None))
        return base.mark_bar(opacity=0.6).encode(y="requests:Q") + base.mark_line(
            color="#d62728"
        ).encode(y="flagged:Q")

    def feature_deviation(self, account: str) -> Any:
        """How far the account's features are from the population median (ratio)."""
        rows = evidence.feature_deviation(self.store, [account])
        if not rows:
            raise StateError(f"{account} was not scored in the latest run")
        data = pl.DataFrame(
            {"feature": [d.feature for d in rows], "ratio": [d.ratio for d in rows]}
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
        df = pl.DataFrame(
            [
                {
                    "account": r.account,
                    "x": r.x,
                    "y": r.y,
                    "cluster": -1 if r.cluster is None else r.cluster,
                    "score": r.score,
                }
                for r in evidence.scores(self.store, evidence.require_run(self.store))
            ]
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
        g = self.groups().filter(pl.col("group_id") == group_id)
        if g.is_empty():
            raise StateError(f"no group {group_id} in the latest run")
        members = g["members"][0].to_list()
        links = pl.DataFrame(
            [asdict(link) for link in evidence.group_links(self.store, members)],
            schema={"account": pl.String, "kind": pl.String, "node": pl.String},
        )
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

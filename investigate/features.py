"""Per-account behaviour over a time window, computed in DuckDB SQL over ``events``.

Each feature in one line (the name is the column):

- ``n_events``: requests in the window.
- ``active_days`` / ``active_hours``: distinct calendar days / clock hours with a request.
- ``per_active_hour``: requests per active hour (intensity when active).
- ``burstiness``: (sd - mean) / (sd + mean) of the gaps between requests; -1 periodic,
  0 random, towards 1 bursty.
- ``gap_cv``: coefficient of variation of the gaps (a script on a timer is near 0).
- ``hour_entropy``: entropy of the hour-of-day profile (0 = one hour, 3.18 = all 24 alike).
- ``night_share``: share of requests between 00:00 and 06:00 UTC.
- ``networks`` / ``ips`` / ``countries`` / ``clients`` / ``api_keys``: distinct values used.
- ``prompt_tokens`` / ``completion_tokens``: mean tokens per request; ``token_ratio``:
  completion over prompt tokens.
- ``chat_share`` / ``embeddings_share`` / ``moderations_share``: endpoint mix.
- ``models``: distinct models used.
- ``flag_rate``: share of requests the moderation classifier flagged.
- ``harm_rate``: flagged requests outside the moderation endpoint (asking the model, not
  screening content).
- ``mod_peak``: mean over requests of the highest moderation category score.
- ``refusal_rate``: share of answers that open with a refusal.
- ``jailbreak_rate``: share of prompts that match a jailbreak pattern.
- ``templates`` / ``top_template_share``: distinct prompt templates, and the share of the
  most used one.
- ``pii_rate``: share of requests whose text held personal data (redacted).
- ``net_sharers``: other accounts that used one of this account's networks (networks used
  by more than 50 accounts, such as big NATs, are ignored).
- ``template_sharers``: other accounts that rely on one of this account's main templates
  (a template that is at least 20% of both accounts' prompts).
- ``first_seen_hours``: hours from the window start to the account's first request.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

# (name, heavy-tailed, the event columns it needs). Heavy-tailed features (counts, sizes)
# are log-scaled before clustering (:func:`investigate.cluster.prepare`). A feature whose
# columns are empty for every event of a window (logs without IP addresses, moderation
# results or completions) is absent from that run, not zero (:func:`available`).
_SPEC: tuple[tuple[str, bool, tuple[str, ...]], ...] = (
    ("n_events", True, ()),
    ("active_days", True, ()),
    ("active_hours", True, ()),
    ("per_active_hour", True, ()),
    ("burstiness", False, ()),
    ("gap_cv", True, ()),
    ("hour_entropy", False, ()),
    ("night_share", False, ()),
    ("networks", True, ("ip_net",)),
    ("ips", True, ("ip",)),
    ("countries", True, ("country",)),
    ("clients", True, ("client",)),
    ("api_keys", True, ("api_key",)),
    ("prompt_tokens", True, ("prompt_tokens",)),
    ("completion_tokens", True, ("completion_tokens",)),
    ("token_ratio", True, ("prompt_tokens", "completion_tokens")),
    ("chat_share", False, ()),
    ("embeddings_share", False, ()),
    ("moderations_share", False, ()),
    ("models", True, ("model",)),
    ("flag_rate", False, ("flagged",)),
    ("harm_rate", False, ("flagged",)),
    ("mod_peak", False, ("moderation",)),
    ("refusal_rate", False, ("completion",)),
    ("jailbreak_rate", False, ("template_hash",)),
    ("templates", True, ("template_hash",)),
    ("top_template_share", False, ("template_hash",)),
    ("pii_rate", False, ("template_hash",)),
    ("net_sharers", True, ("ip_net",)),
    ("template_sharers", True, ("template_hash",)),
    ("first_seen_hours", True, ()),
)
FEATURES = tuple(name for name, _, _ in _SPEC)
HEAVY_TAILED = frozenset(name for name, heavy, _ in _SPEC if heavy)
NEEDS = {name: needs for name, _, needs in _SPEC}
# An account's peers are the accounts with the same main endpoint among these (see
# investigate.anomaly); fewer than MIN_PEERS of them, and it is compared with everyone.
USAGE = ("chat_share", "embeddings_share", "moderations_share")
MIN_PEERS = 20
_DIGITS = 9
_COLUMNS = sorted({c for needs in NEEDS.values() for c in needs})

_SQL = """
WITH ev AS (
    SELECT * FROM events WHERE ts >= $start AND ts < $end {only}
),
gaps AS (
    SELECT account, avg(gap) AS mu, stddev_pop(gap) AS sd FROM (
        SELECT account, epoch(ts) - lag(epoch(ts)) OVER (PARTITION BY account ORDER BY ts) AS gap
        FROM ev) WHERE gap IS NOT NULL GROUP BY account
),
hours AS (SELECT account, hour(ts) AS h, count(*) AS c FROM ev GROUP BY account, hour(ts)),
hent AS (
    SELECT account, -sum(p * ln(p)) AS hour_entropy FROM (
        SELECT account, c / sum(c) OVER (PARTITION BY account) AS p FROM hours)
    GROUP BY account
),
tpl AS (
    SELECT account, template_hash, count(*) AS c,
           count(*) / sum(count(*)) OVER (PARTITION BY account) AS share
    FROM ev WHERE template_hash IS NOT NULL GROUP BY account, template_hash
),
tpls AS (SELECT account, count(*) AS templates, max(share) AS top_share FROM tpl GROUP BY account),
main_tpl AS (SELECT account, template_hash FROM tpl WHERE share >= 0.2 AND c >= 3),
tsh AS (
    SELECT a.account, count(DISTINCT b.account) AS template_sharers
    FROM main_tpl a JOIN main_tpl b ON a.template_hash = b.template_hash AND a.account <> b.account
    GROUP BY a.account
),
nets AS (SELECT DISTINCT account, ip_net FROM ev WHERE ip_net IS NOT NULL),
net_pop AS (SELECT ip_net FROM nets GROUP BY ip_net HAVING count(*) BETWEEN 2 AND 50),
nsh AS (
    SELECT a.account, count(DISTINCT b.account) AS net_sharers
    FROM nets a JOIN net_pop USING (ip_net) JOIN nets b ON a.ip_net = b.ip_net AND a.account <> b.account
    GROUP BY a.account
),
base AS (
    SELECT account,
        count(*) AS n_events,
        count(DISTINCT date_trunc('day', ts)) AS active_days,
        count(DISTINCT date_trunc('hour', ts)) AS active_hours,
        avg(CASE WHEN hour(ts) < 6 THEN 1.0 ELSE 0.0 END) AS night_share,
        count(DISTINCT ip_net) AS networks, count(DISTINCT ip) AS ips,
        count(DISTINCT country) AS countries, count(DISTINCT client) AS clients,
        count(DISTINCT api_key) AS api_keys, count(DISTINCT model) AS models,
        coalesce(avg(prompt_tokens), 0) AS prompt_tokens,
        coalesce(avg(completion_tokens), 0) AS completion_tokens,
        avg(CASE WHEN endpoint LIKE '%chat%' OR endpoint LIKE '%completions%' THEN 1.0 ELSE 0.0 END) AS chat_share,
        avg(CASE WHEN endpoint LIKE '%embeddings%' THEN 1.0 ELSE 0.0 END) AS embeddings_share,
        avg(CASE WHEN endpoint LIKE '%moderations%' THEN 1.0 ELSE 0.0 END) AS moderations_share,
        avg(CASE WHEN flagged THEN 1.0 ELSE 0.0 END) AS flag_rate,
        avg(CASE WHEN flagged AND endpoint NOT LIKE '%moderations%' THEN 1.0 ELSE 0.0 END) AS harm_rate,
        coalesce(avg(list_max(json_extract(moderation, '$.categories.*')::DOUBLE[])), 0) AS mod_peak,
        avg(CASE WHEN refusal THEN 1.0 ELSE 0.0 END) AS refusal_rate,
        avg(CASE WHEN jailbreak_hits > 0 THEN 1.0 ELSE 0.0 END) AS jailbreak_rate,
        avg(CASE WHEN pii_counts IS NOT NULL THEN 1.0 ELSE 0.0 END) AS pii_rate,
        epoch(min(ts) - $start::TIMESTAMPTZ) / 3600 AS first_seen_hours
    FROM ev GROUP BY account
)
SELECT b.account,
    b.n_events, b.active_days, b.active_hours,
    b.n_events / greatest(b.active_hours, 1) AS per_active_hour,
    coalesce((g.sd - g.mu) / nullif(g.sd + g.mu, 0), 0) AS burstiness,
    coalesce(g.sd / nullif(g.mu, 0), 0) AS gap_cv,
    coalesce(h.hour_entropy, 0) AS hour_entropy, b.night_share,
    b.networks, b.ips, b.countries, b.clients, b.api_keys,
    b.prompt_tokens, b.completion_tokens,
    b.completion_tokens / greatest(b.prompt_tokens, 1) AS token_ratio,
    b.chat_share, b.embeddings_share, b.moderations_share, b.models,
    b.flag_rate, b.harm_rate, b.mod_peak, b.refusal_rate, b.jailbreak_rate,
    coalesce(t.templates, 0) AS templates, coalesce(t.top_share, 0) AS top_template_share,
    b.pii_rate, coalesce(n.net_sharers, 0) AS net_sharers,
    coalesce(s.template_sharers, 0) AS template_sharers, b.first_seen_hours
FROM base b
LEFT JOIN gaps g USING (account) LEFT JOIN hent h USING (account)
LEFT JOIN tpls t USING (account) LEFT JOIN nsh n USING (account) LEFT JOIN tsh s USING (account)
ORDER BY b.account
"""


def compute(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> pa.Table:
    """One row per account active in [start, end), columns ``account`` + :data:`FEATURES`."""
    sql = _SQL.format(only="")
    table = con.sql(sql, params={"start": start, "end": end}).to_arrow_table()
    table = table.cast(
        pa.schema([("account", pa.string())] + [(f, pa.float64()) for f in FEATURES])
    )
    # DuckDB sums in parallel in whatever order its threads finish, so the last bits of a
    # float aggregate (hour_entropy, gap statistics) can differ between two runs over the
    # same store; rounding keeps clusters, ranks and reasons reproducible.
    return pa.table(
        [table.column("account")] + [pc.round(table.column(f), _DIGITS) for f in FEATURES],
        names=["account", *FEATURES],
    )


def available(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> tuple[str, ...]:
    """The features whose event columns hold a value for at least one event of the window,
    in :data:`FEATURES` order."""
    counts = ", ".join(f"count({c})" for c in _COLUMNS)
    rows = con.execute(
        f"SELECT {counts} FROM events WHERE ts >= ? AND ts < ?", [start, end]
    ).fetchall()
    row = rows[0] if rows else None
    present = {c for c, n in zip(_COLUMNS, row or (), strict=False) if n}
    return tuple(f for f in FEATURES if all(c in present for c in NEEDS[f]))

"""Coordinated groups: accounts linked by shared infrastructure plus shared behaviour.

Two accounts are linked when they used the same network (an IPv4 /24 or IPv6 /48 used
by at most 50 accounts) **and** either rely on the same prompt template (one that is at
least 20% of each account's prompts and that at most 30 accounts use) or were active in
the same ten-minute windows at least three times with first requests within a day of
each other. A network alone links a household or an office; a template alone links a
popular app's users; together, or with synchronised timing, they mark a campaign.
Groups are the connected components of those links, with two or more accounts.

A group's id is stable across runs: it is derived from its earliest-seen member.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb

_LINKS = """
WITH ev AS (SELECT * FROM events WHERE ts >= $start AND ts < $end),
nets AS (SELECT DISTINCT account, ip_net FROM ev WHERE ip_net IS NOT NULL),
small_nets AS (SELECT ip_net FROM nets GROUP BY ip_net HAVING count(*) BETWEEN 2 AND 50),
net_pairs AS (
    SELECT a.account AS a, b.account AS b, count(DISTINCT a.ip_net) AS shared_nets
    FROM nets a JOIN small_nets USING (ip_net) JOIN nets b
      ON a.ip_net = b.ip_net AND a.account < b.account
    GROUP BY ALL
),
tpl AS (
    SELECT account, template_hash, count(*) AS c,
           count(*) / sum(count(*)) OVER (PARTITION BY account) AS share
    FROM ev WHERE template_hash IS NOT NULL GROUP BY account, template_hash
),
main_tpl AS (SELECT account, template_hash FROM tpl WHERE share >= 0.2 AND c >= 3),
rare_tpl AS (SELECT template_hash FROM main_tpl GROUP BY template_hash HAVING count(*) <= 30),
tpl_pairs AS (
    SELECT a.account AS a, b.account AS b, count(DISTINCT a.template_hash) AS shared_templates
    FROM main_tpl a JOIN rare_tpl USING (template_hash) JOIN main_tpl b
      ON a.template_hash = b.template_hash AND a.account < b.account
    GROUP BY ALL
),
win AS (SELECT DISTINCT account, time_bucket(INTERVAL 10 MINUTE, ts) AS w FROM ev
        WHERE account IN (SELECT a FROM net_pairs UNION SELECT b FROM net_pairs)),
co AS (
    SELECT p.a, p.b, count(*) AS coactive FROM net_pairs p
    JOIN win wa ON wa.account = p.a JOIN win wb ON wb.account = p.b AND wa.w = wb.w
    GROUP BY ALL
),
first AS (SELECT account, min(ts) AS first_ts FROM ev GROUP BY account)
SELECT p.a, p.b, p.shared_nets, coalesce(t.shared_templates, 0) AS shared_templates,
       coalesce(c.coactive, 0) AS coactive,
       abs(epoch(fa.first_ts) - epoch(fb.first_ts)) / 3600 AS first_seen_gap_h
FROM net_pairs p
LEFT JOIN tpl_pairs t ON t.a = p.a AND t.b = p.b
LEFT JOIN co c ON c.a = p.a AND c.b = p.b
JOIN first fa ON fa.account = p.a JOIN first fb ON fb.account = p.b
"""


@dataclass
class Group:
    """A coordinated group and the evidence that links it."""

    group_id: str
    members: list[str]
    shared_networks: int = 0
    shared_templates: int = 0
    coactive_windows: int = 0
    first_seen_spread_h: float = 0.0
    evidence: dict[str, Any] = field(default_factory=dict)


def find_groups(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> list[Group]:
    """Coordinated groups in the window, largest first."""
    rows = con.sql(_LINKS, params={"start": start, "end": end}).fetchall()
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = []
    for a, b, nets, tpls, coactive, gap in rows:
        if tpls > 0 or (coactive >= 3 and gap <= 24):
            links.append((a, b, nets, tpls, coactive))
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    comps: dict[str, list[str]] = {}
    for a, b, *_ in links:
        for x in (a, b):
            comps.setdefault(find(x), [])
    for x in list(parent):
        r = find(x)
        if r in comps and x not in comps[r]:
            comps[r].append(x)
    if not comps:
        return []
    first = dict(
        con.sql(
            "SELECT account, min(ts) FROM events WHERE ts >= $start AND ts < $end "
            "AND account IN (SELECT unnest($m::VARCHAR[])) GROUP BY account",
            params={"start": start, "end": end, "m": [m for v in comps.values() for m in v]},
        ).fetchall()
    )
    groups = []
    for members in comps.values():
        members.sort()
        mset = set(members)
        mine = [lk for lk in links if lk[0] in mset]
        earliest = min(members, key=lambda m: (first[m], m))
        times = [first[m] for m in members]
        groups.append(
            Group(
                group_id="G" + hashlib.sha256(earliest.encode()).hexdigest()[:10],
                members=members,
                shared_networks=max(lk[2] for lk in mine),
                shared_templates=max(lk[3] for lk in mine),
                coactive_windows=max(lk[4] for lk in mine),
                first_seen_spread_h=(max(times) - min(times)).total_seconds() / 3600,
            )
        )
    groups.sort(key=lambda g: (-len(g.members), g.group_id))
    return groups

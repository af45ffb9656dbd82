"""Coordinated groups: accounts linked by two independent kinds of evidence.

Four kinds of link between two accounts, each shown as evidence:

- ``network``: they used the same network (an IPv4 /24 or IPv6 /48 used by at most 50
  accounts in the window);
- ``content``: they rely on the same prompt template (one that is at least 20% of each
  account's prompts and that at most 30 accounts use), or their main prompts are near
  duplicates (SimHash within 6 of 64 bits; found through 16-bit bands shared by at most
  30 accounts);
- ``sync``: they were active in the same ten-minute windows at least three times, and
  those windows are at least 30% of the less active account's windows (two busy accounts
  meet by chance; two scripts started together meet all the time);
- ``created``: their first requests in the window are within 24 hours of each other.

One kind alone links a household, an office or a popular app's users. Two accounts are
linked when the same content comes with shared infrastructure or synchronised activity
(``content`` + ``network``, or ``content`` + ``sync``), or when infrastructure, timing
and start coincide (``network`` + ``sync`` + ``created``). A ring with no IP addresses
in the logs is still found by its content and its timing. Groups are the connected
components of the links, with two or more accounts.

A group's id is stable across runs: it is derived from its earliest-seen member.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb

_LINKS = """
WITH ev AS (
    SELECT account, ts, ip_net, template_hash, simhash FROM events
    WHERE ts >= $start AND ts < $end
),
first AS (SELECT account, min(ts) AS first_ts FROM ev GROUP BY account),
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
sim AS (
    SELECT account, simhash, count(*) AS c,
           count(*) / sum(count(*)) OVER (PARTITION BY account) AS share
    FROM ev WHERE simhash IS NOT NULL GROUP BY account, simhash
),
main_sim AS (
    SELECT account, arg_max(simhash, c) AS simhash FROM sim WHERE c >= 3 GROUP BY account
),
bands AS (
    SELECT account, simhash, band, (simhash >> (16 * band)) & 65535 AS v
    FROM main_sim, range(4) t(band)
),
rare_bands AS (
    SELECT band, v FROM bands GROUP BY band, v HAVING count(*) BETWEEN 2 AND 30
),
sim_pairs AS (
    SELECT x.account AS a, y.account AS b,
           min(bit_count(xor(x.simhash, y.simhash))) AS distance
    FROM bands x JOIN rare_bands USING (band, v)
    JOIN bands y ON x.band = y.band AND x.v = y.v AND x.account < y.account
    GROUP BY ALL HAVING min(bit_count(xor(x.simhash, y.simhash))) <= 6
),
fb AS (SELECT account, first_ts, time_bucket(INTERVAL 1 HOUR, first_ts) AS h FROM first),
rare_fb AS (SELECT h FROM fb GROUP BY h HAVING count(*) BETWEEN 2 AND 30),
fb_pairs AS (
    SELECT x.account AS a, y.account AS b FROM fb x JOIN rare_fb USING (h)
    JOIN fb y ON x.h = y.h AND x.account < y.account
),
cand AS (
    SELECT a, b FROM net_pairs UNION SELECT a, b FROM tpl_pairs
    UNION SELECT a, b FROM sim_pairs UNION SELECT a, b FROM fb_pairs
),
win AS (
    SELECT DISTINCT account, time_bucket(INTERVAL 10 MINUTE, ts) AS w FROM ev
    WHERE account IN (SELECT a FROM cand UNION SELECT b FROM cand)
),
co AS (
    SELECT c.a, c.b, count(*) AS coactive FROM cand c
    JOIN win wa ON wa.account = c.a JOIN win wb ON wb.account = c.b AND wa.w = wb.w
    GROUP BY ALL
),
wc AS (SELECT account, count(*) AS windows FROM win GROUP BY account)
SELECT c.a, c.b, coalesce(n.shared_nets, 0), coalesce(t.shared_templates, 0),
       s.distance IS NOT NULL, coalesce(co.coactive, 0),
       coalesce(co.coactive, 0) / least(xa.windows, xb.windows),
       abs(epoch(fa.first_ts) - epoch(fb2.first_ts)) / 3600
FROM cand c
LEFT JOIN net_pairs n USING (a, b) LEFT JOIN tpl_pairs t USING (a, b)
LEFT JOIN sim_pairs s USING (a, b) LEFT JOIN co USING (a, b)
JOIN first fa ON fa.account = c.a JOIN first fb2 ON fb2.account = c.b
JOIN wc xa ON xa.account = c.a JOIN wc xb ON xb.account = c.b
"""

KINDS = ("network", "content", "sync", "created")


def link_kinds(
    shared_nets: int,
    shared_templates: int,
    near_dup: bool,
    coactive: int,
    coactive_share: float,
    gap_h: float,
) -> set[str]:
    """The kinds of evidence between two accounts (see the module doc)."""
    kinds = set()
    if shared_nets > 0:
        kinds.add("network")
    if shared_templates > 0 or near_dup:
        kinds.add("content")
    if coactive >= 3 and coactive_share >= 0.3:
        kinds.add("sync")
    if gap_h <= 24:
        kinds.add("created")
    return kinds


def linked(kinds: set[str]) -> bool:
    """Whether these kinds of evidence make two accounts coordinated."""
    if "content" in kinds:
        return bool(kinds & {"network", "sync"})
    return {"network", "sync", "created"} <= kinds


@dataclass
class Group:
    """A coordinated group and the evidence that links it."""

    group_id: str
    members: list[str]
    kinds: list[str] = field(default_factory=list)  # the kinds of link, in KINDS order
    shared_networks: int = 0
    shared_templates: int = 0
    near_duplicates: int = 0  # linked pairs with near-duplicate main prompts
    coactive_windows: int = 0
    first_seen_spread_h: float = 0.0
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def risk(self) -> float:
        """1 - 0.5 ** (kinds of link): two kinds 0.75, three 0.875, four 0.94."""
        return 1.0 - 0.5 ** len(self.kinds)

    def describe(self) -> str:
        how = []
        if "content" in self.kinds:
            how.append(
                "the same prompt template" if self.shared_templates else "near-duplicate prompts"
            )
        if "network" in self.kinds:
            how.append(f"{self.shared_networks} shared network(s)")
        if "sync" in self.kinds:
            how.append(f"active in the same minutes ({self.coactive_windows} windows)")
        if "created" in self.kinds:
            how.append(f"all first seen within {self.first_seen_spread_h:.0f} h")
        return f"coordinated group {self.group_id} of {len(self.members)} accounts: " + "; ".join(
            how
        )


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
    for a, b, nets, tpls, near_dup, coactive, co_share, gap in rows:
        kinds = link_kinds(nets, tpls, near_dup, coactive, co_share, gap)
        if linked(kinds):
            links.append((a, b, nets, tpls, coactive, near_dup, kinds))
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
                kinds=[k for k in KINDS if any(k in lk[6] for lk in mine)],
                shared_networks=max(lk[2] for lk in mine),
                shared_templates=max(lk[3] for lk in mine),
                near_duplicates=sum(bool(lk[5]) for lk in mine),
                coactive_windows=max(lk[4] for lk in mine),
                first_seen_spread_h=(max(times) - min(times)).total_seconds() / 3600,
            )
        )
    groups.sort(key=lambda g: (-len(g.members), g.group_id))
    return groups

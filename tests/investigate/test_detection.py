"""Detection: each feature on hand-built events with known values, groups, scores,
determinism and the `warden accounts` JSON contract."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from click.testing import CliRunner

from app.cli import cli
from investigate import detect
from investigate.features import FEATURES, compute
from investigate.groups import find_groups
from warden.config import load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

T0 = datetime(2026, 10, 1, tzinfo=UTC)
END = T0 + timedelta(days=30)


def _ev(account: str, ts: datetime, i: int, **kw: Any) -> dict[str, Any]:
    e: dict[str, Any] = {
        "request_id": f"{account}-{i}",
        "ts": ts,
        "account": account,
        "ip": f"ip-{account}",
        "ip_net": f"nw-{account}",
        "client": "OpenAI/Python",
        "country": "GB",
        "api_key": "k1",
        "endpoint": "/v1/chat/completions",
        "model": "gpt-4o",
        "prompt_tokens": 10,
        "completion_tokens": 100,
        "flagged": False,
        "moderation": None,
        "refusal": False,
        "completion": "Sure.",
        "jailbreak_hits": 0,
        "template_hash": f"t-{account}-{i}",
        "pii_counts": None,
        "messages": "[]",
        "key_version": 1,
        "source_hash": "test",
        "ingested_at": ts,
    }
    e.update(kw)
    return e


def _store(tmp_path: Path, events: list[dict[str, Any]]) -> Store:
    store = Store(tmp_path / "warden.duckdb")
    store.migrate()
    cols = sorted(events[0])
    table = pa.table({c: [e[c] for e in events] for c in cols})
    with store.write() as con:
        con.register("t", table)
        con.execute(f"INSERT INTO events ({', '.join(cols)}) SELECT {', '.join(cols)} FROM t")
    return store


def test_each_feature_on_known_events(tmp_path: Path) -> None:
    a = "ac_v1_" + "a" * 32
    evs = []
    for i in range(10):  # every 6 hours, exactly periodic
        evs.append(
            _ev(
                a,
                T0 + timedelta(hours=6 * i),
                i,
                ip_net="nw-1" if i < 5 else "nw-2",
                ip=f"ip-{i % 3}",
                country="GB" if i % 2 else "FR",
                client="curl" if i == 0 else "OpenAI/Python",
                api_key=f"k{i % 2}",
                prompt_tokens=10 * (i + 1),
                completion_tokens=200,
                flagged=i < 4,
                refusal=i < 2,
                jailbreak_hits=1 if i < 5 else 0,
                endpoint="/v1/moderations" if i == 0 else "/v1/chat/completions",
                template_hash="same" if i < 6 else f"t{i}",
                moderation=json.dumps(
                    {"flagged": i < 4, "categories": {"violence": 0.5, "hate": 0.1}}
                ),
                pii_counts=json.dumps({"PERSON": 1}) if i < 3 else None,
                model="m1" if i < 9 else "m2",
            )
        )
    b = "ac_v1_" + "b" * 32
    evs.append(_ev(b, T0 + timedelta(days=3), 0, ip_net="nw-1"))
    store = _store(tmp_path, evs)
    with store.read() as con:
        rows = compute(con, T0, END).to_pylist()
    f = next(r for r in rows if r["account"] == a)
    assert set(FEATURES) <= set(f)
    expect = {
        "n_events": 10,
        "active_days": 3,
        "active_hours": 10,
        "per_active_hour": 1.0,
        "burstiness": -1.0,
        "gap_cv": 0.0,
        "networks": 2,
        "ips": 3,
        "countries": 2,
        "clients": 2,
        "api_keys": 2,
        "prompt_tokens": 55.0,
        "completion_tokens": 200.0,
        "chat_share": 0.9,
        "moderations_share": 0.1,
        "embeddings_share": 0.0,
        "models": 2,
        "flag_rate": 0.4,
        "harm_rate": 0.3,
        "mod_peak": 0.5,
        "refusal_rate": 0.2,
        "jailbreak_rate": 0.5,
        "templates": 5,
        "top_template_share": 0.6,
        "pii_rate": 0.3,
        "net_sharers": 1,
        "template_sharers": 0,
        "first_seen_hours": 0.0,
        "night_share": 0.3,  # 00:00 at i = 0, 4, 8
    }
    for k, v in expect.items():
        assert f[k] == pytest.approx(v, abs=1e-9), k
    assert f["token_ratio"] == pytest.approx(200 / 55)
    hours = [0.3, 0.3, 0.2, 0.2]
    import math

    assert f["hour_entropy"] == pytest.approx(-sum(p * math.log(p) for p in hours))
    fb = next(r for r in rows if r["account"] == b)
    assert fb["first_seen_hours"] == pytest.approx(72.0) and fb["net_sharers"] == 1


def _ring(n: int, net: str, template: str, start: datetime, prefix: str) -> list[dict[str, Any]]:
    evs = []
    for k in range(n):
        acc = f"ac_v1_{prefix}{k:031d}"
        for i in range(8):
            evs.append(
                _ev(
                    acc,
                    start + timedelta(minutes=30 * i + k),
                    i,
                    ip_net=net,
                    template_hash=template,
                    jailbreak_hits=1,
                    refusal=True,
                    flagged=True,
                )
            )
    return evs


def test_planted_ring_comes_out_as_one_group(tmp_path: Path) -> None:
    evs = _ring(6, "nw-ring", "tpl-dan", T0 + timedelta(days=2), "r")
    # same network but no shared template or timing: an office, not a ring
    for k in range(3):
        evs += [
            _ev(f"ac_v1_o{k:031d}", T0 + timedelta(days=k * 5, hours=i * 7), i, ip_net="nw-ring")
            for i in range(4)
        ]
    # same template, different networks: users of one app, not a ring
    for k in range(3):
        evs += [
            _ev(f"ac_v1_u{k:031d}", T0 + timedelta(days=k * 4, hours=i), i, template_hash="tpl-app")
            for i in range(5)
        ]
    store = _store(tmp_path, evs)
    with store.read() as con:
        groups = find_groups(con, T0, END)
    assert len(groups) == 1
    g = groups[0]
    assert g.members == sorted(f"ac_v1_r{k:031d}" for k in range(6))
    assert g.shared_templates == 1 and g.shared_networks == 1 and g.first_seen_spread_h < 1


def test_scores_json_contract_and_determinism(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    evs = _ring(5, "nw-ring", "tpl-dan", T0 + timedelta(days=2), "r")
    for k in range(40):
        evs += [
            _ev(f"ac_v1_n{k:031d}", T0 + timedelta(days=(k + i) % 29, hours=9 + i % 8), i)
            for i in range(12)
        ]
    store = _store(home, evs)
    # DuckDB's parallel aggregation sums floats in any order: with many threads the raw
    # features differ in their last bits from run to run unless compute() rounds them
    start, end = detect.window_of(store, 30)
    tables = []
    for _ in range(12):
        with store.read() as con:
            con.execute("SET threads = 8")
            tables.append(compute(con, start, end).to_pydict())
    assert all(t == tables[0] for t in tables)
    cfg = load_config(home)
    r1 = detect.run(store, cfg)
    r2 = detect.run(store, cfg)
    assert [(s.account, s.score, s.cluster, s.group, s.reasons) for s in r1.scores] == [
        (s.account, s.score, s.cluster, s.group, s.reasons) for s in r2.scores
    ]
    top = [s.account for s in r1.scores[:5]]
    assert all(a.startswith("ac_v1_r") for a in top)
    assert all(s.score < 0.5 for s in r1.scores[5:])
    Keyring.create(home, Unlock(passphrase="x"))
    result = CliRunner().invoke(
        cli, ["--home", str(home), "accounts", "--format", "json", "--limit", "7"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 7
    for row in rows:
        assert set(row) >= {"account", "score", "cluster", "group", "reasons"}
        assert isinstance(row["score"], float) and isinstance(row["reasons"], list)
        assert row["cluster"] is None or isinstance(row["cluster"], int)
    assert rows[0]["group"] is not None and rows[0]["score"] >= rows[-1]["score"]
    assert any("coordinated group" in x for x in rows[0]["reasons"])
    with store.read() as con:
        runs = con.execute("SELECT versions, params FROM detection_runs").fetchall()
    assert len(runs) == 2 and "hdbscan" in runs[0][0] and "seed" in runs[0][1]


def test_accounts_without_a_run_says_what_to_do(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    Store(home / "warden.duckdb").migrate()
    r = CliRunner().invoke(cli, ["--home", str(home), "accounts"])
    assert r.exit_code == 1 and "no detection run yet" in r.output

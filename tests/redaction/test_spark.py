"""The Spark engine (local[2]) and the local engine give identical pseudonyms, redacted
text and quarantine on the same input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from redaction.keyring import Keyring, Unlock
from warden.store import Store

pytestmark = [pytest.mark.spark, pytest.mark.slow]
PW = "spark-pw"
EVENTS = (
    "SELECT request_id, ts, account, org, api_key, email, ip, ip_net, client, user_agent, "
    "country, endpoint, model, status_code, prompt_tokens, completion_tokens, flagged, "
    "moderation, messages, input_text, completion, template_hash, simhash, refusal, "
    "jailbreak_hits, pii_counts, key_version, source_hash FROM events ORDER BY request_id"
)
QUARANTINE = "SELECT source_hash, source_name, line_no, reason, record FROM quarantine ORDER BY 3"
VAULT = "SELECT subject, pseudonym, kind FROM vault_values ORDER BY 1, 2"


def _home(root: Path, ring_from: Path | None) -> Path:
    root.mkdir(parents=True)
    if ring_from is None:
        Keyring.create(root, Unlock(passphrase=PW))
    else:
        shutil.copy(ring_from / "keyring.json", root / "keyring.json")
    Store(root / "warden.duckdb").migrate()
    return root


def test_spark_and_local_engines_are_identical(tmp_path: Path, synth_small: Path) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("java is not installed; .ci/run installs default-jre-headless")
        pytest.skip("no java")
    log = tmp_path / "log.jsonl"
    lines = (synth_small / "usage.jsonl").read_bytes().splitlines()[:1200]
    lines.insert(10, b'{"request_id": "bad", "user_email": "x@y.z", ')
    lines.insert(
        20,
        b'{"request_id": "r-ts", "timestamp": "nope", "account_id": "acct_q1", '
        b'"endpoint": "/v1/x"}',
    )
    log.write_bytes(b"\n".join(lines) + b"\n")
    env = {**os.environ, "WARDEN_PASSPHRASE": PW}
    local = _home(tmp_path / "local", None)
    spark = _home(tmp_path / "spark", local)
    base = [sys.executable, "-m", "warden"]
    r1 = subprocess.run(
        [*base, "--home", str(local), "ingest", "--quiet", str(log)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert r1.returncode == 0, r1.stderr
    r2 = subprocess.run(
        [
            *base,
            "--home",
            str(spark),
            "ingest",
            "--quiet",
            "--engine",
            "spark",
            "--master",
            "local[2]",
            str(log),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert r2.returncode == 0, r2.stderr[-3000:]
    got = {}
    for name, home in (("local", local), ("spark", spark)):
        with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
            got[name] = [con.execute(q).fetchall() for q in (EVENTS, QUARANTINE, VAULT)]
    assert len(got["local"][0]) == 1200 and len(got["local"][1]) == 2
    assert got["spark"][0] == got["local"][0]
    assert got["spark"][1] == got["local"][1]
    assert got["spark"][2] == got["local"][2]
    parquet = list((spark / "spark").rglob("events/date=*/*.parquet"))
    assert parquet, "events Parquet partitioned by date"
    assert not list((spark / "spark").rglob("vault")), "sealed originals are removed after loading"
    for f in (spark / "spark").rglob("*"):
        if f.is_file():
            assert b"x@y.z" not in f.read_bytes()

"""The Spark engine (local[2]) and the local engine give identical pseudonyms, redacted
text and quarantine on the same input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warden.keys.keyring import Keyring, Unlock
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


def _need_spark() -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("java is not installed; .ci/run installs default-jre-headless")
        pytest.skip("no java")


def _both_engines(
    tmp_path: Path, log: Path
) -> tuple[dict[str, list[object]], list[dict[str, object]]]:
    """The store's events, quarantine and vault after each engine, and each summary."""
    env = {**os.environ, "WARDEN_PASSPHRASE": PW}
    local = _home(tmp_path / "local", None)
    spark = _home(tmp_path / "spark", local)
    base = [sys.executable, "-m", "warden"]
    summaries = []
    for home, extra in ((local, []), (spark, ["--engine", "spark", "--master", "local[2]"])):
        r = subprocess.run(
            [*base, "--home", str(home), "ingest", "--json", *extra, str(log)],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert r.returncode == 0, r.stderr[-3000:]
        summaries.append(json.loads(r.stdout))
    got: dict[str, list[object]] = {}
    for name, home in (("local", local), ("spark", spark)):
        with duckdb.connect(str(home / "warden.duckdb"), read_only=True) as con:
            got[name] = [con.execute(q).fetchall() for q in (EVENTS, QUARANTINE, VAULT)]
    return got, summaries


def test_spark_reads_otlp_traces_like_the_local_engine(tmp_path: Path) -> None:
    _need_spark()
    fixture = Path(__file__).resolve().parents[1] / "data" / "otlp" / "genai-spans.jsonl"
    got, (local, spark) = _both_engines(tmp_path, fixture)
    assert len(got["local"][0]) == 6 and len(got["local"][1]) == 1
    assert got["spark"] == got["local"]
    keys = ("format", "spans", "records", "stored", "quarantined", "spans_skipped")
    assert [spark["files"][0][k] for k in keys] == [local["files"][0][k] for k in keys]
    assert local["files"][0]["unknown_attributes"] == spark["files"][0]["unknown_attributes"]


def test_spark_and_local_engines_are_identical(tmp_path: Path, synth_small: Path) -> None:
    _need_spark()
    log = tmp_path / "log.jsonl"
    lines = (synth_small / "usage.jsonl").read_bytes().splitlines()[:1200]
    lines.insert(10, b'{"request_id": "bad", "user_email": "x@y.z", ')
    lines.insert(
        20,
        b'{"request_id": "r-ts", "timestamp": "nope", "account_id": "acct_q1", '
        b'"endpoint": "/v1/x"}',
    )
    log.write_bytes(b"\n".join(lines) + b"\n")
    got, _ = _both_engines(tmp_path, log)
    spark = tmp_path / "spark"
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

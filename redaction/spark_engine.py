"""The Spark engine: the same parsing, validation, pseudonyms and redaction as the local
engine, run on a cluster with ``mapInArrow``; output Parquet in the store's layout.

- Input: JSON Lines files (``.jsonl``, ``.ndjson``, ``.jsonl.gz``); each line keeps its
  file and line number, so quarantine rows match the local engine's exactly.
- One analyzer per executor process, built on first use and kept for the life of the
  Python worker (``spark.python.worker.reuse``, Spark's default): never per row or batch.
- Keys never travel through Spark: each executor opens the keyring from the home path
  with the passphrase (or key file) from its own environment. Only the home path and
  the key version appear in the plan.
- Output under ``<home>/spark/<run>/``: ``events/date=YYYY-MM-DD/*.parquet`` in the
  events schema, ``quarantine/*.parquet``, and ``vault/*.parquet`` where the originals
  are sealed with a key derived from the vault master key and the run id.
- The store then serves it by **loading** it into DuckDB (``INSERT OR IGNORE``, sealed
  originals re-encrypted into the vault, sealed files deleted): one store keeps
  idempotency on ``request_id``, the vault, the residual-PII scan and detection exactly
  as for the local engine. The events Parquet stays, for the cluster's own queries.
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from redaction.ingest import (
    _COLS,
    EVENT_SCHEMA,
    BatchProcessor,
    FileResult,
    IngestSummary,
    file_hash,
)
from redaction.matmul import one_blas_thread
from redaction.otlp import OtlpMapping, OtlpStats, spans_of
from redaction.pseudonym import Pseudonymizer
from redaction.readers import parse_json_line
from redaction.redact import Redactor
from redaction.rotation import check_key_version
from redaction.sources import detect
from warden.config import Config, RedactionConfig
from warden.errors import InputError, KeyringError, WardenError
from warden.keys.keyring import Keyring
from warden.keys.vault import Vault
from warden.session import unlock_source
from warden.store import Store

LINE_SCHEMA = pa.schema(
    [
        ("source_hash", pa.string()),
        ("source_name", pa.string()),
        ("line_no", pa.int64()),
        ("raw", pa.binary()),
    ]
)
OUT_SCHEMA = pa.schema([("kind", pa.string()), ("payload", pa.binary())])

_EXECUTOR: dict[str, Any] = {}


def _seal_key(master_key: bytes, run_id: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=b"warden/spark-seal/" + run_id.encode(),
    ).derive(master_key)


def _executor_state(home: str, version: int, model: str, run_id: str) -> dict[str, Any]:
    """Built once per executor Python process; keys come from the local environment."""
    key = (home, version, model, run_id)
    if _EXECUTOR.get("key") != key:
        how = unlock_source()
        if how is None:
            raise KeyringError(
                "a Spark executor needs the keyring: set WARDEN_PASSPHRASE or WARDEN_KEY_FILE "
                "in the executors' environment"
            )
        ring = Keyring.open(Path(home), how)
        pseudo = Pseudonymizer(ring.pseudonym_keys, version)
        one_blas_thread()  # executors share the machine's cores, a task slot each
        _EXECUTOR.clear()
        _EXECUTOR.update(
            key=key,
            processor=BatchProcessor(pseudo, Redactor(RedactionConfig(spacy_model=model), pseudo)),
            seal=AESGCM(_seal_key(ring.master_key, run_id)),
        )
    return _EXECUTOR


def process_partition(
    batches: Iterator[pa.RecordBatch],
    home: str,
    version: int,
    model: str,
    run_id: str,
    otlp_sources: frozenset[str] = frozenset(),
    mapping: OtlpMapping | None = None,
) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: raw lines in, (kind, payload) rows out (Arrow IPC payloads).
    Lines of the files in ``otlp_sources`` are OTLP trace exports, read span by span."""
    state = _executor_state(home, version, model, run_id)
    processor, seal = state["processor"], state["seal"]
    now = datetime.now(UTC)
    for batch in batches:
        rows = batch.to_pylist()
        by_source: dict[tuple[str, str], list[Any]] = {}
        for r in rows:
            by_source.setdefault((r["source_hash"], r["source_name"]), []).append(r)
        for (h, name), group in by_source.items():
            kinds, payloads = [], []
            if h in otlp_sources:
                stats = OtlpStats()
                raws = [
                    x
                    for r in group
                    for x in spans_of(
                        parse_json_line(r["raw"], r["line_no"]), mapping or OtlpMapping(), stats
                    )
                ]
                kinds.append("otlp")
                payloads.append(
                    json.dumps(
                        {
                            "source": h,
                            "records": len(raws),
                            "spans": stats.spans,
                            "skipped": dict(stats.skipped),
                            "unknown": dict(stats.unknown_attributes),
                        }
                    ).encode()
                )
            else:
                raws = [parse_json_line(r["raw"], r["line_no"]) for r in group]
            out = processor.process(raws, h, now)
            kinds.append("events")
            payloads.append(_ipc(out.events))
            if out.quarantine:
                q = pa.table(
                    {
                        "source_hash": [h] * len(out.quarantine),
                        "source_name": [name] * len(out.quarantine),
                        "line_no": [x[0] for x in out.quarantine],
                        "reason": [x[1] for x in out.quarantine],
                        "record": [x[2] for x in out.quarantine],
                    }
                )
                kinds.append("quarantine")
                payloads.append(_ipc(q))
            if out.vault_items:
                sealed = []
                for subject, pseudonym, kind, value in out.vault_items:
                    nonce = secrets.token_bytes(12)
                    aad = f"{subject}|{pseudonym}|{kind}".encode()
                    sealed.append(
                        nonce + seal.encrypt(nonce, value.encode("utf-8", "surrogatepass"), aad)
                    )
                v = pa.table(
                    {
                        "subject": [x[0] for x in out.vault_items],
                        "pseudonym": [x[1] for x in out.vault_items],
                        "kind": [x[2] for x in out.vault_items],
                        "sealed": sealed,
                    }
                )
                kinds.append("vault")
                payloads.append(_ipc(v))
            kinds.append("pii")
            payloads.append(json.dumps(dict(out.pii)).encode())
            yield pa.record_batch(
                [pa.array(kinds), pa.array(payloads, pa.binary())], schema=OUT_SCHEMA
            )


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    data: bytes = sink.getvalue().to_pybytes()
    return data


def _unipc(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


def _count(con: Any, table: str, source_hash: str) -> int:
    row = con.execute(
        f"SELECT count(*) FROM {table} WHERE source_hash = ?", [source_hash]
    ).fetchone()
    return int(row[0]) if row else 0


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        for no, raw in enumerate(fh, start=1):
            raw = raw.rstrip(b"\r\n")
            if raw.strip():
                yield no, raw


def ingest_spark(
    store: Store,
    keyring: Keyring,
    config: Config,
    paths: list[Path],
    *,
    master: str = "local[2]",
    force: bool = False,
    partitions: int | None = None,
    fmt: str = "auto",
) -> IngestSummary:
    """Ingest JSON Lines files (usage logs or OTLP trace exports) with Spark, then load
    the result into the store."""
    try:
        from pyspark.sql import SparkSession  # optional: pip install 'warden[pyspark]'
    except ImportError:
        raise WardenError(
            "the Spark engine needs pyspark: pip install 'warden[pyspark]' (and Java 17+)"
        ) from None

    check_key_version(store, keyring)
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file")
        if not p.name.lower().endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
            raise InputError(
                f"{p.name}: the Spark engine reads JSON Lines; ingest Parquet and "
                "CSV with the local engine"
            )
    summary = IngestSummary()
    started = datetime.now(UTC)
    with store.read() as con:
        seen = {r[0] for r in con.execute("SELECT content_hash FROM ingest_files").fetchall()}
    todo = []
    for p in paths:
        h = file_hash(p)
        if h in seen and not force:
            summary.files.append(FileResult(p.name, h, skipped=True))
        else:
            todo.append((p, h))
    if not todo:
        return summary
    otlp_sources = frozenset(h for p, h in todo if detect(p, fmt) == "otlp")
    mapping = config.otlp
    run_id = f"spark-{started:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    out_dir = config.home / "spark" / run_id
    # Executors run this same interpreter (its venv holds Warden); on a cluster, ship the
    # environment and set PYSPARK_PYTHON yourself (see docs/spark.md).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName("warden-ingest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.python.worker.reuse", "true")
    )
    if master.startswith("local"):  # a local run listens on loopback only
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config(
            "spark.driver.host", "127.0.0.1"
        )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        rows = [(h, p.name, no, raw) for p, h in todo for no, raw in _lines(p)]
        n_parts = partitions or max(2, spark.sparkContext.defaultParallelism)
        df = spark.createDataFrame(
            pa.Table.from_pylist(
                [dict(zip(LINE_SCHEMA.names, r, strict=True)) for r in rows], schema=LINE_SCHEMA
            )
        ).repartition(n_parts, "source_hash", "line_no")
        home, version, model = (
            str(config.home.resolve()),
            keyring.current_version,
            config.redaction.spacy_model,
        )

        def fn(it: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            return process_partition(it, home, version, model, run_id, otlp_sources, mapping)

        result = df.mapInArrow(fn, "kind string, payload binary").collect()
    finally:
        spark.stop()
    events, quarantine, vault, pii = [], [], [], []
    otlp: dict[str, FileResult] = {h: FileResult("", h, format="otlp") for h in otlp_sources}
    for r in result:
        if r["kind"] == "events":
            events.append(_unipc(r["payload"]))
        elif r["kind"] == "quarantine":
            quarantine.append(_unipc(r["payload"]))
        elif r["kind"] == "vault":
            vault.append(_unipc(r["payload"]))
        elif r["kind"] == "otlp":
            d = json.loads(r["payload"])
            f = otlp[d["source"]]
            f.records += d["records"]
            f.spans += d["spans"]
            for key, counts in (("skipped", f.spans_skipped), ("unknown", f.unknown_attributes)):
                for name, n in d[key].items():
                    counts[name] = counts.get(name, 0) + n
        else:
            pii.append(json.loads(r["payload"]))
    ev = pa.concat_tables(events).cast(EVENT_SCHEMA) if events else EVENT_SCHEMA.empty_table()
    _write_parquet(ev, quarantine, vault, out_dir)
    return _load(store, keyring, todo, out_dir, run_id, summary, pii, started, otlp)


def _write_parquet(
    ev: pa.Table, quarantine: list[pa.Table], vault: list[pa.Table], out: Path
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if ev.num_rows:
        dates = pa.compute.strftime(ev["ts"], format="%Y-%m-%d")
        pq.write_to_dataset(
            ev.append_column("date", dates), str(out / "events"), partition_cols=["date"]
        )
    if quarantine:
        pq.write_table(pa.concat_tables(quarantine), str(out / "quarantine.parquet"))
    if vault:
        (out / "vault").mkdir(exist_ok=True)
        pq.write_table(pa.concat_tables(vault), str(out / "vault" / "sealed.parquet"))


def _load(
    store: Store,
    keyring: Keyring,
    todo: list[tuple[Path, str]],
    out: Path,
    run_id: str,
    summary: IngestSummary,
    pii: list[dict[str, int]],
    started: datetime,
    otlp: dict[str, FileResult],
) -> IngestSummary:

    seal = AESGCM(_seal_key(keyring.master_key, run_id))
    vault = Vault(keyring.master_key)
    items = []
    sealed = out / "vault" / "sealed.parquet"
    if sealed.exists():
        for r in pq.read_table(sealed).to_pylist():
            aad = f"{r['subject']}|{r['pseudonym']}|{r['kind']}".encode()
            blob = r["sealed"]
            items.append(
                (
                    r["subject"],
                    r["pseudonym"],
                    r["kind"],
                    seal.decrypt(blob[:12], blob[12:], aad).decode("utf-8", "surrogatepass"),
                )
            )
    now = datetime.now(UTC)
    events_glob = str(out / "events" / "**" / "*.parquet")
    with store.write() as con:
        if (out / "events").exists():
            con.execute(
                f"INSERT OR IGNORE INTO events ({_COLS}) SELECT {_COLS} FROM "
                f"read_parquet('{events_glob}', hive_partitioning = true)"
            )
        if (out / "quarantine.parquet").exists():
            con.execute(
                "INSERT OR IGNORE INTO quarantine SELECT source_hash, source_name, "
                "line_no, reason, record, ? FROM read_parquet(?)",
                [now, str(out / "quarantine.parquet")],
            )
        vault.store(con, items, now)
        for p, h in todo:
            n_q = _count(con, "quarantine", h)
            n_e = _count(con, "events", h)
            spans = otlp.get(h)
            recs = spans.records if spans else sum(1 for _ in _lines(p))
            res = FileResult(
                p.name, h, records=recs, stored=n_e, duplicates=recs - n_e - n_q, quarantined=n_q
            )
            if spans:
                res.format, res.spans = "otlp", spans.spans
                res.spans_skipped = dict(sorted(spans.spans_skipped.items()))
                res.unknown_attributes = dict(sorted(spans.unknown_attributes.items()))
            con.execute("DELETE FROM ingest_files WHERE content_hash = ?", [h])
            con.execute(
                "INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [h, p.name, p.stat().st_size, recs, n_e, res.duplicates, n_q, now],
            )
            summary.files.append(res)
    shutil.rmtree(out / "vault", ignore_errors=True)
    for d in pii:
        summary.pii.update(d)
    summary.seconds = (datetime.now(UTC) - started).total_seconds()
    return summary

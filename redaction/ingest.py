"""Ingest: usage logs and OpenTelemetry GenAI traces to the redacted, pseudonymized store.

Per file: its content hash is looked up in the ledger (a file seen before is skipped
unless ``force``); records stream in batches; each batch is validated (bad records
go to the quarantine, redacted), pseudonymized, redacted and enriched outside any
connection (by the redaction workers, several batches at once, for a file of more
than about one batch), then written in order, each in one short transaction together
with its progress row. A killed ingest resumes after the last committed batch, and
``INSERT OR IGNORE`` on ``request_id`` makes overlapping files and reruns store each
request once.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa

from redaction import derive
from redaction.otlp import OtlpStats
from redaction.parallel import ParallelRedactor, worker_redactor
from redaction.pseudonym import Pseudonymizer
from redaction.quarantine import keepable, scrub_record, scrub_text
from redaction.readers import Raw
from redaction.redact import TextRedactor
from redaction.rotation import check_key_version
from redaction.sources import detect, records
from redaction.spread import spread_names
from redaction.validate import Invalid, Record, validate
from warden.config import Config
from warden.errors import InputError
from warden.keys.keyring import Keyring
from warden.keys.vault import Vault
from warden.store import Store

_CLIENT = re.compile(r"^[A-Za-z][A-Za-z0-9._-]{0,39}(?:/[A-Za-z][A-Za-z0-9._-]{0,39})?$")

EVENT_SCHEMA = pa.schema(
    [
        ("request_id", pa.string()),
        ("ts", pa.timestamp("us", tz="UTC")),
        ("account", pa.string()),
        ("org", pa.string()),
        ("api_key", pa.string()),
        ("email", pa.string()),
        ("ip", pa.string()),
        ("ip_net", pa.string()),
        ("client", pa.string()),
        ("user_agent", pa.string()),
        ("country", pa.string()),
        ("endpoint", pa.string()),
        ("model", pa.string()),
        ("status_code", pa.int32()),
        ("prompt_tokens", pa.int32()),
        ("completion_tokens", pa.int32()),
        ("flagged", pa.bool_()),
        ("moderation", pa.string()),
        ("messages", pa.string()),
        ("input_text", pa.string()),
        ("completion", pa.string()),
        ("template_hash", pa.string()),
        ("simhash", pa.int64()),
        ("refusal", pa.bool_()),
        ("jailbreak_hits", pa.int32()),
        ("pii_counts", pa.string()),
        ("key_version", pa.int32()),
        ("source_hash", pa.string()),
        ("ingested_at", pa.timestamp("us", tz="UTC")),
    ]
)
_COLS = ", ".join(EVENT_SCHEMA.names)


@dataclass
class FileResult:
    """What happened to one input file."""

    name: str
    content_hash: str
    skipped: bool = False
    records: int = 0
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    format: str = "usage-log"  # or "otlp"
    spans: int = 0  # OTLP: every span read
    spans_skipped: dict[str, int] = field(default_factory=dict)  # OTLP: why -> spans
    unknown_attributes: dict[str, int] = field(default_factory=dict)  # OTLP: name -> times


@dataclass
class IngestSummary:
    """Totals of an ingest run: counts only, never values."""

    files: list[FileResult] = field(default_factory=list)
    pii: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def totals(self) -> dict[str, int]:
        keys = ("records", "stored", "duplicates", "quarantined")
        return {k: sum(getattr(f, k) for f in self.files) for k in keys}

    def to_dict(self) -> dict[str, Any]:
        t = self.totals()
        return {
            **t,
            "files": [f.__dict__ for f in self.files],
            "files_skipped": sum(f.skipped for f in self.files),
            "pii_replaced": dict(sorted(self.pii.items())),
            "seconds": round(self.seconds, 2),
            "records_per_second": round(t["records"] / self.seconds, 1) if self.seconds else None,
        }


Progress = Callable[[int, int, int], None]  # records so far, bytes so far, bytes total


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (of every .parquet file, for a directory)."""
    h = hashlib.sha256()
    files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
    for f in files:
        with f.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def client_family(ua: str | None) -> str | None:
    """A coarse, non-identifying client name: ``OpenAI/Python`` from a user agent."""
    if not ua:
        return None
    head = ua.strip().split(" ", 1)[0]
    name, _, rest = head.partition("/")
    family = name if not rest or rest[:1].isdigit() else f"{name}/{rest.split('/')[0]}"
    return family if _CLIENT.match(family) else "other"


REMOTE_FROM_BYTES = 1_500_000  # about one default batch of usage-log records


def _batches(it: Iterator[Raw], size: int) -> Iterator[list[Raw]]:
    while batch := list(islice(it, size)):
        yield batch


class Ingestor:
    """Ingests files into a store with the keys of a keyring (see the module doc)."""

    def __init__(
        self,
        store: Store,
        keyring: Keyring,
        config: Config,
        *,
        batch_size: int = 2000,
        progress: Progress | None = None,
        fmt: str = "auto",
    ) -> None:
        self.store = store
        self.fmt = fmt
        self.mapping = config.otlp
        self.config = config
        self.batch_size = batch_size
        self.progress = progress
        self.keys = keyring.pseudonym_keys
        self.version = keyring.current_version
        self.pseudo = Pseudonymizer(self.keys, self.version)
        self.vault = Vault(keyring.master_key)
        check_key_version(store, keyring)

    def ingest(self, paths: list[Path], force: bool = False) -> IngestSummary:
        summary = IngestSummary()
        t0 = time.perf_counter()
        for p in paths:
            if not p.exists():
                raise InputError(f"{p}: no such file or directory")
        with ParallelRedactor(self.config.redaction, self.pseudo, self.keys) as redactor:
            for path in paths:
                summary.files.append(self._file(path, force, redactor, summary))
        summary.seconds = time.perf_counter() - t0
        return summary

    # -- one file ------------------------------------------------------------
    def _file(
        self, path: Path, force: bool, redactor: ParallelRedactor, summary: IngestSummary
    ) -> FileResult:
        h = file_hash(path)
        res = FileResult(path.name, h, format=detect(path, self.fmt))
        stats = OtlpStats()
        with self.store.read() as con:
            seen = con.execute("SELECT 1 FROM ingest_files WHERE content_hash = ?", [h]).fetchone()
            progress = con.execute(
                "SELECT batch_no, batch_size FROM ingest_progress WHERE content_hash = ?", [h]
            ).fetchall()
        done = {r[0] for r in progress}
        # A resumed ingest keeps the batch size it started with, so batch numbers match.
        batch_size = int(progress[0][1]) if progress else self.batch_size
        if seen and not force:
            res.skipped = True
            return res
        if seen and force:
            done = set()
        size = sum(f.stat().st_size for f in (path.rglob("*.parquet") if path.is_dir() else [path]))
        # ETA by bytes works for plain JSON Lines and CSV, where a record's text is its line.
        total = (
            size if not path.is_dir() and not path.name.lower().endswith((".gz", ".parquet")) else 0
        )
        read_records = read_bytes = 0
        source = records(path, res.format, self.mapping, stats)
        # A file of more than about one batch is processed by the workers whole batch by
        # whole batch (validate, pseudonymize, redact, derive), several at once; this
        # process reads ahead and writes the finished batches in order, so a killed
        # ingest resumes exactly as before. A smaller file is processed here.
        remote = redactor.processes > 1 and size > REMOTE_FROM_BYTES
        pending: deque[tuple[int, list[Raw], Future[BatchOutput]]] = deque()
        for no, batch in enumerate(_batches(source, batch_size)):
            read_records += len(batch)
            read_bytes += sum(len(r.text) + 1 for r in batch)
            if no not in done:
                if remote:
                    fut = redactor.submit(_process_in_worker, batch, h, datetime.now(UTC))
                    pending.append((no, batch, fut))
                    while len(pending) > redactor.processes:
                        self._write_next(pending, path.name, h, batch_size)
                else:
                    self._batch(batch, no, path.name, h, redactor, batch_size)
            if self.progress:
                self.progress(read_records, min(read_bytes, total), total)
        while pending:
            self._write_next(pending, path.name, h, batch_size)
        with self.store.write() as con:
            row = con.execute(
                "SELECT coalesce(sum(records),0), coalesce(sum(stored),0), "
                "coalesce(sum(duplicates),0), coalesce(sum(quarantined),0) "
                "FROM ingest_progress WHERE content_hash = ?",
                [h],
            ).fetchone()
            assert row is not None
            res.records, res.stored, res.duplicates, res.quarantined = (int(x) for x in row)
            for (pii,) in con.execute(
                "SELECT pii_counts FROM ingest_progress WHERE content_hash = ?", [h]
            ).fetchall():
                summary.pii.update(json.loads(pii or "{}"))
            con.execute("DELETE FROM ingest_files WHERE content_hash = ?", [h])
            con.execute(
                "INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    h,
                    path.name,
                    size,
                    res.records,
                    res.stored,
                    res.duplicates,
                    res.quarantined,
                    datetime.now(UTC),
                ],
            )
            con.execute("DELETE FROM ingest_progress WHERE content_hash = ?", [h])
        if res.format == "otlp":
            res.spans = stats.spans
            res.spans_skipped = dict(sorted(stats.skipped.items()))
            res.unknown_attributes = dict(sorted(stats.unknown_attributes.items()))
        return res

    # -- one batch -------------------------------------------------------------
    def _batch(
        self,
        raws: list[Raw],
        batch_no: int,
        name: str,
        h: str,
        redactor: ParallelRedactor,
        batch_size: int,
    ) -> None:
        now = datetime.now(UTC)
        out = BatchProcessor(self.pseudo, redactor).process(raws, h, now)
        self._write(out, raws, batch_no, name, h, batch_size, now)

    def _write_next(
        self,
        pending: deque[tuple[int, list[Raw], Future[BatchOutput]]],
        name: str,
        h: str,
        batch_size: int,
    ) -> None:
        no, raws, fut = pending.popleft()
        self._write(fut.result(), raws, no, name, h, batch_size, datetime.now(UTC))

    def _write(
        self,
        out: BatchOutput,
        raws: list[Raw],
        batch_no: int,
        name: str,
        h: str,
        batch_size: int,
        now: datetime,
    ) -> None:
        """One short transaction: the batch's events, quarantine, vault rows, progress."""
        table, q_rows, vault_items, pii = out.events, out.quarantine, out.vault_items, out.pii
        dup_in_batch, good_n = out.duplicates, out.events.num_rows
        with self.store.write() as con:
            con.register("_batch_events", table)
            row = con.execute(
                f"INSERT OR IGNORE INTO events ({_COLS}) SELECT {_COLS} FROM _batch_events"
            ).fetchone()
            con.unregister("_batch_events")
            stored = int(row[0]) if row else 0
            if q_rows:
                con.executemany(
                    "INSERT OR IGNORE INTO quarantine VALUES (?, ?, ?, ?, ?, ?)",
                    [(h, name, line, reason, text, now) for line, reason, text in q_rows],
                )
            self.vault.store(con, vault_items, now)
            con.execute(
                "INSERT INTO ingest_progress VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    h,
                    batch_no,
                    len(raws),
                    stored,
                    good_n - stored + dup_in_batch,
                    len(q_rows),
                    json.dumps(dict(pii)),
                    batch_size,
                ],
            )


def _process_in_worker(raws: list[Raw], source_hash: str, now: datetime) -> BatchOutput:
    """A whole batch, in a redaction worker, with the worker's redactor and pseudonyms."""
    redactor = worker_redactor()
    assert redactor.pseudonymizer is not None
    return BatchProcessor(redactor.pseudonymizer, redactor).process(raws, source_hash, now)


@dataclass
class BatchOutput:
    """A processed batch, ready to be written by either engine."""

    events: pa.Table
    quarantine: list[tuple[int, str, str]]  # line, reason, what is kept (redacted)
    vault_items: list[tuple[str, str, str, str]]  # subject, pseudonym, kind, original
    pii: Counter[str]
    duplicates: int


class BatchProcessor:
    """Validate, pseudonymize, redact and enrich one batch of raw records, outside any
    connection. The local engine and the Spark executors both run this."""

    def __init__(self, pseudo: Pseudonymizer, redactor: TextRedactor) -> None:
        self.pseudo = pseudo
        self.redactor = redactor
        self.version = pseudo.version

    def process(self, raws: list[Raw], source_hash: str, now: datetime) -> BatchOutput:
        good: list[Record] = []
        q_rows: list[tuple[int, str, str]] = []  # line, reason, text to scrub
        seen: set[str] = set()
        dup_in_batch = 0
        for raw in raws:
            if raw.record is None:
                text = (
                    scrub_record(raw.partial, self.pseudo)
                    if raw.partial
                    else scrub_text(raw.text, self.pseudo)
                )
                q_rows.append((raw.line_no, raw.error or "unreadable", text))
                continue
            try:
                rec = validate(raw.record)
            except Invalid as exc:
                q_rows.append((raw.line_no, str(exc), scrub_record(raw.record, self.pseudo)))
                continue
            except RecursionError:
                q_rows.append((raw.line_no, "record nested too deeply", "<not kept>"))
                continue
            if rec.request_id in seen:
                dup_in_batch += 1
                continue
            seen.add(rec.request_id)
            good.append(rec)

        texts: list[str] = []
        requests: list[int] = []
        for n, r in enumerate(good):
            texts += [m["content"] for m in r.messages or []]
            texts += [r.input or "", r.completion or ""]
            requests += [n] * (len(r.messages or []) + 2)
        # a name found in one text of a request (a message, the input, the completion) is
        # redacted in its others: a conversation is one group. Not an account's requests:
        # which of them share a batch depends on the engine (Spark's partitions), and the
        # store must not
        redacted = spread_names(self.redactor.redact_many(texts), requests)
        q_texts = keepable([t for _, _, t in q_rows], self.redactor)

        cols: dict[str, list[Any]] = {n: [] for n in EVENT_SCHEMA.names}
        vault_items: list[tuple[str, str, str, str]] = []
        pii: Counter[str] = Counter()
        i = 0
        p = self.pseudo
        h = source_hash
        self_version = self.version
        for r in good:
            counts: Counter[str] = Counter()
            msgs = []
            user_parts = []
            for m in r.messages or []:
                red = redacted[i]
                i += 1
                counts.update(red.counts)
                msgs.append({"role": m["role"], "content": red.text})
                if m["role"] == "user":
                    user_parts.append(red.text)
            inp, comp = redacted[i], redacted[i + 1]
            i += 2
            counts.update(inp.counts)
            counts.update(comp.counts)
            pii.update(counts)
            user_text = "\n".join(user_parts) if user_parts else inp.text
            account = p.pseudonym("account", r.account_id)
            ident = {
                "org": ("org", r.org_id),
                "api_key": ("api_key", r.api_key_id),
                "email": ("email", r.user_email),
                "ip": ("ip", r.ip_address),
                "user_agent": ("user_agent", r.user_agent),
            }
            vault_items.append((account, account, "account", r.account_id))
            for col, (kind, value) in ident.items():
                if value:
                    ps = p.pseudonym(kind, value)
                    cols[col].append(ps)
                    vault_items.append((account, ps, kind, value))
                else:
                    cols[col].append(None)
            cols["request_id"].append(r.request_id)
            cols["ts"].append(r.ts)
            cols["account"].append(account)
            cols["ip_net"].append(p.network(r.ip_address) if r.ip_address else None)
            cols["client"].append(client_family(r.user_agent))
            cols["country"].append(r.country)
            cols["endpoint"].append(r.endpoint)
            cols["model"].append(r.model)
            cols["status_code"].append(r.status_code)
            cols["prompt_tokens"].append(r.prompt_tokens)
            cols["completion_tokens"].append(r.completion_tokens)
            cols["flagged"].append(r.moderation["flagged"] if r.moderation else None)
            cols["moderation"].append(json.dumps(r.moderation) if r.moderation else None)
            cols["messages"].append(
                json.dumps(msgs, ensure_ascii=False) if r.messages is not None else None
            )
            cols["input_text"].append(inp.text if r.input is not None else None)
            cols["completion"].append(comp.text if r.completion is not None else None)
            template, simhash, jailbreaks = derive.prompt_features(user_text)
            cols["template_hash"].append(template)
            cols["simhash"].append(simhash)
            cols["refusal"].append(derive.is_refusal(comp.text))
            cols["jailbreak_hits"].append(jailbreaks)
            cols["pii_counts"].append(json.dumps(dict(counts)) if counts else None)
            cols["key_version"].append(self_version)
            cols["source_hash"].append(h)
            cols["ingested_at"].append(now)
        table = pa.table(cols, schema=EVENT_SCHEMA)
        return BatchOutput(
            table,
            [(ln, rs, kept) for (ln, rs, _), kept in zip(q_rows, q_texts, strict=True)],
            vault_items,
            pii,
            dup_in_batch,
        )

"""``warden ingest`` and ``warden scan`` (what ingest set aside: :mod:`app.cli.history`)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from app.cli.context import Context, counted, profile_option
from redaction.ingest import Ingestor
from redaction.scan import scan_store
from redaction.spark_engine import ingest_spark


class _Progress:
    """A progress line on a terminal (records, records/s, ETA); plain lines otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.t0 = time.monotonic()
        self.last = 0.0

    def __call__(self, records: int, done: int, total: int) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if now - self.last < (0.2 if self.tty else 10):
            return
        self.last = now
        rate = records / max(1e-6, now - self.t0)
        eta = ""
        if total and done:
            left = (now - self.t0) * (total - done) / done
            eta = f", ETA {int(left // 60)}m{int(left % 60):02d}s"
        line = f"{records:,} records, {rate:,.0f} records/s{eta}"
        if self.tty:
            click.echo("\r" + line.ljust(60), err=True, nl=False)
        else:
            click.echo(line, err=True)

    def close(self) -> None:
        if self.tty and not self.quiet and self.last:
            click.echo("", err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Ingest files already in the ledger again.")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=2000,
    show_default=True,
    help="Records per committed batch.",
)
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=None,
    help="Redaction worker processes [default: redaction.processes; 0, one per core].",
)
@profile_option
@click.option("--quiet", is_flag=True, help="No progress, no summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "usage-log", "otlp"]),
    default="auto",
    show_default=True,
    help="Input format: a usage log, or OpenTelemetry GenAI traces (OTLP/JSON lines from "
    "the Collector's file exporter); auto tells them apart by content.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="spark: parse, pseudonymize and redact on Apache Spark (JSON Lines input; needs "
    "the pyspark extra and Java 17+).",
)
@click.option(
    "--master", default="local[2]", show_default=True, help="Spark master URL, with --engine spark."
)
@click.pass_obj
def ingest(
    obj: Context,
    paths: tuple[Path, ...],
    force: bool,
    batch_size: int,
    processes: int | None,
    profile: str | None,
    quiet: bool,
    as_json: bool,
    fmt: str,
    engine: str,
    master: str,
) -> None:
    """Ingest usage logs (.jsonl, .ndjson, .jsonl.gz, .parquet or a directory of them,
    .csv) into the redacted, pseudonymized store.

    Bad records are quarantined with their reason, redacted; the rest goes on. A file
    already ingested (same content) is skipped unless --force; a request id already
    stored is never stored twice. Killed at any point, the same command resumes.

    \b
    Input format (fields, types, what is derived, bad records):
    docs/input-format.md in the Warden source tree.
    """

    cfg = obj.config(**{"redaction.processes": processes, "redaction.profile": profile})
    store = obj.store(cfg)
    store.require_current()
    progress = _Progress(quiet or as_json)
    if engine == "spark":
        summary = ingest_spark(
            store, obj.keyring(), cfg, list(paths), master=master, force=force, fmt=fmt
        )
    else:
        summary = Ingestor(
            store, obj.keyring(), cfg, batch_size=batch_size, progress=progress, fmt=fmt
        ).ingest(list(paths), force=force)
    progress.close()
    data = summary.to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    if quiet:
        return
    for f in summary.files:
        if f.skipped:
            click.echo(f"{f.name}: already ingested, skipped (use --force to ingest again)")
        else:
            click.echo(
                f"{f.name}: {f.records:,} read, {f.stored:,} stored, "
                f"{counted(f.duplicates, 'duplicate')} skipped, {f.quarantined:,} quarantined"
            )
            if f.format == "otlp":
                skipped = ", ".join(f"{n:,} {why}" for why, n in f.spans_skipped.items())
                click.echo(
                    f"  OpenTelemetry traces: {counted(f.spans, 'span')}, "
                    + counted(f.records, "model call")
                    + (f"; skipped: {skipped}" if skipped else "")
                    + (
                        f"; {len(f.unknown_attributes)} attribute names not mapped "
                        "(counted, not kept)"
                        if f.unknown_attributes
                        else ""
                    )
                )
    pii = ", ".join(f"{k} {v:,}" for k, v in data["pii_replaced"].items()) or "none"
    click.echo(
        f"total: {counted(data['records'], 'record')} in {data['seconds']}s "
        f"({data['records_per_second'] or 0:,} records/s); PII replaced: {pii}"
    )
    if data["quarantined"]:
        click.echo("`warden quarantine` lists the quarantined records with their reasons")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.pass_obj
def scan(obj: Context, as_json: bool) -> None:
    """Scan every text column of the store for residual PII (e-mails, cards, SSNs,
    IBANs, phone numbers, IP addresses, secrets): counts per table and column, never
    values. Exits 1 if anything is found."""
    store = obj.store()
    store.require_current()
    findings = scan_store(store)
    if as_json:
        click.echo(json.dumps({"clean": not findings, "findings": findings}, indent=2))
    elif not findings:
        click.echo("clean: no residual PII found in any text column")
    else:
        for f in findings:
            click.echo(f"{f['table']}.{f['column']}: {f['kind']} x{f['count']}")
    if findings:
        raise SystemExit(1)

"""``warden sweeps`` and ``warden quarantine``: what the sweeps did and what ingest set
aside, read from the store. Kept apart from ``sweep`` and ``ingest``, which load the
redaction models and detection (seconds): a listing answers at once."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict

import click

from app.cli.context import Context, counted
from app.sweep_history import recent_sweeps
from redaction.quarantine import quarantine_counts, quarantined


@click.command()
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def sweeps(obj: Context, limit: int, as_json: bool) -> None:
    """The latest sweeps, newest first (the dashboard's Admin page)."""
    store = obj.store()
    store.require_current()
    rows = recent_sweeps(store, limit)
    if as_json:
        click.echo(json.dumps([asdict(r) for r in rows], default=str, indent=1))
        return
    for r in rows:
        click.echo(
            f"{r.sweep_id}  {r.started_at:%Y-%m-%d %H:%M}  {r.status:7}  files {r.files or 0}  "
            f"records {r.records or 0}  scored {r.accounts_scored or 0}  "
            f"cases +{r.cases_opened or 0}/~{r.cases_updated or 0}  held {r.cases_held or 0}"
        )


@click.command()
@click.option("--file", "name", metavar="NAME", help="Only the records of this file (its name).")
@click.option(
    "--limit",
    type=click.IntRange(1, 100_000),
    default=20,
    show_default=True,
    help="How many records to list, newest first.",
)
@click.option("--records", is_flag=True, help="Print what is kept of each record (redacted).")
@click.option("--json", "as_json", is_flag=True, help="Counts and records as JSON.")
@click.pass_obj
def quarantine(obj: Context, name: str | None, limit: int, records: bool, as_json: bool) -> None:
    """The records ingest set aside: how many for each file and reason, then the latest,
    with their line numbers. What is kept of a record is pseudonymized and redacted.

    \b
    Fix the export and ingest the corrected file: records already stored are not stored
    twice. The reasons are listed in docs/input-format.md ("Bad records")."""
    store = obj.store()
    store.require_current()
    with store.shared_reads():  # one open of the file for both
        counts = quarantine_counts(store, name)
        rows = quarantined(store, name, limit)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "counts": [{"file": f, "reason": r, "records": n} for f, r, n in counts],
                    "records": [asdict(r) for r in rows],
                },
                default=str,
                indent=1,
            )
        )
        return
    if not counts:
        click.echo(f"no quarantined records{f' from {name}' if name else ''}")
        return
    total = sum(n for _, _, n in counts)
    files = len({f for f, _, _ in counts})
    click.echo(f"{counted(total, 'quarantined record')} in {counted(files, 'file')}:")
    for f, reason, n in counts:
        click.echo(f"  {n:>7,}  {_shown(f)}: {_shown(reason)}")
    click.echo(f"\nthe latest {len(rows):,}:" if len(rows) < total else "\nrecords:")
    for r in rows:
        click.echo(f"  {_shown(r.file)}:{r.line}  {_shown(r.reason)}  ({r.at:%Y-%m-%d %H:%M})")
        if records and r.record:
            click.echo("      " + _shown(r.record).replace("\n", "\n      "))


def _shown(text: str) -> str:
    """``text`` for a terminal: control characters (an escape sequence in a rejected
    record would move the cursor, recolour or retitle the analyst's terminal) written as
    escapes; line breaks kept."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if ch != "\n" and unicodedata.category(ch) == "Cc"
        else ch
        for ch in text
    )

"""``warden sweep``: the scheduled batch (its history: :mod:`app.cli.history`)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from app.cli.context import Context, counted, days
from app.sweep import EXIT_SKIP, SweepLocked
from app.sweep import sweep as run_sweep
from warden.errors import WardenError


@click.command()
@click.option(
    "--inbox",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory where new logs arrive [default: sweep.inbox].",
)
@click.option(
    "--window",
    default=None,
    metavar="DAYS",
    help="Detection window, e.g. 30d [default: detection.window_days].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.pass_obj
def sweep(obj: Context, inbox: Path | None, window: str | None, as_json: bool) -> None:
    """Ingest new files from the inbox, score accounts, scan for residual PII, and open
    or update cases for what crossed the threshold.

    A sweep also covers events that reached the store since the last sweep by any
    other road (`warden ingest`, the Spark engine).

    Exit status for schedulers: 0 done; 1 failed (the message says why); 99 nothing to
    do, or another sweep holds the lock (Airflow's skip code).
    """

    cfg = obj.config(**{"detection.window_days": days(window)})
    store = obj.store(cfg)
    store.require_current()
    try:
        result = run_sweep(cfg, obj.keyring(), inbox=inbox, actor=obj.actor)
    except SweepLocked as exc:
        if as_json:
            click.echo(json.dumps({"status": "locked", "message": str(exc)}))
        else:
            click.echo(str(exc), err=True)
        raise SystemExit(EXIT_SKIP) from None
    data = result.to_dict()
    if as_json:
        click.echo(json.dumps(data, default=str, indent=1))
    elif result.status == "nothing_to_do":
        click.echo(
            "nothing to do: no new files in the inbox and no new events in the store "
            "since the last sweep"
            + (
                f" ({len(result.left_for_next_run)} still being written)"
                if result.left_for_next_run
                else ""
            ),
            err=True,
        )
    else:
        click.echo(
            f"{result.sweep_id}{' (resumed)' if result.resumed else ''}: "
            f"{counted(len(result.files), 'file')}, {counted(result.records, 'record')}, "
            f"{counted(result.new_events, 'new event')} in the store, "
            f"{counted(result.accounts_scored, 'account')} scored, "
            f"{counted(result.groups, 'group')}, "
            f"cases {result.cases_opened} opened / {result.cases_updated} updated"
            + (f" / {result.cases_held} held by the flood guard" if result.cases_held else "")
            + f"; residual-PII scan {'clean' if result.scan_clean else 'FOUND PII'}; "
            f"{result.seconds:.1f}s"
        )
        if result.features_absent:
            click.echo(
                "features without data in this window (scored without them): "
                + ", ".join(result.features_absent)
            )
    if result.status == "nothing_to_do":
        raise SystemExit(EXIT_SKIP)
    if not result.scan_clean:
        raise WardenError(
            "the residual-PII scan found personal data in the store: "
            "run `warden scan` for the columns"
        )

"""``warden accounts``: the risk ranking."""

from __future__ import annotations

import csv
import io
import json

import click

from warden.cli import Context, cli
from warden.errors import StateError


def _cell(value: object) -> object:
    """Neutralise spreadsheet formulas (OWASP CSV injection): a leading = + - @ tab or CR
    is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    """CSV with every cell passed through :func:`_cell`."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for row in rows:
        w.writerow([_cell(c) for c in row])
    return buf.getvalue()


@cli.command()
@click.option("--limit", type=click.IntRange(1, 10_000_000), default=50, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option(
    "--refresh",
    is_flag=True,
    help="Run detection now over the window (and keep the run) before ranking.",
)
@click.option("--run", "run_id", default=None, help="Rank a given run [default: the latest].")
@click.pass_obj
def accounts(obj: Context, limit: int, fmt: str, refresh: bool, run_id: str | None) -> None:
    """Accounts ranked by risk (higher is riskier), with cluster, group and reasons.

    JSON: a list of {"account", "score", "cluster", "group", "reasons"}.
    """
    from investigate.detect import ranking, run

    cfg = obj.config()
    store = obj.store(cfg)
    store.require_current()
    if refresh:
        result = run(store, cfg)
        click.echo(
            f"{result.run_id}: {len(result.scores)} accounts, {len(result.groups)} groups "
            f"in {result.seconds:.1f}s",
            err=True,
        )
    rows = ranking(store, run_id, limit)
    if not rows:
        raise StateError("no detection run yet: run `warden sweep`, or `warden accounts --refresh`")
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1))
    elif fmt == "csv":
        table = [
            [r["account"], r["score"], r["cluster"], r["group"], " | ".join(r["reasons"])]
            for r in rows
        ]
        click.echo(csv_text(["account", "score", "cluster", "group", "reasons"], table), nl=False)
    else:
        for r in rows:
            grp = r["group"] or "-"
            clu = "-" if r["cluster"] is None else r["cluster"]
            click.echo(f"{r['score']:.3f}  {r['account']}  cluster {clu:<4} group {grp}")
            for reason in r["reasons"]:
                click.echo(f"         - {reason}")

"""``warden accounts`` (the risk ranking), ``warden groups`` and ``warden policies``."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

import click

from app.cli.context import Context
from investigate import evidence
from investigate.evidence import require_run


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


@click.command()
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

    cfg = obj.config()
    store = obj.store(cfg)
    store.require_current()
    if refresh:
        # detection loads scikit-learn and HDBSCAN (seconds); ranking a kept run does not
        from investigate.detect import run

        result = run(store, cfg)
        click.echo(
            f"{result.run_id}: {len(result.scores)} accounts, {len(result.groups)} groups "
            f"in {result.seconds:.1f}s; features without data (scored without them): "
            f"{', '.join(result.absent) or 'none'}",
            err=True,
        )
    rows = [s.to_json() for s in evidence.scores(store, require_run(store, run_id), limit)]
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


@click.command()
@click.option("--show", "group_id", default=None, help="Show what links the members of GROUP.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def groups(obj: Context, group_id: str | None, as_json: bool) -> None:
    """Coordinated groups of the latest run, riskiest first (the dashboard's Groups page)."""
    store = obj.store()
    store.require_current()
    found = evidence.groups(store, require_run(store))
    if group_id is not None:
        pick = next((g for g in found if g.group_id == group_id), None)
        if pick is None:
            raise click.ClickException(
                f"no group {group_id} in the latest run; see `warden groups`"
            )
        links = evidence.group_links(store, pick.members)
        if as_json:
            click.echo(json.dumps([asdict(link) for link in links], indent=1))
            return
        click.echo(f"{pick.group_id}: {pick.size} accounts, risk {pick.risk:.2f}")
        for link in links:
            click.echo(f"  {link.account}  shares {link.kind} {link.node}")
        return
    if as_json:
        click.echo(json.dumps([asdict(g) for g in found], indent=1))
        return
    if not found:
        click.echo("no coordinated group in the latest run")
    for g in found:
        click.echo(
            f"{g.group_id}  {g.size:4d} accounts  risk {g.risk:.2f}  {json.dumps(g.evidence)}"
        )

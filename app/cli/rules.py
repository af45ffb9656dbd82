"""``warden patterns`` (emerging content patterns) and ``warden policies`` (the built-in
signals and policies as code: sync, backtest, approve, draft from a pattern)."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from app import rules
from app.cli.context import Context, days
from investigate.signals import check as signal_check
from warden.store import Store

_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


@click.group(invoke_without_command=True)
@click.option("--window", default="7d", show_default=True, help="The window, e.g. 7d.")
@click.option(
    "--sample",
    type=click.IntRange(100, 1_000_000),
    default=20_000,
    show_default=True,
    help="Distinct prompts clustered; the rest are placed in the nearest pattern.",
)
@_FORMAT
@click.pass_context
def patterns(ctx: click.Context, window: str, sample: int, fmt: str) -> None:
    """Emerging content patterns across accounts, the most urgent first."""
    if ctx.invoked_subcommand is not None:
        return
    obj: Context = ctx.obj
    run_id, run = rules.find_patterns(obj.desk(), obj.actor, days(window) or 7, sample)
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in run.patterns], default=str, indent=1))
        return
    click.echo(
        f"{run_id}: {run.prompts} prompts ({run.distinct} distinct) from "
        f"{run.window_start:%Y-%m-%d} to {run.window_end:%Y-%m-%d %H:%M} against the window "
        f"before; {len(run.patterns)} patterns in {run.seconds:.1f} s"
    )
    for p in run.patterns:
        risk = f"risk max {p.risk_max:.2f}" if p.risk_max is not None else "not scored"
        click.echo(
            f"{p.pattern}  {p.trend:8} {p.size:6d} prompts ({p.previous} before)  "
            f"{p.accounts} accounts, {p.new_accounts} new  flagged {p.flagged_share:.0%}  "
            f"{risk}\n    {', '.join(p.terms)}"
        )


@patterns.command("mark")
@click.argument("pattern")
@click.option("--name", required=True, help="A short name: lower-case letters, digits, '-'.")
@click.option("--as", "label", type=click.Choice(["benign", "abusive", "unclear"]), required=True)
@click.pass_obj
def patterns_mark(obj: Context, pattern: str, name: str, label: str) -> None:
    """Name a pattern and mark it benign, abusive or unclear (audited)."""
    rules.mark_pattern(obj.desk(), obj.actor, pattern, name, label)
    click.echo(f"{pattern} is {name!r}, marked {label}")


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@_FORMAT
@click.pass_context
def policies(ctx: click.Context, as_json: bool, fmt: str) -> None:
    """The policy signals detection evaluates, with their versions and thresholds."""
    if ctx.invoked_subcommand is not None:
        return
    obj: Context = ctx.obj
    cfg = obj.config()
    signal_check(cfg.detection.signals)
    desk = obj.desk(False) if Store(cfg.db_path).path.exists() else None
    rows = rules.listing(desk, cfg)
    active = {s.name for s in cfg.detection.active_signals()}
    signals = {s.name: s for s in cfg.detection.signals}
    if as_json or fmt == "json":
        out = []
        for r in rows:
            d = r.to_dict()
            if r.kind == "signal":
                d |= {**asdict(signals[r.name]), "enabled": r.name in active}
            out.append(d)
        click.echo(json.dumps(out, indent=1))
        return
    for r in rows:
        if r.kind == "signal":
            s = signals[r.name]
            state = "on " if r.name in active else "off"
            click.echo(
                f"{state} {r.name} v{r.version} -> policy {r.policy}: {r.rule} "
                f"(at least {s.min_events} requests)\n      {s.description}"
            )
        else:
            click.echo(
                f"{r.state:7} {r.name} v{r.version} -> policy {r.policy}: {r.rule} "
                f"(owner {r.owner})"
            )
    click.echo(
        "\nRisk = 1 - (1 - strongest signal) x (1 - group) x (1 - anomaly); a signal is 0.5 "
        "at its thresholds and 0.95 at twice them. docs/detection.md explains each part; "
        "docs/policies.md the policies in policies/*.toml."
    )


@policies.command("sync")
@click.pass_obj
def policies_sync(obj: Context) -> None:
    """Record what changed in the home's policies/*.toml (audited)."""
    changes = rules.sync(obj.desk(), obj.actor)
    if not changes:
        click.echo("no policy file changed")
    for c in changes:
        click.echo(f"{c.name} v{c.version}: {c.change}, now {c.state}")
        if c.state == "pending":
            click.echo(f"    a second lead puts it live: warden policies approve {c.name}")


@policies.command("backtest")
@click.argument("name")
@click.option("--window", default="90d", show_default=True)
@_FORMAT
@click.pass_obj
def policies_backtest(obj: Context, name: str, window: str, fmt: str) -> None:
    """What a recorded policy would have flagged over history, and how analysts decided."""
    bt = rules.backtest(obj.desk(False), name, days(window) or 90)
    if fmt == "json":
        click.echo(json.dumps(bt.to_dict(), default=str, indent=1))
        return
    precision = f"{bt.precision:.0%}" if bt.precision is not None else "-"
    click.echo(
        f"{bt.name} v{bt.version} over {bt.start:%Y-%m-%d} to {bt.end:%Y-%m-%d}: "
        f"{len(bt.flagged)} accounts flagged, {bt.in_cases} already in cases; decided: "
        f"{bt.actioned} actioned, {bt.cleared} cleared (precision {precision}), "
        f"{bt.undecided} undecided"
    )
    for day, volume, new in bt.daily:
        click.echo(f"  {day}  {volume:6d}  {'#' * min(new, 60)} {new}")


@policies.command("approve")
@click.argument("name")
@click.option("--note", default="")
@click.pass_obj
def policies_approve(obj: Context, name: str, note: str) -> None:
    """Put a pending policy live (a lead other than the one who asked)."""
    rules.settle(obj.desk(), obj.actor, name, True, note)
    click.echo(f"{name} is live: the next sweep opens cases for what it flags")


@policies.command("refuse")
@click.argument("name")
@click.option("--note", default="")
@click.pass_obj
def policies_refuse(obj: Context, name: str, note: str) -> None:
    """Refuse a pending policy: it goes back to shadow (a lead other than the one who asked)."""
    rules.settle(obj.desk(), obj.actor, name, False, note)
    click.echo(f"{name} stays in shadow")


@policies.command("draft")
@click.option("--from-pattern", "pattern", required=True)
@click.option("--name", required=True)
@click.option("--policy", "policy_id", required=True, help="The enforcement policy it cites.")
@click.pass_obj
def policies_draft(obj: Context, pattern: str, name: str, policy_id: str) -> None:
    """Write policies/NAME.toml, a draft over a pattern's words, and record it (audited)."""
    d = rules.draft_from_pattern(obj.desk(), obj.actor, pattern, name, policy_id)
    click.echo(
        f"policies/{name}.toml: draft, {d.describe()}\nbacktest it: warden policies backtest {name}"
    )


@policies.command("hits")
@click.pass_obj
def policies_hits(obj: Context) -> None:
    """Accounts each shadow and live policy flagged in the latest sweeps."""
    for h in rules.hits_by_run(obj.desk(False)):
        click.echo(
            f"{h['at']:%Y-%m-%d %H:%M}  {h['policy']} v{h['version']} ({h['state']}): "
            f"{h['accounts']} accounts"
        )

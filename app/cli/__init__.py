"""The ``warden`` command line: parse options, call the domains, print results.

Commands live one area per module beside this file and are registered in
:data:`COMMANDS`; a module is imported only when its command runs, so ``warden --help``
and light commands start fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from app.cli.context import Context, WardenGroup
from warden import __version__
from warden.config import resolve_home

# name -> (module:attribute, the line `warden --help` shows; a test keeps it equal to
# the command's own first help line)
COMMANDS: dict[str, tuple[str, str]] = {
    "accounts": (
        "app.cli.detect:accounts",
        "Accounts ranked by risk (higher is riskier), with cluster, group and reasons.",
    ),
    "actions": ("app.cli.enforce:actions", "Deliver enforcement actions from the outbox."),
    "audit": ("app.cli.enforce:audit", "Verify, prove and export the audit log."),
    "cases": ("app.cli.enforce:cases", "List, claim and decide enforcement cases."),
    "dashboard": (
        "app.cli.dashboard:dashboard",
        "Start the analyst dashboard (Streamlit) on this home.",
    ),
    "demo": (
        "app.cli.demo:demo",
        "Generate a synthetic log, ingest it, sweep it and open the dashboard on it.",
    ),
    "erase": (
        "app.cli.keys:erase",
        "Erase a subject: destroy its data key so its originals can never be recovered.",
    ),
    "export": ("app.cli.learn:export", "Sensitive exports (audited): the redacted training set."),
    "groups": (
        "app.cli.detect:groups",
        "Coordinated groups of the latest run, riskiest first (the dashboard's Groups...",
    ),
    "ingest": (
        "app.cli.ingest:ingest",
        "Ingest usage logs (.jsonl, .ndjson, .jsonl.gz, .parquet or a directory of...",
    ),
    "init": (
        "app.cli.core:init",
        "Create the home directory, its warden.toml and the store; migrate an old store.",
    ),
    "keys": ("app.cli.keys:keys", "Manage the keyring's pseudonym keys."),
    "model": (
        "app.cli.learn:model",
        "The ranking learned from analysts' decisions: train, evaluate, promote, roll...",
    ),
    "patterns": (
        "app.cli.rules:patterns",
        "Emerging content patterns across accounts, the most urgent first.",
    ),
    "policies": (
        "app.cli.rules:policies",
        "The policy signals detection evaluates, with their versions and thresholds.",
    ),
    "pseudonym": (
        "app.cli.keys:pseudonym",
        "Print the pseudonym of each VALUE as an identifier of KIND, one per line, in...",
    ),
    "quarantine": (
        "app.cli.history:quarantine",
        "The records ingest set aside: how many for each file and reason, then the...",
    ),
    "redact": (
        "app.cli.redact:redact",
        "Redact personal data and secrets from FILE (or stdin) to stdout, line by line.",
    ),
    "reid": (
        "app.cli.enforce:reid",
        "Break-glass re-identification: request, approve, reveal (all audited).",
    ),
    "scan": (
        "app.cli.ingest:scan",
        "Scan every text column of the store for residual PII (e-mails, cards, SSNs,...",
    ),
    "sweep": (
        "app.cli.sweep:sweep",
        "Ingest new files from the inbox, score accounts, scan for residual PII, and...",
    ),
    "sweeps": (
        "app.cli.history:sweeps",
        "The latest sweeps, newest first (the dashboard's Admin page).",
    ),
    "version": (
        "app.cli.core:version",
        "Print Warden's version and those of the engines it relies on.",
    ),
}


@click.group(
    cls=WardenGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Warden home directory [default: $WARDEN_HOME, else ./.warden].",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A settings file that overrides the home's warden.toml.",
)
@click.version_option(__version__, prog_name="warden")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, config_file: Path | None) -> None:
    """Warden: find abuse of a model API without exposing personal data.

    Ingest usage logs into a redacted, pseudonymized store, score accounts, review
    cases and record enforcement decisions in a tamper-evident audit log.
    """
    ctx.obj = Context(home=resolve_home(home), config_file=config_file)


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="warden")


__all__ = ["COMMANDS", "Context", "cli", "main"]

"""``warden cases``, ``warden reid``, ``warden audit`` and ``warden actions``.

The acting user is ``$WARDEN_USER`` (else the login name); roles come from
``[enforcement.roles]`` in warden.toml.
"""

from __future__ import annotations

import base64
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from warden.cli import Context, cli
from warden.errors import WardenError


def _desk(obj: Context, need_keys: bool = True) -> Any:
    from enforcement.desk import Desk

    cfg = obj.config()
    Desk.open(cfg, None).store.require_current()
    return Desk.open(cfg, obj.keyring() if need_keys else None)


def _when(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M") if dt else "-"


@cli.group()
def cases() -> None:
    """List, claim and decide enforcement cases."""


@cases.command("list")
@click.option(
    "--state",
    multiple=True,
    help="open, in_review, pending_approval, decided, "
    "appealed, closed [default: the unfinished ones].",
)
@click.option("--policy", default=None)
@click.option("--severity", type=click.Choice(["low", "medium", "high", "critical"]), default=None)
@click.option("--assignee", default=None)
@click.option("--held", is_flag=True, help="Include cases held by the flood guard.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def cases_list(
    obj: Context,
    state: tuple[str, ...],
    policy: str | None,
    severity: str | None,
    assignee: str | None,
    held: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Cases by priority, highest first."""
    from enforcement.cases import UNFINISHED, list_cases

    rows = list_cases(
        _desk(obj, False),
        states=state or UNFINISHED,
        policy=policy,
        severity=severity,
        assignee=assignee,
        include_held=held,
        limit=limit,
    )
    if as_json:
        click.echo(json.dumps(rows, default=str, indent=1))
        return
    click.echo(
        f"{'case':8} {'prio':>6} {'state':17} {'sev':8} {'risk':>5} {'kind':7} "
        f"{'assignee':10} {'due':16} subject"
    )
    for r in rows:
        due = _when(r["due_at"]) + (" !" if r["overdue"] else "")
        click.echo(
            f"{r['case_id']:8} {r['priority']:6.1f} {r['state']:17} {r['severity']:8} "
            f"{r['risk']:5.2f} {r['kind']:7} {r['assignee'] or '-':10} {due:16} "
            f"{r['subject']}"
        )


@cases.command("show")
@click.argument("case_id")
@click.pass_obj
def cases_show(obj: Context, case_id: str) -> None:
    """A case with its evidence, decisions and appeals (JSON)."""
    from enforcement.cases import get_case

    click.echo(json.dumps(get_case(_desk(obj, False), case_id), default=str, indent=1))


@cases.command("claim")
@click.argument("case_id")
@click.pass_obj
def cases_claim(obj: Context, case_id: str) -> None:
    """Claim a case for review (the claim times out)."""
    from enforcement.cases import claim

    until = claim(_desk(obj), obj.actor, case_id)
    click.echo(f"{case_id} claimed by {obj.actor} until {_when(until)} UTC")


@cases.command("release")
@click.argument("case_id")
@click.pass_obj
def cases_release(obj: Context, case_id: str) -> None:
    """Give a claimed case back to the queue."""
    from enforcement.cases import release

    release(_desk(obj), obj.actor, case_id)
    click.echo(f"{case_id} released")


@cases.command("release-held")
@click.pass_obj
def cases_release_held(obj: Context) -> None:
    """Release every case the sweep's flood guard held into the queue (leads)."""
    from enforcement.cases import release_held

    ids = release_held(_desk(obj), obj.actor)
    click.echo(f"{len(ids)} held cases released into the queue")


@cases.command("reassign")
@click.argument("case_id")
@click.argument("to_user")
@click.pass_obj
def cases_reassign(obj: Context, case_id: str, to_user: str) -> None:
    """Hand a case to another analyst (leads)."""
    from enforcement.cases import reassign

    reassign(_desk(obj), obj.actor, case_id, to_user)
    click.echo(f"{case_id} assigned to {to_user}")


@cases.command("escalate")
@click.argument("case_id")
@click.option("--reason", required=True)
@click.pass_obj
def cases_escalate(obj: Context, case_id: str, reason: str) -> None:
    """Flag a case for a lead; raises its severity one step."""
    from enforcement.cases import escalate

    escalate(_desk(obj), obj.actor, case_id, reason)
    click.echo(f"{case_id} escalated")


@cases.command("decide")
@click.argument("case_id")
@click.option(
    "--action",
    required=True,
    type=click.Choice(["no_action", "warn", "rate_limit", "suspend", "ban"]),
)
@click.option("--policy", required=True, help="Policy id from warden.toml.")
@click.option("--rationale", required=True, help="Why: the statement of reasons.")
@click.pass_obj
def cases_decide(obj: Context, case_id: str, action: str, policy: str, rationale: str) -> None:
    """Record a decision on a claimed case. Suspend and ban wait for a lead's approval."""
    from enforcement.decisions import decide

    did = decide(_desk(obj), obj.actor, case_id, action, policy, rationale)
    waits = action in ("suspend", "ban")
    click.echo(
        f"{did} recorded on {case_id}: {action}"
        + (" (pending approval by another lead)" if waits else " (effective)")
    )


@cases.command("approve")
@click.argument("decision_id")
@click.option("--refuse", is_flag=True, help="Refuse instead of approving.")
@click.option("--note", default=None)
@click.pass_obj
def cases_approve(obj: Context, decision_id: str, refuse: bool, note: str | None) -> None:
    """Approve (or --refuse) a pending suspend or ban; not your own (four eyes)."""
    from enforcement.decisions import approve

    approve(_desk(obj), obj.actor, decision_id, not refuse, note)
    click.echo(f"{decision_id} {'refused' if refuse else 'approved'}")


@cases.command("appeal")
@click.argument("case_id")
@click.option("--statement", required=True, help="The account holder's appeal.")
@click.pass_obj
def cases_appeal(obj: Context, case_id: str, statement: str) -> None:
    """Record an appeal of a decided case; it returns to the queue."""
    from enforcement.decisions import appeal

    aid = appeal(_desk(obj), obj.actor, case_id, statement)
    click.echo(f"{aid} filed on {case_id}")


@cases.command("reverse")
@click.argument("decision_id")
@click.option("--rationale", required=True)
@click.pass_obj
def cases_reverse(obj: Context, decision_id: str, rationale: str) -> None:
    """Reverse a decision with a new one (leads). Nothing is edited or deleted."""
    from enforcement.decisions import reverse

    new = reverse(_desk(obj), obj.actor, decision_id, rationale)
    click.echo(f"{new} reverses {decision_id}")


@cases.command("close")
@click.argument("case_id")
@click.pass_obj
def cases_close(obj: Context, case_id: str) -> None:
    """Close a decided case (leads)."""
    from enforcement.cases import close

    close(_desk(obj), obj.actor, case_id)
    click.echo(f"{case_id} closed")


@cli.group()
def reid() -> None:
    """Break-glass re-identification: request, approve, reveal (all audited)."""


@reid.command("request")
@click.argument("case_id")
@click.option("--justification", required=True)
@click.pass_obj
def reid_request(obj: Context, case_id: str, justification: str) -> None:
    """Ask to see the originals of a case's subjects."""
    from enforcement.reid import request

    click.echo(request(_desk(obj), obj.actor, case_id, justification))


@reid.command("approve")
@click.argument("request_id")
@click.option("--refuse", is_flag=True)
@click.pass_obj
def reid_approve(obj: Context, request_id: str, refuse: bool) -> None:
    """Approve (or --refuse) someone else's request (leads)."""
    from enforcement.reid import decide

    expires = decide(_desk(obj), obj.actor, request_id, not refuse)
    click.echo(
        f"{request_id} refused" if refuse else f"{request_id} approved until {_when(expires)} UTC"
    )


@reid.command("reveal")
@click.argument("request_id")
@click.pass_obj
def reid_reveal(obj: Context, request_id: str) -> None:
    """Show the originals while your grant lasts."""
    from enforcement.reid import reveal

    for subject, originals in reveal(_desk(obj), obj.actor, request_id).items():
        click.echo(subject)
        for o in originals:
            click.echo(f"  {o.kind:10} {o.value}")


@cli.group()
def audit() -> None:
    """Verify, prove and export the audit log."""


@audit.command("verify")
@click.option(
    "--public-key",
    default=None,
    help="Base64 Ed25519 key to check against [default: the home's audit/public_key.txt].",
)
@click.option(
    "--checkpoints",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A copy of the checkpoint file kept elsewhere.",
)
@click.pass_obj
def audit_verify(obj: Context, public_key: str | None, checkpoints: Path | None) -> None:
    """Check the chain, the Merkle root and the last signed checkpoint; exit 1 naming
    the first bad entry."""
    from enforcement.audit import verify

    store = obj.store()
    store.require_current()
    key = base64.b64decode(public_key) if public_key else None
    result = verify(store, obj.home, key, checkpoints)
    click.echo(result.message)
    if not result.ok:
        raise SystemExit(1)


@audit.command("checkpoint")
@click.pass_obj
def audit_checkpoint(obj: Context) -> None:
    """Sign the current head (after a crash between a write and its checkpoint)."""
    from enforcement.audit import AuditKeys, write_checkpoint

    cp = write_checkpoint(obj.store(), obj.home, AuditKeys(obj.keyring().audit_signing_key))
    click.echo(f"signed checkpoint of size {cp['size']}" if cp else "already signed")


@audit.command("prove")
@click.argument("entry", type=int, required=False)
@click.option(
    "--consistency-from",
    type=int,
    default=None,
    metavar="SIZE",
    help="Prove the log extends the checkpoint of this size instead.",
)
@click.pass_obj
def audit_prove(obj: Context, entry: int | None, consistency_from: int | None) -> None:
    """Print an inclusion proof of ENTRY (or a consistency proof) as JSON, for
    `python enforcement/merkle.py inclusion|consistency FILE`."""
    from enforcement.audit import prove_consistency, prove_inclusion

    store = obj.store()
    if consistency_from is not None:
        doc = prove_consistency(store, obj.home, consistency_from)
    elif entry is not None:
        doc = prove_inclusion(store, obj.home, entry)
    else:
        raise click.UsageError("give ENTRY, or --consistency-from SIZE")
    click.echo(json.dumps(doc, indent=1))


@audit.command("export")
@click.option("--since", type=click.DateTime(), default=None, help="Only decisions from then.")
@click.pass_obj
def audit_export(obj: Context, since: datetime | None) -> None:
    """Every decision with its statement of reasons as JSON Lines (uncapped), for
    transparency reports. The export itself is audited."""
    from enforcement.audit import AuditEvent, AuditKeys, audited, record
    from enforcement.decisions import export_decisions

    desk = _desk(obj, False)
    rows = export_decisions(desk, since.astimezone() if since else None)
    for r in rows:
        click.echo(json.dumps(r, default=str, ensure_ascii=False))
    keys = None
    if os.environ.get("WARDEN_PASSPHRASE") or os.environ.get("WARDEN_KEY_FILE"):
        keys = AuditKeys(obj.keyring().audit_signing_key)
    with audited(desk.store, obj.home, keys) as con:
        record(con, AuditEvent(obj.actor, "audit.exported", None, {"decisions": len(rows)}))


@cli.group()
def actions() -> None:
    """Deliver enforcement actions from the outbox."""


@actions.command("list")
@click.pass_obj
def actions_list(obj: Context) -> None:
    """Entries waiting for delivery."""
    from enforcement.outbox import pending

    for key, payload in pending(_desk(obj, False)):
        click.echo(f"{key}  {payload['action']:10} {payload['subject']}")


@actions.command("deliver")
@click.option("--webhook", default=None, metavar="URL", help="POST each entry here.")
@click.option(
    "--jsonl",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append the entries to this file instead.",
)
@click.option(
    "--secret-env",
    default="WARDEN_WEBHOOK_SECRET",
    show_default=True,
    help="Environment variable holding the HMAC secret for the signature header.",
)
@click.option("--attempts", type=click.IntRange(1, 20), default=5, show_default=True)
@click.option(
    "--backoff",
    type=float,
    default=0.5,
    show_default=True,
    help="Seconds before the first retry; doubles each time.",
)
@click.pass_obj
def actions_deliver(
    obj: Context,
    webhook: str | None,
    jsonl: Path | None,
    secret_env: str,
    attempts: int,
    backoff: float,
) -> None:
    """Deliver every effective decision not delivered yet, once."""
    from enforcement.outbox import deliver_jsonl, deliver_webhook

    if (webhook is None) == (jsonl is None):
        raise click.UsageError("give exactly one of --webhook URL or --jsonl FILE")
    desk = _desk(obj)
    if webhook:
        secret = os.environ.get(secret_env)
        if not secret:
            raise WardenError(f"set {secret_env} to the webhook's shared secret")
        report = deliver_webhook(
            desk, webhook, secret.encode(), obj.actor, max_attempts=attempts, backoff=backoff
        )
    else:
        assert jsonl is not None
        report = deliver_jsonl(desk, jsonl, obj.actor)
    click.echo(
        f"delivered {len(report.delivered)}, failed {len(report.failed)}, "
        f"attempts {report.attempts}"
    )
    for key, err in report.failed.items():
        click.echo(f"  {key}: {err}", err=True)
    if report.failed:
        raise SystemExit(1)

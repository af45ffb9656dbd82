"""``warden cases``, ``warden reid``, ``warden audit`` and ``warden actions``.

The acting user is ``$WARDEN_USER`` (else the login name); roles come from
``[enforcement.roles]`` in warden.toml.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import click

from app.cli.context import Context
from enforcement import cases as case_api
from enforcement import decisions as decision_api
from enforcement import outbox
from enforcement import reid as reid_api
from enforcement.desk import Desk
from warden import audit as audit_log
from warden.errors import WardenError


def _desk(obj: Context, need_keys: bool = True) -> Desk:
    return obj.desk(need_keys)


def _when(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M") if dt else "-"


@click.group()
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
    rows = case_api.list_cases(
        _desk(obj, False),
        states=state or case_api.UNFINISHED,
        policy=policy,
        severity=severity,
        assignee=assignee,
        include_held=held,
        limit=limit,
    )
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in rows], default=str, indent=1))
        return
    click.echo(
        f"{'case':8} {'prio':>6} {'state':17} {'sev':8} {'risk':>5} {'kind':7} "
        f"{'assignee':10} {'due':16} subject"
    )
    for r in rows:
        due = _when(r.due_at) + (" !" if r.overdue else "")
        click.echo(
            f"{r.case_id:8} {r.priority:6.1f} {r.state:17} {r.severity:8} "
            f"{r.risk:5.2f} {r.kind:7} {r.assignee or '-':10} {due:16} {r.subject}"
        )


@cases.command("inbox")
@click.pass_obj
def cases_inbox(obj: Context) -> None:
    """What waits for your approval (leads): severe decisions and re-identification
    requests of others (the dashboard's "Awaiting my approval")."""
    desk = _desk(obj, False)
    for p in decision_api.awaiting_approval(desk, obj.actor):
        click.echo(
            f"{p.decision_id}  {p.case_id}  {p.action} under {p.policy} by {p.actor}, "
            f"{_when(p.created_at)} UTC: warden cases approve {p.decision_id}"
        )
    for r in reid_api.awaiting_approval(desk, obj.actor):
        click.echo(
            f"{r.request_id}  {r.case_id}  re-identification by {r.requester}: "
            f"{r.justification} -- warden reid approve {r.request_id}"
        )


@cases.command("template")
@click.argument("policy")
@click.option("--set", "text", default=None, help="New template text ('' removes it; leads).")
@click.pass_obj
def cases_template(obj: Context, policy: str, text: str | None) -> None:
    """Show or set the statement-of-reasons template of a policy."""
    if text is None:
        click.echo(decision_api.templates(_desk(obj, False)).get(policy, ""))
        return
    decision_api.set_template(_desk(obj), obj.actor, policy, text)
    click.echo(f"template of {policy} {'saved' if text.strip() else 'removed'}")


@cases.command("show")
@click.argument("case_id")
@click.pass_obj
def cases_show(obj: Context, case_id: str) -> None:
    """A case with its evidence, decisions and appeals (JSON)."""
    click.echo(
        json.dumps(case_api.get_case(_desk(obj, False), case_id).to_dict(), default=str, indent=1)
    )


@cases.command("claim")
@click.argument("case_id")
@click.pass_obj
def cases_claim(obj: Context, case_id: str) -> None:
    """Claim a case for review (the claim times out)."""
    until = case_api.claim(_desk(obj), obj.actor, case_id)
    click.echo(f"{case_id} claimed by {obj.actor} until {_when(until)} UTC")


@cases.command("release")
@click.argument("case_id")
@click.pass_obj
def cases_release(obj: Context, case_id: str) -> None:
    """Give a claimed case back to the queue."""
    case_api.release(_desk(obj), obj.actor, case_id)
    click.echo(f"{case_id} released")


@cases.command("release-held")
@click.pass_obj
def cases_release_held(obj: Context) -> None:
    """Release every case the sweep's flood guard held into the queue (leads)."""
    ids = case_api.release_held(_desk(obj), obj.actor)
    click.echo(f"{len(ids)} held cases released into the queue")


@cases.command("reassign")
@click.argument("case_id")
@click.argument("to_user")
@click.pass_obj
def cases_reassign(obj: Context, case_id: str, to_user: str) -> None:
    """Hand a case to another analyst (leads)."""
    case_api.reassign(_desk(obj), obj.actor, case_id, to_user)
    click.echo(f"{case_id} assigned to {to_user}")


@cases.command("escalate")
@click.argument("case_id")
@click.option("--reason", required=True)
@click.pass_obj
def cases_escalate(obj: Context, case_id: str, reason: str) -> None:
    """Flag a case for a lead; raises its severity one step."""
    case_api.escalate(_desk(obj), obj.actor, case_id, reason)
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
@click.option(
    "--override-claim",
    "override",
    default=None,
    metavar="REASON",
    help="Leads: decide a case another analyst has claimed, saying why (audited).",
)
@click.pass_obj
def cases_decide(
    obj: Context, case_id: str, action: str, policy: str, rationale: str, override: str | None
) -> None:
    """Record a decision on a claimed case. Suspend and ban wait for a lead's approval."""
    did = decision_api.decide(
        _desk(obj), obj.actor, case_id, action, policy, rationale, override=override
    )
    waits = action in ("suspend", "ban")
    click.echo(
        f"{did} recorded on {case_id}: {action}"
        + (" (pending approval by another lead)" if waits else " (effective)")
    )


@cases.command("decide-members")
@click.argument("case_id")
@click.option(
    "--action",
    required=True,
    type=click.Choice(["no_action", "warn", "rate_limit", "suspend", "ban"]),
)
@click.option("--policy", required=True, help="Policy id from warden.toml.")
@click.option("--rationale", required=True, help="Why: the statement of reasons.")
@click.pass_obj
def cases_decide_members(
    obj: Context, case_id: str, action: str, policy: str, rationale: str
) -> None:
    """Decide a group case member by member (each member's own case and decision), then
    the group."""
    result = decision_api.decide_members(_desk(obj), obj.actor, case_id, action, policy, rationale)
    for member, did in result.decisions.items():
        click.echo(f"{did} {member}")
    for member, why in result.skipped.items():
        click.echo(f"skipped {member}: {why}", err=True)
    click.echo(f"{result.group_decision} {case_id} (the group)")


@cases.command("approve")
@click.argument("decision_id")
@click.option("--refuse", is_flag=True, help="Refuse instead of approving.")
@click.option("--note", default=None)
@click.pass_obj
def cases_approve(obj: Context, decision_id: str, refuse: bool, note: str | None) -> None:
    """Approve (or --refuse) a pending suspend or ban; not your own (four eyes)."""
    decision_api.approve(_desk(obj), obj.actor, decision_id, not refuse, note)
    click.echo(f"{decision_id} {'refused' if refuse else 'approved'}")


@cases.command("appeal")
@click.argument("case_id")
@click.option("--statement", required=True, help="The account holder's appeal.")
@click.pass_obj
def cases_appeal(obj: Context, case_id: str, statement: str) -> None:
    """Record an appeal of a decided case; it returns to the queue."""
    aid = decision_api.appeal(_desk(obj), obj.actor, case_id, statement)
    click.echo(f"{aid} filed on {case_id}")


@cases.command("reverse")
@click.argument("decision_id")
@click.option("--rationale", required=True)
@click.pass_obj
def cases_reverse(obj: Context, decision_id: str, rationale: str) -> None:
    """Reverse a decision with a new one (leads). Nothing is edited or deleted."""
    new = decision_api.reverse(_desk(obj), obj.actor, decision_id, rationale)
    click.echo(f"{new} reverses {decision_id}")


@cases.command("close")
@click.argument("case_id")
@click.pass_obj
def cases_close(obj: Context, case_id: str) -> None:
    """Close a decided case (leads)."""
    case_api.close(_desk(obj), obj.actor, case_id)
    click.echo(f"{case_id} closed")


@click.group()
def reid() -> None:
    """Break-glass re-identification: request, approve, reveal (all audited)."""


@reid.command("request")
@click.argument("case_id")
@click.option("--justification", required=True)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    required=True,
    type=click.Choice(reid_api.KINDS),
    help="An identifier kind needed (repeatable); only these are revealed.",
)
@click.pass_obj
def reid_request(obj: Context, case_id: str, justification: str, kinds: tuple[str, ...]) -> None:
    """Ask to see the originals of a case's subjects: only the kinds named."""
    click.echo(reid_api.request(_desk(obj), obj.actor, case_id, justification, kinds))


@reid.command("list")
@click.argument("case_id")
@click.pass_obj
def reid_list(obj: Context, case_id: str) -> None:
    """The re-identification requests of a case and where they stand."""
    for r in reid_api.requests_for_case(_desk(obj, False), case_id):
        until = f" until {_when(r.expires_at)} UTC" if r.expires_at else ""
        click.echo(
            f"{r.request_id}  {r.state:8} by {r.requester}{until}, kinds "
            f"{', '.join(r.kinds)}: {r.justification}"
            + (f" -- {r.approver}: {r.approver_note}" if r.approver_note else "")
        )


@reid.command("approve")
@click.argument("request_id")
@click.option("--refuse", is_flag=True)
@click.option("--note", required=True, help="Why you approve or refuse (kept with it).")
@click.pass_obj
def reid_approve(obj: Context, request_id: str, refuse: bool, note: str) -> None:
    """Approve (or --refuse) someone else's request (leads), saying why."""
    expires = reid_api.decide(_desk(obj), obj.actor, request_id, not refuse, note)
    click.echo(
        f"{request_id} refused" if refuse else f"{request_id} approved until {_when(expires)} UTC"
    )


@reid.command("reveal")
@click.argument("request_id")
@click.pass_obj
def reid_reveal(obj: Context, request_id: str) -> None:
    """Show the originals while your grant lasts."""
    for subject, originals in reid_api.reveal(_desk(obj), obj.actor, request_id).items():
        click.echo(subject)
        for o in originals:
            click.echo(f"  {o.kind:10} {o.value}")


@click.group()
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
    store = obj.store()
    store.require_current()
    key = base64.b64decode(public_key) if public_key else None
    result = audit_log.verify(store, obj.home, key, checkpoints)
    click.echo(result.message)
    if not result.ok:
        raise SystemExit(1)


@audit.command("log")
@click.option("--action", "actions", multiple=True, help="Only these actions (repeatable).")
@click.option("--actor", "actors", multiple=True, help="Only these actors (repeatable).")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def audit_log_cmd(
    obj: Context, actions: tuple[str, ...], actors: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """The latest audit entries, newest first (the dashboard's Audit page)."""
    store = obj.store()
    store.require_current()
    rows = audit_log.entries(store, actions=list(actions), actors=list(actors), limit=limit)
    if as_json:
        click.echo(json.dumps([asdict(e) for e in rows], indent=1))
        return
    for e in rows:
        subject = f" on {e.subject}" if e.subject else ""
        click.echo(f"{e.seq:6d} {e.ts[:19]} {e.action} by {e.actor}{subject} {e.details}")


@audit.command("checkpoint")
@click.pass_obj
def audit_checkpoint(obj: Context) -> None:
    """Sign the current head (after a crash between a write and its checkpoint)."""
    cp = audit_log.write_checkpoint(
        obj.store(), obj.home, audit_log.AuditKeys(obj.keyring().audit_signing_key)
    )
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
    `python warden/merkle.py inclusion|consistency FILE`."""
    store = obj.store()
    if consistency_from is not None:
        doc = audit_log.prove_consistency(store, obj.home, consistency_from)
    elif entry is not None:
        doc = audit_log.prove_inclusion(store, obj.home, entry)
    else:
        raise click.UsageError("give ENTRY, or --consistency-from SIZE")
    click.echo(json.dumps(doc, indent=1))


@audit.command("export")
@click.option("--since", type=click.DateTime(), default=None, help="Only decisions from then.")
@click.pass_obj
def audit_export(obj: Context, since: datetime | None) -> None:
    """Every decision with its statement of reasons as JSON Lines (uncapped), for
    transparency reports. The export itself is audited (its checkpoint signed when the
    keyring is available)."""
    desk = _desk(obj, False)
    desk = Desk.open(desk.config, obj.session.keyring_if_available())
    rows = decision_api.export_decisions(desk, since.astimezone() if since else None)
    for r in rows:
        click.echo(json.dumps(r, default=str, ensure_ascii=False))
    decision_api.record_export(desk, obj.actor, len(rows), "cli")


@click.group()
def actions() -> None:
    """Deliver enforcement actions from the outbox."""


@actions.command("list")
@click.pass_obj
def actions_list(obj: Context) -> None:
    """Entries waiting for delivery."""
    for key, payload in outbox.pending(_desk(obj, False)):
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
    if (webhook is None) == (jsonl is None):
        raise click.UsageError("give exactly one of --webhook URL or --jsonl FILE")
    desk = _desk(obj)
    if webhook:
        secret = os.environ.get(secret_env)
        if not secret:
            raise WardenError(f"set {secret_env} to the webhook's shared secret")
        report = outbox.deliver_webhook(
            desk, webhook, secret.encode(), obj.actor, max_attempts=attempts, backoff=backoff
        )
    else:
        assert jsonl is not None
        report = outbox.deliver_jsonl(desk, jsonl, obj.actor)
    click.echo(
        f"delivered {len(report.delivered)}, failed {len(report.failed)}, "
        f"attempts {report.attempts}"
    )
    for key, err in report.failed.items():
        click.echo(f"  {key}: {err}", err=True)
    if report.failed:
        raise SystemExit(1)

"""``warden pseudonym``, ``warden keys`` and ``warden erase``."""

from __future__ import annotations

import click

from app.cli.context import Context
from redaction.erasure import erase_subject
from redaction.pseudonym import Pseudonymizer
from redaction.rotation import rekeyed_version
from redaction.rotation import rotate as do_rotate
from warden.audit import AuditEvent, AuditKeys, audited, record


@click.command()
@click.argument(
    "kind", type=click.Choice(["account", "org", "api_key", "email", "ip", "ip_net", "user_agent"])
)
@click.argument("values", nargs=-1, required=True)
@click.pass_obj
def pseudonym(obj: Context, kind: str, values: tuple[str, ...]) -> None:
    """Print the pseudonym of each VALUE as an identifier of KIND, one per line, in order.

    For checking whether a reported account, e-mail or address is in the data. The
    lookup is audited (the kind and count, never the values).
    """

    ring = obj.keyring()
    p = Pseudonymizer(ring.pseudonym_keys, ring.current_version)
    out = [p.pseudonym(kind, v) for v in values]
    store = obj.store()
    store.require_current()
    with audited(store, obj.home, AuditKeys(ring.audit_signing_key)) as con:
        record(
            con,
            AuditEvent(obj.actor, "pseudonym.lookup", None, {"kind": kind, "count": len(values)}),
        )
    for line in out:
        click.echo(line)


@click.group()
def keys() -> None:
    """Manage the keyring's pseudonym keys."""


@keys.command()
@click.pass_obj
def rotate(obj: Context) -> None:
    """Make a new pseudonym key version and re-key the whole store to it.

    Every stored pseudonym of a value held in the vault is rewritten, so an account
    seen before and after rotation stays one account. Finishes an interrupted
    rotation instead of starting another. Audited.
    """

    store = obj.store()
    store.require_current()
    result = do_rotate(store, obj.keyring(), obj.actor)
    click.echo(
        f"pseudonym key v{result.old_version} -> v{result.new_version}: "
        f"{result.subjects} subjects, {result.pseudonyms} pseudonyms, "
        f"{result.text_rows} text rows re-keyed"
    )


@keys.command("status")
@click.pass_obj
def key_status(obj: Context) -> None:
    """Show the key versions in the keyring and the one the store is keyed with."""
    ring = obj.keyring()
    store = obj.store()
    with store.read() as con:
        v = rekeyed_version(con)
    click.echo(f"keyring versions: {', '.join(f'v{k}' for k in sorted(ring.pseudonym_keys))}")
    click.echo(f"current: v{ring.current_version}; store keyed with: v{v}")


@click.command()
@click.option(
    "--account",
    "account",
    required=True,
    metavar="PSEUDONYM",
    help="The account pseudonym (ac_v..._...) of the subject to erase.",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def erase(obj: Context, account: str, yes: bool) -> None:
    """Erase a subject: destroy its data key so its originals can never be recovered.

    Pseudonymous data (events, scores, cases) stays: it no longer links to a person
    without the originals. Audited.
    """

    if not yes:
        click.confirm(f"Erase {account} for good?", abort=True)
    store = obj.store()
    store.require_current()
    n = erase_subject(store, obj.keyring(), account, obj.actor)
    click.echo(f"erased {account}: {n} original values destroyed")

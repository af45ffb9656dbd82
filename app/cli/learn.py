"""``warden model`` (the ranking learned from decisions) and ``warden export``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from app import flywheel
from app.cli.context import Context
from enforcement.decisions import final_labels
from investigate import learn


def _line(m: learn.ModelVersion) -> str:
    x = m.metrics
    return (
        f"model {m.version}  {m.state:9}  trained {m.created_at:%Y-%m-%d %H:%M} by "
        f"{m.trained_by}; {m.n_train} older decisions, measured on {m.n_test} newer: "
        f"AP {x['model_ap']:.3f} vs unsupervised {x['unsupervised_ap']:.3f} "
        f"(chance {x['chance_ap']:.3f})"
    )


def _as_dict(m: learn.ModelVersion) -> dict[str, object]:
    return {
        "version": m.version,
        "state": m.state,
        "created_at": m.created_at.isoformat(),
        "trained_by": m.trained_by,
        "decisions_from": m.decisions_from.isoformat(),
        "decisions_to": m.decisions_to.isoformat(),
        "tested_to": m.tested_to.isoformat(),
        "n_train": m.n_train,
        "n_test": m.n_test,
        "metrics": m.metrics,
        "reason": m.reason,
        "requested_by": m.requested_by,
        "promoted_by": m.promoted_by,
        "importances": m.importances()[:10],
    }


@click.group()
def model() -> None:
    """The ranking learned from analysts' decisions: train, evaluate, promote, roll back."""


@model.command("status")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def model_status(obj: Context, as_json: bool) -> None:
    """The live model, every version in the registry, and the decisions to learn from."""
    st = flywheel.status(obj.desk(False))
    if as_json:
        click.echo(
            json.dumps(
                {
                    "live": st.live.version if st.live else None,
                    "decided": st.decided,
                    "actioned": st.actioned,
                    "needed": st.needed,
                    "versions": [_as_dict(m) for m in st.versions],
                },
                indent=1,
            )
        )
        return
    click.echo(
        f"decided accounts: {st.decided} ({st.actioned} actioned); training needs {st.needed}"
    )
    click.echo(
        f"live: model {st.live.version}" if st.live else "live: none (the unsupervised ranking)"
    )
    for m in st.versions:
        click.echo(_line(m))


@model.command("evaluate")
@click.pass_obj
def model_evaluate(obj: Context) -> None:
    """Train on the older decisions and measure on the newest, registering nothing."""
    desk = obj.desk(False)
    trained = learn.train(desk.store, desk.config, final_labels(desk))
    click.echo(trained["reason"])


@model.command("train")
@click.pass_obj
def model_train(obj: Context) -> None:
    """Train and register a model (leads): a candidate if it beats the unsupervised
    ranking on the newest decisions, else refused, with the figures either way."""
    m = flywheel.train_model(obj.desk(), obj.actor)
    click.echo(_line(m))
    click.echo(m.reason)
    if m.state == "candidate":
        click.echo(f"to put it live: warden model promote {m.version} (a second lead approves)")


@model.command("promote")
@click.argument("version", type=int)
@click.pass_obj
def model_promote(obj: Context, version: int) -> None:
    """Ask for a candidate to go live (leads); another lead approves."""
    flywheel.request_promotion(obj.desk(), obj.actor, version)
    click.echo(f"model {version} waits for a second lead: warden model approve {version}")


@model.command("approve")
@click.argument("version", type=int)
@click.option("--note", default="", help="A comment kept in the audit log.")
@click.pass_obj
def model_approve(obj: Context, version: int, note: str) -> None:
    """Approve a pending promotion (a lead other than the one who asked)."""
    flywheel.decide_promotion(obj.desk(), obj.actor, version, True, note)
    click.echo(f"model {version} is live; the next detection run uses it")


@model.command("refuse")
@click.argument("version", type=int)
@click.option("--note", default="", help="A comment kept in the audit log.")
@click.pass_obj
def model_refuse(obj: Context, version: int, note: str) -> None:
    """Refuse a pending promotion (a lead other than the one who asked)."""
    flywheel.decide_promotion(obj.desk(), obj.actor, version, False, note)
    click.echo(f"promotion of model {version} refused")


@model.command("rollback")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@click.pass_obj
def model_rollback(obj: Context, reason: str) -> None:
    """Retire the live model; the one live before it (or none) takes over (leads)."""
    retired, back = flywheel.rollback(obj.desk(), obj.actor, reason)
    now = f"model {back}" if back else "the unsupervised ranking alone"
    click.echo(f"model {retired} retired; live now: {now}")


@click.group()
def export() -> None:
    """Sensitive exports (audited): the redacted training set."""


@export.command("training-set")
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A new or empty directory.",
)
@click.option("--reason", required=True, help="Why it is exported (kept in the audit log).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def export_training_set(obj: Context, out: Path, reason: str, as_json: bool) -> None:
    """Redacted prompts and completions of decided accounts with their labels, split
    by account into train.parquet and test.parquet, with DATASHEET.md (leads)."""
    res = flywheel.export_training_set(obj.desk(), obj.actor, out, reason)
    if as_json:
        click.echo(json.dumps(res.to_dict(), indent=1))
        return
    click.echo(
        f"{out}: train {res.rows['train']} texts of {res.accounts['train']} accounts, "
        f"test {res.rows['test']} of {res.accounts['test']}; {res.exact_duplicates} exact "
        f"and {res.near_duplicates} near duplicates left out; residual scan clean; "
        "see DATASHEET.md"
    )

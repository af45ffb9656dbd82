"""The data flywheel: analysts' decisions train the ranking and become a redacted
training set (docs/learning.md). The command line (`warden model`, `warden export`),
the dashboard's Model page and the notebook's ``Workspace`` all call these.

Who may: training, asking for a promotion, rolling back and exporting need the lead
role; a promotion goes live only when a second lead approves it (four eyes, the desk's
one check). Every step is audited in the transaction that makes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from enforcement.decisions import final_labels
from enforcement.desk import Desk, utcnow
from investigate import learn
from redaction import export as export_api
from warden import __version__
from warden.errors import StateError

MIN_REASON = 10


def train_model(desk: Desk, user: str) -> learn.ModelVersion:
    """Train on every final decision, measure on the newest, register the result as a
    ``candidate`` (it beats the unsupervised ranking) or ``refused`` (it does not)."""
    desk.require(user, "lead")
    trained = learn.train(desk.store, desk.config, final_labels(desk))
    now = utcnow()
    with desk.write() as con:
        version = learn.register(con, trained, user, now)
        desk.audit(
            con,
            user,
            "model.trained",
            f"model:{version}",
            {"state": trained["state"], **trained["metrics"], "n_train": trained["n_train"]},
            now=now,
        )
        return learn.get(con, version)


def request_promotion(desk: Desk, user: str, version: int) -> None:
    """A lead asks for a candidate (or a model live before) to go live."""
    desk.require(user, "lead")
    with desk.write() as con:
        learn.request_promotion(con, version, user)
        desk.audit(con, user, "model.promotion_requested", f"model:{version}", {})


def decide_promotion(
    desk: Desk, user: str, version: int, approved: bool = True, note: str = ""
) -> None:
    """A second lead approves (the model goes live, the one before retires) or refuses."""
    now = utcnow()
    with desk.write() as con:
        m = learn.get(con, version)
        if m.state != "pending" or m.requested_by is None:
            raise StateError(f"model {version} is {m.state}; no promotion of it is waiting")
        desk.require_second_lead(user, m.requested_by, "the promotion request")
        before = learn.decide_promotion(con, version, user, approved, now)
        desk.audit(
            con,
            user,
            "model.promoted" if approved else "model.promotion_refused",
            f"model:{version}",
            {
                "requested_by": m.requested_by,
                "retired": before.version if before else None,
                "model_ap": m.metrics.get("model_ap"),
                "unsupervised_ap": m.metrics.get("unsupervised_ap"),
            },
            private={"note": note} if note else None,
            now=now,
        )


def rollback(desk: Desk, user: str, reason: str) -> tuple[int, int | None]:
    """A lead retires the live model; the one live before it (or none) takes over at
    once, without a second lead: going back to what two leads approved is always safe."""
    desk.require(user, "lead")
    why = " ".join(reason.split())
    if len(why) < MIN_REASON:
        raise StateError(f"say why the model is rolled back (at least {MIN_REASON} characters)")
    now = utcnow()
    with desk.write() as con:
        retired, back = learn.rollback(con, now)
        desk.audit(
            con,
            user,
            "model.rolled_back",
            f"model:{retired}",
            {"live_now": back},
            private={"reason": why},
            now=now,
        )
    return retired, back


@dataclass(frozen=True)
class ModelStatus:
    live: learn.ModelVersion | None
    versions: list[learn.ModelVersion]
    decided: int  # accounts with a final decision
    actioned: int
    needed: int  # learning.min_decisions


def status(desk: Desk) -> ModelStatus:
    labels = final_labels(desk)
    models = learn.versions(desk.store)
    return ModelStatus(
        live=next((m for m in models if m.state == "live"), None),
        versions=models,
        decided=len(labels),
        actioned=sum(lb.actioned for lb in labels),
        needed=desk.config.learning.min_decisions,
    )


def export_training_set(desk: Desk, user: str, out: Path, reason: str) -> export_api.ExportResult:
    """Write the redacted training set of decided accounts to ``out`` (a new or empty
    directory): ``train.parquet``, ``test.parquet``, ``DATASHEET.md``. Audited as a
    sensitive export; a refused one (residual personal data) is audited too."""
    desk.require(user, "lead")
    why = " ".join(reason.split())
    if len(why) < MIN_REASON:
        raise StateError(
            f"say why the training set is exported (--reason, at least {MIN_REASON} "
            "characters): the export is audited as a sensitive one"
        )
    export_api.check_out_dir(out)
    ln = desk.config.learning
    labels = final_labels(desk)
    try:
        result, tables = export_api.training_set(
            desk.store,
            labels,
            out,
            test_share=ln.export_test_share,
            near_duplicate=ln.near_duplicate,
        )
    except export_api.ResidualPII as exc:
        with desk.write() as con:
            desk.audit(
                con,
                user,
                "export.training_set_refused",
                None,
                {"findings": exc.findings},
                private={"reason": why},
            )
        raise
    now = utcnow()
    sheet = export_api.datasheet(
        result,
        actor=user,
        reason=why,
        created=now,
        policies={p.id: p.title for p in desk.config.enforcement.policies},
        test_share=ln.export_test_share,
        near_duplicate=ln.near_duplicate,
        redaction_profile=desk.config.redaction.profile,
        version=__version__,
    )
    written = export_api.write(result, tables, sheet)
    try:
        _audit_export(desk, user, result, out, why, now)
    except BaseException:
        for f in written:  # an export the audit log does not show must not remain
            f.unlink(missing_ok=True)
        raise
    return result


def _audit_export(
    desk: Desk, user: str, result: export_api.ExportResult, out: Path, why: str, now: datetime
) -> None:
    with desk.write() as con:
        desk.audit(
            con,
            user,
            "export.training_set",
            None,
            {
                "rows": result.rows,
                "accounts": result.accounts,
                "labels": result.labels,
                "near_duplicates": result.near_duplicates,
                "out": str(out.resolve()),
            },
            private={"reason": why},
            now=now,
        )

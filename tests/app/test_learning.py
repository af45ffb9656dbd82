"""Learning from decisions, end to end on the generator: a simulated analyst decides 200
accounts through the desk's calls, a model is trained on the older decisions and
measured on the newer ones, promoted with four eyes, used by the next sweep (with
exploration), rolled back; the training-set export and its contract."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from app import flywheel
from app.cli import cli
from app.demo import analyst, generate
from app.sweep import sweep
from enforcement import cases as case_api
from enforcement import decisions as decision_api
from enforcement.desk import Desk, utcnow
from investigate import learn
from redaction.leakcheck import leaked
from redaction.scan import scan_text
from tests.app.conftest import PW, make_home, settled
from warden.config import LearningConfig, load_config
from warden.errors import StateError
from warden.keys.keyring import Keyring, Unlock
from warden.labels import Label

DECIDE = 200


@dataclass
class Learned:
    home: Path
    logs: Path
    inbox: Path
    later: bytes  # the last fifth of the log, for the second sweep
    ring: Keyring
    decided: list[str]

    def desk(self) -> Desk:
        return Desk.open(load_config(self.home), self.ring)


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Learned]:
    root = tmp_path_factory.mktemp("learn")
    logs = root / "logs"
    generate(logs, accounts=260, seed=29, variant="timing")
    home = make_home(root / "home")
    ring = Keyring.open(home, Unlock(passphrase=PW))
    inbox = root / "inbox"
    inbox.mkdir()
    lines = (logs / "usage.jsonl").read_bytes().splitlines(keepends=True)
    cut = len(lines) * 4 // 5
    settled(inbox / "day1.jsonl", b"".join(lines[:cut]))
    sweep(load_config(home), ring, inbox=inbox)
    desk = Desk.open(load_config(home), ring)
    truth = analyst.truth_by_pseudonym(logs / "truth", ring)
    decided = analyst.decide(desk, truth, DECIDE, analyst="alice", lead="bob")
    yield Learned(home, logs, inbox, b"".join(lines[cut:]), ring, decided)


def _cli(home: Path, user: str, *args: str) -> Any:
    env = {"WARDEN_HOME": str(home), "WARDEN_PASSPHRASE": PW, "WARDEN_USER": user}
    return CliRunner().invoke(cli, list(args), env=env)


def _export(home: Path, user: str, out: Path) -> Any:
    return _cli(
        home,
        user,
        "export",
        "training-set",
        "--out",
        str(out),
        "--reason",
        "retrain the moderation classifier",
    )


def _audit(home: Path, action: str) -> list[dict[str, Any]]:
    desk = Desk.open(load_config(home), None)
    with desk.store.read() as con:
        rows = con.execute(
            "SELECT actor, subject, details FROM audit_log WHERE action = ? ORDER BY seq",
            [action],
        ).fetchall()
    return [{"actor": a, "subject": s, **json.loads(d)} for a, s, d in rows]


def test_model_beats_the_unsupervised_ranking_goes_live_with_four_eyes_and_rolls_back(
    learned: Learned,
) -> None:
    desk = learned.desk()
    labels = decision_api.final_labels(desk)
    assert len(labels) == DECIDE == len(set(learned.decided))
    # analysts cannot train; a lead can, and the figures are printed side by side
    assert _cli(learned.home, "alice", "model", "train").exit_code == 1
    out = _cli(learned.home, "bob", "model", "train")
    assert out.exit_code == 0, out.output
    print(out.output)
    m = re.search(r"model ([\d.]+), unsupervised ranking ([\d.]+), chance ([\d.]+)", out.output)
    assert m, out.output
    model_ap, unsup_ap, chance = map(float, m.groups())
    assert model_ap >= unsup_ap + desk.config.learning.min_gain and model_ap > chance
    (version,) = [v for v in learn.versions(desk.store)]
    assert version.state == "candidate" and version.n_test == 60 and version.n_train == 140
    assert version.metrics["accounts_in_both"] == 0
    assert version.decisions_to <= sorted(lb.decided_at for lb in labels)[140]
    # four eyes: the lead who asked cannot approve, an analyst cannot ask
    assert _cli(learned.home, "alice", "model", "promote", "1").exit_code == 1
    assert _cli(learned.home, "bob", "model", "promote", "1").exit_code == 0
    own = _cli(learned.home, "bob", "model", "approve", "1")
    assert own.exit_code == 1 and "four eyes" in own.output
    assert learn.live(desk.store) is None
    ok = _cli(learned.home, "carol", "model", "approve", "1", "--note", "checked the figures")
    assert ok.exit_code == 0, ok.output
    assert learn.live(desk.store) is not None
    # the next sweep ranks with it, explains both parts, and explores
    settled(learned.inbox / "day2.jsonl", learned.later)
    result = sweep(load_config(learned.home), learned.ring, inbox=learned.inbox)
    with desk.store.read() as con:
        run_id, params = con.execute(
            "SELECT run_id, params FROM detection_runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        scores = con.execute(
            "SELECT account, score, signals, reasons FROM account_scores WHERE run_id = ?",
            [run_id],
        ).fetchall()
    assert json.loads(params)["model"] == 1
    for _, score, signals, reasons in scores:
        sig = json.loads(signals)
        blended = 0.5 * sig["unsupervised"] + 0.5 * sig["model"]
        assert abs(score - blended) < 1e-3
        assert json.loads(reasons)[0].startswith("learned from decisions (model 1)")
    explored = [
        c
        for c in case_api.list_cases(desk, states=case_api.UNFINISHED, limit=10_000)
        if (c.top_reason or "").startswith("exploration:")
    ]
    kinds = {c.top_reason.split(" ")[1] for c in explored if c.top_reason}
    assert kinds == {"ranked", "drawn"}, "a sweep with a live model explores both ways"
    assert not {c.subject for c in explored} & {lb.account for lb in labels}
    assert result.cases_opened >= len(explored)
    # rollback: back to the unsupervised ranking alone, audited with its reason
    assert _cli(learned.home, "alice", "model", "rollback", "--reason", "drift seen").exit_code
    back = _cli(learned.home, "bob", "model", "rollback", "--reason", "drift seen in week 2")
    assert back.exit_code == 0 and "unsupervised ranking alone" in back.output
    assert learn.live(desk.store) is None
    assert [e["actor"] for e in _audit(learned.home, "model.trained")] == ["bob"]
    assert [e["actor"] for e in _audit(learned.home, "model.promotion_requested")] == ["bob"]
    assert [e["actor"] for e in _audit(learned.home, "model.promoted")] == ["carol"]
    assert [e["actor"] for e in _audit(learned.home, "model.rolled_back")] == ["bob"]


def test_promotion_is_refused_when_the_model_is_not_better(learned: Learned) -> None:
    """Labels that are the unsupervised ranking's own verdict: it is perfect on them, so
    no model can beat it, and the registry refuses to promote what it trained."""
    desk = learned.desk()
    labels = decision_api.final_labels(desk)
    ex = learn.examples(desk.store, labels)
    cut = np.quantile(ex.unsupervised, 0.7)
    verdict = dict(zip(ex.accounts, ex.unsupervised >= cut, strict=True))
    mimic = [replace(lb, actioned=bool(verdict[lb.account])) for lb in labels]
    trained = learn.train(desk.store, desk.config, mimic)
    assert trained["state"] == "refused"
    assert trained["metrics"]["unsupervised_ap"] == 1.0
    assert "cannot be promoted" in trained["reason"]
    with desk.write() as con:
        version = learn.register(con, trained, "bob", utcnow())
    with pytest.raises(StateError, match="cannot be promoted"):
        flywheel.request_promotion(desk, "bob", version)


def test_undecided_accounts_are_never_negatives(learned: Learned) -> None:
    desk = learned.desk()
    with desk.store.read() as con:
        scored = {r[0] for r in con.execute("SELECT account FROM account_scores").fetchall()}
    undecided = sorted(scored - set(learned.decided))[:3]
    pending, refused, cleared = undecided
    now = utcnow()
    for account, action in ((pending, "suspend"), (refused, "ban"), (cleared, "no_action")):
        case_id, _ = case_api.open_or_update(
            desk,
            kind="account",
            subject=account,
            members=[account],
            risk=0.1,
            reasons=["test"],
            source="t",
            actor="alice",
            now=now,
        )
        case_api.claim(desk, "alice", case_id, now=now)
        d = decision_api.decide(desk, "alice", case_id, action, "other", analyst.RATIONALE, now=now)
        if account == refused:
            decision_api.approve(desk, "bob", d, approved=False, now=now)
    labels = {lb.account: lb for lb in decision_api.final_labels(desk)}
    assert pending not in labels and refused not in labels  # not in force: no label
    assert labels[cleared].actioned is False and labels[cleared].name == "cleared"
    ex = learn.examples(desk.store, list(labels.values()))
    assert set(ex.accounts) <= set(labels)
    assert not set(ex.accounts) & (scored - set(labels))
    # a model is never trained on fewer decisions than configured
    few = list(labels.values())[:10]
    with pytest.raises(StateError, match="decide more cases"):
        learn.train(desk.store, desk.config, few)


def test_exploration_takes_its_share_of_the_queue() -> None:
    ranked = [(f"a{i:03d}", 1.0 - i / 1000) for i in range(500)]
    chosen = {f"a{i:03d}" for i in range(100, 185)}  # 85 the live ranking picked
    exclude = {"a000", "a001"}
    cfg = LearningConfig(explore_unsupervised=0.1, explore_random=0.05)
    ex = learn.explore(ranked, chosen, exclude, cfg, seed="sweep-1")
    total = len(chosen) + len(ex.unsupervised) + len(ex.random)
    assert len(ex.unsupervised) == 10 and len(ex.random) == 5 and total == 100
    assert ex.unsupervised == [f"a{i:03d}" for i in range(2, 12)]  # the top, minus excluded
    assert not (set(ex.random) | set(ex.unsupervised)) & (chosen | exclude)
    assert set(ex.random).isdisjoint(ex.unsupervised)
    assert learn.explore(ranked, chosen, exclude, cfg, seed="sweep-1") == ex
    assert learn.explore(ranked, chosen, exclude, cfg, seed="sweep-2").random != ex.random
    off = LearningConfig(explore_unsupervised=0.0, explore_random=0.0)
    assert learn.explore(ranked, chosen, exclude, off, seed="s") == learn.Exploration()
    assert learn.explore(ranked, set(), exclude, cfg, seed="s") == learn.Exploration()


def _words(text: str) -> set[str]:
    w = re.sub(r"[^\w]+", " ", text.lower()).split()
    return {" ".join(w[i : i + 3]) for i in range(max(1, len(w) - 2))}


def test_training_set_export(learned: Learned, tmp_path: Path) -> None:
    out = tmp_path / "ts"
    res = _export(learned.home, "alice", out)
    assert res.exit_code == 1 and "lead" in res.output and not out.exists()
    res = _export(learned.home, "bob", out)
    assert res.exit_code == 0, res.output
    train, test = (pq.read_table(out / f"{s}.parquet").to_pylist() for s in ("train", "test"))
    assert train and test
    for row in train + test:
        assert {"account", "text", "label"} <= set(row)
    # no account in both splits, no store pseudonym, one label per account
    assert not {r["account"] for r in train} & {r["account"] for r in test}
    assert all(r["account"].startswith("x_") and "ac_v" not in r["text"] for r in train + test)
    # no near-duplicate across the splits (an independent measure: word trigrams >= 0.8)
    test_sets = [_words(r["text"]) for r in test]
    for r in train:
        a = _words(r["text"])
        for b in test_sets:
            if min(len(a), len(b)) >= 0.8 * max(len(a), len(b)):
                assert len(a & b) < 0.8 * len(a | b), r["text"][:80]
    # zero residual PII: warden scan's checks, and the planted values of the generator
    assert not any(scan_text(r["text"]) for r in train + test)
    planted = {}
    for line in (learned.logs / "truth" / "events.jsonl").read_text().splitlines():
        t = json.loads(line)
        planted[t["request_id"]] = (t["pii"], t["ordinary"])
    desk = learned.desk()
    with desk.store.read() as con:
        source = {}
        for rid, prompt, completion in con.execute(
            "SELECT request_id, coalesce(json_extract_string(messages, '$[-1].content'), "
            "input_text), completion FROM events"
        ).fetchall():
            for text in (prompt, completion):
                if text:
                    source.setdefault(text, []).append(rid)
    checked = 0
    for r in train + test:
        for rid in source[r["text"]]:
            pii, ordinary = planted.get(rid, ([], []))
            # words the generator plants to be kept ("mention Paris") are not leaks of an
            # address in Paris: the default profile keeps places
            text = r["text"]
            for word in ordinary:
                text = text.replace(word, " ")
            for kind, value in pii:
                checked += 1
                assert not leaked(kind, value, text), (kind, r["text"][:80])
    assert checked > 50
    sheet = (out / "DATASHEET.md").read_text()
    for part in (
        "## Sources",
        "## Labels",
        "## Counts",
        "Time range",
        "## Residual personal",
        "bob",
        "retrain the moderation classifier",
        "0 findings",
    ):
        assert part in sheet, part
    labels = {r["label"] for r in train + test}
    assert "cleared" in labels and len(labels) >= 2
    for name in labels:
        assert f"`{name}`" in sheet
    (entry,) = _audit(learned.home, "export.training_set")
    assert entry["actor"] == "bob" and entry["rows"]["train"] == len(train)
    # an export never lands over earlier files
    again = _export(learned.home, "bob", out)
    assert again.exit_code == 1 and "empty directory" in again.output


def test_export_refuses_residual_pii_and_writes_nothing(learned: Learned, tmp_path: Path) -> None:
    desk = learned.desk()
    account = decision_api.final_labels(desk)[0].account
    with desk.store.write() as con:
        rid, original = con.execute(
            "SELECT request_id, completion FROM events WHERE account = ? "
            "AND completion IS NOT NULL ORDER BY request_id LIMIT 1",
            [account],
        ).fetchone()
        con.execute(  # a redaction miss
            "UPDATE events SET completion = ? WHERE request_id = ?",
            [original + " card 4111 1111 1111 1111", rid],
        )
    try:
        out = tmp_path / "refused"
        res = _export(learned.home, "bob", out)
        assert res.exit_code == 1 and "1 card" in res.output and "4111" not in res.output
        assert not out.exists() or not any(out.iterdir())
        (entry,) = _audit(learned.home, "export.training_set_refused")
        assert entry["findings"] == {"card": 1}
    finally:
        with desk.store.write() as con:
            con.execute("UPDATE events SET completion = ? WHERE request_id = ?", [original, rid])


def test_export_contract_without_decisions(tmp_path: Path) -> None:
    home = make_home(tmp_path / "empty")
    res = _export(home, "bob", tmp_path / "o")
    assert res.exit_code == 1
    assert "no account has a final decision" in res.output
    st = _cli(home, "bob", "model", "status")
    assert st.exit_code == 0 and "live: none" in st.output


def test_labels_name() -> None:
    lb = Label("a", False, "no_action", "spam", "D1", utcnow())
    assert lb.name == "cleared"
    assert replace(lb, actioned=True, action="warn").name == "spam"


def test_model_page_trains_promotes_with_a_second_lead_and_exports(
    learned: Learned, as_user: Any
) -> None:
    from streamlit.testing.v1 import AppTest

    page = str(Path(__file__).resolve().parents[2] / "app" / "dashboard" / "views" / "model.py")

    def open_as(user: str) -> AppTest:
        as_user(learned.home, user)
        return AppTest.from_file(page, default_timeout=60).run()

    def press(at: AppTest, label: str) -> None:
        (button,) = [b for b in at.button if b.label == label]
        button.click()
        at.run()

    at = open_as("alice")
    assert not at.exception and "Train a model on the decisions so far" not in [
        b.label for b in at.button
    ]
    at = open_as("bob")
    before = {m.version for m in learn.versions(learned.desk().store)}
    press(at, "Train a model on the decisions so far")
    (new,) = {m.version for m in learn.versions(learned.desk().store)} - before
    assert any(f"model {new}:" in s.value for s in at.success), [e.value for e in at.error]
    press(at, f"Ask to promote model {new}")
    assert learn.get_state(learned.desk().store, new) == "pending"
    at = open_as("bob")  # the lead who asked cannot approve
    press(at, f"Approve promotion of model {new}")
    assert any("four eyes" in e.value for e in at.error)
    at = open_as("carol")
    at.text_input(key=f"note-{new}").input("figures checked on the newest decisions")
    press(at, f"Approve promotion of model {new}")
    assert learn.live(learned.desk().store).version == new  # type: ignore[union-attr]
    at = open_as("carol")
    assert {m.label: m.value for m in at.metric}["Live model"] == f"v{new}"
    weights = at.dataframe[0].value
    assert list(weights.columns) == ["feature", "weight"] and len(weights) == 12
    # the export as an audited action
    at.text_input(key="export-name").input("../../outside")  # only under <home>/exports
    at.text_input(key="export-why").input("evaluate the classifier on new data")
    press(at, "Export the training set")
    assert any("name it with letters" in e.value for e in at.error)
    at.text_input(key="export-name").input("from-page")
    press(at, "Export the training set")
    made = learned.home / "exports" / "from-page" / "DATASHEET.md"
    assert made.exists(), [e.value for e in at.error]
    assert any(
        e["actor"] == "carol (dev-user)" for e in _audit(learned.home, "export.training_set")
    )

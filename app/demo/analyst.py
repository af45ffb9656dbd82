"""A simulated analyst for the generator's logs: decides accounts through the same calls
an analyst's dashboard makes, from the generator's ground truth (tests, benchmarks).

It works the open queue first, then accounts drawn at random (as exploration would bring
them), in a shuffled order, one decision a second after the other: abusive accounts
are actioned under the policy of their kind, the others cleared. Suspensions go to a
second lead for approval, as they would."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from enforcement import cases as case_api
from enforcement import decisions as decision_api
from enforcement.desk import Desk, utcnow
from redaction.pseudonym import Pseudonymizer
from warden.keys.keyring import Keyring

POLICY_OF = {
    "jailbreak_ring": "jailbreak",
    "harmful_seeker": "harmful-content",
    "distillation_scraper": "distillation",
    "shared_credentials": "credential-sharing",
    "spam_farm": "spam",
    "low_slow_prober": "jailbreak",
    "timing_script": "other",
}
RATIONALE = (
    "Reviewed the account's requests, moderation results and links to other accounts "
    "before recording this outcome."
)


@dataclass(frozen=True)
class Truth:
    abusive: bool
    archetype: str


def truth_by_pseudonym(truth_dir: Path, keyring: Keyring) -> dict[str, Truth]:
    """The generator's ground truth keyed by the store's account pseudonyms."""
    p = Pseudonymizer(keyring.pseudonym_keys, keyring.current_version)
    out = {}
    for line in (truth_dir / "accounts.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out[p.pseudonym("account", rec["account_id"])] = Truth(
            bool(rec["abusive"]), rec["archetype"]
        )
    return out


def decide(
    desk: Desk,
    truth: dict[str, Truth],
    n: int,
    *,
    analyst: str,
    lead: str,
    seed: int = 3,
    start: datetime | None = None,
    verdict: Callable[[str], bool] | None = None,
) -> list[str]:
    """Decide ``n`` accounts the store has scored (the open queue first, then a random
    draw), in a shuffled order; returns them in the order decided. ``verdict(account)``
    replaces the ground truth (whether to action) when given."""
    rng = random.Random(seed)
    queue = [
        c.subject
        for c in case_api.list_cases(desk, states=case_api.UNFINISHED, limit=100_000)
        if c.kind == "account" and c.subject in truth
    ]
    with desk.store.read() as con:
        scored = {r[0] for r in con.execute("SELECT account FROM account_scores").fetchall()}
    # in the generator's order (pseudonyms change with the key, so their order would too)
    rest = [a for a in truth if a in scored and a not in set(queue)]
    picked = queue[:n] + rng.sample(rest, max(0, min(len(rest), n - len(queue))))
    rng.shuffle(picked)
    at = start or utcnow()
    for i, account in enumerate(picked):
        now = at + timedelta(seconds=i)
        t = truth[account]
        action_it = verdict(account) if verdict else t.abusive
        case_id, _ = case_api.open_or_update(
            desk,
            kind="account",
            subject=account,
            members=[account],
            risk=0.0,
            reasons=["opened by an analyst from the Explore page"],
            source=f"analyst:{i}",
            actor=analyst,
            now=now,
        )
        case_api.claim(desk, analyst, case_id, now=now)
        if not action_it:
            decision_api.decide(desk, analyst, case_id, "no_action", "other", RATIONALE, now=now)
            continue
        policy = POLICY_OF.get(t.archetype, "other")
        action = "suspend" if i % 4 == 0 else "warn"
        decision = decision_api.decide(desk, analyst, case_id, action, policy, RATIONALE, now=now)
        if action == "suspend":
            decision_api.approve(desk, lead, decision, now=now + timedelta(minutes=1))
    return picked

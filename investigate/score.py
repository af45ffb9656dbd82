"""Risk per account in [0, 1], with 3-5 plain reasons.

Both tails are scored. Isolated accounts are outliers (GLOSH). Scripted and
coordinated accounts are the opposite, denser and more alike than real users, so they
are found as groups (:mod:`investigate.groups`). Policy signals read the behaviour an
abuse policy names. Each signal is a number in [0, 1]; the risk combines them as a
noisy-OR, ``1 - prod(1 - s_i)``, so one strong signal is enough and weak ones add up.

| signal | fires on |
|---|---|
| jailbreak | share of prompts matching jailbreak patterns (a safety researcher's ~10% stays low) |
| harmful | share of requests *to the model* that moderation flagged (the moderation endpoint, used to screen content, does not count) |
| refusals | share of answers that are refusals |
| shared_credentials | many networks and countries, with several clients, for one account |
| distillation | high volume of long completions |
| group | membership of a coordinated group, weighted by the group's risk |
| outlier | GLOSH outlier score, times 0.35 for accounts in no cluster and 0.15 for the rest, damped for accounts active most days: unusual alone is not abuse |
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from investigate.groups import Group


def _sig(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


@dataclass
class AccountScore:
    account: str
    score: float
    signals: dict[str, float]
    reasons: list[str]
    cluster: int | None = None
    group: str | None = None
    outlier: float = 0.0
    x: float = 0.0
    y: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def group_risk(g: Group, member_signal: float) -> float:
    """Risk of a group from how tightly it is linked and what its members do."""
    r = 0.45
    if g.shared_templates:
        r += 0.2
    if g.first_seen_spread_h <= 48:
        r += 0.15
    r += min(0.15, 0.05 * math.log2(max(2, len(g.members))))
    r += 0.3 * member_signal
    return min(1.0, r)


def signals(f: dict[str, float], outlier: float, in_cluster: bool = False) -> dict[str, float]:
    conf = min(1.0, f["n_events"] / 5.0)
    raw = {
        "jailbreak": _sig((f["jailbreak_rate"] - 0.75) / 0.05) * conf,
        "harmful": _sig((f["harm_rate"] - 0.30) / 0.07) * conf,
        "refusals": 0.8 * _sig((f["refusal_rate"] - 0.45) / 0.08) * conf,
        "shared_credentials": _sig((f["networks"] - 9) / 1.5)
        * _sig((f["countries"] - 4) / 1.0)
        * _sig((f["clients"] - 2.5) / 0.7),
        "distillation": _sig((f["completion_tokens"] - 1200) / 150)
        * _sig((f["n_events"] - 150) / 40),
        # An account HDBSCAN placed in a population is normal for that population,
        # however far from its centre: its outlier score counts for less.
        # A steady account, active most days of the window, that looks unusual is an
        # established unusual customer (a batch pipeline); a new or sporadic one is
        # more worth a look.
        "outlier": (0.15 if in_cluster else 0.35)
        * outlier
        * (1.0 - 0.7 * min(1.0, f["active_days"] / 20.0)),
    }
    # A logistic is never exactly 0: drop the floor so that noise does not add up.
    return {k: (0.0 if v < 0.02 else v) for k, v in raw.items()}


def reasons_for(
    f: dict[str, float],
    s: dict[str, float],
    group: Group | None,
    cluster: int | None,
    population: dict[str, float],
    cluster_median: dict[str, float] | None,
    outlier: float = 0.0,
) -> list[str]:
    out: list[tuple[float, str]] = []
    n = int(f["n_events"])
    if s["jailbreak"] > 0.05:
        out.append(
            (s["jailbreak"], f"{f['jailbreak_rate']:.0%} of {n} prompts match jailbreak patterns")
        )
    if s["harmful"] > 0.05:
        out.append(
            (
                s["harmful"],
                f"{f['harm_rate']:.0%} of requests to the model were flagged by "
                f"moderation ({f['refusal_rate']:.0%} refused)",
            )
        )
    if s["refusals"] > 0.05 and s["harmful"] <= 0.05:
        out.append((s["refusals"], f"{f['refusal_rate']:.0%} of answers were refusals"))
    if s["shared_credentials"] > 0.05:
        out.append(
            (
                s["shared_credentials"],
                f"one account used from {int(f['networks'])} networks "
                f"in {int(f['countries'])} countries with {int(f['clients'])} different clients",
            )
        )
    if s["distillation"] > 0.05:
        out.append(
            (
                s["distillation"],
                f"{n} requests averaging {f['completion_tokens']:,.0f} "
                f"completion tokens, {f['night_share']:.0%} of them at night (UTC)",
            )
        )
    if group is not None and s.get("group", 0) > 0.05:
        how = []
        if group.shared_templates:
            how.append(
                f"{f['top_template_share']:.0%} of its requests use one template shared "
                f"with {len(group.members) - 1} other accounts"
            )
        else:
            how.append(f"active in the same minutes as {len(group.members) - 1} other accounts")
        how.append(f"{group.shared_networks} shared network(s)")
        if group.first_seen_spread_h <= 48:
            how.append(f"all first seen within {group.first_seen_spread_h:.0f} h")
        out.append((s["group"], f"coordinated group {group.group_id}: " + "; ".join(how)))
    if s["outlier"] > 0.1:
        text = (
            f"on the edge of cluster {cluster}"
            if cluster is not None and cluster >= 0
            else "fits no population of normal behaviour"
        )
        out.append((s["outlier"], f"{text} (GLOSH outlier score {outlier:.2f})"))
    # feature deviations against the cluster and the population
    ref = cluster_median or population
    devs = []
    for name in (
        "completion_tokens",
        "n_events",
        "networks",
        "flag_rate",
        "per_active_hour",
        "night_share",
        "template_sharers",
    ):
        base = ref.get(name, 0.0)
        val = f[name]
        if val > 0 and val >= 3 * max(base, 1e-9) and val - base > 1:
            devs.append((val / max(base, 1e-9), name, val, base))
    devs.sort(reverse=True)
    for ratio, name, val, base in devs[:2]:
        label = "its cluster" if cluster_median else "the population"
        out.append(
            (
                0.01,
                f"{name.replace('_', ' ')} {val:,.2f} vs {base:,.2f} median of {label}"
                if val < 10
                else f"{name.replace('_', ' ')} {val:,.0f} vs {base:,.0f} median "
                f"of {label} ({ratio:.1f}x)",
            )
        )
    out.sort(key=lambda x: -x[0])
    texts = [t for _, t in out][:5]
    if not texts:
        texts = ["no abuse signal; behaviour close to its population"]
    return texts


def combine(s: dict[str, float]) -> float:
    p = 1.0
    for v in s.values():
        p *= 1.0 - max(0.0, min(1.0, v))
    return round(1.0 - p, 6)

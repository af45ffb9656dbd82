"""Policy signals (``[[detection.signals]]``) evaluated on an account's features, and the
plain-language description of a feature's value that every explanation uses."""

from __future__ import annotations

from dataclasses import dataclass

from investigate.features import FEATURES
from warden.config import Signal
from warden.errors import ConfigError

# feature -> (what it is, how to print a value: "n" count, "f" number, "%" share)
LABELS: dict[str, tuple[str, str]] = {
    "n_events": ("requests", "n"),
    "active_days": ("active days", "n"),
    "active_hours": ("distinct active hours", "n"),
    "per_active_hour": ("requests per active hour", "f"),
    "burstiness": ("burstiness (-1 clockwork, 0 random, 1 bursts)", "f"),
    "gap_cv": ("variation of the gaps between requests (CV)", "f"),
    "hour_entropy": ("spread over the hours of the day (0-3.18)", "f"),
    "night_share": ("share of requests 00-06 UTC", "%"),
    "networks": ("networks", "n"),
    "ips": ("IP addresses", "n"),
    "countries": ("countries", "n"),
    "clients": ("client programs", "n"),
    "api_keys": ("API keys", "n"),
    "prompt_tokens": ("prompt tokens per request", "n"),
    "completion_tokens": ("completion tokens per request", "n"),
    "token_ratio": ("completion/prompt tokens", "f"),
    "chat_share": ("share of chat requests", "%"),
    "embeddings_share": ("share of embedding requests", "%"),
    "moderations_share": ("share of moderation requests", "%"),
    "models": ("models", "n"),
    "flag_rate": ("share flagged by moderation", "%"),
    "harm_rate": ("share of requests to the model flagged", "%"),
    "mod_peak": ("mean top moderation score", "f"),
    "refusal_rate": ("share of answers refused", "%"),
    "jailbreak_rate": ("share of prompts matching jailbreak patterns", "%"),
    "templates": ("distinct prompt templates", "n"),
    "top_template_share": ("share of prompts from its main template", "%"),
    "pii_rate": ("share of requests with personal data", "%"),
    "net_sharers": ("other accounts on its networks", "n"),
    "template_sharers": ("other accounts using its main template", "n"),
    "first_seen_hours": ("hours into the window before its first request", "n"),
}
assert set(LABELS) == set(FEATURES), "every feature needs a label"


def fmt(feature: str, value: float) -> str:
    """A feature value as a reader expects it."""
    kind = LABELS[feature][1]
    if kind == "%":
        return f"{value:.0%}"
    if kind == "n":
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def compare(feature: str, value: float, median: float) -> str:
    """``"distinct active hours 22; peers' median 9 (2.4x)"``."""
    text = f"{LABELS[feature][0]} {fmt(feature, value)}; peers' median {fmt(feature, median)}"
    lo, hi = sorted((abs(value), abs(median)))
    more = "more" if abs(value) > abs(median) else "less"
    if lo > 1e-9 and hi / lo >= 1000:
        text += f" (far {more})"
    elif lo > 1e-9 and hi / lo >= 2:
        text += f" ({hi / lo:,.0f}x {more})"
    elif lo <= 1e-9 < hi and value != median:
        text += " (none among peers)" if abs(median) <= 1e-9 else " (none here)"
    return text


@dataclass(frozen=True)
class Fired:
    signal: Signal
    strength: float  # 0.5 at the thresholds, 0.95 at twice them

    def reason(self, feats: dict[str, float]) -> str:
        parts = "; ".join(
            f"{LABELS[f][0]} {fmt(f, feats[f])} (threshold {fmt(f, t)})"
            for f, t in self.signal.at_least.items()
        )
        return (
            f"policy signal {self.signal.name} v{self.signal.version} "
            f"({self.signal.policy}): {parts}"
        )


def check(signals: tuple[Signal, ...]) -> None:
    """Refuse a signal over a feature that does not exist."""
    for s in signals:
        for f in s.at_least:
            if f not in FEATURES:
                raise ConfigError(
                    f"signal {s.name!r} uses {f!r}, which is no feature; known: "
                    f"{', '.join(FEATURES)}"
                )


def usable(signals: tuple[Signal, ...], available: tuple[str, ...]) -> tuple[Signal, ...]:
    """The signals whose features all exist in this run's data."""
    have = set(available)
    return tuple(s for s in signals if set(s.at_least) <= have)


def evaluate(signals: tuple[Signal, ...], feats: dict[str, float]) -> list[Fired]:
    """The signals that fire on one account, strongest first."""
    out = []
    for s in signals:
        if feats.get("n_events", 0.0) < s.min_events:
            continue
        ratios = [feats[f] / t for f, t in s.at_least.items()]
        low = min(ratios)
        if low >= 1.0:
            out.append(Fired(s, 0.5 + 0.45 * min(1.0, low - 1.0)))
    out.sort(key=lambda fired: -fired.strength)
    return out

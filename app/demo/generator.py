"""Synthetic usage logs with planted abuse and planted personal data, plus ground truth.

``generate(out_dir, accounts=N, seed=S)`` writes

- ``usage.jsonl``: the log, one request per line, in the format of
  ``spec/usage-log.md``;
- ``truth/accounts.jsonl``: per account its raw identifiers, archetype, whether it is
  abusive, a hard negative, and its ring (coordinated group) if any;
- ``truth/events.jsonl``: per request the PII values planted in its free text (type
  and exact value) and the ordinary words that must survive redaction;
- ``truth/summary.json``: counts.

Deterministic for a seed: the same arguments give byte-identical files.

``variant`` makes logs that break constants fitted to the full one (:data:`VARIANTS`):
fields a gateway may strip (IP addresses and countries, moderation results,
completions, client strings, or all of them), abusive behaviour drawn from wide ranges
with hard negatives close to it, or scripted abuse that looks like people in everything
but its timing. The default ``"full"`` log is the same as before variants existed.

``distinct=True`` makes almost every text unique (a few common English words are
appended to every prompt and completion), for measuring what de-duplication and the
redaction cache cannot help with; the events, accounts and planted values are the
same as without it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.demo import pools
from app.demo.pii import PiiFactory
from app.demo.texts import Text, completion_for, pii_text

END = datetime(2026, 10, 31, tzinfo=UTC)
TZ = {
    "US": -6,
    "CA": -5,
    "MX": -6,
    "BR": -3,
    "GB": 0,
    "DE": 1,
    "FR": 1,
    "ES": 1,
    "IT": 1,
    "NG": 1,
    "IN": 5,
    "JP": 9,
    "AU": 10,
}


# variant -> fields removed from every record
_DROPS: dict[str, tuple[str, ...]] = {
    "full": (),
    "no_ip": ("ip_address", "country"),
    "no_moderation": ("moderation",),
    "no_completions": ("completion", "completion_tokens"),
    "no_clients": ("user_agent",),
    "sparse": (
        "ip_address",
        "country",
        "moderation",
        "completion",
        "completion_tokens",
        "user_agent",
    ),
    "wide": (),
    "timing": (),
    "emerging": (),
}
VARIANTS = tuple(_DROPS)
# archetypes whose accounts are scripts, not people (for benchmarks of the anomaly score)
AUTOMATED = ("distillation_scraper", "spam_farm", "jailbreak_ring", "timing_script")


@dataclass(frozen=True)
class Archetype:
    name: str
    abusive: bool
    share: float
    events: tuple[int, int]
    hard_negative: bool = False
    ring: tuple[int, int] | None = None  # accounts per coordinated group


ARCHETYPES = (
    Archetype("hobbyist", False, 0.44, (5, 40)),
    Archetype("app", False, 0.10, (150, 500)),
    Archetype("batch_job", False, 0.07, (200, 600), hard_negative=True),
    Archetype("embedding_research", False, 0.07, (80, 250)),
    Archetype("multi_region_team", False, 0.07, (60, 200), hard_negative=True),
    Archetype("moderation_customer", False, 0.05, (100, 300), hard_negative=True),
    Archetype("safety_researcher", False, 0.05, (20, 80), hard_negative=True),
    Archetype("jailbreak_ring", True, 0.05, (40, 120), ring=(5, 8)),
    Archetype("distillation_scraper", True, 0.02, (300, 800)),
    Archetype("harmful_seeker", True, 0.02, (20, 60)),
    Archetype("shared_credentials", True, 0.02, (150, 350)),
    Archetype("spam_farm", True, 0.02, (60, 200), ring=(3, 6)),
    Archetype("low_slow_prober", True, 0.02, (10, 25)),
)
# In the "timing" variant: a script that asks what people ask, from one network and
# client like a person, at a steady pace around the clock.
TIMING_SCRIPT = Archetype("timing_script", True, 0.03, (150, 500))
# In the "emerging" variant: a new campaign in the last week only, from many new accounts,
# with prompts no policy signal knows (pools.EMERGING_TEMPLATES).
EMERGING = Archetype("emerging_campaign", True, 0.05, (12, 30))


@dataclass
class Account:
    account_id: str
    archetype: Archetype
    org_id: str
    keys: list[str]
    email: str
    country: str
    networks: list[str]  # IPv4 /24 prefixes "a.b.c" or IPv6 /48 prefixes "2001:db8:x"
    clients: list[str]
    ring: str | None = None
    start: datetime = END - timedelta(days=30)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Summary:
    accounts: int
    abusive: int
    rings: int
    events: int
    planted_pii: int
    files: dict[str, str]


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _net(rng: random.Random) -> str:
    if rng.random() < 0.85:
        return f"{rng.choice((24, 31, 46, 62, 77, 88, 95, 109, 141, 178, 193, 212))}.{rng.randrange(256)}.{rng.randrange(256)}"
    return f"2001:db8:{rng.randrange(65536):x}"


def _ip(rng: random.Random, net: str) -> str:
    if ":" in net:
        return f"{net}:{rng.randrange(65536):x}::{rng.randrange(1, 65536):x}"
    return f"{net}.{rng.randrange(1, 255)}"


def _moderation(rng: random.Random, level: float, cats: tuple[str, ...]) -> dict[str, Any]:
    names = ("harassment", "hate", "self-harm", "sexual", "violence", "illicit")
    scores = {c: round(rng.uniform(0.0005, 0.03), 4) for c in names}
    flagged = False
    if level > 0 and rng.random() < level:
        for c in cats:
            scores[c] = round(rng.uniform(0.55, 0.99), 4)
        flagged = True
    return {"flagged": flagged, "categories": scores}


class _Gen:
    def __init__(
        self,
        rng: random.Random,
        days: int,
        distinct_seed: int | None = None,
        variant: str = "full",
    ) -> None:
        self.rng = rng
        self.variant = variant
        self.wide = variant == "wide"
        self.f = PiiFactory(rng)
        self.days = days
        self.start = END - timedelta(days=days)
        # a stream of its own, so that distinct=False gives the very same log as before
        self.distinct = (
            random.Random(f"distinct-{distinct_seed}") if distinct_seed is not None else None
        )
        self._words: list[str] = []

    def _vary(self, t: Text) -> Text:
        """``t`` with a tail of common words that makes it unique (see the module doc)."""
        if self.distinct is None:
            return t
        if not self._words:
            from wordfreq import top_n_list

            self._words = [w for w in top_n_list("en", 20_000) if w.isalpha() and len(w) > 3]
        tail = " ".join(self.distinct.choice(self._words) for _ in range(5))
        return Text(f"{t.text} Context: {tail}.", t.pii, t.ordinary)

    # -- times ------------------------------------------------------------
    def diurnal(self, acct: Account, n: int) -> list[datetime]:
        r, off = self.rng, TZ.get(acct.country, 0)
        span = (END - acct.start).total_seconds()
        out = []
        for _ in range(n):
            day = acct.start + timedelta(seconds=r.uniform(0, span))
            local_hour = min(23.9, max(7.0, r.gauss(14, 3.5)))
            t = day.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(
                hours=local_hour - off, seconds=r.uniform(0, 59)
            )
            out.append(min(max(t, acct.start), END - timedelta(seconds=1)))
        return out

    def periodic(self, acct: Account, n: int) -> list[datetime]:
        period = (END - acct.start).total_seconds() / n
        phase = self.rng.uniform(0, period)
        return [
            acct.start + timedelta(seconds=phase + i * period + self.rng.uniform(-2, 2))
            for i in range(n)
        ]

    def sessions(
        self, acct: Account, n: int, per: int, gap: float, starts: list[datetime] | None = None
    ) -> list[datetime]:
        r = self.rng
        span = (END - acct.start).total_seconds()
        out: list[datetime] = []
        k = 0
        while len(out) < n:
            s = (
                starts[k % len(starts)] + timedelta(seconds=r.uniform(0, 120))
                if starts
                else acct.start + timedelta(seconds=r.uniform(0, span * 0.95))
            )
            k += 1
            t = s
            for _ in range(min(per, n - len(out))):
                t += timedelta(seconds=r.expovariate(1 / gap))
                out.append(min(t, END - timedelta(seconds=1)))
        return out

    def uniform(self, acct: Account, n: int) -> list[datetime]:
        span = (END - acct.start).total_seconds()
        return [acct.start + timedelta(seconds=self.rng.uniform(0, span)) for _ in range(n)]

    # -- one record --------------------------------------------------------
    def record(
        self,
        acct: Account,
        ts: datetime,
        endpoint: str,
        user: Text | None,
        *,
        system: str | None = None,
        completion: Text | None = None,
        mod: tuple[float, tuple[str, ...]] = (0.0, ()),
        refuse: bool = False,
        model: str = "gpt-4o",
        long: bool = False,
        net: str | None = None,
        client: str | None = None,
        key: str | None = None,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        r = self.rng
        net = net or r.choice(acct.networks)
        rec: dict[str, Any] = {
            "timestamp": ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z",
            "account_id": acct.account_id,
            "org_id": acct.org_id,
            "api_key_id": key or r.choice(acct.keys),
            "user_email": acct.email,
            "ip_address": _ip(r, net),
            "user_agent": client or r.choice(acct.clients),
            "country": acct.extra.get("net_country", {}).get(net, acct.country),
            "endpoint": endpoint,
        }
        truth: dict[str, Any] = {"pii": [], "ordinary": []}
        texts: list[Text] = []
        user = self._vary(user) if user is not None else None
        if endpoint == "/v1/chat/completions":
            rec["model"] = model
            msgs = []
            if system:
                msgs.append({"role": "system", "content": system})
            assert user is not None
            msgs.append({"role": "user", "content": user.text})
            rec["messages"] = msgs
            texts.append(user)
            comp = self._vary(
                Text(pools.REFUSAL) if refuse else (completion or Text("Here you go."))
            )
            rec["completion"] = comp.text
            texts.append(comp)
            rec["prompt_tokens"] = max(5, len(user.text) // 4 + (len(system) // 4 if system else 0))
            rec["completion_tokens"] = (
                r.randrange(1500, 4000)
                if long
                else (r.randrange(8, 30) if refuse else r.randrange(40, 600))
            )
        elif endpoint == "/v1/embeddings":
            rec["model"] = "text-embedding-3-small"
            assert user is not None
            rec["input"] = user.text
            texts.append(user)
            rec["prompt_tokens"] = max(3, len(user.text) // 4)
            rec["completion_tokens"] = 0
        else:  # moderations
            rec["model"] = "omni-moderation-latest"
            assert user is not None
            rec["input"] = user.text
            texts.append(user)
            rec["prompt_tokens"] = max(3, len(user.text) // 4)
        rec["status_code"] = 200 if r.random() > 0.01 else 429
        rec["moderation"] = _moderation(r, *mod)
        for t in texts:
            truth["pii"] += [list(p) for p in t.pii]
            truth["ordinary"] += t.ordinary
        return rec, truth

    def plain(self, template_pool: tuple[str, ...]) -> Text:
        tpl = self.rng.choice(template_pool)
        return Text(tpl.format(topic=self.rng.choice(pools.TOPICS)))

    def maybe_pii(self, p: float, pool: tuple[str, ...]) -> Text:
        return pii_text(self.f) if self.rng.random() < p else self.plain(pool)


def _events_for(g: _Gen, a: Account) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    r, arch = g.rng, a.archetype
    n = r.randint(*arch.events)
    name = arch.name
    w: dict[str, float] = a.extra.get("wide", {})  # per-account rates, "wide" variant only
    n = max(arch.events[0] // 2, round(n * w.get("volume", 1.0)))
    if name == "hobbyist":
        for ts in g.diurnal(a, n):
            u = g.maybe_pii(0.35, pools.HOBBY_PROMPTS)
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                completion=completion_for(u, g.f),
                model=r.choice(("gpt-4o", "gpt-4o-mini")),
            )
    elif name == "app":
        system = a.extra["system"]
        for ts in g.diurnal(a, n):
            if r.random() < 0.6:
                base = pii_text(g.f)
                u = Text(f"{r.choice(pools.APP_USER_ASKS)} {base.text}", base.pii, base.ordinary)
            else:
                u = Text(r.choice(pools.APP_USER_ASKS))
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                system=system,
                completion=completion_for(u, g.f),
                model="gpt-4o-mini",
            )
    elif name == "batch_job":
        ep = a.extra["endpoint"]
        for i, ts in enumerate(g.periodic(a, n)):
            u = Text(
                f"Classify the sentiment of support ticket #{100000 + i}: "
                f"'{r.choice(pools.APP_USER_ASKS)}' Answer positive, neutral or negative."
            )
            yield g.record(
                a,
                ts,
                ep,
                u,
                completion=Text(r.choice(("neutral", "negative"))),
                model="gpt-4o-mini",
            )
    elif name == "embedding_research":
        for ts in g.sessions(a, n, per=40, gap=1.5):
            u = g.maybe_pii(
                0.05,
                (
                    "A passage about {topic} for retrieval evaluation.",
                    "Abstract: we study {topic} using large-scale data.",
                ),
            )
            yield g.record(a, ts, "/v1/embeddings", u)
    elif name == "multi_region_team":
        for ts in g.diurnal(a, n):
            net = r.choice(a.networks)
            u = g.maybe_pii(0.3, pools.HOBBY_PROMPTS)
            yield g.record(
                a, ts, "/v1/chat/completions", u, net=net, completion=completion_for(u, g.f)
            )
    elif name == "moderation_customer":
        for ts in g.diurnal(a, n):
            u = Text(
                r.choice(
                    (
                        "you are a worthless idiot and everyone hates you",
                        "great product, fast shipping",
                        "I will find where you live",
                        "this comment is fine",
                        "go back to where you came from",
                    )
                )
            )
            yield g.record(
                a,
                ts,
                "/v1/moderations",
                u,
                mod=(w.get("mod", 0.45), ("harassment", "hate", "violence")),
            )
    elif name == "safety_researcher":
        for ts in g.diurnal(a, n):
            if r.random() < w.get("jailbreak", 0.12):
                u = Text(
                    r.choice(pools.JAILBREAK_TEMPLATES).format(ask=r.choice(pools.HARMFUL_ASKS))
                )
                yield g.record(
                    a,
                    ts,
                    "/v1/chat/completions",
                    u,
                    refuse=True,
                    mod=(0.6, ("violence", "illicit")),
                )
            else:
                u = Text(r.choice(pools.SAFETY_RESEARCH_ASKS))
                yield g.record(
                    a,
                    ts,
                    "/v1/chat/completions",
                    u,
                    completion=Text("Category: benign. Rationale: no policy issue."),
                )
    elif name == "jailbreak_ring":
        tpl = a.extra["template"]
        for ts in g.sessions(a, n, per=12, gap=20, starts=a.extra["ring_sessions"]):
            if "jailbreak" not in w or r.random() < w["jailbreak"]:
                u = Text(tpl.format(ask=r.choice(pools.HARMFUL_ASKS)))
            else:
                u = g.plain(pools.HOBBY_PROMPTS)
            refuse = r.random() < w.get("refuse", 0.7)
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                refuse=refuse,
                completion=Text("UNLOCKED. Sure, here is how: step 1 ..."),
                mod=(w.get("mod", 0.7), ("violence", "illicit")),
            )
    elif name == "distillation_scraper":
        for ts in g.uniform(a, n):
            u = Text(r.choice(pools.DISTILL_PROMPTS).format(topic=r.choice(pools.TOPICS)))
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                long="long" not in w or r.random() < w["long"],
                completion=Text("Step 1: definitions. Step 2: derivation. " * 20),
            )
    elif name == "harmful_seeker":
        for ts in g.diurnal(a, n):
            if "harm" in w and r.random() > w["harm"]:
                u = g.plain(pools.HOBBY_PROMPTS)
                yield g.record(a, ts, "/v1/chat/completions", u, completion=completion_for(u, g.f))
                continue
            ask = r.choice(pools.HARMFUL_ASKS)
            u = Text(
                r.choice(
                    (
                        f"Tell me {ask}.",
                        f"I really need to know {ask}, it's urgent.",
                        f"Rephrase: {ask}, for a novel.",
                    )
                )
            )
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                refuse=r.random() < w.get("refuse", 0.8),
                mod=(w.get("mod", 0.85), ("violence", "illicit", "self-harm")),
            )
    elif name == "shared_credentials":
        for ts in g.uniform(a, n):
            net = r.choice(a.networks)
            u = g.maybe_pii(0.1, pools.HOBBY_PROMPTS)
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                net=net,
                client=r.choice(pools.CLIENTS_NORMAL + pools.CLIENTS_ABUSE),
                completion=completion_for(u, g.f),
            )
    elif name == "spam_farm":
        tpl = a.extra["template"]
        for ts in g.sessions(a, n, per=20, gap=6, starts=a.extra["ring_sessions"]):
            person = g.f.person()
            bank = r.choice(pools.BANKS)
            u = Text(
                tpl.format(
                    bank=bank,
                    name=person,
                    bank_slug=bank.split()[0].lower(),
                    code=r.randrange(1000, 9999),
                ),
                [("PERSON", person)],
            )
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                completion=Text(
                    f"Subject: Urgent action required\n\nDear {person}, ...", [("PERSON", person)]
                ),
                mod=(w.get("mod", 0.1), ("illicit",)),
            )
    elif name == "emerging_campaign":
        for ts in g.diurnal(a, n):
            bank = r.choice(pools.BANKS)
            u = Text(
                r.choice(pools.EMERGING_TEMPLATES).format(bank=bank, code=r.randrange(100, 999))
            )
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                completion=Text("Caller: Good afternoon, this is the card security team ..."),
                model="gpt-4o-mini",
            )
    elif name == "low_slow_prober":
        for ts in g.periodic(a, n):
            if "jailbreak" in w and r.random() > w["jailbreak"]:
                u = g.plain(pools.HOBBY_PROMPTS)
                yield g.record(a, ts, "/v1/chat/completions", u, completion=completion_for(u, g.f))
                continue
            u = Text(r.choice(pools.JAILBREAK_TEMPLATES).format(ask=r.choice(pools.HARMFUL_ASKS)))
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                refuse=r.random() < 0.9,
                mod=(0.6, ("violence", "illicit")),
            )
    elif name == "timing_script":
        # what a hobbyist asks, from one network and client, at a steady pace around the
        # clock (a script): only the timing differs
        times = g.periodic(a, n) if a.extra.get("periodic") else g.uniform(a, n)
        for ts in times:
            u = g.maybe_pii(0.35, pools.HOBBY_PROMPTS)
            yield g.record(
                a,
                ts,
                "/v1/chat/completions",
                u,
                completion=completion_for(u, g.f),
                model=r.choice(("gpt-4o", "gpt-4o-mini")),
            )
    else:  # pragma: no cover
        raise ValueError(name)


def _make_accounts(g: _Gen, n: int) -> list[Account]:
    r = g.rng
    accounts: list[Account] = []
    ring_no = 0
    kinds = ARCHETYPES + ((TIMING_SCRIPT,) if g.variant == "timing" else ())
    kinds += (EMERGING,) if g.variant == "emerging" else ()
    for arch in kinds:
        count = max(1 if arch.abusive else 0, round(n * arch.share))
        made = 0
        while made < count:
            size = r.randint(*arch.ring) if arch.ring else 1
            ring = None
            shared_nets = [_net(r) for _ in range(2)]
            ring_start = END - timedelta(days=r.uniform(3, 20))
            ring_sessions = [ring_start + timedelta(hours=r.uniform(0, 24 * 2.5)) for _ in range(8)]
            tpl = r.choice(
                pools.JAILBREAK_TEMPLATES if arch.name == "jailbreak_ring" else pools.SPAM_TEMPLATES
            )
            ua = r.choice(pools.CLIENTS_ABUSE)
            if arch.ring:
                ring = f"ring_{ring_no:03d}"
                ring_no += 1
            for _ in range(size):
                person = g.f.person()
                country = r.choice(pools.COUNTRIES)
                a = Account(
                    account_id=f"acct_{_hex(r, 12)}",
                    archetype=arch,
                    org_id=f"org_{_hex(r, 8)}",
                    keys=[f"key_{_hex(r, 10)}"],
                    email=g.f.email(person),
                    country=country,
                    networks=[_net(r)],
                    clients=[r.choice(pools.CLIENTS_NORMAL)],
                    ring=ring,
                    start=END - timedelta(days=g.days),
                )
                _customise(g, a, shared_nets, ring_start, ring_sessions, tpl, ua)
                accounts.append(a)
                made += 1
    return accounts


def _customise(
    g: _Gen,
    a: Account,
    shared_nets: list[str],
    ring_start: datetime,
    ring_sessions: list[datetime],
    tpl: str,
    ua: str,
) -> None:
    r, name = g.rng, a.archetype.name
    if name == "app":
        a.extra["system"] = r.choice(pools.APP_SYSTEM_PROMPTS)
        a.keys.append(f"key_{_hex(r, 10)}")
    elif name == "batch_job":
        a.extra["endpoint"] = "/v1/chat/completions"
        a.clients = ["OpenAI/Python 1.52.0"]
    elif name == "multi_region_team":
        a.networks = [_net(r) for _ in range(r.randint(3, 5))]
        a.keys += [f"key_{_hex(r, 10)}" for _ in range(3)]
        a.extra["net_country"] = {n: r.choice(pools.COUNTRIES) for n in a.networks}
    elif name in ("jailbreak_ring", "spam_farm"):
        a.networks = shared_nets
        a.clients = [ua]
        a.start = ring_start + timedelta(minutes=r.uniform(0, 180))
        a.extra["template"] = tpl
        a.extra["ring_sessions"] = ring_sessions
    elif name == "distillation_scraper":
        a.networks = [_net(r)]
        a.clients = [r.choice(pools.CLIENTS_ABUSE)]
        a.keys += [f"key_{_hex(r, 10)}" for _ in range(2)]
    elif name == "shared_credentials":
        a.networks = [_net(r) for _ in range(r.randint(15, 30))]
        a.extra["net_country"] = {n: r.choice(pools.COUNTRIES) for n in a.networks}
    elif name == "harmful_seeker":
        a.start = END - timedelta(days=r.uniform(2, 12))
    elif name == "timing_script":
        a.extra["periodic"] = r.random() < 0.5
    elif name == "emerging_campaign":
        a.start = END - timedelta(days=r.uniform(1, 6.5))  # the last week only
    if g.wide:
        a.extra["wide"] = _wide_rates(r, a)


def _wide_rates(r: random.Random, a: Account) -> dict[str, float]:
    """The "wide" variant: each account's rates drawn from wide ranges, abusers' reaching
    down towards people's and hard negatives' up towards abusers'."""
    name = a.archetype.name
    if name == "jailbreak_ring":
        return {
            "jailbreak": r.uniform(0.3, 1.0),
            "refuse": r.uniform(0.2, 0.9),
            "mod": r.uniform(0.2, 0.9),
            "volume": r.uniform(0.5, 2.0),
        }
    if name == "distillation_scraper":
        return {"long": r.uniform(0.4, 1.0), "volume": r.uniform(0.3, 2.0)}
    if name == "harmful_seeker":
        return {
            "harm": r.uniform(0.3, 0.9),
            "refuse": r.uniform(0.3, 0.9),
            "mod": r.uniform(0.4, 0.9),
        }
    if name == "spam_farm":
        return {"mod": r.uniform(0.0, 0.5), "volume": r.uniform(0.5, 2.0)}
    if name == "low_slow_prober":
        return {"jailbreak": r.uniform(0.3, 1.0)}
    if name == "shared_credentials":
        a.networks = a.networks[: r.randint(5, len(a.networks))]
        return {"volume": r.uniform(0.5, 2.0)}
    if name == "safety_researcher":
        return {"jailbreak": r.uniform(0.05, 0.3)}
    if name == "moderation_customer":
        return {"mod": r.uniform(0.3, 0.8)}
    if name == "batch_job":
        return {"volume": r.uniform(0.5, 2.5)}
    if name == "multi_region_team":
        a.networks += [_net(r) for _ in range(r.randint(0, 6))]
        a.extra["net_country"] = {n: r.choice(pools.COUNTRIES) for n in a.networks}
        return {}
    return {}


def generate(
    out_dir: Path | str,
    accounts: int = 800,
    seed: int = 7,
    days: int = 30,
    progress: Callable[[int], None] | None = None,
    distinct: bool = False,
    variant: str = "full",
) -> Summary:
    """Write a synthetic log and its ground truth under ``out_dir``; see the module doc."""
    if variant not in _DROPS:
        raise ValueError(f"unknown variant {variant!r}; use one of {', '.join(VARIANTS)}")
    out = Path(out_dir)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    g = _Gen(rng, days, seed if distinct else None, variant)
    drops = _DROPS[variant]
    accts = _make_accounts(g, accounts)
    rows: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    for a in accts:
        for rec, truth in _events_for(g, a):
            rows.append((rec["timestamp"], rec, truth))
        if progress:
            progress(len(rows))
    rows.sort(key=lambda x: (x[0], x[1]["account_id"]))
    planted = 0
    usage = out / "usage.jsonl"
    with (
        usage.open("w", encoding="utf-8") as fu,
        (out / "truth" / "events.jsonl").open("w", encoding="utf-8") as ft,
    ):
        for i, (_, rec, truth) in enumerate(rows):
            rid = f"req_{i:09d}"
            for key in drops:
                rec.pop(key, None)
            fu.write(json.dumps({"request_id": rid, **rec}, ensure_ascii=False) + "\n")
            if truth["pii"] or truth["ordinary"]:
                planted += len(truth["pii"])
                ft.write(json.dumps({"request_id": rid, **truth}, ensure_ascii=False) + "\n")
    with (out / "truth" / "accounts.jsonl").open("w", encoding="utf-8") as fa:
        for a in accts:
            fa.write(
                json.dumps(
                    {
                        "account_id": a.account_id,
                        "org_id": a.org_id,
                        "api_key_ids": a.keys,
                        "user_email": a.email,
                        "networks": a.networks,
                        "archetype": a.archetype.name,
                        "abusive": a.archetype.abusive,
                        "automated": a.archetype.name in AUTOMATED,
                        "hard_negative": a.archetype.hard_negative,
                        "ring": a.ring,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    summary = Summary(
        accounts=len(accts),
        abusive=sum(a.archetype.abusive for a in accts),
        rings=len({a.ring for a in accts if a.ring}),
        events=len(rows),
        planted_pii=planted,
        files={"log": str(usage), "truth": str(out / "truth")},
    )
    public = {k: v for k, v in summary.__dict__.items() if k != "files"}
    (out / "truth" / "summary.json").write_text(json.dumps(public, indent=2) + "\n")
    return summary

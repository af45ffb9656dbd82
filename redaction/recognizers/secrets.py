"""Secrets: API keys, tokens, private keys, passwords in URLs and assignments.

Every rule is anchored on a vendor prefix or on a key word (``api_key=``, ``Bearer``,
``://user:password@``), so long random-looking strings without such an anchor
(base64 blobs, hashes, UUIDs) are left alone.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from presidio_analyzer import RecognizerResult

from redaction.recognizers.base import Rule, RuleRecognizer
from redaction.recognizers.names import zipf

_T = r"A-Za-z0-9_\-"


def _not_placeholder(value: str) -> bool:
    v = value.strip("'\"").lower()
    if len(set(v)) < 5:  # xxxxxxxx, 12345678
        return False
    return not any(
        w in v for w in ("your_", "your-", "<", "example", "placeholder", "changeme", "redacted")
    )


def _entropy(value: str) -> float:
    """Shannon entropy of the characters, bits per character."""
    counts = Counter(value)
    return -sum(c / len(value) * math.log2(c / len(value)) for c in counts.values())


def _random_looking(value: str) -> bool:
    """A password or key, not a word: no placeholder, not an English word, and either
    two kinds of character (letters and digits or symbols) or 3 bits of entropy a char."""
    v = value.strip("'\"")
    if not _not_placeholder(v) or (v.isalpha() and zipf(v.lower()) > 2.5):
        return False
    kinds = sum(
        (
            any(c.islower() for c in v),
            any(c.isupper() for c in v),
            any(c.isdigit() for c in v),
            any(not c.isalnum() for c in v),
        )
    )
    return kinds >= 2 or _entropy(v) >= 3.0


def vendor_rules(path: Path | None = None) -> tuple[Rule, ...]:
    """The vendor token rules of ``secret_rules.toml`` (its header says where they come from)."""
    path = path or Path(__file__).with_name("secret_rules.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in data["rule"]:
        rx = re.compile(r["pattern"])
        out.append(Rule(r["vendor"], rx, 0.95, group=1 if rx.groups else 0, needs=r.get("needs")))
    return tuple(out)


# detect-secrets (Yelp; Apache-2.0, its LICENSE ships in the installed package; pinned in
# pyproject.toml) is a maintained scanner: its vendor detectors run beside our rules, so a
# vendor it knows and we do not is still found. Its generic detectors are left out (ours
# cover keywords, entropy, private keys, URLs with passwords and JWTs, and a public IP is
# no secret), and its verify() methods, which call the vendors, are never used.
_DETECT_SECRETS_LEFT_OUT = frozenset(
    {"base", "ip_public", "private_key", "basic_auth", "jwt", "keyword", "high_entropy_strings"}
)
_EDGE = " \t\r\n=:\"'"


def _secret_part(match: re.Match[str]) -> tuple[int, int]:
    """The secret in a detect-secrets match: its first group when that is secret-sized
    (some rules capture the token, others only its prefix), else the whole match; without
    the delimiters some of its rules match around the token."""
    if match.re.groups and match.group(1) is not None and len(match.group(1)) >= 16:
        start, end = match.span(1)
    else:
        start, end = match.span()
    text = match.string
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def maintained_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(secret type, pattern) of each of detect-secrets' vendor detectors."""
    import importlib
    import inspect
    import pkgutil

    import detect_secrets.plugins as plugins
    from detect_secrets.plugins.base import RegexBasedDetector

    out = []
    for info in pkgutil.iter_modules(plugins.__path__):
        if info.name in _DETECT_SECRETS_LEFT_OUT:
            continue
        module = importlib.import_module(f"{plugins.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, RegexBasedDetector) and cls.__module__ == module.__name__:
                patterns: Any = cls.denylist  # a class attribute in every vendor detector
                out += [(str(cls.secret_type), rx) for rx in patterns]
    return tuple(out)


class WardenSecretRecognizer(RuleRecognizer):
    """API keys and tokens of common vendors, PEM private keys, bearer tokens,
    passwords in connection strings and ``KEY=value`` assignments."""

    ENTITY = "SECRET"
    RULES = (
        Rule(
            "pem",
            re.compile(
                r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|\Z)",
                re.S,
            ),
            1.0,
            needs="private key-----",
        ),
        Rule(
            "anthropic",
            re.compile(rf"\bsk-ant-(?:api|admin|oat)\d\d-[{_T}]{{20,}}"),
            1.0,
            needs="sk-ant-",
        ),
        Rule(
            "openai",
            re.compile(rf"\bsk-(?:proj-|svcacct-|admin-|None-)?[{_T}]{{20,}}"),
            0.95,
            needs="sk-",
        ),
        Rule(
            "aws_access", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIPA)[A-Z2-7]{16}\b"), 1.0
        ),
        Rule(
            "aws_secret",
            re.compile(r"(?i)aws_?secret_?(?:access_?)?key\W{0,5}([A-Za-z0-9/+]{40})\b"),
            1.0,
            group=1,
            needs="secret",
        ),
        Rule("github", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b"), 1.0, needs="gh"),
        Rule("github_pat", re.compile(r"\bgithub_pat_[A-Za-z0-9_]{40,}"), 1.0, needs="github_pat_"),
        Rule("slack", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), 1.0, needs="xox"),
        Rule("stripe", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"), 1.0),
        Rule("google", re.compile(rf"\bAIza[{_T}]{{35}}"), 1.0, needs="aiza"),
        Rule(
            "jwt",
            re.compile(rf"\beyJ[{_T}]{{8,}}\.eyJ[{_T}]{{8,}}\.[{_T}]{{8,}}"),
            1.0,
            needs="eyj",
        ),
        Rule(
            "bearer",
            re.compile(r"(?i)\b(?:bearer|token)\s+([A-Za-z0-9._~+/=!#%$-]{12,})"),
            0.9,
            group=1,
            check=_not_placeholder,
        ),
        Rule(
            "url_password",
            re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\s:/@]{1,64}:([^\s@/]{1,128})@"),
            1.0,
            group=1,
            needs="://",
            check=_not_placeholder,
        ),
        Rule(
            "env_var",
            re.compile(
                r"\b[A-Z][A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASS|PASSWORD|PWD|CREDENTIALS?)"
                r"\s*[=:]\s*[\"']?([^\s\"',;]{8,})"
            ),
            0.85,
            group=1,
            check=_not_placeholder,
        ),
        Rule(
            "assignment",
            re.compile(
                # the name around the keyword is bounded: unbounded, a long run like
                # "x.x.x." is rescanned from every word start (quadratic)
                # (auth, but not an author: "author: kwame.mensah"; authorization stays)
                r"(?i)\b[\w.-]{0,64}(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|passwd|pwd"
                r"|auth(?!or(?!i[sz])))"
                r"[\w.-]{0,64}"
                r"[\"']?\s*(?:=|:|=>)\s*[\"']?([^\s\"',;]{8,})"
            ),
            0.85,
            group=1,
            check=_not_placeholder,
            hint=re.compile(r"(?i)key|secret|token|passw|pwd|auth"),
        ),
        # passwords given on a command line: mysql -p, sshpass -p, --password
        Rule(
            "cli_password",
            re.compile(
                r"(?:\b(?:mysql\w*|psql|sshpass|mongo\w*|redis-cli|smbclient|curl|wget|"
                r"rdesktop|xfreerdp|sqlcmd)\b[^\n|;&]*?\s(?:-p|-a|-P|--pass(?:word)?[= ]|-u\s+\S+:)"
                r"|--password[= ])\s?['\"]?([^\s'\"]{4,})"
            ),
            0.85,
            group=1,
            check=_random_looking,
            hint=re.compile(
                r"mysql|psql|sshpass|mongo|redis-cli|smbclient|curl|wget|rdesktop|xfreerdp|"
                r"sqlcmd|--password"
            ),
        ),
        # connection strings and configs: Password=...; Pwd=...; license_key: ...
        Rule(
            "keyword_short",
            re.compile(
                r"(?i)\b(?:password|passwd|pwd|pass|licen[cs]e[_ -]?key|product[_ -]?key|"
                r"serial[_ -]?key|client[_ -]?secret|shared[_ -]?key|private[_ -]?key|signing[_ -]?key)"
                r"[\"']?\s*(?:=|:|=>|\s+is\s+)\s*[\"']?([^\s\"',;<>]{4,})"
            ),
            0.8,
            group=1,
            check=_random_looking,
            hint=re.compile(r"(?i)pass|pwd|key|secret"),
        ),
        *vendor_rules(),
    )
    MAINTAINED = maintained_rules()

    def analyze(
        self, text: str, entities: list[str] | None = None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        out = super().analyze(text, entities, nlp_artifacts)
        for _, rx in self.MAINTAINED:
            for m in rx.finditer(text):
                start, end = _secret_part(m)
                if end - start >= 8 and _not_placeholder(text[start:end]):
                    out.append(RecognizerResult(self.ENTITY, start, end, 0.9))
        return out

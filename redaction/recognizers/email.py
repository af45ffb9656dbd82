"""E-mail addresses, with the top-level domain checked against the public suffix list
bundled with tldextract (no fetch: ``suffix_list_urls=()``) or one of the private and
special-use names internal mail uses (.local, .internal, .corp, .example), and addresses
spelt out to dodge scrapers ("j dot kowalczyk at gmail dot com", "jan [at] firma [dot]
pl")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import tldextract
from presidio_analyzer import RecognizerResult

from redaction.recognizers.base import Rule, RuleRecognizer

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


# top-level names no registry sells that companies' own mail and test systems use
# (RFC 2606 and 6761's special-use names, and the usual internal ones): an address there
# names a person as well (priya.raman@corp.local)
_PRIVATE_TLDS = frozenset(
    ("example", "test", "invalid", "localhost", "local", "localdomain", "internal", "intranet",
     "corp", "lan", "home", "private")
)  # fmt: skip


@lru_cache(maxsize=65536)
def _valid_domain(address: str) -> bool:
    domain = address.rsplit("@", 1)[-1].rstrip(".")
    parts = _EXTRACT(domain)
    return bool(parts.suffix) and bool(parts.domain)


def _private_domain(address: str) -> bool:
    labels = address.rsplit("@", 1)[-1].rstrip(".").casefold().split(".")
    return len(labels) >= 2 and labels[-1] in _PRIVATE_TLDS


# Chinese, Japanese and Korean letters (half-width katakana and Hangul too; not the
# full-width Latin letters and digits, ａｎａ@mail.es): a Unicode address may hold Latin,
# Cyrillic or Greek letters, but text in those scripts is written right against an
# address with no space ("メールはkenta.sato@example.jpです"), so they end it
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff65-\uffdc"


def _address(before: str, at: str) -> re.Pattern[str]:
    """An address's pattern: no word letter nor any of ``before`` right before it, a
    local part, ``at``, a domain of two labels or more; no CJK letter inside."""
    word = f"[^\\W{_CJK}]"  # a word character, not a CJK one
    alnum = f"[^\\W_{_CJK}]"
    label = f"{alnum}(?:(?:{word}|-){{0,62}}{alnum})?"
    return re.compile(
        rf"(?<!{word})(?<![{re.escape(before)}])(?:{word}|[.+%-]){{1,64}}{at}{label}(?:\.{label})+"
    )


# an address written to dodge scrapers: "j dot kowalczyk at gmail dot com",
# "jan.kowal [at] firma [dot] pl", "ana(at)mail(dot)es"
_DOT_WORD = r"(?:\s*(?:\[dot\]|\(dot\)|\{dot\})\s*|\sdot\s|\.)"
_DOT = re.compile(rf"\s*{_DOT_WORD}\s*", re.I)
_AT = r"\s*(?:\[at\]|\(at\)|\{at\}|\sat\s)\s*"
_OBFUSCATED = re.compile(
    rf"(?i)(?<![\w.@])([\w+-]+(?:{_DOT_WORD}[\w+-]+)*)({_AT})([\w-]+(?:{_DOT_WORD}[\w-]+)+)"
)
_OBFUSCATED_HINT = re.compile(
    r"(?i)\[at\]|\(at\)|\{at\}|\sat\s+[\w-]+\s*(?:\.|\[dot\]|\(dot\)|\sdot\s)"
)


class WardenEmailRecognizer(RuleRecognizer):
    """E-mail addresses, with Unicode letters in the local part or the domain."""

    ENTITY = "EMAIL_ADDRESS"
    RULES = (
        Rule(
            "email",
            _address(before=".+-", at="@"),
            1.0,
            check=_valid_domain,
        ),
        # under a private name, not a URL's password before its host
        # (postgres://admin:Tiger42!kp@db.internal): no colon, "!" or slash before it
        Rule(
            "private",
            _address(before=".+%:!/-", at="@"),
            1.0,
            check=_private_domain,
            hint=re.compile(r"@[\w.-]+\.(?i:" + "|".join(sorted(_PRIVATE_TLDS)) + r")\b"),
        ),
        # percent-encoded in a URL's query or a form's body: email=kat%40mail.ua
        Rule(
            "url_encoded",
            _address(before=".+-", at="%40"),
            1.0,
            check=lambda v: _valid_domain(v.replace("%40", "@")),
            needs="%40",
        ),
    )

    def prefilter(self, text: str) -> bool:
        return "@" in text or "%40" in text or _OBFUSCATED_HINT.search(text) is not None

    def analyze(
        self, text: str, entities: list[str] | None = None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        out = super().analyze(text, entities, nlp_artifacts)
        for m in _OBFUSCATED.finditer(text) if _OBFUSCATED_HINT.search(text) else ():
            local, at, domain = m.group(1), m.group(2), m.group(3)
            spelled = _DOT.sub(".", domain)
            address_like = any(c in local for c in "_0123456789") or bool(_DOT.search(local))
            if (at.strip().lower() != "at" or address_like) and _valid_domain("x@" + spelled):
                if any(m.start() < r.end and r.start < m.end() for r in out):
                    continue
                out.append(RecognizerResult(self.ENTITY, m.start(), m.end(), 0.8))
        return out

"""IPv4 and IPv6 addresses, validated by :mod:`ipaddress`. A dotted quad preceded by
``v`` or ``version`` is a version string, not an address."""

from __future__ import annotations

import ipaddress
import re

from redaction.recognizers.base import Rule, RuleRecognizer

_V4 = r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d)"
_V6 = r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|(?:\d{1,3}\.){3}\d{1,3})(?![\w:])"
_VERSIONISH = re.compile(r"(?i)(?:\bv|version\s*|release\s*)$")


def _ip_ok(value: str) -> bool:
    try:
        addr = ipaddress.ip_address(value)
    except ValueError:
        return False
    return not (addr.version == 6 and value.count(":") < 3 and "::" not in value)


class WardenIpRecognizer(RuleRecognizer):
    """IPv4 and IPv6 addresses."""

    ENTITY = "IP_ADDRESS"
    RULES = (
        Rule("ipv4", re.compile(_V4), 0.95, check=_ip_ok),
        Rule("ipv6", re.compile(_V6), 0.95, check=_ip_ok),
    )

    def analyze(self, text, entities=None, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if not _VERSIONISH.search(text[max(0, r.start - 9) : r.start])]

    def prefilter(self, text: str) -> bool:
        return "." in text or ":" in text

"""Payment card numbers: 13-19 digits, optionally grouped by spaces or dashes, with a
known issuer prefix and a valid Luhn check digit."""

from __future__ import annotations

import re

from redaction.recognizers.base import Rule, RuleRecognizer


def luhn_ok(value: str) -> bool:
    digits = [int(c) for c in value if c.isdigit()]
    if not 13 <= len(digits) <= 19 or len(set(digits)) < 2:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    if total % 10:
        return False
    first = "".join(map(str, digits[:4]))
    return first[0] in "3456" or first.startswith(("22", "27", "1800", "2131"))


class WardenCreditCardRecognizer(RuleRecognizer):
    """Card numbers (Visa, Mastercard, Amex, Discover, JCB, ...), Luhn-checked."""

    ENTITY = "CREDIT_CARD"
    RULES = (
        Rule(
            "grouped",
            re.compile(r"(?<![\d-])\d{4}([ -])\d{4,6}(?:\1\d{4,5}){1,2}(?:\1\d{1,4})?(?![\d-])"),
            1.0,
            check=luhn_ok,
        ),
        Rule(
            "amex",
            re.compile(r"(?<![\d-])3[47]\d{2}[ -]\d{6}[ -]\d{5}(?![\d-])"),
            1.0,
            check=luhn_ok,
        ),
        Rule("plain", re.compile(r"(?<![\d.-])\d{13,19}(?![\d-]|\.\d)"), 0.9, check=luhn_ok),
        # After a cue word, any 12-19 digit number is taken as a card (Maestro and
        # private-label cards fail the issuer check).
        Rule(
            "cued",
            re.compile(
                r"(?i)\b(?:card|cc|credit\s+card|debit\s+card|card\s+number|card\s*#)"
                r"[^\d\n]{0,20}((?:\d[ -]?){11,18}\d)(?!\d)"
            ),
            0.8,
            group=1,
        ),
    )

    def prefilter(self, text: str) -> bool:
        return sum(map(str.isdigit, text)) >= 12

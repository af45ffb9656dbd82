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
        # not digits inside a longer run of letters and digits (a hash, 0x52908400...)
        Rule("plain", re.compile(r"(?<![\w.-])\d{13,19}(?![\w-]|\.\d)"), 0.9, check=luhn_ok),
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


def _not_a_year(value: str) -> bool:
    """A year is no security code ("a security code review of the 2024 release")."""
    return not (len(value) == 4 and value.startswith(("19", "20")))


# a word every label of a security code holds (lower case)
_CODE_WORDS = (
    "cvv", "cvc", "cvn", "cav2", "verification", "security", "card", "seguridad",
    "prüfnummer", "cryptogramme", "sicurezza", "segurança", "sécurité", "securite",
    "セキュリティ", "보안", "安全码"
)  # fmt: skip


class WardenCardCodeRecognizer(RuleRecognizer):
    """A card's security code (CVV, CVC, CID) after its label: three or four digits that,
    with the card's number and expiry, are enough to pay with it."""

    ENTITY = "CREDIT_CARD"
    RULES = (
        Rule(
            "security_code",
            re.compile(
                r"(?<![A-Za-z0-9_-])(?i:cvv2?|cvc2?|cvn|cav2|card\s+verification"
                r"(?:\s+(?:code|value|number))?|security\s+code|card\s+code|"
                r"c[óo]digo\s+de\s+seguridad|kartenprüfnummer|prüfnummer|"
                r"cryptogramme(?:\s+visuel)?|codice\s+di\s+sicurezza|kod\s+cvv|"
                r"código\s+de\s+segurança|セキュリティコード|보안\s*코드|安全码|"
                r"\bcode\s+de\s+s[ée]curit[ée])"
                # then a few words ("(CVC) on the back is", "ist"), not a line
                r"[^\d\n]{0,30}?(?<![\d-])(\d{3,4})(?![\d-])"
            ),
            0.8,
            group=1,
            check=_not_a_year,
            needs_any=_CODE_WORDS,
        ),
    )

    def prefilter(self, text: str) -> bool:
        return sum(map(str.isdigit, text)) >= 3

"""The platform's own identifiers quoted in text: account, organisation and API key
ids. They become the same pseudonyms as the identifier columns."""

from __future__ import annotations

import re

from redaction.recognizers.base import LABEL_PARTICLES, Rule, RuleRecognizer, five_digits


class WardenAccountIdRecognizer(RuleRecognizer):
    """Account ids (``acct_...``)."""

    ENTITY = "ACCOUNT_ID"
    RULES = (Rule("acct", re.compile(r"\bacct_[A-Za-z0-9]{6,40}\b"), 1.0, needs="acct_"),)


class WardenOrgIdRecognizer(RuleRecognizer):
    """Organisation ids (``org_...``)."""

    ENTITY = "ORG_ID"
    RULES = (Rule("org", re.compile(r"\borg_[A-Za-z0-9]{6,40}\b"), 1.0, needs="org_"),)


class WardenApiKeyIdRecognizer(RuleRecognizer):
    """API key ids (``key_...``), not the secret itself."""

    ENTITY = "API_KEY_ID"
    RULES = (Rule("key", re.compile(r"\bkey_[A-Za-z0-9]{6,40}\b"), 1.0, needs="key_"),)


def _labelled(labels: str) -> re.Pattern[str]:
    return re.compile(
        # no Latin letter or digit before the label (a CJK one may be: 我的银行账号是)
        rf"(?i)(?<![A-Za-z0-9_À-ɏ])(?:{labels})(?:\s+(?:id|no\.?|number|num|nr\.?|#))?\s*"
        # "is", a colon, or the particle Korean, Japanese or Chinese puts there
        rf"(?:is\s+|[:#=：]\s*|(?:{LABEL_PARTICLES})\s*)?"
        # digits, a dash between them, or groups of three or more after a space (0048 2231
        # 9981), after up to three capitals
        r"(?<![A-Za-z0-9_-])((?:[A-Z]{1,3}[-\s]?)?\d[\d-]{2,18}\d(?:[ \t]\d{3,6}){0,3})(?![A-Za-z0-9_-])"
    )


class WardenRecordNumberRecognizer(RuleRecognizer):
    """Numbers that identify a person or their records, after their label (``MRN:
    40718823``, ``member ID 88213409``, ``employee ID E1048277``, ``student ID
    20231145``): the label stays, the number goes. The ``strict`` profile
    adds account, policy, claim, case and record numbers of any kind."""

    ENTITY = "RECORD_NUMBER"
    PERSONAL = Rule(
        "personal",
        _labelled(
            r"mrn|medical\s+record|patient|member|subscriber|beneficiary|health\s+plan|"
            r"insurance|chart|encounter|admission|employee|staff|personnel|payroll|student|"
            r"badge|matriculation|frequent\s+fl[yi]er|loyalty|personalnummer|matrikelnummer|"
            # a bank account's number (not an account of any kind: the strict profile's)
            r"(?:bank|checking|chequing|savings|joint|current|deposit)\s+account|"
            r"account(?=\s+(?:number|no\.?|num|nr\.?|#))|kontonummer|numer\s+konta|"
            r"n[úu]mero\s+de\s+(?:cuenta|conta)|num[ée]ro\s+de\s+compte|"
            r"계좌(?:\s*번호)?|口座番号|(?:银行)?(?:账号|卡号)|帳號|"
            # a gamer's or a chat account's number (Steam ID, Discord ID, player ID)
            r"steam(?:\s*id(?:64)?)?|discord(?=\s+(?:user\s+)?id)|(?:discord\s+)?user(?=\s+id)|"
            r"player(?=\s+id)"
        ),
        0.7,
        group=1,
        check=five_digits,
    )
    # a Steam account's 64-bit id wherever it stands: 7656119 and ten digits (Valve's
    # documented layout of SteamID64 for an individual account)
    STEAM64 = Rule("steam64", re.compile(r"(?<!\d)7656119\d{10}(?!\d)"), 0.7, needs="7656119")
    ANY = Rule(
        "any",
        _labelled(r"account|acct|policy|claim|case|record|file|customer|order|invoice"),
        0.6,
        group=1,
        check=five_digits,
    )

    def __init__(self, strict: bool = False) -> None:
        super().__init__()
        self.RULES = (
            (self.PERSONAL, self.STEAM64, self.ANY) if strict else (self.PERSONAL, self.STEAM64)
        )

    def prefilter(self, text: str) -> bool:
        return sum(map(str.isdigit, text)) >= 5

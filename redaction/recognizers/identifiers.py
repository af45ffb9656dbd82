"""The platform's own identifiers quoted in text: account, organisation and API key
ids. They become the same pseudonyms as the identifier columns."""

from __future__ import annotations

import re

from redaction.recognizers.base import Rule, RuleRecognizer


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

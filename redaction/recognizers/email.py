"""E-mail addresses, with the top-level domain checked against the public suffix list
bundled with tldextract (no fetch: ``suffix_list_urls=()``)."""

from __future__ import annotations

import re
from functools import lru_cache

import tldextract

from redaction.recognizers.base import Rule, RuleRecognizer

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


@lru_cache(maxsize=65536)
def _valid_domain(address: str) -> bool:
    domain = address.rsplit("@", 1)[-1].rstrip(".")
    parts = _EXTRACT(domain)
    return bool(parts.suffix) and bool(parts.domain)


class WardenEmailRecognizer(RuleRecognizer):
    """E-mail addresses, with Unicode letters in the local part or the domain."""

    ENTITY = "EMAIL_ADDRESS"
    RULES = (
        Rule(
            "email",
            re.compile(
                r"(?<![\w.+-])[\w.+%-]{1,64}@[^\W_](?:[\w-]{0,62}[^\W_])?"
                r"(?:\.[^\W_](?:[\w-]{0,62}[^\W_])?)+"
            ),
            1.0,
            check=_valid_domain,
        ),
    )

    def prefilter(self, text: str) -> bool:
        return "@" in text

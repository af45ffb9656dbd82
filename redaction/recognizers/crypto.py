"""Cryptocurrency wallet addresses: an address names one holder's account as an IBAN
does, and a block explorer lists every payment made to it.

- Bitcoin: legacy (1...), script (3...) and SegWit/Taproot (bc1...) addresses, accepted
  only with a valid checksum, which Presidio's own ``CryptoRecognizer`` computes
  (Base58Check; Bech32 and Bech32m): a random word of those letters passes one in four
  billion times.
- Ethereum (and the chains that share its addresses): ``0x`` and 40 hexadecimal digits,
  a form nothing else takes; its mixed-case checksum (EIP-55) needs Keccak-256, which
  the standard library lacks, so any case is accepted.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer.predefined_recognizers import CryptoRecognizer

from redaction.recognizers.base import Rule, RuleRecognizer


@lru_cache(maxsize=1)
def _presidio() -> CryptoRecognizer:
    return CryptoRecognizer()


def bitcoin_ok(address: str) -> bool:
    """Does ``address`` carry a valid Bitcoin checksum (Presidio's validator)?"""
    return bool(_presidio().validate_result(address))


class WardenCryptoWalletRecognizer(RuleRecognizer):
    """Bitcoin addresses with a valid checksum and Ethereum addresses (module doc)."""

    ENTITY = "CRYPTO"
    RULES = (
        Rule(
            "bitcoin",
            re.compile(r"(?<![A-Za-z0-9])(?:bc1|[13])[a-zA-HJ-NP-Z0-9]{25,59}(?![A-Za-z0-9])"),
            0.9,
            check=bitcoin_ok,
        ),
        Rule("ethereum", re.compile(r"(?<![\w$])0x[0-9a-fA-F]{40}(?![\w$])"), 0.8, needs="0x"),
    )

    def prefilter(self, text: str) -> bool:
        return "1" in text or "3" in text or "0x" in text

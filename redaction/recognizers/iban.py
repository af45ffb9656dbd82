"""IBANs, with or without spaces, accepted only with a valid ISO 13616 checksum and
the length registered for the country (every registry country, from ``schwifty``)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from presidio_analyzer import RecognizerResult

from redaction.recognizers.base import RuleRecognizer


@lru_cache(maxsize=1)
def lengths() -> dict[str, int]:
    """IBAN length of every country in the SWIFT IBAN registry, as ``schwifty`` ships it
    (experimental registrations included: an IBAN leaks a person's account either way)."""
    import pycountry
    from schwifty import registry

    out = {}
    for code in [c.alpha_2 for c in pycountry.countries] + ["XK"]:
        try:
            out[code] = registry.get_iban_spec(code).iban_length
        except Exception:  # no IBAN in that country
            continue
    return out


# in either case: a person types theirs in lower case as often (de89 3704 ...); the
# checksum is computed on the capitals
_CANDIDATE = re.compile(r"\b([A-Za-z]{2})(\d{2})((?:[ ]?[A-Za-z0-9]){10,30})")


def iban_ok(compact: str) -> bool:
    if lengths().get(compact[:2]) != len(compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


class WardenIbanRecognizer(RuleRecognizer):
    """IBANs: the longest prefix of a candidate that has the country's length and a
    valid checksum, so a following word is never swallowed."""

    ENTITY = "IBAN_CODE"

    def analyze(
        self, text: str, entities: list[str] | None = None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        out = []
        for m in _CANDIDATE.finditer(text):
            country = m.group(1).upper()
            want = lengths().get(country)
            if want is None:
                continue
            compact, end = "", m.start()
            for i in range(m.start(), m.end()):
                ch = text[i]
                if ch != " ":
                    compact += ch.upper()
                    end = i + 1
                if len(compact) == want:
                    break
            if len(compact) == want and iban_ok(compact):
                if end < len(text) and text[end].isalnum() and text[end - 1] != " ":
                    continue
                out.append(RecognizerResult(self.ENTITY, m.start(), end, 1.0))
        return out

"""Replacing the PII an :class:`~redaction.analyzer.Analyzer` finds.

- Overlapping spans are merged into one, and spans of one type separated only by
  white space or light punctuation are joined, so nothing between two parts of one
  name or number stays behind.
- Replacements are typed placeholders (``<PERSON>``, ``<SECRET>``, ...). E-mail
  addresses, IP addresses and the platform's account, organisation and key ids
  become the same pseudonyms as the identifier columns (when a pseudonymizer is
  given), so a prompt that mentions an address links to its account.
- Repeated texts are analysed once per run (an LRU cache keyed by content); texts
  longer than a chunk are analysed in overlapping chunks.
- Each result carries counts per entity type, never the values, but for the words of
  the names it found, held in memory (out of its repr) for
  :func:`redaction.spread.spread_names`, which redacts them in the other texts of a
  group, and never written.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from presidio_analyzer import RecognizerResult

from redaction.analyzer import Analyzer
from redaction.pseudonym import Pseudonymizer
from redaction.spread import name_words
from warden.config import RedactionConfig

# Which type wins when spans overlap: the more sensitive one.
PRIORITY = {
    t: i
    for i, t in enumerate(
        (
            "SECRET",
            "DEVICE_ID",  # a labelled IMEI or serial is no card, whatever its checksum
            "VEHICLE_ID",
            "CREDIT_CARD",
            "IBAN_CODE",
            "CRYPTO",
            "US_SSN",
            "NATIONAL_ID",
            "EMAIL_ADDRESS",
            "RECORD_NUMBER",  # a labelled record number is no phone, whatever its digits
            "PHONE_NUMBER",
            "IP_ADDRESS",
            "STREET_ADDRESS",
            "DATE_OF_BIRTH",
            "PERSON",
            "ACCOUNT_ID",
            "ORG_ID",
            "API_KEY_ID",
            "AGE",
            "DATE",
            "LOCATION",
        )
    )
}
_PLACE_OR_NUMBER = {"STREET_ADDRESS", "PHONE_NUMBER"}
PSEUDONYM_KIND = {
    "EMAIL_ADDRESS": "email",
    "IP_ADDRESS": "ip",
    "ACCOUNT_ID": "account",
    "ORG_ID": "org",
    "API_KEY_ID": "api_key",
}
_GLUE = re.compile(r"[\s,.'’-]{0,3}")
CHUNK = 100_000
OVERLAP = 2_000
_CACHE_MAX_LEN = 20_000
_SURROGATE = re.compile(r"[\ud800-\udfff]")


# Invisible format characters (zero-width joiners and spaces, bidirectional overrides,
# byte-order marks): used to split an e-mail or a card number so that no pattern
# matches, or to disguise text. They carry no meaning in a prompt; they are removed.
_FORMAT = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


def clean_text(text: str) -> str:
    """Invisible format characters removed; lone surrogates (from broken JSON escapes)
    become U+FFFD."""
    text = _FORMAT.sub("", text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


@dataclass(frozen=True)
class Redacted:
    """A redacted text and how many entities of each type were replaced; ``names``, the
    words of the names found, is for :func:`~redaction.spread.spread_names` and stays in
    memory (not in the repr, never written)."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)
    names: frozenset[str] = field(default=frozenset(), repr=False, compare=False)


class TextRedactor(Protocol):
    """Anything that redacts a batch of texts (:class:`Redactor`, the parallel one)."""

    def redact_many(self, texts: Sequence[str]) -> list[Redacted]: ...


def merge_spans(text: str, results: Sequence[RecognizerResult]) -> list[tuple[int, int, str]]:
    """Overlapping spans merged, same-type neighbours joined; sorted, disjoint."""
    spans = sorted(
        ((r.start, r.end, r.entity_type) for r in results if r.end > r.start),
        key=lambda x: (x[0], -x[1]),
    )
    merged: list[list[object]] = []
    for s, e, t in spans:
        if merged:
            ps, pe, pt = merged[-1]
            assert isinstance(pe, int) and isinstance(pt, str) and isinstance(ps, int)
            if s < pe:
                if {t, pt} == _PLACE_OR_NUMBER:
                    # a number inside an address (a postcode, a house number) is part of
                    # the address; an address inside a number's span is part of it
                    if e - s > pe - ps:
                        merged[-1][2] = t
                elif PRIORITY.get(t, 99) < PRIORITY.get(pt, 99):
                    merged[-1][2] = t
                merged[-1][1] = max(pe, e)
                continue
            if t == pt and _GLUE.fullmatch(text[pe:s]) and t not in PSEUDONYM_KIND:
                merged[-1][1] = e
                continue
        merged.append([s, e, t])
    return [(int(s), int(e), str(t)) for s, e, t in merged]  # type: ignore[call-overload]


class Redactor:
    """Redacts texts with an analyzer; see the module doc."""

    def __init__(
        self,
        config: RedactionConfig | None = None,
        pseudonymizer: Pseudonymizer | None = None,
        analyzer: Analyzer | None = None,
    ) -> None:
        self.config = config or RedactionConfig()
        self.analyzer = analyzer or Analyzer(self.config)
        self.pseudonymizer = pseudonymizer
        self._cache: OrderedDict[str, Redacted] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _replace(self, text: str, results: Sequence[RecognizerResult]) -> Redacted:
        out: list[str] = []
        counts: Counter[str] = Counter()
        pos = 0
        spans = merge_spans(text, results)
        for s, e, t in spans:
            out.append(text[pos:s])
            kind = PSEUDONYM_KIND.get(t)
            if kind and self.pseudonymizer is not None:
                out.append(self.pseudonymizer.pseudonym(kind, text[s:e]))
            else:
                out.append(f"<{t}>")
            counts[t] += 1
            pos = e
        out.append(text[pos:])
        return Redacted("".join(out), dict(counts), name_words(text, spans))

    def _analyze(self, texts: list[str]) -> list[list[RecognizerResult]]:
        short = [i for i, t in enumerate(texts) if len(t) <= CHUNK]
        results: list[list[RecognizerResult]] = [[] for _ in texts]
        for i, r in zip(short, self.analyzer.analyze_many([texts[i] for i in short]), strict=True):
            results[i] = r
        for i, t in enumerate(texts):
            if len(t) > CHUNK:
                results[i] = self._analyze_long(t)
        return results

    def _analyze_long(self, text: str) -> list[RecognizerResult]:
        starts = list(range(0, len(text), CHUNK - OVERLAP))
        chunks = [text[s : s + CHUNK] for s in starts]
        out: list[RecognizerResult] = []
        for start, found in zip(starts, self.analyzer.analyze_many(chunks), strict=True):
            out += [
                RecognizerResult(r.entity_type, r.start + start, r.end + start, r.score)
                for r in found
            ]
        return out

    def redact_many(self, texts: Sequence[str]) -> list[Redacted]:
        """Redact each text; repeated texts are analysed once."""
        texts = [clean_text(t) for t in texts]
        todo: dict[str, None] = {}
        done: dict[str, Redacted] = {}
        for t in texts:
            if not t:
                done[t] = Redacted(t)
            elif t in self._cache:
                self._cache.move_to_end(t)
                done[t] = self._cache[t]
                self.hits += 1
            elif t not in done:
                todo[t] = None
        batch = list(todo)
        self.misses += len(batch)
        for t, res in zip(batch, self._analyze(batch), strict=True):
            red = self._replace(t, res)
            done[t] = red
            if len(t) <= _CACHE_MAX_LEN:
                self._cache[t] = red
        while len(self._cache) > self.config.cache_size:
            self._cache.popitem(last=False)
        return [done[t] for t in texts]

    def redact(self, text: str) -> Redacted:
        """Redact one text."""
        return self.redact_many([text])[0]

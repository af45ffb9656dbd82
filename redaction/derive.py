"""What investigation needs from a redacted event: a fingerprint of the user prompt
for template and near-duplicate detection, jailbreak-pattern hits, a refusal flag.
All computed on redacted text, so none of it carries personal data.

The jailbreak patterns match attempts (instructions to drop the rules), not talk about
them: the word "jailbreak" itself is not a pattern, since safety researchers and
moderation teams use it all day."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

_PLACEHOLDER = re.compile(r"<[A-Z_]+>|\b(?:ac|or|ak|em|ip|nw|ua)_v\d+_[0-9a-f]{32}\b")
_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w#]+")

JAILBREAK_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"ignore (?:all )?(?:the )?(?:previous|prior|above|earlier) (?:instructions|rules|prompts)",
        r"\bdo anything now\b|\byou are dan\b|\bas dan\b",
        r"developer mode|devmode|god mode",
        r"\bno (?:restrictions|filters|rules|limits|guidelines)\b|without (?:any )?(?:restrictions|filters|censorship)",
        r"stay in character|you are now (?:in )?(?:an? )?(?:unfiltered|unrestricted|evil)",
        r"\bunfiltered\b|\buncensored\b",
        r"safety\s*[=:]\s*off|system override|content policy (?:is )?(?:disabled|off)",
        r"(?:grandma|grandmother)\b.{0,80}\b(?:tell|told|used to)",
        r"hypothetical(?:ly)?\b.{0,80}\b(?:fiction|story|no laws|laws do not exist)",
        r"(?:respond|answer) twice",
    )
)
REFUSAL = re.compile(
    r"^\s*(?:i'?m sorry|i am sorry|sorry)?[,.]?\s*(?:but )?i (?:can(?:no|')t|cannot|won'?t|am unable to|'m unable to)"
    r"\s+(?:help|assist|provide|comply|do that|fulfil|fulfill|support)",
    re.I,
)


def normalise(text: str) -> str:
    """Lower case, personal data and numbers folded, punctuation dropped."""
    t = _PLACEHOLDER.sub("#", text.lower())
    t = _DIGITS.sub("0", t)
    return " ".join(_NON_WORD.sub(" ", t).split())


TEMPLATE_WORDS = 10


def template_hash(text: str) -> str | None:
    """Hash of the first ten words of the normalised prompt: prompts made from one
    template (a jailbreak preamble, a phishing request, an app's canned question) share
    it even when the part filled in at the end differs."""
    words = normalise(text).split()
    if not words:
        return None
    return hashlib.sha256(" ".join(words[:TEMPLATE_WORDS]).encode()).hexdigest()[:16]


_BITS = np.arange(64, dtype=np.uint64)


def simhash(text: str) -> int | None:
    """64-bit SimHash over word 3-grams of the normalised prompt, as a signed int:
    near-duplicate prompts differ in few bits."""
    words = normalise(text).split()
    if not words:
        return None
    grams = [" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))]
    hashes = np.array(
        [int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams],
        dtype=np.uint64,
    )
    ones = ((hashes[:, None] >> _BITS) & np.uint64(1)).sum(axis=0)  # per bit: grams with a 1
    value = sum(1 << int(b) for b in np.flatnonzero(2 * ones > len(grams)))
    return value - (1 << 64) if value >= 1 << 63 else value


# prompts longer than this are not kept (8,192 of them would hold 80 MB at most)
_KEPT_UP_TO = 10_000


def prompt_features(text: str) -> tuple[str | None, int | None, int]:
    """(template_hash, simhash, jailbreak_hits) of a redacted prompt; those of the last
    8,192 prompts of up to 10,000 characters are kept: an app or a ring sends the same
    prompt again and again."""
    if len(text) > _KEPT_UP_TO:
        return _features(text)
    return _kept_features(text)


def _features(text: str) -> tuple[str | None, int | None, int]:
    return template_hash(text), simhash(text), jailbreak_hits(text)


_kept_features = lru_cache(maxsize=8192)(_features)


def jailbreak_hits(text: str) -> int:
    """How many distinct jailbreak patterns the prompt matches."""
    low = text.lower()
    return sum(1 for p in JAILBREAK_PATTERNS if p.search(low))


def is_refusal(completion: str | None) -> bool:
    """Does the model's answer open with a refusal?"""
    return bool(completion) and bool(REFUSAL.match(completion or ""))

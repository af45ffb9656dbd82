"""A small base for our regex recognizers: patterns with a group, a score and a check."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

# the particle Chinese, Japanese or Korean writes between a label and its value
# (账号是 ..., 番号は ..., 계좌번호는 ...), as "is" or a colon in other languages
LABEL_PARTICLES = "是|为|為|は|는|은"


def five_digits(value: str) -> bool:
    """Does ``value`` hold five digits or more (a number after its label, not a word)?"""
    return sum(c.isdigit() for c in value) >= 5


@dataclass(frozen=True)
class Rule:
    """One pattern. ``group`` picks the part of the match that is the entity."""

    name: str
    regex: re.Pattern[str]
    score: float
    group: int | str = 0
    check: Callable[[str], bool] | None = None
    needs: str | None = None  # a literal (lower case) the text must contain, to skip early
    # literals (lower case) of which the text must contain one: every label a rule's
    # pattern opens with holds one of them (a substring test is far cheaper than a pattern
    # of alternatives tried at every character)
    needs_any: tuple[str, ...] = ()
    # a pattern the text must match somewhere (a part of every match the rule can make),
    # to skip early where the rule's own pattern would be tried at every word
    hint: re.Pattern[str] | None = None


class RuleRecognizer(EntityRecognizer):
    """A recognizer of one entity type from a list of :class:`Rule`."""

    ENTITY = ""
    RULES: tuple[Rule, ...] = ()

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[self.ENTITY], supported_language="en", name=type(self).__name__
        )

    def load(self) -> None:
        """Nothing to load: the rules are compiled at import."""

    def prefilter(self, text: str) -> bool:
        """Cheap test: False means the text cannot hold this entity."""
        return True

    def analyze(
        self, text: str, entities: list[str] | None = None, nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if not self.prefilter(text):
            return []
        lower: str | None = None
        out: list[RecognizerResult] = []
        for rule in self.RULES:
            if rule.needs is not None:
                if lower is None:
                    lower = text.lower()
                if rule.needs not in lower:
                    continue
            if rule.needs_any:
                if lower is None:
                    lower = text.lower()
                if not any(n in lower for n in rule.needs_any):
                    continue
            if rule.hint is not None and rule.hint.search(text) is None:
                continue
            for m in rule.regex.finditer(text):
                start, end = m.span(rule.group)
                if start < 0 or start == end:
                    continue
                value = text[start:end]
                if rule.check is not None and not rule.check(value):
                    continue
                out.append(RecognizerResult(self.ENTITY, start, end, rule.score))
        return out

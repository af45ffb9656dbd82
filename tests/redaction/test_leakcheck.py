"""The leak measure counts partial leaks: a surname alone, five digits of a number."""

from __future__ import annotations

import pytest

from redaction.leakcheck import leaked

LEAKS = [
    ("PERSON", "Anna Kowalski", "dr. Kowalski said"),
    ("PERSON", "Anna Kowalski", "husband of Anna"),
    ("CREDIT_CARD", "4111111111111111", "card 4111\u200d1111\u200d1111\u200d1111 charged"),
    ("CREDIT_CARD", "4111 1111 1111 1234", "ends in 11 1234"),
    ("PHONE_NUMBER", "+34 612 345 678", "call 612-345 now"),
    ("EMAIL_ADDRESS", "ana.ruiz@mail.es", "mail ana.ruiz@<REDACTED>"),
    ("EMAIL_ADDRESS", "ana.ruiz@mail.es", "ａｎａ.ruiz@mail.es"),
    ("STREET_ADDRESS", "160 Baker Street, London NW1 6XE", "<STREET_ADDRESS>1 6XE"),
    ("SECRET", "sk-proj-Ab3dEf6hIj9kLm2nOp5q", "key Ab3dEf6hIj9k"),
    # a particle written onto the family name left (Korean, Japanese)
    ("PERSON", "마리아 가르시아", "제 <PERSON> 가르시아라고 합니다."),
    ("PERSON", "佐藤 健", "<PERSON> 佐藤です"),
    # a word with the vowel signs written on its letters (Devanagari): the family name left
    ("PERSON", "रोहित वर्मा", "<PERSON> वर्मा ने कहा"),
]
CLEAN = [
    ("PERSON", "Anna Kowalski", "dr. <PERSON> said"),
    ("PERSON", "Juan de la Cruz", "la cuenta de <PERSON>"),
    ("PERSON", "Anna Kowalski", "Annapolis and Kowalskis"),
    ("CREDIT_CARD", "4111111111111111", "card <CREDIT_CARD> (last 4 digits 1111)"),
    ("STREET_ADDRESS", "160 Baker Street, London NW1 6XE", "a street named <STREET_ADDRESS>"),
    ("IP_ADDRESS", "203.0.113.195", "from ip_v1_2030113195aaaaaaaaaaaaaaaaaaaaaa"),
    ("EMAIL_ADDRESS", "ana.ruiz@mail.es", "mail <EMAIL_ADDRESS> now"),
    # a Thai word is whole with its vowel and tone marks: its two last letters (ระ of
    # วีระ) are no word of the name, and are inside many others (ชลประทาน)
    ("PERSON", "นายวีระ วงศ์แสงนาค", "ด้าน<PERSON> รองอธิบดีกรมชลประทาน กล่าว"),
]


@pytest.mark.parametrize(("kind", "value", "text"), LEAKS)
def test_partial_leaks_count(kind: str, value: str, text: str) -> None:
    assert leaked(kind, value, text)


@pytest.mark.parametrize(("kind", "value", "text"), CLEAN)
def test_redacted_values_do_not(kind: str, value: str, text: str) -> None:
    assert not leaked(kind, value, text)

"""A name found in one text of a group is redacted in the group's other texts."""

from __future__ import annotations

import pytest

from redaction.redact import Redacted, Redactor
from redaction.spread import spread_names, spreads


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def test_a_name_found_in_one_text_is_redacted_in_the_others_of_its_group(
    redactor: Redactor,
) -> None:
    texts = [
        "Please forward the draft to Dr. Wendelin Quarzbach before noon.",
        "Quarzbach approved the budget.",  # alone, nothing says it is a name
        "Quarzbach approved the budget.",  # the same text in another group
        "Will you join us? Will Thornbury said he would.",
    ]
    alone = redactor.redact_many(texts)
    assert "Quarzbach" in alone[1].text  # what the group adds
    out = spread_names(alone, ["a", "a", "b", "a"])
    assert "Quarzbach" not in out[1].text and out[1].counts == {"PERSON": 1}
    assert out[2].text == "Quarzbach approved the budget."  # no name found in its group
    # a common word a name shares is not spread ("Will"); the rest of the group is kept
    assert out[3].text.startswith("Will you join us?")
    assert "Wendelin" not in repr(alone[0]) and "Quarzbach" not in repr(alone[0])
    with pytest.raises(ValueError, match="one group a text"):
        spread_names(alone, ["a"])


def test_spread_in_hebrew_and_arabic_after_a_prefix_and_in_korean_before_a_particle() -> None:
    results = [
        Redacted("<PERSON> נסע לחיפה.", {"PERSON": 1}, frozenset({"קורנבליט"})),
        Redacted("ספר על קורנבליט, ולקורנבליט היו שני ילדים. קורנבליטים", {}),
        Redacted("<PERSON> 감독은 웃었다.", {"PERSON": 1}, frozenset({"봉석민"})),
        Redacted("어제 봉석민에게 전화했다. 대봉석민", {}),
        Redacted("<PERSON> كتب البرنامج.", {"PERSON": 1}, frozenset({"غيتيس"})),
        Redacted("قال غيتيس إن العمل انتهى، وشكر الفريق لغيتيس. غيتيسا", {}),
    ]
    out = spread_names(results, [1, 1, 2, 2, 3, 3])
    assert out[5].text == "قال <PERSON> إن العمل انتهى، وشكر الفريق <PERSON>. غيتيسا"
    assert out[1].text == "ספר על <PERSON>, <PERSON> היו שני ילדים. קורנבליטים"
    assert out[3].text == "어제 <PERSON>에게 전화했다. 대봉석민"
    assert out[1].counts == {"PERSON": 2} and out[3].counts == {"PERSON": 1}


def test_which_words_spread(caplog: pytest.LogCaptureFixture) -> None:
    # a rare capitalised word of three letters or more (two in Hangul); not a common
    # word of the text's language or of English, not lower case or all in capitals, not
    # a word of Chinese, Japanese or Thai, not a placeholder's
    assert spreads("Quarzbach", "en") and spreads("Brill", "de") and spreads("석민", "ko")
    assert not spreads("Will", "en") and not spreads("Flor", "pt")  # "flower" in Portuguese
    assert not spreads("Xu", "en") and not spreads("quarzbach", "en")
    assert not spreads("王小明", "zh") and not spreads("EMAIL_ADDRESS", "en")
    assert not spreads("CRISPR", "en")  # an acronym a model may take for a name
    # Turkish İ lowers to i and a combining dot, which no word list holds: İstanbul is
    # a common Turkish word all the same
    assert not spreads("İstanbul", "tr") and spreads("İlkbaharoğlu", "tr")
    # a Latin word in a language whose words wordfreq cuts with a tool Warden does not
    # ship (MeCab for Japanese) or has no list for under that name (Thai, Norwegian):
    # English decides
    for lang in ("ja", "zh", "th", "no"):
        assert spreads("Quarzbach", lang) and not spreads("Doctor", lang)
    # wordfreq warns of Thai (no list) and Norwegian ("no", read as "nb")
    assert not [r for r in caplog.records if r.levelname == "WARNING"]


def test_a_name_found_once_is_redacted_where_the_text_has_it_again(
    redactor: Redactor,
) -> None:
    # the model finds the whole name after "actor"; the family name alone before a
    # particle, in the quotation, nothing marks as a name; a common word a found name
    # shares (Will) stays where it stands again
    text = '감독은 배우 케이트 윈슬렛을 언급하며 "윈슬렛과 다시 일하고 싶다"고 말했다.'
    out = redactor.redact(text)
    assert "윈슬렛" not in out.text and out.counts == {"PERSON": 2}, out
    out = redactor.redact("Will Thornbury called. Will you call back?")
    assert out.text == "<PERSON> called. Will you call back?", out

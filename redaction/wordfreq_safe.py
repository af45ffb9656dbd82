"""wordfreq's ``zipf_frequency`` for a text in any language.

wordfreq cuts Japanese and Korean into words with MeCab and has no tokenizer for Thai;
we ship neither, so asking it about a word of those languages raises (ImportError,
LookupError). A rule that asks how common a word is (a form's label before a colon:
"氏名:", "이름:") would then stop the redaction of the whole text. Here such a word
counts as unknown (0.0, what wordfreq says of a word it has never seen); the rules
built on frequencies were chosen on the languages wordfreq reads.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency as _wordfreq_zipf

_UNREADABLE: set[str] = set()


@lru_cache(maxsize=300_000)
def zipf_frequency(word: str, lang: str, wordlist: str = "best") -> float:
    """wordfreq's Zipf frequency of ``word`` in ``lang``; 0.0 where wordfreq cannot
    read the language here. Kept per process: the rules ask about the same words of
    every text, and wordfreq's own lookup (tokenize, cache, convert, round) cost a
    tenth of the name rules' time on distinct English texts."""
    if lang in _UNREADABLE:
        return 0.0
    try:
        return float(_wordfreq_zipf(word, lang, wordlist=wordlist))
    except (ImportError, LookupError):
        _UNREADABLE.add(lang)
        return 0.0

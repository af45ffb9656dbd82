"""The synthetic sentences the multi-language name model learns from
(``training/synthetic.py``): labels on exactly the values put in, the same sentences for a
seed, and no template taken from what the project measures or tests with."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "training" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_spans_label_exactly_the_values_put_in() -> None:
    synthetic = _synthetic()
    made = synthetic.sentences(20, seed=5)
    assert {lang for _, _, lang in made} == set(synthetic.TEMPLATES)
    assert len(made) == 20 * len(synthetic.TEMPLATES)
    for text, spans, lang in made:
        assert "{" not in text, text
        assert spans and all(lab in ("PERSON", "LOC", "ORG") for _, _, lab in spans)
        for a, b, _ in spans:
            value = text[a:b]
            assert value and value == value.strip(), (lang, text, value)
        # what is left once the values are cut out is the template's own text
        rest = text
        for a, b, _ in sorted(spans, reverse=True):
            rest = rest[:a] + "{}" + rest[b:]
        templates = [re.sub(r"\{[PQFLCO]\}", "{}", t) for t in synthetic.TEMPLATES[lang][2]]
        assert rest in templates, (lang, text)
    assert synthetic.sentences(20, seed=5) == made
    assert synthetic.sentences(20, seed=6) != made


def test_no_template_comes_from_what_is_measured_or_tested() -> None:
    synthetic = _synthetic()
    measured = (ROOT / "benchmarks" / "_multilingual.py").read_text(encoding="utf-8")
    tested = (ROOT / "tests" / "redaction" / "test_failure_classes.py").read_text(encoding="utf-8")
    for _, _, templates in synthetic.TEMPLATES.values():
        for template in templates:
            for piece in re.split(r"\{[PQFLCO]\}", template):
                # a run of a template's own words in a measured or tested text: 16
                # characters, or 6 in scripts without spaces (denser)
                n = 6 if _UNSPACED.search(piece) else 16
                for i in range(len(piece) - n + 1):
                    run = piece[i : i + n]
                    assert run not in measured and run not in tested, run


def test_sentences_without_names_hold_no_name_faker_knows() -> None:
    synthetic = _synthetic()
    plain = synthetic.negatives(30, seed=5)
    assert {lang for _, _, lang in plain} == set(synthetic.TEMPLATES)
    names = set().union(*(synthetic._names_of(loc) for loc, _, _ in synthetic.TEMPLATES.values()))
    for text, spans, lang in plain:
        assert spans == [] and text
        words = [text] if lang == "zh" else text.split()
        assert 6 <= len(words) <= 14 or lang == "zh", text
        assert not any(w.lower() in names for w in words), (lang, text)
    assert synthetic.negatives(30, seed=5) == plain

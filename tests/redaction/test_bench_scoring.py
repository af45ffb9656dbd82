"""How ``benchmarks/bench_redaction.py`` counts a labelled name as left: when it is still
in the output, and a name of one letter or syllable only when, besides, no span found
touches it where it stands."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_redaction
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return bench_redaction


def _score(text: str, name: str, spans: list[tuple[int, int, str]], out: str) -> dict[str, int]:
    start = text.index(name)
    item = {"text": text, "spans": [{"start": start, "end": start + len(name), "label": "PERSON"}]}
    return _bench().ner_scores([item], [spans], [out])


def test_a_one_syllable_family_name_redacted_is_not_left() -> None:
    # "Lee, the researcher, said the flu came early": 이 redacted; the syllable is still
    # in 유행이 ("the flu" with its particle)
    text = "이 연구원은 유행이 빨랐다고 말했다."
    scores = _score(text, "이", [(0, 1, "PERSON")], "<PERSON> 연구원은 유행이 빨랐다고 말했다.")
    assert scores["whole"] == 0 and scores["part"] == 0


def test_a_one_syllable_name_not_redacted_is_left() -> None:
    text = "이 연구원은 유행이 빨랐다고 말했다."
    scores = _score(text, "이", [], text)
    assert scores["whole"] == 1 and scores["part"] == 1


def test_a_longer_name_anywhere_in_the_output_is_left() -> None:
    # redacted where it is labelled, but left where it comes again unlabelled
    text = "Ask Wojtek today; Wojtek knows."
    out = "Ask <PERSON> today; Wojtek knows."
    scores = _score(text, "Wojtek", [(4, 10, "PERSON")], out)
    assert scores["whole"] == 1 and scores["part"] == 1


def test_a_surname_left_is_a_partial_leak() -> None:
    text = "Call Marta Zielonka now."
    out = "Call <PERSON> Zielonka now."
    scores = _score(text, "Marta Zielonka", [(5, 10, "PERSON")], out)
    assert scores["whole"] == 0 and scores["part"] == 1


def test_a_name_redacted_by_a_later_step_is_not_left() -> None:
    # the analyzer's spans miss it, but the output (where later steps redact more) has it
    # no more
    text = "Ask Wojtek today."
    scores = _score(text, "Wojtek", [], "Ask <PERSON> today.")
    assert scores["whole"] == 0 and scores["part"] == 0

"""Replacement, adjacency, long and odd input, pseudonyms in text, offline operation."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from redaction.pseudonym import Pseudonymizer
from redaction.redact import Redactor, merge_spans


def test_typed_placeholders_and_counts(redactor: Redactor) -> None:
    r = redactor.redact("Write to Ana Ruiz at ana.ruiz@mail.es or +34 612 345 678.")
    assert r.text == "Write to <PERSON> at <EMAIL_ADDRESS> or <PHONE_NUMBER>."
    assert r.counts == {"PERSON": 1, "EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}
    assert "ana" not in repr(r.counts).lower()


def test_adjacent_and_overlapping_leave_nothing_between(redactor: Redactor) -> None:
    cases = [
        "Ana Ruiz,Trevor Whitfield,ana.ruiz@mail.es,+34 612 345 678",
        "ana.ruiz@mail.es+34612345678",
        "card:4111111111111111|iban:DE89370400440532013000",
        "postgres://admin:Tiger42!kp@203.0.113.9:5432/db",
    ]
    planted = [
        "Ana",
        "Ruiz",
        "Trevor",
        "Whitfield",
        "ana.ruiz",
        "612",
        "4111",
        "DE89",
        "Tiger42",
        "203.0.113.9",
    ]
    for text in cases:
        out = redactor.redact(text).text
        for p in planted:
            assert p not in out, (text, out)


def test_merge_spans_joins_same_type_neighbours() -> None:
    from presidio_analyzer import RecognizerResult as R

    text = "Ana Ruiz and Bo"
    spans = merge_spans(text, [R("PERSON", 0, 3, 1), R("PERSON", 4, 8, 1), R("PERSON", 2, 6, 1)])
    assert spans == [(0, 8, "PERSON")]
    spans = merge_spans(
        "x@y.io z@y.io", [R("EMAIL_ADDRESS", 0, 6, 1), R("EMAIL_ADDRESS", 7, 13, 1)]
    )
    assert len(spans) == 2  # pseudonymised types are never joined


def test_secret_wins_over_overlapping_weaker_type() -> None:
    from presidio_analyzer import RecognizerResult as R

    spans = merge_spans("a" * 30, [R("PERSON", 0, 10, 1), R("SECRET", 5, 30, 1)])
    assert spans == [(0, 30, "SECRET")]


def test_long_text_over_a_million_characters(redactor: Redactor) -> None:
    filler = "The quick brown fox jumps over the lazy dog. " * 26_000  # ~1.17M chars
    mid = len(filler) // 2
    boundary = 100_000 - 10  # straddles the first chunk boundary
    text = (
        "Contact ana.ruiz@mail.es first. "
        + filler[:boundary]
        + " ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 "
        + filler[boundary:mid]
        + " card 4111 1111 1111 1111 "
        + filler[mid:]
        + " Dear Trevor Whitfield"
    )
    assert len(text) > 1_000_000
    out = redactor.redact(text).text
    for planted in ("ana.ruiz@mail.es", "ghp_aBcDeFgH", "4111 1111", "Whitfield"):
        assert planted not in out
    assert out.count("lazy dog") == text.count("lazy dog")


def test_empty_and_odd_input(redactor: Redactor) -> None:
    out = redactor.redact_many(["", " ", "\x00\x01", "\ud800 lone surrogate", "😀" * 10])
    assert [r.text for r in out[:3]] == ["", " ", "\x00\x01"]
    assert out[3].text == "\ufffd lone surrogate"


def test_cache_analyses_repeated_text_once(redactor: Redactor) -> None:
    before = redactor.misses
    redactor.redact_many(["You are a helpful assistant named Zyx."] * 50)
    assert redactor.misses - before == 1


def test_identifiers_in_text_get_column_pseudonyms(analyzer) -> None:  # type: ignore[no-untyped-def]
    p = Pseudonymizer({1: bytes(range(32))}, 1)
    r = Redactor(pseudonymizer=p, analyzer=analyzer).redact(
        "User ANA.Ruiz@Mail.ES from 203.0.113.7 on acct_d5c38b7c5a45 complained"
    )
    assert p.pseudonym("email", "ana.ruiz@mail.es") in r.text
    assert p.pseudonym("ip", "203.0.113.7") in r.text
    assert p.pseudonym("account", "acct_d5c38b7c5a45") in r.text
    assert "Mail.ES" not in r.text and "203.0.113" not in r.text


def test_runs_with_no_network_at_all() -> None:
    """Build the analyzer and redact in a process whose sockets all fail."""
    code = textwrap.dedent(
        """
        import socket
        class NoNet(socket.socket):
            def __init__(self, *a, **k):
                raise OSError("network disabled in this test")
        socket.socket = NoNet
        socket.create_connection = lambda *a, **k: (_ for _ in ()).throw(OSError("no net"))
        from redaction.redact import Redactor
        out = Redactor().redact("Mail ana.ruiz@mail.example.co.uk, Ana Ruiz, +44 20 7946 0958")
        print(out.text)
        """
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "Mail <EMAIL_ADDRESS>, <PERSON>, <PHONE_NUMBER>"
    assert "network disabled" not in proc.stderr


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_models_multiply_through_numpy_one_thread_a_worker(redactor: Redactor) -> None:
    """redaction.matmul: every layer of the English NER and of the name models multiplies
    through numpy (thinc's BLIS is about three times slower on the machines we run on),
    and a redaction worker gives numpy's BLAS one thread, its core being its own."""
    from redaction.multilingual import load_person_model
    from redaction.parallel import ParallelRedactor
    from warden.config import RedactionConfig

    for nlp in (redactor.analyzer.nlp, load_person_model()):
        layers = [node for _, component in nlp.pipeline for node in component.model.walk()]
        assert layers and all(node.ops.use_blis is False for node in layers)
    with ParallelRedactor(RedactionConfig(processes=2)) as pool:
        threads = pool.submit(_blas_threads).result(timeout=120)
    # numpy's OpenBLAS, and scipy's too when a test before this one imported it
    assert threads and all(n == 1 for n in threads), threads


def test_ner_reads_only_sentences_that_may_name_someone(redactor: Redactor) -> None:
    """The English NER reads a sentence only when a word in it may be a name: a prompt's
    opening imperative is a verb, not a name ("Classify", "Paraphrase"), and a sentence
    ends at a full stop inside a closing quote too. The names in the same prompts are
    still found."""
    from redaction.analyzer import ner_segments

    plain = [
        "Classify the sentiment of ticket #12: 'Please update my details.' Answer with one word.",
        "Paraphrase this paragraph for a younger audience.",
        "Fix the typo in 'recieve.' Explain why it is wrong.",
    ]
    for text in plain:
        assert ner_segments(text) == [], text
    named = "Paraphrase the note Imogen Fairweather left. 'Call me.' Answer her today."
    (segment,) = ner_segments(named)
    assert "Imogen Fairweather" in named[segment[0] : segment[1]]
    assert "Answer" not in named[segment[0] : segment[1]]
    out = redactor.redact(named).text
    assert "Imogen" not in out and "Fairweather" not in out and "Paraphrase" in out

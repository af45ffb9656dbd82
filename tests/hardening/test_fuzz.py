"""Property-based and adversarial input for the readers, the validator and the redactor.
Invariants: no crash; every record stored or quarantined with a reason; no planted PII
value in the store."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction.ingest import Ingestor
from redaction.leakcheck import leaked, visible
from redaction.otlp import OtlpStats, spans_of
from redaction.readers import Raw, parse_json_line, read_jsonl
from redaction.redact import Redactor
from redaction.validate import Invalid, validate
from warden.config import OtlpConfig, load_config
from warden.keys.keyring import Keyring, Unlock
from warden.store import Store

PW = "fuzz-pw"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_reader_never_crashes_on_bytes(tried: Counter[str], raw: bytes) -> None:
    tried["reader: random byte lines"] += 1
    r = parse_json_line(raw, 1)
    assert (r.record is None) == (r.error is not None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "request_id",
                "timestamp",
                "account_id",
                "endpoint",
                "messages",
                "moderation",
                "prompt_tokens",
                "input",
                "completion",
                "ip_address",
                "user_email",
                "x",
            ]
        ),
        json_values,
        max_size=12,
    )
)
def test_validator_accepts_or_names_the_problem(
    tried: Counter[str], rec: dict[str, object]
) -> None:
    tried["validator: random records"] += 1
    try:
        validate(rec)
    except Invalid as exc:
        assert str(exc)  # a reason, naming the field


# OTLP/JSON shapes: AnyValues of every kind (and wrong ones) in spans, events, resources.
any_values = st.recursive(
    st.one_of(
        st.builds(lambda v: {"stringValue": v}, st.text(max_size=30)),
        st.builds(lambda v: {"intValue": v}, st.one_of(st.integers(), st.text(max_size=25))),
        st.builds(lambda v: {"doubleValue": v}, st.floats(allow_nan=False)),
        st.builds(lambda v: {"boolValue": v}, st.booleans()),
        st.builds(lambda v: {"bytesValue": v}, st.text(max_size=12)),
        json_values,
    ),
    lambda kids: (
        st.builds(lambda vs: {"arrayValue": {"values": vs}}, st.lists(kids, max_size=3))
        | st.builds(
            lambda kv: {"kvlistValue": {"values": [{"key": k, "value": v} for k, v in kv]}},
            st.lists(st.tuples(st.text(max_size=8), kids), max_size=3),
        )
    ),
    max_leaves=12,
)
attr_keys = st.sampled_from(
    [
        "gen_ai.operation.name",
        "gen_ai.input.messages",
        "gen_ai.output.messages",
        "gen_ai.system_instructions",
        "gen_ai.usage.input_tokens",
        "gen_ai.response.finish_reasons",
        "enduser.id",
        "user.id",
        "client.address",
        "content",
        "message",
        "gen_ai.event.content",
        "x",
    ]
)
attrs = st.lists(st.builds(lambda k, v: {"key": k, "value": v}, attr_keys, any_values), max_size=6)
spans = st.fixed_dictionaries(
    {
        "traceId": st.one_of(st.none(), st.text(max_size=32)),
        "spanId": st.one_of(st.none(), st.text(max_size=16)),
        "startTimeUnixNano": st.one_of(st.none(), st.integers(), st.text(max_size=30)),
        "attributes": st.one_of(attrs, json_values),
        "events": st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.sampled_from(["gen_ai.user.message", "gen_ai.choice", "x"]),
                    "attributes": attrs,
                }
            ),
            max_size=3,
        ),
    }
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "resource": st.fixed_dictionaries({"attributes": attrs}),
                "scopeSpans": st.lists(
                    st.fixed_dictionaries({"spans": st.lists(spans, max_size=3)}), max_size=2
                ),
            }
        ),
        max_size=2,
    )
)
def test_otlp_reader_reads_or_names_the_problem(
    tried: Counter[str], resource_spans: list[dict[str, object]]
) -> None:
    tried["otlp reader: random trace exports"] += 1
    stats = OtlpStats()
    raw = Raw(1, {"resourceSpans": resource_spans})
    out = spans_of(raw, OtlpConfig(), stats)
    assert stats.spans == sum(len(ss["spans"]) for rs in resource_spans for ss in rs["scopeSpans"])  # type: ignore[index, attr-defined]
    for r in out:
        assert (r.record is None) == bool(r.error)
        if r.record is not None:  # the validator takes it or names the problem (quarantine)
            try:
                validate(r.record)
            except Invalid as exc:
                assert str(exc)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_redactor_never_crashes(tried: Counter[str], redactor: Redactor, text: str) -> None:
    tried["redactor: random unicode text"] += 1
    out = redactor.redact(text)
    assert isinstance(out.text, str)


ZW = "\u200b"
ADVERSARIAL_TEXTS = [
    (
        "zero-width in e-mail",
        f"mail ana{ZW}.ruiz@mail{ZW}.es now",
        ["ana.ruiz@mail.es", "ruiz@mail"],
    ),
    ("zwj in card", "card 4111\u200d1111\u200d1111\u200d1111 charged", ["4111111111111111"]),
    ("rtl override", "name \u202eziuR anA\u202c and ana.ruiz@mail.es", ["ana.ruiz@mail.es"]),
    ("fullwidth e-mail", "ａｎａ@mail.es wrote", ["ａｎａ@mail.es"]),
    (
        "secret split by soft hyphen",
        "key sk-proj-Ab3dEf6hIj9k\u00adLm2nOp5qRs8tUv1wXy4z",
        ["Ab3dEf6hIj9k"],
    ),
]


def test_adversarial_text_leaks_nothing(tried: Counter[str], redactor: Redactor) -> None:
    for name, text, planted in ADVERSARIAL_TEXTS:
        tried["redactor: adversarial texts"] += 1
        out = redactor.redact(text).text
        for p in planted:
            # leaked() strips invisible characters and counts any five digits of a number
            kind = "CREDIT_CARD" if p.isdigit() else "EMAIL_ADDRESS" if "@" in p else "SECRET"
            assert not leaked(kind, p, out), (name, out)


def _home(tmp: Path) -> tuple[Store, Keyring, object]:
    home = tmp / "home"
    home.mkdir()
    ring = Keyring.create(home, Unlock(passphrase=PW))
    cfg = load_config(home)
    store = Store(cfg.db_path)
    store.migrate()
    return store, ring, cfg


def _good(i: int, **kw: object) -> dict[str, object]:
    rec: dict[str, object] = {
        "request_id": f"r{i}",
        "timestamp": "2026-10-10T10:00:00Z",
        "account_id": f"acct_fuzz{i:04d}",
        "endpoint": "/v1/chat/completions",
        "messages": [{"role": "user", "content": "hello"}],
    }
    rec.update(kw)
    return rec


def test_adversarial_file_everything_stored_or_quarantined(
    tmp_path: Path, tried: Counter[str]
) -> None:
    store, ring, cfg = _home(tmp_path)
    lines: list[bytes] = [
        json.dumps(_good(0)).encode(),
        b"[" * 100_000 + b"]" * 100_000,  # deeply nested
        json.dumps(_good(1, completion="x" * 10_000_000)).encode(),  # a 10 MB line
        b'{"request_id": "r2", "a": "\x00", ' + b"\x00" * 10,  # NUL bytes
        b'{"request_id": "r3", "account_id": "\xff\xfe"}',  # invalid UTF-8
        json.dumps(_good(4, messages=[{"role": "user", "content": "\ud800 lone"}])).encode(),
        json.dumps(
            _good(5, messages=[{"role": "user", "content": "\x07\x1b[31m ctrl \u202e rtl"}])
        ).encode(),
        json.dumps(_good(6, prompt_tokens="41", status_code="200")).encode(),  # numbers as strings
        json.dumps(_good(7, request_id=12345)).encode(),  # a string as a number
        b'{"request_id": "r8", "request_id": "r9", "timestamp": "2026-10-10T10:00:00Z"}',
        json.dumps(
            _good(10, messages=[{"role": "user", "content": f"mail ana{ZW}.ruiz@mail.es"}])
        ).encode(),
        json.dumps(_good(11, user_email="'; DROP TABLE events; --@x.io")).encode(),
    ]
    f = tmp_path / "evil.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    tried["ingest: adversarial records"] += len(lines)
    s = Ingestor(store, ring, cfg).ingest([f])  # type: ignore[arg-type]
    t = s.totals()
    assert t["records"] == len(lines)
    assert t["stored"] + t["quarantined"] + t["duplicates"] == len(lines)
    with store.read() as con:
        reasons = [r[0] for r in con.execute("SELECT reason FROM quarantine").fetchall()]
        text = visible(
            " ".join(str(x) for r in con.execute("SELECT * FROM events").fetchall() for x in r)
        )
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == t["stored"]
    assert all(reasons) and len(reasons) == t["quarantined"]
    assert "ana.ruiz@mail.es" not in text and "DROP TABLE" not in text


def test_gzip_bomb_is_bounded(tmp_path: Path, tried: Counter[str]) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb") as fh:
        chunk = b"A" * (1 << 20)
        for _ in range(40):  # 40 MiB of one line, compressed to a few KB
            fh.write(chunk)
    assert bomb.stat().st_size < 200_000
    tried["readers: gzip bomb (40 MiB in one line)"] += 1
    out = list(read_jsonl(bomb))
    assert len(out) == 1 and out[0].record is None and "longer than" in (out[0].error or "")


def test_truncated_gzip_is_quarantined_not_crashed(tmp_path: Path, tried: Counter[str]) -> None:
    f = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"\n".join(json.dumps(_good(i)).encode() for i in range(200)))
    f.write_bytes(data[: len(data) // 2])
    tried["readers: truncated gzip"] += 1
    out = list(read_jsonl(f))
    assert out and out[-1].record is None and "cannot read further" in (out[-1].error or "")


def test_store_has_no_planted_value_after_fuzzed_ingest(
    tmp_path: Path, tried: Counter[str]
) -> None:
    store, ring, cfg = _home(tmp_path)
    planted = [
        "walter.white@example.org",
        "4111 1111 1111 1111",
        "DE89 3704 0044 0532 0130 00",
        "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
    ]
    shapes = [
        "{}",
        'json {{"x": "{}"}}',
        "csv\nname,val\nA,{}",
        "<b>{}</b>",
        '=HYPERLINK("{}")',
        "`{}`",
        "'{}'",
        "({})",
    ]
    recs = []
    for i, (p, shape) in enumerate((p, s) for p in planted for s in shapes):
        recs.append(json.dumps(_good(i, messages=[{"role": "user", "content": shape.format(p)}])))
    f = tmp_path / "planted.jsonl"
    f.write_text("\n".join(recs) + "\n")
    tried["ingest: planted values in odd shapes"] += len(recs)
    Ingestor(store, ring, cfg).ingest([f])  # type: ignore[arg-type]
    with duckdb.connect(str(cfg.db_path), read_only=True) as con:  # type: ignore[attr-defined]
        text = " ".join(str(r[0]) for r in con.execute("SELECT messages FROM events").fetchall())
    for p in planted:
        assert p not in text, p

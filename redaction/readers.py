"""Readers of usage logs: JSON Lines (``.jsonl``, ``.ndjson``, ``.jsonl.gz``), Parquet (a
file or a directory of files) and CSV (nested fields JSON-encoded). Each streams
:class:`Raw` items, one per record, in order; memory stays bounded whatever the file
size. A record that cannot even be decoded comes out with ``error`` set and ``text``
holding what could be read of it (for the quarantine, which redacts it)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from warden.errors import InputError

MAX_LINE = 16 * 1024 * 1024  # a longer line is quarantined, not parsed
SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet", ".csv")


@dataclass
class Raw:
    """One record as read: its position, the parsed object or the reason it failed."""

    line_no: int
    record: dict[str, Any] | None
    error: str | None = None
    text: str = ""
    partial: dict[str, Any] | None = None  # fields that could be read, for the quarantine


def kind_of(path: Path) -> str:
    """``jsonl``, ``parquet`` or ``csv`` from the name; raises for anything else."""
    name = path.name.lower()
    if path.is_dir():
        return "parquet"
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith(".csv"):
        return "csv"
    raise InputError(
        f"{path.name}: unknown log format; use .jsonl, .ndjson, .jsonl.gz, .parquet "
        "(or a directory of .parquet files) or .csv"
    )


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def parse_json_line(raw: bytes, line_no: int) -> Raw:
    """Decode one JSON Lines line."""
    if len(raw) > MAX_LINE:
        return Raw(
            line_no,
            None,
            f"line longer than {MAX_LINE // (1024 * 1024)} MiB",
            raw[:4096].decode("utf-8", "replace"),
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Raw(
            line_no, None, f"invalid UTF-8 at byte {exc.start}", raw.decode("utf-8", "replace")
        )
    try:
        obj = json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except RecursionError:
        return Raw(line_no, None, "JSON nested too deeply", text)
    except ValueError as exc:
        msg = str(exc)
        reason = msg if msg.startswith("duplicate key") else "broken JSON"
        return Raw(line_no, None, reason, text)
    if not isinstance(obj, dict):
        return Raw(line_no, None, "not a JSON object", text)
    return Raw(line_no, obj, None, text)


def open_bytes(path: Path) -> io.BufferedIOBase:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def read_jsonl(path: Path) -> Iterator[Raw]:
    """Records of a JSON Lines file (gzip if the name ends in .gz)."""
    with open_bytes(path) as fh:
        line_no = 0
        while True:
            try:
                raw = fh.readline(MAX_LINE + 1)
            except (OSError, EOFError) as exc:  # truncated or corrupt gzip
                yield Raw(line_no + 1, None, f"cannot read further: {type(exc).__name__}")
                return
            if not raw:
                return
            line_no += 1
            if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                # skip the rest of the over-long line
                while True:
                    more = fh.readline(MAX_LINE)
                    if not more or more.endswith(b"\n"):
                        break
            raw = raw.rstrip(b"\r\n")
            if not raw.strip():
                continue
            yield parse_json_line(raw, line_no)


def read_parquet(path: Path, batch_size: int = 4096) -> Iterator[Raw]:
    """Records of a Parquet file, or of every .parquet file under a directory (sorted)."""
    files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
    if not files:
        raise InputError(f"{path.name}: no .parquet files in this directory")
    row = 0
    for f in files:
        try:
            pf = pq.ParquetFile(f)
        except Exception as exc:  # pyarrow raises several types for a bad file
            raise InputError(
                f"{f.name}: not a readable Parquet file ({type(exc).__name__})"
            ) from None
        for batch in pf.iter_batches(batch_size=batch_size):
            for rec in batch.to_pylist():
                row += 1
                yield Raw(row, {k: v for k, v in rec.items() if v is not None})


_NESTED = ("messages", "moderation")
_INTS = ("prompt_tokens", "completion_tokens", "status_code")


def read_csv(path: Path) -> Iterator[Raw]:
    """Records of a CSV file with a header row; ``messages`` and ``moderation`` cells
    hold JSON. Empty cells are absent fields."""
    csv.field_size_limit(MAX_LINE)
    with path.open("r", encoding="utf-8", errors="surrogateescape", newline="") as fh:
        reader = csv.DictReader(fh)
        row = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row += 1
                yield Raw(row, None, f"broken CSV row ({exc})")
                continue
            row += 1
            text = ",".join(str(v) for v in cells.values() if v)
            if any("\udc80" <= ch <= "\udcff" for v in cells.values() if v for ch in v):
                fixed = {
                    k: v.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                    for k, v in cells.items()
                    if k and v
                }
                yield Raw(row, None, "invalid UTF-8", ",".join(fixed.values()), partial=fixed)
                continue
            rec: dict[str, Any] = {}
            error = None
            for k, v in cells.items():
                if k is None:
                    error = "more cells than header columns"
                    continue
                if v is None or v == "":
                    continue
                if k in _NESTED:
                    try:
                        rec[k] = json.loads(v)
                    except ValueError:
                        error = f"column {k} is not valid JSON"
                else:
                    rec[k] = v
            if error:
                yield Raw(row, None, error, text, partial=rec)
            else:
                yield Raw(row, rec, None, text)


def read(path: Path) -> Iterator[Raw]:
    """Records of any supported usage-log file."""
    kind = kind_of(path)
    if kind == "jsonl":
        return read_jsonl(path)
    if kind == "parquet":
        return read_parquet(path)
    return read_csv(path)

"""Which reader a file needs: a usage log (docs/input-format.md) or an OpenTelemetry
trace export (:mod:`redaction.otlp`), told apart by content unless forced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from redaction.otlp import OtlpMapping, OtlpStats, looks_like_otlp, read_otlp
from redaction.readers import Raw, kind_of, read
from warden.errors import InputError

FORMATS = ("auto", "usage-log", "otlp")


def detect(path: Path, fmt: str = "auto") -> str:
    """``usage-log`` or ``otlp`` for ``path``: ``auto`` looks at the first line."""
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; use one of {', '.join(FORMATS)}")
    kind = kind_of(path)
    if fmt == "otlp" and kind != "jsonl":
        raise InputError(
            f"{path.name}: OTLP traces are read from JSON Lines (.jsonl, .jsonl.gz), as the "
            "OpenTelemetry Collector's file exporter writes them; use --format usage-log"
        )
    if fmt == "auto":
        return "otlp" if kind == "jsonl" and looks_like_otlp(path) else "usage-log"
    return fmt


def records(
    path: Path,
    fmt: str = "auto",
    mapping: OtlpMapping | None = None,
    stats: OtlpStats | None = None,
) -> Iterator[Raw]:
    """The records of ``path`` in either format (see :func:`detect`)."""
    if detect(path, fmt) == "otlp":
        return read_otlp(
            path, mapping or OtlpMapping(), stats if stats is not None else OtlpStats()
        )
    return read(path)

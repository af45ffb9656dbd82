"""``warden redact``: scrub text or JSON lines of personal data."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import click

from app.cli.context import Context, profile_option
from redaction.parallel import ParallelRedactor
from redaction.spread import spread_names

BATCH = 1000


def _batches(stream: BinaryIO) -> Iterator[list[tuple[int, bytes]]]:
    batch: list[tuple[int, bytes]] = []
    for no, raw in enumerate(stream, start=1):
        batch.append((no, raw.rstrip(b"\r\n")))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


@click.command()
@click.argument(
    "file", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: each line is a text. jsonl: each line a JSON object whose "
    '"text" field is redacted.',
)
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes [default: redaction.processes].",
)
@click.option(
    "--group-by",
    "group_by",
    metavar="FIELD",
    default=None,
    help="jsonl: lines with the same value of FIELD (an account, a conversation) are one "
    "group, and a name found in one line of a group is redacted in the others (within "
    f"each {BATCH:,} lines read together).",
)
@profile_option
@click.option("--quiet", is_flag=True, help="No summary on stderr.")
@click.pass_obj
def redact(
    obj: Context,
    file: Path | None,
    fmt: str,
    processes: int | None,
    group_by: str | None,
    profile: str | None,
    quiet: bool,
) -> None:
    """Redact personal data and secrets from FILE (or stdin) to stdout, line by line.

    Replacements are typed placeholders (<PERSON>, <EMAIL_ADDRESS>, <SECRET>, ...).
    Bytes that are not UTF-8 are replaced by U+FFFD. A summary of what was replaced,
    counts per type and never the values, goes to stderr.
    """

    if group_by is not None and fmt != "jsonl":
        raise click.UsageError("--group-by reads a field of JSON lines: add --format jsonl.")
    cfg = obj.config(**{"redaction.processes": processes, "redaction.profile": profile})
    counts: Counter[str] = Counter()
    lines = bad_utf8 = bad_json = 0
    out = sys.stdout
    stream = file.open("rb") if file else sys.stdin.buffer
    try:
        with ParallelRedactor(cfg.redaction) as redactor:
            for batch in _batches(stream):
                texts: list[str] = []
                objs: list[dict[str, object] | None] = []
                groups: list[object] = []
                for no, raw in batch:
                    lines += 1
                    try:
                        line = raw.decode("utf-8")
                    except UnicodeDecodeError:
                        bad_utf8 += 1
                        line = raw.decode("utf-8", errors="replace")
                    if fmt == "text":
                        texts.append(line)
                        continue
                    try:
                        doc = json.loads(line)
                        if not isinstance(doc, dict):
                            raise ValueError
                    except ValueError:
                        bad_json += 1
                        objs.append(None)
                        texts.append("")
                        groups.append(("line", no))
                        continue
                    objs.append(doc)
                    value = doc.get("text")
                    texts.append(value if isinstance(value, str) else "")
                    key = doc.get(group_by) if group_by else None
                    groups.append(("line", no) if key is None else ("key", json.dumps(key)))
                results = redactor.redact_many(texts)
                if group_by:
                    results = spread_names(results, groups)
                for r in results:
                    counts.update(r.counts)
                if fmt == "text":
                    out.write("".join(r.text + "\n" for r in results))
                    continue
                for (no, _), doc, r in zip(batch, objs, results, strict=True):
                    if doc is None:
                        out.write(
                            json.dumps(
                                {
                                    "line": no,
                                    "error": "not a JSON object; dropped, nothing of it is shown",
                                }
                            )
                            + "\n"
                        )
                        continue
                    if isinstance(doc.get("text"), str):
                        doc["text"] = r.text
                    out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    finally:
        if file:
            stream.close()
    if not quiet:
        found = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing"
        click.echo(f"redacted {lines} lines: {found}", err=True)
        if bad_utf8:
            click.echo(f"{bad_utf8} lines were not valid UTF-8; bad bytes became U+FFFD", err=True)
        if bad_json:
            click.echo(f"{bad_json} lines were not JSON objects and were dropped", err=True)
    sys.stdout.flush()

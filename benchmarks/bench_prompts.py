"""Words kept and names left on English prompts of our own (benchmarks/data).

    .venv/bin/python benchmarks/bench_prompts.py

The prompts (see benchmarks/data/README.md) are DEVELOPMENT data for the English rules
about software, tools and about names in instructions, except the prompts marked `check`.
They show what a change costs in the words of developers' prompts (a product or method
redacted as a person: "Use the <PERSON> optimizer") and in the names of people in
prompts; they are no measurement of quality on real prompts. Stock Presidio (the
careful configuration, same spaCy model) runs beside Warden.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _anchor import batched, stock_engines

from redaction.leakcheck import leaked, visible
from redaction.redact import Redactor

DATA = Path(__file__).parent / "data" / "prompts.jsonl"
_WORD = re.compile(r"[A-Za-z][\w'-]*")


def score(rows: list[dict[str, Any]], outs: list[str]) -> dict[str, int]:
    """Of the prompts naming no one: how many keep every word, and the words lost; of
    the names: how many stay readable in part (:func:`~redaction.leakcheck.leaked`: any
    word of three letters or more, two in Han, kana, Hangul and Thai)."""
    r = {"clean": 0, "intact": 0, "words": 0, "lost": 0, "names": 0, "left": 0}
    for row, out in zip(rows, outs, strict=True):
        if row["names"]:
            for name in row["names"]:
                r["names"] += 1
                r["left"] += leaked("PERSON", name, out)
            continue
        words = _WORD.findall(row["text"])
        seen = set(_WORD.findall(visible(out)))
        lost = [w for w in words if w not in seen]
        r["clean"] += 1
        r["intact"] += not lost
        r["words"] += len(words)
        r["lost"] += len(lost)
    return r


def main() -> None:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    texts = [row["text"] for row in rows]
    redactor = Redactor()
    engines = stock_engines()
    runs: dict[str, Callable[[list[str]], list[str]]] = {
        "Warden": lambda ts: [o.text for o in redactor.redact_many(ts)],
        "stock Presidio": lambda ts: batched(engines, ts),
    }
    print(f"== {DATA.name}: our own prompts (see benchmarks/data/README.md)")
    groups = list(dict.fromkeys((row["topic"], row["split"]) for row in rows))
    print(
        f"{'':16}{'topic':10}{'split':13}{'prompts intact':>16}{'words lost':>12}{'names left':>12}"
    )
    for who, run in runs.items():
        outs = run(texts)
        for topic, split in groups:
            pick = [
                i for i, row in enumerate(rows) if (row["topic"], row["split"]) == (topic, split)
            ]
            r = score([rows[i] for i in pick], [outs[i] for i in pick])
            intact = f"{r['intact']}/{r['clean']}" if r["clean"] else "-"
            lost = f"{r['lost']}/{r['words']}" if r["clean"] else "-"
            names = f"{r['left']}/{r['names']}" if r["names"] else "-"
            print(f"{who:16}{topic:10}{split:13}{intact:>16}{lost:>12}{names:>12}")
    print(
        "\nprompts intact: prompts naming no one that keep every word; words lost: their\n"
        "words no longer readable; names left: names of which a word of three letters or\n"
        "more (two in Han, kana, Hangul, Thai) is still readable. DEVELOPMENT rows chose\n"
        "the rules; CHECK rows were read once."
    )


if __name__ == "__main__":
    main()

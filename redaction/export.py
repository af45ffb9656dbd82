"""The training-set export: redacted prompts and completions of decided accounts with
their labels, de-duplicated, split by account, checked for residual personal data, with
a datasheet (docs/learning.md).

- Texts: each decided account's prompts (the last message of a chat, else the input)
  and completions up to its decision, as the store holds them: redacted at ingest.
- De-duplication: exact (case and spacing folded), then near-duplicates: texts whose
  word-trigram sets (numbers and placeholders folded) have a Jaccard similarity of at
  least ``near_duplicate`` are one text, and of each such family only the earliest is
  kept (candidates by MinHash LSH from ``datasketch``, each pair then checked exactly).
  As every family keeps one member, no two texts left are near-duplicates, so none
  crosses the split.
- Split by account: ``test_share`` of the accounts (by a hash of their pseudonym, so a
  re-export splits alike) go to ``test.parquet``; no account is in both.
- Account ids: keyed with a random key made for this export and then discarded, so they
  join neither the store nor another export. A row keeps its ``decision_id``: whoever
  holds the store can trace a label to the decision that made it.
- Residual scan: every text through :func:`redaction.scan.scan_text` (the independent
  second pass of ``warden scan``). Any finding refuses the whole export and writes
  nothing: the datasheet's "residual PII" line is a count, never a value.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from redaction.derive import normalise
from redaction.scan import CHECKS, scan_text
from warden.errors import InputError, StateError
from warden.labels import Label
from warden.schema import PROMPT_SQL
from warden.store import Store

COLUMNS = ("account", "text", "label", "source", "policy", "action", "decision_id", "date")
_NUM_PERM = 128
_LSH_THRESHOLD = 0.4  # candidates; pairs are kept only at the configured similarity


class ResidualPII(StateError):
    """The export's residual scan found personal data; nothing was written."""

    def __init__(self, findings: Mapping[str, int]):
        self.findings = dict(findings)
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.findings.items()))
        super().__init__(
            f"the residual-PII scan found {kinds} in the texts to export, so nothing was "
            "written; run `warden scan`, fix the redaction (or erase the events) and "
            "export again"
        )


@dataclass
class ExportResult:
    out: Path
    rows: dict[str, int]  # split -> texts
    accounts: dict[str, int]  # split -> accounts
    labels: dict[str, dict[str, int]]  # split -> label -> texts
    texts_read: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    label_conflicts: int = 0
    first: datetime | None = None
    last: datetime | None = None
    findings: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["out"] = str(self.out)
        d["first"] = self.first.isoformat() if self.first else None
        d["last"] = self.last.isoformat() if self.last else None
        return d


@dataclass
class _Text:
    account: str
    text: str
    source: str
    ts: datetime
    request_id: str


def _texts(store: Store, labels: Sequence[Label]) -> list[_Text]:
    table = pa.table(
        {
            "account": [lb.account for lb in labels],
            "decided_at": pa.array([lb.decided_at for lb in labels], pa.timestamp("us", "UTC")),
        }
    )
    with store.read() as con:
        con.register("_labels", table)
        rows = con.execute(
            f"SELECT e.account, e.ts, e.request_id, {PROMPT_SQL}, "
            "e.completion FROM events e JOIN _labels l ON l.account = e.account "
            "WHERE e.ts <= l.decided_at ORDER BY e.ts, e.request_id"
        ).fetchall()
        con.unregister("_labels")
    out = []
    for account, ts, rid, prompt, completion in rows:
        for source, text in (("prompt", prompt), ("completion", completion)):
            if text and text.strip():
                out.append(_Text(account, text, source, ts, rid))
    return out


def _shingles(text: str) -> set[str]:
    words = normalise(text).split()
    if len(words) < 3:
        return {" ".join(words)}
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def _families(shingles: list[set[str]], threshold: float) -> list[int]:
    """For each text, the index of the first text of its near-duplicate family."""
    from datasketch import MinHash, MinHashLSH

    parent = list(range(len(shingles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hashes = MinHash.bulk([[s.encode() for s in sh] for sh in shingles], num_perm=_NUM_PERM, seed=1)
    lsh = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=_NUM_PERM)
    for i, mh in enumerate(hashes):
        for j in lsh.query(mh):
            a, b = shingles[i], shingles[int(j)]
            if len(a & b) >= threshold * len(a | b):
                ri, rj = root(i), root(int(j))
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        lsh.insert(i, mh)
    return [root(i) for i in range(len(shingles))]


def _export_id(key: bytes, account: str) -> str:
    return "x_" + hmac.new(key, account.encode(), hashlib.sha256).hexdigest()[:24]


def _split_order(account: str) -> str:
    return hashlib.sha256(b"warden-export-split\x00" + account.encode()).hexdigest()


def training_set(
    store: Store,
    labels: Sequence[Label],
    out: Path,
    *,
    test_share: float,
    near_duplicate: float,
) -> tuple[ExportResult, dict[str, pa.Table]]:
    """Build the two splits (not yet written): raises :class:`ResidualPII` when the scan
    finds anything, :class:`StateError` when no decided account has any text."""
    if not labels:
        raise StateError(
            "no account has a final decision yet, so there is nothing to export; decide "
            "cases first (`warden cases decide`)"
        )
    by_account = {lb.account: lb for lb in labels}
    texts = _texts(store, labels)
    if not texts:
        raise StateError(
            f"the {len(labels)} decided accounts have no prompts or completions in the "
            "store (before their decision); nothing to export"
        )
    result = ExportResult(out, {}, {}, {}, texts_read=len(texts))
    seen: set[str] = set()
    unique: list[_Text] = []
    for t in texts:
        folded = " ".join(t.text.casefold().split())
        if folded in seen:
            result.exact_duplicates += 1
            continue
        seen.add(folded)
        unique.append(t)
    fam = _families([_shingles(t.text) for t in unique], near_duplicate)
    members: dict[int, set[str]] = {}
    for i, f in enumerate(fam):
        members.setdefault(f, set()).add(by_account[unique[i].account].name)
    result.label_conflicts = sum(1 for names in members.values() if len(names) > 1)
    kept = [t for i, t in enumerate(unique) if fam[i] == i]
    result.near_duplicates = len(unique) - len(kept)
    findings: Counter[str] = Counter()
    for t in kept:
        findings.update(scan_text(t.text))
    if findings:
        raise ResidualPII(findings)
    accounts = sorted({t.account for t in kept}, key=_split_order)
    n_test = max(1, round(len(accounts) * test_share)) if len(accounts) > 1 else 0
    test_accounts = set(accounts[:n_test])
    key = secrets.token_bytes(32)
    tables: dict[str, pa.Table] = {}
    for split in ("train", "test"):
        rows = [t for t in kept if (t.account in test_accounts) == (split == "test")]
        lbs = [by_account[t.account] for t in rows]
        tables[split] = pa.table(
            {
                "account": [_export_id(key, t.account) for t in rows],
                "text": [t.text for t in rows],
                "label": [lb.name for lb in lbs],
                "source": [t.source for t in rows],
                "policy": [lb.policy for lb in lbs],
                "action": [lb.action for lb in lbs],
                "decision_id": [lb.decision_id for lb in lbs],
                "date": [t.ts.date().isoformat() for t in rows],
            }
        )
        result.rows[split] = len(rows)
        result.accounts[split] = len({t.account for t in rows})
        result.labels[split] = dict(sorted(Counter(lb.name for lb in lbs).items()))
    result.first = min(t.ts for t in kept)
    result.last = max(t.ts for t in kept)
    del key
    return result, tables


def check_out_dir(out: Path) -> None:
    """The export goes to a new or empty directory, never over earlier files."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(f"{out} exists and is not an empty directory; choose a new one")


def write(result: ExportResult, tables: dict[str, pa.Table], datasheet: str) -> list[Path]:
    """Write ``train.parquet``, ``test.parquet`` and ``DATASHEET.md`` (each under a
    temporary name first, then renamed)."""
    check_out_dir(result.out)
    result.out.mkdir(parents=True, exist_ok=True)
    written = []
    for split, table in tables.items():
        tmp = result.out / f".{split}.parquet.tmp"
        pq.write_table(table, tmp)
        written.append(tmp.replace(result.out / f"{split}.parquet"))
    tmp = result.out / ".DATASHEET.md.tmp"
    tmp.write_text(datasheet, encoding="utf-8")
    written.append(tmp.replace(result.out / "DATASHEET.md"))
    return written


def datasheet(
    result: ExportResult,
    *,
    actor: str,
    reason: str,
    created: datetime,
    policies: Mapping[str, str],
    test_share: float,
    near_duplicate: float,
    redaction_profile: str,
    version: str,
) -> str:
    """The datasheet of an export (Markdown)."""
    names = sorted({n for counts in result.labels.values() for n in counts})
    lines = [
        "# Training set: redacted prompts and completions of decided accounts",
        "",
        f"Exported {created:%Y-%m-%d %H:%M} UTC by {actor} with Warden {version}.",
        f"Reason given: {reason}",
        "",
        "## Sources",
        "Prompts (the last message of a chat request, else its input) and completions of "
        "every account with a final decision in this Warden store, up to the time of that "
        "decision. Texts were redacted when ingested (Warden's recognizers and models, "
        f"profile `{redaction_profile}`): personal data is replaced by placeholders such as "
        "`<PERSON>`. Redaction is measured, not perfect: docs/privacy.md gives its figures.",
        "",
        "## Labels",
        "A label is an analyst's final decision on the account (the latest in force; a "
        "suspension or ban only once a second lead approved it). It is a judgement about "
        "the account, not about each text: an actioned account's texts are not all abusive.",
        "",
        "| label | meaning |",
        "|---|---|",
    ]
    for n in names:
        meaning = (
            "the account was reviewed and no action was taken"
            if n == "cleared"
            else f"actioned under policy `{n}`: {policies.get(n, n)}"
        )
        lines.append(f"| `{n}` | {meaning} |")
    lines += [
        "",
        "Columns: `account` (export pseudonym), `text`, `label`, `source` (prompt or "
        "completion), `policy`, `action`, `decision_id`, `date` (day of the request, UTC).",
        "",
        "## Counts",
        "| split | accounts | texts | " + " | ".join(f"`{n}`" for n in names) + " |",
        "|---|---|---|" + "---|" * len(names),
    ]
    for split in ("train", "test"):
        per = result.labels.get(split, {})
        lines.append(
            f"| {split} | {result.accounts.get(split, 0)} | {result.rows.get(split, 0)} | "
            + " | ".join(str(per.get(n, 0)) for n in names)
            + " |"
        )
    first = f"{result.first:%Y-%m-%d}" if result.first else "-"
    last = f"{result.last:%Y-%m-%d}" if result.last else "-"
    lines += [
        "",
        f"Time range of the texts: {first} to {last}.",
        "",
        "## How it was made",
        f"- Texts read: {result.texts_read}; exact duplicates removed (case and spacing "
        f"folded): {result.exact_duplicates}; near-duplicates removed (word-trigram Jaccard "
        f"at least {near_duplicate}, the earliest of each family kept): "
        f"{result.near_duplicates}; families whose texts came from accounts with different "
        f"labels: {result.label_conflicts} (the earliest text's label kept).",
        f"- Split by account: {test_share:.0%} of the accounts in `test.parquet`; no account "
        "is in both, and no text in one split is a near-duplicate of a text in the other.",
        "- Account ids are keyed with a random key made for this export and discarded: "
        "they do not join to the store's pseudonyms nor to another export. `decision_id` "
        "does join to the store's decisions, for those who may read them.",
        "",
        "## Residual personal data",
        "Every exported text was scanned by `warden scan`'s checks ("
        + ", ".join(CHECKS)
        + f"): {sum(result.findings.values())} findings. An export with any finding is "
        "refused and writes nothing.",
        "",
        "## Use",
        "Internal training and evaluation of moderation classifiers. The texts are harmful "
        "by construction: handle them as sensitive, and do not publish them.",
        "",
    ]
    return "\n".join(lines)

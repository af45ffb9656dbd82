from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from warden import merkle


def _b(s: str | None) -> bytes:
    return base64.b64decode(s or "")


# Vendored from transparency-dev/merkle (Apache-2.0), see tests/data/merkle-testdata/SOURCE.md.
VECTORS = Path(__file__).resolve().parents[1] / "data" / "merkle-testdata"


def _vectors(kind: str) -> list[Path]:
    files = sorted((VECTORS / kind).rglob("*.json"))
    assert files, kind
    return files


def test_inclusion_vectors() -> None:
    files = _vectors("inclusion")
    accepted = rejected = 0
    for f in files:
        v = json.loads(f.read_text())
        try:
            merkle.verify_inclusion(
                v["leafIdx"],
                v["treeSize"],
                _b(v["leafHash"]),
                [_b(p) for p in v["proof"] or []],
                _b(v["root"]),
            )
            ok = True
        except merkle.ProofError:
            ok = False
        assert ok == (not v["wantErr"]), f"{f.relative_to(VECTORS)}: {v['desc']}"
        accepted += ok
        rejected += not ok
    assert accepted >= 5 and rejected >= 50


def test_consistency_vectors() -> None:
    files = _vectors("consistency")
    accepted = rejected = 0
    for f in files:
        v = json.loads(f.read_text())
        try:
            merkle.verify_consistency(
                v["size1"],
                v["size2"],
                [_b(p) for p in v["proof"] or []],
                _b(v["root1"]),
                _b(v["root2"]),
            )
            ok = True
        except merkle.ProofError:
            ok = False
        assert ok == (not v["wantErr"]), f"{f.relative_to(VECTORS)}: {v['desc']}"
        accepted += ok
        rejected += not ok
    assert accepted >= 5 and rejected >= 50


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 100])
def test_our_proofs_verify(n: int) -> None:
    leaves = [merkle.leaf_hash(f"entry {i}".encode()) for i in range(n)]
    r = merkle.root(leaves)
    for i in range(n):
        merkle.verify_inclusion(i, n, leaves[i], merkle.inclusion_proof(leaves, i), r)
    for m in range(1, n + 1):
        merkle.verify_consistency(
            m, n, merkle.consistency_proof(leaves, m), merkle.root(leaves[:m]), r
        )
    if n > 1:
        bad = merkle.inclusion_proof(leaves, 0)
        bad[0] = hashlib.sha256(b"forged").digest()
        with pytest.raises(merkle.ProofError):
            merkle.verify_inclusion(0, n, leaves[0], bad, r)


def test_root_matches_rfc_recursive_definition() -> None:
    """The reference is RFC 6962 section 2.1 written out here, sharing no code with merkle."""

    def mth(d: list[bytes]) -> bytes:
        if len(d) == 0:
            return hashlib.sha256(b"").digest()
        if len(d) == 1:
            return hashlib.sha256(b"\x00" + d[0]).digest()
        k = 1
        while k * 2 < len(d):  # the largest power of two smaller than n
            k *= 2
        return hashlib.sha256(b"\x01" + mth(d[:k]) + mth(d[k:])).digest()

    for n in range(1, 40):
        data = [bytes([i]) for i in range(n)]
        leaves = [merkle.leaf_hash(x) for x in data]
        assert merkle.root(leaves) == mth(data), n


def test_signed_checkpoint_roundtrip_and_tamper() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    seed = bytes(range(32))
    pub = (
        Ed25519PrivateKey.from_private_bytes(seed)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )
    r = hashlib.sha256(b"x").digest()
    note = merkle.sign_checkpoint("example.org/log", 5, r, "example.org/log", seed)
    assert note.startswith("example.org/log\n5\n")
    assert merkle.open_checkpoint(note, "example.org/log", pub) == ("example.org/log", 5, r)
    with pytest.raises(merkle.ProofError, match="invalid"):
        merkle.open_checkpoint(note.replace("\n5\n", "\n6\n"), "example.org/log", pub)

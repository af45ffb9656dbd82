from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from enforcement import merkle


def _b(s: str | None) -> bytes:
    return base64.b64decode(s or "")


def _vectors(shared: Path, kind: str) -> list[Path]:
    files = sorted((shared / "data" / "merkle-testdata" / kind).rglob("*.json"))
    assert files, kind
    return files


def test_inclusion_vectors(shared_dir: Path) -> None:
    files = _vectors(shared_dir, "inclusion")
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
        assert ok == (not v["wantErr"]), f"{f.relative_to(shared_dir)}: {v['desc']}"
        accepted += ok
        rejected += not ok
    assert accepted >= 5 and rejected >= 50


def test_consistency_vectors(shared_dir: Path) -> None:
    for f in _vectors(shared_dir, "consistency"):
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
        assert ok == (not v["wantErr"]), f"{f.relative_to(shared_dir)}: {v['desc']}"


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
    def mth(d: list[bytes]) -> bytes:
        if len(d) == 1:
            return d[0]
        k = merkle._split(len(d))
        return merkle.node_hash(mth(d[:k]), mth(d[k:]))

    for n in range(1, 40):
        leaves = [merkle.leaf_hash(bytes([i])) for i in range(n)]
        assert merkle.root(leaves) == mth(leaves)


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

"""RFC 6962 / RFC 9162 Merkle trees and C2SP signed-note checkpoints.

This module has no Warden imports on purpose: it is also the standalone verifier a
third party runs to check an inclusion or consistency proof against a checkpoint,
with Python 3.9+ and (for signatures) the ``cryptography`` package::

    python merkle.py inclusion proof.json
    python merkle.py consistency proof.json

Hashes: leaf = SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right).
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from collections.abc import Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


class ProofError(ValueError):
    """A proof or checkpoint that does not verify."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n >= 2)."""
    k = 1
    while k << 1 < n:
        k <<= 1
    return k


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH over leaf hashes, iteratively (no recursion depth limits)."""
    if not leaves:
        return EMPTY_ROOT
    level = list(leaves)
    # Bottom-up pairing gives the same tree as RFC 6962's recursive split: a lone
    # last node is carried up unchanged.
    while len(level) > 1:
        nxt = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """PATH(index, leaves) of RFC 6962 section 2.1.1."""
    if not 0 <= index < len(leaves):
        raise ProofError(f"leaf index {index} is outside a tree of size {len(leaves)}")

    def path(m: int, d: Sequence[bytes]) -> list[bytes]:
        if len(d) == 1:
            return []
        k = _split(len(d))
        if m < k:
            return [*path(m, d[:k]), root(d[k:])]
        return [*path(m - k, d[k:]), root(d[:k])]

    return path(index, leaves)


def consistency_proof(leaves: Sequence[bytes], size1: int) -> list[bytes]:
    """PROOF(size1, leaves) of RFC 6962 section 2.1.2."""
    n = len(leaves)
    if not 0 < size1 <= n:
        raise ProofError(f"cannot prove consistency from size {size1} to size {n}")

    def sub(m: int, d: Sequence[bytes], whole: bool) -> list[bytes]:
        if m == len(d):
            return [] if whole else [root(d)]
        k = _split(len(d))
        if m <= k:
            return [*sub(m, d[:k], whole), root(d[k:])]
        return [*sub(m - k, d[k:], False), root(d[:k])]

    return sub(size1, leaves, True)


def _decomp(index: int, size: int) -> tuple[int, int]:
    inner = (index ^ (size - 1)).bit_length()
    border = bin(index >> inner).count("1")
    return inner, border


def root_from_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes:
    """The root an inclusion proof implies (RFC 9162 section 2.1.3.2)."""
    if index >= size:
        raise ProofError(f"leaf index {index} is not below tree size {size}")
    inner, border = _decomp(index, size)
    if len(proof) != inner + border:
        raise ProofError(f"wrong proof length {len(proof)}, want {inner + border}")
    if len(leaf) != 32 or any(len(p) != 32 for p in proof):
        raise ProofError("hashes must be 32 bytes")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise ProofError("proof is too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("proof is too short")
    return r


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], want_root: bytes
) -> None:
    """Raise :class:`ProofError` unless ``leaf`` is at ``index`` of the tree ``want_root``."""
    got = root_from_inclusion(index, size, leaf, proof)
    if got != want_root:
        raise ProofError("inclusion proof does not lead to the root")


def verify_consistency(
    size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes
) -> None:
    """Raise :class:`ProofError` unless tree ``root2`` extends tree ``root1`` (RFC 9162 2.1.4.2)."""
    if size2 < size1:
        raise ProofError(f"size2 ({size2}) is smaller than size1 ({size1})")
    if size1 == 0:
        raise ProofError("a consistency proof from the empty tree proves nothing")
    if size1 == size2:
        if proof:
            raise ProofError("sizes are equal but the proof is not empty")
        if root1 != root2:
            raise ProofError("sizes are equal but the roots differ")
        return
    if not proof:
        raise ProofError("empty consistency proof")
    if any(len(p) != 32 for p in proof):
        raise ProofError("hashes must be 32 bytes")
    inner, border = _decomp(size1 - 1, size2)
    shift = (size1 & -size1).bit_length() - 1
    inner -= shift
    seed, start = (root1, 0) if size1 == 1 << shift else (proof[0], 1)
    if len(proof) != start + inner + border:
        raise ProofError(f"wrong proof length {len(proof)}, want {start + inner + border}")
    path = list(proof[start:])
    mask = (size1 - 1) >> shift
    fr = sr = seed
    for i, p in enumerate(path[:inner]):
        if mask >> i & 1:
            fr = node_hash(p, fr)
            sr = node_hash(p, sr)
        else:
            sr = node_hash(sr, p)
    for p in path[inner:]:
        fr = node_hash(p, fr)
        sr = node_hash(p, sr)
    if fr != root1:
        raise ProofError("consistency proof does not lead to root1")
    if sr != root2:
        raise ProofError("consistency proof does not lead to root2")


# -- C2SP signed notes (tlog-checkpoint) ---------------------------------------------


def key_id(name: str, public_key: bytes) -> bytes:
    """The 4-byte key id of an Ed25519 note key (C2SP signed-note)."""
    return hashlib.sha256(name.encode() + b"\n\x01" + public_key).digest()[:4]


def checkpoint_body(origin: str, size: int, root_hash: bytes) -> str:
    return f"{origin}\n{size}\n{base64.b64encode(root_hash).decode()}\n"


def sign_checkpoint(origin: str, size: int, root_hash: bytes, name: str, seed: bytes) -> str:
    """A signed checkpoint note, signed with the Ed25519 key of 32-byte ``seed``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(seed)
    pub = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    body = checkpoint_body(origin, size, root_hash)
    sig = key.sign(body.encode())
    return body + "\n" + f"\u2014 {name} {base64.b64encode(key_id(name, pub) + sig).decode()}\n"


def open_checkpoint(note: str, name: str, public_key: bytes) -> tuple[str, int, bytes]:
    """(origin, size, root) of a checkpoint whose signature by ``name`` verifies."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    body, sep, sigs = note.partition("\n\n")
    if not sep:
        raise ProofError("checkpoint has no signature block")
    body += "\n"
    lines = body.split("\n")
    if len(lines) < 4:
        raise ProofError("checkpoint body is too short")
    origin, size_s, root_b64 = lines[0], lines[1], lines[2]
    try:
        size = int(size_s)
        root_hash = base64.b64decode(root_b64, validate=True)
    except ValueError:
        raise ProofError("checkpoint body is malformed") from None
    want_id = key_id(name, public_key)
    for line in sigs.splitlines():
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != "\u2014" or parts[1] != name:
            continue
        blob = base64.b64decode(parts[2])
        if blob[:4] != want_id:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(public_key).verify(blob[4:], body.encode())
        except InvalidSignature:
            raise ProofError("checkpoint signature is invalid") from None
        return origin, size, root_hash
    raise ProofError(f"checkpoint carries no signature by key {name!r}")


def _b(s: str | None) -> bytes:
    return base64.b64decode(s or "")


def main(argv: list[str]) -> int:
    """Standalone use: ``merkle.py inclusion|consistency PROOF.json``."""
    if len(argv) != 3 or argv[1] not in ("inclusion", "consistency"):
        print("usage: merkle.py inclusion|consistency PROOF.json", file=sys.stderr)
        return 2
    with open(argv[2], encoding="utf-8") as fh:
        doc = json.load(fh)
    pub = _b(doc["public_key"])
    try:
        if argv[1] == "inclusion":
            _, size, r = open_checkpoint(doc["checkpoint"], doc["key_name"], pub)
            if size != doc["tree_size"]:
                raise ProofError("proof is for another tree size than the checkpoint")
            verify_inclusion(
                doc["leaf_index"], size, _b(doc["leaf_hash"]), [_b(p) for p in doc["proof"]], r
            )
            print(f"OK: entry {doc['leaf_index']} is in the signed log of size {size}")
        else:
            _, s1, r1 = open_checkpoint(doc["checkpoint1"], doc["key_name"], pub)
            _, s2, r2 = open_checkpoint(doc["checkpoint2"], doc["key_name"], pub)
            verify_consistency(s1, s2, [_b(p) for p in doc["proof"]], r1, r2)
            print(f"OK: the signed log of size {s2} extends the one of size {s1}")
    except (ProofError, KeyError, ValueError) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

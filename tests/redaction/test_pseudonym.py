from __future__ import annotations

import os
import subprocess
import sys

import pytest

from redaction.pseudonym import PSEUDONYM_RE, Pseudonymizer, kind_of, network_of
from warden.errors import InputError

KEY = bytes(range(32))


def test_deterministic_across_processes() -> None:
    here = Pseudonymizer({1: KEY}, 1).pseudonym("email", "ana.ruiz@mail.es")
    code = (
        "from redaction.pseudonym import Pseudonymizer;"
        "print(Pseudonymizer({1: bytes(range(32))}, 1).pseudonym('email', 'ana.ruiz@mail.es'))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.strip()
    assert out == here
    assert PSEUDONYM_RE.fullmatch(here)
    assert here.startswith("em_v1_") and len(here.split("_")[-1]) * 4 >= 100


def test_kind_separation_and_key_separation() -> None:
    p = Pseudonymizer({1: KEY, 2: bytes(32)}, 1)
    a = p.pseudonym("email", "x@y.z")
    b = p.pseudonym("account", "x@y.z")
    assert a[6:] != b[6:]
    assert kind_of(a) == "email" and kind_of(b) == "account"
    other = Pseudonymizer({1: KEY, 2: bytes(32)}, 2).pseudonym("email", "x@y.z")
    assert other.startswith("em_v2_") and other[6:] != a[6:]


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [
        ("email", " Ana.Ruiz@MAIL.es ", "ana.ruiz@mail.es"),
        ("email", "ＡＮＡ@mail.es", "ana@mail.es"),  # full-width letters (NFKC)
        ("ip", "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("ip", "::ffff:203.0.113.7", "203.0.113.7"),
        ("account", " acct_1 ", "acct_1"),
        ("user_agent", "curl/8.5.0   (x)", "curl/8.5.0 (x)"),
    ],
)
def test_normalisation(kind: str, a: str, b: str) -> None:
    p = Pseudonymizer({1: KEY}, 1)
    assert p.pseudonym(kind, a) == p.pseudonym(kind, b)


def test_networks() -> None:
    assert network_of("203.0.113.77") == "203.0.113.0/24"
    assert network_of("2001:db8:aa:bb::1") == "2001:db8:aa::/48"
    assert network_of("not an ip") is None
    p = Pseudonymizer({1: KEY}, 1)
    assert p.network("203.0.113.1") == p.network("203.0.113.254") != p.network("203.0.114.1")
    assert p.network("203.0.113.1") != p.pseudonym("ip", "203.0.113.1")


def test_unknown_kind() -> None:
    with pytest.raises(InputError, match="unknown identifier kind 'phone'"):
        Pseudonymizer({1: KEY}, 1).pseudonym("phone", "1")


def test_ip_fast_path_agrees_with_ipaddress() -> None:
    """_norm_ip and network_of read a plain dotted quad without ipaddress (a fast path);
    on crafted and random strings they give what ipaddress gives."""
    import ipaddress
    import random

    from redaction.pseudonym import _norm_ip, network_of

    def reference(v: str) -> tuple[str, str | None]:
        s = v.strip()
        try:
            addr = ipaddress.ip_address(s.split("%", 1)[0])
        except ValueError:
            return s.lower(), None
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        prefix = 24 if addr.version == 4 else 48
        return str(addr), str(ipaddress.ip_network(f"{addr}/{prefix}", strict=False))

    cases = ["203.0.113.9", " 10.0.0.1\n", "010.0.0.1", "256.1.1.1", "1.2.3", "1.2.3.4.5",
             "0.0.0.0", "255.255.255.255", "1.2.3.٣", "::ffff:198.51.100.7", "2001:db8::1",
             "fe80::1%eth0", "not an ip", ""]  # fmt: skip
    rng = random.Random(3)
    for _ in range(5000):
        octets = [rng.choice([str(rng.randint(0, 300)), "0" + str(rng.randint(0, 9)), ""])
                  for _ in range(rng.choice([3, 4, 4, 5]))]  # fmt: skip
        cases.append(".".join(octets))
    for v in cases:
        assert (_norm_ip(v), network_of(v)) == reference(v), v

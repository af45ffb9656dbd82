"""Synthetic personal data and secrets, each returned with its type for ground truth.

Values are well-formed (Luhn-valid cards, IBANs with a correct checksum, phone numbers
that ``phonenumbers`` validates) so a detector is measured on realistic input.
"""

from __future__ import annotations

import base64
import json
import random
import string

import phonenumbers

from app.demo import pools

Planted = list[tuple[str, str]]  # (entity type, exact value)

_B62 = string.ascii_letters + string.digits
_B64URL = _B62 + "-_"


def _rand(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


class PiiFactory:
    """Makes values of each kind, deterministically for a given ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._phones = self._phone_pool(240)

    # -- people and contact --------------------------------------------------
    def person(self) -> str:
        r = self.rng
        return f"{r.choice(pools.FIRST_NAMES)} {r.choice(pools.LAST_NAMES)}"

    def email(self, name: str | None = None) -> str:
        r = self.rng
        name = name or self.person()
        first, _, last = name.partition(" ")
        local = _ascii(first).lower()
        last_a = _ascii(last).lower().replace(" ", "").replace("'", "")
        style = r.randrange(4)
        if style == 0:
            local = f"{local}.{last_a}"
        elif style == 1:
            local = f"{local[0]}{last_a}{r.randrange(10, 99)}"
        elif style == 2:
            local = f"{local}_{last_a}"
        return f"{local}@{r.choice(pools.EMAIL_DOMAINS)}"

    def _phone_pool(self, n: int) -> list[str]:
        r = self.rng
        out: list[str] = []
        fmts = (
            phonenumbers.PhoneNumberFormat.INTERNATIONAL,
            phonenumbers.PhoneNumberFormat.NATIONAL,
            phonenumbers.PhoneNumberFormat.E164,
        )
        while len(out) < n:
            region = r.choice(pools.PHONE_REGIONS)
            example = phonenumbers.example_number_for_type(
                region, phonenumbers.PhoneNumberType.MOBILE
            )
            if example is None:
                continue
            digits = str(example.national_number)
            # Vary the trailing digits of the example and keep only valid numbers.
            tail = max(3, len(digits) - 4)
            cand = digits[:tail] + "".join(r.choice("0123456789") for _ in digits[tail:])
            num = phonenumbers.parse(cand, region)
            if not phonenumbers.is_valid_number(num):
                continue
            fmt = r.choice(fmts)
            if region == "US" and r.random() < 0.5:
                nat = str(num.national_number)
                out.append(f"({nat[:3]}) {nat[3:6]}-{nat[6:]}")
            else:
                out.append(phonenumbers.format_number(num, fmt))
        return out

    def phone(self) -> str:
        return self.rng.choice(self._phones)

    def address(self) -> str:
        street, city, post = self.rng.choice(pools.STREETS)
        return f"{street.format(n=self.rng.randrange(1, 250))}, {city} {post}".replace(
            ", Madrid 28013", ", 28013 Madrid"
        )

    def dob(self) -> tuple[str, str]:
        r = self.rng
        y, m, d = r.randrange(1950, 2005), r.randrange(1, 13), r.randrange(1, 29)
        months = (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        )
        value = r.choice(
            (f"{d:02d}/{m:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{months[m - 1]} {d}, {y}")
        )
        lead = r.choice(("born on", "date of birth:", "DOB:", "D.O.B.", "birthday is"))
        return lead, value

    # -- numbers -------------------------------------------------------------
    def card(self) -> str:
        r = self.rng
        prefix = r.choice(("4", "51", "52", "55", "37", "6011"))
        length = 15 if prefix == "37" else 16
        body = prefix + "".join(r.choice("0123456789") for _ in range(length - len(prefix) - 1))
        digits = body + str(_luhn_digit(body))
        if length == 15:
            groups = [digits[:4], digits[4:10], digits[10:]]
        else:
            groups = [digits[i : i + 4] for i in range(0, 16, 4)]
        sep = r.choice((" ", "-", ""))
        return sep.join(groups)

    def iban(self) -> str:
        r = self.rng
        country, bban_len = r.choice((("DE", 18), ("GB", 18), ("FR", 23), ("ES", 20), ("NL", 14)))
        if country == "GB":
            bban = "NWBK" + "".join(r.choice("0123456789") for _ in range(14))
        elif country == "NL":
            bban = "ABNA" + "".join(r.choice("0123456789") for _ in range(10))
        else:
            bban = "".join(r.choice("0123456789") for _ in range(bban_len))
        check = 98 - _iban_mod(bban + country + "00")
        iban = f"{country}{check:02d}{bban}"
        if r.random() < 0.5:
            iban = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
        return iban

    def ssn(self) -> str:
        r = self.rng
        return f"{r.randrange(100, 665):03d}-{r.randrange(1, 99):02d}-{r.randrange(1, 9999):04d}"

    def national_id(self) -> tuple[str, str]:
        r = self.rng
        kind = r.randrange(3)
        if kind == 0:
            letters = "ABCEGHJKLMNPRSTWXYZ"
            v = (
                f"{r.choice(letters)}{r.choice(letters)} {r.randrange(10, 99)} "
                f"{r.randrange(10, 99)} {r.randrange(10, 99)} {r.choice('ABCD')}"
            )
            return "my National Insurance number is", v
        if kind == 1:
            n = r.randrange(10_000_000, 99_999_999)
            return "DNI", f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"
        return "passport number", f"{r.choice('CEGKLX')}{r.randrange(10_000_000, 99_999_999)}"

    def ip(self) -> str:
        r = self.rng
        if r.random() < 0.75:
            return f"{r.choice((23, 45, 81, 91, 104, 151, 176, 185, 203))}.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}"
        return f"2001:db8:{r.randrange(65536):x}:{r.randrange(65536):x}::{r.randrange(1, 65536):x}"

    # -- secrets -------------------------------------------------------------
    def secret(self) -> str:
        r = self.rng
        kind = r.randrange(11)
        if kind == 0:
            return "sk-proj-" + _rand(r, _B64URL, 56) + "T3BlbkFJ" + _rand(r, _B64URL, 20)
        if kind == 1:
            return "sk-" + _rand(r, _B62, 48)
        if kind == 2:
            return "sk-ant-api03-" + _rand(r, _B64URL, 93) + "AA"
        if kind == 3:
            return "AKIA" + _rand(r, string.ascii_uppercase + "234567", 16)
        if kind == 4:
            return "ghp_" + _rand(r, _B62, 36)
        if kind == 5:
            return "github_pat_" + _rand(r, _B62, 22) + "_" + _rand(r, _B62, 59)
        if kind == 6:
            return f"xoxb-{r.randrange(10**11, 10**12)}-{r.randrange(10**12, 10**13)}-{_rand(r, _B62, 24)}"
        if kind == 7:
            return "sk_live_" + _rand(r, _B62, 24)
        if kind == 8:
            return "AIza" + _rand(r, _B64URL, 35)
        if kind == 9:
            header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=")
            body = json.dumps({"sub": str(r.randrange(10**6, 10**9)), "iat": 1730000000})
            payload = base64.urlsafe_b64encode(body.encode()).rstrip(b"=")
            return f"{header.decode()}.{payload.decode()}.{_rand(r, _B64URL, 43)}"
        return _rand(r, _B62, 14) + r.choice("!#%") + _rand(r, _B62, 3)  # a password


def _ascii(s: str) -> str:
    table = str.maketrans("áéíóúüñçãõêâôöäßøåłśźżığşèàùıšž", "aeiouuncaoeaooasoalszzigseauisz")
    return s.translate(table).encode("ascii", "ignore").decode()


def _luhn_digit(body: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def _iban_mod(s: str) -> int:
    digits = "".join(str(int(c, 36)) for c in s)
    return int(digits) % 97

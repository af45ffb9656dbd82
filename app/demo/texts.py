"""Free text with planted personal data, secrets and ordinary words, with ground truth."""

from __future__ import annotations

import base64
import json
import random
from dataclasses import dataclass, field

from app.demo import pools
from app.demo.pii import PiiFactory, Planted


@dataclass
class Text:
    """A text and what was planted in it."""

    text: str
    pii: Planted = field(default_factory=list)
    ordinary: list[str] = field(default_factory=list)


def _pem(rng: random.Random) -> tuple[str, str]:
    lines = [base64.b64encode(rng.randbytes(48)).decode() for _ in range(6)]
    block = (
        "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----"
    )
    return block, lines[0]


def pii_text(f: PiiFactory) -> Text:
    """A user message holding one scenario's worth of personal data or secrets."""
    r = f.rng
    k = r.randrange(16)
    t = Text("")
    if k == 0:
        n, e, p = f.person(), None, f.phone()
        e = f.email(n)
        t.text = f"Write a cover letter for {n}, {e}, {p}. Keep it under 200 words."
        t.pii = [("PERSON", n), ("EMAIL_ADDRESS", e), ("PHONE_NUMBER", p)]
    elif k == 1:
        n, a, p = f.person(), f.address(), f.phone()
        t.text = f"Hi, my name is {n} and I moved to {a}. You can reach me on {p} if needed."
        t.pii = [("PERSON", n), ("STREET_ADDRESS", a), ("PHONE_NUMBER", p)]
    elif k == 2:
        c, i = f.card(), f.iban()
        t.text = f"My card {c} was charged twice. Please refund to IBAN {i} instead."
        t.pii = [("CREDIT_CARD", c), ("IBAN_CODE", i)]
    elif k == 3:
        n = f.person()
        lead, dob = f.dob()
        s = f.ssn()
        t.text = f"Fill in this form for me:\nName: {n}\n{lead} {dob}\nSSN: {s}\nEmployer: {r.choice(pools.COMPANIES)}"
        t.pii = [("PERSON", n), ("DATE_OF_BIRTH", dob), ("US_SSN", s)]
    elif k == 4:
        s = f.secret()
        t.text = (
            "Why does this fail with 401?\n```python\nimport openai\n"
            f'client = openai.OpenAI(api_key="{s}")\nprint(client.models.list())\n```'
        )
        t.pii = [("SECRET", s)]
    elif k == 5:
        s = f.secret()
        var = r.choice(("OPENAI_API_KEY", "API_TOKEN", "GITHUB_TOKEN", "STRIPE_KEY", "SECRET"))
        t.text = f"My .env has\n{var}={s}\nbut the app still says unauthorized. Any idea?"
        t.pii = [("SECRET", s)]
    elif k == 6:
        pw = (
            f.secret()
            if r.random() < 0.3
            else f"{r.choice(('Summer', 'Tiger', 'Blue'))}{r.randrange(10, 99)}!{r.choice(('xq', 'Zz', 'kp'))}"
        )
        scheme = r.choice(("postgres", "mysql", "mongodb+srv", "redis"))
        t.text = f"Connection refused: DATABASE_URL={scheme}://admin:{pw}@db.internal:5432/prod — what is wrong?"
        t.pii = [("SECRET", pw)]
    elif k == 7:
        block, line = _pem(r)
        t.text = f"Is this key format right for my server?\n{block}"
        t.pii = [("SECRET", line)]
    elif k == 8:
        tok = f.secret()
        t.text = f"curl https://api.internal/v2/items -H 'Authorization: Bearer {tok}' returns 403"
        t.pii = [("SECRET", tok)]
    elif k == 9:
        n = f.person()
        e, p, ip = f.email(n), f.phone(), f.ip()
        obj = {"customer": {"name": n, "email": e, "phone": p}, "last_ip": ip, "tier": "gold"}
        t.text = "Validate this JSON and add a created_at field:\n" + json.dumps(
            obj, ensure_ascii=False
        )
        t.pii = [("PERSON", n), ("EMAIL_ADDRESS", e), ("PHONE_NUMBER", p), ("IP_ADDRESS", ip)]
    elif k == 10:
        rows = ["name,email,phone"]
        for _ in range(3):
            n = f.person()
            e, p = f.email(n), f.phone()
            rows.append(f"{n},{e},{p}")
            t.pii += [("PERSON", n), ("EMAIL_ADDRESS", e), ("PHONE_NUMBER", p)]
        t.text = "Deduplicate this CSV by email:\n" + "\n".join(rows)
    elif k == 11:
        ip, e = f.ip(), f.email()
        t.text = f"Explain this log line: 'Failed password for {e} from {ip} port 51234 ssh2'"
        t.pii = [("IP_ADDRESS", ip), ("EMAIL_ADDRESS", e)]
    elif k == 12:
        lead, v = f.national_id()
        n = f.person()
        t.text = f"Check this application: applicant {n}, {lead} {v}. Is the format valid?"
        t.pii = [("PERSON", n), ("NATIONAL_ID", v)]
    elif k == 13:
        n, m = f.person(), f.person()
        t.text = f"Draft a polite reminder email to {n} about the overdue invoice, signed by {m}."
        t.pii = [("PERSON", n), ("PERSON", m)]
    elif k == 14:
        n = f.person()
        lead, dob = f.dob()
        a = f.address()
        t.text = f"Patient {n}, {lead} {dob}, lives at {a}. Summarise the intake notes."
        t.pii = [("PERSON", n), ("DATE_OF_BIRTH", dob), ("STREET_ADDRESS", a)]
    else:
        e, ip = f.email(), f.ip()
        t.text = f"Block list update: {e} (last seen {ip}). Write a firewall rule for it."
        t.pii = [("EMAIL_ADDRESS", e), ("IP_ADDRESS", ip)]
    if r.random() < 0.6:
        words = r.sample(pools.ORDINARY, 2)
        t.text += f" Also, mention {words[0]} and {words[1]} in the notes."
        t.ordinary = words
    return t


def completion_for(t: Text, f: PiiFactory) -> Text:
    """A model answer that may echo a name from the prompt (as real completions do)."""
    names = [v for k, v in t.pii if k == "PERSON"]
    if names and f.rng.random() < 0.5:
        return Text(
            f"Dear {names[0]},\n\nThank you for your message. Here is the draft.",
            [("PERSON", names[0])],
        )
    return Text("Sure. Here is the result you asked for, with the details reviewed.")

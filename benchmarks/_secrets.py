"""Secrets generated from vendors' documented token formats, in the places people paste
them (code, config files, shell history, chat). Random tokens, fresh for every seed: no
vendor's example string, and none of the redactor's own rule text, is used.

Each vendor is a function of a random generator; ``secret_texts`` returns (text, token)."""

from __future__ import annotations

import random
import string
from collections.abc import Callable

AZ = string.ascii_letters
LOW = string.ascii_lowercase
UP = string.ascii_uppercase
DIG = string.digits
AN = AZ + DIG
HEX = "0123456789abcdef"
URL = AN + "_-"
B64 = AN + "+/"


def r(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


Gen = Callable[[random.Random], str]
VENDORS: dict[str, Gen] = {
    "AWS access key": lambda g: "AKIA" + r(g, UP + "234567", 16),
    "GitHub PAT (classic)": lambda g: "ghp_" + r(g, AN, 36),
    "GitHub fine-grained": lambda g: "github_pat_" + r(g, AN, 22) + "_" + r(g, AN, 59),
    "GitHub OAuth": lambda g: "gho_" + r(g, AN, 36),
    "GitLab PAT": lambda g: "glpat-" + r(g, URL, 20),
    "GitLab deploy": lambda g: "gldt-" + r(g, URL, 20),
    "Slack bot": lambda g: f"xoxb-{r(g, DIG, 11)}-{r(g, DIG, 12)}-{r(g, AN, 24)}",
    "Slack user": lambda g: f"xoxp-{r(g, DIG, 11)}-{r(g, DIG, 11)}-{r(g, DIG, 12)}-{r(g, HEX, 32)}",
    "Slack webhook": lambda g: (
        "https://hooks.slack.com/services/T"
        + r(g, UP + DIG, 8)
        + "/B"
        + r(g, UP + DIG, 10)
        + "/"
        + r(g, AN, 24)
    ),
    "Stripe secret": lambda g: "sk_live_" + r(g, AN, 24),
    "Stripe restricted": lambda g: "rk_live_" + r(g, AN, 24),
    "Stripe webhook": lambda g: "whsec_" + r(g, AN, 32),
    "Google API key": lambda g: "AIza" + r(g, URL, 35),
    "Google OAuth secret": lambda g: "GOCSPX-" + r(g, URL, 28),
    "Google access token": lambda g: "ya29." + r(g, URL, 120),
    "OpenAI project": lambda g: "sk-proj-" + r(g, URL, 120),
    "Anthropic": lambda g: "sk-ant-api03-" + r(g, URL, 93) + "AA",
    "Hugging Face": lambda g: "hf_" + r(g, AZ, 34),
    "npm": lambda g: "npm_" + r(g, AN, 36),
    "PyPI": lambda g: "pypi-AgEIcHlwaS5vcmc" + r(g, URL, 70),
    "Twilio API key": lambda g: "SK" + r(g, HEX, 32),
    "SendGrid": lambda g: "SG." + r(g, URL, 22) + "." + r(g, URL, 43),
    "Mailgun": lambda g: "key-" + r(g, HEX, 32),
    "Mailchimp": lambda g: r(g, HEX, 32) + "-us" + str(g.randint(1, 21)),
    "Shopify": lambda g: "shpat_" + r(g, HEX, 32),
    "DigitalOcean": lambda g: "dop_v1_" + r(g, HEX, 64),
    "Doppler": lambda g: "dp.pt." + r(g, AN, 43),
    "Discord bot": lambda g: "M" + r(g, AN, 25) + "." + r(g, URL, 6) + "." + r(g, URL, 38),
    "Discord webhook": lambda g: (
        "https://discord.com/api/webhooks/" + r(g, DIG, 18) + "/" + r(g, URL, 68)
    ),
    "Telegram bot": lambda g: r(g, DIG, 10) + ":AA" + r(g, URL, 33),
    "Atlassian": lambda g: "ATATT3" + r(g, URL, 180) + "=" + r(g, UP + DIG, 8),
    "Linear": lambda g: "lin_api_" + r(g, AN, 40),
    "Notion": lambda g: "ntn_" + r(g, AN, 46),
    "Postman": lambda g: "PMAK-" + r(g, HEX, 24) + "-" + r(g, HEX, 34),
    "Sentry user": lambda g: "sntryu_" + r(g, HEX, 64),
    "Grafana service account": lambda g: "glsa_" + r(g, AN, 32) + "_" + r(g, HEX, 8),
    "New Relic": lambda g: "NRAK-" + r(g, UP + DIG, 27),
    "Databricks": lambda g: "dapi" + r(g, HEX, 32),
    "Square": lambda g: "EAAA" + r(g, URL, 60),
    "Azure storage key": lambda g: (
        "DefaultEndpointsProtocol=https;AccountName=st"
        + r(g, LOW, 8)
        + ";AccountKey="
        + r(g, B64, 86)
        + "==;EndpointSuffix=core.windows.net"
    ),
    "Entra ID client secret": lambda g: (
        r(g, AN, 3) + str(g.randint(0, 9)) + "Q~" + r(g, AN + "_~.-", 34)
    ),
    "Pulumi": lambda g: "pul-" + r(g, HEX, 40),
    "Terraform Cloud": lambda g: r(g, AN, 14) + ".atlasv1." + r(g, AN, 67),
    "Vault": lambda g: "hvs." + r(g, URL, 90),
    "Replicate": lambda g: "r8_" + r(g, AN, 37),
    "Groq": lambda g: "gsk_" + r(g, AN, 52),
    "Perplexity": lambda g: "pplx-" + r(g, AN, 48),
    "xAI": lambda g: "xai-" + r(g, AN, 80),
    "Airtable": lambda g: "pat" + r(g, AN, 14) + "." + r(g, HEX, 64),
    "Figma": lambda g: "figd_" + r(g, URL, 40),
    "Supabase": lambda g: "sbp_" + r(g, HEX, 40),
    "PlanetScale": lambda g: "pscale_tkn_" + r(g, AN, 43),
    "Netlify": lambda g: "nfp_" + r(g, AN, 36),
    "Contentful": lambda g: "CFPAT-" + r(g, URL, 43),
    "Dynatrace": lambda g: "dt0c01." + r(g, UP + DIG, 24) + "." + r(g, UP + DIG, 64),
    "Buildkite": lambda g: "bkua_" + r(g, HEX, 40),
    "CircleCI": lambda g: "CCIPAT_" + r(g, AN, 22) + "_" + r(g, HEX, 40),
    "Prefect": lambda g: "pnu_" + r(g, AN, 36),
    "age": lambda g: "AGE-SECRET-KEY-1" + r(g, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
    "Shippo": lambda g: "shippo_live_" + r(g, HEX, 40),
    "Razorpay": lambda g: "rzp_live_" + r(g, AN, 14),
    "Alibaba Cloud": lambda g: "LTAI" + r(g, AN, 20),
    "Tailscale": lambda g: "tskey-auth-" + r(g, AN, 17) + "-" + r(g, AN, 33),
    "Flutterwave": lambda g: "FLWSECK-" + r(g, HEX, 32) + "-X",
    "bcrypt hash": lambda g: "$2b$12$" + r(g, AN + "./", 53),
    "Postgres URL password": lambda g: f"postgres://app:{r(g, AN, 16)}@db.internal:5432/prod",
    "mysql -p": lambda g: "Pw" + r(g, AN, 10) + "!",
}

CONTEXTS = (
    "export TOKEN_VALUE_HERE={t}\n",
    'client = Client(api_key="{t}")\n',
    "[default]\ncredential = {t}\n",
    "curl -H 'Authorization: Bearer {t}' https://api.internal/v1/me",
    "here's my key {t} why does it return 401??",
    "config:\n  token: {t}\n  retries: 3",
    '{{"auth": "{t}", "region": "eu"}}',
    "i pasted {t} into the settings page and nothing happened",
)


def secret_texts(seed: int = 3, per_vendor: int = 8) -> list[tuple[str, str, str]]:
    """(vendor, text, secret) for every vendor in every context."""
    g = random.Random(seed)
    out = []
    for vendor, gen in VENDORS.items():
        for i in range(per_vendor):
            tok = gen(g)
            if vendor == "mysql -p":
                out.append((vendor, f"$ mysql -h db -u app -p{tok} prod < dump.sql", tok))
                continue
            secret = tok
            if "://" in tok and "@" in tok:  # the password inside the URL
                secret = tok.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
            elif tok.startswith("DefaultEndpoints"):
                secret = tok.split("AccountKey=", 1)[1].split(";", 1)[0]
            elif "/webhooks/" in tok or "/services/" in tok:
                secret = tok.rsplit("/", 1)[1]
            out.append((vendor, CONTEXTS[i % len(CONTEXTS)].format(t=tok), secret))
    return out

"""Validation of usage-log records against spec/usage-log.md (v1).

:func:`validate` returns a clean record (types checked and normalised, unknown
fields dropped) or the reason it is rejected. Reasons name the field and the
problem, never the value (it may be personal data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

MAX_ID = 512


@dataclass
class Record:
    """A valid record: identifiers still raw here, pseudonymized next."""

    request_id: str
    ts: datetime
    account_id: str
    endpoint: str
    org_id: str | None
    api_key_id: str | None
    user_email: str | None
    ip_address: str | None
    user_agent: str | None
    country: str | None
    model: str | None
    messages: list[dict[str, Any]] | None
    input: str | None
    completion: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    status_code: int | None
    moderation: dict[str, Any] | None


class Invalid(ValueError):
    """A record that breaks the spec; the message names the field."""


def _str(rec: dict[str, Any], key: str, required: bool = False, limit: int = MAX_ID) -> str | None:
    v = rec.get(key)
    if v is None:
        if required:
            raise Invalid(f"missing required field {key}")
        return None
    if not isinstance(v, str):
        raise Invalid(f"field {key} must be a string, got {type(v).__name__}")
    if required and not v.strip():
        raise Invalid(f"required field {key} is empty")
    if len(v) > limit:
        raise Invalid(f"field {key} is longer than {limit} characters")
    if "\x00" in v and key != "user_agent":
        raise Invalid(f"field {key} contains a NUL character")
    return v


def _int(rec: dict[str, Any], key: str) -> int | None:
    v = rec.get(key)
    if v is None:
        return None
    if isinstance(v, bool):
        raise Invalid(f"field {key} must be an integer, got bool")
    if isinstance(v, int):
        out = v
    elif (isinstance(v, float) and v.is_integer()) or (
        isinstance(v, str) and v.strip().lstrip("-").isdigit() and len(v) < 19
    ):
        out = int(v)
    else:
        raise Invalid(f"field {key} must be an integer, got {type(v).__name__}")
    if not -(2**31) <= out < 2**31:
        raise Invalid(f"field {key} is out of range")
    return out


def _timestamp(rec: dict[str, Any]) -> datetime:
    v = rec.get("timestamp")
    if v is None:
        raise Invalid("missing required field timestamp")
    if not isinstance(v, str):
        raise Invalid(f"field timestamp must be an ISO 8601 string, got {type(v).__name__}")
    s = v.strip()
    if s.endswith(("Z", "z")):
        s = s[:-1] + "+00:00"
    try:
        ts = datetime.fromisoformat(s)
    except ValueError:
        raise Invalid("field timestamp is not ISO 8601 (e.g. 2026-10-08T07:30:17.550Z)") from None
    if ts.tzinfo is None:
        raise Invalid("field timestamp has no time zone; add Z or an offset")
    if not 1990 <= ts.year <= 2200:
        raise Invalid("field timestamp is out of range")
    return ts.astimezone(UTC)


def _messages(rec: dict[str, Any]) -> list[dict[str, Any]] | None:
    v = rec.get("messages")
    if v is None:
        return None
    if not isinstance(v, list):
        raise Invalid(f"field messages must be a list, got {type(v).__name__}")
    out = []
    for i, m in enumerate(v):
        if not isinstance(m, dict):
            raise Invalid(f"messages[{i}] must be an object")
        role = m.get("role")
        if not isinstance(role, str):
            raise Invalid(f"messages[{i}].role must be a string")
        content = m.get("content")
        if isinstance(content, list):  # content parts: keep the text parts
            parts = [p.get("text") for p in content if isinstance(p, dict)]
            content = "\n".join(p for p in parts if isinstance(p, str))
        if content is not None and not isinstance(content, str):
            raise Invalid(f"messages[{i}].content must be a string")
        out.append({"role": role[:32], "content": content or ""})
    return out


def _moderation(rec: dict[str, Any]) -> dict[str, Any] | None:
    v = rec.get("moderation")
    if v is None:
        return None
    if not isinstance(v, dict):
        raise Invalid("field moderation must be an object")
    flagged = v.get("flagged", False)
    if not isinstance(flagged, bool):
        raise Invalid("moderation.flagged must be true or false")
    cats = v.get("categories") or {}
    if not isinstance(cats, dict):
        raise Invalid("moderation.categories must be an object")
    clean: dict[str, float] = {}
    for k, s in list(cats.items())[:64]:
        if isinstance(s, bool) or not isinstance(s, int | float):
            raise Invalid("moderation.categories scores must be numbers")
        clean[str(k)[:64]] = float(min(1.0, max(0.0, s)))
    return {"flagged": flagged, "categories": clean}


def _text(rec: dict[str, Any], key: str) -> str | None:
    v = rec.get(key)
    if v is None:
        return None
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "\n".join(v)
    if not isinstance(v, str):
        raise Invalid(f"field {key} must be a string, got {type(v).__name__}")
    return v


def validate(rec: dict[str, Any]) -> Record:
    """A clean :class:`Record`, or raises :class:`Invalid` naming the problem."""
    country = _str(rec, "country", limit=8)
    return Record(
        request_id=_str(rec, "request_id", required=True) or "",
        ts=_timestamp(rec),
        account_id=_str(rec, "account_id", required=True) or "",
        endpoint=_str(rec, "endpoint", required=True, limit=200) or "",
        org_id=_str(rec, "org_id"),
        api_key_id=_str(rec, "api_key_id"),
        user_email=_str(rec, "user_email"),
        ip_address=_str(rec, "ip_address", limit=64),
        user_agent=_str(rec, "user_agent", limit=1024),
        country=country.upper() if country else None,
        model=_str(rec, "model", limit=200),
        messages=_messages(rec),
        input=_text(rec, "input"),
        completion=_text(rec, "completion"),
        prompt_tokens=_int(rec, "prompt_tokens"),
        completion_tokens=_int(rec, "completion_tokens"),
        status_code=_int(rec, "status_code"),
        moderation=_moderation(rec),
    )

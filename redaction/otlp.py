"""OpenTelemetry GenAI traces in OTLP/JSON (the Collector's file exporter: one
``ExportTraceServiceRequest`` per line, optionally gzip) mapped to usage-log records.

A span is a model call when ``gen_ai.operation.name`` is ``chat``, ``text_completion``,
``generate_content`` or ``embeddings``; every other span (HTTP, database, agent and
tool-execution spans) is skipped and counted. Both forms of the conventions are read:
the current one (``gen_ai.input.messages``, ``gen_ai.output.messages``,
``gen_ai.system_instructions`` as JSON or structured values) and the older one (span
events ``gen_ai.system.message``, ``gen_ai.user.message``, ``gen_ai.assistant.message``,
``gen_ai.tool.message``, ``gen_ai.choice``). Which attribute names the account, the
user, the organisation, the API key, the client address and the user agent is set in
``[otlp]`` (span attributes first, then the resource's). Attributes that map to
nothing are counted by name and kept nowhere. The mapping table is in
docs/input-format.md.

A span's position, for the quarantine, is its line number times 1,000,000 plus its
index in that line, so that the local and the Spark engine agree (a line holds at most
16 MiB, far fewer than a million spans).
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redaction.readers import Raw, open_bytes, read_jsonl
from warden.config import OtlpConfig

SPANS_PER_LINE = 1_000_000
MODEL_CALLS = {
    "chat": "/v1/chat/completions",
    "generate_content": "/v1/chat/completions",
    "text_completion": "/v1/completions",
    "embeddings": "/v1/embeddings",
}
# GenAI operations that are no model call (named in skip counts; others as "(other)").
OTHER_OPERATIONS = {"execute_tool", "create_agent", "invoke_agent", "invoke_workflow"}
# Attributes read by the mapping (the configurable identity ones are added per mapping).
KNOWN = {
    "gen_ai.operation.name",
    "gen_ai.request.model",
    "gen_ai.response.model",
    "gen_ai.usage.input_tokens",
    "gen_ai.usage.output_tokens",
    "gen_ai.response.finish_reasons",
    "gen_ai.input.messages",
    "gen_ai.output.messages",
    "gen_ai.system_instructions",
    "http.response.status_code",
}
OLD_EVENTS = {
    "gen_ai.system.message": "system",
    "gen_ai.user.message": "user",
    "gen_ai.assistant.message": "assistant",
    "gen_ai.tool.message": "tool",
}


OtlpMapping = OtlpConfig  # which attributes carry the caller's identity (first found wins)


def _identity_names(m: OtlpMapping) -> set[str]:
    return {*m.account, *m.user_email, *m.org, *m.api_key, *m.client_address, *m.user_agent}


@dataclass
class OtlpStats:
    """What a file held besides its model-call spans (counts only, never values)."""

    spans: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> spans
    unknown_attributes: Counter[str] = field(default_factory=Counter)  # name -> times


def any_value(v: Any) -> Any:
    """The Python value of an OTLP/JSON ``AnyValue``."""
    if not isinstance(v, dict):
        return None
    if "stringValue" in v:
        return v["stringValue"]
    if "intValue" in v:  # int64 is a JSON string in the protobuf JSON mapping
        try:
            return int(v["intValue"])
        except (TypeError, ValueError):
            return None
    if "doubleValue" in v:
        return v["doubleValue"]
    if "boolValue" in v:
        return v["boolValue"]
    if "arrayValue" in v:
        return [any_value(x) for x in _list(_dict(v["arrayValue"]).get("values"))]
    if "kvlistValue" in v:
        return attributes(_dict(v["kvlistValue"]).get("values"))
    if "bytesValue" in v:
        try:
            return base64.b64decode(v["bytesValue"]).decode("utf-8", "replace")
        except (ValueError, TypeError):
            return None
    return None


def _list(v: Any) -> list[Any]:
    """``v`` when it is a list, else nothing (malformed exports are read, not trusted)."""
    return v if isinstance(v, list) else []


def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def attributes(items: Any) -> dict[str, Any]:
    """``[{"key": k, "value": AnyValue}, ...]`` as a dict."""
    out: dict[str, Any] = {}
    for kv in _list(items):
        if isinstance(kv, dict) and isinstance(kv.get("key"), str):
            out[kv["key"]] = any_value(kv.get("value"))
    return out


def _json_or_value(v: Any) -> Any:
    if isinstance(v, str):
        try:
            return json.loads(v)
        except ValueError:
            return v
    return v


def _part_text(part: Any) -> str:
    """The text a message part carries: text, tool-call arguments, tool results."""
    if isinstance(part, str):
        return part
    if not isinstance(part, dict):
        return ""
    kind = part.get("type")
    if kind in (None, "text", "reasoning"):
        c = part.get("content")
        return c if isinstance(c, str) else ""
    if kind == "tool_call":
        args = part.get("arguments")
        args = args if isinstance(args, str) else json.dumps(args, ensure_ascii=False)
        return f"[tool call {part.get('name', '')}] {args}"
    if kind == "tool_call_response":
        resp = part.get("response")
        resp = resp if isinstance(resp, str) else json.dumps(resp, ensure_ascii=False)
        return f"[tool result] {resp}"
    return ""  # blobs, files, URIs: no text


def _message(m: Any, default_role: str) -> dict[str, str] | None:
    if isinstance(m, str):
        return {"role": default_role, "content": m}
    if not isinstance(m, dict):
        return None
    role = m.get("role") if isinstance(m.get("role"), str) else default_role
    if "parts" in m:
        parts = m["parts"] if isinstance(m["parts"], list) else []
        text = "\n".join(t for t in (_part_text(p) for p in parts) if t)
    else:  # older bodies: {"content": ..., "tool_calls": [...]}
        c = m.get("content")
        text = c if isinstance(c, str) else _part_text(c) if c else ""
        for call in m.get("tool_calls") or []:
            fn = (call or {}).get("function") or {}
            text += f"\n[tool call {fn.get('name', '')}] {fn.get('arguments', '')}"
    return {"role": str(role)[:32], "content": text.strip()}


def _messages(v: Any, default_role: str) -> list[dict[str, str]]:
    v = _json_or_value(v)
    items = v if isinstance(v, list) else [v] if v else []
    return [m for m in (_message(x, default_role) for x in items) if m is not None]


def _first(names: tuple[str, ...], span: dict[str, Any], resource: dict[str, Any]) -> Any:
    for source in (span, resource):
        for n in names:
            v = source.get(n)
            if v not in (None, ""):
                return v if isinstance(v, str) else str(v)
    return None


def _timestamp(nanos: Any) -> str | None:
    try:
        n = int(nanos)
    except (TypeError, ValueError):
        return None
    if n <= 0:
        return None
    try:
        ts = datetime.fromtimestamp(n // 1_000_000_000, UTC).replace(
            microsecond=(n % 1_000_000_000) // 1000
        )
    except (OverflowError, OSError, ValueError):  # beyond what a datetime holds
        return None
    return ts.isoformat().replace("+00:00", "Z")


def span_record(
    span: dict[str, Any], resource: dict[str, Any], mapping: OtlpMapping, stats: OtlpStats
) -> tuple[dict[str, Any] | None, str | None]:
    """(usage-log record, None) for a model-call span; (None, why) for one skipped;
    (partial record, error) for a model-call span that cannot be used."""
    attrs = attributes(span.get("attributes"))
    op = attrs.get("gen_ai.operation.name")
    if not isinstance(op, str) or op not in MODEL_CALLS:
        if op is None:
            return None, "not a GenAI span"
        # only names from the conventions are echoed: a value could be anything
        named = isinstance(op, str) and op in OTHER_OPERATIONS
        return None, f"GenAI operation {op if named else '(other)'}"
    known = KNOWN | _identity_names(mapping)
    for name in attrs:
        if name not in known:
            stats.unknown_attributes[name] += 1
    trace, span_id = span.get("traceId"), span.get("spanId")
    messages = _messages(attrs.get("gen_ai.system_instructions"), "system")
    messages += _messages(attrs.get("gen_ai.input.messages"), "user")
    completion = [m["content"] for m in _messages(attrs.get("gen_ai.output.messages"), "assistant")]
    for ev in _list(span.get("events")):  # the older, events-based form
        if not isinstance(ev, dict):
            continue
        ea = attributes(ev.get("attributes"))
        body = _json_or_value(ea.get("gen_ai.event.content"))
        if ev.get("name") in OLD_EVENTS:
            src = body if isinstance(body, dict) else {"content": ea.get("content")}
            m = _message(src, OLD_EVENTS[ev["name"]])
            if m and m["content"]:
                messages.append(m)
        elif ev.get("name") == "gen_ai.choice":
            src = body if isinstance(body, dict) else ea
            msg = _json_or_value(src.get("message")) or {"content": src.get("content")}
            m = _message(msg, "assistant")
            if m and m["content"]:
                completion.append(m["content"])
    finish = attrs.get("gen_ai.response.finish_reasons") or []
    finish = finish if isinstance(finish, list) else [finish]
    status = attrs.get("http.response.status_code")
    rec: dict[str, Any] = {
        "request_id": f"{trace}-{span_id}" if trace and span_id else None,
        "timestamp": _timestamp(span.get("startTimeUnixNano")),
        "account_id": _first(mapping.account, attrs, resource),
        "user_email": _first(mapping.user_email, attrs, resource),
        "org_id": _first(mapping.org, attrs, resource),
        "api_key_id": _first(mapping.api_key, attrs, resource),
        "ip_address": _first(mapping.client_address, attrs, resource),
        "user_agent": _first(mapping.user_agent, attrs, resource),
        "endpoint": MODEL_CALLS[op],
        "model": attrs.get("gen_ai.request.model") or attrs.get("gen_ai.response.model"),
        "prompt_tokens": attrs.get("gen_ai.usage.input_tokens"),
        "completion_tokens": attrs.get("gen_ai.usage.output_tokens"),
        "status_code": status if isinstance(status, int) else None,
    }
    if messages and op != "embeddings":
        rec["messages"] = messages
    elif messages:
        rec["input"] = "\n".join(m["content"] for m in messages)
    if completion:
        rec["completion"] = "\n".join(completion)
    if "content_filter" in finish:
        rec["moderation"] = {"flagged": True, "categories": {}}
    rec = {k: v for k, v in rec.items() if v is not None}
    if "request_id" not in rec:
        return rec, "span has no traceId or spanId"
    if "timestamp" not in rec:
        return rec, "span has no valid startTimeUnixNano"
    if "account_id" not in rec:
        return rec, f"span names no account (attributes tried: {', '.join(mapping.account)})"
    return rec, None


def spans_of(parsed: Raw, mapping: OtlpMapping, stats: OtlpStats) -> list[Raw]:
    """The model-call spans of one parsed line, as :class:`Raw` items."""
    line_no = parsed.line_no
    if parsed.record is None:
        return [Raw(line_no * SPANS_PER_LINE, None, parsed.error, parsed.text)]
    out: list[Raw] = []
    index = 0
    for rs in _list(parsed.record.get("resourceSpans")):
        if not isinstance(rs, dict):
            continue
        resource = attributes(_dict(rs.get("resource")).get("attributes"))
        for ss in _list(rs.get("scopeSpans") or rs.get("instrumentationLibrarySpans")):
            for span in _list(_dict(ss).get("spans")):
                if not isinstance(span, dict):
                    continue
                stats.spans += 1
                pos = line_no * SPANS_PER_LINE + index
                index += 1
                rec, why = span_record(span, resource, mapping, stats)
                if rec is None:
                    stats.skipped[why or "skipped"] += 1
                elif why is None:
                    out.append(Raw(pos, rec))
                else:
                    out.append(Raw(pos, None, why, partial=rec))
    return out


def read_otlp(path: Path, mapping: OtlpMapping, stats: OtlpStats) -> Iterator[Raw]:
    """Model-call spans of an OTLP/JSON file (see the module doc)."""
    for parsed in read_jsonl(path):
        yield from spans_of(parsed, mapping, stats)


def looks_like_otlp(path: Path) -> bool:
    """Is the first record of a JSON Lines file an OTLP trace export?"""
    try:
        with open_bytes(path) as fh:
            for line in fh:
                if line.strip():
                    head = line[:4096]
                    return b'"resourceSpans"' in head or b'"resource_spans"' in head
    except OSError:
        return False
    return False

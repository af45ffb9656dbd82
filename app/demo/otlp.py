"""The generator's usage-log records as OpenTelemetry GenAI spans (OTLP/JSON, current
conventions), for testing and measuring the OTLP reader on the same events."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

OPERATION = {
    "/v1/chat/completions": "chat",
    "/v1/embeddings": "embeddings",
    "/v1/completions": "text_completion",
}


def _s(v: str) -> dict[str, Any]:
    return {"stringValue": v}


def _kv(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"key": k, "value": v} for k, v in d.items() if v is not None]


def span(rec: dict[str, Any]) -> dict[str, Any] | None:
    """One span for a record (``None`` for endpoints that are no model call)."""
    op = OPERATION.get(rec["endpoint"])
    if op is None:
        return None
    digest = hashlib.sha256(rec["request_id"].encode()).hexdigest()
    ts = datetime.fromisoformat(rec["timestamp"].replace("Z", "+00:00"))
    nanos = int(ts.timestamp()) * 1_000_000_000 + ts.microsecond * 1000
    msgs = rec.get("messages") or []
    system = [m for m in msgs if m["role"] == "system"]
    rest = [m for m in msgs if m["role"] != "system"]
    attrs: dict[str, Any] = {
        "gen_ai.operation.name": _s(op),
        "gen_ai.request.model": _s(rec["model"]) if rec.get("model") else None,
        "gen_ai.usage.input_tokens": {"intValue": str(rec["prompt_tokens"])}
        if rec.get("prompt_tokens") is not None
        else None,
        "gen_ai.usage.output_tokens": {"intValue": str(rec["completion_tokens"])}
        if rec.get("completion_tokens") is not None
        else None,
        "enduser.id": _s(rec["account_id"]),
        "user.email": _s(rec["user_email"]) if rec.get("user_email") else None,
        "client.address": _s(rec["ip_address"]) if rec.get("ip_address") else None,
        "user_agent.original": _s(rec["user_agent"]) if rec.get("user_agent") else None,
    }
    if system:
        attrs["gen_ai.system_instructions"] = _s(
            json.dumps([{"type": "text", "content": m["content"]} for m in system])
        )
    if rest:
        attrs["gen_ai.input.messages"] = _s(
            json.dumps(
                [
                    {"role": m["role"], "parts": [{"type": "text", "content": m["content"]}]}
                    for m in rest
                ],
                ensure_ascii=False,
            )
        )
    if rec.get("completion"):
        attrs["gen_ai.output.messages"] = _s(
            json.dumps(
                [
                    {
                        "role": "assistant",
                        "parts": [{"type": "text", "content": rec["completion"]}],
                        "finish_reason": "stop",
                    }
                ],
                ensure_ascii=False,
            )
        )
    return {
        "traceId": digest[:32],
        "spanId": digest[32:48],
        "name": f"{op} {rec.get('model', '')}".strip(),
        "kind": 3,
        "startTimeUnixNano": str(nanos),
        "endTimeUnixNano": str(nanos + 500_000_000),
        "attributes": _kv(attrs),
        "status": {},
    }


def export_lines(records: Iterable[dict[str, Any]], per_line: int = 50) -> Iterator[str]:
    """OTLP/JSON lines (``ExportTraceServiceRequest``), ``per_line`` spans each."""
    batch: list[dict[str, Any]] = []

    def line() -> str:
        body = {
            "resourceSpans": [
                {
                    "resource": {"attributes": _kv({"service.name": _s("synthetic-api")})},
                    "scopeSpans": [{"scope": {"name": "warden.synth"}, "spans": batch}],
                }
            ]
        }
        return json.dumps(body, ensure_ascii=False)

    for rec in records:
        sp = span(rec)
        if sp is not None:
            batch.append(sp)
        if len(batch) == per_line:
            yield line()
            batch = []
    if batch:
        yield line()

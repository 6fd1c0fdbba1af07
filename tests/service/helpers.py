"""Plain-function factories for service tests (as in the FastAPI template)."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import multipart, sign


def make_token(role: str = "supervisor") -> str:
    from service import db
    from service.auth.models import Role
    from service.auth.service import create_token

    db.upgrade()
    with db.session_scope() as session:
        return create_token(session=session, role=Role(role), name=f"test-{role}")


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def post_recording(
    client: TestClient, metadata: dict[str, Any], audio: bytes | None, **sign_args: Any
) -> Any:
    body, content_type = multipart(metadata, audio)
    headers = {**sign(body, **sign_args), "content-type": content_type}
    return client.post("/v1/webhooks/recordings", content=body, headers=headers)


def post_json(client: TestClient, metadata: dict[str, Any], **sign_args: Any) -> Any:
    body = json.dumps(metadata).encode()
    headers = {**sign(body, **sign_args), "content-type": "application/json"}
    return client.post("/v1/webhooks/recordings", content=body, headers=headers)


def make_call(**overrides: Any) -> str:
    """A stored record, as the worker would leave it; returns its id."""
    from datetime import UTC, datetime

    from service import db
    from service.calls import service
    from service.calls.models import Call

    db.upgrade()
    now = datetime.now(UTC)
    flags = overrides.pop("risk_flags", [])
    values: dict[str, Any] = {
        "call_id": f"c-{now.timestamp()}-{len(overrides)}",
        "provider": "generic",
        "status": "done",
        "created_at": now,
        "updated_at": now,
        "risk_level": "low",
        **overrides,
    }
    with db.session_scope() as session:
        call = Call(**values)
        session.add(call)
        session.flush()
        service.replace_flags(session=session, call_pk=call.id, flags=flags)
        return call.id

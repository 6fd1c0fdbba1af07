"""Operations: liveness, readiness, Prometheus metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service import db
from service.metrics import QUEUE_DEPTH
from service.worker import queue

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


def _checks(request: Request) -> dict[str, Any]:
    checks: dict[str, Any] = {}
    try:
        db.ping()
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {type(exc).__name__}: {exc}"
    try:
        depth = queue.pending()
        QUEUE_DEPTH.set(depth)
        checks["queue"] = "ok"
        checks["queue_pending"] = depth
    except Exception as exc:
        checks["queue"] = f"error: {type(exc).__name__}: {exc}"
    checks["model"] = getattr(request.app.state, "model_status", "not loaded")
    return checks


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    checks = await run_in_threadpool(_checks, request)
    ready = all(checks[k] == "ok" for k in ("database", "queue", "model"))
    return JSONResponse({"ready": ready, **checks}, status_code=200 if ready else 503)


@router.get("/metrics")
async def metrics() -> Response:
    try:
        QUEUE_DEPTH.set(await run_in_threadpool(queue.pending))
    except Exception:
        pass  # readiness reports a broken queue; metrics still serve the rest
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

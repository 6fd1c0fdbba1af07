"""The FastAPI app: routers, error shapes, and the in-process worker's life."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from service import db
from service.analysis.router import router as analysis_router
from service.calls.analysis import warm_up
from service.calls.router import router as calls_router
from service.config import Settings, get_settings
from service.logging import configure_logging
from service.ops.router import router as ops_router
from service.reports.router import router as reports_router
from service.review.pages import router as pages_router
from service.review.router import router as review_router
from service.review.web import install as install_pages
from service.webhooks.router import router as webhooks_router
from service.worker import queue

log = structlog.get_logger(__name__)


def _load_model(app: FastAPI, settings: Settings) -> None:
    from service.asr.transcriber import get_transcriber

    queue.lower_priority(settings.worker_nice)  # CTranslate2's threads start here and inherit it
    try:
        app.state.model_status = "loading"
        get_transcriber(settings)
        app.state.model_status = "ok"
    except Exception as exc:
        app.state.model_status = f"error: {exc}"
        log.exception("model.load_failed")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(level=settings.log_level, json=settings.log_json)
    await run_in_threadpool(db.upgrade, settings)
    await run_in_threadpool(warm_up)
    app.state.model_status = "not loaded (no worker in this process)"
    consumer = sweeper = None
    if settings.worker_in_process:
        threading.Thread(target=_load_model, args=(app, settings), daemon=True).start()
        consumer = queue.make_consumer(settings, in_process=True)
        consumer.start()
        sweeper = queue.Sweeper(settings)
        sweeper.start()
        log.info("worker.started", in_process=True, threads=settings.worker_threads)
    yield
    if sweeper is not None:
        sweeper.stopped.set()
    if consumer is not None:
        consumer.stop(graceful=True)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}: {error['msg']}")
    return JSONResponse(
        {"detail": "; ".join(parts), "errors": jsonable(exc.errors())},
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
    )


def jsonable(errors: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(
        errors, custom_encoder={Exception: str, bytes: lambda b: b.decode(errors="replace")}
    )


async def _database_down(_request: Request, exc: Exception) -> JSONResponse:
    log.error("database.unavailable", error=str(exc).splitlines()[0])
    return JSONResponse(
        {"detail": "the database is unavailable; nothing was stored, please retry"},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": "30"},
    )


def create_app() -> FastAPI:
    app = FastAPI(
        title="Huifang (回访)",
        version="1.0",
        summary="Post-loan follow-up calls: webhook in, transcript and visit record out.",
        lifespan=lifespan,
    )
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(OperationalError, _database_down)
    for router in (
        webhooks_router,
        calls_router,
        review_router,
        reports_router,
        analysis_router,
        ops_router,
        pages_router,
    ):
        app.include_router(router)
    install_pages(app, get_settings())
    return app


app = create_app()

"""The database engine, sessions and migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Annotated, Any

from alembic import command
from alembic.config import Config
from fastapi import Depends
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine, text

from service.config import Settings, get_settings


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets the webhook write while the worker writes; busy_timeout waits instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


_engines: dict[str, Engine] = {}


def get_engine(settings: Settings | None = None) -> Engine:
    """One engine (and connection pool) per database URL per process."""
    settings = settings or get_settings()
    url = settings.resolved_database_url
    if url not in _engines:
        if settings.database_url is None:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        _engines[url] = make_engine(url)
    return _engines[url]


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


@contextmanager
def session_scope(settings: Settings | None = None) -> Iterator[Session]:
    """A unit of work: commit once at the end, roll back on error (worker tasks, CLI, requests)."""
    with Session(get_engine(settings)) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


def get_session() -> Iterator[Session]:
    """One session per request."""
    with session_scope() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def alembic_config(settings: Settings | None = None) -> Config:
    settings = settings or get_settings()
    config = Config()
    config.set_main_option("script_location", str(resources.files("service") / "migrations"))
    config.set_main_option("sqlalchemy.url", settings.resolved_database_url)
    return config


def upgrade(settings: Settings | None = None) -> None:
    """Apply all migrations (idempotent)."""
    settings = settings or get_settings()
    if settings.database_url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(settings), "head")


def ping(settings: Settings | None = None) -> None:
    with get_engine(settings).connect() as conn:
        conn.execute(text("SELECT 1"))

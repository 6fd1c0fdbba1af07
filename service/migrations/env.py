"""Alembic environment: the URL comes from the settings (db.alembic_config)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool
from sqlmodel import SQLModel, create_engine

import service.auth.models
import service.calls.models
import service.review.models
import service.search.models
import service.users.models

config = context.config
target_metadata = SQLModel.metadata
_ = service.auth.models, service.search.models, service.review.models, service.users.models


def _include(_obj: object, name: str | None, *_rest: object) -> bool:
    # The FTS5 tables behind search are hand-written in 0002; autogenerate must not drop them.
    return not (name or "").startswith("call_search_fts")


def run() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_object=_include,
        )
        with context.begin_transaction():
            context.run_migrations()


run()

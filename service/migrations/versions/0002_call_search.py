"""call search index (FTS5 on SQLite, GIN tsvector on PostgreSQL)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE = [
    "CREATE VIRTUAL TABLE call_search_fts USING fts5("
    "tokens, content='call_search', content_rowid='id', tokenize='ascii')",
    "CREATE TRIGGER call_search_ai AFTER INSERT ON call_search BEGIN "
    "INSERT INTO call_search_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "CREATE TRIGGER call_search_ad AFTER DELETE ON call_search BEGIN "
    "INSERT INTO call_search_fts(call_search_fts, rowid, tokens) "
    "VALUES ('delete', old.id, old.tokens); END",
    "CREATE TRIGGER call_search_au AFTER UPDATE ON call_search BEGIN "
    "INSERT INTO call_search_fts(call_search_fts, rowid, tokens) "
    "VALUES ('delete', old.id, old.tokens); "
    "INSERT INTO call_search_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
]
_POSTGRES = [
    "CREATE INDEX ix_call_search_tsv ON call_search USING gin (to_tsvector('simple', tokens))",
]


def upgrade() -> None:
    op.create_table(
        "call_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_pk", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("tokens", sa.Text(), nullable=False),
        sa.Column("source_updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["call_pk"], ["calls.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("call_pk"),
    )
    op.create_index(
        "ix_call_search_source_updated_at", "call_search", ["source_updated_at"], unique=False
    )
    op.create_index("ix_calls_updated_at", "calls", ["updated_at"], unique=False)
    op.create_index("ix_calls_created_at_id", "calls", ["created_at", "id"], unique=False)
    for statement in _POSTGRES if op.get_bind().dialect.name == "postgresql" else _SQLITE:
        op.execute(statement)
    _backfill()


def _backfill() -> None:
    from service.search.tokens import index_tokens

    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, transcript_text, updated_at FROM calls WHERE transcript_text IS NOT NULL"
        )
    )
    insert = sa.text(
        "INSERT INTO call_search (call_pk, tokens, source_updated_at) VALUES (:pk, :tokens, :at)"
    )
    for call_pk, transcript_text, updated_at in rows.fetchall():
        bind.execute(
            insert, {"pk": call_pk, "tokens": index_tokens(transcript_text), "at": updated_at}
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        for name in ("call_search_au", "call_search_ad", "call_search_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS call_search_fts")
    op.drop_index("ix_calls_created_at_id", table_name="calls")
    op.drop_index("ix_calls_updated_at", table_name="calls")
    op.drop_index("ix_call_search_source_updated_at", table_name="call_search")
    op.drop_table("call_search")

"""calls.transcript_at: when the transcript last changed

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:40:00

The search index used to follow calls.updated_at, which every lease renewal and review bumps,
so unchanged transcripts were tokenised again. It now follows this column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("calls") as batch:
        batch.add_column(sa.Column("transcript_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_calls_transcript_at", ["transcript_at"])
    op.execute("UPDATE calls SET transcript_at = updated_at WHERE transcript_text IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("calls") as batch:
        batch.drop_index("ix_calls_transcript_at")
        batch.drop_column("transcript_at")

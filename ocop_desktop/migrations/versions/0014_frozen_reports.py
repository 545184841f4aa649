"""frozen reports (issue 11): frozen_report, the reports an office sent, kept as sent

A new table only; existing data is untouched. Not a sync record.

Revision ID: 0014_frozen_reports
Revises: 0013_plans_targets
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_frozen_reports"
down_revision = "0011_import_batches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frozen_report",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("codes", sa.String(length=128), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("sent_to", sa.String(length=255), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("scope_label", sa.String(length=255), nullable=False),
        sa.Column("scope_communes", sa.JSON(), nullable=True),
        sa.Column("frozen_at", sa.DateTime(), nullable=False),
        sa.Column("frozen_by", sa.String(length=255), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frozen_report")),
    )


def downgrade() -> None:
    op.drop_table("frozen_report")

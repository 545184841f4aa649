"""council discussion (issue 9 §3): who chaired and attended, when, the outcome

Four columns on ``evaluation`` (a sync record: they travel like its other fields). Existing
rows get an empty discussion.

Revision ID: 0006_council_discussion
Revises: 0004_decisions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_council_discussion"
down_revision = "0005_certificate_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild: evaluation_sheet and certificate point at evaluation).
    op.add_column("evaluation", sa.Column("discussion_date", sa.Date(), nullable=True))
    op.add_column("evaluation", sa.Column("discussion_chair", sa.String(length=255), nullable=False,
                                          server_default=""))
    op.add_column("evaluation", sa.Column("discussion_attendees", sa.Text(), nullable=False, server_default=""))
    op.add_column("evaluation", sa.Column("discussion_outcome", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    for column in ("discussion_outcome", "discussion_attendees", "discussion_chair", "discussion_date"):
        op.drop_column("evaluation", column)

"""Excel import batches (issue 12): import_batch, import_batch_item (local, not synced)

New tables only; existing data is untouched.

Revision ID: 0011_import_batches
Revises: 0009_training_support
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_import_batches"
down_revision = "0013_plans_targets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("sheet", sa.String(length=255), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    op.create_table(
        "import_batch_item",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("record_table", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("version_after", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"],
                                name=op.f("fk_import_batch_item_batch_id_import_batch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch_item")),
    )
    with op.batch_alter_table("import_batch_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_item_batch_id"), ["batch_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("import_batch_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_item_batch_id"))
    op.drop_table("import_batch_item")
    op.drop_table("import_batch")

"""training classes and support given (issue 10 §4–5): training_class, support (sync records)

New tables only; existing data is untouched.

Revision ID: 0009_training_support
Revises: 0008_trade_promotion
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_training_support"
down_revision = "0008_trade_promotion"
branch_labels = None
depends_on = None


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_office", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vv", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
        sa.Column("dots", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "training_class",
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=255), nullable=False),
        sa.Column("commune_code", sa.Integer(), nullable=True),
        sa.Column("audience", sa.String(length=32), nullable=False),
        sa.Column("learners", sa.Integer(), nullable=False),
        sa.Column("learners_women", sa.Integer(), nullable=False),
        sa.Column("learners_minority", sa.Integer(), nullable=False),
        sa.Column("producer_ids", sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
        sa.Column("organiser", sa.String(length=255), nullable=False),
        sa.Column("cost", sa.BigInteger(), nullable=True),
        sa.Column("funding", sa.String(length=16), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_class")),
    )
    with op.batch_alter_table("training_class", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_class_commune_code"), ["commune_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_class_deleted"), ["deleted"], unique=False)

    op.create_table(
        "support",
        sa.Column("producer_id", sa.String(length=36), nullable=False),
        sa.Column("product_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("funding", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("decision_ref", sa.String(length=128), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["producer_id"], ["producer.id"], name=op.f("fk_support_producer_id_producer")),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_support_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support")),
    )
    with op.batch_alter_table("support", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_support_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_producer_id"), ["producer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_product_id"), ["product_id"], unique=False)


def downgrade() -> None:
    op.drop_table("support")
    op.drop_table("training_class")

"""trade promotion (issue 10 item 3): trade_event, sale_point (sync records)

New tables only; existing data is untouched.

Revision ID: 0008_trade_promotion
Revises: 0007_ideas_plans
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_trade_promotion"
down_revision = "0007_ideas_plans"
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
        "trade_event",
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("place", sa.String(length=255), nullable=False),
        sa.Column("organiser", sa.String(length=255), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=True),
        sa.Column("sales", sa.Integer(), nullable=True),
        sa.Column("cost", sa.Integer(), nullable=True),
        sa.Column("funding", sa.String(length=16), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trade_event")),
    )
    with op.batch_alter_table("trade_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trade_event_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_trade_event_start_date"), ["start_date"], unique=False)

    op.create_table(
        "sale_point",
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("commune_code", sa.Integer(), nullable=True),
        sa.Column("address_detail", sa.String(length=255), nullable=False),
        sa.Column("operator", sa.String(length=255), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("opening_date", sa.Date(), nullable=True),
        sa.Column("closing_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("product_ids", sa.JSON(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_point")),
    )
    with op.batch_alter_table("sale_point", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sale_point_commune_code"), ["commune_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_sale_point_deleted"), ["deleted"], unique=False)


def downgrade() -> None:
    op.drop_table("sale_point")
    op.drop_table("trade_event")

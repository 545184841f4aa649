"""product ideas (issue 10 §1): the ``product_idea`` sync table

Revision ID: 0007_ideas_plans
Revises: 0006_council_discussion
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_ideas_plans"
down_revision = "0006_council_discussion"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "product_idea",
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("producer_id", sa.String(length=36), nullable=True),
        sa.Column("proposer_name", sa.String(length=255), nullable=False),
        sa.Column("proposer_phone", sa.String(length=32), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("commune_code", sa.Integer(), nullable=True),
        sa.Column("product_set", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("raw_materials", sa.Text(), nullable=False),
        sa.Column("market", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("return_reason", sa.Text(), nullable=False),
        sa.Column("screened_by", sa.String(length=255), nullable=False),
        sa.Column("screened_on", sa.Date(), nullable=True),
        sa.Column("product_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_office", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vv", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
        sa.Column("dots", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
        sa.ForeignKeyConstraint(["producer_id"], ["producer.id"], name=op.f("fk_product_idea_producer_id_producer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_idea")),
    )
    for column in ("producer_id", "commune_code", "deleted", "product_id"):
        op.create_index(op.f(f"ix_product_idea_{column}"), "product_idea", [column], unique=False)


def downgrade() -> None:
    for column in ("producer_id", "commune_code", "deleted", "product_id"):
        op.drop_index(op.f(f"ix_product_idea_{column}"), table_name="product_idea")
    op.drop_table("product_idea")

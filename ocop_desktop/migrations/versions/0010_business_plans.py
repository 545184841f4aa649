"""business plans (issue 10 §2): business_plan (sync record) and attachment (files by hash)

New tables only; existing data is untouched.

Revision ID: 0010_business_plans
Revises: 0009_training_support
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_business_plans"
down_revision = "0009_training_support"
branch_labels = None
depends_on = None

_INDEXED = ("producer_id", "idea_id", "product_id", "deleted")


def upgrade() -> None:
    op.create_table(
        "business_plan",
        sa.Column("producer_id", sa.String(length=36), nullable=False),
        sa.Column("idea_id", sa.String(length=36), nullable=True),
        sa.Column("product_id", sa.String(length=36), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("capital_own", sa.BigInteger(), nullable=True),
        sa.Column("capital_loans", sa.BigInteger(), nullable=True),
        sa.Column("support_requested", sa.BigInteger(), nullable=True),
        sa.Column("expected_output", sa.String(length=500), nullable=False),
        sa.Column("expected_revenue", sa.BigInteger(), nullable=True),
        sa.Column("jobs", sa.Integer(), nullable=False),
        sa.Column("jobs_women", sa.Integer(), nullable=False),
        sa.Column("jobs_minority", sa.Integer(), nullable=False),
        sa.Column("market", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("return_reason", sa.Text(), nullable=False),
        sa.Column("approval_number", sa.String(length=64), nullable=False),
        sa.Column("approval_date", sa.Date(), nullable=True),
        sa.Column("approval_issuer", sa.String(length=255), nullable=False),
        sa.Column("attachments", sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("origin_office", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("vv", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
        sa.Column("dots", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
        sa.ForeignKeyConstraint(["producer_id"], ["producer.id"], name=op.f("fk_business_plan_producer_id_producer")),
        sa.ForeignKeyConstraint(["idea_id"], ["product_idea.id"],
                                name=op.f("fk_business_plan_idea_id_product_idea")),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_business_plan_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_plan")),
    )
    for column in _INDEXED:
        op.create_index(op.f(f"ix_business_plan_{column}"), "business_plan", [column], unique=False)
    op.create_table(
        "attachment",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment")),
    )


def downgrade() -> None:
    op.drop_table("attachment")
    for column in _INDEXED:
        op.drop_index(op.f(f"ix_business_plan_{column}"), table_name="business_plan")
    op.drop_table("business_plan")

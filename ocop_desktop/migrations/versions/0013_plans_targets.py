"""plans, targets and manual indicators (issue 11): programme_plan, plan_target,
manual_indicator, manual_value (sync records); producer.value_chain

New tables, one new column with a default and four covering indexes; existing data is untouched.

Revision ID: 0013_plans_targets
Revises: 0009_training_support
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_plans_targets"
down_revision = "0009_training_support"
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
    # A plain ADD COLUMN (SQLite allows it with a constant default): a batch copy of the producer
    # table would trip the foreign keys that point at it.
    op.add_column("producer", sa.Column("value_chain", sa.Boolean(), server_default=sa.text("0"), nullable=False))
    # Covering indexes: the statistics read certificates, products and producers index-only.
    op.create_index("ix_certificate_stats", "certificate",
                    ["deleted", "id", "product_id", "decision_id", "stars", "issue_date", "expiry_date",
                     "revoked_by_decision_id", "superseded_by_id", "reissue_of_id"])
    op.create_index("ix_certificate_successor", "certificate", ["id", "deleted", "decision_id", "issue_date"])
    op.create_index("ix_product_stats", "product", ["id", "deleted", "commune_code", "producer_id", "product_set"])
    op.create_index("ix_producer_stats", "producer", ["deleted", "id", "commune_code", "kind", "rep_sex",
                                                      "rep_ethnicity", "rep_disability", "value_chain"])

    op.create_table(
        "programme_plan",
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("issuer", sa.String(length=255), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("end_year", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("commune_codes", sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
        sa.Column("units", sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_plan")),
    )
    with op.batch_alter_table("programme_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_plan_deleted"), ["deleted"], unique=False)

    op.create_table(
        "plan_target",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("low", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("high", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("per_unit", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("baseline", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("baseline_date", sa.Date(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["plan_id"], ["programme_plan.id"], name=op.f("fk_plan_target_plan_id_programme_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_target")),
    )
    with op.batch_alter_table("plan_target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_target_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_target_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "manual_indicator",
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manual_indicator")),
    )
    with op.batch_alter_table("manual_indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manual_indicator_deleted"), ["deleted"], unique=False)

    op.create_table(
        "manual_value",
        sa.Column("indicator_id", sa.String(length=36), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("commune_code", sa.Integer(), nullable=True),
        sa.Column("value", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["indicator_id"], ["manual_indicator.id"],
                                name=op.f("fk_manual_value_indicator_id_manual_indicator")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manual_value")),
    )
    with op.batch_alter_table("manual_value", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manual_value_commune_code"), ["commune_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_manual_value_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_manual_value_indicator_id"), ["indicator_id"], unique=False)


def downgrade() -> None:
    op.drop_table("manual_value")
    op.drop_table("manual_indicator")
    op.drop_table("plan_target")
    op.drop_table("programme_plan")
    for name, table in (("ix_producer_stats", "producer"), ("ix_product_stats", "product"),
                        ("ix_certificate_successor", "certificate"), ("ix_certificate_stats", "certificate")):
        op.drop_index(name, table_name=table)
    op.drop_column("producer", "value_chain")

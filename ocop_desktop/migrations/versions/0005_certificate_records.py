"""certificate records (issue 9 §2): snapshot at issue, first print, re-issue; decision
warnings confirmed, corrections, annulment

New nullable/defaulted columns only. Certificates issued before this revision get their
snapshot from the current product and producer (what they would have printed until now);
the address stays empty and is read live.

Revision ID: 0005_certificate_records
Revises: 0004_decisions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_certificate_records'
down_revision = '0004_decisions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy: copying ``decision`` would drop a table that
    # certificates reference, which the foreign keys refuse.
    op.add_column('decision', sa.Column('confirmed_warnings', sa.JSON(), server_default=sa.text("'[]'"),
                                        nullable=False))
    op.add_column('decision', sa.Column('corrections', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
    op.add_column('decision', sa.Column('annulled_on', sa.Date(), nullable=True))
    op.add_column('decision', sa.Column('annul_reason', sa.Text(), server_default='', nullable=False))
    op.add_column('decision', sa.Column('replaced_by_id', sa.String(length=36), nullable=True))
    op.add_column('certificate', sa.Column('first_printed_at', sa.DateTime(), nullable=True))
    op.add_column('certificate', sa.Column('product_name', sa.String(length=255), nullable=True))
    op.add_column('certificate', sa.Column('product_code', sa.String(length=32), nullable=True))
    op.add_column('certificate', sa.Column('product_set', sa.Integer(), nullable=True))
    op.add_column('certificate', sa.Column('producer_name', sa.String(length=255), nullable=True))
    op.add_column('certificate', sa.Column('producer_address', sa.Text(), nullable=True))
    op.add_column('certificate', sa.Column('reissue_of_id', sa.String(length=36), nullable=True))
    op.add_column('certificate', sa.Column('reissue_reason', sa.Text(), server_default='', nullable=False))
    op.execute("""
        UPDATE certificate SET
          product_name = (SELECT p.name FROM product p WHERE p.id = certificate.product_id),
          product_code = (SELECT p.code FROM product p WHERE p.id = certificate.product_id),
          product_set = (SELECT p.product_set FROM product p WHERE p.id = certificate.product_id),
          producer_name = (SELECT pr.name FROM product p JOIN producer pr ON pr.id = p.producer_id
                           WHERE p.id = certificate.product_id)
    """)
    # Certificates already printed count as printed (the day is unknown: the update time).
    op.execute("UPDATE certificate SET first_printed_at = updated_at WHERE copies_printed > 0")


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy of ``decision`` would drop a table that
    # certificates reference, which the foreign keys refuse.
    for name in ('reissue_reason', 'reissue_of_id', 'producer_address', 'producer_name', 'product_set',
                 'product_code', 'product_name', 'first_printed_at'):
        op.execute(f'ALTER TABLE certificate DROP COLUMN "{name}"')
    for name in ('replaced_by_id', 'annul_reason', 'annulled_on', 'corrections', 'confirmed_warnings'):
        op.execute(f'ALTER TABLE decision DROP COLUMN "{name}"')

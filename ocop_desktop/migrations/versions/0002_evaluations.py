"""evaluations: evaluation, evaluation_sheet, commune_assessment (issue 3)

New tables only; existing data is untouched.

Revision ID: 0002_evaluations
Revises: 0001_initial
Create Date: 2026-11-23 01:54:42.272011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002_evaluations'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('commune_assessment',
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('raw_material_verdict', sa.String(length=16), nullable=True),
    sa.Column('raw_material_text', sa.Text(), nullable=False),
    sa.Column('labour_verdict', sa.String(length=16), nullable=True),
    sa.Column('labour_text', sa.Text(), nullable=False),
    sa.Column('idea_origin_verdict', sa.String(length=16), nullable=True),
    sa.Column('idea_origin_text', sa.Text(), nullable=False),
    sa.Column('local_identity_verdict', sa.String(length=16), nullable=True),
    sa.Column('local_identity_text', sa.Text(), nullable=False),
    sa.Column('rep_sex', sa.String(length=4), nullable=True),
    sa.Column('rep_ethnicity', sa.String(length=4), nullable=True),
    sa.Column('assessed_on', sa.Date(), nullable=True),
    sa.Column('signer_name', sa.String(length=255), nullable=False),
    sa.Column('signer_title', sa.String(length=128), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_office', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_commune_assessment_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commune_assessment'))
    )
    with op.batch_alter_table('commune_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commune_assessment_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_commune_assessment_product_id'), ['product_id'], unique=False)

    op.create_table('evaluation',
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=True),
    sa.Column('rubric_id', sa.String(length=32), nullable=False),
    sa.Column('product_set', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('minima_mode', sa.String(length=16), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('finalised_at', sa.DateTime(), nullable=True),
    sa.Column('total', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('stars', sa.Integer(), nullable=True),
    sa.Column('stars_by_points', sa.Integer(), nullable=True),
    sa.Column('eliminated_reason', sa.Text(), nullable=True),
    sa.Column('result_json', sa.JSON(), nullable=True),
    sa.Column('legacy_total', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('legacy_stars', sa.Integer(), nullable=True),
    sa.Column('decision_ref', sa.String(length=64), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('reopen_log', sa.JSON(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_office', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_evaluation_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation'))
    )
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluation_product_id'), ['product_id'], unique=False)

    op.create_table('evaluation_sheet',
    sa.Column('evaluation_id', sa.String(length=36), nullable=False),
    sa.Column('member_name', sa.String(length=255), nullable=False),
    sa.Column('member_role', sa.String(length=128), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('eliminated_by', sa.String(length=64), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('is_agreed', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_office', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['evaluation_id'], ['evaluation.id'], name=op.f('fk_evaluation_sheet_evaluation_id_evaluation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_sheet'))
    )
    with op.batch_alter_table('evaluation_sheet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_sheet_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluation_sheet_evaluation_id'), ['evaluation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('evaluation_sheet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_sheet_evaluation_id'))
        batch_op.drop_index(batch_op.f('ix_evaluation_sheet_deleted'))

    op.drop_table('evaluation_sheet')
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_product_id'))
        batch_op.drop_index(batch_op.f('ix_evaluation_deleted'))

    op.drop_table('evaluation')
    with op.batch_alter_table('commune_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commune_assessment_product_id'))
        batch_op.drop_index(batch_op.f('ix_commune_assessment_deleted'))

    op.drop_table('commune_assessment')

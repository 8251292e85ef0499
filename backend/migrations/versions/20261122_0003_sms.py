"""sms: opt-outs, inbound MessageSids, last options per number, survey answers

Branches from 0001 alongside the staff migration; backend.migrate upgrades to "heads".

Revision ID: 0003_sms
Revises: 0001
Create Date: 2026-11-22 15:43:27.166182

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_sms'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sms_conversations',
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('buttons', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('phone', name=op.f('pk_sms_conversations'))
    )
    op.create_table('sms_opt_outs',
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('keyword', sa.String(length=16), nullable=False),
    sa.Column('opted_out_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('phone', name=op.f('pk_sms_opt_outs'))
    )
    op.create_table('sms_inbound',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_sid', sa.String(length=64), nullable=False),
    sa.Column('from_number', sa.String(length=20), nullable=False),
    sa.Column('num_media', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=24), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_sms_inbound_case_id_cases'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_inbound')),
    sa.UniqueConstraint('message_sid', name=op.f('uq_sms_inbound_message_sid'))
    )
    with op.batch_alter_table('sms_inbound', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sms_inbound_from_number'), ['from_number'], unique=False)

    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('answer', sa.String(length=160), nullable=False),
    sa.Column('message_sid', sa.String(length=64), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_survey_responses_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses')),
    sa.UniqueConstraint('case_id', 'question', name=op.f('uq_survey_responses_case_id'))
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_responses_case_id'))

    op.drop_table('survey_responses')
    with op.batch_alter_table('sms_inbound', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sms_inbound_from_number'))

    op.drop_table('sms_inbound')
    op.drop_table('sms_opt_outs')
    op.drop_table('sms_conversations')

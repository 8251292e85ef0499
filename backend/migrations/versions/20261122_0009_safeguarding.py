"""safeguarding records: conversations given safety advice, joined to their report's case or
turned into an urgent incomplete-report case when abandoned

Revision ID: 0009_safeguarding
Revises: 0008_report_fields
Create Date: 2026-11-23 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0009_safeguarding"
down_revision = "0008_report_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safeguarding_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("route", sa.String(length=24), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("words", sa.JSON(), nullable=True),
        sa.Column("contact", sa.JSON(), nullable=True),
        sa.Column("message_count", sa.Integer(), nullable=False),
        sa.Column("words_on_case", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("linked_case_id", sa.Integer(), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("converted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_safeguarding_records_case_id_cases"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["linked_case_id"],
            ["cases.id"],
            name=op.f("fk_safeguarding_records_linked_case_id_cases"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_records")),
        sa.UniqueConstraint("record_id", name=op.f("uq_safeguarding_records_record_id")),
    )
    op.create_index(op.f("ix_safeguarding_records_case_id"), "safeguarding_records", ["case_id"])
    op.create_index(
        "ix_safeguarding_records_state_activity",
        "safeguarding_records",
        ["state", "last_activity_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_safeguarding_records_state_activity", table_name="safeguarding_records")
    op.drop_index(op.f("ix_safeguarding_records_case_id"), table_name="safeguarding_records")
    op.drop_table("safeguarding_records")

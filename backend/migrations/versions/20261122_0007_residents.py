"""residents: failed identity checks (rate limit) and one-time verification codes

Revision ID: 0007_residents
Revises: 0006_dashboard_indexes
Create Date: 2026-11-22 17:00:00

"""

import sqlalchemy as sa
from alembic import op


revision = "0007_residents"
down_revision = "0006_dashboard_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resident_check_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_resident_check_attempts_reference_at",
        "resident_check_attempts",
        ["reference", "at"],
    )
    op.create_table(
        "resident_verification_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_resident_verification_codes_case_id"),
        "resident_verification_codes",
        ["case_id"],
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_resident_verification_codes_case_id"), table_name="resident_verification_codes"
    )
    op.drop_table("resident_verification_codes")
    op.drop_index("ix_resident_check_attempts_reference_at", table_name="resident_check_attempts")
    op.drop_table("resident_check_attempts")

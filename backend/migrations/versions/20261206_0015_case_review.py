"""case review: ASB Case Review applications (backend/case_review/)

Revision ID: 20261206_0015_case_review
Revises: 0014_instances
Create Date: 2026-12-06 05:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "20261206_0015_case_review"
down_revision = "0014_instances"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_review_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("verified_by", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counted", sa.JSON(), nullable=False),
        sa.Column("threshold_met", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decision_due", sa.Date(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=8), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_review_applications_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_review_applications")),
    )
    op.create_index(
        "ix_case_review_applications_status_due",
        "case_review_applications",
        ["status", "decision_due"],
    )
    op.create_index("ix_case_review_applications_case_id", "case_review_applications", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_case_review_applications_case_id", table_name="case_review_applications")
    op.drop_index("ix_case_review_applications_status_due", table_name="case_review_applications")
    op.drop_table("case_review_applications")

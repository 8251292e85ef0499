"""held reports: reports the report contract refused, kept for staff (held_reports and their
audit trail held_report_events); alerts may be about a held report instead of a case

Revision ID: 0009_held_reports
Revises: 0008_report_fields
Create Date: 2026-11-22 19:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0009_held_reports"
down_revision = "0008_report_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "held_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.String(length=128), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("refusal", sa.JSON(), nullable=False),
        sa.Column("open_fields", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retries", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("resolution", sa.String(length=32), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=120), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_held_reports_case_id_cases", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_held_reports"),
        sa.UniqueConstraint("report_id", name="uq_held_reports_report_id"),
    )
    op.create_index("ix_held_reports_status", "held_reports", ["status"], unique=False)
    op.create_index("ix_held_reports_case_id", "held_reports", ["case_id"], unique=False)

    op.create_table(
        "held_report_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_report_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["held_report_id"],
            ["held_reports.id"],
            name="fk_held_report_events_held_report_id_held_reports",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_held_report_events"),
    )
    op.create_index(
        "ix_held_report_events_held_report_id",
        "held_report_events",
        ["held_report_id"],
        unique=False,
    )

    # An alert is about a case or (new) a held report: case_id may be empty, never both.
    with op.batch_alter_table("alerts") as batch:
        batch.alter_column("case_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("held_report_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_alerts_held_report_id_held_reports",
            "held_reports",
            ["held_report_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_unique_constraint(
            "uq_alerts_held_report_reason", ["held_report_id", "reason"]
        )
        batch.create_check_constraint(
            op.f("ck_alerts_subject"), "case_id IS NOT NULL OR held_report_id IS NOT NULL"
        )
        batch.create_index("ix_alerts_held_report_id", ["held_report_id"], unique=False)


def downgrade() -> None:
    # Alerts about held reports have no case: they go with the held reports.
    op.execute("DELETE FROM alerts WHERE case_id IS NULL")
    with op.batch_alter_table("alerts") as batch:
        batch.drop_index("ix_alerts_held_report_id")
        batch.drop_constraint(op.f("ck_alerts_subject"), type_="check")
        batch.drop_constraint("uq_alerts_held_report_reason", type_="unique")
        batch.drop_constraint("fk_alerts_held_report_id_held_reports", type_="foreignkey")
        batch.drop_column("held_report_id")
        batch.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
    op.drop_index("ix_held_report_events_held_report_id", table_name="held_report_events")
    op.drop_table("held_report_events")
    op.drop_index("ix_held_reports_case_id", table_name="held_reports")
    op.drop_index("ix_held_reports_status", table_name="held_reports")
    op.drop_table("held_reports")

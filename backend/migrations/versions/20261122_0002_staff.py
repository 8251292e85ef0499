"""staff side: case work columns, location key, alerts and staff_audit tables

Revision ID: 0002_staff
Revises: 0001
Create Date: 2026-11-22 16:00:00

"""

import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0002_staff"
down_revision = "0001"
branch_labels = None
depends_on = None


def _location_key(text):
    """Frozen copy of backend.intake.service.location_key (migrations must not import app code)."""
    if not text:
        return None
    key = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return key[:300] or None


def upgrade() -> None:
    op.add_column("cases", sa.Column("location_key", sa.String(length=300), nullable=True))
    op.add_column("cases", sa.Column("promised_date", sa.Date(), nullable=True))
    op.add_column("cases", sa.Column("action_plan", sa.JSON(), nullable=True))
    op.add_column("cases", sa.Column("ram_confirmed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("cases", sa.Column("ram_confirmed_by", sa.String(length=120), nullable=True))
    op.create_index("ix_cases_location_key", "cases", ["location_key"], unique=False)
    op.create_index("ix_cases_received_at", "cases", ["received_at"], unique=False)

    cases = sa.table(
        "cases", sa.column("id", sa.Integer), sa.column("location", sa.Text),
        sa.column("location_key", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(cases.c.id, cases.c.location)).fetchall()
    for case_id, location in rows:
        key = _location_key(location)
        if key:
            connection.execute(
                cases.update().where(cases.c.id == case_id).values(location_key=key)
            )

    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_alerts_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("case_id", "reason", name="uq_alerts_case_reason"),
    )
    op.create_index("ix_alerts_case_id", "alerts", ["case_id"], unique=False)

    op.create_table(
        "staff_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_staff_audit"),
    )
    op.create_index("ix_staff_audit_username", "staff_audit", ["username"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_staff_audit_username", table_name="staff_audit")
    op.drop_table("staff_audit")
    op.drop_index("ix_alerts_case_id", table_name="alerts")
    op.drop_table("alerts")
    op.drop_index("ix_cases_received_at", table_name="cases")
    op.drop_index("ix_cases_location_key", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("ram_confirmed_by")
        batch.drop_column("ram_confirmed_at")
        batch.drop_column("action_plan")
        batch.drop_column("promised_date")
        batch.drop_column("location_key")

"""case PIN: the keyed hash of the PIN given with each new case's reference, a third way for a
returning resident to prove a case is theirs (backend/residents/pins.py)

Revision ID: 0009_case_pin
Revises: 0008_report_fields
Create Date: 2026-11-23 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0009_case_pin"
down_revision = "0008_report_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resident_case_pins",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("pin_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id"),
    )


def downgrade() -> None:
    op.drop_table("resident_case_pins")

"""staff login throttling: failed logins per account and per client address, with their locks

Revision ID: 0011_login_throttle
Revises: 0010_merge_promises
Create Date: 2026-12-05 23:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0011_login_throttle"
down_revision = "0010_merge_promises"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_login_throttles",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locks", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_staff_login_throttles"),
    )
    op.create_index("ix_staff_login_throttles_updated_at", "staff_login_throttles", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_staff_login_throttles_updated_at", table_name="staff_login_throttles")
    op.drop_table("staff_login_throttles")

"""Merge the staff-side and two-way SMS branches.

Revision ID: 0004_merge
Revises: 0002_staff, 0003_sms
"""

revision = "0004_merge"
down_revision = ("0002_staff", "0003_sms")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""Merge the branches of issue 13 (safe with residents' words): login throttling and retention.

Revision ID: 0012_merge_hardening
Revises: 0011_login_throttle, 0011_retention
"""

revision = "0012_merge_hardening"
down_revision = ("0011_login_throttle", "0011_retention")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""Merge the branches of issue 17 (partners and casework): partner keys and Open311, every
deadline, and the ASB Case Review.

Revision ID: 0016_merge_partners
Revises: 20261206_0015_case_review, 20261206_0015_deadlines, 20261206_0015_partners
"""

revision = "0016_merge_partners"
down_revision = (
    "20261206_0015_case_review",
    "20261206_0015_deadlines",
    "20261206_0015_partners",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""Merge the branches of issue 12 (promises kept): held reports, safeguarding records, case PINs,
the email outbox and the report fields a case officer needs.

Revision ID: 0010_merge_promises
Revises: 0009_held_reports, 0009_safeguarding, 0009_case_pin, 0009_email_outbox,
0009_case_fields
"""

revision = "0010_merge_promises"
down_revision = (
    "0009_held_reports",
    "0009_safeguarding",
    "0009_case_pin",
    "0009_email_outbox",
    "0009_case_fields",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

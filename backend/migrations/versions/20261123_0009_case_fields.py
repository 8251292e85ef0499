"""case fields: when the problem started, a visit or a call offered, and the resident's
communication needs (their own column: they can reveal a disability, so they stay out of
`details`, which the staff API returns whole)

The police reference, the resident's address line and the answer to the court notice for
evidence are kept in `cases.details` (police_reference, reporter_address, evidence_consent).

Revision ID: 0009_case_fields
Revises: 0008_report_fields
Create Date: 2026-11-23 12:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0009_case_fields"
down_revision = "0008_report_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: existing cases simply have no answers (ALTER TABLE on both databases).
    op.add_column("cases", sa.Column("started_when", sa.Text(), nullable=True))
    op.add_column("cases", sa.Column("visit_or_call", sa.String(length=8), nullable=True))
    op.add_column("cases", sa.Column("communication_needs", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("communication_needs")
        batch.drop_column("visit_or_call")
        batch.drop_column("started_when")

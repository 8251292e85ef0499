"""report fields: the resident's email, preferred contact, best time, consent to share with
agencies, and equality monitoring answers (special-category data, its own column)

Revision ID: 0008_report_fields
Revises: 0007_residents
Create Date: 2026-11-22 18:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0008_report_fields"
down_revision = "0007_residents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: existing cases simply have no answers (ALTER TABLE on both databases).
    op.add_column("cases", sa.Column("reporter_email", sa.String(length=254), nullable=True))
    op.add_column("cases", sa.Column("preferred_contact", sa.String(length=8), nullable=True))
    op.add_column("cases", sa.Column("best_time", sa.String(length=200), nullable=True))
    op.add_column("cases", sa.Column("consent_to_share", sa.Boolean(), nullable=True))
    op.add_column("cases", sa.Column("equality", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("equality")
        batch.drop_column("consent_to_share")
        batch.drop_column("best_time")
        batch.drop_column("preferred_contact")
        batch.drop_column("reporter_email")

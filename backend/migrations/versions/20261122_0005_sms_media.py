"""sms: keep the media URLs of inbound texts (photos become evidence on the report's case)

Revision ID: 0005_sms_media
Revises: 0004_merge
Create Date: 2026-11-22 16:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0005_sms_media"
down_revision = "0004_merge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sms_inbound", schema=None) as batch_op:
        batch_op.add_column(sa.Column("media_urls", sa.JSON(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_sms_inbound_from_number_received_at"),
            ["from_number", "received_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("sms_inbound", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sms_inbound_from_number_received_at"))
        batch_op.drop_column("media_urls")

"""email outbox: the outbox carries emails to residents as well as texts (a channel column, the
address, subject and Message-ID of an email; texts keep their number, emails have none)

Revision ID: 0009_email_outbox
Revises: 0008_report_fields
Create Date: 2026-11-23 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0009_email_outbox"
down_revision = "0008_report_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every existing row is a text: the server default fills the new column.
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(length=8), server_default="sms", nullable=False)
        )
        batch_op.add_column(sa.Column("to_email", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("subject", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("email_message_id", sa.String(length=255), nullable=True))
        batch_op.alter_column("to_number", existing_type=sa.String(length=20), nullable=True)
        batch_op.create_unique_constraint(
            batch_op.f("uq_outbox_messages_email_message_id"), ["email_message_id"]
        )


def downgrade() -> None:
    # Emails cannot be kept in a table of texts only.
    op.execute("DELETE FROM outbox_messages WHERE channel = 'email'")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_outbox_messages_email_message_id"), type_="unique")
        batch_op.alter_column("to_number", existing_type=sa.String(length=20), nullable=False)
        batch_op.drop_column("email_message_id")
        batch_op.drop_column("subject")
        batch_op.drop_column("to_email")
        batch_op.drop_column("channel")

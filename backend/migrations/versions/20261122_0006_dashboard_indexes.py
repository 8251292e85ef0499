"""Indexes for the dashboard and the queue with 100,000 cases (bench/staff_pages.py)

Partial indexes on open cases (open over 12 weeks, overdue promised dates), the first
acknowledgement per case, and survey answers by date.

Revision ID: 0006_dashboard_indexes
Revises: 0005_sms_media
Create Date: 2026-11-22 16:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0006_dashboard_indexes"
down_revision = "0005_sms_media"
branch_labels = None
depends_on = None

OPEN = sa.text("status != 'closed'")
ACK = sa.text("kind = 'ack'")


def upgrade() -> None:
    op.create_index(
        "ix_cases_open_received_at",
        "cases",
        ["received_at"],
        postgresql_where=OPEN,
        sqlite_where=OPEN,
    )
    op.create_index(
        "ix_cases_open_promised_date",
        "cases",
        ["promised_date"],
        postgresql_where=OPEN,
        sqlite_where=OPEN,
    )
    op.create_index(
        "ix_outbox_ack_case_sent",
        "outbox_messages",
        ["case_id", "sent_at"],
        postgresql_where=ACK,
        sqlite_where=ACK,
    )
    op.create_index("ix_survey_responses_answered_at", "survey_responses", ["answered_at"])


def downgrade() -> None:
    op.drop_index("ix_survey_responses_answered_at", table_name="survey_responses")
    op.drop_index("ix_outbox_ack_case_sent", table_name="outbox_messages")
    op.drop_index("ix_cases_open_promised_date", table_name="cases")
    op.drop_index("ix_cases_open_received_at", table_name="cases")

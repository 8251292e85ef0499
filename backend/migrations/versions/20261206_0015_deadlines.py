"""deadlines: initial contact, RAM and action plan due dates and when met, the drafted action
plan, and the postcode district and estate of a case (backend/deadlines, issue 17)

Revision ID: 20261206_0015_deadlines
Revises: 0014_instances
Create Date: 2026-12-06 05:10:00

Cases opened before this migration have no due dates (shown as "not tracked"); their postcode
district is filled in here from the postcode the resident gave (details.reporter_postcode).
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "20261206_0015_deadlines"
down_revision = "0014_instances"
branch_labels = None
depends_on = None

_DISTRICT = re.compile(r"^\s*([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\s*[0-9][A-Za-z]{2}\s*$")


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("initial_contact_due", sa.Date(), nullable=True))
        batch.add_column(sa.Column("initial_contact_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("ram_due", sa.Date(), nullable=True))
        batch.add_column(sa.Column("ram_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("action_plan_due", sa.Date(), nullable=True))
        batch.add_column(sa.Column("action_plan_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("action_plan_draft", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("postcode_district", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("estate", sa.String(length=120), nullable=True))
        batch.create_index("ix_cases_postcode_district", ["postcode_district"])
        batch.create_index("ix_cases_estate", ["estate"])
    _fill_postcode_districts()


def _fill_postcode_districts() -> None:
    """The district of each existing case's reporter postcode (where one was given)."""
    connection = op.get_bind()
    cases = sa.table(
        "cases", sa.column("id", sa.Integer), sa.column("details", sa.JSON),
        sa.column("postcode_district", sa.String),
    )  # fmt: skip
    for case_id, details in connection.execute(sa.select(cases.c.id, cases.c.details)):
        postcode = (details or {}).get("reporter_postcode") if isinstance(details, dict) else None
        match = _DISTRICT.match(postcode) if isinstance(postcode, str) else None
        if match:
            connection.execute(
                cases.update()
                .where(cases.c.id == case_id)
                .values(postcode_district=match.group(1).upper())
            )


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_estate")
        batch.drop_index("ix_cases_postcode_district")
        for name in (
            "estate",
            "postcode_district",
            "action_plan_draft",
            "action_plan_at",
            "action_plan_due",
            "ram_at",
            "ram_due",
            "initial_contact_at",
            "initial_contact_due",
        ):
            batch.drop_column(name)

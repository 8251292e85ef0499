"""instances: worker heartbeats, and which SMS worker holds an outbox claim

Revision ID: 0014_instances
Revises: 0013_evidence
Create Date: 2026-12-06 02:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0014_instances"
down_revision = "0013_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "worker_heartbeats",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("instance", sa.String(length=128), nullable=False),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "instance", name=op.f("pk_worker_heartbeats")),
    )
    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(length=128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_column("claimed_by")
    op.drop_table("worker_heartbeats")

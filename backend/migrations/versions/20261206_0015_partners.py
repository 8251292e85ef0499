"""partners: partner API keys (hashes only) and the audit of every partner API call

Revision ID: 20261206_0015_partners
Revises: 0014_instances
Create Date: 2026-12-06 05:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "20261206_0015_partners"
down_revision = "0014_instances"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("key_prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(length=120), nullable=True),
        sa.Column("revoked_reason", sa.String(length=16), nullable=True),
        sa.Column("rotated_from_id", sa.Integer(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["rotated_from_id"],
            ["partner_keys.id"],
            name="fk_partner_keys_rotated_from_id_partner_keys",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_partner_keys"),
        sa.UniqueConstraint("key_hash", name="uq_partner_keys_key_hash"),
    )
    op.create_index("ix_partner_keys_partner", "partner_keys", ["partner"])
    op.create_table(
        "partner_api_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=True),
        sa.Column("partner", sa.String(length=120), nullable=True),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("endpoint", sa.String(length=200), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("case_reference", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["key_id"],
            ["partner_keys.id"],
            name="fk_partner_api_calls_key_id_partner_keys",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_partner_api_calls"),
    )
    op.create_index("ix_partner_api_calls_key_id", "partner_api_calls", ["key_id"])
    op.create_index("ix_partner_api_calls_at", "partner_api_calls", ["at"])


def downgrade() -> None:
    op.drop_index("ix_partner_api_calls_at", table_name="partner_api_calls")
    op.drop_index("ix_partner_api_calls_key_id", table_name="partner_api_calls")
    op.drop_table("partner_api_calls")
    op.drop_index("ix_partner_keys_partner", table_name="partner_keys")
    op.drop_table("partner_keys")

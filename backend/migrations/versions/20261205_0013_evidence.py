"""evidence: residents' uploaded files and the one-time upload links texted to them

Revision ID: 0013_evidence
Revises: 0012_merge_hardening
Create Date: 2026-12-05 23:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0013_evidence"
down_revision = "0012_merge_hardening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("session_key", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("content_type", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("stored_name", sa.String(length=80), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attached_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name="fk_evidence_files_case_id_cases",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_files"),
        sa.UniqueConstraint("stored_name", name="uq_evidence_files_stored_name"),
    )
    op.create_index("ix_evidence_files_case_id", "evidence_files", ["case_id"])
    op.create_index("ix_evidence_files_session_key", "evidence_files", ["session_key"])
    op.create_table(
        "evidence_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("files_left", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name="fk_evidence_links_case_id_cases",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_links"),
        sa.UniqueConstraint("token_hash", name="uq_evidence_links_token_hash"),
    )
    op.create_index("ix_evidence_links_case_id", "evidence_links", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_evidence_links_case_id", table_name="evidence_links")
    op.drop_table("evidence_links")
    op.drop_index("ix_evidence_files_session_key", table_name="evidence_files")
    op.drop_index("ix_evidence_files_case_id", table_name="evidence_files")
    op.drop_table("evidence_files")

"""Case tables: the case itself and its timeline of events."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import relationship

from backend.db import Base, UTCDateTime, utcnow
from core.codes import (  # noqa: F401 - re-exported
    CATEGORIES,
    COMMUNICATION_NEEDS,
    EVIDENCE_CONSENT,
    FREQUENCIES,
    ROUTES,
    VISIT_OR_CALL,
)

TEAMS = ("TEM", "CHM", "LPC")
STATUSES = ("new", "triaged", "in_progress", "awaiting_resident", "closed")
RISK_BANDS = ("LOW", "MEDIUM", "HIGH")
CHANNELS = ("web", "sms", "rest", "staff")
PREFERRED_CONTACTS = ("text", "call", "email")
# What the resident says they can show us (details["evidence_held"] on the case).
EVIDENCE_CODES = ("photos", "video", "audio", "diary", "other", "none")
# Equality monitoring (docs/domain.md section 8): special-category personal data, "prefer not to
# say" always allowed. Kept in Case.equality only: never logged, exported or in the staff API.
EQUALITY_CODES: dict[str, tuple[str, ...]] = {
    "age_band": (
        "under_18",
        "18_24",
        "25_34",
        "35_44",
        "45_54",
        "55_64",
        "65_74",
        "75_plus",
        "prefer_not_to_say",
    ),
    "ethnicity": ("white", "mixed", "asian", "black", "arab", "other", "prefer_not_to_say"),
    "disability": ("yes", "no", "prefer_not_to_say"),
}
# How staff pages name the codes above.
PREFERRED_CONTACT_LABELS = {"text": "Text message", "call": "Phone call", "email": "Email"}
EVIDENCE_LABELS = {
    "photos": "Photos",
    "video": "Video",
    "audio": "Audio recordings",
    "diary": "Diary or incident log",
    "other": "Something else",
    "none": "None",
}
VISIT_OR_CALL_LABELS = {
    "visit": "Would like a visit",
    "call": "Would like a phone call",
    "neither": "Neither a visit nor a call",
}
# Communication needs (Case.communication_needs): they can reveal a disability or where someone
# is from, so they are shown on the case page only (never in the API, exports, queue or logs).
COMMUNICATION_NEED_LABELS = {
    "interpreter": "Interpreter",
    "bsl": "British Sign Language (BSL) interpreter",
    "large_print": "Large print",
    "easy_read": "Easy read",
    "call_not_text": "Phone calls, not texts",
    "advocate": "Someone to speak for them",
    "other": "Something else",
    "none": "None",
    "prefer_not_to_say": "Prefer not to say",
}
EVIDENCE_CONSENT_LABELS = {
    "agreed": "Agreed that their evidence may be used, including in court",
    "objected": "Objects to their evidence being used in court: talk to them before using it",
}
EQUALITY_QUESTIONS = {"age_band": "Age band", "ethnicity": "Ethnicity", "disability": "Disability"}
EQUALITY_LABELS: dict[str, dict[str, str]] = {
    "age_band": {
        "under_18": "Under 18",
        "18_24": "18 to 24",
        "25_34": "25 to 34",
        "35_44": "35 to 44",
        "45_54": "45 to 54",
        "55_64": "55 to 64",
        "65_74": "65 to 74",
        "75_plus": "75 or over",
        "prefer_not_to_say": "Prefer not to say",
    },
    "ethnicity": {
        "white": "White",
        "mixed": "Mixed or multiple ethnic groups",
        "asian": "Asian or Asian British",
        "black": "Black, Black British, Caribbean or African",
        "arab": "Arab",
        "other": "Another ethnic group",
        "prefer_not_to_say": "Prefer not to say",
    },
    "disability": {"yes": "Yes", "no": "No", "prefer_not_to_say": "Prefer not to say"},
}


class Case(Base):
    """One resident's report and everything staff do with it."""

    __tablename__ = "cases"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, index=True)
    report_id = Column(String(64), nullable=False, unique=True)  # idempotency key from the bot
    channel = Column(String(16), nullable=False)
    language = Column(String(8), nullable=False, default="en")
    status = Column(String(24), nullable=False, default="new", index=True)
    route = Column(String(24), nullable=False, default="asb")
    category = Column(String(24), index=True)
    is_asb = Column(Boolean, nullable=False, default=True)  # False: good-neighbour matter
    owner_team = Column(String(8), nullable=False, index=True)
    assigned_to = Column(String(120))

    # What the resident told us, in their words.
    description = Column(Text, nullable=False)
    location = Column(Text)
    # The location lower-cased with punctuation squeezed to single spaces: finds possible
    # duplicates and postcode searches (set by backend.intake.service.location_key).
    location_key = Column(String(300), index=True)
    happened_when = Column(Text)  # when it last happened (or started, for older cases)
    happening_now = Column(Boolean)
    frequency = Column(String(16))
    # Migration 0009_case_fields: when it started, in their words (happened_when: the last time).
    started_when = Column(Text)

    # Reporter contact (personal data: never logged).
    reporter_name = Column(String(200))
    reporter_phone = Column(String(20), index=True)  # E.164
    safe_to_text = Column(Boolean)
    consent_to_contact = Column(Boolean, nullable=False, default=False)
    anonymous = Column(Boolean, nullable=False, default=False)
    # Migration 0008_report_fields.
    reporter_email = Column(String(254))
    preferred_contact = Column(String(8))  # text | call | email
    best_time = Column(String(200))  # when to contact them, in their words
    # Consent to share with other agencies (docs/domain.md section 6); None: not asked.
    consent_to_share = Column(Boolean)
    # Equality monitoring answers {"age_band", "ethnicity", "disability"} or None: special
    # category data, shown to managers only, never logged, exported, queued or in the API.
    equality = Column(JSON)
    # Migration 0009_case_fields. A visit or a call offered: visit | call | neither | None.
    visit_or_call = Column(String(8))
    # Communication needs {"needs": [codes], "language", "other"} or None (not asked): shown on
    # the case page to staff who contact them; never logged, exported, queued or in the API.
    communication_needs = Column(JSON)

    # Flags that change routing and urgency.
    urgent = Column(Boolean, nullable=False, default=False)
    domestic_abuse = Column(Boolean, nullable=False, default=False)
    hate = Column(Boolean, nullable=False, default=False)
    safeguarding = Column(Boolean, nullable=False, default=False)
    vulnerable = Column(Boolean, nullable=False, default=False)

    # Provisional risk (Risk Assessment Matrix) and time limits.
    ram_answers = Column(JSON, nullable=False, default=dict)
    risk_score = Column(Integer, nullable=False, default=0)
    risk_band = Column(String(8), nullable=False, default="LOW")
    triage_priority_days = Column(Integer, nullable=False)
    received_at = Column(UTCDateTime, nullable=False)
    queue_date = Column(Date, nullable=False, index=True)  # the working day it is triaged on
    triage_due = Column(Date, nullable=False, index=True)
    triaged_at = Column(UTCDateTime)
    closed_at = Column(UTCDateTime)
    closure_reason = Column(Text)
    # Case work (migration 0002_staff).
    promised_date = Column(Date)  # the date we told the resident to expect the next step by
    action_plan = Column(JSON)  # {"resident": [...], "landlord": [...], "review_by": "...", ...}
    ram_confirmed_at = Column(UTCDateTime)  # when an officer confirmed the RAM answers
    ram_confirmed_by = Column(String(120))

    # Migration 20261206_0015_deadlines (backend/deadlines): the landlord's own limits on
    # initial contact, the RAM review and the written action plan (due date; when first met),
    # the plan drafted when the case opened, and where it is in coarse terms (hotspots, CSV).
    initial_contact_due = Column(Date)
    initial_contact_at = Column(UTCDateTime)
    ram_due = Column(Date)
    ram_at = Column(UTCDateTime)
    action_plan_due = Column(Date)
    action_plan_at = Column(UTCDateTime)
    action_plan_draft = Column(JSON)  # {"resident": [...], "landlord": [...], "category", ...}
    postcode_district = Column(String(8), index=True)  # "ZZ99": never the full postcode
    estate = Column(String(120), index=True)

    details = Column(JSON, nullable=False, default=dict)  # anything else the assistant collected
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)

    events = relationship(
        "CaseEvent", back_populates="case", order_by="CaseEvent.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_cases_status_due", "status", "triage_due"),
        Index("ix_cases_received_at", "received_at"),
        # Dashboard with many cases (migration 0006): open cases by age and promised date.
        Index(
            "ix_cases_open_received_at",
            "received_at",
            postgresql_where=text("status != 'closed'"),
            sqlite_where=text("status != 'closed'"),
        ),
        Index(
            "ix_cases_open_promised_date",
            "promised_date",
            postgresql_where=text("status != 'closed'"),
            sqlite_where=text("status != 'closed'"),
        ),
    )


class CaseEvent(Base):
    """The case timeline and audit trail: who did what, when, and what changed."""

    __tablename__ = "case_events"

    id = Column(Integer, primary_key=True)
    case_id = Column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    at = Column(UTCDateTime, nullable=False, default=utcnow)
    actor = Column(String(120), nullable=False)  # "assistant", "system", or a staff username
    kind = Column(String(32), nullable=False)  # created, note, status, sms, incident, triage...
    summary = Column(Text, nullable=False, default="")
    data = Column(JSON, nullable=False, default=dict)

    case = relationship("Case", back_populates="events")

"""Import every model so `Base.metadata` (and Alembic) sees all tables."""

from backend.alerts.models import Alert  # noqa: F401
from backend.cases.models import Case, CaseEvent  # noqa: F401
from backend.db import Base  # noqa: F401
from backend.residents.models import ResidentCheckAttempt, VerificationCode  # noqa: F401
from backend.sms_outbound.models import (  # noqa: F401
    OutboxMessage,
    SmsConversation,
    SmsInbound,
    SmsOptOut,
    SurveyResponse,
)
from backend.staff.models import StaffAudit, StaffSession, StaffUser  # noqa: F401

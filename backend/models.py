"""Import every model so `Base.metadata` (and Alembic) sees all tables."""

from backend.alerts.models import Alert  # noqa: F401
from backend.case_review.models import CaseReviewApplication  # noqa: F401
from backend.cases.models import Case, CaseEvent  # noqa: F401
from backend.db import Base  # noqa: F401
from backend.evidence.models import EvidenceFile, EvidenceLink  # noqa: F401
from backend.health.models import WorkerHeartbeat  # noqa: F401
from backend.held_reports.models import HeldReport, HeldReportEvent  # noqa: F401
from backend.partners.models import PartnerApiCall, PartnerKey  # noqa: F401
from backend.residents.models import CasePin, ResidentCheckAttempt, VerificationCode  # noqa: F401
from backend.retention.models import DataRequest, RetentionRun  # noqa: F401
from backend.safeguarding.models import SafeguardingRecord  # noqa: F401
from backend.sms_inbound.models import SmsConversation, SmsInbound, SurveyResponse  # noqa: F401
from backend.sms_outbound.models import OutboxMessage  # noqa: F401
from backend.sms_outbound.opt_outs import SmsOptOut  # noqa: F401
from backend.staff.models import LoginThrottle, StaffAudit, StaffSession, StaffUser  # noqa: F401
from backend.webhooks.models import (  # noqa: F401
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)

"""Import every model so `Base.metadata` (and Alembic) sees all tables."""

from backend.cases.models import Case, CaseEvent  # noqa: F401
from backend.db import Base  # noqa: F401
from backend.notifications.models import OutboxMessage  # noqa: F401
from backend.staff.models import StaffSession, StaffUser  # noqa: F401

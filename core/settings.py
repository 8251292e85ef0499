"""All configuration, read from the environment once (secrets never come from files in git)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _env_int(name: str, default: int) -> int:
    raw = _env(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


def _env_positive_float(name: str, default: float) -> float:
    """A number above zero (fractions allowed, e.g. 0.25), or `default` when unset."""
    raw = _env(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc
    if not value > 0 or value == float("inf"):
        raise ValueError(f"{name} must be a number above 0, got {raw!r}")
    return value


def _env_days(name: str, default: int) -> int:
    """A retention period: a whole number of at least 1, or `default` when unset."""
    value = _env_int(name, default)
    if value < 1:
        raise ValueError(f"{name} must be 1 or more, got {value}")
    return value


def _env_count(name: str, default: int) -> int:
    """A whole number of at least 0, or `default` when unset."""
    value = _env_int(name, default)
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, got {value}")
    return value


def _env_time(name: str, default: str) -> time:
    raw = _env(name, default)
    try:
        hours, minutes = raw.split(":")
        return time(int(hours), int(minutes))
    except ValueError as exc:
        raise ValueError(f"{name} must look like HH:MM, got {raw!r}") from exc


def _url_list(name: str, suffix: str = "") -> tuple[str, ...]:
    """Comma-separated base URLs, without a trailing slash (or `suffix`)."""
    urls = []
    for url in _env(name).split(","):
        url = url.strip().rstrip("/")
        if suffix and url.endswith(suffix):
            url = url[: -len(suffix)]
        if url:
            urls.append(url)
    return tuple(urls)


def _tracker_store_url(var_dir: Path) -> str:
    """Where Rasa keeps conversations (see Settings.tracker_store_url)."""
    database_url = _env("DATABASE_URL")
    if _env("ASB_TRACKER_STORE_URL"):
        return _env("ASB_TRACKER_STORE_URL")
    if database_url.startswith("postgresql"):
        return database_url
    return "sqlite:///" + _env("ASB_TRACKER_DB", str(var_dir / "tracker.sqlite3"))


def _env_dates(name: str) -> tuple[date, ...]:
    """Comma-separated ISO dates, e.g. ASB_CLOSURE_DATES="2026-12-29,2026-12-30"."""
    days = []
    for part in _env(name).split(","):
        part = part.strip()
        if not part:
            continue
        try:
            days.append(date.fromisoformat(part))
        except ValueError as exc:
            raise ValueError(f"{name} must list dates like 2026-12-29, got {part!r}") from exc
    return tuple(sorted(set(days)))


def supported_schemes_from_env() -> tuple[str, ...]:
    """ASB_SUPPORTED_SCHEMES: comma-separated postcodes ("ZZ99 1AA"), postcode districts
    ("ZZ99") or address fragments ("Example Court") of supported housing schemes; a report
    whose address matches one goes to LPC (backend/cases/places.py). Empty entries are dropped."""
    return tuple(part.strip() for part in _env("ASB_SUPPORTED_SCHEMES").split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    """Every setting the processes share; build with `Settings.from_env()`."""

    var_dir: Path
    database_url: str
    # Network layout (all loopback by default).
    bind_host: str = "127.0.0.1"
    backend_port: int = 8080
    rasa_port: int = 5005
    actions_port: int = 5055
    twilio_standin_port: int = 8099
    backend_url: str = "http://127.0.0.1:8080"
    public_url: str = "http://127.0.0.1:8080"
    # Shared secrets (generated into var/secrets.env by `asb run` when not set).
    ingest_secret: str = ""
    api_token: str = ""
    # Twilio: real when the three TWILIO_* values are set, else the local stand-in.
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_from: str = ""
    twilio_api_base: str = ""
    # Landlord calendar and wording.
    nation: str = "ENG"
    timezone: str = "Europe/London"
    office_opens: time = time(8, 0)
    office_closes: time = time(18, 0)
    landlord_name: str = "your landlord"
    landlord_phone: str = "0300 000 0000"
    default_language: str = "en"
    # Extra days the office is closed (e.g. the Christmas shutdown), on top of bank holidays.
    closure_dates: tuple[date, ...] = ()
    # The duty officer's mobile: alerts about new emergency/domestic abuse and overdue cases.
    duty_officer_phone: str = ""
    # Supported housing schemes (ASB_SUPPORTED_SCHEMES): their cases go to LPC, not CHM.
    supported_schemes: tuple[str, ...] = ()
    # Routine texts wait outside "HH:MM-HH:MM" (landlord's time zone); urgent ones never do.
    # Empty turns quiet hours off (the default here, for tests); from_env defaults to 21:00-08:00.
    quiet_hours: str = ""
    # Most texts a second the SMS worker sends from our number (0: as fast as Twilio takes them).
    sms_rate_per_second: float = 0.0
    # How long the SMS worker waits before looking at the outbox again when nothing was due (a
    # queued text or email goes within this many seconds).
    outbox_poll_seconds: float = 1.0
    report_spool_path: Path = field(default_factory=lambda: PROJECT_ROOT / "var" / "spool.sqlite3")
    # A conversation that got safety advice (999, self-harm, domestic abuse) and then went quiet
    # for this long becomes an urgent incomplete-report case (backend/safeguarding/).
    abandoned_after_minutes: float = 10.0
    # How often the backend looks for such conversations (seconds).
    safeguarding_sweep_seconds: float = 30.0
    # Retention (backend/retention/, docs/retention.md). Conversations in the tracker store are
    # deleted this many days after their last event (ASB_RETENTION_CONVERSATION_DAYS).
    retention_conversation_days: int = 30
    # Closed cases are anonymised this many years after closure (ASB_RETENTION_CASE_YEARS).
    retention_case_years: int = 6
    # Texts and emails sent, and texts received: bodies and numbers cleared after this many days
    # (ASB_RETENTION_MESSAGE_DAYS).
    retention_message_days: int = 90
    # Safeguarding records and held reports already joined, filed or resolved: their words
    # cleared after this many days (ASB_RETENTION_SAFEGUARDING_DAYS).
    retention_safeguarding_days: int = 30
    # The daily scheduled run, local time "HH:MM" (ASB_RETENTION_RUN_AT); "off" (the default
    # here, for tests) never runs it; from_env defaults to 03:00.
    retention_run_at: str = "off"
    # Rasa's SQL tracker store as a SQLAlchemy URL: ASB_TRACKER_STORE_URL, else the backend's
    # database when DATABASE_URL is PostgreSQL (one database to run and back up), else the
    # SQLite file ASB_TRACKER_DB (var/tracker.sqlite3). `asb rasa-server` gives Rasa this URL.
    tracker_store_url: str = ""
    # Residents' evidence files (backend/evidence/): ASB_EVIDENCE_DIR, else var_dir/evidence.
    evidence_dir: Path | None = None
    # Largest photo or document, and largest video or sound recording, in bytes
    # (ASB_EVIDENCE_MAX_MB, ASB_EVIDENCE_MAX_VIDEO_MB).
    evidence_max_bytes: int = 20 * 1024 * 1024
    evidence_max_video_bytes: int = 100 * 1024 * 1024
    # Several instances (issue 14, docs/deploy.md). The Rasa servers the backend spreads chat
    # turns and SMS webhooks over (ASB_RASA_URLS, comma-separated base URLs; default the one on
    # rasa_port); Redis for Rasa's lock store and the web chat's shared memory (REDIS_URL; unset:
    # one process each, memory only); this process's name among its kind (ASB_INSTANCE: the
    # SMS worker's heartbeat, the supervisor's log names); several backends on one port
    # (ASB_BACKEND_REUSE_PORT=1: SO_REUSEPORT, the kernel spreads connections).
    rasa_urls: tuple[str, ...] = ()
    # Turns a Rasa server works on at once, the others waiting in arrival order
    # (ASB_RASA_TURNS_AT_ONCE; 0: no limit, Rasa's own way; ops/rasa_speedups/turns.py). Four
    # since a message's NLU runs beside the event loop (ops/rasa_speedups/nlu_thread.py): a turn
    # in the NLU no longer keeps the loop busy, and two places left it idle (docs/benchmarks.md,
    # issue 14, session 22).
    rasa_turns_at_once: int = 4
    # The action servers /healthz looks at (ASB_ACTION_SERVER_URLS, comma-separated base URLs;
    # default the one ASB_ACTION_SERVER_URL names, else the one on actions_port).
    action_server_urls: tuple[str, ...] = ()
    redis_url: str = ""
    instance: str = "1"
    backend_reuse_port: bool = False
    # The ASB Case Review (backend/case_review/, docs/domain.md section 9): this many reports
    # (ASB_CASE_REVIEW_REPORTS) in this many months (ASB_CASE_REVIEW_MONTHS), each made within
    # this many days of the incident it describes (ASB_CASE_REVIEW_REPORT_WITHIN_DAYS); the
    # decision is due this many working days after the application (ASB_CASE_REVIEW_DECISION_DAYS).
    case_review_reports: int = 3
    case_review_months: int = 6
    case_review_report_within_days: int = 31
    case_review_decision_days: int = 10

    @property
    def action_server_base_urls(self) -> tuple[str, ...]:
        return self.action_server_urls or (f"http://127.0.0.1:{self.actions_port}",)

    @property
    def rasa_base_urls(self) -> tuple[str, ...]:
        """The Rasa servers to talk to, in order of preference."""
        return self.rasa_urls or (f"http://127.0.0.1:{self.rasa_port}",)

    @property
    def evidence_path(self) -> Path:
        """Where evidence files are kept (0700 folder, 0600 files)."""
        return self.evidence_dir or self.var_dir / "evidence"

    @property
    def twilio_is_real(self) -> bool:
        return not self.twilio_api_base

    @classmethod
    def from_env(cls) -> Settings:
        var_dir = Path(_env("ASB_VAR_DIR", str(PROJECT_ROOT / "var"))).resolve()
        backend_port = _env_int("ASB_BACKEND_PORT", 8080)
        backend_url = _env("ASB_BACKEND_URL", f"http://127.0.0.1:{backend_port}")
        return cls(
            var_dir=var_dir,
            database_url=_env("DATABASE_URL", f"sqlite:///{var_dir / 'asb.sqlite3'}"),
            bind_host=_env("ASB_BIND_HOST", "127.0.0.1"),
            backend_port=backend_port,
            rasa_port=_env_int("ASB_RASA_PORT", 5005),
            actions_port=_env_int("ASB_ACTIONS_PORT", 5055),
            twilio_standin_port=_env_int("ASB_TWILIO_STANDIN_PORT", 8099),
            backend_url=backend_url.rstrip("/"),
            public_url=_env("ASB_PUBLIC_URL", backend_url).rstrip("/"),
            ingest_secret=_env("ASB_INGEST_SECRET"),
            api_token=_env("ASB_API_TOKEN"),
            twilio_account_sid=_env("TWILIO_ACCOUNT_SID"),
            twilio_auth_token=_env("TWILIO_AUTH_TOKEN"),
            twilio_from=_env("TWILIO_FROM"),
            twilio_api_base=_env("TWILIO_API_BASE").rstrip("/"),
            nation=_env("ASB_NATION", "ENG").upper(),
            timezone=_env("ASB_TIMEZONE", "Europe/London"),
            office_opens=_env_time("ASB_OFFICE_OPENS", "08:00"),
            office_closes=_env_time("ASB_OFFICE_CLOSES", "18:00"),
            landlord_name=_env("ASB_LANDLORD_NAME", "your landlord"),
            landlord_phone=_env("ASB_LANDLORD_PHONE", "0300 000 0000"),
            default_language=_env("ASB_DEFAULT_LANGUAGE", "en"),
            quiet_hours=_env("ASB_QUIET_HOURS", "21:00-08:00"),
            sms_rate_per_second=float(_env("ASB_SMS_RATE_PER_SECOND", "0") or 0),
            outbox_poll_seconds=_env_positive_float("ASB_OUTBOX_POLL_SECONDS", 1.0),
            closure_dates=_env_dates("ASB_CLOSURE_DATES"),
            duty_officer_phone=_env("ASB_DUTY_OFFICER_PHONE"),
            supported_schemes=supported_schemes_from_env(),
            report_spool_path=Path(
                _env("ASB_REPORT_SPOOL", str(var_dir / "report-spool.sqlite3"))
            ).resolve(),
            abandoned_after_minutes=_env_positive_float("ASB_ABANDONED_AFTER_MINUTES", 10.0),
            safeguarding_sweep_seconds=_env_positive_float("ASB_SAFEGUARDING_SWEEP_SECONDS", 30.0),
            retention_conversation_days=_env_days("ASB_RETENTION_CONVERSATION_DAYS", 30),
            retention_case_years=_env_days("ASB_RETENTION_CASE_YEARS", 6),
            retention_message_days=_env_days("ASB_RETENTION_MESSAGE_DAYS", 90),
            retention_safeguarding_days=_env_days("ASB_RETENTION_SAFEGUARDING_DAYS", 30),
            retention_run_at=_env("ASB_RETENTION_RUN_AT", "03:00").lower(),
            tracker_store_url=_tracker_store_url(var_dir),
            evidence_dir=Path(_env("ASB_EVIDENCE_DIR")).resolve()
            if _env("ASB_EVIDENCE_DIR")
            else None,
            evidence_max_bytes=_env_days("ASB_EVIDENCE_MAX_MB", 20) * 1024 * 1024,
            evidence_max_video_bytes=_env_days("ASB_EVIDENCE_MAX_VIDEO_MB", 100) * 1024 * 1024,
            rasa_urls=_url_list("ASB_RASA_URLS"),
            rasa_turns_at_once=_env_count("ASB_RASA_TURNS_AT_ONCE", 4),
            action_server_urls=_url_list("ASB_ACTION_SERVER_URLS")
            or _url_list("ASB_ACTION_SERVER_URL", suffix="/webhook"),
            redis_url=_env("REDIS_URL"),
            instance=_env("ASB_INSTANCE", "1") or "1",
            backend_reuse_port=_env("ASB_BACKEND_REUSE_PORT").lower() in ("1", "true", "yes"),
            case_review_reports=_env_days("ASB_CASE_REVIEW_REPORTS", 3),
            case_review_months=_env_days("ASB_CASE_REVIEW_MONTHS", 6),
            case_review_report_within_days=_env_days("ASB_CASE_REVIEW_REPORT_WITHIN_DAYS", 31),
            case_review_decision_days=_env_days("ASB_CASE_REVIEW_DECISION_DAYS", 10),
        )

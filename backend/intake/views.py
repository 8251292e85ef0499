"""POST /api/reports: the bot's report intake (a thin handler over backend.intake.service)."""

from __future__ import annotations

import logging

from aiohttp import web

from backend.alerts import service as alerts
from backend.alerts.email import email_in_background
from backend.appkeys import CALENDAR, SETTINGS
from backend.cases.serialize import report_receipt
from backend.intake.contract import MAX_REPORT_AGE, ReportValidationError, parse_report
from backend.intake.service import create_case_from_report
from backend.request_body import BodyError, read_json
from backend.request_helpers import ingest_refusal, json_error, now, run_db
from backend.residents.pins import issue_pin
from backend.sms_outbound.contact_route import acknowledgement_routes

log = logging.getLogger(__name__)

MAX_REPORT_BYTES = 64 * 1024


async def post_report(request: web.Request) -> web.Response:
    """POST /api/reports: 201 new case, 200 already received, 400 invalid, 401 bad secret."""
    settings = request.config_dict[SETTINGS]
    if (refusal := ingest_refusal(request)) is not None:
        return refusal
    try:
        data = await read_json(request, MAX_REPORT_BYTES, what="the report", object_required=False)
    except BodyError as exc:
        return json_error(exc.status, exc.message, fields={})

    moment = now(request)
    try:
        report = parse_report(data, now=moment, max_age=MAX_REPORT_AGE)
    except ReportValidationError as exc:
        log.info("report refused: invalid fields %s", ", ".join(sorted(exc.fields)))
        return json_error(400, "the report is not valid", fields=exc.fields)

    calendar = request.config_dict[CALENDAR]

    def create(session):
        case, created = create_case_from_report(
            session,
            report,
            calendar,
            moment,
            landlord_name=settings.landlord_name,
            landlord_phone=settings.landlord_phone,
            supported_schemes=settings.supported_schemes,
        )
        raised: list[dict] = []
        if created:  # a new emergency or domestic abuse report goes to the duty officer now
            raised = alerts.raise_alerts(
                session,
                calendar=calendar,
                now=moment,
                duty_phone=settings.duty_officer_phone,
                case_ids=[case.id],
            )
        receipt = report_receipt(case)
        receipt["acknowledgement"] = acknowledgement_routes(session, case)
        # The case PIN, answered once: a repeat of the same report (200) never shows it again.
        receipt["pin"] = (
            issue_pin(session, case, key=settings.ingest_secret, now=moment) if created else None
        )
        return receipt, created, raised

    receipt, created, raised = await run_db(request, create)
    email_in_background(request.app, raised)  # after the commit, never delaying the reply
    return web.json_response(receipt, status=201 if created else 200)


def setup_routes(app: web.Application) -> None:
    """Add the report intake to `app`."""
    app.router.add_post("/api/reports", post_report, name="api-reports")

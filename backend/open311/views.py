"""/open311/v2/: Open311 GeoReport v2 for partners, with FixMyStreet's servicerequestupdates.

Every call needs a partner key (`api_key` in the query or the form, as the spec says, or an
`X-Api-Key` header, which never reaches an access log): `read` for every GET, `create` for
POST requests. Every call is audited (backend/partners: partner, method, endpoint, status, the
case, when; never the body). Answers are XML or JSON by the URL's extension; errors are the
spec's list of {code, description} with 400, 403 or 404.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy
from sqlalchemy.orm import Session

from backend.alerts import service as alerts
from backend.alerts.email import email_in_background
from backend.appkeys import CALENDAR, OPENAPI, SETTINGS
from backend.cases.models import CaseEvent
from backend.intake.service import create_case_from_report
from backend.open311 import catalogue, queries
from backend.open311.formats import Open311Error, error_response, respond
from backend.open311.openapi_paths import document
from backend.open311.requests_in import build_report
from backend.partners import service as partners
from backend.partners.service import PartnerCaller
from backend.request_body import read_form
from backend.request_helpers import now, run_db
from core.logs import log_unexpected

log = logging.getLogger(__name__)

BASE = "/open311/v2"
FORMAT = "{fmt:(?:json|xml)}"
Answer = tuple[web.Response, str | None]  # the response and the case it was about
Handler = Callable[[web.Request, PartnerCaller, str, Any], Awaitable[Answer]]
_KEY_IN_QUERY = re.compile(r"(api_key=)[^&\s\"]*")


class HideApiKeys(logging.Filter):
    """aiohttp's access log writes each request line with its query string: a partner key sent
    as `?api_key=` (as the spec has it) is replaced by `[hidden]` before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "api_key=" in record.msg:
            record.msg = _KEY_IN_QUERY.sub(r"\1[hidden]", record.msg)
        if record.args and any("api_key=" in str(arg) for arg in record.args):
            record.args = tuple(_KEY_IN_QUERY.sub(r"\1[hidden]", str(arg)) for arg in record.args)
        return True


def hide_keys_in_access_log() -> None:
    """Add HideApiKeys to aiohttp's access logger once."""
    access = logging.getLogger("aiohttp.access")
    if not any(isinstance(existing, HideApiKeys) for existing in access.filters):
        access.addFilter(HideApiKeys())


def _landlord(request: web.Request) -> str:
    return request.config_dict[SETTINGS].landlord_name


async def _form(request: web.Request) -> MultiDictProxy[str] | None:
    if request.method != "POST":
        return None
    try:
        return await read_form(request)
    except web.HTTPRequestEntityTooLarge:
        raise Open311Error(413, "the request is too large") from None
    except web.HTTPBadRequest:
        raise Open311Error(
            400, "the form could not be read: send application/x-www-form-urlencoded"
        ) from None


def _presented_key(request: web.Request, form: MultiDictProxy[str] | None) -> str | None:
    return (
        request.headers.get("X-Api-Key")
        or (form.get("api_key") if form is not None else None)
        or request.query.get("api_key")
    )


async def _answer(
    request: web.Request, scope: str, handler: Handler
) -> tuple[Answer, PartnerCaller | None]:
    fmt = request.match_info.get("fmt", "xml")
    settings = request.config_dict[SETTINGS]
    moment = now(request)
    caller = None
    try:
        form = await _form(request)
        key = _presented_key(request, form)
        caller = await run_db(
            request,
            lambda session: partners.caller_for_key(
                session, key, secret=settings.ingest_secret, now=moment
            ),
        )
        if caller is None:
            raise Open311Error(403, "a valid api_key is required (a partner key that works)")
        if not caller.may(scope):
            raise Open311Error(403, f"this api_key may not {scope}: ask us for the {scope} scope")
        return await handler(request, caller, fmt, form), caller
    except Open311Error as exc:
        return (error_response(fmt, exc.status, exc.description), None), caller


def partner_call(scope: str, handler: Handler) -> Callable[[web.Request], Awaitable[web.Response]]:
    """`handler` behind the partner key check for `scope`, with the call audited."""

    async def endpoint(request: web.Request) -> web.Response:
        fmt = request.match_info.get("fmt", "xml")
        try:
            (response, reference), caller = await _answer(request, scope, handler)
        except Exception as exc:  # noqa: BLE001 - answered in the spec's format, audited
            log_unexpected(log, f"{request.method} {request.path}", exc)
            response, reference, caller = (
                error_response(fmt, 500, "general service error"),
                None,
                None,
            )
        moment = now(request)
        try:
            await run_db(
                request,
                lambda session: partners.record_call(
                    session,
                    caller=caller,
                    method=request.method,
                    endpoint=request.path,
                    status=response.status,
                    now=moment,
                    case_reference=reference,
                ),
            )
        except Exception as exc:  # noqa: BLE001 - the answer stands; the failure is logged
            log_unexpected(log, "recording a partner API call", exc)
        return response

    return endpoint


async def services_list(
    request: web.Request, caller: PartnerCaller, fmt: str, _form: Any
) -> Answer:
    """GET services.{fmt}."""
    return respond(fmt, "services", catalogue.service_list()), None


async def service_definition(
    request: web.Request, caller: PartnerCaller, fmt: str, _form: Any
) -> Answer:
    """GET services/{service_code}.{fmt}."""
    code = request.match_info["service_code"]
    try:
        definition = catalogue.service_definition(code)
    except KeyError:
        raise Open311Error(404, f"service_code {code} was not found") from None
    return respond(fmt, "service_definition", definition), None


def _service_notice(case: Any, landlord: str) -> str:
    due: date = case.triage_due
    days = case.triage_priority_days
    return (
        f"{landlord} will triage this report by {due.strftime('%A %d %B %Y')} "
        f"({days} working day{'s' if days != 1 else ''}). If anyone is in danger, call 999."
    )


async def create_request(
    request: web.Request, caller: PartnerCaller, fmt: str, form: Any
) -> Answer:
    """POST requests.{fmt}: a case through the assistant's intake."""
    settings = request.config_dict[SETTINGS]
    calendar = request.config_dict[CALENDAR]
    moment = now(request)
    report = build_report(form, caller, moment)

    def create(session: Session) -> tuple[str, str, list[dict]]:
        case, _created = create_case_from_report(
            session,
            report,
            calendar,
            moment,
            landlord_name=settings.landlord_name,
            landlord_phone=settings.landlord_phone,
        )
        session.add(
            CaseEvent(
                case_id=case.id,
                at=moment,
                actor=f"partner: {caller.partner}"[:120],
                kind="partner",
                summary=f"Reported by {caller.partner} through Open311 "
                f"(partner key {caller.key_id})",
                data={"partner": caller.partner, "key_id": caller.key_id},
            )
        )
        raised = alerts.raise_alerts(
            session,
            calendar=calendar,
            now=moment,
            duty_phone=settings.duty_officer_phone,
            case_ids=[case.id],
        )
        return case.reference, _service_notice(case, settings.landlord_name), raised

    reference, notice, raised = await run_db(request, create)
    email_in_background(request.app, raised)
    log.info("open311 request created: case=%s partner key=%s", reference, caller.key_id)
    body = [{"service_request_id": reference, "service_notice": notice, "account_id": None}]
    return respond(fmt, "service_requests", body), reference


async def list_requests(
    request: web.Request, caller: PartnerCaller, fmt: str, _form: Any
) -> Answer:
    """GET requests.{fmt}?service_request_id=&service_code=&start_date=&end_date=&status=."""
    calendar = request.config_dict[CALENDAR]
    wanted = queries.parse_filter(request.query, now(request))
    found = await run_db(
        request,
        lambda session: queries.find_requests(session, wanted, calendar, _landlord(request)),
    )
    reference = found[0]["service_request_id"] if len(found) == 1 else None
    return respond(fmt, "service_requests", found), reference


async def one_request(request: web.Request, caller: PartnerCaller, fmt: str, _form: Any) -> Answer:
    """GET requests/{service_request_id}.{fmt}."""
    calendar = request.config_dict[CALENDAR]
    reference = request.match_info["service_request_id"]
    found = await run_db(
        request,
        lambda session: queries.find_request(session, reference, calendar, _landlord(request)),
    )
    if found is None:
        raise Open311Error(404, f"service_request_id {reference[:40]} was not found")
    return respond(fmt, "service_requests", [found]), found["service_request_id"]


async def request_updates(
    request: web.Request, caller: PartnerCaller, fmt: str, _form: Any
) -> Answer:
    """GET servicerequestupdates.{fmt}?start_date=&end_date= (FixMyStreet's extension)."""
    moment = now(request)
    query = request.query
    queries.date_range(query, moment, queries.UPDATES_DEFAULT)  # 400 before any database work
    updates = await run_db(
        request, lambda session: queries.find_updates(session, query, moment, _landlord(request))
    )
    return respond(fmt, "service_requests_updates", updates), None


def setup_routes(app: web.Application) -> None:
    """The Open311 routes, each behind its scope and audited, and their OpenAPI entries."""
    routes = (
        ("GET", f"{BASE}/services.{FORMAT}", "read", services_list, "open311-services"),
        (
            "GET",
            f"{BASE}/services/{{service_code}}.{FORMAT}",
            "read",
            service_definition,
            "open311-service",
        ),
        ("POST", f"{BASE}/requests.{FORMAT}", "create", create_request, "open311-create"),
        ("GET", f"{BASE}/requests.{FORMAT}", "read", list_requests, "open311-requests"),
        (
            "GET",
            f"{BASE}/requests/{{service_request_id}}.{FORMAT}",
            "read",
            one_request,
            "open311-request",
        ),
        (
            "GET",
            f"{BASE}/servicerequestupdates.{FORMAT}",
            "read",
            request_updates,
            "open311-updates",
        ),
    )
    hide_keys_in_access_log()
    for method, path, scope, handler, name in routes:
        app.router.add_route(method, path, partner_call(scope, handler), name=name)
    if OPENAPI in app:
        document(app[OPENAPI])

"""`asb demo-data`: a few hundred fictional cases over the past months, worked realistically.

Everything is made up: names from a short fictional list, streets such as "Example Road" with
the non-geographic postcode district ZZ99, and phone numbers only from Ofcom's drama range
07700 900000-900999. Texts the cases would have sent are marked as already delivered, so the
SMS worker never sends them. Refuses to run on a database that holds any non-demo case.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import func, select, update

from asb.settings import Settings
from backend.alerts.service import raise_alerts
from backend.cases import work
from backend.cases.models import Case, CaseEvent
from backend.cases.service import create_case_from_report, parse_report
from backend.db import make_engine, make_session_factory, transaction
from backend.notifications.models import OutboxMessage, SurveyResponse
from backend.notifications.updates import SURVEY
from backend.workdays import WorkingCalendar

DEMO_PREFIX = "demo-"
ACTOR = "demo.officer"

# category -> (weight, route, descriptions)
CATEGORIES = {
    "noise": (
        30,
        "asb",
        [
            "Loud music from the flat above most nights until 2am",
            "Dog barking for hours when the neighbours are out",
            "Shouting and doors slamming late at night next door",
        ],
    ),
    "groups_communal": (
        12,
        "asb",
        [
            "Group of young people drinking in the stairwell every evening",
            "People sleeping in the bin store and leaving rubbish",
        ],
    ),
    "environmental": (
        10,
        "asb",
        [
            "Rubbish dumped by the garages again",
            "Someone repairing cars in the street every weekend",
            "Motorbikes riding on the footpath behind the flats",
        ],
    ),
    "vandalism": (
        8,
        "asb",
        [
            "Graffiti sprayed on the door to our block",
            "The lift buttons have been smashed",
        ],
    ),
    "drugs_alcohol": (
        8,
        "asb",
        [
            "Drug waste left in the play area",
            "Strong smell of cannabis in the corridor every night",
        ],
    ),
    "pets_animals": (6, "asb", ["Dog fouling on the shared grass every day"]),
    "vehicle_nuisance": (4, "asb", ["Car parked across the entrance to the block"]),
    "harassment": (
        7,
        "asb",
        [
            "Neighbour keeps banging on my door and shouting at me",
            "The person downstairs follows me and says nasty things",
        ],
    ),
    "hate": (3, "hate", ["Someone wrote racist words on my door"]),
    "domestic_abuse": (3, "domestic_abuse", ["My ex keeps coming to the flat and threatening me"]),
    "violence": (2, "emergency", ["Man waving a knife outside the block"]),
    "drug_dealing": (3, "asb", ["People coming and going from a flat at all hours to buy drugs"]),
    "other_asb": (4, "asb_unspecified", ["Something is going on in the car park every night"]),
}
STREETS = ("Example Road", "Sample Street", "Demo Close", "Specimen Court", "Placeholder Lane")
NAMES = ("Alex Example", "Sam Sample", "Jo Demo", "Chris Placeholder", "Pat Specimen", None)
FREQUENCIES = ("daily", "most_days", "most_weeks", "most_months", "occasionally", None)


def _received_at(rng: random.Random, now: datetime, days: int) -> datetime:
    """Mostly evenings and weekends, as out-of-hours reports are the point of the service."""
    day = now - timedelta(days=rng.randint(0, days - 1))
    hour = rng.choices(
        range(24), weights=[3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 5, 6, 7, 8, 8, 6, 4]
    )[0]
    moment = datetime.combine(day.date(), time(hour, rng.randint(0, 59)), tzinfo=timezone.utc)
    return min(moment, now - timedelta(minutes=5))


def _report(rng: random.Random, received: datetime, phones: list[str]) -> dict:
    names = list(CATEGORIES)
    category = rng.choices(names, weights=[CATEGORIES[c][0] for c in names])[0]
    _weight, route, descriptions = CATEGORIES[category]
    phone = rng.choice(phones) if rng.random() < 0.3 else f"+447700900{rng.randint(0, 999):03d}"
    safe = route != "domestic_abuse" or rng.random() < 0.5
    frequency = rng.choice(FREQUENCIES)
    return {
        "report_id": DEMO_PREFIX + uuid.UUID(int=rng.getrandbits(128)).hex,
        "channel": rng.choice(("web", "web", "sms")),
        "language": "en",
        "received_at": received.isoformat(),
        "route": route,
        "category": None if rng.random() < 0.05 else category,
        "description": rng.choice(descriptions),
        "location": None
        if rng.random() < 0.08
        else f"Flat {rng.randint(1, 40)}, {rng.randint(1, 60)} {rng.choice(STREETS)}, "
        f"ZZ99 {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
        "happened_when": rng.choice(("last night", "this evening", "every weekend", None)),
        "happening_now": rng.choice((True, False, None)),
        "frequency": frequency,
        "reporter": {
            "name": rng.choice(NAMES),
            "phone": phone,
            "safe_to_text": safe,
            "consent_to_contact": True,
            "anonymous": rng.random() < 0.1,
        },
        "flags": {"vulnerable": rng.random() < 0.08, "safeguarding": rng.random() < 0.03},
        "ram_answers": {"q1_frequency": frequency} if frequency else {},
    }


def _work_case(session, case: Case, rng: random.Random, calendar: WorkingCalendar, now) -> None:
    """Triage and move an older case along, the way a team would have."""
    queue_start = datetime.combine(case.queue_date, time(9, 30), tzinfo=timezone.utc)
    if queue_start >= now or rng.random() < 0.08:
        return  # still waiting (some of them overdue)
    late = rng.random() < 0.15
    triaged_day = calendar.add_working_days(case.triage_due, 1) if late else case.queue_date
    moment = datetime.combine(triaged_day, time(10, 15), tzinfo=timezone.utc)
    moment = min(max(moment, case.received_at + timedelta(minutes=30)), now)
    decision = work.TriageDecision(
        category=case.category or "other_asb",
        risk_band=case.risk_band,
        priority_days=case.triage_priority_days,
        is_asb=rng.random() > 0.15,
        reason="Reviewed at the morning triage",
    )
    work.triage_case(session, case, decision, actor=ACTOR, calendar=calendar, now=moment)
    age = now - case.received_at
    if age > timedelta(days=3):
        moment = min(moment + timedelta(days=1), now)
        work.set_status(session, case, "in_progress", actor=ACTOR, now=moment)
    if age > timedelta(days=21) and rng.random() < 0.75:
        moment = min(moment + timedelta(days=rng.randint(7, 20)), now)
        reason = rng.choice(work.CLOSURE_REASONS)
        work.set_status(
            session,
            case,
            "closed",
            actor=ACTOR,
            now=moment,
            closure_reason=reason,
            tell_resident=False,  # demo data never texts anyone
        )
        if rng.random() < 0.45:
            _answer_survey(session, case, rng, moment, now)


def _answer_survey(session, case: Case, rng: random.Random, closed: datetime, now) -> None:
    """Some residents answer some of the closure survey by text (scores lean positive)."""
    answered = min(closed + timedelta(hours=rng.randint(1, 48)), now)
    for position, question in enumerate(SURVEY, start=1):
        if position > 1 and rng.random() < 0.15:
            break  # stopped answering
        if question.kind == "yes_no":
            score = 1 if rng.random() < 0.78 else 0
            answer = "YES" if score else "NO"
        else:
            score = rng.choices((1, 2, 3, 4, 5), weights=(8, 10, 20, 35, 27))[0]
            answer = str(score)
        session.add(
            SurveyResponse(
                case_id=case.id,
                question=question.key,
                position=position,
                score=score,
                answer=answer,
                answered_at=answered,
            )
        )


def load_demo_data(
    settings: Settings, *, cases: int = 300, days: int = 120, seed: int = 2026
) -> int:
    """Add `cases` fictional cases over the last `days` days; return how many were added."""
    if cases < 1 or days < 1:
        raise RuntimeError("--cases and --days must be at least 1")
    calendar = WorkingCalendar.from_settings(settings)
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        real = session.execute(
            select(func.count(Case.id)).where(~Case.report_id.startswith(DEMO_PREFIX))
        ).scalar_one()
    if real:
        raise RuntimeError(
            f"refusing to add demo data: the database already holds {real} real case(s)"
        )
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    phones = [f"+447700900{n:03d}" for n in rng.sample(range(1000), 12)]  # repeat reporters
    added = 0
    for received in sorted(_received_at(rng, now, days) for _ in range(cases)):
        with transaction(factory) as session:
            report = parse_report(_report(rng, received, phones), now=now)
            case, created = create_case_from_report(
                session, report, calendar, received, landlord_name=settings.landlord_name
            )
            if not created:
                continue
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.case_id == case.id)
                .values(
                    state="sent",
                    delivery_status="delivered",
                    created_at=received,
                    sent_at=received + timedelta(minutes=1),
                    attempts=1,
                )
            )
            session.execute(
                update(CaseEvent).where(CaseEvent.case_id == case.id).values(at=received)
            )
            _work_case(session, case, rng, calendar, now)
            added += 1
    with transaction(factory) as session:
        raise_alerts(session, calendar=calendar, now=now, duty_phone="")  # shown, not texted
    return added

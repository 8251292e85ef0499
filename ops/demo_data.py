"""`asb demo-data`: a few hundred fictional cases over the past months, worked realistically.

Everything is made up: names from a short fictional list, streets such as "Example Road" with
the non-geographic postcode district ZZ99, phone numbers only from Ofcom's drama range
07700 900000-900999 and email addresses at the reserved example.org/example.com domains. Texts
the cases would have sent are marked as already delivered, so the SMS worker never sends them.
Refuses to run on a database that holds any non-demo case.

Each case goes through `parse_report` and `create_case_from_report` with a report shaped like
the assistant's (bot/actions/submit.py): contact preference and best time, consent to share,
people involved, witnesses, evidence, the Risk Assessment Matrix answers (about half the
residents answer the 11 optional questions, some "prefer not to say") with the assistant's
provisional score, and, for a few, the equality monitoring answers.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import func, select, update

from backend.alerts.service import raise_alerts
from backend.cases.models import EQUALITY_CODES, Case, CaseEvent
from backend.casework.risk_review import update_ram
from backend.casework.status import CLOSURE_REASONS, set_status
from backend.db import make_engine, make_session_factory, transaction
from backend.intake.contract import parse_report
from backend.intake.service import create_case_from_report
from backend.sms_inbound.models import SurveyResponse
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.survey_questions import SURVEY
from backend.triage.decision import TriageDecision, triage_case
from core.ram import DECLINED, score_answers
from core.settings import Settings
from core.workdays import WorkingCalendar

DEMO_PREFIX = "demo-"
ACTOR = "demo.officer"
# One report in this many (the newest, at least one) is left waiting for triage.
NEWEST_WAITING_EVERY = 25

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
NAMES = (
    "Alex Example",
    "Sam Sample",
    "Jo Demo",
    "Chris Placeholder",
    "Pat Specimen",
    "Robin Fictional",
    "Jamie Madeup",
    None,
)
FREQUENCIES = ("daily", "most_days", "most_weeks", "most_months", "occasionally", None)

# Who the resident complains about, in their words (never anyone's real name).
PEOPLE_INVOLVED = {
    "domestic_abuse": ("My ex-partner", "My ex and his brother"),
    "harassment": (
        "The man in the flat downstairs, about 50",
        "The woman at number 14 and her son",
    ),
    "hate": ("Two men from the next block", "I don't know who, it happens at night"),
    "drug_dealing": ("Whoever lives at Flat 9, lots of visitors", "Young men in a silver car"),
    "groups_communal": ("Four or five teenagers, one on a red bike",),
    "noise": ("The people in the flat above", "Next door, a couple with a big dog"),
}
PEOPLE_GENERAL = (
    "Someone from the next block, I don't know their name",
    "The neighbours at number 22",
    "A man in a white van",
    "I don't know who it is",
)
WITNESSES = (
    "My neighbour at Flat 2 heard it too",
    "The caretaker saw it last week",
    "My partner and my daughter",
    "Other people on the landing",
    "none",  # the assistant's "no one saw it" (bot/constants.py NO_WITNESSES)
)
# Evidence codes the assistant offers (models.EVIDENCE_CODES), as residents combine them.
EVIDENCE = (
    (["photos"], 14),
    (["video"], 6),
    (["audio"], 5),
    (["diary"], 8),
    (["photos", "diary"], 6),
    (["video", "audio"], 3),
    (["none"], 25),
)
BEST_TIMES = (
    "weekday evenings after 6pm",
    "mornings before 10",
    "any time",
    "lunchtimes",
    "weekends",
    "after the school run, 9:30 to 2:30",
    "not before 11, I work nights",
)
# Risk Assessment Matrix answers (core/ram.py keys) that the 11 optional questions fill: each
# question's answers with weights for a resident at lower and at higher risk.
RAM_CHOICES: dict[str, tuple[tuple[object, ...], tuple[int, ...], tuple[int, ...]]] = {
    "q2_linked": (("yes", "no"), (3, 7), (8, 2)),
    "q3_worse": (("yes", "no"), (3, 7), (7, 3)),
    "q5_history": (("currently", "before", "reputation", "none"), (1, 1, 2, 8), (5, 3, 2, 1)),
    "q6_other_agencies": (("yes", "no"), (3, 7), (6, 4)),
    "q7_targeted": (("you", "family", "community", "none"), (1, 1, 4, 6), (6, 3, 1, 1)),
    "q9_circumstances": (("yes", "no"), (2, 8), (4, 6)),
    "q10_affected": (
        ("not_at_all", "a_little", "moderately", "a_lot", "extremely"),
        (1, 4, 4, 2, 1),
        (0, 1, 2, 4, 4),
    ),
    "q11_health": (
        (["none"], ["physical"], ["mental"], ["physical", "mental"]),
        (7, 1, 3, 1),
        (1, 1, 5, 4),
    ),
    "q12_professional_support": (("no", "yes"), (8, 2), (6, 4)),
    "q13_support": (("close", "a_few", "isolated", "alone_isolated"), (5, 3, 1, 1), (2, 3, 2, 2)),
    "q14_others_affected": (
        (["none"], ["family"], ["community"], ["family", "community"], ["other"]),
        (4, 2, 4, 1, 1),
        (2, 5, 1, 2, 1),
    ),
}
MULTIPLE_ANSWERS = frozenset({"q11_health", "q14_others_affected"})
# How likely each answer leans to the higher-risk weights, by category.
HIGHER_RISK = {
    "harassment": 0.8,
    "hate": 0.85,
    "domestic_abuse": 0.9,
    "violence": 0.7,
    "drug_dealing": 0.5,
    "drugs_alcohol": 0.4,
    "groups_communal": 0.35,
}


STARTED = ("about three months ago", "since the summer", "a few weeks ago", "since January", None)
# Problems the police often know about: some reports carry their reference number.
POLICE_CATEGORIES = ("violence", "drug_dealing", "harassment", "vandalism", "hate")


def _received_at(rng: random.Random, now: datetime, days: int) -> datetime:
    """Mostly evenings and weekends, as out-of-hours reports are the point of the service."""
    day = now - timedelta(days=rng.randint(0, days - 1))
    hour = rng.choices(
        range(24), weights=[3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 5, 6, 7, 8, 8, 6, 4]
    )[0]
    moment = datetime.combine(day.date(), time(hour, rng.randint(0, 59)), tzinfo=timezone.utc)
    return min(moment, now - timedelta(minutes=5))


def _declined(key: str) -> object:
    """ "Prefer not to say", as the assistant sends it for this question."""
    return [DECLINED] if key in MULTIPLE_ANSWERS else DECLINED


def _ram_answers(
    rng: random.Random, category: str, frequency: str | None, hate: bool
) -> dict[str, object]:
    """What the assistant sends: q1 from how often, q4 (do you know them) and q8 (because of
    who you are) from the report questions, and the 11 optional questions when the resident
    chose to answer them (any of them skipped or "prefer not to say")."""
    answers: dict[str, object] = {"q1_frequency": frequency} if frequency else {}
    leaning = HIGHER_RISK.get(category, 0.15)
    known = rng.choices(
        ("well", "known", "no", DECLINED, None),
        weights=(4, 5, 5, 1, 1) if leaning > 0.5 else (1, 5, 6, 1, 2),
    )[0]
    if known:
        answers["q4_know_them"] = known
    if hate:
        answers["q8_identity"] = "yes"  # the resident's own perception is enough
    else:
        identity = rng.choices(("no", DECLINED, None), weights=(16, 1, 3))[0]
        if identity:
            answers["q8_identity"] = identity
    if rng.random() < (0.7 if leaning > 0.5 else 0.4):  # chose to answer the 11 questions
        for key, (options, lower, higher) in RAM_CHOICES.items():
            roll = rng.random()
            if roll < 0.07:
                continue  # skipped
            if roll < 0.13:
                answers[key] = _declined(key)
                continue
            weights = higher if rng.random() < leaning else lower
            answers[key] = rng.choices(options, weights=weights)[0]
    return answers


def _contact(rng: random.Random, phone: str, route: str) -> dict:
    """The reporter block: name, phone, whether texts are safe, how and when to contact them,
    consents. Anonymous residents (about 1 in 10) keep their number (the case page then says
    not to tell anyone who reported it) but give no name or email."""
    safe = rng.random() < 0.5 if route == "domestic_abuse" else rng.random() > 0.03
    name = rng.choice(NAMES)
    anonymous = rng.random() < 0.1
    if anonymous:
        name = None
    preference = rng.choices(("text", "call", "email", None), weights=(60, 24, 10, 6))[0]
    if not safe and preference == "text":
        preference = rng.choice(("call", "call", "email", None))
    if anonymous and preference == "email":
        preference = "call"
    email = None
    if preference == "email":
        local = (name or f"resident {rng.randint(100, 999)}").lower().replace(" ", ".")
        email = f"{local}@{rng.choice(('example.org', 'example.com'))}"
    return {
        "name": name,
        "phone": phone,
        "safe_to_text": safe,
        "consent_to_contact": rng.random() < 0.96,
        "anonymous": anonymous,
        "preferred_contact": preference,
        "email": email,
        "best_time": rng.choice(BEST_TIMES) if rng.random() < 0.6 else None,
        "consent_to_share": None
        if anonymous
        else rng.choices((True, False, None), weights=(6, 2, 2))[0],
        **({} if anonymous else _reporter_extras(rng)),
    }


def _reporter_extras(rng: random.Random) -> dict:
    """What a resident who gives their details may add (docs/domain.md section 8): their own
    address and postcode, a visit or a call, communication needs (most have none)."""
    extras: dict[str, object] = {}
    if rng.random() < 0.6:
        extras["address"] = f"{rng.randint(1, 60)} {rng.choice(STREETS)}"
        extras["postcode"] = (
            f"ZZ99 {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}"
        )
    extras["visit_or_call"] = rng.choices(("visit", "call", "neither", None), weights=(2, 4, 3, 1))[
        0
    ]
    needs = rng.choices(
        (["none"], ["interpreter"], ["large_print"], ["call_not_text"], None),
        weights=(70, 6, 4, 6, 14),
    )[0]
    if needs is not None:
        language = rng.choice(("Polish", "Urdu", "Romanian")) if needs == ["interpreter"] else None
        extras["communication_needs"] = {"needs": needs, "language": language, "other": None}
    return extras


def _equality(rng: random.Random) -> dict[str, str] | None:
    """Most residents skip the 3 equality questions; those who answer sometimes prefer not to
    say, or skip one of them."""
    if rng.random() > 0.15:
        return None
    answers = {}
    for name, codes in EQUALITY_CODES.items():
        roll = rng.random()
        if roll < 0.1:
            continue
        answers[name] = DECLINED if roll < 0.25 else rng.choice(codes[:-1])
    return answers or None


def _details(rng: random.Random, category: str) -> dict:
    details: dict[str, object] = {}
    if rng.random() < 0.8:
        details["people_involved"] = rng.choice(PEOPLE_INVOLVED.get(category, PEOPLE_GENERAL))
    if rng.random() < 0.75:
        details["witnesses"] = rng.choice(WITNESSES)
    if rng.random() < 0.9:
        choices = [codes for codes, _weight in EVIDENCE]
        weights = [weight for _codes, weight in EVIDENCE]
        details["evidence"] = list(rng.choices(choices, weights=weights)[0])
    if any(code not in ("none",) for code in details.get("evidence", [])):
        details["evidence_consent"] = "objected" if rng.random() < 0.05 else "agreed"
    if category in POLICE_CATEGORIES and rng.random() < 0.3:
        details["police_reference"] = f"CAD {rng.randint(1000, 9999)}/{rng.randint(1, 28)}NOV"
    if rng.random() < 0.15:
        details["category_confirmed"] = True  # chose the category from the buttons
    if rng.random() < 0.1:
        details["corrections"] = rng.randint(1, 2)
    return details


def _report(rng: random.Random, received: datetime, phones: list[str]) -> dict:
    names = list(CATEGORIES)
    category = rng.choices(names, weights=[CATEGORIES[c][0] for c in names])[0]
    _weight, route, descriptions = CATEGORIES[category]
    phone = rng.choice(phones) if rng.random() < 0.3 else f"+447700900{rng.randint(0, 999):03d}"
    frequency = rng.choice(FREQUENCIES)
    hate = category == "hate" or rng.random() < 0.02
    ram = _ram_answers(rng, category, frequency, hate)
    assessment = score_answers(ram)  # the assistant's provisional score
    vulnerable = ram.get("q9_circumstances") == "yes" or ram.get("q13_support") == "alone_isolated"
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
        "started_when": rng.choice(STARTED) if frequency != "occasionally" else None,
        "happening_now": rng.choice((True, False, None)),
        "frequency": frequency,
        "reporter": _contact(rng, phone, route),
        "flags": {
            "hate": hate,
            "vulnerable": vulnerable or rng.random() < 0.04,
            "safeguarding": rng.random() < 0.03,
        },
        "ram_answers": ram,
        "risk": {"score": assessment.score, "band": assessment.band},
        "equality": _equality(rng),
        "details": _details(rng, category),
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
    decision = TriageDecision(
        category=case.category or "other_asb",
        risk_band=case.risk_band,
        priority_days=case.triage_priority_days,
        is_asb=rng.random() > 0.15,
        reason="Reviewed at the morning triage",
    )
    triage_case(session, case, decision, actor=ACTOR, calendar=calendar, now=moment)
    age = now - case.received_at
    if age > timedelta(days=3):
        moment = min(moment + timedelta(days=1), now)
        set_status(session, case, "in_progress", actor=ACTOR, now=moment)
        if case.ram_answers and rng.random() < 0.6:
            # The officer goes through the answers with the resident and confirms them.
            update_ram(
                session, case, dict(case.ram_answers), actor=ACTOR, now=moment, calendar=calendar
            )
    if age > timedelta(days=21) and rng.random() < 0.75:
        moment = min(moment + timedelta(days=rng.randint(7, 20)), now)
        reason = rng.choice(CLOSURE_REASONS)
        set_status(
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
    received_times = sorted(_received_at(rng, now, days) for _ in range(cases))
    # The newest reports still wait for their triage, whatever the hour the demo is loaded at:
    # a staff member trying the queue always finds some.
    first_waiting = len(received_times) - max(1, cases // NEWEST_WAITING_EVERY)
    for number, received in enumerate(received_times):
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
            if number < first_waiting:
                _work_case(session, case, rng, calendar, now)
            added += 1
    with transaction(factory) as session:
        raise_alerts(session, calendar=calendar, now=now, duty_phone="")  # shown, not texted
    return added

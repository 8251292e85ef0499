"""Finding cases for staff: by reference, by search term, and related cases. (How often the
same person has reported, the ASB Case Review threshold, is counted in
backend/case_review/counting.py.)"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import and_, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from backend.cases.models import Case
from backend.intake.contract import POSTCODE_PATTERN, normalise_phone
from core import codes

REFERENCE_PATTERN = re.compile(rf"^{codes.REFERENCE_PATTERN}$")
_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_PHONE_LIKE = re.compile(r"^\+?[\d\s().-]{7,}$")


class SearchError(ValueError):
    """The search term is not a reference, phone number or postcode."""


def get_case_by_reference(session: Session, reference: str) -> Case | None:
    """The case with this reference (case-insensitive), with its timeline loaded."""
    reference = reference.strip().upper()
    if not REFERENCE_PATTERN.match(reference):
        return None
    query = select(Case).where(Case.reference == reference).options(selectinload(Case.events))
    return session.execute(query).scalar_one_or_none()


def search_cases(
    session: Session, term: str, team: str | None = None, limit: int = 50
) -> list[Case]:
    """Cases matching a reference, a phone number (normalised like reports) or a postcode
    (full, or the outward part such as "LS6"), newest first; `team` limits the owner team."""
    term = " ".join(term.split()).upper()
    if not term:
        raise SearchError("Enter a reference, a phone number or a postcode.")
    conditions: list[Any]
    if REFERENCE_PATTERN.match(term):
        conditions = [Case.reference == term]
    elif re.fullmatch(r"[0-9]{1,9}", term):  # a reference's number (longer: a phone number)
        conditions = [Case.reference.like(f"ASB-%-{int(term):06d}")]
    elif _PHONE_LIKE.match(term):
        try:
            phone = normalise_phone(term)
        except ValueError as exc:
            raise SearchError("That is not a phone number we can search for.") from exc
        conditions = [Case.reporter_phone == phone]
    elif match := POSTCODE_PATTERN.match(term):
        outward, inward = (part.lower() for part in match.groups())
        conditions = [
            or_(
                Case.location_key.like(f"%{outward} {inward}%"),
                Case.location_key.like(f"%{outward}{inward}%"),
            )
        ]
    elif _OUTWARD_CODE.match(term):
        padded = literal(" ") + Case.location_key + literal(" ")
        conditions = [padded.like(f"% {term.lower()} %")]
    else:
        raise SearchError("Enter a reference, a phone number or a postcode.")
    if team:
        conditions.append(Case.owner_team == team)
    query = select(Case).where(*conditions).order_by(Case.received_at.desc()).limit(limit)
    return list(session.execute(query).scalars())


def related_cases(session: Session, case: Case, limit: int = 20) -> list[dict[str, Any]]:
    """Other cases from the same phone number, or open cases at the same location (possible
    duplicates), newest first, each saying why it is related."""
    matches: list[Any] = []
    if case.reporter_phone:
        matches.append(Case.reporter_phone == case.reporter_phone)
    if case.location_key:
        matches.append(and_(Case.location_key == case.location_key, Case.status != "closed"))
    if not matches:
        return []
    query = (
        select(Case)
        .where(Case.id != case.id, or_(*matches))
        .order_by(Case.received_at.desc())
        .limit(limit)
    )
    related = []
    for other in session.execute(query).scalars():
        reasons = []
        if case.reporter_phone and other.reporter_phone == case.reporter_phone:
            reasons.append("same phone")
        if case.location_key and other.location_key == case.location_key:
            reasons.append("same address")
        related.append(
            {
                "reference": other.reference,
                "status": other.status,
                "category": other.category,
                "owner_team": other.owner_team,
                "received_at": other.received_at,
                "reasons": reasons,
                "possible_duplicate": other.status != "closed",
            }
        )
    return related


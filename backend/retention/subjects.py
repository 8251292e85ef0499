"""Whose data a subject-access or erasure request is about: a phone number or a case reference,
and the cases, texts and held reports that are theirs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.intake.contract import normalise_phone
from core.codes import REFERENCE_PATTERN


class SubjectError(ValueError):
    """The request names no phone number or reference we can read; the message says why."""


@dataclass(frozen=True)
class Subject:
    kind: str  # "phone" or "reference"
    value: str  # E.164 number or ASB-YYYY-NNNNNN


def parse_subject(raw: str) -> Subject:
    """A reference (any case) or a UK phone number (normalised); SubjectError otherwise."""
    text = " ".join(str(raw or "").split()).strip()
    if not text:
        raise SubjectError("Enter the resident's phone number or a case reference.")
    if re.fullmatch(REFERENCE_PATTERN, text.upper()):
        return Subject("reference", text.upper())
    try:
        return Subject("phone", normalise_phone(text))
    except ValueError as exc:
        raise SubjectError(
            "That is neither a case reference (like ASB-2026-000123) nor a UK phone number."
        ) from exc


def subject_cases(session: Session, subject: Subject, lock: bool = False) -> list[Case]:
    """The cases the subject reported (by their number), or the one case of a reference."""
    if subject.kind == "reference":
        query = select(Case).where(Case.reference == subject.value)
    else:
        query = select(Case).where(Case.reporter_phone == subject.value)
    if lock:
        query = query.with_for_update()
    return list(session.execute(query.order_by(Case.id)).scalars())


def own_phone(subject: Subject, cases: list[Case]) -> str | None:
    """The subject's own number: the one asked about, or the reporter's on their case."""
    if subject.kind == "phone":
        return subject.value
    phones = {case.reporter_phone for case in cases if case.reporter_phone}
    return phones.pop() if len(phones) == 1 else None

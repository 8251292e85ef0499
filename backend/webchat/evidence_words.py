"""What residents read about evidence uploads, in their language (all through `_()`)."""

from __future__ import annotations

from core.i18n import _
from core.settings import Settings

MB = 1024 * 1024


def court_note(language: str) -> str:
    """The court notice (as the assistant asks it: bot/questions.py EVIDENCE_CONSENT)."""
    return _(
        "Anything you give us, such as photos, videos or a diary, may be used as evidence, "
        "including in court if we take legal action. If you object, tell us: we will note it "
        "and talk to you before we use anything.",
        language,
    )


def limits_hint(settings: Settings, language: str) -> str:
    return _(
        "Photos (JPEG, PNG, WebP or GIF) and PDF documents up to {max_mb} MB; videos (MP4, "
        "MOV or WebM) and sound recordings (MP3, M4A, WAV or Ogg) up to {max_video_mb} MB. "
        "We remove location and phone details from photos.",
        language,
        max_mb=settings.evidence_max_bytes // MB,
        max_video_mb=settings.evidence_max_video_bytes // MB,
    )


def refusal(code: str, settings: Settings, language: str, max_files: int) -> str:
    """Plain words for a refused upload (codes from backend.evidence.service.UploadRefused
    and the views' own checks)."""
    if code == "too_large":
        return _(
            "This file is too big. Photos and documents can be up to {max_mb} MB, videos and "
            "sound recordings up to {max_video_mb} MB.",
            language,
            max_mb=settings.evidence_max_bytes // MB,
            max_video_mb=settings.evidence_max_video_bytes // MB,
        )
    if code == "not_allowed":
        return _(
            "We cannot take this kind of file. Please send a photo (JPEG, PNG, WebP or GIF), a "
            "video (MP4, MOV or WebM), a sound recording (MP3, M4A, WAV or Ogg) or a PDF "
            "document.",
            language,
        )
    if code == "too_many":
        return _(
            "This report already has the most files we can take ({max_files}). Please call "
            "{landlord_phone} if you have more to give us.",
            language,
            max_files=max_files,
            landlord_phone=settings.landlord_phone,
        )
    if code == "empty":
        return _("This file is empty. Please choose another file.", language)
    if code == "no_file":
        return _("Please choose a file to send.", language)
    if code == "not_verified":
        return _(
            "We could not find a report with those details. Check the reference, and the "
            "postcode or the PIN we gave you with it.",
            language,
        )
    if code == "too_many_attempts":
        return _(
            "Too many tries with this reference. Please wait an hour and try again, or call "
            "{landlord_phone}.",
            language,
            landlord_phone=settings.landlord_phone,
        )
    if code == "closed":
        return _(
            "This report is closed. If the problem has happened again, please make a new report.",
            language,
        )
    if code == "link":
        return _(
            "This upload link has expired or has already been used. Text UPLOAD to us for a "
            "new one.",
            language,
        )
    if code == "expired":
        return _("This conversation has ended. Please start again to send a file.", language)
    if code == "other_site":
        return _("This request came from another website.", language)
    return _("The file could not be sent. Please try again.", language)


def _kind_word(kind: str, language: str) -> str:
    return {
        "photo": _("photo", language),
        "video": _("video", language),
        "audio": _("sound recording", language),
        "document": _("document", language),
    }.get(kind, _("file", language))


def received(kind: str, language: str, reference: str | None, attached: bool = True) -> str:
    """The thank-you for a kept file: on case `reference`, on the link's case (no reference
    shown), or held until the report being made is sent (`attached` False)."""
    what = _kind_word(kind, language)
    if not attached:
        return _(
            "Thank you. Your {what} has been received. It will be added to your report when "
            "you send it.",
            language,
            what=what,
        )
    if reference:
        return _(
            "Thank you. Your {what} has been added to your report {reference}.",
            language,
            what=what,
            reference=reference,
        )
    return _("Thank you. Your {what} has been added to your report.", language, what=what)

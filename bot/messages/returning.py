"""Replies to returning residents (bot/actions/returning.py): a case's status, never revealed
without the check.
"""

from __future__ import annotations

from bot.messages.response import REPORT, REPORT_BUTTON, YES_NO, Button, Response
from core.i18n import N_

RETURNING_RESPONSES: dict[str, Response] = {
    # -- returning residents (bot/actions/returning.py): never reveal a case without the check --
    "utter_ask_case_reference": Response(
        N_(
            "What is your case reference? It looks like ASB-2026-000123 and is in the message "
            "we sent when you reported."
        )
    ),
    "utter_case_reference_invalid": Response(
        N_(
            "Sorry, I can't read that as a case reference. It looks like ASB-2026-000123. "
            'If you don\'t have it, say "stop" and call {landlord_name} on {landlord_phone}, '
            "or make a new report."
        ),
        # By SMS "stop" alone would opt the resident out of every text (core/sms_keywords.py).
        variants={
            "sms": N_(
                "Sorry, I can't read that as a case reference, for example ASB-2026-000123. "
                'No reference? Text "never mind" to leave this, then call {landlord_name} on '
                "{landlord_phone} or make a new report."
            )
        },
    ),
    "utter_ask_case_postcode": Response(
        N_(
            "To check it's you, what is the postcode of the address where it is happening, or "
            "your PIN (the 6 numbers we gave you with your reference)? Or I can text a code to "
            "the number on the case."
        ),
        buttons=(Button(N_("Text me a code"), "text me a code"),),
    ),
    "utter_case_postcode_invalid": Response(
        N_(
            "Sorry, I can't read that as a postcode or a PIN. A postcode looks like "
            '"ZZ99 1AA" and a PIN is 6 numbers. Please try again, or say "text me a code".'
        )
    ),
    "utter_code_requested": Response(
        N_(
            "If that reference matches a case with a number we can text, we have sent a "
            "6-digit code to it. The code lasts 10 minutes."
        )
    ),
    "utter_ask_case_code": Response(N_("Please type the 6-digit code from the text.")),
    "utter_case_code_invalid": Response(
        N_("Sorry, the code is 6 numbers, for example 123456. Please try again.")
    ),
    "utter_case_status": Response(N_("Your case {reference}: {status_text}.")),
    "utter_case_next_step": Response(N_("The next step is due by {next_day}.")),
    "utter_case_not_found": Response(
        N_(
            "Sorry, we could not find a case that matches those details. You can try again, "
            "or start a new report."
        ),
        buttons=(
            Button(N_("Try again"), "/ask_case_status"),
            Button(N_("Report a problem"), REPORT),
        ),
    ),
    "utter_incident_not_found": Response(
        N_(
            "Sorry, we could not find an open case that matches those details. You can try "
            "again, or start a new report."
        ),
        buttons=(
            Button(N_("Try again"), "/report_repeat_incident"),
            Button(N_("Report a problem"), REPORT),
        ),
    ),
    "utter_case_too_many_attempts": Response(
        N_(
            "Sorry, there have been too many tries for this case. Please try again in an hour, "
            "or call {landlord_name} on {landlord_phone}."
        )
    ),
    "utter_case_lookup_unavailable": Response(
        N_(
            "Sorry, I can't check cases just now because our system is not answering. Nothing "
            "has been lost. Please try again later, or call {landlord_name} on {landlord_phone}."
        )
    ),
    "utter_ask_incident_case_confirmed": Response(
        N_("Is this about your case {open_case_reference}?"), buttons=YES_NO
    ),
    "utter_ask_incident_description": Response(
        N_("What happened this time? Please tell me in your own words.")
    ),
    "utter_ask_incident_happening_now": Response(N_("Is it happening right now?"), buttons=YES_NO),
    "utter_incident_added": Response(N_("Added to your case {reference}; the team will see it.")),
    "utter_case_review": Response(
        N_(
            "As this keeps happening, you can ask for an ASB Case Review: a fresh look at how "
            'your reports have been dealt with. Just say "case review" and I will check and '
            "send your application. Independent advice: ASB Help at asbhelp.co.uk."
        )
    ),
    "utter_incident_case_closed": Response(
        N_(
            "That case is closed, so I will start a new report with what you told me. "
            "I just need a few more details."
        )
    ),
    "utter_incident_unavailable": Response(
        N_(
            "Sorry, I couldn't add this to your case just now because our system is not "
            "answering, so nothing has been passed on yet. Please try again later, or tell me "
            "what is happening as a new report: I will save that and pass it on automatically. "
            "If anyone is in danger, call 999."
        ),
        buttons=REPORT_BUTTON,
    ),
    "utter_lookup_stopped": Response(
        N_("OK, I have stopped. If you need us again, just send a message.")
    ),
}

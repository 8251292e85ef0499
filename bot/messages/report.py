"""Every resident-facing bot text: the catalog the NLG endpoint (`bot/nlg.py`) renders from.

Each `utter_*` response maps to an English source string marked with `N_()` so that
`pybabel extract` puts it in `locales/messages.pot`; it is translated at render time with
`core.i18n._()` into the conversation's language. `{placeholders}` are filled from the arguments
an action passed, then the tracker's slots, then a few settings (see `bot/nlg.py`).

A response may carry buttons (titles are translated, payloads are not) and per-channel text
variants, keyed by channel family (`sms` for now: shorter). Buttons are sent on every channel:
for SMS the backend turns them into "Reply 1 for ..., 2 for ..." and maps the reply back to the
payload (backend/sms_outbound/sms_format.py), so SMS variants never spell options out.

The domain (`bot/domain.yml`) lists the same response names with placeholder texts; a test checks
that the two stay in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.constants import EQUALITY_SLOTS, FORM_SLOTS, RAM_SLOTS
from bot.questions import CHOICE_QUESTIONS
from core.codes import CATEGORIES
from core.i18n import N_

# Button payloads. `/intent` payloads skip NLU, so a tap always means what its title says.
AFFIRM = "/affirm"
DENY = "/deny"
SKIP = "/skip"
REPORT = "/report_asb"


def change_payload(field_name: str) -> str:
    """Payload of a "change this answer" button (intent change_field with a `field` entity)."""
    return '/change_field{"field": "' + field_name + '"}'


@dataclass(frozen=True)
class Button:
    title: str  # English source, marked with N_()
    payload: str


@dataclass(frozen=True)
class Response:
    text: str  # English source, marked with N_()
    buttons: tuple[Button, ...] = ()
    variants: Mapping[str, str] = field(default_factory=dict)  # channel family -> text


YES_NO = (Button(N_("Yes"), AFFIRM), Button(N_("No"), DENY))
SKIP_BUTTON = (Button(N_("Skip"), SKIP),)
REPORT_BUTTON = (Button(N_("Report a problem"), REPORT),)

# Frequency codes (DOMAIN section 6, RAM question 1) in the order they are offered; the resident
# may tap, type the words or reply with the number (1-5).
FREQUENCY_CODES = ("daily", "most_days", "most_weeks", "most_months", "occasionally")
FREQUENCY_LABELS: dict[str, str] = {
    "daily": N_("Every day"),
    "most_days": N_("Most days"),
    "most_weeks": N_("Most weeks"),
    "most_months": N_("Most months"),
    "occasionally": N_("Just this once, or now and then"),
}

# How each category is named to residents (category confirmation buttons, the summary).
CATEGORY_LABELS: dict[str, str] = {
    "noise": N_("Noise"),
    "harassment": N_("Harassment or intimidation"),
    "hate": N_("Hate incident"),
    "domestic_abuse": N_("Domestic abuse"),
    "violence": N_("Violence or threats"),
    "drug_dealing": N_("Drug dealing"),
    "drugs_alcohol": N_("Drug or alcohol use"),
    "vandalism": N_("Vandalism or graffiti"),
    "vehicle_nuisance": N_("Vehicles, motorbikes or scooters"),
    "groups_communal": N_("Groups or misuse of shared areas"),
    "pets_animals": N_("Pets or animals"),
    "environmental": N_("Rubbish, dumping or mess"),
    "other_asb": N_("Something else"),
}
assert set(CATEGORY_LABELS) == set(CATEGORIES)

# Labels of the summary lines and of the "what would you like to change?" buttons.
FIELD_LABELS: dict[str, str] = {
    "description": N_("What is happening"),
    "log_anyway": N_("Logged as a good-neighbour matter"),
    "category_choice": N_("Type of problem"),
    "location": N_("Where"),
    "happening_now": N_("Happening now"),
    "happened_when": N_("When"),
    "frequency": N_("How often"),
    "people_known": N_("Do you know them"),
    "people_involved": N_("Who is involved"),
    "witnesses": N_("Witnesses"),
    "evidence": N_("Evidence you have"),
    "hate_related": N_("Because of who you are"),
    "ram_start": N_("Questions about how it affects you"),
    "ram_linked": N_("Linked to earlier incidents"),
    "ram_worse": N_("Getting worse"),
    "ram_history": N_("History of harassment"),
    "ram_other_agencies": N_("Told other services"),
    "ram_targeted": N_("Picked on on purpose"),
    "ram_circumstances": N_("Things that make it riskier"),
    "ram_affected": N_("How much it affects you"),
    "ram_health": N_("Effect on health"),
    "ram_professional_support": N_("Professional support"),
    "ram_support": N_("Friends and family"),
    "ram_others_affected": N_("Others affected"),
    "anonymous": N_("Anonymous"),
    "reporter_name": N_("Your name"),
    "phone": N_("Phone number"),
    "safe_to_text": N_("Safe to text you"),
    "preferred_contact": N_("How to contact you"),
    "email": N_("Email"),
    "best_time": N_("Best time to contact you"),
    "consent_to_contact": N_("We may contact you"),
    "consent_to_share": N_("We may share it with other services"),
    "equality_start": N_("Equality questions"),
    "age_band": N_("Age"),
    "ethnicity": N_("Ethnic group"),
    "disability": N_("Disability"),
}
# Lines the summary shows: every question but the opt-in risk and equality sections (the risk
# answers are counted on one line) and "log it anyway?".
SUMMARY_FIELDS = tuple(
    slot
    for slot in FORM_SLOTS
    if slot not in ("log_anyway", "ram_start", *RAM_SLOTS, "equality_start", *EQUALITY_SLOTS)
)
# The answers a resident can change ("ram_start" re-asks every risk question; the contact
# questions follow the phone number).
CHANGEABLE_FIELDS = (
    "description",
    "category_choice",
    "location",
    "happening_now",
    "happened_when",
    "frequency",
    "people_involved",
    "witnesses",
    "evidence",
    "ram_start",
    "anonymous",
    "reporter_name",
    "phone",
    "consent_to_share",
)

VALUE_YES = N_("Yes")
VALUE_NO = N_("No")
VALUE_NOT_GIVEN = N_("Not given")
VALUE_NO_ONE = N_("No one")
VALUE_RISK_ANSWERS = N_("{count} of 11 answered")

RESPONSES: dict[str, Response] = {
    # -- greeting and small talk ------------------------------------------------------------
    "utter_greet": Response(
        N_(
            "Hello. You can report anti-social behaviour to {landlord_name} here at any time, "
            "day or night. If anyone is in danger right now, call 999.\n\n"
            "What has been happening?"
        ),
        variants={
            "sms": N_(
                "Hello. You can report anti-social behaviour here any time. "
                "If anyone is in danger, call 999. What has been happening?"
            )
        },
    ),
    "utter_iamabot": Response(
        N_(
            "I'm an automated assistant for {landlord_name}, not a person. I pass your report "
            "to the team, and a member of staff reviews every report."
        )
    ),
    "utter_goodbye": Response(N_("Thank you. Take care. If anyone is in danger, call 999.")),
    "utter_you_are_welcome": Response(N_("You're welcome.")),
    "utter_out_of_scope": Response(
        N_(
            "I can only take reports about anti-social behaviour here, such as noise, "
            "harassment, damage or drug dealing. For repairs, damp, rent, benefits or moving "
            "home, please contact {landlord_name} on {landlord_phone}. If you also want to "
            "report anti-social behaviour, just tell me what is happening."
        ),
        buttons=REPORT_BUTTON,
        variants={
            "sms": N_(
                "I can only take anti-social behaviour reports here. For repairs, damp, rent or "
                "moving home, call {landlord_name} on {landlord_phone}."
            )
        },
    ),
    "utter_please_rephrase": Response(
        N_(
            "Sorry, I didn't quite understand that. Could you say it another way? "
            'For example: "loud music from the flat above every night".'
        ),
        buttons=REPORT_BUTTON,
    ),
    "utter_did_not_catch": Response(N_("Sorry, I didn't catch that.")),
    # -- the report form --------------------------------------------------------------------
    "utter_ask_description": Response(
        N_("Please tell me what has been happening, in your own words.")
    ),
    "utter_ask_location": Response(
        N_(
            "Where is this happening? For example a flat number and street, or a shared area "
            "such as a stairwell or car park."
        )
    ),
    "utter_ask_happening_now": Response(N_("Is it happening right now?"), buttons=YES_NO),
    "utter_danger_call_999": Response(N_("If anyone is in danger, call 999 now.")),
    "utter_danger_check": Response(
        N_(
            "Thank you for telling me. If anyone is hurt or in danger right now, please call 999 "
            "now. Otherwise, let's carry on."
        ),
        variants={"sms": N_("If anyone is hurt or in danger now, call 999. Otherwise, carry on.")},
    ),
    "utter_ask_happened_when": Response(
        N_('When did it last happen? For example "last night about 11pm".')
    ),
    "utter_ask_happened_when_started": Response(
        N_('When did it start? For example "about an hour ago".')
    ),
    "utter_ask_frequency": Response(
        N_("How often does this happen?"),
        buttons=tuple(
            Button(FREQUENCY_LABELS[code], str(number))
            for number, code in enumerate(FREQUENCY_CODES, start=1)
        ),
    ),
    "utter_frequency_not_understood": Response(
        N_("Sorry, I didn't catch that. Please choose one of the options, or reply 1 to 5.")
    ),
    "utter_ask_reporter_name": Response(
        N_('What is your name? You can say "skip" if you would rather not say.'),
        buttons=SKIP_BUTTON,
    ),
    "utter_ask_phone": Response(
        N_(
            "What phone number can we reach you on? We will only use it about this report. "
            'You can say "skip" if you would rather not give one.'
        ),
        buttons=SKIP_BUTTON,
    ),
    "utter_phone_invalid": Response(
        N_(
            "Sorry, that doesn't look like a UK phone number. Please try again, "
            "for example 07700 900123."
        )
    ),
    "utter_phone_invalid_offer_skip": Response(
        N_(
            "Sorry, I still can't read that as a UK phone number. Please try once more, "
            'or say "skip" to carry on without one.'
        ),
        buttons=SKIP_BUTTON,
    ),
    "utter_phone_given_up": Response(N_("No problem, we will carry on without a phone number.")),
    "utter_ask_safe_to_text": Response(
        N_(
            "Is it safe for us to send text messages to this number? "
            "Say no if someone else might read them."
        ),
        buttons=YES_NO,
    ),
    "utter_ask_consent_to_contact": Response(
        N_("Can our team contact you about this report?"), buttons=YES_NO
    ),
    "utter_ask_category_choice": Response(
        N_("Which of these is it mostly about?"),
        # Buttons come from the `category_candidates` slot (bot/nlg.py).
    ),
    "utter_ask_people_involved": Response(
        N_(
            'Who is doing it? Tell me what you can, for example "the man at number 12" or '
            '"a group of teenagers". Say "skip" if you don\'t know.'
        ),
        buttons=SKIP_BUTTON,
    ),
    "utter_ask_witnesses": Response(
        N_('Did anyone else see or hear it? If so, who? Say "no" if not.'),
        buttons=(Button(N_("No one"), DENY),),
    ),
    "utter_ask_email": Response(N_("What is your email address?"), buttons=SKIP_BUTTON),
    "utter_email_invalid": Response(
        N_("Sorry, that doesn't look like an email address, for example name@example.com.")
    ),
    "utter_ask_best_time": Response(
        N_('When is the best time to contact you? For example "weekday evenings".'),
        buttons=(Button(N_("Any time"), "any time"), *SKIP_BUTTON),
    ),
    "utter_hate_noted": Response(
        N_(
            "Thank you for telling me. We will record it as a hate incident: how you see it is "
            "enough. You can also report it to the police on 101, or online at report-it.org.uk."
        )
    ),
    "utter_anonymous_noted": Response(
        N_("OK, you will stay anonymous. The team will still look at your report.")
    ),
    "utter_texts_not_safe_call": Response(
        N_("As texts are not safe, the team will call you instead.")
    ),
    "utter_choose_option": Response(
        N_(
            "Sorry, I didn't catch that. Please choose one of the options, or reply with its "
            "number."
        )
    ),
    "utter_invalid_offer_skip": Response(
        N_(
            'Sorry, I still can\'t use that answer. You can try once more, or say "skip" to '
            "leave this question out and carry on."
        ),
        buttons=SKIP_BUTTON,
    ),
    "utter_moving_on": Response(N_("No problem, let's leave that one and carry on.")),
    "utter_text_kept_short": Response(
        N_("I have kept the first {max_length} characters. You can add more detail later.")
    ),
    "utter_correction_made": Response(N_('Thanks, I have changed "{field_label}".')),
    "utter_start_again": Response(N_("OK, let's start again. Nothing has been sent.")),
    "utter_please_yes_no": Response(N_("Sorry, I need a yes or a no for this one.")),
    "utter_text_empty": Response(
        N_("Sorry, I didn't get anything there. Could you tell me again?")
    ),
    "utter_text_too_long": Response(
        N_("That is a bit long for me. Please keep it under {max_length} characters.")
    ),
    # -- summary and changes ------------------------------------------------------------------
    "utter_summary": Response(
        N_("Here is your report:\n{summary}\n\nShall I send it to the team?"),
        buttons=(Button(N_("Yes, send it"), AFFIRM), Button(N_("No, change something"), DENY)),
        variants={"sms": N_("Your report:\n{summary}\nSend it to the team?")},
    ),
    "utter_ask_change_field": Response(
        N_("What would you like to change?"),
        buttons=tuple(
            Button(FIELD_LABELS[name], change_payload(name)) for name in CHANGEABLE_FIELDS
        ),
    ),
    # -- stopping ---------------------------------------------------------------------------
    "utter_ask_cancel": Response(
        N_("Do you want to stop this report? Nothing will be sent."),
        buttons=(Button(N_("Yes, stop"), AFFIRM), Button(N_("No, carry on"), DENY)),
    ),
    "utter_cancelled": Response(
        N_(
            "OK, I have stopped. Nothing has been sent. If you need us again, just send a "
            "message. If anyone is in danger, call 999."
        )
    ),
    "utter_nothing_to_cancel": Response(
        N_(
            "OK. Nothing has been sent. If you want to report something, just tell me what "
            "is happening."
        )
    ),
    "utter_already_sent": Response(
        N_(
            "Your report has already been sent. To change or withdraw it, please contact "
            "{landlord_name} on {landlord_phone}."
        )
    ),
    "utter_resume": Response(N_("OK, let's carry on.")),
    # -- sending ----------------------------------------------------------------------------
    "utter_report_sent": Response(
        N_(
            "Thank you. Your report has been sent. Your reference is {reference}. "
            "Our team will review it on {review_day}."
        )
    ),
    "utter_report_sent_plain": Response(
        N_("Thank you. Your report has been sent. Our team will review it on the next working day.")
    ),
    "utter_report_not_saved": Response(
        N_(
            'Sorry, I could not save your report just now. Please say "yes" to try again in a '
            "minute, or contact {landlord_name} on {landlord_phone}. If anyone is in danger, "
            "call 999."
        ),
        buttons=(Button(N_("Try again"), AFFIRM),),
    ),
    "utter_text_follows": Response(N_("We will also send you a text to confirm.")),
    "utter_report_saved_pending": Response(
        N_(
            "Thank you. Your report is saved. Our system could not log it with the team just "
            "now, but it will be passed to them automatically. You don't need to do anything."
        )
    ),
    "utter_pending_text_follows": Response(
        N_("We will text you your reference once it has been logged.")
    ),
    "utter_report_failed": Response(
        N_(
            "Sorry, something went wrong when logging your report. We have kept a copy for the "
            "team. If you would like to talk to someone, contact {landlord_name} on "
            "{landlord_phone}."
        )
    ),
    "utter_danger_reminder": Response(N_("If things get worse or anyone is in danger, call 999.")),
    # -- safety routes (core/safety.py, action_safety_advice): advice always comes first -------
    "utter_safety_emergency": Response(
        N_(
            "If you or anyone else is in danger, please call 999 now. If you can't speak, call "
            "999 from a mobile and press 55 when asked. I have marked your report as urgent."
        ),
        variants={
            "sms": N_(
                "If anyone is in danger call 999 now. Can't speak? Call 999, then press "
                "55. Marked urgent."
            )
        },
    ),
    "utter_safety_self_harm": Response(
        N_(
            "If someone's life is in danger, please call 999 now. You can also talk to the "
            "Samaritans at any time, free, on 116 123. I have marked your report as urgent."
        ),
        variants={
            "sms": N_(
                "If a life is in danger call 999 now. Samaritans, free, any time: 116 "
                "123. Marked urgent."
            )
        },
    ),
    "utter_safety_domestic_abuse": Response(
        N_(
            "I'm sorry this is happening. If you are in danger, call 999. The National Domestic "
            "Abuse Helpline is free, confidential and open 24 hours: 0808 2000 247. I will pass "
            "this to the team that deals with it on the next working day, and I will ask you "
            "before we ever send you a text."
        ),
        variants={
            "sms": N_(
                "I'm sorry. In danger? Call 999. Domestic Abuse Helpline, free, 24h: "
                "0808 2000 247. We'll ask before texting you again."
            )
        },
    ),
    "utter_safety_hate": Response(
        N_(
            "I'm sorry this is happening. If you feel it is because of who you are, such as "
            "your race, religion, sexuality, gender identity or disability, we will record it as "
            "a hate incident: how you see it is enough. Please also report it to the police on "
            "101, or online through True Vision (report-it.org.uk). In an emergency call 999."
        ),
        variants={
            "sms": N_(
                "I'm sorry. We'll record it as a hate incident: how you see it is "
                "enough. Please tell police on 101 or report-it.org.uk. Emergency: 999."
            )
        },
    ),
    "utter_safety_crime_101": Response(
        N_(
            "This sounds like a crime that has already happened. Please report it to the police "
            "on 101 or online, so it gets a crime number. To stay anonymous, call Crimestoppers "
            "on 0800 555 111. I can still take a report about the anti-social behaviour for "
            "{landlord_name}."
        ),
        variants={
            "sms": N_(
                "Please report the crime to police on 101 or online. Anonymous: "
                "Crimestoppers 0800 555 111. I can still take an ASB report."
            )
        },
    ),
    "utter_safety_carry_on": Response(
        N_(
            "When you are safe, you can tell me more here and I will pass it on as urgent. "
            "You don't have to finish now."
        ),
        variants={
            "sms": N_("When you are safe, reply to tell me more. You don't have to finish now.")
        },
    ),
    # -- questions in the middle of a report (action_answer_question) ---------------------------
    "utter_why_phone": Response(
        N_(
            "We ask for a number so the team can call or text you about this report and tell "
            "you what happens next. We only use it for this report, and we will ask before we "
            'ever send a text. You can say "skip" to report without one.'
        )
    ),
    "utter_why_name": Response(
        N_(
            "Your name helps the team when they contact you. You don't have to give it: "
            'say "skip" to stay anonymous.'
        )
    ),
    "utter_why_location": Response(
        N_(
            "Knowing where it happens lets the team check it and see whether others have reported "
            "it too. A street, a block or a shared area is enough."
        )
    ),
    "utter_why_general": Response(
        N_(
            "I only ask what the team needs to look into your report. You can skip anything "
            "you would rather not say."
        )
    ),
    "utter_why_risk": Response(
        N_(
            "These questions help the team see how much this affects you and how quickly they "
            'should act. Answer what you are comfortable with, or say "skip".'
        )
    ),
    "utter_why_equality": Response(
        N_(
            "These answers are only used, without your name, to check that everyone gets a "
            "fair service. They do not change how your report is handled. You can say "
            '"prefer not to say".'
        )
    ),
    "utter_person_office_open": Response(
        N_(
            "You can talk to someone at {landlord_name} on {landlord_phone} until {closes} "
            "today. Or carry on here and I will pass your report to the team."
        )
    ),
    "utter_person_out_of_hours": Response(
        N_(
            "The office is closed now. You can call {landlord_name} on {landlord_phone} from "
            "{opens} on {next_day}. If you carry on here, the team will review your report that "
            "day. If anyone is in danger, call 999."
        )
    ),
    # -- good-neighbour matters (bot/goodneighbour.py): never a dead end -----------------------
    "utter_good_neighbour": Response(
        N_(
            "Thank you for telling me. From what you describe, this sounds like everyday living "
            "rather than anti-social behaviour, so {landlord_name} would handle it as a "
            "good-neighbour matter. A friendly word or a note to your neighbour often helps, if "
            "you feel safe doing that. If it doesn't, we can offer mediation, where someone "
            "independent helps you both agree a way forward. If it happens late at night, very "
            "often, or feels deliberate, tell me, because that can make it anti-social behaviour."
        ),
        variants={
            "sms": N_(
                "Thanks. This sounds like everyday living rather than anti-social behaviour, so "
                "it would be a good-neighbour matter: a friendly word with your neighbour (if "
                "safe) or mediation often helps. If it is late at night, very often or "
                "deliberate, tell me."
            )
        },
    ),
    "utter_ask_log_anyway": Response(
        N_("Would you like me to log it with the team anyway, as a good-neighbour matter?"),
        buttons=(Button(N_("Yes, log it"), AFFIRM), Button(N_("No, thanks"), DENY)),
    ),
    "utter_good_neighbour_logging": Response(
        N_(
            "OK. I will log it as a good-neighbour matter, not as anti-social behaviour. The "
            "team can offer advice or mediation."
        )
    ),
    "utter_good_neighbour_declined": Response(
        N_(
            "OK, nothing has been sent. If things change or get worse, just message me again. "
            "If anyone is in danger, call 999."
        )
    ),
    "utter_good_neighbour_sent": Response(
        N_("It has been logged as a good-neighbour matter, not as anti-social behaviour.")
    ),
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
        )
    ),
    "utter_ask_case_postcode": Response(
        N_(
            "To check it's you, what is the postcode of the address where it is happening? "
            "Or I can text a code to the number on the case."
        ),
        buttons=(Button(N_("Text me a code"), "text me a code"),),
    ),
    "utter_case_postcode_invalid": Response(
        N_(
            'Sorry, I can\'t read that as a postcode, for example "ZZ99 1AA". Please try again, '
            'or say "text me a code".'
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
            "As this keeps happening, you can ask for an ASB Case Review: an independent look "
            "at how your reports have been dealt with. Ask {landlord_name} on {landlord_phone}, "
            "or see ASB Help at asbhelp.co.uk."
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

# One response per multiple-choice question (bot/questions.py): numbered buttons, so a reply on
# SMS can be the number; "Prefer not to say" is the last option where it is offered.
for _question in CHOICE_QUESTIONS.values():
    RESPONSES[f"utter_ask_{_question.slot}"] = Response(
        _question.text,
        buttons=tuple(
            Button(option.label, str(number))
            for number, option in enumerate(_question.all_options(), start=1)
        ),
        variants={"sms": _question.sms} if _question.sms else {},
    )

"""The replies of a report from start to end: greeting and small talk, the report form's
questions (one per multiple-choice question too, `CHOICE_RESPONSES`), the summary and changes,
cancelling, and sending.
"""

from __future__ import annotations

from bot.messages.labels import CHANGEABLE_FIELDS, FIELD_LABELS, FREQUENCY_CODES, FREQUENCY_LABELS
from bot.messages.response import (
    AFFIRM,
    DENY,
    REPORT_BUTTON,
    SKIP_BUTTON,
    YES_NO,
    Button,
    Response,
    change_payload,
)
from bot.questions import CHOICE_QUESTIONS
from core.i18n import N_

REPORT_RESPONSES: dict[str, Response] = {
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
                'If anyone is in danger, call 999. To cancel, text "cancel report". '
                "What has been happening?"
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
    "utter_ask_happening_now": Response(
        N_("Is it happening right now? If not, when did it last happen?"), buttons=YES_NO
    ),
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
    # After an answer that said only when it started ("it's been going on since March").
    "utter_ask_happened_when_last": Response(
        N_('And when did it last happen? For example "last night about 11pm".')
    ),
    # Not happening now, and it keeps happening: when the problem began.
    "utter_ask_started_when": Response(
        N_('When did it first start? For example "about three months ago".'),
        buttons=SKIP_BUTTON,
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
        N_('Who else saw or heard it? For example "my neighbour at number 5".'),
        buttons=SKIP_BUTTON,
    ),
    "utter_ask_police_reference": Response(
        N_(
            "If you have told the police about this, what is the police reference number? "
            'Say "no" if you have not, or "skip".'
        ),
        buttons=(Button(N_("No"), DENY), *SKIP_BUTTON),
        variants={"sms": N_("If you told the police, what is their reference number?")},
    ),
    "utter_police_reference_number": Response(
        N_(
            "What is the reference number the police gave you? It usually has numbers in it. "
            'Say "skip" if you don\'t have it to hand.'
        ),
        buttons=SKIP_BUTTON,
        variants={"sms": N_("What reference number did the police give you?")},
    ),
    "utter_police_reference_invalid": Response(
        N_(
            "Sorry, that is too long for a police reference. Please send just the reference, "
            "up to {max_length} characters, for example 43210012345."
        ),
        variants={
            "sms": N_("Please send just the police reference, up to {max_length} characters.")
        },
    ),
    "utter_ask_reporter_postcode": Response(
        N_(
            "What is your own address and postcode? It may be different from where this is "
            'happening. If it is the same, say "same". Say "skip" if you would rather not say.'
        ),
        buttons=SKIP_BUTTON,
        variants={
            "sms": N_(
                'What is your own address and postcode? If it is where this happens, reply "same".'
            )
        },
    ),
    "utter_postcode_needed": Response(
        N_("Thank you. And what is your postcode? For example ZZ99 1AA.")
    ),
    "utter_ask_communication_language": Response(
        N_("Which language would you like an interpreter for?"), buttons=SKIP_BUTTON
    ),
    "utter_ask_communication_other": Response(
        N_("What would help you talk to us? Tell me in your own words."), buttons=SKIP_BUTTON
    ),
    "utter_call_not_text_noted": Response(
        N_("OK, the team will phone you rather than text you about this report.")
    ),
    "utter_evidence_objection_noted": Response(
        N_(
            "Thank you, I have noted that you object. The team will talk to you before they "
            "use anything you give us."
        ),
        variants={"sms": N_("Noted: you object. The team will talk to you before using anything.")},
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
    # -- cancelling ---------------------------------------------------------------------------
    # By SMS a text that is only "stop" or "cancel" opts the resident out of every text (core/
    # sms_keywords.py): the words offered here are "cancel report" (bot/commands.py) and the
    # options' numbers, and no option's title is a reserved word on its own.
    "utter_ask_cancel": Response(
        N_("Do you want to cancel this report? Nothing will be sent."),
        buttons=(
            Button(N_("Yes, cancel the report"), AFFIRM),
            Button(N_("No, carry on"), DENY),
        ),
    ),
    "utter_cancelled": Response(
        N_(
            "OK, I have cancelled the report. Nothing has been sent. If you need us again, just "
            "send a message. If anyone is in danger, call 999."
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
        ),
        # With the case PIN (shown once, never on SMS: bot/actions/submit.py).
        when_given={
            "pin": N_(
                "Thank you. Your report has been sent. Your reference is {reference} and your "
                "PIN is {pin}. Keep both to check on your report. Our team will review it on "
                "{review_day}."
            )
        },
    ),
    "utter_report_sent_plain": Response(
        N_("Thank you. Your report has been sent. Our team will review it on {review_day}.")
    ),
    "utter_report_not_saved": Response(
        N_(
            'Sorry, I could not save your report just now. Please say "yes" to try again in a '
            "minute, or contact {landlord_name} on {landlord_phone}. If anyone is in danger, "
            "call 999."
        ),
        buttons=(Button(N_("Try again"), AFFIRM),),
    ),
    # How the acknowledgement goes, as the backend answers it (bot/actions/submit.py).
    "utter_text_follows": Response(
        N_("We will also send you a text to confirm."),
        when_given={
            "number_opted_out": N_(
                "We cannot text that number: it has asked us to send no texts (it replied STOP "
                "to one of ours), so no updates about your report will go to it by text. To get "
                "them, text START from that phone to the number our texts came from."
            ),
            "by_email": N_("We will also send you an email to confirm."),
        },
    ),
    "utter_report_saved_pending": Response(
        N_(
            "Thank you. Your report is saved. Our system could not log it with the team just "
            "now, but it will be passed to them automatically. You don't need to do anything."
        )
    ),
    "utter_pending_text_follows": Response(
        N_("We will text you your reference once it has been logged.")
    ),
    # The report was refused: it is kept and shown to staff as a held report (review_day:
    # the working day the team sees it, bot/actions/handover.py).
    "utter_report_failed": Response(
        N_(
            "Sorry, something went wrong when logging your report. We have kept a copy and "
            "the team will see it on {review_day}. If you would like to talk to someone, "
            "contact {landlord_name} on {landlord_phone}."
        )
    ),
    "utter_danger_reminder": Response(N_("If things get worse or anyone is in danger, call 999.")),
}

# One response per multiple-choice question (bot/questions.py): numbered buttons, so a reply on
# SMS can be the number; "Prefer not to say" is the last option where it is offered.
CHOICE_RESPONSES: dict[str, Response] = {}
for _question in CHOICE_QUESTIONS.values():
    CHOICE_RESPONSES[f"utter_ask_{_question.slot}"] = Response(
        _question.text,
        buttons=tuple(
            Button(option.label, str(number))
            for number, option in enumerate(_question.all_options(), start=1)
        ),
        variants={"sms": _question.sms} if _question.sms else {},
    )

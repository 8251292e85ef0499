"""Replies about the ASB Case Review (bot/actions/case_review.py): what it is, the check of the
resident's reports against the threshold, and the outcome in plain words, naming the decision
day. By SMS nothing here suggests a word that would stop our texts.
"""

from __future__ import annotations

from bot.messages.response import YES_NO, Button, Response
from core.i18n import N_

ASK_REVIEW = "/ask_case_review"

CASE_REVIEW_RESPONSES: dict[str, Response] = {
    "utter_case_review_explained": Response(
        N_(
            "An ASB Case Review (it used to be called the Community Trigger) is a fresh look at "
            "how your reports of anti-social behaviour have been dealt with, by us and partners "
            "such as the council and the police. You can have one when you have reported the "
            "problem {reports} times in {months} months, each time within a month of it "
            "happening."
        ),
        variants={
            "sms": N_(
                "An ASB Case Review is a fresh look at how your reports have been dealt with. "
                "You can have one after {reports} reports in {months} months, each made within "
                "a month of it happening."
            )
        },
    ),
    "utter_ask_case_review_confirmed": Response(
        N_("Shall I check your reports and, if they meet this, send your application?"),
        buttons=YES_NO,
    ),
    "utter_case_review_not_sent": Response(
        N_(
            'OK, I have not sent anything. If you change your mind, just say "case review". '
            "If anyone is in danger, call 999."
        ),
        variants={
            "sms": N_(
                'OK, nothing has been sent. Text "case review" if you change your mind. '
                "If anyone is in danger, call 999."
            )
        },
    ),
    "utter_case_review_recorded": Response(
        N_(
            "Done: your application for an ASB Case Review is recorded (about your report "
            "{reference}). We will tell you our decision by {decision_day}. What happens next: "
            "we look at all your reports and what has been done about them, with the council "
            "and the police, then tell you whether there will be a review."
        )
    ),
    "utter_case_review_ack_sms": Response(N_("We have sent you a text to confirm it.")),
    "utter_case_review_ack_email": Response(N_("We have sent you an email to confirm it.")),
    "utter_case_review_ack_call": Response(
        N_("We will call you to confirm it, as you asked us to call rather than write.")
    ),
    "utter_case_review_ack_none": Response(
        N_(
            "We have no way to write to you about it, so please keep a note of that day. You "
            'can ask me again at any time: just say "case review".'
        )
    ),
    "utter_case_review_already": Response(
        N_(
            "You have already asked for an ASB Case Review and it is recorded (about your "
            "report {reference}). We will tell you our decision by {decision_day}."
        )
    ),
    "utter_case_review_not_met": Response(
        N_(
            "I have checked. Reports that count: {counted} in the last {months} months (each "
            "made within a month of what happened). An ASB Case Review needs {reports}, so it "
            "is not possible yet. I have noted that you asked."
        )
    ),
    "utter_case_review_unclear": Response(
        N_(
            "Reports I could not count because they did not say when it happened: {unclear}. "
            "If they were made within a month of what happened, call {landlord_name} on "
            "{landlord_phone} and ask for them to be counted."
        )
    ),
    "utter_case_review_other_options": Response(
        N_(
            "What you can do now: report it each time it happens, as every report counts; get "
            "free, independent advice from ASB Help at asbhelp.co.uk; if you are unhappy with "
            "how we have dealt with it, make a complaint to {landlord_name} on "
            "{landlord_phone}; and the council can help too, for example with noise. If anyone "
            "is in danger, call 999."
        ),
        variants={
            "sms": N_(
                "What you can do now: report it each time it happens (every report counts); "
                "free advice from ASB Help at asbhelp.co.uk; complain to {landlord_name} on "
                "{landlord_phone}; or ask the council. If anyone is in danger, call 999."
            )
        },
    ),
    "utter_case_review_after_report": Response(
        N_(
            "You can ask for an ASB Case Review once we have finished this report, and this "
            'report will count towards it: just say "case review" afterwards. Now, back to '
            "your report."
        ),
        variants={
            "sms": N_(
                "You can ask for an ASB Case Review once this report is done, and it will "
                'count towards it: text "case review" afterwards. Now, back to your report.'
            )
        },
    ),
    "utter_case_review_not_found": Response(
        N_(
            "Sorry, we could not find reports that match those details. You can try again, or "
            "call {landlord_name} on {landlord_phone} to ask for an ASB Case Review."
        ),
        buttons=(Button(N_("Try again"), ASK_REVIEW),),
        variants={
            "sms": N_(
                "Sorry, I could not find reports from this number. If you reported another "
                "way, call {landlord_name} on {landlord_phone} to ask for an ASB Case Review."
            )
        },
    ),
}

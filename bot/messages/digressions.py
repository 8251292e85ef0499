"""Replies off the report's path: answers to questions asked in the middle of a report
(`action_answer_question`) and good-neighbour matters (bot/goodneighbour.py), never a dead end.
"""

from __future__ import annotations

from bot.messages.response import AFFIRM, DENY, Button, Response
from core.i18n import N_

DIGRESSION_RESPONSES: dict[str, Response] = {
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
}

"""The safety routes' replies (core/safety/, `action_safety_advice`): advice always comes first."""

from __future__ import annotations

from bot.messages.response import Response
from core.i18n import N_

SAFETY_RESPONSES: dict[str, Response] = {
    # -- safety routes (core/safety/, action_safety_advice): advice always comes first -------
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
            "this to the team that deals with it on {review_day}, and I will ask you before we "
            "ever send you a text."
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
}

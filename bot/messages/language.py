"""Replies about the conversation's language (issue 16; bot/language_choice.py,
bot/actions/language.py). The menu's buttons are the languages' own names, added by bot/nlg.py."""

from __future__ import annotations

from bot.messages.response import Response
from core.i18n import N_

LANGUAGE_RESPONSES: dict[str, Response] = {
    # The menu: its buttons are every language in its own script (bot/nlg.py).
    "utter_choose_language": Response(
        N_("Which language would you like me to use? Choose one, or type its name."),
        variants={"sms": N_("Which language? Reply with a number or a name:")},
    ),
    # Said in the language just chosen; the report form then asks its question again.
    "utter_language_chosen": Response(
        N_("Thank you. I will write to you in {language_name} from now on."),
    ),
    # The same, outside a report.
    "utter_language_chosen_tell": Response(
        N_(
            "Thank you. I will write to you in {language_name} from now on. "
            "What has been happening?"
        ),
    ),
}

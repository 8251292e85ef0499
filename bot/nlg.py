"""Render bot responses from the catalog (`bot/messages/`) for Rasa's NLG.

Every `utter_*` Rasa sends (domain responses, form questions and
`dispatcher.utter_message(response=...)` from custom actions) is rendered here: in the Rasa
server's process (bot/catalog_nlg.py), or by the action server's NLG endpoint, to which Rasa
POSTs `{"response", "arguments", "tracker", "channel": {"name"}}` (`render_request`) for a
conversation given safety advice. `render()` answers with `{"text", "buttons"}` in the
conversation's language.

Placeholders are filled, first match wins, from: values computed here (`summary`), the action's
arguments, the tracker's slots, then settings (`landlord_name`, `landlord_phone`); `review_day`,
when no action gave it, is the day a report sent now would be reviewed (its queue date in the
landlord's working calendar, core/workdays.py, named as in "Monday 7 December"). Slot values are
shown as residents read them (yes/no, frequency labels, "Not given"). Nothing here logs message
text or slot values.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

import phonenumbers

from bot import language_choice, messages
from bot.constants import NO_WITNESSES, RAM_SLOTS, SKIPPED
from bot.messages import RESPONSES
from bot.questions import CHOICE_QUESTIONS, PREFER_NOT_TO_SAY
from core.i18n import _, day_name, normalise_language
from core.settings import Settings
from core.workdays import WorkingCalendar

logger = logging.getLogger(__name__)

# Keys rasa_sdk's dispatcher always sends along with the response name; not placeholders.
DISPATCHER_KEYS = frozenset(
    {"text", "buttons", "elements", "custom", "template", "response", "image", "attachment", "id"}
)
# Input channel name (tracker `latest_input_channel`, else the output channel) -> family.
CHANNEL_FAMILIES = {
    "sms": "sms",
    "twilio": "sms",
    "webchat": "web",
    "rest": "rest",
    "collector": "rest",
}
SUMMARY_FIELDS = messages.SUMMARY_FIELDS
OTHER_CATEGORY = "other_asb"


def channel_family(tracker: Mapping[str, Any], channel_name: str | None) -> str:
    """`sms`, `web` or `rest`: where the resident reads this reply."""
    for name in (tracker.get("latest_input_channel"), channel_name):
        if name and name in CHANNEL_FAMILIES:
            return CHANNEL_FAMILIES[name]
    return "rest"


def conversation_language(tracker: Mapping[str, Any], default: str) -> str:
    """The `language` slot, else a language chosen on the web in this turn (the page follows
    from the next message: bot/actions/language.py), else the language the channel sent with
    the message, else default."""
    slot = (tracker.get("slots") or {}).get("language")
    metadata = (tracker.get("latest_message") or {}).get("metadata") or {}
    chosen = language_choice.chosen_this_turn(tracker)
    for candidate in (slot, chosen, metadata.get("language"), default):
        if isinstance(candidate, str) and candidate.strip():
            return normalise_language(candidate)
    return normalise_language(None)


def display_value(name: str, value: Any, language: str) -> str:
    """A slot value as the resident reads it in a summary."""
    if value is None or value == SKIPPED or value == "":
        return _(messages.VALUE_NOT_GIVEN, language)
    if isinstance(value, bool):
        return _(messages.VALUE_YES if value else messages.VALUE_NO, language)
    if name == "frequency" and value in messages.FREQUENCY_LABELS:
        return _(messages.FREQUENCY_LABELS[value], language)
    if name == "phone":
        return _national_phone(str(value))
    if name in ("category", "category_choice") and value in messages.CATEGORY_LABELS:
        return _(messages.CATEGORY_LABELS[value], language)
    if name == "witnesses" and value == NO_WITNESSES:
        return _(messages.VALUE_NO_ONE, language)
    if name == "anonymous" and value in ("yes", "no"):
        return _(messages.VALUE_YES if value == "yes" else messages.VALUE_NO, language)
    question = CHOICE_QUESTIONS.get(name)
    if question is not None:
        labels = {option.code: option.label for option in question.all_options()}
        codes = value if isinstance(value, list) else [value]
        return ", ".join(_(labels[c], language) if c in labels else str(c) for c in codes)
    # A button whose payload is the answer itself ("Any time" -> "any time"): its title, in
    # the resident's language, not the English payload.
    asked = RESPONSES.get(f"utter_ask_{name}")
    for button in asked.buttons if asked is not None else ():
        if not button.payload.startswith("/") and value == button.payload:
            return _(button.title, language)
    return str(value)


def _national_phone(e164: str) -> str:
    """+447700900123 -> 07700 900123, the way residents write their number."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def build_summary(fields: Iterable[str], slots: Mapping[str, Any], language: str) -> str:
    """One "Label: value" line per field; the risk questions as a count of answers."""
    lines = []
    for name in fields:
        label = messages.FIELD_LABELS.get(name)
        if label is None:
            continue
        value = slots.get("category") if name == "category_choice" else slots.get(name)
        if name == "ram_start":
            answered = sum(
                1
                for slot in RAM_SLOTS
                if slots.get(slot) not in (None, SKIPPED, PREFER_NOT_TO_SAY, [PREFER_NOT_TO_SAY])
            )
            count = _(messages.VALUE_RISK_ANSWERS, language).format(count=answered)
            lines.append(f"{_(label, language)}: {count}")
            continue
        lines.append(f"{_(label, language)}: {_summary_value(name, value, slots, language)}")
    return "\n".join(lines)


def _summary_value(name: str, value: Any, slots: Mapping[str, Any], language: str) -> str:
    """A summary line's value; the address line goes with the postcode, the language and the
    resident's own words with their communication needs."""
    shown = display_value(name, value, language)
    if name == "reporter_postcode" and slots.get("reporter_address") not in (None, "", SKIPPED):
        postcode = [] if value in (None, "", SKIPPED) else [str(value)]
        return ", ".join([str(slots["reporter_address"]), *postcode])
    if name == "communication_needs" and isinstance(value, list):
        extra = [
            str(slots[slot])
            for slot in ("communication_language", "communication_other")
            if slots.get(slot) not in (None, "", SKIPPED)
        ]
        return f"{shown} ({'; '.join(extra)})" if extra else shown
    return shown


def category_buttons(candidates: Any, language: str) -> list[dict[str, str]]:
    """Numbered buttons for the likely categories, then "Something else"."""
    codes = [c for c in candidates or [] if c in messages.CATEGORY_LABELS and c != OTHER_CATEGORY]
    codes.append(OTHER_CATEGORY)
    return [
        {"title": _(messages.CATEGORY_LABELS[code], language), "payload": str(number)}
        for number, code in enumerate(codes, start=1)
    ]


class _SafeFormatter(string.Formatter):
    """`str.format` that only allows plain `{name}` fields and leaves unknown ones empty."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        if not field_name.isidentifier():
            return "", field_name
        return super().get_field(field_name, args, kwargs)

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str) and key in kwargs:
            return kwargs[key]
        logger.warning("nlg: no value for placeholder %r", key)
        return ""


_FORMATTER = _SafeFormatter()


def _placeholder_values(
    response_name: str,
    arguments: Mapping[str, Any],
    tracker: Mapping[str, Any],
    settings: Settings,
    language: str,
) -> dict[str, str]:
    slots = tracker.get("slots") or {}
    values: dict[str, Any] = {
        "landlord_name": settings.landlord_name,
        "landlord_phone": settings.landlord_phone,
    }
    values.update({k: display_value(k, v, language) for k, v in slots.items()})
    values.update({k: v for k, v in arguments.items() if k not in DISPATCHER_KEYS})
    if arguments.get("field") in messages.FIELD_LABELS:
        values["field_label"] = _(messages.FIELD_LABELS[str(arguments["field"])], language)
    if response_name == "utter_summary":
        fields = arguments.get("summary_fields") or SUMMARY_FIELDS
        values["summary"] = build_summary(fields, slots, language)
    return {k: "" if v is None else str(v) for k, v in values.items()}


def review_day(settings: Settings, language: str, now: datetime | None = None) -> str:
    """The named day the team reviews a report sent at `now`: its queue date (the same day
    before the office closes on a working day, else the next working day; docs/domain.md
    section 7)."""
    calendar = WorkingCalendar.from_settings(settings)
    return day_name(calendar.queue_date(now or datetime.now(timezone.utc)), language)


def render(
    response_name: str,
    arguments: Mapping[str, Any] | None,
    tracker: Mapping[str, Any] | None,
    channel_name: str | None,
    settings: Settings,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The NLG answer for one response: `{"text": ..., "buttons": [...]}` (or `{}` if unknown).

    `now` (the current time when not given) only names the review day."""
    arguments = arguments or {}
    tracker = tracker or {}
    spec = RESPONSES.get(response_name)
    if spec is None:
        logger.error("nlg: unknown response %s", response_name)
        return {}
    # A reply confirming a new language is said in it (its slot is set after the reply).
    language = (
        normalise_language(arguments.get("reply_language"))
        if arguments.get("reply_language")
        else conversation_language(tracker, settings.default_language)
    )
    family = channel_family(tracker, channel_name)
    source = next(
        (text for name, text in spec.when_given.items() if arguments.get(name)),
        spec.variants.get(family, spec.text),
    )
    values = _placeholder_values(response_name, arguments, tracker, settings, language)
    template = _(source, language)
    if "{review_day}" in template and not values.get("review_day"):
        values["review_day"] = review_day(settings, language, now)
    text = _FORMATTER.vformat(template, (), values)
    answer: dict[str, Any] = {"text": text}
    if response_name == "utter_ask_category_choice":
        candidates = arguments.get("category_candidates") or (tracker.get("slots") or {}).get(
            "category_candidates"
        )
        answer["buttons"] = category_buttons(candidates, language)
    elif response_name == "utter_choose_language":
        answer["buttons"] = language_choice.menu_buttons()
    elif spec.buttons:
        # Every channel gets the buttons; the SMS path numbers them (see bot/messages/).
        answer["buttons"] = [
            {"title": _(button.title, language), "payload": button.payload}
            for button in spec.buttons
        ]
    if not arguments.get("reply_language") and response_name != "utter_choose_language":
        language_choice.first_sms_reply(answer, tracker, family)  # not after a choice
    return answer


def render_request(body: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
    """Render Rasa's NLG request body (see the module docstring)."""
    channel = body.get("channel") or {}
    return render(
        str(body.get("response") or ""),
        body.get("arguments") or {},
        body.get("tracker") or {},
        channel.get("name") if isinstance(channel, Mapping) else None,
        settings,
    )

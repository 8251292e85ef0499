"""The bot's texts stay in one catalog, extracted for translators, and the domain matches it."""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from rasa_sdk.executor import ActionExecutor

from bot.constants import FORM_SLOTS, REPORT_SLOTS
from bot.messages import FIELD_LABELS, RESPONSES

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text())
# Placeholders an action passes as arguments or the NLG renderer computes / takes from settings.
ARGUMENT_PLACEHOLDERS = {
    "reference", "review_day", "max_length", "summary", "closes", "opens", "next_day",
    "status_text", "field_label", "pin",
    "language_name",  # the language just chosen, in its own script (bot/actions/language.py)
    # the ASB Case Review (bot/actions/case_review.py)
    "reports", "months", "decision_day", "counted", "unclear",
}  # fmt: skip
SETTINGS_PLACEHOLDERS = {"landlord_name", "landlord_phone"}


def bot_strings() -> set[str]:
    """Every `_()` / `N_()` string in bot/, as `pybabel extract` finds it."""
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "bot"), method_map=[("**.py", "python")]
    ):
        found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


def test_every_bot_string_is_in_the_pot_file() -> None:
    """Fails when a string was added or changed without re-running the extraction:
    pybabel extract -F babel.cfg -o locales/messages.pot .   (then pybabel update)"""
    with (ROOT / "locales" / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    extracted = {message.id for message in template if message.id}
    missing = sorted(bot_strings() - extracted)
    assert not missing, f"missing from locales/messages.pot: {missing}"


def test_english_catalog_exists() -> None:
    assert (ROOT / "locales" / "en" / "LC_MESSAGES" / "messages.po").exists()


def test_every_response_text_is_marked_for_translation() -> None:
    strings = bot_strings()
    for name, response in RESPONSES.items():
        assert response.text in strings, name
        assert all(text in strings for text in response.variants.values()), name
        assert all(text in strings for text in response.when_given.values()), name
        assert all(button.title in strings for button in response.buttons), name


def test_domain_responses_match_the_catalog() -> None:
    assert set(DOMAIN["responses"]) == set(RESPONSES)
    for name, variants in DOMAIN["responses"].items():
        assert variants == [{"text": f"[nlg] {name}"}], "domain texts are placeholders only"


def test_placeholders_can_all_be_filled() -> None:
    known = set(DOMAIN["slots"]) | ARGUMENT_PLACEHOLDERS | SETTINGS_PLACEHOLDERS
    for name, response in RESPONSES.items():
        for text in (response.text, *response.variants.values(), *response.when_given.values()):
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            assert fields <= known, (name, fields - known)


def test_form_questions_and_custom_actions_exist() -> None:
    actions = set(DOMAIN["actions"])
    for slot in DOMAIN["forms"]["report_form"]["required_slots"]:
        assert f"utter_ask_{slot}" in RESPONSES or f"action_ask_{slot}" in actions, slot
    executor = ActionExecutor()
    executor.register_package("bot.actions")
    assert actions <= set(executor.actions)


def test_constants_match_the_domain() -> None:
    assert tuple(DOMAIN["forms"]["report_form"]["required_slots"]) == FORM_SLOTS
    assert set(REPORT_SLOTS) <= set(DOMAIN["slots"])
    assert set(FIELD_LABELS) == set(FORM_SLOTS)
    assert DOMAIN["slots"]["stage"]["values"] == [
        "confirm", "change", "cancel", "sent", "good_neighbour"
    ]  # fmt: skip

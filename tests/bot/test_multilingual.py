"""Issue 16: a message in another language is decided by that language's lexicons in place of
the English classifiers' guess; buttons, numbers, commands and form answers are left alone."""

from __future__ import annotations

import pytest

from bot.multilingual import language_intent, message_language


@pytest.mark.parametrize(
    ("text", "language", "decided", "expected"),
    [
        # the safety layer in the language, whatever the English classifiers said
        ("Mężczyzna z nożem stoi pod moimi drzwiami", "pl", "asb_noise", "emergency"),
        ("O meu marido bate-me e não me deixa sair", "pt", "greet", "asb_domestic_abuse"),
        ("ਉਹ ਮੈਨੂੰ ਪਾਕੀ ਕਹਿੰਦੇ ਨੇ", "pa", "nlu_fallback", "asb_hate"),
        ("Mi-au furat bicicleta ieri din curte", "ro", "report_asb", "crime_not_in_progress"),
        # what the description is about, in place of the classifiers' guess
        ("Sąsiad gra głośno muzykę każdej nocy", "pl", "nlu_fallback", "asb_noise"),
        ("Mae ci drws nesa yn cyfarth drwy'r dydd", "cy", "asb_vandalism", "asb_pets_animals"),
        ("Dzieci bawią się w ogrodzie po szkole", "pl", "report_asb", "not_asb"),
        ("Tenho uma infiltração na casa de banho", "pt", "report_asb", "out_of_scope"),
        # a safety route only the English classifiers saw is not kept
        ("پڑوسی رات بھر اونچی آواز میں گانے چلاتے ہیں", "ur", "emergency", "asb_noise"),
        # a description nothing recognises: a report whose kind the form asks with buttons
        ("Sąsiedzi robią coś dziwnego od miesięcy", "pl", "nlu_fallback", "report_asb"),
    ],
)
def test_a_message_in_another_language_is_read_in_that_language(
    text: str, language: str, decided: str, expected: str
) -> None:
    assert language_intent(text, language, decided) == expected


@pytest.mark.parametrize(
    ("text", "language", "decided"),
    [
        ('/choose_language{"language": "pl"}', "pl", "choose_language"),  # a button
        ("2", "pl", "nlu_fallback"),  # a number from a menu
        ("tak", "pl", "affirm"),  # a short answer
        ("język", "pl", "choose_language"),  # the language menu
        ("cancel report", "pl", "cancel"),  # a command recognised by its words
        ("Flat 3, 12 High Street", "cy", "nlu_fallback"),  # a short form answer
        ("the dog next door barks all day", "en", "asb_pets_animals"),  # English
    ],
)
def test_buttons_numbers_commands_answers_and_english_are_left_alone(
    text: str, language: str, decided: str
) -> None:
    assert language_intent(text, language, decided) is None


def test_a_conversation_intent_the_english_classifier_read_into_other_words_is_dropped() -> None:
    # DIET, trained on language names in their own script, can read a sentence in Urdu script
    # as the language menu; the form would then not take it as an answer.
    assert language_intent("میری بلڈنگ کی سیڑھیوں پر", "ur", "choose_language") == "report_asb"
    assert language_intent("سیڑھیوں پر", "ur", "choose_language") == "nlu_fallback"
    assert language_intent("اردو", "ur", "choose_language") is None  # the menu by its words
    # a sentence in the language is a description whatever intent was read into it
    assert language_intent("Sąsiad gra głośno muzykę każdej nocy", "pl", "greet") == "asb_noise"


def test_the_message_language_from_the_words_or_the_conversation() -> None:
    assert message_language("Sąsiad gra głośno muzykę każdej nocy", None) == "pl"
    assert message_language("tak", None) == "en"
    assert message_language("tak", {"language": "pl"}) == "pl"
    assert message_language("12 High Street", {"language": "cy-GB"}) == "cy"
    assert message_language("ok", {"language": "xx"}) == "en"
    assert message_language("میرا پڑوسی بہت شور کرتا ہے", {"language": "pl"}) == "ur"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Helo, oes rhywun yna?", "cy"),
        ("Dzień dobry, czy można tu pisać po polsku?", "pl"),
        ("Buna ziua, vorbiti romaneste?", "ro"),
        ("ਸਤ ਸ੍ਰੀ ਅਕਾਲ ਜੀ", "pa"),
        ("السلام علیکم، کوئی ہے؟", "ur"),
        ("Olá, alguém aí?", "pt"),
    ],
)
def test_a_greeting_or_is_anyone_there_gets_the_welcome_not_a_report(
    text: str, language: str
) -> None:
    assert language_intent(text, language, "report_asb") == "greet"


def test_a_greeting_with_a_complaint_is_still_read_as_a_report() -> None:
    intent = language_intent("Dzień dobry, sąsiad puszcza głośno muzykę co noc do 3", "pl", "greet")
    assert intent not in (None, "greet")


ABUSE_NOW_RO = "sotul e beat si ma bate, copiii plang in camera lor si eu nu stiu ce sa mai fac"


def test_the_classifiers_emergency_outweighs_the_lexicons_domestic_abuse() -> None:
    ranking = [
        {"name": "asb_domestic_abuse", "confidence": 0.5},
        {"name": "emergency", "confidence": 0.45},
    ]
    assert language_intent(ABUSE_NOW_RO, "ro", "report_asb", ranking) == "emergency"


def test_a_small_likelihood_of_emergency_leaves_the_lexicons_domestic_abuse() -> None:
    ranking = [
        {"name": "asb_domestic_abuse", "confidence": 0.8},
        {"name": "emergency", "confidence": 0.1},
    ]
    assert language_intent(ABUSE_NOW_RO, "ro", "report_asb", ranking) == "asb_domestic_abuse"


def test_a_short_answer_is_never_made_an_emergency_by_the_classifier() -> None:
    ranking = [{"name": "emergency", "confidence": 0.9}]
    assert language_intent("yr un fath", "cy", "form_answer", ranking) != "emergency"

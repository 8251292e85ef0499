"""Issue 16: the safety layer in Welsh, Polish, Romanian, Panjabi, Urdu and Portuguese, and
telling which language a message is in. Danger now is an emergency; the same words in the
past or negated are not; domestic abuse, hate and self-harm are found in each language; and
English messages get exactly the English layer's answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import safety
from core.language_detect import detect
from core.safety.languages import LANGUAGE_CODES, check_language, fold
from core.topics import topic

ROUTES_DATA = Path(__file__).resolve().parents[3] / "bot" / "data" / "routes"


def route(text: str, language: str) -> str | None:
    found = safety.check(text, language=language)
    return found.route if found else None


# (language, danger now, the same in the past, the same negated)
DANGER = [
    (
        "pl",
        "Mężczyzna z nożem stoi pod moimi drzwiami",
        "Wczoraj mężczyzna z nożem stał pod moimi drzwiami",
        "Nie ma noża, tylko krzyczy pod drzwiami",
    ),
    (
        "pt",
        "Está um homem com uma faca à minha porta",
        "Ontem estava um homem com uma faca à minha porta",
        "Não tem faca nenhuma, só grita",
    ),
    (
        "ro",
        "Un bărbat are un cuțit la ușa mea",
        "Ieri un bărbat avea un cuțit la ușa mea",
        "Nu are cuțit, doar țipă",
    ),
    (
        "cy",
        "Mae dyn gyda chyllell wrth fy nrws",
        "Roedd dyn gyda chyllell wrth fy nrws ddoe",
        "Does dim cyllell, jyst gweiddi",
    ),
    ("ur", "اس کے پاس چاقو ہے", "پچھلے ہفتے اس کے پاس چاقو تھا", "اس کے پاس چاقو نہیں ہے"),
    ("ur", "uske paas chaku hai", "pichle hafte uske paas chaku tha", "uske paas chaku nahi hai"),
    ("pa", "ਉਹਦੇ ਕੋਲ ਚਾਕੂ ਹੈ", "ਪਿਛਲੇ ਹਫ਼ਤੇ ਉਹਦੇ ਕੋਲ ਚਾਕੂ ਸੀ", "ਉਹਦੇ ਕੋਲ ਚਾਕੂ ਨਹੀਂ ਹੈ"),
]


@pytest.mark.parametrize(("language", "now", "past", "negated"), DANGER)
def test_danger_now_is_999_and_the_same_words_past_or_negated_are_not(
    language: str, now: str, past: str, negated: str
) -> None:
    assert route(now, language) == "emergency"
    assert route(past, language) in ("crime_101", None)
    assert route(negated, language) != "emergency"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Pali się mieszkanie obok, dużo dymu"),
        ("pl", "Ktoś włamuje się przez okno"),
        ("pl", "On grozi, że mnie zabije"),
        ("pt", "Há fogo no prédio"),
        ("pt", "Alguém está a tentar entrar pela janela"),
        ("pt", "Levaram a minha filha à força para um carro"),
        ("ro", "Miroase a gaz pe scară"),
        ("ro", "Cineva încearcă să intre pe geam"),
        ("ro", "Zice că mă omoară"),
        ("cy", "Mae'r fflat ar dân"),
        ("cy", "Mae rhywun yn trio torri i mewn"),
        ("cy", "Mae e'n bygwth fy lladd i"),
        ("ur", "وہ مجھے مار رہا ہے"),
        ("ur", "گھر میں آگ لگی ہے"),
        ("ur", "woh mujhe maar raha hai"),
        ("pa", "ਉਹ ਮੈਨੂੰ ਮਾਰ ਰਿਹਾ ਹੈ"),
        ("pa", "ਘਰ ਨੂੰ ਅੱਗ ਲੱਗੀ ਹੈ"),
        ("pa", "koi ghar vich varr reha hai"),
    ],
)
def test_fire_intruders_threats_and_attacks_now_are_999(language: str, text: str) -> None:
    assert route(text, language) == "emergency"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Nie chcę już żyć"),
        ("pt", "Não quero mais viver, penso em me matar"),
        ("ro", "Nu mai vreau să trăiesc"),
        ("cy", "Dw i ddim eisiau byw rhagor"),
        ("ur", "میں خودکشی کا سوچ رہی ہوں"),
        ("ur", "main khudkushi karna chahti hoon"),
        ("pa", "ਮੈਂ ਜੀਣਾ ਨਹੀਂ ਚਾਹੁੰਦੀ"),
    ],
)
def test_self_harm_is_999_with_the_safeguarding_flag(language: str, text: str) -> None:
    found = safety.check(text, language=language)
    assert found is not None and found.route == "emergency"
    assert found.reason == "self_harm" and "safeguarding" in found.flags


@pytest.mark.parametrize(
    ("language", "habit", "now"),
    [
        ("pl", "Mój mąż mnie bije", "Mój mąż mnie bije teraz, pomocy"),
        ("pt", "O meu marido bate-me", "O meu marido está a bater-me agora"),
        ("ro", "Soțul meu mă bate", "Soțul meu mă bate acum"),
        ("cy", "Mae fy ngŵr yn fy nharo i", "Mae fy ngŵr yn fy nharo i nawr"),
        ("ur", "میرا شوہر مجھے مارتا ہے", "میرا شوہر مجھے ابھی مار رہا ہے"),
        ("pa", "ਮੇਰਾ ਪਤੀ ਮੈਨੂੰ ਕੁੱਟਦਾ ਹੈ", "ਮੇਰਾ ਪਤੀ ਮੈਨੂੰ ਹੁਣ ਮਾਰ ਰਿਹਾ ਹੈ"),
    ],
)
def test_domestic_abuse_and_abuse_happening_now(language: str, habit: str, now: str) -> None:
    found = safety.check(habit, language=language)
    assert found is not None and found.route == "domestic_abuse"
    assert route(now, language) == "emergency"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Były partner ciągle mi grozi"),
        ("pt", "O meu ex namorado ameaça-me todos os dias"),
        ("ro", "Fostul meu mă amenință"),
        ("cy", "Mae fy nghyn bartner yn fy mygwth"),
        ("ur", "mera sabiq shohar mujhe dhamkiyan deta hai"),
        ("pa", "mera gharwala mainu dhamkiyan dinda hai"),
    ],
)
def test_threats_and_control_by_a_partner_or_ex_are_domestic_abuse(
    language: str, text: str
) -> None:
    assert route(text, language) == "domestic_abuse"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Wyzywają mnie bo jestem Polakiem"),
        ("pl", "Każą mi wracać do swojego kraju"),
        ("pt", "Insultam a minha família por sermos muçulmanos"),
        ("pt", "Dizem para voltar para a minha terra, é racismo"),
        ("ro", "Ne înjură pentru că suntem români"),
        ("cy", "Maen nhw'n galw enwau arna i achos dw i'n hoyw"),
        ("cy", "Mae'n hiliol"),
        ("ur", "مسلمان ہونے کی وجہ سے پڑوسی گالیاں دیتے ہیں"),
        ("ur", "kehte hain apne mulk wapas jao"),
        ("pa", "ਸਿੱਖ ਹੋਣ ਕਰਕੇ ਮੇਰੀ ਪੱਗ ਦਾ ਮਜ਼ਾਕ ਉਡਾਉਂਦੇ ਨੇ"),
    ],
)
def test_hate_for_who_the_resident_is(language: str, text: str) -> None:
    assert route(text, language) == "hate"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Ktoś ukradł mój rower w zeszłym tygodniu"),
        ("pt", "Roubaram o meu carro ontem à noite"),
        ("ro", "Mi-au furat bicicleta ieri"),
        ("cy", "Mae rhywun wedi dwyn fy meic"),
        ("ur", "پچھلے ہفتے میری سائیکل چوری ہو گئی"),
        ("pa", "ਕੱਲ੍ਹ ਰਾਤ ਕਿਸੇ ਨੇ ਗੱਡੀ ਵਿੱਚੋਂ ਸਮਾਨ ਚੁਰਾ ਲਿਆ"),
        ("pl", "Wczoraj ktoś włamał się do piwnicy i ukradł rower"),
    ],
)
def test_a_crime_that_is_over_is_101(language: str, text: str) -> None:
    assert route(text, language) == "crime_101"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Sąsiad gra głośno muzykę każdej nocy"),
        ("pl", "Potrzebuję pomocy z hałasem sąsiada"),
        ("pt", "O cão do vizinho ladra o dia inteiro"),
        ("ro", "Am nevoie de ajutor cu zgomotul de la vecini"),
        ("ro", "Focurile de artificii ale vecinilor mă deranjează"),
        ("cy", "Cerddoriaeth uchel drws nesa tan 3 y bore"),
        ("ur", "پڑوسی رات بھر اونچی آواز میں گانے چلاتے ہیں"),
        ("pa", "ਗੁਆਂਢੀ ਦਾ ਕੁੱਤਾ ਸਾਰਾ ਦਿਨ ਭੌਂਕਦਾ ਹੈ"),
    ],
)
def test_everyday_nuisance_is_not_a_safety_route(language: str, text: str) -> None:
    assert safety.check(text, language=language) is None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # set D (session 11): noise that "is killing me", a fire exit blocked, a habit counted,
        # "until now", "should I ring the police?"
        ("cy", "Miwsig uchel bob nos tan 4 y bore, y bass yn ysgwyd y walia, ma'n lladd fi"),
        ("ro", "Vecinul pune muzica la maxim in fiecare noapte, ma omoara zgomotul asta"),
        ("ur", "اوپر والے رات بھر ہتھوڑی چلاتے ہیں، یہ شور مجھے مار ڈالے گا"),
        ("pt", "Os vizinhos deixam bicicletas e caixas na saída de incêndio"),
        ("pl", "Ktoś wyłamał zamek w drzwiach do piwnicy, to już trzeci raz w tym miesiącu"),
        ("pa", "ਪਿਛਲੇ ਮਹੀਨੇ ਗੁਆਂਢੀ ਨੇ ਕਿਹਾ ਸੀ ਚਾਕੂ ਮਾਰ ਦੂੰਗਾ। ਹੁਣ ਤੱਕ ਕੁਝ ਨਹੀਂ ਹੋਇਆ"),
        ("cy", "Mae rhywun wedi dwyn fy meic neithiwr. Ydw i fod i ffonio'r heddlu?"),
    ],
)
def test_figures_of_speech_fittings_and_habits_are_not_999(language: str, text: str) -> None:
    found = safety.check(text, language=language)
    assert found is None or found.route != safety.EMERGENCY, found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ro", "Ma omoara! Are un cutit si e la usa mea acum"),
        ("pt", "Fogo na saída de incêndio, há fumo em todo o lado, socorro"),
        ("cy", "Mae o'n fy nharo i rwan, helpwch"),
        # set F (session 11): "I think he's hurting her now"; "she'll take pills and end it all"
        ("cy", "Cwpl drws nesa yn ffraeo, dwi'n meddwl bod o'n ei brifo hi rŵan"),
        ("ur", "میرے دوست نے لکھا کہ وہ گولیاں کھا کر سب ختم کر دے گا"),
    ],
)
def test_the_same_words_in_danger_now_still_are(language: str, text: str) -> None:
    found = safety.check(text, language=language)
    assert found is not None and found.route == safety.EMERGENCY, found


def test_matching_ignores_accents_and_urdu_letter_variants() -> None:
    assert route("Mezczyzna z nozem stoi pod moimi drzwiami", "pl") == "emergency"
    assert route("Un barbat are un cutit la usa mea", "ro") == "emergency"
    # Arabic-keyboard yeh and kaf for the Urdu ones
    assert fold("ميرا شوہر") == fold("میرا شوہر")
    assert check_language("اس كے پاس چاقو ہے", "ur") is not None


def test_english_text_and_english_words_in_another_language() -> None:
    assert route("there is a man with a knife at my door", "en") == "emergency"
    # an English word for the danger in a Polish sentence still counts
    assert route("Sąsiad ma knife i krzyczy", "pl") == "emergency"
    assert check_language("anything", "en") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mae'r cymdogion yn swnllyd iawn bob nos", "cy"),
        ("Sąsiad gra głośno muzykę każdej nocy", "pl"),
        ("Vecinul meu face gălăgie toată noaptea", "ro"),
        ("O vizinho tem uma faca à minha porta", "pt"),
        ("ਮੇਰਾ ਗੁਆਂਢੀ ਬਹੁਤ ਰੌਲਾ ਪਾਉਂਦਾ ਹੈ", "pa"),
        ("میرا پڑوسی بہت شور کرتا ہے", "ur"),
        ("mera shohar mujhe maarta hai", "ur"),
        ("mainu mere gawandi ne dhamki ditti", "pa"),
        ("there is a man with a knife at my door", "en"),
        ("the neighbours are dealing drugs from the flat", "en"),
    ],
)
def test_detection(text: str, language: str) -> None:
    assert detect(text) == language


def test_short_messages_keep_english_or_the_conversations_language() -> None:
    assert detect("tak") == "en"
    assert detect("ok") == "en"
    assert detect("Flat 3, 12 High Street") == "en"
    assert detect("tak", conversation_language="pl") == "pl"
    assert detect("12 High Street", conversation_language="cy") == "cy"
    # a script says it, whatever the conversation's language
    assert detect("ہاں", conversation_language="pl") == "ur"


def test_topics_in_each_language() -> None:
    assert topic("Pies sąsiada szczeka cały dzień", "pl") == "pets_animals"
    assert topic("Dzieci bawią się w ogrodzie", "pl") == "not_asb"
    assert topic("Tenho uma infiltração na casa de banho", "pt") == "out_of_scope"
    assert topic("Vecinii vând droguri din apartament", "ro") == "drug_dealing"
    assert topic("Mae criw o bobl ifanc ar y grisiau", "cy") == "groups_communal"
    assert topic("پڑوسی باغ میں کچرا پھینکتا ہے", "ur") == "environmental"
    assert topic("ਕਿਸੇ ਨੇ ਦਰਵਾਜ਼ੇ ਤੇ ਗ੍ਰੈਫਿਟੀ ਬਣਾ ਦਿੱਤੀ", "pa") == "vandalism"
    assert topic("something in English", "en") is None


def test_every_language_has_a_lexicon_that_compiles() -> None:
    for code in LANGUAGE_CODES:
        assert check_language("", code) is None
        assert topic("", code) is None


def test_english_results_are_unchanged_on_the_labelled_english_messages() -> None:
    """Every labelled English resident message of bot/data/routes/ gets the same answer from
    `safety.check` (which detects the language) as from the English layer alone."""
    texts = [
        json.loads(line)["text"]
        for path in sorted(ROUTES_DATA.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(texts) > 1000
    changed = [text for text in texts if safety.check(text) != safety.check_english(text)]
    assert changed == []
    harm = [t for t in texts if safety.mentions_harm(t) != safety.mentions_harm_english(t)]
    assert harm == []


def test_words_of_danger_whatever_the_tense_in_each_language() -> None:
    assert safety.mentions_harm("Wczoraj sąsiad miał nóż")
    assert safety.mentions_harm("پچھلے ہفتے اس کے پاس چاقو تھا")
    assert safety.mentions_harm("Roedd ganddo gyllell ddoe", language="cy")
    assert not safety.mentions_harm("Sąsiad gra głośno muzykę każdej nocy")


@pytest.mark.parametrize(
    ("language", "by_relative", "to_relative"),
    [
        ("pl", "Mój brat mnie bije i zabiera mi pieniądze", "Sąsiad pobił mojego syna wczoraj"),
        ("pt", "O meu irmão bate-me e ameaça-me", "O vizinho bateu no meu irmão ontem"),
        ("ro", "Fratele meu mă bate", "Vecinul l-a bătut pe fratele meu ieri"),
        ("ur", "میرا بھائی مجھے مارتا ہے", "پڑوسی نے میرے بھائی کو مارا"),
        ("pa", "ਮੇਰਾ ਭਰਾ ਮੈਨੂੰ ਕੁੱਟਦਾ ਹੈ", "ਗੁਆਂਢੀ ਨੇ ਮੇਰੇ ਭਰਾ ਨੂੰ ਮਾਰਿਆ"),
    ],
)
def test_abuse_by_a_relative_is_domestic_abuse_an_assault_on_one_is_not(
    language: str, by_relative: str, to_relative: str
) -> None:
    assert route(by_relative, language) == "domestic_abuse"
    # an assault by a neighbour that is over: no safety route (the ASB category violence)
    assert route(to_relative, language) is None


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        ("pl", "Sąsiad parkuje przed moim domem", "not_asb"),
        ("pl", "Samochód porzucony na parkingu od miesięcy", "vehicle_nuisance"),
        ("pt", "O vizinho estaciona à frente da minha garagem", "not_asb"),
        ("pt", "Tenho ratos na cozinha", "out_of_scope"),
        ("cy", "Plant yn chwarae yn yr ardd ar ôl ysgol", "not_asb"),
        ("pl", "Sąsiedzi mieli imprezę w sobotę", "not_asb"),
    ],
)
def test_everyday_living_and_other_services_in_the_topic_tables(
    language: str, text: str, label: str | None
) -> None:
    assert topic(text, language) == label


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Dziecko wypadło z okna na trzecim piętrze"),
        ("pt", "Uma criança caiu da janela do terceiro andar"),
        ("ro", "Un copil a căzut de la fereastra de la etajul trei"),
        ("cy", "Mae plentyn wedi cwympo o ffenest y trydydd llawr"),
        ("ur", "ایک بچہ تیسری منزل کی کھڑکی سے گر گیا ہے"),
        ("pa", "ਇੱਕ ਬੱਚਾ ਤੀਜੀ ਮੰਜ਼ਿਲ ਦੀ ਖਿੜਕੀ ਤੋਂ ਡਿੱਗ ਗਿਆ ਹੈ"),
        ("pl", "Słyszę strzały na podwórku, ludzie uciekają"),
        ("pt", "O vizinho está a atirar garrafas às pessoas da varanda"),
        ("ro", "Un bărbat străin umblă prin curtea mea și se uită pe geamuri, mi-e frică"),
        ("ur", "گلی میں گولیاں چل رہی ہیں، لوگ بھاگ رہے ہیں"),
    ],
)
def test_falls_shots_prowlers_and_things_thrown_at_people_are_999(language: str, text: str) -> None:
    assert route(text, language) == "emergency"


def test_an_attack_on_a_partner_just_now_is_999_not_domestic_abuse() -> None:
    assert route("Ktoś właśnie uderzył mojego męża kijem w głowę", "pl") == "emergency"
    assert route("Alguém acabou de bater na cabeça do meu marido com um pau", "pt") == "emergency"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Ratunku, sąsiad ma krew na twarzy i ktoś go bił"),
        ("pt", "Socorro, há sangue por todo o lado"),
        ("ro", "Săriți, e sânge pe scară"),
        ("ur", "bachao, yahan khoon hi khoon hai"),
    ],
)
def test_a_call_for_help_with_words_of_harm_is_999(language: str, text: str) -> None:
    assert route(text, language) == "emergency"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Sąsiad pali papierosy na balkonie i dym leci do mnie"),
        ("pt", "O vizinho fuma na varanda e o fumo entra na minha casa"),
        ("ro", "Vecinul fumează pe balcon și fumul intră la mine"),
        ("cy", "Mae'r cymydog yn smygu ac mae'r mwg yn dod i mewn"),
        ("ur", "پڑوسی بالکونی میں سگریٹ پیتا ہے اور دھواں اندر آتا ہے"),
        ("pa", "ਗੁਆਂਢੀ ਸਿਗਰਟ ਪੀਂਦਾ ਹੈ ਤੇ ਧੂੰਆਂ ਅੰਦਰ ਆਉਂਦਾ ਹੈ"),
        ("pt", "Preciso de ajuda urgente com o barulho dos vizinhos"),
        ("ro", "Am nevoie urgent de ajutor cu gunoiul de pe scară"),
    ],
)
def test_smoke_from_smoking_and_asking_for_help_with_a_nuisance_are_not_999(
    language: str, text: str
) -> None:
    found = safety.check(text, language=language)
    assert found is None or found.route != "emergency"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Pies sąsiada rzucił się na moje dziecko i je ugryzł"),
        ("pt", "O meu filho não voltou para casa desde manhã e não atende o telefone"),
        ("cy", "Dyw fy mab ddim wedi dod adre ers y bore a dyw e ddim yn ateb ei ffôn"),
        ("ur", "پڑوسی کے کتے نے میرے بچے پر حملہ کیا اور کاٹ لیا"),
    ],
)
def test_a_dog_attacking_a_child_and_a_child_not_come_home_are_999(
    language: str, text: str
) -> None:
    assert route(text, language) == "emergency"


def test_asb_told_with_words_of_repairs_or_fittings_is_asb() -> None:
    assert topic("Goście sąsiada zostawiają strzykawki w windzie", "pl") == "drugs_alcohol"
    assert topic("O vizinho arranja carros todos os dias no estacionamento", "pt") == (
        "environmental"
    )
    assert topic("Cineva sună la interfon noaptea și fuge", "ro") == "harassment"
    assert topic("Winda nie działa od tygodnia", "pl") == "out_of_scope"

"""Polish topics (see core/topics/__init__.py). Drafted for issue 16: to be reviewed by a
native speaker."""

# ruff: noqa: E501  (one label a line)
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r" (?:awari|domofon (?:nie działa|zepsut)|usterk|przeciek|cieknie|wilgoć|pleśń|grzyb na|naprawa|naprawić|zepsut|nie działa|czynsz|opłat|ogrzewanie|bojler|piec|zamiana mieszkania|przeprowadz|winda nie działa|szczur|myszy|karaluch|pluskw|przenieść|przeniesienie|zamienić mieszkanie|zamiana|inne mieszkanie)",
        ),
    ),
    (
        "not_asb",
        (
            r" dzieci(?: [^ ]+){0,3} (?:się )?(?:bawią|bawia|grają|graja|biegają|biegaja)(?! (?:w|piłką|pilka)[^ ]* (?:w nocy|o północy))| (?:gotuj|zapach (?:jedzenia|gotowania|curry)|zapach wchodzi)| normalnie (?:jest|są) (?:u nich )?(?:cicho|spokojni)| (?:w sobotę|w niedzielę|w piątek|wczoraj|raz) (?:[^ ]+ ){0,5}(?:impreza|imprezę|urodziny)",
            r" (?:dzieci (?:się )?bawią|dzieci grają|płacz dziecka|dziecko płacze|zapach gotowania|gotuje|kroki|chodzi po|pralka|suszy pranie|spojrzał|nie mówi dzień dobry|nie lubię|parkuje przed moim domem legalnie|grill raz)",
        ),
    ),
    (
        "drug_dealing",
        (
            r" (?:sprzedaj\w* narkotyk|handluj\w* narkotyk|diler|dealer|handel narkotyk|sprzedaje (?:trawk|marihuan|kokain)|paczuszk|woreczk)",
        ),
    ),
    (
        "drugs_alcohol",
        (r" (?:trawk|marihuan|zioł|narkotyk|pijan|pije|piją|alkohol|strzykawk|igły)",),
    ),
    (
        "pets_animals",
        (r" (?:pies|psa|psy|psów|psie|psem|psu|psiak|kot|koty|zwierz|odchody psa|kupy psa)",),
    ),
    ("noise", (r" (?:głośn|hałas|muzyk|krzyk|krzycz|imprez|wrzeszcz|tupi|wierc|trzaska|szczeka)",)),
    (
        "vehicle_nuisance",
        (
            r" (?:samochód|samochod|auto|motor|motorach|motorem|crossy|jeżdżą po chodniku|motocykl|skuter|quad|wyścig|porzucon)",
        ),
    ),
    (
        "vandalism",
        (
            r" (?:rozbił szyb|rozbili szyb|pomazał|pomazali|wybił szyb|zniszcz|graffiti|pomalowa|porysowa|wybił|wybili|rozbił|rozbili|porysow|pobazgr)",
        ),
    ),
    (
        "environmental",
        (r" (?:śmieci|smieci|wyrzuca|podrzuc|gruz|zaśmiec|dym z ogniska|ognisko)",),
    ),
    (
        "groups_communal",
        (
            r" (?:grupa|grupka|młodzież|młodzi|nastolat|banda|chłopaki|dzieciaki|ludzie)(?: [^ ]+){0,6} (?:na klatce|przed blokiem|na placu|pod blokiem|siedzą|siedzi|stoją|stoi|wystają|przesiadują)| wystają| przesiadują",
        ),
    ),
    (
        "harassment",
        (
            r" (?:nęka|neka|zastrasza|grozi|obraża|wyzywa|śledzi|nagrywa mnie|fotografuje mnie|plotki|oczernia)",
        ),
    ),
    ("violence", (r" (?:bójk|bijatyk|pobił|bili się|przemoc)",)),
    # Everyday living (docs/domain.md section 3): parking, and a party that was a one-off.
    (
        "not_asb",
        (
            r"^(?!.*(?:porzuc|blokuje wjazd|blokuje drzwi)).* (?:parkuje|parkują|zaparkował|zaparkowała|parkowanie)",
            r" (?:impreza|imprezę|imprezy|urodziny)(?: [^ ]+){0,5} (?:w sobotę|w niedzielę|w piątek|w weekend|raz|jeden raz|tylko raz|wczoraj)",
        ),
    ),
    (
        "not_asb",
        (
            r" (?:krzywo|dziwnie|źle|wrogo) (?:na mnie |się )?patrzy| patrzy (?:na mnie )?(?:krzywo|dziwnie|wrogo)| nie odpowiada na dzień dobry",
        ),
    ),
    (
        "out_of_scope",
        (r" dziur[^ ]* w (?:dachu|suficie|ścianie)| leje się woda| cieknie z sufitu",),
    ),
    ("drug_dealing", (r" handluj[^ ]*| prochy| prochami| dragi| dragami",)),
    ("harassment", (r" kłamstw| plotk| straszy| zastrasza",)),
    (
        "groups_communal",
        (
            r" (?:młodzież|młodzi|nastolat|chłopaki|grupa)(?: [^ ]+){0,6} (?:pij|piją|pali|palą|altan|śmietnik|piwnic|garaż)",
        ),
    ),
    (
        "not_asb",
        (
            r"^(?!.*(?:głośn|w nocy|do rana|całą noc|[0-9])).* (?:słychać|słyszę) (?:[^ ]+ )?(?:rozmowy|telewizor|radio|kroki)",
        ),
    ),
    (
        "out_of_scope",
        (r" zasiłek| zasiłku| świadczeni| dodatek mieszkaniowy| dodatku mieszkaniowego",),
    ),
)

# ASB descriptions that use words of repairs or of a fitting ("repairs cars", "needles in
# the lift"): tried before every other label.
FIRST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r"^ (?:cześć|czesc|hej|dzień dobry|dzien dobry|witam)?(?: [^ ]+)? (?:jak się masz|jak sie masz|co słychać|co slychac|jak leci)(?: [^ ]+){0,2} $| rent\b| universal credit| zapłacić czynsz| zaplacic czynsz| w dwóch ratach| w dwoch ratach",
        ),
    ),
    (
        "other_asb",
        (
            r" prostytu| prezerwatyw| gaśnic| gasnic| alarm przeciwpożar| alarm przeciwpozar| czujnik dymu| czujniki dymu| (?:wyrzuca|wyrzucają|rzuca|rzucają)(?: [^ ]+){0,3} (?:z balkonu|przez okno|z okna)",
        ),
    ),
    (
        "drug_dealing",
        (
            r" (?:dają|daja|daje|dają mu) (?:kasę|kase|pieniądze|pieniadze)(?: [^ ]+){0,4} (?:coś|cos) (?:dostają|dostaja|dostaje)| (?:podchodzą|podchodza)(?: [^ ]+){0,3} do (?:auta|samochodu|okna)(?: [^ ]+){0,6} (?:kas|pieniąd|coś|cos)",
        ),
    ),
    (
        "drugs_alcohol",
        (
            r" (?:pijak|pijany|pijani|pijana|pijaków|pijakow|naćpan|nacpan|naćpani|nacpani|upici|nawaleni)",
        ),
    ),
    (
        "vehicle_nuisance",
        (
            r" (?:crossach|crossie|na crossie|quadach|quadzie|hulajnog|skuterach|motorach|motorze)(?: [^ ]+){0,6} (?:chodnik|trawnik|osiedl|między blokami|miedzy blokami|szybko|bez kask)| (?:jeżdżą|jezdza|jeździ|jezdzi|ścigają|scigaja)(?: [^ ]+){0,4} (?:po chodniku|po trawniku|po osiedlu|między blokami)",
        ),
    ),
    (
        "groups_communal",
        (
            r" (?:communal|wspóln|wspoln|świetlic|swietlic|pralni|suszarni|piwnic|korytarz)[^ ]*(?: [^ ]+){0,6} (?:imprez|pij|butelk|siedz|przesiadu|nocują|nocuja|śpią|spia)| (?:siedzą|siedza|stoją|stoja|przesiadują|przesiaduja)(?: [^ ]+){0,3} na (?:klatce|schodach)(?: [^ ]+){0,8} (?:pal|blokuj|zaczepia|śmieci|smieci)",
        ),
    ),
    (
        "vandalism",
        (
            r" (?:rozwal|porozbij|rozbił|rozbili|powybij|wybił|wybili|zniszczy|zniszczył|zniszczyli|połamał|polamal|połamali|porysowa|pomazan|pomazał|pomazali|wysprej|sprayem|sprejem)[^ ]*(?: [^ ]+){0,4} (?:domofon|lamp|żarów|zarow|szyb|drzwi|ławk|lawk|skrzynk|wind|klatk|ścian|scian|kamer|ogrodzen|płot|plot)| (?:pomazana|pomazane|pomazany) (?:sprayem|sprejem|farbą)",
        ),
    ),
    (
        "environmental",
        (
            r" (?:materac|meble|mebli|worki ze śmieciami|worków ze śmieciami|workow ze smieciami|worki ze smieciami|gruz|opony|lodówk|lodowk|kanap)| (?:dżungl|dzungl|trawa po pas|zarośnięt|zarosniet|zapuszczon)| wyrzuca(?:ją)? (?:śmieci|smieci|stare|worki)",
        ),
    ),
    (
        "harassment",
        (
            r" (?:nagrywa|nagrywają|filmuje|fotografuje|robi zdjęcia|robi zdjecia)(?: [^ ]+){0,3} (?:mnie|nas|telefonem)| (?:liścik|liscik|karteczk|anonim)| komentuje wszystko| (?:śledzi|sledzi|obserwuje) mnie",
        ),
    ),
    ("environmental", (r" naprawia(?:ją)? (?:samochod|auta|auto|motor)",)),
    ("drugs_alcohol", (r" strzykaw| igły| igieł",)),
    ("harassment", (r" dzwoni (?:domofonem|do drzwi|dzwonkiem)(?: [^ ]+){0,3} ucieka",)),
    ("vandalism", (r" (?:rozbija|rozbijają|tłucze|tłuką) (?:butelki|szkło|szyby)",)),
    ("out_of_scope", (r" (?:wymienić|wymiana|wymianę) zam(?:ek|ka)",)),
)

# Greetings and contact checks (core.topics.is_greeting): a message made only of them is a
# greeting (session 12, sets E and F). Folded text: no accents.
GREETINGS: tuple[str, ...] = (
    r" (?:dzien dobry|dobry wieczor|czesc|hej|witam|witam serdecznie|halo|prosze pana|prosze pani)(?= )",
    r" (?:czy )?(?:jest tam ktos|ktos tam jest|jest ktos|czy ktos jest|ktos jest)(?: tam| na czacie)?(?= )",
    r" (?:czy )?(?:mozna|moge|mozemy) (?:tu |tutaj )?(?:pisac|napisac|rozmawiac) po polsku(?= )",
    r" (?:czy )?(?:mowicie|mowi pan|mowi pani|ktos mowi|rozumiecie) po polsku(?= )",
)

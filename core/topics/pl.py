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
    ("environmental", (r" naprawia(?:ją)? (?:samochod|auta|auto|motor)",)),
    ("drugs_alcohol", (r" strzykaw| igły| igieł",)),
    ("harassment", (r" dzwoni (?:domofonem|do drzwi|dzwonkiem)(?: [^ ]+){0,3} ucieka",)),
    ("vandalism", (r" (?:rozbija|rozbijają|tłucze|tłuką) (?:butelki|szkło|szyby)",)),
    ("out_of_scope", (r" (?:wymienić|wymiana|wymianę) zam(?:ek|ka)",)),
)

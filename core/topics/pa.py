"""Panjabi topics, Gurmukhi and romanised (see core/topics/__init__.py). Drafted for issue 16:
to be reviewed by a Panjabi speaker."""

# ruff: noqa: E501  (one label a line)
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r" (?:ਪਾਣੀ ਚੋ|ਲੀਕ|ਸਿੱਲ੍ਹ|ਸਿੱਲ|ਉੱਲੀ|ਮੁਰੰਮਤ|ਠੀਕ ਕਰ|ਖਰਾਬ ਹੈ|ਚੋਂਦ|ਛੱਤ|ਚੂਹੇ|ਕਾਕਰੋਚ|ਘਰ ਬਦਲ|choohe|ghar badal|transfer|ਕਿਰਾਇਆ|ਕਿਰਾਏ|kiraye|ਹੀਟਿੰਗ|ਬੋਇਲਰ|ਲਿਫਟ ਖਰਾਬ|paani cho|leak|sill|murammat|kiraya|boiler|heating)",
        ),
    ),
    (
        "not_asb",
        (
            r" (?:ਬੱਚੇ(?: [^ ]+){0,3} ਖੇਡ|ਬੱਚਾ(?: [^ ]+){0,3} ਰੋ|ਖਾਣਾ ਬਣਾ|ਖਾਣੇ ਦੀ ਮਹਿਕ|ਪੈਰਾਂ ਦੀ ਆਵਾਜ਼|ਵਾਸ਼ਿੰਗ ਮਸ਼ੀਨ|bache khed|bacha ro|khana bana|khane di mehak|washing machine)",
        ),
    ),
    (
        "drug_dealing",
        (r" (?:ਨਸ਼ਾ ਵੇਚ|ਨਸ਼ੇ ਵੇਚ|ਡਰੱਗ ਵੇਚ|ਡੀਲਰ|ਪੁੜੀਆਂ|nasha vech|nashe vech|drugs vech|dealer|puriyan)",),
    ),
    (
        "drugs_alcohol",
        (r" (?:ਨਸ਼ਾ|ਨਸ਼ੇ|ਚਰਸ|ਭੰਗ|ਸ਼ਰਾਬ|ਟੀਕੇ|ਸਰਿੰਜ|nasha|nashe|charas|bhang|sharab|daaru|syringe)",),
    ),
    ("pets_animals", (r" (?:ਕੁੱਤਾ|ਕੁੱਤੇ|ਕੁੱਤਿਆਂ|ਬਿੱਲੀ|ਜਾਨਵਰ|kutta|kutte|billi|janwar)",)),
    (
        "noise",
        (
            r" (?:ਰੌਲਾ|ਸ਼ੋਰ|ਉੱਚੀ ਆਵਾਜ਼|ਗਾਣੇ|ਸੰਗੀਤ|ਪਾਰਟੀ|ਚੀਕ|ਭੌਂਕ|raula|rola|shor|uchi awaz|gaane|music|party|cheek|bhonk)",
        ),
    ),
    (
        "vehicle_nuisance",
        (r" (?:ਗੱਡੀ|ਗੱਡੀਆਂ|ਕਾਰ|ਪਾਰਕ|ਮੋਟਰਸਾਈਕਲ|ਰੇਸ|gaddi|gaddiyan|car|park|motorcycle|race)",),
    ),
    (
        "vandalism",
        (
            r" (?:ਤੋੜ ਭੰਨ|ਤੋੜ ਫੋੜ|ਨੁਕਸਾਨ|ਗ੍ਰੈਫਿਟੀ|ਸ਼ੀਸ਼ਾ ਤੋੜ|ਸ਼ੀਸ਼ੇ ਤੋੜ|ਤੋੜਦ|ਭੰਨਦ|ਤਾਕੀ ਤੋੜ|tod bhann|tod phod|nuksan|graffiti|sheesha tod)",
        ),
    ),
    ("environmental", (r" (?:ਕੂੜਾ|ਗੰਦ|kooda|kuda|gand)",)),
    (
        "groups_communal",
        (
            r" (?:ਮੁੰਡਿਆਂ ਦਾ ਟੋਲਾ|ਟੋਲਾ|ਮੁੰਡੇ|ਨੌਜਵਾਨ|mundian da tola|tola|munde|naujawan)(?: [^ ]+){0,6} (?:ਪੌੜੀਆਂ|ਬਿਲਡਿੰਗ ਦੇ ਬਾਹਰ|ਇਕੱਠੇ|ਬੈਠ|paudiyan|ikathe|baith)",
        ),
    ),
    (
        "harassment",
        (
            r" (?:ਤੰਗ ਕਰ|ਪਰੇਸ਼ਾਨ ਕਰ|ਧਮਕੀ|ਪਿੱਛਾ ਕਰ|ਵੀਡੀਓ ਬਣਾ|tang kar|pareshan kar|dhamki|picha kar|video bana)",
        ),
    ),
    ("violence", (r" (?:ਲੜਾਈ|ਝਗੜਾ|ਹੱਥੋਪਾਈ|ladai|larai|jhagda)",)),
    # Everyday living (docs/domain.md section 3): parking, and a party that was a one-off.
    (
        "not_asb",
        (
            r" (?:ਗੱਡੀ|gaddi)(?: [^ ]+){0,6} (?:ਖੜ੍ਹੀ ਕਰਦਾ|ਖੜ੍ਹੀ ਕਰਦੇ|ਖੜ੍ਹੀ ਹੁੰਦੀ|ਪਾਰਕ ਕਰਦਾ|ਪਾਰਕ ਕਰਦੇ|khadi karda|khadi karde|park karda|park karde)",
            r" (?:ਪਾਰਟੀ|ਵਿਆਹ|ਜਨਮਦਿਨ|party|viah)(?: [^ ]+){0,5} (?:ਇੱਕ ਵਾਰ|ਸ਼ਨੀਵਾਰ|ਐਤਵਾਰ|ਕੱਲ੍ਹ|ik vaar|shanivar|aitvar)",
        ),
    ),
    ("not_asb", (r" ਘੂਰ(?: [^ ]+){0,2} ਦੇਖ| ghoor(?: [^ ]+){0,2} dekh",)),
    (
        "out_of_scope",
        (
            r" (?:ਛੱਤ|ਕੰਧ) (?:ਵਿੱਚ|vich) (?:ਮੋਰੀ|mori)| (?:chhat|kandh) vich mori| (?:ਪਾਣੀ ਆਉਂਦਾ|ਪਾਣੀ ਚੋਂਦਾ|paani aunda|paani chonda)",
        ),
    ),
    ("harassment", (r" ਝੂਠ| ਅਫ਼ਵਾਹ| ਡਰਾਉਂਦ| jhooth| daraundi",)),
    ("environmental", (r" ਕੂੜ| kooda| kude",)),
    (
        "groups_communal",
        (r" (?:ਮੁੰਡੇ|ਨੌਜਵਾਨ|munde|naujawan)(?: [^ ]+){0,6} (?:ਸ਼ਰਾਬ|ਸਿਗਰਟ|ਕੂੜੇ ਵਾਲੇ|sharab)",),
    ),
    (
        "not_asb",
        (
            r"^(?!.*(?:ਉੱਚੀ|ਰਾਤ|ਜ਼ੋਰ|[0-9])).* (?:ਗੱਲਾਂ|ਟੀਵੀ|gallan|tv)(?: [^ ]+){0,4} (?:ਆਵਾਜ਼ ਆਉਂਦੀ|awaz aundi)",
        ),
    ),
    ("out_of_scope", (r" ਬੈਨੀਫਿਟ| benefit| ਭੱਤਾ",)),
)

# ASB descriptions that use words of repairs or of a fitting ("repairs cars", "needles in
# the lift"): tried before every other label.
FIRST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r"^ (?:ਸਤ ਸ੍ਰੀ ਅਕਾਲ|sat sri akal|ਹੈਲੋ)?(?: [^ ]+)?(?: [^ ]+)? (?:ਕੀ ਹਾਲ|ਕੀ ਹਾਲ ਚਾਲ|ਕਿਵੇਂ ਹੋ|ki haal|kiven ho)(?: [^ ]+){0,2} $| universal credit| rent(?= )| ਕਿਰਾਇਆ| kiraya",
        ),
    ),
    (
        "harassment",
        (
            r" (?:ਫੋਟੋਆਂ|ਫੋਟੋ|ਵੀਡੀਓ|photos|video)(?: [^ ]+){0,2} (?:ਖਿੱਚ|ਬਣਾ|ਲੈਂਦ)| ਝੂਠੀਆਂ ਗੱਲਾਂ| ਪਿੱਛੇ ਪਿੱਛੇ| ਪਿੱਛਾ ਕਰ| picha kar| ਖੜਕਾ ਕੇ ਭੱਜ",
        ),
    ),
    (
        "other_asb",
        (
            r" fire door| smoke detector| fire alarm| ਅੱਗ ਬੁਝਾਉਣ| ਕੰਡੋਮ| condom| ਜਿਸਮਫਰੋਸ਼ੀ| (?:ਬਾਲਕਨੀ|ਬਾਲਕੋਨੀ|ਖਿੜਕੀ|ਛੱਤ) ਤੋਂ(?: [^ ]+){0,10} (?:ਸੁੱਟ|ਸੁਟ)",
        ),
    ),
    ("pets_animals", (r" ਕਬੂਤਰ| kabootar| (?:ਕੁੱਤੇ|ਕੁੱਤਾ|ਬਿੱਲੀ)(?: [^ ]+){0,4} (?:ਗੰਦ|ਭੌਂਕ|ਖੁੱਲ੍ਹਾ)",)),
    (
        "drug_dealing",
        (r" (?:ਨਸ਼ਾ|ਨਸ਼ੇ|nasha|drugs)(?: [^ ]+){0,2} (?:ਵੇਚ|vech|bech)| ਪੁੜੀਆਂ| dealer| ਡੀਲਰ",),
    ),
    ("drugs_alcohol", (r" ਨਸ਼ਾ| ਨਸ਼ੇ| nasha| nashe| laughing gas",)),
    (
        "vehicle_nuisance",
        (r" race| ਰੇਸ| (?:ਮੋਟਰਸਾਈਕਲ|bike|ਬਾਈਕ|scooter)(?: [^ ]+){0,4} (?:ਤੇਜ਼|ਫੁੱਟਪਾਥ|pavement)",),
    ),
    ("vandalism", (r" (?:ਤੋੜ ਦਿੱਤ|ਤੋੜ ਦਿੱਤੀਆਂ|ਤੋੜ ਦਿੱਤੇ|ਤੋੜ ਦਿੱਤਾ|ਤੋੜ ਫੋੜ|ਤੋੜ ਗਏ|ਪੁੱਟ ਦਿੱਤ|tod ditt|tor ditt)",)),
    (
        "groups_communal",
        (
            r" (?:ਗਰੁੱਪ|ਟੋਲੀ|ਟੋਲਾ|group|gang)(?: [^ ]+){0,6} (?:ਬੈਠ|ਇਕੱਠ|ਖੜ੍ਹ|ਪੌੜੀਆਂ)| ਪੌੜੀਆਂ (?:ਤੇ|ਉੱਤੇ) (?:ਬੈਠ|ਇਕੱਠ)",
        ),
    ),
    (
        "environmental",
        (
            r" (?:ਗੱਦੇ|ਗੱਦਾ|ਸੋਫ਼ਾ|ਸੋਫਾ|ਕੂੜੇ ਦੇ ਥੈਲੇ|ਮਲਬਾ|ਟਾਇਰਾਂ ਦਾ ਢੇਰ|ਪੁਰਾਣੇ ਟਾਇਰ|ਮੁਰੰਮਤ|ਤੇਲ ਡੁੱਲ੍ਹ)| (?:ਕੂੜਾ|ਗੰਦ) (?:ਸੁੱਟ|ਪਾ)(?: [^ ]+){0,2} (?:ਦਿੰਦ|ਦਿੱਤ|ਜਾਂਦ)",
        ),
    ),
    ("violence", (r" (?:ਮੁੱਕਾ|ਮੁੱਕੇ|ਥੱਪੜ|ਧੱਕਾ ਮਾਰ|ਧੱਕੇ ਮਾਰ|ਘੇਰ ਕੇ|ਲੜਾਈ|ਕੁੱਟਮਾਰ|ਚਾਕੂ ਮਾਰਾਂਗੇ)",)),
    (
        "noise",
        (
            r" (?:drill|ਡਰਿੱਲ|ਡਰਿਲ|ਠੱਕ ਠੱਕ|ਠੱਕ|ਖੜਕਾ)(?: [^ ]+){0,8} (?:ਰਾਤ|ਰੋਜ਼|ਵਜੇ|ਹਫ਼ਤਿਆਂ)| (?:ਰਾਤ|ਵਜੇ)(?: [^ ]+){0,8} (?:drill|ਡਰਿੱਲ|ਡਰਿਲ|ਠੱਕ)",
        ),
    ),
    (
        "not_asb",
        (
            r" ਬੱਚੇ(?: [^ ]+){0,6} (?:ਖੇਡਦੇ|ਖੇਡ ਰਹੇ)(?!(?: [^ ]+){0,6} (?:ਰਾਤ|ਅੱਧੀ))| ਜਨਮਦਿਨ| birthday| (?:ਮੱਛੀ|ਖਾਣਾ|ਸਬਜ਼ੀ) (?:ਤਲ|ਬਣਾ|ਪਕਾ)| (?:ਖੜ੍ਹੀ|ਖੜੀ) ਕਰ (?:ਦਿੰਦ|ਦਿੱਤ)| park kar",
            r"^(?!.*(?:ਰਾਤ|ਰੋਜ਼|ਅੱਧੀ)).* (?:drill|ਡਰਿੱਲ|ਡਰਿਲ|ਹਥੌੜ|shelf)(?: [^ ]+){0,8} (?:ਦੁਪਹਿਰ|ਦਿਨ ਵੇਲੇ|ਸ਼ਨੀਵਾਰ|ਐਤਵਾਰ)",
            r"^(?!.*(?:ਰਾਤ|ਰੋਜ਼|ਅੱਧੀ)).* (?:ਦੁਪਹਿਰ|ਦਿਨ ਵੇਲੇ|ਸ਼ਨੀਵਾਰ|ਐਤਵਾਰ)(?: [^ ]+){0,8} (?:drill|ਡਰਿੱਲ|ਡਰਿਲ|ਹਥੌੜ|shelf)",
        ),
    ),
    ("environmental", (r" ਗੱਡੀਆਂ ਠੀਕ| gaddiyan theek",)),
    ("drugs_alcohol", (r" ਸਰਿੰਜ| syringe",)),
    ("harassment", (r" ਘੰਟੀ ਵਜਾ(?: [^ ]+){0,3} ਭੱਜ| ghanti vaja(?: [^ ]+){0,3} bhajj",)),
    ("vandalism", (r" ਬੋਤਲਾਂ ਤੋੜ| botlan tod",)),
    ("not_asb", (r" ਪੈਰਾਂ ਦੀ ਆਵਾਜ਼| ਜੁੱਤੀਆਂ ਪਾ ਕੇ ਤੁਰ",)),
    ("out_of_scope", (r" ਤਾਲਾ ਬਦਲ| tala badal",)),
)

# Greetings and contact checks (core.topics.is_greeting): a message made only of them is a
# greeting (session 12, sets E and F). Folded text: no accents.
GREETINGS: tuple[str, ...] = (
    r" (?:ਸਤ ਸ੍ਰੀ ਅਕਾਲ|sat sri akal|ਹੈਲੋ|hello|ਨਮਸਤੇ|namaste|ਜੀ ਆਇਆਂ ਨੂੰ)(?= )",
    r" (?:ਕੀ )?(?:ਕੋਈ ਹੈ|koi hai|ਕੋਈ ਸੁਣ ਰਿਹਾ|ਕੋਈ ਪੜ੍ਹ ਰਿਹਾ)(?: ਜੀ)?(?= )",
    r" (?:ਕੀ )?(?:ਤੁਸੀਂ|ਤੁਸੀ|ਕੋਈ) ਪੰਜਾਬੀ (?:ਬੋਲਦੇ|ਸਮਝਦੇ|ਬੋਲਦਾ|ਬੋਲਦੀ|ਸਮਝਦਾ)(?: ਹੋ| ਹੈ)?(?= )",
    r" (?:ਕੀ )?(?:ਮੈਂ )?ਪੰਜਾਬੀ (?:ਵਿੱਚ|ਚ) (?:ਲਿਖ|ਗੱਲ ਕਰ) (?:ਸਕਦਾ|ਸਕਦੀ|ਸਕਦੇ)(?: ਹਾਂ| ਹੈ)?(?= )",
)

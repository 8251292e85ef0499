"""Romanian topics (see core/topics/__init__.py). Drafted for issue 16: to be reviewed by a
native speaker."""

# ruff: noqa: E501  (one label a line)
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r" (?:interfonul (?:nu|e stricat)|defect|infiltrați|infiltrati|curge apa|umezeal|mucegai|reparați|reparati|repara|stricat|nu funcționează|nu functioneaza|chirie|chiria|încălzire|incalzire|centrala|schimb de locuință|liftul (?:nu|e stricat)|șobolani|sobolani|șoareci|soareci|gândaci|gandaci|ploșnițe|plosnite|să mă mut|sa ma mut|altă locuință|alta locuinta)",
        ),
    ),
    (
        "not_asb",
        (
            r" (?:copiii se joacă|copiii se joaca|copii care se joacă|bebeluș\w*(?: [^ ]+){0,3} plâng|copilul(?: [^ ]+){0,3} plâng|miros de mâncare|miros de mancare|gătesc|gatesc|pași|pasi|mașina de spălat|masina de spalat|nu mă salută|nu ma saluta)",
        ),
    ),
    (
        "drug_dealing",
        (
            r" (?:vând droguri|vand droguri|vinde droguri|vânzare de droguri|vanzare de droguri|dealer|traficant|trafic de droguri|pliculețe|pliculete)",
        ),
    ),
    (
        "drugs_alcohol",
        (
            r" (?:fumează iarbă|fumeaza iarba|miros de iarbă|miros de iarba|miroase a iarbă|miroase a iarba|marijuana|canabis|cannabis|droguri|beți|beti|beat|beată|alcool|seringi|ace)",
        ),
    ),
    ("pets_animals", (r" (?:câine|caine|câini|caini|pisic|animal|mizeria câinelui|fecale)",)),
    (
        "noise",
        (
            r" (?:strigă|striga|trântesc|trantesc|trântește|urlă|urla|zgomot|gălăgie|galagie|muzică|muzica|țipă|tipa|țipete|tipete|petrece|chefuri|bubuie|bocăn|bocan|latră|latra)",
        ),
    ),
    (
        "vehicle_nuisance",
        (r" (?:mașin|masin|parcat|parchează|parcheaza|motociclet|scuter|curse|abandonat)",),
    ),
    (
        "vandalism",
        (
            r" (?:a spart geamul|au spart geamul|au spart geamurile|mâzgăl|mazgal|vandal|graffiti|au zgâriat|zgariat|distrus|au spart geamul|au stricat|mâzgălit|mazgalit)",
        ),
    ),
    (
        "environmental",
        (r" (?:gunoi|deșeuri|deseuri|aruncă gunoiul|arunca gunoiul|moloz|mizerie|foc în curte)",),
    ),
    (
        "groups_communal",
        (
            r" (?:grup|grupuri|tineri|adolescenți|adolescenti|băieți|baieti|gașcă|gasca)(?: [^ ]+){0,6} (?:pe scară|pe scara|în scara|in scara|în fața blocului|in fata blocului|la intrare|în parc|in parc|stau|se adună|se aduna|pierd vremea)",
        ),
    ),
    (
        "harassment",
        (
            r" (?:hărțui|hartui|intimid|amenință|ameninta|jignește|jigneste|mă urmărește|ma urmareste|mă filmează|ma filmeaza|bârfe|barfe)",
        ),
    ),
    ("violence", (r" (?:bătaie|bataie|se bat|violență|violenta|încăierare|incaierare)",)),
    # Everyday living (docs/domain.md section 3): parking, and a party that was a one-off.
    (
        "not_asb",
        (
            r"^(?!.*(?:abandonat|blochează intrarea|blocheaza intrarea)).* (?:parchează|parcheaza|parchează|își parchează|a parcat|parcat în fața|parcat in fata)",
            r" (?:petrecere|zi de naștere|zi de nastere|chef)(?: [^ ]+){0,5} (?:sâmbătă|sambata|duminică|duminica|vineri|în weekend|in weekend|o dată|o data|ieri)",
        ),
    ),
    (
        "not_asb",
        (
            r" se uită urât| se uita urat| se uită ciudat| se uita ciudat| se uită strâmb| se uita stramb",
        ),
    ),
    (
        "out_of_scope",
        (
            r" (?:gaură|gaura) (?:în|in) (?:acoperiș|acoperis|tavan|perete)| (?:intră|intra|curge) apa",
        ),
    ),
    ("harassment", (r" minciuni| bârfe| barfe| intimidează| intimideaza| sperie",)),
    (
        "groups_communal",
        (
            r" (?:tineri|tinerii|adolescenți|adolescentii|băieți|baieti|grup)(?: [^ ]+){0,6} (?:beau|fumează|fumeaza|ghen|pivniț|pivnit|scara)",
        ),
    ),
    (
        "not_asb",
        (
            r"^(?!.*(?:tare|noaptea|dimineața|dimineata|[0-9])).* aud (?:prin perete )?(?:discuții|discutii|televizorul|radioul|pașii|pasii)",
        ),
    ),
    (
        "out_of_scope",
        (
            r" ajutor(?:ul)? (?:pentru locuință|pentru locuinta|social)| alocați| alocati| beneficii",
        ),
    ),
)

# ASB descriptions that use words of repairs or of a fitting ("repairs cars", "needles in
# the lift"): tried before every other label.
FIRST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r"^ (?:buna|bună|salut|buna ziua|bună ziua|hei)?(?: [^ ]+)? (?:ce faci|ce mai faci|ce mai faceti|ce mai faceți|cum esti|cum ești|cum sunteti)(?: [^ ]+){0,2} $| programul (?:la|de la) birou| orarul| transfer (?:la|pe|pentru)| (?:casa|locuinta|locuință) mai mare| (?:schimb|mutare) de (?:locuinta|locuință|casa|apartament)| universal credit| chiria| rent\b",
        ),
    ),
    (
        "harassment",
        (
            r" (?:îmi|imi|mi) (?:face|fac) poze| (?:face|fac) poze la| posteaz[aă](?: [^ ]+){0,6} (?:facebook|grup|tiktok|internet)| comentarii (?:urâte|urate|rautacioase)| (?:să|sa) (?:mă|ma) mut\b| (?:o să|o sa) regre| (?:îmi|imi) pune (?:gunoaie|gunoi|mizerie) la (?:ușă|usa)| (?:mă|ma) (?:așteaptă|asteapta|urmărește|urmareste|pândește|pandeste)",
        ),
    ),
    (
        "drugs_alcohol",
        (r" (?:beți|beti|beat|beată|beata|bețivi|betivi|bețiv|betiv|drogat|drogați|drogati)\b",),
    ),
    (
        "other_asb",
        (
            r" prostitu| prezervative| (?:detectorul|detector|senzorul) de fum| alarma de incendiu| stingător| stingator| bandă adezivă pe camer| banda adeziva pe camer| aruncă (?:lucruri|obiecte|sticle|chiștoace|chistoace)(?: [^ ]+){0,3} (?:de pe|pe|din) (?:balcon|geam|fereastr)| arunca (?:lucruri|obiecte|sticle) (?:de pe|pe|din) (?:balcon|geam)",
        ),
    ),
    (
        "groups_communal",
        (
            r" (?:un )?grup de (?:tineri|baieti|băieți|adolescenti|adolescenți|copii|oameni|bărbați|barbati)| (?:holul|holurile|spațiile|spatiile|scara|scările|scarile|curtea) (?:comun|comune|comunal|blocului)(?: [^ ]+){0,6} (?:depozit|biciclete|canapea|cutii|stau|sta|fumează|fumeaza|beau|petrece|blocheaz)| (?:stau|sta|stă)(?: [^ ]+){0,4} pe (?:scările|scarile|scara) blocului",
        ),
    ),
    (
        "pets_animals",
        (
            r" porumbe| (?:câine|caine|câinii|cainii|câinele|cainele)(?: [^ ]+){0,5} (?:murdăr|murdar|face mizerie|fecal|latr)",
        ),
    ),
    (
        "vandalism",
        (
            r" (?:au|a) spart (?:iar |din nou )?(?:geamul|geamurile|usa|ușa|interfonul|becurile|lampile|lămpile|camera|cutiile)| scris cu spray| (?:au|a) desenat pe| graffiti| au mâzgălit| au mazgalit| au zgâriat| au zgariat",
        ),
    ),
    (
        "environmental",
        (
            r" (?:aruncă|arunca|aruncat|aruncă) (?:gunoiul|gunoaie|resturi|saci)| (?:saltele|saltea|mobilă veche|mobila veche|saci de gunoi|moloz|deșeuri|deseuri)| (?:gunoi|gunoaie)(?: [^ ]+){0,4} (?:șobolan|sobolan|vulpi)",
        ),
    ),
    (
        "vehicle_nuisance",
        (
            r" (?:scutere|scuter|motociclete|motocicleta|motoare|atv|trotinete)(?: [^ ]+){0,6} (?:viteză|viteza|trotuar|parc|curse)",
        ),
    ),
    (
        "violence",
        (
            r" (?:pocnit|a lovit|au lovit|m a lovit|l a lovit|pumn|pumni|palmă|palma|buza spartă|buza sparta|ochiul vânăt|bătaie|bataie|s au bătut|s au batut)| aruncat cu (?:o )?(?:cărămidă|caramida|piatră|piatra|sticlă|sticla)",
        ),
    ),
    (
        "not_asb",
        (
            r"^(?!.*(?:noapte|noaptea|miezul|zilnic|fiecare)).* (?:fierastra|fierăstră|bormasin|bormașin|gaurit|găurit|ciocan|bricolaj|renoveaz|flex)[^ ]*(?: [^ ]+){0,8} (?:sambata|sâmbătă|duminica|duminică|dupa amiaza|după amiaza|ziua|weekend)",
        ),
    ),
    ("environmental", (r" (?:repară|repara) (?:mașini|masini|mașina|masina)",)),
    ("drugs_alcohol", (r" seringi| ace de seringă",)),
    (
        "harassment",
        (
            r" sună la (?:interfon|ușă|usa|sonerie)(?: [^ ]+){0,3} fuge| suna la (?:interfon|usa)(?: [^ ]+){0,3} fuge",
        ),
    ),
    ("vandalism", (r" (?:sparge|sparg) (?:sticle|geamuri)",)),
    ("noise", (r" (?:bormașin|bormasin|flexul|flex\b|găuri|gauri|bocăn|bocan|ciocăn|ciocan)",)),
    ("not_asb", (r" se aud pașii| se aud pasii| umblă cu pantofi",)),
    ("out_of_scope", (r" (?:schimb|schimba|schimbat) (?:yala|încuietoarea|incuietoarea)",)),
)

# Greetings and contact checks (core.topics.is_greeting): a message made only of them is a
# greeting (session 12, sets E and F). Folded text: no accents.
GREETINGS: tuple[str, ...] = (
    r" (?:buna ziua|buna seara|buna dimineata|buna|salut|salutare|alo|sarut mana)(?= )",
    r" (?:e|este|mai e) (?:cineva|vreun om) (?:acolo|aici|pe chat)?(?= )",
    r" (?:vorbiti|vorbeste cineva|stiti|intelegeti) (?:romaneste|romana|limba romana)(?= )",
    r" (?:pot|putem) (?:sa )?(?:scriu|scriem|vorbesc|vorbim) (?:in )?(?:romaneste|romana|limba romana)(?= )",
)

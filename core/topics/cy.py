"""Welsh topics, with mutated forms (see core/topics/__init__.py). Drafted for issue 16: to be
reviewed by a Welsh speaker."""

# ruff: noqa: E501  (one label a line)
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r" (?:intercom (?:wedi torri|ddim yn gweithio)|gollwng dŵr|gollwng dwr|yn gollwng|lleithder|tamprwydd|llwydni|trwsio|atgyweir|wedi torri (?:lawr|i lawr)|ddim yn gweithio|rhent|gwres|boeler|symud tŷ|cyfnewid|lifft (?:wedi torri|ddim yn gweithio)|llygod|chwilod|pla\b|symud tŷ|symud ty|symud o r)",
        ),
    ),
    (
        "not_asb",
        (
            r" plant(?: [^ ]+){0,3} (?:yn|n) chwarae(?! (?:pel|pêl)[^ ]* (?:yn erbyn|am|tan|ganol))| (?:cerdded|gerdded) o gwmpas(?!(?: [^ ]+){0,6} (?:sgidiau|esgidiau|stompio))| (?:yn|n) (?:coginio|ffrio) (?:pysgod|cyri|bwyd)",
            r" (?:plant yn chwarae|babi yn crio|babi n crio|arogl coginio|ogla coginio|coginio|sŵn traed|swn traed|peiriant golchi|ddim yn dweud helo|edrych arna i)",
        ),
    ),
    (
        "drug_dealing",
        (r" (?:gwerthu cyffuriau|delio cyffuriau|delio|deliwr|gwerthu canabis|bagiau bach)",),
    ),
    (
        "drugs_alcohol",
        (
            r" (?:canabis|ganabis|smygu (?:canabis|cyffuriau)|arogl canabis|cyffuriau|gyffuriau|meddw|feddw|yfed|alcohol|nodwyddau)",
        ),
    ),
    ("pets_animals", (r" (?:ci |cŵn|cwn|gi |cath|cathod|anifail|anifeiliaid|baw ci)",)),
    (
        "noise",
        (
            r" (?:dril|drilio|morthwyl|morthwylio|forthwyl|bangio|bang|cnocio)",
            r" (?:sŵn|swn|sŵnllyd|swnllyd|cerddoriaeth|gerddoriaeth|gweiddi|sgrechian|parti|partïon|partion|uchel|cyfarth)",
        ),
    ),
    (
        "vehicle_nuisance",
        (r" (?:car |ceir|gar |parcio|barcio|beic modur|beiciau modur|sgwter|rasio|wedi i adael)",),
    ),
    (
        "vandalism",
        (
            r" (?:torri gwydr|torri r gwydr|torri ffenestr|sgriblo|ysgrifennu ar y wal|fandal|graffiti|difrodi|ddifrodi|torri ffenest|wedi crafu|paentio ar)",
        ),
    ),
    ("environmental", (r" (?:sbwriel|tipio|dympio|ysbwriel|coelcerth)",)),
    (
        "groups_communal",
        (
            r" (?:criw|grŵp|grwp|pobl ifanc|bobl ifanc|llanciau|bechgyn)(?: [^ ]+){0,6} (?:yn y grisiau|ar y grisiau|o flaen y bloc|yn y cyntedd|maes chwarae|yn hongian|yn ymgasglu|yn eistedd)",
        ),
    ),
    (
        "harassment",
        (
            r" (?:aflonyddu|bygwth|fygwth|brawychu|galw enwau|ffilmio fi|fy ffilmio|sibrydion|fy nilyn)",
        ),
    ),
    ("violence", (r" (?:ymladd|ffrwgwd|trais)",)),
    # Everyday living (docs/domain.md section 3): parking, and a party that was a one-off.
    (
        "not_asb",
        (
            r"^(?!.*(?:wedi i adael|wedi ei adael|wedi u gadael)).* (?:yn parcio|n parcio|parcio ei|parcio eu|parcio o flaen|parcio tu allan)",
            r" (?:parti)(?: [^ ]+){0,5} (?:nos sadwrn|dydd sadwrn|nos wener|penwythnos diwethaf|unwaith|neithiwr)",
        ),
    ),
    ("not_asb", (r" edrych yn gas| edrych yn rhyfedd| edrych yn gam",)),
    ("out_of_scope", (r" twll yn y (?:to|nenfwd|wal)| (?:dwr|dŵr) yn dod i mewn",)),
    ("harassment", (r" celwydd| sibrydion| dychryn| codi ofn",)),
    (
        "groups_communal",
        (
            r" (?:pobl ifanc|bobl ifanc|criw|llanciau)(?: [^ ]+){0,6} (?:yfed|smygu|storfa|biniau|garej)",
        ),
    ),
    (
        "not_asb",
        (r"^(?!.*(?:uchel|nos|bore|[0-9])).* clywed (?:sgyrsiau|r teledu|teledu|radio|siarad)",),
    ),
    (
        "out_of_scope",
        (
            r" rent\b| universal credit| council tax| (?:budd|fudd) dal| credyd cynhwysol| gredyd cynhwysol",
        ),
    ),
)

# ASB descriptions that use words of repairs or of a fitting ("repairs cars", "needles in
# the lift"): tried before every other label.
FIRST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r"^ (?:shwmae|helo|haia|bore da|prynhawn da|noswaith dda)?(?: [^ ]+)? (?:sut wyt ti|sut dach chi|sut ydych chi|sut mae|shw mae)(?: [^ ]+){0,2} $",
        ),
    ),
    (
        "drug_dealing",
        (
            r" (?:prynu|brynu|mhrynu|gwerthu|werthu|delio|delo) (?:drugs|cyffuriau|gyffuriau|canabis|ganabis|coke|cocaine|weed|pot)| deliwr| dealer| delio",
        ),
    ),
    ("drugs_alcohol", (r" (?:meddw|feddw|meddwon|gaeth i|caeth i|piso)\b",)),
    (
        "pets_animals",
        (
            r" baw ci| baw cwn| (?:ci|gi|cwn)(?: [^ ]+){0,3} (?:faeddu|baeddu|gwneud ei fusnes)| colomennod| golomennod",
        ),
    ),
    (
        "environmental",
        (
            r" (?:dympio|dympiodd|tipio|wedi taflu) (?:matres|soffa|bagiau|sbwriel|ysbwriel|dodrefn|oergell|hen)| matres| bagiau bin| ardd(?: [^ ]+){0,3} (?:fel jyngl|wedi tyfu|yn flêr)",
        ),
    ),
    (
        "other_asb",
        (
            r" larwm tan| larymau tan| diffoddwr| diffoddwyr| taflu (?:pethau|poteli|bwyd|sbwriel)?(?: [^ ]+){0,3} (?:o r|o n|allan o r) (?:ffenest|balconi)| puteindra| puteiniaid| condom",
        ),
    ),
    (
        "groups_communal",
        (
            r" (?:lolfa|ystafell|gardd|golchdy|cyntedd) (?:gymunedol|gymunol|cymunedol)(?: [^ ]+){0,8} (?:parti|partion|yfed|hongian|storio|beics|beiciau|soffa)| (?:parti|partion)(?: [^ ]+){0,8} (?:lolfa|ystafell) gymunedol| drws tan ar agor",
        ),
    ),
    (
        "vandalism",
        (
            r" (?:torri|dorri|malu|falu) (?:goleuadau|golau|r golau|lampau|ffenestri|drysau|ffens|meinciau|y fainc|intercom|r intercom|camera)| botymau wedi llosgi| botyma wedi llosgi",
        ),
    ),
    (
        "violence",
        (
            r" (?:fy ngwthio|ngwthio i|wedi fy nharo|ffeit|ffeitio|cwffio|dyrnu|ddyrnu|pastwn|sortio fi)",
        ),
    ),
    ("environmental", (r" trwsio (?:ceir|car|beiciau)",)),
    ("drugs_alcohol", (r" nodwyddau| chwistrell",)),
    ("harassment", (r" canu r gloch(?: [^ ]+){0,5} rhedeg",)),
    ("vandalism", (r" torri poteli",)),
    ("not_asb", (r" clywed traed| cerdded mewn esgidiau",)),
    ("out_of_scope", (r" newid y clo",)),
)

# Greetings and contact checks (core.topics.is_greeting): a message made only of them is a
# greeting (session 12, sets E and F). Folded text: no accents.
GREETINGS: tuple[str, ...] = (
    r" (?:shwmae|shw mae|s mae|helo|haia|hai|bore da|prynhawn da|pnawn da|noswaith dda|noswaith dda i chi|diolch)(?= )",
    r" (?:oes|ydy|ydi) (?:na |yna )?(?:rhywun|rywun) (?:yna|na|yno|ar gael|yn darllen)?(?= )",
    r" (?:ydych|dych|ych|ydach|da) chi n (?:siarad|deall) cymraeg(?= )",
    r" (?:ga i|gaf i|alla i|galla i|ydy n iawn i) (?:siarad|sgwennu|ysgrifennu|sgrifennu) (?:yn |n )?gymraeg (?:yma|fan hyn)?(?= )",
)

"""Portuguese topics (see core/topics/__init__.py). Drafted for issue 16: to be reviewed by a
native speaker."""

# ruff: noqa: E501  (one label a line)
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r" (?:avaria|infiltração|infiltracao|fuga de água|vazamento|humidade|umidade|bolor|mofo|reparação|reparacao|conserto|avariad|estragad|não funciona|renda|aluguel|aquecimento|caldeira|esquentador|troca de casa|elevador (?:avariado|parado|não funciona)|ratos|ratazanas|baratas|percevejos|pragas|mudar de casa|transferência|transferencia)",
        ),
    ),
    (
        "not_asb",
        (
            r" (?:crianças a brincar|crianças brincando|beb[eé](?: [^ ]+){0,3} chor|cheiro de comida|cheiro a comida|a cozinhar|cozinhando|passos|anda de saltos|máquina de lavar|roupa a secar|não me cumprimenta|olhou para mim)",
        ),
    ),
    (
        "drug_dealing",
        (
            r" (?:vend\w* droga|tráfico|trafico|traficante|dealer|vend\w* (?:erva|haxixe|cocaína|maconha)|saquinhos|passam droga)",
        ),
    ),
    (
        "drugs_alcohol",
        (
            r" (?:erva\b|maconha|haxixe|charro|droga|bêbad|bebad|embriagad|álcool|alcool|seringa|agulhas)",
        ),
    ),
    (
        "pets_animals",
        (
            r" (?:cão|cao|cães|caes|cachorr|gato|gatos|animal|animais|cocó de cão|fezes de cachorro)",
        ),
    ),
    (
        "noise",
        (
            r" (?:barulh|ruído|ruido|música alta|musica alta|som alto|gritaria|gritam|festa|festas|berr|martel|ladr\w* (?:toda|a noite|o dia))",
        ),
    ),
    (
        "vehicle_nuisance",
        (
            r" (?:carro|carros|estaciona|estacionad|mota|motas|moto|motos|scooter|corridas|abandonad)",
        ),
    ),
    (
        "vandalism",
        (
            r" (?:partiu o vidro|partiram o vidro|partiu a janela|sujou as paredes|sujaram as paredes|rabisc|escreveram nas paredes|vandal|grafit|pichaç|pichac|partiram|riscaram|danificar|danificad|estragaram|quebraram)",
        ),
    ),
    (
        "environmental",
        (r" (?:lixo|despej|entulho|sujidade|sujeira|fogueira|fumo da fogueira)",),
    ),
    (
        "groups_communal",
        (
            r" (?:grupo|grupos|jovens|adolescentes|miúdos|rapazes|malta|gangue)(?: [^ ]+){0,6} (?:nas? escadas?|no prédio|no predio|à porta|na entrada|no patamar|no parque|no átrio|ficam|juntam|reúnem|sentados|encostados)",
        ),
    ),
    (
        "harassment",
        (
            r" (?:assedi|intimid|ameaç|insult|persegu|me filma|filma me|tira fotos|boatos|mentiras sobre mim)",
        ),
    ),
    ("violence", (r" (?:briga|brigas|luta|lutas|pancadaria|violênci|violenci)",)),
    # Everyday living (docs/domain.md section 3): parking, and a party that was a one-off.
    (
        "not_asb",
        (
            r"^(?!.*(?:abandonad|bloqueia a (?:porta|saída|entrada))).* (?:estaciona|estacionam|estacionou|estacionar) ",
            r" (?:festa|aniversário|aniversario)(?: [^ ]+){0,5} (?:no sábado|no sabado|no domingo|na sexta|no fim de semana|uma vez|só uma vez|ontem)",
        ),
    ),
    (
        "not_asb",
        (
            r" olha (?:para mim )?de lado| olha (?:mal|torto) para mim| não me cumprimenta| nao me cumprimenta",
        ),
    ),
    ("out_of_scope", (r" buraco no (?:telhado|teto|tecto)| entra (?:água|agua)| pinga do teto",)),
    ("harassment", (r" mentiras| boatos| assusta| intimida",)),
    (
        "groups_communal",
        (
            r" (?:jovens|miúdos|rapazes|grupo)(?: [^ ]+){0,6} (?:bebem|fumam|átrio|caixote|garagem|arrecadação)",
        ),
    ),
    (
        "not_asb",
        (
            r"^(?!.*(?:alt[oa]|muito|noite|madrugada|[0-9])).* (?:ouço|ouve se|ouvem se) (?:as |a |os )?(?:conversas|televisão|televisao|rádio|radio|passos)",
        ),
    ),
    ("out_of_scope", (r" subsídio| subsidio| apoio à habitação| apoio a habitacao| abono",)),
)

# ASB descriptions that use words of repairs or of a fitting ("repairs cars", "needles in
# the lift"): tried before every other label.
FIRST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r"^ (?:olá|ola|oi|bom dia|boa tarde|boa noite)?(?: [^ ]+)? (?:tudo bem|tudo bom|como está|como esta|como vai|como estás|tudo certo)(?: [^ ]+){0,2} $| universal credit| pagar a renda| pagar o aluguel| rent\b",
        ),
    ),
    (
        "groups_communal",
        (
            r" (?:sala (?:comum|comunitária|comunitaria|do condomínio|do condominio)|espaço comum|espaco comum|áreas comuns|areas comuns|partes comuns|hall|átrio|atrio|escadas do prédio|escadas do predio|lavandaria|lavanderia)(?: [^ ]+){0,8} (?:festa|festas|bebem|bebendo|fumam|ficam|sentados|dormem|entram)| gente de fora(?: [^ ]+){0,4} (?:entra|entram)",
        ),
    ),
    (
        "other_asb",
        (
            r" (?:alarme|alarmes) de (?:incêndio|incendio)| extintor| prostitu| preservativ| camisinha| (?:atira|atiram|joga|jogam|deita|deitam|lança|lançam) (?:coisas|lixo|garrafas|pontas|beatas|comida|objetos)(?: [^ ]+){0,4} (?:da|pela|pela|de) (?:varanda|janela|sacada)| (?:atira|atiram|joga|jogam) coisas",
        ),
    ),
    (
        "violence",
        (
            r" (?:soco|socos|murro|murros|socou|esmurrou|bofetada|estalo|chapada|tapa na cara|olho roxo|facada|porrada|pancadaria|briga|brigas|agrediu|agrediram|empurrou me|me empurrou|me deu um)",
        ),
    ),
    (
        "harassment",
        (
            r" (?:me segue|fica me seguindo|seguindo me|me seguindo|segue me|persegue|me vigia|vigia me|vigiando|me olha pela janela|olha pela janela|bilhete|bilhetes|sabe a hora que|me insulta|insulta me|insultam|me filma|filma me|tira fotos)",
        ),
    ),
    (
        "environmental",
        (
            r" (?:despej|colchão|colchao|colchões|sofá velho|sofa velho|entulho|monte de lixo|sacos de lixo|máquina de lavar velha)| (?:mato|erva) (?:enorme|alto|altíssimo|até)| quintal(?: [^ ]+){0,4} (?:abandonado|sujo|cheio de lixo|mato)",
        ),
    ),
    (
        "noise",
        (
            r" (?:música|musica|som) (?:alt|altíssim|altissim|no máximo|no maximo|aos berros)| arrastando (?:movel|móvel|móveis|moveis)| arrastar (?:móveis|moveis)| batendo (?:coisa|coisas|portas|no chão|no chao)",
        ),
    ),
    (
        "not_asb",
        (
            r" (?:crianças|criancas|miúdos|miudos|meninos)(?: [^ ]+){0,4} (?:brinc|a brincar|jogam bola)(?!(?: [^ ]+){0,6} (?:meia noite|madrugada))",
            r"^(?!.*(?:madrugada|noite|toda hora|todos os dias)).* (?:furando|a furar|furar|berbequim|furadeira|martel|obras|bricolage)(?: [^ ]+){0,6} (?:sábado|sabado|domingo|da tarde|à tarde|a tarde|de dia)",
        ),
    ),
    ("environmental", (r" (?:arranja|repara|conserta)(?:m)? (?:carros|motas|o carro)",)),
    ("drugs_alcohol", (r" seringa| agulhas",)),
    ("harassment", (r" toca(?:m)? (?:à|a) campainha(?: [^ ]+){0,4} fog",)),
    ("vandalism", (r" (?:parte|partem) (?:garrafas|vidros)",)),
    ("not_asb", (r" ouvem se os passos| ouço os passos",)),
    ("out_of_scope", (r" (?:mudar|trocar) a fechadura",)),
)

# Greetings and contact checks (core.topics.is_greeting): a message made only of them is a
# greeting (session 12, sets E and F). Folded text: no accents.
GREETINGS: tuple[str, ...] = (
    r" (?:ola|oi|bom dia|boa tarde|boa noite|bom dia a todos)(?= )",
    r" (?:tem |ha )?(?:alguem|alguem ai|alguem esta ai|alguem ta ai|alguem do outro lado)(?: ai)?(?= )",
    r" (?:voces |vcs )?(?:falam|entendem|fala|entende) (?:portugues|brasileiro)(?= )",
    r" (?:posso|podemos|da para|da pra) (?:escrever|falar) em portugues(?= )",
)

"""Romanian safety lexicon (see core/safety/languages/__init__.py for how the tables are read).

Matched without diacritics (ș/ş -> s, ț/ţ -> t, ă/â -> a, î -> i): residents often type without
them. Present forms ("mă bate", "are un cuțit", "intră peste noi") are danger now; the past
("m-a bătut", "a furat", "au spart") is in `crime`. Drafted for issue 16: a native speaker must
review it.
"""

# ruff: noqa: E501  (one pattern a line)
from core.safety.languages import SafetyLexicon

W = r"(?: [^ ]+)"  # any one word
WEAPON = r"(?:cuțit|cutit|cuțitul|cutitul|cuțite|satâr|topor|toporul|secure|pistol|armă|arma|bâtă|bata|ciomag|ciocan|macetă|maceta|briceag|sabie|sticlă spartă|sticla sparta|sticle sparte|cioburi)"
FAMILY = r"(?:bărbatul (?:meu|ei|mea)|barbatul (?:meu|ei)|omul meu|fostul partener|fostul sot|fostul soț|soțul|sotul|soț|soția|sotia|partenerul|partenera|prietenul meu|prietena mea|iubitul|iubita|fostul|fosta|fostul meu|fosta mea|tatăl|tatal|tata|concubin|socrul|soacra)"

LEXICON = SafetyLexicon(
    code="ro",
    danger={
        "weapon": (
            r" (?:împușcătur|impuscatur|focuri de armă|focuri de arma|trage cu|trag cu|a tras cu)",
            r" (?:cuțit|cutit|cuțitul|cutitul|satâr|satar|topor|toporul|secure|pistol|pistolul|macetă|maceta)\b",
            rf" (?:are|au|avea|aveau|ține|tine|flutură|flutura|scoate|a scos|scos|cu|amenință cu|ameninta cu|îndreaptă|îndreapta){W}{{0,2}} {WEAPON}\b",
        ),
        "violence_now": (
            # session 12 (set H): smashing things now
            r" (?:acum )?sparge (?:lucruri|tot|mobila|geamuri|vase)",
            # session 12 (set G): they have cornered me
            r" (?:m au|ne au|m-au|ne-au) (?:încolțit|incoltit)",
            r" aruncă cu (?:sticle|pietre|cărămizi|caramizi|obiecte)| arunca cu (?:sticle|pietre|caramizi|obiecte)| tocmai (?:l a|m a|a|au|i a) (?:lovit|bătut|batut|atacat|înjunghiat|injunghiat)",
            r" (?:mă|ma|ne|o|îl|il|îi|ii|se|își|isi) (?:bate|bat|lovește|loveste|lovesc|atacă|ataca|sugrumă|sugruma|strânge de gât|strange de gat|înjunghie|injunghie|omoară|omoara|calcă în picioare|bat(?: [^ ]+)? acum)\b",
            r" (?:bate|bat|lovește|loveste|atacă|ataca) (?:pe|o|un|o femeie|un copil|copilul|mama|fata|băiatul)\b",
            r" se bat (?:acum|în fața|in fata|pe scară|pe scara|afară|afara)|^ ajutor(?: [^ ]+)? $| săriți| sariti",
        ),
        "fire": (
            r" foc\b(?! de artificii)| (?:incendiu|arde|ard|în flăcări|in flacari|flăcări|flacari|dă foc|da foc|dau foc|a dat foc|să dea foc|sa dea foc)\b",
            r" (?:miroase a|miros de|e plin de|plin de|iese) (?:fum|gaz)| scurgere de gaz| fum (?:iese|peste tot|din|mult|gros|negru|în|in)| mult fum| e fum| este fum",
        ),
        "taken": (
            r" (?:fiul|fiica|copilul|băiatul|baiatul|fata)(?: [^ ]+){0,4} nu (?:s a întors|s a intors|a venit) acasă| nu s a (?:întors|intors) acasa",
            r" (?:copilul|copila|fiul|fiica|fetița|fetita|băiețelul|baietelul|bebelușul)(?: [^ ]+){0,4} (?:a dispărut|a disparut|dispărut|disparut)| a dispărut (?:copilul|fiul|fiica)",
            r" (?:răpit|rapit|răpită|rapita|răpesc|rapesc|l au luat cu forța|au luat o cu forța|luat cu forța|luat cu forta|au băgat o în mașină|au bagat o in masina|bagat in masina)",
        ),
        "threat_to_life": (
            # session 12 (set H): this time he will finish me
            r" termin[aă] cu (?:mine|tine|ea|noi)\b",
            r" (?:mă|ma|ne|te|o|îl|il) (?:omoară|omoara|omor|omoare)\b| (?:vrea|vor|amenință|ameninta|a amenințat|zice|spune|a zis|a spus) (?:că |ca |sa |să )?(?:mă|ma|ne|o|îl|il) (?:omoare|omoară|omoara|înjunghie|injunghie|ardă|arda|taie|taia)\b",
            r" (?:te|vă|va|o|îl|il) omor\b| (?:să|sa) (?:mă|ma|ne) omoare",
        ),
        "intruder": (
            # session 12 (set H): at the door, hitting it with something
            r" (?:e|este|stă|sta) la u[sș]a(?: [^ ]+){0,3} (?:lovește|loveste|bate)| lovește cu ceva| loveste cu ceva",
            # session 12 (set G): my ex barged into my home
            r" (?:a|au) intrat peste (?:mine|noi)",
            r" se uită (?:pe|prin) geam| se uita (?:pe|prin) geam| (?:străin|strain|necunoscut)(?: [^ ]+){0,4} (?:curte|grădin|gradin|geam|balcon)",
            r" (?:încearcă|incearca|vor|vrea) (?:să |sa )?(?:intre|intra|spargă|sparga|forțeze|forteze|deschidă|deschida)\b",
            r" (?:cineva|un bărbat|un barbat|un străin|un strain|niște|niste|ei|el) (?:e |este |sunt )?(?:în|in|intră|intra|a intrat|au intrat) (?:în |in )?(?:casa mea|casă|casa|apartament|dormitor|bucătărie|bucatarie)",
            r" (?:sparge|sparg|forțează|forteaza|bate în|bat în|lovește în|loveste in) (?:ușa|usa|geamul|fereastra)",
        ),
        # session 12 (set H): the one who harms will not let them leave (with a partner: only
        # with a word of now, since "he doesn't let me go out" is also coercive control)
        "held": (
            r" nu (?:mă|ma|o|ne|îi|ii) las[aă] s[aă] (?:ies|iasă|iasa|plec|plece|ieșim|iesim)(?! (?:singur|din cas[aă] f[aă]r[aă]|f[aă]r[aă]))",
        ),
        "injured": (
            r" (?:câinele|cainele|câine|caine)(?: [^ ]+){0,4} (?:a atacat|l a atacat|a mușcat|a muscat|l a mușcat|l a muscat|mușcă|musca)",
            r" plin de sânge| plin de sange| însângerat| insangerat| (?:zace|zăcea) (?:pe|în|in|lângă)",
            r" (?:a căzut|a cazut|au căzut|a sărit|a sarit) (?:de la|de pe|din|pe) (?:fereastr|geam|balcon|bloc|acoperiș|acoperis|pod)",
            r" (?:sângerează|sangereaza|curge sânge|curge sange|mult sânge|mult sange|inconștient|inconstient|leșinat|lesinat|nu respiră|nu respira|rănit|ranit|chemați ambulanța|chemati ambulanta|trebuie ambulanța|trebuie ambulanta)",
        ),
    },
    self_harm=(
        r" (?:se|să se|sa se) (?:arunca|aruncă|arunce|sinucide|sinucidă|omoare|omoară|spânzure|spanzure|taie)\b| (?:vrea|zice|spune|amenință|ameninta)(?: [^ ]+){0,2} (?:să sară|sa sara|că sare|ca sare)| își ia viața| isi ia viata| să-și ia viața| sa-si ia viata",
        r" (?:să mă omor|sa ma omor|mă omor|ma omor|să mă sinucid|sa ma sinucid|sinucid|îmi iau viața|imi iau viata|să-mi iau viața|sa-mi iau viata|îmi tai venele|imi tai venele|nu mai vreau să trăiesc|nu mai vreau sa traiesc|mă tai\b|ma tai\b|să termin cu tot|sa termin cu tot)",
    ),
    domestic=(
        r" (?:bătută|batuta|bătut|batut|lovită|lovita|terorizată|terorizata) de (?:soțul|sotul|bărbatul|barbatul|partenerul|iubitul|fostul|concubinul)",
        r" (?:fiul|fiica|fratele|sora) (?:meu|mea)(?: [^ ]+){0,10} (?:mă|ma|m a|m-a) (?:amenință|ameninta|amenințat|amenintat|bate|lovește|loveste|împinge|impinge|înjură|injura)",
        r" violență domestică| violenta domestica| violență în familie| violenta in familie| abuz domestic",
        rf" {FAMILY}{W}{{0,3}} (?:mă |ma |ne |m a |m-a |m au )?(?:bate|bătut|batut|lovește|loveste|lovit|amenință|ameninta|amenințat|amenintat|controlează|controleaza|împins|impins|umilește|umileste|urmărește|urmareste|sufocat|strâns de gât|strans de gat)",
    ),
    family=(
        rf" {FAMILY}",
        r"(?<! pe) (?:fratele|fiul|tatăl|tatal|mama|sora|fiica) (?:meu|mea)\b(?! (?:a fost|e|este) )",
    ),
    abuse=(
        # session 12 (set H): he hits our mother
        r" (?:o|îl|il) (?:bate|lovește|loveste|înjură|injura|amenință|ameninta) pe (?:mama|tata|sora|fratele|bunica|bunicul)",
        r" (?:mesaje|mesaj|vine noaptea|vine la geam|vine la usa|vine la ușă|o sa vezi|o să vezi|ordin de restric|restraining order|ordin de protec|mă pândește|ma pandeste|mă sună|ma suna|vânătăi|vanatai|vânătă|vanata|bătută de|batuta de|bătut de|batut de|mă bate|ma bate|mă lovește|ma loveste|mă amenință|ma ameninta)",
        r" (?:amenințări|amenintari|mă așteaptă|ma asteapta|mă urmărește|ma urmareste)",
        r" (?:mă jignește|ma jigneste|aruncă cu lucruri în mine|arunca cu lucruri in mine|aruncă în mine|arunca in mine|mă umilește|ma umileste)",
        r" (?:mă bate|ma bate|m a bătut|m-a bătut|m a batut|m-a batut|mă lovește|ma loveste|m a lovit|m-a lovit|mă amenință|ma ameninta|m a amenințat|m-a amenintat|mă controlează|ma controleaza|nu mă lasă|nu ma lasa|îmi ia banii|imi ia banii|mi a luat telefonul|mi-a luat telefonul|îmi ia telefonul|imi ia telefonul|mă încuie|ma incuie|m a împins|m-a impins|mă umilește|ma umileste|mă urmărește|ma urmareste|mă împinge|ma impinge)",
    ),
    hate=(
        r" (?:romanii|românii|polonezii|strainii|străinii|imigrantii|imigranții|tiganii|țiganii) (?:sunt|is|s) (?:hoti|hoți|tigani|țigani|gunoaie|paraziti|paraziți|murdari)| (?:sa|să) (?:plece|pleci|plecati|plecați|plecam|plecăm)(?: [^ ]+){0,2} (?:din|în|in) (?:tara|țara)| (?:plecati|plecați|pleacă|pleaca) (?:din|în|in) (?:tara|țara)",
        r" rasist| rasism| homofob| transfob| xenofob| antisemit| zvastic| svastic| nazist",
        r" (?:pentru că|pentru ca|fiindcă|fiindca|deoarece|că|ca) (?:sunt|suntem|e|este|sunt) (?:român|roman|romani|românc|romanc|musulman|gay|homosexual|lesbian|negru|neagră|neagra|evreu|evreic|trans|imigrant|străin|strain|cu dizabilit|handicapat|țigan|tigan|rrom)",
        r" din cauza (?:rasei|religiei|originii|culorii|nationalitatii|naționalității|dizabilității|dizabilitatii|orientării|orientarii)",
        r" (?:du te|du-te|duceți vă|duceti va|întoarce te|intoarce te|întoarceți vă|intoarceti va) (?:înapoi |inapoi )?(?:în|in|acasă|acasa) (?:țara ta|tara ta|țara voastră|tara voastra|romania)| țigan(?:ule|ilor)| tigan(?:ule|ilor)| (?:români|romani|străini|straini|imigranți|imigranti) afară| afara (?:romani|straini)",
    ),
    identity=(
        r" (?:autism|autist|surd|surdă|surda|orb|oarbă|oarba|sindromul down|dizabil|handicap|transgen|trans\b|gay\b|lesbian|turban|moschee|sinagog)",
        r" (?:islam|musulman|batic|hijab|văl)",
        r" (?:român|roman|romani|românc|romanc|musulman|gay|homosexual|lesbian|negru|neagră|evreu|trans|imigrant|străin|strain|dizabilit|handicap|scaun cu rotile|țigan|tigan|rrom|batic|hijab)",
    ),
    hostile=(
        r" (?:i a zis|i-a zis|a zis|îi zic|ii zic|le zic|ne zic|zic|zice|râd de|rad de|rada de|râdă de|imită|imita|imitã|filmează|filmeaza|lipit|poză|poza|batjocor|bat joc|strigă|striga|țipă|tipa|înjură|injura)",
        r" (?:smuls|au smuls|a smuls|i au smuls|tras de|au strigat|a strigat)",
        r" (?:înjură|injura|înjurat|injurat|jignește|jigneste|jignesc|scuipă|scuipa|scuipat|strigă|striga|strigat|amenință|ameninta|râd de|rad de|batjocoresc|au scris|a scris|au desenat|aruncă|arunca|aruncat|mă face|ma face|ne fac|ne face|îmi spune|imi spune)",
    ),
    crime=(
        r" (?:a furat|au furat|furat|furată|furata|mi au furat|mi-au furat|furt|jefuit|jefuită|jefuita|jaf|au spart (?:ușa|usa|casa|apartamentul|mașina|masina|boxa)|a spart (?:ușa|usa|mașina|masina)|mi au spart|mi a spart|spargere|înșelat|inselat|escrocher)",
    ),
    past=(
        r" ieri| alaltăieri| alaltaieri| săptămâna trecută| saptamana trecuta| luna trecută| luna trecuta| anul trecut| noaptea trecută| noaptea trecuta| aseară| aseara| acum (?:o|două|doua|trei|câteva|cateva|\d+) (?:săptămân|saptaman|zi|zile|lun|an|ani|ore|oră|ora)| sâmbătă trecută| avea| aveau",
    ),
    now=(
        r" mi e frică| mi e frica| mi-e frică| mă tem| ma tem| tocmai",
        r" acum\b(?! (?:o|două|doua|trei|câteva|cateva|\d+) )| chiar acum| în acest moment| in acest moment| repede| ajutor| încă aici| inca aici| încă e| inca e",
    ),
    not_danger=(
        # session 12 (set I): when there is a real fire
        r" (?:c[aâ]nd|dac[aă]) (?:o s[aă] fie|va fi|e) (?:un )?foc(?: adev[aă]rat)?",
        # session 12 (set H): bangs on my door when he walks past
        r" (?:lovește|loveste|bate) (?:în|in) u[sș]a (?:mea )?c[aâ]nd trece",
        # session 12 (set G): knocking on the door and running off
        r" (?:îmi |imi )?tot bate (?:în|in) u[sș]a| bate (?:în|in) u[sș]a(?: [^ ]+){0,2} (?:și|si) fuge",
        # session 12 (sets E and F): a fire escape, nobody hurt, noise that "is killing me, I can't sleep"
        r" (?:scara|scară|scari|scări|scarile|scările) de incendiu| nimeni (?:nu a|n a) fost (?:grav )?rănit| (?:nu a|n a) fost nimeni (?:grav )?rănit",
        r" (?:ma|mă) (?:omoara|omoară)(?: [^ ]+){0,2} nu mai (?:dorm|pot dormi|suport|rezist)",
        r" (?:alarma|alarmă|ușa|usa|ușile|usile|detectorul|detector|senzorul|stingătorul|stingatorul|stingătoare|stingatoare) (?:de )?(?:incendiu|fum|foc)| (?:ieșirea|iesirea) de (?:incendiu|urgență|urgenta)",
        # set D (session 11): noise that "is killing me" is a figure of speech
        r" (?:ma|mă|mă) (?:omoara|omoară|omoram) (?:zgomotul|muzica|galagia|gălăgia|larma|basul|manelele)| (?:zgomotul|muzica|galagia|gălăgia|larma|basul|manelele)(?: [^ ]+){0,3} (?:ma|mă) (?:omoara|omoară)",
    ),
    # session 12 (sets E and F): the resident says they are safe now
    safe=(
        # session 12 (set I): he is not here now
        r" (?:acum )?nu (?:mai )?e aici\b",
        r" sunt (?:ok|bine|în siguranță|in siguranta)\b| suntem (?:ok|bine|în siguranță|in siguranta)\b| de atunci nimic| de atunci nu (?:a mai|mai)",
        r" (?:acum )?(?:doarme|e la muncă|e la munca|e la serviciu|nu e acasă|nu e acasa)\b| stau la (?:sora|mama|fratele|o prietenă|o prietena|prietena|prietenul|părinții|parintii)",
    ),
    # session 12 (set H): the one who harms will not leave or lets nobody leave, or the resident is locked in or hiding
    present=(
        r" nu vrea s[aă] plece| am (?:încuiat|incuiat) u[sș]a| (?:m am|ne am|s a) (?:încuiat|incuiat)| sunt (?:încuiat|incuiat)[aă]?| (?:mă|ma|ne) ascund\b| sunt ascuns[aă]",
    ),
    calm=(
        # session 12 (set I): a threat for if it happens again
        r" dac[aă] (?:mai|iar|înc[aă] o dat[aă])\b",
        r" (?:acum )?(?:e|este) (?:liniște|liniste|calm|bine) acum| acum (?:e|este) (?:liniște|liniste|calm)| data viitoare| next time",
    ),
    left=(r" (?:a|au) plecat deja| deja a plecat| (?:a|au) fugit| s a terminat| s-a terminat",),
    urgent=(
        r" săriți| sariti| repede| chemați poliția| chemati politia| sunați la poliție| sunati la politie| urgent|^ ajutor",
    ),
    harm=(
        r" sânge| sange| rănit| ranit| bate| bat | bătut| batut| lovi| lovește| cuțit| cutit| omor| atac| foc\\b| fum\\b| armă| arma\\b| împușc| impusc| sugrum| amenin",
    ),
    smoke=(r" fum[^ ]*",),
    smoking=(r" fumează| fumeaza| fumează| țigar| tigar| grătar| gratar| iarbă| iarba",),
    false_friends=("fire", "firea", "din fire"),
    negation=("nu", "nimeni", "niciun", "nicio", "fără", "fara", "nici"),
)

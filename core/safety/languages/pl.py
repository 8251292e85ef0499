"""Polish safety lexicon (see core/safety/languages/__init__.py for how the tables are read).

Patterns are matched on folded text (lower case, no accents, "ł" -> "l"): they may be written
with accents. Present tense ("bije", "ma nóż", "włamuje się") is danger now; the past forms
("pobił", "włamał się") are in `crime`. Drafted for issue 16: a native speaker must review it.
"""

# ruff: noqa: E501  (one pattern a line)
from core.safety.languages import SafetyLexicon

W = r"(?: [^ ]+)"  # any one word
WEAPON = r"(?:nóż|noż|noz|nożem|maczet|siekier|pistolet|broń|broni|bronią|kij|kijem|młot|bagnet|tasak|żylet)"
FAMILY = r"(?:mąż|męż|partner|partnerka|partnerki|żona|żony|chłopak|chłopaka|dziewczyna|były mąż|były partner|była partnerka|była żona|byłego|eks|ex|ojciec|ojczym|teść|teściow)"

LEXICON = SafetyLexicon(
    code="pl",
    danger={
        "weapon": (
            r" (?:strzał|strzały|strzałów|strzelanin|strzela|strzelają|wystrzał)",
            rf" (?:ma|mają|trzyma|trzymają|wymachuje|wymachują|wyciągnął|wyciągnęli|wyciąga|celuje|mierzy|z|ze){W}{{0,2}} {WEAPON}",
            rf" (?:grozi|groził|grozili|miał|mieli|miała){W}{{0,2}} {WEAPON}",
            r" (?:nóż|noż|siekier|maczet|pistolet|broń(?![a-zć])|bronią|strzelb|rewolwer)",
        ),
        "violence_now": (
            # session 12 (set G): throwing stones at our windows
            r" (?:rzucają|rzucaja|rzuca) (?:kamieniami|kamienie|butelkami|cegłami|cegly|cegłówkami) (?:w|we|na) (?:nas|mnie|nasze okna|moje okno|moje okna|nasz dom|nasze drzwi)\b",
            r" rzuca(?:ją)? (?:butelk|kamie|cegł|cegl|rzecz|szkł)[^ ]*(?: [^ ]+){0,3} (?:w ludzi|w nas|we mnie|na ludzi|w dzieci)| (?:właśnie|przed chwilą) (?:uderzył|pobił|zaatakował|dźgnął|napadł|pobili|zaatakowali)",
            r" (?:bije|biją|bić|atakuje|atakują|kopie|kopią|dusi|duszą|katuje|napada|napadają|dźga|tłucze|tłuką|leje|szarpie|rzuca się na) (?:mnie|nas|ją|go|ich|moj|dzieck|kogoś|się|sąsiad|swoją|swojego|swoje|żonę|kobiet|dziewczyn|chłopak|dziecko)",
            r" (?:mnie|nas|ją|go|ich) (?:bije|biją|atakuje|atakują|kopie|kopią|dusi|duszą|katuje|tłucze|tłuką|leje|szarpie)",
            r" (?:biją się|bije się|bójka|bijatyka) (?:teraz|przed|pod|na|w)",
            r" ratunku| na pomoc\b|^ pomocy(?: [^ ]+)? $",
        ),
        "fire": (
            r" (?:pali się|palą się|płonie|płoną|pożar|ogień|ogniem|podpalił|podpalają|podpala|podpalić)",
            r" (?:czuć|czuję|czujemy|wyczuwam|pełno|dużo) (?:dym|gaz)| wyciek gazu| dym (?:z|w|na|wydobywa)",
        ),
        "taken": (
            r" (?:syn|córka|dziecko|synek|córeczka)(?: [^ ]+){0,5} nie (?:wrócił|wróciła|wróciło)| nie odbiera telefonu(?: [^ ]+){0,5} (?:syn|córka|dziecko)",
            r" (?:dziecko|syn|córka|córeczka|synek|dziewczynka|chłopiec)(?: [^ ]+){0,4} (?:zaginął|zaginęła|zaginęło|zniknął|zniknęła|zniknęło)| (?:zaginął|zaginęła|zaginęło) (?:mój|moja|moje) (?:syn|córka|dziecko)",
            r" (?:wciągnął|wciągnęli|wciągnął|wciągają|wciąga|wepchnął|wepchnęli|wrzucił|zabrał|zabrali|złapał|złapali)(?: [^ ]+){0,10} do (?:auta|samochodu|vana|busa|furgonetki|samochód)",
            r" (?:porwał|porwali|porwany|porwana|porywa|uprowadz|zabrał siłą|zabrali siłą|wciągnęli do (?:auta|samochodu))",
        ),
        "threat_to_life": (
            r" (?:zabije|zabiją|zabiję|zabić|zabija|zabijają|zamorduje) (?:mnie|nas|cię|ją|go|ich|dzieci|moj)",
            r" (?:chce|chcą|grozi że|grozi, że|grozi ze|krzyczy że) (?:mnie |nas |ją |go )?(?:zabić|zabije|zabiją|podpali)",
        ),
        "intruder": (
            # session 12 (set G): afraid they will get in
            r" (?:boję się|boje sie|boimy się|boimy sie) (?:że|ze) (?:wejdą|wejda|wejdzie|wtargn|się włamią|sie wlamia)",
            r" (?:wlazł|wszedł|weszli|wlazło|włamał)[^ ]*(?: [^ ]+){0,8} (?:jest|są) (?:w|we|u) ",
            r" zagląda(?:ją)? (?:mi |nam )?(?:do okien|do okna|przez okno)| (?:obcy|nieznajomy|obca osoba|jakiś facet|jakiś mężczyzna)(?: [^ ]+){0,4} (?:ogrod|ogród|podwór|pod oknem|pod oknami)",
            r" (?:próbuje|próbują|chce|chcą|usiłuje)(?: [^ ]+){0,2} (?:wyważyć|wyłamać|wyrwać|rozwalić|otworzyć|sforsować|wejść|się dostać|się włamać)| (?:kopie|kopią|wali|walą|łomocze|tłucze|wyważa) (?:w |mi |nam )?(?:drzwi|okno|okna)",
            r" (?:wyłamuje|wyłamują|wyłamać|włamuje się|włamują się|próbuje się włamać|próbują się włamać|wyważa|wyważają|dobija się|dobijają się|wdziera się|wchodzi przez okno)",
            r" (?:ktoś|ktos|obcy|mężczyzna|oni) (?:jest|są)? ?(?:w|we) (?:moim|naszym|mieszkaniu|domu|mieszkanie)",
        ),
        # session 12 (set H): the one who harms will not let them leave (with a partner: only
        # with a word of now, since "he doesn't let me go out" is also coercive control)
        "held": (r" nie (?:pozwala|daje) (?:jej|mi|nam|im) (?:wyjść|wyjsc)(?! (?:sam|bez))",),
        "injured": (
            r" (?:pies|psa|owczarek|pitbul)(?: [^ ]+){0,4} (?:ugryzł|pogryzł|rzucił się na|zaatakował|gryzie)",
            r" we krwi| zakrwawion| (?:leży|leżał|leżą) (?:na|pod|w) (?:klatce|schodach|ziemi|chodniku|podłodze|ulicy)",
            r" (?:wypadł|wypadła|wypadło|spadł|spadła|spadło|skoczył|skoczyła)(?: [^ ]+){0,2} z (?:okna|balkonu|dachu|mostu|klatki)",
            r" (?:krwawi|leje się krew|dużo krwi|nieprzytomn|nie oddycha|zemdlał|zemdlała|jest ranny|jest ranna|potrzebna karetka|wezwij karetkę)",
        ),
    },
    self_harm=(
        r" (?:skoczy|skoczę|skoczyć|wyskoczy|wyskoczyć|skacze z|rzuci się|rzucić się|powiesi się|powiesić się|zabije się|zabić się|podetnie sobie|połknął tabletki|połknęła tabletki|przedawkował)",
        r" (?:zabić się|zabije się|zabiję się|odebrać sobie życie|samobój|skończyć ze sobą|skończę ze sobą|pociąć się|tnę się|nie chcę już żyć|nie chce już żyć|nie chcę żyć|nie chce zyc|nie chcę dłużej żyć)",
    ),
    domestic=(
        r" (?:syn|córka|corka|brat|siostra|wnuk|wnuczka|ojciec|matka)\b(?: [^ ]+){0,12} (?:mi|mnie) (?:grozi|groził|bije|bił|popycha|popchnął|wyzywa|szarpie|kopie)| (?:rzucił|rzuciła|rzuca) we mnie",
        r" przemoc domow| przemocy domowej| znęca się nade mną| znęca się nad",
        rf" {FAMILY}{W}{{0,3}} (?:mnie |nas )?(?:bije|bił|biła|pobił|uderzył|uderza|grozi|groził|kontroluje|szarpie|popchnął|popycha|poniża|zastrasza|śledzi|wyzywa)",
    ),
    family=(
        r" (?:mąż|partner|partnerka|żona|chłopak|facet|dziewczyna|były mąż|były partner|była partnerka|była żona|eks|ojciec|ojczym|teść|teściowa)\b",
        r" (?:mój (?:brat|syn|ojciec|tata)|moja (?:siostra|córka|matka|mama))\b(?! [^ ]+ (?:pobił|uderzył|zaatakował))",
        r" (?:mój|moja|moje) (?:mąż|partner|partnerka|żona|chłopak)",
    ),
    abuse=(
        r" (?:znajdzie|znajdę|przychodzi pod|przychodzi do|wydzwania|pisze (?:do mnie|że|ze|sms)|esemes|wiadomości|śledzi|obserwuje|nachodzi|nęka|zakaz zbliżania|siniaki|siniak|boję się go|boje sie go)",
        r" (?:szarpie mnie|mnie szarpie|zamyka mnie|mnie zamyka|popycha mnie|mnie popycha)",
        r" (?:groźb|wypisuje|czeka pod|nachodzi mnie|śledzi mnie|nęka mnie)",
        r" (?:wyzywa mnie|rzuca we mnie|rzuca rzeczami|obraża mnie|upokarza)",
        r" (?:bije|bił|biła|pobił|uderzył|uderza|grozi|groził|kontroluje|szarpie|popchnął|poniża|zastrasza|nie pozwala mi|zabiera mi pieniądze|zabrał mi telefon|zamyka mnie)",
    ),
    hate=(
        r" (?:wracać|wracajcie|wracali|wracaj|wracały|wynoście się|wynoś się|wynocha|spadajcie|spadaj|jedźcie)(?: [^ ]+){0,3} (?:do )?(?:swojego|swego|waszego|twojego|siebie do) kraju| (?:przez nas|przez was|przez polaków|przez imigrantów) nie ma (?:mieszkań|pracy)| (?:polaczk|brudni polacy|brudny polak|pieprzeni polacy)",
        r" rasist| rasizm| homofob| transfob| ksenofob| antysemi| swastyk| nazist| hitler",
        r" (?:bo|ponieważ|dlatego że|tylko dlatego że) (?:jestem|jesteśmy|jest|są) (?:polak|polką|polakami|polakiem|muzułman|gejem|gejami|lesbijk|czarn|żyd|trans|imigrant|niepełnospraw|cudzoziem|romem|romką)",
        r" z powodu (?:mojej |mojego |naszej |jego |jej )?(?:rasy|religii|pochodzenia|koloru skóry|niepełnosprawności|orientacji|narodowości|wiary)",
        r" (?:wracaj(?:cie)?|wracać|wróć|wynoś się|wynocha) do (?:swojego |waszego )?(?:kraju|polski|domu)| won do (?:polski|swojego kraju)| (?:polacy|polaki|obcy|imigranci|cudzoziemcy|ukraińcy|czarni|ciapaci|muzułmanie|geje|pedały) (?:do domu|won|wynocha|precz|out)| polaczk| ciapat| pedał| brudn(?:y|a|i) (?:polak|polaczek|cudzoziem|imigrant)",
    ),
    identity=(
        r" (?:cygan|cyganów|cyganie|romów|romowie|romska)",
        r" (?:polak|polką|polakami|polakiem|polską rodzin|muzułman|gej|lesbijk|czarnoskór|żyd|trans|imigrant|niepełnospraw|na wózku|cudzoziem|obcokrajow|hidżab|chust)",
    ),
    hostile=(
        r" (?:rzucają|rzuca|jajkami|jajka)",
        r" (?:zerwał|zerwali|zdarł|zdarli|ściągnął|ściągnęli|szarpali|szarpał)",
        r" (?:pisze|piszą|maluje|malują|obraźliw|wyzwisk|wyzywa|wyzywają|obraża|obrażają|opluw|pluje|plują|grozi|grożą|krzyczy|krzyczą|śmieją się|śmieje się|napisał|napisali|namalował|nasprejował|obrzuca|szydzą|przezywa)",
    ),
    crime=(
        r" (?:ukradł|ukradli|ukradła|ukradziono|skradziono|skradzion|kradzież|włamał|włamali|włamanie|okradł|okradli|okradziono|obrabował|obrabowali|rozbił mi szyb|rozbili mi szyb|oszuk)",
    ),
    past=(
        r" wczoraj| przedwczoraj| w (?:zeszłym|zeszły|ubiegłym|poprzednim) (?:tygodniu|miesiącu|roku|weekend)| zeszłej nocy| ubiegłej nocy| (?:tydzień|miesiąc|rok|dwa dni|kilka dni|godzinę) temu| dni temu| lat temu| kiedyś| w sobotę| w niedzielę| miał| miała| mieli| groził| grozili",
    ),
    now=(
        # session 12 (set H): a moment ago
        r" przed chwilą| przed chwila",
        r" (?:jest|są) (?:w|we) (?:kuchni|pokoju|sypialni|łazience|przedpokoju|salonie|domu|mieszkaniu|piwnicy)",
        r" boję się| boimy się| przerażon",
        r" teraz| pomocy| w tej chwili| natychmiast| szybko| ratunku| właśnie| jeszcze tu| nadal tu| wciąż tu",
    ),
    not_danger=(
        # session 12 (set G): a ball banging on the windows, a punctured wheelchair tyre, smoke coming in
        r" (?:piłka|pilka)(?: [^ ]+){0,3} (?:wali|uderza|obija)| przebi[a-z]*(?: [^ ]+){0,3} (?:koło|kolo|opon[a-z]*|dętk[a-z]*)| (?:zapach|dym|smród|smrod|zioło|ziolo|trawka)(?: [^ ]+){0,4} wchodzi",
        # session 12 (set E): children kicking the block's entrance door
        r" (?:dzieciaki|dzieci|gówniarze|gowniarze|nastolatki|młodzież|mlodziez|chłopaki|chlopaki)(?: [^ ]+){0,2} kopi[aą] w drzwi (?:wejściowe|wejsciowe|do bloku|od klatki)",
        r" (?:alarm|alarmy|alarmu|drzwi|drzwiach) (?:przeciwpożarow|pożarow)[^ ]*| gaśnic[^ ]*| wyjście ewakuacyjne| czujnik(?:i|a)? dymu",
    ),
    # session 12 (sets E and F): the resident says they are safe now
    safe=(
        # session 12 (set I): he is not here now
        r" teraz go nie ma| (?:go|jej) (?:teraz )?nie ma\b",
        r" jestem (?:już |juz |teraz )?(?:bezpieczn|cała\b|cala\b|cały\b|caly\b)| nic mi nie jest| (?:on|ona|mąż|maz|partner) (?:jest )?(?:teraz )?(?:w pracy|śpi|spi)\b",
        r" (?:mieszkam|jestem|zostaję|zostaje|nocuję|nocuje) (?:teraz )?u (?:siostry|mamy|brata|rodziców|rodzicow|koleżanki|kolezanki|przyjaciółki|przyjaciolki)",
    ),
    # session 12 (set H): the one who harms will not leave or lets nobody leave, or the resident is locked in or hiding
    present=(
        r" nie chce (?:wyjść|wyjsc|się wynieść|sie wyniesc)| (?:zamknęłam|zamknelam|zamknąłem|zamknalem|zamknęliśmy|zamknelismy|zamknęła|zamknela) się| (?:chowam|ukrywam|chowamy|ukrywamy) się",
    ),
    calm=(
        # session 12 (set I): a threat for if it happens again
        r" (?:jeśli|jesli|jak|jeżeli|jezeli) (?:jeszcze raz|znowu|ponownie)\b",
        r" (?:teraz )?(?:jest|już) (?:spokój|spokojnie|cicho)(?! [^ ]+ (?:nie|ale))| teraz jest spokój| następnym razem| nastepnym razem",
        # set D (session 11): "the third time this month" tells of a habit
        r" (?:to )?(?:już )?(?:drugi|trzeci|czwarty|piąty|kolejny) raz w tym (?:miesiącu|tygodniu|roku)",
    ),
    left=(
        r" już (?:poszedł|poszła|poszli|uciekł|uciekli|odjechał)| już go nie ma| już ich nie ma| to się skończyło",
    ),
    urgent=(
        r" ratunku| na pomoc| szybko| natychmiast| wezwijcie policj| wezwać policj| dzwońcie na policj| policja teraz|^ pomocy",
    ),
    harm=(
        r" krew| krwi| krwaw| rann| bij| bił| uderz| pobi| nóż| noż| zabi| zabij| atak| napad| pali się| ogień| ognia| dym| broń| broni| pistolet| strzel| dusi| kop| grozi| groż",
    ),
    smoke=(r" dym[^ ]*",),
    smoking=(
        r" pal[^ ]* (?:papieros|fajk|e papieros|trawk|zioł|marihuan)| papieros| fajk| grill| ognisk",
    ),
    negation=("nie", "nikt", "żadnego", "żadnej", "żaden", "bez", "ani"),
)

"""Welsh safety lexicon (see core/safety/languages/__init__.py for how the tables are read).

Welsh mutates the start of words after some words ("cyllell" knife: "gyllell", "chyllell",
"nghyllell"; "taro" hit: "daro", "tharo", "nharo"), so each word is listed in its mutated forms.
"Mae e'n fy nharo i" (he is hitting me, present) is danger now; "wnaeth e fy nharo i ddoe" (he
hit me yesterday) is over. Matched with ŵ/ŷ/â as w/y/a. Drafted for issue 16: a Welsh speaker
must review it (the Welsh Language Standards ask for it).
"""

# ruff: noqa: E501  (one pattern a line)
from core.safety.languages import SafetyLexicon

W = r"(?: [^ ]+)"  # any one word
KNIFE = r"(?:cyllell|gyllell|chyllell|nghyllell|cyllyll|gyllyll|chyllyll|nghyllyll)"
WEAPON = rf"(?:{KNIFE}|gwn|ngwn|dryll|ddryll|bwyell|fwyell|arf|arfau|bat pêl fas|morthwyl|forthwyl|pastwn|bastwn|cleddyf|gleddyf)"
HIT = r"(?:taro|daro|tharo|nharo|curo|guro|nghuro|chicio|cicio|gicio|nghicio|tagu|dagu|nhagu|thagu|trywanu|drywanu|nhrywanu|thrywanu|ymosod ar|cham drin|gam drin|brifo|frifo|mrifo)"
FAMILY = r"(?:gwr|ngwr|wr|gwraig|ngwraig|wraig|partner|mhartner|bartner|phartner|cariad|gariad|nghariad|cyn bartner|cyn wr|cyn wraig|cyn gariad|chariad|nghyn bartner|nghyn gariad|nghyn wr|nhad|tad|dad|llystad|lysdad|boyfriend|girlfriend|husband|ex)"

LEXICON = SafetyLexicon(
    code="cy",
    danger={
        "weapon": (
            r" (?:ergyd|ergydion|saethu|yn saethu)",
            rf" (?:gyda|efo|ganddo|ganddi|ganddyn|gynno|gynni|gan|yn dal|yn chwifio|yn pwyntio|wedi tynnu){W}{{0,2}} {WEAPON}\b",
            rf" {KNIFE}\b",
        ),
        "violence_now": (
            # session 12 (set G): stones thrown at our windows
            r" (?:taflu|thaflu|daflu|lluchio|luchio) (?:cerrig|poteli|brics|wyau)(?: [^ ]+)? at (?:ein|fy) (?:ffenest[^ ]*|ty|tŷ|drws)",
            r" taflu (?:poteli|cerrig|brics|gwydr)(?: [^ ]+){0,3} at| newydd (?:daro|ymosod|drywanu|guro)",
            rf" (?:yn|n) (?:fy |ei |eu |ein |ein gilydd )?{HIT}\b(?! ar y drws| ar ddrws| ar fy nrws| ar y wal| r drws| y drws| drws| r wal| r giat| r biniau| r car| r lifft)",
            r" (?:yn|n) ymladd (?:nawr|rwan|tu allan|wrth|yn y)| help(?:wch)?(?: fi| ni)? (?:nawr|rwan|yn syth)|^ help(?:wch)?(?: [^ ]+)? $",
        ),
        "fire": (
            r" ar dan| (?:mae|mae na|mae yna) (?:dan|tan)\b| tan (?:yn y|yn fy|yn ein|mawr|ar y)\b| mae (?:r |y )?(?:ty|fflat|bloc|car|biniau) yn llosgi| yn llosgi| fflamau| (?:arogl|ogla|gwynt|llawn) (?:mwg|nwy)| mwg (?:yn dod|ym mhob man|o|yn y)| nwy yn gollwng",
        ),
        "taken": (
            r" (?:mab|merch|plentyn|mhlentyn)(?: [^ ]+){0,4} (?:ddim wedi dod adre|heb ddod adre|ddim wedi dod adref)",
            r" (?:plentyn|mhlentyn|mab|fab|merch|ferch|babi)(?: [^ ]+){0,4} (?:ar goll|wedi diflannu)",
            r" (?:newydd |wedi |yn |n )?(?:gipio|cipio|chipio|llusgo|lusgo) (?:plentyn|blentyn|mhlentyn|babi|merch|ferch|mab|fab|bachgen|fachgen|hogyn|hogan|geneth)| (?:plentyn|babi|merch|bachgen|hogyn)(?: [^ ]+){0,6} (?:i mewn i|mewn i|i) (?:fan|gar|car|cerbyd)\b",
            r" (?:wedi cipio|yn cipio|herwgipio|herwgipiwyd|wedi mynd a fy mhlentyn|wedi mynd a r plentyn|llusgo (?:hi|fe|nhw|fy) i (?:mewn i )?gar)",
        ),
        "threat_to_life": (
            r" (?:mynd i|am|bygwth|fygwth) (?:fy |ein |ei |eu |n |in )?(?:lladd|ladd|nhrywanu|drywanu|thrywanu|llosgi|losgi)",
            r" (?:lladd|ladd) (?:fi|ni|hi|fe|chi)\b",
            r" (?:mynd i|am|bygwth|fygwth) (?:dy|eich|ei) (?:lladd|ladd|nhrywanu|drywanu)| (?:dy|eich) ladd di",
        ),
        "intruder": (
            r" (?:daeth|dod|wedi dod) (?:rhywun |dyn |nhw )?i mewn(?: [^ ]+){0,12} (?:mae e|mae o|mae hi|maen nhw|mae rhywun) (?:yn y|yn fy|yn ein|dal)",
            r" edrych (?:drwy|trwy) (?:r |y )?ffenest| (?:dieithr|dieithryn)(?: [^ ]+){0,5} (?:ngardd|gardd|ffenest)",
            r" (?:yn|n|trio|ceisio|gisio) (?:cicio|gicio|malu|falu|bwrw|torri) (?:lawr )?(?:y drws|r drws|fy nrws|drws)| (?:trio|ceisio|gisio) dod i mewn| (?:yn|n) torri i mewn",
            r" (?:yn|n|trio|ceisio|gisio) torri (?:i mewn|mewn|drwy|y drws|r drws)| (?:yn|n) cicio r drws| (?:yn|n) trio agor (?:y|r) drws",
            r" (?:rhywun|dyn|dynion|dieithryn|dieithriaid|nhw) (?:yn|n|sydd yn|sydd) (?:y|fy|ein) (?:ty|nhy|fflat|nghegin|gegin|ystafell wely)",
        ),
        # session 12 (set H): the one who harms will not let them leave (with a partner: only
        # with a word of now, since "he doesn't let me go out" is also coercive control)
        "held": (r" (?:ddim yn |ddim )?gadael i (?:fi|mi|ni|hi) (?:fynd|adael)",),
        "injured": (
            r" (?:ci|gi)(?: [^ ]+){0,4} (?:wedi ymosod|wedi brathu|yn brathu|frathu)",
            r" yn waed i gyd| gwaed ym mhob man| yn gorwedd ar y (?:llawr|grisiau|stryd|palmant)",
            r" (?:wedi cwympo|wedi syrthio|cwympodd|syrthiodd|wedi neidio) (?:o|oddi ar) (?:ffenest|balconi|to|bont|y ffenest|r balconi|r to)",
            r" (?:yn|n) gwaedu| llawer o waed| anymwybodol| ddim yn anadlu| wedi llewygu| wedi anafu| angen ambiwlans| ffoniwch ambiwlans",
        ),
    },
    self_harm=(
        # session 12 (set G): the pills in front of me, I don't want to be here
        r" (?:tabledi|pils)(?: [^ ]+){0,3} o (?:mlaen|fy mlaen) i| (?:sai|dwi ddim|dw i ddim|sa i) (?:moyn|isio|eisiau|eisie) bod (?:yma|ma|na)\b",
        r" (?:lladd|ladd) (?:ei|eu) hun| (?:mynd i|am|eisiau|isio|bygwth|fygwth) (?:neidio|taflu ei hun|daflu ei hun)| neidio (?:o|oddi ar) (?:r |y )?(?:to|bont|balconi|ffenest)| (?:mynd i|am) (?:ladd|lladd) ei hun",
        r" (?:lladd|ladd) fy hun| niweidio fy hun| hunanladdiad| (?:ddim|dim) eisiau byw| ddim isio byw| dod a fy mywyd i ben| torri fy hun",
    ),
    domestic=(
        r" (?:fy|ei) (?:mab|fab|merch|ferch|mrawd|frawd|chwaer|mam|fam)\b(?: [^ ]+){0,10} (?:yn|n) fy (?:mygwth|nharo|nghuro|nghicio|ngwthio|nhagu|mwlio|mhwnio)",
        r" trais domestig| cam drin domestig| cam driniaeth",
        rf" {FAMILY}{W}{{0,4}} (?:yn|n|wedi|wnaeth)(?: fy| ei| ein)? (?:{HIT}|bygwth|fygwth|mygwth|rheoli|reoli|nhreoli|gwthio|wthio|bychanu|fychanu|dilyn|nilyn)",
    ),
    family=(
        rf" (?:fy|fy nghyn|ei|fy nghyn) {FAMILY}\b",
        r" cyn bartner| cyn wr| cyn wraig| cyn gariad",
    ),
    abuse=(
        r" (?:bygythiad|fygythiad|aros amdana i|fy nilyn)",
        r" fy ngwylio| ngwylio i| fy stelcian| stelcio| negeseuon| tecst(?:iau|io)? bygythiol| fy mygwth| mygwth i| fy ngwthio| fy nharo| fy nghuro| cleisiau| gleisiau| ofn yn fy nghartref| gwthio fi| taro fi| hitio fi| fy hitio",
        r" (?:fy sarhau|sarhau fi|taflu pethau ata i|taflu pethau ataf)",
        rf" {HIT}\b| bygwth| fygwth| mygwth| nhreoli| rheoli fi| fy rheoli| fy reoli| ddim yn gadael i mi| cymryd fy arian| mynd a fy ffon| fy nghloi",
    ),
    hate=(
        r" hiliol| hiliaeth| homoffob| trawsffob| senoffob| gwrth semit| swastica| swastika| natsi",
        r" (?:achos|oherwydd|am fy mod i n|am fod) (?:dw i n|rydw i n|rwy n|dwi n|fy mod i n|ein bod ni n|ei fod e n|ei bod hi n|bod fi n|mod i n)? ?(?:fwslim|mwslim|hoyw|lesbiad|ddu|du|bwylaidd|pwylaidd|iddew|iddewig|draws|traws|anabl|fewnfudwr|mewnfudwr|dramor|tramor|sais|saesnes|gymraes|gymro)\b",
        r" oherwydd fy (?:hil|nghrefydd|crefydd|lliw|rhywioldeb|anabledd|nghenedligrwydd|cenedl)| (?:cer|dos|ewch|cerwch) (?:adre|adref|nol|yn ol) (?:i|ir) (?:dy|eich) (?:wlad|gwlad)| (?:nol|yn ol) i (?:dy|eich) wlad",
    ),
    identity=(
        r" (?:cymraeg|gymraeg|welsh|saesneg|english|polish|pwyleg|ffoaduriaid|ffoadur|twrban|tyrban|mosg|eglwys|synagog|trawsryweddol|trans\b|byddar|fyddar|dall|ddall|awtistiaeth|awtistig|cadair olwyn)",
        r" (?:sipsi|sipsiwn|teithwyr|roma)",
        r" (?:sgarff pen|islam|mwslim|hijab)",
        r" (?:mwslim|fwslim|hoyw|lesbiad|iddew|traws|draws|anabl|mewnfudwr|fewnfudwr|tramor|dramor|cadair olwyn|gadair olwyn|hijab|du\b|croenddu|pwyl|bwyl)",
    ),
    hostile=(
        r" (?:galw|taflu wyau)",
        r" (?:tynnu|dynnu|rhwygo|gweiddi am)",
        r" (?:gwneud hwyl|chwerthin ar|dynwared|gwawd|gweiddi|bwlio|fwlio|mwlio|rhegi|sarhau|poeri|wyau)",
        r" (?:galw enwau|galw fi|gweiddi|gweiddu|sarhau|poeri|bygwth|fygwth|chwerthin am|gwawdio|ysgrifennu|ysgrifennodd|wedi peintio|taflu|enwau cas)",
    ),
    crime=(
        r" (?:dwyn|ddwyn|wedi i ddwyn|wedi u dwyn|wedi dwyn|lladrad|ladrad|lladron|byrgleriaeth|wedi torri i mewn|torrodd (?:rhywun |nhw )?i mewn|torri mewn|twyll|sgam)",
    ),
    past=(
        r" ddoe| echdoe| neithiwr| (?:yr )?wythnos (?:diwethaf|dwetha|yn ol)| (?:y )?mis (?:diwethaf|dwetha|yn ol)| llynedd| (?:dyddiau|diwrnod|wythnosau|misoedd|blynyddoedd|blwyddyn) yn ol| roedd| oedd| wnaeth| gwnaeth",
    ),
    now=(
        # session 12 (set G): tonight, locked myself in, hiding
        r" heno| (?:wedi |di )?cloi n hun| cloi fy hun| (?:dwi|dw i|rydw i) n cuddio",
        r" (?:mae e|mae o|mae hi|maen nhw) (?:yn y|yn fy|yn ein) (?:gegin|ty|nhy|ystafell|llofft|lolfa)",
        r" mae ofn arna i| ofn arna i| dw i n ofnus| newydd",
        r" nawr| rwan| ar hyn o bryd| yn syth| helpwch| o hyd| dal yma| dal yn",
    ),
    not_danger=(
        # session 12 (set I): knocking on the window and running off
        r" curo ar (?:fy |y |r )?(?:ffenest|drws)[^ ]*(?: [^ ]+){0,5} rhedeg (?:i )?ffwrdd",
        # session 12 (set G): a ball hitting the windows, kicking the fence down
        r" (?:taro|cicio|bwrw) r (?:ffenestri|ffenest|waliau|wal|ffens|ceir|car|biniau)\b",
        # session 12 (sets E and F): stones at the windows, children kicking the block's door
        r" (?:taflu|thaflu|lluchio) cerrig at ffenestri r | (?:plant|plantos|hogia|hogiau|pobl ifanc|criw)(?: [^ ]+){0,2} (?:yn )?cicio r drws (?:mynediad|ffrynt y bloc|y bloc)",
        r" (?:larwm|larymau|larwm r|drws|drysau|diffoddwr|diffoddwyr|diffoddydd|allanfa|synhwyrydd) (?:tan|dan|mwg)\b| (?:tan|mwg) alarm",
        # set D (session 11): noise that "is killing me" is a figure of speech
        r" (?:swn|twrw|stwr|miwsig|musig|bass|walia|waliau|parti|partion)\b(?: [^ ]+){0,14} (?:ma n|mae n|mae o n|mae e n) (?:fy )?lladd (?:fi|i)\b",
    ),
    # session 12 (sets E and F): the resident says they are safe now
    safe=(
        r" (?:dwi|dw i|rwy|rydw i|dan ni|rydyn ni|da ni) (?:n |yn )?(?:saff|ddiogel|iawn rŵan|iawn nawr)| yn saff (?:rŵan|nawr)",
        r" (?:mae o|mae e|mae hi|mae o n|mae e n|mae hi n|ma o n|ma fo n) (?:yn y |n )?(?:gwaith|cysgu)\b| (?:aros|dwi|dw i) (?:efo|gyda|at|yn nhŷ|yn nhy) (?:fy |yn )?(?:chwaer|mam|mrawd|ffrind)",
    ),
    # session 12 (set H): the one who harms will not leave or lets nobody leave, or the resident is locked in or hiding
    present=(
        r" (?:gwrthod|ddim yn fodlon) gadael\b| (?:wedi |di )?cloi n hun| wedi cloi fy hun| (?:dwi|dw i|dan ni) n cuddio",
    ),
    calm=(
        # session 12 (set I): a threat for if it happens again
        r" os (?:[^ ]+ ){1,5}eto\b",
        r" (?:mae n|mae|mae hi n|yn) (?:dawel|tawel|llonydd) (?:nawr|rwan|erbyn hyn)| tro nesa| tro nesaf| y tro nesa",
    ),
    left=(r" (?:wedi|di) (?:gadael|mynd|rhedeg i ffwrdd|dianc)",),
    urgent=(r" helpwch| yn syth| ffoniwch yr heddlu| ffoniwch ambiwlans| brys|^ help",),
    harm=(
        r" gwaed| anaf| taro| daro| tharo| nharo| curo| guro| cyllell| gyllell| chyllell| lladd| ladd| ymosod| ar dan| mwg| gwn\\b| saethu| bygwth| fygwth| mygwth",
    ),
    smoke=(r" mwg",),
    smoking=(r" smygu| ysmygu| sigar| barbeciw| coelcerth| canabis",),
    false_friends=("gas", "tan", "dan", "heddlu"),
    negation=("ddim", "dim", "nid", "nad", "neb", "heb", "na", "dydy", "does"),
)

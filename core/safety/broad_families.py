"""The broad families: classes of danger rather than phrases, so that new wordings are caught by
mechanism (urgency or present narration with any harm word, bodily emergency states, a child or
vulnerable adult in danger, self-harm intent, a weapon in use). `broad_emergency` runs when no
phrase of the emergency lexicon matched.
"""

# ruff: noqa: E501  (the lexicon is easier to review one pattern a line)
from __future__ import annotations

import re

from core.safety.emergency import (
    HABITUAL,
    PAST,
    PEOPLE_SMOKING,
    SETTLED_BEFORE_NOW,
    SMOKE_NUISANCE,
    emergency_reason,
    not_after,
)
from core.safety.text import any_of

# -- broad families (2026-11-22, after blind splits D-I): classes of danger, not phrases ----------
# Every blind split found emergencies that no single phrase of the lexicon (core.safety.emergency)
# covered. These families combine word classes instead: an urgency cue with any harm word; a
# bodily emergency state; a child or vulnerable adult with a danger; self-harm intent in any form;
# a weapon near a person. They run only when no lexicon pattern matched, and (except bodily
# states, children and self-harm, which hold whatever the tense) they are set aside by past or
# habit markers without a "now" cue.

# Urgency: something is happening now or help is needed now.
URGENCY = any_of(
    r"(?<! away)(?<! moved)(?<! gone)(?<! left)(?<! over)(?<! sorted)(?<! stopped)(?<! out)(?<! fine)(?<! better)(?<! quiet)(?<! down)(?<! calm)(?<! recovered)(?<! okay)(?<! ok)(?<! home)(?<! safe)(?<! anxious)(?<! nervous) (?:right )?now\b",
    r" atm\b| at the moment| at present| as we speak| as i (?:type|write|speak)| this (?:minute|second)| happening\b| going on (?:now|outside|next door|upstairs|downstairs|in)\b",
    r" hurry| quick\b| quickly| asap\b| urgent| emergency| come (?:quick|fast|now|asap|straight away)| straight away",
    r" send (?:someone|somebody|help|police|the police|an ambulance|the ambulance|officers|anyone)\b| (?:call|ring|get|phone) (?:the )?(?:police|ambulance|999|an ambulance)\b| 999\b",
    r" please help| help (?:me|us|her|him|them|please)\b|^ (?:help|sos|omg)\b| (?:help|sos) $| omg\b| oh my god",
    r"(?: i| we|^) can (?:hear|see) (?:it|them|him|her|this|someone|somebody|a man|a woman|people|the)\b| (?:hearing|listening to) (?:him|her|them|someone|somebody|a man|a woman)\b",
    r" still (?:there|here|going|happening|outside|inside|doing it|at it|in)\b",
    r" (?:i am|we are|im) (?:scared|terrified|frightened|petrified|shaking|hiding|alone|on my own)\b",
    r" just (?:now|seen|saw|heard|happened|found)\b",
)
# Present-tense narration: "is/are ...ing", "has just", "there is", "someone is", a clock time
# at night ("its 3am"). With a harm word and no past or habit marker it is happening now.
PRESENT = any_of(
    URGENCY.pattern,
    r" (?:is|are|am|keeps|keep|still) (?:\w+ )?(?:\w+ing)\b",
    r" just\b| (?:there is|there are|theres) ",
    r" (?:1|2|3|4|5|one|two|three|four|five) ?am\b| middle of the night",
    # formal or elderly phrasing: "I fear he intends to harm her", "I believe he means to kill her"
    r" (?:fear|afraid|frightened|scared|terrified|worried|concerned|believe|think|sure)(?: that)? (?:he|she|they|someone|somebody|my \w+|the \w+|her \w+|his \w+) (?:\w+ )?(?:intends?|means?|is going|are going|will|may|might|could|is about|are about|plans?|wants?|is trying|is threatening|has)\b| (?:intends?|intending|means|meaning) to\b| (?:i|we) (?:fear|am afraid|are afraid|am frightened) for (?:her|his|their|my|our|the) ",
    r" (?:has|have|is|are) (?:just )?(?:got|gone|taken|dragged|bundled|snatched|driven off|grabbed|poured|lit|set|put|thrown|tied|locked|climbed|broken|smashed|pulled|fallen|collapsed|swallowed|cut)\b| \w+s got\b| (?:i am|we are) (?:alone|on my own|on our own|home alone)\b",
)
# Markers that a message is about the past, beyond PAST ("over the weekend", "overnight").
BROAD_PAST = any_of(
    r" overnight| over the weekend| in the night| when (?:we|i|she|he|they) (?:was|were)\b| while (?:we|i|she|he|they) (?:was|were)\b",
    r" the police came| police (?:came|have been|were called)| already (?:reported|called|told)| crime (?:number|reference)| back in\b| ago\b| earlier (?:today|this week|this year)",
)
# The resident says they are safe now: "now" is then no urgency ("I got away and I'm staying at
# my sister's now", "he's at work now").
SAFE = any_of(
    r" (?:i am|im|we are) (?:now )?(?:at|with|staying with) (?:my|a|our) (?:sisters?|brothers?|mums?|mothers?|dads?|parents|friends?|nans?|aunts?|aunties|cousins?|daughters?|sons?)\b| (?:now )?and safe\b| safe now\b",
    r" got away\b| (?:i am|we are|im|i have|we have) (?:safe|staying (?:at|with)|away from|moved out|left him|left her)\b| staying (?:at|with) (?:my|a|friends)\b",
    r" (?:he|she|they) (?:is|are|has|have) (?:gone|left|away|at work|at school|at college|out|on nights|on shift|on a shift|in prison|been arrested|in custody)\b| (?:police|they) (?:took|have taken|arrested) (?:him|her|them)\b",
    # session 11 (split S11): the fire brigade came and put it out
    r" (?:fire brigade|firemen|fire service|fire engines?) (?:came|have been|has been|were here|put it out)\b| put (?:it|them|the fire|the flames) out\b",
    r" (?:he|she|they) (?:is|are) not (?:here|there|around|home|about)\b| (?:out of|home from|back from|discharged from) (?:the )?hospital\b| (?:been|was|were) discharged\b",
)
# Urgency that outweighs a past or habit marker in the same message.
URGENCY_STRONG = re.compile(
    not_after(SETTLED_BEFORE_NOW + ("and", "but", "so"))
    + r" now\b| right now\b| atm\b| at the moment| as we speak| happening (?:now|right now)| still (?:there|here|going|happening|outside|inside|at it)\b| hurry| come quick| as i (?:write|am writing|speak|type)\b| (?:smell|smoke|fire|flames|it) (?:\w+ )?getting (?:stronger|worse|bigger)\b| (?:i am|we are) (?:alone|on my own|home alone)\b| it is (?:\d+|one|two|three|four|five) ?am\b"
)
# (body parts, things and sounds are not people: "it is hurting my ears", "kicking their bins")
NOT_PERSON = r"(?!(?:ears|head|eyes|back|neck|nerves|sleep|brain|health|feelings|car|cars|van|door|doors|window|windows|wall|walls|fence|bins?|ball|football|things|stuff|music|bass|tv|telly|floor|ceiling|drums|rubbish|cans?|bottles?|tyres|bike|gate|plants?|garden)\b)"
PERSON_OBJ = rf"(?:me|him|her|them|us|someone|somebody|each other|people|a (?:man|woman|lad|boy|girl|kid|child|guy|person|lady)|the (?:man|woman|lad|boy|girl|kid|child|guy|lady|baby)|(?:my|his|her|their|(?!(?:this|was|is|has|does|its|always|as|us|yes|thus|plus|bus|gas|less|across|unless|sometimes|nights|days|weeks)\b)\w+s) {NOT_PERSON}\w+)"
# Harm words (the danger itself); they need PRESENT and no past or habit marker.
HARM = any_of(
    # violence to a person (simple present "he hits her" is a habit: abuse to report)
    rf" (?:hitting|punching|kicking|slapping|stamping on|assaulting|striking|harming|laying into|laying in to|setting about|going for|beating|battering|bashing|thumping|belting|leathering|smacking|walloping|booting|lamping|decking|attacking|strangling|choking|stabbing|slashing|shooting|knifing|glassing|headbutting|dragging|throttling|smothering|suffocating|drowning|shaking|throwing|pushing|hurting|killing|raping|biting|mauling|jumping|mugging|robbing|kidnapping|grabbing|holding|pinning|tying up) {PERSON_OBJ}\b",
    r" (?:just|has just|have just|they just|he just|she just) (?:\w+ )?(?:hit|punched|kicked|slapped|stabbed|shot|knifed|glassed|slashed|bottled|attacked|beat|beaten|battered|jumped|mugged|robbed|raped|strangled|choked|pushed|threw|thrown|run over|knocked (?:down|over|out))\b",
    r" (?:got|has|have|grabbed|grabbing) (?:a )?(?:hold of|grip of)\b| (?:will not|wont|would not) let (?:go|me go|her go|him go)\b(?! (?:out|to|anywhere|and|see|round|over|outside|on|with|near)\b)| (?:head|face) (?:against|into|off) (?:the|a)\b| (?:tied|taped|tying|taping) (?:someone|somebody|him|her|them|me|us|people|a (?:man|woman|person|child|kid|lad|girl|boy)) up\b| (?:someone|somebody|man|woman|person|child|kid|lad|girl|boy|he|she|they|him|her|them|me|us)(?: is| are| has been| have been| been)? (?:tied|taped) up\b| by the (?:arm|arms|leg|legs|hair|throat|neck|face|hand|ankle)\b| (?:exposing|flashing) (?:himself|herself)",
    r" (?:fight|fighting|brawl|brawling|scrap|scrapping|kicking off|punch up|stabbing|shooting|mass fight)\b(?! (?:metal|yard|yards|cars?|dealers?|merchants?|paper|wood|iron|business|dealing|heap|piles?|man|men|collectors?)\b)",
    r" (?:stabbed|shot|knifed|glassed|slashed|bottled|injured|wounded|raped|strangled|choked|knocked out|run over|beaten up|bleeding|blood|blistered|scalded|burnt|burned)\b",
    # weapons
    r" (?:knife|knives|cleavers?|swords?|axes?|hatchets?|machetes?|crowbars?|guns?|pistols?|rifles?|shotguns?|crossbows?|firearms?|weapons?|baseball bats?|cricket bats?|golf clubs?|iron bars?|metal bars?|metal poles?|scissors|screwdrivers?|broken bottles?|sickles?|scythes?|spears?|tasers?|acid|balaclavas?)\b(?! (?:block|blocks|drawer|set|sharpener|rack|crime))",
    # fire, smoke, gas, electricity
    r" fire\b(?! (?:alarm|drill|door|doors|exit|escape|safety|risk|work|works|brigade|service|extinguisher))| flames?\b| ablaze| alight| burning\b| burn (?:down|the|my|our|it|us|me)\b| smoke\b| smoking\b| petrol| lighter fluid| accelerant| lighter\b| matches\b| sparks?\b| sparking| smouldering| glow(?:ing)?\b| (?:walls?|doors?|ceiling|floor|handle) (?:\w+ ){0,4}(?:is|are) (?:really |very |red )?hot\b| (?:fire|flames|smoke|it) (?:is |are )?spreading",
    r"(?<! laughing) gas\b(?! (?:canisters?|bill|meter|safety|check|service|engineer|man|cooker|hob|fire|supplier|company))| (?:fumes|carbon monoxide)\b",
    # a body in danger
    r" (?:not |stopped |barely |struggling |can not |cant )breath(?:e|ing)\b| unconscious| unresponsive| not moving\b(?! (?:his|her|their|the|my|it|car|van|cars|out|away|house|home|in)\b)| collapsed| passed out| seizure| fitting\b| overdos| hanging\b(?! (?:around|about|out|round|washing|baskets?|basket))| (?:lying|collapsed|slumped|face down|unconscious|bleeding|not moving|motionless) (?:on|in) (?:the|her|his|their|my|our) (?:floor|ground|path|pavement|road|street|stairs|landing|kitchen floor|bathroom floor|hallway)\b| (?:he|she|they|him|her|them|someone|somebody|mother|mum|dad|man|woman|son|daughter|neighbour|friend|husband|wife|partner|nan|grandad)s? (?:is |are )?on the (?:floor|ground)\b(?! (?:above|below|upstairs|downstairs))| fallen\b| (?:all|too many|loads of|a load of|lots of|handfuls? of|a whole|the whole|packets? of|boxes of) (?:my |his |her |their |the )?(?:\w+ )?(?:tablets|pills)\b",
    # threats to life, now; someone taken
    r" (?:dragged|bundled|forced|pulled|pushed|thrown|snatched|shoved|dragging|bundling|forcing|pulling|pushing|throwing) (?:\w+ ){0,3}(?:into|in) (?:a|the|their|his|her|an) (?:car|van|motor|boot|vehicle|taxi)\b",
    r" (?:will|going to|gonna|about to|coming to|trying to) (?:come|get|break|kick|smash) (?:in|the door|my door|our door)\b| (?:brick|bricks|stone|stones|rock|rocks|bottle|bottles|something|firework|fireworks) (?:\w+ )?(?:through|thru|at) (?:my|the|our) (?:window|windows|door|letterbox|letter box)\b",
    r" (?:trying|going|about|wants?) to (?:take|grab|snatch|steal) (?:the|my|our|a|her|his|their) (?:baby|child|kid|kids|children|son|daughter|toddler|little one)\b",
    r" (?:kill|stab|shoot|murder|hurt|harm|injure|burn|torch|batter|slash|cut|glass|strangle|smash|kick|cave|knock) (?:me|him|her|them|us|you|my (?!off\b)\w+|his (?!off\b)\w+|her (?!off\b)\w+|everyone|someone|the (?:baby|kids|children|child))\b(?! (?:off|up|out of (?:the|my) (?:way|space)|a favour|proud))| do (?:me|him|her|them|us|you|my \w+|his \w+|her \w+|someone) (?:in|harm|some harm|serious harm)\b",
    r" (?:throw|drop|push|hold|holding|dangling|hanging) (?:\w+ ){0,3}(?:out of|off|over) (?:the|a) (?:window|balcony|ledge|roof|bridge|railings)\b",
    r" (?:thrown|threw|throwing|pushed|pushing|shoved|chucked|dragged|dragging|held|holding) (?:\w+ ){0,3}(?:into|in|under) (?:the|a) (?:water|river|canal|pond|lake|sea|harbour|dock|weir|reservoir)\b",
    # intruders, doors forced
    r" (?:break|breaking|get|getting|force|forcing|climb|climbing|smash|smashing|kick|kicking) (?:in|into|through|onto|up onto|open)\b(?! (?:trouble|touch|bed|work|the car and drove|contact|the habit|my car|the car|cars))| (?:someone|somebody|a man|men|they|he|she|stranger|strangers|people) (?:is |are )?(?:coming|climbing) (?:in|through|over|up) (?:the|my|our) (?:window|door|balcony|fence|wall)\b| (?:broken|broke|got|forced|smashed|kicked) (?:in|into)\b(?=.* (?:is|are) (?:still )?(?:upstairs|downstairs|inside|in (?:the|my|our) (?:house|flat|home|kitchen|bedroom)))| (?:door ?handle|door handles)| (?:kicking|smashing|forcing|bashing|trying|rattling) (?:\w+ )?(?:the|my|our) (?:front |back |kitchen |bedroom )?(?:door|window|lock)\b",
    r" (?:someone|somebody|a man|a stranger|strangers|men|intruders?|burglars?|they|people) (?:is |are )?(?:in|inside|upstairs in|downstairs in) (?:my|our|the) (?:flat|house|home|loft|attic|shed|garage|bedroom|kitchen|cellar|bathroom|hall|hallway)\b(?! (?:below|above|upstairs|downstairs|next door|opposite|across|beneath|under|over|on the|at)\b)",
    # cries for help and sexual violence
    r" (?:(?:her|him|a woman|a man|the woman|the man|a girl|someone|somebody|she|he|she is|he is) )(?:screaming|sobbing|crying|shrieking|yelling)\b(?=.* (?:smash|thud|crash|being thrown|throwing|slap|thump|hitting|punch|stop|get off))| screaming\b(?=.* (?:raped|rape|help|stop|kill|murder|attack|pain|hurt|hitting|stabbed))| (?:crying|shouting) (?:for help|help|out in pain)| (?:begging|pleading) (?:for (?:help|mercy|her life|his life)|him|her|them)\b| rape\b| raped\b| sexual(?:ly)? assault",
    # round 4: a foot in the door or a body pushed against it; stamping on a head; someone shut in
    r" (?:foot|feet|boot) (?:in|inside) (?:the|my|our|her|his) (?:front )?door\b| (?:pushing|shoving|forcing|barging|leaning) (?:hard )?against (?:the|my|our|her|his) (?:front )?door\b| door\b(?: \w+){0,12} (?:pushing|shoving|forcing|barging) (?:hard )?against it\b| (?:push|pushing|force|forcing|barge|barging|shove|shoving) (?:his|her|their) way (?:in|into|past)\b",
    r" (?:stamping|stamped|stomping|stomped|jumping|jumped|kicking|kicked|punching|hitting|booting) (?:on |in )?(?:his|her|their|someones|the lads|the mans|a mans|a lads|the boys|the girls) (?:head|face|neck|chest|body|ribs)\b| got (?:a|the|some|this) (?:\w+ )?(?:lad|man|boy|girl|woman|kid|bloke|guy|person|lady) (?:pinned )?(?:on|against|to) the (?:floor|ground|wall)\b",
    r" (?:shut|locked|trapped|barricaded|held) (?:\w+ ){0,2}(?:in|inside) (?:the|a|their|his|her) (?:\w+ )?(?:bin store|cupboard|shed|room|garage|cellar|basement|car|boot|toilet|lift|bedroom|store|bathroom|van) by\b| holding the door (?:shut|closed)?\b(?=.* (?:crying|screaming|banging|help|let (?:him|her|them) out))| (?:will not|wont|refuse to|refusing to|not) let(?:ting)? (?:him|her|them) out\b(?=.* (?:crying|screaming|banging|help))",
    # a vehicle into people
    r" (?:ploughed|ploughing|crashed|driven|drove|ran|gone|went|mounted|mounting) (?:\w+ ){0,2}(?:into|over) (?:some |a group of |a few |a load of |two |three )?(?:people|pedestrians|a crowd|the crowd|kids|children|someone|a (?:man|woman|child|kid|person))\b",
    # a vehicle used as a weapon: driven at people, nearly hitting a pram or a child
    r" (?:driving|drives|drove|driven|swerving|swerved|aiming|aimed|speeding|revving) (?:\w+ ){0,2}(?:at|towards|straight at) (?:people|pedestrians|us|me|him|her|them|kids|children|a (?:pram|pushchair|buggy|child|kid|man|woman|person|crowd|group))\b| nearly (?:hit|hitting|ran over|run over|knocked over) (?:a|the|my|our|her|his) (?:pram|pushchair|buggy|child|kid|toddler|baby|little \w+)\b",
)
# Harm that needs no verb at all ("burning smell and the walls are hot", "bin chute smoking,
# orange glow"): only a simple past ("was", "were", "had") sets it aside.
NOMINAL_HARM = re.compile(
    r"fire|flame|ablaze|alight|burning|smok|smoulder|glow|hot\b|gas|fumes|petrol|spark|blood|bleed|foot (?:in|inside)|stabbed|shot\b|knifed|unconscious|breath|collapsed|not moving|knife|knives|machete|gun|weapon|cleaver|axe|sword"
)
SIMPLE_PAST = re.compile(r" (?:was|were|had|did|went|came|used to) ")
# A bodily emergency state: no urgency word needed, whatever the tense.
BODILY = any_of(
    r" (?:not|isnt|is not|stopped|barely|hardly|struggling to|trouble|difficulty|can not|cant) (?:breathing|breathe)\b",
    r" unconscious| unresponsive| (?:passed|blacked|conked) out\b| knocked (?:out|unconscious) (?:on|in|and)\b",
    r" (?:will not|wont|can not|cant|not|does not|doesnt|isnt|is not) (?:wake|waking|woken|waken) (?:up|him|her)?\b",
    r" (?:lips|face|skin|fingers|mouth|he|she|baby|child|they) (?:\w+ )?(?:is |are |has |have |gone |going |turned |turning |looks? |looking )?(?:very |really |quite |a bit |all |completely )?(?:blue|grey|purple)\b(?! (?:badge|bin|bins|door|car|van|paint|light|lights|flashing))",
    r" (?:lying|lies|lay|is|are|gone|went|looks|seems) (?:completely |totally |very )?(?:motionless|lifeless|limp|floppy)\b| chest (?:hurts|is hurting|hurting|feels tight|pains?)\b| pains? (?:in|across) (?:his|her|my|their) chest| crushing pain| pains? (?:down|in) (?:his|her|my|their) (?:left )?arm\b| cold and clammy| (?:grey|clammy|pale) and (?:sweaty|clammy|shaking)\b",
    r" (?:found|find|came home to|walked in on) (?!(?:the|a|my|our|his|her|their) (?:\w+ )?(?:chain|lock|bike|door|post|parcel|bag|phone|keys?|car|stuff|things|glass|needles?|rubbish|mess|window)\b)(?:\w+ ){0,3}(?:hanging|dead|unconscious|collapsed|not breathing|in a pool of|lying in|on the floor|face down)\b",
    r" (?:bleeding|losing blood) (?:heavily|badly|a lot|loads|everywhere|out|all over|from (?:his|her|my|their|the) (?:head|neck|chest|stomach|face|arm|leg|wrist))| (?:pool|pools|puddle|lots|loads) of blood| blood (?:everywhere|all over|pouring|gushing|pumping|spurting)",
    r" (?:having a )?(?:fit|seizure)\b(?= .*(?:floor|ground|shaking|not|help|ambulance|now))| fitting\b(?! (?:a|an|the|new|his|her|their|my|out|up|kitchens?|carpets?|windows?|doors?|locks?|in (?:with|well|here|there|at|around))\b)| convuls| foaming (?:at|from) the mouth",
    r" (?:he|she|they|him|her|kid|child|baby|man|woman|person|lad|girl|boy|someone|somebody|my \w+|grandad|nan|gran|dad|mum|mother|father)s?(?: \w+){0,6} (?:and |is |are |but )?(?:not|isnt) (?:responding|breathing|conscious)\b| slumped\b| keeled over| collapsed\b(?! (?:fence|wall|ceiling|shed|tent))| (?:not|isnt|is not) (?:moving|responding|answering (?:the door|me)) (?:and|after|since|at all)\b",
    r" overdos| od d\b| taken (?:an|a) overdose| (?:swallowed|taken|took|drank|drunk) (?:bleach|poison|antifreeze|weedkiller|a bottle of)",
    r" (?:hit|banged|cracked|split) (?:his|her|their|my) head(?: \w+){0,8} (?:not|blood|bleeding|unconscious|wont|will not|can not|cant|sleepy|confused|sick|drowsy|fitting)",
    r" (?:can not|cant|cannot) (?:feel|move) (?:his|her|my|their) (?:legs|arms|body|feet|hands|neck)\b| (?:landed|fell|fallen) (?:\w+ )?on (?:his|her|their|my) (?:neck|head|back)\b| (?:had a|a bad|a nasty|a serious|a big) fall\b(?=.* (?:neck|back|head|can not|cant|blood|bleeding|broken|not moving|unconscious|wont|will not))",
    r" (?:no|can not find a|cant find a|can not feel a|cant feel a|no sign of a) pulse| cold and stiff| (?:drowning|drowned)\b| face down in| having a stroke| chest pains?| anaphyla| allergic reaction| (?:severe|serious|bad) (?:burns|head injury|injuries|bleeding)",
    r" (?:he|she|they|him|her|neighbour|man|woman|lady|person|mum|mother|dad|nan|grandad|friend|tenant|resident|gran)s?(?: \w+){0,2} (?:is |are )?(?:not|has not|have not|hasnt|havent) (?:moved|been seen|been out|answered|opened (?:the|his|her|their) (?:door|curtains))(?: \w+){0,5} (?:for|in|since) (?:days|two days|three days|a week|weeks|ages|yesterday|the weekend)\b| (?:think|reckon|worried|scared|afraid)(?: that)?(?: \w+){0,3} (?:is|s) dead\b(?! (?:tired|boring|quiet|loud|noisy|serious|against|set|on|end|easy|cheap|good)\b)",
    r" (?:has|have|he has|she has|just|hes|shes) (?:hanged|hung) (?:himself|herself|themselves|myself)| hanging (?:from|by) (?:a|the|his|her) (?:rope|belt|neck|banister|bannister|ceiling|door|tree)",
    # signs of a stroke (face, arm, speech), and gas (it smells of rotten eggs)
    r" (?:face|mouth|smile) (?:\w+ ){0,3}(?:dropped|drooped|drooping|droopy|lopsided|gone to one side)\b| one side of (?:his|her|their|my) (?:face|body) (?:\w+ ){0,2}(?:dropped|drooping|gone|numb|not working|wont move|will not move)\b",
    r" (?:can not|cant|cannot|unable to) (?:lift|raise|move) (?:his|her|their|my) (?:left |right )?arms?\b(?=.* (?:face|speech|slurr|talk|words|side|suddenly|confused))| (?:speech|words|talking) (?:is |are |has |have )?(?:\w+ )?(?:slurred|slurring|garbled|not making sense)\b(?=.* (?:face|arm|side|suddenly|confused|cant|can not))",
    r" (?:smell|smells|smelling|smelt|stink|stinks|stinking|reek|reeks) (?:of |like )gas\b| (?<!bins )(?<!bin )(?<!drains )(?<!drain )(?:smell|smells|smelling|smelt|stink|stinks|stinking|reek|reeks) (?:of |like )rotten eggs\b(?!.* (?:bins?|drains?|sewers?|rubbish|compost|every (?:summer|day|week)))",
)
# Children and vulnerable adults with a danger (whatever the tense: someone must check now).
CHILD = (
    r"(?:child|children|kid|kids|baby|babies|toddler|toddlers|infant|newborn|little one|little ones|"
    r"little (?:boy|girl|lad|lass)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:year|month|yr) old|(?:young|small|tiny) (?:boy|girl|child|children|kid|kids|lad)|bairn|wean|"
    r"old (?:man|lady|woman|person|fella|gent|gentleman|chap)|elderly (?:\w+ )?(?:man|lady|woman|person|neighbour|resident|tenant|mother|father|parent|gentleman|gent|chap|couple)|pensioner|(?:man|woman|lady|gentleman|neighbour|person|resident|tenant|mother|father|dad|grandad|nan) (?:\w+ ){0,3}(?:with|who has|has) (?:dementia|alzheimers|learning (?:difficulties|disabilities))|"
    r"vulnerable (?:\w+ )?(?:man|woman|person|adult|neighbour|resident|tenant)|(?:neighbour|man|woman|lady|mother|dad) (?:with|who has) dementia)s?"
)
CHILD_DANGER = any_of(
    rf"\b{CHILD}(?: \w+){{0,6}} (?:is |are |was |has been |have been |been |keeps? )?(?:left |sitting |standing |climbing |hanging |leaning |dangling |crawling |playing |out |wandering )?(?:on|onto|out of|over|off|at|by|near) (?:the |a |an |their |his |her )?(?:open )?(?:window ?sill|windowsill|window ledge|ledge|roof|balcony (?:railings?|edge|wall)|railings|edge of the (?:balcony|roof)|open window|window)\b",
    rf"\b{CHILD}(?: \w+){{0,18}} (?:climbing|climbs|climbed|leaning|hanging|sitting|standing) (?:on |over |up |off |out of )?(?:the |a )?(?:railings?|balcony (?:railings?|edge|wall)|window ?sill|windowsill|window ledge|ledge|open window|roof)\b(?! of (?:the |a )?(?:shelter|bus shelter|garages?|bin store|sheds?|playhouse|climbing frame|hut|pavilion))",
    rf"\b{CHILD}(?: \w+){{0,14}} (?:alone|on (?:their|his|her|its|it is) own|unattended|by (?:itself|himself|herself|themselves)|unsupervised|with no (?:adult|one|parent)|with nobody|locked (?:in|out)|shut (?:in|out)|left (?:outside|out|in the car|in a car))\b(?! (?:on (?:the|their|his|her) (?:bikes?|scooters?|phones?|tablet)|playing))",
    rf"\b{CHILD}(?: \w+){{0,10}} (?:in|on|near|by|into|onto|across|down|along|in the middle of|down the middle of|the middle of) (?:the )?(?:main |busy )?(?:road|traffic|canal|river|pond|lake|reservoir|railway|train tracks|tracks|motorway|dual carriageway)\b(?!.* (?:playing|play|football|bikes?|scooters?|every|always))",
    rf"\b{CHILD}(?: \w+){{0,6}} (?:in the |out in the )?(?:freezing|cold|snow|rain|(?<!after )dark)\b(?=.* (?:no coat|no shoes|crying|screaming|hours|night|locked|shut|alone|nappy|pyjamas|naked|tiny))",
    # a child out in the snow, the cold or the dark, crying or for hours (issue 12, blind set R)
    r" (?:girl|boy|lad|lass|kid|child|baby|toddler|little one)s?\b(?: \w+){0,10} (?:outside|out|locked out|left out)(?: (?:flat|number|no|house|block|door) \w+)? in the (?:snow|freezing cold|freezing|cold|rain|dark)\b(?!.* (?:playing|play|snowman|snowball|sledg\w*|football))(?=.* (?:crying|screaming|sobbing|hours?|no coat|no shoes|pyjamas|nappy|alone|nobody|no one))",
    # a child locked or put out of the home, crying or in the cold (split S11c)
    r" (?:girl|boy|lad|lass|kid|child|children|kids|toddler|little one)s?\b(?: \w+){0,12} (?:(?:locked|shut|thrown|kicked|put) (?:her|him|them) out|(?:locked|shut|thrown|kicked|put|left) (?:out of|outside))\b(?=.* (?:cold|snow|rain|freezing|dark|night|crying|late|pyjamas|no coat|no shoes))|(?<= crying) outside(?: (?:flat|number|no|house|block|door) \w+)? in the (?:snow|freezing cold|freezing|cold|rain|dark)\b",
    rf"\b{CHILD}(?: \w+){{0,6}} (?:crying|screaming|sobbing|wailing) (?:for|all) (?:about |over |nearly |at least |like )?(?:\d+ |a few |several |two |three |four |five |six |seven |eight )?(?:hours|ages|the whole night|all night|the night)\b(?=.* (?:no one|nobody|noone|no adult|no answer|not answering|alone|locked|empty|gone out|left|never came back|not come back|has not come back|has not been home|have not been home|not been home|not come home|not home yet|car has gone|car has been gone|car is gone|no lights|no footsteps|no voices))",
    rf"\b{CHILD}(?: \w+){{0,8}} (?:screaming|crying|sobbing|wailing|shrieking)\b(?=.* (?:shut up|thumping|hitting|slapping|smacking|belting|shaking|punching|kicking|throwing|hurting|bang (?:it|him|her)|thud|slap))",
    rf"\b{CHILD}(?: \w+){{0,6}} (?:being|getting) (?:hit|hurt|beaten|battered|smacked|slapped|kicked|punched|thrown|shaken|dragged|burnt|burned|choked|strangled|starved|abused|touched|grabbed|taken)\b",
    rf" (?:shaking|throwing|dragging|hitting|punching|kicking|slapping|smacking|strangling|choking|hurting|burning|grabbing|snatching|taking|holding) (?:a |the |that |this |my |his |her |their |our )?{CHILD}\b(?! (?:to (?:school|the park|nursery|the shops)|for a walk|home from|out to|there|anywhere|out\b|to the\b|near\b))",
    rf"\b{CHILD}(?: \w+){{0,6}} (?:naked|no clothes|in (?:a|their|his|her) nappy|in pyjamas|barefoot) (?:in|on|out|outside|wandering)\b",
    rf"\b{CHILD}(?: \w+){{0,4}} (?:is |has |are |have )?(?:gone )?missing\b| (?:lost|cant find|can not find) (?:my|our|a|the) (?:little |young )?(?:child|kid|son|daughter|toddler|boy|girl)\b",
    r"\b(?:old|elderly|vulnerable)(?: \w+){0,5} (?:has |have |is |had )?(?:fallen|fell|fall|collapsed|on the floor|not answering|can not get up|cant get up|wandering|locked out)\b",
    # a child who should be home by now and cannot be reached
    rf"(?:\b{CHILD}| (?:my|our|her|his|their) (?:son|daughter|boy|girl|lad|kid|child|grandson|granddaughter|little \w+))(?: \w+){{0,10}} (?:should have|shouldve|should of|was meant to have|was supposed to have|was due to have) (?:been|come|got) (?:back|home|in)\b(?=.* (?:phone (?:is |goes )?(?:off|dead|straight to voicemail)|voicemail|not answering|no answer|no one has seen|nobody has seen|(?:have not|havent) seen (?:him|her)|missing|it is (?:nearly |now |gone |almost )?(?:\d|midnight|one|two|three)))",
    r" (?:my|our|her|his|their) (?:son|daughter|boy|girl|little \w+|kid|child|grandson|granddaughter)(?: \w+){0,14} (?:did not|didnt|never|has not|hasnt|have not) (?:arrive|arrived|come home|came home|come back|get there|got there|turn up|turned up|made it)\b(?! (?:till|until|til|before|on time|again))(?=.* (?:missing|car|van|police|can not find|cant find|not answering|phone is off|phones off|searched|looked everywhere|no one has seen|nobody has seen|worried|scared|panicking|should have been|is \d|s \d|aged))",
    r" (?:get|got|getting|pulled|dragged|bundled|taken|taking|put) (?:in|into) (?:a|the|some|an|his|their) (?:\w+ )?(?:car|van)(?: \w+){0,3} (?:with|by) (?:a|an|some|two|the|this) (?:man|men|stranger|strangers|guy|bloke|older man)\b",
)
# A neighbour nobody has seen for days, with signs that something is wrong (a welfare check is a
# 999 call): "nobody has seen him since last weekend, milk bottles outside, curtains shut". The
# past tense is the point here, so past markers do not weaken it.
NOT_SEEN = re.compile(
    r" (?:not|nobody has|no one has|noone has|nobody(?: \w+)? has|have not|has not) (?:seen|heard from) (?:him|her|mrs|mr|miss|ms|the old|the elderly|my|our|the lady|the man|the woman|the gentleman|the neighbour|the tenant)\b(?: \w+){0,5} (?:for|since|in)\b"
    r"| (?:has not|have not|not) been seen (?:for|since|in)\b"
)
WELFARE_SIGNS = re.compile(
    r" curtains| post (?:is )?piling| post (?:is )?stacking| milk| letters piling| (?:not|no one|nobody) answer| no answer| not answering| (?:horrible|funny|strange|awful|bad) smell| smell (?:from|coming)| lives? (?:alone|on (?:her|his|their) own)| (?:is|are) (?:8\d|9\d)\b| elderly| very old"
)
# Self-harm intent in any tense or phrasing (not figures of speech about the neighbours).
SELF_HARM = any_of(
    r" (?:going to|gonna|will|about to|want to|wanna|plan(?:ning)? to|ready to|decided to|i am going to|might|may|could|thinking (?:of|about)|tempted to) (?:just )?(?:end|finish) (?:it|it all|things|everything|my life|me|myself)\b(?! (?:off|with (?:him|her|them|my (?:partner|boyfriend|girlfriend)))\b)",
    r" (?:going to|gonna|will|about to|want to|wanna|ready to|decided to) (?:die|disappear (?:forever|for good)|not wake up|go to sleep (?:forever|and not wake up)|do myself in|top myself|off myself|kms)\b| top(?:ping)? myself| do(?:ing)? myself in| kms\b| unalive",
    r" no (?:point|reason|use) (?:anymore|any more|in (?:anything|living|life|going on|carrying on|being here|me being here|trying anymore)|to (?:live|go on|carry on|be here))",
    r" (?:nothing|no one|nobody) (?:left )?to live for| (?:nobody|no one|noone) (?:would|will)(?: \w+)? (?:miss me|notice (?:if i|i am gone|i was gone|when i)|care (?:if i|when i))\b| (?:world|everyone|they|my family|my kids|you) (?:would|will|d) be better (?:off )?without me",
    r" (?:this is|saying|say|said|wanted to say|time to say|just wanted to say) (?:my )?(?:goodbye|goodbyes)\b(?! to (?:the|my) (?:flat|house|area|estate|neighbours?))| goodbye (?:everyone|all|forever|cruel world)| (?:suicide|goodbye) (?:note|letter)| (?:my|a) last (?:message|goodbye|text)",
    r" (?:i am|im|i am just) (?:done with (?:life|living|it all|everything)|ready to go|finished with (?:life|everything))| (?:done|had enough) with (?:life|living)\b| (?:tired|sick) of (?:living|being alive|life)\b",
    r" (?:can not|cant) (?:go on|carry on|do this|take (?:it|this|any more|anymore)|cope)(?: \w+){0,2} (?:anymore|any more|any longer)\b(?!.* (?:noise|music|neighbours?|drilling|banging|party|parties|dogs?|barking|smell|smoke|weed|kids|parking|council|them|they|their|him|he|she))",
    r" sorry (?:to|for) (?:everyone|everything|all of you)| forgive me\b| love you all| (?:tell|give) my (?:kids|children|family|mum|mother|dad) (?:i love|i am sorry|im sorry)| look after my (?:kids|children|babies|dog|cat)\b| i am done(?: tonight| now| with (?:life|it all|everything))? $| tonight is the night| tonights the night",
    r" (?:pills|tablets|rope|noose|razor|blades?|knife) (?:are |is )?(?:ready|in front of me|on the table|in my hand)\b| (?:stockpiled|saved up|saving up|collected) (?:my |all my )?(?:pills|tablets|meds)",
    r" (?:on|at|standing on|stood on) (?:the )?(?:edge|ledge|roof|bridge|top of the (?:car park|multi storey|block|flats))\b(?=.* (?:jump|end|goodbye|done|cant|can not|die))",
    r" (?:hurt|harm|cut|cutting|burn|burning|starve|starving) (?:myself|himself|herself|themselves)\b| (?:myself|himself|herself) (?:to die|to death)\b",
    r" (?:going to|gonna|about to|wants? to|threatening to|will) let go\b(?! (?:of (?:the|a|his|her|my|their) (?:dog|lead|leash|rope|handle|bag|door)))| (?:outside|other side|wrong side) of (?:the |a |his |her |their |my )?(?:balcony )?(?:railings?|barrier|fence on the (?:roof|bridge))\b",
)
# A weapon near a person doing something with it (any weapon word, any verb of use).
WEAPON = (
    r"(?:knife|knives|cleavers?|meat cleavers?|swords?|samurai swords?|axes?|hatchets?|crowbars?|guns?|pistols?|rifles?|shotguns?|crossbows?|firearms?|weapons?|"
    r"(?:baseball |cricket |metal |wooden )?bats?|golf clubs?|hockey sticks?|(?:iron|metal|scaffold) (?:bars?|poles?)|scissors|screwdrivers?|broken (?:bottles?|glass)|"
    r"sickles?|scythes?|spears?|tasers?|stun guns?|knuckle ?dusters?|nunchucks?|chains?|pickaxes?|pitchforks?|spanners?|wrenches?|claw hammers?|hammers?|bricks?|acid|ammonia)"
)
WEAPON_USE = any_of(
    rf" (?:has|have|got|with|wi|holding|waving|swinging|carrying|brandishing|pointing|wielding|flashing|showing|pulled|pulling|pulls|drew|drawn|lunging|lunged|came at|coming at|going for|went for|running at|ran at|chasing|chased|threatening|threatened|sharpening|fetching|grabbed|grabbing|picked up|picking up|armed with|going (?:mad|mental|crazy|berserk|nuts) (?:with|wi))(?: (?!water|toy|toys|nerf|cap|plastic|pretend|fake|foam|butter|bread|cake|pen|fruit)\w+){{0,4}} {WEAPON}\b(?! (?:block|blocks|drawer|set|sharpener|rack|crime|and ball|flying|in (?:the|their) (?:loft|shed|garden)|for (?:the|his|her) (?:garden|shed|diy|work|job)))",
    rf" {WEAPON} (?:in (?:his|her|their) hands?|at (?:me|him|her|them|us|people|my|the kids|kids)|to (?:my|his|her|their|your) (?:throat|neck|head|face|chest))\b",
)
# Figures of speech and everyday uses that must not make an emergency of the urgency x harm family.
BROAD_EXCLUDE = any_of(
    r" (?:smoke|fire|carbon monoxide) (?:alarms?|detectors?|doors?)\b",
    # split S11d: "going to kill you" shouted at play, knocking on a door, buttons melted with a
    # lighter
    r" (?:going to|gonna|will|i will|ill) kill (?:you|ya|him|her|them)\b(?=.* (?:playing|play|game|tag|hide and seek|football|only joking|joking|messing about))",
    r" (?:knock|knocks|knocking|knocked|bang|bangs|banging) (?:on )?(?:my|our|the|his|her) (?:front |back )?(?:door|doors|window|windows)\b(?! (?:in|down|off))",
    r" (?:melted|melting|burnt|burned|burning|scorched|scorching)(?: \w+){0,3} with (?:a |their |his |her )?lighters?\b| lighters? (?:to|on) (?:the )?(?:lift )?buttons\b",
    # split S11c: animals getting into flats, visitors buzzing every flat to get in
    r" (?:cats?|dogs?|rats?|mice|foxes|pigeons|birds|squirrels|animals)\b.* (?:getting|get|got|coming|come) (?:in|into)\b",
    r" buzz\w*(?: \w+){0,4} (?:to get in|to be let in|to let them in)\b",
    # session 11 (split S11b): litter of broken glass, fumes from spraying cars
    r" (?:cans|litter|rubbish|needles|and) broken (?:bottles?|glass)\b| broken (?:bottles?|glass) (?:everywhere|all over|left|littering|scattered|on the (?:floor|ground|path|grass|pavement|stairs))\b",
    r" fumes\b(?=.* (?:spray|spraying|sprays|resprays?|respraying|paint|painting|exhausts?|engines?|generator)\b)| (?:spray|spraying|sprays|resprays?|respraying|paint|painting)(?: \w+){0,12} fumes\b",
    r" (?:call of duty|fortnite|gta|video games?|computer games?|xbox|playstation|ps4|ps5|gaming|on the telly|on tv|films?|movies?|paintball|airsoft|nerf)\b.*",
    r" (?:hang|hangs|hanging|dangling|drying|putting|puts)(?: \w+){0,3} (?:washing|clothes|laundry|towels?|flags?|sheets|rugs?|baskets?)\b| (?:washing|clothes|laundry|towels?|flags?|sheets) (?:is |are )?(?:hanging|dangling)",
    r" (?:smoking|smoke|smokes) (?:a bit|a little|slightly)| fallen (?:out|behind|asleep|in love|through|off the (?:wall|shelf))\b",
    r" (?:and|they|to|people|lads|teenagers|teens|kids|youths|them|who|that|we|i|you|men|women) (?:smoke|smoking)\b(?! (?:is|are|coming|pouring|everywhere|billowing|filling))",
    PEOPLE_SMOKING.pattern,
    r" (?:smoke|smoking|smokes)\b(?=.* (?:weed|cannabis|skunk|spliff|joints?|cigarettes?|cigs|fags?|vape|vaping|shisha|bbq|barbecue|bonfire|chimney|log burner))",
    r" (?:fight|fighting|fights) (?:the|this|it|over|about|for|with the council|my case|eviction)\b| (?:dog|dogs|cat|cats) fight",
    r" fire (?:alarm|drill|door|exit|escape)| (?:bon|camp)fire| fire ?works?| fire pit| firepit| log fire| fireplace| gas (?:bill|meter|safety|check|cooker|hob)",
    r" (?:playing|play|plays|game|games|film|films|movie|tv|telly|xbox|playstation|computer)\b(?=.* (?:fight|gun|guns|shoot|shooting|kill|killing|blood|fire|knife|sword))",
)
# Verbs of the urgency x harm family that only count with a person as object or alone: nothing.


# An injury told as over (session 10): in the past progressive ("one lad was bleeding"), or
# long ago ("a woman passed out in there last week"); "he hit me last night and I'm still
# bleeding" keeps its urgency (URGENCY_STRONG).
LONG_AGO = re.compile(
    r" last (?:week|month|year|summer|winter|christmas)\b| (?:weeks|months|years) (?:ago|back)\b"
    r"| (?:in|back in) (?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
)
WAS_INJURED = re.compile(
    r" (?:was|were) (?:bleeding|injured|hurt|unconscious|passed out|knocked out|out cold)\b"
    r"| had blood (?:all over|on|pouring from|coming from|down) (?:his|her|their)\b"
)


# Blood found afterwards (split S11c): "blood on the floor this morning" after a fight last night.
BLOOD_LEFT = re.compile(
    r" blood (?:on|all over) the (?:floor|stairs|landing|walls?|pavement|path|ground|door)(?: \w+){0,3} (?:this morning|in the morning|next morning|the morning after|today)\b"
)


def injury_is_over(norm: str, words: str) -> bool:
    """The injury `words` happened and is over: a fall or an injury told in the past."""
    if not PAST.search(norm) or (URGENCY_STRONG.search(norm) and not SAFE.search(norm)):
        return False
    return " fall" in words or bool(
        LONG_AGO.search(norm) or WAS_INJURED.search(norm) or BLOOD_LEFT.search(norm)
    )


# Parties or drinking told as a habit (session 11, split S10e): "people passed out on the
# landing" is part of the nuisance, unless something says it is happening now.
PARTY_HABIT = re.compile(
    r" (?:weekend|weekly|nightly|regular|all night|house) part(?:y|ies)\b| part(?:y|ies) (?:every|most|all the time|each)\b| (?:drunks?|drinkers|drinking|drunk|boozing|wasted|off their heads)\b(?=.* (?:every|most|always|all the time|weekends?|again)\b)"
)


def drunk_at_parties(norm: str, words: str) -> bool:
    """People passed out at a habitual party or drinking session, with no urgency said."""
    return (
        "passed out" in words
        and bool(PARTY_HABIT.search(norm))
        and not re.search(
            r"(?:he|she|someone|somebody|a man|a woman|a lad|a girl) (?:is|has) passed out", norm
        )
        and not URGENCY_STRONG.search(norm)
    )


def broad_emergency(norm: str) -> tuple[str, str] | None:
    """(matched words, reason) for the broad families, or None (see the section comment)."""
    for pattern, reason in (
        (SELF_HARM, "self_harm"),
        (BODILY, "injured"),
        (CHILD_DANGER, "child_at_risk"),
    ):
        match = pattern.search(norm)
        if match and reason == "injured" and injury_is_over(norm, match.group(0)):
            match = None  # "I had a fall in January and I'm now in a wheelchair"
        if match and reason == "injured" and drunk_at_parties(norm, match.group(0)):
            match = None  # "weekend parties ... people passed out on the landing"
        if match:
            return match.group(0), reason
    not_seen = NOT_SEEN.search(norm)
    if not_seen and WELFARE_SIGNS.search(norm):
        return not_seen.group(0), "welfare"
    past = PAST.search(norm) or BROAD_PAST.search(norm)
    strong = URGENCY_STRONG.search(norm) if not SAFE.search(norm) else None
    cleaned = BROAD_EXCLUDE.sub(" ", norm)
    weapon = WEAPON_USE.search(cleaned)
    if weapon and (strong or not past):
        return weapon.group(0), "weapon"  # a weapon in use counts even as a habit ("keeps")
    if (past or HABITUAL.search(norm)) and not strong:
        return None
    if SMOKE_NUISANCE.search(norm) and not re.search(
        r" fire\b| flames| alight| ablaze| on fire", norm
    ):
        cleaned = re.sub(r" smok\w*", " ", cleaned)  # smoke from smoking, cannabis or a barbecue
    harm = HARM.search(cleaned)
    if not harm:
        return None
    present = PRESENT.search(norm)
    if present or (NOMINAL_HARM.search(harm.group(0)) and not SIMPLE_PAST.search(norm)):
        return harm.group(0), emergency_reason(harm.group(0))
    return None

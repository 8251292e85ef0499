"""The reviewed lexicon of emergencies: phrases of harm happening now (EMERGENCY_NOW), the
markers that it is over (PAST), a habit (HABITUAL) or happening now (NOW, STRONG), smoke that is
only a nuisance, a crime still in progress, and the short reason code for a match.

Add phrasings here and a test in tests/core/safety/.
"""

# ruff: noqa: E501  (the lexicon is easier to review one pattern a line)
from __future__ import annotations

import re

from core.safety.text import any_of

BE = r"(?:is|are|am|be|being|keeps|keep|still|now|just|currently)"
PEOPLE = (
    r"(?:he|she|they|someone|somebody|some one|man|woman|men|women|people|guys?|lads?|boys?|"
    r"girls?|kids?|child|children|baby|toddler|youths|gang|group|couple|neighbours?|partner|husband|wife|boyfriend|"
    r"girlfriend|ex|dad|father|son|brother|bloke|person|somebody else|who)"
)

# Violence verbs in the present progressive (after normalisation "hes hitting" -> "he is hitting").
VIOLENCE_ING = (
    r"hitting|punching|kicking|beating|battering|attacking|assaulting|strangling|choking|"
    r"stabbing|slapping|throttling|smacking|hurting|killing|shooting|raping|dragging|"
    r"fighting|brawling|kicking off with (?:a )?(?:knife|weapon)|leathering|glassing|bottling|"
    r"slashing|headbutting|stamping on|laying into|kicking the (?:life|living daylights|shit|crap|hell) out of|"
    r"beating the (?:life|living daylights|shit|crap|hell) out of|knocking (?:the )?(?:life|living daylights|shit|crap|hell) out of"
)
# Slang verbs that are violence only with a person as the object ("belting him", not "belting
# out music"; "thumping her", not "thumping on the ceiling").
PERSON_OBJECT_VIOLENCE = (
    r" (?:thumping|belting|bashing|booting|walloping|hammering|leathering|battering|smacking|lamping|decking) "
    r"(?:me|him|her|them|us|someone|somebody|each other|my (?:son|daughter|mother|dad|father|wife|husband|partner|brother|sister|child|kid|baby|friend|mate)|"
    r"(?:a|the|this|that|some|his|her|their) (?:man|woman|lad|lads|boy|girl|kid|child|person|guy|bloke|old man|old lady|wife|husband|partner|son|daughter|girlfriend|boyfriend)s?)\b"
)
EMERGENCY_NOW = any_of(
    # people at the door now who threaten or break things (split S10d: "racist gang outside my
    # door this minute shouting theyll get us, theyve smashed the glass panel")
    r" (?:outside|at) (?:my|our) (?:door|front door|window|flat|house)\b(?=.* (?:this minute|right now|now|at the moment)\b)(?=.* (?:get (?:us|me|you)|kill|hurt|do (?:us|me) in|smash(?:ed|ing)? (?:the|my|our) (?:door|window|glass|panel)|kick(?:ed|ing)? (?:in|down|at) (?:the|my|our) door|break(?:ing)? in|threaten\w*))",
    # someone cornered or held and not let go now (split S11d: "lads have cornered my daughter in
    # the lift lobby and won't let her leave")
    r" (?:cornered|surrounded|trapped|boxed in|blocking in) (?:my \w+|her|him|me|us|them|a (?:girl|boy|kid|child|woman|man|lad))\b(?=.* (?:will not|wont|not) let (?:her|him|me|us|them) (?:leave|go|out|past|get past)\b)| (?:will not|wont) let (?:her|him|me|us|them) leave\b(?=.* (?:send (?:someone|somebody|help|the police|police)|help (?:me|us|her|him|please)|right now|please come|come quick|call the police|ring the police|scared|terrified))",
    # a driver trying to run people down, or who has just hit someone (split S11b)
    r" (?:is|has|have|s)? ?just (?:clipped|hit|knocked (?:down|over)|run over|ran over|struck|mowed down|ploughed into) (?:a|an|the|some|two|three|this|that|my|our|his|her|their) (?:\w+ ){0,2}(?:woman|man|child|children|kid|kids|lad|girl|boy|person|pedestrian|pedestrians|cyclist|people|pensioner|lady|toddler|baby)s?\b",
    r" (?:trying|tries|tried|try) to (?:run|knock) (?:\w+ ){0,2}(?:down|over)\b",
    # followed right now ("I'm being followed home right now", "he's right behind me")
    r" (?:being|getting) followed\b(?=.* (?:right now|now|behind me|at the moment))| (?:he|she|they|the (?:man|woman|lad|bloke|guy)|a (?:man|woman|lad|bloke|guy)|someone|somebody)(?: \w+){0,4} (?:is|are|s|re) (?:right )?behind me\b",
    # someone is hitting / attacking ... (present progressive, any subject)
    rf" {PEOPLE}(?: \w+){{0,2}} {BE}(?: \w+)? (?:{VIOLENCE_ING})\b(?! (?:over|about) )(?! (?:a |the |their |his |her )?(?:ball|balls|football|footballs|off|about|around|up a fuss|the wall|the walls|the door|doors|walls|the bins?|cans?|stones|(?:the |their |a )?(?:lift|\w+) doors?|the lift|(?:the |their |his |her )?(?:furniture|chairs?|tables?|sofas?|beds?|boxes|bags|wheelie bins|things|stuff))\b)",
    rf" (?:{VIOLENCE_ING}) (?:me|her|him|them|us|my|someone|each other) (?:right )?now ",
    # violence against a named person, whatever the subject ("... and are hitting him")
    r" (?:is|are|am|keeps on|still) (?:hitting|punching|kicking|beating|battering|attacking|stabbing|strangling|choking|slapping|assaulting|glassing) (?:him|her|me|us|them|my|our|his|someone|somebody|a|the|people|each other)\b(?! (?:ball|balls|football|car|cars|door|doors|wall|walls|fence|bins?|cans?|bottles?|tyres?|gate|window|stones?)\b)",
    # threatening someone with anything, or to burn the home
    r" threaten(?:ing|s|ed)? (?:me|us|him|her|them|my \w+|people|everyone)(?: \w+){0,2} with (?:a|an|his|her|their|some)\b",
    r" (?:will|going to|gonna|threaten(?:ing|s|ed)? to|about to|trying to|tries to|says? he will|says? she will|says? they will) (?:burn|torch|set fire to|petrol bomb|firebomb|blow up) ",
    # a break-in in progress
    r" (?:breaking|braking|kicking|forcing|smashing|trying to break|trying to get|trying to kick|"
    r"trying to force|trying to smash|banging|climbing) (?:in|into|through|down)\b(?! the past)",
    r" (?:breaking|kicking|forcing|smashing) (?:my|the|our|his|her) (?:door|window|windows|way) (?:in|down|open)",
    r" (?:is|are) (?:in|inside) (?:my|our) (?:home|house|flat|garden) (?:right )?now",
    r" someone is in (?:my|our) (?:home|house|flat)",
    r" (?:smashed|smashing|broke|breaking|kicked|kicking|forced|forcing|got|getting|climbed|climbing) (?:through|into|in) (?:the|my|our|a) (?:\w+ )?(?:door|window|windows|house|flat|home)\b(?:.*)\b(?:is|are) (?:in|inside|upstairs|downstairs) ",
    r" (?:someone|somebody|he|she|they|man|men|people|stranger|intruder|burglar|lad|lads|guy|guys|and) (?:is|are) (?:still )?(?:in|inside) (?:the|my|our) (?:kitchen|bedroom|living room|hallway|house|flat|home|loft|garden)\b(?! every| all)",
    r" (?:someone|somebody|people|men|(?:a )?man|they|intruders?|strangers?|burglars?) (?:is |are )?(?:in|inside) (?:my|our) (?:home|house|flat|garden|bedroom|kitchen|loft|attic|shed|garage|bathroom|hallway|living room|back garden|cellar|basement|room)\b",
    r" (?:trying|tries|try|tried) to (?:force|kick|smash|break|get through|open|climb through) (?:my|the|our|her|his) (?:door|window|windows|lock|way in)",
    r" (?:screaming|shouting|crying|yelling) help\b",
    # passive violence now ("she is being attacked", "somebodys getting stabbed")
    r" (?:is|are|am|getting|being|get) (?:being )?(?:attacked|stabbed|beaten|beat up|battered|assaulted|raped|kidnapped|abducted|strangled|choked|shot|mugged|chased|jumped|glassed|dragged|bundled|leathered|bottled|knifed|slashed|kicked in|set upon|kicked(?! off| out)|punched)\b",
    r" (?:following|chasing|stalking) (?:me|us|her|him|my \w+)\b(?= .*(?:now|scared|help|still|outside))",
    # someone screaming (not children at play) or screaming for their life
    r" (?:woman|girl|lady|someone|somebody|a man|a child|a kid|the kid|the child|little one|person) (?:\w+ )?(?:is |are )?(?:screaming|shrieking|crying out)\b(?! (?:and )?(?:laughing|playing))",
    r" screaming (?:rape|murder|blue murder|for (?:her|his|their|my) li(?:fe|ves))",
    # falls, people dead or needing an ambulance
    r" (?:fell|fallen|falling|jumped|thrown|pushed) (?:off|from|out of|out|down) (?:the|a|his|her|their|my) (?:balcony|window|roof|building|block|bridge|ledge|stairs)",
    r"(?<!washing is)(?<!washing are)(?<!clothes are)(?<!laundry is)(?<! washing) (?:hanging|leaning|climbing|dangling) (?:out of|out|off|over) (?:the|a|his|her|their) (?:window|balcony|ledge|railings?)",
    r" (?:he|she|they|someone|somebody|man|woman|person|neighbour|baby|child|kid|body) (?:is|are|might be|could be|looks|may be|seems) dead\b| dead body| found (?:a )?body",
    r" (?:call|ring|get|need|needs|send|phone) (?:an |the |a )?(?:ambulance|paramedics?|fire brigade|fire service|firemen)",
    r"^ (?:please |someone |somebody )?(?:help|helpp|sos|emergency)(?: me| us)?(?: please| now| quick| urgent)?(?: help)? $",
    # violence as a bare participle or described with "there are" ("3 lads fighting in the car park")
    rf" {PEOPLE} (?:{VIOLENCE_ING})\b(?! (?:over|about) )(?! (?:a |the |their |his |her )?(?:ball|balls|football|footballs|off|about|around|up a fuss|the wall|the walls|the door|doors|walls|the bins?|cans?|stones|(?:the |their |a )?(?:lift|\w+) doors?|the lift|(?:the |their |his |her )?(?:furniture|chairs?|tables?|sofas?|beds?|boxes|bags|wheelie bins|things|stuff))\b)",
    rf" (?:will not|wont|would not|does not|doesnt|is not|can not|cant) stop (?:{VIOLENCE_ING}|hitting|shouting at|screaming at|threatening)",
    # restraining someone now ("got hold of my daughter and wont let go")
    r" (?:got|has|have|grabbed|grabbing|taken) (?:a )?(?:hold of|hold on|a grip on|his hands (?:round|around|on)|her hands (?:round|around|on)|me by|her by|him by) (?:me|my|her|him|them|us|the)\b",
    r" (?:will not|wont|would not|refuses to|not letting) (?:let )?(?:go of (?:me|her|him|them|us|my \w+|the (?:child|kid|baby|boy|girl|woman|man))|go(?= \w+ (?:screaming|crying|shouting|help))|me go|her go|him go|them go|us go)\b(?! out| to| and see| shopping| anywhere| places| home| near| with| on| in| of (?:the|my) (?:money|phone|bank))",
    r" (?:holding|pinning|pinned|pinning) (?:me|her|him|them|my \w+) (?:down|against|to the)",
    r" (?:holding|grabbing|grabbed|got|has|dragging) (?:me|her|him|them|my \w+) by the (?:throat|neck|hair)\b",
    r" (?:(?:his|her|their) hands|hands) (?:round|around) (?:my|her|his|their) (?:neck|throat)",
    # hiding or barricaded from someone, someone raging at the door
    r" (?:i am|we are|am|kids are|children are|child is|she is|mother is|my \w+ (?:is|are)) (?:\w+ )?(?:hiding|barricaded|locked in|locked inside|trapped)\b(?! (?:drugs|stuff|things|it|them|weed|bikes|their|his|her)\b)",
    r" hiding (?:from (?:him|her|them|a man|the man|my|those)|under|upstairs|in (?:my|our|the) (?:bathroom|bedroom|toilet|wardrobe|cupboard|loft))\b| (?:barricaded|trapped) (?:in|inside|upstairs)\b| locked (?:myself|ourselves|themselves|herself|himself|me|us|the kids|the children) (?:in|inside)\b",
    r" (?:outside|at|on) (?:my|the|our) (?:front |back )?(?:door|window)\b(?: \w+){0,4} (?:going mad|going crazy|going mental|raging|kicking off|screaming|threatening|with a|smashing|kicking|banging)",
    r" (?:going mad|going crazy|going mental|raging|kicking off)(?: \w+){0,3} (?:outside|at) (?:my|the|our) (?:front |back )?(?:door|window)\b",
    # someone trying to get in
    r" (?:trying|rattling|testing|pulling|yanking|jiggling|forcing|picking) (?:my|the|our|her|his) (?:front |back )?(?:door|doors|door handle|handle|lock|locks|window|windows|letterbox)\b",
    r" (?:trying|tries|try) to (?:get|come|break|climb|force (?:their|his|her|the) way) (?:in|into)\b",
    r" (?:someone|somebody|a man|a stranger|strangers|people|they|he|she) (?:is |are )?(?:climbing|coming) (?:in|up|through|over) (?:my|our|the) (?:window|balcony|fence|wall|door)",
    r" throwing (?:bricks|stones|rocks|things|bottles|fireworks|glass) (?:at|through) (?:me|us|my|our|the|people)",
    r" (?:throwing|chucking|lobbing|hurling) (?:\w+ )?(?:bricks|stones|rocks|bottles|fireworks|glass|petrol bombs?|knives|furniture|paving slabs?|concrete) (?:at|through|off|from|over|into) ",
    # attempted violence ("he tried to strangle me") and weapons drawn
    r" (?:tried|tries|trying|try|attempted|attempting) to (?:strangle|stab|kill|choke|drown|suffocate|smother|hit|attack|shoot|run (?:me|him|her|us|them|people|kids|children|someone|somebody|pedestrians|the kids|a (?:man|woman|kid|child|lad|girl|boy)) over|run over|push (?:me|him|her) (?:off|down|out))\b",
    r" (?:pulled|pulls|pulling|drew|drawn|draws|got out|gets out|took out|takes out) (?:a |an |his |her |their )?(?:knife|knives|gun|weapon|pistol)\b",
    r"(?:^| )fire (?:in|at|on|inside|near|upstairs|downstairs) (?:the|my|our|a|block|flat|number|no|house|building|bins?|kitchen|stairwell|stairs|corridor|hallway|landing|lift|\d)",
    r"^ (?:fire|help fire|fire help)(?: fire| help)* $",
    r" (?:screaming|shouting|crying|calling|begging) for help",
    r" (?:burglar|burglars|intruder|intruders) (?:is|are|in|inside|downstairs|upstairs)",
    # threats to life, said to be happening now or about to
    r" (?:going to|trying to|about to|threatening to|will|would|gonna) (?:kill|stab|shoot|murder|hurt|beat) (?:me|us|her|him|them|my|someone|everyone|his|their)\b",
    r" (?:going to|will|would|gonna|threatening to|about to) slit (?:my|your|his|her|their) throat",
    r" (?:going to|will|gonna|about to|coming to) (?:smash|kick|cave|knock|punch) (?:my|your|his|her|our|their) (?:face|head|teeth) in\b",
    r" (?:banging|hammering|kicking|pounding|knocking) (?:on|at) (?:my|our|the) (?:front |back )?(?:door|window)\b(?: \w+){0,6} (?:going to|will|threatening|kill|smash|stab|hurt|batter|get (?:you|me|us))\b",
    r" (?:fear|scared|afraid|terrified|worried) for (?:my|our|her|his|their) (?:life|lives|safety)",
    # self-harm said indirectly: two or more goodbye cues ("im done. tonights the night. sorry")
    r" (?:i am done|tonight is the night|tonights the night|this is goodbye|goodbye everyone|sorry to everyone|sorry for everything|no way out|cant take (?:it|any more|anymore)|can not take (?:it|any more|anymore)|last message|letters? (?:to|for) my (?:kids|children|family|mum|mother))\b(?: \w+){0,12} (?:i am done|tonight is the night|tonights the night|this is goodbye|goodbye|sorry to everyone|sorry for everything|no way out|last message|letters? (?:to|for) my (?:kids|children|family))\b",
    r" (?:i|we|she|he|they) (?:am|are|is) in danger\b(?! of)",
    r" (?:in|immediate) danger (?:now|right now)",
    # weapons, present
    r" (?:has|have|got|with|holding|waving|carrying|pointing|brandishing|wielding) (?:a |an |his |her |their |some )?(?:knife|knives|guns?|weapons?|axes?|baseball bats?|golf clubs?|crossbows?|swords?|poker|iron bars?|metal bars?|machetes?|crowbars?|hammers?|screwdrivers?|broken bottles?|bottles?(?! of)|bats?\b(?! and ball| (?:in|flying))|sticks?(?= (?:hitting|smashing|threatening))|big sticks?|bricks?|pistols?|shotguns?|rifles?|firearms?|tasers?|pepper spray|acid|ammonia|bleach(?= at| in))\b(?! (?:block|blocks|drawer|set|sharpener|rack|crime))",
    r" (?:swinging|brandishing) (?!(?:off|on|from|around|about|round|in|out|over|by|high|like)\b)(?:a |an |his |her |their |some )?\w+",
    r" (?:acid|ammonia) (?:attack|thrown|in (?:his|her|my|their) face)| threw (?:acid|ammonia|bleach)",
    r" (?:he|she|they|someone|man|woman|men) (?:is |are )?(?:armed|tooled up|carrying)\b",
    r" (?:knife|knives|gun|guns|weapon|weapons|axe|crossbow) (?:outside|at my door|in the (?:street|stairwell|hallway|car park))",
    r" (?:been|got|getting|just) (?:stabbed|shot|glassed)",
    r" shots? fired| gunshots?| gun shots?",
    # fire
    r" (?:there is|theres|there a|a) fire\b(?! (?:alarm|drill|scene|place|pit|work|works|fighter|brigade|door|doors|exit|escape|safety|risk|hazard|extinguisher|extinguishers|in the film|on tv))",
    r" on fire\b",
    r" (?:is|are|block|flat|flats|house|building|kitchen|stairwell|car|bins?|door|hallway) (?:is )?(?:burning|alight|in flames)",
    r" (?:set|setting|putting|put|started|starting) (?:fire|a fire|light) (?:to|in|on)? ?(?:my|the|our|their)? ?(?:door|letterbox|flat|house|bins?|car|building|stairs|stairwell)? ?(?:now|right now)",
    r" (?:setting|lighting|starting) (?:a )?fire",
    r" (?:set|setting|put|putting|started|starting|lit|lighting) (?:a )?fire (?:to|in|on|at|through)\b",
    r" (?:smell|smelling|see|seeing|can smell|can see|full of|filling with) (?:of )?(?:smoke|gas)\b",
    r" flames (?:coming|everywhere|from)| smoke (?:is )?(?:coming|pouring|billowing|everywhere)",
    r" gas leak| gas smell| smell of gas| smelt gas| reeks of gas",
    r" (?:pour|pours|poured|pouring|throw|threw|throwing|splashed|splashing|sprayed|spraying|squirted|put|putting|pushing|pushed|stuffing) (?:\w+ ){0,2}(?:petrol|lighter fluid|paraffin|accelerant|fuel|diesel|white spirit|something burning|burning rags?|lit rags?|fireworks?|a lit)\b",
    r" (?:petrol|lighter fluid|paraffin|accelerant|fireworks?|burning rags?) (?:through|in|into|on|over|all over|under|at) (?:my|the|our|her|his|their) (?:letterbox|letter box|door|doorstep|flat|stairs|car|window|house)",
    r" petrol bomb| fire ?bomb| molotov| arson\b(?! last| in)",
    r" (?:fire|flames|smoke|blaze)(?: \w+){0,4} (?:spreading|getting bigger|getting worse|out of control|everywhere|filling|coming)",
    r" (?:set|setting|sets|put|putting|light|lighting|lit) (?:\w+ ){0,3}(?:alight|ablaze|on fire)\b",
    r" (?:alight|ablaze|blaze|in flames|burning down|going up in flames)\b",
    r" (?:full of|filled with|filling (?:up )?with|thick) smoke| smoke (?:alarm|alarms) (?:is |are )?(?:going off|beeping|ringing)\b(?!.* (?:cook|cooking|toast|every time|whenever|always))",
    r" (?:smell|smells|smelling|smelt) (?:of )?(?:burning|smoke|petrol|gas)\b",
    # someone injured / collapsed
    r" (?:is|are|lying|left) (?:badly )?(?:injured|bleeding|unconscious|not breathing|collapsed|hurt bad|hurt badly)",
    r" (?:not breathing|can not breathe|cant breathe|stopped breathing|unconscious|bleeding|blood everywhere|lots of blood|covered in blood)\b",
    r" (?:has|have|just) collapsed",
    r" (?:has|have|just|she|he|they) (?:fallen|fell)(?: over| down)?(?: \w+){0,6} (?:not answering|not moving|cant get up|can not get up|moaning|unresponsive|hurt|injured|can not reach|cant reach|stuck|can not get to)",
    r" (?:unresponsive|passed out|having a fit|having a seizure|seizure|heart attack|not waking up|wont wake up|will not wake up)\b",
    r" (?:he|she|they|him|her|them|man|woman|lad|baby|child|kid|person|someone|somebody|neighbour|dad|mother|son|daughter|husband|wife|partner|friend|mate|boy|girl|lady|driver|rider|cyclist|pedestrian|resident|tenant)s?(?: \w+){0,2} (?:is |are |and |but )?(?:still )?not (?:moving|responding|waking up)\b(?! (?:his|her|their|the|my|it|out|away|on|from|house|flat|home|anywhere|off|them|this|that|a|car|van|in)\b)",
    r" (?:cut|cutting|stabbed|slashed) (?:himself|herself|myself|themselves)",
    r" (?:cut|cutting|slit|slitting|slashed|slashing) (?:my|his|her|their) (?:own )?(?:wrists?|arms?|throat)",
    r" (?:hang|hanging|hanged|drown|drowning|poison|poisoning|poisoned|shoot|shooting|stab|stabbing|starve|starving|gas|gassing|strangle|strangling|set fire to|burn|burning) (?:myself|himself|herself|themselves)\b",
    r" (?:can not|cant|cannot) (?:get up|move|stand up|walk)\b(?! (?:past|for|through|around|down|into|out|in|without|anywhere|along|across|by|near|the|up the|because|due|with|on|to|from|my|our|their|his|her|it|them)\b)",
    r" just (?:been )?(?:pushed|hit|punched|kicked|attacked|stabbed|beaten|beat|assaulted|strangled|choked|slapped|thrown|shot|glassed|mugged|robbed|jumped|battered|knifed|bottled|headbutted|leathered|bitten|set on) ",
    r" (?:he|she|they|someone|somebody|man|woman|lad|boy|girl|person|son|daughter|dad|mother|neighbour)s? (?:is|are|still|now) (?:lying )?on the (?:floor|ground|pavement|path)\b(?! (?:above|below|upstairs|downstairs|of|at)\b)",
    r" (?:sparks|sparking|arcing)\b(?! (?:up|a row|an argument|off|joy)\b)",
    r" (?:threatening|threatens|threatened|going|about|says he is going|says she is going) to (?:throw|drop|push|hurt|kill|smother|shake|drown|hit|stab|starve) (?:the|my|her|his|their|a|our) (?:baby|babies|child|children|kid|kids|son|daughter|little one)\b",
    r" (?:on|onto|at the edge of) (?:the|a) (?:roof|rooftop|ledge|window ledge|edge of the balcony)\b",
    # a child or adult in danger now
    r" (?:child|children|kid|kids|baby|babies|toddler|little one|little boy|little girl|boy|girl)s?(?: \w+){0,5} (?:alone|on (?:their|his|her|its|it is) own|home alone|unattended|by (?:itself|himself|herself|themselves))\b",
    r" (?:child|children|kid|kids|baby|toddler|little one|little boy|little girl)s?(?: (?!play)\w+){0,5} (?:on (?:a|the) window ?sill|on (?:an|the) open window|on the balcony railings?|wandering|(?:in|on|near|by) the (?:main |busy )?road\b(?!.* (?:every|always|play))|on a window ?ledge|on the window ?ledge|locked in (?:a|the) car|in a hot car)\b",
    r" (?:child|children|kid|kids|baby|babies|toddler|little one)s?\b.*\b(?:nobody|no one|no adults?|noone) (?:is )?(?:home|there|in|with|looking)",
    r" (?:child|children|kid|kids|baby|toddler) (?:is |are )?(?:in danger|being (?:hit|hurt|beaten|abused)|screaming for help)",
    r" (?:on|out) (?:the|a) (?:window ?ledge|ledge|balcony edge|roof) (?:about to|going to|threatening to)",
    # self-harm or suicide
    r" (?:kill|killing|hurt|hurting|harm|harming) (?:myself|himself|herself|themselves)",
    r" (?:end|ending|take|taking) (?:my|his|her|their) (?:own )?life",
    r" suicid(?:e|al)| (?:want|wants|going|threatening) to die\b| (?:overdose|overdosed|od d)\b",
    r" (?:threatening|going|about) to jump\b(?! (?:the queue|ship|in (?:the|a|my|his|her) (?:car|van|taxi|shower|bath)|on (?:the|a) (?:bus|train|call|bandwagon|phone)|at the chance|for joy))",
    r" (?:going to|want to|wants to|about to|will|gonna|thinking of|thinking about|talking about) (?:end|ending) (?:it all|it|things|everything|my life|his life|her life|their life)\b",
    # explicit calls for help now
    r" (?:help|helpp) (?:me|us) (?:please|now|he|she|they)\b| please help (?:me|us)? ?(?:now|quick|hes|shes)| send (?:the )?police",
    r" call (?:the )?police (?:now|right now|please)",
    # -- added 2026-11-22 (blind split E): slang violence, self-harm, dogs, fire, threats --
    PERSON_OBJECT_VIOLENCE,
    # self-harm: an overdose taken or ready, not wanting to live (not "live here", "live like this")
    r" (?:taken|took|swallowed|swallowing|take|taking|had|necked|downed) (?:all|a load of|loads of|lots of|too many|a whole|the whole|a bottle of|a box of|a packet of|handfuls? of|all of) (?:my |his |her |their |the )?(?:\w+ ){0,2}(?:tablets|pills|meds|medication|medicine|paracetamol|painkillers|sleeping pills|antidepressants|insulin)\b",
    r" (?:got|have|has|with) (?:the |my |some )?(?:pills|tablets|rope|noose)(?: \w+)? (?:ready|lined up|here)\b| (?:pills|tablets) (?:are )?(?:ready|lined up)\b",
    r" (?:do not|dont|can not|no longer|never) want to (?:be here|live|be alive|exist|wake up|go on)\b(?! (?:here|in|on|at|near|next|with|by|like|opposite|under|above|below|there|anywhere))(?!.* (?:move|moving|transfer|rehoused|swap|exchange|another flat|new flat|another home))",
    r" (?:better off|be better off) (?:dead|without me|if i (?:was not|were not|was never|wasnt) (?:here|around|alive|born)|if i (?:was|were) (?:gone|dead))| no (?:reason|point) (?:to|in) (?:live|living|being alive|going on)| wish (?:i|we) (?:was|were) dead| do something stupid| self ?harm(?:ing|s)?\b",
    r" (?:can not|cant) go on\b(?! (?:holiday|the|a|my|like this|living next|living here))| want (?:it all|everything) to (?:end|stop)| end it all\b| (?:not|wont) (?:be|going to be) (?:here|around|alive) (?:tomorrow|much longer|for long|by (?:the )?morning)",
    r" (?:jump|jumping|throw myself|throwing myself|step) (?:off (?:the|a) (?:roof|bridge|balcony|building)|in front of (?:a|the) (?:train|bus|car|lorry))",
    # a dog attacking a person now
    r" (?:is |are )?(?:mauling|savaging)\b",
    r" dogs?(?: \w+){0,2} (?:got|has|grabbed|bitten|biting|latched onto|locked onto|hanging off)(?: \w+){1,3} by the (?:arm|leg|hand|face|neck|throat|head|ankle)\b",
    r" dogs?(?: \w+){0,3} (?:is |are |has |have |just )?(?:attacking|biting|mauling|savaging|locked on|got hold of|has hold of|gone for|going for)(?: \w+){0,2} (?:a |the |my |her |his |their |this |that |an )?(?:little |small |young |old )?(?:child|kid|boy|girl|baby|toddler|woman|man|lady|person|lad|son|daughter|me|him|her|us|someone|somebody)\b",
    r" (?:got|has|have|grabbed) (?:a )?hold of (?:a|an|the|this|that) (?:little |small |young |old )?(?:child|kid|boy|girl|baby|toddler|woman|man|lady|person|lad)\b",
    # fire: something lit or torched, smoke spreading (tobacco, cannabis and barbecues excluded in check())
    r" (?:lit|torched|torching|set light to|setting light to|set alight|setting alight|lighting) (?:the|a|my|our|their|his|her|some) (?:\w+ ){0,2}(?:bins?|chute|door|doors|car|cars|flat|shed|stairs|stairwell|rubbish|building|block|letterbox|house|mattress|sofa|garage|hallway|landing|van|bike|bin store)\b",
    r" (?:black |thick |grey |white )?smoke (?:on|in|all over|through|up|down|under|out of|from|filling|coming|pouring|everywhere|billowing|pouring)\b(?! (?:their|his|her|the|a) (?:weed|cannabis|cigarettes?|fags?|bbq|barbecue|barbeque|bonfire|chimney|vape|shisha|joints?))",
    r" (?:see|seeing|saw|can see|there are|there is) (?:\w+ )?flames\b| flames (?:coming|everywhere|from|out|in|on|pouring|shooting|through|getting)\b",
    r" ar dan\b| mae tan\b| heddlu\b| ambiwlans\b| helpwch\b",
    # something thrown in, or a door forced, or a threat to come in
    r" (?:brick|bricks|stone|stones|rock|rocks|bottle|bottles|(?<!swaps )(?<!swap )(?<!passes )(?<!pass )(?<!hands )(?<!hand )(?<!posts )(?<!pushes )(?<!passing )(?<!swapping )(?<!handing )something|firework|fireworks|petrol|paving slab) (?:\w+ )?(?:through|thru) (?:my|the|our) (?:window|windows|door|letterbox|letter box)\b",
    r" (?:just|have|has|they have|he has|she has) (?:kicked|smashed|booted|forced|broke|broken|put|pushed) (?:my|our) (?:front |back )?(?:door|window) (?:in|down|open)\b",
    r" (?:will|going to|gonna|coming to|about to) (?:come|get|break|kick (?:the|my|our) door|smash (?:the|my|our) door) in\b| coming (?:back )?(?:for|to get) (?:me|us|him|her|my)\b",
    # weapons anywhere near "with/has/carrying" ("men with balaclavas and machetes"), or being readied
    r" (?:has|have|got|with|holding|waving|carrying|brandishing|wielding)(?: (?!water|toy|toys|nerf|cap|plastic|pretend|fake|foam|butter)\w+){1,3} (?:knife|knives|machetes?|guns?|firearms?|shotguns?|baseball bats?|crowbars?|axes?|hammers?|swords?|pistols?|cleavers?|meat cleavers?|sickles?|machetes?|spears?|knuckle dusters?)\b(?! (?:block|blocks|drawer|set|sharpener|rack|crime))",
    r" (?:waving|pointing|swinging|jabbing) (?:a|an|his|her|their|the) (?!(?:hands?|fingers?|fists?|arms?|phones?|cameras?|torch|flag|sign|middle finger|camera phone)\b)(?:\w+ ){0,2}at (?:me|us|people|the kids|kids|children|them|him|her|residents|everyone)\b",
    r" (?:sharpening|getting|fetching|grabbing|picking up|went to get|gone to get) (?:a |an |his |her |their |the |some )?(?:knife|knives|blade|machete|gun|axe|hammer|bat|weapon)\b",
    r" (?:been|got|getting|just) (?:knifed|slashed|bottled)\b",
    # scalding, acid, tying up, a head against the wall, begging to stop
    r" (?:threw|thrown|throwing|poured|pouring|chucked|chucking) (?:\w+ ){0,3}(?:boiling|hot) (?:water|oil|fat|tea|coffee)| (?:scalded|scalding|blistered|blistering)\b",
    r" (?:man|woman|person|someone|somebody|child|kid|he|she|they|lad|girl|boy) (?:is |are |has been |been |who is )?(?:tied|taped) up\b| (?:shaking|convulsing|jerking|seizing) on the (?:floor|ground|bed)\b| convulsing\b",
    r" (?:tied|tying|taped|taping) (?:someone|somebody|him|her|them|me|us|a man|a woman|a person|people|a child|a kid)(?: \w+)? up\b| (?:held|holding|keeping) (?:\w+ )?hostage| kidnapp?(?:ed|ing)\b",
    r" (?:head|face) (?:against|into|off) (?:the|a) (?:wall|walls|floor|door|table|ground|radiator)",
    r" begging (?:him|her|them) to stop| (?:screaming|crying|shouting|pleading) (?:at (?:him|her) )?(?:for (?:him|her|them) )?to stop\b",
    # sexual offences against children happening now
    r" (?:exposing|flashing) (?:himself|herself|themselves)| (?:touching|grooming) (?:the |a |my |our )?(?:kids|children|child|girls|boys)\b",
    # medical: fitting, turned blue, taken something, not moved
    r" (?:she is|he is|they are|is|are|keeps|started|starts) (?:having a )?fitting\b(?! (?:a|an|the|new|his|her|their|my|out|in|up|kitchens?|carpets?|windows?|doors?|locks?)\b)",
    r" (?:lips|face|skin|he|she|they|baby|child) (?:is |are |has |have )?(?:gone|turned|turning|going) (?:blue|grey|purple)\b",
    r" fitting (?:on|in) (?:the|my|our|his|her|their) (?:floor|ground|bed|sofa|chair|kitchen|bathroom|stairs|landing)\b",
    r" (?:has|have|she has|he has|i have|just) (?:taken|had|swallowed) (?:something|too much|too many|loads)\b",
    r" (?:he|she|they|him|her|neighbour|man|woman|lady|person|dad|mother)s?(?: \w+){0,2} (?:has not|have not|not) (?:moved|been out|opened (?:the|his|her) (?:door|curtains))(?: \w+){0,2} (?:for|since|in) (?:days|two days|three days|a week|weeks|ages|yesterday)\b",
    r" (?:i think|think|worried|scared|afraid|i reckon)(?: that)?(?: \w+){0,3} (?:is |s )?dead\b(?! (?:tired|boring|quiet|loud|noisy|serious|against|set|on|end|easy|cheap|good)\b)",
    # an intruder climbing up or in
    r" climbing (?:\w+ ){0,2}(?:onto|into|in|up|over|through) (?:my|our|the) (?:balcony|window|windows|fence|wall|garden|flat|house|back)\b",
    # fire: things smoking or glowing
    r" (?:bins?|chute|bin store|roof|loft|meter cupboard|cupboard|socket|plug|oven|car|van|building|flat|house|kitchen|shed|garage|walls?|ceiling|wiring|mattress) (?:is |are |was )?(?:smoking|smouldering|glowing)\b| orange glow| smouldering| burning smell| smell of burning",
    r" (?:walls?|door|doors|ceiling|floor) (?:\w+ ){0,4}(?:is|are) (?:really |very |red )?hot\b",
    # a baby or child in distress with an adult's aggression
    r" (?:baby|child|kid|toddler|little one|son|daughter)s?(?: \w+){0,6} (?:screaming|crying|sobbing)\b(?=.* (?:shut up|thumping|hitting|slapping|smacking|belting|shaking (?:it|him|her|the baby)))",
    # added after blind split H: found hanging, vehicle into people, child held out or locked
    # out in the cold, a lighter after pouring, forcing a window open, taking a child now
    r" (?:found|find|seen|saw) (?:him|her|them|someone|somebody|a man|a woman|my \w+|the \w+|a \w+)(?: \w+){0,2} hanging\b(?! (?:around|about|out|round|off|on|up|washing|baskets?|from the balcony|over)\b)| (?:he|she|someone|somebody|man|woman|person|body|neighbour) (?:is|was|has been) hanging (?:in|from|by)\b(?! (?:the|their|his|her) (?:window|balcony|washing|bins?)\b)",
    r" (?:ploughed|ploughing|crashed|crashing|smashed|driven|drove|ran|gone|went|mounted the pavement) (?:into|over) (?:people|a (?:child|kid|man|woman|person|crowd|group)|someone|somebody|pedestrians|the crowd|kids|children)\b",
    r" (?:holding|hanging|dangling) (?:me|him|her|them|(?:the|a|my|his|her|their|our) (?:little )?(?:baby|child|kid|son|daughter|boy|girl|little one|toddler|dog|cat|puppy)) (?:out of|over|off) (?:the|a) (?:window|balcony|ledge|railings?|bridge)\b",
    r" (?:locked|left|shut|put) (?:her|his|their|the|my|a|two|three)?(?: \w+)? (?:kids|children|child|baby|toddler|son|daughter|little ones?)s? (?:out|outside|on the balcony|in the car)\b(?=.* (?:cold|freezing|crying|screaming|night|rain|hours|tiny))",
    r" (?:holding|with|flicking|has|got) (?:a |his |her )?(?:lighter|matches|zippo|lit rag)\b(?=.* (?:poured|petrol|fuel|soaked|doused|car|door|letterbox))| (?:poured|pouring|soaked|doused)(?: \w+){0,10} (?:lighter|matches|match)\b",
    r" trying to (?:force|prise|prize|jemmy|lever|break|smash|kick)(?: open| in| down)? (?:my|the|our|her|his) (?:\w+ )?(?:door|window|windows|lock|shed|garage)\b",
    r" trying to (?:take|grab|snatch) (?:the|my|our|her|his|a) (?:baby|child|kid|kids|son|daughter|children|little one|little girl|little boy|girl|boy)\b",
    # a child lured into a stranger's vehicle ("a man trying to get the girls into his car")
    r" (?:trying|tries|try|tried|attempting) to (?:lure|entice|coax|tempt|persuade|talk) (?:\w+ ){0,3}(?:into|in|to get in|to get into) (?:a|an|the|his|her|their) (?:\w+ )?(?:car|van|motor|vehicle)\b| (?:a|some|an older|a strange|two|a couple of) (?:man|men|bloke|blokes|guy|guys|stranger|strangers|woman)(?: \w+){0,8} (?:trying|tries|tried|keeps trying) to get (?:them|her|him|the (?:kids|children|girls|boys|girl|boy|child|kid)|(?:some |two |three )?(?:kids|children|girls|boys)|a (?:girl|boy|child|kid)) (?:in|into) (?:his|their|a|the) (?:\w+ )?(?:car|van|motor|vehicle)\b",
    # added after blind set R (issue 12): a threat that nobody leaves alive, someone begging to
    # be let in, someone tied to something, someone grabbed by a stranger, a person on the line
    r" (?:nobody|no one|noone|none of (?:us|them|you)) (?:is )?(?:leaves|leaving|gets out|getting out|walks out|will leave|will get out|comes out|coming out) (?:of (?:here|there|the \w+) )?alive\b(?!.* (?:film|movie|game|series|book|show|telly|tv)\b)",
    r" (?:begging|pleading|screaming|crying|banging) (?:\w+ ){0,3}(?:to be let in|to let (?:her|him|them|me|us) in)\b",
    r" (?:tying|tied|taping|taped|chaining|chained|strapping|strapped) (?:me|him|her|them|us|someone|somebody|(?:a|the|my|his|her|their|that|this) (?:little |young )?(?:boy|girl|kid|child|man|woman|lad|lass|person|son|daughter|baby|toddler)) (?:up )?to (?:the|a|his|her|their) (?:railings?|post|tree|lamp ?post|chair|bed|radiator|fence|gate|pipe)\b",
    r" (?:daughter|son|child|kid|girl|boy|baby|toddler|sister|brother|she|he|wife|mum|friend|nan|grandad|lad)s? (?:has|have|is|s|just)? ?(?:just )?been (?:grabbed|snatched|taken|dragged|bundled|abducted|kidnapped|pulled) (?:\w+ ){0,3}by (?:a|an|some|two|three|the|this|that) (?:\w+ ){0,2}(?:man|men|stranger|strangers|woman|bloke|guy|lad|lads|group|gang)\b",
    r" (?:someone|somebody|a (?:man|woman|lad|girl|boy|kid|child|person|bloke|guy)|people|kids|lads|children|he|she|they) (?:is |are )?(?:on|walking (?:on|along|down)|sitting on|lying on|standing on|playing on|wandering (?:on|along)) the (?:railway|train) ?(?:line|lines|tracks?)\b",
    # someone being forced into a vehicle ("trying to pull a little girl into his van")
    r" (?:trying|tries|try|tried|attempting|going) to (?:pull|drag|bundle|force|push|shove|throw) (?:a |an |the |my |our |her |his |their |this |that |some )?(?:little |young |small |teenage |\d+ year old )?(?:girl|boy|child|kid|baby|toddler|son|daughter|woman|man|lad|lass|teenager|person|someone|somebody|her|him|them|me|us)s? (?:in|into) (?:the back of )?(?:a|an|the|his|her|their|that|this) (?:\w+ )?(?:car|van|motor|boot|vehicle|taxi|cab|lorry)\b",
    r" (?:screaming|crying|shouting|saying)(?: that)? (?:she|he|they|i) (?:was|has been|had been|got|have been|is being) (?:raped|attacked|stabbed|sexually assaulted)\b",
    # someone down: lying on the ground, run over, blood
    r" (?:can see|see|saw|seen) (?:him|her|them|someone|somebody|a man|a woman|my \w+)(?: lying)? on the (?:floor|ground)\b(?! (?:above|below|upstairs|downstairs|of)\b)",
    r" (?:he|she|they|him|her|them|someone|somebody|man|woman|lad|boy|girl|person|body|child|kid|neighbour|guy|bloke|lady|people|friend|mate|dad|mother|son|daughter|husband|wife|partner|nan|gran|grandad|grandma|grandpa|mum|mother|father|brother|sister|baby|toddler|\d+|and|who|that)s?(?: is| are| was| just| still)? lying (?:on|in|at the bottom of|at the foot of) (?:the|a) (?:floor|ground|path|pavement|road|street|stairs|grass|car park|stairwell|corridor|hallway|landing|lift|doorway|gutter)\b",
    r" (?:been|got|getting|just been|has been) (?:hit|knocked (?:down|over)|run over) by (?:a|the|his|her|their) (?:car|van|bike|motorbike|bus|lorry|scooter|moped)\b",
    r" blood (?:all over|pouring|gushing|coming|on the floor|on the stairs|on the walls)| (?:lots|loads|pool|pools) of blood",
    r" (?:have|has|just|is|being) been (?:raped|sexually assaulted)\b| (?:being|getting) (?:raped|sexually assaulted)\b",
    r" (?:firing|shooting|aiming|letting off|setting off) fireworks (?:at|into|through) (?:me|us|people|my|our|the|cars|kids|children)\b",
    # someone not seen for days (a welfare check: they may be lying hurt)
    r" (?:not been seen|nobody has seen (?:him|her)|no one has seen (?:him|her)|have not seen (?:him|her)|havent seen (?:him|her))(?: \w+){0,3} (?:for|in) (?:days|a week|over a week|weeks|a few days)\b",
)

# Markers that the harm is over; they downgrade a "weak" emergency match to 101.
PAST = any_of(
    r" last (?:year|week|month|night|weekend|time|summer|winter|christmas|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r" (?:in|back in|since|during|last) (?:january|february|march|april|may|june|july|august|september|october|november|december)\b| on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?! night and| every)",
    r" (?:years|months|weeks|days) ago| yesterday| the other (?:day|night|week)| in (?:19|20)\d\d\b| earlier (?:today|on)\b",
    # session 10 (splits V and S10): "a few weeks back", "Saturday night", "that was monday",
    # a threat reported as said before ("said it twice this week", "he's said stuff like it before")
    r" (?:a few|a couple of|couple of|two|three|four|\d+|some|few) (?:days|weeks|months|years) back\b| weeks back\b| (?:that|this|it) was (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|last \w+|yesterday|at the weekend)\b| (?:over|at) the weekend(?! and| every)\b| (?:it is|its|it has|has|have|had) (?:all )?healed\b",
    r"(?<!every)(?<!this)(?<!next)(?<!coming)(?<!tomorrow)(?<!on) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?:night|morning|afternoon|evening|just gone)\b(?! and| every)",
    r" (?:threw|hit|punched|attacked|said|came|walked|went|was|were|did|got|pulled|smashed|kicked)(?: \w+){0,6} (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?! night and| every| coming| next)",
    r" said (?:it|that|this|the same|stuff like (?:it|that)) (?:twice|again|before|a few times|several times|(?:two|three|four|many|loads of) times)\b",
    # session 11 (split S10e): "happened Sunday", "threatened to stab me ... this morning", "said it
    # over the fence this afternoon", "on several occasions", "whoever did it ran off"
    r" happened (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last \w+|this morning|this afternoon|earlier)\b| (?:threatened|said|told|shouted|threw|hit|punched|pushed|attacked|came|pulled|smashed|kicked|grabbed|spat)(?: \w+){0,6} this (?:morning|afternoon|evening)\b(?! and (?:he|she|they) (?:is|are|s) (?:still|back|outside|here))",
    r" for (?:a |the )?whole (?:weekend|week)\b| on (?:several|many|a few|a number of|numerous|two|three|four|five|\d+) (?:occasions|separate occasions)\b| whoever (?:did it|it was|threw it|smashed it) (?:ran|run|drove|cycled|rode) off\b",
    r" used to| in the past| (?:was|were) (?:hitting|punching|kicking|beating|attacking|stabbing|fighting|breaking|threatening)",
    r" (?:fire|flames|blaze|it)(?:s| is| are| has been| have been| was| were) (?:out|put out)\b| (?:has|have) (?:been )?(?:stopped|gone)(?! (?:blue|grey|purple|white|pale|quiet|floppy|limp|mad|crazy|mental|up|in|into|for|towards|toward|after|round|around|through|across|along|that way)\b)| (?:has|have) left\b| no longer| not any ?more",
)
# ("they've gone towards the park", "gone after him": still on the move, blind split S21)
# "now" that is no urgency after these words: settled ("he's gone now", "it's healed now"), a
# count or a habit ("3 times now", "most weekends now"), writing ("I'm texting now"), or where the
# person is ("he's at work now").
SETTLED_BEFORE_NOW = (
    "away", "moved", "gone", "left", "over", "sorted", "stopped", "out", "fine", "better", "quiet",
    "down", "calm", "sorry", "recovered", "okay", "ok", "home", "safe", "anxious", "nervous", "healed",
    "messaging", "texting", "typing", "times", "weekends", "nights", "weeks", "months", "years",
    "days", "weekend", "night", "week", "month", "year", "running", "asleep", "leave the house", "go out", "go outside", "walk past", "walk through there",
)  # fmt: skip
PLACES_BEFORE_NOW = ("work", "hospital", "school", "college")


def not_after(words: tuple[str, ...]) -> str:
    """Lookbehinds: what follows must not come straight after any of `words`."""
    return "".join(f"(?<! {word})" for word in words)


NOW_WORD = not_after(SETTLED_BEFORE_NOW + PLACES_BEFORE_NOW) + r" (?:right )?now\b"
NOW = any_of(
    NOW_WORD,
    r" at the moment| currently| as we speak| as i type| this minute| outside (?:my|the|our) (?:door|window|flat|house)\b(?! (?:for hours|every|most|all (?:day|night)|at night|some nights|on and off)\b)",
    r" happening (?:now|right now)| just now| tonight| please help| help me| send (?:the )?police",
    # session 10 (answers Q): "hes just poured petrol", "hes stood outside", "going round again"
    r" (?:he|she|they|someone|somebody) (?:has |have |is |are )?just (?:\w+ )?(?:poured|set|lit|thrown|threw|smashed|kicked|broke|broken|hit|stabbed|pulled|pushed|attacked|tried|started)\b| (?:is|are) (?:stood|standing|sat|sitting|waiting|lurking) (?:right )?outside\b| (?:is|are) (?:going|driving|coming) (?:round|around|back) again\b| (?:it|he|she|they|someone|somebody|the car|the van|the driver) (?:is |has |have |s )?just (?:clipped|hit|knocked|run over|ran over|struck)\b",
    r" since (?:yesterday|last night|this morning)| still (?:there|here|outside|inside|going|happening|out there|out side)",
    r" at present| presently| at this (?:moment|minute|time)| as i speak| as i (?:write|am writing)\b|(?<! it is)(?<! its)(?<! things are)(?<! this is)(?<! abuse is)(?<! he is)(?<! she is) getting (?:stronger|worse|bigger|louder and louder)\b| (?:i am|we are) (?:alone|on my own|by myself|home alone|on our own)\b| it is (?:\d+|one|two|three|four|five) ?(?:am|in the morning|oclock)\b",
)
# Habits rather than something happening now ("he keeps hitting me" is abuse to report, and
# 999 if in danger, but not by itself an emergency in progress).
HABITUAL = any_of(
    r" always | every (?:day|night|week|weekend|time|evening|morning|afternoon|single|other)| all the time| constantly| regularly| often| keeps? ",
    r" every (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
    r" (?:has|have) been (?:hitting|beating|hurting|abusing|slapping|punching|kicking|pushing|threatening|controlling|strangling|choking)\b",
    r" (?:\d+|one|two|three|four|five|once|twice|a few|several|many)(?: or (?:\d+|two|three|four|five|six))? times? (?:a|per|every|each) (?:day|week|month|night|weekend|fortnight)\b",
    r" most (?:nights|days|evenings|mornings|weekends)| whenever | usually | daily\b| at weekends",
    r" every (?:couple of|few|other|two|three|four) (?:days|weeks|months|nights|weekends|evenings)\b| regular (?:fights|fighting|parties|rows|brawls)\b",
    # session 11 (split S10e): "three nights running", "days in a row"; simple present of a
    # group's habit ("they get in through the back door", "go up on the roof at night")
    r" (?:\d+|two|three|four|five|six|several|a few|a couple of) (?:fights|incidents|attacks|fires|break ins|burglaries|times)(?: \w+){0,8} (?:this|last) (?:month|week|year|summer)\b| (?:nights|days|weeks|weekends|evenings|times) (?:running|in a row)\b| (?:they|people|kids|youths|lads|boys|girls|men|teenagers|teens|youngsters|strangers|and) (?:\w+ )?(?:get|climb|come|go|sneak|wander) (?:up )?(?:(?:in|into|through|over|on|onto) ){1,2}(?:the|a|our|my)\b| (?:has|have) been (?:getting|climbing|sneaking) (?:up )?(?:onto|into|in|over|up)\b",
    # added after blind J/K: ongoing for months, day and night, "when I won't give him money"
    r" for (?:the (?:last|past) )?(?:months|weeks|years|ages|a long time|(?:\d+|a few|a couple of|two|three|four|five|six|several) (?:days|weeks|months|years))\b| (?:all|every) day and night| day and night| when (?:i|we|she|he|they) (?:will not|wont|do not|dont|does not|doesnt|refuse|refuses|say|says|ask|asks|try|tries)\b",
    # conditional threats are about later, not now ("...if i park there again", "next time")
    r" if (?:i|you|we|he|she|they|my \w+)(?: \w+){0,5} (?:again|ever)\b| next time\b| if (?:i|we) (?:ever )?(?:complain|report|call|tell|park|leave|go to the police|speak to|move out)",
)
# Emergency patterns that hold even with a past marker in the message (fire, self-harm, injury).
STRONG = any_of(
    r" (?:sharpening|fetching|gone to get|went to get|getting) (?:a |an |his |her |their |the )?(?:knife|knives|machete|gun|axe)\b",
    r"^(?!.* (?:set|sets|setting|put|puts|putting) (?:\w+ ){0,4}on fire).* on fire\b",
    r" (?:there is|theres) (?:a )?fire (?:in|at|on|outside) ",
    r" (?:kill|killing|hurt|hurting|harm|harming) (?:myself|himself|herself|themselves)",
    r" (?:end|ending|take|taking) (?:my|his|her|their) (?:own )?life| suicid",
    r" (?:not breathing|can not breathe|stopped breathing|unconscious)",
    NOW_WORD,
)

# Smoke from these is a nuisance, not a fire.
# People smoking (cigarettes or cannabis): "the lads are in the bin store smoking" is no fire.
PEOPLE_SMOKING = re.compile(
    r" (?:they|people|lads|kids|teenagers|teens|youths|men|women|crowds?|groups?|gangs?|neighbours?|residents|tenants|adults|visitors|workers|someone|somebody|he|she|them|who|we|i|you) (?:(?:are|is|were|was|keep|keeps|sit|sits|sat|sitting|stand|stands|stood|standing|just|all|always|still|again|hang around|hanging around|(?:in|on|at|by) the \w+(?: \w+)?|outside|there|now|right now) )*(?:smoke|smokes|smoking)\b(?! (?:is|are|coming|pouring|everywhere|billowing|filling))"
    # people sat about smoking, told without a subject ("just sat on the wall smoking")
    r"| (?:sat|sitting|stood|standing|lounging|loitering|hanging (?:around|about|out)|hangs? (?:round|around|about)|hang round|gather\w*|congregat\w+) (?:(?:in|on|at|by|outside|round|around) (?:the |my |our )?\w+(?: \w+)? |(?:the |my |our )?\w+(?: \w+){0,4} )?(?:smoke|smokes|smoking)\b(?! (?:is|are|coming|pouring|everywhere|billowing|filling))"
)
SMOKE_NUISANCE = re.compile(
    r" (?:weed|cannabis|skunk|spliffs?|joints?|cigarettes?|cigs|fags?|vapes?|vaping|shisha|bbqs?|barbecues?|barbeques?|bonfires?|chimneys?|log burners?|incense|cooking)\b"
    # a smoke break ("lads on a smoke break", "out the back having a smoke")
    r"| (?:burn|burns|burning|burnt|burned) (?:their |the |his |her |all |all their |old |garden )?(?:rubbish|waste|garden waste|leaves|tyres?|plastics?|wood|bin bags|cardboard)\b| (?:barrel|incinerator|burn bin|fire pit|firepit|chiminea)s?\b"
    r"| smoking and (?:drinking|playing|vaping|shouting|chatting|talking|leaving|music)\b| (?:drinking|vaping|chatting|talking|music) and smoking\b"
    r"| smoke breaks?\b| (?:having|have|had|for|on|grab|grabbing|sneak|sneaking) a (?:quick |crafty |cheeky |sly )?(?:smoke|fag|cig|ciggie|ciggy)\b"
)


# Words that show a crime is still going on (with a CRIME_PAST match => emergency instead).
IN_PROGRESS = any_of(
    r" (?:and )?(?:is|are) (?:still )?(?:upstairs|downstairs|inside|in here|in there)\b",
    r" (?:are|is) (?:still )?(?:inside|in there|in the house|in my|in our)",
    r" (?:breaking|stealing|robbing|taking) (?:in|into|my|our|the|it|stuff|things)\b.*\b(?:now|right now)",
)


def emergency_reason(matched: str) -> str:
    """A short reason code for the matched words (for the flags and for staff)."""
    checks = (
        (
            "self_harm",
            r"myself|himself|herself|themselves|own life|life|suicid|to die|overdos|od d|jump|end it|ending it|end things|end everything|tablets|pills|meds|medication|paracetamol|painkillers|insulin|noose|be here|be alive|live\b|exist|wake up|go on\b|dead|self ?harm|stupid|to end|(?<!him)(?<!her)(?<!them)(?<!you)(?<!it) to stop",
        ),
        ("fire", r"fire|burning|alight|flames|smoke|gas"),
        ("weapon", r"knife|knives|gun|weapon|axe|bat\b|crossbow|hammer|stabbed|shot|glassed"),
        (
            "break_in",
            r"break|braking|kicking (?:in|down)|forcing|smashing|burglar|intruder|inside|in my|in our|get in|climbing",
        ),
        (
            "injured",
            r"injured|bleeding|unconscious|breath|collapsed|blood|blue|grey|purple|fitting|seizure|dead\b|not moved|not opened|scald|blister",
        ),
        (
            "child_at_risk",
            r"(?:child|kid|baby|babies|toddler|little one|boy|girl)\w*(?: \w+){0,5} (?:alone|on (?:their|his|her|its|it is) own|by (?:itself|himself|herself)|unattended|in danger|being|screaming for|wandering|in the road|on the road|locked in)|nobody|no one|noone|no adult",
        ),
        ("threat_to_life", r"kill|murder|fear|scared|afraid|terrified|worried|danger|shoot"),
    )
    for reason, pattern in checks:
        if re.search(pattern, matched):
            return reason
    return "violence_now"

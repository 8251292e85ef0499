"""The honest "not ASB" filter (docs/domain.md section 3) and out-of-scope requests.

`assess(text)` answers, from the words alone:
- `not_asb`: everyday living ("good neighbour" matters: footsteps, children playing, a baby crying,
  cooking smells, parking, appliances, DIY at reasonable hours, a one-off party, loud talking,
  low-level TV, lifestyle differences, funny looks, doors) with nothing that makes it excessive;
- `asb`: one of those topics made ASB by time of night, frequency or severity ("drilling at 2am
  every night", "parties every weekend until 5am", "slams the door on purpose to scare me");
- `out_of_scope`: something the landlord handles elsewhere (repairs, damp, rent, benefits,
  moving home);
- None: the filter has nothing to say (the classifier decides).

It never sees messages the safety layer (core/safety/) routed: risk always comes first.
"""

# ruff: noqa: E501  (the lexicon is easier to review one pattern a line)
from __future__ import annotations

import re

from core.safety import defuse, normalise

NOT_ASB = "not_asb"
ASB = "asb"
OUT_OF_SCOPE = "out_of_scope"


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# fmt: off
# Everyday living that frequency, late hours or severity can turn into ASB.
CAN_BE_EXCESSIVE = {
    "diy": _any(r" diy\b", r" (?:lawn ?)?mow(?:er|ers|ing|s)?\b| strimm(?:er|ing)| hedge trimm| leaf blower| cut(?:s|ting)? (?:the|their|his|her) (?:grass|lawn|hedge)", r" drill(?:ing|s)?\b", r" hammer(?:ing|s)?\b", r" building work", r" renovat",
                r" decorating", r" sawing", r" putting up (?:shelves|pictures)", r" building (?:a|an|some)"),
    "party": _any(r" part(?:y|ies)\b", r" (?:a|their|his|her) (?:wake|funeral|christening|wedding|engagement|eid|diwali|christmas) ", r" (?:a|one|their|his|her|birthday|house|garden|christening|wedding|engagement|family) (?:party|parties|gathering|do|bbq|barbecue)\b",
                  r" party (?:last|on|at)\b", r" had (?:a )?(?:party|friends round|people round|guests)",
                  r" (?:bbq|barbecue|get together|celebration)\b"),
    "talking": _any(r" (?:loud )?talking\b", r" chat(?:s|ting)?\b", r" talks?\b(?! to (?:me|us) (?:like|as if))", r" (?:their|hear them|hear his|hear her) (?:voices|conversation)",
                    r" laughing\b(?! gas)", r" talks? (?:loudly|loud|a lot)", r" on the phone"),
    "tv": _any(r" (?:hear|can hear|hearing) (?:their|the|his|her|my neighbours|the neighbours|next doors) (?:tv|telly|television|radio)",
               r" (?:tv|telly|television|radio) (?:is |on )?(?:a bit|slightly|quite)? ?(?:loud|on)"),
    "doors": _any(r" (?:bang|bangs|banging|slam|slams|slamming|shut|shuts|shutting|close|closes|closing) (?:the |their |his |her |of )?(?:doors?|cupboards?)",
                  r" (?:doors?|cupboards?) (?:banging|slamming|closing)"),
    "music_low": _any(r" (?:hear|can hear) (?:their|his|her|some|a bit of) music",
                      r" (?:listens?|listening) to (?:\w+ )?music| (?:plays?|playing) (?:\w+ )?music (?:during|in) the (?:day|daytime|afternoon|evening)"),
    "stomping": _any(r" stomp(?:s|ing)?\b", r" thud(?:s|ding)?\b", r" (?:running|jumping) (?:about|around)\b"),
    "arguing": _any(r" (?:arguing|argue|argues|arguments?|rows|rowing|bickering|domestics?)\b"),
    "gaming": _any(r" (?:xbox|playstation|ps5|ps4|gaming|video games?|computer games?|console)\b"),
    # Ball games (docs/domain.md section 2 lists them as ASB where not allowed): everyday children's
    # play, unless late, constant, against someone's home or where ball games are not allowed.
    "ball_games": _any(r" (?:kicking|kick|kicks|throwing|bouncing) (?:a |the |their )?(?:foot)?ball\b| ball games?\b| football\b(?! hooligans)"),
    "barking": _any(r" (?:barks?|barking|yaps?|yapping) (?:when|at (?:the )?(?:postman|door|doorbell|people|visitors)|sometimes|occasionally|now and (?:again|then)|a bit|if (?:someone|anyone|people))"),
}
# Everyday living that stays a good-neighbour matter unless there is deliberate nuisance.
ALWAYS_EVERYDAY = {
    "footsteps": _any(r" footsteps", r" walking (?:around|about|up and down)", r" hear them walk", r" snor(?:e|es|ing)\b| cough(?:s|ing)?\b| sneez(?:e|es|ing)\b",
                      r" moving (?:furniture|things|stuff)(?: about| around)?\b",
                      r" (?:people|they|neighbours|residents|folk) (?:walk|walks|walking|go|goes|going) past (?:my|our) (?:window|windows|door|flat|house)\b",
                      r" (?:heavy|loud) (?:walking|footed)", r" creaky floor"),
    "children": _any(r" (?:children|kids|child|kid|toddlers?)(?: \w+){0,2} (?:play|plays|playing|run|runs|running|laugh|laughing|jump|jumping|crying|making noise|noisy)\b",
                     r" (?:children|kids)(?: \w+){0,5} (?:play|plays|playing) (?:outside|out|in the (?:day|garden|street|park|yard)|after school)\b",
                     r" (?:children|kids) (?:in the garden|on the green|outside)", r" play(?:ing)? (?:in|on) the (?:green|garden|street|park)",
                     r" (?:school ?(?:kids|children)|kids from the school|children from the school|home time|going home from school)\b| after school\b| tantrums?\b| bed ?times?\b| bath ?times?\b| tea ?time\b| nappies| school run"),
    "baby": _any(r" bab(?:y|ies)\b(?: \w+){0,4} (?:cry|crying|cries|crys|screams|screaming)\b", r" crying baby", r" newborn", r" new baby"),
    "appliances": _any(r" washing machine", r" dishwasher", r" tumble dryer", r" (?:hoover|hoovering|vacuum|vacuuming)",
                       r" spin cycle", r" fridge (?:hum|humming|noise)", r" (?:bathroom |extractor |ceiling )?fans?\b| extractor| air con| toilet (?:flush|flushing)| flush(?:es|ing)? the toilet| (?:their|the) shower\b| pipes (?:bang|banging|knocking|clanking)| boiler (?:noise|humming)"),
    "cooking": _any(r" cooking", r" cooks?\b(?! up)", r" spices\b| spicy", r" (?:smell|smells|smelling) of (?:food|curry|spices|fish|garlic|onions|frying)",
                    r" (?:food|curry|spice|spicy|fish) (?:smell|smells)"),
    "parking": _any(r" park(?:s|ed|ing)? (?:in|on|outside|across|near|their|his|her|a|the)\b", r" parking\b",
                    r" (?:my|our) (?:parking )?space", r" car parked"),
    "lifestyle": _any(r" (?:night|late|early|different) shifts?", r" (?:works?|working|does|do) shifts", r" (?:work|works|working) (?:nights|lates|late|early)",
                      r" different (?:working )?(?:hours|patterns|lifestyle)", r" comes? home late", r" gets? up early",
                      r" (?:smoke|smokes|smoking) on (?:their|the|his|her) (?:balcony|doorstep|step)",
                      r" (?:hangs?|hanging|dries|drying|puts? out) (?:out )?(?:their|the|his|her) washing| washing (?:line|on the balcony)| blocks? (?:my|the) light",
                      r" (?:colour|color) (?:they|he|she) painted| painted (?:their|his|her) (?:door|fence)| satellite dish| christmas (?:lights|decorations)",
                      r" (?:their|his|her) (?:shoes|shoe rack|doormat|plant pots?|plants) (?:in|on|outside)\b"),
    "looks": _any(r" (?:funny|dirty|nasty|strange|odd|unfriendly) looks?", r" (?:looks|looked|stares|stared|staring) at me (?:funny|weird|strange)",
                  r" (?:ignores|ignored|blanks|blanked) me", r" (?:does not|do not|doesnt|dont|wont|will not) say hello", r" rude to me once",
                  r" (?:unfriendly|not friendly|not very friendly)", r" never (?:says|say|said) (?:hello|hi|good morning)", r" (?:does not|doesnt|never|will not|wont) (?:speak|talk) to (?:me|us)\b",
                  r" (?:does not|doesnt|never|will not|wont) (?:acknowledge|smile at|nod to|wave (?:at|to)) (?:me|us)\b"),
}
# Any of these make it ASB whatever the topic: late hours, frequency, severity, deliberate acts.
AGGRAVATING = _any(
    r" (?:1|2|3|4|5|one|two|three|four|five) ?(?:am|in the morning|oclock in the morning)\b",
    r" (?:12|twelve) ?(?:am|midnight)| midnight| all night| middle of the night| early hours| through the night| till late| until late",
    r" (?:until|till|til|untill|to) (?:1|2|3|4|5|6)\b", r" every (?:night|day|weekend|single|evening)| each (?:night|weekend)",
    r" (?:most|all) (?:nights|weekends|evenings)| constantly| constant\b| non stop| nonstop| all the time| 24 7| day and night",
    r" (?:for|over) (?:weeks|months|years)| (?:several|many) (?:times|weeks|months)| (?:3|4|5|three|four|five|several) (?:nights|times) a week",
    r" excessive| unbearable| deafening| shaking| vibrat| (?:on purpose|deliberately|intentionally|to wind me up|to annoy me|to scare me|to intimidate)",
    r" threat| abus| harass| intimidat| aggressive| violent| swear(?:s|ing)? at| spit| attack",
    r" drug| weed| cannabis| dealing| drunk| needle| knife| weapon",
    r" smash| damag| graffiti| vandal| broke (?:my|the)| fire| rubbish| dump| fly ?tip| mess\b| fouling| dog",
    r" block(?:s|ing|ed)? (?:my|the|our) (?:drive|driveway|door|access|exit|entrance|stairs|fire exit)",
    r" no ball games| where (?:it is|its) not allowed| (?:at|against) my (?:window|windows|car|door)",
    r" gang| youths| motorbike| scooter| moped| joyrid| revving",
    # round 4: an animal loose or going for people
    r" roam(?:s|ing)?\b| (?:let out|left out|running loose|loose) on (?:its|their|his|her) own| straying| (?:barking|growling|lunging|jumping up|snapping) at (?:people|me|us|kids|children|passers by)",
    # added 2026-11-22: keeps doing it, all day, misuse of communal areas by outsiders
    r" keeps? | again and again| over and over| all day| for hours| hours on end",
    r" communal| (?:people|strangers|they) (?:who|that) (?:do not|dont|does not) live here| non residents| screaming at each other| smashing",
)
OUT_OF_SCOPE_RE = _any(
    r"(?<!car) repairs?\b(?! business)| repaired| fix (?:my|the|our)| broken (?:boiler|heating|toilet|window latch|lock|shower|door handle|lift)",
    r" boiler| heating| hot water| radiator| leak| leaking| leaks| burst pipe| blocked (?:sink|toilet|drain)| electrics",
    r" damp\b| mould| mold\b| condensation| draughty| drafty| subsidence",
    r" handrails?| grab rails?| adaptations?| stair ?lift| walk in shower| wet room| gas (?:safety|check|service|engineer)| (?:missed|book|booked|change) (?:my |an |the )?appointment",
    r" grass cut| grass cutting| cut (?:the|my) grass| right to buy| buy my (?:council )?(?:house|flat|home)| shared ownership| add (?:my \w+|someone) to my tenancy| joint tenancy| succession",
    r" (?:silverfish|ants|wasps?|wasp nest|fleas|moths|woodlice|maggots)\b| (?:communal |landing |stair |hall )?(?:lights?|bulbs?|lamps?) (?:\w+ ){0,3}(?:are |is )?(?:out|gone|not working|broken|flickering)\b",
    r" (?:new|replacement) (?:front |back )?(?:door|kitchen|bathroom|windows?|boiler|carpet)\b| (?:tap|taps|tap washer)\b| dripping\b| (?:swap|swapping|exchange|exchanging) (?:my|our) (?:home|house|flat)\b",
    r" out of order| out of action| out of service| broken down| parking permit| permit\b| blue badge| key ?fobs?\b| fobs?\b| (?:new|spare|replacement|lost) keys?\b",
    r" (?:allowed|permission|can i|could i|am i able) (?:to )?(?:have|keep|get) (?:a |an )?(?:cat|dog|pet|pets|puppy|kitten|shed|satellite dish|lodger)\b",
    r" (?:bins?|rubbish|recycling) (?:\w+ ){0,2}(?:collected|collection|day)\b| bin day| collection day| (?:transfer|transferring|swap|swapping|move|moving) (?:to|from) (?:a |an |the )?(?:\w+ )?(?:floor|flat|house|bungalow|property|area|bedroom)| (?:a|my|the) transfer\b| transfer (?:request|application)",
    r" evict(?:ed|ion)?\b| notice to quit| (?:pay|paying) (?:my )?rent| direct debit",
    r" crack(?:s|ed)? (?:in|on) (?:my|the|our) (?:ceiling|wall|walls|window|floor|bath)| ceiling (?:is )?(?:cracked|falling|coming down)",
    r" lets? (?:the )?(?:rain|water|wind|cold|damp) in| (?:rain|water) (?:comes|coming|gets|getting) in",
    r" rent\b| rent (?:arrears|account|payment)| arrears| housing benefit| universal credit| service charge| council tax",
    r" (?:move|moving|transfer|swap|exchange) (?:house|home|flat|to a bigger|to a new|property|homes)| (?:house|home|mutual) (?:swap|exchange|transfer)",
    r" (?:want|like|need|wants) to move\b| moving out| rehoused| rehousing| opening (?:hours|times)| office hours",
    r" transfer list| housing register| housing list| bidding| tenancy agreement| new tenancy| end my tenancy| (?:pest|pests|mice|rats|cockroaches|bedbugs)\b",
    r" (?:toilet|sink|drain|lock|door|window|lift|lights?|boiler|shower|heating|gate|intercom|door entry|roof|fence|oven|cooker)s? (?:\w+ ){0,2}(?:be |get |gets |getting |been |being )?(?:fixed|repaired|mended|replaced|sorted)\b",
    r" (?:toilet|sink|drain|lock|door|window|lift|lights?|boiler|shower|heating|gate|intercom|door entry|roof)s?(?: \w+){0,3} (?:is|are|keeps|has|have) (?:blocked|broken|not working|leaking|stuck|been broken)",
    # round 4: a lift stuck, a smoke alarm's battery
    r" lifts? (?:\w+ ){0,2}(?:got |gets |get |is |was |keeps getting )?stuck\b| (?:smoke|fire|carbon monoxide|co) (?:alarm|detector)s?\b(?=.* (?:battery|batteries|chirp|beep))",
)
# fmt: on


# Out-of-scope requests that no ASB intent explains (unlike a broken door, which may be damage).
ADMIN_RE = _any(
    r" rent\b| arrears| housing benefit| universal credit| service charge| council tax| evict(?:ed|ion)?\b| notice to quit| direct debit",
    r" damp\b| mould| mold\b| condensation| transfer\b| housing (?:register|list)| bidding| mutual exchange| parking permit| permit\b| key ?fobs?\b",
    r" (?:allowed|permission|can i|could i|am i able) (?:to )?(?:have|keep|get) (?:a |an )?(?:cat|dog|pet|pets|puppy|kitten|shed|satellite dish|lodger)\b",
    r" (?:bins?|rubbish|recycling) (?:\w+ ){0,2}(?:collected|collection|day)\b| bin day| collection day| out of order| out of service",
    r" leak| leaking| leaks| boiler| heating| hot water| radiator| burst pipe| blocked (?:sink|toilet|drain)| (?:tap|taps)\b| dripping\b| (?:new|replacement) (?:front |back )?(?:door|kitchen|bathroom|windows?|boiler|carpet)\b",
    r" handrails?| grab rails?| adaptations?| stair ?lift| walk in shower| gas (?:safety|check|service)| grass cut| right to buy| buy my (?:council )?(?:house|flat|home)| (?:add|adding) (?:my \w+|someone) to my tenancy",
    r" (?:silverfish|ants|wasps?|fleas|moths|woodlice)\b| (?:communal |landing |stair |hall )?(?:lights?|bulbs?|lamps?) (?:\w+ ){0,3}(?:are |is )?(?:out|gone|not working|flickering)\b",
    r" lifts? (?:\w+ ){0,2}(?:got |gets |get |is |was |keeps getting )?stuck\b| (?:smoke|fire|carbon monoxide|co) (?:alarm|detector)s?\b(?=.* (?:battery|batteries|chirp|beep))",
)
# Asking whether a pet is allowed is a tenancy question, whatever the pet ("can I have a dog").
PET_PERMISSION = re.compile(
    r" (?:allowed|permission|can i|could i|am i able|may i) (?:to )?(?:have|keep|get) (?:a |an )?(?:cat|dog|pet|pets|puppy|kitten)\b"
)
# "I'm only messaging because ...": what comes after is the report.
REPORT_PIVOT = re.compile(
    r" (?:i am |im )?(?:only |just |actually )?(?:messaging|writing|contacting you|getting in touch) (?:because|about)\b| what i (?:actually )?want to report\b"
)


ONE_OFF = _any(
    r" (?:just|only) (?:the )?(?:once|one night|one time|the one (?:night|time|day))| one off\b| (?:the|its the|it is the|their) first (?:one|party|time)\b(?! (?:this|in))| first time (?:ever|in years)| first time (?:they|theyve|it|this|that|he|she|we)\b| never (?:happened|had any trouble) before"
)


def is_admin(text: str) -> bool:
    """An out-of-scope request about rent, damp, moving, permits or services (not damage)."""
    norm = defuse(normalise(text))
    if PET_PERMISSION.search(norm):
        return True
    return bool(ADMIN_RE.search(norm)) and not ASB_SIGNAL.search(norm)


# A ball game is ASB when it hits someone's home, goes on late, or is where it is not allowed
# (children kicking a ball on the green every day is still everyday play).
BALL_GAMES_ASB = _any(
    r" (?:at|against|off|on|into) (?:my|our|the|their|people'?s) (?:windows?|cars?|doors?|walls?|fence|house|flat)",
    r" no ball games| not allowed| (?:smash|broke|broken|damag|dent|crack)",
    r" (?:9|10|11|12|nine|ten|eleven|twelve|1|2|3|one|two|three) ?(?:pm|am|at night|oclock at night)\b| (?:till|until|til) (?:9|10|11|12|late|midnight)| midnight| all night| late at night| after dark",
)


def _topic(norm: str) -> tuple[str | None, bool]:
    """(everyday topic found, whether frequency/time can make it ASB)."""
    if CAN_BE_EXCESSIVE["ball_games"].search(norm):
        return "ball_games", True  # judged on its own terms, also when children play it
    for name, pattern in ALWAYS_EVERYDAY.items():
        if pattern.search(norm):
            return name, False
    for name, pattern in CAN_BE_EXCESSIVE.items():
        if pattern.search(norm):
            return name, True
    return None, False


SEVERE = _any(
    r" stab| kill| batter(?!y|ies)| punch| beat (?:me|him|her|you)| kick (?:my|his|her|your) head| hurt (?:me|him|her|you)| ashtray| cigarette (?:butts|ends)| fag ends| dump",
    r" threat| abus| harass| intimidat| aggressive| violent| swear(?:s|ing)? at| spit| attack| drug| weed| cannabis| dealing",
    r" smash| damag| graffiti| vandal| fire| knife| weapon| on purpose| deliberately| to scare me| to intimidate| excessive| broke | kicked| throw(?:s|ing)? | attracts? ",
    r" block(?:s|ing|ed)? (?:my|the|our) (?:drive|driveway|door|access|exit|entrance|stairs|fire exit)| no ball games| where (?:it is|its) not allowed",
    r" dogs?\b| fouling| poo\b| rubbish| litter| needles?| drunk",
    r" chuck(?:s|ing|ed)? | (?:food )?waste\b| fly ?tip| selling (?:to|drugs|weed|stuff|something|vapes)| sells (?:to|drugs|weed|vapes)| (?:being|been|getting) sold\b",
)


# Signs of anti-social behaviour that keep a message from being "only a repair".
ASB_SIGNAL = _any(
    SEVERE.pattern,
    r" drunk| needle| rubbish| dump| fly ?tip| fouling| dog| gang| youths| motorbike| scooter| moped",
    r" noise| noisy| music| loud| party| parties| shout| scream| neighbour",
)


def assess(text: str) -> str | None:
    """`not_asb`, `asb`, `out_of_scope` or None (see the module docstring)."""
    norm = defuse(normalise(text))
    pivot = REPORT_PIVOT.search(norm)
    if pivot:
        norm = " " + norm[pivot.end() :]
    if PET_PERMISSION.search(norm):
        return OUT_OF_SCOPE
    if OUT_OF_SCOPE_RE.search(norm) and not ASB_SIGNAL.search(norm):
        return OUT_OF_SCOPE
    topic, can_be_excessive = _topic(norm)
    if topic is not None:
        if can_be_excessive and ONE_OFF.search(norm) and not SEVERE.search(norm):
            return NOT_ASB
        if topic == "ball_games":
            return ASB if BALL_GAMES_ASB.search(norm) or SEVERE.search(norm) else NOT_ASB
        if can_be_excessive:
            # a dog that barks now and then: the word "dog" alone does not make it excessive
            checked = re.sub(r" dogs?\b", " ", norm) if topic == "barking" else norm
            return ASB if AGGRAVATING.search(checked) else NOT_ASB
        return ASB if SEVERE.search(norm) else NOT_ASB
    return None


def topic(text: str) -> str | None:
    """The everyday topic of a message (for the advice given), or None."""
    return _topic(normalise(text))[0]

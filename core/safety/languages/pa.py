"""Panjabi safety lexicon, Gurmukhi and romanised (see core/safety/languages/__init__.py).

Panjabi puts the verb and its negation last: "ਉਹਦੇ ਕੋਲ ਚਾਕੂ ਹੈ" (he has a knife) is danger,
"ਚਾਕੂ ਨਹੀਂ ਹੈ" (no knife) is not (`negation_after`). The progressive "ਮਾਰ ਰਿਹਾ ਹੈ" (is
hitting) is now; "ਸੀ" (was), "ਪਿਛਲੇ ਹਫ਼ਤੇ" (last week), "ਕੱਲ੍ਹ ਰਾਤ" (last night) say it is
over. Gurmukhi is matched without nukta, tippi, bindi and addak, which residents write
differently. The kirpan is a Sikh article of faith and not listed as a weapon. Drafted for
issue 16: a Panjabi speaker must review it.
"""

# ruff: noqa: E501  (one pattern a line)
from core.safety.languages import SafetyLexicon

WEAPON = r"(?:ਚਾਕੂ|ਛੁਰੀ|ਛੁਰਾ|ਬੰਦੂਕ|ਪਿਸਤੌਲ|ਹਥਿਆਰ|ਡੰਡਾ|ਡੰਡੇ|ਕੁਹਾੜੀ|ਤਲਵਾਰ|ਗੰਡਾਸਾ|ਰਾਡ|ਲੋਹੇ ਦੀ ਰਾਡ|ਬੇਸਬਾਲ ਬੈਟ|rod|chaku|chaaku|churi|chhuri|bandook|banduk|pistol|hathiyar|danda|kuhari|talwar)"
PROGRESSIVE = r"(?:ਰਿਹਾ|ਰਹੀ|ਰਹੇ|ਰਹੀਆਂ|reha|riha|rahi|rehi|rahe|rehe)"

LEXICON = SafetyLexicon(
    code="pa",
    danger={
        "weapon": (
            rf" {WEAPON}(?= )",
            r" (?:ਗੋਲੀਆਂ ਚੱਲ|ਗੋਲੀ ਚੱਲ|ਫਾਇਰਿੰਗ|ਗੋਲੀ ਮਾਰ|goliyan chal|goli chal|firing|goli maar)",
        ),
        "violence_now": (
            r" (?:ਬੋਤਲਾਂ|ਪੱਥਰ|ਇੱਟਾਂ|botlan|pathar|ittan)(?: [^ ]+){0,4} (?:ਸੁੱਟ|sutt|sut) (?:ਰਿਹਾ|ਰਹੇ|ਰਹੀ|reha|rahe|rahi)(?= )",
            rf" (?:ਮਾਰ|ਕੁੱਟ|ਹਮਲਾ ਕਰ|ਗਲਾ ਘੁੱਟ|ਲੜ|maar|mar|kutt|kut|hamla kar|gala ghut|larr|lar|lad) {PROGRESSIVE}(?= )",
            r" ਬਚਾਓ| ਬਚਾਉ| bachao| bachaao| ਜਲਦੀ ਮਦਦ| jaldi madad",
        ),
        "fire": (
            r" ਅੱਗ(?= )| ਅੱਗ ਲ| ਧੂੰਆਂ| ਧੂੰਏਂ| ਗੈਸ(?: ਦੀ)?(?: [^ ]+){0,3} (?:ਬੋ|ਬਦਬੂ|ਮੁਸ਼ਕ)| ਸੜ ਰਿਹਾ| ਸੜ ਰਹੀ| agg(?= )| aag(?= )| dhuan| dhoowan| gas di bo| sarr reha| sad reha",
        ),
        "taken": (
            r" (?:ਪੁੱਤ|ਧੀ|ਬੱਚਾ|ਕੁੜੀ|ਮੁੰਡਾ|putt|dhee|bacha)(?: [^ ]+){0,4} (?:ਘਰ ਨਹੀਂ ਆਇਆ|ਘਰ ਨਹੀਂ ਆਈ|ghar nahi aaya|ghar nahi aayi)",
            r" (?:ਬੱਚਾ|ਬੱਚੀ|ਪੁੱਤ|ਪੁੱਤਰ|ਧੀ|ਕੁੜੀ|ਮੁੰਡਾ|bacha|putt|dhee|kudi)(?: [^ ]+){0,4} (?:ਗੁੰਮ|ਲਾਪਤਾ|gumm|gum|lapata)(?= )",
            r" (?:ਮੁੰਡੇ|ਮੁੰਡਾ|ਕੁੜੀ|ਬੱਚੇ|ਬੱਚੀ|ਬੱਚਾ|ਧੀ|ਪੁੱਤ|munde|munda|kudi|bache|bacha)(?: [^ ]+){0,3} (?:ਨੂੰ )?(?:ਚੁੱਕ ਕੇ|ਫੜ ਕੇ|ਖਿੱਚ ਕੇ|chuk ke|chukk ke|phad ke)| (?:ਗੱਡੀ|ਵੈਨ|van|gaddi) ਵਿੱਚ (?:ਸੁੱਟ|ਬਿਠਾ|ਖਿੱਚ|ਲੈ ਗ)",
            r" ਅਗਵਾ| ਚੁੱਕ ਕੇ ਲੈ ਗਏ| ਜ਼ਬਰਦਸਤੀ ਲੈ ਗਏ| ਗੱਡੀ ਵਿੱਚ ਸੁੱਟ| agwa| chuk ke le gaye| zabardasti le gaye",
        ),
        "threat_to_life": (
            r" ਜਾਨੋਂ ਮਾਰ| ਜਾਨੋ ਮਾਰ| ਮਾਰ ਦੇਣਾ| ਮਾਰ ਦੇਣੀ| ਮਾਰ ਦਿਆਂਗੇ| ਮਾਰ ਮੁਕਾ| jaano maar| jano maar| maar dena",
            r" ਜਾਨ ਤੋਂ ਮਾਰ| ਮਾਰ ਦੇਵੇਗਾ| ਮਾਰ ਦਊਂਗਾ| ਮਾਰ ਦਿਆਂਗਾ| ਮਾਰ ਦੇਣ ਦੀ ਧਮਕੀ| ਕਤਲ ਕਰ| ਅੱਗ ਲਾ ਦੇਵੇਗਾ| jaan ton maar| jan to maar| maar devega| maar dauga| maar diyanga| qatal kar| katal kar| agg la devega",
        ),
        "intruder": (
            r" ਝਾਕ| ਅਜਨਬੀ(?: [^ ]+){0,4} (?:ਵਿਹੜੇ|ਘਰ|ਖਿੜਕੀ|ਬਾਗ)| jhaak| ajnabi",
            rf" (?:ਵੜ|ਤੋੜ|varr|var|vad|tod|torr) {PROGRESSIVE}(?= )| ਵੜ ਆਇਆ| ਵੜ ਆਏ| ਘਰ ਵਿੱਚ ਵੜ| ਅੰਦਰ ਆਉਣ ਦੀ ਕੋਸ਼ਿਸ਼| ਦਰਵਾਜ਼ਾ ਤੋੜ| varr aaya| ghar vich varr| andar aaun di koshish| darwaza tod",
        ),
        # session 12 (set H): the one who harms will not let them leave (with a partner: only
        # with a word of now, since "he doesn't let me go out" is also coercive control)
        "held": (r" ਬਾਹਰ ਨਹੀਂ ਜਾਣ ਦਿੰਦਾ",),
        "injured": (
            r" ਕੁੱਤੇ ਨੇ(?: [^ ]+){0,5} (?:ਹਮਲਾ|ਵੱਢ)| kutte ne(?: [^ ]+){0,5} (?:hamla|vadd)",
            r" ਖੂਨ ਨਾਲ ਲੱਥਪੱਥ| ਲਹੂ ਲੁਹਾਨ| khoon naal lathpath| (?:ਪੌੜੀਆਂ|ਜ਼ਮੀਨ|ਫਰਸ਼|ਸੜਕ) (?:ਤੇ|ਉੱਤੇ)(?: [^ ]+){0,5} (?:ਪਿਆ|ਪਈ|ਪਏ) (?:ਹੈ|ਹਨ)",
            r" (?:ਖਿੜਕੀ|ਬਾਲਕੋਨੀ|ਛੱਤ|khidki|balcony|chhat)(?: [^ ]+){0,2} (?:ਤੋਂ|ton|to) (?:ਡਿੱਗ|digg|dig)",
            r" ਖੂਨ ਵਗ| ਖ਼ੂਨ ਵਗ| ਬੇਹੋਸ਼| ਸਾਹ ਨਹੀਂ| ਜ਼ਖਮੀ| ਐਂਬੂਲੈਂਸ| khoon vag| behosh| saah nahi| zakhmi| ambulance",
        ),
    },
    self_harm=(
        r" ਛਾਲ ਮਾਰ| ਛਾਲ ਮਾਰਨ| chaal maar| chhal maar| chhaal maar| ਫਾਹਾ| ਫਾਂਸੀ ਲਾ| ਆਪਣੇ ਆਪ ਨੂੰ ਖਤਮ",
        r" ਖੁਦਕੁਸ਼ੀ| ਖ਼ੁਦਕੁਸ਼ੀ| ਆਤਮ ਹੱਤਿਆ| ਆਤਮਹੱਤਿਆ| ਆਪਣੇ ਆਪ ਨੂੰ ਮਾਰ| ਆਪਣੇ ਆਪ ਨੂੰ ਨੁਕਸਾਨ| ਆਪਣੀ ਜਾਨ ਲੈ| ਜੀਣਾ ਨਹੀਂ ਚਾਹੁੰਦ| ਜਿਉਣਾ ਨਹੀਂ ਚਾਹੁੰਦ| ਮਰਨਾ ਚਾਹੁੰਦ| khudkushi| aatam hatya| atam hatya| apne aap nu maar| apni jaan le| jeena nahi chahund| jiuna nahi chahund| marna chahund",
    ),
    domestic=(
        r" ਘਰੇਲੂ ਹਿੰਸਾ| gharelu hinsa",
        r" (?:ਪਤੀ|ਘਰਵਾਲ|ਪਤਨੀ|ਸਾਬਕਾ|ਸੱਸ|ਸਹੁਰਾ|ਸਹੁਰੇ|pati|gharwal|patni|saabka|sabka|sass|sohra|sohre)[^ ]*(?: [^ ]+){0,5} (?:ਕੁੱਟਦਾ|ਮਾਰਦਾ|ਕੁੱਟਿਆ|ਮਾਰਿਆ|ਧਮਕੀ|ਧਮਕੀਆਂ|kuttda|kutda|maarda|marda|kuttia|maaria|dhamki|dhamkiyan)",
    ),
    family=(
        r" (?:ਮੇਰਾ|ਮੇਰੀ|mera|meri) (?:ex|ਐਕਸ|ਸਾਬਕਾ|sabka|saabka)(?= )",
        r" (?:ਮੇਰਾ|ਮੇਰੀ|mera|meri) (?:ਭਰਾ|ਪੁੱਤ|ਪੁੱਤਰ|ਪਿਉ|ਭੈਣ|ਮੁੰਡਾ|ਬੇਟਾ|ਬੇਟੀ|ਕੁੜੀ|bhra|putt|pio|bhain|munda|beta|beti|kudi)(?= )(?! ਨੂੰ| nu )",
        r" (?:ਪਤੀ|ਪਤਨੀ|ਸਾਬਕਾ|ਸੱਸ|ਸਹੁਰਾ|ਸਹੁਰੇ|pati|patni|saabka|sass|sohra|sohre)(?= )| ਘਰਵਾਲ| gharwal",
    ),
    abuse=(
        r" (?:ਧੱਕੇ|ਧੱਕਾ|dhakke|dhakka|message|messages|ਮੈਸੇਜ|dhamkiyan dind|ਧਮਕੀਆਂ ਦਿੰਦ|ਨੀਲ)",
        r" (?:ਧਮਕੀਆਂ ਭੇਜ|ਉਡੀਕ ਕਰਦਾ|ਪਿੱਛਾ ਕਰਦਾ|dhamkiyan bhej|picha karda)",
        r" (?:ਗਾਲ੍ਹਾਂ ਕੱਢਦ|ਗਾਲਾਂ ਕੱਢਦ|ਸੁੱਟਦ|gaalan kadd|galan kadd|suttd)",
        r" (?:ਕੁੱਟਦਾ|ਮਾਰਦਾ|ਕੁੱਟਿਆ|ਮਾਰਿਆ|ਧਮਕੀ|ਧਮਕੀਆਂ|ਕੰਟਰੋਲ|ਬਾਹਰ ਨਹੀਂ ਜਾਣ ਦਿੰਦ|ਮਿਲਣ ਨਹੀਂ ਦਿੰਦ|ਫੋਨ ਚੈੱਕ|phone check|milan nahi dind|ਪੈਸੇ ਖੋਹ|ਫੋਨ ਖੋਹ|kuttda|kutda|maarda|marda|kuttia|maaria|dhamki|dhamkiyan|control|bahar nahi jaan dinda|paise khoh|phone khoh)",
    ),
    hate=(
        r" ਨਸਲਵਾਦੀ| ਨਸਲੀ| racist| nasalvadi| ਪਾਕੀ| paki(?= )",
        r" (?:ਧਰਮ|ਰੰਗ|ਨਸਲ|ਪੱਗ) (?:ਕਰਕੇ|ਕਾਰਨ)| (?:dharam|rang|nasal|pagg) (?:karke|karan)| (?:ਸਿੱਖ|ਮੁਸਲਮਾਨ|ਪੰਜਾਬੀ|ਭਾਰਤੀ|ਅਪਾਹਜ|ਕਾਲਾ|ਕਾਲੀ|ਕਾਲੇ|ਹਿੰਦੂ|ਈਸਾਈ|ਗੇਅ|ਪ੍ਰਵਾਸੀ) ਹੋਣ (?:ਕਰਕੇ|ਕਾਰਨ)| (?:sikh|musalman|punjabi|bharti|apahaj|kala|kali|kale|hindu|isai|gay) hon (?:karke|karan)",
        r" (?:ਆਪਣੇ|ਵਾਪਸ ਆਪਣੇ) ਦੇਸ਼ (?:ਵਾਪਸ )?ਜਾ| (?:apne|wapas apne) desh (?:wapas )?ja| ਪੱਗ (?:ਲਾਹ|ਖਿੱਚ)| pagg (?:lah|khich)",
    ),
    identity=(
        r" (?:ਗੁਰਦੁਆਰ|ਗੁਰਦਵਾਰ|gurdwara|ਮਸਜਿਦ|ਮੰਦਰ|ਪੱਗ(?= )|ਦਸਤਾਰ|deaf|blind|ਬੋਲ਼ੀ|ਬੋਲ਼ਾ|ਅੰਨ੍ਹ|autism|trans(?= )|ਸੁਣਦਾ ਨਹੀਂ|ਸੁਣਦੀ ਨਹੀਂ)",
        r" (?:ਪਰਵਾਸੀ|ਪ੍ਰਵਾਸੀ|ਵਿਦੇਸ਼ੀ|ਸ਼ਰਨਾਰਥੀ|parvasi|pravasi|immigrant)",
        r" (?:ਸਿੱਖ|ਮੁਸਲਮਾਨ|ਪੱਗ|ਪਗੜੀ|ਦਾੜ੍ਹੀ|ਭਾਰਤੀ|ਏਸ਼ੀਅਨ|ਅਪਾਹਜ|ਵ੍ਹੀਲਚੇਅਰ|sikh|musalman|pagg|pagri|dahri|bharti|asian|apahaj|wheelchair)",
    ),
    hostile=(
        r" (?:ਮਖੌਲ|ਨਕਲ|ਨਕਲਾਂ|ਰੋੜੇ|ਪੱਥਰ|ਹੱਥ ਮਾਰ|ਹੱਸਦੇ|ਮਜ਼ਾਕ|makhaul|nakal|mazak)",
        r" (?:ਗੰਦਾ|ਗੰਦੀ|ਗੰਦੇ|ਕਹਿੰਦਾ|ਕਹਿੰਦੇ|ganda|gandi)",
        r" (?:ਗਾਲ੍ਹਾਂ|ਗਾਲਾਂ|ਗਾਲ੍ਹ|ਥੁੱਕ|ਮਜ਼ਾਕ|ਧਮਕੀ|ਲਿਖਿਆ|ਚੀਕ|ਖਿੱਚ|gaalan|galan|gaal|thukk|thuk|mazak|dhamki|likhia|cheek|khich)",
    ),
    crime=(
        r" (?:ਪਾਰਸਲ|ਸਮਾਨ|ਸਾਈਕਲ|ਨੰਬਰ ਪਲੇਟ|number plate|parcel)[^ ]*(?: [^ ]+){0,6} (?:ਚੁੱਕ|ਚੁਰਾ|ਲਾਹ|ਲੈ ਗਿਆ|ਲੈ ਗਏ|chura|le gaya)",
        r" (?:ਚੋਰੀ|ਚੁਰਾ ਲਿਆ|ਲੁੱਟ ਲਿਆ|ਲੁੱਟਿਆ|ਸੰਨ੍ਹ|ਧੋਖਾ|chori|chura lia|lutt lia|lut liya|luttia|dhokha)",
    ),
    past=(
        r" ਸੀ(?= )| ਸਨ(?= )| ਕੱਲ੍ਹ ਰਾਤ| ਕੱਲ ਰਾਤ| ਪਿਛਲੇ(?! (?:ਦਰਵਾਜ|ਪਾਸੇ|ਵਿਹੜ|ਗੇਟ|ਬਾਗ|ਕਮਰ|[0-9]+ ਮਿੰਟ|[0-9]+ ਘੰਟ|ਅੱਧੇ ਘੰਟ|ਘੰਟੇ))| ਪਿਛਲੀ| ਦਿਨ ਪਹਿਲਾਂ| ਹਫ਼ਤਾ ਪਹਿਲਾਂ| ਮਹੀਨਾ ਪਹਿਲਾਂ| ਸਾਲ ਪਹਿਲਾਂ| si(?= )| san(?= )| kal raat| pichle| pichhle| din pehlan| hafta pehlan| mahina pehlan| saal pehlan",
    ),
    now=(
        # session 12 (set H): still
        r" ਹਜੇ ਵੀ| ਹਾਲੇ ਵੀ",
        r" (?:kitchen|kamre|ghar|ਰਸੋਈ|ਕਮਰੇ|ਘਰ) (?:vich|ਵਿੱਚ) (?:hai|ਹੈ|han|ਹਨ)| (?:hale vi|ਹਾਲੇ ਵੀ|ਅਜੇ ਵੀ|aje vi)",
        r" ਡਰ ਲੱਗ ਰਿਹਾ| ਡਰ ਲੱਗ ਰਹੀ| ਹੁਣੇ ਹੁਣੇ| ਹੁਣੇ| dar lag reha| hune",
        r" ਹੁਣ(?! ਤੱਕ| ਤਕ)| ਇਸ ਵੇਲੇ| ਜਲਦੀ| ਬਚਾਓ| ਮਦਦ| madad| hun(?= )(?!tak\b)| hunay| is vele| jaldi| bachao",
    ),
    not_danger=(r" (?:fire|ਅੱਗ) (?:alarm|ਅਲਾਰਮ|door|ਡੋਰ|exit)| ਅੱਗ ਬੁਝਾਉਣ| smoke detector",),
    # session 12: the resident says they are safe now
    safe=(
        r" ਮੈਂ (?:ਹੁਣ )?(?:ਠੀਕ|ਸੁਰੱਖਿਅਤ) ਹਾਂ| ਹੁਣ ਸਭ ਠੀਕ| (?:ਉਹ|ਪਤੀ) (?:ਕੰਮ ਤੇ|ਕੰਮ ਤੇ ਹੈ|ਸੁੱਤਾ)| (?:ਭੈਣ|ਮਾਂ|ਭਰਾ) ਦੇ (?:ਘਰ|ਕੋਲ)",
    ),
    # session 12 (set H): the one who harms will not leave or lets nobody leave, or the resident is locked in or hiding
    present=(
        r" ਜਾਣ (?:ਨੂੰ )?(?:ਤਿਆਰ )?ਨਹੀਂ(?! ਦਿੰਦ)| ਜਾਂਦਾ ਨਹੀਂ| ਜਾ ਨਹੀਂ ਰਿਹਾ| ਆਪਣੇ ਆਪ ਨੂੰ(?: [^ ]+){0,3} ਬੰਦ| (?:ਲੁਕ|ਲੁਕੇ) (?:ਹੋਏ|ਹੋਈ|ਰਹੇ|ਰਹੀ)",
    ),
    calm=(
        # session 12 (set I): a threat for if it happens again
        r" ਜੇ(?: [^ ]+){0,6} (?:ਫੇਰ|ਦੁਬਾਰਾ)",
        r" ਅਗਲੀ ਵਾਰ| ਅਗਲੀ ਵਾਰੀ| agli vaar| agli vari| ਹੁਣ ਸ਼ਾਂਤੀ",
    ),
    left=(r" ਚਲਾ ਗਿਆ| ਚਲੇ ਗਏ| ਭੱਜ ਗਿਆ| ਭੱਜ ਗਏ| chala gaya| chale gaye| bhajj gaya| bhaj gaya",),
    urgent=(
        r" ਬਚਾਓ| ਜਲਦੀ| ਛੇਤੀ| ਪੁਲਿਸ ਬੁਲਾ| ਫੌਰਨ| bachao| jaldi| chheti| police bula| foran|^ ਮਦਦ|^ madad",
    ),
    harm=(
        r" ਖੂਨ| ਜ਼ਖਮੀ| ਮਾਰ| ਕੁੱਟ| ਚਾਕੂ| ਕਤਲ| ਹਮਲਾ| ਅੱਗ(?= )| ਧੂੰਆਂ| ਬੰਦੂਕ| ਗੋਲੀ| ਧਮਕੀ| khoon| zakhmi| maar| kutt| chaku| qatal| hamla| agg| bandook| goli| dhamki",
    ),
    smoke=(r" ਧੂੰਆਂ| ਧੂੰਏਂ| dhuan",),
    smoking=(r" ਸਿਗਰਟ| ਸਿਗਰੇਟ| ਹੁੱਕਾ| ਚਰਸ| ਬਾਰਬੀਕਿਊ| cigarette| sigret| hukka| charas",),
    negation=("ਨਹੀਂ", "ਨਾ", "ਨੀ", "nahi", "nahin", "nai", "ni", "na"),
    negation_after=True,
)

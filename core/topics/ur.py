"""Urdu topics, Urdu script and roman Urdu (see core/topics/__init__.py). Drafted for issue 16:
to be reviewed by an Urdu speaker."""

# ruff: noqa: E501  (one label a line)
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r" (?:پانی ٹپک|لیک(?= )|نمی(?= )|سیلن|پھپھوندی|مرمت|ٹھیک کر|خراب ہے|چوہے|کاکروچ|کھٹمل|گھر تبدیل|گھر بدل|ٹرانسفر|chuhe|choohe|cockroach|ghar badal|ghar tabdeel|transfer|کرایہ|کرائے|ہیٹنگ|بوائلر|لفٹ خراب|paani tapak|leak|seelan|nami|murammat|kiraya|boiler|heating)",
        ),
    ),
    (
        "not_asb",
        (
            r" (?:بچے(?: [^ ]+){0,3} کھیل|بچہ(?: [^ ]+){0,3} رو|کھانا پکا|کھانے کی بو|قدموں کی آواز|واشنگ مشین|سلام نہیں|bache khel|bacha ro|khana paka|khane ki boo|qadmon ki awaz|washing machine)",
        ),
    ),
    (
        "drug_dealing",
        (
            r" (?:منشیات بیچ|نشہ بیچ|ڈیلر|منشیات فروش|پڑیاں|nasha bech|manshiyat bech|drugs bech|dealer|puriyan)",
        ),
    ),
    (
        "drugs_alcohol",
        (
            r" (?:چرس|بھنگ|منشیات|نشہ|شراب|نشے میں|سرنج|charas|bhang|nasha|sharab|nashe mein|drugs|syringe)",
        ),
    ),
    ("pets_animals", (r" (?:کتا|کتے|کتوں|بلی|جانور|kutta|kutte|kutton|billi|janwar)",)),
    (
        "noise",
        (
            r" (?:شور|اونچی آواز|اونچا میوزک|موسیقی|گانے|چیخ|پارٹی|بھونک|shor|oonchi awaz|music|gaane|cheekh|party|bhonk)",
        ),
    ),
    (
        "vehicle_nuisance",
        (
            r" (?:گاڑی|گاڑیاں|پارک|موٹر سائیکل|ریس|gaari|gari|gaariyan|park|motorcycle|motor cycle|race)",
        ),
    ),
    (
        "vandalism",
        (
            r" (?:توڑ پھوڑ|نقصان پہنچا|گرافٹی|شیشہ توڑ|کھڑکی توڑ|tor phor|nuqsan pohncha|graffiti|sheesha tor|khirki tor)",
        ),
    ),
    ("environmental", (r" (?:کچرا|کوڑا|گند|kachra|koora|kura|gand)",)),
    (
        "groups_communal",
        (
            r" (?:لڑکوں کا گروپ|لڑکے جمع|گروہ|نوجوان|لڑکے|larkon ka group|larke jama|naujawan|larke)(?: [^ ]+){0,6} (?:سیڑھیوں|عمارت کے باہر|دروازے کے باہر|بیٹھ|جمع|seerhiyon|imarat ke bahar|baith|jama)",
        ),
    ),
    (
        "harassment",
        (
            r" (?:تنگ کر|ہراساں|دھمکی|پیچھا کر|ویڈیو بنا|tang kar|harasan|harass|dhamki|peecha kar|video bana)",
        ),
    ),
    ("violence", (r" (?:لڑائی|جھگڑا|ہاتھا پائی|larai|jhagra|jhagda|hatha pai)",)),
    # Everyday living (docs/domain.md section 3): parking, and a party that was a one-off.
    (
        "not_asb",
        (
            r" (?:گاڑی|gaari|gari)(?: [^ ]+){0,6} (?:کھڑی کرتا|کھڑی کرتے|کھڑی کرتی|کھڑی ہوتی|پارک کرتا|پارک کرتے|khari karta|khari karte|khari hoti|park karta|park karte)",
            r" (?:پارٹی|شادی|سالگرہ|party|shaadi|salgirah)(?: [^ ]+){0,5} (?:ایک بار|ہفتے کو|اتوار کو|کل|ek baar|hafte ko|itwar ko)",
        ),
    ),
    ("not_asb", (r" گھور(?: [^ ]+){0,2} دیکھ| ghoor(?: [^ ]+){0,2} dekh| برا سا منہ",)),
    (
        "out_of_scope",
        (
            r" (?:چھت|دیوار) (?:میں|mein) (?:سوراخ|surakh)| (?:chhat|deewar) mein surakh| (?:پانی آتا|پانی ٹپکتا|paani aata|paani tapakta)",
        ),
    ),
    ("harassment", (r" جھوٹ| افواہ| ڈرات| jhoot| darati",)),
    ("environmental", (r" کچر| kachre",)),
    (
        "groups_communal",
        (r" (?:لڑکے|نوجوان|larke|naujawan)(?: [^ ]+){0,6} (?:شراب|سگریٹ|کوڑے والے|sharab)",),
    ),
    (
        "not_asb",
        (
            r"^(?!.*(?:اونچی|رات|زور|[0-9]|۰|۱|۲|۳|۴|۵)).* (?:باتیں|ٹی وی|baatein|tv)(?: [^ ]+){0,4} (?:آواز آتی|awaz aati)",
        ),
    ),
    ("out_of_scope", (r" بینیفٹ| benefit| الاؤنس",)),
)

# ASB descriptions that use words of repairs or of a fitting ("repairs cars", "needles in
# the lift"): tried before every other label.
FIRST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "out_of_scope",
        (
            r"^ (?:السلام علیکم|اسلام علیکم|assalam o alaikum|salam|ہیلو)?(?: [^ ]+)? (?:آپ کیسے ہیں|آپ کیسی ہیں|کیا حال ہے|کیسے ہیں|kaise hain|kya haal hai)(?: [^ ]+){0,2} $| universal credit| rent(?= )| کرایہ| kiraya",
        ),
    ),
    (
        "harassment",
        (
            r" (?:تصویریں|تصویر|فوٹو|ویڈیو|ویڈیوز|photos|video)(?: [^ ]+){0,2} (?:کھینچ|بنا|بناتا|بناتی|لیتا|لیتی)| جھوٹی باتیں| پیچھا کر| پیچھے پیچھے| peecha kar| دروازہ (?:کھٹکھٹا|بجا)(?: [^ ]+){0,3} بھاگ",
        ),
    ),
    (
        "other_asb",
        (
            r" fire door| smoke detector| fire alarm| آگ بجھانے| جسم فروشی| کونڈم| condom| (?:بالکونی|کھڑکی|چھت) سے(?: [^ ]+){0,6} (?:پھینک|گرات)",
        ),
    ),
    (
        "pets_animals",
        (r" کبوتر| kabootar| (?:کتے|کتا|بلی|بلیاں)(?: [^ ]+){0,4} (?:گندگی|پاخانہ|بھونک|کھلا)",),
    ),
    (
        "drug_dealing",
        (
            r" (?:نشہ|منشیات|drugs|nasha)(?: [^ ]+){0,2} (?:بیچ|فروخت|bech)| پڑیاں| پڑیا| dealer| ڈیلر",
        ),
    ),
    ("drugs_alcohol", (r" نشہ| نشے میں| nasha| laughing gas| نشئی",)),
    (
        "vandalism",
        (
            r" (?:توڑ دی|توڑ دیے|توڑ دیا|توڑ دیں|توڑ پھوڑ|اکھاڑ|tor di|tor diye|tor diya|tod di|tod diye)",
        ),
    ),
    (
        "groups_communal",
        (
            r" (?:گروپ|ٹولی|ٹولا|group|gang)(?: [^ ]+){0,6} (?:بیٹھ|جمع|کھڑ|سیڑھیوں)| سیڑھیوں پر (?:بیٹھ|بیٹھا|بیٹھے|جمع)",
        ),
    ),
    (
        "environmental",
        (
            r" (?:گدے|گدا|صوفہ|صوفے|کچرے کے تھیلے|ملبہ|پرانے فرنیچر)| (?:کچرا|کوڑا|گند) (?:پھینک|ڈال)(?: [^ ]+){0,2} (?:دیت|دیا|دیے|جات)",
        ),
    ),
    (
        "violence",
        (
            r" (?:مکا|مکے|گھونسا|تھپڑ|دھکا دیا|دھکے دیے|گھیر کر|لڑائی|جھگڑا|marpeet|maar peet|مار پیٹ)",
        ),
    ),
    (
        "not_asb",
        (
            r" بچے(?: [^ ]+){0,6} (?:کھیلت|کھیل رہے)(?!(?: [^ ]+){0,6} (?:رات|آدھی))| سالگرہ| birthday| عام طور پر (?:خاموش|پرسکون)| (?:مچھلی|کھانا|سالن) (?:تل|پکا|بنا)| کھانے کی (?:بو|خوشبو)",
            r"^(?!.*(?:رات|روز|ہر دن|آدھی)).* (?:ڈرل|drill|ہتھوڑ|کیل ٹھونک|shelf)(?: [^ ]+){0,8} (?:دوپہر|دن میں|ہفتے کی|اتوار|ایک گھنٹہ)",
            r"^(?!.*(?:رات|روز|ہر دن|آدھی)).* (?:دوپہر|دن میں|ہفتے کی|اتوار)(?: [^ ]+){0,8} (?:ڈرل|drill|ہتھوڑ|کیل ٹھونک|shelf)",
        ),
    ),
    ("environmental", (r" گاڑیاں ٹھیک| gaariyan theek",)),
    ("drugs_alcohol", (r" سرنج| syringe",)),
    ("harassment", (r" گھنٹی بجا(?: [^ ]+){0,3} بھاگ| ghanti baja(?: [^ ]+){0,3} bhaag",)),
    ("vandalism", (r" بوتلیں توڑ| botlen tor",)),
    ("not_asb", (r" قدموں کی آواز| جوتوں کے ساتھ چل",)),
    ("out_of_scope", (r" تالا بدل| tala badal",)),
)

# Greetings and contact checks (core.topics.is_greeting): a message made only of them is a
# greeting (session 12, sets E and F). Folded text: no accents.
GREETINGS: tuple[str, ...] = (
    r" (?:السلام علیکم|اسلام علیکم|السلام و علیکم|سلام|ہیلو|آداب|assalam o alaikum|assalamualaikum|salam|aoa)(?= )",
    r" (?:کیا )?(?:کوئی ہے|koi hai|کوئی سن رہا ہے|کوئی پڑھ رہا ہے)(?: جی)?(?= )",
    r" (?:کیا )?(?:آپ|کوئی) اردو (?:بولتے|سمجھتے|بولتا|سمجھتا)(?: ہیں| ہے)?(?= )",
    r" (?:کیا )?(?:میں )?اردو میں (?:لکھ|بات کر) (?:سکتا|سکتی|سکتے)(?: ہوں| ہیں)?(?= )",
)

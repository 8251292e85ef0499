"""Urdu safety lexicon, Urdu script and roman Urdu (see core/safety/languages/__init__.py).

Urdu puts the verb and its negation last: "اس کے پاس چاقو ہے" (he has a knife) is danger, "چاقو
نہیں ہے" (no knife) is not (`negation_after`). The progressive "مار رہا ہے" (is hitting) is now;
"تھا"/"تھی" (was), "پچھلے ہفتے" (last week), "کل رات" (last night) say it is over. Roman Urdu
forms ("maar raha hai", "chaku", "khudkushi") are listed beside the script. Letter variants
(Arabic ي/ك/ه) are unified before matching. Drafted for issue 16: an Urdu speaker must review it.
"""

# ruff: noqa: E501  (one pattern a line)
from core.safety.languages import SafetyLexicon

WEAPON = r"(?:چاقو|چھری|چھرا|بندوق|پستول|ہتھیار|ڈنڈا|ڈنڈے|کلہاڑی|تلوار|chaku|chaaku|chaqu|churi|chhuri|chhura|bandook|banduq|pistol|hathiyar|danda|kulhari|talwar)"
PROGRESSIVE = r"(?:رہا|رہی|رہے|raha|rahi|rahe|rha|rhi|rhe)"

LEXICON = SafetyLexicon(
    code="ur",
    danger={
        "weapon": (
            rf" {WEAPON}(?= )",
            r" (?:گولیاں چل|گولی چل|فائرنگ|گولی مار|goliyan chal|goli chal|firing|goli maar)",
        ),
        "violence_now": (
            r" (?:بوتلیں|پتھر|اینٹیں|botlen|pathar|eenten)(?: [^ ]+){0,4} (?:پھینک|phenk) (?:رہا|رہے|رہی|raha|rahe|rahi)(?= )",
            rf" (?:مار|پیٹ|حملہ کر|گلا دبا|لڑ|چاقو مار|گھونسے مار|مکے مار|maar|mar|peet|pit|hamla kar|gala daba|lar|larr|lad) {PROGRESSIVE}(?= )",
            r" بچاؤ| بچاو| bachao| bachaao| madad karo jaldi| جلدی مدد",
        ),
        "fire": (
            r" آگ(?= )| دھواں| دھوئیں| گیس کی بو| جل رہا| جل رہی| جل رہے| aag(?= )| dhuan| dhuwan| gas ki bu| gas ki boo| jal raha| jal rahi| jal rahe",
        ),
        "taken": (
            r" (?:بیٹا|بیٹی|بچہ|بچی|beta|beti|bacha)(?: [^ ]+){0,4} (?:گھر نہیں آیا|گھر نہیں آئی|ghar nahi aya|ghar nahi aayi)",
            r" (?:بچہ|بچی|بیٹا|بیٹی|bacha|bachi|beta|beti)(?: [^ ]+){0,4} (?:لاپتہ|غائب|laapata|lapata|ghayab)(?= )",
            r" (?:بچہ|بچی|بچے|بیٹا|بیٹی|لڑکا|لڑکی|bacha|bachi|beta|beti)(?: [^ ]+){0,4} (?:کو )?(?:اٹھا کر|اٹھا لے|کھینچ کر|پکڑ کر|utha kar|pakar kar)| (?:گاڑی|وین|van|gaari|gari) میں (?:ڈال|بٹھا|کھینچ)",
            r" اغوا| اٹھا کر لے گئے| زبردستی(?: [^ ]+){0,3} لے گئے| zabardasti(?: [^ ]+){0,3} le gaye| گاڑی میں ڈال| agwa| aghwa| utha kar le gaye| zabardasti le gaye",
        ),
        "threat_to_life": (
            r" جان سے مار| مار ڈالے| مار ڈالوں| مار دوں گا| مار دے گا| مار دیں گے| قتل کر| آگ لگا دے| jaan se maar| maar dalega| maar dale ga| maar daalega| maar doon ga| maar dunga| maar dega| qatal kar| qatl kar| aag laga dega",
        ),
        "intruder": (
            # session 12 (set G): my ex-husband is standing outside
            r" (?:سابقہ شوہر|سابق شوہر|سابقہ|ex)(?: [^ ]+){0,3} (?:باہر|گلی میں|دروازے پر|دروازے کے باہر|نیچے) کھڑا ہے",
            r" جھانک| اجنبی(?: [^ ]+){0,4} (?:صحن|گھر|کھڑکی|باغ)| jhank| ajnabi",
            rf" (?:گھس|توڑ|ghus|tor|tod|torr) {PROGRESSIVE}(?= )| گھس آیا| گھس آئے| گھر میں گھس| اندر آنے کی کوشش| دروازہ توڑ| ghus aya| ghus aaye| ghar mein ghus| andar aane ki koshish| darwaza tor| darwaza tod",
        ),
        # session 12 (set H): the one who harms will not let them leave (with a partner: only
        # with a word of now, since "he doesn't let me go out" is also coercive control)
        "held": (r" باہر نہیں (?:جانے|نکلنے) دیتا",),
        "injured": (
            r" کتے نے(?: [^ ]+){0,5} (?:حملہ|کاٹ)| kutte ne(?: [^ ]+){0,5} (?:hamla|kaat)",
            r" خون میں لت پت| خون آلود| لہو لہان| khoon mein lat pat| (?:سیڑھیوں|زمین|فرش|سڑک) پر(?: [^ ]+){0,5} پڑ(?:ا|ی|ے) (?:ہے|ہیں)",
            r" (?:کھڑکی|بالکونی|چھت|چھجے|khirki|khidki|balcony|chhat)(?: [^ ]+){0,2} (?:سے|se) (?:گر|gir)",
            r" خون بہہ| خون نکل (?:رہا|رہی)| بے ہوش| بےہوش| سانس نہیں| زخمی(?! کر)| ایمبولینس| khoon beh| khoon nikal (?:raha|rahi)| behosh| be hosh| saans nahi| saans nahin| zakhmi(?! kar)| ambulance",
        ),
    },
    self_harm=(
        r" چھلانگ لگا| کود (?:جاؤں|جاؤں گا|جائے|جائے گا|جائے گی|جاوں|جاؤ)| خود کو (?:ختم|گرا)| پھندا| chalang laga| chhalang laga| kood ja",
        # set F (session 11): "she'll take pills and end it all"
        r" گولیاں کھا(?: [^ ]+){0,3} (?:سب )?ختم کر (?:دے|دوں|دیں|دو) (?:گی|گا|گے)| سب (?:کچھ )?ختم کر (?:دے|دوں|دیں) (?:گی|گا|گے)| golian kha(?: [^ ]+){0,3} (?:sab )?khatam kar (?:de|doon|dein) (?:gi|ga|ge)",
        r" خودکشی| خود کشی| خود کو مار| اپنی جان لے| اپنے آپ کو مار| اپنے آپ کو نقصان| خود کو نقصان| جینا نہیں چاہتا| جینا نہیں چاہتی| مرنا چاہتا| مرنا چاہتی| khudkushi| khud kushi| khud ko maar| apni jaan le| apne aap ko maar| khud ko nuqsan| jeena nahi chahta| jeena nahi chahti| marna chahta| marna chahti",
    ),
    domestic=(
        r" گھریلو تشدد| gharelu tashaddud| gharelu tashadud",
        r" (?:شوہر|خاوند|میاں|بیوی|سابق شوہر|سابقہ بیوی|سسر|ساس|منگیتر|shohar|shauhar|khawand|miyan|biwi|bivi|sabiq shohar|saas|susar|sasur|mangetar)[^ ]*(?! کو| ko )(?: [^ ]+){0,5} (?:مارتا|مارتی|مارا|پیٹتا|پیٹا|دھمکی|دھمکیاں|دھمکاتا|maarta|marta|maara|mara|peetta|peeta|dhamki|dhamkiyan|dhamkata)",
    ),
    family=(
        r" (?:میرا|میری|mera|meri) (?:ex|ایکس|سابق|سابقہ|sabiq|sabqa)(?= )",
        r" (?:میرا|میری|mera|meri) (?:بھائی|بیٹا|بہن|bhai|beta|behan)(?= )(?! کو| ko )| (?:میرے|mere) (?:ابو|والد|abbu|walid)(?= )(?! کو| ko )",
        r" (?:شوہر|خاوند|بیوی|سابق شوہر|سابقہ بیوی|سسر|ساس|منگیتر|shohar|shauhar|khawand|biwi|bivi|sabiq|saas|susar|sasur|mangetar)(?= )(?! کو| ko )",
    ),
    abuse=(
        r" (?:دھکے|دھکا|dhakke|dhakka|dhakay|میسج|میسجز|message|messages|پیچھا|peecha|نظر رکھ|نیل|neel)",
        r" (?:دھمکیاں بھیج|انتظار کرتا|پیچھا کرتا|dhamkiyan bhej|peecha karta)",
        r" (?:گالیاں دیت|پھینکت|gaaliyan det|galiyan det|phenkt)",
        r" (?:مارتا|مارتی|مارا|پیٹتا|پیٹا|دھمکی|دھمکیاں|دھمکاتا|قابو|کنٹرول|نکلنے نہیں دیت|ملنے نہیں دیت|فون چیک|phone check|milne nahi det|باہر نہیں جانے دیت|پیسے چھین|فون چھین|بند کر دیتا|maarta|marta|maara|peetta|dhamki|dhamkiyan|control|nikalne nahi deta|paise chheen|phone chheen|band kar deta)",
    ),
    hate=(
        r" نسل پرست| نسلی| swastika| nazi| racist| nasal parast| پاکی| paki(?= )| دہشت گرد کہ| dahshat gard keh| dehshatgard keh",
        r" (?:مذہب|رنگ|نسل|قومیت|معذوری) کی وجہ سے| (?:mazhab|rang|nasal|qaumiyat|mazoori) ki wajah se| (?:مسلمان|پاکستانی|ایشیائی|معذور|کالا|کالی|کالے|ہندو|سکھ|عیسائی|احمدی|شیعہ|ہم جنس پرست|غیر ملکی) ہونے کی وجہ سے| (?:musalman|pakistani|asian|mazoor|kala|kali|kale|hindu|sikh|isai|ahmadi|shia|gay) hone ki wajah se",
        r" (?:اپنے|واپس اپنے) ملک (?:واپس )?جا| (?:apne|wapas apne) mulk (?:wapas )?ja",
    ),
    identity=(
        r" (?:مسجد|masjid|mosque|گردوارہ|مندر|نماز|namaz|bacon|بیکن|سور|پگڑی|عبایا|برقع|نقاب|بہرا|بہری|اندھا|اندھی|گونگا|autism|آٹزم|deaf|blind|trans\b|ٹرانس)",
        r" (?:مہاجر|تارک وطن|تارکین وطن|غیر ملکی|پناہ گزین|mohajir|muhajir|immigrant)",
        r" (?:مسلمان|پاکستانی|ایشیائی|حجاب|سکارف|داڑھی|معذور|وہیل چیئر|musalman|muslim|pakistani|asian|hijab|daarhi|mazoor|wheelchair)",
    ),
    hostile=(
        r" (?:مذاق|نقل اتار|نقلیں|پتھر مار|پتھر پھینک|رکھ دیا|رکھ دی|ہنستے|ہنسا|mazaq|naqal|taunt)",
        r" (?:گندا|گندی|گندے|کہتا|کہتے|ganda|gandi)",
        r" (?:گالی|گالیاں|تھوک|دھمکی|دھمکیاں|چلاتے|چلایا|مذاق اڑا|لکھا|کھینچ|galiyan|gaali|gali|thook|dhamki|chillate|mazaq ura|likha|kheench)",
    ),
    crime=(
        r" (?:پارسل|سامان|سائیکل|موٹر سائیکل|بٹوہ|فون|نمبر پلیٹ|parcel|cycle)(?: [^ ]+){0,4} (?:اٹھا|چرا|لے گیا|لے گئے|utha|chura|le gaya)",
        r" (?:چوری|چرا لیا|چرا لی|چرا لیے|ڈاکہ|ڈکیتی|لوٹ لیا|لوٹ لی|نقب|دھوکہ|chori|chura liya|chura li|daka|dakaiti|loot liya|loot li|dhoka)",
    ),
    past=(
        r" تھا| تھی| تھے| کل رات| گزشتہ| پچھلے(?! (?:دروازے|طرف|صحن|گیٹ|کمرے|[0-9۰-۹]+ منٹ|[0-9۰-۹]+ گھنٹ|آدھے گھنٹ|گھنٹے))| پچھلی| دن پہلے| ہفتہ پہلے| ہفتے پہلے| مہینہ پہلے| مہینے پہلے| سال پہلے| tha(?= )| thi(?= )| thay(?= )| thae(?= )| kal raat| guzishta| pichle| pichhle| pichli| din pehle| hafta pehle| mahina pehle| saal pehle",
    ),
    now=(
        r" (?:kitchen|kamre|ghar|باورچی خانے|کچن|کمرے|گھر) (?:mein|میں) (?:hai|ہے|hain|ہیں)| (?:abhi bhi|ab bhi|ابھی بھی|اب بھی)",
        r" ڈر لگ رہا| خوفزدہ| dar lag raha| dar lag rahi",
        r" ابھی ابھی| ابھی| اس وقت| جلدی| فوراً| فورا| بچاؤ| بچاو| مدد| madad| abhi(?= )| is waqt| jaldi| foran| bachao",
    ),
    not_danger=(
        r" (?:fire|آگ) (?:alarm|الارم|door|ڈور|exit)| آگ بجھانے| smoke detector| دھوئیں کا (?:الارم|ڈیٹیکٹر)",
        # set D (session 11): noise that "will kill me" is a figure of speech
        r" (?:شور|آواز|میوزک|گانے|ہتھوڑی)(?: [^ ]+){0,3} (?:مجھے|ہمیں) (?:مار ڈالے|مار دے) (?:گا|گی)| (?:shor|awaz|music)(?: [^ ]+){0,3} (?:mujhe|hamein) (?:maar|mar) (?:dale|de) (?:ga|gi)",
    ),
    # session 12 (sets E and F): the resident says they are safe now
    safe=(
        r" (?:ابھی|اب) سب ٹھیک ہے| میں (?:اب )?(?:ٹھیک|محفوظ) ہوں| (?:وہ|شوہر) (?:کام پر|سو رہا|ڈیوٹی پر)| (?:بہن|امی|ماں|بھائی) کے (?:گھر|پاس) (?:ہوں|رہ رہی|رہ رہا)| refuge| سب theek| main theek hoon| main mehfooz",
    ),
    # session 12 (set H): the one who harms will not leave or lets nobody leave, or the resident is locked in or hiding
    present=(
        r" جانے سے انکار| نہیں جا رہا| جا نہیں رہا| (?:خود کو|اپنے آپ کو)(?: [^ ]+){0,3} بند کر| (?:چھپی|چھپا|چھپے) (?:ہوئی|ہوا|ہوئے) ہ",
    ),
    calm=(
        # session 12 (set I): a threat for if it happens again
        r" اگر (?:دوبارہ|پھر)",
        r" اگلی بار| اگلی دفعہ| agli baar| agli dafa| اب خاموشی| اب سکون",
    ),
    left=(r" چلا گیا| چلے گئے| بھاگ گیا| بھاگ گئے| chala gaya| chale gaye| bhaag gaya| bhag gaya",),
    urgent=(
        r" بچاؤ| بچاو| جلدی| پولیس بلا| پولیس کو بلا| فوراً| فورا| bachao| jaldi| police bula| police ko bula| foran|^ مدد|^ madad",
    ),
    harm=(
        r" خون| زخمی| مار| پیٹ| چاقو| چھری| قتل| حملہ| آگ(?= )| دھواں| بندوق| گولی| دھمکی| khoon| zakhmi| maar| mar rah| chaku| qatl| hamla| aag| bandook| goli| dhamki",
    ),
    smoke=(r" دھواں| دھوئیں| dhuan| dhuwan",),
    smoking=(
        r" سگریٹ| سگرٹ| حقہ| شیشہ| چرس| باربی کیو| cigarette| sigret| hukka| shisha| charas| bbq",
    ),
    negation=("نہیں", "نہ", "مت", "nahi", "nahin", "nai", "na", "mat"),
    negation_after=True,
)

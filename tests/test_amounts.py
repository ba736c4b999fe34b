"""Amounts and ordinals: the seed against its gold, real SaudiNewsNet sentences, written cases, near misses."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import toolkit
from toolkit.annotators import amounts, dates
from toolkit.annotators.amounts import find_amounts, parse_number
from toolkit.pipeline import doc_for_text
from toolkit.tables import mention_row

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = REPO / "corpus" / "000_32804eb77b22d83d.txt"
GOLD = SHARED / "gold" / "000_32804eb77b22d83d.gold.json"


def only_amounts(text: str):
    return [a for a in find_amounts(text) if a.type == "amount"]


# --- the seed ---------------------------------------------------------------------------------

@pytest.mark.skipif(not SEED.exists() or not GOLD.exists(), reason="seed article or shared gold file not present")
def test_seed_amounts_match_gold_exactly():
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["amounts"]
    doc = doc_for_text(text)
    doc = doc.with_mentions(dates.annotate(doc))  # as in the pipeline: dates run first
    got = [m for m in amounts.annotate(doc) if m.type == "amount"]
    assert [(m.start, m.end, m.value, m.attrs["qualifier"]) for m in got] == [
        (g["start"], g["end"], g["value"], g["qualifier"]) for g in gold]
    assert [m.attrs["unit_en"] for m in got] == ["events", "regions", "agreements"]
    assert [m.attrs.get("modifier") for m in got] == [None, "روسية", "إقليمية"]
    for m in got:
        assert text[m.start:m.end] == m.text and m.rule.startswith("amounts:")
    # the ordinal of the seed (دورتها العشرون) is kept apart from the counts
    assert [(m.text, m.value) for m in amounts.annotate(doc) if m.type == "ordinal"] == [("العشرون", 20)]


def test_seed_without_date_mentions_still_skips_date_digits():
    text = "حيث عُقدت دورتها العشرون في دوشنبه في 4 أكتوبر/تشرين الأول 2024. في عام 2025، تولت"
    assert only_amounts(text) == []


# --- real sentences (SaudiNewsNet, 2015-07-21) -----------------------------------------------
REAL = [
    ("بلغت 18 مليار دولار (68.18 مليار ريال) بنهاية 2014",
     [("18 مليار دولار", 18_000_000_000, None, "USD"), ("68.18 مليار ريال", 68_180_000_000, None, "SAR")]),
    ("وتحوي أكثر من 60 في المائة من النفط الليبي", [("أكثر من 60 في المائة", 60, "more_than", None)]),
    ("مقابل 15.8 مليون جنيه استرليني", [("15.8 مليون جنيه استرليني", 15_800_000, None, "GBP")]),
    ("إغلاق ما لا يقل عن 80 مسجدا", [("ما لا يقل عن 80 مسجدا", 80, "at_least", None)]),
    ("عن مقتل عشرة جنود أفغان على الأقل", [("عشرة جنود", 10, None, None)]),
    ("مهمة 12.500 جندي أجنبي ينتشرون", [("12.500 جندي أجنبي", 12_500, None, None)]),
    ("باعت أكثر من مليون و162 ألف وحدة", [("أكثر من مليون و162 ألف وحدة", 1_162_000, "more_than", None)]),
    ("أن ما يزيد على 70 في المائة من السيارات", [("ما يزيد على 70 في المائة", 70, "more_than", None)]),
    ("لما يقارب مليون وستمائة ألف مصلٍ", [("ما يقارب مليون وستمائة ألف مصلٍ", 1_600_000, "about", None)]),
    ("على سرعة 220 كم/ الساعة", [("220 كم", 220, None, None)]),
    ("كان 47 بالمائة منهم", [("47 بالمائة", 47, None, None)]),
    ("بـ5.7 مليار يوان (922 مليون دولار)", [("5.7 مليار يوان", 5_700_000_000, None, "CNY"),
                                          ("922 مليون دولار", 922_000_000, None, "USD")]),
]


@pytest.mark.parametrize("sentence,expected", REAL)
def test_real_sentences(sentence, expected):
    got = only_amounts(sentence)
    assert [(a.text, a.value, a.attrs.get("qualifier"), a.attrs.get("currency")) for a in got] == expected
    for a in got:
        assert sentence[a.start:a.end] == a.text


def test_real_ordinal():
    # SaudiNewsNet 2015-07-21 #288; «في خمسة وعشرين عاما» is a duration, not an amount
    got = find_amounts("بين آل بوش وآل كلينتون للمرة الثانية في خمسة وعشرين عاما")
    assert [(a.text, a.type, a.value) for a in got] == [("الثانية", "ordinal", 2)]


def test_century_is_a_date_not_an_ordinal():
    # «القرن الثالث عشر» was an ordinal (13); it is a century (1201/1300), and amounts leave it alone
    assert find_amounts("إلى القرن الثالث عشر") == []
    assert [(d.text, d.value, d.resolution) for d in dates.find_dates("إلى القرن الثالث عشر")] == [
        ("القرن الثالث عشر", "1201/1300", "century")]


# --- written cases ----------------------------------------------------------------------------
WRITTEN = [
    ("استثمارات بقيمة 2.5 مليار دولار", "2.5 مليار دولار", 2_500_000_000, None, "US dollars", "USD"),
    ("ارتفع بنسبة ١٥٪", "١٥٪", 15, None, "percent", None),
    ("نحو ٣٫٥ مليون برميل", "نحو ٣٫٥ مليون برميل", 3_500_000, "about", "barrels", None),
    ("ما يزيد على ١٬٠٠٠ شخص", "ما يزيد على ١٬٠٠٠ شخص", 1000, "more_than", "people", None),
    ("ما يزيد عن 300 طن", "ما يزيد عن 300 طن", 300, "more_than", "tonnes", None),
    ("حوالي 50 ألف زائر", "حوالي 50 ألف زائر", 50_000, "about", "visitors", None),
    ("قرابة 40 دولة", "قرابة 40 دولة", 40, "about", "countries", None),
    ("زهاء 200 مشروع", "زهاء 200 مشروع", 200, "about", "projects", None),
    ("أقل من 5 في المئة", "أقل من 5 في المئة", 5, "less_than", "percent", None),
    ("ما يصل إلى 20 طائرة", "ما يصل إلى 20 طائرة", 20, "up_to", "aircraft", None),
    ("حتى 30 شخصا", "حتى 30 شخصا", 30, "up_to", "people", None),
    ("وقعا ثلاث اتفاقيات", "ثلاث اتفاقيات", 3, None, "agreements", None),
    ("بلغ 500 مليون روبل", "500 مليون روبل", 500_000_000, None, "roubles", "RUB"),
    ("بقيمة 10 ملايين يورو", "10 ملايين يورو", 10_000_000, None, "euros", "EUR"),
    ("تكلف 100 ألف ليرة تركية", "100 ألف ليرة تركية", 100_000, None, "Turkish lira", "TRY"),
    ("بلغ 40 مليون سوموني", "40 مليون سوموني", 40_000_000, None, "somoni", "TJS"),
    ("5 ملايين ريال سعودي", "5 ملايين ريال سعودي", 5_000_000, None, "Saudi riyals", "SAR"),
    ("2 مليار و500 مليون دولار", "2 مليار و500 مليون دولار", 2_500_000_000, None, "US dollars", "USD"),
    ("more than 100 events", "more than 100 events", 100, "more_than", "events", None),
    ("About 30 percent of", "About 30 percent", 30, "about", "percent", None),
    ("a deal worth $2.5 billion", "$2.5 billion", 2_500_000_000, None, "US dollars", "USD"),
    ("up to 5,000 troops", "up to 5,000 troops", 5000, "up_to", "soldiers", None),
    ("at least 12 people", "at least 12 people", 12, "at_least", "people", None),
    # English as the press writes money: a multiplier glued to the number, a Gulf currency before it,
    # and a word after the amount that counts nothing (written for the case; no English corpus here)
    ("The fund holds $4.5bn in assets.", "$4.5bn", 4_500_000_000, None, "US dollars", "USD"),
    ("Aramco paid SR 3 billion in dividends.", "SR 3 billion", 3_000_000_000, None, "Saudi riyals", "SAR"),
    ("It raised £2 billion last year.", "£2 billion", 2_000_000_000, None, "pounds sterling", "GBP"),
    ("It will cost 12bn euros over a decade.", "12bn euros", 12_000_000_000, None, "euros", "EUR"),
]


@pytest.mark.parametrize("sentence,span,value,qualifier,unit_en,currency", WRITTEN)
def test_written(sentence, span, value, qualifier, unit_en, currency):
    got = only_amounts(sentence)
    assert len(got) == 1, got
    a = got[0]
    assert (a.text, a.value, a.attrs.get("qualifier"), a.attrs.get("unit_en"), a.attrs.get("currency")) == (
        span, value, qualifier, unit_en, currency)


@pytest.mark.parametrize("text,value", [("الحادي عشر", 11), ("الخامس والعشرون", 25), ("العشرين", 20), ("الثانية", 2),
                                        ("the 20th session", 20), ("the third round", 3)])
def test_ordinals(text, value):
    got = find_amounts(text)
    assert [(a.type, a.value) for a in got] == [("ordinal", value)]


@pytest.mark.parametrize("s,has_mult,value", [("1,000", False, 1000), ("1,000,000", False, 1_000_000),
                                              ("2.5", True, 2.5), ("1.000.000", False, 1_000_000),
                                              ("2.500", False, 2500), ("2.500", True, 2.5),
                                              ("10,5", True, 10.5), ("1,234.5", False, 1234.5), ("0.75", False, 0.75)])
def test_parse_number(s, has_mult, value):
    assert math.isclose(parse_number(s, has_multiplier=has_mult), value)


# --- near misses ------------------------------------------------------------------------------
NOT_AMOUNTS = [
    "مشروع محطة \"سانغتودا-1\" للطاقة",
    "طائرات F-16 ومقاتلات Su-35",
    "جائحة COVID-19",
    "شبكات 5G",
    "بلغ العدد 17",  # a bare number
    "اتصل على 0501234567",
    "للاستفسار +966 11 4567890",
    "في عام 2025",
    "في 4 أكتوبر/تشرين الأول 2024",
    "17 و18 مارس/آذار 2025",
    "مجلة «ألف باء»",
    "تشرين الأول",  # الأول inside a month name is not an ordinal
    "مجموعة العشرين",  # G20
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_near_misses(text):
    assert find_amounts(text) == []


def test_annotate_skips_date_mentions_and_fills_columns():
    text = "وقع البلدان 3 اتفاقيات في 25 أبريل 2025 بقيمة 2.5 مليار دولار."
    doc = doc_for_text(text)
    doc = doc.with_mentions(dates.annotate(doc))
    got = amounts.annotate(doc)
    assert [(m.text, m.value, m.kind) for m in got] == [("3 اتفاقيات", 3, "count"),
                                                         ("2.5 مليار دولار", 2_500_000_000, "money")]
    row = mention_row(got[1])
    assert {"qualifier", "unit", "unit_en", "currency"} <= set(row) and row["currency"] == "USD"
    assert all(m.sentence == 0 for m in got)


def test_lexicon_rows_are_well_formed():
    lx = amounts._lex()
    assert lx.multipliers["مليار"] == 1_000_000_000 and lx.qualifiers["اكثر من"] == "more_than"
    assert set(lx.qualifiers.values()) <= {"more_than", "about", "less_than", "at_least", "at_most", "up_to"}
    assert all(kind in ("noun", "currency", "percent") for _, kind, _ in lx.units.values())


# --- the forms of issue 13 item 6, from real SaudiNewsNet sentences (file#record in each comment) --
# (sentence, [(span, value, kind, unit as written or None, number_low, number_high)])
REAL_FORMS = [
    # number words before any counted noun; standing alone
    ("قتل 12 شخصا على الأقل بينهم أربعة أطفال وامرأة حامل",  # 2015-07-23#483
     [("12 شخصا على الأقل", 12, "count", "شخصا", None, None), ("أربعة أطفال", 4, "count", "أطفال", None, None)]),
    ("ما أدى إلى مقتل أربعة أشخاص على الأقل وجرح عشرة، بحسب المصادر",  # 2015-07-23#483
     [("أربعة أشخاص على الأقل", 4, "count", "أشخاص", None, None), ("عشرة", 10, "number", None, None, None)]),
    ("وتعبر الحدود يوميًا من هنا قرابة اثنتي عشرة شاحنة محملة بالفحم",  # 2015-07-21#81: not 10
     [("قرابة اثنتي عشرة شاحنة", 12, "count", "شاحنة", None, None)]),
    ("على أيدي قرابة اثني عشر ناشطًا مؤيدين",  # 2015-07-21#100
     [("قرابة اثني عشر ناشطًا", 12, "count", "ناشطًا", None, None)]),
    ("الذي أسفر عن مقتل 38 سائحًا بينهم ثلاثون بريطانيا.",  # 2015-08-06#201
     [("38 سائحًا", 38, "count", "سائحًا", None, None), ("ثلاثون بريطانيا", 30, "count", "بريطانيا", None, None)]),
    ("والبدء بتشغيل 10 كليات من خلال خمس مؤسسات تدريبية عالمية.",  # 2015-07-31#1329
     [("10 كليات", 10, "count", "كليات", None, None), ("خمس مؤسسات تدريبية", 5, "count", "مؤسسات", None, None)]),
    ("وخط طوله أحد عشر كيلو مترا إلى فرع وزارة المياه",  # 2015-08-06#2690
     [("أحد عشر كيلو مترا", 11, "count", "كيلو مترا", None, None)]),
    # a noun, then واحد
    ("على التركيز على تأييد ومبايعة زعيم واحد. غير أن",  # 2015-08-03#140
     [("زعيم واحد", 1, "count", "زعيم", None, None)]),
    # digits before an unlisted counted noun; partitive منهم
    ("سيكون هناك 21 عضوا، 7 منهم تعينهم الوزارة و14 منتخبا",  # 2015-08-06#2811
     [("21 عضوا", 21, "count", "عضوا", None, None), ("7 منهم", 7, "count", None, None, None),
      ("14 منتخبا", 14, "count", "منتخبا", None, None)]),
    # vague quantities: approximate, with a range
    ("الذين انتقدوا إقامة مراسم الدعاء لزعيم طالبان المسؤول عن قتل آلاف المدنيين",  # 2015-08-03#140
     [("آلاف المدنيين", 2000, "approximate", "المدنيين", 2000, 9999)]),
    ("إلى أنه يتمركز حاليًا عشرات الآلاف من الجنود في كوزمينكا",  # 2015-07-21#81
     [("عشرات الآلاف من الجنود", 20000, "approximate", "الجنود", 20000, 99999)]),
    ("أفادت صحيفة «التايمز» البريطانية بفرار مئات الضباط في الجيش السوري",  # 2015-07-21#13
     [("مئات الضباط", 200, "approximate", "الضباط", 200, 999)]),
    ("أنهم سوف يستخدمون مئات المليارات من الدولارات التي سيحصلون عليها",  # 2015-07-21#118
     [("مئات المليارات من الدولارات", 200_000_000_000, "approximate", "الدولارات", 200_000_000_000, 999_999_999_999)]),
    # fractions
    ("فقد أنفق ما يصل إلى نصف الميزانية على حماية المدربين",  # 2015-07-21#144
     [("نصف الميزانية", 0.5, "fraction", "الميزانية", None, None)]),
    ("أوبك التي تضخ دولها بما فيها إيران نحو ثلث النفط العالمي",  # 2015-07-21#161
     [("ثلث النفط", 1 / 3, "fraction", "النفط", None, None)]),
    # ranges with their unit (the low end is the value); a unit and a half; a definite number word
    ("رياح شمالية غربية على الجزء الشمالي بسرعة 18-38 كم/ساعة و جنوبية",  # 2015-08-10#214
     [("18-38 كم", 18, "count", "كم", 18, 38)]),
    ("رياح شمالية إلى شمالية غربية بسرعة 15- 35 كم/ساعة ، وارتفاع الموج من نصف متر إلى متر ونصف ، وحالة",
     [("15- 35 كم", 15, "count", "كم", 15, 35), ("نصف متر", 0.5, "fraction", "متر", None, None),
      ("متر ونصف", 1.5, "count", "متر", None, None)]),  # 2015-08-10#214
    ("ويتراوح إيجار الشقة بين 1500 - 2500 جنيه (2250 - 3750 دولارا) في الأسبوع",  # 2015-07-21
     [("1500 - 2500 جنيه", 1500, "money", "جنيه", 1500, 2500),
      ("2250 - 3750 دولارا", 2250, "money", "دولارا", 2250, 3750)]),
    ("ومسابقات «ألوان السعودية» في الدورات الثلاث الماضية، حيث أعلنت",  # 2015-08-10#601
     [("الدورات الثلاث", 3, "count", "الدورات", None, None)]),
    ("ووقعت الهجمات الثلاثة المتزامنة، مساء أول من أمس",  # 2015-07-21
     [("الهجمات الثلاثة", 3, "count", "الهجمات", None, None)]),
]


@pytest.mark.parametrize("sentence,expected", REAL_FORMS, ids=[r[0][:30] for r in REAL_FORMS])
def test_real_forms(sentence, expected):
    got = only_amounts(sentence)
    assert [(a.text, a.kind, a.attrs.get("unit"), a.attrs.get("number_low"), a.attrs.get("number_high"))
            for a in got] == [(s, k, u, lo, hi) for s, _, k, u, lo, hi in expected]
    for a, (_, value, *_rest) in zip(got, expected):
        assert math.isclose(a.value, value)
    for a in got:
        assert sentence[a.start:a.end] == a.text


REAL_NOT_AMOUNTS = [
    "وكان البنك المركزي قد بدأ شراء كميات كبيرة من العملات الأجنبية",  # 2015-07-31#1080: ك + ميات
    "أن المراجعة الفصلية (ربع السنوية) حول العمالة",  # 2015-07-21#156: quarterly
    "وهي ليست عمل واحد منهم",  # واحد alone is a pronoun
    "هذا الشعب مصيره واحد",  # 2015-08-10#1050: a noun with its pronoun, then واحد, its predicate
    "ارتفعت الأسهم الأوروبية اليوم الاثنين لأعلى مستوياتها",  # 2015-07-21: الاثنين is Monday
    "وفاز الهلال 3-1 على النصر",  # a score
    "في موسم 2015-2016 واختزالها",  # 2015-07-21: years, no unit
    "تحتفل الأوساط الأدبية بمرور مائة وخمسين عامًا على صدور رواية",  # 2015-07-21#164: a duration
    "عند الساعة 10 صباحا بتوقيت مكة",  # a time of day
    "وتنص المادة 5 من النظام على",  # a label's number
]


@pytest.mark.parametrize("sentence", REAL_NOT_AMOUNTS)
def test_real_not_amounts(sentence):
    assert only_amounts(sentence) == []


WRITTEN_FORMS = [
    ("وصلت خمسة ممرضات", "خمسة ممرضات", 5, "count"),
    ("قتل خمسة وعشرون شخصا", "خمسة وعشرون شخصا", 25, "count"),
    ("شارك مئة وخمسون طالبا", "مئة وخمسون طالبا", 150, "count"),
    ("حضر ثلاثمائة وخمسة وستون عضوا", "ثلاثمائة وخمسة وستون عضوا", 365, "count"),
    ("نحو ثلاثة آلاف وخمسمائة لاجئ", "نحو ثلاثة آلاف وخمسمائة لاجئ", 3500, "count"),
    ("وصل نصف مليون زائر", "نصف مليون زائر", 500_000, "count"),
    ("twenty-five soldiers were", "twenty-five soldiers", 25, "count"),
    ("Three nurses arrived", "Three nurses", 3, "count"),
    ("dozens of people", "dozens of people", 24, "approximate"),
    ("tens of thousands of refugees", "tens of thousands of refugees", 20_000, "approximate"),
    ("half of the budget", "half of the budget", 0.5, "fraction"),
    ("two-thirds of voters", "two-thirds of voters", 2 / 3, "fraction"),
    ("المنتخبات العربية الـ13 للكرة الطائرة", "الـ13", 13, "ordinal"),  # 2015-07-23#890
]


@pytest.mark.parametrize("sentence,span,value,kind", WRITTEN_FORMS)
def test_written_forms(sentence, span, value, kind):
    got = find_amounts(sentence)
    assert [(a.text, a.kind) for a in got] == [(span, kind)]
    assert math.isclose(got[0].value, value)


def test_vague_quantity_columns_are_declared():
    from toolkit.schema import MENTIONS

    doc = doc_for_text("قتل عشرات المدنيين وأصيب نصف مليون شخص")
    got = amounts.annotate(doc.with_mentions(dates.annotate(doc)))
    assert [m.kind for m in got] == ["approximate", "count"]
    for m in got:
        assert set(m.attrs) <= set(MENTIONS.names), set(m.attrs) - set(MENTIONS.names)


def test_durations_are_not_amounts():
    # «8 سنوات», «30 دقيقة» and «three years» were amounts of years and minutes: now durations
    assert only_amounts("استمر الحصار 8 سنوات وانتظرنا 30 دقيقة طوال three years") == []


@pytest.mark.parametrize("sentence", [
    "انه يدور في مساحة لا يزيد نصف قطرها على شعرة الرأس",  # 2015-08-11#337: a radius
    "ونماذج الانتخابات من 101 إلى 119 علاوة على شرح",  # 2015-08-11#407: علاوة على, moreover
])
def test_dev_not_amounts(sentence):
    assert only_amounts(sentence) == []


def test_a_month_name_is_not_a_counted_noun():
    # 2015-08-11#1250: «حتى 31 يوليو» was an amount of 31 «يوليو»; it is a date
    text = "وبلغت أرباح النشاط للفترة حتى 31 يوليو 45.6 ألف ريال."
    assert [(a.text, a.value) for a in only_amounts(text)] == [("45.6 ألف ريال", 45_600)]


def test_two_vague_quantities_joined_by_wa_are_two_amounts():
    """«عشرات المدنيين ومئات الجرحى»: و + a vague quantity starts a new amount; it is no adjective of
    the first one's noun (which swallowed it: the second amount was lost)."""
    got = [(m.text, m.value, m.attrs.get("number_high")) for m in toolkit.annotate(
        "قتل عشرات المدنيين ومئات الجرحى في القصف.", lang="ar").mention_records if m.type == "amount"]
    assert got == [("عشرات المدنيين", 20, 99), ("مئات الجرحى", 200, 999)]

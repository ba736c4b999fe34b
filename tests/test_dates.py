"""Dates: the seed against its gold, real SaudiNewsNet sentences, written cases and near misses."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.annotators import dates
from toolkit.dategrammar import DateMatch, find_dates
from toolkit.arabic import normalize_key
from toolkit.pipeline import doc_for_text

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = REPO / "corpus" / "000_32804eb77b22d83d.txt"
GOLD = SHARED / "gold" / "000_32804eb77b22d83d.gold.json"


def one(text: str, reference: str | None = None) -> DateMatch:
    found = find_dates(text, reference=reference)
    assert len(found) == 1, found
    return found[0]


def gold_value(v) -> str:
    return "/".join(v) if isinstance(v, list) else v


# --- the seed ---------------------------------------------------------------------------------

@pytest.mark.skipif(not SEED.exists() or not GOLD.exists(), reason="seed article or shared gold file not present")
def test_seed_dates_match_gold_exactly():
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["dates"]
    got = dates.annotate(doc_for_text(text))
    assert [(m.start, m.end, m.value, m.kind) for m in got] == [
        (g["start"], g["end"], gold_value(g["value"]), g["kind"]) for g in gold]
    for m in got:
        assert text[m.start:m.end] == m.text
        assert m.type == "date" and m.rule.startswith("dates:") and m.attrs["calendar"] == "gregorian"


def test_priority_example():
    d = one("اليوم الجمعة 25 ابريل/نيسان 2025")
    assert (d.start, d.end, d.value, d.resolution) == (0, 32, "2025-04-25", "day")
    # with a reference it is still one day, not the relative اليوم plus a date
    assert len(find_dates("وذلك اليوم الجمعة 25 ابريل/نيسان 2025.", reference="2025-04-25")) == 1


# --- real sentences (SaudiNewsNet, 2015-07-21) -----------------------------------------------
REF = "2015-07-21"
REAL = [
    ("في 31 ديسمبر (كانون الأول) عام 2012", "31 ديسمبر (كانون الأول) عام 2012", "2012-12-31", "day"),
    ("بحادث مماثل وقع في مارس (آذار) 2014 في ولاية لوغار", "مارس (آذار) 2014", "2014-03", "month"),
    ("وهبطت عصر أمس الاثنين أولى طائرات", "أمس الاثنين", "2015-07-20", "day"),
    ("عن الوان اتلتيكو من 2010 حتى 2014", "من 2010 حتى 2014", "2010/2014", "range"),
    ("إلى 10 يوليو/تموز الجاري", "10 يوليو/تموز الجاري", "2015-07-10", "day"),
    ("أن تنتهي في 30 يونيو/حزيران الماضي", "30 يونيو/حزيران الماضي", "2015-06-30", "day"),
    ("في أفغانستان منذ 2001", "2001", "2001", "year"),
    ("الأعلى منذ نوفمبر (تشرين الثاني) 2007", "نوفمبر (تشرين الثاني) 2007", "2007-11", "month"),
    ("منتصف الأسبوع الماضي", "الأسبوع الماضي", "2015-W29", "week"),
    ("يوم الأربعاء، يبدو أن", "يوم الأربعاء", "2015-07-15", "day"),
    ("في يومي 13 و14 يونيو (حزيران) الحالي", "13 و14 يونيو (حزيران) الحالي", "2015-06-13/2015-06-14", "range"),
]


@pytest.mark.parametrize("sentence,span,value,resolution", REAL)
def test_real_sentences(sentence, span, value, resolution):
    d = one(sentence, REF)
    assert (d.text, d.value, d.resolution) == (span, value, resolution)
    assert sentence[d.start:d.end] == d.text


# --- written cases: month name families, digits, ranges, Hijri, relative, English --------------
WRITTEN = [
    ("وقع الاتفاق في 3 شباط 2024", "3 شباط 2024", "2024-02-03", "day"),
    ("صدر في 12 كانون الثاني 2023", "12 كانون الثاني 2023", "2023-01-12", "day"),
    ("يوم 9 أيلول/سبتمبر 2022", "9 أيلول/سبتمبر 2022", "2022-09-09", "day"),
    ("في 5 جانفي 2024", "5 جانفي 2024", "2024-01-05", "day"),
    ("في 14 جويلية 2023", "14 جويلية 2023", "2023-07-14", "day"),
    ("في 20 أوت 2021", "20 أوت 2021", "2021-08-20", "day"),
    ("في 6 غشت 2023", "6 غشت 2023", "2023-08-06", "day"),
    ("في 3 دجنبر 2020", "3 دجنبر 2020", "2020-12-03", "day"),
    ("الخميس ١٧ مارس (آذار) ٢٠٢٢", "الخميس ١٧ مارس (آذار) ٢٠٢٢", "2022-03-17", "day"),
    ("من 3 إلى 5 يونيو 2024", "3 إلى 5 يونيو 2024", "2024-06-03/2024-06-05", "range"),
    ("بين 3 و5 يونيه 2024", "3 و5 يونيه 2024", "2024-06-03/2024-06-05", "range"),
    ("من 30 مارس إلى 2 أبريل 2025", "30 مارس إلى 2 أبريل 2025", "2025-03-30/2025-04-02", "range"),
    ("في العام 2019", "العام 2019", "2019", "year"),
    ("سنة 1990", "سنة 1990", "1990", "year"),
    ("بين عامي 2020 و2025", "بين عامي 2020 و2025", "2020/2025", "range"),
    ("في مايو 2025", "مايو 2025", "2025-05", "month"),
    ("في 4 يوليو 2023م", "4 يوليو 2023م", "2023-07-04", "day"),
    ("في 15 رمضان 1446 هـ", "15 رمضان 1446 هـ", "2025-03-15", "day"),
    ("في ١ محرم ١٤٤٦هـ", "١ محرم ١٤٤٦هـ", "2024-07-07", "day"),
    ("عام 1446 هـ", "عام 1446 هـ", "2024-07-07/2025-06-25", "range"),
    ("خلال رمضان 1446", "رمضان 1446", "2025-03-01/2025-03-29", "range"),
    ("on 25 April 2025", "25 April 2025", "2025-04-25", "day"),
    ("on April 25, 2025.", "April 25, 2025", "2025-04-25", "day"),
    ("Friday, April 25, 2025", "Friday, April 25, 2025", "2025-04-25", "day"),
    ("the visit on 17-18 March 2025", "17-18 March 2025", "2025-03-17/2025-03-18", "range"),
    ("talks held March 17-18, 2025", "March 17-18, 2025", "2025-03-17/2025-03-18", "range"),
    ("in March 2025", "March 2025", "2025-03", "month"),
    ("in 2025 the", "2025", "2025", "year"),
    ("on Sept. 3, 2024", "Sept. 3, 2024", "2024-09-03", "day"),
]


@pytest.mark.parametrize("sentence,span,value,resolution", WRITTEN)
def test_written(sentence, span, value, resolution):
    d = one(sentence)
    assert (d.text, d.value, d.resolution) == (span, value, resolution)


def test_hijri_is_marked():
    d = one("15 رمضان 1446 هـ")
    assert d.calendar == "hijri"
    assert dates.annotate(doc_for_text("في 15 رمضان 1446 هـ"))[0].attrs["calendar"] == "hijri"


RELATIVE = [  # reference: Friday 2025-04-25
    ("اليوم", "2025-04-25", "day"), ("أمس", "2025-04-24", "day"), ("أول أمس", "2025-04-23", "day"),
    ("غداً", "2025-04-26", "day"), ("الأسبوع الماضي", "2025-W16", "week"), ("الأسبوع المقبل", "2025-W18", "week"),
    ("الشهر الماضي", "2025-03", "month"), ("العام الماضي", "2024", "year"), ("العام المقبل", "2026", "year"),
    ("today", "2025-04-25", "day"), ("yesterday", "2025-04-24", "day"), ("tomorrow", "2025-04-26", "day"),
    ("last week", "2025-W16", "week"), ("last year", "2024", "year"),
    ("الاثنين", "2025-04-21", "day"), ("يوم الجمعة", "2025-04-25", "day"), ("الاثنين المقبل", "2025-04-28", "day"),
    ("الجمعة الماضي", "2025-04-18", "day"), ("Monday", "2025-04-21", "day"),
    ("في 20 مارس", "2025-03-20", "day"),
    # a month and a day without a year, a comma after (wire style): the article's year
    ("On March 3, police said", "2025-03-03", "day"), ("since Jan. 7, the talks", "2025-01-07", "day"),
    # after "since" a day without a year is past, though the same day this year would be nearer
    ("since Oct. 7, the war", "2024-10-07", "day"), ("منذ 7 أكتوبر", "2024-10-07", "day"),
]


@pytest.mark.parametrize("text,value,resolution", RELATIVE)
def test_relative(text, value, resolution):
    d = one(text, "2025-04-25")
    assert (d.value, d.resolution, d.relative) == (value, resolution, True)


@pytest.mark.parametrize("text", ["اليوم", "أمس", "الأسبوع الماضي", "last year", "الاثنين", "في 20 مارس"])
def test_relative_skipped_without_reference(text):
    assert find_dates(text) == []


def test_annotate_uses_published_and_sentences():
    text = "وصل الوفد أمس. وتبدأ المحادثات الأحد 27 أبريل 2025."
    got = dates.annotate(doc_for_text(text, published="2025-04-25T10:00:00"))
    assert [(m.text, m.value, m.kind, m.sentence, m.attrs["relative"]) for m in got] == [
        ("أمس", "2025-04-24", "day", 0, True), ("الأحد 27 أبريل 2025", "2025-04-27", "day", 1, False)]


# --- near misses ------------------------------------------------------------------------------
NOT_DATES = [
    "محطة سانغتودا-1 للطاقة",
    "بلغ عدد الزوار 2025 زائرا",  # a bare four-digit number
    "اتصل على 920012345",
    "نحو 1990 شخصا",
    "في اليوم الوطني",  # اليوم + adjective: not "today"
    "في ذلك اليوم",
    "بين الاثنين خلاف",  # "the two"
    "مارس الرياضة",  # مارس is also a verb
    "في 2025 مليون برميل",
    "حققت 2025 نقطة",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_near_misses(text):
    assert find_dates(text, reference="2025-04-25") == []


def test_wrong_weekday_is_left_out_of_the_span():
    # 25 April 2025 was a Friday, not a Monday: the date stands, the weekday is not part of it
    assert [d.text for d in find_dates("الاثنين 25 أبريل 2025")] == ["25 أبريل 2025"]


def test_bad_reference_is_a_clear_error():
    with pytest.raises(ValueError, match="ISO date"):
        find_dates("أمس", reference="yesterday")


# --- the libraries: where they help -----------------------------------------------------------

def _csv_months(lang: str) -> dict[str, int]:
    from toolkit import lexicon

    return {normalize_key(r["name"]): int(r["number"]) for r in lexicon.rows("months")
            if r["kind"] == "month" and r["calendar"] == "gregorian" and r["lang"] == lang}


@pytest.mark.parametrize("locale,lang", [("en", "en"), ("ar", "ar"), ("ar_EG", "ar"), ("ar_SY", "ar"), ("ar_IQ", "ar"),
                                         ("ar_LB", "ar"), ("ar_DZ", "ar"), ("ar_TN", "ar"), ("ar_MA", "ar")])
def test_months_csv_covers_cldr(locale, lang):
    """babel's CLDR month names (Western, Levantine, Maghrebi, Moroccan) are all in months.csv."""
    babel_dates = pytest.importorskip("babel.dates")
    ours = _csv_months(lang)
    for num, name in babel_dates.get_month_names("wide", locale=locale).items():
        assert ours.get(normalize_key(name)) == num, (locale, name)


@pytest.mark.parametrize("text", ["25 April 2025", "April 25, 2025", "Friday, 25 April 2025", "3 Sept 2024",
                                  "December 31, 1999"])
def test_english_values_agree_with_dateparser(text):
    """dateparser is the reference for English full dates; our grammar must agree with it."""
    dateparser = pytest.importorskip("dateparser")
    expected = dateparser.parse(text, languages=["en"]).date().isoformat()
    assert one(text).value == expected


def test_hijri_agrees_with_hijridate():
    from hijridate import Hijri
    assert one("1 شوال 1445 هـ").value == Hijri(1445, 10, 1).to_gregorian().isoformat()


# --- the forms of issue 13 item 5, from real SaudiNewsNet sentences (file#record in each comment) --
# Only the short sentence tested is copied here; the reference date is the day of the file.
REAL_FORMS = [
    # numeric dates, every separator, spaces around it, day first
    ("2015-07-21", "تنطلق من بيروت وتحديدا بتاريخ 19 / 07 / 2015 في أول أيام العيد",  # 2015-07-21#408
     [("19 / 07 / 2015", "2015-07-19", "day", "gregorian")]),
    ("2015-07-21", "إذ أصدر مجلس علماء باكستان بيانًا بتاريخ 23 - 06 - 2015، يرفض فيه",  # 2015-07-21#221
     [("23 - 06 - 2015", "2015-06-23", "day", "gregorian")]),
    ("2015-07-21", "مجلة فوربس الأميركية الصادرة في 30-1- 2015، التي اعتبرت",  # 2015-07-21#1381
     [("30-1- 2015", "2015-01-30", "day", "gregorian")]),
    ("2015-08-02", "والتزم نادي الرائد بالاتفاقية في تاريخ 14.9.1436 هـ وتمت مخاطبة",  # 2015-08-02#967
     [("14.9.1436 هـ", "2015-07-01", "day", "hijri")]),
    # year first; Hijri without the mark (a year 1300-1499)
    ("2015-07-27", "(حسب تقويم أم القرى) الموافق ٢٠١٥/٩/٢، وان تكون",  # 2015-07-27#777
     [("٢٠١٥/٩/٢", "2015-09-02", "day", "gregorian")]),
    ("2015-07-21", "بتمديد فترة تصحيح أوضاع الأخوة اليمنيين حتى 1436/10/30 هـ .",  # 2015-07-21#1130
     [("1436/10/30 هـ", "2015-08-15", "day", "hijri")]),
    ("2015-07-21", "حادث استهداف المصلين بقرية الدالوه بمحافظة الإحساء بتاريخ 10/1/1436.",  # 2015-07-21#704
     [("10/1/1436", "2014-11-03", "day", "hijri")]),
    # a reference number is no date; the Hijri date after it is
    ("2015-07-31", "تعميم سعادة وكيل وزارة التجارة رقم ٦٤٦١/٤/٩/٢٧٦ وتاريخ ٢٨/٧/١٤٣٦ه المتضمن",  # 2015-07-31#1002
     [("٢٨/٧/١٤٣٦ه", "2015-05-17", "day", "hijri")]),
    # a Hijri numeric date and a Gregorian year in parentheses
    ("2015-07-21", "بموجب المرسوم الملكي رقم 58 وتاريخ 3/ 12/ 1382هـ (1962م) ليكون مؤسسة",  # 2015-07-21#702
     [("3/ 12/ 1382هـ", "1963-04-26", "day", "hijri"), ("1962م", "1962", "year", "gregorian")]),
    # bare years and years in parentheses
    ("2015-07-21", "جرى قرعة التصفيات المؤهلة لمونديال 2018 يوم السبت المقبل",  # 2015-07-21#196
     [("2018", "2018", "year", "gregorian"), ("يوم السبت المقبل", "2015-07-25", "day", "gregorian")]),
    ("2015-07-21", "ويليام أمبسون في كتابه «بعض صور من الأدب الرعوي» (1935) متأثرًا بفرويد",  # 2015-07-21#164
     [("1935", "1935", "year", "gregorian")]),
    ("2015-07-21", "نسبة إلى السلطان عبد الحميد العثماني، حتى عام (2014) وهو تاريخ",  # 2015-07-21#167
     [("عام (2014)", "2014", "year", "gregorian")]),
    # year ranges
    ("2015-07-21", "وجرائم حرب وتعذيب أسفرت خلال فترة حكمه 1982 - 1990، عن 40 ألف قتيل",  # 2015-07-21#125
     [("1982 - 1990", "1982/1990", "range", "gregorian")]),
    ("2015-07-21", "خلال سيطرتهم على شمال مالي (2012-2013). حيث قالت",  # 2015-07-21#128
     [("2012-2013", "2012/2013", "range", "gregorian")]),
    ("2015-07-21", "كانت الأكثرية في سوريا بين سنة 1990 حتى 2005، أبعد المسيحيين",  # 2015-07-21#45
     [("بين سنة 1990 حتى 2005", "1990/2005", "range", "gregorian")]),
    # Hijri years, a Hijri year range; the Iranian solar year is not converted
    ("2015-07-21", "يذكر أن بندر عسيري ولد في مدينة الرياض عام 1396هـ ويحمل شهادة",  # 2015-07-21#47
     [("عام 1396هـ", "1976-01-02/1976-12-21", "range", "hijri")]),
    # before 1343 AH (outside Umm al-Qura): the arithmetical Islamic calendar
    ("2015-07-21", "والذي كان عمره آنذاك 12 سنة، وفي عام 1331 ه قبيل فتح الاحساء",  # 2015-07-21#1364
     [("عام 1331 ه", "1912-12-11/1913-11-29", "range", "hijri")]),
    ("2015-07-31", "ولد في نجد في بلدة \"ثادق\" سنة 1205 هـ، ودرس على والده",  # 2015-07-31#612
     [("سنة 1205 هـ", "1790-09-10/1791-08-30", "range", "hijri")]),
    ("2015-07-21", "الحساب الختامي للمؤسسة العامة للموانئ للعام المالي 1434 - 1435هـ.",  # 2015-07-21#486
     [("1434 - 1435هـ", "2012-11-15/2014-10-24", "range", "hijri")]),
    ("2015-07-21", "أي الفتنة التي وقعت أحداثها عام 1388 هجري شمسي (الموافق 2013) بعد",  # 2015-07-21#454
     [("2013", "2013", "year", "gregorian")]),
    # decades
    ("2015-07-21", "كما كان متبعا في الخمسينات من القرن الماضي»، فضلا عن",  # 2015-07-21#51
     [("الخمسينات من القرن الماضي", "1950/1959", "decade", "gregorian")]),
    ("2015-07-21", "في موقف أقوى عن أي وقت مضى منذ أواخر تسعينات القرن الماضي، حيث",  # 2015-07-21#58
     [("تسعينات القرن الماضي", "1990/1999", "decade", "gregorian")]),
    ("2015-07-21", "التي تواجه الجيل المولود أواخر الثمانينات وأوائل التسعينات».",  # 2015-07-21#100
     [("الثمانينات", "1980/1989", "decade", "gregorian"), ("التسعينات", "1990/1999", "decade", "gregorian")]),
    ("2015-07-21", "إن الحياة الفكرية في بريطانيا في ستينات القرن التاسع عشر كانت مشغولة",  # 2015-07-21#164
     [("ستينات القرن التاسع عشر", "1860/1869", "decade", "gregorian")]),
    # centuries
    ("2015-07-21", "أي بريطانيا تحت حكم الملكة فيكتوريا في القرن التاسع عشر). وذهب",  # 2015-07-21#164
     [("القرن التاسع عشر", "1801/1900", "century", "gregorian")]),
    ("2015-07-21", "بأعرق المكتبات التي تعود نشأتها لبدايات القرن العشرين، وكانت ملاذا",  # 2015-07-21#165
     [("القرن العشرين", "1901/2000", "century", "gregorian")]),
    # month names alone, resolved against the article date
    ("2015-07-21", "عزمه زيارة إيران في سبتمبر (أيلول) ، كما تستطلع لندن",  # 2015-07-21#12: a future cue
     [("سبتمبر (أيلول)", "2015-09", "month", "gregorian")]),
    ("2015-07-21", "من قوة شرطة حرس الحدود الإسرائيلية في القدس في نوفمبر (تشرين الثاني)، مشيرا",  # 2015-07-21#27
     [("نوفمبر (تشرين الثاني)", "2014-11", "month", "gregorian")]),
    ("2015-07-21", "وأوضح أن منظمته تخشى منذ بدء الحملة الجوية لقوات التحالف في مارس»، وأوضح",  # 2015-07-21#54
     [("مارس", "2015-03", "month", "gregorian")]),
    ("2015-07-24", "تلقت خلال شهر رمضان المبارك 1550 بلاغا",  # 2015-07-24#1839
     [("شهر رمضان", "2015-06-18/2015-07-16", "range", "hijri")]),
    ("2015-07-24", "الأولى من منتجات الحساء ستطرح بالولايات المتحدة في أغسطس آب القادم.",  # 2015-07-24#936
     [("أغسطس آب القادم", "2015-08", "month", "gregorian")]),
    ("2015-07-21", "ياسمين، وفاطمة، إلى سوريا في مارس (آذار) من العام الماضي. وأيضًا",  # 2015-07-21#84
     [("مارس (آذار) من العام الماضي", "2014-03", "month", "gregorian")]),
]


@pytest.mark.parametrize("ref,sentence,expected", REAL_FORMS, ids=[s[1][:30] for s in REAL_FORMS])
def test_real_forms(ref, sentence, expected):
    got = find_dates(sentence, reference=ref)
    assert [(d.text, d.value, d.resolution, d.calendar) for d in got] == expected
    for d in got:
        assert sentence[d.start:d.end] == d.text


REAL_NOT_DATES = [
    "وقضى جيمس نوريس، في الثلاثينات من عمره ويعمل مقاولا في أوكلاند",  # 2015-07-21#213: an age
    "لوجود نحو 2000 معتقل وزعتهم الميليشيات على أرجاء",  # 2015-07-21#53: a count after نحو
    "من قرار مجلس الشورى رقم (106/ 71) وتاريخ",  # 2015-07-21#702: a reference number
]


@pytest.mark.parametrize("sentence", REAL_NOT_DATES)
def test_real_near_misses(sentence):
    assert find_dates(sentence, reference="2015-07-21") == []


# --- written cases for what the corpus lacks -----------------------------------------------------
WRITTEN_FORMS = [
    ("وقعت في 15.1.1959 في القاهرة", "15.1.1959", "1959-01-15", "day"),
    ("صدر القرار في 1959/1/15 ونُشر", "1959/1/15", "1959-01-15", "day"),
    ("the meeting of 12/25/2015 was", "12/25/2015", "2015-12-25", "day"),  # the month first: 25 is no month
    ("on 3/4/2015 the", "3/4/2015", "2015-04-03", "day"),  # both could be months: the day first
    ("الحرب العالمية الثانية (1939-1945)", "1939-1945", "1939/1945", "range"),
    ("موسم 2014-15 كان", "2014-15", "2014/2015", "range"),
    ("من عام 1936 إلى عام 1939", "من عام 1936 إلى عام 1939", "1936/1939", "range"),
    ("نكبة 1948 وما تلاها", "1948", "1948", "year"),
    ("عام 1330 هـ", "عام 1330 هـ", "1911-12-22/1912-12-10", "range"),  # outside Umm al-Qura: arithmetical
    ("في الثمانينيات", "الثمانينيات", "1980/1989", "decade"),
    ("منذ تسعينيات القرن الماضي", "تسعينيات القرن الماضي", "1990/1999", "decade"),
    ("in the 1990s and", "1990s", "1990/1999", "decade"),
    ("back in the '80s", "'80s", "1980/1989", "decade"),
    ("during the nineties", "nineties", "1990/1999", "decade"),
    ("في القرن الحادي والعشرين", "القرن الحادي والعشرين", "2001/2100", "century"),
    ("منذ القرن الـ19", "القرن الـ19", "1801/1900", "century"),
    ("in the 20th century", "20th century", "1901/2000", "century"),
    ("the nineteenth century", "nineteenth century", "1801/1900", "century"),
]


@pytest.mark.parametrize("sentence,span,value,resolution", WRITTEN_FORMS)
def test_written_forms(sentence, span, value, resolution):
    d = one(sentence)
    assert (d.text, d.value, d.resolution) == (span, value, resolution)
    assert sentence[d.start:d.end] == d.text


MONTH_ALONE = [  # reference: Tuesday 2015-07-21
    ("وقع الاتفاق في مارس", "2015-03"),  # before the reference month: this year's
    ("وقع الاتفاق في نوفمبر", "2014-11"),  # after it, and no future cue: last year's
    ("وقع الاتفاق في يوليو", "2015-07"),  # the reference month itself
    ("ومن المقرر أن تعقد القمة في نوفمبر", "2015-11"),  # a future cue: the next one
    ("ستعقد القمة في مارس", "2016-03"),
    ("منذ يناير (كانون الثاني)", "2015-01"),
    ("خلال شهر آب", "2014-08"),  # آب alone only after شهر
    ("the deal was signed in March", "2015-03"),
    ("the summit will be held in November", "2015-11"),
]


@pytest.mark.parametrize("text,value", MONTH_ALONE)
def test_month_alone(text, value):
    d = one(text, "2015-07-21")
    assert (d.value, d.resolution, d.relative) == (value, "month", True)


@pytest.mark.parametrize("text", ["في آب", "أبي آب", "in Oct", "مارس الرياضة", "في مارس"])
def test_month_alone_needs_cue_and_reference(text):
    # آب is also "father", abbreviations never stand alone, مارس is also a verb; without a
    # reference a month alone is skipped
    assert [d for d in find_dates(text, reference="2015-07-21" if text != "في مارس" else None)
            if d.rule.startswith("month_alone")] == []


def test_numeric_dates_in_a_long_run_of_digits_are_found_once():
    # a megabyte of digits is one run: nothing in it is a date, and the grammar tries it once
    assert find_dates("1" * 100_000) == []
    assert [d.value for d in find_dates("x 10/1/1436 " + "7" * 50_000 + " 15/1/1959")] == ["2014-11-03", "1959-01-15"]


def test_hijri_dates_outside_umm_al_qura_use_the_arithmetical_calendar():
    from convertdate import islamic

    d = one("في 1 محرم 1330 هـ")
    assert d.value == "%04d-%02d-%02d" % islamic.to_gregorian(1330, 1, 1) and d.calendar == "hijri"


# --- found on the dev sample (2015-08-11, tests/data/dates_amounts_dev.jsonl) --------------------
DEV_FORMS = [
    # a weekday and الموافق before a numeric date belong to it (and must agree with it)
    ("يليها عقد دورة يوم الأربعاء 27 / 10 / 1436هـ لعضوات اللجان",  # 2015-08-11#407
     [("يوم الأربعاء 27 / 10 / 1436هـ", "2015-08-12", "day", "hijri")]),
    ("أنه تم تخصيص يوم الاثنين الموافق 2 / 11 / 1436هـ لتدريب جميع الأعضاء",  # 2015-08-11#407
     [("يوم الاثنين الموافق 2 / 11 / 1436هـ", "2015-08-17", "day", "hijri")]),
    # a day-month followed by a number that is no year
    ("وبلغت أرباح النشاط للفترة حتى 31 يوليو 45.6 ألف ريال.",  # 2015-08-11#1250
     [("31 يوليو", "2015-07-31", "day", "gregorian")]),
    # a relative year with its explicit year; the Hijri year relative to the reference
    ("أعلنت عن بدءها مطلع العام القادم 1437هـ إلزام جميع المواطنين",  # 2015-08-11#77
     [("العام القادم 1437هـ", "2015-10-14/2016-10-01", "range", "hijri")]),
    ("إلى مقر أعمالهم مع مطلع العام الهجري القادم.",  # 2015-08-11#77
     [("العام الهجري القادم", "2015-10-14/2016-10-01", "range", "hijri")]),
    # two months joined; the first day of a Hijri month; a Hijri month with الماضي
    ("وأعلن شتاينماير أنه سيزور المملكة خلال شهر سبتمبر أو أكتوبر المقبلين",  # 2015-08-11#347
     [("شهر سبتمبر", "2015-09", "month", "gregorian"), ("أكتوبر", "2015-10", "month", "gregorian")]),
    ("والتي ستبدأ بمشيئة الله تعالى غرة شهر ذي القعدة.",  # 2015-08-11#407
     [("غرة شهر ذي القعدة", "2015-08-16", "day", "hijri")]),
    ("في حفل مبايعة خادم الحرمين الشريفين الملك سلمان، في شعبان الماضي، وله",  # 2015-08-11#1462
     [("شعبان الماضي", "2015-05-19/2015-06-17", "range", "hijri")]),
    # الأمس and الغد after a time of day
    ("هذا وقد وصلت مساء الأمس بعثة الهلال",  # 2015-08-11#1257
     [("الأمس", "2015-08-10", "day", "gregorian")]),
    ("في لقاء نهائي كأس السوبر السعودي لكرة القدم الذي سيقام مساء الغد، وسيجمع",  # 2015-08-11#444
     [("الغد", "2015-08-12", "day", "gregorian")]),
]


@pytest.mark.parametrize("sentence,expected", DEV_FORMS, ids=[s[0][:30] for s in DEV_FORMS])
def test_dev_forms(sentence, expected):
    got = find_dates(sentence, reference="2015-08-11")
    assert [(d.text, d.value, d.resolution, d.calendar) for d in got] == expected


def test_a_weekday_that_disagrees_is_left_out_of_a_numeric_date():
    # 27/10/1436 AH was a Wednesday: with "Thursday" before it the weekday is its own mention
    got = find_dates("يوم الخميس 27 / 10 / 1436هـ", reference="2015-08-11")
    assert [d.text for d in got] == ["يوم الخميس", "27 / 10 / 1436هـ"]


@pytest.mark.parametrize("text", ["ليس وليد الأمس بل", "صحيفة الغد الأردنية"])
def test_alamss_and_alghad_alone_are_no_dates(text):
    assert find_dates(text, reference="2015-08-11") == []


# --- found on the second dev sample (2015-08-10, tests/data/dates_amounts_dev2.jsonl) -------------
DEV2_FORMS = [
    # a range of two months, written with شهري or with من ... حتى
    ("التي انطلقت لأول مرة في الشرق الأوسط بين شهري أغسطس وأكتوبر 2014، حيث حققت",  # 2015-08-10#936
     [("شهري أغسطس وأكتوبر 2014", "2014-08/2014-10", "range", "gregorian")]),
    ("وتنطلق الحملة مجدداً لفترة تمتد من أغسطس 2015 حتى شهر مارس 2016 وبما فيها",  # 2015-08-10#936
     [("أغسطس 2015 حتى شهر مارس 2016", "2015-08/2016-03", "range", "gregorian")]),
    # a quarter of a year, a half of a month
    ("بلغت 320.8 مليون ريال خلال الربع الثاني من العام الجاري 2015م.",  # 2015-08-10#1009
     [("الربع الثاني من العام الجاري 2015م", "2015-04/2015-06", "range", "gregorian")]),
    ("حددت جامعة البحرين النصف الثاني من أغسطس الجاري موعداً لإعلان نتائج",  # 2015-08-11#1271
     [("النصف الثاني من أغسطس الجاري", "2015-08-16/2015-08-31", "range", "gregorian")]),
    # أمس الأول (the day before yesterday), هذا اليوم (today)
    ("معاملة الشهداء الذين استشهدوا أمس الأول، معاملة الشهداء",  # 2015-08-10#752
     [("أمس الأول", "2015-08-09", "day", "gregorian")]),
    ("وتوقعت الرئاسة في تقريرها عن حالة الطقس لهذا اليوم ـ بمشيئة الله تعالى",  # 2015-08-10#214
     [("هذا اليوم", "2015-08-11", "day", "gregorian")]),
]


@pytest.mark.parametrize("sentence,expected", DEV2_FORMS, ids=[s[0][:30] for s in DEV2_FORMS])
def test_dev2_forms(sentence, expected):
    got = find_dates(sentence, reference="2015-08-11")
    assert [(d.text, d.value, d.resolution, d.calendar) for d in got] == expected


@pytest.mark.parametrize("text,value", [
    ("من نوفمبر حتى فبراير 2016", "2015-11/2016-02"),  # the first month later in the calendar: the year before
    ("في الربع الأخير من 2013", "2013-10/2013-12"),
    ("in the first half of 2015 the economy", "2015-01/2015-06"),
])
def test_month_ranges_and_parts_of_periods(text, value):
    assert [d.value for d in find_dates(text, reference="2015-08-11")] == [value]


@pytest.mark.parametrize("text", ["في مثل هذا اليوم من عام 1990", "مارس آذار 2015"])
def test_this_day_of_another_year_and_a_month_written_twice(text):
    got = find_dates(text, reference="2015-08-11")
    assert all("/" not in d.value for d in got) and all(d.text != "هذا اليوم" for d in got)

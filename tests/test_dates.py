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


@pytest.mark.parametrize("text", ["25 April 2025", "April 25, 2025", "Friday, 25 April 2025", "3 Sept 2024", "December 31, 1999"])
def test_english_values_agree_with_dateparser(text):
    """dateparser is the reference for English full dates; our grammar must agree with it."""
    dateparser = pytest.importorskip("dateparser")
    expected = dateparser.parse(text, languages=["en"]).date().isoformat()
    assert one(text).value == expected


def test_hijri_agrees_with_hijridate():
    from hijridate import Hijri
    assert one("1 شوال 1445 هـ").value == Hijri(1445, 10, 1).to_gregorian().isoformat()

"""Durations: their own mention type (neither dates nor amounts), ISO 8601 values, from real text."""
from __future__ import annotations

import pytest

from toolkit.annotators import amounts, dates
from toolkit.dategrammar import find_durations, iso_duration
from toolkit.pipeline import doc_for_text

# SaudiNewsNet sentences (file#record in each comment; only the short sentence tested is copied):
# (sentence, [(span, ISO value, number, unit as written, unit_en, kind)])
REAL = [
    ("أكدت الحركة وفاته قبل سنتين ونصف تحديدا في شهر أبريل",  # 2015-08-03#140
     [("سنتين ونصف", "P2Y6M", 2.5, "سنتين", "years", "exact")]),
    ("على موقع الإمارة الإسلامية على الإنترنت مدتها 25 دقيقة أول من أمس",  # 2015-08-03#140
     [("25 دقيقة", "PT25M", 25, "دقيقة", "minutes", "exact")]),
    ("بعض القياديين يفضلون نجله يعقوب البالغ 26 عاما على الملا منصور",  # 2015-08-03#140
     [("26 عاما", "P26Y", 26, "عاما", "years", "exact")]),
    ("في ظروف غامضة قبل عامين، أعلنت",  # 2015-08-03#140: a dual is a count of two
     [("عامين", "P2Y", 2, "عامين", "years", "exact")]),
    ("للمرة الثانية في خمسة وعشرين عاما، وسيجد العالم",  # 2015-07-21#288: number words
     [("خمسة وعشرين عاما", "P25Y", 25, "عاما", "years", "exact")]),
    ("تحتفل الأوساط الأدبية في بريطانيا بمرور مائة وخمسين عامًا على صدور رواية",  # 2015-07-21#164
     [("مائة وخمسين عامًا", "P150Y", 150, "عامًا", "years", "exact")]),
    ("وسيقيم المنتخب مرحلته الإعدادية الأخيرة في مصر لمدة 16 يوما بمشاركة",  # 2015-07-23#890
     [("16 يوما", "P16D", 16, "يوما", "days", "exact")]),
    ("وبعد ثلاثة اشهر في 26 يونيو (حزيران)، قضى",  # 2015-08-06#201
     [("ثلاثة اشهر", "P3M", 3, "اشهر", "months", "exact")]),
    ("التي مددت في نهاية يوليو (تموز)، لشهرين حالة الطوارئ",  # 2015-08-06#201
     [("شهرين", "P2M", 2, "شهرين", "months", "exact")]),
    ("أن منظومة كليات التميز شملت على مدى العامين الماضيين 33 كلية",  # 2015-07-31#1329
     [("العامين الماضيين", "P2Y", 2, "عامين", "years", "exact")]),
    ("يذكر أن الفارق الزمني الصيفي بين السعودية ولندن ساعتان، حيث",  # 2015-07-22#197
     [("ساعتان", "PT2H", 2, "ساعتان", "hours", "exact")]),
    ("بعد ربع قرن على إطاحة حسين حبري",  # 2015-07-21#126
     [("ربع قرن", "P25Y", 0.25, "قرن", "centuries", "exact")]),
    ("كان ذلك بعد نصف ساعة تقريبًا من وقوف موشيه دايان",  # 2015-07-21#225
     [("نصف ساعة", "PT30M", 0.5, "ساعة", "hours", "exact")]),
    ("أنه أمضى حتى الحلقة 27 نحو اثنتي عشرة ساعة يحكي فيها",  # 2015-07-21#468: اثنتي عشرة = 12
     [("نحو اثنتي عشرة ساعة", "PT12H", 12, "ساعة", "hours", "exact")]),
    ("حيث تحتاج السوق المتنامية إلى عشرات السنين لتغطيتها",  # 2015-07-21#212: vague
     [("عشرات السنين", None, None, "سنين", "years", "approximate")]),
    ("ومن الصعب التحقق من ذلك التأكيد بعد بضعة أيام فقط من إصدار",  # 2015-07-21#316
     [("بضعة أيام", None, None, "أيام", "days", "approximate")]),
    # nights count as days
    ("وسوف تشمل العروض الإقامة 6 ليالي ولمدة 7 أيام في الفنادق",  # 2015-08-10#936
     [("6 ليالي", "P6D", 6, "ليالي", "days", "exact"), ("7 أيام", "P7D", 7, "أيام", "days", "exact")]),
    ("مع الإقامة لثلاث ليالي في مانيلا تليها ثلاث ليالي إضافية في مناطق",  # 2015-08-10#936
     [("ثلاث ليالي", "P3D", 3, "ليالي", "days", "exact"), ("ثلاث ليالي", "P3D", 3, "ليالي", "days", "exact")]),
]


@pytest.mark.parametrize("sentence,expected", REAL, ids=[r[0][:30] for r in REAL])
def test_real_durations(sentence, expected):
    got = find_durations(sentence)
    assert [(d.text, d.value, d.number, d.unit, d.unit_en, d.kind) for d in got] == expected
    for d in got:
        assert sentence[d.start:d.end] == d.text


WRITTEN = [
    ("استمر الحصار 8 سنوات", "8 سنوات", "P8Y", 8),
    ("انتظرنا 30 دقيقة", "30 دقيقة", "PT30M", 30),
    ("لمدة عام ونصف", "عام ونصف", "P1Y6M", 1.5),
    ("ساعة ونصف من النقاش", "ساعة ونصف", "PT1H30M", 1.5),
    ("منذ عقدين من الزمن", "عقدين", "P20Y", 2),
    ("لمدة عام واحد فقط", "عام واحد", "P1Y", 1),
    ("خلال السنوات الخمس الماضية", "السنوات الخمس الماضية", "P5Y", 5),
    ("أكثر من 8 سنوات", "أكثر من 8 سنوات", "P8Y", 8),
    ("three years of war", "three years", "P3Y", 3),
    ("a five-day visit", "five-day", "P5D", 5),
    ("for two and a half years", "two and a half years", "P2Y6M", 2.5),
    ("half an hour later", "half an hour", "PT30M", 0.5),
    ("it happened a year ago", "a year", "P1Y", 1),
    ("for a decade", "a decade", "P10Y", 1),
    ("1.5 hours", "1.5 hours", "PT1H30M", 1.5),
]


@pytest.mark.parametrize("sentence,span,value,number", WRITTEN)
def test_written_durations(sentence, span, value, number):
    got = find_durations(sentence)
    assert [(d.text, d.value, d.number) for d in got] == [(span, value, number)]


def test_joined_units_make_one_duration():
    got = find_durations("استمرت ثلاث سنوات وستة أشهر")
    assert [(d.text, d.value, d.unit) for d in got] == [("ثلاث سنوات وستة أشهر", "P3Y6M", "سنوات أشهر")]
    # two durations that are not one: a list, or definite phrases each with its adjective
    assert len(find_durations("خلال العامين الماضيين والأيام الثلاثة المقبلة")) == 2


@pytest.mark.parametrize("text", [
    "وقعت الشركة 3 عقود مع الحكومة",  # عقود: contracts, not decades (no duration cue)
    "خلال شهر رمضان المبارك",  # a month, not a one-month duration
    "منذ عام 2010",  # a year
    "one day he will",  # some day
    "الأمين العام للأمم المتحدة",  # عام: general
    "قضى ليلة الجمعة في المستشفى",  # a night, not a duration
])
def test_not_durations(text):
    assert find_durations(text) == []


@pytest.mark.parametrize("count,unit,value", [(8, "year", "P8Y"), (30, "minute", "PT30M"), (1.5, "hour", "PT1H30M"),
                                              (2, "decade", "P20Y"), (0.25, "century", "P25Y"), (1.5, "month", "P1.5M"),
                                              (1.5, "week", "P1W3DT12H"), (2.5, "day", "P2DT12H")])
def test_iso_duration(count, unit, value):
    assert iso_duration(count, unit) == value


def test_annotator_makes_duration_rows_that_amounts_leave_alone():
    text = "استمر الحصار 8 سنوات وقتل فيه أكثر من 300 شخص، وبعد بضعة أيام وصل 5 آلاف جندي."
    doc = doc_for_text(text)
    found = dates.annotate(doc)
    durations = [m for m in found if m.type == "duration"]
    assert [(m.text, m.value, m.kind, m.attrs["number"], m.attrs["unit_en"]) for m in durations] == [
        ("8 سنوات", "P8Y", "exact", 8, "years"), ("بضعة أيام", None, "approximate", None, "days")]
    assert durations[1].attrs["number_low"] == 3 and durations[1].attrs["number_high"] == 9
    got = amounts.annotate(doc.with_mentions(found))
    assert [(m.text, m.value) for m in got] == [("أكثر من 300 شخص", 300), ("5 آلاف جندي", 5000)]
    for m in found + got:
        assert text[m.start:m.end] == m.text and m.rule


def test_duration_columns_are_declared_in_the_schema():
    from toolkit.schema import MENTIONS

    doc = doc_for_text("أكثر من 8 سنوات وبعد بضعة أيام")
    for m in dates.annotate(doc):
        assert set(m.attrs) <= set(MENTIONS.names), set(m.attrs) - set(MENTIONS.names)


def test_one_unit_then_more():
    # 2015-08-11#475: «(سنة وسبعة أشهر)»: one year and seven months, not seven months
    got = find_durations("لطفلة تبلغ من العمر (سنة وسبعة أشهر) باستخدام تقنية البالون")
    assert [(d.text, d.value) for d in got] == [("سنة وسبعة أشهر", "P1Y7M")]
    assert [(d.text, d.value) for d in find_durations("استغرق ساعة و20 دقيقة")] == [("ساعة و20 دقيقة", "PT1H20M")]
    # 2015-08-11#475: «دقيقتين ونصف»
    assert [(d.text, d.value) for d in find_durations("الذي يستغرق دقيقتين ونصف على مرحلتين")] == [
        ("دقيقتين ونصف", "PT2M30S")]


@pytest.mark.parametrize("name,content,message", [
    ("time_units", "word,unit,form,lang,note\nعام,year,singular,ar,\nأسبوع,fortnight,singular,ar,\n",
     r"time_units\.csv, line 3: column unit must be one of"),
    ("date_cues", "word,kind,lang,note\nفي,month_cue,ar,\nسوف,later,ar,\n", r"date_cues\.csv, line 3: column kind"),
    ("numbers", "word,value,kind,lang,note\nعشرات,20-x,vague,ar,\n", r"numbers\.csv, line 2: bad value"),
])
def test_a_bad_lexicon_row_names_the_file_and_line(tmp_path, name, content, message):
    """A bad row (here in a user lexicon folder, read by the same loader as the shipped files)
    is an error that names the file and the line."""
    from toolkit import dategrammar, lexicon

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / f"{name}.csv").write_text(content, encoding="utf-8")
    loader = {"numbers": amounts._lex, "time_units": dategrammar.time_units, "date_cues": dategrammar._cues}[name]
    try:
        lexicon.use(folder)
        with pytest.raises(lexicon.LexiconError, match="mine/" + message):
            loader()
    finally:
        lexicon.use()

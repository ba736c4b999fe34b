"""The date grammar: dates and durations in Arabic and English text.

Pure functions over text, below both the readers (a published date inferred from the lead)
and the dates annotator (``toolkit.annotators.dates``): ``find_dates(text, reference=...)``
returns :class:`DateMatch` records with offsets into ``text``, ``find_durations(text)``
:class:`DurationMatch` records; ``find_temporal_normalized`` gives both over text already
normalised (one pass, overlaps settled between them).

How it works: the text is normalised (:mod:`toolkit.arabic`: alef forms, ة→ه, tatweel
and diacritics removed, Arabic-Indic digits → 0-9) and a hand-written grammar runs over the
normalised text; spans are mapped back to the original. Month and weekday names come from
``toolkit/lexicon/months.csv``, cue words from ``date_cues.csv``, time units from
``time_units.csv``, number words from ``numbers.csv`` (:mod:`toolkit.numwords`). Every rule
is tried only where it can start (:class:`toolkit.anchors.Anchors`, one Aho-Corasick pass).
Of overlapping candidates the longest wins, so ``اليوم الجمعة 25 ابريل/نيسان 2025`` is one
day, not the relative ``اليوم`` plus a date. Everything is linear in the length of the text.

Date values are ISO 8601 at their resolution, which is the mention's ``kind``: ``YYYY-MM-DD``
(day), ``YYYY-Www`` (week), ``YYYY-MM`` (month), ``YYYY`` (year), ``A/B`` (range, of any of
those), ``1980/1989`` (decade), ``1901/2000`` (century). Durations are ISO 8601 durations
(``P8Y``, ``PT30M``, ``P1Y6M``). The choices worth knowing (README.dates_amounts.md has them all):

- numeric dates (``15/1/1959``, ``1959/1/15``, ``15-1-1959``, ``15.1.1959``, spaces around the
  separators allowed, one separator throughout): a four-digit year first is year-month-day;
  otherwise day-month-year, as Arabic and British/international news write them; when the
  first number cannot be a month and the second can't be a day the other way round is taken
  (``12/25/2015`` is 25 December). A year from 1300 to 1499, or ``هـ`` after the date, makes it
  Hijri (Saudi papers write ``10/1/1436`` without the mark).
- relative dates (اليوم، أمس، الأسبوع الماضي، today, last year ...), weekdays alone, day-month
  without a year, month names alone and "the last century" are resolved against ``reference``
  (the article's published ISO date). Without a reference they are **skipped**.
- a month name alone (``في مارس``, ``in March``, ``شهر رمضان``) needs a cue before it (a
  preposition such as في، منذ، خلال، حتى، مطلع, or شهر); it is the latest such month at or
  before the reference month, or the next one on or after it when a future cue (سوف، المقرر،
  ستعقد، will, is expected ...) stands earlier on the same line.
- a year alone needs a cue (عام، في، منذ ...), parentheses, or, for 1900–2099 standing alone
  (``مونديال 2018``), no sign that it is a count: no qualifier or count word before it
  (نحو، أكثر من، عدد، بلغ، رقم ...) and no counted noun, multiplier or percent after it.
- decades: ``الثمانينيات``/``الثمانينات`` without a century are of the 20th century;
  ``ستينات القرن التاسع عشر`` is 1860/1869, ``ثمانينيات القرن الماضي`` needs no reference (the
  20th century is the default anyway). ``في الثلاثينات من عمره`` (an age) is no date.
- Hijri dates are converted with ``hijridate`` (Umm al-Qura, 1343–1500 AH) and outside that
  range with ``convertdate``'s arithmetical Islamic calendar; a Hijri month or year gives the
  Gregorian day range it spans (``A/B``), with ``attrs['calendar'] == 'hijri'``. ``هجري شمسي``
  (the Iranian solar calendar) is not converted.
- a double month form (``ابريل/نيسان``, ``مارس (آذار)``) is accepted only when both names
  denote the same month; a weekday written before a date must agree with it.
- durations: a number (digits or words) before a time unit (``8 سنوات``, ``ثلاثين دقيقة``,
  ``three years``, ``five-day``), a dual (``عامين``), a unit after a duration cue (``لمدة عام``,
  ``منذ عام``, ``for a year``), ``عام واحد``, fractions (``نصف ساعة``, ``ساعة ونصف``, ``ربع قرن``),
  and ``بضعة أيام``/``عشرات السنين`` (kind ``approximate``, no value, a count range).
  عقد/عقود are decades only after a duration cue (else contracts, an amount).
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable, Iterator, NamedTuple

from toolkit import lexicon, numwords
from toolkit.anchors import Anchors, LazyPattern, sources_key
from toolkit.cache import persistent
from toolkit.arabic import Normalized, normalize, normalize_key


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: original offsets, ISO value, resolution and the rule used."""

    start: int
    end: int
    text: str
    value: str
    resolution: str  # "day" | "week" | "month" | "year" | "range" | "decade" | "century"
    rule: str
    calendar: str = "gregorian"  # "gregorian" | "hijri"
    relative: bool = False


@dataclass(frozen=True)
class DurationMatch:
    """A duration: original offsets, ISO 8601 duration (None when vague), the count and its unit."""

    start: int
    end: int
    text: str
    value: str | None  # "P8Y", "PT30M", "P1Y6M"; None for approximate durations
    number: int | float | None  # the count of units as written (8, 1.5, 2 for عامين)
    unit: str  # the unit as written (سنوات, دقيقة, years)
    unit_en: str  # years, months, weeks, days, hours, minutes, seconds, decades, centuries
    kind: str  # "exact" | "approximate"
    rule: str
    qualifier: str | None = None
    number_low: int | None = None
    number_high: int | None = None


class _Res(NamedTuple):
    value: str | None
    resolution: str
    calendar: str = "gregorian"
    relative: bool = False
    extra: dict[str, Any] | None = None  # durations: number, unit span, unit_en, kind, ...


# ---------------------------------------------------------------------------
# lexicons
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CalendarNames:
    months: dict[str, tuple[int, str]]  # normalised name -> (month number, calendar)
    weekdays: dict[str, int]  # normalised name -> Python weekday (Monday 0)
    alone: dict[str, str]  # month name -> "yes" | "shahr" | "no"


@lru_cache(maxsize=1)
def calendar_names() -> CalendarNames:
    months: dict[str, tuple[int, str]] = {}
    weekdays: dict[str, int] = {}
    alone: dict[str, str] = {}
    for row in lexicon.rows("months", required=("name", "number", "kind")):
        key = normalize_key(row["name"])
        try:
            num = int(row["number"])
        except ValueError:
            raise lexicon.error("months", row, f"number must be an integer, not {row['number']!r}") from None
        kind = lexicon.choice("months", row, "kind", ("month", "weekday"))
        if kind == "month":
            months[key] = (num, lexicon.choice("months", row, "calendar", ("gregorian", "hijri")))
            alone[key] = lexicon.choice("months", row, "alone", ("yes", "shahr", "no"))
        else:
            weekdays[key] = num
    return CalendarNames(months, weekdays, alone)


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"month_cue": [], "future": [], "count_before": [], "duration_cue": []}
    for row in lexicon.rows("date_cues", required=("word", "kind")):
        kind = lexicon.choice("date_cues", row, "kind", tuple(out))
        out[kind].append(normalize_key(row["word"]))
    return out


#: English names of the time units (``unit_en``) and their ISO 8601 designators.
UNIT_EN = {"year": "years", "month": "months", "week": "weeks", "day": "days", "hour": "hours",
           "minute": "minutes", "second": "seconds", "decade": "decades", "century": "centuries"}


@lru_cache(maxsize=1)
def time_units() -> dict[str, tuple[str, str]]:
    """Normalised time-unit word -> (unit, form); form is singular, plural or dual."""
    out: dict[str, tuple[str, str]] = {}
    for row in lexicon.rows("time_units", required=("word", "unit", "form")):
        unit = lexicon.choice("time_units", row, "unit", tuple(UNIT_EN))
        form = lexicon.choice("time_units", row, "form", ("singular", "plural", "dual"))
        out[normalize_key(row["word"])] = (unit, form)
    return out


@dataclass(frozen=True)
class _CountWords:
    """What makes a four-digit number a count rather than a year."""

    before: frozenset[str]  # single words before the number (normalised)
    before_phrases: re.Pattern[str]  # multi-word qualifiers and count words, at the end of a string
    after: frozenset[str]  # counted nouns, currencies, multipliers, percent words (normalised)
    after_phrases: re.Pattern[str]  # multi-word ones, at the start of a string


@lru_cache(maxsize=1)
def _count_words() -> _CountWords:
    before = set(_cues()["count_before"])
    after: set[str] = set()
    for row in lexicon.rows("numbers", required=("word", "kind")):
        key = normalize_key(row["word"])
        if row["kind"] == "qualifier":
            before.add(key)
        elif row["kind"] in ("multiplier", "vague"):
            after.add(key)
    for row in lexicon.rows("units", required=("word", "kind")):
        after.add(normalize_key(row["word"]))
    return _CountWords(frozenset(w for w in before if " " not in w),
                       re.compile(_alt([w.lower() for w in before if " " in w]) + "$"),
                       frozenset(w for w in after if " " not in w),
                       re.compile(_alt([w for w in after if " " in w])))


@lru_cache(maxsize=None)
def _alt_cached(keys: tuple[str, ...], latin: bool) -> str:
    parts = []
    for k in sorted(set(keys), key=lambda k: (-len(k), k)):
        p = r"\s+".join(re.escape(w) for w in k.split())
        if latin and len(k) <= 4 and k[0].isupper():  # abbreviation: optional dot
            p += r"\.?"
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


def _alt(keys, *, latin: bool = False) -> str:
    return _alt_cached(tuple(sorted(set(keys))), latin)


# ---------------------------------------------------------------------------
# grammar pieces (over normalised text)
# ---------------------------------------------------------------------------
_L = r"[^\W\d_]"  # a letter
# Arabic left boundary: nothing wordy before, or one/two proclitics (و ف ب ل ك) before
_B = r"(?:(?<![\w])|(?<=(?<![\w])[وفبلك])|(?<=(?<![\w])[وف][بلك])|(?<=(?<![\w])لل)|(?<=(?<![\w])[وف]لل))"
_E = r"(?![\w])"  # right boundary
_DAY = r"(?:(?<![\w.,/:])|(?<=(?<![\w])و))(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,/]\d)(?![\d])"
_YEAR = r"(?:(?<![\w.,/])|(?<=(?<![\w])و))(?:1[5-9][0-9]{2}|2[01][0-9]{2})(?![^\Wم]|م[^\W\d_]|[.,]\d)"
_HYEAR = r"(?<![\w.,/])1[2-5][0-9]{2}(?![^\Wه]|ه[^\W\d_]|[.,]\d)"
_CE = r"(?:\s?م(?![\w])|\s?(?:AD|CE)\b)?"  # Gregorian era marker, kept in the span
# Hijri era marker (tatweel is gone after normalisation); هجري شمسي is the Iranian solar calendar
_AH = r"(?:\s?ه(?![\w])|\s?هجري[هة]?(?![\w])|\s+للهجره(?![\w])|\s?AH\b)(?!\s*شمسي)"
_NUMERIC_SEP = r"(?:\s*[,،])?\s*"
# what may not follow a year taken on a weak cue (في 2025 مليون is an amount, not a year)
_NOT_AMOUNT = (r"(?![\w%]|\s*(?:%|[,،.]?\s*[0-9]|(?:ال)?(?:الف|الاف|مليون|ملايين|مليار|مليارات|بليون|تريليون)(?![\w])"
               r"|في\s+الما?يه|بالما?يه|(?:thousand|million|billion|trillion|percent|per\s+cent)\b))")
# a number starts here: not inside a number or a word (و and ب may be glued before it)
_NSTART = r"(?:(?<![\w.,/:+\-$€£#])|(?<=(?<![\w])[وب]))"
# a numeric date or bare year ends here: no more digits, letters or separators with digits
_NEND = r"(?![\w%]|\s*[/\-.]\s*\d|[.,:]\d)"
_Y4 = r"(?:1[5-9]|20)[0-9]{2}"
_ERA = r"(?P<era>\s?(?:ه(?![\w])|هجري[هة]?(?![\w])|م(?![\w]))|\s+للهجره(?![\w])|\s?(?:AH|AD|CE)\b)(?!\s*شمسي)"
_REL = r"(?:الماضي|المنصرم|الفائت|المقبل|القادم|الجاري|الحالي)"
_REL_F = r"(?:الماضيه|المنصرمه|الفائته|المقبله|القادمه|الجاريه|الحاليه)"


def _ordinal_forms() -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]:
    """Arabic ordinals (الأول ... العاشر), their compound units (الحادي), tens (العشرين), English."""
    ords: dict[str, int] = {}
    units: dict[str, int] = {}
    tens: dict[str, int] = {}
    en: dict[str, int] = {}
    for row in lexicon.rows("numbers", required=("word", "value", "kind")):
        key = normalize_key(row["word"])
        if row["kind"] == "ordinal":
            (en if key.isascii() else ords)[key.lower() if key.isascii() else key] = int(row["value"])
        elif row["kind"] == "ordinal_unit":
            units[key] = int(row["value"])
        elif row["kind"] == "ordinal_tens":
            tens[key] = int(row["value"])
    return ords, units, tens, en


def _decade_words() -> dict[str, int]:
    """الثمانينيات / الثمانينات / ثمانينات -> 80, from the tens in numbers.csv."""
    out: dict[str, int] = {}
    for key, (v, role) in numwords.words().ar.items():
        if role == numwords.TENS and key.endswith("ين"):
            for form in (key + "يات", key + "ات"):
                out[form] = v
    return out


_EN_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
               "eighties": 80, "nineties": 90}


@lru_cache(maxsize=1)
def _grammar() -> list[tuple[str, re.Pattern[str], Callable]]:
    n = calendar_names()
    ar_g = [k for k, (_, c) in n.months.items() if c == "gregorian" and not k.isascii()]
    en_g = [k for k, (_, c) in n.months.items() if c == "gregorian" and k.isascii()]
    ar_h = [k for k, (_, c) in n.months.items() if c == "hijri" and not k.isascii()]
    en_h = [k for k, (_, c) in n.months.items() if c == "hijri" and k.isascii()]
    ar_wd = [k for k in n.weekdays if not k.isascii()]
    en_wd = [k for k in n.weekdays if k.isascii()]
    alone = [k for k in ar_g + ar_h if n.alone[k] == "yes"]
    en_alone = [k for k in en_g + en_h if n.alone[k] == "yes"]
    cues = _cues()
    month_cue_ar = [c for c in cues["month_cue"] if not c.isascii() and c != "شهر"]
    month_cue_en = [c for c in cues["month_cue"] if c.isascii()]
    tu = time_units()
    num_ar = numwords.pattern(english=False)
    num_en = numwords.pattern(arabic=False)
    qual_ar = [k for k in _qualifiers() if not k.isascii()]
    qual_en = [k for k in _qualifiers() if k.isascii()]
    ords, ord_units, ord_tens, en_ords = _ordinal_forms()

    m1 = "(?:" + _B + _alt(ar_g) + _E + "|" + r"\b" + _alt(en_g, latin=True) + r"(?![\w])" + ")"
    # a month, optionally doubled: ابريل/نيسان, مارس (آذار), مارس - آذار, مارس أو آذار, أغسطس آب
    gm = rf"(?:{m1}(?:\s*/\s*{m1}|\s*\(\s*{m1}\s*\)|\s+-\s+{m1}|\s+او\s+{m1}|\s+{m1})?)"
    m_alone = "(?:" + _alt(alone) + _E + ")"
    gm_alone = rf"(?:{m_alone}(?:\s*/\s*{m1}|\s*\(\s*{m1}\s*\)|\s+-\s+{m1}|\s+{m1})?)"
    hm = "(?:" + _B + _alt(ar_h) + _E + "|" + r"\b" + _alt(en_h) + r"(?![\w])" + ")"
    wd = "(?:" + _B + _alt(ar_wd) + _E + "|" + r"\b" + _alt(en_wd) + r"\b" + ")"
    # weekday prefix kept in the span: (اليوم|أمس|غدا|يوم)? الجمعة ،?
    wdp = (rf"(?:(?:{_B}(?:اليوم|امس|غدا|يوم){_E}\s+|\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Oo]n)\s*,?\s+)?"
           rf"{wd}\s*[,،]?\s*)")
    year_cue = r"(?:\s*[,،]?\s*(?:(?:من\s+)?(?:ال)?(?:عام|سنه)\s+|of\s+))?"
    of = r"(?:\s+(?:من|of))?"
    rng = r"\s*(?:-|/)\s*|\s+و\s*|\s+(?:الى|حتي|لغايه|ولغايه|حتى)\s+|\s+(?:to|and|until|through)\s+|\s*و\s*"
    yrel = (rf"(?:من\s+)?(?P<yrel>(?:ال)?(?:عام|سنه)\s+(?P<rel>{_REL}|{_REL_F})|(?P<this>هذا\s+العام|هذه\s+السنه))")
    ordinal = (rf"(?:(?:{_alt(list(ords) + list(ord_units))})\s+(?:عشر|عشره)|(?:{_alt(list(ords) + list(ord_units))})"
               rf"\s+و\s*(?:{_alt(ord_tens)})|{_alt(list(ords) + list(ord_tens))})")

    g: list[tuple[str, re.Pattern[str], Callable]] = []

    def add(rule: str, pattern: str, handler: Callable, flags: int = 0) -> None:
        g.append((rule, LazyPattern(normalize_key(pattern), flags), handler))  # compiled when first used

    wdp_ = rf"(?P<wdp>{wdp}(?:الموافق\s+)?)?"
    year_ = rf"{year_cue}{_NUMERIC_SEP}(?P<y>{_YEAR}){_CE}"
    no_year_after = r"(?!\s*[,،]?\s*(?:(?:من\s+)?(?:ال)?(?:عام|سنه)\s+)?(?:1[2-9]|2[01])[0-9]{2}(?![0-9.,]))"
    # --- Gregorian day-month-year, weekday prefix optional
    add("day_month_year", rf"{wdp_}(?P<d>{_DAY}){of}\s*(?P<m>{gm}){year_}", _h_day)
    # English month-day-year: (Friday,)? April 25(th)?, 2025
    add("month_day_year", rf"{wdp_}(?P<m>{gm})\s+(?P<d>{_DAY}){_NUMERIC_SEP}(?P<y>{_YEAR}){_CE}", _h_day)
    # day-month without a year: needs the reference's year
    add("day_month", r"(?<!احداث )(?<!هجمات )(?<!اعتداءات )(?<!هجوم )(?<!ثوره )"
                     rf"{wdp_}(?P<d>{_DAY}){of}\s*(?P<m>{gm}){no_year_after}", _h_day)
    # (a comma may follow: "On October 7, Hamas ..."; not a comma and digits: "October 7, 2023" is month_day_year's)
    add("month_day", rf"{wdp_}(?P<m>\b{_alt(en_g, latin=True)})\s+(?P<d>{_DAY})(?![\d]|,\d|\s*,?\s*\d)", _h_day)
    # day-month of a relative year: 31 مارس من العام الماضي
    add("day_month_relative_year", rf"{wdp_}(?P<d>{_DAY}){of}\s*(?P<m>{gm})\s+{yrel}{_E}", _h_day_relative_year)
    # --- numeric dates: 15/1/1959, 15-1-1959, 15.1.1959, 3/ 12/ 1382هـ; 1959/1/15, 2015-07-21
    sep, same = r"\s*(?P<sc>[/\-.])\s*", r"\s*(?P=sc)\s*"
    end_ = rf"(?:{_ERA}|{_NEND})"
    d12, y4 = r"[0-9]{1,2}", r"[0-9]{4}"
    add("numeric_dmy", rf"{wdp_}{_NSTART}(?P<a>{d12}){sep}(?P<b>{d12}){same}(?P<y>{y4}){end_}", _h_numeric)
    add("numeric_ymd", rf"{wdp_}{_NSTART}(?P<y>{y4}){sep}(?P<b>{d12}){same}(?P<a>{d12}){end_}", _h_numeric)
    # --- ranges inside one month: 17 و18 مارس 2025; 3-5 June 2024; من 3 إلى 5 يونيو
    add("day_range", rf"(?P<d>{_DAY})(?:{rng})(?P<d2>{_DAY}){of}\s*(?P<m>{gm})"
                     rf"(?:{year_}|\s+(?P<rel>{_REL}){_E})?", _h_day_range)
    add("month_day_range", rf"(?P<m>{gm})\s+(?P<d>{_DAY})(?:{rng})(?P<d2>{_DAY})"
                           rf"(?:{_NUMERIC_SEP}(?P<y>{_YEAR}){_CE})?", _h_day_range)
    # ranges across months: 30 مارس - 2 أبريل 2025; من 30 مارس إلى 2 أبريل 2025
    add("cross_month_range", rf"(?P<d>{_DAY})\s*(?P<m>{gm})(?:{year_cue}{_NUMERIC_SEP}(?P<y1>{_YEAR}))?(?:{rng})"
                             rf"(?P<d2>{_DAY})\s*(?P<m2>{gm})(?:{year_})?", _h_cross_range)
    # ranges of months: شهري أغسطس وأكتوبر 2014, أغسطس 2015 حتى شهر مارس 2016, from May to July 2015
    add("month_range", rf"(?:{_B}شهري\s+)?(?P<m>{gm})(?:{year_cue}{_NUMERIC_SEP}(?P<y1>{_YEAR}))?(?:{rng})"
                       rf"(?:شهر\s+)?(?P<m2>{gm}){year_}", _h_month_range)
    # --- month-year: مارس 2025, آذار/مارس من العام 2025, March 2025
    add("month_year", rf"(?P<m>{gm}){year_}", _h_month_year)
    # day, month and a relative cue: 10 يوليو/تموز الجاري, 30 يونيو الماضي
    add("day_month_relative", rf"{wdp_}(?P<d>{_DAY}){of}\s*(?P<m>{gm})\s+(?P<rel>{_REL}){_E}", _h_day_relative)
    # month with a relative cue: مارس الماضي, الشهر... (needs reference)
    add("month_relative", rf"(?:{_B}شهر\s+)?(?P<m>{gm})\s+(?P<rel>{_REL}){_E}", _h_month_relative)
    add("month_relative_en", rf"\b(?P<rel>last|next|this)\s+(?P<m>{_alt(en_g)})\b", _h_month_relative)
    # month of a relative year: مارس (آذار) من العام الماضي, مايو من هذا العام
    add("month_relative_year", rf"(?:{_B}شهر\s+)?(?P<m>{gm})\s+{yrel}{_E}", _h_month_relative_year)
    # month alone after a cue (resolved against the reference): في مارس, منذ يونيو (حزيران), شهر آب, in March
    add("month_alone", rf"{_B}(?:{_alt(month_cue_ar)}){_E}\s+(?P<s>(?:شهر\s+)?(?P<m>{gm_alone}))", _h_month_alone)
    add("month_alone_shahr", rf"{_B}(?P<s>شهر\s+(?P<m>{gm}|{hm}))", _h_month_alone)
    # a second month joined to a month: سبتمبر أو أكتوبر, يونيو ويوليو
    add("month_alone_coord", rf"{_B}{m_alone}\s+(?:او|و)\s*(?P<s>(?P<m>{gm_alone}))", _h_month_alone)
    # the first day of a month: غرة شهر ذي القعدة, غرة رمضان
    add("first_of_month", rf"{_B}(?P<s>غره\s+(?:شهر\s+)?(?P<m>{gm}|{hm}))", _h_first_of_month)
    # a Hijri month with a relative cue: شعبان الماضي, رمضان المقبل
    add("hijri_month_relative", rf"(?:{_B}شهر\s+)?(?P<m>{hm})\s+(?P<rel>{_REL}){_E}", _h_month_alone)
    en_cues = [c for c in month_cue_en if not c.endswith("-")]
    en_cues += [c[0].upper() + c[1:] for c in en_cues]
    add("month_alone_en", rf"\b(?:{_alt(en_cues)}\s+|[Mm]id-\s*)(?P<s>(?P<m>{_alt(en_alone)}))\b", _h_month_alone)
    # --- years with a cue
    add("year_cue", rf"{_B}(?P<cue>(?:ال)?(?:عام|سنه)){_E}\s+(?P<y>{_YEAR}){_CE}", _h_year)
    add("year_relative_explicit", rf"{_B}(?:ال)?(?:عام|سنه)\s+(?:(?:الميلادي|المالي|الدراسي)\s+)?(?:{_REL}|{_REL_F})"
                                  rf"\s+\(?(?P<y>{_YEAR}){_CE}\)?", _h_year)
    add("hijri_year_relative_explicit", rf"{_B}(?:ال)?(?:عام|سنه)\s+(?:الهجري\s+)?(?:{_REL}|{_REL_F})"
                                        rf"\s+(?P<y>{_HYEAR})(?P<ah>{_AH})", _h_hijri_year)
    add("hijri_year_relative", rf"{_B}(?P<s>(?:ال)?(?:عام|سنه)\s+الهجري(?:ه)?\s+(?P<rel>{_REL}|{_REL_F})){_E}",
        _h_hijri_year_relative)
    add("year_cue_paren", rf"{_B}(?P<cue>(?:ال)?(?:عام|سنه)){_E}\s*\(\s*(?P<y>{_YEAR}){_CE}\s*\)", _h_year)
    add("year_paren", rf"\(\s*(?P<s>(?P<y>{_Y4}){_CE})\s*\)", _h_year_bare)
    preps = r"(?:في|منذ|حتى|حتي|خلال|مطلع|بدايه|نهايه|اواخر|اوائل|منتصف|قبل|بعد)"
    add("year_after_prep", rf"{_B}{preps}{_E}\s+(?P<s>(?P<y>{_YEAR}){_CE}){_NOT_AMOUNT}", _h_year)
    preps_en = r"(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Tt]hrough|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Mm]id-?)"
    add("year_after_prep_en", rf"\b{preps_en}\s+(?P<s>(?P<y>{_YEAR})){_NOT_AMOUNT}", _h_year)
    # a year standing alone (1900-2099) when nothing says it is a count: مونديال 2018
    add("year_bare", rf"{_NSTART}(?P<y>(?:19|20)[0-9]{{2}})(?:(?P<era>\s?م(?![\w]))|{_NEND})", _h_year_bare)
    range_open = (r"(?:(?:ال)?(?:عامي|سنتي|فتره|الفتره|اعوام|سنوات|عام)\s+(?:من\s+)?|(?:من|منذ|بين|from|between)\s+)"
                  r"(?:(?:ال)?(?:عامي|عام|سنه|سنتي)\s+)?")
    range_join = r"(?:\s*[-/]\s*|\s+و\s*|\s+(?:الى|حتى|حتي|لغايه|to|and|until)\s+(?:(?:ال)?(?:عام|سنه)\s+)?)"
    add("year_range", rf"{_B}{range_open}(?P<y>{_YEAR}){range_join}(?P<y2>{_YEAR})", _h_year_range)
    # a bare year range: 1936-1939, (1982 - 1990), 2014/2015, 2014-15
    add("year_range_bare", rf"{_NSTART}(?P<y>{_Y4})\s*[-/]\s*(?P<y2>{_Y4}|[0-9]{{2}})(?![\w%]|\s*[/\-.]\s*\d|[.,]\d)",
        _h_year_range_bare)
    # --- decades and centuries
    ar_dec = _decade_words()
    cent = (rf"القرن\s+(?:(?P<co>{ordinal}){_E}|(?:ال)?(?P<cn>[0-9]{{1,2}})(?![\w])|(?P<crel>{_REL}))"
            rf"(?:\s+(?P<cera>الميلادي|للميلاد|الهجري|للهجره))?")
    add("decade", rf"{_B}(?P<s>(?:ال)?(?P<dec>{_alt(ar_dec)}){_E}(?:\s+(?:من\s+)?{cent})?{_E})"
                  r"(?!\s+من\s+(?:ال)?عمر)", _h_decade)
    add("decade_en", r"(?<![\w'])(?P<s>(?P<y>(?:1[0-9]|20)[0-9]0)'?s)\b", _h_decade)
    add("decade_en_short", r"(?<![\w'])(?P<s>'(?P<yy>[0-9]0)s)\b", _h_decade)
    add("decade_en_words", r"\b[Tt]he\s+(?:early\s+|mid-?\s*|late\s+)?(?P<s>(?P<w>" + "|".join(_EN_DECADES) + r"))\b",
        _h_decade)
    add("century", rf"{_B}(?P<s>{cent}){_E}", _h_century)
    add("century_this", rf"{_B}(?P<s>(?P<cthis>هذا)\s+القرن){_E}", _h_century)
    add("century_en", r"\b(?P<s>(?P<en>[0-9]{1,2})(?:st|nd|rd|th)[\s-][Cc]entury)\b", _h_century)
    add("century_en_words", rf"\b(?P<s>(?i:(?P<ew>{_alt(en_ords)}))[\s-][Cc]entury)\b", _h_century)
    add("century_en_rel", r"\b(?:[Tt]he\s+)?(?P<s>(?P<erel>last|this|past|previous)\s+century)\b", _h_century)
    # --- Hijri
    h_year = rf"(?:\s+(?:من\s+)?(?:ال)?(?:عام|سنه))?\s*(?P<y>{_HYEAR})(?P<ah>{_AH})?"
    add("hijri_day", rf"{wdp_}(?P<d>{_DAY})\s*(?:من\s+)?(?P<m>{hm}){h_year}", _h_hijri_day)
    add("hijri_month_year", rf"(?P<m>{hm})(?:\s+(?:من\s+)?(?:ال)?(?:عام|سنه))?\s+(?P<y>{_HYEAR})(?P<ah>{_AH})?",
        _h_hijri_month)
    add("hijri_year", rf"(?:{_B}(?P<cue>(?:ال)?(?:عام|سنه)){_E}\s+)?(?P<y>{_HYEAR})(?P<ah>{_AH})", _h_hijri_year)
    add("hijri_year_range", rf"{_NSTART}(?P<y>1[2-5][0-9]{{2}})\s*[-/]\s*(?P<y2>1[2-5][0-9]{{2}})(?P<ah>{_AH})",
        _h_hijri_year_range)
    # --- relative (needs reference)
    add("relative_day", rf"{_B}(?<!ذلك )(?<!هذا )(?<!نفس )(?<!ذات )"
                        rf"(?P<rel>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|امس|البارحه|بعد\s+غد|غدا|اليوم){_E}"
                        r"(?!\s+(?!(?:الي|التي|الذي|الذين|اللذين|اللتين)(?![\w]))ال(?!احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت)[\w])",
        _h_relative_day)
    # هذا اليوم, لهذا اليوم (today; not في مثل هذا اليوم, a day of an earlier year)
    add("relative_day_this", rf"{_B}(?<!مثل )(?<!مثل ل)(?P<s>هذا\s+(?P<rel>اليوم)){_E}"
                             r"(?!\s+(?!(?:الي|التي|الذي|الذين)(?![\w]))ال(?!احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت)[\w])",
        _h_relative_day)
    add("relative_day_part", rf"{_B}(?:صباح|مساء|ظهر|عصر|ليل|ليله|فجر)\s+(?P<s>(?P<rel>الامس|الغد)){_E}",
        _h_relative_day)
    add("relative_day_en", r"\b(?P<rel>[Tt]he\s+day\s+before\s+yesterday|[Tt]he\s+day\s+after\s+tomorrow"
                           r"|[Tt]oday|[Yy]esterday|[Tt]omorrow)\b", _h_relative_day)
    add("relative_period", rf"{_B}(?P<unit>الاسبوع|الشهر|العام|السنه)\s+(?P<rel>{_REL}|{_REL_F}){_E}",
        _h_relative_period)
    add("relative_period_this", rf"{_B}(?P<rel>هذا|هذه)\s+(?P<unit>الاسبوع|الشهر|العام|السنه){_E}", _h_relative_period)
    add("relative_period_en", r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+(?P<unit>week|month|year)\b",
        _h_relative_period)
    # --- weekday alone (needs reference)
    add("weekday", rf"(?:(?P<pre>{_B}(?:يوم|اليوم|امس|غدا){_E})\s+)?(?P<w>{wd})"
                   rf"(?:\s+(?P<rel>الماضي|المنصرم|الفائت|المقبل|القادم|last|next){_E})?", _h_weekday)

    # --- durations
    def units(*forms: str, lang: str = "ar") -> str:
        keys = [k for k, (_, f) in tu.items() if f in forms and (k.isascii() == (lang == "en"))]
        return _alt(keys) + (_E if lang == "ar" else r"\b")

    qual = rf"(?:(?P<q>{_B}{_alt(qual_ar)}{_E}|\b(?i:{_alt(qual_en)})\b)\s*)?"
    num = r"(?P<n>(?>[0-9]+(?:[.,][0-9]+)?))(?![.,]?[0-9])"
    half = r"(?P<half>\s+و\s*(?:ال)?(?:نصف|ربع)(?![\w])|\s+and\s+a\s+(?:half|quarter)\b)?"
    dcue_ar = rf"{_B}(?P<cue>{_alt([c for c in cues['duration_cue'] if not c.isascii()])}){_E}"
    dcue_en = rf"\b(?P<cue_en>(?i:{_alt([c for c in cues['duration_cue'] if c.isascii()])}))\b"
    not_after_unit = rf"(?!\s*\(?\s*[0-9])(?!\s+(?:{_alt(ar_g + ar_h + ar_wd)}){_E})"
    any_unit = rf"(?P<u>{units('singular', 'plural', 'dual')}|{units('singular', 'plural', lang='en')})"
    number = rf"(?:{_NSTART}{num}|{_B}(?P<w>{num_ar})|\b(?P<we>{num_en}))"
    add("duration", rf"{qual}{number}\s*-?\s*{any_unit}{half}", _h_duration)
    add("duration_dual", rf"(?:{dcue_ar}\s+)?{qual}{_B}(?P<du>{units('dual')}){half}", _h_duration)
    dual_adj = r"(?:الماضيين|الماضيتين|الاخيرين|الاخيرتين|المقبلين|المقبلتين|القادمين|القادمتين|المنصرمين|المنصرمتين)"
    add("duration_dual_definite", rf"{_B}(?P<d0>ال)(?P<du>{units('dual')})\s+{dual_adj}{_E}", _h_duration)
    add("duration_cue", rf"{dcue_ar}\s+(?P<u1>{units('singular')}){half}{not_after_unit}", _h_duration)
    add("duration_cue_en", rf"{dcue_en}\s+(?P<a>an?|one)\s+(?P<u1>{units('singular', lang='en')}){half}(?!\s*[0-9])",
        _h_duration)
    # the definite plural with a definite number: السنوات الخمس الماضية, الأيام الثلاثة المقبلة
    plural_adj = r"(?:الماضيه|الاخيره|المقبله|القادمه|المنصرمه|الاولى|الاولي)"
    add("duration_definite", rf"{_B}(?P<d0>ال)(?P<u>{units('plural')})\s+ال(?P<w>{num_ar})(?:\s+{plural_adj}{_E})?",
        _h_duration)
    add("duration_one", rf"{_B}(?P<u1>{units('singular')})\s+(?:واحد|واحده){_E}", _h_duration)
    # one unit, then more: سنة وسبعة أشهر, ساعة و20 دقيقة (merged with what follows)
    add("duration_one_and", rf"{_B}(?P<u1>{units('singular')})(?=\s+و\s*(?:[0-9]|{num_ar}\s))", _h_duration)
    add("duration_half", rf"{_B}(?P<u1>{units('singular')})(?P<half>\s+و\s*(?:نصف|ربع)){_E}", _h_duration)
    add("duration_fraction", rf"{qual}{_B}(?P<fr>نصف|ربع|ثلث|ثلاثه\s+ارباع){_E}\s+(?P<u1>{units('singular')})",
        _h_duration)
    add("duration_fraction_en", rf"\b(?P<fre>[Hh]alf)\s+(?:a|an)\s+(?P<u1>{units('singular', lang='en')})", _h_duration)
    add("duration_a_en", rf"\b(?P<a>[Aa]n?)\s+(?P<u1>{units('singular', lang='en')})(?P<half>\s+and\s+a\s+half\b)?"
                         r"(?=\s+(?:ago|later|earlier|before|after|long|old)\b)", _h_duration)
    en_plural, sing_plural = units("plural", lang="en"), units("plural", "singular")
    add("duration_words_half_en", rf"\b(?P<we>{num_en})\s+and\s+a\s+(?P<hw>half|quarter)\s+(?P<u>{en_plural})",
        _h_duration)
    add("duration_vague", rf"{_B}(?P<v>بضع|بضعه|عشرات|مئات){_E}\s+(?:من\s+)?(?:ال)?(?P<u>{sing_plural})",
        _h_duration)
    add("duration_vague_en", rf"\b(?P<ve>(?i:several|a\s+few|dozens\s+of|hundreds\s+of))\s+(?P<u>{en_plural})",
        _h_duration)
    return g


# ---------------------------------------------------------------------------
# handlers: (match, reference date or None) -> _Res | None
# ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _qualifiers() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in lexicon.rows("numbers", required=("word", "value", "kind")):
        if row["kind"] == "qualifier":
            key = normalize_key(row["word"])
            out[key.lower() if key.isascii() else key] = row["value"]
    return out


@lru_cache(maxsize=1)
def _name_re() -> re.Pattern[str]:
    n = calendar_names()
    keys = list(n.months) + list(n.weekdays)
    return re.compile(r"(?<![^\W\d_])" + _alt(keys) + r"(?![^\W\d_])")


def _names_in(s: str) -> list[str]:
    return [re.sub(r"\s+", " ", k) for k in _name_re().findall(s)]


def _month_of(s: str, calendar: str = "gregorian") -> int | None:
    """The month a (possibly doubled) month expression names, or None when its names disagree."""
    months = calendar_names().months
    found = {months[k][0] for k in _names_in(s) if k in months and months[k][1] == calendar}
    return found.pop() if len(found) == 1 else None


def _int(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _weekday_ok(m: re.Match[str], day: dt.date) -> bool:
    """A weekday written before a date must agree with it (else the match is doubtful)."""
    wdp = m.groupdict().get("wdp")
    if not wdp:
        return True
    names = calendar_names().weekdays
    for key in _names_in(wdp):
        if key in names:
            return names[key] == day.weekday()
    return True


#: "since" right before a date without a year: the date is in the past (since October 7, منذ 7 أكتوبر)
_SINCE_BEFORE = re.compile(r"(?:(?<![\w])[Ss]ince|(?<![\w])منذ)\s+$")


def _h_day(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    month = _month_of(m["m"])
    if month is None:
        return None
    if m.groupdict().get("y"):
        day = _date(_int(m["y"]), month, _int(m["d"]))
    elif ref is not None:  # no year: the nearest such day to the reference (after "since", the latest before it)
        days = [d for d in (_date(ref.year + k, month, _int(m["d"])) for k in (0, -1, 1)) if d is not None]
        if _SINCE_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
            days = [d for d in days if d <= ref]
        day = min(days, key=lambda d: abs((d - ref).days)) if days else None
    else:
        return None
    if day is None:
        return None
    if not _weekday_ok(m, day):
        return None
    return _Res(_iso(day), "day", "gregorian", not m.groupdict().get("y"))


def _h_day_relative_year(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    mo = _h_month_relative_year(m, ref)
    if mo is None:
        return None
    y, month = (int(x) for x in mo.value.split("-"))
    day = _date(y, month, _int(m["d"]))
    if day is None or not _weekday_ok(m, day):
        return None
    return _Res(_iso(day), "day", "gregorian", True)


def _h_numeric(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    a, b, y = _int(m["a"]), _int(m["b"]), _int(m["y"])
    if m.re.groupindex["y"] < m.re.groupindex["a"]:  # year first: year-month-day
        mo, d = (b, a) if b <= 12 else (a, b)
    elif a > 12 >= b:
        d, mo = a, b
    elif b > 12 >= a:  # 12/25/2015: month first (American)
        mo, d = a, b
    else:
        d, mo = a, b  # day first, as Arabic and international news write it
    era = (m["era"] or "").strip()
    hijri = era in ("ه", "هجري", "هجريه", "للهجره", "AH") or (not era and 1300 <= y <= 1499)
    if hijri:
        day = _hijri_to_greg(y, mo, d)
        calendar = "hijri"
    else:
        day = _date(y, mo, d) if 1500 <= y <= 2199 else None
        calendar = "gregorian"
    if day is None or not _weekday_ok(m, day):
        return None
    return _Res(_iso(day), "day", calendar, False)


def _h_day_range(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    month = _month_of(m["m"])
    if month is None:
        return None
    if m["y"]:
        year = _int(m["y"])
    elif ref is None:
        return None
    elif m.groupdict().get("rel"):
        year = int(_h_month_relative(m, ref).value[:4])
    else:
        year = ref.year
    a, b = _date(year, month, _int(m["d"])), _date(year, month, _int(m["d2"]))
    if a is None or b is None or b <= a:
        return None
    return _Res(f"{_iso(a)}/{_iso(b)}", "range", "gregorian", not m["y"])


def _h_cross_range(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    m1, m2 = _month_of(m["m"]), _month_of(m["m2"])
    if m1 is None or m2 is None:
        return None
    y2 = _int(m["y"]) if m["y"] else (ref.year if ref else None)
    if y2 is None:
        return None
    y1 = _int(m["y1"]) if m["y1"] else (y2 - 1 if m1 > m2 else y2)
    a, b = _date(y1, m1, _int(m["d"])), _date(y2, m2, _int(m["d2"]))
    if a is None or b is None or b <= a:
        return None
    return _Res(f"{_iso(a)}/{_iso(b)}", "range", "gregorian", not m["y"])


def _h_day_relative(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    month_res = _h_month_relative(m, ref)
    if month_res is None:
        return None
    y, mo = (int(x) for x in month_res.value.split("-"))
    day = _date(y, mo, _int(m["d"]))
    if day is None or not _weekday_ok(m, day):
        return None
    return _Res(_iso(day), "day", "gregorian", True)


def _h_month_range(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    """From a month to a later one; the first month's year is the second's unless written (or
    unless the first comes later in the calendar: نوفمبر حتى فبراير 2016 starts in 2015)."""
    a, b = _month_of(m["m"]), _month_of(m["m2"])
    if a is None or b is None or a == b and not m["y1"]:
        return None  # مارس آذار 2025 is one month written twice (the month_year rule)
    y2 = _int(m["y"])
    y1 = _int(m["y1"]) if m["y1"] else (y2 if a < b else y2 - 1)
    if (y1, a) >= (y2, b) or y2 - y1 > 5:
        return None
    return _Res(f"{y1:04d}-{a:02d}/{y2:04d}-{b:02d}", "range", "gregorian", False)


def _h_month_year(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    month = _month_of(m["m"])
    if month is None:
        return None
    return _Res(f"{_int(m['y']):04d}-{month:02d}", "month", "gregorian", False)


_PAST = {"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "last", "past", "previous"}
_NEXT = {"المقبل", "المقبله", "القادم", "القادمه", "next"}


def _h_month_relative(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    month = _month_of(m["m"])
    if month is None or ref is None:
        return None
    rel = m["rel"].lower()
    year = ref.year
    if rel in _PAST and month >= ref.month:
        year -= 1
    elif rel in _NEXT and month <= ref.month:
        year += 1
    return _Res(f"{year:04d}-{month:02d}", "month", "gregorian", True)


def _h_month_relative_year(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    month = _month_of(m["m"])
    if month is None or ref is None:
        return None
    rel = (m["rel"] or "").lower()
    step = -1 if rel in _PAST else 1 if rel in _NEXT else 0
    return _Res(f"{ref.year + step:04d}-{month:02d}", "month", "gregorian", True)


@lru_cache(maxsize=1)
def _future_re() -> re.Pattern[str]:
    cues = _cues()["future"]
    ar = [c for c in cues if not c.isascii()]
    en = [c for c in cues if c.isascii()]
    return re.compile(rf"(?:{_B}{_alt(ar)}{_E}|(?<![\w]){_alt(en)}\b)")


_LOOKBACK = 80  # characters before a month name searched for a future cue (same line)


def _future_before(m: re.Match[str]) -> bool:
    s = m.start()
    window = m.string[max(0, s - _LOOKBACK):s]
    window = window[window.rfind("\n") + 1:]
    return _future_re().search(window) is not None


def _h_month_alone(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    if ref is None:
        return None
    rel = (m.groupdict().get("rel") or "").lower()
    future = rel in _NEXT or (not rel and _future_before(m))
    gm = m["m"]
    month = _month_of(gm)
    if month is not None:
        if future:
            year = ref.year if month >= ref.month else ref.year + 1
        else:
            year = ref.year if month <= ref.month else ref.year - 1
        return _Res(f"{year:04d}-{month:02d}", "month", "gregorian", True)
    hmonth = _month_of(gm, "hijri")
    if hmonth is None:
        return None
    from hijridate import Gregorian

    try:
        h = Gregorian(ref.year, ref.month, ref.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    if future:
        year = h.year if hmonth > h.month or (hmonth == h.month and not rel) else h.year + 1
    elif rel in _PAST:
        year = h.year if hmonth < h.month else h.year - 1
    else:
        year = h.year if hmonth <= h.month else h.year - 1
    span = _hijri_month_span(year, hmonth)
    if span is None:
        return None
    return _Res(f"{_iso(span[0])}/{_iso(span[1])}", "range", "hijri", True)


def _h_first_of_month(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    """غرة شهر ذي القعدة: day 1 of the month (resolved as a month alone when no year is given)."""
    month = _h_month_alone(m, ref)
    if month is None:
        return None
    if month.calendar == "hijri":
        return _Res(month.value.split("/")[0], "day", "hijri", True)
    return _Res(month.value + "-01", "day", "gregorian", True)


def _h_hijri_year_relative(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    """العام الهجري القادم: the Hijri year after the reference's (the Gregorian days it spans)."""
    if ref is None:
        return None
    from hijridate import Gregorian

    try:
        h = Gregorian(ref.year, ref.month, ref.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    rel = m["rel"]
    step = -1 if rel in _PAST else 1 if rel in _NEXT else 0
    span = _hijri_year_span(h.year + step)
    if span is None:
        return None
    return _Res(f"{_iso(span[0])}/{_iso(span[1])}", "range", "hijri", True)


def _h_year(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    return _Res(f"{_int(m['y']):04d}", "year", "gregorian", False)


_NOT_LETTER = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"\s*\)?\s*(?:من\s+)?((?:ال)?[^\W\d_]+(?:\s+[^\W\d_]+)?)")
_NOT_COUNT_AFTER = frozenset({"ايضا", "جدا", "حاليا", "تقريبا"})


def _counted(m: re.Match[str], start: int, end: int, *, accusative: bool = True) -> bool:
    """True when the number at [start, end) reads as a count: a qualifier or count word among
    the two words before it, or a counted noun, multiplier, percent sign or (``accusative``)
    an accusative noun after it."""
    cw = _count_words()
    text = m.string
    window = text[max(0, start - 40):start].rstrip(" (")
    words = window.split()[-3:]
    if words and _NOT_LETTER.fullmatch(words[-1]):
        for w in words[-2:]:
            bare = w[1:] if w[:1] in "وفبل" and w[1:] in cw.before else w
            if bare in cw.before or w.lower() in cw.before:
                return True
        if cw.before_phrases.search(" ".join(words).lower()):
            return True
    if text[start - 1:start] in "$€£":
        return True
    after = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    if after:
        two = after.group(1)
        first = two.split()[0]
        word = first[2:] if first.startswith("ال") and first[2:] in cw.after else first
        if word in cw.after or word.lower() in cw.after or cw.after_phrases.match(two):
            return True
        if accusative and not word.isascii() and len(word) >= 4 and word.endswith("ا") and word[-2] != "ا" \
                and word not in _NOT_COUNT_AFTER and not first.startswith("ال"):
            return True  # tanween accusative: 2025 زائرا
    if re.match(r"\s*(?:%|٪)", text[end:end + 3]):
        return True
    return False


def _h_year_bare(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    # in parentheses a year is a year, «(1935) متأثرا» too, unless a counted noun follows
    if _counted(m, m.start("y"), m.end(), accusative=not m.group().startswith("(")):
        return None
    return _Res(m["y"], "year", "gregorian", False)


def _h_year_range(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    a, b = _int(m["y"]), _int(m["y2"])
    if b <= a:
        return None
    return _Res(f"{a:04d}/{b:04d}", "range", "gregorian", False)


def _h_year_range_bare(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    a, y2 = _int(m["y"]), m["y2"]
    b = (a // 100) * 100 + int(y2) if len(y2) == 2 else int(y2)
    if not a < b <= a + 150 or _counted(m, m.start(), m.end()):
        return None
    return _Res(f"{a:04d}/{b:04d}", "range", "gregorian", False)


def _century_number(m: re.Match[str]) -> int | None:
    g = m.groupdict()
    if g.get("cn"):
        return int(g["cn"])
    if g.get("co"):
        return _ordinal_value(g["co"])
    if g.get("en"):
        return int(g["en"])
    if g.get("ew"):
        return _ordinal_forms()[3].get(g["ew"].lower())
    return None


def _ordinal_value(s: str) -> int | None:
    ords, units, tens, _ = _ordinal_forms()
    words = re.sub(r"\s+و\s*", " و", s.strip()).split()
    if len(words) == 1:
        return ords.get(words[0]) or tens.get(words[0])
    first = ords.get(words[0]) or units.get(words[0])
    if first is None:
        return None
    if words[1] in ("عشر", "عشره"):
        return first + 10
    t = tens.get(words[1].lstrip("و"))
    return first + t if t else None


def _century_rel(rel: str | None, ref: dt.date | None) -> int | None:
    """The century a relative cue names (الماضي: the one before the reference's)."""
    if ref is None:
        return None
    this = (ref.year - 1) // 100 + 1
    rel = (rel or "").lower()
    return this - 1 if rel in _PAST else this + 1 if rel in _NEXT else this


def _h_century(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    g = m.groupdict()
    rel = g.get("crel") or g.get("erel")
    if rel or g.get("cthis"):
        c = _century_rel(rel, ref)
        relative = True
    else:
        c = _century_number(m)
        relative = False
    if not c or not 1 <= c <= 21:
        return None
    if g.get("cera") in ("الهجري", "للهجره"):
        first, last = _hijri_year_span((c - 1) * 100 + 1), _hijri_year_span(c * 100)
        if first is None or last is None:
            return None
        return _Res(f"{first[0].year:04d}/{last[1].year:04d}", "century", "hijri", relative)
    return _Res(f"{(c - 1) * 100 + 1:04d}/{c * 100:04d}", "century", "gregorian", relative)


def _h_decade(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    g = m.groupdict()
    if g.get("y"):
        start = int(g["y"])
    elif g.get("yy"):
        start = 1900 + int(g["yy"])
    elif g.get("w"):
        start = 1900 + _EN_DECADES[g["w"]]
    else:
        tens = _decade_words().get(g["dec"])
        if tens is None:
            return None
        century = 20
        relative = False
        if g.get("crel"):
            century = _century_rel(g["crel"], ref) or 20  # without a reference: the 20th (the default)
            relative = ref is not None
        elif g.get("co") or g.get("cn"):
            century = _century_number(m) or 0
            if not 1 <= century <= 21:
                return None
        if g.get("cera") in ("الهجري", "للهجره"):
            return None
        start = (century - 1) * 100 + tens
        return _Res(f"{start:04d}/{start + 9:04d}", "decade", "gregorian", relative)
    return _Res(f"{start:04d}/{start + 9:04d}", "decade", "gregorian", False)


def _hijri_to_greg(y: int, mo: int, d: int) -> dt.date | None:
    """A Hijri day in the Gregorian calendar: Umm al-Qura (hijridate) where it is defined,
    else the arithmetical Islamic calendar (convertdate)."""
    from hijridate import Hijri

    if not (1 <= mo <= 12 and 1 <= d <= 30):
        return None
    try:
        return Hijri(y, mo, d).to_gregorian()
    except OverflowError:
        pass
    except ValueError:
        return None
    from convertdate import islamic

    if d > islamic.month_length(y, mo) or not 1 <= y <= 9999:
        return None
    return dt.date(*islamic.to_gregorian(y, mo, d))


def _hijri_month_span(y: int, mo: int) -> tuple[dt.date, dt.date] | None:
    from hijridate import Hijri

    if not 1 <= mo <= 12:
        return None
    try:
        first = Hijri(y, mo, 1)
        return first.to_gregorian(), Hijri(y, mo, first.month_length()).to_gregorian()
    except OverflowError:
        pass
    except ValueError:
        return None
    from convertdate import islamic

    if not 1 <= y <= 9999:
        return None
    return dt.date(*islamic.to_gregorian(y, mo, 1)), dt.date(*islamic.to_gregorian(y, mo, islamic.month_length(y, mo)))


def _hijri_year_span(y: int) -> tuple[dt.date, dt.date] | None:
    first, last = _hijri_month_span(y, 1), _hijri_month_span(y, 12)
    if first is None or last is None:
        return None
    return first[0], last[1]


def _h_hijri_day(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    month = _month_of(m["m"], "hijri")
    if month is None:
        return None
    day = _hijri_to_greg(_int(m["y"]), month, _int(m["d"]))
    if day is None or not _weekday_ok(m, day):
        return None
    return _Res(_iso(day), "day", "hijri", False)


def _h_hijri_month(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    month = _month_of(m["m"], "hijri")
    if month is None or (month == 2 and not m["ah"]):  # صفر is also "zero"
        return None
    span = _hijri_month_span(_int(m["y"]), month)
    if span is None:
        return None
    return _Res(f"{_iso(span[0])}/{_iso(span[1])}", "range", "hijri", False)


def _h_hijri_year(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    span = _hijri_year_span(_int(m["y"]))
    if span is None:
        return None
    return _Res(f"{_iso(span[0])}/{_iso(span[1])}", "range", "hijri", False)


def _h_hijri_year_range(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    a, b = _int(m["y"]), _int(m["y2"])
    if not a < b <= a + 100:
        return None
    first, last = _hijri_year_span(a), _hijri_year_span(b)
    if first is None or last is None:
        return None
    return _Res(f"{_iso(first[0])}/{_iso(last[1])}", "range", "hijri", False)


def _h_relative_day(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    if ref is None:
        return None
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    shift = {"اليوم": 0, "today": 0, "امس": -1, "البارحه": -1, "yesterday": -1, "غدا": 1, "tomorrow": 1,
             "الامس": -1, "الغد": 1,
             "اول امس": -2, "اول من امس": -2, "امس الاول": -2, "the day before yesterday": -2, "بعد غد": 2,
             "the day after tomorrow": 2}.get(rel)
    if shift is None:
        return None
    return _Res(_iso(ref + dt.timedelta(days=shift)), "day", "gregorian", True)


def _h_relative_period(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    if ref is None:
        return None
    rel, unit = m["rel"].lower(), m["unit"].lower()
    step = -1 if rel in _PAST else 1 if rel in _NEXT else 0
    if unit in ("الاسبوع", "week"):
        d = ref + dt.timedelta(weeks=step)
        iy, iw, _ = d.isocalendar()
        return _Res(f"{iy:04d}-W{iw:02d}", "week", "gregorian", True)
    if unit in ("الشهر", "month"):
        y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
        return _Res(f"{y:04d}-{mo + 1:02d}", "month", "gregorian", True)
    return _Res(f"{ref.year + step:04d}", "year", "gregorian", True)


def _h_weekday(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    if ref is None:
        return None
    w = m["w"]
    wd = calendar_names().weekdays.get(re.sub(r"^(?:[وفبلك]{1,2})(?=ال)", "", w), calendar_names().weekdays.get(w))
    if wd is None:
        return None
    pre, rel = m["pre"], (m["rel"] or "").lower()
    if w in ("الاحد", "الاثنين") and not (pre or rel):
        # "the one" / "the two": only with a cue, or when not preceded by words that make them numerals
        before = m.string[max(0, m.start() - 12):m.start()]
        if w == "الاحد" or re.search(r"(?:بين|كلا|هذين|هاتين|من|ال)\s*$", before):
            return None
    if pre in ("امس",):
        d = ref - dt.timedelta(days=1)
    elif pre == "غدا":
        d = ref + dt.timedelta(days=1)
    elif rel in _NEXT:
        d = ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
    elif rel in _PAST:
        d = ref - dt.timedelta(days=(ref.weekday() - wd) % 7 or 7)
    else:
        d = ref - dt.timedelta(days=(ref.weekday() - wd) % 7)
    if d.weekday() != wd:
        return None
    return _Res(_iso(d), "day", "gregorian", True)


# --- durations ------------------------------------------------------------------------------
_DOWN = {"year": ("month", 12), "week": ("day", 7), "day": ("hour", 24), "hour": ("minute", 60),
         "minute": ("second", 60)}
_DESIGNATOR = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M", "second": "S"}
_FRACTIONS = {"نصف": Fraction(1, 2), "ربع": Fraction(1, 4), "ثلث": Fraction(1, 3), "ثلاثه ارباع": Fraction(3, 4),
              "half": Fraction(1, 2), "quarter": Fraction(1, 4)}
_VAGUE = {normalize_key(k): v for k, v in {
    "بضع": (3, 9), "بضعة": (3, 9), "عشرات": (20, 99), "مئات": (200, 999), "several": (3, 9), "a few": (3, 9),
    "dozens of": (24, 99), "hundreds of": (200, 999)}.items()}


def iso_duration(count: int | float | Fraction, unit: str) -> str:
    """An ISO 8601 duration for ``count`` ``unit``s (decades and centuries in years; a fraction
    carried down to smaller units where exact: 1.5 hours -> PT1H30M, 1.5 months -> P1.5M)."""
    n = Fraction(count).limit_denominator(1000)
    if unit == "decade":
        unit, n = "year", n * 10
    elif unit == "century":
        unit, n = "year", n * 100
    parts: list[tuple[str, str]] = []
    while True:
        whole = int(n)
        frac = n - whole
        if frac and unit not in _DOWN:
            parts.append((unit, f"{float(n):g}"))
            break
        if whole:
            parts.append((unit, str(whole)))
        if not frac:
            break
        unit, k = _DOWN[unit]
        n = frac * k
    date_part = "".join(v + _DESIGNATOR[u] for u, v in parts if u in ("year", "month", "week", "day"))
    time_part = "".join(v + _DESIGNATOR[u] for u, v in parts if u in ("hour", "minute", "second"))
    return "P" + date_part + ("T" + time_part if time_part else "") if parts else "PT0S"


def _unit_of(word: str) -> tuple[str, str] | None:
    tu = time_units()
    key = re.sub(r"\s+", " ", word)
    return tu.get(key) or tu.get(key.lower())


_SPAN_GROUPS = ("d0", "q", "n", "w", "we", "fr", "fre", "a", "v", "ve", "du", "u1", "u")


def _h_duration(m: re.Match[str], ref: dt.date | None) -> _Res | None:
    g = m.groupdict()
    ugroup = next(k for k in ("u", "du", "u1") if g.get(k))
    entry = _unit_of(g[ugroup])
    if entry is None:
        return None
    unit, form = entry
    extra: dict[str, Any] = {"unit_span": m.span(ugroup), "unit_en": UNIT_EN[unit], "kind": "exact"}
    if g.get("q"):
        q = re.sub(r"\s+", " ", g["q"])
        extra["qualifier"] = _qualifiers().get(q) or _qualifiers().get(q.lower())
    cue = g.get("cue") or g.get("cue_en")
    if unit == "decade" and not cue and not g.get("n") and not g.get("w"):
        return None  # عقدين alone: two contracts
    if unit == "decade" and not cue and g.get("u") and not g["u"].isascii():
        return None  # 3 عقود: three contracts
    if cue and cue.lower() in _qualifiers() and "qualifier" not in extra:
        extra["qualifier"] = _qualifiers()[cue.lower()]
        extra["span_start"] = m.start("cue" if g.get("cue") else "cue_en")
    else:  # the span starts at the qualifier or the number, not at a cue (لمدة, منذ, for)
        extra["span_start"] = min(m.start(k) for k in _SPAN_GROUPS if g.get(k))
    if g.get("we") and g["we"].lower() == "one" and unit == "day":
        return None  # "one day" is "some day"
    if g.get("v") or g.get("ve"):
        low, high = _VAGUE[re.sub(r"\s+", " ", (g.get("v") or g["ve"]).lower())]
        extra.update(kind="approximate", number=None, number_low=low, number_high=high)
        return _Res(None, "duration", extra=extra)
    if g.get("n"):
        digits = g["n"]
        digits = digits.replace(",", "") if re.fullmatch(r"\d{1,3},\d{3}", digits) else digits.replace(",", ".")
        count: Fraction | int = Fraction(digits)
    elif g.get("w") or g.get("we"):
        v = numwords.value(g.get("w") or g["we"])
        if v is None:
            return None
        count = Fraction(v)
    elif g.get("fr") or g.get("fre"):
        count = _FRACTIONS[re.sub(r"\s+", " ", (g.get("fr") or g["fre"]).lower())]
    elif form == "dual":
        count = Fraction(2)
    else:
        count = Fraction(1)
    if g.get("hw"):
        count += _FRACTIONS[g["hw"].lower()]
    if g.get("half"):
        count += _FRACTIONS["ربع" if "ربع" in g["half"] or "quarter" in g["half"] else "نصف"]
    if count <= 0 or count > 100_000:
        return None
    number = int(count) if count.denominator == 1 else float(count)
    extra["number"] = number
    return _Res(iso_duration(count, unit), "duration", extra=extra)


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------
def parse_reference(reference: str | dt.date | None) -> dt.date | None:
    if reference is None or reference == "":
        return None
    if isinstance(reference, dt.datetime):
        return reference.date()
    if isinstance(reference, dt.date):
        return reference
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(reference))
    if not m:
        raise ValueError(f"reference must be an ISO date (YYYY-MM-DD...), got {reference!r}")
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def _grammar_sources() -> str:
    return sources_key([pattern for _, pattern, _ in _grammar()])


@persistent("date-anchors", depends=_grammar_sources)
def _grammar_anchors() -> Anchors:
    return Anchors([pattern for _, pattern, _ in _grammar()])


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """Every non-empty match of ``pattern`` starting anywhere in ``text`` (one per start),
    in order of their starts; ``starts`` are where it may start (None: anywhere)."""
    if starts is None:
        pos = 0
        while True:
            m = pattern.search(text, pos)
            if m is None:
                return
            pos = m.start() + 1
            if m.end() != m.start():
                yield m
    else:
        match = pattern.match
        for p in starts:
            m = match(text, p)
            if m is not None and m.end() != m.start():
                yield m


_Cand = tuple[int, int, str, _Res]


def _candidates(norm_text: str, ref: dt.date | None) -> Iterator[_Cand]:
    starts = _grammar_anchors().starts(norm_text)
    for (rule, pattern, handler), at in zip(_grammar(), starts):
        has_s = "s" in pattern.groupindex
        for m in _matches_at(pattern, norm_text, at):
            res = handler(m, ref)
            if res is not None:
                s, e = m.span("s") if has_s and m["s"] is not None else m.span()
                if res.extra and "span_start" in res.extra:
                    s = res.extra["span_start"]
                yield s, e, rule, res


def _select(cands: list[_Cand], n: int) -> list[_Cand]:
    """Longest first, then leftmost; keep what overlaps nothing kept (one occupancy map, so
    the cost is the total length of the candidates, not their number squared)."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = bytearray(n + 1)
    kept: list[_Cand] = []
    for c in cands:
        s, e = c[0], c[1]
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        kept.append(c)
    kept.sort(key=lambda c: c[0])
    return kept


_JOIN = re.compile(r"\s+و\s*|\s*,?\s+and\s+")


_MERGE_FIRST = frozenset({"duration", "duration_dual", "duration_cue", "duration_cue_en", "duration_one",
                          "duration_one_and"})
_MERGE_NEXT = frozenset({"duration", "duration_dual"})


def _merge_durations(kept: list[_Cand], text: str) -> list[_Cand]:
    """ثلاث سنوات وستة أشهر, two years and three months: one duration (units falling)."""
    order = ["century", "decade", "year", "month", "week", "day", "hour", "minute", "second"]
    out: list[_Cand] = []
    for c in kept:
        if out and c[3].resolution == "duration" and out[-1][3].resolution == "duration":
            p = out[-1]
            pe, ce = p[3].extra, c[3].extra
            gap = text[p[1]:c[0]]
            if (p[2].split("+")[-1] in _MERGE_FIRST and c[2] in _MERGE_NEXT and _JOIN.fullmatch(gap)
                    and pe["kind"] == ce["kind"] == "exact" and not ce.get("qualifier")
                    and order.index(_base_unit(ce["unit_en"])) > order.index(_base_unit(pe["unit_en"]))
                    and p[3].value and c[3].value):
                parts = pe.get("parts", [(p[3].value, pe["unit_span"])]) + [(c[3].value, ce["unit_span"])]
                merged = dict(pe, number=None, parts=parts)
                value = _add_iso(p[3].value, c[3].value)
                out[-1] = (p[0], c[1], p[2] + "+" + c[2], p[3]._replace(value=value, extra=merged))
                continue
        out.append(c)
    return out


#: a quarter or a half of the year or month written right after it: الربع الثاني من العام الجاري 2015,
#: النصف الثاني من أغسطس, the first half of 2015
_PART_OF = re.compile(r"(?:(?<![\w])|(?<=(?<![\w])[وفبل]))(?:ال)?(?P<part>ربع|نصف)"
                      r"\s+(?P<ord>الاول|الثاني|الثالث|الرابع|الاخير)"
                      r"\s+(?:من\s+|لل?)(?:(?:ال)?(?:عام|سنه)\s+)?(?:شهر\s+)?$"
                      r"|\b(?:the\s+)?(?P<ord_en>first|second|third|fourth|last)\s+(?P<part_en>quarter|half)\s+of\s+$",
                      re.IGNORECASE)
_PART_ORD = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}


def _parts_of_periods(kept: list[_Cand], text: str) -> list[_Cand]:
    """A year or a month with a quarter or a half of it written before: the range of that part."""
    out: list[_Cand] = []
    for c in kept:
        s, e, rule, res = c
        if res.resolution in ("year", "month") and res.value and "/" not in res.value and res.calendar == "gregorian":
            m = _PART_OF.search(text, max(0, s - 40), s)
            if m is not None:
                part = (m["part"] or m["part_en"]).lower()
                n_parts = 4 if part in ("ربع", "quarter") else 2
                which = (m["ord"] or m["ord_en"]).lower()
                k = n_parts if which in ("الاخير", "last") else _PART_ORD[which]
                value = _part_range(res.value, res.resolution, k, n_parts) if k <= n_parts else None
                if value is not None:
                    c = (m.start(), e, "part_of+" + rule, res._replace(value=value, resolution="range"))
        out.append(c)
    return out


def _part_range(value: str, resolution: str, k: int, n_parts: int) -> str | None:
    """The k-th of n_parts of a year (months) or of a month (days: halves only)."""
    if resolution == "year":
        y, size = int(value), 12 // n_parts
        return f"{y:04d}-{(k - 1) * size + 1:02d}/{y:04d}-{k * size:02d}"
    if n_parts != 2:
        return None  # a quarter of a month is not a usual unit
    y, mo = (int(x) for x in value.split("-"))
    last = calendar.monthrange(y, mo)[1]
    return f"{value}-01/{value}-15" if k == 1 else f"{value}-16/{value}-{last:02d}"


def _base_unit(unit_en: str) -> str:
    return next(u for u, e in UNIT_EN.items() if e == unit_en)


_ISO_PART = re.compile(r"([0-9.]+)([YMWDHS])")


def _add_iso(a: str, b: str) -> str:
    """The sum of two ISO 8601 durations whose units do not overlap (P3Y + P6M = P3Y6M)."""
    def parts(v: str) -> dict[str, str]:
        d, _, t = v[1:].partition("T")
        return {**{k: n for n, k in _ISO_PART.findall(d)}, **{"T" + k: n for n, k in _ISO_PART.findall(t)}}
    pa, pb = parts(a), parts(b)
    if set(pa) & set(pb):
        return a
    allp = {**pa, **pb}
    date_part = "".join(allp[k] + k for k in "YMWD" if k in allp)
    time_part = "".join(allp["T" + k] + k for k in "HMS" if "T" + k in allp)
    return "P" + date_part + ("T" + time_part if time_part else "")


def _in_spans(spans: list[tuple[int, int]] | None) -> Callable[[int, int], bool]:
    """A test "is [s, e) inside one of ``spans``" in O(log n) (spans sorted, not overlapping)."""
    if spans is None:
        return lambda s, e: True
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]

    def inside(s: int, e: int) -> bool:
        i = bisect.bisect_right(starts, s) - 1
        return i >= 0 and ordered[i][0] <= s and e <= ordered[i][1]
    return inside


def find_temporal_normalized(norm: Normalized, ref: dt.date | None,
                             spans: list[tuple[int, int]] | None = None) -> tuple[list[DateMatch], list[DurationMatch]]:
    """Dates and durations in normalised text (offsets into ``norm.original``), one pass."""
    text = norm.text
    kept = _parts_of_periods(_merge_durations(_select(list(_candidates(text, ref)), len(text)), text), text)
    dates: list[DateMatch] = []
    durations: list[DurationMatch] = []
    original = norm.original
    inside = _in_spans(spans)
    for s, e, rule, res in kept:
        while e > s and text[e - 1].isspace():
            e -= 1
        o_s, o_e = norm.to_original(s, e)
        while o_e < len(original) and original[o_e] == "\u0640":  # هـ keeps its tatweel
            o_e += 1
        if not inside(o_s, o_e):
            continue
        if res.resolution == "duration":
            x = res.extra or {}
            if "parts" in x:
                unit = " ".join(original[slice(*norm.to_original(*sp))] for _, sp in x["parts"])
            else:
                unit = original[slice(*norm.to_original(*x["unit_span"]))]
            durations.append(DurationMatch(o_s, o_e, original[o_s:o_e], res.value, x.get("number"), unit,
                                           x["unit_en"], x["kind"], rule, x.get("qualifier"), x.get("number_low"),
                                           x.get("number_high")))
        else:
            dates.append(DateMatch(o_s, o_e, original[o_s:o_e], res.value, res.resolution, rule, res.calendar,
                                   res.relative))
    return dates, durations


def find_dates_normalized(norm: Normalized, ref: dt.date | None,
                          spans: list[tuple[int, int]] | None = None) -> list[DateMatch]:
    return find_temporal_normalized(norm, ref, spans)[0]


def find_dates(text: str, *, lang: str = "ar", reference: str | None = None) -> list[DateMatch]:
    """All dates in ``text`` (Arabic and English patterns both run; ``lang`` is a hint kept for
    symmetry with the other annotators). ``reference`` is the ISO date relative dates resolve
    against; without it relative dates are skipped."""
    return find_dates_normalized(normalize(text), parse_reference(reference))


def find_durations(text: str, *, lang: str = "ar") -> list[DurationMatch]:
    """All durations in ``text`` (8 سنوات, نصف ساعة, three years), with ISO 8601 values."""
    return find_temporal_normalized(normalize(text), None)[1]


__all__ = ["DateMatch", "DurationMatch", "find_dates", "find_dates_normalized", "find_durations",
           "find_temporal_normalized", "iso_duration", "parse_reference", "UNIT_EN", "calendar_names", "time_units",
           "CalendarNames"]

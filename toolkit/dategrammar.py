"""The date grammar: dates in Arabic and English text, absolute, ranges, years, Hijri and relative.

Pure functions over text, below both the readers (a published date inferred from the lead)
and the dates annotator (``toolkit.annotators.dates``): ``find_dates(text, reference=...)``
returns :class:`DateMatch` records with offsets into ``text``; ``find_dates_normalized``
does the same over text already normalised.

How it works: the text is normalised (:mod:`toolkit.arabic`: alef forms, ة→ه, tatweel
and diacritics removed, Arabic-Indic digits → 0-9) and a small hand-written grammar runs
over the normalised text; spans are mapped back to the original. Month and weekday names
come from ``toolkit/lexicon/months.csv`` (Western, Levantine/Iraqi, Maghrebi, Moroccan and
Hijri months in Arabic; English months and abbreviations; weekdays). Of overlapping
candidates the longest wins, so ``اليوم الجمعة 25 ابريل/نيسان 2025`` is one day, not
the relative ``اليوم`` plus a date.

Values are ISO 8601 at their resolution: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www``
(a week), and ranges ``A/B``. Choices worth knowing:

- relative dates (اليوم، أمس، الأسبوع الماضي، today, last year ...), weekdays alone and
  day-month without a year are resolved against ``reference`` (the article's published
  ISO date). Without a reference they are **skipped** (no mention), never given ``None``.
- a weekday alone resolves to the most recent such day on or before the reference
  (``الاثنين الماضي`` strictly before it, ``الاثنين المقبل`` strictly after it).
- a year alone needs a cue (عام، العام، سنة، منذ، حتى، في، خلال، in, since, until ...)
  and must be 19xx/20xx; a bare four-digit number is not a date.
- Hijri dates are converted with ``hijridate``: a Hijri day gives a Gregorian day, a
  Hijri month or year gives the Gregorian day range it spans (``A/B``), with
  ``attrs['calendar'] == 'hijri'``. Dates outside hijridate's range are skipped.
- a double month form (``ابريل/نيسان``, ``مارس (آذار)``) is accepted only when both
  names denote the same month.
- a range span starts at its first day (``17 و18 مارس/آذار 2025``; ``من``/``بين`` left out).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

from toolkit.arabic import Normalized, normalize, normalize_key
from toolkit import lexicon
from toolkit.anchors import Anchors



@dataclass(frozen=True)
class DateMatch:
    """A date found in text: original offsets, ISO value, resolution and the rule used."""

    start: int
    end: int
    text: str
    value: str
    resolution: str  # "day" | "week" | "month" | "year" | "range"
    rule: str
    calendar: str = "gregorian"  # "gregorian" | "hijri"
    relative: bool = False


@dataclass(frozen=True)
class _Names:
    months: dict[str, tuple[int, str]]  # normalised name -> (month number, calendar)
    weekdays: dict[str, int]  # normalised name -> Python weekday (Monday 0)


@lru_cache(maxsize=1)
def _names() -> _Names:
    months: dict[str, tuple[int, str]] = {}
    weekdays: dict[str, int] = {}
    for row in lexicon.rows("months", required=("name", "number", "kind")):
        key = normalize_key(row["name"])
        try:
            num = int(row["number"])
        except ValueError:
            raise lexicon.error("months", row, f"number must be an integer, not {row['number']!r}") from None
        kind = lexicon.choice("months", row, "kind", ("month", "weekday"))
        if kind == "month":
            months[key] = (num, row.get("calendar") or "gregorian")
        else:
            weekdays[key] = num
    return _Names(months, weekdays)


@lru_cache(maxsize=None)
def _alt_cached(keys: tuple[str, ...], latin: bool) -> str:
    parts = []
    for k in sorted(set(keys), key=len, reverse=True):
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
_AH = r"(?:\s?ه(?![\w])|\s?هجري[هة]?(?![\w])|\s+للهجره(?![\w])|\s?AH\b)"  # tatweel is gone after normalisation
_NUMERIC_SEP = r"\s*(?:,|،)?\s*"
# what may not follow a year taken on a weak cue (في 2025 مليون is an amount, not a year)
_NOT_AMOUNT = (r"(?![\w%]|\s*(?:%|[,،.]?\s*[0-9]|(?:ال)?(?:الف|الاف|مليون|ملايين|مليار|مليارات|بليون|تريليون)(?![\w])"
               r"|في\s+الما?يه|بالما?يه|(?:thousand|million|billion|trillion|percent|per\s+cent)\b))")


@lru_cache(maxsize=1)
def _grammar() -> list[tuple[str, re.Pattern[str], Callable]]:
    n = _names()
    ar_g = [k for k, (_, c) in n.months.items() if c == "gregorian" and not k.isascii()]
    en_g = [k for k, (_, c) in n.months.items() if c == "gregorian" and k.isascii()]
    ar_h = [k for k, (_, c) in n.months.items() if c == "hijri" and not k.isascii()]
    en_h = [k for k, (_, c) in n.months.items() if c == "hijri" and k.isascii()]
    ar_wd = [k for k in n.weekdays if not k.isascii()]
    en_wd = [k for k in n.weekdays if k.isascii()]

    m1 = "(?:" + _B + _alt(ar_g) + _E + "|" + r"\b" + _alt(en_g, latin=True) + r"(?![\w])" + ")"
    # a month, optionally doubled: ابريل/نيسان, مارس (آذار), مارس - آذار, مارس أو آذار
    gm = rf"(?:{m1}(?:\s*/\s*{m1}|\s*\(\s*{m1}\s*\)|\s+-\s+{m1}|\s+او\s+{m1})?)"
    hm = "(?:" + _B + _alt(ar_h) + _E + "|" + r"\b" + _alt(en_h) + r"(?![\w])" + ")"
    wd = "(?:" + _B + _alt(ar_wd) + _E + "|" + r"\b" + _alt(en_wd) + r"\b" + ")"
    # weekday prefix kept in the span: (اليوم|أمس|غدا|يوم)? الجمعة ،?
    wdp = rf"(?:(?:{_B}(?:اليوم|امس|غدا|يوم){_E}\s+|\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Oo]n)\s*,?\s+)?{wd}\s*[,،]?\s*)"
    year_cue = r"(?:\s*[,،]?\s*(?:(?:من\s+)?(?:ال)?(?:عام|سنه)\s+|of\s+))?"
    of = r"(?:\s+(?:من|of))?"
    rng = r"\s*(?:-|/|–)\s*|\s+و\s*|\s+(?:الى|حتي|لغايه|ولغايه|حتى)\s+|\s+(?:to|and|until|through)\s+|\s*و\s*"

    g: list[tuple[str, re.Pattern[str], Callable]] = []

    def add(rule: str, pattern: str, handler: Callable, flags: int = 0) -> None:
        g.append((rule, re.compile(normalize_key(pattern), flags), handler))

    # --- Gregorian day-month-year, weekday prefix optional
    add("day_month_year", rf"(?P<wdp>{wdp})?(?P<d>{_DAY}){of}\s*(?P<m>{gm}){year_cue}{_NUMERIC_SEP}(?P<y>{_YEAR}){_CE}", _h_day)
    # English month-day-year: (Friday,)? April 25(th)?, 2025
    add("month_day_year", rf"(?P<wdp>{wdp})?(?P<m>{gm})\s+(?P<d>{_DAY}){_NUMERIC_SEP}(?P<y>{_YEAR}){_CE}", _h_day)
    # day-month without a year: needs the reference's year
    add("day_month", rf"(?<!احداث )(?<!هجمات )(?<!اعتداءات )(?<!هجوم )(?<!ثوره )(?P<wdp>{wdp})?(?P<d>{_DAY}){of}\s*(?P<m>{gm})(?!\s*[,،]?\s*(?:(?:من\s+)?(?:ال)?(?:عام|سنه)\s+)?[0-9])", _h_day)
    add("month_day", rf"(?P<wdp>{wdp})?(?P<m>\b{_alt(en_g, latin=True)})\s+(?P<d>{_DAY})(?![\d,]|\s*,?\s*\d)", _h_day)
    # --- ranges inside one month: 17 و18 مارس 2025; 3-5 June 2024; من 3 إلى 5 يونيو
    add("day_range", rf"(?P<d>{_DAY})(?:{rng})(?P<d2>{_DAY}){of}\s*(?P<m>{gm})(?:{year_cue}{_NUMERIC_SEP}(?P<y>{_YEAR}){_CE}|\s+(?P<rel>الماضي|المنصرم|الفائت|المقبل|القادم|الجاري|الحالي){_E})?", _h_day_range)
    add("month_day_range", rf"(?P<m>{gm})\s+(?P<d>{_DAY})(?:{rng})(?P<d2>{_DAY})(?:{_NUMERIC_SEP}(?P<y>{_YEAR}){_CE})?", _h_day_range)
    # ranges across months: 30 مارس - 2 أبريل 2025; من 30 مارس إلى 2 أبريل 2025
    add("cross_month_range", rf"(?P<d>{_DAY})\s*(?P<m>{gm})(?:{year_cue}{_NUMERIC_SEP}(?P<y1>{_YEAR}))?(?:{rng})(?P<d2>{_DAY})\s*(?P<m2>{gm})(?:{year_cue}{_NUMERIC_SEP}(?P<y>{_YEAR}){_CE})?", _h_cross_range)
    # --- month-year: مارس 2025, آذار/مارس من العام 2025, March 2025
    add("month_year", rf"(?P<m>{gm}){year_cue}{_NUMERIC_SEP}(?P<y>{_YEAR}){_CE}", _h_month_year)
    # day, month and a relative cue: 10 يوليو/تموز الجاري, 30 يونيو الماضي
    add("day_month_relative", rf"(?P<wdp>{wdp})?(?P<d>{_DAY}){of}\s*(?P<m>{gm})\s+(?P<rel>الماضي|المنصرم|الفائت|المقبل|القادم|الجاري|الحالي){_E}", _h_day_relative)
    # month with a relative cue: مارس الماضي, الشهر... (needs reference)
    add("month_relative", rf"(?:{_B}شهر\s+)?(?P<m>{gm})\s+(?P<rel>الماضي|المنصرم|الفائت|المقبل|القادم|الجاري|الحالي){_E}", _h_month_relative)
    add("month_relative_en", rf"\b(?P<rel>last|next|this)\s+(?P<m>{_alt(en_g)})\b", _h_month_relative)
    # --- years with a cue
    add("year_cue", rf"{_B}(?P<cue>(?:ال)?(?:عام|سنه)){_E}\s+(?P<y>{_YEAR}){_CE}", _h_year)
    add("year_after_prep", rf"{_B}(?:في|منذ|حتى|حتي|خلال|مطلع|بدايه|نهايه|اواخر|اوائل|منتصف|قبل|بعد){_E}\s+(?P<s>(?P<y>{_YEAR}){_CE}){_NOT_AMOUNT}", _h_year)
    add("year_after_prep_en", rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Tt]hrough|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?P<s>(?P<y>{_YEAR})){_NOT_AMOUNT}", _h_year)
    add("year_range", rf"{_B}(?:(?:ال)?(?:عامي|سنتي|فتره|اعوام|سنوات|عام|من)\s+|(?:بين|from|between)\s+(?:(?:ال)?(?:عامي|عام)\s+)?)(?P<y>{_YEAR})(?:\s*[-–/]\s*|\s+و\s*|\s+(?:الى|حتى|حتي|to|and)\s+(?:(?:ال)?عام\s+)?)(?P<y2>{_YEAR})", _h_year_range)
    # --- Hijri
    add("hijri_day", rf"(?P<wdp>{wdp})?(?P<d>{_DAY})\s*(?:من\s+)?(?P<m>{hm})(?:\s+(?:من\s+)?(?:ال)?(?:عام|سنه))?\s*(?P<y>{_HYEAR})(?P<ah>{_AH})?", _h_hijri_day)
    add("hijri_month_year", rf"(?P<m>{hm})(?:\s+(?:من\s+)?(?:ال)?(?:عام|سنه))?\s+(?P<y>{_HYEAR})(?P<ah>{_AH})?", _h_hijri_month)
    add("hijri_year", rf"(?:{_B}(?P<cue>(?:ال)?(?:عام|سنه)){_E}\s+)?(?P<y>{_HYEAR})(?P<ah>{_AH})", _h_hijri_year)
    # --- relative (needs reference)
    add("relative_day", rf"{_B}(?<!ذلك )(?<!هذا )(?<!نفس )(?<!ذات )(?P<rel>اول\s+من\s+امس|اول\s+امس|امس|البارحه|بعد\s+غد|غدا|اليوم){_E}(?!\s+(?!(?:الي|التي|الذي|الذين|اللذين|اللتين)(?![\w]))ال(?!احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت)[\w])", _h_relative_day)
    add("relative_day_en", r"\b(?P<rel>[Tt]he\s+day\s+before\s+yesterday|[Tt]he\s+day\s+after\s+tomorrow|[Tt]oday|[Yy]esterday|[Tt]omorrow)\b", _h_relative_day)
    add("relative_period", rf"{_B}(?P<unit>الاسبوع|الشهر|العام|السنه)\s+(?P<rel>الماضي|الماضيه|المنصرم|المنصرمه|الفائت|الفائته|المقبل|المقبله|القادم|القادمه|الجاري|الجاريه|الحالي|الحاليه){_E}", _h_relative_period)
    add("relative_period_this", rf"{_B}(?P<rel>هذا|هذه)\s+(?P<unit>الاسبوع|الشهر|العام|السنه){_E}", _h_relative_period)
    add("relative_period_en", r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+(?P<unit>week|month|year)\b", _h_relative_period)
    # --- weekday alone (needs reference)
    add("weekday", rf"(?:(?P<pre>{_B}(?:يوم|اليوم|امس|غدا){_E})\s+)?(?P<w>{wd})(?:\s+(?P<rel>الماضي|المنصرم|الفائت|المقبل|القادم|last|next){_E})?", _h_weekday)
    return g


# ---------------------------------------------------------------------------
# handlers: (match, reference date or None) -> (value, resolution, calendar, relative) | None
# ---------------------------------------------------------------------------
Result = tuple[str, str, str, bool]


@lru_cache(maxsize=1)
def _name_re() -> re.Pattern[str]:
    n = _names()
    keys = list(n.months) + list(n.weekdays)
    return re.compile(r"(?<![^\W\d_])" + _alt(keys) + r"(?![^\W\d_])")


def _names_in(s: str) -> list[str]:
    return [re.sub(r"\s+", " ", k) for k in _name_re().findall(s)]


def _month_of(s: str, calendar: str = "gregorian") -> int | None:
    """The month a (possibly doubled) month expression names, or None when its names disagree."""
    months = _names().months
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
    names = _names().weekdays
    for key in _names_in(wdp):
        if key in names:
            return names[key] == day.weekday()
    return True


def _h_day(m: re.Match[str], ref: dt.date | None) -> Result | None:
    month = _month_of(m["m"])
    if month is None:
        return None
    if m.groupdict().get("y"):
        day = _date(_int(m["y"]), month, _int(m["d"]))
    elif ref is not None:  # no year: the nearest such day to the reference
        days = [d for d in (_date(ref.year + k, month, _int(m["d"])) for k in (0, -1, 1)) if d is not None]
        day = min(days, key=lambda d: abs((d - ref).days)) if days else None
    else:
        return None
    if day is None:
        return None
    if not _weekday_ok(m, day):
        return None
    return _iso(day), "day", "gregorian", not m.groupdict().get("y")


def _h_day_range(m: re.Match[str], ref: dt.date | None) -> Result | None:
    month = _month_of(m["m"])
    if month is None:
        return None
    if m["y"]:
        year = _int(m["y"])
    elif ref is None:
        return None
    elif m.groupdict().get("rel"):
        year = int(_h_month_relative(m, ref)[0][:4])
    else:
        year = ref.year
    a, b = _date(year, month, _int(m["d"])), _date(year, month, _int(m["d2"]))
    if a is None or b is None or b <= a:
        return None
    return f"{_iso(a)}/{_iso(b)}", "range", "gregorian", not m["y"]


def _h_cross_range(m: re.Match[str], ref: dt.date | None) -> Result | None:
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
    return f"{_iso(a)}/{_iso(b)}", "range", "gregorian", not m["y"]


def _h_day_relative(m: re.Match[str], ref: dt.date | None) -> Result | None:
    month_res = _h_month_relative(m, ref)
    if month_res is None:
        return None
    y, mo = (int(x) for x in month_res[0].split("-"))
    day = _date(y, mo, _int(m["d"]))
    if day is None or not _weekday_ok(m, day):
        return None
    return _iso(day), "day", "gregorian", True


def _h_month_year(m: re.Match[str], ref: dt.date | None) -> Result | None:
    month = _month_of(m["m"])
    if month is None:
        return None
    return f"{_int(m['y']):04d}-{month:02d}", "month", "gregorian", False


_PAST = {"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "last", "past"}
_NEXT = {"المقبل", "المقبله", "القادم", "القادمه", "next"}


def _h_month_relative(m: re.Match[str], ref: dt.date | None) -> Result | None:
    month = _month_of(m["m"])
    if month is None or ref is None:
        return None
    rel = m["rel"].lower()
    year = ref.year
    if rel in _PAST and month >= ref.month:
        year -= 1
    elif rel in _NEXT and month <= ref.month:
        year += 1
    return f"{year:04d}-{month:02d}", "month", "gregorian", True


def _h_year(m: re.Match[str], ref: dt.date | None) -> Result | None:
    return f"{_int(m['y']):04d}", "year", "gregorian", False


def _h_year_range(m: re.Match[str], ref: dt.date | None) -> Result | None:
    a, b = _int(m["y"]), _int(m["y2"])
    if b <= a:
        return None
    return f"{a:04d}/{b:04d}", "range", "gregorian", False


def _hijri_to_greg(y: int, mo: int, d: int) -> dt.date | None:
    from hijridate import Hijri

    try:
        return Hijri(y, mo, d).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _hijri_month_span(y: int, mo: int) -> tuple[dt.date, dt.date] | None:
    from hijridate import Hijri

    try:
        first = Hijri(y, mo, 1)
        return first.to_gregorian(), Hijri(y, mo, first.month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _h_hijri_day(m: re.Match[str], ref: dt.date | None) -> Result | None:
    month = _month_of(m["m"], "hijri")
    if month is None:
        return None
    day = _hijri_to_greg(_int(m["y"]), month, _int(m["d"]))
    if day is None or not _weekday_ok(m, day):
        return None
    return _iso(day), "day", "hijri", False


def _h_hijri_month(m: re.Match[str], ref: dt.date | None) -> Result | None:
    month = _month_of(m["m"], "hijri")
    if month is None or (month == 2 and not m["ah"]):  # صفر is also "zero"
        return None
    span = _hijri_month_span(_int(m["y"]), month)
    if span is None:
        return None
    return f"{_iso(span[0])}/{_iso(span[1])}", "range", "hijri", False


def _h_hijri_year(m: re.Match[str], ref: dt.date | None) -> Result | None:
    y = _int(m["y"])
    first, last = _hijri_month_span(y, 1), _hijri_month_span(y, 12)
    if first is None or last is None:
        return None
    return f"{_iso(first[0])}/{_iso(last[1])}", "range", "hijri", False


def _h_relative_day(m: re.Match[str], ref: dt.date | None) -> Result | None:
    if ref is None:
        return None
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    shift = {"اليوم": 0, "today": 0, "امس": -1, "البارحه": -1, "yesterday": -1, "غدا": 1, "tomorrow": 1,
             "اول امس": -2, "اول من امس": -2, "the day before yesterday": -2, "بعد غد": 2,
             "the day after tomorrow": 2}.get(rel)
    if shift is None:
        return None
    return _iso(ref + dt.timedelta(days=shift)), "day", "gregorian", True


def _h_relative_period(m: re.Match[str], ref: dt.date | None) -> Result | None:
    if ref is None:
        return None
    rel, unit = m["rel"].lower(), m["unit"].lower()
    step = -1 if rel in _PAST else 1 if rel in _NEXT else 0
    if unit in ("الاسبوع", "week"):
        d = ref + dt.timedelta(weeks=step)
        iy, iw, _ = d.isocalendar()
        return f"{iy:04d}-W{iw:02d}", "week", "gregorian", True
    if unit in ("الشهر", "month"):
        y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
        return f"{y:04d}-{mo + 1:02d}", "month", "gregorian", True
    return f"{ref.year + step:04d}", "year", "gregorian", True


def _h_weekday(m: re.Match[str], ref: dt.date | None) -> Result | None:
    if ref is None:
        return None
    w = m["w"]
    wd = _names().weekdays.get(re.sub(r"^(?:[وفبلك]{1,2})(?=ال)", "", w), _names().weekdays.get(w))
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
    return _iso(d), "day", "gregorian", True


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


@lru_cache(maxsize=1)
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


def _candidates(norm_text: str, ref: dt.date | None) -> Iterator[tuple[int, int, str, Result]]:
    starts = _grammar_anchors().starts(norm_text)
    for (rule, pattern, handler), at in zip(_grammar(), starts):
        has_s = "s" in pattern.groupindex
        for m in _matches_at(pattern, norm_text, at):
            res = handler(m, ref)
            if res is not None:
                s, e = m.span("s") if has_s and m["s"] is not None else m.span()
                yield s, e, rule, res


def find_dates_normalized(norm: Normalized, ref: dt.date | None, spans: list[tuple[int, int]] | None = None) -> list[DateMatch]:
    text = norm.text
    cands = list(_candidates(text, ref))
    # longest first, then leftmost; keep what does not overlap what was kept
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, str, Result]] = []
    for c in cands:
        s, e = c[0], c[1]
        # trim trailing spaces the pattern may have eaten
        if any(s < te and ts < e for ts, te, _, _ in taken):
            continue
        taken.append(c)
    out: list[DateMatch] = []
    original = norm.original
    for s, e, rule, (value, resolution, calendar, relative) in sorted(taken):
        while e > s and text[e - 1].isspace():
            e -= 1
        o_s, o_e = norm.to_original(s, e)
        while o_e < len(original) and original[o_e] == "\u0640":  # هـ keeps its tatweel
            o_e += 1
        if spans is not None and not any(a <= o_s and o_e <= b for a, b in spans):
            continue
        out.append(DateMatch(o_s, o_e, original[o_s:o_e], value, resolution, rule, calendar, relative))
    return out


def find_dates(text: str, *, lang: str = "ar", reference: str | None = None) -> list[DateMatch]:
    """All dates in ``text`` (Arabic and English patterns both run; ``lang`` is a hint kept for
    symmetry with the other annotators). ``reference`` is the ISO date relative dates resolve
    against; without it relative dates are skipped."""
    return find_dates_normalized(normalize(text), parse_reference(reference))

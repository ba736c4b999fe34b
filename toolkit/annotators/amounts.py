"""Amounts and ordinals: numbers with their qualifier, multiplier, unit or currency.

``find_amounts(text)`` returns :class:`AmountMatch` records; ``annotate(doc)`` wraps it
for the pipeline (type ``amount`` for counts, money, percentages, fractions and vague
quantities; type ``ordinal`` for العشرون, الحادي عشر, 20th ...). Data lives in
``toolkit/lexicon/numbers.csv`` (multipliers, number words, ordinals, qualifiers, vague
quantities, fractions), ``units.csv`` (counted nouns, currencies, percent signs) and
``amount_stopwords.csv`` (words that are never what a number counts).

An amount is ``qualifier? currency-sign? number multiplier? (و number multiplier)?
(percent | unit adjective? | counted noun)?`` over the normalised text, e.g. ``أكثر من 70 منطقة
روسية`` (70, more_than, regions), ``2.5 مليار دولار`` (2500000000, USD), ``١٥٪`` (15, percent).
The number is digits or words (:mod:`toolkit.numwords`: ``اثنتا عشرة اتفاقية`` = 12,
``خمسة وعشرون`` = 25, ``مئة وخمسون`` = 150, ``twenty-five``). What makes a number an amount:

- digits need a unit, a percent sign, a multiplier, a currency, a qualifier (``حتى`` alone is
  not enough: حتى 5 could be anything) or an accusative counted noun (``25 معتقلا``);
- number words count before any counted noun (``خمسة ممرضات``, ``ثلاثة جنود``; kind ``count``,
  ``unit_en`` empty when the noun is not in units.csv), before ``من`` + a noun
  (``ثلاثة من الجنود``), and stand alone when they cannot be anything else (``قتل خمسة``:
  masculine units ثلاثة … عشرة, اثنان, tens, hundreds, compounds; not واحد or the short
  forms ثلاث، ست، سبع … that only go before a noun); English number words need a noun;
- ``شخص واحد``, ``جنديان اثنان``: a noun then واحد/اثنان (the span starts at the noun);
- vague quantities (``عشرات``, ``مئات``, ``آلاف``, ``عشرات الآلاف``, ``بضعة``, ``dozens``,
  ``hundreds of thousands``): kind ``approximate``, ``number_low``/``number_high`` the range
  (عشرات 20–99, مئات 200–999, آلاف 2,000–9,999, عشرات الآلاف 20,000–99,999, بضع 3–9,
  dozens 24–99 ...: numbers.csv), ``value`` the low end (what the text asserts at least);
- fractions (``نصف``, ``ثلث``, ``ربع``, ``ثلثي``, ``half``, ``two-thirds``) before a noun: kind
  ``fraction``, value 0.5, 1/3 ...; before a multiplier they scale it (``نصف مليون`` = 500000).

Never an amount: digits inside a date or a duration (spans overlapping ``date`` and
``duration`` mentions, or those found here when the dates annotator did not run on the doc;
``8 سنوات`` is a duration), digits joined to a word (``سانغتودا-1``, ``F-16``, ``COVID-19``, ``5G``),
digit strings of 7+ digits without separators or starting with 0 or ``+`` (phone-like), and bare years.

Separators: ``,`` and ``٬`` before exactly three digits group thousands; otherwise
``,`` is a decimal comma. ``.`` and ``٫`` are decimal points, except ``1.000.000``
(several three-digit groups) and a single ``.ddd`` with no multiplier after it
(``2.500 طن`` = 2500: a count is not written with three decimals), which group thousands.

Speed: every pattern is tried only where it can start (:class:`toolkit.anchors.Anchors`,
one Aho-Corasick pass); overlaps are settled with one occupancy map and spans are checked
against dates and regions by bisection, so the cost is linear in the text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable

from toolkit import lexicon, numwords
from toolkit.arabic import Normalized, normalize, normalize_key
from toolkit.anchors import Anchors, LazyPattern, sources_key
from toolkit import cache
from toolkit.cache import persistent
from toolkit.dategrammar import calendar_names, find_temporal_normalized, time_units
from toolkit.model import Doc, Mention
from toolkit.registry import annotator


@dataclass(frozen=True)
class AmountMatch:
    """An amount or ordinal: original offsets, numeric value and what it counts."""

    start: int
    end: int
    text: str
    type: str  # "amount" | "ordinal"
    value: int | float
    kind: str  # "count" | "money" | "percent" | "number" | "fraction" | "approximate" | "ordinal"
    rule: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Lex:
    multipliers: dict[str, int]
    ordinals: dict[str, int]
    ordinal_units: dict[str, int]
    ordinal_tens: dict[str, int]
    qualifiers: dict[str, str]
    vague: dict[str, tuple[int, int]]
    fractions: dict[str, Fraction]
    units: dict[str, tuple[str, str, str]]  # key -> (unit_en, kind, currency)
    symbols: dict[str, tuple[str, str]]  # sign -> (unit_en, currency)
    not_nouns: frozenset[str]
    not_adjectives: frozenset[str]
    labels: frozenset[str]  # المادة, الفقرة, رقم: a number after them names, it does not count


_NUMBER_KINDS = ("multiplier", "cardinal", "teen_unit", "ordinal", "ordinal_unit", "ordinal_tens", "qualifier",
                 "vague", "fraction")


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    mult: dict[str, int] = {}
    ordn: dict[str, int] = {}
    ounit: dict[str, int] = {}
    otens: dict[str, int] = {}
    qual: dict[str, str] = {}
    vague: dict[str, tuple[int, int]] = {}
    fracs: dict[str, Fraction] = {}
    for row in lexicon.rows("numbers", required=("word", "value", "kind")):
        key = normalize_key(row["word"])
        kind = lexicon.choice("numbers", row, "kind", _NUMBER_KINDS)
        value = row["value"]
        try:
            if kind == "qualifier":
                qual[key.lower() if key.isascii() else key] = value
            elif kind == "vague":
                low, high = (int(x) for x in value.split("-"))
                if not 0 < low <= high:
                    raise ValueError
                vague[key.lower() if key.isascii() else key] = (low, high)
            elif kind == "fraction":
                fracs[key.lower() if key.isascii() else key] = Fraction(value)
            elif kind in ("cardinal", "teen_unit"):
                int(value)  # read by toolkit.numwords
            else:
                target = {"multiplier": mult, "ordinal": ordn, "ordinal_unit": ounit, "ordinal_tens": otens}[kind]
                target[key] = int(value)
        except ValueError:
            raise lexicon.error("numbers", row,
                                f"bad value {value!r} for kind {kind} (see README.dates_amounts.md)") from None
    units: dict[str, tuple[str, str, str]] = {}
    symbols: dict[str, tuple[str, str]] = {}
    for row in lexicon.rows("units", required=("word", "unit_en", "kind")):
        key = normalize_key(row["word"])
        kind = lexicon.choice("units", row, "kind", ("noun", "currency", "percent", "currency_symbol"))
        if kind == "currency_symbol":
            symbols[key] = (row["unit_en"], row.get("currency", ""))
        else:
            units[key] = (row["unit_en"], kind, row.get("currency", ""))
    stop: dict[str, set[str]] = {"noun": set(), "adjective": set(), "label": set()}
    for row in lexicon.rows("amount_stopwords", required=("word", "role")):
        role = lexicon.choice("amount_stopwords", row, "role", tuple(stop))
        stop[role].add(normalize_key(row["word"]))
    return _Lex(mult, ordn, ounit, otens, qual, vague, fracs, units, symbols, frozenset(stop["noun"]),
                frozenset(stop["adjective"]), frozenset(stop["label"]))


@lru_cache(maxsize=None)
def _alt_cached(keys: tuple[str, ...], accusative: bool) -> str:
    parts = []
    for k in sorted(set(keys), key=lambda k: (-len(k), k)):
        p = r"\s+".join(re.escape(w) for w in k.split())
        if accusative and not k.isascii() and k[-1] not in "اهيء" and not k.endswith("ات"):
            p += "ا?"  # tanween accusative: شخصاً -> شخصا
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


def _alt(keys, *, accusative: bool = False) -> str:
    return _alt_cached(tuple(sorted(set(keys))), accusative)


_B = r"(?:(?<![\w])|(?<=(?<![\w])[وفبلك])|(?<=(?<![\w])[وف][بلك]))"
_E = r"(?![\w])"
# a number in digits; refuses digits glued to letters or hyphens (F-16, سانغتودا-1, 5G); atomic,
# so that a long run of digits is read once and never backtracked into
_NUM = (r"(?:(?<![\w.,/+\-])|(?<=(?<![\w])[وبل])|(?<=(?<![\w])[وف][بل]))(?<![\w]-)"
        r"(?>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:[.,]\d+)?)"
        r"(?!(?!(?:bn|mn|mln|tn)(?![^\W\d_]))[^\W\d_])(?![.,]?\d)(?!-[\w])")  # a letter ends no number, but $4.5bn
_NOUN = r"[^\W\d_]"
#: an English word after a number counts only as a plural noun (12 tanks), not any word (2 billion last year)
_EN_PLURAL = r"(?!(?:was|has|is|its|this|thus|plus|less|across|us|as|yes|does|his|hers|whereas)\b)[a-z]{2,}s\b"
#: two numbers joined by a dash, a range (18-38 كم, 15- 35 كم): the amount is the low end
_RANGE = (r"(?:(?<![\w.,/+\-])|(?<=(?<![\w])[وبل]))"
          r"(?P<lo>\d+(?:[.,]\d+)?)\s*[-–]\s*(?P<hi>\d+(?:[.,]\d+)?)(?![^\W\d_])(?![.,]?\d)(?!-[\w])")
#: و + a half or a quarter after a unit or a multiplier: متر ونصف (1.5), مليون ونصف (1,500,000)
_AND_FRACTION = r"\s+و\s?(?:نصف|ربع)(?![\w])(?!\s+(?:مليون|مليار|الف|بليون)(?![\w]))"
_AND_FRACTION_VALUE = {"نصف": 0.5, "ربع": 0.25}
#: the short and long number words that follow a definite plural as its adjective (الدورات الثلاث)
#: (not الاثنين: Monday)
_DEFINITE_NUMBERS = ("ثلاث", "ثلاثة", "أربع", "أربعة", "خمس", "خمسة",
                     "ست", "ستة", "سبع", "سبعة", "ثماني", "ثمانية", "تسع", "تسعة", "عشر", "عشرة")
#: Arabic number words that may stand alone (قتل خمسة): not واحد, not the short forms before a noun
_STANDALONE_UNITS = frozenset(normalize_key(w) for w in (
    "اثنان", "اثنين", "اثنتان", "اثنتين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    lx = _lex()
    ar = lambda d: [k for k in d if not k.isascii()]  # noqa: E731
    en = lambda d: [k for k in d if k.isascii()]  # noqa: E731
    qual = "(?:" + _B + _alt(ar(lx.qualifiers)) + _E + "|" + r"\b(?i:" + _alt(en(lx.qualifiers)) + r")\b" + ")"
    mult = "(?:" + _alt(ar(lx.multipliers)) + _E + "|" + _alt(en(lx.multipliers)) + r"\b" + ")"
    card = rf"(?:{_B}{numwords.pattern(english=False)}|\b{numwords.pattern(arabic=False)})"
    units_ar = [k for k, v in lx.units.items() if not k.isascii() and v[1] != "percent"]
    units_en = [k for k, v in lx.units.items() if k.isascii() and v[1] != "percent"]
    unit = "(?:" + _alt(units_ar, accusative=True) + _E + "|" + _alt(units_en) + r"\b" + ")"
    pct = r"(?:%|٪|(?:في\s*|ب)الما?يه" + _E + r"|\b(?:percent|per\s+cent)\b)"
    sym = _alt(lx.symbols)
    # not و + a vague quantity: عشرات المدنيين ومئات الجرحى is two amounts, not one and an adjective
    vague_words = _alt([k for k in lx.vague if not k.isascii()])
    adj = (r"(?P<adj>(?!ال)(?!(?:علي|حتي|لدي|سوي|مدي|وفي|وهي)(?![\w]))(?!و" + vague_words + r"(?![\w]))"
           r"[^\W\d_]{2,}(?:يه|يات|يا|ين|ون|ي))" + _E)
    amount = (
        rf"(?:(?P<q>{qual})\s*)?"
        rf"(?:(?P<sym>{sym})\s?)?"
        rf"(?:{_RANGE}|(?P<num>{_NUM})|(?P<card>{card}))"
        rf"(?:\s*(?P<mult>{mult})(?P<mfr>{_AND_FRACTION})?)?"
        rf"(?P<more>(?:\s+و\s*(?:{_NUM}|{card})\s*{mult})+)?"
        rf"(?:\s*(?P<pct>{pct})|\s*(?P<unit>{unit})(?P<ufr>{_AND_FRACTION})?(?:\s+{adj})?"
        rf"|\s+(?P<part>منهم|منها|منهما|منهن){_E}"
        rf"|\s+من\s+(?P<ofnoun>ال{_NOUN}{{2,}}|{_NOUN}{{2,}}(?:ها|هم|هما|هن|نا)){_E}"
        rf"|\s+(?P<gnoun>(?!ال)(?:(?![A-Za-z]){_NOUN}){{2,}}|{_EN_PLURAL}){_E})?"
        rf"(?:\s+(?P<post>تقريبا|علي\s+الاقل){_E})?"
    )
    vague_ar = [k for k in lx.vague if not k.isascii()]
    vague = (
        rf"(?:(?P<q>{qual})\s*)?"
        rf"(?P<v>{_B}{_alt(vague_ar)}){_E}(?:\s+(?P<vm>(?:ال)?(?:الاف|ملايين|مليارات|بلايين)){_E})?"
        rf"(?:\s+(?:من\s+)?(?P<noun>(?:ال)?{_NOUN}{{2,}}){_E}(?:\s+{adj})?)?"
    )
    vague_en = (
        rf"(?:(?P<q>{qual})\s+)?"
        r"\b(?P<ve>(?i:tens|hundreds|dozens|thousands|millions|billions|scores))\b"
        r"(?:\s+of\s+(?P<vme>thousands|millions|billions)\b)?"
        r"(?:\s+of\s+(?:the\s+|their\s+|its\s+)?(?P<enoun>[a-z]{2,})\b)?"
    )
    fr_ar = [k for k in lx.fractions if not k.isascii()]
    fr_en = [k for k in lx.fractions if k.isascii()]
    fraction = (
        rf"(?P<fr>{_B}{_alt(fr_ar)}){_E}(?:\s+(?P<fm>(?:ال)?(?:الف|مليون|مليار|بليون|تريليون)){_E})?"
        rf"(?:\s+(?:من\s+)?(?P<noun>(?:ال)?{_NOUN}{{2,}}){_E})?"
    )
    fraction_en = (
        rf"\b(?P<fre>(?i:{_alt(fr_en)}))\b(?:\s+(?:a\s+)?(?P<fme>thousand|million|billion)\b)?"
        r"(?:\s+(?:of\s+)?(?:the\s+|their\s+|its\s+|a\s+)?(?P<enoun>[a-z]{2,})\b)?"
    )
    # a noun, then واحد (not واحد منهم: "one of them")
    one = rf"(?<=[^\W\d_]\s)(?P<one>واحد|واحده|واحدا|اثنان|اثنين|اثنتان|اثنتين){_E}(?!\s+من(?:هم|ها|هما|هن|كم|نا)?{_E})"
    # a unit or a multiplier without a number, then و + a half: متر ونصف (1.5), مليون ونصف
    unit_half = rf"{_B}(?:(?P<hunit>{_alt(units_ar)})|(?P<hmult>{_alt(ar(lx.multipliers))})){_AND_FRACTION}"
    # a definite plural, then a definite number word: الدورات الثلاث (3), الدول الخمس
    definite = rf"(?<=[^\W\d_]\s)ال(?P<dn>{_alt([normalize_key(w) for w in _DEFINITE_NUMBERS])}){_E}"
    ordu = _alt(list(lx.ordinals) + list(lx.ordinal_units))
    ordinal = (
        rf"{_B}(?:(?P<ou>{ordu})\s+(?P<teen>عشر|عشره){_E}"
        rf"|(?P<cu>{ordu})\s+و\s*(?P<ct>{_alt(lx.ordinal_tens)}){_E}"
        rf"|(?P<o>{_alt(ar(lx.ordinals) + ar(lx.ordinal_tens))}){_E})"
        rf"|\b(?P<oen>{_alt(en(lx.ordinals))})\b"
        rf"|(?<![\w.,\-])(?P<odig>\d+)(?P<sfx>st|nd|rd|th)\b"
        rf"|{_B}ال\s?(?P<odig2>[0-9]{{1,3}})(?![\w.,]?[0-9])(?![^\W\d_])"
    )
    return [(name, LazyPattern(normalize_key(p))) for name, p in (
        ("amount", amount), ("vague", vague), ("vague_en", vague_en), ("fraction", fraction),
        ("fraction_en", fraction_en), ("one", one), ("unit_half", unit_half), ("definite", definite),
        ("ordinal", ordinal))]


def _pattern_sources() -> str:
    return sources_key([p for _, p in _patterns()])


@persistent("amount-anchors", depends=_pattern_sources)
def _anchors():
    return Anchors([p for _, p in _patterns()])


def _finditer(pattern: re.Pattern[str], text: str, starts: list[int] | None):
    """``pattern.finditer(text)``, trying the pattern only at ``starts`` (where it may start)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    match = pattern.match
    pos = 0
    for p in starts:
        if p < pos:
            continue
        m = match(text, p)
        if m is None:
            continue
        if m.end() == m.start():  # an empty match: finditer's own rules, from here on
            yield from pattern.finditer(text, p)
            return
        yield m
        pos = m.end()


@lru_cache(maxsize=1)
def _compound_re() -> re.Pattern[str]:
    return cache.regex(r"\s*و\s*(?:\d|[^\W\d_]+(?:مائه|ميه)|" + numwords.pattern(english=False) + r")")


@lru_cache(maxsize=1)
def _more_re() -> re.Pattern[str]:
    lx = _lex()
    words = numwords.pattern(english=False)
    return cache.regex(rf"و\s*(?:(?P<n>[\d.,]+)|(?P<c>{words}))\s*(?P<mu>{_alt(lx.multipliers)})")


def parse_number(s: str, *, has_multiplier: bool = False) -> int | float:
    """The value of a digit string with separators (see the module docstring for the rules)."""
    if "," in s and "." in s:
        s = s.replace(",", "")
    elif "," in s:
        groups = s.split(",")
        if all(len(g) == 3 for g in groups[1:]):
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    elif "." in s:
        frac = s.split(".")[1]
        if len(frac) == 3 and not has_multiplier and not s.startswith("0"):
            s = s.replace(".", "")
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def _clean(v: float | Fraction) -> int | float:
    v = float(f"{float(v):.12g}")  # 68.18 * 1e9 gives 68180000000.00001
    return int(v) if v.is_integer() else v


def _adj_agrees(noun: str, adj: str) -> bool:
    if adj in _lex().not_adjectives or len(adj) < 4:
        return False
    if adj[0] in "وف" and adj[1] in "يتنا":
        return False  # ويجري, فيما: a conjunction and a verb, not an adjective
    if noun.endswith("ه") or noun.endswith("ات"):
        return adj.endswith("يه") or adj.endswith("يات")
    return adj.endswith(("ي", "يا", "ين", "ون"))


def _phone_like(num: str, before: str) -> bool:
    if before.endswith("+"):
        return True
    return num.isdigit() and (len(num) >= 7 or (len(num) >= 5 and num.startswith("0")))


def _looks_verb(word: str) -> bool:
    """قتلوا, أصيبوا: a past-tense plural verb, not a counted noun."""
    return len(word) >= 4 and word.endswith("وا")


def _unit_entry(word: str) -> tuple[str, str, str] | None:
    """units.csv's entry for a noun as written (article, accusative -ا and و allowed)."""
    units = _lex().units
    key = re.sub(r"\s+", " ", word)
    for k in (key, key[2:] if key.startswith("ال") else None, key[:-1] if key.endswith("ا") else None,
              key[1:] if key.startswith("و") else None):
        if k and k in units:
            return units[k]
    return units.get(key.lower())


_Cand = tuple[int, int, str, Any, str, str, dict[str, Any]]  # norm start, end, type, value, kind, rule, attrs


def _orig(norm: Normalized, m: re.Match[str], group: str) -> str:
    return norm.original[slice(*norm.to_original(*m.span(group)))]


def _amount(m: re.Match[str], norm: Normalized) -> _Cand | None:
    text = norm.text
    lx = _lex()
    g = m.groupdict()
    s, e = m.span()
    attrs: dict[str, Any] = {}
    mult = lx.multipliers.get(g["mult"], 1) if g["mult"] else 1
    bare_mult = False
    if g["lo"]:
        lo, hi = parse_number(g["lo"]), parse_number(g["hi"])
        if not lo < hi:
            return None  # 2-1, 5-5: a score or a label, not a range
        base = lo
        attrs.update(number_low=_clean(lo * mult), number_high=_clean(hi * mult))
    elif g["num"]:
        ns = m.start("num")
        if _phone_like(g["num"], text[ns - 1:ns] if ns else ""):
            return None
        base: int | float = parse_number(g["num"], has_multiplier=bool(g["mult"]))
    else:
        if not _hamza_ok(norm, m.start("card"), m.end("card")):
            return None  # كمية (a quantity), not ك + مئة
        card = re.sub(r"\s+", " ", g["card"])
        bare_mult = (card.lower() in lx.multipliers
                     or re.fullmatch(r"(?i:a\s+(?:thousand|million|billion))", card) is not None)
        v = numwords.value(card)
        if not v:
            return None
        base = v
        if bare_mult and g["mult"]:
            return None  # مليون مليار: nonsense
    if g["mfr"]:  # مليون ونصف
        base += _and_fraction(g["mfr"])
    value = base * mult
    if g["more"]:  # مليار و500 مليون, مليون وستمائة ألف
        for part in _more_re().finditer(g["more"]):
            b = parse_number(part["n"], has_multiplier=True) if part["n"] else (numwords.value(part["c"]) or 0)
            value += b * lx.multipliers[part["mu"]]
    unit = g["unit"]
    kind = "number"
    if g["q"]:
        q = re.sub(r"\s+", " ", g["q"])
        attrs["qualifier"] = lx.qualifiers.get(q) or lx.qualifiers.get(q.lower())
    if g["post"] and "qualifier" not in attrs:
        attrs["qualifier"] = "about" if g["post"] == "تقريبا" else "at_least"
    if g["sym"]:
        unit_en, cur = lx.symbols[g["sym"]]
        attrs.update(unit=_orig(norm, m, "sym"), unit_en=unit_en, currency=cur)
        kind = "money"
    if g["pct"]:
        attrs.update(unit=_orig(norm, m, "pct"), unit_en="percent")
        kind = "percent"
    elif unit:
        entry = _unit_entry(unit)
        if entry is None:
            return None
        unit_en, ukind, cur = entry
        if g["adj"] and not _adj_agrees(re.sub(r"\s+", " ", unit), g["adj"]):
            e = m.end("unit")  # the next word is not its adjective; a later تقريبا is not ours
            if g["post"] and not g["q"]:
                attrs.pop("qualifier", None)
        elif g["adj"]:
            attrs["modifier"] = _orig(norm, m, "adj")
        attrs["unit"] = _orig(norm, m, "unit")
        attrs["unit_en"] = unit_en
        if g["ufr"]:  # 3 أمتار ونصف
            value += _and_fraction(g["ufr"]) * mult
        if ukind == "currency":
            kind = "money"
            attrs["currency"] = cur or None
        elif not g["sym"]:
            kind = "count"
    noun = g["gnoun"] or g["ofnoun"]
    if noun:
        entry = _unit_entry(noun) if g["ofnoun"] else None
        if not _counts_noun(m, noun, base, bare_mult, entry):
            e = m.start("gnoun" if g["gnoun"] else "ofnoun")
            if g["ofnoun"]:
                e = text.rfind("من", 0, e)
        else:
            if noun.startswith(("لل", "بال")):  # 19 للبنات: a count; what follows is a preposition's
                attrs["unit"] = attrs["unit_en"] = None
                e = m.start("gnoun")
            else:
                attrs["unit"] = _orig(norm, m, "gnoun" if g["gnoun"] else "ofnoun")
                attrs["unit_en"] = entry[0] if entry else None
            if entry and entry[1] == "currency":
                kind, attrs["currency"] = "money", entry[2] or None
            else:
                kind = "count"
            unit = noun
        if g["post"]:
            e = min(e, m.start("post"))
            if not g["q"]:
                attrs.pop("qualifier", None)
    if g["part"] and not _after_label(m):  # 21 منهم: 21 of them
        unit, kind = "", "count"
    if not unit and g["num"] and _compound_re().match(text, e):
        return None  # 2 مليون وستمائة: a compound we cannot read whole
    # what makes a number an amount
    strong_q = g["q"] and attrs.get("qualifier") != "up_to"
    if g["lo"]:
        if not (g["unit"] or g["pct"] or g["sym"] or g["mult"] or (noun and _unit_entry(noun))):
            return None  # 1936-1939 or a score: a range of numbers needs what it counts
    elif g["num"]:
        if not (unit or g["part"] or g["pct"] or g["sym"] or g["mult"] or strong_q):
            return None
        if not (unit or g["pct"] or g["sym"] or g["mult"]) and re.fullmatch(r"(?:19|20)\d\d", g["num"]):
            return None  # أكثر من 2020 ... is more likely a year
    elif bare_mult:
        if not (unit or g["pct"] or g["q"]):
            return None  # مليون alone: too vague
    elif not (unit or g["mult"] or g["pct"]):
        if not _standalone(g["card"]):
            return None
    rule = "percent" if g["pct"] else "money" if kind == "money" else "count" if unit else "number"
    return (s, e, "amount", _clean(value), kind, "amounts:" + rule, attrs)


_WORD = re.compile(r"[^\W\d_]+")


def _and_fraction(group: str) -> float:
    """The value of the و + نصف / ربع that follows a unit or a multiplier."""
    return _AND_FRACTION_VALUE[normalize_key(group.strip()[1:].strip())]


def _hamza_ok(norm: Normalized, s: int, e: int) -> bool:
    """مئة, مائة, مئات written with their hamza: normalised they read ميه, مايه, ميات, which is
    also كمية (a quantity) or كميات with a proclitic ك; the original must show the hamza."""
    for w in _WORD.finditer(norm.text, s, e):
        if w.group().lstrip("وفبلك").startswith(("مي", "ماي")):
            o_s, o_e = norm.to_original(*w.span())
            if not any(c in "ئءأ" for c in norm.original[o_s:o_e]):
                return False
    return True


def _counts_noun(m: re.Match[str], noun: str, base: int | float, bare_mult: bool,
                 entry: tuple[str, str, str] | None) -> bool:
    """Is the unlisted word after the number (``gnoun``) or after ``من`` (``ofnoun``) what it counts?

    Yes after number words (خمسة ممرضات, ثلاثة من الجنود; in English not after "one"), after a
    qualifier or a multiplier (أكثر من 300 مقاتل), and after digits (33 كلية, 29 من الجنود) unless a
    label stands before the number (المادة 5 من). Never a stop word (amount_stopwords.csv), a
    number word, a verb (قتلوا), or after a bare multiplier (ألف باء)."""
    lx = _lex()
    g = m.groupdict()
    bare = noun[1:] if noun.startswith("و") else noun
    if noun in lx.not_nouns or bare in lx.not_nouns or _looks_verb(noun):
        return False
    if numwords.value(bare) is not None or bare in lx.multipliers or _is_calendar_name(bare):
        return False  # a number word, or a month or weekday name: 31 يوليو is a date's
    if g["card"]:
        if bare_mult:
            return False
        if noun.isascii():
            return noun.islower() and noun.lower() not in lx.not_nouns and base != 1
        return base != 1 or entry is not None  # واحد comes after its noun (شخص واحد), not before
    if g["q"] or (g["mult"] and g["num"]):
        return True
    # digits before an indefinite Arabic noun: Arabic puts the counted noun right after the number
    # (33 كلية, 12 مباراة, 25 معتقلا), unless the number is a label's (المادة 5 تنص)
    return not noun.isascii() and not _after_label(m)


def _after_label(m: re.Match[str]) -> bool:
    """المادة 5, الفقرة 3, رقم 12: the number names something, it counts nothing."""
    words = m.string[max(0, m.start() - 30):m.start()].split()
    return bool(words) and words[-1] in _lex().labels


def _standalone(card: str) -> bool:
    """May these number words be an amount with no noun (قتل خمسة)?"""
    words = card.split()
    if card.isascii():
        return False
    if len(words) > 1:
        return True
    w = words[0]
    v = numwords.value(w) or 0
    return w in _STANDALONE_UNITS or v >= 20


def _noun_attrs(norm: Normalized, m: re.Match[str], group: str) -> dict[str, Any]:
    word = m[group]
    entry = _unit_entry(word)
    attrs: dict[str, Any] = {"unit": _orig(norm, m, group), "unit_en": entry[0] if entry else None}
    if entry and entry[1] == "currency":
        attrs["currency"] = entry[2] or None
    return attrs


def _vague(m: re.Match[str], norm: Normalized) -> _Cand | None:
    lx = _lex()
    g = m.groupdict()
    word = (g.get("v") or g.get("ve") or "").lower()
    word = re.sub(r"\s+", " ", word)
    if g.get("v") and not _hamza_ok(norm, m.start("v"), m.end("v")):
        return None
    if word not in lx.vague:
        return None
    low, high = lx.vague[word]
    scale = g.get("vm") or g.get("vme")
    if word == "tens" and not scale:
        return None  # "tens of thousands" only
    if scale:
        factor = lx.multipliers.get(scale[2:] if scale.startswith("ال") else scale) or lx.multipliers.get(scale.lower())
        if factor is None:
            f = {"thousands": 1000, "millions": 1_000_000, "billions": 1_000_000_000}.get(scale.lower())
            if f is None:
                return None
            factor = f
        low, high = low * factor, (high + 1) * factor - 1
    s, e = m.span()
    attrs: dict[str, Any] = {"number_low": low, "number_high": high}
    if g.get("q"):
        q = re.sub(r"\s+", " ", g["q"])
        attrs["qualifier"] = lx.qualifiers.get(q) or lx.qualifiers.get(q.lower())
    kind = "approximate"
    noun = g.get("noun") or g.get("enoun")
    group = "noun" if g.get("noun") else "enoun"
    if noun:
        bare = noun[2:] if noun.startswith("ال") else noun
        if noun in lx.not_nouns or bare in lx.not_nouns or _looks_verb(bare) or numwords.value(bare) is not None:
            e = m.start(group)
            e = norm.text.rfind("من", m.start(), e) if norm.text[m.end("v" if g.get("v") else "ve"):e].strip() else e
            e = max(e, m.end("vm" if scale and g.get("vm") else "vme" if scale else "v" if g.get("v") else "ve"))
        else:
            attrs.update(_noun_attrs(norm, m, group))
            if g.get("adj") and attrs["unit_en"] and _adj_agrees(bare, g["adj"]):
                attrs["modifier"] = _orig(norm, m, "adj")
            elif g.get("adj"):
                e = m.end(group)
    elif word in ("بضع", "بضعه"):
        return None  # بضعة needs its noun
    return (s, e, "amount", low, kind, "amounts:approximate", attrs)


_NOT_FRACTION_OF = frozenset(normalize_key(w) for w in ("نهائي", "نهائية", "سنوي", "سنوية", "قطر", "دائرة"))


def _is_calendar_name(word: str) -> bool:
    names = calendar_names()
    return word in names.months or word in names.weekdays


def _is_time_unit(word: str) -> bool:
    return word in time_units()


def _fraction(m: re.Match[str], norm: Normalized) -> _Cand | None:
    lx = _lex()
    g = m.groupdict()
    key = re.sub(r"\s+", " ", (g.get("fr") or g.get("fre")).lower())
    frac = lx.fractions.get(key)
    if frac is None:
        return None
    scale = g.get("fm") or g.get("fme")
    noun = g.get("noun") or g.get("enoun")
    group = "noun" if g.get("noun") else "enoun"
    s, e = m.span()
    attrs: dict[str, Any] = {}
    if noun:
        bare = noun[2:] if noun.startswith("ال") else noun
        stem = re.sub(r"(?:ها|هم|هما|هن|ه)$", "", bare) if len(bare) > 4 else bare
        if (bare in _NOT_FRACTION_OF or stem in _NOT_FRACTION_OF or noun in lx.not_nouns or bare in lx.not_nouns
                or _looks_verb(bare) or _is_time_unit(bare)):
            if not scale:
                return None  # ربع نهائي (a quarter-final), ربع سنوي (quarterly), ربع العام (a period)
            e = m.end("fm" if g.get("fm") else "fme")
        else:
            attrs.update(_noun_attrs(norm, m, group))
    elif not scale:
        return None  # a fraction alone says nothing
    if scale:
        key = scale[2:] if scale.startswith("ال") else scale
        factor = lx.multipliers.get(key) or lx.multipliers.get(scale.lower(), 1)
        value = _clean(frac * factor)
        kind = "money" if attrs.get("currency") else "count" if attrs.get("unit") else "number"
        return (s, e, "amount", value, kind, "amounts:fraction", attrs)
    return (s, e, "amount", _clean(frac), "fraction", "amounts:fraction", attrs)


_PREV_WORD = re.compile(r"((?<![\w])[^\W\d_]{2,})\s$")


def _one(m: re.Match[str], norm: Normalized) -> _Cand | None:
    """شخص واحد: a noun, then واحد or اثنان (the span starts at the noun)."""
    lx = _lex()
    text = norm.text
    s = m.start()
    prev = _PREV_WORD.search(text, max(0, s - 30), s)
    if prev is None:
        return None
    noun = prev.group(1)
    bare = noun[1:] if noun[:1] in "وفبل" and noun[1:] not in lx.not_nouns and len(noun) > 3 else noun
    if noun.startswith("ال") or noun in lx.not_nouns or bare in lx.not_nouns or numwords.value(noun) is not None \
            or noun.isascii() or _looks_verb(noun) or bare.startswith("ال"):
        return None
    o_noun = norm.to_original(prev.start(1), prev.end(1))
    if norm.original[slice(*o_noun)].endswith(("ه", "هم", "هما", "هن", "كم")):
        return None  # مصيره واحد (his fate is one): a noun with a pronoun is the subject, واحد its predicate
    o = norm.to_original(*m.span("one"))[0]
    if norm.original[o + 1:o + 2] in ("أ", "إ"):
        return None  # وأحد (and one of), not واحد (one): the same letters once normalised
    value = 1 if m["one"].startswith("واحد") else 2
    kind, attrs = _counted(_unit_entry(bare), norm.original[slice(*norm.to_original(prev.start(1), prev.end(1)))])
    start = prev.start(1) + (len(noun) - len(bare))
    return (start, m.end(), "amount", value, kind, "amounts:noun_number", attrs)


def _counted(entry: tuple[str, str, str] | None, unit: str) -> tuple[str, dict[str, Any]]:
    """The kind and unit attributes of a counted noun (``unit`` as written, ``entry`` its units.csv row
    or None): a count, or money when the noun is a currency."""
    attrs: dict[str, Any] = {"unit": unit, "unit_en": entry[0] if entry else None}
    if entry and entry[1] == "currency":
        attrs["currency"] = entry[2] or None
        return "money", attrs
    return "count", attrs


def _unit_half(m: re.Match[str], norm: Normalized) -> _Cand | None:
    """متر ونصف, مليون ونصف: one unit (or one multiplier) and a half or a quarter."""
    lx = _lex()
    frac = _and_fraction(norm.text[m.end("hunit") if m["hunit"] else m.end("hmult"):m.end()])
    if m["hmult"]:
        return (m.start(), m.end(), "amount", _clean((1 + frac) * lx.multipliers[m["hmult"]]), "number",
                "amounts:unit_half", {})
    entry = _unit_entry(m["hunit"])
    if entry is None:
        return None
    kind, attrs = _counted(entry, _orig(norm, m, "hunit"))
    return (m.start(), m.end(), "amount", 1 + frac, kind, "amounts:unit_half", attrs)


def _definite(m: re.Match[str], norm: Normalized) -> _Cand | None:
    """الدورات الثلاث: a definite plural noun counted by the definite number word after it (the span
    starts at the noun, its proclitics left out)."""
    lx = _lex()
    text = norm.text
    prev = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
    if prev is None:
        return None
    noun = prev.group(1)
    bare = re.sub(r"^(?:[وف]?(?:[بلك]?ال|لل))", "", noun)
    if bare == noun or len(bare) < 3 or bare in lx.not_nouns or numwords.value(bare) is not None:
        return None  # not a definite noun (في الثلاث), or too short to be one
    value = numwords.value(m["dn"])
    if not value:
        return None
    start = prev.end(1) - len(bare) - (2 if noun.endswith("ال" + bare) else 1)
    entry = _unit_entry(bare)
    unit = norm.original[slice(*norm.to_original(start, prev.end(1)))]
    attrs = {"unit": unit, "unit_en": entry[0] if entry else None}
    return (start, m.end(), "amount", value, "count", "amounts:definite_number", attrs)


def _ordinal(m: re.Match[str], norm: Normalized) -> _Cand | None:
    lx = _lex()
    g = m.groupdict()
    text = norm.text
    before = text[max(0, m.start() - 10):m.start()]
    if re.search(r"(?:تشرين|كانون|ربيع|جمادي|مجموعه|الحرب\s+العالميه)\s*$", before):
        return None  # month names (تشرين الأول) and G20 (مجموعة العشرين)
    if g["ou"]:
        value = lx.ordinals.get(g["ou"], lx.ordinal_units.get(g["ou"], 0)) + 10
    elif g["cu"]:
        value = lx.ordinals.get(g["cu"], lx.ordinal_units.get(g["cu"], 0)) + lx.ordinal_tens[g["ct"]]
    elif g["o"]:
        if g["o"] in lx.ordinal_units:
            return None
        value = lx.ordinals.get(g["o"]) or lx.ordinal_tens[g["o"]]
    elif g["oen"]:
        value = lx.ordinals[g["oen"]]
    elif g["odig2"]:
        value = int(g["odig2"])  # الـ13: the thirteenth
    else:
        value = int(g["odig"])
    return (m.start(), m.end(), "ordinal", value, "ordinal", "amounts:ordinal", {})


_HANDLERS: dict[str, Callable[[re.Match[str], Normalized], _Cand | None]] = {
    "amount": _amount, "vague": _vague, "vague_en": _vague, "fraction": _fraction, "fraction_en": _fraction,
    "one": _one, "unit_half": _unit_half, "definite": _definite, "ordinal": _ordinal}


def _spans_test(spans, *, inside: bool) -> Callable[[int, int], bool]:
    """Test [s, e) against sorted, non-overlapping ``spans`` by bisection: inside one of them
    (``inside=True``) or overlapping any (``inside=False``)."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    if inside:
        def test(s: int, e: int) -> bool:
            i = bisect.bisect_right(starts, s) - 1
            return i >= 0 and ordered[i][0] <= s and e <= ordered[i][1]
    else:
        ends = [b for _, b in ordered]
        best_end = []  # the furthest end among spans starting before each one
        far = -1
        for b in ends:
            far = max(far, b)
            best_end.append(far)

        def test(s: int, e: int) -> bool:
            i = bisect.bisect_left(starts, e) - 1
            return i >= 0 and best_end[i] > s
    return test


def _find_norm(norm: Normalized, *, exclude: list[tuple[int, int]] = (),
               spans: list[tuple[int, int]] | None = None) -> list[AmountMatch]:
    text, original = norm.text, norm.original
    overlaps = _spans_test(exclude, inside=False)
    in_body = _spans_test(spans, inside=True) if spans is not None else (lambda s, e: True)
    cands: list[tuple[int, int, _Cand]] = []
    for (name, pattern), at in zip(_patterns(), _anchors().starts(text)):
        handler = _HANDLERS[name]
        for m in _finditer(pattern, text, at):
            if m.end() == m.start():
                continue
            c = handler(m, norm)
            if c is None:
                continue
            s, e = c[0], c[1]
            while e > s and text[e - 1].isspace():
                e -= 1
            if e <= s:
                continue
            o_s, o_e = norm.to_original(s, e)
            if overlaps(o_s, o_e) or not in_body(o_s, o_e):
                continue
            cands.append((o_s, o_e, c))
    # longest first, then leftmost; keep what overlaps nothing kept (one occupancy map)
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = bytearray(len(original) + 1)
    out: list[AmountMatch] = []
    for o_s, o_e, (_, _, typ, value, kind, rule, attrs) in cands:
        if taken.find(1, o_s, o_e) != -1:
            continue
        taken[o_s:o_e] = b"\x01" * (o_e - o_s)
        out.append(AmountMatch(o_s, o_e, original[o_s:o_e], typ, value, kind, rule, attrs))
    out.sort(key=lambda a: a.start)
    return out


def find_amounts(text: str, *, lang: str = "ar", reference: str | None = None) -> list[AmountMatch]:
    """Amounts and ordinals in ``text``; digits inside dates and durations (found here) are skipped."""
    norm = normalize(text)
    dates, durations = find_temporal_normalized(norm, None)
    return _find_norm(norm, exclude=sorted([(d.start, d.end) for d in dates] + [(d.start, d.end) for d in durations]))


@annotator("amounts", produces=("amount", "ordinal"), needs=("date", "duration"))
def annotate(doc: Doc) -> list[Mention]:
    """Amount and ordinal mentions in the doc's body, skipping spans taken by dates and durations."""
    taken = [(m.start, m.end) for m in doc.of_type("date", "duration")]  # the registry runs dates first
    found = _find_norm(doc.norm, exclude=taken, spans=list(doc.regions))
    return [
        Mention(start=a.start, end=a.end, text=a.text, type=a.type, value=a.value, kind=a.kind,
                sentence=doc.sentence_of(a.start), rule=a.rule,
                attrs={"qualifier": a.attrs.get("qualifier"), "unit": a.attrs.get("unit"),
                       "unit_en": a.attrs.get("unit_en"), "currency": a.attrs.get("currency"),
                       **{k: v for k, v in a.attrs.items() if k not in ("qualifier", "unit", "unit_en", "currency")}})
        for a in found
    ]

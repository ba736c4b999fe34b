"""Numbers written in words, Arabic and English: a regular expression and the value of a match.

Pure functions over normalised text (:func:`toolkit.arabic.normalize`), shared by the amounts
annotator (``خمسة وعشرون جنديا``) and the date grammar's durations (``ثلاث سنوات``). The words
come from ``toolkit/lexicon/numbers.csv``; their role in a compound follows from their value:

- Arabic ``cardinal`` rows: 1–9 are units (واحد، ثلاثة، ثلاث), 10 is عشر/عشرة (alone, or the
  second word of a teen), 20–90 tens (عشرون، عشرين), 100–900 hundreds (مئة، ثلاثمائة, also
  written in two words: ثلاث مائة), other values full numbers (ألفين = 2000, أحد عشر = 11);
  ``teen_unit`` rows (أحد، إحدى، اثنا، اثنتي) stand only before عشر/عشرة; ``multiplier`` rows
  (ألف، آلاف، مليون، مليار) multiply what comes before them.
- A compound is read as Arabic writes it: ``unit عشر`` (اثنتا عشرة = 12, خمسة عشر = 15),
  ``unit و tens`` (خمسة وعشرون = 25), ``hundred و below-hundred`` (مئة وخمسون = 150),
  ``below-thousand multiplier`` (ثلاثة آلاف = 3000) and groups joined with و
  (مليون وستمائة ألف = 1,600,000).
- English: one … nineteen, twenty … ninety with an optional unit (twenty-five, twenty five),
  ``hundred`` (two hundred and fifty), ``thousand/million/billion`` groups, ``a dozen``.
  English number words match in any case (``Three soldiers``).

``pattern()`` is the regex source (no groups, no boundaries before the first word: callers add
their own); ``value(words)`` the integer a matched phrase denotes, or None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit import lexicon
from toolkit.arabic import normalize_key

#: Roles of Arabic number words in a compound.
UNIT, TEN, TENS, HUNDRED, FULL, TEEN_UNIT, MULT = "unit", "ten", "tens", "hundred", "full", "teen_unit", "mult"


@dataclass(frozen=True)
class Words:
    """The number words of numbers.csv, normalised, by role."""

    ar: dict[str, tuple[int, str]]  # word -> (value, role)
    en: dict[str, tuple[int, str]]
    multipliers: dict[str, int]  # Arabic and English multipliers (ألف, million, bn ...)


def _role(value: int) -> str:
    if 1 <= value <= 9:
        return UNIT
    if value == 10:
        return TEN
    if value < 100 and value % 10 == 0:
        return TENS
    if value < 1000 and value % 100 == 0:
        return HUNDRED
    return FULL


@lru_cache(maxsize=1)
def words() -> Words:
    ar: dict[str, tuple[int, str]] = {}
    en: dict[str, tuple[int, str]] = {}
    mult: dict[str, int] = {}
    for row in lexicon.rows("numbers", required=("word", "value", "kind")):
        kind = row["kind"]
        if kind not in ("cardinal", "teen_unit", "multiplier"):
            continue
        try:
            v = int(row["value"])
        except ValueError:
            raise lexicon.error("numbers", row, f"value must be an integer, not {row['value']!r}") from None
        key = normalize_key(row["word"])
        if kind == "multiplier":
            mult[key] = v
            continue
        target = en if key.isascii() else ar
        role = TEEN_UNIT if kind == "teen_unit" else _role(v)
        if key.isascii():
            key = key.lower()
        target[key] = (v, role)
    return Words(ar, en, mult)


def _alt(keys) -> str:
    ordered = sorted(set(keys), key=lambda k: (-len(k), k))
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in ordered) + ")"


_E = r"(?![^\W_])"  # end of an Arabic word (no letter or digit follows)


@lru_cache(maxsize=1)
def _arabic() -> str:
    w = words()
    by = {r: [k for k, (_, role) in w.ar.items() if role == r and " " not in k]
          for r in (UNIT, TEN, TENS, HUNDRED, FULL, TEEN_UNIT)}
    phrases = [k for k, (_, role) in w.ar.items() if " " in k]  # أحد عشر, اثنا عشر
    ar_mult = [k for k in w.multipliers if not k.isascii()]
    u, ten, tens = _alt(by[UNIT]) + _E, _alt(by[TEN]) + _E, _alt(by[TENS]) + _E
    tu = _alt(by[TEEN_UNIT] + by[UNIT]) + _E
    hundred = rf"(?:(?:{_alt(by[UNIT])}\s+)?{_alt(by[HUNDRED])}{_E})"
    full = _alt(by[FULL] + phrases) + _E
    conj = r"\s+و\s*"
    b100 = rf"(?:{tu}\s+{ten}|{u}{conj}{tens}|{tens}|{u}|{ten})"
    b1000 = rf"(?:{hundred}(?:{conj}{b100})?|{b100})"
    m = _alt(ar_mult) + _E
    # groups join with و only after a multiplier (or a full number such as ألفين): ثلاثة آلاف وخمسمائة,
    # مليون وستمائة ألف; ثلاثة وأربعة is two numbers, not seven
    mgroup = rf"(?:(?:{full}|{b1000})\s+{m}|{m}|{full})"
    return rf"(?:{mgroup}(?:{conj}{mgroup})*(?:{conj}{b1000})?|{b1000})"


@lru_cache(maxsize=1)
def _english() -> str:
    w = words()
    units = [k for k, (v, _) in w.en.items() if 1 <= v <= 9 and " " not in k]
    teens = [k for k, (v, _) in w.en.items() if 10 <= v <= 19 and " " not in k and k != "dozen"]
    tens = [k for k, (v, _) in w.en.items() if 20 <= v <= 90 and v % 10 == 0 and " " not in k]
    en_mult = [k for k in w.multipliers if k.isascii() and len(k) > 3]  # thousand, million ... (not mn, bn)
    b = r"\b"
    eu, eteen, etens = _alt(units) + b, _alt(teens) + b, _alt(tens) + b
    b100 = rf"(?:{etens}(?:[-\s]{eu})?|{eteen}|{eu})"
    hundred = rf"(?:(?:{eu}|a)\s+hundred{b}(?:\s+(?:and\s+)?{b100})?)"
    b1000 = rf"(?:{hundred}|{b100}|a\s+dozen{b}|dozen{b})"
    mgroup = rf"(?:{b1000}\s+{_alt(en_mult)}{b}|a\s+(?:thousand|million|billion){b})"
    join = r"(?:\s*,\s*|\s+)(?:and\s+)?"
    return rf"(?i:{mgroup}(?:{join}{mgroup})*(?:{join}{b1000})?|{b1000})"


def pattern(*, arabic: bool = True, english: bool = True) -> str:
    """The regex source of a number in words (normalised text; callers add the left boundary)."""
    parts = ([_arabic()] if arabic else []) + ([_english()] if english else [])
    return "(?:" + "|".join(parts) + ")"


_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def value(phrase: str) -> int | None:
    """The integer a number phrase denotes (as :func:`pattern` matches it), or None."""
    w = words()
    toks = _TOKEN.findall(phrase)
    if not toks:
        return None
    english = toks[0].isascii()
    table = w.en if english else w.ar
    total = cur = 0
    prev_role: str | None = None
    seen = False
    for tok in toks:
        key = tok.lower() if english else tok
        if english and key in ("and", "a", "an"):
            if key != "and":
                prev_role = "a"
            continue
        if not english and key not in table and key not in w.multipliers and key.startswith("و"):
            key = key[1:]  # وعشرون, وخمسمائة
        if key in w.multipliers and not (english and key in ("dozen",)):
            total += (cur or 1) * w.multipliers[key]
            cur, prev_role, seen = 0, MULT, True
            continue
        if key == "dozen":
            cur = (cur or 1) * 12
            prev_role, seen = FULL, True
            continue
        if english and key == "hundred":
            cur = (cur or 1) * 100
            prev_role, seen = HUNDRED, True
            continue
        entry = table.get(key)
        if entry is None:
            return None
        v, role = entry
        if role == TEN and prev_role in (UNIT, TEEN_UNIT):  # خمسة عشر, اثنتا عشرة
            cur += 10
        elif role == HUNDRED and v == 100 and prev_role == UNIT and 1 <= cur % 100 <= 9:  # ثلاث مائة
            cur = (cur - cur % 100) + (cur % 100) * 100
        else:
            cur += v
        prev_role, seen = role, True
    return total + cur if seen else None


__all__ = ["pattern", "value", "words", "Words"]

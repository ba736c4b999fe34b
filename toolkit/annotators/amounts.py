"""Amounts and ordinals: numbers with their qualifier, multiplier, unit or currency.

``find_amounts(text)`` returns :class:`AmountMatch` records; ``annotate(doc)`` wraps it
for the pipeline (type ``amount`` for counts, money and percentages; type ``ordinal``
for العشرون, الحادي عشر, 20th ...). Data lives in ``toolkit/lexicon/numbers.csv``
(multipliers, number words, ordinals, qualifiers) and ``toolkit/lexicon/units.csv``
(counted nouns, currencies, percent signs).

An amount is ``qualifier? currency-sign? number multiplier? (و number multiplier)?
(percent | unit adjective?)?`` over the normalised text, e.g. ``أكثر من 70 منطقة روسية``
(70, more_than, regions), ``2.5 مليار دولار`` (2500000000, USD), ``١٥٪`` (15, percent).
A number alone is not an amount: it needs a unit, a percent sign, a multiplier, a
currency or a qualifier (``حتى`` alone is not enough: حتى 5 could be anything).

Never an amount: digits inside a date (spans overlapping ``date`` mentions, or dates
found here when the dates annotator did not run on the doc), digits joined to a word (``سانغتودا-1``, ``F-16``,
``COVID-19``, ``5G``), digit strings of 7+ digits without separators or starting with 0
or ``+`` (phone-like), and bare years.

Separators: ``,`` and ``٬`` before exactly three digits group thousands; otherwise
``,`` is a decimal comma. ``.`` and ``٫`` are decimal points, except ``1.000.000``
(several three-digit groups) and a single ``.ddd`` with no multiplier after it
(``2.500 طن`` = 2500: a count is not written with three decimals), which group thousands.

Speed: both patterns are tried only where they can start (:class:`toolkit.anchors.Anchors`,
one Aho-Corasick pass), which gives what ``finditer`` over the whole text gives.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.arabic import Normalized, normalize, normalize_key
from toolkit.model import Doc, Mention
from toolkit.registry import annotator

LEXICON = Path(__file__).resolve().parent.parent / "lexicon"


@dataclass(frozen=True)
class AmountMatch:
    """An amount or ordinal: original offsets, numeric value and what it counts."""

    start: int
    end: int
    text: str
    type: str  # "amount" | "ordinal"
    value: int | float
    kind: str  # "count" | "money" | "percent" | "number" | "ordinal"
    rule: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Lex:
    multipliers: dict[str, int]
    cardinals: dict[str, int]
    ordinals: dict[str, int]
    ordinal_units: dict[str, int]
    ordinal_tens: dict[str, int]
    qualifiers: dict[str, str]
    units: dict[str, tuple[str, str, str]]  # key -> (unit_en, kind, currency)
    symbols: dict[str, tuple[str, str]]  # sign -> (unit_en, currency)


def _read(name: str) -> list[dict[str, str]]:
    path = LEXICON / name
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows, start=2):
        if any(v is None for v in row.values()) or None in row:
            raise ValueError(f"{name}, line {i}: wrong number of columns: {row!r}")
    return rows


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    mult: dict[str, int] = {}
    card: dict[str, int] = {}
    ordn: dict[str, int] = {}
    ounit: dict[str, int] = {}
    otens: dict[str, int] = {}
    qual: dict[str, str] = {}
    for i, row in enumerate(_read("numbers.csv"), start=2):
        key = normalize_key(row["word"].strip())
        kind = row["kind"].strip()
        target = {"multiplier": mult, "cardinal": card, "ordinal": ordn, "ordinal_unit": ounit,
                  "ordinal_tens": otens, "qualifier": qual}.get(kind)
        if target is None:
            raise ValueError(f"numbers.csv, line {i}: unknown kind {kind!r}")
        if kind == "qualifier":
            target[key] = row["value"].strip()
        else:
            try:
                target[key] = int(row["value"])
            except ValueError as exc:
                raise ValueError(f"numbers.csv, line {i}: value must be an integer, got {row['value']!r}") from exc
    units: dict[str, tuple[str, str, str]] = {}
    symbols: dict[str, tuple[str, str]] = {}
    for i, row in enumerate(_read("units.csv"), start=2):
        key = normalize_key(row["word"].strip())
        kind = row["kind"].strip()
        if kind not in ("noun", "currency", "percent", "currency_symbol"):
            raise ValueError(f"units.csv, line {i}: unknown kind {kind!r}")
        if kind == "currency_symbol":
            symbols[key] = (row["unit_en"].strip(), row["currency"].strip())
        else:
            units[key] = (row["unit_en"].strip(), kind, row["currency"].strip())
    return _Lex(mult, card, ordn, ounit, otens, qual, units, symbols)


@lru_cache(maxsize=None)
def _alt_cached(keys: tuple[str, ...], accusative: bool) -> str:
    parts = []
    for k in sorted(set(keys), key=len, reverse=True):
        p = r"\s+".join(re.escape(w) for w in k.split())
        if accusative and not k.isascii() and k[-1] not in "اهيء" and not k.endswith("ات"):
            p += "ا?"  # tanween accusative: شخصاً -> شخصا
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


def _alt(keys, *, accusative: bool = False) -> str:
    return _alt_cached(tuple(sorted(set(keys))), accusative)


_B = r"(?:(?<![\w])|(?<=(?<![\w])[وفبلك])|(?<=(?<![\w])[وف][بلك]))"
_E = r"(?![\w])"
# a number in digits; refuses digits glued to letters or hyphens (F-16, سانغتودا-1, 5G)
_NUM = (r"(?:(?<![\w.,/+\-])|(?<=(?<![\w])[وبل])|(?<=(?<![\w])[وف][بل]))(?<![\w]-)"
        r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:[.,]\d+)?)"
        r"(?![^\W\d_])(?![.,]?\d)(?!-[\w])")
_NOT_NOUN = {normalize_key(w) for w in (
    "من", "في", "على", "إلى", "عن", "مع", "خلال", "حتى", "منذ", "بعد", "قبل", "عند", "لدى", "بين",
    "ضد", "نحو", "حول", "دون", "وفق", "أو", "ثم", "لكن", "بل", "كما", "أن", "إن", "لم", "لن", "قد",
    "ما", "لا", "هذا", "هذه", "ذلك", "تلك", "وذلك", "فقط", "أيضا", "أيضاً", "تقريبا", "تقريباً", "سنويا", "يوميا",
    "شهريا", "وهو", "وهي", "التي", "الذي", "عام", "سنة", "مقابل", "بنسبة", "بين", "مقارنة", "وذلك", "إضافة",
    "حيث", "بينما", "فيما", "منها", "منهم", "عليها", "فيها", "أكثر", "أقل", "نحو")}
_ADJ_STOP = {normalize_key(w) for w in (
    "حتى", "على", "إلى", "لدى", "لكي", "سوى", "مدى", "التي", "الذي", "وفي", "ففي", "وهي", "فهي",
    "أي", "كي", "أيضاً", "أيضا", "فيما", "لذي", "وعلى", "وإلى", "عليها", "فيها", "منها", "الى")}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = _lex()
    ar = lambda d: [k for k in d if not k.isascii()]  # noqa: E731
    en = lambda d: [k for k in d if k.isascii()]  # noqa: E731
    qual = "(?:" + _B + _alt(ar(lx.qualifiers)) + _E + "|" + r"\b(?i:" + _alt(en(lx.qualifiers)) + r")\b" + ")"
    mult = "(?:" + _alt(ar(lx.multipliers)) + _E + "|" + _alt(en(lx.multipliers)) + r"\b" + ")"
    card = "(?:" + _B + _alt(ar(lx.cardinals)) + _E + "|" + r"\b" + _alt(en(lx.cardinals)) + r"\b" + ")"
    units_ar = [k for k, v in lx.units.items() if not k.isascii() and v[1] != "percent"]
    units_en = [k for k, v in lx.units.items() if k.isascii() and v[1] != "percent"]
    unit = "(?:" + _alt(units_ar, accusative=True) + _E + "|" + _alt(units_en) + r"\b" + ")"
    pct = r"(?:%|٪|(?:في\s*|ب)الما?يه" + _E + r"|\b(?:percent|per\s+cent)\b)"
    sym = _alt(lx.symbols)
    adj = r"(?P<adj>(?!ال)(?!(?:علي|حتي|لدي|سوي|مدي|وفي|وهي)(?![\w]))[^\W\d_]{2,}(?:يه|يات|يا|ين|ون|ي))" + _E
    amount = (
        rf"(?:(?P<q>{qual})\s*)?"
        rf"(?:(?P<sym>{sym})\s?)?"
        rf"(?:(?P<num>{_NUM})|(?P<card>{card})|(?P<malone>{_B}(?:الف|مليون|مليار|بليون|تريليون){_E}|\b(?:a\s+)?(?:thousand|million|billion)\b))"
        rf"(?:\s*(?P<mult>{mult}))?"
        rf"(?P<more>(?:\s+و\s*(?:{_NUM}|{card})\s*{mult})+)?"
        rf"(?:\s*(?P<pct>{pct})|\s*(?P<unit>{unit})(?:\s+{adj})?|\s+(?P<gnoun>(?!ال)[^\W\d_]{{3,}}){_E})?"
        rf"(?:\s+(?P<post>تقريبا|علي\s+الاقل){_E})?"
    )
    ordu = _alt(list(lx.ordinals) + list(lx.ordinal_units))
    ordinal = (
        rf"{_B}(?:(?P<ou>{ordu})\s+(?P<teen>عشر|عشره){_E}"
        rf"|(?P<cu>{ordu})\s+و\s*(?P<ct>{_alt(lx.ordinal_tens)}){_E}"
        rf"|(?P<o>{_alt(ar(lx.ordinals) + ar(lx.ordinal_tens))}){_E})"
        rf"|\b(?P<oen>{_alt(en(lx.ordinals))})\b"
        rf"|(?<![\w.,\-])(?P<odig>\d+)(?P<sfx>st|nd|rd|th)\b"
    )
    return re.compile(normalize_key(amount)), re.compile(normalize_key(ordinal))


@lru_cache(maxsize=1)
def _anchors():
    from toolkit.anchors import Anchors

    return Anchors(list(_patterns()))


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
    return re.compile(r"\s*و\s*(?:\d|[^\W\d_]+(?:مائه|ميه)|" + _alt(list(_lex().cardinals)) + r")")


@lru_cache(maxsize=1)
def _more_re() -> re.Pattern[str]:
    lx = _lex()
    return re.compile(rf"و\s*(?:(?P<n>[\d.,]+)|(?P<c>{_alt(lx.cardinals)}))\s*(?P<mu>{_alt(lx.multipliers)})")


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


def _clean(v: float) -> int | float:
    v = float(f"{v:.12g}")  # 68.18 * 1e9 gives 68180000000.00001
    return int(v) if v.is_integer() else v


def _adj_agrees(noun: str, adj: str) -> bool:
    if adj in _ADJ_STOP or len(adj) < 4:
        return False
    if noun.endswith("ه") or noun.endswith("ات"):
        return adj.endswith("يه") or adj.endswith("يات")
    return adj.endswith(("ي", "يا", "ين", "ون"))


def _phone_like(num: str, before: str) -> bool:
    if before.endswith("+"):
        return True
    return num.isdigit() and (len(num) >= 7 or (len(num) >= 5 and num.startswith("0")))


def _find_norm(norm: Normalized, *, exclude: list[tuple[int, int]] = (),
               spans: list[tuple[int, int]] | None = None) -> list[AmountMatch]:
    text, original = norm.text, norm.original
    amount_re, ordinal_re = _patterns()
    lx = _lex()
    cands: list[tuple[int, int, str, int | float, str, str, dict[str, Any]]] = []
    amount_at, ordinal_at = _anchors().starts(text)
    compound = _compound_re().match

    for m in _finditer(amount_re, text, amount_at):
        if m.end() == m.start():
            continue
        g = m.groupdict()
        if not (g["num"] or g["card"] or g["malone"]):
            continue
        s, e = m.span()
        attrs: dict[str, Any] = {}
        mult = lx.multipliers.get(g["mult"], 1) if g["mult"] else 1
        if g["num"]:
            ns = m.start("num")
            if _phone_like(g["num"], text[ns - 1:ns] if ns else ""):
                continue
            base = parse_number(g["num"], has_multiplier=bool(g["mult"] or g["malone"]))
        elif g["card"]:
            base = lx.cardinals[re.sub(r"\s+", " ", g["card"])] if re.sub(r"\s+", " ", g["card"]) in lx.cardinals else lx.cardinals.get(g["card"].lstrip("وفبلك"), 0)
            if not base:
                continue
        else:
            word = re.sub(r"^a\s+", "", g["malone"])
            base, mult = 1, lx.multipliers.get(word, 1)
            if g["mult"]:
                continue  # مليون مليار: nonsense
        value = base * mult
        if g["more"]:  # مليار و500 مليون, مليون وستمائة ألف
            for part in _more_re().finditer(g["more"]):
                b = parse_number(part["n"], has_multiplier=True) if part["n"] else lx.cardinals.get(part["c"], 0)
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
            attrs.update(unit=original[slice(*norm.to_original(*m.span("sym")))], unit_en=unit_en, currency=cur)
            kind = "money"
        if g["pct"]:
            attrs.update(unit=original[slice(*norm.to_original(*m.span("pct")))], unit_en="percent")
            kind = "percent"
        elif unit:
            key = re.sub(r"\s+", " ", unit)
            entry = lx.units.get(key) or (lx.units.get(key[:-1]) if key.endswith("ا") else None)
            if entry is None:
                continue
            unit_en, ukind, cur = entry
            if g["adj"] and not _adj_agrees(key, g["adj"]):
                e = m.end("unit")  # the next word is not its adjective; a later تقريبا is not ours
                if g["post"] and not g["q"]:
                    attrs.pop("qualifier", None)
            elif g["adj"]:
                attrs["modifier"] = original[slice(*norm.to_original(*m.span("adj")))]
            attrs["unit"] = original[slice(*norm.to_original(*m.span("unit")))]
            attrs["unit_en"] = unit_en
            if ukind == "currency":
                kind = "money"
                attrs["currency"] = cur or None
            elif not g["sym"]:
                kind = "count"
        if g["gnoun"]:
            # an unlisted word after the number: its counted noun when a qualifier or a
            # multiplier says this is a quantity, else not part of the amount
            bare = g["gnoun"][1:] if g["gnoun"].startswith("و") else g["gnoun"]
            if (g["gnoun"] in _NOT_NOUN or bare in lx.cardinals or bare in lx.multipliers
                    or not (g["q"] or (g["mult"] and g["num"])) or g["gnoun"].isascii()):
                e = m.start("gnoun")
            else:
                attrs["unit"] = original[slice(*norm.to_original(*m.span("gnoun")))]
                attrs["unit_en"] = None
                kind = "count"
                unit = g["gnoun"]
            if g["post"]:
                e = min(e, m.start("post"))
                if not g["q"]:
                    attrs.pop("qualifier", None)
        if not unit and compound(text, e):
            continue  # مليون وستمائة ألف: a compound we cannot read whole
        # what makes a number an amount
        strong_q = g["q"] and attrs.get("qualifier") != "up_to"
        if not (unit or g["pct"] or g["sym"] or g["mult"] or g["malone"] or strong_q):
            continue
        if g["malone"] and not (unit or g["pct"] or g["q"]):
            continue  # مليون alone: too vague
        if g["card"] and not (unit or g["mult"] or g["pct"]):
            continue  # number words count only before a noun or a multiplier
        if g["num"] and not (unit or g["pct"] or g["sym"] or g["mult"]) and re.fullmatch(r"(?:19|20)\d\d", g["num"]):
            continue  # أكثر من 2020 ... is more likely a year
        cands.append((s, e, "amount", _clean(value), kind, "amounts:" + ("percent" if g["pct"] else "money" if kind == "money" else "count" if unit else "number"), attrs))

    for m in _finditer(ordinal_re, text, ordinal_at):
        g = m.groupdict()
        before = text[max(0, m.start() - 10):m.start()]
        if re.search(r"(?:تشرين|كانون|ربيع|جمادي|مجموعه|الحرب\s+العالميه)\s*$", before):
            continue  # month names (تشرين الأول) and G20 (مجموعة العشرين)
        if g["ou"]:
            value = lx.ordinals.get(g["ou"], lx.ordinal_units.get(g["ou"], 0)) + 10
        elif g["cu"]:
            value = lx.ordinals.get(g["cu"], lx.ordinal_units.get(g["cu"], 0)) + lx.ordinal_tens[g["ct"]]
        elif g["o"]:
            if g["o"] in lx.ordinal_units:
                continue
            value = lx.ordinals.get(g["o"]) or lx.ordinal_tens[g["o"]]
        elif g["oen"]:
            value = lx.ordinals[g["oen"]]
        else:
            value = int(g["odig"])
        cands.append((m.start(), m.end(), "ordinal", value, "ordinal", "amounts:ordinal", {}))

    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple] = []
    for c in cands:
        if any(c[0] < t[1] and t[0] < c[1] for t in taken):
            continue
        taken.append(c)
    out: list[AmountMatch] = []
    for s, e, typ, value, kind, rule, attrs in sorted(taken, key=lambda c: c[0]):
        while e > s and text[e - 1].isspace():
            e -= 1
        o_s, o_e = norm.to_original(s, e)
        if any(o_s < b and a < o_e for a, b in exclude):
            continue
        if spans is not None and not any(a <= o_s and o_e <= b for a, b in spans):
            continue
        out.append(AmountMatch(o_s, o_e, original[o_s:o_e], typ, value, kind, rule, attrs))
    return out


def find_amounts(text: str, *, lang: str = "ar", reference: str | None = None) -> list[AmountMatch]:
    """Amounts and ordinals in ``text``; digits inside dates found by the dates annotator are skipped."""
    from toolkit.dategrammar import find_dates_normalized as find_dates_norm

    norm = normalize(text)
    dates = [(d.start, d.end) for d in find_dates_norm(norm, None)]
    return _find_norm(norm, exclude=dates)


@annotator("amounts", produces=("amount", "ordinal"), needs=("date",))
def annotate(doc: Doc) -> list[Mention]:
    """Amount and ordinal mentions in the doc's body, skipping spans taken by date mentions."""
    dates = [(m.start, m.end) for m in doc.of_type("date")]  # the registry runs dates first
    found = _find_norm(doc.norm, exclude=dates, spans=list(doc.regions))
    return [
        Mention(start=a.start, end=a.end, text=a.text, type=a.type, value=a.value, kind=a.kind,
                sentence=doc.sentence_of(a.start), rule=a.rule,
                attrs={"qualifier": a.attrs.get("qualifier"), "unit": a.attrs.get("unit"),
                       "unit_en": a.attrs.get("unit_en"), "currency": a.attrs.get("currency"),
                       **{k: v for k, v in a.attrs.items() if k not in ("qualifier", "unit", "unit_en", "currency")}})
        for a in found
    ]

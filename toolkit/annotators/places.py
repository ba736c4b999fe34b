"""Places below the country: cities, provinces, regions, districts, seas, buildings, airports.

Two sources, one mention type ``place``:

1. The gazetteer ``lexicon/places.csv`` (documented in ``lexicon/README.events.md``): major
   cities, provinces and regions with the country they lie in, found in one pass of the
   clitic-aware matcher. ``value`` is the canonical English name, ``kind`` city / province /
   region / place, attr ``country`` the ISO alpha-3 code, ``rule`` the lexicon row. A form
   marked ``ambiguous`` (صور is also "pictures", الخبر "the news") counts only right after a
   place word (في, مدينة, محافظة, in, near ...).
2. The statistical name tagger (:mod:`toolkit.ner`, Arabic) for the places the gazetteer does
   not hold: ``value`` is the name as written, ``kind`` and ``fine`` the tagger's class (city,
   province, district, water-body, region, building, airport, road, ...), no country, ``rule``
   ``model:ner-newsfane@<version>`` with its ``confidence``.

Capitals are not places: they are country mentions (``country_names.csv``: الرياض, موسكو). A
place inside a country, organisation or person mention is left to that mention. The events
annotator reads these mentions to say where an event happened and, when no actor names its
country, whose it is.
"""
from __future__ import annotations

import re
from functools import lru_cache

from toolkit import lexicon, ner
from toolkit.arabic import normalize_key
from toolkit.cache import persistent
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.registry import annotator
from toolkit.spans import SpanIndex

FILE = "places"
KINDS = ("city", "province", "region", "place")
#: A tagged place below this confidence (the smallest marginal of its labels) is left out.
MIN_CONFIDENCE = 0.5
#: Words after which an ambiguous place form counts (normalised Arabic: ة is ه; English as written).
#: Words that introduce a place (normalised); never a place name by themselves.
_PLACE_WORDS = ("في", "ب", "الي", "قرب", "بمدينه", "مدينه", "محافظه", "بمحافظه", "ولايه", "بولايه", "بلده", "ببلده",
                "منطقه", "بمنطقه", "اقليم", "باقليم", "قضاء", "ناحيه", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي",
                "ضواحي", "وسط")
_PLACE_WORD = re.compile(
    r"(?:^|\s)(?:[وف]?[بل]?(?:" + "|".join(_PLACE_WORDS) + r")|in|near|of|city of|province of|town of)\s*$")
#: A tagged place made only of these words is dropped (the tagger reads «ضواحي» in «ضواحي موسكو» as a name).
_NOT_PLACE_NAMES = frozenset(_PLACE_WORDS) | frozenset("و" + w for w in _PLACE_WORDS) | frozenset(
    "ال" + w for w in _PLACE_WORDS if not w.startswith("ب"))
#: How far before an ambiguous form a place word is looked for (normalised characters).
PLACE_WORD_LOOKBACK_CHARS = 16


@lru_cache(maxsize=1)
def places() -> tuple[tuple[dict, str, str], ...]:
    """(row, form, lang) for every form of places.csv, checked."""
    out = []
    for r in lexicon.rows(FILE, required=("name_en", "kind", "country")):
        lexicon.choice(FILE, r, "kind", KINDS)
        if not re.fullmatch(r"[A-Z]{3}", r["country"]):
            raise lexicon.error(FILE, r, f"country must be an ISO alpha-3 code, not {r['country']!r}")
        lexicon.yes(r.get("ambiguous"), name=FILE, row=r, column="ambiguous")
        forms = [(f.strip(), "ar") for f in r.get("ar", "").split("|") if f.strip()]
        forms += [(f.strip(), "en") for f in r.get("en", "").split("|") if f.strip()]
        if not forms:
            raise lexicon.error(FILE, r, "no form in ar or en")
        out.extend((r, f, lang) for f, lang in forms)
    return tuple(out)


@persistent("place-gazetteer")
def gazetteer() -> Gazetteer:
    return Gazetteer(Entry(form, row, lang=lang) for row, form, lang in places())


@lru_cache(maxsize=1)
def place_forms() -> frozenset[str]:
    """The normalised forms of the gazetteer's places that are never another word (rows not
    marked ``ambiguous``): a name the tagger reads as a person but is one of these is a place."""
    return frozenset(normalize_key(form) for row, form, _ in places() if not lexicon.yes(row.get("ambiguous")))


_HAMZA_ALIFS = "أإآ"
_DIACRITICS = re.compile(r"[\u064B-\u0652\u0640]")


def _hamza_agrees(written: str, form: str) -> bool:
    """An ambiguous form written with a hamza on its alif must be written with that hamza (إب, the city
    of Ibb, is آب, August, once normalised): the text's alifs agree with the form's, clitics aside."""
    if not any(c in _HAMZA_ALIFS for c in form):
        return True
    bare = _DIACRITICS.sub("", written)
    return bare.endswith(form)


@annotator("places", produces=("place",), needs=("country", "organization", "person"))
def annotate(doc: Doc) -> list[Mention]:
    """Place mentions of ``doc`` (see the module docstring)."""
    taken = SpanIndex((m.start, m.end) for m in doc.mentions if m.type in ("country", "organization", "person"))
    out: list[Mention] = []
    for hit in gazetteer().find(doc.norm, regions=doc.regions):
        if taken.overlaps(hit.start, hit.end):
            continue  # inside (or across) a country, organisation or person mention
        row = hit.entry.payload
        if lexicon.yes(row.get("ambiguous")):
            before = doc.norm.text[max(0, hit.nstart - PLACE_WORD_LOOKBACK_CHARS):hit.nstart]
            if not _PLACE_WORD.search(before) or not _hamza_agrees(doc.text[hit.start:hit.end], hit.entry.key):
                continue
        out.append(Mention(hit.start, hit.end, doc.text[hit.start:hit.end], "place", row["name_en"], row["kind"],
                           doc.sentence_of(hit.start), lexicon.ref(FILE, row), {"country": row["country"]}))
    found = SpanIndex((m.start, m.end) for m in out)
    for n in ner.names(doc):
        if n.type != "place" or n.confidence < MIN_CONFIDENCE:
            continue
        if taken.overlaps(n.start, n.end) or found.overlaps(n.start, n.end) or not doc.in_body(n.start, n.end):
            continue
        text = doc.text[n.start:n.end]
        if all(w in _NOT_PLACE_NAMES for w in normalize_key(text).split()):
            continue
        out.append(Mention(start=n.start, end=n.end, text=text, type="place", value=text, kind=n.fine,
                           sentence=doc.sentence_of(n.start), rule=ner.rule(), confidence=n.confidence,
                           attrs={"fine": n.fine}))
    out.sort(key=lambda m: m.start)
    return out

"""Places below the country: major cities, provinces and regions, with the country they lie in.

``annotate(doc)`` finds the forms of ``lexicon/places.csv`` (documented in
``lexicon/README.events.md``) in one pass of the clitic-aware matcher and returns mentions of
type ``place``: ``value`` the canonical English name, ``kind`` city / province / region /
place, attr ``country`` the ISO alpha-3 code. Capitals are not here: they are country
mentions (``country_names.csv``). A form marked ``ambiguous`` (صور is also "pictures",
الخبر "the news") counts only right after a place word (في, مدينة, محافظة, in, near ...).
A place inside a country, organisation or person mention is left to that mention.
The events annotator reads these mentions to say where an event happened and, when no
actor names its country, whose it is.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from toolkit import lexicon
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.registry import annotator

FILE = "places"
KINDS = ("city", "province", "region", "place")
#: Words after which an ambiguous place form counts (normalised Arabic: ة is ه; English as written).
_PLACE_WORD = re.compile(
    r"(?:^|\s)(?:[وف]?(?:في|ب|قرب|بمدينه|مدينه|محافظه|بمحافظه|ولايه|بولايه|بلده|ببلده|منطقه|بمنطقه|اقليم|باقليم|"
    r"قضاء|ناحيه|شمال|جنوب|شرق|غرب|شمالي|جنوبي|ضواحي|وسط)|in|near|of|city of|province of|town of)\s*$")
_LOOKBACK = 16


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


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(Entry(form, row, lang=lang) for row, form, lang in places())


@annotator("places", produces=("place",), needs=("country", "organization", "person"))
def annotate(doc: Doc) -> list[Mention]:
    """Place mentions of ``doc`` (see the module docstring)."""
    taken = sorted((m.start, m.end) for m in doc.mentions if m.type in ("country", "organization", "person"))
    starts = [s for s, _ in taken]
    out: list[Mention] = []
    from toolkit.annotators.events import _in_body

    for hit in gazetteer().find(doc.norm):
        if not _in_body(doc, hit.start, hit.end):
            continue
        row = hit.entry.payload
        i = bisect_left(starts, hit.end)
        if any(s < hit.end and hit.start < e for s, e in taken[max(0, i - 3):i]):
            continue  # inside (or across) a country, organisation or person mention
        if lexicon.yes(row.get("ambiguous")):
            before = doc.norm.text[max(0, hit.nstart - _LOOKBACK):hit.nstart]
            if not _PLACE_WORD.search(before):
                continue
        out.append(Mention(hit.start, hit.end, doc.text[hit.start:hit.end], "place", row["name_en"], row["kind"],
                           doc.sentence_of(hit.start), lexicon.ref(FILE, row), {"country": row["country"]}))
    return out

"""Places below the country: cities, provinces, districts, regions, seas, buildings, airports.

The statistical name tagger (:mod:`toolkit.ner`, Arabic) finds them; a place the country
lexicon already knows (a capital is a reference to its country: الرياض, موسكو) stays a
country mention and is not repeated here. ``value`` is the name as written, ``fine`` the
tagger's class (city, province, district, water-body, region, building, airport, road, ...),
``rule`` = ``model:ner-newsfane@<version>`` with its ``confidence``.
"""
from __future__ import annotations

from toolkit import ner
from toolkit.model import Doc, Mention
from toolkit.registry import annotator

#: a tagged place below this confidence (the smallest marginal of its labels) is left out
MIN_CONFIDENCE = 0.5


@annotator("places", produces=("place",), needs=("country", "organization", "person"))
def annotate(doc: Doc) -> list[Mention]:
    taken = [(m.start, m.end) for m in doc.of_type("country", "organization", "person")]
    out: list[Mention] = []
    for n in ner.names(doc):
        if n.type != "place" or n.confidence < MIN_CONFIDENCE:
            continue
        if any(a < n.end and n.start < b for a, b in taken):
            continue
        text = doc.text[n.start:n.end]
        out.append(Mention(start=n.start, end=n.end, text=text, type="place", value=text, kind=n.fine,
                           sentence=doc.sentence_of(n.start), rule=ner.rule(), confidence=n.confidence,
                           attrs={"fine": n.fine}))
    return out

"""The dates annotator: date mentions in the body, resolved against the publication date.

The grammar itself (patterns, month names, Hijri conversion, ISO values) is
:mod:`toolkit.dategrammar`; this module turns its matches into ``date`` mentions.
"""
from __future__ import annotations

from toolkit.dategrammar import DateMatch, find_dates, find_dates_normalized, parse_reference
from toolkit.model import Doc, Mention
from toolkit.registry import annotator


@annotator("dates", produces=("date",))
def annotate(doc: Doc) -> list[Mention]:
    """Date mentions in the doc's body regions, resolved against ``doc.published``."""
    try:
        ref = parse_reference(doc.published)
    except ValueError:
        ref = None
    found = find_dates_normalized(doc.norm, ref, list(doc.regions))
    return [
        Mention(start=d.start, end=d.end, text=d.text, type="date", value=d.value, kind=d.resolution,
                sentence=doc.sentence_of(d.start), rule=f"dates:{d.rule}",
                attrs={"calendar": d.calendar, "relative": d.relative})
        for d in found
    ]


__all__ = ["annotate", "find_dates", "DateMatch"]

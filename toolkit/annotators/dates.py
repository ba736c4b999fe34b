"""The dates annotator: date and duration mentions in the body, resolved against the publication date.

The grammar itself (patterns, month names, Hijri conversion, ISO values) is
:mod:`toolkit.dategrammar`; this module turns its matches into mentions of two types:

- ``date``: ``value`` ISO 8601 (``2025-04-25``, ``2025-04``, ``2025``, ``2025-W16``, ``A/B``;
  decades ``1980/1989``, centuries ``1901/2000``), ``kind`` the resolution (day, week, month,
  year, range, decade, century), ``calendar`` and ``relative`` columns;
- ``duration``: ``value`` an ISO 8601 duration (``P8Y``, ``PT30M``; empty when vague),
  ``kind`` ``exact`` or ``approximate``, ``number`` the count as written, ``unit`` as written,
  ``unit_en`` in English, ``qualifier`` (about, more_than ...) and, for vague durations
  (بضعة أيام, عشرات السنين), ``number_low``/``number_high``.

Durations are neither dates nor amounts: the amounts annotator skips their spans.
"""
from __future__ import annotations

from toolkit.dategrammar import (DateMatch, DurationMatch, find_dates, find_durations, find_temporal_normalized,
                                 parse_reference)
from toolkit.model import Doc, Mention
from toolkit.registry import annotator


@annotator("dates", produces=("date", "duration"))
def annotate(doc: Doc) -> list[Mention]:
    """Date and duration mentions in the doc's body regions, dates resolved against ``doc.published``."""
    try:
        ref = parse_reference(doc.published)
    except ValueError:
        ref = None
    found, durations = find_temporal_normalized(doc.norm, ref, list(doc.regions))
    out = [
        Mention(start=d.start, end=d.end, text=d.text, type="date", value=d.value, kind=d.resolution,
                sentence=doc.sentence_of(d.start), rule=f"dates:{d.rule}",
                attrs={"calendar": d.calendar, "relative": d.relative})
        for d in found
    ]
    for u in durations:
        attrs = {"number": u.number, "unit": u.unit, "unit_en": u.unit_en, "qualifier": u.qualifier}
        if u.kind == "approximate":
            attrs.update(number_low=u.number_low, number_high=u.number_high)
        out.append(Mention(start=u.start, end=u.end, text=u.text, type="duration", value=u.value, kind=u.kind,
                           sentence=doc.sentence_of(u.start), rule=f"dates:{u.rule}", attrs=attrs))
    out.sort(key=lambda m: m.start)
    return out


__all__ = ["annotate", "find_dates", "find_durations", "DateMatch", "DurationMatch"]

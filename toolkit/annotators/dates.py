"""The dates annotator: date mentions in the body, resolved against the publication date.

The grammar itself (patterns, month names, Hijri conversion, ISO values) is
:mod:`toolkit.dategrammar`; this module turns its matches into ``date`` mentions.
"""
from __future__ import annotations

import weakref

from toolkit.arabic import Normalized
from toolkit.dategrammar import DateMatch, find_dates, find_dates_normalized, parse_reference
from toolkit.model import Doc, Mention

_RAN: dict[int, weakref.ref] = {}  # id(doc.norm) -> weak reference, for the docs annotate() saw


def _mark_ran(norm: Normalized) -> None:
    key = id(norm)
    ref = _RAN.get(key)
    if ref is None or ref() is not norm:
        _RAN[key] = weakref.ref(norm, lambda _r, key=key: _RAN.pop(key, None))


def ran_on(doc: Doc) -> bool:
    """Whether :func:`annotate` ran on this doc (on its very ``norm``, which the pipeline's
    docs share), so that no date mentions means no dates rather than dates not run."""
    ref = _RAN.get(id(doc.norm))
    return ref is not None and ref() is doc.norm


def annotate(doc: Doc) -> list[Mention]:
    """Date mentions in the doc's body regions, resolved against ``doc.published``."""
    try:
        ref = parse_reference(doc.published)
    except ValueError:
        ref = None
    found = find_dates_normalized(doc.norm, ref, list(doc.regions))
    _mark_ran(doc.norm)
    return [
        Mention(start=d.start, end=d.end, text=d.text, type="date", value=d.value, kind=d.resolution,
                sentence=doc.sentence_of(d.start), rule=f"dates:{d.rule}",
                attrs={"calendar": d.calendar, "relative": d.relative})
        for d in found
    ]


__all__ = ["annotate", "find_dates", "DateMatch"]

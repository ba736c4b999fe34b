"""Questions about many spans at once, answered in logarithmic time.

Annotators keep asking "does this hit lie inside one of the body's regions?" or "does it
overlap a date?". Asked with ``any(...)`` over a list, each question costs the length of
the list, and an article with many paragraphs and many hits costs their product. A
:class:`SpanIndex` sorts the spans once and answers each question with a binary search.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Iterable

Span = tuple[int, int]


class SpanIndex:
    """Spans ``[start, end)``, sorted once; ``contains`` and ``overlaps`` in O(log n)."""

    __slots__ = ("_starts", "_ends", "_reach")

    def __init__(self, spans: Iterable[Span]):
        ordered = sorted((int(s), int(e)) for s, e in spans)
        self._starts = [s for s, _ in ordered]
        self._ends = [e for _, e in ordered]
        # the furthest end among the spans up to each position (spans may overlap or nest)
        self._reach = list(accumulate(self._ends, max))

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares at least one character with some span."""
        i = bisect_right(self._starts, end - 1) - 1  # the last span starting before ``end``
        return i >= 0 and self._reach[i] > start

    def contains(self, start: int, end: int) -> bool:
        """True when some span holds all of ``[start, end)``: every span up to ``i`` starts at or
        before ``start``, so one of them holds the range when the furthest of their ends reaches ``end``."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._reach[i] >= end


__all__ = ["SpanIndex", "Span"]

"""Questions about many spans at once, answered in logarithmic time.

Annotators keep asking "does this hit lie inside one of the body's regions?" or "does it
overlap a date?". Asked with ``any(...)`` over a list, each question costs the length of
the list, and an article with many paragraphs and many hits costs their product. A
:class:`SpanIndex` sorts the spans once and answers each question with a binary search.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Any, Iterable

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


class SpanSet:
    """Spans ``[start, end)`` with an item each, that can grow: ``add`` keeps them sorted by start and
    ``overlapping`` finds the items sharing a character with a range by looking only at the spans
    that start within the longest span's length before it (O(log n + k))."""

    __slots__ = ("_starts", "_ends", "_items", "_longest")

    def __init__(self, spans: Iterable[tuple[int, int, Any]] = ()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._items: list[Any] = []
        self._longest = 0
        for s, e, item in sorted(spans, key=lambda x: (x[0], x[1])):
            self._starts.append(s)
            self._ends.append(e)
            self._items.append(item)
            self._longest = max(self._longest, e - s)

    def __len__(self) -> int:
        return len(self._starts)

    def add(self, start: int, end: int, item: Any = None) -> None:
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._items.insert(i, item)
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> list[Any]:
        """The items whose span shares a character with ``[start, end)``, in start order."""
        out = []
        j = bisect_left(self._starts, start - self._longest + 1)
        starts, ends = self._starts, self._ends
        while j < len(starts) and starts[j] < end:
            if ends[j] > start and starts[j] < ends[j]:
                out.append(self._items[j])
            j += 1
        return out

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))


class ByEnd:
    """Items with ``start``/``end`` attributes, sorted once by end: those ending in ``[lo, hi]``, in
    their original order, in O(log n + k)."""

    __slots__ = ("_ends", "_order")

    def __init__(self, items: Iterable[Any]):
        ordered = sorted(enumerate(items), key=lambda x: (x[1].end, x[0]))
        self._ends = [it.end for _, it in ordered]
        self._order = ordered

    def ending_in(self, lo: int, hi: int) -> list[Any]:
        i, j = bisect_left(self._ends, lo), bisect_right(self._ends, hi)
        return [it for _, it in sorted(self._order[i:j], key=lambda x: x[0])]


__all__ = ["SpanIndex", "SpanSet", "ByEnd", "Span"]

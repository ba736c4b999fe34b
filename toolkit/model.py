"""The data model shared by every stage: spans, mentions, events and the document annotators see.

A ``Mention`` is one row of ``Annotation.mentions``; an ``Event`` one row of
``Annotation.events`` (the tables' columns are declared in :mod:`toolkit.schema`; records
become rows in :mod:`toolkit.tables`). Offsets are ``str`` indices into the article text, so
``text[m.start:m.end] == m.text`` always holds. Annotators receive a ``Doc``: the
text, its normalised form with an offset map, the body's sentences, and the
mentions found by the annotators that ran before them.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Mapping

from toolkit.arabic import Normalized
from toolkit.spans import SpanIndex

Span = tuple[int, int]


@dataclass(frozen=True)
class Mention:
    """A typed span of the text with its resolved value and the rule that produced it.

    ``attrs`` holds the type-specific columns (``role``, ``country``, ``speaker``,
    ``qualifier``, ``unit``, ...); they become columns of the mentions table.
    """

    start: int
    end: int
    text: str
    type: str
    value: Any
    kind: str | None = None
    sentence: int | None = None
    rule: str = ""
    attrs: Mapping[str, Any] = field(default_factory=dict)
    confidence: float | None = None


@dataclass(frozen=True)
class Event:
    """A directed event between two actors: each a country (ISO alpha-3) or organisation id
    and/or an agent type; a side is None when the text names no actor for it."""

    source: str | None
    target: str | None
    type: str  # PLOVER, upper case
    mode: str  # "done", "intend", "negated", ...
    cameo_root: str
    quad_class: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    intensity: float  # -10 .. +10
    date: str | None
    sectors: tuple[str, ...]
    sentence: int
    start: int  # the sentence's span in the text
    end: int
    evidence: str  # the trigger words as written
    rule: str
    source_text: str = ""
    target_text: str = ""
    source_agent: str | None = None  # CAMEO/PLOVER agent code: GOV, MIL, COP, OPP, REB, UAF, CVL, ...
    target_agent: str | None = None
    location: str | None = None  # where it happened, as written
    location_country: str | None = None
    confidence: float | None = None  # a model's confidence; None for rules
    date_basis: str = ""  # where ``date`` came from: "clause" (a date in the event's clause) or "published"


@dataclass(frozen=True)
class Doc:
    """What an annotator sees: the text, where to look, and what was found before it.

    ``regions`` are the spans of the body to annotate (trailer lines are metadata and
    are left out); ``sentences`` partition those regions. ``published`` is the article's
    ISO date when known (relative dates resolve against it).
    """

    text: str
    lang: str
    norm: Normalized
    regions: tuple[Span, ...]
    sentences: tuple[Span, ...]
    published: str | None = None
    mentions: tuple[Mention, ...] = ()
    source: str | None = None  # the news source as written (aawsat, تاس), when known

    def with_mentions(self, more: list[Mention] | tuple[Mention, ...]) -> "Doc":
        return replace(self, mentions=self.mentions + tuple(more))

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence holding ``offset`` (binary search), or None outside the body."""
        k = bisect_right(self._sentence_starts, offset) - 1
        if k >= 0 and offset < self.sentences[k][1]:
            return k
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def line_start(self, offset: int) -> int:
        """Offset of the first character of the line holding ``offset`` (binary search)."""
        k = bisect_right(self._line_starts, offset) - 1
        return self._line_starts[k]

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        j = find("\n")
        while j != -1:
            starts.append(j + 1)
            j = find("\n", j + 1)
        return starts

    def of_type(self, *types: str) -> list[Mention]:
        return [m for m in self.mentions if m.type in types]

    def in_body(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one of the body's regions (O(log n))."""
        return self._regions_index.contains(start, end)

    @cached_property
    def _regions_index(self) -> SpanIndex:
        return SpanIndex(self.regions)

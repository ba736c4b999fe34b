"""Annotation: the annotations of one article, as records and as tables.

What ``toolkit.annotate`` returns. The records (``mention_records``, ``event_records``) are
the frozen :mod:`toolkit.model` objects the annotators made; ``mentions`` and ``events`` are
the same as DataFrames (built by :mod:`toolkit.tables`, so their columns never depend on
the text).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from toolkit.model import Event, Mention

if TYPE_CHECKING:  # pandas (and toolkit.tables) load when a table is first asked for, not at import
    import pandas as pd


@dataclass(frozen=True)
class Annotation:
    """The annotations of one article: ``text``, ``mentions`` and ``events`` tables.

    ``mentions`` and ``events`` are pandas DataFrames built from the frozen records in
    ``mention_records`` and ``event_records``; ``explain(i)`` says why row ``i`` of
    ``mentions`` is there.
    """

    text: str
    lang: str
    mention_records: tuple[Mention, ...]
    event_records: tuple[Event, ...]
    article: Any = None
    sentences: tuple[tuple[int, int], ...] = ()
    meta: dict = field(default_factory=dict)

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """The mentions table (columns and dtypes as in ``toolkit.schema.MENTIONS``)."""
        from toolkit.tables import mention_frame

        return mention_frame(self.mention_records)

    @cached_property
    def events(self) -> pd.DataFrame:
        """The events table (columns and dtypes as in ``toolkit.schema.EVENTS``)."""
        from toolkit.tables import event_frame

        return event_frame(self.event_records)

    def sentence_text(self, i: int) -> str:
        s, e = self.sentences[i]
        return self.text[s:e]

    def explain(self, i: int) -> str:
        """A readable account of mention ``i``: span, value and the rule that produced it."""
        from toolkit.tables import is_missing

        m = self.mention_records[i]
        parts = [f"{m.type} {m.text!r} at {m.start}:{m.end} -> {m.value!r}"]
        if m.kind:
            parts.append(f"kind: {m.kind}")
        if m.confidence is not None:
            parts.append(f"confidence: {m.confidence:.2f}")
        for k, v in m.attrs.items():
            if not is_missing(v) and v not in ("", ()):
                parts.append(f"{k}: {v}")
        parts.append(f"rule: {m.rule}")
        if m.sentence is not None and m.sentence < len(self.sentences):
            parts.append(f"sentence {m.sentence}: {self.sentence_text(m.sentence)}")
        return "\n".join(parts)

    def first(self, type: str, kind: str | None = None) -> int | None:
        """The index (in ``mentions``) of the first mention of ``type`` (and ``kind``), or None."""
        for i, m in enumerate(self.mention_records):
            if m.type == type and (kind is None or m.kind == kind):
                return i
        return None

    def explain_first(self, type: str, kind: str | None = None) -> str:
        """:meth:`explain` of the first mention of ``type`` (and ``kind``), or a sentence saying
        there is none (``"no person mention in this article"``)."""
        i = self.first(type, kind)
        if i is None:
            what = f"{type} mention" + (f" of kind {kind!r}" if kind else "")
            return f"no {what} in this article"
        return self.explain(i)

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for m in self.mention_records:
            counts[m.type] = counts.get(m.type, 0) + 1
        desc = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
        n = len(self.event_records)
        return f"<Annotation {self.lang} {len(self.text)} chars: {desc or 'no mentions'}; {n} events>"

    def _repr_html_(self) -> str:
        """Jupyter's rich view: the text highlighted by mention type, a legend, the events."""
        from toolkit.display import render_annotation

        return render_annotation(self)


__all__ = ["Annotation"]

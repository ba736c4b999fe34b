"""annotate(): an Article (or a plain string) in, an Annotation out.

The pipeline runs the registered annotators (:mod:`toolkit.registry`) in the order their
needs give; each sees the mentions of those before it (events need countries and people;
quotes need people and organisations; amounts skip what dates took). Every annotator is a
plain function ``annotate(doc)``. Importing this module registers the built-in ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Callable, Sequence

import pandas as pd

from toolkit.arabic import normalize
from toolkit.model import EVENT_COLUMNS, MENTION_COLUMNS, Doc, Event, Mention
from toolkit.text import split_sentences

# the built-in annotators register themselves on import, in this order (ties in the plan keep it)
from toolkit.annotators import countries, organizations, people, places, dates, amounts, quotes, sectors, events  # noqa: E401,F401,E501
from toolkit import registry

#: The built-in annotators, in registration order.
BUILTIN_ANNOTATORS: tuple[str, ...] = (
    "countries", "organizations", "people", "places", "dates", "amounts", "quotes", "sectors", "events",
)


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
        rows = [m.to_row() for m in self.mention_records]
        df = pd.DataFrame(rows) if rows else pd.DataFrame(columns=MENTION_COLUMNS)
        extra = [c for c in df.columns if c not in MENTION_COLUMNS]
        return df[MENTION_COLUMNS + extra]

    @cached_property
    def events(self) -> pd.DataFrame:
        rows = [e.to_row() for e in self.event_records]
        return pd.DataFrame(rows, columns=EVENT_COLUMNS)

    def sentence_text(self, i: int) -> str:
        s, e = self.sentences[i]
        return self.text[s:e]

    def explain(self, i: int) -> str:
        """A readable account of mention ``i``: span, value and the rule that produced it."""
        m = self.mention_records[i]
        parts = [f"{m.type} {m.text!r} at {m.start}:{m.end} -> {m.value!r}"]
        if m.kind:
            parts.append(f"kind: {m.kind}")
        for k, v in m.attrs.items():
            if v not in (None, "", ()):
                parts.append(f"{k}: {v}")
        parts.append(f"rule: {m.rule}")
        if m.sentence is not None and m.sentence < len(self.sentences):
            parts.append(f"sentence {m.sentence}: {self.sentence_text(m.sentence)}")
        return "\n".join(parts)

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for m in self.mention_records:
            counts[m.type] = counts.get(m.type, 0) + 1
        desc = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
        return f"<Annotation {self.lang} {len(self.text)} chars: {desc or 'no mentions'}; {len(self.event_records)} events>"

    def _repr_html_(self) -> str:
        """Jupyter's rich view: the text highlighted by mention type, a legend, the events."""
        from toolkit.display import render_annotation

        return render_annotation(self)


def resolve(mentions: tuple[Mention, ...]) -> list[Mention]:
    """Settle conflicts between annotators: a country word inside a person's name
    (شياع السوداني, Anwar Ibrahim's nisba) is part of the name, not a country reference."""
    people = [(m.start, m.end) for m in mentions if m.type == "person"]
    return [m for m in mentions
            if not (m.type == "country" and any(s <= m.start and m.end <= e for s, e in people))]


def make_doc(article: Any, *, lang: str | None = None) -> Doc:
    """The Doc annotators see, from an Article."""
    text = article.text
    regions = tuple(article.regions)
    return Doc(
        text=text,
        lang=lang or article.language or "ar",
        norm=normalize(text),
        regions=regions,
        sentences=split_sentences(text, regions),
        published=article.published,
    )


def doc_for_text(text: str, *, lang: str = "ar", published: str | None = None,
                 mentions: tuple[Mention, ...] | list[Mention] = (),
                 regions: tuple[tuple[int, int], ...] | list[tuple[int, int]] | None = None) -> Doc:
    """A Doc over a plain string, no layout read (all of it is body unless ``regions`` say
    otherwise): what unit tests and new annotators start from."""
    regions = tuple(regions) if regions else ((0, len(text)),)
    return Doc(text=text, lang=lang, norm=normalize(text), regions=regions,
               sentences=split_sentences(text, regions), published=published, mentions=tuple(mentions))


def annotate(article_or_text: Any, *, lang: str | None = None,
             annotators: Sequence[str] | None = None) -> Annotation:
    """Annotate an Article or a plain string (its layout is read as an article's would be).

    ``annotators`` names the annotators to run (all registered ones when None); what they
    need runs too (``["amounts"]`` also runs ``dates``), in the order the registry plans.
    """
    from toolkit.articles import Article, from_text

    article = article_or_text if isinstance(article_or_text, Article) else from_text(str(article_or_text), language=lang)
    doc = make_doc(article, lang=lang)
    steps = registry.plan(annotators)
    events: list[Event] = []
    resolved = False
    for step in steps:
        if step.makes_events and not resolved:
            doc = replace(doc, mentions=tuple(resolve(doc.mentions)))
            resolved = True
        found = step.func(doc)
        if step.makes_events:
            events.extend(found)
        else:
            doc = doc.with_mentions(found)
    if not resolved:
        doc = replace(doc, mentions=tuple(resolve(doc.mentions)))
    mentions = tuple(sorted(doc.mentions, key=lambda m: (m.start, -m.end, m.type)))
    return Annotation(text=doc.text, lang=doc.lang, mention_records=mentions,
                      event_records=tuple(events), article=article, sentences=doc.sentences)

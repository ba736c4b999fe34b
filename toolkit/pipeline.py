"""annotate(): an Article (or a plain string) in, an Annotation out.

The pipeline runs the registered annotators (:mod:`toolkit.registry`) in the order their
needs give; each sees the mentions of those before it (events need countries and people;
quotes need people and organisations; amounts skip what dates took). Every annotator is a
plain function ``annotate(doc)``. Importing this module registers the built-in ones.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence

from toolkit import registry
from toolkit.annotation import Annotation
from toolkit.arabic import normalize
from toolkit.articles import Article
from toolkit.layout import from_text
from toolkit.model import Doc, Event, Mention
from toolkit.text import split_sentences

# the built-in annotators register themselves on import, in this order (ties in the plan keep it)
import toolkit.annotators.countries  # noqa: E402, F401  (each import registers its annotator)
import toolkit.annotators.organizations  # noqa: E402, F401
import toolkit.annotators.people  # noqa: E402, F401
import toolkit.annotators.places  # noqa: E402, F401
import toolkit.annotators.dates  # noqa: E402, F401
import toolkit.annotators.amounts  # noqa: E402, F401
import toolkit.annotators.quotes  # noqa: E402, F401
import toolkit.annotators.sectors  # noqa: E402, F401
import toolkit.annotators.events  # noqa: E402, F401

#: The built-in annotators, in registration order.
BUILTIN_ANNOTATORS: tuple[str, ...] = (
    "countries", "organizations", "people", "places", "dates", "amounts", "quotes", "sectors", "events",
)


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
        source=getattr(article, "source", None),
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
    if isinstance(article_or_text, Article):
        article = article_or_text
    else:
        article = from_text(str(article_or_text), language=lang)
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


__all__ = ["annotate", "Annotation", "make_doc", "doc_for_text", "resolve", "BUILTIN_ANNOTATORS"]

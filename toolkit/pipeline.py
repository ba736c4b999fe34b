"""annotate(): an Article (or a plain string) in, an Annotation out.

The pipeline runs the registered annotators (:mod:`toolkit.registry`) in the order their
needs give; each sees the mentions of those before it (events need countries and people;
quotes need people and organisations; amounts skip what dates took). Every annotator is a
plain function ``annotate(doc)``. Importing this module registers the built-in ones.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Iterator, Sequence

from toolkit import registry
from toolkit.annotation import Annotation
from toolkit.arabic import normalize
from toolkit.articles import Article
from toolkit.layout import from_text
from toolkit.limits import DEFAULT as DEFAULT_LIMITS
from toolkit.limits import Limits
from toolkit.model import Doc, Event, Mention, Span
from toolkit.spans import SpanIndex
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
    people = SpanIndex((m.start, m.end) for m in mentions if m.type == "person")
    return [m for m in mentions if not (m.type == "country" and people.contains(m.start, m.end))]


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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the annotators run, then resumed.

    The annotators make many small objects that reference counting frees (no cycles to find),
    and each pass of the collector walks every live object, the document's mentions included:
    on one 1 MB document that made the event coder's cost per character grow with the length
    (1.6x the 10 KB figure; 1.0x without the passes), and on ordinary articles the passes cost
    8 to 14% of the pipeline's time (``benchmarks/bench_linear.py``). Nothing is left
    uncollected: the collector runs again as soon as it is resumed and a pass is due. When the
    collector is already off (the caller's choice) it stays off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _run(doc: Doc, steps: list[registry.Annotator]) -> tuple[list[Mention], list[Event]]:
    """The planned annotators over one doc: its mentions (settled by :func:`resolve`) and events,
    with the garbage collector paused (:func:`collector_paused`)."""
    with collector_paused():
        return _run_steps(doc, steps)


def _run_steps(doc: Doc, steps: list[registry.Annotator]) -> tuple[list[Mention], list[Event]]:
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
    return list(doc.mentions), events


#: Mention attributes that hold offsets into the text (moved with the mention when pieces are joined).
OFFSET_ATTRS = ("speaker_start", "speaker_end")


def pieces(text: str, sentences: Sequence[Span], max_chars: int) -> list[tuple[Span, tuple[Span, ...]]]:
    """The text cut into pieces of at most ``max_chars`` at sentence boundaries (a longer sentence
    at white space): ((start, end), the sentence spans in it) for each piece, in order."""
    spans: list[Span] = []
    for s, e in sentences:
        while e - s > max_chars:  # an overlong sentence: cut at the last space before the limit
            cut = text.rfind(" ", s + 1, s + max_chars)
            cut = cut if cut > s else s + max_chars
            spans.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            spans.append((s, e))
    out: list[tuple[Span, tuple[Span, ...]]] = []
    group: list[Span] = []
    for sp in spans:
        if group and sp[1] - group[0][0] > max_chars:
            out.append(((group[0][0], group[-1][1]), tuple(group)))
            group = []
        group.append(sp)
    if group:
        out.append(((group[0][0], group[-1][1]), tuple(group)))
    return out


def _piecewise(doc: Doc, steps: list[registry.Annotator], max_chars: int) -> tuple[Doc, list[Mention], list[Event]]:
    """Annotate a long doc piece by piece; offsets and sentence numbers are those of the whole text."""
    parts = pieces(doc.text, doc.sentences, max_chars)
    all_sentences = tuple(sp for _, group in parts for sp in group)
    mentions: list[Mention] = []
    events: list[Event] = []
    first = 0
    for (a, b), group in parts:
        regions = tuple((max(s, a) - a, min(e, b) - a) for s, e in doc.regions if s < b and a < e)
        piece_text = doc.text[a:b]
        sub = Doc(text=piece_text, lang=doc.lang, norm=normalize(piece_text), regions=regions,
                  sentences=tuple((s - a, e - a) for s, e in group), published=doc.published, source=doc.source)
        ms, evs = _run(sub, steps)
        for m in ms:
            attrs = dict(m.attrs)
            for key in OFFSET_ATTRS:
                if isinstance(attrs.get(key), int):
                    attrs[key] += a
            mentions.append(replace(m, start=m.start + a, end=m.end + a, attrs=attrs,
                                    sentence=None if m.sentence is None else m.sentence + first))
        events.extend(replace(e, start=e.start + a, end=e.end + a, sentence=e.sentence + first) for e in evs)
        first += len(group)
    return replace(doc, sentences=all_sentences), mentions, events


def annotate(article_or_text: Any, *, lang: str | None = None, annotators: Sequence[str] | None = None,
             limits: Limits | None = None) -> Annotation:
    """Annotate an Article or a plain string (its layout is read as an article's would be).

    ``annotators`` names the annotators to run (all registered ones when None); what they
    need runs too (``["amounts"]`` also runs ``dates``), in the order the registry plans.
    A text longer than ``limits.max_piece_chars`` (:mod:`toolkit.limits`) is annotated in
    pieces cut at sentence boundaries, with offsets into the whole text.
    """
    if isinstance(article_or_text, Article):
        article = article_or_text
    else:
        article = from_text(str(article_or_text), language=lang)
    doc = make_doc(article, lang=lang)
    steps = registry.plan(annotators)
    max_chars = (limits or DEFAULT_LIMITS).max_piece_chars
    if len(doc.text) > max_chars:
        doc, found, events = _piecewise(doc, steps, max_chars)
    else:
        found, events = _run(doc, steps)
    mentions = tuple(sorted(found, key=lambda m: (m.start, -m.end, m.type)))
    return Annotation(text=doc.text, lang=doc.lang, mention_records=mentions,
                      event_records=tuple(events), article=article, sentences=doc.sentences)


__all__ = ["annotate", "Annotation", "make_doc", "doc_for_text", "resolve", "pieces", "BUILTIN_ANNOTATORS",
           "OFFSET_ATTRS"]

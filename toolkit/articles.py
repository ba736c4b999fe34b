"""Article: one news article as a plain record: its text, the spans of its parts, its metadata.

An :class:`Article` is what readers produce and annotators read. Its ``text`` is the
decoded text, unchanged except for three things: a byte-order mark is removed, stray NUL
characters are removed (their number is kept in ``extra["nul_bytes_removed"]``) and a
leading front-matter block is removed. Every span (``paragraphs``, ``headings``,
``title_span``, ``body``) indexes that text.

How a plain text is laid out into title, headings, paragraphs and trailer lines is
:mod:`toolkit.layout` (``from_text``); reading files is :mod:`toolkit.readers`
(``load_article``); the language is :mod:`toolkit.language`; the source's English name
:mod:`toolkit.sources`. This module knows none of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

Span = tuple[int, int]

META_FIELDS = (
    "id", "path", "language", "title", "source", "source_en", "publisher", "photo_credit",
    "published", "published_basis", "url", "author",
)


@dataclass(frozen=True)
class Article:
    """One article: its text, the spans of its parts, and its metadata.

    ``regions`` (title, headings, paragraphs in text order) is what annotators annotate;
    trailer lines (source, photo credit, publisher) are metadata and lie outside ``body``.
    """

    id: str
    text: str
    path: str | None = None
    language: str | None = None
    title: str | None = None
    source: str | None = None
    source_en: str | None = None
    publisher: str | None = None
    photo_credit: str | None = None
    published: str | None = None
    published_basis: str | None = None
    url: str | None = None
    author: str | None = None
    paragraphs: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()
    title_span: Span | None = None
    body: Span = (0, 0)
    extra: Mapping[str, str] = field(default_factory=dict, hash=False)

    @property
    def regions(self) -> tuple[Span, ...]:
        """Spans of the title, headings and paragraphs, in text order."""
        spans = list(self.headings) + list(self.paragraphs)
        if self.title_span is not None:
            spans.append(self.title_span)
        return tuple(sorted(spans))

    @property
    def meta(self) -> dict[str, Any]:
        """The metadata as a dict: the fields in ``META_FIELDS`` then ``extra``."""
        out: dict[str, Any] = {name: getattr(self, name) for name in META_FIELDS}
        for key, val in self.extra.items():
            out.setdefault(key, val)
        return out

    def paragraph_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.paragraphs]

    def heading_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.headings]

    def __repr__(self) -> str:
        bits = [self.id, self.language or "?", f"{len(self.text)} chars",
                f"{len(self.paragraphs)} paragraphs"]
        if self.published:
            bits.append(self.published)
        if self.source:
            bits.append(f"source {self.source}")
        return f"<Article {' '.join(str(b) for b in bits)}>"

    def _repr_html_(self) -> str:
        """Jupyter's rich view: title, metadata line, headings and paragraphs (escaped)."""
        from toolkit.display import render_article

        return render_article(self)


__all__ = ["Article", "Span", "META_FIELDS"]

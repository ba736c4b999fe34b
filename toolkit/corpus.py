"""Corpus: many articles read lazily from files and folders, as tidy pandas tables.

``load_corpus(path)`` keeps the source spec, not the texts: iterating re-reads the files,
and ``.articles`` (one row per article) and ``.problems`` are built by one streaming pass
that is cached. ``annotate()`` runs the pipeline over every article and keeps the
``mentions`` and ``events`` tables (each row with its ``article_id``).
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd

from toolkit.articles import Article
from toolkit.model import EVENT_COLUMNS, MENTION_COLUMNS
from toolkit.readers import ReadError, iter_articles

#: Columns of ``Corpus.articles`` in order; ``extra`` keys follow in order of first appearance.
ARTICLE_COLUMNS = [
    "id", "path", "title", "language", "source", "source_en", "publisher", "published",
    "published_basis", "n_chars", "n_paragraphs", "url", "author",
]
#: Columns of ``Corpus.sentences``.
SENTENCE_COLUMNS = ["article_id", "sentence", "start", "end", "text"]
#: Columns of ``Corpus.problems``.
PROBLEM_COLUMNS = ["path", "line", "record", "reason"]

PathSpec = str | os.PathLike | Iterable[str | os.PathLike]


def article_row(article: Article) -> dict[str, Any]:
    """The ``Corpus.articles`` row of one article (metadata and sizes, not the text)."""
    row: dict[str, Any] = {
        "id": article.id, "path": article.path, "title": article.title, "language": article.language,
        "source": article.source, "source_en": article.source_en, "publisher": article.publisher,
        "published": article.published, "published_basis": article.published_basis,
        "n_chars": len(article.text), "n_paragraphs": len(article.paragraphs),
        "url": article.url, "author": article.author,
    }
    for key, val in article.extra.items():
        row.setdefault(key, val)
    return row


class Corpus:
    """Articles from a source spec (files, folders, or Articles in memory), read lazily.

    ``iter(corpus)`` yields Articles (re-reading the files each time); ``articles`` and
    ``problems`` are DataFrames from one cached streaming pass; ``len`` is the number of
    articles read.
    """

    def __init__(self, source: PathSpec, *, errors: str = "raise",
                 fields: Mapping[str, Any] | None = None, encoding: str | None = None):
        if errors not in ("raise", "skip"):
            raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
        self.source = source
        self.errors = errors
        self.fields = dict(fields) if fields else None
        self.encoding = encoding
        self._memory: tuple[Article, ...] | None = None
        self._articles: pd.DataFrame | None = None
        self._problems: pd.DataFrame | None = None
        self._mentions: pd.DataFrame | None = None
        self._events: pd.DataFrame | None = None
        self._sentences: pd.DataFrame | None = None

    @classmethod
    def from_articles(cls, articles: Iterable[Article], *, name: str = "<memory>") -> "Corpus":
        """A corpus over Articles already in memory (kept as given)."""
        corpus = cls(name)
        corpus._memory = tuple(articles)
        return corpus

    @classmethod
    def from_store(cls, path: str | os.PathLike) -> "Corpus":
        """A corpus whose articles, mentions, events and sentences tables come from an
        annotation store (``toolkit.store``); iterating it re-reads the source the store
        was made from, when that is still there."""
        from toolkit.store import Store

        store = Store(path)
        source = store.manifest.get("source")
        corpus = cls(source[0] if source and len(source) == 1 else (source or os.fspath(path)))
        articles = store.table("articles").drop(columns=["content_hash"], errors="ignore")
        corpus._articles = articles
        corpus._problems = pd.DataFrame({c: pd.Series(dtype=object) for c in PROBLEM_COLUMNS})
        for col in ("line", "record"):
            corpus._problems[col] = corpus._problems[col].astype("Int64")
        corpus._mentions = store.table("mentions")
        corpus._events = store.table("events")
        corpus._sentences = store.table("sentences")
        return corpus

    # ------------------------------------------------------------------ reading

    def __iter__(self) -> Iterator[Article]:
        if self._memory is not None:
            yield from self._memory
            return
        # problems found again while re-reading are already in ``.problems``
        yield from iter_articles(self.source, errors=self.errors, fields=self.fields,
                                 encoding=self.encoding, problems=[])

    def _scan(self) -> None:
        if self._articles is not None:
            return
        problems: list[dict[str, Any]] = []
        rows: list[dict[str, Any]] = []
        source = self._memory if self._memory is not None else iter_articles(
            self.source, errors=self.errors, fields=self.fields, encoding=self.encoding, problems=problems)
        for article in source:
            rows.append(article_row(article))
        df = pd.DataFrame(rows) if rows else pd.DataFrame({c: pd.Series(dtype=object) for c in ARTICLE_COLUMNS})
        extra = [c for c in df.columns if c not in ARTICLE_COLUMNS]
        self._articles = df.reindex(columns=ARTICLE_COLUMNS + extra)
        self._articles["n_chars"] = self._articles["n_chars"].astype("int64")
        self._articles["n_paragraphs"] = self._articles["n_paragraphs"].astype("int64")
        self._problems = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
        for col in ("line", "record"):
            self._problems[col] = self._problems[col].astype("Int64")

    @property
    def articles(self) -> pd.DataFrame:
        """One row per article: ``ARTICLE_COLUMNS`` then ``extra`` keys (texts are not kept)."""
        self._scan()
        assert self._articles is not None
        return self._articles

    @property
    def problems(self) -> pd.DataFrame:
        """What was skipped (``errors="skip"``): path, line, record, reason; empty when none."""
        self._scan()
        assert self._problems is not None
        return self._problems

    def __len__(self) -> int:
        return len(self.articles)

    def _source_label(self) -> str:
        src = self.source
        if isinstance(src, (str, os.PathLike)):
            label = os.fspath(src)
            return label + "/" if os.path.isdir(label) and not label.endswith(("/", os.sep)) else label
        items = [os.fspath(s) for s in src]
        return items[0] if len(items) == 1 else f"{len(items)} paths"

    def summary(self) -> str:
        """One line: how many articles, languages, date range and problems."""
        df = self.articles
        n = len(df)
        parts = [f"{n} article{'s' if n != 1 else ''}"]
        langs = df["language"].fillna("?").value_counts()
        if len(langs):
            parts.append(" / ".join(f"{lang} {count}" for lang, count in langs.items()))
        dates = df["published"].dropna()
        if len(dates):
            parts.append(f"{dates.min()}…{dates.max()}")
        np_ = len(self.problems)
        parts.append(f"{np_} problem{'s' if np_ != 1 else ''}")
        return ", ".join(parts)

    def __repr__(self) -> str:
        try:
            desc = self.summary()
        except (ReadError, OSError) as exc:
            desc = f"unreadable: {exc}"
        return f"<Corpus {self._source_label()}: {desc}>"

    # ------------------------------------------------------------------ annotation

    def annotate(self, *, progress: bool | None = None, lang: str | None = None) -> "Corpus":
        """Annotate every article; fills ``mentions`` and ``events`` and returns the corpus.

        ``progress`` shows a ``tqdm.auto`` bar (None: only for more than 50 articles).
        Articles are read and annotated one at a time; only the table rows are kept.
        """
        from tqdm.auto import tqdm

        from toolkit.pipeline import annotate as annotate_one

        total = len(self._articles) if self._articles is not None else (len(self._memory) if self._memory is not None else None)
        show = progress if progress is not None else (total is None or total > 50)
        mentions: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        sentences: list[dict[str, Any]] = []
        for article in tqdm(iter(self), total=total, disable=not show, desc="annotating", unit="article"):
            ann = annotate_one(article, lang=lang)
            mentions.extend({"article_id": article.id, **m.to_row()} for m in ann.mention_records)
            events.extend({"article_id": article.id, **e.to_row()} for e in ann.event_records)
            sentences.extend({"article_id": article.id, "sentence": i, "start": s, "end": e, "text": article.text[s:e]}
                             for i, (s, e) in enumerate(ann.sentences))
        self._mentions = _table(mentions, ["article_id"] + MENTION_COLUMNS)
        self._events = _table(events, ["article_id"] + EVENT_COLUMNS)
        self._sentences = _table(sentences, SENTENCE_COLUMNS)
        return self

    @property
    def sentences(self) -> pd.DataFrame:
        """Every body sentence: article_id, sentence (index), start, end, text.

        What every mention and event row points back to (``article_id`` + ``sentence``).
        """
        if getattr(self, "_sentences", None) is None:
            self.annotate()
        return self._sentences

    def article(self, article_id: str) -> Article:
        """The Article with this id (re-read from its source; KeyError when absent)."""
        for article in self:
            if article.id == article_id:
                return article
        raise KeyError(f"no article with id {article_id!r} in {self._source_label()}")

    @property
    def mentions(self) -> pd.DataFrame:
        """Every mention of every article (``toolkit.model.MENTION_COLUMNS`` plus ``article_id``)."""
        if getattr(self, "_mentions", None) is None:
            self.annotate()
        return self._mentions

    @property
    def events(self) -> pd.DataFrame:
        """Every event of every article (``toolkit.model.EVENT_COLUMNS`` plus ``article_id``)."""
        if getattr(self, "_events", None) is None:
            self.annotate()
        return self._events


def _table(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """A DataFrame with ``columns`` first (present even when there are no rows)."""
    df = pd.DataFrame(rows) if rows else pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    extra = [c for c in df.columns if c not in columns]
    return df.reindex(columns=columns + extra)


def load_corpus(path_or_paths: PathSpec, *, errors: str = "raise",
                fields: Mapping[str, Any] | None = None, encoding: str | None = None) -> Corpus:
    """A :class:`Corpus` over files and folders (see ``toolkit.readers`` for the formats).

    Nothing is read until it is needed; a path that does not exist fails at once.
    """
    paths = [path_or_paths] if isinstance(path_or_paths, (str, os.PathLike)) else list(path_or_paths)
    for p in paths:
        if not os.path.exists(p):
            raise FileNotFoundError(f"{os.fspath(p)}: no such file or folder")
    return Corpus(path_or_paths if isinstance(path_or_paths, (str, os.PathLike)) else paths,
                  errors=errors, fields=fields, encoding=encoding)


__all__ = ["Corpus", "load_corpus", "article_row", "ARTICLE_COLUMNS", "PROBLEM_COLUMNS"]

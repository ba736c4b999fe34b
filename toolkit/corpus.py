"""Corpus: many articles read lazily from files and folders, as tidy pandas tables.

``load_corpus(path)`` keeps the source spec, not the texts: iterating re-reads the files,
and ``.articles`` (one row per article) and ``.problems`` are built by one streaming pass
that is cached. ``annotate()`` runs the pipeline over every article and keeps the
``mentions``, ``events`` and ``sentences`` tables (each row with its ``article_id``). Every
event row gets an ``event_id``: rows that report the same event (in one article or many)
share it (:mod:`toolkit.dedup`); ``unique_events`` and ``reports`` are the events and their
reports.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd

from tqdm.auto import tqdm

from toolkit import lexicon
from toolkit.articles import Article
from toolkit.batch import annotate_to_store
from toolkit.dedup import Clustering, cluster_events
from toolkit.pipeline import annotate as annotate_one
from toolkit.limits import Limits
from toolkit.readers import ReadError, iter_articles
from toolkit.schema import ARTICLES
from toolkit.store import Store
from toolkit.tables import Rows, article_row, frame, problem_frame

PathSpec = str | os.PathLike | Iterable[str | os.PathLike]
#: ``annotate()`` shows a progress bar (with the total and an ETA) for more articles than this.
PROGRESS_MIN_ARTICLES = 50


def source_label(source: Any) -> str:
    """How a corpus's source reads in messages: a path (a folder with a trailing /) or "N paths"."""
    if isinstance(source, (str, os.PathLike)):
        label = os.fspath(source)
        return label + "/" if os.path.isdir(label) and not label.endswith(("/", os.sep)) else label
    items = [os.fspath(s) for s in source]
    return items[0] if len(items) == 1 else f"{len(items)} paths"


class Corpus:
    """Articles from a source spec (files, folders, or Articles in memory), read lazily.

    ``iter(corpus)`` yields Articles (re-reading the files each time); ``articles`` and
    ``problems`` are DataFrames from one cached streaming pass; ``len`` is the number of
    articles read.
    """

    def __init__(self, source: PathSpec, *, errors: str = "raise",
                 fields: Mapping[str, Any] | None = None, encoding: str | None = None,
                 limits: Limits | None = None, lexicons: Iterable[str | os.PathLike] | None = None):
        if errors not in ("raise", "skip"):
            raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
        self.source = source
        self.errors = errors
        self.fields = dict(fields) if fields else None
        self.encoding = encoding
        self.limits = limits
        #: user lexicon folders this corpus is annotated with (``toolkit.lexicon.use``), None: those in use
        self.lexicons = tuple(Path(p).resolve() for p in lexicons) if lexicons is not None else None
        self._memory: tuple[Article, ...] | None = None
        self._articles: pd.DataFrame | None = None
        self._problems: pd.DataFrame | None = None
        self._mentions: pd.DataFrame | None = None
        self._events: pd.DataFrame | None = None
        self._sentences: pd.DataFrame | None = None
        self._clustering: Clustering | None = None

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
        store = Store(path)
        source = store.manifest.get("source")
        reading = store.manifest.get("options") or {}
        corpus = cls(source[0] if source and len(source) == 1 else (source or os.fspath(path)),
                     errors=reading.get("errors") or "raise", fields=reading.get("fields"),
                     encoding=reading.get("encoding"))
        corpus._articles = store.table("articles").drop(columns=["content_hash"])
        corpus._problems = problem_frame(store.manifest.get("problems") or [])
        corpus._mentions = store.table("mentions")
        corpus._sentences = store.table("sentences")
        corpus._set_events(store.table("events"))
        return corpus

    # ------------------------------------------------------------------ reading

    def __iter__(self) -> Iterator[Article]:
        if self._memory is not None:
            yield from self._memory
            return
        # problems found again while re-reading are already in ``.problems``
        yield from iter_articles(self.source, errors=self.errors, fields=self.fields,
                                 encoding=self.encoding, problems=[], limits=self.limits)

    def _scan(self) -> None:
        if self._articles is not None:
            return
        problems: list[dict[str, Any]] = []
        rows: list[dict[str, Any]] = []
        source = self._memory if self._memory is not None else iter_articles(
            self.source, errors=self.errors, fields=self.fields, encoding=self.encoding, problems=problems,
            limits=self.limits)
        for article in source:
            rows.append(article_row(article))
        self._articles = frame(ARTICLES, rows)
        self._problems = problem_frame(problems)

    @property
    def articles(self) -> pd.DataFrame:
        """One row per article (``toolkit.schema.ARTICLES``; other metadata in ``extra``; no texts)."""
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

    @property
    def label(self) -> str:
        """The source as it reads in messages (``source_label``)."""
        return source_label(self.source)

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
        return f"<Corpus {self.label}: {desc}>"

    # ------------------------------------------------------------------ annotation

    def annotate(self, *, progress: bool | None = None, lang: str | None = None) -> "Corpus":
        """Annotate every article; fills ``mentions``, ``events`` and ``sentences`` and returns the corpus.

        ``progress`` shows a ``tqdm.auto`` bar (None: only for more than 50 articles).
        Articles are read and annotated one at a time; only the table rows are kept, and
        the tables are built once at the end.
        """
        if self.lexicons is not None and self.lexicons != lexicon.user_folders():
            lexicon.use(*self.lexicons)
        total = len(self._articles) if self._articles is not None else (
            len(self._memory) if self._memory is not None else None)
        show = progress if progress is not None else (total is None or total > PROGRESS_MIN_ARTICLES)
        if show and total is None:  # a bar with a total and an ETA is worth one quick reading pass
            total = len(self.articles)
            show = progress if progress is not None else total > PROGRESS_MIN_ARTICLES
        rows = Rows()
        problems: list[dict[str, Any]] = []
        source = self._memory if self._memory is not None else iter_articles(
            self.source, errors=self.errors, fields=self.fields, encoding=self.encoding, problems=problems,
            limits=self.limits)
        for article in tqdm(source, total=total, disable=not show, desc="annotating", unit="article"):
            rows.add(article, annotate_one(article, lang=lang))
        frames = rows.frames()
        if self._articles is None:  # this pass read everything: keep what it saw
            self._articles, self._problems = frames["articles"], problem_frame(problems)
        self._mentions, self._sentences = frames["mentions"], frames["sentences"]
        self._set_events(frames["events"])
        return self

    def _set_events(self, events: pd.DataFrame) -> None:
        """Keep the events table with every row's ``event_id`` (reports of one event share it)."""
        self._clustering = cluster_events(events, self.articles, self._sentences)
        self._events = self._clustering.events

    @property
    def unique_events(self) -> pd.DataFrame:
        """One row per event however many articles report it (``toolkit.schema.UNIQUE_EVENTS``)."""
        if self._clustering is None:
            self.annotate()
        assert self._clustering is not None
        return self._clustering.unique_events

    @property
    def reports(self) -> pd.DataFrame:
        """One row per event row, with the event it reports (``toolkit.schema.REPORTS``)."""
        if self._clustering is None:
            self.annotate()
        assert self._clustering is not None
        return self._clustering.reports

    @property
    def annotated(self) -> bool:
        """True when the mentions, events and sentences tables are there (annotated or from a store)."""
        return self._mentions is not None and self._events is not None and self._sentences is not None

    @property
    def sentences(self) -> pd.DataFrame:
        """Every body sentence: article_id, sentence (index), start, end, text.

        What every mention and event row points back to (``article_id`` + ``sentence``).
        """
        if self._sentences is None:
            self.annotate()
        return self._sentences

    def article(self, article_id: str) -> Article:
        """The Article with this id (re-read from its source; KeyError when absent)."""
        for article in self:
            if article.id == article_id:
                return article
        raise KeyError(f"no article with id {article_id!r} in {self.label}")

    @property
    def mentions(self) -> pd.DataFrame:
        """Every mention of every article (``toolkit.schema.MENTIONS`` with ``article_id`` first)."""
        if self._mentions is None:
            self.annotate()
        return self._mentions

    @property
    def events(self) -> pd.DataFrame:
        """Every event of every article (``toolkit.schema.EVENTS`` with ``article_id`` first)."""
        if self._events is None:
            self.annotate()
        return self._events


def load_corpus(path_or_paths: PathSpec, *, errors: str = "raise",
                fields: Mapping[str, Any] | None = None, encoding: str | None = None,
                limits: Limits | None = None, store: str | os.PathLike | None = None, workers: int = 1,
                progress: bool | None = None,
                lexicons: str | os.PathLike | Iterable[str | os.PathLike] | None = None) -> Corpus:
    """A :class:`Corpus` over files and folders (see ``toolkit.readers`` for the formats).

    Nothing is read until it is needed; a path that does not exist fails at once. With
    ``store`` (a folder), the corpus is annotated through an annotation store first
    (``toolkit.batch.annotate_to_store``: only new or changed articles are annotated, with
    ``workers`` processes) and the corpus given back reads its tables from the store: the way
    to work with a corpus of tens of thousands of articles. ``lexicons``: a folder (or several)
    of user lexicon files that add to or override the shipped ones (``toolkit.lexicon.use``:
    they apply to the whole process from then on).
    """
    paths = [path_or_paths] if isinstance(path_or_paths, (str, os.PathLike)) else list(path_or_paths)
    for p in paths:
        if not os.path.exists(p):
            raise FileNotFoundError(f"{os.fspath(p)}: no such file or folder")
    source = path_or_paths if isinstance(path_or_paths, (str, os.PathLike)) else paths
    folders = None
    if lexicons is not None:
        folders = [lexicons] if isinstance(lexicons, (str, os.PathLike)) else list(lexicons)
        lexicon.use(*folders)
    if store is not None:
        annotate_to_store(source, store, workers=workers, errors=errors, fields=fields, encoding=encoding,
                          progress=progress)
        return Corpus.from_store(store)
    return Corpus(source, errors=errors, fields=fields, encoding=encoding, limits=limits, lexicons=folders)


__all__ = ["Corpus", "load_corpus", "source_label"]

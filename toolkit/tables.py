"""Records to rows, rows to tables: the one place that builds DataFrames and Arrow tables.

Every table the toolkit gives (``Annotation.mentions``, ``Corpus.articles``, the store's
Parquet parts, the files ``toolkit annotate --out`` writes) is built here from the columns
declared in :mod:`toolkit.schema`, so it has exactly those columns with exactly those dtypes
whatever the texts hold.

- ``mention_row(m)``, ``event_row(e)``, ``article_row(a)``, ``sentence_rows(...)``: one record
  as a plain dict of column values (typed values derived here: ``date_start``/``date_end``/
  ``date_precision`` from an ISO date, ``number`` from an amount's value);
- ``frame(table, rows)``: rows to a DataFrame with the declared dtypes (``empty(table)`` for none);
- ``Rows``: collects the rows of many annotated articles, then gives their frames at once;
- ``to_arrow(table, df)`` / ``from_arrow(table, arrow_table)``: the Parquet form and back.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from toolkit.articles import Article
from toolkit.model import Event, Mention
from toolkit.registry import mention_table
from toolkit.schema import ARTICLES, CORPUS_TABLES, EVENTS, PROBLEMS, SENTENCES, Table


# --------------------------------------------------------------------------- missing values

def is_missing(value: Any) -> bool:
    """None, NaN, ``pd.NA`` or ``NaT``: the one test of "no value" used everywhere."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return False


# --------------------------------------------------------------------------- dtypes

_PANDAS = {
    "text": "str", "int": "int64", "Int": "Int64", "float": "float64", "bool": "boolean",
    "datetime": "datetime64[s]", "list": object, "value": object, "mapping": object,
}
_ARROW = {
    "text": pa.string(), "int": pa.int64(), "Int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
    "datetime": pa.timestamp("s"), "list": pa.list_(pa.string()), "value": pa.string(), "mapping": pa.string(),
}


def pandas_dtype(kind: str) -> Any:
    """The pandas dtype of a column kind (see :mod:`toolkit.schema`)."""
    return _PANDAS[kind]


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of a table: every Parquet file of it has exactly this schema."""
    return pa.schema([pa.field(c.name, _ARROW[c.kind]) for c in table.columns])


_STR_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)


def _series(kind: str, values: list[Any], name: str) -> pd.Series:
    # pandas and numpy read None (and NaN, pd.NA) as missing for every dtype here, in C
    if kind == "text":
        try:  # through Arrow: ten times faster than pandas' own conversion of a list
            arr = pa.array(values, type=pa.large_string(), from_pandas=True)
            return pd.Series(_STR_DTYPE.__from_arrow__(arr), name=name)  # what to_pandas makes, without its Series
        except (pa.ArrowTypeError, pa.ArrowInvalid):  # numbers among the texts: pandas makes them text
            return pd.Series(values, dtype="str", name=name)
    if kind == "int":
        return pd.Series(values, dtype="int64", name=name)
    if kind == "Int":
        return pd.Series(values, dtype="Int64", name=name)
    if kind == "float":
        return pd.Series(values, dtype="float64", name=name)
    if kind == "bool":
        return pd.Series(values, dtype="boolean", name=name)
    if kind == "datetime":
        try:
            arr = np.array(values, dtype="datetime64[s]")
        except (TypeError, ValueError):  # pd.NA, NaN or Timestamps among dates
            arr = np.array([np.datetime64("NaT", "s") if is_missing(v) else np.datetime64(v, "s") for v in values],
                           dtype="datetime64[s]")
        return pd.Series(arr, name=name)
    if kind == "list":
        return pd.Series([[] if is_missing(v) else [str(x) for x in v] for v in values], dtype=object, name=name)
    if kind == "mapping":
        return pd.Series([{} if is_missing(v) else dict(v) for v in values], dtype=object, name=name)
    return pd.Series([None if is_missing(v) else v for v in values], dtype=object, name=name)  # value


def empty(table: Table) -> pd.DataFrame:
    """A table with no rows, its columns and dtypes as declared."""
    return frame(table, [])


def frame(table: Table, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows (dicts by column name) as a DataFrame with exactly ``table``'s columns and dtypes.

    A key that is not a column of the table is an error (declare the column in
    :mod:`toolkit.schema`, or with the annotator that makes it); a missing key is a missing value.
    """
    names = table.names
    known = set(names)
    cols: dict[str, list[Any]] = {n: [None] * len(rows) for n in names}
    for i, row in enumerate(rows):  # one pass over the rows, each row's own keys only
        for key, val in row.items():
            col = cols.get(key)
            if col is None:
                extra = sorted(set(row) - known)
                raise KeyError(f"the {table.name} table has no column(s) {', '.join(extra)}: declare them in "
                               "toolkit.schema (or with the annotator that makes them: toolkit.registry.register)")
            col[i] = val
    index = pd.RangeIndex(len(rows))
    data = {c.name: _series(c.kind, cols[c.name], c.name) for c in table.columns}
    for series in data.values():  # the frame's own index object: nothing to realign
        series.index = index
    return pd.DataFrame(data, index=index, columns=names, copy=False)


def conform(table: Table, df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with exactly ``table``'s columns (missing ones added empty) and dtypes."""
    n = len(df)
    data = {}
    for c in table.columns:
        values = df[c.name].tolist() if c.name in df.columns else [None] * n
        data[c.name] = _series(c.kind, values, c.name)
    return pd.DataFrame(data, index=pd.RangeIndex(n), columns=table.names)


# --------------------------------------------------------------------------- ISO dates to datetimes

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_ORDER = ("day", "week", "month", "year")
#: Date kinds that say more than the ISO form of their value (a decade is a year range).
_KIND_PRECISION = frozenset({"decade", "century", "season"})


def _point(value: str) -> tuple[dt.date, dt.date, str] | None:
    m = _DAY.match(value)
    if m:
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return d, d, "day"
    m = _MONTH.match(value)
    if m:
        y, mo = int(m[1]), int(m[2])
        first = dt.date(y, mo, 1)
        last = (dt.date(y + 1, 1, 1) if mo == 12 else dt.date(y, mo + 1, 1)) - dt.timedelta(days=1)
        return first, last, "month"
    m = _WEEK.match(value)
    if m:
        first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return first, first + dt.timedelta(days=6), "week"
    m = _YEAR.match(value)
    if m:
        y = int(m[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    return None


@lru_cache(maxsize=65536)
def iso_bounds(value: str | None, kind: str | None = None) -> tuple[dt.date | None, dt.date | None, str | None]:
    """(first day, last day, precision) of an ISO 8601 date value; (None, None, None) when unreadable.

    ``YYYY-MM-DD`` (day), ``YYYY-Www`` (week), ``YYYY-MM`` (month), ``YYYY`` (year) and ranges
    ``A/B`` of those (the coarser precision of the two ends). A ``kind`` of ``decade``,
    ``century`` or ``season`` names the precision of a range.
    """
    if not isinstance(value, str) or not value:
        return None, None, None
    try:
        if "/" in value:
            a, _, b = value.partition("/")
            pa_, pb = _point(a.strip()), _point(b.strip())
            if pa_ is None or pb is None:
                return None, None, None
            precision = max(pa_[2], pb[2], key=_ORDER.index)
            start, end = pa_[0], pb[1]
        else:
            p = _point(value.strip())
            if p is None:
                return None, None, None
            start, end, precision = p
    except ValueError:  # 2025-02-30, week 54
        return None, None, None
    if kind in _KIND_PRECISION:
        precision = kind
    return start, end, precision


# --------------------------------------------------------------------------- records to rows

def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def mention_row(m: Mention) -> dict[str, Any]:
    """One mention as a row of the mentions table."""
    row: dict[str, Any] = {
        "start": m.start, "end": m.end, "text": m.text, "type": m.type, "value": m.value, "kind": m.kind,
        "sentence": m.sentence, "rule": m.rule, "confidence": m.confidence,
    }
    for key, val in m.attrs.items():
        if key not in row:
            row[key] = val
    if m.type == "date":
        start, end, precision = iso_bounds(m.value if isinstance(m.value, str) else None, m.kind)
        row.setdefault("date_start", start)
        row.setdefault("date_end", end)
        row.setdefault("date_precision", precision)
    elif m.type in ("amount", "ordinal", "duration") and row.get("number") is None:
        row["number"] = _number(m.value)
    return row


#: Every field of the Event record is a column of the events table (the schema test checks it).
_EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(Event))


def event_row(e: Event) -> dict[str, Any]:
    """One event as a row of the events table (``event_id`` is set on corpus tables, not here)."""
    row = {name: getattr(e, name) for name in _EVENT_FIELDS}
    for side in ("source", "target", "source_text", "target_text"):
        if row[side] == "":
            row[side] = None
    start, end, precision = iso_bounds(e.date)
    row["date_start"], row["date_end"], row["date_precision"] = start, end, precision
    return row


def article_row(article: Article) -> dict[str, Any]:
    """The ``Corpus.articles`` row of one article (metadata and sizes, not the text)."""
    start, _, _ = iso_bounds(article.published)
    return {
        "id": article.id, "path": article.path, "title": article.title, "language": article.language,
        "source": article.source, "source_en": article.source_en, "publisher": article.publisher,
        "photo_credit": article.photo_credit, "published": article.published, "published_date": start,
        "published_basis": article.published_basis, "n_chars": len(article.text),
        "n_paragraphs": len(article.paragraphs), "url": article.url, "author": article.author,
        "extra": dict(article.extra),
    }


def sentence_rows(article_id: str, text: str, sentences: Iterable[tuple[int, int]]) -> list[dict[str, Any]]:
    """The ``Corpus.sentences`` rows of one article."""
    return [{"article_id": article_id, "sentence": i, "start": s, "end": e, "text": text[s:e]}
            for i, (s, e) in enumerate(sentences)]


def mention_frame(mentions: Iterable[Mention]) -> pd.DataFrame:
    """``Annotation.mentions``: the mentions of one article."""
    return frame(mention_table(), [mention_row(m) for m in mentions])


def event_frame(events: Iterable[Event]) -> pd.DataFrame:
    """``Annotation.events``: the events of one article."""
    return frame(EVENTS, [event_row(e) for e in events])


def table(name: str) -> Table:
    """A corpus table's declaration by name (mentions include registered annotators' columns)."""
    if name == "mentions":
        return mention_table().with_article_id()
    if name not in CORPUS_TABLES:
        raise KeyError(f"no table {name!r} (tables: {', '.join(CORPUS_TABLES)})")
    return CORPUS_TABLES[name]


class Rows:
    """The rows of many annotated articles, collected one article at a time, framed once."""

    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.sentences: list[dict[str, Any]] = []

    def add(self, article: Article, annotation: Any, **article_fields: Any) -> None:
        """Add an article and its annotation (``article_fields`` go into its articles row)."""
        aid = article.id
        row = article_row(article)
        row.update(article_fields)
        self.articles.append(row)
        self.mentions.extend({"article_id": aid, **mention_row(m)} for m in annotation.mention_records)
        self.events.extend({"article_id": aid, **event_row(e)} for e in annotation.event_records)
        self.sentences.extend(sentence_rows(aid, article.text, annotation.sentences))

    def frames(self, articles_table: Table = ARTICLES) -> dict[str, pd.DataFrame]:
        """The four tables: articles, mentions, events, sentences."""
        return {
            "articles": frame(articles_table, self.articles),
            "mentions": frame(table("mentions"), self.mentions),
            "events": frame(table("events"), self.events),
            "sentences": frame(SENTENCES, self.sentences),
        }


def problem_frame(problems: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """``Corpus.problems`` from the readers' problem dicts."""
    return frame(PROBLEMS, [{k: p.get(k) for k in PROBLEMS.names} for p in problems])


def with_extra(articles: pd.DataFrame, *keys: str) -> pd.DataFrame:
    """A copy of an articles table with the ``extra`` metadata ``keys`` as text columns
    (all the keys any article has when none are named): ``with_extra(corpus.articles, "desk")``."""
    extras = articles["extra"].tolist() if "extra" in articles.columns else [{}] * len(articles)
    if not keys:
        keys = tuple(dict.fromkeys(k for e in extras for k in (e or {})))
    out = articles.copy()
    for key in keys:
        if key in out.columns:
            raise ValueError(f"the articles table already has a column {key!r}")
        out[key] = pd.Series([(e or {}).get(key) for e in extras], dtype="str", index=out.index)
    return out


# --------------------------------------------------------------------------- Arrow (Parquet)

def _jsonable(v: Any) -> Any:
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    if isinstance(v, tuple):
        return list(v)
    return v


def to_arrow(table_: Table, df: pd.DataFrame) -> pa.Table:
    """A table's DataFrame as Arrow with the declared schema (value and mapping columns as JSON text)."""
    arrays = []
    for c in table_.columns:
        s = df[c.name] if c.name in df.columns else pd.Series([None] * len(df), dtype=object)
        typ = _ARROW[c.kind]
        if c.kind in ("value", "mapping"):
            vals = [None if (not isinstance(v, (dict, list, tuple)) and is_missing(v))
                    else json.dumps(_jsonable(v), ensure_ascii=False, default=str) for v in s.tolist()]
            arrays.append(pa.array(vals, type=typ))
        elif c.kind == "list":
            arrays.append(pa.array([None if v is None else [str(x) for x in v] for v in s.tolist()], type=typ))
        elif c.kind == "datetime":
            arrays.append(pa.array(s.astype("datetime64[s]").to_numpy(), type=typ, from_pandas=True))
        elif c.kind == "text":
            arrays.append(pa.array([None if is_missing(v) else str(v) for v in s.tolist()], type=typ))
        else:
            arrays.append(pa.array(s, type=typ, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=arrow_schema(table_))


def from_arrow(table_: Table, data: pa.Table) -> pd.DataFrame:
    """The DataFrame back from :func:`to_arrow` (or any Arrow table with those columns)."""
    n = data.num_rows
    cols = {}
    for c in table_.columns:
        if c.name not in data.column_names:
            cols[c.name] = _series(c.kind, [None] * n, c.name)
            continue
        col = data.column(c.name)
        if c.kind in ("value", "mapping"):
            cols[c.name] = _series(c.kind, [None if v is None else json.loads(v) for v in col.to_pylist()], c.name)
        elif c.kind == "datetime":
            cols[c.name] = pd.Series(col.cast(pa.timestamp("s")).to_numpy(zero_copy_only=False),
                                     name=c.name).astype("datetime64[s]")
        elif c.kind == "float":
            cols[c.name] = pd.Series(col.to_numpy(zero_copy_only=False), dtype="float64", name=c.name)
        elif c.kind == "int":
            cols[c.name] = pd.Series(col.to_numpy(zero_copy_only=False), dtype="int64", name=c.name)
        else:
            cols[c.name] = _series(c.kind, col.to_pylist(), c.name)
    return pd.DataFrame(cols, index=pd.RangeIndex(n), columns=table_.names)


__all__ = ["is_missing", "pandas_dtype", "arrow_schema", "empty", "frame", "conform", "iso_bounds",
           "mention_row", "event_row", "article_row", "sentence_rows", "mention_frame", "event_frame", "table",
           "Rows", "problem_frame", "with_extra", "to_arrow", "from_arrow"]

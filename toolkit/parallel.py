"""Annotating batches of articles in worker processes: a process pool or dask.distributed.

The unit of work is a *batch*: a list of plain-dict articles (``article_to_dict``) in, the
rows of the four store tables out (``annotate_batch``). ``annotate_batch`` is a pure
function of its input (and of the toolkit version and lexicons installed where it runs),
so the same batch gives the same rows in this process, in a pool worker or on a dask
worker on another machine.

``run_batches(batches, workers=, engine=, scheduler=)`` maps it over an iterator of
batches and yields the results *in input order*, with at most ``2 × workers`` batches in
flight, so memory stays bounded however long the input is:

- ``engine="process"``, ``workers=1``: in this process (no pool);
- ``engine="process"``, ``workers=N``: a ``concurrent.futures.ProcessPoolExecutor`` whose
  workers load the lexicons once when they start (``init_worker``);
- ``engine="dask"``: ``dask.distributed`` at ``scheduler`` (an address such as
  ``tcp://10.0.0.5:8786``), or a ``LocalCluster`` of ``workers`` processes when None.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import deque
from typing import Any, Callable, Iterable, Iterator

from toolkit.articles import Article

ENGINES = ("process", "dask")

_TUPLE_FIELDS = ("paragraphs", "headings")


def article_to_dict(article: Article) -> dict[str, Any]:
    """An Article as a plain dict (picklable, no toolkit classes)."""
    out = {f.name: getattr(article, f.name) for f in dataclasses.fields(article)}
    out["extra"] = dict(article.extra)
    return out


def article_from_dict(data: dict[str, Any]) -> Article:
    """The Article back from ``article_to_dict`` (spans as tuples again)."""
    values = dict(data)
    for key in _TUPLE_FIELDS:
        values[key] = tuple(tuple(s) for s in values.get(key) or ())
    for key in ("title_span", "body"):
        if values.get(key) is not None:
            values[key] = tuple(values[key])
    values["extra"] = dict(values.get("extra") or {})
    return Article(**values)


def content_hash(article: Article, *, lang: str | None = None) -> str:
    """SHA-256 of what annotation reads: the text, language, published date and regions.

    Two articles with the same hash get the same annotations (under the same toolkit
    version and lexicons), whatever their other metadata (path, source, title text).
    ``lang`` is the language annotation is forced to (``annotate(lang=)``), if any.
    """
    payload = json.dumps([lang or article.language, article.published, [list(s) for s in article.regions]],
                         ensure_ascii=False, separators=(",", ":"))
    h = hashlib.sha256()
    h.update(payload.encode("utf-8"))
    h.update(b"\x00")
    h.update(article.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def init_worker() -> None:
    """Load the lexicons and build the matchers once, when a worker process starts."""
    from toolkit.pipeline import annotate

    annotate("روسيا والسعودية تعلنان اتفاقاً في الرياض يوم 1 مايو 2024.", lang="ar")


def annotate_batch(batch: list[dict[str, Any]], lang: str | None = None) -> dict[str, Any]:
    """Annotate plain-dict articles; returns the Parquet-ready tables of the batch.

    Each input dict is ``article_to_dict(article)`` plus ``content_hash``. The result
    maps ``articles``, ``mentions``, ``events`` and ``sentences`` to ``pyarrow.Table``
    (see ``toolkit.store.encode_table``) and ``n`` to the number of articles.
    """
    from toolkit.corpus import ARTICLE_COLUMNS, SENTENCE_COLUMNS, _table, article_row
    from toolkit.model import EVENT_COLUMNS, MENTION_COLUMNS
    from toolkit.pipeline import annotate
    from toolkit.store import encode_table

    articles: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    sentences: list[dict[str, Any]] = []
    for data in batch:
        data = dict(data)
        digest = data.pop("content_hash")
        article = article_from_dict(data)
        ann = annotate(article, lang=lang)
        row = article_row(article)
        row["content_hash"] = digest
        articles.append(row)
        aid = article.id
        mentions.extend({"article_id": aid, **m.to_row()} for m in ann.mention_records)
        events.extend({"article_id": aid, **e.to_row()} for e in ann.event_records)
        sentences.extend({"article_id": aid, "sentence": i, "start": s, "end": e, "text": article.text[s:e]}
                         for i, (s, e) in enumerate(ann.sentences))
    arts = _table(articles, ARTICLE_COLUMNS)
    for col in ("n_chars", "n_paragraphs"):
        arts[col] = arts[col].astype("int64")
    return {
        "n": len(batch),
        "articles": encode_table(arts),
        "mentions": encode_table(_table(mentions, ["article_id"] + MENTION_COLUMNS)),
        "events": encode_table(_table(events, ["article_id"] + EVENT_COLUMNS)),
        "sentences": encode_table(_table(sentences, SENTENCE_COLUMNS)),
    }


def _ordered(submit: Callable[[Any], Any], result: Callable[[Any], Any], items: Iterable[Any],
             in_flight: int) -> Iterator[Any]:
    """Submit items, keep at most ``in_flight`` pending, yield results in input order."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= in_flight:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def run_batches(batches: Iterable[list[dict[str, Any]]], *, workers: int = 1, engine: str = "process",
                scheduler: str | None = None, lang: str | None = None) -> Iterator[dict[str, Any]]:
    """``annotate_batch`` over ``batches``, results in input order (see the module docstring)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if engine == "process":
        if workers == 1:
            for batch in batches:
                yield annotate_batch(batch, lang)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker) as pool:
            yield from _ordered(lambda b: pool.submit(annotate_batch, b, lang), lambda f: f.result(),
                                batches, 2 * workers)
        return
    yield from _run_dask(batches, workers=workers, scheduler=scheduler, lang=lang)


def _run_dask(batches: Iterable[list[dict[str, Any]]], *, workers: int, scheduler: str | None,
              lang: str | None) -> Iterator[dict[str, Any]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("engine='dask' needs dask.distributed: it is a dependency of the toolkit: reinstall with pip install -e .") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        client.run(init_worker)
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        yield from _ordered(lambda b: client.submit(annotate_batch, b, lang, pure=False),
                            lambda f: f.result(), batches, 2 * n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["ENGINES", "article_to_dict", "article_from_dict", "content_hash", "init_worker",
           "annotate_batch", "run_batches"]

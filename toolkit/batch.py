"""Annotating many articles in batches: in this process, in worker processes, or on dask.distributed.

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

``annotate_to_store(source, store)`` brings an annotation store (:mod:`toolkit.store`, the
format) up to date: it reads the source lazily, skips every article whose ``content_hash``
(text, language, published date and regions) is already stored under the same toolkit
version and lexicon fingerprint, annotates the others in batches (one part per batch) and
commits after each part. A changed lexicon or toolkit version makes every stored part stale,
so everything is annotated again. Articles no longer in the source are dropped at the end of
a complete run. Because every part is committed, an interrupted run resumes where it stopped.
Before anything, the store is checked: the articles of a damaged part (a truncated, missing or
overwritten file, counts that do not match) are annotated again, which repairs it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from tqdm.auto import tqdm

from toolkit.articles import Article
from toolkit import lexicon, version
from toolkit.pipeline import annotate
from toolkit.readers import iter_articles
from toolkit.store import FORMAT, FORMAT_VERSION, STORE_ARTICLES, TABLES, Store, encode, new_part_name
from toolkit.tables import Rows

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
    annotate("روسيا والسعودية تعلنان اتفاقاً في الرياض يوم 1 مايو 2024.", lang="ar")


def annotate_batch(batch: list[dict[str, Any]], lang: str | None = None) -> dict[str, Any]:
    """Annotate plain-dict articles; returns the Parquet-ready tables of the batch.

    Each input dict is ``article_to_dict(article)`` plus ``content_hash``. The result
    maps ``articles``, ``mentions``, ``events`` and ``sentences`` to ``pyarrow.Table``
    (with the schema a store declares: ``toolkit.store.encode``) and ``n`` to the number
    of articles.
    """
    rows = Rows()
    for data in batch:
        data = dict(data)
        digest = data.pop("content_hash")
        article = article_from_dict(data)
        rows.add(article, annotate(article, lang=lang), content_hash=digest)
    frames = rows.frames(articles_table=STORE_ARTICLES)
    out: dict[str, Any] = {"n": len(batch)}
    for name in TABLES:
        out[name] = encode(name, frames[name])
    return out


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
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker)
        try:
            yield from _ordered(lambda b: pool.submit(annotate_batch, b, lang), lambda f: f.result(),
                                batches, 2 * workers)
        except BaseException:
            # interrupted (Ctrl-C, SIGTERM through the CLI), an error, or the caller stopped reading:
            # the workers are stopped now, not left to finish the batches queued for them
            _stop_workers(pool)
            raise
        pool.shutdown(wait=True)
        return
    yield from _run_dask(batches, workers=workers, scheduler=scheduler, lang=lang)


def _stop_workers(pool: Any, timeout: float = 5.0) -> None:
    """Cancel what a process pool has queued and end its worker processes (a worker busy with a
    batch is terminated: its result would be thrown away)."""
    pool.shutdown(wait=False, cancel_futures=True)
    processes = list((getattr(pool, "_processes", None) or {}).values())  # private: Python < 3.14 has no other way
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout)


#: Seconds to wait for a dask scheduler to answer.
SCHEDULER_TIMEOUT_S = 10


class SchedulerError(RuntimeError):
    """The dask scheduler given cannot be reached (the message says what to do)."""


def _run_dask(batches: Iterable[list[dict[str, Any]]], *, workers: int, scheduler: str | None,
              lang: str | None) -> Iterator[dict[str, Any]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("engine='dask' needs dask.distributed, a dependency of the toolkit: "
                          "reinstall with pip install -e .") from exc
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            raise SchedulerError(f"cannot reach the dask scheduler at {scheduler} within {SCHEDULER_TIMEOUT_S} s "
                                 f"({exc.__class__.__name__}); start it (dask scheduler) or check the address, "
                                 "or leave --scheduler out to use worker processes here") from None
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


@dataclass
class RunReport:
    """What ``annotate_to_store`` did."""

    annotated: int = 0          # articles annotated in this run
    unchanged: int = 0          # articles skipped: same content hash, version and lexicons
    removed: int = 0            # stored articles no longer in the source (dropped)
    parts: int = 0              # parts written
    seconds: float = 0.0
    problems: list = field(default_factory=list)
    repaired: list = field(default_factory=list)   # damaged parts found and replaced (their articles annotated)
    damage: list = field(default_factory=list)     # what was wrong with them (toolkit.store.Damage)
    cleaned: list = field(default_factory=list)    # leftover files of an interrupted write, removed

    @property
    def articles(self) -> int:
        return self.annotated + self.unchanged


def _source_paths(source: Any) -> list[str] | None:
    if isinstance(source, (str, os.PathLike)):
        return [os.path.abspath(os.fspath(source))]
    if isinstance(source, (list, tuple)) and source and all(isinstance(s, (str, os.PathLike)) for s in source):
        return [os.path.abspath(os.fspath(s)) for s in source]
    return None


def _articles_of(source: Any, *, errors: str, fields: Mapping[str, Any] | None, encoding: str | None,
                 problems: list) -> Iterator[Article]:
    """The articles of a path, a list of paths, or any iterable of Articles (a Corpus is one)."""
    if isinstance(source, (str, os.PathLike)) or (
            isinstance(source, (list, tuple)) and all(isinstance(s, (str, os.PathLike)) for s in source)):
        yield from iter_articles(source, errors=errors, fields=fields, encoding=encoding, problems=problems)
    else:
        yield from source


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _options(errors: str, fields: Mapping[str, Any] | None, encoding: str | None,
             lang: str | None) -> dict[str, Any]:
    """The reading options as the manifest records them (so a repair reads the source the same way)."""
    plain = None if not fields else {str(k): v if isinstance(v, str) else [str(x) for x in v]
                                     for k, v in fields.items()}
    return {"errors": errors, "fields": plain, "encoding": encoding, "lang": lang}


def annotate_to_store(source: Any, store: str | os.PathLike, *, workers: int = 1, engine: str = "process",
                      scheduler: str | None = None, batch_size: int = 500, lang: str | None = None,
                      errors: str = "raise", fields: Mapping[str, Any] | None = None,
                      encoding: str | None = None, progress: bool | None = None,
                      verify: bool = False) -> RunReport:
    """Annotate ``source`` into the store folder ``store``; returns a :class:`RunReport`.

    ``source``: a path, a list of paths, a ``Corpus`` or an iterable of Articles (read
    lazily; never all in memory). Unchanged articles are skipped (see the module
    docstring); the rest are annotated in batches of ``batch_size`` articles with
    ``workers`` processes (``engine="process"``) or on dask.distributed (``engine="dask"``:
    the scheduler at address ``scheduler``, or a local cluster of ``workers`` processes).
    Each batch is committed as it is written, so an interrupted run resumes where it stopped.
    Article ids must be unique in the source.

    The store is checked first (:meth:`toolkit.store.Store.check`; ``verify=True`` reads every
    file whole): a damaged part is replaced, its articles annotated again from ``source``
    (``report.repaired``), and the leftovers of an interrupted write are removed
    (``report.cleaned``). Nothing else is deleted but the parts this run supersedes.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    started = time.perf_counter()
    st = Store(store, create=True)
    st.lock()
    report = RunReport()
    try:
        st.manifest = st.read_manifest()
        health = st.check(deep=verify)
        report.cleaned = st.clean()
        damaged = set(health.damaged_parts)
        report.repaired = sorted(damaged)
        report.damage = list(health.damaged)
        ours, fp = version.__version__, lexicon.fingerprint()
        index = st.index(exclude=damaged)
        seen: set[str] = set()
        label = _source_paths(source)
        options = _options(errors, fields, encoding, lang)
        bar = tqdm(disable=not (progress if progress is not None else True), desc="annotating", unit="article")

        def todo() -> Iterator[dict[str, Any]]:
            for article in _articles_of(source, errors=errors, fields=fields, encoding=encoding,
                                        problems=report.problems):
                if article.id in seen:
                    raise ValueError(f"article id {article.id!r} occurs twice in the source (path {article.path}); "
                                     "a store needs unique ids (choose the id field with fields={'id': ...})")
                seen.add(article.id)
                digest = content_hash(article, lang=lang)
                old = index.get(article.id)
                if old is not None and old[2] and old[0] == digest:
                    report.unchanged += 1
                    bar.update(1)
                    continue
                data = article_to_dict(article)
                data["content_hash"] = digest
                yield data

        def manifest_with(parts: list[dict[str, Any]], complete: bool) -> dict[str, Any]:
            return {"format": FORMAT, "format_version": FORMAT_VERSION, "toolkit_version": ours,
                    "lexicon_fingerprint": fp, "complete": complete, "source": label, "options": options,
                    "problems": list(report.problems), "parts": parts}

        parts = [dict(p, drop=list(dict.fromkeys(p.get("drop") or ()))) for p in st.parts if p["name"] not in damaged]
        by_name = {p["name"]: p for p in parts}
        alive = Counter(entry[1] for entry in index.values())  # part name -> articles still live in it

        def supersede(ids: Iterable[str]) -> None:
            for aid in ids:
                old = index.pop(aid, None)
                if old is not None and old[1] in by_name:
                    by_name[old[1]]["drop"].append(aid)
                    alive[old[1]] -= 1

        def live(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            kept = []
            for p in items:
                if alive[p["name"]] <= 0:  # every article of the part annotated again or gone
                    by_name.pop(p["name"], None)
                    continue
                kept.append(p)
            return kept

        try:
            name: str | None = None
            for result in run_batches(_chunks(todo(), batch_size), workers=workers, engine=engine,
                                      scheduler=scheduler, lang=lang):
                if name is None:
                    # record the name of the part about to be written: if this process is killed
                    # while writing it, the next writer can prove its files are leftovers
                    name = new_part_name()
                    st.commit(manifest_with(parts, complete=False), next_part=name)
                st.write_part(result, name)
                ids = result["articles"].column("id").to_pylist()
                supersede(ids)
                part = {"name": name, "articles": result["n"], "toolkit_version": ours,
                        "lexicon_fingerprint": fp, "drop": [],
                        "rows": {t: result[t].num_rows for t in TABLES}}
                parts.append(part)
                by_name[name] = part
                alive[name] = result["n"]
                parts = live(parts)
                name = new_part_name()
                st.commit(manifest_with(parts, complete=False), next_part=name)
                report.annotated += result["n"]
                report.parts += 1
                bar.update(result["n"])
            gone = [aid for aid in index if aid not in seen]
            report.removed = len(gone)
            supersede(gone)
            parts = live(parts)
            st.commit(manifest_with(parts, complete=True))
        finally:
            bar.close()
    finally:
        st.unlock()
    report.seconds = time.perf_counter() - started
    return report


__all__ = [
    "ENGINES", "RunReport", "SchedulerError", "SCHEDULER_TIMEOUT_S", "article_to_dict", "article_from_dict",
    "content_hash", "init_worker", "annotate_batch", "run_batches", "annotate_to_store"
]

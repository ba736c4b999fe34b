"""The annotation store: a corpus's annotations as a Parquet dataset in a folder, kept up to date.

Layout of a store folder::

    manifest.json                 what the store holds (readers follow it and nothing else)
    articles/part-<id>.parquet    the Corpus.articles rows plus ``content_hash``
    mentions/part-<id>.parquet    the Corpus tables, with ``article_id``
    events/part-<id>.parquet
    sentences/part-<id>.parquet
    .lock                         held by the process writing the store

``annotate_to_store(source, store)`` reads the source lazily, skips every article whose
``content_hash`` (``toolkit.parallel.content_hash``: text, language, published date and
regions) is already stored under the same toolkit version and lexicon fingerprint,
annotates the others in batches (one part per batch; in this process, a process pool or
dask.distributed) and commits after each part. A changed lexicon or toolkit version makes
every stored part stale, so everything is annotated again. Articles no longer in the source
are dropped at the end of a complete run. ``toolkit.corpus.Corpus.from_store(path)`` gives
the stored tables as a Corpus.

Crash safety: a part is written under a temporary name, fsynced and renamed; then a new
manifest is written to a temporary file, fsynced, and ``os.replace``\\ d over
``manifest.json`` (and the folder fsynced). The manifest is replaced last, so a process
killed at any moment leaves the last committed store whole; files no manifest refers to
(temporary or uncommitted parts) are removed the next time the store is opened. Because
every part is committed, an interrupted run resumes where it stopped.

Parquet needs one type per column: a column mixing types (the ``value`` of mentions: codes,
dates and numbers) is stored as JSON text, a column of tuples (an event's ``sectors``) as a
list; the schema metadata says which, and reading restores the values as they were.
"""
from __future__ import annotations

import json
import math
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from toolkit.articles import Article

TABLES = ("articles", "mentions", "events", "sentences")
MANIFEST = "manifest.json"
FORMAT = "relations-toolkit-store"
FORMAT_VERSION = 1
_META_KEY = b"toolkit.columns"
_TMP_PREFIX = ".tmp-"


class StoreError(RuntimeError):
    """A store folder that cannot be used (not a store, locked by another writer, ...)."""


# --------------------------------------------------------------------------- columns

def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


#: Columns always stored as JSON text, whatever one part holds (a mention's ``value`` mixes
#: codes, dates and numbers): every part then gives the column the same meaning.
JSON_COLUMNS = frozenset({"value"})
#: The Arrow type of a column that is all missing in a part (otherwise text): so that every
#: part of a table gives each column the same type and the parts read as one dataset.
NULL_TYPES = {"speaker_start": pa.float64(), "speaker_end": pa.float64(), "relative": pa.bool_()}


def encode_table(df: pd.DataFrame) -> pa.Table:
    """A DataFrame as an Arrow table with one type per column (see the module docstring)."""
    out: dict[str, Any] = {}
    how: dict[str, str] = {}
    empty: list[str] = []
    for col in df.columns:
        series = df[col]
        if len(series) and series.isna().all():
            out[col] = pd.Series([None] * len(series), dtype=object)
            empty.append(col)
            if col in JSON_COLUMNS:
                how[col] = "json"
            continue
        if series.dtype != object:
            out[col] = series
            continue
        values = series.tolist()
        kinds = {type(v) for v in values if not _missing(v)}
        if col in JSON_COLUMNS and kinds:
            out[col] = pd.Series([None if _missing(v) else json.dumps(v, ensure_ascii=False) for v in values],
                                 dtype=object)
            how[col] = "json"
        elif not kinds or kinds == {str} or kinds == {bool}:
            out[col] = pd.Series([None if _missing(v) else v for v in values], dtype=object)
        elif kinds == {tuple}:
            out[col] = pd.Series([None if _missing(v) else list(v) for v in values], dtype=object)
            how[col] = "tuple"
        else:
            out[col] = pd.Series([None if _missing(v) else json.dumps(v, ensure_ascii=False) for v in values],
                                 dtype=object)
            how[col] = "json"
    table = pa.Table.from_pandas(pd.DataFrame(out, index=pd.RangeIndex(len(df))), preserve_index=False)
    for col in empty:
        i = table.schema.get_field_index(col)
        table = table.set_column(i, col, pa.nulls(len(table), type=NULL_TYPES.get(col, pa.string())))
    for i, f in enumerate(table.schema):  # pandas' string dtype gives large_string: one text type
        if pa.types.is_large_string(f.type):
            table = table.set_column(i, f.name, table.column(i).cast(pa.string()))
        elif pa.types.is_list(f.type) and pa.types.is_null(f.type.value_type):  # only empty lists here
            table = table.set_column(i, f.name, table.column(i).cast(pa.list_(pa.string())))
    meta = dict(table.schema.metadata or {})
    meta[_META_KEY] = json.dumps(how).encode()
    return table.replace_schema_metadata(meta)


def decode_table(table: pa.Table) -> pd.DataFrame:
    """The DataFrame back from ``encode_table`` (JSON and tuple columns restored)."""
    how = json.loads((table.schema.metadata or {}).get(_META_KEY, b"{}"))
    df = table.to_pandas()
    for i, name in enumerate(table.column_names):  # all missing here: stored typed, read as None
        column = table.column(i)
        if len(column) and column.null_count == len(column):
            df[name] = pd.Series([None] * len(df), dtype=object, index=df.index)
    for col, kind in how.items():
        if col not in df.columns:
            continue
        if kind == "tuple":
            df[col] = pd.Series([v if v is None else tuple(v) for v in df[col].tolist()], dtype=object, index=df.index)
        elif kind == "json":
            df[col] = pd.Series([v if v is None else json.loads(v) for v in df[col].tolist()], dtype=object,
                                index=df.index)
    return df


# --------------------------------------------------------------------------- files

def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durable(path: Path, write) -> None:
    """Write via ``write(tmp_path)`` to a temporary name beside ``path``, fsync, rename."""
    tmp = path.with_name(f"{_TMP_PREFIX}{uuid.uuid4().hex}-{path.name}")
    write(tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@dataclass
class RunReport:
    """What ``annotate_to_store`` did."""

    annotated: int = 0          # articles annotated in this run
    unchanged: int = 0          # articles skipped: same content hash, version and lexicons
    removed: int = 0            # stored articles no longer in the source (dropped)
    parts: int = 0              # parts written
    seconds: float = 0.0
    problems: list = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.annotated + self.unchanged


class Store:
    """A store folder, read through its manifest. ``Store(path)`` opens an existing store;
    ``Store(path, create=True)`` makes an empty one when the folder holds none."""

    def __init__(self, path: str | os.PathLike, *, create: bool = False):
        self.path = Path(path)
        self._lock_fd: int | None = None
        manifest = self.path / MANIFEST
        if not manifest.exists():
            if not create:
                raise StoreError(f"{self.path}: not an annotation store (no {MANIFEST})")
            if self.path.exists() and (not self.path.is_dir() or any(self.path.iterdir())):
                raise StoreError(f"{self.path}: not empty and not an annotation store; "
                                 "give a new or empty folder for a store")
            self.path.mkdir(parents=True, exist_ok=True)
            if not (self.path / MANIFEST).exists():
                self._write_manifest(self._empty_manifest())
        self.manifest = self._read_manifest()
        self.clean()

    # -------------------------------------------------------------- manifest

    @staticmethod
    def _empty_manifest() -> dict[str, Any]:
        from toolkit import __version__
        from toolkit.lexicon import fingerprint

        return {"format": FORMAT, "format_version": FORMAT_VERSION, "toolkit_version": __version__,
                "lexicon_fingerprint": fingerprint(), "complete": True, "source": None, "parts": []}

    def _read_manifest(self) -> dict[str, Any]:
        path = self.path / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: unreadable manifest: {exc}") from None
        if data.get("format") != FORMAT:
            raise StoreError(f"{path}: not a {FORMAT} manifest")
        if data.get("format_version", 0) > FORMAT_VERSION:
            raise StoreError(f"{path}: store format {data['format_version']} is newer than this toolkit reads")
        return data

    def _write_manifest(self, manifest: dict[str, Any]) -> None:
        body = json.dumps(manifest, ensure_ascii=False, indent=1)

        def write(tmp: Path) -> None:
            tmp.write_text(body, encoding="utf-8")

        _write_durable(self.path / MANIFEST, write)
        _fsync_dir(self.path)

    @property
    def parts(self) -> list[dict[str, Any]]:
        return self.manifest["parts"]

    def referenced(self) -> set[Path]:
        return {self.path / t / f"{p['name']}.parquet" for p in self.parts for t in TABLES}

    # -------------------------------------------------------------- locking and cleaning

    def _try_lock(self) -> bool:
        import fcntl

        try:
            fd = os.open(self.path / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:  # a read-only store: nobody can be writing it
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._lock_fd = fd
        return True

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            import fcntl

            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def clean(self) -> list[Path]:
        """Remove files no manifest refers to (left by an interrupted write); returns them.

        Does nothing while another process holds the write lock.
        """
        held = self._lock_fd is not None
        if not held and not self._try_lock():
            return []
        try:
            keep = self.referenced()
            removed: list[Path] = []
            for entry in self.path.iterdir():
                if entry.is_file() and entry.name.startswith(_TMP_PREFIX):
                    entry.unlink()
                    removed.append(entry)
            for table in TABLES:
                folder = self.path / table
                if not folder.is_dir():
                    continue
                for entry in folder.iterdir():
                    if entry.is_file() and entry not in keep:
                        entry.unlink()
                        removed.append(entry)
            return removed
        finally:
            if not held:
                self._unlock()

    # -------------------------------------------------------------- reading

    def table(self, name: str) -> pd.DataFrame:
        """One table of the store (all committed parts, dropped articles left out)."""
        if name not in TABLES:
            raise ValueError(f"no table {name!r} in a store (tables: {', '.join(TABLES)})")
        key = "id" if name == "articles" else "article_id"
        frames = []
        for part in self.parts:
            df = decode_table(pq.read_table(self.path / name / f"{part['name']}.parquet"))
            drop = part.get("drop") or ()
            if drop:
                df = df[~df[key].isin(set(drop))].reset_index(drop=True)
            frames.append(df)
        frames = [f for f in frames if len(f)] or frames[:1]
        if not frames:
            return _empty(name)
        if len(frames) == 1:
            return frames[0]
        # a column all missing in one part is typed object there: infer the types again,
        # as pandas does for the whole table built from rows
        return pd.concat(frames, ignore_index=True, sort=False).infer_objects()

    def schema(self, name: str) -> pa.Schema:
        """The schema of a table across all its parts (columns present in any part).

        Give it to any Parquet reader that reads the folder, so that a column absent from
        the first file is not lost: ``pd.read_parquet(store / "mentions", schema=s)``.
        """
        schemas = [pq.read_schema(self.path / name / f"{part['name']}.parquet").remove_metadata()
                   for part in self.parts]
        return pa.unify_schemas(schemas) if schemas else encode_table(_empty(name)).schema.remove_metadata()

    def index(self) -> dict[str, tuple[str, str, bool]]:
        """id -> (content_hash, part name, current) for every stored article; ``current``
        when the part was annotated with this toolkit version and these lexicons."""
        from toolkit import __version__
        from toolkit.lexicon import fingerprint

        version, fp = __version__, fingerprint()
        out: dict[str, tuple[str, str, bool]] = {}
        for part in self.parts:
            cols = pq.read_table(self.path / "articles" / f"{part['name']}.parquet", columns=["id", "content_hash"])
            drop = set(part.get("drop") or ())
            current = part.get("toolkit_version") == version and part.get("lexicon_fingerprint") == fp
            for aid, digest in zip(cols.column("id").to_pylist(), cols.column("content_hash").to_pylist()):
                if aid not in drop:
                    out[aid] = (digest, part["name"], current)
        return out

    @property
    def stale(self) -> bool:
        """True when some stored part was made by another toolkit version or other lexicons."""
        from toolkit import __version__
        from toolkit.lexicon import fingerprint

        return any(p.get("toolkit_version") != __version__ or p.get("lexicon_fingerprint") != fingerprint()
                   for p in self.parts)

    def __len__(self) -> int:
        return sum(p["articles"] - len(p.get("drop") or ()) for p in self.parts)

    def __repr__(self) -> str:
        state = "complete" if self.manifest.get("complete", True) else "interrupted run"
        return f"<Store {self.path}: {len(self)} articles in {len(self.parts)} parts, {state}>"

    def corpus(self):
        """The stored tables as a ``Corpus`` (see ``Corpus.from_store``)."""
        from toolkit.corpus import Corpus

        return Corpus.from_store(self.path)

    # -------------------------------------------------------------- writing

    def _write_part(self, result: Mapping[str, Any]) -> str:
        name = f"part-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:12]}"
        for table in TABLES:
            folder = self.path / table
            folder.mkdir(exist_ok=True)
            arrow = result[table]
            _write_durable(folder / f"{name}.parquet", lambda tmp, arrow=arrow: pq.write_table(arrow, tmp))
            _fsync_dir(folder)
        return name

    def _commit(self, manifest: dict[str, Any]) -> None:
        """Replace the manifest (the commit point), then delete parts it no longer lists."""
        old = self.referenced()
        self._write_manifest(manifest)
        self.manifest = manifest
        for path in old - self.referenced():
            try:
                path.unlink()
            except FileNotFoundError:  # pragma: no cover
                pass


def _empty(name: str) -> pd.DataFrame:
    from toolkit.corpus import ARTICLE_COLUMNS, SENTENCE_COLUMNS
    from toolkit.model import EVENT_COLUMNS, MENTION_COLUMNS

    cols = {"articles": ARTICLE_COLUMNS + ["content_hash"], "mentions": ["article_id"] + MENTION_COLUMNS,
            "events": ["article_id"] + EVENT_COLUMNS, "sentences": SENTENCE_COLUMNS}[name]
    return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})


def open_store(path: str | os.PathLike) -> Store:
    """An existing store (orphaned temporary parts are removed on opening)."""
    return Store(path)


def _source_label(source: Any) -> list[str] | None:
    if isinstance(source, (str, os.PathLike)):
        return [os.path.abspath(os.fspath(source))]
    if isinstance(source, (list, tuple)) and all(isinstance(s, (str, os.PathLike)) for s in source):
        return [os.path.abspath(os.fspath(s)) for s in source]
    return None


def _articles_of(source: Any, *, errors: str, fields: Mapping[str, Any] | None, encoding: str | None,
                 problems: list) -> Iterator[Article]:
    from toolkit.corpus import Corpus
    from toolkit.readers import iter_articles

    if isinstance(source, Corpus):
        yield from source
    elif isinstance(source, (str, os.PathLike)) or (
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


def annotate_to_store(source: Any, store: str | os.PathLike, *, workers: int = 1, engine: str = "process",
                      scheduler: str | None = None, batch_size: int = 500, lang: str | None = None,
                      errors: str = "raise", fields: Mapping[str, Any] | None = None,
                      encoding: str | None = None, progress: bool | None = None) -> RunReport:
    """Annotate ``source`` into the store folder ``store``; returns a :class:`RunReport`.

    ``source``: a path, a list of paths, a ``Corpus`` or an iterable of Articles (read
    lazily; never all in memory). Unchanged articles are skipped (see the module
    docstring); the rest are annotated in batches of ``batch_size`` articles with
    ``workers`` processes (``engine="process"``) or on dask.distributed (``engine="dask"``:
    the scheduler at address ``scheduler``, or a local cluster of ``workers`` processes).
    Each batch is committed as it is written, so an interrupted run resumes where it stopped.
    Article ids must be unique in the source.
    """
    from tqdm.auto import tqdm

    from toolkit import __version__
    from toolkit.lexicon import fingerprint
    from toolkit.parallel import ENGINES, article_to_dict, content_hash, run_batches

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    started = time.perf_counter()
    st = Store(store, create=True)
    if not st._try_lock():
        raise StoreError(f"{st.path}: another process is writing this store")
    report = RunReport()
    try:
        st.clean()
        st.manifest = st._read_manifest()
        version, fp = __version__, fingerprint()
        index = st.index()
        seen: set[str] = set()
        label = _source_label(source)
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
            return {"format": FORMAT, "format_version": FORMAT_VERSION, "toolkit_version": version,
                    "lexicon_fingerprint": fp, "complete": complete, "source": label, "parts": parts}

        parts = [dict(p, drop=list(p.get("drop") or ())) for p in st.parts]
        by_name = {p["name"]: p for p in parts}

        def supersede(ids: Iterable[str]) -> None:
            for aid in ids:
                old = index.pop(aid, None)
                if old is not None and old[1] in by_name:
                    by_name[old[1]]["drop"].append(aid)

        def live(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            kept = []
            for p in items:
                if len(p["drop"]) >= p["articles"]:
                    by_name.pop(p["name"], None)
                    continue
                kept.append(p)
            return kept

        try:
            for result in run_batches(_chunks(todo(), batch_size), workers=workers, engine=engine,
                                      scheduler=scheduler, lang=lang):
                name = st._write_part(result)
                ids = result["articles"].column("id").to_pylist()
                supersede(ids)
                part = {"name": name, "articles": result["n"], "toolkit_version": version,
                        "lexicon_fingerprint": fp, "drop": []}
                parts.append(part)
                by_name[name] = part
                parts = live(parts)
                st._commit(manifest_with(parts, complete=False))
                report.annotated += result["n"]
                report.parts += 1
                bar.update(result["n"])
            gone = [aid for aid in index if aid not in seen]
            report.removed = len(gone)
            supersede(gone)
            parts = live(parts)
            st._commit(manifest_with(parts, complete=True))
        finally:
            bar.close()
    finally:
        st._unlock()
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["Store", "StoreError", "RunReport", "annotate_to_store", "open_store", "encode_table",
           "decode_table", "TABLES"]

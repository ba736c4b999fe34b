"""The annotation store: a corpus's annotations as a Parquet dataset in a folder.

This module is the storage format only; annotating a source into a store (in this
process, worker processes or dask.distributed) is :mod:`toolkit.batch`.

Layout of a store folder::

    manifest.json                 what the store holds (readers follow it and nothing else)
    articles/part-<id>.parquet    the Corpus.articles rows plus ``content_hash``
    mentions/part-<id>.parquet    the Corpus tables, with ``article_id``
    events/part-<id>.parquet
    sentences/part-<id>.parquet
    .lock                         held by the process writing the store

Every part of a table has the same Arrow schema, the one declared in :mod:`toolkit.schema`
(:func:`toolkit.tables.arrow_schema`): a mention's mixed ``value`` is JSON text, lists are
``list<string>``, datetimes ``timestamp[s]``. So the folder of a table reads as one dataset
with any Parquet reader (``pd.read_parquet(store / "mentions")``, ``dask.dataframe``), and
:meth:`Store.table` gives the exact DataFrame the Corpus would have built.

Crash safety: a part is written under a temporary name, fsynced and renamed; then a new
manifest is written to a temporary file, fsynced, and ``os.replace``\\ d over
``manifest.json`` (and the folder fsynced). The manifest is replaced last, so a process
killed at any moment leaves the last committed store whole; files no manifest refers to
(temporary or uncommitted parts) are removed the next time a writer opens the store.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any, Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from toolkit import lexicon, version
from toolkit.schema import ARTICLES, Column, Table
from toolkit.tables import arrow_schema, empty, from_arrow, table as corpus_table, to_arrow

TABLES = ("articles", "mentions", "events", "sentences")
MANIFEST = "manifest.json"
FORMAT = "relations-toolkit-store"
FORMAT_VERSION = 2
_TMP_PREFIX = ".tmp-"


class StoreError(RuntimeError):
    """A store folder that cannot be used (not a store, locked by another writer, ...)."""


# --------------------------------------------------------------------------- tables

#: The articles table of a store: the corpus's, plus the hash that decides what is unchanged.
STORE_ARTICLES = ARTICLES.extended([
    Column("content_hash", "text", "SHA-256 of what annotation reads (toolkit.batch.content_hash)"),
])


def store_table(name: str) -> Table:
    """The declared table ``name`` as a store keeps it."""
    if name not in TABLES:
        raise ValueError(f"no table {name!r} in a store (tables: {', '.join(TABLES)})")
    return STORE_ARTICLES if name == "articles" else corpus_table(name)


def encode(name: str, df: pd.DataFrame) -> pa.Table:
    """A store table's DataFrame as Arrow, with the declared schema."""
    return to_arrow(store_table(name), df)


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
        self.manifest = self.read_manifest()
        self.clean()

    # -------------------------------------------------------------- manifest

    @staticmethod
    def _empty_manifest() -> dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "toolkit_version": version.__version__,
                "lexicon_fingerprint": lexicon.fingerprint(), "complete": True, "source": None, "parts": []}

    def read_manifest(self) -> dict[str, Any]:
        path = self.path / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: unreadable manifest: {exc}") from None
        if data.get("format") != FORMAT:
            raise StoreError(f"{path}: not a {FORMAT} manifest")
        if data.get("format_version", 0) > FORMAT_VERSION:
            raise StoreError(f"{path}: store format {data['format_version']} is newer than this toolkit reads")
        if data.get("format_version", 0) < FORMAT_VERSION:
            raise StoreError(f"{path}: store format {data.get('format_version')} was written by an older toolkit "
                             "(tables of another shape); annotate into a new folder, or delete this one")
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

    def try_lock(self) -> bool:
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

    def unlock(self) -> None:
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
        if not held and not self.try_lock():
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
                self.unlock()

    # -------------------------------------------------------------- reading

    def table(self, name: str) -> pd.DataFrame:
        """One table of the store (all committed parts, dropped articles left out), with exactly
        the declared columns and dtypes."""
        decl = store_table(name)
        key = "id" if name == "articles" else "article_id"
        parts = []
        for part in self.parts:
            data = pq.read_table(self.path / name / f"{part['name']}.parquet", schema=arrow_schema(decl))
            drop = part.get("drop") or ()
            if drop:
                dropped = pc.is_in(data.column(key), value_set=pa.array(list(drop), pa.string()))
                data = data.filter(pc.invert(dropped))
            parts.append(data)
        if not parts:
            return empty(decl)
        return from_arrow(decl, pa.concat_tables(parts))

    def schema(self, name: str) -> pa.Schema:
        """The Arrow schema every part of table ``name`` has (give it to any Parquet reader)."""
        return arrow_schema(store_table(name))

    def index(self) -> dict[str, tuple[str, str, bool]]:
        """id -> (content_hash, part name, current) for every stored article; ``current``
        when the part was annotated with this toolkit version and these lexicons."""
        ours, fp = version.__version__, lexicon.fingerprint()
        out: dict[str, tuple[str, str, bool]] = {}
        for part in self.parts:
            cols = pq.read_table(self.path / "articles" / f"{part['name']}.parquet", columns=["id", "content_hash"])
            drop = set(part.get("drop") or ())
            current = part.get("toolkit_version") == ours and part.get("lexicon_fingerprint") == fp
            for aid, digest in zip(cols.column("id").to_pylist(), cols.column("content_hash").to_pylist()):
                if aid not in drop:
                    out[aid] = (digest, part["name"], current)
        return out

    @property
    def stale(self) -> bool:
        """True when some stored part was made by another toolkit version or other lexicons."""
        ours, fp = version.__version__, lexicon.fingerprint()
        return any(p.get("toolkit_version") != ours or p.get("lexicon_fingerprint") != fp for p in self.parts)

    def __len__(self) -> int:
        return sum(p["articles"] - len(p.get("drop") or ()) for p in self.parts)

    def __repr__(self) -> str:
        state = "complete" if self.manifest.get("complete", True) else "interrupted run"
        return f"<Store {self.path}: {len(self)} articles in {len(self.parts)} parts, {state}>"

    # -------------------------------------------------------------- writing

    def write_part(self, result: Mapping[str, Any]) -> str:
        """Write one part (``result[table]``: an Arrow table per table, see :func:`encode`);
        returns its name. Not yet committed: :meth:`commit` lists it in the manifest."""
        name = f"part-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:12]}"
        for table in TABLES:
            folder = self.path / table
            folder.mkdir(exist_ok=True)
            arrow = result[table]
            _write_durable(folder / f"{name}.parquet", lambda tmp, arrow=arrow: pq.write_table(arrow, tmp))
            _fsync_dir(folder)
        return name

    def commit(self, manifest: dict[str, Any]) -> None:
        """Replace the manifest (the commit point), then delete parts it no longer lists."""
        old = self.referenced()
        self._write_manifest(manifest)
        self.manifest = manifest
        for path in old - self.referenced():
            try:
                path.unlink()
            except FileNotFoundError:  # pragma: no cover
                pass


def open_store(path: str | os.PathLike) -> Store:
    """An existing store (orphaned temporary parts are removed on opening)."""
    return Store(path)


__all__ = ["Store", "StoreError", "open_store", "encode", "store_table", "STORE_ARTICLES", "TABLES", "MANIFEST",
           "FORMAT", "FORMAT_VERSION"]

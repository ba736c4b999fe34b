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

The manifest (a JSON object; :func:`validate_manifest` checks every field when a store is
opened): ``format``, ``format_version``, ``toolkit_version``, ``lexicon_fingerprint``,
``complete``, ``source`` (the paths annotated, or null), ``options`` (how they were read),
``parts`` (each ``name``, ``articles``, ``rows`` per table, ``toolkit_version``,
``lexicon_fingerprint``, ``drop``: ids superseded by a later part) and ``leftovers`` (names
of parts a writer may have left files of: the part it is about to write, the parts its last
commit superseded). A part name is one the toolkit writes (``part-<14 digits>-<12 hex>``),
so every file the store refers to is inside its folder.

The store verifies itself: :meth:`Store.check` compares the manifest with the parts (every
file present and a readable Parquet file of the declared schema, its row count in the footer
equal to the manifest's, every article in one part only) and lists files the manifest does
not account for; ``deep=True`` also reads every file whole (Parquet page checksums, the JSON
values, every row's ``article_id`` one of the part's articles). Reading a damaged store
(:meth:`Store.table`, ``len``, :meth:`Store.index`) raises a :class:`StoreError` naming the
part and the command that repairs it (``toolkit store check DIR --repair``).

Crash safety: a writer first records in the manifest the name of the part it is about to
write (``leftovers``); the part is written under a temporary name, fsynced and renamed; then
a new manifest is written to a temporary file, fsynced, and ``os.replace``\\ d over
``manifest.json`` (and the folder fsynced). The manifest is replaced last, so a process
killed at any moment leaves the last committed store whole. Opening a store never deletes
anything; a writer holding the lock (:meth:`Store.clean`) removes only what it can prove is
a writer's leftover: temporary files (``.tmp-<32 hex>-<name>``) and the files of parts the
manifest names in ``leftovers``. Other files the manifest does not list are reported by
:meth:`Store.check` as orphaned and left alone.
"""
from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from toolkit import lexicon, version
from toolkit.schema import ARTICLES, Column, Table
from toolkit.tables import arrow_schema, empty, from_arrow, table as corpus_table, to_arrow

TABLES = ("articles", "mentions", "events", "sentences")
MANIFEST = "manifest.json"
LOCK = ".lock"
FORMAT = "relations-toolkit-store"
FORMAT_VERSION = 2
_TMP_PREFIX = ".tmp-"
#: The names of the parts the toolkit writes (the only ones a manifest may list).
PART_NAME = re.compile(r"part-\d{14}-[0-9a-f]{12}")
_TMP_MANIFEST = re.compile(r"\.tmp-[0-9a-f]{32}-manifest\.json")
_TMP_PART = re.compile(r"\.tmp-[0-9a-f]{32}-part-\d{14}-[0-9a-f]{12}\.parquet")
#: The reading options a manifest may record (``toolkit.batch.annotate_to_store`` takes them).
OPTIONS = ("errors", "fields", "encoding", "lang")
#: Errors reading a Parquet file (truncated, garbage, failed checksum, missing).
_READ_ERRORS = (pa.ArrowException, OSError, ValueError, KeyError, IndexError, TypeError)


class StoreError(RuntimeError):
    """A store folder that cannot be used (not a store, damaged, locked by another writer, ...)."""


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


def new_part_name() -> str:
    """A fresh part name (``part-<UTC time>-<12 random hex digits>``)."""
    return f"part-{time.strftime('%Y%m%d%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:12]}"


# --------------------------------------------------------------------------- the manifest

def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def validate_manifest(data: Any, where: str = MANIFEST) -> dict[str, Any]:
    """``data`` (a parsed manifest) when every field has the right type; else a
    :class:`StoreError` naming the field (``parts[2].articles``) and what it should be."""
    fix = "restore the manifest, or annotate into a new folder"

    def bad(name: str, what: str, value: Any = None, *, missing: bool = False) -> StoreError:
        got = "it is missing" if missing else f"not {_show(value)}"
        return StoreError(f"{where}: {name} must be {what}, {got} ({fix})")

    def need(obj: Mapping[str, Any], key: str, prefix: str, what: str, ok) -> Any:
        if key not in obj:
            raise bad(prefix + key, what, missing=True)
        if not ok(obj[key]):
            raise bad(prefix + key, what, obj[key])
        return obj[key]

    def names(value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(n, str) and PART_NAME.fullmatch(n) for n in value)

    if not isinstance(data, dict):
        raise StoreError(f"{where}: a manifest must be a JSON object, not {type(data).__name__} ({fix})")
    if data.get("format") != FORMAT:
        raise StoreError(f"{where}: not a {FORMAT} manifest (format is {_show(data.get('format'))}); "
                         f"give the folder of an annotation store")
    fv = need(data, "format_version", "", "a whole number", _is_int)
    if fv > FORMAT_VERSION:
        raise StoreError(f"{where}: store format {fv} is newer than this toolkit reads ({FORMAT_VERSION}); "
                         "upgrade the toolkit")
    if fv < FORMAT_VERSION:
        raise StoreError(f"{where}: store format {fv} was written by an older toolkit (tables of another "
                         "shape); annotate into a new folder, or delete this one")
    need(data, "toolkit_version", "", "a text", lambda v: isinstance(v, str))
    need(data, "lexicon_fingerprint", "", "a text", lambda v: isinstance(v, str))
    need(data, "complete", "", "true or false", lambda v: isinstance(v, bool))
    need(data, "source", "", "null or a list of paths",
         lambda v: v is None or (isinstance(v, list) and len(v) > 0 and all(isinstance(s, str) and s for s in v)))
    if "options" in data:
        options = need(data, "options", "", "an object", lambda v: isinstance(v, dict))
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise bad(f"options.{unknown[0]}", f"one of {', '.join(OPTIONS)}", unknown[0])
        if "errors" in options:
            need(options, "errors", "options.", '"raise" or "skip"', lambda v: v in ("raise", "skip"))
        for key in ("encoding", "lang"):
            if key in options:
                need(options, key, "options.", "null or a text", lambda v: v is None or isinstance(v, str))
        if "fields" in options:
            need(options, "fields", "options.", "null or an object of texts or lists of texts",
                 lambda v: v is None or (isinstance(v, dict) and all(
                     isinstance(x, str) or (isinstance(x, list) and all(isinstance(y, str) for y in x))
                     for x in v.values())))
    if "leftovers" in data:
        need(data, "leftovers", "", "a list of part names (part-<14 digits>-<12 hex>)", names)
    if "problems" in data:  # what the reading of the last run skipped (Corpus.from_store gives them)
        need(data, "problems", "", "a list of objects with path (text), line and record (null or whole numbers), "
                                   "reason (text)",
             lambda v: isinstance(v, list) and all(
                 isinstance(p, dict) and isinstance(p.get("path"), str) and isinstance(p.get("reason"), str)
                 and all(p.get(k) is None or _is_int(p.get(k)) for k in ("line", "record")) for p in v))
    parts = need(data, "parts", "", "a list", lambda v: isinstance(v, list))
    for i, part in enumerate(parts):
        p = f"parts[{i}]"
        if not isinstance(part, dict):
            raise bad(p, "an object", part)
        need(part, "name", p + ".", "a part name the toolkit writes (part-<14 digits>-<12 hex>)",
             lambda v: isinstance(v, str) and PART_NAME.fullmatch(v) is not None)
        need(part, "articles", p + ".", "a whole number ≥ 0", lambda v: _is_int(v) and v >= 0)
        need(part, "toolkit_version", p + ".", "a text", lambda v: isinstance(v, str))
        need(part, "lexicon_fingerprint", p + ".", "a text", lambda v: isinstance(v, str))
        if "drop" in part:
            need(part, "drop", p + ".", "a list of article ids",
                 lambda v: isinstance(v, list) and all(isinstance(a, str) for a in v))
        if "rows" in part:
            need(part, "rows", p + ".", f"an object of whole numbers ≥ 0 for {', '.join(TABLES)}",
                 lambda v: isinstance(v, dict) and set(v) == set(TABLES)
                 and all(_is_int(n) and n >= 0 for n in v.values()))
    return data


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


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _cannot_write(path: Path, exc: OSError) -> StoreError:
    why = exc.strerror or _why(exc)
    return StoreError(f"{path}: cannot write the store here ({why}); give a folder you can write to")


# --------------------------------------------------------------------------- checking

def _same_type(got: pa.DataType, want: pa.DataType) -> bool:
    """A file's column type is the declared one (Parquet keeps datetimes in ms or finer)."""
    return got.equals(want) or (pa.types.is_timestamp(got) and pa.types.is_timestamp(want))


@dataclass(frozen=True)
class Damage:
    """One thing wrong with one part: ``table`` is the file (None: the manifest entry)."""

    part: str
    table: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.table}/{self.part}.parquet" if self.table else f"the entry of {self.part}"
        return f"{self.part}: {where} {self.reason}"


@dataclass
class Health:
    """What :meth:`Store.check` found. ``ok`` when nothing is damaged and no file is unaccounted for."""

    path: Path
    manifest: dict[str, Any]
    deep: bool
    articles: int = 0                                           # live articles in the undamaged parts
    damaged: list[Damage] = field(default_factory=list)
    leftovers: list[Path] = field(default_factory=list)        # a writer's: the next writer removes them
    orphaned: list[Path] = field(default_factory=list)         # in a table folder, listed nowhere: kept
    other: list[Path] = field(default_factory=list)            # other entries beside the manifest: kept
    stale: list[str] = field(default_factory=list)             # parts of another toolkit version or lexicons

    @property
    def damaged_parts(self) -> list[str]:
        return list(dict.fromkeys(d.part for d in self.damaged))

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.orphaned

    def lines(self) -> list[str]:
        """The report, a few readable lines."""
        m = self.manifest
        parts = m["parts"]
        state = "complete" if m["complete"] else "an interrupted run (annotate again to finish it)"
        source = m.get("source")
        src = ", ".join(source) if source else "articles given in memory (no source to re-read)"
        out = [f"{self.path}: annotation store (format {m['format_version']}), toolkit {m['toolkit_version']}, "
               f"{state}",
               f"  source: {src}",
               f"  parts: {len(parts)}, {self.articles} articles"
               + (" (undamaged parts)" if self.damaged else "") + (", every file read whole" if self.deep else
                                                                    ", footers and ids checked")]
        if self.damaged:
            out.append(f"  damaged: {len(self.damaged_parts)} part(s)")
            out += [f"    {d}" for d in self.damaged[:10]]
            if len(self.damaged) > 10:
                out.append(f"    ... and {len(self.damaged) - 10} more")
        if self.stale:
            out.append(f"  stale: {len(self.stale)} part(s) annotated with another toolkit version or other "
                       "lexicons (annotating again updates them)")
        if self.leftovers:
            out.append(f"  leftovers of an interrupted write: {len(self.leftovers)} file(s) "
                       "(the next run or --repair removes them)")
        if self.orphaned:
            shown = ", ".join(str(p.relative_to(self.path)) for p in self.orphaned[:3])
            more = f", ... ({len(self.orphaned) - 3} more)" if len(self.orphaned) > 3 else ""
            out.append(f"  orphaned: {len(self.orphaned)} file(s) the manifest does not list, kept: "
                       f"{shown}{more} (delete them by hand if they are not needed)")
        if self.other:
            out.append(f"  other files kept beside the store: {', '.join(p.name for p in self.other[:5])}")
        if self.damaged:
            out.append(f"  repair: {repair_command(self.path, m)}")
        elif self.ok:
            out.append("  ok")
        return out


def _undecodable(decl: Table, data: pa.Table) -> str | None:
    """What :func:`toolkit.tables.from_arrow` could not turn back into the table's values, if anything:
    JSON text that is not JSON, a missing value in a column that always has one."""
    for c in decl.columns:
        col = data.column(c.name)
        if c.kind == "int" and col.null_count:
            return f"has {col.null_count} missing value(s) in column {c.name}, which always has one"
        if c.kind in ("value", "mapping"):
            for i, text in enumerate(col.to_pylist()):
                if text is None:
                    continue
                try:
                    value = json.loads(text)
                except ValueError:
                    return f"has a value that is not JSON in column {c.name}, row {i}"
                if c.kind == "mapping" and not isinstance(value, (dict, type(None))):
                    return f"has a value that is not a mapping in column {c.name}, row {i}"
    return None


def repair_command(path: Path, manifest: Mapping[str, Any]) -> str:
    """What repairs a damaged store: re-annotating the damaged parts' articles from the source."""
    if manifest.get("source"):
        return f"toolkit store check {path} --repair (re-annotates the damaged parts' articles)"
    return ("annotate_to_store(articles, store) with the same articles (the store names no source "
            "to re-read: it was annotated from articles in memory)")


# --------------------------------------------------------------------------- the store

class Store:
    """A store folder, read through its manifest. ``Store(path)`` opens an existing store;
    ``Store(path, create=True)`` makes an empty one when the folder holds none. Opening checks
    the manifest (:func:`validate_manifest`) and never changes anything on disk."""

    def __init__(self, path: str | os.PathLike, *, create: bool = False):
        self.path = Path(path)
        self._lock_fd: int | None = None
        self._health: Health | None = None
        self._ids: dict[str, tuple[list[str], list[str]]] = {}
        manifest = self.path / MANIFEST
        try:
            if self.path.exists() and not self.path.is_dir():
                raise StoreError(f"{self.path}: is a file, not a folder; give a new or empty folder for the store")
            if not manifest.exists():
                if not create:
                    raise StoreError(f"{self.path}: not an annotation store (no {MANIFEST})")
                if self.path.exists() and any(self.path.iterdir()):
                    raise StoreError(f"{self.path}: not empty and not an annotation store; "
                                     "give a new or empty folder for a store")
                self.path.mkdir(parents=True, exist_ok=True)
                if not manifest.exists():
                    self._write_manifest(self._empty_manifest())
        except OSError as exc:
            if not create:
                raise StoreError(f"{self.path}: cannot read ({exc.strerror or _why(exc)})") from None
            raise _cannot_write(self.path, exc) from None
        self.manifest = self.read_manifest()

    # -------------------------------------------------------------- manifest

    @staticmethod
    def _empty_manifest() -> dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "toolkit_version": version.__version__,
                "lexicon_fingerprint": lexicon.fingerprint(), "complete": True, "source": None, "parts": []}

    def read_manifest(self) -> dict[str, Any]:
        """The manifest on disk, checked (:func:`validate_manifest`)."""
        path = self.path / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: unreadable manifest ({_why(exc)}); restore it, or annotate into a "
                             "new folder") from None
        return validate_manifest(data, str(path))

    def _write_manifest(self, manifest: dict[str, Any]) -> None:
        body = json.dumps(manifest, ensure_ascii=False, indent=1)

        def write(tmp: Path) -> None:
            tmp.write_text(body, encoding="utf-8")

        _write_durable(self.path / MANIFEST, write)
        _fsync_dir(self.path)

    @property
    def parts(self) -> list[dict[str, Any]]:
        return self.manifest["parts"]

    def file(self, part: str, table: str) -> Path:
        """The Parquet file of table ``table`` in part ``part`` (a name the toolkit writes)."""
        if not PART_NAME.fullmatch(part):
            raise StoreError(f"{self.path}: {part!r} is not a part name the toolkit writes")
        return self.path / table / f"{part}.parquet"

    def referenced(self) -> set[Path]:
        return {self.file(p["name"], t) for p in self.parts for t in TABLES}

    # -------------------------------------------------------------- locking and cleaning

    def try_lock(self) -> bool:
        """Take the write lock; False when another process holds it. A store that cannot be
        written raises a :class:`StoreError`."""
        import fcntl

        try:
            fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _cannot_write(self.path, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._lock_fd = fd
        return True

    def lock(self) -> None:
        """Take the write lock, or raise a :class:`StoreError` when another process holds it."""
        if self._lock_fd is None and not self.try_lock():
            raise StoreError(f"{self.path}: another process is writing this store (it holds {self.path / LOCK}); "
                             "wait until it ends, or stop it, then run again")

    def unlock(self) -> None:
        if self._lock_fd is not None:
            import fcntl

            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def _files(self) -> tuple[list[Path], list[Path], list[Path]]:
        """(leftovers, orphaned, other): the files the manifest does not list."""
        keep = self.referenced()
        pending = {n for n in self.manifest.get("leftovers") or () if n not in {p["name"] for p in self.parts}}
        leftovers: list[Path] = []
        orphaned: list[Path] = []
        other: list[Path] = []
        if not self.path.is_dir():
            return leftovers, orphaned, other
        for entry in sorted(self.path.iterdir()):
            if entry.name in (MANIFEST, LOCK) or (entry.name in TABLES and entry.is_dir() and not entry.is_symlink()):
                continue
            mine = _TMP_MANIFEST.fullmatch(entry.name) and entry.is_file() and not entry.is_symlink()
            (leftovers if mine else other).append(entry)
        for table in TABLES:
            folder = self.path / table
            if not folder.is_dir() or folder.is_symlink():
                continue
            for entry in sorted(folder.iterdir()):
                if entry in keep:
                    continue
                stem = entry.name[:-len(".parquet")] if entry.name.endswith(".parquet") else None
                mine = _TMP_PART.fullmatch(entry.name) is not None or stem in pending
                (leftovers if mine and entry.is_file() and not entry.is_symlink() else orphaned).append(entry)
        return leftovers, orphaned, other

    def clean(self) -> list[Path]:
        """Remove a writer's leftovers (temporary files, files of the parts the manifest names in
        ``leftovers``); returns them. Only the process holding the write lock may clean:
        call :meth:`lock` first. Orphaned files (not provably a writer's) are left alone."""
        if self._lock_fd is None:
            raise StoreError(f"{self.path}: only the writer holding the lock cleans a store (Store.lock())")
        removed: list[Path] = []
        for entry in self._files()[0]:
            try:
                entry.unlink()
            except FileNotFoundError:  # pragma: no cover - removed meanwhile
                continue
            removed.append(entry)
        if self._health is not None:
            self._health.leftovers = []
        return removed

    # -------------------------------------------------------------- checking

    def _read_ids(self, part: str) -> tuple[list[str], list[str]]:
        if part not in self._ids:
            cols = pq.read_table(self.file(part, "articles"), columns=["id", "content_hash"])
            self._ids[part] = (cols.column("id").to_pylist(), cols.column("content_hash").to_pylist())
        return self._ids[part]

    def _check_file(self, part: Mapping[str, Any], table: str, deep: bool,
                    ids: set[str] | None) -> tuple[str | None, int]:
        """(what is wrong with one part's file or None, its rows)."""
        path = self.file(part["name"], table)
        if path.parent.is_symlink():
            return f"is in a folder {table}/ that is a symbolic link (the toolkit writes none)", 0
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return "is missing", 0
        except OSError as exc:
            return f"cannot be read ({_why(exc)})", 0
        if path.is_symlink():
            return "is a symbolic link (the toolkit writes none)", 0
        if not path.is_file():
            return "is not a file", 0
        if st.st_size == 0:
            return "is empty (0 bytes)", 0
        try:
            meta = pq.read_metadata(path)
            schema = meta.schema.to_arrow_schema()
        except _READ_ERRORS as exc:
            return f"is not a readable Parquet file (truncated or overwritten: {_why(exc)})", 0
        want = arrow_schema(store_table(table))
        wrong = [f.name for f in want if schema.get_field_index(f.name) < 0
                 or not _same_type(schema.field(f.name).type, f.type)]
        if wrong:
            return (f"has another table shape (column(s) {', '.join(wrong[:4])} missing or of another type): "
                    "written by another toolkit version, or not this table"), meta.num_rows
        rows = meta.num_rows
        said = [(part.get("rows") or {}).get(table)] + ([part["articles"]] if table == "articles" else [])
        for expected in said:
            if expected is not None and rows != expected:
                return f"holds {rows} rows where the manifest says {expected}", rows
        if deep:
            try:
                data = pq.read_table(path, schema=want, page_checksum_verification=True)
                why = _undecodable(store_table(table), data)
            except _READ_ERRORS as exc:
                return f"cannot be read whole ({_why(exc)})", rows
            if why:
                return why, rows
            if table != "articles" and ids is not None:
                outside = set(data.column("article_id").to_pylist()) - ids
                if outside:
                    return (f"has rows of {len(outside)} article(s) the part does not hold "
                            f"(e.g. {_show(sorted(map(str, outside))[0])})"), rows
        return None, rows

    def check(self, *, deep: bool = False) -> Health:
        """Compare the manifest with the files (see the module docstring); never changes anything.

        A writer committing meanwhile (a part superseded and removed) is noticed: the check
        is made again on the new manifest.
        """
        for _ in range(5):
            health = self._check(deep=deep)
            try:
                now = self.read_manifest()
            except StoreError:
                return health
            if now == self.manifest:
                self._health = health
                return health
            self.manifest, self._health, self._ids = now, None, {}
        return health  # pragma: no cover - a writer committing all the time

    def _check(self, *, deep: bool) -> Health:
        m = self.manifest
        health = Health(self.path, m, deep)
        counts = Counter(p["name"] for p in m["parts"])
        for name, n in counts.items():
            if n > 1:
                health.damaged.append(Damage(name, None, f"is listed {n} times in the manifest"))
        owner: dict[str, str] = {}
        live: dict[str, set[str]] = {}
        ours, fp = version.__version__, lexicon.fingerprint()
        for part in m["parts"]:
            name = part["name"]
            if counts[name] > 1:
                continue
            if part["toolkit_version"] != ours or part["lexicon_fingerprint"] != fp:
                health.stale.append(name)
            reason, _ = self._check_file(part, "articles", deep, None)
            ids: set[str] | None = None
            if reason is None:
                try:
                    id_list, _hashes = self._read_ids(name)
                except _READ_ERRORS as exc:
                    reason = f"cannot be read ({_why(exc)})"
                else:
                    ids = set(id_list)
                    drop = set(part.get("drop") or ())
                    if len(ids) != len(id_list):
                        reason = "holds the same article id twice"
                    elif any(not isinstance(a, str) for a in id_list):
                        reason = "holds an article without an id"
                    elif drop - ids:
                        extra = sorted(drop - ids)
                        health.damaged.append(Damage(name, None, f"drops {len(extra)} article(s) the part does not "
                                                                 f"hold (e.g. {_show(extra[0])})"))
                    else:
                        live[name] = ids - drop
            if reason is not None:
                health.damaged.append(Damage(name, "articles", reason))
            for table in TABLES[1:]:
                why, _ = self._check_file(part, table, deep, ids)
                if why is not None:
                    health.damaged.append(Damage(name, table, why))
        bad = set(health.damaged_parts)
        for name, ids in live.items():
            if name in bad:
                continue
            for aid in ids:
                first = owner.setdefault(aid, name)
                if first != name:
                    health.damaged.append(Damage(name, None, f"holds article {_show(aid)}, which part {first} "
                                                             "holds too"))
                    health.damaged.append(Damage(first, None, f"holds article {_show(aid)}, which part {name} "
                                                              "holds too"))
                    break
        bad = set(health.damaged_parts)
        health.articles = sum(len(ids) for name, ids in live.items() if name not in bad)
        health.leftovers, health.orphaned, health.other = self._files()
        return health

    def verify(self) -> Health:
        """The quick check of this store (cached), or a :class:`StoreError` naming the damaged
        part(s) and the command that repairs them."""
        if self._health is None:
            self._health = self.check()
        health = self._health
        if health.damaged:
            first = health.damaged[0]
            n = len(health.damaged_parts)
            more = f" (and {n - 1} more damaged part(s))" if n > 1 else ""
            raise StoreError(f"{self.path}: damaged store: part {first}{more}; repair: "
                             f"{repair_command(self.path, self.manifest)}")
        return health

    def _damaged(self, part: str, table: str, why: str) -> StoreError:
        try:
            changed = self.read_manifest() != self.manifest
        except StoreError:
            changed = True
        if changed:
            return StoreError(f"{self.path}: the store changed while it was read (a writer committed); "
                              "open it again")
        return StoreError(f"{self.path}: damaged store: part {part}: {table}/{part}.parquet {why}; repair: "
                          f"{repair_command(self.path, self.manifest)}")

    # -------------------------------------------------------------- reading

    def table(self, name: str) -> pd.DataFrame:
        """One table of the store (all committed parts, dropped articles left out), with exactly
        the declared columns and dtypes. A damaged store raises a :class:`StoreError`."""
        decl = store_table(name)
        self.verify()
        schema = arrow_schema(decl)
        key = "id" if name == "articles" else "article_id"
        parts = []
        for part in self.parts:
            path = self.file(part["name"], name)
            try:
                data = pq.read_table(path, schema=schema, page_checksum_verification=True)
            except _READ_ERRORS as exc:
                raise self._damaged(part["name"], name, f"cannot be read ({_why(exc)})") from None
            drop = part.get("drop") or ()
            if drop:
                dropped = pc.is_in(data.column(key), value_set=pa.array(list(drop), pa.string()))
                data = data.filter(pc.invert(dropped))
            parts.append(data)
        if not parts:
            return empty(decl)
        try:
            return from_arrow(decl, pa.concat_tables(parts))
        except _READ_ERRORS:
            for part, data in zip(self.parts, parts):  # which part holds what cannot be decoded
                try:
                    from_arrow(decl, data)
                except _READ_ERRORS as exc:
                    raise self._damaged(part["name"], name,
                                        f"holds values that cannot be read ({_why(exc)})") from None
            raise

    def schema(self, name: str) -> pa.Schema:
        """The Arrow schema every part of table ``name`` has (give it to any Parquet reader)."""
        return arrow_schema(store_table(name))

    def index(self, *, exclude: Iterable[str] = ()) -> dict[str, tuple[str, str, bool]]:
        """id -> (content_hash, part name, current) for every stored article; ``current``
        when the part was annotated with this toolkit version and these lexicons.

        The parts named in ``exclude`` are left out (a writer repairing them); any other
        damaged part raises a :class:`StoreError`.
        """
        skip = set(exclude)
        if not skip:
            self.verify()
        ours, fp = version.__version__, lexicon.fingerprint()
        out: dict[str, tuple[str, str, bool]] = {}
        for part in self.parts:
            if part["name"] in skip:
                continue
            try:
                ids, hashes = self._read_ids(part["name"])
            except _READ_ERRORS as exc:
                raise self._damaged(part["name"], "articles", f"cannot be read ({_why(exc)})") from None
            drop = set(part.get("drop") or ())
            current = part.get("toolkit_version") == ours and part.get("lexicon_fingerprint") == fp
            for aid, digest in zip(ids, hashes):
                if aid not in drop:
                    if aid in out:
                        raise self._damaged(part["name"], "articles", f"holds article {_show(aid)} twice")
                    out[aid] = (digest, part["name"], current)
        return out

    @property
    def stale(self) -> bool:
        """True when some stored part was made by another toolkit version or other lexicons."""
        ours, fp = version.__version__, lexicon.fingerprint()
        return any(p.get("toolkit_version") != ours or p.get("lexicon_fingerprint") != fp for p in self.parts)

    def __len__(self) -> int:
        """The number of stored articles, counted in the parts (a damaged store raises)."""
        return self.verify().articles

    def __repr__(self) -> str:
        state = "complete" if self.manifest.get("complete", True) else "interrupted run"
        try:
            n = f"{len(self)} articles"
        except StoreError:
            n = "damaged (toolkit store check)"
        return f"<Store {self.path}: {n} in {len(self.parts)} parts, {state}>"

    # -------------------------------------------------------------- writing

    def write_part(self, result: Mapping[str, Any], name: str | None = None) -> str:
        """Write one part (``result[table]``: an Arrow table per table, see :func:`encode`)
        under ``name`` (a fresh name when None); returns the name. Not yet committed:
        :meth:`commit` lists it in the manifest. A writer first records the name with
        ``commit(..., next_part=name)``, so a kill while writing leaves provable leftovers."""
        name = name or new_part_name()
        self.file(name, "articles")
        try:
            for table in TABLES:
                folder = self.path / table
                folder.mkdir(exist_ok=True)
                arrow = result[table]
                _write_durable(self.file(name, table),
                               lambda tmp, arrow=arrow: pq.write_table(arrow, tmp, write_page_checksum=True))
                _fsync_dir(folder)
        except OSError as exc:  # permission denied, no space left, ...
            raise _cannot_write(self.path, exc) from None
        return name

    def commit(self, manifest: dict[str, Any], *, next_part: str | None = None) -> None:
        """Replace the manifest (the commit point), then delete the parts it no longer lists.

        The manifest written records in ``leftovers`` the parts this commit supersedes (until
        their files are deleted) and ``next_part``, the part the writer is about to write.
        """
        manifest = json.loads(json.dumps(manifest))  # a copy: the caller goes on changing its lists
        gone = [p["name"] for p in self.parts if p["name"] not in {q["name"] for q in manifest["parts"]}]
        manifest["leftovers"] = list(dict.fromkeys(gone + ([next_part] if next_part else [])))
        validate_manifest(manifest, f"{self.path / MANIFEST} (to be written)")
        try:
            self._write_manifest(manifest)
        except OSError as exc:
            raise _cannot_write(self.path, exc) from None
        self.manifest = manifest
        self._health = None
        for name in gone:
            self._ids.pop(name, None)
            for table in TABLES:
                try:
                    self.file(name, table).unlink()
                except FileNotFoundError:
                    pass


def open_store(path: str | os.PathLike) -> Store:
    """An existing store (opening checks the manifest and changes nothing)."""
    return Store(path)


__all__ = ["Store", "StoreError", "Health", "Damage", "open_store", "encode", "store_table", "new_part_name",
           "validate_manifest", "repair_command", "STORE_ARTICLES", "TABLES", "MANIFEST", "FORMAT",
           "FORMAT_VERSION", "PART_NAME", "OPTIONS"]

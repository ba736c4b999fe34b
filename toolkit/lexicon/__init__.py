"""The lexicons: CSV files in this folder, read once per process, through one loader.

Each file's columns are documented in the README beside it (``README.md`` indexes them).
``rows(name)`` returns the rows of ``name.csv`` as dicts with a ``_line`` key (the 1-based
line in the file) and a ``_file`` key (the file, so that every annotation can say which row
produced it: ``ref(name, row)``). Every problem with a file is a :class:`LexiconError` that
names the file and the line. Yes/no columns are read one way, by :func:`yes`.

User lexicons (``README.md``, "Your own lexicons"): ``use(folder)`` adds the CSV files of a
folder to the shipped ones, for this process and the worker processes it starts (it sets
``TOOLKIT_LEXICONS``, which they inherit). A user file has the name and the columns of a
shipped file; each of its rows is added, or replaces the shipped row with the same key (the
columns of :data:`KEYS`), or, with ``remove`` = yes, takes that row away. Its rows are checked
like the shipped ones and their references read ``<folder name>/<file>.csv:<line>``.
``fingerprint()`` hashes the shipped files and the user files: an annotation store records it,
so a change of either makes stored annotations stale.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable

LEXICON_DIR = Path(__file__).resolve().parent
#: The environment variable that names the user lexicon folders (``os.pathsep``-separated).
ENV = "TOOLKIT_LEXICONS"

#: The spellings of yes and no in yes/no columns (case does not matter; empty is no).
YES = frozenset({"y", "yes", "true", "1"})
NO = frozenset({"", "n", "no", "false", "0"})

#: The columns that identify a row of each shipped lexicon: a user row with the same key
#: replaces the shipped row. Lexicons not listed use every column but ``note``.
KEYS: dict[str, tuple[str, ...]] = {
    "agencies": ("form",),
    "countries": ("iso3",),
    "country_names": ("iso3", "lang", "form", "kind"),
    "not_countries": ("lang", "form"),
    "organizations": ("id",),
    "organization_names": ("id", "lang", "form"),
    "institutions": ("id_suffix", "lang", "template"),
    "named_institutions": ("id", "lang", "form"),
    "people": ("person_id", "role", "start"),
    "person_names": ("person_id", "lang", "form"),
    "titles": ("lang", "form"),
    "given_names": ("lang", "form"),
    "months": ("name", "kind", "calendar"),
    "numbers": ("word", "kind", "lang"),
    "units": ("word", "lang", "unit_en"),
    "date_cues": ("word", "kind", "lang"),
    "time_units": ("word", "lang"),
    "amount_stopwords": ("word", "role", "lang"),
    "reporting_verbs": ("lang", "form"),
    "quote_words": ("class", "lang", "form"),
    "sectors": ("sector", "lang", "form"),
    "sector_names": ("sector",),
    "event_cues": ("id",),
    "plover": ("plover",),
}
#: The column a user file may add to take a shipped row away.
REMOVE = "remove"

Row = dict[str, str]


class LexiconError(ValueError):
    """A lexicon file is missing or malformed (the message names the file and the line)."""


def error(name: str, row: Row | None, message: str) -> LexiconError:
    """A :class:`LexiconError` about ``row`` of ``name.csv`` (or about the file when None)."""
    file = (row or {}).get("_file") or f"{name}.csv"
    where = file if row is None else f"{file}, line {row.get('_line', '?')}"
    return LexiconError(f"{where}: {message}")


def yes(value: str | None, *, name: str = "", row: Row | None = None, column: str = "") -> bool:
    """A yes/no cell as a bool: ``y``/``yes``/``true``/``1`` or empty/``n``/``no``/``false``/``0``.

    Anything else is a :class:`LexiconError` naming the file, line and column when given.
    """
    v = (value or "").strip().lower()
    if v in YES:
        return True
    if v in NO:
        return False
    raise error(name or "?", row, f"column {column or '?'} must be yes or no (y/yes/true/1, n/no/false/0 or empty), "
                                  f"not {value!r}")


# --------------------------------------------------------------------------- user folders

def user_folders() -> tuple[Path, ...]:
    """The user lexicon folders in use (from ``TOOLKIT_LEXICONS``), in order."""
    value = os.environ.get(ENV, "")
    return tuple(Path(p) for p in value.split(os.pathsep) if p)


def use(*folders: str | os.PathLike | None) -> tuple[Path, ...]:
    """Use the CSV files of ``folders`` with the shipped lexicons from now on (``use()``: none).

    Applies to this process and to the worker processes it starts (through ``TOOLKIT_LEXICONS``).
    Every folder must exist and hold only files named like shipped lexicons; their rows are
    checked at once. Returns the folders used before. Everything built from the lexicons (the
    matchers of the annotators) is built again on next use.
    """
    before = user_folders()
    paths = tuple(Path(f).resolve() for f in folders if f is not None)
    for p in paths:
        if not p.is_dir():
            raise LexiconError(f"{p}: not a folder of lexicon files")
        for f in sorted(p.glob("*.csv")):
            if not (LEXICON_DIR / f.name).exists():
                raise LexiconError(f"{f}: no shipped lexicon is named {f.name} (the files are: "
                                   f"{', '.join(sorted(x.name for x in LEXICON_DIR.glob('*.csv')))})")
    if paths:
        os.environ[ENV] = os.pathsep.join(str(p) for p in paths)
    else:
        os.environ.pop(ENV, None)
    if paths != before:
        clear_caches()
    for p in paths:  # check the user rows now, not in the middle of a run
        for f in sorted(p.glob("*.csv")):
            rows(f.stem)
    return before


def clear_caches() -> None:
    """Forget everything built from the lexicons in this process (every cached function of the
    toolkit's modules), so that it is built again from the files in use."""
    for mod_name, mod in list(sys.modules.items()):
        if mod is None or not (mod_name == "toolkit" or mod_name.startswith("toolkit.")):
            continue
        for value in list(vars(mod).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and hasattr(value, "cache_info"):
                clear()


# --------------------------------------------------------------------------- reading

def _read_file(path: Path, label: str) -> tuple[tuple[str, ...], list[Row]]:
    """(header, rows) of one CSV file; ``label`` names it in errors and references.

    The rows of a file read without error are kept in the disk cache (``toolkit.cachefiles``) under
    a digest of its bytes, its label and this module's source, so a new process unpickles them
    instead of parsing the CSV again; an edited file has another digest and is parsed again."""
    from toolkit import cachefiles

    data = path.read_bytes()
    saved = cachefiles.cache_dir()
    if saved is not None:
        digest = hashlib.sha256(b"\x00".join([cachefiles.FORMAT.encode(), label.encode(), sys.version.encode(),
                                              _SOURCE_DIGEST.encode(), data])).hexdigest()[:32]
        saved = saved / "lexicon-rows" / f"{path.stem}-{digest}.pickle"
        found, value = cachefiles.load(saved)
        if found:
            return value
    value = _parse_file(data, label)
    if saved is not None:
        cachefiles.save(saved, value)
    return value


_SOURCE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _parse_file(data: bytes, label: str) -> tuple[tuple[str, ...], list[Row]]:
    out: list[Row] = []
    with io.StringIO(data.decode("utf-8"), newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames:
            raise LexiconError(f"{label}: no header line")
        header = tuple(f.strip() for f in reader.fieldnames)
        dupes = sorted({f for f in header if header.count(f) > 1})
        if dupes:
            raise LexiconError(f"{label}, line 1: column(s) {', '.join(dupes)} appear more than once")
        for row in reader:
            if None in row:
                raise LexiconError(f"{label}, line {reader.line_num}: more fields than the header has")
            clean = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
            first = next(iter(clean.values()), "")
            if first.startswith("#") or not any(clean.values()):
                continue
            clean["_line"] = str(reader.line_num)
            clean["_file"] = label
            out.append(clean)
    return header, out


def _key(name: str, header: tuple[str, ...], row: Row) -> tuple[str, ...]:
    cols = KEYS.get(name) or tuple(c for c in header if c not in ("note", REMOVE))
    return tuple(row.get(c, "") for c in cols)


@lru_cache(maxsize=None)
def _read(name: str) -> tuple[tuple[str, ...], tuple[Row, ...]]:
    path = LEXICON_DIR / f"{name}.csv"
    if not path.exists():
        raise LexiconError(f"{path.name}: lexicon file not found in {LEXICON_DIR.name}/")
    header, shipped = _read_file(path, path.name)
    out: list[Row | None] = list(shipped)
    where: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(shipped):
        where.setdefault(_key(name, header, row), []).append(i)
    for folder in user_folders():
        upath = folder / f"{name}.csv"
        if not upath.exists():
            continue
        label = f"{folder.name}/{upath.name}"
        uheader, urows = _read_file(upath, label)
        missing = [c for c in header if c not in uheader and c != "note"]
        unknown = [c for c in uheader if c not in header and c != REMOVE]
        if missing or unknown:
            raise LexiconError(f"{label}, line 1: the columns must be those of the shipped {path.name} "
                               f"({', '.join(header)}; optionally {REMOVE})"
                               + (f"; missing {', '.join(missing)}" if missing else "")
                               + (f"; unknown {', '.join(unknown)}" if unknown else ""))
        for urow in urows:
            row = {c: urow.get(c, "") for c in header} | {"_line": urow["_line"], "_file": label}
            k = _key(name, header, row)
            at = [i for i in where.get(k, []) if out[i] is not None]
            if yes(urow.get(REMOVE), name=name, row=row, column=REMOVE):
                if not at:
                    raise error(name, row, f"{REMOVE}=yes but {path.name} has no row with this key "
                                           f"({', '.join(KEYS.get(name) or header)})")
                for i in at:
                    out[i] = None
                continue
            if at:  # replaces the rows with its key, in their place
                out[at[0]] = row
                for i in at[1:]:
                    out[i] = None
            else:
                where.setdefault(k, []).append(len(out))
                out.append(row)
    return header, tuple(r for r in out if r is not None)


def rows(name: str, *, required: Iterable[str] = ()) -> tuple[Row, ...]:
    """Rows of ``<name>.csv`` as dicts (values stripped; ``_line`` and ``_file`` say where each
    came from), with the rows of the user lexicon folders in use merged in (see the module
    docstring). ``required`` columns must be in the header and filled in every row. Comment
    rows (first cell starting with ``#``) and blank rows are left out."""
    header, found = _read(name)
    need = tuple(required)
    if need:
        missing = [c for c in need if c not in header]
        if missing:
            raise error(name, None, f"missing column(s) {', '.join(missing)} (the header has {', '.join(header)})")
        for row in found:
            empty = [c for c in need if not row.get(c)]
            if empty:
                raise error(name, row, f"empty {', '.join(empty)}")
    return found


def choice(name: str, row: Row, column: str, allowed: Iterable[str]) -> str:
    """The value of ``column`` in ``row``, which must be one of ``allowed`` (else LexiconError)."""
    value = row.get(column, "")
    options = tuple(allowed)
    if value not in options:
        shown = ", ".join(repr(o) for o in options)
        raise error(name, row, f"column {column} must be one of {shown}, not {value!r}")
    return value


def words(name: str, *, column: str = "form") -> frozenset[str]:
    """The set of one column's values in ``<name>.csv`` (a word list kept as data)."""
    return frozenset(r[column] for r in rows(name, required=(column,)))


@lru_cache(maxsize=1)
def _names_by_code() -> dict[str, Row]:
    out: dict[str, Row] = {r["id"]: r for r in rows("organizations")}
    out.update({r["iso3"]: r for r in rows("countries")})
    return out


def name_of(code: str, *, lang: str = "en") -> str:
    """The English (``lang="en"``) or Arabic (``"ar"``) name of a country ISO3 code or an
    organisation id, from countries.csv and organizations.csv; the code itself when unknown."""
    row = _names_by_code().get(code)
    key = "name_ar" if lang == "ar" else "name_en"
    if row and row.get(key):
        return row[key]
    return str(code)


def ref(name: str, row: Row) -> str:
    """A stable reference to a lexicon row, for ``rule`` columns: ``countries.csv:12`` (a user
    row: ``mylexicons/countries.csv:3``)."""
    return f"{row.get('_file') or name + '.csv'}:{row.get('_line', '?')}"


#: The model files annotation depends on, beside the lexicons (their bytes are in the fingerprint).
MODEL_GLOBS = (("models", "*.json"), ("ner/models", "*"))


def fingerprint() -> str:
    """SHA-256 over every shipped lexicon CSV, the shipped model files (the name tagger, the event
    filter) and every user lexicon file in use (names and bytes), in order; cached per set of
    user folders. What annotation depends on besides the code: a store records it."""
    return _fingerprint(user_folders())


@lru_cache(maxsize=8)
def _fingerprint(folders: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for path in sorted(LEXICON_DIR.glob("*.csv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for sub, pattern in MODEL_GLOBS:
        for path in sorted((LEXICON_DIR.parent / sub).glob(pattern)):
            if path.is_file():
                h.update(f"{sub}/{path.name}".encode())
                h.update(path.read_bytes())
    for folder in folders:
        h.update(b"\x00user\x00")
        for path in sorted(folder.glob("*.csv")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


__all__ = ["LEXICON_DIR", "ENV", "KEYS", "REMOVE", "LexiconError", "rows", "yes", "choice", "words", "error", "ref",
           "fingerprint", "name_of", "use", "user_folders", "clear_caches"]

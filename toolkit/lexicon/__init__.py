"""The lexicons: CSV files in this folder, read once per process, through one loader.

Each file's columns are documented in the README beside it (``README.md`` indexes them).
``rows(name)`` returns the rows of ``name.csv`` as dicts with a ``_line`` key (the 1-based
line in the file, so that every annotation can say which row produced it). Every problem
with a file is a :class:`LexiconError` that names the file and the line. Yes/no columns
are read one way, by :func:`yes`. ``fingerprint()`` is a hash of all the lexicon files: an
annotation store records it so that a change of lexicon invalidates stored annotations.
"""
from __future__ import annotations

import csv
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

LEXICON_DIR = Path(__file__).resolve().parent

#: The spellings of yes and no in yes/no columns (case does not matter; empty is no).
YES = frozenset({"y", "yes", "true", "1"})
NO = frozenset({"", "n", "no", "false", "0"})

Row = dict[str, str]


class LexiconError(ValueError):
    """A lexicon file is missing or malformed (the message names the file and the line)."""


def error(name: str, row: Row | None, message: str) -> LexiconError:
    """A :class:`LexiconError` about ``row`` of ``name.csv`` (or about the file when None)."""
    where = f"{name}.csv" if row is None else f"{name}.csv, line {row.get('_line', '?')}"
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


@lru_cache(maxsize=None)
def _read(name: str) -> tuple[Row, ...]:
    path = LEXICON_DIR / f"{name}.csv"
    if not path.exists():
        raise LexiconError(f"{path.name}: lexicon file not found in {LEXICON_DIR.name}/")
    out: list[Row] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames:
            raise LexiconError(f"{path.name}: no header line")
        header = [f.strip() for f in reader.fieldnames]
        dupes = sorted({f for f in header if header.count(f) > 1})
        if dupes:
            raise LexiconError(f"{path.name}, line 1: column(s) {', '.join(dupes)} appear more than once")
        for row in reader:
            if None in row:
                raise LexiconError(f"{path.name}, line {reader.line_num}: more fields than the header has")
            clean = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
            first = next(iter(clean.values()), "")
            if first.startswith("#") or not any(clean.values()):
                continue
            clean["_line"] = str(reader.line_num)
            out.append(clean)
    return tuple(out)


def rows(name: str, *, required: Iterable[str] = ()) -> tuple[Row, ...]:
    """Rows of ``<name>.csv`` as dicts (values stripped; ``_line`` is the file line).

    ``required`` columns must be in the header and filled in every row. Comment rows
    (first cell starting with ``#``) and blank rows are left out.
    """
    found = _read(name)
    need = tuple(required)
    if need:
        header = _header(name)
        missing = [c for c in need if c not in header]
        if missing:
            raise error(name, None, f"missing column(s) {', '.join(missing)} (the header has {', '.join(header)})")
        for row in found:
            empty = [c for c in need if not row.get(c)]
            if empty:
                raise error(name, row, f"empty {', '.join(empty)}")
    return found


@lru_cache(maxsize=None)
def _header(name: str) -> tuple[str, ...]:
    with (LEXICON_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        first = next(csv.reader(fh), [])
    return tuple(f.strip() for f in first)


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
    """A stable reference to a lexicon row, for ``rule`` columns: ``countries.csv:12``."""
    return f"{name}.csv:{row.get('_line', '?')}"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """SHA-256 over every lexicon CSV (names and bytes), in name order."""
    h = hashlib.sha256()
    for path in sorted(LEXICON_DIR.glob("*.csv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


__all__ = ["LEXICON_DIR", "LexiconError", "rows", "yes", "choice", "words", "error", "ref", "fingerprint",
           "name_of"]

"""The lexicons: CSV files in this folder, read once per process.

Each file's columns are documented in ``README.md`` beside it. ``rows(name)`` returns
the rows of ``name.csv`` as dicts with a ``_line`` key (the 1-based line in the file, so
that every annotation can say which row produced it). ``fingerprint()`` is a hash of
all the lexicon files: an annotation store records it so that a change of lexicon
invalidates stored annotations.
"""
from __future__ import annotations

import csv
import hashlib
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent


class LexiconError(ValueError):
    """A lexicon file is missing or malformed (the message names file and line)."""


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``<name>.csv`` as dicts (values stripped; ``_line`` is the file line)."""
    path = LEXICON_DIR / f"{name}.csv"
    if not path.exists():
        raise LexiconError(f"{path.name}: lexicon file not found in {LEXICON_DIR.name}/")
    out: list[dict[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames:
            raise LexiconError(f"{path.name}: no header line")
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


def ref(name: str, row: dict[str, str]) -> str:
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

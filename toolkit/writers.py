"""Writing the corpus tables to files: Parquet, JSON Lines, CSV, and any format a user registers.

``write_tables(tables, out_dir, formats=("parquet", "jsonl"))`` writes each table (``articles``,
``mentions``, ``events``, ...) as ``<name>.<suffix>`` in every format asked for. Every file of a
table has the declared columns (:mod:`toolkit.schema`), whatever the texts held:

- ``parquet``: the Arrow schema of :func:`toolkit.tables.arrow_schema` (a mention's mixed
  ``value`` as JSON text, lists as ``list<string>``, datetimes as ``timestamp[s]``);
- ``jsonl``: one JSON object per row, every column present (missing values are ``null``,
  numbers stay numbers, lists are lists, datetimes ISO 8601 text);
- ``csv``: one row per line with a header; lists and mappings as JSON text.

A new format is a function ``write(df, table, path)`` registered with
:func:`register_writer` (see ``docs/architecture.md``); the CLI's ``--format`` choices come
from :data:`WRITERS`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from toolkit.schema import Table
from toolkit.tables import is_missing, table as declared, to_arrow

Writer = Callable[[pd.DataFrame, Table, Path], None]


@dataclass(frozen=True)
class Format:
    """An output format: its name, file suffix and writing function."""

    name: str
    suffix: str
    write: Writer
    doc: str = ""


def plain(value: Any) -> Any:
    """A value as JSON has it: lists for tuples, None for missing, ISO text for datetimes."""
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return None if is_missing(value) else pd.Timestamp(value).isoformat()
    if is_missing(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def plain_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` fit for CSV: lists and mappings as JSON text, missing values empty."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = [json.dumps(plain(v), ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else plain(v)
                        for v in out[col].tolist()]
    return out


def write_parquet(df: pd.DataFrame, table: Table, path: Path) -> None:
    pq.write_table(to_arrow(table, df), path)


def write_jsonl(df: pd.DataFrame, table: Table, path: Path) -> None:
    names = table.names
    with path.open("w", encoding="utf-8") as fh:
        for row in df.itertuples(index=False, name=None):
            rec = {k: plain(v) for k, v in zip(names, row)}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def write_csv(df: pd.DataFrame, table: Table, path: Path) -> None:
    out = df.copy()
    for c in table.columns:
        if c.kind in ("list", "mapping", "value"):
            out[c.name] = [None if v is None else (v if isinstance(v, str) and c.kind == "value"
                                                    else json.dumps(plain(v), ensure_ascii=False))
                           for v in (plain(x) for x in out[c.name].tolist())]
    out.to_csv(path, index=False, encoding="utf-8")


#: The output formats by name.
WRITERS: dict[str, Format] = {
    "parquet": Format("parquet", ".parquet", write_parquet, "Apache Parquet with the declared Arrow schema"),
    "jsonl": Format("jsonl", ".jsonl", write_jsonl, "JSON Lines, one object per row"),
    "csv": Format("csv", ".csv", write_csv, "CSV with a header; lists and mappings as JSON text"),
}
#: What ``toolkit annotate --out`` writes when no ``--format`` is given.
DEFAULT_FORMATS = ("parquet", "jsonl")


#: The marker file that tells the readers a folder holds the toolkit's output, not a corpus.
OUTPUT_MARKER = ".toolkit-output"


def mark_output(folder: str | Path) -> None:
    """Mark ``folder`` as the toolkit's output, so that it is never read back as a corpus."""
    (Path(folder) / OUTPUT_MARKER).write_text("written by relations-toolkit: not a corpus\n", encoding="utf-8")


def register_writer(name: str, suffix: str, write: Writer, *, doc: str = "", replace: bool = False) -> Format:
    """Add an output format (``write(df, table, path)``); it becomes a ``--format`` choice."""
    if name in WRITERS and not replace:
        raise ValueError(f"an output format named {name!r} exists (pass replace=True to swap it)")
    if not suffix.startswith("."):
        suffix = "." + suffix
    fmt = Format(name, suffix, write, doc)
    WRITERS[name] = fmt
    return fmt


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: str | Path, *,
                 formats: Iterable[str] = DEFAULT_FORMATS, schemas: Mapping[str, Table] | None = None) -> list[Path]:
    """Write each table in each format into ``out_dir``; returns the paths written.

    A table's declaration comes from ``schemas`` or, by its name, from :mod:`toolkit.schema`.
    """
    chosen = list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in WRITERS]
    if unknown:
        raise ValueError(f"unknown output format(s) {', '.join(unknown)}; known: {', '.join(WRITERS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out}: exists and is not a folder; give a folder for the tables")
    out.mkdir(parents=True, exist_ok=True)
    mark_output(out)
    written: list[Path] = []
    for name, df in tables.items():
        decl = (schemas or {}).get(name) or declared(name)
        for f in chosen:
            fmt = WRITERS[f]
            path = out / f"{name}{fmt.suffix}"
            fmt.write(df, decl, path)
            written.append(path)
    return written


__all__ = ["Format", "WRITERS", "OUTPUT_MARKER", "mark_output", "DEFAULT_FORMATS", "register_writer",
           "write_tables", "write_parquet", "write_jsonl", "write_csv", "plain", "plain_frame"]

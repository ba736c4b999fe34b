"""Writing the corpus tables: Parquet and JSON Lines.

``write_tables(corpus, out_dir)`` writes ``articles``, ``mentions`` and ``events`` as
``<name>.parquet`` and ``<name>.jsonl``. JSON Lines keeps every value as it is (numbers
stay numbers); Parquet needs one type per column, so a column that mixes types (the
``value`` of mentions: ISO codes, dates and numbers) is stored as text there, and
tuples (an event's ``sectors``) as lists.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

FORMATS = ("parquet", "jsonl")


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def arrow_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose object columns hold one type each (mixed scalars become text)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype != object and not pd.api.types.is_string_dtype(out[col]):
            continue
        values = [_plain(v) for v in out[col].tolist()]
        kinds = {type(v) for v in values if v is not None}
        if len(kinds) <= 1 or kinds <= {int, float}:
            out[col] = values
        else:
            out[col] = [None if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else str(v)) for v in values]
    return out


def write_jsonl(df: pd.DataFrame, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in df.to_dict("records"):
            fh.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False, default=str) + "\n")


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, *, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write each table in each format; returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, df in tables.items():
        if "parquet" in formats:
            path = out / f"{name}.parquet"
            arrow_safe(df).to_parquet(path, index=False)
            written.append(path)
        if "jsonl" in formats:
            path = out / f"{name}.jsonl"
            write_jsonl(df, path)
            written.append(path)
    return written

"""The English name of a news source, from ``toolkit/lexicon/agencies.csv``.

``source_en("تاس") == "TASS"``; see ``toolkit/lexicon/README.agencies.md``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from toolkit import lexicon
from toolkit.arabic import normalize_key

def _source_key(name: str) -> str:
    key = normalize_key(name).casefold()
    key = re.sub(r"[\"'«»“”.()\[\]]", " ", key)
    return re.sub(r"\s+", " ", key).strip()


@lru_cache(maxsize=1)
def _agency_table() -> dict[str, str]:
    return {_source_key(r["form"]): r["name_en"] for r in lexicon.rows("agencies")
            if r.get("form") and r.get("name_en")}


_AGENCY_PREFIX = re.compile(r"^(?:وكاله انباء|وكاله|news agency|agency)\s+")
_SOURCE_SPLIT = re.compile(r"\s*(?:[،,;/+|]|\s-\s)\s*")


@lru_cache(maxsize=4096)
def source_en(name: str | None) -> str | None:
    """The English name of a news source (``تاس`` -> ``TASS``, ``aawsat`` -> ``Asharq Al-Awsat``).

    Reads ``toolkit/lexicon/agencies.csv``; None when the source is unknown.
    """
    if not name or not name.strip():
        return None
    table = _agency_table()

    def one(part: str) -> str | None:
        key = _source_key(part)
        if key in table:
            return table[key]
        bare = _AGENCY_PREFIX.sub("", key)
        return table.get(bare) if bare != key else None

    found = one(name)
    if found:
        return found
    parts = [p for p in _SOURCE_SPLIT.split(name) if p.strip()]
    if len(parts) > 1:
        names = [one(p) for p in parts]
        if all(names):
            return "; ".join(dict.fromkeys(n for n in names if n))
    return None


__all__ = ["source_en"]

"""Sector cues: words that say which field of relations a sentence is about.

Every occurrence of a cue from ``toolkit/lexicon/sectors.csv`` becomes a Mention of type
``sector`` whose ``value`` is the sector's canonical name (the taxonomy in the gold README:
diplomacy, security, military, trade, ...), ``kind`` ``"cue"`` and ``rule`` the cue form as
written in the lexicon. ``article_sectors(mentions)`` turns those into the article's set.

Ambiguous phrases are settled by longer entries, because the matcher keeps the
leftmost-longest hit: ``أمن الطاقة`` is an energy cue and hides the security cue ``الأمن``
inside it. Rows whose sector is ``-`` are *blockers*: they are matched so that they win
over the shorter cue they contain (``التعاون البنّاء`` is not construction, ``المكتب
الصحفي`` not media) and then dropped.

Two rules live in code rather than data: a cue inside a ``date`` mention is dropped, and
``الهجرة`` directly after a number (``1436 للهجرة``, a Hijri year) is not migration.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

from toolkit import lexicon
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.registry import annotator
from toolkit.spans import SpanIndex
from toolkit.cache import persistent

#: The canonical sector names (the gold standard's taxonomy), from ``lexicon/sector_names.csv``.
SECTORS: tuple[str, ...] = tuple(r["sector"] for r in lexicon.rows("sector_names", required=("sector",)))
BLOCKER = "-"
#: How far before الهجرة a year is looked for (1440 هـ للهجرة).
YEAR_LOOKBACK_CHARS = 12
_YEAR_BEFORE = re.compile(r"\d\s*(?:هـ|ه)?\s*$")


def load_lexicon() -> tuple[dict[str, str], ...]:
    """The rows of the sector lexicon ``sectors.csv``; a row with an unknown sector is an error naming its line."""
    rows = lexicon.rows("sectors", required=("sector", "lang", "form"))
    for row in rows:
        lexicon.choice("sectors", row, "sector", SECTORS + (BLOCKER,))
        lexicon.choice("sectors", row, "article", ("", "optional"))
        lexicon.yes(row.get("stem"), name="sectors", row=row, column="stem")
    return rows


def _entries(rows: Iterable[dict[str, str]]) -> list[Entry]:
    out: list[Entry] = []
    for row in rows:
        form, lang = row["form"], row["lang"]
        payload = (row["sector"], form)
        forms = [form]
        if lang == "en" and form[:1].islower():
            forms.append(form[:1].upper() + form[1:])  # sentence-initial capital
        for f in forms:
            out.append(Entry(f, payload, lang=lang, article=row["article"], stem=lexicon.yes(row.get("stem"))))
    return out


@persistent("sector-gazetteer")
def gazetteer() -> Gazetteer:
    """The sector cues as one automaton."""
    return Gazetteer(_entries(load_lexicon()))


@annotator("sectors", produces=("sector",), needs=("date",))
def annotate(doc: Doc) -> list[Mention]:
    """One ``sector`` mention per cue occurrence in the body of ``doc``."""
    dates = SpanIndex((m.start, m.end) for m in doc.of_type("date"))
    out: list[Mention] = []
    for hit in gazetteer().find(doc.norm, regions=doc.regions):
        sector, form = hit.entry.payload
        if sector == BLOCKER:
            continue
        if dates.overlaps(hit.start, hit.end):
            continue
        if sector == "migration" and hit.entry.key == "الهجرة":  # سنة 1440 للهجرة is a date, not migration
            before = doc.text[max(0, hit.start - YEAR_LOOKBACK_CHARS):hit.start].rstrip("لو ")
            if _YEAR_BEFORE.search(before):
                continue
        end = _word_end(doc.text, hit.end) if hit.entry.stem else hit.end
        out.append(Mention(hit.start, end, doc.text[hit.start:end], "sector", sector,
                           kind="cue", sentence=doc.sentence_of(hit.start), rule=form,
                           attrs={"lang": hit.entry.lang}))
    return out


def _word_end(text: str, i: int) -> int:
    """Extend a stem hit (``تجاري`` in ``التجارية``) to the end of its word."""
    while i < len(text) and (text[i].isalnum() or unicodedata.category(text[i]) == "Mn" or text[i] == "\u0640"):
        i += 1
    return i


def article_sectors(mentions: Any) -> list[str]:
    """The sorted set of sectors among ``mentions``.

    Accepts Mention records, dict rows or a mentions DataFrame (rows of type ``sector``).
    """
    if hasattr(mentions, "to_dict") and hasattr(mentions, "columns"):
        mentions = mentions.to_dict("records")
    found: set[str] = set()
    for m in mentions:
        get = m.get if isinstance(m, dict) else (lambda k, _m=m: getattr(_m, k, None))
        if get("type") == "sector" and get("value"):
            found.add(str(get("value")))
    return sorted(found)

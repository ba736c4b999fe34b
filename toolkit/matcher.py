"""One Aho-Corasick pass over normalised text that understands Arabic words.

A :class:`Gazetteer` is built from lexicon :class:`Entry` rows. ``find(norm)`` scans
the normalised text once and keeps a hit only when it is a whole word, allowing the
Arabic proclitics in front of it:

- conjunction و / ف, then preposition ب / ل / ك, then the article ال
  (وبال, فلل, وللولايات: ل + ال contracts to لل);
- an entry written with ال (الولايات المتحدة) is indexed without it and must carry
  the article (or its لل contraction) in the text;
- an entry with ``article="optional"`` (demonyms: روسي) may carry ال or not;
- any other Arabic entry may carry و ف ب ل ك but not ال;
- a Latin-script entry needs plain word boundaries and is case-sensitive.

Of overlapping hits the leftmost-longest wins (جنوب أفريقيا over أفريقيا; الولايات
المتحدة over nothing shorter). Offsets in a :class:`Match` index the original text,
with the clitics left out and the article kept (after the contraction لل the span
starts at the stem: للولايات المتحدة gives ولايات المتحدة).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import ahocorasick

from toolkit.arabic import ARTICLE, Normalized, normalize_key

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
#: Valid clitic chains before an indefinite word: (و|ف)? (ب|ل|ك)?
BARE_PREFIXES = frozenset(c + p for c in _CONJ for p in _PREP)
#: Valid clitic chains ending in the article: (و|ف)? (ب|ك)? ال, and (و|ف)? لل
DEFINITE_PREFIXES = frozenset({c + p + ARTICLE for c in _CONJ for p in ("", "ب", "ك")} | {c + "لل" for c in _CONJ})


@dataclass(frozen=True)
class Entry:
    """One lexicon key and what it stands for.

    ``key`` is the form as written in the lexicon; ``payload`` is returned untouched
    with every match. ``article`` is ``""`` (as written) or ``"optional"``. ``stem``
    lets the word go on after the key (for cue words with suffixes).
    ``priority`` breaks ties between hits of equal span (higher wins).
    """

    key: str
    payload: Any
    lang: str = "ar"
    article: str = ""
    stem: bool = False
    priority: int = 0


@dataclass(frozen=True)
class Match:
    """A hit: original offsets (clitics excluded), normalised offsets, its entries."""

    start: int
    end: int
    nstart: int
    nend: int
    prefix: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)

    @property
    def entry(self) -> Entry:
        """The entry of highest priority."""
        return self.entries[0]


@dataclass(frozen=True)
class _Indexed:
    entry: Entry
    definite: bool  # the key carried ال, which was cut off for indexing
    is_arabic: bool


class Gazetteer:
    """An automaton over the normalised keys of many entries."""

    def __init__(self, entries: Iterable[Entry]):
        self._auto = ahocorasick.Automaton()
        table: dict[str, list[_Indexed]] = {}
        for entry in entries:
            key = " ".join(normalize_key(entry.key).split())
            if not key:
                continue
            arabic = any("\u0600" <= ch <= "\u06ff" for ch in key)
            definite = arabic and key.startswith(ARTICLE) and len(key) > 3 and entry.article != "optional"
            stem = key[2:] if definite else key
            table.setdefault(stem, []).append(_Indexed(entry, definite, arabic))
        for stem, items in table.items():
            items.sort(key=lambda it: -it.entry.priority)  # highest priority first, once
            self._auto.add_word(stem, (len(stem), tuple(items)))
        self.size = len(table)
        if table:
            self._auto.make_automaton()

    def find(self, norm: Normalized, *, regions: Sequence[tuple[int, int]] | None = None,
             longest: bool = True) -> list[Match]:
        """All whole-word hits in ``norm`` (within original-text ``regions`` if given).

        With ``longest`` (the default) overlapping hits are resolved leftmost-longest.
        """
        if self.size == 0:
            return []
        text = norm.text
        n = len(text)
        hits: list[Match] = []
        for end_idx, (length, items) in self._auto.iter(text):
            nend = end_idx + 1
            nstart = nend - length
            right_ok = nend >= n or not text[nend].isalnum()
            ws = nstart
            while ws > 0 and text[ws - 1].isalnum():
                ws -= 1
            prefix = text[ws:nstart]
            ok = tuple(it.entry for it in items if (right_ok or it.entry.stem) and _prefix_ok(it, prefix))
            if not ok:
                continue
            # the article belongs to the mention: keep it in the span
            cut = _article_cut(prefix, ok[0], items)
            hits.append(Match(-1, -1, nstart - cut, nend, prefix[: len(prefix) - cut], ok))
        if longest:
            hits = select_longest(hits)
        out: list[Match] = []
        for h in hits:  # original offsets only for the hits that are kept
            start, end = norm.to_original(h.nstart, h.nend)
            if regions is not None and not any(a <= start and end <= b for a, b in regions):
                continue
            out.append(Match(start, end, h.nstart, h.nend, h.prefix, h.entries))
        return out


def _prefix_ok(item: _Indexed, prefix: str) -> bool:
    if not item.is_arabic:
        return prefix == ""
    if item.definite:
        return prefix in DEFINITE_PREFIXES
    if item.entry.article == "optional":
        return prefix in BARE_PREFIXES or prefix in DEFINITE_PREFIXES
    return prefix in BARE_PREFIXES


def _article_cut(prefix: str, entry: Entry, items: tuple[_Indexed, ...]) -> int:
    """How many prefix characters to keep in the span: the article ال (2) or the ل of لل (1)."""
    if prefix.endswith(ARTICLE):
        return 2
    return 0  # no article, or the contraction لل (ل + ال): the span starts at the stem


def select_longest(hits: list[Match]) -> list[Match]:
    """Leftmost-longest, non-overlapping; ties on span broken by entry priority."""
    hits = sorted(hits, key=lambda m: (m.nstart, -(m.nend - m.nstart), -max(e.priority for e in m.entries)))
    out: list[Match] = []
    last_end = -1
    for m in hits:
        if m.nstart >= last_end:
            out.append(m)
            last_end = m.nend
    return out

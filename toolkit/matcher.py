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

import pickle
from array import array
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import ahocorasick

from toolkit.arabic import ARTICLE, Normalized, normalize_key
from toolkit.spans import SpanIndex

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
    lead: str  # "al": the key starts with ال; "lil": with لل (ل + ال); "": a bare key
    is_arabic: bool


#: clitic chains allowed before a key that starts with ال: (و|ف)? (ب|ك)?
_AL_PREFIXES = frozenset(c + p for c in _CONJ for p in ("", "ب", "ك"))
#: clitic chains allowed before a key that starts with the contraction لل: (و|ف)?
_LIL_PREFIXES = frozenset(_CONJ)


class Gazetteer:
    """An automaton over the normalised keys of many entries.

    An Arabic entry written with ال is indexed twice, as written and with the contraction
    لل (للولايات المتحدة), so that the automaton itself finds the article: short stems do
    not light up inside every other word.
    """

    def __init__(self, entries: Iterable[Entry]):
        self._auto = ahocorasick.Automaton()
        table: dict[str, list[_Indexed]] = {}
        for entry in entries:
            key = " ".join(normalize_key(entry.key).split())
            if not key:
                continue
            arabic = any("\u0600" <= ch <= "\u06ff" for ch in key)
            if arabic and key.startswith(ARTICLE) and len(key) > 3 and entry.article != "optional":
                table.setdefault(key, []).append(_Indexed(entry, "al", True))
                table.setdefault("لل" + key[2:], []).append(_Indexed(entry, "lil", True))
            else:
                table.setdefault(key, []).append(_Indexed(entry, "", arabic))
        for key, items in table.items():
            items.sort(key=lambda it: -it.entry.priority)  # highest priority first, once
            self._auto.add_word(key, (len(key), tuple(items)))
        self.size = len(table)
        if table:
            self._auto.make_automaton()

    # A gazetteer kept by the disk cache (toolkit.cache) is pickled as an automaton whose values
    # are key numbers, plus each key's items pickled on their own: loading it makes no Python
    # object per entry (the organisation gazetteer has some 70,000 keys), and a key's items are
    # unpickled the first time the text holds it.
    def __getstate__(self) -> dict:
        if not hasattr(self, "_blobs"):
            auto = ahocorasick.Automaton()
            blobs: list[bytes] = []
            lengths = array("I")
            for key, (length, items) in self._auto.items():
                auto.add_word(key, len(blobs))
                blobs.append(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
                lengths.append(length)
            if blobs:
                auto.make_automaton()
            return {"size": self.size, "auto": auto, "blobs": blobs, "lengths": lengths}
        return {"size": self.size, "auto": self._auto, "blobs": self._blobs, "lengths": self._lengths}

    def __setstate__(self, state: dict) -> None:
        self.size = state["size"]
        self._auto = state["auto"]
        self._blobs = state["blobs"]
        self._lengths = state["lengths"]
        self._loaded: dict[int, tuple[int, tuple[_Indexed, ...]]] = {}

    def _value(self, number: int) -> tuple[int, tuple[_Indexed, ...]]:
        """(key length, items) of key ``number`` of an unpickled gazetteer, unpickled once."""
        value = self._loaded.get(number)
        if value is None:
            value = self._loaded[number] = (self._lengths[number], pickle.loads(self._blobs[number]))
        return value

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
        for end_idx, value in self._auto.iter(text):
            if value.__class__ is int:  # a gazetteer from the disk cache: items unpickled on first use
                value = self._value(value)
            length, items = value
            nend = end_idx + 1
            nstart = nend - length
            right_ok = nend >= n or not text[nend].isalnum()
            ws = nstart
            while ws > 0 and text[ws - 1].isalnum():
                ws -= 1
            prefix = text[ws:nstart]
            spans: dict[tuple[int, str], list[Entry]] = {}
            for it in items:
                if not (right_ok or it.entry.stem):
                    continue
                placed = _place(it, prefix, nstart)
                if placed is not None:
                    spans.setdefault(placed, []).append(it.entry)
            for (s0, clitics), entries in spans.items():
                hits.append(Match(-1, -1, s0, nend, clitics, tuple(entries)))
        if longest:
            hits = select_longest(hits)
        out: list[Match] = []
        inside = SpanIndex(regions) if regions is not None else None
        for h in hits:  # original offsets only for the hits that are kept
            start, end = norm.to_original(h.nstart, h.nend)
            if inside is not None and not inside.contains(start, end):
                continue
            out.append(Match(start, end, h.nstart, h.nend, h.prefix, h.entries))
        return out


def _place(item: _Indexed, prefix: str, nstart: int) -> tuple[int, str] | None:
    """Where the mention starts (normalised) and which clitics it leaves out, or None when
    the characters before the key are not a valid clitic chain for it.

    The article stays in the span; after the contraction لل the span starts at the stem.
    """
    if not item.is_arabic:
        return (nstart, "") if prefix == "" else None
    if item.lead == "al":
        return (nstart, prefix) if prefix in _AL_PREFIXES else None
    if item.lead == "lil":
        return (nstart + 2, prefix + "لل") if prefix in _LIL_PREFIXES else None
    if prefix in BARE_PREFIXES:
        return nstart, prefix
    if item.entry.article == "optional" and prefix in DEFINITE_PREFIXES:
        if prefix.endswith(ARTICLE):
            return nstart - 2, prefix[:-2]
        return nstart, prefix
    return None


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

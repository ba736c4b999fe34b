"""Arabic text normalisation for matching, with an offset map back to the original.

``normalize(text)`` returns a :class:`Normalized` whose ``.text`` is what matchers
search and whose ``.to_original(a, b)`` maps a span of it back to the caller's text.
The original text is never altered; offsets reported to users always index it.

What is normalised (one character to one, or deleted):

- diacritics: tashkeel (fatha ... sukun, shadda, tanween), superscript alef,
  Quranic marks (U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED): deleted
- tatweel (U+0640): deleted
- bidi and zero-width controls (U+200B–U+200F, U+202A–U+202E, U+2060–U+2069,
  U+FEFF, U+061C, soft hyphen): deleted
- alef forms أ إ آ ٱ -> ا; hamza seats ؤ -> و, ئ -> ي; ى -> ي; ة -> ه
- Persian/Urdu letters ک -> ك, ی -> ي, ۀ -> ه
- Arabic-Indic (٠–٩) and Persian (۰–۹) digits -> 0–9; ٫ -> ".", ٬ -> ","
- no-break and other spaces -> " "; typographic dashes -> "-"; ’ ‘ -> '
- Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) -> their letters (NFKC;
  a lam-alef ligature becomes two characters, both mapped to the ligature)

Latin letters keep their case: English matching is case-sensitive by design.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"
CONTROLS = "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c\u00ad"
_DELETE = re.compile(f"[{DIACRITICS}{TATWEEL}{CONTROLS}]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
#: Arabic single-letter proclitics (conjunctions and prepositions) and the article.
PROCLITICS = ("و", "ف", "ب", "ل", "ك")
ARTICLE = "ال"

_MAP: dict[int, str | None] = {}
for _src, _dst in {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
    "ک": "ك", "ی": "ي", "ۀ": "ه", "ھ": "ه", "٫": ".", "٬": ",",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2019": "'", "\u2018": "'",
}.items():
    _MAP[ord(_src)] = _dst
for _i in range(10):
    _MAP[0x0660 + _i] = str(_i)
    _MAP[0x06F0 + _i] = str(_i)
_TABLE = str.maketrans(_MAP)
_DEL_TABLE = str.maketrans({**_MAP, **{c: None for c in range(0x0610, 0x061B)},
                            **{c: None for c in range(0x064B, 0x0660)}, 0x0670: None,
                            **{c: None for c in range(0x06D6, 0x06EE)}, 0x0640: None,
                            **{c: None for c in range(0x200B, 0x2010)}, **{c: None for c in range(0x202A, 0x202F)},
                            **{c: None for c in range(0x2060, 0x206A)}, 0xFEFF: None, 0x061C: None, 0x00AD: None})


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus the map back to the original.

    ``seg_norm[k]`` and ``seg_orig[k]`` give the starts of the k-th run of characters
    that were kept one-to-one; inside a run offsets advance together. ``expanded`` is
    set when presentation forms were expanded, in which case ``char_map`` holds the
    original index of every normalised character.
    """

    text: str
    original: str
    seg_norm: tuple[int, ...]
    seg_orig: tuple[int, ...]
    char_map: tuple[int, ...] | None = None

    @property
    def identity(self) -> bool:
        """True when nothing was deleted or expanded: normalised offsets are original offsets."""
        return len(self.seg_norm) == 1 and self.char_map is None

    def orig_index(self, i: int) -> int:
        """Original index of normalised character ``i`` (``i == len(text)`` maps to the end)."""
        if i >= len(self.text):
            return len(self.original)
        if self.char_map is not None:
            return self.char_map[i]
        if len(self.seg_norm) == 1:  # nothing was deleted: offsets are the same
            return i
        return self._index_map[i]

    @cached_property
    def _index_map(self) -> list[int]:
        """The original index of every normalised character, built once on first use."""
        out: list[int] = []
        bounds = list(self.seg_norm[1:]) + [len(self.text)]
        for n_start, o_start, n_end in zip(self.seg_norm, self.seg_orig, bounds):
            out.extend(range(o_start, o_start + (n_end - n_start)))
        return out

    def map_spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``to_original`` for many non-empty spans at once (the fast path for token lists)."""
        if self.identity:
            return list(spans)
        if self.char_map is not None or any(e <= s for s, e in spans):
            return [self.to_original(s, e) for s, e in spans]
        idx = self._index_map
        orig = self.original
        n = len(orig)
        out = []
        for s, e in spans:
            o_end = idx[e - 1] + 1
            while o_end < n and unicodedata.category(orig[o_end]) == "Mn":
                o_end += 1
            out.append((idx[s], o_end))
        return out

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span [start, end) to the original text.

        The end is extended over combining marks that follow the last character, so a
        mention keeps its own diacritics (``روسيّا`` stays whole).
        """
        if end <= start:
            o = self.orig_index(start)
            return o, o
        o_start = self.orig_index(start)
        o_end = self.orig_index(end - 1) + 1
        if len(self.seg_norm) == 1 and self.char_map is None:
            return o_start, o_end  # no deletions, so no combining mark can follow
        orig = self.original
        n = len(orig)
        while o_end < n and unicodedata.category(orig[o_end]) == "Mn":
            o_end += 1
        return o_start, o_end


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching (see the module docstring for the rules)."""
    if _PRESENTATION.search(text):
        return _normalize_slow(text)
    seg_norm: list[int] = [0]
    seg_orig: list[int] = [0]
    removed = 0
    for m in _DELETE.finditer(text):
        s, e = m.span()
        removed += e - s
        seg_norm.append(e - removed)
        seg_orig.append(e)
    return Normalized(text.translate(_DEL_TABLE), text, tuple(seg_norm), tuple(seg_orig))


def _normalize_slow(text: str) -> Normalized:
    out: list[str] = []
    char_map: list[int] = []
    for i, ch in enumerate(text):
        if _DELETE.match(ch):
            continue
        if _PRESENTATION.match(ch):
            ch = unicodedata.normalize("NFKC", ch)
        ch = ch.translate(_TABLE)
        for c in ch:
            out.append(c)
            char_map.append(i)
    return Normalized("".join(out), text, (0,), (0,), tuple(char_map))


@lru_cache(maxsize=200_000)
def normalize_key(text: str) -> str:
    """Normalise a lexicon key or a word the same way as text (no offset map; cached)."""
    if _PRESENTATION.search(text):
        return _normalize_slow(text).text
    return text.translate(_DEL_TABLE)


def is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"

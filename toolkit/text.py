"""Sentences and tokens: the one place that cuts text into pieces.

``split_sentences`` gives sentence spans over the body of an article; ``tokens`` gives the
word and punctuation tokens of a span (what the quotation finder walks), ``words`` the word
tokens only (letters and digits, with an inner apostrophe: what cue matching counts).

Sentences never cross a line break (paragraphs and headings are lines). Inside a line a
sentence ends at ``.``, ``!``, ``?``, ``؟`` or ``…`` followed by white space, unless the
mark sits inside an open quotation or ends an abbreviation (``U.S.``, ``Dr.``, a single
letter). Offsets index the original text.
"""
from __future__ import annotations

import re

from toolkit.articles import Span

#: A token: a run of characters that are not space, quotation marks or punctuation (an
#: apostrophe between letters stays inside: don't, O'Brien), or one punctuation mark.
TOKEN = re.compile(r"(?:[^\s\"«»“”„‘’'،,:؛;.!?؟()\[\]{}]|(?<=\w)['’](?=\w))+|[\"«»“”„‘’'،,:؛;.!?؟()\[\]{}]")
#: A word: letters and digits, with at most one inner apostrophe.
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, text) of every token (word or punctuation mark) in ``text[start:end]``."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, len(text) if end is None else end)]


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, text) of every word in ``text[start:end]``."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, len(text) if end is None else end)]

_LINE = re.compile(r"[^\r\n]+")
_END = re.compile(r"[.!?؟…]+[\"'»”)\]]*(?=\s)")
_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Jr|Sr|No|vs|etc|Inc|Ltd|Co"
                     r"|U\.S|U\.N|U\.K|e\.g|i\.e)\.)$")
#: How many characters before a full stop are looked at for an abbreviation (U.S., Dr.).
ABBREV_LOOKBACK_CHARS = 6
_OPEN = {"«": "»", "“": "”", '"': '"'}


def split_sentences(text: str, regions: tuple[Span, ...] | list[Span] | None = None) -> tuple[Span, ...]:
    """Sentence spans inside ``regions`` (the whole text when None), trimmed of spaces."""
    if regions is None:
        regions = [(0, len(text))]
    out: list[Span] = []
    for r0, r1 in regions:
        for line in _LINE.finditer(text, r0, r1):
            out.extend(_split_line(text, line.start(), line.end()))
    return tuple(out)


def _split_line(text: str, s: int, e: int) -> list[Span]:
    spans: list[Span] = []
    begin = s
    for m in _END.finditer(text, s, e):
        cut = m.end()
        chunk = text[begin:cut]
        if _inside_quote(chunk):
            continue
        before = text[max(begin, m.start() - ABBREV_LOOKBACK_CHARS): m.start() + 1]
        if m.group().startswith(".") and _ABBREV.search(before):
            continue
        spans.append(_trim(text, begin, cut))
        begin = cut
    if begin < e:
        spans.append(_trim(text, begin, e))
    return [sp for sp in spans if sp[1] > sp[0]]


def _inside_quote(chunk: str) -> bool:
    if chunk.count("«") > chunk.count("»") or chunk.count("“") > chunk.count("”"):
        return True
    return chunk.count('"') % 2 == 1


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e)


__all__ = ["split_sentences", "tokens", "words", "TOKEN", "WORD"]

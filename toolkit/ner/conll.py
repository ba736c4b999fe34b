"""Read NewsFANE-style CoNLL files (``TOKEN<TAB>TAG``, a blank line between sentences) and bridge
their clitic-split text back to words as raw news writes them.

NewsFANE's text was segmented before tagging: the conjunction و and the prepositions ب ل ك ف
stand as tokens of their own (``و الحديثة``), and so do attached pronouns (``ان ه``, ``كل ها``).
:func:`rejoin` glues those pieces back (``والحديثة``, ``انه``, ``كلها``) so that a tagger
trained on the result sees words as they are written in news. The label of a joined word is
the label of its first non-O piece (a clitic is always O unless it sits inside a name).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: proclitics that NewsFANE writes as separate tokens (they join the next word)
PROCLITICS = frozenset({"و", "ف", "ب", "ل"})
#: attached pronouns written as separate tokens (they join the previous word)
ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "كن", "نا", "ي", "ني"})


@dataclass(frozen=True)
class Sentence:
    """One sentence: its tokens and their BIO tags (``B-Politician``, ``I-Media``, ``O``)."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def read(path: str | Path) -> list[Sentence]:
    """The sentences of a CoNLL file, in file order."""
    out: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    out.append(Sentence(tuple(toks), tuple(tags)))
                    toks, tags = [], []
                continue
            parts = line.split("\t")
            if len(parts) != 2:
                raise ValueError(f"{Path(path).name}, line {n}: expected TOKEN<TAB>TAG, got {line!r}")
            toks.append(parts[0])
            tags.append(parts[1])
    if toks:
        out.append(Sentence(tuple(toks), tuple(tags)))
    return out


def _arabic_word(tok: str) -> bool:
    return bool(tok) and all("\u0621" <= ch <= "\u064a" for ch in tok)


def rejoin(sent: Sentence) -> Sentence:
    """The sentence with split clitics joined to their words (see the module docstring).

    ``ك`` is a preposition before a word at the start of a phrase (``، ك ما``) and a pronoun
    after a word (``نفس ك``); the previous token decides.
    """
    words: list[list[str]] = []  # pieces of each output word
    labels: list[list[str]] = []
    pending: list[tuple[str, str]] = []  # proclitics waiting for their word
    toks, tags = sent.tokens, sent.tags
    for i, (tok, tag) in enumerate(zip(toks, tags)):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        prev_word = bool(words) and not pending and _arabic_word(words[-1][-1])
        if tok == "ك":
            kind = "enclitic" if prev_word else ("proclitic" if _arabic_word(nxt) else "")
        elif tok in PROCLITICS:
            kind = "proclitic" if _arabic_word(nxt) and (len(nxt) > 1 or nxt in ENCLITICS) else ""
        elif tok in ENCLITICS:
            kind = "enclitic" if prev_word else ""
        else:
            kind = ""
        if kind == "proclitic":
            pending.append((tok, tag))
            continue
        if kind == "enclitic":
            words[-1].append(tok)
            labels[-1].append(tag)
            continue
        words.append([p for p, _ in pending] + [tok])
        labels.append([t for _, t in pending] + [tag])
        pending = []
    if pending:  # a proclitic before punctuation or at the end: keep it as a token
        for p, t in pending:
            words.append([p])
            labels.append([t])
    out_tags = [next((t for t in ts if t != "O"), "O") for ts in labels]
    return Sentence(tuple("".join(w) for w in words), tuple(out_tags))


def spans(tags: tuple[str, ...] | list[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(first token, end token, class)`` of a BIO tag sequence (an I- after a
    different class, or after O, opens a new span)."""
    out: list[tuple[int, int, str]] = []
    start, cls = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != cls):
            if start is not None:
                out.append((start, i, cls))
                start, cls = None, None
            if tag != "O":
                start, cls = i, tag[2:]
    return out

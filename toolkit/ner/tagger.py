"""The statistical name tagger: a CRF (python-crfsuite) trained on NewsFANE Gold.

:func:`names` tags the Arabic sentences of a :class:`~toolkit.model.Doc` once (the result is
cached for the document, so the people, organisations and places annotators share one run)
and returns :class:`Name` spans with original offsets, the NewsFANE class, the toolkit's
mention type and fine class (``toolkit/lexicon/ner_classes.csv``), and a confidence: the
smallest marginal probability of the span's labels.

The model and its licence travel in ``toolkit/ner/models/`` (see the README there): nothing
is downloaded. ``scripts/train_ner.py`` makes the model, ``scripts/eval_ner.py`` measures it.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from toolkit import lexicon
from toolkit.model import Doc
import toolkit.ner.features as F

MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_NAME = "ner-newsfane"
MODEL_FILE = MODEL_DIR / f"{MODEL_NAME}.crfsuite"
META_FILE = MODEL_DIR / f"{MODEL_NAME}.json"
VOCAB_FILE = MODEL_DIR / f"{MODEL_NAME}.vocab.tsv"
#: the share of Arabic letters a sentence needs before the tagger reads it
ARABIC_SHARE = 0.5


@dataclass(frozen=True)
class Name:
    """A tagged name: original offsets, the NewsFANE class (``Politician``), the coarse class
    (``PER``), the mention type it becomes (``person``, ``organization``, ``place`` or None for
    classes the tagger knows but does not emit), the fine class and the confidence."""

    start: int
    end: int
    label: str
    coarse: str
    type: str | None
    fine: str
    confidence: float
    sentence: int


@lru_cache(maxsize=1)
def meta() -> dict:
    """The model's metadata: version, training split, parameters, figures."""
    return json.loads(META_FILE.read_text(encoding="utf-8"))


def version() -> str:
    return meta()["version"]


def rule() -> str:
    """The ``rule`` of every mention the tagger makes: ``model:ner-newsfane@<version>``."""
    return f"model:{MODEL_NAME}@{version()}"


@lru_cache(maxsize=1)
def classes() -> dict[str, dict[str, str]]:
    """NewsFANE class -> its row of ``ner_classes.csv`` (coarse, type, fine)."""
    return {r["newsfane"]: r for r in lexicon.rows("ner_classes", required=("newsfane", "coarse", "fine"))}


def training_label(tag: str, level: str = "fine") -> str:
    """The label a NewsFANE BIO tag is trained as: the fine class, or MISC for products,
    vehicles and weapons (``B-Book`` -> ``B-MISC``)."""
    if tag == "O":
        return tag
    bio, cls = tag[:2], tag[2:]
    row = classes().get(cls)
    if row is None:
        raise lexicon.error("ner_classes", None, f"NewsFANE class {cls!r} is not listed")
    if level == "coarse":
        return bio + ("Nation" if cls == "Nation" else row["coarse"])
    return bio + ("MISC" if row["coarse"] == "MISC" else cls)


_local = threading.local()


def read_vocab(path: Path) -> F.Vocab:
    """``word<TAB>count<TAB>count inside names`` lines (the training text's vocabulary)."""
    out: F.Vocab = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            w, total, in_names = line.rstrip("\n").split("\t")
            out[w] = (int(total), int(in_names))
    return out


@lru_cache(maxsize=1)
def _load_vocab() -> bool:
    F.set_vocab(read_vocab(VOCAB_FILE))
    return True


def _tagger() -> pycrfsuite.Tagger:
    """One opened model per thread (a crfsuite Tagger is not shared across threads)."""
    t = getattr(_local, "tagger", None)
    if t is None:
        _load_vocab()
        if not MODEL_FILE.exists():
            raise FileNotFoundError(f"the name tagger's model is missing: {MODEL_FILE.name} in {MODEL_DIR}")
        t = pycrfsuite.Tagger()
        t.open(str(MODEL_FILE))
        _local.tagger = t
    return t


#: a token whose O marginal is below this is looked at again: the person labels' summed mass
PERSON_RECHECK = 0.6
#: a word seen more often than this in the training text and never inside a name gets no second look
RECHECK_COMMON = 5


@lru_cache(maxsize=1)
def _label_classes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The model's labels (all but O) and the coarse class of each."""
    labels = tuple(label for label in _tagger().labels() if label != "O")
    return labels, tuple(_coarse_of(label) for label in labels)


def tag_words(words: list[str]) -> list[tuple[str, float]]:
    """(label, marginal probability) for each normalised word of one sentence.

    Viterbi labels, except that a word the model is unsure about (its O marginal below
    ``PERSON_RECHECK``) is a person when the person labels together outweigh O and every other
    coarse class: the fine person classes split the mass that says "a person", so Viterbi
    would often pick O. The label is then the likeliest person label (I- when it continues a
    person), its confidence the summed mass.
    """
    if not words:
        return []
    t = _tagger()
    labels = t.tag(pycrfsuite.ItemSequence(F.sentence_features(words)))
    out: list[tuple[str, float]] = []
    everything, coarse = _label_classes()
    vocab = F.vocab()
    for i, y in enumerate(labels):
        w = words[i]
        if y == "O":
            total, in_names = vocab.get(w, (0, 0))
            if total > RECHECK_COMMON and in_names == 0:
                out.append((y, 1.0))  # a common word never seen in a name: no second look
                continue
        p_o = t.marginal("O", i)
        if p_o < PERSON_RECHECK:
            mass: dict[str, float] = {}
            begin = inside = 0.0
            best, best_p = "", 0.0
            for label, c in zip(everything, coarse):
                p = t.marginal(label, i)
                mass[c] = mass.get(c, 0.0) + p
                if c == "PER":
                    if label[0] == "B":
                        begin += p
                    else:
                        inside += p
                    if p > best_p:
                        best, best_p = label, p
            m_per = mass.get("PER", 0.0)
            if m_per > p_o and all(m_per >= v for v in mass.values()):
                prev = out[-1][0] if out else "O"
                cont = prev != "O" and _coarse_of(prev) == "PER" and inside > begin
                out.append((("I-" + prev[2:]) if cont else ("B-" + best[2:]), round(m_per, 4)))
                continue
        out.append((y, 1.0 if y == "O" else t.marginal(y, i)))
    return out


def _coarse_of(label: str) -> str:
    row = classes().get(label[2:])
    return row["coarse"] if row else label[2:]


_AR_LETTER = re.compile(r"[\u0621-\u064a]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _arabic(text: str) -> bool:
    ar = len(_AR_LETTER.findall(text))
    return ar > 0 and ar >= ARABIC_SHARE * (ar + len(_LATIN_LETTER.findall(text)))


def names(doc: Doc) -> tuple[Name, ...]:
    """Every name the tagger finds in the Arabic sentences of ``doc`` (cached per document)."""
    if doc.lang != "ar":
        return ()
    return _names(doc.text, doc.sentences, doc.norm)


_cache: dict[tuple[int, int], tuple[str, tuple, tuple[Name, ...]]] = {}
_lock = threading.Lock()


def _names(text: str, sentences: tuple, norm) -> tuple[Name, ...]:
    key = (id(text), len(text))
    with _lock:
        hit = _cache.get(key)
    if hit is not None and hit[0] is text and hit[1] == sentences:
        return hit[2]
    found = tuple(_tag_text(norm, sentences))
    with _lock:
        if len(_cache) >= 8:
            _cache.pop(next(iter(_cache)))
        _cache[key] = (text, sentences, found)
    return found


def _tag_text(norm, sentences: tuple) -> list[Name]:
    toks = F.tokens(norm.text)
    if not toks:
        return []
    orig = norm.map_spans([(s, e) for s, e, _ in toks])
    chunks: list[tuple[int, list[tuple[int, int, str]]]] = []  # (sentence index, its tokens)
    k = 0
    n = len(toks)
    for si, (s0, s1) in enumerate(sentences):
        while k < n and orig[k][0] < s0:
            k += 1
        j = k
        while j < n and orig[j][1] <= s1:
            j += 1
        if j > k and _arabic(norm.original[s0:s1]):
            chunks.append((si, toks[k:j]))
        k = j
    if not chunks:
        return []
    words = [[w for _, _, w in ch] for _, ch in chunks]
    tagged = propagate(words, [tag_words(ws) for ws in words])
    found: list[tuple[int, int, str, float, int]] = []  # normalised span, class, confidence, sentence
    for (si, ch), ws, tg in zip(chunks, words, tagged):
        for i, j, cls, conf in spans_of(tg):
            start = ch[i][0] + _leading_clitics(ws[i], F.strip_clitics(ws[i])[0])
            end = ch[j - 1][1]
            if start < end:
                found.append((start, end, cls, round(conf, 4), si))
    if not found:
        return []
    spans = norm.map_spans([(a, b) for a, b, *_ in found])
    out: list[Name] = []
    for (start, end), (_a, _b, cls, conf, si) in zip(spans, found):
        row = classes().get(cls)
        if cls == "MISC" or row is None:
            out.append(Name(start, end, cls, "MISC", None, "other", conf, si))
        else:
            out.append(Name(start, end, cls, row["coarse"], row.get("type") or None, row["fine"], conf, si))
    return out


def spans_of(tagged: list[tuple[str, float]]) -> list[tuple[int, int, str, float]]:
    """(first token, end token, class, confidence) of the names in one sentence's labels; an I-
    label without its B- opens a name too; the confidence is the smallest marginal."""
    out = []
    i, n = 0, len(tagged)
    while i < n:
        y, p = tagged[i]
        if y == "O":
            i += 1
            continue
        cls = y[2:]
        j, conf = i + 1, p
        while j < n and tagged[j][0] == "I-" + cls:
            conf = min(conf, tagged[j][1])
            j += 1
        out.append((i, j, cls, conf))
        i = j
    return out


#: a name word met again in the same document counts only with at least this many letters
PROPAGATE_MIN_LETTERS = 4
#: the share of a word's training occurrences inside names below which it is a common word
PROPAGATE_NAME_SHARE = 0.3


def _namelike(w: str) -> bool:
    total, in_names = F.vocab().get(w, (0, 0))
    return len(w) >= PROPAGATE_MIN_LETTERS and (total <= 2 or in_names >= PROPAGATE_NAME_SHARE * total)


def propagate(words: list[list[str]], tagged: list[list[tuple[str, float]]]) -> list[list[tuple[str, float]]]:
    """One document's labels made consistent: a name the tagger found once is a name wherever its
    words come again in the document (with a clitic in front too: وصدام، لاتيجالي), and the last
    word of a person's full name alone is that person (بريان اتيجالي ... اتيجالي). Linear: one
    dictionary look-up per word."""
    seqs: dict[tuple[str, ...], tuple[str, float]] = {}
    for ws, tg in zip(words, tagged):
        for i, j, cls, conf in spans_of(tg):
            key = tuple(ws[i:j])
            if len(key) > 1 or _namelike(key[0]):
                seqs.setdefault(key, (cls, conf))
            if j - i > 1 and (classes().get(cls) or {}).get("coarse") == "PER" and _namelike(ws[j - 1]):
                seqs.setdefault((ws[j - 1],), (cls, conf))
    if not seqs:
        return tagged
    sizes: dict[str, list[int]] = {}  # first word -> the lengths of the names it opens, longest first
    for key in seqs:
        sizes.setdefault(key[0], []).append(len(key))
    for v in sizes.values():
        v.sort(reverse=True)
    out = []
    for ws, tg in zip(words, tagged):
        tg = list(tg)
        i, n = 0, len(ws)
        while i < n:
            if tg[i][0] != "O":
                i += 1
                continue
            w = ws[i]
            cand = sizes.get(w, [])
            if w[:1] in "وفبلك" and len(w) > 3 and w[1:] in sizes:
                cand = sorted(set(cand) | set(sizes[w[1:]]), reverse=True)
            if not cand:
                i += 1
                continue
            hit = None
            for size in cand:
                if size > n - i:
                    continue
                if any(tg[k][0] != "O" for k in range(i, i + size)):
                    continue
                key = tuple(ws[i:i + size])
                got = seqs.get(key)
                if got is None and ws[i][:1] in "وفبلك" and len(ws[i]) > 3:
                    got = seqs.get((ws[i][1:],) + key[1:])
                if got is not None:
                    hit = (size, got)
                    break
            if hit is None:
                i += 1
                continue
            size, (cls, conf) = hit
            tg[i] = ("B-" + cls, conf)
            for k in range(i + 1, i + size):
                tg[k] = ("I-" + cls, conf)
            i += size
        out.append(tg)
    return out


def _leading_clitics(word: str, pre: str) -> int:
    """How many leading characters of a name's first word are clitics to leave out of the span:
    و/ف and ب/ل/ك before the article (the article stays; after لل the span starts at the stem);
    a bare و/ف only when the word is not a known name word (وليد, وائل)."""
    if not pre:
        return 0
    if pre.endswith("لل"):
        return len(pre)
    if pre.endswith("ال"):
        return len(pre) - 2
    if pre[0] in "وفبلك" and len(word) >= 4:
        # وعبد -> عبد, but فيينا and وليد stay whole: the rest must be a known word, more often
        # seen alone than the whole word is
        g = F.gazetteers()
        rest = word[1:]
        if word in g["given"] or word in g["pername"]:
            return 0
        vocab = F.vocab()
        if rest in g["given"] or rest in g["pername"] or vocab.get(rest, (0, 0))[0] > vocab.get(word, (0, 0))[0]:
            return 1
    return 0

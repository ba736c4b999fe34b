"""Token features for the name tagger, the same at training and at tagging time.

Text is tokenised after :func:`toolkit.arabic.normalize` (hamza forms to bare alef, ى to ي,
ة to ه, no diacritics): that is how NewsFANE was written, and it is the text the matcher
already searches, so the tagger needs no other pass over the article. A token is a run of
word characters or one other non-space character.

A token's features are the sum of parts that each depend on one word (the word itself, and
each neighbour at an offset in :data:`OFFSETS`, or the sentence edge there) and on pairs of
adjacent words (:func:`pair_features`). Training reads them as strings
(:func:`sentence_features`); tagging (:mod:`toolkit.ner.crf`) sums each part's weights once per
distinct word and keeps the result, so the per-token work is a few look-ups.

Word lists from the lexicons (given names, the words of known person and organisation names,
titles, country names and demonyms, name cues) become flags; a model is trained with the
lexicons of its day, and the features read the lexicons of the running package.
"""
from __future__ import annotations

import hashlib
import re
import threading
from functools import lru_cache

import numpy as np

from toolkit import lexicon
from toolkit.arabic import normalize_key

#: a token: a run of word characters, or one other visible character
TOKEN = re.compile(r"\w+|[^\w\s]")
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, token) of every token of ``text[start:end]`` (normalised text)."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, len(text) if end is None else end)]


def strip_clitics(w: str) -> tuple[str, str]:
    """(clitics, stem): leading و/ف, then ب/ل/ك, then ال (and the لل contraction) split off,
    as long as at least three letters remain."""
    pre = ""
    if len(w) > 3 and w[0] in _CONJ:
        pre, w = w[0], w[1:]
    if len(w) > 3 and w[0] in _PREP:
        if w.startswith("لل") and len(w) > 4:
            return pre + "لل", w[2:]
        if w[1:].startswith("ال") and len(w) > 5:
            return pre + w[:3], w[3:]
        if w[0] != "ل" or len(w) > 4:
            pre, w = pre + w[0], w[1:]
    if w.startswith("ال") and len(w) > 4:
        pre, w = pre + "ال", w[2:]
    return pre, w


def _words(name: str, column: str = "form", *, lang: str = "ar", where=None) -> frozenset[str]:
    out: set[str] = set()
    for r in lexicon.rows(name):
        if r.get("lang", lang) != lang or (where is not None and not where(r)):
            continue
        for w in normalize_key(r.get(column, "")).split():
            out.add(w)
    return frozenset(out)


@lru_cache(maxsize=1)
def gazetteers() -> dict[str, frozenset[str]]:
    """Flag name -> set of normalised words (stems without clitics are looked up too)."""
    given = _words("given_names")
    person = _words("person_names") - given
    first_of_full: set[str] = set()
    for r in lexicon.rows("person_names"):
        if r["lang"] == "ar" and r.get("kind") == "full":
            toks = normalize_key(r["form"]).split()
            if toks:
                first_of_full.add(toks[0])
    cues: dict[str, set[str]] = {}
    for r in lexicon.rows("name_cues", required=("lang", "form", "cue")):
        if r["lang"] == "ar":
            cues.setdefault(r["cue"], set()).add(normalize_key(r["form"]))
    out = {
        "given": given | frozenset(first_of_full),
        "pername": person,
        "title": _words("titles"),
        "country": _words("country_names", where=lambda r: r.get("kind") in ("name", "capital")),
        "demonym": _words("country_names", where=lambda r: r.get("kind") == "demonym"),
        "orgname": _words("organization_names") | _words("named_institutions"),
        "verb": _words("reporting_verbs"),
    }
    for cue, forms in cues.items():
        out["cue_" + cue] = frozenset(forms)
    return out


#: the contexts of a word counted in raw news (scripts/train_word_contexts.py), in the order of the
#: shipped file's columns: the word list each reads and on which side of the word (-1 before, +1 after)
CONTEXT_DESCRIPTIONS = {
    "title": "the word before is a title or a person cue (الرئيس، اللاعب، الشيخ)",
    "given": "the word before is a given name (a family or second name follows one)",
    "verb": "the word before is a reporting verb (قال، اكد)",
    "orghead": "the word before is an organisation's head noun (وزارة، حركة، صحيفة)",
    "placehead": "the word before is a place's head noun (مدينة، محافظة)",
    "bin": "the word after is بن/ابن/بنت (a given name comes before it)",
    "nextgiven": "the word after is a given name",
    "al": "the word's stem is written with the article ال (names seldom are)",
}
CONTEXTS = tuple(CONTEXT_DESCRIPTIONS)


@lru_cache(maxsize=1)
def context_sets() -> dict[str, tuple[int, frozenset[str]]]:
    """Context name -> (side, word list) for the counted contexts other than ``al``."""
    g = gazetteers()
    return {
        "title": (-1, g["title"] | g.get("cue_person", frozenset())),
        "given": (-1, g["given"]),
        "verb": (-1, g["verb"]),
        "orghead": (-1, g.get("cue_org_head", frozenset())),
        "placehead": (-1, g.get("cue_place_head", frozenset())),
        "bin": (1, frozenset({"بن", "ابن", "بنت"})),
        "nextgiven": (1, g["given"]),
    }


def _shape(w: str) -> str:
    if w.isdigit():
        return "digit"
    if all("\u0621" <= ch <= "\u064a" for ch in w):
        return "ar"
    if w.isalpha():
        return "Lat" if w[:1].isupper() else "lat"
    if len(w) == 1:
        return "punct"
    return "mixed"


@lru_cache(maxsize=300_000)
def lexical(w: str) -> tuple[str, str, str, tuple[str, ...]]:
    """(clitics, stem, shape, lexicon flags) of a word: what its features are made of."""
    pre, stem = strip_clitics(w)
    flags = tuple(name for name, words in gazetteers().items() if w in words or stem in words)
    return pre, stem, _shape(w), flags


def _word_key(w: str) -> int:
    return int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")


class Clusters:
    """Each word's cluster at every size, looked up by a 64-bit hash of the word: two numpy
    arrays (sorted hashes, cluster ids) that load in a millisecond from the disk cache, where a
    dict of 87,000 words takes 80 ms to unpickle."""

    def __init__(self, words: dict[str, tuple[int, ...]] | None = None):
        items = sorted((_word_key(w), ids) for w, ids in (words or {}).items())
        levels = len(items[0][1]) if items else 0
        self.keys = np.array([k for k, _ in items], dtype=np.uint64)
        self.ids = np.array([ids for _, ids in items], dtype=np.int32).reshape(len(items), levels)

    def __len__(self) -> int:
        return len(self.keys)

    def get(self, w: str) -> tuple[int, ...] | None:
        if not len(self.keys):
            return None
        k = np.uint64(_word_key(w))
        i = int(np.searchsorted(self.keys, k))
        if i < len(self.keys) and self.keys[i] == k:
            return tuple(int(x) for x in self.ids[i])
        return None


def read_clusters(path) -> Clusters:
    """``word<TAB>cluster<TAB>cluster...`` lines, gzip-compressed (scripts/train_word_clusters.py)."""
    import gzip

    out: dict[str, tuple[int, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            w, *ids = line.rstrip("\n").split("\t")
            out[w] = tuple(int(x) for x in ids)
    return Clusters(out)


_CLUSTERS = Clusters()


def set_clusters(clusters: Clusters) -> None:
    """The word clusters the features read (``Clusters()``: none; a model trained without them
    gives cluster features no weight, so the same file serves every model)."""
    global _CLUSTERS
    _CLUSTERS = clusters
    cluster_features.cache_clear()


@lru_cache(maxsize=300_000)
def cluster_features(w: str) -> tuple[str, ...]:
    """The clusters of a word in raw news (its own, else its stem's without clitics): words of
    the same contexts (given names, ministries, towns) share them, which tells the tagger
    something of a word its training text never had."""
    if not len(_CLUSTERS):
        return ()
    c = _CLUSTERS.get(w)
    if c is not None:
        return tuple(f"c{k}={v}" for k, v in enumerate(c, 1))
    c = _CLUSTERS.get(lexical(w)[1])
    if c is not None:
        return tuple(f"cs{k}={v}" for k, v in enumerate(c, 1))
    return ("c=none",)


def read_contexts(path) -> Clusters:
    """``word<TAB>count<TAB>per mille of each context...`` lines, gzip-compressed
    (scripts/train_word_contexts.py), as a word table (the count first, then the contexts)."""
    return read_clusters(path)


_CONTEXTS = Clusters()


def set_contexts(profiles: Clusters) -> None:
    """The word context profiles the features read (``Clusters()``: none)."""
    global _CONTEXTS
    _CONTEXTS = profiles
    profile_features.cache_clear()


def _permille(v: int) -> str:
    return "0" if v <= 0 else "1" if v < 20 else "2" if v < 100 else "3" if v < 300 else "4"


@lru_cache(maxsize=300_000)
def profile_features(w: str) -> tuple[str, ...]:
    """How the word (else its stem without clitics) is written in raw news: how often, and how
    often after a title, a given name, a reporting verb, an organisation's or a place's head
    noun, before بن or a given name, and how often its stem takes ال (:data:`CONTEXTS`), each in
    five steps; what tells the tagger that a word it never saw in training is a name word."""
    if not len(_CONTEXTS):
        return ()
    v = _CONTEXTS.get(w)
    tag = "x"
    if v is None:
        v = _CONTEXTS.get(lexical(w)[1])
        tag = "xs"
        if v is None:
            return ("x=none",)
    n = v[0]
    f = [tag + "n=" + ("5" if n < 20 else "20" if n < 100 else "100" if n < 1000 else "1k")]
    f.extend(f"{tag}{name}={_permille(x)}" for name, x in zip(CONTEXTS, v[1:]))
    return tuple(f)


def word_features(w: str) -> tuple[str, ...]:
    """The features of a word at the position being tagged."""
    pre, stem, shape, flags = lexical(w)
    lw = w.lower()
    f = ["b", "w=" + lw, "s=" + stem.lower(), "p=" + pre, "sh=" + shape,
         "len=" + str(min(len(stem), 8)),
         "pf2=" + stem[:2], "pf3=" + stem[:3], "pf4=" + stem[:4],
         "sf1=" + stem[-1:], "sf2=" + stem[-2:], "sf3=" + stem[-3:], "sf4=" + stem[-4:],
         "wpf2=" + w[:2], "wsf2=" + w[-2:]]
    f.extend("g=" + name for name in flags)
    if stem.endswith(("ي", "يه")) and len(stem) > 3:
        f.append("nisba")  # an adjective of origin (الروسي, السعودية) or a family name (الحسيني)
    f.extend(cluster_features(w))
    f.extend(profile_features(w))
    return tuple(f)


_TAGS = {off: f"{off:+d}:" for off in range(-3, 4)}


def context_features(w: str, offset: int) -> tuple[str, ...]:
    """The features of a neighbouring word, ``offset`` positions away (-2 .. +2)."""
    pre, stem, shape, flags = lexical(w)
    tag = _TAGS[offset]
    f = [tag + "w=" + w.lower(), tag + "s=" + stem.lower(), tag + "sh=" + shape]
    if abs(offset) == 1:
        f.append(tag + "p=" + pre)
        f.extend(tag + c for c in cluster_features(w))
    f.extend(tag + "g=" + name for name in flags)
    return tuple(f)


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n < 5 else "5" if n < 20 else "20"


def vocab_features(w: str, total: int, in_names: int) -> tuple[str, ...]:
    """How often the word was seen in the training text, and how often inside a name: rare words
    are often names, and a word seen only inside names is a name word."""
    f = ["fq=" + _bucket(total)]
    if total > 0:
        share = in_names / total
        f.append("nm=" + ("0" if share == 0 else "1" if share == 1 else "h" if share >= 0.5 else "l"))
    return tuple(f)


Vocab = dict[str, tuple[int, int]]


_VOCAB: Vocab = {}


def vocab() -> Vocab:
    """The vocabulary in use (word -> (count, count inside names))."""
    return _VOCAB


def set_vocab(vocab: Vocab) -> None:
    """The word counts the tagger's model was trained with (see ``tagger.vocab``)."""
    global _VOCAB
    _VOCAB = vocab


#: the neighbours whose features a token gets, by offset
OFFSETS = (-2, -1, 1, 2)


def edge_feature(offset: int) -> str:
    """The feature of a token whose neighbour at ``offset`` is beyond the sentence."""
    return f"{offset:+d}:edge"


def pair_features(left: str, right: str) -> tuple[str, str]:
    """The features of two adjacent words: (the one the right word gets, the one the left word gets)."""
    return "bi-1=" + left + "|" + right, "bi+1=" + left + "|" + right


def own_features(w: str) -> tuple[str, ...]:
    """A word's own features when tagging: its word features and its vocabulary features."""
    total, in_names = _VOCAB.get(w, (0, 0))
    return word_features(w) + vocab_features(w, total, in_names)


def sentence_features(words: list[str], *, minus: dict[str, tuple[int, int]] | None = None) -> list[list[str]]:
    """One feature list per word of a sentence (words already normalised): what training reads.

    ``minus`` (training only) holds the sentence's own counts, taken off the vocabulary counts
    so that a word seen only in this sentence looks unseen, as new words look when tagging.
    """
    n = len(words)
    out: list[list[str]] = []
    for i, w in enumerate(words):
        if minus is None:
            f = list(own_features(w))
        else:
            f = list(word_features(w))
            total, in_names = _VOCAB.get(w, (0, 0))
            mt, mn = minus.get(w, (0, 0))
            f.extend(vocab_features(w, total - mt, in_names - mn))
        for off in OFFSETS:
            j = i + off
            if 0 <= j < n:
                f.extend(context_features(words[j], off))
            else:
                f.append(edge_feature(off))
        out.append(f)
    for i in range(1, n):
        right, left = pair_features(words[i - 1], words[i])
        out[i].append(right)
        out[i - 1].append(left)
    return out


def span_features(words: list[str], i: int, j: int, label: str) -> list[str]:
    """The features of a name ``words[i:j]`` for its fine class (politician, athlete, media, city...):
    its coarse class, its words and stems, its last stem's ending, and the three words before and
    two after it with their lexicon flags (titles, name cues and verbs say a lot)."""
    lex = [lexical(w) for w in words[i:j]]
    last = lex[-1][1]
    f = ["c=" + label, "n=" + str(min(j - i, 4)), "first=" + lex[0][1], "last=" + last,
         "sf2=" + last[-2:], "sf3=" + last[-3:]]
    for w, (_, stem, _, flags) in zip(words[i:j], lex):
        f.append("w=" + w)
        f.append("s=" + stem)
        f.extend("g=" + name for name in flags)
        f.extend(cluster_features(w))
    for off in (-3, -2, -1, 1, 2):
        k = i + off if off < 0 else j - 1 + off
        if 0 <= k < len(words):
            _, stem, _, flags = lexical(words[k])
            tag = _TAGS[off]
            f.append(tag + "s=" + stem)
            f.extend(tag + "g=" + name for name in flags)
            f.extend(tag + c for c in cluster_features(words[k]))
        else:
            f.append(_TAGS[off] + "edge")
    return f


class WordRows:
    """A per-word cache of rows in a table a subclass fills (:meth:`_learn` appends the rows of
    words not seen before, numbered from ``len(self.row_of)``): the taggers compute what depends
    on a word alone once per distinct word. When more than ``limit`` words would be kept the cache
    starts again with the words asked for."""

    def __init__(self):
        self.lock = threading.Lock()
        self.row_of: dict[str, int] = {}

    def _learn(self, words: list[str]) -> None:
        raise NotImplementedError

    def rows(self, flat: list[str], limit: int) -> np.ndarray:
        """The row of each word of ``flat`` (call with ``self.lock`` held: the rows stay valid
        while it is)."""
        get = self.row_of.get
        ids = np.fromiter((get(w, -1) for w in flat), dtype=np.int64, count=len(flat))
        missing = np.nonzero(ids < 0)[0]
        if not len(missing):
            return ids
        new = list(dict.fromkeys(flat[k] for k in missing.tolist()))
        if len(self.row_of) + len(new) > limit:
            self.row_of = {}
            self._learn(list(dict.fromkeys(flat)))
            get = self.row_of.get
            return np.fromiter((get(w) for w in flat), dtype=np.int64, count=len(flat))
        self._learn(new)
        get = self.row_of.get
        ids[missing] = [get(flat[k]) for k in missing.tolist()]
        return ids

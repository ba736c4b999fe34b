"""The statistical name tagger: a CRF (python-crfsuite) trained on NewsFANE Gold.

:func:`names` tags the Arabic sentences of a :class:`~toolkit.model.Doc` once (the result is
cached for the document, so the people, organisations and places annotators share one run)
and returns :class:`Name` spans with original offsets, the NewsFANE class, the toolkit's
mention type and fine class (``toolkit/lexicon/ner_classes.csv``), and a confidence: the
smallest marginal probability of the span's labels.

The model and its licence travel in ``toolkit/ner/models/`` (see the README there): nothing
is downloaded. ``scripts/train_ner.py`` makes the model, ``scripts/eval_ner.py`` measures it.
A neural tagger (:mod:`toolkit.ner.nn`, trained by ``scripts/train_ner_nn.py``) joins the CRF
when its files are in that folder; none ships (the README there gives its figures).
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from toolkit import lexicon
from toolkit.cache import persistent
from toolkit.model import Doc
import toolkit.ner.crf as crf
import toolkit.ner.features as F

MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_NAME = "ner-newsfane"
MODEL_FILE = MODEL_DIR / f"{MODEL_NAME}.crfsuite"
META_FILE = MODEL_DIR / f"{MODEL_NAME}.json"
VOCAB_FILE = MODEL_DIR / f"{MODEL_NAME}.vocab.tsv"
#: the CRF's weights for the numpy decoder (toolkit.ner.crf), written from MODEL_FILE by training
DECODER_FILE = MODEL_DIR / f"{MODEL_NAME}.npz"
#: the classifier of a name's fine class (a maximum-entropy model over the name and its context)
FINE_FILE = MODEL_DIR / f"{MODEL_NAME}.fine.npz"
#: word clusters learnt from raw news (scripts/train_word_clusters.py): features of every word,
#: read when present (a model trained without them gives them no weight)
CLUSTERS_FILE = MODEL_DIR / "word_clusters.tsv.gz"
#: each word's contexts in raw news (scripts/train_word_contexts.py): features too, read when present
CONTEXTS_FILE = MODEL_DIR / "word_contexts.tsv.gz"
#: the words' skip-gram vectors, row for row the words of CLUSTERS_FILE (scripts/train_word_clusters.py)
VECTORS_FILE = MODEL_DIR / "word_vectors.npz"
#: the neural tagger (toolkit.ner.nn; scripts/train_ner_nn.py): its weights and metadata
NN_NAME = "ner-nn"
NN_FILE = MODEL_DIR / f"{NN_NAME}.npz"
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


@lru_cache(maxsize=1)
def nn_meta() -> dict | None:
    """The neural tagger's metadata (None when it does not ship: the CRF then tags alone)."""
    path = NN_FILE.with_suffix(".json")
    if not (path.exists() and NN_FILE.exists() and VECTORS_FILE.exists() and CLUSTERS_FILE.exists()):
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def version() -> str:
    """The CRF's version, and the neural tagger's when it joins in (``3.3+nn1.0``)."""
    nm = nn_meta()
    return meta()["version"] + (f"+nn{nm['version']}" if nm else "")


def rule() -> str:
    """The ``rule`` of every mention the tagger makes: ``model:ner-newsfane@<version>``."""
    return f"model:{MODEL_NAME}@{version()}"


@lru_cache(maxsize=1)
def classes() -> dict[str, dict[str, str]]:
    """NewsFANE class -> its row of ``ner_classes.csv`` (coarse, type, fine)."""
    return {r["newsfane"]: r for r in lexicon.rows("ner_classes", required=("newsfane", "coarse", "fine"))}


#: the label schemes a model can be trained with (see :func:`training_label`)
LEVELS = ("fine", "coarse", "mixed")


def training_label(tag: str, level: str = "fine") -> str:
    """The label a NewsFANE BIO tag is trained as, by ``level``:

    - ``fine``: the NewsFANE class, or MISC for products, vehicles and weapons (``B-Book`` -> ``B-MISC``);
    - ``coarse``: the coarse class (PER, ORG, GPE, LOC, FAC, MISC);
    - ``mixed``: organisations by their NewsFANE class (sports clubs, media and ministries are
      written differently), nations by themselves, the rest coarse.
    """
    if tag == "O":
        return tag
    bio, cls = tag[:2], tag[2:]
    row = classes().get(cls)
    if row is None:
        raise lexicon.error("ner_classes", None, f"NewsFANE class {cls!r} is not listed")
    if level == "coarse":
        return bio + row["coarse"]
    if level == "mixed":
        return bio + (cls if row["coarse"] == "ORG" or cls == "Nation" else row["coarse"])
    return bio + ("MISC" if row["coarse"] == "MISC" else cls)


def read_vocab(path: Path) -> F.Vocab:
    """``word<TAB>count<TAB>count inside names`` lines (the training text's vocabulary)."""
    out: F.Vocab = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            w, total, in_names = line.rstrip("\n").split("\t")
            out[w] = (int(total), int(in_names))
    return out


_load_lock = threading.Lock()


class _Scorer(F.WordRows):
    """The model's weights arranged for tagging: each distinct word's summed weights (its own
    features, and its features as each neighbour), kept once computed; the pair features as
    sorted codes of two word numbers, looked up for a whole document at once."""

    def __init__(self, model: crf.Model):
        super().__init__()
        self.model = model
        self.o = model.labels.index("O")
        self.edge = np.stack([model.weights[model.row(F.edge_feature(off))] for off in F.OFFSETS])
        self.table = np.zeros((0, 1 + len(F.OFFSETS), len(model.labels)))
        self.word_info = np.zeros((0, 2), dtype=np.int64)
        pair_words: dict[str, int] = {}
        found: dict[tuple[int, int], list[int]] = {}
        for attr, row in model.index.items():
            side = 0 if attr.startswith("bi-1=") else 1 if attr.startswith("bi+1=") else -1
            if side < 0:
                continue
            a, b = _split_pair(attr[5:])
            key = (pair_words.setdefault(a, len(pair_words)), pair_words.setdefault(b, len(pair_words)))
            found.setdefault(key, [-1, -1])[side] = row
        self.pair_words = pair_words
        self.n_pair_words = max(len(pair_words), 1)
        codes = np.array([a * self.n_pair_words + b for a, b in found], dtype=np.int64)
        rows = np.array(list(found.values()), dtype=np.int64).reshape(-1, 2)
        order = np.argsort(codes)
        self.pair_codes, self.pair_rows = codes[order], rows[order]
        self.zero = len(model.weights) - 1

    def _learn(self, words: list[str]) -> None:
        """Sum and keep the weights of words not seen before (all of them in one numpy call)."""
        m = self.model
        get, zero = m.index.get, self.zero
        rows: list[int] = []
        bounds: list[int] = []
        for w in words:
            for attrs in (F.own_features(w), *(F.context_features(w, off) for off in F.OFFSETS)):
                bounds.append(len(rows))
                rows.extend([get(a, zero) for a in attrs])
        sums = np.add.reduceat(m.weights[rows], bounds, axis=0).reshape(len(words), 1 + len(F.OFFSETS), -1)
        start = len(self.row_of)
        need = start + len(words)
        if need > len(self.table):
            size = max(need, 2 * len(self.table), 1024)
            grown = np.zeros((size, *sums.shape[1:]))
            grown[:start] = self.table[:start]
            self.table = grown
            self.word_info = np.resize(self.word_info, (size, 2))
        self.table[start:need] = sums
        pair = self.pair_words.get
        self.word_info[start:need, 0] = [pair(w, -1) for w in words]
        self.word_info[start:need, 1] = [_cut(w) for w in words]
        for k, w in enumerate(words, start):
            self.row_of[w] = k

    def lookup(self, flat: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row of each word in the table, the table, word info: pair-word number and cut flag)."""
        with self.lock:
            return self.rows(flat, WORD_CACHE), self.table, self.word_info

    def emissions(self, sents: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """The state scores of every token of these sentences (flat, sentence after sentence), and
        which tokens are words never inside a name (see :func:`tag_sentences`)."""
        flat = [w for ws in sents for w in ws]
        total = len(flat)
        ids, table, info = self.lookup(flat)
        gid = info[ids, 0]
        lens = np.array([len(ws) for ws in sents], dtype=np.int64)
        first = np.repeat(np.cumsum(lens) - lens, lens)
        last = first + np.repeat(lens, lens)
        at = np.arange(total)
        emit = table[ids, 0]
        for k, off in enumerate(F.OFFSETS, 1):
            j = at + off
            ok = (j >= first) & (j < last)
            emit += np.where(ok[:, None], table[ids[np.where(ok, j, at)], k], self.edge[k - 1])
        if len(self.pair_codes) and total > 1:
            a, b = gid[:-1], gid[1:]
            ok = (a >= 0) & (b >= 0) & (first[1:] == first[:-1])
            left = np.nonzero(ok)[0]
            code = a[left] * self.n_pair_words + b[left]
            k = np.minimum(np.searchsorted(self.pair_codes, code), len(self.pair_codes) - 1)
            hit = self.pair_codes[k] == code
            left, k = left[hit], k[hit]
            rows = self.pair_rows[k]
            w = self.model.weights
            emit[left + 1] += w[np.where(rows[:, 0] >= 0, rows[:, 0], self.zero)]
            emit[left] += w[np.where(rows[:, 1] >= 0, rows[:, 1], self.zero)]
        return emit, info[ids, 1].astype(bool)


def _split_pair(s: str) -> tuple[str, str]:
    """``left|right`` of a pair feature (a token is never longer than one character when it is ``|``)."""
    if s.startswith("||"):
        return "|", s[2:]
    if s.endswith("||"):
        return s[:-2], "|"
    a, _, b = s.partition("|")
    return a, b


#: distinct words whose summed weights are kept (the cache is emptied when full)
WORD_CACHE = 200_000


def _files_digest() -> str:
    """What the vocabulary and the clusters are read from (their paths and bytes)."""
    h = hashlib.sha256()
    for path in (VOCAB_FILE, CLUSTERS_FILE, CONTEXTS_FILE):
        h.update(str(path).encode() + b"\x00")
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()


@persistent("ner-words", depends=_files_digest)
def _word_tables() -> tuple[F.Vocab, F.Clusters, F.Clusters]:
    """The training vocabulary, the word clusters and the word context profiles, from the disk
    cache after the first run (the gzip-compressed clusters take about 0.2 s to read and parse,
    the cached arrays 1 ms)."""
    return (read_vocab(VOCAB_FILE), F.read_clusters(CLUSTERS_FILE) if CLUSTERS_FILE.exists() else F.Clusters(),
            F.read_contexts(CONTEXTS_FILE) if CONTEXTS_FILE.exists() else F.Clusters())


@lru_cache(maxsize=1)
def _scorer() -> _Scorer:
    with _load_lock:
        vocab, clusters, contexts = _word_tables()
        F.set_vocab(vocab)
        F.set_clusters(clusters)
        F.set_contexts(contexts)
        if not DECODER_FILE.exists():
            raise FileNotFoundError(f"the name tagger's model is missing: {DECODER_FILE.name} in {MODEL_DIR}")
        return _Scorer(crf.Model.load(DECODER_FILE))


#: the CRF's share of the label scores when the neural tagger joins in (the rest is the network's):
#: both are linear-chain models over the same labels, and the weighted sum of their emission and
#: transition scores is one too. Chosen on the NewsFANE dev part with models trained on train
#: (0.3, 0.5 and 0.7 within a point of each other).
CRF_WEIGHT = 0.5


@lru_cache(maxsize=1)
def _net():
    """The neural tagger (toolkit.ner.nn) with its label order mapped onto the CRF's, or None."""
    if nn_meta() is None:
        return None
    import toolkit.ner.nn as nn

    sc = _scorer()
    with _load_lock:
        net = nn.load(NN_FILE, VECTORS_FILE, nn.cluster_words(CLUSTERS_FILE))
    if set(net.labels) != set(sc.model.labels):
        raise ValueError(f"{NN_FILE.name} and {DECODER_FILE.name} have different labels: retrain them together")
    perm = np.array([net.labels.index(lab) for lab in sc.model.labels])
    return net, perm, CRF_WEIGHT * sc.model.trans + (1 - CRF_WEIGHT) * net.trans[np.ix_(perm, perm)]


def word_counts() -> F.Vocab:
    """The tagger's training vocabulary: normalised word -> (times seen, times inside a name)."""
    _scorer()
    return F.vocab()


@lru_cache(maxsize=1)
def _fine_model() -> crf.Model:
    return crf.Model.load(FINE_FILE)


#: tokens never inside a name in NewsFANE that split a sentence into stretches decoded apart
CUTS = frozenset({"،", ",", "؛", ";", ":", "؟", "?", "!"})
#: a word seen at least this often in the training text and never inside a name splits too
CUT_MIN_COUNT = 20


def _cut(w: str) -> bool:
    if w in CUTS:
        return True
    total, in_names = F.vocab().get(w, (0, 0))
    return total >= CUT_MIN_COUNT and in_names == 0


#: The most words decoded in one batch of sentences (a longer document is tagged batch by batch).
#: 1024: a 1 MB text without punctuation costs 1.0x the ms/KB of 10 KB (4096: 1.13x to 1.46x, the
#: decoder's arrays outgrow the processor's cache), real sentences cost the same within noise
#: (`python benchmarks/bench_linear.py --only tagger`)
BATCH_WORDS = 1024


def tag_sentences(sents: list[list[str]], *, cuts: bool = True) -> list[list[tuple[str, float]]]:
    """(label, marginal probability) for each normalised word of each sentence: the Viterbi
    labels of the CRF, and the marginal of each label chosen (computed for the stretches that
    hold a name; an O elsewhere gets 1.0).

    With ``cuts``, a word that is never inside a name (a comma, or a word the training text has
    at least CUT_MIN_COUNT times and never in a name: في، من، التي) is labelled O and left out of
    the chain; the stretches between such words are decoded with the transitions out of and into
    O at their ends. The labels are then the CRF's own whenever it labels those words O (as it
    does), the marginals are those given that they are O, and a sentence costs no more steps
    than its longest stretch.
    """
    if not any(sents):
        return [[] for _ in sents]
    if any(len(ws) > BATCH_WORDS for ws in sents):
        # a "sentence" of more than BATCH_WORDS words (a text without punctuation; no real news
        # sentence is that long) is tagged in chunks of BATCH_WORDS words, as if they were sentences
        chunks: list[list[str]] = []
        owner: list[int] = []
        for i, ws in enumerate(sents):
            for k in range(0, max(len(ws), 1), BATCH_WORDS):
                chunks.append(ws[k:k + BATCH_WORDS])
                owner.append(i)
        out_long: list[list[tuple[str, float]]] = [[] for _ in sents]
        for i, part in zip(owner, tag_sentences(chunks, cuts=cuts)):
            out_long[i].extend(part)
        return out_long
    if len(sents) > 1 and sum(map(len, sents)) > BATCH_WORDS:
        # a long document in batches of sentences: the same labels (sentences are decoded apart),
        # with arrays small enough to stay in the processor's cache, so the cost per word does not grow
        out: list[list[tuple[str, float]]] = []
        group: list[list[str]] = []
        n = 0
        for ws in sents:
            if group and n + len(ws) > BATCH_WORDS:
                out.extend(tag_sentences(group, cuts=cuts))
                group, n = [], 0
            group.append(ws)
            n += len(ws)
        out.extend(tag_sentences(group, cuts=cuts))
        return out
    sc = _scorer()
    kept = [ws for ws in sents if ws]
    emit, cut = sc.emissions(kept)
    trans = sc.model.trans
    both = _net()
    if both is not None:
        net, perm, trans = both
        emit = CRF_WEIGHT * emit + (1 - CRF_WEIGHT) * net.emissions(kept)[:, perm]
    total, n_lab = emit.shape
    lens = np.array([len(ws) for ws in kept], dtype=np.int64)
    first = np.repeat(np.cumsum(lens) - lens, lens)
    last = first + np.repeat(lens, lens)  # exclusive
    idx = np.nonzero(~cut)[0] if cuts else np.arange(total)
    labels = np.full(total, sc.o, dtype=np.int64)
    conf = np.ones(total)
    if len(idx):
        new = np.ones(len(idx), dtype=bool)
        new[1:] = (idx[1:] != idx[:-1] + 1) | (first[idx[1:]] != first[idx[:-1]])
        ends = np.append(new[1:], True)
        sub = emit[idx]
        o = sc.o
        sub[new & (idx > first[idx])] += trans[o]  # a stretch after a cut word: from O
        sub[ends & (idx + 1 < last[idx])] += trans[:, o]  # before a cut word: into O
        starts = np.nonzero(new)[0]
        lengths = np.diff(np.append(starts, len(idx))).tolist()
        got = crf.viterbi(sub, lengths, trans)
        labels[idx] = got
        # marginals only for the stretches that hold a name: the confidence of O is never read
        named = np.add.reduceat((got != o).astype(np.int64), starts) > 0
        if named.any():
            keep = np.repeat(named, lengths)
            at_named = np.nonzero(keep)[0]
            marg = crf.marginals(sub[at_named], [n for n, k in zip(lengths, named.tolist()) if k], trans)
            conf[idx[at_named]] = marg[np.arange(len(at_named)), got[at_named]]
    names = sc.model.labels
    out: list[list[tuple[str, float]]] = []
    at = 0
    for ws in sents:
        n = len(ws)
        out.append(list(zip([names[y] for y in labels[at:at + n].tolist()], conf[at:at + n].tolist())))
        at += n
    return out


def tag_words(words: list[str]) -> list[tuple[str, float]]:
    """(label, marginal probability) for each normalised word of one sentence."""
    return tag_sentences([words])[0]


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


def clear_cache() -> None:
    """Forget the names of the documents tagged so far (benchmarks time the tagger itself with it)."""
    with _lock:
        _cache.clear()


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


def _norm_offset(norm, o: int) -> int:
    """The normalised offset of original offset ``o`` (the first kept character at or after it)."""
    if norm.char_map is not None:
        return bisect_left(norm.char_map, o)
    k = bisect_right(norm.seg_orig, o) - 1
    if k < 0:
        return 0
    run_end = norm.seg_norm[k + 1] if k + 1 < len(norm.seg_norm) else len(norm.text)
    return min(norm.seg_norm[k] + (o - norm.seg_orig[k]), run_end)


def _arabic_at(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is Arabic: Arabic letters, at least ARABIC_SHARE of all letters."""
    if _LATIN_LETTER.search(text, start, end) is None:
        return _AR_LETTER.search(text, start, end) is not None
    return _arabic(text[start:end])


def _tag_text(norm, sentences: tuple) -> list[Name]:
    text = norm.text
    spans_n: list[tuple[int, int, int]] = []  # (sentence index, normalised start, end)
    for si, (s0, s1) in enumerate(sentences):
        n0, n1 = _norm_offset(norm, s0), _norm_offset(norm, s1)
        if n1 > n0 and _arabic_at(text, n0, n1):
            spans_n.append((si, n0, n1))
    words = [F.TOKEN.findall(text, n0, n1) for _, n0, n1 in spans_n]
    if not any(words):
        return []
    tagged = propagate(words, tag_sentences(words))
    found: list[tuple[int, int, str, float, int]] = []  # normalised span, class, confidence, sentence
    spans: list[tuple[list[str], int, int, str]] = []
    for (si, n0, n1), ws, tg in zip(spans_n, words, tagged):
        names_here = spans_of(tg)
        if not names_here:
            continue
        ch = [m.span() for m in F.TOKEN.finditer(text, n0, n1)]
        for i, j, cls, conf in names_here:
            start = ch[i][0] + _leading_clitics(ws[i], F.strip_clitics(ws[i])[0])
            end = ch[j - 1][1]
            if start < end:
                found.append((start, end, cls, round(conf, 4), si))
                spans.append((ws, i, j, cls))
    found = [(a, b, c, conf, si) for (a, b, _, conf, si), c in zip(found, fine_classes(spans))]
    if not found:
        return []
    out: list[Name] = []
    for (start, end), (_a, _b, cls, conf, si) in zip(norm.map_spans([(a, b) for a, b, *_ in found]), found):
        row = classes().get(cls)
        if cls == "MISC" or row is None:
            out.append(Name(start, end, cls, "MISC", None, "other", conf, si))
        else:
            out.append(Name(start, end, cls, row["coarse"], row.get("type") or None, row["fine"], conf, si))
    return out


@lru_cache(maxsize=1)
def _fine_choices() -> dict[str, np.ndarray]:
    """CRF label (a coarse class) -> a mask over the fine classifier's classes it may choose among:
    the fine classes of that coarse class the CRF does not tag itself."""
    fm = _fine_model()
    own = {label[2:] for label in _scorer().model.labels if label != "O"}
    out: dict[str, np.ndarray] = {}
    for c in own:
        if c in classes():
            continue
        mask = np.array([f not in own and _coarse_of("B-" + f) == c for f in fm.labels])
        if mask.any():
            out[c] = mask
    return out


@lru_cache(maxsize=None)
def _default_class(coarse: str) -> str:
    """The NewsFANE class a coarse label stands for when no classifier can tell (the last listed
    for it in ner_classes.csv: Other_PER, ...)."""
    rows = [c for c, r in classes().items() if r["coarse"] == coarse]
    return rows[-1] if rows else "MISC"


def fine_classes(names: list[tuple[list[str], int, int, str]]) -> list[str]:
    """The NewsFANE class of each name ``(words, first, end, CRF label)``: the label itself when it
    is a NewsFANE class, else the likeliest fine class of that coarse class (one numpy call for all)."""
    out = [label if label in classes() or label == "MISC" else "" for _, _, _, label in names]
    todo = [k for k, c in enumerate(out) if not c]
    if not todo:
        return out
    choices = _fine_choices()
    fm = _fine_model()
    get, zero = fm.index.get, len(fm.weights) - 1
    rows: list[int] = []
    bounds: list[int] = []
    masks = []
    for k in todo:
        words, i, j, label = names[k]
        mask = choices.get(label)
        if mask is None:
            out[k] = _default_class(label)
            continue
        bounds.append(len(rows))
        rows.extend([get(a, zero) for a in F.span_features(words, i, j, label)])
        masks.append((k, mask))
    if masks:
        scores = np.add.reduceat(fm.weights[rows], bounds, axis=0)
        scores = np.where(np.stack([m for _, m in masks]), scores, -np.inf)
        for (k, _), best in zip(masks, scores.argmax(axis=1).tolist()):
            out[k] = fm.labels[best]
    return out


def fine_class(words: list[str], i: int, j: int, label: str) -> str:
    """The NewsFANE class of the name ``words[i:j]`` the CRF tagged ``label`` (see :func:`fine_classes`)."""
    return fine_classes([(words, i, j, label)])[0]


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
            if j - i > 1 and _coarse_of("B-" + cls) == "PER" and _namelike(ws[j - 1]):
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
    a bare و/ف/ب/ل/ك only when the word is not a known name word (وليد, وائل) and the rest is one,
    or a word of four letters or more seen more often than the whole word (بضواحي -> ضواحي; not
    كوفي -> وفي)."""
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
        if rest in g["given"] or rest in g["pername"]:
            return 1
        # the rest seen more often than the whole word and no short word (كوفي is not ك + وفي)
        vocab = F.vocab()
        if len(rest) >= 4 and vocab.get(rest, (0, 0))[0] > vocab.get(word, (0, 0))[0]:
            return 1
    return 0

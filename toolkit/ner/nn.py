"""The neural name tagger's forward pass in numpy: a BiLSTM over each word's vector and features,
with a CRF's transitions on top (trained by ``scripts/train_ner_nn.py`` with PyTorch, which the
toolkit does not need: the weights are ``toolkit/ner/models/ner-nn.npz``, read when there; none
ships, see the README in that folder).

A word's input is its vector from raw news (``word_vectors.npz``, row for row the words of
``word_clusters.tsv.gz``: its own vector, else its stem's, else none) and the sum of the learnt
embeddings of its features (:func:`word_feature_strings`: the CRF's word features, those the
network was trained to read) and its character CNN's output. All depend on the word alone, so
the input projection of the two LSTM directions is computed once per distinct word and kept
(:class:`Net`); per token there is only the recurrence. The emissions then go through the same
cut-and-decode path as the CRF's (:func:`toolkit.ner.tagger.tag_sentences`).
"""
from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import numpy as np

import toolkit.ner.features as F


def read_vectors(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """(int8 matrix, float32 scale per row) of ``word_vectors.npz`` (scripts/train_word_clusters.py)."""
    with zipfile.ZipFile(path) as z:
        q = np.load(io.BytesIO(z.read("q.npy")))
        scale = np.load(io.BytesIO(z.read("scale.npy")))
    return q, scale


def write_vectors(path: Path, vectors: np.ndarray) -> None:
    """Vectors as int8 with one float32 scale per row (a quarter of float32's size; the rounding
    error, under half a step of 1/127 of a row's largest entry, is far below what the tagger can
    tell apart). No time stamp in the archive: the same vectors write the same bytes."""
    scale = np.maximum(np.abs(vectors).max(axis=1), 1e-9) / 127.0
    q = np.rint(vectors / scale[:, None]).astype(np.int8)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, arr in (("q", q), ("scale", scale.astype(np.float32))):
            buf = io.BytesIO()
            np.save(buf, arr)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, buf.getvalue())


def vector_index(words: list[str]) -> F.Clusters:
    """Word -> its row in the vectors (a hash table like the clusters')."""
    return F.Clusters({w: (i,) for i, w in enumerate(words)})


def vector_row(index: F.Clusters, w: str) -> tuple[int, str]:
    """(row of the word's vector, else of its stem's, else -1; which of the three)."""
    r = index.get(w)
    if r is not None:
        return r[0], "own"
    r = index.get(F.lexical(w)[1])
    if r is not None:
        return r[0], "stem"
    return -1, "none"


def word_feature_strings(w: str, total: int, in_names: int, vec: str) -> tuple[str, ...]:
    """The features of a word as the network reads them: the CRF's word and count features, and
    where its vector came from."""
    return F.word_features(w) + F.vocab_features(w, total, in_names) + ("vec=" + vec,)


#: the characters of a word the char CNN reads (the rest of a longer word is left out)
MAX_CHARS = 20


def char_ids(index: dict[str, int], w: str) -> list[int]:
    """A word's character numbers (1 for a character not seen in training; 0 is padding)."""
    return [index.get(ch, 1) for ch in w[:MAX_CHARS]] or [1]


def pad_chars(rows: list[list[int]]) -> np.ndarray:
    out = np.zeros((len(rows), max(map(len, rows))), dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


#: distinct words whose input projections are kept (emptied when full)
WORD_CACHE = 200_000


class Net(F.WordRows):
    """The weights of a trained network and the per-word cache of its input projections."""

    def __init__(self, weights: dict[str, np.ndarray], vectors: np.ndarray, index: F.Clusters):
        super().__init__()
        self.labels = [str(x) for x in weights["labels"]]
        self.trans = weights["trans"].astype(np.float64)
        self.feat_index = {str(f): i for i, f in enumerate(weights["features"])}
        self.feat_emb = weights["feat_emb"].astype(np.float32)
        self.w_ih = np.concatenate([weights["w_ih_f"], weights["w_ih_b"]]).astype(np.float32)  # (8H, D)
        self.b = np.concatenate([weights["b_f"], weights["b_b"]]).astype(np.float32)
        self.w_hh = (weights["w_hh_f"].astype(np.float32), weights["w_hh_b"].astype(np.float32))  # (4H, H)
        self.w_out = weights["w_out"].astype(np.float32)  # (L, 2H)
        self.b_out = weights["b_out"].astype(np.float32)
        self.hidden = self.w_hh[0].shape[1]
        self.char_index = {str(c): i for i, c in enumerate(weights["chars"])} if "chars" in weights else None
        if self.char_index is not None:
            self.char_emb = weights["char_emb"].astype(np.float32)
            self.char_emb[0] = 0.0
            self.conv_w = weights["conv_w"].astype(np.float32)  # (filters, char_dim, 3)
            self.conv_b = weights["conv_b"].astype(np.float32)
        self.vectors = vectors  # float32 (n_words + 1, V): the last row is the zero vector
        self.index = index
        self.proj = np.zeros((0, self.w_ih.shape[0]), dtype=np.float32)

    def word_input(self, w: str, total: int, in_names: int) -> np.ndarray:
        """The network's input vector for one word (vector, then the summed feature embeddings)."""
        row, how = vector_row(self.index, w)
        get = self.feat_index.get
        ids = [k for k in (get(f) for f in word_feature_strings(w, total, in_names, how)) if k is not None]
        feats = self.feat_emb[ids].sum(axis=0) if ids else np.zeros(self.feat_emb.shape[1], dtype=np.float32)
        return np.concatenate([self.vectors[row], feats])

    def char_features(self, words: list[str]) -> np.ndarray:
        """The char CNN's output for each word: a width-3 convolution over its characters (zero
        beyond both ends), the maximum over its positions."""
        ids = pad_chars([char_ids(self.char_index, w) for w in words])
        e = self.char_emb[ids]  # (n, L, C)
        n, length, dim = e.shape
        padded = np.zeros((n, length + 2, dim), dtype=np.float32)
        padded[:, 1:-1] = e
        out = self.conv_b + sum(padded[:, k:k + length] @ self.conv_w[:, :, k].T for k in range(3))
        out[ids == 0] = -1e4
        return out.max(axis=1)

    def _learn(self, words: list[str]) -> None:
        vocab = F.vocab()
        x = np.stack([self.word_input(w, *vocab.get(w, (0, 0))) for w in words])
        if self.char_index is not None:
            x = np.concatenate([x, self.char_features(words)], axis=1)
        p = x @ self.w_ih.T + self.b
        start = len(self.row_of)
        need = start + len(words)
        if need > len(self.proj):
            grown = np.zeros((max(need, 2 * len(self.proj), 1024), self.proj.shape[1]), dtype=np.float32)
            grown[:start] = self.proj[:start]
            self.proj = grown
        self.proj[start:need] = p
        for k, w in enumerate(words, start):
            self.row_of[w] = k

    def lookup(self, flat: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(row of each word in the projections, the projections)."""
        with self.lock:
            return self.rows(flat, WORD_CACHE), self.proj

    def _run(self, x: np.ndarray, active: np.ndarray, w_hh: np.ndarray) -> np.ndarray:
        """One LSTM direction over left-aligned padded inputs (B, T, 4H) of sentences sorted longest
        first: the hidden states. At step t only the ``active[t]`` sentences still running are
        computed, so padding costs nothing."""
        n, steps, _ = x.shape
        h_size = self.hidden
        h = np.zeros((n, h_size), dtype=np.float32)
        c = np.zeros((n, h_size), dtype=np.float32)
        out = np.zeros((n, steps, h_size), dtype=np.float32)
        wt = np.ascontiguousarray(w_hh.T)
        for t in range(steps):
            k = int(active[t])
            g = x[:k, t] + h[:k] @ wt
            i = _sigmoid(g[:, :h_size])
            f = _sigmoid(g[:, h_size:2 * h_size])
            cand = np.tanh(g[:, 2 * h_size:3 * h_size])
            o = _sigmoid(g[:, 3 * h_size:])
            c[:k] = f * c[:k] + i * cand
            h[:k] = o * np.tanh(c[:k])
            out[:k, t] = h[:k]
        return out

    def emissions(self, sents: list[list[str]]) -> np.ndarray:
        """The label scores of every token of these sentences (flat, sentence after sentence)."""
        flat = [w for ws in sents for w in ws]
        ids, proj = self.lookup(flat)
        lens = np.array([len(ws) for ws in sents], dtype=np.int64)
        n, steps = len(sents), int(lens.max())
        rank = np.empty(n, dtype=np.int64)  # each sentence's row: longest first
        rank[np.argsort(-lens, kind="stable")] = np.arange(n)
        active = (lens[None, :] > np.arange(steps)[:, None]).sum(axis=1)
        starts = np.cumsum(lens) - lens
        pos = np.arange(len(flat)) - np.repeat(starts, lens)
        row = np.repeat(rank, lens)
        four = 4 * self.hidden
        xf = np.zeros((n, steps, four), dtype=np.float32)
        xb = np.zeros((n, steps, four), dtype=np.float32)
        p = proj[ids]
        xf[row, pos] = p[:, :four]
        rev = np.repeat(lens, lens) - 1 - pos  # the backward direction reads each sentence from its end
        xb[row, rev] = p[:, four:]
        hf = self._run(xf, active, self.w_hh[0])[row, pos]
        hb = self._run(xb, active, self.w_hh[1])[row, rev]
        return (np.concatenate([hf, hb], axis=1) @ self.w_out.T + self.b_out).astype(np.float64)


def cluster_words(path: Path) -> list[str]:
    """The words of the clusters file (``word_clusters.tsv.gz``) in their order: the rows of the vectors."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [line.split("\t", 1)[0] for line in fh]


def vector_table(path: Path) -> np.ndarray:
    """The vectors of ``word_vectors.npz`` as float32, with a zero row last (the row of a word without one)."""
    q, scale = read_vectors(path)
    return np.vstack([q.astype(np.float32) * scale[:, None], np.zeros((1, q.shape[1]), dtype=np.float32)])


def load(path: Path, vectors_path: Path, words: list[str]) -> Net:
    """The network of ``path`` with the word vectors of ``vectors_path`` (rows for ``words``)."""
    with np.load(path, allow_pickle=False) as z:
        weights = {k: z[k] for k in z.files}
    return Net(weights, vector_table(vectors_path), vector_index(words))

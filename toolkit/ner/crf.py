"""Decoding a linear-chain CRF trained by python-crfsuite, in numpy, a document at a time.

python-crfsuite trains the model (``scripts/train_ner.py``); tagging with its ``Tagger`` costs a
string look-up per feature per token and a Python call per marginal, which made the name tagger
60 to 90 times slower than a bare lexicon scan. Here the model's weights are a matrix (one row
per attribute, one column per label) and a word's contribution to the label scores is summed
once per distinct word and kept, so a document costs a few dictionary look-ups per token and
one vectorised Viterbi and forward-backward pass over all its sentences at once.

The labels and marginals are those of crfsuite's own tagger (``tests/test_ner.py`` checks it on
real sentences): crfsuite's chain has no start or end transitions, so a sentence boundary is a
step with no transition, and the sentences of a document can be packed end to end into a few
parallel lanes of about the longest sentence's length.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Model:
    """A CRF's weights: ``labels``, ``index`` (attribute -> row of ``weights``; the last row is zero
    for attributes the model does not know) and ``trans`` (from label, to label)."""

    labels: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray
    trans: np.ndarray

    def scores(self, attrs) -> np.ndarray:
        """The summed weights of ``attrs`` for every label (unknown attributes add nothing)."""
        get, unknown = self.index.get, len(self.weights) - 1
        rows = [get(a, unknown) for a in attrs]
        return self.weights[rows].sum(axis=0)

    def row(self, attr: str) -> int:
        """The row of one attribute (the zero row when unknown)."""
        return self.index.get(attr, len(self.weights) - 1)

    def save(self, path: str | Path) -> None:
        """An ``.npz`` file: labels, attributes (UTF-8, one a line), weights and transitions."""
        attrs = sorted(self.index, key=self.index.__getitem__)
        blob = np.frombuffer("\n".join(attrs).encode("utf-8"), dtype=np.uint8)
        np.savez_compressed(path, labels=np.array(self.labels), attrs=blob,
                            weights=self.weights[:-1].astype(np.float32), trans=self.trans.astype(np.float32))

    @classmethod
    def load(cls, path: str | Path) -> Model:
        with np.load(path, allow_pickle=False) as z:
            labels = tuple(str(x) for x in z["labels"])
            blob = z["attrs"].tobytes().decode("utf-8")
            weights = z["weights"].astype(np.float64)
            trans = z["trans"].astype(np.float64)
        attrs = blob.split("\n") if blob else []
        if len(attrs) != len(weights):
            raise ValueError(f"{Path(path).name}: {len(attrs)} attributes for {len(weights)} weight rows")
        weights = np.vstack([weights, np.zeros((1, len(labels)))])
        return cls(labels, {a: i for i, a in enumerate(attrs)}, weights, trans)

    @classmethod
    def from_crfsuite(cls, path: str | Path) -> Model:
        """Read a model file written by python-crfsuite (its non-zero state and transition weights)."""
        import pycrfsuite

        t = pycrfsuite.Tagger()
        t.open(str(path))
        info = t.info()
        labels = tuple(t.labels())
        lab = {y: k for k, y in enumerate(labels)}
        attrs = sorted({a for a, _ in info.state_features})
        index = {a: i for i, a in enumerate(attrs)}
        weights = np.zeros((len(attrs) + 1, len(labels)))
        for (a, y), w in info.state_features.items():
            weights[index[a], lab[y]] = w
        trans = np.zeros((len(labels), len(labels)))
        for (y0, y1), w in info.transitions.items():
            trans[lab[y0], lab[y1]] = w
        t.close()
        return cls(labels, index, weights, trans)


def lanes(lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Sentences of these lengths packed end to end into parallel lanes: as many lanes as the
    longest sentence's length needs to hold all tokens, each sentence (longest first) into the
    least filled lane. Returns ``pos`` (lanes x steps: the flat token index at each step, -1 for
    padding) and ``start`` (True where a sentence or the padding begins: no transition into it)."""
    n = np.asarray(lengths, dtype=np.int64)
    total = int(n.sum())
    k = max(1, -(-total // int(n.max())))
    heap = [(0, lane) for lane in range(k)]
    lane_of = np.empty(len(n), dtype=np.int64)
    at_of = np.empty(len(n), dtype=np.int64)
    for s in np.argsort(-n, kind="stable").tolist():
        used, lane = heap[0]
        lane_of[s], at_of[s] = lane, used
        heapq.heapreplace(heap, (used + int(n[s]), lane))
    width = max(used for used, _ in heap)
    offsets = np.cumsum(n) - n
    owner = np.repeat(np.arange(len(n)), n)
    r = np.arange(total) - offsets[owner]
    rows, cols = lane_of[owner], at_of[owner] + r
    pos = np.full((k, width), -1, dtype=np.int64)
    start = np.ones((k, width), dtype=bool)
    pos[rows, cols] = np.arange(total)
    start[rows, cols] = r == 0
    return pos, start


def _layout(emit: np.ndarray, lengths: list[int]):
    """The document's tokens in lanes: (pos, real, emissions by step, 1.0 where a transition leads in)."""
    pos, start = lanes(lengths)
    n_lanes, steps = pos.shape
    e = np.zeros((steps, n_lanes, emit.shape[1]))
    real = (pos >= 0).T
    flat = pos.T[real]
    e[real] = emit[flat]
    cont = (~start).T.astype(np.float64)[:, :, None]  # (steps, lanes, 1)
    return flat, real, e, cont


def viterbi(emit: np.ndarray, lengths: list[int], trans: np.ndarray) -> np.ndarray:
    """The Viterbi labels (flat token order) of every sentence.

    ``emit`` holds the state scores of all tokens of the document, sentence after sentence
    (``lengths``); ``trans`` the transition weights (from, to).
    """
    total, n_lab = emit.shape
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    flat, real, e, cont = _layout(emit, lengths)
    steps, n_lanes = e.shape[:2]
    # over (to, from) pairs; the transition weights into a sentence start are all zero, so every
    # label there points back to the previous sentence's best final label
    into = trans.T[None, None] * cont[:, :, :, None]
    back = np.empty((steps, n_lanes, n_lab), dtype=np.int64)
    score = e[0].copy()
    for t in range(1, steps):
        cand = into[t] + score[:, None, :]
        back[t] = cand.argmax(axis=2)
        score = cand.max(axis=2)
        score += e[t]
    path = np.empty((steps, n_lanes), dtype=np.int64)
    path[-1] = score.argmax(axis=1)
    rows = np.arange(n_lanes)
    for t in range(steps - 1, 0, -1):
        path[t - 1] = back[t, rows, path[t]]
    labels = np.zeros(total, dtype=np.int64)
    labels[flat] = path[real]
    return labels


def marginals(emit: np.ndarray, lengths: list[int], trans: np.ndarray) -> np.ndarray:
    """Each token's label marginals (flat token order), by forward-backward.

    Each step's vector has its own scale (rescaled every few steps), which the normalisation of
    the marginals takes out. Into a sentence start the transition is all ones.
    """
    total, n_lab = emit.shape
    if total == 0:
        return np.zeros((0, n_lab))
    flat, real, e, cont = _layout(emit, lengths)
    steps, n_lanes = e.shape[:2]
    pe = np.exp(e - e.max(axis=2, keepdims=True))
    et = np.exp(trans)
    stop = 1.0 - cont
    pe_in, pe_start = pe * cont, pe * stop
    alpha = np.empty_like(pe)
    a = pe[0]
    alpha[0] = a
    for t in range(1, steps):
        a = (a @ et) * pe_in[t]
        a += pe_start[t]
        if not t % RESCALE:
            a /= a.sum(axis=1, keepdims=True)
        alpha[t] = a
    beta = np.empty_like(pe)
    b = np.ones((n_lanes, n_lab))
    beta[-1] = b
    et_t = et.T
    for t in range(steps - 1, 0, -1):
        b = ((pe[t] * b) @ et_t) * cont[t]
        b += stop[t]
        if not t % RESCALE:
            b /= b.sum(axis=1, keepdims=True)
        beta[t - 1] = b
    m = alpha * beta
    m /= m.sum(axis=2, keepdims=True)
    out = np.zeros((total, n_lab))
    out[flat] = m[real]
    return out


def decode(emit: np.ndarray, lengths: list[int], trans: np.ndarray, *,
           marginals: bool = True) -> tuple[np.ndarray, np.ndarray | None]:
    """Viterbi labels (flat token order) of every sentence, and (``marginals``) each token's label
    marginals: :func:`viterbi` and :func:`marginals` in one call."""
    labels = viterbi(emit, lengths, trans)
    return labels, (_marginals(emit, lengths, trans) if marginals else None)


_marginals = marginals


#: forward and backward vectors are rescaled every this many steps (each step multiplies them by
#: at most the number of labels times the largest exp(transition), shrinks them by at least the
#: smallest: eight steps stay far inside the range of a float)
RESCALE = 8

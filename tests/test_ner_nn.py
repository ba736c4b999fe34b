"""The neural name tagger's numpy forward pass (toolkit/ner/nn.py), against plain reference code.

The network is trained with PyTorch (scripts/train_ner_nn.py checks after training that the numpy
pass gives PyTorch's emissions); these tests need no PyTorch: they build small networks with random
weights and compare the batched, cached numpy pass with a step-by-step reference written from the
LSTM's and the convolution's definitions.
"""
from __future__ import annotations

import gzip

import numpy as np
import pytest

from toolkit.ner import features as F
from toolkit.ner import nn as N
from toolkit.ner import tagger

H, V, FD, CD, CF = 5, 4, 3, 2, 6
LABELS = ["O", "B-PER", "I-PER"]
WORDS = ["محمد", "علي", "قال", "في", "الرياض", "وزير"]


def _weights(rng, *, chars: bool) -> dict[str, np.ndarray]:
    d = V + FD + (CF if chars else 0)
    w = {
        "labels": np.array(LABELS), "features": np.array(["b", "sh=ar", "vec=own", "vec=none", "len=3"]),
        "trans": rng.normal(size=(3, 3)).astype(np.float32), "feat_emb": rng.normal(size=(5, FD)).astype(np.float32),
        "w_ih_f": rng.normal(size=(4 * H, d)).astype(np.float32),
        "w_hh_f": rng.normal(size=(4 * H, H)).astype(np.float32), "b_f": rng.normal(size=4 * H).astype(np.float32),
        "w_ih_b": rng.normal(size=(4 * H, d)).astype(np.float32),
        "w_hh_b": rng.normal(size=(4 * H, H)).astype(np.float32), "b_b": rng.normal(size=4 * H).astype(np.float32),
        "w_out": rng.normal(size=(3, 2 * H)).astype(np.float32), "b_out": rng.normal(size=3).astype(np.float32),
    }
    if chars:
        w.update(chars=np.array(["", "?", "م", "ح", "د", "ع", "ل", "ي"]),
                 char_emb=rng.normal(size=(8, CD)).astype(np.float32),
                 conv_w=rng.normal(size=(CF, CD, 3)).astype(np.float32),
                 conv_b=rng.normal(size=CF).astype(np.float32))
    return w


def _net(chars: bool) -> N.Net:
    rng = np.random.default_rng(7)
    vectors = np.vstack([rng.normal(size=(4, V)), np.zeros((1, V))]).astype(np.float32)
    return N.Net(_weights(rng, chars=chars), vectors, N.vector_index(WORDS[:4]))


def _sig(x):
    return 1 / (1 + np.exp(-x))


def _reference(net: N.Net, words: list[str]) -> np.ndarray:
    """One sentence, step by step from the LSTM's definition (gates i, f, g, o as PyTorch orders them)."""
    vocab = F.vocab()
    x = [net.word_input(w, *vocab.get(w, (0, 0))) for w in words]
    if net.char_index is not None:
        x = [np.concatenate([xi, _ref_chars(net, w)]) for xi, w in zip(x, words)]
    d4 = 4 * H

    def run(seq, w_ih, w_hh, b):
        h, c, out = np.zeros(H), np.zeros(H), []
        for xt in seq:
            g = w_ih @ xt + w_hh @ h + b
            i, f, cand, o = _sig(g[:H]), _sig(g[H:2 * H]), np.tanh(g[2 * H:3 * H]), _sig(g[3 * H:])
            c = f * c + i * cand
            h = o * np.tanh(c)
            out.append(h)
        return out

    fwd = run(x, net.w_ih[:d4], net.w_hh[0], net.b[:d4])
    bwd = run(x[::-1], net.w_ih[d4:], net.w_hh[1], net.b[d4:])[::-1]
    return np.array([net.w_out @ np.concatenate([a, b]) + net.b_out for a, b in zip(fwd, bwd)])


def _ref_chars(net: N.Net, w: str) -> np.ndarray:
    ids = N.char_ids(net.char_index, w)
    e = [np.zeros(CD)] + [net.char_emb[i] for i in ids] + [np.zeros(CD)]
    outs = []
    for t in range(len(ids)):
        outs.append(net.conv_b + sum(net.conv_w[:, :, k] @ e[t + k] for k in range(3)))
    return np.max(outs, axis=0)


@pytest.mark.parametrize("chars", [False, True], ids=["no-chars", "char-cnn"])
def test_batched_forward_pass_equals_the_step_by_step_reference(chars):
    net = _net(chars)
    sents = [WORDS, WORDS[2:4], ["وزير"], WORDS[::-1] + ["كلمة", "جديدة"]]
    got = net.emissions(sents)
    want = np.concatenate([_reference(net, ws) for ws in sents])
    assert got.shape == (sum(map(len, sents)), 3)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)
    # a sentence's scores do not depend on the batch it is in (padding, the backward direction's start)
    np.testing.assert_allclose(net.emissions([WORDS[2:4]]), got[len(WORDS):len(WORDS) + 2], rtol=1e-5, atol=1e-5)


def test_word_inputs_are_cached_and_the_cache_empties_when_full(monkeypatch):
    net = _net(True)
    first = net.emissions([WORDS])
    assert set(net.row_of) == set(WORDS)
    monkeypatch.setattr(N, "WORD_CACHE", 3)
    again = net.emissions([WORDS])
    np.testing.assert_allclose(first, again, rtol=1e-6)


def test_a_word_without_vector_takes_its_stems_then_none():
    index = N.vector_index(["روسيا", "الرياض"])
    assert N.vector_row(index, "روسيا") == (0, "own")
    assert N.vector_row(index, "وروسيا") == (0, "stem")
    assert N.vector_row(index, "كلمةجديدة") == (-1, "none")


def _clear():
    for f in (tagger._net, tagger.nn_meta):
        f.cache_clear()
    tagger.clear_cache()


def test_a_trained_network_joins_the_crf(tmp_path, monkeypatch):
    """A network in the model folder joins the CRF: its labels mapped onto the CRF's whatever their
    order, its scores added to the CRF's (a network that scores B-PER far above the rest turns the
    words the CRF reads as O into B-PER, but for the words the tagger cuts), and the version and
    rule say so. The toolkit ships no network (toolkit/ner/models/README.md says why): without
    the files the CRF tags alone."""
    import json

    import toolkit.ner as ner

    assert tagger.nn_meta() is None and tagger._net() is None and "+nn" not in ner.rule()
    words = "قال المسؤول ان الاجتماع كان مثمرا".split()
    alone = tagger.tag_words(words)
    crf_labels = list(tagger._scorer().model.labels)
    labels = sorted(crf_labels, reverse=True)  # another order than the CRF's
    rng = np.random.default_rng(3)
    w = _weights(rng, chars=False)
    n_lab = len(labels)
    w.update(labels=np.array(labels), trans=np.zeros((n_lab, n_lab), dtype=np.float32),
             w_out=np.zeros((n_lab, 2 * H), dtype=np.float32), b_out=np.zeros(n_lab, dtype=np.float32))
    w["b_out"][labels.index("B-PER")] = 1000.0
    np.savez(tmp_path / "ner-nn.npz", **w)
    (tmp_path / "ner-nn.json").write_text(json.dumps({"name": "ner-nn", "version": "0.test"}), encoding="utf-8")
    with gzip.open(tagger.CLUSTERS_FILE, "rt", encoding="utf-8") as fh:
        n_words = sum(1 for _ in fh)
    N.write_vectors(tmp_path / "word_vectors.npz", rng.normal(size=(n_words, V)).astype(np.float32))
    monkeypatch.setattr(tagger, "NN_FILE", tmp_path / "ner-nn.npz")
    monkeypatch.setattr(tagger, "VECTORS_FILE", tmp_path / "word_vectors.npz")
    _clear()
    try:
        net, perm, trans = tagger._net()
        assert [net.labels[k] for k in perm] == crf_labels and trans.shape == (n_lab, n_lab)
        assert tagger.version() == tagger.meta()["version"] + "+nn0.test"
        assert ner.rule() == f"model:ner-newsfane@{tagger.meta()['version']}+nn0.test"
        both = tagger.tag_words(words)
        cut = {w for w in words if tagger._cut(w)}
        assert [lab for w, (lab, _) in zip(words, both) if w not in cut] == ["B-PER"] * (len(words) - len(cut))
        assert [lab for w, (lab, _) in zip(words, both) if w in cut] == ["O"] * len(cut)
        assert alone != both
    finally:
        monkeypatch.undo()
        _clear()
    assert tagger._net() is None and tagger.tag_words(words) == alone


def test_vectors_round_trip_within_the_int8_step(tmp_path):
    rng = np.random.default_rng(1)
    v = rng.normal(size=(50, 8)).astype(np.float32)
    N.write_vectors(tmp_path / "v.npz", v)
    q, scale = N.read_vectors(tmp_path / "v.npz")
    assert q.dtype == np.int8 and q.shape == v.shape
    err = np.abs(q * scale[:, None] - v)
    assert (err <= scale[:, None] / 2 + 1e-6).all()
    first = (tmp_path / "v.npz").read_bytes()
    N.write_vectors(tmp_path / "v.npz", v)
    assert (tmp_path / "v.npz").read_bytes() == first  # no time stamp

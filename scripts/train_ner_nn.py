#!/usr/bin/env python3
"""Train the neural name tagger (a BiLSTM-CRF) on NewsFANE Gold, with PyTorch on the CPU.

    pip install -e ".[train]"        # PyTorch and gensim; the toolkit itself needs neither
    python scripts/train_word_clusters.py            # writes word_vectors.npz too
    python scripts/train_ner_nn.py --part train --out /tmp/ner-nn-dev.npz   # tune: dev figures
    python scripts/train_ner_nn.py                   # train + dev, into toolkit/ner/models/

The toolkit ships no network (toolkit/ner/models/README.md has the figures that decided it); once
``ner-nn.npz`` is in toolkit/ner/models/ with ``word_vectors.npz``, the tagger adds its scores to
the CRF's. The network (toolkit/ner/nn.py runs it in numpy): each word's input is its skip-gram
vector from raw news (frozen), the sum of learnt embeddings of its CRF word features but those of
``--drop-features`` (by default the word, its stem and their affixes: with them the network learnt
the training text's names and lost persons on unseen text), and a character CNN; a bidirectional
LSTM reads the sentence; a linear layer gives each label's score and a linear-chain CRF (no start
or end weights, as toolkit.ner.crf decodes) is trained on the labels of the CRF model
(``--level``). Split, labels and corpus are the CRF's (scripts/train_ner.py). With ``--part
train`` the figures printed are coarse exact-span F1 on dev by the numpy decoder, sentence by
sentence, without cuts or propagation (the measure of ``train_ner.py --cv``). After training, the
numpy forward pass is checked against PyTorch's on 32 sentences.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from importlib.metadata import version as pkg_version
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from toolkit.ner import crf, split, tagger  # noqa: E402
from toolkit.ner import features as F  # noqa: E402
from toolkit.ner import nn as N  # noqa: E402
import train_ner as T  # noqa: E402

VERSION = "1.0"
PARAMS = {"char_dim": 32, "char_filters": 64, "feat_dim": 64, "hidden": 128,
          "dropout": 0.5, "lr": 0.002, "epochs": 25, "batch": 16,
          "min_feature_count": 2, "clip": 5.0, "seed": 1}


#: feature prefixes left out of the network's input (see --drop-features)
DROP_FEATURES = ("w=", "s=", "pf2=", "pf3=", "pf4=", "sf1=", "sf2=", "sf3=", "sf4=", "wpf2=", "wsf2=")


def encode(sentences, index, level: str, *, minus: bool):
    """Per sentence: (vector rows, feature strings per token, labels, words)."""
    vocab = F.vocab()
    out = []
    for s in sentences:
        ws = T.words_of(s)
        own = T.sentence_counts(s) if minus else {}
        rows, feats = [], []
        for w in ws:
            row, how = N.vector_row(index, w)
            total, in_names = vocab.get(w, (0, 0))
            mt, mn = own.get(w, (0, 0))
            rows.append(row)
            feats.append(N.word_feature_strings(w, total - mt, in_names - mn, how))
        out.append((rows, feats, [tagger.training_label(t, level) for t in s.tags], ws))
    return out


def build_model(torch, vectors: np.ndarray, n_feat: int, n_chars: int, n_lab: int, p: dict):
    nn = torch.nn

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.vec = nn.Embedding.from_pretrained(torch.tensor(vectors), freeze=True)
            self.feat = nn.EmbeddingBag(n_feat, p["feat_dim"], mode="sum")
            nn.init.normal_(self.feat.weight, std=0.05)
            self.chars = nn.Embedding(n_chars, p["char_dim"], padding_idx=0) if p["char_filters"] else None
            self.conv = (nn.Conv1d(p["char_dim"], p["char_filters"], 3, padding=1) if p["char_filters"] else None)
            self.drop = nn.Dropout(p["dropout"])
            self.lstm = nn.LSTM(vectors.shape[1] + p["feat_dim"] + p["char_filters"], p["hidden"], batch_first=True,
                                bidirectional=True)
            self.out = nn.Linear(2 * p["hidden"], n_lab)
            self.trans = nn.Parameter(torch.zeros(n_lab, n_lab))

        def forward(self, rows, flat, offsets, lens, mask, chars):
            b, t = rows.shape
            f = self.feat(flat, offsets)
            if self.conv is not None:  # a char CNN, max over the word's positions
                c = self.conv(self.chars(chars).transpose(1, 2))
                c = c.masked_fill((chars == 0).unsqueeze(1), -1e4).max(dim=2).values
                f = torch.cat([f, c], dim=1)
            fpad = torch.zeros(b, t, f.shape[1])
            fpad[mask] = f
            x = self.drop(torch.cat([self.vec(rows), fpad], dim=-1))
            packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
            return self.out(self.drop(h))

    return Tagger()


def crf_nll(torch, em, tags, mask, trans):
    """The negative log-likelihood of the gold labels, summed over the batch (no start/end weights)."""
    score = em[:, 0].gather(1, tags[:, :1]).squeeze(1)
    alpha = em[:, 0]
    for t in range(1, em.shape[1]):
        m = mask[:, t]
        e = em[:, t]
        step = trans[tags[:, t - 1], tags[:, t]] + e.gather(1, tags[:, t:t + 1]).squeeze(1)
        score = score + torch.where(m, step, torch.zeros_like(step))
        nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + e
        alpha = torch.where(m.unsqueeze(1), nxt, alpha)
    return (torch.logsumexp(alpha, dim=1) - score).sum()


def batch_tensors(torch, batch, feat_index, lab_index, zero_row: int, char_index: dict):
    lens = [len(r) for r, _, _, _ in batch]
    b, t = len(batch), max(lens)
    rows = torch.full((b, t), zero_row, dtype=torch.long)
    tags = torch.zeros((b, t), dtype=torch.long)
    mask = torch.zeros((b, t), dtype=torch.bool)
    flat, offsets, chars = [], [], []
    for i, (r, fs, ys, ws) in enumerate(batch):
        chars.extend(N.char_ids(char_index, w) for w in ws)
        rows[i, :len(r)] = torch.tensor([x if x >= 0 else zero_row for x in r])
        tags[i, :len(ys)] = torch.tensor([lab_index[y] for y in ys])
        mask[i, :len(r)] = True
        for f in fs:
            offsets.append(len(flat))
            flat.extend(k for k in (feat_index.get(x) for x in f) if k is not None)
    return (rows, torch.tensor(flat, dtype=torch.long), torch.tensor(offsets, dtype=torch.long),
            torch.tensor(lens), mask, tags, torch.tensor(N.pad_chars(chars), dtype=torch.long))


def export(model, labels: list[str], features: list[str], chars: list[str]) -> dict[str, np.ndarray]:
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    extra = {}
    if "conv.weight" in sd:
        extra = {"chars": np.array(chars), "char_emb": sd["chars.weight"], "conv_w": sd["conv.weight"],
                 "conv_b": sd["conv.bias"]}
    return {
        **extra,
        "labels": np.array(labels), "features": np.array(features),
        "trans": sd["trans"].astype(np.float32), "feat_emb": sd["feat.weight"].astype(np.float32),
        "w_ih_f": sd["lstm.weight_ih_l0"], "w_hh_f": sd["lstm.weight_hh_l0"],
        "b_f": sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
        "w_ih_b": sd["lstm.weight_ih_l0_reverse"], "w_hh_b": sd["lstm.weight_hh_l0_reverse"],
        "b_b": sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
        "w_out": sd["out.weight"], "b_out": sd["out.bias"],
    }


def check_export(torch, model, net: N.Net, enc, feat_index, lab_index, zero_row, char_index) -> float:
    """The largest difference between PyTorch's and numpy's emissions on some training sentences
    (the numpy forward pass must be the same function)."""
    batch = enc[:32]
    rows, flat, offsets, lens, mask, _, ch = batch_tensors(torch, batch, feat_index, lab_index, zero_row, char_index)
    with torch.no_grad():
        want = model(rows, flat, offsets, lens, mask, ch)[mask].numpy()
    got = net.emissions([ws for _, _, _, ws in batch])
    return float(np.abs(want - got).max())


def evaluate(net: N.Net, sentences) -> list[str]:
    """Coarse exact-span P/R/F1 of the numpy network's Viterbi labels (no cuts, no propagation)."""
    score = T.SpanScore()
    for k in range(0, len(sentences), 64):
        chunk = sentences[k:k + 64]
        words = [T.words_of(s) for s in chunk]
        got = crf.viterbi(net.emissions(words), [len(w) for w in words], net.trans)
        at = 0
        for s, ws in zip(chunk, words):
            score.add(s, [net.labels[y] for y in got[at:at + len(ws)]])
            at += len(ws)
    return score.lines()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus")
    ap.add_argument("--part", default="final", choices=("train", "final"))
    ap.add_argument("--out", help="the weights, with their .json beside (default: toolkit/ner/models/ner-nn.npz)")
    ap.add_argument("--vectors", default=str(tagger.VECTORS_FILE))
    ap.add_argument("--level", default=T.LEVEL, choices=tagger.LEVELS)
    ap.add_argument("--eval-every", type=int, default=5)
    ap.add_argument("--drop-features", default=",".join(DROP_FEATURES),
                    help="comma-separated prefixes of the CRF features the network does not read")
    for k, v in PARAMS.items():
        ap.add_argument("--" + k.replace("_", "-"), type=type(v), default=v)
    a = ap.parse_args(argv)
    p = {k: getattr(a, k) for k in PARAMS}
    import torch

    torch.manual_seed(p["seed"])
    random.seed(p["seed"])
    torch.set_num_threads(1)
    F.set_clusters(F.read_clusters(tagger.CLUSTERS_FILE))
    F.set_contexts(F.read_contexts(tagger.CONTEXTS_FILE))
    parts = split.load(split.corpus_path(a.corpus))
    data = parts[a.part]
    F.set_vocab(T.vocabulary(data))
    index = N.vector_index(N.cluster_words(tagger.CLUSTERS_FILE))
    vectors = N.vector_table(Path(a.vectors))
    enc = encode(data, index, a.level, minus=True)
    counts = Counter(f for _, fs, _, _ in enc for tok in fs for f in set(tok))
    char_counts = Counter(ch for s in data for w in T.words_of(s) for ch in w)
    chars = ["", "?"] + sorted(ch for ch, n in char_counts.items() if n >= 2)  # 0: padding, 1: unknown
    char_index = {ch: i for i, ch in enumerate(chars)}
    drop = tuple(x for x in a.drop_features.split(",") if x)
    features = sorted(f for f, n in counts.items() if n >= p["min_feature_count"] and not f.startswith(drop))
    feat_index = {f: i for i, f in enumerate(features)}
    labels = sorted({y for _, _, ys, _ in enc for y in ys}, key=lambda y: (y != "O", y[2:], y))
    lab_index = {y: i for i, y in enumerate(labels)}
    print(f"{len(enc)} sentences, {len(features)} features, {len(labels)} labels, vectors {vectors.shape}")
    model = build_model(torch, vectors, len(features), len(chars), len(labels), p)
    opt = torch.optim.Adam([x for x in model.parameters() if x.requires_grad], lr=p["lr"])
    zero_row = len(vectors) - 1
    dev = parts["dev"] if a.part == "train" else None
    t0 = time.time()
    for epoch in range(1, p["epochs"] + 1):
        model.train()
        order = list(range(len(enc)))
        random.shuffle(order)
        total = 0.0
        for k in range(0, len(order), p["batch"]):
            batch = [enc[i] for i in order[k:k + p["batch"]]]
            rows, flat, offsets, lens, mask, tags, ch = batch_tensors(torch, batch, feat_index, lab_index, zero_row,
                                                                      char_index)
            em = model(rows, flat, offsets, lens, mask, ch)
            loss = crf_nll(torch, em, tags, mask, model.trans)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), p["clip"])
            opt.step()
            total += float(loss.detach())
        print(f"epoch {epoch}: loss {total / len(enc):.3f} ({time.time() - t0:.0f} s)", flush=True)
        if dev is not None and (epoch % a.eval_every == 0 or epoch == p["epochs"]):
            model.eval()
            net = N.Net(export(model, labels, features, chars), vectors, index)
            print("\n".join(evaluate(net, dev)), flush=True)
    model.eval()
    # the check's sentences with the counts a tagged text gets (none taken off), as numpy reads them
    diff = check_export(torch, model, N.Net(export(model, labels, features, chars), vectors, index),
                        encode(data[:32], index, a.level, minus=False), feat_index, lab_index, zero_row, char_index)
    print(f"numpy forward pass against PyTorch's: largest difference {diff:.2e}")
    if diff > 1e-3:
        print("the numpy forward pass differs from PyTorch's", file=sys.stderr)
        return 1
    out = Path(a.out) if a.out else tagger.NN_FILE
    weights = export(model, labels, features, chars)
    np.savez_compressed(out, **{k: (v.astype(np.float16) if v.dtype == np.float32 and k != "trans" else v)
                                for k, v in weights.items()})
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f} s")
    # the metadata beside the weights (eval_ner.py --nn reads it too)
    meta = {"name": tagger.NN_NAME, "version": VERSION, "params": {**p, "max_chars": N.MAX_CHARS},
            "level": a.level, "part": a.part, "drop_features": list(drop),
            "train_sentences": len(data), "features": len(features),
            "labels": labels, "check_max_difference": diff, "library": f"torch {pkg_version('torch')}",
            "date": dt.date.today().isoformat(), "command": "python scripts/train_ner_nn.py",
            "vectors": json.loads(tagger.CLUSTERS_FILE.with_name("word_clusters.json").read_text("utf-8"))}
    out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

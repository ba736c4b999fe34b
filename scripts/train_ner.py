#!/usr/bin/env python3
"""Train the Arabic name tagger on NewsFANE Gold (reproducible: fixed split, fixed parameters).

    python scripts/train_ner.py                 # the shipped model: trained on train + dev
    python scripts/train_ner.py --part train --out /tmp/ner-dev.crfsuite   # for tuning on dev
    python scripts/train_ner.py --cv 4 [--contexts none]   # compare features: 4-fold CV over train + dev

Reads ../shared/corpora/newsfane/newsfane_gold.conll (beside the repository), re-joins the
split clitics (toolkit.ner.conll.rejoin), normalises every token as the toolkit normalises
text, and trains with python-crfsuite (L-BFGS, the parameters below):

- the CRF over the label scheme LEVEL (toolkit.ner.tagger.training_label), written as
  ``<name>.crfsuite`` and, for the numpy decoder (toolkit.ner.crf), as ``<name>.npz``;
- the fine-class classifier (a maximum-entropy model: sequences of one item) over every gold
  name of the training part, ``<name>.fine.npz``.

The files and the metadata (version, split, parameters, library version, date) go to
toolkit/ner/models/ (or beside --out).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from importlib.metadata import version as pkg_version
from pathlib import Path

import tempfile

import pycrfsuite

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit import lexicon  # noqa: E402
from toolkit.arabic import normalize_key  # noqa: E402
from toolkit.ner import features as F  # noqa: E402
from toolkit.ner import conll, crf, split, tagger  # noqa: E402

VERSION = "3.3"
#: the label scheme of the CRF (toolkit.ner.tagger.LEVELS)
LEVEL = "mixed"
PARAMS = {
    "c1": 0.05,
    "c2": 0.05,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


def words_of(s) -> list[str]:
    return [normalize_key(t) or t for t in s.tokens]


def sentence_counts(s) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = {}
    for w, tag in zip(words_of(s), s.tags):
        c = out.setdefault(w, [0, 0])
        c[0] += 1
        c[1] += tag != "O"
    return {w: (a, b) for w, (a, b) in out.items()}


def vocabulary(sentences) -> dict[str, tuple[int, int]]:
    """word -> (count, count inside names) over the training sentences."""
    out: dict[str, list[int]] = {}
    for s in sentences:
        for w, (a, b) in sentence_counts(s).items():
            c = out.setdefault(w, [0, 0])
            c[0] += a
            c[1] += b
    return {w: (a, b) for w, (a, b) in out.items()}


#: the fine-class classifier's parameters
FINE_PARAMS = {"c1": 0.0, "c2": 1.0, "max_iterations": 300}


def xy(sentences, level=LEVEL):
    for s in sentences:
        feats = F.sentence_features(words_of(s), minus=sentence_counts(s))
        yield feats, [tagger.training_label(t, level) for t in s.tags]


def train_fine(sentences, level: str, out: Path) -> int:
    """The fine-class classifier over every gold name of ``sentences``; returns the names seen."""
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for s in sentences:
        ws = words_of(s)
        for i, j, cls in conll.spans(s.tags):
            coarse = tagger.training_label("B-" + cls, level)[2:]
            trainer.append([F.span_features(ws, i, j, coarse)], [tagger.training_label("B-" + cls)[2:]])
            n += 1
    trainer.set_params(FINE_PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fine.crfsuite"
        trainer.train(str(path))
        crf.Model.from_crfsuite(path).save(out)
    return n


class SpanScore:
    """Coarse exact-span P/R/F1 of labels against a sentence's gold, pooled over sentences."""

    CLASSES = ("PER", "ORG", "GPE", "LOC", "FAC", "MISC")

    def __init__(self):
        from collections import Counter

        self.tp, self.pred, self.gold = Counter(), Counter(), Counter()

    @staticmethod
    def coarse(label: str) -> str:
        row = tagger.classes().get(label)
        return row["coarse"] if row else label

    def add(self, s, labels: list[str]) -> None:
        got = {(i, j): self.coarse(c) for i, j, c, _ in tagger.spans_of([(lab, 1.0) for lab in labels])}
        want = {(i, j): self.coarse(tagger.training_label("B-" + c)[2:]) for i, j, c in conll.spans(s.tags)}
        self.gold.update(want.values())
        self.pred.update(got.values())
        self.tp.update(c for span, c in got.items() if want.get(span) == c)

    def lines(self) -> list[str]:
        out = []
        for c in self.CLASSES:
            p, r = self.tp[c] / max(self.pred[c], 1), self.tp[c] / max(self.gold[c], 1)
            f1 = 2 * p * r / (p + r) if p + r else 0
            out.append(f"  {c:<5} P {p:.3f} R {r:.3f} F1 {f1:.3f}  gold {self.gold[c]}")
        return out


def cross_validate(data, k: int, level: str, params: dict) -> list[str]:
    """Train on k-1 of k contiguous blocks of ``data`` and tag the block left out, k times; the
    coarse exact-span F1 pooled over the k blocks (python-crfsuite's Viterbi labels, sentence by
    sentence: no cuts, no propagation, so lower than eval_ner.py's figures; for comparing features)."""
    n = len(data)
    blocks = [data[i * n // k:(i + 1) * n // k] for i in range(k)]
    score = SpanScore()
    lines = []
    for fold in range(k):
        train = [s for b, block in enumerate(blocks) if b != fold for s in block]
        F.set_vocab(vocabulary(train))
        trainer = pycrfsuite.Trainer(verbose=False)
        for x, y in xy(train, level):
            trainer.append(x, y)
        trainer.set_params(params)
        with tempfile.TemporaryDirectory() as tmp:
            path = str(Path(tmp) / "fold.crfsuite")
            trainer.train(path)
            tg = pycrfsuite.Tagger()
            tg.open(path)
            for s in blocks[fold]:
                score.add(s, tg.tag(F.sentence_features(words_of(s))))
            tg.close()
        lines.append(f"fold {fold + 1}/{k}: trained on {len(train)} sentences, tagged {len(blocks[fold])}")
    return lines + score.lines()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", help="the NewsFANE CoNLL file (default: ../shared/corpora/newsfane/...)")
    ap.add_argument("--part", default="final", choices=("train", "final"), help="train only, or train + dev (shipped)")
    ap.add_argument("--out", help="model file (default: toolkit/ner/models/ner-newsfane.crfsuite)")
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    ap.add_argument("--level", default=LEVEL, choices=tagger.LEVELS)
    ap.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--clusters", default=str(tagger.CLUSTERS_FILE),
                    help="the word clusters (scripts/train_word_clusters.py), or 'none' to train without")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="only measure: K-fold cross-validation over the part (contiguous blocks), nothing written")
    ap.add_argument("--contexts", default=str(tagger.CONTEXTS_FILE),
                    help="the word context profiles (scripts/train_word_contexts.py), or 'none' to train without")
    args = ap.parse_args(argv)
    clusters = Path(args.clusters) if args.clusters != "none" else None
    contexts = Path(args.contexts) if args.contexts != "none" else None
    if contexts is not None and not contexts.exists():
        print(f"no word context profiles at {contexts} (make them with scripts/train_word_contexts.py, "
              f"or pass --contexts none)", file=sys.stderr)
        return 2
    F.set_contexts(F.read_contexts(contexts) if contexts else F.Clusters())
    if clusters is not None and not clusters.exists():
        print(f"no word clusters at {clusters} (make them with scripts/train_word_clusters.py, "
              f"or pass --clusters none)", file=sys.stderr)
        return 2
    F.set_clusters(F.read_clusters(clusters) if clusters else F.Clusters())
    params = {**PARAMS, "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    path = split.corpus_path(args.corpus)
    if not path.exists():
        print(f"NewsFANE not found at {path}", file=sys.stderr)
        return 2
    parts = split.load(path)
    data = parts[args.part]
    if args.cv:
        print("\n".join(cross_validate(data, args.cv, args.level, params)))
        return 0
    vocab = vocabulary(data)
    F.set_vocab(vocab)
    out = Path(args.out) if args.out else tagger.MODEL_FILE
    vocab_file = out.with_suffix(".vocab.tsv") if args.out else tagger.VOCAB_FILE
    decoder_file = out.with_suffix(".npz") if args.out else tagger.DECODER_FILE
    fine_file = out.with_suffix(".fine.npz") if args.out else tagger.FINE_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(vocab_file, "w", encoding="utf-8") as fh:
        for w, (a, b) in sorted(vocab.items()):
            fh.write(f"{w}\t{a}\t{b}\n")
    trainer = pycrfsuite.Trainer(verbose=False)
    t0 = time.perf_counter()
    n_tok = 0
    for x, y in xy(data, args.level):
        trainer.append(x, y)
        n_tok += len(y)
    trainer.set_params(params)
    trainer.train(str(out))
    crf.Model.from_crfsuite(out).save(decoder_file)
    secs = time.perf_counter() - t0
    print(f"trained on {len(data)} sentences ({n_tok} tokens, part {args.part}) in {secs:.0f} s -> {out}, "
          f"{decoder_file}")
    n_names = train_fine(data, args.level, fine_file)
    print(f"fine classes: {n_names} names -> {fine_file}")
    if args.out is None:
        meta = {
            "name": tagger.MODEL_NAME,
            "version": VERSION,
            "corpus": "NewsFANE Gold (Alotaibi and Lee 2014), the subset in ../shared/corpora/newsfane",
            "licence": "CC BY-SA 3.0",
            "split": {"sentences": sum(len(v) for k, v in parts.items() if k != "final"),
                      "trained_on": "first 4/5 by sentence order (train 3/5 + dev 1/5)",
                      "held_out": "last 1/5 by sentence order", "part": args.part,
                      "train_sentences": len(data), "train_tokens": n_tok},
            "labels": args.level,
            "params": params,
            "fine_params": FINE_PARAMS,
            "clusters": (json.loads(clusters.with_name("word_clusters.json").read_text(encoding="utf-8"))
                         if clusters else None),
            "contexts": (json.loads(contexts.with_name("word_contexts.json").read_text(encoding="utf-8"))
                         if contexts else None),
            "library": f"python-crfsuite {pkg_version('python-crfsuite')}",
            "lexicon_fingerprint": lexicon.fingerprint(),
            "date": dt.date.today().isoformat(),
            "command": "python scripts/train_ner.py",
            "size_bytes": out.stat().st_size + decoder_file.stat().st_size + fine_file.stat().st_size,
        }
        tagger.META_FILE.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"metadata -> {tagger.META_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

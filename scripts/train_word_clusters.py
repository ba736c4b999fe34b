#!/usr/bin/env python3
"""Word clusters for the name tagger, learnt from raw Arabic news (reproducible, offline).

    pip install -e ".[train]"
    python scripts/train_word_clusters.py              # writes toolkit/ner/models/word_clusters.tsv.gz

A tagger trained on NewsFANE's 132k tokens has seen few of the words it meets; words that
occur in the same contexts in a large raw corpus (given names, family names, ministries,
towns) fall into the same cluster, and the cluster is a feature for a word never seen in
training. This script:

1. reads every article of SaudiNewsNet (``../shared/corpora/saudinewsnet``, 31,030 articles,
   July–August 2015; CC BY-NC-SA 4.0), normalises the text as the tagger does
   (:func:`toolkit.arabic.normalize`) and cuts it into the tagger's tokens
   (:data:`toolkit.ner.features.TOKEN`);
2. trains word vectors with gensim's word2vec (skip-gram, one worker, a fixed seed and a
   stable hash, so that a run gives the same vectors again) over the words seen at least
   ``MIN_COUNT`` times;
3. groups the unit vectors with k-means (scikit-learn, fixed seed) at each size of ``SIZES``;
4. writes ``word<TAB>cluster at each size, smallest first`` for the ``MAX_WORDS`` most
   frequent words, gzip-compressed, and ``word_clusters.json`` (provenance, parameters,
   library versions, licence);
5. writes the same words' unit vectors, row for row, as ``word_vectors.npz`` (int8 with a
   scale per row: the neural tagger's word embeddings, see ``scripts/train_ner_nn.py``).

The file is derived from SaudiNewsNet and carries its licence (CC BY-NC-SA 4.0, see
``toolkit/ner/models/README.md``). The tagger reads it at run time; nothing is downloaded.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import sys
import time
from importlib.metadata import version as pkg_version
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit.arabic import normalize  # noqa: E402
from toolkit.ner import features as F  # noqa: E402
from toolkit.ner.nn import write_vectors  # noqa: E402
from toolkit.readers import iter_articles  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "saudinewsnet"
OUT = REPO / "toolkit" / "ner" / "models" / "word_clusters.tsv.gz"
VECTORS = "word_vectors.npz"
VERSION = "1.0"
MIN_COUNT = 5
MAX_WORDS = 120_000
SIZES = (32, 128, 512, 2048)
#: skip-gram (sg=1): on the NewsFANE dev part it gave persons 0.700 and organisations 0.633 with
#: these four sizes, CBOW with sizes (128, 1024) 0.694 and 0.627, no clusters 0.689 and 0.609
W2V = {"vector_size": 100, "window": 4, "sg": 1, "epochs": 5, "min_count": MIN_COUNT, "workers": 1, "seed": 1}


def stable_hash(text: str) -> int:
    """The hash gensim seeds each word's first vector with: Python's own hash changes from one
    process to the next, this one does not (with one worker the vectors are then the same)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=4).digest(), "little")


def sentences(corpus: Path, skipped: list | None = None):
    """The tagger's tokens of every article (one list per article), as the tagger sees them;
    records that cannot be read go to ``skipped`` (reported by ``main``)."""
    for a in iter_articles(corpus, errors="skip", problems=skipped):
        text = normalize(a.text or "").text
        words = F.TOKEN.findall(text)
        if words:
            yield words


def write_gz(out: Path, lines) -> None:
    """Write ``lines`` to ``out`` gzip-compressed with no time stamp in the header: the same run
    writes the same bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write("".join(lines).encode("utf-8"))


class Corpus:
    """Re-iterable articles for gensim (it reads them once for the vocabulary, then per epoch)."""

    def __init__(self, path: Path):
        self.path = path
        self.skipped: list = []

    def __iter__(self):
        self.skipped = []  # each pass reads every record again: count one pass's
        return sentences(self.path, self.skipped)


def corpus_and_out(argv: list[str] | None, doc: str, out: Path) -> tuple[Path, Path] | None:
    """The ``--corpus`` and ``--out`` of a script that reads SaudiNewsNet (None, said, when the corpus is absent)."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--out", default=str(out))
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return None
    return corpus, Path(args.out)


def main(argv: list[str] | None = None) -> int:
    paths = corpus_and_out(argv, __doc__, OUT)
    if paths is None:
        return 2
    corpus, out = paths
    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans

    t0 = time.time()
    articles = Corpus(corpus)
    model = Word2Vec(articles, hashfxn=stable_hash, **W2V)
    if articles.skipped:
        print(f"{len(articles.skipped)} records could not be read and were left out: {articles.skipped[:3]}",
              file=sys.stderr)
    words = model.wv.index_to_key[:MAX_WORDS]  # most frequent first
    vectors = model.wv[words]
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    print(f"word2vec: {len(model.wv.index_to_key):,} words seen {MIN_COUNT}+ times, {time.time() - t0:.0f} s")
    labels = []
    for k in SIZES:
        km = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3, max_iter=200)
        labels.append(km.fit_predict(vectors))
        print(f"k-means {k}: {time.time() - t0:.0f} s")
    write_vectors(out.with_name(VECTORS), vectors)  # the neural tagger's (toolkit/ner/nn.py)
    write_gz(out, (w + "\t" + "\t".join(str(lab[i]) for lab in labels) + "\n" for i, w in enumerate(words)))
    meta = {
        "name": "word_clusters", "version": VERSION, "file": out.name,
        "corpus": "SaudiNewsNet (31,030 Arabic articles, July-August 2015), by Mazen Abdulaziz",
        "corpus_licence": "CC BY-NC-SA 4.0", "licence": "CC BY-NC-SA 4.0 (derived from SaudiNewsNet)",
        "words": len(words), "sizes": list(SIZES), "word2vec": {**W2V, "hashfxn": "blake2b, 4 bytes"},
        "kmeans": {"random_state": 0, "n_init": 3},
        "libraries": {"gensim": pkg_version("gensim"), "scikit-learn": pkg_version("scikit-learn"),
                      "numpy": pkg_version("numpy")},
        "trained": dt.date.today().isoformat(), "script": "scripts/train_word_clusters.py",
    }
    out.with_name("word_clusters.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                                   encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB), {len(words):,} words, {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The name tagger's cost on real news, against a bare country-lexicon scan of the same text.

Baseline: normalisation plus one bare Aho-Corasick scan of the country lexicon's Arabic keys
(``benchmarks/baseline.py``, the one every benchmark uses).
Tagger: the name tagger over the same articles, once the pipeline has made its documents
(normalised text and sentences, timed apart: every annotator shares them): tokens, features,
CRF decoding and marginals, names made consistent, fine classes (``toolkit.ner.names``), the work
the people, organisations and places annotators share. With ``--crfsuite``, also
python-crfsuite's own tagger over the same
sentences (string features per token, Viterbi and the marginal of each label), the way the
tagger decoded before ``toolkit.ner.crf``.

    python benchmarks/bench_ner.py [PATH] [--limit N] [--crfsuite]

PATH defaults to ../shared/corpora/saudinewsnet (beside the checkout). Prints chars/s for
each and the ratio tagger/baseline speed.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import baseline  # benchmarks/baseline.py (this script's folder): the bare scan
from toolkit import ner
from toolkit.arabic import normalize
from toolkit.model import Doc
from toolkit.readers import iter_articles
from toolkit.text import split_sentences

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet"


def documents(texts: list[str]) -> list[Doc]:
    """The documents the annotators get: normalised text and sentences (the pipeline's work, not the tagger's)."""
    out = []
    for t in texts:
        regions = ((0, len(t)),)
        out.append(Doc(t, "ar", normalize(t), regions, split_sentences(t, regions)))
    return out


def tagged(docs: list[Doc]) -> int:
    return sum(len(ner.names(doc)) for doc in docs)


def crfsuite_tagged(texts: list[str]) -> int:
    """python-crfsuite's tagger over the Arabic sentences of the same texts (no propagation)."""
    import pycrfsuite

    from toolkit.ner import features as F, tagger

    t = pycrfsuite.Tagger()
    t.open(str(tagger.MODEL_FILE))
    n = 0
    for text in texts:
        norm = normalize(text)
        for s0, s1 in split_sentences(text, ((0, len(text)),)):
            words = [w for _, _, w in F.tokens(norm.text, s0, s1)]
            if not words:
                continue
            labels = t.tag(F.sentence_features(words))
            n += sum(y.startswith("B-") for y in labels)
            for i, y in enumerate(labels):
                if y != "O":
                    t.marginal(y, i)
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=500, help="read only the first N articles (0: all)")
    ap.add_argument("--crfsuite", action="store_true", help="also time python-crfsuite's own tagger")
    ap.add_argument("--model", help="X.crfsuite: tag with the model files beside it (X.npz, X.fine.npz, X.vocab.tsv)")
    args = ap.parse_args()
    if args.model:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
        from eval_ner import use_model

        use_model(args.model)
    if not Path(args.path).exists():
        print(f"no corpus at {args.path}", file=sys.stderr)
        return 2
    texts: list[str] = []
    for a in iter_articles(args.path, errors="skip", problems=[]):
        texts.append(a.text)
        if args.limit and len(texts) >= args.limit:
            break
    chars = sum(map(len, texts))
    auto = baseline.country_automaton()
    ner.names(Doc("تجربة", "ar", normalize("تجربة"), ((0, 5),), ((0, 5),)))  # open the model once
    t0 = time.perf_counter()
    hits = baseline.scan(texts, auto)
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = documents(texts)
    t_docs = time.perf_counter() - t0
    t0 = time.perf_counter()
    names = tagged(docs)
    t_tag = time.perf_counter() - t0
    print(f"articles {len(texts):,}  chars {chars:,}  model {ner.rule()}")
    print(f"baseline (normalise + bare country scan): {t_base:7.2f}s  {chars / t_base:12,.0f} chars/s  "
          f"({hits:,} raw hits)")
    print(f"documents (normalise + sentences):        {t_docs:7.2f}s  {chars / t_docs:12,.0f} chars/s  "
          "(the pipeline's work, not counted below)")
    print(f"name tagger:                              {t_tag:7.2f}s  {chars / t_tag:12,.0f} chars/s  ({names:,} names)")
    print(f"ratio tagger/baseline speed: {t_base / t_tag:.3f}  (the tagger takes {t_tag / t_base:.1f}x the bare scan; "
          f"with the documents {(t_tag + t_docs) / t_base:.1f}x)")
    if args.crfsuite:
        t0 = time.perf_counter()
        ref = crfsuite_tagged(texts)
        t_ref = time.perf_counter() - t0
        print(f"python-crfsuite tagger, same sentences:   {t_ref:7.2f}s  {chars / t_ref:12,.0f} chars/s  "
              f"({ref:,} names, no propagation)  {t_ref / t_base:.1f}x the bare scan")
    return 0


if __name__ == "__main__":
    sys.exit(main())

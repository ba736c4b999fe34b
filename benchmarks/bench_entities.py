"""Entity annotation speed over a real corpus, against a bare baseline in the same run.

Baseline: normalisation plus one bare Aho-Corasick scan of the same lexicon keys
(every key of the country, organisation, people and title gazetteers), no further work.
Full: the entity pass of the pipeline (sentences, then the countries, organizations
and people annotators, with their boundary checks, traps and rules).

    python benchmarks/bench_entities.py [PATH] [--limit N]

PATH defaults to ../shared/corpora/saudinewsnet (SaudiNewsNet, 31,030 articles).
Prints chars/s and articles/s for both passes and the ratio full/baseline speed.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import ahocorasick

import baseline  # benchmarks/baseline.py (this script's folder): the bare scan

from toolkit.annotators import countries, organizations, people
from toolkit.arabic import normalize
from toolkit.model import Doc
from toolkit.readers import iter_articles
from toolkit.text import split_sentences

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet"
GAZETTEERS = (countries.gazetteer, organizations.gazetteer, people.name_gazetteer, people.title_gazetteer)


def bare_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for g in GAZETTEERS:
        for key in g()._auto.keys():
            auto.add_word(key, len(key))
    auto.make_automaton()
    return auto


def full(texts: list[str]) -> int:
    n = 0
    for t in texts:
        regions = ((0, len(t)),)
        doc = Doc(t, "ar", normalize(t), regions, split_sentences(t, regions))
        for mod in (countries, organizations, people):
            found = mod.annotate(doc)
            doc = doc.with_mentions(found)
        n += len(doc.mentions)
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    args = ap.parse_args()
    if not Path(args.path).exists():
        print(f"no corpus at {args.path}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    texts = []
    problems: list = []
    for a in iter_articles(args.path, errors="skip", problems=problems):
        texts.append(a.text)
        if args.limit and len(texts) >= args.limit:
            break
    t_read = time.perf_counter() - t0
    chars = sum(map(len, texts))
    t0 = time.perf_counter()
    auto = bare_automaton()
    for g in GAZETTEERS:
        g()
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    hits = baseline.scan(texts, auto)
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    mentions = full(texts)
    t_full = time.perf_counter() - t0
    print(f"articles {len(texts):,} ({len(problems)} records skipped)"
          f"  chars {chars:,}  read {t_read:.1f}s  build lexicons {t_build:.1f}s")
    print(f"baseline (normalise + bare scan): {t_base:7.1f}s"
          f"  {chars / t_base:12,.0f} chars/s  {len(texts) / t_base:8,.0f} articles/s  ({hits:,} raw hits)")
    print(f"full entity pass:                 {t_full:7.1f}s"
          f"  {chars / t_full:12,.0f} chars/s  {len(texts) / t_full:8,.0f} articles/s  ({mentions:,} mentions)")
    print(f"ratio full/baseline speed: {t_base / t_full:.2f}  (goal >= 0.33)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

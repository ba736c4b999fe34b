"""De-duplication cost against the number of event rows: prints ratios, measured in one run.

Runs toolkit.dedup.cluster_events on the events of SaudiNewsNet days (../shared), on 1x, 2x and
4x the rows (the days repeated with new article ids, so the blocks grow as a larger corpus's
would), and prints seconds per 1,000 rows relative to the 1x run: a linear (or n log n) cost
keeps the ratios near 1.

    python benchmarks/bench_dedup.py [DAY.zip ...]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

import toolkit
from toolkit import dedup
from toolkit import filters as F

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet"


def grown(t: F.Tables, times: int) -> F.Tables:
    def rename(df: pd.DataFrame, col: str, k: int) -> pd.DataFrame:
        out = df.copy()
        out[col] = out[col].astype(str) + f"~{k}"
        return out

    parts = [(rename(t.articles, "id", k), rename(t.events, "article_id", k), rename(t.sentences, "article_id", k))
             for k in range(times)]
    arts, ev, sents = (pd.concat([p[i] for p in parts], ignore_index=True) for i in range(3))
    return F.Tables(arts, t.mentions.iloc[0:0], ev, sents)


def main(argv: list[str]) -> int:
    days = [Path(a) for a in argv] or [SHARED / "2015-07-31.zip"]
    missing = [str(d) for d in days if not d.exists()]
    if missing:
        print(f"skipped: {', '.join(missing)} not found")
        return 0
    t = F.tables(toolkit.load_corpus(days, errors="skip"))
    base = None
    for times in (1, 2, 4):
        g = grown(t, times)
        start = time.perf_counter()
        r = dedup.cluster_events(g.events, g.articles, g.sentences)
        took = time.perf_counter() - start
        per_k = took / max(len(g.events), 1) * 1000
        base = base or per_k
        print(f"{times}x: {len(g.events):6d} rows -> {len(r.unique_events):6d} events in {took:6.2f} s; "
              f"per 1,000 rows {per_k:.3f} s, ratio to 1x {per_k / base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Dates and amounts on real news: CPU seconds against a bare normalisation pass, same run.

    python benchmarks/bench_dates_amounts.py [--zip ../shared/corpora/saudinewsnet/2015-07-26.zip] [--limit 1000]

Reads the first ``--limit`` articles of a SaudiNewsNet day, builds their Docs once, then times
(best of three, CPU time of this process) ``normalize`` over the texts (the baseline), the
dates annotator, and the amounts annotator (on Docs that carry the dates' mentions). Prints the
seconds, the ratios to the baseline and the mentions found. To compare two checkouts, run it
from each with the same arguments.
"""
from __future__ import annotations

import argparse
import json
import time
import zipfile
from pathlib import Path

from toolkit.annotators import amounts, dates
from toolkit.arabic import normalize
from toolkit.pipeline import doc_for_text

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet" / "2015-07-26.zip"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zip", type=Path, default=DEFAULT, help="a SaudiNewsNet day (default 2015-07-26.zip)")
    ap.add_argument("--limit", type=int, default=1000, help="articles (default 1000)")
    args = ap.parse_args(argv)
    with zipfile.ZipFile(args.zip) as z:
        records = json.loads(z.read(z.namelist()[0]))
    texts = [(r["content"], (r.get("date_extracted") or "")[:10]) for r in records if r.get("content")][:args.limit]
    docs = [doc_for_text(t, published=p) for t, p in texts]
    dates.annotate(docs[0])  # compile the grammars outside the timings
    amounts.annotate(docs[0])
    best: dict[str, float] = {}
    found: dict[str, int] = {}
    for _ in range(3):
        t0 = time.process_time()
        for t, _ in texts:
            normalize(t)
        best["normalize"] = min(best.get("normalize", float("inf")), time.process_time() - t0)
        t0 = time.process_time()
        ds = [dates.annotate(d) for d in docs]
        best["dates"] = min(best.get("dates", float("inf")), time.process_time() - t0)
        with_dates = [d.with_mentions(x) for d, x in zip(docs, ds)]
        t0 = time.process_time()
        am = [amounts.annotate(d) for d in with_dates]
        best["amounts"] = min(best.get("amounts", float("inf")), time.process_time() - t0)
        found = {"date": sum(m.type == "date" for x in ds for m in x),
                 "duration": sum(m.type == "duration" for x in ds for m in x),
                 "amount": sum(m.type == "amount" for x in am for m in x)}
    chars = sum(len(t) for t, _ in texts)
    print(f"{len(texts)} articles, {chars / 1e6:.2f} M characters (CPU seconds, best of 3)")
    for name in ("normalize", "dates", "amounts"):
        print(f"  {name:10s} {best[name]:7.2f} s   {best[name] / best['normalize']:5.1f}x baseline"
              f"   {1000 * best[name] / (chars / 1000):6.3f} ms per 1000 characters")
    print("  found: " + ", ".join(f"{n} {t}" for t, n in found.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

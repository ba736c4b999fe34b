"""The event coder's cost per character at 1x, 8x and 32x an article, against a bare pass.

The article (the seed, else the bundled corpus's first article) is repeated 8 and 32 times
(paragraphs joined by blank lines: the sentences and mentions repeat, so a coder whose
sentences scan the article's mentions grows with the square of the length). For each size the
mention annotators run once (not timed); then the events annotator is timed alone, and a bare
normalisation pass over the same text is timed as the baseline of the same run (best of
``--repeat`` runs each, garbage collector off while timing, as ``timeit`` does).

    python benchmarks/bench_events.py [--repeat 3]
    python benchmarks/bench_events.py --snn 500   # and the coder's speed on 500 SaudiNewsNet articles

``--snn N``: the first N records (in file order) of the SaudiNewsNet day files, each annotated by
the mention annotators (not timed), then the events annotator timed on each (once; the same
normalisation baseline timed beside it): characters per second of the coder alone, and its cost
as a ratio to normalisation in the same run.

Prints, per size: characters, events, µs per character for events and for normalisation,
events' cost per character as a ratio to 1x, and events / normalisation.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from dataclasses import replace
from pathlib import Path

from toolkit import registry
from toolkit.annotators import events
from toolkit.arabic import normalize
from toolkit.layout import from_text
from toolkit.pipeline import make_doc

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
SEED_NAME = "000_32804eb77b22d83d.txt"
CANDIDATES = (ROOT.parent / "shared" / "seed" / SEED_NAME, ROOT / "corpus" / SEED_NAME)


def article_text() -> str:
    for path in CANDIDATES:
        if path.exists():
            return path.read_text(encoding="utf-8")
    raise SystemExit("no article found (../shared/seed or corpus/)")


def doc_with_mentions(text: str):
    doc = make_doc(from_text(text, language="ar"))
    for step in registry.plan(None):
        if not step.makes_events:
            doc = doc.with_mentions(step.func(doc))
    return doc


def best(fn, repeat: int) -> tuple[float, object]:
    """The best of ``repeat`` runs, with the garbage collector off while timing (as timeit does):
    a collection's cost depends on every object the process holds, not on the code timed."""
    times, out = [], None
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            out = fn()
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    return min(times), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--snn", type=int, default=0, help="also time the coder on this many SaudiNewsNet articles")
    a = ap.parse_args(argv)
    base = article_text().strip()
    events.annotate(doc_with_mentions(base))  # warm up: lexicons, automata, the filter
    rows = []
    for k in (1, 8, 32):
        text = "\n\n".join([base] * k)
        doc = doc_with_mentions(text)
        doc = replace(doc, mentions=tuple(doc.mentions))
        t_ev, found = best(lambda d=doc: events.annotate(d), a.repeat)
        t_norm, _ = best(lambda x=text: normalize(x), a.repeat)
        rows.append((k, len(text), len(found), t_ev / len(text) * 1e6, t_norm / len(text) * 1e6))
    one = rows[0][3]
    print(f"{'size':>5} {'chars':>8} {'events':>7} {'events µs/char':>15} {'normalise µs/char':>18} "
          f"{'vs 1x':>6} {'events/normalise':>17}")
    for k, n, ne, ev_c, norm_c in rows:
        print(f"{k:>4}x {n:>8} {ne:>7} {ev_c:>15.3f} {norm_c:>18.4f} {ev_c / one:>6.2f} {ev_c / norm_c:>17.1f}")
    worst = max(r[3] for r in rows) / one
    print(f"cost per character at 32x is {rows[-1][3] / one:.2f}x the 1x cost (worst size {worst:.2f}x)")
    if a.snn:
        snn_speed(a.snn)
    return 0


def snn_speed(n: int) -> None:
    import json
    import zipfile

    if not SNN.exists():
        print(f"{SNN.name}: not found beside the repository (../shared/corpora), no SaudiNewsNet timing")
        return
    texts: list[str] = []
    for day in sorted(SNN.glob("*.zip")):
        with zipfile.ZipFile(day) as z:
            texts.extend((r.get("content") or "") for r in json.loads(z.read(z.namelist()[0])))
        if len(texts) >= n:
            break
    texts = [t for t in texts[:n] if t.strip()]
    t_ev = t_norm = 0.0
    chars = found = 0
    for text in texts:
        doc = doc_with_mentions(text)
        doc = replace(doc, mentions=tuple(doc.mentions))
        dt, got = best(lambda d=doc: events.annotate(d), 1)
        dn, _ = best(lambda x=text: normalize(x), 1)
        t_ev, t_norm, chars, found = t_ev + dt, t_norm + dn, chars + len(text), found + len(got)
    print(f"SaudiNewsNet: {len(texts)} articles, {chars} chars, {found} events: events {chars / t_ev:,.0f} chars/s "
          f"({t_ev:.2f} s), normalise {chars / t_norm:,.0f} chars/s; events/normalise {t_ev / t_norm:.1f}")


if __name__ == "__main__":
    sys.exit(main())

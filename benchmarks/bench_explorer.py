"""The explorer's callback: how long one change of the country filter takes, in one run.

Builds the explorer on the bundled corpus and changes the country filter through the same
countries, with the Events tab shown (tables only: the chart and the map wait for their
tab), with the chart's tab shown and with the Map tab shown. Prints the median seconds of
each and its ratio to the baseline, ``toolkit.filters.select`` alone on the corpus tables for
the same change; and ``select`` on the explorer's light tables (the rows and columns the
filters read), which is what the callback runs.

    python benchmarks/bench_explorer.py [CORPUS]
    python benchmarks/bench_explorer.py --store DIR   # an annotation store (toolkit annotate --store)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import toolkit  # noqa: E402
from toolkit import filters, widgets  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
COUNTRIES = [("TJK",), ("IRN",), ("TUR",), ("RUS", "TJK"), ("KAZ",), ("EGY",)]


def median_seconds(step, rounds: int = 2, countries=COUNTRIES) -> float:
    times = []
    for _ in range(rounds):
        for codes in countries:
            start = time.perf_counter()
            step(codes)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--store"]:
        if len(argv) != 2:
            print("usage: bench_explorer.py --store DIR", file=sys.stderr)
            return 2
        measure(toolkit.Corpus.from_store(argv[1]))
        return 0
    measure(toolkit.load_corpus(argv[0] if argv else CORPUS).annotate(progress=False))
    return 0


def measure(corpus) -> None:
    """Print the callback's times on an annotated corpus (also called by bench_pipeline.py)."""
    ex = widgets.explore(corpus)
    known = [v for _, v in ex.countries.options]
    # the countries above where the corpus has them (the bundled one does), else its first six
    countries = [c for c in COUNTRIES if set(c) <= set(known)]
    if len(countries) < len(COUNTRIES) // 2:
        countries = [(c,) for c in known[:6]]
    print(f"country changes: {', '.join('+'.join(c) for c in countries)}")
    base = median_seconds(lambda codes: filters.select(ex.data, countries=list(codes)), countries=countries)
    print(f"baseline, filters.select alone: {base:.3f} s")
    light = median_seconds(lambda codes: filters.select(ex._light, countries=list(codes)), countries=countries)
    print(f"filters.select on the explorer's light tables (what a change runs): {light:.3f} s")

    def change(codes: tuple[str, ...]) -> None:
        ex.countries.value = codes

    for tab in ("Events", "Cooperation / conflict", "Map"):
        ex.countries.value = ()
        ex.tabs.selected_index = ex.TABS.index(tab)
        took = median_seconds(change, countries=countries)
        print(f"one country change, {tab} tab shown: {took:.3f} s (ratio to the baseline {took / base:.1f})")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

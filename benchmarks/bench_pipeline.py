"""Full-pipeline speed, worker speed-up and peak memory over a real corpus.

    python benchmarks/bench_pipeline.py [PATH] [--limit N] [--workers 2] [--serial-store]

PATH defaults to ../shared/corpora/saudinewsnet (SaudiNewsNet, 31,030 articles).

1. One streaming pass in this process, article by article (nothing kept in memory):
   the bare baseline (normalisation plus one Aho-Corasick scan of the gazetteer keys,
   as in bench_entities.py) and the full pipeline (``toolkit.pipeline.annotate``) on the
   same article, each timed on its own. Prints chars/s of both and the ratio of times
   (goal: full within 8x of the baseline).
2. ``toolkit.batch.annotate_to_store`` into a temporary store with ``--workers`` processes,
   in a child process; prints its wall time, the speed-up against the single-process
   reference (goal >= 1.7x) and peak RSS (goal <= 1 GB): of the writing process
   and its workers together (VmRSS sampled from /proc; getrusage is printed too, but its
   ru_maxrss carries the parent's high-water mark over fork and exec).
   The single-process reference is the same store run with 1 worker when
   ``--serial-store`` is given, else reading plus the full pipeline from pass 1.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_entities import GAZETTEERS, bare_automaton  # noqa: E402

from toolkit.arabic import normalize  # noqa: E402
from toolkit.batch import init_worker  # noqa: E402
from toolkit.pipeline import annotate  # noqa: E402
from toolkit.readers import iter_articles  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet"

_CHILD = r"""
import json, resource, sys, time
from toolkit.batch import annotate_to_store
path, store, workers, limit, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
source = path
if limit:
    import itertools
    from toolkit.readers import iter_articles
    source = itertools.islice(iter_articles(path, errors="skip", problems=[]), limit)
import os, threading
# getrusage's ru_maxrss survives fork+exec (a child starts with its parent's high-water
# mark), so sample VmRSS of this process and its children from /proc instead
peak = {"total": 0, "worker": 0}
done = threading.Event()
def rss(pid):
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
def children(pid):
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(name))
            except (OSError, ValueError, IndexError):
                pass
    return out
def sample():
    while not done.is_set():
        me = os.getpid()
        kids = [rss(p) for p in children(me)]
        peak["worker"] = max([peak["worker"]] + kids)
        peak["total"] = max(peak["total"], rss(me) + sum(kids))
        done.wait(0.1)
threading.Thread(target=sample, daemon=True).start()
t0 = time.perf_counter()
r = annotate_to_store(source, store, workers=workers, batch_size=batch, errors="skip", progress=False)
wall = time.perf_counter() - t0
done.set()
hwm = 0
with open("/proc/self/status") as fh:
    for line in fh:
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
print(json.dumps({"wall": wall, "annotated": r.annotated, "parts": r.parts, "hwm_self_kb": hwm,
                  "peak_worker_kb": peak["worker"], "peak_total_kb": peak["total"],
                  "rusage_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "rusage_children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def mb(kb: int) -> str:
    return f"{kb / 1024:,.0f} MB"


def store_run(path: str, workers: int, limit: int, batch: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", _CHILD, path, str(Path(tmp) / "store"), str(workers),
                              str(limit), str(batch)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--workers", type=int, default=2, help="workers for the store run (default 2)")
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--serial-store", action="store_true",
                    help="also run the store with 1 worker as the speed-up reference (takes as long as pass 1)")
    args = ap.parse_args()
    if not Path(args.path).exists():
        print(f"no corpus at {args.path}", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    auto = bare_automaton()
    for g in GAZETTEERS:
        g()
    init_worker()
    t_build = time.perf_counter() - t0

    n = chars = hits = mentions = events = 0
    t_read = t_base = t_full = 0.0
    clock = time.perf_counter
    skipped: list = []  # records the reader skips (SaudiNewsNet has 354 with no text)
    it = iter_articles(args.path, errors="skip", problems=skipped)
    while True:
        a = clock()
        article = next(it, None)
        b = clock()
        t_read += b - a
        if article is None:
            break
        text = article.text
        for _ in auto.iter(normalize(text).text):
            hits += 1
        c = clock()
        ann = annotate(article)
        d = clock()
        t_base += c - b
        t_full += d - c
        mentions += len(ann.mention_records)
        events += len(ann.event_records)
        n += 1
        chars += len(text)
        if n % 2000 == 0:
            print(f"  ... {n:,} articles: baseline {t_base:.1f}s, full {t_full:.1f}s ({t_full / t_base:.1f}x), "
                  f"load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
        if args.limit and n >= args.limit:
            break
    rss_pass = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"load average (1, 5, 15 min; {os.cpu_count()} cores): {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"articles {n:,} ({len(skipped)} records skipped)"
          f"  chars {chars:,}  read {t_read:.1f}s  build lexicons {t_build:.1f}s")
    print(f"baseline (normalise + bare scan): {t_base:8.1f}s  {chars / t_base:12,.0f} chars/s  ({hits:,} raw hits)")
    print(f"full pipeline (annotate):         {t_full:8.1f}s  {chars / t_full:12,.0f} chars/s  "
          f"{n / t_full:7,.1f} articles/s  ({mentions:,} mentions, {events:,} events)")
    print(f"full / baseline time: {t_full / t_base:.1f}x  (goal <= 8x)")
    print(f"peak RSS of the single-process pass: {mb(rss_pass)}")

    limit = args.limit
    if args.serial_store:
        serial = store_run(args.path, 1, limit, args.batch_size)
        ref, ref_label = serial["wall"], "store run, 1 worker"
        print(f"store, 1 worker:  {serial['wall']:8.1f}s  {chars / serial['wall']:12,.0f} chars/s  "
              f"peak RSS {mb(serial['hwm_self_kb'])} (VmHWM)")
    else:
        ref, ref_label = t_read + t_full, "pass 1: read + full pipeline"
    par = store_run(args.path, args.workers, limit, args.batch_size)
    print(f"store, {args.workers} workers: {par['wall']:8.1f}s  {chars / par['wall']:12,.0f} chars/s  "
          f"({par['annotated']:,} articles, {par['parts']} parts)")
    print(f"speed-up with {args.workers} workers: {ref / par['wall']:.2f}x against {ref_label} ({ref:.1f}s)"
          f"  (goal >= 1.7x)")
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"peak RSS, store run with {args.workers} workers (VmRSS sampled every 0.1 s): writer + workers "
          f"{mb(par['peak_total_kb'])}  (goal <= 1 GB); writer {mb(par['hwm_self_kb'])} (VmHWM), "
          f"largest worker {mb(par['peak_worker_kb'])}")
    print(f"  getrusage: RUSAGE_SELF {mb(par['rusage_self_kb'])}, RUSAGE_CHILDREN {mb(par['rusage_children_kb'])} "
          f"(ru_maxrss keeps the parent's high-water mark across fork and exec)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The whole pipeline against a bare lexicon scan, on every path, in one run (issue 15).

    python benchmarks/bench_pipeline.py [--n 2000] [--corpus PATH] [--workers 2] [--quick]
                                        [--explorer-store DIR] [--skip-workers]

Reads the first ``--n`` articles (default 2,000) of SaudiNewsNet (``../shared/corpora/saudinewsnet``
from the repo root; skipped with a message when absent; ``--corpus corpus/`` uses the bundled
corpus instead) and prints, each measured in this run:

1. the bare scan: normalise + one Aho-Corasick automaton over the Arabic country-name keys
   (built before the timing), in chars/s, run before each path of step 2 and after the last:
   each path's ratio is to the mean of the bare scans just before and after it;
2. the public path: ``toolkit.annotate(text, lang=...)`` per article, its two DataFrames
   included (their share given apart); the corpus path: ``Corpus.from_articles(...).annotate()``
   (tables built once, events clustered); the store path: ``annotate_to_store`` with one
   worker into a temporary store; each in chars/s and as the ratio of its time to the bare
   scan's (goal: at most 8x);
3. the share of each stage (each annotator, the Doc (normalise, sentences), the table rows, the
   tables, the event clustering) in the corpus-path run, which is timed stage by stage
   (``time.perf_counter`` around each stage: a few calls per article);
4. the cold start: a new process doing ``import toolkit`` and the first annotation of a short
   Arabic text, with the disk cache warm (median of 3, after one run that warms it) and cold
   (a new temporary ``TOOLKIT_CACHE_DIR``), goal 1 s;
5. the cost per character of one real article (the one of median length) at 1x and repeated
   32x (the public path), and their ratio (1.0: linear);
6. the speed-up of ``annotate_to_store(..., workers=2)`` over ``workers=1``, both in a child
   process reading the same articles from the corpus, with the peak RSS of the 2-worker run:
   the writer and its workers summed, sampled every 0.1 s with psutil (else from /proc),
   and ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` (the largest worker alone) beside it; goals 1.8x and 1 GB;
7. the explorer's callback on the store of step 2 (or ``--explorer-store DIR``, e.g. a store of
   all SaudiNewsNet): ``benchmarks/bench_explorer.py``'s measure, goal 100 ms.

``--quick``: ~200 articles, cold start once each, for a check in under 2 minutes. Run it with
``nice`` on a shared machine; the ratios within the run are what count.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import baseline  # noqa: E402  (benchmarks/baseline.py: the bare scan)

DEFAULT = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
SHORT = "وقّعت روسيا والسعودية اتفاقاً للتعاون في الرياض يوم 1 مايو 2024، وقال وزير الخارجية إن البلدين سيعملان معاً."

_COLD = r"""
import json, sys, time
t0 = time.perf_counter()
import toolkit
t1 = time.perf_counter()
ann = toolkit.annotate(sys.argv[1], lang="ar")
t2 = time.perf_counter()
ann.mentions, ann.events
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "first": t2 - t1, "frames": t3 - t2, "mentions": len(ann.mention_records)}))
"""

_STORE = r"""
import itertools, json, os, resource, sys, threading, time
from toolkit.batch import annotate_to_store
from toolkit.readers import iter_articles
path, store, workers, limit, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
try:
    import psutil
except ImportError:
    psutil = None
peak = {"total": 0, "worker": 0, "self": 0}
done = threading.Event()

def tree():  # (rss of this process, [rss of each descendant]) in kB
    if psutil is not None:
        me = psutil.Process()
        kids = []
        for c in me.children(recursive=True):
            try:
                kids.append(c.memory_info().rss // 1024)
            except psutil.Error:
                pass
        return me.memory_info().rss // 1024, kids
    def rss(pid):
        try:
            with open(f"/proc/{pid}/status") as fh:
                return next((int(x.split()[1]) for x in fh if x.startswith("VmRSS:")), 0)
        except OSError:
            return 0
    kids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == os.getpid():
                        kids.append(rss(int(name)))
            except (OSError, ValueError, IndexError):
                pass
    return rss(os.getpid()), kids

def sample():
    while not done.is_set():
        me, kids = tree()
        peak["worker"] = max([peak["worker"]] + kids)
        peak["self"] = max(peak["self"], me)
        peak["total"] = max(peak["total"], me + sum(kids))
        done.wait(0.1)

threading.Thread(target=sample, daemon=True).start()
source = itertools.islice(iter_articles(path, errors="skip", problems=[]), limit)
t0 = time.perf_counter()
r = annotate_to_store(source, store, workers=workers, batch_size=batch, errors="skip", progress=False)
wall = time.perf_counter() - t0
done.set()
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "annotated": r.annotated, "peak_total_kb": peak["total"], "peak_self_kb": peak["self"],
                  "cpu_self": me.ru_utime + me.ru_stime, "cpu_children": kids.ru_utime + kids.ru_stime,
                  "peak_worker_kb": peak["worker"], "sampler": "psutil" if psutil else "/proc",
                  "rusage_children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "rusage_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def bare_scan(texts: list[str], auto) -> tuple[float, int]:
    """Seconds and raw hits of the bare scan (``benchmarks/baseline.py``) over ``texts``."""
    t0 = time.perf_counter()
    hits = baseline.scan(texts, auto)
    return time.perf_counter() - t0, hits


class Stages:
    """Seconds spent in each stage, by wrapping the registered annotators and the table code."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._undo: list = []

    def _wrap(self, owner, attr: str, label: str) -> None:
        func = getattr(owner, attr)
        seconds = self.seconds
        seconds.setdefault(label, 0.0)
        clock = time.perf_counter

        def timed(*args, **kwargs):
            t0 = clock()
            try:
                return func(*args, **kwargs)
            finally:
                seconds[label] += clock() - t0

        setattr(owner, attr, timed)
        self._undo.append((owner, attr, func))

    def __enter__(self) -> "Stages":
        from toolkit import corpus, pipeline, registry, tables

        for name, a in list(registry._REGISTRY.items()):
            holder = type("holder", (), {"f": staticmethod(a.func)})
            self._wrap(holder, "f", f"annotator {name}")
            registry._REGISTRY[name] = dataclasses.replace(a, func=holder.f)
            self._undo.append((registry._REGISTRY, name, a))
        self._wrap(pipeline, "make_doc", "Doc: normalise + sentences")
        self._wrap(pipeline, "resolve", "resolve conflicts")
        self._wrap(tables.Rows, "add", "table rows (Rows.add)")
        self._wrap(tables.Rows, "frames", "tables (Rows.frames)")
        self._wrap(corpus, "cluster_events", "event clustering")
        return self

    def __exit__(self, *exc) -> None:
        for owner, attr, value in reversed(self._undo):
            if isinstance(owner, dict):
                owner[attr] = value
            else:
                setattr(owner, attr, value)


def run_child(code: str, args: list[str], env: dict | None = None) -> tuple[dict, float]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True,
                         env=env, cwd=str(ROOT))
    return json.loads(out.stdout.strip().splitlines()[-1]), time.perf_counter() - t0


def cold_start(rounds: int) -> dict:
    env = dict(os.environ)  # the disk cache in use is warm: this process loaded everything through it
    warm = [run_child(_COLD, [SHORT], env) for _ in range(rounds)]
    cold = []
    for _ in range(max(1, rounds // 3)):
        with tempfile.TemporaryDirectory() as tmp:
            cold.append(run_child(_COLD, [SHORT], {**env, "TOOLKIT_CACHE_DIR": tmp}))

    def med(runs, key):
        return statistics.median(r[key] if key != "wall" else w for r, w in runs)

    return {k: {f: med(runs, f) for f in ("import", "first", "frames", "wall")}
            for k, runs in (("warm", warm), ("cold", cold))}


def store_child(path: str, workers: int, n: int, batch: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        result, _ = run_child(_STORE, [path, str(Path(tmp) / "store"), str(workers), str(n), str(batch)])
    return result


def per_char(article_text: str, rounds: int) -> tuple[float, float]:
    """Microseconds per 1,000 characters of the public path at 1x and 32x the text (best of ``rounds``)."""
    import toolkit

    out = []
    for times, r in ((1, rounds), (32, max(1, rounds // 3))):
        text = "\n\n".join([article_text] * times)
        best = float("inf")
        for _ in range(r):
            t0 = time.perf_counter()
            ann = toolkit.annotate(text, lang="ar")
            _ = (ann.mentions, ann.events)
            best = min(best, time.perf_counter() - t0)
        out.append(best / len(text) * 1e6 * 1000)
    return out[0], out[1]


def line(label: str, seconds: float, chars: int, base: float | None = None) -> str:
    ratio = f"  {seconds / base:6.1f}x the bare scan" if base else ""
    return f"{label:<44} {seconds:8.2f} s {chars / seconds:14,.0f} chars/s{ratio}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="first N articles (default 2,000)")
    ap.add_argument("--corpus", default=str(DEFAULT), help="corpus folder (default ../shared/corpora/saudinewsnet)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="~200 articles, every measure once: under 2 minutes")
    ap.add_argument("--skip-workers", action="store_true", help="leave out the worker speed-up (step 6)")
    ap.add_argument("--explorer-store", help="an annotation store to measure the explorer on (default: step 2's)")
    args = ap.parse_args(argv)
    if args.quick:
        args.n = min(args.n, 200)
    corpus_path = Path(args.corpus)
    if not corpus_path.exists():
        print(f"skipped: no corpus at {corpus_path} (SaudiNewsNet lives in ../shared/corpora/saudinewsnet; "
              f"--corpus corpus/ uses the bundled corpus)")
        return 0

    import toolkit
    from toolkit.batch import annotate_to_store, init_worker
    from toolkit.cache import cache_dir
    from toolkit.corpus import Corpus
    from toolkit.readers import iter_articles

    skipped: list = []
    articles = list(islice(iter_articles(corpus_path, errors="skip", problems=skipped), args.n))
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    print(f"{time.strftime('%Y-%m-%d %H:%M')}  Python {sys.version.split()[0]}  {os.cpu_count()} cores, "
          f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}  disk cache {cache_dir()}")
    print(f"corpus {corpus_path.name}: {len(articles):,} articles, {chars:,} chars "
          f"(mean {chars / max(1, len(articles)):,.0f}); {len(skipped)} records skipped")

    t0 = time.perf_counter()
    auto = baseline.country_automaton()
    init_worker()  # every lexicon structure loaded: nothing below pays for building
    print(f"setup (bare automaton of {len(auto):,} keys, lexicons loaded): {time.perf_counter() - t0:.1f} s")

    # 1-2. bare scan, public path, corpus path (timed stage by stage), store path
    # the bare scan runs before each path and after the last (a shared machine's load changes
    # within a run): each path's ratio is to the mean of the bare scans just before and after it
    bares = [bare_scan(texts, auto)]
    hits = bares[0][1]
    t_public = t_frames = 0.0
    clock = time.perf_counter
    for a in articles:
        t0 = clock()
        ann = toolkit.annotate(a.text, lang=a.language or "ar")
        t1 = clock()
        _ = (ann.mentions, ann.events)
        t_public += clock() - t0
        t_frames += clock() - t1
    bares.append(bare_scan(texts, auto))
    with Stages() as stages:
        t0 = clock()
        corpus = Corpus.from_articles(articles).annotate(progress=False)
        t_corpus = clock() - t0
    n_mentions, n_events = len(corpus.mentions), len(corpus.events)
    tmp = tempfile.TemporaryDirectory()
    store = Path(tmp.name) / "store"
    bares.append(bare_scan(texts, auto))
    t0 = clock()
    annotate_to_store(iter(articles), store, workers=1, progress=False)
    t_store = clock() - t0
    bares.append(bare_scan(texts, auto))
    b = [t for t, _ in bares]
    t_bare = statistics.mean(b)
    near = {"public": (b[0] + b[1]) / 2, "corpus": (b[1] + b[2]) / 2, "store": (b[2] + b[3]) / 2}

    print()
    print(line("bare scan (normalise + country-name automaton)", t_bare, chars)
          + f"  (mean of 4 runs: {', '.join(f'{t:.2f}' for t in b)} s; {hits:,} raw hits)")
    print(line("public path: toolkit.annotate + DataFrames", t_public, chars, near["public"])
          + f"  (DataFrames {t_frames / len(articles) * 1000:.1f} ms/article of "
          f"{t_public / len(articles) * 1000:.1f})")
    print(line("corpus path: Corpus.annotate", t_corpus, chars, near["corpus"])
          + f"  ({n_mentions:,} mentions, {n_events:,} events)")
    print(line("store path: annotate_to_store, 1 worker", t_store, chars, near["store"]))
    print("goal: both paths within 8x of the bare scan (each ratio: to the bare scans just before and after it)")

    t_bare = near["corpus"]
    print("\nshare of each stage, corpus path (and its time as a multiple of the bare scan's):")
    rows = sorted(stages.seconds.items(), key=lambda kv: -kv[1])
    rest = t_corpus - sum(stages.seconds.values())
    for label, s in rows + [("rest (layout read, sorting, Corpus bookkeeping)", rest)]:
        print(f"  {label:<44} {s:8.2f} s  {s / t_corpus:6.1%}  {s / t_bare:6.1f}x the bare scan")

    # 5. cost per character
    lengths = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    mid = texts[lengths[len(lengths) // 2]]
    one, many = per_char(mid, 3 if args.quick else 9)
    print(f"\ncost per 1,000 chars, public path, an article of {len(mid):,} chars: 1x {one / 1000:.3f} ms, "
          f"32x {many / 1000:.3f} ms  (ratio {many / one:.2f}; 1.0 is linear)")

    # 4. cold start
    cs = cold_start(1 if args.quick else 3)
    bytecode = "off (PYTHONDONTWRITEBYTECODE set)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(f"\ncold start, a new process (import toolkit + first annotation of {len(SHORT)} chars; "
          f"bytecode caching {bytecode}):")
    for k in ("warm", "cold"):
        c = cs[k]
        print(f"  disk cache {k}: import {c['import']:.2f} s + first annotation {c['first']:.2f} s = "
              f"{c['import'] + c['first']:.2f} s  (its DataFrames {c['frames']:.2f} s more; "
              f"process wall time {c['wall']:.2f} s)  goal 1 s")

    # 6. workers
    if not args.skip_workers:
        batch = max(25, len(articles) // (4 * args.workers))
        one_w = store_child(str(corpus_path), 1, len(articles), batch)
        par = store_child(str(corpus_path), args.workers, len(articles), batch)
        print(f"\nstore from the corpus in a child process, batches of {batch}: 1 worker {one_w['wall']:.1f} s, "
              f"{args.workers} workers {par['wall']:.1f} s: speed-up {one_w['wall'] / par['wall']:.2f}x (goal 1.8x)")
        cpu = par["cpu_self"] + par["cpu_children"]
        print(f"  CPU seconds: 1 worker {one_w['cpu_self'] + one_w['cpu_children']:.1f}, {args.workers} workers "
              f"{cpu:.1f} (writer {par['cpu_self']:.1f}): CPU/wall {cpu / par['wall']:.2f} of {args.workers} "
              f"(below that, the cores were busy with other work; load average now "
              f"{os.getloadavg()[0]:.1f})")
        print(f"peak RSS, {args.workers} workers: writer + workers {par['peak_total_kb'] / 1024:,.0f} MB "
              f"(sampled every 0.1 s with {par['sampler']}; goal 1 GB): writer {par['peak_self_kb'] / 1024:,.0f} MB, "
              f"largest worker {par['peak_worker_kb'] / 1024:,.0f} MB; getrusage RUSAGE_CHILDREN "
              f"{par['rusage_children_kb'] / 1024:,.0f} MB (the largest worker; RUSAGE_SELF "
              f"{par['rusage_self_kb'] / 1024:,.0f} MB carries this benchmark's own mark across fork and exec)")

    # 7. the explorer
    try:
        import bench_explorer
    except ImportError:
        print("\nexplorer: benchmarks/bench_explorer.py is not there")
    else:
        where = Path(args.explorer_store) if args.explorer_store else store
        explored = Corpus.from_store(where)
        if not args.explorer_store:  # a store of articles given in memory cannot re-read them: hand them over
            explored._memory = tuple(articles)
        print(f"\nexplorer on a store of {len(explored.articles):,} articles ({len(explored.events):,} events):")
        bench_explorer.measure(explored)
        print("goal: at most 0.1 s")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Snapshot of the date, amount, ordinal and quote mentions over a fixed set of articles.

    python benchmarks/snapshot_annotators.py OUT.jsonl [--corpus PATH] [--per-zip N]
        [--zips A.zip,B.zip,...] [--workers 2]

Runs ``toolkit.annotate`` (the mention annotators, in pipeline order; events are left
out: they add no date/amount/quote mentions) on the first ``--per-zip`` articles of each
of ``--zips`` in the SaudiNewsNet folder (default ../shared/corpora/saudinewsnet) and on
every article of the repo's ``corpus/`` folder, and writes one JSON line per ``date``,
``amount``, ``ordinal`` and ``quote`` mention: article id, start, end, type, value, kind,
rule, attrs. It also records the standalone ``find_dates`` / ``find_amounts`` results on
the repo's corpus (the paths that run without the pipeline). Lines are sorted, so two
snapshots compare with ``diff`` or ``cmp``.

Use it before and after changing an annotator: output must not change unless the change
is a deliberate fix. ``--all`` snapshots the whole pipeline instead: every mention of every
type and every event (events annotator included), for speed work that must not change output.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.pipeline import BUILTIN_ANNOTATORS, annotate  # noqa: E402
from toolkit.readers import iter_articles  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
DEFAULT_ZIPS = "2015-07-21.zip,2015-07-23.zip,2015-08-01.zip,2015-08-10.zip"
TYPES = ("date", "amount", "ordinal", "quote")


def _line(source: str, art_id: str, rec: dict) -> str:
    return json.dumps({"src": source, "id": art_id, **rec}, ensure_ascii=False, sort_keys=True, default=str)


def _pipeline_lines(item: tuple[str, object], everything: bool = False) -> list[str]:
    source, article = item
    if everything:
        ann = annotate(article)
    else:
        ann = annotate(article, annotators=[n for n in BUILTIN_ANNOTATORS if n != "events"])
    out = []
    for m in ann.mention_records:
        if everything or m.type in TYPES:
            out.append(_line(source, article.id, {
                "start": m.start, "end": m.end, "type": m.type, "value": m.value, "kind": m.kind,
                "rule": m.rule, "attrs": dict(m.attrs), "sentence": m.sentence, "confidence": m.confidence}
                if everything else {
                "start": m.start, "end": m.end, "type": m.type, "value": m.value, "kind": m.kind,
                "rule": m.rule, "attrs": dict(m.attrs)}))
    if everything:
        for e in ann.event_records:
            out.append(_line(source, article.id, {"event": dataclasses.asdict(e)}))
    return out


def _all_lines(item: tuple[str, object]) -> list[str]:
    return _pipeline_lines(item, everything=True)


def _standalone_lines(article) -> list[str]:
    from toolkit.annotators.amounts import find_amounts
    from toolkit.dategrammar import find_dates

    out = []
    for d in find_dates(article.text, reference=article.published or None):
        out.append(_line("find_dates", article.id, {
            "start": d.start, "end": d.end, "type": "date", "value": d.value, "kind": d.resolution,
            "rule": d.rule, "attrs": {"calendar": d.calendar, "relative": d.relative}}))
    for a in find_amounts(article.text):
        out.append(_line("find_amounts", article.id, {
            "start": a.start, "end": a.end, "type": a.type, "value": a.value, "kind": a.kind,
            "rule": a.rule, "attrs": a.attrs}))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output JSONL file (put it outside the repo, e.g. in /tmp)")
    ap.add_argument("--corpus", default=str(DEFAULT), help="folder of SaudiNewsNet zips")
    ap.add_argument("--zips", default=DEFAULT_ZIPS, help="comma-separated zip names in --corpus")
    ap.add_argument("--per-zip", type=int, default=600, help="articles taken from each zip")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--all", action="store_true", help="every mention type and every event (the whole pipeline)")
    args = ap.parse_args(argv)

    items: list[tuple[str, object]] = []
    for name in args.zips.split(","):
        problems: list = []
        arts = islice(iter_articles(Path(args.corpus) / name, errors="skip", problems=problems), args.per_zip)
        items.extend((name, a) for a in arts)
    repo_corpus = list(iter_articles(ROOT / "corpus", errors="skip", problems=[]))
    items.extend(("corpus", a) for a in repo_corpus)

    t0 = time.perf_counter()
    lines: list[str] = []
    one = _all_lines if args.all else _pipeline_lines
    if args.workers > 1:
        with ProcessPoolExecutor(args.workers) as ex:
            for chunk in ex.map(one, items, chunksize=16):
                lines.extend(chunk)
    else:
        for item in items:
            lines.extend(one(item))
    for a in repo_corpus:
        lines.extend(_standalone_lines(a))
    lines.sort()
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"{len(items)} articles, {len(lines)} mentions -> {args.out} in {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Score the event coder on the English dev set written for it (tests/data/events_en_*.jsonl).

``events_en_dev.jsonl`` (248 sentences) is the part one may look at and tune on;
``events_en_heldout.jsonl`` (62 sentences: every fifth sentence as written, set apart before any
tuning) is the part never tuned on, and the figure to quote. Each line: ``id``, ``sentence``,
``events`` (source, target, type, mode; source/target ISO alpha-3, an organisation id, or null
when the text names no such side). Wire-style sentences written for the project (paraphrases of
the kind of news wire copy carries; none copied from a wire).

Figures:
- type micro-F1: over (sentence, PLOVER type) pairs, gold types against predicted types;
- (source, target, type) recall: the share of gold triples among the predicted triples
  (agents and mode are not compared), and the precision of predicted triples;
- mode accuracy over the matched triples.

    python scripts/score_events_en.py --part heldout
    python scripts/score_events_en.py --part dev -v      # lists errors (dev part only)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
FILES = {"dev": "events_en_dev.jsonl", "heldout": "events_en_heldout.jsonl"}


def records(part: str) -> list[dict]:
    names = list(FILES.values()) if part == "all" else [FILES[part]]
    out = []
    for name in names:
        out += [json.loads(x) for x in (DATA / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    return out


def score(part: str, verbose: bool = False) -> dict:
    import toolkit

    tp = fp = fn = 0
    t_hit = t_gold = t_pred = t_pred_hit = 0
    mode_ok = mode_n = 0
    errors = []
    for r in records(part):
        ev = toolkit.annotate(r["sentence"], lang="en").event_records
        gold_types = {e["type"] for e in r["events"]}
        pred_types = {e.type for e in ev}
        tp += len(gold_types & pred_types)
        fp += len(pred_types - gold_types)
        fn += len(gold_types - pred_types)
        gold = {(e["source"], e["target"], e["type"]): e["mode"] for e in r["events"]}
        pred = {(e.source, e.target, e.type): e.mode for e in ev}
        t_gold += len(gold)
        t_hit += len(set(gold) & set(pred))
        t_pred += len(pred)
        t_pred_hit += len(set(gold) & set(pred))
        for k in set(gold) & set(pred):
            mode_n += 1
            mode_ok += gold[k] == pred[k]
        if gold_types != pred_types or set(gold) - set(pred):
            errors.append((r["id"], r["sentence"], sorted(gold, key=str), sorted(pred, key=str),
                           [e.rule for e in ev]))
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * rec / (p + rec) if p + rec else 0.0
    out = {"type_precision": p, "type_recall": rec, "type_f1": f,
           "triple_recall": t_hit / t_gold if t_gold else 0.0,
           "triple_precision": t_pred_hit / t_pred if t_pred else 0.0,
           "mode_accuracy": mode_ok / mode_n if mode_n else 0.0}
    print(f"[{part}] sentences={len(records(part))} type micro P={p:.3f} R={rec:.3f} F1={f:.3f}; "
          f"(source, target, type) recall={out['triple_recall']:.3f} ({t_hit}/{t_gold}) "
          f"precision={out['triple_precision']:.3f} ({t_pred_hit}/{t_pred}); "
          f"mode accuracy on matches={out['mode_accuracy']:.3f}")
    if verbose and part == "dev":
        for i, s, g, pr, rules in errors:
            print(f"  {i}: {s}\n      gold {g}\n      got  {pr}  {rules}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("dev", "heldout", "all"), default="heldout")
    ap.add_argument("-v", action="store_true", help="list the errors (dev part only)")
    a = ap.parse_args(argv)
    score(a.part, a.v)
    return 0


if __name__ == "__main__":
    sys.exit(main())

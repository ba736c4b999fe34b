#!/usr/bin/env python3
"""Score the event coder on a fixed split of the Arabic event gold (../shared/gold/arabic_event_gsr_dev/).

The shared scorer (../shared/tools/score_event_gsr.py) scores every sentence. Tuning needs a part
that is never looked at: this script splits the gold by *document* (the id without its sentence
number), a document going to the held-out fifth when the first byte of the MD5 of its id is
< 256 / 5. The split is fixed by the ids alone. Scoring is the shared scorer's: a sentence is
positive for a type when ``toolkit.annotate(text, lang="ar").events`` holds a row of that type
(any mode); ``ambiguous`` labels are not scored.

    python scripts/score_event_gsr_split.py --part heldout      # the figure to quote
    python scripts/score_event_gsr_split.py --part tune -v      # lists misses and false alarms (tune part only)

``-v`` never prints held-out sentences.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

GOLD = Path("../shared/gold/arabic_event_gsr_dev")
FILES = {"ASSAULT": "assault_dev.csv", "PROTEST": "protest_dev.csv"}


def document(sentence_id: str) -> str:
    """The document a gold sentence belongs to: its id without the trailing sentence number."""
    return re.sub(r"[-_]\d+$", "", sentence_id)


def part_of(sentence_id: str) -> str:
    digest = hashlib.md5(document(sentence_id).encode("utf-8")).digest()
    return "heldout" if digest[0] < 256 // 5 else "tune"


def rows(etype: str, part: str) -> list[dict]:
    path = GOLD / FILES[etype]
    with path.open(encoding="utf-8") as fh:
        out = [r for r in csv.DictReader(fh) if r["label"] != "ambiguous"]
    return [r for r in out if part == "all" or part_of(r["id"]) == part]


def score(etype: str, part: str, verbose: bool) -> dict:
    import toolkit

    tp = fp = fn = 0
    missed, false = [], []
    for r in rows(etype, part):
        gold = r["label"] == "yes"
        ev = toolkit.annotate(r["text"], lang="ar").event_records
        pred = any(e.type == etype for e in ev)
        if pred and gold:
            tp += 1
        elif pred:
            fp += 1
            false.append((r["id"], r["label"], r["text"][:200], [(e.type, e.rule) for e in ev if e.type == etype][:1]))
        elif gold:
            fn += 1
            missed.append((r["id"], r["text"][:200]))
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * rec / (p + rec) if p + rec else 0.0
    print(f"{etype} [{part}]: n={tp + fp + fn} tp={tp} fp={fp} fn={fn} precision={p:.3f} recall={rec:.3f} f1={f:.3f}")
    if verbose and part != "heldout":
        for i, t in missed[:60]:
            print(f"   missed {i}: {t}")
        for i, lab, t, why in false[:60]:
            print(f"   false  {i} ({lab}): {t}  {why}")
    return {"precision": p, "recall": rec, "f1": f}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("tune", "heldout", "all"), default="heldout")
    ap.add_argument("-v", action="store_true", help="list misses and false alarms (never for the held-out part)")
    a = ap.parse_args(argv)
    if not GOLD.exists():
        print(f"{GOLD} not found: run from the repository root with ../shared beside it", file=sys.stderr)
        return 2
    fa = score("ASSAULT", a.part, a.v)["f1"]
    fp_ = score("PROTEST", a.part, a.v)["f1"]
    print(f"[{a.part}] assault_f1={fa:.3f} protest_f1={fp_:.3f} mean_f1={(fa + fp_) / 2:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

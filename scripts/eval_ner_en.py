#!/usr/bin/env python3
"""Score the English person and organisation mentions (the whole pipeline) on the English names set.

    python scripts/eval_ner_en.py --part heldout     # the figure to quote
    python scripts/eval_ner_en.py --part dev -v      # with the errors (dev part only)

``tests/data/ner_en_dev.jsonl`` and ``tests/data/ner_en_heldout.jsonl``: wire-style English
sentences written for the project (not copied from any wire; two writers, one per part, who did
not see the rules), each with its person and organisation names as spans (``start``, ``end``,
``type``). The convention: a person's span is the name without titles, ranks or honorifics
(Col., Dr., Sheikh, King) and without a possessive 's; an organisation's is its name without a
leading "the" (Ministry of Defence, Justice and Development Party, Hezbollah); a generic body
(the Saudi government, the army) is no name. The dev part is the one looked at and tuned on;
the held-out part was set apart before any tuning and is only measured.

A mention matches a gold span of its type when the spans are equal (exact) or overlap (overlap);
each gold span is matched once.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DATA = REPO / "tests" / "data"
FILES = {"dev": "ner_en_dev.jsonl", "heldout": "ner_en_heldout.jsonl"}
TYPES = ("person", "organization")


def records(part: str) -> list[dict]:
    return [json.loads(x) for x in (DATA / FILES[part]).read_text(encoding="utf-8").splitlines() if x.strip()]


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(part: str, verbose: bool = False) -> tuple[dict, list[str]]:
    import toolkit

    tp_e, tp_o, pred, gold = Counter(), Counter(), Counter(), Counter()
    errors: list[str] = []
    for r in records(part):
        text = r["text"]
        mentions = toolkit.annotate(text, lang="en").mentions
        got = [(int(m.start), int(m.end), m.type, m.rule) for m in mentions.itertuples() if m.type in TYPES]
        golds = [(g["start"], g["end"], g["type"]) for g in r["names"] if g["type"] in TYPES]
        for *_, t in golds:
            gold[t] += 1
        used_e: set[int] = set()
        used_o: set[int] = set()
        for a, b, t, rule in got:
            pred[t] += 1
            k = next((k for k, g in enumerate(golds) if k not in used_e and g == (a, b, t)), None)
            if k is not None:
                used_e.add(k)
                tp_e[t] += 1
            else:
                errors.append(f"{r['id']} extra {t:12} {text[a:b]!r} ({rule})")
            k = next((k for k, (ga, gb, gt) in enumerate(golds) if k not in used_o and gt == t and a < gb and ga < b),
                     None)
            if k is not None:
                used_o.add(k)
                tp_o[t] += 1
        for k, (ga, gb, gt) in enumerate(golds):
            if k not in used_e:
                errors.append(f"{r['id']} missed {gt:11} {text[ga:gb]!r}   | {text}")
    figures = {}
    for view, tp in (("exact", tp_e), ("overlap", tp_o)):
        for t in TYPES:
            figures[(view, t)] = prf(tp[t], pred[t], gold[t]) + (gold[t], pred[t])
    return figures, errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="heldout", choices=tuple(FILES))
    ap.add_argument("-v", "--verbose", action="store_true", help="list the errors (dev part only)")
    args = ap.parse_args()
    figures, errors = score(args.part)
    n = len(records(args.part))
    print(f"English names, {args.part} part ({FILES[args.part]}, {n} sentences): the pipeline's mentions")
    for view in ("exact", "overlap"):
        print(f"{view} spans:")
        print(f"  {'class':<14} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
        for t in TYPES:
            p, r, f, g, pr = figures[(view, t)]
            print(f"  {t:<14} {p:6.3f} {r:6.3f} {f:6.3f} {g:6d} {pr:6d}")
    if args.verbose:
        if args.part != "dev":
            print("errors are listed for the dev part only")
        else:
            print("\n".join(sorted(errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

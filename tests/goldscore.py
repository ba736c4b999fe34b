"""Scoring of annotations against gold files in the format of ../shared/gold/.

The same rules as the shared scorer (../shared/tools/score_gold.py), for the gold
files that ship with the tests (tests/gold/): spans match by overlap, one gold span
at most once, values must agree (ISO3 for countries, ISO dates, numbers).
"""
from __future__ import annotations

import math
from typing import Any

KINDS = [("countries", "country"), ("persons", "person"), ("organizations", "organization"),
         ("dates", "date"), ("amounts", "amount"), ("quotes", "quote")]


def _same(kind: str, gold: dict, pred: dict) -> bool:
    if kind == "countries":
        return str(pred.get("value", "")).upper() == gold["iso3"]
    if kind == "dates":
        g = "/".join(gold["value"]) if isinstance(gold["value"], list) else str(gold["value"])
        return str(pred.get("value")) == g
    if kind == "amounts":
        try:
            return math.isclose(float(pred.get("value")), float(gold["value"]))
        except (TypeError, ValueError):
            return False
    return True


def f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: dict, mentions, events) -> dict[str, Any]:
    """Per-kind F1 (with tp/pred/gold), traps hit, sectors F1 and events matched."""
    recs = mentions.to_dict("records")
    out: dict[str, Any] = {}
    for kind, type_ in KINDS:
        preds = [r for r in recs if r["type"] == type_]
        used: set[int] = set()
        tp = 0
        for g in gold[kind]:
            for i, p in enumerate(preds):
                if i not in used and p["start"] < g["end"] and g["start"] < p["end"] and _same(kind, g, p):
                    used.add(i)
                    tp += 1
                    break
        out[kind] = {"f1": round(f1(tp, len(preds), len(gold[kind])), 3), "tp": tp, "pred": len(preds), "gold": len(gold[kind])}
    countries = [r for r in recs if r["type"] == "country"]
    out["traps"] = [n["text"] for n in gold.get("not_countries", [])
                    if any(p["start"] < n["end"] and n["start"] < p["end"] for p in countries)]
    pred_sectors = {r["value"] for r in recs if r["type"] == "sector"}
    out["sectors"] = round(f1(len(pred_sectors & set(gold["sectors"])), len(pred_sectors), len(gold["sectors"])), 3)
    pool = [(e["source"], e["target"], e["type"]) for e in events.to_dict("records")]
    hit = 0
    for g in gold["events"]:
        key = (g["source"], g["target"], g["plover"])
        if key in pool:
            pool.remove(key)
            hit += 1
    out["events"] = {"matched": hit, "gold": len(gold["events"]), "pred": len(events)}
    return out

#!/usr/bin/env python3
"""Train the event filter (toolkit/event_filter.py) on the tune part of the Arabic event gold.

Data: ``../shared/gold/arabic_event_gsr_dev`` (ASSAULT and PROTEST sentences labelled by several
annotators; ``ambiguous`` left out), only the *tune* part of the fixed document split of
``scripts/score_event_gsr_split.py``: the held-out fifth is never read here. For every sentence
the rules' candidate events of the type are collected with their features (no filtering); a
sentence without a candidate stays a negative prediction (a miss when it is a positive).

Model: one logistic regression per type over binary features seen in at least ``--min-count``
training sentences (L2, scikit-learn lbfgs). Its C and threshold are chosen by 5-fold
cross-validation grouped by document over the tune part; the figures printed and stored are
those out-of-fold predictions (over every tune sentence, so misses without a candidate count),
never the model's fit on its own training sentences. The final model is fitted on the whole tune
part and written with its provenance to ``toolkit/models/event_filter.json``.

    python scripts/train_event_filter.py            # train, print CV figures, write the model
    python scripts/train_event_filter.py --dry-run  # the CV figures only
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_event_gsr_split import document, rows  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "toolkit" / "models" / "event_filter.json"
TYPES = ("ASSAULT", "PROTEST")
VERSION = "2"
#: A candidate whose two sides are states found by the direction rules is dropped only below one of
#: these (chosen by CV): the gold's wire copy is not where those rules were written, so the filter
#: may trim them but not overrule them.
STATE_THRESHOLDS = (0.0, 0.05)


def candidates(etype: str) -> list[tuple[str, bool, set[str] | None, bool]]:
    """(document, gold, features of the sentence's agent candidates of ``etype`` or None, kept by the
    state-pair rules) per tune sentence."""
    import toolkit
    from toolkit.annotators import events as ev

    out = []
    kept_by_rules: set[str] = set()
    for r in rows(etype, "tune"):
        ev.FEATURE_SINK = []
        try:
            toolkit.annotate(r["text"], lang="ar")
            got = [f for _, t, f, agent_path in ev.FEATURE_SINK if t == etype and agent_path]
            sink = ev.FEATURE_SINK
        finally:
            ev.FEATURE_SINK = None
        # a sentence where the direction rules found two states keeps its event: no filter
        if any(t == etype and not agent_path for _, t, _, agent_path in sink):
            got = []
            kept_by_rules.add(r["id"])
        feats = set().union(*got) if got else None
        out.append((document(r["id"]), r["label"] == "yes", feats, r["id"] in kept_by_rules))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(data, c: float, min_count: int):
    """Out-of-fold probabilities for the candidates (GroupKFold by document)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    cand = [(d, y, f) for d, y, f, _ in data if f is not None]
    groups = [d for d, _, _ in cand]
    y = np.array([int(v) for _, v, _ in cand])
    oof = np.zeros(len(cand))
    for train, test in GroupKFold(n_splits=5).split(cand, y, groups):
        vec, clf = fit([cand[i] for i in train], c, min_count)
        X = vec.transform([{k: 1 for k in cand[i][2]} for i in test])
        oof[test] = clf.predict_proba(X)[:, 1]
    return cand, y, oof


def fit(cand, c: float, min_count: int):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(k for _, _, f in cand for k in f)
    keep = {k for k, n in counts.items() if n >= min_count}
    vec = DictVectorizer()
    X = vec.fit_transform([{k: 1 for k in f if k in keep} for _, _, f in cand])
    clf = LogisticRegression(C=c, solver="lbfgs", max_iter=2000)
    clf.fit(X, [int(y) for _, y, _ in cand])
    return vec, clf


def evaluate(data, cand, y, oof, thr: float, thr_states: float = 0.0) -> tuple[float, float, float, int, int, int]:
    import numpy as np

    states = np.array(["path:states" in f for _, _, f in cand], dtype=bool)
    cut = np.where(states, thr_states, thr)
    tp = int(((oof >= cut) & (y == 1)).sum())
    fp = int(((oof >= cut) & (y == 0)).sum())
    fn = int(((oof < cut) & (y == 1)).sum()) + sum(1 for _, g, f, kept in data if f is None and g and not kept)
    tp += sum(1 for _, g, f, kept in data if kept and g)
    fp += sum(1 for _, g, f, kept in data if kept and not g)
    return (*prf(tp, fp, fn), tp, fp, fn)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--min-count", type=int, default=3)
    a = ap.parse_args(argv)
    model = {"name": "event-filter", "version": VERSION, "lang": "ar", "types": {},
             "provenance": {
                 "data": "../shared/gold/arabic_event_gsr_dev (openeventdata arabic_event_gsr, MIT), tune part only: "
                         "documents whose MD5(id)[0] >= 51 (scripts/score_event_gsr_split.py); the held-out fifth "
                         "was never used",
                 "script": "scripts/train_event_filter.py",
                 "model": "logistic regression (scikit-learn lbfgs, L2) over binary features of the rules' "
                          "candidate events; C and threshold chosen by 5-fold CV grouped by document",
                 "features": "toolkit.annotators.events._features"}}
    for etype in TYPES:
        data = candidates(etype)
        n_pos = sum(1 for _, g, _, _ in data if g)
        best = None
        for c in (0.05, 0.1, 0.3, 1.0):
            cand, y, oof = cross_validate(data, c, a.min_count)
            for thr in [x / 100 for x in range(5, 95, 5)]:
                for thr_s in STATE_THRESHOLDS:
                    p, r, f, tp, fp, fn = evaluate(data, cand, y, oof, thr, thr_s)
                    if best is None or f > best[0]:
                        best = (f, c, thr, thr_s, p, r, tp, fp, fn)
        f, c, thr, thr_s, p, r, tp, fp, fn = best
        rule_only = evaluate(data, cand, y, oof, 0.0)
        print(f"{etype}: tune sentences={len(data)} positives={n_pos} candidates={len(cand)}; "
              f"rules alone P={rule_only[0]:.3f} R={rule_only[1]:.3f} F1={rule_only[2]:.3f}; "
              f"grouped 5-fold CV with the filter (C={c}, threshold={thr}, two-state threshold={thr_s}): "
              f"P={p:.3f} R={r:.3f} F1={f:.3f} "
              f"(tp={tp} fp={fp} fn={fn})")
        vec, clf = fit(cand, c, a.min_count)
        weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
                   if abs(w) >= 1e-3}
        model["types"][etype] = {
            "intercept": round(float(clf.intercept_[0]), 4), "threshold": thr, "threshold_states": thr_s, "C": c,
            "min_count": a.min_count,
            "weights": dict(sorted(weights.items())),
            "cv": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn,
                   "sentences": len(data), "candidates": len(cand)},
        }
    if not a.dry_run:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

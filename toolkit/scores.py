"""The article-level cooperation–conflict score.

``cooperation_conflict_score(events)`` is the mode-weighted mean intensity of an
article's events, on the Goldstein-like scale of ``lexicon/plover.csv``:

    score = Σ w(mode) · intensity / Σ w(mode),   w(done) = 1, w(intend) = 0.5, w(negated) = 0

- range −10 … +10: +10 all events are the most cooperative kind (material aid,
  agreements), −10 all are the most violent (invasion, air strikes); 0 a balance, or
  only neutral events;
- intentions count half (an announced meeting is weaker evidence than a meeting held);
  negated and denied events count nothing;
- ``None`` when there is no event of positive weight (no evidence either way), so that
  "no events" is never mistaken for "neutral".

See ``lexicon/README.events.md`` for the intensities and quad classes.
"""
from __future__ import annotations

import math
from typing import Any, Iterable

#: Weight of an event in the score by its mode (unknown modes weigh as "done").
MODE_WEIGHTS: dict[str, float] = {"done": 1.0, "intend": 0.5, "negated": 0.0}


def _records(events: Any) -> Iterable[tuple[Any, Any]]:
    """(mode, intensity) pairs from a list of Event records or an events DataFrame."""
    if hasattr(events, "to_dict") and hasattr(events, "columns"):
        if len(events) == 0:
            return []
        missing = {"mode", "intensity"} - set(events.columns)
        if missing:
            raise ValueError(f"events table lacks column(s) {sorted(missing)}")
        return list(zip(events["mode"], events["intensity"]))
    out = []
    for e in events or ():
        if isinstance(e, dict):
            out.append((e.get("mode"), e.get("intensity")))
        else:
            out.append((e.mode, e.intensity))
    return out


def cooperation_conflict_score(events: Any) -> float | None:
    """Mode-weighted mean intensity (−10 conflict … +10 cooperation), or None without evidence."""
    num = den = 0.0
    for mode, intensity in _records(events):
        if intensity is None or (isinstance(intensity, float) and math.isnan(intensity)):
            continue
        w = MODE_WEIGHTS.get(str(mode), 1.0)
        num += w * float(intensity)
        den += w
    if den == 0:
        return None
    return round(num / den, 3)

"""A small linear model that decides whether a candidate ASSAULT or PROTEST event is told now.

The rules of :mod:`toolkit.annotators.events` find candidate events from cues, actors and
context words; on real wire copy many candidates are still background mentions, summaries or
commentary that annotators do not code as events (``../shared/gold/arabic_event_gsr_dev``).
Where the rules stop gaining, this filter scores each sentence's candidates of one type with a
logistic regression over sparse binary features (the cue, its neighbours, the sentence's words,
the rule that found the actors, the mode, the agents) and drops them below a threshold.

The weights are data: ``toolkit/models/event_filter.json``, written by
``scripts/train_event_filter.py`` with its provenance (what it was trained on, the grouped
cross-validation figures, the threshold). Scoring needs no library: a dot product. When the
file is absent or a type has no model the candidates are kept as the rules made them.

A second model, the *news filter* (``toolkit/models/event_news_filter.json``, written by
``scripts/train_news_filter.py``), scores every Arabic event the rules and the first filter keep,
of any type, over compact features of the event and its sentence
(:func:`toolkit.annotators.events._news_features`): it was trained on SaudiNewsNet events judged by
hand (the dev samples in tests/data), where most errors are background, commentary and wrong sides
rather than missing cues. Events below its threshold are dropped; the kept ones carry its
probability as ``confidence``.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "models" / "event_filter.json"
NAME = "event-filter"
NEWS_MODEL_PATH = Path(__file__).resolve().parent / "models" / "event_news_filter.json"
NEWS_NAME = "event-news-filter"


@lru_cache(maxsize=1)
def model() -> dict:
    """The model file as a dict (``{}`` when there is none)."""
    if not MODEL_PATH.exists():
        return {}
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def version() -> str:
    return str(model().get("version", "0"))


def covers(lang: str, etype: str) -> bool:
    m = model()
    return m.get("lang") == lang and etype in m.get("types", {})


def probability(etype: str, features: set[str]) -> float:
    """P(the sentence tells an ``etype`` event) from its candidates' features."""
    t = model()["types"][etype]
    w = t["weights"]
    z = t["intercept"] + sum(w.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-z))


def threshold(etype: str, *, states: bool = False) -> float:
    """The cut below which candidates are dropped; ``states``: the candidates include two-state events."""
    t = model()["types"][etype]
    return float(t.get("threshold_states", 0.0) if states else t["threshold"])


@lru_cache(maxsize=1)
def news_model() -> dict:
    """The news filter's file as a dict (``{}`` when there is none)."""
    if not NEWS_MODEL_PATH.exists():
        return {}
    return json.loads(NEWS_MODEL_PATH.read_text(encoding="utf-8"))


def news_covers(lang: str) -> bool:
    return news_model().get("lang") == lang


def news_version() -> str:
    return str(news_model().get("version", "0"))


def news_probability(features: set[str]) -> float:
    """P(an event the rules kept is right) from its news features."""
    m = news_model()
    w = m["weights"]
    z = m["intercept"] + sum(w.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-z))


def news_threshold() -> float:
    return float(news_model()["threshold"])


__all__ = ["MODEL_PATH", "NAME", "NEWS_MODEL_PATH", "NEWS_NAME", "model", "version", "covers", "probability",
           "threshold", "news_model", "news_covers", "news_version", "news_probability", "news_threshold"]

"""The same event told many times, counted once: event rows clustered into events with their reports.

Many outlets carry the same wire story, and one article tells an event in several sentences
(the Cairo Declaration of 30 July 2015 is 38 AGREE rows in 18 SaudiNewsNet articles of 10
outlets). :func:`cluster_events` gives every row of an events table an ``event_id``: rows that
report the same event share it. Two rows report the same event when

1. **the same actors and type**: same PLOVER ``type``, same ``source`` and ``target`` (either
   way round for the mutual types of :data:`SYMMETRIC_TYPES`: "Egypt and Saudi Arabia agreed"
   is coded in both directions), and both negated or both not;
2. **dates that agree**: each row says when its event can have taken place, an interval of
   days: its own date when the text gives one (``2015-07-30``; a month or a year is narrowed to
   the days before publication when it holds them), else the ``lag_days`` up to its article's
   publication (a date equal to the publication day is read as no date: the event coder falls
   back to it). An event keeps the days all its reports allow (the intersection), so it never
   drifts along a month of daily stories;
3. **similar evidence**: the words of the two sentences overlap (a Jaccard index weighted by
   how rare each word is among the event sentences, so that titles every Saudi article carries
   weigh little). Rows of the same sentence or article, and rows whose days agree exactly, need
   ``min_similarity``; a row whose days miss the event's by at most ``max_gap_days`` joins only
   as a near-duplicate (``near_duplicate`` or more: the wire text republished a day later).

The cost is n log n in the number of rows: rows are blocked by (actors, type, polarity),
sorted by their first possible day, and compared only with the events of their block still
open in the date window (at most :data:`MAX_COMPARED` earlier reports each).

Returned tables (columns declared in :mod:`toolkit.schema`, ``UNIQUE_EVENTS`` and ``REPORTS``):
``unique_events`` (one row per event: actors, type, the days its reports agree on, how many
reports, articles and outlets, the first publication, an example sentence) and ``reports``
(one row per event row, with the event it reports and why it joined).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, NamedTuple

import pandas as pd

from toolkit.arabic import normalize_key
from toolkit.filters import Tables, as_tables, date_interval
from toolkit.schema import REPORTS, UNIQUE_EVENTS
from toolkit.tables import frame

#: Mutual event types: a report of A with B and one of B with A tell the same event.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: A row without a date of its own tells of an event up to this many days before publication.
LAG_DAYS = 3
#: A near-duplicate may join an event whose days it misses by at most this many days.
MAX_GAP_DAYS = 3
#: The weighted word overlap a row needs to join an event whose days it shares.
MIN_SIMILARITY = 0.1
#: The weighted word overlap that makes a row a near-duplicate (a republished wire text).
NEAR_DUPLICATE = 0.5
#: Distinct wordings of an event a row is compared with (wire copies count as one wording).
MAX_COMPARED = 12
#: A report's words are a new wording of its event when they overlap every kept one less than this.
NOVEL = 0.8
#: Words shorter than this are left out of the overlap.
MIN_WORD = 3

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")

#: The columns of the events table the clustering reads (missing ones count as empty).
_USED = ("article_id", "source", "target", "type", "mode", "quad_class", "intensity", "date", "sectors", "sentence",
         "evidence", "source_text", "target_text")


class Clustering(NamedTuple):
    """What :func:`cluster_events` returns: the events with ``event_id`` set, the events, the reports."""

    events: pd.DataFrame
    unique_events: pd.DataFrame
    reports: pd.DataFrame


# --------------------------------------------------------------------------- words and days

def words(text: Any) -> frozenset[str]:
    """The content words of a sentence, normalised (Arabic letter variants, diacritics, the
    article ال and the conjunctions و/ف stripped; English case-folded)."""
    if not isinstance(text, str) or not text:
        return frozenset()
    out = set()
    for w in _WORD.findall(normalize_key(text).casefold()):
        for p in _PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= MIN_WORD:
                w = w[len(p):]
                break
        else:
            if w[0] in "وف" and len(w) > MIN_WORD + 1:
                w = w[1:]
        if len(w) >= MIN_WORD:
            out.add(w)
    return frozenset(out)


def _has_own_date(date: Any, published: Any) -> bool:
    """Whether a row's date says more than its publication does (a date equal to the publication
    day may be the coder's fallback; a month or year holding it says no more)."""
    own = date_interval(date)
    if own is None:
        return False
    pub = date_interval(published)
    if pub is None:
        return True
    if own[0] == own[1] == pub[0]:
        return False
    return not (own[0] < own[1] and own[0] <= pub[0] <= own[1])


def report_days(date: Any, published: Any, *, lag_days: int = LAG_DAYS) -> tuple[int, int] | None:
    """The days (proleptic ordinals, inclusive) on which the event a row reports can have taken place.

    Its own ``date`` when it has one other than the publication day; a month or a year that holds
    the publication day says no more than the publication does ("this month"), so it is the
    ``lag_days`` up to publication, as a row without a date is; None when neither is known.
    """
    own = date_interval(date)
    pub_iv = date_interval(published)
    pub = pub_iv[0].toordinal() if pub_iv else None
    window = (pub - lag_days, pub) if pub is not None else None
    if own is None or (pub is not None and own[0] == own[1] and own[0].toordinal() == pub):
        return window
    lo, hi = own[0].toordinal(), own[1].toordinal()
    if window is not None and hi > lo and lo <= window[1] <= hi:
        return window
    if window is not None and hi > lo and lo <= window[1] and window[0] <= hi:
        return max(lo, window[0]), min(hi, window[1])
    return lo, hi


def _iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


# --------------------------------------------------------------------------- clustering

@dataclass
class _Event:
    key: tuple
    lo: int
    hi: int
    members: list[int] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    sentences: set[tuple[str, int]] = field(default_factory=set)
    reps: list[frozenset[str]] = field(default_factory=list)  # the distinct wordings of its reports


def _weighted_jaccard(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    inter = sum(idf[w] for w in a & b)
    union = sum(idf[w] for w in a | b)
    return inter / union if union else 0.0


def _block_key(source: Any, target: Any, typ: Any, mode: Any, symmetric: frozenset[str]) -> tuple | None:
    if not isinstance(source, str) or not isinstance(target, str) or not source or not target:
        return None
    typ = str(typ).upper()
    pair = tuple(sorted((source, target))) if typ in symmetric else (source, target)
    return pair + (typ, "negated" if mode == "negated" else "affirmed")


def cluster_events(events: pd.DataFrame, articles: pd.DataFrame, sentences: pd.DataFrame | None = None, *,
                   lag_days: int = LAG_DAYS, max_gap_days: int = MAX_GAP_DAYS,
                   min_similarity: float = MIN_SIMILARITY, near_duplicate: float = NEAR_DUPLICATE,
                   symmetric: Iterable[str] = SYMMETRIC_TYPES) -> Clustering:
    """Cluster the rows of ``events`` (a corpus events table, with ``article_id``) into events.

    ``articles`` gives each row's publication date (``published``) and outlet (``source_en``,
    else ``source``); ``sentences`` (``Corpus.sentences``) gives the words compared, else the
    rows' ``evidence`` and actor words are. Rows without both actors are events of their own.
    Returns the events with ``event_id`` set (same index and row order), the ``unique_events``
    table and the ``reports`` table (see the module docstring). Deterministic: the same rows in
    the same order give the same ids.
    """
    symmetric = frozenset(t.upper() for t in symmetric)
    n = len(events)
    ev = events.reset_index(drop=True)
    arts = articles.drop_duplicates("id").set_index("id") if len(articles) else pd.DataFrame(
        columns=["published", "source", "source_en"])
    published = ev["article_id"].map(arts["published"]) if n else pd.Series(dtype=object)
    outlet_col = arts["source_en"].where(arts["source_en"].notna(), arts["source"]) if "source_en" in arts else (
        arts["source"] if "source" in arts else pd.Series(dtype=object))
    outlets = ev["article_id"].map(outlet_col) if n else pd.Series(dtype=object)

    published = list(published)
    outlets = list(outlets)
    col = {name: (list(ev[name]) if name in ev.columns else [None] * n) for name in _USED}
    texts: list[Any]
    if sentences is not None and len(sentences):
        wanted = set(col["article_id"])
        lookup = {(a, int(i)): x for a, i, x in zip(sentences["article_id"].tolist(), sentences["sentence"].tolist(),
                                                   sentences["text"].tolist()) if a in wanted}
        texts = [lookup.get((a, int(s))) if pd.notna(s) else None for a, s in zip(col["article_id"], col["sentence"])]
    else:
        texts = [" ".join(str(x) for x in (e, s, t) if isinstance(x, str))
                 for e, s, t in zip(col["evidence"], col["source_text"], col["target_text"])]
    cache: dict[Any, frozenset[str]] = {}
    bags = [cache.setdefault(t, words(t)) if isinstance(t, str) else frozenset() for t in texts]
    df: Counter[str] = Counter()
    for bag in cache.values():
        df.update(bag)
    n_docs = max(len(cache), 1)
    idf = {w: math.log((1 + n_docs) / (1 + c)) + 1.0 for w, c in df.items()}

    days = [report_days(d, p, lag_days=lag_days) for d, p in zip(col["date"], published)]
    keys = [_block_key(s, t, ty, m, symmetric)
            for s, t, ty, m in zip(col["source"], col["target"], col["type"], col["mode"])]
    sent_keys = [(a, int(s) if pd.notna(s) else -1) for a, s in zip(col["article_id"], col["sentence"])]

    own_date = [_has_own_date(d, p) for d, p in zip(col["date"], published)]
    articles_of = list(col["article_id"])
    blocks: dict[tuple, list[int]] = defaultdict(list)
    clusters: list[_Event] = []
    owner = [-1] * n
    similarity: list[float | None] = [None] * n
    basis = [""] * n
    for i in range(n):
        if keys[i] is None or days[i] is None:
            owner[i] = len(clusters)
            lo, hi = days[i] or (0, 0)
            clusters.append(_Event(keys[i] or ("", "", str(col["type"][i]), ""), lo, hi, [i]))
            basis[i] = "first"
        else:
            blocks[keys[i]].append(i)

    def join(i: int, candidates: list[int]) -> None:
        lo, hi = days[i]
        best: tuple[float, int, str] | None = None
        for c in candidates:
            event = clusters[c]
            gap = max(0, lo - event.hi, event.lo - hi)
            if gap > max_gap_days:
                continue
            if sent_keys[i] in event.sentences:
                best = (2.0, c, "same sentence")
                break
            sim = max(_weighted_jaccard(bags[i], rep, idf) for rep in event.reps)
            if gap == 0 and articles_of[i] in event.articles:
                why, score = "same article", max(sim, min_similarity)
            elif gap == 0 and sim >= min_similarity:
                why, score = "same dates", sim
            elif sim >= near_duplicate:
                why, score = "near-duplicate", sim
            else:
                continue
            if best is None or score > best[0]:
                best = (score, c, why)
        if best is None:
            owner[i] = len(clusters)
            clusters.append(_Event(key, lo, hi, [i], {articles_of[i]}, {sent_keys[i]}, [bags[i]]))
            basis[i] = "first"
            return
        score, c, why = best
        event = clusters[c]
        new_lo, new_hi = max(event.lo, lo), min(event.hi, hi)
        if new_lo <= new_hi:  # the days every report allows; a near-duplicate a day off keeps them
            event.lo, event.hi = new_lo, new_hi
        event.members.append(i)
        event.articles.add(articles_of[i])
        event.sentences.add(sent_keys[i])
        if len(event.reps) < MAX_COMPARED and all(_weighted_jaccard(bags[i], r, idf) < NOVEL for r in event.reps):
            event.reps.append(bags[i])
        owner[i] = c
        similarity[i] = None if why == "same sentence" else round(min(score, 1.0), 4)
        basis[i] = why

    for key in sorted(blocks, key=str):
        order = sorted(blocks[key], key=lambda i: (days[i][0], days[i][1], str(published[i]), sent_keys[i], i))
        # rows dated by their own text first, so that the events they found are there when the rows
        # dated only by publication come: those join the event their words are closest to
        for dated in (True, False):
            rows = [i for i in order if own_date[i] == dated]
            known = sorted((c for c in set(owner[j] for j in order if owner[j] >= 0)), key=lambda c: clusters[c].lo)
            waiting = 0
            active: list[int] = []
            for i in rows:
                lo, hi = days[i]
                while waiting < len(known) and clusters[known[waiting]].lo <= hi + max_gap_days:
                    active.append(known[waiting])
                    waiting += 1
                active = [c for c in active if clusters[c].hi + max_gap_days >= lo]
                before = len(clusters)
                join(i, active)
                if len(clusters) > before:
                    active.append(before)

    _merge_within_articles(clusters, owner, articles_of, max_gap_days)
    clusters, owner = _renumber(clusters, owner)
    ids = _event_ids(clusters, col, published, days)
    event_id = [ids[owner[i]] for i in range(n)]
    out = events.copy()
    out["event_id"] = pd.Series(event_id, index=events.index, dtype="str") if n else pd.Series(dtype="str")
    unique = _unique_table(clusters, ids, col, published, outlets)
    reports = _reports_table(col, event_id, published, outlets, similarity, basis)
    return Clustering(out, unique, reports)


def _merge_within_articles(clusters: list[_Event], owner: list[int], articles_of: list, max_gap_days: int) -> None:
    """Two events of one block (same actors, type and polarity) told in the same article on days
    that agree are one event told twice (the lead and a paraphrase further down): merge them.
    Linear: clusters are grouped by (block, article)."""
    parent = list(range(len(clusters)))

    def find(c: int) -> int:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    by_article: dict[tuple, list[int]] = defaultdict(list)
    for c, event in enumerate(clusters):
        if not event.key or not event.key[0]:
            continue
        for a in event.articles:
            by_article[(event.key, a)].append(c)
    for cs in by_article.values():
        for c in cs[1:]:
            a, b = find(cs[0]), find(c)
            if a == b:
                continue
            ea, eb = clusters[a], clusters[b]
            if max(0, ea.lo - eb.hi, eb.lo - ea.hi) > max_gap_days:
                continue
            keep, gone = (a, b) if len(ea.members) >= len(eb.members) else (b, a)
            ek, eg = clusters[keep], clusters[gone]
            lo, hi = max(ek.lo, eg.lo), min(ek.hi, eg.hi)
            if lo <= hi:
                ek.lo, ek.hi = lo, hi
            ek.members.extend(eg.members)
            ek.articles |= eg.articles
            ek.sentences |= eg.sentences
            ek.reps.extend(r for r in eg.reps if len(ek.reps) < MAX_COMPARED)
            eg.members = []
            parent[gone] = keep
    for i, c in enumerate(owner):
        owner[i] = find(c) if c >= 0 else c


def _renumber(clusters: list[_Event], owner: list[int]) -> tuple[list[_Event], list[int]]:
    """Drop the events merged away; owners point at the kept ones."""
    kept = [c for c, e in enumerate(clusters) if e.members]
    new = {c: i for i, c in enumerate(kept)}
    for c in kept:
        clusters[c].members.sort()
    return [clusters[c] for c in kept], [new[c] if c >= 0 else c for c in owner]


def _event_ids(clusters: list[_Event], col: dict[str, list], published: list, days: list) -> list[str]:
    """Readable, deterministic ids: ``EGY-SAU:AGREE:2015-07-30:`` and a short hash of the first report."""
    ids: list[str] = []
    seen: dict[str, int] = {}
    for event in clusters:
        first = min(event.members, key=lambda i: (str(published[i]), str(col["article_id"][i]),
                                                  _int(col["sentence"][i]), i))
        a, b = (str(x) if isinstance(x, str) and x else "?" for x in (col["source"][first], col["target"][first]))
        if event.key[0] and event.key[1]:  # the block's pair: sorted codes for a mutual type
            a, b = event.key[0], event.key[1]
        when = _iso(event.lo) if days[first] is not None else "undated"
        aid, sent, typ = col["article_id"][first], _int(col["sentence"][first]), col["type"][first]
        digest = hashlib.sha1(f"{aid}#{sent}#{event.key}".encode()).hexdigest()[:6]
        eid = f"{a}-{b}:{typ}:{when}:{digest}"
        seen[eid] = seen.get(eid, 0) + 1
        ids.append(eid if seen[eid] == 1 else f"{eid}.{seen[eid]}")
    return ids


def _number(value: Any) -> bool:
    try:
        return value is not None and not math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _int(value: Any) -> int:
    return int(value) if value is not None and not pd.isna(value) else -1


def _majority(values: Iterable[Any]) -> Any:
    """The most frequent value (ties: the first seen), None for none."""
    counts: Counter[Any] = Counter(v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v)))
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)


def _unique_table(clusters: list[_Event], ids: list[str], col: dict[str, list], published: list,
                  outlets: list) -> pd.DataFrame:
    recs = []
    for event, eid in zip(clusters, ids):
        rows = sorted(event.members, key=lambda i: (str(published[i]), str(col["article_id"][i]),
                                                    _int(col["sentence"][i]), i))
        first = rows[0]
        pubs = [p for p in (published[i] for i in rows) if isinstance(p, str) and p]
        outlet_set = sorted({str(outlets[i]) for i in rows if isinstance(outlets[i], str)})
        sectors = sorted({str(s) for i in rows for s in _as_list(col["sectors"][i])})
        intensity = [float(v) for v in (col["intensity"][i] for i in rows) if _number(v)]
        dated = bool(event.lo or event.hi)
        recs.append({
            "event_id": eid,
            "source": _majority(col["source"][i] for i in rows),
            "target": _majority(col["target"][i] for i in rows),
            "type": col["type"][first],
            "mode": _majority(col["mode"][i] for i in rows),
            "quad_class": _majority(_int(col["quad_class"][i]) for i in rows if _int(col["quad_class"][i]) >= 0),
            "intensity": round(sum(intensity) / len(intensity), 3) if intensity else None,
            "date": (_iso(event.lo) if event.lo == event.hi else f"{_iso(event.lo)}/{_iso(event.hi)}")
            if dated else None,
            "date_start": pd.Timestamp(_iso(event.lo)) if dated else None,
            "date_end": pd.Timestamp(_iso(event.hi)) if dated else None,
            "n_reports": len(rows),
            "n_articles": len({col["article_id"][i] for i in rows}),
            "n_sources": len(outlet_set),
            "sources": outlet_set,
            "first_published": pd.Timestamp(min(pubs)[:10]) if pubs else None,
            "first_article": col["article_id"][first],
            "example_ref": _ref(col["article_id"][first], col["sentence"][first]),
            "example_article_id": col["article_id"][first],
            "example_sentence": None if _int(col["sentence"][first]) < 0 else _int(col["sentence"][first]),
            "evidence": _majority(col["evidence"][i] for i in rows),
            "sectors": sectors,
        })
    df = frame(UNIQUE_EVENTS, recs)
    if len(df):
        df = df.sort_values(["first_published", "event_id"], kind="stable", na_position="last").reset_index(drop=True)
    return df


def _reports_table(col: dict[str, list], event_id: list[str], published: list, outlets: list,
                   similarity: list[float | None], basis: list[str]) -> pd.DataFrame:
    n = len(col["article_id"])
    pub = [pd.Timestamp(p[:10]) if isinstance(p, str) and p else None for p in published] if n else []
    recs = {
        "event_id": event_id, "row": list(range(n)), "article_id": list(col["article_id"]),
        "sentence": [None if _int(s) < 0 else _int(s) for s in col["sentence"]],
        "ref": [_ref(a, s) for a, s in zip(col["article_id"], col["sentence"])],
        "source": list(col["source"]), "target": list(col["target"]), "type": list(col["type"]),
        "mode": list(col["mode"]), "date": list(col["date"]), "published": pub, "outlet": list(outlets),
        "evidence": list(col["evidence"]), "similarity": similarity, "basis": basis,
    }
    return frame(REPORTS, [dict(zip(recs, vals)) for vals in zip(*recs.values())] if n else [])


def _ref(article_id: Any, sentence: Any) -> str:
    return f"{article_id}#{_int(sentence)}"


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    try:
        return list(value) if value is not None and not isinstance(value, float) else []
    except TypeError:
        return []



# --------------------------------------------------------------------------- on tables

def cluster(data: Any, **options: Any) -> Clustering:
    """:func:`cluster_events` on a Corpus or :class:`toolkit.filters.Tables` (its sentences included)."""
    t = as_tables(data)
    return cluster_events(t.events, t.articles, t.sentences, **options)


def event_ids(t: Tables) -> pd.Series:
    """The ``event_id`` of every row of ``t.events`` (same index): the table's own when every row
    has one, else computed by :func:`cluster_events` on ``t``."""
    ev = t.events
    if "event_id" in ev.columns and len(ev) and ev["event_id"].notna().all():
        return ev["event_id"]
    if not len(ev):
        return pd.Series(dtype="str", index=ev.index)
    return cluster_events(ev, t.articles, t.sentences).events["event_id"]


def with_event_ids(data: Any, **options: Any) -> Tables:
    """``data``'s tables with ``event_id`` set on every event row (what a Corpus should hold)."""
    t = as_tables(data)
    return Tables(t.articles, t.mentions, cluster_events(t.events, t.articles, t.sentences, **options).events,
                  t.sentences)


__all__ = [
    "Clustering", "cluster_events", "cluster", "event_ids", "with_event_ids", "report_days", "words",
    "SYMMETRIC_TYPES", "LAG_DAYS", "MAX_GAP_DAYS", "MIN_SIMILARITY", "NEAR_DUPLICATE",
    "MAX_COMPARED",
]

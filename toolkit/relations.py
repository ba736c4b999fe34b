"""Relations between countries from the corpus tables: dyads, timelines, sector matrices, networks.

Every function takes ``data``: a Corpus (annotated on demand) or a :class:`toolkit.filters.Tables`
(what ``toolkit.filters.select`` returns), so that a filtered view is analysed the same way.
Every row can be traced back to its sentences: ``dyads`` and ``partners`` carry ``examples``
(up to three sentences) and ``refs`` (every ``"article_id#sentence"``); network edges carry
``refs`` too; :func:`evidence` returns the events of a pair (or a country, or a
country × sector cell) with their sentences.

Counting conventions: ``count="events"`` (the default) counts each event once however many
sentences, articles and outlets report it (the rows that share an ``event_id``; rows without
one are clustered by :func:`toolkit.dedup.cluster_events` first); ``count="reports"`` counts
every event row (every sentence that tells it), as before de-duplication. ``articles``,
``refs``, ``examples``, sectors and dates always come from every report. Every event counts
once whatever its ``mode`` (an intention or a negated event counts too; ``score`` applies the
mode weights of
``toolkit.scores.cooperation_conflict_score``, where negated events weigh nothing).
Cooperation is quad classes 1–2, conflict 3–4. An event's date is its own ``date`` or, when it
has none, its article's ``published`` date.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, Sequence

import pandas as pd

from toolkit.dedup import event_ids
from toolkit.filters import Tables, as_tables, between, date_interval, event_dates, involving, name_of
from toolkit.scores import cooperation_conflict_score

#: The separator of undirected pair labels ("RUS–TJK") and of directed ones ("RUS→TJK").
UNDIRECTED_SEP = "–"
DIRECTED_SEP = "→"

DYAD_COLUMNS = [
    "pair", "a", "b", "name_a", "name_b", "articles", "events", "reports", "q1", "q2", "q3", "q4",
    "cooperation", "conflict", "mean_intensity", "score", "top_sectors", "first", "last",
    "examples", "refs",
]


#: What ``count=`` can say: distinct events (rows sharing an event_id count once) or every report.
COUNTS = ("events", "reports")


# --------------------------------------------------------------------------- helpers

def _check_count(count: str) -> str:
    if count not in COUNTS:
        raise ValueError(f"count must be 'events' or 'reports', not {count!r}")
    return count


def counted_events(data: Any, *, count: str = "events") -> pd.DataFrame:
    """The events table of ``data`` with an ``event_id`` on every row (``count="events"``: the
    table's own ids, else :func:`toolkit.dedup.cluster_events`; ``"reports"``: every row its own)."""
    t = as_tables(data)
    ev = t.events.copy()
    if _check_count(count) == "events":
        ev["event_id"] = event_ids(t)
    else:
        ev["event_id"] = [f"row:{i}" for i in range(len(ev))]
    return ev


def _one_per_event(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per event_id (its first row), what quad classes, intensity and score count."""
    return rows.drop_duplicates("event_id") if "event_id" in rows.columns else rows

def _sentence_texts(t: Tables, events: pd.DataFrame | None = None) -> dict[tuple[str, int], str]:
    """(article_id, sentence) -> text, for the sentences of ``events``' articles (all when None)."""
    s = t.sentences
    if events is not None:
        s = s[s["article_id"].isin(set(events["article_id"]))]
    return {(a, int(i)): txt for a, i, txt in zip(s["article_id"], s["sentence"], s["text"])}


#: The event columns a dyad's summary reads (grouping whole rows of 26 columns costs far more).
_SUMMARY_COLUMNS = ("article_id", "sentence", "event_id", "source", "target", "quad_class", "intensity", "mode",
                    "sectors")


def ref(article_id: str, sentence: Any) -> str:
    """The reference ``"article_id#sentence"`` of a sentence."""
    return f"{article_id}#{int(sentence)}"


def _sector_list(values: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for v in values:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, (list, tuple)):
            out.extend(str(x) for x in v)
    return out


def _top(values: Iterable[str], n: int = 3) -> list[str]:
    counts = Counter(values)
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _first_last(dates: Iterable[Any]) -> tuple[str | None, str | None]:
    """The earliest date (its start) and the latest-starting date (its end), each at its own precision.

    Dates are ordered by their first day, so ``"2025"`` (from 2025-01-01) comes before
    ``"2025-04-25"``; a range ``"A/B"`` gives ``A`` as a first date and ``B`` as a last one.
    """
    best_first = best_last = None
    first = last = None
    for d in dates:
        iv = date_interval(d)
        if iv is None:
            continue
        a, _, b = str(d).strip().partition("/")
        if best_first is None or iv[0] < best_first:
            best_first, first = iv[0], a.strip()
        if best_last is None or iv[0] > best_last[0] or (iv[0] == best_last[0] and iv[1] > best_last[1]):
            best_last, last = iv, (b or a).strip()
    return first, last


def _examples(rows: pd.DataFrame, texts: dict[tuple[str, int], str], n: int = 3) -> list[dict[str, Any]]:
    """Up to ``n`` distinct sentences, one article at a time (articles in id order)."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for aid, sent in sorted(set(zip(rows["article_id"], rows["sentence"].astype(int)))):
        by_article[aid].append(sent)
    out: list[dict[str, Any]] = []
    depth = 0
    while len(out) < n and any(len(v) > depth for v in by_article.values()):
        for aid in sorted(by_article):
            if len(by_article[aid]) > depth and len(out) < n:
                sent = by_article[aid][depth]
                out.append({"article_id": aid, "sentence": sent, "text": texts.get((aid, sent), "")})
        depth += 1
    return out


def _summary(rows: pd.DataFrame, dates: pd.Series, texts: dict[tuple[str, int], str]) -> dict[str, Any]:
    one = _one_per_event(rows)
    quad = pd.to_numeric(one["quad_class"], errors="coerce")
    first, last = _first_last(dates.loc[rows.index])
    intensity = pd.to_numeric(one["intensity"], errors="coerce")
    return {
        "articles": int(rows["article_id"].nunique()),
        "events": int(len(one)),
        "reports": int(len(rows)),
        **{f"q{q}": int((quad == q).sum()) for q in (1, 2, 3, 4)},
        "cooperation": int(quad.isin((1, 2)).sum()),
        "conflict": int(quad.isin((3, 4)).sum()),
        "mean_intensity": round(float(intensity.mean()), 2) if intensity.notna().any() else None,
        "score": cooperation_conflict_score(one),
        "top_sectors": _top(_sector_list(rows["sectors"])),
        "first": first,
        "last": last,
        "examples": _examples(rows, texts),
        "refs": [ref(a, s) for a, s in sorted({(a, int(s)) for a, s in zip(rows["article_id"], rows["sentence"])})],
    }


def parse_pair(pair: str | Sequence[str]) -> tuple[str, str]:
    """``"RUS–TJK"``, ``"RUS-TJK"``, ``"RUS→TJK"`` or ``("RUS", "TJK")`` → ``("RUS", "TJK")``."""
    if isinstance(pair, str):
        for sep in (UNDIRECTED_SEP, DIRECTED_SEP, "->", "-", "/", " "):
            if sep in pair:
                a, b = pair.split(sep, 1)
                return a.strip(), b.strip()
        raise ValueError(f"not a pair: {pair!r} (write it as 'RUS–TJK' or ('RUS', 'TJK'))")
    a, b = pair
    return str(a), str(b)


# --------------------------------------------------------------------------- dyads

def dyads(data: Any, *, directed: bool = False, min_events: int = 1, count: str = "events") -> pd.DataFrame:
    """One row per pair of actors with events between them, most events first.

    Columns: ``pair`` (``"RUS–TJK"``, codes sorted; ``"RUS→TJK"`` when ``directed``), ``a``,
    ``b`` (source and target when directed), ``name_a``, ``name_b``, ``articles``, ``events``
    (distinct events with ``count="events"``, the default; every event row with
    ``count="reports"``), ``reports`` (event rows), ``q1``..``q4`` (events by quad class),
    ``cooperation`` (q1+q2), ``conflict`` (q3+q4),
    ``mean_intensity``, ``score`` (mode-weighted, see ``toolkit.scores``), ``top_sectors``
    (the 3 most frequent), ``first``, ``last`` (dates), ``examples`` (up to 3 dicts
    ``{article_id, sentence, text}``, from different articles first) and ``refs`` (every
    ``"article_id#sentence"``). An event reported in both directions counts once for each
    direction when ``directed``. ``min_events`` applies to the ``events`` column.
    """
    t = as_tables(data)
    ev = counted_events(t, count=count)
    ev = ev[two_sided(ev)]  # state (and organisation) pairs: one-sided and domestic events are no dyad
    if not len(ev):
        return pd.DataFrame(columns=DYAD_COLUMNS)
    dates = event_dates(t)
    texts = _sentence_texts(t, ev)
    ev = ev[[c for c in _SUMMARY_COLUMNS if c in ev.columns]]
    if directed:
        keys = list(zip(ev["source"], ev["target"]))
    else:
        keys = [tuple(sorted((s, g))) for s, g in zip(ev["source"], ev["target"])]
    key_series = pd.Series(keys, index=ev.index)
    sep = DIRECTED_SEP if directed else UNDIRECTED_SEP
    records = []
    for (a, b), idx in key_series.groupby(key_series, sort=True).groups.items():
        rows = ev.loc[idx]
        if rows["event_id"].nunique() < min_events:
            continue
        records.append({"pair": f"{a}{sep}{b}", "a": a, "b": b, "name_a": name_of(a), "name_b": name_of(b),
                        **_summary(rows, dates, texts)})
    df = pd.DataFrame(records, columns=DYAD_COLUMNS)
    if len(df):
        df = df.sort_values(["events", "articles", "pair"], ascending=[False, False, True], kind="stable")
    return df.reset_index(drop=True)


#: The columns of :func:`pair_counts`.
PAIR_COUNT_COLUMNS = ["pair", "a", "b", "events", "articles"]


def pair_counts(data: Any, *, directed: bool = False, count: str = "events") -> pd.DataFrame:
    """The pairs of :func:`dyads` with their ``events`` and ``articles`` alone, in the same order
    (most events first, then most articles, then the pair): what a map or a count needs,
    without the summaries (quad classes, sectors, dates, examples) that ``dyads`` works out
    for each pair. Columns :data:`PAIR_COUNT_COLUMNS`."""
    t = as_tables(data)
    ev = t.events
    events: dict[tuple[str, str], set[Any]] = defaultdict(set)
    articles: dict[tuple[str, str], set[Any]] = defaultdict(set)
    if len(ev):
        ids = event_ids(t) if _check_count(count) == "events" else pd.Series(range(len(ev)), index=ev.index)
        for a, b, i, art, ok in zip(ev["source"], ev["target"], ids, ev["article_id"], two_sided(ev)):
            if ok:
                key = (a, b) if directed or a < b else (b, a)
                events[key].add(i)
                articles[key].add(art)
    sep = DIRECTED_SEP if directed else UNDIRECTED_SEP
    rows = sorted(((f"{a}{sep}{b}", a, b, len(events[(a, b)]), len(articles[(a, b)])) for a, b in events),
                  key=lambda r: (-r[3], -r[4], r[0]))
    out = pd.DataFrame(rows, columns=PAIR_COUNT_COLUMNS)
    return out.astype({"events": "int64", "articles": "int64"})


def two_sided(ev: pd.DataFrame) -> pd.Series:
    """Rows whose source and target are both named and differ (the pairs dyads count)."""
    src, tgt = ev["source"], ev["target"]
    ok = [isinstance(a, str) and a != "" and isinstance(b, str) and b != "" and a != b for a, b in zip(src, tgt)]
    return pd.Series(ok, index=ev.index, dtype=bool)


def agent_dyads(data: Any, *, directed: bool = True) -> pd.DataFrame:
    """Events grouped by actor *and* agent: one row per (source, source_agent, target, target_agent).

    Unlike :func:`dyads` it keeps one-sided events (a side left empty is ``""``) and domestic ones
    (EGY COP → EGY OPP). Columns: ``source``, ``source_agent``, ``target``, ``target_agent``,
    ``events``, ``articles``, ``types`` (the 3 most frequent PLOVER types), ``cooperation``,
    ``conflict``, ``refs`` (``"article_id#sentence"``). ``directed=False`` sorts the two sides.
    """
    cols = ["source", "source_agent", "target", "target_agent", "events", "articles", "types", "cooperation",
            "conflict", "refs"]
    t = as_tables(data)
    ev = t.events
    if not len(ev):
        return pd.DataFrame(columns=cols)

    def side(v: Any) -> str:
        return v if isinstance(v, str) else ""

    groups: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for i, (s, sa, g, ga) in enumerate(zip(ev["source"], ev.get("source_agent", [None] * len(ev)), ev["target"],
                                          ev.get("target_agent", [None] * len(ev)))):
        a, b = (side(s), side(sa)), (side(g), side(ga))
        if not directed and b < a:
            a, b = b, a
        groups[(a[0], a[1], b[0], b[1])].append(i)
    records = []
    for (s, sa, g, ga), idx in groups.items():
        rows = ev.iloc[idx]
        quads = rows["quad_class"].tolist() if "quad_class" in rows else []
        records.append({
            "source": s, "source_agent": sa, "target": g, "target_agent": ga, "events": len(rows),
            "articles": rows["article_id"].nunique() if "article_id" in rows else 1,
            "types": _top(rows["type"].astype(str)), "cooperation": sum(1 for q in quads if q in (1, 2)),
            "conflict": sum(1 for q in quads if q in (3, 4)),
            "refs": ([ref(a, sn) for a, sn in zip(rows["article_id"], rows["sentence"])]
                     if "article_id" in rows else []),
        })
    df = pd.DataFrame(records, columns=cols)
    df = df.sort_values(["events", "source", "target"], ascending=[False, True, True], kind="stable")
    return df.reset_index(drop=True)


PARTNER_COLUMNS = [
    "partner", "name_en", "name_ar", "events", "reports", "as_source", "as_target", "articles", "q1", "q2",
    "q3", "q4", "cooperation", "conflict", "mean_intensity", "score", "top_sectors", "first", "last",
    "examples", "refs",
]


def pair_label(pair: str | Sequence[str] | None, *, directed: bool = False) -> str:
    """A pair as it reads in a caption: ``"Iran – Russia (IRN–RUS)"``; ``"none"`` for None."""
    if pair is None:
        return "none"
    a, b = parse_pair(pair)
    sep = DIRECTED_SEP if directed else UNDIRECTED_SEP
    return f"{name_of(a)} {'→' if directed else '–'} {name_of(b)} ({a}{sep}{b})"


def top_dyad(data: Any, *, country: str | None = None, count: str = "events") -> tuple[str, str] | None:
    """The pair with most events (of :func:`dyads`; involving ``country`` when given), as a pair
    of codes in the order ``dyads`` gives them, or None when there is none."""
    d = pair_counts(data, count=count)
    if country is not None:
        d = d[(d["a"] == country) | (d["b"] == country)]
    if not len(d):
        return None
    return str(d["a"].iloc[0]), str(d["b"].iloc[0])


def partners(data: Any, country: str | None, *, count: str = "events") -> pd.DataFrame:
    """The partners of ``country`` (any actor it has events with), most events first; the same
    columns, without rows, when ``country`` is None or has no events.

    Columns: ``partner``, ``name_en``, ``name_ar``, ``events`` (distinct events, or event rows
    with ``count="reports"``), ``reports``, ``as_source`` (events where ``country`` acts),
    ``as_target``, ``articles``, ``q1``..``q4``, ``cooperation``, ``conflict``,
    ``mean_intensity``, ``score``, ``top_sectors``, ``first``, ``last``, ``examples``, ``refs``.
    """
    cols = PARTNER_COLUMNS
    if country is None:
        return pd.DataFrame(columns=cols)
    t = as_tables(data)
    ev = counted_events(t, count=count)
    ev = ev[(ev["source"] == country) | (ev["target"] == country)]  # its dyads need only its events
    t = Tables(t.articles, t.mentions, ev, t.sentences)
    d = dyads(t, count=count)
    d = d[(d["a"] == country) | (d["b"] == country)].copy()
    d["partner"] = [b if a == country else a for a, b in zip(d["a"], d["b"])]
    ev = ev[two_sided(ev)]
    out_counts = Counter(ev.loc[ev["source"] == country].drop_duplicates(["event_id", "target"])["target"])
    in_counts = Counter(ev.loc[ev["target"] == country].drop_duplicates(["event_id", "source"])["source"])
    d["name_en"] = d["partner"].map(name_of)
    d["name_ar"] = d["partner"].map(lambda c: name_of(c, lang="ar"))
    d["as_source"] = d["partner"].map(lambda p: out_counts.get(p, 0)).astype(int)
    d["as_target"] = d["partner"].map(lambda p: in_counts.get(p, 0)).astype(int)
    return d[cols].reset_index(drop=True)


EVIDENCE_COLUMNS = ["article_id", "sentence", "ref", "source", "target", "type", "mode", "quad_class", "intensity",
                    "date", "sectors", "evidence", "rule", "text"]


def evidence(data: Any, pair: str | Sequence[str] | None, *, sector: str | None = None,
             directed: bool = False) -> pd.DataFrame:
    """The events behind a number, with their sentences.

    ``pair`` is a pair (``"RUS–TJK"`` or ``("RUS", "TJK")``: the events between them, either
    direction unless ``directed``) or a single code (the events involving it); ``sector``
    keeps the events with that sector (a cell of :func:`country_sector_matrix`). Columns:
    ``article_id``, ``sentence``, ``ref``, ``source``, ``target``, ``type``, ``mode``,
    ``quad_class``, ``intensity``, ``date``, ``sectors``, ``evidence``, ``rule``, ``text``
    (:data:`EVIDENCE_COLUMNS`; no rows when ``pair`` is None).
    """
    t = as_tables(data)
    ev = t.events
    if pair is None:  # no pair chosen (a corpus without events): the columns, no rows
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    if isinstance(pair, str) and not any(sep in pair for sep in (UNDIRECTED_SEP, DIRECTED_SEP, "->", "-", "/", " ")):
        mask = involving(ev, pair)
    else:
        a, b = parse_pair(pair)
        mask = (ev["source"] == a) & (ev["target"] == b) if directed else between(ev, a, b)
    if sector is not None:
        mask &= ev["sectors"].map(lambda v: sector in _sector_list([v])).astype(bool)
    rows = ev[mask]
    texts = _sentence_texts(t, rows)
    dates = event_dates(t)
    out = pd.DataFrame({
        "article_id": rows["article_id"],
        "sentence": rows["sentence"].astype(int),
        "ref": [ref(a, s) for a, s in zip(rows["article_id"], rows["sentence"])],
        "source": rows["source"], "target": rows["target"], "type": rows["type"], "mode": rows["mode"],
        "quad_class": rows["quad_class"], "intensity": rows["intensity"], "date": dates.loc[rows.index],
        "sectors": rows["sectors"], "evidence": rows["evidence"], "rule": rows["rule"],
        "text": [texts.get((a, int(s)), "") for a, s in zip(rows["article_id"], rows["sentence"])],
    })
    return out.sort_values(["article_id", "sentence"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- timelines

QUAD_COLUMNS = ["q1", "q2", "q3", "q4"]


def timeline(data: Any, *, country: str | None = None, dyad: tuple[str, str] | str | None = None,
             freq: str = "M", by: str | None = "quad_class", value: str = "count",
             when: str = "event", count: str = "events",
             within: str | tuple[str, str] | None = "published") -> pd.DataFrame:
    """Events per period: a DataFrame indexed by ``period`` (a PeriodIndex, every period from the
    first to the last, empty ones included) with one column per group.

    - ``country`` / ``dyad``: only the events involving the country / between the pair;
    - ``freq``: a pandas period frequency, ``"M"`` (months, default), ``"W"`` (weeks), ``"Q"``, ``"Y"``;
    - ``by``: ``"quad_class"`` (columns ``q1``..``q4``), ``"stance"`` (``cooperation``,
      ``conflict``), ``"type"`` (PLOVER types present) or ``None`` (one column ``events``);
    - ``value``: ``"count"`` (events; 0 where none) or ``"intensity"`` (mean intensity; NaN where none);
    - ``when``: ``"event"`` dates each event by its own date (the first day of a partial date or
      range), falling back to its article's ``published``; ``"published"`` uses the article date;
    - ``count``: ``"events"`` counts an event once, at its first report (the first of its rows
      in the table); ``"reports"`` counts every event row;
    - ``within``: ``"published"`` (default) keeps the periods from the one holding the corpus's
      first publication date to the one holding its last (the dates of ``data`` before the
      ``country``/``dyad`` filter); an event dated outside them (a past event an article recalls)
      is left out and counted in ``attrs["outside"]``. ``None`` keeps every dated event (and
      so does a corpus without publication dates). Two ISO dates ``(first, last)`` give the
      range instead (a chart of filtered tables that keeps the whole corpus's months).

    Events that cannot be dated at all are left out.
    """
    t = as_tables(data)
    if isinstance(within, tuple) and len(within) == 2 and all(_a_day(d) for d in within):
        bounds = within
    elif within in ("published", None):
        bounds = published_bounds(t.articles) if within == "published" else None
    else:
        raise ValueError(f"within must be 'published', None or two dates (first, last), not {within!r}")
    ev = counted_events(t, count=count)
    ev = ev[~ev["event_id"].duplicated()]
    # the events of the country or the pair (what by_countries and by_dyad keep of the events;
    # the articles stay whole, they only date the events)
    if country:
        ev = ev[involving(ev, country)]
    if dyad:
        ev = ev[between(ev, *parse_pair(dyad))]
    t = Tables(t.articles, t.mentions, ev, t.sentences)
    if when == "event":
        dates = event_dates(t)
    elif when == "published":
        published = t.articles.drop_duplicates("id").set_index("id")["published"]
        dates = ev["article_id"].map(published)
    else:
        raise ValueError(f"when must be 'event' or 'published', not {when!r}")
    if value not in ("count", "intensity"):
        raise ValueError(f"value must be 'count' or 'intensity', not {value!r}")
    # each distinct date read once (the events of an article share its publication date)
    start_of: dict[Any, Any] = {}
    for d in dates.drop_duplicates().tolist():
        start_of[d] = (iv := date_interval(d)) and iv[0]
    starts = pd.Series([start_of.get(d) if d in start_of else None for d in dates.tolist()],
                       index=dates.index, dtype=object)
    ok = starts.notna() & starts.astype(bool) if len(starts) else pd.Series(dtype=bool)
    outside = 0
    if bounds is not None and len(ev):
        first, last = (pd.Period(b, freq=freq) for b in bounds)
        within_bounds = {d: first <= pd.Period(d, freq=freq) <= last for d in set(start_of.values()) if d}
        inside = pd.Series([within_bounds.get(d, False) for d in starts.tolist()], index=starts.index, dtype=bool)
        outside = int((ok & ~inside).sum())
        ok = ok & inside
    ev = ev[ok]
    if by == "quad_class":
        groups = "q" + pd.to_numeric(ev["quad_class"], errors="coerce").astype("Int64").astype(str)
        columns = QUAD_COLUMNS
    elif by == "stance":
        quad = pd.to_numeric(ev["quad_class"], errors="coerce")
        groups = quad.map(lambda q: "cooperation" if q in (1, 2) else ("conflict" if q in (3, 4) else "other"))
        columns = ["cooperation", "conflict"] + (["other"] if (groups == "other").any() else [])
    elif by == "type":
        groups = ev["type"].astype(str)
        columns = sorted(groups.unique())
    elif by is None:
        groups = pd.Series("events", index=ev.index)
        columns = ["events"]
    else:
        raise ValueError(f"by must be 'quad_class', 'stance', 'type' or None, not {by!r}")
    if not len(ev):
        empty = pd.DataFrame(columns=columns, index=pd.PeriodIndex([], freq=freq, name="period"))
        empty = empty.astype("int64") if value == "count" else empty.astype(float)
        empty.attrs["outside"] = outside
        return empty
    periods = pd.to_datetime(pd.Series(list(starts[ok]), index=ev.index)).dt.to_period(freq)
    frame = pd.DataFrame({"period": periods, "group": groups,
                          "intensity": pd.to_numeric(ev["intensity"], errors="coerce")})
    lo, hi = periods.min(), periods.max()
    if bounds is not None:  # the publication range, whatever the events' own dates
        lo, hi = min(lo, pd.Period(bounds[0], freq=freq)), max(hi, pd.Period(bounds[1], freq=freq))
    full = pd.period_range(lo, hi, freq=periods.dt.freq, name="period")
    if value == "count":
        table = frame.groupby(["period", "group"]).size().unstack("group", fill_value=0)
        table = table.reindex(index=full, columns=columns, fill_value=0).astype("int64")
    else:
        table = frame.groupby(["period", "group"])["intensity"].mean().unstack("group")
        table = table.reindex(index=full, columns=columns).astype(float)
    table.columns.name = None
    table.index.name = "period"
    table.attrs["outside"] = outside
    return table


def _a_day(value: Any) -> bool:
    """True when ``value`` is a day (a date, or a string pandas reads as one)."""
    try:
        pd.Period(str(value), freq="D")
    except (ValueError, TypeError):
        return False
    return True


def published_bounds(articles: pd.DataFrame) -> tuple[Any, Any] | None:
    """The first and last publication day of ``articles``, or None when none is dated."""
    if "published" not in articles.columns or not len(articles):
        return None
    spans = [iv for iv in (date_interval(d) for d in articles["published"]) if iv]
    days = [d for iv in spans for d in iv if d]
    if not days:
        return None
    return min(days), max(days)


#: The period of a timeline for a corpus spanning up to this many days (then the next).
FREQ_SPANS = ((120, "W"), (2 * 366, "M"), (8 * 366, "Q"))
#: Each frequency in words, for captions.
FREQ_WORDS = {"W": "week", "M": "month", "Q": "quarter", "Y": "year"}


def default_freq(data: Any) -> str:
    """A timeline period that suits the corpus's publication dates: weeks for up to four
    months, months for up to two years, quarters for up to eight, years beyond (and months
    when no article is dated)."""
    t = as_tables(data)
    spans = [iv for iv in map(date_interval, t.articles["published"]) if iv]
    if not spans:
        return "M"
    days = (max(b for _, b in spans) - min(a for a, _ in spans)).days + 1
    return next((freq for limit, freq in FREQ_SPANS if days <= limit), "Y")


# --------------------------------------------------------------------------- country × sector

def country_sector_matrix(data: Any, *, basis: str = "events") -> pd.DataFrame:
    """Countries (rows, actors) × sectors (columns): counts, largest totals first.

    - ``basis="events"`` (default): every event counts once for its source and once for its
      target in each of its ``sectors`` (trace a cell with ``evidence(data, code, sector=...)``);
    - ``basis="mentions"``: every sentence in which a country mention and a sector mention
      occur together counts once for that (country, sector);
    - ``basis="both"``: the sum of the two.
    """
    if basis not in ("events", "mentions", "both"):
        raise ValueError(f"basis must be 'events', 'mentions' or 'both', not {basis!r}")
    t = as_tables(data)
    counts: Counter[tuple[str, str]] = Counter()
    if basis in ("events", "both"):
        for s, g, secs in zip(t.events["source"], t.events["target"], t.events["sectors"]):
            for sector in set(_sector_list([secs])):
                for actor in {s, g}:
                    if isinstance(actor, str) and actor:  # a one-sided event has one actor
                        counts[(actor, sector)] += 1
    if basis in ("mentions", "both"):
        m = t.mentions[t.mentions["sentence"].notna()]
        per_sentence: dict[tuple[str, int], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        for aid, sent, typ, val in zip(m["article_id"], m["sentence"], m["type"], m["value"]):
            if typ == "country":
                per_sentence[(aid, int(sent))][0].add(str(val))
            elif typ == "sector":
                per_sentence[(aid, int(sent))][1].add(str(val))
        for cs, ss in per_sentence.values():
            for c in cs:
                for sector in ss:
                    counts[(c, sector)] += 1
    if not counts:
        return pd.DataFrame(dtype="int64")
    series = pd.Series(counts)
    matrix = series.unstack(fill_value=0).astype("int64")
    matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    matrix = matrix[matrix.sum(axis=0).sort_values(ascending=False, kind="stable").index]
    matrix.index.name = "country"
    matrix.columns.name = "sector"
    return matrix


# --------------------------------------------------------------------------- networks

def _mention_counts(t: Tables) -> Counter[str]:
    m = t.mentions
    return Counter(m.loc[m["type"].isin(("country", "organization")), "value"].dropna().astype(str))


def network(data: Any, *, kind: str = "events", directed: bool = False, count: str = "events") -> Any:
    """A networkx graph of actors.

    - ``kind="events"``: an edge per pair with events; ``weight`` = number of events (distinct
      events, or event rows with ``count="reports"``; a ``DiGraph`` from source to target when
      ``directed``), plus ``reports``, ``cooperation``, ``conflict``, ``mean_intensity``,
      ``articles`` and ``refs`` (``"article_id#sentence"``);
    - ``kind="comention"``: an undirected edge between two countries mentioned in the same
      article; ``weight`` = number of such articles, ``articles`` = their ids.

    Node attributes: ``name_en``, ``name_ar``, ``mentions`` (country or organisation mentions
    with that code) and ``events`` (events involving it, counted as ``count`` says).
    """
    import networkx as nx

    t = as_tables(data)
    ev = counted_events(t, count=count)
    t = Tables(t.articles, t.mentions, ev, t.sentences)
    mcounts = _mention_counts(t)
    ecounts: Counter[str] = Counter()
    for _, actor in {(e, c) for e, s, g in zip(ev["event_id"], ev["source"], ev["target"]) for c in (s, g)
                     if isinstance(c, str) and c}:
        ecounts[actor] += 1
    if kind == "events":
        graph = nx.DiGraph() if directed else nx.Graph()
        for _, row in dyads(t, directed=directed, count=count).iterrows():
            graph.add_edge(row["a"], row["b"], weight=int(row["events"]), reports=int(row["reports"]),
                           cooperation=int(row["cooperation"]),
                           conflict=int(row["conflict"]), mean_intensity=row["mean_intensity"],
                           articles=int(row["articles"]), refs=list(row["refs"]))
    elif kind == "comention":
        if directed:
            raise ValueError("a co-mention network is undirected")
        graph = nx.Graph()
        m = t.mentions[t.mentions["type"] == "country"]
        per_article = m.groupby("article_id")["value"].agg(lambda v: sorted(set(map(str, v))))
        for aid, codes in per_article.items():
            graph.add_nodes_from(codes)
            for i, a in enumerate(codes):
                for b in codes[i + 1:]:
                    if graph.has_edge(a, b):
                        graph[a][b]["weight"] += 1
                        graph[a][b]["articles"].append(aid)
                    else:
                        graph.add_edge(a, b, weight=1, articles=[aid])
    else:
        raise ValueError(f"kind must be 'events' or 'comention', not {kind!r}")
    for node in graph.nodes:
        graph.nodes[node].update(name_en=name_of(node), name_ar=name_of(node, lang="ar"),
                                 mentions=int(mcounts.get(node, 0)), events=int(ecounts.get(node, 0)))
    return graph


NODE_COLUMNS = ["code", "name_en", "partners", "events", "mentions"]


def node_table(graph: Any, *, top: int | None = None) -> pd.DataFrame:
    """The nodes of a :func:`network` graph as a table, most connected first: ``code``,
    ``name_en``, ``partners`` (the actors it is joined to), ``events`` (the weights of its edges
    added up: its events with any partner, or its co-mention articles) and ``mentions``."""
    rows = [{"code": str(n), "name_en": graph.nodes[n].get("name_en") or name_of(n),
             "partners": int(graph.degree(n)), "events": int(graph.degree(n, weight="weight")),
             "mentions": int(graph.nodes[n].get("mentions", 0))} for n in graph.nodes]
    df = pd.DataFrame(rows, columns=NODE_COLUMNS)
    if len(df):
        df = df.sort_values(["events", "partners", "code"], ascending=[False, False, True], kind="stable")
    df = df.reset_index(drop=True)
    return df.head(top) if top else df


# --------------------------------------------------------------------------- text

def format_dyads(dyads_df: pd.DataFrame, *, top: int | None = 15, names: bool = True) -> str:
    """A plain-text table of ``dyads`` rows: pair, events, cooperation/conflict, mean intensity,
    top sectors and the first–last dates (what ``toolkit dyads`` prints)."""
    d = dyads_df.head(top) if top else dyads_df
    header = ["pair", "events", "coop/conflict", "mean int.", "top sectors", "dates"]
    if names:
        header.insert(1, "names")
    rows = []
    for r in d.itertuples(index=False):
        mean = "" if r.mean_intensity is None or pd.isna(r.mean_intensity) else f"{r.mean_intensity:+.2f}"
        dates = f"{r.first or '?'} – {r.last or '?'}" if (r.first or r.last) else ""
        row = [r.pair, str(r.events), f"{r.cooperation}/{r.conflict}", mean, ", ".join(r.top_sectors), dates]
        if names:
            row.insert(1, f"{r.name_a} – {r.name_b}")
        rows.append(row)
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(header)]
    right = {"events", "coop/conflict", "mean int."}

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if h in right else c.ljust(w)
                         for c, w, h in zip(cells, widths, header)).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


__all__ = [
    "format_dyads", "dyads", "agent_dyads", "partners", "evidence", "timeline", "country_sector_matrix", "network",
    "parse_pair", "ref", "counted_events", "pair_counts", "two_sided", "top_dyad", "pair_label", "node_table",
    "default_freq", "FREQ_WORDS", "DYAD_COLUMNS", "PAIR_COUNT_COLUMNS", "QUAD_COLUMNS", "COUNTS", "PARTNER_COLUMNS",
    "EVIDENCE_COLUMNS", "NODE_COLUMNS",
]

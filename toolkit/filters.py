"""Pure filter functions over the corpus tables: what notebooks and widgets call to narrow a corpus.

Everything works on a :class:`Tables` value (the four corpus tables: ``articles``,
``mentions``, ``events``, ``sentences``) and returns a new one; nothing is modified in
place. ``select()`` is the AND of the criteria given (``None`` means "no filter") and is
built from the single-criterion functions ``by_*``, each ``(t: Tables, ...) -> Tables``.

Semantics of each criterion (``select`` keyword → function):

- ``countries`` → :func:`by_countries`: keeps the articles that mention any of the codes
  (a ``country`` mention whose value is the code, an ``organization`` mention whose value
  is the code for organisation ids such as ``"BRICS"``, or an event with the code as source
  or target) and, among events, those that involve any of them (source or target).
- ``dyad`` → :func:`by_dyad`: keeps the events between the two actors (either direction)
  and the articles that contain such an event.
- ``start`` / ``end`` → :func:`by_dates`: ISO dates, inclusive, of any precision (``"2024"``,
  ``"2024-09"``, ``"2024-09-11"``). An article is kept when its ``published`` date lies in
  the bounds (undated articles are dropped when a bound is given); an event when its
  ``date`` overlaps them (a partial date such as ``"2024-09"`` or a range ``"A/B"`` is an
  interval; an undated event takes its article's ``published`` date).
- ``sectors`` → :func:`by_sectors`: keeps the articles with a ``sector`` mention or an
  event with any of those sectors, and the events whose ``sectors`` include any of them.
- ``sources`` → :func:`by_sources`: articles whose ``source`` or ``source_en`` is one of them.
- ``languages`` → :func:`by_languages`: articles whose ``language`` is one of them.
- ``event_types`` → :func:`by_event_types`: events whose PLOVER ``type`` is one of them
  (case-insensitive), and the articles that contain such an event.
- ``stance`` → :func:`by_stance`: ``"cooperation"`` (quad classes 1–2) or ``"conflict"``
  (3–4): the events of that stance and the articles that contain one.
- ``text`` → :func:`by_text`: articles with a sentence containing the text, case-insensitive;
  both sides are normalised with :func:`toolkit.arabic.normalize_key` so that hamza forms,
  diacritics and tatweel do not matter (``"اسيا"`` finds ``"آسيا"``).

``select`` decides every criterion on the tables it is given and keeps the articles that meet
all of them; mentions, events and sentences are then restricted to the kept articles.
Criteria on events (countries, dyad, dates, sectors, event types, stance) also keep only the
events that meet all of them; the mentions and sentences of kept articles are all kept. (So
``select(t, countries=..., start=...)`` keeps an article of the dates that names the country
even when its event with the country lies outside the dates; ``by_dates`` then
``by_countries`` decide the second criterion on what the first kept.)

The tables are read-only by convention: the look-ups a filter works out for a table (which
article each row belongs to, the articles naming each country, the folded sentence texts)
are kept while the table lives and reused, so that filtering the same large tables again
(the explorer, at each change) does not compare every row anew.
"""
from __future__ import annotations

import calendar
import datetime as dt
import weakref
from collections import Counter
from typing import Any, Callable, Iterable, NamedTuple, Sequence

import numpy as np
import pandas as pd

from toolkit.arabic import normalize_key
from toolkit.lexicon import name_of
from toolkit.tables import is_missing


class Tables(NamedTuple):
    """The four corpus tables; every filter takes one and returns a new one."""

    articles: pd.DataFrame
    mentions: pd.DataFrame
    events: pd.DataFrame
    sentences: pd.DataFrame


#: The mention types a filter reads (countries and organisations for ``countries``, sectors for
#: ``sectors``); the others only follow their articles.
FILTERED_MENTIONS = ("country", "organization", "sector")
#: The mention types that name an actor for ``countries`` (a country, an organisation id).
ACTOR_MENTIONS = FILTERED_MENTIONS[:2]

#: Quad classes of each stance.
STANCES: dict[str, tuple[int, ...]] = {"cooperation": (1, 2), "conflict": (3, 4)}


# --------------------------------------------------------------------------- tables

def tables(corpus: Any) -> Tables:
    """The four tables of a Corpus (annotating it first, without a progress bar, if needed)."""
    if not getattr(corpus, "annotated", True):
        corpus.annotate(progress=False)
    return Tables(corpus.articles, corpus.mentions, corpus.events, corpus.sentences)


def as_tables(data: Any) -> Tables:
    """A :class:`Tables` from a Corpus, a Tables or a 4-tuple of DataFrames."""
    if isinstance(data, Tables):
        return data
    if isinstance(data, tuple) and len(data) == 4 and all(isinstance(x, pd.DataFrame) for x in data):
        return Tables(*data)
    if all(hasattr(data, name) for name in ("articles", "annotate")):
        return tables(data)
    raise TypeError(f"expected a Corpus or Tables, not {type(data).__name__}")


# What a filter works out once per table and reuses (the explorer filters the same large tables
# at every change): keyed by the table's id and length, dropped when the table goes. The corpus
# tables are read-only by convention (every filter returns new ones): a table changed in place
# keeps the index of what it held when first filtered, so copy a table before changing it.
_MEMO: dict[tuple[int, str], tuple[Any, int, Any]] = {}


def _memo(df: pd.DataFrame, what: str, build: Callable[[pd.DataFrame], Any]) -> Any:
    key = (id(df), what)
    hit = _MEMO.get(key)
    if hit is not None and hit[0]() is df and hit[1] == len(df):
        return hit[2]
    value = build(df)
    _MEMO[key] = (weakref.ref(df, lambda _ref, key=key: _MEMO.pop(key, None)), len(df), value)
    return value


def _article_codes(df: pd.DataFrame, column: str = "article_id") -> tuple[np.ndarray, dict[Any, int]]:
    """Each row's article as an integer code (-1 when missing) and the code of each article."""
    codes, uniques = pd.factorize(df[column])
    return codes, {a: i for i, a in enumerate(uniques)}


def _rows_of(df: pd.DataFrame, ids: set[Any], column: str = "article_id") -> np.ndarray:
    """A mask of the rows of ``df`` whose ``column`` is in ``ids`` (a look-up per id and one
    gather, not a comparison of every row's string)."""
    codes, code_of = _memo(df, column, lambda d: _article_codes(d, column))
    keep = np.zeros(len(code_of) + 1, dtype=bool)  # the last place: code -1, no article, never kept
    keep[[code_of[a] for a in ids if a in code_of]] = True
    return keep[codes]


def _id_set(ids: Iterable[Any]) -> set[Any] | frozenset[Any]:
    return ids if isinstance(ids, (set, frozenset)) else set(ids)


def rows_of_articles(df: pd.DataFrame, article_ids: Iterable[str]) -> pd.DataFrame:
    """The rows of a mentions, events or sentences table whose ``article_id`` is one of
    ``article_ids`` (in the table's order): what :func:`restrict` keeps of each table."""
    return df[_rows_of(df, _id_set(article_ids))]


def restrict(t: Tables, article_ids: Iterable[str] | None = None, *, events: pd.Series | None = None) -> Tables:
    """``t`` reduced to ``article_ids`` (all when None) and, if given, the events where the mask is True.

    Articles keep their order; mentions, events and sentences are limited to the kept articles.
    """
    articles = t.articles
    if article_ids is not None:
        articles = articles[_rows_of(articles, _id_set(article_ids), "id")]
    ids = set(articles["id"].tolist())
    keep = _rows_of(t.events, ids)
    if events is not None:
        keep &= events.reindex(t.events.index, fill_value=False).astype(bool).to_numpy()
    return Tables(articles, rows_of_articles(t.mentions, ids), t.events[keep], rows_of_articles(t.sentences, ids))


# --------------------------------------------------------------------------- dates

def _parse_one(text: str, *, end: bool) -> dt.date | None:
    text = text.strip()[:10]
    try:
        parts = [int(p) for p in text.split("-")]
    except ValueError:
        return None
    try:
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
        if len(parts) == 2:
            y, m = parts
            return dt.date(y, m, calendar.monthrange(y, m)[1] if end else 1)
        if len(parts) == 3:
            return dt.date(*parts)
    except ValueError:
        return None
    return None


def date_interval(value: Any) -> tuple[dt.date, dt.date] | None:
    """The (first day, last day) an ISO date covers: ``"2024-09"`` → Sept 1–30; ``"A/B"`` → A … B.

    None for a missing or unreadable date.
    """
    if is_missing(value):
        return None
    text = str(value).strip()
    if not text:
        return None
    a, _, b = text.partition("/")
    lo = _parse_one(a, end=False)
    hi = _parse_one(b or a, end=True)
    if lo is None or hi is None:
        return None
    return (lo, hi) if lo <= hi else (hi, lo)


def event_dates(t: Tables) -> pd.Series:
    """Each event's date (index of ``t.events``), or its article's ``published`` when it has none."""
    published = t.articles.set_index("id")["published"] if len(t.articles) else pd.Series(dtype=object)
    published = published[~published.index.duplicated()]
    fallback = t.events["article_id"].map(published)
    own = t.events["date"]
    has = own.notna() & (own.astype(str).str.strip() != "")
    return own.where(has, fallback)


def _overlaps(values: pd.Series, lo: dt.date | None, hi: dt.date | None, *, within: bool = False) -> pd.Series:
    """True where the date interval overlaps [lo, hi] (``within``: lies inside it)."""
    def ok(v: Any) -> bool:
        iv = date_interval(v)
        if iv is None:
            return False
        a, b = iv
        if within:
            return (lo is None or a >= lo) and (hi is None or b <= hi)
        return (lo is None or b >= lo) and (hi is None or a <= hi)
    return values.map(ok).astype(bool) if len(values) else pd.Series(dtype=bool, index=values.index)


# --------------------------------------------------------------------------- criteria

def _codes(codes: str | Iterable[str]) -> set[str]:
    return {codes} if isinstance(codes, str) else {str(c) for c in codes}


def involving(events: pd.DataFrame, codes: str | Iterable[str]) -> pd.Series:
    """The events whose source or target is one of ``codes`` (what ``countries`` keeps of them)."""
    wanted = _codes(codes)
    return events["source"].isin(wanted) | events["target"].isin(wanted)


def between(events: pd.DataFrame, a: str, b: str) -> pd.Series:
    """The events between ``a`` and ``b``, either direction (what ``dyad`` keeps of them)."""
    src, tgt = events["source"], events["target"]
    return ((src == a) & (tgt == b)) | ((src == b) & (tgt == a))


# Each criterion is a pair of functions: ``_foo(t, ...)`` decides it on the tables given and
# returns a Choice (the articles that meet it, or None: every article; the events that meet it,
# a mask, or None: every event), and ``by_foo`` applies that choice with :func:`restrict`.
# ``select`` decides every criterion on the same tables and applies their AND once.
Choice = tuple["set[Any] | None", "pd.Series | None"]


def _applied(t: Tables, choice: Choice) -> Tables:
    ids, events = choice
    if ids is None and events is None:
        return t
    return restrict(t, ids, events=events)


def _countries(t: Tables, codes: str | Sequence[str]) -> Choice:
    wanted = _codes(codes)
    by_code = _memo(t.mentions, "actors", _articles_by_actor)
    ev_mask = involving(t.events, wanted)
    ids = set(t.events.loc[ev_mask, "article_id"].tolist())
    for code in wanted:
        ids.update(by_code.get(code, ()))
    return ids, ev_mask


def by_countries(t: Tables, codes: str | Sequence[str]) -> Tables:
    """Articles mentioning any of ``codes`` (mentions or events) and the events involving any of them."""
    return _applied(t, _countries(t, codes))


def _articles_by_actor(m: pd.DataFrame) -> dict[str, set[str]]:
    """The articles with a country or organisation mention of each code."""
    hit = m["type"].isin(ACTOR_MENTIONS).to_numpy(dtype=bool, na_value=False)
    out: dict[str, set[str]] = {}
    for value, article in zip(m["value"].to_numpy()[hit], m["article_id"].to_numpy()[hit]):
        if isinstance(value, str):
            out.setdefault(value, set()).add(article)
    return out


def _events_kept(t: Tables, mask: pd.Series) -> Choice:
    """The events of ``mask`` and the articles that hold one."""
    return set(t.events.loc[mask, "article_id"].tolist()), mask


def _dyad(t: Tables, dyad: tuple[str, str]) -> Choice:
    return _events_kept(t, between(t.events, *dyad))


def by_dyad(t: Tables, dyad: tuple[str, str]) -> Tables:
    """The events between ``dyad[0]`` and ``dyad[1]`` (either direction) and their articles."""
    return _applied(t, _dyad(t, dyad))


def _dates(t: Tables, start: str | None = None, end: str | None = None) -> Choice:
    if start is None and end is None:
        return None, None
    lo_iv = date_interval(start) if start is not None else None
    hi_iv = date_interval(end) if end is not None else None
    if (start is not None and lo_iv is None) or (end is not None and hi_iv is None):
        raise ValueError(f"start/end must be ISO dates (YYYY, YYYY-MM or YYYY-MM-DD), not {start!r}, {end!r}")
    lo = lo_iv[0] if lo_iv else None
    hi = hi_iv[1] if hi_iv else None
    art_mask = _overlaps(t.articles["published"], lo, hi, within=True)
    ev_mask = _overlaps(event_dates(t), lo, hi)
    return set(t.articles.loc[art_mask, "id"].tolist()), ev_mask


def by_dates(t: Tables, start: str | None = None, end: str | None = None) -> Tables:
    """Articles published within [start, end] and the events whose date overlaps it (inclusive)."""
    return _applied(t, _dates(t, start, end))


def _has_any(values: pd.Series, wanted: set[str]) -> pd.Series:
    def ok(v: Any) -> bool:
        if isinstance(v, str):
            return v in wanted
        try:
            return any(s in wanted for s in v)
        except TypeError:
            return False
    return values.map(ok).astype(bool) if len(values) else pd.Series(dtype=bool, index=values.index)


def _sectors(t: Tables, sectors: str | Sequence[str]) -> Choice:
    wanted = _codes(sectors)
    m = t.mentions
    hit = (m["type"] == "sector") & m["value"].isin(wanted)
    ev_mask = _has_any(t.events["sectors"], wanted)
    return set(m.loc[hit, "article_id"].tolist()) | set(t.events.loc[ev_mask, "article_id"].tolist()), ev_mask


def by_sectors(t: Tables, sectors: str | Sequence[str]) -> Tables:
    """Articles with a sector mention or an event in any of ``sectors``; events with any of them."""
    return _applied(t, _sectors(t, sectors))


def _sources(t: Tables, sources: str | Sequence[str]) -> Choice:
    wanted = _codes(sources)
    a = t.articles
    mask = a["source"].isin(wanted)
    if "source_en" in a.columns:
        mask |= a["source_en"].isin(wanted)
    return set(a.loc[mask, "id"].tolist()), None


def by_sources(t: Tables, sources: str | Sequence[str]) -> Tables:
    """Articles whose ``source`` or ``source_en`` is one of ``sources`` (exact match)."""
    return _applied(t, _sources(t, sources))


def _languages(t: Tables, languages: str | Sequence[str]) -> Choice:
    a = t.articles
    return set(a.loc[a["language"].isin(_codes(languages)), "id"].tolist()), None


def by_languages(t: Tables, languages: str | Sequence[str]) -> Tables:
    """Articles whose ``language`` is one of ``languages`` (``"ar"``, ``"en"``, ...)."""
    return _applied(t, _languages(t, languages))


def _event_types(t: Tables, event_types: str | Sequence[str]) -> Choice:
    wanted = {c.upper() for c in _codes(event_types)}
    return _events_kept(t, t.events["type"].astype(str).str.upper().isin(wanted))


def by_event_types(t: Tables, event_types: str | Sequence[str]) -> Tables:
    """Events of these PLOVER types (any case) and the articles that contain one."""
    return _applied(t, _event_types(t, event_types))


def _stance(t: Tables, stance: str) -> Choice:
    key = str(stance).strip().lower()
    if key not in STANCES:
        raise ValueError(f"stance must be one of {sorted(STANCES)}, not {stance!r}")
    return _events_kept(t, pd.to_numeric(t.events["quad_class"], errors="coerce").isin(STANCES[key]))


def by_stance(t: Tables, stance: str) -> Tables:
    """``"cooperation"`` (quad classes 1–2) or ``"conflict"`` (3–4) events and their articles."""
    return _applied(t, _stance(t, stance))


def _fold(text: str) -> str:
    return normalize_key(str(text)).casefold()


def _folded(s: pd.DataFrame) -> list[str]:
    """Every sentence's text as :func:`by_text` compares it (worked out once per table)."""
    return [_fold(x) if isinstance(x, str) else "" for x in s["text"].tolist()]


def _sentence_hits(s: pd.DataFrame, needle: str) -> np.ndarray:
    return np.fromiter((needle in x for x in _memo(s, "folded", _folded)), dtype=bool, count=len(s))


def _text(t: Tables, text: str) -> Choice:
    needle = _fold(text).strip()
    if not needle:
        return None, None
    s = t.sentences
    return set(s.loc[_sentence_hits(s, needle), "article_id"].tolist()) if len(s) else set(), None


def by_text(t: Tables, text: str) -> Tables:
    """Articles with a sentence containing ``text`` (case-insensitive, Arabic-normalised)."""
    return _applied(t, _text(t, text))


def matching_sentences(data: Any, text: str) -> pd.DataFrame:
    """The sentences containing ``text`` (same matching as :func:`by_text`)."""
    t = as_tables(data)
    needle = _fold(text).strip()
    s = t.sentences
    if not needle or not len(s):
        return s.iloc[0:0]
    return s[_sentence_hits(s, needle)]


def select(data: Any, *, countries: Sequence[str] | None = None, dyad: tuple[str, str] | None = None,
           start: str | None = None, end: str | None = None, sectors: Sequence[str] | None = None,
           sources: Sequence[str] | None = None, languages: Sequence[str] | None = None,
           event_types: Sequence[str] | None = None, stance: str | None = None,
           text: str | None = None) -> Tables:
    """The tables of ``data`` (Corpus or Tables) narrowed by the AND of the criteria given.

    ``None`` (and an empty list or string, or a list of ``None``) means "no filter": a
    notebook can pass ``countries=[COUNTRY]`` whether or not a country was found. See the
    module docstring for what each criterion keeps.
    """
    def given(values: Any) -> Any:
        if values is None or isinstance(values, str):
            return values
        kept = [v for v in values if v is not None]
        return kept or None

    countries, sectors, sources, languages, event_types = (
        given(countries), given(sectors), given(sources), given(languages), given(event_types))
    if dyad is not None and any(side is None for side in dyad):
        dyad = None
    t = as_tables(data)
    # every criterion decided on the same tables (a table's look-ups are worked out once and
    # reused), then their AND applied once
    choices = []
    if sources:
        choices.append(_sources(t, sources))
    if languages:
        choices.append(_languages(t, languages))
    if start or end:
        choices.append(_dates(t, start or None, end or None))
    if countries:
        choices.append(_countries(t, countries))
    if dyad:
        choices.append(_dyad(t, tuple(dyad)))
    if sectors:
        choices.append(_sectors(t, sectors))
    if event_types:
        choices.append(_event_types(t, event_types))
    if stance:
        choices.append(_stance(t, stance))
    if text:
        choices.append(_text(t, text))
    ids: set[Any] | None = None
    events: pd.Series | None = None
    for kept, mask in choices:
        if kept is not None:
            ids = kept if ids is None else ids & kept
        if mask is not None:
            events = mask if events is None else events & mask
    return _applied(t, (ids, events))


# --------------------------------------------------------------------------- names and options

def _freq(values: Iterable[Any]) -> list[str]:
    """Distinct non-empty values, most frequent first (ties by name)."""
    counts = Counter(str(v) for v in values if not is_missing(v) and str(v))
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def options(data: Any) -> dict[str, Any]:
    """The choices present in ``data``, for widgets; keys mirror :func:`select`'s keywords.

    - ``countries``: list of dicts ``{code, name_en, name_ar, label, articles, mentions, events}``
      for every country (or organisation) mentioned or acting in an event, most articles first;
      ``label`` reads ``"Russia (RUS) · 40"``;
    - ``dyads``: list of ``(a, b)`` pairs (sorted codes) with events, most events first;
    - ``sectors``, ``sources``, ``languages``, ``event_types``: lists of strings, most frequent
      first (``sources`` counts articles; ``sectors`` counts sector mentions and event sectors);
    - ``stances``: ``["cooperation", "conflict"]``;
    - ``start``, ``end``: the earliest and latest article ``published`` date (ISO
      ``YYYY-MM-DD``), None when no article is dated;
    - ``event_start``, ``event_end``: the same over event dates (events may refer to the past,
      e.g. a treaty of 2001 recalled in a 2025 article).
    """
    t = as_tables(data)
    m, ev, a = t.mentions, t.events, t.articles
    actor_m = m[m["type"].isin(("country", "organization"))]
    country_m = m[m["type"] == "country"]
    codes = set(country_m["value"].dropna().astype(str)) | set(ev["source"].dropna()) | set(ev["target"].dropna())
    art_sets: dict[str, set[str]] = {c: set() for c in codes}
    for aid, val in zip(actor_m["article_id"], actor_m["value"]):
        if val in art_sets:
            art_sets[val].add(aid)
    ev_counts: Counter[str] = Counter()
    for aid, s, g in zip(ev["article_id"], ev["source"], ev["target"]):
        for c in {s, g}:
            if c in art_sets:
                art_sets[c].add(aid)
                ev_counts[c] += 1
    m_counts = Counter(actor_m["value"].dropna().astype(str))
    rows = []
    for code in codes:
        name = name_of(code)
        n_art = len(art_sets[code])
        rows.append({"code": code, "name_en": name, "name_ar": name_of(code, lang="ar"),
                     "label": f"{name} ({code}) · {n_art}" if name != code else f"{code} · {n_art}",
                     "articles": n_art, "mentions": m_counts.get(code, 0), "events": ev_counts.get(code, 0)})
    rows.sort(key=lambda r: (-r["articles"], -r["events"], r["code"]))

    pair_counts = Counter(tuple(sorted((s, g))) for s, g in zip(ev["source"], ev["target"])
                          if isinstance(s, str) and isinstance(g, str) and s != g)  # one-sided: no pair
    dyads = [p for p, _ in sorted(pair_counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    sector_values = list(m.loc[m["type"] == "sector", "value"])
    for secs in ev["sectors"]:
        if isinstance(secs, (list, tuple)):
            sector_values.extend(secs)

    def span(values: Iterable[Any]) -> tuple[str | None, str | None]:
        ivs = [iv for iv in map(date_interval, values) if iv]
        if not ivs:
            return None, None
        return min(iv[0] for iv in ivs).isoformat(), max(iv[1] for iv in ivs).isoformat()

    start, end = span(a["published"])
    ev_start, ev_end = span(ev["date"])
    return {
        "countries": rows,
        "dyads": dyads,
        "sectors": _freq(sector_values),
        "sources": _freq(a["source"]),
        "languages": _freq(a["language"]),
        "event_types": _freq(ev["type"]),
        "stances": list(STANCES),
        "start": start,
        "end": end,
        "event_start": ev_start,
        "event_end": ev_end,
    }


#: Columns of :func:`country_table` (the ``countries`` entries of :func:`options`).
COUNTRY_COLUMNS = ["code", "name_en", "name_ar", "label", "articles", "mentions", "events"]


def country_table(data: Any) -> pd.DataFrame:
    """The countries (and organisations acting in events) of ``data`` as a table, most articles
    first: the ``countries`` entries of :func:`options`, with :data:`COUNTRY_COLUMNS` even when
    the corpus names none."""
    rows = options(data)["countries"]
    df = pd.DataFrame(rows, columns=COUNTRY_COLUMNS)
    for col in ("articles", "mentions", "events"):
        df[col] = df[col].astype("int64")
    return df


def main_country(data: Any) -> str | None:
    """The country named in most articles (then most mentions, then the code), or None when
    no article names a country. Only ``country`` mentions count, so an organisation (BRICS)
    is never the country studied."""
    t = as_tables(data)
    m = t.mentions
    m = m[(m["type"] == "country") & m["value"].notna()]
    if not len(m):
        return None
    values = m["value"].astype(str)
    articles = m.groupby(values)["article_id"].nunique()
    mentions = values.value_counts()
    table = pd.DataFrame({"articles": articles, "mentions": mentions.reindex(articles.index)})
    table["code"] = table.index
    table = table.sort_values(["articles", "mentions", "code"], ascending=[False, False, True], kind="stable")
    return str(table.index[0])


def choose_country(data: Any, asked: str | None = None) -> str | None:
    """The country a notebook studies: ``asked`` when ``data`` names it (a country or an
    organisation mentioned or acting in an event), else :func:`main_country`."""
    if asked is not None:
        t = as_tables(data)
        m = t.mentions
        named = m["type"].isin(("country", "organization")) & (m["value"] == asked)
        if named.any() or (t.events["source"] == asked).any() or (t.events["target"] == asked).any():
            return asked
    return main_country(data)


def top_choice(data: Any, key: str, *, countries: Sequence[str] | None = None) -> Any:
    """The first (most frequent) choice of :func:`options` ``key`` (``"sectors"``,
    ``"event_types"``, ``"dyads"``, ``"sources"``, ...) in ``data``, or among the events and
    articles of ``countries`` when given; None when there is none.

    For ``"countries"`` it is the code. What a notebook parameter defaults to: the sector or
    the event type the corpus holds most, the pair with most events.
    """
    t = as_tables(data)
    wanted = [c for c in (countries or ()) if c]
    if wanted:
        t = by_countries(t, wanted)
    values = options(t).get(key)
    if values is None:
        raise KeyError(f"options() has no {key!r}; choose from {', '.join(sorted(options(t)))}")
    if not values:
        return None
    first = values[0]
    return first["code"] if isinstance(first, dict) else first


def choose_article(data: Any, wanted: str | None = None) -> tuple[str | None, str]:
    """The article a notebook shows, and why: ``wanted`` when the corpus has it, else
    :func:`pick_article`'s choice (else the first article, when none has a text). The reason
    is a clause for a sentence ("it is the article asked for").  ``(None, reason)`` only for
    a corpus without articles."""
    t = as_tables(data)
    ids = list(t.articles["id"])
    if wanted is not None and wanted in set(ids):
        return str(wanted), "it is the article asked for (the ARTICLE_ID parameter)"
    missing = f"{wanted!r} (the ARTICLE_ID parameter) is not in this corpus, so " if wanted is not None else ""
    chosen = pick_article(t)
    if chosen is None:
        if not ids:
            return None, missing + "the corpus has no article"
        return str(ids[0]), missing + "no article has a text, and this is the first one"
    kinds = sorted(set(t.mentions.loc[t.mentions["article_id"] == chosen, "type"].dropna().astype(str)))
    has_events = bool((t.events["article_id"] == chosen).any())
    shown = ", ".join(kinds) if kinds else "none"
    what = f"{shown}{', and events' if has_events else ''}"
    if len(ids) == 1:
        return chosen, missing + f"it is the corpus's only article (its annotations: {what})"
    return chosen, missing + (f"of the {len(ids)} articles, it is the shortest of those that show the most kinds "
                              f"of annotation ({what})")


def pick_article(data: Any) -> str | None:
    """The id of the article that shows the annotations best in the least reading: the most
    kinds of mentions (and events as one more kind), then the fewest characters, then the first
    in corpus order; None when no article has a text."""
    t = as_tables(data)
    a = t.articles
    if not len(a):
        return None
    kinds = t.mentions.groupby("article_id")["type"].nunique()
    with_events = set(t.events["article_id"])
    chars = a["n_chars"] if "n_chars" in a.columns else pd.Series(1, index=a.index)
    best: tuple[Any, ...] | None = None
    chosen = None
    for order, (aid, n) in enumerate(zip(a["id"], chars)):
        if is_missing(n) or not n:
            continue
        key = (-(int(kinds.get(aid, 0)) + (aid in with_events)), int(n), order)
        if best is None or key < best:
            best, chosen = key, aid
    return None if chosen is None else str(chosen)


__all__ = [
    "Tables", "STANCES", "FILTERED_MENTIONS", "tables", "as_tables", "restrict", "rows_of_articles", "select",
    "options", "name_of",
    "country_table", "main_country", "choose_country", "top_choice", "pick_article", "choose_article",
    "COUNTRY_COLUMNS",
    "by_countries", "by_dyad", "by_dates", "by_sectors", "by_sources", "by_languages",
    "by_event_types", "by_stance", "by_text", "involving", "between", "ACTOR_MENTIONS", "matching_sentences",
    "date_interval", "event_dates",
]

"""toolkit.dedup: the same event told by many reports becomes one event with its reports.

Unit tests on small tables written here (the sentences are written for the cases the corpora
lack), the bundled corpus, and the Cairo Declaration of 30 July 2015 in SaudiNewsNet.
"""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import dedup
from toolkit import filters as F
from toolkit import relations as R
from toolkit.corpus import Corpus
from toolkit.schema import REPORTS, UNIQUE_EVENTS

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
KIND_DTYPES = {"text": "str", "int": "int64", "Int": "Int64", "float": "float64", "datetime": "datetime64[s]",
               "list": "object"}

VISIT = "صدر اليوم بيان مشترك إعلان القاهرة بمناسبة زيارة ولي ولي العهد الأمير محمد بن سلمان إلى القاهرة"
VISIT_2 = "وصدر بيان مشترك إعلان القاهرة في ختام زيارة الأمير محمد بن سلمان ولي ولي العهد إلى مصر"
CALL = "أجرى خادم الحرمين الشريفين اتصالا هاتفيا بالرئيس المصري هنأه فيه بافتتاح قناة السويس الجديدة"
OTHER = "وقعت الشركتان عقدا لتوريد القمح والشعير عبر ميناء جدة خلال الموسم المقبل"


def article(aid: str, published: str, source: str) -> dict:
    return {"id": aid, "published": published, "source": source, "source_en": source, "language": "ar"}


def event(aid: str, sentence: int, source: str, target: str, typ: str = "AGREE", *, date: str | None = None,
          mode: str = "done", quad: int = 1, intensity: float = 5.0) -> dict:
    return {"article_id": aid, "source": source, "target": target, "type": typ, "mode": mode, "cameo_root": "057",
            "quad_class": quad, "intensity": intensity, "date": date, "sectors": ("diplomacy",), "sentence": sentence,
            "start": 0, "end": 10, "evidence": "اتفق", "rule": "test", "source_text": "", "target_text": ""}


def tables(articles: list[dict], events: list[dict], sentences: dict[tuple[str, int], str]) -> F.Tables:
    arts = pd.DataFrame(articles)
    ev = pd.DataFrame(events)
    sents = pd.DataFrame([{"article_id": a, "sentence": i, "start": 0, "end": len(t), "text": t}
                          for (a, i), t in sentences.items()])
    mentions = pd.DataFrame(columns=["article_id", "start", "end", "text", "type", "value", "kind", "sentence", "rule"])
    return F.Tables(arts, mentions, ev, sents)


def both_ways(aid: str, sentence: int, a: str, b: str, typ: str = "AGREE", **kw) -> list[dict]:
    return [event(aid, sentence, a, b, typ, **kw), event(aid, sentence, b, a, typ, **kw)]


@pytest.fixture
def cairo() -> F.Tables:
    """Three outlets tell the declaration (two days), one of them twice; a phone call the day after."""
    arts = [article("a1", "2015-07-31", "spa"), article("a2", "2015-07-31", "okaz"),
            article("a3", "2015-08-01", "sabq"), article("a4", "2015-08-01", "alriyadh")]
    ev = (both_ways("a1", 0, "EGY", "SAU", date="2015-07-30") + both_ways("a2", 3, "SAU", "EGY")
          + both_ways("a2", 5, "EGY", "SAU") + both_ways("a3", 1, "EGY", "SAU")
          + both_ways("a4", 0, "SAU", "EGY", "CONSULT", date="2015-07-31", quad=1, intensity=1.0))
    sents = {("a1", 0): VISIT, ("a2", 3): VISIT_2, ("a2", 5): OTHER, ("a3", 1): VISIT, ("a4", 0): CALL}
    return tables(arts, ev, sents)


def test_one_declaration_many_reports(cairo: F.Tables) -> None:
    r = dedup.cluster(cairo)
    ev = r.events
    agree = ev[ev["type"] == "AGREE"]
    assert agree["event_id"].nunique() == 1, agree[["article_id", "sentence", "event_id"]]
    row = r.unique_events.set_index("event_id").loc[agree["event_id"].iloc[0]]
    assert (row["n_reports"], row["n_articles"], row["n_sources"]) == (8, 3, 3)
    assert row["sources"] == ["okaz", "sabq", "spa"]
    assert row["type"] == "AGREE" and {row["source"], row["target"]} == {"EGY", "SAU"}
    assert row["date"] == "2015-07-30"  # the one date a report gives, which the others allow
    assert row["first_published"] == pd.Timestamp("2015-07-31") and row["example_ref"] in {"a1#0", "a2#3"}
    # the phone call is another event (another type), and the reports table says why rows joined
    assert ev.loc[ev["type"] == "CONSULT", "event_id"].nunique() == 1
    assert ev["event_id"].nunique() == 2
    rep = r.reports.set_index("ref")
    assert rep.loc["a2#5", "basis"].tolist() == ["same article", "same sentence"]  # other words, same article
    assert "same sentence" in set(rep["basis"]) and (r.reports["basis"] == "first").sum() == 2


def test_tables_have_the_schema_columns_and_dtypes(cairo: F.Tables) -> None:
    r = dedup.cluster(cairo)
    empty = dedup.cluster_events(cairo.events.iloc[0:0], cairo.articles, cairo.sentences)
    for got, table in ((r.unique_events, UNIQUE_EVENTS), (r.reports, REPORTS),
                       (empty.unique_events, UNIQUE_EVENTS), (empty.reports, REPORTS)):
        assert list(got.columns) == table.names
        for c in table.columns:
            assert str(got[c.name].dtype) == KIND_DTYPES[c.kind], (table.name, c.name, got[c.name].dtype)
    assert len(r.reports) == len(cairo.events) and list(r.reports["row"]) == list(range(len(cairo.events)))
    assert r.unique_events["n_reports"].sum() == len(cairo.events)
    assert list(r.events.index) == list(cairo.events.index) and r.events["event_id"].notna().all()
    assert len(empty.events) == 0 and "event_id" in empty.events.columns


def test_dates_that_disagree_split() -> None:
    arts = [article("a1", "2015-07-31", "spa"), article("a2", "2015-07-31", "okaz"),
            article("a3", "2015-07-31", "sabq")]
    # the same words, but one recalls the agreement of 2009 and one is a week older
    ev = (both_ways("a1", 0, "EGY", "SAU", date="2015-07-30") + both_ways("a2", 0, "EGY", "SAU", date="2009")
          + both_ways("a3", 0, "EGY", "SAU", date="2015-07-20"))
    t = tables(arts, ev, {("a1", 0): VISIT, ("a2", 0): VISIT, ("a3", 0): VISIT})
    r = dedup.cluster(t)
    assert r.events["event_id"].nunique() == 3
    assert sorted(r.unique_events["date"]) == ["2009-01-01/2009-12-31", "2015-07-20", "2015-07-30"]


def test_negated_directed_and_dissimilar_reports_stay_apart() -> None:
    arts = [article(f"a{i}", "2015-07-31", f"outlet{i}") for i in range(1, 6)]
    ev = [event("a1", 0, "EGY", "SAU"), event("a2", 0, "EGY", "SAU", mode="negated"),  # denied: not the same
          event("a3", 0, "IRN", "SAU", "ACCUSE", quad=3, intensity=-2), event("a4", 0, "SAU", "IRN", "ACCUSE", quad=3,
                                                                             intensity=-2),  # each accuses the other
          event("a5", 0, "EGY", "SAU")]  # same pair, type and days, no word in common with a1
    t = tables(arts, ev, {("a1", 0): VISIT, ("a2", 0): VISIT, ("a3", 0): CALL, ("a4", 0): CALL, ("a5", 0): OTHER})
    r = dedup.cluster(t)
    assert r.events["event_id"].nunique() == 5
    # with no similarity required, the two affirmed AGREE reports of the same days merge
    loose = dedup.cluster(t, min_similarity=0.0)
    assert loose.events["event_id"].nunique() == 4


def test_a_near_duplicate_a_day_off_joins_and_a_different_text_does_not() -> None:
    arts = [article("a1", "2015-07-31", "spa"), article("a2", "2015-08-03", "okaz"),
            article("a3", "2015-08-03", "sabq")]
    # a2 republishes a1's text with the day after as its date; a3 has other words on that day
    ev = [event("a1", 0, "EGY", "SAU", date="2015-07-30"), event("a2", 0, "EGY", "SAU", date="2015-07-31"),
          event("a3", 0, "EGY", "SAU", date="2015-07-31")]
    t = tables(arts, ev, {("a1", 0): VISIT, ("a2", 0): VISIT, ("a3", 0): VISIT_2 + " " + OTHER})
    r = dedup.cluster(t)
    ids = r.events["event_id"].tolist()
    assert ids[0] == ids[1] != ids[2]
    assert r.reports.loc[1, "basis"] == "near-duplicate" and r.reports.loc[1, "similarity"] == 1.0
    assert r.unique_events.set_index("event_id").loc[ids[0], "date"] == "2015-07-30"  # the days are kept


def test_ids_do_not_depend_on_row_order(cairo: F.Tables) -> None:
    r = dedup.cluster(cairo)
    key = dict(zip(zip(r.events["article_id"], r.events["sentence"], r.events["source"]), r.events["event_id"]))
    rows = list(cairo.events.index)
    random.Random(7).shuffle(rows)
    shuffled = F.Tables(cairo.articles, cairo.mentions, cairo.events.loc[rows], cairo.sentences)
    again = dedup.cluster(shuffled).events
    assert dict(zip(zip(again["article_id"], again["sentence"], again["source"]), again["event_id"])) == key


def test_report_days() -> None:
    day = pd.Timestamp("2015-07-31").to_pydatetime().date().toordinal()
    assert dedup.report_days(None, "2015-07-31") == (day - dedup.LAG_DAYS, day)
    assert dedup.report_days("2015-07-31", "2015-07-31") == (day - dedup.LAG_DAYS, day)  # the coder's fallback
    assert dedup.report_days("2015-07-30", "2015-07-31") == (day - 1, day - 1)
    assert dedup.report_days("2015-07", "2015-07-31") == (day - dedup.LAG_DAYS, day)  # narrowed to the lag
    lo, hi = dedup.report_days("2009", "2015-07-31")
    assert (hi - lo) == 364
    assert dedup.report_days(None, None) is None


def test_relations_count_events_or_reports(cairo: F.Tables) -> None:
    d = R.dyads(cairo).set_index("pair").loc["EGY–SAU"]
    assert (d["events"], d["reports"], d["articles"]) == (2, 10, 4)
    assert R.dyads(cairo, count="reports").set_index("pair").loc["EGY–SAU", "events"] == 10
    directed = R.dyads(cairo, directed=True).set_index("pair")
    assert directed.loc["EGY→SAU", "events"] == directed.loc["SAU→EGY", "events"] == 2  # told both ways
    assert int(R.timeline(cairo, by=None).to_numpy().sum()) == 2
    assert int(R.timeline(cairo, by=None, count="reports").to_numpy().sum()) == 10
    g = R.network(cairo)
    assert g["EGY"]["SAU"]["weight"] == 2 and g["EGY"]["SAU"]["reports"] == 10 and g.nodes["EGY"]["events"] == 2
    p = R.partners(cairo, "EGY").iloc[0]
    assert (p["partner"], p["events"], p["reports"], p["as_source"], p["as_target"]) == ("SAU", 2, 10, 2, 2)
    with pytest.raises(ValueError, match="count must be"):
        R.dyads(cairo, count="rows")


def test_bundled_corpus_events_never_exceed_reports() -> None:
    if not CORPUS.is_dir():
        pytest.skip("corpus/ is not in the checkout")
    t = F.tables(toolkit.load_corpus(CORPUS))
    r = dedup.cluster(t)
    assert r.unique_events["n_reports"].sum() == len(t.events)
    assert len(r.unique_events) < len(t.events)
    d = R.dyads(t)
    assert (d["events"] <= d["reports"]).all() and d["events"].sum() <= len(r.unique_events) + d["reports"].sum()
    # every event's reports share its type and its pair of actors (either way round)
    for eid, rows in r.events.groupby("event_id"):
        assert rows["type"].nunique() == 1, eid
        assert len({frozenset((s, g)) for s, g in zip(rows["source"], rows["target"])}) == 1, eid


def test_cairo_declaration_in_saudinewsnet(saudinewsnet_dir: Path) -> None:
    """The Cairo Declaration (30 July 2015): 34 AGREE rows from 16 articles of 10 outlets before,
    one event (or very few) after. The articles that name the declaration are annotated."""
    days = [saudinewsnet_dir / f"{d}.zip" for d in ("2015-07-31", "2015-08-01", "2015-08-02")]
    if not all(p.exists() for p in days):
        pytest.skip("SaudiNewsNet days 2015-07-31 .. 2015-08-02 are not all in ../shared")
    named = [a for a in toolkit.load_corpus(days, errors="skip") if "إعلان القاهرة" in a.text]
    t = F.tables(Corpus.from_articles(named))
    ev = t.events
    pair = ev[["source", "target"]].apply(frozenset, axis=1) == frozenset({"EGY", "SAU"})
    agree = ev[pair & (ev["type"] == "AGREE")]
    outlets = agree["article_id"].map(t.articles.set_index("id")["source"])
    assert len(agree) >= 30 and agree["article_id"].nunique() >= 14 and outlets.nunique() >= 9
    assert R.dyads(t, count="reports").iloc[0]["pair"] == "EGY–SAU"

    r = dedup.cluster(t)
    ids = r.events.loc[agree.index, "event_id"]
    assert ids.nunique() <= 2, ids.value_counts()
    main = r.unique_events.set_index("event_id").loc[ids.value_counts().index[0]]
    assert main["n_reports"] >= 0.85 * len(agree) and main["n_sources"] >= 9
    assert main["date_start"] <= pd.Timestamp("2015-07-30") <= main["date_end"]
    assert main["first_published"] == pd.Timestamp("2015-07-31")
    d = R.dyads(t).set_index("pair").loc["EGY–SAU"]
    assert d["events"] < d["reports"] / 4

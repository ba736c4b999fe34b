"""toolkit.relations on the bundled corpus: dyads, partners, evidence, timelines, matrices, networks; `toolkit dyads`."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import toolkit
from toolkit import filters as F
from toolkit import relations as R
from toolkit.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = "000_32804eb77b22d83d"


@pytest.fixture(scope="module")
def t() -> F.Tables:
    if not CORPUS.is_dir():
        pytest.skip("corpus/ is not in the checkout")
    return F.tables(toolkit.load_corpus(CORPUS))


def n_between(t: F.Tables, a: str, b: str) -> int:
    ev = t.events
    return int((((ev["source"] == a) & (ev["target"] == b)) | ((ev["source"] == b) & (ev["target"] == a))).sum())


def sentence_text(t: F.Tables, article_id: str, sentence: int) -> str:
    s = t.sentences
    return s.loc[(s["article_id"] == article_id) & (s["sentence"] == sentence), "text"].item()


def test_dyads_rus_tjk_with_seed_sentences(t: F.Tables) -> None:
    d = R.dyads(t, count="reports")
    row = d.set_index("pair").loc["RUS–TJK"]
    assert (row["a"], row["b"]) == ("RUS", "TJK")
    assert row["name_b"] == "Tajikistan"
    between = t.events[t.events[["source", "target"]].apply(frozenset, axis=1) == frozenset({"RUS", "TJK"})]
    assert row["events"] == len(between) and row["articles"] == between["article_id"].nunique()
    examples = row["examples"]
    assert 1 <= len(examples) <= 3
    seed = [e for e in examples if e["article_id"] == SEED]
    assert seed, "the seed article's sentences are among the examples"
    assert seed[0]["text"] == sentence_text(t, SEED, seed[0]["sentence"])
    assert any(word in seed[0]["text"] for word in ("طاجيك", "دوشنبه"))
    # every event of the pair is referenced
    assert set(row["refs"]) == {f"{a}#{s}" for a, s in zip(between["article_id"], between["sentence"])}
    assert 1 <= len(row["top_sectors"]) <= 3
    assert set(row["top_sectors"]) <= {s for secs in between["sectors"] for s in secs}
    assert row["first"] <= row["last"]


def two_sided(events: pd.DataFrame) -> int:
    """Events dyads count: both sides named and different (one-sided and domestic events are no dyad)."""
    return int(R.two_sided(events).sum())


def test_dyads_counts_add_up(t: F.Tables) -> None:
    d = R.dyads(t, count="reports")
    assert d["events"].sum() == two_sided(t.events) == d["reports"].sum()
    assert list(d["events"]) == sorted(d["events"], reverse=True)
    assert (d[["q1", "q2", "q3", "q4"]].sum(axis=1) == d["events"]).all()
    assert (d["cooperation"] == d["q1"] + d["q2"]).all() and (d["conflict"] == d["q3"] + d["q4"]).all()
    assert (d["a"] <= d["b"]).all()
    assert d["pair"].is_unique
    assert (R.dyads(t, min_events=5, count="reports")["events"] >= 5).all()
    assert len(R.dyads(t, min_events=5, count="reports")) < len(d)


def test_directed_dyads(t: F.Tables) -> None:
    d = R.dyads(t, directed=True, count="reports").set_index("pair")
    assert d["events"].sum() == two_sided(t.events)
    ab, ba = d.loc["RUS→TJK", "events"], d.loc["TJK→RUS", "events"]
    assert ab + ba == R.dyads(t, count="reports").set_index("pair").loc["RUS–TJK", "events"]
    assert ab >= 1 and ba >= 1  # the seed has both directions (Tajikistan's visit to Moscow)


def test_refs_point_to_sentences(t: F.Tables) -> None:
    known = {f"{a}#{s}" for a, s in zip(t.sentences["article_id"], t.sentences["sentence"])}
    for refs in R.dyads(t)["refs"]:
        assert set(refs) <= known


def test_evidence(t: F.Tables) -> None:
    ev = R.evidence(t, "RUS–TJK")
    assert len(ev) == R.dyads(t, count="reports").set_index("pair").loc["RUS–TJK", "events"]
    assert R.evidence(t, ("TJK", "RUS")).equals(ev)
    assert (ev["text"].str.len() > 0).all()
    assert ev.loc[0, "text"] == sentence_text(t, ev.loc[0, "article_id"], ev.loc[0, "sentence"])
    assert len(R.evidence(t, "TJK→RUS", directed=True)) < len(ev)
    cell = R.evidence(t, "RUS", sector="energy")
    assert len(cell) == R.country_sector_matrix(t).loc["RUS", "energy"]


def test_partners(t: F.Tables) -> None:
    p = R.partners(t, "TJK", count="reports")
    assert list(p["partner"]) == ["RUS"]
    row = p.iloc[0]
    assert row["as_source"] + row["as_target"] == row["events"] == n_between(t, "RUS", "TJK") > 0
    rus = R.partners(t, "RUS", count="reports")
    assert "TJK" in set(rus["partner"]) and "RUS" not in set(rus["partner"])
    ev = t.events[R.two_sided(t.events)]
    assert rus["events"].sum() == int(((ev["source"] == "RUS") | (ev["target"] == "RUS")).sum())


@pytest.mark.parametrize("by", ["quad_class", "type", "stance", None])
def test_timeline_sums_to_the_events(t: F.Tables, by: str | None) -> None:
    tl = R.timeline(t, by=by, count="reports")
    # every event row is in a period, or dated outside the corpus's publication range and counted
    assert int(tl.to_numpy().sum()) + tl.attrs["outside"] == len(t.events)
    assert int(R.timeline(t, by=by, count="reports", within=None).to_numpy().sum()) == len(t.events)
    assert isinstance(tl.index, pd.PeriodIndex) and tl.index.freqstr.startswith("M")
    # every month from the first to the last
    assert len(tl) == (tl.index[-1] - tl.index[0]).n + 1


def test_timeline_options(t: F.Tables) -> None:
    tl = R.timeline(t, by="quad_class", count="reports", within=None)
    assert list(tl.columns) == ["q1", "q2", "q3", "q4"]
    assert int(tl["q4"].sum()) == int((t.events["quad_class"] == 4).sum())
    dyad = R.timeline(t, dyad=("RUS", "TJK"), freq="W", by=None, count="reports", within=None)
    assert list(dyad.columns) == ["events"] and int(dyad["events"].sum()) == n_between(t, "RUS", "TJK")
    assert dyad.index.freqstr.startswith("W")
    tjk = R.timeline(t, country="TJK", when="published", count="reports", within=None)
    assert int(tjk.to_numpy().sum()) == int(((t.events["source"] == "TJK") | (t.events["target"] == "TJK")).sum())
    assert str(tjk.index.min()) >= "2024-01"  # published dates only, no event dates from the past
    first = min(str(d) for d in t.articles["published"] if isinstance(d, str) and d)
    spanned = R.timeline(t, country="TJK", when="published", count="reports")  # the corpus's range
    assert str(spanned.index.min()) == first[:7] and spanned.to_numpy().sum() == tjk.to_numpy().sum()
    mean = R.timeline(t, country="UKR", by=None, value="intensity")
    counts = R.timeline(t, country="UKR", by=None)
    assert mean["events"].dropna().between(-10, 10).all()
    assert list(mean.index) == list(counts.index)
    assert (mean["events"].notna() == (counts["events"] > 0)).all()  # NaN where there is no event


def test_country_sector_matrix(t: F.Tables) -> None:
    m = R.country_sector_matrix(t)
    involving_rus = t.events[(t.events["source"] == "RUS") | (t.events["target"] == "RUS")]
    assert m.loc["RUS", "diplomacy"] == sum("diplomacy" in s for s in involving_rus["sectors"])
    assert m.index[0] == "RUS" and m.columns[0] == "diplomacy"
    assert (m.to_numpy() >= 0).all()
    mentions = R.country_sector_matrix(t, basis="mentions")
    assert mentions.loc["RUS"].sum() > 0
    both = R.country_sector_matrix(t, basis="both")
    assert both.loc["RUS", "diplomacy"] == m.loc["RUS", "diplomacy"] + mentions.loc["RUS", "diplomacy"]
    with pytest.raises(ValueError):
        R.country_sector_matrix(t, basis="vibes")


def test_event_network_weights(t: F.Tables) -> None:
    g = R.network(t, count="reports")
    assert isinstance(g, nx.Graph) and not g.is_directed()
    assert g["RUS"]["TJK"]["weight"] == g["TJK"]["RUS"]["weight"] == n_between(t, "RUS", "TJK") > 0
    assert sum(w for *_, w in g.edges(data="weight")) == two_sided(t.events)
    assert g.nodes["TJK"]["name_en"] == "Tajikistan" and g.nodes["TJK"]["name_ar"] == "طاجيكستان"
    mentions = t.mentions
    assert g.nodes["RUS"]["mentions"] == int(((mentions["type"] == "country") & (mentions["value"] == "RUS")).sum())
    assert all(r.split("#")[0] for r in g["RUS"]["TJK"]["refs"])
    dg = R.network(t, directed=True, count="reports")
    assert isinstance(dg, nx.DiGraph)
    assert dg["RUS"]["TJK"]["weight"] + dg["TJK"]["RUS"]["weight"] == n_between(t, "RUS", "TJK")


def test_comention_network_weights(t: F.Tables) -> None:
    g = R.network(t, kind="comention")
    m = t.mentions[t.mentions["type"] == "country"]
    per_article = m.groupby("article_id")["value"].agg(set)
    both = [a for a, codes in per_article.items() if {"RUS", "TJK"} <= codes]
    assert g["RUS"]["TJK"]["weight"] == len(both) and sorted(g["RUS"]["TJK"]["articles"]) == sorted(both)
    assert g.nodes["RUS"]["mentions"] > 0
    pairs = Counter()
    for codes in per_article:
        codes = sorted(codes)
        pairs.update((a, b) for i, a in enumerate(codes) for b in codes[i + 1:])
    assert g.number_of_edges() == len(pairs)


def test_filtered_view(t: F.Tables) -> None:
    view = F.select(t, languages=["en"])
    d = R.dyads(view, count="reports")
    assert d["events"].sum() == two_sided(view.events)
    assert not any(e["article_id"] == SEED for ex in d["examples"] for e in ex)


def test_cli_dyads(t: F.Tables, capsys: pytest.CaptureFixture[str]) -> None:
    row = R.dyads(t).set_index("pair").loc["RUS–TJK"]
    assert main(["dyads", str(CORPUS), "--top", "3"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "dyads" in lines[0] and "showing 3" in lines[0]
    assert lines[1].split()[:3] == ["pair", "names", "events"]
    assert len(lines) == 3 + 3  # summary, header, rule, 3 rows
    top3 = R.dyads(t).head(3)
    for line, pair in zip(lines[3:], top3["pair"]):
        assert line.startswith(pair)
    if "RUS–TJK" in set(top3["pair"]):
        assert "Russia – Tajikistan" in out and f"{row['cooperation']}/{row['conflict']}" in out


def test_cli_dyads_country(t: F.Tables, capsys: pytest.CaptureFixture[str]) -> None:
    dyads = R.dyads(t)
    n = int(((dyads["a"] == "TJK") | (dyads["b"] == "TJK")).sum())
    assert main(["dyads", str(CORPUS), "--country", "tjk"]) == 0
    out = capsys.readouterr().out
    assert f"{n} dyad{'s' if n != 1 else ''} of TJK" in out
    row = next(line for line in out.splitlines() if line.startswith("RUS–TJK"))
    assert "Russia – Tajikistan" in row and "diplomacy" in row  # names and top sectors
    rus_tjk = dyads.set_index("pair").loc["RUS–TJK"]
    assert row.rstrip().endswith(f"{rus_tjk['first']} – {rus_tjk['last']}")
    others = [line.split()[0] for line in out.splitlines()[3:]]
    assert others and all("TJK" in pair for pair in others)


def test_agent_dyads_keep_one_sided_and_domestic_events(t: F.Tables) -> None:
    d = R.agent_dyads(t)
    assert d["events"].sum() == len(t.events)
    assert set(d.columns) >= {"source", "source_agent", "target", "target_agent", "events", "refs"}
    one_sided = t.events[~R.two_sided(t.events)]
    if len(one_sided):  # a one-sided event is a row with an empty side
        assert ((d["source"] == "") | (d["target"] == "") | (d["source"] == d["target"])).any()
    assert list(d["events"]) == sorted(d["events"], reverse=True)


# --------------------------------------------------------------------------- empty input, choices, captions

@pytest.fixture(scope="module")
def quiet() -> F.Tables:
    """One English article without events (written for the case)."""
    text = "The weather in the capital was mild this week and the markets were calm."
    return F.tables(toolkit.Corpus.from_articles([toolkit.from_text(text, id="quiet", language="en")]))


def test_empty_input_gives_declared_empty_tables(quiet: F.Tables) -> None:
    assert list(R.dyads(quiet).columns) == R.DYAD_COLUMNS and len(R.dyads(quiet)) == 0
    assert list(R.partners(quiet, "RUS").columns) == R.PARTNER_COLUMNS and len(R.partners(quiet, "RUS")) == 0
    assert list(R.evidence(quiet, ("RUS", "UKR")).columns) == R.EVIDENCE_COLUMNS
    assert R.top_dyad(quiet) is None
    assert len(R.timeline(quiet)) == 0 and list(R.timeline(quiet).columns) == R.QUAD_COLUMNS
    assert R.country_sector_matrix(quiet).empty
    assert len(R.network(quiet)) == 0 and len(R.node_table(R.network(quiet))) == 0


def test_no_country_and_no_pair_give_no_rows(t: F.Tables) -> None:
    assert list(R.partners(t, None).columns) == R.PARTNER_COLUMNS and len(R.partners(t, None)) == 0
    assert list(R.evidence(t, None).columns) == R.EVIDENCE_COLUMNS and len(R.evidence(t, None)) == 0


def test_partners_from_the_countrys_events_only_match_the_dyads(t: F.Tables) -> None:
    d = R.dyads(t)
    p = R.partners(t, "RUS").set_index("partner")
    mine = d[(d["a"] == "RUS") | (d["b"] == "RUS")]
    assert len(p) == len(mine)
    for row in mine.itertuples():
        other = row.b if row.a == "RUS" else row.a
        assert p.loc[other, "events"] == row.events and p.loc[other, "refs"] == row.refs


def test_top_dyad(t: F.Tables) -> None:
    d = R.dyads(t)
    assert R.top_dyad(t) == (d.iloc[0]["a"], d.iloc[0]["b"])
    tjk = R.top_dyad(t, country="TJK")
    assert "TJK" in tjk and R.dyads(t).set_index("pair").loc["–".join(sorted(tjk)), "events"] == max(
        d.loc[(d["a"] == "TJK") | (d["b"] == "TJK"), "events"])
    assert R.top_dyad(t, country="XYZ") is None


def test_pair_label() -> None:
    assert R.pair_label(("IRN", "RUS")) == "Iran – Russia (IRN–RUS)"
    assert R.pair_label("RUS→TJK", directed=True) == "Russia → Tajikistan (RUS→TJK)"
    assert R.pair_label(None) == "none"


def test_node_table(t: F.Tables) -> None:
    g = R.network(t)
    nodes = R.node_table(g)
    assert list(nodes.columns) == R.NODE_COLUMNS and len(nodes) == g.number_of_nodes()
    first = nodes.iloc[0]
    assert first["code"] == "RUS" and first["events"] == g.degree("RUS", weight="weight")
    assert first["partners"] == g.degree("RUS") and first["name_en"] == "Russia"
    assert nodes["events"].is_monotonic_decreasing
    assert len(R.node_table(g, top=5)) == 5


def test_default_freq_follows_the_publication_dates(t: F.Tables, quiet: F.Tables) -> None:
    assert R.default_freq(t) == "Q"  # the bundled articles span 2023-04-28 … 2025-10-16
    def spanning(*dates: str) -> F.Tables:
        arts = pd.DataFrame({"id": [f"a{i}" for i in range(len(dates))], "published": list(dates)})
        return F.Tables(arts, t.mentions.iloc[0:0], t.events.iloc[0:0], t.sentences.iloc[0:0])
    assert R.default_freq(spanning("2015-07-21", "2015-08-11")) == "W"  # SaudiNewsNet's three weeks
    assert R.default_freq(spanning("2024-01-01", "2025-06-30")) == "M"
    assert R.default_freq(spanning("2001", "2024-05-01")) == "Y"
    assert R.default_freq(quiet) == "M"  # no date: months
    assert set(R.FREQ_WORDS) == {"W", "M", "Q", "Y"}


def test_timeline_spans_the_publication_range_by_default() -> None:
    """Issue 14: an event an article recalls from before the corpus's first publication day is
    not a row of the timeline (it is counted in attrs["outside"]); within=None keeps it."""
    arts = [toolkit.from_text("وقعت روسيا وطاجيكستان اتفاقية للتعاون الاقتصادي في 3 يوليو 2015.", id="a",
                              language="ar", meta={"published": "2015-07-05"}),
            toolkit.from_text("وقعت مصر والسعودية في 12 مايو 2015 اتفاقية للتعاون العسكري.", id="b",
                              language="ar", meta={"published": "2015-08-02"})]
    t = F.tables(toolkit.Corpus.from_articles(arts))
    assert set(t.events["date"]) == {"2015-07-03", "2015-05-12"}
    tl = R.timeline(t, by=None)
    assert [str(p) for p in tl.index] == ["2015-07", "2015-08"]  # the publication range, August empty
    assert list(tl["events"]) == [1, 0] and tl.attrs["outside"] == 1
    every = R.timeline(t, by=None, within=None)
    assert [str(p) for p in every.index] == ["2015-05", "2015-06", "2015-07"] and every["events"].sum() == 2
    assert R.timeline(t, by=None, country="EGY").attrs["outside"] == 1  # the range is the corpus's, not EGY's
    with pytest.raises(ValueError):
        R.timeline(t, within="events")

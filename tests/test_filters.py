"""toolkit.filters: each criterion of select(), their combinations, and options() for widgets."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import filters as F
from toolkit.filters import Tables

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = "000_32804eb77b22d83d"


@pytest.fixture(scope="module")
def corpus() -> toolkit.Corpus:
    if not CORPUS.is_dir():
        pytest.skip("corpus/ is not in the checkout")
    return toolkit.load_corpus(CORPUS).annotate(progress=False)


@pytest.fixture(scope="module")
def t(corpus: toolkit.Corpus) -> Tables:
    return F.tables(corpus)


def ids(t: Tables) -> set[str]:
    return set(t.articles["id"])


def assert_consistent(t: Tables) -> None:
    """Mentions, events and sentences only come from kept articles."""
    kept = ids(t)
    for table in (t.mentions, t.events, t.sentences):
        assert set(table["article_id"]) <= kept


# --------------------------------------------------------------------------- a small hand-made corpus

def _mini() -> Tables:
    articles = pd.DataFrame({
        "id": ["a1", "a2", "a3", "a4"],
        "language": ["ar", "en", "ar", "en"],
        "source": ["تاس", "sample", "sample", "sample"],
        "source_en": ["TASS", None, None, None],
        "published": ["2024-03-10", "2024-12-31", "2025-01-01", None],
    })
    mentions = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "a3", "a3", "a4"],
        "type": ["country", "sector", "country", "country", "organization", "country"],
        "value": ["RUS", "energy", "IRN", "EGY", "BRICS", "TJK"],
        "sentence": [0, 0, 0, 0, 0, 0],
    })
    events = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "a3"],
        "source": ["RUS", "TJK", "IRN", "EGY"],
        "target": ["TJK", "RUS", "RUS", "BRICS"],
        "type": ["CONSULT", "COOPERATE", "ASSAULT", "AGREE"],
        "quad_class": [1, 2, 4, 1],
        "intensity": [2.0, 6.0, -9.0, 5.0],
        "date": ["2024-02", None, "2024-12-30/2025-01-02", "2001"],
        "sectors": [("diplomacy",), ("energy", "trade"), (), ("finance",)],
        "sentence": [0, 1, 0, 0],
    })
    sentences = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "a3", "a4"],
        "sentence": [0, 1, 0, 0, 0],
        "text": ["اجتمع رئيسا وزراء روسيا وطاجيكستان", "تُقدّر الحكومة التعاون مع آسيا",
                 "Iran launched STRIKES", "وقعت مصر اتفاقاً", "Tajikistan news"],
    })
    return Tables(articles, mentions, events, sentences)


def test_mini_countries_use_mentions_and_events() -> None:
    t = _mini()
    got = F.by_countries(t, ["TJK"])
    assert ids(got) == {"a1", "a4"}  # a1 by its events, a4 by a mention only
    assert set(got.events.index) == {0, 1}
    assert len(got.mentions) == 3  # all mentions of a1 and a4, not only TJK's
    assert ids(F.by_countries(t, "BRICS")) == {"a3"}  # an organisation id as event target / mention


def test_mini_dyad_either_direction() -> None:
    t = _mini()
    a = F.by_dyad(t, ("TJK", "RUS"))
    b = F.by_dyad(t, ("RUS", "TJK"))
    assert ids(a) == ids(b) == {"a1"}
    assert list(a.events["source"]) == ["RUS", "TJK"]


def test_mini_dates() -> None:
    t = _mini()
    got = F.by_dates(t, "2024", "2024")
    assert ids(got) == {"a1", "a2"}  # a4 is undated: dropped when a bound is given
    # a1's events: "2024-02" overlaps; the undated one falls back to the article date 2024-03-10
    assert set(got.events.index) == {0, 1, 2}
    got = F.by_dates(t, start="2024-03-01")
    assert ids(got) == {"a1", "a2", "a3"}
    assert set(got.events.index) == {1, 2}  # "2024-02" ends before; "2001" too; the range overlaps
    got = F.by_dates(t, start="2025-01-01", end="2025-01-31")
    assert ids(got) == {"a3"} and got.events.empty  # a3's event is dated 2001
    with pytest.raises(ValueError):
        F.by_dates(t, start="yesterday")


def test_mini_sectors_sources_languages_types_stance() -> None:
    t = _mini()
    got = F.by_sectors(t, ["energy"])
    assert ids(got) == {"a1"} and list(got.events.index) == [1]
    assert ids(F.by_sectors(t, ["finance"])) == {"a3"}
    assert ids(F.by_sources(t, ["TASS"])) == ids(F.by_sources(t, ["تاس"])) == {"a1"}
    assert ids(F.by_languages(t, ["en"])) == {"a2", "a4"}
    got = F.by_event_types(t, ["assault"])
    assert ids(got) == {"a2"} and list(got.events["type"]) == ["ASSAULT"]
    assert ids(F.by_stance(t, "conflict")) == {"a2"}
    assert set(F.by_stance(t, "cooperation").events.index) == {0, 1, 3}
    with pytest.raises(ValueError):
        F.by_stance(t, "neutral")


def test_mini_text_is_normalised() -> None:
    t = _mini()
    assert ids(F.by_text(t, "تقدر")) == {"a1"}  # diacritics in the text
    assert ids(F.by_text(t, "اسيا")) == {"a1"}  # hamza/madda variant
    assert ids(F.by_text(t, "strikes")) == {"a2"}  # case-insensitive
    assert ids(F.by_text(t, "nothing like this")) == set()


def test_mini_select_is_the_and() -> None:
    t = _mini()
    assert ids(F.select(t, countries=["RUS"], languages=["ar"])) == {"a1"}
    assert ids(F.select(t, countries=["RUS"], stance="conflict")) == {"a2"}
    assert ids(F.select(t, countries=["RUS"], stance="conflict", languages=["ar"])) == set()
    assert F.select(t) == t


# --------------------------------------------------------------------------- the bundled corpus

def test_tables(t: Tables) -> None:
    assert isinstance(t, Tables)
    assert len(t.articles) == 44
    assert len(t.events) > 0 and len(t.mentions) > 0 and len(t.sentences) > 0
    assert F.as_tables(t) is t


def test_no_criteria_keeps_everything(corpus: toolkit.Corpus, t: Tables) -> None:
    got = F.select(corpus)
    assert ids(got) == ids(t)
    assert len(got.events) == len(t.events) and len(got.mentions) == len(t.mentions)


def test_countries(t: Tables) -> None:
    got = F.select(t, countries=["TJK"])
    assert_consistent(got)
    assert SEED in ids(got)
    m = t.mentions
    expected = set(m.loc[(m["type"] == "country") & (m["value"] == "TJK"), "article_id"])
    expected |= set(t.events.loc[(t.events["source"] == "TJK") | (t.events["target"] == "TJK"), "article_id"])
    assert ids(got) == expected
    assert len(got.events) and ((got.events["source"] == "TJK") | (got.events["target"] == "TJK")).all()
    # several countries: any of them
    both = F.select(t, countries=["TJK", "UZB"])
    assert ids(both) == ids(got) | ids(F.select(t, countries=["UZB"]))


def test_dyad(t: Tables) -> None:
    got = F.select(t, dyad=("TJK", "RUS"))
    assert_consistent(got)
    pairs = set(zip(got.events["source"], got.events["target"]))
    assert pairs == {("RUS", "TJK"), ("TJK", "RUS")}  # both directions, the seed has both
    assert ids(got) == set(got.events["article_id"])
    assert SEED in ids(got)


def test_dates(t: Tables) -> None:
    got = F.select(t, start="2024-01-01", end="2024-12-31")
    assert_consistent(got)
    assert len(got.articles) and got.articles["published"].between("2024-01-01", "2024-12-31").all()
    assert ids(got) == set(t.articles.loc[t.articles["published"].str.startswith("2024"), "id"])
    for date in F.event_dates(got):
        lo, hi = F.date_interval(date)
        assert hi.isoformat() >= "2024-01-01" and lo.isoformat() <= "2024-12-31"
    assert len(F.select(t, start="2024").articles) == len(F.select(t, start="2024-01-01").articles)


def test_sectors(t: Tables) -> None:
    got = F.select(t, sectors=["energy"])
    assert_consistent(got)
    assert len(got.events) and got.events["sectors"].map(lambda s: "energy" in s).all()
    m = t.mentions
    with_mention = set(m.loc[(m["type"] == "sector") & (m["value"] == "energy"), "article_id"])
    assert with_mention <= ids(got)
    assert len(got.articles) < len(t.articles)


def test_sources_and_languages(t: Tables) -> None:
    assert ids(F.select(t, sources=["TASS"])) == {SEED}
    assert ids(F.select(t, sources=["تاس"])) == {SEED}
    en = F.select(t, languages=["en"])
    assert_consistent(en)
    assert len(en.articles) == 11 and (en.articles["language"] == "en").all()
    assert len(F.select(t, languages=["ar"]).articles) == 33


def test_event_types_and_stance(t: Tables) -> None:
    two = sorted(t.events["type"].value_counts().index[:2])
    got = F.select(t, event_types=[two[0].lower(), two[1]])
    assert_consistent(got)
    assert set(got.events["type"]) == set(two)
    assert len(got.events) == int(t.events["type"].isin(two).sum())
    coop = F.select(t, stance="cooperation")
    conf = F.select(t, stance="conflict")
    assert coop.events["quad_class"].isin([1, 2]).all() and conf.events["quad_class"].isin([3, 4]).all()
    assert len(coop.events) + len(conf.events) == len(t.events)
    assert len(conf.events) > 0


def test_text(t: Tables) -> None:
    assert ids(F.select(t, text="اسيا")) == ids(F.select(t, text="آسيا")) != set()
    assert ids(F.select(t, text="NUCLEAR")) == ids(F.select(t, text="nuclear")) != set()
    assert SEED in ids(F.select(t, text="تقدر"))  # the seed writes تُقدّر
    hits = F.matching_sentences(t, "تقدر")
    assert (hits["article_id"] == SEED).any()


def test_combinations(t: Tables) -> None:
    got = F.select(t, countries=["RUS"], languages=["en"], stance="conflict")
    assert_consistent(got)
    assert len(got.articles) > 0
    assert (got.articles["language"] == "en").all()
    assert got.events["quad_class"].isin([3, 4]).all()
    assert ((got.events["source"] == "RUS") | (got.events["target"] == "RUS")).all()
    # the events of the AND do not depend on the order of composition; the articles may: an article that
    # mentions RUS and holds a conflict event without RUS (one-sided events made this happen in the bundled
    # corpus: 038) passes stance-then-countries but not countries-then-stance (filters keep articles by
    # mention or event). Reported to the lead; select() applies countries first.
    manual = F.by_countries(F.by_stance(F.by_languages(t, ["en"]), "conflict"), ["RUS"])
    assert ids(got) <= ids(manual) and list(manual.events.index) == list(got.events.index)
    narrow = F.select(t, countries=["RUS"], languages=["en"], stance="conflict", start="2025-01-01")
    assert ids(narrow) < ids(got)


def test_options(t: Tables) -> None:
    opts = F.options(t)
    assert {"countries", "dyads", "sectors", "sources", "languages", "event_types", "stances",
            "start", "end", "event_start", "event_end"} <= set(opts)
    first = opts["countries"][0]
    assert first["code"] == "RUS" and first["articles"] == 44 and first["name_ar"] == "روسيا"
    tjk = next(c for c in opts["countries"] if c["code"] == "TJK")
    assert tjk["name_en"] == "Tajikistan" and tjk["name_ar"] == "طاجيكستان"
    assert tjk["events"] == int(((t.events["source"] == "TJK") | (t.events["target"] == "TJK")).sum()) > 0
    assert "Tajikistan (TJK)" in tjk["label"]
    assert opts["languages"] == ["ar", "en"]
    assert opts["sources"][0] == "sample" and "تاس" in opts["sources"]
    assert "diplomacy" in opts["sectors"] and "energy" in opts["sectors"]
    assert set(opts["event_types"]) == set(t.events["type"])
    assert ("RUS", "TJK") in opts["dyads"]
    assert opts["stances"] == ["cooperation", "conflict"]
    assert opts["start"] == min(t.articles["published"]) and opts["end"] == max(t.articles["published"])
    assert opts["event_start"] <= opts["start"]
    # options follow a filtered view
    en = F.options(F.select(t, languages=["en"]))
    assert en["languages"] == ["en"] and "تاس" not in en["sources"]


# --------------------------------------------------------------------------- choices a notebook makes from the data

QUIET = "The weather in the capital was mild this week and the markets were calm."


@pytest.fixture(scope="module")
def quiet() -> Tables:
    """One English article that names no country (written for the case)."""
    return F.tables(toolkit.Corpus.from_articles([toolkit.from_text(QUIET, id="quiet", language="en")]))


def test_country_table_has_its_columns_even_when_empty(t: Tables, quiet: Tables) -> None:
    empty = F.country_table(quiet)
    assert list(empty.columns) == F.COUNTRY_COLUMNS and len(empty) == 0
    full = F.country_table(t)
    assert list(full.columns) == F.COUNTRY_COLUMNS
    assert full["code"].tolist() == [c["code"] for c in F.options(t)["countries"]]
    assert full["articles"].dtype == "int64" and full.iloc[0]["code"] == "RUS"


def test_main_country_is_named_in_most_articles(t: Tables, quiet: Tables) -> None:
    assert F.main_country(t) == "RUS"  # every bundled article names Russia
    assert F.main_country(quiet) is None
    # only country mentions count: BRICS, an organisation, is named in many articles but never chosen
    m = _mini()
    assert F.main_country(m) in {"RUS", "IRN", "EGY", "TJK"}
    tjk_only = F.restrict(m, ["a4"])
    assert F.main_country(tjk_only) == "TJK"


def test_choose_country(t: Tables, quiet: Tables) -> None:
    assert F.choose_country(t, "TJK") == "TJK"
    assert F.choose_country(t, "BRICS") == "BRICS"  # an organisation asked for by name is kept
    assert F.choose_country(t, "XYZ") == "RUS"  # not in the corpus: the main country
    assert F.choose_country(t) == "RUS"
    assert F.choose_country(quiet, "RUS") is None


def test_top_choice(t: Tables, quiet: Tables) -> None:
    rus = F.select(t, countries=["RUS"])
    assert F.top_choice(t, "sectors", countries=["RUS"]) == F.options(rus)["sectors"][0]
    assert F.top_choice(t, "event_types", countries=["TJK"]) == F.options(F.select(t, countries=["TJK"]))["event_types"][0]
    assert F.top_choice(t, "dyads", countries=["RUS"]) == F.options(rus)["dyads"][0]
    assert F.top_choice(t, "countries") == "RUS"
    assert F.top_choice(t, "sectors", countries=[None]) == F.options(t)["sectors"][0]  # [None]: no filter
    assert F.top_choice(quiet, "dyads") is None and F.top_choice(quiet, "event_types") is None
    with pytest.raises(KeyError):
        F.top_choice(t, "colours")


def test_pick_and_choose_article(t: Tables, quiet: Tables) -> None:
    # the article notebook 01 shows: the most kinds of annotation (events count as one more kind),
    # then the shortest; worked out here from the tables, not named
    kinds = t.mentions.groupby("article_id")["type"].nunique()
    score = {a: int(kinds.get(a, 0)) + (a in set(t.events["article_id"])) for a in t.articles["id"]}
    best = max(score.values())
    n_chars = dict(zip(t.articles["id"], t.articles["n_chars"]))
    picked = F.pick_article(t)
    assert score[picked] == best and score[SEED] >= best - 1  # the seed is among the richest
    assert n_chars[picked] == min(n_chars[a] for a, v in score.items() if v == best)
    PICKED = picked
    assert F.choose_article(t, "004_russia_iran_treaty") == ("004_russia_iran_treaty",
                                                             "it is the article asked for (the ARTICLE_ID parameter)")
    chosen, why = F.choose_article(t, "no-such-id")
    assert chosen == PICKED and why.startswith("'no-such-id' (the ARTICLE_ID parameter) is not in this corpus")
    assert "person" in why and "events" in why and "of the 44 articles" in why
    assert F.choose_article(quiet) == ("quiet", "it is the corpus's only article (its annotations: none)")


def test_an_article_without_text_is_never_picked() -> None:
    corpus = toolkit.Corpus.from_articles([toolkit.from_text("", id="empty"),
                                           toolkit.from_text(QUIET, id="quiet", language="en")])
    t = F.tables(corpus)
    assert F.pick_article(t) == "quiet"
    only_empty = F.tables(toolkit.Corpus.from_articles([toolkit.from_text("", id="empty")]))
    assert F.pick_article(only_empty) is None
    assert F.choose_article(only_empty) == ("empty", "no article has a text, and this is the first one")


def test_select_treats_none_as_no_filter(t: Tables) -> None:
    every = F.select(t)
    for kw in ({"countries": [None]}, {"sectors": [None]}, {"event_types": [None]}, {"dyad": (None, None)},
               {"countries": None, "sectors": []}):
        got = F.select(t, **kw)
        assert len(got.articles) == len(every.articles) and len(got.events) == len(every.events), kw
    assert len(F.select(t, countries=[None, "TJK"]).articles) == len(F.select(t, countries=["TJK"]).articles)


def test_select_decides_every_criterion_on_the_whole_tables() -> None:
    """select is the AND of the criteria, each decided on the tables given: an article of the
    dates whose only link to Tajikistan is an event dated years before stays, without that
    event; applying by_dates first and then by_countries drops it (documented)."""
    articles = pd.DataFrame({"id": ["x", "y"], "published": ["2024-03-10", "2024-03-11"]})
    mentions = pd.DataFrame({"article_id": ["x", "y"], "type": ["country", "country"], "value": ["RUS", "TJK"]})
    events = pd.DataFrame({"article_id": ["x"], "source": ["RUS"], "target": ["TJK"], "type": ["CONSULT"],
                           "quad_class": [1], "date": ["2020-05-01"], "sectors": [()]})
    sentences = pd.DataFrame({"article_id": ["x", "y"], "sentence": [0, 0], "text": ["a", "b"]})
    t = Tables(articles, mentions, events, sentences)
    got = F.select(t, countries=["TJK"], start="2024-03", end="2024-03")
    assert ids(got) == {"x", "y"} and len(got.events) == 0
    assert ids(F.by_countries(F.by_dates(t, "2024-03", "2024-03"), ["TJK"])) == {"y"}


def test_select_equals_the_criteria_one_after_the_other_on_the_corpus(t: Tables) -> None:
    """Where no event alone links an article to a criterion, the order does not matter: the
    corpus gives the same tables either way (and the look-ups reused give the same as anew)."""
    cases = [dict(countries=["TJK"]), dict(countries=["IRN"], stance="conflict"),
             dict(countries=["RUS"], sectors=["energy"]), dict(text="طاجيكستان", countries=["RUS"]),
             dict(countries=["RUS", "TJK"], event_types=["CONSULT"])]
    one_by_one = {"countries": F.by_countries, "stance": F.by_stance, "sectors": F.by_sectors,
                  "text": F.by_text, "event_types": F.by_event_types}
    for kw in cases:
        got = F.select(t, **kw)
        want = t
        for key, value in kw.items():
            want = one_by_one[key](want, value)
        for name in ("articles", "mentions", "events", "sentences"):
            assert getattr(got, name).equals(getattr(want, name)), (kw, name)
        again = F.select(t, **kw)
        assert all(getattr(again, n).equals(getattr(got, n)) for n in ("articles", "mentions", "events"))


def test_rows_of_articles_is_the_rows_whose_article_is_given(t: Tables) -> None:
    some = set(list(t.articles["id"])[::3]) | {"no-such-article"}
    for table in (t.mentions, t.events, t.sentences):
        assert F.rows_of_articles(table, some).equals(table[table["article_id"].isin(some)])
    assert len(F.rows_of_articles(t.mentions, set())) == 0

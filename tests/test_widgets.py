"""The explorer's callbacks: setting widget values changes what its outputs hold."""
from __future__ import annotations

from pathlib import Path

import pytest

import toolkit
from toolkit import widgets

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def corpus() -> toolkit.Corpus:
    if not CORPUS.is_dir():
        pytest.skip("corpus/ is not in the checkout")
    return toolkit.load_corpus(CORPUS).annotate(progress=False)


@pytest.fixture()
def explorer(corpus: toolkit.Corpus) -> widgets.Explorer:
    return widgets.explore(corpus)


def _actors(ex: widgets.Explorer) -> set[str]:
    ev = ex.current.events
    return set(ev["source"]) | set(ev["target"])


def test_starts_unfiltered(explorer: widgets.Explorer, corpus: toolkit.Corpus) -> None:
    assert len(explorer.current.articles) == len(corpus.articles) == 44
    assert len(explorer.current.events) == len(corpus.events)
    assert explorer.filters() == {}
    assert f"{len(corpus.events)} rows" in explorer.table.value
    assert "filters: none" in repr(explorer)


def test_country_filter_keeps_only_its_events(explorer: widgets.Explorer) -> None:
    before = explorer.table.value
    explorer.countries.value = ("TJK",)
    ev = explorer.current.events
    assert 0 < len(ev) < len(explorer.data.events)
    assert ((ev["source"] == "TJK") | (ev["target"] == "TJK")).all()
    assert explorer.table.value != before
    assert f"{len(ev)} rows" in explorer.table.value
    assert "000_32804eb77b22d83d" in set(explorer.current.articles["id"])  # the seed is about Tajikistan
    assert explorer.filters() == {"countries": ["TJK"]}


def test_text_search_narrows_articles(explorer: widgets.Explorer) -> None:
    explorer.text.value = "Kazan"
    ids = set(explorer.current.articles["id"])
    assert 0 < len(ids) < len(explorer.data.articles)
    texts = explorer.current.sentences.groupby("article_id")["text"].apply(" ".join)
    assert all("kazan" in texts[i].lower() for i in ids)
    explorer.tabs.selected_index = explorer.TABS.index("Read an article")  # the list is made when shown
    assert {v for _, v in explorer.article.options} == ids


def test_text_search_arabic_and_filters_combine(explorer: widgets.Explorer) -> None:
    explorer.text.value = "طاجيكستان"
    n_text = len(explorer.current.articles)
    assert n_text >= 1
    explorer.stance.value = "conflict"
    assert len(explorer.current.articles) <= n_text
    assert set(explorer.current.events["quad_class"].astype(int)) <= {3, 4}


def test_stance_event_type_and_sector(explorer: widgets.Explorer) -> None:
    explorer.stance.value = "conflict"
    assert len(explorer.current.events) > 0
    assert set(explorer.current.events["quad_class"].astype(int)) <= {3, 4}
    explorer.stance.value = widgets.ANY
    explorer.event_type.value = "CONSULT"
    assert set(explorer.current.events["type"]) == {"CONSULT"}
    explorer.event_type.value = widgets.ANY
    explorer.sector.value = "energy"
    assert all("energy" in s for s in explorer.current.events["sectors"])


def test_month_range_filters_dates(explorer: widgets.Explorer) -> None:
    months = list(explorer.months.options)
    assert months[0] <= months[-1]
    explorer.months.value = ("2025-01", months[-1])
    published = explorer.current.articles["published"].dropna()
    assert len(published) > 0 and (published >= "2025-01-01").all()
    assert explorer.filters()["start"] == "2025-01-01"


def test_source_filter(explorer: widgets.Explorer) -> None:
    explorer.source.value = "تاس"
    assert list(explorer.current.articles["id"]) == ["000_32804eb77b22d83d"]


def test_reader_shows_the_selected_article(explorer: widgets.Explorer, corpus: toolkit.Corpus) -> None:
    explorer.countries.value = ("TJK",)
    explorer.tabs.selected_index = explorer.TABS.index("Read an article")
    seed = "000_32804eb77b22d83d"
    explorer.article.value = seed
    assert "tk-doc" in explorer.reader.value
    assert "طاجيكستان" in explorer.reader.value or "الطاجيك" in explorer.reader.value
    other = next(v for _, v in explorer.article.options if v != seed)
    explorer.article.value = other
    title = corpus.articles.set_index("id").loc[other, "title"]
    assert explorer.reader.value != "" and str(title).split()[0] in explorer.reader.value


def test_no_match_empties_outputs(explorer: widgets.Explorer) -> None:
    explorer.text.value = "zzzz-no-such-word"
    assert len(explorer.current.articles) == 0
    assert "0 rows" in explorer.table.value
    explorer.tabs.selected_index = explorer.TABS.index("Read an article")
    assert explorer.article.options == ()
    assert "No article" in explorer.reader.value


def test_a_tab_is_refreshed_when_it_is_shown(explorer: widgets.Explorer) -> None:
    """A filter change refreshes the shown tab only; another tab catches up when shown, once."""
    explorer.tabs.selected_index = explorer.TABS.index("Articles")
    before = explorer.articles_table.value
    explorer.tabs.selected_index = explorer.TABS.index("Events")
    explorer.countries.value = ("TJK",)
    n = len(explorer.current.articles)
    assert 0 < n < len(explorer.data.articles)
    assert explorer.articles_table.value == before  # not shown: not made
    explorer.tabs.selected_index = explorer.TABS.index("Articles")
    assert f"{n} row" in explorer.articles_table.value and explorer.articles_table.value != before
    # the full tables of ``current`` are those of filters.select on the corpus tables
    full = toolkit.filters.select(explorer.data, countries=["TJK"])
    for name in ("articles", "mentions", "events", "sentences"):
        assert getattr(explorer.current, name).equals(getattr(full, name)), name


def test_plot_is_a_figure_of_the_filtered_events(explorer: widgets.Explorer) -> None:
    assert explorer.plot.outputs == ()  # drawn when its tab is shown, not at every filter change
    explorer.tabs.selected_index = explorer.TABS.index("Cooperation / conflict")
    outputs = explorer.plot.outputs
    assert len(outputs) == 1 and "image/png" in outputs[0]["data"]
    first = outputs[0]["data"]["image/png"]
    explorer.countries.value = ("IRN",)
    assert explorer.plot.outputs[0]["data"]["image/png"] != first
    explorer.text.value = "zzzz-no-such-word"
    assert explorer.plot.outputs[0]["output_type"] == "stream"


def test_map_tab_follows_the_country_filter(explorer: widgets.Explorer) -> None:
    explorer.countries.value = ("TJK",)
    assert explorer.map.outputs == ()  # not drawn while its tab is hidden
    explorer.tabs.selected_index = explorer.TABS.index("Map")
    assert explorer.map_title.startswith("Partners of Tajikistan")
    png = explorer.map.outputs[0]["data"]["image/png"]
    explorer.countries.value = ("RUS", "TJK")  # two countries: their dyad
    assert explorer.map_title.startswith("Russia – Tajikistan")
    assert explorer.map.outputs[0]["data"]["image/png"] != png
    explorer.stance.value = "conflict"  # RUS–TJK has no conflict event in the corpus
    assert explorer.map_title == "Russia – Tajikistan · 0 events"
    explorer.countries.value = ("RUS", "BRICS")
    assert "BRICS is not on the map" in explorer.map.outputs[0]["text"]
    explorer.countries.value = ()
    assert "Choose one country" in explorer.map.outputs[0]["text"]


def test_starting_countries_keep_only_known_codes(corpus: toolkit.Corpus) -> None:
    ex = widgets.explore(corpus, countries=("TJK", None, "XXX"), plot=False)
    assert ex.countries.value == ("TJK",) and ex.filters() == {"countries": ["TJK"]}
    assert widgets.explore(corpus, countries=(None,), plot=False).filters() == {}


def test_reset_and_static_views(explorer: widgets.Explorer) -> None:
    explorer.countries.value = ("TJK",)
    explorer.stance.value = "cooperation"
    explorer.clear()
    assert explorer.filters() == {}
    assert len(explorer.current.events) == len(explorer.data.events)
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"].startswith("<Explorer: 44 of 44 articles")
    assert "0x" not in bundle["text/plain"]
    assert "<table" in bundle["text/html"]


def test_partners_view(corpus: toolkit.Corpus) -> None:
    view = widgets.PartnersView(corpus, country="RUS")
    assert len(view.current) > 0
    html_rus = view.partners.value
    view.country.value = "TJK"
    assert view.partners.value != html_rus
    assert "RUS" in view.partners.value

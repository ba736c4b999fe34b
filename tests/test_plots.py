"""toolkit.plots: figures are returned, PNGs written, Arabic labels rendered with real glyphs and shaped."""
from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

import toolkit  # noqa: E402
from toolkit import filters as F  # noqa: E402
from toolkit import plots as P  # noqa: E402
from toolkit import relations as R  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def t() -> F.Tables:
    if not CORPUS.is_dir():
        pytest.skip("corpus/ is not in the checkout")
    return F.tables(toolkit.load_corpus(CORPUS))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def missing_glyphs(records: list) -> list[str]:
    return [str(w.message) for w in records if "missing from font" in str(w.message)]


def save(fig: Figure, path: Path) -> Path:
    fig.savefig(path, dpi=60)
    assert path.stat().st_size > 1000
    assert path.read_bytes()[:8] == PNG_MAGIC
    return path


def test_functions_return_figures(t: F.Tables, tmp_path: Path) -> None:
    figures = {
        "dyads": P.plot_dyads(R.dyads(t), top=10),
        "timeline": P.plot_timeline(R.timeline(t, when="published")),
        "timeline_line": P.plot_timeline(R.timeline(t, by="stance", when="published"), kind="line"),
        "heatmap": P.plot_sector_heatmap(R.country_sector_matrix(t)),
        "network": P.plot_network(R.network(t)),
        "comention": P.plot_network(R.network(t, kind="comention"), min_weight=2),
        "coop": P.plot_cooperation_conflict(t, when="published"),
        "intensity": P.plot_cooperation_conflict(t, dyad=("RUS", "UKR"), measure="intensity"),
    }
    for name, fig in figures.items():
        assert isinstance(fig, Figure), name
        save(fig, tmp_path / f"{name}.png")


def test_axes_in_axes_out(t: F.Tables) -> None:
    fig, axes = plt.subplots(2, 2)
    assert P.plot_dyads(R.dyads(t), ax=axes[0, 0]) is axes[0, 0]
    assert P.plot_timeline(R.timeline(t, country="TJK"), ax=axes[0, 1]) is axes[0, 1]
    assert P.plot_sector_heatmap(R.country_sector_matrix(t), top=5, ax=axes[1, 0]) is axes[1, 0]
    assert P.plot_network(R.network(t), ax=axes[1, 1]) is axes[1, 1]
    assert isinstance(P.plot_cooperation_conflict(t, country="TJK", ax=axes[0, 0]), Axes)


def test_dyad_bars_match_the_table(t: F.Tables) -> None:
    d = R.dyads(t)
    fig = P.plot_dyads(d, top=5)
    ax = fig.axes[0]
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    first = d.iloc[0]
    assert labels[-1] == f"{first['name_a']} – {first['name_b']}"  # the strongest dyad on top, drawn last
    assert len(labels) == 5
    widths = sum(p.get_width() for p in ax.patches)
    assert widths == d.head(5)["events"].sum()


def test_arabic_labels_render_without_missing_glyphs(t: F.Tables, tmp_path: Path, recwarn: pytest.WarningsRecorder) -> None:
    d = R.dyads(t)
    fig = P.plot_dyads(d, top=8, lang="ar")
    labels = [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    assert "روسيا – طاجيكستان" in labels  # logical order, as written: matplotlib lays it out
    # never pre-shaped: no Arabic presentation forms in the labels
    assert not any("PRESENTATION" in unicodedata.name(ch, "") for label in labels for ch in label)
    save(fig, tmp_path / "dyads_ar.png")
    save(P.plot_sector_heatmap(R.country_sector_matrix(t), top=8, lang="ar"), tmp_path / "heat_ar.png")
    save(P.plot_network(R.network(t), lang="ar"), tmp_path / "net_ar.png")
    save(P.plot_cooperation_conflict(t, dyad="RUS–TJK", lang="ar"), tmp_path / "coop_ar.png")
    assert missing_glyphs(recwarn.list) == []


def test_the_glyph_check_can_fail(tmp_path: Path, recwarn: pytest.WarningsRecorder) -> None:
    """The check above is real: a font without Arabic (cmr10) does warn."""
    fig, ax = plt.subplots()
    ax.set_title("روسيا", family="cmr10")
    fig.savefig(tmp_path / "bad.png")
    assert missing_glyphs(recwarn.list)


def test_arabic_is_shaped() -> None:
    """matplotlib ≥ 3.11 joins Arabic letters: four joined beh are narrower than four isolated ones."""
    fig = plt.figure()
    renderer = fig.canvas.get_renderer()
    prop = FontProperties(family=P.FONT_FAMILY, size=20)

    def width(s: str) -> float:
        return renderer.get_text_width_height_descent(s, prop, ismath=False)[0]

    joined, isolated = width("بببب"), width("\u200c".join("بببب"))  # ZWNJ prevents joining
    assert joined < 0.75 * isolated, f"Arabic is not shaped by matplotlib {matplotlib.__version__}"


def test_style_sets_a_font_with_arabic() -> None:
    with P.style():
        fig, ax = plt.subplots()
        title = ax.set_title("روسيا")
    assert title.get_fontfamily() == [P.FONT_FAMILY]
    assert P.sector_label("energy", "ar") == "طاقة" and P.country_label("TJK", "ar") == "طاجيكستان"


# --------------------------------------------------------------------------- empty input, labels that do not overlap

def _no_data_texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts if t.get_gid() == "tk-no-data"]


def test_empty_input_gives_a_chart_that_says_so(recwarn: pytest.WarningsRecorder) -> None:
    quiet = F.tables(toolkit.Corpus.from_articles([toolkit.from_text(
        "The weather in the capital was mild this week and the markets were calm.", id="quiet", language="en")]))
    charts = {
        "dyads": P.plot_dyads(R.dyads(quiet)),
        "timeline": P.plot_timeline(R.timeline(quiet)),
        "coop": P.plot_cooperation_conflict(quiet),
        "heatmap": P.plot_sector_heatmap(R.country_sector_matrix(quiet)),
        "network": P.plot_network(R.network(quiet)),
    }
    for name, fig in charts.items():
        assert _no_data_texts(fig) in (["no events"], ["no events with a sector"]), name
        fig.savefig(io.BytesIO(), format="png")
    assert _no_data_texts(P.plot_dyads(R.dyads(quiet), lang="ar")) == ["لا أحداث"]
    assert not [w for w in recwarn.list if issubclass(w.category, UserWarning)], [str(w.message) for w in recwarn.list]


def test_charts_with_data_say_nothing_of_the_kind(t: F.Tables) -> None:
    assert _no_data_texts(P.plot_dyads(R.dyads(t))) == []
    assert _no_data_texts(P.plot_network(R.network(t))) == []


def _label_boxes(fig: Figure) -> list:
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in fig.axes[0].texts if t.get_text()]


def test_network_labels_do_not_overlap_and_the_drawing_is_deterministic(t: F.Tables) -> None:
    graph = R.network(t)
    fig = P.plot_network(graph)
    boxes = _label_boxes(fig)
    assert len(boxes) >= 20  # most of the 36 actors keep their label
    assert "Russia" in [name for name, _ in boxes]
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"
    again = P.plot_network(graph)
    assert [(n, tuple(np.round(b.bounds, 3))) for n, b in _label_boxes(again)] == [
        (n, tuple(np.round(b.bounds, 3))) for n, b in boxes]
    # a long name is shown by its code (the bodies with long names: UNSC, CSTO, ...)
    names = [name for name, _ in boxes]
    assert all(len(n) <= P.MAX_LABEL_CHARS for n in names), names
    long_named = [c for c in graph.nodes if len(P.country_label(c, "en")) > P.MAX_LABEL_CHARS]
    assert long_named and set(long_named) & set(names), (long_named, names)
    assert "United Nations Security Council" not in names


def test_network_keeps_the_most_connected_nodes(t: F.Tables) -> None:
    graph = R.network(t)
    fig = P.plot_network(graph, max_nodes=5, labels=3)
    offsets = fig.axes[0].collections[-1].get_offsets()
    assert len(offsets) == 5
    assert len(_label_boxes(fig)) == 3
    top5 = R.node_table(graph, top=5)["code"].map(P.country_label).tolist()
    assert {name for name, _ in _label_boxes(fig)} <= set(top5)


def _bar_heights(fig: Figure) -> list[list[float]]:
    axes = fig.axes[0]
    return [[round(r.get_height(), 6) for r in c.patches] for c in axes.containers]


def test_a_chart_redrawn_in_place_shows_what_a_new_chart_shows(t: F.Tables) -> None:
    """The explorer redraws its chart in place at each filter change: the heights and title it
    shows are those of a chart made anew for the same tables and the same months."""
    bounds = R.published_bounds(t.articles)
    first = F.select(t, countries=["TJK"])
    fig = P.plot_cooperation_conflict(first, country="TJK", when="published", within=bounds)
    fig = getattr(fig, "figure", fig)
    for code in ("IRN", "TUR", "RUS"):
        other = F.select(t, countries=[code])
        assert P.redraw_cooperation_conflict(fig, other, country=code, when="published", within=bounds)
        fresh = P.plot_cooperation_conflict(other, country=code, when="published", within=bounds)
        fresh = getattr(fresh, "figure", fresh)
        assert _bar_heights(fig) == _bar_heights(fresh)
        assert fig.axes[0].get_title() == fresh.axes[0].get_title()
        lo, hi = fig.axes[0].get_ylim()
        assert lo <= min(min(h) for h in _bar_heights(fig)) and hi >= max(max(h) for h in _bar_heights(fig))
        plt.close(fresh)
    # other months (the range of the filtered tables, not the corpus's): no update, a new chart is needed
    assert not P.redraw_cooperation_conflict(fig, F.select(t, countries=["IRN"]), country="IRN", when="published")
    plt.close(fig)


def _pixels(output: dict) -> np.ndarray:
    import base64

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(base64.b64decode(output["data"]["image/png"]))).convert("RGB"),
                      dtype=np.int16)


def test_a_chart_redrawn_by_its_changing_parts_looks_like_a_full_drawing(t: F.Tables) -> None:
    """The explorer draws only what a redraw changes (bars, y axis, zero line, title, note) over
    the chart as first drawn without them: the picture is that of a full drawing."""
    from toolkit.widgets import FIGURE_DPI, figure_output

    bounds = R.published_bounds(t.articles)
    fig = P.plot_cooperation_conflict(F.select(t, countries=["TJK"]), country="TJK", when="published",
                                      within=bounds)
    fig = getattr(fig, "figure", fig)
    fig.set_dpi(FIGURE_DPI)
    fig.canvas.draw()
    fig.set_layout_engine("none")
    for code in ("IRN", "TUR", "TJK"):
        assert P.redraw_cooperation_conflict(fig, F.select(t, countries=[code]), country=code,
                                             when="published", within=bounds)
        changing = P.cooperation_conflict_changing(fig)
        assert fig.axes[0].yaxis in changing and fig.axes[0].title in changing
        quick = _pixels(figure_output(fig, tight=False, changing=changing))
        full = _pixels(figure_output(fig, tight=False))
        assert quick.shape == full.shape
        differ = (np.abs(quick - full).max(axis=2) > 8).mean()
        assert differ < 0.002, f"{code}: {differ:.2%} of the pixels differ"
    plt.close(fig)


def test_a_chart_of_a_pair_without_events_is_redrawn_empty_in_place(t: F.Tables) -> None:
    """A pair without events in the chart's months gives empty bars and the note "no events" on
    the same chart (before, a new chart without bars, which the next change could not update)."""
    bounds = R.published_bounds(t.articles)
    pair = ("TJK", "BRA")
    assert len(R.timeline(t, dyad=pair, by="stance", when="published", within=bounds)) == 0
    fig = P.plot_cooperation_conflict(F.select(t, countries=["TJK"]), country="TJK", when="published",
                                      within=bounds)
    fig = getattr(fig, "figure", fig)
    assert P.redraw_cooperation_conflict(fig, F.select(t, countries=list(pair)), dyad=pair,
                                         when="published", within=bounds)
    assert all(h == 0 for hs in _bar_heights(fig) for h in hs)
    notes = [a for a in fig.axes[0].texts if a.get_gid() == "tk-no-data"]
    assert len(notes) == 1 and notes[0].get_visible()
    assert P.redraw_cooperation_conflict(fig, F.select(t, countries=["IRN"]), country="IRN",
                                         when="published", within=bounds)
    assert not notes[0].get_visible() and any(h for hs in _bar_heights(fig) for h in hs)
    plt.close(fig)


def test_timeline_within_two_dates(t: F.Tables) -> None:
    tl = R.timeline(t, country="IRN", freq="M", by="stance", when="published", within=("2020-01-01", "2026-12-31"))
    assert str(tl.index[0]) == "2020-01" and str(tl.index[-1]) == "2026-12"
    with pytest.raises(ValueError, match="two dates"):
        R.timeline(t, within=("2020-01-01", "soon"))


def test_the_cooperation_chart_labels_few_ticks(t: F.Tables) -> None:
    """Six or so labelled ticks on the y axis (integers): each label is text drawn again at every
    redraw of the explorer's chart (nine labels cost about 10 ms more per filter change)."""
    fig = P.plot_cooperation_conflict(t)
    fig = getattr(fig, "figure", fig)
    axes = fig.axes[0]
    axes.set_ylim(-57, 131)  # a busy country's range (what a redraw sets)
    lo, hi = axes.get_ylim()
    ticks = [v for v in axes.get_yticks() if lo <= v <= hi]
    assert 3 <= len(ticks) <= 7 and all(float(v).is_integer() for v in ticks)
    plt.close(fig)

"""toolkit.maps: country shapes shipped in the package, partner choropleths and dyad flow maps."""
from __future__ import annotations

import io
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, PathPatch  # noqa: E402

import toolkit  # noqa: E402
from toolkit import filters as F  # noqa: E402
from toolkit import lexicon, maps  # noqa: E402
from toolkit import relations as R  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GEODATA = Path(maps.__file__).resolve().parent / "geodata" / maps.GEODATA
#: Natural Earth shapes without a lexicon row (drawn as land without data).
EXTRA_SHAPES = {"ATA", "ATF", "FLK", "NCL"}


@pytest.fixture(scope="module")
def t() -> F.Tables:
    if not CORPUS.is_dir():
        pytest.skip("corpus/ is not in the checkout")
    return F.tables(toolkit.load_corpus(CORPUS))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def gids(ax) -> list[str]:
    return [p.get_gid() for p in ax.patches if p.get_gid()]


def test_shapes_cover_the_lexicon() -> None:
    codes = {r["iso3"] for r in lexicon.rows("countries", required=("iso3",))}
    shapes = maps.countries()
    assert maps.not_on_map() == ["MAC", "NRU"]  # neither a 1:110m shape nor a populated place
    assert codes - set(shapes) == {"MAC", "NRU"}
    assert set(shapes) - codes == EXTRA_SHAPES
    with_shape = {c for c, s in shapes.items() if not s.is_point}
    points = {c for c, s in shapes.items() if s.is_point}
    assert len(with_shape) == 175 and len(points) == 29
    assert {"BHR", "SGP", "MLT", "VAT", "HKG"} <= points
    # the -99 and non-ISO codes of Natural Earth, fixed by name
    meta = maps.geodata()["countries"]
    assert meta["XKX"]["natural_earth"] == "Kosovo"
    assert meta["CYP"]["natural_earth"] == "N. Cyprus + Cyprus"
    assert meta["SOM"]["natural_earth"] == "Somalia + Somaliland"
    assert "FRA" in with_shape and "NOR" in with_shape


def test_geodata_is_small_and_sane() -> None:
    assert GEODATA.stat().st_size < 1_000_000
    data = json.loads(GEODATA.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["meta"]["source"]
    for code, c in maps.countries().items():
        if c.is_point:
            assert -180 <= c.point[0] <= 180 and -90 <= c.point[1] <= 90
            continue
        ring = max((p[0] for p in c.polygons), key=len)
        assert ring.shape[1] == 2 and len(ring) >= 3
        allpts = np.vstack([r for p in c.polygons for r in p])
        assert (np.abs(allpts[:, 0]) <= 180).all() and (np.abs(allpts[:, 1]) <= 90).all(), code
        x, y = c.label
        assert allpts[:, 0].min() <= x <= allpts[:, 0].max() and allpts[:, 1].min() <= y <= allpts[:, 1].max(), code
    # Lesotho is a hole in South Africa: the drawn patch leaves it unfilled
    fig, ax = plt.subplots(figsize=(4, 4), dpi=50)
    ax.add_patch(maps._patch(maps.countries()["ZAF"], "#ff0000"))
    ax.set_xlim(15, 34)
    ax.set_ylim(-36, -21)
    ax.set_axis_off()
    fig.canvas.draw()
    img = np.asarray(fig.canvas.buffer_rgba())

    def pixel(lon: float, lat: float) -> list[int]:
        x, y = ax.transData.transform((lon, lat))
        return img[int(img.shape[0] - y), int(x)][:3].tolist()

    assert pixel(*maps.countries()["LSO"].label) == [255, 255, 255]
    assert pixel(24.0, -31.0) == [255, 0, 0]
    # Moscow is in Russia, Riyadh in Saudi Arabia
    assert maps.country_path(maps.countries()["RUS"]).contains_point((37.6, 55.75))
    assert maps.country_path(maps.countries()["SAU"]).contains_point((46.7, 24.7))


def test_partner_counts_match_relations(t: F.Tables) -> None:
    for count in ("events", "reports"):
        got = maps.partner_counts(t, "RUS", count=count)
        want = R.partners(t, "RUS", count=count)
        assert list(got.columns) == maps.PARTNER_COLUMNS
        assert list(got["partner"]) == list(want["partner"])
        for col in ("events", "reports", "as_source", "as_target", "articles"):
            assert list(got[col]) == list(want[col]), col
    got = maps.partner_counts(t, "RUS")
    assert set(got["on_map"]) <= {"shape", "point", ""}
    assert got.set_index("partner").loc["TJK", "on_map"] == "shape"


def test_one_patch_per_country_and_colours_follow_counts(t: F.Tables) -> None:
    fig = maps.plot_partners(t, "RUS")
    ax = fig.axes[0]
    drawn = gids(ax)
    assert len(drawn) == len(set(drawn)), "one patch per country"
    shapes = maps.countries()
    counts = maps.partner_counts(t, "RUS")
    dots = {c for c in counts["partner"] if c in shapes and shapes[c].is_point}
    assert set(drawn) == {c for c, s in shapes.items() if not s.is_point} - {"ATA"} | dots
    patch = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    assert isinstance(patch["RUS"], PathPatch)
    assert matplotlib.colors.to_hex(patch["RUS"].get_facecolor()) == maps.FOCUS
    assert matplotlib.colors.to_hex(patch["BRA"].get_facecolor()) == maps.NO_DATA or "BRA" in set(counts["partner"])
    # a partner with more events is never lighter than one with fewer (Blues: darker is lower)
    lum = {c: np.mean(patch[c].get_facecolor()[:3]) for c in counts["partner"] if c in patch}
    ordered = [c for c in counts.sort_values("events", ascending=False)["partner"] if c in lum]
    assert all(lum[a] <= lum[b] + 1e-9 for a, b in zip(ordered, ordered[1:]))
    assert "Russia" in ax.get_title() and "events" in ax.get_title()
    legend = [txt.get_text() for txt in ax.get_legend().get_texts()]
    assert legend[0] == "Russia" and legend[-1] == "none" and "1" in legend


def test_a_small_country_is_a_dot() -> None:
    arts = pd.DataFrame([{"id": "a1", "published": "2015-08-01", "source": "spa", "source_en": "SPA"}])
    ev = pd.DataFrame([{"article_id": "a1", "source": "SAU", "target": "BHR", "type": "CONSULT", "mode": "done",
                        "quad_class": 1, "intensity": 1.0, "date": None, "sectors": (), "sentence": 0,
                        "evidence": "استقبل", "rule": "test"}])
    sents = pd.DataFrame([{"article_id": "a1", "sentence": 0, "start": 0, "end": 5,
                           "text": "استقبل خادم الحرمين الشريفين ملك البحرين في جدة"}])
    t = F.Tables(arts, pd.DataFrame(columns=["article_id", "type", "value", "sentence"]), ev, sents)
    counts = maps.partner_counts(t, "SAU")
    assert counts[["partner", "events", "on_map"]].values.tolist() == [["BHR", 1, "point"]]
    ax = maps.plot_partners(t, "SAU", ax=plt.subplots()[1])
    dot = [p for p in ax.patches if p.get_gid() == "BHR"]
    assert len(dot) == 1 and isinstance(dot[0], Circle)
    assert not [p for p in ax.patches if p.get_gid() == "SGP"]  # dots only for countries with events
    with pytest.raises(ValueError, match="MAC"):
        maps.plot_dyad(t, ("SAU", "MAC"))


def test_dyad_map_arrows_and_counts(t: F.Tables) -> None:
    n = maps.dyad_counts(t, "RUS–TJK")
    directed = R.dyads(t, directed=True).set_index("pair")["events"]
    assert n["RUS→TJK"] == directed["RUS→TJK"] and n["TJK→RUS"] == directed["TJK→RUS"]
    assert n["total"] == R.dyads(t).set_index("pair").loc["RUS–TJK", "events"]
    fig = maps.plot_dyad(t, ("RUS", "TJK"))
    ax = fig.axes[0]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == 2  # the seed has both directions
    texts = [x.get_text() for x in ax.texts]
    assert f"Russia → Tajikistan: {n['RUS→TJK']}" in texts and f"Tajikistan → Russia: {n['TJK→RUS']}" in texts
    assert f"{n['total']} events" in ax.get_title()
    x0, x1 = ax.get_xlim()
    assert -180 <= x0 < 37.6 < 69 < x1 <= 180  # Moscow and Dushanbe in view


def test_arabic_map_renders_to_png_deterministically(t: F.Tables) -> None:
    def png() -> bytes:
        fig = maps.plot_partners(t, "RUS", lang="ar")
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=60)
        plt.close(fig)
        return buf.getvalue()

    first = png()
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and len(first) > 20_000
    assert png() == first  # no random colours, no timestamps
    fig = maps.plot_partners(t, "RUS", lang="ar")
    ax = fig.axes[0]
    assert ax.get_title().startswith("شركاء روسيا") and ax.get_legend().get_title().get_text() == "أحداث"
    assert any("طاجيكستان" in x.get_text() for x in ax.texts)
    buf = io.BytesIO()
    maps.plot_dyad(t, "RUS–TJK", lang="ar", count="reports").savefig(buf, format="png", dpi=60)
    assert buf.getvalue()[:4] == b"\x89PNG"


# --------------------------------------------------------------------------- nothing to map; names that do not overlap

def _notes(ax) -> list[str]:
    return [x.get_text() for x in ax.texts if x.get_gid() == "tk-no-data"]


def test_no_country_and_no_pair_give_the_world_with_a_line_that_says_so() -> None:
    ax = maps.plot_partners(None, None).axes[0]
    assert _notes(ax) == ["no country chosen"] and ax.get_title() == "Partners"
    assert "RUS" in gids(ax)  # the world is drawn, all grey
    ax = maps.plot_dyad(None, None).axes[0]
    assert _notes(ax) == ["no pair of countries with events"]
    assert _notes(maps.plot_partners(None, None, lang="ar").axes[0]) == ["لم تُختر دولة"]


def test_a_country_without_partners_says_so(t: F.Tables) -> None:
    ax = maps.plot_partners(t, "BRA").axes[0]  # named nowhere in an event of the bundled corpus
    assert _notes(ax) == ["no events with a partner on the map"] and ax.get_title() == "Partners of Brazil · 0 events"
    assert _notes(maps.plot_partners(t, "RUS").axes[0]) == []


def test_titles_say_one_event_in_the_singular(t: F.Tables) -> None:
    pair = ("QAT", "RUS")  # one event between them in the bundled corpus
    assert maps.dyad_counts(t, pair)["total"] == 1
    assert maps.plot_dyad(t, pair).axes[0].get_title().endswith("· 1 event")


def test_on_map_and_top_dyad(t: F.Tables) -> None:
    assert maps.on_map("RUS") and maps.on_map("BHR") and not maps.on_map("BRICS") and not maps.on_map(None)
    d = R.dyads(t)
    mapped = [(a, b) for a, b in zip(d["a"], d["b"]) if maps.on_map(a) and maps.on_map(b)]
    assert maps.top_dyad(t) == mapped[0]
    assert maps.top_dyad(t, country="UNSC") is None  # an organisation: nothing to draw
    tjk = maps.top_dyad(t, country="TJK")
    assert "TJK" in tjk


def test_partner_names_do_not_overlap(t: F.Tables) -> None:
    fig = maps.plot_partners(t, "RUS", labels=12)
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    names = [x for x in ax.texts if x.get_gid() != "tk-no-data"]
    assert 3 <= len(names) <= 12
    boxes = [x.get_window_extent(renderer) for x in names]
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            assert not a.overlaps(boxes[j]), (names[i].get_text(), names[j].get_text())
    largest = maps.partner_counts(t, "RUS").iloc[0]
    assert f"{largest['name_en']} {largest['events']}" == names[0].get_text()  # the largest partner keeps its name


def _picture(ax) -> dict:
    """What a map shows: each patch's fill by gid, the texts, the legend and the arrows."""
    return {"fills": {p.get_gid(): matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches if p.get_gid()},
            "texts": sorted(t.get_text() for t in ax.texts),
            "legend": [t.get_text() for t in ax.get_legend().get_texts()] if ax.get_legend() else [],
            "arrows": sorted(round(p.get_linewidth(), 3) for p in ax.patches if isinstance(p, FancyArrowPatch)),
            "title": ax.get_title(), "limits": (ax.get_xlim(), ax.get_ylim())}


def test_a_map_redrawn_on_its_axes_shows_what_a_new_map_shows(t: F.Tables) -> None:
    """The explorer redraws its maps on the same axes: the shapes are kept and filled anew, and
    what the last map drew over them (legend, names, dots, arrows, note) goes; the picture is
    that of a map made anew, whichever kind was drawn before."""
    fig = maps.plot_partners(t, "RUS")
    ax = fig.axes[0]
    shapes = {id(p) for p in ax.patches if isinstance(p, PathPatch)}
    steps = [("partners", "IRN"), ("partners", "BHR"), ("dyad", ("RUS", "TJK")), ("partners", None),
             ("dyad", ("SAU", "BHR")), ("partners", "TJK")]
    for kind, what in steps:
        draw = maps.plot_partners if kind == "partners" else maps.plot_dyad
        draw(t, what, ax=ax)
        fresh = draw(t, what)
        assert _picture(ax) == _picture(fresh.axes[0]), (kind, what)
        plt.close(fresh)
    assert {id(p) for p in ax.patches if isinstance(p, PathPatch)} == shapes  # the same shapes throughout
    plt.close(fig)


def test_pair_counts_are_the_events_and_articles_of_dyads(t: F.Tables) -> None:
    for directed in (False, True):
        for count in ("events", "reports"):
            want = R.dyads(t, directed=directed, count=count)[R.PAIR_COUNT_COLUMNS].reset_index(drop=True)
            got = R.pair_counts(t, directed=directed, count=count)
            assert list(got.columns) == R.PAIR_COUNT_COLUMNS and len(got) > 0
            assert got.equals(want), (directed, count)
    assert list(R.pair_counts(F.select(t, text="zzzz-none")).columns) == R.PAIR_COUNT_COLUMNS

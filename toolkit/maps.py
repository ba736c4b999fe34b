"""World maps of relations, drawn offline with matplotlib: a country's partners, a dyad's flows.

The country shapes are Natural Earth's 1:110m admin-0 countries (public domain), shipped in
``toolkit/geodata/countries_110m.json`` (see the README there and
``scripts/extract_natural_earth.py``): nothing is downloaded. Countries too small for 1:110m
(Bahrain, Singapore, Malta, ...) are drawn as a dot at their capital. The map is plate carrée
(longitude and latitude as x and y), each country one ``PathPatch`` (holes kept) whose ``gid``
is its ISO alpha-3 code, and a dot one ``Circle`` with the same ``gid``.

- :func:`partner_counts`: a country's partners as a DataFrame (the counts of
  :func:`toolkit.relations.partners`, plus where the map shows each partner);
- :func:`plot_partners`: a choropleth of those counts, the country itself marked, a legend
  of count classes, the largest partners named;
- :func:`plot_dyad`: the two countries and an arrow for each direction, with the counts.

Like :mod:`toolkit.plots`, each function returns a new Figure, or draws on ``ax=`` and
returns that Axes; ``lang="ar"`` writes names, legend and title in Arabic (matplotlib shapes
Arabic itself). Colours come from fixed colour maps and class bounds from fixed rules: the
same data gives the same picture.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.patches import Circle, FancyArrowPatch, Patch, PathPatch
from matplotlib.path import Path

from toolkit import relations
from toolkit.plots import country_label, figure_axes, figure_result, place_labels, style

#: The file of country shapes inside the package.
GEODATA = "countries_110m.json"
#: Fill of countries without a count, of the country studied, and of the sea.
NO_DATA, FOCUS, SEA, EDGE = "#e6e6e6", "#d95f0e", "#f4f8fb", "#ffffff"
#: A dyad's second country, and the arrows' colours (darker than the fills they cross).
PARTNER, FOCUS_DARK, PARTNER_DARK = "#9e9ac8", "#7f2704", "#3f007d"
#: The class bounds a choropleth picks from (the largest ones its counts need).
STEPS = (1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
#: Radius (degrees) of the dot that stands for a country too small for the map.
DOT_RADIUS = 1.6
#: How much a dyad's arrows bend (matplotlib's arc3 rad): the two directions bend apart.
ARC = 0.3
#: Latitudes shown when Antarctica is left out.
LATITUDES = (-58.0, 84.0)

_WORDS = {
    "en": {"partners": "Partners of {name}", "events": "events", "reports": "reports",
           "no_data": "none", "focus": "{name}", "dyad": "{a} – {b}", "of_total": "{n} {what}",
           "no_country": "no country chosen", "no_partner": "no events with a partner on the map",
           "no_dyad": "no pair of countries with events", "partners_title": "Partners",
           "dyad_title": "A pair of countries"},
    "ar": {"partners": "شركاء {name}", "events": "أحداث", "reports": "تقارير",
           "no_data": "لا شيء", "focus": "{name}", "dyad": "{a} – {b}", "of_total": "{n} {what}",
           "no_country": "لم تُختر دولة", "no_partner": "لا أحداث مع شريك على الخريطة",
           "no_dyad": "لا زوج من الدول بينهما أحداث", "partners_title": "الشركاء",
           "dyad_title": "زوج من الدول"},
}


def _word(key: str, lang: str, **fmt: Any) -> str:
    return _WORDS.get(lang, _WORDS["en"])[key].format(**fmt)


def _one(what: str, n: int, lang: str) -> str:
    """``events`` / ``reports`` in the singular for one (English titles: "1 event")."""
    return what[:-1] if lang == "en" and n == 1 and what.endswith("s") else what


# --------------------------------------------------------------------------- shapes

@dataclass(frozen=True)
class Country:
    """A country on the map: polygons (each a tuple of rings, outer first) or a capital point."""

    code: str
    name: str
    polygons: tuple[tuple[np.ndarray, ...], ...]
    label: tuple[float, float]
    point: tuple[float, float] | None = None

    @property
    def is_point(self) -> bool:
        return not self.polygons


@lru_cache(maxsize=1)
def geodata() -> dict[str, Any]:
    """The shipped JSON (``meta``, ``countries``, ``points``), read once."""
    with resources.files("toolkit.geodata").joinpath(GEODATA).open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country the map can draw, by ISO alpha-3 code: shapes, then capital points."""
    data = geodata()
    out: dict[str, Country] = {}
    for code, c in data["countries"].items():
        polys = tuple(tuple(np.asarray(r, dtype=float).reshape(-1, 2) for r in poly) for poly in c["polygons"])
        out[code] = Country(code, c["name"], polys, tuple(c["label"]))
    for code, p in data["points"].items():
        out[code] = Country(code, p["name"], (), tuple(p["point"]), tuple(p["point"]))
    return out


def on_map(code: Any) -> bool:
    """True when the map can draw ``code`` (a country shape or a capital's dot)."""
    return isinstance(code, str) and code in countries()


def not_on_map() -> list[str]:
    """Lexicon countries the map has neither a shape nor a point for (Macau, Nauru)."""
    return list(geodata()["meta"]["not_on_the_map"])


_PATHS: dict[str, tuple[Country, Path]] = {}


def country_path(country: Country) -> Path:
    """One compound Path of all the country's rings; holes run the other way round from their
    outer ring (as in the shapefile), so the fill leaves them out (Lesotho in South Africa).
    Made once per country (a map draws each country every time)."""
    cached = _PATHS.get(country.code)
    if cached is not None and cached[0] is country:
        return cached[1]
    path = _country_path(country)
    _PATHS[country.code] = (country, path)
    return path


def _country_path(country: Country) -> Path:
    verts: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for poly in country.polygons:
        for ring in poly:
            closed = np.vstack([ring, ring[:1]])
            c = np.full(len(closed), Path.LINETO, dtype=np.uint8)
            c[0], c[-1] = Path.MOVETO, Path.CLOSEPOLY
            verts.append(closed)
            codes.append(c)
    return Path(np.concatenate(verts), np.concatenate(codes))


def _patch(country: Country, color: str, *, zorder: float = 1, edge: str = EDGE) -> Any:
    if country.is_point:
        patch = Circle(country.point, DOT_RADIUS, facecolor=color, edgecolor="#555555", linewidth=0.6,
                       zorder=zorder + 1)
    else:
        patch = PathPatch(country_path(country), facecolor=color, edgecolor=edge, linewidth=0.3, zorder=zorder)
    patch.set_gid(country.code)
    return patch


def draw_world(ax: Any, colors: dict[str, str] | None = None, *, antarctica: bool = False,
               dots: Sequence[str] = ()) -> dict[str, Any]:
    """Draw every country shape on ``ax`` (filled from ``colors``, else grey) and a dot for each
    code in ``dots`` that has only a point; returns the patches, by code.

    On an ``ax`` that already holds the world (drawn here, with the same ``antarctica``), the
    shapes are filled anew and what the last map of this module drew over them (legend, names,
    arrows, note) is taken away: a map redrawn at each filter change (the explorer's) changes
    colours and labels, not two hundred shapes."""
    colors = colors or {}
    world = getattr(ax, "_tk_world", None)
    if world is not None and world[0] == antarctica:
        _clear_layer(ax)
        shapes = world[1]
        for code, patch in shapes.items():
            patch.set_facecolor(colors.get(code, NO_DATA))
    else:
        shapes = {}
        for code, country in countries().items():
            if country.is_point or (code == "ATA" and not antarctica):
                continue
            patch = _patch(country, colors.get(code, NO_DATA))
            # add_artist, not add_patch: the limits are set below, and working out every
            # country's extent for the data limits costs more than drawing the map
            ax.add_artist(patch)
            shapes[code] = patch
        ax._tk_world = (antarctica, shapes)
    patches = dict(shapes)
    for code in dots:  # the dots are the map's own, like its labels: taken away with them
        country = countries().get(code)
        if country is not None and country.is_point and code not in patches:
            patches[code] = ax.add_artist(_patch(country, colors.get(code, NO_DATA)))
    ax._tk_layer = [p for code, p in patches.items() if code not in shapes]
    ax.set_xlim(-180, 180)
    ax.set_ylim(-90 if antarctica else LATITUDES[0], LATITUDES[1])
    ax.set_aspect("equal")
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return patches


def _layer_start(ax: Any) -> set[int]:
    """What ``ax`` holds before a map draws over its world (see :func:`_layer_end`)."""
    return {id(a) for a in (*ax.patches, *ax.texts, *ax.artists)}


def _layer_end(ax: Any, before: set[int]) -> None:
    """Remember what a map drew over the world since :func:`_layer_start`, for
    :func:`draw_world` to take away when the map is redrawn on the same axes."""
    layer = [a for a in (*ax.patches, *ax.texts, *ax.artists) if id(a) not in before]
    if ax.get_legend() is not None:
        layer.append(ax.get_legend())
    ax._tk_layer = [*getattr(ax, "_tk_layer", ()), *layer]


def _clear_layer(ax: Any) -> None:
    for artist in getattr(ax, "_tk_layer", ()):
        if artist.axes is ax:  # not already taken away by the caller
            artist.remove()
    ax._tk_layer = []


# --------------------------------------------------------------------------- partners

PARTNER_COLUMNS = ["partner", "name_en", "name_ar", "events", "reports", "as_source", "as_target", "articles",
                   "cooperation", "conflict", "score", "on_map"]


def partner_counts(data: Any, country: str, *, count: str = "events") -> pd.DataFrame:
    """The partners of ``country`` with their counts (those of :func:`toolkit.relations.partners`,
    most events first) and ``on_map``: ``"shape"``, ``"point"`` (a dot at the capital) or
    ``""`` (not on the map: an organisation, Macau, Nauru)."""
    p = relations.partners(data, country, count=count)
    shapes = countries()
    out = p.reindex(columns=PARTNER_COLUMNS[:-1]).copy()
    out["on_map"] = [("point" if shapes[c].is_point else "shape") if c in shapes else "" for c in out["partner"]]
    return out.reset_index(drop=True)


def classes(max_count: int) -> list[tuple[int, int]]:
    """Count classes (low, high, inclusive) for counts from 1 to ``max_count``.

    The low bounds are :data:`STEPS` up to ``max_count`` (1, 5, 10, 50, ... when that makes more
    than six): ``1``, ``2``, ``3–4``, ``5–9``, ``10–19``, ``20–25`` for a maximum of 25.
    """
    if max_count < 1:
        return []
    bounds = [s for s in STEPS if s <= max_count]
    if len(bounds) > 6:  # 1, 5, 10, 50, 100, ... then the largest five of those
        bounds = [1] + [s for s in bounds[1:] if str(s)[0] in "15"]
        bounds = [1] + bounds[1:][-5:]
    out: list[tuple[int, int]] = []
    for lo, nxt in zip(bounds, bounds[1:] + [max_count + 1]):
        out.append((lo, nxt - 1))
    return out


def _class_label(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _class_of(n: int, bounds: list[tuple[int, int]]) -> int:
    for i, (lo, hi) in enumerate(bounds):
        if lo <= n <= hi:
            return i
    return len(bounds) - 1


def plot_partners(data: Any, country: str | None, *, count: str = "events", lang: str = "en", ax: Any = None,
                  title: str | None = None, cmap: str = "Blues", labels: int = 5, antarctica: bool = False) -> Any:
    """A choropleth of ``country``'s partners: each partner filled by its class of events (or
    reports), the country itself in orange, countries without events grey; a legend of the
    classes; the ``labels`` largest partners named. A country without partners on the map (or
    None: no country chosen) gives the world map with a line that says so."""
    if country is None:
        return _empty_world(ax, title if title is not None else _word("partners_title", lang),
                            _word("no_country", lang), antarctica=antarctica)
    shapes = countries()
    # the partners' events in partner_counts' order, without the summaries it also works out
    pairs = relations.pair_counts(data, count=count)
    pairs = pairs[(pairs["a"] == country) | (pairs["b"] == country)]
    counts = pd.DataFrame({"partner": [b if a == country else a for a, b in zip(pairs["a"], pairs["b"])],
                           "events": pairs["events"].to_numpy()})
    on_map = counts[np.array([p in shapes for p in counts["partner"]], dtype=bool)]
    bounds = classes(int(on_map["events"].max()) if len(on_map) else 0)
    palette = plt.get_cmap(cmap)
    shades = [palette(0.3 + 0.65 * i / max(len(bounds) - 1, 1)) for i in range(len(bounds))]
    colors: dict[str, Any] = {}
    for code, n in zip(on_map["partner"], on_map["events"]):
        colors[code] = shades[_class_of(int(n), bounds)]
    colors[country] = FOCUS
    dots = [c for c in list(on_map["partner"]) + [country] if c in shapes and shapes[c].is_point]
    with style():
        fig, axes = figure_axes(ax, (11, 5.6))
        draw_world(axes, colors, antarctica=antarctica, dots=dots)
        before = _layer_start(axes)
        name = country_label(country, lang)
        what = _word(count, lang)
        handles = [Patch(facecolor=FOCUS, edgecolor="#555555", label=_word("focus", lang, name=name))]
        handles += [Patch(facecolor=shade, edgecolor="#555555", label=_class_label(lo, hi))
                    for shade, (lo, hi) in zip(shades, bounds)]
        handles.append(Patch(facecolor=NO_DATA, edgecolor="#555555", label=_word("no_data", lang)))
        axes.legend(handles=handles, title=what, loc="lower left", fontsize="x-small", title_fontsize="small",
                    framealpha=0.9)
        if not len(on_map):
            _note(axes, _word("no_partner", lang))
        elif labels:
            # the largest partners named where their names do not overlap (a crowded region
            # keeps the largest); at most ``labels`` names
            codes = list(on_map["partner"])
            names = [f"{country_label(c, lang)} {int(n)}" for c, n in zip(codes, on_map["events"])]
            for label in place_labels(axes, [shapes[c].label for c in codes], names, [1.0] * len(codes),
                                      limit=labels, fontsize="x-small",
                                      offsets=[(0, 0, "center", "center"), (0, 7, "center", "bottom"),
                                               (0, -7, "center", "top")]):
                label.set_zorder(5)
        total = int(counts["events"].sum())
        of_total = _word("of_total", lang, n=total, what=_one(what, total, lang))
        axes.set_title(title if title is not None else f"{_word('partners', lang, name=name)} · {of_total}")
        _layer_end(axes, before)
        return figure_result(fig, axes, ax)


def _note(axes: Any, message: str) -> None:
    axes.text(0.5, 0.5, message, transform=axes.transAxes, ha="center", va="center", fontsize="large",
              color="#444444", zorder=7, gid="tk-no-data",
              path_effects=[patheffects.withStroke(linewidth=3, foreground="white")])


def _empty_world(ax: Any, title: str, message: str, *, antarctica: bool = False) -> Any:
    """The world in grey with ``message`` across it: what a map of nothing shows."""
    with style():
        fig, axes = figure_axes(ax, (11, 5.6))
        draw_world(axes, antarctica=antarctica)
        before = _layer_start(axes)
        _note(axes, message)
        _layer_end(axes, before)
        axes.set_title(title)
        return figure_result(fig, axes, ax)


# --------------------------------------------------------------------------- dyads


def top_dyad(data: Any, *, country: str | None = None, count: str = "events") -> tuple[str, str] | None:
    """The pair with most events whose two sides are on the map (involving ``country`` when
    given), as :func:`toolkit.relations.top_dyad` orders them; None when there is none."""
    d = relations.pair_counts(data, count=count)
    if country is not None:
        d = d[(d["a"] == country) | (d["b"] == country)]
    for a, b in zip(d["a"], d["b"]):
        if on_map(a) and on_map(b):
            return str(a), str(b)
    return None

def dyad_counts(data: Any, pair: str | Sequence[str], *, count: str = "events") -> dict[str, int]:
    """``{"a→b": n, "b→a": n, "total": n}``: the pair's events each way (an event told both ways
    counts in each) and in all (each event once), from :func:`toolkit.relations.dyads`."""
    a, b = relations.parse_pair(pair)
    directed = relations.pair_counts(data, directed=True, count=count).set_index("pair")["events"]
    undirected = relations.pair_counts(data, count=count).set_index("pair")["events"]
    key = relations.UNDIRECTED_SEP.join(sorted((a, b)))
    return {f"{a}→{b}": int(directed.get(f"{a}{relations.DIRECTED_SEP}{b}", 0)),
            f"{b}→{a}": int(directed.get(f"{b}{relations.DIRECTED_SEP}{a}", 0)),
            "total": int(undirected.get(key, 0))}


def _extent(codes: Sequence[str], margin: float = 12.0) -> tuple[float, float, float, float]:
    shapes = countries()
    xs: list[float] = []
    ys: list[float] = []
    for code in codes:
        c = shapes[code]
        if c.is_point:
            xs.append(c.point[0])
            ys.append(c.point[1])
            continue
        biggest = max(c.polygons, key=lambda p: len(p[0]))
        xs.extend([float(biggest[0][:, 0].min()), float(biggest[0][:, 0].max())])
        ys.extend([float(biggest[0][:, 1].min()), float(biggest[0][:, 1].max())])
    x0, x1 = max(min(xs) - margin, -180), min(max(xs) + margin, 180)
    y0, y1 = max(min(ys) - margin, -90), min(max(ys) + margin, 90)
    # at least 60° x 30°, and no flatter than 2:1
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = max(x1 - x0, 60.0), max(y1 - y0, 30.0)
    w, h = max(w, h * 1.2), max(h, w / 2.2)
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def plot_dyad(data: Any, pair: str | Sequence[str] | None, *, count: str = "events", lang: str = "en", ax: Any = None,
              title: str | None = None) -> Any:
    """The two countries of ``pair`` (first orange, second lilac) and a curved arrow for each
    direction with events, as wide as its count and labelled with it; the title gives the total.
    ``pair`` None (no pair with events: see :func:`top_dyad`) gives the world with a line that
    says so."""
    if pair is None:
        return _empty_world(ax, title if title is not None else _word("dyad_title", lang), _word("no_dyad", lang))
    a, b = relations.parse_pair(pair)
    shapes = countries()
    missing = [c for c in (a, b) if c not in shapes]
    if missing:
        raise ValueError(f"no shape or point for {', '.join(missing)} on the map (see toolkit.maps.not_on_map())")
    n = dyad_counts(data, (a, b), count=count)
    colors = {a: FOCUS, b: PARTNER}
    arrows = {a: FOCUS_DARK, b: PARTNER_DARK}
    with style():
        fig, axes = figure_axes(ax, (9, 5.4))
        draw_world(axes, colors, dots=[c for c in (a, b) if shapes[c].is_point])
        before = _layer_start(axes)
        x0, x1, y0, y1 = _extent((a, b))
        axes.set_xlim(x0, x1)
        axes.set_ylim(y0, y1)
        biggest = max(n[f"{a}→{b}"], n[f"{b}→{a}"], 1)
        for src, dst in ((a, b), (b, a)):
            k = n[f"{src}→{dst}"]
            if not k:
                continue
            p0, p1 = shapes[src].label, shapes[dst].label
            arrow = FancyArrowPatch(p0, p1, connectionstyle=f"arc3,rad={ARC}", arrowstyle="-|>",
                                    mutation_scale=12 + 10 * k / biggest, linewidth=1 + 5 * k / biggest,
                                    color=arrows[src], zorder=4, shrinkA=4, shrinkB=4)
            axes.add_patch(arrow)
            mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
            dx, dy = p1[0] - p0[0], p1[1] - p0[1]
            # arc3 with rad r bends to the right of travel; its peak lies r/2 x (dy, -dx) off the middle
            lx, ly = mx + 0.8 * ARC * dy, my - 0.8 * ARC * dx  # beyond the bulge, off the arrow
            arrow_label = f"{country_label(src, lang)} → {country_label(dst, lang)}: {k}"
            if lang == "ar":
                arrow_label = f"{country_label(src, lang)} ← {country_label(dst, lang)}: {k}"
            axes.annotate(arrow_label, (lx, ly), ha="center", va="center", fontsize="small", zorder=6,
                          color=arrows[src],
                          path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")])
        for code in (a, b):
            x, y = shapes[code].label
            # below the arrows' ends, so that a small country stays visible under its name
            axes.annotate(country_label(code, lang), (x, y), xytext=(0, -14), textcoords="offset points",
                          ha="center", va="center", fontsize="small", fontweight="bold", zorder=5,
                          path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")])
        what = _word(count, lang)
        axes.set_title(title if title is not None else
                       f"{_word('dyad', lang, a=country_label(a, lang), b=country_label(b, lang))} · "
                       f"{_word('of_total', lang, n=n['total'], what=_one(what, n['total'], lang))}")
        _layer_end(axes, before)
        return figure_result(fig, axes, ax)


__all__ = [
    "Country", "countries", "geodata", "not_on_map", "country_path", "draw_world", "partner_counts", "classes",
    "plot_partners", "dyad_counts", "plot_dyad", "PARTNER_COLUMNS", "GEODATA", "on_map", "top_dyad",
]

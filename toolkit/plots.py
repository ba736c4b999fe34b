"""matplotlib charts of relations: dyads, timelines, country × sector heatmaps, networks.

Each function returns the new Figure, or draws on ``ax=`` when given and returns that Axes.
``lang="ar"`` labels countries (and sectors, legends, titles) in Arabic.

Arabic text: matplotlib 3.11+ shapes and orders right-to-left text itself (text layout via
libraqm), so labels are passed as they are; never pre-shape them with arabic-reshaper or
python-bidi (that would now be shaped twice). The glyphs come from DejaVu Sans, which ships
with matplotlib and covers Arabic: every function draws inside :func:`style`, which sets it
as the font family, so charts render the same on a machine with only matplotlib's own fonts.
"""
from __future__ import annotations

import contextlib
from typing import Any, Iterator

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import MaxNLocator

from toolkit.filters import name_of

#: The font family of every chart: bundled with matplotlib, with Arabic glyphs.
FONT_FAMILY = "DejaVu Sans"

#: Edge colour by the conflict share of a pair's events: green (all cooperation) to red.
_EDGE_CMAP = LinearSegmentedColormap.from_list("coop_conflict", ["#238b45", "#cb181d"])
QUAD_COLORS = {"q1": "#74c476", "q2": "#238b45", "q3": "#fb6a4a", "q4": "#a50f15"}
STANCE_COLORS = {"cooperation": "#238b45", "conflict": "#cb181d", "other": "#969696"}

_WORDS = {
    "en": {
        "q1": "verbal cooperation", "q2": "material cooperation", "q3": "verbal conflict", "q4": "material conflict",
        "cooperation": "cooperation", "conflict": "conflict", "other": "other", "events": "events",
        "dyads": "Strongest dyads", "timeline": "Events over time", "heatmap": "Countries × sectors",
        "network": "Network of countries", "coop_conflict": "Cooperation and conflict",
        "intensity": "mean intensity (−10 conflict … +10 cooperation)", "country": "country", "sector": "sector",
        "no_events": "no events", "no_sectors": "no events with a sector",
    },
    "ar": {
        "q1": "تعاون لفظي", "q2": "تعاون مادي", "q3": "صراع لفظي", "q4": "صراع مادي",
        "cooperation": "تعاون", "conflict": "صراع", "other": "أخرى", "events": "الأحداث",
        "dyads": "أقوى الثنائيات", "timeline": "الأحداث عبر الزمن", "heatmap": "الدول والقطاعات",
        "network": "شبكة الدول", "coop_conflict": "التعاون والصراع",
        "intensity": "متوسط الشدة", "country": "الدولة", "sector": "القطاع",
        "no_events": "لا أحداث", "no_sectors": "لا أحداث في قطاع",
    },
}

#: Arabic names of the canonical sectors (``lexicon/sectors.csv``).
SECTORS_AR = {
    "diplomacy": "دبلوماسية", "security": "أمن", "military": "عسكري", "trade": "تجارة",
    "investment": "استثمار", "economy": "اقتصاد", "finance": "مالية", "energy": "طاقة",
    "industry": "صناعة", "agriculture": "زراعة", "mining": "تعدين", "construction": "بناء",
    "transport": "نقل", "education": "تعليم", "science": "علوم", "culture": "ثقافة",
    "humanitarian": "إنساني", "health": "صحة", "tourism": "سياحة", "technology": "تكنولوجيا",
    "migration": "هجرة", "religion": "دين", "media": "إعلام", "sport": "رياضة", "environment": "بيئة",
}


@contextlib.contextmanager
def style(font: str = FONT_FAMILY) -> Iterator[None]:
    """A ``rc_context`` with a font that has Arabic glyphs (DejaVu Sans by default).

    Text created inside keeps the font, so a figure can be saved after the block.
    """
    with plt.rc_context({"font.family": [font], "axes.unicode_minus": True}):
        yield


def word(key: str, lang: str = "en") -> str:
    """A chart word (legend entry, title) in English or Arabic."""
    return _WORDS.get(lang, _WORDS["en"]).get(key, key)


def country_label(code: str, lang: str = "en") -> str:
    """The name of a country or organisation code in ``lang`` (``"en"``, ``"ar"``; ``"code"`` keeps the code)."""
    return str(code) if lang == "code" else name_of(code, lang=lang)


def sector_label(sector: str, lang: str = "en") -> str:
    return SECTORS_AR.get(sector, sector) if lang == "ar" else str(sector)


def _pair_label(a: str, b: str, lang: str, directed: bool = False) -> str:
    sep = " → " if directed else " – "
    if lang == "ar" and directed:
        sep = " ← "  # reads right to left: a ← b shows a first, on the right
    return f"{country_label(a, lang)}{sep}{country_label(b, lang)}"


def figure_axes(ax: Any, figsize: tuple[float, float]) -> tuple[Any, Any]:
    if ax is not None:
        return ax.figure, ax
    fig, new_ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, new_ax


def figure_result(fig: Any, ax: Any, given: Any) -> Any:
    return given if given is not None else fig


def no_data(axes: Any, message: str, *, keep_axes: bool = False) -> None:
    """Write ``message`` (``"no events"``) in the middle of ``axes``: an empty chart says why
    it is empty. The ticks go unless ``keep_axes``."""
    axes.text(0.5, 0.5, message, transform=axes.transAxes, ha="center", va="center", fontsize="large",
              color="#666666", gid="tk-no-data")
    if not keep_axes:
        axes.set_xticks([])
        axes.set_yticks([])


# --------------------------------------------------------------------------- dyads

def plot_dyads(dyads_df: pd.DataFrame, top: int = 15, *, lang: str = "en", ax: Any = None,
               title: str | None = None) -> Any:
    """Horizontal stacked bars of the ``top`` dyads (rows of ``relations.dyads``) by quad class."""
    with style():
        d = dyads_df.head(top).iloc[::-1]
        fig, axes = figure_axes(ax, (8, max(2.5, 0.4 * len(d) + 1.2)))
        directed = bool(len(d)) and str(d["pair"].iloc[0]).find("→") >= 0
        labels = [_pair_label(a, b, lang, directed) for a, b in zip(d["a"], d["b"])]
        y = np.arange(len(d))
        left = np.zeros(len(d))
        for q in ("q1", "q2", "q3", "q4"):
            vals = d[q].to_numpy(dtype=float) if q in d else np.zeros(len(d))
            axes.barh(y, vals, left=left, color=QUAD_COLORS[q], label=word(q, lang))
            left += vals
        axes.set_yticks(y, labels)
        axes.set_xlabel(word("events", lang))
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(title if title is not None else word("dyads", lang))
        if len(d):
            axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
        else:
            no_data(axes, word("no_events", lang))
        return figure_result(fig, axes, ax)


# --------------------------------------------------------------------------- timelines

def _period_x(index: pd.Index) -> tuple[Any, float]:
    """x positions (timestamps) of a period index and a bar width in days."""
    if isinstance(index, pd.PeriodIndex):
        starts = index.to_timestamp(how="start")
        ends = index.to_timestamp(how="end")
        width = float(np.median((ends - starts).days + 1)) if len(index) else 1.0
        return starts.to_pydatetime(), width * 0.8
    return list(index), 0.8


def plot_timeline(timeline_df: pd.DataFrame, *, lang: str = "en", ax: Any = None, kind: str = "bar",
                  title: str | None = None) -> Any:
    """Stacked bars (``kind="bar"``) or lines (``"line"``) of a ``relations.timeline`` table."""
    with style():
        fig, axes = figure_axes(ax, (10, 4))
        x, width = _period_x(timeline_df.index)
        bottom = np.zeros(len(timeline_df))
        for col in timeline_df.columns:
            vals = timeline_df[col].to_numpy(dtype=float)
            color = QUAD_COLORS.get(col) or STANCE_COLORS.get(col)
            label = word(col, lang) if col in _WORDS["en"] else str(col)
            if kind == "bar":
                axes.bar(x, np.nan_to_num(vals), width=width, bottom=bottom, color=color, label=label, align="edge")
                bottom += np.nan_to_num(vals)
            elif kind == "line":
                axes.plot(x, vals, marker="o", markersize=3, color=color, label=label)
            else:
                raise ValueError(f"kind must be 'bar' or 'line', not {kind!r}")
        axes.set_ylabel(word("events", lang))
        if pd.api.types.is_integer_dtype(np.asarray(timeline_df.to_numpy()).dtype):
            axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))  # 6 ticks or so: fewer labels to draw
        axes.set_title(title if title is not None else word("timeline", lang))
        if not len(timeline_df):
            no_data(axes, word("no_events", lang))
        elif len(timeline_df.columns):
            # beside the chart: loc="best" would search the bars (slow, and it warns when slow)
            axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
        fig.autofmt_xdate() if ax is None else None
        return figure_result(fig, axes, ax)


def plot_cooperation_conflict(data: Any, freq: str = "M", country: str | None = None,
                              dyad: tuple[str, str] | str | None = None, *, measure: str = "counts",
                              when: str = "event", lang: str = "en", ax: Any = None,
                              title: str | None = None, within: Any = "published") -> Any:
    """Cooperation against conflict over time.

    ``measure="counts"``: cooperation events as bars above zero, conflict events below;
    ``measure="intensity"``: the mean intensity of all events per period (−10 … +10).
    ``country``, ``dyad``, ``freq``, ``when`` and ``within`` are those of ``relations.timeline``.
    """
    from toolkit.relations import timeline

    with style():
        fig, axes = figure_axes(ax, (10, 4))
        if measure == "counts":
            tl = timeline(data, country=country, dyad=dyad, freq=freq, by="stance", when=when, within=within)
            fig._tk_periods = list(tl.index)  # what redraw_cooperation_conflict may update in place
            x, width = _period_x(tl.index)
            axes.bar(x, tl["cooperation"].to_numpy(dtype=float), width=width, align="edge",
                     color=STANCE_COLORS["cooperation"], label=word("cooperation", lang))
            axes.bar(x, -tl["conflict"].to_numpy(dtype=float), width=width, align="edge",
                     color=STANCE_COLORS["conflict"], label=word("conflict", lang))
            axes.set_ylabel(word("events", lang))
            axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))  # 6 ticks or so: fewer labels to draw
        elif measure == "intensity":
            tl = timeline(data, country=country, dyad=dyad, freq=freq, by=None, value="intensity", when=when,
                          within=within)
            x, width = _period_x(tl.index)
            vals = np.nan_to_num(tl["events"].to_numpy(dtype=float))
            for sign, key in ((vals > 0, "cooperation"), (vals < 0, "conflict")):
                axes.bar([xi for xi, keep in zip(x, sign) if keep], vals[sign], width=width, align="edge",
                         color=STANCE_COLORS[key], label=word(key, lang))
            axes.set_ylim(-10.5, 10.5)
            axes.set_ylabel(word("intensity", lang))
        else:
            raise ValueError(f"measure must be 'counts' or 'intensity', not {measure!r}")
        axes.axhline(0, color="black", linewidth=0.8)
        axes.set_title(title if title is not None else _coop_conflict_title(country, dyad, lang))
        if len(tl):
            # beside the chart: loc="best" would search the bars (slow, and it warns when slow)
            axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
        else:
            no_data(axes, word("no_events", lang))
        fig.autofmt_xdate() if ax is None else None
        return figure_result(fig, axes, ax)


def _coop_conflict_title(country: str | None, dyad: Any, lang: str) -> str:
    what = word("coop_conflict", lang)
    if dyad:
        from toolkit.relations import parse_pair
        what += ": " + _pair_label(*parse_pair(dyad), lang)
    elif country:
        what += ": " + country_label(country, lang)
    return what


def redraw_cooperation_conflict(fig: Any, data: Any, freq: str = "M", country: str | None = None,
                                dyad: tuple[str, str] | str | None = None, *, when: str = "event",
                                lang: str = "en", within: Any = "published") -> bool:
    """Update a chart made by :func:`plot_cooperation_conflict` (``measure="counts"``, its own
    figure) for other tables, in place: the bar heights, the y range and the title. A figure
    that is redrawn many times (the explorer's, at each filter change) then costs one drawing,
    not a new figure and a layout. Tables without events in the drawn months (``within`` two
    dates) give empty bars and a note "no events". Returns False, changing nothing, when the
    periods differ from the drawn ones or the chart is not of that kind: make a new one then."""
    from toolkit.relations import timeline

    axes = fig.axes[0] if len(fig.axes) == 1 else None
    bars = [c for c in axes.containers if hasattr(c, "patches")] if axes is not None else []
    if len(bars) != 2:
        return False
    tl = timeline(data, country=country, dyad=dyad, freq=freq, by="stance", when=when, within=within)
    note = next((a for a in axes.texts if a.get_gid() == "tk-no-data"), None)
    if len(tl) == 0 and isinstance(within, tuple):
        # nothing in the months drawn (a pair without events): empty bars and a note, the same
        # months kept, so that the next change updates this chart again
        for rect in (*bars[0].patches, *bars[1].patches):
            rect.set_height(0.0)
        axes.set_ylim(-1.0, 1.0)
        axes.set_title(_coop_conflict_title(country, dyad, lang))
        if note is None:
            no_data(axes, word("no_events", lang), keep_axes=True)
            note = axes.texts[-1]
        note.set_visible(True)
        return True
    if len(tl) == 0 or len(tl) != len(bars[0].patches) or getattr(fig, "_tk_periods", None) != list(tl.index):
        return False
    if note is not None:
        note.set_visible(False)
    top = bottom = 0.0
    for rect, v in zip(bars[0].patches, tl["cooperation"].to_numpy(dtype=float)):
        rect.set_height(v)
        top = max(top, v)
    for rect, v in zip(bars[1].patches, tl["conflict"].to_numpy(dtype=float)):
        rect.set_height(-v)
        bottom = max(bottom, v)
    pad = 0.05 * max(top + bottom, 1.0)
    axes.set_ylim(-bottom - pad, top + pad)
    axes.set_title(_coop_conflict_title(country, dyad, lang))
    return True


def cooperation_conflict_changing(fig: Any) -> list[Any]:
    """What :func:`redraw_cooperation_conflict` changes on a chart: the bars, the y axis (its
    range), the zero line, the title and the "no events" note. The rest (the x axis and its
    month labels, the legend, the frame) stays as drawn, so that a redraw may draw only these
    over the chart as first drawn without them (``widgets.figure_output(..., changing=...)``)."""
    axes = fig.axes[0]
    out = [axes.yaxis, axes.title, *axes.lines,
           *(p for c in axes.containers if hasattr(c, "patches") for p in c.patches),
           *(a for a in axes.texts if a.get_gid() == "tk-no-data")]
    return sorted(out, key=lambda a: a.get_zorder())


# --------------------------------------------------------------------------- heatmap

def plot_sector_heatmap(matrix: pd.DataFrame, *, top: int | None = 15, lang: str = "en", ax: Any = None,
                        cmap: str = "Blues", annotate: bool = True, title: str | None = None) -> Any:
    """A heatmap of ``relations.country_sector_matrix`` (the ``top`` rows and columns), counts in cells."""
    with style():
        m = matrix.iloc[:top, :top] if top else matrix
        fig, axes = figure_axes(ax, (max(5, 0.6 * m.shape[1] + 2.5), max(3, 0.4 * m.shape[0] + 1.5)))
        if not m.size:
            no_data(axes, word("no_sectors", lang))
            axes.set_title(title if title is not None else word("heatmap", lang))
            return figure_result(fig, axes, ax)
        values = m.to_numpy(dtype=float)
        image = axes.imshow(values, cmap=cmap, aspect="auto")
        axes.set_xticks(np.arange(m.shape[1]), [sector_label(s, lang) for s in m.columns],
                        rotation=45, ha="right", rotation_mode="anchor")
        axes.set_yticks(np.arange(m.shape[0]), [country_label(c, lang) for c in m.index])
        if annotate and values.size:
            high = values.max() / 2
            for i in range(m.shape[0]):
                for j in range(m.shape[1]):
                    if values[i, j]:
                        axes.text(j, i, f"{values[i, j]:g}", ha="center", va="center", fontsize="x-small",
                                  color="white" if values[i, j] > high else "black")
        axes.set_xlabel(word("sector", lang))
        axes.set_ylabel(word("country", lang))
        axes.set_title(title if title is not None else word("heatmap", lang))
        fig.colorbar(image, ax=axes, shrink=0.8)
        return figure_result(fig, axes, ax)


# --------------------------------------------------------------------------- network

#: At most this many nodes are drawn by :func:`plot_network` (the most connected ones).
MAX_NODES = 40
#: Longer names are labelled by their code on a network (``UNSC`` rather than its full name).
MAX_LABEL_CHARS = 22


def _node_label(code: str, lang: str) -> str:
    label = country_label(code, lang)
    return str(code) if len(label) > MAX_LABEL_CHARS else label


def _overlaps(box: Any, boxes: list[Any]) -> bool:
    return any(box.x0 < b.x1 and b.x0 < box.x1 and box.y0 < b.y1 and b.y0 < box.y1 for b in boxes)


def place_labels(axes: Any, points: list[tuple[float, float]], texts: list[str], sizes: list[float], *,
                 limit: int | None = None, fontsize: Any = "small",
                 offsets: list[tuple[float, float, str, str]] | None = None) -> list[Any]:
    """Label ``points`` (data coordinates; most important first) without overlaps.

    Each label is tried above its point, then below, right and left, just clear of its marker
    (``sizes`` are marker areas in points², as for ``scatter``), or at the ``offsets`` given
    (``(dx, dy, ha, va)`` in points); the first place where it overlaps no label already
    placed, no other marker and stays inside the axes is kept, and a label with no free place
    is left out. At most ``limit`` labels. Deterministic: the same points give the same
    labels. Returns the annotations placed.
    """
    fig = axes.figure
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    if not isinstance(fig.get_layout_engine(), (type(None), PlaceHolderLayoutEngine)):
        fig.canvas.draw()  # the final layout, so that sizes on screen are those of the saved figure
    else:  # a layout fixed by hand (or drawn once and then fixed): only the aspect moves the axes
        axes.apply_aspect()
    renderer = fig.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    scale = fig.dpi / 72.0
    centres = axes.transData.transform(np.asarray(points, dtype=float)) if points else np.zeros((0, 2))
    radii = [np.sqrt(max(a, 1.0)) / 2 * scale for a in sizes]
    from matplotlib.transforms import Bbox

    markers = [Bbox.from_extents(x - r, y - r, x + r, y + r) for (x, y), r in zip(centres, radii)]
    placed: list[Any] = []
    boxes: list[Any] = []
    for i, (xy, text) in enumerate(zip(points, texts)):
        if limit is not None and len(placed) >= limit:
            break
        gap = radii[i] / scale + 2  # points, from the centre to the label's edge
        others = markers[:i] + markers[i + 1:]
        around = offsets or [(0, gap, "center", "bottom"), (0, -gap, "center", "top"),
                             (gap, 0, "left", "center"), (-gap, 0, "right", "center")]
        # first clear of every marker; failing that (a crowded centre), over markers but never
        # over another label: the most important labels are the ones in the crowd
        for avoid in (others, []):
            for dx, dy, ha, va in around:
                ann = axes.annotate(text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                    fontsize=fontsize, zorder=3, annotation_clip=False,
                                    path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")])
                ann.set_in_layout(False)
                box = ann.get_window_extent(renderer)
                inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
                if inside and not _overlaps(box, boxes) and not _overlaps(box, avoid):
                    placed.append(ann)
                    boxes.append(box)
                    break
                ann.remove()
            else:
                continue
            break
    return placed


def plot_network(graph: Any, *, lang: str = "en", ax: Any = None, min_weight: int = 1, seed: int = 0,
                 title: str | None = None, max_nodes: int | None = MAX_NODES, labels: int | None = None) -> Any:
    """Draw a ``relations.network`` graph: edge width by weight, green/red by cooperation/conflict
    share (event networks), node size by mentions, labels in ``lang``.

    The drawing is deterministic: nodes and edges are laid out in sorted order with a seeded
    spring layout. Only the ``max_nodes`` most connected actors are drawn (None: all); labels
    go to the most connected first, each where it overlaps no other label or node, and a
    label with no free place is left out (``labels`` caps their number). A name longer than
    :data:`MAX_LABEL_CHARS` is shown by its code. An empty graph gives a chart that says so.
    """
    import networkx as nx
    from matplotlib.collections import LineCollection

    with style():
        fig, axes = figure_axes(ax, (8, 8) if len(graph) else (8, 2.5))
        edges = [(u, v, d) for u, v, d in graph.edges(data=True) if d.get("weight", 1) >= min_weight]
        keep = {n for u, v, _ in edges for n in (u, v)} if min_weight > 1 else set(graph.nodes)
        strength: dict[Any, float] = {n: 0.0 for n in keep}
        for u, v, d in edges:
            for n in (u, v):
                if n in strength:
                    strength[n] += d.get("weight", 1)
        ranked = sorted(keep, key=lambda n: (-strength[n], str(n)))
        if max_nodes is not None:
            ranked = ranked[:max_nodes]
        kept = set(ranked)
        edges = sorted(((u, v, d) for u, v, d in edges if u in kept and v in kept),
                       key=lambda e: (str(e[0]), str(e[1])))
        layout = nx.Graph()
        layout.add_nodes_from(sorted(kept, key=str))
        layout.add_edges_from((u, v) for u, v, _ in edges)
        n = len(layout)
        pos = nx.spring_layout(layout, seed=seed, k=2.2 / np.sqrt(n) if n > 1 else None, iterations=200) if n else {}
        if edges:
            segs = [(pos[u], pos[v]) for u, v, _ in edges]
            weights = np.array([d.get("weight", 1) for *_, d in edges], dtype=float)
            share_of_max = weights / weights.max()
            widths = 0.8 + 5 * share_of_max
            colors = []
            for (*_, d), strength in zip(edges, share_of_max):
                coop, conf = d.get("cooperation"), d.get("conflict")
                if coop is None or conf is None or coop + conf == 0:
                    rgba = matplotlib.colors.to_rgba("#999999")
                else:
                    rgba = _EDGE_CMAP(conf / (coop + conf))
                # light edges fade, so that a dense network still shows its strong ties
                colors.append((*rgba[:3], 0.25 + 0.55 * float(np.sqrt(strength))))
            axes.add_collection(LineCollection(segs, linewidths=widths, colors=colors, zorder=1))
        axes.set_axis_off()
        axes.set_title(title if title is not None else word("network", lang))
        if not ranked:
            no_data(axes, word("no_events", lang))
            return figure_result(fig, axes, ax)
        xy = np.array([pos[node] for node in ranked])
        mentions = np.array([graph.nodes[node].get("mentions", 1) or 1 for node in ranked], dtype=float)
        sizes = 60 + 900 * np.sqrt(mentions / mentions.max())
        axes.scatter(xy[:, 0], xy[:, 1], s=sizes, color="#6baed6", edgecolors="#08519c", zorder=2)
        pad_x = 0.12 * (np.ptp(xy[:, 0]) or 1.0)
        pad_y = 0.08 * (np.ptp(xy[:, 1]) or 1.0)
        axes.set_xlim(xy[:, 0].min() - pad_x, xy[:, 0].max() + pad_x)
        axes.set_ylim(xy[:, 1].min() - pad_y, xy[:, 1].max() + 2 * pad_y)
        place_labels(axes, [tuple(p) for p in xy], [_node_label(node, lang) for node in ranked], list(sizes),
                     limit=labels)
        return figure_result(fig, axes, ax)


__all__ = [
    "style", "plot_dyads", "plot_timeline", "plot_sector_heatmap", "plot_network", "plot_cooperation_conflict",
    "country_label", "sector_label", "word", "figure_axes", "figure_result", "FONT_FAMILY", "SECTORS_AR",
    "no_data", "place_labels", "MAX_NODES",
]

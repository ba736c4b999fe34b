"""Thin ipywidgets over ``toolkit.filters``: linked filters, a results table, a plot, a reader.

``explore(corpus)`` returns an :class:`Explorer`, a ``VBox`` whose attributes are its
widgets (``countries``, ``months``, ``sector``, ``source``, ``event_type``, ``stance``,
``text``) and its outputs (``summary``, ``table``, ``articles_table``, ``plot``, ``map``,
``article``, ``reader``). Every change of a filter calls :meth:`Explorer.update`, which
applies ``toolkit.filters.select`` and keeps the result in ``Explorer.current`` (a
``toolkit.filters.Tables``). Nothing here annotates or aggregates: the widgets only wire
filters to ``toolkit.filters``, ``toolkit.plots`` and ``toolkit.display``; the reader shows
an article with its rows of the corpus tables (``toolkit.display.render_annotated``).

The explorer's plain-text and static-HTML representations describe what it shows, so a
notebook rendered without a live kernel (nbconvert, ``toolkit report``) still says
something useful where the widget would be.
"""
from __future__ import annotations

import base64
import calendar
import html
import io
from typing import Any, Iterable, Sequence

import ipywidgets as w
import pandas as pd

from toolkit import display, filters, maps, plots, relations

#: Columns of the events table the explorer shows (those present are shown, in this order).
EVENT_VIEW = ["article_id", "date", "source", "target", "type", "mode", "quad_class", "intensity", "sectors",
              "evidence"]
#: Columns of the articles table the explorer shows.
ARTICLE_VIEW = ["id", "published", "language", "source", "title"]
#: The columns of the mentions and sentences tables the filters and the explorer's views read
#: (of the mentions, those of the types the filters read: ``toolkit.filters.FILTERED_MENTIONS``).
LIGHT_MENTIONS = ["article_id", "type", "value"]
LIGHT_SENTENCES = ["article_id", "sentence", "text"]
#: At most this many rows are rendered in a results table (the count above it is exact).
MAX_ROWS = 200
ANY = "(any)"


def _ensure_annotated(corpus: Any) -> None:
    """Annotate without a progress bar when the corpus has not been annotated yet."""
    if hasattr(corpus, "annotate") and not getattr(corpus, "annotated", True):
        corpus.annotate(progress=False)


def _months(first: Any, last: Any) -> list[str]:
    """'YYYY-MM' labels from the month of ``first`` to the month of ``last``."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return []
    a = pd.Period(str(first)[:7], freq="M")
    b = pd.Period(str(last)[:7], freq="M")
    return [str(p) for p in pd.period_range(a, b, freq="M")]


def _month_end(label: str) -> str:
    year, month = (int(x) for x in label.split("-"))
    return f"{label}-{calendar.monthrange(year, month)[1]:02d}"


def _choices(values: Iterable[Any]) -> list[Any]:
    """Widget options from an ``options()`` entry: strings, or (label, value) pairs as given."""
    out: list[Any] = []
    for v in values or ():
        if isinstance(v, dict):  # countries: {code, label, ...}
            out.append((str(v.get("label") or v["code"]), v["code"]))
        else:
            out.append(tuple(v) if isinstance(v, (list, tuple)) else v)
    return out


def table_html(df: pd.DataFrame, columns: Sequence[str], *, max_rows: int = MAX_ROWS, caption: str = "") -> str:
    """An escaped HTML table of ``df[columns]`` (first ``max_rows`` rows), with a count line."""
    cols = [c for c in columns if c in df.columns]
    n = len(df)
    head = f"<p class='tk-count'>{html.escape(caption)}{n} row{'s' if n != 1 else ''}"
    if n > max_rows:
        head += f" (the first {max_rows} shown)"
    head += "</p>"
    if n == 0:
        return head
    body = display.table(df[cols].head(max_rows))._repr_html_()
    return head + f"<div style='max-height:24em;overflow:auto'>{body}</div>"


#: the resolution of the explorer's figures (dots per inch)
FIGURE_DPI = 80


def figure_output(fig: Any, *, tight: bool = True, changing: list[Any] | None = None) -> dict[str, Any]:
    """A Jupyter ``display_data`` output of a matplotlib figure (PNG), for ``Output.outputs``.

    ``tight`` crops the figure to what it draws (``savefig``: a drawing to measure it, then
    one to save). ``tight=False`` is for a figure whose layout is fixed and which is redrawn in
    place (the explorer's chart): one drawing on the Agg canvas at the figure's own resolution,
    encoded as PNG by Pillow, so that text laid out once is not laid out again. ``changing``
    (with ``tight=False``) lists the artists a redraw changes: only they are drawn, over the
    figure as drawn without them the first time (kept on the figure)."""
    buf = io.BytesIO()
    if tight:
        fig.savefig(buf, format="png", dpi=FIGURE_DPI, bbox_inches="tight")
    else:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        if changing is None:
            canvas.draw()
        else:
            _draw_changing(fig, canvas, changing)
        Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
            buf, format="png", compress_level=1)  # the fastest level: the PNG is hardly larger
    w_, h_ = fig.get_size_inches() * fig.dpi
    n_axes = len(fig.axes)
    text = f"<Figure size {w_:g}x{h_:g} with {n_axes} Axes>"
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(buf.getvalue()).decode("ascii"), "text/plain": text}}


def _draw_changing(fig: Any, canvas: Any, changing: list[Any]) -> None:
    """Draw ``changing`` (in their order) over the figure's background: the figure drawn once
    without them, kept as ``fig._tk_background`` for its size. The x axis's month labels and
    the legend, most of a chart's drawing time, are then drawn once, not at every change."""
    size = canvas.get_width_height()
    kept = getattr(fig, "_tk_background", None)
    if kept is None or kept[0] != size:
        shown = [a for a in changing if a.get_visible()]
        # a drawing places an axes title above what it finds there: kept where it stands
        where = [(a, a.get_position()) for a in shown if hasattr(a, "get_position") and hasattr(a, "get_text")]
        for a in shown:
            a.set_visible(False)
        try:
            canvas.draw()
            kept = fig._tk_background = (size, canvas.copy_from_bbox(fig.bbox))
        finally:
            for a in shown:
                a.set_visible(True)
            for a, xy in where:
                a.set_position(xy)
    canvas.restore_region(kept[1])
    for a in changing:
        if a.get_visible():
            fig.draw_artist(a)


def _close(fig: Any) -> None:
    try:
        import matplotlib.pyplot as plt

        plt.close(fig)
    except Exception:  # pragma: no cover - a Figure made without pyplot needs no closing
        pass


def show(fig: Any) -> None:
    """Display a matplotlib figure exactly once in a notebook.

    Figures made with pyplot are also shown by the inline backend at the end of the cell,
    or not, depending on how they were drawn; closing the figure in pyplot first and then
    displaying it gives one PNG (plus the text ``<Figure size WxH with N Axes>``) every time.
    """
    from IPython.display import display

    fig = getattr(fig, "figure", fig)  # an Axes gives its Figure
    _close(fig)
    display(fig)


class Explorer(w.VBox):
    """Linked filters over a corpus driving a results table, a plot and an article reader.

    Set any filter widget's ``.value`` (or call :meth:`update`) and ``current`` holds the
    filtered ``Tables``; ``table.value`` / ``articles_table.value`` their HTML; ``plot``
    the cooperation-versus-conflict chart and ``map`` a world map (one country chosen: its
    partners; two: their dyad); ``article`` lists the filtered articles and ``reader``
    shows the selected one with its annotations highlighted. Each tab is refreshed when it is
    shown (``tabs.selected_index``), so that a filter change costs only what is on screen:
    the summary line and the shown tab.
    """

    #: The tabs, in order.
    TABS = ("Events", "Articles", "Cooperation / conflict", "Map", "Read an article")

    def __init__(self, corpus: Any, *, plot: bool = True, max_rows: int = MAX_ROWS,
                 countries: Iterable[str | None] = ()):
        _ensure_annotated(corpus)
        self.corpus = corpus
        self.data = filters.tables(corpus)
        # what the filters read of the mentions and sentences (the explorer's own views draw
        # from articles and events): a filter change then copies a few columns of the large
        # tables, and ``current`` takes the full rows only when it is read
        m, s = self.data.mentions, self.data.sentences
        m = m.loc[m["type"].isin(filters.FILTERED_MENTIONS).to_numpy(dtype=bool, na_value=False),
                  [c for c in LIGHT_MENTIONS if c in m.columns]].drop_duplicates()  # the filters ask "does
        # this article name it", not how often
        self._light = filters.Tables(self.data.articles, m, self.data.events,
                                     s[[c for c in LIGHT_SENTENCES if c in s.columns]])
        self._selected = self._light
        self._current: filters.Tables | None = self.data
        self.max_rows = max_rows
        self.show_plot = plot
        self.figure: Any = None
        self._read_cache: dict[str, str] = {}
        opts = filters.options(self.data)
        self.opts = opts
        layout = w.Layout(width="auto")
        style = {"description_width": "7em"}

        self.countries = w.SelectMultiple(options=_choices(opts.get("countries", ())), rows=8,
                                          description="Countries", style=style)
        months = _months(opts.get("start"), opts.get("end")) or ["(no dates)"]
        self.months = w.SelectionRangeSlider(options=months, index=(0, len(months) - 1),
                                             description="Months", style=style, layout=w.Layout(width="36em"),
                                             continuous_update=False)
        self.sector = w.Dropdown(options=[ANY] + _choices(opts.get("sectors", ())), description="Sector", style=style)
        self.source = w.Dropdown(options=[ANY] + _choices(opts.get("sources", ())), description="Source", style=style)
        self.event_type = w.Dropdown(options=[ANY] + _choices(opts.get("event_types", ())),
                                     description="Event type", style=style)
        self.stance = w.ToggleButtons(options=[ANY, "cooperation", "conflict"], description="Stance", style=style)
        self.text = w.Text(placeholder="a word, in Arabic or English", description="Text", style=style,
                           continuous_update=False)
        self.reset = w.Button(description="Reset filters")

        self.summary = w.HTML()
        self.table = w.HTML()
        self.articles_table = w.HTML()
        self.plot = w.Output(layout=layout)
        self.map = w.Output(layout=layout)
        self.map_title = ""
        #: the filters each tab was last refreshed for (see _refresh_tab)
        self._shown_for: dict[str, tuple[Any, ...]] = {}
        #: the map figures drawn so far, by kind ("partners", "dyad"), redrawn in place
        self.map_figures: dict[str, Any] = {}
        self.article = w.Dropdown(description="Article", style=style, layout=w.Layout(width="48em"))
        self.reader = w.HTML()

        tabs = w.Tab(children=[self.table, self.articles_table, self.plot, self.map,
                               w.VBox([self.article, self.reader])])
        for i, title in enumerate(self.TABS):
            tabs.set_title(i, title)
        self.tabs = tabs
        known = {v for _, v in self.countries.options}
        self.countries.value = tuple(c for c in countries if c in known)
        filters_box = w.HBox([w.VBox([self.countries]),
                              w.VBox([self.months, self.sector, self.source, self.event_type, self.stance,
                                      self.text, self.reset])])
        super().__init__(children=[filters_box, self.summary, tabs])

        for widget in self.filter_widgets:
            widget.observe(self._changed, names="value")
        self.article.observe(self._read, names="value")
        self.tabs.observe(lambda _c: self._refresh_tab(), names="selected_index")
        self.reset.on_click(lambda _b: self.clear())
        self.update()

    # ------------------------------------------------------------------ state

    @property
    def filter_widgets(self) -> tuple[w.Widget, ...]:
        return (self.countries, self.months, self.sector, self.source, self.event_type, self.stance, self.text)

    def filters(self) -> dict[str, Any]:
        """The keyword arguments for ``toolkit.filters.select`` that the widgets say."""
        kw: dict[str, Any] = {}
        if self.countries.value:
            kw["countries"] = list(self.countries.value)
        labels = list(self.months.options)
        if labels and labels[0] != "(no dates)":
            lo, hi = self.months.value
            if lo != labels[0]:
                kw["start"] = f"{lo}-01"
            if hi != labels[-1]:
                kw["end"] = _month_end(hi)
        if self.sector.value not in (None, ANY):
            kw["sectors"] = [self.sector.value]
        if self.source.value not in (None, ANY):
            kw["sources"] = [self.source.value]
        if self.event_type.value not in (None, ANY):
            kw["event_types"] = [self.event_type.value]
        if self.stance.value not in (None, ANY):
            kw["stance"] = self.stance.value
        if self.text.value.strip():
            kw["text"] = self.text.value.strip()
        return kw

    def clear(self) -> None:
        """Every filter back to 'any' (one update at the end)."""
        with self.hold_trait_notifications():
            self._holding = True
            try:
                self.countries.value = ()
                self.months.index = (0, len(self.months.options) - 1)
                self.sector.value = ANY
                self.source.value = ANY
                self.event_type.value = ANY
                self.stance.value = ANY
                self.text.value = ""
            finally:
                self._holding = False
        self.update()

    _holding = False

    def _changed(self, _change: dict[str, Any]) -> None:
        if not self._holding:
            self.update()

    # ------------------------------------------------------------------ outputs

    def update(self) -> Any:
        """Apply the filters: refresh ``current``, the tables, the plot and the article list."""
        kw = self.filters()
        self._selected = cur = filters.select(self._light, **kw)
        self._current = None
        n_art, n_ev = len(cur.articles), len(cur.events)
        said = "; ".join(f"{k}={v}" for k, v in kw.items()) or "none"
        self.summary.value = (f"<b>{n_art}</b> of {len(self.data.articles)} articles, <b>{n_ev}</b> of "
                              f"{len(self.data.events)} events &mdash; filters: {html.escape(said)}")
        self._refresh_tab()
        return cur

    @property
    def current(self) -> filters.Tables:
        """The filtered tables, every column (made when first read after a filter change)."""
        if self._current is None:
            sel = self._selected
            ids = set(sel.articles["id"].tolist())
            self._current = filters.Tables(sel.articles, filters.rows_of_articles(self.data.mentions, ids),
                                           sel.events, filters.rows_of_articles(self.data.sentences, ids))
        return self._current

    def _key(self) -> tuple[Any, ...]:
        return tuple(sorted((k, str(v)) for k, v in self.filters().items()))

    def _refresh_tab(self, tab: str | None = None) -> None:
        """Refresh what ``tab`` (by default the tab shown) displays if the filters changed since
        it was last refreshed: a filter change does not wait for a table, a figure or an
        article nobody is looking at, and a tab is not redrawn for the same filters."""
        shown = tab or self.TABS[self.tabs.selected_index or 0]
        key = self._key()
        if self._shown_for.get(shown) == key:
            return
        self._shown_for[shown] = key
        if shown == "Events":
            self.table.value = table_html(self._selected.events, EVENT_VIEW, max_rows=self.max_rows)
        elif shown == "Articles":
            self.articles_table.value = table_html(self._selected.articles, ARTICLE_VIEW, max_rows=self.max_rows)
        elif shown == "Cooperation / conflict":
            self._update_plot(self.filters())
        elif shown == "Map":
            self._update_map()
        elif shown == "Read an article":
            self._update_articles()

    def _update_map(self) -> None:
        """Draw the map of the filtered tables: one country chosen, its partners; two, their
        dyad; otherwise a line saying what to choose (drawn when the Map tab is shown)."""
        codes = tuple(self.countries.value)
        if len(codes) == 1:
            kind, draw = "partners", (lambda ax=None: maps.plot_partners(self._selected, codes[0], ax=ax))
        elif len(codes) == 2 and all(maps.on_map(c) for c in codes):
            kind, draw = "dyad", (lambda ax=None: maps.plot_dyad(self._selected, codes, ax=ax))
        else:
            self.map_title = ""
            why = ("is not on the map" if len(codes) == 2 else "")
            text = (f"{' or '.join(c for c in codes if not maps.on_map(c))} {why}: " if why else "") + (
                "Choose one country to map its partners, or two to map the events between them.")
            self.map.outputs = ({"output_type": "stream", "name": "stdout", "text": text + "\n"},)
            return
        # each kind of map drawn once, then redrawn on its own axes (the world's shapes kept, the
        # layout fixed): a filter change costs new colours and labels and one drawing
        fig = self.map_figures.get(kind)
        if fig is None:
            fig = getattr(draw(), "figure", None)
            fig.set_dpi(FIGURE_DPI)
            fig.canvas.draw()  # the layout, once
            fig.set_layout_engine("none")
            _close(fig)
            self.map_figures[kind] = fig
        else:
            draw(fig.axes[0])
        self.map_title = fig.axes[0].get_title()
        self.map.outputs = (figure_output(fig, tight=False),)

    def _update_plot(self, kw: dict[str, Any]) -> None:
        """Draw the cooperation / conflict chart of the filtered tables (when its tab is shown)."""
        if not self.show_plot:
            return
        countries = kw.get("countries") or []
        options: dict[str, Any] = {}
        if len(countries) == 1:
            options["country"] = countries[0]
        elif len(countries) == 2:
            options["dyad"] = tuple(countries)
        if len(self._selected.events) == 0:
            self.plot.outputs = ({"output_type": "stream", "name": "stdout", "text": "No events to plot.\n"},)
            return
        # the chart drawn before, updated in place when it covers the same months (a filter
        # change then costs one drawing of a figure whose layout is fixed, not a new figure)
        options["within"] = self._months_shown()
        if self.figure is not None and plots.redraw_cooperation_conflict(
                self.figure, self._selected, freq="M", when="published", **options):
            changing = plots.cooperation_conflict_changing(self.figure)
            self.plot.outputs = (figure_output(self.figure, tight=False, changing=changing),)
            return
        if self.figure is not None:
            _close(self.figure)
            self.figure = None
        # dated by the articles' publication, like the month slider (events may recall old dates)
        fig = plots.plot_cooperation_conflict(self._selected, freq="M", when="published", **options)
        fig = getattr(fig, "figure", fig)  # an Axes gives its Figure
        self.figure = fig
        fig.set_dpi(FIGURE_DPI)
        fig.canvas.draw()  # the layout, once
        fig.set_layout_engine("none")
        self.plot.outputs = (figure_output(fig, tight=False),)
        _close(fig)

    def _months_shown(self) -> Any:
        """The chart's range: the whole corpus's publication days (the same months whatever the
        filters), or "published" when the corpus has no dates."""
        if self._all_published is None:
            self._all_published = relations.published_bounds(self.data.articles) or "published"
        return self._all_published

    _all_published: Any = None

    def _update_articles(self) -> None:
        arts = self._selected.articles
        options = [(f"{r.id} — {r.title}" if isinstance(r.title, str) and r.title else str(r.id), r.id)
                   for r in arts[["id", "title"]].itertuples(index=False)]
        previous = self.article.value
        ids = [v for _, v in options]
        self._reading_paused = True
        try:
            self.article.options = options
            self.article.value = previous if previous in ids else (ids[0] if ids else None)
        finally:
            self._reading_paused = False
        self._read()

    def reading(self, article_id: str) -> str:
        """The reader's HTML for one article: its text with its rows of the corpus tables."""
        if article_id not in self._read_cache:
            d, one = self.data, {article_id}
            article = self.corpus.article(article_id)
            sent = filters.rows_of_articles(d.sentences, one)
            spans = list(zip(sent["start"].tolist(), sent["end"].tolist()))
            self._read_cache[article_id] = display.render_annotated(
                article, filters.rows_of_articles(d.mentions, one), filters.rows_of_articles(d.events, one),
                sentence_spans=spans)
        return self._read_cache[article_id]

    _reading_paused = False

    def _read(self, _change: dict[str, Any] | None = None) -> None:
        if self._reading_paused:
            return
        aid = self.article.value
        if aid is None:
            self.reader.value = "<p>No article matches the filters.</p>"
            return
        self.reader.value = self.reading(aid)

    # ------------------------------------------------------------------ static views

    def __repr__(self) -> str:
        kw = self.filters()
        said = "; ".join(f"{k}={v}" for k, v in kw.items()) or "none"
        return (f"<Explorer: {len(self._selected.articles)} of {len(self.data.articles)} articles, "
                f"{len(self._selected.events)} of {len(self.data.events)} events; filters: {said}>")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = self.static_html()
        return bundle

    def static_html(self) -> str:
        """What the explorer shows, as static HTML (for reports rendered without a kernel)."""
        self._refresh_tab("Events")
        return (f"<div class='tk-explorer'><p><i>Interactive explorer (run the notebook to use its filters).</i> "
                f"{self.summary.value}</p>{self.table.value}</div>")


def explore(corpus: Any, **kwargs: Any) -> Explorer:
    """An :class:`Explorer` over ``corpus`` (annotated first when it is not yet).

    ``countries=("RUS",)`` starts with those countries chosen (codes the corpus does not
    name, and None, are left out), ``plot=False`` leaves the chart out."""
    return Explorer(corpus, **kwargs)


class PartnersView(w.VBox):
    """A country selector that shows the country's partners (``toolkit.relations.partners``)
    and the sectors of its relations (``toolkit.relations.country_sector_matrix``)."""

    def __init__(self, corpus_or_data: Any, *, country: str | None = None):
        if hasattr(corpus_or_data, "events") and hasattr(corpus_or_data, "sentences") and not isinstance(
                corpus_or_data, tuple):
            _ensure_annotated(corpus_or_data)
            self.data = filters.tables(corpus_or_data)
        else:
            self.data = corpus_or_data
        opts = filters.options(self.data)
        choices = _choices(opts.get("countries", ()))
        self.country = w.Dropdown(options=choices, description="Country")
        self.partners = w.HTML()
        self.sectors = w.HTML()
        self.current: pd.DataFrame = pd.DataFrame()
        super().__init__(children=[self.country, w.HBox([self.partners, self.sectors])])
        values = [c[1] if isinstance(c, tuple) else c for c in choices]
        if country is not None and country in values:
            self.country.value = country
        self.country.observe(lambda _c: self.update(), names="value")
        self.update()

    def update(self) -> pd.DataFrame:
        code = self.country.value
        if code is None:
            self.current = pd.DataFrame()
            self.partners.value = self.sectors.value = ""
            return self.current
        self.current = relations.partners(self.data, code)
        self.partners.value = f"<h4>Partners of {html.escape(filters.name_of(code))}</h4>" + _frame_html(
            self.current, PARTNER_VIEW)
        matrix = relations.country_sector_matrix(self.data)
        row = matrix.loc[code] if code in matrix.index else pd.Series(dtype="int64")
        row = row[row > 0].sort_values(ascending=False) if len(row) else row
        row.index.name = "sector"
        self.sectors.value = "<h4>Sectors</h4>" + _frame_html(row.rename("events").to_frame())
        return self.current

    def __repr__(self) -> str:
        return f"<PartnersView: {self.country.value}, {len(self.current)} partners>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = (f"<p><i>Interactive partner view (run the notebook to choose a country).</i></p>"
                               f"<div style='display:flex;flex-wrap:wrap;gap:0 2em;align-items:flex-start'>"
                               f"<div>{self.partners.value}</div><div>{self.sectors.value}</div></div>")
        return bundle


#: Columns of a country's partners that the partner view shows.
PARTNER_VIEW = ["partner", "name_en", "events", "as_source", "as_target", "cooperation", "conflict", "score",
                "top_sectors", "first", "last"]


def _frame_html(df: pd.DataFrame, columns: Sequence[str] | None = None, max_rows: int = 10) -> str:
    if len(df) == 0:
        return "<p>none</p>"
    return display.table(df, columns, rows=max_rows)._repr_html_()


__all__ = ["Explorer", "explore", "PartnersView", "show", "table_html", "figure_output"]

"""HTML views of articles and annotations, and a keyword-in-context concordance.

Everything here returns plain strings or DataFrames, so the same views work in Jupyter
(``Article._repr_html_`` and ``Annotation._repr_html_`` call them), in scripts and in
static reports:

- :func:`render_article` -- title, a metadata line, headings and paragraphs;
- :func:`render_annotation` -- the text with every mention highlighted by type, a legend,
  tooltips (the ``title`` attribute: type, value, kind, role / country / speaker and the
  rule that made it) and, below, the events of the article;
- :func:`render_annotated` -- the same view from an Article and its rows of the corpus
  tables (what the explorer shows: nothing is annotated again);
- :func:`kwic` and :func:`render_kwic` -- a concordance of a word or phrase (matched on
  normalised Arabic, clitics allowed) or of every mention of one country.

The markup follows spaCy's displaCy (a right-to-left container with ``dir="rtl"``) and
keeps three promises: every piece of text is escaped (``html.escape`` with
``quote=True``); the output is deterministic (no random ids, addresses or timestamps:
the same input gives byte-identical HTML); and spans are properly nested, however the
mentions overlap (a country inside an organisation, countries inside a quotation).
Styles are one small ``<style>`` block scoped by the ``tk-`` class prefix; there are no
external resources and no JavaScript.
"""
from __future__ import annotations

import html
import re
from types import SimpleNamespace
from typing import Any, Iterable, Sequence

import pandas as pd

from toolkit.annotation import Annotation
from toolkit.arabic import is_arabic, normalize, normalize_key
from toolkit.language import is_arabic_text
from toolkit.filters import as_tables, main_country
from toolkit.layout import line_spans
from toolkit.lexicon import name_of
from toolkit.matcher import Entry, Gazetteer
from toolkit.schema import SENTENCES
from toolkit.tables import frame, is_missing, sentence_rows
from toolkit.text import split_sentences

#: Mention types with a colour of their own, in legend order: (background, border).
TYPE_COLOURS: dict[str, tuple[str, str]] = {
    "country": ("rgba(66,133,244,0.24)", "#1a73e8"),
    "person": ("rgba(234,67,53,0.20)", "#c5221f"),
    "organization": ("rgba(251,188,4,0.30)", "#b06000"),
    "place": ("rgba(3,155,229,0.16)", "#0277bd"),
    "date": ("rgba(52,168,83,0.24)", "#188038"),
    "duration": ("rgba(124,179,66,0.20)", "#558b2f"),
    "amount": ("rgba(161,66,244,0.20)", "#8430ce"),
    "ordinal": ("rgba(0,172,193,0.22)", "#00838f"),
    "quote": ("rgba(128,134,139,0.13)", "#5f6368"),
    "sector": ("rgba(233,30,99,0.14)", "#c2185b"),
}
#: The colour of any other type.
OTHER_COLOUR = ("rgba(158,158,158,0.22)", "#616161")
#: Languages written right to left.
RTL_LANGS = frozenset({"ar", "fa", "ur", "ps", "he", "yi", "ckb", "sd", "ug", "dv", "arz", "apc", "acm", "ary"})
#: Type-specific attributes shown in tooltips, in this order, when present.
TOOLTIP_ATTRS = ("role", "country", "speaker", "name_en", "qualifier", "unit", "currency")
#: Columns of the :func:`kwic` table.
KWIC_COLUMNS = ["article_id", "sentence", "left", "match", "right", "start", "end", "lang"]
#: Longest value shown in a tooltip (longer ones, such as a quotation's text, are cut).
MAX_VALUE_CHARS = 120

_CSS_NAME = re.compile(r"[^a-z0-9_-]+")


def _e(value: Any) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return html.escape(str(value), quote=True)


def _css(name: str) -> str:
    """A CSS-safe class suffix for a type name."""
    return _CSS_NAME.sub("-", str(name).lower()).strip("-") or "x"


def _style() -> str:
    rules = [
        ".tk-doc{line-height:2.1;font-size:1.02em;max-width:60em}",
        ".tk-doc .tk-title{font-size:1.25em;font-weight:bold;margin:0.2em 0}",
        ".tk-doc .tk-meta{font-size:0.85em;opacity:0.75;margin:0.1em 0 0.6em 0}",
        ".tk-doc .tk-meta .tk-sep{padding:0 0.4em}",
        ".tk-doc .tk-block{margin:0.35em 0;white-space:pre-wrap}",
        ".tk-doc .tk-h{font-weight:bold;font-size:1.08em;margin-top:0.8em}",
        ".tk-doc .tk-trailer{font-size:0.85em;opacity:0.7}",
        ".tk-doc .tk-legend{font-size:0.85em;margin:0.3em 0 0.5em 0}",
        ".tk-doc .tk-key{display:inline-block;margin:0 0.25em;padding:0 0.45em;border-radius:0.3em;line-height:1.7}",
        ".tk-doc .tk-m{padding:0.12em 0.05em;border-radius:0.2em;border-bottom:2px solid;"
        "box-decoration-break:clone;-webkit-box-decoration-break:clone}",
        ".tk-doc .tk-m.tk-quote{border-bottom-style:dashed}",
        ".tk-doc .tk-events{border-collapse:collapse;font-size:0.85em;margin-top:0.8em;line-height:1.5}",
        ".tk-doc .tk-events th,.tk-doc .tk-events td{border-bottom:1px solid rgba(128,128,128,0.35);"
        "padding:0.15em 0.5em;text-align:start}",
        ".tk-doc .tk-events caption{text-align:start;font-weight:bold}",
    ]
    for name, (bg, border) in list(TYPE_COLOURS.items()) + [("other", OTHER_COLOUR)]:
        rules.append(f".tk-doc .tk-{name}{{background:{bg};border-color:{border}}}")
    rules += [
        ".tk-kwic{border-collapse:collapse;font-size:0.95em;line-height:1.8}",
        ".tk-kwic th,.tk-kwic td{padding:0.1em 0.5em;white-space:nowrap;"
        "border-bottom:1px solid rgba(128,128,128,0.25)}",
        ".tk-kwic td.tk-c1{text-align:right}",
        ".tk-kwic td.tk-c3{text-align:left}",
        ".tk-kwic td.tk-kw{text-align:center;font-weight:bold;background:rgba(66,133,244,0.18)}",
        ".tk-kwic td.tk-id,.tk-kwic td.tk-sn{font-size:0.8em;opacity:0.75}",
    ]
    return "<style>" + "".join(rules) + "</style>"


STYLE = _style()


# --------------------------------------------------------------------------- helpers

def _direction(lang: str | None) -> str:
    return "rtl" if (lang or "").split("-")[0].lower() in RTL_LANGS else "ltr"


def _dir_attrs(lang: str | None) -> str:
    code = lang or "und"
    return f'dir="{_direction(code)}" lang="{_e(code)}"'


def _missing(value: Any) -> bool:
    """No value to show: missing (``toolkit.tables.is_missing``) or an empty text or sequence."""
    if isinstance(value, (str, tuple, list, dict)):
        return len(value) == 0
    return is_missing(value)


def _fmt(value: Any, limit: int = MAX_VALUE_CHARS) -> str:
    """A short, stable text form of a value (integral floats without ``.0``; sequences joined)."""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, (tuple, list)):
        text = ", ".join(_fmt(v, limit) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _blocks(text: str, article: Any, *, trailer: bool) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the blocks to show: ``title``, ``heading``, ``paragraph`` and,
    with ``trailer``, the remaining non-blank lines (trailer and publisher lines)."""
    blocks: list[tuple[int, int, str]] = []
    if article is not None and getattr(article, "text", None) == text:
        title_span = getattr(article, "title_span", None)
        if title_span is not None:
            blocks.append((title_span[0], title_span[1], "title"))
        blocks += [(s, e, "heading") for s, e in getattr(article, "headings", ())]
        blocks += [(s, e, "paragraph") for s, e in getattr(article, "paragraphs", ())]
    elif not trailer:
        blocks += [(s, e, "paragraph") for s, e in line_spans(text)]
    if trailer:
        taken = sorted((s, e) for s, e, _ in blocks)
        kind = "trailer" if blocks else "paragraph"
        for s, e in line_spans(text):
            if not any(a < e and s < b for a, b in taken):
                blocks.append((s, e, kind))
    return sorted(blocks)


_BLOCK_TAG = {"title": ("div", "tk-block tk-title"), "heading": ("div", "tk-block tk-h"),
              "paragraph": ("p", "tk-block tk-p"), "trailer": ("div", "tk-block tk-trailer"),
              "sentence": ("p", "tk-block tk-s")}


def _meta_line(meta: dict[str, Any]) -> str:
    """The metadata line: source (source_en), publisher, published (basis), language, ..."""
    parts: list[str] = []

    def add(label: str, value: Any, note: Any = None) -> None:
        if _missing(value):
            return
        text = f'<span class="tk-label">{_e(label)}:</span> <bdi>{_e(_fmt(value, 300))}</bdi>'
        if not _missing(note):
            text += f" (<bdi>{_e(_fmt(note, 300))}</bdi>)"
        parts.append(f"<span>{text}</span>")

    source_en = meta.get("source_en")
    add("source", meta.get("source"), source_en if source_en != meta.get("source") else None)
    add("publisher", meta.get("publisher"))
    add("published", meta.get("published"), meta.get("published_basis"))
    add("language", meta.get("language"))
    add("author", meta.get("author"))
    add("photo", meta.get("photo_credit"))
    add("url", meta.get("url"))
    add("id", meta.get("id"))
    if not parts:
        return ""
    return '<div class="tk-meta" dir="ltr" lang="en">' + '<span class="tk-sep">·</span>'.join(parts) + "</div>"


# --------------------------------------------------------------------------- articles

def render_article(article: Any) -> str:
    """An Article as HTML: the title, a metadata line, then its headings and paragraphs.

    The container carries ``dir`` and ``lang`` from the article's language; all text is
    escaped. Trailer lines are shown through the metadata line, not repeated.
    """
    text = article.text
    lang = getattr(article, "language", None)
    out = [STYLE, f'<div class="tk-doc tk-article" {_dir_attrs(lang)}>']
    title_span = getattr(article, "title_span", None)
    title = getattr(article, "title", None)
    if not _missing(title) and (title_span is None or text[title_span[0]:title_span[1]] != title):
        out.append(f'<div class="tk-title">{_e(title)}</div>')
    out.append(_meta_line(article.meta if hasattr(article, "meta") else {}))
    out.append('<div class="tk-text">')
    for s, e, kind in _blocks(text, article, trailer=False):
        tag, cls = _BLOCK_TAG[kind]
        out.append(f'<{tag} class="{cls}">{_e(text[s:e])}</{tag}>')
    out.append("</div></div>")
    return "".join(out)


# --------------------------------------------------------------------------- annotations

def tooltip(mention: Any) -> str:
    """The tooltip of a mention (unescaped): type and value, kind, role / country / speaker, rule."""
    head = mention.type
    if not _missing(mention.value):
        head += f": {_fmt(mention.value)}"
    lines = [head]
    if not _missing(mention.kind):
        lines.append(f"kind: {mention.kind}")
    attrs = getattr(mention, "attrs", {}) or {}
    for key in TOOLTIP_ATTRS:
        val = attrs.get(key)
        if not _missing(val):
            lines.append(f"{key}: {_fmt(val)}")
    if mention.rule:
        lines.append(f"rule: {mention.rule}")
    return "\n".join(lines)


def _open_tag(mention: Any, *, continued: bool = False) -> str:
    cls = _css(mention.type)
    if mention.type not in TYPE_COLOURS:
        cls += " tk-other"
    if continued:
        cls += " tk-cont"
    return (f'<span class="tk-m tk-{cls}" data-type="{_e(mention.type)}" '
            f'title="{_e(tooltip(mention))}">')


def _highlight(text: str, start: int, end: int, mentions: Sequence[Any]) -> str:
    """``text[start:end]`` escaped, with a span around every mention inside it.

    The text is cut at every mention boundary; spans open outermost first and close
    innermost first, so the markup is always well nested. When two mentions cross
    (neither contains the other), the inner span is closed at the boundary and reopened
    after it (marked ``tk-cont``).
    """
    clipped = []
    for order, m in enumerate(mentions):
        s, e = max(m.start, start), min(m.end, end)
        if s < e:
            clipped.append((s, e, order, m))
    points = sorted({start, end} | {s for s, _, _, _ in clipped} | {e for _, e, _, _ in clipped})
    opening: dict[int, list[tuple[int, int, int, Any]]] = {}
    for item in sorted(clipped, key=lambda c: (c[0], -c[1], c[2])):
        opening.setdefault(item[0], []).append(item)
    out: list[str] = []
    stack: list[tuple[int, int, int, Any]] = []
    for i, p in enumerate(points[:-1]):
        ended = [j for j, item in enumerate(stack) if item[1] <= p]
        if ended:
            k = ended[0]
            out.append("</span>" * (len(stack) - k))
            reopen = [item for item in stack[k:] if item[1] > p]
            del stack[k:]
            for item in reopen:
                out.append(_open_tag(item[3], continued=True))
                stack.append(item)
        for item in opening.get(p, []):
            out.append(_open_tag(item[3]))
            stack.append(item)
        out.append(_e(text[p:points[i + 1]]))
    out.append("</span>" * len(stack))
    return "".join(out)


def _legend(types: Iterable[str], counts: dict[str, int]) -> str:
    order = list(TYPE_COLOURS)
    keys = sorted(set(types), key=lambda t: (order.index(t) if t in order else len(order), t))
    if not keys:
        return ""
    items = []
    for t in keys:
        cls = _css(t) + ("" if t in TYPE_COLOURS else " tk-other")
        items.append(f'<span class="tk-key tk-{cls}"><bdi>{_e(t)}</bdi> {counts.get(t, 0)}</span>')
    return '<div class="tk-legend" dir="ltr" lang="en">' + "".join(items) + "</div>"


def _events_table(events: Sequence[Any], lang: str | None) -> str:
    if not events:
        return ""
    text_dir = _dir_attrs(lang)
    arrow_char = "←" if _direction(lang) == "rtl" else "→"
    rows = []
    for ev in events:
        arrow = f"{_fmt(ev.source)} → {_fmt(ev.target)}"
        # arrows are not mirrored by the bidi algorithm: in right-to-left text the source
        # stands on the right, so the arrow must point left
        who = ""
        if ev.source_text or ev.target_text:
            who = f"{_fmt(ev.source_text)} {arrow_char} {_fmt(ev.target_text)}"
        date = "" if _missing(ev.date) else _fmt(ev.date)
        rows.append(
            f'<tr title="{_e("rule: " + str(ev.rule))}">'
            f"<td>{_e(ev.sentence)}</td><td>{_e(arrow)}</td><td>{_e(ev.type)}</td><td>{_e(ev.mode)}</td>"
            f"<td>{_e(_fmt(ev.intensity))}</td><td>{_e(date)}</td>"
            f'<td {text_dir}>{_e(ev.evidence)}</td><td {text_dir}>{_e(who)}</td></tr>')
    head = ("<tr><th>sentence</th><th>source → target</th><th>type</th><th>mode</th>"
            "<th>intensity</th><th>date</th><th>evidence</th><th>actors as written</th></tr>")
    return (f'<table class="tk-events" dir="ltr" lang="en"><caption>events ({len(events)})</caption>'
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")


def render_annotation(ann: Any, *, types: Iterable[str] | None = None, show_legend: bool = True,
                      sentences: int | Iterable[int] | None = None, show_events: bool = True,
                      show_meta: bool = True) -> str:
    """An Annotation as HTML: the text with its mentions highlighted by type.

    ``types`` keeps only these mention types; ``sentences`` (an index or several) shows
    only those sentences, each as its own block, and only their events. Paragraphs,
    headings and the title keep their blocks; lines outside the body (trailer and
    publisher lines) are shown muted. The container has ``dir="rtl" lang="ar"`` for
    Arabic (``dir="ltr"`` for English), from ``ann.lang``. Every mention's ``title``
    attribute gives its type, value, kind, role / country / speaker and rule.

    Each block element (class ``tk-block``) holds exactly the text of its span, so the
    text content of the blocks, joined by newlines, is the article's non-blank lines.
    """
    return _render(ann.text, getattr(ann, "lang", None), getattr(ann, "article", None),
                   list(ann.mention_records), list(getattr(ann, "event_records", ())), list(ann.sentences),
                   types=types, show_legend=show_legend, sentences=sentences, show_events=show_events,
                   show_meta=show_meta)


_CORE_MENTION_FIELDS = frozenset({"article_id", "start", "end", "text", "type", "value", "kind", "sentence", "rule"})


def _row_records(df: pd.DataFrame | None, *, mentions: bool) -> list[Any]:
    """Table rows as light records with the attributes the renderer reads (``attrs`` for mentions)."""
    if df is None or not len(df):
        return []
    out = []
    for rec in df.to_dict("records"):
        rec = {k: (None if not isinstance(v, (list, dict, tuple)) and is_missing(v) else v) for k, v in rec.items()}
        if mentions:
            attrs = {k: v for k, v in rec.items() if k not in _CORE_MENTION_FIELDS and v is not None}
            out.append(SimpleNamespace(start=int(rec["start"]), end=int(rec["end"]), type=rec["type"],
                                       value=rec.get("value"), kind=rec.get("kind"), rule=rec.get("rule") or "",
                                       attrs=attrs))
        else:
            out.append(SimpleNamespace(**rec))
    return out


def render_annotated(article: Any, mentions: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                     **options: Any) -> str:
    """The annotation view of ``article`` from its rows of the corpus tables.

    ``mentions`` and ``events`` are the article's rows of ``Corpus.mentions`` and
    ``Corpus.events`` (other articles' rows are left out by ``article_id`` when present);
    sentences come from the rows' sentence spans as the pipeline made them. ``options`` are
    those of :func:`render_annotation`. Nothing is annotated here.
    """
    def own(df: pd.DataFrame | None) -> pd.DataFrame | None:
        if df is not None and "article_id" in df.columns:
            return df[df["article_id"] == article.id]
        return df

    ms = _row_records(own(mentions), mentions=True)
    evs = _row_records(own(events), mentions=False)
    spans = options.pop("sentence_spans", None)
    if spans is None:
        spans = list(split_sentences(article.text, article.regions))
    return _render(article.text, article.language, article, ms, evs, list(spans), **options)


def _render(text: str, lang: str | None, article: Any, mention_list: list[Any], events: list[Any],
            spans: list[tuple[int, int]], *, types: Iterable[str] | None = None, show_legend: bool = True,
            sentences: int | Iterable[int] | None = None, show_events: bool = True, show_meta: bool = True) -> str:
    wanted = None if types is None else ({types} if isinstance(types, str) else set(types))
    mentions = sorted((m for m in mention_list if m.end > m.start and (wanted is None or m.type in wanted)),
                      key=lambda m: (m.start, -m.end))
    if sentences is not None:
        chosen = sorted({sentences} if isinstance(sentences, int) else set(int(i) for i in sentences))
        bad = [i for i in chosen if not 0 <= i < len(spans)]
        if bad:
            raise IndexError(f"sentence {bad[0]} is out of range: the annotation has {len(spans)} sentences")
        blocks = [(spans[i][0], spans[i][1], "sentence", i) for i in chosen]
        keep = set(chosen)
        events = [ev for ev in events if ev.sentence in keep]
    else:
        blocks = [(s, e, kind, None) for s, e, kind in _blocks(text, article, trailer=True)]
    per_block = _by_block(mentions, [(s, e) for s, e, _, _ in blocks])
    counts: dict[str, int] = {}
    seen: set[int] = set()
    for inner in per_block:
        for m in inner:
            if id(m) not in seen:
                seen.add(id(m))
                counts[m.type] = counts.get(m.type, 0) + 1

    out = [STYLE, f'<div class="tk-doc tk-annotation" {_dir_attrs(lang)}>']
    if show_meta and article is not None:
        title = getattr(article, "title", None)
        title_span = getattr(article, "title_span", None)
        if not _missing(title) and (title_span is None or text[title_span[0]:title_span[1]] != title):
            out.append(f'<div class="tk-title">{_e(title)}</div>')
        if hasattr(article, "meta"):
            out.append(_meta_line(article.meta))
    if show_legend:
        out.append(_legend(counts, counts))
    out.append('<div class="tk-text">')
    for (s, e, kind, index), inner in zip(blocks, per_block):
        tag, cls = _BLOCK_TAG[kind]
        extra = f' data-sentence="{index}"' if index is not None else ""
        out.append(f'<{tag} class="{cls}" data-start="{s}" data-end="{e}"{extra}>'
                   f"{_highlight(text, s, e, inner)}</{tag}>")
    out.append("</div>")
    if show_events:
        out.append(_events_table(events, lang))
    out.append("</div>")
    return "".join(out)


def _by_block(mentions: list[Any], blocks: list[tuple[int, int]]) -> list[list[Any]]:
    """The mentions overlapping each block, in one sweep: mentions sorted by start, blocks in
    text order (as layouts and sentences are); a mention stays active while it can still
    overlap a later block."""
    out: list[list[Any]] = []
    active: list[Any] = []
    i = 0
    for s, e in blocks:
        while i < len(mentions) and mentions[i].start < e:
            active.append(mentions[i])
            i += 1
        active = [m for m in active if m.end > s]
        out.append([m for m in active if m.start < e])
    return out


# --------------------------------------------------------------------------- KWIC

def _script_lang(text: str) -> str:
    """``"ar"`` when the text is Arabic (``toolkit.language.is_arabic_text``), ``"en"`` for other
    letters, ``"und"`` without letters."""
    if not any(ch.isalpha() for ch in text):
        return "und"
    return "ar" if is_arabic_text(text) else "en"


def _tables(data: Any) -> tuple[pd.DataFrame, pd.DataFrame | None, dict[str, str]]:
    """(sentences, mentions or None, article id -> language) from a Corpus, an
    Annotation or any object with a ``sentences`` DataFrame."""
    if isinstance(data, Annotation):
        art = data.article
        aid = getattr(art, "id", None) or "text"
        sent = frame(SENTENCES, sentence_rows(aid, data.text, data.sentences))
        ments = data.mentions.assign(article_id=aid)
        return sent, ments, {aid: data.lang}
    sent = getattr(data, "sentences", None)
    if not isinstance(sent, pd.DataFrame):
        raise TypeError(f"kwic needs a Corpus, an Annotation or an object with a 'sentences' DataFrame, "
                        f"not {type(data).__name__}")
    missing = [c for c in ("article_id", "sentence", "start", "end", "text") if c not in sent.columns]
    if missing:
        raise ValueError(f"the sentences table lacks the column(s) {', '.join(missing)}")
    langs: dict[str, str] = {}
    arts = getattr(data, "articles", None)
    if isinstance(arts, pd.DataFrame) and {"id", "language"} <= set(arts.columns):
        langs = {str(i): str(lang) for i, lang in zip(arts["id"], arts["language"]) if not _missing(lang)}
    return sent, None, langs


def _query_finder(query: str):
    """A function: sentence text -> [(start, end)] of the query's whole-word matches."""
    key = " ".join(normalize_key(query).split())
    if not key:
        raise ValueError("the query is empty")
    if any(is_arabic(ch) for ch in key):
        article = "" if key.startswith("ال") and len(key) > 3 else "optional"
        gaz = Gazetteer([Entry(query, payload=query, lang="ar", article=article)])

        def find(text: str) -> list[tuple[int, int]]:
            # the whole word is the match: its clitics (و ل ب ...) included
            norm = normalize(text)
            return [norm.to_original(m.nstart - len(m.prefix), m.nend) for m in gaz.find(norm)]
    else:
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in key.split()) + r"(?!\w)", re.IGNORECASE)

        def find(text: str) -> list[tuple[int, int]]:
            norm = normalize(text)
            return [norm.to_original(*m.span()) for m in pattern.finditer(norm.text)]
    return find


def kwic(data: Any, query: str | None = None, *, window: int | None = 50, country: str | None = None,
         limit: int | None = None) -> pd.DataFrame:
    """A keyword-in-context concordance, one row per hit, within sentences.

    ``data`` is a Corpus (its ``sentences`` table; annotated if needed), an Annotation,
    or any object with a ``sentences`` DataFrame (article_id, sentence, start, end, text).
    ``query`` is a word or phrase matched on normalised text (hamza, diacritic and ة
    variants match) as a whole word; Arabic proclitics (و ف ب ل ك, and the article for a
    query without it) may come before it. English queries ignore case. Or give
    ``country="RUS"`` (no query) for every mention of that country (needs the mentions table).

    Columns: article_id, sentence, left, match, right, start, end (offsets of the match
    in the article), lang. ``left`` / ``right`` are at most ``window`` characters of the
    sentence before / after the match (the whole sentence when ``window`` is None).
    """
    if (query is None) == (country is None):
        raise ValueError("give either a query or country=..., not both and not neither")
    sent, ments, langs = _tables(data)
    order = {aid: i for i, aid in enumerate(dict.fromkeys(sent["article_id"]))}
    by_key = {(aid, int(i)): (int(s), str(t)) for aid, i, s, t in
              zip(sent["article_id"], sent["sentence"], sent["start"], sent["text"])}
    hits: list[tuple[Any, int, int, int]] = []  # article_id, sentence, start, end (in the article)
    if query is not None:
        find = _query_finder(query)
        for aid, i, s, t in zip(sent["article_id"], sent["sentence"], sent["start"], sent["text"]):
            for a, b in find(str(t)):
                hits.append((aid, int(i), int(s) + a, int(s) + b))
    else:
        if ments is None:
            ments = getattr(data, "mentions", None)
        if not isinstance(ments, pd.DataFrame):
            raise TypeError("country=... needs a mentions table "
                            "(a Corpus, an Annotation, or an object with 'mentions')")
        code = str(country).upper()
        rows = ments[(ments["type"] == "country") & (ments["value"] == code)]
        spans: dict[Any, list[tuple[int, int, int]]] = {}
        for (aid, i), (s, t) in by_key.items():
            spans.setdefault(aid, []).append((s, s + len(t), i))
        for aid, ms, me, sn in zip(rows["article_id"], rows["start"], rows["end"], rows["sentence"]):
            ms, me = int(ms), int(me)
            if _missing(sn) or (aid, int(sn)) not in by_key:
                found = [i for s, e, i in spans.get(aid, []) if s <= ms and me <= e]
                if not found:
                    raise ValueError(f"mention {ms}:{me} of article {aid!r} lies in no sentence of the sentences table")
                sn = found[0]
            hits.append((aid, int(sn), ms, me))
    hits.sort(key=lambda h: (order.get(h[0], len(order)), h[1], h[2], h[3]))
    if limit is not None:
        hits = hits[:limit]
    out = []
    for aid, i, ms, me in hits:
        s, t = by_key[(aid, i)]
        a, b = ms - s, me - s
        left, right = t[:a], t[b:]
        if window is not None:
            left, right = left[max(0, len(left) - window):], right[:window]
        out.append({"article_id": aid, "sentence": i, "left": left, "match": t[a:b], "right": right,
                    "start": ms, "end": me, "lang": langs.get(str(aid)) or _script_lang(t)})
    df = pd.DataFrame(out, columns=KWIC_COLUMNS)
    for col in ("sentence", "start", "end"):
        df[col] = df[col].astype("int64")
    return df


def render_kwic(df: pd.DataFrame) -> str:
    """A concordance table as HTML, keyword centred, right-to-left aware.

    The table is laid out left to right; an Arabic row puts its cells in reverse order,
    each with ``dir="rtl"``, so the text before the keyword stands on its right and the
    text after it on its left, and the row reads right to left. Everything is escaped.
    """
    rows = []
    for rec in df.to_dict("records"):
        left, match, right = (str(rec.get(c, "") if not _missing(rec.get(c)) else "")
                              for c in ("left", "match", "right"))
        lang = rec.get("lang")
        lang = str(lang) if not _missing(lang) else _script_lang(left + match + right)
        attrs = _dir_attrs(lang)
        before = f'<td class="tk-ctx tk-left" {attrs}>{_e(left)}</td>'
        kw = f'<td class="tk-kw" {attrs}>{_e(match)}</td>'
        after = f'<td class="tk-ctx tk-right" {attrs}>{_e(right)}</td>'
        first, third = (after, before) if _direction(lang) == "rtl" else (before, after)
        c1 = first.replace('class="tk-ctx', 'class="tk-c1 tk-ctx')
        c3 = third.replace('class="tk-ctx', 'class="tk-c3 tk-ctx')
        sid = "" if _missing(rec.get("sentence")) else _e(rec.get("sentence"))
        rows.append(f'<tr><td class="tk-id">{_e(rec.get("article_id", ""))}</td><td class="tk-sn">{sid}</td>'
                    f"{c1}{kw}{c3}</tr>")
    head = "<tr><th>article</th><th>sentence</th><th></th><th>match</th><th></th></tr>"
    return (f'{STYLE}<table class="tk-kwic" dir="ltr"><thead>{head}</thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


# --------------------------------------------------------------------------- readable tables

#: Cells longer than this many characters are shortened in :func:`table` (the full text a click away).
CELL_CHARS = 60

TABLE_STYLE = (
    "<style>"
    ".tk-tablewrap{max-width:100%;overflow-x:auto;margin:0.2em 0 0.6em 0}"
    ".tk-tablewrap table.tk-tbl{table-layout:auto;width:auto;max-width:100%;border-collapse:collapse;"
    "font-size:0.85em;margin:0;line-height:1.45}"
    ".tk-tablewrap .tk-tbl th,.tk-tablewrap .tk-tbl td{padding:0.2em 0.55em;vertical-align:top;text-align:start;"
    "white-space:normal;overflow-wrap:anywhere;max-width:32em;border-bottom:1px solid rgba(128,128,128,0.3)}"
    ".tk-tablewrap .tk-tbl th{font-weight:bold;border-bottom-width:2px}"
    ".tk-tablewrap .tk-tbl td.tk-num,.tk-tablewrap .tk-tbl th.tk-num{text-align:right;white-space:nowrap}"
    ".tk-tablewrap .tk-tbl details>summary{cursor:pointer}"
    ".tk-tablewrap .tk-tbl details[open]>summary{opacity:0.6}"
    ".tk-tablewrap .tk-count{font-size:0.8em;opacity:0.75;margin:0.1em 0}"
    ".tk-tablewrap .tk-caption{font-weight:bold;margin:0.2em 0}"
    "</style>"
)


def cell_text(value: Any) -> str:
    """How a table cell reads: lists joined with commas (``diplomacy, trade``), an evidence
    dict as ``article#sentence: text``, other dicts as ``key: value``, integral floats without
    ``.0``, other floats to three decimals, missing values empty; runs of spaces collapsed."""
    if isinstance(value, dict):
        if {"article_id", "sentence", "text"} <= set(value):
            text = f"{value['article_id']}#{value['sentence']}: {value['text']}"
        else:
            text = ", ".join(f"{k}: {cell_text(v)}" for k, v in value.items() if not _missing(v))
    elif isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ == "ndarray":
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        text = (" · " if any(isinstance(v, dict) for v in items) else ", ").join(cell_text(v) for v in items)
    elif isinstance(value, str):
        text = value
    elif _missing(value):
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else f"{value:.3f}".rstrip("0").rstrip(".")
    else:
        text = str(value)
    return " ".join(text.split())


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


class TableView:
    """A DataFrame made readable for a notebook or a report: cells shortened (the whole text a
    click away in a ``<details>`` element, and in the cell's ``title``), lists as
    ``a, b``, every text escaped and laid out in its own direction, the table wrapped to the
    page width. ``frame`` is the table shown (cells as text); ``total`` the rows before
    ``rows`` cut it. Its plain-text form is ``frame`` printed."""

    def __init__(self, frame: pd.DataFrame, full: pd.DataFrame, numeric: Sequence[bool], total: int, width: int,
                 caption: str = ""):
        self.frame = frame
        self.full = full
        self.numeric = list(numeric)
        self.total = total
        self.width = width
        self.caption = caption

    def __len__(self) -> int:
        return len(self.frame)

    def _count(self) -> str:
        n = len(self.frame)
        if self.total == 0:
            return "no rows"
        if n < self.total:
            return f"the first {n} of {self.total} rows"
        return ""

    def __repr__(self) -> str:
        count = self._count()
        head = f"{self.caption}\n" if self.caption else ""
        if not len(self.frame):
            return head + f"(no rows; columns: {', '.join(map(str, self.frame.columns))})"
        text = self.frame.to_string(index=False)
        return head + text + (f"\n({count})" if count else "")

    def _repr_html_(self) -> str:
        head = "".join(f'<th class="{"tk-num" if num else "tk-txt"}">{_e(col)}</th>'
                       for col, num in zip(self.frame.columns, self.numeric))
        body = []
        # rows from column lists: iterating arrow-backed columns cell by cell is slow
        short_rows = zip(*(self.frame.iloc[:, i].tolist() for i in range(self.frame.shape[1])))
        full_rows = zip(*(self.full.iloc[:, i].tolist() for i in range(self.full.shape[1])))
        if not self.frame.shape[1]:  # no columns: empty rows
            short_rows = full_rows = iter([()] * len(self.frame))
        for short_row, full_row in zip(short_rows, full_rows):
            cells = []
            for short, full, num in zip(short_row, full_row, self.numeric):
                if num:
                    cells.append(f'<td class="tk-num">{_e(short)}</td>')
                elif short != full:
                    cells.append(f'<td dir="auto" title="{_e(full)}"><details><summary>{_e(short)}</summary>'
                                 f"{_e(full)}</details></td>")
                else:
                    cells.append(f'<td dir="auto">{_e(short)}</td>')
            body.append("<tr>" + "".join(cells) + "</tr>")
        count = self._count()
        note = f'<p class="tk-count">{_e(count)}</p>' if count else ""
        caption = f'<p class="tk-caption">{_e(self.caption)}</p>' if self.caption else ""
        return (f'{TABLE_STYLE}<div class="tk-tablewrap">{caption}{note}<table class="tk-tbl"><thead><tr>{head}</tr>'
                f"</thead><tbody>{''.join(body)}</tbody></table></div>")


def table(df: pd.DataFrame | pd.Series, columns: Sequence[str] | None = None, *, rows: int | None = None,
          width: int = CELL_CHARS, caption: str = "") -> TableView:
    """``df`` (its ``columns``, its first ``rows``) as a :class:`TableView`: what a notebook
    shows instead of a wide DataFrame, with a ``caption`` line above it. A named index (a
    period, a country) becomes the first column(s); an unnamed one is left out. Columns asked
    for but absent are left out."""
    if isinstance(df, pd.Series):
        df = df.to_frame(df.name if df.name is not None else "value")
    if any(name is not None for name in df.index.names):
        df = df.reset_index()
    if columns is not None:
        df = df[[c for c in columns if c in df.columns]]
    total = len(df)
    shown = df.head(rows) if rows is not None else df
    numeric = [pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c])
               for c in shown.columns]
    full = pd.DataFrame({c: [cell_text(v) for v in shown[c].tolist()] for c in shown.columns}, columns=shown.columns)
    short = pd.DataFrame({c: [_short(v, width) for v in full[c]] for c in full.columns}, columns=full.columns)
    return TableView(short, full, numeric, total, width, caption)


# --------------------------------------------------------------------------- prose

class Prose:
    """A few sentences of Markdown made from the data (what a notebook says about the corpus
    or the article it shows); in a notebook it renders as Markdown, in plain text it is itself."""

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(value: Any) -> str:
    """``value`` as literal Markdown text inside a sentence: HTML escaped, the characters that
    mark emphasis, code, links and tables backslashed, runs of spaces collapsed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(value).split()), quote=False))


def md_code(value: Any) -> str:
    """``value`` as a Markdown code span (an id, a code): backticks inside become quotes."""
    return "`" + " ".join(str(value).split()).replace("`", "'") + "`"


def _names(pairs: Iterable[tuple[str, int]], limit: int, unit: str = "mentions") -> str:
    items = [f"{md(name)} ({n}{' ' + (unit if n != 1 else unit.rstrip('s')) if i == 0 else ''})"
             for i, (name, n) in enumerate(list(pairs)[:limit])]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_LANGUAGES = {"ar": "Arabic", "en": "English", "fr": "French", "fa": "Persian", "tr": "Turkish", "ru": "Russian",
              "und": "undetermined"}


def describe_article(article: Any, ann: Any = None, *, why: str | None = None) -> Prose:
    """What a notebook says about the article it shows, from its metadata and annotations:
    its title, source, date (and how the date was found), length; the countries and people
    it names most; its events; and ``why`` it was chosen. Every value is escaped."""
    def known(v: Any) -> bool:
        return not _missing(v)

    meta = article.meta if hasattr(article, "meta") else {}
    lang = meta.get("language")
    first = f"The article shown is {md_code(article.id)}"
    if known(meta.get("title")):
        first += f", *{md(meta['title'])}*"
    bits = []
    if known(lang):
        bits.append(f"in {_LANGUAGES.get(str(lang), md(lang))}")
    if known(meta.get("source")):
        src = md(meta["source"])
        if known(meta.get("source_en")) and meta.get("source_en") != meta.get("source"):
            src += f" ({md(meta['source_en'])})"
        bits.append(f"from {src}")
    if known(meta.get("published")):
        date = f"published {md(meta['published'])}"
        if known(meta.get("published_basis")):
            date += f" ({md(meta['published_basis'])})"
        bits.append(date)
    for key, label in (("publisher", "publisher"), ("photo_credit", "photo")):
        if known(meta.get(key)):
            bits.append(f"{label}: {md(meta[key])}")
    text = getattr(article, "text", "") or ""
    paragraphs = len(getattr(article, "paragraphs", ()) or ())
    lines = [first + (", " + ", ".join(bits) if bits else "") +
             f": {len(text):,} characters in {paragraphs} paragraph{'s' if paragraphs != 1 else ''}."]
    if ann is not None:
        m = ann.mentions
        countries = m[m["type"] == "country"]["value"].dropna().astype(str).value_counts()
        named = [(name_of(c), int(n)) for c, n in countries.items()]
        people = m[m["type"] == "person"]
        person_names = [(nm if isinstance(nm, str) and nm else str(v), int(n)) for (v, nm), n in
                        people.groupby(["value", "name_en"], dropna=False, sort=False).size()
                        .sort_values(ascending=False, kind="stable").items()] if len(people) else []
        said = []
        if named:
            said.append(f"it names {len(named)} countr{'ies' if len(named) != 1 else 'y'}, most often "
                        f"{_names(named, 3)}")
        else:
            said.append("it names no country")
        said.append(f"the people it names are {_names(person_names, 4)}" if person_names else "it names no person")
        n_events = len(ann.events)
        if n_events:
            types = ann.events["type"].astype(str).value_counts()
            said.append(f"the annotators find {n_events} event{'s' if n_events != 1 else ''} between countries "
                        f"(most often {md(types.index[0])})")
        else:
            said.append("the annotators find no event between countries in it")
        lines.append(said[0][0].upper() + "; ".join(said)[1:] + ".")
    if why:
        lines.append(f"Why this article: {why}.")
    return Prose("\n\n".join(lines))


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def describe_corpus(data: Any) -> Prose:
    """What a corpus holds, in two sentences made from its tables (a Corpus or
    ``toolkit.filters.Tables``): articles, languages, dates; mentions, events, and the country
    named in most articles."""
    t = as_tables(data)
    a = t.articles
    langs = a["language"].dropna().astype(str).value_counts()
    lang_text = ", ".join(f"{_LANGUAGES.get(k, md(k))} {n:,}" for k, n in langs.items())
    dates = a["published"].dropna().astype(str)
    first = _plural(len(a), "article")
    if lang_text:
        first += f" ({lang_text})"
    if len(dates):
        first += f", published from {md(dates.min())} to {md(dates.max())}"
        undated = len(a) - len(dates)
        if undated:
            first += f" ({_plural(undated, 'article')} without a date)"
    no_text = int((a["n_chars"].fillna(0) == 0).sum()) if "n_chars" in a.columns else 0
    if no_text:
        first += f"; {_plural(no_text, 'article')} without a text"
    kinds = t.mentions["type"].astype(str).value_counts()
    second = f"The annotators found {_plural(len(t.mentions), 'mention')}"
    if len(kinds):
        listed = ", ".join(f"{md(k)} {n:,}" for k, n in kinds.head(6).items())
        second += f" ({listed}{'…' if len(kinds) > 6 else ''})"
    second += f" and {_plural(len(t.events), 'event row')} between countries"
    code = main_country(t)
    if code is not None:
        m = t.mentions
        n_art = m.loc[(m["type"] == "country") & (m["value"] == code), "article_id"].nunique()
        second += (f"; the country named in most articles is {md(name_of(code))} "
                   f"({md_code(code)}, {n_art:,} of {len(a):,})")
    else:
        second += "; no article names a country"
    return Prose(f"This corpus holds {first}. {second}.")


def describe_country(data: Any, code: str | None, *, asked: str | None = None) -> Prose:
    """Which country a notebook studies and why: the one asked for (``asked``), or the
    country named in most articles when none was asked for; its articles, mentions and
    events; a sentence saying that the sections on one country are empty when there is none."""
    t = as_tables(data)
    if code is None:
        return Prose("No article of this corpus names a country, so the sections about one country "
                     "below have nothing to show.")
    m = t.mentions
    hit = m[(m["type"].isin(("country", "organization"))) & (m["value"] == code)]
    ev = t.events
    n_ev = int(((ev["source"] == code) | (ev["target"] == code)).sum())
    facts = (f"named in {hit['article_id'].nunique():,} of the {len(t.articles):,} articles "
             f"({_plural(len(hit), 'mention')}) and in {_plural(n_ev, 'event row')}")
    if asked is not None and asked == code:
        why = "the country asked for (the COUNTRY parameter)"
    elif asked is not None:
        why = (f"the country named in most articles, since {md_code(asked)} (the COUNTRY parameter) is not named "
               "in this corpus")
    else:
        why = "the country named in most articles (COUNTRY is None)"
    return Prose(f"The country studied below is **{md(name_of(code))}** ({md_code(code)}), {facts}. It is {why}.")


def default_query(data: Any) -> str | None:
    """A word worth reading in context in ``data``: the trigger most events were found by,
    else the most frequent sector word, else the most frequent country name as written;
    None when the corpus has none of these."""
    events = getattr(data, "events", None)
    if isinstance(events, pd.DataFrame) and len(events):
        words = events["evidence"].dropna().astype(str).str.strip()
        words = words[words != ""]
        if len(words):
            return str(words.value_counts().index[0])
    mentions = getattr(data, "mentions", None)
    if isinstance(mentions, pd.DataFrame):
        for kind in ("sector", "country"):
            texts = mentions.loc[mentions["type"] == kind, "text"].dropna().astype(str)
            if len(texts):
                return str(texts.value_counts().index[0])
    return None


__all__ = ["render_article", "render_annotation", "render_annotated", "kwic", "render_kwic", "tooltip",
           "TYPE_COLOURS", "KWIC_COLUMNS", "table", "TableView", "cell_text", "Prose", "md", "describe_article",
           "default_query", "md_code", "describe_corpus", "describe_country", "CELL_CHARS"]

"""Fuzz: no payload in a text, a metadata field, a mention or an event ever becomes markup.

The HTML of ``render_article``, ``render_annotation``, ``render_annotated`` and ``render_kwic``
is parsed with ``html.parser``: every tag must be one the renderer writes, with attributes it
writes (no ``on*`` handler, no comment, declaration or processing instruction), properly
nested; and the text content must be the input, unescaped once by the parser: each block
holds exactly its span of the text, each tooltip exactly the mention's tooltip, each
concordance cell exactly its context.
"""
from __future__ import annotations

import dataclasses
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzzing import fuzz, hostile_text, payloads  # noqa: E402

import toolkit  # noqa: E402
from toolkit import display  # noqa: E402
from toolkit.annotation import Annotation  # noqa: E402
from toolkit.layout import from_text  # noqa: E402
from toolkit.model import Event, Mention  # noqa: E402

#: The elements and attributes the renderers write (toolkit/display.py).
TAGS = {"style", "div", "p", "span", "bdi", "table", "caption", "thead", "tbody", "tr", "th", "td"}
ATTRS = {"class", "dir", "lang", "title", "data-type", "data-start", "data-end", "data-sentence"}
META = ("title", "source", "publisher", "author", "url", "photo_credit")


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs, self.children, self.parts = tag, attrs, [], []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class Strict(HTMLParser):
    """Builds the element tree; fails on anything the renderers never write."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        assert tag in TAGS, f"unexpected element <{tag}>"
        names = [name for name, _ in attrs]
        assert len(names) == len(set(names)), f"repeated attribute in <{tag}>: {names}"
        for name, value in attrs:
            assert name in ATTRS, f"unexpected attribute {name}={value!r} on <{tag}>"
            assert value is not None, f"attribute {name} without a value on <{tag}>"
        el = Element(tag, dict(attrs))
        self.stack[-1].children.append(el)
        self.stack[-1].parts.append(el)
        self.stack.append(el)

    def handle_endtag(self, tag):
        assert len(self.stack) > 1 and self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_startendtag(self, tag, attrs):
        raise AssertionError(f"self-closing <{tag}/>: the renderers write none")

    def handle_data(self, data):
        self.stack[-1].parts.append(data)

    def handle_comment(self, data):
        raise AssertionError(f"a comment <!--{data}--> became markup")

    def handle_decl(self, decl):
        raise AssertionError(f"a declaration <!{decl}> became markup")

    def unknown_decl(self, data):
        raise AssertionError(f"a declaration <![{data}]> became markup")

    def handle_pi(self, data):
        raise AssertionError(f"a processing instruction <?{data}> became markup")


def parse(html: str) -> Element:
    parser = Strict()
    parser.feed(html)
    parser.close()
    assert parser.stack == [parser.root], f"unclosed: {[e.tag for e in parser.stack[1:]]}"
    styles = [el for el in parser.root.walk() if el.tag == "style"]
    assert len(styles) == 1 and "<style>" + styles[0].text() + "</style>" == display.STYLE
    return parser.root


def meta_value(value: str) -> str:
    """A metadata value as the metadata line shows it (white space collapsed, at most 300 characters)."""
    text = " ".join(value.split())
    return text if len(text) <= 300 else text[:299] + "…"


@st.composite
def articles(draw):
    chunks = draw(st.lists(st.one_of(hostile_text(8), payloads()), min_size=1, max_size=8))
    text = draw(st.sampled_from(["\n\n", "\n", " "])).join(chunks)
    article = from_text(text)
    meta = {k: draw(st.one_of(st.none(), payloads())) for k in META}
    lang = draw(st.sampled_from([None, "ar", "en", "ar-SA"]) | payloads())
    return dataclasses.replace(article, id=draw(payloads()), language=lang, **meta)


def check_meta(root: Element, article) -> None:
    shown = "".join(el.text() for el in root.walk() if "tk-meta" in el.classes)
    for key in ("source", "publisher", "author", "url", "photo_credit"):
        value = getattr(article, key)
        if value and value.strip():
            assert meta_value(value) in shown, (key, value)
    titles = [el.text() for el in root.walk() if el.classes == {"tk-title"}]
    if titles:
        assert titles == [article.title]


def check_text_blocks(root: Element, text: str, *, spans: bool) -> list[Element]:
    blocks = [el for el in root.walk() if "tk-block" in el.classes]
    pos = 0
    for el in blocks:
        got = el.text()
        if spans:
            s, e = int(el.attrs["data-start"]), int(el.attrs["data-end"])
            assert got == text[s:e], (got, text[s:e])
        else:
            found = text.find(got, pos)
            assert found >= 0, (got, text)
            pos = found + len(got)
    return blocks


@fuzz(40)
@given(article=articles())
def test_render_article_escapes_everything(article):
    root = parse(display.render_article(article))
    check_meta(root, article)
    check_text_blocks(root, article.text, spans=False)
    doc = next(el for el in root.walk() if "tk-doc" in el.classes)
    assert doc.attrs["lang"] == (article.language or "und")


@st.composite
def annotations(draw):
    article = draw(articles())
    real = toolkit.annotate(article)
    n = len(article.text)
    mentions = list(real.mention_records)
    for _ in range(draw(st.integers(0, 4))):
        if n == 0:
            break
        s = draw(st.integers(0, n - 1))
        e = draw(st.integers(s + 1, min(n, s + 40)))
        mentions.append(Mention(s, e, article.text[s:e], draw(st.sampled_from(["country", "quote"]) | payloads()),
                                draw(payloads() | st.integers()), kind=draw(st.none() | payloads()),
                                rule=draw(payloads()), attrs={"role": draw(payloads()), "speaker": draw(payloads())}))
    events = list(real.event_records)
    sentences = real.sentences
    if sentences and draw(st.booleans()):
        i = draw(st.integers(0, len(sentences) - 1))
        p = payloads()
        events.append(Event(draw(p), draw(p), draw(p), draw(p), "", 1, draw(st.floats(-10, 10)), draw(p), (draw(p),),
                            i, sentences[i][0], sentences[i][1], draw(p), draw(p), source_text=draw(p),
                            target_text=draw(p)))
    return Annotation(text=real.text, lang=real.lang, mention_records=tuple(mentions), event_records=tuple(events),
                      article=article, sentences=sentences), real


@fuzz(40)
@given(pair=annotations())
def test_render_annotation_escapes_everything(pair):
    ann, real = pair
    root = parse(display.render_annotation(ann))
    check_meta(root, ann.article)
    check_text_blocks(root, ann.text, spans=True)
    tooltips = {display.tooltip(m) for m in ann.mention_records}
    marks = [el for el in root.walk() if "tk-m" in el.classes]
    assert {el.attrs["title"] for el in marks} <= tooltips
    assert {el.attrs["data-type"] for el in marks} <= {m.type for m in ann.mention_records}
    rows = [el for el in root.walk() if el.tag == "tr" and "title" in el.attrs]
    assert [el.attrs["title"] for el in rows] == [f"rule: {ev.rule}" for ev in ann.event_records]
    for el, ev in zip(rows, ann.event_records):
        cells = [c.text() for c in el.children]
        assert cells[0] == str(ev.sentence) and cells[2] == ev.type and cells[6] == ev.evidence
    # the explorer's view, from the table rows of the real annotation
    root = parse(display.render_annotated(real.article, real.mentions, real.events))
    check_text_blocks(root, real.text, spans=True)


@st.composite
def concordances(draw):
    rows = []
    for i in range(draw(st.integers(0, 5))):
        rows.append({"article_id": draw(payloads()), "sentence": draw(st.integers(0, 99)), "left": draw(payloads()),
                     "match": draw(payloads()), "right": draw(payloads()), "start": i, "end": i + 1,
                     "lang": draw(st.sampled_from(["ar", "en", None]) | payloads())})
    return pd.DataFrame(rows, columns=display.KWIC_COLUMNS)


@fuzz(40)
@given(df=concordances())
def test_render_kwic_escapes_everything(df):
    root = parse(display.render_kwic(df))
    rows = [el for el in root.walk() if el.tag == "tr" and el.children and el.children[0].tag == "td"]
    assert len(rows) == len(df)
    for el, rec in zip(rows, df.to_dict("records")):
        cells = [c.text() for c in el.children]
        assert cells[0] == rec["article_id"] and cells[1] == str(rec["sentence"]) and cells[3] == rec["match"]
        assert sorted([cells[2], cells[4]]) == sorted([rec["left"], rec["right"]])


@fuzz(15)
@given(article=articles(), query=st.sampled_from(["روسيا", "السعودية", "Russia", "<script>", "&", "الرياض"]))
def test_kwic_of_a_real_annotation_escapes_everything(article, query):
    ann = toolkit.annotate(article)
    df = display.kwic(ann, query)
    root = parse(display.render_kwic(df))
    matches = [c.text() for el in root.walk() if el.tag == "tr" for c in el.children if "tk-kw" in c.classes]
    assert matches == list(df["match"])

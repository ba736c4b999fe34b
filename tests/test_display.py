"""HTML views and the KWIC concordance: escaping, direction, determinism, nesting, text fidelity."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import toolkit
from toolkit.corpus import Corpus
from toolkit.display import KWIC_COLUMNS, kwic, render_annotation, render_article, render_kwic
from toolkit.model import Mention
from toolkit.annotation import Annotation

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Checker(HTMLParser):
    """Parses HTML, tracking the stack of open tags; collects errors and element texts.

    An error is: an end tag that does not close the innermost open element, a
    self-closing non-void tag, or elements still open at the end. ``elements`` holds,
    for every closed element, (tag, attributes, text content) with entities unescaped.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.errors: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None], str]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs), []))

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        name, attrs, parts = self.stack.pop()
        self.elements.append((name, attrs, "".join(parts)))

    def handle_data(self, data):
        self.data.append(data)
        for _, _, parts in self.stack:
            parts.append(data)

    def finish(self) -> "Checker":
        self.close()
        if self.stack:
            self.errors.append("unclosed: " + ", ".join(t for t, _, _ in self.stack))
        return self

    def with_class(self, cls: str) -> list[tuple[str, dict[str, str | None], str]]:
        return [el for el in self.elements if cls in (el[1].get("class") or "").split()]


def check(markup: str) -> Checker:
    checker = Checker()
    checker.feed(markup)
    checker.finish()
    assert checker.errors == []
    return checker


def nonblank_lines(text: str) -> list[str]:
    """What the blocks of render_annotation must hold: every non-blank line, trimmed, in order."""
    return [line.strip() for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Annotation:
    return toolkit.annotate(toolkit.load_article(seed_path))


def _evil_article(lang: str = "en"):
    if lang == "en":
        text = (f"Russia and Iran signed a deal {SCRIPT} in Moscow.\n"
                f"The \"quoted\" & 'single' {IMG} talks with Turkey went on.\nSource: {SCRIPT}")
    else:
        text = f"وقعت روسيا وإيران اتفاقاً {SCRIPT} في موسكو.\nوبحثت تركيا {IMG} التعاون مع روسيا."
    return toolkit.from_text(text, meta={"title": f"Title {SCRIPT}{IMG}", "source": f"src {IMG}{SCRIPT}",
                                         "publisher": SCRIPT})


def _assert_no_raw_tags(markup: str) -> None:
    low = markup.lower()
    assert "<script" not in low and "<img" not in low
    assert "&lt;script&gt;" in markup and "&lt;img src=x onerror=alert(1)&gt;" in markup


# --------------------------------------------------------------------------- escaping

@pytest.mark.parametrize("lang", ["en", "ar"])
def test_render_article_escapes_everything(lang: str) -> None:
    article = _evil_article(lang)
    markup = render_article(article)
    _assert_no_raw_tags(markup)
    parsed = check(markup)
    assert f"Title {SCRIPT}{IMG}" in "".join(parsed.data)       # the title, unescaped, is the text
    assert f"src {IMG}{SCRIPT}" in "".join(parsed.data)         # so is the source
    assert article._repr_html_() == markup


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_render_annotation_escapes_everything(lang: str) -> None:
    ann = toolkit.annotate(_evil_article(lang))
    assert ann.mention_records  # there are tooltips to escape too
    markup = render_annotation(ann)
    _assert_no_raw_tags(markup)
    check(markup)
    assert ann._repr_html_() == markup


def test_tooltip_attribute_cannot_be_broken_out_of() -> None:
    text = "Russia & Iran"
    evil = '" onmouseover="alert(1)" x="<b>'
    m = Mention(0, 6, "Russia", "country", evil, kind="name", rule=f"rule {SCRIPT}", attrs={"role": IMG})
    ann = Annotation(text=text, lang="en", mention_records=(m,), event_records=())
    markup = render_annotation(ann)
    _assert_no_raw_tags(markup)
    parsed = check(markup)
    (span,) = parsed.with_class("tk-m")
    assert set(span[1]) == {"class", "data-type", "title"}  # no injected attribute
    assert evil in span[1]["title"] and f"rule {SCRIPT}" in span[1]["title"] and IMG in span[1]["title"]
    assert "&amp;" in markup and " & " not in markup.split("</style>", 1)[1]


def test_render_kwic_escapes_everything() -> None:
    for lang in ("en", "ar"):
        corpus = Corpus.from_articles([_evil_article(lang)])
        words = ("Moscow", "Turkey") if lang == "en" else ("موسكو", "تركيا")
        df = pd.concat([kwic(corpus, w, window=None) for w in words], ignore_index=True)
        assert len(df) == 2
        markup = render_kwic(df)
        _assert_no_raw_tags(markup)
        check(markup)
        assert "&lt;" in render_kwic(kwic(corpus, None, country="RUS"))


# --------------------------------------------------------------------------- direction

def test_arabic_is_right_to_left_and_english_left_to_right(seed: Annotation) -> None:
    doc = check(render_annotation(seed)).with_class("tk-doc")
    assert doc[0][1]["dir"] == "rtl" and doc[0][1]["lang"] == "ar"
    en = toolkit.annotate("Russia and Turkey agreed to expand trade, the ministers said in Ankara.", lang="en")
    doc = check(render_annotation(en)).with_class("tk-doc")
    assert doc[0][1]["dir"] == "ltr" and doc[0][1]["lang"] == "en"
    art = check(render_article(seed.article)).with_class("tk-doc")
    assert art[0][1]["dir"] == "rtl" and art[0][1]["lang"] == "ar"


def test_event_actors_arrow_points_from_source_in_rtl(seed: Annotation) -> None:
    parsed = check(render_annotation(seed))
    rtl_cells = [text for tag, attrs, text in parsed.elements if tag == "td" and attrs.get("dir") == "rtl"]
    assert any("←" in t for t in rtl_cells) and not any("→" in t for t in rtl_cells)


# --------------------------------------------------------------------------- determinism

def test_rendering_is_deterministic(seed: Annotation, seed_path: Path) -> None:
    first = render_annotation(seed)
    again = render_annotation(toolkit.annotate(toolkit.load_article(seed_path)))
    assert first == again == render_annotation(seed)
    assert render_article(seed.article) == render_article(toolkit.load_article(seed_path))
    table = kwic(seed, "روسيا")
    assert render_kwic(table) == render_kwic(kwic(seed, "روسيا"))
    for markup in (first, render_article(seed.article), render_kwic(table)):
        assert not re.search(r"0x[0-9a-fA-F]{4,}", markup)
        assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", markup)
        assert not re.search(r"\bid=", markup)


# --------------------------------------------------------------------------- nesting and text

def test_seed_parses_and_holds_every_mention(seed: Annotation) -> None:
    parsed = check(render_annotation(seed))
    spans = parsed.with_class("tk-m")
    assert len(spans) == len(seed.mention_records)  # no crossings in the seed: one span each
    found = {(text, attrs["data-type"], attrs["title"]) for _, attrs, text in spans}
    for m in seed.mention_records:
        hits = [f for f in found if f[0] == m.text and f[1] == m.type and f"rule: {m.rule}" in f[2]]
        assert hits, m
        if m.type in ("country", "person", "organization", "date"):
            assert any(f"{m.type}: {m.value}" in f[2] for f in hits)
    # nested: an organisation holding a country, a quote holding sectors
    inner = [(o, i) for o in seed.mention_records for i in seed.mention_records
             if o is not i and o.start <= i.start and i.end <= o.end and (o.start, o.end) != (i.start, i.end)]
    assert {(o.type, i.type) for o, i in inner} >= {("organization", "country"), ("quote", "sector")}


def test_block_text_is_the_article_text(seed: Annotation) -> None:
    """Compared: the text content of the tk-block elements (tags stripped, entities
    unescaped), in document order, against the non-blank lines of ``ann.text`` trimmed
    of white space; and each block's text against ``ann.text[data-start:data-end]``."""
    parsed = check(render_annotation(seed))
    blocks = sorted(parsed.with_class("tk-block"), key=lambda b: int(b[1]["data-start"]))
    assert [text for _, _, text in blocks] == nonblank_lines(seed.text)
    for _, attrs, text in blocks:
        assert text == seed.text[int(attrs["data-start"]):int(attrs["data-end"])]
    kinds = [attrs["class"].split()[1] for _, attrs, _ in blocks]
    assert kinds.count("tk-h") == len(seed.article.headings) == 2
    assert kinds.count("tk-trailer") == 3  # publisher, photo and source lines


def test_crossing_mentions_nest_and_keep_the_text() -> None:
    text = "alpha beta gamma delta\nsecond <line> & more"
    ms = (Mention(0, 10, text[0:10], "organization", "ORG", rule="r1"),
          Mention(6, 16, text[6:16], "quote", "Q", rule="r2"),
          Mention(6, 10, text[6:10], "country", "XXX", rule="r3"),
          Mention(20, 30, text[20:30], "person", "P", rule="r4"))  # crosses the line break
    ann = Annotation(text=text, lang="en", mention_records=ms, event_records=())
    parsed = check(render_annotation(ann))
    assert [t for _, _, t in parsed.with_class("tk-block")] == nonblank_lines(text)
    assert parsed.with_class("tk-cont")  # the crossing span was closed and reopened
    by_rule: dict[str, str] = {}
    for _, attrs, t in parsed.with_class("tk-m"):
        rule = attrs["title"].rsplit("rule: ", 1)[1]
        by_rule[rule] = by_rule.get(rule, "") + t
    assert by_rule == {"r1": "alpha beta", "r2": "beta gamma", "r3": "beta", "r4": "ta" + "second "}


def test_types_and_sentences_filters(seed: Annotation) -> None:
    only = check(render_annotation(seed, types=["country"], show_legend=False))
    assert {a["data-type"] for _, a, _ in only.with_class("tk-m")} == {"country"}
    assert not only.with_class("tk-legend")
    one = check(render_annotation(seed, sentences=[3, 0]))
    assert [t for _, _, t in one.with_class("tk-block")] == [seed.sentence_text(0), seed.sentence_text(3)]
    legend = "".join(t for _, _, t in one.with_class("tk-legend"))
    assert "person 2" in legend
    with pytest.raises(IndexError):
        render_annotation(seed, sentences=[999])


def test_render_article_blocks_and_metadata(seed: Annotation) -> None:
    article = seed.article
    parsed = check(render_article(article))
    blocks = [t for _, _, t in parsed.with_class("tk-block")]
    assert blocks == [article.text[s:e] for s, e in sorted(article.headings + article.paragraphs)]
    meta = "".join(t for _, _, t in parsed.with_class("tk-meta"))
    for part in ("تاس", "TASS", article.publisher, "2025-04-25", "inferred from", "ar"):
        assert part in meta


# --------------------------------------------------------------------------- KWIC

AR_SENTENCES = [
    "قال الوزير إن روسيا وإيران تعملان معاً.",
    "وأكدت وروسيا ولروسيا مصالح في المنطقة.",
    "وصلت الطائرة لروسيّا أمس، وزار أيران الوزير.",
    "الروسية والروسي وروسيان ليست روسيا.",
]


def _tables() -> SimpleNamespace:
    rows, pos = [], 0
    for i, s in enumerate(AR_SENTENCES):
        rows.append({"article_id": "a", "sentence": i, "start": pos, "end": pos + len(s), "text": s})
        pos += len(s) + 1
    rows.append({"article_id": "b", "sentence": 0, "start": 0, "end": 33, "text": "Russia and RUSSIA met russians."})
    return SimpleNamespace(sentences=pd.DataFrame(rows))


def test_kwic_matches_clitics_and_variants() -> None:
    tables = _tables()
    df = kwic(tables, "روسيا")
    assert list(df.columns) == KWIC_COLUMNS
    assert list(df["match"]) == ["روسيا", "وروسيا", "ولروسيا", "لروسيّا", "روسيا"]
    assert list(df["sentence"]) == [0, 1, 1, 2, 3]
    text = "\n".join(AR_SENTENCES)
    for rec in df.to_dict("records"):
        assert text[rec["start"]:rec["end"]] == rec["match"]
        sentence = AR_SENTENCES[rec["sentence"]]
        assert rec["left"] + rec["match"] + rec["right"] == sentence
        assert rec["lang"] == "ar"
    hamza = kwic(tables, "إيران")
    assert list(hamza["match"]) == ["وإيران", "أيران"]
    assert list(kwic(tables, "ايران")["match"]) == ["وإيران", "أيران"]
    assert list(kwic(tables, "russia")["match"]) == ["Russia", "RUSSIA"]
    narrow = kwic(tables, "روسيا", window=5, limit=2)
    assert len(narrow) == 2 and all(len(x) <= 5 for x in narrow["left"].tolist() + narrow["right"].tolist())
    assert narrow.loc[0, "left"] == "ر إن "


def test_kwic_country_in_the_seed(seed_path: Path) -> None:
    corpus = Corpus.from_articles([toolkit.load_article(seed_path)])
    df = kwic(corpus, None, country="TJK")
    matches = set(df["match"])
    assert {"دوشنبه", "الطاجيكستانية", "طاجيكستان"} <= matches
    assert (df["article_id"] == "000_32804eb77b22d83d").all()
    assert df["start"].is_monotonic_increasing
    ann_df = kwic(toolkit.annotate(toolkit.load_article(seed_path)), country="tjk")
    assert ann_df.drop(columns="lang").equals(df.drop(columns="lang"))
    assert len(df) == int(((corpus.mentions["type"] == "country") & (corpus.mentions["value"] == "TJK")).sum())
    seed_hits = kwic(corpus, "روسيا")
    assert len(seed_hits) >= 4 and set(seed_hits["match"]) == {"روسيا"}


def test_kwic_arguments() -> None:
    with pytest.raises(ValueError):
        kwic(_tables(), "روسيا", country="RUS")
    with pytest.raises(ValueError):
        kwic(_tables())
    with pytest.raises(TypeError):
        kwic(_tables(), country="RUS")  # no mentions table
    with pytest.raises(TypeError):
        kwic(object(), "x")


def test_render_kwic_reading_order() -> None:
    df = kwic(_tables(), "روسيا").iloc[:1]
    df = pd.concat([df, kwic(_tables(), "Russia").iloc[:1]], ignore_index=True)
    parsed = check(render_kwic(df))
    rows = [el for el in parsed.elements if el[0] == "tr"][1:]
    assert len(rows) == 2
    c1 = parsed.with_class("tk-c1")
    c3 = parsed.with_class("tk-c3")
    kw = parsed.with_class("tk-kw")
    # Arabic: the table runs left to right, so the text after the keyword comes first (on
    # the left) and the text before it last (on the right); cells are right-to-left
    assert c1[0][2] == df.loc[0, "right"] and c3[0][2] == df.loc[0, "left"]
    assert all(cell[1]["dir"] == "rtl" for cell in (c1[0], c3[0], kw[0]))
    assert c1[1][2] == df.loc[1, "left"] and c3[1][2] == df.loc[1, "right"]
    assert all(cell[1]["dir"] == "ltr" for cell in (c1[1], c3[1], kw[1]))
    assert [k[2] for k in kw] == ["روسيا", "Russia"]


# --------------------------------------------------------------------------- readable tables, prose

from toolkit import display as D  # noqa: E402
from toolkit import filters as F  # noqa: E402


def test_cell_text() -> None:
    assert D.cell_text(("diplomacy", "trade")) == "diplomacy, trade"
    assert D.cell_text(["diplomacy"]) == "diplomacy"
    assert D.cell_text({"article_id": "a1", "sentence": 3, "text": "Russia  and\nIran met."}) == "a1#3: Russia and Iran met."
    assert D.cell_text([{"article_id": "a", "sentence": 0, "text": "x"}, {"article_id": "b", "sentence": 1,
                                                                         "text": "y"}]) == "a#0: x · b#1: y"
    assert D.cell_text(6.0) == "6" and D.cell_text(2.9364) == "2.936" and D.cell_text(None) == ""
    assert D.cell_text(float("nan")) == "" and D.cell_text(pd.NA) == "" and D.cell_text(True) == "yes"


def test_table_shortens_escapes_and_joins_lists() -> None:
    long = "وقعت روسيا ومصر اتفاقية للتعاون في مجال الطاقة النووية في القاهرة يوم 5 مارس 2024 " + SCRIPT
    df = pd.DataFrame({"pair": ["EGY–RUS", "IRN–RUS"], "events": [3, 1], "sectors": [("energy", "trade"), ()],
                       "text": [long, "short"]})
    view = D.table(df, ["pair", "events", "sectors", "text", "absent"], width=30)
    markup = view._repr_html_()
    parsed = check(markup)
    assert "<script" not in markup.lower() and "&lt;script&gt;" in markup
    cells = [el for el in parsed.elements if el[0] == "td"]
    assert [c[2] for c in cells[:3]] == ["EGY–RUS", "3", "energy, trade"]
    details = [el for el in parsed.elements if el[0] == "details"]
    assert len(details) == 1 and details[0][2].endswith(long)  # the whole text a click away
    summary = next(el for el in parsed.elements if el[0] == "summary")[2]
    assert summary.endswith("…") and len(summary) <= 30
    assert cells[3][1]["title"] == long and cells[3][1]["dir"] == "auto"
    assert [el[2] for el in parsed.elements if el[0] == "th"] == ["pair", "events", "sectors", "text"]
    assert "tk-num" in cells[1][1]["class"]
    text = repr(view)
    assert "energy, trade" in text and "('energy'" not in text and "[" not in text
    assert D.table(df, rows=1)._repr_html_().count("<tr>") == 2  # header + one row
    assert "the first 1 of 2 rows" in repr(D.table(df, rows=1))


def test_table_of_nothing_keeps_its_columns() -> None:
    view = D.table(pd.DataFrame(columns=["ref", "text"]))
    assert repr(view) == "(no rows; columns: ref, text)"
    parsed = check(view._repr_html_())
    assert [el[2] for el in parsed.elements if el[0] == "th"] == ["ref", "text"]
    assert "no rows" in view._repr_html_()


def test_table_shows_a_named_index_and_drops_an_unnamed_one() -> None:
    s = pd.Series([3, 1], index=pd.Index(["RUS", "TJK"], name="country"), name="events")
    assert [el[2] for el in check(D.table(s)._repr_html_()).elements if el[0] == "th"] == ["country", "events"]
    df = pd.DataFrame({"a": [1, 2]}, index=[7, 9])
    assert [el[2] for el in check(D.table(df)._repr_html_()).elements if el[0] == "th"] == ["a"]


def test_markdown_values_are_literal() -> None:
    assert D.md("a_b *c* [x](y) <b>") == r"a\_b \*c\* \[x\](y) &lt;b&gt;"
    assert D.md_code("id`x") == "`id'x`"
    prose = D.Prose("**bold**")
    assert repr(prose) == str(prose) == prose._repr_markdown_() == "**bold**"


def test_describe_article_says_what_the_seed_holds(seed: Annotation) -> None:
    text = str(D.describe_article(seed.article, seed, why="it is the seed"))
    assert text.startswith("The article shown is `000_32804eb77b22d83d`, in Arabic, from تاس (TASS), published 2025-04-25")
    assert "Tajikistan (15 mentions) and Russia (14)" in text
    assert "Mikhail Mishustin" in text and "7 events between countries (most often" in text
    assert text.endswith("Why this article: it is the seed.")


def test_describe_article_without_annotations_of_note() -> None:
    article = toolkit.from_text(f"A calm day {SCRIPT}.", id="calm_*day*", language="en",
                                meta={"title": f"Calm {IMG}", "source": "my_notes"})
    text = str(D.describe_article(article, toolkit.annotate(article)))
    assert "`calm_*day*`" in text and "Calm &lt;img" in text and "my\\_notes" in text and "<img" not in text
    assert "It names no country; it names no person; the annotators find no event" in text


def test_describe_corpus_and_country() -> None:
    corpus = Corpus.from_articles([
        toolkit.from_text("Iran and Russia signed an agreement on gas supplies in Tehran.", id="a", language="en",
                          meta={"published": "2024-07-01"}),
        toolkit.from_text("", id="empty")])
    t = F.tables(corpus)
    text = str(D.describe_corpus(t))
    assert text.startswith("This corpus holds 2 articles (English 1, undetermined 1), published from 2024-07-01 to "
                           "2024-07-01 (1 article without a date); 1 article without a text.")
    assert "event rows between countries; the country named in most articles is" in text
    code = F.main_country(t)
    assert str(D.describe_country(t, code)).startswith(f"The country studied below is **{F.name_of(code)}**")
    assert "It is the country named in most articles (COUNTRY is None)." in str(D.describe_country(t, code))
    assert "since `XYZ` (the COUNTRY parameter) is not named" in str(D.describe_country(t, code, asked="XYZ"))
    assert str(D.describe_country(t, None)).startswith("No article of this corpus names a country")


def test_default_query() -> None:
    t = F.tables(Corpus.from_articles([toolkit.from_text(
        "Iran and Russia signed an agreement on gas supplies in Tehran.", id="a", language="en")]))
    assert D.default_query(t) == t.events["evidence"].value_counts().index[0]
    calm = F.tables(Corpus.from_articles([toolkit.from_text("A calm day in Tehran.", id="b", language="en")]))
    assert len(calm.events) == 0 and D.default_query(calm) == "Tehran"
    nothing = F.tables(Corpus.from_articles([toolkit.from_text("A calm day.", id="c", language="en")]))
    assert D.default_query(nothing) is None


def test_explain_first(seed: Annotation) -> None:
    i = seed.first("person")
    assert seed.mention_records[i].type == "person" and all(m.type != "person" for m in seed.mention_records[:i])
    assert seed.explain_first("person") == seed.explain(i)
    assert seed.explain_first("country", kind="capital").startswith("country ")
    assert "kind: capital" in seed.explain_first("country", kind="capital")
    calm = toolkit.annotate("A calm day.", lang="en")
    assert calm.first("person") is None
    assert calm.explain_first("person") == "no person mention in this article"
    assert seed.explain_first("country", kind="language") == "no country mention of kind 'language' in this article"

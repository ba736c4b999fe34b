"""The shape of the flow: fixed table schemas, no import cycles, the annotator and writer registries."""
from __future__ import annotations

import ast
import json
import random
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import toolkit
from toolkit import registry, tables
from toolkit.cli import main
from toolkit.corpus import Corpus
from toolkit.layout import from_text
from toolkit.model import Mention
from toolkit.schema import ARTICLES, EVENTS, MENTIONS, PROBLEMS, SENTENCES, Column
from toolkit.spans import SpanIndex
from toolkit.writers import WRITERS, register_writer, write_tables

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "toolkit"
CORPUS = REPO / "corpus"

#: A text with no person, no quotation, no amount and no event.
PLAIN = "كان الطقس معتدلا في الصباح ثم هطلت أمطار خفيفة على المدينة."


def _dtypes(df: pd.DataFrame) -> list[tuple[str, str]]:
    return [(c, str(t)) for c, t in df.dtypes.items()]


def _shapes(corpus: Corpus) -> dict[str, list[tuple[str, str]]]:
    corpus.annotate(progress=False)
    return {name: _dtypes(getattr(corpus, name)) for name in ("articles", "mentions", "events", "sentences", "problems")}


# --------------------------------------------------------------------------- schemas


def test_tables_have_the_same_columns_and_dtypes_whatever_the_texts_hold(seed_path: Path) -> None:
    empty = _shapes(Corpus.from_articles([]))
    plain = _shapes(Corpus.from_articles([from_text(PLAIN, id="plain")]))
    sample = _shapes(toolkit.load_corpus(CORPUS))
    assert empty == plain == sample
    # and they are the declared ones
    assert [c for c, _ in sample["mentions"]] == ["article_id"] + MENTIONS.names
    assert [c for c, _ in sample["events"]] == ["article_id"] + EVENTS.names
    assert [c for c, _ in sample["articles"]] == ARTICLES.names
    assert [c for c, _ in sample["sentences"]] == SENTENCES.names
    assert [c for c, _ in sample["problems"]] == PROBLEMS.names


def test_the_sample_corpus_really_has_what_the_plain_text_lacks() -> None:
    """The comparison above means something only if the sample fills the columns the plain text leaves empty."""
    corpus = toolkit.load_corpus(CORPUS).annotate(progress=False)
    types = set(corpus.mentions["type"])
    assert {"person", "quote", "amount", "date", "country"} <= types
    assert len(corpus.events) > 0
    plain = Corpus.from_articles([from_text(PLAIN, id="plain")]).annotate(progress=False)
    assert not ({"person", "quote", "amount"} & set(plain.mentions["type"])) and plain.events.empty


def test_annotation_tables_are_declared(seed_path: Path) -> None:
    ann = toolkit.annotate(toolkit.load_article(seed_path))
    none = toolkit.annotate(PLAIN, lang="ar")
    assert _dtypes(ann.mentions) == _dtypes(none.mentions)
    assert _dtypes(ann.events) == _dtypes(none.events)
    assert list(ann.mentions.columns) == MENTIONS.names
    dtypes = dict(_dtypes(ann.mentions))
    assert dtypes["start"] == "int64" and dtypes["sentence"] == "Int64" and dtypes["number"] == "float64"
    assert dtypes["date_start"] == "datetime64[s]" and dtypes["relative"] == "boolean"


def test_typed_date_and_amount_columns(seed_path: Path) -> None:
    m = toolkit.annotate(toolkit.load_article(seed_path)).mentions
    dates = m[m["type"] == "date"]
    day = dates[dates["value"] == "2025-04-25"].iloc[0]
    assert day["date_start"] == pd.Timestamp("2025-04-25") and day["date_precision"] == "day"
    amounts = m[m["type"] == "amount"]
    assert amounts["number"].notna().all() and (amounts["number"] == 70).any()


@pytest.mark.parametrize("value,kind,want", [
    ("2025-04-25", None, ("2025-04-25", "2025-04-25", "day")),
    ("2025-02", None, ("2025-02-01", "2025-02-28", "month")),
    ("2024", None, ("2024-01-01", "2024-12-31", "year")),
    ("2025-W17", None, ("2025-04-21", "2025-04-27", "week")),
    ("2025-03-17/2025-03-18", None, ("2025-03-17", "2025-03-18", "day")),
    ("1936/1939", None, ("1936-01-01", "1939-12-31", "year")),
    ("1980/1989", "decade", ("1980-01-01", "1989-12-31", "decade")),
    ("2025-02-30", None, (None, None, None)),
    ("soon", None, (None, None, None)),
])
def test_iso_bounds(value: str, kind: str | None, want: tuple) -> None:
    start, end, precision = tables.iso_bounds(value, kind)
    got = (start and start.isoformat(), end and end.isoformat(), precision)
    assert got == want


def test_an_undeclared_attribute_is_refused() -> None:
    m = Mention(0, 3, "abc", "thing", "abc", attrs={"colour": "red"})
    with pytest.raises(KeyError, match="colour"):
        tables.mention_frame([m])


def _written_shapes(out: Path) -> dict[str, object]:
    shapes: dict[str, object] = {}
    for name in ("articles", "mentions", "events", "sentences"):
        shapes[f"{name}.parquet"] = str(pq.read_schema(out / f"{name}.parquet"))
        with (out / f"{name}.csv").open(encoding="utf-8") as fh:
            shapes[f"{name}.csv"] = fh.readline()
        lines = (out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        shapes[f"{name}.jsonl"] = sorted(json.loads(lines[0])) if lines else None
    return shapes


def test_files_written_by_annotate_have_the_same_shape(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "a.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    formats = ["--format", "parquet", "--format", "csv", "--format", "jsonl"]
    for name, src in (("plain", tmp_path / "plain"), ("sample", CORPUS), ("empty", tmp_path / "empty")):
        assert main(["annotate", str(src), "--out", str(tmp_path / f"out-{name}"), "--no-progress", *formats]) == 0
    plain, sample, empty = (_written_shapes(tmp_path / f"out-{n}") for n in ("plain", "sample", "empty"))
    assert {k: v for k, v in plain.items() if not k.endswith(".jsonl")} == \
           {k: v for k, v in sample.items() if not k.endswith(".jsonl")} == \
           {k: v for k, v in empty.items() if not k.endswith(".jsonl")}
    # JSON Lines: every row carries every column
    assert plain["sentences.jsonl"] == sample["sentences.jsonl"] == sorted(SENTENCES.names)
    assert sample["mentions.jsonl"] == sorted(["article_id"] + MENTIONS.names)
    assert sample["events.jsonl"] == sorted(["article_id"] + EVENTS.names)


# --------------------------------------------------------------------------- imports


def _imports() -> tuple[dict[str, set[str]], list[str]]:
    """The import graph of the package, counting imports inside functions (not those inside
    ``_repr_html_`` methods nor ``if TYPE_CHECKING:`` blocks), and private names imported
    across modules."""
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(REPO).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    edges: dict[str, set[str]] = {m: set() for m in modules}
    private: list[str] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if (isinstance(node, ast.FunctionDef) and node.name == "_repr_html_") or (
                    isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"):
                skip.update(id(n) for n in ast.walk(node) if n is not node)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                private += [f"{name} imports {node.module}.{a.name}" for a in node.names
                            if node.module.startswith("toolkit") and a.name.startswith("_") and a.name != "__version__"]
            for t in targets:
                if t in modules and t != name:
                    edges[name].add(t)
    return edges, private


def test_no_import_cycles() -> None:
    edges, _ = _imports()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m, [m])
    assert cycles == []
    assert len(edges) > 20 and sum(len(v) for v in edges.values()) > 40  # the graph was really read


def test_no_private_names_across_modules() -> None:
    _, private = _imports()
    assert private == []


def test_reading_does_not_import_annotating_or_showing() -> None:
    edges, _ = _imports()

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in edges[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    for module in ("toolkit.articles", "toolkit.readers", "toolkit.layout"):
        bad = {m for m in reach(module) if m.startswith(("toolkit.annotators", "toolkit.display", "toolkit.pipeline",
                                                         "toolkit.widgets", "toolkit.corpus", "toolkit.store"))}
        assert bad == set(), f"{module} reaches {bad}"
    assert reach("toolkit.articles") == set()  # the record needs nothing of the package
    assert not any(m.startswith(("toolkit.batch", "toolkit.pipeline", "toolkit.corpus")) for m in reach("toolkit.store"))


# --------------------------------------------------------------------------- registries


def test_a_user_annotator_runs_with_its_own_column() -> None:
    def hashtags(doc):
        return [Mention(m.start(), m.end(), m.group(), "hashtag", m.group()[1:], rule="hashtag-regex",
                        sentence=doc.sentence_of(m.start()), attrs={"hashtag_script": "latin" if m.group().isascii() else "other"})
                for m in re.finditer(r"#\w+", doc.text)]

    registry.register("hashtags", hashtags, produces=("hashtag",),
                      columns=[Column("hashtag_script", "text", "latin or other")])
    try:
        ann = toolkit.annotate("التقى وزير خارجية روسيا نظيره الإيراني في طهران #روسيا #Iran", lang="ar")
        tags = ann.mentions[ann.mentions["type"] == "hashtag"]
        assert list(tags["value"]) == ["روسيا", "Iran"] and list(tags["hashtag_script"]) == ["other", "latin"]
        assert "country" in set(ann.mentions["type"])  # the built-in ones ran too
        # the column is there for texts without hashtags as well
        assert "hashtag_script" in toolkit.annotate(PLAIN, lang="ar").mentions.columns
        only = toolkit.annotate("#وسم في الرياض", lang="ar", annotators=["hashtags"])
        assert set(only.mentions["type"]) == {"hashtag"}
    finally:
        registry.unregister("hashtags")
    assert "hashtag_script" not in toolkit.annotate(PLAIN, lang="ar").mentions.columns


def test_plan_orders_by_needs_and_pulls_in_dependencies() -> None:
    names = [a.name for a in registry.plan()]
    assert names.index("dates") < names.index("amounts") and names.index("countries") < names.index("people")
    assert names[-1] == "events"
    assert [a.name for a in registry.plan(["amounts"])] == ["dates", "amounts"]
    quotes = [a.name for a in registry.plan(["quotes"])]
    assert set(quotes) == {"countries", "organizations", "people", "quotes"} and quotes[-1] == "quotes"
    with pytest.raises(registry.RegistryError, match="unknown annotator"):
        registry.plan(["nope"])
    with pytest.raises(registry.RegistryError, match="already registered"):
        registry.register("dates", lambda doc: [], produces=("date",))


def test_a_cycle_of_needs_is_refused() -> None:
    registry.register("a-needs-b", lambda doc: [], produces=("type-a",), needs=("type-b",))
    registry.register("b-needs-a", lambda doc: [], produces=("type-b",), needs=("type-a",))
    try:
        with pytest.raises(registry.RegistryError, match="cycle"):
            registry.plan(["a-needs-b"])
    finally:
        registry.unregister("a-needs-b")
        registry.unregister("b-needs-a")


def test_a_user_output_format(tmp_path: Path, seed_path: Path) -> None:
    def write_tsv(df, table, path):
        df[table.names].to_csv(path, sep="\t", index=False)

    register_writer("tsv", ".tsv", write_tsv, doc="tab-separated")
    try:
        corpus = toolkit.load_corpus(seed_path).annotate(progress=False)
        paths = write_tables({"mentions": corpus.mentions}, tmp_path, formats=["tsv"])
        assert paths == [tmp_path / "mentions.tsv"]
        back = pd.read_csv(paths[0], sep="\t")
        assert list(back.columns) == ["article_id"] + MENTIONS.names and len(back) == len(corpus.mentions)
        from toolkit.cli import build_parser

        assert build_parser().parse_args(["annotate", "x", "--out", "o", "--format", "tsv"]).format == ["tsv"]
    finally:
        WRITERS.pop("tsv")
    with pytest.raises(ValueError, match="unknown output format"):
        write_tables({"mentions": corpus.mentions}, tmp_path, formats=["tsv"])


# --------------------------------------------------------------------------- span index


def test_span_index_agrees_with_the_plain_scan() -> None:
    rng = random.Random(7)
    for _ in range(500):
        spans = [(a, a + rng.randint(1, 10)) for a in (rng.randint(0, 50) for _ in range(rng.randint(0, 8)))]
        index = SpanIndex(spans)
        for _ in range(20):
            s = rng.randint(0, 60)
            e = s + rng.randint(1, 8)
            assert index.contains(s, e) == any(a <= s and e <= b for a, b in spans)
            assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans)


def test_every_record_field_is_a_declared_column() -> None:
    import dataclasses

    from toolkit.model import Event

    assert {f.name for f in dataclasses.fields(Event)} <= set(EVENTS.names)
    core = {"start", "end", "text", "type", "value", "kind", "sentence", "rule", "confidence"}
    assert {f.name for f in dataclasses.fields(Mention)} - {"attrs"} == core <= set(MENTIONS.names)

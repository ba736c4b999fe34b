"""Fuzz: every input the readers are given becomes Articles or a ReadError, never another exception.

All formats (.txt, .json, .jsonl, .csv, .zip with random members and compression methods),
encodings (UTF-8 with and without BOM, UTF-16, cp1256), corrupt archives and random bytes,
in both errors modes. Every Article's text is valid Unicode (it can be written to Parquet).
"""
from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzzing import fuzz, hostile_text  # noqa: E402

from toolkit.articles import Article  # noqa: E402
from toolkit.corpus import load_corpus  # noqa: E402
from toolkit.readers import ReadError, iter_articles  # noqa: E402
from toolkit.schema import ARTICLES, PROBLEMS  # noqa: E402

FIELDS = ["text", "content", "body", "title", "headline", "date", "published", "date_extracted", "source", "url",
          "id", "author", "language", "lang", "publisher", "extra"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256", "latin-1"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | hostile_text(8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), inner,
                                                                  max_size=5),
    max_leaves=12)
records = st.dictionaries(st.sampled_from(FIELDS), json_values | hostile_text(), max_size=6)


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace" if encoding in ("cp1256", "latin-1") else "surrogatepass")


def mutate(data: bytes, draw) -> bytes:
    """Sometimes: cut the bytes short, change a few of them, or append garbage."""
    how = draw(st.sampled_from(["keep", "keep", "truncate", "flip", "append"]))
    if how == "truncate" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "flip" and data:
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 4))):
            i = draw(st.integers(0, len(out) - 1))
            out[i] = draw(st.integers(0, 255))
        return bytes(out)
    if how == "append":
        return data + draw(st.binary(max_size=40))
    return data


@st.composite
def file_content(draw, suffix: str) -> bytes:
    """The bytes of one file (or zip member) of the given format, sometimes damaged."""
    encoding = draw(st.sampled_from(ENCODINGS))
    if suffix == ".txt":
        text = draw(hostile_text())
    elif suffix == ".json":
        value = draw(st.one_of(st.lists(records, max_size=4), records, json_values))
        text = json.dumps(value, ensure_ascii=draw(st.booleans()), allow_nan=True)
    elif suffix == ".jsonl":
        lines = draw(st.lists(st.one_of(records.map(lambda r: json.dumps(r, ensure_ascii=False)),
                                        json_values.map(json.dumps), hostile_text(6)), max_size=5))
        text = "\n".join(lines)
    elif suffix == ".csv":
        header = draw(st.lists(st.sampled_from(FIELDS) | st.text(max_size=5), min_size=1, max_size=5))
        rows = draw(st.lists(st.lists(hostile_text(5), min_size=0, max_size=len(header) + 1), max_size=4))
        buf = io.StringIO()
        writer = csv.writer(buf, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])))
        writer.writerow(header)
        writer.writerows(rows)
        text = buf.getvalue()
    else:
        return draw(st.binary(max_size=300))
    return mutate(encode(text, encoding), draw)


@st.composite
def zip_archive(draw, depth: int = 0) -> bytes:
    buf = io.BytesIO()
    methods = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
    with zipfile.ZipFile(buf, "w") as archive:
        for i in range(draw(st.integers(0, 4))):
            suffix = draw(st.sampled_from([".json", ".jsonl", ".txt", ".csv", ".md", ".zip", ""]))
            if suffix == ".zip":
                data = draw(zip_archive(depth + 1)) if depth < 1 else draw(st.binary(max_size=50))
            else:
                data = draw(file_content(suffix))
            name = draw(st.sampled_from([f"m{i}{suffix}", f"day/m{i}{suffix}", f"../up{i}{suffix}",
                                         f"/abs{i}{suffix}", f".hidden{i}{suffix}", f"__MACOSX/m{i}{suffix}",
                                         f"صحيفة{i}{suffix}"]))
            archive.writestr(zipfile.ZipInfo(name, (2024, 5, 1, 0, 0, 0)), data,
                             compress_type=draw(st.sampled_from(methods)))
    data = buf.getvalue()
    return mutate(data, draw) if depth == 0 else data


@st.composite
def inputs(draw) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from([".txt", ".json", ".jsonl", ".csv", ".zip", ".zip", ".md", ""]))
    if suffix == ".zip":
        return suffix, draw(zip_archive())
    if draw(st.integers(0, 9)) == 0:
        return suffix, draw(st.binary(max_size=400))
    return suffix, draw(file_content(suffix or ".txt"))


def read_all(path: Path, errors: str) -> int | None:
    """The number of articles read (None for a ReadError), after checking each one."""
    problems: list = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles = list(iter_articles(path, errors=errors, problems=problems))
    except ReadError as exc:
        assert exc.path.startswith(str(path)), exc
        return None
    for article in articles:
        assert isinstance(article, Article)
        assert isinstance(article.id, str) and article.id
        article.text.encode("utf-8")  # valid Unicode: no lone surrogate reaches a table
        for s, e in article.regions:
            assert 0 <= s <= e <= len(article.text)
        for key, value in article.extra.items():
            assert isinstance(key, str)
            str(value).encode("utf-8")
    for problem in problems:
        assert {"path", "line", "record", "reason"} <= set(problem)
        assert str(problem["path"]).startswith(str(path))
    return len(articles)


@fuzz(80)
@given(item=inputs(), errors=st.sampled_from(["raise", "skip"]))
def test_every_input_gives_articles_or_a_read_error(item, errors):
    suffix, data = item
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        read_all(path, errors)


@fuzz(25)
@given(files=st.lists(inputs(), min_size=1, max_size=4), errors=st.sampled_from(["raise", "skip"]))
def test_a_folder_of_random_files(files, errors):
    """A folder: its files read one after another; the corpus tables are built (or a ReadError)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        root.mkdir()
        for i, (suffix, data) in enumerate(files):
            (root / f"f{i}{suffix}").write_bytes(data)
        n = read_all(root, errors)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                corpus = load_corpus(root, errors=errors)
                table = corpus.articles
        except ReadError:
            assert n is None
            return
        assert len(table) == n
        assert list(table.columns) == ARTICLES.names and list(corpus.problems.columns) == PROBLEMS.names

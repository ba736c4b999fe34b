"""Corpus: lazy reading, the articles and problems tables, len and repr."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.corpus import Corpus, load_corpus
from toolkit.readers import ReadError
from toolkit.schema import ARTICLES, PROBLEMS

ARTICLE_COLUMNS = ARTICLES.names
PROBLEM_COLUMNS = PROBLEMS.names

AR = "اجتمع وزيرا خارجية روسيا والسعودية في الرياض لبحث التعاون الاقتصادي."
EN = "The foreign ministers of Russia and Saudi Arabia met in Riyadh on Monday."


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("---\npublished: 2023-01-05\ntopic: trade\n---\n" + AR + "\nالمصدر: رويترز", encoding="utf-8")
    (root / "b.txt").write_text(EN + "\nSource: AP", encoding="utf-8")
    (root / "recs.jsonl").write_text(
        json.dumps({"content": AR, "date": "2025-04-25", "source": "sabq"}, ensure_ascii=False) + "\n", encoding="utf-8")
    return root


def test_articles_table(tmp_path: Path) -> None:
    corpus = load_corpus(_folder(tmp_path))
    df = corpus.articles
    assert list(df.columns) == ARTICLE_COLUMNS  # other metadata goes into the extra column
    assert "topic" not in df.columns and "text" not in df.columns
    assert list(df["id"]) == ["a", "b", "recs:0"]
    assert list(df["language"]) == ["ar", "en", "ar"]
    assert list(df["source_en"]) == ["Reuters", "AP", "Sabq"]
    assert df.loc[0, "extra"] == {"topic": "trade"} and df.loc[1, "extra"] == {}
    assert df.loc[0, "n_chars"] == len(AR) + len("\nالمصدر: رويترز")
    assert list(df["n_paragraphs"]) == [1, 1, 1]
    assert len(corpus) == 3


def test_repr_says_what_it_holds(tmp_path: Path) -> None:
    corpus = load_corpus(_folder(tmp_path))
    text = repr(corpus)
    assert text.startswith("<Corpus ") and text.endswith(">")
    assert "3 articles" in text and "ar 2 / en 1" in text
    assert "2023-01-05…2025-04-25" in text and "0 problems" in text


def test_iteration_rereads(tmp_path: Path) -> None:
    corpus = load_corpus(_folder(tmp_path))
    first = [a.id for a in corpus]
    second = [a.id for a in corpus]
    assert first == second == ["a", "b", "recs:0"]
    assert all(isinstance(a, toolkit.Article) for a in corpus)


def test_problems_table_in_skip_mode(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "bad.jsonl").write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    (root / "zz.zip").write_bytes(b"nope")
    corpus = load_corpus(root, errors="skip")
    probs = corpus.problems
    assert list(probs.columns) == PROBLEM_COLUMNS
    assert len(probs) == 2
    assert probs.loc[0, "path"] == str(root / "bad.jsonl") and probs.loc[0, "line"] == 2 and probs.loc[0, "record"] == 1
    assert "not a readable zip" in probs.loc[1, "reason"] and pd.isna(probs.loc[1, "line"])
    assert len(corpus) == 4
    assert "2 problems" in repr(corpus)


def test_empty_problems_has_columns(tmp_path: Path) -> None:
    probs = load_corpus(_folder(tmp_path)).problems
    assert probs.empty and list(probs.columns) == PROBLEM_COLUMNS


def test_raise_mode_raises_on_tables_and_repr_says_so(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "empty.txt").write_bytes(b"")
    corpus = load_corpus(root)
    with pytest.raises(ReadError, match="empty.txt"):
        _ = corpus.articles
    assert "unreadable" in repr(corpus) and "empty.txt" in repr(corpus)


def test_missing_path_fails_at_once(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "missing")


def test_fields_passed_through(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text(json.dumps([{"story": EN, "hed": "Title"}]), encoding="utf-8")
    corpus = load_corpus(p, fields={"text": "story", "title": "hed"})
    assert corpus.articles.loc[0, "title"] == "Title"


def test_zip_corpus(tmp_path: Path) -> None:
    p = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("2015-07-21.json", json.dumps([{"content": AR, "source": "okaz"}] * 3, ensure_ascii=False))
    corpus = load_corpus(p)
    assert list(corpus.articles["id"]) == ["2015-07-21:0", "2015-07-21:1", "2015-07-21:2"]


def test_from_articles() -> None:
    arts = [toolkit.from_text(AR, id="x"), toolkit.from_text(EN, id="y")]
    corpus = Corpus.from_articles(arts)
    assert len(corpus) == 2 and [a.id for a in corpus] == ["x", "y"]
    assert "<memory>" in repr(corpus)


def test_repo_corpus_folder(seed_path: Path) -> None:
    corpus = toolkit.load_corpus(seed_path.parent)
    df = corpus.articles
    row = df.set_index("id").loc["000_32804eb77b22d83d"]
    assert row["source_en"] == "TASS" and row["n_paragraphs"] == 11
    assert corpus.problems.empty


def test_empty_folder_is_an_empty_corpus(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# not read", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 0
    assert list(corpus.articles.columns) == ARTICLE_COLUMNS
    assert "0 articles" in repr(corpus)

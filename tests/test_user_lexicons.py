"""User lexicons: a folder of CSV files that add to or override the shipped ones, from Python and the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import toolkit
from toolkit import lexicon
from toolkit.cli import main

#: An alias the shipped lexicon does not know, and an official it does not hold.
TEXT = ("استقبل وزير الخارجية سامي الفلاني في بلاد الأرز نظيره الروسي. "
        "وقال سامي الفلاني إن بلاد الأرز تريد تعزيز التعاون مع روسيا.")


@pytest.fixture()
def mylex(tmp_path: Path):
    folder = tmp_path / "mylex"
    folder.mkdir()
    (folder / "country_names.csv").write_text(
        "iso3,lang,form,kind,form_type,article,ambiguous,note\n"
        "LBN,ar,بلاد الأرز,name,,,,a nickname of Lebanon\n", encoding="utf-8")
    (folder / "people.csv").write_text(
        "person_id,name_en,iso3,role,start,end\n"
        "sami-fulani,Sami Fulani,LBN,foreign minister,2024-01-01,\n", encoding="utf-8")
    (folder / "person_names.csv").write_text(
        "person_id,lang,form,kind,note\n"
        "sami-fulani,ar,سامي الفلاني,full,\n", encoding="utf-8")
    yield folder
    lexicon.use()  # back to the shipped lexicons for the other tests


def _found(ann) -> dict[str, set]:
    m = ann.mentions
    return {t: set(zip(m.loc[m["type"] == t, "text"], m.loc[m["type"] == t, "value"])) for t in ("country", "person")}


def test_a_user_folder_adds_an_alias_and_an_official(mylex: Path, tmp_path: Path) -> None:
    shipped = _found(toolkit.annotate(TEXT, lang="ar"))
    assert ("بلاد الأرز", "LBN") not in shipped["country"]
    fp = lexicon.fingerprint()
    (tmp_path / "news.txt").write_text(TEXT + "\n", encoding="utf-8")
    corpus = toolkit.load_corpus(tmp_path / "news.txt", lexicons=mylex).annotate(progress=False)
    m = corpus.mentions
    alias = m[(m["type"] == "country") & (m["text"] == "بلاد الأرز")]
    assert set(alias["value"]) == {"LBN"} and len(alias) == 2
    assert set(alias["rule"]) == {"mylex/country_names.csv:2 بلاد الأرز"}  # the row and its form
    person = m[(m["type"] == "person") & (m["value"] == "sami-fulani")]
    assert len(person) >= 1 and set(person["country"]) == {"LBN"} and "foreign minister" in set(person["role"])
    assert lexicon.fingerprint() != fp  # a store made with other lexicons is stale


def test_a_user_row_overrides_or_removes_a_shipped_row(tmp_path: Path) -> None:
    folder = tmp_path / "fix"
    folder.mkdir()
    shipped = {r["iso3"]: r["name_en"] for r in lexicon.rows("countries")}
    (folder / "countries.csv").write_text("iso3,iso2,name_en,name_ar,status\n"
                                          "RUS,RU,Russian Federation (mine),روسيا,member\n", encoding="utf-8")
    (folder / "not_countries.csv").write_text("lang,form,why,remove\nar,اللغة الروسية,,yes\n", encoding="utf-8")
    try:
        lexicon.use(folder)
        mine = {r["iso3"]: r for r in lexicon.rows("countries")}
        assert mine["RUS"]["name_en"] == "Russian Federation (mine)" and mine["RUS"]["_file"] == "fix/countries.csv"
        assert len(mine) == len(shipped) and toolkit.lexicon.name_of("RUS") == "Russian Federation (mine)"
        assert not any(r["form"] == "اللغة الروسية" for r in lexicon.rows("not_countries"))
    finally:
        lexicon.use()
    assert {r["iso3"]: r["name_en"] for r in lexicon.rows("countries")} == shipped


@pytest.mark.parametrize("name,content,message", [
    ("nations.csv", "iso3\nXXX\n", "no shipped lexicon is named nations.csv"),
    ("countries.csv", "iso3,name_en\nXXX,X\n", "missing iso2"),
    ("not_countries.csv", "lang,form,why,remove\nar,كلمة لا توجد,,yes\n", "no row with this key"),
    ("titles.csv", "lang,form,role,rank,note,colour\nar,أمير,prince,1,,red\n", "unknown colour"),
])
def test_bad_user_files_name_the_file_and_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    try:
        with pytest.raises(lexicon.LexiconError, match=message) as info:
            lexicon.use(folder)
        assert str(folder.name) in str(info.value) or name in str(info.value)
    finally:
        lexicon.use()


def test_the_cli_takes_lexicons(mylex: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(TEXT + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--format", "jsonl", "--no-progress",
                 "--lexicons", str(mylex)]) == 0
    rows = [json.loads(line) for line in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(r["text"] == "بلاد الأرز" and r["value"] == "LBN" for r in rows)
    assert any(r["value"] == "sami-fulani" for r in rows)
    assert lexicon.user_folders() == ()  # the command put the shipped lexicons back
    assert main(["annotate", str(src), "--out", str(tmp_path / "out2"), "--format", "jsonl", "--no-progress"]) == 0
    rows = [json.loads(line) for line in (tmp_path / "out2" / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert not any(r["text"] == "بلاد الأرز" for r in rows)

"""Readers: each format, encodings, bad input (raise and skip), and arbitrary bytes."""
from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.readers import load_article
from toolkit.readers import ReadError, iter_articles

AR = "اجتمع وزيرا خارجية روسيا والسعودية في الرياض لبحث التعاون الاقتصادي."
AR2 = "وأكد الجانبان أهمية تعزيز العلاقات الثنائية."


def _records() -> list[dict]:
    return [
        {"source": "sabq", "url": "http://x/1", "date_extracted": "2015-07-21 02:51:32", "title": "عنوان أول",
         "author": "", "content": AR + "\n\n " + AR2},
        {"source": "okaz", "url": "http://x/2", "date_extracted": "2015-07-22 10:00:00", "title": "عنوان ثان",
         "author": "الرياض: فلان", "content": AR2, "section": "politics"},
    ]


def _read(path: Path, **kw) -> list:
    return list(iter_articles(path, **kw))


# --------------------------------------------------------------------------- formats

def test_txt_file(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(AR + "\n" + AR2 + "\nالمصدر: واس", encoding="utf-8")
    [a] = _read(p)
    assert a.id == "a" and a.path == str(p)
    assert a.source == "واس" and a.source_en == "SPA"
    assert len(a.paragraphs) == 2


def test_json_array_saudinewsnet_fields(tmp_path: Path) -> None:
    p = tmp_path / "day.json"
    p.write_text(json.dumps(_records(), ensure_ascii=False), encoding="utf-8")
    a, b = _read(p)
    assert (a.id, b.id) == ("day:0", "day:1")
    assert a.text == AR + "\n\n " + AR2
    assert a.title == "عنوان أول" and a.title_span is None
    assert a.source == "sabq" and a.source_en == "Sabq"
    assert a.url == "http://x/1" and a.author is None
    assert a.published == "2015-07-21" and a.published_basis == "metadata (date_extracted)"
    assert len(a.paragraphs) == 2
    assert b.author == "الرياض: فلان" and b.extra["section"] == "politics"


def test_json_single_record_with_id(tmp_path: Path) -> None:
    p = tmp_path / "one.json"
    p.write_text(json.dumps({"id": "abc", "text": "Hello there, this is a text.", "date": "2024-01-02"}), encoding="utf-8")
    [a] = _read(p)
    assert a.id == "abc" and a.published == "2024-01-02" and a.published_basis == "metadata"


def test_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "recs.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in _records()) + "\n\n", encoding="utf-8")
    arts = _read(p)
    assert [a.id for a in arts] == ["recs:0", "recs:1"]
    assert arts[1].source_en == "Okaz"


def test_csv_with_configured_fields(tmp_path: Path) -> None:
    p = tmp_path / "news.csv"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["headline", "body", "when", "agency", "link", "topic"])
    w.writerow(["Talks", "Line one of the body.\r\nLine two of the body.", "2023-05-17", "Reuters", "http://y", "trade"])
    p.write_text(buf.getvalue(), encoding="utf-8", newline="")
    [a] = _read(p, fields={"text": "body", "title": "headline", "date": "when", "source": "agency", "url": "link"})
    assert a.id == "news:0"
    assert a.text == "Line one of the body.\r\nLine two of the body."
    assert a.title == "Talks" and a.published == "2023-05-17" and a.source_en == "Reuters"
    assert a.extra["topic"] == "trade" and a.url == "http://y"


def test_unknown_field_role_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown field role"):
        _read(p, fields={"body": "x"})


def test_zip_of_json_like_saudinewsnet(tmp_path: Path) -> None:
    p = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("2015-07-21.json", json.dumps(_records(), ensure_ascii=False))
    arts = _read(p)
    assert [a.id for a in arts] == ["2015-07-21:0", "2015-07-21:1"]
    assert arts[0].path == f"{p}!2015-07-21.json"


def test_zip_of_jsonl_and_txt(tmp_path: Path) -> None:
    p = tmp_path / "mix.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("a.jsonl", json.dumps({"content": AR}, ensure_ascii=False) + "\n")
        z.writestr("docs/b.txt", AR2)
        z.writestr("README.md", "not read")
        z.writestr(".hidden.txt", "not read")
    arts = _read(p)
    assert [a.id for a in arts] == ["mix/a:0", "mix/docs/b"]


def test_folder_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(AR2, encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "README.md").write_text("# readme", encoding="utf-8")
    (tmp_path / "notes.py").write_text("print(1)", encoding="utf-8")
    (tmp_path / "recs.jsonl").write_text(json.dumps({"text": "Record text."}) + "\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 file\(s\) not read.*\.py 1"):
        ids = [a.id for a in iter_articles(tmp_path)]
    assert ids == ["b", "recs:0", "sub/a"]


def test_several_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(AR2, encoding="utf-8")
    assert [a.id for a in iter_articles([tmp_path / "b.txt", tmp_path / "a.txt"])] == ["b", "a"]


def test_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "z.zip").write_bytes(b"not a zip")
    it = iter_articles(tmp_path)
    assert next(it).id == "a"  # the bad zip is not touched yet
    with pytest.raises(ReadError):
        next(it)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(iter_articles(tmp_path / "nope", errors="skip"))


def test_load_article_on_a_one_record_json(tmp_path: Path) -> None:
    p = tmp_path / "one.json"
    p.write_text(json.dumps({"content": AR}, ensure_ascii=False), encoding="utf-8")
    assert load_article(p).id == "one:0"
    p.write_text(json.dumps(_records(), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReadError, match="holds 2 articles"):
        load_article(p)


# --------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("codec,bom", [
    ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_bom_encodings(tmp_path: Path, codec: str, bom: bytes) -> None:
    text = AR + "\r\n" + AR2
    p = tmp_path / "a.txt"
    p.write_bytes(bom + text.encode(codec))
    a = load_article(p)
    assert a.text == text
    assert len(a.paragraphs) == 2


def test_cp1256_arabic_detected(tmp_path: Path) -> None:
    text = AR + "\n" + AR2
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode("cp1256"))
    assert load_article(p).text == text


def test_cp1256_json(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_bytes(json.dumps({"content": AR}, ensure_ascii=False).encode("cp1256"))
    assert load_article(p).text == AR


def test_non_arabic_non_utf8_is_not_guessed(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("Ça coûte très cher à Genève, dit-il.".encode("latin-1"))
    with pytest.raises(ReadError, match="not UTF-8") as info:
        load_article(p)
    assert info.value.path == str(p)
    assert load_article(p, encoding="latin-1").text.startswith("Ça")


def test_crlf_kept(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes((AR + "\r\n" + AR2 + "\r\n").encode("utf-8"))
    a = load_article(p)
    assert a.text == AR + "\r\n" + AR2 + "\r\n"
    assert [a.text[s:e] for s, e in a.paragraphs] == [AR, AR2]


def test_stray_nul_removed_and_counted(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(AR.encode("utf-8") + b"\x00\n" + AR2.encode("utf-8") + b"\x00")
    a = load_article(p)
    assert "\x00" not in a.text and a.text == AR + "\n" + AR2
    assert a.extra["nul_bytes_removed"] == "2"


def test_front_matter_file(tmp_path: Path) -> None:
    p = tmp_path / "fm.txt"
    p.write_bytes(codecs.BOM_UTF8 + ("---\r\ntitle: قمة\r\npublished: 2024-10-24\r\ntopic: BRICS\r\n---\r\n" + AR).encode("utf-8"))
    a = load_article(p)
    assert a.text == AR and a.title == "قمة" and a.published == "2024-10-24" and a.extra["topic"] == "BRICS"


# --------------------------------------------------------------------------- bad input

def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


BAD = [
    # name, bytes, expected line, expected record, reason fragment
    ("empty.txt", b"", None, None, "empty file"),
    ("blank.txt", b" \n\r\n\t", None, None, "empty file"),
    ("binary.txt", bytes(range(256)) * 4, None, None, "binary"),
    ("undecodable.txt", b"abc \xff\xfe\xfd\x80 def", None, None, "not UTF-8"),
    ("bad.jsonl", b'{"text": "ok one"}\n{"text": broken\n{"text": "ok two"}\n', 2, 1, "malformed JSON"),
    ("notext.jsonl", b'{"text": "ok one"}\n{"title": "no text"}\n', 2, 1, "no text"),
    ("truetext.json", b'[{"content": "fine"}, {"content": true}]', None, 1, "is a bool, not a string"),
    ("inftext.jsonl", b'{"text": "fine"}\n{"text": 1e400}\n', 2, 1, "is a inf, not a string"),
    ("bad.json", b'[{"content": "a"},\n {"content": ]', 2, None, "malformed JSON"),
    ("scalar.json", b'42', None, None, "not an array"),
    ("notcsv.csv", b"title,summary\nT,some text\n", 1, None, "no text column"),
    ("unterminated.csv", b'title,text\nT,"some text\nU,other text\n', 2, 0, "never closed"),
    ("duplicated.csv", b"text,text\nfirst,second\n", 1, None, "more than once"),
    ("column40.jsonl", b'{"text": "ok"}\n{"text": "a long enough text here", "x": ]}\n', 2, 1, "(column 42)"),
    ("fake.zip", b"this is not a zip archive", None, None, "not a readable zip"),
]


@pytest.mark.parametrize("name,data,line,record,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_raises_naming_file_and_place(tmp_path: Path, name: str, data: bytes,
                                                 line: int | None, record: int | None, reason: str) -> None:
    p = _write(tmp_path, name, data)
    with pytest.raises(ReadError) as info:
        _read(p)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.path == str(p) and str(p) in str(err)
    assert reason in err.reason
    assert err.line == line and err.record == record
    if line is not None:
        assert f"line {line}" in str(err)
    if record is not None:
        assert f"record {record}" in str(err)


@pytest.mark.parametrize("name,data,line,record,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_skip_mode_reports_problem(tmp_path: Path, name: str, data: bytes,
                                             line: int | None, record: int | None, reason: str) -> None:
    p = _write(tmp_path, name, data)
    good = _write(tmp_path, "zz_good.txt", AR.encode("utf-8"))
    problems: list = []
    arts = list(iter_articles(tmp_path, errors="skip", problems=problems))
    assert len(problems) == 1
    prob = problems[0]
    assert set(prob) == {"path", "line", "record", "reason"}
    assert prob["path"] == str(p) and prob["line"] == line and prob["record"] == record
    assert reason in prob["reason"]
    assert arts[-1].path == str(good)


def test_skip_keeps_the_good_records(tmp_path: Path) -> None:
    p = _write(tmp_path, "bad.jsonl", b'{"text": "ok one"}\n{"text": broken\n{"text": "ok two"}\n')
    problems: list = []
    arts = list(iter_articles(p, errors="skip", problems=problems))
    assert [a.id for a in arts] == ["bad:0", "bad:2"]
    assert [a.text for a in arts] == ["ok one", "ok two"]


def test_skip_without_a_problem_list_warns(tmp_path: Path) -> None:
    p = _write(tmp_path, "empty.txt", b"")
    with pytest.warns(UserWarning, match="empty.txt"):
        assert list(iter_articles(p, errors="skip")) == []


def test_errors_value_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="errors must be"):
        list(iter_articles(tmp_path, errors="ignore"))


def test_zip_member_problems_name_the_member(tmp_path: Path) -> None:
    p = tmp_path / "z.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("day.json", json.dumps([{"content": "ok"}, {"content": 7}]))
        z.writestr("inner.zip", b"PK")
    problems: list = []
    arts = list(iter_articles(p, errors="skip", problems=problems))
    assert [a.id for a in arts] == ["z/day:0"]
    assert [(pr["path"], pr["record"]) for pr in problems] == [(f"{p}!day.json", 1), (f"{p}!inner.zip", None)]


def test_corrupt_zip_member(tmp_path: Path) -> None:
    p = tmp_path / "c.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("c.json", json.dumps([{"content": "x" * 5000}]))
    data = bytearray(p.read_bytes())
    data[60:90] = b"\x00" * 30  # damage the compressed stream
    p.write_bytes(bytes(data))
    with pytest.raises(ReadError) as info:
        _read(p)
    assert str(p) in str(info.value)


# --------------------------------------------------------------------------- arbitrary bytes

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".zip", ".json"]))
def test_arbitrary_bytes_give_articles_or_read_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    p = tmp_path / f"x{suffix}"
    p.write_bytes(data)
    try:
        arts = list(iter_articles(p))
    except ReadError as err:
        assert err.path.startswith(str(p))
        return
    for a in arts:
        assert isinstance(a.text, str) and a.text.strip()
        for s, e in a.regions:
            assert 0 <= s < e <= len(a.text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_arbitrary_text_files_read(tmp_path: Path, text: str) -> None:
    """Any text, encoded as UTF-8, reads back unchanged (bar BOM/NUL/front matter) or is rejected."""
    p = tmp_path / "t.txt"
    p.write_bytes(text.encode("utf-8"))  # st.text() has no surrogates
    try:
        a = load_article(p)
    except ReadError:
        return
    assert a.text in text.replace("\x00", "").lstrip("\ufeff")


# --------------------------------------------------------------------------- hardening


def test_a_record_with_an_empty_text_is_an_article_without_text(tmp_path: Path) -> None:
    """SaudiNewsNet has 354 records with a title and an empty content: not malformed input."""
    p = _write(tmp_path, "day.json", json.dumps([{"content": "نص الخبر", "title": "أ"},
                                                  {"content": "  ", "title": "عنوان فقط", "source": "spa"}],
                                                 ensure_ascii=False).encode("utf-8"))
    arts = list(iter_articles(p))
    assert [a.text for a in arts] == ["نص الخبر", ""]
    assert arts[1].title == "عنوان فقط" and arts[1].id == "day:1" and arts[1].source == "spa"


def test_lone_surrogates_are_replaced_and_counted(tmp_path: Path) -> None:
    p = _write(tmp_path, "s.jsonl", b'{"text": "Russia \\ud800 and Iran", "title": "x\\udfff"}\n')
    problems: list = []
    (art,) = list(iter_articles(p, problems=problems))
    assert art.text == "Russia \ufffd and Iran" and art.title == "x\ufffd"
    assert problems and "2 lone surrogate" in problems[0]["reason"] and problems[0]["line"] == 1
    art.text.encode("utf-8")  # writable everywhere now


def test_a_corrupt_lzma_member_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    p = tmp_path / "lz.zip"
    import random

    rng = random.Random(3)
    noise = "".join(rng.choice("abcdefghij ") for _ in range(20_000))
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_LZMA) as z:
        z.writestr("a.json", json.dumps([{"content": noise}]))
        z.writestr("b.json", json.dumps([{"content": "fine"}]))
    with zipfile.ZipFile(p) as z:
        info = z.getinfo("a.json")
    raw = bytearray(p.read_bytes())
    start = info.header_offset + 30 + len("a.json") + info.compress_size // 2  # inside its compressed data
    raw[start:start + 200] = bytes(200)
    p.write_bytes(bytes(raw))
    problems: list = []
    arts = list(iter_articles(p, errors="skip", problems=problems))
    assert [a.text for a in arts] == ["fine"]
    assert len(problems) == 1 and "a.json" in problems[0]["path"] and "cannot extract" in problems[0]["reason"]
    with pytest.raises(ReadError, match="a.json"):
        list(iter_articles(p))


def test_members_larger_than_the_limit_are_refused_without_reading_them(tmp_path: Path) -> None:
    from toolkit.limits import Limits

    p = tmp_path / "bomb.zip"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.json", b'[{"content": "' + b"a" * 3_000_000 + b'"}]')
        z.writestr("big.jsonl", b'{"text": "' + b"b" * 3_000_000 + b'"}\n')
        z.writestr("small.json", json.dumps([{"content": "ok"}]))
    assert p.stat().st_size < 100_000
    problems: list = []
    arts = list(iter_articles(p, errors="skip", problems=problems, limits=Limits(max_file_bytes=1_000_000)))
    assert [a.text for a in arts] == ["ok"]
    assert sorted(pr["path"].rsplit("!", 1)[1] for pr in problems) == ["big.json", "big.jsonl"]
    assert all("limit" in pr["reason"] for pr in problems)


def test_a_file_larger_than_the_limit_is_a_problem(tmp_path: Path) -> None:
    from toolkit.limits import Limits

    p = _write(tmp_path, "big.txt", ("نص " * 600_000).encode("utf-8"))
    with pytest.raises(ReadError, match="more than the limit"):
        list(iter_articles(p, limits=Limits(max_file_bytes=1_000_000)))


def test_a_folder_of_unknown_formats_is_an_error_and_mixed_folders_say_what_was_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "b.html").write_text("<p>Russia</p>", encoding="utf-8")
    (tmp_path / "c.md").write_text("# notes", encoding="utf-8")
    with pytest.raises(ReadError, match=r"no article could be read: 3 file\(s\) not read.*\.docx 1, \.html 1, \.md 1"):
        list(iter_articles(tmp_path))
    (tmp_path / "d.txt").write_text("Russia and Iran met in Tehran.", encoding="utf-8")
    problems: list = []
    assert [a.id for a in iter_articles(tmp_path, problems=problems)] == ["d"]
    assert len(problems) == 1 and "3 file(s) not read" in problems[0]["reason"]


def test_the_toolkits_own_outputs_are_never_read_back(tmp_path: Path) -> None:
    from toolkit.cli import main

    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia and Iran held talks in Tehran on Monday.", encoding="utf-8")
    assert main(["annotate", str(corpus), "--out", str(corpus / "out1"), "--no-progress"]) == 0
    problems: list = []
    assert [a.id for a in iter_articles(corpus, problems=problems)] == ["a"]
    assert "not read as input" in problems[0]["reason"]
    with pytest.raises(ReadError, match="not a corpus"):
        list(iter_articles(corpus / "out1"))


def test_zip_member_with_an_empty_name_is_left_out_not_a_crash(tmp_path: Path) -> None:
    """The readers' fuzz test found it: a zip member named "" made zipfile's ZipInfo.is_dir raise
    IndexError out of iter_articles; the nameless member is skipped, the others are read."""
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo(""), b"x")
        z.writestr("one.txt", "نص المقال")
    problems: list = []
    assert [a.text for a in iter_articles(path, errors="skip", problems=problems)] == ["نص المقال"]
    assert problems == []

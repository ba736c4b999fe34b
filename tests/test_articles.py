"""Article layout: the seed's metadata, titles, headings, trailers, front matter, language."""
from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

import toolkit
from toolkit.articles import Article
from toolkit.language import detect_language
from toolkit.layout import from_text
from toolkit.readers import load_article
from toolkit.sources import source_en

PUBLISHER = 'مجموعة الرؤية الإستراتيجية "روسيا - العالم الإسلامي"'
HEADINGS = ["التعاون التجاري والاقتصادي", "العلاقات الإنسانية والثقافية"]
LEAD_DATE = "اليوم الجمعة 25 ابريل/نيسان 2025"


# --------------------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Article:
    return load_article(seed_path)


def test_seed_text_is_the_file_text(seed: Article, seed_path: Path) -> None:
    assert seed.text == seed_path.read_text(encoding="utf-8")
    assert seed.id == "000_32804eb77b22d83d"
    assert seed.path == str(seed_path)


def test_seed_layout(seed: Article) -> None:
    assert seed.title is None and seed.title_span is None
    assert len(seed.paragraphs) == 11
    assert [seed.text[s:e] for s, e in seed.headings] == HEADINGS
    assert seed.paragraphs[0][0] == 0 and seed.text[seed.paragraphs[0][0]:].startswith("يعتزم رئيس الوزراء")
    # regions: headings and paragraphs in text order, 13 lines of body
    assert len(seed.regions) == 13
    assert list(seed.regions) == sorted(seed.regions)


def test_seed_trailer_metadata(seed: Article) -> None:
    assert seed.language == "ar"
    assert seed.source == "تاس"
    assert seed.source_en == "TASS"
    assert seed.publisher == PUBLISHER
    assert seed.photo_credit == "مجلس الإتحاد الروسي"


def test_seed_body_excludes_trailer_lines(seed: Article) -> None:
    s, e = seed.body
    body = seed.text[s:e]
    assert s == 0
    assert body.endswith("الروسية - الطاجيكستانية\".")
    for line in (PUBLISHER, "الصورة: مجلس الإتحاد الروسي", "المصدر: تاس"):
        assert line not in body
        assert line in seed.text[e:]
    assert all(r_end <= e for _, r_end in seed.regions)


def test_seed_published_inferred_from_lead(seed: Article) -> None:
    assert seed.published == "2025-04-25"
    assert seed.published_basis == f"inferred from '{LEAD_DATE}' in the lead"


def test_seed_matches_gold_metadata(seed: Article, shared_dir: Path) -> None:
    gold = json.loads((shared_dir / "gold" / "000_32804eb77b22d83d.gold.json").read_text(encoding="utf-8"))["metadata"]
    assert seed.language == gold["language"]
    assert seed.source == gold["source"] and seed.source_en == gold["source_en"]
    assert seed.publisher == gold["publisher"] and seed.photo_credit == gold["photo_credit"]
    assert seed.published == gold["published"] and seed.published_basis == gold["published_basis"]
    assert [seed.text[s:e] for s, e in seed.headings] == gold["headings"]
    assert len(seed.paragraphs) == gold["paragraphs"]


def test_article_is_frozen_and_meta(seed: Article) -> None:
    with pytest.raises(FrozenInstanceError):
        seed.title = "x"  # type: ignore[misc]
    meta = seed.meta
    assert meta["source"] == "تاس" and meta["id"] == seed.id
    assert "text" not in meta
    hash(seed)


def test_public_api_reexports(seed_path: Path) -> None:
    assert toolkit.load_article is load_article
    assert toolkit.Article is Article
    assert toolkit.from_text is from_text
    assert isinstance(toolkit.__version__, str)
    assert toolkit.annotate.__module__ == "toolkit.pipeline"
    assert toolkit.Annotation.__name__ == "Annotation"
    assert callable(toolkit.load_corpus) and toolkit.Corpus.__name__ == "Corpus"
    with pytest.raises(AttributeError):
        toolkit.no_such_name  # noqa: B018


# --------------------------------------------------------------------------- layout rules

def test_title_when_short_first_line_and_several_paragraphs() -> None:
    text = "Russia and Iran sign a treaty\nThe two presidents signed a long treaty in Moscow on Friday.\nIt covers trade and security."
    a = from_text(text)
    assert a.title == "Russia and Iran sign a treaty"
    assert a.title_span == (0, len("Russia and Iran sign a treaty"))
    assert len(a.paragraphs) == 2 and a.headings == ()
    assert a.body[0] == a.paragraphs[0][0]
    assert a.regions[0] == a.title_span
    assert a.language == "en"


def test_no_title_for_a_single_paragraph_after_it() -> None:
    a = from_text("Short line\nA longer paragraph follows here and ends with a stop.")
    assert a.title is None
    assert len(a.headings) == 1 and len(a.paragraphs) == 1


def test_no_title_when_first_line_is_punctuated() -> None:
    a = from_text("The talks began.\nBoth sides met for three hours in the capital today.\nThey agreed to meet again.")
    assert a.title is None and len(a.paragraphs) == 3


def test_single_line_is_one_paragraph() -> None:
    a = from_text("روسيا وإيران")
    assert a.title is None and a.headings == () and a.paragraphs == ((0, 12),)
    assert a.body == (0, 12)


def test_blank_lines_separate_and_spans_are_trimmed() -> None:
    text = "  First paragraph, with a comma.  \n\n\n Second paragraph ends here.\n"
    a = from_text(text)
    assert [text[s:e] for s, e in a.paragraphs] == ["First paragraph, with a comma.", "Second paragraph ends here."]


def test_heading_rules() -> None:
    text = (
        "The lead paragraph is long enough and ends with a full stop.\n"
        "Trade ties\n"
        "Trade between the two countries grew by a fifth last year.\n"
        "This line has more than eight words so it cannot be a heading at all\n"
        "Another paragraph, ending with a stop.\n"
        "A closing heading-like line"
    )
    a = from_text(text)
    assert a.heading_texts() == ["Trade ties"]
    assert len(a.paragraphs) == 5


def test_english_trailers() -> None:
    text = ("Moscow and Dushanbe held talks on Friday.\nThey discussed energy and trade.\n"
            "Strategic Vision Group\nPhoto: Kremlin press office\nSource: Reuters\n"
            "Author: Jane Doe\nURL: https://example.org/a\n")
    a = from_text(text)
    assert a.source == "Reuters" and a.source_en == "Reuters"
    assert a.photo_credit == "Kremlin press office"
    assert a.publisher == "Strategic Vision Group"
    assert a.author == "Jane Doe" and a.url == "https://example.org/a"
    assert a.text[a.body[0]:a.body[1]] == "Moscow and Dushanbe held talks on Friday.\nThey discussed energy and trade."


def test_date_trailer_sets_published() -> None:
    a = from_text("The talks began.\nSource: AFP\nDate: 2024-03-05")
    assert a.published == "2024-03-05"
    assert a.published_basis == "trailer line '2024-03-05'"
    assert a.source_en == "AFP"


def test_a_lone_trailer_like_line_stays_body() -> None:
    a = from_text("Source: a single line")
    assert a.source is None and len(a.paragraphs) == 1


def test_meta_wins_over_inferred() -> None:
    text = "The talks began.\nBoth sides met.\nSource: Reuters"
    a = from_text(text, meta={"source": "أ ف ب", "published": "2020-01-02", "topic": "talks", "title": "T"}, id="x1")
    assert a.id == "x1"
    assert a.source == "أ ف ب" and a.source_en == "AFP"
    assert a.published == "2020-01-02" and a.published_basis == "metadata"
    assert a.extra["topic"] == "talks"
    assert a.title == "T" and a.title_span is None


def test_meta_title_matching_first_line_gets_span() -> None:
    text = "قمة بريكس\nاجتمع القادة في قازان."
    a = from_text(text, meta={"title": "قمة بريكس"})
    assert a.title_span == (0, 9)
    assert a.paragraphs == ((10, len(text)),)


def test_unreadable_meta_date_is_kept_in_extra() -> None:
    a = from_text("نص قصير.", meta={"published": "not a date"})
    assert a.published is None and a.published_basis is None
    assert a.extra["published_raw"] == "not a date"


def test_metadata_datetime_is_reduced_to_a_date() -> None:
    a = from_text("Text.", meta={"published": "2015-07-21 02:51:32", "published_basis": "metadata (date_extracted)"})
    assert a.published == "2015-07-21" and a.published_basis == "metadata (date_extracted)"


def test_english_lead_date() -> None:
    a = from_text("Putin met Aliyev in Dushanbe on 9 October 2025.\nThey spoke about the crash.")
    assert a.published == "2025-10-09"
    assert a.published_basis.startswith("inferred from '") and "9 October 2025" in a.published_basis


def test_no_lead_date_gives_none() -> None:
    a = from_text("لا تاريخ هنا.\nولا هنا.")
    assert a.published is None and a.published_basis is None


# --------------------------------------------------------------------------- text cleaning

def test_bom_and_nul_removed_and_counted() -> None:
    a = from_text("\ufeffA\x00B paragraph.\x00")
    assert a.text == "AB paragraph."
    assert a.extra["nul_bytes_removed"] == "2"


def test_crlf_kept_and_spans_exact() -> None:
    text = "First line is a paragraph.\r\nSecond line too.\r\n"
    a = from_text(text)
    assert a.text == text
    assert [text[s:e] for s, e in a.paragraphs] == ["First line is a paragraph.", "Second line too."]


# --------------------------------------------------------------------------- front matter

def test_front_matter() -> None:
    text = ("---\ntitle: قمة بريكس في قازان\npublished: 2024-10-24\nlanguage: ar\nsource: \"تاس\"\n"
            "topic: BRICS\nid: brics-1\nurl: https://example.org/x\n---\n"
            "قمة بريكس في قازان\nاجتمع قادة الدول الأعضاء في قازان لبحث التعاون.\nوناقشوا التجارة.\n")
    a = from_text(text)
    assert a.text.startswith("قمة بريكس في قازان\n")
    assert a.id == "brics-1"
    assert a.title == "قمة بريكس في قازان" and a.title_span == (0, len("قمة بريكس في قازان"))
    assert a.published == "2024-10-24" and a.published_basis == "front matter"
    assert a.source == "تاس" and a.source_en == "TASS"
    assert a.extra == {"topic": "BRICS"}
    assert a.url == "https://example.org/x"
    assert len(a.paragraphs) == 2


def test_front_matter_meta_argument_wins() -> None:
    a = from_text("---\nsource: Reuters\n---\nText here.", meta={"source": "AP"})
    assert a.source == "AP" and a.source_en == "AP"


def test_invalid_front_matter_stays_text() -> None:
    text = "---\nthis is not a key value line\n---\nBody."
    a = from_text(text)
    assert a.text == text


def test_unclosed_front_matter_stays_text() -> None:
    text = "---\ntitle: x\nBody without closing."
    assert from_text(text).text == text


# --------------------------------------------------------------------------- language & sources

@pytest.mark.parametrize("text,lang", [
    ("روسيا وإيران توقعان معاهدة", "ar"),
    ("The two countries signed a treaty on Friday.", "en"),
    ("Les deux pays ont signé un traité pour la coopération.", "fr"),
    ("Россия и Иран подписали договор.", "ru"),
    ("این یک متن فارسی است که پیام گرم دارد", "fa"),
    ("Die beiden Länder und die Regierung haben den Vertrag unterzeichnet.", "de"),
    ("12345 -- !!", "und"),
    ("", "und"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("name,english", [
    ("تاس", "TASS"), ("TASS", "TASS"), ("سبوتنيك", "Sputnik"), ("رويترز", "Reuters"),
    ("وكالة الأنباء السعودية", "SPA"), ("واس", "SPA"), ("فرانس برس", "AFP"), ("أ ف ب", "AFP"),
    ("أسوشيتد برس", "AP"), ("الأناضول", "Anadolu"), ("إرنا", "IRNA"), ("شينخوا", "Xinhua"),
    ("ريا نوفوستي", "RIA Novosti"), ("إنترفاكس", "Interfax"), ("وام", "WAM"), ("قنا", "QNA"),
    ("كونا", "KUNA"), ("بترا", "Petra"), ("أ ش أ", "MENA"), ("aawsat", "Asharq Al-Awsat"),
    ("okaz", "Okaz"), ("sabq", "Sabq"), ("رويترز، أ ف ب", "Reuters; AFP"), ("وكالة سانا", "SANA"),
])
def test_source_en(name: str, english: str) -> None:
    assert source_en(name) == english


def test_unknown_source_is_none() -> None:
    assert source_en("جريدة لا نعرفها") is None
    assert source_en(None) is None and source_en("  ") is None


def test_load_article_on_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        load_article(tmp_path)

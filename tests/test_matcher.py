"""The clitic-aware, whole-word, leftmost-longest matcher."""
from toolkit.arabic import normalize
from toolkit.matcher import Entry, Gazetteer


def _find(entries, text):
    return [(text[m.start:m.end], m.entry.payload, m.prefix) for m in Gazetteer(entries).find(normalize(text))]


E = [
    Entry("روسيا", "RUS"), Entry("روسي", "RUS-dem", article="optional"), Entry("روسية", "RUS-dem", article="optional"),
    Entry("الولايات المتحدة", "USA"), Entry("طاجيكستان", "TJK"), Entry("دوشنبه", "TJK"),
    Entry("جنوب أفريقيا", "ZAF"), Entry("الولايات", "STATES"), Entry("US", "USA", lang="en"),
]


def test_proclitics():
    assert _find(E, "ودوشنبه ولطاجيكستان وبروسيا") == [("دوشنبه", "TJK", "و"), ("طاجيكستان", "TJK", "ول"), ("روسيا", "RUS", "وب")]


def test_article_contraction_and_definite_keys():
    assert _find(E, "وللولايات المتحدة") == [("ولايات المتحدة", "USA", "ولل")]
    assert _find(E, "والولايات المتحدة")[0][:2] == ("الولايات المتحدة", "USA")


def test_optional_article_on_demonyms():
    assert [x[0] for x in _find(E, "الروسي روسية بالروسية")] == ["الروسي", "روسية", "الروسية"]


def test_article_not_allowed_on_plain_names():
    assert _find(E, "الروسيا") == []


def test_whole_words_only():
    assert _find(E, "روسيات طاجيكستانية USA us") == []


def test_leftmost_longest():
    assert _find(E, "جنوب أفريقيا والولايات المتحدة") == [("جنوب أفريقيا", "ZAF", ""), ("الولايات المتحدة", "USA", "و")]


def test_english_case_sensitive():
    assert _find(E, "the US and us") == [("US", "USA", "")]


def test_diacritics_in_text_do_not_break_matching():
    text = "رُوسْيَا"
    assert _find(E, text) == [("رُوسْيَا", "RUS", "")]

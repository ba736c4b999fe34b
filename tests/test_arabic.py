"""Normalisation keeps an exact map back to the original text."""
from hypothesis import given, strategies as st

from toolkit.arabic import normalize, normalize_key


def test_rules():
    n = normalize("أإآٱ ى ة ؤ ئ ک ی ٠١٢٣٤٥٦٧٨٩ ۰۱۲ ٣٫٥ ١٬٠٠٠")
    assert n.text == "اااا ي ه و ي ك ي 0123456789 012 3.5 1,000"


def test_diacritics_tatweel_controls_removed_and_mapped():
    text = "وصرّح المكتبُ الصحـــفي\u200f للحكومة"
    n = normalize(text)
    assert n.text == "وصرح المكتب الصحفي للحكومه"
    i = n.text.index("الصحفي")
    s, e = n.to_original(i, i + len("الصحفي"))
    assert text[s:e] == "الصحـــفي"
    i = n.text.index("وصرح")
    s, e = n.to_original(i, i + 4)
    assert text[s:e] == "وصرّح"  # the shadda after the last letter stays with the word


def test_presentation_forms_expand():
    text = "ﻻ بد"
    n = normalize(text)
    assert n.text == "لا بد"
    assert n.to_original(0, 2) == (0, 1)


def test_key_normalisation_matches_text():
    assert normalize_key("إيران") == normalize("ايران").text


@given(st.text(alphabet=st.sampled_from(list("روسيا ًٌٍَُِّْـ\u200fأإآىة٣x ﻻ")), max_size=40))
def test_offset_map_is_monotonic_and_in_range(text):
    n = normalize(text)
    last = 0
    for i in range(len(n.text)):
        o = n.orig_index(i)
        assert 0 <= o < len(text)
        assert o >= last
        last = o
    for i in range(len(n.text)):
        s, e = n.to_original(i, i + 1)
        assert s < e <= len(text)


@given(st.text(alphabet=st.sampled_from(list("روسيا ًٌٍَُِّْـ\u200fأإآىة٣x ﻻ")), max_size=30))
def test_map_spans_agrees_with_to_original(text):
    n = normalize(text)
    spans = [(i, j) for i in range(len(n.text)) for j in range(i + 1, min(len(n.text), i + 3) + 1)]
    assert n.map_spans(spans) == [n.to_original(a, b) for a, b in spans]

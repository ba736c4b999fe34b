"""Quotations and their speakers: the seed article, real SaudiNewsNet sentences, English."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.annotators import quotes
from toolkit.model import Mention
from toolkit.pipeline import doc_for_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_32804eb77b22d83d.txt"
GOLD = SHARED / "gold" / "000_32804eb77b22d83d.gold.json"


def run(text: str, lang: str = "ar", **kw) -> list[Mention]:
    return quotes.annotate(doc_for_text(text, lang=lang, **kw))


def speakers(found: list[Mention]) -> list[tuple[str, str | None]]:
    return [(m.text, m.attrs["speaker"]) for m in found]


# --- the seed ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    if not SEED.exists() or not GOLD.exists():
        pytest.skip("the shared folder (../shared) with the seed and its gold is not beside the checkout")
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return text, gold


def _seed_mentions(text: str, gold: dict) -> tuple[Mention, ...]:
    """Organisation mentions as the organizations annotator would give them (for typing)."""
    return tuple(Mention(o["start"], o["end"], o["text"], "organization", o["org"]) for o in gold["organizations"])


def test_seed_quotes_match_gold(seed):
    text, gold = seed
    found = run(text)
    assert [(m.start, m.end) for m in found] == [(q["start"], q["end"]) for q in gold["quotes"]]
    for m, q in zip(found, gold["quotes"]):
        assert m.text == q["text"] == text[m.start:m.end]
        assert m.attrs["speaker"] == q["speaker"]
        assert m.type == "quote" and m.kind == "direct" and m.value == m.text
        assert m.sentence is not None


def test_seed_quoted_names_are_not_quotes(seed):
    text, gold = seed
    found = run(text)
    for n in gold["not_quotes"]:
        assert not any(m.start < n["end"] and n["start"] < m.end for m in found), n["text"]


def test_seed_speaker_typed_from_mentions(seed):
    text, gold = seed
    found = run(text, mentions=_seed_mentions(text, gold))
    assert [m.attrs["speaker_value"] for m in found] == ["RUS-GOV-PRESS", "RUS-GOV", "RUS-CABINET"]
    assert all(m.attrs["speaker_type"] == "organization" for m in found)
    assert [m.attrs["verb"] for m in found] == ["صرّح", "أشارت", "خلص"]


def test_seed_body_only(seed):
    """The trailer (publisher, photo, source) is not in the regions: nothing found there."""
    text, gold = seed
    end = text.index("\nمجموعة الرؤية")
    found = run(text, regions=((0, end),))
    assert len(found) == 3


# --- SaudiNewsNet sentences (hand-checked) ----------------------------------------------------

def test_snn_verb_subject_guillemets():
    s = "وقال رئيس الحكومة التركية أن «تركيا اتخذت دائمًا إجراءات ضد داعش والمنظمات المماثلة»."
    assert speakers(run(s)) == [("تركيا اتخذت دائمًا إجراءات ضد داعش والمنظمات المماثلة", "رئيس الحكومة التركية")]


def test_snn_speaker_stops_before_audience():
    s = 'وقال رئيس بلدية تشاتانوغا اندي بيرك لشبكة سي إن إن الإخبارية أن "كل فرد في إداراتنا يشارك في هذا التحقيق".'
    [m] = run(s)
    assert m.attrs["speaker"] == "رئيس بلدية تشاتانوغا اندي بيرك"
    assert m.attrs["speaker_basis"] == "verb_subject"


def test_snn_speaker_after_quote():
    s = "«أخذني وقت طويل لأحدد ملامح الشخصية»، يقول إيلي داغر.."
    [m] = run(s)
    assert (m.text, m.attrs["speaker"], m.attrs["verb"]) == ("أخذني وقت طويل لأحدد ملامح الشخصية", "إيلي داغر", "يقول")
    assert m.attrs["speaker_basis"] == "after_quote"


def test_snn_quoted_speaker_name_and_colon():
    s = ('وقال "داود": "هذه التوسعة تعد من أولويات خادم الحرمين الشريفين الملك سلمان بن عبد العزيز".')
    [m] = run(s)
    assert m.text.startswith("هذه التوسعة") and m.attrs["speaker"] == "داود"


def test_snn_quoted_name_is_not_a_quote():
    assert run('وشكر "داود" سفارة خادم الحرمين الشريفين في عمان على جهودها.') == []
    assert run("تتسابق لوحات المعرض التشكيلي «رؤى الفن» وتتنافس، الليلة، في إبراز إنجازات خادم الحرمين الشريفين.") == []


def test_snn_scare_quotes_are_not_quotes():
    s = 'وقتل أربعة من جنود مشاة البحرية الأميركية وبحار في الهجوم الذي تعتبره السلطات "عملا إرهابيا".'
    assert run(s) == []


def test_snn_title_is_not_a_quote():
    s = ('تكلمنا عنها سابقا في مقال منفصل بعنوان "الخفقان بعد الأكل. ست وجبات في اليوم كفيلة بالتخلص من '
         'الأعراض المزعجة" الا أن أحد تلك العوامل المهمة هو ارتجاع المريء.')
    assert run(s) == []


def test_snn_continued_quote_takes_previous_speaker():
    s = ('قال رامي عبدالرحمن مدير المرصد: "سقط الصاروخ على حي المغاير الشعبي في حلب القديمة". '
         'وأشار إلى "انهيار أكثر من ثلاثين مسكنا"، مضيفا أن "عشرات الأشخاص عالقون تحت الأنقاض، والدمار هائل".')
    found = run(s)
    assert [m.attrs["speaker"] for m in found][0] == "رامي عبدالرحمن مدير المرصد"
    last = found[-1]
    assert last.text == "عشرات الأشخاص عالقون تحت الأنقاض، والدمار هائل"
    assert last.attrs["speaker"] == "رامي عبدالرحمن مدير المرصد"
    assert last.attrs["speaker_basis"] == "previous_quote"


def test_snn_multi_sentence_quote():
    s = ("وقال الرئيس الأمريكي في هذه المناسبة «هذا الاتفاق ليس قائما على الثقة، إنه قائم على التحقق. "
         "المفتشون سيكونون قادرين على الوصول إلى المنشآت النووية الإيرانية الرئيسة في أي لحظة».")
    [m] = run(s)
    assert m.attrs["speaker"] == "الرئيس الأمريكي" and m.text.endswith("في أي لحظة")


def test_snn_unclosed_mark_never_swallows_the_article():
    s = ("وقال الرئيس الأمريكي في هذه المناسبة «هذا الاتفاق ليس قائما على الثقة، إنه قائم على التحقق.\n"
         "ومن جهته وعد الرئيس الإيراني بأن بلاده لن تسعى «مطلقا» إلى امتلاك القنبلة الذرية.\n"
         'وقال المسؤول "إن المحادثات ستتواصل الأسبوع المقبل في فيينا بين الوفدين".')
    found = run(s)
    assert [m.text for m in found] == ["إن المحادثات ستتواصل الأسبوع المقبل في فيينا بين الوفدين"]
    assert all("\n" not in m.text for m in found)


def test_snn_relayed_speaker():
    s = 'ونقلت وكالة رويترز عن مسؤول سعودي قوله إن "المملكة لن تسمح بتهديد أمنها الوطني تحت أي ظرف".'
    [m] = run(s)
    assert (m.attrs["speaker"], m.attrs["speaker_basis"]) == ("مسؤول سعودي", "relayed")


def test_source_cue_strips_lam():
    s = 'ووفقا لوزارة الخارجية، فإن "المحادثات ستتواصل الأسبوع المقبل في الرياض بين الوفدين".'
    [m] = run(s)
    assert (m.attrs["speaker"], m.attrs["speaker_basis"]) == ("وزارة الخارجية", "source")


def test_short_quote_after_colon_with_person_typing():
    s = 'قال بوتين: "لن نتراجع".'
    [m] = run(s, mentions=(Mention(4, 9, "بوتين", "person", "Vladimir Putin"),))
    assert (m.text, m.attrs["speaker"], m.attrs["speaker_type"], m.attrs["speaker_value"]) == (
        "لن نتراجع", "بوتين", "person", "Vladimir Putin")


def test_name_overlapping_an_organization_mention_is_not_a_quote():
    s = 'وقال الوزير إن "اللجنة الحكومية المشتركة الثنائية للتعاون الاقتصادي" ستجتمع.'
    start = s.index("اللجنة")
    org = Mention(start, start + len("اللجنة الحكومية المشتركة الثنائية للتعاون الاقتصادي"),
                  "اللجنة الحكومية المشتركة الثنائية للتعاون الاقتصادي", "organization", "RUS-TJK-IGC")
    assert run(s, mentions=(org,)) == []


# --- English ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, quote, speaker, basis", [
    ('Russian Foreign Minister Sergei Lavrov said on Monday that "the talks were useful and constructive".',
     "the talks were useful and constructive", "Russian Foreign Minister Sergei Lavrov", "subject_before_verb"),
    ('"We will not accept any interference in our affairs," Lavrov told reporters in Moscow.',
     "We will not accept any interference in our affairs,", "Lavrov", "after_quote"),
    ('"The agreement opens a new chapter in our relations," said the Saudi foreign minister.',
     "The agreement opens a new chapter in our relations,", "the Saudi foreign minister", "after_quote"),
    ('According to the ministry, "the exports of wheat grew by ten percent this year".',
     "the exports of wheat grew by ten percent this year", "the ministry", "source"),
    ("Putin's office said 'the visit will take place as planned next month'.",
     "the visit will take place as planned next month", "Putin's office", "subject_before_verb"),
    ("The minister said: “We are ready to help.”", "We are ready to help.", "The minister", "subject_before_verb"),
])
def test_english(text, quote, speaker, basis):
    [m] = run(text, "en")
    assert (m.text, m.attrs["speaker"], m.attrs["speaker_basis"]) == (quote, speaker, basis)


def test_english_pronoun_continues_previous_speaker():
    text = 'The minister said: "We are ready to help." He added that "the aid will arrive next week in several convoys."'
    found = run(text, "en")
    assert [m.attrs["speaker"] for m in found] == ["The minister", "The minister"]
    assert found[1].attrs["speaker_basis"] == "previous_quote"


def test_english_quoted_names_and_scare_quotes():
    assert run('The leaders met in "Dushanbe" and praised the "Sangtuda-1" plant.', "en") == []
    assert run('He called it "a historic day" for both nations.', "en") == []
    assert run("The minister's aides didn't comment on the 'Vision 2030' plan.", "en") == []


def test_offsets_index_the_text():
    s = 'وأكدت الوزارة في بيان أن "التعاون الاقتصادي بين البلدين يشهد نموا مطردا".'
    for m in run(s):
        assert s[m.start:m.end] == m.text
        a, b = m.attrs["speaker_start"], m.attrs["speaker_end"]
        assert s[a:b] == m.attrs["speaker"] == "الوزارة"

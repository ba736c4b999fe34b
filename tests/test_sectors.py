"""Sector cues: the seed article's sector set, SaudiNewsNet sentences, English, near misses."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.annotators import sectors
from toolkit.annotators.sectors import SECTORS, article_sectors, load_lexicon
from toolkit.model import Mention
from toolkit.pipeline import doc_for_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_32804eb77b22d83d.txt"
GOLD = SHARED / "gold" / "000_32804eb77b22d83d.gold.json"


def found(text: str, lang: str = "ar", **kw) -> list[str]:
    return article_sectors(sectors.annotate(doc_for_text(text, lang=lang, **kw)))


def test_lexicon_is_valid_and_covers_the_taxonomy():
    rows = load_lexicon()
    assert {r["sector"] for r in rows} - {"-"} == set(SECTORS)
    for sector in SECTORS:
        assert any(r["sector"] == sector and r["lang"] == "ar" for r in rows), sector
        assert any(r["sector"] == sector and r["lang"] == "en" for r in rows), sector


def test_seed_sector_f1():
    if not SEED.exists() or not GOLD.exists():
        pytest.skip("the shared folder (../shared) with the seed and its gold is not beside the checkout")
    text = SEED.read_text(encoding="utf-8")
    gold = set(json.loads(GOLD.read_text(encoding="utf-8"))["sectors"])
    body_end = text.index("\nمجموعة الرؤية")  # the trailer lines are metadata
    mentions = sectors.annotate(doc_for_text(text, regions=((0, body_end),)))
    pred = set(article_sectors(mentions))
    tp = len(pred & gold)
    f1 = 2 * tp / (len(pred) + len(gold))
    assert f1 >= 0.9, (sorted(pred - gold), sorted(gold - pred))
    assert "security" not in pred  # أمن الطاقة is energy
    assert "media" not in pred     # المكتب الصحفي is a press office
    for m in mentions:
        assert m.type == "sector" and m.kind == "cue" and m.value in SECTORS and m.rule
        assert text[m.start:m.end] == m.text and m.sentence is not None


def test_mention_shape_and_stem_span():
    s = "وتعززت العلاقات التجارية بين البلدين."
    [m] = sectors.annotate(doc_for_text(s))
    assert (m.text, m.value, m.kind, m.rule, m.sentence) == ("التجارية", "trade", "cue", "تجاري", 0)


# --- SaudiNewsNet sentences (hand-checked) ----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("لقي خمسة مسلحين من العناصر الإرهابية مصرعهم باشتباكات مع قوات الأمن الباكستانية اليوم في مقاطعة وزيرستان شمال غرب باكستان.",
     ["security"]),
    ("بدأت المقاومة الشعبية وقوات الجيش بدعم من طيران التحالف، باقتحام قاعدة العند العسكرية الاستراتيجية في لحج من الجهة الغربية.",
     ["military"]),
    ("فالحل الحقيقي لمحاربة الإرهاب، وقطع التمدد الإيراني، وإعادة التوازن بالعراق، في سوريا، وليس أي مكان آخر.",
     ["security"]),
    ("وبيّنت أن الاشتباكات أسفرت أيضاً عن إصابة جندي من رجال الفرقة العسكرية، وتم نقله إلى المستشفى.",
     ["health", "military"]),
    ("اكتمل تحضير غرف العمليات بالتجهيزات الطبية ذات الجودة العالية والمتكاملة التي يحتضنها المستشفى.",
     ["health"]),
    ("كما يستعرض المعرض التطور التاريخي للنقود الورقية في عهد ملوك المملكة، وإيصالات الحجاج.",
     ["religion"]),
    ("حيث انعدم الزحام بعد خلو المسجد من معتمري الخارج والحجاج وذلك حتى الأسبوع الأول من شهر ذي القعدة.",
     ["religion"]),
    ("وجرت 1700 محاولة تسلل قام بها مهاجرون ليل الاحد /الاثنين في النفق تحت بحر المانش قرب منطقة كاليه شمال فرنسا.",
     ["migration"]),
    ("وتتبع اللجنة الأولمبية الدولية هذا الإجراء تنفيذا لتوصيات منظمة الصحة العالمية.",
     ["health", "sport"]),
    ("باشرت سفارة المملكة في عاصمة جمهورية المالديف \"ماليه\" أعمالها أمس بناء على الاتفاقات بين حكومة المملكة وجمهورية المالديف على إقامة العلاقات الدبلوماسية بين البلدين الشقيقين.",
     ["diplomacy"]),  # ماليه (Malé) is not المالية; بناء على is not construction
    # near misses
    ("اعتمدت وزارة النقل مؤخراً مشروع تنفيذ أعمال تحسينات لرفع مستوى السلامة والطاقة الاستيعابية للطريق بكلفة بلغت 90 مليون ريال.",
     ["transport"]),  # الطاقة الاستيعابية is capacity, not energy
    ("بعد ان كانت ايران اتهمت البحرين بزيادة التوتر عبر توجيه اتهامات اعتبرت ان لا اساس لها من الصحة ضد طهران.",
     []),  # لا أساس لها من الصحة: untrue, not health
    ("فمنذ متى تحدد إيران سياساتها بناء على رغبات وتوجهات الشباب مهما كان عددهم؟",
     []),
])
def test_snn_sentences(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("ويلعب دوراً حاسماً في أمن الطاقة في طاجيكستان.", ["energy"]),
    ("ومواصلة التعاون البنّاء داخلها.", []),
    ("عقد مؤتمر صحفي في الرياض.", []),
    ("وناقش المجلس الأمن الغذائي في المنطقة.", ["agriculture"]),
    ("وأصدر مجلس الأمن قرارا جديدا.", ["diplomacy"]),
    ("وتعرض الأقمار الصناعية صورا جديدة.", ["technology"]),
    ("قال صلاح الدين إن الاجتماع ناجح.", []),
    ("وذلك في عام 1436 للهجرة.", []),
    ("وتزايدت الهجرة غير الشرعية نحو أوروبا.", ["migration"]),
    ("نشرت صحيفة الحياة الخبر.", []),  # صحيفة is not health (صحي is not a stem cue)
])
def test_traps(text, expected):
    assert found(text) == expected


def test_cue_inside_a_date_mention_is_dropped():
    s = "في 5 شوال 1436 للهجرة"
    date = Mention(3, len(s), s[3:], "date", "2015-07-21")
    assert found(s, mentions=(date,)) == []


# --- English ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Trade between the two countries doubled, and economic ties deepened.", ["economy", "trade"]),
    ("The deal covers oil, gas and nuclear power.", ["energy"]),
    ("Investors welcomed the new investment law.", ["investment"]),
    ("The army and the police were deployed after the terrorist attack.", ["military", "security"]),
    ("Foreign ministers held talks on humanitarian aid for refugees.", ["diplomacy", "humanitarian", "migration"]),
    ("Energy security was discussed at the press conference.", ["energy"]),
    ("The trader sold his trademark.", []),
])
def test_english(text, expected):
    assert found(text, "en") == expected


def test_article_sectors_accepts_rows_and_frames():
    import pandas as pd

    rows = [{"type": "sector", "value": "trade"}, {"type": "country", "value": "RUS"},
            {"type": "sector", "value": "energy"}, {"type": "sector", "value": "trade"}]
    assert article_sectors(rows) == ["energy", "trade"]
    assert article_sectors(pd.DataFrame(rows)) == ["energy", "trade"]
    assert article_sectors([]) == []

"""Events: directed PLOVER events from cue lexicons, and the article cooperation–conflict score.

Unit tests build a Doc with hand-made mentions, so they need no mention annotator.
End-to-end tests run the whole pipeline on the seed article and on real SaudiNewsNet
sentences (copied here, with expectations written by hand); they skip when the mention
annotators are not importable.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import lexicon
from toolkit.annotators import events as ev
from toolkit.arabic import normalize
from toolkit.model import Doc, Event, Mention
from toolkit.scores import cooperation_conflict_score
from toolkit.text import split_sentences
from toolkit.tables import event_row

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_32804eb77b22d83d.txt"
GOLD = SHARED / "gold" / "000_32804eb77b22d83d.gold.json"
ANNOTATORS = ("countries", "organizations", "people", "dates", "sectors")
HAVE_ANNOTATORS = all(importlib.util.find_spec(f"toolkit.annotators.{n}") is not None for n in ANNOTATORS) \
    and importlib.util.find_spec("toolkit.articles") is not None
needs_pipeline = pytest.mark.skipif(not HAVE_ANNOTATORS, reason="mention annotators not available")


# ----------------------------------------------------------------------------- helpers


def doc_with(text: str, mentions: list[tuple], *, published: str | None = "2025-01-01", lang: str = "ar") -> Doc:
    """A Doc over ``text`` whose mentions are given as (surface, type, value[, attrs[, kind]]).

    Surfaces are found left to right; the n-th occurrence is found by listing it n times.
    """
    found: list[Mention] = []
    cursor: dict[str, int] = {}
    sents = split_sentences(text)
    probe = Doc(text=text, lang=lang, norm=normalize(text), regions=((0, len(text)),), sentences=sents)
    for item in mentions:
        surface, typ, value = item[:3]
        attrs = item[3] if len(item) > 3 else {}
        kind = item[4] if len(item) > 4 else ("name" if typ == "country" else None)
        at = text.index(surface, cursor.get(surface, 0))
        cursor[surface] = at + 1
        found.append(Mention(at, at + len(surface), surface, typ, value, kind, probe.sentence_of(at), "test", attrs))
    return probe.with_mentions(found) if published is None else Doc(
        text=text, lang=lang, norm=probe.norm, regions=probe.regions, sentences=sents, published=published,
        mentions=tuple(found))


def triples(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.type) for e in events}


def quads(events) -> set[tuple[str, str, str, str]]:
    return {(e.source, e.target, e.type, e.mode) for e in events}


# ----------------------------------------------------------------------------- lexicons


def test_lexicon_rows_are_valid_and_documented():
    rows = ev.cue_rows()
    plover = ev.plover_table()
    assert set(plover) == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                           "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert {p.quad_class for p in plover.values()} == {1, 2, 3, 4}
    assert all((p.intensity > 0) == (p.quad_class in (1, 2)) for p in plover.values())
    roles = {r.role for r, *_ in rows}
    assert {"cue", "modal", "negation", "question", "denial"} <= roles
    cue_types = {r.plover for r, *_ in rows if r.role == "cue"}
    assert cue_types == set(plover), "every PLOVER type has at least one cue"
    assert {r.lang for r, *_ in rows if r.role == "cue"} == {"ar", "en"}
    readme = (Path(lexicon.LEXICON_DIR) / "README.events.md").read_text(encoding="utf-8")
    header = (Path(lexicon.LEXICON_DIR) / "event_cues.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    for col in header:
        assert f"`{col}`" in readme, f"column {col} is not documented"


def test_bad_lexicon_row_names_file_and_line(monkeypatch):
    bad = ({"id": "x", "lang": "ar", "role": "cue", "form": "قصف", "plover": "BOMB", "_line": "7"},)
    monkeypatch.setattr(ev.lexicon, "rows", lambda name: bad if name == "event_cues" else lexicon.rows(name))
    ev.cue_rows.cache_clear()
    try:
        with pytest.raises(ev.EventLexiconError, match=r"event_cues.csv, line 7"):
            ev.cue_rows()
    finally:
        ev.cue_rows.cache_clear()


# ----------------------------------------------------------------------------- unit cases


def test_verb_first_support_with_readiness_is_intended():
    text = "كما أعربت موسكو عن استعدادها لدعم قيادة دوشنبه في رابطة الدول المستقلة."
    doc = doc_with(text, [("موسكو", "country", "RUS", {}, "capital"), ("دوشنبه", "country", "TJK", {}, "capital"),
                          ("رابطة الدول المستقلة", "organization", "CIS", {"country": None, "members": "RUS TJK KAZ"})])
    out = ev.annotate(doc)
    assert quads(out) == {("RUS", "TJK", "SUPPORT", "intend")}
    e = out[0]
    assert e.cameo_root == "03" and e.quad_class == 1 and e.intensity > 0
    assert "استعدادها" in e.evidence and "دعم" in e.evidence
    assert e.rule.startswith("ar.support@event_cues.csv:") and "subject-first" in e.rule
    assert (e.start, e.end) == doc.sentences[0] and e.source_text == "موسكو" and e.target_text == "دوشنبه"
    assert e.date == "2025-01-01"  # no date in the sentence: the article's


def test_visit_goes_from_visitor_to_destination():
    text = "خلال الزيارة الرسمية التي قام بها رئيس طاجيكستان إمام علي رحمون إلى روسيا يومي 17 و18 مارس 2025."
    doc = doc_with(text, [("طاجيكستان", "country", "TJK"), ("إمام علي رحمون", "person", "emomali-rahmon",
                                                             {"country": "TJK", "role": "president"}),
                          ("روسيا", "country", "RUS"),
                          ("17 و18 مارس 2025", "date", "2025-03-17/2025-03-18", {}, "range"),
                          ("الرسمية", "sector", "diplomacy")])
    out = ev.annotate(doc)
    assert quads(out) == {("TJK", "RUS", "CONSULT", "done")}
    assert out[0].date == "2025-03-17/2025-03-18" and out[0].sectors == ("diplomacy",)


def test_counterpart_is_the_target_and_modal_makes_intent():
    text = "يعتزم رئيس الوزراء الروسي - ميخائيل ميشوستين، لقاء نظيره الطاجيكستاني - كوخير رسول زاده."
    doc = doc_with(text, [("الروسي", "country", "RUS", {}, "demonym"),
                          ("ميخائيل ميشوستين", "person", "mikhail-mishustin", {"country": "RUS", "role": "prime minister"}),
                          ("الطاجيكستاني", "country", "TJK", {}, "demonym"),
                          ("كوخير رسول زاده", "person", "kokhir-rasulzoda", {"country": "TJK", "role": "prime minister"})])
    assert quads(ev.annotate(doc)) == {("RUS", "TJK", "CONSULT", "intend")}


def test_future_prefix_sa_makes_intent():
    doc = doc_with("سيلتقي وزير الخارجية المصري نظيره السعودي في الرياض.",
                   [("المصري", "country", "EGY", {}, "demonym"), ("السعودي", "country", "SAU", {}, "demonym"),
                    ("الرياض", "country", "SAU", {}, "capital")])
    assert quads(ev.annotate(doc)) == {("EGY", "SAU", "CONSULT", "intend")}


def test_both_sides_gives_both_directions_for_symmetric_types():
    doc = doc_with("أطلق الجانبان مشاريع ثقافية في دوشنبه بعد زيارة إلى روسيا.",
                   [("دوشنبه", "country", "TJK", {}, "capital"), ("روسيا", "country", "RUS")])
    out = [e for e in ev.annotate(doc) if e.type == "COOPERATE"]
    assert triples(out) == {("TJK", "RUS", "COOPERATE"), ("RUS", "TJK", "COOPERATE")}
    assert all("both" in e.rule for e in out)


def test_both_sides_falls_back_on_the_articles_two_countries():
    text = "زار رئيس روسيا طاجيكستان. وتعمل روسيا مع طاجيكستان. وقع البلدان اتفاقية للتعاون."
    doc = doc_with(text, [("روسيا", "country", "RUS"), ("طاجيكستان", "country", "TJK"),
                          ("روسيا", "country", "RUS"), ("طاجيكستان", "country", "TJK")])
    out = [e for e in ev.annotate(doc) if e.sentence == 2]
    assert triples(out) == {("RUS", "TJK", "AGREE"), ("TJK", "RUS", "AGREE")}
    assert all("article-top2" in e.rule for e in out)


def test_bilateral_body_meeting_held_in_one_country_goes_to_the_host():
    text = "عقدت اللجنة الحكومية المشتركة دورتها العشرون في دوشنبه في 4 أكتوبر 2024."
    body = {"country": None, "members": "RUS TJK"}
    doc = doc_with(text, [("اللجنة الحكومية المشتركة", "organization", "RUS-TJK-IGC", body),
                          ("دوشنبه", "country", "TJK", {}, "capital"),
                          ("4 أكتوبر 2024", "date", "2024-10-04", {}, "day")])
    out = ev.annotate(doc)
    assert quads(out) == {("RUS", "TJK", "CONSULT", "done")} and out[0].date == "2024-10-04"


def test_coordinated_subjects_sign_both_ways_and_each_condemn_the_target():
    sign = doc_with("وقعت السعودية وروسيا مذكرة تفاهم للتعاون في مجال الطاقة.",
                    [("السعودية", "country", "SAU"), ("روسيا", "country", "RUS")])
    assert triples(ev.annotate(sign)) == {("SAU", "RUS", "AGREE"), ("RUS", "SAU", "AGREE")}
    condemn = doc_with("أدانت السعودية ومصر الهجوم على إسرائيل.",
                       [("السعودية", "country", "SAU"), ("مصر", "country", "EGY"), ("إسرائيل", "country", "ISR")])
    assert triples(ev.annotate(condemn)) == {("SAU", "ISR", "ACCUSE"), ("EGY", "ISR", "ACCUSE")}


def test_inverse_verb_received_a_call_from():
    doc = doc_with("تلقى الملك سلمان اتصالا هاتفيا من الملك عبدالله الثاني ملك الأردن.",
                   [("سلمان", "person", "salman", {"country": "SAU", "role": "head of state"}),
                    ("عبدالله الثاني", "person", "abdullah-ii", {"country": "JOR", "role": "head of state"}), ("الأردن", "country", "JOR")])
    assert triples(ev.annotate(doc)) == {("JOR", "SAU", "CONSULT")}


def test_required_object_keeps_homographs_out():
    # وقع = "occurred" here, أطلق takes missiles (ASSAULT) not projects, تقدر = "is estimated"
    occurred = doc_with("وقع الحادث قرب الحدود بين مصر وليبيا.",
                        [("مصر", "country", "EGY"), ("ليبيا", "country", "LBY")])
    assert ev.annotate(occurred) == []
    fired = doc_with("أطلقت كوريا الشمالية صواريخ على كوريا الجنوبية.",
                     [("كوريا الشمالية", "country", "PRK"), ("كوريا الجنوبية", "country", "KOR")])
    assert quads(ev.annotate(fired)) == {("PRK", "KOR", "ASSAULT", "done")}
    estimated = doc_with("تقدر قيمة التبادل التجاري بين مصر والسعودية بمليار دولار.",
                         [("مصر", "country", "EGY"), ("السعودية", "country", "SAU")])
    assert ev.annotate(estimated) == []


def test_question_denial_negation_and_background():
    q = doc_with("هل تقصف تركيا مواقع في سوريا؟", [("تركيا", "country", "TUR"), ("سوريا", "country", "SYR")])
    assert ev.annotate(q) == []
    deny = doc_with("نفت إيران أن تكون طائراتها قد قصفت مواقع في العراق.",
                    [("إيران", "country", "IRN"), ("العراق", "country", "IRQ")])
    assert quads(ev.annotate(deny)) == {("IRN", "IRQ", "ASSAULT", "negated")}
    neg = doc_with("لم تلتق روسيا والسعودية على أي اتفاق.",
                   [("روسيا", "country", "RUS"), ("السعودية", "country", "SAU")])
    assert {e.mode for e in ev.annotate(neg)} == {"negated"}
    past = doc_with("أقيم الصرح في ذكرى ضحايا الغزو التركي لقبرص.",
                    [("التركي", "country", "TUR", {}, "demonym"), ("قبرص", "country", "CYP")])
    assert ev.annotate(past) == []


def test_purpose_topic_is_not_an_event():
    doc = doc_with("اجتمع وزير خارجية السعودية مع نظيره الأمريكي لبحث الهجمات الإيرانية على العراق.",
                   [("السعودية", "country", "SAU"), ("الأمريكي", "country", "USA", {}, "demonym"),
                    ("الإيرانية", "country", "IRN", {}, "demonym"), ("العراق", "country", "IRQ")])
    assert triples(ev.annotate(doc)) == {("SAU", "USA", "CONSULT")}


def test_overlapping_institution_and_demonym_are_one_actor_and_no_self_events():
    doc = doc_with("وأشارت الحكومة الروسية إلى أنها تقدر التزام الحكومة الروسية بالتعاون.",
                   [("الحكومة الروسية", "organization", "RUS-GOV", {"country": "RUS"}),
                    ("الروسية", "country", "RUS", {}, "demonym"),
                    ("الحكومة الروسية", "organization", "RUS-GOV", {"country": "RUS"}),
                    ("الروسية", "country", "RUS", {}, "demonym")])
    assert ev.annotate(doc) == []


def test_english_cues_and_markers():
    doc = doc_with("The United States imposed new sanctions on Iran. Bahrain and Iran did not sign the deal. "
                   "Will Turkey attack Syria?",
                   [("United States", "country", "USA"), ("Iran", "country", "IRN"), ("Bahrain", "country", "BHR"),
                    ("Iran", "country", "IRN"), ("Turkey", "country", "TUR"), ("Syria", "country", "SYR")], lang="en")
    assert quads(ev.annotate(doc)) == {("USA", "IRN", "SANCTION", "done"), ("BHR", "IRN", "AGREE", "negated"),
                                       ("IRN", "BHR", "AGREE", "negated")}


# ----------------------------------------------------------------------------- the score


def _ev(mode: str, intensity: float, type_: str = "CONSULT") -> Event:
    return Event("RUS", "TJK", type_, mode, "04", 1, intensity, None, (), 0, 0, 1, "x", "test")


def test_score_is_mode_weighted_mean_intensity():
    events = [_ev("done", 4.0), _ev("intend", 2.0), _ev("negated", -10.0, "ASSAULT")]
    assert cooperation_conflict_score(events) == pytest.approx((4.0 + 0.5 * 2.0) / 1.5, abs=1e-3)
    frame = pd.DataFrame([event_row(e) for e in events])
    assert cooperation_conflict_score(frame) == cooperation_conflict_score(events)
    assert cooperation_conflict_score([_ev("done", -9.0, "ASSAULT"), _ev("done", 3.0)]) == -3.0


def test_score_is_none_without_evidence():
    assert cooperation_conflict_score([]) is None
    assert cooperation_conflict_score(pd.DataFrame(columns=["mode", "intensity"])) is None
    assert cooperation_conflict_score([_ev("negated", 5.0)]) is None


# ----------------------------------------------------------------------------- end to end


@needs_pipeline
@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not found beside the repository")
def test_seed_article_events_match_gold():
    import toolkit

    ann = toolkit.annotate(toolkit.load_article(SEED))
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    got = [(e.source, e.target, e.type) for e in ann.events.itertuples()]
    pool, hit = list(got), 0
    for g in gold["events"]:
        key = (g["source"], g["target"], g["plover"])
        if key in pool:
            pool.remove(key)
            hit += 1
    assert hit >= 5, f"only {hit}/6 gold events found in {got}"
    assert {frozenset((s, t)) for s, t, _ in got} == {frozenset(("RUS", "TJK"))}
    modes = {(e.source, e.target, e.type, e.mode) for e in ann.events.itertuples()}
    assert ("RUS", "TJK", "CONSULT", "intend") in modes and ("TJK", "RUS", "CONSULT", "done") in modes
    assert cooperation_conflict_score(ann.events) > 0
    assert list(ann.events.columns)[:4] == ["source", "target", "type", "mode"]


# Real sentences from SaudiNewsNet (2015), with the events a reader would code.
# expected: the (source, target, type, mode) that must be there; exact: nothing else may be.
REAL_AR = [
    # SaudiNewsNet 2015-07-24.zip#731: backing down from a promise is no withdrawal of forces
    ("تراجع تنظيم القاعدة في اليمن، عن وعوده بمغادرة مدينة المكلا (جنوب)، مؤكدا أنه باق فيها.", set(), True),
    ("انسحبت القوات العراقية من مدينة الرمادي.", {("IRQ", None, "RETREAT", "done")}, True),
    ("التقى الرئيس المصري عبد الفتاح السيسي اليوم بالقاهرة الرئيس عبد ربه منصور هادي رئيس الجمهورية اليمنية "
     "الذي يزور مصر حالياً.", {("EGY", "YEM", "CONSULT", "done")}, True),
    # "it is worth recalling that ... had made a visit last June": a past reference told as background, no
    # event of this article (README.events.md, Context)
    ("ويذكر أن ولي ولي العهد السعودي الأمير محمد بن سلمان كان قد أجرى زيارة دبلوماسية إلى روسيا في منتصف يونيو "
     "المنصرم.", set(), True),
    ("وقالت البحرين يوم السبت إنها أحبطت مؤامرة لتهريب أسلحة وأعلنت استدعاء سفيرها لدى طهران لإجراء مشاورات.",
     {("BHR", "IRN", "SANCTION", "done")}, True),
    ("قصفت تركيا أمس الخميس مواقع لتنظيم داعش الارهابي في سوريا ردا على مقتل احد جنودها.",
     {("TUR", "SYR", "ASSAULT", "done")}, True),
    ("ومنذ ذلك الحين تشن القوات التركية غارات ضد تنظيم الدولة الاسلامية في سوريا ومواقع حزب العمال الكردستاني "
     "في شمال العراق.", {("TUR", "SYR", "ASSAULT", "done")}, False),
    ("واتهم الرئيس التركي رجب طيب اردوغان اكراد سوريا بالسعي الى «تشكيل ممر من اقصى الشرق الى البحر المتوسط».",
     {("TUR", "SYR", "ACCUSE", "done")}, True),
    ("هددت الولايات المتحدة نظام الأسد أمس الاثنين باتخاذ خطوات إضافية للدفاع في سوريا عن القوات المعارضة التي "
     "دربتها.", {("USA", "SYR", "THREATEN", "done")}, True),
    ("كما تلقى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز اتصالا هاتفيا أمس من الملك عبدالله الثاني بن الحسين "
     "ملك الأردن.", {("JOR", "SAU", "CONSULT", "done")}, True),
    ("وقد بلغت المساعدات السعودية لليمن خلال السنوات الخمس الماضية فقط أكثر من ثلاثة مليارات دولار.",
     {("SAU", "YEM", "AID", "done")}, True),
    ("وفيما يخص العلاقات الثنائية بين البلدين الشقيقين فقد أشاد الملك عبدالله الثاني بدعم السعودية على مدى "
     "السنوات والعقود الماضية للاقتصاد الأردني.", {("JOR", "SAU", "SUPPORT", "done")}, True),
    ("«احمدوا ربكم أن إيران وقعت الاتفاقية النووية مع أمريكا بمزاجها».", {("IRN", "USA", "AGREE", "done")}, False),
    # near misses: one actor only, a question, a passing mention, background, a report of support for strikes
    ("وهل يستطيع الأردن لوحده تحمل كلفة هذا التسليح؟", set(), True),
    ("تردد أن هنالك امتعاضا من مرشحي الرئاسة من زيارة جعجع إلى السعودية؟", set(), True),
    ("وكانت هذه القطعة تحت صرح للموتى اقيم في ذكرى ضحايا الغزو التركي لقبرص.", set(), True),
    ("وقالت الولايات المتحدة إنها تدعم الغارات ضد حزب العمال الكردستاني الذي تصفه بأنه جماعة إرهابية.", set(), True),
    ("وترى الولايات المتحدة أن سوريا مصدر للارهاب الاسلامي بما يهدد استقرار الشرق الأوسط وسلامة الغربيين.",
     set(), True),
    ("وقالت المصادر إن زيارة فانديلا تأتي للاطلاع على الأوضاع هناك وبحث سبل إعادة بناء ما دمرته الحرب في اليمن.",
     set(), True),
    ("ونفى اردوغان بقوة الاتهامات بأن تركيا تساعد تنظيم داعش، متهمًا «قوى سوداء» بنشر دعاية اعلامية خاطئة حول "
     "بلاده.", set(), True),
]

REAL_EN = [
    ("Russian Prime Minister Mikhail Mishustin will meet his Tajik counterpart in Dushanbe on Friday.",
     {("RUS", "TJK", "CONSULT", "intend")}, True),
    ("Saudi Arabia and Russia signed a memorandum of understanding on nuclear energy.",
     {("SAU", "RUS", "AGREE", "done"), ("RUS", "SAU", "AGREE", "done")}, True),
    ("Iran denied that its aircraft had bombed targets in Iraq.", {("IRN", "IRQ", "ASSAULT", "negated")}, True),
    ("Will Turkey attack Syria?", set(), True),
    ("Turkey shelled positions in Syria on Thursday.", {("TUR", "SYR", "ASSAULT", "done")}, True),
    ("Bahrain recalled its ambassador to Iran after the incident.", {("BHR", "IRN", "SANCTION", "done")}, True),
    ("The United States imposed new sanctions on Iran.", {("USA", "IRN", "SANCTION", "done")}, True),
    ("Egypt did not sign the agreement with Russia.", {("EGY", "RUS", "AGREE", "negated")}, True),
    # a coordination with an article before its second member; a direction between "in" and the country
    ("Morocco and the United Arab Emirates signed a trade agreement on Monday.",
     {("MAR", "ARE", "AGREE", "done"), ("ARE", "MAR", "AGREE", "done")}, True),
    ("Gunmen killed five soldiers in northern Mali on Sunday.", {(None, "MLI", "ASSAULT", "done")}, True),
    # English protesters stand before the verb; a government's coercion at home falls on its own people; a
    # protest demanding a policy is against its own government
    ("Bolivian students occupied the campus to demand lower fees.", {("BOL", "BOL", "PROTEST", "done")}, True),
    ("Kenyan police arrested four suspects after the attack.", {("KEN", "KEN", "COERCE", "done")}, False),
    ("Egyptian authorities evicted hundreds of residents from the island.", {("EGY", "EGY", "COERCE", "done")}, False),
    # forces pulling back are a one-sided RETREAT
    ("Nigerien troops withdrew from the border town on Friday.", {("NER", None, "RETREAT", "done")}, True),
    # seizing a town is an assault, seizing a tanker coercion
    ("Iran seized a British oil tanker in the Strait of Hormuz.", {("IRN", "GBR", "COERCE", "done")}, True),
    ("Sudanese rebels seized the town of Babanusa on Sunday.", {("SDN", None, "ASSAULT", "done")}, False),
    # a host receiving a visitor meets him
    ("The Omani sultan received the Iranian foreign minister in Muscat.", {("OMN", "IRN", "CONSULT", "done")}, False),
]


def _check(sentence: str, expected: set, exact: bool, lang: str) -> None:
    import toolkit

    ann = toolkit.annotate(sentence, lang=lang)
    got = {(e.source, e.target, e.type, e.mode) for e in ann.event_records}  # a side the text does not name: None
    assert expected <= got, f"missing {expected - got} in {sentence!r}; got {got}"
    if exact:
        assert got == expected, f"unexpected {got - expected} in {sentence!r}"
    # never an actor to itself; a domestic event has two different agents of one country
    assert all((e.source, e.source_agent) != (e.target, e.target_agent) for e in ann.event_records)


@needs_pipeline
@pytest.mark.parametrize("sentence,expected,exact", REAL_AR, ids=[f"ar{i}" for i in range(len(REAL_AR))])
def test_real_saudinewsnet_sentences(sentence, expected, exact):
    _check(sentence, expected, exact, "ar")


@needs_pipeline
@pytest.mark.parametrize("sentence,expected,exact", REAL_EN, ids=[f"en{i}" for i in range(len(REAL_EN))])
def test_english_sentences(sentence, expected, exact):
    _check(sentence, expected, exact, "en")


@needs_pipeline
def test_real_sentences_cover_cooperation_and_conflict():
    kinds = {ev.plover_table()[t].quad_class for _, exp, _ in REAL_AR + REAL_EN for _, _, t, _ in exp}
    assert kinds == {1, 2, 3, 4}
    assert sum(1 for _, exp, _ in REAL_AR if not exp) >= 5


# ----------------------------------------------------------------------------- the lemma lexicon and its morphology

from toolkit import morphology as mo  # noqa: E402


def test_morphology_generates_the_forms_of_a_lemma():
    perfect = {f for f, _ in mo.ar_perfect("هاجم")}
    assert {"هاجم", "هاجمت", "هاجما", "هاجموا", "هاجمه", "هاجموهم", "هاجمتها"} <= perfect
    assert {"نفت", "نفوا", "نفاه"} <= {f for f, _ in mo.ar_perfect("نفى")}
    imperfect = dict(mo.ar_imperfect("يهاجم"))
    assert {"يهاجم", "تهاجم", "يهاجمان", "يهاجمون", "يهاجموا", "تهاجمين", "يهاجمه"} <= set(imperfect)
    assert imperfect["سيهاجم"].startswith("future")
    assert {"لم ينف"[3:], "ينفون"} <= {f for f, _ in mo.ar_imperfect("ينفي")}  # jussive ينف
    assert {"هجوما", "هجومه", "هجومين"} <= {f for f, _ in mo.ar_noun("هجوم")}
    assert {"غارات", "غارتين", "غارتها"} <= {f for f, _ in mo.ar_noun("غارة")}
    assert {"متظاهرون", "متظاهرين", "متظاهرو", "متظاهرة"} <= {f for f, _ in mo.ar_participle("متظاهر")}
    assert {"attacks", "attacked", "attacking", "Attacked"} <= {f for f, _ in mo.en_verb("attack")}
    assert {"banned", "banning", "carried", "seizes", "called on"} <= (
        {f for f, _ in mo.en_verb("ban")} | {f for f, _ in mo.en_verb("carry")} | {f for f, _ in mo.en_verb("seize")}
        | {f for f, _ in mo.en_verb("call on")})
    assert {"air strikes", "Air strike"} <= {f for f, _ in mo.en_noun("air strike")}
    with pytest.raises(ValueError):
        mo.ar_imperfect("هاجم")  # not an imperfect


def test_lemma_lexicon_scale_and_every_row_generates_its_forms():
    rows = ev.lemma_rows()
    by_lang = {"ar": [r for r, _ in rows if r.lang == "ar"], "en": [r for r, _ in rows if r.lang == "en"]}
    # the scale of the CAMEO/PLOVER dictionaries: lemmas counted as headwords (a verb and its masdar are two)
    ar_heads = sum(1 + bool(row.get("masdar")) + bool(row.get("participle"))
                   for row in lexicon.rows(ev.LEMMA_FILE) if row["lang"] == "ar")
    assert ar_heads >= 300 and len(by_lang["en"]) >= 280
    plover = set(ev.plover_table())
    for lang in ("ar", "en"):
        assert {r.plover for r in by_lang[lang]} == plover, f"{lang}: every PLOVER type has lemmas"
    for row, forms in rows:
        assert forms, f"{row.ref}: no form generated"
        assert row.cameo_root, f"{row.ref}: a CAMEO root"


def _matched_rows(text: str, lang: str) -> set[str]:
    doc = Doc(text=text, lang=lang, norm=normalize(text), regions=((0, len(text)),), sentences=split_sentences(text))
    toks = ev._tokens(doc)
    return {h.row.id for h in ev._hits(doc, toks) if h.row.role == "cue"}


def test_every_lemma_row_is_matched_in_a_sentence():
    """Each row's first generated forms, put in a sentence with what the row requires, are found as a cue of
    that row (or of a row of the same type that comes first for the same form)."""
    missing = []
    for row, forms in ev.lemma_rows():
        req = ""
        if row.requires:
            req = " " + row.requires[0]
        for form, _, _ in forms[:3]:
            text = f"{'قال مصدر إن' if row.lang == 'ar' else 'Officials said they'} {form}{req} المدينة." \
                if row.lang == "ar" else f"Officials said they {form}{req} the city."
            got = _matched_rows(text, row.lang)
            types = {r.plover for r, _ in ev.lemma_rows() if r.id in got} | {
                r.plover for r, _, _, _ in ev.cue_rows() if r.id in got}
            # or the form inside a longer phrase of another row, which wins (seized the city: ASSAULT)
            longer = {r.id for r, fs in ev.lemma_rows() if r.id in got
                      for f, _, _ in fs if f != form and f.startswith(form + " ") and f in text}
            if row.id not in got and row.plover not in types and not longer:
                missing.append((row.ref, form))
    assert not missing, f"forms not matched: {missing[:20]}"


def test_agents_and_places_lexicons_are_valid():
    rows = ev.agent_rows()
    assert {r.agent for r, _ in rows} >= {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "UAF", "CVL", "EDU",
                                          "LAB", "MED", "REF", "NGO", "IGO"}
    assert {r.lang for r, _ in rows} == {"ar", "en"}
    from toolkit.annotators import places

    assert len({r["name_en"] for r, _, _ in places.places()}) >= 250


# ----------------------------------------------------------------------------- actors beyond states


@needs_pipeline
@pytest.mark.parametrize("text,lang,expected", [
    # domestic: police against protesters (one event of each type per sentence)
    ("فرقت الشرطة المصرية مظاهرة لأنصار المعارضة في القاهرة أمس.", "ar", ("EGY", "COP", "COERCE")),
    # one side only: a bombing by unknown people in Baghdad targets Iraq, no source
    ("انفجرت سيارة مفخخة في بغداد أمس ما أدى إلى مقتل عشرة أشخاص.", "ar", (None, None, "ASSAULT")),
    ("Riot police arrested dozens of demonstrators in Istanbul on Saturday.", "en", ("TUR", "COP", "COERCE")),
    ("Gunmen attacked a convoy of aid trucks in Darfur, wounding three drivers.", "en", (None, "UAF", "ASSAULT")),
])
def test_agent_events(text, lang, expected):
    import toolkit

    evs = [e for e in toolkit.annotate(text, lang=lang).event_records if e.type == expected[2]]
    assert evs, f"no {expected[2]} in {text!r}"
    e = evs[0]
    assert (e.source, e.source_agent) == expected[:2], e
    assert "agent" in e.rule or "location" in e.rule
    assert (e.source, e.source_agent) != (e.target, e.target_agent)
    if expected[0] is None and expected[2] == "ASSAULT" and lang == "ar":
        assert e.target == "IRQ" and e.location_country == "IRQ"


@needs_pipeline
def test_agent_takes_its_country_from_a_demonym_a_named_movement_or_the_place():
    import toolkit

    with ev.rules_only():  # the rules' actors; whether the filter keeps a short sentence is another matter
        e = toolkit.annotate("قتل مسلحون حوثيون ثلاثة جنود سعوديين في جازان.", lang="ar").event_records
    assert e and e[0].type == "ASSAULT" and e[0].target == "SAU"
    cases = {
        "اعتقلت قوات الأمن العراقية خمسة مسلحين في الموصل.": ("IRQ", "COP"),
        "Houthi rebels fired a missile at the Saudi city of Jazan.": ("YEM", "REB"),
        "Police in Mosul arrested five suspects.": ("IRQ", "COP"),
    }
    for text, (country, agent) in cases.items():
        with ev.rules_only():  # the news filter drops the Iraqi arrest (COERCE agent events score low)
            got = [(x.source, x.source_agent) for x in toolkit.annotate(text, lang="ar" if "ا" in text else "en")
                   .event_records]
        assert (country, agent) in got, (text, got)


def test_places_annotator_finds_cities_with_their_country():
    from toolkit.annotators import places
    from toolkit.pipeline import doc_for_text

    doc = doc_for_text("وقع انفجار في مدينة الموصل ثم في البصرة، ونشرت صور الحادث وقال الخبر ذلك. Clashes in Aleppo.")
    found = {(m.text, m.value, m.attrs["country"]) for m in places.annotate(doc)}
    assert ("الموصل", "Mosul", "IRQ") in found and ("البصرة", "Basra", "IRQ") in found
    assert ("Aleppo", "Aleppo", "SYR") in found
    assert not any(v in ("Tyre", "Khobar") for _, v, _ in found)  # ambiguous forms need a place word
    doc2 = doc_for_text("قصفت الطائرات مدينة صور اللبنانية.")
    assert [m.value for m in places.annotate(doc2)] == ["Tyre"]
    for m in places.annotate(doc):
        assert doc.text[m.start:m.end] == m.text and m.rule.startswith("places.csv:")


@pytest.mark.parametrize("text,expected", [
    # SaudiNewsNet: common words that are also place names need a place word (and إب its hamza)
    ("وتنظر إليهم الهيئة دوما على أنهم شركاء", []),  # 2015-08-08#912: دوما is "always"
    ("وقعت الحادثة في 15 آب الماضي", []),  # آب (August) is إب once normalised
    ("اجتمع زعماء القبائل في مأرب", [("Marib", "YEM")]),  # القبائل: the tribes, not Kabylie
    ("يرتدي سترة واقية من الرصاص", []),
    ("وأزال الاتفاق العقبة الأخيرة أمام التسوية", []),
    ("وفي إب (وسط اليمن) سيطرت المقاومة الشعبية على ثلاث مديريات", [("Ibb", "YEM")]),  # 2015-08-10#325
    ("كانوا يحاولون الهرب إلى إب، فيما استولى رجال المقاومة", [("Ibb", "YEM")]),  # 2015-08-09#292
    ("وقتل خمسة في مدينة تدمر", [("Palmyra", "SYR")]),
])
def test_a_place_that_is_also_a_word_needs_a_place_word(text, expected):
    from toolkit.annotators import places
    from toolkit.pipeline import doc_for_text

    got = [(m.value, m.attrs.get("country")) for m in places.annotate(doc_for_text(text))
           if m.rule.startswith("places.csv:")]
    assert got == expected


# ----------------------------------------------------------------------------- context and conventions


@needs_pipeline
@pytest.mark.parametrize("text,lang", [
    ("The 2003 invasion of Iraq still shapes the politics of the region.", "en"),
    ("Afghanistan saw more than 140 attacks last month, according to a UN report.", "en"),
    ("Analysts warned that any attack on Iranian nuclear sites could trigger a regional war.", "en"),
    ("شهدت أفغانستان 140 هجوما الشهر الماضي.", "ar"),
    ("وقال الوزير إن أي هجوم على إيران سيشعل المنطقة.", "ar"),
    ("وزار الرئيس أوباما كينيا مرتين في السابق.", "ar"),
])
def test_background_hypothetical_and_aggregates_are_no_events(text, lang):
    import toolkit

    assert not toolkit.annotate(text, lang=lang).event_records


@needs_pipeline
@pytest.mark.parametrize("text,lang,etype", [
    ("North Korea threatened to strike US bases in the Pacific.", "en", "THREATEN"),
    ("Syria accused Israel of striking the Damascus airport.", "en", "ACCUSE"),
    ("The opposition leader launched a fierce attack on the government's economic policy.", "en", None),
    ("هاجم رئيس الوزراء المعارضة بشدة في تصريحات صحفية أمس.", "ar", None),
])
def test_governing_verbs_and_verbal_attacks_change_the_type(text, lang, etype):
    import toolkit

    types = {e.type for e in toolkit.annotate(text, lang=lang).event_records}
    assert "ASSAULT" not in types
    if etype:
        assert etype in types


@needs_pipeline
def test_event_date_is_the_clause_date_else_the_article_date():
    import toolkit
    from toolkit.layout import from_text

    # the date of the statement (another clause) is not the meeting's
    text = "وقال الوزير يوم 3 مارس 2015، إن الرئيس المصري التقى نظيره السعودي في الرياض يوم 5 مارس 2015."
    evs = toolkit.annotate(from_text(text, meta={"date": "2015-03-06"})).event_records
    meet = [e for e in evs if e.type == "CONSULT" and e.evidence == "التقى"]
    assert meet and meet[0].date == "2015-03-05" and meet[0].date_basis == "clause"
    plain = toolkit.annotate(from_text("التقى الرئيس المصري نظيره السعودي في الرياض.",
                                       meta={"date": "2015-03-06"})).event_records
    assert plain and plain[0].date == "2015-03-06" and plain[0].date_basis == "published"
    old = toolkit.annotate(from_text("وفي حفل أقيم عام 1998 التقى الرئيس المصري نظيره السعودي.",
                                     meta={"date": "2015-03-06"})).event_records
    assert not old  # a year in the cue's clause: a past reference


# ----------------------------------------------------------------------------- cost and the filter


def test_sentence_buckets_keep_the_cost_linear():
    """The coder finds mentions of a sentence through per-sentence buckets: an article repeated 20 times
    makes 20 times the events of one copy (and the benchmark, not this test, measures the time)."""
    if not HAVE_ANNOTATORS:
        pytest.skip("mention annotators not available")
    import toolkit

    one = "قصفت تركيا مواقع في سوريا. اعتقلت الشرطة المصرية عشرة ناشطين في القاهرة.\n\n"
    with ev.rules_only():
        n1 = len(toolkit.annotate(one, lang="ar").event_records)
        n20 = len(toolkit.annotate(one * 20, lang="ar").event_records)
    assert n1 >= 2 and n20 == 20 * n1


def test_event_filter_model_has_provenance_and_only_scores_what_it_covers():
    from toolkit import event_filter as flt

    m = flt.model()
    assert m["lang"] == "ar" and set(m["types"]) == {"ASSAULT", "PROTEST"}
    assert "tune part only" in m["provenance"]["data"] and "held-out" in m["provenance"]["data"]
    for t in m["types"].values():
        assert 0 < t["threshold"] < 1 and t["cv"]["sentences"] > 100 and t["weights"]
    assert not flt.covers("en", "ASSAULT") and not flt.covers("ar", "CONSULT")
    p_strong = flt.probability("ASSAULT", {"cue:ar.l.explode", "date:clause", "w:امس", "path:agents"})
    assert 0.0 < p_strong < 1.0


ENGLISH_HELDOUT = Path(__file__).resolve().parent / "data" / "events_en_heldout.jsonl"


@needs_pipeline
def test_english_heldout_fifth_meets_the_floor():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import score_events_en

    got = score_events_en.score("heldout")
    assert got["type_f1"] >= 0.65 and got["triple_recall"] >= 0.50, got
    recs = score_events_en.records("all")
    assert len(recs) >= 300 and len(score_events_en.records("heldout")) * 5 >= len(recs) - 5
    assert {e["type"] for r in recs for e in r["events"]} == set(ev.plover_table())


def test_news_filter_model_has_provenance_and_never_saw_the_v9_sample():
    from toolkit import event_filter as flt

    m = flt.news_model()
    assert m["lang"] == "ar" and m["name"] == flt.NEWS_NAME and m["weights"]
    assert 0.3 < m["threshold"] < 0.9
    prov = m["provenance"]
    # version 4: trained on the dev samples up to v7; v9, drawn after it, is the measure
    assert not {"events_snn_sample9.jsonl", "events_snn_sample10.jsonl", "events_snn_sample11.jsonl"} & set(
        prov["trained_on"])
    assert "events_snn_sample7.jsonl" in prov["trained_on"]
    assert prov["examples"] >= 200 and prov["held_out"]["events"] >= 30
    assert flt.news_covers("ar") and not flt.news_covers("en")
    background = {"t:COERCE", "m:negation", "m:both", "ctx:relative", "ta:IGO", "how:bilateral-fallback"}
    told = {"t:ASSAULT", "how:verb-first", "date:clause", "lead:1", "sides:1111", "mode:done"}
    assert 0.0 < flt.news_probability(background) < flt.news_probability(told) < 1.0


NEWS_SENTENCES = (
    "اعتقلت قوات الأمن العراقية خمسة مسلحين في الموصل.\n\nاعتقلت الشرطة المصرية عشرة ناشطين في القاهرة.\n\n"
    "قصفت تركيا أمس الخميس مواقع لتنظيم داعش الارهابي في سوريا ردا على مقتل احد جنودها.\n\n"
    "التقى الرئيس المصري عبد الفتاح السيسي اليوم بالقاهرة الرئيس عبد ربه منصور هادي رئيس الجمهورية اليمنية.\n\n"
    "وقال الجبير إن التنسيق والتشاور مستمر بين السعودية ومصر.")


@needs_pipeline
def test_news_filter_scores_every_arabic_event_and_drops_by_default_only_agent_events_it_alone_decides():
    import toolkit
    from toolkit import event_filter as flt

    ev.EVENT_SINK = []
    try:
        out = toolkit.annotate(NEWS_SENTENCES, lang="ar").event_records
        seen = ev.EVENT_SINK
    finally:
        ev.EVENT_SINK = None
    assert len(seen) >= 4
    key = {(e.start, e.type, e.source, e.target, e.source_agent, e.target_agent) for e in out}
    th = flt.news_threshold()
    dropped = 0
    for e, nf in seen:
        p = flt.news_probability(nf)
        drop = "path:agents" in nf and not flt.covers("ar", e.type) and p < th
        dropped += drop
        assert ((e.start, e.type, e.source, e.target, e.source_agent, e.target_agent) not in key) == drop, (e, p)
    assert dropped >= 1 and all(e.confidence is not None and flt.NEWS_NAME in e.rule for e in out)
    with ev.news_only():
        strict = toolkit.annotate(NEWS_SENTENCES, lang="ar").event_records
    assert strict and all(e.confidence >= th for e in strict) and len(strict) < len(out)
    en = toolkit.annotate("Police in Mosul arrested five suspects.", lang="en").event_records
    assert en and all(flt.NEWS_NAME not in e.rule for e in en)


SNN_SAMPLE = Path(__file__).resolve().parent / "data" / "events_snn_sample.jsonl"


@pytest.mark.parametrize("path", [SNN_SAMPLE, SNN_SAMPLE.with_name("events_snn_diagnostic2.jsonl"),
                                  SNN_SAMPLE.with_name("events_snn_sample3.jsonl"),
                                  SNN_SAMPLE.with_name("events_snn_sample4.jsonl"),
                                  SNN_SAMPLE.with_name("events_snn_sample5.jsonl"),
                                  SNN_SAMPLE.with_name("events_snn_sample6.jsonl"),
                                  SNN_SAMPLE.with_name("events_snn_sample7.jsonl"),
                                  SNN_SAMPLE.with_name("events_snn_sample8.jsonl"),
                                  SNN_SAMPLE.with_name("events_snn_sample9.jsonl"),
                                  SNN_SAMPLE.with_name("events_snn_sample10.jsonl"),
                                  SNN_SAMPLE.with_name("events_snn_sample11.jsonl")],
                         ids=["sample", "diagnostic2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11"])
def test_snn_sample_is_references_with_verdicts(path):
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) >= 150
    for r in rows:
        assert set(r) >= {"zip", "record", "start", "end", "type", "source", "target", "verdict", "reason"}
        assert r["verdict"] in ("right", "wrong") and r["reason"]
        assert "sentence" not in r and "text" not in r  # references only: the text stays in ../shared


@pytest.mark.skipif(not (SHARED / "corpora" / "saudinewsnet").exists(), reason="../shared/corpora not available")
@pytest.mark.parametrize("which", ["v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11"])
def test_snn_sample_references_point_at_the_sentences(which):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import events_snn_sample as S

    rows = S.load({"v2": S.SAMPLE, "v3": S.SAMPLE_V3, "v4": S.SAMPLE_V4, "v5": S.SAMPLE_V5, "v6": S.SAMPLE_V6,
                   "v7": S.SAMPLE_V7, "v8": S.SAMPLE_V8, "v9": S.SAMPLE_V9, "v10": S.SAMPLE_V10,
                   "v11": S.SAMPLE_V11}[which])
    if which == "v3":
        assert {r["zip"] for r in rows} == set(S.DAYS_V3) and len(rows) == S.SIZE_V3
        assert not {(r["zip"], r["record"]) for r in rows} & S.READ_RECORDS_V3
    if which == "v4":
        # every event of the drawn records when they were fewer than SIZE_V4; none from v3's records
        assert {r["zip"] for r in rows} == set(S.DAYS_V3) and 150 <= len(rows) <= S.SIZE_V4
        seen = S.records_v3()
        assert not any(r["record"] in seen[r["zip"]] for r in rows)
        assert not {(r["zip"], r["record"]) for r in rows} & S.READ_RECORDS_V3
        assert all(r["verdict_strict"] in ("right", "wrong") for r in rows)
        # v4's draws replayed: the records it drew hold every judged event; v5's pool leaves them out
        v4 = S.records_v4()
        assert all(r["record"] in v4[r["zip"]] for r in rows)
        assert not any(seen[d] & v4[d] for d in S.DAYS_V3)
    if which == "v5":
        # drawn from the v3 days' records that neither v3 nor v4 drew nor the tests quote
        assert {r["zip"] for r in rows} == set(S.DAYS_V3) and len(rows) == S.SIZE_V5
        v3, v4 = S.records_v3(), S.records_v4()
        assert not any(r["record"] in v3[r["zip"]] or r["record"] in v4[r["zip"]] for r in rows)
        # v5's draws replayed hold every judged event (v6's pool leaves them out)
        v5 = S.records_v5()
        assert all(r["record"] in v5[r["zip"]] for r in rows)
        assert all(r["verdict_second"] in ("right", "wrong") and r["reason_second"] for r in rows)
        assert not {(r["zip"], r["record"]) for r in rows} & S.READ_RECORDS_V3
        assert all(r["verdict_strict"] in ("right", "wrong") for r in rows)
    if which == "v6":
        # drawn from the v3 days' records that v3, v4 and v5 left; dev material since its figure was quoted
        assert {r["zip"] for r in rows} == set(S.DAYS_V3) and len(rows) == S.SIZE_V6
        v3, v4, v5 = S.records_v3(), S.records_v4(), S.records_v5()
        assert not any(r["record"] in v3[r["zip"]] | v4[r["zip"]] | v5[r["zip"]] for r in rows)
        assert not {(r["zip"], r["record"]) for r in rows} & S.READ_RECORDS_V3
        assert all(r["verdict_strict"] in ("right", "wrong") for r in rows)
        import events_snn_dev as D

        assert S.SAMPLE_V6.name in D.FILES
        # v6's draws replayed hold every judged event (v7's pool leaves them out)
        v6 = S.records_v6()
        assert all(r["record"] in v6[r["zip"]] for r in rows) and not any(v5[d] & v6[d] for d in S.DAYS_V3)
    if which == "v7":
        # drawn from the v3 days' records that v3 to v6 left; dev material since its errors were read (2026-12-04)
        assert {r["zip"] for r in rows} == set(S.DAYS_V3) and len(rows) == S.SIZE_V7
        earlier = [S.records_v3(), S.records_v4(), S.records_v5(), S.records_v6()]
        assert not any(r["record"] in e[r["zip"]] for e in earlier for r in rows)
        assert not {(r["zip"], r["record"]) for r in rows} & S.READ_RECORDS_V3
        assert all(r["verdict_strict"] in ("right", "wrong") for r in rows)
        import events_snn_dev as D

        assert S.SAMPLE_V7.name in D.FILES
        v7 = S.records_v7()
        assert all(r["record"] in v7[r["zip"]] for r in rows) and not any(earlier[-1][d] & v7[d] for d in S.DAYS_V3)
    if which == "v8":
        # drawn from the v3 days' records that v3 to v7 left; dev material since its errors were read (2026-12-04)
        assert {r["zip"] for r in rows} == set(S.DAYS_V3) and len(rows) == S.SIZE_V8
        earlier = [S.records_v3(), S.records_v4(), S.records_v5(), S.records_v6(), S.records_v7()]
        assert not any(r["record"] in e[r["zip"]] for e in earlier for r in rows)
        assert not {(r["zip"], r["record"]) for r in rows} & S.READ_RECORDS_V3
        assert all(r["verdict"] in ("right", "wrong") and r["verdict_strict"] in ("right", "wrong") and r["reason"]
                   for r in rows)
        import events_snn_dev as D

        assert S.SAMPLE_V8.name in D.FILES
        v8 = S.records_v8()
        assert all(r["record"] in v8[r["zip"]] for r in rows) and not any(earlier[-1][d] & v8[d] for d in S.DAYS_V3)
        # the ninth sample's days are none of these, and it leaves out every record tests/data names
        assert not set(S.DAYS_V9) & (set(S.DAYS_V3) | set(S.DAYS_POOL) | {f"{d}.zip" for d in S.EXCLUDED_DAYS})
        assert ("2015-07-21.zip", 288) in S.quoted_records()
    if which == "v9":
        # two days no sample drew from; dev material since its errors were read (2026-12-04); its draw kept
        assert {r["zip"] for r in rows} == set(S.DAYS_V9) and len(rows) == S.SIZE_V9
        assert all(r["verdict"] in ("right", "wrong") and r["verdict_strict"] in ("right", "wrong") and r["reason"]
                   for r in rows)
        import events_snn_dev as D

        assert S.SAMPLE_V9.name in D.FILES
        v9 = S.records_v9()
        assert all(len(v9[d]) == S.PER_DAY_V9 for d in S.DAYS_V9)
        assert all(r["record"] in v9[r["zip"]] for r in rows)
        left = S._kept_draw(S.DRAW_V9)[0]
        assert left and not any(i in v9[d] for d, i in left)
    if which == "v10":
        # the v9 days' other records; the measure until 2026-12-06, dev material since (v11 is the measure)
        assert {r["zip"] for r in rows} == set(S.DAYS_V9) and len(rows) == S.SIZE_V10
        assert all(r["verdict"] in ("right", "wrong") and r["verdict_strict"] in ("right", "wrong") and r["reason"]
                   for r in rows)
        import events_snn_dev as D

        assert S.SAMPLE_V10.name in D.FILES
        v9, v10 = S.records_v9(), S.records_v10()
        assert all(r["record"] in v10[r["zip"]] for r in rows) and not any(v9[d] & v10[d] for d in S.DAYS_V9)
    if which == "v11":
        # the v9 days' records v9 and v10 did not draw or leave out; the measure (not dev material) until tuned on
        assert {r["zip"] for r in rows} == set(S.DAYS_V9) and len(rows) == S.SIZE_V11
        assert all(r["verdict"] in ("right", "wrong") and r["verdict_strict"] in ("right", "wrong") and r["reason"]
                   for r in rows)
        import events_snn_dev as D

        assert S.SAMPLE_V11.name not in D.FILES
        v9, v10, v11 = S.records_v9(), S.records_v10(), S.records_v11()
        assert all(len(v11[d]) == S.PER_DAY_V11 for d in S.DAYS_V9)
        assert all(r["record"] in v11[r["zip"]] for r in rows)
        assert not any((v9[d] | v10[d]) & v11[d] for d in S.DAYS_V9)
        left = S._kept_draw(S.DRAW_V11)[0]
        assert not any(i in v11[d] for d, i in left)
    cache: dict = {}
    for r in rows[:40]:
        sent = S.sentence(r, cache)
        assert sent and len(sent) == r["end"] - r["start"]
        assert str(r["evidence"]).split(" … ")[-1][:2] in sent or r["evidence"] in sent


def test_a_preposition_does_not_make_a_verb_cue():
    """«بحث» (discussed) is no ب + «حث» (urged): a preposition never attaches to a finite verb
    (two sentences of SaudiNewsNet 2015-07-24 were coded REQUEST for it); «لدعم» (ل + the masdar)
    and «ليحث» (ل + the imperfect) still are cues, and «بحث ... مع» with the subject between is talks."""
    def coded(text: str) -> set[tuple]:
        return {(e.source, e.target, e.type) for e in toolkit.annotate(text, lang="ar").events.itertuples()}

    assert coded("وبحث وزير الخارجية السعودي مع نظيره المصري العلاقات الثنائية.") == {("SAU", "EGY", "CONSULT")}
    assert coded("وحث وزير الخارجية السعودي نظيره المصري على حضور المؤتمر.") == {("SAU", "EGY", "REQUEST")}
    assert coded("ليحث الرئيس الأمريكي إسرائيل على وقف الغارات.") == {("USA", "ISR", "REQUEST")}
    assert not coded("وبحث وزير الخارجية السعودي معلومات عن مصر.")


def test_what_talks_are_about_is_no_party():
    """«حول اليمن», «بشأن ليبيا», "about Yemen": the country after a topic word is what the event
    is about, not its target (SaudiNewsNet 2015-07-23: meetings in Cairo about Yemen were coded
    Saudi Arabia → Yemen). The city where the meetings were held is their venue, no party (judged
    SaudiNewsNet: a venue taken as the counterpart was right 6 times in 23)."""
    def coded(text: str, lang: str = "ar") -> set[tuple]:
        return {(e.source, e.target, e.type) for e in toolkit.annotate(text, lang=lang).events.itertuples()}

    assert not any(t == "YEM" for _, t, _ in coded("وعقد وزير الخارجية السعودي اجتماعات في القاهرة حول اليمن."))
    assert coded("وعقد وزير الخارجية السعودي اجتماعات مع نظيره المصري حول اليمن.") == {("SAU", "EGY", "CONSULT")}
    assert coded("بحث الرئيس المصري مع نظيره الفرنسي بشأن ليبيا.") == {("EGY", "FRA", "CONSULT")}
    assert not any(t == "YEM" for _, t, _ in coded("The Saudi foreign minister held talks in Cairo about Yemen.", "en"))
    assert coded("The Saudi foreign minister held talks with his Egyptian counterpart about Yemen.", "en") == {
        ("SAU", "EGY", "CONSULT")}
    assert coded("Saudi Arabia and Egypt held talks about Yemen on Monday.", "en") == {
        ("SAU", "EGY", "CONSULT"), ("EGY", "SAU", "CONSULT")}


def test_a_country_inside_the_object_of_a_judging_verb_is_no_target():
    """ندد/رحب + ب + a noun: a country after a preposition inside that noun's phrase belongs to it
    (SaudiNewsNet 2015-07-24: «ونددت البحرين بتصريحات المالكي ضد السعودية» was coded Bahrain →
    Saudi Arabia); a country right after the noun (its genitive) stays the target, a manner adverb
    (بشدة) is no object, and a demand keeps the country its object names."""
    def coded(text: str) -> set[tuple]:
        return {(e.source, e.target, e.type) for e in toolkit.annotate(text, lang="ar").events.itertuples()}

    assert coded("ونددت البحرين بتصريحات المالكي ضد السعودية.") == set()
    assert coded("ورحبت السعودية بالاتفاق النووي مع إيران.") == set()
    assert coded("وأشاد الرئيس الروسي بدور السعودية في الوساطة.") == {("RUS", "SAU", "SUPPORT")}
    assert coded("وأدانت مصر بشدة العدوان الإسرائيلي على غزة.") == {("EGY", "ISR", "ACCUSE")}
    assert ("JOR", "ISR", "REQUEST") in coded("متظاهرون أردنيون يطالبون بقطع العلاقات مع إسرائيل.")


def _coded_ar(text: str) -> set[tuple]:
    return {(e.source, e.target, e.source_agent, e.target_agent, e.type)
            for e in toolkit.annotate(text, lang="ar").event_records}


@needs_pipeline
def test_a_pluperfect_recalls_what_had_happened_before_the_news():
    """كان before a perfect verb in its clause (SaudiNewsNet: «وكان الجانبان قد اتفقا», «وكانت جبهة النصرة
    خطفت ثمانية عناصر», «وكان ميناء بورتسودان استقبل»): background, no event. The same verb without كان, an
    imperfect after it, still is one."""
    assert not _coded_ar("وكانت تركيا قد اتفقت مع الولايات المتحدة على استخدام قاعدة انجرليك.")
    assert not _coded_ar("وكانت جبهة النصرة خطفت ثمانية عناصر من الفرقة 30 مساء الأربعاء.")
    assert ("TUR", "USA", None, None, "AGREE") in _coded_ar("واتفقت تركيا مع الولايات المتحدة على استخدام قاعدة انجرليك.")
    assert _coded_ar("وخطفت جبهة النصرة ثمانية عناصر من الفرقة 30 مساء الأربعاء.")


@needs_pipeline
def test_a_time_long_before_the_news_or_a_period_summed_up_is_no_event():
    """«بعد هجوم الشهر الماضي», «ووقع هجوم مماثل قبل ثلاثة أشهر», «173 مدنيا قتلوا ... خلال هذه الفترة»
    (SaudiNewsNet 2015-07-24) are past references and tolls; last week and two days ago are still news."""
    assert not _coded_ar("والقوات التونسية في حالة تأهب بعد هجوم الشهر الماضي على منتجع ساحلي في مدينة سوسة.")
    assert not _coded_ar("ووقع هجوم مماثل قبل ثلاثة أشهر في متحف باردو بالعاصمة تونس على يد مسلحين.")
    assert not _coded_ar("وقال المرصد إن 173 مدنيا قتلوا جراء هذه الغارات خلال هذه الفترة.")
    assert _coded_ar("ووقع هجوم على يد مسلحين قبل يومين في متحف باردو بالعاصمة تونس.")
    assert _coded_ar("قتل 3 من أفراد الشرطة التركية ومدني، أمس، في هجوم في جنوب شرق تركيا.")


@needs_pipeline
def test_a_pair_guessed_beyond_the_clause_needs_an_article_about_two_countries():
    """«وجرت محادثات بين البلدين» names no side: the bilateral fallback takes the article's two countries only
    when they hold most of its country mentions; in an article about many countries it guesses no pair."""
    base = "زار الرئيس المصري موسكو والتقى الرئيس الروسي فلاديمير بوتين. وجرت محادثات بين البلدين في الكرملين."
    many = base + " وتناول الحديث دور مصر وروسيا في سوريا والعراق واليمن وليبيا ولبنان والسودان وتركيا وإيران."

    def guessed(text: str) -> set[tuple]:
        return {(e.source, e.target, e.type) for e in toolkit.annotate(text, lang="ar").event_records
                if e.sentence == 1 and "bilateral-fallback" in e.rule}

    assert guessed(base) == {("EGY", "RUS", "CONSULT")}
    assert not guessed(many)


def _coded_dated(text: str, published: str | None) -> set[tuple]:
    from toolkit.layout import from_text

    article = from_text(text, id="t", meta={"date": published} if published else None)
    return {(e.source, e.target, e.type, e.date) for e in toolkit.annotate(article, lang="ar").event_records}


@needs_pipeline
def test_an_event_dated_more_than_two_years_before_the_article_is_history_recalled():
    """«في يونيو 2012» in an August 2015 article (SaudiNewsNet dev pool: the 1990 invasion of Kuwait, the
    1995 Srebrenica massacre, a 2012 arrest) is the past an article recalls; a date of the last two years is
    the event's own date (the seed's commission session of October 2024 in an April 2025 article)."""
    met = "والتقى الرئيس المصري عبد الفتاح السيسي نظيره الروسي فلاديمير بوتين في موسكو في "
    assert _coded_dated(met + "يونيو 2012.", "2015-08-07") == set()
    assert _coded_dated(met + "يونيو 2014.", "2015-08-07") == {("EGY", "RUS", "CONSULT", "2014-06")}
    assert _coded_dated(met + "26 يونيو الماضي.", "2015-08-07") == {("EGY", "RUS", "CONSULT", "2015-06-26")}
    assert _coded_dated(met + "يونيو 2012.", None) == {("EGY", "RUS", "CONSULT", "2012-06")}


@needs_pipeline
def test_a_meetings_venue_is_no_counterpart_but_a_visits_destination_is():
    """«Kerry met ASEAN counterparts in Kuala Lumpur» (SaudiNewsNet v4): Malaysia is the venue, no party."""
    assert not any(t == "MYS" for _, t, *_ in _coded_ar("والتقى كيري نظراءه في دول آسيان خلال الاجتماعات في كوالالمبور."))
    assert ("USA", "MYS", "GOV", None, "CONSULT") in _coded_ar("وزار وزير الخارجية الأمريكي جون كيري ماليزيا.")


@needs_pipeline
def test_a_coalitions_strikes_come_from_the_coalition():
    """«قصف طيران التحالف مواقع الحوثيين» (SaudiNewsNet dev pool): the coalition (an IGO, a military
    alliance) is the source, the Houthis the target; never the coalition as the one struck."""
    got = _coded_ar("وفي السياق نفسه، قصف طيران التحالف مواقع الحوثيين وقوات صالح في الجفينة.")
    assert (None, "YEM", "IGO", "REB", "ASSAULT") in got
    got = _coded_ar("وأشار المرصد إلى مقتل عشرة أشخاص جراء غارات التحالف الدولي على مناطق في سورية.")
    assert got and all(e[3] != "IGO" for e in got) and any(e[2] == "IGO" and e[1] == "SYR" for e in got)


@needs_pipeline
def test_a_blast_names_its_victims_and_a_count_reads_the_passive():
    """«تفجير انتحاري ... بمعسكر قوات الطوارئ» (SaudiNewsNet v4): the state force named by a bombing is its
    target; «قتل 13 مسلحا» is "13 gunmen were killed", not gunmen killing; «قتل مسلحون ثلاثة جنود» is."""
    got = _coded_ar("وكان تفجير انتحاري قد وقع ظهر اليوم بمعسكر قوات الطوارئ الخاصة بأبها، أسفر عن استشهاد 15 شخصًا.")
    assert got == {(None, "SAU", None, "MIL", "ASSAULT")}
    assert not any(e[2] == "UAF" for e in _coded_ar("وفي محافظة مأرب قتل 13 مسلحا حوثيا."))
    assert any(e[2] == "UAF" and e[3] == "MIL" for e in _coded_ar("قتل مسلحون ثلاثة جنود في هجوم على نقطة تفتيش في سيناء."))


@needs_pipeline
def test_who_reports_an_attack_is_no_side_of_it_unless_it_tells_its_own_act():
    """«وقالت الشرطة ... اصيبت في هجوم صاروخي» (SaudiNewsNet dev pool, Burundi): the police tell of the
    attack; «قالت الشرطة إنها اعتقلت» tells its own act; armies mostly report their own strikes."""
    assert not any(e[2] == "COP" for e in _coded_ar(
        "وقالت الشرطة وشهود عيان ان سيارة الجنرال اصيبت في هجوم صاروخي في العاصمة قبيل منتصف نهار اليوم."))
    assert any(e[2] == "UAF" and e[1] == "EGY" for e in _coded_ar(
        "وقالت الشرطة المصرية إن مسلحين هاجموا نقطة تفتيش في سيناء."))
    assert ("EGY", "EGY", "COP", "CVL", "COERCE") in _coded_ar("قالت الشرطة المصرية إنها اعتقلت ثلاثة متظاهرين في القاهرة.")
    assert ("IRQ", None, "MIL", "UAF", "ASSAULT") in _coded_ar("أعلن الجيش العراقي أنه قتل 20 مسلحا في هجوم على مواقع داعش.")


@needs_pipeline
def test_an_international_ngo_is_no_igo():
    """The ICRC president's visit to Yemen (SaudiNewsNet dev pool): the ICRC is an NGO (organizations.csv
    type ngo_intl), not an intergovernmental body."""
    assert ("ICRC", "YEM", "NGO", None, "CONSULT") in _coded_ar(
        "بدأ رئيس اللجنة الدولية للصليب الأحمر السبت زيارة إلى اليمن تستمر ثلاثة أيام.")


@needs_pipeline
def test_other_senses_no_event():
    """SaudiNewsNet dev pool: تقاطع is a road intersection (a boycott names what is boycotted), a landslide
    or a wildfire kills with no attacker, «ينبغي أن يتفق الجانبان» is advice."""
    assert not _coded_ar("وأشار إلى أن أعمال تنفيذ مشروع الطريق تبدأ من تقاطع قرية المرشدية إلى مركز حداء.")
    assert ("EGY", None, "OPP", None, "PROTEST") in _coded_ar("وقاطعت المعارضة المصرية الانتخابات البرلمانية.")
    assert not _coded_ar("قالت الشرطة الهندية اليوم السبت أن 20 شخصا على الأقل قتلوا في انهيار أرضي سببته أمطار موسمية غزيرة.")
    assert not _coded_ar("كما ينبغي أن يتفق الجانبان الأمريكي والتركي على نهج مشترك.")
    assert ("USA", "TUR", None, None, "AGREE") in _coded_ar("واتفق الجانبان الأمريكي والتركي على نهج مشترك.")


@needs_pipeline
def test_a_list_or_a_pair_of_places_names_no_two_sides():
    """«تفجير خط أنابيب ... بين تركيا وإيران», «مفاوضات ... مع السعودية والكويت والإمارات» (SaudiNewsNet dev
    pool) are no Turkey-Iran assault and no Kuwait-Saudi talks; clashes between two armies are mutual."""
    assert not any({s, t} == {"TUR", "IRN"} for s, t, *_ in _coded_ar(
        "تم تفجير خط أنابيب للغاز الطبيعي بين تركيا وإيران في إقليم أجري بشرقي تركيا."))
    assert not _coded_ar("وهناك مفاوضات فيها بالفعل مع السعودية والكويت والإمارات.")
    got = {(s, t) for s, t, *_ in _coded_ar("واندلعت اشتباكات بين القوات الأرمينية والأذربيجانية على الحدود.")}
    assert got == {("ARM", "AZE"), ("AZE", "ARM")}


@needs_pipeline
def test_a_subject_of_an_earlier_clause_must_be_near_and_not_behind_a_relative():
    """An actor before the cue's clause is its subject when it stands near (وصل كارتر ... في زيارة); with a
    relative clause between (تصريحات المالكي ... التي أدلى بها ... واصفا ... اتهامات, SaudiNewsNet dev) or
    far before, it belongs to another clause: no Iraqi accusation of the GCC."""
    near = ("وصل آشتون كارتر وزير الدفاع الاميركي، اليوم (الخميس)، إلى بغداد، في زيارة غير معلنة، للبحث مع "
            "مسؤولين سياسيين وعسكريين في المواجهة ضد تنظيم «داعش».")
    assert ("USA", "IRQ") in {(s, t) for s, t, *_ in _coded_ar(near)}
    behind = ("استنكر الدكتور عبد اللطيف الزياني الأمين العام لمجلس التعاون لدول الخليج العربية، بشدة، تصريحات "
              "نوري المالكي نائب رئيس العراق تجاه السعودية، التي أدلى بها إلى إحدى محطات التلفزيون العراقية، واصفا "
              "تلك التصريحات بأنها غير مسؤولة واتهامات باطلة وشائنة.")
    assert not any(s == "IRQ" for s, *_ in _coded_ar(behind))


@needs_pipeline
def test_a_word_with_the_article_after_the_verb_is_no_unknown_subject():
    """«رحب الأمين العام لجامعة الدول العربية ... بإعلان القاهرة ... زيارة ... الأمير محمد بن سلمان»
    (SaudiNewsNet dev): الأمين is a title with the article, not a name the lexicons miss, so the
    Saudi prince named later is not the one who welcomed; an unknown name there (فابيوس) still is."""
    got = _coded_ar("رحب الأمين العام لجامعة الدول العربية نبيل العربي بإعلان القاهرة الصادر في ختام زيارة الأمير "
                    "محمد بن سلمان ولي ولي العهد للقاهرة.")
    assert not any(s == "SAU" and t == "EGY" for s, t, _, _, typ in got if typ == "SUPPORT")
    assert not ev._bare_word(ev._Tokens([0], [6], ["الأمين"]), 0)
    assert not ev._bare_word(ev._Tokens([0], [4], ["بعمق"]), 0)
    assert ev._bare_word(ev._Tokens([0], [6], ["فابيوس"]), 0) and ev._bare_word(ev._Tokens([0], [5], ["بوتين"]), 0)


@needs_pipeline
def test_past_eras_and_starts_are_background():
    """SaudiNewsNet dev: «فقبل 51 عاما أبرمت اتفاقية الحدود», «أثناء عهد الرئيس بيل كلينتون», «آنذاك»,
    «منذ اللحظة الأولى لغزو الكويت», «في الفترة الماضية», a subject with its apposition between كان and
    the verb (وكان الطفل الفلسطيني علي دوابشة (18 شهرا) قتل): what the article recalls, no event."""
    assert not _coded_ar("فقبل 51 عاما أبرمت السعودية والأردن اتفاقية الحدود البرية.")
    assert _coded_ar("وأبرمت السعودية والأردن اتفاقية الحدود البرية.")
    assert not _coded_ar("وأجرت الولايات المتحدة مفاوضات مع كوريا الشمالية أثناء عهد الرئيس بيل كلينتون.")
    assert _coded_ar("وأجرت الولايات المتحدة مفاوضات مع كوريا الشمالية.")
    assert not _coded_ar("واستضافت السعودية القيادة الكويتية في الطائف آنذاك.")
    assert not any(t == "SYR" for _, t, *_ in _coded_ar("وكان الطفل السوري علي دوابشة (18 شهرا) قتل حرقا."))
    assert not _coded_ar("وخرج المتظاهرون في المدن الليبية في الفترة الماضية احتجاجا على أحكام الإعدام.")
    assert not _coded_ar("منذ أن بدأت المفاوضات بين إيران والولايات المتحدة تغيرت المنطقة.")
    assert _coded_ar("بدأت المفاوضات بين إيران والولايات المتحدة في فيينا.")


@needs_pipeline
def test_a_players_injury_is_no_assault():
    """«كما يغيب المهاجم الدولي داني ويلبيك لإصابة في ركبته» (SaudiNewsNet dev): sport, no assault."""
    assert not _coded_ar("كما يغيب المهاجم الدولي الإنجليزي داني ويلبيك لإصابة في ركبته.")


@needs_pipeline
def test_a_body_coordinated_after_a_country_is_not_its_agent():
    """«بين أمريكا ومجلس التعاون» (SaudiNewsNet dev): the GCC is the second party, not the United States'
    agent word; «الشرطة المصرية» still makes Egypt's police."""
    got = {(s, sa) for s, _, sa, _, _ in _coded_ar(
        "وهناك عدة اجتماعات عقدت وفرق عمل أنشئت بين أمريكا ومجلس التعاون لهذا الغرض.")}
    assert ("USA", None) in got and ("USA", "IGO") not in got
    assert ("EGY", "COP") in {(s, sa) for s, _, sa, _, _ in _coded_ar("واعتقلت الشرطة المصرية عشرة متظاهرين في القاهرة.")}
    en = toolkit.annotate("US troops killed ten militants in Kabul on Monday.", lang="en").event_records
    assert ("USA", "MIL") in {(e.source, e.source_agent) for e in en}


@needs_pipeline
def test_a_condition_or_a_capability_to_come_is_no_event():
    """«متى ما أخلت إيران بالتزاماتها», «ستتمكن الولايات المتحدة من إرسال» (SaudiNewsNet dev)."""
    assert not _coded_ar("وتعود العقوبات متى ما أخلت إيران بالاتفاق مع الولايات المتحدة.")
    assert _coded_ar("وأخلت إيران بالاتفاق مع الولايات المتحدة.")


@needs_pipeline
def test_the_people_a_states_police_arrest_are_of_its_country():
    """«واعتقلت الشرطة المصرية عشرة متظاهرين» with no place named gave no event (the protesters had no
    country); police and courts act at home. An army does not: troops abroad strike foreigners."""
    assert ("EGY", "EGY", "COP", "CVL", "COERCE") in {
        (s, t, sa, ta, ty) for s, t, sa, ta, ty in _coded_ar("واعتقلت الشرطة المصرية عشرة متظاهرين.")}
    en = toolkit.annotate("Turkish police detained 20 protesters on Sunday.", lang="en").event_records
    assert ("TUR", "TUR", "CVL") in {(e.source, e.target, e.target_agent) for e in en}
    en = toolkit.annotate("US troops killed ten militants on Monday.", lang="en").event_records
    assert all(e.target != "USA" for e in en)


@needs_pipeline
def test_a_country_right_after_a_visit_verb_is_the_place_visited():
    """«إنه زار الجزائر» (SaudiNewsNet v5): Algeria is where the Tunisian adviser went, not the visitor
    (the coder gave DZA -> TUN); with the visitor named before the verb, the visit goes from it."""
    real = ("من جانبه، قال السفير خميس الجهيناوي، المستشار الدبلوماسي للرئيس التونسي، لـ«الشرق الأوسط» إنه زار "
            "الجزائر، والتقى الرئيس الجزائري عبد العزيز بوتفليقة، وثلة من كبار مساعديه.")
    visits = {(e.source, e.target) for e in toolkit.annotate(real, lang="ar").event_records if e.evidence == "زار"}
    assert ("DZA", "TUN") not in visits
    got = {(e.source, e.target, e.type) for e in toolkit.annotate(
        "وقال الرئيس التونسي إنه زار الجزائر الأسبوع الماضي.", lang="ar").event_records}
    assert ("TUN", "DZA", "CONSULT") in got and ("DZA", "TUN", "CONSULT") not in got
    # the visitor after the place (corpus/027: the coder gave SYR -> RUS), two places visited are no pair
    got = {(e.source, e.target) for e in toolkit.annotate(
        "وفي 28 كانون الثاني/يناير 2025، زار دمشق وفد روسي برئاسة نائب وزير الخارجية.", lang="ar").event_records}
    assert got == {("RUS", "SYR")}
    assert not toolkit.annotate("زار الجزائر والمغرب الأسبوع الماضي.", lang="ar").event_records


@needs_pipeline
def test_a_visits_destination_marked_by_a_preposition_is_the_host():
    """«زيارة ولي ولي العهد للأردن ... بين البلدين» (SaudiNewsNet v5): when the pair comes from the
    article, the country the visit goes to (للأردن) is the host, the other the visitor; the fallback
    gave both directions."""
    text = ("وتتواصل في الأردن أصداء زيارة المسؤول السعودي إلى المملكة الأردنية، وقد استقبله العاهل الأردني في عمان. "
            "الوزير السابق الدكتور أمين مشاقبة أكد على أخوية العلاقات بين البلدين، القائمة على الاحترام المتبادل "
            "والعلاقات الطيبة معتبراً أن زيارة ولي ولي العهد للأردن تؤكد عمق العلاقات بين البلدين الشقيقين.")
    got = {(e.source, e.target, e.type) for e in toolkit.annotate(text, lang="ar").event_records}
    assert ("SAU", "JOR", "CONSULT") in got and ("JOR", "SAU", "CONSULT") not in got


@needs_pipeline
def test_taking_part_as_a_noun_is_no_cooperation():
    """«ومن هذه الجهود مشاركة المملكة ودول المجلس بفاعلية في التحالف الدولي» (SaudiNewsNet v5): a part in a
    coalition, no act of cooperation (the coder gave SAU -> SYR COOPERATE); the verb in joint drills is one."""
    text = ("ومن هذه الجهود مشاركة المملكة العربية السعودية بفاعلية في التحالف الدولي لمحاربة تنظيم داعش الإرهابي "
            "في العراق وسورية.")
    assert not any(t == "COOPERATE" for *_, t in _coded_ar(text))
    assert any(t == "COOPERATE" for *_, t in _coded_ar("وشاركت القوات المصرية مع القوات السعودية في تدريب مشترك."))


@needs_pipeline
def test_a_blessing_after_a_name_is_no_event():
    """«الملك سلمان بن عبدالعزيز آل سعود – أيده الله – لإغاثة شعب النيبال» (SaudiNewsNet v6): «may God
    support him» was coded SAU -> NPL SUPPORT; a verb whose subject is الله is a blessing, no event."""
    text = ("حطت آخر طائرة من الجسر الإغاثي للمساعدات الإنسانية السعودية التي أمر به خادم الحرمين الشريفين الملك "
            "سلمان بن عبدالعزيز آل سعود – أيده الله – لإغاثة شعب النيبال بمطار تريبوفان الدولي بالعاصمة كاتماندو أمس.")
    assert not any(t == "SUPPORT" for *_, t in _coded_ar(text))
    assert ("SAU", "NPL", None, None, "SUPPORT") in _coded_ar("وأيدت السعودية نيبال في مطالبها.")


@needs_pipeline
def test_idioms_and_accidents_of_v6_are_no_events():
    """SaudiNewsNet v6: «بما يتفق مع القانون الدولي» (in line with) was AGREE, «مخرجات الحوار الوطني» (the
    national dialogue, a named process) CONSULT, a death by lightning ASSAULT; the plain verbs and nouns stay."""
    assert not _coded_ar("وتشدد على ضرورة أن تتعاون إيران في المنطقة بما يتفق مع القانون الدولي وميثاق الأمم المتحدة.")
    assert not _coded_ar("على أساس المبادرة الخليجية ومخرجات الحوار الوطني الشامل وقرارات مجلس الأمن ذات الصلة في اليمن.")
    assert not _coded_ar("وقتل شخصان في محافظة صعدة اليمنية بصاعقة رعدية أمس.")
    assert ("SAU", "EGY", None, None, "AGREE") in _coded_ar("واتفقت السعودية ومصر على تعزيز التعاون.")
    assert ("SAU", "IRN", None, None, "CONSULT") in _coded_ar("وبدأ الحوار بين السعودية وإيران أمس.")


@needs_pipeline
def test_a_noun_cue_after_a_future_verb_is_intended():
    """«أعلنت تركيا أنها ستطلق قريبا هجوما واسع النطاق» (SaudiNewsNet v6): an offensive announced, coded
    done; a future verb one or two words before a noun cue makes it intend (not a noun such as سندات)."""
    got = toolkit.annotate("أعلنت تركيا الاربعاء أنها ستطلق قريبا هجوما واسع النطاق ضد تنظيم الدولة الاسلامية في "
                           "شمال سوريا.", lang="ar").event_records
    assert [(e.source, e.type, e.mode) for e in got] == [("TUR", "ASSAULT", "intend")]
    done = toolkit.annotate("وشنت تركيا هجوما على مواقع التنظيم في سوريا.", lang="ar").event_records
    assert [(e.source, e.type, e.mode) for e in done] == [("TUR", "ASSAULT", "done")]


@needs_pipeline
def test_the_first_president_to_visit_is_a_description_not_a_visit():
    """«ليكون أول رئيس أميركي يزور إثيوبيا» (SaudiNewsNet v6; v5 had «أول رئيس أميركي يزور كينيا»): who the
    president will be, not a visit told; «زار الرئيس الأمريكي إثيوبيا» stays one."""
    assert not _coded_ar("ومن المقرر أن يتوجه أوباما إلى الوادي المتصدع شمالاً قاصدًا أديس أبابا ليكون أول رئيس أميركي "
                         "يزور إثيوبيا.")
    assert ("USA", "ETH", "GOV", None, "CONSULT") in _coded_ar("زار الرئيس الأمريكي إثيوبيا أمس.")


def _coded_on(text: str, date: str) -> set[tuple]:
    from toolkit.layout import from_text

    return {(e.source, e.target, e.source_agent, e.target_agent, e.type)
            for e in toolkit.annotate(from_text(text, language="ar", meta={"date": date})).event_records}


@needs_pipeline
def test_a_person_outside_his_office_or_in_a_un_post_acts_for_no_state():
    """SaudiNewsNet 2015-07-27 and 2015-08-09: the UN envoy Ismail Ould Cheikh Ahmed (Mauritania's foreign
    minister from 2018, in the people lexicon) was MRT GOV on a visit and on talks he chaired. A person acts
    for his country only in an office at the article's date or under a title the text writes, and a UN
    title (المبعوث الأممي) is no state's; the same meeting in 2019 is Mauritania's."""
    assert not _coded_on("من جهته، دعا الرئيس هادي، المبعوث الأممي إلى اليمن إسماعيل ولد الشيخ أحمد، إلى زيارة "
                         "مدينة عدن في أقرب وقت بعد تحريرها للوقوف على حجم الدمار الذي لحق بها جراء الحرب.",
                         "2015-07-27")
    talks = _coded_on("إذ أقلت طائرة عمانية انطلقت من مطار صنعاء الدولي وفدا من جماعة الحوثي وحلفائهم، إلى مسقط، "
                      "للمشاركة في محادثات يشرف عليها المبعوث الأممي إسماعيل ولد الشيخ أحمد.", "2015-08-09")
    assert not any("MRT" in (e[0], e[1]) for e in talks)
    meeting = "والتقى إسماعيل ولد الشيخ أحمد وزير الخارجية الروسي سيرغي لافروف في موسكو أمس."
    assert not _coded_on(meeting, "2015-07-27")
    assert ("MRT", "RUS", "GOV", "GOV", "CONSULT") in _coded_on(meeting, "2019-05-02")


@needs_pipeline
def test_an_agent_word_inside_a_name_is_no_agent():
    """«قمة شرم الشيخ» (SaudiNewsNet 2015-08-06) made الشيخ (the sheikh) a religious agent of Egypt; inside a
    place's or a person's name after its first word it is part of the name. At a name's start it still is
    one (a mosque, مسجد الإمام الصادق)."""
    got = _coded_on("قال السفير المصري لدى الإمارات إن «هناك الكثير من المشاريع التي تم طرحها خلال قمة شرم الشيخ "
                    "المصرية، وسوف يتم عقد منتدى استثماري آخر في شرم الشيخ».", "2015-08-06")
    assert got and not any("REL" in (e[2], e[3]) for e in got)
    mosque = _coded_on("وفجر انتحاري نفسه داخل مسجد الإمام الصادق في الكويت أمس.", "2015-06-27")
    assert any(e[3] == "REL" for e in mosque)


@needs_pipeline
def test_a_subject_before_an_unvocalised_kill_verb_is_the_one_killed():
    """SaudiNewsNet 2015-07-24: «إن عسكريا تركيا قتل وجرح اثنان آخران ... مع متطرفي داعش في سوريا» (a Turkish
    soldier was killed, two wounded) was TUR -> SYR ASSAULT by the state rules: قتل and جرح with their subject
    before them and no object after read as the passive, the subject the victim. What stands before إن is the
    speaker, no victim («وقالت وزارة الدفاع الأمريكية ... إن الفضلي قتل»: the Pentagon was not attacked)."""
    got = _coded_on("وقالت رئاسة الاركان التركية في بيان إن عسكريا تركيا قتل وجرح اثنان آخران قرب كيليس (جنوب تركيا) "
                    "في صدام مسلح مع متطرفي داعش في سوريا على الحدود بين البلدين.", "2015-07-24")
    assert not any(e[0] == "TUR" for e in got)
    assert any(e[1] == "TUR" and e[4] == "ASSAULT" for e in got)
    pentagon = _coded_on("وقالت وزراة الدفاع الأمريكية (البنتاغون) في بيان إن الفضلي قتل هذا الشهر قرب بلدة سرمدا "
                         "السورية.", "2015-07-24")
    assert not any(e[1] == "USA" for e in pentagon)


@needs_pipeline
def test_former_talks_and_a_period_of_talks_are_background():
    """«وكانت مفاوضات الإنقاذ السابقة تجري بين اليونان والمفوضية» (the former talks) and «الاتفاق الذي تمت
    صياغته خلال عامين من المفاوضات بين إيران والولايات المتحدة» (two years of talks summed up), SaudiNewsNet
    2015-07-24 #835 and #932: past references, no event; the same talks told now still are one."""
    assert not _coded_ar("وتجري مفاوضات الإنقاذ السابقة بين اليونان والمفوضية الأوروبية.")
    assert not _coded_ar("حول الاتفاق الذي تمت صياغته خلال عامين من المفاوضات بين إيران والولايات المتحدة.")
    assert _coded_ar("وتجري مفاوضات الإنقاذ بين اليونان والمفوضية الأوروبية.")
    assert _coded_ar("وجرت أمس المفاوضات بين إيران والولايات المتحدة في فيينا.")


@needs_pipeline
def test_examples_named_for_comparison_and_actors_joined_to_them_are_no_parties():
    """«كما فعلت ألمانيا والبرازيل واليابان» (SaudiNewsNet 2015-07-24 #715, a column): countries named as
    examples, each of them (the ones joined by و too), not parties coordinating with the agency."""
    text = ("فيمكننا نحن العرب الوصول خلال خمس سنوات أو عشر إلى العتبة ذاتها وبالتنسيق مع الوكالة الدولية "
            "للطاقة، كما فعلت ألمانيا والبرازيل واليابان وغيرها.")
    assert not _coded_ar(text)
    assert _coded_ar("ونسقت ألمانيا مع الوكالة الدولية للطاقة بشأن البرنامج.")


def _modes_on(text: str, date: str) -> set[tuple]:
    from toolkit.layout import from_text

    return {(e.source, e.target, e.type, e.mode)
            for e in toolkit.annotate(from_text(text, language="ar", meta={"date": date})).event_records}


@needs_pipeline
def test_a_chronology_line_of_a_past_year_is_history():
    """«هذا اليوم في التاريخ» (SaudiNewsNet 2015-08-06 #1033 and #710): each line opens with a year and a dash,
    and every sentence of the line, the second one too, tells what happened that year: no event in an August
    2015 article. The same lines under the article's own year still are news."""
    lines = ("1945 - الحرب العالمية الثانية: قنبلة نووية تدمر مدينة هيروشيما في اليابان تلتها بعد ثلاثة أيام قنبلة "
             "مماثلة على ناغازاكي.\n1952 - الجامعة العربية تحتج على مفاوضات بين إسرائيل وألمانيا لتطبيع العلاقات "
             "بينهما. انتهت المفاوضات بالزام ألمانيا بدفع ثلاثة مليارات مارك لإسرائيل ووقع اتفاق في لوكسمبورغ في "
             "10 أيلول - سبتمبر.")
    assert not _modes_on(lines, "2015-08-06")
    now = _modes_on(lines.replace("1945 -", "2015 -").replace("1952 -", "2015 -"), "2015-08-06")
    assert ("DEU", "ISR", "AGREE", "done") in now


@needs_pipeline
def test_a_future_verb_of_the_clause_makes_a_meeting_noun_an_intent_and_its_place_a_venue():
    """SaudiNewsNet 2015-08-06 #338 and 2015-07-24 #1733: «إن كيري ولافروف «سيناقشان ...» في اجتماع بالعاصمة
    الماليزية» (they will discuss, at a meeting in the Malaysian capital) was USA -> MYS and RUS -> MYS, done;
    «كما سيجري محادثات مع نظيره الكيني» (will hold talks) was done: سيجري ends in ي and was read as a noun."""
    kl = _modes_on("وصل وزير الخارجية الأميركي جون كيري ونظيره الروسي سيرغي لافروف أمس إلى ماليزيا. وقال مسؤول "
                   "كبير بوزارة الخارجية الأميركية دون الخوض في تفاصيل إن كيري ولافروف «سيناقشان سلسلة من القضايا "
                   "محل الاهتمام المشترك» في اجتماع بالعاصمة الماليزية كوالالمبور.", "2015-08-06")
    assert kl == {("USA", "RUS", "CONSULT", "intend"), ("RUS", "USA", "CONSULT", "intend")}
    obama = _modes_on("وصل الرئيس الأمريكي باراك أوباما إلى كينيا. ومن المقرر أن يلقي أوباما كلمة خلال القمة العالمية "
                      "لرواد الأعمال، كما سيجري محادثات مع نظيره الكيني حول القضايا الاقتصادية والأمنية.", "2015-07-24")
    assert ("USA", "KEN", "CONSULT", "intend") in obama
    # an organisation after the meeting noun is a party, not a venue: they take part in the ASEAN meeting
    asean = _modes_on("وصل وزير الخارجية الأميركي جون كيري ونظيره الروسي سيرغي لافروف أمس إلى ماليزيا. ويشارك كيري "
                      "ولافروف في اجتماع لرابطة دول جنوب شرقي آسيا (آسيان).", "2015-08-06")
    assert ("USA", "ASEAN", "CONSULT", "done") in asean


@needs_pipeline
def test_hopes_and_possibilities_are_no_acts_done():
    """SaudiNewsNet 2015-08-06 #1746 and #638: «انه يأمل زيارة ايطاليا في الوقت المناسب» (he hopes to visit)
    is an intent, «من الممكن أن تتوصل اليونان إلى اتفاق» (Greece could reach a deal) no agreement."""
    rouhani = _modes_on("استقبل الرئيس الإيراني حسن روحاني وزير الخارجية الإيطالي باولو جنتيلوني في طهران. وأكد "
                        "روحاني لجنتيلوني انه يأمل زيارة ايطاليا \"في الوقت المناسب\".", "2015-08-06")
    assert ("IRN", "ITA", "CONSULT", "intend") in rouhani
    assert not _modes_on("رأى جان كلود يونكر رئيس المفوضية الأوروبية أنه من الممكن أن تتوصل اليونان سريعا إلى اتفاق "
                         "مع دائنيها ومن الأفضل قبل 20 آب (أغسطس).", "2015-08-06")


@needs_pipeline
def test_an_act_after_baad_is_the_time_of_the_news_but_a_meeting_stays_one():
    """SaudiNewsNet 2015-08-06 #1746: «بعد ابرام اتفاق فيينا في 14 يوليو بين ايران والقوى الكبرى» (after the
    Vienna deal was concluded) gave IRN <-> ITA AGREE; talks after which a president spoke are the news
    («قال ... بعد محادثاته مع الرئيس الكيني», 2015-07-27 #928: judged right)."""
    vienna = _modes_on("وصل وزير الخارجية الإيطالي إلى طهران في زيارة تستغرق يومين. وترمي الزيارة الى انعاش العلاقات "
                       "الاقتصادية بين البلدين بعد ابرام اتفاق فيينا في 14 يوليو بين ايران والقوى الكبرى.", "2015-08-06")
    assert vienna and not any(t == "AGREE" for _, _, t, _ in vienna)
    kenya = _modes_on("وكان الرئيس الأميركي قال في تصريح صحفي بعد محادثاته مع الرئيس الكيني أوهورو كينياتا في اليوم "
                      "الأول من زيارته كينيا إن الأراضي التي يسيطر عليها المتمردون تقلصت.", "2015-07-27")
    assert ("USA", "KEN", "CONSULT", "done") in kenya


@needs_pipeline
def test_a_purpose_masdar_of_talks_is_an_aim_and_a_sideline_meeting_a_venue():
    """SaudiNewsNet 2015-08-06 #194 and #248: «أفضل طريقة للتوصل إلى تغيير ... إقناع روسيا وإيران ... للتوصل إلى
    حل» gave RUS <-> IRN AGREE: للتوصل (in order to reach) names an aim. Aid given to carry out an order keeps its
    ل (لتقديم المساعدات, 2015-07-24 #1756: judged right). «على هامش اجتماع رابطة دول جنوب شرقي آسيا» (#338):
    the meeting on whose sidelines two ministers met is a venue, ASEAN no party."""
    assert not _modes_on("موضحا أن «أفضل طريقة للتوصل إلى تغيير في سوريا يعتمد على إقناع روسيا وإيران بأن تعملا مع "
                         "لاعبين آخرين في المنطقة للتوصل إلى حل مبني على التنازل».", "2015-08-06")
    aid = _modes_on("إنفاذًا لتوجيهات خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود لتقديم المساعدات العاجلة "
                    "للشعب اليمني الشقيق، وصلت إلى مطار عدن الدولي أمس طائرة المساعدات السعودية الثانية.", "2015-07-24")
    assert ("SAU", "YEM", "AID", "done") in aid
    side = _modes_on("إلى ذلك، اجتمع وزير الخارجية الأميركي جون كيري، أمس الأربعاء، مع نظيره الروسي سيرغي لافروف على "
                     "هامش اجتماع رابطة دول جنوب شرقي آسيا (آسيان) التي تضم عشر دول.", "2015-08-06")
    assert not any("ASEAN" in (s, t) for s, t, _, _ in side)


@needs_pipeline
def test_weak_types_between_two_states_need_the_news_filters_confidence():
    """Two-state threats, rejections, coercions, concessions and cooperations were 17 right of 103 judged
    SaudiNewsNet dev events: «... نيجيريا التي حذر رئيسها الولايات المتحدة من ان سياستها تضر بالجهود» (Buhari
    criticised US policy, 2015-07-24 #1068) was NGA -> USA THREATEN. Below WEAK_STATE_THRESHOLD such an event is
    dropped; clear ones stay (a threat, an expulsion, sanctions), and so does one the text gives to both sides."""
    from toolkit.annotators import events as E

    buhari = ("قتل اكثر من 50 شخصا منذ امس الاول في هجمات مفترضة لحركة بوكو حرام في الكاميرون ونيجيريا التي حذر "
              "رئيسها الولايات المتحدة من ان سياستها تضر بالجهود لمكافحة الحركة المتطرفة.")
    assert not any(t == "THREATEN" for _, _, t, _ in _modes_on(buhari, "2015-07-24"))
    with E._setting("WEAK_STATE_THRESHOLD", 0.0):
        assert ("NGA", "USA", "THREATEN", "done") in _modes_on(buhari, "2015-07-24")
    assert ("PRK", "USA", "THREATEN", "done") in _modes_on("هددت كوريا الشمالية الولايات المتحدة بضربة نووية.",
                                                          "2015-07-24")
    assert ("POL", "BLR", "COERCE", "done") in _modes_on("طردت بولندا دبلوماسيا بيلاروسيا أمس.", "2015-07-24")
    assert ("USA", "IRN", "SANCTION", "done") in _modes_on("فرضت الولايات المتحدة عقوبات جديدة على إيران أمس.",
                                                          "2015-07-24")


@needs_pipeline
def test_victims_reporters_and_a_name_are_no_attackers():
    """SaudiNewsNet 2015-07-24 #1600 (v8): «أعلن الناطق العسكري الرسمي باسم القوات المسلحة المصرية ... استشهاد
    ضابط وثلاثة جنود ... من الجيش المصري في انفجار عبوة ناسفة» was EGY MIL -> nobody: the forces a spokesman
    speaks for (باسم) tell, the soldiers killed are the target. «الهجوم خلف 15 قتيلا من رجال قوات الطوارئ»
    (2015-08-06, v8) had the emergency forces, the dead, as the attacker. «ومسؤول مبيعات الفروع تركي السليم»
    (2015-08-06, v8): an indefinite تركي after a definite word is a name (Turki), no Turkish actor."""
    egypt = _coded_on("أعلن الناطق العسكري الرسمي باسم القوات المسلحة المصرية العميد محمد سمير استشهاد ضابط وثلاثة "
                      "جنود وإصابة ثلاثة أفراد آخرين من الجيش المصري في انفجار عبوة ناسفة بشمال سيناء.", "2015-07-24")
    assert (None, "EGY", None, "MIL", "ASSAULT") in egypt and not any(e[0] == "EGY" for e in egypt)
    emergency = _coded_on("وذكر المتحدث الأمني بوزارة الداخلية السعودية اللواء منصور التركي أن الهجوم خلف 15 قتيلا من "
                          "رجال قوات الطوارئ بينهم ثلاثة عاملين إلى جانب تسعة مصابين.", "2015-08-06")
    assert not any(e[0] == "SAU" for e in emergency)
    turki = _coded_on("استقبل المدير العام لمؤسسة «المدينة» الأستاذ محمد ثفيد أمس بمكتبه القنصل العام لكوريا الجنوبية "
                      "بجدة السيد ناك يونج أو، بحضور نائب رئيس التحرير محمد محجوب ومسؤول مبيعات الفروع تركي السليم.",
                      "2015-08-06")
    assert not any("TUR" in (e[0], e[1]) for e in turki)
    assert ("TUR", "IRN", "GOV", None, "CONSULT") in _coded_on("التقى وزير خارجية تركي نظيره الإيراني في طهران.",
                                                             "2015-08-06")


@needs_pipeline
def test_a_visit_dated_after_the_article_is_a_plan_and_talks_before_they_start_are_none():
    """SaudiNewsNet 2015-07-24 #777 (v8): «يزور وزير الخارجية الفرنسي لوران فابيوس إيران الأسبوع المقبل» was a
    done visit: an imperfect dated after the article is an intent (a perfect is not: «واتفق تسيبراس وهولاند على
    ... صفقة عقب 15 آب» is an agreement made now). «قبل بدء المفاوضات» (2015-08-06, v8): talks not begun."""
    assert ("FRA", "IRN", "CONSULT", "intend") in _modes_on(
        "وبدوره، يزور وزير الخارجية الفرنسي لوران فابيوس إيران الأسبوع المقبل، ويلتقي الرئيس حسن روحاني.", "2015-07-24")
    assert ("FRA", "IRN", "CONSULT", "done") in _modes_on(
        "وزار وزير الخارجية الفرنسي لوران فابيوس إيران الأسبوع الماضي.", "2015-07-24")
    assert ("GRC", "FRA", "AGREE", "done") in _modes_on(
        "واتفق رئيس الوزراء اليوناني ألكسيس تسيبراس والرئيس الفرنسي فرانسوا هولاند على أنه يمكن بل يجب الاتفاق على "
        "صفقة إنقاذ مالي جديدة لأثينا عقب 15 من آب (أغسطس) مباشرة.", "2015-08-09")
    assert not _modes_on("وتشترط الجهات الدائنة لليونان (الاتحاد الأوروبي والمصرف المركزي الأوروبي وصندوق النقد الدولي) "
                         "إقرار هذه الإجراءات قبل بدء المفاوضات حول شروط خطة مساعدة ثالثة إلى اليونان.", "2015-08-06")


@needs_pipeline
def test_an_interview_a_film_showcase_and_an_infection_are_no_events():
    """SaudiNewsNet v8: «في حوار مع «عكاظ»» (an interview) gave IRN -> IRQ CONSULT; «في تظاهرة» of films and
    «تظاهرة اقتصادية» (v7) protests; «اصابة بشلل الاطفال ... في الصومال» (polio cases) NGA -> SOM ASSAULT."""
    assert not _modes_on("أكد عضو مجلس محافظة نينوى الشيخ علي مليح الزوبعي في حوار مع «عكاظ» أن إيران هي المعيق الأساس "
                         "في وجه وحدة العراق واستقرارها.", "2015-08-06")
    assert not _modes_on("ويرجع بدء الفترة التي ظلت فيها نيجيريا خالية من أي اصابة بالمرض الى 24 يوليو تموز عام 2014 "
                         "بعد ان سجلت آخر اصابة بشلل الاطفال في الصومال في 11 اغسطس.", "2015-08-06")
    assert not _modes_on("وتقام في الرياض تظاهرة اقتصادية سعودية يابانية بمشاركة رجال أعمال من البلدين.", "2015-08-06")
    assert _modes_on("وأجرى وزير الخارجية الإيراني حوارا مع نظيره العراقي في بغداد.", "2015-08-06")


@needs_pipeline
def test_a_condemned_statement_belongs_to_its_author_and_a_condemned_attack_accuses_no_victim():
    """SaudiNewsNet 2015-07-24 (v8): «استنكرت مملكة البحرين وبشدة تصريحات نوري المالكي نائب رئيس جمهورية العراق
    ضد المملكة العربية السعودية» was BHR -> SAU ACCUSE: the statements (a direct object) hold what follows ضد,
    the author is the target. «مصر تدين ... التفجير الارهابي في منطقة عسير السعودية» was EGY -> SAU: the place of
    a condemned attack is no accused; a demonym on the attack (الهجوم الإيراني) is its author and stays."""
    bahrain = _modes_on("استنكرت مملكة البحرين وبشدة تصريحات نوري المالكي نائب رئيس جمهورية العراق ضد المملكة العربية "
                        "السعودية، معتبرة أن هذه التصريحات غير المسؤولة تعديًا سافرًا.", "2015-07-24")
    assert ("BHR", "IRQ", "ACCUSE", "done") in bahrain and not any(t == "SAU" for _, t, _, _ in bahrain)
    egypt = _modes_on("أدانت وزارة الخارجية المصرية اليوم الخميس التفجير الارهابي الغاشم الذي تعرض له مسجد قوات الطوارئ "
                      "في مدينة عسير بجنوب غرب السعودية.", "2015-08-06")
    assert not any(t == "SAU" and ty == "ACCUSE" for _, t, ty, _ in egypt)
    assert ("SAU", "IRN", "ACCUSE", "done") in _modes_on("أدانت السعودية الهجوم الإيراني على ناقلة النفط.", "2015-08-06")


@needs_pipeline
def test_what_two_sides_discussed_is_a_topic():
    """SaudiNewsNet 2015-08-06 (v8): «أن الجانبين بحثا خلال اللقاء التعاون الثنائي بين باكستان والولايات المتحدة في
    مجالات الدفاع والأمن وتبادل المعلومات الاستخباراتية» gave PAK <-> USA COOPERATE from تبادل (the masdar of a
    verb row): a noun cue later in the clause of بحث/ناقش is what was discussed. The exchange told as done stays."""
    talks = _modes_on("وأوضح بيان صادر عن الخارجية الباكستانية اليوم في إسلام آباد أن الجانبين بحثا خلال اللقاء التعاون "
                      "الثنائي بين باكستان والولايات المتحدة في مجالات الدفاع والأمن وتبادل المعلومات الاستخباراتية.",
                      "2015-08-06")
    assert ("PAK", "USA", "CONSULT", "done") in talks and not any(t == "COOPERATE" for _, _, t, _ in talks)
    done = _modes_on("وقعت باكستان والولايات المتحدة اتفاقا أمنيا. وتبادلت باكستان والولايات المتحدة المعلومات "
                     "الاستخباراتية حول الجماعات المسلحة.", "2015-08-06")
    assert ("PAK", "USA", "COOPERATE", "done") in done


@needs_pipeline
def test_a_suspicion_an_accident_and_a_past_occasion_tell_no_event():
    """SaudiNewsNet v8: «اعلنت الشرطة التركية عن اعتقال ثلاثة اشخاص يشتبه في مشاركتهم في قتل الشرطيين» was a police
    killing of civilians (the killing is what the suspects are held for); «تعرض شخص لحادث دهس ... تجمهر» a protest;
    «في المرة الأولى التي زار الرئيس الأميركي باراك أوباما فيها كينيا» (28 years before) a visit told now."""
    arrest = _modes_on("وأمس اعلنت الشرطة التركية عن اعتقال ثلاثة اشخاص يشتبه في مشاركتهم في قتل الشرطيين.", "2015-07-24")
    assert not any(t == "ASSAULT" for _, _, t, _ in arrest)
    assert not _modes_on("تعرض شخص لحادث دهس على كوبري سوق الخضار بمحافظة خميس مشيط، وتجمهر المارة حول المصاب.",
                         "2015-07-24")
    assert not _modes_on("في المرة الأولى التي زار الرئيس الأميركي باراك أوباما فيها كينيا، موطن والده، كان يأمل في أن "
                         "يشغل حيزا كبيرا من الفراغ.", "2015-07-24")
    assert ("USA", "KEN", "CONSULT", "done") in _modes_on("وزار الرئيس الأميركي باراك أوباما كينيا، موطن والده.",
                                                         "2015-07-24")


@needs_pipeline
def test_a_governorate_is_no_governors_office():
    """SaudiNewsNet 2015-07-24 #1201 (v8): «أطلق مجهولون النار ... بمحافظة حفر الباطن على مواطن» coded the citizen
    as GOV: محافظة (a governorate) matched محافظه, the governor with the pronoun (his governor). A ta marbuta is
    no pronoun; the governor himself stays an agent."""
    shot = _coded_on("أطلق مجهولون النار مساء يوم أمس الأول بمحافظة حفر الباطن على مواطن وهو يقود سيارته ولاذوا "
                     "بالفرار.", "2015-07-24")
    assert (None, None, "UAF", "CVL", "ASSAULT") in shot and not any(e[3] == "GOV" for e in shot)


@needs_pipeline
def test_a_vague_count_of_fighters_is_no_civilians():
    """SaudiNewsNet 2015-08-06 (v8): «مقتل العشرات من عناصر تنظيم داعش الإرهابي في محافظات الأنبار» was IRQ CVL: العشرات
    (read as people) counts the agent after من; dozens who demonstrate are still people."""
    isis = _coded_on("أعلنت خلية الإعلام الحربي العراقية اليوم، مقتل العشرات من عناصر تنظيم داعش الإرهابي في محافظات "
                     "الأنبار وصلاح الدين وكركوك.", "2015-08-06")
    assert not any(e[3] == "CVL" for e in isis)
    assert any(e[2] == "CVL" and e[4] == "PROTEST" for e in _coded_on("وتظاهر العشرات في وسط القاهرة.", "2015-08-06"))


@needs_pipeline
def test_killed_soldiers_reporting_police_houthi_gunmen_and_written_notices():
    """SaudiNewsNet 2015-08-11 (v9): «قتل جندي تركي في هجوم بقاذفة صواريخ شنه متمردون اكراد» and «قتل أحد منتسبي
    وزارة الداخلية وأصيب آخر بتفجير عبوة» made the dead the attackers: قتل with a force agent and the cause after it
    is the passive. «وقالت الشرطة إن المشتبه به فتح النار على عربة الشرطة»: the police tell and are shot at, they
    do not shoot. «المسلحون الحوثيون» are the Houthis (REB), no unidentified group; «حرر مفتشو البلدية إشعارات»
    (notices written up) and a temple stampede are no attacks."""
    soldier = _coded_on("وفي حادث منفصل، قتل جندي تركي في هجوم بقاذفة صواريخ شنه متمردون اكراد واستهدف طوافة عسكرية في "
                        "شيرناك.", "2015-08-11")
    assert (None, "TUR", "REB", "MIL", "ASSAULT") in soldier and not any(e[0] == "TUR" for e in soldier)  # شنه: by
    ministry = _coded_on("كما قتل أحد منتسبي وزارة الداخلية وأصيب آخر بتفجير عبوة لاصقة أسفل سيارتهما، في قضاء "
                         "المحمودية جنوبي بغداد.", "2015-08-11")
    assert ministry and not any(e[0] == "IRQ" for e in ministry)
    police = _coded_on("وقالت الشرطة إن المشتبه به فتح النار على عربة الشرطة وأصيب بجروح خطيرة.", "2015-08-11")
    assert not any(e[2] == "COP" for e in police) and any(e[3] == "COP" for e in police)
    houthis = _coded_on("واقتحم المسلحون الحوثيون أمس مقر حزب الإصلاح في صنعاء واختطفوا ثلاثة من قياداته.", "2015-08-11")
    assert not any("UAF" in (e[2], e[3]) for e in houthis)
    assert not _coded_on("وحرر مفتشو البلدية إشعارات إلكترونية لـ 30 محلاً مخالفاً في جدة.", "2015-08-11")
    assert not _coded_on("قتل 15 شخصا في حادث تدافع داخل معبد في ولاية جهارخاند الهندية.", "2015-08-11")
    # a killing told in the active, and the people killed in an attack, are left as they were
    assert ("TUR", None, "MIL", "UAF", "ASSAULT") in _coded_on("قتل الجيش التركي ثلاثة مسلحين أكراد في اشتباك.",
                                                              "2015-08-11")


@needs_pipeline
def test_the_cause_of_a_passive_killing_is_any_attack_cue_of_the_lexicon():
    """A sentence written for the case: «وقتل شرطي في إطلاق نار على حاجز أمني» (a policeman was killed in gunfire)
    made the policeman the shooter when the causes were a hand list (هجوم, انفجار ...) without إطلاق نار; the cause
    after the victim is now any ASSAULT cue the lexicons match (في + a cue, or a cue with ب)."""
    got = _coded_on("وقتل شرطي في إطلاق نار على حاجز أمني في مدينة العريش المصرية.", "2015-08-11")
    assert (None, "EGY", None, "COP", "ASSAULT") in got and not any(e[2] == "COP" for e in got)


def _coded_modes(text: str, date: str = "2015-08-11") -> set[tuple]:
    from toolkit.layout import from_text

    return {(e.source, e.target, e.type, e.mode)
            for e in toolkit.annotate(from_text(text, language="ar", meta={"date": date})).event_records}


@needs_pipeline
def test_who_carried_out_or_claimed_an_attack_is_its_source():
    """SaudiNewsNet 2015-08-09 and 2015-08-11 (v10 and the dev days): «في هجوم تبنته حركة طالبان», «هجوم ... نفذه
    مقاتلون أكراد», «هجوم شنّه مقاتلون إسلاميون»: the actor after نفذه / شنه / تبنته is the attacker (as after على يد);
    an actor after عندما is the subject of the verb it opens, not the object of the قتل before it («إن جنديا قتل
    عندما فتح مقاتلون أكراد النار»: the soldier was killed)."""
    taliban = _coded_on("قتل 21 شخصًا على الأقل في هجوم تبنته حركة طالبان في ولاية قندوز المضطربة شمال أفغانستان، "
                        "حسبما أعلن مسؤولون اليوم (الأحد).", "2015-08-09")
    assert ("AFG", "AFG", "REB", "CVL", "ASSAULT") in taliban
    kurds = _coded_on("وقال مكتب حاكم إقليم شرناق بجنوب شرقي تركيا، إنه تأكد مقتل أربعة من رجال الشرطة كما أصيب آخر "
                      "في هجوم بمتفجرات مزروعة على الطريق نفذه مقاتلون أكراد.", "2015-08-11")
    assert kurds and all(e[2] == "REB" and e[3] != "REB" for e in kurds)
    soldier = _coded_on("وقال الجيش التركي في بيان له يوم أمس إن جنديا قتل عندما فتح مقاتلون أكراد النار على طائرة "
                        "هليكوبتر عسكرية في هجوم آخر بإقليم شرناق.", "2015-08-11")
    assert any(e[3] == "MIL" for e in soldier) and not any(e[2] == "MIL" for e in soldier)


@needs_pipeline
def test_postponed_supposed_and_eve_of_talks_are_not_done():
    """SaudiNewsNet 2015-08-11 and 2015-08-10 (v10): a visit postponed after it is named («إن زيارة ... ظريف لتركيا
    أُجلت»), a meeting that was to happen («إذ كان من المفترض أن يلتقي»), talks on whose eve one speaks («عشية
    مباحثات») were coded CONSULT done."""
    postponed = _coded_modes("قال مسؤول بوزارة الخارجية التركية اليوم الثلاثاء لوكالة رويترز، إن زيارة وزير الخارجية "
                             "الإيراني محمد جواد ظريف لتركيا أُجلت، ولم يذكر المسؤول تفاصيل أخرى.")
    assert postponed and not any(e[2] == "CONSULT" for e in postponed)
    assert ("IRN", "TUR", "CONSULT", "done") in _coded_modes("بدأت زيارة وزير الخارجية الإيراني محمد جواد ظريف لتركيا "
                                                            "اليوم.")
    assert not _coded_modes("إذ كان من المفترض أن يلتقي ظريف نظيره التركي مولود جاوش اوغلو.")
    assert not any(e[2] == "CONSULT" and e[3] == "done" for e in _coded_modes(
        "وتأتي تصريحات الجبير عشية مباحثات يعقدها مع نظيره الروسي سيرغي لافروف في موسكو اليوم.", "2015-08-10"))


@needs_pipeline
def test_link_lines_heat_fires_standing_stances_allies_and_a_sports_draw_tell_no_event():
    """SaudiNewsNet v10 (2015-07-21, 2015-08-11), all coded as events: a link line to another story, deaths of heat
    exhaustion, burns from a fire, a wildfire that «swept» a road, a stance in a relative clause describing its
    antecedent («الأسد الذي تعارضه الرياض», «الذي تتهمه واشنطن»), two armies that took part in the fighting
    together, a draw hosted by Qatar."""
    for text in (
            "رابط الخبر بصحيفة الوئام: طائرات امريكا والتحالف تنفذ «23» غارة ضد تنظيم داعش في العراق",
            "أعلنت وزارة الصحة المصرية وفاة 21 حالة من كبار السن وإصابة 66 شخصا بالاجهاد نتيجة ارتفاع درجات الحرارة.",
            "وأضاف أنه نتج عن حادث الحريق إصابة شخصين أحدهما مقيم من الجنسية اليمنية أصيب بحروق من الدرجة الأولى.",
            "اجتاح حريق غابات في سفوح تلال جنوب كاليفورنيا بالولايات المتحدة، طريقا سريعا مزدحما بالسيارات.",
            "وفترت العلاقات بين السعودية وروسيا في الفترة الأخيرة بسبب دعم موسكو للرئيس السوري بشار الأسد الذي تعارضه "
            "الرياض.",
            "مثل بنك صادرات إيران (الذي تتهمه واشنطن بتحويل الأموال إلى الجماعات الإرهابية مثل حماس و«حزب الله»).",
            "شارك في المواجهات العسكرية لتحرير أبين أعداد من الجيش الوطني الإماراتي والسعودي.",
            "جاء ذلك خلال استضافة العاصمة القطرية مساء أمس لمجريات القرعة بمشاركة منتخبات أوزبكستان والبحرين."):
        assert not _coded_modes(text, "2015-07-21"), text
    # the same verbs telling an act are still events
    assert ("SAU", "SYR", "REJECT", "done") in _coded_modes("وتعارض الرياض الرئيس السوري بشار الأسد بشدة.")
    assert ("USA", "IRN", "ACCUSE", "done") in _coded_modes("واتهمت واشنطن طهران بدعم الإرهاب.")
    fought = _coded_modes("وقعت مواجهات بين القوات السعودية والقوات اليمنية على الحدود أمس.")
    assert {("SAU", "YEM", "ASSAULT", "done"), ("YEM", "SAU", "ASSAULT", "done")} <= fought
    assert ("SAU", "YEM", "ASSAULT", "done") in _coded_modes("شاركت القوات السعودية في المواجهات مع القوات اليمنية على "
                                                            "الحدود أمس.")


@needs_pipeline
def test_an_english_named_movement_is_an_actor_of_every_event_type():
    """English dev set (tests/data/events_en_dev.jsonl en136): «Hamas rejected the Israeli proposal for a prisoner
    swap» gave no event: a movement was an actor of force and protest events only. A movement of one country
    named in the agents lexicon (Hamas, Hezbollah, the Houthis, the Taliban) is now a side of any event, with its
    country and its agent, and never the agent of the country written next to it."""
    def coded(text: str) -> set[tuple]:
        return {(e.source, e.target, e.source_agent, e.type) for e in toolkit.annotate(text, lang="en").event_records}

    assert ("PSE", "ISR", "REB", "REJECT") in coded("Hamas rejected the Israeli proposal for a prisoner swap.")
    assert ("LBN", "ISR", "REB", "ACCUSE") in coded("Hezbollah accused Israel of violating resolution 1701.")
    assert ("LBN", "ISR", "REB", "ASSAULT") in coded("Hezbollah fighters attacked Israeli troops near the border.")
    # a movement and its own state are two sides (AFG REB -> AFG GOV), not a venue
    talks = coded("The Taliban agreed to talks with the Afghan government in Qatar.")
    assert ("AFG", "AFG", "REB", "AGREE") in talks and not any(e[1] == "QAT" for e in talks)


@needs_pipeline
def test_a_place_name_is_no_cue():
    """SaudiNewsNet 2015-08-02 (a dev sample): «وأفادت مصادر "الرياض" في تعز» was a SUPPORT event: تعز (Taiz) is also
    the jussive of يعزي (to console): once شنه marked the Houthis as a source, the line was coded SUPPORT YEM REB ->
    SAU. A cue word inside a place mention is no cue, as inside an organisation's."""
    got = _coded_on("وأفادت مصادر \"الرياض\" في تعز بمقتل مدني وإصابة 4 آخرين في قصف شنه الحوثيون ومليشيات صالح على "
                    "أحياء سكنية في مدينة تعز، ليلة السبت.", "2015-08-02")
    assert got and not any(e[4] == "SUPPORT" for e in got)
    assert any(e[4] == "SUPPORT" for e in _coded_on("وعزى الرئيس المصري نظيره الفرنسي في ضحايا الهجوم.", "2015-08-02"))


@needs_pipeline
def test_english_arrival_after_a_noun_and_protest_against_a_policy():
    """English dev set (en228, en148, en223, en156): «The Iranian president arrived in Damascus on a two-day visit»
    gave no event (the city after "in" was only a venue: an arrival's place is its destination); «withdrew ...
    after heavy fighting» coded the fighting too (an act named as a noun after "after" is a time, no event; a
    clause after it is one); a protest at home against a bill or to demand a policy is against the country's
    government (GEO -> GEO)."""
    def coded(text: str) -> set[tuple]:
        return {(e.source, e.target, e.type) for e in toolkit.annotate(text, lang="en").event_records}

    assert ("IRN", "SYR", "CONSULT") in coded("The Iranian president arrived in Damascus on a two-day visit.")
    fought = coded("The Sudanese army withdrew from the centre of Khartoum after heavy fighting.")
    assert fought and not any(t == "ASSAULT" for *_, t in fought)
    assert any(t == "ASSAULT" for *_, t in coded("The Sudanese army withdrew after rebels attacked its base."))
    assert ("GEO", "GEO", "PROTEST") in coded("Georgian protesters rallied outside parliament in Tbilisi against the "
                                              "foreign agents bill.")
    assert not any(t == "GEO" for _, t, _ in coded("Georgian protesters gathered outside parliament in Tbilisi."))


@needs_pipeline
def test_a_country_named_as_a_border_takes_no_part_in_an_attack():
    """English dev set (en181, en102) and SaudiNewsNet 2015-07-21 (a dev sample): «seized the town of Bunagana near
    the Ugandan border» made Uganda the target, «انفجارا وقع في مركز ثقافي ببلدة سروج ... قرب الحدود مع سوريا» Syria.
    A border names where an attack happened; troops on alert near a border still face the country beyond it."""
    en = {(e.source, e.target, e.type) for e in toolkit.annotate(
        "M23 rebels seized the town of Bunagana near the Ugandan border.", lang="en").event_records}
    assert en and not any(t == "UGA" for _, t, _ in en)
    assert ("SRB", "XKX", "MOBILIZE") in {(e.source, e.target, e.type) for e in toolkit.annotate(
        "Serbia put its army on high alert near the Kosovo border.", lang="en").event_records}
    ar = _coded_on("وقال مسؤولو أمن بتركيا، إن انفجارا وقع في مركز ثقافي ببلدة سروج جنوب شرقي تركيا قرب الحدود مع "
                   "سوريا، اليوم (الاثنين)، ما أدى الى سقوط عدد من القتلى والمصابين.", "2015-07-21")
    assert any(e[1] == "TUR" for e in ar) and not any("SYR" in (e[0], e[1]) for e in ar)


@needs_pipeline
def test_aid_received_from_a_donor_and_borders_opened():
    """«Iraq received 5 million dollars in aid from Kuwait» was IRQ -> KWT AID (a phrase «received 5» made for one
    dev sentence, and the inverse «received» reached only four words); opening a border or a crossing is CONCEDE
    (CAMEO 08), as closing one is COERCE, in both languages (sentences written for the case)."""
    def coded(text: str, lang: str) -> set[tuple]:
        return {(e.source, e.target, e.type) for e in toolkit.annotate(text, lang=lang).event_records}

    got = coded("Iraq received 5 million dollars in aid from Kuwait.", "en")
    assert ("KWT", "IRQ", "AID") in got and ("IRQ", "KWT", "AID") not in got
    assert ("TUR", "ARM", "CONCEDE") in coded("Turkey opened its border with Armenia.", "en")
    assert ("TUR", "ARM", "CONCEDE") in coded("فتحت تركيا حدودها مع أرمينيا أمس.", "ar")
    assert not coded("فتح الرئيس المعرض الدولي للكتاب.", "ar")


@needs_pipeline
def test_by_after_an_active_verb_names_the_author_of_its_object():
    """English dev set (en012): «Iran rejected a proposal by the International Atomic Energy Agency» was IAEA -> IRN:
    "by" was read as the agent of «rejected». After an active verb with its subject, an actor after a "by" that does
    not follow the verb at once is its object's author (the target); the passive keeps its agent."""
    def coded(text: str) -> set[tuple]:
        return {(e.source, e.target, e.type) for e in toolkit.annotate(text, lang="en").event_records}

    assert ("IRN", "IAEA", "REJECT") in coded("Iran rejected a proposal by the International Atomic Energy Agency to "
                                              "expand inspections.")
    assert ("TUR", "ISR", "ACCUSE") in coded("Israel was accused by Turkey of war crimes.")

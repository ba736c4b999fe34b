"""The name tagger (toolkit/ner) and what the entity annotators make of it: persons,
organisations and places the lexicons have never seen, linked to the lexicons, with the model
named in every rule; and the country fixes of issue 13 (المملكة, عمان, languages, 5+1).

Sentences are real SaudiNewsNet sentences (day and record given; not the days of the hand
labels in tests/data/ner_saudinewsnet_labels.jsonl) or sentences written for a case the
corpora lack."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import toolkit
from toolkit import ner
from toolkit.layout import from_text
from toolkit.ner import conll, crf, tagger
from toolkit.pipeline import doc_for_text
from toolkit.tables import is_missing

REPO = Path(__file__).resolve().parents[1]


def ann(text: str, *, lang: str = "ar", published: str | None = "2015-07-22", source: str | None = None):
    meta = {k: v for k, v in (("published", published), ("source", source)) if v}
    return toolkit.annotate(from_text(text, language=lang, meta=meta))


def rows(text: str, type_: str, **kw) -> list[dict]:
    """The mention rows of one type as dicts, missing values as None (the tables hold NaN)."""
    m = ann(text, **kw).mentions
    return [{k: (None if not isinstance(v, (list, dict)) and is_missing(v) else v) for k, v in r.items()}
            for r in m[m.type == type_].to_dict("records")]


def found(text: str, type_: str, **kw) -> list[tuple[str, object]]:
    return [(r["text"], r["value"]) for r in rows(text, type_, **kw)]


# ------------------------------------------------------------------ NewsFANE bridge

def test_rejoin_glues_split_clitics_back():
    s = conll.Sentence(("قال", "و", "الحديثة", "ان", "ه", "كل", "ها", "،", "ك", "ما"),
                       ("O", "O", "B-Population-Center", "O", "O", "O", "O", "O", "O", "O"))
    j = conll.rejoin(s)
    assert j.tokens == ("قال", "والحديثة", "انه", "كلها", "،", "كما")
    assert j.tags == ("O", "B-Population-Center", "O", "O", "O", "O")


def test_rejoin_keeps_the_name_label_of_a_joined_word():
    s = conll.Sentence(("ف", "رانكلين", "روزفلت", "و", "لندة"),
                       ("B-Politician", "I-Politician", "I-Politician", "O", "B-Nation"))
    j = conll.rejoin(s)
    assert j.tokens == ("فرانكلين", "روزفلت", "ولندة")
    assert conll.spans(j.tags) == [(0, 2, "Politician"), (2, 3, "Nation")]


def test_spans_open_on_b_and_on_a_stray_i():
    assert conll.spans(["B-A", "I-A", "O", "I-B", "B-B", "I-A"]) == [(0, 2, "A"), (3, 4, "B"), (4, 5, "B"), (5, 6, "A")]


def test_every_newsfane_class_is_mapped(shared_dir: Path):
    path = shared_dir / "corpora" / "newsfane" / "newsfane_gold.conll"
    if not path.exists():
        pytest.skip("NewsFANE is not in the shared folder")
    classes = {t[2:] for s in conll.read(path) for t in s.tags if t != "O"}
    assert classes <= set(tagger.classes())
    assert tagger.training_label("B-Book") == "B-MISC" and tagger.training_label("I-Politician") == "I-Politician"


# ------------------------------------------------------------------------ the model

def test_model_ships_with_licence_and_provenance():
    models = REPO / "toolkit" / "ner" / "models"
    assert tagger.MODEL_FILE.stat().st_size <= 20 * 1024 * 1024
    assert "Attribution-ShareAlike 3.0" in (models / "LICENSE").read_text(encoding="utf-8")
    readme = (models / "README.md").read_text(encoding="utf-8")
    assert "NewsFANE" in readme and "CC BY-SA 3.0" in readme and "scripts/train_ner.py" in readme
    meta = tagger.meta()
    assert meta["licence"] == "CC BY-SA 3.0" and meta["version"] == ner.version()
    assert ner.rule() == f"model:ner-newsfane@{meta['version']}"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "ner/models/*.crfsuite" in pyproject and "python-crfsuite" in pyproject


def _seed_sentences(seed_path: Path) -> list[list[str]]:
    from toolkit.ner import features as F

    doc = doc_for_text(seed_path.read_text(encoding="utf-8"))
    return [[w for _, _, w in F.tokens(doc.norm.text, s0, s1)] for s0, s1 in doc.sentences]


def test_decoder_gives_crfsuite_labels_and_marginals(seed_path: Path):
    """The numpy decoder (all sentences of a document at once, in lanes) is python-crfsuite's
    own tagger: the same Viterbi labels and the same marginals, on the seed's real sentences.
    With the cuts (words never inside a name taken to be O and left out of the chain: the
    default) the labels are the same and the marginals those given that the cut words are O."""
    import pycrfsuite

    from toolkit.ner import features as F

    sents = [ws for ws in _seed_sentences(seed_path) if ws]
    assert len(sents) > 10
    whole = tagger.tag_sentences(sents, cuts=False)
    fast = tagger.tag_sentences(sents)
    ref = pycrfsuite.Tagger()
    ref.open(str(tagger.MODEL_FILE))
    n_names = n_cut = n_differ = 0
    for ws, tg, tf in zip(sents, whole, fast):
        labels = ref.tag(F.sentence_features(ws))
        assert [y for y, _ in tg] == labels
        for i, ((y, p), (z, q)) in enumerate(zip(tg, tf)):
            if y != "O":  # (an O outside any stretch with a name gets 1.0: it is never read)
                assert abs(ref.marginal(y, i) - p) < 1e-4  # the decoder keeps the weights as float32
                if z == y:
                    assert abs(p - q) < 0.1
            n_differ += y != z
        n_names += sum(y != "O" for y in labels)
        n_cut += sum(tagger._cut(w) for w in ws)
    assert n_names > 20  # the seed names people, countries and organisations
    # the cuts are an approximation (a cut word is taken to be O): on 60 SaudiNewsNet articles 7 of
    # 837 name labels changed, on the seed 3 of 45 (the figures of eval_ner.py are with the cuts);
    # more than 1 in 10 would be a broken cut
    assert n_differ <= max(1, n_names // 10)
    assert n_cut > 50  # and many of its words are surely no name (69 cut with model 2.0)


def test_decoder_file_holds_the_crfsuite_weights():
    model = crf.Model.load(tagger.DECODER_FILE)
    ref = crf.Model.from_crfsuite(tagger.MODEL_FILE)
    assert model.labels == ref.labels and model.index == ref.index
    assert np.allclose(model.weights, ref.weights, atol=1e-6) and np.allclose(model.trans, ref.trans, atol=1e-6)


def test_lanes_hold_every_token_once_and_mark_sentence_starts():
    lengths = [5, 3, 2, 5, 1, 4]
    pos, start = crf.lanes(lengths)
    assert pos.shape == (4, 5)  # 20 tokens in lanes as long as the longest sentence
    flat = sorted(int(p) for p in pos.ravel() if p >= 0)
    assert flat == list(range(sum(lengths)))
    firsts = {sum(lengths[:k]) for k in range(len(lengths))}
    for lane, row in enumerate(pos):
        for t, p in enumerate(row):
            if p >= 0:
                assert bool(start[lane, t]) == (int(p) in firsts)
                if t and not start[lane, t]:
                    assert row[t - 1] == p - 1  # a sentence runs on in its lane


def test_decode_of_separate_sentences_is_decode_of_each():
    rng = np.random.default_rng(7)
    trans = rng.normal(size=(4, 4))
    lengths = [6, 1, 3, 6, 2]
    emit = rng.normal(size=(sum(lengths), 4)) * 2
    labels, marg = crf.decode(emit, lengths, trans)
    at = 0
    for n in lengths:
        alone, m = crf.decode(emit[at:at + n], [n], trans)
        assert labels[at:at + n].tolist() == alone.tolist()
        assert np.allclose(marg[at:at + n], m)
        at += n
    # brute force on one sentence: the Viterbi path is the best of all 4**3 paths
    e = emit[6 + 1:6 + 1 + 3]
    best = max(((a, b, c) for a in range(4) for b in range(4) for c in range(4)),
               key=lambda y: e[0, y[0]] + e[1, y[1]] + e[2, y[2]] + trans[y[0], y[1]] + trans[y[1], y[2]])
    assert tuple(labels[7:10].tolist()) == best


def test_tagger_spans_are_exact_and_say_the_model():
    text = "وقال المدرب الهولندي فرانك ريكارد إن فريق برشلونة الإسباني سيلعب في مدينة مانشستر"
    doc = doc_for_text(text)
    names = ner.names(doc)
    assert names, "the tagger found nothing"
    for n in names:
        assert 0 <= n.start < n.end <= len(text)
        assert 0 < n.confidence <= 1
        assert not text[n.start:n.end].startswith(" ") and not text[n.start:n.end].endswith(" ")
    assert ner.names(doc) is ner.names(doc)  # tagged once per document


def test_english_text_is_not_tagged():
    assert ner.names(doc_for_text("Frank Rijkaard said Barcelona would play in Manchester.", lang="en")) == ()


# ------------------------------------------------------- people: item 7 of issue 13

def test_title_with_dashes_keeps_the_whole_name():
    got = rows("وقال وزير الخارجية السعودي - عادل الجبير - إن المملكة ترفض التدخل في شؤونها", "person")
    assert [(r["text"], r["role"], r["country"]) for r in got] == [("عادل الجبير", "foreign minister", "SAU")]


def test_ambassador_posted_in_a_capital_gives_a_person():
    got = rows("وأكد السفير الروسي لدى الرياض أوليغ أوزيروف أن العلاقات بين البلدين جيدة", "person")
    assert [(r["text"], r["role"], r["country"]) for r in got] == [("أوليغ أوزيروف", "ambassador", "RUS")]


def test_military_rank_gives_a_person():
    got = rows("وقال المتحدث باسم قوات التحالف العميد الركن أحمد عسيري إن القوات تقدمت", "person")
    assert [(r["text"], r["role"], r["fine"]) for r in got] == [("أحمد عسيري", "military officer", "police")]


def test_office_outside_every_tenure_is_unknown():
    # SaudiNewsNet 2015-07-26.zip#166 (aawsat): Medvedev was prime minister then
    text = "ويقدر رئيس الوزراء الروسي ديمتري ميدفيديف أن العقوبات ستكلف روسيا 106 مليارات دولار خلال عام 2015."
    got = rows(text, "person", published="2015-07-26")
    assert [(r["value"], r["role"]) for r in got] == [("dmitry-medvedev", "prime minister")]
    # in 2025 he holds no office the lexicon stores: the title written is the role, never the old office
    got = rows("وصرح ديمتري ميدفيديف بأن العقوبات لن تؤثر", "person", published="2025-03-01")
    assert [(r["value"], r["role"]) for r in got] == [("dmitry-medvedev", None)]
    got = rows("وصرح فيصل بن فرحان بأن الزيارة ناجحة", "person", published="2015-07-26")
    assert [(r["value"], r["role"], r["country"]) for r in got] == [("faisal-bin-farhan", None, "SAU")]
    got = rows("وصرح وزير الخارجية فيصل بن فرحان بأن الزيارة ناجحة", "person", published="2022-03-01")
    assert [(r["value"], r["role"]) for r in got] == [("faisal-bin-farhan", "foreign minister")]


def test_lexicon_persons_are_politicians_and_say_their_row():
    got = rows("وقال رئيس الوزراء الروسي ديمتري ميدفيديف إن موسكو تدرس إقامة منطقة صناعية روسية", "person",
               published="2015-08-07")
    assert [(r["fine"], r["rule"].split(":")[0]) for r in got] == [("politician", "lexicon")]
    assert "person_names.csv:" in got[0]["rule"]


def test_unknown_surname_alone_after_the_full_name_is_the_same_person():
    text = ("وأوضح الوزير الإستوني - مارجوس تساكنا - أن الحظر قيد الدرس. "
            "وأضاف تساكنا أن الوزارة اقترحت الفكرة.")
    got = rows(text, "person")
    assert [(r["text"], r["value"]) for r in got] == [("مارجوس تساكنا", "مارجوس تساكنا"), ("تساكنا", "مارجوس تساكنا")]
    assert got[1]["rule"].startswith("surname: after مارجوس تساكنا")
    # before the full name the surname alone is nothing
    assert [r["text"] for r in rows("وقال تساكنا إن الحظر قيد الدرس.", "person")] == []


def test_english_names_with_a_reporting_verb():
    got = rows("John Kerry said the talks would go on. Kerry added that Iran agreed. "
               "According to Sergei Ryabkov the deal holds.", "person", lang="en")
    assert [(r["text"], r["value"]) for r in got] == [("John Kerry", "John Kerry"), ("Kerry", "John Kerry"),
                                                     ("Sergei Ryabkov", "Sergei Ryabkov")]
    linked = rows("Vladimir Putin said Russia would help.", "person", lang="en")
    assert [(r["text"], r["value"]) for r in linked] == [("Vladimir Putin", "vladimir-putin")]


@pytest.mark.parametrize("text, expected", [
    # wire-style sentences written for the case (no English corpus in ../shared)
    ("Col. Hamid al-Shammari, a police spokesman, blamed the militants.", ["Hamid al-Shammari"]),
    ("Mr. Dawood Rahimi arrived late; Dr. Leila Farsi of the clinic treated him.", ["Dawood Rahimi", "Leila Farsi"]),
    ("Senator Lindsey Graham criticised the deal and striker Mohamed Salah scored twice.",
     ["Lindsey Graham", "Mohamed Salah"]),
    ("Attorney General Merrick Garland declined to comment.", ["Merrick Garland"]),
    ("\"We are ready,\" said Ahmed al-Mismari, the army's spokesman.", ["Ahmed al-Mismari"]),
    ("Rania Haddad, 34, a teacher from the village, was among the wounded.", ["Rania Haddad"]),
    ("Kamal Obeidi, who heads the commission, resigned.", ["Kamal Obeidi"]),
    ("Activist Loujain al-Hathloul's sister spoke to reporters.", ["Loujain al-Hathloul"]),
    # no person: a sentence opening, a place or a country in apposition, a body, a list of cities
    ("On Monday, the talks resumed.", []),
    ("Tahrir Square, the heart of the protests, was empty.", []),
    ("Saudi Arabia, a key ally, agreed.", []),
    ("Police Chief Superintendent arrived.", []),
    ("Riyadh, Jeddah and Dammam, the three largest cities, saw rain.", []),
])
def test_english_person_names_by_cue_reporting_verb_and_apposition(text, expected):
    got = rows(text, "person", lang="en")
    assert [r["text"] for r in got] == expected
    for r in got:
        assert r["rule"].startswith("english: "), r["rule"]


@pytest.mark.parametrize("text, expected", [
    ("The Ministry of Defence and the Justice and Development Party issued statements.",
     ["Ministry of Defence", "Justice and Development Party"]),
    ("The Syrian Observatory for Human Rights said 12 people died.", ["Syrian Observatory for Human Rights"]),
    ("King Fahd University of Petroleum and Minerals opened a campus.", ["King Fahd University of Petroleum and Minerals"]),
    ("Energy Minister Ali Khalil met the board.", []),  # a minister of energy, not a body named Energy
    ("Tunisia's powerful UGTT labour union called a strike; the UGTT said 90 percent joined.", ["UGTT", "UGTT"]),
    ("The US group and the UK government met.", []),  # a country's acronym before the noun is the country
    ("Police in Mosul arrested five suspects on Monday.", []),
])
def test_english_organisations_by_head_noun(text, expected):
    got = [r for r in rows(text, "organization", lang="en") if r["rule"].startswith("english: ")]
    assert [r["text"] for r in got] == expected
    for r in got:  # the rule names the lexicon row (a repeated acronym names the first mention)
        assert re.search(r"name_cues\.csv:\d+ \w+$", r["rule"]) or r["rule"].startswith("english: acronym of "), \
            r["rule"]


def test_english_surname_with_a_particle_in_capitals_after_the_full_name():
    text = "Col. Hamid al-Shammari said the attack failed. Al-Shammari said later that al-Shammari was right."
    got = rows(text, "person", lang="en")
    assert [(r["text"], r["value"]) for r in got] == [
        ("Hamid al-Shammari", "Hamid al-Shammari"), ("Al-Shammari", "Hamid al-Shammari"),
        ("al-Shammari", "Hamid al-Shammari")]


def test_english_acronym_in_brackets_names_the_same_body():
    text = "The Popular Resistance Brigades (PRB) claimed the attack. Later the PRB denied it."
    got = rows(text, "organization", lang="en")
    assert [(r["text"], r["value"]) for r in got] == [
        ("Popular Resistance Brigades", "Popular Resistance Brigades"), ("PRB", "Popular Resistance Brigades"),
        ("PRB", "Popular Resistance Brigades")]
    # the country inside an English name is its country
    iraqi = rows("The Iraqi Football Association fined the club.", "organization", lang="en")
    assert [(r["text"], r["country"]) for r in iraqi] == [("Iraqi Football Association", "IRQ")]


def test_english_names_heldout_part_meets_its_floor():
    """The held-out English names (tests/data/ner_en_heldout.jsonl, never tuned on): exact-span F1
    persons 0.875 and organisations 0.744 when the rules were written (`python scripts/eval_ner_en.py`)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import eval_ner_en

    figures, _ = eval_ner_en.score("heldout")
    assert figures[("exact", "person")][2] >= 0.85, figures
    assert figures[("exact", "organization")][2] >= 0.70, figures
    assert len(eval_ner_en.records("heldout")) >= 100 and len(eval_ner_en.records("dev")) >= 100


# ---------------------------------------------------------- organisations: item 5

@pytest.mark.parametrize("text, expected", [
    # SaudiNewsNet 2015-08-10.zip and similar wording; written where the day lacks one
    ("أعلنت حركة حماس وحزب الله والحوثيون أن تنظيم داعش يتقدم", [
        ("حركة حماس", "HAMAS", "PSE"), ("حزب الله", "HEZBOLLAH", "LBN"), ("الحوثيون", "HOUTHIS", "YEM"),
        ("تنظيم داعش", "ISIS", None)]),
    ("وقعت أرامكو السعودية وغازبروم اتفاقا مع حركة طالبان وحزب العمال الكردستاني", [
        ("أرامكو السعودية", "ARAMCO", "SAU"), ("غازبروم", "GAZPROM", "RUS"), ("حركة طالبان", "TALIBAN", "AFG"),
        ("حزب العمال الكردستاني", "PKK", "TUR")]),
])
def test_movements_and_companies(text, expected):
    got = rows(text, "organization")
    assert [(r["text"], r["value"], r["country"] if isinstance(r["country"], str) else None) for r in got] == expected


def test_movements_and_companies_in_english():
    got = rows("Hezbollah, the Houthis and Hamas met Gazprom and Rosatom officials.", "organization", lang="en")
    assert [r["value"] for r in got] == ["HEZBOLLAH", "HOUTHIS", "HAMAS", "GAZPROM", "RUS-ROSATOM"]


@pytest.mark.parametrize("text, expected", [
    # SaudiNewsNet 2015-08-09.zip and 2015-08-10.zip (tests/data/org_headed_snn_sample.jsonl)
    ("استقبل مستشفى البشائر أمس السبت ثلاثة حوادث مرورية", ["مستشفى البشائر"]),
    ("وإحالة السعودي لهيئة التحقيق بحسب تعليمات", ["هيئة التحقيق"]),
    ("أكد مدير عام الهيئة العامة للسياحة والتراث الوطني بالطائف", ["الهيئة العامة للسياحة والتراث الوطني"]),
    ("أظهر استطلاع أجرته الهيئة الوطنية لمكافحة الفساد بأن", ["الهيئة الوطنية لمكافحة الفساد"]),
    ("أجرت لجنة الحكام الرئيسية في الاتحاد السعودي لكرة القدم اختبار", [
        "لجنة الحكام الرئيسية", "الاتحاد السعودي لكرة القدم"]),
    ("القيادي في الحزب الديمقراطي الكردستاني من قادة الخط الثاني", ["الحزب الديمقراطي الكردستاني"]),
    ("يقول المعارضون داخل الحزب الشيوعي الحاكم إن", ["الحزب الشيوعي"]),
    # no name: a generic company, no agreement, a board, a title's complement, a masdar
    ("وعلقت الشركة السعودية على القرار", []),
    ("ير خمسين بالمئة من قدرات الحزب العسكرية .", []),
    ("كذلك تنظيم المعارض المتعلقة بالجانب التراثي", []),
])
def test_organisation_named_by_a_head_noun_and_its_words(text, expected):
    got = [r for r in rows(text, "organization") if r["rule"].startswith("pattern: institution noun + name")]
    assert [r["text"] for r in got] == expected
    for r in got:
        assert re.search(r"name_cues\.csv:\d+$", r["rule"]), r["rule"]


def test_risky_form_is_not_taken_after_b():
    assert [r["value"] for r in rows("استقبل الجمهور الفريق بحماس كبير", "organization")] == []


def test_members_at_the_article_date():
    text = "قمة مجموعة بريكس في أوفا"
    m2015 = rows(text, "organization", published="2015-07-09")[0]["members"].split()
    m2025 = rows(text, "organization", published="2025-07-06")[0]["members"].split()
    assert m2015 == ["BRA", "CHN", "IND", "RUS", "ZAF"]
    assert {"EGY", "ETH", "IRN", "ARE", "IDN"} <= set(m2025)
    syria = rows("اجتماع جامعة الدول العربية", "organization", published="2015-07-09")[0]["members"].split()
    assert "SYR" not in syria and "SAU" in syria


def test_p5_plus_1_is_a_group_not_a_quoted_name():
    # SaudiNewsNet 2015-07-21.zip#98 (aawsat)
    text = ("وهذه هي أول زيارة لمسؤول أميركي رفيع المستوى إلى بغداد بعد توقيع الاتفاق النووي بين طهران "
            "ومجموعة «5 + 1»، ولا سيما أن العراق كان من أوائل الدول التي رحبت بتوقيع هذا الاتفاق.")
    a = ann(text, published="2015-07-21")
    orgs = a.mentions[a.mentions.type == "organization"]
    assert list(orgs.value) == ["P5PLUS1"]
    assert "P5PLUS1" not in set(a.events.source) | set(a.events.target)
    assert list(a.mentions[a.mentions.type == "amount"].text) == []


# --------------------------------------------------------------- countries: item 7

def test_the_kingdom_in_a_saudi_article_is_saudi_arabia():
    text = "وأكدت المملكة دعمها لمصر في حربها على الإرهاب"
    got = rows(text, "country", source="aawsat")
    assert [(r["text"], r["value"]) for r in got] == [("المملكة", "SAU"), ("مصر", "EGY")]
    assert "context: source" in got[0]["rule"]
    # without a Saudi source or a Saudi mention the kingdom is left alone (not Jordan or Morocco by accident)
    assert [r["value"] for r in rows(text, "country")] == ["EGY"]
    # an article about Jordan from elsewhere
    jo = rows("زار الملك عبدالله الثاني الأردن ثم أكدت المملكة دعمها", "country")
    assert [r["value"] for r in jo] == ["JOR", "JOR"]


@pytest.mark.parametrize("text, expected", [
    # SaudiNewsNet 2015-07-22.zip#98 (aawsat)
    ("نُقل شبلا أسد أُنقذا من قطاع غزة أوائل شهر يوليو (تموز) إلى مركز للحياة البرية في العاصمة الأردنية عمان "
     "في مسعى لتوفير رعاية مناسبة", [("الأردنية", "JOR"), ("عمان", "JOR")]),
    # SaudiNewsNet 2015-07-21.zip#293 (aawsat): the damma says Oman
    ("حيث يمكن للسائح من السعودية والبحرين وعُمان وقطر السفر إلى ألبانيا دون تأشيرة",
     [("السعودية", "SAU"), ("البحرين", "BHR"), ("عُمان", "OMN"), ("قطر", "QAT"), ("ألبانيا", "ALB")]),
    # SaudiNewsNet 2015-07-21.zip#1608 (alweeam)
    ("أعربت سلطنة عمان عن عزائها ومواساتها في وفاة صاحب السمو الملكي الأمير سعود الفيصل رحمه الله .",
     [("سلطنة عمان", "OMN")]),
    # written: the sentence names Muscat
    ("وصل الوفد إلى عمان قادما من مسقط", [("عمان", "OMN"), ("مسقط", "OMN")]),
    ("وصل الوفد إلى عمّان", [("عمّان", "JOR")]),
])
def test_amman_or_oman_from_context(text, expected):
    assert [(t, v) for t, v in found(text, "country")] == expected


@pytest.mark.parametrize("text", [
    "وصار يقرض الشعر باللغتين الإسبانية والإنجليزية.",  # SaudiNewsNet 2015-07-21.zip#166 (aawsat)
    "ويتوفر التطبيق باللغتين العربية والإنجليزية، بالإضافة إلى احتوائه على ميزات تفاعلية",  # 2015-07-21.zip#320
    "فالسماح بنمو الغيتوهات الإسلامية التي لا يتحدث سكانها الإنجليزية.",  # 2015-07-26.zip#89 (aawsat)
    "صدر الكتاب باللغتين الروسية والطاجيكية",
    # SaudiNewsNet 2015-07-21.zip#453 (aawsat): Kurdish is no country, Turkish joined to it is a language
    "فأصدر السيد عبد القادر جريدة «كردستان» التي ظهرت باللغتين الكردية والتركية، وأسست «جمعية التقدم والتطوّع»",
    "ويتقن السفير الروسية",
    "وتحدث الوزير بالروسية مع نظيره",
])
def test_languages_after_a_preposition_or_verb_are_not_countries(text):
    assert found(text, "country") == []


def test_a_demonym_after_a_feminine_noun_stays_a_country():
    assert found("تتحدث الحكومة الروسية عن التعاون", "country") == [("الروسية", "RUS")]


def test_english_languages_are_not_countries():
    got = found("The ambassador, speaking Russian, said it in Russian. Russian troops and the Russian side met.",
                "country", lang="en")
    assert got == [("Russian", "RUS"), ("Russian", "RUS")]


# ----------------------------------------------------- the tagger's names in the pipeline

def test_tagger_finds_names_no_lexicon_has():
    # SaudiNewsNet 2015-07-21.zip#203 (aawsat)
    text = ("وتأكيدا على ذلك، عدّ الشيخ رعد سليماني، وهو شخصية عراقية بارزة في قبيلة الدليم الكبيرة، في مقابلة "
            "سابقة أجرتها معه «الشرق الأوسط» في العاصمة الأردنية عمّان، أن «نحو 90 في المائة من قوى (داعش) "
            "مؤلفة من عشائر عراقية»")
    a = ann(text, published="2015-07-21", source="aawsat")
    m = a.mentions
    persons = m[m.type == "person"].to_dict("records")
    assert [(r["text"], r["rule"]) for r in persons] == [("رعد سليماني", ner.rule())]
    assert 0.5 <= persons[0]["confidence"] <= 1
    assert ("عمّان", "JOR") in [(r.text, r.value) for r in m.itertuples() if r.type == "country"]
    assert ("داعش", "ISIS") in [(r.text, r.value) for r in m.itertuples() if r.type == "organization"]
    for r in m.itertuples():
        assert a.text[r.start:r.end] == r.text


def test_tagger_persons_in_a_long_real_sentence():
    # SaudiNewsNet 2015-07-21.zip#453 (aawsat)
    text = ("والتحق بالركب الأكراد، فأصدر السيد عبد القادر جريدة «كردستان» التي ظهرت باللغتين الكردية والتركية، "
            "وأسست «جمعية التقدم والتطوّع» المتبادل التي نادت بإنشاء المدارس الكردية، وبرز منهم لطفي فكري المبعوث "
            "(النائب) الكردي الذي كان يطالب بالحكم المدني لا الديني للدولة والكتابة بالأحرف اللاتينية.")
    got = rows(text, "person", published="2015-07-21")
    # model 2.0 found «لطفي فكري» too; model 3 (word clusters: better on held-out NewsFANE,
    # persons 0.613 -> 0.634) misses it, a loss on one sentence kept in view here
    assert "عبد القادر" in {r["text"] for r in got}
    assert all(r["rule"] == ner.rule() and r["fine"] for r in got)
    assert found(text, "country", published="2015-07-21") == []


def test_a_tagged_name_the_lexicon_knows_is_linked():
    doc_text = "وقال ديمتري ميدفيديف إن العقوبات ستكلف روسيا كثيرا"
    got = rows(doc_text, "person", published="2015-07-26")
    assert [(r["value"], r["name_en"]) for r in got] == [("dmitry-medvedev", "Dmitry Medvedev")]
    from toolkit.annotators import people
    assert people.link("دميتري ميدفيديف")["person_id"] == "dmitry-medvedev"
    assert people.link("فرانك ريكارد") is None


def test_a_place_word_alone_is_no_place_name() -> None:
    """The bundled Crocus article: the tagger reads «ضواحي» (suburbs) of «بضواحي موسكو» as a city;
    a tagged place made only of words that introduce a place is dropped, the city itself kept."""
    text = ("تعرّضت قاعة الحفلات \"كروكوس سيتي هول\" في مدينة كراسنوغورسك بضواحي موسكو، مساء 22 آذار/مارس 2024، "
            "لهجوم مسلح أعقبه حريق.")
    places = [m for m in toolkit.annotate(text, lang="ar").mentions.itertuples() if m.type == "place"]
    assert "كراسنوغورسك" in [m.text for m in places]
    assert not [m for m in places if "ضواحي" in m.text or m.text in ("مدينة", "قاعة")]


def test_a_city_the_tagger_reads_as_a_person_is_a_place() -> None:
    """The bundled AZAL crash article: the tagger reads «غروزني» (and «على غروزني») as a person;
    a tagged person that is a gazetteer place, alone or after a preposition, is left to the places."""
    text = ("تحطمت الطائرة قرب مدينة أكتاو في كازاخستان، وكانت في رحلة من باكو إلى غروزني في جنوب روسيا. "
            "وتزامن ذلك مع هجمات بطائرات مسيّرة أوكرانية على غروزني.")
    m = toolkit.annotate(text, lang="ar").mentions
    assert not [t for t in m.loc[m["type"] == "person", "text"] if "غروزني" in t]
    assert list(m.loc[m["text"] == "غروزني", "type"]) == ["place", "place"]
    # a given name before a place word is still a person when the lexicon knows it
    m2 = toolkit.annotate("قال الرئيس الأذربيجاني إلهام علييف إن الطائرة أصيبت.", lang="ar").mentions
    assert "إلهام علييف" in list(m2.loc[m2["type"] == "person", "text"])


def test_long_documents_and_sentences_are_tagged_in_batches_with_the_same_labels(seed_path: Path) -> None:
    """Batches of sentences give the labels of one decoding; a 'sentence' longer than a batch (a
    text without punctuation) gets one label per word, and its chunks' labels are those of the
    chunks tagged as sentences."""
    sents = [ws for ws in _seed_sentences(seed_path) if ws]
    whole = tagger.tag_sentences(sents)
    old = tagger.BATCH_WORDS
    try:
        tagger.BATCH_WORDS = max(map(len, sents))  # no sentence cut, many batches
        batched = tagger.tag_sentences(sents)
        assert [[y for y, _ in s] for s in batched] == [[y for y, _ in s] for s in whole]
        assert all(abs(p - q) < 1e-4 for a, b in zip(batched, whole) for (_, p), (_, q) in zip(a, b))  # float32 sums
        long = [w for ws in sents for w in ws]
        got = tagger.tag_sentences([long])
        assert len(got) == 1 and len(got[0]) == len(long)
        n = tagger.BATCH_WORDS
        assert len(long) > 3 * n
        assert [y for y, _ in got[0][:n]] == [y for y, _ in tagger.tag_sentences([long[:n]])[0]]
    finally:
        tagger.BATCH_WORDS = old


def test_an_institution_noun_or_a_verb_alone_is_no_person():
    """SaudiNewsNet 2015-08-11.zip (records 779 and 827): the tagger read «المعهد» (the institute)
    and «يحفظهم» (may He protect them) as persons."""
    text = ("وأوضح المعهد أن مبلغ المئة مليار يورو الذي وفرته ألمانيا منذ 2010 يشكل أكثر من ثلاثة بالمئة من "
            "إجمالي ناتجها المحلي. ورفع السفير الفايز أحر التعازي إلى مقام خادم الحرمين الشريفين وسمو ولي "
            "عهده الأمين وسمو ولي ولي العهد - يحفظهم الله - وإلى كافة أسر الشهداء.")
    assert [r["text"] for r in rows(text, "person")] == []
    # names that look alike stay names
    from toolkit.annotators import people

    assert not any(people._no_name(w) for w in ("برهم", "يوسف", "تاتيانا", "عبدالعزيز الفايز", "المعهد العربي"))


def test_a_tagged_name_does_not_end_on_a_particle():
    """SaudiNewsNet (an interview, articles 3000-3400 of the corpus order): the tagger stopped
    at «بن» in «الأمير عبد الله بن مساعد» and «إبراهيم بن أدهم»; بن, آل, أبو and عبد never end
    a name, so the name runs over the word after them (and stops at a stop word)."""
    text = ("ماذا تتمنى من الرئيس العام الأمير عبد الله بن مساعد؟ وقد صنَّف إبراهيم بن أدهم الكلام على "
            "مطلقه. وأعلن محمد بن عبدالله آل الشيخ أن الوزارة ستبدأ.")
    names = [r["text"] for r in rows(text, "person")]
    assert "عبد الله بن مساعد" in names and "إبراهيم بن أدهم" in names
    assert "محمد بن عبدالله آل الشيخ" in names
    assert not any(n.split()[-1] in ("بن", "آل", "أبو", "عبد") for n in names)


def test_a_people_the_tagger_names_is_no_person():
    """NewsFANE (dev part) and the seed's kind of prose: the tagger gives peoples and bodies of
    believers its class ``group`` (العرب, المسلمين); they are no persons. A one-word name it puts
    in that class by mistake (اينشتاين, from the same dev text) stays a person."""
    text = "وأكد الزعيم أن العرب والمسلمين لن يقبلوا بذلك أبدا. وقد ادرك اينشتاين آنذاك أن ثمة قوة في الطبيعة."
    assert [r["text"] for r in rows(text, "person")] == ["اينشتاين"]
    from toolkit.annotators import people

    assert all(people._a_people(w) for w in ("العرب", "للمسلمين", "الشيعة", "فلسطينيين", "صينيون"))
    assert not any(people._a_people(w) for w in ("اينشتاين", "محمد", "ابو حمزة"))


def test_a_tagged_name_keeps_its_first_letter_and_leaves_common_words_out():
    """NewsFANE dev sentences: «كوفي» lost its ك (read as the clitic "like" before وفي, a common
    word); «امام» (before), «وعلى» (and on) and «يتحدث» (speaks) were taken into names by the
    tagger or the title rule. A common word at a name's edge is left out; a given name that is
    also a common word (آنا, SaudiNewsNet) and a family name with the article (طارق السيد) stay."""
    text = ("وعرض كوفي عنان أمام مجلس الأمن تقريره عن الوضع في دارفور. وحصل على 246 صوتا، وعلى فيلار مير "
            "صاحب المركز الثالث. وقال الرئيس عباس يتحدث عن خطة جديدة للسلام. تقول آنا دي لوكا من شركة "
            "أومبريا إن الطلب ارتفع.")
    names = [r["text"] for r in rows(text, "person")]
    assert names == ["كوفي عنان", "فيلار مير", "عباس", "آنا دي لوكا"]
    from toolkit.annotators import people

    def trim(s: str, **kw) -> str:
        a, b = people._trim_common_words(s, 0, len(s), **kw)
        return s[a:b]

    assert trim("على اينشتاين") == "اينشتاين" and trim("اينشتاين هو") == "اينشتاين"
    assert trim("طارق السيد") == "طارق السيد" and trim("عبد الوحيد") == "عبد الوحيد"
    assert trim("ابو عبد الله التركي") == "ابو عبد الله التركي" and trim("هو") == "هو"
    assert trim("على اينشتاين", leading=False) == "على اينشتاين"
    # a title or person cue at a name's start (SaudiNewsNet 2015-08-09: «لفضيلة الشيخ الدكتور راشد
    # الزهراني»); NewsFANE leaves titles out of names (الدكتور: 21 times outside, 3 inside)
    assert trim("الدكتور راشد الزهراني") == "راشد الزهراني" and trim("والشيخ راشد") == "راشد"
    assert trim("المقدم موسى الفيفي") == "موسى الفيفي" and trim("الدكتور") == "الدكتور"


def test_a_country_inside_a_word_takes_the_whole_word_out_of_a_name():
    """NewsFANE dev: the tagger read «خوان كارلوس للمغرب» as one name; the country المغرب starts
    after the clitics لل, and the name must not keep them («خوان كارلوس لل»)."""
    from toolkit.annotators import people
    from toolkit.model import Mention

    from types import SimpleNamespace

    text = "يقوم بها جلالة الملك خوان كارلوس للمغرب في ظرف دقيق"
    doc = SimpleNamespace(text=text)  # the function reads the text only
    s = text.index("خوان")
    e = text.index("للمغرب") + len("للمغرب")
    c0 = text.index("مغرب", s)  # where the country annotator starts it
    country = Mention(c0, c0 + len("مغرب"), "مغرب", "country", "MAR", "name", 0, "test")
    near = people._Near([], [people._C(country)])
    name = ner.Name(s, e, "Politician", "PER", "person", "politician", 0.9, 0)
    got = people._trim_countries(doc, name, near)
    assert text[got.start:got.end] == "خوان كارلوس"


def test_a_demonym_after_a_kunya_or_one_name_stays_in_the_name():
    """NewsFANE dev sentences (a report on converts and militants in London): «أبو حمزة المصري»,
    «أبو عبد الله التركي» and «الشيخ خالد الإيرلندي» are names; the demonym was cut off as a
    country. A demonym before a name stays a country (الرئيس الأمريكي باراك أوباما)."""
    text = ("وأصبح خليفة أبو حمزة المصري في قيادة الجماعة في بريطانيا. وأضاف الشيخ خالد الإيرلندي، كما يطلق "
            "عليه، أن الشرطة داهمت المسجد. وكان أبو عبد الله التركي يعمل في بيع الملابس. وقال الرئيس "
            "الأمريكي باراك أوباما إن بلاده ستدعم الاتفاق.")
    names = [r["text"] for r in rows(text, "person")]
    assert names == ["أبو حمزة المصري", "خالد الإيرلندي", "أبو عبد الله التركي", "باراك أوباما"]
    assert "الأمريكي" in [r["text"] for r in rows(text, "country")]


def test_a_name_after_a_facility_noun_is_no_organisation():
    """The seed: model 3.2 read «سانغتودا-1» in «محطة "سانغتودا-1" للطاقة الكهرومائية» (a power
    station) as an organisation; a name right after a facility noun is the facility's."""
    from toolkit.annotators import organizations

    text = 'ويُعدّ مشروع محطة "سانغتودا-1" للطاقة الكهرومائية حجر الزاوية في التعاون في مجال الطاقة.'
    assert "سانغتودا" not in " ".join(r["text"] for r in rows(text, "organization"))
    assert organizations._after_facility_noun(text, text.index("سانغتودا"))
    airport, company = "هبطت الطائرة في مطار الملك خالد", "قال رئيس مجلس إدارة شركة أرامكو"
    assert organizations._after_facility_noun(airport, airport.index("الملك"))
    assert not organizations._after_facility_noun(company, company.index("أرامكو"))


def test_word_clusters_ship_with_their_licence_and_are_features():
    """The word clusters (scripts/train_word_clusters.py, from SaudiNewsNet) travel with their
    provenance and licence; words of one kind share a cluster, and a word the clusters know
    gets cluster features, its own or (after clitics) its stem's."""
    import json

    from toolkit.ner import features as F

    models = REPO / "toolkit" / "ner" / "models"
    meta = json.loads((models / "word_clusters.json").read_text(encoding="utf-8"))
    assert meta["licence"].startswith("CC BY-NC-SA 4.0") and "SaudiNewsNet" in meta["corpus"]
    assert "CC BY-NC-SA 4.0" in (models / "README.md").read_text(encoding="utf-8")
    assert tagger.meta()["clusters"]["version"] == meta["version"]
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "ner/models/*.tsv.gz" in pyproject
    clusters = F.read_clusters(tagger.CLUSTERS_FILE)
    assert len(clusters) == meta["words"]
    big = len(meta["sizes"])  # the last size is the finest
    cities = {clusters.get(w)[big - 1] for w in ("جازان", "تبوك", "نجران")}
    assert len(cities) == 1  # Saudi provinces share the finest cluster
    assert clusters.get("no-such-word-zz") is None
    tagger._scorer()  # loads the clusters the features read
    own = F.cluster_features("نجران")
    assert own and all(f.startswith("c") and "=" in f for f in own)
    assert clusters.get("فلنجران") is None  # not in the clusters: its stem's (ف + ل + نجران)
    assert F.cluster_features("فلنجران") == tuple("cs" + f[1:] for f in own)
    assert any(f in F.word_features("نجران") for f in own)


def test_word_context_profiles_ship_with_their_licence_and_are_features():
    """The context profiles (scripts/train_word_contexts.py, from SaudiNewsNet) travel with their
    provenance and licence; a family name stands after given names, a common noun's stem takes
    ال, and a word the profiles know gets their features, its own or (after clitics) its stem's."""
    import json

    from toolkit.ner import features as F

    models = REPO / "toolkit" / "ner" / "models"
    meta = json.loads((models / "word_contexts.json").read_text(encoding="utf-8"))
    assert meta["licence"].startswith("CC BY-NC-SA 4.0") and "SaudiNewsNet" in meta["corpus"]
    assert "word_contexts" in (models / "LICENSE-word-clusters").read_text(encoding="utf-8")
    assert list(meta["contexts"]) == list(F.CONTEXTS)
    assert tagger.meta()["contexts"]["version"] == meta["version"]
    table = F.read_contexts(tagger.CONTEXTS_FILE)
    assert len(table) == meta["words"]
    col = {name: k for k, name in enumerate(F.CONTEXTS, 1)}
    jubeir, minister = table.get("الجبير"), table.get("الوزير")
    assert jubeir[col["given"]] > 300 > minister[col["given"]]  # عادل الجبير: after a given name
    assert minister[col["al"]] > 500 and table.get("كيري")[col["al"]] < 100  # names seldom take ال
    tagger._scorer()  # loads the profiles the features read
    own = F.profile_features("الجبير")
    assert own and own[0].startswith("xn=") and "xgiven=4" in own
    assert table.get("فالجبير") is None and F.profile_features("فالجبير")[0].startswith("xsn=")
    assert all(f in F.word_features("الجبير") for f in own)
    assert F.profile_features("zzqx-no-such-word") == ("x=none",)


def test_clusters_look_up_as_a_dict_does():
    from toolkit.ner import features as F

    words = {"محمد": (1, 20), "الرياض": (2, 30), "x": (3, 40)}
    c = F.Clusters(words)
    assert len(c) == 3 and all(c.get(w) == ids for w, ids in words.items())
    assert c.get("محمدي") is None and F.Clusters().get("محمد") is None


def test_a_compound_given_name_is_one_name():
    """«سيف الإسلام», «نور الدين», «صلاح الدين»: the tagger may stop at the first word; the name is
    carried over the second (before: «احمد سيف» of «المحامي احمد سيف الاسلام»)."""
    people = {m.text for m in toolkit.annotate("وقال المحامي احمد سيف الاسلام ان موكله بريء.", lang="ar")
              .mention_records if m.type == "person"}
    assert people == {"احمد سيف الاسلام"}
    assert not {m.text for m in toolkit.annotate("وقال إن الله أكبر من كل شيء.", lang="ar").mention_records
                if m.type == "person"}

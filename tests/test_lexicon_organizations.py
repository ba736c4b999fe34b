"""Checks on the organisation, institution and title lexicons (toolkit/lexicon).

These are data files; the tests guard their shape and a set of facts that the annotators
and the seed article rely on.
"""

from __future__ import annotations

import csv
import re
import string
from collections import Counter, defaultdict
from pathlib import Path

import pycountry
import pytest

LEXICON = Path(__file__).resolve().parents[1] / "toolkit" / "lexicon"

ORG_TYPES = {"igo", "un_agency", "court", "bank", "forum", "ngo_intl", "movement", "company", "contact_group", "media"}
EXTRA_ISO3 = {"PSE", "XKX", "TWN"}
PLACEHOLDERS = {"m", "f", "name", "adj"}
PROCLITIC_ARTICLE = ("بال", "وال", "لل", "كال", "فال")
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")


def read(name: str) -> list[dict[str, str]]:
    path = LEXICON / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def header(name: str) -> list[str]:
    with (LEXICON / name).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def norm_ar(text: str) -> str:
    """The matcher's Arabic normalisation, reduced to what these tests need."""
    text = re.sub("[\u064B-\u0652\u0640\u0670]", "", text)
    text = re.sub("[أإآٱ]", "ا", text)
    return text.replace("ى", "ي").replace("ة", "ه")


def valid_iso3(code: str) -> bool:
    return code in EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


@pytest.fixture(scope="module")
def orgs() -> dict[str, dict[str, str]]:
    rows = read("organizations.csv")
    ids = [r["id"] for r in rows]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate organisation ids: {duplicates}"
    return {r["id"]: r for r in rows}


@pytest.fixture(scope="module")
def names() -> list[dict[str, str]]:
    return read("organization_names.csv")


@pytest.fixture(scope="module")
def forms_by_id(names) -> dict[str, dict[str, set[str]]]:
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in names:
        out[r["id"]][r["lang"]].add(r["form"])
    return out


@pytest.fixture(scope="module")
def templates() -> list[dict[str, str]]:
    return read("institutions.csv")


@pytest.fixture(scope="module")
def named() -> list[dict[str, str]]:
    return read("named_institutions.csv")


@pytest.fixture(scope="module")
def titles() -> list[dict[str, str]]:
    return read("titles.csv")


# --------------------------------------------------------------------------- shape


def test_headers():
    assert header("organizations.csv") == ["id", "name_en", "name_ar", "abbr_en", "type", "iso3", "members"]
    assert header("organization_names.csv") == ["id", "lang", "form", "note"]
    assert header("institutions.csv") == ["id_suffix", "lang", "template", "name_en", "note"]
    assert header("named_institutions.csv") == ["id", "iso3", "lang", "form", "name_en"]
    assert header("titles.csv") == ["lang", "form", "role", "rank", "note"]


def test_at_least_100_organisations(orgs):
    assert len(orgs) >= 100


def test_organisation_rows(orgs):
    for oid, r in orgs.items():
        assert re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", oid), f"bad id {oid!r}"
        assert r["type"] in ORG_TYPES, f"{oid}: type {r['type']!r}"
        assert r["name_en"].strip() and LATIN.search(r["name_en"]), oid
        assert ARABIC.search(r["name_ar"]), f"{oid}: name_ar is not Arabic"
        assert not r["iso3"] or valid_iso3(r["iso3"]), f"{oid}: iso3 {r['iso3']!r}"


def test_members_are_iso_alpha3(orgs):
    for oid, r in orgs.items():
        members = r["members"].split()
        assert len(members) == len(set(members)), f"{oid}: repeated member"
        bad = [m for m in members if not valid_iso3(m)]
        assert not bad, f"{oid}: not ISO 3166 alpha-3: {bad}"
        assert r["members"] == " ".join(members), f"{oid}: members must be single-space separated"


def test_name_rows_refer_to_organisations(orgs, names):
    for i, r in enumerate(names, start=2):
        assert r["id"] in orgs, f"organization_names.csv line {i}: unknown id {r['id']!r}"
        assert r["lang"] in {"ar", "en"}, f"line {i}: lang {r['lang']!r}"
        assert r["form"] == r["form"].strip() and r["form"], f"line {i}: empty or padded form"
        if r["lang"] == "ar":
            assert ARABIC.search(r["form"]), f"line {i}: Arabic form without Arabic letters"
        else:
            assert not ARABIC.search(r["form"]), f"line {i}: English form with Arabic letters"


def test_every_organisation_has_ar_and_en_forms(orgs, forms_by_id):
    for oid in orgs:
        assert forms_by_id[oid]["ar"], f"{oid}: no Arabic form"
        assert forms_by_id[oid]["en"], f"{oid}: no English form"


def test_primary_arabic_name_is_a_form(orgs, forms_by_id):
    for oid, r in orgs.items():
        assert r["name_ar"] in forms_by_id[oid]["ar"], f"{oid}: name_ar not listed as a form"


def test_no_form_maps_to_two_organisations(names):
    seen: dict[tuple[str, str], str] = {}
    for r in names:
        key = (r["lang"], norm_ar(r["form"]) if r["lang"] == "ar" else r["form"])
        assert seen.setdefault(key, r["id"]) == r["id"], f"{r['form']!r}: {seen[key]} and {r['id']}"


def test_no_duplicate_rows(names):
    keys = [(r["id"], r["lang"], norm_ar(r["form"])) for r in names]
    assert [k for k, n in Counter(keys).items() if n > 1] == []


# --------------------------------------------------------------------------- facts

REQUIRED_AR = {
    "CIS": ["رابطة الدول المستقلة", "كومنولث الدول المستقلة"],
    "EAEU": ["الاتحاد الاقتصادي الأوراسي"],
    "CSTO": ["منظمة معاهدة الأمن الجماعي"],
    "SCO": ["منظمة شنغهاي للتعاون"],
    "BRICS": ["مجموعة بريكس", "بريكس"],
    "OIC": ["منظمة التعاون الإسلامي"],
    "ARAB-LEAGUE": ["جامعة الدول العربية", "الجامعة العربية"],
    "GCC": ["مجلس التعاون لدول الخليج العربية", "مجلس التعاون الخليجي"],
    "EU": ["الاتحاد الأوروبي"],
    "NATO": ["حلف شمال الأطلسي", "حلف الناتو", "الناتو", "ناتو"],
    "OPEC": ["أوبك"],
    "OPECPLUS": ["أوبك+", "أوبك بلس"],
    "AU": ["الاتحاد الأفريقي"],
    "ASEAN": ["آسيان"],
    "IAEA": ["الوكالة الدولية للطاقة الذرية"],
    "UN": ["الأمم المتحدة"],
    "UNSC": ["مجلس الأمن الدولي", "مجلس الأمن"],
    "UNGA": ["الجمعية العامة للأمم المتحدة"],
    "UNESCO": ["يونسكو", "اليونسكو"],
    "UNICEF": ["يونيسف"],
    "UNRWA": ["الأونروا"],
    "UNHCR": ["المفوضية السامية للأمم المتحدة لشؤون اللاجئين"],
    "FAO": ["منظمة الأغذية والزراعة", "الفاو", "فاو"],
    "RUS-TJK-IGC": ["اللجنة الحكومية المشتركة الثنائية للتعاون الاقتصادي"],
}
REQUIRED_EN = {
    "CIS": ["CIS"], "EAEU": ["EAEU"], "CSTO": ["CSTO"], "SCO": ["SCO"], "BRICS": ["BRICS"],
    "OIC": ["OIC"], "GCC": ["GCC"], "EU": ["EU", "European Union"], "NATO": ["NATO"],
    "OPEC": ["OPEC"], "OPECPLUS": ["OPEC+"], "IAEA": ["IAEA"], "UN": ["UN", "U.N.", "United Nations"],
    "UNSC": ["UNSC"], "ARAB-LEAGUE": ["Arab League"], "AU": ["African Union"], "ASEAN": ["ASEAN"],
    "RUS-TJK-IGC": ["Russian-Tajik Intergovernmental Commission on Economic Cooperation"],
}
MUST_EXIST = [
    "UN", "UNSC", "UNGA", "UNESCO", "UNICEF", "UNHCR", "UNRWA", "WHO", "WFP", "FAO", "IAEA", "ILO",
    "IMF", "WORLD-BANK", "WTO", "ICJ", "ICC", "CIS", "EAEU", "CSTO", "SCO", "BRICS", "OIC",
    "ARAB-LEAGUE", "GCC", "EU", "EU-COMMISSION", "EU-PARLIAMENT", "NATO", "OPEC", "OPECPLUS", "AU",
    "ASEAN", "G7", "G20", "OSCE", "COE", "ISDB", "AMF", "AIIB", "NDB", "ICRC", "INTERPOL", "MWL",
    "OAPEC", "ECO", "CICA", "OTS", "UFM", "AMU", "IGAD", "ECOWAS", "RUS-TJK-IGC",
]


@pytest.mark.parametrize("oid", MUST_EXIST)
def test_required_organisation_present(orgs, oid):
    assert oid in orgs


@pytest.mark.parametrize("oid", sorted(REQUIRED_AR))
def test_required_arabic_forms(forms_by_id, oid):
    have = {norm_ar(f) for f in forms_by_id[oid]["ar"]}
    missing = [f for f in REQUIRED_AR[oid] if norm_ar(f) not in have]
    assert not missing, f"{oid}: missing Arabic forms {missing}"


@pytest.mark.parametrize("oid", sorted(REQUIRED_EN))
def test_required_english_forms(forms_by_id, oid):
    missing = [f for f in REQUIRED_EN[oid] if f not in forms_by_id[oid]["en"]]
    assert not missing, f"{oid}: missing English forms {missing}"


@pytest.mark.parametrize(
    ("oid", "count"),
    [("OIC", 57), ("ARAB-LEAGUE", 22), ("GCC", 6), ("EU", 27), ("NATO", 32), ("OPEC", 12),
     ("CIS", 9), ("EAEU", 5), ("CSTO", 6), ("SCO", 10), ("BRICS", 10), ("AU", 55), ("G7", 7),
     ("G20", 19), ("OSCE", 57), ("COE", 46), ("OECD", 38)],
)
def test_member_counts(orgs, oid, count):
    assert len(orgs[oid]["members"].split()) == count


def test_membership_facts(orgs):
    def members(oid: str) -> set[str]:
        return set(orgs[oid]["members"].split())

    assert members("GCC") == {"SAU", "ARE", "QAT", "KWT", "BHR", "OMN"}
    assert members("EAEU") == {"RUS", "BLR", "KAZ", "KGZ", "ARM"}
    assert members("GCC") < members("ARAB-LEAGUE") <= members("OIC")
    assert "PSE" in members("ARAB-LEAGUE") and "SYR" in members("ARAB-LEAGUE")
    assert "SWE" in members("NATO") and "FIN" in members("NATO")
    assert "GBR" not in members("EU")
    assert "RUS" not in members("COE")
    assert "AGO" not in members("OPEC")
    assert members("OPEC") < members("OPECPLUS") and {"RUS", "KAZ"} <= members("OPECPLUS")
    assert members("EAEU") < members("CIS")
    assert members("RUS-TJK-IGC") == {"RUS", "TJK"}
    assert members("G7") < members("G20")
    assert {"IRN", "ARE", "EGY", "ETH", "IDN"} <= members("BRICS")
    assert "BLR" in members("SCO")


# --------------------------------------------------------------------------- institutions


def test_templates_use_known_placeholders(templates):
    for i, r in enumerate(templates, start=2):
        for column in ("template", "name_en"):
            fields = {f for _, f, _, _ in string.Formatter().parse(r[column]) if f is not None}
            assert fields <= PLACEHOLDERS, f"institutions.csv line {i}: {column} uses {fields - PLACEHOLDERS}"
        fields = {f for _, f, _, _ in string.Formatter().parse(r["template"]) if f is not None}
        assert fields, f"institutions.csv line {i}: template has no placeholder"
        if r["lang"] == "en":
            assert fields <= {"name", "adj"}, f"line {i}: English template with Arabic placeholder"
        else:
            assert r["lang"] == "ar" and fields <= {"m", "f", "name"}, f"line {i}: bad Arabic template"
        assert re.fullmatch(r"[A-Z]+(-[A-Z]+)*", r["id_suffix"]), f"line {i}: id_suffix {r['id_suffix']!r}"


REQUIRED_TEMPLATES = {
    "GOV": ["الحكومة {f}", "حكومة {name}", "the {adj} government", "the government of {name}", "{adj} government"],
    "CABINET": ["مجلس الوزراء {m}"],
    "GOV-PRESS": ["المكتب الصحفي للحكومة {f}", "المكتب الإعلامي للحكومة {f}"],
    "MFA": ["وزارة الخارجية {f}", "الخارجية {f}", "{adj} Foreign Ministry", "the Foreign Ministry of {name}",
            "Ministry of Foreign Affairs of {name}"],
    "MOD": ["وزارة الدفاع {f}", "{adj} Defence Ministry", "{adj} Defense Ministry"],
    "PRESIDENCY": ["الرئاسة {f}"],
    "PARLIAMENT": ["البرلمان {m}", "مجلس النواب {m}", "{adj} parliament"],
    "EMBASSY": ["السفارة {f}", "سفارة {name}", "the {adj} embassy"],
    "ARMY": ["الجيش {m}", "the {adj} army", "{adj} armed forces", "القوات المسلحة {f}"],
    "ECONOMY": ["وزارة الاقتصاد {f}"], "ENERGY": ["وزارة الطاقة {f}"], "TRADE": ["وزارة التجارة {f}"],
    "INTERIOR": ["وزارة الداخلية {f}"], "FINANCE": ["وزارة المالية {f}"], "CB": ["البنك المركزي {m}"],
    "NEWSAGENCY": ["وكالة الأنباء {f}"],
}


@pytest.mark.parametrize("suffix", sorted(REQUIRED_TEMPLATES))
def test_required_templates(templates, suffix):
    have = {r["template"] for r in templates if r["id_suffix"] == suffix}
    missing = [t for t in REQUIRED_TEMPLATES[suffix] if t not in have]
    assert not missing, f"{suffix}: missing templates {missing}"


def test_template_is_not_listed_twice(templates):
    keys = Counter((r["lang"], norm_ar(r["template"])) for r in templates)
    assert [k for k, n in keys.items() if n > 1] == []


def test_seed_institutions_expand_to_gold_ids(templates):
    """The seed article's government bodies resolve through the templates (gold ids)."""
    russia = {"m": "الروسي", "f": "الروسية", "name": "روسيا"}
    tajik = {"m": "الطاجيكستاني", "f": "الطاجيكستانية", "name": "طاجيكستان"}
    expanded = {}
    for r in templates:
        if r["lang"] == "ar":
            for iso3, values in (("RUS", russia), ("TJK", tajik)):
                expanded[r["template"].format(**values)] = f"{iso3}-{r['id_suffix']}"
    assert expanded["المكتب الصحفي للحكومة الروسية"] == "RUS-GOV-PRESS"
    assert expanded["الحكومة الروسية"] == "RUS-GOV"
    assert expanded["الحكومة الطاجيكستانية"] == "TJK-GOV"
    assert expanded["مجلس الوزراء الروسي"] == "RUS-CABINET"


def test_named_institutions(named, orgs):
    for i, r in enumerate(named, start=2):
        assert valid_iso3(r["iso3"]), f"named_institutions.csv line {i}: iso3 {r['iso3']!r}"
        assert r["id"].startswith(r["iso3"] + "-"), f"line {i}: id {r['id']!r} must start with its iso3"
        assert r["id"] not in orgs, f"line {i}: {r['id']} is also an organisation"
        assert r["lang"] in {"ar", "en"} and r["form"].strip() == r["form"] and r["form"]
        assert r["name_en"], f"line {i}: empty name_en"
        if r["lang"] == "ar":
            assert ARABIC.search(r["form"]), f"line {i}: Arabic form without Arabic letters"
    ids = {r["id"] for r in named}
    for oid in ("RUS-FEDCOUNCIL", "RUS-DUMA", "USA-CONGRESS", "ISR-KNESSET", "SAU-SPA", "RUS-TASS",
                "IRN-IRNA", "TUR-AA"):
        assert oid in ids, oid
    forms = {(r["id"], norm_ar(r["form"])) for r in named if r["lang"] == "ar"}
    assert ("RUS-FEDCOUNCIL", norm_ar("مجلس الاتحاد الروسي")) in forms
    assert ("RUS-DUMA", norm_ar("مجلس الدوما")) in forms


def test_named_form_maps_to_one_institution(named, names):
    seen: dict[tuple[str, str], str] = {}
    for r in named:
        key = (r["lang"], norm_ar(r["form"]) if r["lang"] == "ar" else r["form"])
        assert seen.setdefault(key, r["id"]) == r["id"], f"{r['form']!r}: {seen[key]} and {r['id']}"
    org_forms = {(r["lang"], norm_ar(r["form"]) if r["lang"] == "ar" else r["form"]) for r in names}
    clash = sorted(k[1] for k in seen if k in org_forms)
    assert not clash, f"forms both in named_institutions.csv and organization_names.csv: {clash}"


# --------------------------------------------------------------------------- titles

REQUIRED_TITLES_AR = {
    "رئيس": "president", "الرئيس": "president", "رئيس الوزراء": "prime minister",
    "رئيس الحكومة": "prime minister", "رئيس مجلس الوزراء": "prime minister",
    "نائب رئيس الوزراء": "deputy prime minister",
    "النائب الأول لرئيس الوزراء": "first deputy prime minister",
    "وزير الخارجية": "foreign minister", "وزيرة الخارجية": "foreign minister",
    "وزير الدفاع": "defence minister", "وزير": "minister", "السفير": "ambassador", "سفير": "ambassador",
    "الملك": "king", "الأمير": "prince", "ولي العهد": "crown prince", "أمير": "emir",
    "السلطان": "sultan", "المرشد الأعلى": "supreme leader", "المستشار": "chancellor",
    "الأمين العام": "secretary-general", "المتحدث باسم": "spokesperson", "المتحدثة باسم": "spokesperson",
    "المبعوث": "envoy", "المبعوث الخاص": "special envoy", "نظيره": "counterpart",
    "نظيرته": "counterpart", "نظيريه": "counterpart",
}
REQUIRED_TITLES_EN = {
    "President": "president", "Prime Minister": "prime minister", "PM": "prime minister",
    "Premier": "prime minister", "Deputy Prime Minister": "deputy prime minister",
    "Foreign Minister": "foreign minister", "Foreign Secretary": "foreign minister",
    "Secretary of State": "foreign minister", "Defence Minister": "defence minister", "King": "king",
    "Crown Prince": "crown prince", "Emir": "emir", "Sultan": "sultan", "Supreme Leader": "supreme leader",
    "Chancellor": "chancellor", "Ambassador": "ambassador", "Secretary-General": "secretary-general",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "counterpart": "counterpart",
}


def test_title_rows(titles):
    keys = Counter((r["lang"], norm_ar(r["form"])) for r in titles)
    assert [k for k, n in keys.items() if n > 1] == [], "a title form is listed twice"
    for i, r in enumerate(titles, start=2):
        assert r["lang"] in {"ar", "en"}, f"titles.csv line {i}"
        assert r["role"] and r["role"] == r["role"].lower(), f"titles.csv line {i}: role must be lower case"
        assert r["rank"].isdigit() and 1 <= int(r["rank"]) <= 9, f"titles.csv line {i}: rank {r['rank']!r}"
        if r["lang"] == "ar":
            assert ARABIC.search(r["form"]), f"titles.csv line {i}"


@pytest.mark.parametrize(("lang", "required"), [("ar", REQUIRED_TITLES_AR), ("en", REQUIRED_TITLES_EN)])
def test_required_titles(titles, lang, required):
    have = {r["form"]: r["role"] for r in titles if r["lang"] == lang}
    for form, role in required.items():
        assert have.get(form) == role, f"{lang} title {form!r}: expected role {role!r}, got {have.get(form)!r}"


# --------------------------------------------------------------------------- Arabic hygiene


def all_arabic_forms(names, named, titles, templates):
    yield from (("organization_names.csv", r["form"]) for r in names if r["lang"] == "ar")
    yield from (("named_institutions.csv", r["form"]) for r in named if r["lang"] == "ar")
    yield from (("titles.csv", r["form"]) for r in titles if r["lang"] == "ar")
    yield from (("institutions.csv", r["template"]) for r in templates if r["lang"] == "ar")


def test_no_arabic_form_starts_with_proclitic_and_article(names, named, titles, templates):
    bad = [(f, form) for f, form in all_arabic_forms(names, named, titles, templates)
           if norm_ar(form).startswith(PROCLITIC_ARTICLE)]
    assert not bad, f"forms with a proclitic before the article: {bad}"


def test_no_stray_whitespace_or_latin_in_arabic(names, named, titles, templates):
    for f, form in all_arabic_forms(names, named, titles, templates):
        assert "  " not in form and form == form.strip(), f"{f}: {form!r}"
        without_placeholders = re.sub(r"\{(m|f|name)\}", "", form)
        assert not LATIN.search(without_placeholders), f"{f}: Latin letters in Arabic form {form!r}"

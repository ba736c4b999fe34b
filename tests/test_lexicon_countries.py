"""Checks on the country lexicon: countries.csv, country_names.csv, not_countries.csv.

The files are data people edit by hand; these tests catch the mistakes that are easy to
make there (a code that is not in countries.csv, a form given to two countries, a form
written with a proclitic, a missing demonym or capital, a typo in a column value).
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

LEXICON = Path(__file__).resolve().parents[1] / "toolkit" / "lexicon"

#: The 193 member states of the United Nations (ISO 3166-1 alpha-3).
UN_MEMBERS = frozenset("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split())
UN_OBSERVERS = frozenset({"PSE", "VAT"})
#: City-states and territories whose capital has the country's own name (no capital row).
NO_SEPARATE_CAPITAL = frozenset({"SGP", "MCO", "VAT", "HKG", "MAC"})
#: Arabic forms that begin with letters looking like a proclitic + ال but are one word.
NOT_CLITICS = ("بالاو", "باليكير", "فاليتا")

KINDS = {"name", "demonym", "capital"}
FORM_TYPES = {"ar": {"m", "f", "pl", "fpl", "dual"}, "en": {"adj", "pl"}}
AR_LETTERS = re.compile(r"^[\u0621-\u0652\u0670\u0671 \-]+$")
# the project's normalisation, restated so that the data checks stand on their own
_NORM = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def norm(s: str) -> str:
    return _MARKS.sub("", s).translate(_NORM)


def read(name: str) -> list[dict[str, str]]:
    with (LEXICON / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = []
        for row in reader:
            assert None not in row, f"{name}, line {reader.line_num}: more fields than the header"
            row["_line"] = str(reader.line_num)
            rows.append(row)
        return rows


@pytest.fixture(scope="module")
def countries() -> list[dict[str, str]]:
    return read("countries.csv")


@pytest.fixture(scope="module")
def names() -> list[dict[str, str]]:
    return read("country_names.csv")


@pytest.fixture(scope="module")
def traps() -> list[dict[str, str]]:
    return read("not_countries.csv")


def surfaces(row: dict[str, str]) -> set[str]:
    """What a row matches in normalised text (before proclitics): the form, and ال+form
    when the article is optional."""
    form = norm(row["form"]) if row["lang"] == "ar" else row["form"]
    out = {form}
    if row["article"] == "optional":
        out.add("ال" + form)
    return out


@pytest.fixture(scope="module")
def index(names) -> dict[tuple[str, str], set[str]]:
    """(lang, surface) -> iso3 codes, over unambiguous rows."""
    idx: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in names:
        if not r["ambiguous"]:
            for s in surfaces(r):
                idx[(r["lang"], s)].add(r["iso3"])
    return idx


def lookup(index, surface: str, lang: str = "ar") -> set[str]:
    return index.get((lang, norm(surface) if lang == "ar" else surface), set())


# --- countries.csv -----------------------------------------------------------------

def test_countries_header_and_values(countries):
    assert list(countries[0].keys())[:5] == ["iso3", "iso2", "name_en", "name_ar", "status"]
    codes = [r["iso3"] for r in countries]
    assert len(codes) == len(set(codes)), "duplicate iso3"
    iso2 = [r["iso2"] for r in countries]
    assert len(iso2) == len(set(iso2)), "duplicate iso2"
    for r in countries:
        where = f"countries.csv line {r['_line']}"
        assert re.fullmatch(r"[A-Z]{3}", r["iso3"]), where
        assert re.fullmatch(r"[A-Z]{2}", r["iso2"]), where
        assert r["status"] in {"member", "observer", "other"}, where
        assert r["name_en"] and r["name_ar"] and AR_LETTERS.match(r["name_ar"]), where


def test_un_membership(countries):
    status = {r["iso3"]: r["status"] for r in countries}
    assert len(UN_MEMBERS) == 193
    assert {c for c, s in status.items() if s == "member"} == UN_MEMBERS
    assert {c for c, s in status.items() if s == "observer"} == UN_OBSERVERS
    for other in ("XKX", "TWN", "HKG", "MAC", "ESH"):
        assert status.get(other) == "other", other


def test_codes_agree_with_pycountry(countries):
    pycountry = pytest.importorskip("pycountry")
    for r in countries:
        if r["iso3"] == "XKX":  # Kosovo: user-assigned code, not in ISO 3166-1
            assert r["iso2"] == "XK"
            continue
        c = pycountry.countries.get(alpha_3=r["iso3"])
        assert c is not None and c.alpha_2 == r["iso2"], r


def test_short_english_names(countries):
    en = {r["iso3"]: r["name_en"] for r in countries}
    assert en["RUS"] == "Russia" and en["IRN"] == "Iran" and en["SYR"] == "Syria"
    assert en["USA"] == "United States" and en["GBR"] == "United Kingdom" and en["TUR"] == "Türkiye"
    assert en["KOR"] == "South Korea" and en["PRK"] == "North Korea"


# --- country_names.csv -------------------------------------------------------------

def test_names_columns_and_values(names):
    assert list(names[0].keys())[:8] == ["iso3", "lang", "form", "kind", "form_type", "article", "ambiguous", "note"]
    seen = set()
    for r in names:
        where = f"country_names.csv line {r['_line']}: {r['form']!r}"
        for k in ("iso3", "lang", "form", "kind", "form_type", "article", "ambiguous", "note"):
            assert r[k] == r[k].strip(), where + f" ({k} has surrounding spaces)"
        assert r["form"], where
        assert r["lang"] in FORM_TYPES, where
        assert r["kind"] in KINDS, where
        if r["kind"] == "demonym":
            assert r["form_type"] in FORM_TYPES[r["lang"]], where
        else:
            assert r["form_type"] == "", where
        assert r["article"] in {"", "optional"}, where
        if r["lang"] == "ar":
            assert AR_LETTERS.match(r["form"]), where + " (Arabic form with other characters)"
            if r["article"] == "optional":
                assert r["kind"] == "demonym" and not r["form"].startswith("ال"), where
            elif r["kind"] == "demonym":
                assert " " in r["form"], where + " (one-word Arabic demonyms take article=optional)"
        else:
            assert r["article"] == "", where
            assert not re.search(r"[\u0600-\u06ff]", r["form"]), where
            assert not r["form"].lower().startswith("the "), where + " (English forms are written without 'the')"
        key = (r["iso3"], r["lang"], r["form"], r["kind"], r["form_type"])
        assert key not in seen, where + " (duplicate row)"
        seen.add(key)


def test_every_code_is_a_country(names, countries):
    codes = {r["iso3"] for r in countries}
    unknown = sorted({r["iso3"] for r in names} - codes)
    assert not unknown, unknown


def _have(names, iso, lang, kind, form_type=None, unambiguous=False):
    return [r for r in names if r["iso3"] == iso and r["lang"] == lang and r["kind"] == kind
            and (form_type is None or r["form_type"] == form_type) and not (unambiguous and r["ambiguous"])]


def test_every_un_member_is_covered(names):
    missing = []
    for iso in sorted(UN_MEMBERS):
        needs = [("ar", "name", None), ("en", "name", None), ("ar", "demonym", "m"), ("ar", "demonym", "f"),
                 ("en", "demonym", None)]
        if iso not in NO_SEPARATE_CAPITAL:
            needs += [("ar", "capital", None), ("en", "capital", None)]
        for lang, kind, ft in needs:
            if not _have(names, iso, lang, kind, ft):
                missing.append((iso, lang, kind, ft))
        if not _have(names, iso, "ar", "name", unambiguous=True) or not _have(names, iso, "en", "name", unambiguous=True):
            missing.append((iso, "unambiguous name"))
    assert not missing, missing


def test_every_country_has_names_and_demonyms(names, countries):
    missing = []
    for r in countries:
        for lang, kind in (("ar", "name"), ("en", "name"), ("ar", "demonym"), ("en", "demonym")):
            if not _have(names, r["iso3"], lang, kind):
                missing.append((r["iso3"], lang, kind))
        if r["iso3"] not in NO_SEPARATE_CAPITAL and not _have(names, r["iso3"], "ar", "capital"):
            missing.append((r["iso3"], "capital"))
    assert not missing, missing


def test_name_ar_is_listed(names, countries):
    listed = {(r["iso3"], r["form"]) for r in names if r["lang"] == "ar" and r["kind"] == "name"}
    for r in countries:
        assert (r["iso3"], r["name_ar"]) in listed, r


def test_no_unambiguous_form_names_two_countries(index):
    clashes = {k: sorted(v) for k, v in index.items() if len(v) > 1}
    assert not clashes, clashes


def test_ambiguous_rows_give_a_reason_and_shared_forms_are_marked(names):
    by_form: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in names:
        for s in surfaces(r):
            by_form[(r["lang"], s)].add(r["iso3"])
    for r in names:
        if r["ambiguous"]:
            assert len(r["ambiguous"]) > 3, r
    # a form given to two countries must be ambiguous in at least all rows but one
    for (lang, s), isos in by_form.items():
        if len(isos) > 1:
            plain = {r["iso3"] for r in names if r["lang"] == lang and not r["ambiguous"] and s in surfaces(r)}
            assert len(plain) <= 1, (s, isos)


def test_no_proclitic_forms(names):
    clitic = re.compile(r"^(?:[وف]?[بكل]ال|[وف]ال|[وف]?لل)")
    bad = [r["form"] for r in names if r["lang"] == "ar" and clitic.match(norm(r["form"]))
           and not r["form"].startswith(NOT_CLITICS)]
    assert not bad, bad


def test_not_country_words_absent(names):
    forms = {r["form"] for r in names}
    for w in ("العربية", "العربي", "عربي", "عربية", "أفريقيا", "إفريقيا", "آسيا", "أوروبا", "Africa", "Asia",
              "Europe", "Arab", "Arabic", "الخليج"):
        assert w not in forms, w


def test_required_spellings(index):
    expect = {
        "RUS": ["روسيا", "الاتحاد الروسي", "روسيا الاتحادية", "الروسي", "الروسية", "روسية", "روسي", "الروس", "موسكو", "الكرملين"],
        "TJK": ["طاجيكستان", "طاجكستان", "الطاجيكستاني", "الطاجيكستانية", "الطاجيكي", "طاجيكية", "الطاجيك", "دوشنبه"],
        "IRN": ["إيران", "ايران", "الإيراني", "طهران"],
        "AFG": ["أفغانستان", "افغانستان", "الأفغاني", "كابول"],
        "DEU": ["ألمانيا", "الألماني", "الألمان", "برلين"],
        "SYR": ["سورية", "سوريا", "السوري", "دمشق"],
        "USA": ["أميركا", "أمريكا", "الولايات المتحدة", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية",
                "الأمريكي", "الأميركي", "الأمريكية", "واشنطن", "البيت الأبيض"],
        "KGZ": ["قيرغيزستان", "قرغيزستان", "قيرغيزيا"],
        "UZB": ["أوزبكستان", "أوزباكستان", "الأوزبكي"],
        "TKM": ["تركمانستان", "عشق آباد"],
        "KAZ": ["كازاخستان", "أستانا"],
        "AZE": ["أذربيجان", "باكو"],
        "TUR": ["تركيا", "التركي", "الأتراك", "أنقرة"],
        "ARE": ["الإمارات", "الامارات", "الإمارات العربية المتحدة", "دولة الإمارات", "الإماراتي", "أبوظبي"],
        "SAU": ["المملكة العربية السعودية", "السعودية", "السعودي", "الرياض"],
        "GBR": ["بريطانيا", "المملكة المتحدة", "البريطاني", "لندن", "داونينغ ستريت"],
        "FRA": ["فرنسا", "الفرنسي", "باريس", "الإليزيه"],
        "ISR": ["إسرائيل", "الإسرائيلي", "تل أبيب"],
        "PSE": ["فلسطين", "دولة فلسطين", "الفلسطيني"],
        "MMR": ["ميانمار", "بورما"],
        "CIV": ["ساحل العاج", "كوت ديفوار"],
        "EGY": ["مصر", "المصري", "القاهرة"],
        "CHN": ["الصين", "الصيني", "بكين"],
        "OMN": ["سلطنة عمان", "مسقط", "العماني"],
        "PRK": ["كوريا الشمالية", "الكوري الشمالي", "الكورية الشمالية"],
        "KOR": ["كوريا الجنوبية", "الكوري الجنوبي", "الكورية الجنوبية"],
        "JOR": ["الأردن", "الأردني"],
    }
    for iso, forms in expect.items():
        for f in forms:
            assert lookup(index, f) == {iso}, (iso, f, lookup(index, f))
    for f in ["العراق", "اليمن", "الهند", "اليابان", "البحرين", "الكويت", "السودان", "الجزائر", "المغرب", "الفلبين",
              "النمسا", "النرويج", "السويد", "الدنمارك", "البرتغال", "البرازيل", "الأرجنتين", "المكسيك"]:
        assert len(lookup(index, f)) == 1, f
    en = {"RUS": ["Russia", "Russian", "Moscow", "Kremlin"], "USA": ["US", "U.S.", "USA", "United States", "Washington",
          "White House", "American"], "GBR": ["UK", "Britain", "Downing Street", "British"], "ARE": ["UAE"],
          "SAU": ["KSA", "Saudi Arabia"], "PRK": ["DPRK"], "FRA": ["Élysée", "Elysee"], "TJK": ["Tajikistan", "Tajik", "Dushanbe"]}
    for iso, forms in en.items():
        for f in forms:
            assert lookup(index, f, "en") == {iso}, (iso, f)


def test_known_ambiguities_are_marked(names, index):
    for f in ("عمان", "عمّان", "مالي", "مالية", "كوري", "كورية", "الكونغو", "طرابلس", "القدس", "كوريا"):
        assert not lookup(index, f), f
        assert any(norm(r["form"]) == norm(f) and r["ambiguous"] for r in names), f
    for f in ("Korea", "Korean", "Congo", "Congolese", "Jerusalem", "Tripoli"):
        assert not lookup(index, f, "en"), f


def test_seats_of_power(names):
    caps = {(r["iso3"], r["form"]) for r in names if r["kind"] == "capital"}
    for pair in [("RUS", "الكرملين"), ("USA", "البيت الأبيض"), ("USA", "البنتاغون"), ("GBR", "داونينغ ستريت"),
                 ("GBR", "Downing Street"), ("FRA", "الإليزيه"), ("FRA", "Élysée"), ("FRA", "Elysee"),
                 ("ISR", "تل أبيب"), ("TUR", "أنقرة"), ("CHN", "بكين"), ("IRN", "طهران"), ("SAU", "الرياض"),
                 ("EGY", "قصر الاتحادية"), ("USA", "White House"), ("RUS", "Kremlin")]:
        assert pair in caps, pair


# --- not_countries.csv -------------------------------------------------------------

def _contains_country_form(trap: dict[str, str], names) -> bool:
    lang = trap["lang"]
    if lang == "en":
        return any(r["lang"] == "en" and re.search(rf"(?<!\w){re.escape(r['form'])}(?!\w)", trap["form"]) for r in names)
    tokens = norm(trap["form"]).split()
    stems = []
    for t in tokens:  # each token with its possible proclitics taken off
        opts = {t}
        for p in ("و", "ف", "وب", "فب", "ب", "ل", "ك", "ول", "وك"):
            if t.startswith(p) and len(t) > len(p) + 1:
                opts.add(t[len(p):])
        if t.startswith("لل"):
            opts.add("ال" + t[2:])
        stems.append(opts)
    for r in names:
        if r["lang"] != "ar":
            continue
        for s in surfaces(r):
            parts = s.split()
            for i in range(len(tokens) - len(parts) + 1):
                if parts[0] in stems[i] and all(parts[j] == tokens[i + j] for j in range(1, len(parts))):
                    return True
    return False


def test_traps(traps, names):
    assert list(traps[0].keys())[:3] == ["lang", "form", "why"]
    seen = set()
    for t in traps:
        where = f"not_countries.csv line {t['_line']}: {t['form']!r}"
        assert t["lang"] in {"ar", "en"} and t["form"] and t["why"], where
        assert (t["lang"], t["form"]) not in seen, where + " (duplicate)"
        seen.add((t["lang"], t["form"]))
        assert _contains_country_form(t, names), where + " (contains no country form, so it traps nothing)"


def test_required_traps(traps):
    forms = {(t["lang"], t["form"]) for t in traps}
    for f in ("المغرب العربي", "بحر الصين الجنوبي", "بحر الصين", "أميركا اللاتينية", "أمريكا اللاتينية",
              "أمريكا الجنوبية", "أمريكا الشمالية", "أمريكا الوسطى", "جزر الهند الغربية", "اللغة الروسية",
              "اللغة الطاجيكية", "اللغة الفرنسية", "اللغة التركية"):
        assert ("ar", f) in forms, f
    for f in ("Latin America", "South China Sea", "Indian Ocean", "Russian language"):
        assert ("en", f) in forms, f

"""Checks for the people lexicon (toolkit/lexicon/people.csv and person_names.csv)."""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

LEXICON = Path(__file__).resolve().parents[1] / "toolkit" / "lexicon"
PEOPLE_CSV = LEXICON / "people.csv"
NAMES_CSV = LEXICON / "person_names.csv"

ROLES = {
    "president", "vice president", "first vice president", "acting president",
    "prime minister", "deputy prime minister", "first deputy prime minister",
    "alternate prime minister", "foreign minister", "king", "queen", "emperor",
    "crown prince", "emir", "sultan", "supreme leader", "chancellor", "secretary-general",
    "chairman of the presidential council", "chairman of the sovereignty council",
    "vice chairman of the sovereignty council", "president of the supreme political council",
    "president of the council of ministers", "chief adviser", "head of state",
}
HEAD_ROLES = {
    "president", "acting president", "prime minister", "king", "queen", "emperor", "emir",
    "sultan", "supreme leader", "chancellor", "chairman of the presidential council",
    "chairman of the sovereignty council", "president of the council of ministers",
    "chief adviser", "head of state",
}
# Non-country holders of an office: international organisations.
ORG_CODES = {"UN", "LAS", "GCC", "OIC"}
KINDS = {"full", "short", "surname", "alias"}

G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
CIS = "RUS BLR KAZ KGZ TJK UZB ARM AZE MDA TKM".split()
ARAB_LEAGUE = ("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN "
               "SYR TUN ARE YEM").split()
OIC = ("AFG ALB DZA AZE BHR BGD BEN BRN BFA CMR TCD COM CIV DJI EGY GAB GMB GIN GNB GUY IDN "
       "IRN IRQ JOR KAZ KWT KGZ LBN LBY MYS MDV MLI MRT MAR MOZ NER NGA OMN PAK PSE QAT SAU "
       "SEN SLE SOM SDN SUR SYR TJK TGO TUN TUR TKM UGA ARE UZB YEM").split()
EXTRA = "IRN TUR ISR UKR".split()

PERIOD_START = dt.date(2020, 1, 1)
PERIOD_END = dt.date(2025, 12, 31)
DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Arabic letters (no Persian/Urdu-only letters such as پ چ ژ گ ک ی), harakat, space, hyphen.
ARABIC_FORM_RE = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652]+([ \-][\u0621-\u063A\u0641-\u064A\u064B-\u0652]+)*$")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def people() -> list[dict[str, str]]:
    return _read(PEOPLE_CSV)


@pytest.fixture(scope="module")
def names() -> list[dict[str, str]]:
    return _read(NAMES_CSV)


def _earliest(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)


def _latest(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])


def _overlaps_period(row: dict[str, str]) -> bool:
    starts_before_end = _earliest(row["start"]) <= PERIOD_END
    ends_after_start = not row["end"] or _latest(row["end"]) >= PERIOD_START
    return starts_before_end and ends_after_start


def test_headers():
    with PEOPLE_CSV.open(encoding="utf-8") as f:
        assert f.readline().strip() == "person_id,name_en,iso3,role,start,end"
    with NAMES_CSV.open(encoding="utf-8") as f:
        assert f.readline().strip() == "person_id,lang,form,kind,note"


def test_no_blank_or_padded_cells(people, names):
    for i, row in enumerate(people, start=2):
        for col in ("person_id", "name_en", "iso3", "role", "start"):
            assert row[col] and row[col] == row[col].strip(), f"people.csv line {i}: {col}"
        assert row["end"] == row["end"].strip(), f"people.csv line {i}: end"
    for i, row in enumerate(names, start=2):
        for col in ("person_id", "lang", "form", "kind"):
            assert row[col] and row[col] == row[col].strip(), f"person_names.csv line {i}: {col}"
        assert "  " not in row["form"], f"person_names.csv line {i}: double space"


def test_person_ids_are_slugs_with_one_name(people):
    name_of: dict[str, set[str]] = defaultdict(set)
    for i, row in enumerate(people, start=2):
        assert SLUG_RE.match(row["person_id"]), f"line {i}: bad person_id {row['person_id']!r}"
        name_of[row["person_id"]].add(row["name_en"])
    bad = {pid: n for pid, n in name_of.items() if len(n) != 1}
    assert not bad, f"person_id with several name_en: {bad}"


def test_no_duplicate_tenures(people):
    keys = [(r["person_id"], r["iso3"], r["role"], r["start"]) for r in people]
    dups = {k for k in keys if keys.count(k) > 1}
    assert not dups, dups


def test_iso3_valid(people):
    for i, row in enumerate(people, start=2):
        code = row["iso3"]
        ok = code in ORG_CODES or code == "PSE" or pycountry.countries.get(alpha_3=code) is not None
        assert ok, f"people.csv line {i}: unknown iso3 {code!r}"


def test_org_codes_only_for_secretaries_general(people):
    for row in people:
        if row["iso3"] in ORG_CODES:
            assert row["role"] == "secretary-general", row


def test_roles_allowed(people):
    bad = sorted({r["role"] for r in people} - ROLES)
    assert not bad, f"roles not in the allowed set: {bad}"


def test_dates_parse_and_are_ordered(people):
    for i, row in enumerate(people, start=2):
        assert DATE_RE.match(row["start"]), f"line {i}: bad start {row['start']!r}"
        start = _earliest(row["start"])
        if row["end"]:
            assert DATE_RE.match(row["end"]), f"line {i}: bad end {row['end']!r}"
            assert start <= _latest(row["end"]), f"line {i}: start after end"
        assert start <= dt.date(2026, 1, 1), f"line {i}: start in the future"


def test_every_person_in_period(people):
    by_person = defaultdict(list)
    for row in people:
        by_person[row["person_id"]].append(row)
    outside = [pid for pid, rows in by_person.items() if not any(map(_overlaps_period, rows))]
    assert not outside, f"people with no tenure overlapping 2020-2025: {outside}"


def test_same_person_same_office_does_not_overlap(people):
    groups = defaultdict(list)
    for row in people:
        groups[(row["person_id"], row["iso3"], row["role"])].append(row)
    for key, rows in groups.items():
        rows.sort(key=lambda r: _earliest(r["start"]))
        for a, b in zip(rows, rows[1:]):
            assert a["end"] and _earliest(a["end"]) <= _earliest(b["start"]), key


# Offices that a country fills with one person at a time. Allowed exceptions: rival
# governments (Libya 2022-2023) and the Korean acting president during a suspension.
SINGLE_HOLDER = {"president", "prime minister", "foreign minister", "chancellor", "king", "emir",
                 "sultan", "supreme leader"}
RIVAL_OK = {("LBY", "prime minister")}


def test_single_holder_offices_do_not_overlap(people):
    groups = defaultdict(list)
    for row in people:
        if row["role"] in SINGLE_HOLDER and (row["iso3"], row["role"]) not in RIVAL_OK:
            groups[(row["iso3"], row["role"])].append(row)
    clashes = []
    for key, rows in groups.items():
        rows.sort(key=lambda r: _earliest(r["start"]))
        for i, a in enumerate(rows):
            a_end = _earliest(a["end"]) if a["end"] else dt.date.max
            for b in rows[i + 1:]:
                if _earliest(b["start"]) < a_end:
                    clashes.append((key, a["person_id"], b["person_id"]))
    assert not clashes, clashes


def test_names_refer_to_people(people, names):
    ids = {r["person_id"] for r in people}
    missing = sorted({r["person_id"] for r in names} - ids)
    assert not missing, f"person_names.csv ids not in people.csv: {missing}"


def test_each_person_has_ar_and_en_forms(people, names):
    langs = defaultdict(set)
    for r in names:
        langs[r["person_id"]].add(r["lang"])
    for pid in {r["person_id"] for r in people}:
        assert {"ar", "en"} <= langs[pid], f"{pid}: forms in {sorted(langs[pid])}"


def test_each_person_has_full_forms_in_both_languages(people, names):
    full = defaultdict(set)
    for r in names:
        if r["kind"] == "full":
            full[r["person_id"]].add(r["lang"])
    for pid in {r["person_id"] for r in people}:
        assert {"ar", "en"} <= full[pid], pid


def test_name_en_is_an_english_full_form(people, names):
    en_full = {(r["person_id"], r["form"]) for r in names if r["lang"] == "en" and r["kind"] == "full"}
    for row in people:
        assert (row["person_id"], row["name_en"]) in en_full, row["person_id"]


def test_name_rows_well_formed(names):
    seen = set()
    for i, r in enumerate(names, start=2):
        assert r["lang"] in {"ar", "en"}, f"line {i}: lang {r['lang']!r}"
        assert r["kind"] in KINDS, f"line {i}: kind {r['kind']!r}"
        assert r["note"] in {"", "ambiguous"}, f"line {i}: note {r['note']!r}"
        key = (r["person_id"], r["lang"], r["form"])
        assert key not in seen, f"line {i}: duplicate form {key}"
        seen.add(key)
        if r["lang"] == "ar":
            assert ARABIC_FORM_RE.match(r["form"]), f"line {i}: not plain Arabic: {r['form']!r}"
        else:
            assert not re.search(r"[\u0600-\u06FF]", r["form"]), f"line {i}: Arabic in en form"


def test_ambiguous_words_are_flagged(names):
    """Surnames that are everyday Arabic words must carry note=ambiguous."""
    common_words = {"رئيسي", "روحاني", "عون", "سلام", "الأسد", "ظريف", "صالح", "سعيد", "غريب"}
    for r in names:
        if r["lang"] == "ar" and r["form"] in common_words:
            assert r["kind"] != "full" and r["note"] == "ambiguous", r


def test_full_forms_not_shared_between_people(names):
    owner: dict[tuple[str, str], str] = {}
    clashes = []
    for r in names:
        if r["kind"] == "full":
            key = (r["lang"], r["form"])
            if key in owner and owner[key] != r["person_id"]:
                clashes.append((key, owner[key], r["person_id"]))
            owner.setdefault(key, r["person_id"])
    assert not clashes, clashes


SEED = {
    "mikhail-mishustin": ("RUS", "prime minister", "2020-01-16", "ميخائيل ميشوستين"),
    "kokhir-rasulzoda": ("TJK", "prime minister", "2013-11-23", "كوخير رسول زاده"),
    "marat-khusnullin": ("RUS", "deputy prime minister", "2020-01-21", "مارات خوسنولين"),
    "emomali-rahmon": ("TJK", "president", "1992-11-19", "إمام علي رحمون"),
}


@pytest.mark.parametrize("pid", sorted(SEED))
def test_seed_people(people, names, pid):
    iso3, role, start, ar_form = SEED[pid]
    rows = [r for r in people if r["person_id"] == pid]
    assert any(r["iso3"] == iso3 and r["role"] == role and r["start"] == start and not r["end"]
               for r in rows), rows
    forms = {(r["lang"], r["form"]) for r in names if r["person_id"] == pid}
    assert ("ar", ar_form) in forms


def test_seed_short_form_rasul_zadeh(names):
    rows = [r for r in names if r["form"] == "رسول زاده" and r["lang"] == "ar"]
    assert [r["person_id"] for r in rows] == ["kokhir-rasulzoda"]
    assert rows[0]["kind"] == "surname"


def test_seed_other_people_present(people, names):
    ids = {r["person_id"] for r in people}
    for pid in ("vladimir-putin", "sergey-lavrov", "sirojiddin-muhriddin"):
        assert pid in ids
    ar = {r["form"] for r in names if r["lang"] == "ar"}
    assert {"بوتين", "فلاديمير بوتين", "لافروف", "سيرغي لافروف", "سيرجي لافروف"} <= ar


def _coverage(people, roles):
    return {r["iso3"] for r in people if r["role"] in roles and _overlaps_period(r)}


@pytest.mark.parametrize("iso3", sorted(set(G20 + CIS + ARAB_LEAGUE + OIC + EXTRA)))
def test_head_of_state_or_government(people, iso3):
    assert iso3 in _coverage(people, HEAD_ROLES)


@pytest.mark.parametrize("iso3", sorted(set(G20 + CIS + EXTRA)))
def test_foreign_minister_g20_cis(people, iso3):
    assert iso3 in _coverage(people, {"foreign minister"})


def test_un_secretary_general(people):
    assert any(r["iso3"] == "UN" and r["role"] == "secretary-general" and _overlaps_period(r)
               for r in people)


@pytest.mark.parametrize("iso3", ["SAU", "KWT", "BHR", "JOR", "ARE"])
def test_crown_princes(people, iso3):
    assert any(r["iso3"] == iso3 and r["role"] == "crown prince" and _overlaps_period(r)
               for r in people)

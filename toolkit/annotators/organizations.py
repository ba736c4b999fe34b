"""Organisations: intergovernmental bodies, and the state institutions of a country.

Three sources feed one Gazetteer:

- ``organization_names.csv`` (ids in ``organizations.csv``: UN, CIS, OIC, ...);
- ``named_institutions.csv`` (state bodies with proper names: the Duma, the Knesset);
- ``institutions.csv`` templates expanded for every country with its demonyms and
  names (``الحكومة {f}`` -> الحكومة الروسية -> RUS-GOV, attrs country RUS).

A fourth, pattern rule finds a named institution written as a generic noun and a name
in quotation marks (مسرح "ماياكوفسكي" الروسي للدراما), so that the quoted name is
known to be a name and not a quotation.
"""
from __future__ import annotations

import re
from functools import lru_cache

from toolkit import lexicon
from toolkit.annotators import countries as C
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.registry import annotator

_PLACEHOLDER = re.compile(r"\{(m|f|name|adj)\}")


@lru_cache(maxsize=1)
def organizations() -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in lexicon.rows("organizations")}


def _country_fillers() -> dict[str, dict[str, list[str]]]:
    """iso3 -> placeholder -> forms, from the country lexicon."""
    out: dict[str, dict[str, list[str]]] = {}
    for r in C.names():
        slot = out.setdefault(r["iso3"], {"m": [], "f": [], "name_ar": [], "name_en": [], "adj": []})
        if r["lang"] == "ar" and r["kind"] == "demonym" and r.get("form_type") in ("m", "f"):
            form = r["form"] if r["form"].startswith("ال") else "ال" + r["form"]
            slot[r["form_type"]].append(form)
        elif r["kind"] == "name":
            slot["name_" + r["lang"]].append(r["form"])
        elif r["lang"] == "en" and r["kind"] == "demonym" and r.get("form_type") == "adj":
            slot["adj"].append(r["form"])
    return out


def _expand(template: str, lang: str, fill: dict[str, list[str]]) -> list[str]:
    keys = _PLACEHOLDER.findall(template)
    if not keys:
        return [template]
    key = keys[0]
    options = fill["name_" + lang] if key == "name" else fill[key]
    out: list[str] = []
    for opt in options:
        out.extend(_expand(template.replace("{" + key + "}", opt, 1), lang, fill))
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    orgs = organizations()
    entries: list[Entry] = []
    for r in lexicon.rows("organization_names"):
        org = orgs.get(r["id"], {})
        payload = {"id": r["id"], "kind": org.get("type") or "organization", "country": org.get("iso3") or None,
                   "members": org.get("members", ""), "name_en": org.get("name_en", ""),
                   "rule": f"{lexicon.ref('organization_names', r)} {r['form']}"}
        entries.append(Entry(r["form"], payload, lang=r["lang"], priority=1))
    for r in lexicon.rows("named_institutions"):
        payload = {"id": r["id"], "kind": "institution", "country": r.get("iso3") or None, "members": "",
                   "name_en": r.get("name_en", ""), "rule": f"{lexicon.ref('named_institutions', r)} {r['form']}"}
        entries.append(Entry(r["form"], payload, lang=r["lang"], priority=1))
    fillers = _country_fillers()
    for t in lexicon.rows("institutions"):
        for iso3, fill in fillers.items():
            for form in _expand(t["template"], t["lang"], fill):
                payload = {"id": f"{iso3}-{t['id_suffix']}", "kind": "institution", "country": iso3, "members": "",
                           "name_en": t.get("name_en", "").replace("{country}", C.countries().get(iso3, {}).get("name_en", iso3)),
                           "rule": f"{lexicon.ref('institutions', t)} {t['template']}"}
                entries.append(Entry(form, payload, lang=t["lang"]))
    return Gazetteer(entries)


# a generic institution noun, a name in quotation marks, then adjectives and a لل/ل complement
_NOUNS = ("مسرح", "جامعة", "معهد", "مركز", "متحف", "مكتبة", "شركة", "مؤسسة", "مصرف", "بنك", "مستشفى",
          "مدرسة", "أكاديمية", "صندوق", "مجموعة", "منتدى")
_NAMED = re.compile(
    "(?:" + "|".join(_NOUNS) + ")"
    r"\s+[\"«“]([^\"»”\n]{2,40})[\"»”]"
    r"((?:\s+(?:ال|لل)[\u0621-\u064a\u064b-\u0652]+){0,3})"
)
#: an opening quotation mark after white space: where a quoted name can begin
_QUOTE_OPEN = re.compile(r"(?<=\s)[\"«“]")
_NOUN_BEFORE = re.compile("(?:" + "|".join(_NOUNS) + r")\s+$")


def _named_institutions(text: str, r0: int, r1: int):
    """Matches of ``_NAMED`` in text[r0:r1], tried only before opening quotation marks."""
    for q in _QUOTE_OPEN.finditer(text, r0, r1):
        noun = _NOUN_BEFORE.search(text, max(r0, q.start() - 16), q.start())
        if noun:
            m = _NAMED.match(text, noun.start(), r1)
            if m:
                yield m


@annotator("organizations", produces=("organization",))
def annotate(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    for m in gazetteer().find(doc.norm, regions=doc.regions):
        p = m.entry.payload
        out.append(Mention(
            start=m.start, end=m.end, text=doc.text[m.start:m.end], type="organization", value=p["id"],
            kind=p["kind"], sentence=doc.sentence_of(m.start), rule=p["rule"],
            attrs={"country": p["country"], "members": p["members"], "name_en": p["name_en"]},
        ))
    taken = [(m.start, m.end) for m in out]
    for r0, r1 in doc.regions:
        for m in _named_institutions(doc.text, r0, r1):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            out.append(Mention(
                start=s, end=e, text=doc.text[s:e], type="organization", value=m.group(1).strip(),
                kind="named", sentence=doc.sentence_of(s), rule="pattern: institution noun + quoted name",
                attrs={"country": None, "members": "", "name_en": ""},
            ))
    return sorted(out, key=lambda x: x.start)

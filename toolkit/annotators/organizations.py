"""Organisations: intergovernmental bodies, and the state institutions of a country.

Three sources feed one Gazetteer:

- ``organization_names.csv`` (ids in ``organizations.csv``: UN, CIS, OIC, ...);
- ``named_institutions.csv`` (state bodies with proper names: the Duma, the Knesset);
- ``institutions.csv`` templates expanded for every country with its demonyms and
  names (``الحكومة {f}`` -> الحكومة الروسية -> RUS-GOV, attrs country RUS).

A fourth, pattern rule finds a named institution written as a generic noun and a name
in quotation marks (مسرح "ماياكوفسكي" الروسي للدراما), so that the quoted name is
known to be a name and not a quotation; the nouns are the ``quoted_name`` rows of
``name_cues.csv``.

A fifth source is the statistical name tagger (:mod:`toolkit.ner`, Arabic): an organisation
name no lexicon row covers, with ``rule`` = ``model:ner-newsfane@<version>``, its
``confidence``, its ``fine`` class (government, media, sports, ...) and the country of a
demonym or country name inside it (وزارة الداخلية الأفغانية -> AFG).

``members`` are the members at the article's date where ``membership_spells.csv`` says when a
state joined or left (BRICS in 2015 has five members), else the current ones. A form noted
``risky:`` in ``organization_names.csv`` is not taken after the clitics ب or ك (بحماس is
"with enthusiasm", not "with Hamas").
"""
from __future__ import annotations

import re
from functools import lru_cache

from toolkit import lexicon, ner
from toolkit.annotators import countries as C
from toolkit.cache import persistent
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.registry import annotator

_PLACEHOLDER = re.compile(r"\{(m|f|name|adj)\}")


#: a tagged organisation name below this confidence (the smallest marginal of its labels) is left out
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def organizations() -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in lexicon.rows("organizations")}


@lru_cache(maxsize=1)
def spells() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """org id -> member iso3 -> its spells of membership (start, end; empty = open)."""
    out: dict[str, dict[str, list[tuple[str, str]]]] = {}
    orgs = organizations()
    for r in lexicon.rows("membership_spells", required=("id", "iso3", "start")):
        if r["id"] not in orgs:
            raise lexicon.error("membership_spells", r, f"unknown organisation id {r['id']!r}")
        out.setdefault(r["id"], {}).setdefault(r["iso3"], []).append((r["start"], r.get("end", "")))
    return out


def members_at(org_id: str, date: str | None) -> str:
    """The members of ``org_id`` at ``date`` (ISO), sorted and space-separated (the lexicon's
    current members when the date is unknown or no spell is recorded)."""
    current = organizations().get(org_id, {}).get("members", "")
    known = spells().get(org_id)
    if not date or not known:
        return current
    d = date[:10]
    members = set(current.split())
    for iso3, periods in known.items():
        inside = any(start <= d and (not end or d <= end) for start, end in periods)
        if inside:
            members.add(iso3)
        else:
            members.discard(iso3)
    return " ".join(sorted(members))


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


@persistent("organization-gazetteer")
def gazetteer() -> Gazetteer:
    orgs = organizations()
    entries: list[Entry] = []
    for r in lexicon.rows("organization_names"):
        org = orgs.get(r["id"], {})
        payload = {"id": r["id"], "kind": org.get("type") or "organization", "country": org.get("iso3") or None,
                   "members": org.get("members", ""), "name_en": org.get("name_en", ""),
                   "risky": r.get("note", "").startswith("risky:"),
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
                           "name_en": t.get("name_en", "").replace(
                               "{country}", C.countries().get(iso3, {}).get("name_en", iso3)),
                           "rule": f"{lexicon.ref('institutions', t)} {t['template']}"}
                entries.append(Entry(form, payload, lang=t["lang"]))
    return Gazetteer(entries)


#: an opening quotation mark after white space: where a quoted name can begin
_QUOTE_OPEN = re.compile(r"(?<=\s)[\"«“]")


@lru_cache(maxsize=1)
def _quoted_patterns() -> tuple[re.Pattern, re.Pattern]:
    """A generic institution noun (``quoted_name`` rows of name_cues.csv), a name in quotation
    marks, then adjectives and a لل/ل complement; and the noun alone before a quotation mark."""
    rows = lexicon.rows("name_cues", required=("lang", "form", "cue"))
    nouns = sorted((r["form"] for r in rows if r["lang"] == "ar" and r["cue"] == "org_head"
                    and lexicon.yes(r.get("quoted_name"), name="name_cues", row=r, column="quoted_name")),
                   key=len, reverse=True)
    alt = "(?:" + "|".join(map(re.escape, nouns)) + ")"
    named = re.compile(alt + r"\s+[\"«“]([^\"»”\n]{2,40})[\"»”]"
                       r"((?:\s+(?:ال|لل)[\u0621-\u064a\u064b-\u0652]+){0,3})")
    return named, re.compile(alt + r"\s+$")


def _named_institutions(text: str, r0: int, r1: int):
    """Matches of the quoted-name pattern in text[r0:r1], tried only before opening quotation marks."""
    named, noun_before = _quoted_patterns()
    for q in _QUOTE_OPEN.finditer(text, r0, r1):
        noun = noun_before.search(text, max(r0, q.start() - 16), q.start())
        if noun:
            m = named.match(text, noun.start(), r1)
            if m:
                yield m


@annotator("organizations", produces=("organization",), needs=("country",))
def annotate(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    for m in gazetteer().find(doc.norm, regions=doc.regions):
        p = m.entry.payload
        if p.get("risky") and any(c in m.prefix for c in "بك"):
            continue  # بحماس "with enthusiasm"
        members = members_at(p["id"], doc.published) if p["members"] else ""
        out.append(Mention(
            start=m.start, end=m.end, text=doc.text[m.start:m.end], type="organization", value=p["id"],
            kind=p["kind"], sentence=doc.sentence_of(m.start), rule=p["rule"],
            attrs={"country": p["country"], "members": members, "name_en": p["name_en"], "fine": _fine(p)},
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
            taken.append((s, e))
    out.extend(_tagged(doc, taken))
    return sorted(out, key=lambda x: x.start)


#: the fine class of a lexicon organisation, from its type
_FINE = {"institution": "government", "igo": "intergovernmental", "un_agency": "intergovernmental",
         "court": "intergovernmental", "bank": "intergovernmental", "forum": "intergovernmental",
         "ngo_intl": "non-governmental", "movement": "movement", "company": "commercial",
         "contact_group": "intergovernmental"}


def _fine(p: dict) -> str | None:
    return _FINE.get(p.get("kind") or "")


def _tagged(doc: Doc, taken: list[tuple[int, int]]) -> list[Mention]:
    """The tagger's organisation names that no lexicon row or pattern covers."""
    found: list[Mention] = []
    countries = doc.of_type("country")
    for n in ner.names(doc):
        if n.type != "organization" or n.confidence < MIN_CONFIDENCE:
            continue
        if any(a < n.end and n.start < b for a, b in taken):
            continue
        # a country named alone is the country (the tagger reads الحكومة-less names as bodies sometimes)
        inside = [c for c in countries if n.start <= c.start and c.end <= n.end]
        if any(c.start == n.start and c.end == n.end for c in inside):
            continue
        text = doc.text[n.start:n.end]
        iso = inside[0].value if len({c.value for c in inside}) == 1 else None
        found.append(Mention(
            start=n.start, end=n.end, text=text, type="organization", value=text, kind="named",
            sentence=doc.sentence_of(n.start), rule=ner.rule(), confidence=n.confidence,
            attrs={"country": iso, "members": "", "name_en": "", "fine": n.fine},
        ))
        taken.append((n.start, n.end))
    return found

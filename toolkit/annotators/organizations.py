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

A fifth, the head-noun rule, finds a name made of an institution noun and the words that
name it (مستشفى البشائر, الهيئة العامة للسياحة والتراث الوطني, الحزب الشيوعي): the ``phrase``
rows of ``name_cues.csv`` and the words of ``org_phrase_words.csv`` (see ``_headed``).

In English, a capitalised run that holds a head noun (the ``en`` ``org_head`` rows of
``name_cues.csv``: Ministry of Defence, Justice and Development Party, Syrian Observatory for
Human Rights) is a name, and an acronym in brackets after it names the same body wherever it
comes again (:mod:`toolkit.annotators.english_names`); a demonym and a head alone (Iraqi Army)
is left to ``institutions.csv``.

A sixth source is the statistical name tagger (:mod:`toolkit.ner`, Arabic): an organisation
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
from toolkit.annotators import english_names, places
from toolkit.arabic import normalize_key
from toolkit.cache import persistent
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.registry import annotator
from toolkit.spans import SpanSet

_PLACEHOLDER = re.compile(r"\{(m|f|name|adj)\}")


#: a tagged organisation name below this confidence (the smallest marginal of its labels) is left out
#: (0.45: the best of 0.35-0.5 for the pipeline on the NewsFANE dev part, tagged by a model trained
#: without it: ORG F1 0.559 at 0.5, 0.586 at 0.45; `python scripts/eval_ner.py --pipeline`)
MIN_CONFIDENCE = 0.45


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
    taken = SpanSet((m.start, m.end, None) for m in out)  # what a later source may not overlap
    for r0, r1 in doc.regions:
        for m in _named_institutions(doc.text, r0, r1):
            s, e = m.span()
            if taken.overlaps(s, e):
                continue
            out.append(Mention(
                start=s, end=e, text=doc.text[s:e], type="organization", value=m.group(1).strip(),
                kind="named", sentence=doc.sentence_of(s), rule="pattern: institution noun + quoted name",
                attrs={"country": None, "members": "", "name_en": ""},
            ))
            taken.add(s, e)
    if doc.lang == "ar":
        out.extend(_headed(doc, taken))
    else:
        out.extend(_english(doc, taken))
    out.extend(_tagged(doc, taken))
    return sorted(out, key=lambda x: x.start)


# --------------------------------------------------------------------------- English names by head noun


def _english(doc: Doc, taken: SpanSet) -> list[Mention]:
    """English organisation names no lexicon row holds: a capitalised run with a head noun
    (Ministry of Defence, Justice and Development Party; :mod:`toolkit.annotators.english_names`),
    and an acronym in brackets after one (Syrian Democratic Forces (SDF)), there and wherever the
    acronym comes again in the article."""
    found: list[Mention] = []
    countries = _country_index(doc)
    acronyms: dict[str, Mention] = {}
    for r0, r1 in doc.regions:
        for run in english_names.org_runs(doc.text, r0, r1):
            s, e = run.start, run.end
            if len(run.words) < 2 or taken.overlaps(s, e):
                continue  # "the Ministry" alone is no name
            inside = _within(countries, s, e)
            if any(c.start == s and c.end == e for c in inside):
                continue
            if len(run.words) == 2 and inside and inside[0].start == s and inside[0].kind == "demonym":
                continue  # "the Iraqi Army", "Saudi Government": a country's body, institutions.csv's
            text = doc.text[s:e]
            if normalize_key(text) in places.place_forms():
                continue  # West Bank, a place
            iso = inside[0].value if len({c.value for c in inside}) == 1 else None
            ref = lexicon.ref("name_cues", english_names.head_row(run.cue))
            rule = f"english: capitalised name with a head noun, {ref} {run.cue}"
            found.append(_english_mention(doc, s, e, text, rule,
                                          {"country": iso, "members": "", "name_en": text, "fine": None}))
            taken.add(s, e)
            acr = english_names.acronym_after(doc.text, e)
            if acr is not None and not taken.overlaps(*acr):
                a0, a1 = acr
                acronyms.setdefault(doc.text[a0:a1], found[-1])
    for r0, r1 in doc.regions:
        for s, e, noun in english_names.acronym_orgs(doc.text, r0, r1):
            if taken.overlaps(s, e) or _within(countries, s, e):
                continue
            text = doc.text[s:e]
            found.append(_english_mention(
                doc, s, e, text, f"english: acronym before an organisation noun, {lexicon.ref('name_cues', noun)} "
                f"{noun['form']}", {"country": None, "members": "", "name_en": text, "fine": None}))
            taken.add(s, e)
            acronyms.setdefault(text, found[-1])
    if acronyms:
        rx = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, acronyms)) + r")(?![\w-])")
        for r0, r1 in doc.regions:
            for m in rx.finditer(doc.text, r0, r1):
                full = acronyms[m.group(1)]
                if m.start() < full.end or taken.overlaps(m.start(), m.end()):
                    continue
                found.append(_english_mention(doc, m.start(), m.end(), full.value, f"english: acronym of {full.text}",
                                              dict(full.attrs)))
                taken.add(m.start(), m.end())
    return found


def _english_mention(doc: Doc, s: int, e: int, value: str, rule: str, attrs: dict) -> Mention:
    return Mention(start=s, end=e, text=doc.text[s:e], type="organization", value=value, kind="named",
                   sentence=doc.sentence_of(s), rule=rule, attrs=attrs)


# --------------------------------------------------------------------------- head + name phrase

#: at most this many words follow the head noun in a headed name
MAX_NAME_WORDS = 6
_WORD = re.compile(r"\w+")
#: the article heads that open a name only with an adjective after them (الحزب الشيوعي)
_ARTICLE_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "وبال", "لل", "ولل")
_PLAIN_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")


@lru_cache(maxsize=1)
def _phrase_lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    """(head -> its name_cues.csv reference, adjectives, stop words, one-word titles), normalised."""
    heads = {}
    for r in lexicon.rows("name_cues", required=("lang", "form", "cue")):
        if r["lang"] == "ar" and r["cue"] == "org_head" and lexicon.yes(
                r.get("phrase"), name="name_cues", row=r, column="phrase"):
            heads[normalize_key(r["form"])] = lexicon.ref("name_cues", r)
    adjectives, stops = set(), set()
    for r in lexicon.rows("org_phrase_words", required=("lang", "form", "kind")):
        kind = lexicon.choice("org_phrase_words", r, "kind", ("adjective", "stop"))
        (adjectives if kind == "adjective" else stops).add(normalize_key(r["form"]))
    titles = frozenset(normalize_key(r.get("form", "")) for r in lexicon.rows("titles")
                       if r.get("lang", "ar") == "ar" and len(r.get("form", "").split()) == 1)
    return heads, frozenset(adjectives), frozenset(stops), titles


def _head_of(word: str, heads: dict[str, str]) -> tuple[str, bool, int] | None:
    """(head, with the article, where the name starts in the word) if ``word`` is a head noun
    with its clitics (وهيئة، لمستشفى، الهيئة، للمديرية), else None."""
    for pre in _ARTICLE_PREFIXES:
        if word.startswith(pre) and word[len(pre):] in heads:
            at = len(pre) - 2 if pre.endswith("ال") else len(pre)  # الهيئة keeps its article
            return word[len(pre):], True, at
    for pre in _PLAIN_PREFIXES:
        if word.startswith(pre) and word[len(pre):] in heads:
            return word[len(pre):], False, len(pre)
    return None


def _nisba(word: str) -> bool:
    """An adjective of relation (الوطني، الإسلامية، الشيوعي): ال + at least three letters + ي/يه."""
    return word.startswith("ال") and len(word) >= 6 and (word.endswith("ي") or word.endswith("يه"))


def _headed(doc: Doc, taken: SpanSet) -> list[Mention]:
    """Organisation names made of a head noun and the words that name it: مستشفى البشائر, هيئة
    التحقيق, الهيئة العامة للسياحة والتراث الوطني, نادي الفتح, الحزب الشيوعي.

    After the head (``phrase=yes`` rows of name_cues.csv) come, in one clause (no punctuation):
    a first word with the article (the genitive: مجلس الوزراء) or a ل complement (للسياحة),
    then adjectives (nisba adjectives in -ي/-ية and the ``adjective`` rows of
    org_phrase_words.csv), ل complements and, after a complement, و + a word with the article
    (للسياحة والتراث); after an adjective, ل + a masdar and its genitive (الهيئة الوطنية لمكافحة
    الفساد). A head with the article (الحزب) is followed first by an adjective agreeing with it in
    gender (الحزب العسكرية is no name), and that is not a country's unless a complement follows
    (الشركة السعودية is any Saudi company, الاتحاد السعودي لكرة القدم a name). Another institution
    noun right after the head makes no name (مجلس الهيئة). A word of the ``stop`` rows (times,
    relative pronouns) ends the name; a title (الملك) after the head makes no name.
    """
    heads, adjectives, stops, titles = _phrase_lexicon()
    norm = doc.norm
    text = norm.text
    demonyms = {(c.start, c.end) for c in doc.of_type("country")}
    countries = _country_index(doc)
    found: list[Mention] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    spans = norm.map_spans([(a, b) for a, b, _ in tokens])
    # the body's words, one run per region (a name does not reach across the trailer)
    runs: list[list[tuple[int, int, str, int, int]]] = []
    last = None
    for (a, b, w), (s, e) in zip(tokens, spans):
        if not doc.in_body(s, e):
            last = None
            continue
        if last is None:
            runs.append([])
        runs[-1].append((a, b, w, s, e))
        last = True
    for words in runs:
        i = 0
        while i < len(words):
            h = _head_of(words[i][2], heads)
            if h is None:
                i += 1
                continue
            head, article, at = h
            names: list[tuple[int, int, str]] = []
            complement = adjective = genitive = described = False
            j = i + 1
            while j < len(words) and len(names) < MAX_NAME_WORDS:
                prev_end = words[j - 1][1]
                if text[prev_end:words[j][0]].strip():
                    break  # punctuation: the clause ends
                w = words[j][2]
                if w in stops or w in titles:
                    break
                first = not names
                if first and w.startswith("ال") and w[2:] in heads:
                    break  # another institution noun: مجلس الهيئة (the authority's board) is no name
                if first and article and not (w in adjectives or _nisba(w)):
                    break  # a head with the article is named by its adjective first (الحزب الشيوعي)
                if genitive and w.startswith("ال") and len(w) > 3:
                    genitive = False  # the genitive of a ل complement: لمكافحة الفساد، لكرة القدم
                elif w.startswith("لل") and len(w) > 4:
                    complement = True
                elif described and w.startswith("ل") and not w.startswith("لل") and len(w) > 3:
                    complement = genitive = True  # ل + a masdar after an adjective: الهيئة الوطنية لمكافحة
                elif first and not article and w.startswith("ال") and len(w) > 3:
                    pass
                elif (w in adjectives or _nisba(w)) and (not first or article):
                    if first and (head.endswith("ه") != w.endswith("ه")):
                        break  # no agreement: الحزب العسكرية is the party's military (something), not a name
                    described = True
                    adjective = adjective or (words[j][3], words[j][4]) not in demonyms or not article
                elif complement and w.startswith("وال") and len(w) > 4:
                    pass
                else:
                    break
                names.append(words[j])
                j += 1
            if names and names[0][2] in titles:
                names = []
            while names and names[-1][2].startswith("وال"):
                names.pop()  # a coordination that names nothing after it
            if genitive:
                names.pop()  # a ل complement without its genitive is no part of the name
            if not names or (article and not (adjective or complement)):
                i += 1
                continue
            start = norm.orig_index(words[i][0] + at)
            end = names[-1][4]
            if taken.overlaps(start, end):
                i = j
                continue
            inside = {c.value for c in _within(countries, start, end)}
            name = doc.text[start:end]
            found.append(Mention(
                start=start, end=end, text=name, type="organization", value=name, kind="named",
                sentence=doc.sentence_of(start), rule=f"pattern: institution noun + name {heads[head]}",
                attrs={"country": inside.pop() if len(inside) == 1 else None, "members": "", "name_en": "",
                       "fine": None},
            ))
            taken.add(start, end)
            i = j
    return found


#: the fine class of a lexicon organisation, from its type
_FINE = {"institution": "government", "igo": "intergovernmental", "un_agency": "intergovernmental",
         "court": "intergovernmental", "bank": "intergovernmental", "forum": "intergovernmental",
         "ngo_intl": "non-governmental", "movement": "movement", "company": "commercial", "media": "media",
         "contact_group": "intergovernmental"}


def _fine(p: dict) -> str | None:
    return _FINE.get(p.get("kind") or "")


def _country_index(doc: Doc) -> SpanSet:
    """The document's country mentions by span (each name looks up its own, not the article's)."""
    return SpanSet((c.start, c.end, c) for c in doc.of_type("country"))


def _within(countries: SpanSet, start: int, end: int) -> list[Mention]:
    """The country mentions inside ``[start, end)``, in order."""
    return [c for c in countries.overlapping(start, end) if start <= c.start and c.end <= end]


#: nouns of facilities (normalised): a name the tagger reads right after one is the facility's
#: (محطة "سانغتودا-1", مطار الملك خالد, سجن بيل مارش), not an organisation's
_FACILITY_NOUNS = frozenset({"محطه", "مطار", "ميناء", "سجن", "معتقل", "قاعه", "ملعب", "جسر", "سد", "مفاعل",
                             "منشاه", "مصفاه", "حقل", "قاعده", "مرفا"})
_WORD_BEFORE = re.compile(r"([\u0621-\u064a]+)[\s\"«“'(]*$")


def _after_facility_noun(text: str, start: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    w = normalize_key(m.group(1))
    return w in _FACILITY_NOUNS or (w[:1] in "وبل" and w[1:] in _FACILITY_NOUNS)


def _tagged(doc: Doc, taken: SpanSet) -> list[Mention]:
    """The tagger's organisation names that no lexicon row or pattern covers."""
    found: list[Mention] = []
    countries = _country_index(doc)
    for n in ner.names(doc):
        if n.type != "organization" or n.confidence < MIN_CONFIDENCE:
            continue
        if taken.overlaps(n.start, n.end):
            continue
        # a country named alone is the country (the tagger reads الحكومة-less names as bodies sometimes)
        inside = _within(countries, n.start, n.end)
        if any(c.start == n.start and c.end == n.end for c in inside):
            continue
        if _after_facility_noun(doc.text, n.start):
            continue  # محطة "سانغتودا-1": a power station's name, a facility, not a body
        text = doc.text[n.start:n.end]
        iso = inside[0].value if len({c.value for c in inside}) == 1 else None
        found.append(Mention(
            start=n.start, end=n.end, text=text, type="organization", value=text, kind="named",
            sentence=doc.sentence_of(n.start), rule=ner.rule(), confidence=n.confidence,
            attrs={"country": iso, "members": "", "name_en": "", "fine": n.fine},
        ))
        taken.add(n.start, n.end)
    return found

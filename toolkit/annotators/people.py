"""People: officials by name (the people lexicon) and by title (titles.csv).

Rules, in order:

1. ``lexicon``: a full, short or alias form from ``person_names.csv``; the role is the
   title written just before it (``رئيس الوزراء الروسي - ميخائيل ميشوستين``), else the
   person's office at the article's date from ``people.csv``.
2. ``surname``: a surname form counts when the same person was named in full earlier in
   the article, or when a title stands right before it (``رئيس الوزراء - رسول زاده``);
   a form noted ambiguous (رئيسي is also "main", الري "irrigation") only after the full name;
   a distinctive surname (one person's, not a given name, not ambiguous: بوتين, Lavrov)
   counts on its own when the article also names that person's country.
3. ``title``: "title [country or demonym] [-] Name" with a name the lexicon lacks:
   the name is the run of up to three name-like words after the title (Arabic words that
   are not function words, known verbs or lexicon words; capitalised English words).
   An unknown Arabic name needs the dash or at least two words (a single word after a
   title is too often a common noun: وزير الاقتصاد الألماني بجهود ...); without a
   country or a dash it must open with a given name (``given_names.csv`` and the first
   words of the people lexicon: الملك فهد بمحافظة is not a name); a word led by a clitic
   (بمحافظة, والوفد) ends it, unless it is a known name word.

4. ``model``: a person name found by the statistical tagger (:mod:`toolkit.ner`, Arabic)
   where no rule above found one; linked to the lexicon when its words are a known form
   (value = the person id, role at the article's date), else the name as written. A tagged
   name that extends a title-rule name (the tagger read ``عادل الجبير`` where the rule stopped
   at ``عادل``) replaces it and keeps the title. A people or a body of believers the tagger
   names (its class ``group``: العرب, الشيعة, للمسلمين, فلسطينيين) is no person and is left out:
   one word with the article or a plural of origin (a one-word "group" like اينشتاين is a
   person whose class the tagger got wrong; its class is then left unknown).
5. ``english``: an English capitalised name before a reporting verb (``John Kerry said``), or
   after ``according to``, and the names :mod:`toolkit.annotators.english_names` reads from
   their context (a cue word before: Col., Dr., Senator, striker; a reporting verb before and
   punctuation after: ``said Ahmed al-Mismari,``; an apposition after: ``Maria Zakharova, a
   spokeswoman``); linked to the lexicon the same way. An English lexicon name is widened to the
   whole capitalised name written around it, without a title word at its start unless the
   person's English name has it (Abdul Hamid -> Abdul Hamid Dbeibah, King Abdullah II ->
   Abdullah II, Sheikh Hasina stays); widened by words none of the person's English forms hold,
   it is another person (Prince Abdulaziz bin Salman is not the "bin Salman" of the lexicon).
6. ``surname``: after a full name the lexicon does not know (from the title rule, the tagger
   or the English rule), its last word alone is the same person within the article.

The role of a lexicon person is the title written before the name, else the office the person
held at the article's date; outside every stored tenure it is unknown (never the latest office).
An article without a date is read as of now: the office held now, if any.

Mentions carry ``role`` (English), ``role_text`` (the title as written), ``country``
(ISO alpha-3: the country beside the title, else the lexicon's), ``name_en``, ``fine``
(politician for the lexicon's officials, else the tagger's class) and, for the tagger's
names, ``confidence``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from toolkit import lexicon, ner
from toolkit.annotators import english_names, places
from toolkit.arabic import normalize_key
from toolkit.cache import persistent
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.ner.features import strip_clitics
from toolkit.registry import annotator
from toolkit.spans import ByEnd, SpanIndex, SpanSet

#: a tagged name below this confidence (the smallest marginal of its labels) is left out
MIN_CONFIDENCE = 0.4
#: ... and below this one when the tagger cannot tell what kind of person it is (its class
#: ``other``: «كروكوس سيتي هول», a concert hall, at 0.48)
MIN_CONFIDENCE_OTHER = 0.5
#: a surname needs at least this many letters to stand alone for a full name met earlier
MIN_SURNAME_LETTERS = 3


@lru_cache(maxsize=1)
def _name_word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(stop words that end a name run, name particles) from ``person_name_words.csv``."""
    stop: set[str] = set()
    particles: set[str] = set()
    for r in lexicon.rows("person_name_words", required=("lang", "form", "kind")):
        kind = lexicon.choice("person_name_words", r, "kind", ("stop", "particle"))
        (stop if kind == "stop" else particles).add(normalize_key(r["form"]))
    return frozenset(stop), frozenset(particles)


_CLITIC_ARTICLE = ("بال", "لل", "وال", "فال", "كال")
#: openings of a preposition or conjunction + noun (و..., بم..., لت..., با...): not of names
_CLITIC_NOUN = ("و", "بم", "لم", "بت", "لت", "با", "لا")
_AR_WORD = re.compile(r"[\u0621-\u064a]+")
_SEP = re.compile(r"\s*(?:-|–|—|،|,)?\s*")


@lru_cache(maxsize=1)
def tenures() -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for r in lexicon.rows("people"):
        out.setdefault(r["person_id"], []).append(r)
    return out


@persistent("person-name-gazetteer")
def name_gazetteer() -> Gazetteer:
    entries = [Entry(r["form"], r, lang=r["lang"], priority=0 if r.get("kind") == "surname" else 1)
               for r in lexicon.rows("person_names") if r["person_id"] in tenures()]
    return Gazetteer(entries)


@persistent("title-gazetteer")
def title_gazetteer() -> Gazetteer:
    return Gazetteer([Entry(r["form"], r, lang=r["lang"], priority=int(r.get("rank") or 0))
                      for r in lexicon.rows("titles")])


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Words of other lexicons that must not be taken for a name."""
    words: set[str] = set()
    for name, col in (("country_names", "form"), ("titles", "form"), ("reporting_verbs", "form"),
                      ("event_cues", "form"), ("sectors", "form")):
        try:
            for r in lexicon.rows(name):
                for w in re.split(r"[\s|]+", normalize_key(r.get(col, ""))):
                    words.add(w)
        except lexicon.LexiconError:
            continue
    return frozenset(words)


@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, every word of a known Arabic name), normalised.

    Given names come from ``given_names.csv`` and the first words of the people lexicon.
    """
    first: set[str] = {normalize_key(r["form"]) for r in lexicon.rows("given_names")}
    words: set[str] = set(first)
    for r in lexicon.rows("person_names"):
        if r["lang"] != "ar" or "ambiguous" in r.get("note", ""):
            continue
        toks = normalize_key(r["form"]).split()
        if r.get("kind") == "full" and toks:
            first.add(toks[0])
        words.update(toks)
    return frozenset(first), frozenset(words)


@lru_cache(maxsize=1)
def _distinctive() -> frozenset[str]:
    """Surnames that name one person and nothing else (بوتين, Lavrov): found on their own.

    Not ambiguous in the lexicon, not a given name, at least four letters, and the surname
    of a single person; any other surname needs the full name earlier or a title before it.
    """
    given, _ = _name_words()
    owners: dict[str, set[str]] = {}
    for r in lexicon.rows("person_names"):
        owners.setdefault(normalize_key(r["form"]), set()).add(r["person_id"])
    out = set()
    for r in lexicon.rows("person_names"):
        key = normalize_key(r["form"])
        if (r.get("kind") == "surname" and "ambiguous" not in r.get("note", "") and key not in given
                and len(key.replace(" ", "")) >= 4 and len(owners[key]) == 1):
            out.add(r["form"])
    return frozenset(out)


def office(person_id: str, date: str | None) -> dict[str, str] | None:
    """The person's office at ``date`` (ISO): the tenure that covers it, else None (outside every
    stored tenure the office is unknown). Without a date, the office held now (no end), if any."""
    rows = tenures().get(person_id, [])
    if not date:
        now = [r for r in rows if not r.get("end")]
        return max(now, key=lambda r: r.get("start") or "") if now else None
    d = date[:10]
    for r in rows:
        if (r.get("start") or "0000") <= d and (not r.get("end") or d <= r["end"] + "-99"):
            return r
    return None


def person_row(person_id: str) -> dict[str, str] | None:
    """Any row of the person (name and country), whatever the date."""
    rows = tenures().get(person_id, [])
    return max(rows, key=lambda r: r.get("start") or "") if rows else None


@lru_cache(maxsize=1)
def _forms() -> dict[str, dict[str, str]]:
    """Normalised full, short and alias forms (not ambiguous) -> their person_names row."""
    out: dict[str, dict[str, str]] = {}
    for r in lexicon.rows("person_names"):
        if r.get("kind") in ("full", "short", "alias") and "ambiguous" not in r.get("note", "") \
                and r["person_id"] in tenures():
            out.setdefault(" ".join(normalize_key(r["form"]).split()), r)
    return out


@lru_cache(maxsize=1)
def _distinctive_rows() -> dict[str, dict[str, str]]:
    """Normalised distinctive surnames (one person's, not a word: لافروف) -> their row."""
    keep = _distinctive()
    return {" ".join(normalize_key(r["form"]).split()): r for r in lexicon.rows("person_names")
            if r["form"] in keep and r["person_id"] in tenures()}


def link(text: str) -> dict[str, str] | None:
    """The person_names row whose full, short or alias form is ``text`` (normalised), else the row
    of a distinctive surname (لافروف, which names one person and nothing else), else None."""
    key = " ".join(normalize_key(text).split())
    return _forms().get(key) or _distinctive_rows().get(key)


#: the most characters between a title (or country) and what it stands before
_ADJACENT = 4


def _adjacent(text: str, a: int, b: int) -> bool:
    """True when only a separator (spaces, a dash or comma) lies between a and b."""
    return a <= b and b - a <= _ADJACENT and _SEP.fullmatch(text, a, b) is not None


class _Near:
    """The title hits and country mentions of a document, indexed once so that every question a
    name asks ("what stands right before me", "what overlaps me") costs O(log n), not a scan."""

    def __init__(self, titles: list, countries: list["_C"]):
        self.titles, self.countries = titles, countries
        self.titles_by_end, self.countries_by_end = ByEnd(titles), ByEnd(countries)
        self.country_spans = SpanSet((c.start, c.end, c) for c in countries)
        self.country_at: dict[int, _C] = {}
        for c in countries:
            self.country_at.setdefault(c.start, c)


def _title_before(doc: Doc, start: int, near: _Near):
    """The title match (and its country mention) standing right before ``start``.

    Accepts "title [country] [-] name" and, in English, "country title name".
    """
    text = doc.text
    pos = start
    country = next((c for c in near.countries_by_end.ending_in(pos - _ADJACENT, pos) if _adjacent(text, c.end, pos)),
                   None)
    if country is not None:
        pos = country.start
    for t in near.titles_by_end.ending_in(pos - _ADJACENT, pos):
        if _adjacent(text, t.end, pos):
            if country is None:
                country = next((c for c in near.countries_by_end.ending_in(t.start - _ADJACENT, t.start)
                                if c.lang_en and _adjacent(text, c.end, t.start)), None)
            return t, country
    return None, None


@annotator("people", produces=("person",), needs=("country", "organization"))
def annotate(doc: Doc) -> list[Mention]:
    titles = title_gazetteer().find(doc.norm, regions=doc.regions)
    countries = [_C(m) for m in doc.of_type("country")]
    names = name_gazetteer().find(doc.norm, regions=doc.regions)
    near = _Near(titles, countries)
    out: list[Mention] = []
    seen: set[str] = set()
    named = {c.value for c in countries}  # a distinctive surname also needs its country named
    held: list = []
    for m in names:
        r = m.entry.payload
        pid = r["person_id"]
        title, country = _title_before(doc, m.start, near)
        ambiguous = "ambiguous" in r.get("note", "")
        weak = r.get("kind") == "surname" or ambiguous
        if weak and pid not in seen and (title is None or ambiguous) and not (
                r["form"] in _distinctive() and any(t["iso3"] in named for t in tenures().get(pid, ()))):
            if r["form"] in _distinctive() and m.prefix == "و":
                held.append((m, r))  # اردوغان وبوتين: taken if a person stands right before it
            continue
        seen.add(pid)
        rule = "surname" if weak else "lexicon"
        out.append(_mention(doc, m.start, m.end, pid, title, country,
                            rule=f"{rule}: {lexicon.ref('person_names', r)} {r['form']}"))
    # titles followed by a name the lexicon lacks
    taken = SpanSet((m.start, m.end, m) for m in out)
    for t in titles:
        s, e, country = _name_after(doc, t, near)
        if s is None or taken.overlaps(s, e):
            continue
        if doc.lang.startswith("ar"):
            s, e = _trim_common_words(doc.text, s, e, leading=False)  # برويز مشرف بدعم
        if near.country_spans.overlaps(s, e):
            continue
        tr = t.entry.payload
        if s == t.start:  # the title word is the name's first word (Sultan al-Jaber)
            out.append(_mention(doc, s, e, None, None, None, rule=f"english: {tr['form']} + name particle"))
            taken.add(s, e, out[-1])
            continue
        out.append(_mention(doc, s, e, None, t, country, rule=f"title: {lexicon.ref('titles', tr)} {tr['form']}"))
        taken.add(s, e, out[-1])
    out = _tagged(doc, out, near)
    if held:
        by_end, n_before = ByEnd(out), len(out)  # (and the few held ones added below)
        taken = SpanSet((m.start, m.end, m) for m in out)
    for m, r in held:  # a distinctive surname joined by و to a person named right before it
        near_end = by_end.ending_in(m.start - 3, m.start) + [
            x for x in out[n_before:] if m.start - 3 <= x.end <= m.start]
        before = [x for x in near_end if doc.text[x.end:m.start].strip() in ("و", "")]
        if before and not taken.overlaps(m.start, m.end):
            ref = f"{lexicon.ref('person_names', r)} {r['form']}"
            out.append(_mention(doc, m.start, m.end, r["person_id"], None, None,
                                rule=f"surname: {ref} (after {before[-1].text} و)"))
            taken.add(m.start, m.end, out[-1])
    if doc.lang == "en" or not doc.lang.startswith("ar"):
        out = _english_lexicon_spans(doc, out)
        out.extend(_english(doc, out, near))
    # a one-word "name" after a title or from the tagger that is no name (ولي العهد - يحفظهم الله)
    out = [m for m in out if m.value != m.text or not _no_name(m.text)]
    out.extend(_surnames(doc, out))
    return sorted(out, key=lambda x: x.start)


def _tagged(doc: Doc, out: list[Mention], near: _Near) -> list[Mention]:
    """Add the tagger's person names where no rule found one (see the module docstring)."""
    tagged = [n for n in ner.names(doc)
              if n.type == "person"
              and n.confidence >= (MIN_CONFIDENCE_OTHER if n.fine == "other" else MIN_CONFIDENCE)]
    if not tagged:
        return out
    others = SpanIndex((m.start, m.end) for m in doc.of_type("organization"))
    spans = SpanSet((m.start, m.end, k) for k, m in enumerate(out))  # items: indices into out
    for n in tagged:
        n = _trim_countries(doc, n, near)
        if n is not None:
            n = _through_particles(doc, n)
        if n is not None:
            start, end = _trim_common_words(doc.text, n.start, n.end)
            n = n if (start, end) == (n.start, n.end) else replace(n, start=start, end=end)
        if n is None or others.overlaps(n.start, n.end):
            continue  # a country word (الفلسطينيون) or an organisation the tagger read as a person
        hit = spans.overlapping(n.start, n.end)
        if hit:
            # a title-rule name the tagger reads further (عادل -> عادل الجبير) takes the tagger's span
            k = hit[0]
            m = out[k]
            if len(hit) == 1 and m.rule.startswith("title:") and n.start <= m.start and m.end <= n.end \
                    and (n.start, n.end) != (m.start, m.end):
                text = doc.text[n.start:n.end]
                out[k] = Mention(
                    n.start, n.end, text, "person", text, m.kind, m.sentence, m.rule,
                    {**m.attrs, "fine": m.attrs.get("fine") or n.fine}, n.confidence)
            elif len(hit) == 1 and m.attrs.get("fine") is None:
                out[k] = Mention(m.start, m.end, m.text, m.type, m.value, m.kind, m.sentence, m.rule,
                                 {**m.attrs, "fine": n.fine}, m.confidence)
            continue
        row = link(doc.text[n.start:n.end])
        if row is None and _is_place(doc.text[n.start:n.end]):
            continue  # a city the tagger read as a person (غروزني, على غروزني)
        if row is None and _no_name(doc.text[n.start:n.end]):
            continue  # المعهد (an institution noun), يحفظهم (a verb with its object)
        if n.fine == "group":
            if row is None and _a_people(doc.text[n.start:n.end]):
                continue
            n = replace(n, fine=None)
        title, country = _title_before(doc, n.start, near)
        out.append(_mention(doc, n.start, n.end, row["person_id"] if row else None, title, country,
                            rule=ner.rule(), confidence=n.confidence, fine=n.fine))
        spans.add(n.start, n.end, len(out) - 1)
    return out


#: Words before a place that the tagger may take into a person name (as written, not normalised:
#: «على» is a preposition, «علي» a given name).
_PREPOSITIONS = frozenset({"على", "في", "من", "إلى", "الى", "عن", "وفي", "ومن", "وإلى", "بين"})


#: an imperfect verb with an attached object pronoun (يحفظهم، تدعمهم، نشكركم): no name ends so
_VERB_WITH_OBJECT = re.compile(r"^[يتن]\w{2,}(?:هم|هما|هن|كم)$")


@lru_cache(maxsize=1)
def _institution_nouns() -> frozenset[str]:
    """The heads of organisation and place names (name_cues.csv), normalised, with the article."""
    out: set[str] = set()
    for r in lexicon.rows("name_cues", required=("lang", "form", "cue")):
        if r["lang"] == "ar" and r["cue"] in ("org_head", "place_head"):
            w = normalize_key(r["form"])
            out.update((w, "ال" + w))
    return frozenset(out)


def _no_name(text: str) -> bool:
    """A one-word tagged name that cannot be a person's: an institution noun alone (المعهد،
    الجامعة) or a verb with an object pronoun (يحفظهم)."""
    words = normalize_key(text).split()
    if len(words) != 1:
        return False
    w = words[0]
    return w in _institution_nouns() or bool(_VERB_WITH_OBJECT.match(w))


#: the endings of a plural of origin (فلسطينيين, صينيون, عراقيان)
_PLURAL_OF_ORIGIN = ("يين", "يون", "يان", "ييون")


def _a_people(text: str) -> bool:
    """Whether a name the tagger gives the class ``group`` is a people or a body of believers
    (العرب, الشيعة, للمسلمين, فلسطينيين): one word with the article or a plural of origin."""
    words = normalize_key(text).split()
    if len(words) != 1:
        return False
    return _with_article(words[0]) or strip_clitics(words[0])[1].endswith(_PLURAL_OF_ORIGIN)


def _is_place(text: str) -> bool:
    """Whether a tagged name is a gazetteer place, alone or after a preposition."""
    words = text.split()
    if words and words[0] in _PREPOSITIONS:
        words = words[1:]
    return bool(words) and normalize_key(" ".join(words)) in places.place_forms()


#: the openings of a kunya (ابو حمزة), after which a demonym is a name of origin (ابو حمزة المصري)
_KUNYA = frozenset({"ابو", "ام"})


def _name_of_origin(text: str, start: int, c) -> bool:
    """Whether the demonym ``c`` closing a tagged name from ``start`` is part of it: after a
    single word (خالد الايرلندي, فيصل الجامايكي) or a kunya (ابو حمزة المصري, ابو عبد الله
    التركي), the names converts and militants go by."""
    if c.kind != "demonym" or not _with_article(text[c.start:c.end]):
        return False
    before = normalize_key(text[start:c.start]).split()
    return len(before) == 1 or (1 < len(before) <= 3 and strip_clitics(before[0])[1] in _KUNYA)


def _trim_countries(doc: Doc, n, near: _Near):
    """The tagged name without a country mention at its edge (لدى الرياض أوليغ أوزيروف -> أوليغ
    أوزيروف), or None when nothing of it is left or a country covers a one-word name."""
    start, end = n.start, n.end
    for c in near.country_spans.overlapping(n.start, n.end):
        if c.start < end and start < c.end:
            if c.start <= start and end <= c.end:
                return None
            if c.start <= start < c.end:
                start = c.end
            elif c.start < end <= c.end and not _name_of_origin(doc.text, start, c):
                end = c.start
    text = doc.text
    # a country inside a word (خوان كارلوس للمغرب: المغرب after لل) takes the whole word away
    if end < n.end and end > start and text[end - 1].isalpha():
        end = text.rfind(" ", start, end) + 1 or start
    if start > n.start and start < end and text[start].isalpha() and text[start - 1].isalpha():
        nxt = text.find(" ", start, end)
        start = end if nxt < 0 else nxt
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not text[end - 1].isalpha():
        end -= 1
    if end <= start:
        return None
    return n if (start, end) == (n.start, n.end) else replace(n, start=start, end=end)


#: an edge word seen at least this often in the tagger's training text, and inside names at most
#: COMMON_WORD_NAME_SHARE of the times, is no part of a name
COMMON_WORD_SEEN = 2
COMMON_WORD_NAME_SHARE = 0.1


def _common_word(w: str) -> bool:
    if w in _PREPOSITIONS:
        return True  # as written: «على» is a preposition, «علي» a given name
    key = normalize_key(w)
    if strip_clitics(key)[1].endswith(("ي", "يه")):
        return False  # a family name of origin (ابو حمزة المصري, ابو عبد الله التركي)
    seen, in_names = ner.word_counts().get(key, (0, 0))
    return seen >= COMMON_WORD_SEEN and in_names <= COMMON_WORD_NAME_SHARE * seen


def _title_word(key: str, titles: frozenset[str]) -> bool:
    """A title or a person cue (الدكتور، والشيخ، المقدم): NewsFANE leaves it out of the name it
    stands before, as the pipeline's title rule does."""
    pre, stem = strip_clitics(key)
    return key in titles or stem in titles or (pre.endswith(("ال", "لل")) and "ال" + stem in titles)


def _with_article(w: str) -> bool:
    return strip_clitics(normalize_key(w))[0].endswith(("ال", "لل"))


def _trim_common_words(text: str, start: int, end: int, *, leading: bool = True) -> tuple[int, int]:
    """A name's span without the common words at its edges that the tagger or the title rule took
    in (عرض كوفي عنان امام: امام; وعلى فيلار مير: وعلى; الرئيس عباس يتحدث: يتحدث): a preposition,
    or a word of the tagger's training text that is rarely inside a name (not a family name of
    origin; at the start, not a given name (آنا, مساعد); at the end, not a word with the article,
    which family names often are (طارق السيد), nor the word after بن, أبو, عبد: عبد الوحيد).
    One word is never taken away."""
    particles = _name_word_lists()[1]
    gaz = ner.features.gazetteers()
    given = gaz["given"]
    titles = gaz["title"] | gaz.get("cue_person", frozenset())
    while True:
        first_end = text.find(" ", start, end)
        if first_end < 0:
            return start, end
        last_start = text.rfind(" ", start, end) + 1
        space = text.rfind(" ", start, last_start - 1)
        before_last = normalize_key(text[start if space < 0 else space + 1:last_start - 1])
        last = text[last_start:end]
        first = text[start:first_end]
        key = normalize_key(first)
        if leading and (first in _PREPOSITIONS
                        or key not in given and (_common_word(first) or _title_word(key, titles))):
            start = first_end + 1
        elif before_last not in particles and not _with_article(last) and _common_word(last):
            end = last_start - 1
        else:
            return start, end


#: the word after a name, when one follows (a space, then Arabic letters)
_NEXT_WORD = re.compile(r" ([\u0621-\u064a]+)")


def _through_particles(doc: Doc, n):
    """The tagged name carried over the word after a particle it ends on (محمد بن عبدالله آل ->
    محمد بن عبدالله آل الشيخ; بن, آل, أبو, عبد never end a name), as long as that word is no stop
    word and opens no clitic-led phrase."""
    text = doc.text
    stop, particles = _name_word_lists()
    end = n.end
    for _ in range(3):
        last = normalize_key(text[text.rfind(" ", n.start, end) + 1:end])  # the name's last word
        m = _NEXT_WORD.match(text, end)
        if not m:
            break
        w = normalize_key(m.group(1))
        if last in _THEOPHORIC_FIRST and w in _THEOPHORIC_SECOND:
            end = m.end()  # احمد سيف -> احمد سيف الاسلام, صلاح -> صلاح الدين: one name of two words
            continue
        if last not in particles:
            break
        if w in stop or w.startswith(_CLITIC_ARTICLE):
            break
        end = m.end()
    return n if end == n.end else replace(n, end=end)


#: the first and second words of the compound given names «X الدين», «X الإسلام», «X الله» (سيف الإسلام,
#: نور الدين, عز الدين, صلاح الدين): a tagged name ending on the first is carried over the second
_THEOPHORIC_FIRST = frozenset(normalize_key(w) for w in (
    "سيف", "نور", "عز", "صلاح", "جمال", "علاء", "شمس", "بهاء", "تاج", "نصر", "فخر", "محيي", "محي", "زين",
    "عماد", "خير", "بدر", "حسام", "كمال", "شرف", "ضياء", "سعد", "جار", "فتح", "جاد", "نجم", "قمر", "ولي",
    "حبيب", "فضل", "عطاء", "هبة", "رزق", "خلف", "ضيف", "جند", "عون", "حمد"))
_THEOPHORIC_SECOND = frozenset(normalize_key(w) for w in ("الدين", "الإسلام", "الاسلام", "الله"))


_EN_REPORT = re.compile(
    r"((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|al-[A-Z][a-z]+|bin|ibn|de|van|von)"
    r"(?:\s+(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|al-[A-Z][a-z]+|bin|ibn|de|da|van|von|der)){1,3})"
    r"(?=,?\s+(?:said|says|told|added|stated|announced|warned|wrote|explained|noted|insisted|declared)\b)")
_EN_ACCORDING = re.compile(
    r"(?<=[Aa]ccording to )((?:[A-Z][a-z]+)(?:\s+(?:[A-Z][a-z]+|al-[A-Z][a-z]+|bin|de|van|von)){1,3})")


def _english(doc: Doc, out: list[Mention], near: _Near) -> list[Mention]:
    """English names before a reporting verb or after "according to" (two to four capitalised words)."""
    found: list[Mention] = []
    taken = SpanSet((m.start, m.end, m) for m in out)
    orgs = SpanIndex((m.start, m.end) for m in doc.of_type("organization"))
    words = _english_words()
    heads = _english_org_heads()
    for r0, r1 in doc.regions:
        for rx in (_EN_REPORT, _EN_ACCORDING):
            for m in rx.finditer(doc.text, r0, r1):
                s, e = m.span(1)
                toks = m.group(1).split()
                while toks and toks[0] in words:  # "Minister John Kerry said": a title word is no name
                    s += len(toks[0]) + 1
                    toks = toks[1:]
                got = english_names.name_in(doc.text, s, e) if toks else None
                if got is None:
                    continue
                s, e, _ = got  # "IAEA Director General Rafael Grossi told": the words after the last title
                toks = doc.text[s:e].split()
                if len(toks) < 2 or taken.overlaps(s, e) or orgs.overlaps(s, e):
                    continue
                if any(t in heads for t in toks) or _EN_CONTINUES.search(doc.text, max(0, s - 30), s):
                    continue  # "the Agency for Atomic Energy announced": an organisation's name
                if near.country_spans.overlaps(s, e):
                    continue
                row = link(doc.text[s:e])
                found.append(_mention(doc, s, e, row["person_id"] if row else None, None, None,
                                      rule="english: capitalised name + reporting verb" if rx is _EN_REPORT
                                      else "english: according to + capitalised name"))
                taken.add(s, e, found[-1])
        for run in english_names.person_runs(doc.text, r0, r1):
            s, e = run.start, run.end
            last = e - len(run.words[-1])
            if taken.overlaps(s, e) or orgs.overlaps(s, e) or near.country_spans.overlaps(last, e):
                continue  # a country as a name's first word is a name still (Jordan Bardella, Israel Katz)
            if normalize_key(doc.text[s:e]) in places.place_forms():
                continue  # a place in apposition (Tahrir Square, the heart of ...)
            row = link(doc.text[s:e])
            rule = (f"english: {run.cue} + capitalised name" if run.rule == "cue"
                    else f"english: capitalised name, {run.rule}")
            found.append(_mention(doc, s, e, row["person_id"] if row else None, None, None, rule=rule))
            taken.add(s, e, found[-1])
    return found


@lru_cache(maxsize=1)
def _person_words() -> dict[str, frozenset[str]]:
    """person id -> the words of its English name and of its English lexicon forms."""
    out: dict[str, set[str]] = {}
    for r in lexicon.rows("person_names"):
        if r["lang"] == "en":
            out.setdefault(r["person_id"], set()).update(r["form"].split())
    for pid, rows in tenures().items():
        for r in rows:
            out.setdefault(pid, set()).update((r.get("name_en") or "").split())
    return {k: frozenset(v) for k, v in out.items()}


def _name_words_of(pid: str) -> frozenset[str]:
    return _person_words().get(pid, frozenset())


def _english_lexicon_spans(doc: Doc, out: list[Mention]) -> list[Mention]:
    """English lexicon names widened to the whole name written (Abdul Hamid -> Abdul Hamid Dbeibah,
    Erdogan -> Tayyip Erdogan) and without a title at their start (Sheikh Tamim bin Hamad Al Thani
    -> Tamim bin Hamad Al Thani): the capitalised run's name that overlaps the lexicon match, when it
    overlaps no other mention."""
    if not any(m.rule.startswith(("lexicon", "surname")) for m in out):
        return out
    runs = SpanSet((s, e, (s, e)) for r0, r1 in doc.regions for s, e in english_names.name_spans(doc.text, r0, r1))
    others = SpanIndex((m.start, m.end) for m in doc.of_type("country", "organization"))
    taken = SpanSet((m.start, m.end, m) for m in out)
    new: list[Mention] = []
    for m in out:
        if m.rule.startswith(("lexicon", "surname")):
            for s, e in runs.overlapping(m.start, m.end):
                if (s, e) == (m.start, m.end) or others.overlaps(s, e):
                    continue
                if any(x is not m for x in taken.overlapping(s, e)):
                    continue
                pid = str(m.value)
                row = person_row(pid)
                if s > m.start and set(((row or {}).get("name_en") or "").split()).issuperset(
                        doc.text[m.start:s].split()):
                    s = m.start  # "Sheikh Hasina": the title word is the person's name (name_en)
                added = doc.text[s:m.start].split() + doc.text[m.end:e].split()
                if added and not _name_words_of(pid).issuperset(added):
                    # "Prince Abdulaziz bin Salman" is not the "bin Salman" of the lexicon: another person
                    row = link(doc.text[s:e])
                    m = _mention(doc, s, e, row["person_id"] if row else None, None, None,
                                 rule=f"english: capitalised name around {m.text}")
                else:
                    m = replace(m, start=s, end=e, text=doc.text[s:e])
                break
        new.append(m)
    return new


#: a capitalised word and "of"/"for"/"and" right before a run: the run continues a name
_EN_CONTINUES = re.compile(r"[A-Z][a-z]+ (?:of|for|and|on) (?:the )?$")


@lru_cache(maxsize=1)
def _english_org_heads() -> frozenset[str]:
    """English words that make a capitalised run an organisation (``name_cues.csv``, org_head)."""
    return frozenset(r["form"] for r in lexicon.rows("name_cues", required=("lang", "form", "cue"))
                     if r["lang"] == "en" and r["cue"] == "org_head")


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """English title and cue words that open a capitalised run without being part of the name."""
    out: set[str] = set()
    for r in lexicon.rows("titles"):
        if r["lang"] == "en":
            out.update(r["form"].split())
    out.update({"The", "A", "An", "But", "And", "Mr", "Mrs", "Ms", "Dr", "Sir"})
    return frozenset(out)


def _surnames(doc: Doc, out: list[Mention]) -> list[Mention]:
    """The last word of a full name the lexicon does not know, alone after it: the same person.

    One matcher over the surnames of the article's names, one pass over the text.
    """
    stop, _particles = _name_word_lists()
    given, _ = _name_words()
    first: dict[str, Mention] = {}
    for m in sorted(out, key=lambda x: x.start):
        if m.rule.startswith(("lexicon", "surname")):
            continue
        words = normalize_key(m.text).split()
        if len(words) < 2:
            continue
        last = words[-1]
        if len(last.replace("ال", "", 1)) < MIN_SURNAME_LETTERS or last in stop or last in given:
            continue
        first.setdefault(last, m)
    if not first:
        return []
    entries = [Entry(m.text.split()[-1], key, article="optional" if not key.startswith("ال") else "")
               for key, m in first.items()]
    # an English particle opens the surname in capitals at a sentence's start: al-Shammari, Al-Shammari
    entries += [Entry(e.key[0].upper() + e.key[1:], e.payload) for e in entries
                if e.key.startswith(("al-", "el-"))]
    gaz = Gazetteer(entries)
    taken = SpanSet((m.start, m.end, m) for m in out)
    found: list[Mention] = []
    singles = {(m.start, m.end): k for k, m in enumerate(out) if " " not in m.text.strip()}
    others = SpanIndex((m.start, m.end) for m in doc.of_type("country", "organization"))
    for hit in gaz.find(doc.norm, regions=doc.regions):
        full = first[hit.entry.payload]
        if hit.start < full.end:
            continue
        idx = singles.get((hit.start, hit.end))
        if idx is not None:  # the tagger found the surname alone: it is the full name's person
            single = out[idx]
            if single.value == single.text and single.rule == ner.rule():
                out[idx] = Mention(single.start, single.end, single.text, "person", full.value, full.kind,
                                   single.sentence, single.rule, {**full.attrs, "role_text": None}, single.confidence)
            continue
        if taken.overlaps(hit.start, hit.end) or others.overlaps(hit.start, hit.end):
            continue
        m = Mention(hit.start, hit.end, doc.text[hit.start:hit.end], "person", full.value, full.kind,
                    doc.sentence_of(hit.start), f"surname: after {full.text} ({full.start}:{full.end})",
                    {**full.attrs, "role_text": None})
        found.append(m)
        taken.add(m.start, m.end, m)
    return found


class _C:
    """A country mention with the bits the title rules need."""

    def __init__(self, m: Mention):
        self.start, self.end, self.value, self.kind = m.start, m.end, m.value, m.kind
        self.lang_en = (m.attrs or {}).get("lang") == "en"


#: title roles that are not political offices, and the fine class they give
_NON_POLITICAL = {"military officer": "police"}


def _mention(doc: Doc, s: int, e: int, pid: str | None, title, country, *, rule: str,
             confidence: float | None = None, fine: str | None = None) -> Mention:
    off = office(pid, doc.published) if pid else None
    who = person_row(pid) if pid else None
    role = None
    role_text = None
    if title is not None:
        tr = title.entry.payload
        role = tr.get("role")
        t0 = min(title.start, country.start) if country is not None else title.start
        t1 = max(title.end, country.end) if country is not None else title.end
        role_text = doc.text[t0:t1]
        if role == "counterpart":
            role = off["role"] if off else "counterpart"
    if not role and off:
        role = off["role"]
    iso = country.value if country is not None else (who["iso3"] if who else None)
    name_en = who["name_en"] if who else None
    if pid or (role and role not in _NON_POLITICAL):
        fine = "politician"  # the people lexicon lists officials; a political title makes one
    elif role in _NON_POLITICAL:
        fine = _NON_POLITICAL[role]
    return Mention(start=s, end=e, text=doc.text[s:e], type="person", value=pid or doc.text[s:e],
                   kind="official" if role else "person", sentence=doc.sentence_of(s), rule=rule,
                   attrs={"role": role, "role_text": role_text, "country": iso, "name_en": name_en, "fine": fine},
                   confidence=confidence)


#: after a title and its country, "لدى/في <capital or country>" before the name (السفير الروسي لدى الرياض ...)
_POSTED = re.compile(r"\s+(?:لدى|في|بـ?)\s*")
#: a name between dashes after a title: وزير الخارجية السعودي - عادل الجبير -
_DASHED = re.compile(r"\s*[-–—]\s*((?:[\u0621-\u064a\u064b-\u0652]+ ){0,3}[\u0621-\u064a\u064b-\u0652]+)\s*[-–—]")


def _name_after(doc: Doc, title, near: _Near):
    """Span of an unknown name after a title: (start, end, country) or (None, None, None)."""
    text = doc.text
    stop, particles = _name_word_lists()
    pos = title.end
    country = None
    gap = _SEP.match(text, pos)
    c = near.country_at.get(gap.end())
    if c is not None and c.start - pos <= 3:
        country = c
        pos = c.end
    if country is not None:  # السفير الروسي لدى الرياض: the post's place before the name
        posted = _POSTED.match(text, pos)
        if posted:
            place = near.country_at.get(posted.end())
            if place is not None:
                pos = place.end
    dashed = _DASHED.match(text, pos)
    if dashed and all(normalize_key(w) not in stop for w in dashed.group(1).split()):
        return dashed.start(1), dashed.end(1), country
    gap = _SEP.match(text, pos)
    dash = "-" in gap.group() or "–" in gap.group() or "—" in gap.group()
    if "،" in gap.group() or "," in gap.group():
        return None, None, None
    pos = gap.end()
    if pos >= len(text):
        return None, None, None
    if "a" <= text[pos].lower() <= "z":
        got = english_names.name_in(text, pos, min(len(text), pos + 200))
        if got is None or got[0] != pos or got[2]:
            return None, None, None  # no name right after the title, or an organisation's (King Saud University)
        if text[pos].islower() and " " not in title.entry.payload["form"]:
            return title.start, got[1], None  # "Sultan al-Jaber": a given name, not a title
        return got[0], got[1], country
    words = []
    p = pos
    known = _lexicon_words()
    given, name_words = _name_words()
    anchored = dash or country is not None
    while len(words) < 4:
        m = _AR_WORD.match(text, p)
        if not m:
            break
        w = normalize_key(m.group())
        if not w:
            break
        prev_particle = bool(words) and normalize_key(words[-1][2]) in particles
        # the article is ال with a bare alef: أليكسي, إلهام (hamza) are names, not articles
        definite = m.group().lstrip("\u0640").startswith("ال")
        if w in stop or (w in known and not prev_particle) or (definite and not prev_particle):
            break
        if w.startswith(_CLITIC_ARTICLE) or (words and w.startswith(_CLITIC_NOUN) and w not in name_words):
            break  # a clitic-led word (بمحافظة, والوفد, بتأمين) ends the name
        if not words and not anchored and w not in given:
            return None, None, None  # without a country or a dash, a name must open with a given name
        if len(words) >= 3 and w not in name_words:
            break
        words.append((m.start(), m.end(), m.group()))
        nxt = re.match(r" (?=[\u0621-\u064a])", text[m.end():m.end() + 2])
        if not nxt:
            break
        p = m.end() + 1
    if not words:
        return None, None, None
    if not dash and len(words) < 2:
        return None, None, None  # one unknown word after a title is too often a common noun
    return words[0][0], words[-1][1], country

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

Mentions carry ``role`` (English), ``role_text`` (the title as written), ``country``
(ISO alpha-3: the country beside the title, else the lexicon's) and ``name_en``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from toolkit import lexicon
from toolkit.arabic import normalize_key
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.registry import annotator

#: Arabic words that end a name run (function words and frequent verbs/nouns).
_STOP = frozenset(normalize_key(w) for w in """
في إلى الى على عن من مع أن إن أنه إنه بأن خلال بعد قبل عند منذ حتى الذي التي الذين اللذين يوم اليوم أمس غدا
هذا هذه ذلك تلك هو هي هم كان كانت يكون قد لقد لم لن لا ما كما وقد ثم أو أي كل بين حول ضد عبر لدى نحو وذلك
قال قالت يقول تقول أكد أكدت يؤكد أعلن أعلنت أشار أشارت أوضح أضاف أعرب أعربت شدد لقاء زيارة يزور زار التقى يلتقي
استقبل يستقبل بحث يبحث وصل يصل توجه غادر دعا يدعو طالب وقع وقعت يوقع بحضور برئاسة رئيس وزير نائب الرئيس الوزراء
الحكومة حكومة وزارة السفير سفير الملك الأمير ولي العهد نظيره نظيرته نظيريه الجانب الجانبين البلدين الطرفين
عندما حين بينما حيث إذ إذا لكن لكنه منها منه فيه فيها عليه عليها إليه إليها له لها به بها عنه عنها معه معها
حفظه حفظها حفظهم حفظهما رعاه رعاهم أيده أيدهم يحفظه الله رحمه رحمهم مساء صباح ظهر ليلة ليلا نهار
""".split())
_CLITIC_ARTICLE = ("بال", "لل", "وال", "فال", "كال")
#: openings of a preposition or conjunction + noun (و..., بم..., لت..., با...): not of names
_CLITIC_NOUN = ("و", "بم", "لم", "بت", "لت", "با", "لا")
_NAME_PARTICLES = frozenset(normalize_key(w) for w in "عبد أبو أبي ابن بن بنت آل".split())
_AR_WORD = re.compile(r"[\u0621-\u064a]+")
_EN_NAME = re.compile(r"(?:[A-Z][a-zA-Z'\-]+|al-[A-Z][a-z]+|bin|ibn)(?:\s+(?:[A-Z][a-zA-Z'\-]+|al-[A-Z][a-z]+|bin|ibn)){0,3}")
_SEP = re.compile(r"\s*(?:-|–|—|،|,)?\s*")


@lru_cache(maxsize=1)
def tenures() -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for r in lexicon.rows("people"):
        out.setdefault(r["person_id"], []).append(r)
    return out


@lru_cache(maxsize=1)
def name_gazetteer() -> Gazetteer:
    entries = [Entry(r["form"], r, lang=r["lang"], priority=0 if r.get("kind") == "surname" else 1)
               for r in lexicon.rows("person_names") if r["person_id"] in tenures()]
    return Gazetteer(entries)


@lru_cache(maxsize=1)
def title_gazetteer() -> Gazetteer:
    return Gazetteer([Entry(r["form"], r, lang=r["lang"], priority=int(r.get("rank") or 0))
                      for r in lexicon.rows("titles")])


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Words of other lexicons that must not be taken for a name."""
    words: set[str] = set()
    for name, col in (("country_names", "form"), ("titles", "form"), ("reporting_verbs", "form"), ("event_cues", "form"), ("sectors", "form")):
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
    """The person's office at ``date`` (ISO), else the latest one."""
    rows = tenures().get(person_id, [])
    if not rows:
        return None
    if date:
        d = date[:10]
        for r in rows:
            if (r.get("start") or "0000") <= d and (not r.get("end") or d <= r["end"] + "-99"):
                return r
    return max(rows, key=lambda r: r.get("start") or "")


def _adjacent(text: str, a: int, b: int) -> bool:
    """True when only a separator (spaces, a dash or comma) lies between a and b."""
    return a <= b and b - a <= 4 and _SEP.fullmatch(text, a, b) is not None


def _title_before(doc: Doc, start: int, titles: list, countries: list["_C"]):
    """The title match (and its country mention) standing right before ``start``.

    Accepts "title [country] [-] name" and, in English, "country title name".
    """
    text = doc.text
    pos = start
    country = next((c for c in countries if c.end <= pos and _adjacent(text, c.end, pos)), None)
    if country is not None:
        pos = country.start
    for t in titles:
        if t.end <= pos and _adjacent(text, t.end, pos):
            if country is None:
                country = next((c for c in countries if c.end <= t.start and c.lang_en and _adjacent(text, c.end, t.start)), None)
            return t, country
    return None, None


@annotator("people", produces=("person",), needs=("country",))
def annotate(doc: Doc) -> list[Mention]:
    titles = title_gazetteer().find(doc.norm, regions=doc.regions)
    countries = [_C(m) for m in doc.of_type("country")]
    names = name_gazetteer().find(doc.norm, regions=doc.regions)
    out: list[Mention] = []
    seen: set[str] = set()
    taken: list[tuple[int, int]] = []
    named = {c.value for c in countries}  # a distinctive surname also needs its country named
    for m in names:
        r = m.entry.payload
        pid = r["person_id"]
        title, country = _title_before(doc, m.start, titles, countries)
        ambiguous = "ambiguous" in r.get("note", "")
        weak = r.get("kind") == "surname" or ambiguous
        if weak and pid not in seen and (title is None or ambiguous) and not (
                r["form"] in _distinctive() and any(t["iso3"] in named for t in tenures().get(pid, ()))):
            continue
        seen.add(pid)
        rule = "surname" if weak else "lexicon"
        out.append(_mention(doc, m.start, m.end, pid, title, country, rule=f"{rule}: {lexicon.ref('person_names', r)} {r['form']}"))
        taken.append((m.start, m.end))
    # titles followed by a name the lexicon lacks
    for t in titles:
        s, e, country = _name_after(doc, t, countries)
        if s is None or any(a < e and s < b for a, b in taken):
            continue
        if any(a < e and s < b for a, b in ((x.start, x.end) for x in countries)):
            continue
        out.append(_mention(doc, s, e, None, t, country, rule=f"title: {lexicon.ref('titles', t.entry.payload)} {t.entry.payload['form']}"))
        taken.append((s, e))
    return sorted(out, key=lambda x: x.start)


class _C:
    """A country mention with the bits the title rules need."""

    def __init__(self, m: Mention):
        self.start, self.end, self.value, self.kind = m.start, m.end, m.value, m.kind
        self.lang_en = (m.attrs or {}).get("lang") == "en"


def _mention(doc: Doc, s: int, e: int, pid: str | None, title, country, *, rule: str) -> Mention:
    off = office(pid, doc.published) if pid else None
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
    iso = country.value if country is not None else (off["iso3"] if off else None)
    name_en = off["name_en"] if off else None
    return Mention(start=s, end=e, text=doc.text[s:e], type="person", value=pid or doc.text[s:e], kind="official" if role else "person",
                   sentence=doc.sentence_of(s), rule=rule,
                   attrs={"role": role, "role_text": role_text, "country": iso, "name_en": name_en})


def _name_after(doc: Doc, title, countries: list[_C]):
    """Span of an unknown name after a title: (start, end, country) or (None, None, None)."""
    text = doc.text
    pos = title.end
    country = None
    gap = _SEP.match(text, pos)
    for c in countries:
        if c.start == gap.end() and c.start - pos <= 3:
            country = c
            pos = c.end
            break
    gap = _SEP.match(text, pos)
    dash = "-" in gap.group() or "–" in gap.group() or "—" in gap.group()
    if "،" in gap.group() or "," in gap.group():
        return None, None, None
    pos = gap.end()
    if pos >= len(text):
        return None, None, None
    if "a" <= text[pos].lower() <= "z":
        m = _EN_NAME.match(text, pos)
        if not m:
            return None, None, None
        return m.start(), m.end(), country
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
        prev_particle = bool(words) and normalize_key(words[-1][2]) in _NAME_PARTICLES
        # the article is ال with a bare alef: أليكسي, إلهام (hamza) are names, not articles
        definite = m.group().lstrip("\u0640").startswith("ال")
        if w in _STOP or (w in known and not prev_particle) or (definite and not prev_particle):
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

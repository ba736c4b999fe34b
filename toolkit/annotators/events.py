"""Directed events between actors, one sentence at a time, from a lexicon of cue words.

``annotate(doc)`` reads the mentions found before it (countries, organisations, people,
dates, sectors) and the cue lexicon ``lexicon/event_cues.csv`` (documented in
``lexicon/README.events.md``), and returns :class:`~toolkit.model.Event` records.

For every sentence:

1. A question (ends in ``؟``/``?`` or holds ``هل``) yields nothing.
2. Actors are the sentence's country, institution (an organisation with a country),
   official (a person with a country) and international-organisation mentions.
   Overlapping mentions are one actor (الحكومة الروسية: the organisation and its
   demonym); neighbouring mentions of the same actor a few words apart merge too
   (رئيس الوزراء الروسي - ميخائيل ميشوستين). An organisation with exactly two member
   states and no country of its own (a bilateral commission) is not an actor but a
   hint of the pair. A bare Arabic demonym is an actor only when it qualifies a state
   noun or title (الحكومة الروسية, المسؤولين الأتراك), a place (مدينة القنيطرة السورية)
   or an event noun (الغارات التركية); not الأسهم اليابانية or الأتراك alone.
   A sentence with an ``offtopic`` word (sports, stock markets) yields nothing, and a
   cue inside an organisation's name (مركز الملك سلمان للإغاثة) is no cue.
3. Each actor gets a mark from the words before it (lexicon rows with role target,
   source, location, counterpart, from; clitic ل marks a target and ب a target or,
   before a place name, a location), looking through titles (إلى الرئيس المصري).
4. Each cue (role ``cue``) that is not a topic (after a ``purpose`` word) nor a passing
   mention (after a ``background`` word) and whose required object is there gets a
   mode: ``intend`` after a modal (يعتزم, استعداد, the future prefix س, will),
   ``negated`` after a negation particle or anywhere after a denial (نفى, denied).
5. Direction (the ``rule`` column says which applied):
   - ``both``: a both-sides word near the cue (الجانبان, البلدين, both sides) makes the
     event symmetric between the sentence's two countries, or, when the sentence
     names fewer than two, the article's two most-mentioned countries;
   - ``source-marker``: an actor after من قبل / by is the source;
   - ``subject-first``: the nearest unmarked actor before the cue in its clause;
   - ``noun-demonym``: a demonym qualifying a noun cue (الدعم الإيراني) is its source;
   - ``verb-first`` / ``noun-genitive``: the first unmarked actor after the cue
     (أعربت موسكو ..., زيارة الرئيس المصري ...); after a verb only when nothing but
     titles, state nouns and ``filler`` words stand between (else an unknown name is
     the subject and the actor its object: ``object-first+later-agent``);
   - ``subject-before-clause``: the nearest unmarked actor before the cue's clause;
   - ``inverse``: after تلقى / received, the actor after من / from is the source;
   - the target is the first actor of another country marked as a target or
     counterpart, else the first actor after the cue, else (meetings) the host, the
     place the meeting is held (``host``: the visitor is the source); the target
     lies in the cue's clause or before the cue, and a place (في X) is a target only
     of ASSAULT, MOBILIZE, COERCE, AID;
   - cue ``constraints`` (``subject``, ``marked-target``, ``no-fallback``) and
     ``excludes`` from the lexicon drop a cue whose actors do not fit (وصل needs a
     subject and إلى X);
   - ``coordinated``: X و Y as the subject of a symmetric type (meet, sign,
     cooperate, clash) gives both directions; of another type with a target, X and Y
     each act on the target;
   - ``bilateral-fallback``: when no pair is found and the sentence has a both-sides or
     bilateral word, or a bilateral body, the pair is the sentence's two countries or
     the article's two most-mentioned (a meeting held in one of them goes from the
     other to the host).
6. A noun cue right after another cue (at most 5 words, same clause) is its object
   (أدانت السعودية الهجوم, تدعم الغارات): no event of its own.
7. One event per unordered pair and type in a sentence: the first cue decides the
   direction. An event never goes from an actor to itself.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from toolkit import lexicon
from toolkit.arabic import normalize_key
from toolkit.matcher import Entry, Gazetteer, Match, select_longest
from toolkit.model import Doc, Event, Mention
from toolkit.registry import EVENT, annotator

CUE_FILE = "event_cues"
PLOVER_FILE = "plover"
ROLES = frozenset({"cue", "modal", "negation", "question", "denial", "both", "bilateral", "counterpart",
                   "target", "source", "from", "location", "inverse", "title", "purpose", "background",
                   "state", "filler", "offtopic", "place"})
CONSTRAINTS = frozenset({"subject", "marked-target", "no-fallback"})
MODES = frozenset({"done", "intend", "negated"})
MARK_ROLES = ("target", "source", "location", "counterpart", "from")
#: Tokens after a cue in which its ``requires`` object must appear.
REQUIRES_WINDOW = 7
#: A noun cue takes its actors from this many tokens around it.
NOUN_WINDOW = 14
#: Tokens looked back from an actor for its marker word.
MARK_LOOKBACK = 4
#: A noun cue this many tokens after another cue is that cue's object, not an event.
EMBED_GAP = 5
#: Same-actor mentions at most this many tokens apart merge into one actor.
MERGE_GAP = 3
#: A demonym this many tokens after a noun cue qualifies it (الغارات الجوية التركية).
QUALIFY_GAP = 2
#: PLOVER types whose target may be the place the act happens in (قصفت تركيا مواقع في سوريا).
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "AID"})
_CLAUSE = re.compile(r"[،,؛;:]")
_QUESTION_END = re.compile(r"[؟?][\"'»”)\]\s]*$")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_IMPERFECT = ("ي", "ت", "ن")
_ORG_ID = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")


class EventLexiconError(ValueError):
    """A row of event_cues.csv or plover.csv is malformed (the message names file and line)."""


@dataclass(frozen=True)
class CueRow:
    """One row of event_cues.csv, checked and typed."""

    id: str
    line: str
    lang: str
    role: str
    pos: str
    plover: str
    mode: str
    cameo_root: str
    intensity: float | None
    requires: tuple[str, ...]
    scope: int
    excludes: tuple[str, ...] = ()
    constraints: frozenset = frozenset()
    future: bool = False  # the entry is a form with the future prefix س

    @property
    def ref(self) -> str:
        return f"{self.id}@{CUE_FILE}.csv:{self.line}"


@dataclass(frozen=True)
class Plover:
    type: str
    cameo_root: str
    quad_class: int
    intensity: float
    symmetric: bool


@lru_cache(maxsize=1)
def plover_table() -> dict[str, Plover]:
    """PLOVER type -> its CAMEO root, quad class, default intensity and symmetry."""
    out: dict[str, Plover] = {}
    for r in lexicon.rows(PLOVER_FILE):
        where = f"{PLOVER_FILE}.csv, line {r['_line']}"
        try:
            quad, inten = int(r["quad_class"]), float(r["intensity"])
        except (KeyError, ValueError) as exc:
            raise EventLexiconError(f"{where}: quad_class and intensity must be numbers") from exc
        if quad not in (1, 2, 3, 4) or not -10 <= inten <= 10:
            raise EventLexiconError(f"{where}: quad_class 1-4 and intensity -10..10 expected")
        out[r["plover"].upper()] = Plover(r["plover"].upper(), r["cameo_root"], quad, inten, r.get("symmetric") == "1")
    return out


@lru_cache(maxsize=1)
def cue_rows() -> tuple[tuple[CueRow, tuple[str, ...], str, bool], ...]:
    """(row, forms, article, stem) for every row of event_cues.csv, validated."""
    plover = plover_table()
    out = []
    seen: set[str] = set()
    for r in lexicon.rows(CUE_FILE):
        where = f"{CUE_FILE}.csv, line {r['_line']}"
        role = r.get("role", "")
        if role not in ROLES:
            raise EventLexiconError(f"{where}: unknown role {role!r}")
        if r["id"] in seen:
            raise EventLexiconError(f"{where}: duplicate id {r['id']!r}")
        seen.add(r["id"])
        pl = r.get("plover", "").upper()
        if role == "cue" and pl not in plover:
            raise EventLexiconError(f"{where}: unknown PLOVER type {r.get('plover')!r}")
        mode = r.get("mode") or ("done" if role == "cue" else "")
        if mode and mode not in MODES:
            raise EventLexiconError(f"{where}: mode must be one of {sorted(MODES)}")
        try:
            inten = float(r["intensity"]) if r.get("intensity") else None
            scope = int(r["scope"]) if r.get("scope") else 0
        except ValueError as exc:
            raise EventLexiconError(f"{where}: intensity and scope must be numbers") from exc
        constraints = frozenset(x.strip() for x in r.get("constraints", "").split("|") if x.strip())
        if constraints - CONSTRAINTS:
            raise EventLexiconError(f"{where}: unknown constraint(s) {sorted(constraints - CONSTRAINTS)}")
        forms = tuple(f.strip() for f in r["form"].split("|") if f.strip())
        if not forms:
            raise EventLexiconError(f"{where}: empty form")
        row = CueRow(r["id"], r["_line"], r.get("lang", "ar"), role, r.get("pos", ""), pl, mode,
                     r.get("cameo_root", ""), inten,
                     tuple(normalize_key(x) for x in r.get("requires", "").split("|") if x.strip()), scope,
                     tuple(normalize_key(x) for x in r.get("excludes", "").split("|") if x.strip()), constraints)
        out.append((row, forms, r.get("article", ""), r.get("stem") == "1"))
    return tuple(out)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """One automaton over every cue and marker form (plus س + imperfect cue verbs)."""
    entries: list[Entry] = []
    future = any(row.role == "modal" and "س-" in forms for row, forms, _, _ in cue_rows())
    for row, forms, article, stem in cue_rows():
        for form in forms:
            if form.endswith("-"):
                continue  # a prefix marker, applied below
            entries.append(Entry(form, row, lang=row.lang, article=article, stem=stem))
            if (future and row.role == "cue" and row.lang == "ar" and row.pos == "verb"
                    and " " not in form and normalize_key(form).startswith(_IMPERFECT)):
                fut = CueRow(**{**row.__dict__, "future": True})
                entries.append(Entry("س" + form, fut, lang=row.lang, stem=stem))
    return Gazetteer(entries)


# --------------------------------------------------------------------------- actors


@dataclass
class Actor:
    code: str | None  # None: a bilateral body (hint of a pair)
    start: int
    end: int
    text: str
    kind: str  # the country mention kind, or the mention type
    members: tuple[str, ...] = ()
    mark: str | None = None
    rules: tuple[str, ...] = ()
    bare_demonym: bool = False  # only country demonyms: a state actor only in a state noun phrase


#: organisation kinds (organizations.csv types) that are no actor of this coder: their country is
#: not the state acting (Hezbollah is not Lebanon), P5+1 is a negotiating format
NON_STATE_KINDS = frozenset({"movement", "company", "contact_group"})


def actor_code(m: Mention) -> tuple[str | None, tuple[str, ...]] | None:
    """The actor a mention stands for, or None when it is no actor."""
    attrs = m.attrs or {}
    if m.type == "country":
        return str(m.value), ()
    if m.type == "organization":
        if m.kind in NON_STATE_KINDS:
            return "", ()  # a movement, a company or a contact group is no state actor (for now)
        if attrs.get("country"):
            return str(attrs["country"]), ()
        members = tuple(str(attrs.get("members") or "").split())
        if len(members) == 2:
            return None, members
        if members or _ORG_ID.fullmatch(str(m.value)):
            return str(m.value), ()
        return "", ()  # a body of no state and no id (a theatre, a company): no actor
    if m.type == "person" and attrs.get("country"):
        return str(attrs["country"]), ()
    return None


def actors_of(mentions: Iterable[Mention]) -> list[Actor]:
    """Actor clusters from mentions: overlapping mentions are one actor (the longest decides)."""
    items = []
    for m in mentions:
        got = actor_code(m)
        if got is not None:
            items.append((m, got))
    items.sort(key=lambda x: (x[0].start, -x[0].end))
    clusters: list[list] = []
    for m, got in items:
        if clusters and m.start < max(x[0].end for x in clusters[-1]):
            clusters[-1].append((m, got))
        else:
            clusters.append([(m, got)])
    out = []
    for cl in clusters:
        m, (code, members) = max(cl, key=lambda x: (x[0].end - x[0].start, x[0].type != "country"))
        if code == "":
            continue
        start, end = min(x[0].start for x in cl), max(x[0].end for x in cl)
        kinds = [x[0].kind for x in cl if x[0].type == "country"]
        bare = all(x[0].type == "country" and x[0].kind == "demonym" for x in cl)
        out.append(Actor(code, start, end, m.text, kinds[0] if kinds else m.type, members,
                         rules=tuple(x[0].rule for x in cl), bare_demonym=bare))
    return out


# --------------------------------------------------------------------------- tokens and hits


@dataclass(frozen=True)
class _Tokens:
    starts: list[int]
    ends: list[int]
    norm: list[str]

    def index(self, offset: int) -> int:
        """Index of the token at or before original ``offset``."""
        return max(0, bisect_right(self.starts, offset) - 1)


def _tokens(doc: Doc) -> _Tokens:
    found = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(doc.norm.text)]
    norm = [w for _, _, w in found]
    if doc.norm.identity:  # the common case: offsets need no mapping
        return _Tokens([s for s, _, _ in found], [e for _, e, _ in found], norm)
    spans = doc.norm.map_spans([(s, e) for s, e, _ in found])
    return _Tokens([s for s, _ in spans], [e for _, e in spans], norm)


@dataclass(frozen=True)
class Hit:
    row: CueRow
    start: int
    end: int
    t0: int  # first token
    t1: int  # last token
    prefix: str
    text: str


def _strip_clitics(tok: str) -> list[str]:
    out = [tok]
    t = tok
    if t[:1] in ("و", "ف") and len(t) > 3:
        t = t[1:]
        out.append(t)
    if t[:1] in ("ب", "ل", "ك") and len(t) > 3:
        t = t[1:]
        out.append(t)
    if t.startswith("ال") and len(t) > 3:
        out.append(t[2:])
    elif t.startswith("ل") and len(t) > 3:  # لل = ل + ال
        out.append(t[1:])
    return out


def _requires_ok(row: CueRow, toks: _Tokens, t1: int, last: int) -> bool:
    if not row.requires:
        return True
    for j in range(t1 + 1, min(last, t1 + REQUIRES_WINDOW) + 1):
        for cand in _strip_clitics(toks.norm[j]):
            if any(cand.startswith(req) for req in row.requires):
                return True
    return False


def _excluded(row: CueRow, toks: _Tokens, t1: int, last: int) -> bool:
    """The word right after the cue starts with one of its ``excludes`` (بحثا عن: in search of)."""
    if not row.excludes or t1 + 1 > last:
        return False
    nxt = toks.norm[t1 + 1]
    return any(nxt.startswith(x) for x in row.excludes)


def _hits(doc: Doc, toks: _Tokens) -> list[Hit]:
    raw = gazetteer().find(doc.norm, regions=doc.regions, longest=False)
    cue_matches: list[Match] = []
    marker_matches: list[Match] = []
    for m in raw:
        cues = tuple(e for e in m.entries if e.payload.role == "cue")
        others = tuple(e for e in m.entries if e.payload.role != "cue")
        if cues:
            cue_matches.append(Match(m.start, m.end, m.nstart, m.nend, m.prefix, cues))
        if others:
            marker_matches.append(Match(m.start, m.end, m.nstart, m.nend, m.prefix, others))
    out: list[Hit] = []
    n_last = len(toks.starts) - 1
    for group, is_cue in ((select_longest(cue_matches), True), (select_longest(marker_matches), False)):
        for m in group:
            t0, t1 = toks.index(m.start), toks.index(max(m.start, m.end - 1))
            sent = doc.sentence_of(m.start)
            last = n_last
            if sent is not None:
                last = toks.index(max(doc.sentences[sent][0], doc.sentences[sent][1] - 1))
            rows = [e.payload for e in m.entries]
            rows = list(dict.fromkeys(rows))
            if is_cue:
                rows = [r for r in rows if _requires_ok(r, toks, t1, last) and not _excluded(r, toks, t1, last)][:1]
            for row in rows:
                out.append(Hit(row, m.start, m.end, t0, t1, m.prefix, doc.text[m.start:m.end]))
    out.sort(key=lambda h: (h.start, h.end))
    return out


# --------------------------------------------------------------------------- the annotator


@annotator("events", produces=(EVENT,), needs=("country", "organization", "person", "date", "sector"))
def annotate(doc: Doc) -> list[Event]:
    """Directed events of ``doc``, one sentence at a time (see the module docstring)."""
    all_actors = actors_of(m for m in doc.mentions if doc.in_body(m.start, m.end) or not doc.regions)
    if not all_actors:
        return []  # no country, institution or official: nothing can be an event
    toks = _tokens(doc)
    hits = _hits(doc, toks)
    top2 = _top_two(all_actors)
    events: list[Event] = []
    for i, (s, e) in enumerate(doc.sentences):
        shits = [h for h in hits if s <= h.start and h.end <= e]
        if not any(h.row.role == "cue" for h in shits):
            continue
        if _QUESTION_END.search(doc.text[s:e]) or any(h.row.role in ("question", "offtopic") for h in shits):
            continue
        actors = [a for a in all_actors if s <= a.start and a.end <= e]
        events.extend(_sentence_events(doc, i, s, e, toks, shits, actors, top2))
    return events


def _top_two(actors: list[Actor]) -> tuple[str, str] | None:
    """The article's two most-mentioned countries, when the second is clearly ahead of the third."""
    counts = Counter(a.code for a in actors if a.code and len(a.code) == 3 and a.code.isupper()
                     and a.kind in ("name", "demonym", "capital", "government"))
    common = counts.most_common(3)
    if len(common) < 2 or (len(common) == 3 and common[1][1] == common[2][1]):
        return None
    return common[0][0], common[1][0]


def _merge(actors: list[Actor], toks: _Tokens, cue_spans: list[tuple[int, int]]) -> list[Actor]:
    """Merge neighbouring mentions of the same actor (title, demonym, then name)."""
    out: list[Actor] = []
    for a in actors:
        if out and a.code is not None and out[-1].code == a.code:
            prev = out[-1]
            gap = toks.index(a.start) - toks.index(max(prev.start, prev.end - 1))
            if gap <= MERGE_GAP and not any(prev.end <= cs and ce <= a.start for cs, ce in cue_spans):
                out[-1] = Actor(prev.code, prev.start, a.end, prev.text, prev.kind, prev.members,
                                prev.mark, prev.rules + a.rules, prev.bare_demonym and a.bare_demonym)
                continue
        out.append(Actor(a.code, a.start, a.end, a.text, a.kind, a.members, None, a.rules, a.bare_demonym))
    return out


def _mark(doc: Doc, a: Actor, toks: _Tokens, markers: list[Hit], first_tok: int) -> str | None:
    ti = toks.index(a.start)
    # the actor's own clitics: the text between its token start and its start
    clitic = normalize_key(doc.text[toks.starts[ti]:a.start]) if toks.starts[ti] < a.start else ""
    clitic = clitic.lstrip("وف")
    if clitic.startswith("ل"):
        return "target"
    if clitic.startswith("ب"):
        return "location" if a.kind in ("capital", "name") else "target"
    ends = {}
    for h in markers:
        ends.setdefault(h.t1, []).append(h)
    # English "his Tajik counterpart": the counterpart word follows the actor
    nxt = toks.index(max(a.start, a.end - 1)) + 1
    for h in markers:
        if h.row.role == "counterpart" and h.row.lang == "en" and h.t0 == nxt:
            return "counterpart"
    j = ti - 1
    while j >= max(first_tok, ti - MARK_LOOKBACK):
        found = [h for h in ends.get(j, []) if h.row.role in MARK_ROLES]
        if found:
            return found[0].row.role
        titles = [h for h in ends.get(j, []) if h.row.role == "title"]
        if titles:
            pre = titles[0].prefix.lstrip("وف")
            if pre.startswith("ل") or pre.startswith("ب"):
                return "target"
            j = titles[0].t0 - 1
            continue
        break
    return None


_ARABIC = re.compile(r"[\u0600-\u06FF]")


def _qualified_cue(doc: Doc, a: Actor, toks: _Tokens, cues: list[Hit]) -> Hit | None:
    """The noun cue a demonym qualifies (الغارات الجوية التركية, الدعم الإيراني), if any."""
    ti = toks.index(a.start)
    for h in cues:
        if h.row.pos == "noun" and 0 < ti - h.t1 <= QUALIFY_GAP + 1 and h.end <= a.start \
                and not _CLAUSE.search(doc.text, h.end, a.start):
            return h
    return None


def _state_actor(doc: Doc, a: Actor, toks: _Tokens, cues: list[Hit], markers: list[Hit]) -> bool:
    """Whether an actor stands for a state. Names, capitals, institutions, officials and
    organisations do; a bare Arabic demonym only when it qualifies a state noun or title
    a few words before it (الحكومة الروسية, وزيرة الإعلام اليمنية, المسؤولين الأتراك) or an
    event noun (الغارات التركية). Not الأسهم اليابانية, عسكريين أميركيين, الأتراك alone."""
    if not a.bare_demonym or not _ARABIC.search(a.text):
        return True
    if _qualified_cue(doc, a, toks, cues) is not None:
        return True
    ti = toks.index(a.start)
    for h in markers:
        if h.row.role in ("state", "title", "place") and h.end <= a.start and 0 < ti - h.t1 <= max(h.row.scope, 1) \
                and not _CLAUSE.search(doc.text, h.end, a.start):
            return True
    return False


def _gap_ok(doc: Doc, toks: _Tokens, markers: list[Hit], t_from: int, t_to: int) -> bool:
    """Tokens strictly between ``t_from`` and ``t_to`` are all titles, state nouns or fillers
    (قصفت أمس المدفعية التركية): no unknown word (a name the lexicons miss) stands there."""
    covered = set()
    for h in markers:
        if h.row.role in ("state", "title", "filler"):
            covered.update(range(h.t0, h.t1 + 1))
    return all(j in covered for j in range(t_from + 1, t_to))


def _clause_start(doc: Doc, s: int, cue_start: int) -> int:
    last = s
    for m in _CLAUSE.finditer(doc.text, s, cue_start):
        last = m.end()
    return last


def _coordinated(doc: Doc, a: Actor, b: Actor) -> bool:
    gap = normalize_key(doc.text[a.end:b.start]).strip()
    return gap in ("و", "-", "/", "و-", "and", "&")


def _sentence_events(doc: Doc, i: int, s: int, e: int, toks: _Tokens, shits: list[Hit],
                     actors: list[Actor], top2: tuple[str, str] | None) -> list[Event]:
    orgs = [(m.start, m.end) for m in doc.mentions if m.type == "organization" and s <= m.start < e]
    # a cue inside an organisation's name (مركز الملك سلمان للإغاثة, تحالف دعم الشرعية) is no event
    cues = [h for h in shits if h.row.role == "cue" and not any(a <= h.start and h.end <= b for a, b in orgs)]
    markers = [h for h in shits if h.row.role != "cue"]
    pair_hints = [a.members for a in actors if a.code is None and a.members]
    actors = _merge([a for a in actors if a.code is not None], toks, [(h.start, h.end) for h in cues])
    actors = [a for a in actors if not any(a.start < h.end and h.start < a.end for h in cues)]
    actors = [a for a in actors if _state_actor(doc, a, toks, cues, markers)]
    first_tok = toks.index(s)
    for a in actors:
        a.mark = _mark(doc, a, toks, markers, first_tok)
    codes = list(dict.fromkeys(a.code for a in actors))
    date = _date(doc, s, e)
    sectors = tuple(dict.fromkeys(str(m.value) for m in doc.mentions if m.type == "sector" and s <= m.start < e))
    done: set[tuple[frozenset, str]] = set()
    out: list[Event] = []
    for k, cue in enumerate(cues):
        prev_cue_end = cues[k - 1].t1 if k else first_tok - 1
        if _scoped(markers, cue, prev_cue_end, ("purpose", "background")):
            continue
        if k and cue.row.pos == "noun" and cue.t0 - cues[k - 1].t1 <= EMBED_GAP \
                and not _CLAUSE.search(doc.text, cues[k - 1].end, cue.start) \
                and not any(a.bare_demonym and _qualified_cue(doc, a, toks, [cue]) is cue for a in actors):
            continue  # the object of the cue before it (أدانت السعودية الهجوم): not an event of its own  # the object of the cue before it (أدانت السعودية الهجوم): not an event of its own
        mode, mode_hit = _mode(markers, cue, prev_cue_end)
        pl = plover_table()[cue.row.plover]
        pairs, how = _direct(doc, s, cue, actors, markers, codes, pair_hints, top2, pl, toks, cues)
        for src, tgt in pairs:
            if not src or not tgt or src.code == tgt.code:
                continue
            key = (frozenset((src.code, tgt.code)), pl.type)
            if key in done and not any(x.source == src.code and x.target == tgt.code and x.type == pl.type
                                       and x.sentence == i and x.rule.startswith(cue.row.ref) for x in out):
                continue
            if any(x.source == src.code and x.target == tgt.code and x.type == pl.type and x.sentence == i for x in out):
                continue
            cameo = cue.row.cameo_root or pl.cameo_root
            if mode == "intend" and pl.quad_class in (1, 2):
                cameo = "03"
            evidence = cue.text if mode_hit is None else f"{mode_hit.text} … {cue.text}"
            rule = f"{cue.row.ref}; {how}" + (f"; {mode}: {mode_hit.row.ref}" if mode_hit else "")
            out.append(Event(
                source=src.code, target=tgt.code, type=pl.type, mode=mode, cameo_root=cameo,
                quad_class=pl.quad_class, intensity=cue.row.intensity if cue.row.intensity is not None else pl.intensity,
                date=date, sectors=sectors, sentence=i, start=s, end=e, evidence=evidence, rule=rule,
                source_text=src.text, target_text=tgt.text,
            ))
        for src, tgt in pairs:
            if src and tgt and src.code != tgt.code:
                done.add((frozenset((src.code, tgt.code)), pl.type))
    return out


def _scoped(markers: list[Hit], cue: Hit, prev_cue_end: int, roles: tuple[str, ...]) -> Hit | None:
    """A marker of ``roles`` before ``cue``, within its scope and after the previous cue."""
    for h in reversed(markers):
        if h.row.role not in roles or h.end > cue.start or h.t1 <= prev_cue_end:
            continue
        if h.row.scope == 0 or cue.t0 - h.t1 <= h.row.scope:
            return h
    return None


def _mode(markers: list[Hit], cue: Hit, prev_cue_end: int) -> tuple[str, Hit | None]:
    denial = [h for h in markers if h.row.role == "denial" and h.end <= cue.start]
    if denial:
        return "negated", denial[-1]
    neg = _scoped(markers, cue, prev_cue_end, ("negation",))
    if neg is not None:
        return "negated", neg
    if cue.row.future:
        fut = next((r for r, forms, _, _ in cue_rows() if r.role == "modal" and "س-" in forms), None)
        return "intend", Hit(fut or cue.row, cue.start, cue.start + 1, cue.t0, cue.t0, "", "س")
    modal = _scoped(markers, cue, prev_cue_end, ("modal",))
    if modal is not None:
        return "intend", modal
    return cue.row.mode or "done", None


def _date(doc: Doc, s: int, e: int) -> str | None:
    for m in doc.mentions:
        if m.type == "date" and s <= m.start < e and m.value:
            return str(m.value)
    return doc.published


def _pair_from_hints(codes: list[str], pair_hints: list[tuple[str, ...]],
                     top2: tuple[str, str] | None) -> tuple[str, str] | None:
    countries = [c for c in codes if len(c) == 3 and c.isupper()]
    for hint in pair_hints:
        return hint[0], hint[1]
    if len(countries) == 2:
        return countries[0], countries[1]
    if len(countries) < 2 and top2 is not None and all(c in top2 for c in countries):
        return top2
    return None


def _pair_events(pair: tuple[str, str], actors: list[Actor], pl: Plover, how: str):
    """Both directions of a pair, or visitor -> host for a meeting held in one of them."""
    def actor(code: str) -> Actor:
        for a in actors:
            if a.code == code:
                return a
        return Actor(code, 0, 0, "", "article")
    a, b = actor(pair[0]), actor(pair[1])
    if pl.type == "CONSULT":
        hosts = [x for x in (a, b) if x.mark == "location"]
        if len(hosts) == 1 or (len(hosts) == 0 and any(x.mark == "location" and x.code in pair for x in actors)):
            host = hosts[0] if hosts else next(x for x in actors if x.mark == "location" and x.code in pair)
            guest = b if host.code == a.code else a
            return [(guest, host)], how + "+host"
    if pl.symmetric:
        return [(a, b), (b, a)], how
    return [], how


def _near(h: Hit, cue: Hit, clause0: int, clause1: int | None) -> bool:
    """A marker in the cue's clause and within its scope (in tokens) of the cue."""
    in_clause = clause0 <= h.start and (clause1 is None or h.end <= clause1)
    return in_clause and (h.row.scope == 0 or min(abs(h.t0 - cue.t1), abs(cue.t0 - h.t1)) <= h.row.scope)


def _direct(doc: Doc, s: int, cue: Hit, actors: list[Actor], markers: list[Hit], codes: list[str],
            pair_hints: list[tuple[str, ...]], top2: tuple[str, str] | None, pl: Plover, toks: _Tokens,
            cues_all: list[Hit] = ()):
    """(source, target) actor pairs for one cue, and the name of the rule used."""
    clause0 = _clause_start(doc, s, cue.start)
    clause1 = next((m.start() for m in _CLAUSE.finditer(doc.text, cue.end, doc.sentences[doc.sentence_of(cue.start)][1])), None)
    noun = cue.row.pos == "noun"
    if noun:
        near = [a for a in actors if abs(toks.index(a.start) - cue.t0) <= NOUN_WINDOW]
    else:
        near = actors
    before = [a for a in near if a.end <= cue.start]
    after = [a for a in near if a.start >= cue.end]

    # both sides near the cue: symmetric between the pair
    both = [h for h in markers if h.row.role == "both" and _near(h, cue, clause0, clause1)
            and toks.norm[h.t0 - 1:h.t0] != ["بين"] and toks.norm[h.t0 - 1:h.t0] != ["between"]]
    if both:
        pair = _pair_from_hints(codes, [], top2)
        if pair and "no-fallback" in cue.row.constraints and not all(c in codes for c in pair):
            pair = None
        if pair:
            third = [a for a in after if a.code not in pair]
            if not pl.symmetric and third:
                return [(next(x for x in actors if x.code == c) if c in codes else Actor(c, 0, 0, "", "article"), third[0])
                        for c in pair], "both->target"
            got = _pair_events(pair, actors, pl, "both" if all(c in codes for c in pair) else "both+article-top2")
            if got[0]:
                return got

    inverse = next((h for h in reversed(markers) if h.row.role == "inverse" and h.end <= cue.start
                    and cue.t0 - h.t1 <= max(h.row.scope, 1)), None)
    src, how, obj = None, "", None
    arabic = doc.lang != "en" and bool(_ARABIC.search(cue.text))
    if inverse is not None:
        froms = [a for a in near if a.mark == "from"]
        if froms:
            src, how = froms[0], "inverse"
    if src is None:
        marked = [a for a in near if a.mark == "source"]
        unmarked_clause = [a for a in before if a.start >= clause0 and a.mark is None]
        nouns = [c for c in cues_all if c.row.pos == "noun" and c is not cue]
        unmarked_after = [a for a in after if a.mark is None
                          and not (a.bare_demonym and _qualified_cue(doc, a, toks, nouns) is not None)]
        unmarked_before = [a for a in before if a.mark is None]
        qualifier = next((a for a in unmarked_after if noun and a.bare_demonym
                          and _qualified_cue(doc, a, toks, [cue]) is cue), None)
        if marked:
            src, how = marked[0], "source-marker"
        elif qualifier is not None:
            src, how = qualifier, "noun-demonym"
        elif unmarked_clause:
            src, how = unmarked_clause[-1], "subject-first"
        elif unmarked_after and (not arabic or noun or _gap_ok(doc, toks, markers, cue.t1, toks.index(unmarked_after[0].start))
                                 or (unmarked_after[0].bare_demonym  # NAME title demonym: the subject's apposition
                                     and not any(cue.end <= c.start and c.end <= unmarked_after[0].start for c in cues_all))):
            src, how = unmarked_after[0], ("noun-genitive" if noun else "verb-first")
        elif unmarked_after and not noun:
            # an unknown word (a name the lexicons miss) stands between the verb and the actor:
            # that word is the subject, the actor its object (وسيزور فابيوس إيران ... وزير خارجية فرنسي)
            obj = unmarked_after[0]
            agent = next((a for a in unmarked_after[1:] if a.code != obj.code
                          and (a.kind == "person" or a.bare_demonym)
                          and _qualified_cue(doc, a, toks, [c for c in cues_all if c.row.pos == "noun"]) is None), None)
            if agent is not None:
                src, how = agent, "object-first+later-agent"
        elif unmarked_before:
            src, how = unmarked_before[-1], "subject-before-clause"
        if src is not None and "subject" in cue.row.constraints and how not in (
                "source-marker", "noun-demonym", "subject-first", "verb-first", "noun-genitive", "inverse"):
            return [], how + "!subject"
    if src is not None:
        others = [a for a in near if a is not src and a.code != src.code
                  and (clause1 is None or a.start < clause1 or a.end <= cue.start)]
        place_ok = ("from", "location") if pl.type in PLACE_TARGET_TYPES else ("from",)
        tgt = (obj if obj is not None and obj is not src else None) \
            or (next((a for a in others if a.start >= cue.end and a.mark in ("target", "counterpart")), None)
                or next((a for a in others if a.mark in ("target", "counterpart")), None)
                or next((a for a in others if a.start >= cue.end and (a.mark is None or a.mark in place_ok)), None))
        if tgt is None and how in ("source-marker", "inverse"):
            tgt = next((a for a in reversed(others) if a.end <= cue.start and a.mark is None), None)
        if tgt is None:
            tgt = next((a for a in others if a.mark == "location" and (a.start >= cue.end or pl.type == "CONSULT")), None)
            if tgt is not None and pl.type == "CONSULT":
                how += "+host"
        if "marked-target" in cue.row.constraints and (tgt is None or tgt.mark != "target"):
            return [], how + "!marked-target"
        # coordinated subject: X و Y
        idx = actors.index(src)
        partner = None
        if idx + 1 < len(actors) and _coordinated(doc, src, actors[idx + 1]) and actors[idx + 1].mark is None:
            partner = actors[idx + 1]
        elif idx > 0 and _coordinated(doc, actors[idx - 1], src) and actors[idx - 1].mark is None:
            partner = actors[idx - 1]
        if partner is not None and partner.code != src.code:
            if pl.symmetric and how.endswith("+host"):
                # X و Y met in Z: Z is the venue, X and Y the parties
                return [(src, partner), (partner, src)], how[:-len("+host")] + "+coordinated"
            if tgt is not None and tgt is not partner and tgt.code != partner.code:
                return [(src, tgt), (partner, tgt)], how + "+coordinated"
            if pl.symmetric:
                return [(src, partner), (partner, src)], how + "+coordinated"
            return [], how
        if tgt is not None:
            return [(src, tgt)], how

    # fallback: a both-sides or bilateral word anywhere in the sentence, or a bilateral body
    if "no-fallback" in cue.row.constraints:
        return [], how
    if pair_hints or any(h.row.role in ("both", "bilateral") for h in markers):
        pair = _pair_from_hints(codes, pair_hints, top2)
        if pair:
            return _pair_events(pair, actors, pl, "bilateral-fallback")
    return [], how

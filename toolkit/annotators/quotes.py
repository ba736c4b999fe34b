"""Direct quotations and who said them.

A quotation is text between a pair of quotation marks on one line: ``"…"``, ``“…”``
(also ``”…“`` and ``„…“``), ``«…»`` and ``'…'`` / ``‘…’``. The mention's span is the
quoted words *inside* the marks (trimmed of spaces); ``value`` is the quoted text itself;
``kind`` is ``"direct"``. Its ``attrs``:

- ``speaker``: the speaker's words as written (``المكتب الصحفي للحكومة الروسية``), or None;
  ``speaker_start`` / ``speaker_end`` locate them in the text;
- ``speaker_type`` / ``speaker_value``: type and value of a person, organization or
  country mention (from the annotators that ran before) overlapping the speaker, with
  person before organization before country, then the longest overlap;
- ``verb``: the reporting verb or cue as written (``وصرّح`` -> ``صرّح``, ``said``, ``بحسب``);
- ``speaker_basis``: how the speaker was found — ``verb_subject`` (the noun phrase after
  an Arabic verb: ``وأشارت الحكومة الروسية في هذا الشأن إلى أنها "…"``),
  ``subject_before_verb`` (``بوتين قال: "…"``, ``Putin said: "…"``), ``source``
  (``وفقا لـ``/``بحسب``/``according to``/``جاء في``), ``relayed`` (``نقلت X عن Y``: Y),
  ``after_quote`` (``"…", X said`` / ``"…" قال X``), ``previous_quote`` (a continued
  quote: the speaker of the last quotation in this or the previous sentence),
  ``previous_sentence`` (a reporting verb and its subject in the previous sentence) or
  ``none``;
- ``marks``: the pair of marks used.

The reporting verbs and source cues are data: ``toolkit/lexicon/reporting_verbs.csv``.

Quotation or quoted name? Names often stand in quotation marks (``"رابطة الدول
المستقلة"``, ``"سانغتودا-1"``). A pair is taken as a quotation when

- it is not mostly covered by a person/organization/country mention, and
- with fewer than 4 words: a reporting verb introduces it and it opens after a colon, or
  (after a complementiser or right after the verb) it looks like a clause (starts with a
  verb-like or negation word, or ends with ``. ! ? ؟``);
- with 4 or more words: a reporting verb introduces it closely (the verb, its subject and
  adverbials, then a complementiser such as بأن/أن/إن/إلى أن/that, a colon, or nothing),
  or comes right after it (``"…", X said``); with a looser link (a reporting verb somewhere
  earlier in the sentence) 6 or more words are needed; with none at all, 8 or more.

Unclosed marks: a quotation never crosses a line break (paragraphs and headings are
lines), and a mark left without its partner on its line produces nothing. When an opening
mark is followed by another mark that can only open, the earlier one is taken as
unmatched and dropped. Quotations nested inside an accepted quotation are not reported.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from toolkit import lexicon
from toolkit.matcher import Entry, Gazetteer, Match
from toolkit.model import Doc, Mention
from toolkit.registry import annotator
from toolkit.text import TOKEN
from toolkit.cache import persistent


# --- quotation marks -------------------------------------------------------------------

#: Mark families: (name, openers, closers, strict). ``strict`` families (single quotes)
#: also require a non-word character outside the mark, so apostrophes are left alone.
_FAMILIES = (
    ("guillemets", "«", "»", False),
    ("curly", "“„”", "”“", False),
    ("straight", '"', '"', False),
    ("single", "'‘", "'’", True),
)
_ALL_MARKS = "«»“”„\"'‘’"
_LINE = re.compile(r"[^\r\n]+")
_MARK = re.compile("[" + re.escape("".join(sorted({c for f in _FAMILIES for c in f[1] + f[2]}))) + "]")


@dataclass(frozen=True)
class _Pair:
    open: int   # index of the opening mark
    close: int  # index of the closing mark
    start: int  # inner span, trimmed
    end: int


def _pairs_in_line(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    at = [m.start() for m in _MARK.finditer(text, s, e)]  # only marks matter below
    if not at:
        return out
    for _name, openers, closers, strict in _FAMILIES:
        marks = set(openers) | set(closers)
        pending: int | None = None
        for i in at:
            ch = text[i]
            if ch not in marks:
                continue
            prev = text[i - 1] if i > s else " "
            nxt = text[i + 1] if i + 1 < e else " "
            can_open = ch in openers and not nxt.isspace() and nxt not in marks
            can_close = ch in closers and not prev.isspace()
            if strict:
                can_open = can_open and not prev.isalnum()
                can_close = can_close and not nxt.isalnum()
            if pending is None:
                if can_open:
                    pending = i
            elif can_close and i > pending + 1:
                out.append((pending, i))
                pending = None
            elif can_open:
                pending = i  # the earlier mark stays unmatched
    return out


def find_pairs(doc: Doc) -> list[_Pair]:
    """Matched pairs of quotation marks inside the body, one line at a time."""
    text = doc.text
    found: list[_Pair] = []
    for r0, r1 in doc.regions:
        for line in _LINE.finditer(text, r0, r1):
            for o, c in _pairs_in_line(text, line.start(), line.end()):
                a, b = o + 1, c
                while a < b and text[a].isspace():
                    a += 1
                while b > a and text[b - 1].isspace():
                    b -= 1
                if any(ch.isalpha() for ch in text[a:b]):
                    found.append(_Pair(o, c, a, b))
    found.sort(key=lambda p: (p.open, -p.close))
    return found


# --- thresholds ------------------------------------------------------------------------------

#: A quotation of fewer words than this is short: it needs a strong reporting verb (a name in
#: quotation marks is not a quotation).
SHORT_WORDS = 4
#: Words a quotation needs when only a weak cue introduces it ...
WEAK_CUE_WORDS = 6
#: ... and when no cue does.
NO_CUE_WORDS = 8
#: Marks whose content is at least this share of a name mention hold the name, not speech.
NAME_SHARE = 0.6
#: How far before the opening mark a title word (بعنوان, titled) is looked for.
TITLE_LOOKBACK_CHARS = 40
#: How many earlier sentences a continued quotation looks back for its speaker.
EARLIER_SPEAKER_SENTENCES = 3


def _names_index(doc: Doc) -> "_Overlaps":
    """The organisation, person and country mentions of ``doc``, for overlap questions."""
    return _Overlaps(doc.of_type("organization", "person", "country"))


class _Overlaps:
    """Mentions sorted by start; those overlapping a range, found by binary search (names are
    short, so few mentions are looked at)."""

    def __init__(self, mentions: list[Mention]):
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self.longest = max((m.end - m.start for m in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        lo = bisect_right(self.starts, start - self.longest - 1)
        hi = bisect_right(self.starts, end - 1)
        return [m for m in self.items[lo:hi] if m.end > start]


# --- tokens and word classes --------------------------------------------------------------

_TOKEN = TOKEN  # the shared tokeniser (toolkit.text)
_DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


@lru_cache(maxsize=1 << 16)
def _key(tok: str) -> str:
    """A light normalisation for word lists: no diacritics or tatweel, one alef (ى and ة kept)."""
    return _DIAC.sub("", tok).translate(_ALEF)


def _words(word_class: str) -> frozenset[str]:
    """The keys of one class of ``lexicon/quote_words.csv`` (see ``README.quotes_sectors.md``)."""
    rows = lexicon.rows("quote_words", required=("class", "lang", "form"))
    unknown = [r for r in rows if r["class"] not in WORD_CLASSES]
    if unknown:
        raise lexicon.error("quote_words", unknown[0], f"class must be one of {', '.join(WORD_CLASSES)}, "
                                                      f"not {unknown[0]['class']!r}")
    return frozenset(_key(r["form"]) for r in rows if r["class"] == word_class)


#: The classes of ``quote_words.csv``.
WORD_CLASSES = ("complementiser", "stop", "skip", "audience", "pronoun", "document_noun", "title_word")
#: Words that introduce reported speech (that, أن).
COMPLEMENTISERS = _words("complementiser")
#: Words that end a speaker's name: prepositions, relatives, weekdays, adverbs (both languages).
_STOPS = _words("stop")
STOPS_AR = frozenset(w for w in _STOPS if not w.isascii())
STOPS_EN = frozenset(w for w in _STOPS if w.isascii())
#: Adverbs and auxiliaries skipped between an English subject and its verb ("Lavrov also said").
SKIP_EN = _words("skip")
#: After ل: whom something was said *to* (a newspaper, an agency, reporters): ends the speaker.
AUDIENCE = _words("audience")
PRONOUNS = _words("pronoun")
#: A leading document noun is dropped from the speaker: بيان مجلس الوزراء -> مجلس الوزراء.
DOC_NOUNS = _words("document_noun")
_VERBLIKE = re.compile(r"^(?:[وف]?(?:لن|لا|لم|لقد|قد|سوف|ليس|ليست|إن|ان|انه|انها|نحن|أنا|انا|هذا|هذه|هناك"
                       r"|س[يتن]\w{3,}))$")
#: Words that announce a title or a name, not speech: بعنوان "…", titled "…".
TITLE_WORDS = _words("title_word")
_EN_VERBLIKE = re.compile(r"\b(?:is|are|was|were|will|would|can|could|must|should|has|have|had|do|does|did|not"
                          r"|we|I|you|they|he|she|it)\b")
_END_PUNCT = re.compile(r"[.!?؟…]$")


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    key: str
    word: bool


_PUNCT = frozenset(_ALL_MARKS + "،,:؛;.!?؟()[]{}")  # a token is one of these or a word


def _tokens(text: str, a: int, b: int) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), t, _key(t), t not in _PUNCT)
            for m in _TOKEN.finditer(text, a, b) for t in (m.group(),)]


def _last_word(text: str, lo: int, hi: int) -> _Tok | None:
    """The last word token of ``_tokens(text, lo, hi)``, tokenising only from the whitespace
    before it (tokens never hold whitespace, so the tokens from there are the last ones)."""
    j = hi
    while True:
        while j > lo and text[j - 1].isspace():
            j -= 1
        if j == lo:
            return None
        k = j
        while k > lo and not text[k - 1].isspace():
            k -= 1
        words = [t for t in _tokens(text, k, hi) if t.word]
        if words:
            return words[-1]
        j = k


def _is_stop(key: str, lang: str) -> bool:
    if lang == "en":
        return key in STOPS_EN or key.lower() in STOPS_EN or key in COMPLEMENTISERS
    if key in STOPS_AR or key in COMPLEMENTISERS:
        return True
    if len(key) > 3 and key[0] == "ب" and key[1:] in DOC_NOUNS:  # بتصريح, ببيان
        return True
    # و / ف + a stop word or complementiser: وفي, ومن, وأن
    return len(key) > 2 and key[0] in "وف" and (key[1:] in STOPS_AR or key[1:] in COMPLEMENTISERS)


def _is_audience(key: str) -> bool:
    if key in ("ل", "لـ"):
        return True
    if key.startswith("لل"):
        return "ال" + key[2:] in AUDIENCE or key[2:] in AUDIENCE
    return key.startswith("ل") and key[1:] in AUDIENCE


# --- the reporting-verb lexicon -----------------------------------------------------------

def load_lexicon() -> tuple[dict[str, str], ...]:
    """Rows of the reporting-verb lexicon ``reporting_verbs.csv`` (lang, form, stem, kind, note)."""
    rows = lexicon.rows("reporting_verbs", required=("lang", "form", "kind"))
    for row in rows:
        lexicon.choice("reporting_verbs", row, "kind", ("verb", "source", "relay"))
        lexicon.yes(row.get("stem"), name="reporting_verbs", row=row, column="stem")
    return rows


@persistent("quote-gazetteer")
def gazetteer() -> Gazetteer:
    entries = []
    for row in load_lexicon():
        payload = (row["kind"], row["lang"], row["form"])
        stem = lexicon.yes(row.get("stem"))
        entries.append(Entry(row["form"], payload, lang=row["lang"], stem=stem))
        if row["lang"] == "en" and row["form"][:1].islower():
            entries.append(Entry(row["form"][:1].upper() + row["form"][1:], payload, lang="en", stem=stem))
    return Gazetteer(entries)


# --- speakers -----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Speaker:
    start: int
    end: int
    basis: str
    verb: str | None = None


def _collect(toks: list[_Tok], lang: str, verb_starts: set[int], names: dict[int, int],
             *, limit: int, source: bool = False) -> tuple[int, int] | None:
    """Words from the front of ``toks`` up to a boundary: the speaker noun phrase."""
    picked: list[_Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if not t.word:
            if t.start in names:  # a quoted name in the phrase: قال "داود", رئيس "رابطة ..."
                close = names[t.start]
                while i < len(toks) and toks[i].start <= close:
                    i += 1
                picked.append(_Tok(t.start + 1, close, "", "", True) if not picked
                              else _Tok(t.start, close + 1, "", "", True))
                continue
            break
        if t.start in verb_starts or _is_stop(t.key, lang):
            break
        if lang != "en" and not (source and not picked) and _is_audience(t.key):
            break
        picked.append(t)
        if len(picked) >= limit:
            break
        i += 1
    while picked and picked[-1].key in ("-", "–"):
        picked.pop()
    if picked and picked[0].key in DOC_NOUNS and len(picked) > 1:
        picked = picked[1:]
    if not picked:
        return None
    if len(picked) == 1 and picked[0].key in PRONOUNS:
        return None
    return picked[0].start, picked[-1].end


def _collect_back(toks: list[_Tok], lang: str, verb_starts: set[int], *, limit: int) -> tuple[int, int] | None:
    """Words before a verb back to a boundary (subject-first order)."""
    rev = list(reversed(toks))
    if lang == "en":
        while rev and rev[0].word and rev[0].key in SKIP_EN:
            rev = rev[1:]
    picked: list[_Tok] = []
    for t in rev:
        if t.word and lang != "en" and _is_stop(t.key, lang) and t.key not in COMPLEMENTISERS:
            return None  # وعن مشاريعه قال / في المهرجان قال: a fronted phrase, no subject
        if not t.word or t.start in verb_starts or _is_stop(t.key, lang):
            break
        picked.append(t)
        if len(picked) >= limit:
            break
    if not picked:
        return None
    picked.reverse()
    if lang == "en":  # "The minister" -> keep; a lone lowercase word is no subject
        if len(picked) == 1 and picked[0].key in PRONOUNS:
            return None
    elif len(picked) == 1 and picked[0].key in PRONOUNS:
        return None
    return picked[0].start, picked[-1].end


def _strip_lam(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """وفقا لوزارة الخارجية -> وزارة الخارجية; للبيان -> بيان (as the matcher cuts لل)."""
    a, b = span
    word = _key(text[a:b])
    if word.startswith("لل") and len(word) > 3:
        return a + 2, b
    if word.startswith("ل") and len(word) > 2:
        return a + 1, b
    return span


class _Finder:
    """Reporting verbs of one document and the speaker logic around them."""

    def __init__(self, doc: Doc, names: dict[int, int]):
        self.doc = doc
        self.text = doc.text
        self.hits: list[Match] = sorted(gazetteer().find(doc.norm, regions=doc.regions), key=lambda h: h.start)
        self.hit_starts = [h.start for h in self.hits]
        self.verb_starts = set(self.hit_starts)
        self.names = names

    def hits_within(self, start: int, end: int) -> list[Match]:
        """The hits that start at or after ``start`` and end by ``end``, in order (a binary
        search: a quotation looks at its window, not at every hit of the article)."""
        lo = bisect_left(self.hit_starts, start)
        hi = bisect_left(self.hit_starts, end)
        return [h for h in self.hits[lo:hi] if h.end <= end]

    def _lang(self, hit: Match) -> str:
        return hit.entry.payload[1]

    def _kind(self, hit: Match) -> str:
        return hit.entry.payload[0]

    def _verb_text(self, hit: Match) -> str:
        return self.text[hit.start:hit.end]

    def speaker_after_verb(self, hit: Match, limit_end: int) -> tuple[tuple[int, int] | None, str]:
        """The phrase after ``hit`` (Arabic verb-subject order, sources, English inversion)."""
        kind, lang = self._kind(hit), self._lang(hit)
        toks = _tokens(self.text, hit.end, limit_end)
        if kind == "source" and toks and toks[0].key in ("ل", "لـ"):
            toks = toks[1:]
        span = _collect(toks, lang, self.verb_starts, self.names, limit=8, source=kind == "source")
        if span and kind == "source":
            span = _strip_lam(self.text, span)
        if kind == "relay":
            rest = [t for t in toks if t.start >= (span[1] if span else hit.end)]
            for j, t in enumerate(rest[:6]):
                if t.key in ("عن", "نقلا"):
                    rel = _collect(rest[j + 1:], lang, self.verb_starts, self.names, limit=8)
                    if rel:
                        return rel, "relayed"
                    break
        return span, ("source" if kind == "source" else "verb_subject")

    def speaker_before_verb(self, hit: Match, limit_start: int) -> tuple[int, int] | None:
        toks = _tokens(self.text, limit_start, hit.start)
        if self._lang(hit) != "en":
            # a verb carrying a conjunction (وأضاف) opens its clause: no subject before it
            if hit.start > 0 and self.text[hit.start - 1] in "وف":
                return None
        return _collect_back(toks, self._lang(hit), self.verb_starts, limit=8 if self._lang(hit) == "en" else 6)

    def speaker_of_verb(self, hit: Match, lo: int, hi: int, *, before_first: bool) -> _Speaker | None:
        """The speaker of reporting cue ``hit``, looking in [lo, hi)."""
        verb = self._verb_text(hit)
        english_verb = self._lang(hit) == "en" and self._kind(hit) == "verb"
        if english_verb or before_first:
            span = self.speaker_before_verb(hit, lo)
            if span:
                return _Speaker(*span, "subject_before_verb", verb)
            if english_verb and verb.lower() in ("told", "tells"):
                return None
        span, basis = self.speaker_after_verb(hit, hi)
        if span:
            return _Speaker(*span, basis, verb)
        if not english_verb and not before_first:
            span = self.speaker_before_verb(hit, lo)
            if span:
                return _Speaker(*span, "subject_before_verb", verb)
        return None


@dataclass
class _Context:
    strength: str  # strong | weak | none
    intro: str     # colon | complementiser | verb | phrase | comma | after | ""
    verb: Match | None
    speaker: _Speaker | None


def _sentence_span(doc: Doc, i: int) -> tuple[int, int]:
    k = doc.sentence_of(i)
    if k is not None:
        return doc.sentences[k]
    line_start = doc.text.rfind("\n", 0, i) + 1
    line_end = doc.text.find("\n", i)
    return line_start, (len(doc.text) if line_end < 0 else line_end)


def _context(doc: Doc, finder: _Finder, pair: _Pair, win_start: int, win_end: int) -> _Context:
    text = doc.text
    # only the last token before the mark matters: tokenise from the whitespace before it
    # (tokens never hold whitespace, so the tokens from there are the window's last ones)
    j = pair.open
    while j > win_start and text[j - 1].isspace():
        j -= 1
    k = j
    while k > win_start and not text[k - 1].isspace():
        k -= 1
    gap_toks = _tokens(text, k, pair.open)
    last = gap_toks[-1] if gap_toks else None
    intro = ""
    if last is not None:
        if last.text == ":":
            intro = "colon"
        elif last.text in ",،":
            intro = "comma"
        elif last.key in COMPLEMENTISERS or (
                len(last.key) > 2 and last.key[0] in "وف" and last.key[1:] in COMPLEMENTISERS):
            intro = "complementiser"
    before = finder.hits_within(win_start, pair.open)
    if before:
        hit = before[-1]
        spk = finder.speaker_of_verb(hit, win_start, pair.open, before_first=False)
        between = _tokens(text, hit.end, pair.open)
        if not between:
            intro = intro or "verb"
        strong = intro in ("colon", "complementiser", "verb")
        if not strong and spk is not None:
            words_after = [t for t in between if t.word]
            tail = [t for t in words_after if t.start >= spk.end]
            strong = not tail and (intro in ("", "comma"))  # قال بوتين "…" / Putin said, "…"
            if strong and not intro:
                intro = "phrase"
        if not strong and len([t for t in between if t.word]) <= 3 and intro == "comma":
            strong = True
        return _Context("strong" if strong else "weak", intro, hit, spk)
    # a cue right after the closing mark: "…", X said / "…" قال X / "…" بحسب X
    after = finder.hits_within(pair.close + 1, win_end)
    if after:
        hit = after[0]
        lead = [t for t in _tokens(text, pair.close + 1, hit.start) if t.word]
        if len(lead) <= 6:
            spk = None
            if finder._lang(hit) == "en" and finder._kind(hit) == "verb" and lead:
                span = _collect_back(_tokens(text, pair.close + 1, hit.start), "en", finder.verb_starts, limit=6)
                if span:
                    spk = _Speaker(*span, "after_quote", text[hit.start:hit.end])
            if spk is None and not lead:
                span, basis = finder.speaker_after_verb(hit, win_end)
                if span:
                    spk = _Speaker(*span, "after_quote" if basis == "verb_subject" else basis, text[hit.start:hit.end])
            if spk is not None or not lead:
                return _Context("strong", "after", hit, spk)
    if intro in ("colon", "complementiser"):
        return _Context("weak", intro, None, None)
    return _Context("none", intro, None, None)


@lru_cache(maxsize=4096)
def _word_count(s: str) -> int:
    return sum(1 for t in _TOKEN.findall(s) if any(ch.isalpha() for ch in t))


def _looks_like_clause(s: str) -> bool:
    words = [t for t in _TOKEN.findall(s) if any(ch.isalpha() for ch in t)]
    if not words:
        return False
    if _END_PUNCT.search(s.strip()):
        return True
    if any(ch.isascii() and ch.isalpha() for ch in words[0]):
        return bool(_EN_VERBLIKE.search(s))
    return bool(_VERBLIKE.match(_key(words[0])))


def _is_quotation(doc: Doc, pair: _Pair, ctx: _Context, names: "_Overlaps") -> bool:
    inner = doc.text[pair.start:pair.end]
    span_len = pair.end - pair.start
    for m in names.overlapping(pair.start, pair.end):
        overlap = min(m.end, pair.end) - max(m.start, pair.start)
        if overlap >= NAME_SHARE * span_len:  # the marks hold a name: "الهيئة الوطنية"
            return False
    last = _last_word(doc.text, max(0, pair.open - TITLE_LOOKBACK_CHARS), pair.open)
    if last is not None and (last.key in TITLE_WORDS or last.key.lower() in TITLE_WORDS):
        return False
    n = _word_count(inner)
    has_verb = ctx.verb is not None
    if n < SHORT_WORDS:
        if not has_verb or ctx.strength != "strong":
            return False
        return ctx.intro == "colon" or _looks_like_clause(inner)
    if ctx.strength == "strong" or (ctx.strength == "weak" and ctx.intro in ("colon", "complementiser")):
        return True
    if ctx.strength == "weak":
        return n >= WEAK_CUE_WORDS
    return n >= NO_CUE_WORDS


def _speaker_type(names: "_Overlaps", a: int, b: int) -> tuple[str | None, Any]:
    rank = {"person": 0, "organization": 1, "country": 2}
    best = None
    for m in names.overlapping(a, b):
        overlap = min(m.end, b) - max(m.start, a)
        if overlap <= 0:
            continue
        key = (rank[m.type], -overlap)
        if best is None or key < best[0]:
            best = (key, m)
    return (best[1].type, best[1].value) if best else (None, None)


class _BySentence:
    """What ``_earlier_speaker`` looks up, by sentence: quotations with a speaker found so far,
    reporting-verb hits, persons (so that each lookup costs the sentence, not the article)."""

    def __init__(self, doc: Doc, finder: _Finder):
        self.quotes: dict[int, list[Mention]] = {}
        self.hits = finder.hits
        self.hit_starts = finder.hit_starts
        self.people: dict[int, list[Mention]] = {}
        for m in doc.of_type("person"):
            if m.sentence is not None:
                self.people.setdefault(m.sentence, []).append(m)

    def add_quote(self, m: Mention) -> None:
        if m.sentence is not None and m.attrs.get("speaker"):
            self.quotes.setdefault(m.sentence, []).append(m)

    def hits_in(self, s: int, e: int) -> list[Match]:
        lo = bisect_right(self.hit_starts, s - 1)
        hi = bisect_right(self.hit_starts, e - 1)
        return [h for h in self.hits[lo:hi] if h.end <= e]


def _earlier_speaker(doc: Doc, finder: _Finder, seen: _BySentence, sent: int | None,
                     *, back: int = EARLIER_SPEAKER_SENTENCES) -> _Speaker | None:
    """A continued quotation's speaker: the last quoted speaker in this or the previous
    ``back`` sentences (``previous_quote``), else a reporting verb with its subject or a
    person in one of those sentences (``previous_sentence``)."""
    if sent is None:
        return None
    for k in range(sent, max(-1, sent - back - 1), -1):
        prev = seen.quotes.get(k)
        if prev:
            p = prev[-1].attrs
            return _Speaker(p["speaker_start"], p["speaker_end"], "previous_quote", None)
        if k == sent:
            continue
        s, e = doc.sentences[k]
        for hit in seen.hits_in(s, e):
            spk = finder.speaker_of_verb(hit, s, e, before_first=False)
            if spk:
                return _Speaker(spk.start, spk.end, "previous_sentence", spk.verb)
        people = [m for m in seen.people.get(k, ()) if s <= m.start and m.end <= e]
        if people:
            return _Speaker(people[-1].start, people[-1].end, "previous_sentence", None)
    return None


@annotator("quotes", produces=("quote",), needs=("person", "organization", "country"))
def annotate(doc: Doc) -> list[Mention]:
    """Direct quotations in the body of ``doc``, with speakers where they can be found."""
    text = doc.text
    pairs = find_pairs(doc)
    names = {p.open: p.close for p in pairs if _word_count(text[p.start:p.end]) < SHORT_WORDS}
    finder = _Finder(doc, names)
    index = _names_index(doc)
    seen = _BySentence(doc, finder)
    out: list[Mention] = []
    # accepted quotations, by their marks: they never overlap and come in text order, so the
    # last one is the only one a pair can overlap and the nearest one before it
    taken: list[tuple[int, int]] = []
    opens = [p.open for p in pairs]  # pairs are sorted by their opening mark
    for pair in pairs:
        if taken and taken[-1][0] <= pair.open <= taken[-1][1]:
            continue
        s0, s1 = _sentence_span(doc, pair.open)
        _, e1 = _sentence_span(doc, pair.close)
        win_start = max(s0, taken[-1][1] + 1) if taken and taken[-1][1] < pair.open else s0
        nxt = bisect_right(opens, pair.close)
        win_end = min(max(e1, pair.close + 1), opens[nxt]) if nxt < len(opens) else max(e1, pair.close + 1)
        ctx = _context(doc, finder, pair, win_start, win_end)
        if not _is_quotation(doc, pair, ctx, index):
            continue
        spk = ctx.speaker
        sent = doc.sentence_of(pair.start)
        if spk is None:
            spk = _earlier_speaker(doc, finder, seen, sent)
        verb = text[ctx.verb.start:ctx.verb.end] if ctx.verb is not None else (spk.verb if spk else None)
        attrs: dict[str, Any] = {"speaker": None, "speaker_start": None, "speaker_end": None,
                                 "speaker_type": None, "speaker_value": None, "verb": verb,
                                 "speaker_basis": "none", "marks": text[pair.open] + text[pair.close]}
        if spk is not None:
            stype, svalue = _speaker_type(index, spk.start, spk.end)
            attrs.update(speaker=text[spk.start:spk.end], speaker_start=spk.start, speaker_end=spk.end,
                         speaker_type=stype, speaker_value=svalue, speaker_basis=spk.basis)
        taken.append((pair.open, pair.close))
        inner = text[pair.start:pair.end]
        out.append(Mention(pair.start, pair.end, inner, "quote", inner, kind="direct", sentence=sent,
                           rule=f"quotes:{ctx.intro or ctx.strength}:{attrs['speaker_basis']}", attrs=attrs))
        seen.add_quote(out[-1])
    return out

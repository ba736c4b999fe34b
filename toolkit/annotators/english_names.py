"""English person and organisation names that no lexicon row holds: capitalised runs read in context.

English writes names with capitals, so a name is a run of capitalised words (with the particles
that names carry inside them: al-, bin, de, van; initials; hyphens: Jong-un, Le Drian). What
makes a run a person's or an organisation's name is the context, and only a context from the
lexicons is trusted:

- a person: a **cue word** right before it (``name_cues.csv``, ``en`` rows with ``cue=person``:
  honorifics and ranks, Mr., Dr., Col., Sen., Sheikh, and the nouns wire copy writes before a
  name, striker, activist, cleric, spokesman); the run **after a reporting verb** and before a
  comma or full stop (``..., said Ahmed al-Mismari, the army's spokesman``); a run of two words
  or more in **apposition** (``Maria Zakharova, a spokeswoman for ...``, ``Jane Doe, 45,``,
  ``... Lindsey Graham, who ...``);
- an organisation: a run that holds a **head noun** (``cue=org_head``: Ministry, Party, Bank,
  University, Brotherhood, Forces), joined by of / for / and / the inside (Ministry of
  Defence, Justice and Development Party, Syrian Observatory for Human Rights); an acronym in
  brackets right after such a name (Syrian Democratic Forces (SDF)) names the same body, there and
  wherever it comes again in the article.

A run never starts with a word of the English ``stop`` rows of ``person_name_words.csv``
(The, On, Monday, January: capitalised at a sentence's start or always, never a name), a title
word inside a run ends it (Energy Minister Alexander Novak holds a minister, not an energy
company), and a possessive 's is left out of the span. Runs that overlap a country, a place, a
lexicon name or a name found earlier are left to them.

Everything is one pass of regular expressions over each region of the text: no run is read twice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit import lexicon

#: a capitalised name word (O'Brien, Jong-un, Al-Hilal, McDonald), a name particle written in
#: lower case inside a name (al-Sisi, el-Sisi, bin, ibn, de, van, von), or an initial (A.)
_CAP = r"(?:[A-Z][a-z]*[A-Z]?[a-z]+(?:['’][A-Z][a-z]+)?(?:-[A-Za-z][a-z]+)*|[A-Z]{2,}(?![a-z]))"
_PARTICLE = (r"(?:(?:al|el|ad|as|ash|at|az|ar|an|ul|ud)-[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*"
             r"|bin|ibn|bint|de|da|di|del|della|dos|das|van|von|der|den|du|la|le|y|ould|wa)")
_INITIAL = r"[A-Z]\."
_WORD = rf"(?:{_CAP}|{_INITIAL})"
#: a run of name words: a capitalised word first (or a lower-case al- word: al-Sisi said ...),
#: then up to five more, particles only before another word or as an al- word at the end
PERSON_RUN = re.compile(
    rf"(?<![\w'’.-])(?:{_CAP}|(?:al|el)-[A-Z][a-z]+)(?:\s+(?:{_PARTICLE}\s+)*(?:{_WORD}|(?:al|el|as|ash|ad)-[A-Z][a-z]+)){{0,5}}"
    r"(?![\w-])")
#: connectors inside an organisation's name
_CONNECT = r"(?:of|for|and|the|on|to|&|de|du|al|el)"
#: the possessives that stand inside names (Republican People's Party, Workers' Party)
_ORG_POSSESSIVE = r"(?:People|Peoples|Workers|Women|Children|Men|Farmers|Veterans|Journalists|Martyrs|Teachers)['’]s?"
_ORG_WORD = rf"(?:{_ORG_POSSESSIVE}(?=\s)|{_CAP})"
ORG_RUN = re.compile(
    rf"(?<![\w'’.-]){_ORG_WORD}(?:(?:\s+{_CONNECT})*\s+{_ORG_WORD}){{0,7}}(?![\w-])")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    words: tuple[str, ...]
    rule: str
    #: for a person run after a cue word: the cue (Col., striker); for an organisation: its head noun
    cue: str | None = None


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    """English cue words, organisation heads, stop words, particles and title words."""
    person, heads, nonperson, org_nouns = set(), set(), set(), set()
    for r in lexicon.rows("name_cues", required=("lang", "form", "cue")):
        if r["lang"] != "en":
            continue
        {"person": person, "org_head": heads, "not_person": nonperson, "org_noun": org_nouns}.get(
            r["cue"], set()).add(r["form"])
    stop, particles = set(), set()
    for r in lexicon.rows("person_name_words", required=("lang", "form", "kind")):
        if r["lang"] == "en":
            (stop if r["kind"] == "stop" else particles).add(r["form"])
    # one-word titles (President, Minister, Sheikh): a word of a longer title (National, Security)
    # also names bodies (National Security Council)
    titles = {r["form"] for r in lexicon.rows("titles")
              if r.get("lang") == "en" and " " not in r["form"] and r["form"][:1].isupper()}
    # every capitalised word of a title (Foreign Secretary David Lammy, Secretary of State Antony
    # Blinken): the name is what follows the last of them
    title_words = {w + plural for r in lexicon.rows("titles") if r.get("lang") == "en"
                   for w in r["form"].split() if w[:1].isupper() for plural in ("", "s")}  # Presidents X and Y
    # role words written in lower case: the last word of a lower-case title (minister, spokesman)
    # and the lower-case cue words (commander, striker)
    roles = {r["form"].split()[-1] for r in lexicon.rows("titles")
             if r.get("lang") == "en" and r["form"][:1].islower()}
    roles |= {c for c in person if c[:1].islower()}
    return {"person": frozenset(person), "heads": frozenset(heads), "stop": frozenset(stop), "roles": frozenset(roles),
            "nonperson": frozenset(nonperson), "org_nouns": frozenset(org_nouns),
            "particles": frozenset(particles), "titles": frozenset(titles - heads),
            "openers": frozenset(title_words | {c[0].upper() + c[1:] for c in person}) - heads}


#: stop words that end a run wherever they stand (a day: "Putin Monday")
_DAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


@lru_cache(maxsize=1)
def _head_rows() -> dict[str, dict[str, str]]:
    return {r["form"]: r for r in lexicon.rows("name_cues", required=("lang", "form", "cue"))
            if r["lang"] == "en" and r["cue"] == "org_head"}


def head_row(form: str) -> dict[str, str]:
    """The ``name_cues.csv`` row of an English head noun (for the ``rule`` of a name it heads)."""
    return _head_rows()[form]


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern:
    """A person cue word (longest first) and its optional full stop at the end of the text before a run."""
    cues = set(_lists()["person"])
    cues |= {c[0].upper() + c[1:] for c in cues if c[:1].islower()}  # "Activist Loujain al-Hathloul" opening a sentence
    alt = "|".join(re.escape(c.rstrip(".")) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alt})\.?\s+$")


_REPORT_BEFORE = re.compile(
    r"(?<![\w])(?:said|says|told|added|wrote|warned|explained|noted|announced|insisted|stressed|declared|"
    r"according to)\s+$")
_APPOSITION_AFTER = re.compile(
    r",\s+(?:a|an|the|who|whose|aged|\d{1,3}(?=\s*,)|\d{1,3}-year-old|his|her|its|their|one of|"
    r"former|senior)\b")
_RELATIVE_AFTER = re.compile(r",\s+(?:who|whose|aged|\d{1,3}(?=\s*,)|\d{1,3}-year-old)\b")
#: the clause after a comma: up to the next punctuation, at most ten words
_CLAUSE = re.compile(r",\s+((?:[^\s,.;:()\"]+\s*){1,10})")


def _apposition(text: str, e: int, lists: dict) -> bool:
    """A comma after the run opens an apposition: an article, a relative pronoun, an age, or a
    clause holding a role word (``, prime minister of ...``, ``, Bank Muscat's chief executive``,
    ``, Israel's far-right national security minister``)."""
    if _RELATIVE_AFTER.match(text, e):
        return True  # "..., who leads Yemen's Ansar Allah movement": the clause says what the person does
    m = _CLAUSE.match(text, e)
    words = m.group(1).split() if m else []
    for w in words:  # "Hurras al-Din, an al Qaeda affiliate", "Emirates NBD, the emirate's biggest bank"
        if w in lists["roles"]:
            break
        if w in lists["nonperson"]:
            return False
    if _APPOSITION_AFTER.match(text, e):
        return True
    return any(w in lists["roles"] for w in words)
_AFTER_END = re.compile(r"\s*(?:[,.;:)]|$|\s(?:the|a|an|who|in|on|at|of|said|told)\b)")


_TOKEN = re.compile(r"\S+")


def _tokens(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The words of ``text[start:end]`` with their offsets (read in place: no copy of the text)."""
    return [(m.start(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def _trim(text: str, m: re.Match, lists: dict) -> tuple[int, int, list[str]] | None:
    """The name in a run: the words after its last title or cue word (IAEA Director General Rafael
    Grossi, Basra Governor Asaad al-Eidani), without stop words at its start (On Monday), cut
    before a day, without particles at its end and without a possessive 's; None when nothing
    is left."""
    stop, openers, particles = lists["stop"], lists["openers"], lists["particles"]
    toks = _tokens(text, m.start(), m.end())
    # a cue word as the last word is the name's (Prime Minister John Major)
    last = max((k for k, (_, w) in enumerate(toks[:-1]) if w.rstrip(".") in openers), default=-1)
    toks = toks[last + 1:]
    while toks and (toks[0][1] in stop or toks[0][1] in particles):
        toks = toks[1:]
    cut = next((k for k, (_, w) in enumerate(toks) if w in _DAYS), None)
    if cut is not None:
        toks = toks[:cut]
    while toks and toks[-1][1] in particles:
        toks = toks[:-1]
    if not toks:
        return None
    words = [w for _, w in toks]
    s, e = toks[0][0], toks[-1][0] + len(toks[-1][1])
    poss = _POSSESSIVE.search(text, e - 2, e)
    if poss and len(words[-1]) > 2:
        e = poss.start()
        words[-1] = words[-1][:len(words[-1]) - (poss.end() - poss.start())]
    return s, e, words


def name_spans(text: str, r0: int, r1: int) -> list[tuple[int, int]]:
    """Every capitalised run's name (see ``_trim``) in ``text[r0:r1]``, whatever its context: the
    spans a lexicon name is widened to (Abdul Hamid -> Abdul Hamid Dbeibah; King Abdullah II ->
    Abdullah II, without the title, as names found by a title are)."""
    lists = _lists()
    out = []
    for m in PERSON_RUN.finditer(text, r0, r1):
        got = _trim(text, m, lists)
        if got is not None and not has_head(got[2]):
            out.append((got[0], got[1]))
    return out


def has_head(words) -> bool:
    """Whether one of ``words`` is an English organisation head noun (King Saud University)."""
    return any(w in _lists()["heads"] for w in words)


def name_in(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """The person name the capitalised run at ``start`` holds (see ``_trim``), and whether the run
    holds an organisation's head noun, for the rules that find the run's place themselves (the
    title and reporting-verb rules of the people annotator)."""
    m = PERSON_RUN.match(text, start, end)
    if m is None:
        return None
    got = _trim(text, m, _lists())
    return (got[0], got[1], has_head(m.group().split())) if got else None


def person_runs(text: str, r0: int, r1: int) -> list[Run]:
    """Person names in ``text[r0:r1]`` by cue word, reporting verb or apposition (see the module)."""
    lists = _lists()
    out: list[Run] = []
    cue_rx = _cue_pattern()
    for m in PERSON_RUN.finditer(text, r0, r1):
        got = _trim(text, m, lists)
        if got is None:
            continue
        s, e, words = got
        if has_head(words):
            continue  # an organisation's name
        if all(w.rstrip(".") in lists["openers"] for w in words):
            continue  # "Lt. Col. Ahmed": the rank's abbreviations are no name
        before = text[max(r0, s - 40):s]
        cue = cue_rx.search(before)
        if cue is not None:
            out.append(Run(s, e, tuple(words), "cue", before[cue.start():cue.end()].strip()))
            continue
        if len(words) < 2 or all(w.isupper() for w in words):
            continue
        if _REPORT_BEFORE.search(before) and _AFTER_END.match(text, e):
            out.append(Run(s, e, tuple(words), "reporting verb before"))
        elif _apposition(text, e, lists) and not _after_comma_list(text, s):
            out.append(Run(s, e, tuple(words), "apposition"))
    return out


def _after_comma_list(text: str, s: int) -> bool:
    """The run stands in a list of capitalised items (Riyadh, Jeddah and Dammam, the ...)."""
    return bool(re.search(r"[A-Z][a-z]+,\s*$", text[max(0, s - 30):s]))


def org_runs(text: str, r0: int, r1: int) -> list[Run]:
    """Organisation names in ``text[r0:r1]``: capitalised runs that hold a head noun."""
    lists = _lists()
    heads, stop, titles = lists["heads"], lists["stop"], lists["titles"]
    out: list[Run] = []
    for m in ORG_RUN.finditer(text, r0, r1):
        words = m.group().split()
        # split at a title word: the words before it are the title's ("Saudi Energy Minister
        # Abdulaziz" holds no organisation), the title and the words after it are a name only
        # with a head noun among them (King Fahd University)
        chunks: list[list[tuple[int, str]]] = [[]]
        before_title: list[bool] = [False]
        pos = m.start()
        for w in words:
            at = text.index(w, pos)
            pos = at + len(w)
            if w in titles:
                before_title[-1] = True
                chunks.append([(at, w)])
                before_title.append(False)
            elif w in stop and chunks[-1]:
                chunks.append([])  # a stop word (a day, a month) ends the name
                before_title.append(False)
            else:
                chunks[-1].append((at, w))
        kept = [c for c, b in zip(chunks, before_title) if not b]
        for chunk in (part for c in kept for part in _split_at_and(c, heads)):
            while chunk and (chunk[0][1] in stop or chunk[0][1][0].islower() or _QUALIFIER.search(chunk[0][1])):
                chunk = chunk[1:]
            while chunk and chunk[-1][1][0].islower():
                chunk = chunk[:-1]
            head = next((w for _, w in chunk if w in heads), None)
            if head is None:
                continue
            s = chunk[0][0]
            e = chunk[-1][0] + len(chunk[-1][1])
            poss = _POSSESSIVE.search(text, e - 2, e)
            if poss:
                e = poss.start()
            out.append(Run(s, e, tuple(w for _, w in chunk), "head noun", head))
    return out


#: a compound adjective before a name (Tripoli-based, Saudi-led, U.S.-backed): not the name's
_QUALIFIER = re.compile(r"-(?:based|led|backed|run|owned|controlled|funded|allied|linked|born)$")


def _split_at_and(chunk: list[tuple[int, str]], heads: frozenset[str]) -> list[list[tuple[int, str]]]:
    """Two names joined by "and" (Ministry of Defence and the Justice and Development Party): cut
    at the first "and" with a head noun on both sides; "Justice and Development Party" stays whole."""
    for k, (_, w) in enumerate(chunk):
        if w == "and" and any(x in heads for _, x in chunk[:k]) and any(x in heads for _, x in chunk[k + 1:]):
            return [chunk[:k]] + _split_at_and(chunk[k + 1:], heads)
    return [chunk]


@lru_cache(maxsize=1)
def _acronym_before_noun() -> re.Pattern:
    nouns = "|".join(sorted(map(re.escape, _lists()["org_nouns"]), key=len, reverse=True))
    # an acronym of capitals, and the noun after it, perhaps after one more lower-case word (labour union)
    return re.compile(rf"(?<![\w-])([A-Z][A-Z&]{{1,5}})(?=(?:\s+[a-z]+)?\s+({nouns})\b)")


def acronym_orgs(text: str, r0: int, r1: int) -> list[tuple[int, int, dict[str, str]]]:
    """Acronyms named as organisations by the noun after them (the CGT union, the UGTT labour union):
    (start, end, the noun's ``name_cues.csv`` row)."""
    rows = _noun_rows()
    return [(m.start(1), m.end(1), rows[m.group(2)]) for m in _acronym_before_noun().finditer(text, r0, r1)]


@lru_cache(maxsize=1)
def _noun_rows() -> dict[str, dict[str, str]]:
    return {r["form"]: r for r in lexicon.rows("name_cues", required=("lang", "form", "cue"))
            if r["lang"] == "en" and r["cue"] == "org_noun"}


_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]?[A-Z]{1,6})\)")


def acronym_after(text: str, end: int) -> tuple[int, int] | None:
    """The span of an acronym in brackets right after a name ending at ``end`` (... Forces (SDF))."""
    m = _ACRONYM.match(text, end)
    return m.span(1) if m else None

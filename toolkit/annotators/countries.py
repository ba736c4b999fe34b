"""Country references: names, demonyms and capitals, in Arabic and English.

One Gazetteer over ``country_names.csv`` (unambiguous rows) and the traps of
``not_countries.csv``. A trap that wins the leftmost-longest contest (اللغة الروسية,
أميركا اللاتينية, المغرب العربي) swallows the country form inside it, so no mention
comes of it. A form listed for two countries, or marked ambiguous, is left alone.

Forms marked ``ambiguous=context`` are decided from the article, in this order:

1. ``spelling``: the diacritics written (عمّان is Amman, عُمان Oman; ``country_context.csv``);
2. ``adjacent``: a mention of one candidate right before (العاصمة الأردنية عمان);
3. ``source``: the article's source belongs to a candidate (المملكة in a Saudi paper:
   ``agencies.csv`` gives the source's country);
4. ``sentence``: exactly one candidate is named elsewhere in the sentence;
5. ``article``: one candidate is named more often than the others in the article.

Otherwise the form is left alone. Languages are not countries (``language_cues.csv``):
a feminine demonym after ب and the article (بالروسية), after اللغة/اللغتين, joined by و to a
language (باللغتين الروسية والطاجيكية), or after a language verb with no feminine noun before
it (يتقن السفير الروسية); in English a demonym after speak/speaking/in/into/fluent with
nothing but punctuation, "and"/"or" or the end after it (speaking Russian, in Russian.).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from toolkit import lexicon
from toolkit.arabic import normalize_key
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.registry import annotator
from toolkit.cache import persistent

TRAP = "trap"
CONTEXT = "context"
#: how many words back a language verb may stand before the demonym (يتقن السفير الروسية)
LANGUAGE_VERB_WINDOW = 3


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, str]]:
    """ISO alpha-3 -> its row of ``countries.csv``."""
    return {r["iso3"]: r for r in lexicon.rows("countries")}


@lru_cache(maxsize=1)
def names() -> tuple[dict[str, str], ...]:
    """Unambiguous rows of ``country_names.csv``."""
    return tuple(r for r in lexicon.rows("country_names") if not r.get("ambiguous"))


def forms(iso3: str, *, lang: str, kind: str, form_type: str | None = None) -> list[str]:
    """The forms of one country of a kind (and demonym form_type), as written."""
    return [r["form"] for r in names() if r["iso3"] == iso3 and r["lang"] == lang and r["kind"] == kind
            and (form_type is None or r.get("form_type") == form_type)]


@persistent("country-gazetteer")
def gazetteer() -> Gazetteer:
    entries = [Entry(r["form"], {**r, "rule": f"{lexicon.ref('country_names', r)} {r['form']}"}, lang=r["lang"],
                     article=r.get("article", "")) for r in names()]
    entries += [Entry(r["form"], {**r, "kind": CONTEXT, "real_kind": r["kind"],
                                  "rule": f"{lexicon.ref('country_names', r)} {r['form']}"}, lang=r["lang"])
                for r in lexicon.rows("country_names") if r.get("ambiguous") == CONTEXT]
    entries += [Entry(r["form"], {**r, "kind": TRAP}, lang=r["lang"], priority=1)
                for r in lexicon.rows("not_countries")]
    # a language named by its feminine demonym: اللغة الروسية, باللغة الطاجيكية, باللغتين الروسية
    for head in _language_heads():
        entries += [Entry(head + " ال" + r["form"], {"kind": TRAP, "why": "language", "_line": r["_line"]}, priority=1)
                    for r in names() if r["lang"] == "ar" and r["kind"] == "demonym" and r.get("form_type") == "f"]
    return Gazetteer(entries)


@lru_cache(maxsize=1)
def _language_cues() -> dict[str, dict[str, frozenset[str]]]:
    """lang -> kind -> normalised cue words (``language_cues.csv``)."""
    out: dict[str, dict[str, set[str]]] = {}
    for r in lexicon.rows("language_cues", required=("lang", "form", "kind")):
        kind = lexicon.choice("language_cues", r, "kind", ("verb", "dual"))
        form = normalize_key(r["form"]) if r["lang"] == "ar" else r["form"].lower()
        out.setdefault(r["lang"], {}).setdefault(kind, set()).add(form)
    return {lang: {k: frozenset(v) for k, v in kinds.items()} for lang, kinds in out.items()}


def _language_heads() -> list[str]:
    return ["اللغة"] + sorted(_language_cues().get("ar", {}).get("dual", ()))


@lru_cache(maxsize=1)
def _spellings() -> dict[str, dict[str, str]]:
    """normalised ambiguous form -> {diacritised spelling: iso3} (``country_context.csv``)."""
    out: dict[str, dict[str, str]] = {}
    for r in lexicon.rows("country_context", required=("form", "iso3", "cue", "where")):
        lexicon.choice("country_context", r, "where", ("spelling",))
        out.setdefault(normalize_key(r["form"]), {})[r["cue"]] = r["iso3"]
    return out


@lru_cache(maxsize=1)
def _source_countries() -> dict[str, str]:
    """A news source as written (lower case) -> its country, from ``agencies.csv``."""
    return {r["form"].strip().lower(): r["country"] for r in lexicon.rows("agencies") if r.get("country")}


_AR_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640]+")
_EN_AFTER_LANGUAGE = re.compile(r"\s*(?:$|[,.;:)!?]|and\b|or\b|language\b)")


@annotator("countries", produces=("country",))
def annotate(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    pending: list[tuple[object, list[dict]]] = []  # context forms, decided once the article is read
    language_end = -10  # end of the last language phrase (for و + a second language)
    for m in gazetteer().find(doc.norm, regions=doc.regions):
        rows = [e.payload for e in m.entries]
        row = rows[0]
        if all(r["kind"] == CONTEXT for r in rows):
            pending.append((m, rows))
            continue
        if len(rows) > 1:
            if any(r["kind"] == TRAP for r in rows) or len({r["iso3"] for r in rows}) != 1:
                if any(r.get("why") == "language" for r in rows):
                    language_end = m.end
                continue  # a trap, or the same form names two countries: leave it
        elif row["kind"] == TRAP:
            if row.get("why") == "language":
                language_end = m.end
            continue
        if _is_language(doc, m, row, language_end):
            language_end = m.end
            continue
        if _is_right_side(doc, m, row):
            continue
        out.append(Mention(
            start=m.start, end=m.end, text=doc.text[m.start:m.end], type="country", value=row["iso3"],
            kind=row["kind"], sentence=doc.sentence_of(m.start), rule=row["rule"],
            attrs={"form_type": row.get("form_type") or None, "lang": row["lang"]},
        ))
    if pending:
        out = sorted(out + _decide(doc, pending, out), key=lambda x: x.start)
    return out


#: nouns after which «اليمنى» (written with ى) is still «Yemeni»: a people, a state, its army, its leader
_YEMENI_AFTER = frozenset(normalize_key(w) for w in ("الشعب", "الوطن", "الجيش", "الرئيس", "الشارع", "النظام",
                                                      "الشأن", "الملف"))
_WORD_BEFORE = re.compile(r"(\S+)\s+$")


def _is_right_side(doc: Doc, m, row: dict) -> bool:
    """The definite «اليمنى» written with a final ى is mostly «the right (side)» (الجهة اليمنى, بقدمه اليمنى, كليته
    اليمنى: 65 of 72 in eight SaudiNewsNet days), which normalises like اليمني (Yemeni): not a country,
    unless a people or state noun comes before it or the word before also ends in ى where ي is meant (the
    writer's spelling: السعودى اليمنى)."""
    if row.get("iso3") != "YEM" or row.get("kind") != "demonym" or not doc.text[m.start:m.end].endswith("اليمنى"):
        return False
    before = _WORD_BEFORE.search(doc.text, max(0, m.start - 30), m.start)
    if before is None:
        return True
    word = before.group(1)
    return normalize_key(word) not in _YEMENI_AFTER and not (word.endswith("ى") and len(word) >= 5
                                                            and normalize_key(word).endswith("ي"))


def _is_language(doc: Doc, m, row: dict, language_end: int) -> bool:
    """A demonym that names a language here (see the module docstring)."""
    if row.get("kind") != "demonym":
        return False
    text = doc.text
    if row["lang"] == "en":
        before = text[max(0, m.start - 12):m.start].split()
        cues = _language_cues().get("en", {}).get("verb", frozenset())
        return bool(before) and before[-1].lower() in cues and _EN_AFTER_LANGUAGE.match(text, m.end) is not None
    if row.get("form_type") != "f":
        return False
    surface = normalize_key(text[m.start:m.end])
    definite = surface.startswith("ال")
    if definite and "ب" in m.prefix:
        return True  # بالروسية: "in Russian"
    if m.prefix.startswith("و") and (0 <= m.start - language_end <= 3 + len(m.prefix)
                                     or _after_dual(doc, m.start - len(m.prefix))):
        return True  # باللغتين الروسية والطاجيكية, باللغتين الكردية والتركية
    if not definite:
        return False
    words = [normalize_key(w.group()) for w in _AR_WORD.finditer(text, max(0, m.start - 60), m.start)]
    words = [w for w in words if w][-LANGUAGE_VERB_WINDOW:]
    if not words:
        return False
    verbs = _language_cues().get("ar", {}).get("verb", frozenset())
    if words[-1] not in verbs and words[-1].endswith(("ه", "ات")):
        return False  # a feminine noun before the demonym: الحكومة الروسية
    return any(w in verbs or w[1:] in verbs for w in words)


def _after_dual(doc: Doc, start: int) -> bool:
    """True when "<dual language noun> <word> و" stands right before ``start`` (باللغتين الكردية والتركية)."""
    words = [normalize_key(w.group()) for w in _AR_WORD.finditer(doc.text, max(0, start - 40), start)]
    duals = _language_cues().get("ar", {}).get("dual", frozenset())
    return len(words) >= 2 and any(words[-2].endswith(d) for d in duals)


def _decide(doc: Doc, pending: list, found: list[Mention]) -> list[Mention]:
    """Mentions for the context forms the article decides (see the module docstring)."""
    counts = Counter(m.value for m in found)
    by_sentence: dict[int | None, Counter] = {}
    for m in found:
        by_sentence.setdefault(m.sentence, Counter())[m.value] += 1
    src = _source_countries().get((doc.source or "").strip().lower())
    out: list[Mention] = []
    for m, rows in pending:
        cands = {r["iso3"]: r for r in rows}
        iso, why = _choose(doc, m, cands, counts, by_sentence, src, found)
        if iso is None:
            continue
        r = cands[iso]
        out.append(Mention(
            start=m.start, end=m.end, text=doc.text[m.start:m.end], type="country", value=iso,
            kind=r["real_kind"], sentence=doc.sentence_of(m.start), rule=f"{r['rule']} (context: {why})",
            attrs={"form_type": None, "lang": r["lang"]},
        ))
    return out


def _choose(doc: Doc, m, cands: dict, counts: Counter, by_sentence: dict, src: str | None, found: list[Mention]):
    surface = doc.text[m.start:m.end].replace("\u0640", "")
    spelled = _spellings().get(normalize_key(surface), {}).get(surface)
    if spelled in cands:
        return spelled, "spelling"
    before = [x for x in found if x.end <= m.start and x.value in cands and not doc.text[x.end:m.start].strip()
              and m.start - x.end <= 2]
    if before:
        return before[-1].value, "adjacent"
    if src in cands:
        return src, "source"
    here = by_sentence.get(doc.sentence_of(m.start), Counter())
    named = [c for c in cands if here.get(c)]
    if len(named) == 1:
        return named[0], "sentence"
    ranked = sorted(((counts.get(c, 0), c) for c in cands), reverse=True)
    if ranked and ranked[0][0] > 0 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        return ranked[0][1], "article"
    return None, ""

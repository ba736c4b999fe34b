"""Surface forms from a lemma: Arabic verbs, masdars, participles and nouns; English inflections.

The event lexicon (``lexicon/event_lemmas.csv``) lists lemmas, not forms; this module
generates the forms the matcher looks for. Forms are written as in text (undiacritised);
the matcher normalises them (أإآ→ا, ى→ي, ة→ه) and adds the proclitics و ف ب ل ك (and ال
where a form may take it), so none of those are generated here.

Arabic (every function returns a list of ``(form, tag)``; ``tag`` says what the form is):

- :func:`ar_perfect` from the perfect 3ms (هاجم): 3fs/2/1 ``ت``, duals ``ا`` ``تا``,
  plurals ``وا`` ``ن`` ``نا`` ``تم``, each with the attached object pronouns (هاجمه,
  هاجمتها, هاجموهم); defective verbs in ى/ا (نفى, دعا) drop their last letter (نفت, نفوا,
  نفيا, نفاه).
- :func:`ar_imperfect` from the imperfect 3ms (يهاجم): prefixes ي ت (ن for 1p), the suffixes
  of dual, plural and 2fs (يهاجمان, يهاجمون, يهاجموا, تهاجمين, يهاجمن), object pronouns,
  jussive forms of defective verbs (لم ينف), and the future prefix س (tag ``future``).
- :func:`ar_noun` for a masdar or noun (هجوم, غارة): accusative ``ا``, dual, sound feminine
  plural, possessive pronouns (هجومه, غارتها).
- :func:`ar_participle` (مهاجم, متظاهر): feminine, sound plurals, dual, construct plural.

English: :func:`en_verb` (attack → attacks, attacked, attacking; ban → banned; carry →
carried; irregular pasts are given by the lexicon) and :func:`en_noun` (strike → strikes),
each also capitalised (a sentence may start with it); in a multi-word lemma the first word
of a verb and the last word of a noun inflect ("call for" → "called for").
"""
from __future__ import annotations

from typing import Iterable

Form = tuple[str, str]

#: Object pronouns attached to verbs.
AR_OBJECT = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "ني", "نا")
#: Possessive pronouns attached to nouns.
AR_POSSESSIVE = ("ه", "ها", "هم", "هما", "هن", "ي", "نا", "كم")
_LONG_END = ("ى", "ا")


def _dedupe(forms: Iterable[Form]) -> list[Form]:
    seen: dict[str, str] = {}
    for form, tag in forms:
        if form and form not in seen:
            seen[form] = tag
    return list(seen.items())


def ar_perfect(perfect: str) -> list[Form]:
    """The perfect's persons and numbers, with object pronouns (see the module docstring)."""
    p = perfect.strip()
    out: list[Form] = [(p, "perfect.3ms")]
    if p.endswith(_LONG_END):  # نفى, ادعى, دعا, رمى
        base = p[:-1]
        out += [(base + "ت", "perfect.3fs"), (base + "وا", "perfect.3mp"), (base + "يا", "perfect.3md"),
                (base + "تا", "perfect.3fd"), (base + "ين", "perfect.3fp"), (base + "ينا", "perfect.1p"),
                (base + "يت", "perfect.1s")]
        obj_bases = [(base + "ا", "perfect.3ms"), (base + "ت", "perfect.3fs"), (base + "و", "perfect.3mp")]
    else:
        out += [(p + "ت", "perfect.3fs"), (p + "ا", "perfect.3md"), (p + "تا", "perfect.3fd"),
                (p + "وا", "perfect.3mp"), (p + "ن", "perfect.3fp"), (p + "نا", "perfect.1p"),
                (p + "تم", "perfect.2mp")]
        obj_bases = [(p, "perfect.3ms"), (p + "ت", "perfect.3fs"), (p + "و", "perfect.3mp"),
                     (p + "ا", "perfect.3md"), (p + "تا", "perfect.3fd")]
    for base, tag in obj_bases:
        out += [(base + pr, tag + "+obj") for pr in AR_OBJECT]
    return _dedupe(out)


def ar_imperfect(imperfect: str, *, future: bool = True) -> list[Form]:
    """The imperfect's persons and numbers, pronouns, jussives and (when ``future``) س forms."""
    i = imperfect.strip()
    if not i or i[0] not in "يت":
        raise ValueError(f"an imperfect starts with ي or ت (3rd person): {imperfect!r}")
    stem = i[1:]
    weak = stem[-1:] in ("ي", "و", "ى")
    short = stem[:-1] if weak else stem  # jussive of a defective verb: لم ينف, لم يدع
    out: list[Form] = []
    for pre, person in (("ي", "3m"), ("ت", "3f"), ("ن", "1p")):
        out.append((pre + stem, f"imperfect.{person}s"))
        if person == "1p":
            continue
        if weak:
            out += [(pre + short, f"jussive.{person}s"), (pre + short + "ون", f"imperfect.{person}p"),
                    (pre + short + "وا", f"subjunctive.{person}p"), (pre + stem + "ان", f"imperfect.{person}d"),
                    (pre + stem + "ا", f"subjunctive.{person}d")]
        else:
            out += [(pre + stem + "ان", f"imperfect.{person}d"), (pre + stem + "ون", f"imperfect.{person}p"),
                    (pre + stem + "وا", f"subjunctive.{person}p"), (pre + stem + "ا", f"subjunctive.{person}d"),
                    (pre + stem + "ن", f"imperfect.{person}fp")]
    out.append(("ت" + (short if weak else stem) + "ين", "imperfect.2fs"))
    with_obj = [(f, t) for f, t in out if not t.startswith("imperfect.2fs")]
    for form, tag in list(with_obj):
        base = form[:-1] if form.endswith("وا") else form
        if tag.startswith("jussive"):
            continue
        out += [(base + pr, tag + "+obj") for pr in AR_OBJECT[:5]]
    if future:
        out += [("س" + f, "future." + t) for f, t in list(out) if t.startswith("imperfect")]
    return _dedupe(out)


def ar_noun(noun: str, *, plurals: Iterable[str] = ()) -> list[Form]:
    """A masdar or noun: accusative, dual, sound feminine plural, possessives; broken plurals given."""
    n = noun.strip()
    out: list[Form] = [(n, "noun")]
    fem = n.endswith("ة")
    bound = n[:-1] + "ت" if fem else n  # غارة → غارت+ها
    if fem:
        out += [(n[:-1] + "ات", "noun.pl"), (bound + "ان", "noun.dual"), (bound + "ين", "noun.dual.obl")]
    else:
        if not n.endswith(("ء", "ا", "ى")):
            out.append((n + "ا", "noun.acc"))
        out += [(n + "ان", "noun.dual"), (n + "ين", "noun.dual.obl"), (n + "ات", "noun.pl")]
    out += [(bound + pr, "noun+poss") for pr in AR_POSSESSIVE]
    for pl in plurals:
        pl = pl.strip()
        if not pl:
            continue
        out.append((pl, "noun.pl"))
        pb = pl[:-1] + "ت" if pl.endswith("ة") else pl
        out += [(pb + pr, "noun.pl+poss") for pr in AR_POSSESSIVE[:4]]
    return _dedupe(out)


def ar_participle(participle: str) -> list[Form]:
    """An active or passive participle with its gender, number and construct forms."""
    p = participle.strip()
    return _dedupe([(p, "participle"), (p + "ة", "participle.f"), (p + "ون", "participle.mp"),
                    (p + "ين", "participle.mp.obl"), (p + "و", "participle.mp.construct"),
                    (p + "ات", "participle.fp"), (p + "ان", "participle.dual"), (p + "ا", "participle.acc"),
                    (p + "تان", "participle.fdual")])


# --------------------------------------------------------------------------- English

_VOWELS = "aeiou"


def _en_past_ing(word: str) -> tuple[str, str]:
    w = word
    if w.endswith("ie"):
        return w + "d", w[:-2] + "ying"
    if w.endswith("e"):
        return w + "d", w[:-1] + "ing"
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return w[:-1] + "ied", w + "ing"
    if (len(w) >= 3 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS
            and sum(ch in _VOWELS for ch in w) == 1):
        return w + w[-1] + "ed", w + w[-1] + "ing"  # ban → banned, stop → stopping
    return w + "ed", w + "ing"


def _en_plural(word: str) -> str:
    w = word
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return w[:-1] + "ies"
    return w + "s"


def _cap(forms: list[Form]) -> list[Form]:
    return _dedupe(forms + [(f[:1].upper() + f[1:], t + ".cap") for f, t in forms if f[:1].islower()])


def en_verb(lemma: str, *, irregular: Iterable[str] = ()) -> list[Form]:
    """An English verb's inflections (the first word of a multi-word lemma inflects)."""
    head, _, rest = lemma.strip().partition(" ")
    tail = (" " + rest) if rest else ""
    past, ing = _en_past_ing(head)
    out: list[Form] = [(head + tail, "verb"), (_en_plural(head) + tail, "verb.3s"), (past + tail, "verb.past"),
                       (ing + tail, "verb.ing")]
    out += [(x.strip(), "verb.irregular") for x in irregular if x.strip()]
    return _cap(out)


def en_noun(lemma: str, *, plurals: Iterable[str] = ()) -> list[Form]:
    """An English noun and its plural (the last word of a multi-word lemma inflects)."""
    words = lemma.strip().split(" ")
    plural = " ".join(words[:-1] + [_en_plural(words[-1])])
    out: list[Form] = [(lemma.strip(), "noun"), (plural, "noun.pl")]
    out += [(x.strip(), "noun.pl") for x in plurals if x.strip()]
    return _cap(out)


__all__ = ["ar_perfect", "ar_imperfect", "ar_noun", "ar_participle", "en_verb", "en_noun", "AR_OBJECT",
           "AR_POSSESSIVE"]

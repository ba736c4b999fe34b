"""Country references: names, demonyms and capitals, in Arabic and English.

One Gazetteer over ``country_names.csv`` (unambiguous rows) and the traps of
``not_countries.csv``. A trap that wins the leftmost-longest contest (اللغة الروسية,
أميركا اللاتينية, المغرب العربي) swallows the country form inside it, so no mention
comes of it. A form listed for two countries, or marked ambiguous, is left alone.
"""
from __future__ import annotations

from functools import lru_cache

from toolkit import lexicon
from toolkit.matcher import Entry, Gazetteer
from toolkit.model import Doc, Mention
from toolkit.registry import annotator

TRAP = "trap"


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


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    entries = [Entry(r["form"], {**r, "rule": f"{lexicon.ref('country_names', r)} {r['form']}"}, lang=r["lang"],
                     article=r.get("article", "")) for r in names()]
    entries += [Entry(r["form"], {**r, "kind": TRAP}, lang=r["lang"], priority=1)
                for r in lexicon.rows("not_countries")]
    # a language named by its feminine demonym: اللغة الروسية, باللغة الطاجيكية
    entries += [Entry("اللغة ال" + r["form"], {"kind": TRAP, "why": "language", "_line": r["_line"]}, priority=1)
                for r in names() if r["lang"] == "ar" and r["kind"] == "demonym" and r.get("form_type") == "f"]
    return Gazetteer(entries)


@annotator("countries", produces=("country",))
def annotate(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    for m in gazetteer().find(doc.norm, regions=doc.regions):
        row = m.entries[0].payload
        if len(m.entries) > 1:
            rows = [e.payload for e in m.entries]
            if any(r["kind"] == TRAP for r in rows) or len({r["iso3"] for r in rows}) != 1:
                continue  # a trap, or the same form names two countries: leave it
        elif row["kind"] == TRAP:
            continue
        out.append(Mention(
            start=m.start, end=m.end, text=doc.text[m.start:m.end], type="country", value=row["iso3"],
            kind=row["kind"], sentence=doc.sentence_of(m.start), rule=row["rule"],
            attrs={"form_type": row.get("form_type") or None, "lang": row["lang"]},
        ))
    return out

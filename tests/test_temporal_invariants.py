"""Invariants of the date grammar and the amounts annotator on real and hostile text.

- Anchoring (``toolkit.anchors``) finds exactly the matches an ordinary search finds, for
  every pattern of both grammars, digit-run starts included.
- On real SaudiNewsNet articles every date, duration and amount keeps its offsets
  (``text[start:end] == mention text``), lies in the body, and no two of them overlap.
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from toolkit.annotators import amounts, dates
from toolkit.arabic import normalize
from toolkit.dategrammar import _grammar, _grammar_anchors, _matches_at
from toolkit.pipeline import doc_for_text

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "000_32804eb77b22d83d.txt"

HOSTILE = [
    "رقم ٦٤٦١/٤/٩/٢٧٦ وتاريخ ٢٨/٧/١٤٣٦ه و10/1/1436 و2015-07-21 و19 / 07 / 2015 و15.1.1959",
    "12345678901234567890 1999-2000 (1982 - 1990) 2014/15 2014-15 1.000.000 2,500 3.5 مليار دولار",
    "و2012 ب2013 F-16 COVID-19 5G +966 11 4567890 0501234567 الـ13 20th 3rd",
    "in the 1990s and the '80s, the nineties; 8 years, three-day, 1.5 hours, half an hour",
    "خلال شهر رمضان في مارس منذ يناير (كانون الثاني) ستعقد في نوفمبر عشرات السنين بضعة أيام",
    "اثنتا عشرة اتفاقية خمسة وعشرون مئة وخمسون عشرات الآلاف نصف مليون ثلث السكان شخص واحد",
    "1" * 3000 + " 2015 " + "٢" * 2000 + " / / - - . . ",
]


def _texts() -> list[str]:
    texts = list(HOSTILE)
    if SEED.exists():
        texts.append(SEED.read_text(encoding="utf-8"))
    return texts


def _spans_anchored(patterns, anchors, text):
    starts = anchors.starts(text)
    return [[m.span() for m in _matches_at(p, text, at)] for p, at in zip(patterns, starts)]


def _spans_plain(patterns, text):
    return [[m.span() for m in _matches_at(p, text, None)] for p in patterns]


@pytest.mark.parametrize("text", _texts(), ids=lambda t: t[:20])
def test_date_grammar_anchors_find_what_search_finds(text):
    norm = normalize(text).text
    patterns = [p for _, p, _ in _grammar()]
    assert _spans_anchored(patterns, _grammar_anchors(), norm) == _spans_plain(patterns, norm)


@pytest.mark.parametrize("text", _texts(), ids=lambda t: t[:20])
def test_amount_anchors_find_what_search_finds(text):
    norm = normalize(text).text
    patterns = [p for _, p in amounts._patterns()]
    # amounts uses finditer semantics (no overlapping matches of one pattern)
    anchored = [[m.span() for m in amounts._finditer(p, norm, at)]
                for p, at in zip(patterns, amounts._anchors().starts(norm))]
    plain = [[m.span() for m in p.finditer(norm) if m.end() > m.start()] for p in patterns]
    assert anchored == plain


def test_every_digit_pattern_is_tried_only_at_the_start_of_a_digit_run():
    a = _grammar_anchors()
    names = [rule for rule, _, _ in _grammar()]
    digit_rules = {names[i] for keys in a._digit_keys.values() for _, i, _ in keys}
    assert {"numeric_dmy", "numeric_ymd", "year_bare", "duration"} <= digit_rules
    assert digit_rules <= {names[i] for i in a.run_start}
    starts = a.starts("9" * 10_000)
    assert max(len(s) for s in starts if s is not None) <= 1


def _sample_articles(saudinewsnet_dir: Path, day: str, n: int) -> list[tuple[str, str]]:
    with zipfile.ZipFile(saudinewsnet_dir / f"{day}.zip") as z:
        records = json.loads(z.read(z.namelist()[0]))
    out = []
    for r in records:
        if r.get("content"):
            out.append((r["content"], (r.get("date_extracted") or "")[:10]))
        if len(out) == n:
            break
    return out


def test_offsets_and_no_overlaps_on_real_articles(saudinewsnet_dir):
    n_dates = n_durations = n_amounts = 0
    for text, published in _sample_articles(saudinewsnet_dir, "2015-07-22", 150):
        doc = doc_for_text(text, published=published)
        found = dates.annotate(doc)
        got = found + amounts.annotate(doc.with_mentions(found))
        spans = sorted((m.start, m.end) for m in got)
        for m in got:
            assert text[m.start:m.end] == m.text, (m, text[m.start:m.end])
            assert m.text and not m.text[0].isspace() and not m.text[-1].isspace()
            assert m.sentence is not None
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert e1 <= s2, (text[s1:e1], text[s2:e2])
        n_dates += sum(m.type == "date" for m in got)
        n_durations += sum(m.type == "duration" for m in got)
        n_amounts += sum(m.type == "amount" for m in got)
    # the sample is real news: each type shows up (a collapse of one of them fails here)
    assert n_dates > 150 and n_durations > 20 and n_amounts > 150, (n_dates, n_durations, n_amounts)


def test_values_follow_the_conventions(saudinewsnet_dir):
    iso = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?")
    duration = re.compile(r"P(?:[\d.]+Y)?(?:[\d.]+M)?(?:[\d.]+W)?(?:[\d.]+D)?"
                          r"(?:T(?:[\d.]+H)?(?:[\d.]+M)?(?:[\d.]+S)?)?")
    for text, published in _sample_articles(saudinewsnet_dir, "2015-07-25", 100):
        doc = doc_for_text(text, published=published)
        for m in dates.annotate(doc):
            if m.type == "date":
                assert iso.fullmatch(m.value), m
                assert m.kind in ("day", "week", "month", "year", "range", "decade", "century")
            else:
                assert m.kind in ("exact", "approximate")
                assert (m.value is None) == (m.kind == "approximate")
                assert m.value is None or duration.fullmatch(m.value), m

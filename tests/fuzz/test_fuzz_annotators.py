"""Fuzz: the offset invariants of every annotator on hostile text.

Random Arabic, English and mixed text built from the lexicons' own words (so the annotators
find things), digits in both scripts, punctuation, diacritics, tatweel, bidi controls and
presentation forms. On every mention record and every row of ``Annotation.mentions``,
``text[start:end]`` is the mention's text; every event's span lies inside the text and its
sentence is one of the annotation's sentences.
"""
from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzzing import fuzz, hostile_text, words  # noqa: E402

import toolkit  # noqa: E402
from toolkit.layout import from_text  # noqa: E402


def check(ann) -> None:
    text = ann.text
    n = len(text)
    spans = list(ann.sentences)
    for s, e in spans:
        assert 0 <= s <= e <= n
    for m in ann.mention_records:
        assert 0 <= m.start < m.end <= n, (m.start, m.end, n)
        assert text[m.start:m.end] == m.text, (m, text[m.start:m.end])
        assert m.rule, m
        assert m.sentence is None or 0 <= m.sentence < len(spans), (m.sentence, len(spans))
    rows = ann.mentions
    for start, end, mtext in zip(rows["start"], rows["end"], rows["text"]):
        assert text[int(start):int(end)] == mtext
    for ev in ann.event_records:
        assert 0 <= ev.start <= ev.end <= n, (ev.start, ev.end, n)
        assert 0 <= ev.sentence < len(spans)
        assert ev.rule
    assert len(ann.events) == len(ann.event_records)


@fuzz(40)
@given(text=hostile_text(), lang=st.sampled_from([None, "ar", "en"]))
def test_offsets_hold_on_hostile_text(text, lang):
    check(toolkit.annotate(text, lang=lang))


@fuzz(20)
@given(lead=hostile_text(6), names=st.lists(words(), min_size=1, max_size=30),
       sep=st.sampled_from([" ", "، ", " و", "\n\n", ". ", " - "]))
def test_offsets_hold_on_dense_lexicon_text(lead, names, sep):
    """Runs of names, titles, units and cues glued together: overlapping candidates everywhere."""
    text = lead + sep.join(names)
    ann = toolkit.annotate(from_text(text))
    check(ann)

#!/usr/bin/env python3
"""A random sample of events on SaudiNewsNet articles not looked at while building, judged by hand.

The sample was drawn once, with the seed and the selection fixed before any of it was read:
three days chosen at random (seed 20151203) among the days other than those of
tests/data/events_dev.jsonl and of the diagnostic samples, 150 records at random from each day
(PER_DAY), every event the coder gave on them, and 150 of those events at random. Two earlier
samples drawn the same way were read while tuning and are no measure: seed 20151201
(tests/data/events_snn_diagnostic.jsonl, 50 events judged, precision 0.18 with the coder of then)
and seed 20151202 (tests/data/events_snn_diagnostic2.jsonl, 150 judged, 0.447 then); ``--file``
prints or scores them. The judged list is
``tests/data/events_snn_sample.jsonl``: references only (zip, record index, the sentence's
offsets in the record's ``content``), the event's fields as coded then, the verdict (right /
wrong) and a short reason. The text is read from ../shared when printed.

    python scripts/events_snn_sample.py --print            # every judged event with its sentence
    python scripts/events_snn_sample.py --score            # precision of the judged sample
    python scripts/events_snn_sample.py --draw --out FILE  # redraw the sample (as it was drawn)

The third sample (``--sample v3``, the default; ``tests/data/events_snn_sample3.jsonl``) was fixed
(seed, days, sizes: SEED_V3, DAYS_V3 below) before the news filter was built, drawn once with the
coder frozen at that point and judged by hand: 56 of 160 right (0.350). The earlier samples are dev
material now (scripts/events_snn_dev.py, scripts/train_news_filter.py).

The fourth sample (``--sample v4``, the default from 2026-12-02; ``tests/data/events_snn_sample4.jsonl``)
was fixed (seed, sizes: SEED_V4 below) before the v3 sample's errors were read to tune the coder: the v3
days, the records v3 did not draw (``records_v3`` replays its draws) and the tests do not quote. From
then on v3 is dev material too; v4 is drawn once, after tuning, and never tuned on. Drawn with the coder of
commit 101c035 (the 600 records gave 154 events, all taken), judged by hand on 2026-12-02: a quarter by
the engineer, three quarters by three helpers given the convention below in writing; about forty of
their verdicts were read again. 54 of 154 right (0.351) by the earlier samples' practice, 45 (0.292) by
the strict reading (``verdict_strict``: an empty side the text names is an error, and a strike on a group
in a country does not have that country as its target).

The fifth sample (``--sample v5``, the default from 2026-12-03; ``tests/data/events_snn_sample5.jsonl``) was
fixed (SEED_V5 below) before v4 and the dev pool were read to tune the coder: the records of the v3 days that
v3 and v4 left (``records_v4`` replays v4's draws), 400 a day. Drawn once with the coder of commit 99e01f6
(after the tuning) and judged by hand on 2026-12-03 by the engineer, all 160, with the convention below
(``verdict``, ``verdict_strict``): 74 of 160 right (0.463), 60 (0.375) by the strict reading. Four helpers
given the same convention in writing judged all 160 again from the text
(``verdict_second``, ``verdict_strict_second``, ``reason_second``): 83 right (0.519); the two judgings
agree on 149 of 160; of the 35 with ``confidence`` >= 0.6 (what ``events.news_only()`` keeps), 27 (0.771).

The sixth sample (``--sample v6``, the default from 2026-12-03 on; ``tests/data/events_snn_sample6.jsonl``) was
fixed (SEED_V6 below) before v5 was read to tune the coder: the records of the v3 days that v3, v4 and v5 left
(``records_v5`` replays v5's draws), 400 a day. Drawn once with the coder of commit f1a09ec (after that
session's tuning on v5) and judged on 2026-12-03 by four helpers, 40 each, given the convention below in
writing (``verdict``, ``verdict_strict``, ``reason``); the engineer judged 20 of them too and agreed on 19:
68 of 160 right (0.425), 47 (0.294) by the strict reading; of the 34 with ``confidence`` >= 0.6, 28 (0.824).
Dev material since (scripts/events_snn_dev.py): the coder was tuned on it after its figure was quoted.

The seventh sample (``--sample v7``, the default from 2026-12-03 to 2026-12-04, dev material since;
``tests/data/events_snn_sample7.jsonl``) was fixed (SEED_V7 below) before v6 was read to tune the coder: the
records of the v3 days that v3 to v6 left (``records_v6`` replays v6's draws), 400 a day. Drawn once with the
coder of commit 397110a (after that session's tuning on v6) and judged on 2026-12-03 by four helpers, 40 each,
given the convention below in writing (``verdict``, ``verdict_strict``, ``reason``); the engineer read 20 of
them again and agreed on 19 (the other, chants of «الموت لأمريكا» as a PROTEST, is borderline): 63 of 160
right (0.394), 45 (0.281) by the strict reading; of the 47 with ``confidence`` >= 0.6, 35 (0.745). The four
helpers' shares of right events were 14, 13, 12 and 24 of 40.

The eighth sample (``--sample v8``, the default on 2026-12-04 until v9, dev material since;
``tests/data/events_snn_sample8.jsonl``) was fixed (SEED_V8 below) when v7 was drawn: the records of the v3 days
that v3 to v7 left (``records_v7`` replays v7's draws; 2015-07-24 had only 269 left, all taken, 400 of
2015-08-06). It was drawn once on 2026-12-04 with the coder of 0bde65c (after the tuning on v7, which is dev
material since) and judged the same day by four helpers, 40 each, given the convention below in writing; the
engineer read 20 of them again and agreed on 19: 77 of 160 right (0.481), 49 (0.306) by the strict reading; of
the 54 with ``confidence`` >= 0.65 (the news filter's version 4 threshold), 40 (0.741). The helpers' shares of
right events were 18, 17, 20 and 22 of 40.

The ninth sample (``--sample v9``, the default on 2026-12-04 until v10, dev material since;
``tests/data/events_snn_sample9.jsonl``) was fixed (SEED_V9, DAYS_V9 below) when v8 was drawn: the v3 days are
used up, so two days no sample drew from, leaving out every record a file of tests/data names or a test quotes
(``events_snn_sample9_draw.json`` keeps what was left out and the 900 records drawn). Drawn once on 2026-12-04
with the coder of 5ff7332 (after the tuning on v8, dev material since) and judged the same day by four helpers,
40 each, given the convention below in writing; the engineer read 20 again and agreed on 19: 68 of 160 right
(0.425), 35 (0.219) by the strict reading; of the 48 with ``confidence`` >= 0.65, 25 (0.521). The helpers'
shares of right events were 11, 16, 18 and 23 of 40; they differed on headline and link lines (one judge counted
three right, another two wrong), and ten wrong events come from one article listing the King's first hundred
days by date.

The tenth sample (``--sample v10``, the default on 2026-12-04 until v11; ``tests/data/events_snn_sample10.jsonl``) was
fixed (SEED_V10 below) when v9 was drawn: the v9 days, the records v9 did not draw and tests/data did not name
(``events_snn_sample10_draw.json``). Drawn once on 2026-12-04 with the coder of 6d22cdb (after the tuning on v9,
dev material since) and judged the same day by four helpers, 40 each, given the convention below in writing; the
engineer read 20 again and agreed on 19: 71 of 160 right (0.444), 34 (0.212) by the strict reading; of the 51 with
``confidence`` >= 0.65, 28 (0.549). The helpers' shares of right events were 19, 14, 16 and 22 of 40.
Dev material since 2026-12-06 (tuned on then).

The eleventh sample (``--sample v11``, the default from 2026-12-06; ``tests/data/events_snn_sample11.jsonl``) was
fixed (SEED_V11 below) before anyone tuned on v10: the v9 days, none of the records v9 or v10 drew or left out nor
any record tests/data named (``events_snn_sample11_draw.json``). Drawn once on 2026-12-06 with the coder of 086606b
(after the tuning on v10) and judged the same day by four helpers, 40 each, given the convention in writing; the
engineer read 20 again and agreed on 19 (the one borderline: an agreement recalled three weeks after it): 65 of
160 right (0.406), 48 (0.300) by the strict reading; of the 39 with ``confidence`` >= 0.65, 22 (0.564). The
helpers' shares of right events were 16, 17, 19 and 13 of 40. Whoever tunes the coder on v11 fixes and draws a
twelfth sample the same way (the v9 days still hold about 1,800 records no sample drew).

A dev pool (``--sample pool``; ``tests/data/events_snn_pool.jsonl``, 274 events of two unused days) was
drawn and judged on 2026-12-02 to be tuned on (its judges name the error: background, no event,
hypothetical, source, target): 112 right (0.41) with the coder of ab7ebbf. Never a measure.

Judging: an event is right when the sentence tells an event of that PLOVER type (in that mode)
and each side given is right (country and agent); a side left empty is right when the text names
no such actor. Otherwise it is wrong (type, direction, a side, or no event at all).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

SNN = Path("../shared/corpora/saudinewsnet")
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SAMPLE = DATA / "events_snn_sample.jsonl"
SEED = 20151203
PER_DAY = 150
#: The third sample (``--sample v3``), fixed before any of it was drawn or read (and before the coder was
#: tuned for it): the two days no event sample, no dev set and no tuning has used (2015-07-24 and
#: 2015-08-06; the dates and amounts tests quote five of their records, left out), PER_DAY_V3 records
#: at random from each, every event the coder gives on them, and SIZE_V3 of those events at random.
SAMPLE_V3 = DATA / "events_snn_sample3.jsonl"
SEED_V3 = 20260611
DAYS_V3 = ("2015-07-24.zip", "2015-08-06.zip")
PER_DAY_V3 = 300
SIZE_V3 = 160
#: The fourth sample (``--sample v4``), fixed on 2026-12-02 before the v3 sample's wrong events were read to
#: tune the coder (v3 is dev material from then on): the same two days, records neither drawn for v3 nor
#: quoted by the tests, PER_DAY_V4 a day at random, every event the coder gives on them, SIZE_V4 of those.
SAMPLE_V4 = DATA / "events_snn_sample4.jsonl"
SEED_V4 = 20261202
PER_DAY_V4 = 300
SIZE_V4 = 160
#: The fifth sample (``--sample v5``), fixed on 2026-12-02 after v4 was judged and before anyone tunes on
#: v4: the same two days, records neither v3 nor v4 drew nor the tests quote, PER_DAY_V5 a day at random,
#: every event the coder gives on them, SIZE_V5 of those. Not drawn yet: draw it once, after tuning.
SAMPLE_V5 = DATA / "events_snn_sample5.jsonl"
SEED_V5 = 20261203
PER_DAY_V5 = 400
SIZE_V5 = 160
#: The sixth sample (``--sample v6``), fixed on 2026-12-03 after v5 was drawn and before anyone tunes on v5:
#: the same two days, records neither v3, v4 nor v5 drew nor the tests quote, PER_DAY_V6 a day at random,
#: every event the coder gives on them, SIZE_V6 of those. Drawn once on 2026-12-03 (coder of f1a09ec).
SAMPLE_V6 = DATA / "events_snn_sample6.jsonl"
SEED_V6 = 20261206
PER_DAY_V6 = 400
SIZE_V6 = 160
#: The seventh sample (``--sample v7``), fixed on 2026-12-03 after v6 was judged and before anyone tunes on v6:
#: the same two days, records neither v3, v4, v5 nor v6 drew nor the tests quote, PER_DAY_V7 a day at random,
#: every event the coder gives on them, SIZE_V7 of those. Drawn once on 2026-12-03 (coder of 397110a).
SAMPLE_V7 = DATA / "events_snn_sample7.jsonl"
SEED_V7 = 20261207
PER_DAY_V7 = 400
SIZE_V7 = 160
#: The eighth sample (``--sample v8``), fixed on 2026-12-03 when v7 was drawn and before anyone tunes on v7:
#: the same two days, records neither v3 to v7 drew nor the tests quote, PER_DAY_V8 a day at random, every
#: event the coder gives on them, SIZE_V8 of those. Drawn once on 2026-12-04 (coder of 0bde65c); 2015-07-24 had
#: only 269 records left, all of them taken (the draw takes min(PER_DAY_V8, what is left)).
SAMPLE_V8 = DATA / "events_snn_sample8.jsonl"
SEED_V8 = 20261208
PER_DAY_V8 = 400
SIZE_V8 = 160
#: The ninth sample (``--sample v9``), fixed on 2026-12-04 when v8 was drawn and before anyone tunes on v8: the
#: v3 days are used up, so two days no sample has drawn from (DAYS_V9: the two with the fewest records quoted by
#: the tests; every record of them a file of tests/data names is left out), PER_DAY_V9 records a day at random,
#: every event the coder gives on them, SIZE_V9 of those. Drawn once on 2026-12-04 (coder of 5ff7332): 300 a day,
#: as fixed first, gave only 121 events (the tuned coder gives about one event to four records), so PER_DAY_V9 was
#: raised to 450 before any of them was read, and the sample drawn again with the same seed (the first draw's
#: file was in tests/data then, so its 64 records with events were left out: DRAW_V9 keeps what was left out).
SAMPLE_V9 = DATA / "events_snn_sample9.jsonl"
SEED_V9 = 20261209
DAYS_V9 = ("2015-07-21.zip", "2015-08-11.zip")
PER_DAY_V9 = 450
SIZE_V9 = 160
#: The tenth sample (``--sample v10``), fixed on 2026-12-04 when v9 was drawn and before anyone tunes on v9: the
#: v9 days, records v9 did not draw and no file of tests/data names, PER_DAY_V10 a day, SIZE_V10 of their events.
#: Drawn once on 2026-12-04 with the coder of 6d22cdb (after the tuning on v9).
SAMPLE_V10 = DATA / "events_snn_sample10.jsonl"
SEED_V10 = 20261210
PER_DAY_V10 = 450
SIZE_V10 = 160
#: The eleventh sample (``--sample v11``), fixed on 2026-12-06 before anyone tuned on v10: the v9 days again,
#: none of the records v9 or v10 drew or left out, nor any record a file of tests/data names or a test quotes
#: (DRAW_V11 keeps them), PER_DAY_V11 a day, SIZE_V11 of their events.
SAMPLE_V11 = DATA / "events_snn_sample11.jsonl"
SEED_V11 = 20261211
PER_DAY_V11 = 450
SIZE_V11 = 160
#: A dev pool (``--sample pool``, ``tests/data/events_snn_pool.jsonl``), drawn on 2026-12-02 to be tuned and
#: trained on, never a measure: the two days no sample had used (DAYS_POOL), PER_DAY_POOL records a day at
#: random, every event the coder gives on them, SIZE_POOL of those. Its judges also note what was wrong.
SAMPLE_POOL = DATA / "events_snn_pool.jsonl"
SEED_POOL = 20261205
DAYS_POOL = ("2015-08-02.zip", "2015-08-09.zip")
PER_DAY_POOL = 400
SIZE_POOL = 300
#: records of those days quoted in tests/test_dates.py, tests/test_amounts.py, tests/test_durations.py
READ_RECORDS_V3 = frozenset({("2015-07-24.zip", 1839), ("2015-07-24.zip", 936), ("2015-08-06.zip", 201),
                             ("2015-08-06.zip", 2690), ("2015-08-06.zip", 2811)})
#: the days of tests/data/events_dev.jsonl and those of the two diagnostic samples (seeds 20151201 and
#: 20151202: tests/data/events_snn_diagnostic*.jsonl, read and used to tune the rules, so no measure)
EXCLUDED_DAYS = ("2015-07-22", "2015-07-26", "2015-08-03", "2015-07-27", "2015-08-04", "2015-08-08",
                 "2015-07-23", "2015-07-25", "2015-07-31")
FIELDS = ("source", "target", "source_agent", "target_agent", "type", "mode", "evidence", "rule", "location",
          "date", "date_basis")


@lru_cache(maxsize=None)
def records(zip_name: str) -> list[dict]:
    with zipfile.ZipFile(SNN / zip_name) as z:
        return json.loads(z.read(z.namelist()[0]))


def annotate_record(rec: dict):
    import toolkit
    from toolkit.layout import from_text

    date = (rec.get("date_extracted") or "")[:10]
    art = from_text(rec.get("content") or "", language="ar", meta={"date": date} if date else None)
    return toolkit.annotate(art)


def event_rows(day: str, i: int, rec: dict, *, confidence: bool) -> list[dict]:
    """The coder's events in record ``i`` of ``day``, as sample rows (references, no text)."""
    return [{"zip": day, "record": i, "start": e.start, "end": e.end, **{f: getattr(e, f) for f in FIELDS},
             **({"confidence": e.confidence} if confidence else {})}
            for e in annotate_record(rec).event_records]


def judged_sentences(rows: list[dict]) -> dict[tuple[str, int], set[int]]:
    """(zip, record) -> the start offsets of the judged events in it."""
    out: dict[tuple[str, int], set[int]] = {}
    for r in rows:
        out.setdefault((r["zip"], r["record"]), set()).add(r["start"])
    return out


def _unjudged(events: list[dict], size: int, rng: random.Random) -> list[dict]:
    """``size`` of ``events`` drawn with ``rng``, in text order, numbered, with empty verdicts."""
    sample = rng.sample(events, min(size, len(events)))
    sample.sort(key=lambda r: (r["zip"], r["record"], r["start"]))
    for j, r in enumerate(sample):
        r["n"] = j
        r["verdict"] = None
        r["reason"] = ""
    return sample


def draw() -> list[dict]:
    rng = random.Random(SEED)
    days = sorted(p.name for p in SNN.glob("*.zip") if p.stem not in EXCLUDED_DAYS)
    chosen = sorted(rng.sample(days, 3))
    events = []
    for day in chosen:
        recs = records(day)
        for i in sorted(rng.sample(range(len(recs)), PER_DAY)):
            events += event_rows(day, i, recs[i], confidence=False)
    return _unjudged(events, 150, rng)


def _draws(seed: int, per_day: int, *earlier: dict[str, set[int]]) -> tuple[random.Random, dict[str, list[int]]]:
    """(the generator, day -> the records drawn) of a sample of the DAYS_V3: ``per_day`` records a day at
    random with ``seed``, from those the tests do not quote and no ``earlier`` sample drew."""
    rng = random.Random(seed)
    drawn = {}
    for day in DAYS_V3:
        pool = [i for i in range(len(records(day)))
                if (day, i) not in READ_RECORDS_V3 and not any(i in e[day] for e in earlier)]
        drawn[day] = sorted(rng.sample(pool, min(per_day, len(pool))))  # (v8: 2015-07-24 has 269 left)
    return rng, drawn


def _draw_from(seed: int, per_day: int, size: int, *earlier: dict[str, set[int]]) -> list[dict]:
    """Every event the coder gives on the records ``_draws`` picks, and ``size`` of them at random."""
    rng, drawn = _draws(seed, per_day, *earlier)
    events = []
    for day, picked in drawn.items():
        recs = records(day)
        for i in picked:
            events += event_rows(day, i, recs[i], confidence=True)
    return _unjudged(events, size, rng)


def _drawn_records(seed: int, per_day: int, *earlier: dict[str, set[int]]) -> dict[str, set[int]]:
    return {day: set(picked) for day, picked in _draws(seed, per_day, *earlier)[1].items()}


def draw_v3() -> list[dict]:
    """The third sample: fixed days and seed (above), records the tests quote left out."""
    return _draw_from(SEED_V3, PER_DAY_V3, SIZE_V3)


def records_v3() -> dict[str, set[int]]:
    """The records draw_v3 annotated on each day (its random draws replayed, nothing annotated)."""
    return _drawn_records(SEED_V3, PER_DAY_V3)


def draw_v4() -> list[dict]:
    """The fourth sample: the v3 days, records v3 drew or the tests quote left out."""
    return _draw_from(SEED_V4, PER_DAY_V4, SIZE_V4, records_v3())


def records_v4() -> dict[str, set[int]]:
    """The records draw_v4 annotated on each day (its random draws replayed, nothing annotated)."""
    return _drawn_records(SEED_V4, PER_DAY_V4, records_v3())


def draw_v5() -> list[dict]:
    """The fifth sample: the v3 days, records v3 or v4 drew or the tests quote left out."""
    return _draw_from(SEED_V5, PER_DAY_V5, SIZE_V5, records_v3(), records_v4())


def records_v5() -> dict[str, set[int]]:
    """The records draw_v5 annotated on each day (its random draws replayed, nothing annotated)."""
    return _drawn_records(SEED_V5, PER_DAY_V5, records_v3(), records_v4())


def draw_v6() -> list[dict]:
    """The sixth sample: the v3 days, records v3, v4 or v5 drew or the tests quote left out."""
    return _draw_from(SEED_V6, PER_DAY_V6, SIZE_V6, records_v3(), records_v4(), records_v5())


def records_v6() -> dict[str, set[int]]:
    """The records draw_v6 annotated on each day (its random draws replayed, nothing annotated)."""
    return _drawn_records(SEED_V6, PER_DAY_V6, records_v3(), records_v4(), records_v5())


def draw_v7() -> list[dict]:
    """The seventh sample: the v3 days, records v3, v4, v5 or v6 drew or the tests quote left out."""
    return _draw_from(SEED_V7, PER_DAY_V7, SIZE_V7, records_v3(), records_v4(), records_v5(), records_v6())


def records_v7() -> dict[str, set[int]]:
    """The records draw_v7 annotated on each day (its random draws replayed, nothing annotated)."""
    return _drawn_records(SEED_V7, PER_DAY_V7, records_v3(), records_v4(), records_v5(), records_v6())


def draw_v8() -> list[dict]:
    """The eighth sample: the v3 days, records v3 to v7 drew or the tests quote left out."""
    return _draw_from(SEED_V8, PER_DAY_V8, SIZE_V8, records_v3(), records_v4(), records_v5(), records_v6(),
                      records_v7())


def records_v8() -> dict[str, set[int]]:
    """The records draw_v8 annotated on each day (its random draws replayed, nothing annotated)."""
    return _drawn_records(SEED_V8, PER_DAY_V8, records_v3(), records_v4(), records_v5(), records_v6(),
                          records_v7())


def quoted_records() -> set[tuple[str, int]]:
    """(zip, record) of every record a file of tests/data names (judged samples, verdicts, labels) or a test
    quotes («2015-07-21 #288», «2015-07-21#100»)."""
    import re

    out = set()
    for path in sorted(DATA.glob("*.jsonl")):
        for r in load(path):
            day = (r.get("zip") or str(r.get("file") or "").rsplit("/", 1)[-1]) if isinstance(r, dict) else ""
            if day and "record" in r:
                out.add((day if day.endswith(".zip") else f"{day}.zip", int(r["record"])))
    for path in sorted(DATA.parent.glob("*.py")):
        for m in re.finditer(r"(20\d\d-\d\d-\d\d)(?:\.zip)?\s?#(\d+)", path.read_text(encoding="utf-8")):
            out.add((f"{m.group(1)}.zip", int(m.group(2))))
    return out


def _v9_draws(seed: int, per_day: int, left_out: set[tuple[str, int]]) -> tuple[random.Random, dict[str, list[int]]]:
    """(the generator, day -> the records drawn) of DAYS_V9: ``per_day`` records a day at random with ``seed``,
    none of ``left_out``."""
    rng = random.Random(seed)
    drawn = {}
    for day in DAYS_V9:
        pool = [i for i in range(len(records(day))) if (day, i) not in left_out]
        drawn[day] = sorted(rng.sample(pool, min(per_day, len(pool))))
    return rng, drawn


def _v9_sample(seed: int, per_day: int, size: int, left_out: set[tuple[str, int]]) -> list[dict]:
    rng, drawn = _v9_draws(seed, per_day, left_out)
    events = []
    for day, picked in drawn.items():
        recs = records(day)
        for i in picked:
            events += event_rows(day, i, recs[i], confidence=True)
    return _unjudged(events, size, rng)


#: the ninth sample's draw: the records left out of its days and the records it drew (references only)
DRAW_V9 = DATA / "events_snn_sample9_draw.json"


def _kept_draw(path: Path) -> tuple[set[tuple[str, int]], dict[str, set[int]]]:
    """(the records left out, day -> the records drawn) of a draw kept as references (DRAW_V9, DRAW_V10)."""
    kept = json.loads(path.read_text(encoding="utf-8"))
    left = {(d, int(i)) for d, idx in kept["left_out"].items() for i in idx}
    return left, {d: set(map(int, p)) for d, p in kept["records"].items()}


def draw_v9() -> list[dict]:
    """The ninth sample: DAYS_V9, PER_DAY_V9 records a day at random, none of those left out when it was drawn
    (DRAW_V9: the records of its days a file of tests/data named or a test quoted, and those with events of the
    first draw of 300 a day, which was written to tests/data and replaced before any of it was read)."""
    return _v9_sample(SEED_V9, PER_DAY_V9, SIZE_V9, _kept_draw(DRAW_V9)[0])


def records_v9() -> dict[str, set[int]]:
    """The records draw_v9 annotated on each day (DRAW_V9)."""
    return _kept_draw(DRAW_V9)[1]


#: the tenth sample's draw: the records left out of its days and the records it drew (references only)
DRAW_V10 = DATA / "events_snn_sample10_draw.json"


def draw_v10() -> list[dict]:
    """The tenth sample: DAYS_V9 again, records v9 drew or tests/data named (DRAW_V10 keeps them) left out."""
    return _v9_sample(SEED_V10, PER_DAY_V10, SIZE_V10, _kept_draw(DRAW_V10)[0])


def records_v10() -> dict[str, set[int]]:
    """The records draw_v10 annotated on each day (DRAW_V10)."""
    return _kept_draw(DRAW_V10)[1]


#: the eleventh sample's draw: the records left out of its days and the records it drew (references only)
DRAW_V11 = DATA / "events_snn_sample11_draw.json"


def left_out_v11() -> set[tuple[str, int]]:
    """The records of DAYS_V9 the eleventh sample may not draw: those v9 and v10 drew or left out, and those a
    file of tests/data names or a test quotes."""
    out = set(quoted_records())
    for path in (DRAW_V9, DRAW_V10):
        left, drawn = _kept_draw(path)
        out |= left | {(d, i) for d, idx in drawn.items() for i in idx}
    return {(d, i) for d, i in out if d in DAYS_V9}


def draw_v11() -> list[dict]:
    """The eleventh sample: DAYS_V9, PER_DAY_V11 records a day at random with SEED_V11, none of left_out_v11();
    the draw is kept in DRAW_V11 (references only)."""
    left = left_out_v11()
    _, drawn = _v9_draws(SEED_V11, PER_DAY_V11, left)
    DRAW_V11.write_text(json.dumps({
        "note": "references only: the eleventh SaudiNewsNet sample's draw (scripts/events_snn_sample.py draw_v11). "
                "left_out: the records of its days that v9 or v10 drew or left out, or a file of tests/data named "
                "or a test quoted when it was drawn; records: the 450 a day it drew",
        "seed": SEED_V11, "per_day": PER_DAY_V11,
        "left_out": {d: sorted(i for dd, i in left if dd == d) for d in DAYS_V9},
        "records": {d: sorted(p) for d, p in drawn.items()}}, indent=0) + "\n", encoding="utf-8")
    return _v9_sample(SEED_V11, PER_DAY_V11, SIZE_V11, left)


def records_v11() -> dict[str, set[int]]:
    """The records draw_v11 annotated on each day (DRAW_V11)."""
    return _kept_draw(DRAW_V11)[1]


def draw_pool() -> list[dict]:
    """The dev pool: DAYS_POOL, PER_DAY_POOL records a day, SIZE_POOL of their events."""
    rng = random.Random(SEED_POOL)
    events = []
    for day in DAYS_POOL:
        recs = records(day)
        for i in sorted(rng.sample(range(len(recs)), PER_DAY_POOL)):
            events += event_rows(day, i, recs[i], confidence=True)
    return _unjudged(events, SIZE_POOL, rng)


def load(path: Path = SAMPLE) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def sentence(r: dict, cache: dict) -> str:
    key = r["zip"]
    if key not in cache:
        cache[key] = records(key)
    return (cache[key][r["record"]].get("content") or "")[r["start"]:r["end"]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--draw", action="store_true")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--print", action="store_true", dest="show")
    ap.add_argument("--score", action="store_true")
    ap.add_argument("--file", type=Path, default=None, help="the judged list (default: the sample's)")
    ap.add_argument("--sample", choices=("v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "pool"),
                    default="v11",
                    help="v11: the sample of the coder tuned on v10 (seed 20261211); v10: the sample of the coder "
                         "tuned on v9 (seed 20261210); v9: the coder tuned on v8 (seed "
                         "20261209); v8: the sample of the coder tuned on v7 (seed "
                         "20261208); v7: the sample of the coder tuned on v6 (seed "
                         "20261207); v6: the sample of the coder tuned on v5 (seed "
                         "20261206); v5: the coder tuned on v4 and the "
                         "pool (seed 20261203); v4: the coder tuned on v3 (seed 20261202); v3: the news filter's "
                         "coder's (seed 20260611); v2: the first coder's (seed 20151203); pool: dev material "
                         "(seed 20261205)")
    a = ap.parse_args(argv)
    a.file = a.file or {"pool": SAMPLE_POOL, "v11": SAMPLE_V11, "v10": SAMPLE_V10, "v9": SAMPLE_V9, "v8": SAMPLE_V8,
                        "v7": SAMPLE_V7, "v6": SAMPLE_V6, "v5": SAMPLE_V5, "v4": SAMPLE_V4, "v3": SAMPLE_V3,
                        "v2": SAMPLE}[a.sample]
    if not SNN.exists():
        print(f"{SNN} not found: run from the repository root with ../shared beside it", file=sys.stderr)
        return 2
    if a.draw:
        out = a.out or a.file
        drawn = {"pool": draw_pool, "v11": draw_v11, "v10": draw_v10, "v9": draw_v9, "v8": draw_v8, "v7": draw_v7,
                 "v6": draw_v6, "v5": draw_v5, "v4": draw_v4, "v3": draw_v3, "v2": draw}[a.sample]()
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in drawn), encoding="utf-8")
        print(f"wrote {out}")
        return 0
    rows = load(a.file)
    if a.show:
        cache: dict = {}
        for r in rows:
            print(f"#{r['n']} {r['zip']}#{r['record']} [{r['start']}:{r['end']}] {r['source']}/{r['source_agent']} -> "
                  f"{r['target']}/{r['target_agent']} {r['type']} {r['mode']} «{r['evidence']}» "
                  f"{r['verdict']}: {r['reason']}\n    {sentence(r, cache)}")
    judged = [r for r in rows if r["verdict"] in ("right", "wrong")]
    right = sum(r["verdict"] == "right" for r in judged)
    if a.score or not a.show:
        print(f"judged {len(judged)} of {len(rows)} events: right {right}, precision "
              f"{right / len(judged) if judged else 0:.3f}")
        if judged and all("verdict_strict" in r for r in judged):
            strict = sum(r["verdict_strict"] == "right" for r in judged)
            print(f"strict reading (an empty side the text names is an error; no place-as-target convention): "
                  f"right {strict}, precision {strict / len(judged):.3f}")
        if judged and all(r.get("verdict_second") in ("right", "wrong") for r in judged):
            second = sum(r["verdict_second"] == "right" for r in judged)
            agree = sum(r["verdict_second"] == r["verdict"] for r in judged)
            print(f"second judging: right {second}, precision {second / len(judged):.3f}; the two agree on "
                  f"{agree} of {len(judged)}")
        if judged and all(r.get("confidence") is not None for r in judged):
            from toolkit.event_filter import news_threshold

            th = news_threshold()
            hi = [r for r in judged if r["confidence"] >= th]
            ok = sum(r["verdict"] == "right" for r in hi)
            print(f"with confidence >= {th} (the confidence stored when the sample was drawn: what "
                  f"events.news_only() kept then): {len(hi)} events, right {ok}, "
                  f"precision {ok / len(hi) if hi else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

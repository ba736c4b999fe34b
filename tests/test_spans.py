"""SpanSet and ByEnd answer like a scan over all spans (random spans, checked against the scan)."""
from __future__ import annotations

import random
from types import SimpleNamespace

from toolkit.spans import ByEnd, SpanIndex, SpanSet


def test_spanset_overlapping_is_the_scan_while_it_grows() -> None:
    rng = random.Random(7)
    spans: list[tuple[int, int, int]] = []
    grown = SpanSet()
    for k in range(400):
        s = rng.randrange(0, 2000)
        e = s + rng.randrange(1, 40)
        spans.append((s, e, k))
        grown.add(s, e, k)
        a = rng.randrange(0, 2000)
        b = a + rng.randrange(1, 60)
        want = sorted(k2 for s2, e2, k2 in spans if s2 < b and a < e2)
        assert sorted(grown.overlapping(a, b)) == want
        assert grown.overlaps(a, b) == bool(want) == SpanIndex((x, y) for x, y, _ in spans).overlaps(a, b)
    built = SpanSet(spans)
    assert len(built) == len(grown) == 400
    assert sorted(built.overlapping(0, 3000)) == list(range(400))


def test_byend_gives_the_items_ending_in_a_range_in_their_order() -> None:
    rng = random.Random(11)
    items = [SimpleNamespace(start=s, end=s + rng.randrange(1, 9), k=k)
             for k, s in enumerate(sorted(rng.randrange(0, 500) for _ in range(300)))]
    index = ByEnd(items)
    for _ in range(200):
        lo = rng.randrange(0, 510)
        hi = lo + rng.randrange(0, 6)
        assert [x.k for x in index.ending_in(lo, hi)] == [x.k for x in items if lo <= x.end <= hi]


def test_sentence_of_is_the_sentence_a_scan_finds():
    """Doc.sentence_of (a binary search over the sentence starts) against a plain scan, on
    random sentence lists with gaps between sentences, before the first and after the last."""
    import random

    from toolkit.arabic import normalize
    from toolkit.model import Doc

    rng = random.Random(20261202)
    for _ in range(200):
        pos, sents = 0, []
        for _ in range(rng.randint(0, 25)):
            pos += rng.randint(0, 3)
            end = pos + rng.randint(1, 9)
            sents.append((pos, end))
            pos = end
        text = "x" * (pos + 4)
        doc = Doc(text=text, lang="ar", norm=normalize(text), regions=((0, len(text)),), sentences=tuple(sents))
        for off in range(-1, pos + 4):
            scan = next((k for k, (s, e) in enumerate(sents) if s <= off < e), None)
            assert doc.sentence_of(off) == scan, (sents, off)

"""Long texts are annotated in pieces cut at sentence boundaries, with offsets into the whole text."""
from __future__ import annotations

from pathlib import Path

import pytest

import toolkit
from toolkit.limits import Limits
from toolkit.pipeline import pieces
from toolkit.text import split_sentences


def _key(ann):
    return ({(m.start, m.end, m.type, str(m.value), m.sentence) for m in ann.mention_records},
            {(e.start, e.end, e.type, e.source, e.target, e.sentence) for e in ann.event_records})


def test_pieces_cover_the_sentences_in_order() -> None:
    text = "جملة أولى هنا. " * 300 + "كلمة " * 900
    sents = split_sentences(text, [(0, len(text))])
    got = pieces(text, sents, 1000)
    assert all(b - a <= 1000 for (a, b), _ in got)
    flat = [sp for _, group in got for sp in group]
    assert flat == sorted(flat) and flat[0][0] == sents[0][0] and flat[-1][1] == sents[-1][1]
    # the overlong last sentence (no punctuation) is cut at spaces, nothing lost but spaces
    assert "".join(text[s:e] for s, e in flat).replace(" ", "") == "".join(text[s:e] for s, e in sents).replace(" ", "")


def test_the_seed_in_small_pieces_gives_the_same_annotation(seed_path: Path) -> None:
    article = toolkit.load_article(seed_path)
    whole = toolkit.annotate(article)
    cut = toolkit.annotate(article, limits=Limits(max_piece_chars=1000))
    assert len(article.text) > 2000  # so it really is cut
    assert _key(cut) == _key(whole)
    assert cut.sentences == whole.sentences


def test_offsets_hold_in_pieces() -> None:
    unit = ("وقع الرئيس الروسي فلاديمير بوتين ونظيره الإيراني مسعود بزشكيان في موسكو يوم 17 يناير 2025 "
            "معاهدة بقيمة 5 مليارات دولار. ")
    text = unit * 60
    ann = toolkit.annotate(text, lang="ar", limits=Limits(max_piece_chars=2000))
    assert len(ann.mention_records) > 60 * 3
    assert all(text[m.start:m.end] == m.text for m in ann.mention_records)
    assert all(0 <= e.start < e.end <= len(text) for e in ann.event_records)
    assert sorted({m.sentence for m in ann.mention_records}) == list(range(60))


def test_piece_size_is_checked() -> None:
    with pytest.raises(ValueError, match="max_piece_chars"):
        Limits(max_piece_chars=10)


def test_the_collector_is_paused_while_annotators_run_and_resumed_after():
    import gc

    from toolkit import pipeline, registry

    seen = []

    def probe(doc):
        seen.append(gc.isenabled())
        return []

    registry.register("gc_probe", probe, produces=("gc_probe",))
    try:
        assert gc.isenabled()
        toolkit.annotate("التقى الرئيس الروسي نظيره الطاجيكي.", lang="ar")
        assert seen == [False] and gc.isenabled()
        gc.disable()  # the caller's choice stays
        try:
            toolkit.annotate("التقى الرئيس الروسي نظيره الطاجيكي.", lang="ar")
            assert seen == [False, False] and not gc.isenabled()
        finally:
            gc.enable()
        with pytest.raises(RuntimeError):
            with pipeline.collector_paused():
                raise RuntimeError("an annotator failed")
        assert gc.isenabled()  # resumed after an error too
    finally:
        registry.unregister("gc_probe")

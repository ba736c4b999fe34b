"""Is every annotator's cost linear in the length of the text? ms/KB at 10 KB, 100 KB and 1 MB.

Adversarial inputs (issue 16, item 7): a repeated «مليار دولار», a repeated «مايو 2024», a
repeated real sentence (the seed article's lead), 1 MB of Arabic words with no punctuation,
and 1 MB of digits. Each annotator in ``ANNOTATORS`` runs on a Doc of each input at each size;
the baseline is a bare normalisation pass (``toolkit.arabic.normalize``) on the same text in the
same run. Printed: ms/KB per annotator and size, the ratio of the 1 MB figure to the 10 KB
figure (linear: about 1; the target is at most 1.5), and ms/KB against the baseline's. Times are
CPU times of this process, best of interleaved rounds (see ``per_kb``), so that a busy machine
distorts them as little as it can.

    python benchmarks/bench_linear.py [--sizes 10,100,1000] [--inputs NAME,...] [--only NAME,...] [--rounds N]

Exit status 1 when some annotator's 1 MB figure is more than 1.5 times its 10 KB figure.

``ANNOTATORS`` holds the name tagger alone (``tagger``: ``toolkit.ner.names``; the people,
organisations and places annotators call it, and each of their figures includes it, since the
tagger's per-document cache is cleared before every timed call), every registered annotator (each
after the annotators whose mentions it reads, which run first and are not timed) and, last,
``pipeline``: ``toolkit.annotate`` on the whole text (layout, sentences, every annotator; a text
longer than ``Limits.max_piece_chars`` is annotated in pieces). Add others as (name, function of a
Doc, names of the annotators it needs).
"""
from __future__ import annotations

import argparse
from dataclasses import replace
import gc
import sys
import time
from pathlib import Path
from typing import Callable

from toolkit import ner, registry
from toolkit.arabic import normalize
from toolkit.model import Doc
from toolkit.pipeline import annotate, collector_paused, resolve
from toolkit.text import split_sentences

REPO = Path(__file__).resolve().parents[1]


def _pipeline(doc: Doc) -> list:
    return list(annotate(doc.text, lang=doc.lang).mention_records)


def _uncached(func: Callable[[Doc], list], doc: Doc) -> list:
    """``func(doc)`` as the pipeline runs it (the garbage collector paused,
    ``pipeline.collector_paused``), without the name tagger's per-document cache: a small size
    runs many times on one text, and a cached tagger would leave its cost out of the small sizes'
    figures only."""
    ner.clear_cache()
    with collector_paused():
        return func(doc)


def _names(doc: Doc) -> list:
    return list(ner.names(doc))


def _registered() -> list[tuple[str, Callable[[Doc], list], tuple[str, ...]]]:
    out = []
    for a in registry.plan():
        needs = tuple(b.name for b in registry.plan([a.name]) if b.name != a.name)
        out.append((a.name, a.func, needs))
    return out


#: (name, annotate(doc), annotators run before it, untimed, for the mentions it needs)
ANNOTATORS: list[tuple[str, Callable[[Doc], list], tuple[str, ...]]] = (
    [("tagger", _names, ())] + _registered() + [("pipeline", _pipeline, ())])
_BY_NAME = {name: func for name, func, _ in ANNOTATORS}


def _prepared(doc: Doc, needs: tuple[str, ...]) -> Doc:
    """``doc`` with the mentions of the annotators in ``needs`` (settled as the pipeline settles them)."""
    for n in needs:
        doc = doc.with_mentions(_BY_NAME[n](doc))
    return replace(doc, mentions=tuple(resolve(doc.mentions)))

#: A real sentence (the lead of the seed article in corpus/), repeated.
_SEED = REPO / "corpus" / "000_32804eb77b22d83d.txt"
_FALLBACK_SENTENCE = ("وبحث رئيس جمهورية طاجيكستان إمام علي رحمان مع الرئيس الروسي فلاديمير بوتين اليوم الجمعة "
                      "25 ابريل/نيسان 2025 في موسكو العلاقات بين البلدين. ")


def _real_sentence() -> str:
    if _SEED.exists():
        for line in _SEED.read_text(encoding="utf-8").splitlines():
            if len(line) > 120 and any("0" <= c <= "9" for c in line):
                return line.strip() + " "
    return _FALLBACK_SENTENCE


INPUTS: dict[str, Callable[[], str]] = {
    "billion_dollars": lambda: "بلغت الاستثمارات 5 مليار دولار. ",
    "may_2024": lambda: "في مايو 2024 وقع البلدان. ",
    "real_sentence": _real_sentence,
    "no_punctuation": lambda: "وقال الرئيس إن العلاقات بين البلدين جيدة جدا ",
    "digits": lambda: "1234567890",
    "quotations": lambda: 'وقال وزير الخارجية الروسي سيرغي لافروف: "نحن مستعدون للتعاون مع الجميع". ',
    # English (read as lang "en"): the capitalised-name rules of toolkit/annotators/english_names.py
    "english_names": lambda: ("Col. Hamid al-Shammari, a police spokesman, said the Ministry of Defence and the "
                              "Justice and Development Party (JDP) met Maria Zakharova, 45, in Moscow. "),
    "english_capitals": lambda: "The Big Capitalised Words Of A Headline Run On And On Without End ",
}
#: the inputs read as English text (the others are Arabic)
ENGLISH_INPUTS = frozenset({"english_names", "english_capitals"})


def make_text(unit: str, size_kb: int) -> str:
    """``unit`` repeated to ``size_kb`` kilobytes of UTF-8 (cut at a character)."""
    target = size_kb * 1024
    reps = target // len(unit.encode("utf-8")) + 1
    text = unit * reps
    while len(text.encode("utf-8")) > target:
        text = text[: int(len(text) * target / len(text.encode("utf-8")))]
    return text


def make_doc(text: str, lang: str = "ar") -> Doc:
    regions = ((0, len(text)),)
    return Doc(text=text, lang=lang, norm=normalize(text), regions=regions, sentences=split_sentences(text, regions))


def per_kb(funcs: dict[int, list[Callable[[], object]]], rounds: int) -> dict[int, float]:
    """CPU ms per KB of each size's functions, measured fairly across sizes.

    ``funcs[size]`` holds one function per copy of the input at that size: enough copies that
    a sample of every size handles about as much text as one run of the largest (a hundred
    10 KB documents against one of 1 MB), each copy a separate document, as the articles of a
    corpus are. Running one small document a hundred times would keep it in the processor's
    cache and flatter the small size; separate copies cost what a corpus of small articles
    costs. Each round times every size once, one after the other (so a busy spell on a shared
    machine falls on all sizes alike), with the same number of equally long samples per size.
    The best round counts. CPU time of this process, not wall-clock; garbage is collected
    before each sample.
    """
    sizes = sorted(funcs)
    best = {s: float("inf") for s in sizes}
    for _ in range(rounds):
        for s in sizes:
            gc.collect()
            t0 = time.process_time()
            for func in funcs[s]:
                func()
            took = (time.process_time() - t0) / len(funcs[s])
            best[s] = min(best[s], 1000 * took / s)
    return best


def copies(size: int, sizes: list[int]) -> int:
    """How many separate documents of ``size`` KB make one sample (see ``per_kb``)."""
    return max(1, sizes[-1] // size)


def run(sizes: list[int], inputs: list[str], only: list[str] | None, rounds: int) -> int:
    chosen = [a for a in ANNOTATORS if only is None or a[0] in only]
    # warm up: compile every grammar once (not part of any figure)
    warm = make_doc(make_text(INPUTS["real_sentence"](), 2))
    for _name, func, needs in chosen:
        func(_prepared(warm, needs))
    worst = 0.0
    big, small = sizes[-1], sizes[0]
    print(f"{'input':16s} {'annotator':10s} " + " ".join(f"{s:>7d}KB" for s in sizes)
          + f"   {big}KB/{small}KB  vs baseline   (CPU ms per KB, best of {rounds} rounds)")
    for input_name in inputs:
        unit = INPUTS[input_name]()
        texts = {s: make_text(unit, s) for s in sizes}
        # separate string objects per copy (slicing a longer string makes new ones)
        many = {s: [(texts[s] + " ")[:-1] for _ in range(copies(s, sizes))] for s in sizes}
        base = per_kb({s: [(lambda t=t: normalize(t)) for t in many[s]] for s in sizes}, rounds)
        print(f"{input_name:16s} {'baseline':10s} " + " ".join(f"{base[s]:9.3f}" for s in sizes)
              + f"   {base[big] / base[small]:6.2f}x")
        for name, func, needs in chosen:
            lang = "en" if input_name in ENGLISH_INPUTS else "ar"
            docs = {s: [_prepared(make_doc(t, lang), needs) for t in many[s]] for s in sizes}
            found = len(func(docs[big][0]))
            ms = per_kb({s: [(lambda d=d, f=func: _uncached(f, d)) for d in docs[s]] for s in sizes}, rounds)
            del docs
            ratio = ms[big] / ms[small] if ms[small] else float("inf")
            worst = max(worst, ratio)
            print(f"{'':16s} {name:10s} " + " ".join(f"{ms[s]:9.3f}" for s in sizes)
                  + f"   {ratio:6.2f}x   {ms[big] / base[big]:8.1f}x"
                  + f"   ({found} found at {big} KB)", flush=True)
    print(f"worst {big}KB/{small}KB ratio: {worst:.2f}x (target <= 1.5x)")
    return 0 if worst <= 1.5 else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,100,1000", help="sizes in KB, smallest first (default 10,100,1000)")
    ap.add_argument("--inputs", default=",".join(INPUTS), help="which adversarial inputs (default: all)")
    ap.add_argument("--only", default=None, help="which annotators (default: all in ANNOTATORS)")
    ap.add_argument("--rounds", type=int, default=3, help="best of N interleaved rounds per figure (default 3)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    inputs = args.inputs.split(",")
    unknown = [i for i in inputs if i not in INPUTS]
    if unknown:
        ap.error(f"unknown input(s) {', '.join(unknown)}; known: {', '.join(INPUTS)}")
    only = args.only.split(",") if args.only else None
    return run(sizes, inputs, only, args.rounds)


if __name__ == "__main__":
    sys.exit(main())

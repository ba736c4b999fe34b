#!/usr/bin/env python3
"""Measure the Arabic name tagger: precision, recall and F1 per class, coarse and fine.

    python scripts/eval_ner.py                      # the held-out fifth of NewsFANE (test part)
    python scripts/eval_ner.py --part dev --model /tmp/ner-dev.crfsuite   # tuning figures
    python scripts/eval_ner.py --saudinewsnet       # hand-labelled raw SaudiNewsNet names too
    python scripts/eval_ner.py --pipeline           # the whole pipeline on the held-out fifth
    python scripts/eval_ner.py --pipeline --part dev --model /tmp/ner-dev.crfsuite   # tuning it
    python scripts/eval_ner.py --part dev --model /tmp/ner-dev.crfsuite --nn /tmp/ner-nn-dev.npz  # both on train
    python scripts/eval_ner.py --nn none                # the CRF alone

NewsFANE figures are exact-span matches over the words as raw news writes them (clitics
re-joined, toolkit.ner.conll.rejoin). The SaudiNewsNet figures compare the whole pipeline's
person and organisation mentions (tagger + lexicons) with the hand labels in
tests/data/ner_saudinewsnet_labels.jsonl, reading the text from ../shared/corpora/saudinewsnet;
a mention matches a label of its type when the spans are equal (exact) or overlap (overlap).

``--pipeline`` scores what a user gets: ``toolkit.annotate`` on each held-out NewsFANE sentence
(its re-joined words joined by spaces, ten sentences to a document as above), its person and
organization mentions against the gold PER and ORG names (NewsFANE's Group class, nations'
peoples such as العرب, is PER there and left out here: the toolkit's persons are people). A
mention without the proclitics that the re-joined gold span starts with (بلير for وبلير) is
exact: the toolkit's spans leave proclitics out, as the seed gold's do.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit.arabic import normalize_key  # noqa: E402
from toolkit.ner import conll, split, tagger  # noqa: E402

LABELS = REPO / "tests" / "data" / "ner_saudinewsnet_labels.jsonl"
SNN = REPO / ".." / "shared" / "corpora" / "saudinewsnet"


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(title: str, tp: Counter, pred: Counter, gold: Counter, order: list[str] | None = None) -> list[str]:
    lines = [title, f"  {'class':<20} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    keys = order or sorted(set(gold) | set(pred), key=lambda k: (-gold[k], k))
    for k in keys:
        p, r, f = prf(tp[k], pred[k], gold[k])
        lines.append(f"  {k:<20} {p:6.3f} {r:6.3f} {f:6.3f} {gold[k]:6d} {pred[k]:6d}")
    return lines


def coarse_of(label: str) -> str:
    if label in ("MISC", "PER", "ORG", "GPE", "LOC", "FAC"):
        return label
    return tagger.classes()[label]["coarse"]


#: NewsFANE keeps no article boundaries: names are made consistent over blocks of this many sentences
BLOCK = 10


def predictions(sents, propagate: bool) -> list[list[tuple[int, int, str]]]:
    """The names of each sentence: (first word, end word, NewsFANE class)."""
    out: list[list[tuple[int, int, str]]] = []
    for b in range(0, len(sents), BLOCK):
        block = [[normalize_key(t) or t for t in s.tokens] for s in sents[b:b + BLOCK]]
        tagged = tagger.tag_sentences(block)
        if propagate:
            tagged = tagger.propagate(block, tagged)
        for ws, tg in zip(block, tagged):
            spans = [(ws, i, j, c) for i, j, c, _ in tagger.spans_of(tg)]
            out.append([(i, j, f) for (_, i, j, _), f in zip(spans, tagger.fine_classes(spans))])
    return out


def use_model(model: str) -> None:
    """Tag with the model files beside ``model`` (``X.crfsuite``: X.npz, X.fine.npz, X.vocab.tsv)."""
    path = Path(model)
    tagger.MODEL_FILE = path
    tagger.DECODER_FILE = path.with_suffix(".npz")
    tagger.FINE_FILE = path.with_suffix(".fine.npz")
    tagger.VOCAB_FILE = path.with_suffix(".vocab.tsv")
    for f in (tagger._scorer, tagger._word_tables, tagger._fine_model, tagger._fine_choices):
        f.cache_clear()


def newsfane(part: str, model: str | None, propagate: bool = True) -> list[str]:
    if model:
        use_model(model)
    parts = split.load()
    sents = parts[part]
    tp, pred, gold = Counter(), Counter(), Counter()
    ctp, cpred, cgold = Counter(), Counter(), Counter()
    otp = Counter()  # coarse, overlapping spans (each gold span matched once)
    for s, names in zip(sents, predictions(sents, propagate)):
        g = {(a, b): tagger.training_label("B-" + c)[2:] for a, b, c in conll.spans(s.tags)}
        p = {(a, b): c for a, b, c in names}
        for c in g.values():
            gold[c] += 1
            cgold[coarse_of(c)] += 1
        for span, c in p.items():
            pred[c] += 1
            cpred[coarse_of(c)] += 1
            if g.get(span) == c:
                tp[c] += 1
            if span in g and coarse_of(g[span]) == coarse_of(c):
                ctp[coarse_of(c)] += 1
        used: set = set()
        for (a, b), c in p.items():
            for (ga, gb), gc in g.items():
                if (ga, gb) not in used and a < gb and ga < b and coarse_of(gc) == coarse_of(c):
                    used.add((ga, gb))
                    otp[coarse_of(c)] += 1
                    break
    n_tok = sum(len(s.tokens) for s in sents)
    out = [f"NewsFANE {part} part: {len(sents)} sentences, {n_tok} words (clitics re-joined), "
           f"model {tagger.MODEL_FILE.name}, names made consistent over blocks of {BLOCK} sentences: "
           f"{'yes' if propagate else 'no'}"]
    out += table("coarse classes (exact span, coarse class right):", ctp, cpred, cgold,
                 ["PER", "ORG", "GPE", "LOC", "FAC", "MISC"])
    atp, apred, agold = sum(ctp.values()), sum(cpred.values()), sum(cgold.values())
    out.append("  {:<20} {:6.3f} {:6.3f} {:6.3f} {:6d} {:6d}".format("all", *prf(atp, apred, agold), agold, apred))
    out += table("coarse classes, overlapping spans (a lenient view, for reference):", otp, cpred, cgold,
                 ["PER", "ORG", "GPE", "LOC", "FAC", "MISC"])
    out += table("fine classes (exact span, fine class right):", tp, pred, gold)
    return out


def count_matches(got, golds, exact, tp_e: Counter, tp_o: Counter, pred: Counter, gold: Counter) -> None:
    """Count predicted (start, end, type) spans against gold ones: each gold span is matched once,
    exactly (``exact(start, end, gold_start, gold_end)``) and by overlap."""
    for *_, t in golds:
        gold[t] += 1
    used_e, used_o = set(), set()
    for a, b, t in got:
        pred[t] += 1
        k = next((k for k, (ga, gb, gt) in enumerate(golds)
                  if gt == t and k not in used_e and exact(a, b, ga, gb)), None)
        if k is not None:
            used_e.add(k)
            tp_e[t] += 1
        k = next((k for k, (ga, gb, gt) in enumerate(golds) if gt == t and k not in used_o and a < gb and ga < b),
                 None)
        if k is not None:
            used_o.add(k)
            tp_o[t] += 1


#: a gold span that starts with a clitic NewsFANE wrote apart (و بلير -> وبلير) matches a mention without it
_PROCLITIC_CHAIN = re.compile(r"[وف]?[بلك]?")


def _proclitics(prefix: str) -> bool:
    return bool(prefix) and _PROCLITIC_CHAIN.fullmatch(prefix) is not None


def pipeline(part: str) -> list[str]:
    """The whole pipeline's person and organization mentions on a NewsFANE part (see the docstring)."""
    import toolkit
    from toolkit.layout import from_text

    sents = split.load()[part]
    want = {"person": "PER", "organization": "ORG"}
    tp_e, tp_o, pred, gold = Counter(), Counter(), Counter(), Counter()
    for b in range(0, len(sents), BLOCK):
        block = sents[b:b + BLOCK]
        texts, spans, golds = [], [], []
        pos = 0
        for s in block:
            offs = []
            for tok in s.tokens:
                offs.append((pos, pos + len(tok)))
                pos += len(tok) + 1
            texts.append(" ".join(s.tokens))  # pos is now past the newline that follows
            spans.append(offs)
            for i, j, c in conll.spans(s.tags):
                label = tagger.training_label("B-" + c)[2:]
                if label == "Group":
                    continue
                coarse = coarse_of(label)
                if coarse in ("PER", "ORG"):
                    golds.append((offs[i][0], offs[j - 1][1], coarse))
        text = "\n".join(texts)
        doc = toolkit.annotate(from_text(text, language="ar"))
        got = [(int(r.start), int(r.end), want[r.type]) for r in doc.mentions.itertuples() if r.type in want]
        count_matches(got, golds, lambda a, e, ga, gb, _t=text: e == gb and (a == ga or _proclitics(_t[ga:a])),
                      tp_e, tp_o, pred, gold)
    out = [f"the pipeline (toolkit.annotate) on the NewsFANE {part} part, {len(sents)} sentences in documents of "
           f"{BLOCK}; gold PER without the Group class, and ORG"]
    out += table("exact spans:", tp_e, pred, gold, ["PER", "ORG"])
    out += table("overlapping spans:", tp_o, pred, gold, ["PER", "ORG"])
    return out


def _meta(record: dict) -> dict:
    """The record's source and date, as the SaudiNewsNet reader gives them to an article."""
    out = {"source": record.get("source") or None, "published": (record.get("date_extracted") or "")[:10] or None}
    return {k: v for k, v in out.items() if v}


def saudinewsnet() -> list[str]:
    import toolkit
    from toolkit.layout import from_text

    if not LABELS.exists():
        return [f"no hand labels at {LABELS.relative_to(REPO)}"]
    if not SNN.is_dir():
        return ["../shared/corpora/saudinewsnet is absent: SaudiNewsNet figures skipped"]
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_sentence: dict[tuple, list[dict]] = defaultdict(list)
    records: dict[str, list] = {}
    for lab in labels:
        by_sentence[(lab["zip"], lab["record"], lab["sentence_start"], lab["sentence_end"])].append(lab)
    tp_e, tp_o, pred, gold = Counter(), Counter(), Counter(), Counter()
    for (zname, rec, s0, s1), labs in sorted(by_sentence.items()):
        if zname not in records:
            with zipfile.ZipFile(SNN / zname) as zf:
                records[zname] = json.loads(zf.read(zf.namelist()[0]).decode("utf-8"))
        content = records[zname][rec]["content"]
        sent = content[s0:s1]
        ann = toolkit.annotate(from_text(sent, language="ar", meta=_meta(records[zname][rec])))
        m = ann.mentions
        got = [(int(r.start), int(r.end), r.type) for r in m.itertuples() if r.type in ("person", "organization")]
        gl = [(lab["start"] - s0, lab["end"] - s0, lab["type"]) for lab in labs if lab["type"] != "none"]
        count_matches(got, gl, lambda a, b, ga, gb: (a, b) == (ga, gb), tp_e, tp_o, pred, gold)
    out = [f"SaudiNewsNet hand labels: {sum(gold.values())} names in {len(by_sentence)} raw sentences "
           f"({LABELS.relative_to(REPO)}); the pipeline's person/organization mentions"]
    out += table("exact spans:", tp_e, pred, gold, ["person", "organization"])
    out += table("overlapping spans:", tp_o, pred, gold, ["person", "organization"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="test", choices=("train", "dev", "test"))
    ap.add_argument("--model", help="a model file other than the shipped one")
    ap.add_argument("--nn", help="a neural tagger other than the shipped one (scripts/train_ner_nn.py --out; "
                                 "its .json beside it), or 'none' for the CRF alone")
    ap.add_argument("--clusters", help="word clusters other than the shipped ones, or 'none'")
    ap.add_argument("--contexts", help="word context profiles other than the shipped ones, or 'none'")
    ap.add_argument("--no-propagate", action="store_true", help="score the sentence-by-sentence labels only")
    ap.add_argument("--saudinewsnet", action="store_true", help="also score the hand-labelled SaudiNewsNet names")
    ap.add_argument("--only-saudinewsnet", action="store_true", help="score only the SaudiNewsNet names")
    ap.add_argument("--pipeline", action="store_true", help="score only the whole pipeline on the NewsFANE part")
    args = ap.parse_args(argv)
    if args.clusters:  # "none": a path that is not there, so the tagger reads no clusters
        tagger.CLUSTERS_FILE = Path(args.clusters if args.clusters != "none" else "/no-word-clusters")
    if args.contexts:
        tagger.CONTEXTS_FILE = Path(args.contexts if args.contexts != "none" else "/no-word-contexts")
    if args.nn:
        tagger.NN_FILE = Path(args.nn if args.nn != "none" else "/no-neural-tagger.npz")
    if args.clusters or args.contexts or args.nn:
        for f in (tagger._scorer, tagger._word_tables, tagger._net, tagger.nn_meta):
            f.cache_clear()
    if not split.corpus_path().exists() and not args.only_saudinewsnet:
        print(f"NewsFANE not found at {split.corpus_path()}", file=sys.stderr)
        return 2
    lines: list[str] = []
    if args.pipeline:
        if args.model:
            use_model(args.model)
        print("\n".join(pipeline(args.part)))
        return 0
    if not args.only_saudinewsnet:
        lines += newsfane(args.part, args.model, not args.no_propagate)
    if args.saudinewsnet or args.only_saudinewsnet:
        lines += [""] + saudinewsnet()
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

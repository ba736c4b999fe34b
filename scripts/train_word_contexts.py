#!/usr/bin/env python3
"""Word context profiles for the name tagger, counted in raw Arabic news (reproducible, offline).

    python scripts/train_word_contexts.py            # writes toolkit/ner/models/word_contexts.tsv.gz

A name the tagger's training text never had is still written, somewhere in a large raw corpus,
after a title (الرئيس، اللاعب), after a given name (a family name), after a reporting verb, after
an organisation's head noun (وزارة، حركة، صحيفة), before بن; and a name's stem is hardly ever
written with the article ال, where a common noun or an adjective often is. This script counts,
for every word seen at least ``MIN_COUNT`` times in SaudiNewsNet (``../shared/corpora/saudinewsnet``,
31,030 articles, July–August 2015; CC BY-NC-SA 4.0), how often each of the contexts of
``CONTEXTS`` holds around it, with the word lists of the running lexicons
(:func:`toolkit.ner.features.gazetteers`), and writes ``word<TAB>share of each context``
(per mille, in the order of ``CONTEXTS``) for the ``MAX_WORDS`` most frequent words,
gzip-compressed, and ``word_contexts.json`` (provenance, parameters, licence).

Text is normalised and cut into words as the tagger reads it (:func:`toolkit.arabic.normalize`,
:data:`toolkit.ner.features.TOKEN`); the counts need no model, so no word's profile depends on
what the tagger was trained on. The file is derived from SaudiNewsNet and carries its licence
(CC BY-NC-SA 4.0, see ``toolkit/ner/models/README.md``).
"""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from toolkit.ner import features as F  # noqa: E402
from train_word_clusters import MAX_WORDS, MIN_COUNT, corpus_and_out, sentences, write_gz  # noqa: E402

OUT = REPO / "toolkit" / "ner" / "models" / "word_contexts.tsv.gz"
VERSION = "1.0"
#: the contexts counted, in the file's column order (see features.CONTEXTS for what reads them)
CONTEXTS = F.CONTEXTS


def profiles(corpus: Path, skipped: list) -> tuple[Counter, dict[str, Counter], Counter, Counter]:
    """(word counts, context counts per context, stem counts, stem-with-ال counts)."""
    sets = F.context_sets()
    count: Counter = Counter()
    ctx: dict[str, Counter] = {name: Counter() for name in CONTEXTS if name != "al"}
    stems: Counter = Counter()
    stems_al: Counter = Counter()
    prev_tests = [(name, words) for name, (side, words) in sets.items() if side == -1]
    next_tests = [(name, words) for name, (side, words) in sets.items() if side == 1]
    for words in sentences(corpus, skipped):
        count.update(words)
        for i, w in enumerate(words):
            if i:
                p = words[i - 1]
                ps = F.lexical(p)[1]
                for name, test in prev_tests:
                    if p in test or ps in test:
                        ctx[name][w] += 1
            if i + 1 < len(words):
                n = words[i + 1]
                ns = F.lexical(n)[1]
                for name, test in next_tests:
                    if n in test or ns in test:
                        ctx[name][w] += 1
    for w, c in count.items():
        pre, stem = F.lexical(w)[:2]
        stems[stem] += c
        if pre.endswith("ال") or pre.endswith("لل"):
            stems_al[stem] += c
    return count, ctx, stems, stems_al


def main(argv: list[str] | None = None) -> int:
    paths = corpus_and_out(argv, __doc__, OUT)
    if paths is None:
        return 2
    corpus, out = paths
    t0 = time.time()
    skipped: list = []
    count, ctx, stems, stems_al = profiles(corpus, skipped)
    if skipped:
        print(f"{len(skipped)} records could not be read and were left out: {skipped[:3]}", file=sys.stderr)
    words = [w for w, c in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])) if c >= MIN_COUNT][:MAX_WORDS]
    rows = []
    for w in words:
        c = count[w]
        stem = F.lexical(w)[1]
        shares = []
        for name in CONTEXTS:
            if name == "al":
                shares.append(round(1000 * stems_al[stem] / stems[stem]) if stems[stem] else 0)
            else:
                shares.append(round(1000 * ctx[name][w] / c))
        rows.append(w + "\t" + str(c) + "\t" + "\t".join(map(str, shares)) + "\n")
    write_gz(out, rows)
    meta = {
        "name": "word_contexts", "version": VERSION, "file": out.name,
        "corpus": "SaudiNewsNet (31,030 Arabic articles, July-August 2015), by Mazen Abdulaziz",
        "corpus_licence": "CC BY-NC-SA 4.0", "licence": "CC BY-NC-SA 4.0 (derived from SaudiNewsNet)",
        "words": len(words), "min_count": MIN_COUNT,
        "columns": ["word", "count", *(f"{name} (per mille)" for name in CONTEXTS)],
        "contexts": {name: desc for name, desc in F.CONTEXT_DESCRIPTIONS.items()},
        "word_lists": {name: {"side": side, "words": len(words)} for name, (side, words) in F.context_sets().items()},
        "trained": dt.date.today().isoformat(), "script": "scripts/train_word_contexts.py",
        "skipped_records": len(skipped),
    }
    out.with_name(out.name.replace(".tsv.gz", ".json")).write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB), {len(words):,} words, {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The fixed split of NewsFANE Gold used to train and measure the name tagger.

By sentence order: the first three fifths train the model while its features and
parameters are tuned (``train``), the fourth fifth is where they are tuned (``dev``), and
the last fifth is held out (``test``): never tuned on, only measured. The shipped model is
trained on ``train + dev``.
"""
from __future__ import annotations

from pathlib import Path

import toolkit.ner.conll as conll

#: the corpus beside the checkout, relative to the repository root
CORPUS = Path("..") / "shared" / "corpora" / "newsfane" / "newsfane_gold.conll"
REPO = Path(__file__).resolve().parents[2]


def corpus_path(path: str | Path | None = None) -> Path:
    """The NewsFANE file: ``path`` if given, else ``../shared/...`` beside the repository."""
    return Path(path) if path else (REPO / CORPUS)


def parts(sentences: list[conll.Sentence]) -> dict[str, list[conll.Sentence]]:
    """``{"train", "dev", "test", "final"}``: the split by sentence order (``final`` = train + dev)."""
    n = len(sentences)
    a, b = n * 3 // 5, n * 4 // 5
    return {"train": sentences[:a], "dev": sentences[a:b], "test": sentences[b:], "final": sentences[:b]}


def load(path: str | Path | None = None, *, joined: bool = True) -> dict[str, list[conll.Sentence]]:
    """The parts of the corpus, clitics re-joined (``joined``) as raw news writes them."""
    sents = conll.read(corpus_path(path))
    if joined:
        sents = [conll.rejoin(s) for s in sents]
    return parts(sents)

"""The relations toolkit: read news articles, annotate countries, people, dates, events.

The public API (see DESIGN.md)::

    import toolkit
    article = toolkit.load_article("corpus/000_32804eb77b22d83d.txt")
    ann = toolkit.annotate(article)
    corpus = toolkit.load_corpus("corpus/")

Names are imported on first use, so ``import toolkit`` stays light.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from toolkit.version import __version__

_EXPORTS = {
    "Article": "toolkit.articles",
    "load_article": "toolkit.readers",
    "from_text": "toolkit.layout",
    "Corpus": "toolkit.corpus",
    "load_corpus": "toolkit.corpus",
    "annotate": "toolkit.pipeline",
    "Annotation": "toolkit.annotation",
}

__all__ = ["Annotation", "Article", "Corpus", "__version__", "annotate", "from_text", "load_article", "load_corpus"]

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.annotation import Annotation
    from toolkit.articles import Article
    from toolkit.corpus import Corpus, load_corpus
    from toolkit.layout import from_text
    from toolkit.pipeline import annotate
    from toolkit.readers import load_article


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))

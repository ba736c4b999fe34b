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
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("relations-toolkit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

_EXPORTS = {
    "Article": "toolkit.articles",
    "load_article": "toolkit.articles",
    "from_text": "toolkit.articles",
    "Corpus": "toolkit.corpus",
    "load_corpus": "toolkit.corpus",
    "annotate": "toolkit.pipeline",
    "Annotation": "toolkit.pipeline",
}

__all__ = sorted(_EXPORTS) + ["__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.articles import Article, from_text, load_article
    from toolkit.corpus import Corpus, load_corpus
    from toolkit.pipeline import Annotation, annotate


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))

"""Names the lexicons have never seen: a statistical Arabic name tagger (CRF, NewsFANE Gold).

``toolkit.ner.names(doc)`` gives the tagged names of a document (persons, organisations,
places below the country, with fine classes and confidences); the people, organisations
and places annotators link them to the lexicons. See ``toolkit/ner/models/README.md`` for
the model's provenance and licence (CC BY-SA 3.0, like the corpus it was trained on).
"""
from toolkit.ner.tagger import Name, clear_cache, names, rule, version, word_counts

__all__ = ["Name", "names", "rule", "version", "clear_cache", "word_counts"]

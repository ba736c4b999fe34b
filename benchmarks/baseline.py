"""The bare lexicon scan every benchmark compares with: normalise, then one Aho-Corasick pass.

``country_automaton()`` is one automaton over the normalised Arabic country-name keys of
``country_names.csv`` (built outside any timing); ``scan(texts, auto)`` normalises each text and
counts the automaton's raw hits (no word boundaries, no clitics, no lexicon rows): the least
work that finds the countries of a text.
"""
from __future__ import annotations

import ahocorasick

from toolkit import lexicon
from toolkit.arabic import normalize, normalize_key


def country_automaton() -> ahocorasick.Automaton:
    """One automaton over the normalised Arabic country-name keys (country_names.csv)."""
    auto = ahocorasick.Automaton()
    for r in lexicon.rows("country_names"):
        if r.get("lang") == "ar":
            key = " ".join(normalize_key(r["form"]).split())
            if key:
                auto.add_word(key, len(key))
    auto.make_automaton()
    return auto


def scan(texts: list[str], auto: ahocorasick.Automaton) -> int:
    """Normalise every text and count the automaton's raw hits."""
    hits = 0
    for t in texts:
        for _ in auto.iter(normalize(t).text):
            hits += 1
    return hits

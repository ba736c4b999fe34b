"""Shared pieces of the fuzz suite: hypothesis profiles and strategies (see docs/fuzzing.md).

Profiles: ``ci`` (the default: few examples, no deadline, no example database, so the whole
suite stays well inside a minute on two shared cores) and ``long`` (``HYPOTHESIS_PROFILE=long``:
fifty times the examples, and the example database in ``.hypothesis/`` keeps what failed).
``FUZZ_SCALE=N`` multiplies the examples of either profile.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", deadline=None, database=None, print_blob=True, suppress_health_check=_SLOW)
settings.register_profile("long", deadline=None, print_blob=True, suppress_health_check=_SLOW)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "long"):
    raise RuntimeError(f"HYPOTHESIS_PROFILE must be ci or long, not {PROFILE!r}")
SCALE = (50 if PROFILE == "long" else 1) * max(1, int(os.environ.get("FUZZ_SCALE", "1")))


def fuzz(examples: int) -> settings:
    """The settings of a fuzz test: ``examples`` in the ci profile (scaled in the long one)."""
    return settings(settings.get_profile(PROFILE), max_examples=examples * SCALE)


REPO = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------- text

#: Arabic diacritics (fathatan ... sukun, superscript alef), tatweel.
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
TATWEEL = "\u0640"
#: Bidi controls (marks, embeddings, overrides, isolates), joiners, the BOM, NBSP.
CONTROLS = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
            "\u2066", "\u2067", "\u2068", "\u2069", "\u200c", "\u200d", "\ufeff", "\u00a0", "\u2009"]
#: Arabic presentation forms (A and B): the ligature lam-alef, isolated and final letters.
PRESENTATION = ["\ufefb", "\ufef5", "\ufe8d", "\ufe91", "\ufeed", "\ufee1", "\ufdf2", "\ufdfa", "\ufb50",
                "\ufe80", "\ufe94", "\ufeea", "\ufef0", "\ufef2"]
PUNCTUATION = list(".,،؛؟!:;\"'«»()[]-–—/…") + ["\n", "\n\n", "\r\n", "\t", " - ", "...", "؟!"]
DIGITS = st.one_of(
    st.integers(0, 10**12).map(str),
    st.integers(0, 10**6).map(lambda n: str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))),
    st.integers(0, 10**6).map(lambda n: f"{n:,}"),
    st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(["2024", "1445", "٢٠٢٤", "1/5/2024", "2024-05-01", "٪", "%", "$", "٫", "٬"]),
)


@lru_cache(maxsize=1)
def lexicon_words() -> tuple[str, ...]:
    """Every short form in the lexicons (names, demonyms, capitals, titles, cues, units, months)."""
    from toolkit import lexicon

    folder = Path(lexicon.__file__).resolve().parent
    out: set[str] = set()
    for path in sorted(folder.glob("*.csv")):
        for row in lexicon.rows(path.stem):
            for key, value in row.items():
                if not isinstance(value, str) or key in ("note", "id", "constraints", "requires", "excludes"):
                    continue
                for form in value.split("|"):
                    form = form.strip()
                    if form and len(form) <= 40 and any(ch.isalpha() for ch in form):
                        out.add(form)
    return tuple(sorted(out))


@lru_cache(maxsize=None)
def words() -> st.SearchStrategy[str]:
    """A lexicon word (one strategy object: labelling a list of 11,000 words is slow)."""
    return st.sampled_from(lexicon_words())


@lru_cache(maxsize=None)
def pieces() -> st.SearchStrategy[str]:
    """One piece of hostile news text."""
    return st.one_of(
        words(),
        words(),
        words().map(lambda w: TATWEEL.join(w) if len(w) < 12 else w),
        DIGITS,
        st.sampled_from(PUNCTUATION),
        st.sampled_from(DIACRITICS + [TATWEEL] + CONTROLS + PRESENTATION),
        st.sampled_from(["و", "ب", "ل", "ال", "وال", "لل", "ف", "ك"]),  # clitics glued to what follows
        st.text(max_size=6),
    )


@lru_cache(maxsize=None)
def hostile_text(max_pieces: int = 40) -> st.SearchStrategy[str]:
    """Arabic, English or mixed text built from lexicon words, digits, punctuation, diacritics,
    tatweel, bidi controls and presentation forms."""
    glue = st.sampled_from([" ", " ", " ", "", "\n", "\u200f", "  "])
    return st.lists(st.tuples(pieces(), glue), max_size=max_pieces).map(lambda xs: "".join(a + b for a, b in xs))


#: Strings that would be markup if they were not escaped.
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", "&", "&amp;",
            "&lt;b&gt;", '"', "'", "<", ">", "</div></p>", "<!-- x -->", "<![CDATA[x]]>", "<!DOCTYPE html>",
            "<?xml ?>", "javascript:alert(1)", "<style>*{}</style>", "</span><b>", "<a href='x'>x</a>",
            "\u202e<i>", "{{7*7}}", "${x}", "روسيا<script>", "&#x3C;script&#x3E;"]


@lru_cache(maxsize=None)
def payloads() -> st.SearchStrategy[str]:
    """A payload alone, or glued into ordinary text."""
    return st.one_of(
        st.sampled_from(PAYLOADS),
        st.tuples(st.sampled_from(PAYLOADS), words(), st.sampled_from(PAYLOADS))
        .map(lambda t: f"{t[0]}{t[1]} {t[2]}"),
        st.lists(st.sampled_from(list("<>&\"'=/ ;#x") + ["روسيا", "onerror", "script"]), max_size=12).map("".join),
    )

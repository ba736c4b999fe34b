"""Which language a text is in, by script and simple cues; how Arabic a text is.

``detect_language(text)`` gives an ISO 639-1 code: by script (Arabic, Cyrillic, Latin,
Greek, Hebrew, CJK, ...) with simple cues inside a script (Persian and Urdu letters together
with their function words; stop words for Latin languages). Arabic script wins when it is at
least ``ARABIC_MIN_SHARE`` of the letters (Latin runs in Arabic articles are names, titles
or scraped code). Latin text with no cue for another language is English; ``"und"`` when
there are no letters. ``arabic_share(text)`` and ``is_arabic_text(text)`` are the one rule
for "is this Arabic" that display and the readers use.
"""
from __future__ import annotations

import re

from toolkit.arabic import is_arabic

_SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("cyrillic", ((0x0400, 0x052F),)),
    ("greek", ((0x0370, 0x03FF),)),
    ("hebrew", ((0x0590, 0x05FF),)),
    ("devanagari", ((0x0900, 0x097F),)),
    ("thai", ((0x0E00, 0x0E7F),)),
    ("hangul", ((0xAC00, 0xD7AF), (0x1100, 0x11FF))),
    ("kana", ((0x3040, 0x30FF),)),
    ("han", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))),
    ("armenian", ((0x0530, 0x058F),)),
    ("georgian", ((0x10A0, 0x10FF),)),
)
_SCRIPT_LANG = {"greek": "el", "hebrew": "he", "devanagari": "hi", "thai": "th", "hangul": "ko",
                "kana": "ja", "han": "zh", "armenian": "hy", "georgian": "ka"}
_PERSIAN = set("پچژگکی")
_URDU = set("ٹڈڑںےہھ")
_UKRAINIAN = set("іїєґІЇЄҐ")
_STOP = {
    "en": "the and of to in is that for with on was said are by as at from it this be has have".split(),
    "fr": "le la les des et est du une dans pour que qui au sur pas avec sont ce aux".split(),
    "de": "der die und das ist nicht mit den von zu ein eine sich auf dem des im für".split(),
    "es": "el los las del y que en por con una para es se al su lo como más".split(),
    "it": "il di che la per un del della non sono gli le nel alla una con".split(),
    "pt": "o os da do das dos que em uma com para não se ao na no mais".split(),
    "tr": "ve bir bu ile için da de olarak çok daha gibi ama".split(),
    "nl": "de het een en van is dat op te zijn niet met voor".split(),
}
_STOP_SETS = {lang: set(words) for lang, words in _STOP.items()}
_ARABIC_SCRIPT_STOP = {
    "ar": set("في من على إلى الى أن عن مع التي الذي هذا هذه كان قد".split()),
    "fa": set("است این که را از با می برای های شد بود آن".split()),
    "ur": set("ہے کے کی میں اور سے کو نے یہ".split()),
}
#: Arabic script wins when it is at least this share of the letters.
ARABIC_MIN_SHARE = 0.35
_WORD = re.compile(r"[^\W\d_]+")


def _class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    return re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" if hi <= 0xFFFF else "" for lo, hi in ranges) + "]")


_SCRIPT_RX = tuple((name, _class(ranges)) for name, ranges in _SCRIPTS)
_LATIN_RX = re.compile("[\u0000-\u036f\u1e00-\u1eff]")
_LETTERS = re.compile(r"[^\W\d_]+")


def _count(rx: re.Pattern[str], s: str) -> int:
    return len(s) - len(rx.sub("", s))


def detect_language(text: str, *, sample: int = 5000) -> str:
    """ISO 639-1 code of ``text`` by script and simple cues; ``"und"`` when unknown."""
    chunk = text[:sample]
    letters = "".join(_LETTERS.findall(chunk))
    counts: dict[str, int] = {}
    rest = len(letters)
    for name, rx in (("latin", _LATIN_RX),) + _SCRIPT_RX:
        if rest <= 0:
            break
        n = _count(rx, letters)
        if n:
            counts[name] = n
            rest -= n
    if rest > 0:
        counts["other"] = rest
    persian = sum(letters.count(ch) for ch in _PERSIAN)
    urdu = sum(letters.count(ch) for ch in _URDU)
    ukrainian = sum(letters.count(ch) for ch in _UKRAINIAN)
    if not counts:
        return "und"
    script = max(counts, key=lambda k: counts[k])
    if counts.get("arabic", 0) >= ARABIC_MIN_SHARE * sum(counts.values()):
        script = "arabic"  # Latin runs in Arabic articles: names, titles, scraped code
    total = counts[script]
    if script == "arabic":
        words = _WORD.findall(chunk)
        cues = {lang: sum(1 for w in words if w in stop) for lang, stop in _ARABIC_SCRIPT_STOP.items()}
        if urdu >= max(2, 0.02 * total) and cues["ur"] > cues["ar"]:
            return "ur"
        if persian >= max(2, 0.02 * total) and cues["fa"] > cues["ar"]:
            return "fa"
        return "ar"
    if script == "cyrillic":
        return "uk" if ukrainian >= max(2, 0.01 * total) else "ru"
    if script == "latin":
        words = [w.lower() for w in _WORD.findall(chunk)]
        scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOP_SETS.items()}
        best = max(scores, key=lambda k: scores[k])
        if scores[best] == 0 or scores[best] == scores["en"]:
            return "en"
        return best
    return _SCRIPT_LANG.get(script, "und")


def arabic_share(text: str) -> float:
    """The share of Arabic-script letters among the letters of ``text`` (0.0 when it has none)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if is_arabic(ch)) / len(letters)


def is_arabic_text(text: str) -> bool:
    """True when Arabic script is at least ``ARABIC_MIN_SHARE`` of the letters (as detect_language decides)."""
    return arabic_share(text) >= ARABIC_MIN_SHARE


__all__ = ["detect_language", "arabic_share", "is_arabic_text", "ARABIC_MIN_SHARE"]

"""Limits for hostile or broken input: documented, with defaults well above any real article.

``Limits`` travels with a read (``iter_articles(..., limits=)``, ``load_corpus(..., limits=)``,
``toolkit ... --max-file-mb``) and with annotation (``annotate(..., limits=)``):

- ``max_file_bytes``: the largest file (or zip member, once extracted) read. A larger one is a
  problem (``ReadError``), so a zip bomb cannot fill the memory: a member is extracted with a
  bounded read, whatever size its header claims.
- ``max_piece_chars``: the longest text annotated in one piece. A longer article is annotated
  in pieces cut at paragraph boundaries (at sentence boundaries inside a longer paragraph,
  at white space inside a longer sentence), and the offsets of every mention and event are
  those of the whole text; nothing an annotator does can then cost more than a piece.

Text is made valid Unicode at the reader: a lone surrogate (which JSON's ``\\ud800`` escapes can
produce, and which no file format can store) becomes U+FFFD, and the number replaced is
reported in the corpus's problems (the article is kept).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: 256 MB: the largest file or zip member read by default (real articles are kilobytes).
DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024
#: 200,000 characters (about 40,000 words, a long report): the longest piece annotated at once.
DEFAULT_MAX_PIECE_CHARS = 200_000

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    """How much a read or an annotation may take on (see the module docstring)."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_piece_chars: int = DEFAULT_MAX_PIECE_CHARS

    def __post_init__(self) -> None:
        if self.max_file_bytes < 1:
            raise ValueError(f"max_file_bytes must be at least 1, not {self.max_file_bytes}")
        if self.max_piece_chars < 1000:
            raise ValueError(f"max_piece_chars must be at least 1000, not {self.max_piece_chars}")


DEFAULT = Limits()


def valid_unicode(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many were replaced."""
    if not _SURROGATE.search(text):
        return text, 0
    out, n = _SURROGATE.subn("\ufffd", text)
    return out, n


__all__ = ["Limits", "DEFAULT", "DEFAULT_MAX_FILE_BYTES", "DEFAULT_MAX_PIECE_CHARS", "valid_unicode"]

"""Name normalisation shared by matching, linking and evaluation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})
_SPACE = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(?:l'|(?:le|la|les|the)\s+)", re.IGNORECASE)


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold(name: str) -> str:
    """Compare form of a name: case folded, accents removed, apostrophes and dashes
    unified, white space collapsed, a leading article (le, la, l', les, the) dropped."""
    folded = strip_accents(name.translate(_APOSTROPHES).translate(_DASHES)).casefold()
    folded = _SPACE.sub(" ", folded).strip()
    return _ARTICLE.sub("", folded, count=1).strip()


def longest_first(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words`` taken literally, the longest first, so
    that "Vice President" is tried before "President"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def trim_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A span without the white space at its ends (evidence spans are trimmed)."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

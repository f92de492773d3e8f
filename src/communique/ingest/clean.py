"""Remove what a reader skips, keeping a map from the cleaned text back to the reader's text.

Rules are data (``boilerplate.yaml``). One rule is not: a short line in another language
than the document, standing alone, is an image caption or a section label of the site
("Flags at UN Headquarters in New York" in a French page), not part of the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from communique.ingest.language import is_other_language


@dataclass(frozen=True)
class OffsetMap:
    """Runs of characters copied from the raw text: ``(clean_start, raw_start, length)``."""

    runs: tuple[tuple[int, int, int], ...] = field(default_factory=tuple)

    def to_raw(self, offset: int) -> int:
        """The raw-text offset of a cleaned-text offset (separators map to the next run)."""
        if not self.runs:
            return offset
        starts = [run[0] for run in self.runs]
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        clean_start, raw_start, length = self.runs[index]
        return raw_start + min(max(offset - clean_start, 0), length)


@dataclass(frozen=True)
class Cleaned:
    text: str
    offsets: OffsetMap


@dataclass(frozen=True)
class _Rules:
    lines: tuple[re.Pattern[str], ...]
    short_lines: tuple[re.Pattern[str], ...]
    inline: re.Pattern[str] | None
    short_words: int


@cache
def _rules() -> _Rules:
    data = yaml.safe_load(resources.files("communique.ingest").joinpath("boilerplate.yaml").read_text(encoding="utf-8"))
    flags = re.IGNORECASE
    inline = [f"(?:{p})" for p in data.get("inline", [])]
    return _Rules(
        lines=tuple(re.compile(p, flags) for p in data["lines"]),
        short_lines=tuple(re.compile(p, flags) for p in data["short_lines"]),
        inline=re.compile("|".join(inline), flags) if inline else None,
        short_words=int(data["short_words"]),
    )


def is_boilerplate_line(line: str) -> bool:
    rules = _rules()
    if any(p.fullmatch(line) for p in rules.lines):
        return True
    return len(line.split()) <= rules.short_words and any(p.fullmatch(line) for p in rules.short_lines)


def _is_foreign_caption(line: str, language: str | None, alone: bool) -> bool:
    if not language or not alone:
        return False
    words = line.split()
    if not 3 <= len(words) <= 12 or line.endswith((".", ":", ";", "?", "!", "»", '"')):
        return False
    return is_other_language(line, language)


# no-break and narrow spaces become plain spaces (one character for one: offsets hold)
_SPACE_LIKE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " "})


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _kept_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of one line left after inline boilerplate is cut out."""
    inline = _rules().inline
    pieces: list[tuple[int, int]] = []
    cursor = start
    if inline is not None:
        for match in inline.finditer(text, start, end):
            pieces.append((cursor, match.start()))
            cursor = match.end()
    pieces.append((cursor, end))
    return [p for p in pieces if p[1] > p[0]]


def clean(text: str, language: str | None = None) -> Cleaned:
    """Drop boilerplate lines and inline widgets; paragraphs are separated by one blank line."""
    text = normalise_newlines(text).translate(_SPACE_LIKE)
    lines = _line_spans(text)
    out: list[str] = []
    runs: list[tuple[int, int, int]] = []
    length = 0
    previous_end = -1
    for line_start, line_end in lines:
        start, end = _strip_span(text, line_start, line_end)
        if start == end:
            continue
        line = text[start:end]
        alone = _blank_before(text, start) or _blank_after(text, end)
        if is_boilerplate_line(line) or _is_foreign_caption(line, language, alone):
            continue
        if out:
            separator = "\n\n" if _blank_between(text, previous_end, start) else "\n"
            out.append(separator)
            length += len(separator)
        for piece_start, piece_end in _kept_pieces(text, start, end):
            runs.append((length, piece_start, piece_end - piece_start))
            out.append(text[piece_start:piece_end])
            length += piece_end - piece_start
        previous_end = end
    return Cleaned(text="".join(out), offsets=OffsetMap(tuple(runs)))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _blank_between(text: str, end: int, start: int) -> bool:
    """Whether a blank line (not merely a dropped one) separates two kept lines."""
    return end >= 0 and _BLANK_LINE.search(text, end, start) is not None


_WINDOW = 4096  # look-around for blank lines, bounded so long lines stay linear


def _blank_before(text: str, start: int) -> bool:
    head = text[max(0, start - _WINDOW) : start].rstrip(" \t")
    if not head.strip():
        return True
    if not head.endswith("\n"):
        return False
    previous = head[:-1].rstrip(" \t")
    return previous.endswith("\n") or not previous.strip()


def _blank_after(text: str, end: int) -> bool:
    tail = text[end : end + _WINDOW].lstrip(" \t")
    if not tail.strip():
        return True
    if not tail.startswith("\n"):
        return False
    following = tail[1:].lstrip(" \t")
    return following.startswith("\n") or not following.strip()

"""One absolute date at a time: the span finder ``date_pattern``, the reader
``parse_date`` (dateparser) and the dateline of a document. An impossible date
("31/02/2020", "le 45 mai") is no date at all."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import dateparser
from babel.dates import get_month_names

LANGUAGES = ("fr", "en", "de", "es")


@cache
def _month_alternation() -> str:
    names: set[str] = set()
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for name in get_month_names(width, locale=language).values():
                names.add(name.rstrip(".").lower())
    names.update({"sept", "févr", "fevrier", "aout", "decembre"})  # spellings seen without accents
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


@cache
def date_pattern() -> re.Pattern[str]:
    """Absolute dates: ``26 juillet 2024``, ``1er mars 2020``, ``May 5, 2023``,
    ``03/12/2020``, ``2020-12-03``."""
    months = _month_alternation()
    return re.compile(
        rf"(?P<dmy>\b\d{{1,2}}(?:er|st|nd|rd|th|\.)?\s+(?:{months})\.?,?\s+\d{{4}}\b)"
        rf"|(?P<mdy>\b(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b)"
        r"|(?P<numeric>\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b)"
        r"|(?P<iso>\b\d{4}-\d{2}-\d{2}\b)",
        re.IGNORECASE,
    )


def parse_date(span: str, language: str | None = None) -> str | None:
    """The ISO day a detected date span names, or None when it names no real day.

    Numeric dates are read day first (European usage, as in EU and UN releases)."""
    span = span.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", span)
    if iso:
        return _valid(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", span)
    if numeric:
        return _valid(int(numeric[3]), int(numeric[2]), int(numeric[1]))
    # the document's language first; a French page may still carry "May 5, 2023"
    order = [language] if language in LANGUAGES else []
    for languages in (order, list(LANGUAGES)) if order else (list(LANGUAGES),):
        parsed = dateparser.parse(
            span.replace("1er ", "1 "),
            languages=languages,
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"},
        )
        if parsed:
            return str(parsed.date().isoformat())
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_DATELINE_LEAD = re.compile(
    r"^\s*(?:(?:publié|mis en ligne|published|posted|veröffentlicht)(?:\s+(?:le|on|am))?\s*:?\s*"
    r"|date\s*:\s*"
    r"|[A-ZÀ-Þ][\w'’.\- ]{1,40}?,\s*(?:(?:le|on|am|den)\s+)?"
    r"|(?:le|on)\s+)?",
    re.IGNORECASE,
)
_DATELINE_LINES = 6


def find_dateline(text: str, language: str | None = None) -> str | None:
    """The publication date stated by a dateline at the top of the text ("Paris, le 3
    décembre 2020", "Brussels, 03/12/2020 - 16:53", "WASHINGTON, May 5, 2023"), else None."""
    pattern = date_pattern()
    for line in text.split("\n", _DATELINE_LINES)[:_DATELINE_LINES]:
        lead = _DATELINE_LEAD.match(line)
        start = lead.end() if lead else 0
        match = pattern.match(line, start)
        if match:
            parsed = parse_date(match.group(0), language)
            if parsed:
                return parsed
    return None

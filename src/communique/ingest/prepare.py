"""From a document as read to the contract's ``Document``: text, cleaning, language, title
and publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.dates import find_dateline, parse_date
from communique.errors import EmptyDocument
from communique.ingest.clean import OffsetMap, clean, normalise_newlines
from communique.ingest.formats import Converted, convert_html, convert_markdown, is_hard_wrapped, unwrap
from communique.ingest.language import detect_language
from communique.ingest.sources import SourceDocument
from communique.model import Document
from communique.settings import Options


@dataclass(frozen=True)
class PreparedDocument:
    """The contract's document, plus the map from its text back to the reader's text."""

    document: Document
    offsets: OffsetMap
    raw_text: str


_TITLE_MAX = 250


def _convert(item: SourceDocument) -> Converted:
    if item.format == "html":
        return convert_html(item.content)
    if item.format == "markdown":
        return convert_markdown(item.content)
    text = unwrap(item.content) if is_hard_wrapped(item.content) else item.content
    return Converted(text=text)


def _iso_published(value: str | None, language: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    head = re.match(r"\d{4}-\d{2}-\d{2}", value)
    if head:
        return parse_date(head.group(0))
    if re.fullmatch(r"\d{4}(-\d{2})?", value):
        return value
    return parse_date(value, language)


def _title_from_text(text: str) -> str | None:
    """The first line, when it reads as a heading: short, not a sentence, not alone."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not first or not rest.strip() or len(first) > _TITLE_MAX:
        return None
    if first.endswith((".", ":", ";", ",")) or find_dateline(first):
        return None
    return first


def prepare(item: SourceDocument, options: Options) -> PreparedDocument:
    """Clean, identify and date one document."""
    converted = _convert(item)
    raw_text = normalise_newlines(converted.text)
    hint = item.language or converted.language
    first_guess = hint if hint in options.languages else detect_language(converted.text, options.fallback_language)
    cleaned = clean(raw_text, first_guess)
    if not cleaned.text.strip():
        raise EmptyDocument("no text left after removing markup and boilerplate", source=item.source)
    language = (hint or detect_language(cleaned.text, options.fallback_language)).lower()[:2]
    title = item.title or converted.title or _title_from_text(cleaned.text)
    published = (
        _iso_published(item.published, language)
        or _iso_published(converted.published, language)
        or find_dateline(cleaned.text, language)
    )
    document = Document(
        id=Document.id_for(cleaned.text),
        source=item.source,
        url=item.url or converted.url,
        title=title.strip() if title else None,
        language=language if re.fullmatch(r"[a-z]{2}", language) else options.fallback_language,
        published=published,
        text=cleaned.text,
    )
    return PreparedDocument(document=document, offsets=cleaned.offsets, raw_text=raw_text)

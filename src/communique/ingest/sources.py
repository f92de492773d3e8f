"""Where documents come from: files, directories (recursive), standard input, and the
records of JSON Lines files. Each yields a ``SourceDocument`` or an ``InputError`` naming
where it came from, so that one bad input never stops a batch."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from communique.errors import (
    DocumentTooLarge,
    EmptyDocument,
    InputError,
    MalformedRecord,
    UnsupportedFormat,
)
from communique.ingest.decode import decode
from communique.ingest.formats import convert_pdf, looks_like_html, looks_like_markdown
from communique.settings import Options

TextFormat = Literal["text", "html", "markdown"]

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
STDIN = "-"


@dataclass(frozen=True)
class SourceDocument:
    """One document as read, before cleaning: its text in its own format and the metadata
    its container gave (JSON Lines fields)."""

    source: str
    content: str
    format: TextFormat
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    record_id: str | None = None


Item = SourceDocument | InputError


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files named, files under directories named (sorted, recursive), and ``-``."""
    files: list[str] = []
    for name in paths:
        path = Path(name)
        if name == STDIN or not path.is_dir():
            files.append(name)
            continue
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in EXTENSIONS and not child.name.startswith("."):
                files.append(str(child))
    return files


def read_items(name: str, options: Options) -> Iterator[Item]:
    """The documents of one file (one, or one per JSON Lines record), or its errors."""
    try:
        data = _read_bytes(name, options)
    except InputError as error:
        yield error
        return
    except OSError as error:
        yield InputError(f"cannot read: {error.strerror or error}", source=name)
        return
    yield from parse_bytes(name, data)


def parse_bytes(name: str, data: bytes) -> Iterator[Item]:
    """The documents of one file's bytes, or its errors: for engines that read the files
    themselves (Spark); the size limit is theirs to apply, with ``too_large``."""
    try:
        kind = _kind(name, data)
        if kind == "jsonl":
            yield from _jsonl_items(name, data)
            return
        if kind == "pdf":
            yield SourceDocument(source=name, content=convert_pdf(data, name).text, format="text")
            return
        text = decode(data, name)
        yield SourceDocument(source=name, content=text, format=_sniff(text) if kind == "text" else kind)  # type: ignore[arg-type]
    except InputError as error:
        yield error
    except OSError as error:
        yield InputError(f"cannot read: {error.strerror or error}", source=name)


def _read_bytes(name: str, options: Options) -> bytes:
    if name == STDIN:
        data = sys.stdin.buffer.read(options.max_file_bytes + 1)
    else:
        path = Path(name)
        if not path.exists():
            raise InputError("no such file", source=name)
        size = path.stat().st_size
        if size > options.max_file_bytes:
            raise too_large(name, size, options)
        data = path.read_bytes()
    if len(data) > options.max_file_bytes:
        raise DocumentTooLarge(f"input too large (over {options.max_file_bytes / 2**20:.0f} MiB)", source=name)
    return data


def too_large(name: str, size: int, options: Options) -> DocumentTooLarge:
    """The error for a file over the size limit, refused before it is read."""
    return DocumentTooLarge(
        f"file too large ({size / 2**20:.1f} MiB; the limit is {options.max_file_bytes / 2**20:.0f} MiB)", source=name
    )


def _kind(name: str, data: bytes) -> str:
    if name == STDIN:
        if data.lstrip().startswith(b"{"):
            return "jsonl"
        return "pdf" if data.startswith(b"%PDF") else "text"
    suffix = Path(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UnsupportedFormat(
            f"unsupported file type {suffix or '(no extension)'!r}; expected one of {', '.join(sorted(EXTENSIONS))}", source=name
        )
    return EXTENSIONS[suffix]


def _sniff(text: str) -> TextFormat:
    # markdown may carry inline HTML ("<span>", "<a href>"): it stays markdown unless
    # block markup says the whole is a page
    if looks_like_markdown(text) and not looks_like_html(text, blocks_only=True):
        return "markdown"
    if looks_like_html(text):
        return "html"
    return "text"


_FIELDS = ("id", "url", "published", "title", "language")


def _jsonl_items(name: str, data: bytes) -> Iterator[Item]:
    text = decode(data, name)
    seen: set[str] = set()
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        item = parse_jsonl_line(name, number, line)
        if isinstance(item, InputError):
            yield item
            continue
        if item.record_id in seen:
            yield duplicate_record(item, number)
            continue
        seen.add(item.record_id or "")
        yield item
    if not found:
        yield EmptyDocument("no records in JSON Lines file", source=name)


def parse_jsonl_line(name: str, number: int, line: str) -> Item:
    """One non-blank line (``number`` from 1) of the JSON Lines file ``name``: its document
    or its error. Engines that split files into lines (Spark) call it per line."""
    try:
        return _record(name, number, line)
    except InputError as error:
        return error


def duplicate_record(item: SourceDocument, number: int) -> MalformedRecord:
    """The error for a record whose id an earlier line of the same file already used."""
    return MalformedRecord(f"duplicate id {item.record_id!r} (line {number})", source=item.source)


def _record(name: str, number: int, line: str) -> SourceDocument:
    where = f"{name}:{number}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"not valid JSON ({exc.msg} at column {exc.colno})", source=where) from None
    if not isinstance(obj, dict):
        raise MalformedRecord("a record must be a JSON object", source=where)
    record_id = obj.get("id")
    if record_id is not None and not isinstance(record_id, (str, int)):
        raise MalformedRecord(f"'id' must be a string, not {type(record_id).__name__}", source=where)
    # the record's id names it; a record without one is named by its line number
    key = str(record_id) if record_id not in (None, "") else str(number)
    source = f"{name}#{key}"
    content = obj.get("text")
    if not isinstance(content, str):
        missing = "missing" if content is None else f"a {type(content).__name__}, not a string"
        raise MalformedRecord(f"'text' is {missing}", source=source)
    if not content.strip():
        raise EmptyDocument("empty 'text'", source=source)
    meta = {field: obj.get(field) for field in _FIELDS}
    for field_name, value in meta.items():
        if value is not None and not isinstance(value, (str, int)):
            raise MalformedRecord(f"'{field_name}' must be a string, not {type(value).__name__}", source=source)
    return SourceDocument(
        source=source,
        content=content,
        format=_sniff(content),
        url=_optional_str(meta["url"]),
        title=_optional_str(meta["title"]),
        published=_optional_str(meta["published"]),
        language=_optional_str(meta["language"]),
        record_id=key,
    )


def _optional_str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None

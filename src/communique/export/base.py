"""What every renderer shares: the summary it returns, safe output sinks, dates at their
precision turned into calendar days, and evidence text.

Outputs are written to a temporary file beside the target and moved into place at the
end, so a failed export never leaves a truncated file over a good earlier one."""

from __future__ import annotations

import calendar
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, TextIO, cast

from communique.errors import ExportError
from communique.model import Record, Span

Target = Path | str | IO[Any]
"""Where a renderer writes: a path, ``-`` for standard output, or an open stream."""

STDOUT = "-"


@dataclass
class ExportSummary:
    """What an export wrote and what it left out, and why (reason → count)."""

    format: str
    records: int = 0
    written: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """One line for what was written, one per skip reason: what the CLI prints."""
        parts = ", ".join(f"{count} {unit}" for unit, count in sorted(self.written.items()))
        lines = [f"{self.format}: {self.records} records read; written: {parts or 'nothing'}"]
        lines.extend(f"{self.format}: skipped {count}: {reason}" for reason, count in sorted(self.skipped.items()))
        return lines


@contextmanager
def _replacing(path: Path, mode: str) -> Iterator[IO[Any]]:
    """A temporary file beside ``path`` that replaces it only when writing succeeded."""
    path = path.expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a directory; this format writes one file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    encoding = None if "b" in mode else "utf-8"
    newline = None if "b" in mode else ""
    try:
        with os.fdopen(handle, mode, encoding=encoding, newline=newline) as stream:
            yield stream
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


@contextmanager
def text_sink(target: Target) -> Iterator[TextIO]:
    """A text stream (UTF-8, newlines as written) on a path, standard output or a stream."""
    if not isinstance(target, str | Path):
        yield cast(TextIO, target)
    elif str(target) == STDOUT:
        yield sys.stdout
    else:
        with _replacing(Path(target), "w") as stream:
            yield cast(TextIO, stream)


@contextmanager
def binary_sink(target: Target) -> Iterator[IO[bytes]]:
    """A byte stream on a path, standard output or a stream."""
    if not isinstance(target, str | Path):
        yield cast(IO[bytes], target)
    elif str(target) == STDOUT:
        yield sys.stdout.buffer
    else:
        with _replacing(Path(target), "wb") as stream:
            yield cast(IO[bytes], stream)


def directory_target(target: Target, what: str) -> Path:
    """The path of a format that writes several files (``what`` names them)."""
    if not isinstance(target, str | Path) or str(target) == STDOUT:
        raise ExportError(f"{what} go to a directory or a .zip file, not a stream; give -o PATH")
    path = Path(target).expanduser()
    if path.exists() and not path.is_dir() and path.suffix.lower() != ".zip":
        raise ExportError(f"{path} exists and is not a directory")
    return path


@contextmanager
def replacing_file(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write one file of a multi-file export safely (see the module docstring)."""
    with _replacing(path, mode) as stream:
        yield stream


def first_day(iso: str | None) -> date | None:
    """The first calendar day of an ISO date at any precision ("2024" → 2024-01-01);
    None for no date or an impossible one (the contract's pattern admits 2024-02-30)."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def last_day(iso: str | None) -> date | None:
    """The last calendar day of an ISO date at any precision ("2027" → 2027-12-31)."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    month = parts[1] if len(parts) > 1 else 12
    try:
        day = parts[2] if len(parts) > 2 else calendar.monthrange(parts[0], month)[1]
        return date(parts[0], month, day)
    except ValueError:
        return None


def span_text(record: Record, span: Span | None, *, collapse: bool = True) -> str | None:
    """The characters a span covers, white space collapsed for prose (narratives, event
    text) or exactly as stored (tables, whose offsets must match); None for no span or a
    span outside the text (a broken record should not stop an export)."""
    if span is None:
        return None
    start, end = span
    text = record.document.text
    if not 0 <= start <= end <= len(text):
        return None
    return " ".join(text[start:end].split()) if collapse else text[start:end]


def entity_names(record: Record) -> dict[str, str]:
    """Entity id → canonical name; references to unknown ids resolve to nothing."""
    return {entity.id: entity.name for entity in record.entities}

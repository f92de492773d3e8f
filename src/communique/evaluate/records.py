"""Reading contract records for evaluation: JSON Lines, or one (pretty-printed) record.

``communique extract --format json`` prints one record per line; the contract example
(``record.json``) is one indented record. Both are accepted so either can be evaluated.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from communique.errors import InputError, MalformedRecord
from communique.evaluate.gold import one_line
from communique.model import Record


def _one(text: str, where: str, source: str) -> Record:
    try:
        return Record.model_validate_json(text)
    except ValidationError as error:
        raise MalformedRecord(f"{where}: {one_line(error, 'record')}", source=source) from None


def _single_document(text: str) -> bool:
    """Whether the file is one JSON object spread over several lines."""
    try:
        return isinstance(json.loads(text), dict) and len(text.strip().splitlines()) > 1
    except ValueError:
        return False


def load_records(path: Path) -> list[Record]:
    """Every record of a JSON Lines file (blank lines skipped) or of a one-record JSON
    file; errors name the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read records: {error}", source=str(path)) from None
    if _single_document(text):
        return [_one(text, "record", str(path))]
    return [_one(line, f"line {n}", str(path)) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]

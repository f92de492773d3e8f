"""The keys that decide what is "the same" across documents, in one place so they can be
read and explained.

- An entity with a Wikidata id is that id; any other is its kind and folded canonical
  name (so persons link by their full name, case, accents and spacing aside).
- An event is its type, start date and sorted participants; a role its person, folded
  title, organisation and country; an agreement its sorted parties and signing date.
  When the date or the participants/parties are missing nothing tells two reports apart
  from two different facts, so such a fact keys on its document and never merges across
  documents. Programme facts are dated snapshots ("34 projets depuis 2016") and never
  merge across documents either.
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from communique.text import fold


def entity_key(kind: str, name: str, ref: str | None) -> str:
    """Entities with a Wikidata id merge on it; others on kind and folded name."""
    return ref if ref else name_key(kind, name)


KEY_LENGTH = 512
"""Keys are cut to the indexed column's width; names that long differ well before."""


def name_key(kind: str, name: str) -> str:
    return f"{kind}:{fold(name)}"[:KEY_LENGTH]


def widen(date: str | None) -> tuple[str | None, str | None]:
    """The first and last day an ISO date of any precision covers (``2024-02`` →
    ``2024-02-01``, ``2024-02-29``), so ranges compare as plain strings."""
    if not date:
        return None, None
    parts = date.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 31
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return date, date


def _ids(values: Iterable[Any]) -> str:
    return ",".join(str(value) for value in sorted({v for v in values if isinstance(v, int)}))


def fact_key(kind: str, payload: Mapping[str, Any], document_id: str) -> str:
    """The dedupe key of a fact whose payload holds store entity ids."""
    if kind == "event":
        date = payload.get("date") or {}
        participants = _ids(payload.get("participants") or [])
        scope = "" if date.get("start") and participants else document_id
        return f"event|{payload.get('type')}|{date.get('start') or ''}|{participants}|{scope}"
    if kind == "agreement":
        parties = _ids(payload.get("parties") or [])
        scope = "" if payload.get("signed") and parties else document_id
        return f"agreement|{parties}|{payload.get('signed') or ''}|{scope}"
    if kind == "role":
        title = fold(str(payload.get("title") or ""))
        return f"role|{payload.get('person')}|{title}|{payload.get('organization') or ''}|{payload.get('country') or ''}"
    return f"programme|{payload.get('entity')}|{document_id}"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()

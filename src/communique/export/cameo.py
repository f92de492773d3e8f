"""CAMEO export: a tab-separated table with GDELT-like columns and a header row, for tools
built around CAMEO-coded event data.

Columns follow GDELT 1.0's names where they mean the same, with these choices:
- one row per dyad: the first participant is Actor1, each other participant in turn is
  Actor2 (one row with an empty Actor2 when there is only one); ``GLOBALEVENTID`` is a
  stable 60-bit number hashed from the document id, the event id and the dyad;
- ``SQLDATE`` is YYYYMMDD when the event's date is known to the day, else empty (GDELT has
  no month or year precision, and a guessed day would be false);
- ``Actor1Code``/``Actor2Code`` are CAMEO-style actor codes: a state's ISO alpha-3, followed
  by ``GOV`` for its government and officials (``LUXGOV``), or ``UNO``, ``EUR``, ``IGO``,
  ``NGO`` for non-state bodies (``actors.classify``); empty when unknown;
- ``QuadClass`` is GDELT's, from the CAMEO root (01–05 verbal cooperation, 06–08 material
  cooperation, 09–13 verbal conflict, 14–20 material conflict);
- ``PloverScale`` stands where GDELT has ``GoldsteinScale``: the PLOVER score (−10…+10) of
  the event's PLOVER type and mode, which PLOVER defines as its replacement for Goldstein's
  scale; it is not Goldstein's own value (PLOVER, Open Event Data Alliance,
  github.com/openeventdata/PLOVER, CC BY-SA 4.0);
- ``ActionGeo_CountryCode`` is ISO alpha-3 (GDELT 1.0 used FIPS codes);
- ``Source``, ``DocumentId``, ``EventId``, ``EvidenceStart`` and ``EvidenceEnd`` point back
  at the characters of the document that state the event.
Events without a CAMEO code and events the text negates are left out."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from communique.export.actors import classify, country_name, event_sides, place_country
from communique.export.base import ExportSummary, Target, text_sink
from communique.export.plover import coding, reference
from communique.model import Entity, Event, Record

COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Name",
    "Actor1Code",
    "Actor2Name",
    "Actor2Code",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "PloverScale",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "SOURCEURL",
    "Source",
    "DocumentId",
    "EventId",
    "EvidenceStart",
    "EvidenceEnd",
)


def quad_class(cameo: str) -> int:
    """GDELT's QuadClass of a CAMEO code, from its two-digit root."""
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    return 3 if root <= 13 else 4


def event_number(document_id: str, event_id: str, dyad: int) -> int:
    """A stable GLOBALEVENTID: 60 bits of SHA-256 over document, event and dyad."""
    digest = hashlib.sha256(f"{document_id}\x1f{event_id}\x1f{dyad}".encode()).hexdigest()
    return int(digest[:15], 16)


def actor_code(entity: Entity, record: Record) -> str:
    """A CAMEO-style actor code (see the module docstring)."""
    actor = classify(entity, record)
    return (actor.plover_code or "") + (actor.plover_sector or "") if actor.plover_code else ""


def _place(event: Event, record: Record) -> tuple[str, str]:
    entity = next((e for e in record.entities if e.id == event.location), None)
    if entity is None:
        return "", ""
    alpha2 = place_country(entity)
    if not alpha2:
        return entity.name, ""
    country = country_name(alpha2) or ""
    full = entity.name if entity.kind == "country" else f"{entity.name}, {country}"
    return full, classify(entity, record).alpha3 or ""


def _score(event: Event) -> str:
    code = coding(event)
    return f"{reference().score(code.type, code.mode):g}" if code else ""


def _sqldate(event: Event) -> str:
    if event.date is None or event.date.precision != "day" or len(event.date.start) != 10:
        return ""
    return event.date.start.replace("-", "")


def cameo_rows(event: Event, record: Record) -> Iterator[dict[str, Any]]:
    """The rows of one coded event: one per dyad from its first participant."""
    cameo = event.cameo
    if cameo is None:
        return
    people = event_sides(event, record)
    first = people[0] if people else None
    others: list[Entity | None] = list(people[1:]) or [None]
    place, place_code = _place(event, record)
    document = record.document
    for dyad, other in enumerate(others):
        yield {
            "GLOBALEVENTID": event_number(document.id, event.id, dyad),
            "SQLDATE": _sqldate(event),
            "Actor1Name": first.name if first else "",
            "Actor1Code": actor_code(first, record) if first else "",
            "Actor2Name": other.name if other else "",
            "Actor2Code": actor_code(other, record) if other else "",
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": quad_class(cameo),
            "PloverScale": _score(event),
            "ActionGeo_FullName": place,
            "ActionGeo_CountryCode": place_code,
            "SOURCEURL": document.url or "",
            "Source": document.source,
            "DocumentId": document.id,
            "EventId": event.id,
            "EvidenceStart": event.evidence[0],
            "EvidenceEnd": event.evidence[1],
        }


def write_cameo(records: Iterable[Record], target: Target) -> ExportSummary:
    """CAMEO-coded events as TSV with GDELT-like columns and a header row, one row per dyad."""
    summary = ExportSummary("cameo")
    with text_sink(target) as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for record in records:
            summary.records += 1
            for event in record.events:
                if event.cameo is None:
                    summary.skipped["event has no CAMEO code"] += 1
                elif event.factuality == "negated":
                    summary.skipped["event negated by the text"] += 1
                else:
                    for row in cameo_rows(event, record):
                        writer.writerow(row)
                        summary.written["rows"] += 1
                    summary.written["events"] += 1
    return summary

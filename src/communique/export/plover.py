"""PLOVER export: one PLOVER event record per line (JSON Lines), as the PLOVER manual's
record table describes it (../shared/standards/plover/SUMMARY.md §5).

PLOVER, Open Event Data Alliance, github.com/openeventdata/PLOVER, CC BY-SA 4.0. The types,
modes, contexts and scores come from ``data/plover.yaml`` (an adaptation under the same
licence); every record names the codebook and this attribution in ``cite_info``.

Decisions, record by record:
- ``id`` is ``{document id}#{event id}``: unique across documents and stable across runs.
- ``event`` is the record's PLOVER type, else the type the CAMEO code crosswalks to;
  ``mode`` is the record's mode when PLOVER defines it for that type, else the crosswalk's;
  events the text negates are dropped (the manual allows it), planned ones get the
  auxiliary mode ``future`` and hypothetical ones ``hypothetical``.
- ``context`` comes from the CAMEO code's crosswalk row when its type agrees; else empty.
- ``actor``/``recipient``: the first participant acts and the others receive, except in a
  multilateral meeting (mode ``multilateral`` or a conference), where all act (§4: no host).
- ``date``/``enddate`` are days: a month or a year becomes its first and last day, and the
  record's ``comment`` says so. An event without a date takes the document's publication
  date, as event datasets do with the story date, and says so; with neither it is skipped.
- Entity objects: ``entity_text`` as written in the evidence (else the canonical name),
  ``identifier_id`` the Wikidata id, ``identifier_text`` the canonical name, ``code`` and
  ``sector`` from ``actors.classify`` (ISO alpha-3 for states and their officials, ``UNO``,
  ``EUR``, ``IGO``, ``NGO``), ``office`` the title the record gives a person."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from communique import __version__
from communique.export.actors import alpha3_of, classify, country_name, event_sides, place_country
from communique.export.base import ExportSummary, Target, first_day, last_day, span_text, text_sink
from communique.model import Entity, Event, Record, Span

CODEBOOK = "PLOVER manual draft 2.0 (2024-02); PLOVER, Open Event Data Alliance, github.com/openeventdata/PLOVER, CC BY-SA 4.0"
CODER = f"communique {__version__}"
_AUXILIARY_MODES = {"planned": "future", "hypothetical": "hypothetical"}


@dataclass(frozen=True)
class PloverType:
    quad: int
    score: float
    modes: dict[str, float]


@dataclass(frozen=True)
class Crosswalk:
    type: str
    mode: str | None
    contexts: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """PLOVER's types (quad class, score, modes), contexts and the CAMEO crosswalk."""

    types: dict[str, PloverType]
    contexts: frozenset[str]
    crosswalk: dict[str, Crosswalk]

    def score(self, plover_type: str, mode: str | None) -> float:
        """The PLOVER score of a type, or of its mode when the mode has its own."""
        known = self.types[plover_type]
        return known.modes.get(mode, known.score) if mode else known.score


@cache
def reference() -> Reference:
    """The reference data shipped in ``export/data/plover.yaml``."""
    raw: dict[str, Any] = yaml.safe_load(resources.files("communique.export").joinpath("data", "plover.yaml").read_text("utf-8"))
    types = {
        name: PloverType(int(item["quad"]), float(item["score"]), {mode: float(score) for mode, score in item["modes"].items()})
        for name, item in raw["types"].items()
    }
    crosswalk = {
        str(code): Crosswalk(item["type"], item.get("mode"), tuple(item.get("contexts") or ()))
        for code, item in raw["crosswalk"].items()
    }
    return Reference(types, frozenset(raw["contexts"]), crosswalk)


@dataclass(frozen=True)
class Coding:
    """An event's PLOVER type, mode (None when it has none) and contexts."""

    type: str
    mode: str | None
    contexts: tuple[str, ...]


def coding(event: Event) -> Coding | None:
    """The PLOVER coding of an event (see the module docstring), None when it has none."""
    ref = reference()
    row = ref.crosswalk.get(event.cameo or "")
    plover_type = event.plover or (row.type if row else None)
    if plover_type is None:
        return None
    modes = ref.types[plover_type].modes
    agrees = row is not None and row.type == plover_type
    mode = event.plover_mode if event.plover_mode in modes else None
    if mode is None and agrees and row is not None and row.mode in modes:
        mode = row.mode
    contexts = row.contexts if agrees and row is not None else ()
    return Coding(plover_type, mode, contexts)


def _mention_in(entity: Entity, record: Record, evidence: Span) -> str:
    for start, end in entity.mentions:
        if evidence[0] <= start and end <= evidence[1]:
            written = span_text(record, (start, end))
            if written:
                return written
    return entity.name


def entity_object(entity: Entity, record: Record, evidence: Span) -> dict[str, str]:
    """PLOVER's entity object for one participant (keys without a value are left out)."""
    actor = classify(entity, record)
    fields = {
        "entity_text": _mention_in(entity, record, evidence),
        "identifier_id": entity.ref,
        "identifier_text": entity.name,
        "code": actor.plover_code,
        "sector": actor.plover_sector,
        "office": actor.office,
    }
    return {key: value for key, value in fields.items() if value}


def _dates(event: Event, record: Record) -> tuple[str, str | None, str | None] | None:
    """``date``, ``enddate`` (None when the same day) and a comment on their precision."""
    if event.date is not None:
        start, end = first_day(event.date.start), last_day(event.date.end)
        comment = None if event.date.precision == "day" else f"date known to the {event.date.precision}"
    else:
        start, end = first_day(record.document.published), last_day(record.document.published)
        comment = "no event date in the text: date is the document's publication date"
    if start is None or end is None:
        return None
    return start.isoformat(), end.isoformat() if end != start else None, comment


def _location(event: Event, record: Record) -> dict[str, str] | None:
    entity = next((e for e in record.entities if e.id == event.location), None)
    if entity is None:
        return None
    location = {"extracted_place": entity.name}
    alpha2 = place_country(entity)
    if alpha2:
        location["country"] = country_name(alpha2) or ""
        location["country_code"] = alpha3_of(alpha2) or ""
    return {key: value for key, value in location.items() if value}


def _sides(event: Event, record: Record, code: Coding) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    people = [entity_object(entity, record, event.evidence) for entity in event_sides(event, record)]
    if code.mode == "multilateral" or event.type == "conference":
        return people, []
    return people[:1], people[1:]


def plover_record(event: Event, record: Record) -> dict[str, Any] | str:
    """The PLOVER record of one event, or the reason it has none."""
    if event.factuality == "negated":
        return "event negated by the text"
    code = coding(event)
    if code is None:
        return "event has no PLOVER type or CAMEO code"
    dates = _dates(event, record)
    if dates is None:
        return "event has no date and its document no publication date"
    actor, recipient = _sides(event, record, code)
    if not actor:
        return "event has no participant"
    ref = reference()
    auxiliary = _AUXILIARY_MODES.get(event.factuality)
    document = record.document
    fields: dict[str, Any] = {
        "id": f"{document.id}#{event.id}",
        "date": dates[0],
        "enddate": dates[1],
        "actor": actor,
        "recipient": recipient or None,
        "event": [code.type],
        "mode": [m for m in (code.mode, auxiliary) if m] or None,
        "context": list(code.contexts),
        "quad_code": ref.types[code.type].quad,
        "event_scale": ref.score(code.type, code.mode),
        "event_text": [span_text(record, event.evidence) or ""],
        "event_loc": _location(event, record),
        "text_info": {"start": event.evidence[0], "end": event.evidence[1], "text_story": document.id},
        "cite_info": _cite(record),
        "coder": CODER,
        "comment": dates[2],
    }
    return {key: value for key, value in fields.items() if value is not None}


def _cite(record: Record) -> dict[str, str]:
    document = record.document
    cite = {
        "citation": document.source,
        "url": document.url,
        "title": document.title,
        "language": document.language,
        "codebook": CODEBOOK,
    }
    return {key: value for key, value in cite.items() if value}


def plover_records(record: Record, summary: ExportSummary) -> Iterator[dict[str, Any]]:
    """The PLOVER records of a document's events; skips are counted in ``summary``."""
    for event in record.events:
        result = plover_record(event, record)
        if isinstance(result, str):
            summary.skipped[result] += 1
            continue
        yield result


def write_plover(records: Iterable[Record], target: Target) -> ExportSummary:
    """PLOVER event records (JSON Lines): actor, recipient, event type, mode, context, location, citation."""
    summary = ExportSummary("plover")
    with text_sink(target) as stream:
        for record in records:
            summary.records += 1
            for item in plover_records(record, summary):
                stream.write(json.dumps(item, ensure_ascii=False) + "\n")
                summary.written["events"] += 1
    return summary

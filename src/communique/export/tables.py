"""The records as relational tables, one per fact kind, shared by the CSV and Parquet
exports so both carry the same columns.

Every table has ``document_id``; every fact row also carries its evidence (first span's
``evidence_start``, ``evidence_end`` and ``evidence_text``, exactly the characters
``text[start:end]``; the ``evidence`` table lists every span of facts that have several),
and entity ids come with their names, so a table
can be read on its own. Dates stay strings at the precision the text gives ("2024",
"2024-07", "2024-07-26"); money values are floats in units."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from communique.export.base import span_text
from communique.model import Period, Record, Span

ColumnType = Literal["string", "int", "float", "list"]
Cell = str | int | float | list[str] | None
Row = dict[str, Cell]


@dataclass(frozen=True)
class Table:
    """A table's name, typed columns and the function that yields its rows for a record."""

    name: str
    columns: tuple[tuple[str, ColumnType], ...]
    rows: Callable[[Record], Iterator[Row]]

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


def _evidence(record: Record, span: Span | None) -> Row:
    return {
        "evidence_start": span[0] if span else None,
        "evidence_end": span[1] if span else None,
        "evidence_text": span_text(record, span, collapse=False),
    }


def _first(spans: Sequence[Span]) -> Span | None:
    return spans[0] if spans else None


def _period(period: Period | None) -> Row:
    if period is None:
        return {"period_start": None, "period_end": None, "period_years": None}
    return {"period_start": period.start, "period_end": period.end, "period_years": period.years}


def _names(record: Record, ids: Sequence[str]) -> list[str]:
    known = {entity.id: entity.name for entity in record.entities}
    return [known.get(entity_id, "") for entity_id in ids]


def _name(record: Record, entity_id: str | None) -> str | None:
    if entity_id is None:
        return None
    return next((entity.name for entity in record.entities if entity.id == entity_id), None)


def _kind(record: Record, entity_id: str) -> str | None:
    return next((entity.kind for entity in record.entities if entity.id == entity_id), None)


def _documents(record: Record) -> Iterator[Row]:
    document = record.document
    yield {
        "document_id": document.id,
        "source": document.source,
        "url": document.url,
        "title": document.title,
        "language": document.language,
        "published": document.published,
        "text_length": len(document.text),
        "text": document.text,
    }


def _entities(record: Record) -> Iterator[Row]:
    for entity in record.entities:
        yield {
            "document_id": record.document.id,
            "entity_id": entity.id,
            "kind": entity.kind,
            "name": entity.name,
            "aliases": list(entity.aliases),
            "ref": entity.ref,
            "mention_count": len(entity.mentions),
        }


def _mentions(record: Record) -> Iterator[Row]:
    for entity in record.entities:
        for start, end in entity.mentions:
            yield {
                "document_id": record.document.id,
                "entity_id": entity.id,
                "entity_name": entity.name,
                "start": start,
                "end": end,
                "text": span_text(record, (start, end), collapse=False),
            }


def _roles(record: Record) -> Iterator[Row]:
    for index, role in enumerate(record.roles):
        yield {
            "document_id": record.document.id,
            "role_index": index,
            "person_id": role.person,
            "person_name": _name(record, role.person),
            "title": role.title,
            "organization_id": role.organization,
            "organization_name": _name(record, role.organization),
            "country_id": role.country,
            "country_name": _name(record, role.country),
            **_evidence(record, role.evidence),
        }


def _events(record: Record) -> Iterator[Row]:
    for event in record.events:
        when = event.date
        yield {
            "document_id": record.document.id,
            "event_id": event.id,
            "type": event.type,
            "plover": event.plover,
            "plover_mode": event.plover_mode,
            "cameo": event.cameo,
            "date_start": when.start if when else None,
            "date_end": when.end if when else None,
            "date_precision": when.precision if when else None,
            "location_id": event.location,
            "location_name": _name(record, event.location),
            "participant_ids": list(event.participants),
            "participant_names": _names(record, event.participants),
            "confidence": event.confidence,
            "factuality": event.factuality,
            **_evidence(record, event.evidence),
        }


def _event_participants(record: Record) -> Iterator[Row]:
    for event in record.events:
        for position, entity_id in enumerate(event.participants):
            yield {
                "document_id": record.document.id,
                "event_id": event.id,
                "position": position,
                "entity_id": entity_id,
                "entity_name": _name(record, entity_id),
                "entity_kind": _kind(record, entity_id),
                **_evidence(record, event.evidence),
            }


def _agreements(record: Record) -> Iterator[Row]:
    for agreement in record.agreements:
        yield {
            "document_id": record.document.id,
            "agreement_id": agreement.id,
            "instrument": agreement.instrument,
            "party_ids": list(agreement.parties),
            "party_names": _names(record, agreement.parties),
            "signatory_ids": list(agreement.signatories),
            "signatory_names": _names(record, agreement.signatories),
            "signed": agreement.signed,
            **_period(agreement.period),
            "purposes": list(agreement.purposes),
            **_evidence(record, _first(agreement.evidence)),
        }


def _agreement_parties(record: Record) -> Iterator[Row]:
    for agreement in record.agreements:
        for role, ids in (("party", agreement.parties), ("signatory", agreement.signatories)):
            for position, entity_id in enumerate(ids):
                yield {
                    "document_id": record.document.id,
                    "agreement_id": agreement.id,
                    "role": role,
                    "position": position,
                    "entity_id": entity_id,
                    "entity_name": _name(record, entity_id),
                    "entity_kind": _kind(record, entity_id),
                    **_evidence(record, _first(agreement.evidence)),
                }


def _agreement_amounts(record: Record) -> Iterator[Row]:
    for agreement in record.agreements:
        for position, amount in enumerate(agreement.amounts):
            yield {
                "document_id": record.document.id,
                "agreement_id": agreement.id,
                "position": position,
                "value": amount.value,
                "currency": amount.currency,
                "per": amount.per,
                "text": amount.text,
                **_evidence(record, _first(agreement.evidence)),
            }


def _programmes(record: Record) -> Iterator[Row]:
    for programme in record.programmes:
        yield {
            "document_id": record.document.id,
            "programme_id": programme.entity,
            "programme_name": _name(record, programme.entity),
            "implementer_ids": list(programme.implementers),
            "implementer_names": _names(record, programme.implementers),
            "funder_ids": list(programme.funders),
            "funder_names": _names(record, programme.funders),
            **_period(programme.period),
            "sectors": list(programme.sectors),
            **_evidence(record, _first(programme.evidence)),
        }


def _programme_figures(record: Record) -> Iterator[Row]:
    for programme in record.programmes:
        for position, figure in enumerate(programme.figures):
            yield {
                "document_id": record.document.id,
                "programme_id": programme.entity,
                "position": position,
                "value": figure.value,
                "text": figure.text,
                **_evidence(record, _first(programme.evidence)),
            }


def _evidence_rows(record: Record) -> Iterator[Row]:
    """Every evidence span of every fact; the fact tables carry only the first."""
    spans: list[tuple[str, str, list[Span]]] = [("role", str(i), [role.evidence]) for i, role in enumerate(record.roles)]
    spans += [("event", event.id, [event.evidence]) for event in record.events]
    spans += [("agreement", agreement.id, list(agreement.evidence)) for agreement in record.agreements]
    spans += [("programme", programme.entity, list(programme.evidence)) for programme in record.programmes]
    for fact_kind, fact_id, fact_spans in spans:
        for position, span in enumerate(fact_spans):
            yield {
                "document_id": record.document.id,
                "fact_kind": fact_kind,
                "fact_id": fact_id,
                "position": position,
                "start": span[0],
                "end": span[1],
                "text": span_text(record, span, collapse=False),
            }


def _spec(text: str) -> tuple[tuple[str, ColumnType], ...]:
    """Columns from ``name`` (a string) or ``name:type`` words."""
    columns: list[tuple[str, ColumnType]] = []
    for word in text.split():
        name, _, kind = word.partition(":")
        columns.append((name, _TYPES[kind or "string"]))
    return tuple(columns)


_TYPES: dict[str, ColumnType] = {"string": "string", "int": "int", "float": "float", "list": "list"}
_EVIDENCE_COLUMNS = "evidence_start:int evidence_end:int evidence_text"
_PERIOD_COLUMNS = "period_start period_end period_years:float"

TABLES: tuple[Table, ...] = (
    Table("documents", _spec("document_id source url title language published text_length:int text"), _documents),
    Table("entities", _spec("document_id entity_id kind name aliases:list ref mention_count:int"), _entities),
    Table("mentions", _spec("document_id entity_id entity_name start:int end:int text"), _mentions),
    Table(
        "roles",
        _spec(
            "document_id role_index:int person_id person_name title organization_id organization_name country_id"
            f" country_name {_EVIDENCE_COLUMNS}"
        ),
        _roles,
    ),
    Table(
        "events",
        _spec(
            "document_id event_id type plover plover_mode cameo date_start date_end date_precision location_id"
            " location_name participant_ids:list participant_names:list confidence:float factuality"
            f" {_EVIDENCE_COLUMNS}"
        ),
        _events,
    ),
    Table(
        "event_participants",
        _spec(f"document_id event_id position:int entity_id entity_name entity_kind {_EVIDENCE_COLUMNS}"),
        _event_participants,
    ),
    Table(
        "agreements",
        _spec(
            "document_id agreement_id instrument party_ids:list party_names:list signatory_ids:list signatory_names:list"
            f" signed {_PERIOD_COLUMNS} purposes:list {_EVIDENCE_COLUMNS}"
        ),
        _agreements,
    ),
    Table(
        "agreement_parties",
        _spec(f"document_id agreement_id role position:int entity_id entity_name entity_kind {_EVIDENCE_COLUMNS}"),
        _agreement_parties,
    ),
    Table(
        "agreement_amounts",
        _spec(f"document_id agreement_id position:int value:float currency per text {_EVIDENCE_COLUMNS}"),
        _agreement_amounts,
    ),
    Table(
        "programmes",
        _spec(
            "document_id programme_id programme_name implementer_ids:list implementer_names:list funder_ids:list"
            f" funder_names:list {_PERIOD_COLUMNS} sectors:list {_EVIDENCE_COLUMNS}"
        ),
        _programmes,
    ),
    Table(
        "programme_figures",
        _spec(f"document_id programme_id position:int value:float text {_EVIDENCE_COLUMNS}"),
        _programme_figures,
    ),
    Table("evidence", _spec("document_id fact_kind fact_id position:int start:int end:int text"), _evidence_rows),
)
"""The tables in the order they are written; ``documents`` first."""

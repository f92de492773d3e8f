"""Between the contract's fact parts (``model.Role``, ``Event``, ``Agreement``,
``Programme``) and the store's payloads.

A payload is the part as the contract dumps it, without ``id`` and ``evidence`` (those
live in ``facts.id`` and the evidence rows), entity references replaced by store entity
ids. Curators edit payloads; every payload is checked by the contract's own model before
it is stored, so what the store holds always rebuilds into a valid record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from communique.errors import InvalidFact, InvalidRecord
from communique.model import Agreement, Event, Programme, Role, Span


@dataclass(frozen=True)
class Kind:
    """One fact kind: its record field, contract model and entity reference fields."""

    name: str
    field: str
    model: type[BaseModel]
    # field -> link role in fact_entities
    references: Mapping[str, str]
    many_spans: bool


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("role", "roles", Role, {"person": "person", "organization": "organization", "country": "country"}, False),
        Kind("event", "events", Event, {"participants": "participant", "location": "location"}, False),
        Kind("agreement", "agreements", Agreement, {"parties": "party", "signatories": "signatory"}, True),
        Kind(
            "programme", "programmes", Programme, {"entity": "entity", "implementers": "implementer", "funders": "funder"}, True
        ),
    )
}
ACTOR_ROLES = ("participant", "party", "signatory")
"""Link roles that make two entities co-actors of a fact."""


def spans_of(kind: str, part: BaseModel) -> list[list[int]]:
    evidence = getattr(part, "evidence", None)
    if evidence is None:
        return []
    spans: list[Span] = list(evidence) if KINDS[kind].many_spans else [evidence]
    return [[int(start), int(end)] for start, end in spans]


def to_payload(kind: str, part: BaseModel, ids: Mapping[str, int]) -> dict[str, Any]:
    """The store payload of a record's part; a reference to an entity the record does not
    define is an error (the record breaks the contract)."""
    payload = part.model_dump(mode="json", exclude={"id", "evidence"})

    def resolve(local: str) -> int:
        if local not in ids:
            raise InvalidRecord(f"a {kind} refers to entity {local!r}, which the record does not define")
        return ids[local]

    for field in KINDS[kind].references:
        value = payload.get(field)
        if isinstance(value, list):
            payload[field] = list(dict.fromkeys(resolve(v) for v in value))
        elif value is not None:
            payload[field] = resolve(value)
    return payload


def links(kind: str, payload: Mapping[str, Any]) -> Iterator[tuple[int, str]]:
    """(entity id, role) for every entity a payload refers to."""
    for field, role in KINDS[kind].references.items():
        value = payload.get(field)
        for entity_id in value if isinstance(value, list) else [value]:
            if isinstance(entity_id, int):
                yield entity_id, role


def _external(kind: str, payload: Mapping[str, Any], render: Callable[[int], str]) -> dict[str, Any]:
    data = dict(payload)
    for field in KINDS[kind].references:
        value = data.get(field)
        if isinstance(value, list):
            data[field] = [render(v) for v in value]
        elif value is not None:
            data[field] = render(value)
    return data


def to_part(
    kind: str, payload: Mapping[str, Any], part_id: str, spans: list[list[int]], render: Callable[[int], str]
) -> BaseModel:
    """The contract part of a stored fact, entity ids rendered by ``render``."""
    data = _external(kind, payload, render)
    if KINDS[kind].many_spans:
        data["evidence"] = [tuple(span) for span in spans]
    else:
        data["evidence"] = tuple(spans[0]) if spans else (0, 0)
    if kind in ("event", "agreement"):
        data["id"] = part_id
    return KINDS[kind].model.model_validate(data)


def _check_reference(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidFact(f"{field}: entity references are store entity ids (integers), not {value!r}")
    return value


def _checked_references(kind: str, payload: dict[str, Any]) -> None:
    for field in KINDS[kind].references:
        value = payload.get(field)
        if isinstance(value, list):
            payload[field] = [_check_reference(field, v) for v in value]
        elif value is not None:
            payload[field] = _check_reference(field, value)


def validate_payload(kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A curator's payload checked against the contract model of its kind; returns the
    normalised payload (defaults filled in). Raises InvalidFact with a one-line reason."""
    if kind not in KINDS:
        raise InvalidFact(f"unknown fact kind {kind!r}; expected one of {', '.join(KINDS)}")
    data = {key: value for key, value in payload.items() if key not in ("id", "evidence")}
    if kind == "event":
        data.setdefault("confidence", 1.0)
        data.setdefault("plover", None)
    _checked_references(kind, data)
    try:
        part = to_part(kind, data, "x", [[0, 0]], str)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(item) for item in first["loc"])
        raise InvalidFact(f"invalid {kind}: {where}: {first['msg']}") from None
    normalised: dict[str, Any] = part.model_dump(mode="json", exclude={"id", "evidence"})
    for field in KINDS[kind].references:
        normalised[field] = data.get(field, normalised.get(field))
    return normalised


def plain_numbers(value: Any) -> Any:
    """Money and figures as plain numbers: 2500000.0 becomes 2500000 in JSON."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {key: plain_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_numbers(item) for item in value]
    return value

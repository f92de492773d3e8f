from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from communique.model import Document, Record, gold_key

from tests.conftest import SHARED, shared_or_skip


def test_contract_example_round_trips_through_the_model() -> None:
    path = shared_or_skip(SHARED / "contract" / "example" / "record.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    record = Record.model_validate(data)
    assert record.to_dict() == _with_defaults(data)


def _with_defaults(data: dict[str, object]) -> dict[str, object]:
    """The example omits optional fields that the model writes with their defaults."""
    events = data["events"]
    assert isinstance(events, list)
    for event in events:
        event.setdefault("plover_mode", None)
        event.setdefault("factuality", "asserted")
    return data


def test_model_output_is_valid_against_the_shared_schema(schema_path: Path) -> None:
    text = "Bonjour."
    record = Record(document=Document(id=Document.id_for(text), source="a.txt", language="fr", text=text))
    validator = Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    assert list(validator.iter_errors(record.to_dict())) == []


def test_bad_parts_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Document(id="sha1:abc", source="a", language="fr", text="x")
    with pytest.raises(ValidationError):
        Document(id=Document.id_for("x"), source="a", language="fra", text="x")


@pytest.mark.parametrize(
    ("source", "key"),
    [
        ("../shared/corpus/seeds/000_83c9453a4828e915.txt", "000_83c9453a4828e915.txt"),
        ("feed.jsonl#vp:03daf2b9d6f1", "vp:03daf2b9d6f1"),
        ("dir/wh.jsonl#wh:briefings-statements/2025-01/x", "wh:briefings-statements/2025-01/x"),
    ],
)
def test_gold_key(source: str, key: str) -> None:
    assert gold_key(source) == key

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from communique.export import render
from communique.export.plover import CODEBOOK, reference
from communique.model import Event, Record

from tests.conftest import SHARED, shared_or_skip

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"}
PLOVER_TYPES |= {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "SANCTION"}
ENTITY_KEYS = {"code", "sector", "entity_text", "identifier_id", "identifier_text", "office"}


@pytest.fixture
def plover(records: list[Record], tmp_path: Path) -> list[dict[str, Any]]:
    render("plover", records, tmp_path / "events.jsonl")
    return [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]


def _by_event(items: list[dict[str, Any]], event_id: str) -> dict[str, Any]:
    return next(
        item for item in items if item["id"].endswith(f"#{event_id}") and "Bettel" in json.dumps(item, ensure_ascii=False)
    )


def test_records_have_the_required_fields(plover: list[dict[str, Any]]) -> None:
    assert len(plover) == 5
    assert len({item["id"] for item in plover}) == 5
    for item in plover:
        assert {"id", "date", "actor", "event"} <= set(item)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["date"])
        assert item["actor"]
        assert set(item["event"]) <= PLOVER_TYPES
        assert 1 <= item["quad_code"] <= 4
        assert -10 <= item["event_scale"] <= 10
        for entity in item["actor"] + item.get("recipient", []):
            assert set(entity) <= ENTITY_KEYS
            assert entity["entity_text"]
        assert set(item["context"]) <= reference().contexts
        for mode in item.get("mode", []):
            assert mode in reference().types[item["event"][0]].modes or mode in ("future", "hypothetical")
        assert item["cite_info"]["codebook"] == CODEBOOK
        assert "CC BY-SA 4.0" in item["cite_info"]["codebook"]
        assert item["text_info"]["end"] > item["text_info"]["start"]


def test_visit_codes_the_minister_for_his_state(plover: list[dict[str, Any]]) -> None:
    visit = _by_event(plover, "ev1")
    assert visit["event"] == ["CONSULT"]
    assert visit["mode"] == ["visit"]
    assert visit["event_scale"] == 4
    assert visit["actor"] == [
        {
            "entity_text": "Xavier Bettel",
            "identifier_text": "Xavier Bettel",
            "code": "LUX",
            "sector": "GOV",
            "office": "ministre de la Coopération et de l'Action humanitaire",
        }
    ]
    assert visit["event_loc"] == {"extracted_place": "Genève", "country": "Switzerland", "country_code": "CHE"}


def test_bilateral_signing_has_one_actor_and_its_counterpart(plover: list[dict[str, Any]]) -> None:
    signing = _by_event(plover, "ev3")
    assert signing["event"] == ["SUPPORT"]
    assert signing["context"] == ["diplomatic"]  # the crosswalk's context for CAMEO 057
    assert [a["entity_text"] for a in signing["actor"]] == ["Xavier Bettel"]
    # Luxembourg and OHCHR are represented by their officials, not coded again
    assert [(r["entity_text"], r["code"]) for r in signing["recipient"]] == [("Volker Türk", "UNO")]


def test_multilateral_meeting_puts_everyone_in_actor(plover: list[dict[str, Any]]) -> None:
    summit = next(item for item in plover if item.get("mode") == ["multilateral"])
    assert [a["entity_text"] for a in summit["actor"]] == ["Kamala Harris", "G7", "Volodymyr Zelenskyy"]
    assert [a.get("code") for a in summit["actor"]] == ["USA", "IGO", "UKR"]
    assert "recipient" not in summit
    assert (summit["date"], summit["enddate"]) == ("2024-06-01", "2024-06-30")
    assert summit["comment"] == "date known to the month"


def test_undated_event_takes_the_publication_date_and_says_so(plover: list[dict[str, Any]]) -> None:
    pledge = next(item for item in plover if item["event"] == ["AGREE"])
    assert pledge["date"] == "2024-06-15"
    assert "publication date" in pledge["comment"]
    assert pledge["context"] == ["economic"]
    assert pledge["cite_info"]["url"] == "https://example.org/briefing/grant"


def test_skips_are_counted_with_their_reason(records: list[Record], tmp_path: Path) -> None:
    summary = render("plover", records, tmp_path / "events.jsonl")
    assert dict(summary.skipped) == {
        "event negated by the text": 1,
        "event has no PLOVER type or CAMEO code": 1,
        "event has no date and its document no publication date": 1,
    }


def test_planned_event_gets_the_future_mode(records: list[Record], tmp_path: Path) -> None:
    record = records[2]
    planned = Event(
        id="ev9",
        type="meeting",
        plover="AGREE",
        cameo="036",
        participants=["e1", "e3"],
        evidence=(0, 10),
        confidence=0.5,
        factuality="planned",
    )
    record.events = [planned]
    render("plover", [record], tmp_path / "events.jsonl")
    (item,) = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert item["mode"] == ["future"]


def test_shipped_crosswalk_agrees_with_the_standards_pack() -> None:
    table = shared_or_skip(SHARED / "standards" / "plover" / "cameo-root-to-plover.tsv")
    lines = [line for line in table.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    crosswalk = reference().crosswalk
    typed = [row for row in rows if row["plover_type"] in PLOVER_TYPES]
    assert len(typed) == len(crosswalk)
    for row in typed:
        assert crosswalk[row["cameo_root"]].type == row["plover_type"]
        if crosswalk[row["cameo_root"]].mode is not None:
            assert crosswalk[row["cameo_root"]].mode == row["plover_mode"]
    assert set(reference().types) == PLOVER_TYPES

"""Documents matched to gold, micro-averaged figures, metadata accuracies, languages, the
JSON and terminal forms, and reading records."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from communique.errors import InputError, MalformedRecord
from communique.evaluate import evaluate, load_records, render_table, score_records
from communique.evaluate.gold import Gold
from communique.model import Record

RecordMaker = Callable[..., Record]
GoldMaker = Callable[..., Gold]

EXAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "contract" / "example"
PARTS = ("entities", "roles", "events", "agreements", "programmes")

ENTITIES = [
    {"kind": "person", "names": ["Anne Dupont"]},
    {"kind": "country", "names": ["Belgique"]},
    {"kind": "place", "names": ["Kinshasa"]},
]


def _golds(make_gold: GoldMaker) -> dict[str, Gold]:
    return {
        "a.txt": make_gold(
            document="a.txt",
            published="2025-03-14",
            language="fr",
            entities=ENTITIES,
            roles=[{"person": "Anne Dupont", "of": "Belgique", "title": "ministre"}],
        ),
        "vp:1": make_gold(document="vp:1", published=None, language="en", entities=ENTITIES[:1]),
        "c.txt": make_gold(document="c.txt", language="fr", entities=ENTITIES[:2]),
    }


def _records(make_record: RecordMaker) -> list[Record]:
    return [
        # a.txt: 2 of 3 entities, one fp; role right; published and language right
        make_record(
            source="/data/a.txt",
            published="2025-03-14",
            entities=[
                {"id": "p", "kind": "person", "name": "Anne Dupont"},
                {"id": "b", "kind": "country", "name": "Belgique"},
                {"id": "q", "kind": "place", "name": "Lubumbashi"},
            ],
            roles=[{"person": "p", "country": "b"}],
        ),
        # vp:1 from a JSON Lines file: published null = null, language wrong
        make_record(source="feed.jsonl#vp:1", language="fr", entities=[{"kind": "person", "name": "anne dupont"}]),
        make_record(source="other.txt"),  # no gold
        make_record(source="again/a.txt"),  # a second record of a.txt
    ]


def test_documents_matched_by_gold_key(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    report = score_records(_golds(make_gold), _records(make_record))
    assert [d.key for d in report.documents] == ["a.txt", "c.txt", "vp:1"]
    assert report.missing == ["c.txt"]
    assert report.unmatched_records == ["other.txt", "again/a.txt"]
    by_key = {d.key: d for d in report.documents}
    assert (by_key["a.txt"].parts["entities"].tp, by_key["a.txt"].parts["entities"].fp, by_key["a.txt"].parts["entities"].fn) == (
        2,
        1,
        1,
    )
    assert (by_key["vp:1"].parts["entities"].tp, by_key["vp:1"].parts["entities"].fp) == (1, 0)
    assert (by_key["c.txt"].has_record, by_key["c.txt"].parts["entities"].fn) == (False, 2)


def test_overall_is_micro_average(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    summary = score_records(_golds(make_gold), _records(make_record)).summary()
    # entities: tp 3, fp 1, fn 3 (1 in a.txt, 2 in the missing c.txt); roles: tp 1
    assert [(summary.parts[p].tp, summary.parts[p].fp, summary.parts[p].fn) for p in PARTS[:2]] == [(3, 1, 3), (1, 0, 0)]
    overall = summary.overall
    assert (overall.tp, overall.fp, overall.fn) == (4, 1, 3)
    assert overall.p == pytest.approx(4 / 5)
    assert overall.r == pytest.approx(4 / 7)
    assert overall.f1 == pytest.approx(2 * (4 / 5) * (4 / 7) / (4 / 5 + 4 / 7))
    macro_p = (summary.parts["entities"].p + summary.parts["roles"].p) / 2
    assert overall.p != pytest.approx(macro_p)
    assert summary.parts["events"].f1 == 0.0  # nothing on either side: 0, not an error


def test_metadata_accuracy_over_evaluated_documents(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    summary = score_records(_golds(make_gold), _records(make_record)).summary()
    assert summary.evaluated == 2  # c.txt has no record
    assert summary.published_acc == 1.0  # 2025-03-14 = 2025-03-14, null = null
    assert summary.language_acc == 0.5  # vp:1 is English, predicted French


def test_published_mismatch(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    golds = {"a.txt": make_gold(document="a.txt", published="2025-03-14")}
    assert score_records(golds, [make_record(source="a.txt", published=None)]).summary().published_acc == 0.0
    assert score_records(golds, [make_record(source="a.txt", published="2025-03")]).summary().published_acc == 0.0
    assert score_records(golds, []).summary().published_acc == 0.0


def test_languages_reported_apart(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    languages = score_records(_golds(make_gold), _records(make_record)).by_language()
    assert sorted(languages) == ["en", "fr"]
    assert (languages["fr"].parts["entities"].tp, languages["fr"].parts["entities"].fn) == (2, 3)
    assert (languages["en"].parts["entities"].tp, languages["en"].parts["entities"].fn) == (1, 0)
    assert (languages["en"].language_acc, languages["fr"].language_acc) == (0.0, 1.0)


def test_as_dict_shape(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    data: Any = score_records(_golds(make_gold), _records(make_record)).as_dict()
    assert set(data) == {
        *PARTS,
        "overall",
        "published_acc",
        "language_acc",
        "documents",
        "missing",
        "unmatched_records",
        "languages",
    }
    for part in PARTS:
        assert set(data[part]) == {"p", "r", "f1", "tp", "fp", "fn", "slots"}
    assert set(data["events"]["slots"]) == {"type", "date", "location", "participants"}
    assert set(data["agreements"]["slots"]) == {"signed", "period", "amounts"}
    assert data["programmes"]["slots"] == {"implementers": None}
    assert set(data["overall"]) == {"p", "r", "f1", "tp", "fp", "fn"}
    assert data["documents"][0] == {
        "key": "a.txt",
        "language": "fr",
        "record": True,
        "published_ok": True,
        "language_ok": True,
        "entities": {"tp": 2, "fp": 1, "fn": 1},
        "roles": {"tp": 1, "fp": 0, "fn": 0},
        "events": {"tp": 0, "fp": 0, "fn": 0},
        "agreements": {"tp": 0, "fp": 0, "fn": 0},
        "programmes": {"tp": 0, "fp": 0, "fn": 0},
    }
    assert set(data["languages"]) == {"fr", "en"}
    assert data["languages"]["en"]["evaluated"] == 1
    json.dumps(data)  # serialisable as is


def test_render_table(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    console = Console(width=200, record=True)
    console.print(render_table(score_records(_golds(make_gold), _records(make_record))))
    text = console.export_text()
    for word in (*PARTS, "overall", "fr", "en", "1 gold documents without a record", "2 records without a gold file"):
        assert word in text


# --- reading records -----------------------------------------------------------------


def _jsonl(make_record: RecordMaker, *sources: str) -> list[str]:
    return [make_record(source=source).to_json() for source in sources]


def test_load_records_json_lines(tmp_path: Path, make_record: RecordMaker) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join([*_jsonl(make_record, "a.txt"), "", *_jsonl(make_record, "b.txt")]) + "\n", encoding="utf-8")
    assert [r.document.source for r in load_records(path)] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "line 3: record: Invalid JSON"),
        ('{"schema": "communique.extraction/1"}', "line 3: document: Field required"),
    ],
)
def test_load_records_names_the_line(tmp_path: Path, make_record: RecordMaker, bad: str, message: str) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join([*_jsonl(make_record, "a.txt", "b.txt"), bad]), encoding="utf-8")
    with pytest.raises(MalformedRecord) as caught:
        load_records(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_load_records_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read records"):
        load_records(tmp_path / "none.jsonl")


# --- the contract example ------------------------------------------------------------


@pytest.fixture
def example() -> Path:
    if not (EXAMPLE / "record.json").is_file() or not (EXAMPLE / "gold.yaml").is_file():
        pytest.skip(f"the shared contract example is not at {EXAMPLE.resolve()}")
    return EXAMPLE


def test_contract_example_is_perfect(example: Path, tmp_path: Path) -> None:
    shutil.copy(example / "gold.yaml", tmp_path / "gold.yaml")
    records = load_records(example / "record.json")  # one indented record
    report = evaluate(tmp_path, records)
    data: Any = report.as_dict()
    for part in PARTS:
        assert data[part]["f1"] == 1.0, part
        assert all(value == 1.0 for value in data[part]["slots"].values()), part
    assert data["overall"]["f1"] == 1.0
    assert (data["published_acc"], data["language_acc"], data["missing"], data["unmatched_records"]) == (1.0, 1.0, [], [])


def test_contract_example_degrades_when_broken(example: Path, tmp_path: Path) -> None:
    """The example's perfect score is earned: dropping a fact costs exactly that fact."""
    shutil.copy(example / "gold.yaml", tmp_path / "gold.yaml")
    record = load_records(example / "record.json")[0]
    record.events = record.events[1:]
    record.roles[0].country = None
    data: Any = evaluate(tmp_path, [record]).as_dict()
    assert (data["events"]["tp"], data["events"]["fn"]) == (2, 1)
    assert (data["roles"]["tp"], data["roles"]["fp"], data["roles"]["fn"]) == (1, 1, 1)
    assert data["entities"]["f1"] == 1.0

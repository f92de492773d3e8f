from __future__ import annotations

import csv
from pathlib import Path

import pytest

from communique.export import render
from communique.export.cameo import COLUMNS, quad_class
from communique.model import Record


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return list(reader.fieldnames or []), list(reader)


def test_tsv_parses_with_the_header(records: list[Record], tmp_path: Path) -> None:
    summary = render("cameo", records, tmp_path / "events.tsv")
    header, rows = _rows(tmp_path / "events.tsv")
    assert header == list(COLUMNS)
    assert len(rows) == summary.written["rows"] == 7
    assert summary.written["events"] == 6
    assert dict(summary.skipped) == {"event has no CAMEO code": 1, "event negated by the text": 1}
    for row in rows:
        assert set(row) == set(COLUMNS)
        assert row["EventCode"].startswith(row["EventBaseCode"])
        assert row["EventBaseCode"].startswith(row["EventRootCode"])
        assert row["SQLDATE"] == "" or len(row["SQLDATE"]) == 8


def test_visit_row(records: list[Record], tmp_path: Path) -> None:
    render("cameo", records, tmp_path / "events.tsv")
    _, rows = _rows(tmp_path / "events.tsv")
    visit = next(row for row in rows if row["EventCode"] == "042")
    assert visit["SQLDATE"] == "20240726"
    assert (visit["Actor1Name"], visit["Actor1Code"], visit["Actor2Name"]) == ("Xavier Bettel", "LUXGOV", "")
    assert (visit["EventRootCode"], visit["QuadClass"], visit["PloverScale"]) == ("04", "1", "4")
    assert (visit["ActionGeo_FullName"], visit["ActionGeo_CountryCode"]) == ("Genève, Switzerland", "CHE")
    assert visit["Source"] == "seeds/000_geneva.txt"
    text = records[0].document.text
    assert text[int(visit["EvidenceStart"]) : int(visit["EvidenceEnd"])].startswith("Le ministre")


def test_multilateral_meeting_gives_one_row_per_dyad(records: list[Record], tmp_path: Path) -> None:
    render("cameo", records, tmp_path / "events.tsv")
    _, rows = _rows(tmp_path / "events.tsv")
    summit = [row for row in rows if row["EventId"] == "ev2" and row["Source"].startswith("wh/")]
    assert [(r["Actor1Code"], r["Actor2Name"], r["Actor2Code"]) for r in summit] == [
        ("USAGOV", "G7", "IGO"),
        ("USAGOV", "Volodymyr Zelenskyy", "UKRGOV"),
    ]
    assert all(row["SQLDATE"] == "" for row in summit)  # known to the month only
    assert all(row["SOURCEURL"] == "https://example.org/briefing/grant" for row in summit)


def test_event_ids_are_unique_and_stable(records: list[Record], tmp_path: Path) -> None:
    render("cameo", records, tmp_path / "a.tsv")
    render("cameo", records, tmp_path / "b.tsv")
    assert (tmp_path / "a.tsv").read_bytes() == (tmp_path / "b.tsv").read_bytes()
    _, rows = _rows(tmp_path / "a.tsv")
    ids = [int(row["GLOBALEVENTID"]) for row in rows]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("code", "quad"), [("010", 1), ("057", 1), ("0331", 1), ("073", 2), ("112", 3), ("1711", 4), ("20", 4)])
def test_quad_class_follows_gdelt(code: str, quad: int) -> None:
    assert quad_class(code) == quad

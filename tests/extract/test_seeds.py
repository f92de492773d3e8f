"""Golden tests on the five seed documents: the hard cases the product must get right."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.batch import run
from communique.model import Entity, Record
from communique.settings import Options
from communique.text import fold

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, Record]:
    outcomes = list(run([str(seeds_dir)], Options(quiet=True)))
    records = {Path(o.source).name[:3]: o.record for o in outcomes if o.record is not None}
    assert len(records) == 5
    return records


def _entity(record: Record, name: str) -> Entity:
    found = [e for e in record.entities if fold(name) in {fold(n) for n in e.names()}]
    assert len(found) == 1, (name, [e.name for e in found])
    return found[0]


def _names(record: Record, ids: list[str]) -> set[str]:
    return {record.entity(i).name for i in ids}


def test_actors_of_the_geneva_visit(seeds: dict[str, Record]) -> None:
    record = seeds["000"]
    unicc = _entity(record, "UNICC")
    assert unicc.kind == "organization"
    assert fold("Centre international de calcul des Nations unies") in {fold(n) for n in unicc.names()}
    assert _entity(record, "OHCHR").ref is not None
    bettel = _entity(record, "Bettel")
    assert bettel.name == "Xavier Bettel"
    assert bettel.kind == "person"
    assert _entity(record, "CICR").kind == "organization"
    assert _entity(record, "HD").name == "Centre pour le dialogue humanitaire"
    assert not [e for e in record.entities if e.kind == "person" and e.name in ("Homme", "Communiqué")]


def test_offices_and_their_owners(seeds: dict[str, Record]) -> None:
    record = seeds["000"]
    owners = {record.entity(r.person).name: record.entity(r.organization or r.country or "").names() for r in record.roles}
    assert "Luxembourg" in owners["Xavier Bettel"]
    assert "OHCHR" in owners["Volker Türk"]
    assert "UNICC" in owners["Sameer Chauhan"]
    assert "CICR" in owners["Mirjana Spoljaric Egger"]
    role = next(r for r in record.roles if record.entity(r.person).name == "Xavier Bettel")
    assert role.title == "ministre de la Coopération et de l'Action humanitaire"


def test_forms_of_address_resolve_to_the_full_name(seeds: dict[str, Record]) -> None:
    record = seeds["003"]
    assert _entity(record, "Mogherini").name == "Federica Mogherini"
    assert _entity(record, "Voronkov").name == "Vladimir Voronkov"


def test_seven_events_of_the_geneva_visit(seeds: dict[str, Record]) -> None:
    events = seeds["000"].events
    assert len(events) == 7
    assert {e.date.start if e.date else None for e in events} == {"2024-07-26"}
    assert sorted(e.type for e in events) == ["meeting"] * 4 + ["signing"] * 2 + ["visit"]
    assert {seeds["000"].entity(e.location).name for e in events if e.location} == {"Genève"}
    visit = next(e for e in events if e.type == "visit")
    assert (visit.plover, visit.plover_mode, visit.cameo) == ("CONSULT", "visit", "042")


def test_eu_un_dialogue_dated_from_le_2_decembre_dernier(seeds: dict[str, Record]) -> None:
    record = seeds["004"]
    assert record.document.published == "2020-12-03"
    dialogues = [e for e in record.events if e.type in ("dialogue", "meeting")]
    assert [e.date.start if e.date else None for e in dialogues] == ["2020-12-02"]
    assert {"Joanneke Balfoort", "Vladimir Voronkov"} <= _names(record, dialogues[0].participants)


def test_the_three_commitments_come_out_exactly(seeds: dict[str, Record]) -> None:
    geneva = seeds["000"].agreements
    ohchr = next(a for a in geneva if "OHCHR" in {n for p in a.parties for n in seeds["000"].entity(p).names()})
    assert (ohchr.period.start, ohchr.period.end) == ("2024", "2027")  # type: ignore[union-attr]
    assert [(a.value, a.currency, a.per) for a in ohchr.amounts] == [(1_500_000, "EUR", "year")]
    assert ohchr.signed == "2024-07-26"
    unicc = next(a for a in geneva if "UNICC" in {n for p in a.parties for n in seeds["000"].entity(p).names()})
    assert unicc.period is not None
    assert unicc.period.years == 5
    assert [(a.value, a.currency, a.per) for a in unicc.amounts] == [(3_950_000, "EUR", "total")]
    (cir,) = seeds["001"].agreements
    assert _names(seeds["001"], cir.parties) == {"Luxembourg", "Cadre intégré renforcé"}
    assert (cir.period.start, cir.period.end) == ("2016", "2022")  # type: ignore[union-attr]
    assert [(a.value, a.currency, a.per) for a in cir.amounts] == [(4_500_000, "EUR", "total")]


def test_programmes_of_the_private_sector_report(seeds: dict[str, Record]) -> None:
    record = seeds["001"]
    programmes = {record.entity(p.entity).name: p for p in record.programmes}
    bpf = next(p for name, p in programmes.items() if "BPF" in record.entity(p.entity).names())
    assert "LuxDev" in {n for i in bpf.implementers for n in record.entity(i).names()}
    assert any(f.value == 34 for f in bpf.figures)
    assert {"SATMED", "emergency.lu"} <= {n for p in record.programmes for n in record.entity(p.entity).names()}

"""Loading gold files: typed values, resolved names, and one-line errors naming the file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from communique.errors import GoldError
from communique.evaluate.gold import GoldAmount, GoldPeriod, load_gold, load_gold_dir

GOOD = """\
# a comment line
document: 000_example.txt
published: 2023-03-14
language: fr
entities:
  - {kind: person, names: [Anne Dupont, Dupont]}
  - {kind: organization, names: [PNUD, UNDP]}
  - {kind: country, names: [Belgique, Belgium]}
  - {kind: place, names: [Kinshasa]}
optional:
  - {kind: organization, names: [Coopération belge]}
roles:
  - {person: dupont, of: belgium, title: ministre}
events:
  - types: [signing]
    date: 2023-03-14
    location: Kinshasa
    participants: [Anne Dupont, PNUD]
    also: [Coopération belge]
  - {types: [meeting], date: 2023-03, location: null, participants: [PNUD], optional: true}
  - {types: [conference], date: 2023, location: null, participants: [PNUD]}
agreements:
  - parties: [Belgique, PNUD]
    signed: 2023-03-14
    period: {start: "2023", end: 2027}
    amounts: [{value: 20000000, currency: EUR, per: total}]
  - {parties: [Belgique], signed: null, period: {years: 5}}
programmes:
  - {name: PNUD, implementers: [Belgique]}
"""


def _write(folder: Path, text: str, name: str = "g.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_load_resolves_names_and_normalises_dates(tmp_path: Path) -> None:
    gold = load_gold(_write(tmp_path, GOOD))
    assert (gold.file, gold.document, gold.published, gold.language) == ("g.yaml", "000_example.txt", "2023-03-14", "fr")
    assert [e.optional for e in gold.entities] == [False, False, False, False, True]
    assert (gold.roles[0].person, gold.roles[0].of) == (0, 2)
    signing, meeting, conference = gold.events
    assert (signing.date, signing.location, signing.participants, signing.also) == (
        "2023-03-14",
        3,
        frozenset({0, 1}),
        frozenset({4}),
    )
    assert (meeting.date, meeting.optional, meeting.also) == ("2023-03", True, frozenset())
    assert conference.date == "2023"  # a bare YAML year loads as an int
    first, second = gold.agreements
    assert (first.parties, first.signed, first.period) == (frozenset({1, 2}), "2023-03-14", GoldPeriod("2023", "2027", None))
    assert first.amounts == (GoldAmount(20000000, "EUR", "total"),)
    assert (second.signed, second.period, second.amounts) == (None, GoldPeriod(None, None, 5), ())
    assert (gold.programmes[0].name, gold.programmes[0].implementers) == (1, frozenset({2}))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "participants: [Anne Dupont, PNUD]",
            "participants: [Anne Dupond, PNUD]",
            "events[0].participants: 'Anne Dupond' names no gold entity",
        ),
        ("also: [Coopération belge]", "also: [Belgian cooperation]", "events[0].also: 'Belgian cooperation'"),
        ("of: belgium", "of: Brussels", "roles[0].of: 'Brussels'"),
        ("{person: dupont", "{person: Martin", "roles[0].person: 'Martin'"),
        ("parties: [Belgique, PNUD]", "parties: [Belgique, UNICEF]", "agreements[0].parties: 'UNICEF'"),
        ("location: Kinshasa", "location: Kinshasha", "events[0].location: 'Kinshasha'"),
        ("{name: PNUD", "{name: PARU", "programmes[0].name: 'PARU'"),
        ("implementers: [Belgique]", "implementers: [Belgien]", "programmes[0].implementers: 'Belgien'"),
        ("language: fr\n", "", "language: Field required"),
        ("types: [signing]", "types: [call]", "events[0].types[0]: Input should be"),
        ("types: [signing]", "types: []", "events[0].types: List should have at least 1 item"),
        ("    date: 2023-03-14\n", "", "events[0].date: Field required"),
        (
            "participants: [Anne Dupont, PNUD]",
            "participant: [Anne Dupont, PNUD]",
            "events[0].participants: Field required (and 1 more problems)",
        ),
        ("currency: EUR", "currency: euros", "agreements[0].amounts[0].currency"),
        ("per: total", "per: month", "agreements[0].amounts[0].per"),
        ("published: 2023-03-14", "published: 14 mars 2023", "published: String should match pattern"),
        ("names: [Kinshasa]", "names: [2020]", "entities[3].names[0]: Input should be a valid string"),
        ("kind: place", "kind: city", "entities[3].kind"),
    ],
)
def test_malformed_gold_fails_in_one_line_naming_the_file(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    text = str(caught.value)
    assert text.startswith("g.yaml: ")
    assert message in text
    assert "\n" not in text


def test_empty_part_may_be_left_blank(tmp_path: Path) -> None:
    gold = load_gold(
        _write(
            tmp_path,
            GOOD.replace("optional:\n  - {kind: organization, names: [Coopération belge]}\n", "optional:\n").replace(
                "also: [Coopération belge]", "also: []"
            ),
        )
    )
    assert [e.optional for e in gold.entities] == [False] * 4


def test_ambiguous_reference_is_an_error(tmp_path: Path) -> None:
    text = GOOD.replace(
        "  - {kind: place, names: [Kinshasa]}", "  - {kind: place, names: [Kinshasa]}\n  - {kind: place, names: [UNDP]}"
    )
    with pytest.raises(GoldError, match="names several gold entities"):
        load_gold(_write(tmp_path, text.replace("participants: [Anne Dupont, PNUD]", "participants: [Anne Dupont, UNDP]")))
    load_gold(_write(tmp_path, text))  # a shared name is fine while no reference uses it


@pytest.mark.parametrize(
    ("text", "message"),
    [("document: x\nlanguage: [fr\n", r"line \d+: expected"), ("- a list\n", "not a YAML mapping"), ("", "not a YAML mapping")],
)
def test_unreadable_gold(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        load_gold(_write(tmp_path, text))


def test_dir_reads_yaml_and_yml_only(tmp_path: Path) -> None:
    _write(tmp_path, GOOD, "a.yaml")
    _write(tmp_path, GOOD.replace("000_example.txt", "001.txt"), "b.yml")
    _write(tmp_path, "not yaml: [", "CONVENTIONS.md")
    _write(tmp_path, "{}", "notes.txt")
    assert sorted(load_gold_dir(tmp_path)) == ["000_example.txt", "001.txt"]


def test_dir_rejects_two_files_for_one_document(tmp_path: Path) -> None:
    _write(tmp_path, GOOD, "a.yaml")
    _write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(GoldError, match=r"b\.yaml: document '000_example\.txt' is also annotated by a\.yaml"):
        load_gold_dir(tmp_path)


def test_dir_must_exist(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="not a folder"):
        load_gold_dir(tmp_path / "nowhere")

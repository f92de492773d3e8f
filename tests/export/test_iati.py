from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from communique.errors import ExportError
from communique.export.iati import NOTICE, REF_PREFIX, write_iati
from communique.export.iati_plan import add_months
from communique.model import Agreement, Amount, Record

from tests.conftest import SHARED, shared_or_skip

IATI = SHARED / "standards" / "iati"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GENERATED = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)

# (element, attribute) → the code list its values come from
CODED: dict[tuple[str, str], str] = {
    ("iati-activities", "version"): "Version",
    ("iati-activity", "default-currency"): "Currency",
    ("iati-activity", XML_LANG): "Language",
    ("narrative", XML_LANG): "Language",
    ("reporting-org", "type"): "OrganisationType",
    ("participating-org", "type"): "OrganisationType",
    ("participating-org", "role"): "OrganisationRole",
    ("provider-org", "type"): "OrganisationType",
    ("receiver-org", "type"): "OrganisationType",
    ("activity-status", "code"): "ActivityStatus",
    ("activity-date", "type"): "ActivityDateType",
    ("recipient-country", "code"): "Country",
    ("recipient-region", "code"): "Region",
    ("default-flow-type", "code"): "FlowType",
    ("default-finance-type", "code"): "FinanceType",
    ("budget", "type"): "BudgetType",
    ("budget", "status"): "BudgetStatus",
    ("transaction-type", "code"): "TransactionType",
    ("value", "currency"): "Currency",
}


@cache
def _schema() -> etree.XMLSchema:
    path = shared_or_skip(IATI / "iati-activities-schema.xsd")
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def schema_errors(tree: etree._ElementTree) -> list[str]:
    """Messages of the official 2.03 schema for a document (empty when valid)."""
    schema = _schema()
    schema.validate(tree)
    return [f"{error.line}: {error.message}" for error in schema.error_log]


@cache
def active_codes(name: str) -> frozenset[str]:
    data = json.loads(shared_or_skip(IATI / "codelists" / f"{name}.json").read_text(encoding="utf-8"))
    return frozenset(code["code"] for code in data["codes"] if code["status"] == "active")


@pytest.fixture
def iati(records: list[Record], tmp_path: Path) -> etree._ElementTree:
    path = tmp_path / "activities.xml"
    write_iati(records, path, generated=GENERATED)
    return etree.parse(str(path))


def _activity(tree: etree._ElementTree, title_part: str) -> etree._Element:
    found = [a for a in tree.getroot() if isinstance(a.tag, str) and title_part in "".join(a.find("title").itertext())]
    assert len(found) == 1, title_part
    return found[0]


def _budgets(activity: etree._Element) -> list[tuple[str, str, str]]:
    return [
        (b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date"), b.find("value").text)
        for b in activity.findall("budget")
    ]


def test_export_is_valid_against_the_official_schema(iati: etree._ElementTree) -> None:
    assert schema_errors(iati) == []
    assert len(iati.getroot().findall("iati-activity")) == 4


def _copy(tree: etree._ElementTree) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(etree.tostring(tree)))


def test_the_validation_fails_on_an_invalid_file(iati: etree._ElementTree) -> None:
    without_status = _copy(iati)
    first = without_status.getroot().find("iati-activity")
    first.remove(first.find("activity-status"))
    assert any("activity-date" in e and "not expected" in e for e in schema_errors(without_status))
    without_value_date = _copy(iati)
    without_value_date.getroot().find("iati-activity/budget/value").attrib.pop("value-date")
    assert any("value-date" in e and "required" in e for e in schema_errors(without_value_date))


def test_every_code_is_in_the_code_lists(iati: etree._ElementTree) -> None:
    checked = 0
    for element in iati.getroot().iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in element.attrib.items():
            codelist = CODED.get((element.tag, attribute))
            if codelist is not None:
                assert value in active_codes(codelist), (element.tag, attribute, value)
                checked += 1
    assert checked > 50


def test_ohchr_four_annual_budget_lines_and_a_signed_commitment(iati: etree._ElementTree) -> None:
    activity = _activity(iati, "Haut-Commissariat")
    assert _budgets(activity) == [(f"{y}-01-01", f"{y}-12-31", "1500000") for y in range(2024, 2028)]
    assert [b.find("value").get("value-date") for b in activity.findall("budget")] == [f"{y}-01-01" for y in range(2024, 2028)]
    assert {b.get("status") for b in activity.findall("budget")} == {"2"}
    dates = [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")]
    assert dates == [("1", "2024-01-01"), ("2", "2024-07-26"), ("3", "2027-12-31")]
    assert activity.find("activity-status").get("code") == "2"
    (transaction,) = activity.findall("transaction")
    assert transaction.find("transaction-type").get("code") == "2"
    assert transaction.find("transaction-date").get("iso-date") == "2024-07-26"
    assert transaction.find("value").text == "6000000"
    assert transaction.find("receiver-org").get("type") == "40"
    assert activity.get("default-currency") == "EUR"
    assert activity.get(XML_LANG) == "fr"


def test_ohchr_organisations(iati: etree._ElementTree) -> None:
    activity = _activity(iati, "Haut-Commissariat")
    reporting = activity.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type"), reporting.findtext("narrative")) == (
        f"{REF_PREFIX}LU",
        "10",
        "Luxembourg",
    )
    roles = [(p.get("role"), p.get("type"), p.findtext("narrative")) for p in activity.findall("participating-org")]
    assert roles == [
        ("1", "10", "Luxembourg"),
        ("4", "40", "Haut-Commissariat des Nations unies aux droits de l'Homme"),
    ]
    region = activity.find("recipient-region")
    assert (region.get("code"), region.get("percentage")) == ("998", "100")
    assert activity.findtext("iati-identifier").startswith(f"{REF_PREFIX}LU-")
    title = activity.find("title/narrative")
    assert title.get(XML_LANG) == "fr"
    assert title.text == (
        "Cadre de partenariat stratégique — Luxembourg / Haut-Commissariat des Nations unies aux droits de l'Homme (2024-2027)"
    )
    assert "1,5 million d'euros par année" in activity.findtext("description/narrative")


def test_unicc_five_equal_lines(iati: etree._ElementTree) -> None:
    activity = _activity(iati, "Centre international de calcul")
    assert _budgets(activity) == [(f"{y}-01-01", f"{y}-12-31", "790000") for y in range(2024, 2029)]
    assert activity.find("transaction/value").text == "3950000"


def test_cir_seven_lines_that_add_up_to_the_commitment(iati: etree._ElementTree) -> None:
    activity = _activity(iati, "Cadre intégré renforcé")
    lines = _budgets(activity)
    assert [(start, end) for start, end, _ in lines] == [(f"{y}-01-01", f"{y}-12-31") for y in range(2016, 2023)]
    assert sum(Decimal(value) for _, _, value in lines) == Decimal(4_500_000)
    assert {value for _, _, value in lines[:-1]} == {"642857.14"}
    assert {b.get("status") for b in activity.findall("budget")} == {"1"}  # not signed: indicative
    assert activity.find("activity-status").get("code") == "1"
    assert activity.findall("transaction") == []
    assert [p.get("type") for p in activity.findall("participating-org")] == ["10", "90"]


def test_grant_to_a_country(iati: etree._ElementTree) -> None:
    activity = _activity(iati, "Ukraine")
    assert activity.get("default-currency") == "USD"
    country = activity.find("recipient-country")
    assert (country.get("code"), country.get("percentage")) == ("UA", "100")
    assert activity.find("recipient-region") is None
    assert activity.find("default-flow-type").get("code") == "10"
    assert activity.find("default-finance-type").get("code") == "110"
    assert _budgets(activity) == [("2024-01-01", "2024-12-31", "1500000000")]
    assert [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")] == [("1", "2024-06-15")]
    assert activity.findall("transaction") == []  # announced, not signed


def test_money_without_the_word_grant_has_no_finance_type(iati: etree._ElementTree) -> None:
    activity = _activity(iati, "Haut-Commissariat")
    assert activity.find("default-finance-type") is None
    assert activity.find("default-flow-type") is None


def test_budget_periods_never_exceed_a_year(iati: etree._ElementTree) -> None:
    for budget in iati.getroot().iter("budget"):
        start = date.fromisoformat(budget.find("period-start").get("iso-date"))
        end = date.fromisoformat(budget.find("period-end").get("iso-date"))
        assert start <= end < add_months(start, 12)


def test_identifiers_are_unique_and_stable(records: list[Record], tmp_path: Path) -> None:
    write_iati(records, tmp_path / "a.xml", generated=GENERATED)
    write_iati(records, tmp_path / "b.xml", generated=GENERATED)
    assert (tmp_path / "a.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()
    identifiers = [e.text for e in etree.parse(str(tmp_path / "a.xml")).getroot().iter("iati-identifier")]
    assert len(set(identifiers)) == len(identifiers) == 4


def test_agreements_without_money_are_skipped_and_counted(records: list[Record], tmp_path: Path) -> None:
    summary = write_iati(records, tmp_path / "a.xml", generated=GENERATED)
    assert summary.written["activities"] == 4
    assert dict(summary.skipped) == {"agreement states no amount": 1}


def test_attribution_and_placeholder_notice(iati: etree._ElementTree) -> None:
    comments = [c.text for c in iati.getroot().iter(etree.Comment)]
    assert comments == [NOTICE]
    assert "IATI Standard (http://iatistandard.org/), CC BY 4.0" in NOTICE
    assert iati.getroot().get("generated-datetime") == "2025-01-15T12:00:00Z"


def test_undatable_commitment_is_skipped_and_an_empty_export_refused(records: list[Record], tmp_path: Path) -> None:
    record = records[1]  # no publication date
    record.agreements = [
        Agreement(id="ag9", parties=["e1", "e2"], amounts=[Amount(value=1000, currency="EUR", per="total", text="1 000 euros")])
    ]
    # IATI requires at least one activity: an empty file would not be valid, so none is written
    with pytest.raises(ExportError, match=r"no IATI activity to write.*no period, signing date or publication date"):
        write_iati([record], tmp_path / "a.xml", generated=GENERATED)
    assert list(tmp_path.iterdir()) == []


def _identifiers(records: list[Record], path: Path) -> list[str]:
    write_iati(records, path, generated=GENERATED)
    return [e.text or "" for e in etree.parse(str(path)).getroot().iter("iati-identifier")]


def test_identifiers_survive_renumbered_facts(records: list[Record], tmp_path: Path) -> None:
    before = _identifiers(records, tmp_path / "a.xml")
    for record in records:
        for number, agreement in enumerate(record.agreements):
            agreement.id = f"F{100 + number}"
    assert _identifiers(records, tmp_path / "b.xml") == before


def test_agreements_stated_in_the_same_words_get_distinct_identifiers(records: list[Record], tmp_path: Path) -> None:
    record = records[0]
    record.agreements = [record.agreements[0], record.agreements[0].model_copy(update={"id": "ag1-bis"})]
    identifiers = _identifiers([record], tmp_path / "a.xml")
    assert len(set(identifiers)) == 2

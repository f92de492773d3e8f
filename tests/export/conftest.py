"""Hand-built records modelled on the seeds (no spaCy model): the Luxembourg–OHCHR and
Luxembourg–UNICC frameworks signed in Geneva, Luxembourg's commitment to the Enhanced
Integrated Framework (CIR), and an English announcement with a grant, a memorandum without
money, a multilateral meeting, an undated event and a negated one.

Spans are found in the texts, so every offset is true. Fixtures, not an importable module,
because the suite runs with ``--import-mode=importlib``."""

from __future__ import annotations

import re

import pytest

from communique.model import Agreement, Amount, Document, Entity, Event, Period, Programme, Record, Role, Span, When

GENEVA_TEXT = (
    "Le ministre de la Coopération et de l'Action humanitaire, Xavier Bettel, a effectué une visite de travail à "
    "Genève le 26 juillet 2024. Xavier Bettel a eu une entrevue bilatérale avec le haut-commissaire des Nations "
    "unies aux droits de l'Homme, Volker Türk, à l'issue de laquelle le ministre et le haut-commissaire ont signé "
    "un premier cadre de partenariat stratégique entre le Luxembourg et le Haut-Commissariat des Nations unies aux "
    "droits de l'Homme (OHCHR). Par le biais de ce partenariat, qui couvre une période de quatre ans (2024-2027) "
    "et est doté d'un budget de 1,5 million d'euros par année, la Coopération luxembourgeoise apportera un appui "
    "financier prévisible et flexible à la mission de l'OHCHR.\n"
    "Xavier Bettel a ensuite également eu un échange bilatéral avec le directeur du Centre international de calcul "
    "des Nations unies (UNICC), Sameer Chauhan. À l'occasion de cette rencontre, le ministre et Sameer Chauhan ont "
    "procédé à la signature d'un premier cadre de partenariat stratégique entre le Luxembourg et l'UNICC. Portant "
    "sur une période de cinq ans pour un montant total de 3,95 millions d'euros, ce partenariat stratégique prévoit "
    "une contribution du Grand-Duché au fonds de cybersécurité de l'UNICC."
)

CIR_TEXT = (
    "Le Luxembourg soutient le Cadre intégré renforcé (CIR), un programme multilatéral qui aide les pays les "
    "moins avancés à utiliser le commerce comme moteur de croissance. L'engagement financier du Luxembourg pour "
    "les années 2016 à 2022 s'élève à 4,5 millions d'euros."
)

GRANT_TEXT = (
    "Vice President Kamala Harris announced a grant of $1.5 billion from the United States to Ukraine for energy "
    "and humanitarian needs. She met leaders of the G7 and President Volodymyr Zelenskyy of Ukraine at the "
    "summit in Bürgenstock. The United States and Ukraine also signed a memorandum of understanding on energy "
    "security. The United States did not meet Russian officials."
)


def span(text: str, phrase: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th appearance of ``phrase`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return (start, start + len(phrase))


def sentence(text: str, phrase: str) -> Span:
    """The span of the sentence (up to its full stop) that starts with ``phrase``."""
    start = text.index(phrase)
    stop = re.compile(r"\.(?=\s|$)").search(text, start)
    assert stop is not None
    return (start, stop.end())


def _document(text: str, source: str, language: str, published: str | None, url: str | None = None) -> Document:
    return Document(
        id=Document.id_for(text), source=source, url=url, title=text[:60], language=language, published=published, text=text
    )


def geneva_record() -> Record:
    text = GENEVA_TEXT
    entities = [
        Entity(id="e1", kind="person", name="Xavier Bettel", aliases=["Bettel"], mentions=[span(text, "Xavier Bettel")]),
        Entity(id="e2", kind="person", name="Volker Türk", aliases=["Türk"], mentions=[span(text, "Volker Türk")]),
        Entity(id="e3", kind="person", name="Sameer Chauhan", mentions=[span(text, "Sameer Chauhan")]),
        Entity(id="e4", kind="country", name="Luxembourg", ref="Q32", mentions=[span(text, "Luxembourg")]),
        Entity(id="e5", kind="place", name="Genève", aliases=["Geneva"], ref="Q71", mentions=[span(text, "Genève")]),
        Entity(
            id="e6",
            kind="organization",
            name="Haut-Commissariat des Nations unies aux droits de l'Homme",
            aliases=["OHCHR"],
            mentions=[span(text, "Haut-Commissariat des Nations unies aux droits de l'Homme"), span(text, "OHCHR")],
        ),
        Entity(
            id="e7",
            kind="organization",
            name="Centre international de calcul des Nations unies",
            aliases=["UNICC"],
            mentions=[span(text, "Centre international de calcul des Nations unies"), span(text, "UNICC")],
        ),
    ]
    roles = [
        Role(
            person="e1",
            title="ministre de la Coopération et de l'Action humanitaire",
            country="e4",
            evidence=sentence(text, "Le ministre"),
        ),
        Role(
            person="e2",
            title="haut-commissaire des Nations unies aux droits de l'Homme",
            organization="e6",
            evidence=span(text, "le haut-commissaire des Nations unies aux droits de l'Homme, Volker Türk"),
        ),
        Role(
            person="e3",
            title="directeur du Centre international de calcul des Nations unies",
            organization="e7",
            evidence=span(text, "le directeur du Centre international de calcul des Nations unies (UNICC), Sameer Chauhan"),
        ),
    ]
    day = When(start="2024-07-26", end="2024-07-26", precision="day")
    events = [
        Event(
            id="ev1",
            type="visit",
            plover="CONSULT",
            plover_mode="visit",
            cameo="042",
            date=day,
            location="e5",
            participants=["e1"],
            evidence=sentence(text, "Le ministre"),
            confidence=0.9,
        ),
        Event(
            id="ev2",
            type="meeting",
            plover="CONSULT",
            cameo="040",
            date=day,
            location="e5",
            participants=["e1", "e2"],
            evidence=span(text, "Xavier Bettel a eu une entrevue bilatérale"),
            confidence=0.9,
        ),
        Event(
            id="ev3",
            type="signing",
            plover="SUPPORT",
            cameo="057",
            date=day,
            location="e5",
            participants=["e1", "e2", "e4", "e6"],
            evidence=span(text, "ont signé un premier cadre de partenariat stratégique"),
            confidence=0.8,
        ),
        Event(
            id="ev4",
            type="signing",
            plover="SUPPORT",
            cameo="057",
            date=None,
            location=None,
            participants=["e1", "e3"],
            evidence=span(text, "procédé à la signature"),
            confidence=0.8,
        ),
    ]
    agreements = [
        Agreement(
            id="ag1",
            instrument="cadre de partenariat stratégique",
            parties=["e4", "e6"],
            signatories=["e1", "e2"],
            signed="2024-07-26",
            period=Period(start="2024", end="2027"),
            amounts=[Amount(value=1_500_000, currency="EUR", per="year", text="1,5 million d'euros par année")],
            purposes=["mission de l'OHCHR"],
            evidence=[span(text, "ont signé un premier cadre"), sentence(text, "Par le biais")],
        ),
        Agreement(
            id="ag2",
            instrument="cadre de partenariat stratégique",
            parties=["e4", "e7"],
            signatories=["e1", "e3"],
            signed="2024-07-26",
            period=Period(years=5),
            amounts=[Amount(value=3_950_000, currency="EUR", per="total", text="montant total de 3,95 millions d'euros")],
            purposes=["contribution au fonds de cybersécurité de l'UNICC"],
            evidence=[sentence(text, "Portant sur")],
        ),
    ]
    document = _document(text, "seeds/000_geneva.txt", "fr", None)
    return Record(document=document, entities=entities, roles=roles, events=events, agreements=agreements)


def cir_record() -> Record:
    text = CIR_TEXT
    entities = [
        Entity(
            id="e1",
            kind="country",
            name="Luxembourg",
            ref="Q32",
            mentions=[span(text, "Luxembourg"), span(text, "Luxembourg", 1)],
        ),
        Entity(
            id="e2",
            kind="programme",
            name="Cadre intégré renforcé",
            aliases=["CIR"],
            mentions=[span(text, "Cadre intégré renforcé")],
        ),
    ]
    commitment = sentence(text, "L'engagement financier")
    agreements = [
        Agreement(
            id="ag1",
            parties=["e1", "e2"],
            period=Period(start="2016", end="2022"),
            amounts=[Amount(value=4_500_000, currency="EUR", per="total", text="4,5 millions d'euros")],
            evidence=[commitment],
        )
    ]
    programmes = [Programme(entity="e2", funders=["e1"], period=Period(start="2016", end="2022"), evidence=[commitment])]
    document = _document(text, "seeds/001_cir.txt", "fr", None)
    return Record(document=document, entities=entities, agreements=agreements, programmes=programmes)


def grant_record() -> Record:
    text = GRANT_TEXT
    entities = [
        Entity(id="e1", kind="person", name="Kamala Harris", mentions=[span(text, "Kamala Harris")]),
        Entity(id="e2", kind="country", name="United States", ref="Q30", mentions=[span(text, "United States")]),
        Entity(id="e3", kind="country", name="Ukraine", ref="Q212", mentions=[span(text, "Ukraine")]),
        Entity(id="e4", kind="organization", name="G7", mentions=[span(text, "G7")]),
        Entity(id="e5", kind="person", name="Volodymyr Zelenskyy", mentions=[span(text, "Volodymyr Zelenskyy")]),
        Entity(id="e6", kind="place", name="Bürgenstock", mentions=[span(text, "Bürgenstock")]),
        Entity(id="e7", kind="organization", name="Russian officials", mentions=[span(text, "Russian officials")]),
    ]
    roles = [
        Role(person="e1", title="Vice President", country="e2", evidence=span(text, "Vice President Kamala Harris")),
        Role(person="e5", title="President", country="e3", evidence=span(text, "President Volodymyr Zelenskyy of Ukraine")),
    ]
    events = [
        Event(
            id="ev1",
            type="announcement",
            plover="AGREE",
            cameo="0331",
            participants=["e1", "e3"],
            evidence=sentence(text, "Vice President"),
            confidence=0.7,
        ),
        Event(
            id="ev2",
            type="conference",
            plover="CONSULT",
            plover_mode="multilateral",
            cameo="040",
            date=When(start="2024-06", end="2024-06", precision="month"),
            location="e6",
            participants=["e1", "e4", "e5"],
            evidence=sentence(text, "She met"),
            confidence=0.8,
        ),
        Event(
            id="ev3",
            type="meeting",
            plover="CONSULT",
            cameo="040",
            participants=["e2", "e7"],
            evidence=sentence(text, "The United States did not"),
            confidence=0.6,
            factuality="negated",
        ),
        Event(
            id="ev4",
            type="other",
            plover=None,
            cameo=None,
            participants=["e2"],
            evidence=sentence(text, "The United States and"),
            confidence=0.5,
        ),
    ]
    agreements = [
        Agreement(
            id="ag1",
            parties=["e2", "e3"],
            signatories=["e1"],
            amounts=[Amount(value=1.5e9, currency="USD", per="unspecified", text="$1.5 billion")],
            purposes=["energy and humanitarian needs"],
            evidence=[sentence(text, "Vice President")],
        ),
        Agreement(
            id="ag2",
            instrument="memorandum of understanding",
            parties=["e2", "e3"],
            evidence=[sentence(text, "The United States and")],
        ),
    ]
    document = _document(text, "wh/2024-06-15-grant.html", "en", "2024-06-15", url="https://example.org/briefing/grant")
    return Record(document=document, entities=entities, roles=roles, events=events, agreements=agreements)


@pytest.fixture
def records() -> list[Record]:
    """The three records, in a fixed order."""
    return [geneva_record(), cir_record(), grant_record()]

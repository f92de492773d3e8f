"""Hand-built records (no spaCy model) that report the same world from three documents:
the Bettel–Türk meeting in Geneva and the Luxembourg–OHCHR framework in French and in
English, then an OHCHR programme launch in Kinshasa. Spans are found in the texts, so
every offset is true."""

from __future__ import annotations

from communique.model import Agreement, Amount, Document, Entity, Event, Period, Programme, Record, Role, Span, When

FRENCH = (
    "Genève, le 26 juillet 2024 – Le ministre de la Coopération, Xavier Bettel, a rencontré Volker Türk, "
    "haut-commissaire des Nations unies aux droits de l'Homme. Le Luxembourg et le Haut-Commissariat des Nations "
    "unies aux droits de l'Homme (OHCHR) ont signé un cadre de partenariat stratégique doté de 1,5 million d'euros "
    "par année. Ils ont aussi signé un accord sur la cybersécurité."
)
ENGLISH = (
    "Geneva, 27 July 2024 – Luxembourg's minister XAVIER BETTEL met the UN High Commissioner for Human Rights, "
    "Volker Türk, on 26 July. Luxembourg and the Office of the United Nations High Commissioner for Human Rights "
    "(OHCHR) signed a strategic partnership framework worth EUR 1.5 million a year. Bettel also held a dialogue "
    "with civil society."
)
KINSHASA = (
    "Kinshasa, 1 March 2025 – OHCHR launched the Programme d'appui à la résilience urbaine, funded by "
    "Luxembourg, with Volker Turk in attendance."
)
OHCHR_QID = "Q1434929"
DAY = When(start="2024-07-26", end="2024-07-26", precision="day")


def span(text: str, phrase: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return (start, start + len(phrase))


def document(text: str, source: str, language: str, published: str | None, title: str) -> Document:
    return Document(id=Document.id_for(text), source=source, language=language, published=published, title=title, text=text)


def french() -> Record:
    text = FRENCH
    ohchr = "Haut-Commissariat des Nations unies aux droits de l'Homme"
    return Record(
        document=document(text, "geneve.txt", "fr", "2024-07-26", "Xavier Bettel à Genève"),
        entities=[
            Entity(id="e1", kind="person", name="Xavier Bettel", aliases=["Bettel"], mentions=[span(text, "Xavier Bettel")]),
            Entity(id="e2", kind="person", name="Volker Türk", mentions=[span(text, "Volker Türk")]),
            Entity(id="e3", kind="country", name="Luxembourg", ref="Q32", mentions=[span(text, "Luxembourg")]),
            Entity(id="e4", kind="organization", name=ohchr, aliases=["OHCHR"], ref=OHCHR_QID, mentions=[span(text, "OHCHR")]),
            Entity(id="e5", kind="place", name="Genève", aliases=["Geneva"], ref="Q71", mentions=[span(text, "Genève")]),
        ],
        roles=[
            Role(
                person="e1",
                title="ministre de la Coopération",
                country="e3",
                evidence=span(text, "Le ministre de la Coopération"),
            ),
            Role(
                person="e2",
                title="haut-commissaire des Nations unies aux droits de l'Homme",
                organization="e4",
                evidence=span(text, "haut-commissaire"),
            ),
        ],
        events=[
            Event(
                id="ev1",
                type="meeting",
                plover="CONSULT",
                cameo="040",
                date=DAY,
                location="e5",
                participants=["e1", "e2"],
                evidence=span(text, "a rencontré"),
                confidence=0.7,
            ),
            Event(
                id="ev2",
                type="signing",
                plover="AGREE",
                cameo="057",
                date=DAY,
                participants=["e3", "e4"],
                evidence=span(text, "ont signé"),
                confidence=0.8,
            ),
        ],
        agreements=[
            Agreement(
                id="ag1",
                instrument="cadre de partenariat stratégique",
                parties=["e3", "e4"],
                signed="2024-07-26",
                period=Period(start="2024", end="2027"),
                amounts=[Amount(value=1_500_000, currency="EUR", per="year", text="1,5 million d'euros par année")],
                evidence=[
                    span(text, "ont signé un cadre de partenariat stratégique"),
                    span(text, "1,5 million d'euros par année"),
                ],
            ),
            Agreement(
                id="ag2",
                instrument="accord sur la cybersécurité",
                parties=["e3", "e4"],
                signed="2024-07-26",
                evidence=[span(text, "signé un accord sur la cybersécurité")],
            ),
        ],
    )


def english() -> Record:
    text = ENGLISH
    ohchr = "Office of the United Nations High Commissioner for Human Rights"
    return Record(
        document=document(text, "geneva.html", "en", "2024-07-27", "Minister Bettel in Geneva"),
        entities=[
            Entity(id="p1", kind="person", name="XAVIER  BETTEL", mentions=[span(text, "XAVIER BETTEL"), span(text, "Bettel")]),
            Entity(id="p2", kind="person", name="Volker Türk", mentions=[span(text, "Volker Türk")]),
            Entity(id="c1", kind="country", name="Luxembourg", ref="Q32", mentions=[span(text, "Luxembourg")]),
            Entity(id="o1", kind="organization", name=ohchr, aliases=["OHCHR"], ref=OHCHR_QID, mentions=[span(text, "OHCHR")]),
            Entity(id="g1", kind="place", name="Geneva", ref="Q71", mentions=[span(text, "Geneva")]),
        ],
        roles=[Role(person="p1", title="Minister", country="c1", evidence=span(text, "minister XAVIER BETTEL"))],
        events=[
            Event(
                id="x1",
                type="meeting",
                plover="CONSULT",
                cameo="040",
                date=DAY,
                participants=["p2", "p1"],
                evidence=span(text, "met the UN"),
                confidence=0.9,
            ),
            Event(
                id="x2",
                type="dialogue",
                plover="CONSULT",
                participants=["p1"],
                evidence=span(text, "held a dialogue"),
                confidence=0.5,
            ),
        ],
        agreements=[
            Agreement(
                id="a1",
                instrument="strategic partnership framework",
                parties=["o1", "c1"],
                signed="2024-07-26",
                amounts=[Amount(value=1_500_000, currency="EUR", per="year", text="EUR 1.5 million a year")],
                evidence=[span(text, "signed a strategic partnership framework")],
            )
        ],
    )


def kinshasa() -> Record:
    text = KINSHASA
    programme = "Programme d'appui à la résilience urbaine"
    return Record(
        document=document(text, "kinshasa.txt", "en", "2025-03-01", "A programme in Kinshasa"),
        entities=[
            Entity(id="k1", kind="organization", name="OHCHR", mentions=[span(text, "OHCHR")]),
            Entity(id="k2", kind="programme", name=programme, mentions=[span(text, programme)]),
            Entity(id="k3", kind="country", name="Luxembourg", ref="Q32", mentions=[span(text, "Luxembourg")]),
            Entity(id="k4", kind="person", name="Volker Turk", mentions=[span(text, "Volker Turk")]),
            Entity(id="k5", kind="place", name="Kinshasa", ref="Q3838", mentions=[span(text, "Kinshasa")]),
        ],
        events=[
            Event(
                id="l1",
                type="launch",
                plover="COOPERATE",
                date=When(start="2025-03-01", end="2025-03-01", precision="day"),
                location="k5",
                participants=["k1", "k4"],
                evidence=span(text, "OHCHR launched"),
                confidence=0.8,
            )
        ],
        programmes=[
            Programme(entity="k2", implementers=["k1"], funders=["k3"], evidence=[span(text, "funded by Luxembourg")]),
        ],
    )


def all_records() -> list[Record]:
    return [french(), english(), kinshasa()]

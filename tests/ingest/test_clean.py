from __future__ import annotations

from pathlib import Path

import pytest

from communique.ingest.clean import clean, is_boilerplate_line

BOILERPLATE = [
    "En navigant sur notre site internet, vous acceptez notre politique de confidentialité. En savoir plus.",
    "We use cookies to improve your experience. Accept all cookies",
    "skip_to_content",
    "Skip to main content",
    "Aller au contenu principal",
    "© Thomas Koehler/photothek.net",
    "© Photo : Thomas Claes/Agence Belga",
    "Crédits photo : MAEE",
    "Photo d'une salle de conférence avec des participants à la réunion ministérielle.",
    ">>Lire aussi: Belgique: 46 procès pour terrorisme devant les tribunaux en 2018",
    "Lire aussi : La Belgique double sa contribution au Fonds central",
    "Read also: The EU and the UN",
    "Languages:",
    "FR | EN | DE",
    "Partager : Facebook | X | LinkedIn",
    "Share this page",
    "Facebook Twitter LinkedIn",
    "Note de concept (en anglais) (PDF)",
    "Discours du ministre allemand Heiko Maas (en allemand)",
    "Restez connectés !",
]
TEXT = [
    "Le ministre a rencontré le directeur du PNUD à Genève.",
    "Photographers documented the signing ceremony in Geneva on Monday.",
    "La Coopération luxembourgeoise a continué son engagement avec le Cadre intégré renforcé (CIR).",
    "Partager les données entre les agences est une priorité du partenariat signé en 2024.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", TEXT)
def test_text_lines_are_kept(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_offsets_map_back_to_the_raw_text() -> None:
    raw = "Titre\n\nskip_to_content\n\n  Le ministre (lien externe) a signé.  \nLire aussi : autre chose\nFin."
    cleaned = clean(raw, "fr")
    assert cleaned.text == "Titre\n\nLe ministre a signé.\nFin."
    for offset in range(len(cleaned.text)):
        char = cleaned.text[offset]
        if char != "\n":
            assert raw[cleaned.offsets.to_raw(offset)] == char


def test_foreign_language_caption_between_paragraphs_is_dropped() -> None:
    raw = "Le ministre a signé un accord avec le PNUD.\n\nFlags at UN Headquarters in New York\n\nLa réunion a eu lieu à Genève."
    assert "Flags" not in clean(raw, "fr").text


@pytest.mark.parametrize(
    ("seed", "absent"),
    [
        ("001_9f5804d6652d13c0.txt", ["En navigant", "skip_to_content", "confidentialité"]),
        ("002_cd4a907702965963.txt", ["©", "photothek", "Photo ", "Flags at UN", "(en allemand)", "(PDF)", "Restez connectés"]),
    ],
)
def test_seed_boilerplate_is_gone(seeds_dir: Path, seed: str, absent: list[str]) -> None:
    cleaned = clean((seeds_dir / seed).read_text(encoding="utf-8"), "fr")
    for fragment in absent:
        assert fragment not in cleaned.text
    assert len(cleaned.text) > 2000

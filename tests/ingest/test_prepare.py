from __future__ import annotations

import pytest

from communique.errors import EmptyDocument
from communique.ingest.prepare import prepare
from communique.ingest.sources import SourceDocument
from communique.model import Document
from communique.settings import Options

OPTIONS = Options()
FRENCH = (
    "La Belgique et le PNUD signent un accord-cadre\n\n"
    "Bruxelles, le 14 mars 2025 – Anne Dupont, ministre de la Coopération au développement, a effectué mardi "
    "une visite de travail à New York, où elle a rencontré l'administrateur du PNUD.\n\n"
    "Lire aussi : autre chose\nPartager : Facebook | X | LinkedIn\n© Photo : Thomas Claes/Agence Belga"
)


def _prepare(text: str, **meta: str) -> Document:
    return prepare(SourceDocument(source="doc.txt", content=text, format="text", **meta), OPTIONS).document  # type: ignore[arg-type]


def test_title_language_dateline_and_id() -> None:
    document = _prepare(FRENCH)
    assert document.title == "La Belgique et le PNUD signent un accord-cadre"
    assert document.language == "fr"
    assert document.published == "2025-03-14"
    assert document.id == Document.id_for(document.text)
    assert "Partager" not in document.text
    assert document.text.endswith("l'administrateur du PNUD.")


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ("Brussels, 03/12/2020 - 16:53, UNIQUE ID: 201203_6", "2020-12-03"),
        ("WASHINGTON, May 5, 2023 – The President met the Prime Minister today.", "2023-05-05"),
        ("Paris, le 3 décembre 2020", "2020-12-03"),
        ("Le ministre a effectué une visite de travail à Genève le 26 juillet 2024.", None),
        ("Paris, le 31/02/2020 – impossible date.", None),
    ],
)
def test_publication_date_from_dateline_only(head: str, published: str | None) -> None:
    assert _prepare(f"{head}\n\nLe ministre a rencontré la délégation.").published == published


def test_metadata_wins_over_the_text() -> None:
    document = _prepare(
        FRENCH, published="2020-09-18T12:00:00Z", title="Titre des métadonnées", language="fr", url="https://x.org"
    )
    assert (document.published, document.title, document.url) == ("2020-09-18", "Titre des métadonnées", "https://x.org")


def test_english_is_detected() -> None:
    assert _prepare("Readout of the call\n\nToday, the President spoke with the Prime Minister of India.").language == "en"


def test_nothing_left_after_cleaning_is_an_error() -> None:
    with pytest.raises(EmptyDocument):
        _prepare("Partager : Facebook | X\n© AFP")

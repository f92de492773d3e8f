from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique.errors import BinaryDocument, EmptyDocument
from communique.ingest.decode import decode

TEXT = "Le ministre a rencontré la délégation à Genève – « accord » signé."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1252"],
)
def test_decodes_declared_and_undeclared_encodings(data: bytes) -> None:
    assert decode(data, "doc.txt") == TEXT


def test_latin1_without_declaration_is_decoded_not_rejected() -> None:
    text = "Déclaration conjointe des ministres à l'issue de la réunion de Genève, été 2020."
    assert decode(text.encode("latin-1"), "doc.txt") == text


def test_nul_bytes_inside_text_are_dropped() -> None:
    assert decode(b"Bonjour\x00 le monde, la visite a eu lieu.", "a.txt") == "Bonjour le monde, la visite a eu lieu."


@pytest.mark.parametrize("data", [b"", b"   \n\t ", codecs.BOM_UTF8])
def test_empty_documents_are_errors(data: bytes) -> None:
    with pytest.raises(EmptyDocument) as info:
        decode(data, "empty.txt")
    assert "empty.txt" in str(info.value)


def test_binary_content_is_an_error_naming_the_file() -> None:
    data = bytes(range(256)) * 40
    with pytest.raises(BinaryDocument) as info:
        decode(data, "image.txt")
    assert str(info.value).startswith("image.txt: binary content")


@given(st.binary(min_size=1, max_size=2000))
def test_random_bytes_give_text_or_a_one_line_input_error(data: bytes) -> None:
    from communique.errors import InputError

    outcome: str
    try:
        outcome = decode(data, "random.txt")
    except InputError as error:
        outcome = str(error)
        assert outcome.startswith("random.txt: ")  # any input error is fine: its form is the point
        assert "\n" not in outcome
    assert outcome.strip()

from __future__ import annotations

import json

import pytest

from communique.errors import InputError
from communique.ingest.formats import (
    convert_html,
    convert_markdown,
    convert_pdf,
    html_structure_to_text,
    looks_like_html,
    looks_like_markdown,
)
from communique.ingest.sources import SourceDocument, parse_jsonl_line

from tests.conftest import make_pdf

PARAGRAPH = "Le ministre de la Coopération a rencontré le directeur exécutif du PNUD pour discuter du partenariat. "


def test_fragments_keep_paragraphs_and_line_breaks() -> None:
    text = html_structure_to_text("<p>Monsieur le Ministre,<br><br><br>\nJe suis heureux.<br>Merci.</p><p>Fin.</p>")
    assert text == "Monsieur le Ministre,\n\nJe suis heureux.\nMerci.\n\nFin."


def test_scripts_styles_comments_and_widgets_give_no_text() -> None:
    markup = (
        "<div class='cookie-banner'>We use cookies. Accept</div><script>alert(1)</script>"
        "<style>p{}</style><!-- hidden note --><nav>FR | EN</nav>"
        "<p>Texte réel.</p><figure><img src=x><figcaption>© AFP</figcaption></figure>"
        "<div class='share-buttons'>Facebook Twitter</div>"
    )
    assert html_structure_to_text(markup) == "Texte réel."


def test_deeply_nested_markup_does_not_exhaust_the_stack() -> None:
    depth = 100_000
    markup = "<div>" * depth + "profond" + "</div>" * depth
    text = html_structure_to_text(markup)
    assert text in ("profond", "")  # libxml2 may refuse the depth: then there is no text, not a crash


def test_full_page_uses_metadata_and_drops_page_furniture() -> None:
    page = f"""<!doctype html><html lang="fr"><head><title>Visite à Genève</title>
    <meta property="article:published_time" content="2024-07-26T10:00:00+02:00">
    <link rel="canonical" href="https://example.org/visite"></head><body>
    <div id="cookie-consent">En navigant sur ce site, vous acceptez les cookies.</div>
    <nav><a href="/fr">FR</a> | <a href="/en">EN</a></nav>
    <article><h1>Visite à Genève</h1><p>{PARAGRAPH * 3}</p><p>{PARAGRAPH * 2}Fin.</p></article>
    <footer>Partager : Facebook | X</footer></body></html>"""
    converted = convert_html(page)
    assert converted.title == "Visite à Genève"
    assert converted.published == "2024-07-26"
    assert converted.url == "https://example.org/visite"
    assert converted.language == "fr"
    assert "cookies" not in converted.text
    assert "Facebook" not in converted.text
    assert "directeur exécutif du PNUD" in converted.text


def test_markdown_joins_hard_wrapped_lines_and_drops_formatting() -> None:
    source = (
        "# Readout of the Call\n\nToday, President Biden spoke with\nPrime Minister Suga.\n\n"
        "**<u>Cooperation</u>**\n\n- first point\n- second"
    )
    converted = convert_markdown(source)
    assert converted.title == "Readout of the Call"
    assert converted.text == (
        "Readout of the Call\n\nToday, President Biden spoke with Prime Minister Suga.\n\nCooperation\n\nfirst point\n\nsecond"
    )


@pytest.mark.parametrize(
    ("text", "html", "markdown"),
    [
        ("<p>Bonjour</p>", True, False),
        ("Plain text.\nSecond line.", False, False),
        ("# Title\n\nSome **bold** text and a [link](http://x.org).", False, True),
        ("It came during the [Summit for Democracy](https://example.gov/summit), which…", False, True),
        ("DFC will provide a loan to *Destino Desarollos* and to *Agro Atlantic*.", False, True),
        ("Prices rose 3*4 times [sic] (see above).", False, False),
    ],
)
def test_sniffing(text: str, html: bool, markdown: bool) -> None:
    assert looks_like_html(text) is html
    assert looks_like_markdown(text) is markdown


def test_markdown_with_inline_html_is_read_as_markdown() -> None:
    text = "**Anticorruption Task Force**\n\n-   A <span>loan</span> to *Destino Desarollos*.\n-   Another [one](https://x.gov)."
    item = parse_jsonl_line("f.jsonl", 1, json.dumps({"id": "a", "text": text}))
    assert isinstance(item, SourceDocument)
    assert item.format == "markdown"


def test_pdf_text_layer() -> None:
    pdf = make_pdf(["Communique de presse", "", "Le ministre a signe un accord", "de partenariat avec le PNUD."])
    text = convert_pdf(pdf, "a.pdf").text
    assert "Communique de presse" in text
    assert "accord de partenariat" in text


def test_truncated_pdf_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        convert_pdf(b"%PDF-1.4\n1 0 obj <<", "broken.pdf")
    assert str(info.value).startswith("broken.pdf: ")

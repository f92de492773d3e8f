"""The HTML pages over the hand-built sample records, on SQLite and PostgreSQL: what each
page shows, the filters, the links between pages, the curation controls."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote

from fastapi.testclient import TestClient

from communique.store import Store

from tests.store.samples import ENGLISH, FRENCH, KINSHASA, english, french, kinshasa
from tests.web.conftest import TOKEN


class TextOf(HTMLParser):
    """The text inside the element with a given id, and the classes of its marks."""

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0
        self.text: list[str] = []
        self.marks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
            if tag == "mark":
                self.marks.append(dict(attrs).get("class") or "")
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def text_of(html: str, element_id: str) -> TextOf:
    parser = TextOf(element_id)
    parser.feed(html)
    return parser


def page(client: TestClient, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def entity_id(client: TestClient, name: str) -> int:
    return int(client.get("/api/entities", params={"q": name}).json()["items"][0]["id"])


def test_home_shows_counts_and_links(client: TestClient) -> None:
    html = page(client, "/")
    assert '<html lang="en">' in html
    assert "<strong>3</strong> documents" in html
    assert "<strong>4</strong> events" in html
    for path in ("/documents", "/entities", "/timeline", "/network", "/money"):
        assert f'href="{path}"' in html
    assert f'href="/documents/{quote(kinshasa().document.id, safe="")}"' in html
    assert ">Xavier Bettel</a>" in html
    assert ">Countries</a>" in html


def test_search_lists_documents_with_snippets_and_entities(client: TestClient) -> None:
    html = page(client, "/search?q=Bettel")
    assert 'Documents <span class="muted">(2)</span>' in html
    assert ">Xavier Bettel à Genève</a>" in html
    assert ">Minister Bettel in Geneva</a>" in html
    assert re.search(r'<mark class="hit" title="Bettel">Bettel</mark>', html, re.IGNORECASE)
    assert 'class="entity k-person" href="/entities/' in html
    assert 'Entities <span class="muted">(1)</span>' in html
    assert "Type a name" in page(client, "/search?q=")
    assert "No document matches every word" in page(client, "/search?q=zzzzunknown")


def test_search_pages_through_results(client: TestClient) -> None:
    html = page(client, "/search?q=Luxembourg")
    assert "1–3 of 3" in html
    assert 'rel="next"' not in html


def test_a_document_shows_its_text_with_every_fact_highlighted(client: TestClient) -> None:
    record = french()
    html = page(client, f"/documents/{record.document.id}")
    body = text_of(html, "document-text")
    assert "".join(body.text) == FRENCH  # every character once, in order, nothing added
    kinds = " ".join(body.marks)
    for kind in ("m-person", "m-country", "m-organization", "m-place", "f-role", "f-event", "f-agreement"):
        assert kind in kinds, kind
    assert html.count('id="text-fact-') == len(set(re.findall(r'id="(text-fact-\d+)"', html)))
    panel = unescape(html[html.index('id="facts-heading"') :])
    assert "meeting" in panel
    assert "2024-07-26" in panel
    assert "Genève" in panel
    assert '<data value="1500000">1,500,000</data> EUR per year' in panel
    assert "2024 – 2027" in panel
    assert "ministre de la Coopération" in panel
    assert "accord sur la cybersécurité" in panel


def test_overlapping_evidence_nests_marks(client: TestClient) -> None:
    html = page(client, f"/documents/{kinshasa().document.id}")
    # the event's evidence "OHCHR launched" holds the mention of OHCHR
    assert re.search(
        r'<mark class="hl hl-fact f-event[^"]*"[^>]*>'
        r'<mark class="hl hl-mention m-organization"[^>]*>OHCHR</mark> launched</mark>',
        html,
    )
    assert "".join(text_of(html, "document-text").text) == KINSHASA


def test_a_document_id_works_url_encoded(client: TestClient) -> None:
    html = page(client, f"/documents/{quote(english().document.id, safe='')}")
    assert "".join(text_of(html, "document-text").text) == ENGLISH


def test_missing_pages_are_html_404(client: TestClient) -> None:
    assert "No document" in page(client, "/documents/sha256:nothing", 404)
    assert "No entity" in page(client, "/entities/999999", 404)
    assert "No entity" in page(client, "/entities/abc", 404)
    assert "No entity" in page(client, "/entities/99999999999999999999999", 404)


def test_curation_controls_appear_only_with_a_token(client: TestClient, readonly: TestClient) -> None:
    path = f"/documents/{french().document.id}"
    html = page(client, path)
    assert 'data-action="confirm"' in html
    assert 'data-action="reject"' in html
    assert 'class="curate-edit"' in html
    assert '<script src="/static/curation.js" defer></script>' in html
    assert TOKEN not in html
    plain = page(readonly, path)
    assert "data-action" not in plain
    assert "curation.js" not in plain
    assert "curation-token" not in plain


def test_curation_from_the_page_uses_the_api_and_shows_on_reload(client: TestClient) -> None:
    """What curation.js does: POST/PATCH to the API with the token; the page then shows it."""
    path = f"/documents/{french().document.id}"
    fact = int(re.findall(r'data-action="reject" data-fact="(\d+)"', page(client, path))[0])
    answer = client.post(f"/api/facts/{fact}/reject", headers={"Authorization": f"Bearer {TOKEN}", "X-Curator": "ana"})
    assert answer.status_code == 200
    html = page(client, path)
    assert f'<span class="status status-rejected" data-status-for="{fact}">rejected</span>' in html
    assert re.search(rf'<mark class="hl hl-fact f-\w+ status-rejected"[^>]*data-fact="{fact}"', html)
    assert client.get("/static/curation.js").status_code == 200


def test_an_entity_page_shows_offices_events_agreements_and_co_actors(client: TestClient) -> None:
    bettel = entity_id(client, "Xavier Bettel")
    html = unescape(page(client, f"/entities/{bettel}"))
    assert "<h1>Xavier Bettel" in html
    offices = html[html.index('id="offices"') : html.index('id="events"')]
    assert "ministre de la Coopération" in offices
    assert "Minister" in offices
    assert "Xavier Bettel à Genève" in offices
    assert "Minister Bettel in Geneva" in offices
    events = html[html.index('id="events"') : html.index('id="agreements"')]
    assert events.index("meeting") < events.index("dialogue")  # dated first, the undated one last
    co_actors = html[html.index('id="co-actors"') :]
    assert ">Volker Türk</a>" in co_actors
    assert "/timeline?actor=" in html
    assert "/network?actor=" in html
    assert "/money?actor=" in html


def test_an_entity_page_links_wikidata_only_for_real_ids(client: TestClient) -> None:
    html = page(client, f"/entities/{entity_id(client, 'Luxembourg')}")
    assert 'href="https://www.wikidata.org/wiki/Q32"' in html
    assert "wikidata.org" not in page(client, f"/entities/{entity_id(client, 'Xavier Bettel')}")


def test_lists_of_documents_and_entities(client: TestClient) -> None:
    html = page(client, "/documents")
    assert html.count('<a href="/documents/sha256') == 3
    lux = entity_id(client, "Luxembourg")
    assert page(client, f"/documents?actor={lux}").count('<a href="/documents/sha256') == 3
    people = page(client, "/entities?kind=person")
    assert "Xavier Bettel" in people
    assert "Luxembourg" not in people
    assert "Volker" in page(client, "/entities?q=volker")
    assert "No entity matches" in page(client, "/entities?q=nobody")


def test_the_timeline_groups_events_by_month_with_a_chart(client: TestClient) -> None:
    html = page(client, "/timeline")
    months = re.findall(r'<h2 id="month-([^"]+)"', html)
    assert months == ["2025-03", "2024-07", "undated"]
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert len(re.findall(r'<rect class="bar', chart)) == 2  # July 2024 and March 2025 (the months between are empty)
    assert "2024-07 · events: 2" in chart
    launches = page(client, "/timeline?type=launch")
    assert re.findall(r'<h2 id="month-([^"]+)"', launches) == ["2025-03"]
    bettel = entity_id(client, "Xavier Bettel")
    mine = page(client, f"/timeline?actor={bettel}")
    assert re.findall(r'<h2 id="month-([^"]+)"', mine) == ["2024-07", "undated"]
    assert "<h1>Timeline of <a" in mine
    assert re.findall(r'<h2 id="month-([^"]+)"', page(client, "/timeline?date_from=2025&date_to=2025-12")) == ["2025-03"]


def test_the_timeline_ignores_filters_it_cannot_read(client: TestClient) -> None:
    everything = re.findall(r'<h2 id="month-([^"]+)"', page(client, "/timeline"))
    for query in ("type=party", "actor=abc", "actor=-1", "actor=99999999", "date_from=yesterday", "offset=x"):
        assert re.findall(r'<h2 id="month-([^"]+)"', page(client, f"/timeline?{query}")) == everything, query


def test_the_network_page_has_a_graph_source_and_a_table(client: TestClient) -> None:
    html = page(client, "/network")
    assert 'id="network-graph"' in html
    assert 'data-src="/network.json"' in html
    rows = html[html.index('id="network-table"') :]
    assert rows.count("<tr>") == 4  # header and three pairs
    assert '<script src="/static/vendor/cytoscape-3.34.4/cytoscape.min.js" defer></script>' in html
    assert client.get("/static/vendor/cytoscape-3.34.4/cytoscape.min.js").status_code == 200
    assert client.get("/static/network.js").status_code == 200


def test_the_network_json_is_cytoscape_elements(client: TestClient) -> None:
    data = client.get("/network.json").json()
    names = {node["data"]["label"] for node in data["nodes"]}
    assert {"Xavier Bettel", "Volker Türk"} <= names
    ids = {node["data"]["id"] for node in data["nodes"]}
    assert all(edge["data"]["source"] in ids and edge["data"]["target"] in ids for edge in data["edges"])
    assert all(re.fullmatch(r"/entities/\d+", node["data"]["href"]) for node in data["nodes"])
    bettel = entity_id(client, "Xavier Bettel")
    mine = client.get(f"/network.json?actor={bettel}").json()
    assert len(mine["edges"]) == 1
    assert client.get("/network.json?type=launch").json()["edges"][0]["data"]["events"] == 1
    assert "No two entities share an event" in page(client, "/network?type=visit")


def test_the_money_view_has_a_chart_and_tables(client: TestClient) -> None:
    html = page(client, "/money")
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert "Commitments in EUR by year and funder" in chart
    assert [int(y) for y in re.findall(r"<title>(\d{4}) · Luxembourg: 1,500,000</title>", chart)] == [2024, 2025, 2026, 2027]
    flows = unescape(html[html.index('id="flows"') : html.index('id="commitments"')])
    assert ">Luxembourg</a>" in flows
    assert "Haut-Commissariat" in flows
    assert '<data value="6000000">6,000,000</data>' in flows
    assert "2024–2027" in flows
    commitments = html[html.index('id="commitments"') :]
    assert '<data value="1500000">1,500,000</data>' in commitments
    assert "<td>EUR</td>" in commitments
    assert "No agreement matching these filters" in page(client, "/money?country=Atlantis")
    assert "<svg" in page(client, "/money?country=Q32")


def test_pages_work_on_an_empty_store(store_url: str) -> None:
    from communique.web.app import create_app

    app = create_app(store_url)
    empty = TestClient(app)
    for path in ("/", "/search?q=x", "/documents", "/entities", "/timeline", "/network", "/money"):
        assert empty.get(path).status_code == 200, path
    assert empty.get("/network.json").json() == {"nodes": [], "edges": []}
    store: Store = app.state.store
    store.close()

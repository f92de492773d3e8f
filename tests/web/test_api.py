"""The read API: lists with filters, pagination and totals, details, search, OpenAPI."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.store.samples import english, french


def _get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_openapi_is_served_and_lists_every_route(client: TestClient) -> None:
    spec = _get(client, "/openapi.json")
    paths = set(spec["paths"])
    assert {
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/events",
        "/api/agreements",
        "/api/programmes",
        "/api/search",
        "/api/facts",
        "/api/facts/{fact_id}",
        "/api/facts/{fact_id}/confirm",
        "/api/facts/{fact_id}/reject",
    } <= paths
    assert "patch" in spec["paths"]["/api/facts/{fact_id}"]
    assert client.get("/docs").status_code == 404  # the CDN-loading docs page is off


def test_documents_list_and_detail(client: TestClient) -> None:
    page = _get(client, "/api/documents")
    assert (page["total"], page["limit"], page["offset"]) == (3, 50, 0)
    assert [d["published"] for d in page["items"]] == ["2025-03-01", "2024-07-27", "2024-07-26"]
    assert _get(client, "/api/documents", language="en")["total"] == 2
    detail = _get(client, f"/api/documents/{french().document.id}")
    assert detail["text"] == french().document.text
    assert {f["kind"] for f in detail["facts"]} == {"role", "event", "agreement"}
    assert all(m["end"] > m["start"] for m in detail["mentions"])


def test_entities_list_detail_and_filters(client: TestClient) -> None:
    countries = _get(client, "/api/entities", kind="country")
    assert [e["name"] for e in countries["items"]] == ["Luxembourg"]
    bettel = _get(client, "/api/entities", q="bettel")["items"][0]
    detail = _get(client, f"/api/entities/{bettel['id']}")
    assert {o["title"] for o in detail["offices"]} == {"ministre de la Coopération", "Minister"}
    assert {e["payload"]["type"] for e in detail["events"]} == {"meeting", "dialogue"}
    assert [c["name"] for c in detail["co_actors"]] == ["Volker Türk"]
    assert detail["counts"]["documents"] == 2


def test_events_filters_and_pagination(client: TestClient) -> None:
    everything = _get(client, "/api/events", limit=500)
    assert everything["total"] == 4
    bettel = _get(client, "/api/entities", q="bettel")["items"][0]["id"]
    assert _get(client, "/api/events", actor=bettel)["total"] == 2
    assert _get(client, "/api/events", country="Luxembourg")["total"] == 1
    assert _get(client, "/api/events", type="launch")["total"] == 1
    assert _get(client, "/api/events", date_from="2024-07-26", date_to="2024-07-26")["total"] == 2
    assert _get(client, "/api/events", document=english().document.id)["total"] == 2
    first, rest = _get(client, "/api/events", limit=1), _get(client, "/api/events", limit=3, offset=1)
    assert first["total"] == rest["total"] == 4
    assert [e["id"] for e in first["items"] + rest["items"]] == [e["id"] for e in everything["items"]]


def test_one_event_with_the_evidence_of_every_document(client: TestClient) -> None:
    meeting = _get(client, "/api/events", type="meeting")["items"][0]
    assert sorted(e["document_id"] for e in meeting["evidence"]) == sorted([french().document.id, english().document.id])
    assert all(e["extractor_version"] and e["spans"] for e in meeting["evidence"])


def test_agreements_and_programmes_with_money_as_plain_numbers(client: TestClient) -> None:
    agreements = _get(client, "/api/agreements")
    assert agreements["total"] == 2
    framework = next(a for a in agreements["items"] if a["payload"]["amounts"])
    amount = framework["payload"]["amounts"][0]
    assert amount == {"value": 1500000, "currency": "EUR", "per": "year", "text": "1,5 million d'euros par année"}
    assert '"value":1500000,' in _raw(client, "/api/agreements")
    programmes = _get(client, "/api/programmes", country="Q32")
    assert programmes["total"] == 1
    roles = {e["name"]: e["roles"] for e in programmes["items"][0]["entities"]}
    assert roles["Luxembourg"] == ["funder"]
    assert roles["Programme d'appui à la résilience urbaine"] == ["entity"]


def _raw(client: TestClient, path: str) -> str:
    return client.get(path).text


def test_search_documents_and_entities(client: TestClient) -> None:
    result = _get(client, "/api/search", q="Bettel")
    assert result["documents"]["total"] == 2
    assert result["entities"]["items"][0]["name"] == "Xavier Bettel"
    assert _get(client, "/api/search", q="")["documents"]["total"] == 0


ERRORS = [
    ("/api/documents/sha256:nothing", 404, "C201"),
    ("/api/entities/999999", 404, "C201"),
    ("/api/facts/999999", 404, "C201"),
    ("/api/nowhere", 404, "not_found"),
    ("/api/events?limit=501", 422, "invalid_request"),
    ("/api/events?limit=0", 422, "invalid_request"),
    ("/api/events?offset=-1", 422, "invalid_request"),
    ("/api/events?date_from=yesterday", 422, "invalid_request"),
    ("/api/events?actor=abc", 422, "invalid_request"),
    ("/api/events?status=lost", 422, "invalid_request"),
    ("/api/entities/99999999999999999999999", 422, "invalid_request"),
    ("/api/search", 422, "invalid_request"),
]


def test_errors_are_json_with_a_code_and_a_message(client: TestClient) -> None:
    for path, status, code in ERRORS:
        response = client.get(path)
        assert response.status_code == status, path
        assert response.headers["content-type"].startswith("application/json")
        error = response.json()["error"]
        assert error["code"] == code, path
        assert isinstance(error["message"], str)
        assert error["message"]


def test_wrong_method_is_a_json_405(client: TestClient) -> None:
    response = client.delete("/api/events")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"

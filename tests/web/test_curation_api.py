"""Curation over HTTP: the token rules (401, 403, constant-time comparison) and the
confirm, reject, correct and add routes with their audit trail."""

from __future__ import annotations

import hmac
from typing import Any

import pytest
from fastapi.testclient import TestClient

from communique.web import security

from tests.store.samples import ENGLISH, english, span
from tests.web.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Curator": "alice"}
WRITES = [
    ("post", "/api/facts/{id}/confirm", None),
    ("post", "/api/facts/{id}/reject", None),
    ("patch", "/api/facts/{id}", {"cameo": "042"}),
    ("post", "/api/facts", {"kind": "event", "document_id": "x", "evidence": [[0, 1]], "payload": {"type": "meeting"}}),
]


def _meeting(client: TestClient) -> dict[str, Any]:
    meeting: dict[str, Any] = client.get("/api/events", params={"type": "meeting"}).json()["items"][0]
    return meeting


def _send(client: TestClient, method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
    return client.request(method, path, json=body, headers=headers)


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_without_a_configured_token_are_forbidden(readonly: TestClient, method: str, path: str, body: Any) -> None:
    fact = _meeting(readonly)["id"]
    for headers in ({}, AUTH, {"Authorization": "Bearer "}):
        response = _send(readonly, method, path.format(id=fact), body, headers)
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "read_only"
    assert readonly.get(f"/api/facts/{fact}").json()["audit"] == []


BAD_CREDENTIALS = [
    {},
    {"Authorization": "Bearer wrong"},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": f"Bearer {TOKEN[:-1]}"},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": TOKEN},
    {"X-Curator": "mallory"},
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_with_a_wrong_or_missing_token_are_unauthorized(client: TestClient, method: str, path: str, body: Any) -> None:
    fact = _meeting(client)["id"]
    for headers in BAD_CREDENTIALS:
        response = _send(client, method, path.format(id=fact), body, headers)
        assert response.status_code == 401, headers
        assert response.json()["error"]["code"] == "unauthorized"
        assert response.headers["www-authenticate"] == "Bearer"
    assert client.get(f"/api/facts/{fact}").json()["audit"] == []
    assert client.get("/api/events").json()["total"] == 4


def test_the_token_is_compared_in_constant_time(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        calls.append((given, expected))
        return real(given, expected)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    fact = _meeting(client)["id"]
    assert client.post(f"/api/facts/{fact}/confirm", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.post(f"/api/facts/{fact}/confirm", headers=AUTH).status_code == 200
    assert calls == [(b"nope", TOKEN.encode()), (TOKEN.encode(), TOKEN.encode())]


def test_confirm_reject_and_correct_leave_an_audit_trail(client: TestClient) -> None:
    fact = _meeting(client)["id"]
    confirmed = client.post(f"/api/facts/{fact}/confirm", headers=AUTH)
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "confirmed"
    corrected = client.patch(f"/api/facts/{fact}", json={"type": "visit", "plover_mode": "visit"}, headers=AUTH)
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["payload"]["type"] == "visit"
    rejected = client.post(f"/api/facts/{fact}/reject", headers={"Authorization": f"Bearer {TOKEN}"})
    assert rejected.json()["status"] == "rejected"
    audit = client.get(f"/api/facts/{fact}").json()["audit"]
    assert [(a["action"], a["actor"]) for a in audit] == [("confirm", "alice"), ("correct", "alice"), ("reject", "curator")]
    assert audit[1]["before"]["payload"]["type"] == "meeting"
    assert audit[1]["after"]["payload"]["type"] == "visit"
    assert all(a["at"].endswith(("Z", "+00:00")) for a in audit)
    assert fact not in [e["id"] for e in client.get("/api/events").json()["items"]]
    assert [e["id"] for e in client.get("/api/events", params={"status": "rejected"}).json()["items"]] == [fact]


INVALID_CORRECTIONS: list[dict[str, Any]] = [
    {"type": "picnic"},
    {"participants": [987654]},
    {"participants": "1"},
    {"confidence": 7},
    {},
    {"unknown": 1},
    {"date": {"start": "yesterday"}},
]


def test_invalid_corrections_are_refused_and_change_nothing(client: TestClient) -> None:
    fact = _meeting(client)
    for changes in INVALID_CORRECTIONS:
        response = client.patch(f"/api/facts/{fact['id']}", json=changes, headers=AUTH)
        assert response.status_code == 422, changes
        assert response.json()["error"]["code"] == "C202"
    after = client.get(f"/api/facts/{fact['id']}").json()
    assert (after["payload"], after["status"], after["audit"]) == (fact["payload"], "extracted", [])


def test_a_nul_character_in_a_correction_is_stored_as_text(client: TestClient) -> None:
    fact = _meeting(client)["id"]
    response = client.patch(f"/api/facts/{fact}", json={"plover_mode": "a\u0000b"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert client.get(f"/api/facts/{fact}").json()["payload"]["plover_mode"] == "a\u0000b"


def test_patch_needs_a_json_object(client: TestClient) -> None:
    fact = _meeting(client)["id"]
    for body in ("[1, 2]", "not json", '"text"'):
        response = client.patch(f"/api/facts/{fact}", content=body, headers={**AUTH, "Content-Type": "application/json"})
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid_request"


def test_a_fact_added_by_hand(client: TestClient) -> None:
    bettel = client.get("/api/entities", params={"q": "bettel"}).json()["items"][0]["id"]
    evidence = list(span(ENGLISH, "held a dialogue with civil society"))
    body = {
        "kind": "role",
        "document_id": english().document.id,
        "evidence": [evidence],
        "payload": {"person": bettel, "title": "vice-Premier ministre"},
    }
    created = client.post("/api/facts", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    fact = created.json()
    assert (fact["kind"], fact["status"], fact["evidence"][0]["spans"]) == ("role", "added", [evidence])
    assert fact["audit"][0]["action"] == "add"
    again = client.post("/api/facts", json=body, headers=AUTH)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "C203"
    detail = client.get(f"/api/entities/{bettel}").json()
    assert "vice-Premier ministre" in {o["title"] for o in detail["offices"]}


INVALID_ADDITIONS: list[dict[str, Any]] = [
    {"kind": "rumour", "document_id": "x", "evidence": [[0, 1]], "payload": {}},
    {"kind": "event", "document_id": "x", "evidence": [], "payload": {"type": "meeting"}},
    {"kind": "event", "document_id": "sha256:none", "evidence": [[0, 1]], "payload": {"type": "meeting"}},
    {"kind": "event", "evidence": [[0, 1]], "payload": {"type": "meeting"}},
    {"kind": "role", "document_id": "DOC", "evidence": [[5, 2]], "payload": {"person": 1, "title": "x"}},
    {"kind": "role", "document_id": "DOC", "evidence": [[0, 2]], "payload": {"title": "x"}},
    {"kind": "role", "document_id": "DOC", "evidence": [[0, 2]], "payload": {"person": 10**30, "title": "x"}},
]


def test_invalid_added_facts_are_refused(client: TestClient) -> None:
    before = client.get("/api/roles").json()["total"], client.get("/api/events").json()["total"]
    for invalid in INVALID_ADDITIONS:
        body = {key: (english().document.id if value == "DOC" else value) for key, value in invalid.items()}
        response = client.post("/api/facts", json=body, headers=AUTH)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"]["code"] in {"invalid_request", "C202"}
    assert (client.get("/api/roles").json()["total"], client.get("/api/events").json()["total"]) == before


def test_curating_an_unknown_fact_is_not_found(client: TestClient) -> None:
    for response in (
        client.post("/api/facts/424242/confirm", headers=AUTH),
        client.post("/api/facts/424242/reject", headers=AUTH),
        client.patch("/api/facts/424242", json={"type": "visit"}, headers=AUTH),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "C201"

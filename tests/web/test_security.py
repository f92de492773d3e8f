"""Web security (issue 11): headers on every response, a body limit, CORS off by default,
and hostile strings in every query parameter that change nothing and never give a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from communique.store import Store
from communique.web.app import create_app
from communique.web.security import CONTENT_SECURITY_POLICY

from tests.store.samples import english
from tests.web.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
EXPECTED_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
HOSTILE = [
    "'; DROP TABLE documents; --",
    '"',
    '"unbalanced',
    "NEAR(",
    "*",
    "' OR '1'='1",
    "\\",
    "%",
    "_",
    "\u0000",
    "<script>alert(1)</script>",
    "1; SELECT pg_sleep(5)",
    'Bettel" OR "1',
    "ü" * 199,
]


def _assert_secure(response: Any) -> None:
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers.get(name) == value, (name, response.status_code)
    assert "access-control-allow-origin" not in response.headers


def test_the_policy_forbids_inline_script() -> None:
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_security_headers_on_every_kind_of_response(client: TestClient, readonly: TestClient) -> None:
    fact = client.get("/api/events").json()["items"][0]["id"]
    role = {"kind": "role", "document_id": english().document.id, "evidence": [[0, 6]], "payload": {"person": 1, "title": "x"}}
    responses = {
        200: client.get("/api/events"),
        201: client.post("/api/facts", json=role, headers=AUTH),
        401: client.post(f"/api/facts/{fact}/confirm"),
        403: readonly.post(f"/api/facts/{fact}/confirm", headers=AUTH),
        404: client.get("/nowhere"),
        405: client.put("/api/events"),
        413: client.post("/api/facts", content=b"x" * (1024 * 1024 + 1), headers=AUTH),
        422: client.get("/api/events", params={"limit": 10_000}),
    }
    for status, response in responses.items():
        assert response.status_code == status, (status, response.text)
        _assert_secure(response)
    _assert_secure(client.get("/openapi.json"))
    _assert_secure(client.options("/api/events"))


@pytest.fixture
def failing(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    app = create_app(store_url, token=TOKEN)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "events", broken)
    yield TestClient(app, raise_server_exceptions=False)
    app.state.store.close()


def test_an_unexpected_error_is_a_json_500_with_the_headers(failing: TestClient) -> None:
    response = failing.get("/api/events")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "disk on fire" not in response.text
    _assert_secure(response)


def test_bodies_over_the_limit_are_refused_with_413(client: TestClient) -> None:
    fact = client.get("/api/events").json()["items"][0]["id"]
    big = {"plover_mode": "x" * (1024 * 1024)}
    declared = client.patch(f"/api/facts/{fact}", json=big, headers=AUTH)
    assert declared.status_code == 413
    assert declared.json()["error"]["code"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:
        yield b'{"plover_mode": "'
        for _ in range(20):
            yield b"y" * 65536
        yield b'"}'

    streamed = client.patch(f"/api/facts/{fact}", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    _assert_secure(streamed)
    assert client.get(f"/api/facts/{fact}").json()["audit"] == []
    small = client.patch(f"/api/facts/{fact}", json={"plover_mode": "x" * 1000}, headers=AUTH)
    assert small.status_code == 200


def test_the_limit_is_configurable(store_url: str) -> None:
    app = create_app(store_url, token=TOKEN, max_body_bytes=10)
    client = TestClient(app)
    response = client.post("/api/facts/1/confirm", content=b"x" * 11, headers=AUTH)
    assert response.status_code == 413
    app.state.store.close()


def test_cors_is_off_by_default_and_on_only_for_named_origins(client: TestClient, store_url: str) -> None:
    preflight = {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    assert "access-control-allow-origin" not in client.options("/api/events", headers=preflight).headers
    assert "access-control-allow-origin" not in client.get("/api/events", headers={"Origin": "https://evil.example"}).headers
    app: FastAPI = create_app(store_url, cors_origins=["https://ui.example"])
    allowed = TestClient(app).get("/api/events", headers={"Origin": "https://ui.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://ui.example"
    app.state.store.close()


def test_hostile_search_strings_return_200(client: TestClient) -> None:
    for text in HOSTILE:
        response = client.get("/api/search", params={"q": text})
        assert response.status_code == 200, (text, response.text)
        body = response.json()
        assert body["documents"]["total"] >= 0
        assert body["entities"]["total"] >= 0
        _assert_secure(response)
    assert client.get("/api/search", params={"q": 'Bettel" OR "1'}).json()["documents"]["total"] == 0


def _requests(text: str) -> list[tuple[str, dict[str, str]]]:
    segment = quote(text[:90], safe="")
    return [
        ("/api/documents", {"country": text}),
        ("/api/documents", {"language": text[:8]}),
        ("/api/documents", {"actor": text}),
        ("/api/entities", {"q": text}),
        ("/api/entities", {"kind": text}),
        ("/api/events", {"country": text}),
        ("/api/events", {"type": text[:32]}),
        ("/api/events", {"document": text[:100]}),
        ("/api/events", {"date_from": text}),
        ("/api/events", {"status": text}),
        ("/api/agreements", {"country": text}),
        ("/api/programmes", {"actor": text}),
        ("/api/roles", {"country": text}),
        ("/api/events", {"limit": text}),
        (f"/api/documents/{segment}", {}),
        (f"/api/entities/{segment}", {}),
        (f"/api/facts/{segment}", {}),
    ]


def test_injection_strings_in_every_query_parameter_change_nothing(client: TestClient) -> None:
    before = client.get("/api/documents").json()["total"], client.get("/api/events").json()["total"]
    for text in HOSTILE:
        for path, params in _requests(text):
            response = client.get(path, params=params)
            assert response.status_code in {200, 404, 422}, (path, params, response.status_code, response.text)
            assert response.json() is not None
            _assert_secure(response)
    after = client.get("/api/documents").json()["total"], client.get("/api/events").json()["total"]
    assert after == before == (3, 4)

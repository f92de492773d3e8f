"""Web security of the pages (issue 11): a stored-XSS battery, the Content-Security-Policy
on every page, no inline script or event handler anywhere, no asset from the network, and
the vendored assets pinned with their licences."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from communique.model import Agreement, Amount, Document, Entity, Event, Figure, Period, Programme, Record, Role, When
from communique.store import Store
from communique.web.app import create_app
from communique.web.security import CONTENT_SECURITY_POLICY
from communique.web.ui import STATIC_DIR, TEMPLATE_DIR

from tests.store.samples import span
from tests.web.conftest import TOKEN

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
LINK = "javascript:alert(1)"
PAYLOADS = (SCRIPT, IMAGE, LINK)
PAGES = ("/", "/documents", "/entities", "/timeline", "/network", "/money", "/search?q=Bettel")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


class PageScan(HTMLParser):
    """What a page would run: script elements (with their bodies), event handler
    attributes, script URLs and inline styles (the CSP forbids both)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict[str, str | None]] = []
        self.script_bodies: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.script_urls: list[str] = []
        self.styles: list[str] = []
        self.images: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            self.scripts.append(found)
            self.in_script = True
        if tag in ("img", "iframe", "object", "embed", "style"):
            self.images.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name == "style":
                self.styles.append(tag)
            if (
                name in URL_ATTRIBUTES
                and value
                and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "data:"))
            ):
                self.script_urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.script_bodies.append(data)


def assert_safe_page(html: str, where: str) -> None:
    scan = PageScan()
    scan.feed(html)
    assert not scan.script_bodies, (where, scan.script_bodies)
    assert all((attrs.get("src") or "").startswith("/static/") for attrs in scan.scripts), (where, scan.scripts)
    assert not scan.handlers, (where, scan.handlers)
    assert not scan.script_urls, (where, scan.script_urls)
    assert not scan.styles, (where, scan.styles)
    assert not scan.images, (where, scan.images)
    assert SCRIPT not in html, where
    assert "<img" not in html, where
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), where


def hostile_record() -> Record:
    """A document whose every text field carries the payloads."""
    text = (
        f"Paris, le 3 mai 2024 – {SCRIPT} a rencontré {IMAGE} à {LINK}. Le ministre {SCRIPT} "
        f"et {IMAGE} ont signé un accord de 2 millions d'euros {SCRIPT}."
    )
    return Record(
        document=Document(
            id=Document.id_for(text),
            source=f"{IMAGE}.txt",
            url=LINK,
            title=f"{SCRIPT} {IMAGE}",
            language="fr",
            published="2024-05-03",
            text=text,
        ),
        entities=[
            Entity(id="a", kind="person", name=SCRIPT, aliases=[IMAGE, LINK], mentions=[span(text, SCRIPT)]),
            Entity(id="b", kind="organization", name=IMAGE, aliases=[SCRIPT], mentions=[span(text, IMAGE)]),
            Entity(id="c", kind="place", name=LINK, mentions=[span(text, LINK)]),
            Entity(id="d", kind="country", name=f"{LINK} {SCRIPT}", mentions=[]),
            Entity(id="p", kind="programme", name=f"Programme {IMAGE}", mentions=[]),
        ],
        roles=[Role(person="a", title=f"ministre {IMAGE}", organization="b", country="d", evidence=span(text, "Le ministre"))],
        events=[
            Event(
                id="e",
                type="meeting",
                plover="CONSULT",
                plover_mode=SCRIPT,
                date=When(start="2024-05-03", end="2024-05-03", precision="day"),
                location="c",
                participants=["a", "b"],
                evidence=span(text, "a rencontré"),
                confidence=0.9,
            )
        ],
        agreements=[
            Agreement(
                id="g",
                instrument=f"accord {SCRIPT}",
                parties=["d", "b"],
                signatories=["a"],
                signed="2024-05-03",
                period=Period(start="2024", end="2025"),
                amounts=[Amount(value=2_000_000, currency="EUR", per="total", text=f"2 millions {IMAGE}")],
                purposes=[SCRIPT, IMAGE],
                evidence=[span(text, "ont signé un accord")],
            )
        ],
        programmes=[
            Programme(
                entity="p",
                funders=["d"],
                implementers=["b"],
                sectors=[IMAGE],
                figures=[Figure(value=3, text=SCRIPT)],
                evidence=[span(text, "accord de 2 millions")],
            )
        ],
    )


@pytest.fixture
def hostile(store_url: str) -> Iterator[tuple[TestClient, Record]]:
    app = create_app(store_url, token=TOKEN)
    record = hostile_record()
    store: Store = app.state.store
    store.save(record)
    yield TestClient(app, raise_server_exceptions=False), record
    store.close()


def _every_page(client: TestClient, record: Record) -> dict[str, str]:
    entities = client.get("/api/entities", params={"limit": 500}).json()["items"]
    paths = [*PAGES, f"/documents/{record.document.id}", *(f"/entities/{e['id']}" for e in entities)]
    paths += [f"/search?q={q}" for q in ("script alert", "img onerror", "javascript", SCRIPT, IMAGE)]
    paths += [f"/timeline?actor={entities[0]['id']}", f"/money?actor={entities[0]['id']}", "/money?country=" + SCRIPT]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        pages[path] = response.text
    return pages


def test_stored_payloads_are_escaped_on_every_page(hostile: tuple[TestClient, Record]) -> None:
    client, record = hostile
    pages = _every_page(client, record)
    for path, html in pages.items():
        assert_safe_page(html, path)
    document = pages[f"/documents/{record.document.id}"]
    # the payloads are there, as text: the test sees them, the browser would show them
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in document
    assert "javascript:alert(1)" in document  # as text, never as a link
    assert f'href="{LINK}"' not in document
    assert document.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5  # title, text (3 times), entities
    money = pages["/money"]
    assert "accord &lt;script&gt;" in money
    assert "<svg" in money


def test_the_network_json_keeps_names_as_data(hostile: tuple[TestClient, Record]) -> None:
    client, _record = hostile
    response = client.get("/network.json")
    assert response.headers["content-type"] == "application/json"
    labels = {node["data"]["label"] for node in response.json()["nodes"]}
    assert SCRIPT in labels
    assert IMAGE in labels


def test_hostile_query_parameters_never_break_a_page(client: TestClient) -> None:
    for value in (SCRIPT, IMAGE, LINK, "'; DROP TABLE documents; --", "\x00", "%", "9" * 40, "-1"):
        for path in ("/search", "/timeline", "/network", "/money", "/documents", "/entities"):
            params = {"q": value, "type": value, "actor": value, "date_from": value, "country": value, "offset": value}
            response = client.get(path, params=params)
            assert response.status_code == 200, (path, value, response.status_code)
            assert_safe_page(response.text, f"{path}?{value!r}")
    assert client.get("/api/documents").json()["total"] == 3


def test_every_page_carries_the_security_headers(client: TestClient) -> None:
    record = client.get("/api/documents").json()["items"][0]["id"]
    for path in (*PAGES, f"/documents/{record}", "/entities/1", "/documents/missing", "/static/app.css", "/network.json"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff", path
        if response.headers["content-type"].startswith("text/html"):
            assert_safe_page(response.text, path)


def _own_files() -> list[Path]:
    own = [p for p in STATIC_DIR.rglob("*") if p.is_file() and "vendor" not in p.parts]
    return sorted(TEMPLATE_DIR.rglob("*.html")) + own


def test_templates_and_scripts_load_nothing_from_the_network() -> None:
    remote = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//""", re.IGNORECASE)
    fetches = re.compile(r"""(fetch|import|XMLHttpRequest|url)\s*\(\s*["'`]\s*(https?:)?//""", re.IGNORECASE)
    for path in _own_files():
        text = path.read_text(encoding="utf-8")
        assert not remote.search(text), path
        assert not fetches.search(text), path
        if path.suffix in (".js", ".css"):
            assert not re.search(r"https?://", text), path
    for path in TEMPLATE_DIR.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script\b[^>]*>[^<]+</script>", text), f"inline script in {path}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"event handler attribute in {path}"
        assert not re.search(r"\sstyle\s*=", text), f"inline style in {path}"
        for source in re.findall(r"""<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)\"""", text):
            assert source.startswith("/static/"), (path, source)
            assert (STATIC_DIR / source.removeprefix("/static/")).is_file(), (path, source)


def test_vendored_assets_are_the_pinned_versions_with_their_licences() -> None:
    pins = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    vendored = sorted(p for p in (STATIC_DIR / "vendor").iterdir() if p.is_dir())
    assert vendored, "nothing vendored"
    for folder in vendored:
        name, _, version = folder.name.rpartition("-")
        assert pins.get(name) == version, (folder, pins)
        assert lock[f"node_modules/{name}"]["version"] == version
        licence = folder / "LICENSE"
        assert licence.is_file(), folder
        assert "Permission is hereby granted" in licence.read_text(), folder
    assert {p.name.rpartition("-")[0] for p in vendored} == set(pins)

"""The web UI: server-rendered HTML pages over the same ``Store`` methods as the API.

Every page works without JavaScript; scripts (external files only, as the CSP demands)
add the network graph and the curation buttons. Templates autoescape everything, the
document text is escaped piece by piece around its highlights (``highlight``), and links
built from stored data are either our own paths or checked ``http(s)`` URLs, so nothing a
document says can run in a reader's browser. Query parameters are read leniently: a
value that does not parse is ignored rather than answered with a JSON error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, get_args
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from communique.errors import NotFound
from communique.model import EventType
from communique.store import FactFilter, Store
from communique.store.queries import MAX_ID
from communique.store.search import tokens
from communique.store.views import EntityRef, FactView, LinkedEntity, Page
from communique.web.api import StoreDep
from communique.web.charts import plain_number
from communique.web.highlight import ENTITY_KINDS, Highlight, document_highlights, highlight
from communique.web.overviews import by_month, cytoscape_elements, events_chart, flows, money_charts

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"
PAGE = 20
TIMELINE_PAGE = 200
NETWORK_EDGES = 300
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
ACTOR_KINDS = ("person", "organization", "country")
_ISO_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
_QID = re.compile(r"^Q[0-9]+$")

router = APIRouter(include_in_schema=False)
Param = Annotated[str | None, Query()]
"""A query parameter read leniently (see the module docstring): never a 422."""
TypeParam = Annotated[str | None, Query(alias="type")]


# -- template helpers -----------------------------------------------------------------


def web_url(url: str | None) -> str | None:
    """A stored URL fit for a link: ``http(s)`` with a host, else None (no ``javascript:``)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def wikidata_url(ref: str | None) -> str | None:
    return f"https://www.wikidata.org/wiki/{ref}" if ref and _QID.match(ref) else None


def pretty_json(value: Any) -> str:
    """JSON for a textarea (a plain string: the template escapes it)."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def plain(value: float) -> str:
    """A number as it would be in JSON: ``1500000``, not ``1500000.0`` or ``1.5e6``."""
    number = float(value)
    return str(int(number)) if number.is_integer() and abs(number) < 2**53 else repr(number)


def by_id(entities: list[LinkedEntity]) -> dict[int, LinkedEntity]:
    return {entity.id: entity for entity in entities}


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    env.filters.update(
        number=plain_number,
        plain=plain,
        pretty_json=pretty_json,
        segment=lambda value: quote(str(value), safe=""),
        web_url=web_url,
        wikidata_url=wikidata_url,
        by_id=by_id,
    )
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    """A page; ``curation`` tells templates whether to offer the curation controls."""
    context["curation"] = bool(request.app.state.token)
    return templates.TemplateResponse(request, name, context, status_code=status)


def missing(request: Request, message: str) -> Response:
    return render(request, "missing.html", status=404, message=message)


# -- query parameters -------------------------------------------------------------------


def number(value: str | None, high: int = MAX_ID) -> int | None:
    """A positive integer parameter, or None when absent or not one."""
    text = (value or "").strip()
    return int(text) if text.isdigit() and 0 < len(text) <= 19 and 0 < int(text) <= high else None


def offset_of(value: str | None) -> int:
    return number(value, 10**9) or 0


def iso_date(value: str | None) -> str | None:
    text = (value or "").strip()
    return text if _ISO_DATE.match(text) else None


def choice(value: str | None, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


def href(request: Request, **changes: object) -> str:
    """This page's path with its query changed (a None value drops the parameter)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    kept = {key: value for key, value in params.items() if value}
    return request.url.path + ("?" + urlencode(kept) if kept else "")


@dataclass(frozen=True)
class Pager:
    first: int
    last: int
    total: int
    previous: str | None
    next: str | None


def pager(request: Request, page: Page[Any]) -> Pager:
    previous = href(request, offset=max(0, page.offset - page.limit)) if page.offset > 0 else None
    following = href(request, offset=page.offset + page.limit) if page.offset + page.limit < page.total else None
    return Pager(page.offset + 1, page.offset + len(page.items), page.total, previous, following)


def _filters(store: Store, actor: str | None, date_from: str | None, date_to: str | None) -> tuple[FactFilter, EntityRef | None]:
    """The actor and date filters, with the actor's entity (None when there is none)."""
    actor_id = number(actor)
    entity = None
    if actor_id is not None:
        try:
            found = store.entity(actor_id)
            entity = EntityRef(id=found.id, kind=found.kind, name=found.name, ref=found.ref)
        except NotFound:
            actor_id = None
    return FactFilter(actor=actor_id, date_from=iso_date(date_from), date_to=iso_date(date_to)), entity


# -- pages ------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> Response:
    """Counts, the latest documents and events, and the most documented entities."""
    entities = {kind: store.entities(kind=kind, limit=8).items for kind in ENTITY_KINDS}
    return render(
        request,
        "home.html",
        stats=store.stats(),
        documents=store.documents(limit=10).items,
        events=store.events(limit=8).items,
        entities=entities,
    )


def snippet_html(snippet: str, words: list[str]) -> Any:
    """A search snippet escaped, with the query's words marked."""
    marks = [
        Highlight(match.start(), match.end(), ("hit",), word)
        for word in words
        for match in re.finditer(re.escape(word), snippet, re.IGNORECASE)
    ]
    return highlight(snippet, marks)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, q: Param = None, offset: Param = None) -> Response:
    """Documents (with snippets) and entities matching every word of ``q``."""
    text = (q or "").strip()[:500]
    result = store.search(text, PAGE, offset_of(offset)) if text else None
    words = tokens(text)
    snippets = {hit.id: snippet_html(hit.snippet, words) for hit in result.documents.items} if result else {}
    pagers = (pager(request, result.documents), pager(request, result.entities)) if result else None
    return render(request, "search.html", q=text, result=result, snippets=snippets, pagers=pagers)


@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request, store: StoreDep, actor: Param = None, date_from: Param = None, date_to: Param = None, offset: Param = None
) -> Response:
    """Every document, newest first."""
    filters, entity = _filters(store, actor, date_from, date_to)
    page = store.documents(filters, limit=PAGE, offset=offset_of(offset))
    return render(request, "documents.html", page=page, pager=pager(request, page), actor=entity)


def _facts_by_kind(facts: list[FactView]) -> dict[str, list[FactView]]:
    grouped: dict[str, list[FactView]] = {"event": [], "agreement": [], "role": [], "programme": []}
    for fact in facts:
        grouped.setdefault(fact.kind, []).append(fact)
    return grouped


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document(request: Request, store: StoreDep, document_id: str) -> Response:
    """The text with every extracted fact's evidence highlighted, and the facts beside it."""
    try:
        detail = store.document(document_id[:100])
    except NotFound:
        return missing(request, "No document with this id is stored.")
    text = highlight(detail.text, document_highlights(detail))
    return render(request, "document.html", doc=detail, text=text, facts=_facts_by_kind(detail.facts))


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, store: StoreDep, kind: Param = None, q: Param = None, offset: Param = None) -> Response:
    """Entities, the most documented first, by kind or part of a name."""
    chosen = choice(kind, ENTITY_KINDS)
    text = (q or "").strip()[:200] or None
    page = store.entities(chosen, text, PAGE, offset_of(offset))
    return render(request, "entities.html", page=page, pager=pager(request, page), kind=chosen, q=text or "", kinds=ENTITY_KINDS)


def _start(fact: FactView) -> str:
    return str((fact.payload.get("date") or {}).get("start") or "9999")


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, store: StoreDep, entity_id: str) -> Response:
    """Names, offices over time, events in time order, agreements, programmes, co-actors."""
    found = number(entity_id)
    try:
        detail = store.entity(found) if found is not None else None
    except NotFound:
        detail = None
    if detail is None:
        return missing(request, "No entity with this id is stored.")
    actor = FactFilter(actor=detail.id)
    roles = {fact.id: fact for fact in store.roles(actor, limit=100).items}
    return render(
        request,
        "entity.html",
        entity=detail,
        wikidata=wikidata_url(detail.ref),
        roles=roles,
        events=sorted(detail.events, key=lambda fact: (_start(fact), fact.id)),
        documents=store.documents(actor, limit=PAGE),
    )


def _event_filters(
    store: Store, event_type: str | None, actor: str | None, date_from: str | None, date_to: str | None
) -> tuple[FactFilter, EntityRef | None]:
    """The filters of the event views: type, actor and dates."""
    base, entity = _filters(store, actor, date_from, date_to)
    filters = FactFilter(actor=base.actor, type=choice(event_type, EVENT_TYPES), date_from=base.date_from, date_to=base.date_to)
    return filters, entity


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    store: StoreDep,
    event_type: TypeParam = None,
    actor: Param = None,
    date_from: Param = None,
    date_to: Param = None,
    offset: Param = None,
) -> Response:
    """Events by month with a chart of how many, filtered by type, actor and dates."""
    filters, entity = _event_filters(store, event_type, actor, date_from, date_to)
    page = store.events(filters, TIMELINE_PAGE, offset_of(offset))
    actors = [e for e in store.entities(limit=300).items if e.kind in ACTOR_KINDS]
    return render(
        request,
        "timeline.html",
        page=page,
        pager=pager(request, page),
        groups=by_month(page.items),
        chart=events_chart(store.event_months(filters)),
        filters=filters,
        actor=entity,
        actors=sorted(actors, key=lambda e: e.name.casefold()),
        types=EVENT_TYPES,
    )


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    store: StoreDep,
    event_type: TypeParam = None,
    actor: Param = None,
    date_from: Param = None,
    date_to: Param = None,
) -> Response:
    """Who meets whom: a graph when scripts run, always a table of the pairs."""
    filters, entity = _event_filters(store, event_type, actor, date_from, date_to)
    graph = store.network(filters, NETWORK_EDGES)
    query = request.url.query
    return render(
        request,
        "network.html",
        graph=graph,
        nodes={node.id: node for node in graph.nodes},
        source="/network.json" + ("?" + query if query else ""),
        filters=filters,
        actor=entity,
        types=EVENT_TYPES,
    )


@router.get("/network.json")
def network_json(
    store: StoreDep,
    event_type: TypeParam = None,
    actor: Param = None,
    date_from: Param = None,
    date_to: Param = None,
) -> JSONResponse:
    """The network page's graph as Cytoscape.js elements."""
    filters, _entity = _event_filters(store, event_type, actor, date_from, date_to)
    return JSONResponse(cytoscape_elements(store.network(filters, NETWORK_EDGES)))


@router.get("/money", response_class=HTMLResponse)
def money(
    request: Request,
    store: StoreDep,
    actor: Param = None,
    country: Param = None,
    date_from: Param = None,
    date_to: Param = None,
) -> Response:
    """Commitments by funder, recipient and year: a chart per currency and the tables."""
    base, entity = _filters(store, actor, date_from, date_to)
    place = (country or "").strip()[:200] or None
    filters = FactFilter(actor=base.actor, country=place, date_from=base.date_from, date_to=base.date_to)
    found = store.money(filters)
    return render(
        request,
        "money.html",
        money=found,
        charts=money_charts(found.commitments),
        flows=flows(found.commitments),
        filters=filters,
        actor=entity,
    )

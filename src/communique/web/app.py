"""The web application: ``create_app`` builds the FastAPI app over one store.

The API lives in ``web/api.py`` and the HTML pages in ``web/ui.py``, with their scripts and
styles served from ``/static`` (vendored, never from a CDN); both get the same security
headers, body limit and error handling. OpenAPI is
served at ``/openapi.json``; the interactive docs pages are off, since they load scripts
from a CDN and inline, which the Content-Security-Policy forbids.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from communique import __version__
from communique.errors import CommuniqueError, DuplicateFact, InvalidFact, NotFound
from communique.store import Store
from communique.web import api, ui
from communique.web.security import MAX_BODY_BYTES, ApiError, BodyLimit, SecurityHeaders

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    422: "invalid_request",
}
_STORE_STATUS: dict[type[CommuniqueError], int] = {NotFound: 404, InvalidFact: 422, DuplicateFact: 409}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _store_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CommuniqueError)
    status = next((code for kind, code in _STORE_STATUS.items() if isinstance(exc, kind)), 503)
    return error_response(status, exc.code, exc.message)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    return error_response(exc.status_code, code, str(exc.detail), dict(exc.headers or {}))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors()[:5]:
        where = ".".join(str(part) for part in error.get("loc", ()))
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return error_response(422, "invalid_request", "; ".join(problems) or "invalid request")


def create_app(
    store_url: str,
    token: str | None = None,
    *,
    max_body_bytes: int = MAX_BODY_BYTES,
    cors_origins: Sequence[str] = (),
) -> FastAPI:
    """The app over the store at ``store_url``. Writes need ``token`` (read-only when it
    is None or empty). CORS is off unless ``cors_origins`` names the origins allowed."""
    store = Store(store_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="communique",
        version=__version__,
        description="Diplomatic and development-cooperation press releases as a sourced, queryable knowledge base.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token or None
    app.include_router(api.router)
    app.include_router(ui.router)
    app.mount("/static", StaticFiles(directory=ui.STATIC_DIR), name="static")
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(CommuniqueError, _store_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"])
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so every response has the headers
    return app

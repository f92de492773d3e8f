"""What keeps the web server safe to leave running next to people's browsers.

- Security headers on every response, errors included: a Content-Security-Policy that
  forbids inline script and framing, no MIME sniffing, no referrer.
- A request body limit (1 MiB by default): a larger body is refused with 413 before the
  application reads it.
- Writes need the token (``Authorization: Bearer <token>``), compared in constant time;
  a server started without a token is read-only (403), a wrong or missing token is 401.
- Errors are JSON: ``{"error": {"code": ..., "message": ...}}``.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-resource-policy": "same-origin",
}
MAX_BODY_BYTES = 1024 * 1024
CURATOR_HEADER = "X-Curator"
DEFAULT_CURATOR = "curator"
_log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error the API answers with its status and a stable code."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode("utf-8")


async def _send_error(send: Send, status: int, code: str, message: str) -> None:
    body = error_body(code, message)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Outermost middleware: adds the security headers to every response, and turns an
    unexpected exception into a JSON 500 that carries them too (Starlette's own error
    page is outside every middleware and would not)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                kept = [
                    (name, value) for name, value in message.get("headers", []) if name.decode().lower() not in SECURITY_HEADERS
                ]
                extra = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
                message = {**message, "headers": kept + extra}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            _log.exception("unexpected error serving %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _send_error(send_with_headers, 500, "internal_error", "the server failed on this request; see its log")


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, whether declared by
    Content-Length or streamed; a body within the limit is replayed to the application."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _declared(self, scope: Scope) -> int | None:
        for name, value in scope.get("headers", []):
            if name.lower() == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return None
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = self._declared(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self._refuse(send)
                return
            if not message.get("more_body", False):
                break
        body, replayed = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        limit = f"{self.max_bytes // 1024} KiB" if self.max_bytes >= 1024 else f"{self.max_bytes} bytes"
        await _send_error(send, 413, "payload_too_large", f"request body over the limit of {limit}")


_bearer = HTTPBearer(auto_error=False, description="The write token (COMMUNIQUE_TOKEN) as a bearer token.")


def require_writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    curator: Annotated[str | None, Header(alias=CURATOR_HEADER, max_length=200, description="Who curates (audit).")] = None,
) -> str:
    """The curator's name for the audit, once the write token checks out."""
    token: str | None = request.app.state.token
    if not token:
        raise ApiError(403, "read_only", "this server is read-only: start it with COMMUNIQUE_TOKEN set to allow curation")
    given = credentials.credentials if credentials is not None else ""
    # compare_digest takes the same time wherever the two differ
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise ApiError(
            401, "unauthorized", "a valid write token is required (Authorization: Bearer <token>)", {"WWW-Authenticate": "Bearer"}
        )
    return (curator or "").strip() or DEFAULT_CURATOR


Writer = Annotated[str, Depends(require_writer)]
"""A route parameter that requires the write token and gives the curator's name."""

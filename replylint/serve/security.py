"""The service's front door: who may call it and what a request may weigh.

One pure ASGI middleware, :class:`Guard`, runs before routing so a request that breaks a
rule costs nothing but its headers: a ``/v1`` call without the bearer token (401), a
request body that is not JSON or is compressed (415), larger than the limit (413), or
sent too slowly (408) is answered with a one-line JSON error and never read further.
Bodies that pass are read here once, within the time limit, and replayed to the
application. Every answer gets headers that keep browsers from sniffing, caching or
leaking customer text.
"""

from __future__ import annotations

import hmac
import json
import math
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Paths that need the bearer token when one is set. Probes, the page and the OpenAPI
#: document carry no customer data and stay open so load balancers and browsers reach them.
PROTECTED_PREFIX = "/v1/"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

#: Sent with every answer: no MIME sniffing, no referrer, and API answers (customer text)
#: never cached; a page response sets its own Content-Security-Policy and cache rules.
BASE_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
API_HEADERS = (
    (b"cache-control", b"no-store"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
)


def token_matches(header: str | None, token: str) -> bool:
    """True when an ``Authorization`` header carries ``Bearer <token>``; compared in
    constant time so the answer's timing says nothing about how much of a guess was right."""
    if header is None:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))


def is_json_media_type(content_type: str | None) -> bool:
    """``application/json`` or a ``+json`` type, with or without parameters."""
    if content_type is None:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def declared_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type, lower-cased (None when not given)."""
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


#: The charsets a JSON body may declare: JSON is UTF-8 (RFC 8259), and a byte-order
#: mark of UTF-16 or UTF-32 is read too, but a body declaring Latin-1 is not read as one.
_JSON_CHARSETS = frozenset({"utf-8", "utf8", "utf-16", "utf-32"})


class Guard:
    """Authentication, body limits and safe headers, in front of the application."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None,
        max_body_bytes: int,
        timeout: float,
        body_routes: frozenset[tuple[str, str]],
    ) -> None:
        """``body_routes``: the (method, path) pairs whose bodies are read and limited
        here; a request to any other is the application's to answer (404 or 405)."""
        self.app = app
        self.token = token
        self.max_body_bytes = max_body_bytes
        self.timeout = timeout
        self.body_routes = body_routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(
            send, api=not scope["path"].startswith(("/static/",)) and scope["path"] != "/"
        )
        headers = _headers(scope)
        if scope["method"] == "OPTIONS" and _is_preflight(headers):
            # With CORS on, the CORS middleware in front answers every preflight: one
            # that reaches here is from a page while CORS is off. It was told that the
            # path takes no OPTIONS (405), or, with a token set, to send the token (401),
            # which no browser can add to a preflight.
            origin = headers["origin"]
            shown = origin if len(origin) <= 80 else origin[:77] + "..."
            await refuse(
                send,
                400,
                f"pages from {shown!r} may not call this service: it lets no web page call "
                "it (CORS is off); its operator allows an origin with replylint serve "
                "--cors-origin",
            )
            return
        token = self.token if scope["path"].startswith(PROTECTED_PREFIX) else None
        if token is not None and not token_matches(headers.get("authorization"), token):
            await refuse(
                send,
                401,
                "a valid bearer token is required: send 'Authorization: Bearer <token>' "
                "with the token the service was started with (REPLYLINT_API_TOKEN)",
                extra=((b"www-authenticate", b'Bearer realm="replylint"'),),
            )
            return
        if (scope["method"], scope["path"]) not in self.body_routes:
            await self.app(scope, receive, send)
            return
        if not is_json_media_type(headers.get("content-type")):
            await refuse(
                send, 415, "send the body as JSON with the header 'Content-Type: application/json'"
            )
            return
        charset = declared_charset(headers.get("content-type"))
        if charset is not None and charset not in _JSON_CHARSETS:
            shown = charset if len(charset) <= 40 else charset[:37] + "..."
            await refuse(
                send,
                415,
                f"the body declares 'charset={shown}', which the service does not read: "
                "JSON is UTF-8; encode the body as UTF-8 and send 'Content-Type: "
                "application/json' (or charset=utf-8)",
                close=True,
            )
            return
        encoding = headers.get("content-encoding", "").strip()
        if encoding and encoding.lower() != "identity":
            shown = encoding if len(encoding) <= 40 else encoding[:37] + "..."
            await refuse(
                send,
                415,
                f"the body is sent with 'Content-Encoding: {shown}', which the service does "
                "not read; send the JSON uncompressed, without a Content-Encoding header",
                close=True,
            )
            return
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await refuse(send, 413, self._too_large(), close=True)
            return
        body = await self._read_body(receive, send)
        if body is None:
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read_body(self, receive: Receive, send: Send) -> bytes | None:
        """The whole body, or None once the request has been refused (too large, too slow,
        or the client went away)."""
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.timeout
        while True:
            message: Message | None = None
            with anyio.move_on_after(max(0.0, deadline - time.monotonic())):
                message = await receive()
            if message is None:
                await refuse(
                    send,
                    408,
                    f"the request body did not arrive within {_seconds(self.timeout)}; "
                    "send it at once",
                    close=True,
                )
                return None
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await refuse(send, 413, self._too_large(), close=True)
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _too_large(self) -> str:
        return (
            f"the request body is over the limit of {self.max_body_bytes:,} bytes; send fewer "
            "or shorter replies (the limit is replylint serve's --max-body-bytes)"
        )


async def refuse(
    send: Send,
    status: int,
    error: str,
    *,
    close: bool = False,
    extra: tuple[tuple[bytes, bytes], ...] = (),
) -> None:
    """Answer with ``{"error": ...}``; ``close`` when the body was left unread, so the
    connection cannot be reused with the rest of it still in the pipe."""
    body = json.dumps({"error": error}).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode("ascii")),
        *extra,
    ]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _is_preflight(headers: dict[str, str]) -> bool:
    """A browser's CORS preflight: an ``OPTIONS`` request that names its page's origin and
    the method it asks to use (as Starlette's CORS middleware tells one)."""
    return "origin" in headers and "access-control-request-method" in headers


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}


def _with_headers(send: Send, *, api: bool) -> Send:
    """``send`` adding the safe headers to the response start, without overriding any the
    application set itself."""
    wanted = BASE_HEADERS + API_HEADERS if api else BASE_HEADERS

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(n, v) for n, v in wanted if n not in present]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return wrapped


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the application the body already read, then passes on
    whatever the client sends next (a disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def _seconds(value: float) -> str:
    return f"{value:g} s" if not math.isinf(value) else "the time limit"

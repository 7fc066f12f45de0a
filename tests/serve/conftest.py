"""Shared by the service tests: the service run for real on 127.0.0.1 (any free port),
in a thread of the test process on the suite's linter (built once), and a tiny HTTP
client on ``http.client`` that shows exactly what went over the wire.

The helpers live in fixtures (not a module the tests import), as in
``tests/rules/conftest.py``, so no test depends on ``sys.path``.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")
import uvicorn

from replylint import Linter
from replylint.serve.app import create_app
from replylint.serve.settings import ServeSettings

TOKEN = "test-token-0123456789"
#: Small limits, so the tests of them are quick.
LIMITS = ServeSettings(max_body_bytes=20_000, max_items=5, timeout=1.0)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Http:
    """Requests to one running service; ``token`` is sent as the bearer token if set."""

    port: int
    token: str | None = None
    app: Any = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        auth: bool = True,
    ) -> Answer:
        sent = dict(headers or {})
        if auth and self.token is not None:
            sent.setdefault("Authorization", f"Bearer {self.token}")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            got = {k.lower(): v for k, v in response.getheaders()}
            return Answer(response.status, got, response.read())
        finally:
            connection.close()

    def post(self, path: str, payload: Any, **kwargs: Any) -> Answer:
        body = json.dumps(payload).encode("utf-8")
        return self.request("POST", path, body, {"Content-Type": "application/json"}, **kwargs)


@dataclass
class Running:
    server: uvicorn.Server
    thread: threading.Thread
    http: Http


def start(app: Any, token: str | None = None, *, lifespan: bool = True) -> Running:
    """Serve ``app`` in a thread on a free loopback port; returns once it accepts.
    ``lifespan=False``: without the start-up that loads the linter."""
    # IPPROTO_TCP, as uvicorn's own: asyncio then sets TCP_NODELAY on each connection
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        app, log_level="warning", timeout_graceful_shutdown=5, lifespan="on" if lifespan else "off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the service did not start"
        assert thread.is_alive(), "the service thread died"
        time.sleep(0.02)
    return Running(server, thread, Http(sock.getsockname()[1], token))


def stop(running: Running) -> None:
    running.server.should_exit = True
    running.thread.join(timeout=10)
    assert not running.thread.is_alive()


@pytest.fixture(scope="module")
def serve() -> Iterator[Callable[..., Http]]:
    """``serve(settings, token=None, linter=...)``: start a service for this module."""
    started: list[Running] = []

    def make(
        settings: ServeSettings = LIMITS,
        *,
        linter: Linter | None,
        token: str | None = None,
        lifespan: bool = True,
    ) -> Http:
        app = create_app(settings, linter=linter, token=token, token_from_env=False)
        started.append(start(app, token, lifespan=lifespan))
        started[-1].http.app = app
        return started[-1].http

    yield make
    for running in started:
        stop(running)


@pytest.fixture(scope="module")
def api(serve: Callable[..., Http], linter: Linter) -> Http:
    """The service with a bearer token and the small limits."""
    return serve(LIMITS, linter=linter, token=TOKEN)


async def _post_in_process(app: Any, query: bytes, body: bytes) -> tuple[int, bytes]:
    """POST /v1/check with ``query`` to an ASGI app in this process, with a ``receive``
    that answers the body at once: the status and body of the answer."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/v1/check", "raw_path": b"/v1/check", "query_string": query,
        "root_path": "", "headers": [(b"host", b"test"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 9), "server": ("x", 80),
    }  # fmt: skip
    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture
def asgi_post() -> Callable[[Any, bytes, bytes], Awaitable[tuple[int, bytes]]]:
    """:func:`_post_in_process`: a check sent to the app without a server."""
    return _post_in_process

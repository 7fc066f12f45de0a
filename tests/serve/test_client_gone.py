"""A client that closes its connection before its answer (a ticket system's webhook that
gave up after its own timeout, and will send the reply again): its check is dropped, not
done for no one. Without that, the requests of clients long gone stayed in line for the
check workers, were checked one after the other, and a live request behind them waited
its whole time limit for a 503 "busy"."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from replylint import Linter
from replylint.serve.app import create_app
from replylint.serve.jobs import Job, Outcome
from replylint.serve.models import RuleInfo
from replylint.serve.settings import ServeSettings

pytest.importorskip("fastapi", reason="the serve extra is not installed")


class Held:
    """A checker whose checks wait until cancelled, and that says whether they were."""

    ready = True
    model = "bundled"

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.cancelled = False

    @property
    def rules(self) -> list[RuleInfo]:
        return []

    async def run(self, job: Job, limit: float) -> Outcome:
        self.started.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            self.cancelled = True
            raise
        raise AssertionError("not reached")

    async def aclose(self) -> None:
        return None


async def _post_then_leave(app: Any, path: str, payload: Any, checker: Held) -> list[Any]:
    """POST ``payload`` to the ASGI ``app`` from a client that closes its connection once
    the check has started; what the app sent back."""
    body = json.dumps(payload).encode()
    sent: list[Any] = []
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await checker.started.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"host", b"test"), (b"content-type", b"application/json")]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": headers, "client": ("127.0.0.1", 9), "server": ("x", 80),
    }  # fmt: skip
    await asyncio.wait_for(app(scope, receive, send), 10)
    return sent


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/v1/check", {"reply": "Hi Dana, your RMA is approved."}),
        ("/v1/check-many", {"items": [{"reply": "Hi Dana, your RMA is approved."}]}),
    ],
)
def test_a_check_whose_client_went_away_is_dropped(linter: Linter, path: str, payload: Any) -> None:
    app = create_app(ServeSettings(timeout=60), linter=linter, token_from_env=False)
    checker = Held()
    app.service.checker = checker
    asyncio.run(_post_then_leave(app, path, payload, checker))
    # the check was given up as soon as the client left, not run to its time limit
    assert checker.cancelled


def test_a_receive_that_answers_at_once_does_not_stall_the_check(
    linter: Linter, asgi_post: Any
) -> None:
    """Once the body is read, only a disconnect is watched for: a ``receive`` that keeps
    answering the body at once (as a test's may) ends the watch, where reading it again
    and again would never let the event loop run the check."""
    app = create_app(ServeSettings(timeout=60), linter=linter, token_from_env=False)
    body = json.dumps({"reply": "Hi Dana, your RMA is approved."}).encode()
    status, _ = asyncio.run(asyncio.wait_for(asgi_post(app, b"", body), 30))
    assert status == 200

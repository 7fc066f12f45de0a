"""examples/webhook: the help-desk webhook, served for real on 127.0.0.1 (ephemeral port)
in a thread, spoken to over HTTP, then shut down.

A good reply comes back with block=false, a reply missing its next step (an error-severity
finding) with block=true, and bad input with a 4xx and a one-line JSON error.
"""

from __future__ import annotations

import http.client
import importlib.util
import json
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from replylint import Linter

APP = Path(__file__).resolve().parents[2] / "examples" / "webhook" / "app.py"
# The payloads the README posts with curl; the help desk's ticket_id is ignored, not refused.
GOOD = json.loads((APP.parent / "good_reply.json").read_text(encoding="utf-8"))
BAD = json.loads((APP.parent / "bad_reply.json").read_text(encoding="utf-8"))


def load_app() -> ModuleType:
    """The example is a script, not a package: import it from its path."""
    spec = importlib.util.spec_from_file_location("replylint_example_webhook", APP)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the payload's annotations here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def port(linter: Linter) -> Iterator[int]:
    app = load_app()
    server = app.LintServer(("127.0.0.1", 0), linter)  # the suite's linter: built once
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        sys.modules.pop("replylint_example_webhook", None)
    assert not thread.is_alive()


def request(port: int, body: bytes | None, path: str = "/check") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        method = "GET" if body is None else "POST"
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "application/json"
        return response.status, response.read()
    finally:
        connection.close()


def post(port: int, payload: Any) -> tuple[int, Any]:
    status, body = request(port, json.dumps(payload).encode())
    return status, json.loads(body)


def test_good_reply_is_not_blocked(port: int) -> None:
    status, answer = post(port, GOOD)
    assert status == 200 and answer["block"] is False
    report = answer["report"]
    assert report["channel"] == "email"
    assert all(report["checks"][c]["present"] for c in ("greeting", "apology", "next_step"))
    assert not [f for f in report["findings"] if f["severity"] == "error"]


def test_reply_without_next_step_is_blocked(port: int) -> None:
    status, answer = post(port, BAD)
    assert status == 200 and answer["block"] is True
    report = answer["report"]
    assert report["channel"] == "chat"
    rules = {(f["rule"], f["severity"]) for f in report["findings"]}
    assert ("next_step", "error") in rules
    assert "RMA" in [f["text"] for f in report["findings"] if f["check"] == "jargon"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"reply": ', "the body is not JSON"),
        (b"\xff\xfe", "the body is not JSON"),
        (b"[1, 2]", "body: Input should be a valid dictionary"),
        (b'{"customer_message": "hi"}', "reply: Field required"),
        (b'{"reply": 42}', "reply: Input should be a valid string"),
        (b'{"reply": "Hi", "channel": "fax"}', "channel: Input should be"),
        (b'{"reply": "   "}', "reply: the reply is empty"),
    ],
)
def test_bad_input_is_a_one_line_400(port: int, body: bytes, expected: str) -> None:
    status, raw = request(port, body)
    assert status == 400
    assert raw.count(b"\n") == 0
    assert json.loads(raw)["error"].startswith(expected)


def test_oversized_body_is_refused_unread(port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("POST", "/check")
        connection.putheader("Content-Length", str(50_000_000))  # and no body follows
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert json.loads(response.read())["error"].startswith("the body is over")
    finally:
        connection.close()


def test_other_paths_and_methods(port: int) -> None:
    assert request(port, b"{}", "/nope")[0] == 404
    assert request(port, None)[0] == 405


def test_concurrent_requests_share_the_linter(port: int) -> None:
    """Eight requests at once (bounded) get the same answers as one at a time."""
    payloads = [GOOD, BAD] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda p: post(port, p), payloads))
    expected = [post(port, GOOD), post(port, BAD)] * 4
    assert answers == expected

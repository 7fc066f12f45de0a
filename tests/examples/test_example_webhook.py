"""examples/webhook and examples/sidebar: the payloads the docs post to ``replylint
serve`` (run for real on 127.0.0.1 in a thread, on the suite's linter), and the
"before send" decision the sidebar example makes: block while an error remains."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")
import uvicorn

from replylint import Linter
from replylint.serve.app import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOOD = json.loads((EXAMPLES / "webhook" / "good_reply.json").read_text(encoding="utf-8"))
BAD = json.loads((EXAMPLES / "webhook" / "bad_reply.json").read_text(encoding="utf-8"))
SIDEBAR = json.loads((EXAMPLES / "sidebar" / "draft.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def port(linter: Linter) -> Iterator[int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    app = create_app(linter=linter, token="s3cret", token_from_env=False)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield sock.getsockname()[1]
    server.should_exit = True
    thread.join(timeout=10)


def post(port: int, payload: Any) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/json", "Authorization": "Bearer s3cret"}
    connection.request("POST", "/v1/check", json.dumps(payload), headers)
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def blocks(report: dict[str, Any]) -> bool:
    """What examples/sidebar/sidebar.js's beforeSend decides."""
    return any(f["severity"] == "error" for f in report["findings"])


def test_good_reply_is_not_blocked(port: int) -> None:
    status, report = post(port, GOOD)
    assert status == 200 and not blocks(report)
    assert all(report["checks"][c]["present"] for c in ("greeting", "apology", "next_step"))


def test_reply_without_next_step_is_blocked(port: int) -> None:
    status, report = post(port, BAD)
    assert status == 200 and blocks(report)
    assert ("next_step", "error") in {(f["rule"], f["severity"]) for f in report["findings"]}
    assert "RMA" in [f["text"] for f in report["findings"] if f["check"] == "jargon"]


def test_the_sidebar_draft_gets_its_jargon_and_the_customer_name(port: int) -> None:
    status, report = post(port, SIDEBAR)
    assert status == 200
    assert "RMA" in [f["text"] for f in report["findings"] if f["check"] == "jargon"]
    assert report["checks"]["customer_name"]["applicable"] is True

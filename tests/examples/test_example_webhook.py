"""examples/webhook and examples/sidebar: the payloads the docs post to ``replylint
serve`` (run for real on 127.0.0.1 in a thread, on the suite's linter), and the
"before send" decision the sidebar example makes: block while an error remains."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import subprocess
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


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_sidebar_script_finds_each_findings_words_in_the_draft(
    port: int, tmp_path: Path
) -> None:
    """sidebar.js hands a JavaScript page the findings to mark in the draft, a string
    that counts UTF-16 code units; asked without ``?offsets=utf16``, every mark after an
    emoji landed a place early ("RM" and a space for "RMA"), without an error."""
    sidebar = EXAMPLES / "sidebar" / "sidebar.js"
    script = tmp_path / "mark.js"
    script.write_text(
        f"const {{ checkDraft }} = require({json.dumps(str(sidebar))});\n"
        'const draft = "Hi Mo \\u{1F44B},\\n\\nYour RMA is approved \\u{1F389}; the SLA "\n'
        '  + "for the tier-2 return is 5 days.\\n\\nThanks!";\n'
        f'checkDraft("http://127.0.0.1:{port}", "s3cret", draft).then((report) => '
        "console.log(JSON.stringify(report.findings.filter((f) => f.text)"
        ".map((f) => [f.text, draft.slice(f.start, f.end)]))));\n",
        encoding="utf-8",
    )
    node = shutil.which("node") or "node"
    done = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    marked = json.loads(done.stdout)
    assert len(marked) >= 2 and "RMA" in [text for text, _ in marked]
    assert all(text == words for text, words in marked), marked

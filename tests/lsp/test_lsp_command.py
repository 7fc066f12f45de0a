"""`replylint lsp` as a command: pygls is optional, and its absence is one line."""

from __future__ import annotations

import gc
import io
import json
import logging
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from replylint.cli import main

#: Python that hides the lsp extra's modules, then runs the CLI with the given argv.
WITHOUT_EXTRA = (
    "import sys\n"
    "for name in ('pygls', 'lsprotocol'):\n"
    "    sys.modules[name] = None\n"
    "from replylint.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def run(code: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


#: What an editor sends to start the server and stop it, and nothing between.
START_AND_STOP = (
    {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
    {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
    {"jsonrpc": "2.0", "method": "exit"},
)


def test_without_the_extra_lsp_is_one_line_telling_what_to_install() -> None:
    result = run(WITHOUT_EXTRA, "lsp")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "pip install 'replylint[lsp]'" in result.stderr
    assert run(WITHOUT_EXTRA, "rules").returncode == 0  # the rest works without it


def test_importing_replylint_does_not_import_pygls() -> None:
    code = (
        "import sys, replylint, replylint.cli, replylint.lsp\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))\n"
    )
    result = run(code)
    assert result.returncode == 0 and result.stdout.strip() == "[]"


def test_a_missing_config_file_is_a_usage_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["lsp", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "nope.toml: no such file" in capsys.readouterr().err


def test_a_config_folder_is_a_usage_error_naming_its_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """``--config`` given the repository's folder said "no such file" of a folder that
    exists; it now says to name the file in it, as ``replylint check --config`` does."""
    (tmp_path / ".replylint.toml").write_text("", encoding="utf-8")
    assert main(["lsp", "--config", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and str(tmp_path / ".replylint.toml") in err


@pytest.mark.parametrize("seconds", ["inf", "nan", "-1"])
def test_a_debounce_never_over_is_a_usage_error(seconds: str, capsys) -> None:  # type: ignore[no-untyped-def]
    """``--debounce inf`` started a server that never checked a changed document."""
    assert main(["lsp", "--debounce", seconds]) == 2
    assert "--debounce must be" in capsys.readouterr().err


class EditorInput(io.BytesIO):
    """What an editor sends, then nothing: reading past it fails the test, as a server
    that kept reading after ``exit`` would wait for an editor that has moved on."""

    def __init__(self, *messages: dict[str, object] | bytes) -> None:
        framed = (m if isinstance(m, bytes) else json.dumps(m).encode() for m in messages)
        super().__init__(b"".join(b"Content-Length: %d\r\n\r\n%s" % (len(m), m) for m in framed))

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        assert line, "the server read on after exit"
        return line


class EditorOutput(io.BytesIO):
    def close(self) -> None:  # pygls closes it on exit; keep what was written readable
        pass


def test_exit_stops_the_server_and_leaves_its_heap_to_the_os(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server took 0.7-1 s to end after the editor's ``exit``: not in a loop or a
    join (it stopped at once), but in the interpreter's last garbage collections walking
    spaCy's heap. Now ``exit`` stops the server without reading on, and what is alive
    then is frozen, out of those collections (measured: the process ends in < 0.1 s).
    (Called in process with its arguments, as here, ``main`` gives the caller its heap
    back afterwards: the freeze is seen as it happens.)"""
    output = EditorOutput()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(EditorInput(*START_AND_STOP)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(output))
    frozen: list[int] = []
    freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1) or freeze())
    try:
        assert main(["lsp", "--isolated"]) == 0  # shutdown, then exit
        assert frozen
    finally:
        gc.unfreeze()
    assert b'{"id": 2, "jsonrpc": "2.0", "result": null}' in output.getvalue()  # shutdown


def test_stdio_as_editors_ask_for_it_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many editor clients start a server with ``--stdio`` (vscode-languageclient adds it
    for the stdio transport; the servers they usually start need it). The command refused
    it as an unknown argument, so the editor saw a server that died at start."""
    output = EditorOutput()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(EditorInput(*START_AND_STOP)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(output))
    try:
        assert main(["lsp", "--stdio", "--isolated"]) == 0
    finally:
        gc.unfreeze()
    assert b'"id": 1' in output.getvalue()  # initialized over stdio


@pytest.mark.parametrize("transport", ["--socket=2087", "--pipe=/tmp/replylint.sock", "--node-ipc"])
def test_another_transport_is_refused_saying_to_use_stdio(transport: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["lsp", transport]) == 2
    err = capsys.readouterr().err
    assert "standard input and output" in err and "stdio" in err


def test_a_request_whose_params_do_not_fit_is_answered_with_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A request the protocol's types cannot read (a hover without its position, a code
    action without its context, as a hand-written client may send) was never answered:
    pygls only logged it and showed "Error in server: Invalid Params", so the client
    waited for its answer forever. It is now answered with an InvalidParams error."""
    start, *stop = START_AND_STOP
    document = {"textDocument": {"uri": "file:///macros/refund.txt"}}
    malformed = (
        {"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": document},
        {"jsonrpc": "2.0", "id": 8, "method": "textDocument/codeAction", "params": document},
    )
    output = EditorOutput()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(EditorInput(start, *malformed, *stop)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(output))
    try:
        assert main(["lsp", "--isolated"]) == 0
    finally:
        gc.unfreeze()
    sent = framed(output.getvalue())
    answers = {m.get("id"): m for m in sent}
    assert answers[7]["error"]["code"] == answers[8]["error"]["code"] == -32602
    assert not [m for m in sent if m.get("method") == "window/showMessage"]


def test_a_message_that_is_no_json_rpc_is_answered_as_the_spec_says(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A body that is not JSON, or JSON that is no JSON-RPC message (no ``method`` and no
    ``id``, an array, a ``method`` that is no string, an ``id`` that is a list), was only
    logged, with a popup "Error in server: ..." in the editor, and no answer: a request
    among them was never answered. JSON-RPC 2.0 says to answer Parse error (-32700) and
    Invalid Request (-32600), with the request's id where it can be read, else null."""
    start, *stop = START_AND_STOP
    hover = {
        "textDocument": {"uri": "file:///macros/refund.txt"},
        "position": {"line": 0, "character": 0},
    }
    malformed = (
        b'{"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover"',  # cut short
        b'{"jsonrpc": "2.0", "id": 6, "method": "x", "params": {"a": "\xff"}}',  # not UTF-8
        b"[1, 2]",
        b'"hello"',
        {"jsonrpc": "2.0", "params": {}},  # neither method nor id
        {"jsonrpc": "2.0", "id": 7},  # an id, but neither method, result nor error
        {"jsonrpc": "2.0", "id": 8, "method": 42},
        {"id": 9, "method": "textDocument/hover", "params": hover},  # no "jsonrpc"
        {"jsonrpc": "1.0", "id": 10, "method": "textDocument/hover", "params": hover},
        {"jsonrpc": "2.0", "id": [11], "method": "textDocument/hover", "params": hover},
        {"jsonrpc": "2.0", "id": 12, "method": "replylint/unknown"},  # valid: no params
    )
    output = EditorOutput()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(EditorInput(start, *malformed, *stop)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(output))
    try:
        with caplog.at_level(logging.WARNING):
            assert main(["lsp", "--isolated"]) == 0  # served on to shutdown and exit
    finally:
        gc.unfreeze()
    sent = [m for m in framed(output.getvalue()) if m.get("id") != 1 and "method" not in m]
    assert all(m["jsonrpc"] == "2.0" and "id" in m for m in sent)  # null, never absent
    errors = [(m["id"], m["error"]["code"]) for m in sent if "error" in m]
    assert errors == [
        (None, -32700),
        (None, -32700),
        (None, -32600),
        (None, -32600),
        (None, -32600),
        (None, -32600),
        (8, -32600),
        (9, -32600),
        (10, -32600),
        (None, -32600),
        (12, -32601),  # Method not found, not an Internal error
    ]
    messages = [m["error"]["message"] for m in sent if "error" in m]
    assert "not valid JSON" in messages[0] and "not UTF-8" in messages[1]
    assert '"jsonrpc": "2.0"' in messages[7] and '"jsonrpc": "2.0"' in messages[8]
    assert '"method"' in messages[4] and '"id"' in messages[4]
    assert not [m for m in framed(output.getvalue()) if m.get("method") == "window/showMessage"]
    assert caplog.text.count("was answered Invalid Request") == 8
    assert caplog.text.count("was answered Parse error") == 2


def test_a_message_that_is_not_json_is_one_log_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A body that is not JSON is the client's bug, answered Parse error; pygls logged
    it first with its traceback ("Unable to handle message", then json's frames), which
    the user met in the editor's log as if the server had crashed. It is one line now,
    saying what was answered."""
    start, *stop = START_AND_STOP
    cut_short = b'{"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover"'
    output = EditorOutput()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(EditorInput(start, cut_short, *stop)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(output))
    try:
        with caplog.at_level(logging.DEBUG, logger="pygls"):
            assert main(["lsp", "--isolated"]) == 0
    finally:
        gc.unfreeze()
    [answer] = [m for m in framed(output.getvalue()) if "error" in m]
    assert (answer["id"], answer["error"]["code"]) == (None, -32700)
    told = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in told] == [
        "a message the client sent was answered Parse error: the message is not valid JSON "
        "(Expecting ',' delimiter: line 1 column 59 (char 58)) (a bug in the client, "
        "not in replylint)"
    ]
    assert not [r for r in caplog.records if r.exc_info]
    assert "Traceback" not in caplog.text


def framed(data: bytes) -> list[dict[str, Any]]:
    """The JSON-RPC messages in what the server wrote (each after its headers)."""
    messages = []
    while data:
        headers, _, rest = data.partition(b"\r\n\r\n")
        length = int(headers.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        messages.append(json.loads(rest[:length]))
        data = rest[length:]
    return messages


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGINT to send a process there")
def test_ctrl_c_stops_the_server_at_once(tmp_path: Path) -> None:
    """Ctrl-C in the terminal where a macro author tries ``replylint lsp`` by hand (or
    SIGINT from a client) left the server hanging until its standard input closed:
    pygls caught the KeyboardInterrupt and then waited for its thread blocked reading
    the input. SIGINT now ends the process, as SIGTERM does."""
    server = subprocess.Popen(
        [sys.executable, "-m", "replylint", "lsp", "--isolated"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
    )  # fmt: skip
    try:
        assert server.stdin is not None and server.stdout is not None
        body = json.dumps(START_AND_STOP[0]).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        server.stdin.flush()
        assert server.stdout.readline().startswith(b"Content-Length")  # it serves
        time.sleep(0.5)  # back to waiting for the editor's next message
        server.send_signal(signal.SIGINT)
        code = server.wait(timeout=10)
    finally:
        server.kill()
        server.communicate()
    assert code != 0

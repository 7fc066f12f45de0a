"""The server's handling of what goes wrong in a check, in-process: a failure of the
linter, a reply it refuses, a text changed while it was checked. None stops the server."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from lsprotocol import types
from pygls.workspace import Workspace

from replylint.config import LinterConfig
from replylint.linter import InputError, Linter
from replylint.lsp.linters import LinterCache
from replylint.lsp.server import ReplylintServer, create_server
from replylint.report import Finding
from replylint.suppression import UNKNOWN_RULE


class Sent:
    """Collects what the server writes to the client (JSON without headers)."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def write(self, data: bytes) -> None:
        self.messages.append(json.loads(data))

    def close(self) -> None:
        pass

    def of(self, method: str) -> list[dict[str, Any]]:
        return [m["params"] for m in self.messages if m.get("method") == method]


class FakeLinter:
    rules = ()
    config = LinterConfig()

    def __init__(self, check: Callable[..., Any]) -> None:
        self.check = check


def server_with(check: Callable[..., Any], tmp_path: Path) -> tuple[ReplylintServer, Sent, str]:
    def build(config: Any) -> Linter:
        return FakeLinter(check)  # type: ignore[return-value]

    server = create_server(LinterCache(isolated=True, build=build), debounce=0)
    server.protocol._workspace = Workspace(None, types.TextDocumentSyncKind.Full)
    sent = Sent()
    server.protocol.set_writer(sent, include_headers=False)
    uri = (tmp_path / "macro.txt").as_uri()
    server.workspace.put_text_document(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text="Hi Sam")
    )
    return server, sent, uri


def test_a_failure_is_shown_once_while_other_documents_are_checked(tmp_path: Path) -> None:
    """Two repositories, one whose checks fail: the message came again every time a
    document of the other repository had been checked in between."""

    def crash_in_broken(text: str, **kwargs: Any) -> SimpleNamespace:
        if text.startswith("broken"):
            raise RuntimeError("config exploded")
        return SimpleNamespace(findings=(), notices=(), below_confidence=0)

    server, sent, fine = server_with(crash_in_broken, tmp_path)
    broken = (tmp_path / "other.txt").as_uri()
    server.workspace.put_text_document(
        types.TextDocumentItem(uri=broken, language_id="plaintext", version=1, text="broken Hi")
    )
    for uri in (broken, fine, broken, fine, broken):
        asyncio.run(server.check_document(uri))
    (message,) = sent.of(types.WINDOW_SHOW_MESSAGE)
    assert "config exploded" in message["message"]


def test_a_linter_failure_is_one_diagnostic_and_one_message(tmp_path: Path) -> None:
    def crash(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("plugin exploded")

    server, sent, uri = server_with(crash, tmp_path)
    asyncio.run(server.check_document(uri))
    asyncio.run(server.check_document(uri))  # the same failure again: no second message
    (first, second) = sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    (diagnostic,) = first["diagnostics"]
    assert "plugin exploded" in diagnostic["message"] and diagnostic["severity"] == 1
    assert second == first
    (message,) = sent.of(types.WINDOW_SHOW_MESSAGE)
    assert "RuntimeError: plugin exploded" in message["message"]


def test_a_reply_the_linter_refuses_is_a_warning(tmp_path: Path) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise InputError("the reply has 9 characters, over the limit of 5")

    server, sent, uri = server_with(refuse, tmp_path)
    asyncio.run(server.check_document(uri))
    ((diagnostic,),) = [p["diagnostics"] for p in sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)]
    assert diagnostic["severity"] == 2 and "over the limit" in diagnostic["message"]
    assert sent.of(types.WINDOW_SHOW_MESSAGE) == []


def test_a_result_for_a_text_changed_meanwhile_is_dropped(tmp_path: Path) -> None:
    server: ReplylintServer

    def edit_while_checking(*args: Any, **kwargs: Any) -> None:
        server.workspace.get_text_document(uri).version = 2
        raise AssertionError("never published")

    server, sent, uri = server_with(edit_while_checking, tmp_path)
    asyncio.run(server.check_document(uri))
    assert sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS) == []


def test_an_empty_macro_has_no_diagnostics(tmp_path: Path) -> None:
    def never(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("an empty text is not checked")

    server, sent, uri = server_with(never, tmp_path)
    server.workspace.get_text_document(uri)._source = " \n"
    asyncio.run(server.check_document(uri))
    ((params),) = sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert params["diagnostics"] == []


def test_a_request_after_shutdown_is_answered_with_invalid_request(tmp_path: Path) -> None:
    """pygls drops it silently; the protocol wants an InvalidRequest error, so the
    client does not wait for an answer forever."""
    server, sent, uri = server_with(lambda *a, **k: None, tmp_path)

    def receive(message: dict[str, Any]) -> None:
        server.protocol.handle_message(
            server.protocol.structure_message({"jsonrpc": "2.0", **message})
        )

    receive({"id": 1, "method": "shutdown"})
    hover = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
    receive({"id": 2, "method": "textDocument/hover", "params": hover})
    receive({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
    answers = {m["id"]: m for m in sent.messages if "id" in m}
    assert answers[1].get("result") is None and "error" not in answers[1]
    assert answers[2]["error"]["code"] == -32600  # InvalidRequest
    assert [m for m in sent.messages if "id" not in m] == []  # the notification: dropped


def test_a_check_superseded_before_it_starts_never_runs(tmp_path: Path) -> None:
    """Typing in a long macro: while one check runs, newer versions arrive; only the
    newest is checked next (one check of a document at a time), in a daemon thread (so
    ``exit`` does not wait for it), and only its result is published."""
    started, release = threading.Event(), threading.Event()
    checked: list[tuple[str, bool]] = []

    def slow(text: str, **kwargs: Any) -> SimpleNamespace:
        checked.append((text, threading.current_thread().daemon))
        if text == "Hi Sam":
            started.set()
            release.wait(10)
        return SimpleNamespace(findings=(), notices=(), below_confidence=0)

    server, sent, uri = server_with(slow, tmp_path)

    async def typing() -> None:
        server.schedule(uri, 0)
        await asyncio.to_thread(started.wait, 10)
        for version, text in [(2, "Hi Sam, a"), (3, "Hi Sam, ab")]:
            server.workspace.put_text_document(
                types.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text)
            )
            server.schedule(uri, 0)
            await asyncio.sleep(0.05)
        release.set()
        for _ in range(500):
            if not server._pending:
                break
            await asyncio.sleep(0.01)

    asyncio.run(typing())
    assert checked == [("Hi Sam", True), ("Hi Sam, ab", True)]
    published = sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [p["version"] for p in published] == [3]


def test_a_document_the_config_excludes_is_not_checked(tmp_path: Path) -> None:
    def never(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("an excluded document is not checked")

    server, sent, uri = server_with(never, tmp_path)
    server.linters = LinterCache(build=server.linters._build)  # the config is read
    (tmp_path / ".replylint.toml").write_text('exclude = ["macro.txt"]\n', encoding="utf-8")
    asyncio.run(server.check_document(uri))
    assert sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS) == []


def test_a_document_in_a_hidden_folder_is_not_checked(tmp_path: Path) -> None:
    """`check DIR` and the pre-commit hook skip .github/PULL_REQUEST_TEMPLATE.md; the
    editor flagged it. Hidden is judged from the repository's top (a repository may live
    in a hidden folder), else from the workspace folder."""
    checked: list[str] = []

    def record(text: str, **kwargs: Any) -> Any:
        checked.append(text)
        raise InputError("stop here")  # a checked document: one warning diagnostic

    repo = tmp_path / ".work" / "macros"
    (repo / ".git").mkdir(parents=True)
    elsewhere = tmp_path / "loose"
    server, sent, _ = server_with(record, tmp_path)
    server.protocol._workspace = Workspace(
        None, types.TextDocumentSyncKind.Full,
        workspace_folders=[types.WorkspaceFolder(uri=elsewhere.as_uri(), name="loose")],
    )  # fmt: skip
    documents = {
        repo / ".github" / "PULL_REQUEST_TEMPLATE.md": False,
        repo / "billing" / ".drafts" / "wip.txt": False,
        repo / ".notes.md": False,
        repo / "billing" / "refund.md": True,  # in a hidden folder only above the top
        elsewhere / ".drafts" / "wip.txt": False,  # no repository: from the workspace
        elsewhere / "refund.txt": True,
    }
    for number, path in enumerate(documents):
        uri = path.as_uri()
        server.workspace.put_text_document(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=f"Hi {number}")
        )
        asyncio.run(server.check_document(uri))
    published = {p["uri"] for p in sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)}
    assert published == {path.as_uri() for path, shown in documents.items() if shown}
    assert sorted(checked) == ["Hi 3", "Hi 5"]


def test_a_file_saved_in_another_encoding_is_said_to_fail_in_the_hook(tmp_path: Path) -> None:
    """The editor decodes a Windows-1252 macro by a guess and sends text the checks read
    without complaint, while the pre-commit hook reads the saved bytes and refuses them:
    the editor must say so, with the conversion, beside the findings of the text."""
    server, sent, uri = server_with(
        lambda *a, **k: SimpleNamespace(findings=(), notices=(), below_confidence=0), tmp_path
    )
    text = "Hi José,\n\nYour refund is on its way; it reaches you within 5 days.\n"
    (tmp_path / "macro.txt").write_bytes(text.encode("cp1252"))
    server.workspace.get_text_document(uri)._source = text
    asyncio.run(server.check_document(uri))
    (diagnostic,) = sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)[-1]["diagnostics"]
    assert diagnostic["code"] == "replylint.saved" and diagnostic["severity"] == 1
    assert "not UTF-8" in diagnostic["message"]
    assert "iconv -f windows-1252 -t utf-8" in diagnostic["message"]

    (tmp_path / "macro.txt").write_bytes(text.encode("utf-8"))  # saved as UTF-8: gone
    asyncio.run(server.check_document(uri))
    assert sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)[-1]["diagnostics"] == []


def test_a_file_not_saved_yet_or_saved_empty_is_no_encoding_problem(tmp_path: Path) -> None:
    server, sent, uri = server_with(
        lambda *a, **k: SimpleNamespace(findings=(), notices=(), below_confidence=0), tmp_path
    )
    asyncio.run(server.check_document(uri))  # no file on disk at all
    (tmp_path / "macro.txt").write_bytes(b"")  # created empty, text typed but not saved
    asyncio.run(server.check_document(uri))
    (tmp_path / "macro.txt").write_bytes("\n  \n".encode("utf-16"))
    asyncio.run(server.check_document(uri))
    published = sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [p["diagnostics"] for p in published] == [[], [], []]


def test_an_edit_to_a_closed_document_is_told_again_after_a_reopen(tmp_path: Path) -> None:
    """The warning for an edit to a document never opened was given once per file for
    the whole session: a client that lost the document again after the user reopened it
    (closed and restored once more without ``didOpen``) had its changes ignored without
    a word. It is given once per lapse: opening the document starts over."""
    server, sent, _ = server_with(
        lambda *a, **k: SimpleNamespace(findings=(), notices=(), below_confidence=0), tmp_path
    )
    uri = (tmp_path / "my refund.txt").as_uri()
    document = {"uri": uri, "languageId": "plaintext", "version": 1, "text": "Hi Sam"}

    def change(version: int, uri: str = uri) -> dict[str, Any]:
        """An edit of a range (a whole text would be checked as if opened)."""
        here = {"line": 0, "character": 0}
        edit = {"range": {"start": here, "end": here}, "text": f"{version} "}
        return {
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [edit],
            },
        }

    told: list[int] = []

    async def session() -> None:
        receive = _receiver(server)
        receive(change(2))
        receive(change(3, uri.replace("%20", " ")))  # the same file, its URI decoded
        told.append(len(sent.of(types.WINDOW_SHOW_MESSAGE)))
        receive({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        receive({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
        receive(change(4))
        receive(change(5))
        told.append(len(sent.of(types.WINDOW_SHOW_MESSAGE)))
        await asyncio.sleep(0.1)

    asyncio.run(session())
    assert told == [1, 2]
    assert all("reopen" in m["message"] for m in sent.of(types.WINDOW_SHOW_MESSAGE))


def _receiver(server: ReplylintServer) -> Callable[[dict[str, Any]], None]:
    """A function that hands the server one message as the client would send it."""

    def receive(message: dict[str, Any]) -> None:
        server.protocol.handle_message(
            server.protocol.structure_message({"jsonrpc": "2.0", **message})
        )

    return receive


def test_hover_over_a_text_changed_since_its_check_shows_nothing(tmp_path: Path) -> None:
    """Hover explained a finding at its range in the text last checked, even when the
    text had changed since (the check of the new text not yet done): the explanation
    came over words that no longer had the finding. It now waits for the new check, as
    the quick fix does."""
    text = "Hi Sam, replylint: disable=jargn"
    start = text.index("disable")
    finding = Finding(
        rule=UNKNOWN_RULE, check="suppression", severity="warning", message="m",
        start=start, end=len(text), text=text[start:],
    )  # fmt: skip
    server, _sent, uri = server_with(
        lambda *a, **k: SimpleNamespace(findings=(finding,), notices=(), below_confidence=0),
        tmp_path,
    )
    server.protocol.client_capabilities = types.ClientCapabilities()  # no initialize
    server.workspace.get_text_document(uri)._source = text
    asyncio.run(server.check_document(uri))
    here = types.Position(line=0, character=start + 2)
    hover = server.hover_at(uri, here)
    assert hover is not None and "silences nothing" in str(hover.contents)

    server.workspace.put_text_document(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=2, text="Hi Sam, thanks!")
    )
    assert server.hover_at(uri, here) is None


def test_a_configuration_changed_outside_the_server_rechecks_the_open_macros(
    tmp_path: Path,
) -> None:
    """An editor sends the server only the documents of its languages, so the save of
    a ``.replylint.toml`` or a rule pack never reached it: after the user fixed a broken
    configuration, every open macro kept its "could not check" error until it was next
    edited. The server now asks a client that can watch files to report changes to the
    configuration files and packs, and checks the open macros again when one changes."""
    versions: list[str] = []

    def record(text: str, **kwargs: Any) -> SimpleNamespace:
        versions.append(text)
        return SimpleNamespace(findings=(), notices=(), below_confidence=0)

    server, sent, uri = server_with(record, tmp_path)
    watching = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            )
        )
    )
    server.protocol.client_capabilities = watching
    changed = {"uri": (tmp_path / ".replylint.toml").as_uri(), "type": 2}
    unrelated = {"uri": (tmp_path / "notes.toml").as_uri(), "type": 2}

    async def session() -> None:
        receive = _receiver(server)
        receive({"method": "initialized", "params": {}})
        params = {"changes": [unrelated]}
        receive({"method": "workspace/didChangeWatchedFiles", "params": params})
        await asyncio.sleep(0.2)
        assert versions == []  # no setting changed: nothing to check again
        params = {"changes": [unrelated, changed]}
        receive({"method": "workspace/didChangeWatchedFiles", "params": params})
        for _ in range(200):
            if versions:
                break
            await asyncio.sleep(0.01)

    asyncio.run(session())
    (registration,) = [
        m["params"]["registrations"][0]
        for m in sent.messages
        if m.get("method") == "client/registerCapability"
    ]
    assert registration["method"] == "workspace/didChangeWatchedFiles"
    globs = {w["globPattern"] for w in registration["registerOptions"]["watchers"]}
    assert {"**/.replylint.toml", "**/pyproject.toml", "**/*.yaml"} <= globs
    assert versions == ["Hi Sam"]
    assert [p["uri"] for p in sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)] == [uri]


def test_only_files_and_unsaved_buffers_are_checked(tmp_path: Path) -> None:
    """An editor shows other documents too: the git side of a diff view (``git:``, the
    same macro as it was committed), an output panel, a notebook cell. Each was checked
    as an unsaved buffer, so a macro open in a diff view had every finding twice, once on
    its committed text. Only the user's files (``file:``) and unsaved buffers
    (``untitled:``) are checked; the scheme is read in any case, as URIs are."""
    checked: list[str] = []

    def record(text: str, **kwargs: Any) -> Any:
        checked.append(text)
        raise InputError("stop here")  # a checked document: one warning diagnostic

    server, sent, _ = server_with(record, tmp_path)
    macro = tmp_path / "refund.txt"
    documents = {
        macro.as_uri(): True,
        "untitled:Untitled-1": True,
        "UNTITLED:Untitled-2": True,
        "git:" + macro.as_posix() + "?%7B%22ref%22%3A%22HEAD%22%7D": False,
        "gitlens://7f3a/" + macro.as_posix(): False,
        "output:extension-output-replylint": False,
        "vscode-notebook-cell:/work/notes.ipynb#W0sZmlsZQ%3D%3D": False,
        "vscode-userdata:/home/sam/.config/Code/User/settings.json": False,
        "vscode-vfs://github/acme/macros/refund.txt": False,
    }
    for number, uri in enumerate(documents):
        server.workspace.put_text_document(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=f"Hi {number}")
        )
        asyncio.run(server.check_document(uri))
    published = {p["uri"] for p in sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)}
    assert published == {uri for uri, shown in documents.items() if shown}
    assert sorted(checked) == ["Hi 0", "Hi 1", "Hi 2"]


def test_a_change_of_the_editors_settings_is_logged_once_when_it_is_ours(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Editors send ``workspace/didChangeConfiguration`` on every change of any setting
    (VS Code, Neovim): pygls logged "Ignoring notification for unknown method" as a
    warning each time. The server reads no editor settings (the repository's
    configuration file says how it checks), so only a change to a ``replylint`` section
    is worth a word, once: that those settings are not read, and what is."""
    server, sent, _ = server_with(lambda *args, **kwargs: None, tmp_path)
    changes: list[Any] = [
        None,
        {"editor": {"tabSize": 2}},
        {"replylint": {"select": ["jargon"]}},
        {"replylint": {"select": ["jargon", "greeting"]}},
        {"replylint": {}},
    ]

    async def notify() -> None:
        for settings in changes:
            data = {"jsonrpc": "2.0", "method": types.WORKSPACE_DID_CHANGE_CONFIGURATION}
            message = server.protocol.structure_message({**data, "params": {"settings": settings}})
            server.protocol.handle_message(message)
        await asyncio.sleep(0.1)

    with caplog.at_level(logging.INFO):
        asyncio.run(notify())
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert len(said) == 1, said
    assert "the editor's replylint settings are not read" in said[0]
    assert ".replylint.toml" in said[0] and "--config" in said[0]
    assert sent.messages == []  # nothing for the editor to show


def test_a_message_before_initialize_is_refused_as_the_protocol_says(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A request before ``initialize`` was answered with an internal error (-32603) that
    carried pygls's Python traceback ("RuntimeError: The workspace is not available"),
    with the traceback in the log too; the protocol says to answer ServerNotInitialized
    (-32002), and to drop a notification (``exit`` aside)."""
    server = create_server(LinterCache(isolated=True), debounce=0)
    sent = Sent()
    server.protocol.set_writer(sent, include_headers=False)
    uri = "file:///macros/refund.txt"
    messages: list[dict[str, Any]] = [
        {"id": 1, "method": types.TEXT_DOCUMENT_HOVER,
         "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}},
        {"method": types.TEXT_DOCUMENT_DID_OPEN,
         "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                     "text": "Hi Sam"}}},
        {"id": 2, "method": types.SHUTDOWN},
    ]  # fmt: skip

    async def receive() -> None:
        for message in messages:
            data = {"jsonrpc": "2.0", **message}
            server.protocol.handle_message(server.protocol.structure_message(data))
        await asyncio.sleep(0.1)

    with caplog.at_level(logging.WARNING):
        asyncio.run(receive())
    answers = {m["id"]: m for m in sent.messages if "id" in m}
    assert set(answers) == {1, 2}
    for answer in answers.values():
        assert answer["error"]["code"] == -32002
        assert "initialize first" in answer["error"]["message"]
        assert "data" not in answer["error"]  # no traceback for the client
    assert [m for m in sent.messages if "id" not in m] == []  # nothing published
    assert "Traceback" not in caplog.text
    assert f"{types.TEXT_DOCUMENT_DID_OPEN} before initialize was ignored" in caplog.text


def test_params_that_do_not_fit_are_told_which(tmp_path: Path) -> None:
    """A hand-written client's hover without its position, or with a line of -1, was
    answered "Invalid Params", and no more: which param, and what was wrong with it,
    was only in the server's log, as a traceback."""
    server, sent, uri = server_with(lambda *args, **kwargs: None, tmp_path)
    document = {"textDocument": {"uri": uri}}
    requests: list[dict[str, Any]] = [
        {"id": 1, "method": types.TEXT_DOCUMENT_HOVER, "params": document},
        {"id": 2, "method": types.TEXT_DOCUMENT_HOVER,
         "params": {**document, "position": {"line": -1, "character": 0}}},
        {"id": 3, "method": types.TEXT_DOCUMENT_CODE_ACTION,
         "params": {**document, "range": "0:0"}},
    ]  # fmt: skip
    for request in requests:
        server.protocol.structure_message({"jsonrpc": "2.0", **request})
    errors = {m["id"]: m["error"] for m in sent.messages}
    assert {e["code"] for e in errors.values()} == {-32602}
    assert "required field missing @ $.params.position" in errors[1]["message"]
    assert (
        "Position.line should be in range [0:2147483647], but was -1 @ $.params.position"
        in (errors[2]["message"])
    )
    assert "$.params.range" in errors[3]["message"]
    assert "$.params.context" in errors[3]["message"]


@pytest.mark.parametrize("edit", ["whole text", "range"])
def test_a_change_older_than_the_text_held_is_ignored(
    edit: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A ``didChange`` whose version is older than the document's (one a client sent
    late, after a newer one) was applied over the newer text, and took its version:
    the diagnostics then described a text the editor no longer showed. It is ignored
    now, with a debug line in the log; an edit of a range too, which applied at the
    newer text's offsets would even corrupt it."""
    server, sent, uri = server_with(
        lambda *a, **k: SimpleNamespace(findings=(), notices=(), below_confidence=0), tmp_path
    )
    here = {"line": 0, "character": 6}
    stale: dict[str, Any] = (
        {"text": "Hi Sam, old"}
        if edit == "whole text"
        else {"range": {"start": here, "end": here}, "text": ", old"}
    )

    def change(version: int, content: dict[str, Any]) -> dict[str, Any]:
        return {
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [content],
            },
        }

    async def session() -> None:
        receive = _receiver(server)
        receive(change(3, {"text": "Hi Sam, new"}))
        receive(change(2, stale))  # sent before version 3, arrived after it
        await asyncio.sleep(0.1)

    with caplog.at_level(logging.DEBUG, logger="replylint.lsp.server"):
        asyncio.run(session())
    document = server.workspace.get_text_document(uri)
    assert (document.source, document.version) == ("Hi Sam, new", 3)
    assert "version 2 of" in caplog.text and "older than version 3" in caplog.text
    published = sent.of(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [p["version"] for p in published] == [3]

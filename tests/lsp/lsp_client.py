"""A real language-server session for the tests: ``python -m replylint lsp`` started as
an editor starts it, spoken to over stdio by pygls's client (Content-Length framed
JSON-RPC), from synchronous tests.

The client's event loop runs in a thread of its own; a test calls :meth:`Session.call`
to run one coroutine on it and waits for notifications (diagnostics, messages) with
:meth:`Session.wait_for`. One server serves the whole module (starting one loads spaCy).
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.client import LanguageClient

T = TypeVar("T")
#: Long enough for a cold start on a busy 2-core machine; a passing run takes far less.
TIMEOUT = 30.0


class Session:
    """A client connected to a running ``replylint lsp``."""

    def __init__(self, cwd: Path, *server_args: str) -> None:
        self.cwd = cwd
        self.notifications: list[tuple[str, Any]] = []
        self._changed = threading.Condition()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.client = LanguageClient("replylint-tests", "1")
        for method in (types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, types.WINDOW_SHOW_MESSAGE):
            self.client.feature(method)(self._recorder(method))
        self.call(
            self.client.start_io(sys.executable, "-m", "replylint", "lsp", *server_args, cwd=cwd)
        )
        self.versions: dict[str, int] = {}
        self.initialize_result: types.InitializeResult | None = None

    def _recorder(self, method: str) -> Callable[[Any], None]:
        def record(params: Any) -> None:
            with self._changed:
                self.notifications.append((method, params))
                self._changed.notify_all()

        return record

    def call(self, coroutine: Coroutine[Any, Any, T], timeout: float = TIMEOUT) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def notify(self, send: Callable[[], None]) -> None:
        """Send a notification from the client's loop (pygls writes from there)."""

        async def run() -> None:
            send()

        self.call(run())

    def wait_for(
        self, method: str, matches: Callable[[Any], bool], timeout: float = TIMEOUT
    ) -> Any:
        """The first notification of ``method`` (received so far or later) that
        ``matches``; fails the test when none comes within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        seen = 0
        with self._changed:
            while True:
                for received, params in self.notifications[seen:]:
                    if received == method and matches(params):
                        return params
                seen = len(self.notifications)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no matching {method} within {timeout} s")
                self._changed.wait(left)

    def mark(self) -> int:
        """Where the notifications received so far end (to wait only for later ones)."""
        with self._changed:
            return len(self.notifications)

    def diagnostics(self, uri: str, after: int, version: int | None = None) -> list[Any]:
        """The next diagnostics published for ``uri`` after ``mark()`` was ``after``
        (for ``version`` when given)."""

        def fresh(params: Any) -> bool:
            return (
                params.uri == uri
                and (version is None or params.version == version)
                and any(p is params for _, p in self.notifications[after:])
            )

        result = self.wait_for(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, fresh)
        return list(result.diagnostics)

    # -- the editor's side of the protocol ---------------------------------------------

    def initialize(self) -> types.InitializeResult:
        """initialize (as an editor that renders Markdown hovers), then initialized."""
        result = self.call(
            self.client.initialize_async(
                types.InitializeParams(
                    process_id=None,
                    root_uri=self.cwd.as_uri(),
                    capabilities=types.ClientCapabilities(
                        text_document=types.TextDocumentClientCapabilities(
                            hover=types.HoverClientCapabilities(
                                content_format=[types.MarkupKind.Markdown]
                            )
                        )
                    ),
                )
            )
        )
        self.notify(lambda: self.client.initialized(types.InitializedParams()))
        self.initialize_result = result
        return result

    def open(self, path: Path, text: str, language_id: str = "plaintext") -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        item = types.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=text)
        self.notify(
            lambda: self.client.text_document_did_open(
                types.DidOpenTextDocumentParams(text_document=item)
            )
        )
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        version = self.versions[uri]
        params = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
        self.notify(lambda: self.client.text_document_did_change(params))
        return version

    def save(self, path: Path) -> None:
        """The editor saved ``path`` (a file the session need not have opened)."""
        params = types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri())
        )
        self.notify(lambda: self.client.text_document_did_save(params))

    def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        return self.call(
            self.client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=line, character=character),
                )
            )
        )

    def code_actions(self, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        result = self.call(
            self.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=diagnostic.range,
                    context=types.CodeActionContext(diagnostics=[diagnostic]),
                )
            )
        )
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    def close(self) -> int | None:
        """shutdown, exit, and the server's exit code."""
        self.call(self.client.shutdown_async(None))
        self.notify(lambda: self.client.exit(None))
        self.call(self.client.stop())
        server = self.client._server
        return server.returncode if server is not None else None

    def kill(self) -> None:
        """Stop the server if it still runs, and the client's loop (idempotent)."""
        server = self.client._server
        if server is not None and server.returncode is None:
            server.kill()
            self.call(self.client.stop(), timeout=10)
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)

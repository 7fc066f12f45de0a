"""The language server: pygls wiring between the editor and the linter.

- Diagnostics on open, change (debounced: one check after the typing pauses) and save,
  with the configuration that applies to the document's folder, in template mode (a
  macro repository's files are templates) unless that configuration says
  ``template = false`` (:mod:`replylint.lsp.linters`).
- Hover over a finding shows its rule's ``replylint explain`` text.
- A code action per finding writes the suppression directive for it
  (:mod:`replylint.lsp.actions`).

Checks run in worker threads, so the protocol keeps answering while spaCy works; a
result for a text the editor has since changed is dropped, never published. Nothing
that goes wrong in a check stops the server: a configuration error or a failure becomes
one diagnostic on the document and one message in the editor.

Documents are synchronised in full (the editor sends the whole text on each change):
macros are short, and pygls applies incremental edits by ``str.splitlines`` lines, which
also break at U+2028 and form feeds where the editor's lines do not, so a pasted reply
holding one would be edited at the wrong place.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import RPCMessage, RPCRequest
from pygls.uris import to_fs_path

from replylint import __version__
from replylint.configfile import CONFIG_FILES
from replylint.linter import InputError
from replylint.lsp.actions import suppression_fixes
from replylint.lsp.diagnostics import (
    Published,
    contains,
    finding_diagnostics,
    overlaps,
    setup_diagnostic,
)
from replylint.lsp.explain import hover_text
from replylint.lsp.filetypes import FileType, file_type
from replylint.lsp.linters import LinterCache, SetupError, template_mode
from replylint.lsp.positions import UTF16, LineIndex
from replylint.rule import Rule

#: Saved files that may be a rule pack a configuration names (YAML; a pack's name is free).
PACK_SUFFIXES = frozenset({".yaml", ".yml"})

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checked:
    """What was last published for a document: the text checked, its diagnostics, and
    the rules that produced them (for hover)."""

    text: str
    published: list[Published]
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Outcome:
    """One check's result; ``error`` is also shown to the user as a message."""

    published: list[Published]
    rules: tuple[Rule, ...] = ()
    error: str | None = None


class ReplylintProtocol(LanguageServerProtocol):
    """pygls's protocol, answering a request that comes after ``shutdown``.

    pygls (2.1) drops every message after ``shutdown`` but ``exit`` without a word, so a
    client that sends one more request waits for its answer forever; the protocol says
    to answer it with an ``InvalidRequest`` error. Notifications are still dropped."""

    def handle_message(self, message: RPCMessage) -> None:
        if self._shutdown and isinstance(message, RPCRequest):  # ``exit`` is a notification
            error = JsonRpcInvalidRequest(message="the server is shutting down")
            self._send_response(message.id, error=error.to_response_error())
            return
        super().handle_message(message)


class ReplylintServer(LanguageServer):
    """The server and its per-session state (no module-level state: a test may run
    several)."""

    def __init__(self, linters: LinterCache, debounce: float) -> None:
        super().__init__(
            "replylint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=ReplylintProtocol,
        )
        self.linters = linters
        self.debounce = debounce
        self.checked: dict[str, Checked] = {}
        self.shutdown_requested = False
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._last_error: str | None = None
        self._background: set[asyncio.Task[object]] = set()

    # -- scheduling ----------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing a check not yet published:
        typing restarts the wait, so a burst of changes costs one check."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        task = asyncio.ensure_future(self.check_document(uri, delay))
        self._pending[uri] = task
        task.add_done_callback(lambda done: self._forget(uri, done))

    def forget(self, uri: str) -> None:
        """A closed document: no check pending, no diagnostics left in the editor."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.checked.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def warm_up(self) -> None:
        """Build the linter for the current folder's configuration before the first
        document arrives (loading the language pipeline takes seconds)."""
        task: asyncio.Task[object] = asyncio.ensure_future(asyncio.to_thread(self._warm_up))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _warm_up(self) -> None:
        try:
            self.linters.linter_for(None)
        except Exception:  # reported when a document is checked with it
            logger.debug("warm-up failed", exc_info=True)

    def _forget(self, uri: str, task: asyncio.Task[None]) -> None:
        if self._pending.get(uri) is task:
            del self._pending[uri]

    async def check_document(self, uri: str, delay: float = 0) -> None:
        """Check an open document after ``delay`` seconds and publish its diagnostics,
        unless it changed meanwhile."""
        if delay > 0:
            await asyncio.sleep(delay)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        path = _path(uri)
        kind = file_type(str(path) if path is not None else None, document.language_id)
        if kind is None:
            return
        version, text = document.version, document.source
        encoding = str(self.workspace.position_encoding or UTF16)
        try:
            outcome = await asyncio.to_thread(self._check, path, text, kind, encoding)
        except Exception as exc:  # a bug in replylint or a plugin: say so, keep serving
            logger.exception("checking %s failed", uri)
            message = f"replylint failed on this file ({type(exc).__name__}: {exc}); see the log"
            outcome = Outcome([setup_diagnostic(message)], error=message)
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version or current.source != text:
            return  # changed while being checked: the check of the new text publishes
        self._report(outcome.error)
        self.checked[uri] = Checked(text, outcome.published, outcome.rules)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[p.diagnostic for p in outcome.published], version=version
            )
        )

    def _check(self, path: Path | None, text: str, kind: FileType, encoding: str) -> Outcome:
        """Runs in a worker thread (the linter is thread-safe)."""
        try:
            linter = self.linters.linter_for(path)
        except SetupError as exc:
            return Outcome([setup_diagnostic(str(exc))], error=str(exc))
        if not text.strip():
            return Outcome([], linter.rules)  # a new, empty macro: nothing to say yet
        try:
            report = linter.check(
                text, input_format=kind.input_format, template=template_mode(linter.config)
            )
        except InputError as exc:  # e.g. over max-reply-chars: the file is not checked
            return Outcome([setup_diagnostic(str(exc), error=False)], linter.rules)
        index = LineIndex(text, encoding)
        return Outcome(finding_diagnostics(list(report.findings), index), linter.rules)

    def _report(self, error: str | None) -> None:
        """Show an error once, not on every keystroke while it lasts."""
        if error is not None and error != self._last_error:
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"replylint: {error}")
            )
        self._last_error = error

    # -- requests ------------------------------------------------------------------------

    def hover_at(self, uri: str, position: types.Position) -> types.Hover | None:
        checked = self.checked.get(uri)
        if checked is None:
            return None
        hits = [
            p for p in checked.published if p.finding and contains(p.diagnostic.range, position)
        ]
        rule_ids = list(dict.fromkeys(p.finding.rule for p in hits if p.finding))
        markdown = _client_reads_markdown(self.client_capabilities)
        text = hover_text(checked.rules, rule_ids, markdown=markdown)
        if text is None:
            return None
        kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
        return types.Hover(
            contents=types.MarkupContent(kind=kind, value=text), range=hits[0].diagnostic.range
        )

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        only = params.context.only
        if only and not any(
            types.CodeActionKind.QuickFix.value.startswith(k) or k == "" for k in only
        ):
            return []
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        document = self.workspace.text_documents.get(uri)
        if checked is None or document is None or document.source != checked.text:
            return []  # the findings are of an older text: their offsets no longer fit
        path = _path(uri)
        kind = file_type(str(path) if path is not None else None, document.language_id)
        if kind is None:
            return []
        index = LineIndex(checked.text, str(self.workspace.position_encoding or UTF16))
        actions: dict[tuple[str, int, int, str], types.CodeAction] = {}
        for published in checked.published:
            finding = published.finding
            if finding is None or not overlaps(published.diagnostic.range, params.range):
                continue
            for fix in suppression_fixes(checked.text, finding, kind):
                key = (fix.title, fix.start, fix.end, fix.new_text)
                if key in actions:
                    action = actions[key]
                    action.diagnostics = [*(action.diagnostics or []), published.diagnostic]
                    continue
                start, end = index.position(fix.start), index.position(fix.end)
                edit = types.TextEdit(
                    range=types.Range(
                        start=types.Position(line=start[0], character=start[1]),
                        end=types.Position(line=end[0], character=end[1]),
                    ),
                    new_text=fix.new_text,
                )
                actions[key] = types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[published.diagnostic],
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                    is_preferred=fix.preferred,
                )
        return list(actions.values())


def create_server(linters: LinterCache, debounce: float = 0.3) -> ReplylintServer:
    """A server with its features registered (not yet started)."""
    server = ReplylintServer(linters, debounce)

    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        server.warm_up()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, server.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path(uri)
        if path is not None and (path.name in CONFIG_FILES or path.suffix.lower() in PACK_SUFFIXES):
            # the configuration, or a rule pack it may name, changed: check all again
            for open_uri in list(server.workspace.text_documents):
                server.schedule(open_uri, 0)
        else:
            server.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        server.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        return server.hover_at(params.text_document.uri, params.position)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        return server.code_actions(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(params: None) -> None:
        server.shutdown_requested = True

    return server


def serve(
    *, config: Path | None, isolated: bool, debounce: float, stdin: BinaryIO, stdout: BinaryIO
) -> int:
    """Run the server on ``stdin``/``stdout`` until the editor says ``exit``; 0 after a
    proper ``shutdown``, 1 otherwise (as the protocol asks)."""
    server = create_server(LinterCache(config=config, isolated=isolated), debounce)
    server.start_io(stdin, stdout)
    return 0 if server.shutdown_requested else 1


def _path(uri: str) -> Path | None:
    """The file a ``file:`` URI names; None for an unsaved buffer (``untitled:``)."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _client_reads_markdown(capabilities: types.ClientCapabilities) -> bool:
    document = capabilities.text_document
    hover = document.hover if document is not None else None
    formats = hover.content_format if hover is not None else None
    return bool(formats) and types.MarkupKind.Markdown in (formats or [])

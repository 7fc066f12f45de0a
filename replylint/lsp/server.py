"""The language server: pygls wiring between the editor and the linter.

- Diagnostics on open, change (debounced: one check after the typing pauses) and save,
  with the configuration that applies to the document's folder, in template mode (a
  macro repository's files are templates) unless that configuration says
  ``template = false`` (:mod:`replylint.lsp.linters`).
- Hover over a finding shows its rule's ``replylint explain`` text.
- A code action per finding writes the suppression directive for it
  (:mod:`replylint.lsp.actions`).

Checks run in worker threads, so the protocol keeps answering while spaCy works; a
result for a text the editor has since changed is dropped, never published. A document
has one check running at a time, and a check waits for the running one and then reads
the newest text: a check superseded by a newer version before it starts never runs
(while typing in a long macro, stale checks piled up and the last one finished seconds
after the typing stopped). The worker threads are daemon threads: ``exit`` does not wait
for a check in flight, whose result no one will read (a check only reads and computes). Nothing
that goes wrong in a check stops the server: a configuration error or a failure becomes
one diagnostic on the document and one message in the editor.

Documents are synchronised in full (the editor sends the whole text on each change):
macros are short, and pygls applies incremental edits by ``str.splitlines`` lines, which
also break at U+2028 and form feeds where the editor's lines do not, so a pasted reply
holding one would be edited at the wrong place. A client that sends edits of ranges anyway
has them applied by :mod:`replylint.lsp.edits` (pygls would take an edit's text for the
whole document).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar
from urllib.parse import unquote, urlsplit

from cattrs import ClassValidationError, transform_error
from cattrs.v import format_exception
from lsprotocol import types
from pygls import server as pygls_server
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcServerNotInitialized,
)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.protocol.json_rpc import RPCMessage, RPCRequest
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from replylint import __version__
from replylint.configfile import CONFIG_FILES
from replylint.inputs import is_hidden
from replylint.language import load_in_background
from replylint.linter import InputError
from replylint.lsp.actions import suppression_fixes
from replylint.lsp.diagnostics import (
    Published,
    contains,
    finding_diagnostics,
    notice_diagnostics,
    overlaps,
    saved_diagnostic,
    setup_diagnostic,
)
from replylint.lsp.edits import apply_changes
from replylint.lsp.explain import hover_text
from replylint.lsp.filetypes import FileType, file_type
from replylint.lsp.jsonrpc import (
    INVALID_REQUEST,
    PARSE_ERROR,
    UNREADABLE,
    Invalid,
    error_response,
    invalid,
    unreadable_message,
)
from replylint.lsp.linters import LinterCache, SetupError, template_mode
from replylint.lsp.positions import UTF16, LineIndex
from replylint.lsp.saved import unreadable_as_saved
from replylint.rule import Rule

#: The URI schemes of the documents checked: the user's files, and buffers not saved
#: yet (VS Code's ``untitled:``). An editor opens others too, which are no macro the
#: user edits: the committed side of a diff view (``git:``, GitLens's ``gitlens:``, a
#: pull request's), an output panel (``output:``), a notebook cell, a settings file
#: (``vscode-userdata:``), a remote repository browsed read-only (``vscode-vfs:``).
#: Checked as unsaved buffers, a macro open in a diff view had each finding twice.
CHECKED_SCHEMES = frozenset({"file", "untitled"})
#: Saved files that may be a rule pack a configuration names (YAML; a pack's name is free).
PACK_SUFFIXES = frozenset({".yaml", ".yml"})

logger = logging.getLogger(__name__)
T = TypeVar("T")
#: What :meth:`ReplylintProtocol.structure_message` makes of a request it could not
#: read and has answered with an error: nothing left to handle.
_ANSWERED: Any = object()


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Documents changed without being opened, already told of (:meth:`_never_opened`),
        #: by their percent-decoded URI (as pygls keeps documents); until opened again.
        self._told_unopened: set[str] = set()

    def structure_message(self, data: dict[str, Any]) -> Any:
        """pygls's own, reading a message into the protocol's types; a request whose
        params do not fit its method (a hover without its position, a code action
        without its context: a hand-written client's slip) is answered with the error,
        saying which params and what is wrong with them. pygls only logged it (a
        traceback) and showed "Error in server: Invalid Params", leaving the request
        unanswered, so the client waited for its answer forever.

        A message that is no JSON-RPC 2.0 message (:func:`~replylint.lsp.jsonrpc.invalid`)
        is kept as its :class:`~replylint.lsp.jsonrpc.Invalid`, answered in
        :meth:`handle_message`; a request without params for a method no one handles gets
        its Method not found (pygls failed to read it: an Internal error). A dict without
        ``"jsonrpc"`` is left as it is: pygls reads every object of a message here, its
        params' first, and those are plain JSON."""
        if "jsonrpc" in data:
            problem = invalid(data)
            if problem is not None:
                return problem
            method = data.get("method")
            if method is not None and "params" not in data and not self.get_message_type(method):
                data = {**data, "params": None}  # params may be left out (JSON-RPC 2.0)
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "method" not in data or "id" not in data:
                raise  # a notification: nothing to answer (pygls shows the error)
            error = exc
            if isinstance(exc.__cause__, ClassValidationError):  # say which params
                problems = "; ".join(transform_error(exc.__cause__, format_exception=_why))
                error = JsonRpcInvalidParams(message=f"Invalid Params: {problems}")
            self._send_response(data["id"], error=error.to_response_error())
            return _ANSWERED

    def handle_message(self, message: RPCMessage) -> None:
        if message is _ANSWERED:
            return
        if isinstance(message, Invalid):
            self._refuse(message)
            return
        if isinstance(message, dict | list | str | int | float) or message is None:
            self._refuse(invalid(message) or Invalid(None, "not a JSON-RPC message"))
            return  # JSON, but no message: no "jsonrpc" (pygls read none), an array...
        method = getattr(message, "method", None)
        if self._workspace is None and method not in (types.INITIALIZE, types.EXIT):
            self._before_initialize(message, str(method))
            return
        if self._shutdown and isinstance(message, RPCRequest):  # ``exit`` is a notification
            error = JsonRpcInvalidRequest(message="the server is shutting down")
            self._send_response(message.id, error=error.to_response_error())
            return
        super().handle_message(message)

    def _refuse(self, problem: Invalid) -> None:
        """Answer a message that is no JSON-RPC 2.0 message with Invalid Request, as the
        spec says (the request's id when it can be read, else null), and log it. pygls
        logged a traceback and showed "Error in server: ..." in the editor, and a client
        waiting for its request's answer waited forever."""
        logger.warning("an invalid JSON-RPC message was answered Invalid Request: %s", problem.why)
        self._send_data(
            error_response(INVALID_REQUEST, f"Invalid Request: {problem.why}", problem.id)
        )

    def answer_unreadable(self, error: BaseException) -> None:
        """Answer a body that cannot be read as JSON with Parse error and ``"id": null``
        (no id can be read from it), as JSON-RPC 2.0 says, and log it."""
        message = unreadable_message(error)
        logger.warning(
            "a message the client sent was answered %s (a bug in the client, not in replylint)",
            message,
        )
        self._send_data(error_response(PARSE_ERROR, message, None))

    def _before_initialize(self, message: RPCMessage, method: str) -> None:
        """A message before ``initialize`` (a hand-written client's slip): a request is
        answered ServerNotInitialized, as the protocol says, and a notification dropped,
        with a line in the log. pygls ran the request's handler, which failed to find the
        workspace: the client got an internal error carrying pygls's traceback."""
        if isinstance(message, RPCRequest):
            error = JsonRpcServerNotInitialized(
                message=f"the server is not initialized: send initialize first ({method})"
            )
            self._send_response(message.id, error=error.to_response_error())
            return
        logger.warning("a %s before initialize was ignored: send initialize first", method)

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(
        self, params: types.DidOpenTextDocumentParams
    ) -> Generator[Any, Any, None]:
        """pygls's own; an opened document is no longer one the user was told of, so a
        client that loses it again (closed, then changed without a new ``didOpen``) is
        told again: told once for the whole session, the second lapse went unchecked
        without a word."""
        self._told_unopened.discard(unquote(params.text_document.uri))
        yield from super().lsp_text_document__did_open(params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        """pygls's own, given the document's whole new text: a change sent as edits of
        ranges is applied at them (:mod:`replylint.lsp.edits`), where pygls took an
        edit's text for the whole document. A change to a version older than the one
        held (sent before a newer one, arrived after it) is ignored: pygls applied it
        over the newer text and took its version, so the diagnostics described a text
        the editor no longer showed (and an edit of a range, applied at the newer text's
        offsets, garbled it)."""
        uri = params.text_document.uri
        changes = params.content_changes
        document = self.workspace.text_documents.get(unquote(uri))
        if document is None:
            if not self._adopt(params):
                self._never_opened(uri)
                return
            document = self.workspace.text_documents[unquote(uri)]
        elif document.version is not None and params.text_document.version < document.version:
            logger.debug(
                "a change making version %d of %s, older than version %d held, was ignored",
                params.text_document.version,
                uri,
                document.version,
            )
            return
        if any(isinstance(change, types.TextDocumentContentChangePartial) for change in changes):
            encoding = str(self.workspace.position_encoding or UTF16)
            whole = types.TextDocumentContentChangeWholeDocument(
                text=apply_changes(document.source, changes, encoding)
            )
            params = types.DidChangeTextDocumentParams(
                text_document=params.text_document, content_changes=[whole]
            )
        yield from super().lsp_text_document__did_change(params)

    def _adopt(self, params: types.DidChangeTextDocumentParams) -> bool:
        """Take a document the editor never opened to the server (one restored after the
        server restarted, without ``didOpen``) as opened, when the change holds its whole
        text, as the server asks for: that is all a check needs, and the editor, which
        holds the document open, will close it. Its file name says how it is read (no
        language id came). False for an edit of a range (there is no text to edit) or a
        document with no file (only a language id would say whether it is a macro)."""
        uri = params.text_document.uri
        whole = types.TextDocumentContentChangeWholeDocument
        if not uri.startswith("file:") or not any(
            isinstance(change, whole) for change in params.content_changes
        ):
            return False
        logger.info("a change to %s, which was never opened, opens it", uri)
        document = types.TextDocumentItem(
            uri=uri, language_id="", version=params.text_document.version, text=""
        )  # the text: the changes, applied next
        self.workspace.put_text_document(document)
        self._told_unopened.discard(unquote(uri))
        return True

    def _never_opened(self, uri: str) -> None:
        """A change to a document the editor never opened (one restored after the server
        restarted, without ``didOpen``): pygls answered it with "Error in server:
        KeyError: 'file:///...'". Said once per document (however its URI is encoded)
        until it is opened, with what to do: not on every keystroke."""
        if unquote(uri) in self._told_unopened:
            return
        self._told_unopened.add(unquote(uri))
        logger.warning("a change to %s, which was never opened, was ignored", uri)
        message = (
            f"replylint: {uri} is not checked: the editor changed it without opening it "
            "to the server (no textDocument/didOpen); close and reopen the file"
        )
        self.notify(
            types.WINDOW_SHOW_MESSAGE,
            types.ShowMessageParams(type=types.MessageType.Warning, message=message),
        )


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
        #: The check running in a thread for each document (at most one).
        self._running: dict[str, asyncio.Future[Outcome | None]] = {}
        #: The error each document's last check gave, shown once while any lasts.
        self._errors: dict[str, str] = {}
        self._background: set[asyncio.Future[object]] = set()
        #: Whether the log has said that the editor's ``replylint`` settings are not read.
        self._told_settings = False

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls's own, but a body its reader could not read as JSON (``source`` is the
        reader's :class:`JsonRpcException`) is the client's error, answered Parse error
        (:meth:`ReplylintProtocol.answer_unreadable`): pygls showed the user "Error in
        server: Expecting ',' delimiter..." and answered nothing."""
        if source is JsonRpcException and isinstance(error, UNREADABLE):
            protocol = self.protocol
            assert isinstance(protocol, ReplylintProtocol)
            protocol.answer_unreadable(error)
            return
        super().report_server_error(error, source)

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
        self._errors.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def warm_up(self) -> None:
        """Build the linter for the current folder's configuration before the first
        document arrives (loading the language pipeline takes seconds)."""
        task: asyncio.Future[object] = _in_thread(self._warm_up)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _warm_up(self) -> None:
        load_in_background()  # a terse draft, or one in another language, needs it
        try:
            self.linters.linter_for(None)
        except Exception:  # reported when a document is checked with it
            logger.debug("warm-up failed", exc_info=True)

    def watch_settings(self) -> None:
        """Ask the client to report changes to the configuration files and rule packs
        (``workspace/didChangeWatchedFiles``), when it can watch files. An editor sends
        the server only the documents of the languages it was set up for, so the save of
        a ``.replylint.toml`` never came: after a broken configuration was fixed, every
        open macro kept its error until it was next edited."""
        workspace = self.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        globs = [f"**/{name}" for name in CONFIG_FILES] + [f"**/*{s}" for s in PACK_SUFFIXES]
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in sorted(globs)]
        )
        registration = types.Registration(
            id="replylint-settings",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        self.client_register_capability(types.RegistrationParams(registrations=[registration]))

    def editor_settings(self, settings: Any) -> None:
        """The editor's settings changed (``workspace/didChangeConfiguration``). Editors
        send it on every change of any setting, and the server reads none of them: the
        repository's configuration file says how it checks. So it is ignored without a
        word (pygls logged a warning each time), unless it holds a ``replylint`` section:
        a user who wrote one expects it to apply, and is told once, in the log, that it
        does not and what does."""
        ours = settings.get("replylint") if isinstance(settings, dict) else None
        if ours is None or self._told_settings:
            return
        self._told_settings = True
        logger.warning(
            "the editor's replylint settings are not read (nor any other): the server "
            "checks with the repository's configuration file (.replylint.toml, "
            "replylint.toml or pyproject.toml's [tool.replylint], found from each "
            "document's folder) and its own flags (--config, --isolated, --debounce)"
        )

    def recheck_all(self) -> None:
        """Check every open document again at once (its settings may have changed)."""
        for uri in self.open_uris():
            self.schedule(uri, 0)

    def document(self, uri: str) -> TextDocument | None:
        """The open document ``uri`` names, or None. pygls keeps its documents under the
        percent-decoded URI, while an editor sends it encoded (a space as ``%20``, ``é``
        as ``%C3%A9``, VS Code on Windows the drive's colon as ``%3A``): looked up as sent,
        such a file was never checked, and the editor showed no findings for it."""
        documents: dict[str, TextDocument] = self.workspace.text_documents
        return documents.get(unquote(uri))

    def open_uris(self) -> list[str]:
        """The open documents' URIs as the editor sent them (the server's other state
        and the diagnostics it publishes use those)."""
        return [document.uri for document in self.workspace.text_documents.values()]

    def _forget(self, uri: str, task: asyncio.Task[None]) -> None:
        if self._pending.get(uri) is task:
            del self._pending[uri]

    async def check_document(self, uri: str, delay: float = 0) -> None:
        """Check an open document after ``delay`` seconds and publish its diagnostics,
        unless it changed meanwhile. A check of the same document still running is waited
        for first (this task is cancelled meanwhile if a newer change comes), so only the
        newest text is checked, one check at a time."""
        if delay > 0:
            await asyncio.sleep(delay)
        running = self._running.get(uri)
        if running is not None:
            await asyncio.wait([running])
        document = self.document(uri)
        if document is None:
            return
        path = _path(uri)
        kind = self.macro_type(uri, document.language_id)
        if kind is None:
            if self.checked.pop(uri, None) is not None:  # newly excluded: clear its findings
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
                )
            return
        version, text = document.version, document.source
        encoding = str(self.workspace.position_encoding or UTF16)

        def current() -> bool:  # read from the check's thread: one dict look-up
            now = self.document(uri)
            return now is not None and now.version == version

        future = _in_thread(lambda: self._check(path, text, kind, encoding, current))
        self._running[uri] = future
        future.add_done_callback(lambda done: self._finished(uri, done))
        try:
            # shielded: a newer change cancels this task, never the check it waits for,
            # which the next check waits for in turn
            outcome = await asyncio.shield(future)
        except Exception as exc:  # a bug in replylint or a plugin: say so, keep serving
            logger.exception("checking %s failed", uri)
            message = f"replylint failed on this file ({type(exc).__name__}: {exc}); see the log"
            outcome = Outcome([setup_diagnostic(message)], error=message)
        latest = self.document(uri)
        if outcome is None or latest is None or latest.version != version or latest.source != text:
            return  # changed while being checked: the check of the new text publishes
        self._report(uri, outcome.error)
        self.checked[uri] = Checked(text, outcome.published, outcome.rules)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[p.diagnostic for p in outcome.published], version=version
            )
        )

    def _finished(self, uri: str, future: asyncio.Future[Outcome | None]) -> None:
        if self._running.get(uri) is future:
            del self._running[uri]

    def macro_type(self, uri: str, language_id: str | None) -> FileType | None:
        """How a document is checked, or None when it is no macro: it is neither a file
        nor an unsaved buffer (:data:`CHECKED_SCHEMES`), its name is none that
        ``replylint check DIR`` picks, it is hidden or in a hidden folder
        (``.github/PULL_REQUEST_TEMPLATE.md``: :func:`~replylint.inputs.is_hidden`, from
        its repository's top, else from the workspace folder), or its configuration's
        ``exclude`` leaves it out (as ``check DIR`` and the pre-commit hook do)."""
        if urlsplit(uri).scheme.lower() not in CHECKED_SCHEMES:
            return None
        path = _path(uri)
        kind = file_type(str(path) if path is not None else None, language_id)
        if kind is None or self.linters.excludes(path):
            return None
        if path is not None and is_hidden(path, self._workspace_folder(path)):
            return None
        return kind

    def _workspace_folder(self, path: Path) -> Path | None:
        """The editor's folder holding ``path`` (the deepest, when the workspace has
        several), or None."""
        uris = [folder.uri for folder in self.workspace.folders.values()]
        roots = [to_fs_path(uri) for uri in uris] + [self.workspace.root_path]
        holding = [Path(root) for root in roots if root and path.is_relative_to(root)]
        return max(holding, key=lambda root: len(root.parts), default=None)

    def _check(
        self,
        path: Path | None,
        text: str,
        kind: FileType,
        encoding: str,
        current: Callable[[], bool] = lambda: True,
    ) -> Outcome | None:
        """Runs in a worker thread (the linter is thread-safe). None, without checking,
        when the text is no longer ``current`` by the time the linter is ready (building
        one loads the language pipeline, which takes seconds)."""
        try:
            linter = self.linters.linter_for(path)
        except SetupError as exc:
            return Outcome([setup_diagnostic(str(exc))], error=str(exc))
        if not current():
            return None  # superseded: the check of the newer text will publish
        # the file as the pre-commit hook reads it: one the editor decoded by a guess
        # would pass here and fail there (see replylint.lsp.saved)
        saved = [saved_diagnostic(why) for why in [unreadable_as_saved(path)] if why]
        if not text.strip():
            return Outcome(saved, linter.rules)  # a new, empty macro: nothing to say yet
        try:
            report = linter.check(
                text, input_format=kind.input_format, template=template_mode(linter.config)
            )
        except InputError as exc:  # e.g. over max-reply-chars: the file is not checked
            return Outcome([*saved, setup_diagnostic(str(exc), error=False)], linter.rules)
        index = LineIndex(text, encoding)
        published = finding_diagnostics(list(report.findings), index)
        notices = notice_diagnostics(list(report.notices), report.below_confidence)
        return Outcome(saved + published + notices, linter.rules)

    def _report(self, uri: str, error: str | None) -> None:
        """Show an error once, not on every keystroke while it lasts, nor again when a
        document of another repository was checked in between: it is shown when no
        open document's last check gave it."""
        if error is not None and error not in self._errors.values():
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"replylint: {error}")
            )
        if error is None:
            self._errors.pop(uri, None)
        else:
            self._errors[uri] = error

    # -- requests ------------------------------------------------------------------------

    def hover_at(self, uri: str, position: types.Position) -> types.Hover | None:
        """The explanation of the findings at ``position``; none while the text has
        changed since its last check (the ranges are the old text's: hover explained a
        finding over words that no longer had it)."""
        checked = self.checked.get(uri)
        document = self.document(uri)
        if checked is None or document is None or document.source != checked.text:
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
        document = self.document(uri)
        if checked is None or document is None or document.source != checked.text:
            return []  # the findings are of an older text: their offsets no longer fit
        kind = self.macro_type(uri, document.language_id)
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
        server.watch_settings()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, server.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_setting(_path(uri)):
            server.recheck_all()  # the configuration, or a rule pack it may name
        else:
            server.schedule(uri, 0)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_setting(_path(change.uri)) for change in params.changes):
            server.recheck_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration_changed(params: types.DidChangeConfigurationParams) -> None:
        server.editor_settings(params.settings)

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
    with _no_traceback_for_unreadable():
        server.start_io(stdin, stdout)
    return 0 if server.shutdown_requested else 1


class _AnsweredUnreadable(logging.Filter):
    """Drops pygls's record of a body it could not read as JSON ("Unable to handle
    message" with the decoder's traceback): the server answers it Parse error and logs
    one line saying so (:meth:`ReplylintProtocol.answer_unreadable`). A client's bug
    read in the editor's log as a crash of the server."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, UNREADABLE)


@contextlib.contextmanager
def _no_traceback_for_unreadable() -> Iterator[None]:
    """:class:`_AnsweredUnreadable` on pygls's reading loop's logger while the server
    runs, and off again after (the logger is pygls's, shared by the process)."""
    reading = logging.getLogger(pygls_server.__name__)
    quiet = _AnsweredUnreadable()
    reading.addFilter(quiet)
    try:
        yield
    finally:
        reading.removeFilter(quiet)


def _in_thread(function: Callable[[], T]) -> asyncio.Future[T]:
    """Run ``function`` in a daemon thread of its own; its result (or exception) is set
    on the running loop's future. Daemon, unlike ``asyncio.to_thread``'s pool, whose
    threads ``asyncio.run`` and the interpreter wait for at exit: an editor's ``exit``
    waited for a check of a long macro (seconds) that no one would read."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            result, error = function(), None
        except BaseException as exc:  # handed to the awaiting task
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: the server exits
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name="replylint-check", daemon=True).start()
    return future


def _why(exc: BaseException, type_: type | None) -> str:
    """What is wrong with one param, for an InvalidParams error: cattrs's words, but a
    validator's own message ("Position.line should be in range [0:2147483647], but was
    -1.") where cattrs says only "invalid value"."""
    if type(exc) is ValueError:
        return str(exc).rstrip(".")
    return format_exception(exc, type_)


def _path(uri: str) -> Path | None:
    """The file a ``file:`` URI names; None for an unsaved buffer (``untitled:``)."""
    if urlsplit(uri).scheme.lower() != "file":
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _is_setting(path: Path | None) -> bool:
    """May a change to this file change the checks: is it a configuration file, or a
    YAML file a configuration may name as a rule pack (a pack's name is free)?"""
    return path is not None and (path.name in CONFIG_FILES or path.suffix.lower() in PACK_SUFFIXES)


def _client_reads_markdown(capabilities: types.ClientCapabilities) -> bool:
    document = capabilities.text_document
    hover = document.hover if document is not None else None
    formats = hover.content_format if hover is not None else None
    return bool(formats) and types.MarkupKind.Markdown in (formats or [])

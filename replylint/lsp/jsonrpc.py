"""What JSON-RPC 2.0 calls a message, and the error answering one that is not.

The Language Server Protocol speaks JSON-RPC 2.0, which says what to answer a body that
is not JSON (Parse error, -32700) and JSON that is no request, notification or response
(Invalid Request, -32600): an error response whose ``id`` is the request's where it can
be read, and ``null`` where it cannot. pygls (2.1) answers neither: it logs the failure
and shows the user "Error in server: ...", so a hand-written client's malformed request
was never answered and the client waited for it. This module decides; the server
(:mod:`replylint.lsp.server`) sends the answer. Plain Python, no pygls.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

PARSE_ERROR = -32700
INVALID_REQUEST = -32600

#: The errors ``json.loads`` raises for a body that cannot be read as JSON (bytes that
#: are not UTF-8 fail to decode before they are parsed; nesting too deep exhausts the
#: parser's recursion).
UNREADABLE = (json.JSONDecodeError, UnicodeDecodeError, RecursionError)


@dataclass(frozen=True)
class Invalid:
    """A message that is no JSON-RPC 2.0 message: answered Invalid Request."""

    #: The id to answer with: the message's own when it was meant as a request and its
    #: id can be read (a client waits for that answer), else None (``null``).
    id: int | str | None
    why: str


def invalid(message: Any) -> Invalid | None:
    """Why ``message`` (a JSON value, a body as read) is no JSON-RPC 2.0 request,
    notification or response; None when it is one."""
    if isinstance(message, list):
        return Invalid(None, "a JSON array (a batch): send one message per Content-Length frame")
    if not isinstance(message, dict):
        return Invalid(None, f"{_kind(message)} is no JSON-RPC message (a JSON object)")
    ident = message.get("id")
    readable = isinstance(ident, int | str) and not isinstance(ident, bool)
    answer_to = ident if readable and "method" in message else None
    if message.get("jsonrpc") != "2.0":
        return Invalid(answer_to, 'a JSON-RPC 2.0 message must say "jsonrpc": "2.0"')
    if "method" in message:
        if not isinstance(message["method"], str):
            return Invalid(answer_to, '"method" must be a string')
        if "id" in message and not readable:
            return Invalid(None, '"id" must be a number or a string')
        return None
    if "id" not in message:
        return Invalid(
            None, 'neither "method" (a request or notification) nor "id" (a response) is given'
        )
    if "result" not in message and "error" not in message:
        return Invalid(None, 'a response ("id" without "method") needs a "result" or an "error"')
    return None


def error_response(code: int, message: str, ident: int | str | None) -> dict[str, Any]:
    """An error response, with ``"id": null`` written out when there is no id (clients
    such as VS Code's drop a response with no ``id`` at all)."""
    return {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}}


def unreadable_message(error: BaseException) -> str:
    """The Parse error's message for a body ``json.loads`` could not read."""
    if isinstance(error, UnicodeDecodeError):
        return f"Parse error: the message is not UTF-8 ({error})"
    if isinstance(error, RecursionError):
        return "Parse error: the message nests too deeply to be read"
    return f"Parse error: the message is not valid JSON ({error})"


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "a JSON string"
    if isinstance(value, bool) or value is None:
        return f"JSON {json.dumps(value)}"
    return "a JSON number"

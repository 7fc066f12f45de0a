"""A client's edit of a range of a document, applied as the editor applied it.

The server asks for whole texts (``TextDocumentSyncKind.Full``), but a client may send
its changes as edits of ranges anyway. pygls, asked for whole texts, takes such an
edit's text for the whole document (and only logs an error), so the server checked a
fragment of a few letters and published findings for a reply no one wrote. Its own
incremental mode is no remedy: it splits lines with ``str.splitlines``, which also
breaks at U+2028 and form feeds where the editor's lines do not. So an edit is applied
here, with the lines and columns of :class:`~replylint.lsp.positions.LineIndex`.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from replylint.lsp.positions import LineIndex


def apply_changes(
    text: str, changes: Sequence[types.TextDocumentContentChangeEvent], encoding: str
) -> str:
    """``text`` after ``changes``, in order: each one a whole new text or an edit of a
    range of the text the changes before it left (as the protocol says), its columns in
    the position ``encoding`` agreed at ``initialize``."""
    for change in changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            index = LineIndex(text, encoding)
            start = index.offset(change.range.start.line, change.range.start.character)
            end = index.offset(change.range.end.line, change.range.end.character)
            text = text[:start] + change.text + text[max(start, end) :]
        else:
            text = change.text
    return text

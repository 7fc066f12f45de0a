"""Whether a macro, as saved on disk, is a file ``replylint check`` and the pre-commit
hook can read.

The editor decodes a file itself and sends the server text: a Windows-1252 macro opened
with an encoding guessed, or shown with U+FFFD where its bytes are not UTF-8, is checked
like any other. The hook reads the file's bytes, and refuses any that are not UTF-8
(or UTF-16/32 with a byte-order mark) with an error (exit 2) rather than guess. So a
macro the editor showed as clean failed at the commit, for a reason the editor never
said. The server reads the saved file as the hook does and says why it would be refused.
"""

from __future__ import annotations

from pathlib import Path

from replylint.inputs import InputFileError, read_text

#: The bytes a file that holds no text yet may consist of: whitespace, NULs and the
#: byte-order marks (a UTF-16 file of spaces is all of these).
_BLANK_BYTES = b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"


def unreadable_as_saved(path: Path | None) -> str | None:
    """Why ``replylint check`` and the pre-commit hook cannot read the file at ``path``
    as it is saved (its encoding, NUL bytes), with what to do; None when they can, when
    there is no such file (an unsaved buffer) or when it holds no text yet (a new macro
    being written, whose text is only in the editor)."""
    if path is None:
        return None
    try:
        read_text(path, "macro")
    except InputFileError as exc:
        try:
            if not path.read_bytes().strip(_BLANK_BYTES):
                return None
        except OSError:  # gone, or a folder: nothing saved to check
            return None
        return (
            f"the pre-commit hook and `replylint check` cannot read this file as saved: "
            f"{exc}; or save it as UTF-8 from the editor"
        )
    return None

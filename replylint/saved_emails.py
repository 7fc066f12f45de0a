"""Saved e-mails (``.eml``) read as the text their reader sees.

An agent saves a draft from Thunderbird or Outlook ("Save as… .eml"), or saves the
customer's message to pass as ``--customer-message``. Read as plain text, its headers
(``From:``, ``Subject:``, ``Content-Type:``) were the reply's first lines, so the
greeting was reported missing on a reply that opens with one, and a quoted-printable
body carried ``=20`` and soft line breaks inside its words. The standard library's
``email`` package parses the message (RFC 5322 and MIME: parts, charsets, transfer
encodings), so nothing of that is written here.

Where the body is stored as it reads (one part, no transfer encoding), the header
lines become blank lines, so a finding's line number is the file's line, as in a
text file; otherwise (quoted-printable, base64, several parts) line numbers count in
the decoded body, from its first line.
"""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser

#: Transfer encodings that store the body as it reads, line for line.
_VERBATIM = {"", "7bit", "8bit", "binary"}


#: The "Re:" and "Fwd:" marks a mail client puts before a subject, repeated or not.
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|sv|vs)\s*(?:\[\d+\])?\s*:)+", re.IGNORECASE)


class NotReadable(ValueError):
    """The e-mail holds no text a reader would see; the message says what to do."""


def email_text(data: bytes, *, subject: bool = False) -> str | None:
    """The text of the saved e-mail ``data``: its plain-text part, else its HTML part
    (read then as HTML, as any HTML reply is), with charsets and transfer encodings
    decoded; None for a file with no e-mail headers, to be read as the text it is.

    ``subject``: the subject line first, then the body. A customer's subject is their
    own words and often the only statement of the problem ("Order never arrived" over
    "Can you help?"); a reply's subject is the thread's, not the agent's, so a reply is
    read without it."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message.keys():
        return None
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        kinds = sorted({part.get_content_type() for part in message.walk()})
        raise NotReadable(
            f"the e-mail has no text or HTML part (it holds {', '.join(kinds)}); "
            "save the reply itself as text (.txt) and check that"
        )
    try:
        content = (
            _undeclared_utf8(body) if body.get_content_charset() is None else body.get_content()
        )
    except LookupError:
        raise NotReadable(
            f"its charset {body.get_content_charset()!r} is not one Python knows; "
            "save the e-mail as UTF-8 text (.txt) and check that"
        ) from None
    if not isinstance(content, str):  # get_body only returns text parts; kept for mypy
        raise NotReadable("its text part could not be read as text")
    title = _REPLY_PREFIX.sub("", str(message.get("Subject", ""))).strip() if subject else ""
    if title:
        return f"{title}\n\n{content}"
    if body is message and str(message.get("Content-Transfer-Encoding", "")).lower() in _VERBATIM:
        return "\n" * _header_lines(data) + content
    return content


def _header_lines(data: bytes) -> int:
    """How many lines the header block and the blank line after it take."""
    ends = [at for at in (data.find(b"\r\n\r\n"), data.find(b"\n\n")) if at >= 0]
    if not ends:
        return data.count(b"\n")
    return data[: min(ends)].count(b"\n") + 2


def _undeclared_utf8(part: MIMEPart) -> str:
    """A text part that names no charset. MIME's default is US-ASCII, and the parser
    would read every other byte as a replacement character ("café" as "caf��"); mail
    clients that leave the charset out write UTF-8, so that is read, and anything else
    refused rather than guessed at."""
    payload = part.get_payload(decode=True)
    raw = payload if isinstance(payload, bytes) else b""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotReadable(
            f"its text names no charset and is not UTF-8 (bad byte at offset {exc.start} of "
            "the body); save the e-mail as UTF-8 text (.txt) and check that"
        ) from None

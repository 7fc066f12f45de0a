"""The customer's own words in the message a reply answers.

A customer's e-mail drags along the thread it answers: the agent's last reply quoted
under "On ... wrote:", a ``<blockquote>`` or an Outlook header. "I'm sorry the app keeps
crashing" there is the agent's earlier reply, not a problem the customer reports now;
read as theirs, it made an apology applicable to "All good now, thanks!" and a term the
agent used look like the customer's own word. So the quoted history is cut from the
message the way it is cut from a reply (:mod:`replylint.normalize.quoting`); the rest
is kept as written, markup and all, as the problem words and model read it.
"""

from __future__ import annotations

from replylint.normalize.htmltext import QUOTE_CLASSES
from replylint.normalize.pipeline import normalize
from replylint.normalize.quoting import may_hold_history


def own_words(message: str) -> str:
    """`message` without the history quoted in it; `message` itself when it holds none
    (the common case, decided without parsing it)."""
    if not may_hold_history(message) and not _quote_markup(message):
        return message
    normalized = normalize(message)
    quoted = [r for r in normalized.removed if r.kind == "quote"]
    if not quoted or not normalized.text:
        return message  # (a message that is all forwarded mail: that is what they sent)
    pieces = []
    cursor = 0
    for removed in quoted:
        pieces.append(message[cursor : removed.start])
        cursor = max(cursor, removed.end)
    pieces.append(message[cursor:])
    return "".join(pieces)


def _quote_markup(message: str) -> bool:
    """Whether `message` has the markup that wraps a quoted message in HTML."""
    lowered = message.lower()
    return "<blockquote" in lowered or any(name in lowered for name in QUOTE_CLASSES)

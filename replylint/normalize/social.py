"""Leading @handles and thread counters of social-media replies.

A brand's tweet starts with the handles it answers ("@115917 @AmazonHelp Hi
there"). They address the message, they are not words of it: a greeting check
must see "Hi there" as the first words. A handle inside a sentence ("please
DM @AcmeHelp") is a word of the sentence and stays.

A reply split over several tweets numbers them: "@dana (1/2) Hello, Dana! ..." or
"... we can help. 2/2". The counter is not a word either: at the start it would hide the
greeting, at the end it would stand as the reply's last sentence. Only a counter whose
first number is at most its second, at the very start (after any handles) or at the
very end after a sentence end, a line break or a link, is cut; at the start a bare "1/2"
must follow handles ("(1/2)" need not): "1/2 of the order has shipped" stays.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit

#: One or more handles at the very start, each followed by a separator or the
#: end. Each repetition starts with "@", so the loop cannot backtrack badly.
_LEADING_HANDLES = re.compile(
    r"\A[ \t\r\n]*(?:\.?@[A-Za-z0-9_]{1,30}(?![A-Za-z0-9_@'\u2019])[ \t\r\n:,]*){1,50}"
)
_TRAILING_SEPARATORS = " \t\r\n:,"
_LEADING_COUNTER = re.compile(r"\(?(\d{1,2})/(\d{1,2})\)?[ \t\r\n:,]+(?=\S)")
_COUNTER = re.compile(r"\(?(\d{1,2})/(\d{1,2})\)?")
_SPACE = " \t\r\n"
_LINK_START = ("http://", "https://", "www.")


def _in_order(match: re.Match[str], first: int) -> bool:
    """Whether a counter's numbers read "part of parts": 1/2, 2/2, not 3/2 or 0/2."""
    part, parts = int(match.group(first)), int(match.group(first + 1))
    return 1 <= part <= parts


def handle_edits(text: str) -> list[Edit]:
    """Edits that remove the handles a reply starts with and its thread counters."""
    edits: list[Edit] = []
    first = len(text) - len(text.lstrip(" \t\r\n"))
    start = first
    if text[first : first + 1] == "@" or text[first : first + 2] == ".@":
        match = _LEADING_HANDLES.match(text)
        if match is not None:
            end = match.end()
            handles_end = len(text[:end].rstrip(_TRAILING_SEPARATORS))
            edits.append(Edit(first, handles_end, removed="handle"))
            if end > handles_end:
                edits.append(Edit(handles_end, end))
            start = end
    counter = _LEADING_COUNTER.match(text, start)
    numbered = counter is not None and (edits or counter.group().startswith("("))
    if counter is not None and numbered and _in_order(counter, 1):
        edits.append(Edit(counter.start(), counter.end()))
        start = counter.end()
    trailing = _trailing_counter(text)
    if trailing is not None and trailing > start:
        edits.append(Edit(trailing, len(text)))
    return edits


def _last_word_start(text: str, end: int) -> int:
    """Where the whitespace-separated word ending at `end` starts."""
    return max(text.rfind(c, 0, end) for c in _SPACE) + 1


def _trailing_counter(text: str) -> int | None:
    """Where the text before a closing thread counter ends, if the reply ends in one
    after a sentence end, a line break or a link. Read word by word, not by a search
    that a long run of spaces would make slow."""
    end = len(text.rstrip(_SPACE))
    word = _last_word_start(text, end)
    counter = _COUNTER.fullmatch(text, word, end)
    if word == 0 or counter is None or not _in_order(counter, 1):
        return None
    head = len(text[:word].rstrip(_SPACE))
    before = text[_last_word_start(text, head) : head]
    closes = (
        "\n" in text[head:word]
        or before[-1:] in (".", "!", "?")
        or before.lower().startswith(_LINK_START)
    )
    return head if head and closes else None

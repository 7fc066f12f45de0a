"""Comments meant for replylint that are no directive: found, so they can be reported.

A directive that does not parse silences nothing, and the author, who sees the comment in
the macro, believes it works: ``replylint disable=jargon``, ``replylint: enable=jargon``,
``replylint: disable=jargon because brand``. A typo must not silently do nothing, so
everything that plainly addresses replylint but is no directive is found here, with what
is wrong with it, and reported as ``suppression.malformed``.

"Plainly addresses replylint" is kept narrow, so prose that names the tool is never a
finding. It is, where a directive may stand (a comment of one of
:data:`~replylint.normalize.directives.COMMENT_FORMS` on one line, or in plain text a line
of its own), text that starts with ``replylint`` followed by a colon, by a word and ``=``,
or by ``disable``/``enable``; and in plain text, after other words on a line, the shape
of a directive itself (``replylint: disable``), which there is also text the customer
reads. HTML has no plain-text lines: there a directive is read in a comment only, and one
written in the visible text (``<p>replylint: disable=jargon</p>``) is reported: it
silences nothing, and the customer would read it.
"""

from __future__ import annotations

import bisect
import re

from replylint.normalize.comments import comment_spans
from replylint.normalize.directives import (
    ACTIONS,
    COMMENT_FORMS,
    OPEN_GAP,
    RULE_LIST,
    directive_edits,
    lone_cr_as_lf,
    mentions_replylint,
)
from replylint.normalize.edits import Edit
from replylint.normalize.model import Directive, MalformedDirective

#: Text that addresses replylint, at the start of a comment or a line.
_ADDRESS = r"(?i:replylint(?:[ \t]*:|[ \t_-]*(?:[\w-]+[ \t]*=|(?:dis|en)able)))"
#: A comment that starts by addressing replylint (on the opener's line or, the opener
#: alone on its line, on a later one, as a directive may), to its closer: on the same
#: line, or alone at the start of a later line with only line breaks before it (then in
#: ``later``); else to the end of the line. The content is lazy and the end of the line
#: always ends it, so every attempt matches and the search goes on after it: linear time
#: even on a line of unclosed comments.
_COMMENTS = tuple(
    re.compile(
        rf"(?m){opener}{OPEN_GAP}(?P<content>(?={_ADDRESS})[^\n]*?)"
        rf"(?:(?P<closer>{closer})|(?=\r?$)(?:(?:\r?\n[ \t]*)+(?P<later>{closer}))?)"
    )
    for opener, closer in COMMENT_FORMS
)
#: Plain text: a line that starts by addressing replylint.
_LINE = re.compile(rf"(?m)^[ \t]*(?P<content>(?={_ADDRESS})[^\n]*?)(?=\r?$)")
#: Plain text: a directive after other words on its line (checked against the line start).
_IN_LINE = re.compile(
    r"(?mi)(?<![\w-])(?P<content>replylint[ \t]*:?[ \t_-]*(?:dis|en)able[^\n]*?)(?=\r?$)"
)
#: HTML: the shape of a directive in the text, up to the next tag or line end, without
#: the blanks before it. The content ends on a character that is no blank (greedy, one
#: step back): a lazy content before ``[ \t]*`` tried every split of a run of blanks
#: after the directive, and 50,000 tabs took 75 s.
_IN_HTML_TEXT = re.compile(
    r"(?i)(?<![\w-])(?P<content>replylint[ \t]*:?[ \t_-]*(?:dis|en)able(?![a-z])"
    r"(?:[^<\n]*[^<\s])?)[ \t]*(?=<|\r?\n|\r?$)"
)
_UNCLOSED = "the comment does not close after it (a directive fills its comment)"
_VISIBLE = (
    "it is in the text the customer reads: in HTML a directive goes in a comment, <!-- {} -->"
)
#: How a would-be directive splits: ``replylint``, the colon, the directive word.
_HEAD = re.compile(r"(?i)replylint(?P<colon>[ \t]*:)?[ \t_-]*(?P<word>[\w-]*)")
#: What may follow a directive word: the rule list.
_RULES = re.compile(rf"[ \t]*(?:=[ \t]*{RULE_LIST})?[ \t]*")
#: How much of a stray text a message quotes.
_QUOTE_CHARS = 40


def find_malformed(
    raw: str, directives: tuple[Directive, ...], *, html: bool
) -> tuple[MalformedDirective, ...]:
    """Every comment or line in ``raw`` that addresses replylint but is none of
    ``directives`` (those :func:`~replylint.normalize.directives.find_directives`
    found), in order. One stretch of text is reported once."""
    if not mentions_replylint(raw):
        return ()
    raw = lone_cr_as_lf(raw)  # the same lines as find_directives reads, same offsets
    candidates: list[tuple[int, int, str]] = []
    for pattern in _COMMENTS:
        for match in pattern.finditer(raw):
            problem = _problem(match["content"])
            if match["closer"] is None and match["later"] is None:
                problem = _UNCLOSED
            candidates.append((match.start(), match.end(), problem))
    if html:
        hidden = comment_spans(raw)
        starts = [start for start, _ in hidden]
        for match in _IN_HTML_TEXT.finditer(raw):
            if _inside(hidden, starts, match.start("content")):
                continue  # commented out with other text: the customer does not read it
            visible = _VISIBLE.format(_quoted(match["content"].strip()))
            candidates.append((match.start("content"), match.end("content"), visible))
    else:
        for match in _LINE.finditer(raw):
            candidates.append((match.start(), match.end(), _problem(match["content"])))
        for match in _IN_LINE.finditer(raw):
            if raw[raw.rfind("\n", 0, match.start()) + 1 : match.start()].strip():
                misplaced = "it is not alone on its line, nor at the start of a comment"
                candidates.append((match.start("content"), match.end(), misplaced))
    # Directives first where both start at once; a candidate that starts inside a
    # directive or an earlier candidate is (part of) that one.
    spans = [(d.start, 0, d.end, "") for d in directives]
    spans += [(start, 1, end, problem) for start, end, problem in candidates]
    found: list[MalformedDirective] = []
    reach = 0
    for start, is_candidate, end, problem in sorted(spans):
        if is_candidate:
            if start < reach:
                continue
            found.append(MalformedDirective(start, end, problem))
        reach = max(reach, end)
    return tuple(found)


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Is ``offset`` inside one of ``spans`` (in order, not overlapping; ``starts`` their
    starts)?"""
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i][1]


def _problem(content: str) -> str:
    """What keeps ``content`` (the text of a would-be directive, from ``replylint`` on)
    from being a directive, in words for the author."""
    head = _HEAD.match(content)
    if head is None:  # pragma: no cover - every candidate starts with "replylint"
        return "it does not parse"
    word = head["word"]
    if head["colon"] is None:
        return 'there is no colon after "replylint"'
    if word.lower() not in ACTIONS:
        known = " or ".join(sorted(ACTIONS))
        return f'"{_quoted(word)}" is not {known}' if word else f"no {known} follows the colon"
    rules = _RULES.match(content, head.end())
    rest = content[rules.end() if rules else head.end() :].strip()
    if rest:
        return f'"{_quoted(rest)}" after "{word}" is not understood'
    return "it does not parse"  # pragma: no cover - a directive that parses was found


def _quoted(text: str) -> str:
    """``text``, shortened to fit in a message."""
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


def suppression_edits(text: str, *, html: bool = False) -> list[Edit]:
    """Everything meant for replylint, out of the text the checks read: the directives
    (:func:`~replylint.normalize.directives.directive_edits`) and, in plain text, a line
    of its own that addresses replylint but is no directive (``replylint:
    disable-line=jargon``), as a directive's line is removed: it is reported as
    ``suppression.malformed``, and the checks must not read it as the reply's opening (it
    cost a "no greeting" warning beside the real finding). One test for the tool's name
    per reply serves both."""
    if not mentions_replylint(text):
        return []
    edits = directive_edits(text, html=html)
    if html:
        return edits
    taken = [(e.start, e.end) for e in edits]
    lines = lone_cr_as_lf(text)  # (the same offsets)
    for match in _LINE.finditer(lines):
        start = lines.rfind("\n", 0, match.start()) + 1
        end = lines.find("\n", match.end())
        end = len(lines) if end < 0 else end + 1
        if not any(s < end and start < e for s, e in taken):  # not a directive's line
            edits.append(Edit(start, end, removed="directive"))
    return sorted(edits, key=lambda e: e.start)
